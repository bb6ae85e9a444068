//! Validation: every defect of a programme at once, each with a stable code,
//! a severity, a JSON Pointer and a message in the notice's own words.
//!
//! [`validate`] is a pure function of the programme and runs in time linear
//! in its size. Errors mean the data contradicts itself or its own notice;
//! warnings mean something a supervisor should look at (real notices have
//! some: Chuxiong gives 就业困难人员 two figures in one task).
//!
//! # Codes
//!
//! Codes are stable: they are never renamed or reused for another rule.
//!
//! | code | severity | what it finds |
//! |---|---|---|
//! | `duplicate_id` | error | two units, sections, tasks or targets share an id |
//! | `duplicate_task_number` | error | two tasks of one section share a number |
//! | `unknown_unit` | error | a reference to a unit id the registry does not hold |
//! | `unknown_section` | error | a declared count names a section id that does not exist |
//! | `alias_clash` | error | one name or alias belongs to two units of the registry |
//! | `no_lead` | warning | a task with responsible units but no lead (nor a joint, responsible or inherited one) |
//! | `no_responsibilities` | warning | the programme names no responsible unit for any task |
//! | `lead_and_cooperating` | error | one unit both leads and cooperates on a task |
//! | `duplicate_unit_listed` | warning | a unit listed twice in one task or in one group's members |
//! | `unreferenced_unit` | warning | a unit of the registry that nothing refers to |
//! | `empty_text` | error | a blank title, name, description, subject or phrase |
//! | `missing_amount` | error | a quantity, percent, rate, money or change target without its figure |
//! | `percent_over_100` | error | a share in percent above 100 (ratios with `share: false` may exceed it) |
//! | `non_positive_quantity` | error | a negative figure, or zero where only a positive one makes sense |
//! | `invalid_rate_base` | error | a rate whose base (`per`) is not positive |
//! | `inverted_range` | error | a `between` amount with `min` above `max` |
//! | `per_member_mismatch` | error | count × figure per member differs from the target, or the members listed differ from the count |
//! | `breakdown_exceeds_total` | error | the parts under 其中 add up to more than the total |
//! | `breakdown_mismatch` | error | an exhaustive breakdown whose parts do not add up to the total |
//! | `breakdown_mixed_dimensions` | error | parts (or parts and total) measured in different dimensions |
//! | `conflicting_figures` | warning | one task gives the same subject two different figures |
//! | `deadline_before_document` | warning | a deadline or report date before the notice was written |
//! | `deadline_after_period` | warning | a task or target deadline after the programme's period |
//! | `deadline_backwards` | error | a deadline window whose start is after its end |
//! | `phase_backwards` | error | a phase that ends before it starts |
//! | `phases_overlap` | warning | two phases whose windows overlap |
//! | `reporting_out_of_order` | warning | a reporting duty's due dates not in ascending order |
//! | `reporting_outside_year` | warning | a report due outside the programme year |
//! | `declared_count_mismatch` | error | a declared count (33项, 新增6项) that differs from the tasks listed |
//! | `subtask_number_mismatch` | warning | a sub-task whose number does not extend its parent's |
//! | `document_year_mismatch` | warning | the document number's year is more than one year from the programme year |
//! | `confusable_names` | warning | two units' names or aliases that differ only in full-width letters, digits or spaces (ＸＸ局 and XX局, 州卫健委　and 州卫健委) |
//! | `figure_overflow` | error | a figure, sum or product beyond the largest decimal (about 7.9 × 10²⁸): breakdown parts that add up past it, count × figure per member, a figure in its base unit (7.9e28 亿元 in 元), or a target that would take a subject's or a dimension's total past it (the totals leave it out) |
//!
//! # Many findings
//!
//! [`validate`] keeps every finding. [`validate_capped`] keeps at most a
//! number of each code and counts the rest, so that a hostile programme
//! with millions of defects costs a bounded amount of memory; `minsheng
//! validate` uses it (`--max-per-code`).
//!
//! ```
//! use minsheng::{AdminLevel, Code, Jurisdiction, Programme, Section, Task};
//! let p = Programme::new("p".parse()?, "通知", 2021, Jurisdiction::new("青海省", AdminLevel::Province))
//!     .with_section(Section::new("s".parse()?, "就业").with_task(Task::new("t".parse()?, "  ").led_by("nobody".parse()?)));
//! let report = minsheng::validate(&p);
//! let codes: Vec<Code> = report.findings.iter().map(|f| f.code).collect();
//! assert!(codes.contains(&Code::EmptyText));
//! assert!(codes.contains(&Code::UnknownUnit));
//! assert_eq!(report.findings[0].path, "/sections/0/tasks/0/description");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::LazyCell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use rust_decimal::Decimal;

mod capped;
mod few;
mod overflow;
mod repeats;

pub use crate::findings::Severity;
pub use capped::{CappedReport, Omitted};
use few::FewKeys;
use overflow::Totals;

use crate::aggregate::{OverflowKind, PartsSum, parts_sum};
use crate::findings::{self, codes};
use crate::hash::{self, Map, Set};
use crate::json::decimal::plain;
use crate::json::pointer::{At, ROOT};
use crate::model::{
    Amount, ChangeDirection, Deadline, Measure, Programme, Role, Section, Target, Task, TaskNumber, UnitId,
};

