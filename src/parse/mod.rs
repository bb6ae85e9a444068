//! Parsing Chinese target and deadline phrases.
//!
//! - `"开展职业技能培训10万人次".parse::<Target>()` reads one target phrase
//!   (see the [`FromStr`] impl on [`Target`]);
//! - [`parse_targets`] finds every target of a sentence with its byte span,
//!   including respectively-lists (分别达到85%、82%和90%), several quantities in
//!   one phrase (不少于300个800栋10000户100万平方米), 其中 breakdowns and
//!   per-member figures (各建设1幢);
//! - [`Deadline::parse`](crate::model::Deadline::parse) reads 年底前, 3月22日前,
//!   第四季度, 每月, 3月至12月…;
//! - [`Target`]'s [`Display`](std::fmt::Display) writes a canonical phrase that
//!   parses back to the same measure, amount and subject.
//!
//! Numbers may be Arabic (1,234.5, full-width １２３), Chinese (一万二千三百,
//! 两千, 十五) or mixed (1.39万, 2.9亿); values are normalised exactly. A lone
//! Chinese numeral character (一, 三, 两) is read as part of a word, never as a
//! figure: 一盘棋, 三江源, 两癌, 三公里充分就业社区 are names.
//!
//! ```
//! use minsheng::{Amount, Measure, Target, Unit};
//! use rust_decimal_macros::dec;
//! let t: Target = "开展职业技能培训10万人次".parse()?;
//! assert_eq!(t.measure, Measure::quantity(Unit::PersonTime));
//! assert_eq!(t.amount, Some(Amount::exactly(dec!(100000))));
//! assert_eq!(t.to_string(), "职业技能培训100000人次");
//! # Ok::<(), minsheng::parse::ParseError>(())
//! ```

mod deadline;
mod marks;
mod numeral;
mod target;
mod traditional;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::model::{Amount, ChangeDirection, ChangeScale, Comparator, Measure, Target, TargetId};

pub(crate) use marks::{Glosses, bare, is_cjk, is_format};
pub use numeral::chinese_value;
pub(crate) use traditional::simplified;

/// Why a phrase could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read {input:?} at byte {offset}: {message}")]
pub struct ParseError {
    /// The text given.
    pub input: String,
    /// Byte offset in `input` of what was not understood.
    pub offset: usize,
    /// What was not understood.
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(input: &str, offset: usize, message: impl Into<String>) -> Self {
        Self { input: input.to_owned(), offset, message: message.into() }
    }
}

/// A target found in a text by [`parse_targets`].
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte range of the phrase in the text (the target's `phrase`).
    pub span: Range<usize>,
    /// The target, with ids `t1`, `t2`… in text order.
    pub target: Target,
}

fn renumber(t: &mut Target, id: String) {
    if let Ok(new) = TargetId::new(id.as_str()) {
        t.id = new;
    }
    if let Some(b) = &mut t.breakdown {
        for (k, p) in b.parts.iter_mut().enumerate() {
            renumber(p, format!("{id}.{}", k + 1));
        }
    }
}

/// Finds every target in `text`, in text order, with byte spans.
///
/// Respectively-lists give one target per subject (all with the same span);
/// several quantities in one phrase give one target each; parts listed
/// under 其中 or in parentheses after a total become the total's
/// [`Breakdown`](crate::model::Breakdown); 各 after a list of members gives a
/// [`PerMember`](crate::model::PerMember) and the total.
///
/// ```
/// use minsheng::parse::parse_targets;
/// use rust_decimal_macros::dec;
/// let text = "农作物秸秆综合利用率、畜禽粪污资源化利用率、农田残膜回收利用率分别达到85%、82%和90%。";
/// let found = parse_targets(text);
/// assert_eq!(found.len(), 3);
/// assert_eq!(found[1].target.subject, "畜禽粪污资源化利用率");
/// assert_eq!(found[1].target.amount.as_ref().and_then(|a| a.value()), Some(dec!(82)));
/// assert_eq!(&text[found[0].span.clone()], found[0].target.phrase);
/// ```
pub fn parse_targets(text: &str) -> Vec<Found> {
    let doc = target::Doc::new(text);
    let mut rejected = Vec::new();
    let hits = target::find(&doc, &mut rejected);
    hits.into_iter()
        .enumerate()
        .map(|(k, mut h)| {
            renumber(&mut h.target, format!("t{}", k + 1));
            let b = |i: usize| doc.bytes.get(i).copied().unwrap_or(text.len());
            Found { span: b(h.span.start)..b(h.span.end), target: h.target }
        })
        .collect()
}

