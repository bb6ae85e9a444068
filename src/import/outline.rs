//! The notice's outline: numbered lines at every level (一、, (一), 1., 1、,
//! (1), ①) arranged into a tree by the order their styles first appear, with
//! unnumbered lines attached to the item they continue; and running points
//! (一是…二是…) inside one item.

use std::ops::Range;

use crate::model::{NumberSegment, NumberStyle};

use super::text::{Folded, Line, fold, is_furniture, is_space};

/// A number at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Its value and style.
    pub seg: NumberSegment,
    /// Byte length of the marker (and the spaces after it) within the line.
    pub len: usize,
}

fn chinese_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

fn circled(c: char) -> Option<u32> {
    let v = c as u32;
    match v {
        0x2460..=0x2473 => Some(v - 0x2460 + 1),
        _ => None,
    }
}

/// Reads the number a line starts with, if it starts with one.
pub(crate) fn marker(line: &str) -> Option<Marker> {
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let rest = line.get(lead..)?;
    // Format characters (a zero-width space after the number) are read past.
    let cs: Vec<(usize, char)> =
        rest.char_indices().filter(|(_, c)| !crate::parse::is_format(*c)).map(|(b, c)| (b, fold(c))).take(12).collect();
    let at = |i: usize| cs.get(i).map(|p| p.1);
    let byte = |i: usize| cs.get(i).map_or(rest.len(), |p| p.0);
    let (value, style, end) = match at(0)? {
        '(' => {
            let close = (1..6).find(|&i| at(i) == Some(')'))?;
            let inner: String = cs.get(1..close)?.iter().map(|p| p.1).collect();
            if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
                (inner.parse().ok()?, NumberStyle::ParenArabic, close + 1)
            } else {
                (crate::model::number::chinese_value(&inner)?, NumberStyle::ParenChinese, close + 1)
            }
        }
        c if circled(c).is_some() => (circled(c)?, NumberStyle::Circled, 1),
        c if c.is_ascii_digit() => {
            // Up to six digits: lists run past 99 (a notice of 105 tasks, a
            // generated one of 10 000); a year is no number because a figure
            // or 年 follows it, not a separator and text.
            let n = (0..8).take_while(|&i| at(i).is_some_and(|c| c.is_ascii_digit())).count();
            if n > 6 {
                return None;
            }
            let mut k = n;
            while at(k).is_some_and(is_space) {
                k += 1;
            }
            // 1. 1、 and, in some reprints, 1。 (a full stop after the number).
            if !matches!(at(k), Some('.' | '、' | '．' | '。')) {
                return None;
            }
            // 2.9亿元 is a figure, not a number: the separator must not lead into digits.
            if at(k + 1).is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            let digits: String = cs.get(..n)?.iter().map(|p| p.1).collect();
            (digits.parse().ok()?, NumberStyle::Arabic, k + 1)
        }
        c if chinese_digit(c) => {
            let n = (0..3).take_while(|&i| at(i).is_some_and(chinese_digit)).count();
            // 一、 and, in some reprints, 一. or 一．(folded to .) before text.
            let dotted = at(n) == Some('.') && at(n + 1).is_some_and(|c| !c.is_ascii_digit());
            if at(n) != Some('、') && !dotted {
                return None;
            }
            let digits: String = cs.get(..n)?.iter().map(|p| p.1).collect();
            (crate::model::number::chinese_value(&digits)?, NumberStyle::Chinese, n + 1)
        }
        _ => return None,
    };
    if value == 0 {
        return None;
    }
    let mut len = lead + byte(end);
    len += line.get(len..)?.len() - line.get(len..)?.trim_start_matches(is_space).len();
    Some(Marker { seg: NumberSegment { value, style }, len })
}

/// One item of the outline and what it holds.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Its number; `None` for an item the notice does not number (a line
    /// of a bare list, a headed paragraph).
    pub seg: Option<NumberSegment>,
    /// The line it starts on.
    pub line: u32,
    /// Source range of its number.
    pub marker: Range<usize>,
    /// Source ranges of its own text: the rest of its line and the lines
    /// that continue it.
    pub content: Vec<Range<usize>>,
    /// Lines after its text was complete (closed by a responsibility
    /// clause) and before the next number: not part of the item.
    pub tail: Vec<(u32, Range<usize>)>,
    /// The items numbered below it.
    pub children: Vec<Node>,
}

/// The notice split at its first top-level number.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// Lines before the first numbered line (header and preamble), furniture excluded.
    pub head: Vec<(u32, Range<usize>)>,
    /// The numbered items at the top level.
    pub roots: Vec<Node>,
    /// Furniture lines, skipped.
    pub furniture: Vec<(u32, Range<usize>)>,
}

/// How many characters a remark after a clause may have (该件实事已全面完成).
const REMARK_CHARS: usize = 12;

/// `folded` without a short remark after its last closing parenthesis
/// (`…(责任单位:市水务局)该件实事已全面完成`): no figure, no bracket, no
/// sentence inside it. The text unchanged when there is none.
fn without_remark(folded: &str) -> &str {
    let t = folded.trim_end_matches(['。', '.', ';', ',']);
    let Some(close) = t.rfind(')') else { return folded };
    let remark = t.get(close + 1..).unwrap_or("");
    let n = remark.chars().count();
    if n == 0 || n > REMARK_CHARS || remark.chars().any(|c| c.is_ascii_digit() || "()。,;:".contains(c)) {
        return folded;
    }
    t.get(..close + 1).unwrap_or(folded)
}

/// The responsibility clause of an item's first line (folded), when the
/// line closes with one, a short remark after it allowed: the heading of a
/// heading-and-body item (`一、减免保教费(责任单位:县教育局)` with its body
/// below), or a restated task with its status (`…(责任单位:X)该件实事已全面完成`).
pub(crate) fn heading_clause(first_line: &str) -> Option<Range<usize>> {
    super::clause::locate(without_remark(first_line))
}