codes! {
    /// The stable code of a rule. See the [module documentation](self) for the table.
    pub enum Code {
        /// Two units, sections, tasks or targets share an id.
        DuplicateId => "duplicate_id", Error;
        /// Two tasks of one section share a number.
        DuplicateTaskNumber => "duplicate_task_number", Error;
        /// A reference to a unit id the registry does not hold.
        UnknownUnit => "unknown_unit", Error;
        /// A declared count names a section that does not exist.
        UnknownSection => "unknown_section", Error;
        /// One name or alias belongs to two units.
        AliasClash => "alias_clash", Error;
        /// A task with responsible units but no lead.
        NoLead => "no_lead", Warning;
        /// The programme names no responsible unit for any task.
        NoResponsibilities => "no_responsibilities", Warning;
        /// One unit both leads and cooperates on a task.
        LeadAndCooperating => "lead_and_cooperating", Error;
        /// A unit listed twice in one task or group.
        DuplicateUnitListed => "duplicate_unit_listed", Warning;
        /// A unit nothing refers to.
        UnreferencedUnit => "unreferenced_unit", Warning;
        /// A blank text field.
        EmptyText => "empty_text", Error;
        /// A target that needs a figure has none.
        MissingAmount => "missing_amount", Error;
        /// A share above 100%.
        PercentOver100 => "percent_over_100", Error;
        /// A negative figure, or zero where it makes no sense.
        NonPositiveQuantity => "non_positive_quantity", Error;
        /// A rate whose base is not positive.
        InvalidRateBase => "invalid_rate_base", Error;
        /// A range with min above max.
        InvertedRange => "inverted_range", Error;
        /// Per-member figures that do not multiply out.
        PerMemberMismatch => "per_member_mismatch", Error;
        /// Breakdown parts above the total.
        BreakdownExceedsTotal => "breakdown_exceeds_total", Error;
        /// An exhaustive breakdown that does not add up.
        BreakdownMismatch => "breakdown_mismatch", Error;
        /// Breakdown parts of different dimensions.
        BreakdownMixedDimensions => "breakdown_mixed_dimensions", Error;
        /// One subject, two figures, one task.
        ConflictingFigures => "conflicting_figures", Warning;
        /// A date before the notice was written.
        DeadlineBeforeDocument => "deadline_before_document", Warning;
        /// A deadline after the programme period.
        DeadlineAfterPeriod => "deadline_after_period", Warning;
        /// A deadline window that runs backwards.
        DeadlineBackwards => "deadline_backwards", Error;
        /// A phase that runs backwards.
        PhaseBackwards => "phase_backwards", Error;
        /// Overlapping phases.
        PhasesOverlap => "phases_overlap", Warning;
        /// Report dates out of order.
        ReportingOutOfOrder => "reporting_out_of_order", Warning;
        /// A report due outside the programme year.
        ReportingOutsideYear => "reporting_outside_year", Warning;
        /// A declared count that differs from what is listed.
        DeclaredCountMismatch => "declared_count_mismatch", Error;
        /// A sub-task number that does not extend its parent's.
        SubtaskNumberMismatch => "subtask_number_mismatch", Warning;
        /// The document number's year is far from the programme year.
        DocumentYearMismatch => "document_year_mismatch", Warning;
        /// Two units' names that read the same once full-width forms are folded.
        ConfusableNames => "confusable_names", Warning;
        /// A figure, sum or product beyond the largest decimal.
        FigureOverflow => "figure_overflow", Error;
    }
}

/// One defect of a programme, located.
pub type Finding = findings::Finding<Code>;

/// Everything [`validate`] found, in document order.
pub type Report = findings::Report<Code>;

/// Checks a programme against every rule and returns all findings.
pub fn validate(programme: &Programme) -> Report {
    Report { findings: walk(programme, usize::MAX).findings }
}

/// Checks a programme against every rule and keeps at most `cap` findings
/// of each code, the first in document order, counting the others: memory
/// stays bounded however many defects the programme has. The findings kept
/// are those [`validate`] gives first for each code, in the same order.
pub fn validate_capped(programme: &Programme, cap: usize) -> CappedReport {
    let v = walk(programme, cap);
    let omitted = Code::ALL
        .iter()
        .zip(&v.omitted)
        .filter(|&(_, &count)| count > 0)
        .map(|(&code, &count)| Omitted { code, severity: code.severity(), count })
        .collect();
    CappedReport { findings: v.findings, omitted }
}

/// Runs the rules, walking twice when the first walk cannot be sure.
fn walk(programme: &Programme, cap: usize) -> Validator<'_> {
    let mut v = Validator::new(programme, Repeats::Hashed(repeats::Hashes::new()), Totals::bound(), cap);
    v.run();
    let repeated = matches!(&v.repeats, Repeats::Hashed(hashes) if hashes.maybe_repeated());
    if repeated || v.totals.suspect() {
        // Some id or number may be used twice, or some total may overflow:
        // walk again with exact sets and exact totals, which find and place
        // each. Only a defective programme (or a one-in-billions clash of
        // hashes) pays for this.
        v = Validator::new(programme, Repeats::exact(programme.task_count()), Totals::exact(), cap);
        v.run();
    }
    v
}

/// Describes a target's figure for messages: `at least 85%`, `exactly 13900 人`.
pub(crate) fn describe(target: &Target) -> String {
    let unit = match &target.measure {
        Measure::Quantity { unit } => format!(" {unit}"),
        Measure::Percent { .. } => "%".into(),
        Measure::Rate { per } => format!(" per {}", plain(*per)),
        Measure::Money => " 元".into(),
        Measure::Change { scale: Some(crate::model::ChangeScale::PercentagePoints), .. } => " percentage points".into(),
        Measure::Change { .. } => "%".into(),
        Measure::Categorical { level } => return level.clone(),
        Measure::Deferred { source } => return format!("as set by {source}"),
    };
    match &target.amount {
        None => "no figure".into(),
        Some(Amount::Between { min, max }) => format!("between {} and {}{unit}", plain(*min), plain(*max)),
        Some(a) => format!("{} {}{unit}", a.comparator().as_str().replace('_', " "), plain(a.low())),
    }
}

