//! Facts from the Haidong notice 东政办〔2024〕26号
//! (shared/seeds/001_b4e65384de7791a1.txt, lines 1–114).

use chrono::NaiveDate;
use minsheng::{Amount, Collective, Comparator, Measure, Precision, Programme, Role, UnitId};
use rust_decimal_macros::dec;

use super::common::{load, phrases_are_verbatim, target, task, units};

fn haidong() -> Programme {
    load("haidong-2024")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn named<'p>(p: &'p Programme, id: &UnitId) -> &'p minsheng::ResponsibleUnit {
    p.unit(id).unwrap_or_else(|| panic!("unit {id} is not in the registry"))
}

// Lines 25–91: nine headings (一)…(九) hold tasks 1.–23.
#[test]
fn nine_sections_and_twenty_three_tasks() {
    let p = haidong();
    assert_eq!(p.sections.len(), 9);
    assert_eq!(p.task_count(), 23);
    let per_section: Vec<usize> = p.sections.iter().map(|s| s.tasks.len()).collect();
    assert_eq!(per_section, [3, 3, 2, 3, 4, 1, 2, 3, 2]);
    // Line 25: (一) 教育均衡工程; line 87: (九)交通畅保工程.
    assert_eq!(p.sections[0].label(), "(一) 教育均衡工程");
    assert_eq!(p.sections[8].label(), "(九) 交通畅保工程");
}

// Lines 3–14, 112–114: the notice itself, its number, dates and jurisdiction.
#[test]
fn document_and_jurisdiction() {
    let p = haidong();
    // Line 5: 东政办〔2024〕26号.
    assert_eq!(p.document.number.as_ref().unwrap().to_string(), "东政办〔2024〕26号");
    // Line 13: written 2024年3月20日; line 114: 2024 年 3 月 21 日印发.
    assert_eq!(p.document.written, Some(date(2024, 3, 20)));
    assert_eq!(p.document.published, Some(date(2024, 3, 21)));
    // Line 3 / 112: issued by 海东市人民政府办公室.
    assert_eq!(named(&p, &p.document.issuers[0]).name, "海东市人民政府办公室");
    assert_eq!(p.jurisdiction.name, "海东市");
    assert_eq!(p.jurisdiction.division_code.as_ref().unwrap().as_str(), "630200");
    assert_eq!(p.jurisdiction.within.as_deref(), Some("青海省"));
    // Line 9: 主送; line 110: 抄送.
    assert_eq!(p.addressees.as_deref(), Some("各县区人民政府，海东工业园区管委会，市政府各部门"));
    assert_eq!(p.copied_to.as_deref(), Some("市总工会、市残联、市邮政管理局"));
}

// Line 17: 中共青海省委办公厅 青海省人民政府办公厅《关于 2024 年民生实事工程任务分工的通知》(青办字〔2024〕35 号).
#[test]
fn parent_is_the_provincial_notice() {
    let p = haidong();
    let parent = p.parent.as_ref().expect("parent document");
    assert_eq!(parent.number.as_ref().unwrap().to_string(), "青办字〔2024〕35号");
    assert_eq!(parent.title.as_deref(), Some("关于2024年民生实事工程任务分工的通知"));
    let issuers: Vec<&str> = parent.issuers.iter().map(|id| named(&p, id).name.as_str()).collect();
    assert_eq!(issuers, ["中共青海省委办公厅", "青海省人民政府办公厅"]);
}