/// `true` when the folded text ends with a responsibility clause in
/// parentheses (a short remark after it allowed), so that the lines after
/// it do not continue the item.
pub(crate) fn ends_with_clause(folded: &str) -> bool {
    let t = without_remark(folded).trim_end_matches(['。', '.', ';', ';']);
    (t.ends_with(')') || t.ends_with("牵头单位)"))
        && t.rfind('(')
            .and_then(|i| t.get(i..))
            .is_some_and(|g| ["牵头", "配合", "责任单位", "负责", "牵头部门"].iter().any(|k| g.contains(k)))
}

/// Words a line may open with after 一 that make the 一 part of a word,
/// not a number glued to a heading (一是, 一批, 一体化, 一般…).
const NOT_GLUED_AFTER_ONE: &str = "是批些次年月项件期届流级类种体般律直定起同切系个份把道方";

/// A number run straight into a short heading with no separator
/// (`1全面落实…保险`, `一教育方面`): the value, its style and the byte
/// length of the digits. Only the reading of one line: whether it is a
/// number at all is decided by [`glued_markers`] from the sequence.
fn glued(line: &str) -> Option<(u32, NumberStyle, usize)> {
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let rest = line.get(lead..)?;
    let folded = super::text::fold_str(rest);
    let n = folded.chars().count();
    // A heading: short, one sentence at most, no clause of figures.
    if !(3..=40).contains(&n) || folded.trim_end_matches(['。', '.']).contains(['。', ',', ';', ':']) {
        return None;
    }
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let (value, style, len) = if digits.is_empty() {
        let zh: String = rest.chars().take_while(|c| chinese_digit(*c)).take(3).collect();
        (crate::model::number::chinese_value(&zh)?, NumberStyle::Chinese, zh.len())
    } else if digits.len() <= 2 {
        (digits.parse().ok()?, NumberStyle::Arabic, digits.len())
    } else {
        return None;
    };
    // A space may stand between the number and its heading (`一 教育方面`, `1 全面落实…`).
    let after = rest.get(len..)?;
    let len = len + after.len() - after.trim_start_matches(is_space).len();
    let next = rest.get(len..)?.chars().next()?;
    if !crate::parse::is_cjk(next) || chinese_digit(next) || (value == 1 && NOT_GLUED_AFTER_ONE.contains(next)) {
        return None;
    }
    // 2023年…, 6万人…: a figure or a date, not a number.
    if style == NumberStyle::Arabic && crate::parse::parse_targets(rest).first().is_some_and(|t| t.span.start == 0) {
        return None;
    }
    if "年月日号万亿千百元个名人户所项件次".contains(next) {
        return None;
    }
    Some((value, style, lead + len))
}

/// The numbers glued to their headings that the text uses as its list:
/// lines whose [`glued`] readings run 1, 2, 3… in one style (at least two),
/// in a text whose lines of that style carry no separated numbers.
fn glued_markers(lines: &[Line<'_>]) -> Vec<Option<Marker>> {
    let mut out: Vec<Option<Marker>> = vec![None; lines.len()];
    for style in [NumberStyle::Arabic, NumberStyle::Chinese] {
        if lines.iter().any(|l| marker(l.text).is_some_and(|m| m.seg.style == style)) {
            continue;
        }
        let mut run: Vec<(usize, u32, usize)> = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            let Some((value, s, len)) = glued(l.text) else { continue };
            if s != style {
                continue;
            }
            let want = run.last().map_or(1, |r| r.1 + 1);
            if value == want {
                run.push((k, value, len));
            }
        }
        if run.len() >= 2 {
            for (k, value, len) in run {
                if let Some(slot) = out.get_mut(k) {
                    *slot = Some(Marker { seg: NumberSegment { value, style }, len });
                }
            }
        }
    }
    out
}

/// Builds the outline of `lines`.
pub(crate) fn outline(src: &str, lines: &[Line<'_>]) -> Outline {
    let mut out = Outline::default();
    let glued = glued_markers(lines);
    let marker_of = |k: usize, l: &Line<'_>| marker(l.text).or_else(|| glued.get(k).copied().flatten());
    // The body starts at the first numbered line: a notice need not open
    // its list with 一、主要任务 (the list may be (一)… or 1.… straight away).
    let first = lines.iter().enumerate().position(|(k, l)| marker_of(k, l).is_some()).unwrap_or(lines.len());
    let running = RunningLines::of(&lines[..first]);
    let mut stack: Vec<Node> = Vec::new();
    let mut seen: Vec<NumberStyle> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.text.trim_matches(is_space).is_empty() {
            continue;
        }
        let repeated = k > first && marker_of(k, l).is_none() && running.repeats(l.text);
        if is_furniture(l.text) || repeated {
            out.furniture.push((l.number, l.range()));
            continue;
        }
        if k < first {
            out.head.push((l.number, l.range()));
            continue;
        }
        match marker_of(k, l) {
            Some(m) => push_numbered(&mut stack, &mut seen, &mut out.roots, l, m),
            None if is_group_heading(l.text) && !stack.is_empty() => {
                // 交通出行方面 between numbered items: an unnumbered heading
                // of the items after it.
                collapse(&mut stack, 0, &mut out.roots);
                stack.push(Node {
                    seg: None,
                    line: l.number,
                    marker: l.start..l.start,
                    content: vec![l.range()],
                    tail: Vec::new(),
                    children: Vec::new(),
                });
            }
            None => {
                if let Some(top) = stack.last_mut() {
                    continue_item(src, top, l);
                }
            }
        }
    }
    collapse(&mut stack, 0, &mut out.roots);
    out
}

/// Lines of the header long enough to be a table's header row or a page's
/// running title: repeated in the body (after a page break of a PDF), they
/// are furniture.
struct RunningLines {
    lines: std::collections::HashSet<String>,
    /// Those that name a table's columns, for a header row cut short.
    header_rows: Vec<String>,
}

