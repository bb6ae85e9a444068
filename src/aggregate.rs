//! Aggregation: the answers a supervisor asks for, in exact decimals and a
//! deterministic order.
//!
//! - [`totals`]: figures added up per (subject, unit) and per dimension,
//!   programme-wide and per section. Quantities and money only: percents,
//!   rates and changes do not add. Compatible units are converted (公顷 and
//!   亩 add up); different dimensions never are (人 and 人次 stay apart, and
//!   a subject given in both is listed in [`Totals::refused`]). A range
//!   (1—2个) counts by its lower end; parts under 其中 are inside their
//!   total and are not counted again.
//! - [`workload`]: per responsible unit, the tasks it leads, cooperates on or
//!   shares and the targets of the tasks it leads or shares; aliases merged,
//!   collectives shown as such.
//! - [`calendar`]: deadlines, report dates and phase boundaries by month.
//! - [`reconcile`]: breakdowns against their totals, declared counts against
//!   what is listed.
//! - [`summary`]: all of it in one serializable value (what `minsheng summary` prints).
//!
//! Every function is pure and linear in the size of the programme.

use std::cell::LazyCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::json::pointer::Pointer;
use crate::model::{
    AdminLevel, Amount, Collective, Dimension, Programme, Role, SectionId, Target, Task, Unit, UnitId, UnitKind,
};

/// A figure with its unit, which adds only to figures of the same dimension.
///
/// ```
/// use minsheng::aggregate::Quantity;
/// use minsheng::Unit;
/// use rust_decimal_macros::dec;
/// let a = Quantity::new(dec!(15), Unit::Hectare);
/// let b = Quantity::new(dec!(25), Unit::Mu);
/// assert_eq!(a.checked_add(&b)?, Quantity::new(dec!(250), Unit::Mu));
/// let people = Quantity::new(dec!(1), Unit::Person);
/// let visits = Quantity::new(dec!(1), Unit::PersonTime);
/// assert!(people.checked_add(&visits).is_err());
/// # Ok::<(), minsheng::aggregate::AddError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quantity {
    /// The figure.
    pub value: Decimal,
    /// Its unit.
    pub unit: Unit,
}

/// Why two quantities could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddError {
    /// The units measure different dimensions (人 and 人次).
    #[error("{left} and {right} measure different things ({} and {}) and are not added", left.dimension(), right.dimension())]
    Incompatible {
        /// The first unit.
        left: Unit,
        /// The second unit.
        right: Unit,
    },
    /// The sum does not fit a decimal.
    #[error("the sum overflows")]
    Overflow,
}

impl Quantity {
    /// A figure in a unit.
    pub fn new(value: Decimal, unit: Unit) -> Self {
        Self { value, unit }
    }

    /// The sum, in `self`'s unit when both units agree and in the base unit
    /// of the dimension otherwise.
    ///
    /// # Errors
    ///
    /// [`AddError::Incompatible`] for different dimensions; [`AddError::Overflow`].
    pub fn checked_add(&self, other: &Quantity) -> Result<Quantity, AddError> {
        if !self.unit.is_compatible(&other.unit) {
            return Err(AddError::Incompatible { left: self.unit.clone(), right: other.unit.clone() });
        }
        if self.unit == other.unit {
            let value = self.value.checked_add(other.value).ok_or(AddError::Overflow)?;
            return Ok(Quantity::new(value, self.unit.clone()));
        }
        let a = self.unit.to_base(self.value).ok_or(AddError::Overflow)?;
        let b = other.unit.to_base(other.value).ok_or(AddError::Overflow)?;
        Ok(Quantity::new(a.checked_add(b).ok_or(AddError::Overflow)?, self.unit.base()))
    }
}

/// A total of one subject's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SubjectTotal {
    /// The subject, in the notice's words.
    pub subject: String,
    /// The dimension the figures measure.
    pub dimension: Dimension,
    /// The unit of `value`: the unit all figures share, or else the base unit.
    pub unit: Unit,
    /// The sum.
    pub value: Decimal,
    /// How many targets were added.
    pub targets: usize,
}

/// A total of every figure of one dimension, in its base unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DimensionTotal {
    /// The dimension.
    pub dimension: Dimension,
    /// The base unit `value` is in.
    pub unit: Unit,
    /// The sum.
    pub value: Decimal,
    /// How many targets were added.
    pub targets: usize,
}

