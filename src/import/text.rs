//! Real text as it comes: lines with their byte offsets (BOM, CRLF, lone CR),
//! page furniture, and a folded copy for matching that maps back to the
//! caller's bytes.
//!
//! Folding (full-width to half-width, traditional to simplified, spaces
//! dropped) is for *matching only*: what the programme keeps (descriptions,
//! clauses, titles) is always cut from the original text.

use std::ops::Range;

/// One line of the source: its text without the line break, where it starts,
/// and its 1-based number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The line's text, without its terminator.
    pub text: &'a str,
    /// Byte offset of the first byte of `text` in the source.
    pub start: usize,
    /// 1-based line number.
    pub number: u32,
}

impl Line<'_> {
    /// The line's byte range in the source.
    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// Splits `src` into lines: `\n`, `\r\n` and a lone `\r` all end a line; a
/// leading byte-order mark is skipped (offsets still count it).
pub(crate) fn lines(src: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = if src.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let bytes = src.as_bytes();
    let mut i = start;
    let mut number = 1u32;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'\n') => {
                out.push(Line { text: src.get(start..i).unwrap_or(""), start, number });
                number = number.saturating_add(1);
                i += 1;
                start = i;
            }
            Some(b'\r') => {
                out.push(Line { text: src.get(start..i).unwrap_or(""), start, number });
                number = number.saturating_add(1);
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Line { text: src.get(start..).unwrap_or(""), start, number });
    }
    out
}

/// Words that only a web page's frame prints: navigation, QR-code prompts,
/// print buttons, the site's watermark. A line that is one of these (or
/// starts with one of the prefixes) is furniture, not the notice.
const FURNITURE: &[&str] =
    &["首页", "图解", "扫一扫", "打印", "关闭", "打印本页", "关闭窗口", "【打印】", "【关闭】", "返回顶部", "分享到"];
const FURNITURE_PREFIX: &[&str] =
    &["您当前所在的位置", "当前位置", "图解《", "扫一扫在手机", "【字体", "字号:", "沐鸣"];

/// `true` when the line is page furniture (首页, 图解…, 扫一扫…) or a page
/// number a PDF's text keeps between lines (`― 23 ―`, `23 ―`, `- 5 -`,
/// `第3页`, `3/12`).
pub(crate) fn is_furniture(line: &str) -> bool {
    let t = fold_str(line);
    !t.is_empty()
        && (FURNITURE.contains(&t.as_str())
            || FURNITURE_PREFIX.iter().any(|p| t.starts_with(&fold_str(p)))
            || is_page_number(&t))
}

/// `true` for a folded line that is only a page number: digits between
/// dashes (either may be missing, not both: a bare number is a table cell),
/// 第N页, N/M.
fn is_page_number(t: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '―' | '—' | '–' | '－');
    let inner = t.trim_start_matches(dash);
    let led = inner.len() < t.len();
    let core = inner.trim_end_matches(dash);
    let trailed = core.len() < inner.len();
    let digits =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    if digits(core) {
        return led || trailed;
    }
    if let Some(n) = t.strip_prefix('第').and_then(|r| r.strip_suffix('页')) {
        return digits(n);
    }
    t.split_once('/').is_some_and(|(a, b)| digits(a) && digits(b) && !t.contains('.'))
}

/// Folds one character for matching: full-width ASCII forms to ASCII, the
/// ideographic space to a space, Chinese full-width punctuation that has an
/// ASCII twin (（）：，；．) to it, and traditional characters to simplified.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{3000}' | '\u{a0}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '｡' => '。',
        _ => crate::parse::simplified(c),
    }
}

/// `true` for the spaces that real text strews inside names and numbers,
/// and for the format characters that print as nothing (zero-width space,
/// direction marks, the byte-order mark): names that differ only by them are
/// one name.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || crate::parse::is_format(c)
}

/// The folded form of `s`, spaces and pinyin glosses dropped.
pub(crate) fn fold_str(s: &str) -> String {
    let mut glosses = crate::parse::Glosses::of(s);
    s.char_indices().filter(|(i, _)| !glosses.holds(*i)).map(|(_, c)| fold(c)).filter(|c| !is_space(*c)).collect()
}

/// A unit's or person's name as a reader writes it: the source's
/// characters without spaces, format characters or pinyin glosses.
pub(crate) fn name_of(s: &str) -> String {
    crate::parse::bare(s, is_space)
}

