//! `minsheng gen`: a realistic generated programme, for tests and
//! benchmarks.

use crate::output::{self, Failure, Outcome, Verdict};

/// Print a realistic generated programme (deterministic for a seed).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// How many tasks, sub-tasks included.
    #[arg(long, default_value_t = 100)]
    tasks: usize,
    /// The seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Prints the programme as JSON.
pub(crate) fn run(args: &Args) -> Outcome {
    let p = minsheng::generate::programme(&minsheng::generate::Options { tasks: args.tasks, seed: args.seed });
    let text = minsheng::to_string_pretty(&p).map_err(|e| Failure::new(format!("cannot write the programme: {e}")))?;
    output::print(&text)?;
    Ok(Verdict::Clean)
}