// Line 101: 各县区各部门分别于 2024 年 3 月 25 日、7 月 5 日、10 月 5 日、12 月 5 日前 … 以书面形式分别报市政府督查室和市财政局.
#[test]
fn four_progress_report_dates() {
    let p = haidong();
    let duty = p.reporting.iter().find(|r| r.channel.as_deref() == Some("书面形式")).expect("written progress report");
    let dates: Vec<NaiveDate> = duty.due.iter().map(|d| d.date).collect();
    assert_eq!(dates, [date(2024, 3, 25), date(2024, 7, 5), date(2024, 10, 5), date(2024, 12, 5)]);
    assert!(duty.due.iter().all(|d| d.precision == Precision::Day));
    assert_eq!(duty.content.as_deref(), Some("本部门或本县区工作进展情况、创新做法、取得的成效及存在的困难问题"));
    let recipients: Vec<&str> = duty.recipients.iter().map(|id| named(&p, id).name.as_str()).collect();
    assert_eq!(recipients, ["市政府办督查室", "市财政局"]);
    // 市政府督查室 (line 101) and 市政府办督查室 (lines 97, 103) are one body.
    assert!(named(&p, &duty.recipients[0]).is_named("市政府督查室"));
    // Lines 103–106: contacts and the e-mail address for reports.
    assert!(
        duty.contacts.iter().any(|c| c.name.as_deref() == Some("张浩") && c.phone.as_deref() == Some("0972—8610996"))
    );
    assert!(
        duty.contacts.iter().any(|c| c.name.as_deref() == Some("贺欣怡") && c.phone.as_deref() == Some("0972—8612667"))
    );
    assert!(duty.contacts.iter().any(|c| c.email.as_deref() == Some("360942046@qq.com")));
}

// Line 97: 各牵头单位 … 确定民生实事工程联系人一名，于 3 月 22 日前将名单报送至市政府办督查室和市财政局.
#[test]
fn contact_person_due_by_22_march() {
    let p = haidong();
    let duty = p.reporting.iter().find(|r| r.text.contains("联系人一名")).expect("contact-person duty");
    assert_eq!(duty.due.len(), 1);
    assert_eq!(duty.due[0].text, "3 月 22 日前");
    assert_eq!(duty.due[0].date, date(2024, 3, 22));
    assert_eq!(duty.due[0].precision, Precision::Day);
    let reporter = named(&p, &duty.reporters[0]);
    assert_eq!(reporter.collective, Some(Collective::RoleHolders { role: Role::Lead }));
    let recipients: Vec<&str> = duty.recipients.iter().map(|id| named(&p, id).name.as_str()).collect();
    assert_eq!(recipients, ["市政府办督查室", "市财政局"]);
}

// Line 39: 实施农牧民居住条件改善工程 0.5 万户.
#[test]
fn task_5_five_thousand_households() {
    let p = haidong();
    let t = target(task(&p, 1, "5"), "农牧民居住条件改善");
    assert_eq!(t.amount, Some(Amount::exactly(dec!(5000))));
    assert_eq!(t.unit().map(|u| u.to_string()).as_deref(), Some("户"));
}

// Line 47: 市、县级医疗机构床位使用率分别达到 65% 和 55%.
#[test]
fn task_8_two_bed_occupancy_rates() {
    let p = haidong();
    let t = task(&p, 2, "8");
    assert_eq!(t.targets.len(), 2);
    let city = target(t, "市级医疗机构床位使用率");
    let county = target(t, "县级医疗机构床位使用率");
    assert_eq!(city.amount, Some(Amount::at_least(dec!(65))));
    assert_eq!(county.amount, Some(Amount::at_least(dec!(55))));
    assert_eq!(city.measure, Measure::percent());
    assert_eq!(city.phrase, county.phrase);
}

// Line 63: （市自然资源规划局、农业农村局牵头，各县区人民政府配合）.
#[test]
fn task_13_has_two_leads_one_written_without_its_prefix() {
    let p = haidong();
    let t = task(&p, 4, "13");
    assert_eq!(units(&p, t, Role::Lead), ["市自然资源规划局", "市农业农村局"]);
    let agri = named(&p, t.leads().nth(1).unwrap());
    assert!(agri.is_named("农业农村局"));
    assert_eq!(units(&p, t, Role::Cooperating), ["各县区人民政府"]);
    // 新建和改造提升高标准农田4万亩以上.
    assert_eq!(target(t, "高标准农田").amount, Some(Amount::at_least(dec!(40000))));
}

// Lines 59–61: the clause of task 12 is broken inside 市住房城乡建设局.
#[test]
fn task_12_lead_is_the_housing_bureau() {
    let p = haidong();
    let t = task(&p, 4, "12");
    assert_eq!(
        t.responsibility_text.as_deref(),
        Some("（市住房城乡建设\n\n局牵头，市农业农村局、各县区人民政府配合）")
    );
    let leads: Vec<_> = t.leads().collect();
    assert_eq!(leads.len(), 1);
    assert!(named(&p, leads[0]).is_named("市住房城乡建设局"));
    // Line 37: the same body is written 市住建局.
    assert!(named(&p, leads[0]).is_named("市住建局"));
    assert_eq!(target(t, "和美乡村").amount, Some(Amount::exactly(dec!(129))));
}