/// A piece of the source (possibly several line segments joined without
/// their line breaks), folded for matching, with a map from every byte of the
/// folded text back to the source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folded {
    /// The folded text.
    pub text: String,
    /// `starts[i]` / `ends[i]`: the source range of the character that
    /// folded byte `i` belongs to.
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Folded {
    /// Folds the source segments `segments` of `src`, in order (spaces and
    /// pinyin glosses dropped).
    pub(crate) fn new(src: &str, segments: &[Range<usize>]) -> Self {
        Self::mapped(src, segments, true, |c| Some(fold(c)).filter(|f| !is_space(*f)))
    }

    /// The segments joined verbatim: nothing folded, nothing dropped (the
    /// text a description keeps), with the same map back to the source.
    pub(crate) fn verbatim(src: &str, segments: &[Range<usize>]) -> Self {
        Self::mapped(src, segments, false, Some)
    }

    /// The segments joined verbatim, as [`verbatim`](Self::verbatim), but
    /// with a space (mapped to the end of the segment before it) where a
    /// line break parts a number from a number: cells of a table broken
    /// over lines (`1610000` / `450000`) stay two numbers, while a figure
    /// broken after its decimal point (`6282616.` / `5`) or before its unit
    /// (`2.8` / `万人`) is joined again.
    pub(crate) fn verbatim_cells(src: &str, segments: &[Range<usize>]) -> Self {
        let mut out = Self::default();
        let mut prev_end: Option<(usize, char)> = None;
        for seg in segments {
            let Some(piece) = src.get(seg.clone()) else { continue };
            if let (Some((at, last)), Some(first)) = (prev_end, piece.chars().next())
                && last.is_ascii_digit()
                && first.is_ascii_digit()
            {
                out.starts.push(at);
                out.ends.push(at);
                out.text.push(' ');
            }
            let part = Self::verbatim(src, std::slice::from_ref(seg));
            out.text.push_str(&part.text);
            out.starts.extend(part.starts);
            out.ends.extend(part.ends);
            prev_end = piece.chars().next_back().map(|c| (seg.end, c));
        }
        out
    }

    /// Joins the segments with each character mapped (or dropped by `None`),
    /// glosses dropped with `skip_glosses`, keeping for every output byte
    /// the source range of its character.
    fn mapped(src: &str, segments: &[Range<usize>], skip_glosses: bool, map: impl Fn(char) -> Option<char>) -> Self {
        let mut out = Self::default();
        for seg in segments {
            let Some(piece) = src.get(seg.clone()) else { continue };
            let mut glosses = crate::parse::Glosses::of(if skip_glosses { piece } else { "" });
            for (b, c) in piece.char_indices() {
                if glosses.holds(b) {
                    continue;
                }
                let Some(f) = map(c) else { continue };
                let at = seg.start + b;
                for _ in 0..f.len_utf8() {
                    out.starts.push(at);
                    out.ends.push(at + c.len_utf8());
                }
                out.text.push(f);
            }
        }
        out
    }

    /// The source offset where folded byte `i` starts (the end of the text
    /// for `i` past it).
    pub(crate) fn orig(&self, i: usize) -> usize {
        match self.starts.get(i) {
            Some(&at) => at,
            None => self.ends.last().copied().unwrap_or(0),
        }
    }

    /// The folded range covering the source range `o` (the inverse of
    /// [`orig_range`](Self::orig_range)).
    pub(crate) fn local(&self, o: &Range<usize>) -> Range<usize> {
        let start = self.starts.partition_point(|&s| s < o.start);
        let end = self.starts.partition_point(|&s| s < o.end);
        start..end.max(start)
    }

    /// The source range of the folded range `r`: from the start of its first
    /// character to the end of its last.
    pub(crate) fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.orig(r.start);
        if r.end <= r.start {
            return start..start;
        }
        let end = r.end.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or(start);
        start..end.max(start)
    }
}

/// The money unit a table's header gives its bare numbers (`单位:万元`,
/// `计划筹措资金(万元)`): how many 元 one of them is. `None` when no line of
/// `src` declares one.
pub(crate) fn header_money_unit(lines: &[Line<'_>]) -> Option<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    lines.iter().find_map(|l| {
        let f = fold_str(l.text);
        [("万元", Decimal::from(10_000)), ("亿元", Decimal::from(100_000_000)), ("元", Decimal::ONE)]
            .into_iter()
            .find(|(w, _)| f.contains(&format!("单位:{w}")) || f.contains(&format!("({w})")))
            .map(|(_, factor)| factor)
    })
}

/// The table cells a line of a table flattened into running text opens
/// with (`760000 570000`, `190000 按规定为…`): bare numbers parted by spaces,
/// two or more, or one when the line before opened with cells too
/// (`after_cells`). A number followed by a magnitude or a unit word is a
/// figure of the text (`1050 万户`), not a cell, and ends the run; so does
/// one followed by a dash or other punctuation (`0 ―`). A 4-digit year
/// that ends the whole text is the cut-off start of a header (`2019` of
/// `2019 年目标任务`). Byte ranges in `line`.
pub(crate) fn leading_cells(line: &str, after_cells: bool, ends_text: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = line.len() - line.trim_start_matches(is_space).len();
    loop {
        let rest = line.get(i..).unwrap_or("");
        let n = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        if n == 0 || !rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            break;
        }
        let after = rest.get(n..).unwrap_or("");
        let gap = after.len() - after.trim_start_matches(is_space).len();
        let next = after.get(gap..).and_then(|a| a.chars().next());
        let cell_ends = match next {
            None => true,
            Some(c) if c.is_ascii_digit() => gap > 0,
            Some(c) => gap > 0 && crate::parse::is_cjk(c) && !"万亿千百十年月日号个名人户所元".contains(c),
        };
        if !cell_ends {
            break;
        }
        let token = rest.get(..n).unwrap_or("");
        let year_cut = ends_text && next.is_none() && token.len() == 4 && token.starts_with(['1', '2']);
        if token.trim_matches('0').is_empty() || token.ends_with('.') || year_cut {
            break;
        }
        out.push(i..i + n);
        i += n + gap;
        if next.is_none_or(|c| !c.is_ascii_digit()) {
            break;
        }
    }
    if out.len() >= 2 || after_cells { out } else { Vec::new() }
}