/// A subject whose figures are in units that cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Refused {
    /// The subject.
    pub subject: String,
    /// The units it is given in, which measure different dimensions.
    pub units: Vec<Unit>,
}

/// Totals over a set of tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TotalSet {
    /// Per (subject, dimension), sorted by subject.
    pub by_subject: Vec<SubjectTotal>,
    /// Per dimension, in base units, sorted by dimension.
    pub by_dimension: Vec<DimensionTotal>,
    /// Subjects given in units that do not add.
    pub refused: Vec<Refused>,
    /// Figures left out because a sum overflowed (only with absurd figures).
    pub overflowed: usize,
}

/// The totals of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SectionTotals {
    /// The section.
    pub section: SectionId,
    /// Its label as the notice writes it.
    pub title: String,
    /// Its totals.
    pub totals: TotalSet,
}

/// Totals programme-wide and per section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Totals {
    /// Per (subject, dimension), programme-wide.
    pub by_subject: Vec<SubjectTotal>,
    /// Per dimension, programme-wide.
    pub by_dimension: Vec<DimensionTotal>,
    /// Subjects whose units do not add, programme-wide.
    pub refused: Vec<Refused>,
    /// Figures left out because a sum overflowed.
    pub overflowed: usize,
    /// The same per section, in the notice's order.
    pub sections: Vec<SectionTotals>,
}

/// Which dimension-like bucket a unit adds into: unknown units each form their own.
/// Borrowed from the programme, so adding a figure allocates nothing.
type DimKey<'p> = (Dimension, Option<&'p str>);

fn dim_key(measure: &crate::model::Measure) -> Option<DimKey<'_>> {
    match measure {
        crate::model::Measure::Quantity { unit: Unit::Other(s) } => Some((Dimension::Other, Some(s.as_str()))),
        crate::model::Measure::Quantity { unit } => Some((unit.dimension(), None)),
        crate::model::Measure::Money => Some((Unit::Yuan.dimension(), None)),
        _ => None,
    }
}

#[derive(Default)]
struct Acc {
    /// The unit every figure so far shares; `None` once they differ.
    same: Option<Unit>,
    raw: Decimal,
    base: Decimal,
    targets: usize,
}

#[derive(Default)]
struct Adder<'p> {
    subjects: BTreeMap<(&'p str, DimKey<'p>), Acc>,
    dims: BTreeMap<DimKey<'p>, (Decimal, usize)>,
    overflowed: usize,
}

/// The figure a target adds to a total, with its unit, or `None` when it
/// does not add (percents, rates, changes, levels, targets without figure).
fn addable(t: &Target) -> Option<(Decimal, Unit)> {
    let unit = t.measure.unit()?;
    let amount = t.amount.as_ref()?;
    Some((amount.low(), unit))
}

impl<'p> Adder<'p> {
    fn add(&mut self, t: &'p Target) {
        let Some((value, unit)) = addable(t) else { return };
        let Some(key) = dim_key(&t.measure) else { return };
        let Some(base) = unit.to_base(value) else {
            self.overflowed += 1;
            return;
        };
        let acc = self.subjects.entry((t.subject.as_str(), key)).or_default();
        let (Some(raw), Some(b)) = (acc.raw.checked_add(value), acc.base.checked_add(base)) else {
            self.overflowed += 1;
            return;
        };
        let dim = self.dims.entry(key).or_default();
        let Some(d) = dim.0.checked_add(base) else {
            self.overflowed += 1;
            return;
        };
        acc.raw = raw;
        acc.base = b;
        acc.targets += 1;
        match &acc.same {
            None if acc.targets == 1 => acc.same = Some(unit),
            Some(u) if *u != unit => acc.same = None,
            _ => {}
        }
        dim.0 = d;
        dim.1 += 1;
    }

