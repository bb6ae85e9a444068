//! [`Deadline::parse`]: 年底前, 10月底之前, 3月22日前, 第四季度, 每月, 3月至12月…

use chrono::NaiveDate;

use super::ParseError;
use super::marks::is_format;
use super::numeral::{chinese_value, norm};
use crate::json::date::ymd;
use crate::model::{Deadline, Frequency, Precision};

/// One end of a date: year, month, day as far as given.
#[derive(Debug, Clone, Copy)]
struct Point {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, 1)?;
    let (y, m) = if month == 12 { (year.checked_add(1)?, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

struct Reader<'a> {
    cs: &'a [(usize, char)],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).map(|p| p.1)
    }
    fn eat(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        let ok = self.cs.get(self.i..self.i + n).is_some_and(|w| w.iter().map(|p| p.1).eq(word.chars()));
        if ok {
            self.i += n;
        }
        ok
    }
    /// Reads an Arabic or Chinese number.
    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        let mut text = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            text.push(c);
            self.i += 1;
        }
        if !text.is_empty() {
            return text.parse().ok();
        }
        let mut run = Vec::new();
        while let Some(c) =
            self.peek().filter(|c| super::numeral::is_chinese_numeral_char(*c) && !matches!(c, '万' | '亿'))
        {
            run.push(c);
            self.i += 1;
        }
        let v = chinese_value(&run).and_then(|d| u32::try_from(d.mantissa()).ok().filter(|_| d.scale() == 0));
        if v.is_none() {
            self.i = start;
        }
        v
    }
    /// Reads `[YYYY年][M月][D日|号]` and the words 底/末/初 after a month.
    fn point(&mut self, year: i32) -> Option<Point> {
        let start = self.i;
        let mut p = Point { year, month: None, day: None };
        if let Some(n) = self.number() {
            if self.eat("年") {
                p.year = i32::try_from(n).ok()?;
            } else {
                self.i = start;
            }
        }
        let before_month = self.i;
        if let Some(n) = self.number() {
            if self.eat("月") && (1..=12).contains(&n) {
                p.month = Some(n);
                let before_day = self.i;
                if let Some(d) = self.number() {
                    if self.eat("日") || self.eat("号") {
                        p.day = Some(d);
                    } else {
                        self.i = before_day;
                    }
                }
                let _ = self.eat("份");
                let _ = self.eat("底") || self.eat("末");
            } else {
                self.i = before_month;
            }
        }
        (self.i > start).then_some(p)
    }
}

fn end_of(p: Point) -> Option<(NaiveDate, Precision)> {
    match (p.month, p.day) {
        (Some(m), Some(d)) => Some((ymd(p.year, m, d)?, Precision::Day)),
        (Some(m), None) => Some((last_day(p.year, m)?, Precision::Month)),
        _ => Some((ymd(p.year, 12, 31)?, Precision::Year)),
    }
}

fn start_of(p: Point) -> Option<NaiveDate> {
    ymd(p.year, p.month.unwrap_or(1), p.day.unwrap_or(1))
}

fn quarter(q: u32, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let first = (q.checked_sub(1)?) * 3 + 1;
    if q > 4 {
        return None;
    }
    Some((ymd(year, first, 1)?, last_day(year, first + 2)?))
}

