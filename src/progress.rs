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

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::DateString;
use crate::decimal::{self, DecimalString, plain};
use crate::pointer::Pointer;
use crate::validate::Severity;
use crate::{Error, Extra, Measure, Programme, ProgrammeId, Target, TargetId, Task, TaskId, Unit, UnitId};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Whether the target is reached, for targets without a figure
    /// (categorical, deferred, 由负转正) or when the report gives no figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved: Option<bool>,
    /// Anything the unit adds about this figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Actual {
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Problems and difficulties (存在的困难问题), one per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
    /// What the unit will do next (下一步措施).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(with = "crate::date")]
    #[schemars(with = "DateString")]
    pub as_of: NaiveDate,
    /// Who reports: a unit id of the programme's registry.
    pub reporting_unit: UnitId,
    /// When the report was sent, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::date::option")]
    #[schemars(with = "Option<DateString>")]
    pub submitted: Option<NaiveDate>,
    /// Its title as written (2021年上半年民生实事工程进展情况).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
/// [`from_str`](crate::from_str).
///
/// # Errors
///
/// [`Error::Json`] when the text is not a progress report.
pub fn from_str(text: &str) -> Result<ProgressReport, Error> {
    crate::load::read_text(text, None)
}

/// Reads a progress report from a file, refusing files larger than `max_bytes`.
///
/// # Errors
///
/// [`Error::Io`], [`Error::TooLarge`] or [`Error::Json`] (naming the file).
pub fn from_path(path: impl AsRef<Path>, max_bytes: u64) -> Result<ProgressReport, Error> {
    let path = path.as_ref();
    let bytes = crate::load::read_limited(path, max_bytes)?;
    crate::load::read_json(&bytes, Some(path))
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $severity:ident;)*) => {
        /// The stable code of a progress-report rule; see the [module documentation](self).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[non_exhaustive]
        pub enum ProgressCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl ProgressCode {
            /// Every code, in table order.
            pub const ALL: &'static [ProgressCode] = &[$(ProgressCode::$variant,)*];

            /// The code as written in reports.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProgressCode::$variant => $name,)*
                }
            }

            /// The severity findings of this code have.
            pub fn severity(self) -> Severity {
                match self {
                    $(ProgressCode::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    /// The report names another programme.
    WrongProgramme => "wrong_programme", Error;
    /// The reporting unit is not in the registry.
    UnknownReportingUnit => "unknown_reporting_unit", Error;
    /// `as_of` outside the programme's period.
    AsOfOutsideProgramme => "as_of_outside_programme", Error;
    /// Submitted before the date its figures stand at.
    SubmittedBeforeAsOf => "submitted_before_as_of", Warning;
    /// Older than a report the unit already gave.
    StaleReport => "stale_report", Error;
    /// An actual for an unknown target.
    UnknownTarget => "unknown_target", Error;
    /// Two actuals for one target.
    DuplicateActual => "duplicate_actual", Error;
    /// An actual in a unit of another dimension.
    UnitDimensionMismatch => "unit_dimension_mismatch", Error;
    /// A unit where the target's measure has none.
    UnitNotApplicable => "unit_not_applicable", Error;
    /// A figure for a target that has none.
    ValueNotApplicable => "value_not_applicable", Error;
    /// Neither a figure nor `achieved`.
    MissingValue => "missing_value", Error;
    /// A negative quantity, money, percent or rate.
    NegativeActual => "negative_actual", Error;
    /// A note for an unknown task.
    UnknownTask => "unknown_task", Error;
    /// Two notes for one task.
    DuplicateTaskNote => "duplicate_task_note", Warning;
    /// A blank text.
    EmptyText => "empty_text", Error;
}

impl fmt::Display for ProgressCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One defect of a progress report, located in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressFinding {
    /// The rule that found it.
    pub code: ProgressCode,
    /// How serious it is.
    pub severity: Severity,
    /// JSON Pointer into the report (`/actuals/3/unit`).
    pub path: String,
    /// What is wrong, naming the target or task in the notice's words.
    pub message: String,
}

impl fmt::Display for ProgressFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}] {}: {}", self.severity, self.code, self.path, self.message)
    }
}

/// Everything found wrong with one progress report, in report order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressValidation {
    /// The findings.
    pub findings: Vec<ProgressFinding>,
}

impl ProgressValidation {
    /// The error findings.
    pub fn errors(&self) -> impl Iterator<Item = &ProgressFinding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// `true` when some finding has `code`.
    pub fn has(&self, code: ProgressCode) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// A target of the programme, found by id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located<'p> {
    pub(crate) target: &'p Target,
}

