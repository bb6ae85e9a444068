//! Finding targets in text: figures, their comparators, units, subjects,
//! respectively-lists, multi-quantity phrases, per-member figures and
//! 其中 breakdowns.

use std::ops::Range;

use rust_decimal::Decimal;

use super::numeral::{Num, arabic_at, chinese_at, chinese_digit, is_chinese_numeral_char, norm};
use crate::model::{
    Amount, Breakdown, ChangeDirection, ChangeScale, Comparator, Measure, PerMember, Target, TargetId, Unit,
};

/// What a figure is counted in, before comparator words are applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Quantity(Unit),
    Percent,
    Rate(Decimal),
    Money,
    PercentagePoints,
    TurnPositive,
}

/// One figure: a number (or range) with its unit and the comparator words
/// that follow it.
#[derive(Debug, Clone)]
pub(crate) struct Fig {
    /// First character (of the number, or of 十万分之).
    pub start: usize,
    /// One past the unit and any suffix comparator.
    pub end: usize,
    pub lo: Decimal,
    pub hi: Option<Decimal>,
    pub kind: Kind,
    pub more: bool,
    pub suffix: Option<Comparator>,
    /// “3个90%”: the figure holds for this many subjects listed before it.
    pub count: Option<u32>,
}

/// Why a number was not taken as a figure; the first one makes the error
/// message of `FromStr`.
#[derive(Debug, Clone)]
pub(crate) struct Rejected {
    pub at: usize,
    pub why: String,
}

/// The normalised characters of a text and their byte offsets.
pub(crate) struct Doc<'a> {
    pub src: &'a str,
    pub cs: Vec<char>,
    /// Byte offset of each character, plus the text's length at the end.
    pub bytes: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        let mut cs = Vec::with_capacity(src.len());
        let mut bytes = Vec::with_capacity(src.len() + 1);
        // Format characters (zero-width space, direction marks) print as
        // nothing, and pinyin glosses (萬(wàn)元) are no part of the words:
        // skipped here, they stay inside the byte spans around them.
        let mut glosses = super::marks::Glosses::of(src);
        for (b, c) in src.char_indices().filter(|(b, c)| !super::marks::is_format(*c) && !glosses.holds(*b)) {
            cs.push(norm(c));
            bytes.push(b);
        }
        bytes.push(src.len());
        Self { src, cs, bytes }
    }
    fn slice(&self, a: usize, b: usize) -> &'a str {
        let (x, y) = (
            self.bytes.get(a).copied().unwrap_or(self.src.len()),
            self.bytes.get(b).copied().unwrap_or(self.src.len()),
        );
        self.src.get(x..y.max(x)).unwrap_or("")
    }
    fn starts(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, w)| self.cs.get(i + k) == Some(&w))
    }
    /// `true` when the text ending at `i` (exclusive) ends with `word`.
    fn ends(&self, i: usize, word: &str) -> bool {
        let n = word.chars().count();
        i >= n && self.starts(i - n, word)
    }
}

/// Classifiers the model has no variant for, kept as written: 400起 (cases
/// of a crime), 10000穴 (graves), 1.6倍 (times a standard), 12眼 (wells).
const EXTRA_UNITS: &[&str] =
    &["盏", "册", "本", "株", "棵", "口", "部", "床", "起", "穴", "倍", "宗", "眼", "艘", "根", "枚"];

/// Classifiers of things built after which a lone numeral (两处, 一所) counts.
const LONE_CLASSIFIERS: &str = "所处座栋幢套间";

/// Nouns for people that a count runs straight into, with no classifier:
/// 200万中小学生, 3万农村人口, 13.3万常住人口. Such a count is of people (人).
const PEOPLE_NOUNS: &[&str] = &[
    "人口",
    "学生",
    "群众",
    "居民",
    "农民",
    "职工",
    "老人",
    "老年人",
    "儿童",
    "妇女",
    "孕妇",
    "患者",
    "残疾人",
    "学员",
    "教师",
    "劳动力",
];

/// How many characters may qualify a people noun between a count of 万 or
/// 亿 and it (3万农村人口, 200万中小学生); a plain count (3加强残疾人…) must
/// run straight into the noun.
const PEOPLE_QUALIFIER_CHARS: usize = 4;
const ALIASES: &[(&str, &str)] = &[
    ("個", "个"),
    ("項", "项"),
    ("間", "间"),
    ("畝", "亩"),
    ("場次", "场次"),
    ("場(次)", "场(次)"),
    ("場", "场"),
    ("處", "处"),
    ("條", "条"),
    ("張", "张"),
    ("臺", "台"),
    ("輛", "辆"),
    ("戶", "户"),
];

/// Longest unit symbol at `k`.
fn unit_at(doc: &Doc<'_>, k: usize) -> Option<(Unit, usize)> {
    let mut best: Option<(Unit, usize)> = None;
    let mut consider = |sym: &str, unit: Unit| {
        let n = sym.chars().count();
        if doc.starts(k, sym) && best.as_ref().is_none_or(|b| n > b.1) {
            best = Some((unit, n));
        }
    };
    for u in crate::model::unit::KNOWN_UNITS {
        if u.symbol().is_ascii() {
            continue; // Mbps & co. are read with the letters.
        }
        consider(u.symbol(), u.clone());
    }
    for (alias, sym) in ALIASES {
        if let Ok(u) = sym.parse::<Unit>() {
            consider(alias, u);
        }
    }
    for sym in EXTRA_UNITS {
        consider(sym, Unit::Other((*sym).to_owned()));
    }
    best
}

const SUFFIXES: &[(&str, Comparator)] = &[
    ("及以上", Comparator::AtLeast),
    ("以上", Comparator::AtLeast),
    ("以内", Comparator::AtMost),
    ("之内", Comparator::AtMost),
    ("以下", Comparator::AtMost),
    ("左右", Comparator::Approximately),
    ("上下", Comparator::Approximately),
    ("多", Comparator::MoreThan),
    ("余", Comparator::MoreThan),
];

