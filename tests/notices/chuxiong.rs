//! Facts from the Chuxiong notice 楚政办通〔2021〕5号
//! (shared/seeds/003_625752342c267127.txt, lines 1–84).

use chrono::NaiveDate;
use minsheng::{
    AdminLevel, Amount, ChangeDirection, ChangeScale, Code, Collective, Comparator, Frequency, Measure, Precision,
    Programme, Role, Target, Unit, UnitKind,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::common::{load, phrases_are_verbatim, target, task, units};

fn chuxiong() -> Programme {
    load("chuxiong-2021")
}

fn value(t: &Target) -> Decimal {
    t.amount.as_ref().and_then(Amount::value).unwrap_or_else(|| panic!("{} has no single figure", t.phrase))
}

fn comparator(t: &Target) -> Comparator {
    t.amount.as_ref().unwrap().comparator()
}

/// Sums the parts of a breakdown in 元.
fn parts_sum(t: &Target) -> Decimal {
    t.breakdown.as_ref().unwrap().parts.iter().map(value).sum()
}

// Lines 3–12: number, issuer, dates, index number, addressees, jurisdiction.
#[test]
fn document_and_jurisdiction() {
    let p = chuxiong();
    // Line 4: 文 号:楚政办通〔2021〕5号.
    assert_eq!(p.document.number.as_ref().unwrap().to_string(), "楚政办通〔2021〕5号");
    // Line 9: the title.
    assert_eq!(p.title, "楚雄州人民政府办公室关于印发楚雄州2021年8项民生工程和10件惠民实事工作方案的通知");
    // Line 3: 发布机构:楚雄州人民政府办公室.
    let issuer = p.unit(&p.document.issuers[0]).unwrap();
    assert_eq!(issuer.name, "楚雄州人民政府办公室");
    assert_eq!(issuer.kind, UnitKind::Government);
    // Lines 4 and 8: 发布日期 and 成文日期 2021年02月04日.
    assert_eq!(p.document.written, NaiveDate::from_ymd_opt(2021, 2, 4));
    assert_eq!(p.document.published, NaiveDate::from_ymd_opt(2021, 2, 4));
    // Line 3: 索引号.
    assert_eq!(p.document.index_number.as_deref(), Some("115323000151673132-/2021-0204011"));
    // Line 10: 主送.
    assert_eq!(p.addressees.as_deref(), Some("各县市人民政府,州直有关部门,楚雄高新区管委会:"));
    assert_eq!(p.jurisdiction.level, AdminLevel::Prefecture);
    assert_eq!(p.jurisdiction.division_code.as_ref().unwrap().as_str(), "532300");
    assert_eq!(p.year, 2021);
}

// Lines 17 and 65: (一)实施8项民生工程 holds 1.–8.; (二)实施10件惠民实事 holds 1.–10.
#[test]
fn two_sections_of_8_and_10() {
    let p = chuxiong();
    assert_eq!(p.sections.len(), 2);
    assert_eq!(p.sections[0].label(), "(一) 实施8项民生工程");
    assert_eq!(p.sections[1].label(), "(二) 实施10件惠民实事");
    assert_eq!(p.sections[0].kind.as_deref(), Some("民生工程"));
    assert_eq!(p.sections[1].kind.as_deref(), Some("惠民实事"));
    let top: Vec<usize> = p.sections.iter().map(|s| s.tasks.len()).collect();
    assert_eq!(top, [8, 10]);
    // Line 18: 1.城乡居民增收工程; line 61: 8.养老托幼服务质量提升工程.
    assert_eq!(task(&p, 0, "1").title.as_deref(), Some("城乡居民增收工程"));
    assert_eq!(task(&p, 0, "8").title.as_deref(), Some("养老托幼服务质量提升工程"));
    // Line 19: (1)增加城镇居民收入, with ①②③ below it (lines 20–22).
    let t = task(&p, 0, "1.(1)");
    assert_eq!(t.title.as_deref(), Some("增加城镇居民收入"));
    assert_eq!(t.subtasks.len(), 3);
    assert_eq!(task(&p, 0, "1.(2)").subtasks.len(), 5);
    // 8 projects, 31 items (1)… below them, 8 items ①… below 1.(1) and 1.(2); 10 deeds.
    let per_project: Vec<usize> = p.sections[0].tasks.iter().map(|t| t.subtasks.len()).collect();
    assert_eq!(per_project, [2, 6, 3, 2, 8, 5, 2, 3]);
    assert_eq!(p.sections[0].all_tasks().len(), 8 + 31 + 8);
    assert_eq!(p.task_count(), 47 + 10);
}

// Line 30: (1)学前教育资源实现全覆盖。实施… — the heading is the title, the rest the text.
#[test]
fn heading_sentence_is_the_title() {
    let p = chuxiong();
    let t = task(&p, 0, "2.(1)");
    assert_eq!(t.title.as_deref(), Some("学前教育资源实现全覆盖"));
    assert!(t.description.starts_with("实施“一县一示范、一乡一公办、一村一幼”提升工程"));
    assert_eq!(t.source.as_ref().unwrap().line, 30);
    // Line 75: 10. “数字楚雄”信息通信基础设施建设惠民行动。
    assert_eq!(task(&p, 1, "10").title.as_deref(), Some("“数字楚雄”信息通信基础设施建设惠民行动"));
    phrases_are_verbatim(&p);
}

// Title (line 9): 8项民生工程和10件惠民实事 — both counts reconcile with what is listed.
#[test]
fn declared_counts_reconcile() {
    let p = chuxiong();
    let counts: Vec<(&str, u32)> = p.declared_counts.iter().map(|c| (c.text.as_str(), c.count)).collect();
    assert_eq!(counts, [("8项民生工程", 8), ("10件惠民实事", 10)]);
    assert_eq!(p.sections[0].declared_count, Some(8));
    assert_eq!(p.sections[1].declared_count, Some(10));
    let report = minsheng::validate(&p);
    assert!(!report.has(Code::DeclaredCountMismatch));
}

// Line 20: 帮助就业困难人员实现就业1.39万人、就业困难人员实现就业0.78万人 — a real defect kept.
#[test]
fn conflicting_figures_in_1_1_1() {
    let p = chuxiong();
    let t = task(&p, 0, "1.(1).①");
    let figures: Vec<Decimal> = t.targets.iter().filter(|x| x.subject == "就业困难人员实现就业").map(value).collect();
    assert_eq!(figures, [dec!(13900), dec!(7800)]);
    let report = minsheng::validate(&p);
    assert!(
        report
            .warnings()
            .any(|f| f.code == Code::ConflictingFigures
                && f.path == "/sections/0/tasks/0/subtasks/0/subtasks/0/targets/1"),
        "{:?}",
        report.findings
    );
    // Line 20: 牵头部门:州人力资源和社会保障局;责任单位:州就业工作领导小组各成员单位,10县市人民政府.
    assert_eq!(units(&p, t, Role::Lead), ["州人力资源和社会保障局"]);
    assert_eq!(units(&p, t, Role::Cooperating), ["州就业工作领导小组各成员单位", "10县市人民政府"]);
}

// Line 81: the leading group headed by 副州长杨虹 lists 州扶贫办 twice — a real defect kept.
#[test]
fn leading_group_lists_poverty_office_twice() {
    let p = chuxiong();
    let g = p.unit(p.leading_group.as_ref().unwrap()).unwrap();
    assert_eq!(g.kind, UnitKind::Group);
    assert_eq!(g.head.as_deref(), Some("副州长杨虹"));
    assert_eq!(g.members.len(), 27);
    let names: Vec<&str> = g.members.iter().map(|m| p.unit(m).unwrap().name.as_str()).collect();
    assert_eq!(names[0], "楚雄州人民政府办公室"); // written 州政府办公室 there
    assert_eq!(names.iter().filter(|n| **n == "州扶贫办").count(), 2);
    assert_eq!(names[26], "州红十字会");
    let report = minsheng::validate(&p);
    assert!(report.warnings().any(|f| f.code == Code::DuplicateUnitListed && f.message.contains("州扶贫办")));
}

// Line 63: 投资2418万元…其中:投资1056万元…,投资571万元…,投资480万元…,投资311万元…
#[test]
fn elderly_care_investment_2418_breaks_down_exactly() {
    let p = chuxiong();
    let t = task(&p, 0, "8.(2)");
    let total = t.targets.iter().find(|x| x.phrase == "投资2418万元").unwrap();
    assert_eq!(total.measure, Measure::Money);
    assert_eq!(value(total), dec!(24180000));
    let b = total.breakdown.as_ref().unwrap();
    assert!(b.exhaustive);
    let parts: Vec<Decimal> = b.parts.iter().map(value).collect();
    assert_eq!(parts, [dec!(10560000), dec!(5710000), dec!(4800000), dec!(3110000)]);
    assert_eq!(parts_sum(total), value(total));
    // The project counts are targets of their own: 2个, 18个, 4个, 13个.
    assert_eq!(value(target(t, "改扩建项目")), dec!(2));
    assert_eq!(value(target(t, "新建城乡社区居家养老服务设施")), dec!(18));
    assert_eq!(value(target(t, "提质改造项目")), dec!(4));
    assert_eq!(value(target(t, "消防改造项目")), dec!(13));
    let report = minsheng::validate(&p);
    assert!(!report.has(Code::BreakdownMismatch) && !report.has(Code::BreakdownExceedsTotal));
}

// Line 70: 投资2105万元…(投资1230万元建设综合楼,投资800万元建设骨灰堂,投资75万元建设火化炉)
#[test]
fn funeral_home_investment_2105_breaks_down_exactly() {
    let p = chuxiong();
    let total = &task(&p, 1, "5").targets[0];
    assert_eq!(total.phrase, "投资2105万元");
    assert_eq!(value(total), dec!(21050000));
    assert!(total.breakdown.as_ref().unwrap().exhaustive);
    let parts: Vec<Decimal> = total.breakdown.as_ref().unwrap().parts.iter().map(value).collect();
    assert_eq!(parts, [dec!(12300000), dec!(8000000), dec!(750000)]);
    assert_eq!(parts_sum(total), value(total));
}

// Line 35: 培训各级社会体育指导员800人:其中二级300人,三级500人。
#[test]
fn sports_instructors_800_are_300_plus_500() {
    let p = chuxiong();
    let t = target(task(&p, 0, "2.(6)"), "社会体育指导员");
    assert_eq!(t.measure, Measure::Quantity { unit: Unit::Person });
    assert_eq!(value(t), dec!(800));
    let b = t.breakdown.as_ref().unwrap();
    assert!(b.exhaustive);
    assert_eq!(b.parts.len(), 2);
    assert_eq!(b.parts.iter().map(|x| x.phrase.as_str()).collect::<Vec<_>>(), ["二级300人", "三级500人"]);
    assert_eq!(parts_sum(t), dec!(800));
}

// Line 47: 孕产妇死亡率控制在16/10万以下;婴儿死亡率控制在5‰以内;5岁以下儿童死亡率控制在7‰以内
#[test]
fn maternal_and_infant_mortality_rates() {
    let p = chuxiong();
    let t = task(&p, 0, "5.(4)");
    let maternal = target(t, "孕产妇死亡率");
    assert_eq!(maternal.measure, Measure::Rate { per: dec!(100000) });
    assert_eq!(maternal.amount, Some(Amount::at_most(dec!(16))));
    let infant = target(t, "婴儿死亡率");
    assert_eq!(infant.measure, Measure::Rate { per: dec!(1000) });
    assert_eq!(infant.amount, Some(Amount::at_most(dec!(5))));
    let under5 = target(t, "5岁以下儿童死亡率");
    assert_eq!(under5.amount, Some(Amount::at_most(dec!(7))));
    // Lead: 州卫生健康委; cooperating: 州财政局, 10县市人民政府.
    assert_eq!(units(&p, t, Role::Lead), ["州卫生健康委"]);
}

// Line 72: 2021年改造城镇老旧小区不少于300个800栋10000户100万平方米。
#[test]
fn old_residential_areas_four_targets() {
    let p = chuxiong();
    let t = task(&p, 1, "7");
    assert_eq!(t.targets.len(), 4);
    let got: Vec<(Unit, Decimal, Comparator)> = t
        .targets
        .iter()
        .map(|x| {
            assert_eq!(x.subject, "改造城镇老旧小区");
            assert_eq!(x.phrase, "2021年改造城镇老旧小区不少于300个800栋10000户100万平方米");
            (x.measure.unit().unwrap(), value(x), comparator(x))
        })
        .collect();
    assert_eq!(
        got,
        [
            (Unit::Item, dec!(300), Comparator::AtLeast),
            (Unit::Building, dec!(800), Comparator::AtLeast),
            (Unit::Household, dec!(10000), Comparator::AtLeast),
            (Unit::SquareMetre, dec!(1000000), Comparator::AtLeast),
        ]
    );
    // Two leads: 州住房城乡建设局、州发展改革委.
    assert_eq!(units(&p, t, Role::Lead), ["州住房城乡建设局", "州发展改革委"]);
}

// Lines 24, 37, 45, 53, 56, 75: normalised figures and comparators.
#[test]
fn figures_are_normalised() {
    let p = chuxiong();
    // Line 24: 粮食播种面积稳定在360万亩左右; 实现肉产量38.5万吨.
    let farm = task(&p, 0, "1.(2).①");
    assert_eq!(target(farm, "粮食播种面积").amount, Some(Amount::Approximately { value: dec!(3600000) }));
    assert_eq!(value(target(farm, "肉产量")), dec!(385000));
    // Line 37: 城镇新增就业4万人, 城镇登记失业率控制在5.5%以内.
    let jobs = task(&p, 0, "3.(1)");
    assert_eq!(value(target(jobs, "城镇新增就业")), dec!(40000));
    assert_eq!(target(jobs, "城镇登记失业率").amount, Some(Amount::at_most(dec!(5.5))));
    // Line 45: 完成HIV抗体检测100万人份; 控制在中度流行区以内.
    let health = task(&p, 0, "5.(2)");
    assert_eq!(target(health, "HIV抗体检测").measure, Measure::Quantity { unit: Unit::Portion });
    assert_eq!(value(target(health, "HIV抗体检测")), dec!(1000000));
    assert!(
        matches!(&target(health, "艾滋病疫情").measure, Measure::Categorical { level } if level == "中度流行区以内")
    );
    // Line 53: 细颗粒物(PM2.5)浓度小于35微克/立方米.
    let pm = target(task(&p, 0, "6.(1)"), "细颗粒物(PM2.5)浓度");
    assert_eq!(pm.measure.unit(), Some(Unit::MicrogramPerCubicMetre));
    assert_eq!(pm.amount, Some(Amount::LessThan { value: dec!(35) }));
    // Line 56: 完成投资2.9亿元, 治理河道长120.26公里, 350平方公里以上.
    let rivers = task(&p, 0, "6.(4)");
    assert_eq!(value(target(rivers, "中小河流治理工程投资")), dec!(290000000));
    assert_eq!(value(target(rivers, "治理河道长")), dec!(120.26));
    assert_eq!(target(rivers, "水土流失").amount, Some(Amount::at_least(dec!(350))));
    // Line 50: 增加值增长10%以上.
    let growth = target(task(&p, 0, "5.(7)"), "增加值");
    assert_eq!(
        growth.measure,
        Measure::Change { direction: ChangeDirection::Increase, scale: Some(ChangeScale::Percent) }
    );
    assert_eq!(growth.amount, Some(Amount::at_least(dec!(10))));
    // Line 75: 出口带宽达2.4T; 接入能力达200M; 5G基站力争超过2000站.
    let net = task(&p, 1, "10");
    assert_eq!(target(net, "出口带宽").measure.unit(), Some(Unit::Tbps));
    assert_eq!(value(target(net, "出口带宽")), dec!(2.4));
    assert_eq!(target(net, "接入能力").measure.unit(), Some(Unit::Mbps));
    assert_eq!(target(net, "5G基站").amount, Some(Amount::MoreThan { value: dec!(2000) }));
    // Line 66: 高速公路项目投资150亿元以上.
    assert_eq!(target(task(&p, 1, "1"), "高速公路").amount, Some(Amount::at_least(dec!(15000000000))));
}

// Line 46: five leads, the first written 州卫生健康委〔州爱卫办〕; line 75: enterprises cooperate.
#[test]
fn responsibility_clauses() {
    let p = chuxiong();
    let t = task(&p, 0, "5.(3)");
    assert_eq!(
        units(&p, t, Role::Lead),
        ["州卫生健康委", "州文明办", "州住房城乡建设局", "州农业农村局", "州市场监管局"]
    );
    let health = p.units.iter().find(|u| u.name == "州卫生健康委").unwrap();
    assert!(health.is_named("州卫生健康委〔州爱卫办〕"));
    let members = p.units.iter().find(|u| u.name == "州爱国卫生运动委员会各成员单位").unwrap();
    assert_eq!(members.collective, Some(Collective::GroupMembers { group: "州爱国卫生运动委员会".into() }));
    let counties = p.units.iter().find(|u| u.name == "10县市人民政府").unwrap();
    assert_eq!(counties.collective, Some(Collective::Governments { level: AdminLevel::County, count: Some(10) }));
    let net = task(&p, 1, "10");
    let coop = units(&p, net, Role::Cooperating);
    assert!(coop.contains(&"电信楚雄分公司".to_string()));
    let telecom = p.units.iter().find(|u| u.name == "电信楚雄分公司").unwrap();
    assert_eq!(telecom.kind, UnitKind::Enterprise);
    // Line 27: 州烟草专卖局(公司) is a central vertical body.
    let tobacco = p.units.iter().find(|u| u.name == "州烟草专卖局(公司)").unwrap();
    assert_eq!(tobacco.kind, UnitKind::CentralVertical);
}

// Lines 77–79: three phases; the third overlaps the second in December 2021.
#[test]
fn three_phases_with_dates() {
    let p = chuxiong();
    let got: Vec<(&str, Option<NaiveDate>, NaiveDate, Precision)> =
        p.phases.iter().map(|ph| (ph.name.as_str(), ph.timing.start, ph.timing.date, ph.timing.precision)).collect();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(
        got,
        [
            ("制定方案阶段", None, d(2021, 2, 28), Precision::Month),
            ("组织实施阶段", Some(d(2021, 3, 1)), d(2021, 12, 31), Precision::Month),
            ("检查考核阶段", Some(d(2021, 12, 1)), d(2022, 1, 31), Precision::Month),
        ]
    );
    assert_eq!(p.phases[0].timing.text, "2021年2月底前");
    assert_eq!(p.phases[2].timing.text, "2021年12月至2022年1月");
    assert!(minsheng::validate(&p).has(Code::PhasesOverlap));
}

// Line 84: 各牵头部门必须每月…报州政府督查室
#[test]
fn monthly_reporting_to_supervision_office() {
    let p = chuxiong();
    assert_eq!(p.reporting.len(), 1);
    let r = &p.reporting[0];
    assert_eq!(r.frequency, Some(Frequency::Monthly));
    assert!(r.text.starts_with("各牵头部门必须每月对工作推进情况"));
    let reporter = p.unit(&r.reporters[0]).unwrap();
    assert_eq!(reporter.name, "各牵头部门");
    assert_eq!(reporter.collective, Some(Collective::RoleHolders { role: Role::Lead }));
    assert_eq!(p.unit(&r.recipients[0]).unwrap().name, "州政府督查室");
}

// The whole encoding: no validation error; only the warnings the notice itself causes.
#[test]
fn validation_has_no_errors() {
    let p = chuxiong();
    let report = minsheng::validate(&p);
    assert!(report.is_valid(), "{:?}", report.errors().collect::<Vec<_>>());
    for f in report.warnings() {
        assert!(
            matches!(f.code, Code::ConflictingFigures | Code::DuplicateUnitListed | Code::PhasesOverlap),
            "unexpected warning {f}"
        );
    }
    assert!(!report.has(Code::UnreferencedUnit));
}
