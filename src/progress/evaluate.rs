//! Where are we, and who is behind? Progress against targets as of a date,
//! rolled up per task, section, lead unit and programme, and the reporting
//! calendar: which reports are due and which are overdue.
//!
//! [`evaluate`] takes a programme, the [`ProgressReport`]s received and a
//! date. For each target it takes the **latest actual** reported as of that
//! date (the greatest `as_of` not after it; ties broken by reporting unit,
//! then by figure, so the result never depends on the order reports are
//! given in). Figures are cumulative and are not added across reports or
//! units. Actuals that [`validate_report`](crate::progress::validate_report)
//! would refuse (unknown targets, units of another dimension) are ignored;
//! reports about another programme or dated after the evaluation date are
//! not used.
//!
//! # Statuses
//!
//! Each target gets one [`Status`]. For a fixed target and date the statuses
//! are totally ordered by progress,
//!
//! `no_data` < `overdue` < `not_started` < `behind` < `on_track` < `met`,
//!
//! and more progress (a larger actual, or a smaller one for `at_most` /
//! `less_than` targets; `achieved: true` rather than `false`) never gives a
//! lower status. [`Status`]'s `Ord` is this order.
//!
//! | target | met when the actual… | completion (percent) | before the deadline, unmet | after it, unmet |
//! |---|---|---|---|---|
//! | `exactly`, `at_least`, `more_than` | ≥ the figure | actual ÷ figure | `not_started` at 0, else `on_track` if completion ≥ elapsed share, else `behind` | `overdue` |
//! | `approximately` | ≥ the figure × (1 − 5%) | actual ÷ figure | as above | `overdue` |
//! | `between` | ≥ `min` (above `max` is still met; completion shows it) | actual ÷ `min` | as above | `overdue` |
//! | `at_most`, `less_than` (失业率控制在5.5%以内) | ≤ the figure, at any time | figure ÷ actual (none at 0) | `behind` | `overdue` |
//! | change with a figure (增长8%, 下降5.9%) | as its comparator, the actual given in the target's direction | as its comparator | as its comparator | `overdue` |
//! | change without a figure (较上年提高, 由负转正) | > 0 in the target's direction, or `achieved` | none | `behind` | `overdue` |
//! | categorical (Ⅲ类水质), deferred (按省教育厅目标任务), no figure | `achieved: true` | none | `behind` on `achieved: false` | `overdue` |
//! | any target without an actual | — | — | `no_data` | `no_data` |
//!
//! `more_than` and `less_than` count the figure itself as met: the notices'
//! 5.7万多 and 低于 are rounded thresholds, and a supervisor does not chase
//! a unit for reaching exactly the figure. `approximately` (左右, 约, 近)
//! allows [`APPROXIMATELY_TOLERANCE`] (5%) below the figure. A report that
//! gives only `achieved` for a target that has a figure is taken at its word
//! (met on `true`), with no completion.
//!
//! Completion may pass 100% (资金落实率117.1% is real) and is kept to two
//! decimal places of a percent, rounded half to even; comparisons use the
//! unrounded ratio.
//!
//! **Expected progress** is linear: the elapsed share of the target's span
//! runs from 0 at its start to 1 at its deadline. The deadline is the
//! target's own, else the latest deadline of its task or of the nearest
//! enclosing task that has one, else the end of the programme's period. The
//! start is the deadline's own window start when the deadline is a window
//! (3月至12月: the task says when the work runs), else the programme's start:
//! the first day of its `period` when it has one, else the date the notice
//! was written when that falls in the programme year, else 1 January. A
//! target is `on_track` while completion ≥ elapsed share, `behind` below it.
//! The deadline day itself counts as in time.
//!
//! Tasks dropped from the programme (lifecycle `exited`, Duji's 退出 projects,
//! set on the task or inherited from its section or enclosing task) are
//! left out of the evaluation and the roll-ups.
//!
//! ```
//! use chrono::NaiveDate;
//! use minsheng::evaluate::{Status, evaluate};
//! let programme = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let report = minsheng::progress::from_path("examples/data/progress/qinghai-2021-2021-06-30.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let e = evaluate(&programme, &[report], NaiveDate::from_ymd_opt(2021, 6, 30).unwrap());
//! assert!(e.programme.counts.met > 0 && e.programme.counts.behind > 0);
//! assert!(e.targets.iter().any(|t| t.status == Status::NoData));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::index::Index;
use super::report::{Actual, ProgressReport};
use crate::json::decimal::{self, DecimalString};
use crate::model::{
    Amount, ChangeDirection, Deadline, Lifecycle, Measure, Programme, Role, SectionId, Target, TargetId, Task, TaskId,
    Unit, UnitId,
};