impl RunningLines {
    fn of(head: &[Line<'_>]) -> Self {
        let lines: std::collections::HashSet<String> = head
            .iter()
            .map(|l| super::text::fold_str(l.text))
            .filter(|f| f.chars().count() >= 8 && !f.contains('。'))
            .collect();
        let header_rows = lines
            .iter()
            .filter(|f| super::layout::HEADER_WORDS.iter().any(|w| f.contains(w)))
            .take(20)
            .cloned()
            .collect();
        RunningLines { lines, header_rows }
    }

    /// Whether `text` repeats one of them, whole or cut short (…牵头单位备注
    /// of …牵头单位备注合计6282616.).
    fn repeats(&self, text: &str) -> bool {
        let f = super::text::fold_str(text);
        self.lines.contains(&f)
            || (f.chars().count() >= 8 && self.header_rows.iter().any(|h| h.starts_with(f.as_str())))
    }
}

/// Opens a numbered item: closes the open items of its style (its earlier
/// siblings and their children) and pushes it.
fn push_numbered(stack: &mut Vec<Node>, seen: &mut Vec<NumberStyle>, roots: &mut Vec<Node>, l: &Line<'_>, m: Marker) {
    let node = Node {
        seg: Some(m.seg),
        line: l.number,
        marker: l.start..l.start + m.len,
        content: std::iter::once(l.start + m.len..l.start + l.text.len()).collect(),
        tail: Vec::new(),
        children: Vec::new(),
    };
    if let Some(p) = stack.iter().position(|n| n.seg.is_some_and(|s| s.style == m.seg.style)) {
        collapse(stack, p, roots);
    } else if m.seg.style == NumberStyle::Chinese && m.seg.value > 1 && !seen.contains(&m.seg.style) {
        // 二、工作要求 after a list (一)…(十) with no 一、 above
        // it: the notice's parts are numbered 一、, so a first
        // 二、 resumes the top level rather than nesting.
        collapse(stack, 0, roots);
    }
    if !seen.contains(&m.seg.style) {
        seen.push(m.seg.style);
    }
    stack.push(node);
}

/// An unnumbered line after an item: more of its text, or — once the item
/// closed with its clause, labels or a contact line — its tail.
fn continue_item(src: &str, top: &mut Node, l: &Line<'_>) {
    // Only the end matters: fold the last two lines, not the whole
    // item, so long items stay linear.
    let from = top.content.len().saturating_sub(2);
    let end = top.content.get(from..).unwrap_or(&[]);
    let by_clause = ends_with_clause(&Folded::new(src, end).text);
    let closed = !top.tail.is_empty()
        || (by_clause && !opens_body(src, &top.content, l.range()))
        || (ends_with_labels(src, end) && is_sentence(src, l.range()) && !is_label_line(src, l.range()))
        || (top.content.len() >= 2
            && closes_with_clause_line(src, end, is_long_sentence(src, l.range()))
            && !is_label_line(src, l.range()))
        || is_contact_line(l.text);
    if closed {
        top.tail.push((l.number, l.range()));
    } else {
        top.content.push(l.range());
    }
}

/// `true` when `line` is the body of a heading that closes with its clause
/// (`一、减免保教费(责任单位:县教育局)` then `计划安排资金70万元,…`): the
/// heading alone so far, without figures of its own, and a line with figures
/// after it. A heading that restates its figures (`1.减少…6.76万人(责任单位:…)`)
/// is a whole task, and what follows it (此项工作已完成…) is not its.
fn opens_body(src: &str, content: &[Range<usize>], line: Range<usize>) -> bool {
    let [heading] = content else { return false };
    let f = super::text::fold_str(src.get(heading.clone()).unwrap_or(""));
    let before = heading_clause(&f).map_or(f.as_str(), |r| f.get(..r.start).unwrap_or(""));
    crate::parse::parse_targets(before).is_empty()
        && !crate::parse::parse_targets(src.get(line).unwrap_or("")).is_empty()
}

/// `true` when a line opens with a responsibility label and its colon
/// (牵头单位:…, 主要责任单位:…, 完成时限:…).
fn is_label_line(src: &str, r: Range<usize>) -> bool {
    let f = super::text::fold_str(src.get(r).unwrap_or(""));
    super::clause::labels(&f, 0..f.len(), false).first().is_some_and(|l| l.words.start == 0)
}

/// `true` when the last of `end` (an item's last lines) is a line of its
/// own naming who is responsible (主要责任单位:省民政厅,相关责任单位有…。),
/// finished by a full stop: what follows it and is not another such line
/// (a reporter's commentary, a quoted speech) is not the item's text.
fn closes_with_clause_line(src: &str, end: &[Range<usize>], long_sentence_after: bool) -> bool {
    let Some(last) = end.last() else { return false };
    let f = super::text::fold_str(src.get(last.clone()).unwrap_or(""));
    let roles = super::clause::labels(&f, 0..f.len(), false);
    roles.first().is_some_and(|l| l.words.start == 0)
        && roles.iter().all(|l| !matches!(l.part, super::clause::Part::Field))
        && (f.ends_with('。') || long_sentence_after)
}

/// `true` for a line of prose of its own (a sentence of twenty characters
/// or more, closed by a full stop): after a clause line without its full
/// stop it is commentary, not the rest of a unit's name broken over lines.
fn is_long_sentence(src: &str, r: Range<usize>) -> bool {
    let f = super::text::fold_str(src.get(r).unwrap_or(""));
    f.chars().count() >= 20 && f.ends_with(['。', '!', '?'])
}

/// `true` when the last of `end` closes with labelled lists naming who
/// is responsible (`…2000个。牵头单位:市城管局`), no field among them.
fn ends_with_labels(src: &str, end: &[Range<usize>]) -> bool {
    let Some(last) = end.last() else { return false };
    let f = super::text::fold_str(src.get(last.clone()).unwrap_or(""));
    super::clause::locate(&f).is_some_and(|r| {
        let labels = super::clause::labels(&f, r.clone(), false);
        !f.get(r).is_some_and(|c| c.starts_with('('))
            && !labels.is_empty()
            && labels.iter().all(|l| !matches!(l.part, super::clause::Part::Field))
    })
}

/// Words a line of contact details opens with (联系电话:6239325).
const CONTACT_WORDS: &[&str] =
    &["联系电话", "电话", "联系人", "联系方式", "电子邮箱", "邮箱", "传真", "通讯地址", "地址", "邮编"];

/// `true` for a line of contact details after a list: not the last item's text.
fn is_contact_line(line: &str) -> bool {
    let f = super::text::fold_str(line);
    CONTACT_WORDS.iter().any(|w| f.strip_prefix(w).is_some_and(|r| r.starts_with(':')))
}

/// `true` when a line is a whole sentence (特此通告。), not the rest of a
/// name broken over lines (局).
fn is_sentence(src: &str, r: Range<usize>) -> bool {
    let f = super::text::fold_str(src.get(r).unwrap_or(""));
    f.chars().count() >= 4 && f.ends_with(['。', '!', '?'])
}

/// `true` for a short line that heads a group of items without a number:
/// 交通出行方面, 关键词 教育.
fn is_group_heading(line: &str) -> bool {
    let f = super::text::fold_str(line);
    let n = f.chars().count();
    (2..=12).contains(&n)
        && !f.contains(['。', ',', ';', ':', '(', ')'])
        && (f.ends_with("方面") || f.ends_with("领域") || f.starts_with("关键词"))
}

/// Pops the stack down to `len` items, attaching each to its parent.
fn collapse(stack: &mut Vec<Node>, len: usize, roots: &mut Vec<Node>) {
    while stack.len() > len {
        let Some(node) = stack.pop() else { break };
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    }
}

/// Words in a line that say it is page or article furniture rather than
/// an item of a list (责任编辑:李茜, 来源:…).
const NOT_ITEMS: &[&str] =
    &["责任编辑", "编辑:", "来源:", "作者:", "记者", "发布时间", "发布日期", "点击", "分享", "打印", "关闭"];

/// Items each followed by lines of fields (主管领导:刘东 / 责任单位:市教育局 /
/// 进度安排:…): an item line with at least two field lines after it. The
/// field lines are the item's; lines before the first item are not.
pub(crate) fn field_items(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let field = |r: &Range<usize>| {
        let f = super::text::fold_str(src.get(r.clone()).unwrap_or(""));
        super::clause::labels(&f, 0..f.len(), false).first().is_some_and(|l| l.words.start == 0)
    };
    let is_field: Vec<bool> = lines.iter().map(|(_, r)| field(r)).collect();
    let mut out: Vec<Node> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let fields = is_field.iter().skip(k + 1).take_while(|f| **f).count();
        if !is_field[k] && fields >= 2 {
            let (n, r) = &lines[k];
            let mut node = bare_item(*n, r.clone());
            node.content.extend(lines.iter().skip(k + 1).take(fields).map(|(_, r)| r.clone()));
            out.push(node);
            k += fields + 1;
        } else {
            k += 1;
        }
    }
    // The text cut off inside an item after the last one's fields: an item
    // with no fields yet.
    if let Some((n, r)) = lines.last()
        && !out.is_empty()
        && lines.len() >= 2
        && !is_field[lines.len() - 1]
        && is_field[lines.len() - 2]
        && cut_off(src, r.end)
    {
        out.push(bare_item(*n, r.clone()));
    }
    (!out.is_empty()).then_some(out)
}

