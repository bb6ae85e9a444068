//! Hostile input, second round (issue 14): totals past the largest decimal,
//! millions of findings, a generator asked for 2⁶⁴ tasks, a sentence of
//! thousands of targets, tasks with neither number nor words.

use minsheng::aggregate::{self, BreakdownStatus, OverflowKind};
use minsheng::generate::{self, Defect, Options};
use minsheng::validate::validate_capped;
use minsheng::{Code, Programme};
use proptest::prelude::*;
use rust_decimal::Decimal;

const HEAD: &str =
    r#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"青海省","level":"province"},"year":2021"#;

/// A programme whose one section holds `tasks` (JSON text of the task array's items).
fn with_tasks(tasks: &str) -> String {
    format!(r#"{HEAD},"sections":[{{"id":"s","title":"s","tasks":[{tasks}]}}]}}"#)
}

/// A target of `value` in `unit` for `subject`, as JSON.
fn target(id: &str, subject: &str, unit: &str, value: &str) -> String {
    format!(
        r#"{{"id":"{id}","subject":"{subject}","phrase":"{subject}{value}{unit}","measure":{{"kind":"quantity","unit":"{unit}"}},"amount":{{"comparator":"exactly","value":"{value}"}}}}"#
    )
}

/// 9 × 10²⁷: 28 digits, the most a figure may have; nine of them pass the
/// largest decimal (about 7.9 × 10²⁸).
const BIG: &str = "9000000000000000000000000000";

/// Nine targets of 9 × 10²⁷ 人 and one of 9 × 10²⁷ 亿元.
fn overflowing() -> Programme {
    let mut targets: Vec<String> = (1..=9).map(|i| target(&format!("x{i}"), "就业", "人", BIG)).collect();
    targets.push(target("x10", "投资", "亿元", BIG));
    let text = with_tasks(&format!(r#"{{"id":"t","description":"d","targets":[{}]}}"#, targets.join(",")));
    minsheng::from_str(&text).unwrap()
}

#[test]
fn an_overflowing_total_is_a_finding_and_shows_in_the_totals() {
    let p = overflowing();
    let report = minsheng::validate(&p);
    let paths: Vec<&str> =
        report.findings.iter().filter(|f| f.code == Code::FigureOverflow).map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["/sections/0/tasks/0/targets/8", "/sections/0/tasks/0/targets/9"]);
    assert!(!report.is_valid());

    let totals = aggregate::totals(&p);
    let jobs = totals.by_subject.iter().find(|r| r.subject == "就业").unwrap();
    assert_eq!((jobs.targets, jobs.overflowed), (8, 1));
    // The 亿元 target no longer vanishes: its row says it was left out.
    let investment = totals.by_subject.iter().find(|r| r.subject == "投资").unwrap();
    assert_eq!((investment.targets, investment.overflowed), (0, 1));
    let kinds: Vec<OverflowKind> = totals.overflows.iter().map(|o| o.kind).collect();
    assert_eq!(kinds, [OverflowKind::SubjectTotal, OverflowKind::Conversion]);
    assert_eq!(totals.overflows[0].path, "/sections/0/tasks/0/targets/8");
    assert_eq!(totals.overflowed, 2);
    assert_eq!(totals.sections[0].totals.overflows.len(), 2);

    let summary = aggregate::summary(&p);
    assert_eq!(summary.overflows.len(), 2);
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["overflows"][1]["kind"], "conversion");
    let row = json["totals"].as_array().unwrap().iter().find(|r| r["subject"] == "就业").unwrap();
    assert_eq!(row["overflowed"], 1);
}

#[test]
fn breakdown_parts_past_a_decimal_are_an_error_like_parts_past_the_total() {
    let parts = |figures: &[&str]| {
        let parts: Vec<String> =
            figures.iter().enumerate().map(|(i, f)| target(&format!("p{i}"), "s", "人", f)).collect();
        format!(
            r#"{{"id":"t","description":"d","targets":[{{"id":"x","subject":"s","phrase":"100人","measure":{{"kind":"quantity","unit":"人"}},"amount":{{"comparator":"exactly","value":"100"}},"breakdown":{{"exhaustive":false,"parts":[{}]}}}}]}}"#,
            parts.join(",")
        )
    };
    let over = minsheng::from_str(&with_tasks(&parts(&["60", "60"]))).unwrap();
    assert!(minsheng::validate(&over).has(Code::BreakdownExceedsTotal));
    let p = minsheng::from_str(&with_tasks(&parts(&[BIG; 9]))).unwrap();
    let report = minsheng::validate(&p);
    let f = report.findings.iter().find(|f| f.code == Code::FigureOverflow).expect("a finding");
    assert_eq!(f.path, "/sections/0/tasks/0/targets/0/breakdown");
    assert!(!report.is_valid());
    let rec = aggregate::reconcile(&p);
    assert_eq!(rec.breakdowns[0].status, BreakdownStatus::Overflow);
    assert_eq!(rec.breakdowns[0].parts_sum, None);
}

/// A generated programme with some figures blown up to 10²⁸ and beyond.
fn inflated() -> impl Strategy<Value = Programme> {
    (1usize..120, any::<u64>(), proptest::collection::vec((any::<usize>(), 0u32..4), 0..6)).prop_map(
        |(tasks, seed, blows)| {
            let mut p = generate::programme(&Options { tasks, seed });
            let mut targets: Vec<&mut minsheng::Target> =
                p.sections.iter_mut().flat_map(|s| s.tasks.iter_mut()).flat_map(|t| t.targets.iter_mut()).collect();
            let n = targets.len();
            for (pick, size) in blows {
                if n == 0 {
                    break;
                }
                let t = &mut targets[pick % n];
                let figure = [Decimal::MAX, Decimal::MAX / Decimal::TWO, Decimal::from(10u64.pow(19)), Decimal::ONE]
                    [size as usize];
                t.amount = Some(minsheng::Amount::exactly(figure));
                t.breakdown = None;
                t.per_member = None;
            }
            p
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Validation reports `figure_overflow` at exactly the targets the
    /// totals leave out (programme-wide or in their section).
    #[test]
    fn overflow_findings_are_the_targets_the_totals_leave_out(p in inflated()) {
        let totals = aggregate::totals(&p);
        let mut left_out: Vec<String> = totals.overflows.iter().map(|o| o.path.clone()).collect();
        left_out.extend(totals.sections.iter().flat_map(|s| s.totals.overflows.iter().map(|o| o.path.clone())));
        left_out.sort();
        left_out.dedup();
        let mut found: Vec<String> = minsheng::validate(&p)
            .findings
            .into_iter()
            .filter(|f| f.code == Code::FigureOverflow)
            .map(|f| f.path)
            .collect();
        found.sort();
        prop_assert_eq!(found, left_out);
        // Every target is either added or left out, never lost.
        let addable = p
            .tasks()
            .flat_map(|t| &t.targets)
            .filter(|t| t.amount.is_some() && t.measure.unit().is_some())
            .count();
        let counted: usize = totals.by_dimension.iter().map(|d| d.targets + d.overflowed).sum();
        prop_assert_eq!(counted, addable);
    }

    /// The capped report keeps, for each code, the first findings of the full
    /// report in the same order, and counts the rest.
    #[test]
    fn a_capped_report_is_the_full_report_cut_per_code(
        tasks in 1usize..80,
        seed in any::<u64>(),
        cap in 0usize..4,
        defects in proptest::collection::vec(0usize..64, 1..12),
    ) {
        let mut p = generate::programme(&Options { tasks, seed });
        for (k, d) in defects.iter().enumerate() {
            let _ = generate::break_rule(&mut p, Defect::ALL[d % Defect::ALL.len()], seed.wrapping_add(k as u64));
        }
        let full = minsheng::validate(&p);
        let capped = validate_capped(&p, cap);
        let mut seen = std::collections::HashMap::new();
        let expected: Vec<_> = full
            .findings
            .iter()
            .filter(|f| {
                let n = seen.entry(f.code).or_insert(0usize);
                *n += 1;
                *n <= cap
            })
            .cloned()
            .collect();
        prop_assert_eq!(&capped.findings, &expected);
        for &code in Code::ALL {
            let all = full.findings.iter().filter(|f| f.code == code).count();
            prop_assert_eq!(capped.omitted_of(code), all.saturating_sub(cap), "{}", code);
        }
        prop_assert_eq!(capped.errors(), full.errors().count());
        prop_assert_eq!(capped.warnings(), full.warnings().count());
        prop_assert_eq!(capped.is_valid(), full.is_valid());
    }
}

#[test]
fn a_million_defects_keep_a_bounded_report() {
    // One group listing one unknown id a million times: two findings per member.
    let members = vec![r#""x""#; 1_000_000].join(",");
    let text = format!(
        r#"{HEAD},"units":[{{"id":"g","name":"组","kind":"group","members":[{members}]}}],"leading_group":"g"}}"#
    );
    let p = minsheng::from_str(&text).unwrap();
    let capped = validate_capped(&p, 10);
    assert_eq!(capped.findings.len(), 20);
    assert_eq!(capped.omitted_of(Code::UnknownUnit), 999_990);
    assert_eq!(capped.omitted_of(Code::DuplicateUnitListed), 999_989);
    assert_eq!(capped.errors(), 1_000_000);
    // The first ones, in document order.
    assert_eq!(capped.findings[0].path, "/units/0/members/0");
    assert_eq!(capped.findings[1].path, "/units/0/members/1");
}

#[test]
fn tasks_without_number_or_words_are_named_by_place() {
    let text = with_tasks(
        r#"{"id":"t1","description":" ","subtasks":[{"id":"t1-1","description":""}]},{"id":"t2","number":"2","description":" "}"#,
    );
    let p = minsheng::from_str(&text).unwrap();
    let messages: Vec<String> =
        minsheng::validate(&p).findings.into_iter().filter(|f| f.code == Code::EmptyText).map(|f| f.message).collect();
    assert_eq!(
        messages,
        [
            "the text of task no. 1 in section s, id t1 is empty",
            "the text of task no. 1 under task t1, id t1-1 is empty",
            "the text of task 2 is empty",
        ]
    );
    for m in &messages {
        assert!(!m.contains("task  "), "{m}");
    }
}

#[test]
fn unnamed_units_sections_and_ids_are_named_in_words() {
    let text = format!(
        r#"{HEAD},"units":[{{"id":"u1","name":" ","kind":"department","aliases":[""],"members":["nosuch"]}}],"sections":[{{"id":"s1","title":" ","declared_count":2,"tasks":[{{"id":"t","description":"d","responsibilities":[{{"unit":"u1","role":"lead"}}]}}]}}],"declared_counts":[{{"text":" ","count":1,"sections":["nosuch0"]}}]}}"#
    );
    let p = minsheng::from_str(&text).unwrap();
    let report = minsheng::validate(&p);
    let all: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    let find = |code: Code| report.findings.iter().find(|f| f.code == code).map(|f| f.message.as_str()).unwrap();
    assert_eq!(find(Code::UnknownSection), "a declared count counts section \"nosuch0\", which does not exist");
    assert_eq!(find(Code::UnknownUnit), "a member of u1 refers to unit \"nosuch\", which the registry does not hold");
    assert_eq!(find(Code::DeclaredCountMismatch), "section s1 declares 2 items but lists 1");
    assert!(all.contains(&"an alias of u1 is empty"), "{all:#?}");
    for m in &all {
        assert!(!m.contains("Id(") && !m.contains("  "), "{m}");
    }
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

#[cfg(feature = "cli")]
mod cli {
    use crate::support::cli::{Scratch, minsheng, stderr, stdout};

    #[test]
    fn summary_text_and_json_show_what_the_totals_leave_out() {
        let dir = Scratch::new("overflow");
        let file = dir.file("p.json", minsheng::to_string_pretty(&super::overflowing()).unwrap().as_bytes());
        let o = minsheng(&["summary", &file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains("8 (+1 too large to add)"), "{text}");
        assert!(text.contains("0 (+1 too large to add)"), "{text}");
        assert!(text.contains("not added: 9000000000000000000000000000 亿元"), "{text}");
        assert!(text.contains("/sections/0/tasks/0/targets/8"), "{text}");
        let o = minsheng(&["summary", "--format", "json", &file]);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(doc["overflows"].as_array().unwrap().len(), 2);
        let o = minsheng(&["validate", &file]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(stdout(&o).matches("[figure_overflow]").count(), 2);
    }

    #[test]
    fn validate_shows_a_bounded_number_of_findings_and_counts_the_rest() {
        let dir = Scratch::new("many-findings");
        let members = vec![r#""x""#; 200_000].join(",");
        let text = format!(
            r#"{},"units":[{{"id":"g","name":"组","kind":"group","members":[{members}]}}],"leading_group":"g"}}"#,
            super::HEAD
        );
        let file = dir.file("p.json", text.as_bytes());
        let o = minsheng(&["validate", "--max-per-code", "5", &file]);
        assert_eq!(o.status.code(), Some(1));
        let out = stdout(&o);
        assert_eq!(out.lines().count(), 10 + 2 + 1, "{out}");
        assert!(out.contains("… and 199995 more unknown_unit findings (error) not shown"), "{out}");
        assert!(out.contains("invalid: 200000 errors, 199999 warnings"), "{out}");
        // The default keeps a thousand of each.
        let o = minsheng(&["validate", "--format", "json", &file]);
        assert_eq!(o.status.code(), Some(1));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let f = &doc["files"][0];
        assert_eq!(f["findings"].as_array().unwrap().len(), 2000);
        assert_eq!(f["errors"], 200_000);
        assert_eq!(f["omitted"][0]["code"], "unknown_unit");
        assert_eq!(f["omitted"][0]["count"], 199_000);
        assert_eq!(f["valid"], false);
    }

    #[test]
    fn gen_refuses_an_absurd_task_count_and_streams_the_rest() {
        for tasks in ["18446744073709551615", "10000001"] {
            let o = minsheng(&["gen", "--tasks", tasks]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert!(err.contains("at most 10000000 tasks") && err.contains(tasks), "{err}");
            assert!(!err.contains("panicked") && o.stdout.is_empty(), "{err}");
        }
        let o = minsheng(&["gen", "--tasks", "300", "--seed", "5"]);
        assert_eq!(o.status.code(), Some(0));
        let expected = minsheng::generate::programme(&minsheng::generate::Options { tasks: 300, seed: 5 });
        assert_eq!(stdout(&o), minsheng::to_string_pretty(&expected).unwrap());
    }

    #[test]
    fn extract_does_not_repeat_a_long_sentence_per_target() {
        let dir = Scratch::new("extract-long");
        let n = 3000;
        let items: Vec<String> = (1..=n).map(|i| format!("新增就业{i}人")).collect();
        let text = format!("前言。各地{}。后记", items.join("、"));
        let file = dir.file("notice.txt", text.as_bytes());
        let o = minsheng(&["extract", &file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), n);
        // Each line is bounded: the target, 80 characters either side, two cut marks.
        let sentence_start = text.find("各地").unwrap();
        let sentence_end = text.rfind('。').unwrap();
        for l in &lines {
            let excerpt = l["sentence"].as_str().unwrap();
            assert!(excerpt.chars().count() <= 2 * 80 + 2 + 16, "{excerpt}");
            let span = [l["span"][0].as_u64().unwrap() as usize, l["span"][1].as_u64().unwrap() as usize];
            assert!(excerpt.contains(&text[span[0]..span[1]]), "{excerpt}");
            assert_eq!(l["sentence_span"], serde_json::json!([sentence_start, sentence_end]));
        }
        assert!(out.len() < 40 * text.len(), "{} bytes out for {} in", out.len(), text.len());
        // A short sentence is still printed whole.
        let short = dir.file("short.txt", "前言。城镇新增就业1万人；其他".as_bytes());
        let o = minsheng(&["extract", &short]);
        let line: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
        assert_eq!(line["sentence"], "城镇新增就业1万人");
    }
}
