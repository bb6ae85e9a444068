//! Decomposition: how a child programme (a city's) carries out its parent's
//! (the province's) tasks.
//!
//! A child task names the parent tasks it implements in
//! [`Task::implements`](crate::model::Task::implements). [`check_links`] checks
//! those links against the parent programme; [`coverage`] shows, for each
//! parent target, the child targets that serve it and the share of the
//! parent's figure they cover, and lists the tasks on either side that no
//! link connects.
//!
//! A child target serves a parent target when its task (or an enclosing
//! task) links to the parent target's task (or an enclosing task), and the
//! two measure the same kind of thing: quantities of one dimension, money,
//! or the same kind of level (percent, rate, change). When the parent task
//! has several such targets, the child target serves the one whose subject
//! equals or contains its own (or is contained in it); when none matches
//! by subject and there are several, it is listed as unmatched rather than
//! guessed. The covered **share** adds the serving child figures (converted
//! exactly into the parent's unit) and divides by the parent figure; it is
//! given for quantities and money only, since levels (85%) do not add up.
//!
//! Link findings have stable codes:
//!
//! | code | severity | what it finds |
//! |---|---|---|
//! | `unknown_parent_task` | error | a task implements a task the parent programme does not have |
//! | `parent_document_mismatch` | warning | the child's `parent` document number differs from the parent programme's own |
//! | `duplicate_link` | warning | a task links to one parent task twice |
//!
//! ```
//! use minsheng::{AdminLevel, Amount, Jurisdiction, Measure, Programme, Section, Target, Task, Unit};
//! use rust_decimal_macros::dec;
//! let parent = Programme::new("prov".parse()?, "省通知", 2024, Jurisdiction::new("青海省", AdminLevel::Province))
//!     .with_section(Section::new("s".parse()?, "就业").with_task(
//!         Task::new("p1".parse()?, "培训10万人次").with_target(
//!             Target::new("p1-a".parse()?, "职业技能培训", "培训10万人次", Measure::quantity(Unit::PersonTime))
//!                 .with_amount(Amount::exactly(dec!(100000))))));
//! let child = Programme::new("city".parse()?, "市通知", 2024, Jurisdiction::new("海东市", AdminLevel::Prefecture))
//!     .with_section(Section::new("s".parse()?, "就业").with_task(
//!         Task::new("c1".parse()?, "培训1.5万人次").implementing("prov".parse()?, "p1".parse()?).with_target(
//!             Target::new("c1-a".parse()?, "职业技能培训", "培训1.5万人次", Measure::quantity(Unit::PersonTime))
//!                 .with_amount(Amount::exactly(dec!(15000))))));
//! assert!(minsheng::decompose::check_links(&parent, &child).is_empty());
//! let c = minsheng::decompose::coverage(&parent, &child);
//! assert_eq!(c.targets[0].share, Some(dec!(15)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::findings::{self, codes};
use crate::json::decimal::{self, DecimalString, plain};
use crate::model::{Measure, Programme, SectionId, Target, TargetId, Task, TaskId, Unit};

codes! {
    /// The stable code of a link finding; see the [module documentation](self).
    pub enum LinkCode {
        /// A link to a task the parent programme does not have.
        UnknownParentTask => "unknown_parent_task", Error;
        /// The child's `parent` document number differs from the parent programme's own.
        ParentDocumentMismatch => "parent_document_mismatch", Warning;
        /// A task links to one parent task twice.
        DuplicateLink => "duplicate_link", Warning;
    }
}

/// A problem with a child programme's links to its parent, located in the
/// child (a JSON Pointer such as `/sections/0/tasks/2/implements/0/task`).
pub type LinkFinding = findings::Finding<LinkCode>;

/// Checks the child's links to `parent` (links to other programmes are left
/// alone): every linked task exists in the parent, no task links one parent
/// task twice, and the child's `parent` document matches the parent's number.
pub fn check_links(parent: &Programme, child: &Programme) -> Vec<LinkFinding> {
    let mut out = Vec::new();
    if let (Some(want), Some(have)) =
        (child.parent.as_ref().and_then(|p| p.number.as_ref()), parent.document.number.as_ref())
        && want != have
    {
        out.push(LinkFinding::new(
            LinkCode::ParentDocumentMismatch,
            "/parent/number",
            format!("{} says it implements {want}, but the parent programme given is {have}", child.title),
        ));
    }
    let parent_tasks: HashMap<&str, &Task> = parent.tasks().map(|t| (t.id.as_str(), t)).collect();
    child.each_task_at(|task, at| {
        let mut seen = HashSet::new();
        for (i, link) in task.implements.iter().enumerate() {
            if link.programme != parent.id {
                continue;
            }
            let path = at.key("implements").index(i).key("task").path();
            if !seen.insert(link.task.as_str()) {
                out.push(LinkFinding::new(
                    LinkCode::DuplicateLink,
                    path.clone(),
                    format!("task {} ({}) links to parent task {} twice", task.id, task.label(), link.task),
                ));
            }
            if !parent_tasks.contains_key(link.task.as_str()) {
                out.push(LinkFinding {
                    code: LinkCode::UnknownParentTask,
                    severity: LinkCode::UnknownParentTask.severity(),
                    path,
                    message: format!(
                        "task {} ({}) implements task {} of {}, which has no such task",
                        task.id,
                        task.label(),
                        link.task,
                        parent.title
                    ),
                });
            }
        }
    });
    out
}