/// The `figure_overflow` message for a target the totals leave out.
fn overflow_message(t: &Target, task: &dyn fmt::Display, kind: OverflowKind) -> String {
    let name = if blank(&t.phrase) { t.id.as_str() } else { &t.phrase };
    let figure = crate::aggregate::addable(t).map_or_else(String::new, |(v, u)| format!("{} {u}", plain(v)));
    let what = match kind {
        OverflowKind::Conversion => match crate::aggregate::addable(t) {
            Some((_, u)) => format!("{figure} is beyond the largest figure a decimal holds once given in {}", u.base()),
            None => format!("{figure} is beyond the largest figure a decimal holds"),
        },
        OverflowKind::SubjectTotal => {
            format!("adding {figure} to the total of {} goes beyond the largest figure a decimal holds", t.subject)
        }
        _ => format!(
            "adding {figure} to the total of all {} goes beyond the largest figure a decimal holds",
            t.measure.dimension().map_or_else(|| "figures".into(), |d| d.to_string())
        ),
    };
    format!("target {name} of task {task}: {what} ({}); the totals leave it out", Decimal::MAX)
}

/// Subject, scope, measure kind and dimension: targets that should agree.
type FigureKey<'t> = (&'t str, Option<&'t str>, &'static str, Option<crate::model::Dimension>);

/// A message fragment computed only when a finding needs it.
struct Lazy<F: FnOnce() -> String>(LazyCell<String, F>);

impl<F: FnOnce() -> String> std::ops::Deref for Lazy<F> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<F: FnOnce() -> String> fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// `true` when two targets give the same figure, once quantities are in base
/// units (5公里 and 5000米 agree).
fn same_figure(a: &Target, b: &Target) -> bool {
    let in_base = |t: &Target| -> Option<Amount> {
        let amount = t.amount.as_ref()?;
        match t.measure.unit() {
            Some(unit) => {
                let mut exact = true;
                let mapped = amount.map(|v| {
                    unit.to_base(v).unwrap_or_else(|| {
                        exact = false;
                        v
                    })
                });
                exact.then_some(mapped)
            }
            None => Some(amount.clone()),
        }
    };
    let kinds_agree = match (&a.measure, &b.measure) {
        (Measure::Quantity { unit: x }, Measure::Quantity { unit: y }) => x.is_compatible(y),
        (x, y) => x == y,
    };
    kinds_agree && in_base(a).is_some() && in_base(a) == in_base(b)
}

/// Whether `s` is empty or only white space. Stops at the first other
/// character (the first, in any real text) instead of trimming both ends.
fn blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Where a task stands: its section, its parent task, its index among its
/// siblings. Names a task that has neither number nor words.
#[derive(Clone, Copy)]
struct Place<'s, 'p> {
    section: &'s Section,
    parent: Option<&'p Task>,
    index: usize,
}

/// A task as messages name it: its number and the start of its text, or,
/// when it has neither, its place and id (`no. 3 in section 一、就业, id t3`).
fn task_name(t: &Task, place: &Place<'_, '_>) -> String {
    let label = t.label();
    if !blank(&label) {
        return label.trim_end().to_owned();
    }
    match place.parent {
        Some(parent) => {
            let parent_label = parent.label();
            let parent = if blank(&parent_label) { parent.id.as_str() } else { parent_label.trim_end() };
            format!("no. {} under task {parent}, id {}", place.index + 1, t.id)
        }
        None => format!("no. {} in section {}, id {}", place.index + 1, section_name(place.section), t.id),
    }
}

/// A section as messages name it: its number and title, or its id.
fn section_name(s: &Section) -> String {
    let label = s.label();
    if blank(&label) { s.id.to_string() } else { label.trim_end().to_owned() }
}

/// A unit as messages name it: its name, or its id when the name is blank.
fn unit_label(u: &crate::model::ResponsibleUnit) -> &str {
    if blank(&u.name) { u.id.as_str() } else { &u.name }
}

/// A phase as messages name it: its name, or its place (`no. 2`).
fn phase_name(i: usize, name: &str) -> String {
    if blank(name) { format!("no. {}", i + 1) } else { name.to_owned() }
}

/// A declared count as messages name it: its words, or `a declared count`.
fn count_name(text: &str) -> &str {
    if blank(text) { "a declared count" } else { text }
}

/// A name as a reader sees it: full-width ASCII (ＡＢＣ１２３) folded to
/// half-width, the ideographic space to a space, surrounding spaces dropped.
/// Chinese characters have no width variants, so this is the part of NFKC
/// that matters for unit names, without a Unicode table; borrowed when there
/// is nothing to fold.
pub(crate) fn fold_width(name: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}');
    if !name.contains(wide) {
        return std::borrow::Cow::Borrowed(name.trim());
    }
    let folded: String = name
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    std::borrow::Cow::Owned(folded.trim().to_owned())
}

/// How ids and task numbers are checked for repeats.
enum Repeats<'p> {
    /// First walk: hashes written in order, checked once at the end. A set
    /// of every id would be probed at random over megabytes (and re-read
    /// whole at each growth), and at a hundred thousand tasks those cache
    /// misses made validation grow faster than the programme.
    Hashed(repeats::Hashes),
    /// Second walk, when a repeat may exist: exact sets that name it.
    Exact {
        tasks: Set<&'p str>,
        targets: Set<&'p str>,
        /// (section index, number): numbers repeat only within a section.
        numbers: Set<(usize, &'p TaskNumber)>,
    },
}

impl<'p> Repeats<'p> {
    fn exact(tasks: usize) -> Self {
        // Sized up front: growing sets of a hundred thousand ids rehash them several times.
        Repeats::Exact {
            tasks: hash::set(tasks),
            targets: hash::set(tasks.saturating_mul(2)),
            numbers: hash::set(tasks),
        }
    }

    /// Records a task id; `false` when it is known to be a repeat.
    fn task(&mut self, id: &'p str) -> bool {
        match self {
            Repeats::Hashed(h) => {
                h.task(id);
                true
            }
            Repeats::Exact { tasks, .. } => tasks.insert(id),
        }
    }

    /// Records a target id; `false` when it is known to be a repeat.
    fn target(&mut self, id: &'p str) -> bool {
        match self {
            Repeats::Hashed(h) => {
                h.target(id);
                true
            }
            Repeats::Exact { targets, .. } => targets.insert(id),
        }
    }

