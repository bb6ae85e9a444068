//! One test per validation rule: a small programme that triggers exactly that
//! rule (code, severity, JSON Pointer and a message in the notice's words),
//! and a near-identical programme that does not.
//!
//! Every programme starts from [`base`], which is clean, and changes one thing.

use std::fmt::Debug;
use std::str::FromStr;

use chrono::NaiveDate;
use minsheng::{
    AdminLevel, Amount, ChangeDirection, Code, Contact, Deadline, DeclaredCount, DocumentNumber, DocumentRef, Finding,
    Jurisdiction, Measure, PerMember, Period, Phase, Precision, Programme, ReportingRequirement, ResponsibleUnit,
    Section, Severity, Target, Task, Unit, UnitKind, validate,
};
use rust_decimal_macros::dec;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Parses an id, a task number or a document number.
fn p<T: FromStr>(s: &str) -> T
where
    T::Err: Debug,
{
    s.parse().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn phase(name: &str, text: &str, start: NaiveDate, end: NaiveDate) -> Phase {
    Phase {
        name: name.into(),
        timing: Deadline::window(text, start, end, Precision::Month),
        description: None,
        extra: Default::default(),
    }
}

/// A clean programme modelled on the Qinghai 2021 notice.
///
/// Units: 0 gov, 1 hrss, 2 edu, 3 fin, 4 group; every one is referenced.
/// Sections: 0 就业促进工程 (tasks 1 and 2), 1 社会保障工程 (task 3).
fn base() -> Programme {
    let mut document = DocumentRef::numbered(p::<DocumentNumber>("青政办〔2021〕24号"));
    document.issuers = vec![p("gov")];
    document.written = Some(d(2021, 3, 1));

    let mut group =
        ResponsibleUnit::new(p("group"), "省民生实事工程领导小组", UnitKind::Group).at(AdminLevel::Province);
    group.members = vec![p("hrss"), p("edu")];

    let mut prog = Programme::new(
        p("qh-2021"),
        "关于2021年民生实事工程任务分工的通知",
        2021,
        Jurisdiction::new("青海省", AdminLevel::Province),
    )
    .with_document(document)
    .with_unit(ResponsibleUnit::new(p("gov"), "青海省人民政府办公厅", UnitKind::Government).at(AdminLevel::Province))
    .with_unit(ResponsibleUnit::new(p("hrss"), "省人力资源社会保障厅", UnitKind::Department).alias("省人社厅"))
    .with_unit(ResponsibleUnit::new(p("edu"), "省教育厅", UnitKind::Department))
    .with_unit(ResponsibleUnit::new(p("fin"), "省财政厅", UnitKind::Department))
    .with_unit(group)
    .with_section(
        Section::new(p("s1"), "就业促进工程")
            .numbered(p("(一)"))
            .with_task(
                Task::new(p("t1"), "全省城镇新增就业6万人，开展职业技能培训10万人次。")
                    .numbered(p("1"))
                    .led_by(p("hrss"))
                    .cooperating(p("fin"))
                    .with_target(
                        Target::new(p("x1-1"), "城镇新增就业", "城镇新增就业6万人", Measure::quantity(Unit::Person))
                            .with_amount(Amount::exactly(dec!(60000))),
                    )
                    .with_target(
                        Target::new(
                            p("x1-2"),
                            "职业技能培训",
                            "开展职业技能培训10万人次",
                            Measure::quantity(Unit::PersonTime),
                        )
                        .with_amount(Amount::exactly(dec!(100000))),
                    )
                    .with_deadline(Deadline::by("年底前", d(2021, 12, 31), Precision::Year)),
            )
            .with_task(
                Task::new(p("t2"), "新建21所幼儿园。").numbered(p("2")).led_by(p("edu")).with_target(
                    Target::new(p("x2-1"), "新建幼儿园", "新建21所幼儿园", Measure::quantity(Unit::Institution))
                        .with_amount(Amount::exactly(dec!(21))),
                ),
            ),
    )
    .with_section(
        Section::new(p("s2"), "社会保障工程").numbered(p("(二)")).with_task(
            Task::new(p("t3"), "城乡居民基本医疗保险参保率稳定在95%以上，落实财政补助资金2.9亿元。")
                .numbered(p("3"))
                .led_by(p("fin"))
                .with_target(
                    Target::new(p("x3-1"), "基本医疗保险参保率", "参保率稳定在95%以上", Measure::percent())
                        .with_amount(Amount::at_least(dec!(95))),
                )
                .with_target(
                    Target::new(p("x3-2"), "财政补助资金", "落实财政补助资金2.9亿元，其中省级1.5亿元", Measure::Money)
                        .with_amount(Amount::exactly(dec!(290000000)))
                        .with_breakdown(
                            false,
                            vec![
                                Target::new(p("x3-2-1"), "省级财政补助资金", "省级1.5亿元", Measure::Money)
                                    .with_amount(Amount::exactly(dec!(150000000))),
                            ],
                        ),
                ),
        ),
    );
    prog.sections[0].declared_count = Some(2);
    prog.leading_group = Some(p("group"));
    prog.phases = vec![
        phase("组织实施阶段", "3月至11月", d(2021, 3, 1), d(2021, 11, 30)),
        phase("检查考核阶段", "12月", d(2021, 12, 1), d(2021, 12, 31)),
    ];
    prog.reporting = vec![ReportingRequirement {
        text: "各牵头单位于6月30日、12月5日前将工作进展情况报省财政厅。".into(),
        content: Some("工作进展情况".into()),
        reporters: vec![p("hrss"), p("edu")],
        recipients: vec![p("fin")],
        due: vec![
            Deadline::by("6月30日前", d(2021, 6, 30), Precision::Day),
            Deadline::by("12月5日前", d(2021, 12, 5), Precision::Day),
        ],
        frequency: None,
        channel: None,
        contacts: Vec::new(),
        extra: Default::default(),
    }];
    prog.declared_counts = vec![DeclaredCount { text: "3项民生实事".into(), count: 3, sections: Vec::new() }];
    prog
}

/// Asserts the programme has exactly one finding and returns it.
fn single(prog: &Programme) -> Finding {
    let report = validate(prog);
    assert_eq!(report.findings.len(), 1, "expected exactly one finding, got {:#?}", report.findings);
    report.findings.into_iter().next().unwrap()
}

/// Asserts exactly one finding, with this code, severity and path; returns its message.
fn expect(prog: &Programme, code: Code, severity: Severity, path: &str) -> String {
    let f = single(prog);
    assert_eq!(f.code, code, "{f}");
    assert_eq!(f.severity, severity, "{f}");
    assert_eq!(f.path, path, "{f}");
    f.message
}

fn contains_all(message: &str, words: &[&str]) {
    for w in words {
        assert!(message.contains(w), "message {message:?} does not contain {w:?}");
    }
}

fn clean(prog: &Programme) {
    let report = validate(prog);
    assert!(report.findings.is_empty(), "expected no finding, got {:#?}", report.findings);
}

/// A programme that triggers `code` (and, for most codes, only it).
fn trigger(code: Code) -> Programme {
    let mut prog = base();
    match code {
        Code::DuplicateId => prog.sections[1].tasks[0].targets[0].id = p("x1-1"),
        Code::DuplicateTaskNumber => prog.sections[0].tasks[1].number = Some(p("1")),
        Code::UnknownUnit => prog.sections[0].tasks[1].responsibilities[0].unit = p("moe"),
        Code::UnknownSection => prog.declared_counts[0].sections = vec![p("s1"), p("s9")],
        Code::AliasClash => prog.units[2].aliases.push("省人社厅".into()),
        Code::ConfusableNames => prog.units[3].aliases.push("省教育厅\u{3000}".into()),
        Code::NoLead => prog.sections[1].tasks[0].responsibilities[0].role = minsheng::Role::Cooperating,
        Code::NoResponsibilities => {
            for s in &mut prog.sections {
                for t in &mut s.tasks {
                    t.responsibilities.clear();
                }
            }
        }
        Code::LeadAndCooperating => {
            let t = &mut prog.sections[0].tasks[0];
            *t = t.clone().cooperating(p("hrss"));
        }
        Code::DuplicateUnitListed => {
            let t = &mut prog.sections[0].tasks[0];
            *t = t.clone().cooperating(p("fin"));
        }
        Code::UnreferencedUnit => prog.units.push(ResponsibleUnit::new(p("civil"), "省民政厅", UnitKind::Department)),
        Code::EmptyText => prog.sections[0].tasks[0].targets[1].subject = "  ".into(),
        Code::MissingAmount => prog.sections[0].tasks[0].targets[0].amount = None,
        Code::PercentOver100 => {
            prog.sections[1].tasks[0].targets[0] =
                Target::new(p("x3-1"), "资金落实率", "资金落实率117.1%", Measure::percent())
                    .with_amount(Amount::exactly(dec!(117.1)));
        }
        Code::NonPositiveQuantity => prog.sections[0].tasks[1].targets[0].amount = Some(Amount::at_least(dec!(0))),
        Code::InvalidRateBase => {
            let t = &mut prog.sections[1].tasks[0];
            *t = t.clone().with_target(
                Target::new(p("x3-3"), "孕产妇死亡率", "孕产妇死亡率控制在16/10万以下", Measure::Rate { per: dec!(0) })
                    .with_amount(Amount::at_most(dec!(16))),
            );
        }
        Code::InvertedRange => prog.sections[0].tasks[1].targets[0].amount = Some(Amount::between(dec!(25), dec!(21))),
        Code::PerMemberMismatch => {
            prog.sections[0].tasks[1].targets[0].per_member =
                Some(PerMember { count: 3, members: Vec::new(), each: dec!(8) });
        }
        Code::BreakdownExceedsTotal => {
            let b = prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap();
            b.parts.push(
                Target::new(p("x3-2-2"), "市县财政补助资金", "市县2亿元", Measure::Money)
                    .with_amount(Amount::exactly(dec!(200000000))),
            );
        }
        Code::BreakdownMismatch => prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap().exhaustive = true,
        Code::BreakdownMixedDimensions => {
            let b = prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap();
            b.parts.push(
                Target::new(p("x3-2-2"), "资助困难群众", "资助困难群众1万人", Measure::quantity(Unit::Person))
                    .with_amount(Amount::exactly(dec!(10000))),
            );
        }
        Code::ConflictingFigures => {
            let t = &mut prog.sections[0].tasks[0];
            *t = t.clone().with_target(
                Target::new(p("x1-3"), "城镇新增就业", "城镇新增就业6.5万人", Measure::quantity(Unit::Person))
                    .with_amount(Amount::exactly(dec!(65000))),
            );
        }
        Code::DeadlineBeforeDocument => {
            prog.sections[0].tasks[0].deadlines[0] = Deadline::by("2月底前", d(2021, 2, 28), Precision::Month);
        }
        Code::DeadlineAfterPeriod => {
            prog.sections[0].tasks[0].deadlines[0] = Deadline::by("2022年3月底前", d(2022, 3, 31), Precision::Month);
        }
        Code::DeadlineBackwards => {
            prog.sections[0].tasks[0].deadlines[0] =
                Deadline::window("10月至6月", d(2021, 10, 1), d(2021, 6, 30), Precision::Month);
        }
        Code::PhaseBackwards => prog.phases[0] = phase("组织实施阶段", "11月至3月", d(2021, 11, 30), d(2021, 3, 1)),
        Code::PhasesOverlap => prog.phases[1].timing.start = Some(d(2021, 11, 15)),
        Code::ReportingOutOfOrder => prog.reporting[0].due.swap(0, 1),
        Code::ReportingOutsideYear => {
            prog.reporting[0].due.push(Deadline::by("次年1月10日前", d(2022, 1, 10), Precision::Day))
        }
        Code::DeclaredCountMismatch => prog.sections[0].declared_count = Some(3),
        Code::SubtaskNumberMismatch => {
            let t = &mut prog.sections[0].tasks[1];
            *t = t.clone().with_subtask(Task::new(p("t2-1"), "西宁市新建8所幼儿园。").numbered(p("(1)")));
        }
        Code::DocumentYearMismatch => prog.document.number = Some(p("青政办〔2019〕24号")),
        Code::FigureOverflow => {
            // Two parts of 5 × 10²⁸ 元: each fits a decimal, their sum does not.
            let b = prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap();
            b.parts[0].amount = Some(Amount::exactly(dec!(50000000000000000000000000000)));
            b.parts.push(
                Target::new(p("x3-2-2"), "市县财政补助资金", "市县5万亿亿亿元", Measure::Money)
                    .with_amount(Amount::exactly(dec!(50000000000000000000000000000))),
            );
        }
        other => panic!("no programme triggers {other}: add a case and a test for it"),
    }
    prog
}

// ---------------------------------------------------------------------------
// The base and the table
// ---------------------------------------------------------------------------

#[test]
fn base_is_clean() {
    clean(&base());
}

#[test]
fn every_code_has_a_triggering_programme() {
    for &code in Code::ALL {
        let report = validate(&trigger(code));
        assert!(report.has(code), "{code} not triggered: {:#?}", report.findings);
        for f in &report.findings {
            assert_eq!(f.severity, f.code.severity(), "{f}");
        }
    }
}

// ---------------------------------------------------------------------------
// One pair of tests per code, in table order
// ---------------------------------------------------------------------------

#[test]
fn duplicate_id_fires() {
    let m = expect(&trigger(Code::DuplicateId), Code::DuplicateId, Severity::Error, "/sections/1/tasks/0/targets/0/id");
    contains_all(&m, &["x1-1", "参保率稳定在95%以上"]);

    let mut prog = base();
    prog.sections[0].tasks[1].id = p("t1");
    let m = expect(&prog, Code::DuplicateId, Severity::Error, "/sections/0/tasks/1/id");
    contains_all(&m, &["t1", "2 新建21所幼儿园"]);

    let mut prog = base();
    prog.sections[1].id = p("s1");
    expect(&prog, Code::DuplicateId, Severity::Error, "/sections/1/id");

    let mut prog = base();
    prog.units[3].id = p("edu");
    prog.sections[0].tasks[0].responsibilities[1].unit = p("edu");
    prog.sections[1].tasks[0].responsibilities[0].unit = p("edu");
    prog.reporting[0].recipients = vec![p("edu")];
    let m = expect(&prog, Code::DuplicateId, Severity::Error, "/units/3/id");
    contains_all(&m, &["edu"]);
}

#[test]
fn duplicate_id_spares_ids_of_different_kinds() {
    // A target may carry the id of a task: ids are unique per kind.
    let mut prog = base();
    prog.sections[1].tasks[0].targets[0].id = p("t1");
    clean(&prog);
}

#[test]
fn duplicate_task_number_fires() {
    let m = expect(
        &trigger(Code::DuplicateTaskNumber),
        Code::DuplicateTaskNumber,
        Severity::Error,
        "/sections/0/tasks/1/number",
    );
    contains_all(&m, &["task number 1", "(一) 就业促进工程"]);
}

#[test]
fn duplicate_task_number_spares_other_sections() {
    let mut prog = base();
    prog.sections[1].tasks[0].number = Some(p("1"));
    clean(&prog);
}

#[test]
fn unknown_unit_fires() {
    let m = expect(
        &trigger(Code::UnknownUnit),
        Code::UnknownUnit,
        Severity::Error,
        "/sections/0/tasks/1/responsibilities/0/unit",
    );
    contains_all(&m, &["2 新建21所幼儿园", "moe"]);

    let mut prog = base();
    prog.reporting[0].recipients.push(p("supervision"));
    let m = expect(&prog, Code::UnknownUnit, Severity::Error, "/reporting/0/recipients/1");
    contains_all(&m, &["supervision"]);
}

#[test]
fn unknown_unit_spares_units_in_the_registry() {
    let mut prog = trigger(Code::UnknownUnit);
    prog.units.push(ResponsibleUnit::new(p("moe"), "省教育厅基础教育处", UnitKind::Department));
    clean(&prog);
}

#[test]
fn unknown_section_fires() {
    let m =
        expect(&trigger(Code::UnknownSection), Code::UnknownSection, Severity::Error, "/declared_counts/0/sections/1");
    contains_all(&m, &["3项民生实事", "s9"]);
}

#[test]
fn unknown_section_spares_existing_sections() {
    let mut prog = base();
    prog.declared_counts[0].sections = vec![p("s1"), p("s2")];
    clean(&prog);
}

#[test]
fn alias_clash_fires() {
    let m = expect(&trigger(Code::AliasClash), Code::AliasClash, Severity::Error, "/units/2/aliases/0");
    contains_all(&m, &["省人社厅", "hrss", "edu"]);

    let mut prog = base();
    prog.units[2].name = "省人社厅".into();
    prog.units[2].aliases.push("省教育厅".into());
    expect(&prog, Code::AliasClash, Severity::Error, "/units/2/name");
}

#[test]
fn alias_clash_spares_a_unit_repeating_its_own_name() {
    let mut prog = base();
    prog.units[1].aliases.push("省人力资源社会保障厅".into());
    prog.units[1].aliases.push("省人社厅".into());
    clean(&prog);
}

#[test]
fn no_lead_fires() {
    let m = expect(&trigger(Code::NoLead), Code::NoLead, Severity::Warning, "/sections/1/tasks/0/responsibilities");
    contains_all(&m, &["3 城乡居民基本医疗保险参保率", "no lead"]);
}

#[test]
fn no_lead_spares_joint_units() {
    let mut prog = base();
    prog.sections[1].tasks[0].responsibilities[0].role = minsheng::Role::Joint;
    clean(&prog);
}

#[test]
fn no_lead_spares_subtasks_under_a_lead() {
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[1];
    *t = t
        .clone()
        .with_subtask(Task::new(p("t2-1"), "西宁市新建8所幼儿园。").numbered(p("2.(1)")).cooperating(p("fin")));
    clean(&prog);

    // The same sub-task under a task that has no lead of its own is flagged.
    prog.sections[0].tasks[1].responsibilities.clear();
    expect(&prog, Code::NoLead, Severity::Warning, "/sections/0/tasks/1/subtasks/0/responsibilities");
}

#[test]
fn no_responsibilities_fires() {
    let m = expect(&trigger(Code::NoResponsibilities), Code::NoResponsibilities, Severity::Warning, "/sections");
    contains_all(&m, &["no responsible unit"]);
}

#[test]
fn no_responsibilities_spares_a_programme_with_one_responsibility() {
    let mut prog = trigger(Code::NoResponsibilities);
    prog.sections[0].tasks[0] = prog.sections[0].tasks[0].clone().led_by(p("hrss"));
    clean(&prog);

    // Nor is a programme without tasks flagged.
    let mut prog = trigger(Code::NoResponsibilities);
    for s in &mut prog.sections {
        s.tasks.clear();
        s.declared_count = None;
    }
    prog.declared_counts.clear();
    clean(&prog);
}

#[test]
fn lead_and_cooperating_fires() {
    let m = expect(
        &trigger(Code::LeadAndCooperating),
        Code::LeadAndCooperating,
        Severity::Error,
        "/sections/0/tasks/0/responsibilities/2",
    );
    contains_all(&m, &["省人力资源社会保障厅", "1 全省城镇新增就业6万人"]);
}

#[test]
fn lead_and_cooperating_spares_another_cooperating_unit() {
    let mut prog = base();
    prog.sections[0].tasks[0] = prog.sections[0].tasks[0].clone().cooperating(p("edu"));
    clean(&prog);
}

#[test]
fn duplicate_unit_listed_fires() {
    let m = expect(
        &trigger(Code::DuplicateUnitListed),
        Code::DuplicateUnitListed,
        Severity::Warning,
        "/sections/0/tasks/0/responsibilities/2",
    );
    contains_all(&m, &["省财政厅", "1 全省城镇新增就业6万人"]);

    let mut prog = base();
    prog.units[4].members.push(p("hrss"));
    let m = expect(&prog, Code::DuplicateUnitListed, Severity::Warning, "/units/4/members/2");
    contains_all(&m, &["省人力资源社会保障厅", "省民生实事工程领导小组"]);
}

#[test]
fn duplicate_unit_listed_spares_distinct_units() {
    let mut prog = base();
    prog.units[4].members.push(p("fin"));
    prog.sections[0].tasks[0] = prog.sections[0].tasks[0].clone().cooperating(p("edu"));
    clean(&prog);
}

#[test]
fn unreferenced_unit_fires() {
    let m = expect(&trigger(Code::UnreferencedUnit), Code::UnreferencedUnit, Severity::Warning, "/units/5");
    contains_all(&m, &["省民政厅", "civil"]);
}

#[test]
fn unreferenced_unit_spares_a_contact_unit() {
    let mut prog = trigger(Code::UnreferencedUnit);
    prog.reporting[0].contacts.push(Contact {
        unit: Some(p("civil")),
        name: Some("张三".into()),
        phone: None,
        email: None,
    });
    clean(&prog);
}

/// Two registry entries with one id are one unit to every reference: a
/// task that names the id refers to both, and neither is unreferenced.
#[test]
fn unreferenced_unit_counts_entries_that_share_an_id_together() {
    let mut prog = trigger(Code::UnreferencedUnit);
    let twin = prog.units[5].clone();
    prog.units.insert(0, twin);
    prog.sections[0].tasks[0] = prog.sections[0].tasks[0].clone().cooperating(p("civil"));
    let report = minsheng::validate(&prog);
    assert!(!report.findings.iter().any(|f| f.code == Code::UnreferencedUnit), "{:?}", report.findings);
    assert!(report.findings.iter().any(|f| f.code == Code::DuplicateId), "{:?}", report.findings);
}

#[test]
fn empty_text_fires() {
    let m =
        expect(&trigger(Code::EmptyText), Code::EmptyText, Severity::Error, "/sections/0/tasks/0/targets/1/subject");
    contains_all(&m, &["开展职业技能培训10万人次", "1 全省城镇新增就业6万人"]);

    let mut prog = base();
    prog.sections[0].tasks[1].description = "\u{3000}".into();
    let m = expect(&prog, Code::EmptyText, Severity::Error, "/sections/0/tasks/1/description");
    contains_all(&m, &["task 2"]);

    let mut prog = base();
    prog.phases[1].name = String::new();
    expect(&prog, Code::EmptyText, Severity::Error, "/phases/1/name");
}

#[test]
fn empty_text_spares_padded_text() {
    let mut prog = base();
    prog.sections[0].tasks[0].targets[1].subject = " 职业技能培训 ".into();
    clean(&prog);
}

#[test]
fn missing_amount_fires() {
    let m =
        expect(&trigger(Code::MissingAmount), Code::MissingAmount, Severity::Error, "/sections/0/tasks/0/targets/0");
    contains_all(&m, &["城镇新增就业6万人", "1 全省城镇新增就业6万人", "quantity"]);
}

#[test]
fn missing_amount_spares_deferred_and_turn_positive_targets() {
    let mut prog = trigger(Code::MissingAmount);
    prog.sections[0].tasks[0].targets[0].measure = Measure::Deferred { source: "省人社厅目标任务".into() };
    clean(&prog);

    let mut prog = trigger(Code::MissingAmount);
    prog.sections[0].tasks[0].targets[0].measure =
        Measure::Change { direction: ChangeDirection::TurnPositive, scale: None };
    clean(&prog);
}

#[test]
fn percent_over_100_fires() {
    let m = expect(
        &trigger(Code::PercentOver100),
        Code::PercentOver100,
        Severity::Error,
        "/sections/1/tasks/0/targets/0/amount",
    );
    contains_all(&m, &["资金落实率117.1%", "资金落实率", "3 城乡居民基本医疗保险参保率"]);
}

#[test]
fn percent_over_100_spares_ratios_that_are_not_shares() {
    let mut prog = trigger(Code::PercentOver100);
    prog.sections[1].tasks[0].targets[0].measure = Measure::Percent { share: false };
    clean(&prog);

    // Exactly 100% is a full share.
    let mut prog = trigger(Code::PercentOver100);
    prog.sections[1].tasks[0].targets[0].amount = Some(Amount::exactly(dec!(100)));
    clean(&prog);
}

#[test]
fn non_positive_quantity_fires() {
    let m = expect(
        &trigger(Code::NonPositiveQuantity),
        Code::NonPositiveQuantity,
        Severity::Error,
        "/sections/0/tasks/1/targets/0/amount",
    );
    contains_all(&m, &["新建21所幼儿园", "2 新建21所幼儿园"]);

    let mut prog = base();
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::exactly(dec!(-21)));
    expect(&prog, Code::NonPositiveQuantity, Severity::Error, "/sections/0/tasks/1/targets/0/amount");
}

