//! A deterministic generator of realistic programmes, for benchmarks, property
//! tests and `minsheng gen`.
//!
//! [`programme`] builds a prefecture-level programme of any size from a seed:
//! a registry of about a hundred units (departments with their short names,
//! collectives such as 各县区人民政府 and 10县市人民政府, enterprises, mass
//! organisations and a leading group with its members), about ten sections,
//! and tasks and sub-tasks whose targets mix every kind of measure. The
//! programme it returns passes [`validate`](crate::validate()) without a
//! single finding, and the same seed always gives the same programme.
//!
//! [`break_rule`] then damages a generated programme so that it breaks
//! exactly one rule, for testing the validator: each [`Defect`] maps to one
//! [`Code`].
//!
//! ```
//! use minsheng::generate::{self, Defect, Options};
//! let mut p = generate::programme(&Options { tasks: 40, seed: 7 });
//! assert_eq!(p.task_count(), 40);
//! assert!(minsheng::validate(&p).findings.is_empty());
//! assert!(generate::break_rule(&mut p, Defect::InvertedRange, 1));
//! assert!(minsheng::validate(&p).has(minsheng::Code::InvertedRange));
//! ```

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::model::number::chinese_numeral;
use crate::model::{
    AdminLevel, Amount, Baseline, Breakdown, ChangeDirection, ChangeScale, Collective, Comparator, Deadline,
    DeclaredCount, DivisionCode, DocumentNumber, DocumentRef, Jurisdiction, Lifecycle, Measure, Method, NumberSegment,
    NumberStyle, PerMember, Phase, Precision, Programme, ProgrammeId, Provenance, ReportingRequirement, Responsibility,
    ResponsibleUnit, Role, Section, SectionId, Target, TargetId, Task, TaskId, TaskNumber, Unit, UnitId, UnitKind,
};
use crate::validate::Code;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Options {
    /// How many tasks in all, sub-tasks included.
    pub tasks: usize,
    /// The seed; the same seed and task count always give the same programme.
    pub seed: u64,
}

impl Default for Options {
    /// A hundred tasks from seed 0.
    fn default() -> Self {
        Self { tasks: 100, seed: 0 }
    }
}

/// Generates a valid programme with `options.tasks` tasks (sub-tasks
/// included), deterministically from `options.seed`, in time linear in the
/// number of tasks.
pub fn programme(options: &Options) -> Programme {
    let mut g = Gen::new(options.seed);
    let city = g.pick(&CITIES, DEFAULT_CITY);
    let year = g.range_i64(2019, 2026) as i32;
    match g.build(options.tasks, city, year) {
        Some(p) => p,
        // Every id and date the generator makes is valid, so this is never
        // reached; it keeps the function free of panics all the same.
        None => Programme::new(
            programme_id(year),
            city.title(year),
            year,
            Jurisdiction::new(city.name, AdminLevel::Prefecture),
        ),
    }
}

/// A programme id for `year`. `gen-<year>` always satisfies the id pattern
/// (ASCII letters, digits and `-`), so the first attempt succeeds; the loop
/// only gives the types an answer without a panic.
fn programme_id(year: i32) -> ProgrammeId {
    loop {
        if let Ok(id) = ProgrammeId::new(format!("gen-{year}")) {
            return id;
        }
    }
}

/// A prefecture-level city to set a programme in.
#[derive(Debug, Clone, Copy)]
struct City {
    name: &'static str,
    short: &'static str,
    code: &'static str,
    province: &'static str,
    agency: &'static str,
}

impl City {
    fn title(&self, year: i32) -> String {
        format!("{}人民政府办公室关于印发{year}年民生实事工程实施方案的通知", self.name)
    }
}

const DEFAULT_CITY: City =
    City { name: "海东市", short: "海东", code: "630200", province: "青海省", agency: "东政办" };

const CITIES: [City; 8] = [
    City { name: "海东市", short: "海东", code: "630200", province: "青海省", agency: "东政办" },
    City { name: "淮北市", short: "淮北", code: "340600", province: "安徽省", agency: "淮政办" },
    City { name: "曲靖市", short: "曲靖", code: "530300", province: "云南省", agency: "曲政办" },
    City { name: "天水市", short: "天水", code: "620500", province: "甘肃省", agency: "天政办" },
    City { name: "安康市", short: "安康", code: "610900", province: "陕西省", agency: "安政办" },
    City { name: "玉溪市", short: "玉溪", code: "530400", province: "云南省", agency: "玉政办" },
    City { name: "张掖市", short: "张掖", code: "620700", province: "甘肃省", agency: "张政办" },
    City { name: "汉中市", short: "汉中", code: "610700", province: "陕西省", agency: "汉政办" },
];

/// Prefecture departments and institutions: name without the 市 prefix, a
/// short name (alias) or "", and its kind (departments may lead tasks).
const DEPARTMENTS: [(&str, &str, UnitKind); 60] = [
    ("发展和改革委员会", "发改委", UnitKind::Department),
    ("教育局", "", UnitKind::Department),
    ("科学技术局", "科技局", UnitKind::Department),
    ("工业和信息化局", "工信局", UnitKind::Department),
    ("公安局", "", UnitKind::Department),
    ("民政局", "", UnitKind::Department),
    ("司法局", "", UnitKind::Department),
    ("财政局", "", UnitKind::Department),
    ("人力资源和社会保障局", "人社局", UnitKind::Department),
    ("自然资源和规划局", "自然资源局", UnitKind::Department),
    ("生态环境局", "", UnitKind::Department),
    ("住房和城乡建设局", "住建局", UnitKind::Department),
    ("交通运输局", "交通局", UnitKind::Department),
    ("水务局", "", UnitKind::Department),
    ("农业农村局", "农业局", UnitKind::Department),
    ("商务局", "", UnitKind::Department),
    ("文化和旅游局", "文旅局", UnitKind::Department),
    ("卫生健康委员会", "卫健委", UnitKind::Department),
    ("退役军人事务局", "退役军人局", UnitKind::Department),
    ("应急管理局", "应急局", UnitKind::Department),
    ("审计局", "", UnitKind::Department),
    ("国有资产监督管理委员会", "国资委", UnitKind::Department),
    ("市场监督管理局", "市场监管局", UnitKind::Department),
    ("体育局", "", UnitKind::Department),
    ("统计局", "", UnitKind::Department),
    ("医疗保障局", "医保局", UnitKind::Department),
    ("林业和草原局", "林草局", UnitKind::Department),
    ("乡村振兴局", "", UnitKind::Department),
    ("城市管理局", "城管局", UnitKind::Department),
    ("数据资源管理局", "数据局", UnitKind::Department),
    ("政务服务管理局", "政务服务局", UnitKind::Department),
    ("民族宗教事务委员会", "民宗委", UnitKind::Department),
    ("粮食和物资储备局", "粮食局", UnitKind::Department),
    ("能源局", "", UnitKind::Department),
    ("人民防空办公室", "人防办", UnitKind::Department),
    ("机关事务管理局", "机关事务局", UnitKind::Department),
    ("信访局", "", UnitKind::Department),
    ("地方金融管理局", "金融局", UnitKind::Department),
    ("供销合作社联合社", "供销社", UnitKind::Institution),
    ("残疾人康复中心", "", UnitKind::Institution),
    ("疾病预防控制中心", "疾控中心", UnitKind::Institution),
    ("妇幼保健院", "", UnitKind::Institution),
    ("第一人民医院", "", UnitKind::Institution),
    ("中医医院", "中医院", UnitKind::Institution),
    ("公共资源交易中心", "", UnitKind::Institution),
    ("住房公积金管理中心", "公积金中心", UnitKind::Institution),
    ("不动产登记中心", "", UnitKind::Institution),
    ("社会保险事业管理局", "社保局", UnitKind::Department),
    ("就业服务局", "就业局", UnitKind::Department),
    ("图书馆", "", UnitKind::Institution),
    ("博物馆", "", UnitKind::Institution),
    ("文化馆", "", UnitKind::Institution),
    ("广播电视台", "", UnitKind::Institution),
    ("融媒体中心", "", UnitKind::Institution),
    ("公路管理局", "公路局", UnitKind::Department),
    ("水文水资源勘测局", "水文局", UnitKind::Institution),
    ("气象局", "", UnitKind::CentralVertical),
    ("消防救援支队", "", UnitKind::CentralVertical),
    ("公安局交通警察支队", "交警支队", UnitKind::Department),
    ("生态环境监测站", "", UnitKind::Institution),
];

