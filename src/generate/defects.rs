//! Damage on purpose: [`break_rule`] makes a valid generated programme
//! break exactly one rule of validation.

use chrono::{Datelike, Days};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use super::draw::{date, ident};
use crate::model::{
    AdminLevel, Amount, Breakdown, Deadline, DeclaredCount, DocumentNumber, Measure, NumberSegment, NumberStyle,
    PerMember, Precision, Programme, Responsibility, ResponsibleUnit, Role, SectionId, Target, TargetId, Task, TaskId,
    Unit, UnitId, UnitKind,
};
use crate::validate::Code;

/// A rule of [`validate`](crate::validate()) that [`break_rule`] can break
/// on purpose. Each maps to one [`Code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Defect {
    /// A second unit with an existing unit's id.
    DuplicateId,
    /// Two sub-tasks with the same number.
    DuplicateTaskNumber,
    /// A task refers to a unit the registry does not hold.
    UnknownUnit,
    /// A declared count names a section that does not exist.
    UnknownSection,
    /// A unit takes another unit's name as an alias.
    AliasClash,
    /// A task's lead units are turned into cooperating ones.
    NoLead,
    /// Every task loses its responsible units.
    NoResponsibilities,
    /// A task's lead is listed as cooperating too.
    LeadAndCooperating,
    /// A task lists one of its units twice in the same role.
    DuplicateUnitListed,
    /// A unit is added that nothing refers to.
    UnreferencedUnit,
    /// A task's description is blanked.
    EmptyText,
    /// A target loses its figure.
    MissingAmount,
    /// A share in percent above 100.
    PercentOver100,
    /// A quantity of zero with "at least".
    NonPositiveQuantity,
    /// A rate per 0.
    InvalidRateBase,
    /// A range from high to low.
    InvertedRange,
    /// Count × figure per member no longer gives the target.
    PerMemberMismatch,
    /// Parts under 其中 that add up to more than the total.
    BreakdownExceedsTotal,
    /// An exhaustive breakdown whose parts fall short of the total.
    BreakdownMismatch,
    /// A part in households under a total in people (or the reverse).
    BreakdownMixedDimensions,
    /// The same subject given a second, different figure in one task.
    ConflictingFigures,
    /// A task deadline before the notice was written.
    DeadlineBeforeDocument,
    /// A task deadline after the programme ends.
    DeadlineAfterPeriod,
    /// A deadline window that ends before it starts.
    DeadlineBackwards,
    /// A phase that ends before it starts.
    PhaseBackwards,
    /// Two phases that overlap.
    PhasesOverlap,
    /// Report dates out of order.
    ReportingOutOfOrder,
    /// A report due in the following year.
    ReportingOutsideYear,
    /// A declared count one more than the tasks listed.
    DeclaredCountMismatch,
    /// A sub-task numbered two levels below its parent.
    SubtaskNumberMismatch,
    /// A document number three years off the programme year.
    DocumentYearMismatch,
    /// A unit takes another unit's name, with a trailing ideographic space, as an alias.
    ConfusableNames,
    /// Breakdown parts of 5 × 10²⁸ each: their sum is beyond a decimal.
    FigureOverflow,
}

