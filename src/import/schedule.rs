//! Time in a notice: deadlines inside task text (年底前, 3月22日前,
//! 10月底之前), work phases (制定方案阶段(2021年2月底前)) and the reporting
//! calendar (分别于3月25日、7月5日…前…报; 每月…报; 于2020年12月21日前…报送).

use std::ops::Range;

use crate::model::{Deadline, Frequency, ReportingRequirement};

use super::header::date_at;

/// A deadline found in folded text, with its folded range.
#[derive(Debug, Clone)]
pub(crate) struct FoundDeadline {
    pub range: Range<usize>,
    pub deadline: Deadline,
}

fn is_date_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '底' | '至' | '-')
}

/// Finds the deadlines of a folded text: phrases ending in 前 / 之前 / 以前
/// preceded by a date, and 年内 / 年底前.
pub(crate) fn deadlines(folded: &str, year: i32) -> Vec<FoundDeadline> {
    let read = |range: Range<usize>| {
        let text = folded.get(range.clone())?;
        Deadline::parse(text, year).ok().map(|deadline| FoundDeadline { range, deadline })
    };
    // Phrases ending in 前, in text order: each can only overlap the last one kept.
    let mut before: Vec<FoundDeadline> = Vec::new();
    for (i, _) in folded.match_indices('前') {
        let end = i + '前'.len_utf8();
        let mut start = i;
        for w in ["之", "以"] {
            if folded.get(..start).is_some_and(|s| s.ends_with(w)) {
                start -= w.len();
            }
        }
        let head = folded.get(..start).unwrap_or("");
        let n: usize = head.chars().rev().take_while(|c| is_date_char(*c)).take(16).map(char::len_utf8).sum();
        if n == 0 {
            continue;
        }
        let mut s = start - n;
        // Do not start inside a figure that is not a date (2000年 is a date, 20个月 is not).
        while folded.get(s..start).is_some_and(|t| t.starts_with(['月', '日', '底', '至'])) {
            s += folded.get(s..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
        }
        let overlaps = before.last().is_some_and(|d| d.range.end > s);
        if s < start
            && !overlaps
            && let Some(d) = read(s..end)
        {
            before.push(d);
        }
    }
    // 年内, where no phrase above covers it (found by a search, so that a
    // list of 16 000 items each with a deadline stays linear).
    let mut within: Vec<FoundDeadline> = Vec::new();
    for (i, w) in folded.match_indices("年内") {
        let prev = folded.get(..i).and_then(|s| s.chars().next_back());
        let range = i..i + w.len();
        let k = before.partition_point(|d| d.range.start < range.end);
        let covered = k.checked_sub(1).and_then(|j| before.get(j)).is_some_and(|d| d.range.end > range.start);
        if !prev.is_some_and(|c| c.is_ascii_digit() || c == '今')
            && !covered
            && let Some(d) = read(range)
        {
            within.push(d);
        }
    }
    merge_by_start(before, within)
}

/// Merges two lists sorted by start into one.
fn merge_by_start(a: Vec<FoundDeadline>, b: Vec<FoundDeadline>) -> Vec<FoundDeadline> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| y.range.start < x.range.start) {
            out.push(y);
        }
        out.push(x);
    }
    out.extend(b);
    out
}

/// A phase heading's name and its timing words: 制定方案阶段(2021年2月底前).
pub(crate) fn phase_heading(folded: &str) -> Option<(Range<usize>, Range<usize>)> {
    let i = folded.find("阶段")?;
    let name = 0..i + "阶段".len();
    let rest = folded.get(name.end..)?;
    if !rest.starts_with('(') {
        return None;
    }
    let close = rest.find(')')?;
    Some((name.clone(), name.end + 1..name.end + close))
}