    fn finish(self) -> TotalSet {
        let mut by_subject = Vec::with_capacity(self.subjects.len());
        let mut units_of: BTreeMap<&str, Vec<Unit>> = BTreeMap::new();
        for ((subject, (dimension, other)), acc) in &self.subjects {
            let (unit, value) = match (&acc.same, other) {
                (Some(u), _) => (u.clone(), acc.raw),
                (None, Some(sym)) => (Unit::Other((*sym).to_owned()), acc.base),
                (None, None) => (Unit::base_of(*dimension).unwrap_or(Unit::Other(String::new())), acc.base),
            };
            units_of.entry(subject).or_default().push(unit.clone());
            by_subject.push(SubjectTotal {
                subject: (*subject).to_owned(),
                dimension: *dimension,
                unit,
                value,
                targets: acc.targets,
            });
        }
        let refused = units_of
            .into_iter()
            .filter(|(_, units)| units.len() > 1)
            .map(|(subject, units)| Refused { subject: subject.to_owned(), units })
            .collect();
        let by_dimension = self
            .dims
            .into_iter()
            .map(|((dimension, other), (value, targets))| DimensionTotal {
                dimension,
                unit: match other {
                    Some(sym) => Unit::Other(sym.to_owned()),
                    None => Unit::base_of(dimension).unwrap_or(Unit::Other(String::new())),
                },
                value,
                targets,
            })
            .collect();
        TotalSet { by_subject, by_dimension, refused, overflowed: self.overflowed }
    }
}

/// Adds up the figures of a programme, programme-wide and per section.
///
/// ```
/// # let json = std::fs::read_to_string("examples/data/qinghai-2021.json")?;
/// let p = minsheng::from_str(&json)?;
/// let t = minsheng::aggregate::totals(&p);
/// let person_times = t.by_dimension.iter().find(|d| d.dimension == minsheng::Dimension::PersonTimes);
/// assert!(person_times.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn totals(programme: &Programme) -> Totals {
    let mut all = Adder::default();
    let mut sections = Vec::with_capacity(programme.sections.len());
    for s in &programme.sections {
        let mut here = Adder::default();
        for task in s.tasks.iter().flat_map(Task::walk) {
            for t in &task.targets {
                here.add(t);
                all.add(t);
            }
        }
        sections.push(SectionTotals { section: s.id.clone(), title: s.label(), totals: here.finish() });
    }
    let all = all.finish();
    Totals {
        by_subject: all.by_subject,
        by_dimension: all.by_dimension,
        refused: all.refused,
        overflowed: all.overflowed,
        sections,
    }
}

/// One unit's share of the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitWorkload {
    /// The unit's id (the first registry entry when aliases were merged).
    pub unit: UnitId,
    /// Its name.
    pub name: String,
    /// Other names it goes by, including merged entries' names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Its level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<AdminLevel>,
    /// Its kind.
    pub kind: UnitKind,
    /// Set when the unit stands for many bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective: Option<Collective>,
    /// Tasks (sub-tasks included) it leads.
    pub lead: usize,
    /// Tasks it cooperates on.
    pub cooperating: usize,
    /// Tasks it shares within its remit (根据职责分别负责).
    pub joint: usize,
    /// Tasks it answers for where no lead is named (责任单位 alone).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub responsible: usize,
    /// Targets of the tasks it leads, shares or answers for.
    pub targets: usize,
}

