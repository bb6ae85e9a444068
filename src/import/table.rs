//! Tables flattened to text: one row per line with `|` between cells
//! (`1 | 新建成公办中小学… | 1.4月底前… | 教育局 | 发改局、住建局 |`), or one
//! cell per line, with or without a `|` after each (`序号` / `民生实事` /
//! `责任单位` / `完成时限`, then `1`, `新建2座人行天桥。`, `县住建局`, …).
//!
//! The layout is recognised from its header row: the column names say what
//! each column holds (see [`Column`]), in simplified or traditional
//! characters, and a unit in a header (`(万元)`, `(个)`) applies to the bare
//! numbers of its column. Rows are rebuilt from the row numbers; lines
//! without a number continue the row above: a merged cell (a second
//! deadline and lead) when they hold only those, a sub-row when they hold a
//! task of their own. Cells whose place the count of cells does not settle
//! are placed by what they hold (a unit's name, a date, a sentence).

use std::ops::Range;

use super::outline::marker;
use super::text::{Line, fold_str, is_space};

/// What a column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// 序号.
    Number,
    /// 大类: the group a row belongs to (a section).
    Group,
    /// 项目名称, 民生实事: the task's name.
    Name,
    /// 主要内容, 工作任务, 目标任务: what the task does, with its figures.
    Content,
    /// 完成时限, 进度要求, 实施计划: deadlines and dated milestones.
    Plan,
    /// 牵头单位.
    Lead,
    /// 责任单位: cooperating beside a lead column, responsible without one.
    Responsible,
    /// 配合单位, 协办单位.
    Cooperating,
    /// 分管领导, 责任人: people, not units.
    People,
    /// 牵头单位及主要负责人: the unit, then its head.
    LeadAndPeople,
    /// 年度投资(万元): figures whose unit the header gives.
    Figure,
    /// 分解情况: the row's figure shared out (元坝镇280 白果乡15 …).
    Breakdown,
    /// A group's heading inside a header cell spanning several columns (项目
    /// over 工程 / 子项目 / 指标): structure, not a task.
    Heading,
    /// 完成情况, 完成率, 备注: progress reported, not commitments.
    Progress,
    /// Anything else.
    Other,
}

/// Header words and the column they name, tried in order (the first that a
/// header contains wins, so the longer and more telling come first).
const HEADERS: &[(&str, Column)] = &[
    ("牵头单位及主要负责人", Column::LeadAndPeople),
    ("责任主体与协同单位", Column::Cooperating),
    ("完成情况", Column::Progress),
    ("推进情况", Column::Progress),
    ("进展情况", Column::Progress),
    ("落实情况", Column::Progress),
    ("落实进展", Column::Progress),
    ("实际完成", Column::Progress),
    ("完成率", Column::Progress),
    ("形象进度", Column::Progress),
    ("已累计", Column::Progress),
    ("累计完成", Column::Progress),
    ("是否", Column::Progress),
    ("备注", Column::Progress),
    ("说明", Column::Progress),
    ("序号", Column::Number),
    ("编号", Column::Number),
    ("大类", Column::Group),
    ("类别", Column::Group),
    ("板块", Column::Group),
    ("分管", Column::People),
    ("领导", Column::People),
    ("责任人", Column::People),
    ("负责人", Column::People),
    ("牵头", Column::Lead),
    ("主责", Column::Lead),
    ("主办", Column::Lead),
    ("承办", Column::Lead),
    ("责任主体", Column::Lead),
    ("配合", Column::Cooperating),
    ("协办", Column::Cooperating),
    ("协同", Column::Cooperating),
    ("责任单位", Column::Responsible),
    ("责任部门", Column::Responsible),
    ("时限", Column::Plan),
    ("完成时间", Column::Plan),
    ("进度要求", Column::Plan),
    ("进度安排", Column::Plan),
    ("时间节点", Column::Plan),
    ("实施计划", Column::Plan),
    ("时间安排", Column::Plan),
    ("分解情况", Column::Breakdown),
    ("分解到", Column::Breakdown),
    ("投资", Column::Figure),
    ("资金", Column::Figure),
    ("期限", Column::Plan),
    ("完成节点", Column::Plan),
    ("项目名称", Column::Name),
    ("实事名称", Column::Name),
    ("民生实事", Column::Name),
    ("实事项目", Column::Name),
    ("名称", Column::Name),
    ("项目", Column::Name),
    ("内容", Column::Content),
    ("任务", Column::Content),
    ("目标", Column::Content),
    ("措施", Column::Content),
    ("规模", Column::Content),
];

/// A column of the header: what it holds and the unit its header names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    /// What the column holds.
    pub column: Column,
    /// The unit in the header's brackets (万元, 个), folded.
    pub unit: Option<String>,
}

/// One cell: its column and its source range (a cell over several lines is
/// several cells of one column).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Cell {
    /// Index into [`Table::heads`].
    pub column: usize,
    /// Source range, trimmed.
    pub range: Range<usize>,
    /// The cell's text when it is not its range verbatim: a unit's name
    /// with the page marker that broke it left out.
    pub text: Option<String>,
}

/// A row rebuilt, with the rows that continue it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// The row's number (序号 or a number opening its name), when it has one.
    pub number: Option<u32>,
    /// The line it starts on.
    pub line: u32,
    /// Source range from its first cell to its last.
    pub span: Range<usize>,
    /// Its cells.
    pub cells: Vec<Cell>,
    /// Rows below it without a number that hold tasks of their own.
    pub subrows: Vec<Row>,
    /// Set when the row leaves out cells at its end that the row above
    /// holds for both (a merged cell): it takes that row's units and people.
    pub merged: bool,
}