/// The reporting duty a folded sentence sets, if it sets one: a sentence with
/// 报 and due dates (分别于3月25日、7月5日前) or a frequency (每月).
pub(crate) fn reporting(sentence_folded: &str, verbatim: &str, year: i32) -> Option<ReportingRequirement> {
    if !sentence_folded.contains('报') {
        return None;
    }
    let frequency = if sentence_folded.contains("每月") {
        Some(Frequency::Monthly)
    } else if sentence_folded.contains("每季度") {
        Some(Frequency::Quarterly)
    } else if sentence_folded.contains("每半年") {
        Some(Frequency::HalfYearly)
    } else {
        None
    };
    let mut due = Vec::new();
    // Dates listed after 于: 2024年3月25日、7月5日、10月5日、12月5日前.
    if let Some(at) = sentence_folded.find('于') {
        let mut rest = sentence_folded.get(at + '于'.len_utf8()..).unwrap_or("");
        let mut y = year;
        loop {
            if let Some((d, used)) = date_at(rest) {
                y = chrono::Datelike::year(&d);
                due.push(Deadline::by(rest.get(..used).unwrap_or(""), d, crate::model::Precision::Day));
                rest = rest.get(used..).unwrap_or("");
            } else if let Some((d, used)) = month_day(rest, y) {
                due.push(Deadline::by(rest.get(..used).unwrap_or(""), d, crate::model::Precision::Day));
                rest = rest.get(used..).unwrap_or("");
            } else {
                break;
            }
            match rest.chars().next() {
                Some('、') => rest = rest.get('、'.len_utf8()..).unwrap_or(""),
                _ => break,
            }
        }
    }
    if due.is_empty() && frequency.is_none() {
        return None;
    }
    let mut r = ReportingRequirement {
        text: verbatim.to_owned(),
        content: None,
        reporters: Vec::new(),
        recipients: Vec::new(),
        due,
        frequency,
        channel: None,
        contacts: Vec::new(),
        extra: crate::model::Extra::new(),
    };
    if let (Some(a), Some(b)) = (sentence_folded.find("通过"), sentence_folded.find("系统")) {
        if a < b {
            r.channel = sentence_folded.get(a + "通过".len()..b + "系统".len()).map(str::to_owned);
        }
    } else if sentence_folded.contains("书面形式") {
        r.channel = Some("书面形式".to_owned());
    }
    Some(r)
}

/// Who reports and who receives, by name, from a folded reporting sentence:
/// 各县区各部门分别于…报市政府督查室和市财政局; 请各地区、各部门将…报送州政府办公室.
pub(crate) fn parties(sentence: &str) -> (Vec<String>, Vec<String>) {
    let s = sentence.trim_end_matches(['。', '.']);
    // Reporters open the clause that says when; recipients close the one that says 报.
    let last = s.rsplit_once([';', ',']).filter(|(_, last)| last.contains('报')).map_or(s, |(_, last)| last);
    let clause = s.split([';', ',']).find(|c| c.starts_with('各') || c.starts_with("请各")).unwrap_or("");
    let body = clause.strip_prefix('请').unwrap_or(clause);
    let mut reporters = Vec::new();
    let cut = ["分别于", "于", "必须", "要", "将"].iter().filter_map(|w| body.find(w)).min();
    if let Some(c) = cut
        && let Some(who) = body.get(..c)
        && who.starts_with('各')
        && (2..=12).contains(&who.chars().count())
    {
        reporters.push(who.to_owned());
    }
    let mut recipients = Vec::new();
    let at = ["报送至", "报送", "分别报", "报"].iter().find_map(|w| last.rfind(w).map(|i| i + w.len()));
    if let Some(at) = at {
        let rest = last.get(at..).unwrap_or("").trim_start_matches('至');
        for name in rest.split(['和', '、']) {
            let ok = (3..=15).contains(&name.chars().count())
                && ["室", "局", "厅", "办公室", "委", "办", "政府"].iter().any(|e| name.ends_with(e));
            if ok {
                recipients.push(name.to_owned());
            }
        }
    }
    (reporters, recipients)
}