/// Prefix words, longest first where one ends another.
const PREFIXES: &[(&str, Comparator)] = &[
    ("不少于", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("不超过", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("控制在", Comparator::AtMost),
    ("降低到", Comparator::AtMost),
    ("降低至", Comparator::AtMost),
    ("下降到", Comparator::AtMost),
    ("下降至", Comparator::AtMost),
    ("降至", Comparator::AtMost),
    ("保持在", Comparator::AtLeast),
    ("稳定在", Comparator::AtLeast),
    ("提高到", Comparator::AtLeast),
    ("提高至", Comparator::AtLeast),
    ("提升到", Comparator::AtLeast),
    ("提升至", Comparator::AtLeast),
    ("增加到", Comparator::AtLeast),
    ("增长到", Comparator::AtLeast),
    ("至少有", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("达到", Comparator::AtLeast),
    ("达", Comparator::AtLeast),
    ("超过", Comparator::MoreThan),
    ("高于", Comparator::MoreThan),
    ("多于", Comparator::MoreThan),
    ("大于", Comparator::MoreThan),
    ("不足", Comparator::LessThan),
    ("低于", Comparator::LessThan),
    ("小于", Comparator::LessThan),
    ("少于", Comparator::LessThan),
    ("大约", Comparator::Approximately),
    ("约为", Comparator::Approximately),
    ("约", Comparator::Approximately),
    ("近", Comparator::Approximately),
];

const CHANGES: &[(&str, ChangeDirection)] = &[
    ("增长", ChangeDirection::Increase),
    ("提高", ChangeDirection::Increase),
    ("提升", ChangeDirection::Increase),
    ("增加", ChangeDirection::Increase),
    ("上升", ChangeDirection::Increase),
    ("下降", ChangeDirection::Decrease),
    ("降低", ChangeDirection::Decrease),
    ("压减", ChangeDirection::Decrease),
    ("减少", ChangeDirection::Decrease),
];

fn skip_spaces(cs: &[char], mut k: usize) -> usize {
    while cs.get(k) == Some(&' ') {
        k += 1;
    }
    k
}

fn is_ascii_letter(c: Option<&char>) -> bool {
    c.is_some_and(char::is_ascii_alphabetic)
}

/// Reads the number at `i`; `Err` with the index to resume at when the
/// characters there are a name or no number.
fn number_at(doc: &Doc<'_>, i: usize, rejected: &mut Vec<Rejected>) -> Result<Num, usize> {
    let cs = &doc.cs;
    let c = cs[i];
    if c.is_ascii_digit() {
        let prev = i.checked_sub(1).and_then(|p| cs.get(p));
        let num = arabic_at(cs, i);
        let end = num.map_or(i + 1, |n| n.end);
        let mut end_digits = i;
        while cs.get(end_digits).is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == ',') {
            end_digits += 1;
        }
        if is_ascii_letter(prev) || prev == Some(&'.') {
            rejected.push(Rejected { at: i, why: "a number inside a name (such as PM2.5)".into() });
            return Err(end_digits.max(i + 1));
        }
        if prev == Some(&'第') {
            rejected.push(Rejected { at: i, why: "an ordinal (第…)".into() });
            return Err(end);
        }
        // 015000185/2021-00113 (an index number), 0972: a leading zero
        // before more digits writes a code, never a quantity.
        if c == '0' && cs.get(i + 1).is_some_and(char::is_ascii_digit) {
            rejected.push(Rejected { at: i, why: "a code or number with a leading zero, not a figure".into() });
            return Err(end_digits.max(i + 1));
        }
        return num.ok_or_else(|| {
            rejected.push(Rejected { at: i, why: "a number too large to hold exactly".into() });
            end_digits.max(i + 1)
        });
    }
    if is_chinese_numeral_char(c) {
        let mut j = i;
        while j < cs.len() && is_chinese_numeral_char(cs[j]) {
            j += 1;
        }
        let Some((num, _)) = chinese_at(cs, i) else {
            rejected.push(Rejected { at: i, why: format!("{} is not a Chinese numeral", doc.slice(i, j)) });
            return Err(j);
        };
        let run = &cs[num.start..num.end];
        let has_digit = run.iter().any(|c| chinese_digit(*c).is_some());
        let quoted = matches!(i.checked_sub(1).and_then(|p| cs.get(p)), Some('“' | '"' | '「'));
        // 五项品牌赛事: a lone 三…十 counting 项 is a figure; 三个一批, 六个早 and
        // “四个示范县” stay names.
        let counted_items = run.len() == 1
            && (chinese_digit(c).is_some_and(|d| d >= 3) || c == '十')
            && cs.get(num.end) == Some(&'项')
            && !quoted;
        // 十人, 十万人次, 百万亩: a numeral of magnitude words alone counts
        // when a unit follows it (十大工程 and 千家万户 stay words).
        let magnitude_only = !has_digit
            && matches!(run.first(), Some('十' | '百' | '千'))
            && (run.len() > 1 && run.iter().any(|c| matches!(c, '万' | '亿')) || run == ['十'])
            && !quoted
            && unit_at(doc, num.end).is_some();
        // 两处规模化供水设施, 谋划建设一所普通高中: a lone 一 or 两 before a
        // classifier of things built counts them (一个, 每一所 and place
        // names such as 三台 stay words).
        let lone_classified = run.len() == 1
            && matches!(c, '一' | '两')
            && !quoted
            && cs.get(num.end).is_some_and(|u| LONE_CLASSIFIERS.contains(*u))
            && !matches!(
                i.checked_sub(1).and_then(|p| cs.get(p)),
                Some('每' | '第' | '某' | '这' | '那' | '哪' | '唯')
            );
        if counted_items || magnitude_only || lone_classified {
            return Ok(num);
        }
        if num.end - num.start < 2 || !has_digit {
            // 一盘棋, 两癌, 三江源, 千家万户: a lone numeral character is a word.
            return Err(j.max(i + 1));
        }
        if i > 0 && cs[i - 1] == '第' {
            return Err(j);
        }
        return Ok(num);
    }
    Err(i + 1)
}

/// Scans the whole text for figures.
pub(crate) fn figures(doc: &Doc<'_>, rejected: &mut Vec<Rejected>) -> Vec<Fig> {
    let cs = &doc.cs;
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if doc.starts(i, "由负转正") {
            out.push(Fig {
                start: i,
                end: i + 4,
                lo: Decimal::ZERO,
                hi: None,
                kind: Kind::TurnPositive,
                more: false,
                suffix: None,
                count: None,
            });
            i += 4;
            continue;
        }
        let c = cs[i];
        if !c.is_ascii_digit() && !is_chinese_numeral_char(c) {
            i += 1;
            continue;
        }
        // 十万分之16, 百分之八十.
        if is_chinese_numeral_char(c) {
            let mut j = i;
            while j < cs.len() && is_chinese_numeral_char(cs[j]) {
                j += 1;
            }
            if doc.starts(j, "分之")
                && let Some(den) = super::numeral::chinese_value(&cs[i..j])
            {
                let k = j + 2;
                let num = cs
                    .get(k)
                    .and_then(|c| if c.is_ascii_digit() { arabic_at(cs, k) } else { chinese_at(cs, k).map(|n| n.0) });
                if let Some(num) = num {
                    let kind = if den == Decimal::ONE_HUNDRED { Kind::Percent } else { Kind::Rate(den) };
                    let mut fig = Fig {
                        start: i,
                        end: num.end,
                        lo: num.value,
                        hi: None,
                        kind,
                        more: false,
                        suffix: None,
                        count: None,
                    };
                    suffix(doc, &mut fig);
                    i = fig.end;
                    out.push(fig);
                    continue;
                }
            }
        }
        let num = match number_at(doc, i, rejected) {
            Ok(n) => n,
            Err(next) => {
                i = next.max(i + 1);
                continue;
            }
        };
        match figure_after(doc, num, rejected) {
            Some(fig) => {
                i = fig.end;
                out.push(fig);
            }
            None => i = num.end.max(i + 1),
        }
    }
    out
}

fn suffix(doc: &Doc<'_>, fig: &mut Fig) {
    let k = skip_spaces(&doc.cs, fig.end);
    for (w, cmp) in SUFFIXES {
        if doc.starts(k, w) {
            fig.suffix = Some(*cmp);
            fig.end = k + w.chars().count();
            return;
        }
    }
}

/// The value(s) of a figure before its unit: a number, or a range's two
/// ends (1—2个, 3~5万), and where the text goes on.
#[derive(Debug, Clone, Copy)]
struct Values {
    lo: Decimal,
    hi: Option<Decimal>,
    /// Character index after the values (and the spaces after them).
    next: usize,
}

impl Values {
    /// Both ends multiplied by `factor` (万元 → 元, 成 → %).
    fn scaled(self, factor: Decimal) -> Option<Self> {
        let hi = match self.hi {
            Some(h) => Some(h.checked_mul(factor)?),
            None => None,
        };
        Some(Self { lo: self.lo.checked_mul(factor)?, hi, next: self.next })
    }
}

/// What a figure counts, and how many characters its unit takes.
#[derive(Debug, Clone)]
struct Counted {
    kind: Kind,
    len: usize,
}

/// Reads what follows a number: a range's upper end, 多/余, the unit and
/// suffix comparators.
fn figure_after(doc: &Doc<'_>, num: Num, rejected: &mut Vec<Rejected>) -> Option<Fig> {
    let cs = &doc.cs;
    let mut values = range_after(doc, num)?;
    let mut more = false;
    if matches!(cs.get(values.next), Some('多' | '余')) && !doc.starts(values.next, "余额") {
        more = true;
        values.next = skip_spaces(cs, values.next + 1);
    }
    let (counted, values) = match unit_after(doc, num, values) {
        Ok(found) => found?,
        Err(why) => {
            rejected.push(Rejected { at: num.start, why });
            return None;
        }
    };
    let mut fig = Fig {
        start: num.start,
        end: values.next + counted.len,
        lo: values.lo.normalize(),
        hi: values.hi.map(|h| h.normalize()),
        kind: counted.kind,
        more,
        suffix: None,
        count: None,
    };
    suffix(doc, &mut fig);
    if fig.hi.is_none() {
        unit_range(doc, &mut fig);
    }
    Some(fig)
}

/// The number and, for a range (1—2个, 1至2个, 3~5万), its upper end; the
/// magnitude of the upper end carries to the lower (3-5万 is 3万 to 5万).
fn range_after(doc: &Doc<'_>, num: Num) -> Option<Values> {
    let cs = &doc.cs;
    let mut values = Values { lo: num.value, hi: None, next: skip_spaces(cs, num.end) };
    let k = values.next;
    if !matches!(cs.get(k), Some('-' | '~' | '至' | '到')) {
        return Some(values);
    }
    let k2 = skip_spaces(cs, k + 1);
    let second = cs.get(k2).and_then(|c| {
        if c.is_ascii_digit() && !num.chinese {
            arabic_at(cs, k2)
        } else if is_chinese_numeral_char(*c) && num.chinese {
            chinese_at(cs, k2).map(|n| n.0)
        } else {
            None
        }
    });
    let Some(second) = second else { return Some(values) };
    if !num.magnified && second.magnified && !second.chinese {
        let mut f = Decimal::ONE;
        let mut m = second.end;
        while m > second.start && super::numeral::magnitude(cs[m - 1]).is_some() && !cs[m - 1].is_ascii_digit() {
            m -= 1;
        }
        for c in &cs[m..second.end] {
            f *= super::numeral::magnitude(*c).unwrap_or(Decimal::ONE);
        }
        values.lo = values.lo.checked_mul(f)?.normalize();
    }
    values.hi = Some(second.value);
    values.next = skip_spaces(cs, second.end);
    Some(values)
}

/// 400名至500名: a range written with the unit after both ends.
fn unit_range(doc: &Doc<'_>, fig: &mut Fig) {
    let cs = &doc.cs;
    let k = skip_spaces(cs, fig.end);
    if fig.suffix.is_some() || !matches!(cs.get(k), Some('-' | '~' | '至' | '到')) {
        return;
    }
    let k2 = skip_spaces(cs, k + 1);
    let Some(second) = cs.get(k2).filter(|c| c.is_ascii_digit()).and_then(|_| arabic_at(cs, k2)) else { return };
    let Kind::Quantity(unit) = &fig.kind else { return };
    let e = skip_spaces(cs, second.end);
    if doc.starts(e, unit.symbol()) && second.value >= fig.lo && !second.magnified {
        fig.hi = Some(second.value.normalize());
        fig.end = e + unit.symbol().chars().count();
        suffix(doc, fig);
    }
}

/// The unit after the values: %, ‰, /10万, 成, Mbps, 个百分点, places
/// counted without a classifier, a known unit (money converted to 元);
/// `Err` with the reason when what follows is no unit, `Ok(None)` when a
/// conversion overflows.
fn unit_after(doc: &Doc<'_>, num: Num, values: Values) -> Result<Option<(Counted, Values)>, String> {
    let cs = &doc.cs;
    let k = values.next;
    let counted = |kind: Kind, len: usize| Ok(Some((Counted { kind, len }, values)));
    match cs.get(k) {
        Some('%') => counted(Kind::Percent, 1),
        Some('‰') => counted(Kind::Rate(Decimal::ONE_THOUSAND), 1),
        Some('/') => {
            let d = cs.get(k + 1).and_then(|c| {
                if c.is_ascii_digit() { arabic_at(cs, k + 1) } else { chinese_at(cs, k + 1).map(|n| n.0) }
            });
            // A rate is per a power of ten (16/10万, 5/1000); 015000185/2021 is a code.
            match d {
                Some(d) if is_rate_base(d.value) && !cs.get(d.end).is_some_and(|c| matches!(c, '-' | '/')) => {
                    counted(Kind::Rate(d.value), d.end - k)
                }
                _ => Err("a slash not followed by a base such as 10万".into()),
            }
        }
        Some('成')
            if matches!(cs.get(k + 1), None | Some('以' | '左' | '，' | ',' | '。' | '；' | ';' | '、' | ' ')) =>
        {
            Ok(values.scaled(Decimal::TEN).map(|v| (Counted { kind: Kind::Percent, len: 1 }, v)))
        }
        Some('㎡') => counted(Kind::Quantity(Unit::SquareMetre), 1),
        Some('m') if matches!(cs.get(k + 1), Some('²')) => counted(Kind::Quantity(Unit::SquareMetre), 2),
        Some(c) if c.is_ascii_alphabetic() => {
            let mut e = k;
            while is_ascii_letter(cs.get(e)) {
                e += 1;
            }
            let word: String = cs[k..e].iter().collect();
            match word.as_str() {
                "M" | "Mbps" | "MB" => counted(Kind::Quantity(Unit::Mbps), e - k),
                "Gbps" => counted(Kind::Quantity(Unit::Gbps), e - k),
                "T" | "Tbps" => counted(Kind::Quantity(Unit::Tbps), e - k),
                _ => Err(format!("a name such as {}{word}", doc.slice(num.start, num.end))),
            }
        }
        _ => word_unit_after(doc, num, values),
    }
}

/// A unit written in words after the values (个百分点, 人次, 万元…).
fn word_unit_after(doc: &Doc<'_>, num: Num, values: Values) -> Result<Option<(Counted, Values)>, String> {
    let cs = &doc.cs;
    let k = values.next;
    let prev = num.start.checked_sub(1).and_then(|p| cs.get(p));
    if doc.starts(k, "个百分点") || doc.starts(k, "百分点") {
        let n = if cs.get(k) == Some(&'个') { 4 } else { 3 };
        return Ok(Some((Counted { kind: Kind::PercentagePoints, len: n }, values)));
    }
    if !num.chinese && counts_places(doc, k) {
        // 10县市省级生态文明县市: places counted without a classifier.
        return Ok(Some((Counted { kind: Kind::Quantity(Unit::Item), len: 0 }, values)));
    }
    if let Some((unit, n)) = unit_at(doc, k) {
        let after = cs.get(k + n);
        let date = matches!(unit, Unit::DayRi) && prev == Some(&'月');
        let idiom = (matches!(unit, Unit::Item) && after == Some(&'月'))
            || (matches!(unit, Unit::Occurrence) && after == Some(&'性'));
        if date || idiom {
            return Err(format!("{} is a date or a duration, not a figure", doc.slice(num.start, k + n)));
        }
        return Ok(match unit.dimension() {
            crate::model::Dimension::Money => {
                values.scaled(unit.factor()).map(|v| (Counted { kind: Kind::Money, len: n }, v))
            }
            _ => Some(match per_denominator(doc, k + n) {
                // 4批次/千人: a count per so many people, the denominator kept in the unit.
                Some(d) => {
                    let sym = format!("{}/{}", unit.symbol(), doc.slice(k + n + 1, k + n + 1 + d));
                    (Counted { kind: Kind::Quantity(Unit::Other(sym)), len: n + 1 + d }, values)
                }
                None => (Counted { kind: Kind::Quantity(unit), len: n }, values),
            }),
        });
    }
    if num.magnified && !num.chinese && after_money_word(doc, num.start) {
        // 投入资金2000万左右: money written with its magnitude and no 元.
        return Ok(Some((Counted { kind: Kind::Money, len: 0 }, values)));
    }
    if values.hi.is_none() && counts_people(doc, k, if num.magnified { PEOPLE_QUALIFIER_CHARS } else { 0 }) {
        // 200万中小学生: people counted by the noun itself, which stays the subject's.
        return Ok(Some((Counted { kind: Kind::Quantity(Unit::Person), len: 0 }, values)));
    }
    if cs.get(k) == Some(&'月') && !num.chinese {
        return Err(date_words(doc, num, k));
    }
    let what = cs.get(k).map_or_else(|| "the end of the text".to_owned(), |c| format!("{c}"));
    Err(format!("the number {} is followed by {what}, which is not a unit", doc.slice(num.start, num.end)))
}

/// `true` for 10, 100, 1 000, 10 000, 100 000…: the bases a rate is given per.
fn is_rate_base(v: Decimal) -> bool {
    let mut b = Decimal::TEN;
    while b <= v {
        if b == v {
            return true;
        }
        match b.checked_mul(Decimal::TEN) {
            Some(next) => b = next,
            None => return false,
        }
    }
    false
}

/// Why a number followed by 月 is no figure: it is a date (3月22日), or
/// one that does not exist (2月30日 is no date).
fn date_words(doc: &Doc<'_>, num: Num, k: usize) -> String {
    let cs = &doc.cs;
    let mut e = k + 1;
    while cs.get(e).is_some_and(char::is_ascii_digit) {
        e += 1;
    }
    let day: Option<u32> = if e > k + 1 && matches!(cs.get(e), Some('日' | '号')) {
        cs[k + 1..e].iter().collect::<String>().parse().ok()
    } else {
        None
    };
    let words = doc.slice(num.start, if day.is_some() { e + 1 } else { k + 1 });
    let month = u32::try_from(num.value).ok().filter(|_| num.value.fract().is_zero());
    // 2000 is a leap year: 2月29日 is a date in some years.
    let exists = match (month, day) {
        (Some(m), Some(d)) => crate::json::date::ymd(2000, m, d).is_some(),
        (Some(m), None) => (1..=12).contains(&m),
        _ => false,
    };
    if exists { format!("{words} is a date, not a figure") } else { format!("{words} is no date") }
}

/// Places counted without a classifier (10县市, 9县, 6乡镇7村); not the
/// collective 10县市人民政府 of a responsibility clause, nor a noun that
/// starts with the place's word (村民, 村级, 县城).
fn counts_places(doc: &Doc<'_>, k: usize) -> bool {
    ["县市", "县区", "市县", "市州", "乡镇", "县", "村"].iter().any(|w| {
        let n = w.chars().count();
        let noun = |words: &[&str]| words.iter().any(|x| doc.starts(k + n, x));
        let a_noun = noun(&["人民政府", "政府", "党委"])
            || (*w == "村" && noun(&["民", "级", "庄", "委", "干", "组", "集体", "社区", "落", "镇"]))
            || (*w == "县" && noun(&["城", "级", "域"]));
        doc.starts(k, w) && !a_noun
    })
}

/// Words after which a bare count of 万 or 亿 is money (资金2000万).
const MONEY_WORDS: &[&str] = &["资金", "投资", "投入", "经费", "补助"];

/// `true` when a money word stands right before the number at `at`, an
/// approximating word (约, 共, 达) allowed between.
fn after_money_word(doc: &Doc<'_>, at: usize) -> bool {
    let mut end = at;
    for w in ["约", "共", "达", "计"] {
        if doc.ends(end, w) {
            end -= 1;
            break;
        }
    }
    MONEY_WORDS.iter().any(|w| doc.ends(end, w))
}

/// `true` when the characters at `k` name people without a classifier: a
/// people noun (人口, 学生, 群众…), with at most a few qualifying characters
/// before it (农村人口, 中小学生) and no punctuation or figure in between.
fn counts_people(doc: &Doc<'_>, k: usize, qualifiers: usize) -> bool {
    (0..=qualifiers).any(|q| {
        // 0-6岁儿童 names an age, not a count.
        doc.cs.get(k..k + q).is_some_and(|w| {
            w.iter().all(|c| super::marks::is_cjk(*c) && !is_chinese_numeral_char(*c) && !"岁年月周".contains(*c))
        }) && PEOPLE_NOUNS.iter().any(|noun| doc.starts(k + q, noun))
    })
}

/// The length of a denominator `/千人`, `/人`, `/万人` at `k` (after a count's
/// unit): `/`, an optional magnitude and one or two characters of a unit
/// of people, households or time.
fn per_denominator(doc: &Doc<'_>, k: usize) -> Option<usize> {
    if doc.cs.get(k) != Some(&'/') {
        return None;
    }
    let m = usize::from(doc.cs.get(k + 1).is_some_and(|c| matches!(c, '十' | '百' | '千' | '万')));
    ["人次", "人", "户", "年", "月", "天", "日"]
        .iter()
        .find(|w| doc.starts(k + 1 + m, w))
        .map(|w| m + w.chars().count())
}

fn is_clause_delim(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?' | '\n' | '\r')
}

fn is_sentence_delim(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n' | '\r')
}

/// A target found in text, in character positions; converted to bytes by the caller.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub span: Range<usize>,
    pub target: Target,
    /// Where the figure itself lies (for breakdowns).
    pub fig: Range<usize>,
}

