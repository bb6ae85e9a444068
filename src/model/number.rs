//! Task and section numbers as the notices write them: 1., (一), (3), ①, 一是…

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How one level of a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NumberStyle {
    /// Arabic digits: the 1 of `1.` or `1、`.
    Arabic,
    /// Arabic digits in parentheses: `(1)`.
    ParenArabic,
    /// A circled digit: `①`.
    Circled,
    /// A Chinese numeral: the 一 of `一、`.
    Chinese,
    /// A Chinese numeral in parentheses: `(一)`.
    ParenChinese,
    /// A Chinese ordinal with 是, as running text numbers points: `一是`.
    ChineseShi,
}

/// One level of a number: its value and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumberSegment {
    /// The value, from 1.
    pub value: u32,
    /// How it is written.
    pub style: NumberStyle,
}

/// A task's number as a path through the notice's levels, such as `2.(3).①`
/// (project 2, item (3), point ①) or `(四).一是`.
///
/// Levels are joined by `.`; each prints in the notice's style. Parentheses
/// print half-width; [`FromStr`] also takes full-width ones, a trailing `.`
/// or `、`, and spaces. Chinese numerals run from 一 to 九十九; circled
/// digits from ① to ㊿.
///
/// ```
/// use minsheng::TaskNumber;
/// let n: TaskNumber = "2.(3).①".parse()?;
/// assert_eq!(n.depth(), 3);
/// assert_eq!(n.to_string(), "2.(3).①");
/// assert_eq!(n.parent().map(|p| p.to_string()), Some("2.(3)".to_string()));
/// assert_eq!("（十二）".parse::<TaskNumber>()?.to_string(), "(十二)");
/// # Ok::<(), minsheng::TaskNumberError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskNumber(Vec<NumberSegment>);

/// Why a string is not a task number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a task number such as 1, (1), ①, 一, (一), 一是 or a path like 2.(3).①: {reason}")]
pub struct TaskNumberError {
    /// What was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Reads a Chinese numeral from 一 to 九十九.
pub(crate) fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| DIGITS.iter().position(|&d| d == c).map(|i| i as u32 + 1);
    // At most three characters (二十五); anything longer is no numeral here.
    let mut cs = ['\0'; 3];
    let mut n = 0;
    for c in s.chars() {
        *cs.get_mut(n)? = c;
        n += 1;
    }
    match &cs[..n] {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10).filter(|v| *v >= 20),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?).filter(|v| *v >= 20),
        _ => None,
    }
}

/// Writes `v` (1..=99) as a Chinese numeral.
pub(crate) fn chinese_numeral(v: u32) -> String {
    let d = |n: u32| DIGITS[(n - 1) as usize];
    match v {
        1..=9 => d(v).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", d(v - 10)),
        20..=99 if v.is_multiple_of(10) => format!("{}十", d(v / 10)),
        20..=99 => format!("{}十{}", d(v / 10), d(v % 10)),
        _ => v.to_string(),
    }
}

fn circled_value(c: char) -> Option<u32> {
    let c = c as u32;
    match c {
        0x2460..=0x2473 => Some(c - 0x2460 + 1),
        0x3251..=0x325F => Some(c - 0x3251 + 21),
        0x32B1..=0x32BF => Some(c - 0x32B1 + 36),
        _ => None,
    }
}

fn circled_char(v: u32) -> Option<char> {
    let code = match v {
        1..=20 => 0x2460 + v - 1,
        21..=35 => 0x3251 + v - 21,
        36..=50 => 0x32B1 + v - 36,
        _ => return None,
    };
    char::from_u32(code)
}

impl NumberSegment {
    /// Reads one level: `1`, `(1)`, `①`, `一`, `(一)`, `一是`.
    fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let s: String = s
            .chars()
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                c => c,
            })
            .collect();
        let s = s.trim_end_matches(['.', '、', '．']);
        if s.is_empty() {
            return Err("an empty level".into());
        }
        let arabic = |t: &str| -> Option<u32> {
            if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok().filter(|v| *v > 0)
        };
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            if let Some(value) = arabic(inner) {
                return Ok(Self { value, style: NumberStyle::ParenArabic });
            }
            if let Some(value) = chinese_value(inner) {
                return Ok(Self { value, style: NumberStyle::ParenChinese });
            }
            return Err(format!("{s:?} has neither digits nor a Chinese numeral in its parentheses"));
        }
        if let Some(value) = arabic(s) {
            return Ok(Self { value, style: NumberStyle::Arabic });
        }
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(value) = circled_value(c)
        {
            return Ok(Self { value, style: NumberStyle::Circled });
        }
        if let Some(value) = chinese_value(s) {
            return Ok(Self { value, style: NumberStyle::Chinese });
        }
        if let Some(value) = s.strip_suffix('是').and_then(chinese_value) {
            return Ok(Self { value, style: NumberStyle::ChineseShi });
        }
        Err(format!("{s:?} is not a number level"))
    }
}

