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

use std::cell::{LazyCell, OnceCell};
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::hash::{self, Map};
use crate::json::pointer::{At, Pointer, ROOT};
use crate::model::{
    AdminLevel, Amount, Collective, Dimension, Measure, Programme, Role, Section, SectionId, Target, Task, Unit,
    UnitId, UnitKind,
};

/// A task's label ([`Task::label`]), written the first time a part needs
/// it and shared by the others.
struct Label<'p> {
    task: &'p Task,
    text: OnceCell<String>,
}

impl<'p> Label<'p> {
    fn new(task: &'p Task) -> Self {
        Label { task, text: OnceCell::new() }
    }

    fn get(&self) -> &str {
        self.text.get_or_init(|| self.task.label())
    }
}

/// One part of the aggregation (totals, workload, calendar, breakdowns),
/// fed task by task. [`summary`] feeds all parts in one walk; each public
/// function walks the programme for its own part.
trait Part<'p> {
    /// A task, with the pointer to it and its label.
    fn task(&mut self, task: &'p Task, at: &At<'_>, label: &Label<'p>);

    /// The last task of `section` has been fed.
    fn section_end(&mut self, _section: &'p Section) {}
}

/// Feeds every task of the programme, sub-tasks included, in the notice's
/// order, to `part`.
fn walk<'p>(programme: &'p Programme, part: &mut impl Part<'p>) {
    let sections_at = ROOT.key("sections");
    for (si, s) in programme.sections.iter().enumerate() {
        s.each_task_at(&sections_at.index(si), &mut |task, at| part.task(task, at, &Label::new(task)));
        part.section_end(s);
    }
}

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
    /// How many targets were left out because adding them would go beyond
    /// the largest figure a decimal holds (see [`Overflow`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub overflowed: usize,
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
    /// How many targets were left out because adding them would overflow.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub overflowed: usize,
}

/// Whether a count is zero (counts of zero are left out of the JSON).
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Why a figure was left out of the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OverflowKind {
    /// The figure itself, in its dimension's base unit, is beyond the
    /// largest decimal (7.9e28 亿元 in 元).
    Conversion,
    /// Adding it to its subject's total would go beyond the largest decimal.
    SubjectTotal,
    /// Adding it to its dimension's total would go beyond the largest decimal.
    DimensionTotal,
}

impl OverflowKind {
    /// What went beyond the largest decimal, in words.
    pub fn describe(self) -> &'static str {
        match self {
            OverflowKind::Conversion => "the figure in its base unit",
            OverflowKind::SubjectTotal => "its subject's total",
            OverflowKind::DimensionTotal => "its dimension's total",
        }
    }
}

/// A target left out of the totals because adding it would go beyond the
/// largest figure a decimal holds (79 228 162 514 264 337 593 543 950 335,
/// about 7.9 × 10²⁸). Only absurd figures get here; validation reports
/// each as `figure_overflow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Overflow {
    /// JSON Pointer to the target.
    pub path: String,
    /// The task, as the notice labels it.
    pub task: String,
    /// The target's subject.
    pub subject: String,
    /// The target's phrase.
    pub phrase: String,
    /// The figure as the target gives it (the lower end of a range).
    pub value: Decimal,
    /// Its unit.
    pub unit: Unit,
    /// What overflowed.
    pub kind: OverflowKind,
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
    /// The figures left out, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overflows: Vec<Overflow>,
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
    /// The figures left out, programme-wide, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overflows: Vec<Overflow>,
    /// The same per section, in the notice's order.
    pub sections: Vec<SectionTotals>,
}

/// Which dimension-like bucket a unit adds into: unknown units each form their own.
/// Borrowed from the programme, so adding a figure allocates nothing.
type DimKey<'p> = (Dimension, Option<&'p str>);

