//! The notice's metadata: title, document number, issuer, written and
//! published dates, index number, the parent document it implements, the
//! jurisdiction and its level (from the issuer's name), addressees and 抄送.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{AdminLevel, DocumentNumber, Jurisdiction};

use super::text::{fold_str, is_space};

/// What the header says.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub title: Option<String>,
    pub number: Option<DocumentNumber>,
    pub issuer: Option<String>,
    pub written: Option<NaiveDate>,
    pub published: Option<NaiveDate>,
    pub index_number: Option<String>,
    pub parent_number: Option<DocumentNumber>,
    pub parent_title: Option<String>,
    pub parent_issuer: Option<String>,
    pub addressees: Option<String>,
    pub copied_to: Option<String>,
    /// The first year a header line names (2021年民生实事项目表), for a
    /// notice without a title or number to take it from.
    pub year_hint: Option<i32>,
    /// Source lines the metadata came from.
    pub used: Vec<u32>,
}

const ISSUER_SUFFIXES: &[&str] = &["人民政府办公厅", "人民政府办公室", "人民政府", "政府办公室", "政府办公厅"];
const TITLE_ENDS: &[&str] = &["通知", "方案", "意见", "决定", "通告", "办法", "安排"];

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// Reads a date written 2021-03-19, 2021年02月04日 or 2024 年 3 月 21 日 at the
/// start of `s` (folded, spaces dropped); returns it and the bytes read.
pub(crate) fn date_at(s: &str) -> Option<(NaiveDate, usize)> {
    let num = |s: &str| -> Option<(u32, usize)> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 4 {
            return None;
        }
        Some((s.get(..n)?.parse().ok()?, n))
    };
    let (y, a) = num(s)?;
    if a != 4 {
        return None;
    }
    let rest = s.get(a..)?;
    let sep = rest.chars().next()?;
    if !matches!(sep, '-' | '年' | '/' | '.') {
        return None;
    }
    let rest = rest.get(sep.len_utf8()..)?;
    let (m, b) = num(rest)?;
    let rest2 = rest.get(b..)?;
    let sep2 = rest2.chars().next()?;
    let expected = if sep == '年' { '月' } else { sep };
    if sep2 != expected {
        return None;
    }
    let rest3 = rest2.get(sep2.len_utf8()..)?;
    let (d, c) = num(rest3)?;
    let mut used = a + sep.len_utf8() + b + sep2.len_utf8() + c;
    if sep == '年' {
        if rest3.get(c..)?.starts_with('日') {
            used += '日'.len_utf8();
        } else {
            return None;
        }
    }
    Some((crate::json::date::ymd(i32::try_from(y).ok()?, m, d)?, used))
}

/// The first year written `YYYY年` (1990–2099) in a folded line.
fn first_year(f: &str) -> Option<i32> {
    f.match_indices('年').find_map(|(i, _)| {
        let head = f.get(..i)?;
        let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect();
        let before = head.chars().rev().nth(digits.len());
        let year: i32 = digits.chars().rev().collect::<String>().parse().ok()?;
        (digits.len() == 4 && (1990..2100).contains(&year) && !before.is_some_and(|c| c.is_ascii_digit()))
            .then_some(year)
    })
}

/// Finds a date after `label` in `s`.
fn labelled_date(s: &str, label: &str) -> Option<NaiveDate> {
    let at = s.find(label)? + label.len();
    let rest = s.get(at..)?.trim_start_matches([':', '|']);
    date_at(rest).map(|d| d.0)
}

/// The document numbers in `s` (folded): each with its byte range.
pub(crate) fn numbers_in(s: &str) -> Vec<(DocumentNumber, Range<usize>)> {
    let mut out = Vec::new();
    for (open, c) in s.char_indices().filter(|(_, c)| matches!(c, '〔' | '[' | '【' | '(')) {
        let after = open + c.len_utf8();
        let Some(rest) = s.get(after..) else { continue };
        if rest.len() < 6 || !rest.bytes().take(4).all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some(hao) = rest.find('号') else { continue };
        if hao > 12 {
            continue;
        }
        let end = after + hao + '号'.len_utf8();
        // The agency: the CJK characters just before the bracket.
        let head = s.get(..open).unwrap_or("");
        let agency_len: usize =
            head.chars().rev().take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).take(8).map(char::len_utf8).sum();
        let mut start = open - agency_len;
        for label in ["发文字号", "文号", "字号"] {
            if s.get(start..open).is_some_and(|a| a.starts_with(label)) {
                start += label.len();
            }
        }
        if let Some(n) = s.get(start..end).and_then(|t| t.parse::<DocumentNumber>().ok()) {
            out.push((n, start..end));
        }
    }
    out
}

