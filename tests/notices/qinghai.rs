//! Facts from the Qinghai notice 青政办〔2021〕24号
//! (shared/seeds/000_c6ffd16a5694e4a3.txt, lines 1–147).

use chrono::NaiveDate;
use minsheng::{AdminLevel, Amount, Collective, Comparator, Measure, Programme, Role, Unit, UnitKind};
use rust_decimal_macros::dec;

use super::common::{load, phrases_are_verbatim, target, task, units};

fn qinghai() -> Programme {
    load("qinghai-2021")
}

// Lines 23–131: ten headings (一)…(十) hold tasks 1.–45.
#[test]
fn ten_sections() {
    let p = qinghai();
    assert_eq!(p.sections.len(), 10);
    // Line 23: (一)就业促进工程。 line 123: (十)综合治理工程。
    assert_eq!(p.sections[0].label(), "(一) 就业促进工程");
    assert_eq!(p.sections[9].label(), "(十) 综合治理工程");
    let per_section: Vec<usize> = p.sections.iter().map(|s| s.tasks.len()).collect();
    assert_eq!(per_section, [3, 5, 5, 7, 5, 5, 4, 3, 4, 4]);
}

// Lines 25–131: tasks are numbered 1. to 45. straight through, across sections.
#[test]
fn forty_five_tasks_numbered_in_order() {
    let p = qinghai();
    assert_eq!(p.task_count(), 45);
    let numbers: Vec<String> = p.tasks().map(|t| t.number.as_ref().unwrap().to_string()).collect();
    let expected: Vec<String> = (1..=45).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    // Line 25: task 1 starts the list; line 131: task 45 ends it.
    assert_eq!(task(&p, 0, "1").source.as_ref().unwrap().line, 25);
    assert_eq!(task(&p, 9, "45").source.as_ref().unwrap().line, 131);
}

// Lines 55–69: (四)健康青海工程 holds tasks 14.–20.
#[test]
fn section_four_holds_tasks_14_to_20() {
    let p = qinghai();
    let s = &p.sections[3];
    assert_eq!(s.title, "健康青海工程");
    let numbers: Vec<String> = s.tasks.iter().map(|t| t.number.as_ref().unwrap().to_string()).collect();
    assert_eq!(numbers, ["14", "15", "16", "17", "18", "19", "20"]);
}

// Lines 1, 5, 7–11, 145: number, issuer, dates, index number, addressees.
#[test]
fn document_and_jurisdiction() {
    let p = qinghai();
    // Line 9: 青政办〔2021〕24号.
    let n = p.document.number.as_ref().unwrap();
    assert_eq!((n.agency.as_str(), n.year, n.serial), ("青政办", 2021, 24));
    assert_eq!(n.to_string(), "青政办〔2021〕24号");
    // Line 8: the title.
    assert_eq!(p.title, "关于2021年民生实事工程任务分工的通知");
    // Line 7 / 143: issued by 青海省人民政府办公厅.
    let issuer = p.unit(&p.document.issuers[0]).unwrap();
    assert_eq!(issuer.name, "青海省人民政府办公厅");
    assert_eq!(issuer.kind, UnitKind::Government);
    // Line 5: 成文日期 :2021-03-19; line 145: 2021年3月19日.
    assert_eq!(p.document.written, NaiveDate::from_ymd_opt(2021, 3, 19));
    // Line 1: 索 引 号 :015000185/2021-00113.
    assert_eq!(p.document.index_number.as_deref(), Some("015000185/2021-00113"));
    // Line 11: 主送.
    assert_eq!(p.addressees.as_deref(), Some("各市、自治州人民政府，省政府各委、办、厅、局:"));
    assert_eq!(p.jurisdiction.name, "青海省");
    assert_eq!(p.jurisdiction.division_code.as_ref().unwrap().as_str(), "630000");
    assert_eq!(p.year, 2021);
    // The notice sets no reporting calendar.
    assert!(p.reporting.is_empty());
}

