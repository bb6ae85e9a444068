//! What a department may see and report on: the tasks its unit leads,
//! cooperates on or shares (joint duty), and the sub-tasks under them.
//!
//! A task that names no responsible unit takes its enclosing task's. A task
//! kept only because a sub-task below it is the department's stays as a
//! heading: its number and words, without its own targets, so nothing of
//! another unit's figures shows.

use std::collections::HashSet;

use minsheng::progress::ProgressReport;
use minsheng::{Programme, Task};

/// The programme as a department sees it: only its tasks.
pub fn department_view(programme: &Programme, unit: &str) -> Programme {
    let mut view = programme.clone();
    for section in &mut view.sections {
        let tasks = std::mem::take(&mut section.tasks);
        section.tasks = tasks.into_iter().filter_map(|t| keep(t, unit, false)).collect();
    }
    view.sections.retain(|s| !s.tasks.is_empty());
    view
}

/// The task if it or a task below it is the unit's; `inherited` says the
/// enclosing task is the unit's and this one names no unit of its own.
fn keep(mut task: Task, unit: &str, inherited: bool) -> Option<Task> {
    let own = if task.responsibilities.is_empty() {
        inherited
    } else {
        task.responsibilities.iter().any(|r| r.unit.as_str() == unit)
    };
    let subtasks = std::mem::take(&mut task.subtasks);
    task.subtasks = subtasks.into_iter().filter_map(|t| keep(t, unit, own)).collect();
    if own {
        Some(task)
    } else if task.subtasks.is_empty() {
        None
    } else {
        task.targets.clear();
        Some(task)
    }
}

/// The ids of the tasks and targets a unit may report on.
#[derive(Debug, Default)]
pub struct Owned {
    /// Task ids.
    pub tasks: HashSet<String>,
    /// Target ids.
    pub targets: HashSet<String>,
}

/// The tasks and targets of `programme` that are the unit's.
pub fn owned(programme: &Programme, unit: &str) -> Owned {
    let mut owned = Owned::default();
    for section in &programme.sections {
        for task in &section.tasks {
            collect(task, unit, false, &mut owned);
        }
    }
    owned
}

fn collect(task: &Task, unit: &str, inherited: bool, owned: &mut Owned) {
    let own = if task.responsibilities.is_empty() {
        inherited
    } else {
        task.responsibilities.iter().any(|r| r.unit.as_str() == unit)
    };
    if own {
        owned.tasks.insert(task.id.to_string());
        owned.targets.extend(task.targets.iter().map(|t| t.id.to_string()));
    }
    for sub in &task.subtasks {
        collect(sub, unit, own, owned);
    }
}

/// What in a report is not the unit's to report: the target and task ids,
/// as the report wrote them.
pub fn outside(report: &ProgressReport, owned: &Owned) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in &report.actuals {
        if !owned.targets.contains(a.target.as_str()) {
            out.push(format!("target {} ({})", a.target, a.phrase));
        }
    }
    for n in &report.tasks {
        if !owned.tasks.contains(n.task.as_str()) {
            out.push(format!("task {}", n.task));
        }
    }
    out
}