/// How far below an `approximately` figure still counts as met: 5%.
pub const APPROXIMATELY_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// Where a target stands as of a date. The `Ord` is the progress order of
/// the [module documentation](self): `NoData` lowest, `Met` highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// No actual has been reported (or the target cannot be evaluated).
    NoData,
    /// The deadline has passed and the target is not met.
    Overdue,
    /// Nothing done yet, deadline not passed.
    NotStarted,
    /// Progress below the elapsed share of the time, or a level not reached.
    Behind,
    /// Progress at or above the elapsed share of the time.
    OnTrack,
    /// The target is met.
    Met,
}

impl Status {
    /// Every status, in progress order.
    pub const ALL: [Status; 6] =
        [Status::NoData, Status::Overdue, Status::NotStarted, Status::Behind, Status::OnTrack, Status::Met];

    /// The status as written in JSON (`on_track`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NoData => "no_data",
            Status::Overdue => "overdue",
            Status::NotStarted => "not_started",
            Status::Behind => "behind",
            Status::OnTrack => "on_track",
            Status::Met => "met",
        }
    }

    /// The status in the words of a Chinese supervision ledger (序时推进).
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::NoData => "无数据",
            Status::Overdue => "逾期未完成",
            Status::NotStarted => "未启动",
            Status::Behind => "滞后",
            Status::OnTrack => "序时推进",
            Status::Met => "已完成",
        }
    }

    /// `true` for the statuses a supervisor chases: overdue, not started, behind.
    pub fn is_lagging(self) -> bool {
        matches!(self, Status::Overdue | Status::NotStarted | Status::Behind)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way progress goes for a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Direction {
    /// A larger actual is more progress (at_least, exactly, changes in the target's direction…).
    Ascending,
    /// A smaller actual is more progress (at_most, less_than: a level kept under a ceiling).
    Descending,
    /// Only `achieved` counts (categorical, deferred, no figure).
    Achieved,
}

/// How a target is judged: which way progress goes and against what figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    /// Met at `threshold` or above; completion against `goal`.
    Up { goal: Decimal, threshold: Decimal },
    /// Met at `limit` or below.
    Down { limit: Decimal },
    /// Met above zero (a change without a figure).
    Positive,
    /// Only `achieved` says.
    Flag,
}

fn rule(target: &Target) -> Rule {
    let amount = match (&target.measure, &target.amount) {
        (Measure::Categorical { .. } | Measure::Deferred { .. }, _) => return Rule::Flag,
        (Measure::Change { .. }, None) => return Rule::Positive,
        (Measure::Change { direction: ChangeDirection::TurnPositive, .. }, _) => return Rule::Positive,
        (_, None) => return Rule::Flag,
        (_, Some(a)) => a,
    };
    match amount {
        Amount::AtMost { value } | Amount::LessThan { value } => Rule::Down { limit: *value },
        Amount::Approximately { value } => {
            let threshold = value.checked_mul(Decimal::ONE - APPROXIMATELY_TOLERANCE).unwrap_or(*value);
            Rule::Up { goal: *value, threshold }
        }
        other => Rule::Up { goal: other.low(), threshold: other.low() },
    }
}

/// The direction of progress for a target (for tests and callers that
/// generate or compare actuals).
pub fn direction(target: &Target) -> Direction {
    match rule(target) {
        Rule::Up { .. } | Rule::Positive => Direction::Ascending,
        Rule::Down { .. } => Direction::Descending,
        Rule::Flag => Direction::Achieved,
    }
}

/// A percent kept to two decimal places, half to even.
fn percent(ratio: Decimal) -> Option<Decimal> {
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven).normalize())
}