impl Deadline {
    /// Reads a deadline phrase, resolving it against the programme year.
    ///
    /// Understands 年底前 / 年内 / 年底 / 年末 (the year's last day),
    /// 上半年 / 下半年, `M月底前`, `M月前` (the month counts in, like a day
    /// does: 11月前 is 11-30), `M月D日前`, `YYYY年M月D日前`, 第四季度 / 四季度
    /// (a window), 每月 / 每季度末 / 每半年 / 每年 (recurring over the year),
    /// and ranges such as 3月至12月 or 2021年12月至2022年1月. Spaces are
    /// ignored (3 月 22 日前).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use minsheng::{Deadline, Precision};
    /// let d = Deadline::parse("10月底之前", 2021)?;
    /// assert_eq!(d.date, NaiveDate::from_ymd_opt(2021, 10, 31).unwrap());
    /// assert_eq!(d.precision, Precision::Month);
    /// let q = Deadline::parse("第四季度", 2020)?;
    /// assert_eq!(q.start, NaiveDate::from_ymd_opt(2020, 10, 1));
    /// assert_eq!(q.precision, Precision::Quarter);
    /// # Ok::<(), minsheng::parse::ParseError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ParseError`] pointing at the first character that is not understood.
    pub fn parse(text: &str, programme_year: i32) -> Result<Deadline, ParseError> {
        let cs: Vec<(usize, char)> = text
            .char_indices()
            .map(|(b, c)| (b, norm(c)))
            .filter(|p| !p.1.is_whitespace() && !is_format(p.1))
            .collect();
        let phrase = Phrase { text, cs: &cs, year: programme_year };
        let mut r = Reader { cs: &cs, i: 0 };
        let d = match phrase.recurring(&mut r)? {
            Some(d) => d,
            None => match phrase.named_period(&mut r)? {
                Some(d) => d,
                None => phrase.dated(&mut r)?,
            },
        };
        for w in ["之前", "以前", "前", "内", "完成"] {
            if r.eat(w) {
                break;
            }
        }
        if r.i < cs.len() {
            return Err(phrase.fail(r.i, "unexpected words after the date"));
        }
        Ok(d)
    }
}

/// A deadline phrase being read: its text, its characters (normalised,
/// without spaces) with their byte offsets, and the programme's year.
struct Phrase<'a> {
    text: &'a str,
    cs: &'a [(usize, char)],
    year: i32,
}