/// Words that open a clause but are not part of what it counts: verbs of
/// doing, ordinals of a list (一是…), and the programme's own territory
/// (全省 in a provincial notice says nothing narrower).
const LEAD_VERBS: &[&str] = &[
    "确保",
    "力争",
    "全年",
    "年内",
    "实现",
    "开展",
    "完成",
    "实施",
    "推动",
    "支持",
    "共",
    "为",
    "对",
    "在",
    "开工建设",
    "(开工)",
    "开工",
    "组织",
    "统筹推进",
    "加快推进",
    "引导推进",
    "稳定发展",
    "发展",
    "帮助",
    "培育",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "七是",
    "八是",
    "九是",
    "全省",
    "全州",
    "全市",
    "全县",
    "全区",
    "年底前",
];
const TAIL_WORDS: &[&str] = &["分别为", "分别", "为", "共", "的", "了", "是", "在"];

fn clean_before(s: &str) -> String {
    let mut s = s
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .trim_end_matches(['“', '"'])
        .trim_start_matches(['”', '"']);
    loop {
        let before = s;
        for w in TAIL_WORDS {
            if let Some(r) = s.strip_suffix(w) {
                s = r.trim_end();
            }
        }
        for w in LEAD_VERBS {
            if let Some(r) = s.strip_prefix(w) {
                s = r.trim_start();
            }
        }
        if s == before {
            break;
        }
    }
    s.to_owned()
}

