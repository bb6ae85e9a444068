//! Properties of a department's view, over generated programmes: it holds
//! exactly the targets the unit may report on, and the crate's evaluation
//! of it covers those targets and no other.

use std::collections::BTreeSet;

use minsheng::Task;
use minsheng_server::scope;
use proptest::prelude::*;

fn view_targets(p: &minsheng::Programme) -> BTreeSet<String> {
    p.sections
        .iter()
        .flat_map(|s| s.tasks.iter().flat_map(Task::walk))
        .flat_map(|t| t.targets.iter().map(|x| x.id.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_departments_view_is_exactly_its_own(seed in 0u64..10_000, tasks in 5usize..80, pick in 0usize..1000) {
        let p = minsheng::generate::programme(&minsheng::generate::Options { tasks, seed });
        prop_assume!(!p.units.is_empty());
        let unit = p.units[pick % p.units.len()].id.to_string();
        let view = scope::department_view(&p, &unit);
        let owned = scope::owned(&p, &unit);
        let targets = view_targets(&view);
        prop_assert_eq!(&targets, &owned.targets.iter().cloned().collect::<BTreeSet<_>>());
        // Every task left in the view is the unit's, or a heading without targets above one that is.
        for task in view.sections.iter().flat_map(|s| s.tasks.iter().flat_map(Task::walk)) {
            prop_assert!(owned.tasks.contains(task.id.as_str()) || task.targets.is_empty(), "{}", task.id);
        }
        // The evaluation of the view is over those targets only.
        let end = p.effective_period().map(|x| x.end).unwrap_or_default();
        let evaluated: BTreeSet<String> =
            minsheng::evaluate::evaluate(&view, &[], end).targets.iter().map(|t| t.target.to_string()).collect();
        prop_assert!(evaluated.is_subset(&targets));
        // Nothing is left out: a unit named on a task sees that task.
        for task in p.tasks() {
            if task.responsibilities.iter().any(|r| r.unit.as_str() == unit) {
                prop_assert!(owned.tasks.contains(task.id.as_str()));
            }
        }
    }
}