impl Phrase<'_> {
    /// An error at character `i`.
    fn fail(&self, i: usize, what: &str) -> ParseError {
        ParseError::new(self.text, self.cs.get(i).map_or(self.text.len(), |p| p.0), what)
    }

    /// `from..to` of the phrase, as written (normalised).
    fn words(&self, from: usize, to: usize) -> String {
        self.cs.get(from..to).unwrap_or(&[]).iter().map(|p| p.1).collect()
    }

    /// The programme year's first and last days.
    fn year_bounds(&self) -> Result<(NaiveDate, NaiveDate), ParseError> {
        let bad = || self.fail(0, "the programme year is out of range");
        Ok((ymd(self.year, 1, 1).ok_or_else(bad)?, ymd(self.year, 12, 31).ok_or_else(bad)?))
    }

    /// 每月, 每季度末, 每半年, 每周, 每年: a duty recurring over the year.
    fn recurring(&self, r: &mut Reader<'_>) -> Result<Option<Deadline>, ParseError> {
        if !r.eat("每") {
            return Ok(None);
        }
        let (freq, precision) = if r.eat("季度") || r.eat("季") {
            (Frequency::Quarterly, Precision::Quarter)
        } else if r.eat("半年") {
            (Frequency::HalfYearly, Precision::HalfYear)
        } else if r.eat("月") {
            (Frequency::Monthly, Precision::Month)
        } else if r.eat("周") {
            (Frequency::Weekly, Precision::Day)
        } else if r.eat("年") {
            (Frequency::Yearly, Precision::Year)
        } else {
            return Err(self.fail(r.i, "expected 月, 季度, 半年, 周 or 年 after 每"));
        };
        let _ = r.eat("度");
        let _ = r.eat("末") || r.eat("底") || r.eat("初");
        let (start, end) = self.year_bounds()?;
        let mut dl = Deadline::window(self.text, start, end, precision);
        dl.recurrence = Some(freq);
        Ok(Some(dl))
    }

    /// A part of a year by name, after an optional year: 年底, 年内, 上半年,
    /// 下半年, 第四季度, 三季度末. Leaves the reader where it was when none.
    fn named_period(&self, r: &mut Reader<'_>) -> Result<Option<Deadline>, ParseError> {
        self.year_bounds()?;
        let save = r.i;
        let mut year = self.year;
        if let Some(n) = r.number()
            && r.eat("年")
        {
            year = i32::try_from(n).map_err(|_| self.fail(save, "the year is out of range"))?;
        } else {
            r.i = save;
        }
        let bad_year = || self.fail(save, "the year is out of range");
        let ye = ymd(year, 12, 31).ok_or_else(bad_year)?;
        let d = if r.eat("年底") || r.eat("年末") || r.eat("年内") || r.eat("全年") || r.eat("底") || r.eat("末")
        {
            Deadline::by(self.text, ye, Precision::Year)
        } else if r.eat("上半年") {
            Deadline::by(self.text, ymd(year, 6, 30).ok_or_else(bad_year)?, Precision::HalfYear)
        } else if r.eat("下半年") {
            Deadline::window(self.text, ymd(year, 7, 1).ok_or_else(bad_year)?, ye, Precision::HalfYear)
        } else if r.eat("第") || self.cs.get(r.i + 1).is_some_and(|p| p.1 == '季') {
            let at = r.i;
            let q = r.number().ok_or_else(|| self.fail(at, "expected the quarter's number"))?;
            if !r.eat("季度") && !r.eat("季") {
                return Err(self.fail(r.i, "expected 季度 after the quarter's number"));
            }
            let (s, e) = quarter(q, year).ok_or_else(|| self.fail(at, "a quarter runs from 1 to 4"))?;
            if r.eat("末") || r.eat("底") {
                Deadline::by(self.text, e, Precision::Quarter)
            } else {
                Deadline::window(self.text, s, e, Precision::Quarter)
            }
        } else {
            r.i = save;
            return Ok(None);
        };
        Ok(Some(d))
    }

    /// A date (10月底, 3月22日, 2021年12月) or a range of two (3月至12月).
    fn dated(&self, r: &mut Reader<'_>) -> Result<Deadline, ParseError> {
        let at = r.i;
        let p = r
            .point(self.year)
            .ok_or_else(|| self.fail(at, "expected a date such as 年底前, 10月底, 3月22日 or 第四季度"))?;
        if p.month.is_none() && p.day.is_none() {
            // 2021年 alone, or 2021年底.
            if !(r.eat("底") || r.eat("末") || r.eat("内")) && r.i < self.cs.len() {
                return Err(self.fail(r.i, "expected a month after the year"));
            }
        }
        // 2月30日前: name the date that does not exist, not the character after it.
        let no_date = |from: usize, to: usize| self.fail(from, &format!("{} is no date", self.words(from, to)));
        let (end, precision) = end_of(p).ok_or_else(|| no_date(at, r.i))?;
        let save = r.i;
        if r.eat("至") || r.eat("到") || r.eat("-") || r.eat("~") {
            let at2 = r.i;
            let q = r.point(p.year).ok_or_else(|| self.fail(at2, "expected the end of the range"))?;
            let (end2, p2) = end_of(q).ok_or_else(|| no_date(at2, r.i))?;
            let start = start_of(p).ok_or_else(|| no_date(at, at2))?;
            let precision =
                if p2 == Precision::Day && precision == Precision::Day { Precision::Day } else { Precision::Month };
            Ok(Deadline::window(self.text, start, end2, precision))
        } else {
            r.i = save;
            Ok(Deadline::by(self.text, end, precision))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_the_format_cannot_write_are_refused() {
        assert!(Deadline::parse("12021年底前", 2021).is_err());
        assert!(Deadline::parse("年底前", 10000).is_err());
        assert!(Deadline::parse("9999年12月底前", 2021).is_ok());
        let d = Deadline::parse("年底前", 9999).map(|d| d.date);
        assert_eq!(d.ok(), NaiveDate::from_ymd_opt(9999, 12, 31));
    }
}