fn dim_key(measure: &Measure) -> Option<DimKey<'_>> {
    match measure {
        Measure::Quantity { unit: Unit::Other(s) } => Some((Dimension::Other, Some(s.as_str()))),
        Measure::Quantity { unit } => Some((unit.dimension(), None)),
        Measure::Money => Some((Unit::Yuan.dimension(), None)),
        _ => None,
    }
}

/// The unit of money targets, borrowed like a quantity's unit.
static YUAN: Unit = Unit::Yuan;

/// The figure a target adds to a total, with its unit, or `None` when it
/// does not add (percents, rates, changes, levels, targets without figure).
pub(crate) fn addable(t: &Target) -> Option<(Decimal, &Unit)> {
    let unit = match &t.measure {
        Measure::Quantity { unit } => unit,
        Measure::Money => &YUAN,
        _ => return None,
    };
    Some((t.amount.as_ref()?.low(), unit))
}

#[derive(Default)]
struct Acc<'p> {
    /// The unit every figure so far shares; `None` once they differ.
    same: Option<&'p Unit>,
    raw: Decimal,
    base: Decimal,
    targets: usize,
    overflowed: usize,
}

#[derive(Default)]
struct DimAcc {
    value: Decimal,
    targets: usize,
    overflowed: usize,
}

/// Sums figures per (subject, dimension) and per dimension, for the
/// programme and for the section being walked. [`totals`] adds every
/// figure once to both levels; validation uses the same to say which
/// figure would overflow a total.
pub(crate) struct Adder<'p> {
    /// Where each (subject, dimension) sums: one hash look-up per figure
    /// for both levels, where an ordered map compared subject strings a
    /// dozen times per level. The distinct keys are sorted once, at the end.
    slots: Map<SubjectKey<'p>, usize>,
    /// The key of each slot.
    keys: Vec<SubjectKey<'p>>,
    programme: Sums<'p>,
    section: Sums<'p>,
}

/// A subject total's key: the subject and the dimension it adds in.
type SubjectKey<'p> = (&'p str, DimKey<'p>);

impl Default for Adder<'_> {
    fn default() -> Self {
        Adder { slots: hash::map(0), keys: Vec::new(), programme: Sums::default(), section: Sums::default() }
    }
}

impl<'p> Adder<'p> {
    /// Adds a target's figure to the section's totals and the programme's
    /// (nothing for targets that do not add). When the figure would take a
    /// total beyond the largest decimal it is left out of that level's
    /// totals, counted on its rows, and the error says which sum
    /// overflowed: first the section's answer, then the programme's.
    pub(crate) fn add(&mut self, t: &'p Target) -> (Result<(), OverflowKind>, Result<(), OverflowKind>) {
        let (Some((value, unit)), Some(key)) = (addable(t), dim_key(&t.measure)) else { return (Ok(()), Ok(())) };
        let subject_key = (t.subject.as_str(), key);
        let slot = *self.slots.entry(subject_key).or_insert_with(|| {
            self.keys.push(subject_key);
            self.keys.len() - 1
        });
        let figure = Figure { slot, key, value, base: unit.to_base(value), unit };
        (self.section.add(&figure), self.programme.add(&figure))
    }

    /// The totals of the section just walked; the next section starts from nothing.
    pub(crate) fn end_section(&mut self, overflows: Vec<Overflow>) -> TotalSet {
        self.section.take(&self.keys, overflows)
    }

    /// The next section starts from nothing; the last one's totals are not wanted.
    pub(crate) fn next_section(&mut self) {
        self.section.reset();
    }

    /// The programme's totals.
    fn finish(mut self, overflows: Vec<Overflow>) -> TotalSet {
        self.programme.take(&self.keys, overflows)
    }
}

/// A figure on its way into the sums.
struct Figure<'p> {
    slot: usize,
    key: DimKey<'p>,
    value: Decimal,
    /// The figure in its dimension's base unit; `None` when that is beyond a decimal.
    base: Option<Decimal>,
    unit: &'p Unit,
}