/// The workload of every unit in the registry, busiest leads first (then
/// joint, then responsible, then cooperating; ties in registry order). Registry entries that
/// share a name or alias count as one unit.
pub fn workload(programme: &Programme) -> Vec<UnitWorkload> {
    let units = &programme.units;
    // Merge entries that share a name: each maps to the first entry bearing it.
    let mut first_named: HashMap<&str, usize> = HashMap::new();
    let mut canon: Vec<usize> = (0..units.len()).collect();
    for (i, u) in units.iter().enumerate() {
        let mut target = i;
        for name in std::iter::once(&u.name).chain(&u.aliases) {
            if let Some(&j) = first_named.get(name.as_str()) {
                target = target.min(canon[j]);
            }
        }
        canon[i] = target;
        for name in std::iter::once(&u.name).chain(&u.aliases) {
            first_named.entry(name.as_str()).or_insert(i);
        }
    }
    let index: HashMap<&str, usize> = units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect();
    let mut rows: Vec<UnitWorkload> = units
        .iter()
        .map(|u| UnitWorkload {
            unit: u.id.clone(),
            name: u.name.clone(),
            aliases: u.aliases.clone(),
            level: u.level,
            kind: u.kind,
            collective: u.collective.clone(),
            lead: 0,
            cooperating: 0,
            joint: 0,
            responsible: 0,
            targets: 0,
        })
        .collect();
    let mut seen: HashMap<(usize, Role), ()> = HashMap::new();
    for task in programme.tasks() {
        seen.clear();
        for r in &task.responsibilities {
            let Some(&i) = index.get(r.unit.as_str()) else { continue };
            let c = canon[i];
            if seen.insert((c, r.role), ()).is_some() {
                continue;
            }
            let row = &mut rows[c];
            match r.role {
                Role::Lead => row.lead += 1,
                Role::Cooperating => row.cooperating += 1,
                Role::Joint => row.joint += 1,
                Role::Responsible => row.responsible += 1,
            }
            let owns = matches!(r.role, Role::Lead | Role::Joint | Role::Responsible);
            let held =
                [Role::Lead, Role::Joint, Role::Responsible].iter().filter(|x| seen.contains_key(&(c, **x))).count();
            let already = held > 1;
            if owns && !already {
                row.targets += task.targets.len();
            }
        }
    }
    // Fold merged entries into their first entry.
    let mut out: Vec<UnitWorkload> = Vec::with_capacity(rows.len());
    let mut position: HashMap<usize, usize> = HashMap::new();
    let mut known_names: HashMap<usize, HashSet<String>> = HashMap::new();
    for (i, row) in rows.into_iter().enumerate() {
        let c = canon[i];
        if c == i {
            position.insert(i, out.len());
            out.push(row);
        } else if let Some(&p) = position.get(&c) {
            let head = &mut out[p];
            head.lead += row.lead;
            head.cooperating += row.cooperating;
            head.joint += row.joint;
            head.responsible += row.responsible;
            head.targets += row.targets;
            let known = known_names.entry(p).or_insert_with(|| head.aliases.iter().cloned().collect());
            for name in std::iter::once(row.name).chain(row.aliases) {
                // A set, not a scan of the list: a hostile registry may merge thousands of entries.
                if name != head.name && known.insert(name.clone()) {
                    head.aliases.push(name);
                }
            }
        }
    }
    let mut order: Vec<(usize, UnitWorkload)> = out.into_iter().enumerate().collect();
    order.sort_by(|(ia, a), (ib, b)| {
        b.lead
            .cmp(&a.lead)
            .then(b.joint.cmp(&a.joint))
            .then(b.responsible.cmp(&a.responsible))
            .then(b.cooperating.cmp(&a.cooperating))
            .then(ia.cmp(ib))
    });
    order.into_iter().map(|(_, r)| r).collect()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// What a calendar entry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryKind {
    /// A task or target deadline.
    Deadline,
    /// A report falls due.
    Report,
    /// A phase begins.
    PhaseStart,
    /// A phase ends.
    PhaseEnd,
}

/// One dated item of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CalendarEntry {
    /// The date (the last day, for deadlines).
    pub date: NaiveDate,
    /// What it marks.
    pub kind: EntryKind,
    /// The notice's words for the date (年底前).
    pub text: String,
    /// What falls due: the task or target, the report's content, the phase.
    pub what: String,
    /// JSON Pointer to the source of the entry.
    pub path: String,
}

/// The entries of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Month {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Its entries, by date, then in document order.
    pub entries: Vec<CalendarEntry>,
}