/// The share of `[start, deadline]` elapsed on `on`, in [0, 1].
fn elapsed(start: NaiveDate, deadline: NaiveDate, on: NaiveDate) -> Decimal {
    if on >= deadline {
        return Decimal::ONE;
    }
    if on <= start {
        return Decimal::ZERO;
    }
    let done = Decimal::from((on - start).num_days());
    let span = Decimal::from((deadline - start).num_days());
    done.checked_div(span).unwrap_or(Decimal::ONE).clamp(Decimal::ZERO, Decimal::ONE)
}

/// The status and completion of one target, given its actual.
fn judge(
    target: &Target,
    actual: Option<&Actual>,
    start: NaiveDate,
    deadline: NaiveDate,
    on: NaiveDate,
) -> (Status, Option<Decimal>, Option<Decimal>) {
    let Some(actual) = actual else {
        return (Status::NoData, None, None);
    };
    let late = on > deadline;
    let unmet = |fallback: Status| if late { Status::Overdue } else { fallback };
    let share = elapsed(start, deadline, on);
    let value = actual.in_target_terms(target);
    let by_flag = |achieved: Option<bool>| match achieved {
        Some(true) => Status::Met,
        Some(false) => unmet(Status::Behind),
        None => Status::NoData,
    };
    match (rule(target), value) {
        (Rule::Flag, _) | (_, None) => (by_flag(actual.achieved), None, None),
        (Rule::Positive, Some(v)) => {
            let status = if v > Decimal::ZERO { Status::Met } else { unmet(Status::Behind) };
            (status, None, None)
        }
        (Rule::Down { limit }, Some(v)) => {
            let completion = if v > Decimal::ZERO { limit.checked_div(v).and_then(percent) } else { None };
            let status = if v <= limit { Status::Met } else { unmet(Status::Behind) };
            (status, completion, None)
        }
        (Rule::Up { goal, threshold }, Some(v)) => {
            let ratio = if goal > Decimal::ZERO { v.checked_div(goal) } else { None };
            let status = if v >= threshold {
                Status::Met
            } else if late {
                Status::Overdue
            } else if v <= Decimal::ZERO {
                Status::NotStarted
            } else {
                match ratio {
                    Some(r) if r >= share => Status::OnTrack,
                    _ => Status::Behind,
                }
            };
            (status, ratio.and_then(percent), percent(share))
        }
    }
}

/// One target's standing as of the evaluation date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TargetEvaluation {
    /// The target.
    pub target: TargetId,
    /// The task it belongs to.
    pub task: TaskId,
    /// The task as the notice numbers and words it.
    pub task_label: String,
    /// The section the task stands in.
    pub section: SectionId,
    /// What is measured.
    pub subject: String,
    /// The target's phrase in the notice.
    pub phrase: String,
    /// The status.
    pub status: Status,
    /// The latest actual in the target's terms (its unit for quantities and money).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub actual: Option<Decimal>,
    /// Whether the report said the target is reached, when it said so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved: Option<bool>,
    /// The report's words for the latest actual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_phrase: Option<String>,
    /// Who reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<UnitId>,
    /// The date the latest actual stands at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_as_of: Option<NaiveDate>,
    /// Completion in percent (over 100 allowed), when the target has a figure to compare with.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub completion: Option<Decimal>,
    /// The elapsed share of the target's time in percent: the completion expected by now.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub expected: Option<Decimal>,
    /// The date progress is measured from.
    pub start: NaiveDate,
    /// The deadline that applies.
    pub deadline: NaiveDate,
    /// The notice's words for that deadline, when it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_text: Option<String>,
    /// The lead units (joint units when there is no lead; an enclosing task's when the task names none).
    pub leads: Vec<UnitId>,
}

/// How many targets have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatusCounts {
    /// Met.
    pub met: usize,
    /// On track.
    pub on_track: usize,
    /// Behind.
    pub behind: usize,
    /// Overdue.
    pub overdue: usize,
    /// Not started.
    pub not_started: usize,
    /// No data.
    pub no_data: usize,
}

impl StatusCounts {
    fn merge(&mut self, other: &StatusCounts) {
        self.met += other.met;
        self.on_track += other.on_track;
        self.behind += other.behind;
        self.overdue += other.overdue;
        self.not_started += other.not_started;
        self.no_data += other.no_data;
    }