/// The sums of one level (the programme, or a section), by slot.
#[derive(Default)]
struct Sums<'p> {
    subjects: Vec<Acc<'p>>,
    /// The slots added to, in the order first added to: what to report and reset.
    used: Vec<usize>,
    /// A handful of dimensions: an ordered map is as quick as any.
    dims: BTreeMap<DimKey<'p>, DimAcc>,
    overflowed: usize,
}

impl<'p> Sums<'p> {
    fn add(&mut self, f: &Figure<'p>) -> Result<(), OverflowKind> {
        if self.subjects.len() <= f.slot {
            self.subjects.resize_with(f.slot + 1, Acc::default);
        }
        let Some(acc) = self.subjects.get_mut(f.slot) else { return Ok(()) };
        if acc.targets == 0 && acc.overflowed == 0 {
            self.used.push(f.slot);
        }
        let dim = self.dims.entry(f.key).or_default();
        let sums = match f.base {
            None => Err(OverflowKind::Conversion),
            Some(base) => match (acc.raw.checked_add(f.value), acc.base.checked_add(base)) {
                (Some(raw), Some(b)) => {
                    dim.value.checked_add(base).map(|d| (raw, b, d)).ok_or(OverflowKind::DimensionTotal)
                }
                _ => Err(OverflowKind::SubjectTotal),
            },
        };
        let (raw, b, d) = match sums {
            Ok(sums) => sums,
            Err(kind) => {
                acc.overflowed += 1;
                dim.overflowed += 1;
                self.overflowed += 1;
                return Err(kind);
            }
        };
        acc.raw = raw;
        acc.base = b;
        acc.targets += 1;
        match acc.same {
            None if acc.targets == 1 => acc.same = Some(f.unit),
            Some(u) if u != f.unit => acc.same = None,
            _ => {}
        }
        dim.value = d;
        dim.targets += 1;
        Ok(())
    }

    /// The totals so far, sorted as the schema says; the sums start again from nothing.
    fn take(&mut self, keys: &[SubjectKey<'p>], overflows: Vec<Overflow>) -> TotalSet {
        // Distinct keys, in the order an ordered map of them would give.
        self.used.sort_unstable_by_key(|&slot| keys.get(slot));
        let mut by_subject = Vec::with_capacity(self.used.len());
        let mut units_of: BTreeMap<&str, Vec<Unit>> = BTreeMap::new();
        for &slot in &self.used {
            let (Some(&(subject, (dimension, other))), Some(acc)) = (keys.get(slot), self.subjects.get(slot)) else {
                continue;
            };
            let (unit, value) = match (acc.same, other) {
                (Some(u), _) => (u.clone(), acc.raw),
                (None, Some(sym)) => (Unit::Other(sym.to_owned()), acc.base),
                (None, None) => (Unit::base_of(dimension).unwrap_or(Unit::Other(String::new())), acc.base),
            };
            units_of.entry(subject).or_default().push(unit.clone());
            by_subject.push(SubjectTotal {
                subject: subject.to_owned(),
                dimension,
                unit,
                value,
                targets: acc.targets,
                overflowed: acc.overflowed,
            });
        }
        let refused = units_of
            .into_iter()
            .filter(|(_, units)| units.len() > 1)
            .map(|(subject, units)| Refused { subject: subject.to_owned(), units })
            .collect();
        let by_dimension = self
            .dims
            .iter()
            .map(|(&(dimension, other), acc)| DimensionTotal {
                dimension,
                unit: match other {
                    Some(sym) => Unit::Other(sym.to_owned()),
                    None => Unit::base_of(dimension).unwrap_or(Unit::Other(String::new())),
                },
                value: acc.value,
                targets: acc.targets,
                overflowed: acc.overflowed,
            })
            .collect();
        let overflowed = self.overflowed;
        self.reset();
        TotalSet { by_subject, by_dimension, refused, overflowed, overflows }
    }

    /// Back to nothing, touching only the slots added to.
    fn reset(&mut self) {
        for slot in self.used.drain(..) {
            if let Some(acc) = self.subjects.get_mut(slot) {
                *acc = Acc::default();
            }
        }
        self.dims.clear();
        self.overflowed = 0;
    }
}

impl Overflow {
    /// The record of `target` of `task`, at `path`, left out for `kind`.
    fn new(task: &str, target: &Target, path: String, kind: OverflowKind) -> Self {
        let (value, unit) = addable(target).map_or((Decimal::ZERO, Unit::Yuan), |(v, u)| (v, u.clone()));
        Overflow {
            path,
            task: task.to_owned(),
            subject: target.subject.clone(),
            phrase: target.phrase.clone(),
            value,
            unit,
            kind,
        }
    }
}

/// Adds up the figures of a programme, programme-wide and per section.
///
/// A figure that would take a total beyond the largest decimal is left out
/// and listed in `overflows` (validation reports it as `figure_overflow`).
///
/// ```
/// # let json = std::fs::read_to_string("examples/data/qinghai-2021.json")?;
/// let p = minsheng::from_str(&json)?;
/// let t = minsheng::aggregate::totals(&p);
/// let person_times = t.by_dimension.iter().find(|d| d.dimension == minsheng::Dimension::PersonTimes);
/// assert!(person_times.is_some());
/// assert!(t.overflows.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn totals(programme: &Programme) -> Totals {
    let mut part = TotalsPart::default();
    walk(programme, &mut part);
    part.finish()
}

