//! The account of every character of a notice's task-bearing part: inside a
//! task's source span, inside the structure and metadata the import read
//! (section headings and texts, table headers, header lines), or inside a
//! diagnostic that says why it was not read.
//!
//! The account is taken from what the import produced, after the fact: a
//! stretch that no task, heading or diagnostic covers shows up as
//! unaccounted, however it came to be dropped. The importer then reports each
//! such stretch as a [`DiagnosticKind::NotRead`](super::DiagnosticKind)
//! diagnostic, so nothing is dropped silently, but the share stays below
//! 100%: the measure tells a reader (and the corpus test) that something
//! was dropped without a reason.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::text::is_space;

/// How much of a notice's task-bearing part the import accounts for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Accounting {
    /// Byte range of the task-bearing part: from the first task, section
    /// heading or table header to the end of the last task (empty when no
    /// task was recognised).
    pub part: Range<usize>,
    /// Characters in it, spaces and line breaks not counted.
    pub chars: usize,
    /// Of those, the characters inside a task, a heading or header metadata,
    /// or a diagnostic.
    pub accounted: usize,
    /// Of those, the characters inside a task's source span.
    pub in_tasks: usize,
    /// Of those, the characters inside a diagnostic and nothing else.
    pub in_diagnostics: usize,
    /// Stretches of the part that nothing accounts for, in text order.
    pub unaccounted: Vec<Range<usize>>,
    /// How many diagnostics the import gave (for the summary line).
    pub diagnostics: usize,
}

impl Accounting {
    /// The share accounted for in tenths of a percent, rounded down so that
    /// 1000 means every character (1000 when the part is empty).
    pub fn per_mille(&self) -> usize {
        if self.chars == 0 {
            return 1000;
        }
        self.accounted.saturating_mul(1000) / self.chars
    }

    /// `true` when every character of the part is accounted for.
    pub fn complete(&self) -> bool {
        self.accounted == self.chars
    }
}

/// `accounted for 100% of 3 412 characters; 3 diagnostics`.
impl fmt::Display for Accounting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.per_mille();
        let shown = if p.is_multiple_of(10) { format!("{}", p / 10) } else { format!("{}.{}", p / 10, p % 10) };
        let plural = if self.diagnostics == 1 { "" } else { "s" };
        write!(
            f,
            "accounted for {shown}% of {} characters; {} diagnostic{plural}",
            grouped(self.chars),
            self.diagnostics
        )
    }
}

/// 3412 as `3 412`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// What the import read, by kind, as byte ranges of the source.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// Source spans of tasks (sub-tasks included).
    pub tasks: Vec<Range<usize>>,
    /// Section headings and their texts, table headers.
    pub structure: Vec<Range<usize>>,
    /// Header lines read as metadata.
    pub metadata: Vec<Range<usize>>,
    /// Diagnostics' spans.
    pub diagnostics: Vec<Range<usize>>,
}

/// Sorts and merges ranges (adjacent ones too).
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A cursor over merged ranges: whether a byte offset lies in one, in one
/// forward pass.
struct Cover {
    ranges: Vec<Range<usize>>,
    k: usize,
}

impl Cover {
    fn new(ranges: Vec<Range<usize>>) -> Self {
        Self { ranges: merged(ranges), k: 0 }
    }

    /// `true` when `at` lies in a range; `at` must not go backwards between calls.
    fn holds(&mut self, at: usize) -> bool {
        while self.ranges.get(self.k).is_some_and(|r| r.end <= at) {
            self.k += 1;
        }
        self.ranges.get(self.k).is_some_and(|r| r.start <= at)
    }
}

/// Takes the account of `src` from what the import read.
pub(crate) fn account(src: &str, ledger: &Ledger) -> Accounting {
    let first = ledger.tasks.iter().chain(&ledger.structure).map(|r| r.start).min();
    let last = ledger.tasks.iter().map(|r| r.end).max();
    let part = match (first, last) {
        (Some(a), Some(b)) if a < b => a..b,
        _ => return Accounting::default(),
    };
    let mut tasks = Cover::new(ledger.tasks.clone());
    let mut read = Cover::new(ledger.structure.iter().chain(&ledger.metadata).cloned().collect());
    let mut diagnosed = Cover::new(ledger.diagnostics.clone());
    let mut a = Accounting { part: part.clone(), ..Accounting::default() };
    let mut gap: Option<Range<usize>> = None;
    let text = src.get(part.clone()).unwrap_or("");
    for (i, c) in text.char_indices() {
        if is_space(c) {
            continue;
        }
        let at = part.start + i;
        a.chars += 1;
        let in_task = tasks.holds(at);
        let in_read = read.holds(at);
        let in_diag = diagnosed.holds(at);
        if in_task || in_read || in_diag {
            a.accounted += 1;
            a.in_tasks += usize::from(in_task);
            a.in_diagnostics += usize::from(in_diag && !in_task && !in_read);
            if let Some(g) = gap.take() {
                a.unaccounted.push(g);
            }
        } else {
            let end = at + c.len_utf8();
            gap = Some(gap.map_or(at..end, |g| g.start..end));
        }
    }
    a.unaccounted.extend(gap);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes_nor_spaces() {
        let src = "一、任务\n1.新建 幼儿园5所。\n杂项\n2.建设步道3条。";
        let t1 = src.find("1.").unwrap()..src.find("\n杂").unwrap();
        let t2 = src.find("2.").unwrap()..src.len();
        let ledger = Ledger { tasks: vec![t1, t2], ..Ledger::default() };
        let a = account(src, &ledger);
        assert_eq!(a.chars, "1.新建幼儿园5所。杂项2.建设步道3条。".chars().count());
        assert_eq!(a.unaccounted.len(), 1);
        assert_eq!(&src[a.unaccounted[0].clone()], "杂项");
        assert!(!a.complete());
        let with = Ledger { diagnostics: vec![a.unaccounted[0].clone()], ..ledger };
        let b = account(src, &with);
        assert!(b.complete());
        assert_eq!(b.in_diagnostics, 2);
    }

    #[test]
    fn the_summary_line() {
        let a = Accounting { chars: 3412, accounted: 3412, diagnostics: 3, ..Accounting::default() };
        assert_eq!(a.to_string(), "accounted for 100% of 3 412 characters; 3 diagnostics");
        let b = Accounting { chars: 1000, accounted: 999, diagnostics: 1, ..Accounting::default() };
        assert_eq!(b.to_string(), "accounted for 99.9% of 1 000 characters; 1 diagnostic");
        assert_eq!(Accounting::default().per_mille(), 1000);
    }
}