impl fmt::Display for NumberSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        match self.style {
            NumberStyle::Arabic => write!(f, "{v}"),
            NumberStyle::ParenArabic => write!(f, "({v})"),
            NumberStyle::Circled => match circled_char(v) {
                Some(c) => write!(f, "{c}"),
                None => write!(f, "({v})"),
            },
            NumberStyle::Chinese => f.write_str(&chinese_numeral(v)),
            NumberStyle::ParenChinese => write!(f, "({})", chinese_numeral(v)),
            NumberStyle::ChineseShi => write!(f, "{}是", chinese_numeral(v)),
        }
    }
}

impl TaskNumber {
    /// A number from its levels, outermost first.
    ///
    /// # Errors
    ///
    /// When `segments` is empty, a value is 0, or a value cannot be written
    /// in its style (a Chinese numeral above 99, a circled digit above 50).
    pub fn new(segments: Vec<NumberSegment>) -> Result<Self, TaskNumberError> {
        let input = segments.iter().map(ToString::to_string).collect::<Vec<_>>().join(".");
        let fail = |reason: &str| TaskNumberError { input: input.clone(), reason: reason.into() };
        if segments.is_empty() {
            return Err(fail("a number has at least one level"));
        }
        for s in &segments {
            let max = match s.style {
                NumberStyle::Circled => 50,
                NumberStyle::Chinese | NumberStyle::ParenChinese | NumberStyle::ChineseShi => 99,
                _ => 999_999_999,
            };
            if s.value == 0 || s.value > max {
                return Err(fail("a level's value is out of range for its style"));
            }
        }
        Ok(Self(segments))
    }

    /// The levels, outermost first.
    pub fn segments(&self) -> &[NumberSegment] {
        &self.0
    }

    /// How many levels the number has.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// The innermost level: the label the notice prints before the task.
    pub fn last(&self) -> NumberSegment {
        // The constructor guarantees at least one level.
        self.0[self.0.len() - 1]
    }

    /// The number of the enclosing level, if any.
    pub fn parent(&self) -> Option<TaskNumber> {
        (self.0.len() > 1).then(|| TaskNumber(self.0[..self.0.len() - 1].to_vec()))
    }

    /// `true` when `self` lies below `ancestor` (or is it).
    pub fn starts_with(&self, ancestor: &TaskNumber) -> bool {
        self.0.starts_with(&ancestor.0)
    }

    /// This number extended by one level.
    pub fn child(&self, segment: NumberSegment) -> TaskNumber {
        let mut v = self.0.clone();
        v.push(segment);
        TaskNumber(v)
    }
}

impl FromStr for TaskNumber {
    type Err = TaskNumberError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason: String| TaskNumberError { input: input.to_owned(), reason };
        let trimmed = input.trim().trim_end_matches(['.', '、', '．']);
        if trimmed.is_empty() {
            return Err(fail("it is empty".into()));
        }
        let segments =
            trimmed.split(['.', '．']).map(NumberSegment::parse).collect::<Result<Vec<_>, _>>().map_err(fail)?;
        TaskNumber::new(segments).map_err(|e| fail(e.reason))
    }
}

impl fmt::Display for TaskNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{s}")?;
        }
        Ok(())
    }
}

impl Serialize for TaskNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl TaskNumber {
    /// Reads the standard form — exactly what [`Display`](fmt::Display)
    /// writes — straight from the text, or `None` for anything else.
    ///
    /// Every level must be written as it prints: digits without a leading
    /// zero, a circled digit, a Chinese numeral as [`chinese_numeral`]
    /// writes it, half-width parentheses. Such a number is always valid, so
    /// the checks of [`TaskNumber::new`] hold without running them.
    fn parse_standard(s: &str) -> Option<TaskNumber> {
        let mut segments = Vec::with_capacity(4);
        for level in s.split('.') {
            segments.push(standard_level(level)?);
        }
        Some(TaskNumber(segments))
    }
}

