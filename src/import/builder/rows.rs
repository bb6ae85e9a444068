//! Tasks from the rows of a table flattened to text (see
//! [`table`](crate::import::table)): number, name and content, the units of
//! the unit columns, people, deadlines and figures of the cells, sub-rows as
//! sub-tasks, the 大类 column as sections.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::model::{
    Amount, Breakdown, Measure, NumberSegment, NumberStyle, Person, Responsibility, Role, Section, SectionId,
    SourceSpan, Target, Task, TaskId, Unit,
};

use super::super::DiagnosticKind;
use super::super::table::{Column, Row, Table};
use super::super::text::{self, Folded, fold_str, name_of};
use super::{Builder, number_of_segments, renumber};

/// The unit columns a row or sub-row takes from the row above when it has
/// none of its own (a merged cell spans them).
const INHERITED: &[Column] =
    &[Column::Lead, Column::Responsible, Column::Cooperating, Column::People, Column::LeadAndPeople];

impl Builder<'_> {
    /// Makes the tasks of a table, in a section of their own (or one per
    /// 大类 group).
    pub(in crate::import) fn table(&mut self, table: &Table) {
        self.ledger.structure.push(table.header.clone());
        self.ledger.structure.extend(table.structure.iter().cloned());
        for r in &table.furniture {
            let shown = self.src.get(r.clone()).unwrap_or("").trim().to_owned();
            let line = self.line_of(r.start);
            self.diag(
                r.clone(),
                line,
                DiagnosticKind::Furniture,
                format!("page marker {shown:?} between table cells skipped"),
                None,
            );
        }
        let group = table.find(Column::Group);
        let title = if self.programme.title.is_empty() { "任务".to_owned() } else { self.programme.title.clone() };
        let mut section = Section::new(SectionId::numbered("s", self.programme.sections.len() + 1), title);
        // The last row with units or people of its own: a row that leaves
        // out its merged cells shares them.
        let mut holder: Option<&Row> = None;
        for row in &table.rows {
            if let Some(g) = group
                && let Some(r) = row.cells_of(g).next()
            {
                if !section.tasks.is_empty() {
                    self.programme.sections.push(section);
                }
                section = self.group_section(&r);
            }
            let above = if row.merged { holder } else { None };
            let task = self.row_task(table, row, above, &[]);
            section.tasks.push(task);
            let owns =
                row.cells.iter().any(|c| table.heads.get(c.column).is_some_and(|h| INHERITED.contains(&h.column)));
            if owns {
                holder = Some(row);
            }
        }
        self.programme.sections.push(section);
    }

    /// A section named by a 大类 cell (一、继续提高底线民生保障水平).
    fn group_section(&mut self, r: &Range<usize>) -> Section {
        self.ledger.structure.push(r.clone());
        let raw = self.src.get(r.clone()).unwrap_or("").trim();
        let (number, title) = match super::super::outline::marker(raw) {
            Some(m) => (number_of_segments(&[m.seg]), raw.get(m.len..).unwrap_or(raw)),
            None => (None, raw),
        };
        let mut s = Section::new(SectionId::numbered("s", self.programme.sections.len() + 1), title.trim());
        s.number = number;
        s
    }

    /// The task of a row (and its sub-rows as sub-tasks). `above` is the row
    /// whose merged cells a sub-row shares; `path` the number of the row
    /// above a sub-row.
    fn row_task(&mut self, table: &Table, row: &Row, above: Option<&Row>, path: &[NumberSegment]) -> Task {
        self.tasks += 1;
        let mut task = Task::new(TaskId::numbered("t", self.tasks), "");
        // A row's number is its 序号; a sub-row's, the marker opening its
        // text (①提标改造…, (2)新建…) under the row's number.
        let own = match row.number {
            Some(n) => Some(NumberSegment { value: n, style: NumberStyle::Arabic }),
            None => self.opening_marker(table, row),
        };
        let mut segments = path.to_vec();
        segments.extend(own);
        task.number = own.and_then(|_| number_of_segments(&segments));
        task.source =
            Some(SourceSpan { line: row.line, start: Some(row.span.start as u64), end: Some(row.span.end as u64) });
        let label = task.number.as_ref().map(ToString::to_string);
        let name: Vec<Range<usize>> = table.find(Column::Name).map(|c| row.cells_of(c).collect()).unwrap_or_default();
        let content: Vec<Range<usize>> =
            table.find(Column::Content).map(|c| row.cells_of(c).collect()).unwrap_or_default();
        // A row with a name and sub-rows of content: the name heads them, and
        // the row's own content is the first of them.
        let heads_subrows = !row.subrows.is_empty() && !name.is_empty() && table.find(Column::Content).is_some();
        let name_text = self.cell_text(&name, true);
        if heads_subrows {
            task.title = Some(name_text.clone());
            task.description = name_text;
            let mut first = row.clone();
            first.number = None;
            first.subrows.clear();
            first.cells.retain(|c| table.heads.get(c.column).is_none_or(|h| h.column != Column::Name));
            if first.cells.iter().any(|c| table.heads.get(c.column).is_some_and(|h| h.column == Column::Content)) {
                first.span = first.cells.iter().map(|c| c.range.start).min().unwrap_or(row.span.start)
                    ..first.cells.iter().map(|c| c.range.end).max().unwrap_or(row.span.end);
                let sub = self.row_task(table, &first, None, &segments);
                task.subtasks.push(sub);
            }
        } else {
            if !name.is_empty() && !content.is_empty() {
                task.title = Some(name_text.clone());
            }
            let marked = row.number.is_none() && own.is_some();
            // A content cell of a bare figure (目标: 1300) is no description.
            let bare = content.iter().all(|r| {
                rust_decimal::Decimal::from_str_exact(&fold_str(self.src.get(r.clone()).unwrap_or(""))).is_ok()
            });
            let text = if content.is_empty() || bare && !name.is_empty() {
                name_text
            } else {
                self.cell_text(&content, marked)
            };
            task.description = text;
            for (k, (steps, plan)) in self.figure_cells(table, row).into_iter().enumerate() {
                // A plan cell's steps restate only what other cells gave.
                self.restate_limit = plan.then_some(task.targets.len());
                for r in steps {
                    self.read_figures(&mut task, &[r], label.as_deref(), k > 0);
                }
                self.restate_limit = None;
            }
            self.header_figures(table, row, &mut task);
            self.row_units(table, row, above, &mut task);
        }
        for sub in &row.subrows {
            let parent = if heads_subrows { None } else { Some(row) };
            let t = self.row_task(table, sub, parent.or(Some(row)), &segments);
            task.subtasks.push(t);
        }
        task
    }

    /// The marker opening a numberless row's text (its content cell, else
    /// its name cell): ①, (1), 1.
    fn opening_marker(&self, table: &Table, row: &Row) -> Option<NumberSegment> {
        let first =
            [Column::Content, Column::Name].iter().find_map(|c| table.find(*c).and_then(|i| row.cells_of(i).next()))?;
        super::super::outline::marker(self.src.get(first)?).map(|m| m.seg)
    }

    /// The text of cells, verbatim, one cell a line; with `numbered`, a
    /// number opening the first cell (1.城市人居环境提升项目) is left out.
    fn cell_text(&self, cells: &[Range<usize>], numbered: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (k, r) in cells.iter().enumerate() {
            let raw = self.src.get(r.clone()).unwrap_or("");
            let raw = match super::super::outline::marker(raw) {
                Some(m) if numbered && k == 0 => raw.get(m.len..).unwrap_or(raw),
                _ => raw,
            };
            parts.push(
                Folded::verbatim(self.src, std::slice::from_ref(&(r.start + (r.len() - raw.len())..r.end)))
                    .text
                    .trim()
                    .to_owned(),
            );
        }
        parts.retain(|p| !p.is_empty());
        parts.join("\n")
    }

    /// The cells whose figures are the task's: name, content and plan
    /// (dated milestones, read step by step so each figure takes its own
    /// step's date); not progress, remarks or units.
    /// Each cell as its ranges, and whether it is a plan cell.
    fn figure_cells(&self, table: &Table, row: &Row) -> Vec<(Vec<Range<usize>>, bool)> {
        let mut out = Vec::new();
        for c in &row.cells {
            match table.heads.get(c.column).map(|h| h.column) {
                Some(Column::Name | Column::Content) => out.push((vec![c.range.clone()], false)),
                Some(Column::Plan) => out.push((super::super::schedule::plan_steps(self.src, c.range.clone()), true)),
                _ => {}
            }
        }
        out
    }

    /// Bare numbers under a header that names their unit (年度投资(万元): 500),
    /// bare counts in a content column (目标任务: 8950, a count of 个, or of
    /// the unit the row's name gives in brackets: 城镇新增就业人数(人)), and
    /// a 分解情况 cell's shares (元坝镇280 白果乡15 …) as the breakdown of the
    /// row's figure.
    fn header_figures(&mut self, table: &Table, row: &Row, task: &mut Task) {
        let name_unit = table
            .find(Column::Name)
            .and_then(|c| row.cells_of(c).last())
            .and_then(|r| bracket_unit(self.src.get(r).unwrap_or("")));
        let mut total: Option<usize> = None;
        for cell in &row.cells {
            let Some(head) = table.heads.get(cell.column) else { continue };
            if !matches!(head.column, Column::Figure | Column::Content) {
                continue;
            }
            let raw = self.src.get(cell.range.clone()).unwrap_or("");
            let f = fold_str(raw);
            let Ok(value) = rust_decimal::Decimal::from_str_exact(&f) else { continue };
            let (measure, value) = measure_of(head.unit.as_deref().or(name_unit.as_deref()), value);
            let id = crate::model::TargetId::numbered("x", 1);
            let subject = task.title.clone().unwrap_or_else(|| task.description.clone());
            let mut target = Target::new(id, subject, raw.trim(), measure);
            target.amount = Some(Amount::exactly(value.normalize()));
            renumber(&mut target, &format!("{}-{}", task.id, task.targets.len() + 1));
            total.get_or_insert(task.targets.len());
            task.targets.push(target);
        }
        for cell in &row.cells {
            let Some(head) = table.heads.get(cell.column) else { continue };
            if head.column != Column::Breakdown {
                continue;
            }
            let raw = self.src.get(cell.range.clone()).unwrap_or("");
            let Some(shares) = shares(raw) else {
                // Not a list of shares: read as text with figures.
                self.read_figures(task, std::slice::from_ref(&cell.range), None, true);
                continue;
            };
            let whole = total.and_then(|i| task.targets.get(i));
            let subject = match whole {
                Some(w) => w.subject.clone(),
                None => task.title.clone().unwrap_or_else(|| task.description.clone()),
            };
            let unit = head.unit.as_deref().or(name_unit.as_deref());
            let parts: Vec<Target> = shares
                .into_iter()
                .map(|(scope, phrase, value)| {
                    // Shares are in the measure of the figure they share out.
                    let (measure, value) = match whole {
                        Some(w) => (w.measure.clone(), measure_of(unit, value).1),
                        None => measure_of(unit, value),
                    };
                    let mut t = Target::new(crate::model::TargetId::numbered("x", 1), subject.clone(), phrase, measure);
                    t.amount = Some(Amount::exactly(value.normalize()));
                    t.scope = Some(scope);
                    t
                })
                .collect();
            match total.and_then(|i| task.targets.get_mut(i)) {
                Some(w) if w.breakdown.is_none() => {
                    let sum = parts.iter().filter_map(|p| p.amount.as_ref().and_then(Amount::value)).sum::<Decimal>();
                    let exhaustive = w.amount.as_ref().and_then(Amount::value) == Some(sum);
                    let id = w.id.to_string();
                    w.breakdown = Some(Breakdown { exhaustive, parts });
                    renumber(w, &id);
                }
                _ => {
                    for mut p in parts {
                        renumber(&mut p, &format!("{}-{}", task.id, task.targets.len() + 1));
                        task.targets.push(p);
                    }
                }
            }
        }
    }

    /// The units and people of a row's unit columns; a row without them
    /// takes the row above's (a merged cell).
    fn row_units(&mut self, table: &Table, row: &Row, above: Option<&Row>, task: &mut Task) {
        let has = |r: &Row, c: Column| table.find(c).is_some_and(|i| r.cells_of(i).next().is_some());
        let lead_named = has(row, Column::Lead)
            || has(row, Column::LeadAndPeople)
            || above.is_some_and(|a| has(a, Column::Lead) || has(a, Column::LeadAndPeople));
        let owns_units = row.cells.iter().any(|c| {
            table.heads.get(c.column).is_some_and(|h| INHERITED.contains(&h.column) && h.column != Column::People)
        });
        for (i, head) in table.heads.iter().enumerate() {
            if !INHERITED.contains(&head.column) {
                continue;
            }
            let texts = |r: &Row| -> Vec<String> {
                r.cells
                    .iter()
                    .filter(|c| c.column == i)
                    .map(|c| c.text.clone().unwrap_or_else(|| self.src.get(c.range.clone()).unwrap_or("").to_owned()))
                    .collect()
            };
            let own = texts(row);
            // A merged unit cell spans all unit columns: a row with units of
            // its own shares none of the row above's (people may still be).
            let shares = match head.column {
                Column::People => true,
                _ => !owns_units,
            };
            let cells = if own.is_empty() && shares { above.map(texts).unwrap_or_default() } else { own };
            for raw in cells {
                self.cell_units(head.column, &raw, lead_named, task);
            }
        }
    }

    /// The names of one unit cell, split at 、 , ; and spaces between names.
    fn cell_units(&mut self, column: Column, raw: &str, lead_named: bool, task: &mut Task) {
        let mut names = split_names(raw);
        if column == Column::LeadAndPeople {
            // 市民政局 伍泽国: the unit, then its head.
            let mut words = raw.split(text::is_space).filter(|w| !w.is_empty());
            names = words.next().map(name_of).into_iter().collect();
            for p in words {
                task.people.push(Person::new(name_of(p)).labelled("主要负责人"));
            }
        }
        if column == Column::People {
            for p in split_people(raw) {
                task.people.push(Person::new(p));
            }
            return;
        }
        let role = match column {
            Column::Lead | Column::LeadAndPeople => Role::Lead,
            Column::Cooperating => Role::Cooperating,
            _ if lead_named => Role::Cooperating,
            _ => Role::Responsible,
        };
        for n in names {
            let unit = self.registry.intern(&n);
            if !task.responsibilities.iter().any(|x| x.unit == unit) {
                task.responsibilities.push(Responsibility { unit, role });
            }
        }
    }
}

