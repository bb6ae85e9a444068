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

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::decimal::{self, DecimalString};
use crate::pointer::Pointer;
use crate::progress::{Actual, Index, ProgressReport, figure_in_target_terms, unit_name};
use crate::{
    Amount, ChangeDirection, Collective, Deadline, Lifecycle, Measure, Programme, Role, SectionId, Target, TargetId,
    Task, TaskId, UnitId,
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
    let value = figure_in_target_terms(target, actual);
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

/// The sort key that picks the latest actual independent of report order.
type Pick<'r> = (NaiveDate, &'r str, Option<Decimal>, Option<bool>, &'r str, usize);

fn pick_key<'r>(report: &'r ProgressReport, actual: &'r Actual, i: usize) -> Pick<'r> {
    // The index only separates identical entries, which then pick the same content.
    (report.as_of, report.reporting_unit.as_str(), actual.value, actual.achieved, actual.phrase.as_str(), i)
}

/// A task still to walk, with what it inherits from the tasks above it:
/// the deadline, the lead units and the lifecycle.
type Pending<'p> = (&'p Task, Option<&'p Deadline>, Vec<UnitId>, Option<Lifecycle>);

/// Evaluates every target of `programme` as of `on`, from `reports` (in any order).
pub fn evaluate(programme: &Programme, reports: &[ProgressReport], on: NaiveDate) -> Evaluation {
    let index = Index::new(programme);
    let used: Vec<&ProgressReport> = reports.iter().filter(|r| r.programme == programme.id && r.as_of <= on).collect();
    let mut latest: HashMap<&str, (Pick<'_>, &ProgressReport, &Actual)> = HashMap::new();
    for report in &used {
        for (i, actual) in report.actuals.iter().enumerate() {
            let Some(located) = index.targets.get(actual.target.as_str()) else { continue };
            // Skip actuals that cannot be read in the target's terms.
            let usable = match actual.value {
                Some(_) => figure_in_target_terms(located.target, actual).is_some() || actual.achieved.is_some(),
                None => actual.achieved.is_some(),
            };
            if !usable {
                continue;
            }
            let key = pick_key(report, actual, i);
            match latest.get(actual.target.as_str()) {
                Some((k, _, _)) if k.cmp(&key) != Ordering::Less => {}
                _ => {
                    latest.insert(actual.target.as_str(), (key, report, actual));
                }
            }
        }
    }
    let mut notes: HashMap<&str, Vec<(NaiveDate, &str, String, bool)>> = HashMap::new();
    for report in &used {
        let who = unit_name(programme, &report.reporting_unit);
        for note in &report.tasks {
            let entry = notes.entry(note.task.as_str()).or_default();
            if let Some(s) = &note.status {
                entry.push((
                    report.as_of,
                    report.reporting_unit.as_str(),
                    format!("{} {who}: {s}", report.as_of),
                    false,
                ));
            }
            if let Some(n) = &note.next_steps {
                entry.push((
                    report.as_of,
                    report.reporting_unit.as_str(),
                    format!("{} {who}: 下一步：{n}", report.as_of),
                    false,
                ));
            }
            for p in &note.problems {
                entry.push((
                    report.as_of,
                    report.reporting_unit.as_str(),
                    format!("{} {who}: {p}", report.as_of),
                    true,
                ));
            }
        }
    }
    for v in notes.values_mut() {
        v.sort();
    }

    let start = programme_start(programme);
    let end = programme.effective_period().map_or(start, |p| p.end);
    let mut targets = Vec::new();
    let mut tasks = Vec::new();
    let mut sections = Vec::new();
    for section in &programme.sections {
        let mut section_counts = StatusCounts::default();
        let mut stack: Vec<Pending<'_>> =
            section.tasks.iter().rev().map(|t| (t, None, Vec::new(), section.lifecycle)).collect();
        while let Some((task, inherited, inherited_leads, lifecycle)) = stack.pop() {
            let lifecycle = task.lifecycle.or(lifecycle);
            let deadline = latest_deadline(&task.deadlines).or(inherited);
            let mut leads: Vec<UnitId> = task.units_with(Role::Lead).cloned().collect();
            if leads.is_empty() {
                leads = task.units_with(Role::Joint).cloned().collect();
            }
            if leads.is_empty() {
                leads = inherited_leads;
            }
            for sub in task.subtasks.iter().rev() {
                stack.push((sub, deadline, leads.clone(), lifecycle));
            }
            // A project dropped from the programme (退出) is not chased.
            if lifecycle == Some(Lifecycle::Exited) {
                continue;
            }
            let mut counts = StatusCounts::default();
            for target in &task.targets {
                let applies = target.deadline.as_ref().or(deadline);
                let due = applies.map_or(end, |d| d.date);
                let from = applies.and_then(|d| d.start).unwrap_or(start);
                let found = latest.get(target.id.as_str());
                let actual = found.map(|(_, _, a)| *a);
                let (status, completion, expected) = judge(target, actual, from, due, on);
                counts.add(status);
                targets.push(TargetEvaluation {
                    target: target.id.clone(),
                    task: task.id.clone(),
                    task_label: task.label(),
                    section: section.id.clone(),
                    subject: target.subject.clone(),
                    phrase: target.phrase.clone(),
                    status,
                    actual: actual.and_then(|a| figure_in_target_terms(target, a)),
                    achieved: actual.and_then(|a| a.achieved),
                    actual_phrase: actual.map(|a| a.phrase.clone()),
                    reported_by: found.map(|(_, r, _)| r.reporting_unit.clone()),
                    reported_as_of: found.map(|(_, r, _)| r.as_of),
                    completion,
                    expected,
                    start: from,
                    deadline: due,
                    deadline_text: applies.map(|d| d.text.clone()),
                    leads: leads.clone(),
                });
            }
            section_counts.merge(&counts);
            let (status_notes, problems) = notes.get(task.id.as_str()).map_or((Vec::new(), Vec::new()), |v| {
                let (p, s): (Vec<_>, Vec<_>) = v.iter().partition(|e| e.3);
                (s.into_iter().map(|e| e.2.clone()).collect(), p.into_iter().map(|e| e.2.clone()).collect())
            });
            tasks.push(TaskRollUp {
                task: task.id.clone(),
                label: task.label(),
                section: section.id.clone(),
                counts,
                status: counts.worst(),
                notes: status_notes,
                problems,
            });
        }
        sections.push(SectionRollUp { section: section.id.clone(), label: section.label(), counts: section_counts });
    }

    let mut programme_counts = StatusCounts::default();
    for t in &targets {
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
        leads: t.leads.iter().map(|u| unit_name(programme, u)).collect(),
    };
    // Worst first: by status, then by the gap between expected and actual completion, then notice order.
    let gap = |t: &TargetEvaluation| match (t.expected, t.completion) {
        (Some(e), Some(c)) => e - c,
        _ => Decimal::ZERO,
    };
    let mut order: Vec<(usize, &TargetEvaluation)> =
        targets.iter().enumerate().filter(|(_, t)| t.status.is_lagging()).collect();
    order.sort_by(|(ia, a), (ib, b)| a.status.cmp(&b.status).then(gap(b).cmp(&gap(a))).then(ia.cmp(ib)));
    let behind: Vec<Laggard> = order.iter().map(|(_, t)| laggard(t)).collect();

    let mut by_unit: HashMap<&str, (StatusCounts, Vec<Laggard>)> = HashMap::new();
    for (_, t) in order.iter().copied().chain(targets.iter().enumerate().filter(|(_, t)| !t.status.is_lagging())) {
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
            lead_units.push(UnitRollUp { name: unit_name(programme, &id), unit: id, counts, behind });
        }
    }
    let mut units_behind: Vec<(usize, &UnitRollUp)> =
        lead_units.iter().enumerate().filter(|(_, u)| u.counts.lagging() > 0).collect();
    units_behind.sort_by(|(ia, a), (ib, b)| b.counts.lagging().cmp(&a.counts.lagging()).then(ia.cmp(ib)));
    let units_behind = units_behind.into_iter().map(|(_, u)| u.unit.clone()).collect();

    Evaluation {
        programme_id: programme.id.to_string(),
        title: programme.title.clone(),
        as_of: on,
        reports_used: used.len(),
        targets,
        tasks,
        sections,
        lead_units,
        programme: ProgrammeRollUp { counts: programme_counts, units_behind, behind },
    }
}

/// One report a unit owes on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Obligation {
    /// The date it is due (the last day, inclusive).
    pub due: NaiveDate,
    /// The notice's words for the date, or the frequency of a recurring duty.
    pub text: String,
    /// Who owes it, when the duty names someone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<UnitId>,
    /// Their name as the notice writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter_name: Option<String>,
    /// To whom it goes, by name.
    pub recipients: Vec<String>,
    /// What is to be reported.
    pub what: String,
    /// JSON Pointer to the duty in the programme.
    pub path: String,
    /// The `as_of` of the report that meets it, when one was received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<NaiveDate>,
}

