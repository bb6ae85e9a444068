//! Targets: a template's subject measured its way, with a figure in the
//! template's range, the phrase a notice would print, and sometimes a
//! breakdown (其中), members (各) or a deadline.

use rust_decimal::Decimal;

use super::draw::{Gen, count_text, nice, qty_figure, range_text, text};
use super::tables::{FUND_SCOPES, Kind, PART_SCOPES, QuantityUnit, SCHOOLS, Template};
use crate::model::number::chinese_numeral;
use crate::model::{
    Amount, Baseline, Breakdown, ChangeDirection, ChangeScale, Comparator, Measure, PerMember, Target, Unit,
};

/// A target and the clause of the task's description it comes from.
pub(super) struct Drafted {
    pub(super) target: Target,
    pub(super) clause: String,
}

/// A target's measure and figure with the phrase that states them, before
/// the target itself is made.
struct Figure {
    measure: Measure,
    amount: Option<Amount>,
    phrase: String,
    breakdown: Option<Breakdown>,
    per_member: Option<PerMember>,
    /// Words the description adds after the phrase (，其中…).
    tail: String,
}

impl Figure {
    fn new(measure: Measure, amount: Option<Amount>, phrase: String) -> Self {
        Self { measure, amount, phrase, breakdown: None, per_member: None, tail: String::new() }
    }
}

/// Parts of a breakdown with the phrases that name them and their sum.
struct Parts {
    parts: Vec<Target>,
    phrases: Vec<String>,
    sum: i64,
}

impl Gen {
    /// A target from `template` and the clause of the description it comes from.
    pub(super) fn target(&mut self, template: Template) -> Option<Drafted> {
        let id = self.target_id()?;
        let comparator = self.comparator(&template.kind);
        let figure = match template.kind {
            Kind::Qty(QuantityUnit::Km) => self.kilometres(&template, comparator),
            Kind::Qty(u) => self.quantity(&template, u.unit(), comparator)?,
            Kind::PerMember(u) => self.per_member(&template, u.unit()),
            Kind::Percent { share } => self.percent(&template, share, comparator),
            Kind::Rate { per } => self.rate(&template, per, comparator),
            Kind::MoneyWan => self.money_wan(&template, comparator)?,
            Kind::MoneyYi => self.money_yi(&template, comparator),
            Kind::Change(direction, scale) => self.change(&template, direction, scale, comparator),
            Kind::Categorical(level) => {
                let phrase = if template.verb == "通过" {
                    format!("{}{}", template.verb, template.subject)
                } else {
                    format!("{}{level}标准", template.verb)
                };
                Figure::new(Measure::Categorical { level: level.into() }, None, phrase)
            }
            Kind::Deferred(source) => {
                Figure::new(Measure::Deferred { source: source.into() }, None, format!("{}{source}", template.verb))
            }
        };
        let mut target = Target::new(id, template.subject, figure.phrase.clone(), figure.measure);
        target.amount = figure.amount;
        target.breakdown = figure.breakdown;
        target.per_member = figure.per_member;
        if let Kind::Change(..) = template.kind {
            target.baseline = Some(Baseline { text: "较上年".into(), year: Some(self.year - 1), value: None });
        }
        if self.chance(0.1) {
            target.deadline = Some(self.deadline()?);
        }
        Some(Drafted { target, clause: format!("{}{}", figure.phrase, figure.tail) })
    }

