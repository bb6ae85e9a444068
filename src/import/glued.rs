//! Tables whose cells run together with no separator at all, as
//! document-sharing sites give the text of a table
//! (`序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给实施…。何海平教育局经开区…2促进…`).
//!
//! The header is a run of column names, each closed by a word that ends
//! column names (序号, 名称, 内容, 领导, 单位…), followed at once by row 1.
//! A row starts at the next row number standing after a sentence's end or
//! a unit's name. In a row, a sentence ending in 。 may be followed by its
//! responsibility cells: a person's name when the header has a people
//! column, then units' names, each ending as units' names do (局, 公司,
//! 街道, 镇…). A row with several such sentences holds sub-rows; sentences
//! without cells after them continue the one before. Page markers the site
//! puts at line starts (`2、`) are cut out, even inside a name, and a header
//! repeated after a page break is structure.

use std::ops::Range;

use super::table::{Cell, Column, Head, Row, Table, head_of, is_header};
use super::text::{Line, is_space};

/// Words that close a column's name in a header.
const CLOSERS: &[&str] = &[
    "序号",
    "序號",
    "编号",
    "名称",
    "名稱",
    "内容",
    "內容",
    "任务",
    "任務",
    "目标",
    "目標",
    "措施",
    "领导",
    "領導",
    "单位",
    "單位",
    "部门",
    "部門",
    "责任人",
    "責任人",
    "负责人",
    "負責人",
    "时限",
    "時限",
    "时间",
    "時間",
    "要求",
    "计划",
    "計劃",
    "备注",
    "備註",
    "情况",
    "情況",
];

/// Endings of units' names of two characters or more.
const UNIT_WORDS: &[&str] =
    &["公司", "街道", "政府", "中心", "集团", "單位", "单位", "指挥部", "管委会", "集團", "指揮部"];

/// Characters that end units' names (县住建局, 经开区, 各乡镇).
const UNIT_CHARS: &str = "局委办辦厅廳院区區县縣镇鎮乡鄉社队隊站会會部处處室馆館署所团團联聯行组組";

/// Words that open a task's text rather than a name: they end a run of
/// units and mark where a row's name gives way to its content.
const OPENERS: &[&str] = &[
    "推进", "完成", "实施", "落实", "新建", "新增", "提升", "建设", "开展", "改造", "加强", "促进", "支持", "全面",
    "持续", "启动", "组织", "打造", "推动", "优化", "增加", "扩大", "提高", "确保", "实现", "建成", "为", "对", "在",
];

/// Measure words that follow a figure, never a row number.
const MEASURES: &str = "个人名家户所万亿千百元次条座处项件年月日岁米亩吨套台辆间张本场批期倍周";

/// Finds a glued table in `lines` and rebuilds its rows.
pub(crate) fn read(src: &str, lines: &[Line<'_>]) -> Option<Table> {
    lines.iter().enumerate().find_map(|(k, l)| at_line(src, lines, k, l))
}

fn at_line(src: &str, lines: &[Line<'_>], k: usize, l: &Line<'_>) -> Option<Table> {
    if l.text.contains(['|', '｜']) {
        return None;
    }
    let at = l.text.find("序号").or_else(|| l.text.find("序號"))?;
    let rest = l.text.get(at..)?;
    let (pieces, end) = header(rest)?;
    let heads: Vec<Head> = pieces.iter().map(|r| head_of(rest.get(r.clone()).unwrap_or(""))).collect();
    if heads.first().is_none_or(|h| h.column != Column::Number) || !is_header(&heads) {
        return None;
    }
    // Row 1 follows the header at once.
    if !rest.get(end..)?.trim_start_matches(is_space).starts_with('1') {
        return None;
    }
    let header_text = rest.get(..end)?;
    let body_start = l.start + at + end;
    let mut table = Table { header: l.start + at..body_start, heads, lines: k..lines.len(), ..Table::default() };
    // What the header's line holds before the header: a page marker, a title.
    let before = l.text.get(..at).unwrap_or("");
    let marker = page_marker(before);
    if marker > 0 {
        table.furniture.push(l.start..l.start + marker);
    }
    if before.len() > marker {
        table.structure.push(l.start + marker..l.start + at);
    }
    let clean = body(src, lines, k, body_start, header_text, &mut table);
    rows(lines, &clean, &mut table);
    (!table.rows.is_empty()).then_some(table)
}

/// Closing words that another may follow in one name (目标任务, 任务目标).
const OPEN_CLOSERS: &[&str] = &["目标", "目標", "任务", "任務", "计划", "計劃"];

/// The column names of a glued header at the start of `s`, as byte ranges,
/// and where the header ends.
fn header(s: &str) -> Option<(Vec<Range<usize>>, usize)> {
    let closer_at = |t: &str| CLOSERS.iter().find(|w| t.starts_with(*w)).copied();
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    'pieces: loop {
        let rest = s.get(at..).unwrap_or("");
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if n >= 10 || c.is_ascii_digit() || c.is_ascii_punctuation() || !crate::parse::is_cjk(c) {
                break 'pieces;
            }
            if let Some(mut w) = closer_at(rest.get(i..).unwrap_or("")) {
                let mut end = at + i + w.len();
                // 目标 followed by 任务 is one name.
                while OPEN_CLOSERS.contains(&w)
                    && let Some(next) = closer_at(s.get(end..).unwrap_or(""))
                    && OPEN_CLOSERS.contains(&next)
                {
                    end += next.len();
                    w = next;
                }
                pieces.push(at..end);
                at = end;
                continue 'pieces;
            }
        }
        break;
    }
    (pieces.len() >= 4).then_some((pieces, at))
}

