//! The generator's word lists: cities, departments and other bodies,
//! section titles, and the templates targets are made from.

use crate::model::{ChangeDirection, ChangeScale, Unit, UnitKind};

/// A prefecture-level city to set a programme in.
#[derive(Debug, Clone, Copy)]
pub(super) struct City {
    pub(super) name: &'static str,
    pub(super) short: &'static str,
    pub(super) code: &'static str,
    pub(super) province: &'static str,
    pub(super) agency: &'static str,
}

impl City {
    pub(super) fn title(&self, year: i32) -> String {
        format!("{}人民政府办公室关于印发{year}年民生实事工程实施方案的通知", self.name)
    }
}

pub(super) const DEFAULT_CITY: City =
    City { name: "海东市", short: "海东", code: "630200", province: "青海省", agency: "东政办" };

pub(super) const CITIES: [City; 8] = [
    City { name: "海东市", short: "海东", code: "630200", province: "青海省", agency: "东政办" },
    City { name: "淮北市", short: "淮北", code: "340600", province: "安徽省", agency: "淮政办" },
    City { name: "曲靖市", short: "曲靖", code: "530300", province: "云南省", agency: "曲政办" },
    City { name: "天水市", short: "天水", code: "620500", province: "甘肃省", agency: "天政办" },
    City { name: "安康市", short: "安康", code: "610900", province: "陕西省", agency: "安政办" },
    City { name: "玉溪市", short: "玉溪", code: "530400", province: "云南省", agency: "玉政办" },
    City { name: "张掖市", short: "张掖", code: "620700", province: "甘肃省", agency: "张政办" },
    City { name: "汉中市", short: "汉中", code: "610700", province: "陕西省", agency: "汉政办" },
];

/// A prefecture department or institution: its name without the 市 prefix,
/// a short name used as an alias (or ""), and its kind (departments may
/// lead tasks).
#[derive(Debug, Clone, Copy)]
pub(super) struct Department {
    pub(super) name: &'static str,
    pub(super) short: &'static str,
    pub(super) kind: UnitKind,
}

const fn department(name: &'static str, short: &'static str, kind: UnitKind) -> Department {
    Department { name, short, kind }
}

/// Another single body: a name pattern (`{c}` is the city's short name,
/// `{C}` its full name) and its kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Body {
    pub(super) pattern: &'static str,
    pub(super) kind: UnitKind,
}

const fn body(pattern: &'static str, kind: UnitKind) -> Body {
    Body { pattern, kind }
}

