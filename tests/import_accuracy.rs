//! Accuracy of `minsheng::import` against the hand encodings.
//!
//! Imports each of the five notices in `../shared/seeds/` and compares the
//! result with its hand-encoded file in `examples/data/`, field class by
//! field class:
//!
//! - **sections**: the number of sections;
//! - **numbers**: task numbers, as the multiset of (section index, encoded
//!   `number` string) over every numbered task, sub-tasks included;
//! - **leads** and **cooperating**: per task (keyed by section index and
//!   number, or position for unnumbered tasks) the units holding the role
//!   (`cooperating` also counts joint duty, role for role); a unit matches
//!   when any of its name and aliases equals any of the encoded unit's;
//! - **targets**: per task the multiset of (value or min/max, measure kind
//!   and unit, comparator).
//!
//! Agreement is strict: `matched / max(expected, imported)`, so missing and
//! spurious items both cost (for sections, `min / max` of the two counts). A
//! class empty in both counts as 100%. The test prints a per-notice,
//! per-class table (`cargo test --test import_accuracy -- --nocapture`) and the
//! items that disagree, and fails when any class of any notice is below 95%.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use minsheng::{Measure, Programme, Role, Task};

use crate::support::seeds;

use seeds::{NOTICES, seed};

const CLASSES: [&str; 5] = ["sections", "numbers", "leads", "cooperating", "targets"];
const THRESHOLD: f64 = 0.95;

#[derive(Default, Clone, Copy)]
struct Score {
    matched: usize,
    of: usize,
}

impl Score {
    fn ratio(self) -> f64 {
        if self.of == 0 { 1.0 } else { self.matched as f64 / self.of as f64 }
    }
}

/// Tasks keyed by section index and number (or position when unnumbered).
fn tasks_by_key(p: &Programme) -> Vec<(String, &Task)> {
    let mut out = Vec::new();
    for (si, s) in p.sections.iter().enumerate() {
        for (k, t) in s.all_tasks().into_iter().enumerate() {
            let key = match &t.number {
                Some(n) => format!("{si}|{n}"),
                None => format!("{si}|#{k}"),
            };
            out.push((key, t));
        }
    }
    out
}

fn names(p: &Programme, id: &minsheng::UnitId) -> Vec<String> {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    match p.unit(id) {
        Some(u) => std::iter::once(&u.name).chain(u.aliases.iter()).map(|n| strip(n)).collect(),
        None => vec![id.to_string()],
    }
}

fn measure_key(m: &Measure) -> String {
    match m {
        Measure::Quantity { unit } => unit.symbol().to_owned(),
        Measure::Percent { .. } => "%".into(),
        Measure::Rate { per } => format!("/{}", per.normalize()),
        Measure::Money => "元".into(),
        Measure::Change { direction, scale } => format!("change:{direction:?}:{scale:?}"),
        Measure::Categorical { level } => format!("categorical:{level}"),
        Measure::Deferred { .. } => "deferred".into(),
        other => format!("{other:?}"),
    }
}

fn target_keys(t: &Task) -> Vec<String> {
    t.targets
        .iter()
        .map(|x| {
            let value = match &x.amount {
                Some(a) if a.value().is_none() => format!("{}..{}", a.low().normalize(), a.high().normalize()),
                Some(a) => a.low().normalize().to_string(),
                None => "-".into(),
            };
            let cmp = x.amount.as_ref().map_or("-".into(), |a| format!("{:?}", a.comparator()));
            format!("{value} {} {cmp}", measure_key(&x.measure))
        })
        .collect()
}

/// Multiset agreement of two lists of strings.
fn multiset(expected: &[String], imported: &[String], misses: &mut Vec<String>, label: &str) -> Score {
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for i in imported {
        *pool.entry(i.as_str()).or_default() += 1;
    }
    let mut matched = 0;
    for e in expected {
        match pool.get_mut(e.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                matched += 1;
            }
            _ => misses.push(format!("{label}: missing {e}")),
        }
    }
    for (i, n) in pool {
        for _ in 0..n {
            misses.push(format!("{label}: spurious {i}"));
        }
    }
    Score { matched, of: expected.len().max(imported.len()) }
}

/// The role the hand encodings give: they were written before
/// `Role::Responsible` existed and encode 责任单位 with no lead (Haixi (六),
/// (九)) as cooperating.
fn encoded_role(role: Role) -> Role {
    if role == Role::Responsible { Role::Cooperating } else { role }
}