fn clean_after(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix('的').unwrap_or(s);
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '、' | '(' | '（'))
}

/// Splits a list on 、 和 及 与 (and on commas, which only a merged list
/// of rates holds).
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rest = &s[i + c.len_utf8()..];
        // 县级及以上 is one qualifier, not a list.
        let joins = matches!(c, '、' | '和' | '与' | ',' | '，')
            || (c == '及' && !rest.starts_with("以上") && !rest.starts_with("以下") && !rest.starts_with("其"));
        if joins {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// The subjects of one figure shared by a list of rates: 0-6岁儿童健康管理率、
/// 孕产妇系统管理率; 高血压、糖尿病管理率 (short heads take the last item's
/// tail). Empty unless the list names at least two rates.
fn shared_rates(before: &str) -> Vec<String> {
    let items = split_list(before);
    let Some(last) = items.last() else { return Vec::new() };
    // …等重点场所千兆宽带覆盖率: the list gives examples of one subject.
    if items.len() < 2 || !last.ends_with('率') || before.contains('等') {
        return Vec::new();
    }
    let last_chars: Vec<char> = last.chars().collect();
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        if it.ends_with('率') {
            out.push(clean_before(it));
            continue;
        }
        let k = it.chars().count();
        // 贫困村、贫困户矛盾纠纷调处率: heads that share a word qualify one subject.
        if k + 1 >= last_chars.len() || k > 4 || it.chars().next() == last_chars.first().copied() {
            return Vec::new();
        }
        let tail: String = last_chars[k..].iter().collect();
        out.push(format!("{}{tail}", clean_before(it)));
    }
    out
}

/// Makes the amount of a figure under a comparator.
fn amount_of(fig: &Fig, prefix: Option<Comparator>) -> Option<Amount> {
    if fig.kind == Kind::TurnPositive {
        return None;
    }
    if let Some(hi) = fig.hi {
        return Some(Amount::between(fig.lo, hi));
    }
    let cmp = fig.suffix.or(prefix).or(fig.more.then_some(Comparator::MoreThan)).unwrap_or(Comparator::Exactly);
    Some(Amount::new(cmp, fig.lo))
}

fn measure_of(fig: &Fig, change: Option<ChangeDirection>) -> Measure {
    match &fig.kind {
        Kind::Quantity(u) => Measure::quantity(u.clone()),
        Kind::Money => Measure::Money,
        Kind::Percent => match change {
            Some(direction) => Measure::Change { direction, scale: Some(ChangeScale::Percent) },
            None => Measure::Percent { share: fig.hi.unwrap_or(fig.lo) <= Decimal::ONE_HUNDRED },
        },
        Kind::Rate(per) => Measure::Rate { per: *per },
        Kind::PercentagePoints => Measure::Change {
            direction: change.unwrap_or(ChangeDirection::Increase),
            scale: Some(ChangeScale::PercentagePoints),
        },
        Kind::TurnPositive => Measure::Change { direction: ChangeDirection::TurnPositive, scale: None },
    }
}

/// The comparator and change words right before `at`; returns them and
/// where the subject ends.
fn prefix_words(doc: &Doc<'_>, at: usize, lower: usize) -> (Option<Comparator>, Option<ChangeDirection>, usize) {
    let mut end = at;
    while end > lower && doc.cs[end - 1] == ' ' {
        end -= 1;
    }
    let mut cmp = None;
    for (w, c) in PREFIXES {
        if doc.ends(end, w) && end - w.chars().count() >= lower {
            cmp = Some(*c);
            end -= w.chars().count();
            break;
        }
    }
    let mut change = None;
    for (w, d) in CHANGES {
        if doc.ends(end, w) && end - w.chars().count() >= lower {
            change = Some(*d);
            end -= w.chars().count();
            break;
        }
    }
    (cmp, change, end)
}