/// [`parse_targets`] for a notice of `programme_year`, filling in what
/// only the year makes exact: each target's deadline, when its sentence
/// names one before or inside the phrase (年内建成投运7个活畜交易市场、4个…;
/// 确保年底前…设置率达到50%以上), and the year of a baseline (较上年 in a
/// 2021 notice is 2020).
///
/// ```
/// use chrono::NaiveDate;
/// use minsheng::parse::parse_targets_in_year;
/// let text = "年内建成投运7个活畜交易市场、4个枸杞交易市场。县域内基层就诊率较上年提高。";
/// let found = parse_targets_in_year(text, 2020);
/// assert_eq!(found.len(), 3);
/// let d = found[1].target.deadline.as_ref().unwrap();
/// assert_eq!((d.text.as_str(), d.date), ("年内", NaiveDate::from_ymd_opt(2020, 12, 31).unwrap()));
/// assert_eq!(found[2].target.baseline.as_ref().and_then(|b| b.year), Some(2019));
/// ```
pub fn parse_targets_in_year(text: &str, programme_year: i32) -> Vec<Found> {
    let mut found = parse_targets(text);
    let sentences = sentence_starts(text);
    let clauses = clause_starts(text);
    let deadlines = Deadlines::new(text, programme_year);
    for f in &mut found {
        let start = sentence_start(&sentences, f.span.start);
        if f.target.deadline.is_none() {
            // A clause with a date of its own keeps it (9月底竣工70%以上,
            // 10月底竣工90%以上: 90% by 10月底); otherwise the sentence's
            // first date holds for all its figures (年内建成7个…、4个…).
            let clause = sentence_start(&clauses, f.span.start).max(start);
            f.target.deadline =
                deadlines.first_within(clause, f.span.end).or_else(|| deadlines.first_within(start, f.span.end));
        }
        if let Some(b) = &mut f.target.baseline
            && b.year.is_none()
            && (b.text.contains("上年") || b.text.contains("去年"))
        {
            b.year = programme_year.checked_sub(1);
        }
    }
    found
}

/// `true` for the characters that end a sentence for deadlines' sake.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n')
}

/// Byte offsets where sentences start (after 。；; or a line break), in order, 0 first.
fn sentence_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.char_indices().filter(|(_, c)| ends_sentence(*c)).map(|(i, c)| i + c.len_utf8()))
        .collect()
}

/// Byte offsets where clauses start (after `,` `，` or a sentence's end), in order, 0 first.
fn clause_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.char_indices()
                .filter(|(_, c)| ends_sentence(*c) || matches!(c, ',' | '，'))
                .map(|(i, c)| i + c.len_utf8()),
        )
        .collect()
}

/// Byte offset where the sentence holding `at` starts, from [`sentence_starts`].
fn sentence_start(starts: &[usize], at: usize) -> usize {
    let k = starts.partition_point(|&s| s <= at);
    starts.get(k.saturating_sub(1)).copied().unwrap_or(0)
}

/// Words a deadline inside running text ends with. A bare year (2021年),
/// 全年 or a quarter (确保四季度…增长10%) names the period a figure is
/// measured over, not a date it is due by.
const DEADLINE_ENDS: &[&str] = &["前", "内", "底", "末"];

/// The longest deadline phrase is 14 characters (2021年12月31日之前 and the like).
const DEADLINE_CHARS: usize = 14;

/// One deadline phrase of a text: byte range and the deadline read.
struct DeadlinePhrase {
    start: usize,
    end: usize,
    deadline: crate::model::Deadline,
}

/// Every deadline phrase of a text, found once so that each target's
/// lookup costs a search, not a rescan of its sentence (a sentence of
/// 16 000 targets separated by ， made the rescans quadratic).
struct Deadlines {
    /// For each start, every phrase that reads as a deadline, by start then end.
    phrases: Vec<DeadlinePhrase>,
}

impl Deadlines {
    fn new(text: &str, programme_year: i32) -> Self {
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let mut phrases = Vec::new();
        for (k, &a) in starts.iter().enumerate() {
            let Some(first) = text.get(a..).and_then(|t| t.chars().next()) else { continue };
            if !opens_deadline(first) {
                continue;
            }
            for &b in starts.iter().skip(k + 2).take(DEADLINE_CHARS - 1) {
                let Some(candidate) = text.get(a..b) else { continue };
                if DEADLINE_ENDS.iter().any(|e| candidate.ends_with(e))
                    && let Ok(deadline) = crate::model::Deadline::parse(candidate, programme_year)
                {
                    phrases.push(DeadlinePhrase { start: a, end: b, deadline });
                }
            }
        }
        Self { phrases }
    }

    /// The first deadline phrase inside `from..to` (the earliest start, and
    /// for it the longest phrase that ends by `to`).
    fn first_within(&self, from: usize, to: usize) -> Option<crate::model::Deadline> {
        let k = self.phrases.partition_point(|p| p.start < from);
        // Phrases are at most 14 characters long: past the first start whose
        // phrases all end after `to`, only starts within 14 characters of `to`
        // remain, so this loop is short.
        let mut best: Option<&DeadlinePhrase> = None;
        for p in self.phrases.iter().skip(k) {
            if p.start >= to || best.is_some_and(|b| b.start != p.start) {
                break;
            }
            if p.end <= to {
                best = Some(p);
            }
        }
        best.map(|p| p.deadline.clone())
    }
}

/// `true` for a character a deadline phrase can start with.
fn opens_deadline(first: char) -> bool {
    first.is_ascii_digit()
        || numeral::is_chinese_numeral_char(first)
        || matches!(first, '年' | '上' | '下' | '第' | '本')
}