/// The prefecture's departments and institutions.
pub(super) const DEPARTMENTS: [Department; 60] = [
    department("发展和改革委员会", "发改委", UnitKind::Department),
    department("教育局", "", UnitKind::Department),
    department("科学技术局", "科技局", UnitKind::Department),
    department("工业和信息化局", "工信局", UnitKind::Department),
    department("公安局", "", UnitKind::Department),
    department("民政局", "", UnitKind::Department),
    department("司法局", "", UnitKind::Department),
    department("财政局", "", UnitKind::Department),
    department("人力资源和社会保障局", "人社局", UnitKind::Department),
    department("自然资源和规划局", "自然资源局", UnitKind::Department),
    department("生态环境局", "", UnitKind::Department),
    department("住房和城乡建设局", "住建局", UnitKind::Department),
    department("交通运输局", "交通局", UnitKind::Department),
    department("水务局", "", UnitKind::Department),
    department("农业农村局", "农业局", UnitKind::Department),
    department("商务局", "", UnitKind::Department),
    department("文化和旅游局", "文旅局", UnitKind::Department),
    department("卫生健康委员会", "卫健委", UnitKind::Department),
    department("退役军人事务局", "退役军人局", UnitKind::Department),
    department("应急管理局", "应急局", UnitKind::Department),
    department("审计局", "", UnitKind::Department),
    department("国有资产监督管理委员会", "国资委", UnitKind::Department),
    department("市场监督管理局", "市场监管局", UnitKind::Department),
    department("体育局", "", UnitKind::Department),
    department("统计局", "", UnitKind::Department),
    department("医疗保障局", "医保局", UnitKind::Department),
    department("林业和草原局", "林草局", UnitKind::Department),
    department("乡村振兴局", "", UnitKind::Department),
    department("城市管理局", "城管局", UnitKind::Department),
    department("数据资源管理局", "数据局", UnitKind::Department),
    department("政务服务管理局", "政务服务局", UnitKind::Department),
    department("民族宗教事务委员会", "民宗委", UnitKind::Department),
    department("粮食和物资储备局", "粮食局", UnitKind::Department),
    department("能源局", "", UnitKind::Department),
    department("人民防空办公室", "人防办", UnitKind::Department),
    department("机关事务管理局", "机关事务局", UnitKind::Department),
    department("信访局", "", UnitKind::Department),
    department("地方金融管理局", "金融局", UnitKind::Department),
    department("供销合作社联合社", "供销社", UnitKind::Institution),
    department("残疾人康复中心", "", UnitKind::Institution),
    department("疾病预防控制中心", "疾控中心", UnitKind::Institution),
    department("妇幼保健院", "", UnitKind::Institution),
    department("第一人民医院", "", UnitKind::Institution),
    department("中医医院", "中医院", UnitKind::Institution),
    department("公共资源交易中心", "", UnitKind::Institution),
    department("住房公积金管理中心", "公积金中心", UnitKind::Institution),
    department("不动产登记中心", "", UnitKind::Institution),
    department("社会保险事业管理局", "社保局", UnitKind::Department),
    department("就业服务局", "就业局", UnitKind::Department),
    department("图书馆", "", UnitKind::Institution),
    department("博物馆", "", UnitKind::Institution),
    department("文化馆", "", UnitKind::Institution),
    department("广播电视台", "", UnitKind::Institution),
    department("融媒体中心", "", UnitKind::Institution),
    department("公路管理局", "公路局", UnitKind::Department),
    department("水文水资源勘测局", "水文局", UnitKind::Institution),
    department("气象局", "", UnitKind::CentralVertical),
    department("消防救援支队", "", UnitKind::CentralVertical),
    department("公安局交通警察支队", "交警支队", UnitKind::Department),
    department("生态环境监测站", "", UnitKind::Institution),
];

/// Other single bodies.
pub(super) const OTHERS: [Body; 28] = [
    body("市委组织部", UnitKind::PartyOrgan),
    body("市委宣传部", UnitKind::PartyOrgan),
    body("市委政法委", UnitKind::PartyOrgan),
    body("市委网信办", UnitKind::PartyOrgan),
    body("市委农办", UnitKind::PartyOrgan),
    body("市委编办", UnitKind::PartyOrgan),
    body("市总工会", UnitKind::MassOrganisation),
    body("团市委", UnitKind::MassOrganisation),
    body("市妇联", UnitKind::MassOrganisation),
    body("市残联", UnitKind::MassOrganisation),
    body("市红十字会", UnitKind::MassOrganisation),
    body("市科协", UnitKind::MassOrganisation),
    body("市工商联", UnitKind::MassOrganisation),
    body("国网{c}供电公司", UnitKind::Enterprise),
    body("中国电信{c}分公司", UnitKind::Enterprise),
    body("中国移动{c}分公司", UnitKind::Enterprise),
    body("中国联通{c}分公司", UnitKind::Enterprise),
    body("{c}城市建设投资集团有限公司", UnitKind::Enterprise),
    body("{c}水务集团有限公司", UnitKind::Enterprise),
    body("{c}公共交通集团有限公司", UnitKind::Enterprise),
    body("国家税务总局{C}税务局", UnitKind::CentralVertical),
    body("{C}邮政管理局", UnitKind::CentralVertical),
    body("中国人民银行{C}分行", UnitKind::CentralVertical),
    body("国家金融监督管理总局{C}监管分局", UnitKind::CentralVertical),
    body("{C}中级人民法院", UnitKind::Judicial),
    body("{C}人民检察院", UnitKind::Judicial),
    body("{c}高新技术产业开发区管理委员会", UnitKind::Institution),
    body("{c}经济技术开发区管理委员会", UnitKind::Institution),
];