/// Other single bodies: a name pattern (`{c}` is the city's short name,
/// `{C}` its full name) and its kind.
const OTHERS: [(&str, UnitKind); 28] = [
    ("市委组织部", UnitKind::PartyOrgan),
    ("市委宣传部", UnitKind::PartyOrgan),
    ("市委政法委", UnitKind::PartyOrgan),
    ("市委网信办", UnitKind::PartyOrgan),
    ("市委农办", UnitKind::PartyOrgan),
    ("市委编办", UnitKind::PartyOrgan),
    ("市总工会", UnitKind::MassOrganisation),
    ("团市委", UnitKind::MassOrganisation),
    ("市妇联", UnitKind::MassOrganisation),
    ("市残联", UnitKind::MassOrganisation),
    ("市红十字会", UnitKind::MassOrganisation),
    ("市科协", UnitKind::MassOrganisation),
    ("市工商联", UnitKind::MassOrganisation),
    ("国网{c}供电公司", UnitKind::Enterprise),
    ("中国电信{c}分公司", UnitKind::Enterprise),
    ("中国移动{c}分公司", UnitKind::Enterprise),
    ("中国联通{c}分公司", UnitKind::Enterprise),
    ("{c}城市建设投资集团有限公司", UnitKind::Enterprise),
    ("{c}水务集团有限公司", UnitKind::Enterprise),
    ("{c}公共交通集团有限公司", UnitKind::Enterprise),
    ("国家税务总局{C}税务局", UnitKind::CentralVertical),
    ("{C}邮政管理局", UnitKind::CentralVertical),
    ("中国人民银行{C}分行", UnitKind::CentralVertical),
    ("国家金融监督管理总局{C}监管分局", UnitKind::CentralVertical),
    ("{C}中级人民法院", UnitKind::Judicial),
    ("{C}人民检察院", UnitKind::Judicial),
    ("{c}高新技术产业开发区管理委员会", UnitKind::Institution),
    ("{c}经济技术开发区管理委员会", UnitKind::Institution),
];

const SECTION_TITLES: [&str; 12] = [
    "就业促进工程",
    "教育提升工程",
    "健康保障工程",
    "社会保障工程",
    "住房安居工程",
    "交通出行工程",
    "生态环境工程",
    "文化体育工程",
    "乡村振兴工程",
    "城市更新工程",
    "食品安全工程",
    "养老托育工程",
];

const GENERIC_WORK: [&str; 8] = [
    "推进社区综合服务设施建设，不断提升群众获得感",
    "健全困难群众常态化帮扶机制",
    "深化\"放管服\"改革，优化便民服务",
    "开展城乡环境综合整治行动",
    "加强食品药品安全监管",
    "完善基层公共文化服务体系",
    "推进智慧城市便民应用建设",
    "实施校园安全提升行动",
];

const PART_SCOPES: [&str; 5] = ["城区", "东部县区", "西部县区", "高新区", "经开区"];
const FUND_SCOPES: [&str; 4] = ["中央", "省级", "市级", "县级"];
const SCHOOLS: [&str; 6] = ["第一中学", "第二中学", "第三中学", "实验中学", "民族中学", "职业技术学校"];

/// The units quantities come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum U {
    Person,
    PersonTime,
    Household,
    Item,
    Mu,
    Km,
    Sqm,
    Suo,
    Tao,
    Zhuang,
    Changci,
}

impl U {
    fn unit(self) -> Unit {
        match self {
            U::Person => Unit::Person,
            U::PersonTime => Unit::PersonTime,
            U::Household => Unit::Household,
            U::Item => Unit::Item,
            U::Mu => Unit::Mu,
            U::Km => Unit::Kilometre,
            U::Sqm => Unit::SquareMetre,
            U::Suo => Unit::Institution,
            U::Tao => Unit::Set,
            U::Zhuang => Unit::BuildingZhuang,
            U::Changci => Unit::Performance,
        }
    }
}

/// How a template measures its subject.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Qty(U),
    PerMember(U),
    Percent { share: bool },
    Rate { per: i64 },
    MoneyWan,
    MoneyYi,
    Change(ChangeDirection, Option<ChangeScale>),
    Categorical(&'static str),
    Deferred(&'static str),
}

/// A kind of target: subject, the words before its figure, how it is
/// measured and the range of its figure.
#[derive(Debug, Clone, Copy)]
struct Template {
    subject: &'static str,
    verb: &'static str,
    kind: Kind,
    lo: i64,
    hi: i64,
}

const fn tpl(subject: &'static str, verb: &'static str, kind: Kind, lo: i64, hi: i64) -> Template {
    Template { subject, verb, kind, lo, hi }
}

const TEMPLATES: [Template; 32] = [
    tpl("城镇新增就业", "城镇新增就业", Kind::Qty(U::Person), 2000, 60000),
    tpl("职业技能培训", "开展职业技能培训", Kind::Qty(U::PersonTime), 5000, 120000),
    tpl("农村危房改造", "改造农村危房", Kind::Qty(U::Household), 100, 3000),
    tpl("新建公办幼儿园", "新建公办幼儿园", Kind::Qty(U::Suo), 2, 30),
    tpl("高标准农田建设", "建设高标准农田", Kind::Qty(U::Mu), 10000, 300000),
    tpl("农村公路提质改造", "提质改造农村公路", Kind::Qty(U::Km), 50, 800),
    tpl("城镇老旧小区改造", "改造城镇老旧小区", Kind::Qty(U::Sqm), 50000, 2000000),
    tpl("公共充电桩建设", "建设公共充电桩", Kind::Qty(U::Item), 100, 3000),
    tpl("老年人免费健康体检", "为65岁以上老年人免费健康体检", Kind::Qty(U::PersonTime), 10000, 200000),
    tpl("保障性租赁住房筹集", "筹集保障性租赁住房", Kind::Qty(U::Tao), 500, 20000),
    tpl("两癌筛查", "为农村适龄妇女开展两癌筛查", Kind::Qty(U::Person), 5000, 80000),
    tpl("临时救助", "实施临时救助", Kind::Qty(U::PersonTime), 1000, 30000),
    tpl("农村户厕改造", "改造农村户用卫生厕所", Kind::Qty(U::Household), 1000, 30000),
    tpl("社区嵌入式养老服务站建设", "新建社区嵌入式养老服务站", Kind::Qty(U::Item), 5, 60),
    tpl("文化惠民演出", "开展文化惠民演出", Kind::Qty(U::Changci), 100, 2000),
    tpl("学生宿舍建设", "新建学生宿舍", Kind::PerMember(U::Zhuang), 1, 3),
    tpl("农作物秸秆综合利用率", "农作物秸秆综合利用率", Kind::Percent { share: true }, 80, 95),
    tpl("城市生活垃圾无害化处理率", "城市生活垃圾无害化处理率", Kind::Percent { share: true }, 95, 100),
    tpl("适龄儿童免疫规划疫苗接种率", "适龄儿童免疫规划疫苗接种率", Kind::Percent { share: true }, 90, 99),
    tpl("民生资金落实率", "民生资金落实率", Kind::Percent { share: false }, 95, 120),
    tpl("婴儿死亡率", "婴儿死亡率", Kind::Rate { per: 1000 }, 3, 8),
    tpl("孕产妇死亡率", "孕产妇死亡率", Kind::Rate { per: 100_000 }, 8, 18),
    tpl("民生实事资金投入", "投入民生实事资金", Kind::MoneyWan, 500, 50000),
    tpl("创业担保贷款发放", "发放创业担保贷款", Kind::MoneyYi, 1, 30),
    tpl(
        "城乡居民人均可支配收入",
        "城乡居民人均可支配收入",
        Kind::Change(ChangeDirection::Increase, Some(ChangeScale::Percent)),
        5,
        9,
    ),
    tpl(
        "细颗粒物(PM2.5)平均浓度",
        "细颗粒物(PM2.5)平均浓度",
        Kind::Change(ChangeDirection::Decrease, Some(ChangeScale::Percent)),
        2,
        8,
    ),
    tpl(
        "学前教育毛入园率",
        "学前教育毛入园率",
        Kind::Change(ChangeDirection::Increase, Some(ChangeScale::PercentagePoints)),
        1,
        3,
    ),
    tpl("规模以上工业增加值增速", "规模以上工业增加值增速", Kind::Change(ChangeDirection::TurnPositive, None), 0, 0),
    tpl("居民健康素养水平", "居民健康素养水平", Kind::Change(ChangeDirection::Increase, None), 0, 0),
    tpl("地表水水质", "地表水水质稳定达到", Kind::Categorical("Ⅲ类"), 0, 0),
    tpl("国家卫生城市复审", "通过", Kind::Categorical("国家卫生城市标准"), 0, 0),
    tpl("控辍保学", "完成", Kind::Deferred("省教育厅下达的控辍保学目标任务"), 0, 0),
];

/// The registry the generator draws on: unit ids and names by role.
#[derive(Debug, Default)]
struct Registry {
    units: Vec<ResponsibleUnit>,
    /// Indices of units that may lead a task.
    leads: Vec<usize>,
    /// Indices of units that may cooperate on a task.
    cooperating: Vec<usize>,
}

struct Gen {
    rng: ChaCha8Rng,
    next_task: usize,
    next_target: usize,
    year: i32,
    reg: Registry,
}

fn ident<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    if m >= 12 { date(y, 12, 31) } else { date(y, m + 1, 1)?.pred_opt() }
}