/// Removes source whitespace from both ends of `r`.
pub(crate) fn trim_range(src: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = src.get(r.clone()) else { return r };
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    let start = r.start + lead;
    let end = (r.end - trail).max(start);
    start..end
}

/// The parts of `segments` that lie inside the source range `r`.
pub(crate) fn restrict(segments: &[Range<usize>], r: &Range<usize>) -> Vec<Range<usize>> {
    segments.iter().map(|s| s.start.max(r.start)..s.end.min(r.end)).filter(|s| s.start < s.end).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_handle_bom_crlf_and_lone_cr() {
        let src = "\u{feff}一\r\n二\r三\n\n四";
        let ls = lines(src);
        let texts: Vec<&str> = ls.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["一", "二", "三", "", "四"]);
        for l in &ls {
            assert_eq!(&src[l.range()], l.text);
        }
        assert_eq!(ls[0].start, 3);
        assert_eq!(ls[4].number, 5);
    }

    #[test]
    fn folding_maps_back_to_the_source() {
        let src = "（省教育厅 牵头，省妇聯配合）";
        let whole = std::iter::once(0..src.len()).collect::<Vec<_>>();
        let f = Folded::new(src, &whole);
        assert_eq!(f.text, "(省教育厅牵头,省妇联配合)");
        let at = f.text.find("牵头").unwrap();
        let r = f.orig_range(at..at + "牵头".len());
        assert_eq!(&src[r], "牵头");
        let at = f.text.find("省妇联").unwrap();
        let r = f.orig_range(at..at + "省妇联".len());
        assert_eq!(&src[r], "省妇聯");
    }

    #[test]
    fn folding_joins_a_name_broken_across_lines() {
        let src = "（市住房城乡建设\n\n局牵头）";
        let a = 0..src.find('\n').unwrap();
        let b = src.rfind('局').unwrap()..src.len();
        let f = Folded::new(src, &[a, b]);
        assert_eq!(f.text, "(市住房城乡建设局牵头)");
        let at = f.text.find("建设局").unwrap();
        let r = f.orig_range(at..at + "建设局".len());
        assert_eq!(&src[r], "建设\n\n局");
    }

    proptest::proptest! {
        /// Every folded range maps back to source text that folds to it.
        #[test]
        fn folded_ranges_map_back(src in "[ 　a-zＡ-Ｚ0-9０-９（）：，省縣区局牵头\n]{0,40}") {
            let segs: Vec<Range<usize>> = lines(&src).iter().map(Line::range).collect();
            let f = Folded::new(&src, &segs);
            let bounds: Vec<usize> = f.text.char_indices().map(|(b, _)| b).chain([f.text.len()]).collect();
            for (k, &i) in bounds.iter().enumerate() {
                for &j in bounds.iter().skip(k + 1) {
                    let r = f.orig_range(i..j);
                    proptest::prop_assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
                    proptest::prop_assert_eq!(fold_str(&src[r.clone()]), &f.text[i..j]);
                    proptest::prop_assert_eq!(f.local(&r), i..j);
                }
            }
        }
    }

    #[test]
    fn cells_open_lines_of_a_flattened_table() {
        let at = |line: &str, after: bool| -> Vec<String> {
            leading_cells(line, after, false).into_iter().map(|r| line[r].to_owned()).collect()
        };
        assert_eq!(at("760000 570000", false), ["760000", "570000"]);
        assert_eq!(at("190000 按规定为参保人员缴费", true), ["190000"]);
        assert!(at("190000 按规定为参保人员缴费", false).is_empty(), "one number alone is no row");
        assert!(at("1050 万户农户", true).is_empty(), "a figure with its magnitude");
        assert!(at("0 ―", true).is_empty());
        assert!(at("新建学校 2所", true).is_empty());
        assert_eq!(leading_cells("6067 2019", true, true).len(), 1, "a cut-off year");
        assert_eq!(at("6067 2019", true).len(), 2);
    }

    #[test]
    fn furniture_is_recognised() {
        for l in ["首页", " 图解 ", "扫一扫在手机打开当前页", "图解《楚雄州2021年方案》", "您当前所在的位置: 首页"]
        {
            assert!(is_furniture(l), "{l}");
        }
        for l in ["― 23 ―", "23 ―", "- 5 -", "第3页", "3/12"] {
            assert!(is_furniture(l), "{l}");
        }
        for l in ["(一)就业促进工程。", "首页面改版工程", "", "760000", "2019", "16/10万", "0 ―"] {
            assert!(!is_furniture(l), "{l}");
        }
    }
}