/// The totals, gathered task by task.
#[derive(Default)]
struct TotalsPart<'p> {
    adder: Adder<'p>,
    all_overflows: Vec<Overflow>,
    /// The section being walked.
    here_overflows: Vec<Overflow>,
    sections: Vec<SectionTotals>,
}

impl<'p> Part<'p> for TotalsPart<'p> {
    fn task(&mut self, task: &'p Task, tp: &At<'_>, label: &Label<'p>) {
        for (i, t) in task.targets.iter().enumerate() {
            let (in_section, in_programme) = self.adder.add(t);
            if in_section.is_ok() && in_programme.is_ok() {
                continue;
            }
            let path = tp.key("targets").index(i).path();
            if let Err(kind) = in_section {
                self.here_overflows.push(Overflow::new(label.get(), t, path.clone(), kind));
            }
            if let Err(kind) = in_programme {
                self.all_overflows.push(Overflow::new(label.get(), t, path, kind));
            }
        }
    }

    fn section_end(&mut self, s: &'p Section) {
        let here = self.adder.end_section(std::mem::take(&mut self.here_overflows));
        self.sections.push(SectionTotals { section: s.id.clone(), title: s.label(), totals: here });
    }
}

impl TotalsPart<'_> {
    fn finish(self) -> Totals {
        let all = self.adder.finish(self.all_overflows);
        Totals {
            by_subject: all.by_subject,
            by_dimension: all.by_dimension,
            refused: all.refused,
            overflowed: all.overflowed,
            overflows: all.overflows,
            sections: self.sections,
        }
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

/// For each registry entry, the index of the entry it counts as: the first
/// entry that shares a name or alias with it (itself when none does). The
/// workload and the export's `units.merged_into` use this one rule.
pub(crate) fn merged_units(units: &[crate::model::ResponsibleUnit]) -> Vec<usize> {
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
    canon
}

/// The workload of every unit in the registry, busiest leads first (then
/// joint, then responsible, then cooperating; ties in registry order). Registry entries that
/// share a name or alias count as one unit.
pub fn workload(programme: &Programme) -> Vec<UnitWorkload> {
    let mut part = RolesPart::new(programme);
    walk(programme, &mut part);
    part.finish()
}

/// One row per registry entry, counting each task once per role under the
/// entry it merges into (`canon`).
struct RolesPart<'p> {
    /// Registry entries by id.
    index: Map<&'p str, usize>,
    /// The entry each entry merges into ([`merged_units`]).
    canon: Vec<usize>,
    rows: Vec<UnitWorkload>,
    /// For each unit and role, the last task that counted it: a task lists a
    /// unit under a role once however often the notice repeats it.
    counted: Vec<[usize; 4]>,
    /// The number of the task being walked.
    task_no: usize,
}