/// `true` when the text ends at `end` in the middle of a sentence: nothing
/// but spaces after it, and no full stop, closing bracket or quote before
/// it. A page kept only in part (an excerpt, a news page cut off) ends so
/// inside its last item.
pub(crate) fn cut_off(src: &str, end: usize) -> bool {
    let rest = src.get(end..).unwrap_or("x");
    let last = src.get(..end).and_then(|h| h.trim_end_matches(is_space).chars().next_back());
    rest.chars().all(is_space)
        && last.is_some_and(|c| !matches!(fold(c), '。' | '!' | '?' | ';' | ')' | '”' | '」' | '》' | '…' | '|'))
}

/// An unnumbered item made of whole lines.
fn bare_item(line: u32, r: Range<usize>) -> Node {
    Node { seg: None, line, marker: r.start..r.start, content: vec![r], tail: Vec::new(), children: Vec::new() }
}

/// `true` when a line could be one item of a bare list: one or two
/// sentences, no furniture words.
fn list_line(folded: &str) -> bool {
    let n = folded.chars().count();
    (4..=160).contains(&n)
        && !NOT_ITEMS.iter().any(|w| folded.contains(w))
        && folded.matches('。').count() <= 2
        && !folded.ends_with(':')
}

/// A bare list: at least two lines after a lead-in that ends with `:`
/// (具体包括:, 如下:, 分别是:), each line an item, up to the first line that
/// is not one (责任编辑:…). Lines are the `lines` given (the text before any
/// numbered line).
pub(crate) fn bare_list(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let folded: Vec<String> =
        lines.iter().map(|(_, r)| super::text::fold_str(src.get(r.clone()).unwrap_or(""))).collect();
    let mut best: Option<Vec<Node>> = None;
    for (k, lead) in folded.iter().enumerate() {
        if !lead.ends_with(':') || lead.chars().count() > 120 {
            continue;
        }
        let items: Vec<Node> = lines
            .iter()
            .zip(&folded)
            .skip(k + 1)
            .take_while(|(_, f)| list_line(f))
            .map(|((n, r), _)| bare_item(*n, r.clone()))
            .collect();
        if items.len() >= 2 && best.as_ref().is_none_or(|b| items.len() > b.len()) {
            best = Some(items);
        }
    }
    best
}

/// Characters that open an item of a bulleted list.
const BULLETS: &[char] = &['●', '■', '◆', '▲', '★', '•', '◎', '□', '◇', '○', '▪', '►', '√'];