/// Writes a count with 万 folded in as the notices do: 35000 → 3.5万.
fn count_text(v: i64) -> String {
    if v >= 10_000 && v % 100 == 0 {
        match Decimal::from(v).checked_div(Decimal::from(10_000)) {
            Some(w) => format!("{}万", w.normalize()),
            None => v.to_string(),
        }
    } else {
        v.to_string()
    }
}

/// Writes a range as the notices do: 2.5—3万 when both ends fold into 万,
/// plain digits otherwise.
fn range_text(a: i64, b: i64) -> String {
    let wan = |v: i64| Decimal::from(v).checked_div(Decimal::from(10_000)).map(|w| w.normalize());
    match (wan(a), wan(b)) {
        (Some(x), Some(y)) if a >= 10_000 && a % 100 == 0 && b % 100 == 0 => format!("{x}—{y}万"),
        _ => format!("{a}—{b}"),
    }
}

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Rounds a figure to look like one a notice would print.
fn nice(v: i64) -> i64 {
    if v >= 10_000 {
        v - v % 100
    } else if v >= 1000 {
        v - v % 10
    } else {
        v
    }
}

impl Gen {
    fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            next_task: 0,
            next_target: 0,
            year: 2021,
            reg: Registry::default(),
        }
    }

    /// A uniform index below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.rng.random_range(0..n) }
    }

    /// A uniform integer in `lo..=hi` (`lo` when the range is empty).
    fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { self.rng.random_range(lo..=hi) }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    /// A uniform element of `xs`, or `default` when `xs` is empty.
    fn pick<T: Copy>(&mut self, xs: &[T], default: T) -> T {
        let i = self.below(xs.len());
        xs.get(i).copied().unwrap_or(default)
    }

    fn task_id(&mut self) -> Option<TaskId> {
        self.next_task += 1;
        ident(&format!("t{}", self.next_task))
    }

    fn target_id(&mut self) -> Option<TargetId> {
        self.next_target += 1;
        ident(&format!("x{}", self.next_target))
    }

    fn build(&mut self, tasks: usize, city: City, year: i32) -> Option<Programme> {
        self.year = year;
        let written = date(year, 1, 15)?;
        self.registry(city)?;
        let office = self.reg.units.get(1)?.id.clone();
        let mut p = Programme::new(
            ident(&format!("gen-{}-{year}", city.code))?,
            city.title(year),
            year,
            Jurisdiction {
                name: city.name.into(),
                level: AdminLevel::Prefecture,
                division_code: DivisionCode::new(city.code).ok(),
                within: Some(city.province.into()),
            },
        );
        let serial = self.range_i64(1, 60) as u32;
        p.document = DocumentRef {
            number: Some(DocumentNumber { agency: city.agency.into(), year, serial }),
            title: Some(format!("{year}年民生实事工程实施方案")),
            issuers: vec![office],
            written: Some(written),
            published: date(year, 1, 20),
            ..DocumentRef::default()
        };
        p.addressees = Some("各县区人民政府，市政府各部门，市直各单位".into());
        p.provenance = Some(Provenance {
            source: "minsheng::generate".into(),
            method: Some(Method::Generated),
            retrieved: None,
            notes: Some(format!("{tasks} tasks")),
        });

        // Split the tasks into top-level tasks with their sub-tasks.
        let mut groups: Vec<usize> = Vec::with_capacity(tasks);
        let mut remaining = tasks;
        while remaining > 0 {
            let subs = if remaining >= 3 && self.chance(0.25) {
                self.range_i64(2, remaining.saturating_sub(1).min(4) as i64) as usize
            } else {
                0
            };
            let size = (1 + subs).min(remaining);
            groups.push(size - 1);
            remaining -= size;
        }
        let section_count = groups.len().min(10);
        let first_title = self.below(SECTION_TITLES.len());
        let mut sections: Vec<Section> = Vec::with_capacity(section_count);
        for i in 0..section_count {
            let title = SECTION_TITLES.get((first_title + i) % SECTION_TITLES.len()).copied().unwrap_or("民生工程");
            let mut s = Section::new(ident(&format!("s{}", i + 1))?, title);
            s.number =
                TaskNumber::new(vec![NumberSegment { value: i as u32 + 1, style: NumberStyle::ParenChinese }]).ok();
            s.kind = Some("民生实事".into());
            if self.chance(0.3) {
                s.lifecycle = Some(if self.chance(0.5) { Lifecycle::New } else { Lifecycle::Continued });
            }
            sections.push(s);
        }
        let total_groups = groups.len();
        for (g, subs) in groups.into_iter().enumerate() {
            let si = (g * section_count).checked_div(total_groups).unwrap_or(0);
            let Some(value) = sections.get(si).map(|s| s.tasks.len() as u32 + 1) else { continue };
            let number = TaskNumber::new(vec![NumberSegment { value, style: NumberStyle::Arabic }]).ok();
            let first = g == 0;
            let task = self.task(number, subs, first)?;
            if let Some(section) = sections.get_mut(si) {
                section.tasks.push(task);
            }
        }
        for s in &mut sections {
            if self.chance(0.6) {
                s.declared_count = Some(s.tasks.len() as u32);
            }
        }
        let top: usize = sections.iter().map(|s| s.tasks.len()).sum();
        p.declared_counts.push(DeclaredCount {
            text: format!("{top}项民生实事"),
            count: top as u32,
            sections: Vec::new(),
        });
        if let [a, b, ..] = sections.as_slice() {
            let n = a.tasks.len() + b.tasks.len();
            p.declared_counts.push(DeclaredCount {
                text: format!("{}和{}共{n}项", a.title, b.title),
                count: n as u32,
                sections: vec![a.id.clone(), b.id.clone()],
            });
        }
        p.sections = sections;

        p.phases = vec![
            Phase {
                name: "制定方案阶段".into(),
                timing: Deadline::window("1月15日至2月底", written, month_end(year, 2)?, Precision::Month),
                description: Some("各牵头单位制定具体实施方案，明确责任分工".into()),
                extra: Default::default(),
            },
            Phase {
                name: "组织实施阶段".into(),
                timing: Deadline::window("3月至11月", date(year, 3, 1)?, date(year, 11, 30)?, Precision::Month),
                description: Some("各责任单位按照时间节点推进项目建设".into()),
                extra: Default::default(),
            },
            Phase {
                name: "检查考核阶段".into(),
                timing: Deadline::window("12月", date(year, 12, 1)?, date(year, 12, 31)?, Precision::Month),
                description: Some("市政府督查室组织开展检查考核".into()),
                extra: Default::default(),
            },
        ];

        let reg = &self.reg.units;
        let by_collective = |pred: &dyn Fn(&Collective) -> bool| -> Vec<UnitId> {
            reg.iter().filter(|u| u.collective.as_ref().is_some_and(pred)).map(|u| u.id.clone()).collect()
        };
        let reporters = by_collective(&|_| true);
        // The government itself and its supervision office (index 1, the
        // office, issues the notice).
        let recipients: Vec<UnitId> = [0, 2].iter().filter_map(|&i| reg.get(i)).map(|u| u.id.clone()).collect();
        let due_days = [(3, 25), (7, 5), (10, 5), (12, 5)];
        let mut due = Vec::with_capacity(due_days.len());
        for (m, d) in due_days {
            due.push(Deadline::by(format!("{m}月{d}日前"), date(year, m, d)?, Precision::Day));
        }
        p.reporting.push(ReportingRequirement {
            text: "各牵头单位于3月25日、7月5日、10月5日、12月5日前将工作进展情况书面报市人民政府和市政府督查室".into(),
            content: Some("工作进展情况、创新做法、取得的成效及存在的困难问题".into()),
            reporters,
            recipients,
            due,
            frequency: None,
            channel: Some("书面形式".into()),
            contacts: Vec::new(),
            extra: Default::default(),
        });
        p.leading_group = self.reg.units.iter().find(|u| u.kind == UnitKind::Group).map(|u| u.id.clone());
        p.units = std::mem::take(&mut self.reg.units);
        Some(p)
    }

    /// Fills the registry. Index 0 is the government, 1 its office (the
    /// issuer), 2 the supervision office; then departments, other bodies,
    /// collectives and the leading group, whose members are every single
    /// body that can lead or cooperate, so that every unit is referenced.
    fn registry(&mut self, city: City) -> Option<()> {
        let mut units: Vec<ResponsibleUnit> = Vec::with_capacity(110);
        let mut leads = Vec::new();
        let mut cooperating = Vec::new();
        let add = |units: &mut Vec<ResponsibleUnit>, name: String, kind: UnitKind| -> Option<usize> {
            let id: UnitId = ident(&format!("u{}", units.len() + 1))?;
            units.push(ResponsibleUnit::new(id, name, kind).at(AdminLevel::Prefecture));
            Some(units.len() - 1)
        };
        add(&mut units, format!("{}人民政府", city.name), UnitKind::Government)?;
        let office = add(&mut units, format!("{}人民政府办公室", city.name), UnitKind::Government)?;
        if let Some(u) = units.get_mut(office) {
            u.aliases.push("市政府办".into());
        }
        add(&mut units, "市政府督查室".into(), UnitKind::Government)?;
        for (name, alias, kind) in DEPARTMENTS {
            let i = add(&mut units, format!("市{name}"), kind)?;
            if !alias.is_empty()
                && let Some(u) = units.get_mut(i)
            {
                u.aliases.push(format!("市{alias}"));
            }
            if kind == UnitKind::Department {
                leads.push(i);
            }
            cooperating.push(i);
        }
        for (pattern, kind) in OTHERS {
            let name = pattern.replace("{c}", city.short).replace("{C}", city.name);
            let i = add(&mut units, name, kind)?;
            if matches!(kind, UnitKind::PartyOrgan | UnitKind::MassOrganisation) {
                leads.push(i);
            }
            cooperating.push(i);
        }
        let members: Vec<UnitId> = cooperating.iter().filter_map(|&i| units.get(i)).map(|u| u.id.clone()).collect();
        let group_id: UnitId = ident(&format!("u{}", units.len() + 8))?;
        let collectives: [(&str, Collective, bool); 7] = [
            ("各县区人民政府", Collective::Governments { level: AdminLevel::County, count: None }, true),
            ("10县市人民政府", Collective::Governments { level: AdminLevel::County, count: Some(10) }, true),
            (
                "各乡镇人民政府（街道办事处）",
                Collective::Governments { level: AdminLevel::Township, count: None },
                true,
            ),
            ("市直有关部门", Collective::RelevantDepartments { level: Some(AdminLevel::Prefecture) }, true),
            ("各牵头单位", Collective::RoleHolders { role: Role::Lead }, false),
            ("市民生实事工作领导小组各成员单位", Collective::GroupMembers { group: group_id.as_str().into() }, false),
            ("各配合单位", Collective::RoleHolders { role: Role::Cooperating }, false),
        ];
        for (name, collective, cooperates) in collectives {
            let kind = match collective {
                Collective::Governments { .. } => UnitKind::Government,
                _ => UnitKind::Other,
            };
            let level = match &collective {
                Collective::Governments { level, .. } => *level,
                _ => AdminLevel::Prefecture,
            };
            let i = add(&mut units, name.into(), kind)?;
            if let Some(u) = units.get_mut(i) {
                u.level = Some(level);
                u.collective = Some(collective);
            }
            if cooperates {
                cooperating.push(i);
            }
        }
        let mut group =
            ResponsibleUnit::new(group_id, "市民生实事工作领导小组", UnitKind::Group).at(AdminLevel::Prefecture);
        group.members = members;
        group.head = Some("副市长".into());
        units.push(group);
        self.reg = Registry { units, leads, cooperating };
        Some(())
    }

    fn unit_at(&self, i: usize) -> Option<&ResponsibleUnit> {
        self.reg.units.get(i)
    }

    /// Picks up to `n` distinct units from `pool` that are not in `taken`.
    fn distinct(&mut self, pool_is_leads: bool, n: usize, taken: &mut Vec<usize>) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        let len = if pool_is_leads { self.reg.leads.len() } else { self.reg.cooperating.len() };
        let mut tries = 0;
        while out.len() < n && tries < 4 * n + 4 {
            tries += 1;
            let k = self.below(len);
            let pool = if pool_is_leads { &self.reg.leads } else { &self.reg.cooperating };
            let Some(&i) = pool.get(k) else { break };
            if !taken.contains(&i) {
                taken.push(i);
                out.push(i);
            }
        }
        out
    }

    fn responsibilities(&mut self, task: &mut Task, top: bool, first: bool) {
        let mut taken = Vec::new();
        let (leads, joint) = if top && !first && self.chance(0.05) {
            (self.distinct(true, 2, &mut taken), true)
        } else if top || self.chance(0.4) {
            (self.distinct(true, 1, &mut taken), false)
        } else if self.chance(0.4) {
            (Vec::new(), false)
        } else {
            // A sub-task without units of its own inherits its parent's.
            return;
        };
        let n = self.below(4);
        let coop = self.distinct(false, n, &mut taken);
        let name = |g: &Gen, i: usize| g.unit_at(i).map(|u| u.name.clone()).unwrap_or_default();
        let lead_names: Vec<String> = leads.iter().map(|&i| name(self, i)).collect();
        let coop_names: Vec<String> = coop.iter().map(|&i| name(self, i)).collect();
        for &i in &leads {
            if let Some(u) = self.unit_at(i) {
                let r = if joint { Responsibility::joint(u.id.clone()) } else { Responsibility::lead(u.id.clone()) };
                task.responsibilities.push(r);
            }
        }
        for &i in &coop {
            if let Some(u) = self.unit_at(i) {
                task.responsibilities.push(Responsibility::cooperating(u.id.clone()));
            }
        }
        let text = match (lead_names.is_empty(), coop_names.is_empty(), joint) {
            (false, _, true) => format!("（{}根据职责分别负责）", lead_names.join("、")),
            (false, true, false) => format!("（{}牵头）", lead_names.join("、")),
            (false, false, false) => format!("（{}牵头，{}配合）", lead_names.join("、"), coop_names.join("、")),
            (true, false, _) => format!("（{}配合）", coop_names.join("、")),
            (true, true, _) => return,
        };
        task.responsibility_text = Some(text);
    }

    fn deadline(&mut self) -> Option<Deadline> {
        let y = self.year;
        Some(match self.below(5) {
            0 => Deadline::by("年底前", date(y, 12, 31)?, Precision::Year),
            1 => {
                let m = self.range_i64(3, 11) as u32;
                Deadline::by(format!("{m}月底前"), month_end(y, m)?, Precision::Month)
            }
            2 => {
                let q = self.range_i64(2, 4) as u32;
                let start = date(y, 3 * q - 2, 1)?;
                Deadline::window(
                    format!("第{}季度", chinese_numeral(q)),
                    start,
                    month_end(y, 3 * q)?,
                    Precision::Quarter,
                )
            }
            3 => Deadline::by("上半年", date(y, 6, 30)?, Precision::HalfYear),
            _ => {
                let m = self.range_i64(2, 12) as u32;
                let d = self.range_i64(1, 28) as u32;
                Deadline::by(format!("{m}月{d}日前"), date(y, m, d)?, Precision::Day)
            }
        })
    }

    /// A top-level task with `subs` tasks below it. Some put part of them a
    /// third level down, as Chuxiong does (1.(1)①), keeping the count exact.
    fn task(&mut self, number: Option<TaskNumber>, subs: usize, first: bool) -> Option<Task> {
        let mut t = self.leaf(number.clone(), true, first)?;
        let nested = if subs >= 3 && self.chance(0.3) { self.range_i64(2, subs as i64 - 1) as usize } else { 0 };
        for m in 0..subs - nested {
            let n = number
                .as_ref()
                .map(|n| n.child(NumberSegment { value: m as u32 + 1, style: NumberStyle::ParenArabic }));
            let mut sub = self.leaf(n.clone(), false, false)?;
            if m == 0 {
                for k in 0..nested {
                    let nn =
                        n.as_ref().map(|n| n.child(NumberSegment { value: k as u32 + 1, style: NumberStyle::Circled }));
                    let leaf = self.leaf(nn, false, false)?;
                    sub.subtasks.push(leaf);
                }
            }
            t.subtasks.push(sub);
        }
        Some(t)
    }

    fn leaf(&mut self, number: Option<TaskNumber>, top: bool, first: bool) -> Option<Task> {
        let id = self.task_id()?;
        let weights = [10usize, 35, 30, 15, 10];
        let mut roll = self.below(100);
        let mut count = 0;
        for (k, w) in weights.iter().enumerate() {
            if roll < *w {
                count = k;
                break;
            }
            roll -= w;
        }
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        let mut tries = 0;
        while chosen.len() < count && tries < 16 {
            tries += 1;
            let i = self.below(TEMPLATES.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        let mut clauses: Vec<String> = Vec::with_capacity(chosen.len());
        let mut targets = Vec::with_capacity(chosen.len());
        for i in chosen {
            let Some(template) = TEMPLATES.get(i).copied() else { continue };
            let (target, clause) = self.target(template)?;
            clauses.push(clause);
            targets.push(target);
        }
        let title = match targets.first() {
            Some(t) if top && matches!(t.measure, Measure::Quantity { .. }) && self.chance(0.4) => {
                Some(format!("{}行动", t.subject))
            }
            _ => None,
        };
        let mut description = String::new();
        if let Some(title) = &title {
            description.push_str(title);
            description.push('：');
        }
        if clauses.is_empty() {
            let work = self.pick(&GENERIC_WORK, "推进民生实事项目建设");
            description.push_str(work);
        } else {
            description.push_str(&clauses.join("，"));
        }
        let mut task = Task::new(id, String::new());
        task.number = number;
        task.title = title;
        task.targets = targets;
        if self.chance(0.3) {
            let d = self.deadline()?;
            description.push('，');
            description.push_str(&d.text);
            description.push_str("完成");
            task.deadlines.push(d);
        }
        description.push('。');
        task.description = description;
        if top && self.chance(0.2) {
            task.lifecycle = Some(match self.below(3) {
                0 => Lifecycle::New,
                1 => Lifecycle::Continued,
                _ => Lifecycle::Adjusted,
            });
        }
        self.responsibilities(&mut task, top, first);
        Some(task)
    }

    fn comparator(&mut self, kind: &Kind) -> Comparator {
        let roll = self.below(100);
        match kind {
            Kind::Qty(_) => match roll {
                0..45 => Comparator::Exactly,
                45..65 => Comparator::AtLeast,
                65..73 => Comparator::MoreThan,
                73..81 => Comparator::Approximately,
                81..86 => Comparator::AtMost,
                86..90 => Comparator::LessThan,
                _ => Comparator::Between,
            },
            Kind::Percent { .. } => match roll {
                0..50 => Comparator::AtLeast,
                50..75 => Comparator::Exactly,
                75..88 => Comparator::Approximately,
                _ => Comparator::Between,
            },
            Kind::Rate { .. } => {
                if roll < 70 {
                    Comparator::AtMost
                } else {
                    Comparator::LessThan
                }
            }
            Kind::MoneyWan | Kind::MoneyYi => {
                if roll < 70 {
                    Comparator::Exactly
                } else {
                    Comparator::AtLeast
                }
            }
            Kind::Change(..) => match roll {
                0..50 => Comparator::AtLeast,
                50..80 => Comparator::Exactly,
                _ => Comparator::Approximately,
            },
            Kind::PerMember(_) | Kind::Categorical(_) | Kind::Deferred(_) => Comparator::Exactly,
        }
    }

    /// A target from `template` and the clause of the description it comes from.
    fn target(&mut self, template: Template) -> Option<(Target, String)> {
        let id = self.target_id()?;
        let Template { subject, verb, kind, lo, hi } = template;
        let comparator = self.comparator(&kind);
        let mut breakdown: Option<Breakdown> = None;
        let mut per_member: Option<PerMember> = None;
        let mut extra_clause = String::new();
        let (measure, amount, phrase) = match kind {
            Kind::Qty(u) => {
                let unit = u.unit();
                let sym = unit.symbol().to_owned();
                if u == U::Km {
                    let a = self.range_i64(lo * 10, hi * 10);
                    let av = Decimal::new(a, 1).normalize();
                    let (amount, fig) = if comparator == Comparator::Between {
                        let bv = Decimal::new(a + self.range_i64(10, 200), 1).normalize();
                        (Amount::between(av, bv), format!("{}—{}{sym}", text(av), text(bv)))
                    } else {
                        (Amount::new(comparator, av), qty_figure(comparator, &text(av), &sym))
                    };
                    (Measure::quantity(unit), Some(amount), format!("{verb}{fig}"))
                } else {
                    let can_break =
                        matches!(comparator, Comparator::Exactly | Comparator::AtLeast | Comparator::Approximately);
                    if can_break && self.chance(0.2) {
                        let n = self.range_i64(2, 3) as usize;
                        let exhaustive = self.chance(0.6);
                        let start = self.below(PART_SCOPES.len());
                        let mut parts = Vec::with_capacity(n);
                        let mut sum = 0i64;
                        let mut phrases = Vec::with_capacity(n);
                        for k in 0..n {
                            let scope = PART_SCOPES.get((start + k) % PART_SCOPES.len()).copied().unwrap_or("城区");
                            let v = nice(self.range_i64((lo / 3).max(1), (hi / 3).max(1)));
                            sum += v;
                            let phrase = format!("{scope}{}{sym}", count_text(v));
                            let mut part = Target::new(
                                self.target_id()?,
                                subject,
                                phrase.clone(),
                                Measure::quantity(unit.clone()),
                            )
                            .with_amount(Amount::exactly(Decimal::from(v)));
                            part.scope = Some(scope.into());
                            parts.push(part);
                            phrases.push(phrase);
                        }
                        let total = if exhaustive { sum } else { sum + nice(self.range_i64(1, (hi / 4).max(1))) };
                        extra_clause = format!("，其中{}", phrases.join("、"));
                        breakdown = Some(Breakdown { exhaustive, parts });
                        let amount = Amount::new(comparator, Decimal::from(total));
                        (
                            Measure::quantity(unit),
                            Some(amount),
                            format!("{verb}{}", qty_figure(comparator, &count_text(total), &sym)),
                        )
                    } else {
                        let a = nice(self.range_i64(lo, hi));
                        let (amount, fig) = if comparator == Comparator::Between {
                            let b = a + nice(self.range_i64((a / 10).max(1), (a / 2).max(2)));
                            (Amount::between(Decimal::from(a), Decimal::from(b)), format!("{}{sym}", range_text(a, b)))
                        } else {
                            (Amount::new(comparator, Decimal::from(a)), qty_figure(comparator, &count_text(a), &sym))
                        };
                        (Measure::quantity(unit), Some(amount), format!("{verb}{fig}"))
                    }
                }
            }
            Kind::PerMember(u) => {
                let unit = u.unit();
                let count = self.range_i64(2, 6) as u32;
                let each = self.range_i64(lo, hi);
                let members = if self.chance(0.5) {
                    SCHOOLS.iter().take(count as usize).map(|s| (*s).to_owned()).collect()
                } else {
                    Vec::new()
                };
                let phrase = if members.is_empty() {
                    format!("{}所学校各{verb}{each}{}", chinese_numeral(count), unit.symbol())
                } else {
                    format!("{}各{verb}{each}{}", members.join("、"), unit.symbol())
                };
                per_member = Some(PerMember { count, members, each: Decimal::from(each) });
                let total = Decimal::from(i64::from(count) * each);
                (Measure::quantity(unit), Some(Amount::exactly(total)), phrase)
            }
            Kind::Percent { share } => {
                let a = self.range_i64(lo * 10, hi * 10);
                let av = Decimal::new(a, 1).normalize();
                let (amount, phrase) = match comparator {
                    Comparator::Between => {
                        let a = a.min(hi * 10 - 5);
                        let b = self.range_i64(a + 1, hi * 10);
                        let (av, bv) = (Decimal::new(a, 1).normalize(), Decimal::new(b, 1).normalize());
                        (Amount::between(av, bv), format!("{verb}保持在{}%—{}%", text(av), text(bv)))
                    }
                    Comparator::AtLeast => (Amount::at_least(av), format!("{verb}达到{}%以上", text(av))),
                    Comparator::Approximately => (Amount::new(comparator, av), format!("{verb}达到{}%左右", text(av))),
                    _ => (Amount::exactly(av), format!("{verb}达到{}%", text(av))),
                };
                (Measure::Percent { share }, Some(amount), phrase)
            }
            Kind::Rate { per } => {
                let v = Decimal::new(self.range_i64(lo * 10, hi * 10), 1).normalize();
                let mark = if per == 1000 { format!("{}‰", text(v)) } else { format!("{}/10万", text(v)) };
                let phrase = if comparator == Comparator::AtMost {
                    format!("{verb}控制在{mark}以内")
                } else {
                    format!("{verb}低于{mark}")
                };
                (Measure::Rate { per: Decimal::from(per) }, Some(Amount::new(comparator, v)), phrase)
            }
            Kind::MoneyWan => {
                let suffix = if comparator == Comparator::AtLeast { "以上" } else { "" };
                if self.chance(0.3) {
                    let n = self.range_i64(2, 4) as usize;
                    let exhaustive = self.chance(0.7);
                    let mut parts = Vec::with_capacity(n);
                    let mut phrases = Vec::with_capacity(n);
                    let mut sum = 0i64;
                    for k in 0..n {
                        let scope = FUND_SCOPES.get(k).copied().unwrap_or("县级");
                        let wan = self.range_i64((lo / 4).max(1), (hi / 4).max(1));
                        sum += wan;
                        let phrase = format!("{scope}资金{wan}万元");
                        let mut part = Target::new(self.target_id()?, subject, phrase.clone(), Measure::Money)
                            .with_amount(Amount::exactly(Decimal::from(wan * 10_000)));
                        part.scope = Some(scope.into());
                        parts.push(part);
                        phrases.push(phrase);
                    }
                    let total = if exhaustive { sum } else { sum + self.range_i64(1, (hi / 10).max(1)) };
                    extra_clause = format!("，其中{}", phrases.join("、"));
                    breakdown = Some(Breakdown { exhaustive, parts });
                    let amount = Amount::new(comparator, Decimal::from(total * 10_000));
                    (Measure::Money, Some(amount), format!("{verb}{total}万元{suffix}"))
                } else {
                    let wan = self.range_i64(lo, hi);
                    let amount = Amount::new(comparator, Decimal::from(wan * 10_000));
                    (Measure::Money, Some(amount), format!("{verb}{wan}万元{suffix}"))
                }
            }
            Kind::MoneyYi => {
                let tenths = self.range_i64(lo * 10, hi * 10);
                let yi = Decimal::new(tenths, 1).normalize();
                let suffix = if comparator == Comparator::AtLeast { "以上" } else { "" };
                let amount = Amount::new(comparator, Decimal::from(tenths * 10_000_000));
                (Measure::Money, Some(amount), format!("{verb}{}亿元{suffix}", text(yi)))
            }
            Kind::Change(direction, scale) => {
                let measure = Measure::Change { direction, scale };
                match (direction, scale) {
                    (ChangeDirection::TurnPositive, _) => (measure, None, format!("{verb}由负转正")),
                    (_, None) => (measure, None, format!("{verb}较上年提高")),
                    (_, Some(scale)) => {
                        let v = Decimal::new(self.range_i64(lo * 10, hi * 10), 1).normalize();
                        let word = if direction == ChangeDirection::Decrease {
                            "下降"
                        } else if scale == ChangeScale::PercentagePoints {
                            "提高"
                        } else {
                            "增长"
                        };
                        let unit = if scale == ChangeScale::PercentagePoints { "个百分点" } else { "%" };
                        let tail = match comparator {
                            Comparator::AtLeast => "以上",
                            Comparator::Approximately => "左右",
                            _ => "",
                        };
                        (measure, Some(Amount::new(comparator, v)), format!("{verb}{word}{}{unit}{tail}", text(v)))
                    }
                }
            }
            Kind::Categorical(level) => {
                let phrase = if verb == "通过" { format!("{verb}{subject}") } else { format!("{verb}{level}标准") };
                (Measure::Categorical { level: level.into() }, None, phrase)
            }
            Kind::Deferred(source) => (Measure::Deferred { source: source.into() }, None, format!("{verb}{source}")),
        };
        let mut target = Target::new(id, subject, phrase.clone(), measure);
        target.amount = amount;
        target.breakdown = breakdown;
        target.per_member = per_member;
        if let Kind::Change(..) = kind {
            target.baseline = Some(Baseline { text: "较上年".into(), year: Some(self.year - 1), value: None });
        }
        if self.chance(0.1) {
            target.deadline = Some(self.deadline()?);
        }
        Some((target, format!("{phrase}{extra_clause}")))
    }
}

/// The figure of a quantity with its comparator's words: 2万人以上, 超过300户.
fn qty_figure(comparator: Comparator, figure: &str, unit: &str) -> String {
    match comparator {
        Comparator::AtLeast => format!("{figure}{unit}以上"),
        Comparator::AtMost => format!("不超过{figure}{unit}"),
        Comparator::MoreThan => format!("超过{figure}{unit}"),
        Comparator::LessThan => format!("少于{figure}{unit}"),
        Comparator::Approximately => format!("{figure}{unit}左右"),
        _ => format!("{figure}{unit}"),
    }
}

/// A rule of [`validate`](crate::validate()) that [`break_rule`] can break
/// on purpose. Each maps to one [`Code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Defect {
    /// A second unit with an existing unit's id.
    DuplicateId,
    /// Two sub-tasks with the same number.
    DuplicateTaskNumber,
    /// A task refers to a unit the registry does not hold.
    UnknownUnit,
    /// A declared count names a section that does not exist.
    UnknownSection,
    /// A unit takes another unit's name as an alias.
    AliasClash,
    /// A task's lead units are turned into cooperating ones.
    NoLead,
    /// Every task loses its responsible units.
    NoResponsibilities,
    /// A task's lead is listed as cooperating too.
    LeadAndCooperating,
    /// A task lists one of its units twice in the same role.
    DuplicateUnitListed,
    /// A unit is added that nothing refers to.
    UnreferencedUnit,
    /// A task's description is blanked.
    EmptyText,
    /// A target loses its figure.
    MissingAmount,
    /// A share in percent above 100.
    PercentOver100,
    /// A quantity of zero with "at least".
    NonPositiveQuantity,
    /// A rate per 0.
    InvalidRateBase,
    /// A range from high to low.
    InvertedRange,
    /// Count × figure per member no longer gives the target.
    PerMemberMismatch,
    /// Parts under 其中 that add up to more than the total.
    BreakdownExceedsTotal,
    /// An exhaustive breakdown whose parts fall short of the total.
    BreakdownMismatch,
    /// A part in households under a total in people (or the reverse).
    BreakdownMixedDimensions,
    /// The same subject given a second, different figure in one task.
    ConflictingFigures,
    /// A task deadline before the notice was written.
    DeadlineBeforeDocument,
    /// A task deadline after the programme ends.
    DeadlineAfterPeriod,
    /// A deadline window that ends before it starts.
    DeadlineBackwards,
    /// A phase that ends before it starts.
    PhaseBackwards,
    /// Two phases that overlap.
    PhasesOverlap,
    /// Report dates out of order.
    ReportingOutOfOrder,
    /// A report due in the following year.
    ReportingOutsideYear,
    /// A declared count one more than the tasks listed.
    DeclaredCountMismatch,
    /// A sub-task numbered two levels below its parent.
    SubtaskNumberMismatch,
    /// A document number three years off the programme year.
    DocumentYearMismatch,
    /// A unit takes another unit's name, with a trailing ideographic space, as an alias.
    ConfusableNames,
}