// Lines 27, 31, 33: 按省教育厅目标任务 …; the figures live in the provincial plan.
#[test]
fn tasks_1_to_3_defer_their_figures_to_the_province() {
    let p = haidong();
    for n in ["1", "2", "3"] {
        let t = task(&p, 0, n);
        assert_eq!(t.targets.len(), 1, "task {n}");
        assert_eq!(t.targets[0].measure, Measure::Deferred { source: "省教育厅目标任务".into() }, "task {n}");
        assert!(t.targets[0].amount.is_none(), "task {n}");
        assert_eq!(units(&p, t, Role::Lead), ["市教育局"], "task {n}");
    }
    // Line 37: 按省住建厅目标任务加装电梯.
    let lift = target(task(&p, 1, "4"), "加装电梯");
    assert_eq!(lift.measure, Measure::Deferred { source: "省住建厅目标任务".into() });
}

// Lines 37, 39, 41, 59–61, 81: 市住建局 / 市住房城乡建设局 leads tasks 4, 5, 6, 12 and 19.
#[test]
fn housing_bureau_leads_five_tasks() {
    let p = haidong();
    let led: Vec<String> = p
        .tasks()
        .filter(|t| t.leads().any(|id| named(&p, id).is_named("市住房城乡建设局")))
        .map(|t| t.number.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(led, ["4", "5", "6", "12", "19"]);
    // Only one registry entry carries either spelling.
    let entries = p.units.iter().filter(|u| u.is_named("市住建局") || u.is_named("市住房城乡建设局")).count();
    assert_eq!(entries, 1);
}

// Line 85: 确保年底前全市1284个建制村寄递物流综合服务站设置率达到50%以上.
#[test]
fn task_21_station_coverage_by_year_end() {
    let p = haidong();
    let t = task(&p, 7, "21");
    assert_eq!(t.targets.len(), 1, "1284个建制村 is the base, not a target");
    let x = &t.targets[0];
    assert_eq!(x.amount, Some(Amount::at_least(dec!(50))));
    assert!(x.subject.contains("1284个建制村") || x.scope.as_deref().is_some_and(|s| s.contains("1284个建制村")));
    let d = x.deadline.as_ref().expect("年底前");
    assert_eq!((d.text.as_str(), d.date, d.precision), ("年底前", date(2024, 12, 31), Precision::Year));
}

// Lines 41 and 55, 81: 各县人民政府 differs from 各县区人民政府; 年内 deadlines.
#[test]
fn collectives_and_year_deadlines() {
    let p = haidong();
    // Line 41: （市住房城乡建设局牵头，市民政局、各县人民政府配合）.
    assert_eq!(units(&p, task(&p, 1, "6"), Role::Cooperating), ["市民政局", "各县人民政府"]);
    // Line 55: 年内培育 2 所公办、民办幼儿园增设托班.
    let kg = target(task(&p, 3, "11"), "幼儿园");
    assert_eq!(kg.amount, Some(Amount::exactly(dec!(2))));
    assert_eq!(kg.deadline.as_ref().map(|d| (d.date, d.precision)), Some((date(2024, 12, 31), Precision::Year)));
    // Line 81: 年内检查物业服务企业不少于40家.
    let firms = target(task(&p, 7, "19"), "物业服务企业");
    assert_eq!(firms.comparator(), Some(Comparator::AtLeast));
    assert_eq!(firms.amount, Some(Amount::at_least(dec!(40))));
}

// Lines 27–91: every figure's phrase is a substring of its task, and the encoding validates.
#[test]
fn phrases_verbatim_and_no_errors() {
    let p = haidong();
    phrases_are_verbatim(&p);
    let report = minsheng::validate(&p);
    let errors: Vec<String> = report.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(p.tasks().map(|t| t.targets.len()).sum::<usize>(), 31);
}