/// The programme's tasks and targets by id, built once per call (linear).
pub(crate) struct Index<'p> {
    pub(crate) targets: HashMap<&'p str, Located<'p>>,
    pub(crate) tasks: HashMap<&'p str, &'p Task>,
}

impl<'p> Index<'p> {
    pub(crate) fn new(programme: &'p Programme) -> Self {
        let mut targets = HashMap::new();
        let mut tasks = HashMap::new();
        for section in &programme.sections {
            for task in section.tasks.iter().flat_map(Task::walk) {
                tasks.entry(task.id.as_str()).or_insert(task);
                for target in &task.targets {
                    targets.entry(target.id.as_str()).or_insert(Located { target });
                }
            }
        }
        Self { targets, tasks }
    }
}

/// An actual's figure in the target's terms: converted into the target's
/// unit for quantities and money; `None` when it has no usable figure.
pub(crate) fn figure_in_target_terms(target: &Target, actual: &Actual) -> Option<Decimal> {
    let value = actual.value?;
    match (target.measure.unit(), &actual.unit) {
        (Some(to), Some(from)) => from.convert(value, &to),
        (Some(_), None) => Some(value),
        (None, None) => Some(value),
        (None, Some(_)) => None,
    }
}

/// The period a programme covers: its `period`, else its year.
pub(crate) fn programme_period(programme: &Programme) -> Option<(NaiveDate, NaiveDate)> {
    programme.effective_period().map(|p| (p.start, p.end))
}

/// Checks one report against its programme. Does not know earlier reports;
/// see [`validate_reports`] for `stale_report`.
pub fn validate_report(programme: &Programme, report: &ProgressReport) -> ProgressValidation {
    let index = Index::new(programme);
    let mut findings = Vec::new();
    check(programme, &index, report, None, &mut findings);
    ProgressValidation { findings }
}

/// Checks a series of reports in the order they were received: each as
/// [`validate_report`] does, and each against the reports before it from
/// the same unit (`stale_report`). One result per report, in order.
pub fn validate_reports(programme: &Programme, reports: &[ProgressReport]) -> Vec<ProgressValidation> {
    let index = Index::new(programme);
    let mut latest: HashMap<&str, NaiveDate> = HashMap::new();
    reports
        .iter()
        .map(|report| {
            let mut findings = Vec::new();
            let earlier = latest.get(report.reporting_unit.as_str()).copied();
            check(programme, &index, report, earlier, &mut findings);
            let entry = latest.entry(report.reporting_unit.as_str()).or_insert(report.as_of);
            *entry = (*entry).max(report.as_of);
            ProgressValidation { findings }
        })
        .collect()
}