    fn add(&mut self, s: Status) {
        match s {
            Status::Met => self.met += 1,
            Status::OnTrack => self.on_track += 1,
            Status::Behind => self.behind += 1,
            Status::Overdue => self.overdue += 1,
            Status::NotStarted => self.not_started += 1,
            Status::NoData => self.no_data += 1,
        }
    }

    /// How many targets were counted.
    pub fn total(&self) -> usize {
        self.met + self.on_track + self.behind + self.overdue + self.not_started + self.no_data
    }

    /// How many are overdue, not started or behind.
    pub fn lagging(&self) -> usize {
        self.behind + self.overdue + self.not_started
    }

    /// The count for one status.
    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::Met => self.met,
            Status::OnTrack => self.on_track,
            Status::Behind => self.behind,
            Status::Overdue => self.overdue,
            Status::NotStarted => self.not_started,
            Status::NoData => self.no_data,
        }
    }

    /// The lowest status among targets with data, or `NoData` when none has.
    pub fn worst(&self) -> Status {
        Status::ALL.into_iter().skip(1).find(|s| self.get(*s) > 0).unwrap_or(Status::NoData)
    }
}

/// `62 targets: 20 met, 30 on track, 5 behind, 2 overdue, 1 not started, 4 no data`.
impl fmt::Display for StatusCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} targets: {} met, {} on track, {} behind, {} overdue, {} not started, {} no data",
            self.total(),
            self.met,
            self.on_track,
            self.behind,
            self.overdue,
            self.not_started,
            self.no_data
        )
    }
}

/// A target a supervisor should chase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Laggard {
    /// The target.
    pub target: TargetId,
    /// The task as the notice numbers and words it.
    pub task_label: String,
    /// What the target measures.
    pub subject: String,
    /// The target's phrase in the notice.
    pub phrase: String,
    /// Overdue, not started or behind.
    pub status: Status,
    /// Completion in percent, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub completion: Option<Decimal>,
    /// Completion expected by now, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub expected: Option<Decimal>,
    /// The lead units' names.
    pub leads: Vec<String>,
}

/// One task's targets, notes and problems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskRollUp {
    /// The task.
    pub task: TaskId,
    /// The task as the notice numbers and words it.
    pub label: String,
    /// Its section.
    pub section: SectionId,
    /// Its own targets by status.
    pub counts: StatusCounts,
    /// The lowest status of its targets with data (`no_data` when none has data or it has no target).
    pub status: Status,
    /// Status notes and next steps (下一步) from the reports, oldest first, each prefixed with its date and unit.
    pub notes: Vec<String>,
    /// Problems from the reports, oldest first, each prefixed with its date and unit.
    pub problems: Vec<String>,
}

/// A section's targets, sub-tasks included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SectionRollUp {
    /// The section.
    pub section: SectionId,
    /// The section as the notice heads it.
    pub label: String,
    /// Its targets by status.
    pub counts: StatusCounts,
}

/// The targets of the tasks a unit leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitRollUp {
    /// The unit.
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Its targets by status.
    pub counts: StatusCounts,
    /// Its targets to chase, worst first.
    pub behind: Vec<Laggard>,
}

/// The whole programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProgrammeRollUp {
    /// Every target by status.
    pub counts: StatusCounts,
    /// The lead units with targets to chase, most first.
    pub units_behind: Vec<UnitId>,
    /// Every target to chase, worst first.
    pub behind: Vec<Laggard>,
}

/// Progress as of a date: per target and rolled up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evaluation {
    /// The programme's id.
    pub programme_id: String,
    /// The programme's title.
    pub title: String,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// How many reports were used (about this programme, not after `as_of`).
    pub reports_used: usize,
    /// Every target, in the notice's order.
    pub targets: Vec<TargetEvaluation>,
    /// Every task, in the notice's order.
    pub tasks: Vec<TaskRollUp>,
    /// Every section, in the notice's order.
    pub sections: Vec<SectionRollUp>,
    /// Every lead unit, in registry order.
    pub lead_units: Vec<UnitRollUp>,
    /// The whole programme.
    pub programme: ProgrammeRollUp,
}

