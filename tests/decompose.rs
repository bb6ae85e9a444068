//! Decomposition: a child programme's links to its parent's tasks, and the
//! coverage table, on small hand-built programmes (Haidong's parent,
//! 青办字〔2024〕35号, is not available as text, so no real links exist).

use minsheng::decompose::{check_links, coverage};
use minsheng::{AdminLevel, Amount, DocumentRef, Jurisdiction, Measure, Programme, Section, Target, Task, Unit};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn target(id: &str, subject: &str, measure: Measure, value: Decimal) -> Target {
    Target::new(id.parse().unwrap(), subject, format!("{subject}{value}"), measure).with_amount(Amount::exactly(value))
}

fn parent() -> Programme {
    let mut p =
        Programme::new("prov".parse().unwrap(), "省通知", 2024, Jurisdiction::new("青海省", AdminLevel::Province))
            .with_section(
                Section::new("s".parse().unwrap(), "就业")
                    .with_task(
                        Task::new("p1".parse().unwrap(), "培训10万人次，新增就业6万人")
                            .with_target(target(
                                "p1-a",
                                "职业技能培训",
                                Measure::quantity(Unit::PersonTime),
                                dec!(100000),
                            ))
                            .with_target(target("p1-b", "城镇新增就业", Measure::quantity(Unit::Person), dec!(60000))),
                    )
                    .with_task(
                        Task::new("p2".parse().unwrap(), "抽检")
                            .with_target(target("p2-a", "监督抽检", Measure::quantity(Unit::Batch), dec!(3000)))
                            .with_target(target("p2-b", "风险监测", Measure::quantity(Unit::Batch), dec!(900)))
                            .with_target(target("p2-c", "覆盖率", Measure::percent(), dec!(90))),
                    )
                    .with_task(
                        Task::new("p3".parse().unwrap(), "高标准农田")
                            .with_target(target(
                                "p3-a",
                                "高标准农田",
                                Measure::quantity(Unit::SquareKilometre),
                                dec!(200),
                            ))
                            .with_subtask(Task::new("p3.1".parse().unwrap(), "其中…")),
                    )
                    .with_task(Task::new("p4".parse().unwrap(), "无人承接的任务")),
            );
    p.document.number = Some("青办字〔2024〕35号".parse().unwrap());
    p
}

fn child() -> Programme {
    let prov = || "prov".parse().unwrap();
    let mut c =
        Programme::new("city".parse().unwrap(), "市通知", 2024, Jurisdiction::new("海东市", AdminLevel::Prefecture))
            .with_section(
                Section::new("s".parse().unwrap(), "就业")
                    .with_task(
                        Task::new("c1".parse().unwrap(), "培训1.5万人次，新增就业8000人")
                            .implementing(prov(), "p1".parse().unwrap())
                            .with_target(target(
                                "c1-a",
                                "职业技能培训",
                                Measure::quantity(Unit::PersonTime),
                                dec!(15000),
                            ))
                            .with_target(target("c1-b", "城镇新增就业", Measure::quantity(Unit::Person), dec!(8000))),
                    )
                    .with_task(
                        Task::new("c2".parse().unwrap(), "再培训")
                            .implementing(prov(), "p1".parse().unwrap())
                            .with_target(target(
                                "c2-a",
                                "职业技能培训",
                                Measure::quantity(Unit::PersonTime),
                                dec!(5000),
                            )),
                    )
                    .with_task(
                        Task::new("c3".parse().unwrap(), "抽检")
                            .implementing(prov(), "p2".parse().unwrap())
                            .with_target(target("c3-a", "食品抽检", Measure::quantity(Unit::Batch), dec!(100)))
                            .with_target(target("c3-b", "风险监测", Measure::quantity(Unit::Batch), dec!(90)))
                            .with_target(target("c3-c", "覆盖率", Measure::percent(), dec!(95))),
                    )
                    .with_task(
                        Task::new("c4".parse().unwrap(), "农田")
                            .implementing(prov(), "p3".parse().unwrap())
                            .with_subtask(Task::new("c4.1".parse().unwrap(), "乐都区").with_target(target(
                                "c4-a",
                                "高标准农田",
                                Measure::quantity(Unit::Mu),
                                dec!(30000),
                            ))),
                    )
                    .with_task(
                        Task::new("c5".parse().unwrap(), "本市自选")
                            .implementing("other".parse().unwrap(), "x".parse().unwrap()),
                    )
                    .with_task(Task::new("c6".parse().unwrap(), "错链").implementing(prov(), "p9".parse().unwrap())),
            );
    c.parent =
        Some(DocumentRef { number: Some("青办字〔2024〕35号".parse().unwrap()), ..DocumentRef::default() });
    c
}