/// The length in bytes of a page marker opening `s` (`2、`), or 0.
fn page_marker(s: &str) -> usize {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    match s.get(digits..) {
        Some(r) if digits > 0 && digits <= 3 && r.starts_with('、') => digits + '、'.len_utf8(),
        _ => 0,
    }
}

/// The body's characters with their byte offsets, without line breaks,
/// page markers at line starts and repeated headers (recorded in `table`).
fn body(
    src: &str,
    lines: &[Line<'_>],
    k: usize,
    start: usize,
    header_text: &str,
    table: &mut Table,
) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(k) {
        let from = if i == k { start - l.start } else { 0 };
        let text = l.text.get(from..).unwrap_or("");
        let mut skip_to = 0;
        if i > k {
            skip_to = page_marker(text);
            if skip_to > 0 {
                table.furniture.push(l.start..l.start + skip_to);
            }
        }
        for (b, c) in text.char_indices() {
            if b < skip_to || is_space(c) {
                continue;
            }
            let at = l.start + from + b;
            if c == '序' && src.get(at..).is_some_and(|r| r.starts_with(header_text)) {
                table.structure.push(at..at + header_text.len());
                skip_to = b + header_text.len();
                continue;
            }
            out.push((c, at));
        }
    }
    out
}

/// A responsibility stretch: a person (clean indices) and units.
#[derive(Default)]
struct Part {
    content: Vec<Range<usize>>,
    person: Option<Range<usize>>,
    units: Vec<Range<usize>>,
}