impl Row {
    /// The ranges of the cells in `column`.
    pub(crate) fn cells_of(&self, column: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        self.cells.iter().filter(move |c| c.column == column).map(|c| c.range.clone())
    }
}

/// A table read from the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Source range of the header lines.
    pub header: Range<usize>,
    /// Other stretches that are structure, not cells: a header repeated
    /// after a page break.
    pub structure: Vec<Range<usize>>,
    /// Page markers between the cells, to report as furniture.
    pub furniture: Vec<Range<usize>>,
    /// The columns.
    pub heads: Vec<Head>,
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// Indices (into the lines given) of the lines the table takes.
    pub lines: Range<usize>,
}

impl Table {
    /// The index of the first column holding `column`.
    pub(crate) fn find(&self, column: Column) -> Option<usize> {
        self.heads.iter().position(|h| h.column == column)
    }
}

/// The column a header names, and the unit in its brackets.
pub(crate) fn head_of(text: &str) -> Head {
    let f = fold_str(text).trim_end_matches('|').to_owned();
    let unit = f.find('(').and_then(|o| {
        let inner = f.get(o + 1..)?;
        let c = inner.find(')')?;
        let u = inner.get(..c)?.trim_end_matches('%');
        (!u.is_empty() && u.chars().count() <= 4).then(|| u.to_owned())
    });
    let column = HEADERS.iter().find(|(w, _)| f.contains(w)).map_or(Column::Other, |(_, c)| *c);
    let column = match column {
        // A bracketed unit after a content header (目标任务(个)) makes it a figure column.
        Column::Content if unit.is_some() => Column::Figure,
        c => c,
    };
    Head { column, unit }
}

/// `true` when the headers look like a task table: a name or content
/// column and at least two more columns the importer reads.
pub(crate) fn is_header(heads: &[Head]) -> bool {
    let known = heads.iter().filter(|h| !matches!(h.column, Column::Other)).count();
    let text = heads.iter().any(|h| matches!(h.column, Column::Name | Column::Content));
    let other = heads.iter().any(|h| {
        matches!(
            h.column,
            Column::Number | Column::Lead | Column::Responsible | Column::Cooperating | Column::Plan | Column::People
        )
    });
    text && other && known >= 3 && known * 2 > heads.len()
}

/// The cells of a line split at `|`, trimmed, with their source ranges
/// (empty cells kept).
fn cells_of_line(l: &Line<'_>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in l.text.char_indices() {
        if matches!(c, '|' | '｜') {
            out.push(trimmed(l, start..i));
            start = i + c.len_utf8();
        }
    }
    out.push(trimmed(l, start..l.text.len()));
    // The empty cell after a closing `|` is no cell.
    if out.last().is_some_and(|r| r.is_empty()) && l.text.trim_end_matches(is_space).ends_with(['|', '｜']) {
        out.pop();
    }
    out
}

fn trimmed(l: &Line<'_>, r: Range<usize>) -> Range<usize> {
    let s = l.text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    let start = l.start + r.start + lead;
    start..(l.start + r.end - trail).max(start)
}