impl<'p> RolesPart<'p> {
    fn new(programme: &'p Programme) -> Self {
        let units = &programme.units;
        let mut index: Map<&str, usize> = hash::map(units.len());
        index.extend(units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)));
        let rows = units
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
        RolesPart { index, canon: merged_units(units), rows, counted: vec![[usize::MAX; 4]; units.len()], task_no: 0 }
    }

    fn finish(self) -> Vec<UnitWorkload> {
        busiest_first(fold_merged(self.rows, &self.canon))
    }
}

impl<'p> Part<'p> for RolesPart<'p> {
    fn task(&mut self, task: &'p Task, _: &At<'_>, _: &Label<'p>) {
        let slot = |role: Role| match role {
            Role::Lead => 0,
            Role::Joint => 1,
            Role::Responsible => 2,
            Role::Cooperating => 3,
        };
        let task_no = self.task_no;
        self.task_no += 1;
        for r in &task.responsibilities {
            let Some(&i) = self.index.get(r.unit.as_str()) else { continue };
            let Some(&c) = self.canon.get(i) else { continue };
            let (Some(counted), Some(row)) = (self.counted.get_mut(c), self.rows.get_mut(c)) else { continue };
            if counted[slot(r.role)] == task_no {
                continue;
            }
            counted[slot(r.role)] = task_no;
            match r.role {
                Role::Lead => row.lead += 1,
                Role::Cooperating => row.cooperating += 1,
                Role::Joint => row.joint += 1,
                Role::Responsible => row.responsible += 1,
            }
            // A unit that owns a task twice over (lead and joint) counts its targets once.
            let owns = matches!(r.role, Role::Lead | Role::Joint | Role::Responsible);
            let held = counted[..3].iter().filter(|&&t| t == task_no).count();
            if owns && held == 1 {
                row.targets += task.targets.len();
            }
        }
    }
}

/// Folds the rows of merged entries into their first entry, whose aliases
/// gain the merged entries' names.
fn fold_merged(rows: Vec<UnitWorkload>, canon: &[usize]) -> Vec<UnitWorkload> {
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
    out
}