/// One level in the standard form (see [`TaskNumber::parse_standard`]).
fn standard_level(s: &str) -> Option<NumberSegment> {
    let level = |value, style| Some(NumberSegment { value, style });
    let arabic = |t: &str| -> Option<u32> {
        let b = t.as_bytes();
        let plain = !b.is_empty() && b.len() <= 9 && b[0] != b'0' && b.iter().all(u8::is_ascii_digit);
        plain.then(|| b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        if let Some(v) = arabic(inner) {
            return level(v, NumberStyle::ParenArabic);
        }
        return level(chinese_value(inner)?, NumberStyle::ParenChinese);
    }
    if let Some(v) = arabic(s) {
        return level(v, NumberStyle::Arabic);
    }
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(v) = circled_value(c)
    {
        return level(v, NumberStyle::Circled);
    }
    if let Some(v) = chinese_value(s) {
        return level(v, NumberStyle::Chinese);
    }
    level(chinese_value(s.strip_suffix('是')?)?, NumberStyle::ChineseShi)
}

/// Reads a task number from a JSON string: the standard form directly,
/// anything else through [`FromStr`] for its message, which is given once
/// the string is read, where serde_json places errors about a value's
/// content.
struct TaskNumberVisitor;

impl serde::de::Visitor<'_> for TaskNumberVisitor {
    type Value = Result<TaskNumber, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        if let Some(n) = TaskNumber::parse_standard(s) {
            return Ok(Ok(n));
        }
        let n: TaskNumber = match s.parse() {
            Ok(n) => n,
            Err(e) => return Ok(Err(TaskNumberError::to_string(&e))),
        };
        let canonical = n.to_string();
        if canonical != s {
            return Ok(Err(format!("task number {s:?} is not in the standard form: write it as {canonical:?}")));
        }
        Ok(Ok(n))
    }
}

impl<'de> Deserialize<'de> for TaskNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TaskNumberVisitor)?.map_err(serde::de::Error::custom)
    }
}

/// One level of a task number, for the schema pattern.
const LEVEL: &str = "(?:[1-9][0-9]{0,8}|\\([1-9][0-9]{0,8}\\)|[①-⑳㉑-㉟㊱-㊿]|[一二三四五六七八九十]{1,3}|\\([一二三四五六七八九十]{1,3}\\)|[一二三四五六七八九十]{1,3}是)";

impl schemars::JsonSchema for TaskNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TaskNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": format!("^{LEVEL}(?:\\.{LEVEL})*$"),
            "description": "A number as the notice writes it, levels joined by '.': 1, (1), ①, 一, (一), 一是, or a path such as 2.(3).① . Parentheses are half-width.",
            "examples": ["12", "(一)", "1.(1).①"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_round_trip() {
        for v in 1..=99 {
            assert_eq!(chinese_value(&chinese_numeral(v)), Some(v), "{v}");
        }
        for bad in ["", "零", "十十", "一十", "一百", "二三"] {
            assert_eq!(chinese_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn circled_digits_round_trip() {
        for v in 1..=50 {
            assert_eq!(circled_char(v).and_then(circled_value), Some(v));
        }
    }

    #[test]
    fn reads_every_style_of_the_seeds() {
        for (s, shown) in [
            ("1.", "1"),
            ("45", "45"),
            ("(一)", "(一)"),
            ("（二）", "(二)"),
            ("一、", "一"),
            ("(10)", "(10)"),
            ("1.(1).①", "1.(1).①"),
            ("(四).七是", "(四).七是"),
            ("(十)", "(十)"),
        ] {
            assert_eq!(s.parse::<TaskNumber>().unwrap().to_string(), shown, "{s}");
        }
        for bad in ["", "a", "()", "(0)", "0", "1..2", "十百", "⓪"] {
            assert!(bad.parse::<TaskNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_standard_form_is_read_directly_and_nothing_else() {
        for s in ["1", "45", "(一)", "1.(1).①", "(四).七是", "(十)", "二十五", "(99)", "㊿", "999999999"] {
            let fast = TaskNumber::parse_standard(s);
            assert_eq!(fast, s.parse().ok(), "{s}");
            assert_eq!(fast.map(|n| n.to_string()).as_deref(), Some(s));
        }
        for s in ["01", "1.", "（一）", "一十", " 1", "(0)", "1..2", "", "1000000000", "(01)", "a"] {
            assert_eq!(TaskNumber::parse_standard(s), None, "{s}");
        }
    }

    proptest::proptest! {
        /// The direct reading accepts exactly the strings that read and
        /// print back unchanged, and reads them the same.
        #[test]
        fn the_direct_reading_agrees_with_parse_and_print(s in "[0-9()（）.．、是一二三四五六七八九十①⑳㉑㊿ a]{0,10}") {
            let slow = s.parse::<TaskNumber>().ok().filter(|n| n.to_string() == s);
            proptest::prop_assert_eq!(TaskNumber::parse_standard(&s), slow);
        }
    }

    #[test]
    fn json_takes_only_the_standard_form() {
        assert!(serde_json::from_str::<TaskNumber>("\"1.(1).①\"").is_ok());
        assert!(serde_json::from_str::<TaskNumber>("\"（一）\"").is_err());
    }
}
