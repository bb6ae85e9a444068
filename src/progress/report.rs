//! The progress-report document: what a reporting unit says has been done,
//! as of a date.

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::Error;
use crate::json::date::DateString;
use crate::json::decimal::{self, DecimalString};
use crate::model::{Extra, ProgrammeId, Target, TargetId, TaskId, Unit, UnitId};

/// The version of the progress-report format; the schema's `$id` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReportFormatVersion {
    /// Version 1, written `"1"`.
    #[default]
    V1,
}

impl ReportFormatVersion {
    /// The version as written in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "1",
        }
    }
}

impl Serialize for ReportFormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReportFormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "1" => Ok(Self::V1),
            other => Err(serde::de::Error::custom(format_args!(
                "format_version {other:?} is not a progress-report version this minsheng reads (it reads \"1\")"
            ))),
        }
    }
}

impl schemars::JsonSchema for ReportFormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ReportFormatVersion".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "const": "1",
            "description": "The version of the minsheng progress-report format the document is written in.",
        })
    }
}

/// What has been achieved on one target, as of the report's date.
///
/// ```
/// use minsheng::progress::Actual;
/// use rust_decimal_macros::dec;
/// let a = Actual::value("t1-1".parse()?, "累计开展职业技能培训5.86万人次", dec!(58600)).in_unit(minsheng::Unit::PersonTime);
/// assert_eq!(serde_json::to_string(&a)?, r#"{"target":"t1-1","phrase":"累计开展职业技能培训5.86万人次","value":"58600","unit":"人次"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// The target reported on.
    pub target: TargetId,
    /// The words of the report the figure comes from, verbatim (累计开展职业技能培训5.86万人次).
    pub phrase: String,
    /// The cumulative figure, normalised (5.86万 → `"58600"`); in `unit` for
    /// quantities and money, else in the target's own terms (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<Decimal>,
    /// The unit of `value` for quantity and money targets; absent means the target's unit.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub unit: Option<Unit>,
    /// Whether the target is reached, for targets without a figure
    /// (categorical, deferred, 由负转正) or when the report gives no figure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub achieved: Option<bool>,
    /// Anything the unit adds about this figure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub note: Option<String>,
}

impl Actual {
    /// The figure in the target's terms: converted into the target's unit
    /// for quantities and money; `None` when the actual gives no figure, or
    /// one in a unit that does not convert exactly.
    pub fn in_target_terms(&self, target: &Target) -> Option<Decimal> {
        self.figure_in(target.measure.unit().as_ref())
    }

    /// The figure in the unit `to` (the target's; `None` for a target
    /// measured without one).
    pub(crate) fn figure_in(&self, to: Option<&Unit>) -> Option<Decimal> {
        let value = self.value?;
        match (to, &self.unit) {
            (Some(to), Some(from)) => from.convert(value, to),
            (Some(_) | None, None) => Some(value),
            (None, Some(_)) => None,
        }
    }

    /// An actual figure in the target's unit.
    pub fn value(target: TargetId, phrase: impl Into<String>, value: Decimal) -> Self {
        Self { target, phrase: phrase.into(), value: Some(value), unit: None, achieved: None, note: None }
    }

    /// A reached / not reached statement, for targets without a figure.
    pub fn achieved(target: TargetId, phrase: impl Into<String>, achieved: bool) -> Self {
        Self { target, phrase: phrase.into(), value: None, unit: None, achieved: Some(achieved), note: None }
    }

    /// Sets the unit of the figure.
    #[must_use]
    pub fn in_unit(mut self, unit: Unit) -> Self {
        self.unit = Some(unit);
        self
    }
}

/// What a unit says about a task as a whole: how it stands and what holds it up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskNote {
    /// The task.
    pub task: TaskId,
    /// How the work stands, in the report's words (已完成招标, 正在开展前期工作).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub status: Option<String>,
    /// Problems and difficulties (存在的困难问题), one per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// What the unit will do next (下一步措施).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub next_steps: Option<String>,
}

/// A written progress report on a programme, as of a date.
///
/// ```
/// use chrono::NaiveDate;
/// use minsheng::progress::{Actual, ProgressReport};
/// use rust_decimal_macros::dec;
/// let r = ProgressReport::new("qinghai-2021".parse()?, NaiveDate::from_ymd_opt(2021, 6, 30).unwrap(), "hrss".parse()?)
///     .with_actual(Actual::value("t2-1".parse()?, "城镇新增就业3.4万人", dec!(34000)));
/// assert_eq!(r.actuals.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressReport {
    /// The format version; `"1"`.
    pub format_version: ReportFormatVersion,
    /// The programme the report is about.
    pub programme: ProgrammeId,
    /// The date its figures stand at (截至2021年6月30日).
    #[serde(with = "crate::json::date")]
    #[schemars(with = "DateString")]
    pub as_of: NaiveDate,
    /// Who reports: a unit id of the programme's registry.
    pub reporting_unit: UnitId,
    /// When the report was sent, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::date::option")]
    #[schemars(with = "Option<DateString>")]
    pub submitted: Option<NaiveDate>,
    /// Its title as written (2021年上半年民生实事工程进展情况).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub title: Option<String>,
    /// The figures, one per target reported on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Actual>,
    /// Notes on tasks: status and problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskNote>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl ProgressReport {
    /// An empty report.
    pub fn new(programme: ProgrammeId, as_of: NaiveDate, reporting_unit: UnitId) -> Self {
        Self {
            format_version: ReportFormatVersion::V1,
            programme,
            as_of,
            reporting_unit,
            submitted: None,
            title: None,
            actuals: Vec::new(),
            tasks: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Adds an actual figure.
    #[must_use]
    pub fn with_actual(mut self, actual: Actual) -> Self {
        self.actuals.push(actual);
        self
    }

    /// Adds a task note.
    #[must_use]
    pub fn with_note(mut self, note: TaskNote) -> Self {
        self.tasks.push(note);
        self
    }
}

/// Reads a progress report from JSON text, with located errors like
/// [`from_str`](crate::json::from_str).
///
/// # Errors
///
/// [`Error::Json`] when the text is not a progress report.
pub fn from_str(text: &str) -> Result<ProgressReport, Error> {
    crate::json::load::read_text(text, None)
}

/// Reads a progress report from a file, refusing files larger than `max_bytes`.
///
/// # Errors
///
/// [`Error::Io`], [`Error::TooLarge`] or [`Error::Json`] (naming the file).
pub fn from_path(path: impl AsRef<Path>, max_bytes: u64) -> Result<ProgressReport, Error> {
    let path = path.as_ref();
    let bytes = crate::json::load::read_limited(path, max_bytes)?;
    crate::json::load::read_json(&bytes, Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unknown_versions_and_fields() {
        let base = r#"{"format_version":"1","programme":"p","as_of":"2021-06-30","reporting_unit":"u"}"#;
        assert!(from_str(base).is_ok());
        let e = from_str(&base.replace("\"1\"", "\"2\"")).unwrap_err().to_string();
        assert!(e.contains("progress-report version"), "{e}");
        let e = from_str(&base.replace("\"u\"", "\"u\",\"colour\":1")).unwrap_err().to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
    }
}
