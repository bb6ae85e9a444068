//! The generator's source of chance, its counters, and the small helpers
//! that write figures and dates the way notices do.

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use super::registry::Registry;
use crate::model::{Comparator, TargetId, TaskId};

/// The seeded random source with the state generation carries along: the
/// next ids, the programme year and the registry tasks draw units from.
pub(super) struct Gen {
    rng: ChaCha8Rng,
    next_task: usize,
    next_target: usize,
    pub(super) year: i32,
    pub(super) reg: Registry,
}

impl Gen {
    pub(super) fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            next_task: 0,
            next_target: 0,
            year: 2021,
            reg: Registry::default(),
        }
    }

    /// A uniform index below `n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.rng.random_range(0..n) }
    }

    /// A uniform integer in `lo..=hi` (`lo` when the range is empty).
    pub(super) fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { self.rng.random_range(lo..=hi) }
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    /// A uniform element of `xs`, or `default` when `xs` is empty.
    pub(super) fn pick<T: Copy>(&mut self, xs: &[T], default: T) -> T {
        let i = self.below(xs.len());
        xs.get(i).copied().unwrap_or(default)
    }

    pub(super) fn task_id(&mut self) -> Option<TaskId> {
        self.next_task += 1;
        ident(&format!("t{}", self.next_task))
    }

    pub(super) fn target_id(&mut self) -> Option<TargetId> {
        self.next_target += 1;
        ident(&format!("x{}", self.next_target))
    }
}

pub(super) fn ident<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

pub(super) fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    if m >= 12 { date(y, 12, 31) } else { date(y, m + 1, 1)?.pred_opt() }
}

/// Writes a count with 万 folded in as the notices do: 35000 → 3.5万.
pub(super) fn count_text(v: i64) -> String {
    if v >= 10_000 && v % 100 == 0 {
        match Decimal::from(v).checked_div(Decimal::from(10_000)) {
            Some(w) => format!("{}万", w.normalize()),
            None => v.to_string(),
        }
    } else {
        v.to_string()
    }
}

/// Writes a range as the notices do: 2.5—3万 when both ends fold into 万,
/// plain digits otherwise.
pub(super) fn range_text(a: i64, b: i64) -> String {
    let wan = |v: i64| Decimal::from(v).checked_div(Decimal::from(10_000)).map(|w| w.normalize());
    match (wan(a), wan(b)) {
        (Some(x), Some(y)) if a >= 10_000 && a % 100 == 0 && b % 100 == 0 => format!("{x}—{y}万"),
        _ => format!("{a}—{b}"),
    }
}

pub(super) fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Rounds a figure to look like one a notice would print.
pub(super) fn nice(v: i64) -> i64 {
    if v >= 10_000 {
        v - v % 100
    } else if v >= 1000 {
        v - v % 10
    } else {
        v
    }
}

/// The figure of a quantity with its comparator's words: 2万人以上, 超过300户.
pub(super) fn qty_figure(comparator: Comparator, figure: &str, unit: &str) -> String {
    match comparator {
        Comparator::AtLeast => format!("{figure}{unit}以上"),
        Comparator::AtMost => format!("不超过{figure}{unit}"),
        Comparator::MoreThan => format!("超过{figure}{unit}"),
        Comparator::LessThan => format!("少于{figure}{unit}"),
        Comparator::Approximately => format!("{figure}{unit}左右"),
        _ => format!("{figure}{unit}"),
    }
}