#[test]
fn non_positive_quantity_spares_zero_at_most() {
    let mut prog = trigger(Code::NonPositiveQuantity);
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::at_most(dec!(0)));
    clean(&prog);
}

#[test]
fn invalid_rate_base_fires() {
    let m = expect(
        &trigger(Code::InvalidRateBase),
        Code::InvalidRateBase,
        Severity::Error,
        "/sections/1/tasks/0/targets/2/measure/per",
    );
    contains_all(&m, &["孕产妇死亡率控制在16/10万以下", "3 城乡居民基本医疗保险参保率"]);
}

#[test]
fn invalid_rate_base_spares_a_positive_base() {
    let mut prog = trigger(Code::InvalidRateBase);
    prog.sections[1].tasks[0].targets[2].measure = Measure::Rate { per: dec!(100000) };
    clean(&prog);
}

#[test]
fn inverted_range_fires() {
    let m = expect(
        &trigger(Code::InvertedRange),
        Code::InvertedRange,
        Severity::Error,
        "/sections/0/tasks/1/targets/0/amount",
    );
    contains_all(&m, &["新建21所幼儿园", "2 新建21所幼儿园", "25", "21"]);
}

#[test]
fn inverted_range_spares_an_upright_range() {
    let mut prog = trigger(Code::InvertedRange);
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::between(dec!(21), dec!(25)));
    clean(&prog);
}