impl Defect {
    /// Every defect.
    pub const ALL: &'static [Defect] = &[
        Defect::DuplicateId,
        Defect::DuplicateTaskNumber,
        Defect::UnknownUnit,
        Defect::UnknownSection,
        Defect::AliasClash,
        Defect::NoLead,
        Defect::NoResponsibilities,
        Defect::LeadAndCooperating,
        Defect::DuplicateUnitListed,
        Defect::UnreferencedUnit,
        Defect::EmptyText,
        Defect::MissingAmount,
        Defect::PercentOver100,
        Defect::NonPositiveQuantity,
        Defect::InvalidRateBase,
        Defect::InvertedRange,
        Defect::PerMemberMismatch,
        Defect::BreakdownExceedsTotal,
        Defect::BreakdownMismatch,
        Defect::BreakdownMixedDimensions,
        Defect::ConflictingFigures,
        Defect::DeadlineBeforeDocument,
        Defect::DeadlineAfterPeriod,
        Defect::DeadlineBackwards,
        Defect::PhaseBackwards,
        Defect::PhasesOverlap,
        Defect::ReportingOutOfOrder,
        Defect::ReportingOutsideYear,
        Defect::DeclaredCountMismatch,
        Defect::SubtaskNumberMismatch,
        Defect::DocumentYearMismatch,
        Defect::ConfusableNames,
    ];

    /// The code of the rule the defect breaks.
    pub fn code(self) -> Code {
        match self {
            Defect::DuplicateId => Code::DuplicateId,
            Defect::DuplicateTaskNumber => Code::DuplicateTaskNumber,
            Defect::UnknownUnit => Code::UnknownUnit,
            Defect::UnknownSection => Code::UnknownSection,
            Defect::AliasClash => Code::AliasClash,
            Defect::NoLead => Code::NoLead,
            Defect::NoResponsibilities => Code::NoResponsibilities,
            Defect::LeadAndCooperating => Code::LeadAndCooperating,
            Defect::DuplicateUnitListed => Code::DuplicateUnitListed,
            Defect::UnreferencedUnit => Code::UnreferencedUnit,
            Defect::EmptyText => Code::EmptyText,
            Defect::MissingAmount => Code::MissingAmount,
            Defect::PercentOver100 => Code::PercentOver100,
            Defect::NonPositiveQuantity => Code::NonPositiveQuantity,
            Defect::InvalidRateBase => Code::InvalidRateBase,
            Defect::InvertedRange => Code::InvertedRange,
            Defect::PerMemberMismatch => Code::PerMemberMismatch,
            Defect::BreakdownExceedsTotal => Code::BreakdownExceedsTotal,
            Defect::BreakdownMismatch => Code::BreakdownMismatch,
            Defect::BreakdownMixedDimensions => Code::BreakdownMixedDimensions,
            Defect::ConflictingFigures => Code::ConflictingFigures,
            Defect::DeadlineBeforeDocument => Code::DeadlineBeforeDocument,
            Defect::DeadlineAfterPeriod => Code::DeadlineAfterPeriod,
            Defect::DeadlineBackwards => Code::DeadlineBackwards,
            Defect::PhaseBackwards => Code::PhaseBackwards,
            Defect::PhasesOverlap => Code::PhasesOverlap,
            Defect::ReportingOutOfOrder => Code::ReportingOutOfOrder,
            Defect::ReportingOutsideYear => Code::ReportingOutsideYear,
            Defect::DeclaredCountMismatch => Code::DeclaredCountMismatch,
            Defect::SubtaskNumberMismatch => Code::SubtaskNumberMismatch,
            Defect::DocumentYearMismatch => Code::DocumentYearMismatch,
            Defect::ConfusableNames => Code::ConfusableNames,
        }
    }
}