/// A child target serving a parent target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ServingTarget {
    /// The child's task.
    pub task: TaskId,
    /// The child's target.
    pub target: TargetId,
    /// Its phrase in the child notice.
    pub phrase: String,
    /// Its figure in the parent target's unit, when it converts.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<Decimal>,
}

/// One parent target and what the child contributes to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TargetCoverage {
    /// The parent's section.
    pub section: SectionId,
    /// The parent's task.
    pub task: TaskId,
    /// The parent task as its notice numbers and words it.
    pub task_label: String,
    /// The parent target.
    pub target: TargetId,
    /// Its phrase.
    pub phrase: String,
    /// The child targets serving it.
    pub serving: Vec<ServingTarget>,
    /// The serving figures added up, in the parent's unit (quantities and money).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub covered: Option<Decimal>,
    /// `covered` as a percent of the parent figure, two decimals, half to even.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub share: Option<Decimal>,
}

/// A task no link connects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unlinked {
    /// The task.
    pub task: TaskId,
    /// As its notice numbers and words it.
    pub label: String,
}

/// The coverage table of a child programme against its parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Coverage {
    /// Every parent target, in the parent's order.
    pub targets: Vec<TargetCoverage>,
    /// Parent tasks no child task implements (nor one enclosing them).
    pub unlinked_parent_tasks: Vec<Unlinked>,
    /// Child tasks that implement no task of the parent (nor does one enclosing them).
    pub unlinked_child_tasks: Vec<Unlinked>,
    /// Child targets in linked tasks that match no parent target, or more than one.
    pub unmatched_child_targets: Vec<ServingTarget>,
}

/// The kind of thing a target measures, for matching child to parent.
fn kind_key(t: &Target) -> (String, Option<crate::model::Dimension>) {
    match &t.measure {
        Measure::Quantity { unit } => ("quantity".into(), Some(unit.dimension())),
        Measure::Money => ("quantity".into(), Some(crate::model::Dimension::Money)),
        Measure::Rate { per } => (format!("rate/{}", plain(*per)), None),
        m => (m.kind().into(), None),
    }
}

fn compatible(a: &Target, b: &Target) -> bool {
    match (a.unit(), b.unit()) {
        (Some(x), Some(y)) => x.is_compatible(&y),
        _ => kind_key(a) == kind_key(b),
    }
}

fn subjects_match(a: &str, b: &str) -> bool {
    a == b || a.contains(b) || b.contains(a)
}

/// Every task with the links in force for it: its own, else its nearest enclosing task's.
fn links_in_force<'p>(p: &'p Programme, parent: &Programme) -> Vec<(&'p Task, Vec<&'p str>)> {
    let mut out = Vec::new();
    for s in &p.sections {
        let mut stack: Vec<(&Task, Vec<&str>)> = s.tasks.iter().rev().map(|t| (t, Vec::new())).collect();
        while let Some((t, inherited)) = stack.pop() {
            let own: Vec<&str> =
                t.implements.iter().filter(|l| l.programme == parent.id).map(|l| l.task.as_str()).collect();
            let links = if own.is_empty() { inherited } else { own };
            for sub in t.subtasks.iter().rev() {
                stack.push((sub, links.clone()));
            }
            out.push((t, links));
        }
    }
    out
}

/// A parent task in the notice's order, with its section and the ids of
/// the tasks that enclose it (a link to an enclosing task covers it too).
struct ParentTask<'p> {
    task: &'p Task,
    section: SectionId,
    ancestors: Vec<&'p str>,
}

/// The parent's tasks in order, and by id (the first of repeated ids wins).
fn parent_tasks(parent: &Programme) -> (Vec<ParentTask<'_>>, HashMap<&str, &Task>) {
    let mut by_id: HashMap<&str, &Task> = HashMap::new();
    let mut order: Vec<ParentTask<'_>> = Vec::new();
    for s in &parent.sections {
        let mut stack: Vec<(&Task, Vec<&str>)> = s.tasks.iter().rev().map(|t| (t, Vec::new())).collect();
        while let Some((task, ancestors)) = stack.pop() {
            let mut mine = ancestors.clone();
            mine.push(task.id.as_str());
            for sub in task.subtasks.iter().rev() {
                stack.push((sub, mine.clone()));
            }
            by_id.entry(task.id.as_str()).or_insert(task);
            order.push(ParentTask { task, section: s.id.clone(), ancestors });
        }
    }
    (order, by_id)
}