/// Lines opening with a bullet (● 新建幼儿园5所。): at least two in a row
/// make a list, each line an item whose marker is the bullet. The longest
/// such run of `lines` is returned.
pub(crate) fn bullet_list(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let mut best: Vec<Node> = Vec::new();
    let mut run: Vec<Node> = Vec::new();
    for (n, r) in lines {
        let text = src.get(r.clone()).unwrap_or("");
        let lead = text.len() - text.trim_start_matches(is_space).len();
        let rest = text.get(lead..).unwrap_or("");
        match rest.chars().next().filter(|c| BULLETS.contains(c)) {
            Some(b) => {
                let body = rest.get(b.len_utf8()..).unwrap_or("");
                let gap = body.len() - body.trim_start_matches(is_space).len();
                let start = r.start + lead + b.len_utf8() + gap;
                run.push(Node {
                    seg: None,
                    line: *n,
                    marker: r.start + lead..start,
                    content: std::iter::once(start..r.end).collect(),
                    tail: Vec::new(),
                    children: Vec::new(),
                });
            }
            None => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    (best.len() >= 2).then_some(best)
}

/// Items run together in one paragraph after a lead-in (分别是:, 为:, 包括,
/// 即): separated by `;` (实施停车场建设…;加快燃气管道…;…), by `、` when
/// they are short names (苹果园基础设施提升工程、东城提黄灌溉工程、…), or
/// each in 《》 (《城镇新增就业2000人以上》《建成幼儿园3所…》); at least three.
/// The longest such list of `lines` is returned.
pub(crate) fn run_in_list(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let mut all: Vec<Node> = Vec::new();
    for (n, r) in lines {
        let Some(text) = src.get(r.clone()) else { continue };
        // Each sentence may hold a list of its own (10项重点建设项目为:…。10项惠民实事为:…).
        let mut from = 0;
        // The opening the last list's items share (投资…万元,建设…): a sentence
        // after the list that opens so is one more item (…;投资7686万元,…。投资1000万元,建成…。).
        let mut opening: Option<String> = None;
        for (i, c) in text.char_indices().filter(|(_, c)| *c == '。').chain(std::iter::once((text.len(), '。'))) {
            let end = if i == text.len() { i } else { i + c.len_utf8() };
            let sentence = text.get(from..end).unwrap_or("");
            if let Some(items) = run_in_items(sentence, true) {
                opening = shared_opening(sentence, &items);
                all.extend(items.into_iter().map(|x| bare_item(*n, r.start + from + x.start..r.start + from + x.end)));
            } else if let Some(o) = &opening
                && sentence.trim_start_matches(is_space).starts_with(o.as_str())
            {
                let lead = sentence.len() - sentence.trim_start_matches(is_space).len();
                let body = sentence.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '.')).len();
                if lead < body {
                    all.push(bare_item(*n, r.start + from + lead..r.start + from + body));
                }
            } else {
                opening = None;
            }
            from = end;
        }
    }
    (!all.is_empty()).then_some(all)
}

/// The first two characters that at least two thirds of a list's items
/// (at least three) open with, if any: the list's parallel shape.
fn shared_opening(text: &str, items: &[Range<usize>]) -> Option<String> {
    let opening = |r: &Range<usize>| -> String { text.get(r.clone()).unwrap_or("").chars().take(2).collect() };
    let first = items
        .iter()
        .map(opening)
        .filter(|o| o.chars().count() == 2)
        .max_by_key(|o| items.iter().filter(|r| opening(r) == *o).count())?;
    let n = items.iter().filter(|r| opening(r) == first).count();
    (n >= 3 && 3 * n >= 2 * items.len()).then_some(first)
}

/// `true` when `head` ends with `word`, a pinyin gloss after it allowed (為(wèi)).
fn ends_with_word(head: &str, word: &str) -> bool {
    if head.ends_with(word) {
        return true;
    }
    let glossed = head.strip_suffix([')', '）']).and_then(|h| h.rfind(['(', '（']).map(|o| (h, o)));
    glossed.is_some_and(|(h, o)| {
        let inner = h.get(o..).unwrap_or("").trim_start_matches(['(', '（']);
        !inner.is_empty()
            && inner.chars().all(|c| c.is_alphabetic() && !crate::parse::is_cjk(c))
            && h.get(..o).is_some_and(|b| b.ends_with(word))
    })
}

/// Words that end a lead-in to a list.
const LEAD_INS: &[&str] = &["分别是", "分別是", "主要是", "具体是", "包括", "主要有", "为", "為", "是", "如下"];

/// The byte ranges (in `text`) of the items of a run-in list, if `text`
/// holds one; with `names`, a list of short names separated by 、 counts.
pub(crate) fn run_in_items(text: &str, names: bool) -> Option<Vec<Range<usize>>> {
    // Where the list starts: after the last lead-in colon, or after 即.
    let colon = text
        .char_indices()
        .filter(|(i, c)| {
            matches!(c, ':' | '：') && LEAD_INS.iter().any(|w| text.get(..*i).is_some_and(|h| ends_with_word(h, w)))
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    let start = colon.or_else(|| text.find("即").map(|i| i + "即".len())).unwrap_or(0);
    let rest = text.get(start..)?;
    let pieces = |seps: &[char]| -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut depth = 0i32;
        let mut from = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '(' | '（' | '“' | '《' => depth += 1,
                ')' | '）' | '”' | '》' => depth -= 1,
                c if depth <= 0 && seps.contains(&c) => {
                    out.push(from..i);
                    from = i + c.len_utf8();
                }
                _ => {}
            }
        }
        out.push(from..rest.len());
        out.into_iter()
            .map(|r| {
                let s = rest.get(r.clone()).unwrap_or("");
                let lead = s.len() - s.trim_start_matches(|c: char| is_space(c) || c == '“').len();
                let body = s.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '.' | '等'));
                start + r.start + lead..start + r.start + body.len().max(lead)
            })
            .filter(|r| r.start < r.end)
            .collect()
    };
    // 《A》《B》《C》: each title an item, the titles back to back.
    let titles: Vec<Range<usize>> = {
        let mut runs: Vec<Vec<Range<usize>>> = vec![Vec::new()];
        let mut at = 0;
        let mut last_end: Option<usize> = None;
        while let Some(o) = rest.get(at..).and_then(|s| s.find('《')) {
            let open = at + o + '《'.len_utf8();
            let Some(c) = rest.get(open..).and_then(|s| s.find('》')) else { break };
            let gap = last_end.map_or("", |e| rest.get(e..at + o).unwrap_or("x"));
            if last_end.is_some() && !gap.chars().all(|c| is_space(c) || matches!(c, '、' | ',' | '，')) {
                runs.push(Vec::new());
            }
            if let Some(run) = runs.last_mut() {
                run.push(start + open..start + open + c);
            }
            at = open + c;
            last_end = Some(at + '》'.len_utf8());
        }
        runs.into_iter().max_by_key(Vec::len).unwrap_or_default()
    };
    if titles.len() >= 3 {
        return Some(titles);
    }
    if colon.is_none() && !text.contains("即") {
        return None;
    }
    let by_semicolon = pieces(&[';', '；']);
    if by_semicolon.len() >= 3 {
        return Some(by_semicolon);
    }
    if !names {
        return None;
    }
    let by_comma = pieces(&['、']);
    let names = by_comma.len() >= 3
        && by_comma
            .iter()
            .all(|r| text.get(r.clone()).is_some_and(|s| (2..=25).contains(&super::text::fold_str(s).chars().count())));
    names.then_some(by_comma)
}