/// Splits the body into rows at the row numbers, and each row into parts.
fn rows(lines: &[Line<'_>], clean: &[(char, usize)], table: &mut Table) {
    let starts = row_starts(clean);
    let people = table.find(Column::People).is_some();
    let name_col = table.find(Column::Name);
    let content_col = table.find(Column::Content).or(name_col);
    let person_col = table.find(Column::People);
    let unit_cols: Vec<usize> =
        [Column::Lead, Column::Responsible, Column::Cooperating].iter().filter_map(|c| table.find(*c)).collect();
    for (i, &(from, digits, n)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(clean.len(), |s| s.0);
        let parts = parts(clean, from + digits, end, people);
        let Some(first_at) = clean.get(from).map(|c| c.1) else { continue };
        let last_at = clean.get(end.saturating_sub(1)).map_or(first_at, |c| c.1 + c.0.len_utf8());
        let mut row =
            Row { number: Some(n), line: line_at(lines, first_at), span: first_at..last_at, ..Row::default() };
        for (p, part) in parts.iter().enumerate() {
            let mut cells = Vec::new();
            for (c, r) in part.content.iter().enumerate() {
                let mut r = r.clone();
                // The row's name runs into its content: split at the word
                // the content opens with.
                if p == 0
                    && c == 0
                    && let Some(name_col) = name_col
                    && content_col != Some(name_col)
                    && let Some(split) = name_end(clean, r.clone())
                {
                    cells.extend(src_cells(clean, r.start..split, name_col));
                    r.start = split;
                }
                cells.extend(src_cells(clean, r, content_col.unwrap_or(0)));
            }
            if let (Some(person), Some(col)) = (&part.person, person_col) {
                cells.push(joined_cell(clean, person.clone(), col));
            }
            for (u, unit) in part.units.iter().enumerate() {
                // The first unit is the lead's column, the others the next one's.
                let col = unit_cols.get(usize::from(u > 0)).or(unit_cols.first());
                if let Some(col) = col {
                    cells.push(joined_cell(clean, unit.clone(), *col));
                }
            }
            if p == 0 {
                row.cells = cells;
            } else {
                let start = cells.iter().map(|c| c.range.start).min().unwrap_or(first_at);
                let end = cells.iter().map(|c| c.range.end).max().unwrap_or(start);
                row.subrows.push(Row {
                    number: None,
                    line: line_at(lines, start),
                    span: start..end,
                    cells,
                    ..Row::default()
                });
            }
        }
        table.rows.push(row);
    }
}

/// The rows' starts (index, digit count, number): 1 first, then each next
/// number standing after a sentence's end or a unit's name and before a
/// word that is no measure.
fn row_starts(clean: &[(char, usize)]) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let mut expected = 1u32;
    let mut i = 0;
    while i < clean.len() {
        let digits = clean.get(i..).unwrap_or(&[]).iter().take_while(|c| c.0.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            i += digits.max(1);
            continue;
        }
        let value: String = clean.get(i..i + digits).unwrap_or(&[]).iter().map(|c| c.0).collect();
        let before = i.checked_sub(1).and_then(|b| clean.get(b)).map(|c| c.0);
        let after = clean.get(i + digits).map(|c| c.0);
        let stands = match before {
            None => true,
            Some(b) => b == '。' || b == ')' || b == '）' || UNIT_CHARS.contains(b) || "道司府心团位".contains(b),
        };
        let opens = after.is_some_and(|a| crate::parse::is_cjk(a) && !MEASURES.contains(a));
        if value.parse() == Ok(expected) && stands && opens && (expected > 1 || i == 0) {
            out.push((i, digits, expected));
            expected += 1;
        }
        i += digits;
    }
    out
}

