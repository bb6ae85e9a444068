//! Progress reports: what a reporting unit says has been done, as of a date.
//!
//! A [`ProgressReport`] is the written progress a unit sends the supervision
//! office (Haidong's reports by 3月25日、7月5日、10月5日、12月5日; Chuxiong's
//! monthly reports): the programme it is about, the date its figures stand
//! at (`as_of`), the reporting unit, one [`Actual`] per target it reports on
//! (the figure normalised like a target's, with the phrase the department
//! wrote) and one [`TaskNote`] per task it comments on (status notes and
//! problems).
//!
//! Actual figures are **cumulative** since the programme started, in the
//! target's terms: a quantity in any unit of the target's dimension
//! (5.86万人次 → `"58600"` 人次; 1.2亿元 → `"120000000"` 元), a percent or rate
//! as the level reached, a change as the change reached *in the target's
//! direction* (下降5.9% reached as 下降6.1% → `"6.1"`; a rise of 2% instead
//! is `"-2"`), a categorical or deferred target by `achieved`.
//!
//! [`validate_report`] checks one report against its programme, and
//! [`validate_reports`] checks a series in the order received; each finding
//! has a stable [`ProgressCode`], a severity and a JSON Pointer into the
//! report:
//!
//! | code | severity | what it finds |
//! |---|---|---|
//! | `wrong_programme` | error | the report names another programme |
//! | `unknown_reporting_unit` | error | the reporting unit is not in the programme's registry |
//! | `as_of_outside_programme` | error | `as_of` lies outside the programme's period (its year, or `period`) |
//! | `submitted_before_as_of` | warning | the report was submitted before the date its figures stand at |
//! | `stale_report` | error | the unit already gave a report as of a later date |
//! | `unknown_target` | error | an actual for a target id the programme does not have |
//! | `duplicate_actual` | error | two actuals for one target in one report |
//! | `unit_dimension_mismatch` | error | an actual in a unit of another dimension, or one that does not convert exactly |
//! | `unit_not_applicable` | error | a unit given for a percent, rate, change, categorical or deferred target |
//! | `value_not_applicable` | error | a figure given for a categorical or deferred target (use `achieved`) |
//! | `missing_value` | error | an actual with neither a figure nor `achieved` |
//! | `negative_actual` | error | a negative quantity, sum of money, percent or rate |
//! | `unknown_task` | error | a task note for a task id the programme does not have |
//! | `duplicate_task_note` | warning | two notes for one task in one report |
//! | `empty_text` | error | a blank phrase, status note or problem |
//!
//! ```
//! let programme = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let report = minsheng::progress::from_path("examples/data/progress/qinghai-2021-2021-06-30.json", minsheng::DEFAULT_MAX_BYTES)?;
//! assert!(minsheng::progress::validate_report(&programme, &report).is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Where the programme stands as of a date, from the reports received, is
//! [`evaluate`]; which reports are due and overdue is [`reporting_calendar`].

mod calendar;
mod check;
pub mod evaluate;
mod index;
mod report;

pub use calendar::{Obligation, ReportingCalendar, reporting_calendar};
pub use check::{ProgressCode, ProgressFinding, ProgressValidation, validate_report, validate_reports};
pub use report::{Actual, ProgressReport, ReportFormatVersion, TaskNote, from_path, from_str};