/// Words a project's name ends with when a sentence opens with it.
const PROJECT_WORDS: &[&str] = &["工程", "项目", "行动", "计划"];

/// Named projects run together in a body after its heading, each sentence
/// group opening with the project's name and a comma
/// (学前教育设施建设工程,新建幼儿园4所…。中小学建设及改造提升工程,…。):
/// at least two make the item's sub-items, each running to the next name.
/// Byte ranges in `text`, searched from `from` (where the body starts).
pub(crate) fn named_items(text: &str, from: usize) -> Option<Vec<Range<usize>>> {
    let mut starts: Vec<usize> = Vec::new();
    let sentence_starts = std::iter::once(from)
        .chain(text.get(from..)?.match_indices('。').map(|(i, m)| from + i + m.len()))
        .filter(|&i| i < text.len());
    for at in sentence_starts {
        let rest = text.get(at..).unwrap_or("");
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        let Some(comma) = rest.find([',', '，', ':', '：']) else { continue };
        let name = rest.get(lead..comma).unwrap_or("");
        let n = name.chars().count();
        if (4..=20).contains(&n)
            && PROJECT_WORDS.iter().any(|w| name.ends_with(w))
            && !name.chars().any(|c| c.is_ascii_digit() || matches!(c, '。' | '、' | '(' | '（'))
        {
            starts.push(at + lead);
        }
    }
    if starts.len() < 2 {
        return None;
    }
    let items = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            let body = text.get(s..end).unwrap_or("").trim_end_matches(is_space);
            s..s + body.len()
        })
        .collect();
    Some(items)
}

/// Paragraphs that close with a responsibility clause of their own
/// (`…照明改造。2022年需省级财政资金8345.93万元。牵头责任部门为省教育厅。`),
/// in a text with no list: each such paragraph is a task.
pub(crate) fn clause_paragraphs(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let items: Vec<Node> = lines
        .iter()
        .filter(|(_, r)| super::clause::locate(&super::text::fold_str(src.get(r.clone()).unwrap_or(""))).is_some())
        .map(|(n, r)| bare_item(*n, r.clone()))
        .collect();
    (!items.is_empty()).then_some(items)
}

/// Verbs a sentence of commitment opens with (新增…学位6万个, 免费为…提供,
/// 建设21个…中心).
const COMMITMENT_VERBS: &[&str] = &[
    "新增",
    "新建",
    "新改建",
    "改扩建",
    "建设",
    "建成",
    "改造",
    "实施",
    "完成",
    "提供",
    "开展",
    "免费",
    "为",
    "推进",
    "培训",
    "落实",
    "发放",
    "打造",
    "创建",
    "提升",
    "扩大",
    "解决",
    "全面",
    "加快",
    "支持",
    "资助",
    "招录",
    "安排",
];

/// A paragraph of unnumbered commitments, one a sentence (免费为50万名妇女
/// 提供筛查…。新增学位6万个…。建设21个中心…。): every sentence of it opens
/// with a verb of doing and commits a figure, at least two of them. Each
/// sentence is an item; the longest such paragraph's are returned.
pub(crate) fn commitment_sentences(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let mut best: Option<Vec<Node>> = None;
    for (n, r) in lines {
        let Some(text) = src.get(r.clone()) else { continue };
        let mut sentences: Vec<Range<usize>> = Vec::new();
        let mut from = 0;
        for (i, c) in text.char_indices().filter(|(_, c)| matches!(c, '。' | '！' | '!')) {
            sentences.push(from..i + c.len_utf8());
            from = i + c.len_utf8();
        }
        if !text.get(from..).unwrap_or("").chars().all(is_space) {
            sentences.push(from..text.len());
        }
        let commits = |s: &Range<usize>| {
            let t = text.get(s.clone()).unwrap_or("");
            let f = super::text::fold_str(t);
            COMMITMENT_VERBS.iter().any(|v| f.starts_with(v)) && !crate::parse::parse_targets(t).is_empty()
        };
        if sentences.len() >= 2
            && sentences.iter().all(commits)
            && best.as_ref().is_none_or(|b| b.len() < sentences.len())
        {
            let items = sentences
                .into_iter()
                .map(|s| {
                    let t = text.get(s.clone()).unwrap_or("");
                    let lead = t.len() - t.trim_start_matches(is_space).len();
                    let body = t.trim_end_matches(is_space).len();
                    bare_item(*n, r.start + s.start + lead..r.start + s.start + body)
                })
                .collect();
            best = Some(items);
        }
    }
    best
}

/// A paragraph of inline numbered items (分别是: (1)加快建设…。 (2)开工新建…。):
/// the items of the line with most of them (at least three).
pub(crate) fn inline_list(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let mut best: Option<Vec<Node>> = None;
    for (n, r) in lines {
        let Some(text) = src.get(r.clone()) else { continue };
        let items = inline_items(text);
        if items.len() < 3 || best.as_ref().is_some_and(|b| b.len() >= items.len()) {
            continue;
        }
        let style = marker(text.get(items[0].1.clone()).unwrap_or("")).map(|m| m.seg.style);
        let nodes = items
            .into_iter()
            .map(|(value, m, body)| Node {
                seg: style.map(|style| NumberSegment { value, style }),
                line: *n,
                marker: r.start + m.start..r.start + m.end,
                content: std::iter::once(r.start + body.start..r.start + body.end).collect(),
                tail: Vec::new(),
                children: Vec::new(),
            })
            .collect();
        best = Some(nodes);
    }
    best
}

