//! Aggregation: invariants on generated programmes and answers on a real one.

use minsheng::aggregate::{self, Quantity};
use minsheng::generate::{Options, programme};
use minsheng::{Dimension, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn qinghai() -> minsheng::Programme {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/qinghai-2021.json")).unwrap();
    minsheng::from_str(&text).unwrap()
}

/// Reverses every list of tasks, at every level, and the sections' order of targets.
fn permute(p: &mut minsheng::Programme, seed: u64) {
    fn shuffle<T>(v: &mut [T], seed: &mut u64) {
        for i in (1..v.len()).rev() {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (*seed >> 33) as usize % (i + 1);
            v.swap(i, j);
        }
    }
    fn walk(tasks: &mut [minsheng::Task], seed: &mut u64) {
        shuffle(tasks, seed);
        for t in tasks.iter_mut() {
            shuffle(&mut t.targets, seed);
            walk(&mut t.subtasks, seed);
        }
    }
    let mut s = seed;
    for section in &mut p.sections {
        walk(&mut section.tasks, &mut s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn totals_do_not_depend_on_task_order(tasks in 1usize..250, seed in any::<u64>(), shuffle in any::<u64>()) {
        let p = programme(&Options { tasks, seed });
        let before = aggregate::totals(&p);
        let mut q = p.clone();
        permute(&mut q, shuffle);
        let after = aggregate::totals(&q);
        prop_assert_eq!(&before.by_subject, &after.by_subject);
        prop_assert_eq!(&before.by_dimension, &after.by_dimension);
        let mut w1 = aggregate::workload(&p);
        let mut w2 = aggregate::workload(&q);
        w1.sort_by(|a, b| a.unit.cmp(&b.unit));
        w2.sort_by(|a, b| a.unit.cmp(&b.unit));
        prop_assert_eq!(w1, w2);
    }

    #[test]
    fn section_totals_add_up_to_the_programme_total(tasks in 1usize..250, seed in any::<u64>()) {
        let p = programme(&Options { tasks, seed });
        let t = aggregate::totals(&p);
        for d in &t.by_dimension {
            let mut sum = Decimal::ZERO;
            let mut count = 0;
            for s in &t.sections {
                for x in s.totals.by_dimension.iter().filter(|x| x.dimension == d.dimension && x.unit == d.unit) {
                    sum += x.value;
                    count += x.targets;
                }
            }
            prop_assert_eq!(sum, d.value, "{}", d.dimension);
            prop_assert_eq!(count, d.targets);
        }
        // Subject totals of one dimension add up to that dimension's total, in base units.
        for d in &t.by_dimension {
            let sum: Decimal = t
                .by_subject
                .iter()
                .filter(|s| s.dimension == d.dimension && s.unit.is_compatible(&d.unit))
                .filter_map(|s| s.unit.to_base(s.value))
                .sum();
            prop_assert_eq!(sum, d.value);
        }
    }

    #[test]
    fn workload_counts_every_responsibility_once(tasks in 1usize..250, seed in any::<u64>()) {
        let p = programme(&Options { tasks, seed });
        let w = aggregate::workload(&p);
        let leads: usize = w.iter().map(|u| u.lead).sum();
        let expected: usize = p.tasks().map(|t| {
            let mut ids: Vec<_> = t.leads().collect();
            ids.sort();
            ids.dedup();
            ids.len()
        }).sum();
        prop_assert_eq!(leads, expected);
        prop_assert!(w.windows(2).all(|x| x[0].lead >= x[1].lead));
    }
}

#[test]
fn people_and_person_times_are_never_added() {
    let a = Quantity::new(dec!(60000), Unit::Person);
    let b = Quantity::new(dec!(1050000), Unit::PersonTime);
    assert!(a.checked_add(&b).is_err());
    let t = aggregate::totals(&qinghai());
    let people = t.by_dimension.iter().find(|d| d.dimension == Dimension::People).unwrap();
    let visits = t.by_dimension.iter().find(|d| d.dimension == Dimension::PersonTimes).unwrap();
    // line 25: 职业技能培训10万人次; line 27: 农牧区劳动力转移就业105万人次
    assert!(visits.value >= dec!(1150000));
    assert_eq!(people.unit, Unit::Person);
    assert_eq!(visits.unit, Unit::PersonTime);
}

#[test]
fn qinghai_totals_and_workload() {
    let p = qinghai();
    let t = aggregate::totals(&p);
    // 套 counts sets of any kind: line 49 5.15万套 flats, line 97 108万套 receivers,
    // line 111 信号控制系统56套; the dimension total adds them, the subject totals keep them apart.
    let sets = t.by_dimension.iter().find(|d| d.dimension == Dimension::Sets).unwrap();
    assert_eq!(sets.value, dec!(51500) + dec!(1080000) + dec!(56));
    assert!(t.by_subject.iter().any(|s| s.unit == Unit::Set && s.value == dec!(51500)));
    // line 115: 30万亩 and line 27: 300平方公里 = 450000 亩
    let area = t.by_dimension.iter().find(|d| d.dimension == Dimension::Area).unwrap();
    assert_eq!((area.value, area.unit.clone()), (dec!(750000), Unit::Mu));
    let w = aggregate::workload(&p);
    let health = w.iter().find(|u| u.name == "省卫生健康委").unwrap();
    assert_eq!((health.lead, health.cooperating), (5, 1));
    let cities = w.iter().find(|u| u.name == "各市州人民政府").unwrap();
    assert!(cities.collective.is_some());
    // Busiest lead first: 省住房城乡建设厅 leads tasks 11, 12, 29 (joint), 36, 44 …
    assert!(w[0].lead >= w[1].lead);
}

#[test]
fn calendar_and_reconciliation_are_deterministic() {
    for seed in 0..5 {
        let p = programme(&Options { tasks: 200, seed });
        assert_eq!(aggregate::calendar(&p), aggregate::calendar(&p.clone()));
        let r = aggregate::reconcile(&p);
        assert!(r.counts.iter().all(|c| c.matches), "{:?}", r.counts);
        let calendar = aggregate::calendar(&p);
        let months: Vec<&str> = calendar.iter().map(|m| m.month.as_str()).collect();
        let mut sorted = months.clone();
        sorted.sort();
        assert_eq!(months, sorted);
    }
}

/// The calendar holds every task and target deadline once, by date, and in
/// document order within a day; the tasks are visited as `Programme::tasks`
/// lists them, sub-tasks after their parent.
#[test]
fn calendar_lists_deadlines_by_date_then_document_order() {
    for seed in 0..6 {
        let p = programme(&Options { tasks: 300, seed });
        let mut expected: Vec<(chrono::NaiveDate, String)> = Vec::new();
        for task in p.tasks() {
            expected.extend(task.deadlines.iter().map(|d| (d.date, task.label())));
            for t in &task.targets {
                if let Some(d) = &t.deadline {
                    expected.push((d.date, format!("{}: {}", task.label(), t.phrase)));
                }
            }
        }
        assert!(!expected.is_empty(), "seed {seed} has no deadlines");
        // A stable sort keeps document order within a day.
        expected.sort_by_key(|(date, _)| *date);
        let calendar = aggregate::calendar(&p);
        let listed: Vec<(chrono::NaiveDate, String)> = calendar
            .iter()
            .flat_map(|m| &m.entries)
            .filter(|e| e.kind == aggregate::EntryKind::Deadline)
            .map(|e| (e.date, e.what.clone()))
            .collect();
        assert_eq!(listed, expected, "seed {seed}");
        for m in &calendar {
            assert!(m.entries.iter().all(|e| e.date.format("%Y-%m").to_string() == m.month), "{}", m.month);
        }
    }
}

/// `summary` gathers every part in one walk (or, with the `parallel`
/// feature and a large programme, in two walks side by side); each part
/// must be what the part's own function answers. 3 000 top-level tasks is
/// past the size where the walks go side by side.
#[test]
fn summary_parts_equal_the_functions_that_answer_them_alone() {
    for tasks in [40, 3_000] {
        let p = programme(&Options { tasks, seed: 7 });
        let s = aggregate::summary(&p);
        let t = aggregate::totals(&p);
        assert_eq!(s.section_totals, t.sections, "{tasks} tasks");
        assert_eq!(s.refused, t.refused);
        assert_eq!(s.overflows, t.overflows);
        let subject_rows = s.totals.iter().filter(|r| r.subject.is_some()).count();
        assert_eq!(subject_rows, t.by_subject.len());
        assert_eq!(s.totals.len(), t.by_subject.len() + t.by_dimension.len());
        assert_eq!(s.workload, aggregate::workload(&p));
        assert_eq!(s.calendar, aggregate::calendar(&p));
        assert_eq!(s.reconciliation, aggregate::reconcile(&p));
        assert_eq!(s.tasks, p.task_count());
        let targets: usize = p.tasks().map(|t| t.targets.len()).sum();
        assert_eq!(s.targets.total, targets);
        assert_eq!(s.targets.by_measure.values().sum::<usize>(), targets);
    }
}
