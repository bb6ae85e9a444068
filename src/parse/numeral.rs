//! Numbers as the notices write them: Arabic digits (with thousands
//! separators, decimals and full-width forms), Chinese numerals and the
//! magnitude words 十 百 千 万 亿 in any mix (1.39万, 一万二千三百, 5.7万).

use rust_decimal::Decimal;

/// Normalises one character: full-width digits and signs become ASCII,
/// traditional magnitude words become simplified.
pub(crate) fn norm(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '（' => '(',
        '）' => ')',
        '－' | '‐' | '‑' | '–' | '—' | '―' => '-',
        '～' | '〜' => '~',
        '／' => '/',
        '\u{3000}' | '\u{a0}' => ' ',
        c => super::traditional::simplified(c),
    }
}

/// The value of a Chinese digit character.
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a small magnitude word (十 百 千).
fn small_unit(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// `true` for every character a Chinese numeral may hold.
pub(crate) fn is_chinese_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some() || small_unit(c).is_some() || c == '万' || c == '亿'
}

/// The value of a big magnitude word (万 亿) as a decimal factor.
pub(crate) fn magnitude(c: char) -> Option<Decimal> {
    match c {
        '十' => Some(Decimal::from(10)),
        '百' => Some(Decimal::from(100)),
        '千' => Some(Decimal::from(1000)),
        '万' => Some(Decimal::from(10_000)),
        '亿' => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

/// Reads a run of Chinese numeral characters (一万二千三百, 两千, 十五,
/// 二〇二一, 一万二). `None` when the run is not a well-formed numeral
/// (十四五) or is empty.
pub fn chinese_value(run: &[char]) -> Option<Decimal> {
    if run.is_empty() {
        return None;
    }
    // A string of digits only, as years are written (二〇二一).
    if run.len() > 1 && run.iter().all(|c| chinese_digit(*c).is_some()) {
        let mut v = Decimal::ZERO;
        for c in run {
            v = v.checked_mul(Decimal::TEN)?.checked_add(Decimal::from(chinese_digit(*c)?))?;
        }
        return Some(v);
    }
    let mut total = Decimal::ZERO; // everything at 亿 and above
    let mut wan = Decimal::ZERO; // the 万 part
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u32> = None;
    let mut last_small: u32 = 10_000; // the last small unit in this section
    let mut last_unit: u64 = 1; // the last unit of any size, for 一万二 = 12000
    let mut zero_seen = false;
    for (i, &c) in run.iter().enumerate() {
        if let Some(d) = chinese_digit(c) {
            if d == 0 {
                if pending.is_some() {
                    return None;
                }
                zero_seen = true;
                continue;
            }
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
        } else if let Some(u) = small_unit(c) {
            let d = match pending.take() {
                Some(d) => d,
                // 十五, 百万: a bare unit only opens the numeral or follows 零/万.
                None if i == 0 || (u == 10 && (zero_seen || section == 0)) => 1,
                None => return None,
            };
            if u >= last_small {
                return None;
            }
            last_small = u;
            section += u64::from(d) * u64::from(u);
            last_unit = u64::from(u);
            zero_seen = false;
        } else if c == '万' || c == '亿' {
            section += u64::from(pending.take().unwrap_or(0));
            let factor = if c == '万' { 10_000 } else { 100_000_000 };
            if c == '万' {
                if section == 0 || !wan.is_zero() {
                    return None;
                }
                wan = Decimal::from(section).checked_mul(Decimal::from(factor))?;
            } else {
                let part = wan.checked_add(Decimal::from(section))?;
                if part.is_zero() || !total.is_zero() {
                    return None;
                }
                total = part.checked_mul(Decimal::from(factor))?;
                wan = Decimal::ZERO;
            }
            section = 0;
            last_small = 10_000;
            last_unit = factor;
            zero_seen = false;
        } else {
            return None;
        }
    }
    let mut ones = u64::from(pending.unwrap_or(0));
    // 一万二 is 12 000 and 两千五 is 2 500: a last digit after a unit counts
    // one step below it, unless a 零 came between.
    if pending.is_some() && last_unit >= 100 && !zero_seen {
        ones *= last_unit / 10;
    }
    total.checked_add(wan)?.checked_add(Decimal::from(section))?.checked_add(Decimal::from(ones))
}

/// A number read from text: its value and the characters it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    /// The value, magnitudes folded in.
    pub value: Decimal,
    /// First character index.
    pub start: usize,
    /// One past the last character index.
    pub end: usize,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// A magnitude word followed the digits (万, 亿).
    pub magnified: bool,
}

/// Characters after which 千 begins a unit, not a magnitude (千瓦, 千克, 千米).
fn unit_after_qian(c: Option<&char>) -> bool {
    matches!(c, Some('瓦' | '克' | '米'))
}

/// Reads Arabic digits at `i`: `1,234.5`, `１２３`, then magnitude words (万, 亿,
/// 千, 百) with optional spaces before them.
pub(crate) fn arabic_at(cs: &[char], i: usize) -> Option<Num> {
    let mut j = i;
    let mut text = String::new();
    while j < cs.len() {
        let c = cs[j];
        if c.is_ascii_digit() {
            text.push(c);
            j += 1;
        } else if c == ','
            && !text.is_empty()
            && !text.contains('.')
            && cs.get(j + 1..j + 4).is_some_and(|w| w.iter().all(char::is_ascii_digit))
            && !cs.get(j + 4).is_some_and(char::is_ascii_digit)
        {
            j += 1;
        } else if c == '.' && !text.is_empty() && !text.contains('.') && cs.get(j + 1).is_some_and(char::is_ascii_digit)
        {
            text.push('.');
            j += 1;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    let mut value = Decimal::from_str_exact(&text).ok()?;
    let mut k = j;
    while k < cs.len() && cs[k] == ' ' {
        k += 1;
    }
    let mut magnified = false;
    let mut end = j;
    while k < cs.len() {
        let c = cs[k];
        if c == '十' || (c == '千' && unit_after_qian(cs.get(k + 1))) || (c == '百' && cs.get(k + 1) == Some(&'分'))
        {
            break;
        }
        match magnitude(c) {
            Some(m) => {
                value = value.checked_mul(m)?;
                magnified = true;
                k += 1;
                end = k;
            }
            None => break,
        }
    }
    Some(Num { value: value.normalize(), start: i, end, chinese: false, magnified })
}

/// Reads a Chinese numeral run at `i` (maximal, minus a 千 that starts a
/// unit). `None` when the run is not a numeral.
pub(crate) fn chinese_at(cs: &[char], i: usize) -> Option<(Num, usize)> {
    let mut j = i;
    while j < cs.len() && is_chinese_numeral_char(cs[j]) {
        j += 1;
    }
    if j > i && cs[j - 1] == '千' && unit_after_qian(cs.get(j)) {
        j -= 1;
    }
    let run = cs.get(i..j)?;
    let value = chinese_value(run)?;
    let magnified = run.iter().any(|c| matches!(c, '万' | '亿'));
    Some((Num { value: value.normalize(), start: i, end: j, chinese: true, magnified }, j))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn v(s: &str) -> Option<Decimal> {
        chinese_value(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(v("一万二千三百"), Some(dec!(12300)));
        assert_eq!(v("两千"), Some(dec!(2000)));
        assert_eq!(v("十五"), Some(dec!(15)));
        assert_eq!(v("二十"), Some(dec!(20)));
        assert_eq!(v("一百零五"), Some(dec!(105)));
        assert_eq!(v("二〇二一"), Some(dec!(2021)));
        assert_eq!(v("三亿五千万"), Some(dec!(350000000)));
        assert_eq!(v("十万"), Some(dec!(100000)));
        assert_eq!(v("一万二"), Some(dec!(12000)));
        assert_eq!(v("两千五"), Some(dec!(2500)));
        assert_eq!(v("十四五"), None);
        assert_eq!(v("万"), None);
        assert_eq!(v("百十千"), None);
    }

    #[test]
    fn arabic_numbers() {
        let cs: Vec<char> = "1,234.5万".chars().map(norm).collect();
        let n = arabic_at(&cs, 0);
        assert_eq!(n.map(|n| n.value), Some(dec!(12345000)));
        let cs: Vec<char> = "１２３".chars().map(norm).collect();
        assert_eq!(arabic_at(&cs, 0).map(|n| n.value), Some(dec!(123)));
        let cs: Vec<char> = "235万千瓦".chars().collect();
        assert_eq!(arabic_at(&cs, 0).map(|n| (n.value, n.end)), Some((dec!(2350000), 4)));
        let cs: Vec<char> = "99999999999999999999999999999999".chars().collect();
        assert_eq!(arabic_at(&cs, 0), None);
    }
}