#[test]
fn per_member_mismatch_fires() {
    let m = expect(
        &trigger(Code::PerMemberMismatch),
        Code::PerMemberMismatch,
        Severity::Error,
        "/sections/0/tasks/1/targets/0/per_member",
    );
    contains_all(&m, &["新建21所幼儿园", "2 新建21所幼儿园", "3 members × 8"]);

    let mut prog = base();
    prog.sections[0].tasks[1].targets[0].per_member =
        Some(PerMember { count: 3, members: vec!["西宁市".into(), "海东市".into()], each: dec!(7) });
    let m = expect(&prog, Code::PerMemberMismatch, Severity::Error, "/sections/0/tasks/1/targets/0/per_member/members");
    contains_all(&m, &["新建21所幼儿园", "2 members"]);
}

#[test]
fn per_member_mismatch_spares_figures_that_multiply_out() {
    let mut prog = base();
    prog.sections[0].tasks[1].targets[0].per_member =
        Some(PerMember {
            count: 3, members: vec!["西宁市".into(), "海东市".into(), "海西州".into()], each: dec!(7)
        });
    clean(&prog);
}

#[test]
fn breakdown_exceeds_total_fires() {
    let m = expect(
        &trigger(Code::BreakdownExceedsTotal),
        Code::BreakdownExceedsTotal,
        Severity::Error,
        "/sections/1/tasks/0/targets/1/breakdown",
    );
    contains_all(&m, &["落实财政补助资金2.9亿元，其中省级1.5亿元", "3 城乡居民基本医疗保险参保率", "350000000"]);
}