/// Finds every target of `text` (character spans).
pub(crate) fn find(doc: &Doc<'_>, rejected: &mut Vec<Rejected>) -> Vec<Hit> {
    let Ok(pid) = TargetId::new("t1") else {
        return Vec::new();
    };
    let cs = &doc.cs;
    let figs = figures(doc, rejected);
    // Clause boundaries outside figures.
    let mut in_fig = vec![false; cs.len()];
    for f in &figs {
        for x in in_fig.iter_mut().take(f.end).skip(f.start) {
            *x = true;
        }
    }
    let mut hits = Vec::new();
    let mut fi = 0;
    let mut clause_start = 0;
    // The last clause without figures, when it ends in a rate: 力争A率,B率和C率达100%.
    let mut rate_head: Option<usize> = None;
    let mut stock = false;
    let n = cs.len();
    let mut i = 0;
    while i <= n {
        let boundary = i == n || (is_clause_delim(cs[i]) && !in_fig[i]);
        if boundary {
            let mut clause = Vec::new();
            while fi < figs.len() && figs[fi].start < i {
                if figs[fi].start >= clause_start {
                    clause.push(figs[fi].clone());
                }
                fi += 1;
            }
            let clause = set_aside(doc, properties(doc, clause, clause_start, i), clause_start, i, stock);
            stock = clause.stock;
            if clause.figs.is_empty() {
                wordy_hits(doc, &pid, clause_start, i, clause.scope, &mut hits);
                let ends_in_rate = doc.ends(i, "率") && matches!(cs.get(i), Some(',' | '，'));
                rate_head = ends_in_rate.then_some(clause_start);
            } else {
                let start = match rate_head {
                    Some(h) if continues_rate_list(doc, clause_start, &clause.figs) => h,
                    _ => clause_start,
                };
                let before = hits.len();
                clause_hits(doc, &pid, start, i, clause.figs, &mut hits);
                for h in hits.iter_mut().skip(before) {
                    h.target.scope = h.target.scope.take().or_else(|| clause.scope.clone());
                }
                // A figure-less parenthesis inside a clause with figures:
                // …改造提升(项目完成后…检测能力达到同级国家A类标准).
                for Range { start: a, end: b } in parentheses(doc, clause_start, i) {
                    if !hits[before..].iter().any(|h| h.fig.start >= a && h.fig.start < b) {
                        wordy_hits(doc, &pid, a, b, None, &mut hits);
                    }
                }
                rate_head = None;
            }
            clause_start = i + 1;
        }
        i += 1;
    }
    hits.sort_by_key(|h| h.span.start);
    // 同比分别下降5.9%、16.7%; 较上年提高: what a change is measured against.
    for h in &mut hits {
        if h.target.baseline.is_none()
            && matches!(h.target.measure, Measure::Change { .. })
            && let Some(b) = BASELINES.iter().find(|b| doc.slice(h.span.start, h.fig.start).contains(*b))
        {
            h.target.baseline = Some(crate::model::Baseline { text: (*b).to_owned(), year: None, value: None });
        }
    }
    breakdowns(doc, hits)
}

/// The figures of a clause that commit to something, and the scope that
/// counts only saying where a target holds (其余6个县均达到…) give it.
struct Clause {
    figs: Vec<Fig>,
    scope: Option<String>,
    /// The figures were existing stock (已建立的…).
    stock: bool,
}

/// Verbs that start a commitment after a place: 在除楚雄市外的9个县人民医院建设20间….
const PLACE_VERBS: &[&str] = &["规范建设", "建设", "新建", "实施", "开展", "配备", "打造", "完成", "推广"];

/// Words after which a figure is part of a policy's name (国家职教改革20条).
const POLICY_NAMES: &[&str] = &["改革", "措施", "意见", "政策", "条例"];

/// Sets aside the figures of a clause that are names, existing stock or
/// places rather than commitments:
///
/// - existing stock: 已建立的1个州级、10个县市级…;
/// - names in quotes (“7个专项行动”), of policies (职教改革20条) and of
///   projects (年产2万吨…项目, 10万头生猪养殖基地, …、40万千瓦竞价光伏、…等能源项目);
/// - criteria (69项具体指标要求);
/// - places: 其余6个县均达到…, 在除楚雄市外的9个县人民医院建设20间负压病房
///   (these become the scope).
fn set_aside(doc: &Doc<'_>, figs: Vec<Fig>, cstart: usize, cend: usize, stock_before: bool) -> Clause {
    let cs = &doc.cs;
    let Some(first) = figs.first() else { return Clause { figs, scope: None, stock: false } };
    let lead = doc.slice(cstart, first.start);
    // The stock goes on into the next clause when that starts with a figure:
    // 已建立的1个州级、…103个乡镇公共法律服务中心,1100个村(社区)…工作站.
    if ["已建立", "已建成", "已有"].iter().any(|w| lead.contains(w)) || (stock_before && lead.trim().is_empty())
    {
        return Clause { figs: Vec::new(), scope: None, stock: true };
    }
    let clause_text = doc.slice(cstart, cend);
    let mut scope = None;
    let mut kept: Vec<Fig> = Vec::with_capacity(figs.len());
    let n = figs.len();
    for (j, f) in figs.iter().enumerate() {
        let is_quantity = matches!(f.kind, Kind::Quantity(_));
        // The list item the figure stands in: from the 、 before it to the 、 after it.
        let item_end = (f.end..cend).find(|&k| matches!(cs[k], '、' | '(')).unwrap_or(cend);
        let item_start = (cstart..f.start).rev().find(|&k| cs[k] == '、').map_or(cstart, |k| k + 1);
        let after_item = doc.slice(f.end, item_end);
        let prev = f.start.checked_sub(1).and_then(|p| cs.get(p));
        // “3个90%” is a figure, read with the percent after it.
        let quoted = is_quantity
            && matches!(prev, Some('“' | '"'))
            && !cs.get(f.end).is_some_and(char::is_ascii_digit)
            && cs.get(f.end..cend).is_some_and(|r| r.contains(&'”') || r.contains(&'"'));
        let policy = POLICY_NAMES.iter().any(|w| doc.ends(f.start, w));
        let capacity =
            matches!(&f.kind, Kind::Quantity(u) if ["吨", "千瓦", "兆瓦", "头", "羽", "盒"].contains(&u.symbol()));
        let project = doc.ends(f.start, "年产")
            || (capacity && ["项目", "基地", "电站", "工程"].iter().any(|w| after_item.contains(w)));
        let in_list = item_start > cstart || item_end < cend;
        let listed_projects = capacity
            && in_list
            && doc.slice(f.end, cend).find('等').is_some_and(|p| {
                let rest = &doc.slice(f.end, cend)[p..];
                rest.contains("项目") || rest.contains("一批")
            });
        let criteria = is_quantity && after_item.ends_with("要求");
        if quoted || policy || project || listed_projects || criteria {
            continue;
        }
        // 其余6个县均达到国家卫生县城标准: 6个县 is where, not how many.
        let counted = is_quantity && f.hi.is_none() && f.suffix.is_none();
        let window_end = (f.end + 6).min(cend);
        let each = (f.end..window_end).find(|&k| matches!(cs[k], '均' | '都'));
        if counted
            && let Some(k) = each
            && ["达到", "实现", "完成", "达"].iter().any(|w| doc.starts(k + 1, w))
            && !cs[f.end..k].iter().any(|c| is_clause_delim(*c) || *c == '、')
        {
            let mut s = f.start;
            while s > cstart && !matches!(cs[s - 1], '(' | '、') {
                s -= 1;
            }
            scope = Some(doc.slice(s, k).trim().to_owned());
            continue;
        }
        // 在除楚雄市外的9个县人民医院建设20间负压病房: the count names the place.
        if counted
            && j + 1 < n
            && kept.is_empty()
            && clause_text.trim_start().starts_with('在')
            && let Some(next) = figs.get(j + 1)
            && let Some((v, _)) = PLACE_VERBS
                .iter()
                .filter_map(|w| doc.slice(f.end, next.start).find(w).map(|p| (p, *w)))
                .min_by_key(|x| x.0)
            && !PLACE_VERBS.iter().any(|w| lead.contains(w))
        {
            let start = (cstart..f.start).find(|&k| cs[k] == '在').map_or(cstart, |k| k + 1);
            let text = format!("{}{}", doc.slice(start, f.end), &doc.slice(f.end, next.start)[..v]);
            scope = Some(text.trim().to_owned());
            continue;
        }
        kept.push(f.clone());
    }
    Clause { figs: kept, scope, stock: false }
}

/// Words before a figure that make it a property of a thing rather than a
/// commitment: its site (占地76亩), its capacity (日处理400吨, 日最大处理量280吨).
const PROPERTY_WORDS: &[&str] =
    &["占地面积为", "占地面积", "占地", "日最大处理量", "日处理量", "日处理", "处理能力", "装机容量"];

