//! Helpers shared by the notice tests.
#![allow(dead_code)]

use minsheng::{Programme, Target, Task};

/// Loads `examples/data/<name>.json`.
pub fn load(name: &str) -> Programme {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    minsheng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The task with this number in the section with this index.
pub fn task<'p>(p: &'p Programme, section: usize, number: &str) -> &'p Task {
    p.sections[section]
        .all_tasks()
        .into_iter()
        .find(|t| t.number.as_ref().map(ToString::to_string).as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no task {number} in section {section}"))
}

/// The first target of the task whose phrase contains `needle` and whose subject contains `subject`.
pub fn target<'t>(t: &'t Task, subject: &str) -> &'t Target {
    t.targets
        .iter()
        .find(|x| x.subject.contains(subject))
        .unwrap_or_else(|| panic!("task {} has no target on {subject}", t.label()))
}

/// The names of the units holding `role` on a task.
pub fn units(p: &Programme, t: &Task, role: minsheng::Role) -> Vec<String> {
    t.units_with(role).map(|id| p.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone())).collect()
}

/// Every target phrase must be a verbatim substring of its task's text.
pub fn phrases_are_verbatim(p: &Programme) {
    for t in p.tasks() {
        let text = format!("{}{}", t.title.as_deref().unwrap_or(""), t.description);
        let mut all: Vec<&Target> = t.targets.iter().collect();
        let mut i = 0;
        while i < all.len() {
            if let Some(b) = &all[i].breakdown {
                all.extend(b.parts.iter());
            }
            i += 1;
        }
        for x in all {
            assert!(text.contains(&x.phrase), "task {}: phrase {:?} is not in its text", t.label(), x.phrase);
        }
    }
}
