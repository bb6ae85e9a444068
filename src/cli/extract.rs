//! `minsheng extract`: every target the phrase parser finds in a text file.
//!
//! One JSON line per target: `span` (its bytes in the file), `sentence`
//! (the sentence around it, whole when it is at most [`WHOLE`] bytes, else
//! an excerpt of at most [`CONTEXT`] characters either side of the target,
//! cut ends marked `…`), `sentence_span` (the whole sentence's bytes) and
//! `target`. Each line is bounded whatever the input: a sentence of a
//! hundred thousand characters listing thousands of targets is not
//! repeated on every line, and finding the sentences takes one pass.

use std::ops::Range;
use std::path::PathBuf;

use minsheng::Target;
use minsheng::parse::{parse_targets, parse_targets_in_year};
use serde::Serialize;

use crate::output::{Outcome, Stdout, Verdict, write_failure};

/// A sentence up to this many bytes (about 340 Chinese characters) is
/// printed whole.
const WHOLE: usize = 1024;

/// Characters of context kept either side of a target in a longer sentence.
const CONTEXT: usize = 80;

/// A target itself is printed in full up to this many characters; a
/// longer one keeps its beginning and end.
const TARGET_CHARS: usize = 400;

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

/// One line of output.
#[derive(Serialize)]
struct Line<'a> {
    span: [usize; 2],
    sentence: String,
    sentence_span: [usize; 2],
    target: &'a Target,
}

/// Prints every target found in the file, one JSON line each (see the
/// module documentation for the fields).
pub(crate) fn run(args: &Args) -> Outcome {
    let text = crate::input::text(&args.file, args.max_bytes)?;
    let mut out = Stdout::new();
    let found = match args.year {
        Some(y) => parse_targets_in_year(&text, y),
        None => parse_targets(&text),
    };
    let sentences = Sentences::new(&text);
    for f in &found {
        let sentence = sentences.around(&f.span);
        let line = Line {
            span: [f.span.start, f.span.end],
            sentence: excerpt(&text, &sentence, &f.span),
            sentence_span: [sentence.start, sentence.end],
            target: &f.target,
        };
        if let Err(e) = serde_json::to_writer(&mut out, &line) {
            write_failure(&out, e)?;
        }
        out.line("")?;
        if out.is_closed() {
            break;
        }
    }
    out.finish()?;
    Ok(Verdict::Clean)
}

/// Where the sentences of a text end: after 。；; and line breaks.
struct Sentences<'t> {
    text: &'t str,
    /// Byte offsets of every sentence end, in order.
    ends: Vec<usize>,
}

impl<'t> Sentences<'t> {
    fn new(text: &'t str) -> Self {
        let ends =
            text.char_indices().filter(|&(_, c)| matches!(c, '。' | '；' | ';' | '\n')).map(|(i, _)| i).collect();
        Sentences { text, ends }
    }

    /// The sentence around `span`, without surrounding spaces: from after
    /// the last end before the span to the first end at or after its end.
    /// Two binary searches, so a text with many targets takes linear time.
    fn around(&self, span: &Range<usize>) -> Range<usize> {
        let before = self.ends.partition_point(|&e| e < span.start);
        let start = match before.checked_sub(1).and_then(|i| self.ends.get(i)) {
            Some(&e) => e + self.text.get(e..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8),
            None => 0,
        };
        let after = self.ends.partition_point(|&e| e < span.end);
        let end = self.ends.get(after).copied().unwrap_or(self.text.len());
        let Some(sentence) = self.text.get(start..end) else { return span.clone() };
        let trimmed_start = start + (sentence.len() - sentence.trim_start().len());
        let trimmed_end = end - (sentence.len() - sentence.trim_end().len());
        if trimmed_start <= span.start && span.end <= trimmed_end { trimmed_start..trimmed_end } else { start..end }
    }
}

/// The sentence whole when it is short, else the target with at most
/// [`CONTEXT`] characters either side, cuts marked `…`.
fn excerpt(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> String {
    let Some(whole) = text.get(sentence.clone()) else { return String::new() };
    if whole.len() <= WHOLE {
        return whole.to_owned();
    }
    let before = text.get(sentence.start..span.start).unwrap_or("");
    let target = text.get(span.clone()).unwrap_or("");
    let after = text.get(span.end..sentence.end).unwrap_or("");
    let mut out = String::new();
    let kept_before = before.char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    if kept_before > 0 {
        out.push('…');
    }
    out.push_str(&before[kept_before..]);
    if target.chars().nth(TARGET_CHARS).is_some() {
        let head = target.char_indices().nth(TARGET_CHARS / 2).map_or(target.len(), |(i, _)| i);
        let tail = target.char_indices().rev().nth(TARGET_CHARS / 2 - 1).map_or(0, |(i, _)| i);
        out.push_str(&target[..head]);
        out.push('…');
        out.push_str(&target[tail.max(head)..]);
    } else {
        out.push_str(target);
    }
    let kept_after = after.char_indices().nth(CONTEXT).map_or(after.len(), |(i, _)| i);
    out.push_str(&after[..kept_after]);
    if kept_after < after.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_sentence_is_whole_and_a_long_one_an_excerpt() {
        let text = "前言。城镇新增就业1万人；其他";
        let span = text.find("1万人").unwrap()..text.find("；").unwrap();
        let sentence = Sentences::new(text).around(&span);
        assert_eq!(&text[sentence.clone()], "城镇新增就业1万人");
        assert_eq!(excerpt(text, &sentence, &span), "城镇新增就业1万人");

        let long = format!("{}新增就业1万人{}。", "甲".repeat(500), "乙".repeat(500));
        let span = long.find("1万人").unwrap()..long.find("1万人").unwrap() + "1万人".len();
        let sentence = Sentences::new(&long).around(&span);
        assert_eq!(sentence, 0..long.find('。').unwrap());
        let e = excerpt(&long, &sentence, &span);
        assert_eq!(e, format!("…{}新增就业1万人{}…", "甲".repeat(76), "乙".repeat(80)));
    }
}