#[test]
fn breakdown_exceeds_total_spares_parts_below_or_at_the_total() {
    // The base: a non-exhaustive breakdown whose one part is below the total.
    let prog = base();
    assert!(!prog.sections[1].tasks[0].targets[1].breakdown.as_ref().unwrap().exhaustive);
    clean(&prog);

    // Parts that add up to the total exactly, one of them in 万元.
    let mut prog = base();
    prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap().parts.push(
        Target::new(p("x3-2-2"), "市县财政补助资金", "市县14000万元", Measure::quantity(Unit::TenThousandYuan))
            .with_amount(Amount::exactly(dec!(14000))),
    );
    clean(&prog);
}

#[test]
fn breakdown_mismatch_fires() {
    let m = expect(
        &trigger(Code::BreakdownMismatch),
        Code::BreakdownMismatch,
        Severity::Error,
        "/sections/1/tasks/0/targets/1/breakdown",
    );
    contains_all(&m, &["落实财政补助资金2.9亿元，其中省级1.5亿元", "3 城乡居民基本医疗保险参保率", "150000000"]);
}

#[test]
fn breakdown_mismatch_spares_an_exhaustive_breakdown_that_adds_up() {
    let mut prog = trigger(Code::BreakdownMismatch);
    prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap().parts.push(
        Target::new(p("x3-2-2"), "市县财政补助资金", "市县1.4亿元", Measure::Money)
            .with_amount(Amount::exactly(dec!(140000000))),
    );
    clean(&prog);
}