/// Inline numbered items in one paragraph: `(1)…。 (2)…。 (3)…` (or ①②③),
/// numbered from 1 in order; at least two. Byte ranges in `text` of each
/// item's marker and text.
pub(crate) fn inline_items(text: &str) -> Vec<(u32, Range<usize>, Range<usize>)> {
    let mut found: Vec<(u32, Range<usize>)> = Vec::new();
    let mut want = 1u32;
    for (i, c) in text.char_indices() {
        let at_boundary = i == 0
            || text
                .get(..i)
                .and_then(|h| h.chars().next_back())
                .is_some_and(|p| is_space(p) || matches!(p, '。' | ';' | '；' | ':' | '：' | ',' | '，'));
        if !at_boundary || !matches!(c, '(' | '（' | '①'..='⑳') {
            continue;
        }
        let Some(m) = marker(text.get(i..).unwrap_or("")) else { continue };
        let style_ok = matches!(m.seg.style, NumberStyle::ParenArabic | NumberStyle::Circled);
        if style_ok && m.seg.value == want {
            found.push((want, i..i + m.len));
            want += 1;
        }
    }
    if found.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, (v, m)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(text.len(), |n| n.1.start);
        let body = text.get(m.end..end).unwrap_or("");
        let trimmed = body.trim_end_matches(is_space);
        out.push((*v, m.clone(), m.end..m.end + trimmed.len()));
    }
    out
}