/// Which reports are due and which are overdue, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportingCalendar {
    /// The date.
    pub on: NaiveDate,
    /// Reports falling due on or after the date, by date.
    pub due: Vec<Obligation>,
    /// Reports that fell due before the date and were not received, by date.
    pub overdue: Vec<Obligation>,
    /// Reports that fell due before the date and were received, by date.
    pub received: Vec<Obligation>,
}

/// The units a reporter id stands for: the holders of a role for 各牵头单位,
/// a group's listed members, else the unit itself.
fn expand_reporter(programme: &Programme, id: &UnitId, holders: &HashMap<Role, Vec<UnitId>>) -> Vec<UnitId> {
    let Some(unit) = programme.unit(id) else { return vec![id.clone()] };
    match &unit.collective {
        Some(Collective::RoleHolders { role }) => {
            holders.get(role).filter(|v| !v.is_empty()).cloned().unwrap_or_else(|| vec![id.clone()])
        }
        _ if !unit.members.is_empty() => {
            let mut seen = std::collections::HashSet::new();
            unit.members.iter().filter(|m| seen.insert(*m)).cloned().collect()
        }
        _ => vec![id.clone()],
    }
}

/// The reporting calendar as of `on`: every dated or recurring duty of the
/// programme, expanded per reporting unit, matched against the reports
/// received.
///
/// A duty's reporters are expanded: a collective of role holders (各牵头单位)
/// stands for every unit holding that role in the programme, a group with
/// listed members for its members; other collectives (各县区各部门) are met
/// by a consolidated report under the collective's own id. Recurring duties
/// without dates (每月) fall due at each period end within the programme's
/// period. An obligation due on `d` is met by a report from its reporter
/// whose `as_of` lies after the duty's previous due date and not after `d`;
/// a duty that names no reporter is met by a report from any unit.
///
/// ```
/// use chrono::NaiveDate;
/// let p = minsheng::from_path("examples/data/haidong-2024.json", minsheng::DEFAULT_MAX_BYTES)?;
/// let cal = minsheng::evaluate::reporting_calendar(&p, &[], NaiveDate::from_ymd_opt(2024, 8, 1).unwrap());
/// assert!(cal.overdue.iter().any(|o| o.due == NaiveDate::from_ymd_opt(2024, 7, 5).unwrap()));
/// assert!(cal.due.iter().any(|o| o.due == NaiveDate::from_ymd_opt(2024, 10, 5).unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reporting_calendar(programme: &Programme, reports: &[ProgressReport], on: NaiveDate) -> ReportingCalendar {
    let mut holders: HashMap<Role, Vec<UnitId>> = HashMap::new();
    let mut seen: std::collections::HashSet<(Role, &str)> = std::collections::HashSet::new();
    for task in programme.tasks() {
        for r in &task.responsibilities {
            if seen.insert((r.role, r.unit.as_str())) {
                holders.entry(r.role).or_default().push(r.unit.clone());
            }
        }
    }
    let mut by_unit: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
    let mut all: Vec<NaiveDate> = Vec::new();
    for r in reports.iter().filter(|r| r.programme == programme.id) {
        by_unit.entry(r.reporting_unit.as_str()).or_default().push(r.as_of);
        all.push(r.as_of);
    }
    for v in by_unit.values_mut() {
        v.sort();
    }
    all.sort();
    // The earliest as_of in (after, until], if any.
    let find = |dates: &[NaiveDate], after: Option<NaiveDate>, until: NaiveDate| -> Option<NaiveDate> {
        let from = after.map_or(0, |a| dates.partition_point(|d| *d <= a));
        dates.get(from).copied().filter(|d| *d <= until)
    };
    let period = programme.effective_period();
    let mut out: Vec<(usize, Obligation)> = Vec::new();
    for (ri, req) in programme.reporting.iter().enumerate() {
        let rp = Pointer::root().key("reporting").index(ri);
        let mut dates: Vec<(NaiveDate, String, String)> = req
            .due
            .iter()
            .enumerate()
            .map(|(i, d)| (d.date, d.text.clone(), rp.key("due").index(i).to_string()))
            .collect();
        if let (true, Some(f), Some(p)) = (req.due.is_empty(), req.frequency, &period) {
            let text = format!("{f:?}").to_lowercase();
            dates = crate::aggregate::recurrences(f, p.start, p.end)
                .into_iter()
                .map(|d| (d, text.clone(), rp.key("frequency").to_string()))
                .collect();
        }
        dates.sort_by_key(|d| d.0);
        let what = req.content.clone().unwrap_or_else(|| req.text.chars().take(40).collect());
        let recipients: Vec<String> = req.recipients.iter().map(|u| unit_name(programme, u)).collect();
        let reporters: Vec<Option<UnitId>> = if req.reporters.is_empty() {
            vec![None]
        } else {
            let mut seen = std::collections::HashSet::new();
            req.reporters
                .iter()
                .flat_map(|r| expand_reporter(programme, r, &holders))
                .filter(|u| seen.insert(u.clone()))
                .map(Some)
                .collect()
        };
        for reporter in &reporters {
            let dates_of: &[NaiveDate] = match reporter {
                Some(u) => by_unit.get(u.as_str()).map_or(&[], Vec::as_slice),
                None => &all,
            };
            let mut previous: Option<NaiveDate> = None;
            for (due, text, path) in &dates {
                let received = find(dates_of, previous, *due);
                previous = Some(*due);
                out.push((
                    out.len(),
                    Obligation {
                        due: *due,
                        text: text.clone(),
                        reporter: reporter.clone(),
                        reporter_name: reporter.as_ref().map(|u| unit_name(programme, u)),
                        recipients: recipients.clone(),
                        what: what.clone(),
                        path: path.clone(),
                        received,
                    },
                ));
            }
        }
    }
    out.sort_by_key(|(n, o)| (o.due, *n));
    let mut cal = ReportingCalendar { on, due: Vec::new(), overdue: Vec::new(), received: Vec::new() };
    for (_, o) in out {
        if o.due >= on {
            cal.due.push(o);
        } else if o.received.is_some() {
            cal.received.push(o);
        } else {
            cal.overdue.push(o);
        }
    }
    cal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Comparator;
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
        let t = target(Amount::new(Comparator::Approximately, dec!(200)), Measure::quantity(crate::Unit::Item));
        let s = |v, on| judge(&t, Some(&actual(v)), d(1, 1), d(12, 31), on).0;
        assert_eq!(s(dec!(190), d(12, 31)), Status::Met);
        // The deadline day still counts as in time; the day after, it is overdue.
        assert_eq!(s(dec!(189.99), d(12, 31)), Status::Behind);
        let next_year = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        assert_eq!(s(dec!(189.99), next_year), Status::Overdue);
    }

    #[test]
    fn completion_rounds_half_to_even() {
        let t = target(Amount::exactly(dec!(3)), Measure::quantity(crate::Unit::Item));
        let c = judge(&t, Some(&actual(dec!(1))), d(1, 1), d(12, 31), d(6, 1)).1;
        assert_eq!(c, Some(dec!(33.33)));
    }
}