    /// Records a task number in a section; `false` when it is known to be a repeat.
    fn number(&mut self, section: usize, number: &'p TaskNumber) -> bool {
        match self {
            Repeats::Hashed(h) => {
                h.number(section, number);
                true
            }
            Repeats::Exact { numbers, .. } => numbers.insert((section, number)),
        }
    }
}

struct Validator<'p> {
    p: &'p Programme,
    findings: Vec<Finding>,
    /// At most this many findings of each code are kept.
    cap: usize,
    /// Findings kept, per code (indexed by the code's place in the table).
    kept: Vec<usize>,
    /// Findings left out, per code.
    omitted: Vec<usize>,
    totals: Totals<'p>,
    units: Map<&'p str, usize>,
    /// Per registry entry (by the index `units` gives its id): whether anything refers to it.
    referenced: Vec<bool>,
    repeats: Repeats<'p>,
    /// Index of the section being walked.
    section: usize,
    /// The programme's period, worked out once rather than per deadline.
    period: Option<crate::model::Period>,
    any_responsibility: bool,
}

impl<'p> Validator<'p> {
    fn new(p: &'p Programme, repeats: Repeats<'p>, totals: Totals<'p>, cap: usize) -> Self {
        Self {
            p,
            findings: Vec::new(),
            cap,
            kept: vec![0; Code::ALL.len()],
            omitted: vec![0; Code::ALL.len()],
            totals,
            units: hash::map(p.units.len()),
            referenced: vec![false; p.units.len()],
            repeats,
            section: 0,
            period: p.effective_period(),
            any_responsibility: false,
        }
    }

    /// Keeps a finding, or only counts it once `cap` of its code are kept.
    /// Rules run in document order code by code (see [`Validator::run`]), so
    /// the findings kept are the first of each code.
    fn push(&mut self, code: Code, path: &At<'_>, message: String) {
        // A code's place in the table (the enum has no fields, declared in table order).
        let i = code as usize;
        match self.kept.get_mut(i) {
            Some(kept) if *kept < self.cap => {
                *kept += 1;
                self.findings.push(Finding { code, severity: code.severity(), path: path.path(), message });
            }
            _ => {
                if let Some(n) = self.omitted.get_mut(i) {
                    *n += 1;
                }
            }
        }
    }

    /// Flags a blank text; the pointer and message are only built when it is blank.
    fn text(&mut self, value: &str, at: &At<'_>, key: &str, what: impl FnOnce() -> String) {
        if blank(value) {
            self.push(Code::EmptyText, &at.key(key), format!("{} is empty", what()));
        }
    }

    /// Runs every rule, emitting findings in the order of the document's
    /// fields: the header, the registry, the sections and what follows them.
    /// Each code's findings are computed in that order too (the registry's
    /// only reordering puts each unit's findings together, and the rules
    /// behind one code run in one loop over the units), which is what lets
    /// [`Validator::push`] keep the first of each code.
    fn run(&mut self) {
        // Everything refers to the registry, so it is indexed first.
        let repeated_units = self.index_units();
        self.header();
        let units_at = self.findings.len();
        self.registry(&repeated_units);
        let body_at = self.findings.len();
        self.body();
        // Whether a unit is referenced is known only now; its finding belongs with /units.
        let unreferenced_at = self.findings.len();
        self.unreferenced();
        let unreferenced = self.findings.split_off(unreferenced_at);
        let body = self.findings.split_off(body_at);
        self.findings.extend(unreferenced);
        // The registry's findings, unit by unit (a unit before its fields).
        self.findings[units_at..].sort_by_key(|f| {
            let rest = f.path.strip_prefix("/units/").unwrap_or("");
            let index: usize = rest.split('/').next().and_then(|i| i.parse().ok()).unwrap_or(usize::MAX);
            (index, rest.contains('/'))
        });
        self.findings.extend(body);
    }

    /// Indexes the registry by id; returns the indices of units whose id an
    /// earlier unit already has. A repeated id maps to its last unit, as it
    /// always has.
    fn index_units(&mut self) -> Vec<usize> {
        let mut repeated = Vec::new();
        for (i, u) in self.p.units.iter().enumerate() {
            if self.units.insert(u.id.as_str(), i).is_some() {
                repeated.push(i);
            }
        }
        repeated
    }

    /// The title and the document, jurisdiction and parent document.
    fn header(&mut self) {
        let p = self.p;
        let root = ROOT;
        self.text(&p.title, &root, "title", || "the programme's title".into());
        if let Some(n) = &p.document.number
            && (i64::from(n.year) - i64::from(p.year)).abs() > 1
        {
            self.push(
                Code::DocumentYearMismatch,
                &root.key("document").key("number"),
                format!("document number {n} is dated {} but the programme plans {}", n.year, p.year),
            );
        }
        if let Some(title) = &p.document.title {
            self.text(title, &root.key("document"), "title", || "the document's title".into());
        }
        for (i, id) in p.document.issuers.iter().enumerate() {
            self.reference(id, &root.key("document").key("issuers").index(i), &"the document's issuer");
        }
        self.text(&p.jurisdiction.name, &root.key("jurisdiction"), "name", || "the jurisdiction's name".into());
        if let Some(parent) = &p.parent {
            if let Some(title) = &parent.title {
                self.text(title, &root.key("parent"), "title", || "the parent document's title".into());
            }
            for (i, id) in parent.issuers.iter().enumerate() {
                self.reference(id, &root.key("parent").key("issuers").index(i), &"the parent document's issuer");
            }
        }
    }

