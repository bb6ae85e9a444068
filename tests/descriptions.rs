//! The phrase parser on whole task texts: `parse_targets` run over each
//! task description of the five encoded notices finds the targets the
//! hand encoding gives, and few others.
//!
//! Agreement per notice is matched / (encoded + spurious), where a target
//! is (comparator, value or min–max, unit or measure kind) and matching is
//! by multiset per task. The table prints with `--nocapture`.

use std::collections::BTreeMap;

use minsheng::parse::parse_targets_in_year;
use minsheng::{Amount, Measure, Programme, Target};

fn key(t: &Target) -> String {
    let amount = match &t.amount {
        None => "-".to_owned(),
        Some(Amount::Between { min, max }) => format!("between {}-{}", min.normalize(), max.normalize()),
        Some(a) => {
            format!("{} {}", a.comparator().as_str(), a.value().map(|v| v.normalize().to_string()).unwrap_or_default())
        }
    };
    let measure = match &t.measure {
        Measure::Quantity { unit } => unit.symbol().to_owned(),
        Measure::Percent { .. } => "%".to_owned(),
        Measure::Rate { per } => format!("/{per}"),
        Measure::Money => "元".to_owned(),
        Measure::Change { .. } => "change".to_owned(),
        Measure::Categorical { .. } => "categorical".to_owned(),
        Measure::Deferred { .. } => "deferred".to_owned(),
        _ => "?".to_owned(),
    };
    format!("{amount} {measure}")
}

fn load(name: &str) -> Programme {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    minsheng::from_str(&text).unwrap()
}

struct Score {
    /// Matched targets whose subject is word for word the encoded one.
    subjects: usize,
    /// Matched targets whose deadline and baseline agree with the encoding (both absent counts).
    dated: usize,
    encoded: usize,
    matched: usize,
    spurious: usize,
    misses: Vec<String>,
    extras: Vec<String>,
    misdated: Vec<String>,
}

/// A target's deadline and baseline as text and dates.
fn dated(t: &Target) -> String {
    let d = t.deadline.as_ref().map(|d| format!("{} {}", d.text, d.date)).unwrap_or_default();
    let b = t.baseline.as_ref().map(|b| format!("{} {:?}", b.text, b.year)).unwrap_or_default();
    format!("{d}|{b}")
}

fn score(name: &str) -> Score {
    let p = load(name);
    let mut s = Score {
        subjects: 0,
        dated: 0,
        encoded: 0,
        matched: 0,
        spurious: 0,
        misses: Vec::new(),
        extras: Vec::new(),
        misdated: Vec::new(),
    };
    for task in p.tasks() {
        let mut want: BTreeMap<String, usize> = BTreeMap::new();
        let mut when: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &task.targets {
            *want.entry(key(t)).or_default() += 1;
            when.entry(key(t)).or_default().push(dated(t));
            s.encoded += 1;
        }
        let text =
            format!("{}{}", task.title.as_deref().map(|t| format!("{t}。")).unwrap_or_default(), task.description);
        for f in parse_targets_in_year(&text, p.year) {
            let k = key(&f.target);
            match want.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    s.matched += 1;
                    if task.targets.iter().any(|t| key(t) == k && t.subject == f.target.subject) {
                        s.subjects += 1;
                    }
                    let d = dated(&f.target);
                    let list = when.entry(k.clone()).or_default();
                    match list.iter().position(|x| *x == d) {
                        Some(i) => {
                            list.remove(i);
                            s.dated += 1;
                        }
                        None => s.misdated.push(format!("{}: {k} got «{d}» «{}»", task.label(), f.target.phrase)),
                    }
                }
                _ => {
                    s.spurious += 1;
                    s.extras.push(format!("{}: {k} «{}»", task.label(), f.target.phrase));
                }
            }
        }
        for (k, n) in want {
            for _ in 0..n {
                s.misses.push(format!("{}: {k}", task.label()));
            }
        }
    }
    s
}

#[test]
fn task_texts_yield_their_targets() {
    let mut failed = Vec::new();
    println!("{:<14} {:>7} {:>7} {:>8} {:>9}", "notice", "encoded", "matched", "spurious", "agreement");
    println!("{:>58} {:>8}", "dated", "subjects");
    let (mut subjects, mut matched) = (0, 0);
    for name in ["qinghai-2021", "haidong-2024", "duji-2021", "chuxiong-2021", "haixi-2020"] {
        let s = score(name);
        let denom = s.encoded + s.spurious;
        let agreement = if denom == 0 { 100.0 } else { 100.0 * s.matched as f64 / denom as f64 };
        println!(
            "{name:<14} {:>7} {:>7} {:>8} {agreement:>8.1}% {:>6} {:>8}",
            s.encoded, s.matched, s.spurious, s.dated, s.subjects
        );
        subjects += s.subjects;
        matched += s.matched;
        for m in &s.misdated {
            println!("    misdated {m}");
        }
        if s.dated * 100 < s.matched * 95 {
            failed.push(format!("{name}: deadlines and baselines agree on {} of {}", s.dated, s.matched));
        }
        for m in &s.misses {
            println!("    missed   {m}");
        }
        for e in &s.extras {
            println!("    spurious {e}");
        }
        if agreement < THRESHOLD {
            failed.push(format!("{name}: {agreement:.1}%"));
        }
    }
    // Subjects are the notice's words cut at the figure; encoders paraphrase
    // (打造特色优势专业的职业院校), so word-for-word agreement is a floor
    // against regressions, not a goal.
    assert!(subjects * 100 >= matched * 60, "subjects agree on only {subjects} of {matched}");
    assert!(failed.is_empty(), "below {THRESHOLD}%: {failed:?}");
}

/// Per notice, the least share of agreement.
const THRESHOLD: f64 = 95.0;