/// The unit of a bracket in a row's name or a header (城镇新增就业人数(人),
/// 年度投资(万元)): four characters at most, folded.
pub(in crate::import) fn bracket_unit(text: &str) -> Option<String> {
    let f = fold_str(text);
    let open = f.rfind('(')?;
    let inner = f.get(open + 1..)?;
    let close = inner.find(')')?;
    let u = inner.get(..close)?.trim_end_matches('%');
    let n = u.chars().count();
    ((1..=4).contains(&n) && !u.chars().any(|c| c.is_ascii_digit())).then(|| u.to_owned())
}

/// The measure of a bare number in `unit` (a header's or a name's), and
/// the number in the measure's base: 万元 → 元 ×10 000, 万人 → 人 ×10 000,
/// no unit → a count of 个.
fn measure_of(unit: Option<&str>, value: Decimal) -> (Measure, Decimal) {
    let Some(u) = unit else { return (Measure::quantity(Unit::Item), value) };
    let Ok(parsed) = u.parse::<Unit>() else { return (Measure::quantity(Unit::Item), value) };
    if parsed.dimension() == crate::model::Dimension::Money {
        return (Measure::Money, value.checked_mul(parsed.factor()).unwrap_or(value));
    }
    let magnitude = [("万", Decimal::from(10_000)), ("亿", Decimal::from(100_000_000))];
    for (m, factor) in magnitude {
        if let Some(rest) = u.strip_prefix(m)
            && !rest.is_empty()
            && let Ok(base) = rest.parse::<Unit>()
        {
            return (Measure::quantity(base), value.checked_mul(factor).unwrap_or(value));
        }
    }
    (Measure::quantity(parsed), value)
}