impl Defect {
    /// Every defect.
    pub const ALL: &'static [Defect] = &[
        Defect::DuplicateId,
        Defect::DuplicateTaskNumber,
        Defect::UnknownUnit,
        Defect::UnknownSection,
        Defect::AliasClash,
        Defect::NoLead,
        Defect::NoResponsibilities,
        Defect::LeadAndCooperating,
        Defect::DuplicateUnitListed,
        Defect::UnreferencedUnit,
        Defect::EmptyText,
        Defect::MissingAmount,
        Defect::PercentOver100,
        Defect::NonPositiveQuantity,
        Defect::InvalidRateBase,
        Defect::InvertedRange,
        Defect::PerMemberMismatch,
        Defect::BreakdownExceedsTotal,
        Defect::BreakdownMismatch,
        Defect::BreakdownMixedDimensions,
        Defect::ConflictingFigures,
        Defect::DeadlineBeforeDocument,
        Defect::DeadlineAfterPeriod,
        Defect::DeadlineBackwards,
        Defect::PhaseBackwards,
        Defect::PhasesOverlap,
        Defect::ReportingOutOfOrder,
        Defect::ReportingOutsideYear,
        Defect::DeclaredCountMismatch,
        Defect::SubtaskNumberMismatch,
        Defect::DocumentYearMismatch,
        Defect::ConfusableNames,
        Defect::FigureOverflow,
    ];

    /// The code of the rule the defect breaks.
    pub fn code(self) -> Code {
        match self {
            Defect::DuplicateId => Code::DuplicateId,
            Defect::DuplicateTaskNumber => Code::DuplicateTaskNumber,
            Defect::UnknownUnit => Code::UnknownUnit,
            Defect::UnknownSection => Code::UnknownSection,
            Defect::AliasClash => Code::AliasClash,
            Defect::NoLead => Code::NoLead,
            Defect::NoResponsibilities => Code::NoResponsibilities,
            Defect::LeadAndCooperating => Code::LeadAndCooperating,
            Defect::DuplicateUnitListed => Code::DuplicateUnitListed,
            Defect::UnreferencedUnit => Code::UnreferencedUnit,
            Defect::EmptyText => Code::EmptyText,
            Defect::MissingAmount => Code::MissingAmount,
            Defect::PercentOver100 => Code::PercentOver100,
            Defect::NonPositiveQuantity => Code::NonPositiveQuantity,
            Defect::InvalidRateBase => Code::InvalidRateBase,
            Defect::InvertedRange => Code::InvertedRange,
            Defect::PerMemberMismatch => Code::PerMemberMismatch,
            Defect::BreakdownExceedsTotal => Code::BreakdownExceedsTotal,
            Defect::BreakdownMismatch => Code::BreakdownMismatch,
            Defect::BreakdownMixedDimensions => Code::BreakdownMixedDimensions,
            Defect::ConflictingFigures => Code::ConflictingFigures,
            Defect::DeadlineBeforeDocument => Code::DeadlineBeforeDocument,
            Defect::DeadlineAfterPeriod => Code::DeadlineAfterPeriod,
            Defect::DeadlineBackwards => Code::DeadlineBackwards,
            Defect::PhaseBackwards => Code::PhaseBackwards,
            Defect::PhasesOverlap => Code::PhasesOverlap,
            Defect::ReportingOutOfOrder => Code::ReportingOutOfOrder,
            Defect::ReportingOutsideYear => Code::ReportingOutsideYear,
            Defect::DeclaredCountMismatch => Code::DeclaredCountMismatch,
            Defect::SubtaskNumberMismatch => Code::SubtaskNumberMismatch,
            Defect::DocumentYearMismatch => Code::DocumentYearMismatch,
            Defect::ConfusableNames => Code::ConfusableNames,
            Defect::FigureOverflow => Code::FigureOverflow,
        }
    }
}

/// The subject of targets [`break_rule`] adds; no template uses it, so it
/// never meets another target's figures.
const PROBE_SUBJECT: &str = "核查专项指标";

/// The position of a top-level task.
#[derive(Debug, Clone, Copy)]
struct TaskAt {
    section: usize,
    task: usize,
}

/// The top-level tasks in order, starting from a random one and wrapping
/// around, so that mutations land in different places for different seeds.
fn top_tasks(p: &Programme, rng: &mut ChaCha8Rng) -> Vec<TaskAt> {
    let all: Vec<TaskAt> = p
        .sections
        .iter()
        .enumerate()
        .flat_map(|(section, s)| (0..s.tasks.len()).map(move |task| TaskAt { section, task }))
        .collect();
    if all.is_empty() {
        return all;
    }
    let start = rng.random_range(0..all.len());
    let mut out = Vec::with_capacity(all.len());
    out.extend_from_slice(all.get(start..).unwrap_or_default());
    out.extend_from_slice(all.get(..start).unwrap_or_default());
    out
}

fn task_at(p: &mut Programme, at: TaskAt) -> Option<&mut Task> {
    p.sections.get_mut(at.section)?.tasks.get_mut(at.task)
}

fn find_task<'p>(p: &'p mut Programme, rng: &mut ChaCha8Rng, pred: impl Fn(&Task) -> bool) -> Option<&'p mut Task> {
    let at = top_tasks(p, rng)
        .into_iter()
        .find(|at| p.sections.get(at.section).and_then(|s| s.tasks.get(at.task)).is_some_and(&pred))?;
    task_at(p, at)
}

