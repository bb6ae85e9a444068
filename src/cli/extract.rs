//! `minsheng extract`: every target the phrase parser finds in a text file.

use std::ops::Range;
use std::path::PathBuf;

use minsheng::parse::{parse_targets, parse_targets_in_year};

use crate::output::{Outcome, Stdout, Verdict};

/// Print every target found in a text file, one JSON line each.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The text file.
    file: PathBuf,
    /// The programme year: fills in target deadlines (年内, 年底前) and baseline years.
    #[arg(long)]
    year: Option<i32>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Prints every target found in the file, one JSON line each with `span`,
/// `sentence` and `target` (with `year`, deadlines and baseline years
/// filled in).
pub(crate) fn run(args: &Args) -> Outcome {
    let text = crate::input::text(&args.file, args.max_bytes)?;
    let mut out = Stdout::new();
    let found = match args.year {
        Some(y) => parse_targets_in_year(&text, y),
        None => parse_targets(&text),
    };
    for f in found {
        let value = serde_json::json!({
            "span": [f.span.start, f.span.end],
            "sentence": sentence(&text, &f.span),
            "target": f.target,
        });
        out.line(value)?;
        if out.is_closed() {
            break;
        }
    }
    out.finish()?;
    Ok(Verdict::Clean)
}

/// The sentence around `span`: split on 。；; and newlines.
fn sentence(text: &str, span: &Range<usize>) -> String {
    let is_end = |c: char| matches!(c, '。' | '；' | ';' | '\n');
    let start = text
        .get(..span.start)
        .and_then(|h| h.rfind(is_end).map(|i| i + h[i..].chars().next().map_or(1, char::len_utf8)))
        .unwrap_or(0);
    let end = text.get(span.end..).and_then(|t| t.find(is_end).map(|i| span.end + i)).unwrap_or(text.len());
    text.get(start..end).unwrap_or("").trim().to_owned()
}