/// The subject of targets [`break_rule`] adds; no template uses it, so it
/// never meets another target's figures.
const PROBE_SUBJECT: &str = "核查专项指标";

/// The position of a top-level task: section index, task index.
type At = (usize, usize);

/// The top-level tasks in order, starting from a random one and wrapping
/// around, so that mutations land in different places for different seeds.
fn top_tasks(p: &Programme, rng: &mut ChaCha8Rng) -> Vec<At> {
    let all: Vec<At> =
        p.sections.iter().enumerate().flat_map(|(s, sec)| (0..sec.tasks.len()).map(move |t| (s, t))).collect();
    if all.is_empty() {
        return all;
    }
    let start = rng.random_range(0..all.len());
    let mut out = Vec::with_capacity(all.len());
    out.extend_from_slice(all.get(start..).unwrap_or_default());
    out.extend_from_slice(all.get(..start).unwrap_or_default());
    out
}

fn task_at(p: &mut Programme, (s, t): At) -> Option<&mut Task> {
    p.sections.get_mut(s)?.tasks.get_mut(t)
}

fn find_task<'p>(p: &'p mut Programme, rng: &mut ChaCha8Rng, pred: impl Fn(&Task) -> bool) -> Option<&'p mut Task> {
    let at = top_tasks(p, rng)
        .into_iter()
        .find(|&(s, t)| p.sections.get(s).and_then(|sec| sec.tasks.get(t)).is_some_and(&pred))?;
    task_at(p, at)
}