/// Gives one unit of the registry an alias made from another unit's name.
fn alias_of_another(p: &mut Programme, rng: &mut ChaCha8Rng, alias: impl FnOnce(String) -> String) -> bool {
    if p.units.len() < 2 {
        return false;
    }
    let i = rng.random_range(0..p.units.len());
    let j = (i + 1 + rng.random_range(0..p.units.len() - 1)) % p.units.len();
    let name = p.units.get(i).map(|u| u.name.clone()).unwrap_or_default();
    match p.units.get_mut(j) {
        Some(u) if !name.trim().is_empty() => {
            u.aliases.push(alias(name));
            true
        }
        _ => false,
    }
}

fn has_lead(t: &Task) -> bool {
    t.responsibilities.iter().any(|r| matches!(r.role, Role::Lead | Role::Joint))
}

/// A fresh target of subject [`PROBE_SUBJECT`] with id `x-defect-<suffix>`.
fn probe(suffix: &str, measure: Measure, amount: Option<Amount>) -> Option<Target> {
    let mut t =
        Target::new(ident(&format!("x-defect-{suffix}"))?, PROBE_SUBJECT, format!("{PROBE_SUBJECT}{suffix}"), measure);
    t.amount = amount;
    Some(t)
}

/// Adds `targets` to a random top-level task.
fn add_targets(p: &mut Programme, rng: &mut ChaCha8Rng, targets: Vec<Target>) -> bool {
    match find_task(p, rng, |_| true) {
        Some(task) => {
            task.targets.extend(targets);
            true
        }
        None => false,
    }
}

/// Finds a top-level target satisfying `pred` in a random task and applies `f`
/// to it; `false` when there is none.
fn with_target(
    p: &mut Programme,
    rng: &mut ChaCha8Rng,
    pred: impl Fn(&Target) -> bool,
    f: impl FnOnce(&mut Target),
) -> bool {
    let Some(task) = find_task(p, rng, |t| t.targets.iter().any(&pred)) else { return false };
    match task.targets.iter_mut().find(|t| pred(t)) {
        Some(target) => {
            f(target);
            true
        }
        None => false,
    }
}

fn people(v: i64) -> Option<Amount> {
    Some(Amount::exactly(Decimal::from(v)))
}

fn nd(v: i64) -> Decimal {
    Decimal::from(v)
}

/// Damages a generated programme so that [`validate`](crate::validate())
/// reports `defect`'s code and nothing else it did not report before.
///
/// `rng_seed` chooses where the damage goes. Returns `false`, leaving the
/// programme unchanged, when the programme offers nothing to damage (no
/// task, no phases, no reporting dates…).
pub fn break_rule(programme: &mut Programme, defect: Defect, rng_seed: u64) -> bool {
    let mut rng = ChaCha8Rng::seed_from_u64(rng_seed);
    let rng = &mut rng;
    let p = programme;
    match defect {
        Defect::DuplicateId | Defect::AliasClash | Defect::ConfusableNames | Defect::UnreferencedUnit => {
            break_registry(p, rng, defect)
        }
        Defect::DuplicateTaskNumber | Defect::SubtaskNumberMismatch => break_numbers(p, rng, defect),
        Defect::UnknownUnit
        | Defect::NoLead
        | Defect::NoResponsibilities
        | Defect::LeadAndCooperating
        | Defect::DuplicateUnitListed => break_responsibilities(p, rng, defect),
        Defect::EmptyText => match find_task(p, rng, |_| true) {
            Some(task) => {
                task.description = "  ".into();
                true
            }
            None => false,
        },
        Defect::MissingAmount
        | Defect::PercentOver100
        | Defect::NonPositiveQuantity
        | Defect::InvalidRateBase
        | Defect::InvertedRange
        | Defect::PerMemberMismatch => break_figure(p, rng, defect),
        Defect::BreakdownExceedsTotal
        | Defect::BreakdownMismatch
        | Defect::BreakdownMixedDimensions
        | Defect::FigureOverflow => break_breakdown(p, rng, defect),
        Defect::ConflictingFigures => conflicting_figures(p, rng),
        Defect::DeadlineBeforeDocument | Defect::DeadlineAfterPeriod | Defect::DeadlineBackwards => {
            break_deadline(p, rng, defect)
        }
        Defect::PhaseBackwards | Defect::PhasesOverlap => break_phases(p, defect),
        Defect::ReportingOutOfOrder | Defect::ReportingOutsideYear => break_reporting(p, defect),
        Defect::UnknownSection | Defect::DeclaredCountMismatch | Defect::DocumentYearMismatch => {
            break_counts(p, defect)
        }
    }
}