/// The jurisdiction an issuer's name names: 青海省人民政府办公厅 → 青海省, province.
pub(crate) fn jurisdiction_of(issuer: &str) -> Jurisdiction {
    let mut name = issuer.trim_start_matches("中共").to_owned();
    for s in ISSUER_SUFFIXES {
        if let Some(n) = name.strip_suffix(s) {
            name = n.to_owned();
            break;
        }
    }
    let level = if name.ends_with('省') || name.ends_with("自治区") {
        AdminLevel::Province
    } else if name.ends_with('区') || name.ends_with('县') || name.ends_with('旗') {
        AdminLevel::County
    } else {
        AdminLevel::Prefecture
    };
    Jurisdiction::new(name, level)
}

/// A header line: its number, its folded text and its text as written.
type HeadLine<'s> = (u32, String, &'s str);

/// Reads the header from the lines before the body (`head`) and the whole
/// text's lines (`all`, for dates and 抄送 printed at the end).
pub(crate) fn read(src: &str, head: &[(u32, Range<usize>)], all: &[(u32, Range<usize>)]) -> Header {
    let mut h = Header::default();
    let folded: Vec<HeadLine<'_>> = head
        .iter()
        .map(|(n, r)| (*n, fold_str(src.get(r.clone()).unwrap_or("")), src.get(r.clone()).unwrap_or("")))
        .collect();
    read_title(&mut h, &folded);
    read_labelled(&mut h, &folded);
    h.year_hint = folded.iter().find_map(|(_, f, _)| first_year(f));
    read_numbers(&mut h, &folded);
    read_trailer(&mut h, src, all);
    h
}