/// Busiest leads first, then joint, responsible and cooperating; ties keep registry order.
fn busiest_first(rows: Vec<UnitWorkload>) -> Vec<UnitWorkload> {
    let mut order: Vec<(usize, UnitWorkload)> = rows.into_iter().enumerate().collect();
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

/// Every dated item of the programme, grouped by month in date order.
/// Recurring duties without dates (每月) are expanded over the programme's
/// period, at most 240 times each.
pub fn calendar(programme: &Programme) -> Vec<Month> {
    let mut part = DatesPart::default();
    walk(programme, &mut part);
    part.finish(programme)
}

/// The calendar's entries: the tasks' gathered task by task, then the
/// reports' and phases'.
#[derive(Default)]
struct DatesPart {
    // Entries by day, each day's in document order: a map over the days the
    // programme names (a few hundred), so no sort of all the entries.
    days: Days,
}

impl<'p> Part<'p> for DatesPart {
    /// The deadlines of a task and of its targets.
    fn task(&mut self, task: &'p Task, tp: &At<'_>, label: &Label<'p>) {
        let days = &mut self.days;
        for (i, d) in task.deadlines.iter().enumerate() {
            let path = tp.key("deadlines").index(i).path();
            push(
                days,
                CalendarEntry {
                    date: d.date,
                    kind: EntryKind::Deadline,
                    text: d.text.clone(),
                    what: label.get().to_owned(),
                    path,
                },
            );
        }
        for (i, t) in task.targets.iter().enumerate() {
            if let Some(d) = &t.deadline {
                push(
                    days,
                    CalendarEntry {
                        date: d.date,
                        kind: EntryKind::Deadline,
                        text: d.text.clone(),
                        what: format!("{}: {}", label.get(), t.phrase),
                        path: tp.key("targets").index(i).key("deadline").path(),
                    },
                );
            }
        }
    }
}

impl DatesPart {
    fn finish(mut self, programme: &Programme) -> Vec<Month> {
        report_entries(programme, &mut self.days);
        phase_entries(programme, &mut self.days);
        months(self.days)
    }
}

/// The entries grouped by month.
fn months(days: Days) -> Vec<Month> {
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

/// Calendar entries by day, each day's in document order.
type Days = BTreeMap<NaiveDate, Vec<CalendarEntry>>;

fn push(days: &mut Days, e: CalendarEntry) {
    days.entry(e.date).or_default().push(e);
}

/// Reporting duties: their dates, or their frequency over the programme's period.
fn report_entries(programme: &Programme, days: &mut Days) {
    let period = programme.effective_period();
    let root = Pointer::root();
    for (ri, r) in programme.reporting.iter().enumerate() {
        let what = LazyCell::new(|| r.content.clone().unwrap_or_else(|| r.text.chars().take(40).collect()));
        let rp = root.key("reporting").index(ri);
        for (i, d) in r.due.iter().enumerate() {
            let path = rp.key("due").index(i).into();
            push(
                days,
                CalendarEntry { date: d.date, kind: EntryKind::Report, text: d.text.clone(), what: what.clone(), path },
            );
        }
        if let (true, Some(f), Some(period)) = (r.due.is_empty(), r.frequency, &period) {
            for date in f.period_ends(period.start, period.end) {
                push(
                    days,
                    CalendarEntry {
                        date,
                        kind: EntryKind::Report,
                        text: format!("{f:?}").to_lowercase(),
                        what: what.clone(),
                        path: rp.key("frequency").into(),
                    },
                );
            }
        }
    }
}

/// The start (when given) and end of every phase.
fn phase_entries(programme: &Programme, days: &mut Days) {
    let root = Pointer::root();
    for (i, ph) in programme.phases.iter().enumerate() {
        let pp = root.key("phases").index(i).key("timing");
        let entry = |date, kind| CalendarEntry {
            date,
            kind,
            text: ph.timing.text.clone(),
            what: ph.name.clone(),
            path: pp.clone().into(),
        };
        if let Some(start) = ph.timing.start {
            push(days, entry(start, EntryKind::PhaseStart));
        }
        push(days, entry(ph.timing.date, EntryKind::PhaseEnd));
    }
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
    /// The parts add up to more than the largest figure a decimal holds,
    /// so more than any total.
    Overflow,
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

/// A breakdown's parts added up in the total's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartsSum {
    /// Every part has a figure in a unit that adds to the total's: their sum.
    Sum(Decimal),
    /// Some part has no figure (or a range), or adds to another dimension.
    Incomparable,
    /// The parts that add go beyond the largest decimal.
    Overflow,
}

/// Adds up `parts` in `unit`, the total's; validation uses the same sum.
pub(crate) fn parts_sum(unit: Option<&Unit>, parts: &[Target]) -> PartsSum {
    let mut sum = Decimal::ZERO;
    let mut comparable = true;
    for part in parts {
        let figure = part.amount.as_ref().and_then(Amount::value);
        match (unit, figure, addable(part).map(|(_, u)| u)) {
            (Some(unit), Some(v), Some(part_unit)) if part_unit.is_compatible(unit) => {
                // Compatible units convert unless the figure is beyond a decimal.
                match part_unit.convert(v, unit).and_then(|v| sum.checked_add(v)) {
                    Some(s) => sum = s,
                    None => return PartsSum::Overflow,
                }
            }
            _ => comparable = false,
        }
    }
    if comparable { PartsSum::Sum(sum) } else { PartsSum::Incomparable }
}

/// `path` is only called for a target that has a breakdown.
fn check_breakdown(task: &str, t: &Target, path: impl FnOnce() -> String) -> Option<BreakdownCheck> {
    let b = t.breakdown.as_ref()?;
    let unit = t.measure.unit();
    let total = t.amount.as_ref().and_then(Amount::value);
    let sum = parts_sum(unit.as_ref(), &b.parts);
    let status = match (total, sum) {
        (_, PartsSum::Overflow) => BreakdownStatus::Overflow,
        (Some(t), PartsSum::Sum(s)) if s == t => BreakdownStatus::Reconciled,
        (Some(t), PartsSum::Sum(s)) if s < t => BreakdownStatus::Under,
        (Some(_), PartsSum::Sum(_)) => BreakdownStatus::Over,
        _ => BreakdownStatus::Incomparable,
    };
    Some(BreakdownCheck {
        path: path(),
        task: task.to_owned(),
        phrase: t.phrase.clone(),
        unit,
        total,
        parts_sum: match sum {
            PartsSum::Sum(s) => Some(s),
            _ => None,
        },
        parts: b.parts.len(),
        exhaustive: b.exhaustive,
        status,
    })
}

/// Checks every breakdown against its total and every declared count against
/// the tasks listed.
pub fn reconcile(programme: &Programme) -> Reconciliation {
    let mut part = BreakdownsPart::default();
    walk(programme, &mut part);
    part.finish(programme)
}

/// The breakdowns, checked task by task.
#[derive(Default)]
struct BreakdownsPart {
    breakdowns: Vec<BreakdownCheck>,
}

impl<'p> Part<'p> for BreakdownsPart {
    fn task(&mut self, task: &'p Task, tp: &At<'_>, label: &Label<'p>) {
        for (i, t) in task.targets.iter().enumerate() {
            // Asked first so that only tasks with a breakdown write their label.
            if t.breakdown.is_some()
                && let Some(c) = check_breakdown(label.get(), t, || tp.key("targets").index(i).path())
            {
                self.breakdowns.push(c);
            }
        }
    }
}

impl BreakdownsPart {
    /// The breakdowns, then every declared count against what is listed.
    fn finish(self, programme: &Programme) -> Reconciliation {
        Reconciliation { breakdowns: self.breakdowns, counts: declared_counts(programme) }
    }
}

/// Every declared count, the programme's first, then the sections'.
fn declared_counts(programme: &Programme) -> Vec<CountCheck> {
    let mut out = Vec::new();
    let root = Pointer::root();
    let listed_in: HashMap<&str, usize> = programme.sections.iter().map(|s| (s.id.as_str(), s.tasks.len())).collect();
    for (i, c) in programme.declared_counts.iter().enumerate() {
        let listed: usize = if c.sections.is_empty() {
            programme.sections.iter().map(|s| s.tasks.len()).sum()
        } else {
            c.sections.iter().filter_map(|id| listed_in.get(id.as_str())).sum()
        };
        out.push(CountCheck {
            path: root.key("declared_counts").index(i).into(),
            text: c.text.clone(),
            declared: c.count,
            listed,
            matches: listed == c.count as usize,
        });
    }
    for (i, s) in programme.sections.iter().enumerate() {
        if let Some(d) = s.declared_count {
            out.push(CountCheck {
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
    /// How many targets were left out because adding them would overflow.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub overflowed: usize,
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
    /// Targets left out of the totals because adding them would overflow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overflows: Vec<Overflow>,
    /// Every unit's workload, busiest first.
    pub workload: Vec<UnitWorkload>,
    /// The calendar.
    pub calendar: Vec<Month>,
    /// Breakdowns and declared counts.
    pub reconciliation: Reconciliation,
}

/// Everything above in one value.
///
/// The programme is walked once for all of it: a programme larger than the
/// CPU caches is then read from memory once rather than once per part.
/// With the `parallel` feature a large programme is walked twice instead,
/// side by side on two cores: counts, totals and breakdowns on one,
/// workload and calendar on the other (split so the walks take about as
/// long).
pub fn summary(programme: &Programme) -> Summary {
    let figures = (CountsPart::default(), (TotalsPart::default(), BreakdownsPart::default()));
    let duties = (RolesPart::new(programme), DatesPart::default());
    let ((counts, (totals, breakdowns)), (roles, dates)) = walk_both(programme, figures, duties);
    let targets = TargetCounts { total: counts.targets, by_measure: counts.by_measure() };
    let t = totals.finish();
    let mut rows: Vec<TotalRow> = t
        .by_dimension
        .iter()
        .map(|d| TotalRow {
            subject: None,
            dimension: d.dimension,
            unit: d.unit.clone(),
            value: d.value,
            targets: d.targets,
            overflowed: d.overflowed,
        })
        .collect();
    rows.extend(t.by_subject.iter().map(|s| TotalRow {
        subject: Some(s.subject.clone()),
        dimension: s.dimension,
        unit: s.unit.clone(),
        value: s.value,
        targets: s.targets,
        overflowed: s.overflowed,
    }));
    Summary {
        id: programme.id.to_string(),
        title: programme.title.clone(),
        year: programme.year,
        sections: programme.sections.len(),
        tasks: counts.tasks,
        targets,
        totals: rows,
        section_totals: t.sections,
        refused: t.refused,
        overflows: t.overflows,
        workload: roles.finish(),
        calendar: dates.finish(programme),
        reconciliation: breakdowns.finish(programme),
    }
}

/// Tasks and targets counted, the targets by measure.
#[derive(Default)]
struct CountsPart {
    tasks: usize,
    targets: usize,
    /// Per measure kind (a slot per variant, counted without comparing
    /// names), with the kind's name.
    by_kind: [(&'static str, usize); 7],
}

impl<'p> Part<'p> for CountsPart {
    fn task(&mut self, task: &'p Task, _: &At<'_>, _: &Label<'p>) {
        self.tasks += 1;
        for t in &task.targets {
            self.targets += 1;
            let kind = match t.measure {
                Measure::Quantity { .. } => 0,
                Measure::Percent { .. } => 1,
                Measure::Rate { .. } => 2,
                Measure::Money => 3,
                Measure::Change { .. } => 4,
                Measure::Categorical { .. } => 5,
                Measure::Deferred { .. } => 6,
            };
            if let Some((name, n)) = self.by_kind.get_mut(kind) {
                *name = t.measure.kind();
                *n += 1;
            }
        }
    }
}

impl CountsPart {
    /// The kinds that occur, by name.
    fn by_measure(&self) -> BTreeMap<String, usize> {
        self.by_kind.iter().filter(|(_, n)| *n > 0).map(|(kind, n)| ((*kind).to_owned(), *n)).collect()
    }
}

/// Two parts fed in one walk.
impl<'p, A: Part<'p>, B: Part<'p>> Part<'p> for (A, B) {
    fn task(&mut self, task: &'p Task, at: &At<'_>, label: &Label<'p>) {
        self.0.task(task, at, label);
        self.1.task(task, at, label);
    }

    fn section_end(&mut self, section: &'p Section) {
        self.0.section_end(section);
        self.1.section_end(section);
    }
}

/// Below this many top-level tasks a second thread costs more than it saves.
#[cfg(feature = "parallel")]
const PARALLEL_FROM: usize = 2_000;

/// Feeds two parts every task: in one walk, or with the `parallel` feature
/// and a large programme, in two walks side by side.
fn walk_both<'p, A: Part<'p> + Send, B: Part<'p> + Send>(programme: &'p Programme, a: A, b: B) -> (A, B) {
    #[cfg(feature = "parallel")]
    if programme.sections.iter().map(|s| s.tasks.len()).sum::<usize>() >= PARALLEL_FROM {
        let (mut a, mut b) = (a, b);
        return rayon::join(
            || {
                walk(programme, &mut a);
                a
            },
            || {
                walk(programme, &mut b);
                b
            },
        );
    }
    let mut both = (a, b);
    walk(programme, &mut both);
    both
}
