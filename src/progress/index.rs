//! The programme's tasks and targets by id, shared by the checks and the
//! evaluation.

use smol_str::SmolStr;

use crate::hash::{self, Map};
use crate::model::{Programme, Target, Task, UnitId};

/// Tasks and targets by id, built once per call (linear). The first of two
/// repeated ids wins, as validation reports the second.
///
/// Each distinct id has a number, from 0 in the notice's order, and every
/// task and target of the programme is mapped to the number of its id in
/// the order [`Programme::tasks`] gives: what the evaluation gathers per
/// id goes into lists by number, which its walk over the tasks then reads
/// in order, where hash look-ups at random places of a large map cost a
/// wait for memory each. Target ids are keyed by copies (inline, as ids
/// are): a look-up then compares within the map instead of reading the
/// target, which with a year of reports on 180 000 targets is a cache miss
/// per actual.
pub(super) struct Index<'p> {
    target_ids: Map<SmolStr, usize>,
    /// The target each number stands for.
    targets: Vec<&'p Target>,
    /// The number of every target, task by task, in the notice's order.
    target_numbers: Vec<usize>,
    task_ids: Map<&'p str, usize>,
    tasks: Vec<&'p Task>,
    /// The number of every task, in the notice's order.
    task_numbers: Vec<usize>,
    /// Unit names by id: roll-ups name a unit per target, and the registry
    /// itself is a list.
    units: Map<&'p str, &'p str>,
}

/// Numbers `id` (a new one when first seen) and records the number.
fn number<K: std::hash::Hash + Eq, T>(ids: &mut Map<K, usize>, items: &mut Vec<T>, id: K, item: T) -> usize {
    let next = items.len();
    let n = *ids.entry(id).or_insert(next);
    if n == next {
        items.push(item);
    }
    n
}

impl<'p> Index<'p> {
    pub(super) fn new(programme: &'p Programme) -> Self {
        let (mut target_ids, mut targets, mut target_numbers) = (hash::map(0), Vec::new(), Vec::new());
        let (mut task_ids, mut tasks, mut task_numbers) = (hash::map(0), Vec::new(), Vec::new());
        for task in programme.tasks() {
            task_numbers.push(number(&mut task_ids, &mut tasks, task.id.as_str(), task));
            for target in &task.targets {
                target_numbers.push(number(&mut target_ids, &mut targets, target.id.held().clone(), target));
            }
        }
        let mut units = hash::map(programme.units.len());
        for u in &programme.units {
            units.entry(u.id.as_str()).or_insert(u.name.as_str());
        }
        Self { target_ids, targets, target_numbers, task_ids, tasks, task_numbers, units }
    }

    /// The target with this id (the first, when repeated) and its number.
    pub(super) fn target(&self, id: &str) -> Option<(usize, &'p Target)> {
        let &n = self.target_ids.get(id)?;
        Some((n, *self.targets.get(n)?))
    }

    /// The number of the target with this id, without reading the target.
    pub(super) fn target_number_of(&self, id: &str) -> Option<usize> {
        self.target_ids.get(id).copied()
    }

    /// The target a number stands for.
    pub(super) fn target_at(&self, n: usize) -> Option<&'p Target> {
        self.targets.get(n).copied()
    }

    /// The task with this id (the first, when repeated) and its number.
    pub(super) fn task(&self, id: &str) -> Option<(usize, &'p Task)> {
        let &n = self.task_ids.get(id)?;
        Some((n, *self.tasks.get(n)?))
    }

    /// How many distinct target ids and task ids there are.
    pub(super) fn distinct(&self) -> (usize, usize) {
        (self.targets.len(), self.tasks.len())
    }

    /// The number of the `i`-th target of the programme, in the notice's order.
    pub(super) fn target_number(&self, i: usize) -> Option<usize> {
        self.target_numbers.get(i).copied()
    }

    /// The number of the `i`-th task of the programme, in the notice's order.
    pub(super) fn task_number(&self, i: usize) -> Option<usize> {
        self.task_numbers.get(i).copied()
    }

    /// As [`Programme::unit_name`], from the index.
    pub(super) fn unit_name<'a>(&'a self, id: &'a UnitId) -> &'a str {
        self.units.get(id.as_str()).copied().unwrap_or(id.as_str())
    }
}
