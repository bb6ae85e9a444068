//! `minsheng parse-target`: the phrase parser on the command line, one JSON
//! line per phrase.

use minsheng::Target;
use minsheng::parse::{parse_targets, parse_targets_in_year};

use crate::output::{Failure, Outcome, Stdout, Verdict};

/// Parse target phrases and print one JSON line per phrase.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme year, for deadline phrases.
    #[arg(long)]
    year: Option<i32>,
    /// The phrases.
    #[arg(required = true)]
    phrases: Vec<String>,
}

/// Parses each phrase and prints one JSON line per phrase:
///
/// - a phrase with one target: the target;
/// - a phrase with several (分别达到85%、82%和90%, 不少于300个800栋…):
///   `{"input": …, "targets": [the targets in text order]}`;
/// - with `year`, a phrase that holds no target but is a deadline (年底前):
///   the deadline;
/// - otherwise `{"input": …, "error": …}`, the error saying what was not
///   understood and at which byte.
///
/// With `year`, targets also get the deadline their phrase names and the
/// year of their baseline. Exit 0 when every phrase gives something, 1
/// otherwise.
pub(crate) fn run(args: &Args) -> Outcome {
    let mut out = Stdout::new();
    let mut understood = true;
    for phrase in &args.phrases {
        let (line, ok) = parse_one(phrase, args.year);
        understood &= ok;
        out.line(line.map_err(|e| Failure::new(format!("cannot write the result for {phrase:?}: {e}")))?)?;
        if out.is_closed() {
            break;
        }
    }
    out.finish()?;
    Ok(Verdict::errors_if(!understood))
}

/// One phrase's JSON line, and whether the phrase gave something.
fn parse_one(phrase: &str, year: Option<i32>) -> (serde_json::Result<String>, bool) {
    let found = match year {
        Some(y) => parse_targets_in_year(phrase, y),
        None => parse_targets(phrase),
    };
    if found.len() > 1 {
        let targets: Vec<&Target> = found.iter().map(|f| &f.target).collect();
        return (serde_json::to_string(&serde_json::json!({ "input": phrase, "targets": targets })), true);
    }
    match phrase.parse::<Target>() {
        Ok(mut t) => {
            if let Some(f) = found.into_iter().next() {
                t.deadline = f.target.deadline;
                t.baseline = f.target.baseline.or(t.baseline);
            }
            (serde_json::to_string(&t), true)
        }
        Err(e) => match year.map(|y| minsheng::Deadline::parse(phrase, y)) {
            Some(Ok(d)) => (serde_json::to_string(&d), true),
            _ => (serde_json::to_string(&serde_json::json!({ "input": phrase, "error": e.to_string() })), false),
        },
    }
}