/// Sets aside the figures of a clause that describe rather than commit:
///
/// - where a change starts from: 从每人每月574元、271元分别提高到…609元、300元,
///   由家庭年人均收入2650元提高到3000元 (the 574, 271 and 2650 are baselines);
/// - properties: 占地76亩, 日最大处理量280吨;
/// - attributive totals: 总投资7.58亿元的县医院迁建项目, 总投资2600万元、8800平方米的…中心
///   (the figures describe the thing built; the commitment is to build it).
fn properties(doc: &Doc<'_>, figs: Vec<Fig>, cstart: usize, cend: usize) -> Vec<Fig> {
    let cs = &doc.cs;
    // 从/由 … 提高到: the figures between 从 and the verb are where the change starts.
    let from_to = (cstart..cend).find(|&k| matches!(cs[k], '从' | '由')).and_then(|k| {
        let verb = [
            "提高到",
            "提高至",
            "增加到",
            "增加至",
            "提升到",
            "提升至",
            "调整到",
            "调整为",
            "降低到",
            "降至",
            "下降到",
        ]
        .iter()
        .filter_map(|w| (k..cend).find(|&p| doc.starts(p, w)))
        .min()?;
        Some(k..verb)
    });
    let attributive = Attributive::new(cs, cstart, cend);
    figs.into_iter()
        .filter(|f| {
            let baseline = from_to.as_ref().is_some_and(|r| r.start < f.start && f.end <= r.end);
            let property = PROPERTY_WORDS.iter().any(|w| {
                let k = skip_back_spaces(cs, f.start);
                doc.ends(k, w) || doc.ends(k, &format!("{w}为")) || doc.ends(k, &format!("{w}约"))
            });
            // 边境0-3公里范围内: a distance that marks out a zone.
            let zone = matches!(&f.kind, Kind::Quantity(u) if u.dimension() == crate::model::Dimension::Length)
                && doc.starts(skip_spaces(cs, f.end), "范围");
            !(baseline || property || attributive.holds(f) || zone)
        })
        .collect()
}

/// 总投资…的: a run of figures after 总投资 closed by 的 (总投资7.58亿元的,
/// 总投资2600万元、8800平方米的). The positions that decide it are gathered
/// once per clause, so a clause listing n figures costs n searches, not n
/// scans of the clause (a list of thousands of figures was quadratic).
struct Attributive {
    /// Where 总投资 starts.
    totals: Vec<usize>,
    /// Commas, full stops and semicolons: a run of figures does not cross them.
    stops: Vec<usize>,
    /// Commas: 的 must come before the next one.
    commas: Vec<usize>,
    /// Every 的.
    des: Vec<usize>,
    /// Characters other than digits, 、, the point and the units of a total.
    foreign: Vec<usize>,
    cend: usize,
}

impl Attributive {
    fn new(cs: &[char], cstart: usize, cend: usize) -> Self {
        let mut a = Attributive {
            totals: Vec::new(),
            stops: Vec::new(),
            commas: Vec::new(),
            des: Vec::new(),
            foreign: Vec::new(),
            cend,
        };
        for k in cstart..cend.min(cs.len()) {
            let c = cs[k];
            if cs[k..cend.min(cs.len())].starts_with(&['总', '投', '资']) {
                a.totals.push(k);
            }
            if matches!(c, '，' | ',' | '。' | ';' | '；') {
                a.stops.push(k);
            }
            if matches!(c, '，' | ',') {
                a.commas.push(k);
            }
            if c == '的' {
                a.des.push(k);
            }
            if !(c.is_ascii_digit() || "、.万亿元平方米亩公里".contains(c)) {
                a.foreign.push(k);
            }
        }
        a
    }

    /// The first position in `v` at or after `k`.
    fn first_from(v: &[usize], k: usize) -> Option<usize> {
        v.get(v.partition_point(|&p| p < k)).copied()
    }

    /// Whether `v` holds a position in `a..b`.
    fn any_in(v: &[usize], a: usize, b: usize) -> bool {
        Self::first_from(v, a).is_some_and(|p| p < b)
    }

    /// Whether `f` is one of the figures of an attributive total.
    fn holds(&self, f: &Fig) -> bool {
        // The last 总投资 wholly before the figure, with no stop in between.
        let i = self.totals.partition_point(|&p| p + 3 <= f.start);
        let Some(&at) = i.checked_sub(1).and_then(|i| self.totals.get(i)) else { return false };
        if Self::any_in(&self.stops, at, f.start) {
            return false;
        }
        // 的 before the next comma, with only figures and units on the way.
        let comma = Self::first_from(&self.commas, f.end).unwrap_or(self.cend);
        match Self::first_from(&self.des, f.end) {
            Some(d) if d < comma => !Self::any_in(&self.foreign, f.end, d),
            _ => false,
        }
    }
}

/// The index before the spaces that end at `k`.
fn skip_back_spaces(cs: &[char], mut k: usize) -> usize {
    while k > 0 && cs.get(k - 1) == Some(&' ') {
        k -= 1;
    }
    k
}

/// `true` when the clause's first figure is a percent whose subject is a
/// list of rates: the clause before (ending in 率) belongs to that list.
fn continues_rate_list(doc: &Doc<'_>, cstart: usize, figs: &[Fig]) -> bool {
    let Some(first) = figs.first() else { return false };
    if !matches!(first.kind, Kind::Percent) || figs.len() > 1 {
        return false;
    }
    let (_, _, end) = prefix_words(doc, first.start, cstart);
    let before = clean_before(doc.slice(cstart, end));
    let items = split_list(&before);
    items.len() >= 2 && items.iter().all(|s| s.ends_with('率'))
}

/// Parenthesised stretches `(…)` of a clause, as character ranges inside
/// the parentheses.
fn parentheses(doc: &Doc<'_>, a: usize, b: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for k in a..b {
        match doc.cs[k] {
            '(' => open = Some(k + 1),
            ')' => {
                if let Some(o) = open.take() {
                    out.push(o..k);
                }
            }
            _ => {}
        }
    }
    out
}

/// What a figure-less clause commits to, if anything: a standard to reach
/// (达到国家卫生县城标准, 达到Ⅲ类水质, 控制在全省平均水平以下), a target set
/// elsewhere (达到省级考核要求, 完成省下达目标计划, 按省教育厅目标任务…), or a
/// direction without a figure (人均预期寿命继续提高, 较上年提高).
///
/// 全覆盖 is left to `FromStr`: the notices use it as often for a slogan as
/// for a commitment.
fn wordy_hits(doc: &Doc<'_>, pid: &TargetId, a: usize, b: usize, scope: Option<String>, hits: &mut Vec<Hit>) {
    let mut s0 = a;
    while s0 < b && doc.cs[s0] == ' ' {
        s0 += 1;
    }
    let mut e = b;
    while e > s0 && matches!(doc.cs[e - 1], ' ' | ')') {
        e -= 1;
    }
    let text = doc.slice(s0, e);
    for mut t in wordy_clause(text) {
        t.id = pid.clone();
        t.scope = scope.clone();
        hits.push(Hit { span: s0..e, target: t, fig: s0..e });
    }
}

/// Reads a figure-less clause; see [`wordy_hits`].
pub(crate) fn wordy_clause(text: &str) -> Vec<Target> {
    let Ok(id) = TargetId::new("t1") else { return Vec::new() };
    let make = |subject: &str, measure: Measure| Target::new(id.clone(), subject.trim(), text, measure);
    let s = text.trim();
    if let Some(t) = deferred_by_plan(s, &make) {
        return vec![t];
    }
    let standards = standard_targets(s, &make);
    if !standards.is_empty() {
        return standards;
    }
    trend(s, &make).into_iter().collect()
}

/// The subjects of a figure-less commitment: the words before its verb,
/// and for a list of rates (国考省考地表水断面水质达标率和优良率) one subject
/// per rate, later ones taking the first one's head.
fn wordy_subjects(before: &str) -> Vec<String> {
    let before = before.trim_end_matches(['均', '都', ' ']);
    let before = before.strip_suffix("继续").or_else(|| before.strip_suffix("全面")).unwrap_or(before);
    let subject = clean_before(before);
    let items = split_list(&subject);
    if items.len() < 2 || !items.iter().all(|s| s.ends_with('率')) {
        return vec![subject];
    }
    let first = &items[0];
    let mut out = vec![first.clone()];
    for it in &items[1..] {
        let k = it.chars().count();
        let fk = first.chars().count();
        if k + 1 < fk {
            let head: String = first.chars().take(fk - k).collect();
            out.push(format!("{head}{it}"));
        } else {
            out.push(it.clone());
        }
    }
    out
}

/// 按省教育厅目标任务新、改建公办幼儿园; 为城镇老旧小区住宅按省住建厅目标任务加装电梯:
/// a target set by another body's plan.
fn deferred_by_plan(s: &str, make: &impl Fn(&str, Measure) -> Target) -> Option<Target> {
    let at = s.find('按')?;
    let rest = &s[at + '按'.len_utf8()..];
    let pos = rest.find("目标任务")?;
    let end = pos + "目标任务".len();
    let source = rest[..end].to_owned();
    let subject = format!("{}{}", clean_before(&s[..at]), rest[end..].trim());
    Some(make(&subject, Measure::Deferred { source }))
}