/// The date progress is measured from when a target's deadline is not a window.
pub fn programme_start(programme: &Programme) -> NaiveDate {
    if let Some(p) = &programme.period {
        return p.start;
    }
    let year = programme.effective_period();
    match (programme.document.written, &year) {
        (Some(w), Some(y)) if y.contains(w) => w,
        (_, Some(y)) => y.start,
        (Some(w), None) => w,
        (None, None) => NaiveDate::MIN,
    }
}

fn latest_deadline(deadlines: &[Deadline]) -> Option<&Deadline> {
    deadlines.iter().max_by_key(|d| d.date)
}

/// Why one actual is preferred to another for the same target: the latest
/// `as_of`, then the reporting unit, then the figure, the word and the
/// phrase, so that the pick never depends on the order reports are given in.
/// `position` only separates identical entries, which then pick the same
/// content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PickKey<'r> {
    as_of: NaiveDate,
    unit: &'r str,
    value: Option<Decimal>,
    achieved: Option<bool>,
    phrase: &'r str,
    position: usize,
}

/// The actual chosen for a target, with the report it came from.
struct Pick<'r> {
    key: PickKey<'r>,
    report: &'r ProgressReport,
    actual: &'r Actual,
}

/// For each target id (by its number in `index`), the latest usable actual of `reports`.
fn latest_actuals<'r>(index: &Index<'_>, reports: &[&'r ProgressReport]) -> Vec<Option<Pick<'r>>> {
    let targets = index.distinct().0;
    let mut latest: Vec<Option<Pick<'_>>> = std::iter::repeat_with(|| None).take(targets).collect();
    // What an actual needs of its target, by number, read in order: the
    // actuals then never read the targets themselves.
    let units: Vec<Option<Unit>> = (0..targets).map(|n| index.target_at(n).and_then(|t| t.measure.unit())).collect();
    for &report in reports {
        for (position, actual) in report.actuals.iter().enumerate() {
            let Some(n) = index.target_number_of(actual.target.as_str()) else { continue };
            // Skip actuals that cannot be read in the target's terms.
            let usable = match actual.value {
                Some(_) => {
                    actual.figure_in(units.get(n).and_then(Option::as_ref)).is_some() || actual.achieved.is_some()
                }
                None => actual.achieved.is_some(),
            };
            if !usable {
                continue;
            }
            let key = PickKey {
                as_of: report.as_of,
                unit: report.reporting_unit.as_str(),
                value: actual.value,
                achieved: actual.achieved,
                phrase: actual.phrase.as_str(),
                position,
            };
            let Some(slot) = latest.get_mut(n) else { continue };
            match slot {
                Some(held) if held.key >= key => {}
                _ => *slot = Some(Pick { key, report, actual }),
            }
        }
    }
    latest
}

/// One line a report wrote about a task: a status note, a next step or a problem.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct NoteLine<'r> {
    as_of: NaiveDate,
    unit: &'r str,
    text: String,
    problem: bool,
}

/// The notes and problems of `reports`, per task id (by its number in
/// `index`), oldest first. Notes on tasks the programme does not have are
/// left out: the walk would never read them.
fn task_notes<'r>(index: &Index<'_>, reports: &[&'r ProgressReport]) -> Vec<Vec<NoteLine<'r>>> {
    let mut notes: Vec<Vec<NoteLine<'_>>> = std::iter::repeat_with(Vec::new).take(index.distinct().1).collect();
    for &report in reports {
        let who = index.unit_name(&report.reporting_unit);
        let line = |text: String, problem: bool| NoteLine {
            as_of: report.as_of,
            unit: report.reporting_unit.as_str(),
            text: format!("{} {who}: {text}", report.as_of),
            problem,
        };
        for note in &report.tasks {
            let Some(entry) = index.task(note.task.as_str()).and_then(|(n, _)| notes.get_mut(n)) else { continue };
            entry.extend(note.status.iter().map(|s| line(s.clone(), false)));
            entry.extend(note.next_steps.iter().map(|n| line(format!("下一步：{n}"), false)));
            entry.extend(note.problems.iter().map(|p| line(p.clone(), true)));
        }
    }
    for v in &mut notes {
        v.sort();
    }
    notes
}

/// A task still to walk, with what it inherits from the tasks above it.
struct Pending<'p> {
    task: &'p Task,
    deadline: Option<&'p Deadline>,
    leads: Vec<UnitId>,
    lifecycle: Option<Lifecycle>,
}