/// Every task, sub-tasks included, in document order, with its JSON Pointer.
/// Every dated item of the programme, grouped by month in date order.
/// Recurring duties without dates (每月) are expanded over the programme's
/// period, at most 240 times each.
pub fn calendar(programme: &Programme) -> Vec<Month> {
    // Entries by day, each day's in document order: a map over the days the
    // programme names (a few hundred), so no sort of all the entries.
    let mut days: BTreeMap<NaiveDate, Vec<CalendarEntry>> = BTreeMap::new();
    let mut push = |e: CalendarEntry| days.entry(e.date).or_default().push(e);
    let root = Pointer::root();
    programme.each_task_at(|task, tp| {
        let label = LazyCell::new(|| task.label());
        for (i, d) in task.deadlines.iter().enumerate() {
            push(CalendarEntry {
                date: d.date,
                kind: EntryKind::Deadline,
                text: d.text.clone(),
                what: label.clone(),
                path: tp.key("deadlines").index(i).path(),
            });
        }
        for (i, t) in task.targets.iter().enumerate() {
            if let Some(d) = &t.deadline {
                push(CalendarEntry {
                    date: d.date,
                    kind: EntryKind::Deadline,
                    text: d.text.clone(),
                    what: format!("{}: {}", *label, t.phrase),
                    path: tp.key("targets").index(i).key("deadline").path(),
                });
            }
        }
    });
    let period = programme.effective_period();
    for (ri, r) in programme.reporting.iter().enumerate() {
        let what = LazyCell::new(|| r.content.clone().unwrap_or_else(|| r.text.chars().take(40).collect()));
        let rp = root.key("reporting").index(ri);
        for (i, d) in r.due.iter().enumerate() {
            push(CalendarEntry {
                date: d.date,
                kind: EntryKind::Report,
                text: d.text.clone(),
                what: what.clone(),
                path: rp.key("due").index(i).into(),
            });
        }
        if let (true, Some(f), Some(period)) = (r.due.is_empty(), r.frequency, &period) {
            for date in f.period_ends(period.start, period.end) {
                push(CalendarEntry {
                    date,
                    kind: EntryKind::Report,
                    text: format!("{f:?}").to_lowercase(),
                    what: what.clone(),
                    path: rp.key("frequency").into(),
                });
            }
        }
    }
    for (i, ph) in programme.phases.iter().enumerate() {
        let pp = root.key("phases").index(i).key("timing");
        if let Some(start) = ph.timing.start {
            push(CalendarEntry {
                date: start,
                kind: EntryKind::PhaseStart,
                text: ph.timing.text.clone(),
                what: ph.name.clone(),
                path: pp.clone().into(),
            });
        }
        push(CalendarEntry {
            date: ph.timing.date,
            kind: EntryKind::PhaseEnd,
            text: ph.timing.text.clone(),
            what: ph.name.clone(),
            path: pp.clone().into(),
        });
    }
    let mut months: Vec<Month> = Vec::new();
    for (date, entries) in days {
        let month = format!("{:04}-{:02}", date.year(), date.month());
        match months.last_mut() {
            Some(m) if m.month == month => m.entries.extend(entries),
            _ => months.push(Month { month, entries }),
        }
    }
    months
}

/// How a breakdown compares with its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BreakdownStatus {
    /// The parts add up to the total.
    Reconciled,
    /// The parts add up to less than the total (fine when not exhaustive).
    Under,
    /// The parts add up to more than the total.
    Over,
    /// The parts cannot be added to the total (other dimensions, no figure).
    Incomparable,
}

/// A breakdown set against its total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BreakdownCheck {
    /// JSON Pointer to the target.
    pub path: String,
    /// The task, as the notice labels it.
    pub task: String,
    /// The target's phrase.
    pub phrase: String,
    /// The unit of `total` and `parts_sum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// The total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Decimal>,
    /// The sum of the parts, in the total's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts_sum: Option<Decimal>,
    /// How many parts.
    pub parts: usize,
    /// Whether the parts are meant to make the whole.
    pub exhaustive: bool,
    /// The verdict.
    pub status: BreakdownStatus,
}

/// A declared count set against what is listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountCheck {
    /// JSON Pointer to the declaration.
    pub path: String,
    /// The words that declare it.
    pub text: String,
    /// The count declared.
    pub declared: u32,
    /// The count listed.
    pub listed: usize,
    /// `true` when they agree.
    pub matches: bool,
}

/// Breakdowns and declared counts, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reconciliation {
    /// Every breakdown.
    pub breakdowns: Vec<BreakdownCheck>,
    /// Every declared count, the programme's first, then the sections'.
    pub counts: Vec<CountCheck>,
}

/// `path` is only called for a target that has a breakdown.
fn check_breakdown(task: &Task, t: &Target, path: impl FnOnce() -> String) -> Option<BreakdownCheck> {
    let b = t.breakdown.as_ref()?;
    let unit = t.measure.unit();
    let total = t.amount.as_ref().and_then(Amount::value);
    let mut sum = Some(Decimal::ZERO);
    for part in &b.parts {
        let v = match (&unit, part.measure.unit(), part.amount.as_ref().and_then(Amount::value)) {
            (Some(u), Some(pu), Some(v)) => pu.convert(v, u),
            _ => None,
        };
        sum = sum.zip(v).and_then(|(s, v)| s.checked_add(v));
    }
    let status = match (total, sum) {
        (Some(t), Some(s)) if s == t => BreakdownStatus::Reconciled,
        (Some(t), Some(s)) if s < t => BreakdownStatus::Under,
        (Some(_), Some(_)) => BreakdownStatus::Over,
        _ => BreakdownStatus::Incomparable,
    };
    Some(BreakdownCheck {
        path: path(),
        task: task.label(),
        phrase: t.phrase.clone(),
        unit,
        total,
        parts_sum: sum,
        parts: b.parts.len(),
        exhaustive: b.exhaustive,
        status,
    })
}