/// The title: the first line with 关于 that ends like a title (joined with
/// the next line when broken), and the issuer written before 关于.
fn read_title(h: &mut Header, folded: &[HeadLine<'_>]) {
    // Title: the first line with 关于 that ends like a title (joined with the next line when broken).
    for (k, (n, f, raw)) in folded.iter().enumerate() {
        if f.contains("关于") && !f.starts_with("根据") && !f.contains("标题:") {
            let mut title = without_spaces(raw);
            let mut ok = TITLE_ENDS.iter().any(|e| f.ends_with(e));
            if !ok
                && let Some((n2, f2, raw2)) = folded.get(k + 1)
                && TITLE_ENDS.iter().any(|e| f2.ends_with(e))
                && f2.chars().count() < 30
            {
                title.push_str(&without_spaces(raw2));
                h.used.push(*n2);
                ok = true;
            }
            if ok {
                h.used.push(*n);
                if let Some(i) = f.find("关于") {
                    let before = f.get(..i).unwrap_or("");
                    if ISSUER_SUFFIXES.iter().any(|s| before.ends_with(s)) {
                        h.issuer = Some(before.to_owned());
                    }
                }
                h.title = Some(title);
                return;
            }
        }
    }
}

/// The fields on lines of their own or after labels: the issuer, 索引号,
/// 成文日期, 发布日期, 发布机构 and the addressees (各…:).
fn read_labelled(h: &mut Header, folded: &[HeadLine<'_>]) {
    for (n, f, _) in folded {
        // The issuer on a line of its own (青海省人民政府办公厅; 海东市人民政府办公室文件).
        let bare = f.trim_end_matches("文件");
        if h.issuer.is_none()
            && !bare.starts_with('各')
            && bare.chars().count() <= 20
            && ISSUER_SUFFIXES.iter().any(|s| bare.ends_with(s))
        {
            h.issuer = Some(bare.to_owned());
            h.used.push(*n);
        }
        if h.index_number.is_none()
            && let Some(i) = f.find("索引号")
        {
            let rest = f.get(i + "索引号".len()..).unwrap_or("").trim_start_matches(':');
            let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-')).collect();
            if !id.is_empty() {
                h.index_number = Some(id);
                h.used.push(*n);
            }
        }
        if h.written.is_none()
            && let Some(d) = labelled_date(f, "成文日期")
        {
            h.written = Some(d);
            h.used.push(*n);
        }
        if h.published.is_none() {
            for label in ["发布日期", "公开日期"] {
                if let Some(d) = labelled_date(f, label) {
                    h.published = Some(d);
                    h.used.push(*n);
                }
            }
        }
        if h.issuer.is_none()
            && let Some(i) = f.find("发布机构")
        {
            let rest = f.get(i + "发布机构".len()..).unwrap_or("").trim_start_matches(':');
            let name: String = rest.chars().take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
            let name = name.trim_end_matches("公文时效").to_owned();
            if ISSUER_SUFFIXES.iter().any(|s| name.ends_with(s)) {
                h.issuer = Some(name);
            }
        }
        if h.addressees.is_none() && f.starts_with('各') && (f.ends_with(':')) {
            h.addressees = folded.iter().find(|x| x.0 == *n).map(|x| x.2.trim().to_owned());
            h.used.push(*n);
        }
    }
}

/// Document numbers: the first is the notice's own; a later different one
/// after 《title》 is the parent's. A parent without a number is named by
/// its title (为抓好《政府工作报告》确定的…, 根据《…》).
fn read_numbers(h: &mut Header, folded: &[HeadLine<'_>]) {
    for (n, f, _) in folded {
        for (num, r) in numbers_in(f) {
            match &h.number {
                None => {
                    h.number = Some(num);
                    h.used.push(*n);
                }
                Some(own) if *own != num && h.parent_number.is_none() => {
                    let before = f.get(..r.start).unwrap_or("");
                    if let (Some(o), Some(c)) = (before.rfind('《'), before.rfind('》')) {
                        let inner = before.get(o + '《'.len_utf8()..c).unwrap_or("");
                        h.parent_title = Some(inner.to_owned());
                        let issuer_end = inner.find("关于").unwrap_or(0);
                        let named = inner.get(..issuer_end).unwrap_or("");
                        if ISSUER_SUFFIXES.iter().any(|s| named.ends_with(s)) {
                            h.parent_issuer = Some(named.to_owned());
                        }
                    }
                    h.parent_number = Some(num);
                }
                _ => {}
            }
        }
    }
    // A parent without a number: 为抓好《政府工作报告》确定的…, 根据《…》.
    if h.parent_number.is_none() {
        for (_, f, _) in folded {
            let Some(o) =
                ["根据《", "为抓好《", "落实《", "贯彻《"].iter().find_map(|w| f.find(w).map(|i| i + w.len()))
            else {
                continue;
            };
            if let Some(c) = f.get(o..).and_then(|r| r.find('》')) {
                h.parent_title = f.get(o..o + c).map(str::to_owned);
                break;
            }
        }
    }
}

/// Dates printed on lines of their own anywhere (under the signature;
/// 印发), and 抄送 at the end.
fn read_trailer(h: &mut Header, src: &str, all: &[(u32, Range<usize>)]) {
    // Dates printed on lines of their own (under the signature; 印发).
    for (n, r) in all {
        let raw = src.get(r.clone()).unwrap_or("");
        let f = fold_str(raw);
        if let Some((d, used)) = date_at(&f) {
            let rest = f.get(used..).unwrap_or("");
            if rest.is_empty() && h.written.is_none() {
                h.written = Some(d);
                h.used.push(*n);
            } else if rest == "印发" && h.published.is_none() {
                h.published = Some(d);
                h.used.push(*n);
            }
        }
        if h.copied_to.is_none()
            && let Some(rest) = f.strip_prefix("抄送:")
        {
            h.copied_to = Some(rest.to_owned());
            h.used.push(*n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(date_at("2021-03-19").map(|x| x.0), Some(d(2021, 3, 19)));
        assert_eq!(date_at("2021年02月04日|").map(|x| x.0), Some(d(2021, 2, 4)));
        assert_eq!(date_at(&fold_str("2024 年 3 月 21 日印发")).map(|x| x.0), Some(d(2024, 3, 21)));
        assert_eq!(date_at("2021年"), None);
        assert_eq!(date_at("2021年13月1日"), None);
    }

    #[test]
    fn numbers_with_labels_and_spaces() {
        let n = numbers_in(&fold_str("文  号  西政办〔2020〕91号  公开日期"));
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0.to_string(), "西政办〔2020〕91号");
        let n = numbers_in(&fold_str("通知》(青办字〔2024〕35 号)要求"));
        assert_eq!(n[0].0.to_string(), "青办字〔2024〕35号");
    }

    #[test]
    fn jurisdiction_from_issuer() {
        let j = jurisdiction_of("青海省人民政府办公厅");
        assert_eq!((j.name.as_str(), j.level), ("青海省", AdminLevel::Province));
        let j = jurisdiction_of("杜集区人民政府");
        assert_eq!((j.name.as_str(), j.level), ("杜集区", AdminLevel::County));
        let j = jurisdiction_of("楚雄州人民政府办公室");
        assert_eq!((j.name.as_str(), j.level), ("楚雄州", AdminLevel::Prefecture));
    }

    #[test]
    fn reads_a_header() {
        let src = "青海省人民政府办公厅\n关于2021年民生实事工程任务分工的通知\n青政办〔2021〕24号\n各市、自治州人民政府，省政府各委、办、厅、局:\n根据《上级关于工作的通知》(上政〔2021〕1号)精神。";
        let ls = crate::import::text::lines(src);
        let head: Vec<(u32, Range<usize>)> = ls.iter().map(|l| (l.number, l.range())).collect();
        let h = read(src, &head, &head);
        assert_eq!(h.title.as_deref(), Some("关于2021年民生实事工程任务分工的通知"));
        assert_eq!(h.issuer.as_deref(), Some("青海省人民政府办公厅"));
        assert_eq!(h.number.map(|n| n.to_string()).as_deref(), Some("青政办〔2021〕24号"));
        assert_eq!(h.parent_number.map(|n| n.to_string()).as_deref(), Some("上政〔2021〕1号"));
        assert_eq!(h.parent_title.as_deref(), Some("上级关于工作的通知"));
        let src = "为抓好《政府工作报告》确定的2021年民生实事工程贯彻落实,现通知如下:";
        let head = vec![(1, 0..src.len())];
        assert_eq!(read(src, &head, &head).parent_title.as_deref(), Some("政府工作报告"));
        assert!(h.addressees.is_some());
    }
}