// Line 25: 开展职业技能培训10万人次
#[test]
fn task_1_vocational_training() {
    let p = qinghai();
    let t = task(&p, 0, "1");
    let x = target(t, "职业技能培训");
    assert_eq!(x.phrase, "开展职业技能培训10万人次");
    assert_eq!(x.measure, Measure::quantity(Unit::PersonTime));
    assert_eq!(x.amount, Some(Amount::exactly(dec!(100000))));
    // (省人力资源社会保障厅牵头，省妇联配合)
    assert_eq!(units(&p, t, Role::Lead), ["省人力资源社会保障厅"]);
    assert_eq!(units(&p, t, Role::Cooperating), ["省妇联"]);
}

// Line 27: 全省城镇新增就业6万人，农牧区劳动力转移就业105万人次
#[test]
fn task_2_employment() {
    let p = qinghai();
    let t = task(&p, 0, "2");
    assert_eq!(target(t, "城镇新增就业").amount, Some(Amount::exactly(dec!(60000))));
    assert_eq!(target(t, "城镇新增就业").unit(), Some(Unit::Person));
    assert_eq!(target(t, "转移就业").amount, Some(Amount::exactly(dec!(1050000))));
    assert_eq!(target(t, "转移就业").unit(), Some(Unit::PersonTime));
}

// Line 49: 实施(开工)5.15万套城镇老旧小区改造项目…为6753户城镇住房困难群体发放住房租赁补贴
#[test]
fn task_11_old_estates_and_rent_subsidy() {
    let p = qinghai();
    let t = task(&p, 2, "11");
    let estates = target(t, "老旧小区");
    assert_eq!(estates.amount, Some(Amount::exactly(dec!(51500))));
    assert_eq!(estates.unit(), Some(Unit::Set));
    let rent = target(t, "住房租赁补贴");
    assert_eq!(rent.amount, Some(Amount::exactly(dec!(6753))));
    assert_eq!(rent.unit(), Some(Unit::Household));
    assert_eq!(t.responsibility_text.as_deref(), Some("(省住房城乡建设厅牵头)"));
}

// Line 39: 支持青海大学、青海师范大学和青海民族大学各建设1幢学生宿舍楼
#[test]
fn task_7_one_dormitory_per_university() {
    let p = qinghai();
    let t = task(&p, 1, "7");
    let x = target(t, "宿舍楼");
    assert_eq!(x.amount, Some(Amount::exactly(dec!(3))));
    assert_eq!(x.unit(), Some(Unit::BuildingZhuang));
    let pm = x.per_member.as_ref().unwrap();
    assert_eq!(pm.count, 3);
    assert_eq!(pm.each, dec!(1));
    assert_eq!(pm.members, ["青海大学", "青海师范大学", "青海民族大学"]);
    assert_eq!(dec!(3), rust_decimal::Decimal::from(pm.count) * pm.each);
}

// Line 45: (各市州人民政府、省自然资源厅牵头，省住房城乡建设厅配合)
#[test]
fn task_9_two_leads_one_collective() {
    let p = qinghai();
    let t = task(&p, 2, "9");
    assert_eq!(units(&p, t, Role::Lead), ["各市州人民政府", "省自然资源厅"]);
    assert_eq!(units(&p, t, Role::Cooperating), ["省住房城乡建设厅"]);
    let govs = p.units.iter().find(|u| u.name == "各市州人民政府").unwrap();
    assert_eq!(govs.collective, Some(Collective::Governments { level: AdminLevel::Prefecture, count: None }));
}

// Line 65: 开展食品安全监督抽检3652批次、风险监测969批次、评价性抽检379批次
#[test]
fn task_18_three_inspection_figures() {
    let p = qinghai();
    let t = task(&p, 3, "18");
    assert_eq!(t.targets.len(), 3);
    for (subject, value) in [("监督抽检", dec!(3652)), ("风险监测", dec!(969)), ("评价性抽检", dec!(379))]
    {
        let x = target(t, subject);
        assert_eq!(x.amount, Some(Amount::exactly(value)), "{subject}");
        assert_eq!(x.unit(), Some(Unit::Batch), "{subject}");
    }
}