#[test]
fn breakdown_mixed_dimensions_fires() {
    let m = expect(
        &trigger(Code::BreakdownMixedDimensions),
        Code::BreakdownMixedDimensions,
        Severity::Error,
        "/sections/1/tasks/0/targets/1/breakdown/parts/1",
    );
    contains_all(
        &m,
        &["落实财政补助资金2.9亿元，其中省级1.5亿元", "资助困难群众1万人", "3 城乡居民基本医疗保险参保率"],
    );

    // A percent total cannot be broken down at all.
    let mut prog = base();
    let t = &mut prog.sections[1].tasks[0].targets[0];
    *t = t.clone().with_breakdown(
        false,
        vec![
            Target::new(p("x3-1-1"), "城镇居民参保率", "其中城镇居民96%", Measure::percent())
                .with_amount(Amount::at_least(dec!(96))),
        ],
    );
    let m = expect(&prog, Code::BreakdownMixedDimensions, Severity::Error, "/sections/1/tasks/0/targets/0/breakdown");
    contains_all(&m, &["参保率稳定在95%以上", "percent"]);
}

#[test]
fn breakdown_mixed_dimensions_spares_compatible_units() {
    let mut prog = trigger(Code::BreakdownMixedDimensions);
    let part = &mut prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap().parts[1];
    part.measure = Measure::quantity(Unit::TenThousandYuan);
    part.amount = Some(Amount::exactly(dec!(10000)));
    clean(&prog);
}

#[test]
fn conflicting_figures_fires() {
    let m = expect(
        &trigger(Code::ConflictingFigures),
        Code::ConflictingFigures,
        Severity::Warning,
        "/sections/0/tasks/0/targets/2",
    );
    contains_all(&m, &["1 全省城镇新增就业6万人", "城镇新增就业", "城镇新增就业6万人", "城镇新增就业6.5万人"]);
}

#[test]
fn conflicting_figures_spares_other_scopes_dimensions_and_repeats() {
    let mut prog = trigger(Code::ConflictingFigures);
    prog.sections[0].tasks[0].targets[2].scope = Some("西宁市".into());
    clean(&prog);

    let mut prog = trigger(Code::ConflictingFigures);
    prog.sections[0].tasks[0].targets[2].measure = Measure::quantity(Unit::Household);
    clean(&prog);

    let mut prog = trigger(Code::ConflictingFigures);
    prog.sections[0].tasks[0].targets[2].amount = Some(Amount::exactly(dec!(60000)));
    clean(&prog);

    // The same subject in two tasks is not a conflict.
    let mut prog = base();
    prog.sections[0].tasks[1] = prog.sections[0].tasks[1].clone().with_target(
        Target::new(p("x2-2"), "城镇新增就业", "带动就业500人", Measure::quantity(Unit::Person))
            .with_amount(Amount::exactly(dec!(500))),
    );
    clean(&prog);
}