fn units_score(e: &Programme, i: &Programme, roles: &[Role], misses: &mut Vec<String>) -> Score {
    let imported: HashMap<String, &Task> = tasks_by_key(i).into_iter().collect();
    let mut score = Score::default();
    let mut total_imported = 0;
    let mut total_expected = 0;
    for (key, et) in tasks_by_key(e) {
        let want: Vec<(Vec<String>, Role)> = et
            .responsibilities
            .iter()
            .filter(|r| roles.contains(&r.role))
            .map(|r| (names(e, &r.unit), r.role))
            .collect();
        let got: Vec<(Vec<String>, Role)> = imported
            .get(&key)
            .map(|t| {
                t.responsibilities
                    .iter()
                    .map(|r| (r.unit.clone(), encoded_role(r.role)))
                    .filter(|(_, role)| roles.contains(role))
                    .map(|(unit, role)| (names(i, &unit), role))
                    .collect()
            })
            .unwrap_or_default();
        total_expected += want.len();
        let mut used = vec![false; got.len()];
        for (wn, wr) in &want {
            let hit = got
                .iter()
                .enumerate()
                .position(|(k, (gn, gr))| !used[k] && gr == wr && gn.iter().any(|n| wn.contains(n)));
            match hit {
                Some(k) => {
                    used[k] = true;
                    score.matched += 1;
                }
                None => misses.push(format!("{key}: missing {wr:?} {}", wn[0])),
            }
        }
        for (k, (gn, gr)) in got.iter().enumerate() {
            if !used[k] {
                misses.push(format!("{key}: spurious {gr:?} {}", gn[0]));
            }
        }
    }
    for (key, it) in tasks_by_key(i) {
        let n = it.responsibilities.iter().filter(|r| roles.contains(&r.role)).count();
        total_imported += n;
        if n > 0 && !tasks_by_key(e).iter().any(|(k, _)| *k == key) {
            misses.push(format!("{key}: task not in the encoding, {n} units"));
        }
    }
    score.of = total_expected.max(total_imported);
    score
}

fn compare(e: &Programme, i: &Programme, misses: &mut [Vec<String>; 5]) -> [Score; 5] {
    let sections =
        Score { matched: e.sections.len().min(i.sections.len()), of: e.sections.len().max(i.sections.len()) };
    if e.sections.len() != i.sections.len() {
        misses[0].push(format!("{} sections encoded, {} imported", e.sections.len(), i.sections.len()));
    }
    let numbers_of = |p: &Programme| -> Vec<String> {
        tasks_by_key(p).into_iter().filter(|(_, t)| t.number.is_some()).map(|(k, _)| k).collect()
    };
    let numbers = multiset(&numbers_of(e), &numbers_of(i), &mut misses[1], "number");
    let leads = units_score(e, i, &[Role::Lead], &mut misses[2]);
    let coop = units_score(e, i, &[Role::Cooperating, Role::Joint], &mut misses[3]);
    let imported: HashMap<String, &Task> = tasks_by_key(i).into_iter().collect();
    let mut targets = Score::default();
    let mut seen = 0;
    for (key, et) in tasks_by_key(e) {
        let got = imported.get(&key).map(|t| target_keys(t)).unwrap_or_default();
        seen += got.len();
        let s = multiset(&target_keys(et), &got, &mut misses[4], &key);
        targets.matched += s.matched;
        targets.of += s.of;
    }
    // Targets on imported tasks the encoding does not have.
    let all: usize = tasks_by_key(i).iter().map(|(_, t)| t.targets.len()).sum();
    targets.of += all - seen;
    [sections, numbers, leads, coop, targets]
}

#[test]
fn import_agrees_with_the_hand_encodings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if seeds::seed_path(NOTICES[0].0).is_none() {
        eprintln!("no seeds beside the checkout; nothing to compare");
        return;
    }
    let mut table = String::new();
    let _ = writeln!(table, "{:<15}{}", "notice", CLASSES.iter().map(|c| format!("{c:>16}")).collect::<String>());
    let mut failures = Vec::new();
    let mut details = String::new();
    for (file, name) in NOTICES {
        let text = seed(file).unwrap_or_else(|| panic!("{file} is missing while the other seeds are there"));
        let encoded =
            minsheng::from_path(root.join(format!("examples/data/{name}.json")), minsheng::DEFAULT_MAX_BYTES).unwrap();
        let imported = minsheng::import::notice(&text).programme;
        let mut misses: [Vec<String>; 5] = Default::default();
        let scores = compare(&encoded, &imported, &mut misses);
        let _ = write!(table, "{name:<15}");
        for (k, s) in scores.iter().enumerate() {
            let _ = write!(table, "{:>16}", format!("{}/{} {:.1}%", s.matched, s.of, s.ratio() * 100.0));
            if s.ratio() < THRESHOLD {
                failures.push(format!("{name} {} {:.1}%", CLASSES[k], s.ratio() * 100.0));
            }
            for m in &misses[k] {
                let _ = writeln!(details, "  {name} {}: {m}", CLASSES[k]);
            }
        }
        let _ = writeln!(table);
    }
    println!("{table}\n{details}");
    assert!(failures.is_empty(), "below {}%: {failures:?}\n{table}\n{details}", THRESHOLD * 100.0);
}
