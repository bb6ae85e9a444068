//! Tables printed as running text, as a PDF's table comes out when its
//! text is extracted: no separators, each numbered row's name, then its
//! money cells as bare numbers (`760000 570000` / `190000`), then its
//! target in words and, last, the lead unit (`… 发放丧 葬补助金. 自治区人力资
//! 源社会保障厅`). The header names the columns (`项目名称 合计 中央财政 …
//! 牵头单位`) and the unit of the money cells (`资金(万元)`, `单位:万元`).
//!
//! The items themselves are read by the outline; this module finds, inside
//! an item, the run of money cells — a total followed by parts that add up
//! to it, so that a stray number is never taken — and the unit closing the
//! row, and the page numbers and repeated headers a page break leaves
//! inside a row.

use std::ops::Range;

use rust_decimal::Decimal;

use super::text::{Line, fold_str, is_space};

/// A notice whose task list is a table printed as running text.
#[derive(Debug, Clone)]
pub(crate) struct RunningTable {
    /// What one of the money cells' units is in 元 (万元: 10 000).
    factor: Decimal,
    /// `true` when the header's unit column is 牵头单位 (lead), `false` for
    /// 责任单位 alone (responsible).
    pub lead: bool,
}

/// What a row of such a table holds besides its words.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCells {
    /// The money cells in 元, total first, with their source ranges.
    pub money: Vec<(Decimal, Range<usize>)>,
    /// The unit closing the row, and its source range.
    pub unit: Option<(String, Range<usize>)>,
    /// Page numbers and repeated headers inside the row: structure.
    pub furniture: Vec<Range<usize>>,
}

impl RowCells {
    /// Every source range the row's words do not include.
    pub(crate) fn cut(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self.money.iter().map(|m| m.1.clone()).collect();
        out.extend(self.unit.iter().map(|u| u.1.clone()));
        out.extend(self.furniture.iter().cloned());
        out.sort_by_key(|r| r.start);
        out
    }
}

/// Words of a money table's header besides 项目名称.
const MONEY_HEADS: &[&str] = &["合计", "中央", "省级", "自治区", "市县", "资金", "投资", "目标任务", "备注"];

/// Finds a header of a table printed as running text: a line without `|`
/// naming 项目名称 and at least two money columns, the unit of money on it
/// or the line before, and 牵头单位 or 责任单位 on it or the line after.
pub(crate) fn detect(lines: &[Line<'_>]) -> Option<RunningTable> {
    let folded: Vec<String> = lines.iter().map(|l| fold_str(l.text)).collect();
    (0..lines.len()).find_map(|k| {
        let l = lines.get(k)?;
        let f = folded.get(k)?;
        if l.text.contains(['|', '｜']) || !f.contains("项目名称") {
            return None;
        }
        if MONEY_HEADS.iter().filter(|w| f.contains(*w)).count() < 2 {
            return None;
        }
        let near = |d: isize| k.checked_add_signed(d).and_then(|i| folded.get(i)).map_or("", String::as_str);
        let money = [f.as_str(), near(-1)].join(" ");
        let factor = if money.contains("万元") {
            Decimal::from(10_000)
        } else if money.contains("亿元") {
            Decimal::from(100_000_000)
        } else if money.contains("(元)") || money.contains(":元") {
            Decimal::ONE
        } else {
            return None;
        };
        let units = [f.as_str(), near(1)].join(" ");
        let lead = units.contains("牵头单位");
        (lead || units.contains("责任单位")).then_some(RunningTable { factor, lead })
    })
}

/// A token of a row's text: its source range and its text.
struct Token<'a> {
    range: Range<usize>,
    text: &'a str,
}

/// Endings of a unit's name closing a row.
const UNIT_ENDS: &[&str] = &["厅", "局", "委", "办", "院", "中心", "政府", "公司", "集团", "会", "部", "处"];