    /// The leading group, the sections and their tasks, and what follows
    /// them: phases, reporting duties, declared counts.
    fn body(&mut self) {
        let p = self.p;
        let root = ROOT;
        if let Some(g) = &p.leading_group {
            self.reference(g, &root.key("leading_group"), &"the leading group");
        }
        let sections = root.key("sections");
        let mut section_ids: HashSet<&str> = HashSet::new();
        for (i, s) in p.sections.iter().enumerate() {
            let sp = sections.index(i);
            if !section_ids.insert(s.id.as_str()) {
                self.push(Code::DuplicateId, &sp.key("id"), format!("section id {:?} is used twice", s.id.as_str()));
            }
            self.section = i;
            self.totals.next_section();
            self.section(s, &sp);
        }
        if !self.any_responsibility && p.tasks().next().is_some() {
            self.push(
                Code::NoResponsibilities,
                &root.key("sections"),
                "the programme names no responsible unit for any task".into(),
            );
        }
        self.phases();
        self.reporting();
        self.declared_counts(&section_ids);
    }

    /// Units of the registry that nothing refers to.
    fn unreferenced(&mut self) {
        let units = ROOT.key("units");
        for (i, u) in self.p.units.iter().enumerate() {
            // By id: units that repeat an id are referred to together.
            let referenced = self.units.get(u.id.as_str()).and_then(|&j| self.referenced.get(j)).copied();
            if referenced != Some(true) {
                self.push(
                    Code::UnreferencedUnit,
                    &units.index(i),
                    if blank(&u.name) {
                        format!("unit {} is listed but nothing refers to it", u.id)
                    } else {
                        format!("unit {} ({}) is listed but nothing refers to it", u.name, u.id)
                    },
                );
            }
        }
    }

