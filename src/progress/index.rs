//! The programme's tasks and targets by id, shared by the checks and the
//! evaluation.

use crate::hash::{self, Map};
use crate::model::{Programme, Target, Task, UnitId};

/// Tasks and targets by id, built once per call (linear). The first of two
/// repeated ids wins, as validation reports the second.
pub(super) struct Index<'p> {
    pub(super) targets: Map<&'p str, &'p Target>,
    pub(super) tasks: Map<&'p str, &'p Task>,
    /// Unit names by id: roll-ups name a unit per target, and the registry
    /// itself is a list.
    units: Map<&'p str, &'p str>,
}

impl<'p> Index<'p> {
    pub(super) fn new(programme: &'p Programme) -> Self {
        let mut targets = hash::map(0);
        let mut tasks = hash::map(0);
        for task in programme.tasks() {
            tasks.entry(task.id.as_str()).or_insert(task);
            for target in &task.targets {
                targets.entry(target.id.as_str()).or_insert(target);
            }
        }
        let mut units = hash::map(programme.units.len());
        for u in &programme.units {
            units.entry(u.id.as_str()).or_insert(u.name.as_str());
        }
        Self { targets, tasks, units }
    }

    /// As [`Programme::unit_name`], from the index.
    pub(super) fn unit_name<'a>(&'a self, id: &'a UnitId) -> &'a str {
        self.units.get(id.as_str()).copied().unwrap_or(id.as_str())
    }
}