impl RunningTable {
    /// The money cells, closing unit and furniture of an item whose text
    /// is `content` (source ranges, one a line).
    pub(crate) fn read(&self, src: &str, content: &[Range<usize>]) -> RowCells {
        let mut cells = RowCells::default();
        // Page numbers (―23―) and a header repeated after a page break.
        let mut kept: Vec<Range<usize>> = Vec::new();
        for (k, r) in content.iter().enumerate() {
            let text = src.get(r.clone()).unwrap_or("");
            // A page number stands before a repeated header or at the end
            // (`0 ―` inside a name, 0―3公里, is none).
            let next = content.get(k + 1).map(|n| src.get(n.clone()).unwrap_or(""));
            let page = is_page_number(text) && next.is_none_or(is_header_line);
            if page || is_header_line(text) {
                cells.furniture.push(r.clone());
            } else {
                kept.push(r.clone());
            }
        }
        let tokens: Vec<Token<'_>> = kept.iter().skip(1).flat_map(|r| tokens(src, r.clone())).collect();
        cells.money = self.money_run(&tokens);
        cells.unit = closing_unit(src, &kept);
        // A line's trailing dash (自治区民政厅 ―) goes with the page number.
        if let Some((_, u)) = &cells.unit
            && let Some(line) = kept.iter().find(|r| r.contains(&u.start))
            && u.end < line.end
        {
            cells.furniture.push(u.end..line.end);
        }
        cells
    }