/// A repeated unit id, a clashing or look-alike alias, an orphan unit.
fn break_registry(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    match defect {
        Defect::DuplicateId => {
            let Some(first) = p.units.get(rng.random_range(0..p.units.len().max(1))) else { return false };
            let twin = ResponsibleUnit::new(first.id.clone(), "重复登记单位", UnitKind::Other);
            p.units.push(twin);
            true
        }
        Defect::AliasClash => alias_of_another(p, rng, |name| name),
        // The same name with an ideographic space: equal once widths are folded.
        Defect::ConfusableNames => alias_of_another(p, rng, |name| format!("{name}\u{3000}")),
        Defect::UnreferencedUnit => {
            let Some(id) = ident::<UnitId>("u-orphan") else { return false };
            p.units.push(ResponsibleUnit::new(id, "市无关事务办公室", UnitKind::Department).at(AdminLevel::Prefecture));
            true
        }
        // Not a registry defect.
        _ => false,
    }
}

/// Two sub-tasks with one number, or a sub-task two levels down.
fn break_numbers(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    let Some(task) = find_task(p, rng, |t| t.number.is_some()) else { return false };
    let Some(number) = task.number.clone() else { return false };
    let next = NumberSegment { value: task.subtasks.len() as u32 + 1, style: NumberStyle::ParenArabic };
    let (a, b) = if defect == Defect::DuplicateTaskNumber {
        (number.child(next), Some(number.child(next)))
    } else {
        (number.child(next).child(NumberSegment { value: 1, style: NumberStyle::Circled }), None)
    };
    let mut added = Vec::new();
    for (k, n) in std::iter::once(a).chain(b).enumerate() {
        let Some(id) = ident::<TaskId>(&format!("t-defect-{k}")) else { return false };
        added.push(Task::new(id, "补充核查事项。").numbered(n));
    }
    task.subtasks.extend(added);
    true
}

/// Units unknown, missing, leading and cooperating at once, or listed twice.
fn break_responsibilities(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    match defect {
        Defect::UnknownUnit => {
            let Some(id) = ident::<UnitId>("no-such-unit") else { return false };
            let Some(task) = find_task(p, rng, has_lead) else { return false };
            task.responsibilities.push(Responsibility::cooperating(id));
            true
        }
        Defect::NoLead => {
            let Some(task) = find_task(p, rng, has_lead) else { return false };
            for r in &mut task.responsibilities {
                r.role = Role::Cooperating;
            }
            true
        }
        Defect::NoResponsibilities => {
            if p.task_count() == 0 {
                return false;
            }
            fn clear(t: &mut Task) {
                t.responsibilities.clear();
                t.responsibility_text = None;
                t.subtasks.iter_mut().for_each(clear);
            }
            p.sections.iter_mut().flat_map(|s| s.tasks.iter_mut()).for_each(clear);
            true
        }
        Defect::LeadAndCooperating => {
            let Some(task) = find_task(p, rng, |t| t.responsibilities.iter().any(|r| r.role == Role::Lead)) else {
                return false;
            };
            let Some(lead) = task.responsibilities.iter().find(|r| r.role == Role::Lead).map(|r| r.unit.clone()) else {
                return false;
            };
            task.responsibilities.push(Responsibility::cooperating(lead));
            true
        }
        Defect::DuplicateUnitListed => {
            let Some(task) = find_task(p, rng, |t| !t.responsibilities.is_empty()) else { return false };
            let Some(first) = task.responsibilities.first().cloned() else { return false };
            task.responsibilities.push(first);
            true
        }
        // Not a responsibility defect.
        _ => false,
    }
}