#[test]
fn conflicting_figures_spares_the_same_figure_in_another_unit() {
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[1];
    *t = t
        .clone()
        .with_target(
            Target::new(p("x2-2"), "改造城市道路", "改造城市道路5公里", Measure::quantity(Unit::Kilometre))
                .with_amount(Amount::exactly(dec!(5))),
        )
        .with_target(
            Target::new(p("x2-3"), "改造城市道路", "即5000米", Measure::quantity(Unit::Metre))
                .with_amount(Amount::exactly(dec!(5000))),
        );
    clean(&prog);
}

#[test]
fn deadline_before_document_fires() {
    let m = expect(
        &trigger(Code::DeadlineBeforeDocument),
        Code::DeadlineBeforeDocument,
        Severity::Warning,
        "/sections/0/tasks/0/deadlines/0",
    );
    contains_all(&m, &["1 全省城镇新增就业6万人", "2月底前", "2021-03-01"]);

    // Report dates are checked too.
    let mut prog = base();
    prog.reporting[0].due[0] = Deadline::by("2月20日前", d(2021, 2, 20), Precision::Day);
    let m = expect(&prog, Code::DeadlineBeforeDocument, Severity::Warning, "/reporting/0/due/0");
    contains_all(&m, &["2月20日前"]);

    // And target deadlines.
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[1].targets[0];
    *t = t.clone().with_deadline(Deadline::by("1月底前", d(2021, 1, 31), Precision::Month));
    let m = expect(&prog, Code::DeadlineBeforeDocument, Severity::Warning, "/sections/0/tasks/1/targets/0/deadline");
    contains_all(&m, &["新建21所幼儿园", "1月底前"]);
}

#[test]
fn deadline_before_document_spares_the_day_it_was_written() {
    let mut prog = trigger(Code::DeadlineBeforeDocument);
    prog.sections[0].tasks[0].deadlines[0] = Deadline::by("3月1日前", d(2021, 3, 1), Precision::Day);
    clean(&prog);

    // Without a written date there is nothing to compare with.
    let mut prog = trigger(Code::DeadlineBeforeDocument);
    prog.document.written = None;
    clean(&prog);
}

#[test]
fn deadline_after_period_fires() {
    let m = expect(
        &trigger(Code::DeadlineAfterPeriod),
        Code::DeadlineAfterPeriod,
        Severity::Warning,
        "/sections/0/tasks/0/deadlines/0",
    );
    contains_all(&m, &["1 全省城镇新增就业6万人", "2022年3月底前", "2021-12-31"]);
}

#[test]
fn deadline_after_period_spares_a_longer_period() {
    let mut prog = trigger(Code::DeadlineAfterPeriod);
    prog.period =
        Some(Period { start: d(2021, 1, 1), end: d(2022, 6, 30), text: Some("2021年至2022年上半年".into()) });
    clean(&prog);
}

#[test]
fn deadline_backwards_fires() {
    let m = expect(
        &trigger(Code::DeadlineBackwards),
        Code::DeadlineBackwards,
        Severity::Error,
        "/sections/0/tasks/0/deadlines/0",
    );
    contains_all(&m, &["1 全省城镇新增就业6万人", "10月至6月"]);
}

#[test]
fn deadline_backwards_spares_a_forward_window() {
    let mut prog = trigger(Code::DeadlineBackwards);
    prog.sections[0].tasks[0].deadlines[0] =
        Deadline::window("6月至10月", d(2021, 6, 1), d(2021, 10, 31), Precision::Month);
    clean(&prog);
}

#[test]
fn phase_backwards_fires() {
    let m = expect(&trigger(Code::PhaseBackwards), Code::PhaseBackwards, Severity::Error, "/phases/0/timing");
    contains_all(&m, &["组织实施阶段", "2021-11-30", "2021-03-01"]);
}

#[test]
fn phase_backwards_spares_a_one_day_phase() {
    let mut prog = base();
    prog.phases[0] = phase("动员部署阶段", "3月1日", d(2021, 3, 1), d(2021, 3, 1));
    prog.phases[1] = phase("组织实施阶段", "3月2日至12月", d(2021, 3, 2), d(2021, 12, 31));
    clean(&prog);
}

#[test]
fn phases_overlap_fires() {
    let m = expect(&trigger(Code::PhasesOverlap), Code::PhasesOverlap, Severity::Warning, "/phases/1/timing");
    contains_all(&m, &["检查考核阶段", "组织实施阶段", "2021-11-30"]);

    // Sharing one day is an overlap.
    let mut prog = base();
    prog.phases[1].timing.start = Some(d(2021, 11, 30));
    expect(&prog, Code::PhasesOverlap, Severity::Warning, "/phases/1/timing");
}

#[test]
fn phases_overlap_spares_adjacent_phases() {
    // The base: 3-01..11-30 then 12-01..12-31.
    clean(&base());

    // Listed out of order but not overlapping.
    let mut prog = base();
    prog.phases.swap(0, 1);
    clean(&prog);
}

#[test]
fn reporting_out_of_order_fires() {
    let m =
        expect(&trigger(Code::ReportingOutOfOrder), Code::ReportingOutOfOrder, Severity::Warning, "/reporting/0/due/1");
    contains_all(&m, &["6月30日前", "2021-06-30"]);
}

#[test]
fn reporting_out_of_order_spares_ascending_dates() {
    let mut prog = base();
    prog.reporting[0].due.insert(1, Deadline::by("9月30日前", d(2021, 9, 30), Precision::Day));
    clean(&prog);
}

#[test]
fn reporting_outside_year_fires() {
    let m = expect(
        &trigger(Code::ReportingOutsideYear),
        Code::ReportingOutsideYear,
        Severity::Warning,
        "/reporting/0/due/2",
    );
    contains_all(&m, &["次年1月10日前", "2022-01-10", "2021"]);
}