    fn registry(&mut self, repeated_ids: &[usize]) {
        let p = self.p;
        let units = ROOT.key("units");
        let mut names: HashMap<&str, &str> = HashMap::new();
        // Folded name → (name as written, unit id), for look-alike names.
        let mut folded: HashMap<std::borrow::Cow<'_, str>, (&str, &str)> = HashMap::new();
        let mut repeated = repeated_ids.iter().peekable();
        for (i, u) in p.units.iter().enumerate() {
            let up = units.index(i);
            if repeated.next_if_eq(&&i).is_some() {
                self.push(Code::DuplicateId, &up.key("id"), format!("unit id {:?} is used twice", u.id.as_str()));
            }
            self.text(&u.name, &up, "name", || format!("the name of unit {}", u.id));
            for (j, name) in std::iter::once(&u.name).chain(u.aliases.iter()).enumerate() {
                if blank(name) {
                    if j > 0 {
                        self.push(
                            Code::EmptyText,
                            &up.key("aliases").index(j - 1),
                            format!("an alias of {} is empty", unit_label(u)),
                        );
                    }
                    continue;
                }
                match folded.get(&fold_width(name)) {
                    Some(&(written, other)) if other != u.id.as_str() && written != name.as_str() => {
                        let aliases = up.key("aliases");
                        let at = if j == 0 { up.key("name") } else { aliases.index(j - 1) };
                        self.push(
                            Code::ConfusableNames,
                            &at,
                            format!(
                                "the name {name} of unit {} reads the same as {written} of unit {other} once full-width letters and spaces are folded",
                                u.id
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        folded.insert(fold_width(name), (name.as_str(), u.id.as_str()));
                    }
                }
                match names.get(name.as_str()) {
                    Some(other) if *other != u.id.as_str() => {
                        let aliases = up.key("aliases");
                        let at = if j == 0 { up.key("name") } else { aliases.index(j - 1) };
                        self.push(
                            Code::AliasClash,
                            &at,
                            format!("the name {name} belongs to both unit {other} and unit {}", u.id),
                        );
                    }
                    _ => {
                        names.insert(name.as_str(), u.id.as_str());
                    }
                }
            }
        }
        // Members are checked once every id is known.
        for (i, u) in p.units.iter().enumerate() {
            let mut seen: HashSet<&str> = HashSet::new();
            for (j, m) in u.members.iter().enumerate() {
                let up = units.index(i);
                let members = up.key("members");
                let mp = members.index(j);
                self.reference(m, &mp, &format_args!("a member of {}", unit_label(u)));
                if !seen.insert(m.as_str()) {
                    let name = self.unit_name(m);
                    self.push(
                        Code::DuplicateUnitListed,
                        &mp,
                        format!("{name} is listed twice among the members of {}", unit_label(u)),
                    );
                }
            }
        }
    }

    fn unit_name(&self, id: &UnitId) -> String {
        match self.units.get(id.as_str()).and_then(|&i| self.p.units.get(i)) {
            Some(u) => unit_label(u).to_owned(),
            None => id.to_string(),
        }
    }

    fn reference(&mut self, id: &'p UnitId, path: &At<'_>, what: &dyn fmt::Display) {
        // One look-up: the registry's index of the id marks it referenced.
        if let Some(&i) = self.units.get(id.as_str()) {
            if let Some(flag) = self.referenced.get_mut(i) {
                *flag = true;
            }
        } else {
            self.push(
                Code::UnknownUnit,
                path,
                format!("{what} refers to unit \"{id}\", which the registry does not hold"),
            );
        }
    }

    fn section(&mut self, s: &'p Section, sp: &At<'_>) {
        self.text(&s.title, sp, "title", || format!("the title of section {}", s.id));
        let tp = sp.key("tasks");
        for (i, t) in s.tasks.iter().enumerate() {
            self.task(t, &tp.index(i), Place { section: s, parent: None, index: i }, false);
        }
        if let Some(declared) = s.declared_count {
            let listed = s.tasks.len();
            if listed != declared as usize {
                self.push(
                    Code::DeclaredCountMismatch,
                    &sp.key("declared_count"),
                    format!("section {} declares {declared} items but lists {listed}", section_name(s)),
                );
            }
        }
    }

    fn task(&mut self, t: &'p Task, tp: &At<'_>, place: Place<'_, 'p>, inherited_lead: bool) {
        let Place { section, parent, .. } = place;
        let label = Lazy(LazyCell::new(|| task_name(t, &place)));
        if !self.repeats.task(t.id.as_str()) {
            self.push(Code::DuplicateId, &tp.key("id"), format!("task id {:?} ({label}) is used twice", t.id.as_str()));
        }
        self.text(&t.description, tp, "description", || format!("the text of task {}", &*label));
        if let Some(title) = &t.title {
            self.text(title, tp, "title", || format!("the title of task {}", &*label));
        }
        if let Some(n) = &t.number {
            if !self.repeats.number(self.section, n) {
                self.push(
                    Code::DuplicateTaskNumber,
                    &tp.key("number"),
                    format!("task number {n} appears twice in section {}", section_name(section)),
                );
            }
            if let Some(pn) = parent.and_then(|p| p.number.as_ref())
                && !(n.starts_with(pn) && n.depth() == pn.depth() + 1)
            {
                self.push(
                    Code::SubtaskNumberMismatch,
                    &tp.key("number"),
                    format!("sub-task {n} stands under task {pn} but its number does not continue {pn}"),
                );
            }
        }
        let has_lead = self.responsibilities(t, tp, &label);
        if !t.responsibilities.is_empty() {
            self.any_responsibility = true;
            if !has_lead && !inherited_lead {
                self.push(
                    Code::NoLead,
                    &tp.key("responsibilities"),
                    format!("task {label} names responsible units but no lead unit"),
                );
            }
        }
        let leads = inherited_lead || has_lead;
        for (i, d) in t.deadlines.iter().enumerate() {
            self.deadline(d, &tp.key("deadlines").index(i), &format_args!("task {label}"), true);
        }
        self.targets_of(t, tp, &label);
        let sp = tp.key("subtasks");
        for (i, sub) in t.subtasks.iter().enumerate() {
            self.task(sub, &sp.index(i), Place { section, parent: Some(t), index: i }, leads);
        }
    }

    /// Checks a task's targets, one by one and against each other (two
    /// figures for one subject), and adds their figures to the totals.
    fn targets_of(&mut self, t: &'p Task, tp: &At<'_>, label: &dyn fmt::Display) {
        let targets = tp.key("targets");
        // Same subject, scope and measure; figures in different dimensions
        // (不少于300个800栋10000户) are different quantities, not a conflict.
        let mut figures: FewKeys<FigureKey<'_>, &Target> = FewKeys::new();
        for (i, target) in t.targets.iter().enumerate() {
            let xp = targets.index(i);
            self.target(target, &xp, label);
            if let Err(kind) = self.totals.add(target) {
                self.push(Code::FigureOverflow, &xp, overflow_message(target, label, kind));
            }
            if target.amount.is_some() {
                let key = (
                    target.subject.as_str(),
                    target.scope.as_deref(),
                    target.measure.kind(),
                    target.measure.dimension(),
                );
                match figures.get(&key) {
                    Some(first) if !same_figure(first, target) => {
                        self.push(
                            Code::ConflictingFigures,
                            &xp,
                            format!(
                                "task {label} gives {} two figures: {} ({}) and {} ({})",
                                target.subject,
                                describe(first),
                                first.phrase,
                                describe(target),
                                target.phrase
                            ),
                        );
                    }
                    Some(_) => {}
                    None => figures.insert_new(key, target),
                }
            }
        }
    }

    /// Checks a task's responsibilities; returns whether it has a lead or joint unit.
    fn responsibilities(&mut self, t: &'p Task, tp: &At<'_>, label: &dyn fmt::Display) -> bool {
        let rp = tp.key("responsibilities");
        let mut roles: FewKeys<&str, Role> = FewKeys::new();
        let mut has_lead = false;
        for (i, r) in t.responsibilities.iter().enumerate() {
            let at = rp.index(i);
            self.reference(&r.unit, &at.key("unit"), &format_args!("task {label}"));
            has_lead |= matches!(r.role, Role::Lead | Role::Joint | Role::Responsible);
            match roles.get(&r.unit.as_str()) {
                None => roles.insert_new(r.unit.as_str(), r.role),
                Some(&earlier) => {
                    let name = self.unit_name(&r.unit);
                    let pair = |a, b| (earlier == a && r.role == b) || (earlier == b && r.role == a);
                    if pair(Role::Lead, Role::Cooperating) {
                        self.push(
                            Code::LeadAndCooperating,
                            &at,
                            format!("{name} both leads and cooperates on task {label}"),
                        );
                    } else {
                        self.push(Code::DuplicateUnitListed, &at, format!("{name} is listed twice on task {label}"));
                    }
                }
            }
        }
        has_lead
    }

    fn target(&mut self, t: &'p Target, xp: &At<'_>, task: &dyn fmt::Display) {
        if !self.repeats.target(t.id.as_str()) {
            self.push(
                Code::DuplicateId,
                &xp.key("id"),
                format!("target id {:?} ({}) is used twice", t.id.as_str(), t.phrase),
            );
        }
        let name = Lazy(LazyCell::new(|| {
            format!("target {} of task {task}", if blank(&t.phrase) { t.id.as_str() } else { &t.phrase })
        }));
        self.text(&t.subject, xp, "subject", || format!("the subject of {}", &*name));
        self.text(&t.phrase, xp, "phrase", || format!("the phrase of target {} of task {task}", t.id));
        match &t.measure {
            Measure::Rate { per } if *per <= Decimal::ZERO => {
                self.push(
                    Code::InvalidRateBase,
                    &xp.key("measure").key("per"),
                    format!("{name}: a rate per {} makes no sense", plain(*per)),
                );
            }
            Measure::Categorical { level } if blank(level) => {
                self.push(Code::EmptyText, &xp.key("measure").key("level"), format!("{name}: the level is empty"));
            }
            Measure::Deferred { source } if blank(source) => {
                self.push(Code::EmptyText, &xp.key("measure").key("source"), format!("{name}: the source is empty"));
            }
            _ => {}
        }
        match &t.amount {
            None if t.measure.needs_amount() => {
                self.push(Code::MissingAmount, xp, format!("{name}: a {} target needs a figure", t.measure.kind()));
            }
            None => {}
            Some(a) => self.amount(t, a, &xp.key("amount"), &name),
        }
        if let Some(pm) = &t.per_member {
            let pp = xp.key("per_member");
            if !pm.members.is_empty() && pm.members.len() != pm.count as usize {
                self.push(
                    Code::PerMemberMismatch,
                    &pp.key("members"),
                    format!("{name}: {} members are named but the count is {}", pm.members.len(), pm.count),
                );
            }
            if let Some(value) = t.amount.as_ref().and_then(Amount::value) {
                let product = Decimal::from(pm.count).checked_mul(pm.each);
                if product.is_none() {
                    self.push(
                        Code::FigureOverflow,
                        &pp,
                        format!(
                            "{name}: {} members × {} each is beyond the largest figure a decimal holds ({})",
                            pm.count,
                            plain(pm.each),
                            Decimal::MAX
                        ),
                    );
                } else if product != Some(value) {
                    self.push(
                        Code::PerMemberMismatch,
                        &pp,
                        format!(
                            "{name}: {} members × {} each is not the target's {}",
                            pm.count,
                            plain(pm.each),
                            plain(value)
                        ),
                    );
                }
            }
        }
        if let Some(b) = &t.breakdown {
            self.breakdown(t, b, &xp.key("breakdown"), &name, task);
        }
        if let Some(d) = &t.deadline {
            self.deadline(d, &xp.key("deadline"), &name, true);
        }
    }

    fn amount(&mut self, t: &Target, a: &Amount, ap: &At<'_>, name: &dyn fmt::Display) {
        if let Amount::Between { min, max } = a
            && min > max
        {
            self.push(
                Code::InvertedRange,
                ap,
                format!("{name}: the range runs from {} down to {}", plain(*min), plain(*max)),
            );
        }
        let turn = matches!(t.measure, Measure::Change { direction: ChangeDirection::TurnPositive, .. });
        let low = a.low().min(a.high());
        let zero_ok = matches!(a, Amount::AtMost { .. } | Amount::LessThan { .. } | Amount::Exactly { .. });
        if !turn && (low < Decimal::ZERO || (low.is_zero() && !zero_ok)) {
            self.push(
                Code::NonPositiveQuantity,
                ap,
                format!("{name}: the figure {} is not positive (a change's direction carries its sign)", describe(t)),
            );
        }
        if let Measure::Percent { share: true } = t.measure
            && a.high() > Decimal::ONE_HUNDRED
        {
            self.push(
                Code::PercentOver100,
                ap,
                format!(
                    "{name}: {} is a share and cannot exceed 100% (mark ratios that can with share: false)",
                    t.subject
                ),
            );
        }
    }

    fn breakdown(
        &mut self,
        t: &'p Target,
        b: &'p crate::model::Breakdown,
        bp: &At<'_>,
        name: &dyn fmt::Display,
        task: &dyn fmt::Display,
    ) {
        let parts = bp.key("parts");
        for (i, part) in b.parts.iter().enumerate() {
            self.target(part, &parts.index(i), task);
        }
        let Some(total_unit) = t.measure.unit() else {
            self.push(
                Code::BreakdownMixedDimensions,
                bp,
                format!("{name}: a {} target cannot be broken down into parts that add up", t.measure.kind()),
            );
            return;
        };
        for (i, part) in b.parts.iter().enumerate() {
            let compatible = part.measure.unit().is_some_and(|u| u.is_compatible(&total_unit));
            if !compatible {
                let what = part.measure.unit().map_or_else(|| part.measure.kind().to_string(), |u| u.to_string());
                self.push(
                    Code::BreakdownMixedDimensions,
                    &parts.index(i),
                    format!("{name}: part {} is in {what}, which does not add to {total_unit}", part.phrase),
                );
            }
        }
        let total = t.amount.as_ref().and_then(Amount::value);
        let sum = match parts_sum(Some(&total_unit), &b.parts) {
            PartsSum::Sum(sum) => sum,
            PartsSum::Incomparable => return,
            PartsSum::Overflow => {
                let against = total.map_or_else(String::new, |t| format!(", far more than the total {}", plain(t)));
                self.push(
                    Code::FigureOverflow,
                    bp,
                    format!(
                        "{name}: the parts add up to more than {} {total_unit}, the largest figure a decimal holds{against}",
                        Decimal::MAX
                    ),
                );
                return;
            }
        };
        let Some(total) = total else { return };
        if sum > total {
            self.push(
                Code::BreakdownExceedsTotal,
                bp,
                format!(
                    "{name}: the parts add up to {} {total_unit}, more than the total {}",
                    plain(sum),
                    plain(total)
                ),
            );
        } else if b.exhaustive && sum != total {
            self.push(
                Code::BreakdownMismatch,
                bp,
                format!("{name}: the parts add up to {} {total_unit}, not the total {}", plain(sum), plain(total)),
            );
        }
    }

    fn deadline(&mut self, d: &Deadline, dp: &At<'_>, what: &dyn fmt::Display, against_period: bool) {
        if let Some(start) = d.start
            && start > d.date
        {
            self.push(
                Code::DeadlineBackwards,
                dp,
                format!("{what}: {} starts on {start}, after it ends on {}", d.text, d.date),
            );
        }
        if let Some(written) = self.p.document.written
            && d.date < written
        {
            self.push(
                Code::DeadlineBeforeDocument,
                dp,
                format!("{what}: {} ({}) falls before the notice was written on {written}", d.text, d.date),
            );
        }
        if against_period
            && let Some(period) = &self.period
            && d.date > period.end
        {
            self.push(
                Code::DeadlineAfterPeriod,
                dp,
                format!("{what}: {} ({}) falls after the programme ends on {}", d.text, d.date, period.end),
            );
        }
    }

    fn declared_counts(&mut self, section_ids: &HashSet<&str>) {
        let p = self.p;
        // Tasks listed per section id (sections sharing an id, already an error, count together).
        let mut section_sizes: HashMap<&str, usize> = HashMap::with_capacity(p.sections.len());
        for s in &p.sections {
            *section_sizes.entry(s.id.as_str()).or_default() += s.tasks.len();
        }
        let dp = ROOT.key("declared_counts");
        for (i, c) in p.declared_counts.iter().enumerate() {
            let cp = dp.index(i);
            self.text(&c.text, &cp, "text", || "the words of a declared count".into());
            let mut known = true;
            for (j, id) in c.sections.iter().enumerate() {
                if !section_ids.contains(id.as_str()) {
                    self.push(
                        Code::UnknownSection,
                        &cp.key("sections").index(j),
                        format!("{} counts section \"{id}\", which does not exist", count_name(&c.text)),
                    );
                    known = false;
                }
            }
            // Each named section once, looked up by id: linear even for hostile lists.
            let listed: usize = if c.sections.is_empty() {
                p.sections.iter().map(|s| s.tasks.len()).sum()
            } else {
                let named: HashSet<&str> = c.sections.iter().map(|id| id.as_str()).collect();
                named.iter().filter_map(|id| section_sizes.get(id)).sum()
            };
            if known && listed != c.count as usize {
                self.push(
                    Code::DeclaredCountMismatch,
                    &cp.key("count"),
                    format!("{} declares {} items but {listed} are listed", count_name(&c.text), c.count),
                );
            }
        }
    }

    fn phases(&mut self) {
        let p = self.p;
        let pp = ROOT.key("phases");
        let first = self.findings.len();
        for (i, ph) in p.phases.iter().enumerate() {
            let at = pp.index(i);
            self.text(&ph.name, &at, "name", || "a phase's name".into());
            if let Some(start) = ph.timing.start
                && start > ph.timing.date
            {
                self.push(
                    Code::PhaseBackwards,
                    &at.key("timing"),
                    format!("phase {} starts on {start}, after it ends on {}", phase_name(i, &ph.name), ph.timing.date),
                );
            }
        }
        // Sort by start so overlaps are found in one pass, not by comparing every pair.
        let mut spans: Vec<(usize, chrono::NaiveDate, chrono::NaiveDate)> = p
            .phases
            .iter()
            .enumerate()
            .filter_map(|(i, ph)| ph.timing.start.filter(|s| *s <= ph.timing.date).map(|s| (i, s, ph.timing.date)))
            .collect();
        spans.sort_by_key(|&(i, s, _)| (s, i));
        let mut latest: Option<(usize, chrono::NaiveDate)> = None;
        let mut overlaps: Vec<(usize, String)> = Vec::new();
        for &(i, start, end) in &spans {
            if let Some((j, until)) = latest
                && start <= until
            {
                overlaps.push((
                    i,
                    format!(
                        "phase {} ({}) overlaps phase {} ({}) until {until}",
                        phase_name(i, &p.phases[i].name),
                        p.phases[i].timing.text,
                        phase_name(j, &p.phases[j].name),
                        p.phases[j].timing.text
                    ),
                ));
            }
            if latest.is_none_or(|(_, until)| end > until) {
                latest = Some((i, end));
            }
        }
        // In phase order, so that a cap keeps the first in the document.
        overlaps.sort_by_key(|&(i, _)| i);
        for (i, message) in overlaps {
            self.push(Code::PhasesOverlap, &pp.index(i).key("timing"), message);
        }
        // Document order: phase by phase (a stable sort keeps each phase's own order).
        self.findings[first..].sort_by_key(|f| {
            f.path.strip_prefix("/phases/").and_then(|r| r.split('/').next()).and_then(|i| i.parse::<usize>().ok())
        });
    }

    fn reporting(&mut self) {
        let p = self.p;
        let rp = ROOT.key("reporting");
        for (i, r) in p.reporting.iter().enumerate() {
            let at = rp.index(i);
            self.text(&r.text, &at, "text", || "the text of a reporting duty".into());
            for (j, u) in r.reporters.iter().enumerate() {
                self.reference(u, &at.key("reporters").index(j), &"a reporting duty's reporter");
            }
            for (j, u) in r.recipients.iter().enumerate() {
                self.reference(u, &at.key("recipients").index(j), &"a reporting duty's recipient");
            }
            for (j, c) in r.contacts.iter().enumerate() {
                if let Some(u) = &c.unit {
                    self.reference(u, &at.key("contacts").index(j).key("unit"), &"a contact");
                }
            }
            let mut previous: Option<chrono::NaiveDate> = None;
            for (j, d) in r.due.iter().enumerate() {
                let due = at.key("due");
                let dp = due.index(j);
                self.deadline(d, &dp, &"a report", false);
                if previous.is_some_and(|prev| d.date < prev) {
                    self.push(
                        Code::ReportingOutOfOrder,
                        &dp,
                        format!("report date {} ({}) comes before the date listed ahead of it", d.text, d.date),
                    );
                }
                previous = Some(d.date);
                if chrono::Datelike::year(&d.date) != p.year {
                    self.push(
                        Code::ReportingOutsideYear,
                        &dp,
                        format!("report date {} ({}) is outside the programme year {}", d.text, d.date, p.year),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_module_table() {
        crate::findings::assert_code_table::<Code>(include_str!("mod.rs"));
    }

    #[test]
    fn codes_serialize_as_their_names() {
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()));
        }
    }

    #[cfg(feature = "generate")]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(24))]

        /// The hashed first walk (and the exact second walk it asks for when a
        /// repeat may exist) reports what one exact walk reports, in the same order.
        #[test]
        fn hashed_walk_reports_what_an_exact_walk_reports(tasks in 1usize..200, seed: u64) {
            use crate::generate::{self, Defect, Options};
            let p = generate::programme(&Options { tasks, seed });
            for &defect in Defect::ALL {
                let mut broken = p.clone();
                proptest::prop_assert!(generate::break_rule(&mut broken, defect, seed));
                let mut exact =
                    Validator::new(&broken, Repeats::exact(broken.task_count()), Totals::exact(), usize::MAX);
                exact.run();
                proptest::prop_assert_eq!(validate(&broken).findings, exact.findings, "{:?}", defect);
            }
        }
    }
}
