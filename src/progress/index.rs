//! The programme's tasks and targets by id, shared by the checks and the
//! evaluation.

use std::collections::HashMap;

use crate::model::{Programme, Target, Task};

/// Tasks and targets by id, built once per call (linear). The first of two
/// repeated ids wins, as validation reports the second.
pub(super) struct Index<'p> {
    pub(super) targets: HashMap<&'p str, &'p Target>,
    pub(super) tasks: HashMap<&'p str, &'p Task>,
}

impl<'p> Index<'p> {
    pub(super) fn new(programme: &'p Programme) -> Self {
        let mut targets = HashMap::new();
        let mut tasks = HashMap::new();
        for task in programme.tasks() {
            tasks.entry(task.id.as_str()).or_insert(task);
            for target in &task.targets {
                targets.entry(target.id.as_str()).or_insert(target);
            }
        }
        Self { targets, tasks }
    }
}