    pub(super) fn comparator(&mut self, kind: &Kind) -> Comparator {
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
            Kind::Rate { .. } if roll < 70 => Comparator::AtMost,
            Kind::Rate { .. } => Comparator::LessThan,
            Kind::MoneyWan | Kind::MoneyYi if roll < 70 => Comparator::Exactly,
            Kind::MoneyWan | Kind::MoneyYi => Comparator::AtLeast,
            Kind::Change(..) => match roll {
                0..50 => Comparator::AtLeast,
                50..80 => Comparator::Exactly,
                _ => Comparator::Approximately,
            },
            Kind::PerMember(_) | Kind::Categorical(_) | Kind::Deferred(_) => Comparator::Exactly,
        }
    }

    /// Kilometres, to one decimal place.
    fn kilometres(&mut self, t: &Template, comparator: Comparator) -> Figure {
        let unit = Unit::Kilometre;
        let sym = unit.symbol().to_owned();
        let a = self.range_i64(t.lo * 10, t.hi * 10);
        let av = Decimal::new(a, 1).normalize();
        let (amount, fig) = if comparator == Comparator::Between {
            let bv = Decimal::new(a + self.range_i64(10, 200), 1).normalize();
            (Amount::between(av, bv), format!("{}—{}{sym}", text(av), text(bv)))
        } else {
            (Amount::new(comparator, av), qty_figure(comparator, &text(av), &sym))
        };
        Figure::new(Measure::quantity(unit), Some(amount), format!("{}{fig}", t.verb))
    }

    /// A count of people, households, buildings…; some with a breakdown by area.
    fn quantity(&mut self, t: &Template, unit: Unit, comparator: Comparator) -> Option<Figure> {
        let sym = unit.symbol().to_owned();
        let can_break = matches!(comparator, Comparator::Exactly | Comparator::AtLeast | Comparator::Approximately);
        if can_break && self.chance(0.2) {
            let n = self.range_i64(2, 3) as usize;
            let exhaustive = self.chance(0.6);
            let parts = self.area_parts(t, &unit, n)?;
            let total = if exhaustive { parts.sum } else { parts.sum + nice(self.range_i64(1, (t.hi / 4).max(1))) };
            let amount = Amount::new(comparator, Decimal::from(total));
            let phrase = format!("{}{}", t.verb, qty_figure(comparator, &count_text(total), &sym));
            let mut figure = Figure::new(Measure::quantity(unit), Some(amount), phrase);
            figure.tail = format!("，其中{}", parts.phrases.join("、"));
            figure.breakdown = Some(Breakdown { exhaustive, parts: parts.parts });
            return Some(figure);
        }
        let a = nice(self.range_i64(t.lo, t.hi));
        let (amount, fig) = if comparator == Comparator::Between {
            let b = a + nice(self.range_i64((a / 10).max(1), (a / 2).max(2)));
            (Amount::between(Decimal::from(a), Decimal::from(b)), format!("{}{sym}", range_text(a, b)))
        } else {
            (Amount::new(comparator, Decimal::from(a)), qty_figure(comparator, &count_text(a), &sym))
        };
        Some(Figure::new(Measure::quantity(unit), Some(amount), format!("{}{fig}", t.verb)))
    }

    /// `n` parts of a quantity, one per area (城区, 东部县区…).
    fn area_parts(&mut self, t: &Template, unit: &Unit, n: usize) -> Option<Parts> {
        let start = self.below(PART_SCOPES.len());
        let mut out = Parts { parts: Vec::with_capacity(n), phrases: Vec::with_capacity(n), sum: 0 };
        for k in 0..n {
            let scope = PART_SCOPES.get((start + k) % PART_SCOPES.len()).copied().unwrap_or("城区");
            let v = nice(self.range_i64((t.lo / 3).max(1), (t.hi / 3).max(1)));
            out.sum += v;
            let phrase = format!("{scope}{}{}", count_text(v), unit.symbol());
            let mut part = Target::new(self.target_id()?, t.subject, phrase.clone(), Measure::quantity(unit.clone()))
                .with_amount(Amount::exactly(Decimal::from(v)));
            part.scope = Some(scope.into());
            out.parts.push(part);
            out.phrases.push(phrase);
        }
        Some(out)
    }

    /// So many per member: 三所学校各新建学生宿舍2幢.
    fn per_member(&mut self, t: &Template, unit: Unit) -> Figure {
        let count = self.range_i64(2, 6) as u32;
        let each = self.range_i64(t.lo, t.hi);
        let members: Vec<String> = if self.chance(0.5) {
            SCHOOLS.iter().take(count as usize).map(|s| (*s).to_owned()).collect()
        } else {
            Vec::new()
        };
        let phrase = if members.is_empty() {
            format!("{}所学校各{}{each}{}", chinese_numeral(count), t.verb, unit.symbol())
        } else {
            format!("{}各{}{each}{}", members.join("、"), t.verb, unit.symbol())
        };
        let total = Decimal::from(i64::from(count) * each);
        let mut figure = Figure::new(Measure::quantity(unit), Some(Amount::exactly(total)), phrase);
        figure.per_member = Some(PerMember { count, members, each: Decimal::from(each) });
        figure
    }

    /// A percentage, to one decimal place.
    fn percent(&mut self, t: &Template, share: bool, comparator: Comparator) -> Figure {
        let (lo, hi, verb) = (t.lo, t.hi, t.verb);
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
        Figure::new(Measure::Percent { share }, Some(amount), phrase)
    }

    /// A rate per thousand (‰) or per 100 000 (/10万).
    fn rate(&mut self, t: &Template, per: i64, comparator: Comparator) -> Figure {
        let v = Decimal::new(self.range_i64(t.lo * 10, t.hi * 10), 1).normalize();
        let mark = if per == 1000 { format!("{}‰", text(v)) } else { format!("{}/10万", text(v)) };
        let phrase = if comparator == Comparator::AtMost {
            format!("{}控制在{mark}以内", t.verb)
        } else {
            format!("{}低于{mark}", t.verb)
        };
        Figure::new(Measure::Rate { per: Decimal::from(per) }, Some(Amount::new(comparator, v)), phrase)
    }

    /// Money in 万元; some with a breakdown by source of funds.
    fn money_wan(&mut self, t: &Template, comparator: Comparator) -> Option<Figure> {
        let suffix = if comparator == Comparator::AtLeast { "以上" } else { "" };
        if !self.chance(0.3) {
            let wan = self.range_i64(t.lo, t.hi);
            let amount = Amount::new(comparator, Decimal::from(wan * 10_000));
            return Some(Figure::new(Measure::Money, Some(amount), format!("{}{wan}万元{suffix}", t.verb)));
        }
        let n = self.range_i64(2, 4) as usize;
        let exhaustive = self.chance(0.7);
        let parts = self.fund_parts(t, n)?;
        let total = if exhaustive { parts.sum } else { parts.sum + self.range_i64(1, (t.hi / 10).max(1)) };
        let amount = Amount::new(comparator, Decimal::from(total * 10_000));
        let mut figure = Figure::new(Measure::Money, Some(amount), format!("{}{total}万元{suffix}", t.verb));
        figure.tail = format!("，其中{}", parts.phrases.join("、"));
        figure.breakdown = Some(Breakdown { exhaustive, parts: parts.parts });
        Some(figure)
    }

    /// `n` parts of a sum of money in 万元, one per source (中央, 省级…).
    fn fund_parts(&mut self, t: &Template, n: usize) -> Option<Parts> {
        let mut out = Parts { parts: Vec::with_capacity(n), phrases: Vec::with_capacity(n), sum: 0 };
        for k in 0..n {
            let scope = FUND_SCOPES.get(k).copied().unwrap_or("县级");
            let wan = self.range_i64((t.lo / 4).max(1), (t.hi / 4).max(1));
            out.sum += wan;
            let phrase = format!("{scope}资金{wan}万元");
            let mut part = Target::new(self.target_id()?, t.subject, phrase.clone(), Measure::Money)
                .with_amount(Amount::exactly(Decimal::from(wan * 10_000)));
            part.scope = Some(scope.into());
            out.parts.push(part);
            out.phrases.push(phrase);
        }
        Some(out)
    }

    /// Money in 亿元, to one decimal place.
    fn money_yi(&mut self, t: &Template, comparator: Comparator) -> Figure {
        let tenths = self.range_i64(t.lo * 10, t.hi * 10);
        let yi = Decimal::new(tenths, 1).normalize();
        let suffix = if comparator == Comparator::AtLeast { "以上" } else { "" };
        let amount = Amount::new(comparator, Decimal::from(tenths * 10_000_000));
        Figure::new(Measure::Money, Some(amount), format!("{}{}亿元{suffix}", t.verb, text(yi)))
    }

    /// A change against last year: by a percentage, by points, or in words.
    fn change(
        &mut self,
        t: &Template,
        direction: ChangeDirection,
        scale: Option<ChangeScale>,
        comparator: Comparator,
    ) -> Figure {
        let measure = Measure::Change { direction, scale };
        let scale = match (direction, scale) {
            (ChangeDirection::TurnPositive, _) => return Figure::new(measure, None, format!("{}由负转正", t.verb)),
            (_, None) => return Figure::new(measure, None, format!("{}较上年提高", t.verb)),
            (_, Some(scale)) => scale,
        };
        let v = Decimal::new(self.range_i64(t.lo * 10, t.hi * 10), 1).normalize();
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
        Figure::new(measure, Some(Amount::new(comparator, v)), format!("{}{word}{}{unit}{tail}", t.verb, text(v)))
    }
}
