//! Targets: the figures a task commits to.
//!
//! A [`Target`] says what is measured (its `subject`), how (its [`Measure`]),
//! and the figure ([`Amount`], with its comparator), and keeps the phrase the
//! notice wrote. 新建21所幼儿园 is subject 新建幼儿园, a quantity in 所,
//! exactly 21. 秸秆综合利用率达到85% is a percent, at least 85.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::json::decimal::{self, DecimalString};
use crate::model::{Deadline, Dimension, Extra, TargetId, Unit};

mod de;

/// How a target's figure compares with what must be achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Comparator {
    /// The figure itself (新建21所).
    Exactly,
    /// At least the figure (以上, 不少于, 不低于, 达到, 至少).
    AtLeast,
    /// At most the figure (以内, 以下, 不超过, 控制在…以内).
    AtMost,
    /// More than the figure (超过, 多, 余).
    MoreThan,
    /// Less than the figure (低于, 小于).
    LessThan,
    /// About the figure (左右, 约, 近).
    Approximately,
    /// Within a range (1—2个).
    Between,
}

impl Comparator {
    /// The comparator's name as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exactly => "exactly",
            Self::AtLeast => "at_least",
            Self::AtMost => "at_most",
            Self::MoreThan => "more_than",
            Self::LessThan => "less_than",
            Self::Approximately => "approximately",
            Self::Between => "between",
        }
    }
}