/// A cell of shares, each a place or unit and its number (元坝镇280
/// 白果乡15 拣银岩街道办40), separated by spaces or 、,;: the places, the
/// shares as written and their numbers; `None` unless every piece is one.
fn shares(raw: &str) -> Option<Vec<(String, String, Decimal)>> {
    let mut out = Vec::new();
    for piece in raw.split(|c: char| text::is_space(c) || matches!(c, '、' | ',' | '，' | ';' | '；')) {
        let piece = piece.trim_end_matches(['。', '|']);
        if piece.is_empty() {
            continue;
        }
        let name = piece.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '０'..='９' | '．'));
        let number = fold_str(piece.get(name.len()..).unwrap_or(""));
        if name.chars().count() < 2 || !name.chars().all(crate::parse::is_cjk) {
            return None;
        }
        let value = Decimal::from_str_exact(&number).ok()?;
        out.push((name_of(name), piece.to_owned(), value));
    }
    (out.len() >= 2).then_some(out)
}

/// Splits a cell of unit names at 、 , ; / and at spaces that stand between
/// whole names (县教体局 各相关乡镇政府), not inside one broken by a space
/// (自治区人力资 源社会保障厅); names keep their own characters, glosses dropped.
fn split_names(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in raw.split(['、', ',', '，', ';', '；', '/', '\n']) {
        let words: Vec<&str> = piece.split(text::is_space).filter(|w| !w.is_empty()).collect();
        let whole = words.len() > 1 && words.iter().all(|w| ends_like_unit(&fold_str(w)));
        if whole {
            out.extend(words.iter().map(|w| name_of(w)));
        } else {
            out.push(name_of(piece));
        }
    }
    out.retain(|n| !n.is_empty() && n.chars().count() >= 2);
    out
}

