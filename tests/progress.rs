//! Progress reports, evaluation, the reporting calendar, decomposition and
//! the ledger, on the real notices and on small hand-built programmes.

use std::path::Path;

use chrono::NaiveDate;
use minsheng::evaluate::{self, Status};
use minsheng::progress::{self, Actual, ProgressCode, ProgressReport, TaskNote};
use minsheng::{
    AdminLevel, Amount, Deadline, Jurisdiction, Measure, Precision, Programme, ResponsibleUnit, Section, Target, Task,
    Unit, UnitKind,
};
use rust_decimal_macros::dec;

const QINGHAI: &str = "examples/data/qinghai-2021.json";
const MID_YEAR: &str = "examples/data/progress/qinghai-2021-2021-06-30.json";

fn path(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn qinghai() -> Programme {
    minsheng::from_path(path(QINGHAI), minsheng::DEFAULT_MAX_BYTES).unwrap()
}

fn mid_year() -> ProgressReport {
    progress::from_path(path(MID_YEAR), minsheng::DEFAULT_MAX_BYTES).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn committed_progress_schema_matches_the_code() {
    let committed =
        std::fs::read_to_string(path("schema").join(minsheng::schema::PROGRESS_REPORT_SCHEMA_FILE)).unwrap();
    assert!(
        committed == minsheng::schema::progress_report_schema_json(),
        "schema/progress-report.schema.json is stale: run `cargo run --features cli -- schema --out schema`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(schema["$id"], minsheng::schema::PROGRESS_REPORT_SCHEMA_ID);
    assert_eq!(schema["additionalProperties"], false);
    assert!(!committed.contains("\"null\""));
}

#[test]
fn example_report_validates_against_schema_and_programme() {
    let schema: serde_json::Value = serde_json::from_str(&minsheng::schema::progress_report_schema_json()).unwrap();
    let v = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path(MID_YEAR)).unwrap()).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // What serde refuses, the schema refuses too.
    for (what, broken) in [
        (
            "number value",
            r#"{"format_version":"1","programme":"p","as_of":"2021-06-30","reporting_unit":"u","actuals":[{"target":"t","phrase":"x","value":5}]}"#,
        ),
        (
            "unknown field",
            r#"{"format_version":"1","programme":"p","as_of":"2021-06-30","reporting_unit":"u","colour":"red"}"#,
        ),
        ("bad date", r#"{"format_version":"1","programme":"p","as_of":"2021-02-30","reporting_unit":"u"}"#),
        ("wrong version", r#"{"format_version":"2","programme":"p","as_of":"2021-06-30","reporting_unit":"u"}"#),
    ] {
        let doc: serde_json::Value = serde_json::from_str(broken).unwrap();
        assert!(progress::from_str(broken).is_err(), "serde accepted {what}");
        assert!(!v.is_valid(&doc), "schema accepted {what}");
    }
    let report = mid_year();
    let again = progress::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(report, again);
    let found = progress::validate_report(&qinghai(), &report);
    assert!(found.findings.is_empty(), "{:#?}", found.findings);
}

fn codes(p: &Programme, r: &ProgressReport) -> Vec<(ProgressCode, String)> {
    progress::validate_report(p, r).findings.into_iter().map(|f| (f.code, f.path)).collect()
}

#[test]
fn validation_finds_each_defect_with_its_place() {
    let p = qinghai();
    let base = || ProgressReport::new("qinghai-2021".parse().unwrap(), date(2021, 6, 30), "hrss".parse().unwrap());
    let one = |a: Actual| codes(&p, &base().with_actual(a));
    assert_eq!(
        one(Actual::value("t99".parse().unwrap(), "x", dec!(1))),
        vec![(ProgressCode::UnknownTarget, "/actuals/0/target".into())]
    );
    let households = Actual::value("t1-1".parse().unwrap(), "培训5000户", dec!(5000)).in_unit(Unit::Household);
    assert_eq!(one(households), vec![(ProgressCode::UnitDimensionMismatch, "/actuals/0/unit".into())]);
    let msg = progress::validate_report(
        &p,
        &base().with_actual(Actual::value("t1-1".parse().unwrap(), "x", dec!(1)).in_unit(Unit::Household)),
    )
    .findings[0]
        .message
        .clone();
    assert!(msg.contains("开展职业技能培训10万人次") && msg.contains("人次") && msg.contains("户"), "{msg}");
    let percent_with_unit = Actual::value("t23-1".parse().unwrap(), "62.5", dec!(62.5)).in_unit(Unit::Item);
    assert_eq!(one(percent_with_unit), vec![(ProgressCode::UnitNotApplicable, "/actuals/0/unit".into())]);
    let categorical = Actual::value("t16-1".parse().unwrap(), "全覆盖", dec!(100));
    assert_eq!(one(categorical), vec![(ProgressCode::ValueNotApplicable, "/actuals/0/value".into())]);
    let empty = Actual { value: None, ..Actual::value("t2-1".parse().unwrap(), "  ", dec!(0)) };
    assert_eq!(
        one(empty),
        vec![(ProgressCode::EmptyText, "/actuals/0/phrase".into()), (ProgressCode::MissingValue, "/actuals/0".into())]
    );
    assert_eq!(
        one(Actual::value("t2-1".parse().unwrap(), "-3", dec!(-3))),
        vec![(ProgressCode::NegativeActual, "/actuals/0/value".into())]
    );
    let twice = base().with_actual(Actual::value("t2-1".parse().unwrap(), "a", dec!(1))).with_actual(Actual::value(
        "t2-1".parse().unwrap(),
        "b",
        dec!(2),
    ));
    assert_eq!(codes(&p, &twice), vec![(ProgressCode::DuplicateActual, "/actuals/1/target".into())]);
    let note = |task: &str| TaskNote {
        task: task.parse().unwrap(),
        status: Some("进展".into()),
        problems: vec![" ".into()],
        next_steps: None,
    };
    assert_eq!(
        codes(&p, &base().with_note(note("t404"))),
        vec![
            (ProgressCode::UnknownTask, "/tasks/0/task".into()),
            (ProgressCode::EmptyText, "/tasks/0/problems/0".into())
        ]
    );
    let mut outside = base();
    outside.as_of = date(2022, 1, 15);
    outside.programme = "haidong-2024".parse().unwrap();
    outside.reporting_unit = "nobody".parse().unwrap();
    outside.submitted = Some(date(2022, 1, 10));
    assert_eq!(
        codes(&p, &outside),
        vec![
            (ProgressCode::WrongProgramme, "/programme".into()),
            (ProgressCode::UnknownReportingUnit, "/reporting_unit".into()),
            (ProgressCode::AsOfOutsideProgramme, "/as_of".into()),
            (ProgressCode::SubmittedBeforeAsOf, "/submitted".into()),
        ]
    );
}

#[test]
fn a_report_older_than_one_already_given_is_stale() {
    let p = qinghai();
    let at = |d: NaiveDate, unit: &str| ProgressReport::new(p.id.clone(), d, unit.parse().unwrap());
    let series = [
        at(date(2021, 6, 30), "hrss"),
        at(date(2021, 5, 31), "edu"),
        at(date(2021, 5, 31), "hrss"),
        at(date(2021, 6, 30), "hrss"),
    ];
    let found = progress::validate_reports(&p, &series);
    let stale: Vec<bool> = found.iter().map(|v| v.has(ProgressCode::StaleReport)).collect();
    assert_eq!(stale, [false, false, true, false]);
    assert!(found[2].findings[0].message.contains("省人力资源社会保障厅"), "{}", found[2].findings[0].message);
}

#[test]
fn mid_year_roll_up_of_qinghai() {
    let p = qinghai();
    let e = evaluate::evaluate(&p, &[mid_year()], date(2021, 6, 30));
    let of = |id: &str| e.targets.iter().find(|t| t.target.as_str() == id).unwrap();
    // Progress is measured from the date the notice was written (2021-03-19) to the year's end.
    assert_eq!(of("t1-1").start, date(2021, 3, 19));
    assert_eq!(of("t1-1").expected, Some(dec!(35.89)));
    assert_eq!((of("t1-1").status, of("t1-1").completion), (Status::OnTrack, Some(dec!(46.2))));
    assert_eq!((of("t8-1").status, of("t8-1").completion), (Status::Met, Some(dec!(100))));
    assert_eq!((of("t11-2").status, of("t11-2").completion), (Status::Met, Some(dec!(103.84))));
    // 12.6万亩 of 300平方公里: converted exactly, 84 km².
    assert_eq!((of("t27-2").status, of("t27-2").actual), (Status::Behind, Some(dec!(84))));
    assert_eq!(of("t27-2").completion, Some(dec!(28)));
    assert_eq!(of("t18-3").status, Status::NotStarted);
    assert_eq!(of("t16-1").status, Status::Met);
    assert_eq!(of("t16-3").status, Status::NoData);
    assert_eq!(of("t23-1").status, Status::OnTrack);
    let c = e.programme.counts;
    assert_eq!((c.met, c.on_track, c.behind, c.overdue, c.not_started, c.no_data), (5, 13, 8, 0, 2, 12));
    assert_eq!(c.total(), 40);
    let edu = e.lead_units.iter().find(|u| u.unit.as_str() == "edu").unwrap();
    assert_eq!((edu.counts.behind, edu.behind.len()), (3, 3));
    assert_eq!(e.programme.units_behind.first().map(|u| u.as_str()), Some("edu"));
    assert_eq!(e.programme.behind.first().map(|l| l.status), Some(Status::NotStarted));
    let education = e.sections.iter().find(|s| s.section.as_str() == "education").unwrap();
    assert_eq!(education.counts.behind, 3);
    let t6 = e.tasks.iter().find(|t| t.task.as_str() == "t6").unwrap();
    assert_eq!((t6.status, t6.problems.len()), (Status::Behind, 2));
    assert!(t6.notes.iter().any(|n| n.contains("下一步")), "{:?}", t6.notes);
    // Before the report's date nothing is known.
    let early = evaluate::evaluate(&p, &[mid_year()], date(2021, 6, 29));
    assert_eq!((early.reports_used, early.programme.counts.no_data), (0, 40));
    // At the year's end the same figures are overdue where unmet.
    let late = evaluate::evaluate(&p, &[mid_year()], date(2021, 12, 31));
    assert_eq!(late.programme.counts.overdue, 0);
    let after = evaluate::evaluate(
        &{
            let mut q = p.clone();
            q.period = Some(minsheng::Period { start: date(2021, 1, 1), end: date(2021, 12, 31), text: None });
            q
        },
        &[mid_year()],
        date(2021, 12, 31),
    );
    assert_eq!(after.targets.iter().find(|t| t.target.as_str() == "t1-1").unwrap().expected, Some(dec!(100)));
}

/// A small programme: 失业率控制在5.5%以内 by the year's end, 新建10所 by 6月底, 增长8%.
fn small() -> Programme {
    let t = |id: &str, subject: &str, m: Measure, a: Amount| {
        Target::new(id.parse().unwrap(), subject, subject, m).with_amount(a)
    };
    Programme::new("small".parse().unwrap(), "通知", 2021, Jurisdiction::new("某市", AdminLevel::Prefecture))
        .with_unit(ResponsibleUnit::new("hr".parse().unwrap(), "市人社局", UnitKind::Department))
        .with_section(
            Section::new("s".parse().unwrap(), "就业")
                .with_task(
                    Task::new("a".parse().unwrap(), "城镇登记失业率控制在5.5%以内")
                        .led_by("hr".parse().unwrap())
                        .with_target(t("a1", "城镇登记失业率", Measure::percent(), Amount::at_most(dec!(5.5)))),
                )
                .with_task(
                    Task::new("b".parse().unwrap(), "6月底前新建10所")
                        .led_by("hr".parse().unwrap())
                        .with_deadline(Deadline::by("6月底前", date(2021, 6, 30), Precision::Month))
                        .with_target(t("b1", "新建", Measure::quantity(Unit::Institution), Amount::exactly(dec!(10))))
                        .with_subtask(Task::new("b.1".parse().unwrap(), "其中…").with_target(t(
                            "b2",
                            "改建",
                            Measure::quantity(Unit::Institution),
                            Amount::at_least(dec!(4)),
                        ))),
                )
                .with_task(Task::new("c".parse().unwrap(), "收入增长8%").with_target(t(
                    "c1",
                    "收入",
                    Measure::Change {
                        direction: minsheng::ChangeDirection::Decrease,
                        scale: Some(minsheng::ChangeScale::Percent),
                    },
                    Amount::at_least(dec!(8)),
                ))),
        )
}

#[test]
fn at_most_deadlines_and_changes() {
    let p = small();
    let report = |on: NaiveDate, a: rust_decimal::Decimal, b: rust_decimal::Decimal, c: rust_decimal::Decimal| {
        ProgressReport::new(p.id.clone(), on, "hr".parse().unwrap())
            .with_actual(Actual::value("a1".parse().unwrap(), "失业率5.2%", a))
            .with_actual(Actual::value("b1".parse().unwrap(), "新建", b))
            .with_actual(Actual::value("c1".parse().unwrap(), "下降", c))
    };
    let status = |r: &ProgressReport, on: NaiveDate| {
        let e = evaluate::evaluate(&p, std::slice::from_ref(r), on);
        e.targets.iter().map(|t| t.status).collect::<Vec<_>>()
    };
    let may = report(date(2021, 5, 31), dec!(5.2), dec!(9), dec!(2));
    // b2 inherits 6月底前 from its parent task and has no report.
    assert_eq!(status(&may, date(2021, 5, 31)), [Status::Met, Status::OnTrack, Status::NoData, Status::Behind]);
    assert_eq!(status(&may, date(2021, 7, 1)), [Status::Met, Status::Overdue, Status::NoData, Status::Behind]);
    let bad = report(date(2021, 5, 31), dec!(5.8), dec!(0), dec!(-1));
    assert_eq!(
        status(&bad, date(2021, 5, 31)),
        [Status::Behind, Status::NotStarted, Status::NoData, Status::NotStarted]
    );
    let e = evaluate::evaluate(&p, &[bad], date(2022, 1, 1));
    assert_eq!(e.targets[0].status, Status::Overdue);
    assert_eq!(e.targets[0].completion, Some(dec!(94.83)));
    assert_eq!(e.targets[2].deadline, date(2021, 6, 30));
    assert_eq!(e.programme.units_behind, vec!["hr".parse::<minsheng::UnitId>().unwrap()]);
}

#[test]
fn haidong_reporting_calendar() {
    let p = minsheng::from_path(path("examples/data/haidong-2024.json"), minsheng::DEFAULT_MAX_BYTES).unwrap();
    let from = |unit: &str, d: NaiveDate| ProgressReport::new(p.id.clone(), d, unit.parse().unwrap());
    let on = date(2024, 8, 1);
    let cal = evaluate::reporting_calendar(&p, &[from("counties-and-departments", date(2024, 3, 20))], on);
    let quarterly = |list: &[evaluate::Obligation]| {
        list.iter()
            .filter(|o| o.reporter.as_ref().is_some_and(|r| r.as_str() == "counties-and-departments"))
            .map(|o| o.due)
            .collect::<Vec<_>>()
    };
    assert_eq!(quarterly(&cal.received), [date(2024, 3, 25)]);
    assert_eq!(quarterly(&cal.overdue), [date(2024, 7, 5)]);
    assert_eq!(quarterly(&cal.due), [date(2024, 10, 5), date(2024, 12, 5)]);
    // 各牵头单位 owe the 3月22日 contact list one by one.
    let contact: Vec<_> = cal.overdue.iter().filter(|o| o.due == date(2024, 3, 22)).collect();
    let leads: std::collections::BTreeSet<_> = p.tasks().flat_map(|t| t.leads()).collect();
    assert_eq!(contact.len(), leads.len());
    assert!(contact.iter().all(|o| o.recipients.iter().any(|r| r.contains("督查室"))), "{contact:#?}");
}

#[test]
fn chuxiong_monthly_reports() {
    let p = minsheng::from_path(path("examples/data/chuxiong-2021.json"), minsheng::DEFAULT_MAX_BYTES).unwrap();
    let lead = p.tasks().flat_map(|t| t.leads()).next().unwrap().clone();
    let reports: Vec<_> = [date(2021, 1, 31), date(2021, 2, 26)]
        .into_iter()
        .map(|d| ProgressReport::new(p.id.clone(), d, lead.clone()))
        .collect();
    let cal = evaluate::reporting_calendar(&p, &reports, date(2021, 4, 15));
    let mine = |list: &[evaluate::Obligation]| {
        list.iter().filter(|o| o.reporter.as_ref() == Some(&lead)).map(|o| o.due).collect::<Vec<_>>()
    };
    assert_eq!(mine(&cal.received), [date(2021, 1, 31), date(2021, 2, 28)]);
    assert_eq!(mine(&cal.overdue), [date(2021, 3, 31)]);
    assert_eq!(mine(&cal.due).len(), 9);
}

#[test]
fn ledger_rows_and_csv() {
    use minsheng::ledger::Field;
    let p = qinghai();
    let e = evaluate::evaluate(&p, &[mid_year()], date(2021, 6, 30));
    let rows = minsheng::ledger::rows(&p, Some(&e));
    let targets = p.tasks().map(|t| t.targets.len()).sum::<usize>();
    let bare = p.tasks().filter(|t| t.targets.is_empty()).count();
    assert_eq!(rows.len(), targets + bare);
    let r = rows.iter().find(|r| r.phrase == "实施30万亩高标准农田建设项目").unwrap();
    assert_eq!((r.low, r.unit.as_str(), r.leads.as_str()), (Some(dec!(300000)), "亩", "省农业农村厅"));
    assert_eq!(
        (r.comparator, r.target_id.as_ref().map(|t| t.as_str())),
        (Some(minsheng::Comparator::Exactly), Some("t38-1"))
    );
    assert_eq!((r.status.as_str(), r.completion), ("序时推进", Some(dec!(41.67))));
    assert_eq!(r.latest, "已完成高标准农田建设12.5万亩");
    let pct = rows.iter().find(|r| r.subject == "有托育机构的市州").unwrap();
    assert_eq!(
        (pct.comparator, pct.low, pct.high, pct.unit.as_str()),
        (Some(minsheng::Comparator::AtLeast), Some(dec!(80)), None, "%")
    );
    let csv = minsheng::ledger::to_csv(&rows);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], minsheng::ledger::HEADERS.join(","));
    assert_eq!(lines[1], minsheng::ledger::KEYS.join(","));
    assert_eq!(lines.len(), rows.len() + 3, "header, key row, rows and a final empty line");
    let widths = minsheng::ledger::column_widths(&rows);
    let at = |f: Field| Field::ALL.iter().position(|x| *x == f).unwrap();
    assert_eq!(widths[at(Field::Row)], 6);
    assert_eq!(widths[at(Field::Task)], minsheng::ledger::MAX_COLUMN_WIDTH);
}

#[test]
fn exited_projects_are_not_evaluated() {
    let mut p = small();
    p.sections[0].tasks[1].lifecycle = Some(minsheng::Lifecycle::Exited);
    let e = evaluate::evaluate(&p, &[], date(2021, 6, 30));
    let ids: Vec<&str> = e.targets.iter().map(|t| t.target.as_str()).collect();
    assert_eq!(ids, ["a1", "c1"], "b1 and its sub-task's b2 are left out");
    assert!(e.tasks.iter().all(|t| !t.task.as_str().starts_with('b')));
}

/// The evaluation gathers actuals and notes per id and reads them back as
/// it walks the tasks in order: a repeated id, an exited subtree between
/// two tasks and sub-tasks must not shift what each target and task gets.
#[test]
fn actuals_and_notes_reach_the_targets_and_tasks_they_name() {
    let target = |id: &str| {
        Target::new(id.parse().unwrap(), "培训", "培训100人", Measure::quantity(Unit::Person))
            .with_amount(Amount::exactly(dec!(100)))
    };
    let task = |id: &str| Task::new(id.parse().unwrap(), "开展培训。").led_by("hr".parse().unwrap());
    let mut exited = task("gone").with_target(target("g1"));
    exited.lifecycle = Some(minsheng::Lifecycle::Exited);
    exited.subtasks.push(task("gone-sub").with_target(target("g2")));
    let mut parent = task("a").with_target(target("a1"));
    parent.subtasks.push(task("a-sub").with_target(target("a2")).with_target(target("a3")));
    let p = Programme::new("walk".parse().unwrap(), "通知", 2021, Jurisdiction::new("某市", AdminLevel::Prefecture))
        .with_unit(ResponsibleUnit::new("hr".parse().unwrap(), "市人社局", UnitKind::Department))
        .with_section(Section::new("s1".parse().unwrap(), "一").with_task(parent).with_task(exited))
        .with_section(
            Section::new("s2".parse().unwrap(), "二")
                .with_task(task("b").with_target(target("b1")))
                // The same target id again: it gets the first one's actual.
                .with_task(task("c").with_target(target("a3"))),
        );
    let on = date(2021, 6, 30);
    let note = |task: &str, status: &str| TaskNote {
        task: task.parse().unwrap(),
        status: Some(status.into()),
        problems: vec![],
        next_steps: None,
    };
    let report = ProgressReport::new(p.id.clone(), on, "hr".parse().unwrap())
        .with_actual(Actual::value("a3".parse().unwrap(), "培训30人", dec!(30)))
        .with_actual(Actual::value("b1".parse().unwrap(), "培训100人", dec!(100)))
        .with_actual(Actual::value("g2".parse().unwrap(), "培训100人", dec!(100)))
        .with_note(note("b", "b的进展"))
        .with_note(note("a-sub", "a-sub的进展"))
        .with_note(note("t404", "无此任务"));
    let e = evaluate::evaluate(&p, &[report], on);
    let got: Vec<(String, Option<rust_decimal::Decimal>)> =
        e.targets.iter().map(|t| (t.target.to_string(), t.actual)).collect();
    assert_eq!(
        got,
        [
            ("a1".into(), None),
            ("a2".into(), None),
            ("a3".into(), Some(dec!(30))),
            ("b1".into(), Some(dec!(100))),
            ("a3".into(), Some(dec!(30))),
        ]
    );
    let notes: Vec<(String, Vec<String>)> = e.tasks.iter().map(|t| (t.task.to_string(), t.notes.clone())).collect();
    let with = |id: &str, text: &str| (id.to_owned(), vec![format!("2021-06-30 市人社局: {text}")]);
    assert_eq!(notes, [("a".into(), vec![]), with("a-sub", "a-sub的进展"), with("b", "b的进展"), ("c".into(), vec![])]);
}
