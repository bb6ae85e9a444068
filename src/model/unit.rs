//! Units of measurement and their dimensions.
//!
//! A [`Unit`] is what a figure counts or measures: 人, 人次, 户, 所, 亩, 公里,
//! 千瓦… Each known unit belongs to one [`Dimension`]; figures of one
//! dimension can be added (after conversion), figures of different dimensions
//! never are: 人 (people) and 人次 (person-times) and 户 (households) are
//! different things even though all three count.
//!
//! Magnitude words are not units: 5.15万套 is 51 500 套 and 2.9亿元 is
//! 290 000 000 元. Conversions are exact: each dimension's base unit is chosen
//! so that every known unit converts into it by an exact decimal factor
//! (area is based on 亩 because 1 平方米 = 0.0015 亩 exactly, while
//! 1 亩 = 666.66… 平方米 is not a finite decimal).
//!
//! A unit the table does not know loads as [`Unit::Other`] and forms a
//! dimension of its own, so an unusual notice never fails to load.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What kind of quantity a unit measures; figures add only within one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Dimension {
    /// Head-counts of people (人, 名, 位).
    People,
    /// Person-times: one person counted once per occasion (人次).
    PersonTimes,
    /// Test or dose portions (人份).
    Portions,
    /// Households (户).
    Households,
    /// People or households, counted together as the notice does (人(户)).
    PeopleOrHouseholds,
    /// Institutions such as schools, hospitals or firms (所, 家).
    Institutions,
    /// Sets (套): flats and houses, but also sets of equipment — the
    /// classifier does not say which, so subject totals keep them apart.
    Sets,
    /// Buildings (栋, 幢).
    Buildings,
    /// Rooms and wards (间).
    Rooms,
    /// Generic countable things (个, 件, 张, 台, 处, 条, 座, 辆, 块, 支, 站, 头).
    Items,
    /// Projects and measures (项).
    Projects,
    /// Events, shows and sessions (场, 场次, 次, 期, 场(次)).
    Events,
    /// Inspection batches (批次).
    Batches,
    /// Medical or legal cases (例).
    Cases,
    /// Area; base unit 亩.
    Area,
    /// Length; base unit 米.
    Length,
    /// Mass; base unit 千克.
    Mass,
    /// Volume; base unit 毫升.
    Volume,
    /// Money; base unit 元.
    Money,
    /// Electric power; base unit 千瓦.
    Power,
    /// Energy; base unit 千瓦时.
    Energy,
    /// Data rate; base unit Mbps.
    DataRate,
    /// Mass concentration; base unit 微克/立方米.
    Concentration,
    /// Durations; base unit 天.
    Duration,
    /// A unit the table does not know: a dimension of its own.
    Other,
}