/// What the walk over the tasks produces.
#[derive(Default)]
struct Walked {
    targets: Vec<TargetEvaluation>,
    tasks: Vec<TaskRollUp>,
    sections: Vec<SectionRollUp>,
}

/// The time a target is measured over when it names no window of its own.
struct Span {
    start: NaiveDate,
    end: NaiveDate,
}

/// Evaluates every target of `programme` as of `on`, from `reports` (in any order).
pub fn evaluate(programme: &Programme, reports: &[ProgressReport], on: NaiveDate) -> Evaluation {
    let index = Index::new(programme);
    let used: Vec<&ProgressReport> = reports.iter().filter(|r| r.programme == programme.id && r.as_of <= on).collect();
    let latest = latest_actuals(&index, &used);
    let notes = task_notes(&index, &used);
    let start = programme_start(programme);
    let span = Span { start, end: programme.effective_period().map_or(start, |p| p.end) };
    let walked = walk_tasks(programme, &index, &latest, &notes, &span, on);
    let (lead_units, programme_roll_up) = roll_up(programme, &index, &walked.targets);
    Evaluation {
        programme_id: programme.id.to_string(),
        title: programme.title.clone(),
        as_of: on,
        reports_used: used.len(),
        targets: walked.targets,
        tasks: walked.tasks,
        sections: walked.sections,
        lead_units,
        programme: programme_roll_up,
    }
}