/// A target's own figure made wrong: missing, over 100%, zero, a rate per
/// 0, a range backwards, members that do not multiply out.
fn break_figure(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    let (existing, probe): (Option<FigureEdit>, Option<Target>) = match defect {
        Defect::MissingAmount => (
            Some(FigureEdit { applies: |t| t.measure.needs_amount() && t.amount.is_some(), edit: |t| t.amount = None }),
            probe("missing", Measure::quantity(Unit::Person), None),
        ),
        Defect::PercentOver100 => {
            (None, probe("percent", Measure::percent(), Some(Amount::at_least(Decimal::new(1205, 1)))))
        }
        Defect::NonPositiveQuantity => {
            (None, probe("zero", Measure::quantity(Unit::Household), Some(Amount::at_least(Decimal::ZERO))))
        }
        Defect::InvalidRateBase => (
            Some(FigureEdit {
                applies: |t| matches!(t.measure, Measure::Rate { .. }),
                edit: |t| t.measure = Measure::Rate { per: Decimal::ZERO },
            }),
            probe("rate", Measure::Rate { per: Decimal::ZERO }, Some(Amount::at_most(nd(5)))),
        ),
        Defect::InvertedRange => (
            Some(FigureEdit {
                applies: |t| matches!(t.amount, Some(Amount::Between { min, max }) if min < max),
                edit: |t| {
                    if let Some(Amount::Between { min, max }) = &mut t.amount {
                        std::mem::swap(min, max);
                    }
                },
            }),
            probe("range", Measure::quantity(Unit::Item), Some(Amount::between(nd(20), nd(10)))),
        ),
        Defect::PerMemberMismatch => (
            Some(FigureEdit {
                applies: |t| t.per_member.is_some() && t.amount.as_ref().and_then(Amount::value).is_some(),
                edit: |t| {
                    if let Some(pm) = &mut t.per_member {
                        pm.each += Decimal::ONE;
                    }
                },
            }),
            probe("members", Measure::quantity(Unit::BuildingZhuang), people(10)).map(|mut t| {
                t.per_member = Some(PerMember { count: 3, members: Vec::new(), each: nd(3) });
                t
            }),
        ),
        // Not a figure defect.
        _ => return false,
    };
    if let Some(e) = existing
        && with_target(p, rng, e.applies, e.edit)
    {
        return true;
    }
    match probe {
        Some(t) => add_targets(p, rng, vec![t]),
        None => false,
    }
}

/// How to damage a target the programme already has: which targets it
/// applies to and what it does.
struct FigureEdit {
    applies: fn(&Target) -> bool,
    edit: fn(&mut Target),
}

/// A probe target of 10 人 whose parts break a breakdown rule: too much,
/// too little, another dimension, or beyond a decimal.
fn break_breakdown(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    // Each part fits a decimal; their sum does not.
    let Ok(huge) = Decimal::try_from_i128_with_scale(5 * 10i128.pow(28), 0) else { return false };
    let (parts, exhaustive): (&[(Decimal, Unit)], bool) = match defect {
        Defect::BreakdownExceedsTotal => (&[(nd(6), Unit::Person), (nd(7), Unit::Person)], false),
        Defect::BreakdownMismatch => (&[(nd(3), Unit::Person), (nd(4), Unit::Person)], true),
        Defect::BreakdownMixedDimensions => (&[(nd(3), Unit::Person), (nd(4), Unit::Household)], false),
        Defect::FigureOverflow => (&[(huge, Unit::Person), (huge, Unit::Person)], false),
        // Not a breakdown defect.
        _ => return false,
    };
    let Some(mut t) = probe("total", Measure::quantity(Unit::Person), people(10)) else { return false };
    let mut list = Vec::with_capacity(parts.len());
    for (k, (v, unit)) in parts.iter().enumerate() {
        let amount = Some(Amount::exactly(*v));
        let Some(part) = probe(&format!("part{k}"), Measure::quantity(unit.clone()), amount) else { return false };
        list.push(part);
    }
    t.breakdown = Some(Breakdown { exhaustive, parts: list });
    add_targets(p, rng, vec![t])
}

/// A task gives a subject it already has a second, different figure.
fn conflicting_figures(p: &mut Programme, rng: &mut ChaCha8Rng) -> bool {
    let Some(task) = find_task(p, rng, |t| t.targets.iter().any(|x| x.amount.is_some())) else {
        let (Some(a), Some(b)) = (
            probe("first", Measure::quantity(Unit::Person), people(10)),
            probe("second", Measure::quantity(Unit::Person), people(12)),
        ) else {
            return false;
        };
        return add_targets(p, rng, vec![a, b]);
    };
    let Some(first) = task.targets.iter().find(|x| x.amount.is_some()) else { return false };
    let Some(id) = ident::<TargetId>("x-defect-conflict") else { return false };
    let mut twin = first.clone();
    twin.id = id;
    twin.breakdown = None;
    twin.per_member = None;
    twin.amount = match twin.amount {
        Some(Amount::AtLeast { value }) => Some(Amount::Approximately { value }),
        Some(Amount::Between { min, .. }) => Some(Amount::at_least(min)),
        Some(a) => Some(Amount::at_least(a.low())),
        None => None,
    };
    task.targets.push(twin);
    true
}