/// Where the child's targets went: to the parent targets they serve, or
/// unmatched; which parent tasks some child task links to; and the child
/// tasks with no valid link.
#[derive(Default)]
struct Matched<'p> {
    serving: HashMap<&'p str, Vec<ServingTarget>>,
    unmatched: Vec<ServingTarget>,
    linked_parent: HashSet<&'p str>,
    unlinked_child_tasks: Vec<Unlinked>,
}

/// Matches each child target to the one parent target it serves: among the
/// compatible targets of the linked parent tasks, the one whose subject
/// matches, or the only one.
fn match_child_targets<'p>(
    parent_by_id: &HashMap<&str, &'p Task>,
    child: &Programme,
    parent: &Programme,
) -> Matched<'p> {
    let mut m = Matched::default();
    for (task, links) in &links_in_force(child, parent) {
        let valid: Vec<&'p Task> = links.iter().filter_map(|l| parent_by_id.get(l).copied()).collect();
        if valid.is_empty() {
            m.unlinked_child_tasks.push(Unlinked { task: task.id.clone(), label: task.label() });
            continue;
        }
        m.linked_parent.extend(valid.iter().map(|pt| pt.id.as_str()));
        for ct in &task.targets {
            let candidates: Vec<&Target> =
                valid.iter().flat_map(|pt| pt.targets.iter()).filter(|pt| compatible(pt, ct)).collect();
            let by_subject: Vec<&Target> =
                candidates.iter().copied().filter(|pt| subjects_match(&pt.subject, &ct.subject)).collect();
            let chosen = match (by_subject.as_slice(), candidates.as_slice()) {
                ([one], _) | ([], [one]) => Some(*one),
                _ => None,
            };
            let entry = |to: Option<&Unit>| ServingTarget {
                task: task.id.clone(),
                target: ct.id.clone(),
                phrase: ct.phrase.clone(),
                value: ct.amount.as_ref().and_then(|a| match (ct.unit(), to) {
                    (Some(from), Some(to)) => from.convert(a.low(), to),
                    (None, None) => Some(a.low()),
                    _ => None,
                }),
            };
            match chosen {
                Some(pt) => m.serving.entry(pt.id.as_str()).or_default().push(entry(pt.unit().as_ref())),
                None => m.unmatched.push(entry(None)),
            }
        }
    }
    m
}

/// One parent target's coverage: the serving child targets, their exact sum
/// in the parent's unit (quantities and money only) and its share of the
/// parent's figure.
fn target_coverage(parent_task: &ParentTask<'_>, pt: &Target, list: Vec<ServingTarget>) -> TargetCoverage {
    let additive = pt.unit().is_some();
    let covered = if additive && !list.is_empty() {
        list.iter().try_fold(Decimal::ZERO, |acc, s| s.value.and_then(|v| acc.checked_add(v)))
    } else {
        None
    };
    let share = match (covered, pt.amount.as_ref().map(|a| a.low())) {
        (Some(c), Some(goal)) if goal > Decimal::ZERO => c
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|c| c.checked_div(goal))
            .map(|s| s.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven).normalize()),
        _ => None,
    };
    TargetCoverage {
        section: parent_task.section.clone(),
        task: parent_task.task.id.clone(),
        task_label: parent_task.task.label(),
        target: pt.id.clone(),
        phrase: pt.phrase.clone(),
        serving: list,
        covered,
        share,
    }
}

/// Builds the coverage table of `child` against `parent`. Linear in the
/// size of both programmes (and the targets of each linked parent task).
pub fn coverage(parent: &Programme, child: &Programme) -> Coverage {
    let (order, by_id) = parent_tasks(parent);
    let mut matched = match_child_targets(&by_id, child, parent);
    let mut targets = Vec::new();
    let mut unlinked_parent_tasks = Vec::new();
    for p in &order {
        let linked = std::iter::once(p.task.id.as_str())
            .chain(p.ancestors.iter().copied())
            .any(|id| matched.linked_parent.contains(id));
        if !linked {
            unlinked_parent_tasks.push(Unlinked { task: p.task.id.clone(), label: p.task.label() });
        }
        for pt in &p.task.targets {
            let list = matched.serving.remove(pt.id.as_str()).unwrap_or_default();
            targets.push(target_coverage(p, pt, list));
        }
    }
    Coverage {
        targets,
        unlinked_parent_tasks,
        unlinked_child_tasks: matched.unlinked_child_tasks,
        unmatched_child_targets: matched.unmatched,
    }
}

#[cfg(test)]
mod code_table {
    #[test]
    fn every_code_is_in_the_module_table() {
        crate::findings::assert_code_table::<super::LinkCode>(include_str!("decompose.rs"));
    }
}
