//! `minsheng parse-target` and `minsheng extract`: the phrase parser on the
//! command line, one JSON line per result.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use minsheng::Target;
use minsheng::parse::{parse_targets, parse_targets_in_year};

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
pub fn parse_target(year: Option<i32>, phrases: &[String]) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    for phrase in phrases {
        let found = match year {
            Some(y) => parse_targets_in_year(phrase, y),
            None => parse_targets(phrase),
        };
        let line = if found.len() > 1 {
            let targets: Vec<&Target> = found.iter().map(|f| &f.target).collect();
            serde_json::to_string(&serde_json::json!({ "input": phrase, "targets": targets }))
        } else {
            match phrase.parse::<Target>() {
                Ok(mut t) => {
                    if let Some(f) = found.into_iter().next() {
                        t.deadline = f.target.deadline;
                        t.baseline = f.target.baseline.or(t.baseline);
                    }
                    serde_json::to_string(&t)
                }
                Err(e) => match year.map(|y| minsheng::Deadline::parse(phrase, y)) {
                    Some(Ok(d)) => serde_json::to_string(&d),
                    _ => {
                        ok = false;
                        serde_json::to_string(&serde_json::json!({ "input": phrase, "error": e.to_string() }))
                    }
                },
            }
        };
        match line {
            Ok(line) => {
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::from(1);
                }
            }
            Err(e) => {
                eprintln!("minsheng: cannot serialize the result for {phrase:?}: {e}");
                ok = false;
            }
        }
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// The sentence around `span`: split on 。；; and newlines.
fn sentence(text: &str, span: &std::ops::Range<usize>) -> String {
    let is_end = |c: char| matches!(c, '。' | '；' | ';' | '\n');
    let start = text
        .get(..span.start)
        .and_then(|h| h.rfind(is_end).map(|i| i + h[i..].chars().next().map_or(1, char::len_utf8)))
        .unwrap_or(0);
    let end = text.get(span.end..).and_then(|t| t.find(is_end).map(|i| span.end + i)).unwrap_or(text.len());
    text.get(start..end).unwrap_or("").trim().to_owned()
}

/// Prints every target found in the text file at `path`, one JSON line
/// each with `span`, `sentence` and `target` (with `year`, deadlines and
/// baseline years filled in). Exit 2 when the file cannot be read, is
/// larger than `max_bytes` or is not UTF-8.
pub fn extract(path: &Path, year: Option<i32>, max_bytes: u64) -> ExitCode {
    let text = match minsheng::read_limited(path, max_bytes).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            eprintln!("minsheng: {}: not UTF-8 text: {e}", path.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("minsheng: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let found = match year {
        Some(y) => parse_targets_in_year(&text, y),
        None => parse_targets(&text),
    };
    for f in found {
        let value = serde_json::json!({
            "span": [f.span.start, f.span.end],
            "sentence": sentence(&text, &f.span),
            "target": f.target,
        });
        if writeln!(out, "{value}").is_err() {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