/// A row's text split into parts: sentences each followed by its person
/// and units; sentences with none after them continue the part before.
fn parts(clean: &[(char, usize)], mut pos: usize, end: usize, people: bool) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    let mut current = Part::default();
    while pos < end {
        let stop = (pos..end).find(|&i| clean.get(i).is_some_and(|c| c.0 == '。')).map_or(end, |i| i + 1);
        current.content.push(pos..stop);
        pos = stop;
        if let Some((person, units, after)) = tail(clean, pos, end, people) {
            current.person = person;
            current.units = units;
            pos = after;
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.content.is_empty() {
        match out.last_mut() {
            Some(last) => last.content.extend(current.content),
            None => out.push(current),
        }
    }
    out
}

fn text_of(clean: &[(char, usize)], r: Range<usize>) -> String {
    clean.get(r).unwrap_or(&[]).iter().map(|c| c.0).collect()
}

/// `true` when a name that ends like a unit's reads as a task's words: it
/// opens with a verb of doing (改造老旧小区, 开展招聘会, 推进核心区) and no
/// department's ending closes it (建设局, 建设银行).
pub(crate) fn reads_as_task(name: &str) -> bool {
    const DEPARTMENTS: &[&str] = &["局", "委", "办", "厅", "政府", "公司", "集团", "银行"];
    opens_text(name) && !DEPARTMENTS.iter().any(|e| name.ends_with(e))
}

/// `true` when `s` opens with a verb of doing, as a task's text does.
pub(crate) fn opens_text(s: &str) -> bool {
    OPENERS.iter().any(|w| s.starts_with(w))
}

/// The responsibility cells at `pos`: a person of two or three characters
/// (when the header has a people column), then units' names; the first
/// unit must have a name of its own before its ending (教育局, not 政局).
#[allow(clippy::type_complexity)]
fn tail(
    clean: &[(char, usize)],
    pos: usize,
    end: usize,
    people: bool,
) -> Option<(Option<Range<usize>>, Vec<Range<usize>>, usize)> {
    let lengths: &[usize] = if people { &[3, 2] } else { &[0] };
    for &len in lengths {
        let person = pos..pos + len;
        if person.end > end {
            continue;
        }
        let name = text_of(clean, person.clone());
        if len > 0 && (!name.chars().all(crate::parse::is_cjk) || opens_text(&name)) {
            continue;
        }
        let Some(first) = unit_at(clean, person.end, end, true) else {
            continue;
        };
        let mut units = vec![first.clone()];
        let mut at = first.end;
        while let Some(u) = unit_at(clean, at, end, false) {
            at = u.end;
            units.push(u);
        }
        return Some(((len > 0).then_some(person), units, at));
    }
    None
}

/// The characters of a unit's name before its ending.
fn stem(name: &str) -> usize {
    let n = name.chars().count();
    match UNIT_WORDS.iter().find(|w| name.ends_with(*w)) {
        Some(w) => n - w.chars().count(),
        None => n.saturating_sub(1),
    }
}

/// The shortest unit's name at `q`: two to fourteen characters, no digits
/// or punctuation outside brackets, ending like a unit's name (a bracket
/// closing after such an ending counts: 高新园(邹区镇)), not opening like a
/// task's text, with a name of its own before its ending (政局 is none) or
/// a collective (各街道). With `strict` (the first unit after a person's
/// name of unknown length) the shortest ending must be such a name.
fn unit_at(clean: &[(char, usize)], q: usize, end: usize, strict: bool) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for k in q..end.min(q + 14) {
        let c = clean.get(k)?.0;
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 && !crate::parse::is_cjk(c) => return None,
            _ => {}
        }
        if depth > 0 || k == q {
            continue;
        }
        let name = text_of(clean, q..k + 1);
        let bare = name.trim_end_matches([')', '）']);
        let inner = bare.rsplit(['(', '（']).next().unwrap_or(bare);
        let ends = |s: &str| {
            UNIT_WORDS.iter().any(|w| s.ends_with(w)) || s.chars().last().is_some_and(|l| UNIT_CHARS.contains(l))
        };
        if ends(bare) || name.ends_with([')', '）']) && ends(inner) {
            // 推进大庙弄核心区 opens the next sentence; 建设局 is a unit.
            if reads_as_task(&name) {
                return None;
            }
            let collective = name.chars().count() >= 3 && name.starts_with(['各', '市', '区', '县']);
            if stem(&name) >= 2 || collective {
                return Some(q..k + 1);
            }
            // 人社 / 人社局: an ending right after one goes on to the longer name.
            let longer = clean.get(k + 1).is_some_and(|c| UNIT_CHARS.contains(c.0));
            if strict && !name.starts_with('各') && !longer {
                return None;
            }
        }
    }
    None
}

/// Where a row's name ends and its content begins: the first word that
/// opens a task's text, four to twenty characters in.
fn name_end(clean: &[(char, usize)], r: Range<usize>) -> Option<usize> {
    let text = text_of(clean, r.clone());
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (4..chars.len().min(21)).find_map(|n| {
        let b = chars.get(n)?.0;
        opens_text(text.get(b..)?).then_some(r.start + n)
    })
}

/// Cells of one column over clean indices `r`, one per stretch of the
/// source without a cut (a page marker, a line break) inside.
fn src_cells(clean: &[(char, usize)], r: Range<usize>, column: usize) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::new();
    for &(c, at) in clean.get(r).unwrap_or(&[]) {
        let end = at + c.len_utf8();
        match out.last_mut() {
            Some(cell) if cell.range.end == at => cell.range.end = end,
            _ => out.push(Cell { column, range: at..end, text: None }),
        }
    }
    out
}

/// One cell over clean indices `r`, its text without what was cut out.
fn joined_cell(clean: &[(char, usize)], r: Range<usize>, column: usize) -> Cell {
    let start = clean.get(r.start).map_or(0, |c| c.1);
    let end = clean.get(r.end.saturating_sub(1)).map_or(start, |c| c.1 + c.0.len_utf8());
    let text = text_of(clean, r);
    Cell { column, range: start..end, text: Some(text) }
}

