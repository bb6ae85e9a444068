//! `minsheng parse-target` and `minsheng extract`: the phrase parser on the
//! command line, one JSON line per result.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use minsheng::Target;
use minsheng::parse::parse_targets;

/// Parses each phrase as one target and prints one JSON line per phrase:
/// the target, or `{"input": …, "error": …}`. With `year`, a phrase that is
/// a deadline (年底前) is read as one instead when it holds no target.
///
/// Exit 0 when every phrase parses, 1 otherwise.
pub fn parse_target(year: Option<i32>, phrases: &[String]) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    for phrase in phrases {
        let line = match phrase.parse::<Target>() {
            Ok(t) => serde_json::to_string(&t),
            Err(e) => match year.map(|y| minsheng::Deadline::parse(phrase, y)) {
                Some(Ok(d)) => serde_json::to_string(&d),
                _ => {
                    ok = false;
                    serde_json::to_string(&serde_json::json!({ "input": phrase, "error": e.to_string() }))
                }
            },
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
/// each with `span`, `sentence` and `target`. Exit 2 when the file cannot
/// be read, is larger than `max_bytes` or is not UTF-8.
pub fn extract(path: &Path, max_bytes: u64) -> ExitCode {
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
    for f in parse_targets(&text) {
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