#[test]
fn links_are_checked_against_the_parent() {
    let (p, mut c) = (parent(), child());
    let found = check_links(&p, &c);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].code.as_str(), found[0].path.as_str()),
        ("unknown_parent_task", "/sections/0/tasks/5/implements/0/task")
    );
    assert!(found[0].message.contains("错链") && found[0].message.contains("p9"), "{}", found[0].message);
    c.parent =
        Some(DocumentRef { number: Some("青办字〔2024〕36号".parse().unwrap()), ..DocumentRef::default() });
    let again = c.sections[0].tasks[1].implements[0].clone();
    c.sections[0].tasks[1].implements.push(again);
    let codes: Vec<&str> = check_links(&p, &c).into_iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["parent_document_mismatch", "duplicate_link", "unknown_parent_task"]);
    // Links are additive: a programme without them still loads and the field is left out when empty.
    let json = minsheng::to_string_pretty(&p).unwrap();
    assert!(!json.contains("implements"));
    assert!(minsheng::to_string_pretty(&c).unwrap().contains("\"implements\""));
    assert_eq!(minsheng::from_str(&minsheng::to_string_pretty(&c).unwrap()).unwrap(), c);
}

#[test]
fn coverage_table_shares_and_unlinked_tasks() {
    let cov = coverage(&parent(), &child());
    let row = |id: &str| cov.targets.iter().find(|t| t.target.as_str() == id).unwrap();
    // Two child tasks serve 职业技能培训: 15000 + 5000 of 100000.
    let training = row("p1-a");
    assert_eq!(training.serving.iter().map(|s| s.target.as_str()).collect::<Vec<_>>(), ["c1-a", "c2-a"]);
    assert_eq!((training.covered, training.share), (Some(dec!(20000)), Some(dec!(20))));
    assert_eq!(row("p1-b").share, Some(dec!(13.33)));
    // Several parent targets in 批次: matched by subject, not guessed.
    assert_eq!(row("p2-b").serving.len(), 1);
    assert_eq!(row("p2-b").share, Some(dec!(10)));
    assert!(row("p2-a").serving.is_empty());
    assert_eq!(cov.unmatched_child_targets.iter().map(|t| t.target.as_str()).collect::<Vec<_>>(), ["c3-a"]);
    // Levels do not add up: the serving target is listed without a share.
    assert_eq!((row("p2-c").serving.len(), row("p2-c").share), (1, None));
    // A sub-task inherits its parent's link; 30000 亩 is exactly 20 km² of 200.
    assert_eq!((row("p3-a").covered, row("p3-a").share), (Some(dec!(20)), Some(dec!(10))));
    let ids = |v: &[minsheng::decompose::Unlinked]| v.iter().map(|u| u.task.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&cov.unlinked_parent_tasks), ["p4"]);
    assert_eq!(ids(&cov.unlinked_child_tasks), ["c5", "c6"]);
}

#[test]
fn haidong_has_no_invented_links() {
    let p = minsheng::from_path(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/haidong-2024.json"),
        minsheng::DEFAULT_MAX_BYTES,
    )
    .unwrap();
    assert!(p.tasks().all(|t| t.implements.is_empty()));
}