/// 达到…要求 / 完成…下达…目标 (deferred); 达到…标准, …类水质, 控制在全省平均水平以下
/// (categorical).
fn standard_targets(s: &str, make: &impl Fn(&str, Measure) -> Target) -> Vec<Target> {
    // 达到…要求 / 完成…下达…目标: deferred; 达到…标准 / …类水质: categorical.
    for verb in ["达到", "完成"] {
        let Some(pos) = s.rfind(verb) else { continue };
        let (before, level) = (&s[..pos], &s[pos + verb.len()..]);
        if before.trim().is_empty() || level.chars().count() < 2 {
            continue;
        }
        let deferred = (verb == "达到" && level.ends_with("要求") && level.contains(['省', '市', '州', '国', '上']))
            || (level.contains("下达") && ["目标", "任务", "计划"].iter().any(|w| level.ends_with(w)));
        let categorical = verb == "达到" && (level.ends_with("标准") || level.ends_with("类水质"));
        if deferred {
            return wordy_subjects(before)
                .iter()
                .map(|subj| make(subj, Measure::Deferred { source: level.to_owned() }))
                .collect();
        }
        if categorical {
            return wordy_subjects(before)
                .iter()
                .map(|subj| make(subj, Measure::Categorical { level: level.to_owned() }))
                .collect();
        }
    }
    // 控制在全省平均水平以下.
    if let Some(pos) = s.rfind("控制在") {
        let (before, level) = (&s[..pos], &s[pos + "控制在".len()..]);
        if !before.trim().is_empty()
            && (level.ends_with("以下") || level.ends_with("以内"))
            && level.chars().count() > 2
        {
            return wordy_subjects(before)
                .iter()
                .map(|subj| make(subj, Measure::Categorical { level: level.to_owned() }))
                .collect();
        }
    }
    Vec::new()
}

/// 人均预期寿命继续提高, 县域内基层就诊率较上年提高: a direction without a figure.
fn trend(s: &str, make: &impl Fn(&str, Measure) -> Target) -> Option<Target> {
    for (word, direction) in CHANGES {
        let Some(before) = s.strip_suffix(word) else { continue };
        let mut before = before;
        let mut baseline = None;
        for b in BASELINES {
            if let Some(r) = before.strip_suffix(b) {
                baseline = Some(crate::model::Baseline { text: (*b).to_owned(), year: None, value: None });
                before = r;
                break;
            }
        }
        // A commitment names what it measures against (较上年提高) or goes on
        // with a trend (人均预期寿命继续提高); 确保工业生产稳步增长 and
        // 推动…进一步提升 are exhortations.
        let goes_on = before.ends_with("继续");
        for adverb in ["继续", "持续", "稳步", "逐步", "进一步", "不断"] {
            if let Some(r) = before.strip_suffix(adverb) {
                before = r;
                break;
            }
        }
        let exhorts = ["确保", "推动", "促进", "推进", "力争", "努力"].iter().any(|v| before.starts_with(v));
        if before.trim().is_empty() || exhorts || (baseline.is_none() && !goes_on) {
            continue;
        }
        let mut t = make(&clean_before(before), Measure::Change { direction: *direction, scale: None });
        t.baseline = baseline;
        return Some(t);
    }
    None
}

/// Words naming what a change is measured against.
const BASELINES: &[&str] = &["较上年", "比上年", "较去年", "比去年", "同比"];

fn gap_is(doc: &Doc<'_>, a: usize, b: usize, ok: impl Fn(char) -> bool) -> bool {
    doc.cs.get(a..b).is_some_and(|g| g.iter().all(|c| ok(*c)))
}

/// The targets of one clause (between commas) with figures: rate
/// qualifiers and repeat counts folded in, a respectively-list paired with
/// its subjects, otherwise one target per figure of each group.
fn clause_hits(doc: &Doc<'_>, pid: &TargetId, cstart: usize, cend: usize, figs: Vec<Fig>, hits: &mut Vec<Hit>) {
    let figs = merge_repeat_counts(drop_rate_qualifiers(doc, figs));
    if figs.is_empty() {
        return;
    }
    if is_respectively(doc, cstart, &figs) {
        respectively(doc, pid, cstart, cend, &figs, hits);
        return;
    }
    let groups = groups_of(doc, &figs);
    let mut seg_start = cstart;
    for (gi, group) in groups.iter().enumerate() {
        let last = &figs[group.end - 1];
        // The segment ends at the 、 before the next group, else at the clause's end.
        let (seg_end, next_start) = match groups.get(gi + 1) {
            Some(next) => match (last.end..figs[next.start].start).rev().find(|&p| doc.cs[p] == '、') {
                Some(p) => (p, p + 1),
                None => (last.end, last.end),
            },
            None => (cend, cend),
        };
        let segment = Segment { start: seg_start, end: seg_end };
        group_hits(doc, pid, segment, &figs[group.clone()], hits);
        seg_start = next_start;
    }
}

/// A count followed by the rate it qualifies (全市1284个建制村…设置率达到50%)
/// is part of the rate's subject, not a figure.
fn drop_rate_qualifiers(doc: &Doc<'_>, figs: Vec<Fig>) -> Vec<Fig> {
    let mut keep = Vec::with_capacity(figs.len());
    for (j, f) in figs.iter().enumerate() {
        if let (Kind::Quantity(_), Some(next)) = (&f.kind, figs.get(j + 1))
            && matches!(next.kind, Kind::Percent | Kind::Rate(_))
        {
            let gap: String = doc.cs[f.end..next.start].iter().collect();
            if !gap.contains('、') && (gap.contains('率') || gap.contains("比例") || gap.contains("占比")) {
                continue;
            }
        }
        keep.push(f.clone());
    }
    keep
}

/// “3个90%”: a count right before the percent it repeats becomes that
/// percent's count of subjects.
fn merge_repeat_counts(figs: Vec<Fig>) -> Vec<Fig> {
    let mut merged: Vec<Fig> = Vec::with_capacity(figs.len());
    for f in figs {
        if let Some(prev) = merged.last()
            && matches!(prev.kind, Kind::Quantity(Unit::Item))
            && prev.end == f.start
            && f.kind == Kind::Percent
            && prev.hi.is_none()
            && let Ok(n) = u32::try_from(prev.lo)
            && prev.lo.fract().is_zero()
        {
            let mut f = f;
            f.start = prev.start;
            f.count = Some(n);
            merged.pop();
            merged.push(f);
            continue;
        }
        merged.push(f);
    }
    merged
}

/// `true` for a respectively-list: several figures joined by 、 和 及 与 after
/// 分别 (分别达到85%、82%和90%).
fn is_respectively(doc: &Doc<'_>, cstart: usize, figs: &[Fig]) -> bool {
    let list_gap = |c: char| matches!(c, '、' | '和' | '及' | '与' | ' ');
    figs.len() > 1 && figs.windows(2).all(|w| gap_is(doc, w[0].end, w[1].start, list_gap)) && {
        let (_, _, e) = prefix_words(doc, figs[0].start, cstart);
        doc.cs[cstart..e].iter().collect::<String>().contains("分别")
    }
}

/// Groups of figures with nothing but spaces between them (不少于300个800栋
/// 10000户), as index ranges into `figs`.
fn groups_of(doc: &Doc<'_>, figs: &[Fig]) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let mut g0 = 0;
    for j in 1..=figs.len() {
        if j == figs.len() || !gap_is(doc, figs[j - 1].end, figs[j].start, |c| c == ' ') {
            groups.push(g0..j);
            g0 = j;
        }
    }
    groups
}

/// A stretch of a clause holding one group of figures (character indices).
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
}

/// Members listed before 各 (青海大学、青海师范大学和青海民族大学各建设1幢)
/// and the words after it.
#[derive(Debug, Clone)]
struct Members {
    names: Vec<String>,
    rest: String,
}

/// The words of a segment around its group of figures: the subject's words
/// before them, the words after, the span of the target's phrase.
#[derive(Debug, Clone)]
struct Words<'a> {
    before: &'a str,
    after: &'a str,
    span: Range<usize>,
    prefix: Option<Comparator>,
    change: Option<ChangeDirection>,
}