// Line 75: (省发展改革委牵头，省级各有关部门根据职责分别负责)
#[test]
fn task_22_lead_and_joint_departments() {
    let p = qinghai();
    let t = task(&p, 4, "22");
    assert_eq!(units(&p, t, Role::Lead), ["省发展改革委"]);
    assert_eq!(units(&p, t, Role::Joint), ["省级各有关部门"]);
    let depts = p.units.iter().find(|u| u.name == "省级各有关部门").unwrap();
    assert_eq!(depts.collective, Some(Collective::RelevantDepartments { level: Some(AdminLevel::Province) }));
}

// Line 77: 实现有托育机构的市州达80%以上
#[test]
fn task_23_childcare_share_of_prefectures() {
    let p = qinghai();
    let x = target(task(&p, 4, "23"), "有托育机构的市州");
    assert_eq!(x.measure, Measure::percent());
    assert_eq!(x.comparator(), Some(Comparator::AtLeast));
    assert_eq!(x.amount, Some(Amount::at_least(dec!(80))));
}

// Line 79: 为3200名残疾儿童…分别为1万名、2000名和2300名残疾人提供基本辅助器具适配服务、托养服务和实用技术培训
#[test]
fn task_24_respectively_list() {
    let p = qinghai();
    let t = task(&p, 4, "24");
    assert_eq!(t.targets.len(), 4);
    assert_eq!(target(t, "残疾儿童").amount, Some(Amount::exactly(dec!(3200))));
    for (subject, value) in [("辅助器具适配", dec!(10000)), ("托养服务", dec!(2000)), ("实用技术培训", dec!(2300))]
    {
        let x = target(t, subject);
        assert_eq!(x.amount, Some(Amount::exactly(value)), "{subject}");
        assert_eq!(x.unit(), Some(Unit::PersonMing), "{subject}");
        assert!(x.phrase.starts_with("分别为1万名、2000名和2300名"), "{subject}");
    }
}

// Line 87: (省委农办、省农业农村厅、省扶贫局牵头，…国网青海省电力公司、各市州人民政府配合)
#[test]
fn task_27_three_leads_and_twelve_cooperating() {
    let p = qinghai();
    let t = task(&p, 5, "27");
    assert_eq!(units(&p, t, Role::Lead), ["省委农办", "省农业农村厅", "省扶贫局"]);
    let coop = units(&p, t, Role::Cooperating);
    assert_eq!(coop.len(), 12);
    assert_eq!(coop.first().map(String::as_str), Some("省住房城乡建设厅"));
    assert_eq!(coop.last().map(String::as_str), Some("各市州人民政府"));
    // 295个“高原美丽乡村”、300平方公里水土流失治理、20个村庄生活污水治理
    assert_eq!(target(t, "高原美丽乡村").amount, Some(Amount::exactly(dec!(295))));
    let soil = target(t, "水土流失治理");
    assert_eq!(soil.amount, Some(Amount::exactly(dec!(300))));
    assert_eq!(soil.unit(), Some(Unit::SquareKilometre));
    assert_eq!(target(t, "村庄生活污水治理").amount, Some(Amount::exactly(dec!(20))));
    // Kinds of the bodies named here.
    let kind = |name: &str| p.units.iter().find(|u| u.name == name).unwrap().kind;
    assert_eq!(kind("省委农办"), UnitKind::PartyOrgan);
    assert_eq!(kind("国网青海省电力公司"), UnitKind::Enterprise);
}

// Line 97: (省文化和旅游厅、省广电局根据职责分别负责)
#[test]
fn task_31_both_units_joint() {
    let p = qinghai();
    let t = task(&p, 6, "31");
    assert_eq!(units(&p, t, Role::Joint), ["省文化和旅游厅", "省广电局"]);
    assert!(units(&p, t, Role::Lead).is_empty());
    assert!(units(&p, t, Role::Cooperating).is_empty());
    // 演出700场次; 108万套直播卫星地面接收户用设施设备
    assert_eq!(target(t, "文艺轻骑兵").amount, Some(Amount::exactly(dec!(700))));
    assert_eq!(target(t, "直播卫星").amount, Some(Amount::exactly(dec!(1080000))));
}