/// A task deadline before the notice, after the programme, or backwards.
fn break_deadline(p: &mut Programme, rng: &mut ChaCha8Rng, defect: Defect) -> bool {
    let Some(period) = p.effective_period() else { return false };
    let written = p.document.written;
    let deadline = match defect {
        Defect::DeadlineBeforeDocument => {
            let Some(d) = written.and_then(|w| w.pred_opt()) else { return false };
            Deadline::by(format!("{}月{}日前", d.month(), d.day()), d, Precision::Day)
        }
        Defect::DeadlineAfterPeriod => {
            let Some(d) = period.end.checked_add_days(Days::new(90)) else { return false };
            Deadline::by("次年3月底前", d, Precision::Month)
        }
        Defect::DeadlineBackwards => {
            let from = written.map_or(period.start, |w| w.max(period.start));
            let Some(start) = from.succ_opt() else { return false };
            Deadline::window("第二季度", start, from, Precision::Quarter)
        }
        // Not a deadline defect.
        _ => return false,
    };
    match find_task(p, rng, |_| true) {
        Some(task) => {
            task.deadlines.push(deadline);
            true
        }
        None => false,
    }
}

/// A phase backwards, or two phases overlapping.
fn break_phases(p: &mut Programme, defect: Defect) -> bool {
    if defect == Defect::PhaseBackwards {
        let Some(ph) = p.phases.iter_mut().find(|ph| ph.timing.start.is_some_and(|s| s < ph.timing.date)) else {
            return false;
        };
        if let Some(start) = ph.timing.start.take() {
            ph.timing.start = Some(ph.timing.date);
            ph.timing.date = start;
        }
        return true;
    }
    for i in 1..p.phases.len() {
        let (Some(prev), Some(next)) = (p.phases.get(i - 1), p.phases.get(i)) else { continue };
        let prev_end = prev.timing.date;
        if prev.timing.start.is_some_and(|s| s <= prev_end)
            && next.timing.start.is_some()
            && prev_end <= next.timing.date
            && let Some(next) = p.phases.get_mut(i)
        {
            next.timing.start = Some(prev_end);
            return true;
        }
    }
    false
}

/// Report dates out of order, or one in the following year.
fn break_reporting(p: &mut Programme, defect: Defect) -> bool {
    if defect == Defect::ReportingOutOfOrder {
        for r in &mut p.reporting {
            if let [a, b, ..] = r.due.as_mut_slice()
                && a.date < b.date
            {
                std::mem::swap(a, b);
                return true;
            }
        }
        return false;
    }
    let Some(d) = date(p.year.saturating_add(1), 1, 10) else { return false };
    let Some(r) = p.reporting.first_mut() else { return false };
    if r.due.last().is_some_and(|last| last.date > d) {
        return false;
    }
    r.due.push(Deadline::by("次年1月10日前", d, Precision::Day));
    true
}

/// A count naming an unknown section, a count one off, a number years off.
fn break_counts(p: &mut Programme, defect: Defect) -> bool {
    match defect {
        Defect::UnknownSection => {
            let Some(id) = ident::<SectionId>("no-such-section") else { return false };
            p.declared_counts.push(DeclaredCount { text: "1项惠民实事".into(), count: 1, sections: vec![id] });
            true
        }
        Defect::DeclaredCountMismatch => {
            if let Some(c) = p.declared_counts.first_mut() {
                c.count = c.count.saturating_add(1);
                c.text = format!("{}项民生实事", c.count);
            } else if let Some(s) = p.sections.first_mut() {
                s.declared_count = Some(s.tasks.len() as u32 + 1);
            } else {
                p.declared_counts
                    .push(DeclaredCount { text: "1项民生实事".into(), count: 1, sections: Vec::new() });
            }
            true
        }
        Defect::DocumentYearMismatch => {
            let year = p.year.saturating_sub(3);
            match &mut p.document.number {
                Some(n) => n.year = year,
                None => p.document.number = Some(DocumentNumber { agency: "政办".into(), year, serial: 1 }),
            }
            true
        }
        // Not a count defect.
        _ => false,
    }
}