#[test]
fn reporting_outside_year_spares_the_last_day_of_the_year() {
    let mut prog = base();
    prog.reporting[0].due.push(Deadline::by("12月31日前", d(2021, 12, 31), Precision::Day));
    clean(&prog);
}

#[test]
fn declared_count_mismatch_fires() {
    let m = expect(
        &trigger(Code::DeclaredCountMismatch),
        Code::DeclaredCountMismatch,
        Severity::Error,
        "/sections/0/declared_count",
    );
    contains_all(&m, &["(一) 就业促进工程", "3", "2"]);

    let mut prog = base();
    prog.declared_counts[0].count = 4;
    let m = expect(&prog, Code::DeclaredCountMismatch, Severity::Error, "/declared_counts/0/count");
    contains_all(&m, &["3项民生实事", "4", "3"]);

    // A count restricted to one section counts only that section's tasks.
    let mut prog = base();
    prog.declared_counts[0].sections = vec![p("s2")];
    expect(&prog, Code::DeclaredCountMismatch, Severity::Error, "/declared_counts/0/count");
}

#[test]
fn declared_count_mismatch_spares_subtasks_and_restricted_counts() {
    // Sub-tasks are not items of the heading's count.
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[1];
    *t = t.clone().with_subtask(Task::new(p("t2-1"), "西宁市新建8所幼儿园。").numbered(p("2.(1)")));
    clean(&prog);

    let mut prog = base();
    prog.declared_counts[0] = DeclaredCount { text: "新增2项".into(), count: 2, sections: vec![p("s1")] };
    clean(&prog);
}

#[test]
fn subtask_number_mismatch_fires() {
    let m = expect(
        &trigger(Code::SubtaskNumberMismatch),
        Code::SubtaskNumberMismatch,
        Severity::Warning,
        "/sections/0/tasks/1/subtasks/0/number",
    );
    contains_all(&m, &["sub-task (1)", "task 2"]);
}

#[test]
fn subtask_number_mismatch_spares_a_continued_number() {
    let mut prog = trigger(Code::SubtaskNumberMismatch);
    prog.sections[0].tasks[1].subtasks[0].number = Some(p("2.(1)"));
    clean(&prog);
}

#[test]
fn document_year_mismatch_fires() {
    let m =
        expect(&trigger(Code::DocumentYearMismatch), Code::DocumentYearMismatch, Severity::Warning, "/document/number");
    contains_all(&m, &["青政办〔2019〕24号", "2019", "2021"]);
}

#[test]
fn document_year_mismatch_spares_a_number_one_year_off() {
    let mut prog = base();
    prog.document.number = Some(p("青政办〔2020〕91号"));
    clean(&prog);
}

// ---------------------------------------------------------------------------
// All at once, in order
// ---------------------------------------------------------------------------

#[test]
fn every_defect_is_reported_at_once() {
    let mut prog = base();
    prog.document.number = Some(p("青政办〔2018〕24号"));
    prog.units.push(ResponsibleUnit::new(p("civil"), "省民政厅", UnitKind::Department));
    prog.sections[0].tasks[0].targets[0].amount = None;
    prog.sections[0].tasks[0].deadlines[0] =
        Deadline::window("10月至6月", d(2021, 10, 1), d(2021, 6, 30), Precision::Month);
    prog.sections[0].tasks[1].responsibilities[0].unit = p("moe");
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::between(dec!(25), dec!(21)));
    prog.sections[1].tasks[0].targets[0].amount = Some(Amount::at_least(dec!(101)));
    prog.sections[1].tasks[0].targets[1].breakdown.as_mut().unwrap().exhaustive = true;
    prog.phases[1].timing.start = Some(d(2021, 11, 15));
    prog.reporting[0].due.swap(0, 1);
    prog.declared_counts[0].count = 5;

    let report = validate(&prog);
    let expected = [
        Code::DocumentYearMismatch,
        Code::UnreferencedUnit,
        Code::MissingAmount,
        Code::DeadlineBackwards,
        Code::UnknownUnit,
        Code::InvertedRange,
        Code::PercentOver100,
        Code::BreakdownMismatch,
        Code::PhasesOverlap,
        Code::ReportingOutOfOrder,
        Code::DeclaredCountMismatch,
    ];
    for code in expected {
        assert!(report.has(code), "{code} missing from {:#?}", report.findings);
    }
    assert_eq!(report.findings.len(), expected.len(), "{:#?}", report.findings);
    assert!(!report.is_valid());
    assert_eq!(report.errors().count() + report.warnings().count(), report.findings.len());
}

#[test]
fn findings_come_in_document_order() {
    let mut prog = base();
    // Defects planted from the back of the notice to the front.
    prog.sections[1].tasks[0].targets[1].subject = String::new();
    prog.sections[1].tasks[0].targets[0].amount = Some(Amount::exactly(dec!(101)));
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::exactly(dec!(-1)));
    prog.sections[0].tasks[1].description = " ".into();
    prog.sections[0].tasks[0].targets[1].amount = None;
    prog.sections[0].tasks[0].targets[0].phrase = String::new();
    prog.title = String::new();

    let paths: Vec<String> = validate(&prog).findings.into_iter().map(|f| f.path).collect();
    assert_eq!(
        paths,
        [
            "/title",
            "/sections/0/tasks/0/targets/0/phrase",
            "/sections/0/tasks/0/targets/1",
            "/sections/0/tasks/1/description",
            "/sections/0/tasks/1/targets/0/amount",
            "/sections/1/tasks/0/targets/0/amount",
            "/sections/1/tasks/0/targets/1/subject",
        ]
    );
}

#[test]
fn sub_tasks_follow_their_parent_and_precede_the_next_task() {
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[0];
    *t = t.clone().with_subtask(Task::new(p("t1-1"), "").numbered(p("1.(1)")));
    prog.sections[0].tasks[0].targets[0].amount = None;
    prog.sections[0].tasks[1].description = String::new();

    let paths: Vec<String> = validate(&prog).findings.into_iter().map(|f| f.path).collect();
    assert_eq!(
        paths,
        [
            "/sections/0/tasks/0/targets/0",
            "/sections/0/tasks/0/subtasks/0/description",
            "/sections/0/tasks/1/description"
        ]
    );
}