/// Gives one unit of the registry an alias made from another unit's name.
fn alias_of_another(p: &mut Programme, rng: &mut ChaCha8Rng, alias: impl FnOnce(String) -> String) -> bool {
    if p.units.len() < 2 {
        return false;
    }
    let i = rng.random_range(0..p.units.len());
    let j = (i + 1 + rng.random_range(0..p.units.len() - 1)) % p.units.len();
    let name = p.units.get(i).map(|u| u.name.clone()).unwrap_or_default();
    match p.units.get_mut(j) {
        Some(u) if !name.trim().is_empty() => {
            u.aliases.push(alias(name));
            true
        }
        _ => false,
    }
}

fn has_lead(t: &Task) -> bool {
    t.responsibilities.iter().any(|r| matches!(r.role, Role::Lead | Role::Joint))
}

/// A fresh target of subject [`PROBE_SUBJECT`] with id `x-defect-<suffix>`.
fn probe(suffix: &str, measure: Measure, amount: Option<Amount>) -> Option<Target> {
    let mut t =
        Target::new(ident(&format!("x-defect-{suffix}"))?, PROBE_SUBJECT, format!("{PROBE_SUBJECT}{suffix}"), measure);
    t.amount = amount;
    Some(t)
}

/// Adds `targets` to a random top-level task.
fn add_targets(p: &mut Programme, rng: &mut ChaCha8Rng, targets: Vec<Target>) -> bool {
    match find_task(p, rng, |_| true) {
        Some(task) => {
            task.targets.extend(targets);
            true
        }
        None => false,
    }
}