impl Dimension {
    /// The dimension's name in English, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::PersonTimes => "person_times",
            Self::Portions => "portions",
            Self::Households => "households",
            Self::PeopleOrHouseholds => "people_or_households",
            Self::Institutions => "institutions",
            Self::Sets => "sets",
            Self::Buildings => "buildings",
            Self::Rooms => "rooms",
            Self::Items => "items",
            Self::Projects => "projects",
            Self::Events => "events",
            Self::Batches => "batches",
            Self::Cases => "cases",
            Self::Area => "area",
            Self::Length => "length",
            Self::Mass => "mass",
            Self::Volume => "volume",
            Self::Money => "money",
            Self::Power => "power",
            Self::Energy => "energy",
            Self::DataRate => "data_rate",
            Self::Concentration => "concentration",
            Self::Duration => "duration",
            Self::Other => "other",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! units {
    ($($(#[$doc:meta])* $variant:ident => $sym:literal, $dim:ident, $factor:literal;)*) => {
        /// A unit of measurement as the notices write it.
        ///
        /// Serialized as its Chinese symbol (`"人次"`, `"平方公里"`); any other
        /// non-empty string loads as [`Unit::Other`].
        ///
        /// ```
        /// use minsheng::{Dimension, Unit};
        /// use rust_decimal_macros::dec;
        /// let mu: Unit = "亩".parse()?;
        /// assert_eq!(mu.dimension(), Dimension::Area);
        /// assert_eq!(Unit::SquareKilometre.convert(dec!(300), &mu), Some(dec!(450000)));
        /// assert_eq!(Unit::Person.convert(dec!(1), &Unit::PersonTime), None);
        /// # Ok::<(), minsheng::unit::UnitError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Unit {
            $($(#[$doc])* $variant,)*
            /// A unit outside the table, kept as written.
            Other(String),
        }

        /// Every known unit, in table order.
        pub const KNOWN_UNITS: &[Unit] = &[$(Unit::$variant,)*];

        impl Unit {
            /// The unit's symbol as the notices write it.
            pub fn symbol(&self) -> &str {
                match self {
                    $(Self::$variant => $sym,)*
                    Self::Other(s) => s,
                }
            }

            /// The dimension the unit measures.
            pub fn dimension(&self) -> Dimension {
                match self {
                    $(Self::$variant => Dimension::$dim,)*
                    Self::Other(_) => Dimension::Other,
                }
            }

            /// How many base units of its dimension one of this unit is.
            pub fn factor(&self) -> Decimal {
                match self {
                    $(Self::$variant => Decimal::from_str_exact($factor).unwrap_or(Decimal::ONE),)*
                    Self::Other(_) => Decimal::ONE,
                }
            }

            fn known(symbol: &str) -> Option<Self> {
                match symbol {
                    $($sym => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

units! {
    /// 人: a person.
    Person => "人", People, "1";
    /// 名: a person (classifier used for pupils, patients, staff).
    PersonMing => "名", People, "1";
    /// 位: a person (polite classifier).
    PersonWei => "位", People, "1";
    /// 人次: a person-time.
    PersonTime => "人次", PersonTimes, "1";
    /// 人份: a test or dose portion.
    Portion => "人份", Portions, "1";
    /// 户: a household.
    Household => "户", Households, "1";
    /// 人(户): a person or a household, counted together.
    PersonOrHousehold => "人(户)", PeopleOrHouseholds, "1";
    /// 所: an institution (school, hospital).
    Institution => "所", Institutions, "1";
    /// 家: an institution or firm.
    InstitutionJia => "家", Institutions, "1";
    /// 套: a set (a flat or house, a set of equipment).
    Set => "套", Sets, "1";
    /// 栋: a building.
    Building => "栋", Buildings, "1";
    /// 幢: a building.
    BuildingZhuang => "幢", Buildings, "1";
    /// 间: a room or ward.
    Room => "间", Rooms, "1";
    /// 个: a generic item.
    Item => "个", Items, "1";
    /// 件: a piece, a case file.
    Piece => "件", Items, "1";
    /// 张: a flat object (bed, table, kang).
    Sheet => "张", Items, "1";
    /// 台: a machine or set of equipment.
    Machine => "台", Items, "1";
    /// 处: a place or site.
    Place => "处", Items, "1";
    /// 条: a line (road, river, route).
    Line => "条", Items, "1";
    /// 条(段): a river or road line or section.
    LineSection => "条(段)", Items, "1";
    /// 座: a structure (bridge, reservoir).
    Structure => "座", Items, "1";
    /// 辆: a vehicle.
    Vehicle => "辆", Items, "1";
    /// 块: a plot or board.
    Block => "块", Items, "1";
    /// 支: a team or troupe.
    Team => "支", Items, "1";
    /// 站: a station.
    Station => "站", Items, "1";
    /// 头: a head of livestock.
    Head => "头", Items, "1";
    /// 项: a project or measure.
    Project => "项", Projects, "1";
    /// 场: a show or event.
    Show => "场", Events, "1";
    /// 场次: a performance.
    Performance => "场次", Events, "1";
    /// 场(次): a show or performance.
    ShowOrPerformance => "场(次)", Events, "1";
    /// 次: an occurrence.
    Occurrence => "次", Events, "1";
    /// 期: a session of a course.
    Session => "期", Events, "1";
    /// 批次: an inspection batch.
    Batch => "批次", Batches, "1";
    /// 例: a case.
    Case => "例", Cases, "1";
    /// 亩: 1/15 公顷; the base unit of area.
    Mu => "亩", Area, "1";
    /// 平方米: 0.0015 亩.
    SquareMetre => "平方米", Area, "0.0015";
    /// 公顷: 15 亩.
    Hectare => "公顷", Area, "15";
    /// 平方公里: 1500 亩.
    SquareKilometre => "平方公里", Area, "1500";
    /// 米: the base unit of length.
    Metre => "米", Length, "1";
    /// 公里: 1000 米.
    Kilometre => "公里", Length, "1000";
    /// 千米: 1000 米.
    KilometreQian => "千米", Length, "1000";
    /// 千克: the base unit of mass.
    Kilogram => "千克", Mass, "1";
    /// 公斤: 1 千克.
    Gongjin => "公斤", Mass, "1";
    /// 克: 0.001 千克.
    Gram => "克", Mass, "0.001";
    /// 吨: 1000 千克.
    Tonne => "吨", Mass, "1000";
    /// 毫升: the base unit of volume.
    Millilitre => "毫升", Volume, "1";
    /// 升: 1000 毫升.
    Litre => "升", Volume, "1000";
    /// 立方米: 1 000 000 毫升.
    CubicMetre => "立方米", Volume, "1000000";
    /// 元: the base unit of money.
    Yuan => "元", Money, "1";
    /// 万元: 10 000 元.
    TenThousandYuan => "万元", Money, "10000";
    /// 亿元: 100 000 000 元.
    HundredMillionYuan => "亿元", Money, "100000000";
    /// 瓦: 0.001 千瓦.
    Watt => "瓦", Power, "0.001";
    /// 千瓦: the base unit of power.
    Kilowatt => "千瓦", Power, "1";
    /// 兆瓦: 1000 千瓦.
    Megawatt => "兆瓦", Power, "1000";
    /// 千瓦时: the base unit of energy.
    KilowattHour => "千瓦时", Energy, "1";
    /// 兆瓦时: 1000 千瓦时.
    MegawattHour => "兆瓦时", Energy, "1000";
    /// Mbps: the base unit of data rate (百兆 = 100 Mbps).
    Mbps => "Mbps", DataRate, "1";
    /// Gbps: 1000 Mbps (千兆).
    Gbps => "Gbps", DataRate, "1000";
    /// Tbps: 1 000 000 Mbps.
    Tbps => "Tbps", DataRate, "1000000";
    /// 微克/立方米: the base unit of mass concentration (PM2.5).
    MicrogramPerCubicMetre => "微克/立方米", Concentration, "1";
    /// 毫克/立方米: 1000 微克/立方米.
    MilligramPerCubicMetre => "毫克/立方米", Concentration, "1000";
    /// 天: the base unit of duration.
    Day => "天", Duration, "1";
    /// 日: a day.
    DayRi => "日", Duration, "1";
}

/// Why a string is not a unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnitError {
    /// Units are never empty.
    #[error("a unit may not be empty")]
    Empty,
}

impl Unit {
    /// The base unit of a dimension (for [`Dimension::Other`], `None`: each
    /// unknown unit is its own base).
    pub fn base_of(dimension: Dimension) -> Option<Unit> {
        KNOWN_UNITS.iter().find(|u| u.dimension() == dimension && u.factor() == Decimal::ONE).cloned()
    }

    /// The base unit of this unit's dimension (an unknown unit is its own base).
    pub fn base(&self) -> Unit {
        match self {
            Unit::Other(_) => self.clone(),
            known => Unit::base_of(known.dimension()).unwrap_or_else(|| known.clone()),
        }
    }

    /// `true` when figures in `self` and `other` can be added after conversion.
    pub fn is_compatible(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Other(a), Unit::Other(b)) => a == b,
            (Unit::Other(_), _) | (_, Unit::Other(_)) => false,
            (a, b) => a.dimension() == b.dimension(),
        }
    }

    /// `true` when the unit is in the table (not [`Unit::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, Unit::Other(_))
    }

    /// Converts `value` in this unit to the base unit of its dimension; exact.
    pub fn to_base(&self, value: Decimal) -> Option<Decimal> {
        value.checked_mul(self.factor())
    }

    /// Converts `value` from this unit into `to`.
    ///
    /// `None` when the units measure different dimensions, when the result
    /// overflows, or when it is not a finite decimal (亩 → 平方米): a
    /// conversion here is exact or it is refused, never rounded.
    pub fn convert(&self, value: Decimal, to: &Unit) -> Option<Decimal> {
        if !self.is_compatible(to) {
            return None;
        }
        let base = self.to_base(value)?;
        let out = base.checked_div(to.factor())?;
        exact_product(out, to.factor(), base).then_some(out)
    }
}

/// `true` when `a × b` is exactly `c`, computed on the integer mantissas so
/// that no rounding can hide a difference.
fn exact_product(a: Decimal, b: Decimal, c: Decimal) -> bool {
    let (Some(m), scale) = (a.mantissa().checked_mul(b.mantissa()), a.scale() + b.scale()) else {
        return false;
    };
    let (n, cscale) = (c.mantissa(), c.scale());
    let widen = |v: i128, by: u32| 10i128.checked_pow(by).and_then(|p| v.checked_mul(p));
    match scale.cmp(&cscale) {
        std::cmp::Ordering::Equal => m == n,
        std::cmp::Ordering::Less => widen(m, cscale - scale) == Some(n),
        std::cmp::Ordering::Greater => widen(n, scale - cscale) == Some(m),
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

impl FromStr for Unit {
    type Err = UnitError;
    /// Reads a symbol; known symbols map to their variant, anything else
    /// non-empty to [`Unit::Other`]. Full-width parentheses count as ASCII ones.
    fn from_str(s: &str) -> Result<Self, UnitError> {
        if s.is_empty() {
            return Err(UnitError::Empty);
        }
        if let Some(u) = Unit::known(s) {
            return Ok(u);
        }
        if s.contains(['（', '）']) {
            let ascii = s.replace('（', "(").replace('）', ")");
            if let Some(u) = Unit::known(&ascii) {
                return Ok(u);
            }
        }
        Ok(Unit::Other(s.to_owned()))
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.symbol())
    }
}

impl Unit {
    /// The unit a JSON string names: a known symbol exactly as the table
    /// writes it, or any other non-blank text as [`Unit::Other`].
    pub(crate) fn from_json_str(s: &str) -> Result<Self, String> {
        if s.trim().is_empty() {
            return Err("a unit may not be empty or blank".into());
        }
        Ok(Unit::known(s).unwrap_or_else(|| Unit::Other(s.to_owned())))
    }
}

/// Reads a unit from a borrowed string: a known unit costs no allocation.
/// A blank one is refused once the string is read, where serde_json places
/// errors about a value's content.
struct UnitVisitor;

impl serde::de::Visitor<'_> for UnitVisitor {
    type Value = Result<Unit, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Unit::from_json_str(v))
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(UnitVisitor)?.map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Unit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unit".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let known: Vec<&str> = KNOWN_UNITS.iter().map(Unit::symbol).collect();
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "pattern": "\\S",
            "description": format!(
                "A unit of measurement as the notice writes it, after magnitude words (万, 亿) are folded into the value. Known units: {}. Any other non-blank string is accepted and forms a dimension of its own.",
                known.join(" ")
            ),
            "examples": ["人", "人次", "户", "亩", "万元"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn every_known_symbol_round_trips() {
        for u in KNOWN_UNITS {
            assert_eq!(&u.symbol().parse::<Unit>().unwrap(), u);
            assert!(u.is_known());
        }
    }

    #[test]
    fn every_dimension_with_known_units_has_one_base() {
        for u in KNOWN_UNITS {
            let bases =
                KNOWN_UNITS.iter().filter(|b| b.dimension() == u.dimension() && b.factor() == Decimal::ONE).count();
            assert!(bases >= 1, "{u} has no base");
            assert_eq!(u.base().factor(), Decimal::ONE);
        }
    }

    #[test]
    fn conversions_are_exact_or_refused() {
        assert_eq!(Unit::SquareMetre.convert(dec!(1000000), &Unit::Mu), Some(dec!(1500)));
        assert_eq!(Unit::Hectare.convert(dec!(1), &Unit::Mu), Some(dec!(15)));
        assert_eq!(Unit::Mu.convert(dec!(3), &Unit::SquareMetre), Some(dec!(2000)));
        assert_eq!(Unit::Mu.convert(dec!(1), &Unit::SquareMetre), None);
        assert_eq!(Unit::Kilometre.convert(dec!(120.26), &Unit::Metre), Some(dec!(120260)));
        assert_eq!(Unit::HundredMillionYuan.convert(dec!(2.9), &Unit::Yuan), Some(dec!(290000000)));
        assert_eq!(Unit::Person.convert(dec!(1), &Unit::PersonTime), None);
        assert_eq!(Unit::Household.convert(dec!(1), &Unit::Person), None);
        assert_eq!(Unit::PersonMing.convert(dec!(7), &Unit::Person), Some(dec!(7)));
    }

    #[test]
    fn unknown_units_are_kept_and_only_match_themselves() {
        let u: Unit = "盏".parse().unwrap();
        assert_eq!(u, Unit::Other("盏".into()));
        assert!(u.is_compatible(&Unit::Other("盏".into())));
        assert!(!u.is_compatible(&Unit::Item));
        assert_eq!(serde_json::to_string(&u).unwrap(), "\"盏\"");
        assert!(serde_json::from_str::<Unit>("\" \"").is_err());
        assert_eq!("场（次）".parse::<Unit>().unwrap(), Unit::ShowOrPerformance);
    }
}