/// Finds the first task table in `lines` and rebuilds its rows.
#[cfg(test)]
pub(crate) fn read(src: &str, lines: &[Line<'_>]) -> Option<Table> {
    read_from(src, lines, 0)
}

/// Every task table in `lines`, in order: a notice may give several
/// (分解表(一), 分解表(二)…), each under its own header.
pub(crate) fn read_all(src: &str, lines: &[Line<'_>]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut from = 0;
    while let Some(t) = read_from(src, lines, from) {
        from = t.lines.end.max(from + 1);
        out.push(t);
    }
    out
}

fn read_from(src: &str, lines: &[Line<'_>], from: usize) -> Option<Table> {
    (from..lines.len()).find_map(|k| header_rows(src, lines, k).or_else(|| header_cells(src, lines, k)))
}

/// A header in one line (or two) with `|` between its cells, at line `k`.
fn header_rows(src: &str, lines: &[Line<'_>], k: usize) -> Option<Table> {
    let l = lines.get(k)?;
    if !l.text.contains(['|', '｜']) {
        return None;
    }
    let mut cells = cells_of_line(l);
    cells.retain(|r| !r.is_empty());
    let mut heads: Vec<Head> = cells.iter().map(|r| head_of(src.get(r.clone()).unwrap_or(""))).collect();
    if !is_header(&heads) {
        return None;
    }
    let mut next = k + 1;
    // A header broken over two lines (…| 1- 8月 实际完成情况 |\n任务完成率 | 备注 | |).
    if let Some(l2) = lines.get(next)
        && l2.text.contains(['|', '｜'])
        && row_number(src, &cells_of_line(l2)).is_none()
    {
        let more: Vec<Head> = cells_of_line(l2)
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| head_of(src.get(r).unwrap_or("")))
            .collect();
        if !more.is_empty() && more.iter().all(|h| h.column != Column::Other) {
            heads.extend(more);
            next += 1;
        }
    }
    let header = l.start..lines.get(next - 1).map_or(l.start, |x| x.start + x.text.len());
    let mut table = Table { header, heads, lines: k..next, ..Table::default() };
    rows_of_lines(src, lines, next, &mut table);
    (!table.rows.is_empty()).then_some(table)
}

/// A header of one cell per line (each perhaps followed by `|`), at line `k`;
/// a header word broken over lines (主 / 要 内 容) is joined.
fn header_cells(src: &str, lines: &[Line<'_>], k: usize) -> Option<Table> {
    let first = lines.get(k)?;
    let head = head_of(first.text);
    if !matches!(head.column, Column::Number) || fold_str(first.text).trim_end_matches('|').chars().count() > 4 {
        return None;
    }
    let mut heads = vec![head];
    // Blank lines between the header's cells are skipped.
    let next_filled =
        |from: usize| (from..lines.len()).find(|&i| lines.get(i).is_some_and(|l| !fold_str(l.text).is_empty()));
    let mut last = k;
    let mut j = k + 1;
    while let Some(i) = next_filled(j) {
        let Some(l) = lines.get(i) else { break };
        let f = fold_str(l.text).trim_end_matches('|').to_owned();
        if f.is_empty() || f.chars().count() > 14 || f.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        let mut h = head_of(l.text);
        let mut used = i;
        // 主 / 要 内 容: join a stub with the next line when that makes a header word.
        if h.column == Column::Other
            && let Some(i2) = next_filled(i + 1)
            && let Some(l2) = lines.get(i2)
        {
            let joined = format!("{f}{}", fold_str(l2.text).trim_end_matches('|'));
            let h2 = head_of(&joined);
            if h2.column != Column::Other && joined.chars().count() <= 14 {
                h = h2;
                used = i2;
            }
        }
        heads.push(h);
        last = used;
        j = used + 1;
    }
    if !is_header(&heads) {
        return None;
    }
    let j = last + 1;
    let header = first.start..lines.get(last).map_or(first.start, |x| x.start + x.text.len());
    let piped = lines
        .get(k..j)
        .unwrap_or(&[])
        .iter()
        .filter(|l| !fold_str(l.text).is_empty())
        .all(|l| l.text.trim_end_matches(is_space).ends_with(['|', '｜']));
    let words: Vec<String> = lines
        .get(k..j)
        .unwrap_or(&[])
        .iter()
        .map(|l| fold_str(l.text).trim_end_matches('|').to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    let mut table = Table { header, heads, lines: k..j, ..Table::default() };
    cells_by_line(src, lines, j, piped, &words, &mut table);
    (!table.rows.is_empty()).then_some(table)
}

/// The row number a row's cells open with: a bare number in its first or
/// second cell (after a merged 大类 cell), or a number opening its first
/// cell (1.城市人居环境提升项目).
fn row_number(src: &str, cells: &[Range<usize>]) -> Option<(u32, usize)> {
    for (i, r) in cells.iter().enumerate().take(2) {
        let f = fold_str(src.get(r.clone()).unwrap_or(""));
        if !f.is_empty() && f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit()) {
            return f.parse().ok().map(|n| (n, i));
        }
    }
    let first = src.get(cells.first()?.clone())?;
    marker(first).filter(|m| m.seg.style == crate::model::NumberStyle::Arabic).map(|m| (m.seg.value, 0))
}

/// Rows of a table with `|` between cells, from line `from`.
fn rows_of_lines(src: &str, lines: &[Line<'_>], from: usize, table: &mut Table) {
    let number_col = table.find(Column::Number);
    let mut expected: Option<u32> = None;
    let mut j = from;
    while let Some(l) = lines.get(j) {
        match aside(src, lines, from, j, expected, table) {
            Aside::Taken => {
                j += 1;
                continue;
            }
            Aside::End => break,
            Aside::Cells => {}
        }
        let cells = cells_of_line(l);
        if cells.iter().all(|r| r.is_empty()) {
            // A line of empty cells (`|`, `| |`) belongs to the row above.
            if let Some(row) = table.rows.last_mut() {
                row.span.end = row.span.end.max(l.start + l.text.len());
            }
            j += 1;
            continue;
        }
        // Without a 序号 column a bare number in the second cell is a figure
        // (城镇失业人员再就业(人) | 250 | …), not the row's number.
        let numbered = row_number(src, &cells)
            .filter(|(n, at)| expected.is_none_or(|e| *n == e) && (number_col.is_some() || *at == 0));
        if numbered.is_none() && number_col.is_none() && table.rows.iter().all(|r| r.number.is_none()) {
            unnumbered_row(src, &cells, l, table);
            j += 1;
            continue;
        }
        match numbered {
            Some((n, at)) => {
                let shift = match number_col {
                    Some(nc) => nc as isize - at as isize,
                    None => 0,
                };
                let mut row = Row { number: Some(n), line: l.number, span: l.range(), ..Row::default() };
                place_by_position(&cells, shift, table.heads.len(), &mut row);
                if row.cells.iter().any(|c| !c.range.is_empty()) {
                    table.rows.push(row);
                }
                expected = Some(n + 1);
            }
            None => {
                let Some(parent) = table.rows.last_mut() else {
                    j += 1;
                    continue;
                };
                // A row broken after a closed cell (…| 1.已结束。 |\n130 | 105.96 | 95% | 民卫局 |):
                // the line's cells fill the columns the row left empty, by position.
                let next = parent.cells.iter().map(|c| c.column + 1).max().unwrap_or(0);
                if parent.subrows.is_empty() && next > 0 && next + cells.len() == table.heads.len() {
                    place_by_position(&cells, next as isize, table.heads.len(), parent);
                    parent.span.end = parent.span.end.max(l.start + l.text.len());
                } else {
                    continuation(src, &table.heads, &cells, l, parent);
                }
            }
        }
        j += 1;
    }
    table.lines.end = j;
}

/// A row of a table without numbers, one line with `|` between its cells.
/// A row with more cells than the header has columns starts with cells the
/// first header spans (项目 over 工程 / 子项目 / 指标): the first opens a
/// group, the others are headings, and the header gains those columns. A
/// row with fewer cells leaves out merged cells: at its start when its last
/// cell is of the last column's kind (a unit, a person, a date), else at
/// its end, where it shares the row above's.
fn unnumbered_row(src: &str, cells: &[Range<usize>], l: &Line<'_>, table: &mut Table) {
    let mut cells = cells.to_vec();
    while cells.last().is_some_and(|r| r.is_empty()) {
        cells.pop();
    }
    if cells.len() < 2 {
        if let Some(row) = table.rows.last_mut() {
            row.span.end = row.span.end.max(l.start + l.text.len());
        }
        return;
    }
    let spanning = table.heads.iter().take_while(|h| matches!(h.column, Column::Group | Column::Heading)).count();
    if cells.len() > table.heads.len() {
        let more = cells.len() - table.heads.len();
        let mut added: Vec<Head> = vec![Head { column: Column::Heading, unit: None }; more];
        if spanning == 0
            && let Some(first) = added.first_mut()
        {
            first.column = Column::Group;
        }
        table.heads.splice(0..0, added);
        for row in &mut table.rows {
            for c in &mut row.cells {
                c.column += more;
            }
        }
    }
    let spanning = table.heads.iter().take_while(|h| matches!(h.column, Column::Group | Column::Heading)).count();
    let columns = table.heads.len();
    let last_fits = |r: &Range<usize>| {
        let kind = kind_of(src, r);
        table.heads.last().is_some_and(|h| match h.column {
            Column::People => kind == Kind::Person,
            Column::Lead | Column::Responsible | Column::Cooperating => kind == Kind::Unit,
            Column::Plan => kind == Kind::Date,
            _ => false,
        })
    };
    let shift = if cells.len() >= columns || cells.last().is_some_and(last_fits) {
        columns.saturating_sub(cells.len())
    } else {
        spanning
    };
    let mut row = Row { number: None, line: l.number, span: l.range(), ..Row::default() };
    row.span = trimmed(l, 0..l.text.len());
    row.merged = shift + cells.len() < columns;
    place_by_position(&cells, shift as isize, columns, &mut row);
    table.rows.push(row);
}

/// What a line of a table with `|` is, before its cells are read.
enum Aside {
    /// Taken in already: a page number, a repeated header, a line break
    /// inside the last cell above.
    Taken,
    /// The table has ended.
    End,
    /// A line of cells.
    Cells,
}

/// Reads line `j` when it is no line of cells: a page number between rows
/// (— 2 —, 第3页: furniture), a line break inside the last cell above, the
/// header again after a page break (structure; another table's header ends
/// this one). A line without `|` opening with the next row's number is
/// that row, cut short (the end of an excerpt: `6.老年`).
fn aside(src: &str, lines: &[Line<'_>], from: usize, j: usize, expected: Option<u32>, table: &mut Table) -> Aside {
    let Some(l) = lines.get(j) else { return Aside::End };
    let next_row = expected.is_some_and(|e| {
        marker(l.text).is_some_and(|m| m.seg.style == crate::model::NumberStyle::Arabic && m.seg.value == e)
    });
    let piped = l.text.contains(['|', '｜']) || next_row;
    if !piped && !table.rows.is_empty() && is_page_number(l.text) {
        table.furniture.push(l.range());
        return Aside::Taken;
    }
    if !piped {
        let open =
            j > from && lines.get(j - 1).is_some_and(|p| !p.text.trim_end_matches(is_space).ends_with(['|', '｜']));
        if open && let Some(row) = table.rows.last_mut() {
            let r = trimmed(l, 0..l.text.len());
            let column = row.cells.last().map_or(0, |c| c.column);
            row.span.end = r.end.max(row.span.end);
            row.cells.push(Cell { column, range: r, text: None });
            return Aside::Taken;
        }
        return Aside::End;
    }
    let filled: Vec<Head> =
        cells_of_line(l).iter().filter(|r| !r.is_empty()).map(|r| head_of(src.get(r.clone()).unwrap_or(""))).collect();
    if is_header(&filled) {
        let own = table.heads.iter().filter(|h| !matches!(h.column, Column::Group | Column::Heading));
        if !filled.iter().map(|h| h.column).eq(own.map(|h| h.column)) {
            return Aside::End;
        }
        table.structure.push(l.range());
        return Aside::Taken;
    }
    Aside::Cells
}

/// Places a row's cells by their position, shifted by `shift` columns (a
/// row whose merged 大类 cell was printed only once).
fn place_by_position(cells: &[Range<usize>], shift: isize, columns: usize, row: &mut Row) {
    for (i, r) in cells.iter().enumerate() {
        let column = i as isize + shift;
        if column < 0 || r.is_empty() {
            continue;
        }
        let column = (column as usize).min(columns.saturating_sub(1));
        row.cells.push(Cell { column, range: r.clone(), text: None });
        row.span.end = row.span.end.max(r.end);
    }
}

/// What a cell holds, judged from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Date,
    Unit,
    Person,
    Text,
}

/// Endings of unit names (县住建局, 各相关乡镇政府, 城投集团, 经开区).
const UNIT_ENDS: &[&str] = &[
    "局",
    "委",
    "办",
    "厅",
    "院",
    "政府",
    "街道",
    "镇",
    "乡",
    "中心",
    "公司",
    "集团",
    "社",
    "队",
    "站",
    "会",
    "部",
    "处",
    "室",
    "馆",
    "署",
    "所",
    "团",
    "联",
    "区",
    "县",
    "市",
    "组",
    "行",
    "单位",
    "分局",
    "指挥部",
];

fn kind_of(src: &str, r: &Range<usize>) -> Kind {
    let whole = fold_str(src.get(r.clone()).unwrap_or(""));
    // A sentence (建成县残疾人综合服务中心。) is text, whatever it ends with.
    let sentence = whole.trim_end_matches('|').ends_with('。');
    let f = whole.trim_end_matches(['|', ';', '。', ',']).to_owned();
    let n = f.chars().count();
    if n == 0 {
        return Kind::Text;
    }
    if n <= 4 && f.bytes().all(|b| b.is_ascii_digit()) {
        return Kind::Number;
    }
    let dated = super::schedule::deadlines(&f, 2000).first().is_some_and(|d| d.range.start == 0) || looks_dated(&f);
    if dated && n <= 24 {
        return Kind::Date;
    }
    let digits = f.chars().any(|c| c.is_ascii_digit());
    // A task's name can end like a unit's (改造老旧小区): one that opens
    // with a verb of doing is no unit, unless a department's ending closes
    // it (建设局).
    let doing = super::glued::reads_as_task(&f);
    if n <= 24 && !digits && !sentence && !doing && UNIT_ENDS.iter().any(|e| f.ends_with(e)) {
        return Kind::Unit;
    }
    if (2..=4).contains(&n) && f.chars().all(crate::parse::is_cjk) {
        return Kind::Person;
    }
    Kind::Text
}

/// 2021.8, 11月, 2021年11月, 10月底, 一季度…: a date or a time of year.
fn looks_dated(f: &str) -> bool {
    let starts_digit = f.chars().next().is_some_and(|c| c.is_ascii_digit());
    let dotted = f.len() <= 7 && starts_digit && f.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    dotted
        || starts_digit && (f.contains('月') || f.ends_with('年')) && f.chars().count() <= 12
        || f.starts_with("计划") && f.contains("月")
        || ["季度", "年底", "年内", "上半年", "下半年"]
            .iter()
            .any(|w| f.starts_with(w) || f.starts_with(&format!("一{w}")))
}

/// `true` when a column takes a cell of this kind.
fn takes(column: Column, kind: Kind) -> bool {
    match column {
        Column::Number => kind == Kind::Number,
        Column::Name | Column::Content => kind == Kind::Text || kind == Kind::Number,
        Column::Plan => matches!(kind, Kind::Date | Kind::Text),
        Column::Lead | Column::Responsible | Column::Cooperating => kind == Kind::Unit,
        Column::LeadAndPeople => matches!(kind, Kind::Unit | Kind::Text),
        Column::People => matches!(kind, Kind::Person | Kind::Text),
        Column::Figure => matches!(kind, Kind::Number | Kind::Text),
        Column::Breakdown => kind == Kind::Text,
        Column::Group | Column::Heading | Column::Progress | Column::Other => true,
    }
}

/// A line without a row number under a row: its cells placed by what they
/// hold. A cell that holds a task's words opens a sub-row; dates and units
/// alone continue the row above (a merged cell).
fn continuation(src: &str, heads: &[Head], cells: &[Range<usize>], l: &Line<'_>, parent: &mut Row) {
    let text_col = heads
        .iter()
        .position(|h| h.column == Column::Content)
        .or_else(|| heads.iter().position(|h| h.column == Column::Name));
    let kinds: Vec<Kind> = cells.iter().map(|r| kind_of(src, r)).collect();
    let opens = kinds.first().is_some_and(|k| *k == Kind::Text);
    let mut placed = Vec::new();
    let mut from = if opens { text_col.unwrap_or(0) } else { 0 };
    for (r, kind) in cells.iter().zip(&kinds) {
        if r.is_empty() {
            continue;
        }
        let Some(c) = (from..heads.len()).find(|&c| heads.get(c).is_some_and(|h| takes(h.column, *kind))) else {
            continue;
        };
        placed.push(Cell { column: c, range: r.clone(), text: None });
        from = c + 1;
    }
    if placed.is_empty() {
        return;
    }
    // The line's empty closing cells (`| ||`) are the row's too.
    parent.span.end = parent.span.end.max(l.start + l.text.trim_end_matches(is_space).len());
    if opens {
        let span = placed.first().map_or(l.start, |c| c.range.start)..placed.last().map_or(l.start, |c| c.range.end);
        parent.span.end = parent.span.end.max(span.end);
        parent.subrows.push(Row { number: None, line: l.number, span, cells: placed, ..Row::default() });
    } else {
        let has_sub = !parent.subrows.is_empty();
        let target = match parent.subrows.last_mut() {
            Some(sub) if has_sub => sub,
            _ => &mut *parent,
        };
        for c in placed {
            target.span.end = target.span.end.max(c.range.end);
            target.cells.push(c);
        }
        let end = parent.subrows.last().map_or(parent.span.end, |s| s.span.end);
        parent.span.end = parent.span.end.max(end);
    }
}

/// Rows of a table of one cell per line, from line `from`. With `piped`
/// (each cell closed by `|`) a line not closed continues its cell and cells
/// fall in their columns by position; otherwise cells are placed by what
/// they hold, and text after the row's last column opens a sub-row.
fn cells_by_line(src: &str, lines: &[Line<'_>], from: usize, piped: bool, words: &[String], table: &mut Table) {
    let mut expected: Option<u32> = None;
    let mut j = from;
    let mut current: Option<(Row, Vec<Range<usize>>)> = None;
    let mut pending: Option<Range<usize>> = None;
    while let Some(l) = lines.get(j) {
        // The header again after a page break: structure, the rows go on.
        if let Some(end) = header_again(lines, j, words) {
            let last = lines.get(end - 1).map_or(l.start, |x| x.start + x.text.len());
            table.structure.push(l.start..last);
            j = end;
            continue;
        }
        let f = fold_str(l.text);
        let bare = f.trim_end_matches('|');
        let number: Option<u32> = (bare.len() <= 4 && !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_digit()))
            .then(|| bare.parse().ok())
            .flatten()
            .filter(|n| expected.is_none_or(|e| *n == e));
        if let Some(n) = number {
            if let Some((row, cells)) = current.take() {
                finish_row(src, table, row, &cells, piped);
            }
            let r = trimmed(l, 0..l.text.len());
            current = Some((Row { number: Some(n), line: l.number, span: r.clone(), ..Row::default() }, Vec::new()));
            expected = Some(n + 1);
            j += 1;
            continue;
        }
        let Some((row, cells)) = current.as_mut() else {
            if f.is_empty() {
                j += 1;
                continue;
            }
            break;
        };
        if f.is_empty() {
            j += 1;
            continue;
        }
        // A page number between rows is furniture inside the table; other
        // furniture (首页, 打印本页) ends it.
        if is_page_number(l.text) {
            table.furniture.push(l.range());
            j += 1;
            continue;
        }
        if super::text::is_furniture(l.text) {
            break;
        }
        let r = trimmed(l, 0..l.text.len());
        let r = match pending.take() {
            Some(p) => p.start..r.end,
            None => r,
        };
        let closed = l.text.trim_end_matches(is_space).ends_with(['|', '｜']);
        if piped && !closed {
            pending = Some(r);
        } else {
            // Without the closing `|` a cell line ends its cell.
            let inner = match src.get(r.clone()) {
                Some(s) if closed => {
                    let cut = s.trim_end_matches(is_space).trim_end_matches(['|', '｜']).trim_end_matches(is_space);
                    r.start..r.start + cut.len()
                }
                _ => r.clone(),
            };
            row.span.end = row.span.end.max(r.end);
            cells.push(inner);
        }
        j += 1;
    }
    if let Some((row, cells)) = current.take() {
        finish_row(src, table, row, &cells, piped);
    }
    table.lines.end = j;
}

/// `true` when a cell plainly cannot be in a column: a unit's name under
/// people, a person, date, number or sentence under units.
fn clashes(src: &str, column: Column, r: &Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    let kind = kind_of(src, r);
    match column {
        Column::People => kind == Kind::Unit,
        Column::Lead | Column::Responsible | Column::Cooperating => match kind {
            Kind::Unit => false,
            Kind::Text => {
                let f = fold_str(src.get(r.clone()).unwrap_or(""));
                f.chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | '。' | ';'))
            }
            _ => true,
        },
        _ => false,
    }
}

/// `— 2 —`, `-3-`, `第3页`, `3/12`: a page number between a table's rows.
fn is_page_number(text: &str) -> bool {
    let f = fold_str(text);
    let digits = f.chars().filter(char::is_ascii_digit).count();
    let bare = f.trim_start_matches('第').trim_end_matches('页');
    digits > 0
        && f.chars().count() <= 10
        && bare.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '―' | '/'))
        && (bare.len() < f.len() || f.chars().any(|c| matches!(c, '-' | '—' | '―' | '/')))
}

/// When the lines from `j` repeat the header's words one a line (blank
/// lines between them allowed), the index after the last of them.
fn header_again(lines: &[Line<'_>], j: usize, words: &[String]) -> Option<usize> {
    if words.len() < 2 {
        return None;
    }
    let mut k = j;
    for w in words {
        while lines.get(k).is_some_and(|l| fold_str(l.text).trim_end_matches('|').is_empty()) {
            k += 1;
        }
        let l = lines.get(k)?;
        if fold_str(l.text).trim_end_matches('|') != w.as_str() {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Places the cells of a row read one per line, and adds the row.
fn finish_row(src: &str, table: &mut Table, mut row: Row, cells: &[Range<usize>], piped: bool) {
    let number_col = table.find(Column::Number).unwrap_or(0);
    let columns = table.heads.len();
    let rest = columns.saturating_sub(number_col + 1);
    // With each cell closed by `|`, cells fall in their columns by position
    // when they are as many as the columns (or fewer, the last ones empty).
    // More cells than columns: the extra ones are sub-rows of the columns
    // after the name (a row whose name spans several sub-items). Otherwise
    // (two columns printed as one cell) they are placed by what they hold.
    let name_first = piped && cells.len() > rest && rest > 1 && (cells.len() - 1).is_multiple_of(rest);
    let by_position = piped && (cells.len() == rest || name_first) && {
        // Cells as many as the columns can still be misplaced (a row whose
        // name and target share a cell, with an empty cell closing it):
        // positions hold only when no cell clashes with its column.
        let mut cols = (0..cells.len()).map(|i| number_col + 1 + if name_first && i > 0 { (i - 1) % rest } else { i });
        cells.iter().all(|r| cols.next().is_none_or(|c| table.heads.get(c).is_none_or(|h| !clashes(src, h.column, r))))
    };
    if by_position {
        if name_first {
            let (head, tail) = cells.split_at(1);
            place_by_position(head, (number_col + 1) as isize, columns, &mut row);
            for chunk in tail.chunks(rest) {
                let mut sub = Row { number: None, line: row.line, ..Row::default() };
                let start = chunk.first().map_or(0, |r| r.start);
                sub.span = start..start;
                place_by_position(chunk, (number_col + 1) as isize, columns, &mut sub);
                row.subrows.push(sub);
            }
        } else {
            place_by_position(cells, (number_col + 1) as isize, columns, &mut row);
        }
        table.rows.push(row);
        return;
    }
    place_by_kind(src, table, &mut row, cells, piped);
    if !piped {
        split_unit_run(src, &table.heads, &mut row);
        for sub in &mut row.subrows {
            split_unit_run(src, &table.heads, sub);
        }
    }
    table.rows.push(row);
}

/// Places a row's cells by what they hold: each cell goes to the next
/// column that takes it; a run of units stays in one column; text after
/// the last column opens a sub-row.
fn place_by_kind(src: &str, table: &Table, row: &mut Row, cells: &[Range<usize>], piped: bool) {
    let number_col = table.find(Column::Number).unwrap_or(0);
    let columns = table.heads.len();
    let mut target: Option<usize> = None; // index of the sub-row being filled
    let mut col = number_col + 1;
    // Set when sub-rows open with a name of their own under the row's name.
    let mut named_subrows = false;
    let is_units = |c: usize| {
        table.heads.get(c).is_some_and(|h| matches!(h.column, Column::Lead | Column::Responsible | Column::Cooperating))
    };
    for r in cells {
        let kind = kind_of(src, r);
        // Text where the name's unit cell should be, right after the name
        // (名称 | 责任单位 | 目标: `实施质量强市行动` / `培养名牌产品各一个` /
        // `区质监局`): the name spans sub-rows that each open with their own
        // name, as the rows cut into equal chunks do.
        if piped
            && kind == Kind::Text
            && !r.is_empty()
            && target.is_none()
            && col > number_col + 1
            && table.heads.get(col - 1).is_some_and(|h| h.column == Column::Name)
            && is_units(col)
        {
            row.subrows.push(Row { number: None, line: row.line, span: r.clone(), ..Row::default() });
            target = Some(row.subrows.len() - 1);
            named_subrows = true;
            if let Some(sub) = row.subrows.last_mut() {
                sub.cells.push(Cell { column: col - 1, range: r.clone(), text: None });
            }
            row.span.end = row.span.end.max(r.end);
            continue;
        }
        // A cell over several lines (units one a line) stays in its column,
        // unless `|` closes every cell.
        let stay = !piped
            && col > 0
            && table.heads.get(col - 1).is_some_and(|h| {
                matches!(h.column, Column::Lead | Column::Responsible | Column::Cooperating) && kind == Kind::Unit
                    || matches!(h.column, Column::Plan) && kind == Kind::Date
            });
        let found = if stay {
            Some(col - 1)
        } else {
            (col..columns).find(|&c| table.heads.get(c).is_some_and(|h| takes(h.column, kind)))
        };
        let c = match found {
            Some(c) => c,
            None if kind == Kind::Text => {
                // Text once the row's columns are used: a sub-row. Under a
                // row that has its name, the sub-row starts at the content
                // column (the name cell is merged over the sub-rows).
                row.subrows.push(Row { number: None, line: row.line, span: r.clone(), ..Row::default() });
                target = Some(row.subrows.len() - 1);
                let named = table.find(Column::Name).is_some_and(|n| row.cells_of(n).next().is_some());
                let first = match table.find(Column::Content) {
                    Some(c) if named && !named_subrows => c,
                    _ => number_col + 1,
                };
                match (first..columns).find(|&c| table.heads.get(c).is_some_and(|h| takes(h.column, kind))) {
                    Some(c) => c,
                    None => continue,
                }
            }
            None => continue,
        };
        let cell = Cell { column: c, range: r.clone(), text: None };
        match target.and_then(|t| row.subrows.get_mut(t)) {
            Some(sub) => {
                sub.span.end = sub.span.end.max(r.end);
                sub.cells.push(cell);
            }
            None => row.cells.push(cell),
        }
        row.span.end = row.span.end.max(r.end);
        col = c + 1;
    }
}

/// Units one a line run on from one unit column into the next (责任单位 /
/// 协办单位) with nothing to show the border: the first column keeps its
/// first unit and the local governments that follow it (市住建局 / 各县区政府
/// / 开发区管委会: the department and those who carry the work out, as a
/// 责任单位 cell names them); the units after them are the next column's.
fn split_unit_run(src: &str, heads: &[Head], row: &mut Row) {
    let is_unit_col = |c: usize| {
        heads.get(c).is_some_and(|h| matches!(h.column, Column::Lead | Column::Responsible | Column::Cooperating))
    };
    let Some(first) = (0..heads.len()).find(|&c| is_unit_col(c) && row.cells_of(c).nth(1).is_some()) else { return };
    let next = first + 1;
    if !heads.get(next).is_some_and(|h| h.column == Column::Cooperating) || row.cells_of(next).next().is_some() {
        return;
    }
    let local = |r: &Range<usize>| {
        let f = fold_str(src.get(r.clone()).unwrap_or(""));
        ["政府", "管委会", "开发区", "新区", "街道", "乡镇", "园区"].iter().any(|e| f.ends_with(e))
    };
    let mut seen = 0;
    let mut moving = false;
    for cell in row.cells.iter_mut().filter(|c| c.column == first) {
        seen += 1;
        if seen > 1 && !moving && !local(&cell.range) {
            moving = true;
        }
        if moving {
            cell.column = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn texts<'a>(src: &'a str, row: &Row, table: &Table, column: Column) -> Vec<&'a str> {
        let c = table.find(column).unwrap();
        row.cells_of(c).map(|r| &src[r]).collect()
    }

    #[test]
    fn rows_with_pipes() {
        let src = "附件\n序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n1 | 新建幼儿园7所。 | 1.4月底前完工 | 教育局 | 发改局、住建局 |\n2 | 新建驿站7家。 | 9月底前完成 | 卫生健康局 | 财政局 |\n以上项目年底前完成。";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Name), ["新建幼儿园7所。"]);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Cooperating), ["发改局、住建局"]);
        assert_eq!(texts(src, &t.rows[1], &t, Column::Responsible), ["卫生健康局"]);
        assert_eq!(t.lines, 1..4);
    }

    #[test]
    fn one_cell_per_line() {
        let src = "序号\n民生实事\n责任单位\n完成时限\n1\n启动东湖湿地公园建设。\n县水务局\n县住建局\n12月底前\n2\n新建2座人行天桥。\n县住建局\n9月投入使用\n5\n";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Responsible), ["县水务局", "县住建局"]);
        assert_eq!(texts(src, &t.rows[1], &t, Column::Plan), ["9月投入使用"]);
    }

    #[test]
    fn a_row_broken_after_a_closed_cell_fills_its_empty_columns() {
        let src = "序号 | 项目名称 | 实施内容 | 形象进度 | 计划投资(万元) | 完成率 | 责任部门 |\n\
                   1 | 乙工程 | 检查48所小学。 | 1.已结束。 2.继续。 |\n130 | 95.00% | 民卫局 |\n\
                   2 | 丙工程 | 新增岗位600个。 | 已开工 | 20 | 50% | 人社局 | ||\n\
                   2021年11月 | 经开区 | ||\n3.老年";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Figure), ["130"]);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Responsible), ["民卫局"]);
        // The continuation row's empty closing cells are inside its row.
        assert!(src[t.rows[1].span.clone()].ends_with("经开区 | ||"));
        // The excerpt's last row, cut short, is a row all the same.
        assert_eq!(t.rows[2].number, Some(3));
    }

    #[test]
    fn text_where_the_unit_should_be_opens_a_named_sub_row() {
        let src = "序号 |\n项目名称 |\n责任单位 |\n目标任务 |\n1 |\n质量强市行动 |\n培养名牌产品2个 |\n区质监局 |\n2个 |\n\
                   推广标准化企业 |\n区市场局 |\n5家 |\n";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        let row = &t.rows[0];
        assert_eq!(texts(src, row, &t, Column::Name), ["质量强市行动"]);
        assert_eq!(row.subrows.len(), 2);
        assert_eq!(texts(src, &row.subrows[0], &t, Column::Name), ["培养名牌产品2个"]);
        assert_eq!(texts(src, &row.subrows[0], &t, Column::Responsible), ["区质监局"]);
        assert_eq!(texts(src, &row.subrows[1], &t, Column::Name), ["推广标准化企业"]);
        assert_eq!(texts(src, &row.subrows[1], &t, Column::Content), ["5家"]);
    }

    #[test]
    fn units_one_a_line_over_two_unit_columns_split_after_the_local_governments() {
        let src = "序号\n项目名称\n责任单位\n协办单位\n1\n改造老旧小区\n市住建局\n各县区政府\n经开区管委会\n市财政局\n市发改委\n\
                   2\n新建公厕\n市城管局\n甲区政府\n乙区政府\n";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        assert_eq!(texts(src, &t.rows[0], &t, Column::Responsible), ["市住建局", "各县区政府", "经开区管委会"]);
        assert_eq!(texts(src, &t.rows[0], &t, Column::Cooperating), ["市财政局", "市发改委"]);
        assert_eq!(texts(src, &t.rows[1], &t, Column::Responsible), ["市城管局", "甲区政府", "乙区政府"]);
        assert!(texts(src, &t.rows[1], &t, Column::Cooperating).is_empty());
    }

    #[test]
    fn a_header_repeated_after_a_page_break_is_skipped_and_another_table_is_read() {
        let src = "序号 | 项目名称 | 责任单位 |\n1 | 新建公厕5座。 | 城管局 |\n— 2 —\n序号 | 项目名称 | 责任单位 |\n\
                   2 | 新建公园2个。 | 住建局 |\n附件2\n序号\n实事名称\n牵头单位\n1\n培训1000人。\n人社局\n\
                   -3-\n序号\n实事名称\n牵头单位\n2\n新增岗位500个。\n人社局\n";
        let ls = lines(src);
        let all = read_all(src, &ls);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].rows.len(), 2);
        assert_eq!(all[0].structure.len(), 1);
        assert_eq!(texts(src, &all[0].rows[1], &all[0], Column::Responsible), ["住建局"]);
        assert_eq!(all[1].rows.len(), 2);
        assert_eq!(all[1].structure.len(), 1);
        assert_eq!(all[1].furniture.len(), 1);
        assert_eq!(texts(src, &all[1].rows[1], &all[1], Column::Lead), ["人社局"]);
        assert!(all[1].rows[1].subrows.is_empty());
    }

    #[test]
    fn a_unit_in_the_header() {
        let h = head_of("年度投资金额 (萬元)");
        assert_eq!((h.column, h.unit.as_deref()), (Column::Figure, Some("万元")));
        assert_eq!(head_of("序號").column, Column::Number);
        assert_eq!(head_of("1-8月實際完成率%").column, Column::Progress);
        assert_eq!(head_of("完成期限").column, Column::Plan);
        assert_eq!(head_of("承办单位").column, Column::Lead);
        assert_eq!(head_of("建设规模").column, Column::Content);
        assert_eq!(head_of("年内计划投资(万元)").column, Column::Figure);
    }
}