impl FromStr for Target {
    type Err = ParseError;

    /// Reads one target phrase: 开展职业技能培训10万人次, 秸秆综合利用率达到85%,
    /// 失业率控制在5.5%以内, 孕产妇死亡率16/10万以下, 投资2.9亿元, 增长8%,
    /// 由负转正; also 按省教育厅目标任务… (deferred) and …全覆盖 (categorical).
    ///
    /// The id is `t1`, `phrase` the input verbatim.
    ///
    /// # Errors
    ///
    /// When the phrase holds no figure, or several targets (use
    /// [`parse_targets`] for those).
    fn from_str(input: &str) -> Result<Self, ParseError> {
        let doc = target::Doc::new(input);
        let mut rejected = Vec::new();
        let mut hits = target::find(&doc, &mut rejected);
        let byte = |i: usize| doc.bytes.get(i).copied().unwrap_or(input.len());
        if hits.len() > 1 {
            let at = byte(hits[1].fig.start);
            return Err(ParseError::new(
                input,
                at,
                format!("the phrase holds {} targets, not one; use parse_targets", hits.len()),
            ));
        }
        if let Some(mut h) = hits.pop() {
            h.target.phrase = input.to_owned();
            renumber(&mut h.target, "t1".to_owned());
            return Ok(h.target);
        }
        if let Some(t) = wordy(input) {
            return Ok(t);
        }
        Err(match rejected.first() {
            Some(r) => ParseError::new(input, byte(r.at), format!("no target: {}", r.why)),
            None => ParseError::new(input, 0, "no figure: expected a number with a unit, %, ‰ or /10万"),
        })
    }
}

/// A commitment without a figure that only a whole phrase can carry:
/// 实现新发包虫病患者救治全覆盖 (categorical). In running text 全覆盖 is as
/// often a slogan, so [`parse_targets`] leaves it alone.
fn wordy(input: &str) -> Option<Target> {
    let id = TargetId::new("t1").ok()?;
    let subject = input.trim().strip_suffix("全覆盖")?;
    let subject = subject.trim_start_matches("实现").to_owned();
    Some(Target::new(id, subject, input, Measure::Categorical { level: "全覆盖".to_owned() }))
}

fn per_text(per: Decimal) -> String {
    if per == Decimal::ONE_THOUSAND {
        "‰".to_owned()
    } else if per == Decimal::from(100_000) {
        "/10万".to_owned()
    } else {
        format!("/{}", per.normalize())
    }
}

/// Renders a canonical phrase: subject, comparator words, figure, unit.
///
/// Values print in base units (10万人次 as 100000人次, 2.9亿元 as 290000000元);
/// parsing the rendering gives back the same subject, measure and amount.
///
/// ```
/// use minsheng::{Amount, Measure, Target};
/// use rust_decimal_macros::dec;
/// let t = Target::new("t1".parse()?, "失业率", "", Measure::percent()).with_amount(Amount::at_most(dec!(5.5)));
/// assert_eq!(t.to_string(), "失业率控制在5.5%以内");
/// let back: Target = t.to_string().parse()?;
/// assert_eq!((back.measure, back.amount), (t.measure, t.amount));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match &self.measure {
            Measure::Quantity { unit } => unit.symbol().to_owned(),
            Measure::Percent { .. } => "%".to_owned(),
            Measure::Rate { per } => per_text(*per),
            Measure::Money => "元".to_owned(),
            Measure::Change { scale: Some(ChangeScale::PercentagePoints), .. } => "个百分点".to_owned(),
            Measure::Change { scale: Some(ChangeScale::Percent), .. } => "%".to_owned(),
            Measure::Change { direction: ChangeDirection::TurnPositive, .. } => {
                return write!(f, "{}由负转正", self.subject);
            }
            Measure::Change { .. } => String::new(),
            Measure::Categorical { level } => return write!(f, "{}{}", self.subject, level),
            Measure::Deferred { source } => return write!(f, "按{}{}", source, self.subject),
        };
        f.write_str(&self.subject)?;
        if let Measure::Change { direction, .. } = &self.measure {
            f.write_str(match direction {
                ChangeDirection::Decrease => "下降",
                _ => "增长",
            })?;
        }
        let Some(amount) = &self.amount else {
            return Ok(());
        };
        let v = amount.low().normalize();
        let (pre, post) = match amount.comparator() {
            Comparator::Exactly | Comparator::Between => ("", ""),
            Comparator::AtLeast => ("", "以上"),
            Comparator::AtMost if matches!(self.measure, Measure::Percent { .. }) => ("控制在", "以内"),
            Comparator::AtMost if matches!(self.measure, Measure::Rate { .. }) => ("", "以下"),
            Comparator::AtMost => ("", "以内"),
            Comparator::MoreThan => ("超过", ""),
            Comparator::LessThan => ("低于", ""),
            Comparator::Approximately => ("", "左右"),
        };
        match amount {
            Amount::Between { min, max } => write!(f, "{}至{}{unit}", min.normalize(), max.normalize()),
            _ => write!(f, "{pre}{v}{unit}{post}"),
        }
    }
}
