//! Checking progress reports against their programme: the rules tabled in
//! the [module documentation](super).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::index::Index;
use super::report::{Actual, ProgressReport};
use crate::findings::{self, codes};
use crate::json::decimal::plain;
use crate::json::pointer::Pointer;
use crate::model::{Measure, Programme, Target};

codes! {
    /// The stable code of a progress-report rule; see the [module documentation](super).
    pub enum ProgressCode {
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
}

/// One defect of a progress report, located in the report (a JSON Pointer
/// such as `/actuals/3/unit`).
pub type ProgressFinding = findings::Finding<ProgressCode>;

/// Everything found wrong with one progress report, in report order.
pub type ProgressValidation = findings::Report<ProgressCode>;

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

/// Checks one report, knowing the latest date its unit reported before
/// (for `stale_report`).
fn check(
    programme: &Programme,
    index: &Index<'_>,
    report: &ProgressReport,
    earlier: Option<NaiveDate>,
    out: &mut Vec<ProgressFinding>,
) {
    let mut push =
        |code: ProgressCode, path: Pointer, message: String| out.push(ProgressFinding::new(code, path, message));
    check_header(programme, report, earlier, &mut push);
    check_actuals(programme, index, report, &mut push);
    check_notes(programme, index, report, &mut push);
}

/// The report as a whole: its programme, unit and dates.
fn check_header(
    programme: &Programme,
    report: &ProgressReport,
    earlier: Option<NaiveDate>,
    push: &mut impl FnMut(ProgressCode, Pointer, String),
) {
    let root = Pointer::root();
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
    if let Some(period) = programme.effective_period()
        && !period.contains(report.as_of)
    {
        push(
            ProgressCode::AsOfOutsideProgramme,
            root.key("as_of"),
            format!(
                "the report stands at {}, outside the programme's period {} to {}",
                report.as_of, period.start, period.end
            ),
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
                programme.unit_name(&report.reporting_unit),
                report.as_of
            ),
        );
    }
}

/// Each actual: a known target, reported once, in the target's terms.
fn check_actuals(
    programme: &Programme,
    index: &Index<'_>,
    report: &ProgressReport,
    push: &mut impl FnMut(ProgressCode, Pointer, String),
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, actual) in report.actuals.iter().enumerate() {
        let at = Pointer::root().key("actuals").index(i);
        if actual.phrase.trim().is_empty() {
            push(
                ProgressCode::EmptyText,
                at.key("phrase"),
                format!("the actual for target {} has a blank phrase", actual.target),
            );
        }
        let Some((_, target)) = index.target(actual.target.as_str()) else {
            push(
                ProgressCode::UnknownTarget,
                at.key("target"),
                format!("target {} ({}) is not a target of {}", actual.target, actual.phrase, programme.title),
            );
            continue;
        };
        let name = format!("target {} ({})", target.id, target.phrase);
        if !seen.insert(actual.target.as_str()) {
            push(ProgressCode::DuplicateActual, at.key("target"), format!("{name} is reported twice in this report"));
        }
        check_actual(target, actual, &name, &at, push);
    }
}

/// Each task note: a known task, noted once, no blank text.
fn check_notes(
    programme: &Programme,
    index: &Index<'_>,
    report: &ProgressReport,
    push: &mut impl FnMut(ProgressCode, Pointer, String),
) {
    let mut noted: HashSet<&str> = HashSet::new();
    for (i, note) in report.tasks.iter().enumerate() {
        let at = Pointer::root().key("tasks").index(i);
        match index.task(note.task.as_str()).map(|(_, task)| task) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_module_table() {
        crate::findings::assert_code_table::<ProgressCode>(include_str!("mod.rs"));
    }

    #[test]
    fn every_code_has_a_distinct_name() {
        let names: HashSet<&str> = ProgressCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), ProgressCode::ALL.len());
    }
}