/// People in a cell: split at separators and at spaces between names of
/// two or more characters (刘 强 is one name).
fn split_people(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in raw.split(['、', ',', '，', ';', '；', '/', '\n']) {
        let words: Vec<&str> = piece.split(text::is_space).filter(|w| !w.is_empty()).collect();
        if words.len() > 1 && words.iter().all(|w| w.chars().count() >= 2) {
            out.extend(words.iter().map(|w| (*w).to_owned()));
        } else if !piece.trim().is_empty() {
            out.push(piece.trim().to_owned());
        }
    }
    out
}

/// `true` for a name that ends like a unit's (局, 政府, 街道…).
fn ends_like_unit(f: &str) -> bool {
    [
        "局", "委", "办", "厅", "院", "政府", "街道", "镇", "乡", "中心", "公司", "集团", "社", "队", "站", "会", "部",
        "处", "室", "区", "县", "联", "单位",
    ]
    .iter()
    .any(|e| f.ends_with(e))
}

#[cfg(test)]
mod tests {
    use crate::import::notice;
    use crate::model::{Programme, Role, Task};

    /// Each task as its number, description and the names of its units in `role`.
    fn units(p: &Programme, t: &Task, role: Role) -> Vec<String> {
        t.units_with(role).map(|u| p.unit_name(u).to_owned()).collect()
    }

