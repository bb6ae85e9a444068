//! `minsheng gen`: a realistic generated programme, for tests and
//! benchmarks, written as it is made.

use minsheng::generate::{self, MAX_TASKS, WriteError};

use crate::output::{Failure, Outcome, Stdout, Verdict, write_failure};

/// Print a realistic generated programme (deterministic for a seed).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// How many tasks, sub-tasks included (at most 10 000 000: about 17 GB of JSON).
    #[arg(long, default_value_t = 100)]
    tasks: usize,
    /// The seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Prints the programme as JSON, task by task: memory stays small whatever
/// `--tasks` is.
pub(crate) fn run(args: &Args) -> Outcome {
    if args.tasks > MAX_TASKS {
        return Err(Failure::new(format!(
            "--tasks {}: the generator makes at most {MAX_TASKS} tasks (about 17 GB of JSON)",
            args.tasks
        )));
    }
    let mut out = Stdout::new();
    match generate::write_programme(&generate::Options { tasks: args.tasks, seed: args.seed }, &mut out) {
        Ok(()) => {}
        Err(WriteError::Io(e)) => write_failure(&out, e)?,
        Err(e) => return Err(Failure::new(e)),
    }
    out.finish()?;
    Ok(Verdict::Clean)
}