/// Checks every breakdown against its total and every declared count against
/// the tasks listed.
pub fn reconcile(programme: &Programme) -> Reconciliation {
    let mut out = Reconciliation::default();
    let root = Pointer::root();
    programme.each_task_at(|task, tp| {
        for (i, t) in task.targets.iter().enumerate() {
            if let Some(c) = check_breakdown(task, t, || tp.key("targets").index(i).path()) {
                out.breakdowns.push(c);
            }
        }
    });
    let listed_in: HashMap<&str, usize> = programme.sections.iter().map(|s| (s.id.as_str(), s.tasks.len())).collect();
    for (i, c) in programme.declared_counts.iter().enumerate() {
        let listed: usize = if c.sections.is_empty() {
            programme.sections.iter().map(|s| s.tasks.len()).sum()
        } else {
            c.sections.iter().filter_map(|id| listed_in.get(id.as_str())).sum()
        };
        out.counts.push(CountCheck {
            path: root.key("declared_counts").index(i).into(),
            text: c.text.clone(),
            declared: c.count,
            listed,
            matches: listed == c.count as usize,
        });
    }
    for (i, s) in programme.sections.iter().enumerate() {
        if let Some(d) = s.declared_count {
            out.counts.push(CountCheck {
                path: root.key("sections").index(i).key("declared_count").into(),
                text: s.label(),
                declared: d,
                listed: s.tasks.len(),
                matches: s.tasks.len() == d as usize,
            });
        }
    }
    out
}

/// Target counts by measure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TargetCounts {
    /// All targets of all tasks (breakdown parts not counted).
    pub total: usize,
    /// Per measure kind (quantity, percent, rate, money, change, categorical, deferred).
    pub by_measure: BTreeMap<String, usize>,
}

/// One row of [`Summary::totals`]: a dimension total, or a subject total
/// when `subject` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TotalRow {
    /// The subject, for subject totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The dimension.
    pub dimension: Dimension,
    /// The unit of `value`.
    pub unit: Unit,
    /// The sum.
    pub value: Decimal,
    /// How many targets were added.
    pub targets: usize,
}

/// A programme at a glance: what `minsheng summary --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Summary {
    /// The programme's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its year.
    pub year: i32,
    /// How many sections.
    pub sections: usize,
    /// How many tasks, sub-tasks included.
    pub tasks: usize,
    /// Target counts.
    pub targets: TargetCounts,
    /// Dimension totals first, then subject totals.
    pub totals: Vec<TotalRow>,
    /// Per-section totals.
    pub section_totals: Vec<SectionTotals>,
    /// Subjects whose units do not add.
    pub refused: Vec<Refused>,
    /// Every unit's workload, busiest first.
    pub workload: Vec<UnitWorkload>,
    /// The calendar.
    pub calendar: Vec<Month>,
    /// Breakdowns and declared counts.
    pub reconciliation: Reconciliation,
}

/// Everything above in one value.
pub fn summary(programme: &Programme) -> Summary {
    let mut targets = TargetCounts::default();
    // Counted under the kinds' static names; owned strings only for the result.
    let mut by_measure: BTreeMap<&'static str, usize> = BTreeMap::new();
    for task in programme.tasks() {
        for t in &task.targets {
            targets.total += 1;
            *by_measure.entry(t.measure.kind()).or_default() += 1;
        }
    }
    targets.by_measure = by_measure.into_iter().map(|(kind, n)| (kind.to_owned(), n)).collect();
    let t = totals(programme);
    let mut rows: Vec<TotalRow> = t
        .by_dimension
        .iter()
        .map(|d| TotalRow {
            subject: None,
            dimension: d.dimension,
            unit: d.unit.clone(),
            value: d.value,
            targets: d.targets,
        })
        .collect();
    rows.extend(t.by_subject.iter().map(|s| TotalRow {
        subject: Some(s.subject.clone()),
        dimension: s.dimension,
        unit: s.unit.clone(),
        value: s.value,
        targets: s.targets,
    }));
    Summary {
        id: programme.id.to_string(),
        title: programme.title.clone(),
        year: programme.year,
        sections: programme.sections.len(),
        tasks: programme.task_count(),
        targets,
        totals: rows,
        section_totals: t.sections,
        refused: t.refused,
        workload: workload(programme),
        calendar: calendar(programme),
        reconciliation: reconcile(programme),
    }
}
