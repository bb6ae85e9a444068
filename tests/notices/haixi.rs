//! Facts from the Haixi notice 西政办〔2020〕91号
//! (shared/seeds/004_d9080f6e0a416e73.txt, lines 1–44).

use chrono::NaiveDate;
use minsheng::{
    AdminLevel, Amount, ChangeDirection, ChangeScale, Code, Collective, Comparator, Measure, Precision, Programme,
    Role, Unit,
};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::common::{load, phrases_are_verbatim, target, task, units};

fn haixi() -> Programme {
    load("haixi-2020")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn value(t: &minsheng::Target) -> Decimal {
    t.amount.as_ref().and_then(Amount::value).unwrap()
}

// Lines 1–4, 12: number, title, dates, index number; jurisdiction 海西州.
#[test]
fn document_and_jurisdiction() {
    let p = haixi();
    // Line 4: 西政办〔2020〕91号.
    assert_eq!(p.document.number.as_ref().unwrap().to_string(), "西政办〔2020〕91号");
    // Line 1: the title.
    assert_eq!(p.title, "海西州人民政府办公室关于印发在全州开展“收好官,开好局”专项行动实施方案的通知");
    // Lines 2, 4, 12: written and published 2020-10-30.
    assert_eq!(p.document.written, Some(date(2020, 10, 30)));
    assert_eq!(p.document.published, Some(date(2020, 10, 30)));
    // Line 3: 索引号 verbatim.
    assert_eq!(p.document.index_number.as_deref(), Some("01507828-1-30/2020-1030001"));
    // Line 10: issued by 海西州人民政府办公室.
    assert_eq!(p.unit(&p.document.issuers[0]).unwrap().name, "海西州人民政府办公室");
    assert_eq!(p.jurisdiction.level, AdminLevel::Prefecture);
    assert_eq!(p.jurisdiction.division_code.as_ref().unwrap().as_str(), "632800");
    // Line 6: 主送.
    assert_eq!(p.addressees.as_deref(), Some("各市、县人民政府,大柴旦行委,州政府各部门:"));
}

// Line 18: 第四季度 — the special action covers Q4 2020.
#[test]
fn period_is_the_fourth_quarter_of_2020() {
    let p = haixi();
    assert_eq!(p.year, 2020);
    let period = p.period.as_ref().unwrap();
    assert_eq!((period.start, period.end), (date(2020, 10, 1), date(2020, 12, 31)));
    assert_eq!(period.text.as_deref(), Some("第四季度"));
}

// Lines 24–42: 二、重点工作 holds (一)…(九); (四)(六)(八)(九) number points 一是….
#[test]
fn nine_top_level_tasks_and_their_points() {
    let p = haixi();
    assert_eq!(p.sections.len(), 1);
    assert_eq!(p.sections[0].label(), "二 重点工作");
    let numbers: Vec<String> = p.sections[0].tasks.iter().map(|t| t.number.as_ref().unwrap().to_string()).collect();
    assert_eq!(numbers, ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)", "(九)"]);
    let points: Vec<usize> = p.sections[0].tasks.iter().map(|t| t.subtasks.len()).collect();
    assert_eq!(points, [0, 0, 0, 7, 0, 4, 0, 4, 6]);
    assert_eq!(p.task_count(), 9 + 21);
    // Line 26: (一)常态化抓好疫情防控。
    assert_eq!(task(&p, 0, "(一)").title.as_deref(), Some("常态化抓好疫情防控"));
    assert_eq!(task(&p, 0, "(一)").source.as_ref().unwrap().line, 26);
    // Line 32: (四)全力推动稳增长。一是保市场主体。
    let t = task(&p, 0, "(四).一是");
    assert_eq!(t.title.as_deref(), Some("保市场主体"));
    assert!(t.description.starts_with("全面落实减税降费"));
    // Line 42: 六是提高小康社会成色。
    assert_eq!(task(&p, 0, "(九).六是").title.as_deref(), Some("提高小康社会成色"));
}

// Line 44: report by 2020年12月21日前 through the “710”政务督办系统 to 州政府办公室.
#[test]
fn report_due_2020_12_21_via_710() {
    let p = haixi();
    let r = &p.reporting[0];
    assert!(r.text.starts_with("请各地区、各部门将年度目标任务完成情况"));
    assert_eq!(r.due.len(), 1);
    assert_eq!(r.due[0].date, date(2020, 12, 21));
    assert_eq!(r.due[0].precision, Precision::Day);
    assert_eq!(r.channel.as_deref(), Some("“710”政务督办系统"));
    let reporter = p.unit(&r.reporters[0]).unwrap();
    assert_eq!(reporter.collective, Some(Collective::Other { description: "各地区、各部门".into() }));
    let recipient = p.unit(&r.recipients[0]).unwrap();
    assert!(recipient.is_named("州政府办公室"));
}

// Line 28: 德令哈、格尔木两市空气质量优良率分别达到91.5%、91.6%以上.
#[test]
fn scoped_air_quality_percents() {
    let p = haixi();
    let t = task(&p, 0, "(二)");
    let air: Vec<(Option<&str>, Decimal, Comparator)> = t
        .targets
        .iter()
        .filter(|x| x.subject == "空气质量优良率")
        .map(|x| (x.scope.as_deref(), value(x), x.comparator().unwrap()))
        .collect();
    assert_eq!(
        air,
        [(Some("德令哈"), dec!(91.5), Comparator::AtLeast), (Some("格尔木"), dec!(91.6), Comparator::AtLeast)]
    );
    assert!(
        t.targets
            .iter()
            .filter(|x| x.subject == "空气质量优良率")
            .all(|x| matches!(x.measure, Measure::Percent { .. }))
    );
}

// Line 28: PM2.5平均浓度同比分别下降5.9%、16.7%.
#[test]
fn pm25_decreases() {
    let p = haixi();
    let t = task(&p, 0, "(二)");
    let pm: Vec<&minsheng::Target> = t.targets.iter().filter(|x| x.subject == "PM2.5平均浓度").collect();
    assert_eq!(pm.len(), 2);
    for (x, (scope, v)) in pm.iter().zip([("德令哈", dec!(5.9)), ("格尔木", dec!(16.7))]) {
        assert_eq!(
            x.measure,
            Measure::Change { direction: ChangeDirection::Decrease, scale: Some(ChangeScale::Percent) }
        );
        assert_eq!(x.scope.as_deref(), Some(scope));
        assert_eq!(value(x), v);
        assert_eq!(x.baseline.as_ref().unwrap().text, "同比");
    }
}

// Line 28: 县级及以上城市集中式饮用水水源地达到Ⅲ类水质.
#[test]
fn drinking_water_is_categorical() {
    let p = haixi();
    let x = target(task(&p, 0, "(二)"), "饮用水水源地");
    assert_eq!(x.measure, Measure::Categorical { level: "Ⅲ类水质".into() });
    assert!(x.amount.is_none());
}

// Line 38: 年内建成新能源项目30个,新增并网容量235万千瓦.
#[test]
fn grid_capacity_2350000_kilowatts() {
    let p = haixi();
    let t = task(&p, 0, "(七)");
    let x = target(t, "新增并网容量");
    assert_eq!(x.measure, Measure::Quantity { unit: Unit::Kilowatt });
    assert_eq!(x.amount, Some(Amount::exactly(dec!(2350000))));
    assert_eq!(x.deadline.as_ref().unwrap().date, date(2020, 12, 31));
    // Line 38: 蔬菜产量保持在0.8万吨左右.
    let veg = target(t, "蔬菜产量");
    assert_eq!(veg.measure, Measure::Quantity { unit: Unit::Tonne });
    assert_eq!(veg.comparator(), Some(Comparator::Approximately));
    assert_eq!(value(veg), dec!(8000));
    // Line 38: 化肥农药减量增效项目38.8万亩.
    assert_eq!(value(target(t, "化肥农药减量增效")), dec!(388000));
}

// Line 40: 力争在境外设立1—2个海西特色产品销售网点.
#[test]
fn one_to_two_overseas_outlets() {
    let p = haixi();
    let x = target(task(&p, 0, "(八).二是"), "销售网点");
    assert_eq!(x.amount, Some(Amount::between(dec!(1), dec!(2))));
    assert_eq!(x.measure, Measure::Quantity { unit: Unit::Item });
    assert_eq!(x.phrase, "力争在境外设立1—2个海西特色产品销售网点");
}

// Line 32: 由负转正 three times (存贷款余额, 旅游总收入, 批零住餐业营业额).
#[test]
fn three_turn_positive_targets() {
    let p = haixi();
    let turn: Vec<&str> = p
        .tasks()
        .flat_map(|t| t.targets.iter())
        .filter(|x| matches!(x.measure, Measure::Change { direction: ChangeDirection::TurnPositive, .. }))
        .map(|x| x.subject.as_str())
        .collect();
    assert_eq!(turn, ["金融机构人民币存贷款余额", "旅游总收入", "批零住餐业营业额"]);
    assert!(
        p.tasks().flat_map(|t| t.targets.iter()).filter(|x| x.phrase.contains("由负转正")).all(|x| x.amount.is_none())
    );
}

// Line 36 / 42: (六) and (九) name only 责任单位 — no lead, and validation warns of it.
#[test]
fn six_and_nine_have_no_lead() {
    let p = haixi();
    for (n, i) in [("(六)", 5), ("(九)", 8)] {
        let t = task(&p, 0, n);
        assert!(units(&p, t, Role::Lead).is_empty(), "{n}");
        let report = minsheng::validate(&p);
        let path = format!("/sections/0/tasks/{i}/responsibilities");
        assert!(report.warnings().any(|f| f.code == Code::NoLead && f.path == path), "{n}");
    }
    // Line 36: (责任单位:州发改委、州工信局、州文体旅游广电局、柴达木循环经济试验区管委会产业发展部,各市、县人民政府,大柴旦行委).
    assert_eq!(
        units(&p, task(&p, 0, "(六)"), Role::Cooperating),
        [
            "州发改委",
            "州工信局",
            "州文体旅游广电局",
            "柴达木循环经济试验区管委会产业发展部",
            "各市、县人民政府",
            "大柴旦行委"
        ]
    );
}

// Line 26 / 28: leads and aliases; 州交通局 (line 28) is 州交通运输局 (line 26).
#[test]
fn leads_and_aliases() {
    let p = haixi();
    assert_eq!(units(&p, task(&p, 0, "(一)"), Role::Lead), ["州卫健委"]);
    assert_eq!(units(&p, task(&p, 0, "(二)"), Role::Lead), ["州扶贫局", "州生态环境局", "州财政局"]);
    let transport = p.units.iter().find(|u| u.is_named("州交通局")).unwrap();
    assert_eq!(transport.name, "州交通运输局");
    let counties = p.units.iter().find(|u| u.name == "各市、县人民政府").unwrap();
    assert_eq!(counties.collective, Some(Collective::Governments { level: AdminLevel::County, count: None }));
    // Line 40: 政府办放管服改革协调科 leads (八).
    assert!(units(&p, task(&p, 0, "(八)"), Role::Lead).contains(&"政府办放管服改革协调科".to_string()));
}

// Line 34: 2020年中央预算内…项目10月底之前必须开工建设,年内完成70%以上工程量和投资额.
#[test]
fn october_deadline_and_seventy_percent() {
    let p = haixi();
    let t = task(&p, 0, "(五)");
    let d = t.deadlines.iter().find(|d| d.text.contains("10月底")).unwrap();
    assert_eq!(d.date, date(2020, 10, 31));
    assert_eq!(d.precision, Precision::Month);
    let x = target(t, "工程量和投资额");
    assert_eq!(x.amount, Some(Amount::at_least(dec!(70))));
    assert_eq!(x.deadline.as_ref().unwrap().date, date(2020, 12, 31));
}

// Line 34: 52.1亿元 + 22亿元 + 8.28亿元 + 3.35亿元 + 2.32亿元 + 3.5亿元 = 91.55亿元 by project class.
#[test]
fn investment_by_project_class_sums() {
    let p = haixi();
    let t = task(&p, 0, "(五)");
    let classes = ["重点产业项目", "能源项目", "城建、生态项目", "水利项目", "文旅项目", "青园卓玛药业"];
    let sum: Decimal = classes.iter().map(|c| value(target(t, c))).sum();
    assert_eq!(sum, dec!(9155000000));
    assert!(classes.iter().all(|c| target(t, c).measure == Measure::Money));
    // Line 34: the 173 projects of the Q4 入库 plan, 37.77亿元, a separate figure.
    assert_eq!(value(target(t, "173个项目")), dec!(3777000000));
}

// Line 32 / 42: employment figures; 3.5%以内 is at most.
#[test]
fn employment_figures() {
    let p = haixi();
    let t = task(&p, 0, "(四).二是");
    assert_eq!(value(target(t, "城镇新增就业")), dec!(13000));
    assert_eq!(value(target(t, "转移就业")), dec!(80000));
    assert_eq!(target(t, "失业率").amount, Some(Amount::at_most(dec!(3.5))));
    // Line 42: 州级部门一般性支出压减20%左右.
    let cut = target(task(&p, 0, "(九).五是"), "一般性支出");
    assert_eq!(
        cut.measure,
        Measure::Change { direction: ChangeDirection::Decrease, scale: Some(ChangeScale::Percent) }
    );
    assert_eq!(cut.comparator(), Some(Comparator::Approximately));
    assert_eq!(cut.scope.as_deref(), Some("州级部门"));
}

// Whole file: phrases verbatim; no errors; the only warnings are (六)'s and (九)'s no_lead.
#[test]
fn validates_with_only_no_lead_warnings() {
    let p = haixi();
    phrases_are_verbatim(&p);
    let report = minsheng::validate(&p);
    assert!(report.is_valid(), "{:?}", report.errors().collect::<Vec<_>>());
    let codes: Vec<Code> = report.warnings().map(|f| f.code).collect();
    assert_eq!(codes, [Code::NoLead, Code::NoLead]);
}