/// Walks every task in the notice's order, judging its targets and rolling
/// them up per task and section. Deadlines, leads and lifecycles are
/// inherited down the task tree.
///
/// The tasks come in the order of [`Programme::tasks`], so the `i`-th task
/// and target walked are the `i`-th the index numbered: what was gathered
/// for them is read by number, in order, without a hash look-up.
fn walk_tasks(
    programme: &Programme,
    index: &Index<'_>,
    latest: &[Option<Pick<'_>>],
    notes: &[Vec<NoteLine<'_>>],
    span: &Span,
    on: NaiveDate,
) -> Walked {
    let mut out = Walked::default();
    let (mut tasks_walked, mut targets_walked) = (0, 0);
    for section in &programme.sections {
        let mut section_counts = StatusCounts::default();
        let mut stack: Vec<Pending<'_>> = section
            .tasks
            .iter()
            .rev()
            .map(|task| Pending { task, deadline: None, leads: Vec::new(), lifecycle: section.lifecycle })
            .collect();
        while let Some(pending) = stack.pop() {
            let task = pending.task;
            let task_number = index.task_number(tasks_walked);
            let first_target = targets_walked;
            tasks_walked += 1;
            targets_walked += task.targets.len();
            let lifecycle = task.lifecycle.or(pending.lifecycle);
            let deadline = latest_deadline(&task.deadlines).or(pending.deadline);
            let mut leads: Vec<UnitId> = task.units_with(Role::Lead).cloned().collect();
            if leads.is_empty() {
                leads = task.units_with(Role::Joint).cloned().collect();
            }
            // 责任单位 with no lead named: they answer for the task.
            if leads.is_empty() {
                leads = task.units_with(Role::Responsible).cloned().collect();
            }
            if leads.is_empty() {
                leads = pending.leads;
            }
            for sub in task.subtasks.iter().rev() {
                stack.push(Pending { task: sub, deadline, leads: leads.clone(), lifecycle });
            }
            // A project dropped from the programme (退出) is not chased.
            if lifecycle == Some(Lifecycle::Exited) {
                continue;
            }
            let mut counts = StatusCounts::default();
            for (i, target) in task.targets.iter().enumerate() {
                let found = index.target_number(first_target + i).and_then(|n| latest.get(n)).and_then(Option::as_ref);
                let evaluation = judge_target(task, section.id.clone(), target, found, deadline, &leads, span, on);
                counts.add(evaluation.status);
                out.targets.push(evaluation);
            }
            section_counts.merge(&counts);
            let lines = task_number.and_then(|n| notes.get(n)).map_or(&[][..], Vec::as_slice);
            let texts = |problem: bool| lines.iter().filter(|l| l.problem == problem).map(|l| l.text.clone()).collect();
            out.tasks.push(TaskRollUp {
                task: task.id.clone(),
                label: task.label(),
                section: section.id.clone(),
                counts,
                status: counts.worst(),
                notes: texts(false),
                problems: texts(true),
            });
        }
        out.sections.push(SectionRollUp {
            section: section.id.clone(),
            label: section.label(),
            counts: section_counts,
        });
    }
    out
}

/// One target's evaluation: the deadline that applies (its own, else the
/// task's inherited one, else the programme's end) and its status.
#[allow(clippy::too_many_arguments)] // each argument is one piece of the walk's context
fn judge_target(
    task: &Task,
    section: SectionId,
    target: &Target,
    found: Option<&Pick<'_>>,
    deadline: Option<&Deadline>,
    leads: &[UnitId],
    span: &Span,
    on: NaiveDate,
) -> TargetEvaluation {
    let applies = target.deadline.as_ref().or(deadline);
    let due = applies.map_or(span.end, |d| d.date);
    let from = applies.and_then(|d| d.start).unwrap_or(span.start);
    let actual = found.map(|p| p.actual);
    let (status, completion, expected) = judge(target, actual, from, due, on);
    TargetEvaluation {
        target: target.id.clone(),
        task: task.id.clone(),
        task_label: task.label(),
        section,
        subject: target.subject.clone(),
        phrase: target.phrase.clone(),
        status,
        actual: actual.and_then(|a| a.in_target_terms(target)),
        achieved: actual.and_then(|a| a.achieved),
        actual_phrase: actual.map(|a| a.phrase.clone()),
        reported_by: found.map(|p| p.report.reporting_unit.clone()),
        reported_as_of: found.map(|p| p.report.as_of),
        completion,
        expected,
        start: from,
        deadline: due,
        deadline_text: applies.map(|d| d.text.clone()),
        leads: leads.to_vec(),
    }
}

/// The roll-ups per lead unit and for the whole programme, with the targets
/// to chase worst first: by status, then by the gap between expected and
/// actual completion, then in the notice's order.
fn roll_up(
    programme: &Programme,
    index: &Index<'_>,
    targets: &[TargetEvaluation],
) -> (Vec<UnitRollUp>, ProgrammeRollUp) {
    let mut programme_counts = StatusCounts::default();
    for t in targets {
        programme_counts.add(t.status);
    }
    let laggard = |t: &TargetEvaluation| Laggard {
        target: t.target.clone(),
        task_label: t.task_label.clone(),
        subject: t.subject.clone(),
        phrase: t.phrase.clone(),
        status: t.status,
        completion: t.completion,
        expected: t.expected,
        leads: t.leads.iter().map(|u| index.unit_name(u).to_owned()).collect(),
    };
    let gap = |t: &TargetEvaluation| match (t.expected, t.completion) {
        (Some(e), Some(c)) => e - c,
        _ => Decimal::ZERO,
    };
    let mut order: Vec<(usize, &TargetEvaluation)> =
        targets.iter().enumerate().filter(|(_, t)| t.status.is_lagging()).collect();
    order.sort_by(|(ia, a), (ib, b)| a.status.cmp(&b.status).then(gap(b).cmp(&gap(a))).then(ia.cmp(ib)));
    let behind: Vec<Laggard> = order.iter().map(|(_, t)| laggard(t)).collect();

    let mut by_unit: HashMap<&str, (StatusCounts, Vec<Laggard>)> = HashMap::new();
    let on_time = targets.iter().enumerate().filter(|(_, t)| !t.status.is_lagging());
    for (_, t) in order.iter().copied().chain(on_time) {
        for u in &t.leads {
            let entry = by_unit.entry(u.as_str()).or_default();
            entry.0.add(t.status);
            if t.status.is_lagging() {
                entry.1.push(laggard(t));
            }
        }
    }
    // Registry order; units a task names but the registry lacks come after, in notice order.
    let mut lead_units: Vec<UnitRollUp> = Vec::new();
    let registry = programme.units.iter().map(|u| u.id.clone());
    let referenced = targets.iter().flat_map(|t| t.leads.iter().cloned());
    for id in registry.chain(referenced) {
        if let Some((counts, behind)) = by_unit.remove(id.as_str()) {
            lead_units.push(UnitRollUp { name: index.unit_name(&id).to_owned(), unit: id, counts, behind });
        }
    }
    let mut units_behind: Vec<(usize, &UnitRollUp)> =
        lead_units.iter().enumerate().filter(|(_, u)| u.counts.lagging() > 0).collect();
    units_behind.sort_by(|(ia, a), (ib, b)| b.counts.lagging().cmp(&a.counts.lagging()).then(ia.cmp(ib)));
    let units_behind = units_behind.into_iter().map(|(_, u)| u.unit.clone()).collect();
    (lead_units, ProgrammeRollUp { counts: programme_counts, units_behind, behind })
}

/// The reporting calendar, also reachable here where earlier versions had it.
pub use super::calendar::{Obligation, ReportingCalendar, reporting_calendar};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comparator;
    use rust_decimal_macros::dec;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, day).unwrap()
    }

    fn target(amount: Amount, measure: Measure) -> Target {
        Target::new("x".parse().unwrap(), "s", "p", measure).with_amount(amount)
    }

    fn actual(v: Decimal) -> Actual {
        Actual::value("x".parse().unwrap(), "p", v)
    }

    #[test]
    fn at_least_statuses_follow_elapsed_time() {
        let t = target(Amount::exactly(dec!(100)), Measure::percent());
        // Half way through a 1 Jan – 31 Dec span is about 49.6%.
        let on = d(7, 1);
        let s = |v| judge(&t, Some(&actual(v)), d(1, 1), d(12, 31), on).0;
        assert_eq!(s(dec!(0)), Status::NotStarted);
        assert_eq!(s(dec!(40)), Status::Behind);
        assert_eq!(s(dec!(50)), Status::OnTrack);
        assert_eq!(s(dec!(100)), Status::Met);
        assert_eq!(s(dec!(117.1)), Status::Met);
        let late = judge(&t, Some(&actual(dec!(99))), d(1, 1), d(6, 30), on);
        assert_eq!(late.0, Status::Overdue);
        assert_eq!(late.1, Some(dec!(99)));
        assert_eq!(judge(&t, None, d(1, 1), d(12, 31), on).0, Status::NoData);
    }

    #[test]
    fn at_most_is_met_while_under_the_ceiling() {
        let t = target(Amount::at_most(dec!(5.5)), Measure::percent());
        let s = |v, on| judge(&t, Some(&actual(v)), d(1, 1), d(12, 31), on);
        assert_eq!(s(dec!(5.0), d(6, 30)).0, Status::Met);
        assert_eq!(s(dec!(5.5), d(6, 30)).0, Status::Met);
        assert_eq!(s(dec!(6), d(6, 30)).0, Status::Behind);
        assert_eq!(s(dec!(5), d(6, 30)).1, Some(dec!(110)));
        assert_eq!(s(dec!(0), d(6, 30)).1, None);
    }

    #[test]
    fn approximately_allows_five_percent() {
        let t = target(Amount::new(Comparator::Approximately, dec!(200)), Measure::quantity(crate::model::Unit::Item));
        let s = |v, on| judge(&t, Some(&actual(v)), d(1, 1), d(12, 31), on).0;
        assert_eq!(s(dec!(190), d(12, 31)), Status::Met);
        // The deadline day still counts as in time; the day after, it is overdue.
        assert_eq!(s(dec!(189.99), d(12, 31)), Status::Behind);
        let next_year = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        assert_eq!(s(dec!(189.99), next_year), Status::Overdue);
    }

    #[test]
    fn completion_rounds_half_to_even() {
        let t = target(Amount::exactly(dec!(3)), Measure::quantity(crate::model::Unit::Item));
        let c = judge(&t, Some(&actual(dec!(1))), d(1, 1), d(12, 31), d(6, 1)).1;
        assert_eq!(c, Some(dec!(33.33)));
    }
}