    /// The first run of bare numbers whose first is the sum of the next
    /// ones (a total and its sources), in 元.
    fn money_run(&self, tokens: &[Token<'_>]) -> Vec<(Decimal, Range<usize>)> {
        let number = |t: &Token<'_>| Decimal::from_str_exact(&fold_str(t.text)).ok();
        let mut i = 0;
        while i < tokens.len() {
            let run: Vec<(Decimal, Range<usize>)> =
                tokens.get(i..).unwrap_or(&[]).iter().map_while(|t| number(t).map(|v| (v, t.range.clone()))).collect();
            if run.len() >= 2
                && let Some((total, _)) = run.first()
            {
                let mut sum = Decimal::ZERO;
                for (k, (v, _)) in run.iter().enumerate().skip(1) {
                    sum += *v;
                    if sum == *total {
                        return run
                            .iter()
                            .take(k + 1)
                            .map(|(v, r)| (v.checked_mul(self.factor).unwrap_or(*v), r.clone()))
                            .collect();
                    }
                }
            }
            i += run.len().max(1);
        }
        Vec::new()
    }
}

/// The tokens of a source range, split at spaces.
fn tokens(src: &str, r: Range<usize>) -> Vec<Token<'_>> {
    let text = src.get(r.clone()).unwrap_or("");
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_space(c), start) {
            (true, Some(s)) => {
                out.push(Token { range: r.start + s..r.start + i, text: text.get(s..i).unwrap_or("") });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// `―23―`, `23 ―`, `―`: a page number of a PDF's text.
fn is_page_number(text: &str) -> bool {
    let f = fold_str(text);
    !f.is_empty()
        && f.chars().any(|c| matches!(c, '―' | '—' | '-'))
        && f.chars().all(|c| c.is_ascii_digit() || matches!(c, '―' | '—' | '-'))
}

/// A header line repeated after a page break.
fn is_header_line(text: &str) -> bool {
    let f = fold_str(text);
    f.contains("项目名称") && MONEY_HEADS.iter().filter(|w| f.contains(*w)).count() >= 2
        || f.contains("牵头单位") && f.contains("备注") && f.chars().count() <= 24
}

/// The unit closing a row: the words after the last sentence end of its
/// last line, a page number's dash left off, when they end like a unit's
/// name and are short enough to be one.
fn closing_unit(src: &str, kept: &[Range<usize>]) -> Option<(String, Range<usize>)> {
    let last = kept.last()?;
    let text = src.get(last.clone())?;
    let stop = text.rfind(['.', '。', ';', '；'])?;
    let after = stop + text.get(stop..)?.chars().next()?.len_utf8();
    let rest = text.get(after..)?;
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let body = rest.trim_end_matches(|c: char| is_space(c) || matches!(c, '―' | '—' | '-') || c.is_ascii_digit());
    let body = body.get(lead..)?;
    let name = super::text::name_of(body);
    let n = name.chars().count();
    let unit =
        (3..=20).contains(&n) && name.chars().all(crate::parse::is_cjk) && UNIT_ENDS.iter().any(|e| name.ends_with(e));
    let start = last.start + after + lead;
    unit.then(|| (body.to_owned(), start..start + body.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    #[test]
    fn a_row_gives_its_money_cells_and_its_lead() {
        let src = "附件 单位:万元\n项目名称 合计 中央财政 市县财政 目标任务 牵头单位 备注\n\
                   (一) 城乡居民 养老保险项目\n7600 5700\n1900 为参保人员发放基础养老金. 省人力资 源社会保障厅 ―\n\
                   23 ―\n项目名称 合计 中央财政 市县财政\n目标任务 牵头单位 备注\n";
        let ls = lines(src);
        let t = detect(&ls).unwrap();
        assert!(t.lead);
        let content: Vec<Range<usize>> = ls.iter().skip(2).map(|l| l.range()).collect();
        let cells = t.read(src, &content);
        let money: Vec<String> = cells.money.iter().map(|m| m.0.to_string()).collect();
        assert_eq!(money, ["76000000", "57000000", "19000000"]);
        let (name, r) = cells.unit.unwrap();
        assert_eq!(name, "省人力资 源社会保障厅");
        assert_eq!(&src[r], "省人力资 源社会保障厅");
        assert_eq!(cells.furniture.len(), 4);
    }

    #[test]
    fn an_imported_row_has_its_money_as_a_breakdown_and_its_lead() {
        let src = "附件 资金筹措计划表 单位:万元\n项目名称 合计 中央财政 市县财政\n目标任务 牵头单位 备注\n\
                   一、社保项目\n(一) 养老保险项目\n7600 5700\n1900 为参保人员发放基础养老金. 省人社厅\n\
                   (二) 救助项目\n300 300 为困难群众发放救助金. 省民政厅\n";
        let import = crate::import::notice(src);
        let p = &import.programme;
        let tasks: Vec<&crate::model::Task> = p.tasks().collect();
        assert_eq!(tasks.len(), 2);
        let first = tasks[0];
        assert_eq!(first.leads().map(|u| p.unit_name(u)).collect::<Vec<_>>(), ["省人社厅"]);
        assert_eq!(first.targets.len(), 1);
        let total = &first.targets[0];
        assert_eq!(total.amount.as_ref().and_then(|a| a.value()), Some(Decimal::from(76_000_000)));
        let parts: Vec<String> = total.breakdown.as_ref().unwrap().parts.iter().map(|x| x.phrase.clone()).collect();
        assert_eq!(parts, ["5700", "1900"]);
        // The money cells and the unit are not the task's words.
        assert!(first.description.starts_with("养老保险项目"));
        assert!(first.description.ends_with("为参保人员发放基础养老金."));
        assert!(!first.description.contains("7600") && !first.description.contains("省人社厅"));
        assert_eq!(tasks[1].leads().map(|u| p.unit_name(u)).collect::<Vec<_>>(), ["省民政厅"]);
        assert!(import.accounting.unaccounted.is_empty());
    }

    #[test]
    fn numbers_that_do_not_add_up_are_no_money_cells() {
        let src = "项目名称 合计 中央财政 市县财政 牵头单位(万元)\n(三)陆地边境\n0 ―\n3 公里范围内项目\n500 200 为居民发放补助. 省民政厅\n";
        let ls = lines(src);
        let t = detect(&ls).unwrap();
        let content: Vec<Range<usize>> = ls.iter().skip(1).map(|l| l.range()).collect();
        let cells = t.read(src, &content);
        assert!(cells.money.is_empty());
        assert_eq!(cells.unit.map(|u| u.0).as_deref(), Some("省民政厅"));
    }
}