fn line_at(lines: &[Line<'_>], at: usize) -> u32 {
    let i = lines.partition_point(|l| l.start <= at);
    lines.get(i.saturating_sub(1)).map_or(1, |l| l.number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn texts(src: &str, row: &Row, table: &Table, column: Column) -> Vec<String> {
        let c = table.find(column).unwrap();
        row.cells
            .iter()
            .filter(|x| x.column == c)
            .map(|x| x.text.clone().unwrap_or_else(|| src[x.range.clone()].to_owned()))
            .collect()
    }

    #[test]
    fn cells_run_together_are_rebuilt() {
        let src = "附件\n1、民生实事分解表序号项目名称主要内容分管领导牵头单位配合单位1改善饮水条件新建水厂2座。王小明水务局各乡镇自来水公司\
                   2提升教育质量新增学位600个。李四教育局各街道新建幼儿园3所。张三住建局城投集团\n2、序号项目名称主要内容分管领导牵头单位配合单位\
                   3扩大就业为5000人提供培训。赵六人社局高新园(邹区\n3、镇)各街道开展招聘会10场。";
        let ls = lines(src);
        let t = read(src, &ls).unwrap();
        assert_eq!(t.rows.len(), 3);
        let r1 = &t.rows[0];
        assert_eq!(texts(src, r1, &t, Column::Name), ["改善饮水条件"]);
        assert_eq!(texts(src, r1, &t, Column::Content), ["新建水厂2座。"]);
        assert_eq!(texts(src, r1, &t, Column::People), ["王小明"]);
        assert_eq!(texts(src, r1, &t, Column::Lead), ["水务局"]);
        assert_eq!(texts(src, r1, &t, Column::Cooperating), ["各乡镇", "自来水公司"]);
        // Two sentences each with their units: a sub-row.
        let r2 = &t.rows[1];
        assert_eq!(texts(src, r2, &t, Column::Lead), ["教育局"]);
        assert_eq!(r2.subrows.len(), 1);
        assert_eq!(texts(src, &r2.subrows[0], &t, Column::Lead), ["住建局"]);
        assert_eq!(texts(src, &r2.subrows[0], &t, Column::People), ["张三"]);
        // A page marker inside a name is cut out; a sentence without units
        // after it continues the row.
        let r3 = &t.rows[2];
        assert_eq!(texts(src, r3, &t, Column::Cooperating), ["高新园(邹区镇)", "各街道"]);
        assert_eq!(texts(src, r3, &t, Column::Content), ["为5000人提供培训。", "开展招聘会10场。"]);
        assert_eq!(t.furniture.len(), 3);
        assert_eq!(t.structure.len(), 2);
    }

    proptest::proptest! {
        /// Whatever the pieces a glued text is made of, every cell is a
        /// piece of the text and every row lies inside it.
        #[test]
        fn cells_are_pieces_of_the_text(pieces in proptest::collection::vec(0usize..20, 0..60)) {
            const WORDS: &[&str] = &[
                "序号项目名称主要内容分管领导牵头单位配合单位", "1", "2", "3", "新建", "学校2所", "。", "王小明",
                "教育局", "各街道", "\n2、", "(邹区", ")", "镇", "城投集团", "推进", "为", "12个", "|", "序号",
            ];
            let text: String = pieces.iter().map(|&i| WORDS[i % WORDS.len()]).collect();
            let ls = lines(&text);
            if let Some(t) = read(&text, &ls) {
                for row in t.rows.iter().chain(t.rows.iter().flat_map(|r| r.subrows.iter())) {
                    proptest::prop_assert!(text.get(row.span.clone()).is_some());
                    for c in &row.cells {
                        proptest::prop_assert!(text.get(c.range.clone()).is_some());
                    }
                }
            }
            let _ = crate::import::notice(&text);
        }
    }

    #[test]
    fn a_header_is_read_by_its_closing_words() {
        let s = "序号项目名称目标任务责任单位完成时限1新建";
        let (pieces, end) = header(s).unwrap();
        let names: Vec<&str> = pieces.iter().map(|r| &s[r.clone()]).collect();
        assert_eq!(names, ["序号", "项目名称", "目标任务", "责任单位", "完成时限"]);
        assert_eq!(&s[end..], "1新建");
    }
}