fn check(
    programme: &Programme,
    index: &Index<'_>,
    report: &ProgressReport,
    earlier: Option<NaiveDate>,
    out: &mut Vec<ProgressFinding>,
) {
    let root = Pointer::root();
    let mut push = |code: ProgressCode, path: Pointer, message: String| {
        out.push(ProgressFinding { code, severity: code.severity(), path: path.into(), message });
    };
    if report.programme != programme.id {
        push(
            ProgressCode::WrongProgramme,
            root.key("programme"),
            format!("the report is about programme {}, not {} ({})", report.programme, programme.id, programme.title),
        );
    }
    if programme.unit(&report.reporting_unit).is_none() {
        push(
            ProgressCode::UnknownReportingUnit,
            root.key("reporting_unit"),
            format!("reporting unit {} is not in the registry of {}", report.reporting_unit, programme.title),
        );
    }
    if let Some((start, end)) = programme_period(programme)
        && !(start <= report.as_of && report.as_of <= end)
    {
        push(
            ProgressCode::AsOfOutsideProgramme,
            root.key("as_of"),
            format!("the report stands at {}, outside the programme's period {start} to {end}", report.as_of),
        );
    }
    if let Some(submitted) = report.submitted
        && submitted < report.as_of
    {
        push(
            ProgressCode::SubmittedBeforeAsOf,
            root.key("submitted"),
            format!("submitted on {submitted}, before the date its figures stand at ({})", report.as_of),
        );
    }
    if let Some(earlier) = earlier
        && report.as_of < earlier
    {
        push(
            ProgressCode::StaleReport,
            root.key("as_of"),
            format!(
                "{} already reported as of {earlier}; this report stands at the earlier date {}",
                unit_name(programme, &report.reporting_unit),
                report.as_of
            ),
        );
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, actual) in report.actuals.iter().enumerate() {
        let at = root.key("actuals").index(i);
        if actual.phrase.trim().is_empty() {
            push(
                ProgressCode::EmptyText,
                at.key("phrase"),
                format!("the actual for target {} has a blank phrase", actual.target),
            );
        }
        let Some(located) = index.targets.get(actual.target.as_str()) else {
            push(
                ProgressCode::UnknownTarget,
                at.key("target"),
                format!("target {} ({}) is not a target of {}", actual.target, actual.phrase, programme.title),
            );
            continue;
        };
        let target = located.target;
        let name = format!("target {} ({})", target.id, target.phrase);
        if !seen.insert(actual.target.as_str()) {
            push(ProgressCode::DuplicateActual, at.key("target"), format!("{name} is reported twice in this report"));
        }
        check_actual(target, actual, &name, &at, &mut push);
    }
    let mut noted: HashSet<&str> = HashSet::new();
    for (i, note) in report.tasks.iter().enumerate() {
        let at = root.key("tasks").index(i);
        match index.tasks.get(note.task.as_str()) {
            None => push(
                ProgressCode::UnknownTask,
                at.key("task"),
                format!("task {} is not a task of {}", note.task, programme.title),
            ),
            Some(task) => {
                if !noted.insert(note.task.as_str()) {
                    push(
                        ProgressCode::DuplicateTaskNote,
                        at.key("task"),
                        format!("task {} ({}) has two notes in this report", task.id, task.label()),
                    );
                }
            }
        }
        if note.status.as_deref().is_some_and(|s| s.trim().is_empty()) {
            push(
                ProgressCode::EmptyText,
                at.key("status"),
                format!("the note on task {} has a blank status", note.task),
            );
        }
        for (j, p) in note.problems.iter().enumerate() {
            if p.trim().is_empty() {
                push(
                    ProgressCode::EmptyText,
                    at.key("problems").index(j),
                    format!("the note on task {} lists a blank problem", note.task),
                );
            }
        }
    }
}

fn check_actual(
    target: &Target,
    actual: &Actual,
    name: &str,
    at: &Pointer,
    push: &mut impl FnMut(ProgressCode, Pointer, String),
) {
    let figureless = matches!(target.measure, Measure::Categorical { .. } | Measure::Deferred { .. });
    if actual.value.is_none() && actual.achieved.is_none() {
        push(
            ProgressCode::MissingValue,
            at.clone(),
            format!("the actual for {name} gives neither a figure (value) nor whether it is reached (achieved)"),
        );
    }
    if figureless && actual.value.is_some() {
        push(
            ProgressCode::ValueNotApplicable,
            at.key("value"),
            format!(
                "{name} has no figure to compare with ({}); say whether it is reached with achieved",
                target.measure.kind()
            ),
        );
    }
    match (target.measure.unit(), &actual.unit) {
        (Some(to), Some(from)) => {
            if !from.is_compatible(&to) {
                push(
                    ProgressCode::UnitDimensionMismatch,
                    at.key("unit"),
                    format!(
                        "{name} counts {to} ({}); the actual is in {from} ({}), which is another dimension",
                        to.dimension(),
                        from.dimension()
                    ),
                );
            } else if let Some(v) = actual.value
                && from.convert(v, &to).is_none()
            {
                push(
                    ProgressCode::UnitDimensionMismatch,
                    at.key("unit"),
                    format!("{name}: {} {from} does not convert exactly into {to}", plain(v)),
                );
            }
        }
        (None, Some(from)) => push(
            ProgressCode::UnitNotApplicable,
            at.key("unit"),
            format!(
                "{name} is a {} target, whose figures have no unit; the actual gives {from}",
                target.measure.kind()
            ),
        ),
        _ => {}
    }
    let non_negative = matches!(
        target.measure,
        Measure::Quantity { .. } | Measure::Money | Measure::Percent { .. } | Measure::Rate { .. }
    );
    if let Some(v) = actual.value
        && non_negative
        && v.is_sign_negative()
        && !v.is_zero()
    {
        push(ProgressCode::NegativeActual, at.key("value"), format!("{name}: the actual {} is negative", plain(v)));
    }
}

pub(crate) fn unit_name(programme: &Programme, id: &UnitId) -> String {
    programme.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_name() {
        let names: HashSet<&str> = ProgressCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), ProgressCode::ALL.len());
    }

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