/// Paragraphs each opening with the item's name as a short sentence of its
/// own (城乡人居环境整治工程。完成农村无害化卫生厕所改造2.4万座…): at least
/// three in a row make a list of headed items.
pub(crate) fn headed_paragraphs(src: &str, lines: &[(u32, Range<usize>)]) -> Option<Vec<Node>> {
    let headed = |r: &Range<usize>| {
        let f = super::text::fold_str(src.get(r.clone()).unwrap_or(""));
        let Some(stop) = f.find('。') else { return false };
        let head = f.get(..stop).unwrap_or("");
        (2..=20).contains(&head.chars().count())
            && !head.contains([',', ':', ';'])
            && !head.chars().any(|c| c.is_ascii_digit())
            && !NOT_ITEMS.iter().any(|w| f.contains(w))
    };
    let mut best: Vec<Node> = Vec::new();
    let mut run: Vec<Node> = Vec::new();
    for (n, r) in lines {
        if headed(r) {
            run.push(bare_item(*n, r.clone()));
        } else {
            if run.len() > best.len() {
                best = std::mem::take(&mut run);
            }
            run.clear();
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    (best.len() >= 3).then_some(best)
}

/// A running point (一是…) found inside an item's text.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    /// Its value (1 for 一是).
    pub value: u32,
    /// Folded range of the marker 一是.
    pub marker: Range<usize>,
    /// Folded range of its text, up to the next point or the end.
    pub body: Range<usize>,
}

/// Finds running points 一是…二是…三是… in a folded text when they number
/// headed points: each starts a sentence and is followed by a short heading
/// ending in 。 (一是保市场主体。). Points that run on as long sentences
/// (一是投资2418万元,新建…) stay part of the text.
pub(crate) fn points(folded: &str, end: usize) -> Vec<Point> {
    let mut found: Vec<(u32, Range<usize>)> = Vec::new();
    let mut want = 1u32;
    let mut search = 0usize;
    loop {
        let word = format!("{}是", crate::model::number::chinese_numeral(want));
        let Some(pos) = folded.get(search..end).and_then(|s| s.find(&word)).map(|p| p + search) else { break };
        let before = folded.get(..pos).and_then(|s| s.chars().next_back());
        let starts_sentence = matches!(before, None | Some('。' | ';' | ':' | '.'));
        let after = pos + word.len();
        let heading_end = folded.get(after..end).and_then(|s| s.find('。')).map(|p| p + after);
        let short = heading_end.is_some_and(|h| {
            let head = folded.get(after..h).unwrap_or("");
            let n = head.chars().count();
            (2..=16).contains(&n) && !head.contains([',', ';']) && !head.chars().any(|c| c.is_ascii_digit())
        });
        if starts_sentence && short {
            found.push((want, pos..after));
            want += 1;
        }
        search = after;
        if want > 30 {
            break;
        }
    }
    if found.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (k, (value, m)) in found.iter().enumerate() {
        let body_end = found.get(k + 1).map_or(end, |n| n.1.start);
        out.push(Point { value: *value, marker: m.clone(), body: m.end..body_end });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(s: &str) -> Option<(u32, NumberStyle, String)> {
        marker(s).map(|m| (m.seg.value, m.seg.style, s[m.len..].to_owned()))
    }

    #[test]
    fn reads_every_numbering_level() {
        use NumberStyle::*;
        assert_eq!(seg("一、总体思路"), Some((1, Chinese, "总体思路".into())));
        assert_eq!(seg("十二、其他"), Some((12, Chinese, "其他".into())));
        assert_eq!(seg("(一)就业促进工程。"), Some((1, ParenChinese, "就业促进工程。".into())));
        assert_eq!(seg("（二）住房保障工程"), Some((2, ParenChinese, "住房保障工程".into())));
        assert_eq!(seg("1.深入实施"), Some((1, Arabic, "深入实施".into())));
        assert_eq!(seg("12、开展"), Some((12, Arabic, "开展".into())));
        assert_eq!(seg("1. 推进"), Some((1, Arabic, "推进".into())));
        assert_eq!(seg("１０．实施"), Some((10, Arabic, "实施".into())));
        assert_eq!(seg("一.工作目标"), Some((1, Chinese, "工作目标".into())));
        assert_eq!(seg("三．保障措施"), Some((3, Chinese, "保障措施".into())));
        assert_eq!(seg("(3)认真落实"), Some((3, ParenArabic, "认真落实".into())));
        assert_eq!(seg("②以创业促发展"), Some((2, Circled, "以创业促发展".into())));
        for no in ["2.9亿元", "2021年3月19日", "(此件公开发布)", "一是保市场主体", "2020-10-30", "", "一盘棋"]
        {
            assert_eq!(seg(no), None, "{no}");
        }
    }

    proptest::proptest! {
        /// A number written in any style reads back as itself.
        #[test]
        fn every_style_reads_back(value in 1u32..=20, style in 0usize..5, rest in "[推进实施]{0,4}") {
            let zh = crate::model::number::chinese_numeral(value);
            let (written, style) = match style {
                0 => (format!("{zh}、"), NumberStyle::Chinese),
                1 => (format!("（{zh}）"), NumberStyle::ParenChinese),
                2 => (format!("{value}."), NumberStyle::Arabic),
                3 => (format!("({value})"), NumberStyle::ParenArabic),
                _ => (char::from_u32(0x2460 + value - 1).unwrap().to_string(), NumberStyle::Circled),
            };
            let line = format!("{written}{rest}");
            let m = marker(&line).unwrap();
            proptest::prop_assert_eq!(m.seg, NumberSegment { value, style });
            proptest::prop_assert_eq!(&line[m.len..], rest.as_str());
        }
    }

    #[test]
    fn builds_the_tree_by_styles() {
        let src = "序言\n一、工作任务\n(一)实施工程\n1.增收工程\n(1)增加收入\n①以就业促增收。(牵头部门:州人社局)\n②创业。(牵头部门:州人社局)\n2.教育\n(二)实事\n1.通。(牵头部门:州交通运输局)\n二、工作步骤\n正文";
        let ls = super::super::text::lines(src);
        let o = outline(src, &ls);
        assert_eq!(o.head.len(), 1);
        assert_eq!(o.roots.len(), 2);
        let work = &o.roots[0];
        assert_eq!(work.children.len(), 2);
        assert_eq!(work.children[0].children.len(), 2);
        assert_eq!(work.children[0].children[0].children[0].children.len(), 2);
        assert_eq!(o.roots[1].content.len(), 2, "the unnumbered line continues 二、");
    }

    #[test]
    fn numbers_glued_to_headings_make_a_list_in_sequence() {
        let src = "新闻导语。\n一交通方面\n修建道路。\n二住房保障\n改造小区。\n一体化推进。";
        let ls = super::super::text::lines(src);
        let o = outline(src, &ls);
        assert_eq!(o.roots.len(), 2);
        assert_eq!(o.roots[1].seg.map(|s| (s.value, s.style)), Some((2, NumberStyle::Chinese)));
        assert_eq!(&src[o.roots[1].content[0].clone()], "住房保障");
        assert_eq!(o.roots[1].content.len(), 3, "一体化… is no number out of sequence");
        let src = "一 教育方面\n修建学校。\n二 住房保障\n改造小区。";
        let ls = super::super::text::lines(src);
        assert_eq!(outline(src, &ls).roots.len(), 2, "a space instead of 、");
        let src = "1加强困难群体生活保障\n主要责任单位:省民政厅。\n2免费开展新生儿疾病筛查\n";
        let ls = super::super::text::lines(src);
        assert_eq!(outline(src, &ls).roots.len(), 2);
        // One glued line alone, a figure or a date, is no list.
        for src in ["1新建学校\n其他", "2023年新建学校\n2024年改造学校", "3万人就业\n4万人培训"]
        {
            let ls = super::super::text::lines(src);
            assert!(outline(src, &ls).roots.is_empty(), "{src}");
        }
    }

    #[test]
    fn named_projects_in_a_body_are_sub_items() {
        let t = "教育方面学校建设工程,新建学校2所。校舍改造提升工程,改造校舍3所。完成操场改造。";
        let items = named_items(t, "教育方面".len()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(&t[items[1].clone()], "校舍改造提升工程,改造校舍3所。完成操场改造。");
        assert!(named_items("医疗方面卫生服务提升工程,开工建设3个中心。对6个卫生院更新设备。", 0).is_none());
    }

    #[test]
    fn a_clause_line_closes_an_item() {
        let src = "1.加强生活保障\n牵头单位:省民政厅,配合单位有省财政厅。\n厅长说:我们要在148个县区建立网点。";
        let ls = super::super::text::lines(src);
        let o = outline(src, &ls);
        assert_eq!(o.roots[0].content.len(), 2);
        assert_eq!(o.roots[0].tail.len(), 1);
        let src = "1.加强生活保障\n牵头单位:省民政厅\n厅长表示,我们要在全省148个县区建立经办网点,尽快支付。";
        let ls = super::super::text::lines(src);
        assert_eq!(outline(src, &ls).roots[0].tail.len(), 1, "commentary after a clause line without 。");
        let src = "1.加强生活保障\n牵头单位:省住房城乡建设\n厅。";
        let ls = super::super::text::lines(src);
        assert_eq!(outline(src, &ls).roots[0].content.len(), 3, "a name broken over lines");
        let src = "1.加强生活保障\n牵头单位:省民政厅\n配合单位:省财政厅。\n完成时限:年底前";
        let ls = super::super::text::lines(src);
        assert_eq!(outline(src, &ls).roots[0].content.len(), 4, "field lines go on");
    }

    #[test]
    fn page_numbers_and_running_headers_are_furniture() {
        let src = "附件 计划表 单位:万元\n项目名称 合计 中央财政 牵头单位\n(一)养老保险项目\n760000 570000\n为参保人员发放补助. 自治区人社厅 ―\n23 ―\n项目名称 合计 中央财政 牵头单位\n(二)救助项目\n";
        let ls = super::super::text::lines(src);
        let o = outline(src, &ls);
        assert_eq!(o.furniture.len(), 2);
        assert_eq!(o.roots.len(), 2);
        assert_eq!(o.roots[0].content.len(), 3);
    }

    #[test]
    fn a_clause_closes_an_item() {
        let src = "一、任务\n(九)民生。(责任单位:州卫健委)\n各地区要提高站位。";
        let ls = super::super::text::lines(src);
        let o = outline(src, &ls);
        let nine = &o.roots[0].children[0];
        assert_eq!(nine.content.len(), 1);
        assert_eq!(nine.tail.len(), 1);
    }

    #[test]
    fn finds_headed_points_only() {
        let t = "全力推动稳增长。一是保市场主体。全面落实。二是抓好就业增收。深入实施。";
        let p = points(t, t.len());
        assert_eq!(p.len(), 2);
        assert_eq!(&t[p[1].marker.clone()], "二是");
        let t = "一是投资2418万元,新建和提升改造一批设施。二是增加床位供给,占比达到40%以上。";
        assert!(points(t, t.len()).is_empty());
    }
}