/// A target's figure together with its comparator.
///
/// Values are normalised to base units: 5.15万套 is `"51500"` with unit 套.
// Deserialised in one pass by the `de` module; the serde attributes here
// shape what is written and the schema.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "comparator", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Amount {
    /// Exactly `value`.
    Exactly {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// At least `value`.
    AtLeast {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// At most `value`.
    AtMost {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// More than `value`.
    MoreThan {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// Less than `value`.
    LessThan {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// About `value`.
    Approximately {
        /// The figure.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        value: Decimal,
    },
    /// From `min` to `max`, both included.
    Between {
        /// The lower end.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        min: Decimal,
        /// The upper end.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        max: Decimal,
    },
}

impl Amount {
    /// An amount with a single figure and the given comparator; a `Between`
    /// comparator gets `value` as both ends.
    pub fn new(comparator: Comparator, value: Decimal) -> Self {
        match comparator {
            Comparator::Exactly => Self::Exactly { value },
            Comparator::AtLeast => Self::AtLeast { value },
            Comparator::AtMost => Self::AtMost { value },
            Comparator::MoreThan => Self::MoreThan { value },
            Comparator::LessThan => Self::LessThan { value },
            Comparator::Approximately => Self::Approximately { value },
            Comparator::Between => Self::Between { min: value, max: value },
        }
    }

    /// Exactly `value`.
    pub fn exactly(value: Decimal) -> Self {
        Self::Exactly { value }
    }

    /// At least `value`.
    pub fn at_least(value: Decimal) -> Self {
        Self::AtLeast { value }
    }

    /// At most `value`.
    pub fn at_most(value: Decimal) -> Self {
        Self::AtMost { value }
    }

    /// From `min` to `max`.
    pub fn between(min: Decimal, max: Decimal) -> Self {
        Self::Between { min, max }
    }

    /// The comparator.
    pub fn comparator(&self) -> Comparator {
        match self {
            Self::Exactly { .. } => Comparator::Exactly,
            Self::AtLeast { .. } => Comparator::AtLeast,
            Self::AtMost { .. } => Comparator::AtMost,
            Self::MoreThan { .. } => Comparator::MoreThan,
            Self::LessThan { .. } => Comparator::LessThan,
            Self::Approximately { .. } => Comparator::Approximately,
            Self::Between { .. } => Comparator::Between,
        }
    }

    /// The single figure, or `None` for a range.
    pub fn value(&self) -> Option<Decimal> {
        match *self {
            Self::Exactly { value }
            | Self::AtLeast { value }
            | Self::AtMost { value }
            | Self::MoreThan { value }
            | Self::LessThan { value }
            | Self::Approximately { value } => Some(value),
            Self::Between { .. } => None,
        }
    }

    /// The lowest figure the amount names: the value, or a range's `min`.
    pub fn low(&self) -> Decimal {
        match *self {
            Self::Between { min, .. } => min,
            Self::Exactly { value }
            | Self::AtLeast { value }
            | Self::AtMost { value }
            | Self::MoreThan { value }
            | Self::LessThan { value }
            | Self::Approximately { value } => value,
        }
    }

    /// The highest figure the amount names: the value, or a range's `max`.
    pub fn high(&self) -> Decimal {
        match *self {
            Self::Between { max, .. } => max,
            _ => self.low(),
        }
    }

    /// The same comparator with every figure passed through `f`.
    pub fn map(&self, mut f: impl FnMut(Decimal) -> Decimal) -> Self {
        match *self {
            Self::Between { min, max } => Self::Between { min: f(min), max: f(max) },
            _ => Self::new(self.comparator(), f(self.low())),
        }
    }
}

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeDirection {
    /// Up: 增长, 提高, 增加.
    Increase,
    /// Down: 下降, 降低, 压减, 减少.
    Decrease,
    /// From negative growth to positive (由负转正); has no figure.
    TurnPositive,
}

/// What a change's figure is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeScale {
    /// Relative change in percent (增长8%).
    Percent,
    /// Absolute change of a percentage, in percentage points (提高2个百分点).
    PercentagePoints,
}

/// How a target measures its subject.
// Deserialised in one pass by the `de` module; the serde attributes here
// shape what is written and the schema.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Measure {
    /// A count or physical quantity in a unit (10万人次, 30万亩, 235万千瓦).
    Quantity {
        /// The unit, after magnitude words are folded into the value.
        unit: Unit,
    },
    /// A percentage level (85%).
    Percent {
        /// `true` (the default) when the percent is a share of a whole
        /// (coverage, utilisation, 覆盖率), which cannot exceed 100; `false`
        /// for ratios that can (资金落实率117.1%).
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        share: bool,
    },
    /// A rate per `per` (5‰: per 1000; 16/10万: per 100 000).
    Rate {
        /// The base of the rate.
        #[serde(with = "decimal")]
        #[schemars(with = "DecimalString")]
        per: Decimal,
    },
    /// An amount of money in 元 (2.9亿元 is 290 000 000).
    Money,
    /// A change against a baseline (增长8%, 下降5.9%, 提高2个百分点, 由负转正).
    Change {
        /// Which way.
        direction: ChangeDirection,
        /// What the figure is in; absent for 由负转正 and for changes the
        /// notice gives no figure for (较上年提高).
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
        scale: Option<ChangeScale>,
    },
    /// A level on a scale that is not a number (Ⅲ类水质, 国家卫生县城标准).
    Categorical {
        /// The level as written.
        level: String,
    },
    /// A figure the notice does not give because it lives elsewhere
    /// (按省教育厅目标任务: set by the parent programme).
    Deferred {
        /// Where the figure is set, as written (省教育厅目标任务).
        source: String,
    },
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Measure {
    /// A quantity in `unit`.
    pub fn quantity(unit: Unit) -> Self {
        Self::Quantity { unit }
    }

    /// A percent share (cannot exceed 100).
    pub fn percent() -> Self {
        Self::Percent { share: true }
    }

    /// The measure's kind as used in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Quantity { .. } => "quantity",
            Self::Percent { .. } => "percent",
            Self::Rate { .. } => "rate",
            Self::Money => "money",
            Self::Change { .. } => "change",
            Self::Categorical { .. } => "categorical",
            Self::Deferred { .. } => "deferred",
        }
    }

    /// The unit figures of this measure are in, for quantities and money.
    pub fn unit(&self) -> Option<Unit> {
        match self {
            Self::Quantity { unit } => Some(unit.clone()),
            Self::Money => Some(Unit::Yuan),
            _ => None,
        }
    }

    /// The dimension of quantities and money; `None` for levels and changes,
    /// which do not add up.
    pub fn dimension(&self) -> Option<Dimension> {
        self.unit().map(|u| u.dimension())
    }

    /// `true` when the measure carries a figure that must be given
    /// (everything but categorical and deferred targets and 由负转正).
    pub fn needs_amount(&self) -> bool {
        match self {
            Self::Categorical { .. } | Self::Deferred { .. } => false,
            Self::Change { direction, scale } => *direction != ChangeDirection::TurnPositive && scale.is_some(),
            _ => true,
        }
    }
}

/// What a change or level is measured against (同比, 较上年).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The words naming the baseline (同比, 较上年, 2020年).
    pub text: String,
    /// The baseline year, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::integer::some_whole")]
    pub year: Option<i32>,
    /// The baseline figure, when the notice gives it.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "decimal::option")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<Decimal>,
}