/// 7月5日 in `year`.
fn month_day(s: &str, year: i32) -> Option<(chrono::NaiveDate, usize)> {
    let m_len = s.bytes().take_while(u8::is_ascii_digit).count();
    let m: u32 = s.get(..m_len)?.parse().ok()?;
    let rest = s.get(m_len..)?.strip_prefix('月')?;
    let d_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    let d: u32 = rest.get(..d_len)?.parse().ok()?;
    rest.get(d_len..)?.strip_prefix('日')?;
    let used = m_len + '月'.len_utf8() + d_len + '日'.len_utf8();
    Some((crate::json::date::ymd(year, m, d)?, used))
}

/// The steps of a plan cell, as source ranges: numbered steps
/// (`1.4月底前完成选址 2.8月底前开工`) split at their numbers, the numbers left
/// out (so 1.4月 is April, not 1.4), and each step split at `,` `;` into
/// clauses (`9月底竣工70%以上,10月底竣工90%以上`), so that every figure reads
/// with the date of its own clause. A cell without numbered steps is split
/// at `,` `;` only.
pub(crate) fn plan_steps(src: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = src.get(r.clone()).unwrap_or("");
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| cs.get(k).map(|p| p.1);
    let byte = |k: usize| cs.get(k).map_or(s.len(), |p| p.0);
    // Step markers: the next number standing after a space or a stop.
    let mut markers: Vec<(usize, usize)> = Vec::new(); // (char index, chars)
    let mut expected = 1u32;
    for k in 0..cs.len() {
        let before = k.checked_sub(1).and_then(at);
        let stands = before.is_none_or(|b| b.is_whitespace() || "，,；;。\u{3000}".contains(b));
        // At most three digits are looked at: a long run of digits costs no more.
        let digits = (k..cs.len()).take(3).take_while(|&i| at(i).is_some_and(|c| c.is_ascii_digit())).count();
        if !stands || digits == 0 || digits > 2 {
            continue;
        }
        let value: String = (k..k + digits).filter_map(at).collect();
        let sep = at(k + digits).is_some_and(|c| matches!(c, '.' | '．' | '、' | ')' | '）'));
        if sep
            && value.parse() == Ok(expected)
            && (expected > 1 || s.get(..byte(k)).is_some_and(|h| h.trim().is_empty()))
        {
            markers.push((k, digits + 1));
            expected += 1;
        }
    }
    let mut steps: Vec<Range<usize>> = Vec::new();
    if markers.is_empty() {
        steps.push(0..s.len());
    } else {
        for (i, (k, n)) in markers.iter().enumerate() {
            let end = markers.get(i + 1).map_or(s.len(), |m| byte(m.0));
            steps.push(byte(k + n)..end);
        }
    }
    let mut out = Vec::new();
    for step in steps {
        let text = s.get(step.clone()).unwrap_or("");
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (i, &(b, c)) in chars.iter().enumerate() {
            let digit = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|p| p.1.is_ascii_digit());
            // 1,000 is a number, not two clauses.
            let separates =
                matches!(c, '，' | '；' | ';') || c == ',' && !(digit(i.checked_sub(1)) && digit(Some(i + 1)));
            if separates {
                out.push(step.start + start..step.start + b);
                start = b + c.len_utf8();
            }
        }
        out.push(step.start + start..step.end);
    }
    out.into_iter()
        .filter_map(|x| {
            let t = s.get(x.clone())?;
            let lead = t.len() - t.trim_start().len();
            let body = t.trim();
            (!body.is_empty()).then(|| r.start + x.start + lead..r.start + x.start + lead + body.len())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Steps are pieces of the cell, in order, none overlapping.
        #[test]
        fn plan_steps_are_ordered_pieces_of_the_cell(s in "[0-9.、,;，；月底前完成竣工% 年]{0,40}") {
            let steps = plan_steps(&s, 0..s.len());
            for w in steps.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
            for r in steps {
                proptest::prop_assert!(s.get(r).is_some_and(|t| !t.trim().is_empty()));
            }
        }
    }

    #[test]
    fn plan_cells_split_into_dated_steps() {
        let src = "1.4月底前完成选址 2.8月底前开工 3.9月底竣工70%以上,10月底竣工90%以上,11月底100%竣工";
        let steps: Vec<&str> = plan_steps(src, 0..src.len()).into_iter().map(|r| &src[r]).collect();
        assert_eq!(
            steps,
            ["4月底前完成选址", "8月底前开工", "9月底竣工70%以上", "10月底竣工90%以上", "11月底100%竣工"]
        );
        let dated = "2021.8";
        let whole: Vec<&str> = plan_steps(dated, 0..dated.len()).into_iter().map(|r| &dated[r]).collect();
        assert_eq!(whole, ["2021.8"]);
        let money = "投资1,000万元;年底前完工";
        let parts: Vec<&str> = plan_steps(money, 0..money.len()).into_iter().map(|r| &money[r]).collect();
        assert_eq!(parts, ["投资1,000万元", "年底前完工"]);
    }
    use crate::import::text::fold_str;
    use chrono::NaiveDate;

    #[test]
    fn deadlines_in_text() {
        let t = fold_str("确保年底前全市1284个建制村设置率达到50%以上,于 3 月 22 日前报送,10月底之前必须开工建设");
        let found = deadlines(&t, 2024);
        let texts: Vec<&str> = found.iter().map(|d| &t[d.range.clone()]).collect();
        assert_eq!(texts, ["年底前", "3月22日前", "10月底之前"]);
        assert_eq!(found[1].deadline.date, NaiveDate::from_ymd_opt(2024, 3, 22).unwrap());
        assert!(deadlines(&fold_str("完成20个村"), 2021).is_empty());
    }

    #[test]
    fn reporting_dates_and_frequency() {
        let s = fold_str(
            "各县区各部门分别于 2024 年 3 月 25 日、7 月 5 日、10 月 5 日、12 月 5 日前将工作进展情况以书面形式分别报市政府督查室。",
        );
        let r = reporting(&s, "x", 2024).unwrap();
        assert_eq!(r.due.len(), 4);
        assert_eq!(r.due[3].date, NaiveDate::from_ymd_opt(2024, 12, 5).unwrap());
        assert_eq!(r.channel.as_deref(), Some("书面形式"));
        let s = fold_str("各牵头部门必须每月对工作推进情况进行分析研判,并报州政府督查室。");
        assert_eq!(reporting(&s, "x", 2021).unwrap().frequency, Some(Frequency::Monthly));
        assert!(reporting(&fold_str("各地区要提高站位。"), "x", 2021).is_none());
    }

    #[test]
    fn reporting_parties() {
        let (from, to) = parties(&fold_str(
            "各县区各部门分别于 2024 年 3 月 25 日前将工作进展情况以书面形式分别报市政府督查室和市财政局。",
        ));
        assert_eq!(
            (from, to),
            (vec!["各县区各部门".to_owned()], vec!["市政府督查室".to_owned(), "市财政局".to_owned()])
        );
        let (from, to) =
            parties(&fold_str("请各地区、各部门将书面材料,于2020年12月21日前通过“710”政务督办系统报送州政府办公室。"));
        assert_eq!((from, to), (vec!["各地区、各部门".to_owned()], vec!["州政府办公室".to_owned()]));
    }

    #[test]
    fn phase_headings() {
        let t = fold_str("制定方案阶段(2021年2月底前)。各牵头部门要制定方案。");
        let (name, timing) = phase_heading(&t).unwrap();
        assert_eq!(&t[name], "制定方案阶段");
        assert_eq!(&t[timing], "2021年2月底前");
    }
}