// Line 117: 农作物秸秆综合利用率、畜禽粪污资源化利用率、农田残膜回收利用率分别达到85%、82%和90%
#[test]
fn task_39_three_utilisation_rates() {
    let p = qinghai();
    let t = task(&p, 8, "39");
    assert_eq!(t.targets.len(), 3);
    for (subject, value) in
        [("农作物秸秆综合利用率", dec!(85)), ("畜禽粪污资源化利用率", dec!(82)), ("农田残膜回收利用率", dec!(90))]
    {
        let x = target(t, subject);
        assert_eq!(x.subject, subject);
        assert_eq!(x.measure, Measure::percent());
        assert_eq!(x.amount, Some(Amount::at_least(value)), "{subject}");
    }
}

// Line 115: 实施30万亩高标准农田建设项目
#[test]
fn task_38_farmland_in_mu() {
    let p = qinghai();
    let x = target(task(&p, 8, "38"), "高标准农田");
    assert_eq!(x.amount, Some(Amount::exactly(dec!(300000))));
    assert_eq!(x.unit(), Some(Unit::Mu));
}

// Lines 57, 59, 61, 63, 77: 省卫生健康委牵头 on tasks 14, 15, 16, 17 and 23 (and cooperates on 27, line 87).
#[test]
fn health_commission_workload() {
    let p = qinghai();
    let led: Vec<String> = p
        .tasks()
        .filter(|t| units(&p, t, Role::Lead).iter().any(|n| n == "省卫生健康委"))
        .map(|t| t.number.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(led, ["14", "15", "16", "17", "23"]);
    let row = minsheng::aggregate::workload(&p).into_iter().find(|w| w.name == "省卫生健康委").unwrap();
    assert_eq!((row.lead, row.cooperating, row.joint), (5, 1, 0));
}

// Lines 53, 93, 127, 131: central vertical bodies, mass organisations and judicial organs.
#[test]
fn unit_kinds() {
    let p = qinghai();
    let kind = |name: &str| p.units.iter().find(|u| u.name == name).unwrap_or_else(|| panic!("{name}")).kind;
    for name in ["青海银保监局", "省邮政管理局"] {
        assert_eq!(kind(name), UnitKind::CentralVertical, "{name}");
    }
    for name in ["省妇联", "团省委", "省总工会", "省残联", "省红十字会"] {
        assert_eq!(kind(name), UnitKind::MassOrganisation, "{name}");
    }
    for name in ["省法院", "省检察院"] {
        assert_eq!(kind(name), UnitKind::Judicial, "{name}");
    }
    assert_eq!(kind("省委政法委"), UnitKind::PartyOrgan);
    // Line 127: (省委政法委牵头，省公安厅、省司法厅、省法院、省检察院、各市州人民政府配合)
    let t = task(&p, 9, "43");
    assert_eq!(units(&p, t, Role::Cooperating), ["省公安厅", "省司法厅", "省法院", "省检察院", "各市州人民政府"]);
}

// Lines 25–131: no task of the notice carries a deadline.
#[test]
fn no_deadlines_invented() {
    let p = qinghai();
    assert!(p.tasks().all(|t| t.deadlines.is_empty() && t.targets.iter().all(|x| x.deadline.is_none())));
}

// Whole file: every phrase is a verbatim substring of its task.
#[test]
fn every_phrase_is_verbatim() {
    phrases_are_verbatim(&qinghai());
}

// Whole file: the encoding validates without errors.
#[test]
fn validates_without_errors() {
    let p = qinghai();
    let report = minsheng::validate(&p);
    assert!(report.is_valid(), "{:?}", report.errors().collect::<Vec<_>>());
}