/// The parts of a target listed under 其中.
///
/// 投资2418万元，其中1056万元…571万元…480万元…311万元: the parts add up to the
/// total. `exhaustive` says whether the notice means them to (其中 lists
/// often name only the notable parts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// `true` when the parts together make up the whole total.
    pub exhaustive: bool,
    /// The parts, each a target of its own in the same measure as the total.
    #[serde(deserialize_with = "crate::json::list::exact")]
    pub parts: Vec<Target>,
}

/// A target set per member of a group: 三所大学各建设1幢 is 1 幢 for each of 3
/// members, 3 幢 in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerMember {
    /// How many members share the target.
    #[serde(deserialize_with = "crate::json::integer::whole")]
    pub count: u32,
    /// The members' names as written, when the notice lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The figure for each member; the target's amount is `count × each`.
    #[serde(with = "decimal")]
    #[schemars(with = "DecimalString")]
    pub each: Decimal,
}

/// A figure a task commits to.
///
/// ```
/// use minsheng::{Amount, Measure, Target, Unit};
/// use rust_decimal_macros::dec;
/// let t = Target::new("t1".parse()?, "职业技能培训", "开展职业技能培训10万人次", Measure::quantity(Unit::PersonTime))
///     .with_amount(Amount::exactly(dec!(100000)));
/// assert_eq!(t.amount.as_ref().and_then(Amount::value), Some(dec!(100000)));
/// let json = serde_json::to_string(&t)?;
/// assert!(json.contains(r#""measure":{"kind":"quantity","unit":"人次"}"#));
/// assert!(json.contains(r#""amount":{"comparator":"exactly","value":"100000"}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The target's id, unique in the programme.
    pub id: TargetId,
    /// What is measured, in the notice's words (职业技能培训, 农作物秸秆综合利用率).
    pub subject: String,
    /// The phrase the figure comes from, verbatim (开展职业技能培训10万人次).
    pub phrase: String,
    /// How the subject is measured.
    pub measure: Measure,
    /// The figure and its comparator; absent for categorical and deferred
    /// targets and for changes without a figure.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub amount: Option<Amount>,
    /// Where or for whom the target holds, when narrower than the programme
    /// (德令哈; 楚雄市、禄丰县所辖乡镇镇区).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub scope: Option<String>,
    /// What a change or level is measured against.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub baseline: Option<Baseline>,
    /// The parts listed under 其中.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub breakdown: Option<Breakdown>,
    /// Set when the figure is per member of a group (各建设1幢).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub per_member: Option<PerMember>,
    /// When the target must be met, if the notice says so for this target.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub deadline: Option<Deadline>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl Target {
    /// A target without a figure yet.
    pub fn new(id: TargetId, subject: impl Into<String>, phrase: impl Into<String>, measure: Measure) -> Self {
        Self {
            id,
            subject: subject.into(),
            phrase: phrase.into(),
            measure,
            amount: None,
            scope: None,
            baseline: None,
            breakdown: None,
            per_member: None,
            deadline: None,
            extra: Extra::new(),
        }
    }

    /// Sets the figure.
    #[must_use]
    pub fn with_amount(mut self, amount: Amount) -> Self {
        self.amount = Some(amount);
        self
    }

    /// Sets the breakdown.
    #[must_use]
    pub fn with_breakdown(mut self, exhaustive: bool, parts: Vec<Target>) -> Self {
        self.breakdown = Some(Breakdown { exhaustive, parts });
        self
    }

    /// Sets the deadline.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Deadline) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The comparator, when there is a figure.
    pub fn comparator(&self) -> Option<Comparator> {
        self.amount.as_ref().map(Amount::comparator)
    }

    /// The unit figures are in, for quantities and money.
    pub fn unit(&self) -> Option<Unit> {
        self.measure.unit()
    }
}