/// Where the subject's words start and end in a segment, and the comparator
/// and change words before the first figure.
fn words_of<'a>(doc: &Doc<'a>, segment: Segment, first: &Fig, last: &Fig) -> Words<'a> {
    let cs = &doc.cs;
    let (prefix, change, subj_end) = prefix_words(doc, first.start, segment.start);
    // An unclosed parenthesis opens the segment.
    let mut s0 = segment.start;
    if let Some(p) = (segment.start..subj_end).rev().find(|&p| cs[p] == '(')
        && !cs[p..subj_end].contains(&')')
    {
        s0 = p + 1;
    }
    while s0 < subj_end && matches!(cs[s0], ' ' | '、') {
        s0 += 1;
    }
    let mut span_end = segment.end;
    while span_end > last.end && matches!(cs[span_end - 1], ' ' | '、' | '(') {
        span_end -= 1;
    }
    Words {
        before: doc.slice(s0, subj_end),
        after: clean_after(doc.slice(last.end, segment.end)),
        span: s0..span_end,
        prefix,
        change,
    }
}

/// The targets of one group of figures in its segment: the subject, per
/// member figures (各), one figure shared by a list of rates.
fn group_hits(doc: &Doc<'_>, pid: &TargetId, segment: Segment, group: &[Fig], hits: &mut Vec<Hit>) {
    let (Some(first), Some(last)) = (group.first(), group.last()) else { return };
    let words = words_of(doc, segment, first, last);
    let per = members_before(words.before);
    let before_clean = match &per {
        Some(m) => clean_before(m.rest.trim_start_matches("建设").trim_start_matches("新建")),
        None => clean_before(words.before),
    };
    // 为3200名残疾儿童提供康复救助服务: the service, for whom.
    let mut subject = format!("{before_clean}{}", words.after).replacen("提供", "", 1);
    if subject.is_empty() {
        // Nothing but verbs before a bare figure (完成12个): keep them.
        subject = words.before.trim().to_owned();
    }
    // Rates listed with one figure: 0-6岁儿童健康管理率、孕产妇系统管理率保持在90%以上.
    let items = shared_rates(&before_clean);
    let count = first.count.map(|c| c as usize);
    let after_ok = words.after.is_empty() || (count.is_some() && words.after.starts_with(['”', '"']));
    let shared = group.len() == 1
        && after_ok
        && matches!(first.kind, Kind::Percent | Kind::Rate(_))
        && items.len() >= 2
        && count.is_none_or(|c| c == items.len());
    for f in group {
        let measure = measure_of(f, words.change);
        let (amount, pm) = amount_with_members(f, words.prefix, per.as_ref());
        let subjects = if shared { items.clone() } else { vec![subject.clone()] };
        for subj in subjects {
            let mut t = Target::new(pid.clone(), subj, doc.slice(words.span.start, words.span.end), measure.clone());
            t.amount = amount.clone();
            t.per_member = pm.clone();
            hits.push(Hit { span: words.span.clone(), target: t, fig: f.start..f.end });
        }
    }
}

/// Members listed before 各, when there are at least two.
fn members_before(before: &str) -> Option<Members> {
    let pos = before.find('各')?;
    let names: Vec<String> = split_list(&before[..pos]).iter().map(|m| clean_before(m)).collect();
    (names.len() >= 2).then(|| Members { names, rest: before[pos + '各'.len_utf8()..].to_owned() })
}

/// The amount of a figure under its comparator, multiplied out over the
/// members of a per-member list; “3个90%” is at least 90% on each count.
fn amount_with_members(
    f: &Fig,
    prefix: Option<Comparator>,
    per: Option<&Members>,
) -> (Option<Amount>, Option<PerMember>) {
    let mut amount = amount_of(f, prefix);
    if f.count.is_some()
        && let Some(Amount::Exactly { value }) = amount
    {
        amount = Some(Amount::at_least(value));
    }
    let mut pm = None;
    if let Some(m) = per
        && let (Some(am), Ok(count)) = (&amount, u32::try_from(m.names.len()))
    {
        let each = am.low();
        amount = Some(am.map(|v| v.checked_mul(Decimal::from(count)).unwrap_or(v)));
        pm = Some(PerMember { count, members: m.names.clone(), each });
    }
    (amount, pm)
}

fn respectively(doc: &Doc<'_>, pid: &TargetId, cstart: usize, cend: usize, figs: &[Fig], hits: &mut Vec<Hit>) {
    let cs = &doc.cs;
    let (prefix, change, subj_end) = prefix_words(doc, figs[0].start, cstart);
    let mut s0 = cstart;
    while s0 < subj_end && cs[s0] == ' ' {
        s0 += 1;
    }
    let before_raw = doc.slice(s0, subj_end);
    let before = before_raw.split("分别").next().unwrap_or("").trim();
    let last = figs[figs.len() - 1].end;
    let after = clean_after(doc.slice(last, cend));
    let n = figs.len();
    let mut subjects: Vec<String> = Vec::new();
    let items = split_list(before);
    if items.len() == n {
        // 市、县级医疗机构床位使用率: short heads share the last item's tail.
        let last_item: Vec<char> = items[n - 1].chars().collect();
        for it in &items {
            let k = it.chars().count();
            if k <= 2 && last_item.len() > k + 1 {
                let tail: String = last_item[k..].iter().collect();
                subjects.push(format!("{it}{tail}"));
            } else {
                subjects.push(clean_before(it));
            }
        }
    } else {
        // 分别为1万名、2000名和2300名残疾人提供A、B和C.
        for verb in ["提供", "开展", "实施", "进行", "完成", "建设"] {
            if let Some(pos) = after.find(verb) {
                let noun = &after[..pos];
                let list = split_list(&after[pos + verb.len()..]);
                if list.len() == n {
                    subjects = list.iter().map(|x| format!("{noun}{x}")).collect();
                }
                break;
            }
        }
    }
    if subjects.len() != n {
        let s = format!("{}{}", clean_before(before), after);
        subjects = vec![s; n];
    }
    let mut end = cend;
    while end > last && cs[end - 1] == ' ' {
        end -= 1;
    }
    let span = s0..end;
    for (f, subject) in figs.iter().zip(subjects) {
        let mut t = Target::new(pid.clone(), subject, doc.slice(span.start, span.end), measure_of(f, change));
        t.amount = amount_of(f, prefix);
        hits.push(Hit { span: span.clone(), target: t, fig: f.start..f.end });
    }
}

/// Folds 其中 / parenthesised parts into the total before them.
///
/// The parts may stand between figures of other measures (其中:投资1056万元实施
/// 改扩建项目2个,投资571万元…) and the 其中 may open a new sentence; the list
/// ends at the next sentence.
fn breakdowns(doc: &Doc<'_>, hits: Vec<Hit>) -> Vec<Hit> {
    let cs = &doc.cs;
    let n = hits.len();
    let mut taken = vec![false; n];
    let mut parts_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        if taken[i] || hits[i].target.amount.is_none() {
            continue;
        }
        let mut cursor = hits[i].fig.end;
        let mut opened = false;
        for j in i + 1..n {
            let next = &hits[j];
            let gap = cs.get(cursor.min(next.fig.start)..next.fig.start).unwrap_or(&[]);
            if let Some(p) = gap.iter().rposition(|c| is_sentence_delim(*c)) {
                let after: String = gap[p + 1..].iter().collect();
                if opened || !after.trim_start().starts_with("其中") {
                    break;
                }
            }
            let same = hits[i].target.measure == next.target.measure && next.target.amount.is_some();
            if !opened {
                let g: String = gap.iter().collect();
                if !(same && (g.contains("其中") || unclosed_paren(gap))) {
                    break;
                }
                opened = true;
            }
            if same && !taken[j] {
                taken[j] = true;
                parts_of[i].push(j);
                cursor = next.fig.end;
            }
        }
    }
    let mut parts_by_hit: Vec<Option<Target>> = hits.iter().map(|h| Some(h.target.clone())).collect();
    let mut out = Vec::with_capacity(n);
    for (i, mut total) in hits.into_iter().enumerate() {
        if taken[i] {
            continue;
        }
        let parts: Vec<Target> =
            parts_of[i].iter().filter_map(|&j| parts_by_hit.get_mut(j).and_then(Option::take)).collect();
        if !parts.is_empty() {
            let sum = parts.iter().try_fold(Decimal::ZERO, |acc, p| match &p.amount {
                Some(Amount::Exactly { value }) => acc.checked_add(*value),
                _ => None,
            });
            let exhaustive =
                matches!((&total.target.amount, sum), (Some(Amount::Exactly { value }), Some(s)) if *value == s);
            total.target.breakdown = Some(Breakdown { exhaustive, parts });
        }
        out.push(total);
    }
    out
}

/// `true` when the last `(` of `gap` is still open: the figure after it is
/// inside the parenthesis (组织实施…项目(投资1230万元…), not after 市(县)级.
fn unclosed_paren(gap: &[char]) -> bool {
    gap.iter().rposition(|c| *c == '(').is_some_and(|p| !gap[p..].contains(&')'))
}