/// Finds a top-level target satisfying `pred` in a random task and applies `f`
/// to it; `false` when there is none.
fn with_target(
    p: &mut Programme,
    rng: &mut ChaCha8Rng,
    pred: impl Fn(&Target) -> bool,
    f: impl FnOnce(&mut Target),
) -> bool {
    let Some(task) = find_task(p, rng, |t| t.targets.iter().any(&pred)) else { return false };
    match task.targets.iter_mut().find(|t| pred(t)) {
        Some(target) => {
            f(target);
            true
        }
        None => false,
    }
}

fn people(v: i64) -> Option<Amount> {
    Some(Amount::exactly(Decimal::from(v)))
}

/// Damages a generated programme so that [`validate`](crate::validate())
/// reports `defect`'s code and nothing else it did not report before.
///
/// `rng_seed` chooses where the damage goes. Returns `false`, leaving the
/// programme unchanged, when the programme offers nothing to damage (no
/// task, no phases, no reporting dates…).
pub fn break_rule(programme: &mut Programme, defect: Defect, rng_seed: u64) -> bool {
    let mut rng = ChaCha8Rng::seed_from_u64(rng_seed);
    let rng = &mut rng;
    let p = programme;
    let nd = |v: i64| Decimal::from(v);
    match defect {
        Defect::DuplicateId => {
            let Some(first) = p.units.get(rng.random_range(0..p.units.len().max(1))) else { return false };
            let twin = ResponsibleUnit::new(first.id.clone(), "重复登记单位", UnitKind::Other);
            p.units.push(twin);
            true
        }
        Defect::DuplicateTaskNumber | Defect::SubtaskNumberMismatch => {
            let Some(task) = find_task(p, rng, |t| t.number.is_some()) else { return false };
            let Some(number) = task.number.clone() else { return false };
            let next = NumberSegment { value: task.subtasks.len() as u32 + 1, style: NumberStyle::ParenArabic };
            let (a, b) = if defect == Defect::DuplicateTaskNumber {
                (number.child(next), Some(number.child(next)))
            } else {
                (number.child(next).child(NumberSegment { value: 1, style: NumberStyle::Circled }), None)
            };
            let mut added = Vec::new();
            for (k, n) in std::iter::once(a).chain(b).enumerate() {
                let Some(id) = ident::<TaskId>(&format!("t-defect-{k}")) else { return false };
                added.push(Task::new(id, "补充核查事项。").numbered(n));
            }
            task.subtasks.extend(added);
            true
        }
        Defect::UnknownUnit => {
            let Some(id) = ident::<UnitId>("no-such-unit") else { return false };
            let Some(task) = find_task(p, rng, has_lead) else { return false };
            task.responsibilities.push(Responsibility::cooperating(id));
            true
        }
        Defect::UnknownSection => {
            let Some(id) = ident::<SectionId>("no-such-section") else { return false };
            p.declared_counts.push(DeclaredCount { text: "1项惠民实事".into(), count: 1, sections: vec![id] });
            true
        }
        Defect::AliasClash => alias_of_another(p, rng, |name| name),
        Defect::NoLead => {
            let Some(task) = find_task(p, rng, has_lead) else { return false };
            for r in &mut task.responsibilities {
                r.role = Role::Cooperating;
            }
            true
        }
        Defect::NoResponsibilities => {
            if p.task_count() == 0 {
                return false;
            }
            fn clear(t: &mut Task) {
                t.responsibilities.clear();
                t.responsibility_text = None;
                t.subtasks.iter_mut().for_each(clear);
            }
            p.sections.iter_mut().flat_map(|s| s.tasks.iter_mut()).for_each(clear);
            true
        }
        Defect::LeadAndCooperating => {
            let Some(task) = find_task(p, rng, |t| t.responsibilities.iter().any(|r| r.role == Role::Lead)) else {
                return false;
            };
            let Some(lead) = task.responsibilities.iter().find(|r| r.role == Role::Lead).map(|r| r.unit.clone()) else {
                return false;
            };
            task.responsibilities.push(Responsibility::cooperating(lead));
            true
        }
        Defect::DuplicateUnitListed => {
            let Some(task) = find_task(p, rng, |t| !t.responsibilities.is_empty()) else { return false };
            let Some(first) = task.responsibilities.first().cloned() else { return false };
            task.responsibilities.push(first);
            true
        }
        Defect::UnreferencedUnit => {
            let Some(id) = ident::<UnitId>("u-orphan") else { return false };
            p.units.push(ResponsibleUnit::new(id, "市无关事务办公室", UnitKind::Department).at(AdminLevel::Prefecture));
            true
        }
        Defect::EmptyText => match find_task(p, rng, |_| true) {
            Some(task) => {
                task.description = "  ".into();
                true
            }
            None => false,
        },
        Defect::MissingAmount => {
            if with_target(p, rng, |t| t.measure.needs_amount() && t.amount.is_some(), |t| t.amount = None) {
                return true;
            }
            let Some(t) = probe("missing", Measure::quantity(Unit::Person), None) else { return false };
            add_targets(p, rng, vec![t])
        }
        Defect::PercentOver100 => {
            let Some(t) = probe("percent", Measure::percent(), Some(Amount::at_least(Decimal::new(1205, 1)))) else {
                return false;
            };
            add_targets(p, rng, vec![t])
        }
        Defect::NonPositiveQuantity => {
            let Some(t) = probe("zero", Measure::quantity(Unit::Household), Some(Amount::at_least(Decimal::ZERO)))
            else {
                return false;
            };
            add_targets(p, rng, vec![t])
        }
        Defect::InvalidRateBase => {
            if with_target(
                p,
                rng,
                |t| matches!(t.measure, Measure::Rate { .. }),
                |t| t.measure = Measure::Rate { per: Decimal::ZERO },
            ) {
                return true;
            }
            let Some(t) = probe("rate", Measure::Rate { per: Decimal::ZERO }, Some(Amount::at_most(nd(5)))) else {
                return false;
            };
            add_targets(p, rng, vec![t])
        }
        Defect::InvertedRange => {
            let inverted = |t: &mut Target| {
                if let Some(Amount::Between { min, max }) = &mut t.amount {
                    std::mem::swap(min, max);
                }
            };
            if with_target(p, rng, |t| matches!(t.amount, Some(Amount::Between { min, max }) if min < max), inverted) {
                return true;
            }
            let Some(t) = probe("range", Measure::quantity(Unit::Item), Some(Amount::between(nd(20), nd(10)))) else {
                return false;
            };
            add_targets(p, rng, vec![t])
        }
        Defect::PerMemberMismatch => {
            let bump = |t: &mut Target| {
                if let Some(pm) = &mut t.per_member {
                    pm.each += Decimal::ONE;
                }
            };
            if with_target(
                p,
                rng,
                |t| t.per_member.is_some() && t.amount.as_ref().and_then(Amount::value).is_some(),
                bump,
            ) {
                return true;
            }
            let Some(mut t) = probe("members", Measure::quantity(Unit::BuildingZhuang), people(10)) else {
                return false;
            };
            t.per_member = Some(PerMember { count: 3, members: Vec::new(), each: nd(3) });
            add_targets(p, rng, vec![t])
        }
        Defect::BreakdownExceedsTotal | Defect::BreakdownMismatch | Defect::BreakdownMixedDimensions => {
            let (parts, exhaustive): (&[(i64, Unit)], bool) = match defect {
                Defect::BreakdownExceedsTotal => (&[(6, Unit::Person), (7, Unit::Person)], false),
                Defect::BreakdownMismatch => (&[(3, Unit::Person), (4, Unit::Person)], true),
                _ => (&[(3, Unit::Person), (4, Unit::Household)], false),
            };
            let Some(mut t) = probe("total", Measure::quantity(Unit::Person), people(10)) else { return false };
            let mut list = Vec::with_capacity(parts.len());
            for (k, (v, unit)) in parts.iter().enumerate() {
                let Some(part) = probe(&format!("part{k}"), Measure::quantity(unit.clone()), people(*v)) else {
                    return false;
                };
                list.push(part);
            }
            t.breakdown = Some(Breakdown { exhaustive, parts: list });
            add_targets(p, rng, vec![t])
        }
        Defect::ConflictingFigures => {
            let Some(task) = find_task(p, rng, |t| t.targets.iter().any(|x| x.amount.is_some())) else {
                let (Some(a), Some(b)) = (
                    probe("first", Measure::quantity(Unit::Person), people(10)),
                    probe("second", Measure::quantity(Unit::Person), people(12)),
                ) else {
                    return false;
                };
                return add_targets(p, rng, vec![a, b]);
            };
            let Some(first) = task.targets.iter().find(|x| x.amount.is_some()) else { return false };
            let Some(id) = ident::<TargetId>("x-defect-conflict") else { return false };
            let mut twin = first.clone();
            twin.id = id;
            twin.breakdown = None;
            twin.per_member = None;
            twin.amount = match twin.amount {
                Some(Amount::AtLeast { value }) => Some(Amount::Approximately { value }),
                Some(Amount::Between { min, .. }) => Some(Amount::at_least(min)),
                Some(a) => Some(Amount::at_least(a.low())),
                None => None,
            };
            task.targets.push(twin);
            true
        }
        Defect::DeadlineBeforeDocument | Defect::DeadlineAfterPeriod | Defect::DeadlineBackwards => {
            let Some(period) = p.effective_period() else { return false };
            let written = p.document.written;
            let deadline = match defect {
                Defect::DeadlineBeforeDocument => {
                    let Some(d) = written.and_then(|w| w.pred_opt()) else { return false };
                    Deadline::by(format!("{}月{}日前", d.month(), d.day()), d, Precision::Day)
                }
                Defect::DeadlineAfterPeriod => {
                    let Some(d) = period.end.checked_add_days(Days::new(90)) else { return false };
                    Deadline::by("次年3月底前", d, Precision::Month)
                }
                _ => {
                    let from = written.map_or(period.start, |w| w.max(period.start));
                    let Some(start) = from.succ_opt() else { return false };
                    Deadline::window("第二季度", start, from, Precision::Quarter)
                }
            };
            match find_task(p, rng, |_| true) {
                Some(task) => {
                    task.deadlines.push(deadline);
                    true
                }
                None => false,
            }
        }
        Defect::PhaseBackwards => {
            let Some(ph) = p.phases.iter_mut().find(|ph| ph.timing.start.is_some_and(|s| s < ph.timing.date)) else {
                return false;
            };
            if let Some(start) = ph.timing.start.take() {
                ph.timing.start = Some(ph.timing.date);
                ph.timing.date = start;
            }
            true
        }
        Defect::PhasesOverlap => {
            let n = p.phases.len();
            for i in 1..n {
                let (Some(prev), Some(next)) = (p.phases.get(i - 1), p.phases.get(i)) else { continue };
                let prev_end = prev.timing.date;
                if prev.timing.start.is_some_and(|s| s <= prev_end)
                    && next.timing.start.is_some()
                    && prev_end <= next.timing.date
                    && let Some(next) = p.phases.get_mut(i)
                {
                    next.timing.start = Some(prev_end);
                    return true;
                }
            }
            false
        }
        Defect::ReportingOutOfOrder => {
            for r in &mut p.reporting {
                if let [a, b, ..] = r.due.as_mut_slice()
                    && a.date < b.date
                {
                    std::mem::swap(a, b);
                    return true;
                }
            }
            false
        }
        Defect::ReportingOutsideYear => {
            let Some(d) = date(p.year.saturating_add(1), 1, 10) else { return false };
            let Some(r) = p.reporting.first_mut() else { return false };
            if r.due.last().is_some_and(|last| last.date > d) {
                return false;
            }
            r.due.push(Deadline::by("次年1月10日前", d, Precision::Day));
            true
        }
        Defect::DeclaredCountMismatch => {
            if let Some(c) = p.declared_counts.first_mut() {
                c.count = c.count.saturating_add(1);
                c.text = format!("{}项民生实事", c.count);
            } else if let Some(s) = p.sections.first_mut() {
                s.declared_count = Some(s.tasks.len() as u32 + 1);
            } else {
                p.declared_counts
                    .push(DeclaredCount { text: "1项民生实事".into(), count: 1, sections: Vec::new() });
            }
            true
        }
        // The same name with an ideographic space: equal once widths are folded.
        Defect::ConfusableNames => alias_of_another(p, rng, |name| format!("{name}\u{3000}")),
        Defect::DocumentYearMismatch => {
            let year = p.year.saturating_sub(3);
            match &mut p.document.number {
                Some(n) => n.year = year,
                None => p.document.number = Some(DocumentNumber { agency: "政办".into(), year, serial: 1 }),
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        // Enough seeds to meet every city.
        for seed in 0..64 {
            let p = programme(&Options { tasks: 1, seed });
            let mut seen = HashSet::new();
            for u in &p.units {
                for n in std::iter::once(&u.name).chain(&u.aliases) {
                    assert!(seen.insert(n.clone()), "{n} twice");
                }
            }
        }
    }

    #[test]
    fn sizes_and_validity() {
        for tasks in [0usize, 1, 2, 3, 7, 50, 400] {
            for seed in 0..8 {
                let p = programme(&Options { tasks, seed });
                assert_eq!(p.task_count(), tasks);
                let report = crate::validate(&p);
                assert!(report.findings.is_empty(), "tasks {tasks} seed {seed}: {:#?}", report.findings);
            }
        }
    }

    #[test]
    fn large_programmes_are_valid_and_linear() {
        let mut times = Vec::new();
        for tasks in [2_500usize, 10_000] {
            let start = std::time::Instant::now();
            let p = programme(&Options { tasks, seed: 11 });
            times.push(start.elapsed());
            assert_eq!(p.task_count(), tasks);
            assert!(crate::validate(&p).findings.is_empty());
        }
        eprintln!("generation: 2500 tasks {:?}, 10000 tasks {:?}", times[0], times[1]);
    }

    #[test]
    fn phrases_are_in_descriptions() {
        let p = programme(&Options { tasks: 300, seed: 3 });
        for t in p.tasks() {
            for x in &t.targets {
                assert!(t.description.contains(&x.phrase), "{} not in {}", x.phrase, t.description);
                for part in x.breakdown.iter().flat_map(|b| &b.parts) {
                    assert!(t.description.contains(&part.phrase), "{} not in {}", part.phrase, t.description);
                }
            }
        }
    }

    #[test]
    fn every_defect_gives_its_code_alone() {
        for seed in 0..6 {
            let p = programme(&Options { tasks: 60, seed });
            for &d in Defect::ALL {
                let mut q = p.clone();
                assert!(break_rule(&mut q, d, seed), "{d:?}");
                let codes: HashSet<Code> = crate::validate(&q).findings.iter().map(|f| f.code).collect();
                assert_eq!(codes, HashSet::from([d.code()]), "{d:?} seed {seed}");
            }
        }
    }
}