#[test]
fn phase_findings_come_in_document_order() {
    let mut prog = base();
    prog.phases = vec![
        phase("检查考核阶段", "6月至12月", d(2021, 6, 1), d(2021, 12, 31)),
        phase("全年实施", "1月至12月", d(2021, 1, 1), d(2021, 12, 31)),
        phase("动员部署阶段", "2月至3月", d(2021, 2, 1), d(2021, 3, 31)),
    ];
    let paths: Vec<String> = validate(&prog).findings.into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["/phases/0/timing", "/phases/2/timing"]);
}

#[test]
fn phase_backwards_and_overlap_findings_interleave_in_document_order() {
    let mut prog = base();
    prog.phases = vec![
        phase("动员部署阶段", "1月至6月", d(2021, 1, 1), d(2021, 6, 30)),
        phase("组织实施阶段", "3月至9月", d(2021, 3, 1), d(2021, 9, 30)),
        phase("检查考核阶段", "12月至10月", d(2021, 12, 31), d(2021, 10, 1)),
    ];
    let found: Vec<(Code, String)> = validate(&prog).findings.into_iter().map(|f| (f.code, f.path)).collect();
    assert_eq!(
        found,
        [(Code::PhasesOverlap, "/phases/1/timing".to_string()), (Code::PhaseBackwards, "/phases/2/timing".to_string())]
    );
}

#[test]
fn unit_findings_precede_section_findings() {
    let mut prog = trigger(Code::UnreferencedUnit);
    prog.sections[0].tasks[0].targets[0].amount = None;
    let paths: Vec<String> = validate(&prog).findings.into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["/units/5", "/sections/0/tasks/0/targets/0"]);
}

#[test]
fn empty_text_covers_document_titles() {
    let mut prog = base();
    prog.document.title = Some(" ".into());
    let report = validate(&prog);
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    assert_eq!(report.findings[0].code, Code::EmptyText);
    assert_eq!(report.findings[0].path, "/document/title");
    prog.document.title = Some("关于2021年民生实事工程任务分工的通知".into());
    assert!(validate(&prog).findings.is_empty());
}

#[test]
fn confusable_names_fires() {
    // A trailing ideographic space makes 省人社厅　 look like 省人社厅 on screen.
    let mut prog = base();
    prog.units[3].aliases.push("省人社厅\u{3000}".into());
    let m = expect(&prog, Code::ConfusableNames, Severity::Warning, "/units/3/aliases/0");
    contains_all(&m, &["省人社厅", "fin", "hrss"]);

    // Full-width letters and digits: ＧＸ１２３ and GX123.
    let mut prog = base();
    prog.units[2].aliases.push("国网ＧＸ１２３供电公司".into());
    prog.units[3].aliases.push("国网GX123供电公司".into());
    let m = expect(&prog, Code::ConfusableNames, Severity::Warning, "/units/3/aliases/0");
    contains_all(&m, &["国网GX123供电公司", "国网ＧＸ１２３供电公司", "edu"]);
}

#[test]
fn confusable_names_spares_distinct_names_and_a_unit_repeating_itself() {
    let mut prog = base();
    // One unit may write its own name both ways.
    prog.units[2].aliases.push("省教育厅\u{3000}".into());
    // Different letters stay different.
    prog.units[2].aliases.push("国网GX123供电公司".into());
    prog.units[3].aliases.push("国网GX124供电公司".into());
    clean(&prog);
}

#[test]
fn figure_overflow_fires() {
    // Breakdown parts past the largest decimal: an error, like 60 + 60 against 100.
    let m = expect(
        &trigger(Code::FigureOverflow),
        Code::FigureOverflow,
        Severity::Error,
        "/sections/1/tasks/0/targets/1/breakdown",
    );
    contains_all(&m, &["3 城乡居民基本医疗保险参保率", "79228162514264337593543950335", "290000000"]);

    // Two targets of 7.9 × 10²⁸ 人 under one subject: the second cannot be added.
    let mut prog = base();
    let big = dec!(79000000000000000000000000000);
    for t in &mut prog.sections[0].tasks[0].targets {
        t.amount = Some(Amount::exactly(big));
        t.measure = Measure::quantity(Unit::Person);
        t.subject = "城镇新增就业".into();
    }
    // Two figures for one subject in one task is its own warning; put the second in another task.
    let second = prog.sections[0].tasks[0].targets.pop().unwrap();
    prog.sections[0].tasks[1].targets.push(second);
    let report = validate(&prog);
    let f: Vec<&Finding> = report.findings.iter().filter(|f| f.code == Code::FigureOverflow).collect();
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(f[0].path, "/sections/0/tasks/1/targets/1");
    contains_all(&f[0].message, &["城镇新增就业", "79000000000000000000000000000 人", "leave it out"]);

    // A figure in 亿元 beyond a decimal once in 元.
    let mut prog = base();
    let t = &mut prog.sections[1].tasks[0].targets[1];
    t.measure = Measure::quantity(Unit::HundredMillionYuan);
    t.amount = Some(Amount::exactly(big));
    t.breakdown = None;
    let m = expect(&prog, Code::FigureOverflow, Severity::Error, "/sections/1/tasks/0/targets/1");
    contains_all(&m, &["亿元", "元"]);

    // Count × figure per member past a decimal.
    let mut prog = base();
    let t = &mut prog.sections[0].tasks[1].targets[0];
    t.per_member = Some(PerMember { count: 3, members: Vec::new(), each: big });
    let m = expect(&prog, Code::FigureOverflow, Severity::Error, "/sections/0/tasks/1/targets/0/per_member");
    contains_all(&m, &["3 members", "79000000000000000000000000000"]);
}

#[test]
fn figure_overflow_spares_large_figures_that_still_add() {
    let mut prog = base();
    // Two targets of 3.9 × 10²⁸ add up to 7.8 × 10²⁸, which a decimal holds.
    prog.sections[0].tasks[0].targets[0].amount = Some(Amount::exactly(dec!(39000000000000000000000000000)));
    prog.sections[0].tasks[1].targets[0].measure = Measure::quantity(Unit::Person);
    prog.sections[0].tasks[1].targets[0].subject = "城镇新增就业".into();
    prog.sections[0].tasks[1].targets[0].amount = Some(Amount::exactly(dec!(39000000000000000000000000000)));
    clean(&prog);
    let totals = minsheng::aggregate::totals(&prog);
    assert!(totals.overflows.is_empty());
    let row = totals.by_subject.iter().find(|r| r.subject == "城镇新增就业").unwrap();
    assert_eq!(row.value, dec!(78000000000000000000000000000));
    assert_eq!((row.targets, row.overflowed), (2, 0));
}