pub(super) const SECTION_TITLES: [&str; 12] = [
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

pub(super) const GENERIC_WORK: [&str; 8] = [
    "推进社区综合服务设施建设，不断提升群众获得感",
    "健全困难群众常态化帮扶机制",
    "深化\"放管服\"改革，优化便民服务",
    "开展城乡环境综合整治行动",
    "加强食品药品安全监管",
    "完善基层公共文化服务体系",
    "推进智慧城市便民应用建设",
    "实施校园安全提升行动",
];

pub(super) const PART_SCOPES: [&str; 5] = ["城区", "东部县区", "西部县区", "高新区", "经开区"];
pub(super) const FUND_SCOPES: [&str; 4] = ["中央", "省级", "市级", "县级"];
pub(super) const SCHOOLS: [&str; 6] = ["第一中学", "第二中学", "第三中学", "实验中学", "民族中学", "职业技术学校"];

/// The units quantities come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuantityUnit {
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

impl QuantityUnit {
    pub(super) fn unit(self) -> Unit {
        match self {
            QuantityUnit::Person => Unit::Person,
            QuantityUnit::PersonTime => Unit::PersonTime,
            QuantityUnit::Household => Unit::Household,
            QuantityUnit::Item => Unit::Item,
            QuantityUnit::Mu => Unit::Mu,
            QuantityUnit::Km => Unit::Kilometre,
            QuantityUnit::Sqm => Unit::SquareMetre,
            QuantityUnit::Suo => Unit::Institution,
            QuantityUnit::Tao => Unit::Set,
            QuantityUnit::Zhuang => Unit::BuildingZhuang,
            QuantityUnit::Changci => Unit::Performance,
        }
    }
}

/// How a template measures its subject.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Qty(QuantityUnit),
    PerMember(QuantityUnit),
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
pub(super) struct Template {
    /// The subject, as targets name it.
    pub(super) subject: &'static str,
    /// The words before the figure.
    pub(super) verb: &'static str,
    /// How it is measured.
    pub(super) kind: Kind,
    /// The lowest figure.
    pub(super) lo: i64,
    /// The highest figure.
    pub(super) hi: i64,
}

const fn tpl(subject: &'static str, verb: &'static str, kind: Kind, lo: i64, hi: i64) -> Template {
    Template { subject, verb, kind, lo, hi }
}

pub(super) const TEMPLATES: [Template; 32] = [
    tpl("城镇新增就业", "城镇新增就业", Kind::Qty(QuantityUnit::Person), 2000, 60000),
    tpl("职业技能培训", "开展职业技能培训", Kind::Qty(QuantityUnit::PersonTime), 5000, 120000),
    tpl("农村危房改造", "改造农村危房", Kind::Qty(QuantityUnit::Household), 100, 3000),
    tpl("新建公办幼儿园", "新建公办幼儿园", Kind::Qty(QuantityUnit::Suo), 2, 30),
    tpl("高标准农田建设", "建设高标准农田", Kind::Qty(QuantityUnit::Mu), 10000, 300000),
    tpl("农村公路提质改造", "提质改造农村公路", Kind::Qty(QuantityUnit::Km), 50, 800),
    tpl("城镇老旧小区改造", "改造城镇老旧小区", Kind::Qty(QuantityUnit::Sqm), 50000, 2000000),
    tpl("公共充电桩建设", "建设公共充电桩", Kind::Qty(QuantityUnit::Item), 100, 3000),
    tpl("老年人免费健康体检", "为65岁以上老年人免费健康体检", Kind::Qty(QuantityUnit::PersonTime), 10000, 200000),
    tpl("保障性租赁住房筹集", "筹集保障性租赁住房", Kind::Qty(QuantityUnit::Tao), 500, 20000),
    tpl("两癌筛查", "为农村适龄妇女开展两癌筛查", Kind::Qty(QuantityUnit::Person), 5000, 80000),
    tpl("临时救助", "实施临时救助", Kind::Qty(QuantityUnit::PersonTime), 1000, 30000),
    tpl("农村户厕改造", "改造农村户用卫生厕所", Kind::Qty(QuantityUnit::Household), 1000, 30000),
    tpl("社区嵌入式养老服务站建设", "新建社区嵌入式养老服务站", Kind::Qty(QuantityUnit::Item), 5, 60),
    tpl("文化惠民演出", "开展文化惠民演出", Kind::Qty(QuantityUnit::Changci), 100, 2000),
    tpl("学生宿舍建设", "新建学生宿舍", Kind::PerMember(QuantityUnit::Zhuang), 1, 3),
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