    #[test]
    fn sub_rows_take_their_markers_as_numbers() {
        let text = "序号\n项目名称\n主要内容\n进度要求\n责任单位\n1\n改善居住条件\n①改造30个老旧小区。\n\
                    三季度完成50%\n县住建局\n②新建10座公厕。\n年底前投入使用\n县城管局\n";
        let p = notice(text).programme;
        let all: Vec<(String, String)> = p
            .tasks()
            .map(|t| (t.number.as_ref().map(ToString::to_string).unwrap_or_default(), t.description.clone()))
            .collect();
        assert_eq!(
            all,
            [
                ("1".to_owned(), "改善居住条件".to_owned()),
                ("1.①".to_owned(), "改造30个老旧小区。".to_owned()),
                ("1.②".to_owned(), "新建10座公厕。".to_owned())
            ]
        );
        let second = p.tasks().nth(2).unwrap();
        assert_eq!(units(&p, second, Role::Responsible), ["县城管局"]);
    }

    #[test]
    fn rows_without_numbers_share_merged_cells_and_break_their_figure_down() {
        // 项目 spans three columns (area, programme, indicator); the rows below
        // the first leave out the area, the programme and the merged units.
        let text = "附件\n项 目 | 目标 | 分 解 情 况 | 责任领导 | 责任单位 |\n\
                    教 育 工 程 | 改善办学条件 | 新建校舍(万平方米) | 1.5 | 甲镇1 乙乡0.5 | 王 五 | 区教育局 |\n\
                    新增学位(个) | 900 | 甲镇600 乙乡300 |\n";
        let p = notice(text).programme;
        assert_eq!(p.sections.len(), 1);
        assert_eq!(p.sections[0].title, "教 育 工 程");
        let tasks: Vec<&Task> = p.tasks().collect();
        assert_eq!(tasks.len(), 2);
        for t in &tasks {
            assert_eq!(units(&p, t, Role::Responsible), ["区教育局"]);
            assert_eq!(t.people.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["王 五"]);
        }
        let area = &tasks[0].targets[0];
        assert_eq!(area.amount.as_ref().and_then(|a| a.value()), Some(rust_decimal_macros::dec!(15000)));
        assert_eq!(area.unit().map(|u| u.symbol().to_owned()).as_deref(), Some("平方米"));
        let parts = &area.breakdown.as_ref().unwrap().parts;
        let shares: Vec<(Option<&str>, String)> = parts
            .iter()
            .map(|x| (x.scope.as_deref(), x.amount.as_ref().unwrap().value().unwrap().to_string()))
            .collect();
        assert_eq!(shares, [(Some("甲镇"), "10000".to_owned()), (Some("乙乡"), "5000".to_owned())]);
        assert!(area.breakdown.as_ref().unwrap().exhaustive);
        let seats = &tasks[1].targets[0];
        assert_eq!(tasks[1].description, "新增学位(个)");
        assert_eq!(seats.amount.as_ref().and_then(|a| a.value()), Some(rust_decimal_macros::dec!(900)));
        assert_eq!(seats.breakdown.as_ref().unwrap().parts.len(), 2);
    }

