//! Time: deadlines with their precision, recurring duties, and work phases.
//!
//! Notices write time loosely — 年底前, 10月底之前, 3月22日前, 第四季度,
//! 2021年3月至12月 — and leave the year to the reader. A [`Deadline`] keeps
//! those words and their resolved meaning: the last day (inclusive), an
//! optional first day for windows, and how precisely the notice spoke.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::json::date::DateString;
use crate::model::Extra;

/// How precisely a date was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// A day (3月22日前).
    Day,
    /// A month (10月底之前, 2月底前).
    Month,
    /// A quarter (第四季度).
    Quarter,
    /// A half year (上半年).
    HalfYear,
    /// A year (年底前, 年内).
    Year,
}

/// How often a recurring duty falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Frequency {
    /// Every week (每周).
    Weekly,
    /// Every month (每月).
    Monthly,
    /// Every quarter (每季度).
    Quarterly,
    /// Every half year (每半年).
    HalfYearly,
    /// Every year (每年).
    Yearly,
}

/// A date by which something must happen, as the notice wrote it and as it
/// resolves against the programme year.
///
/// ```
/// use chrono::NaiveDate;
/// use minsheng::{Deadline, Precision};
/// let d = Deadline::by("年底前", NaiveDate::from_ymd_opt(2021, 12, 31).unwrap(), Precision::Year);
/// assert_eq!(d.month_key(), "2021-12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// The words of the notice (年底前, 3月22日前, 2021年3月至12月).
    pub text: String,
    /// The first day of a window (2021-03-01 for 3月至12月; 2020-10-01 for
    /// 第四季度); absent for a plain "by" date.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::date::option")]
    #[schemars(with = "Option<DateString>")]
    pub start: Option<NaiveDate>,
    /// The last day, inclusive: 年底前 in 2021 is 2021-12-31; 10月底之前 is
    /// 10-31; 3月22日前 is 03-22 (the notices count the named day in).
    #[serde(with = "crate::json::date")]
    #[schemars(with = "DateString")]
    pub date: NaiveDate,
    /// How precisely the notice gave the date.
    pub precision: Precision,
    /// Set when the duty recurs (每月, 每季度末) over the window.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub recurrence: Option<Frequency>,
}

impl Deadline {
    /// A plain "by" deadline.
    pub fn by(text: impl Into<String>, date: NaiveDate, precision: Precision) -> Self {
        Self { text: text.into(), start: None, date, precision, recurrence: None }
    }

    /// A window from `start` to `date`.
    pub fn window(text: impl Into<String>, start: NaiveDate, date: NaiveDate, precision: Precision) -> Self {
        Self { text: text.into(), start: Some(start), date, precision, recurrence: None }
    }

    /// The month the deadline falls in, as `YYYY-MM`.
    pub fn month_key(&self) -> String {
        format!("{:04}-{:02}", self.date.year(), self.date.month())
    }
}

/// A stage of the work with its dates (制定方案阶段, 组织实施阶段, 检查考核阶段).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// The phase's name as written (组织实施阶段).
    pub name: String,
    /// When it runs: its window, or only the date it ends by.
    pub timing: Deadline,
    /// What is done in it, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub description: Option<String>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// The span of time a programme covers, when it is not simply its year
/// (Haixi's special action covers the fourth quarter of 2020).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first day.
    #[serde(with = "crate::json::date")]
    #[schemars(with = "DateString")]
    pub start: NaiveDate,
    /// The last day, inclusive.
    #[serde(with = "crate::json::date")]
    #[schemars(with = "DateString")]
    pub end: NaiveDate,
    /// The words of the notice (第四季度), when it names the period.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub text: Option<String>,
}

impl Period {
    /// The calendar year `year`, or `None` if the year is out of chrono's range.
    pub fn year(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year, 1, 1)?,
            end: NaiveDate::from_ymd_opt(year, 12, 31)?,
            text: None,
        })
    }

    /// `true` when `date` lies within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The most entries a recurring duty is expanded into.
const MAX_RECURRENCES: usize = 240;

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

impl Frequency {
    /// The period ends of this frequency within [start, end] (at most 240):
    /// the last day of each month, quarter, half year or year, or every
    /// seventh day from `start` for weekly duties.
    pub fn period_ends(self, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
        let step = match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
            Frequency::Weekly => {
                return std::iter::successors(Some(start), |d| d.checked_add_days(chrono::Days::new(7)))
                    .take_while(|d| *d <= end)
                    .take(MAX_RECURRENCES)
                    .collect();
            }
        };
        let mut out = Vec::new();
        let mut index = i64::from(start.year()) * 12 + i64::from(start.month0());
        let last = i64::from(end.year()) * 12 + i64::from(end.month0());
        while index <= last && out.len() < MAX_RECURRENCES {
            let (y, m0) = (index.div_euclid(12), index.rem_euclid(12));
            if (m0 + 1) % step == 0
                && let Some(d) = i32::try_from(y).ok().and_then(|y| last_day(y, m0 as u32 + 1))
                && d >= start
                && d <= end
            {
                out.push(d);
            }
            index += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_ends_fall_on_period_ends() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(Frequency::Monthly.period_ends(d(2021, 1, 1), d(2021, 12, 31)).len(), 12);
        assert_eq!(Frequency::Quarterly.period_ends(d(2020, 10, 1), d(2020, 12, 31)), vec![d(2020, 12, 31)]);
        assert_eq!(Frequency::Monthly.period_ends(d(2021, 2, 1), d(2021, 2, 27)), vec![]);
        assert_eq!(Frequency::Monthly.period_ends(d(1, 1, 1), d(9000, 1, 1)).len(), MAX_RECURRENCES);
    }
}