    #[test]
    fn grave_plots_are_counted_in_their_measure_word() {
        let text = "项目名称 | 工作任务 | 牵头单位 |\n1.公墓建设 | 新增墓穴5000穴。 | 民政局 |\n";
        let p = notice(text).programme;
        let t = p.tasks().next().unwrap();
        assert_eq!(t.targets.len(), 1);
        assert_eq!(t.targets[0].unit().map(|u| u.symbol().to_owned()).as_deref(), Some("穴"));
    }

    #[test]
    fn each_step_of_a_plan_cell_is_dated_by_its_own_words() {
        let text = "序号 | 实事项目 | 实施计划 | 责任单位 |\n1 | 新建驿站7家。 | \
                    1.驿站:3月底前新建成2家;6月底前新建成2家;9月底前完成7家。 2.9月底竣工70%以上,11月底100%竣工 | 卫健局 |\n";
        let p = notice(text).programme;
        let t = p.tasks().next().unwrap();
        let figures: Vec<(String, Option<String>)> = t
            .targets
            .iter()
            .map(|x| {
                (
                    x.amount.as_ref().and_then(|a| a.value()).unwrap().to_string(),
                    x.deadline.as_ref().map(|d| d.text.clone()),
                )
            })
            .collect();
        let dated = |v: &str, d: &str| (v.to_owned(), Some(d.to_owned()));
        assert_eq!(
            figures,
            [
                dated("7", "9月底前"),
                dated("2", "3月底前"),
                dated("2", "6月底前"),
                dated("70", "9月底"),
                dated("100", "11月底")
            ]
        );
    }

    #[test]
    fn cells_that_clash_with_their_columns_are_placed_by_what_they_hold() {
        // Task and target share one cell, so the row has one cell fewer than
        // the header and an empty closing cell makes the count match again.
        let text = "序号 |\n主要任务 |\n全年目标 |\n分管领导 |\n牵头单位 |\n配合单位 |\n推进情况 |\n\
                    1 |\n新建公厕10座。 |\n王五 |\n城管局 |\n环卫处、各街道 |\n已完成5座。 |\n|\n";
        let p = notice(text).programme;
        let t = p.tasks().next().unwrap();
        assert_eq!(units(&p, t, Role::Lead), ["城管局"]);
        assert_eq!(units(&p, t, Role::Cooperating), ["环卫处", "各街道"]);
        assert_eq!(t.people.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["王五"]);
    }
}
