//! The builder: turns the outline of a notice (numbered items, their
//! clauses, sections and passages) into a draft programme, keeping the
//! account of what it read.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::{
    Deadline, DeclaredCount, DocumentRef, Lifecycle, Method, NumberSegment, NumberStyle, Passage, Phase, Programme,
    ProgrammeId, Provenance, Responsibility, Section, SectionId, SourceSpan, Target, TargetId, Task, TaskId,
    TaskNumber,
};
use crate::parse::parse_targets_in_year;

use super::accounting::{self, Accounting};
use super::outline::{self, Node, Outline};
use super::text::{self, Folded, fold_str, restrict, trim_range};
use super::units::Registry;
use super::{Diagnostic, DiagnosticKind, Import, Options, clause, glued, header, layout, schedule, table};

mod rows;

/// The programme year a draft gets when neither the options nor the text
/// give one; always reported as [`DiagnosticKind::Assumed`].
const ASSUMED_YEAR: i32 = 2000;

/// Headings of the notice's parts that set out no tasks.
const PASSAGE_HEADINGS: &[&str] = &[
    "总体思路",
    "指导思想",
    "相关要求",
    "工作要求",
    "工作步骤",
    "组织保障",
    "保障措施",
    "目标和要求",
    "总体要求",
    "基本原则",
    "实施步骤",
    "组织领导",
    "有关要求",
    "具体要求",
    "工作目标",
    "目标任务",
    // The parts of a policy interpretation (政策解读) around its contents.
    "目的",
    "背景",
    "依据",
    "起草过程",
];

/// Imports a notice's text: outline, header, then every part of the body.
pub(super) fn build(text: &str, options: &Options) -> Import {
    let all_lines = text::lines(text);
    // A table flattened to text is read first; the outline is of the rest.
    let mut tables = table::read_all(text, &all_lines);
    if tables.is_empty() {
        tables.extend(glued::read(text, &all_lines));
    }
    let lines: Vec<text::Line<'_>> = all_lines
        .iter()
        .enumerate()
        .filter(|(k, _)| !tables.iter().any(|t| t.lines.contains(k)))
        .map(|(_, l)| *l)
        .collect();
    let o = outline::outline(text, &lines);
    let all: Vec<(u32, Range<usize>)> = all_lines.iter().map(|l| (l.number, l.range())).collect();
    let h = header::read(text, &o.head, &all);
    let mut b = Builder::new(text, &lines, options, &h);
    if tables.is_empty() {
        b.cell_money = text::header_money_unit(&all_lines);
        b.unit_column = unit_column(text, &o.head);
    }
    for (line, r) in &o.furniture {
        let shown = text.get(r.clone()).unwrap_or("").trim();
        b.diag(r.clone(), *line, DiagnosticKind::Furniture, format!("page furniture {shown:?} skipped"), None);
    }
    b.header(&h, &o);
    b.ledger.metadata.extend(all.iter().filter(|(n, _)| h.used.contains(n)).map(|(_, r)| r.clone()));
    // Items whose sub-items are fields ((一)责任领导:…) take them in first.
    let roots: Vec<Node> = o.roots.iter().map(|r| b.with_fields(r)).collect();
    let o = Outline { roots, ..o };
    b.clauses_anywhere = o.roots.iter().any(|r| b.has_clause(r));
    if !tables.is_empty() {
        for t in &tables {
            b.table(t);
        }
        for root in &o.roots {
            b.passage(root, false);
        }
    } else if b.clauses_anywhere {
        b.clause_mode(&o.roots);
    } else {
        b.list_mode(&o.roots);
    }
    if b.programme.task_count() == 0 {
        // No numbered list: a bare list after a lead-in (具体包括:), or
        // paragraphs each opening with the item's name (城乡人居环境整治工程。…).
        let items = outline::field_items(text, &o.head)
            .or_else(|| outline::bullet_list(text, &o.head))
            .or_else(|| outline::bare_list(text, &o.head))
            .or_else(|| outline::inline_list(text, &o.head))
            .or_else(|| outline::run_in_list(text, &o.head))
            .or_else(|| outline::headed_paragraphs(text, &o.head))
            .or_else(|| outline::clause_paragraphs(text, &o.head))
            .or_else(|| outline::commitment_sentences(text, &o.head));
        if let Some(items) = items {
            b.unheaded_items(&items);
        }
    }
    b.finish()
}

pub(super) struct Builder<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
    year: i32,
    registry: Registry,
    programme: Programme,
    diagnostics: Vec<Diagnostic>,
    tasks: usize,
    clauses: usize,
    /// Tasks without a clause: reported at the end if the notice gives clauses at all.
    unclaused: Vec<Diagnostic>,
    /// Set while reading items whose siblings carry short headings: their
    /// first sentences may then be longer headings too (以就业促增收,增加…).
    titled_siblings: bool,
    /// Whether any item of the notice carries a responsibility clause.
    clauses_anywhere: bool,
    /// What was read as structure and metadata, for the [`Accounting`].
    ledger: accounting::Ledger,
    /// Text kept as passages, with why it is no task: reported when it lies
    /// inside the task list.
    kept: Vec<(Range<usize>, String)>,
    /// While the steps of one plan cell are read one by one: how many of
    /// the task's targets they may restate (those read before the cell, not
    /// an earlier step's: 3月底前新建成2家;6月底前新建成2家 are two figures).
    restate_limit: Option<usize>,
    /// The money unit (in 元) a table header gives the bare numbers of a
    /// table flattened into running text (单位:万元), when the notice has one.
    cell_money: Option<rust_decimal::Decimal>,
    /// The role of the unit column a table flattened into running text
    /// names in its header (牵头单位 → lead, 责任单位 → responsible): the
    /// unit ending a row without a clause has it.
    unit_column: Option<crate::Role>,
    /// Set while reading the sub-items of a task that carries a clause:
    /// they answer to it, so naming no unit of their own is no defect.
    under_clause: bool,
}

fn year_in(s: &str) -> Option<i32> {
    let f = fold_str(s);
    let i = f.find('年')?;
    let head = f.get(..i)?;
    let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    digits.chars().rev().collect::<String>().parse().ok()
}

fn style_text(seg: NumberSegment) -> String {
    let n = seg.value;
    let zh = crate::model::number::chinese_numeral(n);
    match seg.style {
        NumberStyle::Arabic => n.to_string(),
        NumberStyle::ParenArabic => format!("({n})"),
        NumberStyle::Circled => char::from_u32(0x2460 + n.saturating_sub(1)).map_or(format!("({n})"), String::from),
        NumberStyle::Chinese => zh,
        NumberStyle::ParenChinese => format!("({zh})"),
        NumberStyle::ChineseShi => format!("{zh}是"),
    }
}

/// The number of an item at the end of `path`: `None` when the item itself
/// is unnumbered; unnumbered levels above it are left out.
fn number_of(path: &[Option<NumberSegment>]) -> Option<TaskNumber> {
    path.last().copied().flatten()?;
    let path: Vec<NumberSegment> = path.iter().flatten().copied().collect();
    number_of_segments(&path)
}

pub(super) fn number_of_segments(path: &[NumberSegment]) -> Option<TaskNumber> {
    let s: Vec<String> = path.iter().map(|s| style_text(*s)).collect();
    s.join(".").parse().ok()
}

/// The role of the unit column of a table header among `head` (the lines
/// before the list): a line with 牵头单位 (lead) or 责任单位 (responsible)
/// beside another column's words (项目名称, 目标任务…).
fn unit_column(src: &str, head: &[(u32, Range<usize>)]) -> Option<crate::Role> {
    head.iter().find_map(|(_, r)| {
        let f = fold_str(src.get(r.clone()).unwrap_or(""));
        let words = layout::HEADER_WORDS.iter().filter(|w| f.contains(*w)).count();
        if words < 2 {
            return None;
        }
        if f.contains("牵头单位") {
            Some(crate::Role::Lead)
        } else if f.contains("责任单位") {
            Some(crate::Role::Responsible)
        } else {
            None
        }
    })
}

/// Characters a unit's name ends with (自治区民政厅, 市医保局, 县卫健委).
const UNIT_ENDINGS: &[char] =
    &['厅', '局', '委', '办', '院', '府', '部', '会', '社', '室', '所', '司', '团', '队', '馆', '联'];

/// The name ending a row of a table flattened into running text, after the
/// row's last sentence (`…发放生活补助. 自治区民政厅`): a short name of a
/// unit, no figure in it. Its folded range.
fn trailing_unit(folded: &str) -> Option<Range<usize>> {
    let end = folded.trim_end_matches(['-', '―', '—', '–']).len();
    let stop = folded.get(..end)?.rfind(['.', '。'])? + 1;
    let name = folded.get(stop..end)?;
    let n = name.chars().count();
    ((2..=20).contains(&n)
        && name.ends_with(UNIT_ENDINGS)
        && !name.chars().any(|c| c.is_ascii_digit() || "(),;:、".contains(c)))
    .then_some(stop..end)
}

/// The count a heading declares: 新增6项民生工程, 促进就业(3项), 实施10件惠民实事.
fn declared_count(title: &str) -> Option<u32> {
    let f = fold_str(title);
    for unit in ["项", "件"] {
        for (i, _) in f.match_indices(unit) {
            let head = f.get(..i).unwrap_or("");
            let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                return digits.chars().rev().collect::<String>().parse().ok();
            }
            let zh: String = head.chars().rev().take_while(|c| "一二三四五六七八九十".contains(*c)).collect();
            if !zh.is_empty() {
                return crate::model::number::chinese_value(&zh.chars().rev().collect::<String>());
            }
        }
    }
    None
}

fn lifecycle_of(title: &str) -> Option<Lifecycle> {
    if title.starts_with("新增") {
        Some(Lifecycle::New)
    } else if title.starts_with("退出") {
        Some(Lifecycle::Exited)
    } else if title.starts_with("调整") {
        Some(Lifecycle::Adjusted)
    } else if title.starts_with("继续") {
        Some(Lifecycle::Continued)
    } else {
        None
    }
}

impl<'a> Builder<'a> {
    fn new(src: &'a str, lines: &[text::Line<'a>], options: &Options, h: &header::Header) -> Self {
        let found_year = options
            .year
            .or_else(|| h.title.as_deref().and_then(year_in))
            .or_else(|| h.number.as_ref().map(|n| n.year))
            .or_else(|| h.written.map(|d| chrono::Datelike::year(&d)))
            .or(h.year_hint);
        let year = found_year.unwrap_or(ASSUMED_YEAR);
        let jurisdiction = match &h.issuer {
            Some(i) => header::jurisdiction_of(i),
            None => crate::model::Jurisdiction::new("", crate::model::AdminLevel::Prefecture),
        };
        let registry = Registry::new(&jurisdiction);
        let id = ProgrammeId::numbered("import-", usize::try_from(year.unsigned_abs()).unwrap_or(0));
        let title = h.title.clone().unwrap_or_default();
        let mut programme = Programme::new(id, title, year, jurisdiction);
        programme.provenance = Some(Provenance {
            source: options.source.clone().unwrap_or_else(|| "text".to_owned()),
            method: Some(Method::Import),
            retrieved: None,
            notes: Some(format!("imported by minsheng {}; a draft to review", env!("CARGO_PKG_VERSION"))),
        });
        let mut assumed = Vec::new();
        if found_year.is_none() {
            assumed.push(format!(
                "no programme year found (in the title, the document number or the dates): {ASSUMED_YEAR} is assumed; give the year explicitly when importing"
            ));
        }
        if h.issuer.is_none() {
            assumed.push(
                "no issuer found, so the jurisdiction is not known: its name is left empty and the level prefecture is assumed"
                    .to_owned(),
            );
        }
        let diagnostics =
            assumed.into_iter().map(|reason| Diagnostic::new(0..0, 1, DiagnosticKind::Assumed, reason, None)).collect();
        Self {
            src,
            line_starts: lines.iter().map(|l| l.start).collect(),
            year,
            registry,
            programme,
            diagnostics,
            tasks: 0,
            clauses: 0,
            unclaused: Vec::new(),
            titled_siblings: false,
            clauses_anywhere: false,
            ledger: accounting::Ledger::default(),
            kept: Vec::new(),
            restate_limit: None,
            cell_money: None,
            unit_column: None,
            under_clause: false,
        }
    }

    fn line_of(&self, at: usize) -> u32 {
        let k = self.line_starts.partition_point(|&s| s <= at);
        u32::try_from(k.max(1)).unwrap_or(u32::MAX)
    }

    fn diag(&mut self, span: Range<usize>, line: u32, kind: DiagnosticKind, reason: String, task: Option<String>) {
        self.diagnostics.push(Diagnostic::new(span, line, kind, reason, task));
    }

    fn header(&mut self, h: &header::Header, o: &Outline) {
        let mut doc = DocumentRef {
            number: h.number.clone(),
            written: h.written,
            published: h.published,
            ..DocumentRef::default()
        };
        doc.index_number.clone_from(&h.index_number);
        if let Some(i) = &h.issuer {
            let id = self.registry.intern(i);
            self.registry.set_level(&id, self.programme.jurisdiction.level);
            doc.issuers.push(id);
        }
        self.programme.document = doc;
        if h.parent_number.is_some() || h.parent_title.is_some() {
            let mut parent = DocumentRef {
                number: h.parent_number.clone(),
                title: h.parent_title.clone(),
                ..DocumentRef::default()
            };
            if let Some(i) = &h.parent_issuer {
                parent.issuers.push(self.registry.intern(i));
            }
            self.programme.parent = Some(parent);
        }
        self.programme.addressees.clone_from(&h.addressees);
        self.programme.copied_to.clone_from(&h.copied_to);
        let at = o.head.first().map_or(0, |x| x.1.start);
        let missing: Vec<&str> = [
            (h.title.is_none(), "title (a line with 关于…通知)"),
            (h.number.is_none(), "document number (机关代字〔年份〕序号号)"),
            (h.issuer.is_none(), "issuer (…人民政府办公厅 / 办公室)"),
        ]
        .into_iter()
        .filter_map(|(m, w)| m.then_some(w))
        .collect();
        for m in missing {
            self.diag(
                at..at,
                self.line_of(at),
                DiagnosticKind::MissingMetadata,
                format!("no {m} found in the header"),
                None,
            );
        }
        // The preamble: header lines that are prose, not metadata.
        let prose: Vec<&(u32, Range<usize>)> = o
            .head
            .iter()
            .filter(|(n, r)| {
                !h.used.contains(n) && {
                    let f = fold_str(self.src.get(r.clone()).unwrap_or(""));
                    f.contains(['。', ',']) && f.chars().count() > 20
                }
            })
            .collect();
        for (n, r) in prose {
            let text = self.src.get(r.clone()).unwrap_or("").trim().to_owned();
            self.reporting_in(&text);
            self.programme.passages.push(Passage {
                heading: None,
                text,
                source: Some(SourceSpan { line: *n, start: Some(r.start as u64), end: Some(r.end as u64) }),
            });
        }
    }

    fn folded(&self, node: &Node) -> Folded {
        Folded::new(self.src, &node.content)
    }

    /// The folded range of a node's first line when it is a heading of its
    /// own above more lines: short, no punctuation of a sentence, no figure
    /// (教育, 减免学前教育保教费).
    fn heading_line(&self, node: &Node, f: &Folded) -> Option<Range<usize>> {
        let first = node.content.first()?;
        if node.content.len() < 2 {
            return None;
        }
        let r = f.local(first);
        let t = f.text.get(r.clone())?;
        let n = t.chars().count();
        // 新建幼儿园 / 5所。: a sentence broken over lines before its figure.
        let broken = f.text.get(r.end..).and_then(|rest| rest.chars().next()).is_some_and(|c| c.is_ascii_digit());
        ((1..=20).contains(&n)
            && !broken
            && !t.contains(['。', ',', ';', ':', '(', ')'])
            && crate::parse::parse_targets(t).is_empty()
            && !t.chars().any(|c| c.is_ascii_digit()))
        .then_some(r)
    }

    /// The folded range of a node's responsibility clause: closing its text,
    /// or closing its first line (a heading whose body follows, a clause with
    /// a short remark after it).
    fn clause_in(&self, node: &Node, f: &Folded) -> Option<Range<usize>> {
        clause::locate(&f.text).or_else(|| {
            let first = node.content.first()?;
            let end = f.local(first).end;
            outline::heading_clause(f.text.get(..end)?)
        })
    }

    fn is_heading(&self, node: &Node) -> bool {
        !node.children.is_empty() && self.clause_in(node, &self.folded(node)).is_none()
    }

    /// `true` when the item or one below it carries a responsibility clause.
    fn has_clause(&self, node: &Node) -> bool {
        self.clause_in(node, &self.folded(node)).is_some() || node.children.iter().any(|c| self.has_clause(c))
    }

    /// A notice that gives responsibility clauses: top-level items that
    /// carry their own clause are tasks (一、新建幼儿园5所。(市教育局牵头)),
    /// consecutive ones forming a section without a heading; the other
    /// top-level items are sections or passages.
    fn clause_mode(&mut self, roots: &[Node]) {
        let mut pending: Vec<&Node> = Vec::new();
        for (k, root) in roots.iter().enumerate() {
            if self.clause_in(root, &self.folded(root)).is_some()
                || self.cut_off_task(root, &pending, k + 1 == roots.len())
                || self.unclaused_sibling(root, &pending, roots.get(k + 1))
            {
                pending.push(root);
                continue;
            }
            self.unheaded(&mut pending);
            self.root(root);
        }
        self.unheaded(&mut pending);
    }

    /// `true` for the last item of a text cut off inside it (an excerpt that
    /// stops at `四、促进城乡就业…参保人数465`), numbered like the tasks before
    /// it: a task whose clause the text lost, not a part without tasks.
    fn cut_off_task(&self, node: &Node, tasks_before: &[&Node], last: bool) -> bool {
        let style = |n: &Node| n.seg.map(|s| s.style);
        last && node.children.is_empty()
            && tasks_before.last().is_some_and(|t| style(t) == style(node))
            && !self.is_passage_heading(node)
            && outline::cut_off(self.src, self.node_end(node))
    }

    /// `true` for an item numbered like the tasks before it that names no
    /// unit but commits a figure (`4.新建公园2个。` after `3.…(牵头单位:X)`),
    /// or stands between two tasks: a task whose clause the notice left out
    /// (reported as such), not a part without tasks dropped into a passage.
    fn unclaused_sibling(&self, node: &Node, tasks_before: &[&Node], next: Option<&Node>) -> bool {
        let style = |n: &Node| n.seg.map(|s| s.style);
        let same = tasks_before.last().is_some_and(|t| style(t) == style(node));
        let between = next.is_some_and(|n| style(n) == style(node) && self.clause_in(n, &self.folded(n)).is_some());
        let commits = || !crate::parse::parse_targets(&Folded::verbatim(self.src, &node.content).text).is_empty();
        same && node.children.is_empty() && !self.is_passage_heading(node) && (between || commits())
    }

    /// A notice without responsibility clauses (a list voted by a congress,
    /// a news report, a 政府工作报告 excerpt): the top-level items are the
    /// tasks, those with items below them parent tasks, unless every one of
    /// them holds items (or counts them), which makes them sections. Parts
    /// headed 总体要求, 保障措施… are passages either way.
    fn list_mode(&mut self, roots: &[Node]) {
        let candidates: Vec<&Node> = roots.iter().filter(|r| !self.is_passage_heading(r)).collect();
        let sections = !candidates.is_empty()
            && candidates.iter().all(|r| !r.children.is_empty() || declared_count(&self.first_line(r)).is_some());
        let mut pending: Vec<&Node> = Vec::new();
        for root in roots {
            if self.is_passage_heading(root) {
                self.unheaded(&mut pending);
                self.passage(root, true);
            } else if sections {
                self.root(root);
            } else {
                pending.push(root);
            }
        }
        self.unheaded(&mut pending);
    }

    /// The folded first line of a node.
    fn first_line(&self, node: &Node) -> String {
        node.content.first().map(|r| fold_str(self.src.get(r.clone()).unwrap_or(""))).unwrap_or_default()
    }

    /// `true` when the node heads a part that sets out no tasks (总体要求, 保障措施…).
    fn is_passage_heading(&self, node: &Node) -> bool {
        let first = self.first_line(node);
        // 1. 您比较关注哪些项目?: a question of a solicitation of opinions.
        let question = first.trim_end_matches(['。', '.']).ends_with('?');
        question
            || PASSAGE_HEADINGS.iter().any(|w| first.starts_with(w) || first.chars().count() < 12 && first.contains(w))
    }

    /// Makes a section without a heading of unnumbered items; the
    /// separators between items of one line (、 ;) are the list's structure.
    fn unheaded_items(&mut self, items: &[Node]) {
        for pair in items.windows(2) {
            let (a, b) = (self.span_of(&pair[0]), self.span_of(&pair[1]));
            if let (Some(end), Some(start)) = (a.end, b.start)
                && a.line == b.line
                && end <= start
            {
                self.ledger.structure.push(end as usize..start as usize);
            }
        }
        let mut refs: Vec<&Node> = items.iter().collect();
        self.unheaded(&mut refs);
    }

    /// Makes a section without a heading of top-level items that are tasks.
    fn unheaded(&mut self, items: &mut Vec<&Node>) {
        if items.is_empty() {
            return;
        }
        let n = self.programme.sections.len() + 1;
        let title = if self.programme.title.is_empty() { "任务".to_owned() } else { self.programme.title.clone() };
        let mut section = Section::new(SectionId::numbered("s", n), title);
        let nodes: Vec<Node> = items.iter().map(|n| (*n).clone()).collect();
        self.titled_siblings = self.any_titled(&nodes);
        for node in items.drain(..) {
            let task = self.task(node, &[node.seg]);
            section.tasks.push(task);
            self.tails(node);
        }
        self.programme.sections.push(section);
    }

    fn root(&mut self, root: &Node) {
        let f = self.folded(root);
        let first_line =
            root.content.first().map(|r| fold_str(self.src.get(r.clone()).unwrap_or(""))).unwrap_or_default();
        let keyword = self.is_passage_heading(root)
            || PASSAGE_HEADINGS
                .iter()
                .any(|w| f.text.starts_with(w) || f.text.chars().count() < 12 && f.text.contains(w));
        // Text that sets out no task: a part with neither items nor a count,
        // or one without any clause in a notice that gives clauses.
        let no_tasks = (root.children.is_empty() && declared_count(&first_line).is_none() && self.clauses_anywhere)
            || (self.clauses_anywhere && !self.has_clause(root));
        // 一、总体思路 holding (一)… with clauses: the list lost its own
        // heading (二、主要任务) and hangs under the one before.
        let holds_tasks = !root.children.is_empty() && root.children.iter().any(|c| self.has_clause(c));
        if (keyword && !holds_tasks) || no_tasks {
            self.passage(root, true);
            return;
        }
        if !root.children.is_empty() && root.children.iter().all(|c| self.is_heading(c)) {
            // The area's own text (各地区、各部门要高度重视…), not its sections'.
            let intro: Vec<String> =
                root.content.iter().skip(1).map(|r| self.src.get(r.clone()).unwrap_or("").trim().to_owned()).collect();
            let intro = intro.join("\n");
            self.ledger.structure.push(root.marker.start..root.content.first().map_or(root.marker.end, |r| r.end));
            self.ledger.structure.extend(root.content.iter().skip(1).cloned());
            // Kept even without a text of its own: the heading says what its
            // sections are (一、工作任务).
            self.programme.passages.push(Passage {
                heading: Some(self.verbatim_line(root)),
                text: intro,
                source: Some(self.span_of(root)),
            });
            for s in &root.children {
                self.section(s);
            }
        } else {
            self.section(root);
        }
        self.tails(root);
    }

    fn span_of(&self, node: &Node) -> SourceSpan {
        let end = node.content.last().map_or(node.marker.end, |r| r.end);
        SourceSpan { line: node.line, start: Some(node.marker.start as u64), end: Some(end as u64) }
    }

    /// A node's first line verbatim (number and heading).
    fn verbatim_line(&self, node: &Node) -> String {
        let end = node.content.first().map_or(node.marker.end, |r| r.end);
        self.src.get(node.marker.start..end).unwrap_or("").trim().to_owned()
    }

    /// A node's text below its first line, or all of it with `whole`,
    /// descendants included, one paragraph a line.
    fn passage_text(&self, node: &Node, whole: bool) -> String {
        let mut out: Vec<String> = Vec::new();
        let skip = usize::from(!whole);
        for r in node.content.iter().skip(skip) {
            out.push(self.src.get(r.clone()).unwrap_or("").trim().to_owned());
        }
        let mut stack: Vec<&Node> = node.children.iter().rev().collect();
        while let Some(n) = stack.pop() {
            let first = n.content.first().map_or(n.marker.end, |r| r.end);
            out.push(self.src.get(n.marker.start..first).unwrap_or("").trim().to_owned());
            for r in n.content.iter().skip(1) {
                out.push(self.src.get(r.clone()).unwrap_or("").trim().to_owned());
            }
            for (_, r) in &n.tail {
                out.push(self.src.get(r.clone()).unwrap_or("").trim().to_owned());
            }
            stack.extend(n.children.iter().rev());
        }
        out.retain(|s| !s.is_empty());
        out.join("\n")
    }

    fn passage(&mut self, root: &Node, with_phases: bool) {
        let text = self.passage_text(root, false);
        if with_phases {
            for child in &root.children {
                self.phase(child);
            }
        }
        self.reporting_in(&text);
        for (_, r) in &root.tail {
            let t = self.src.get(r.clone()).unwrap_or("").to_owned();
            self.reporting_in(&t);
        }
        let heading = self.verbatim_line(root);
        let end = self.node_end(root);
        self.kept.push((
            root.marker.start..end,
            format!("the part headed {heading:?} sets out no tasks; kept as a passage"),
        ));
        // The passage's span runs to the end of its last line, sub-items included.
        let mut span = self.span_of(root);
        span.end = Some(end as u64);
        self.programme.passages.push(Passage { heading: Some(heading), text, source: Some(span) });
    }

    /// Where a node's text ends, its descendants and the lines after its clause included.
    fn node_end(&self, node: &Node) -> usize {
        let own = node.content.last().map_or(node.marker.end, |r| r.end);
        let tail = node.tail.last().map_or(own, |(_, r)| r.end);
        node.children.last().map_or(tail, |c| self.node_end(c).max(tail))
    }

    fn phase(&mut self, node: &Node) {
        let f = self.folded(node);
        let Some((name, timing)) = schedule::phase_heading(&f.text) else { return };
        let Some(timing_text) = f.text.get(timing.clone()) else { return };
        let Ok(mut deadline) = Deadline::parse(timing_text, self.year) else { return };
        deadline.text = self.src.get(f.orig_range(timing.clone())).unwrap_or("").to_owned();
        let after = timing.end + ')'.len_utf8();
        let rest = f.text.get(after..).unwrap_or("").trim_start_matches(['。', '.']);
        let start = f.text.len() - rest.len();
        let description = (!rest.is_empty()).then(|| {
            let r = f.orig_range(start..f.text.len());
            Folded::verbatim(self.src, &restrict(&node.content, &r)).text
        });
        self.programme.phases.push(Phase {
            name: self.src.get(f.orig_range(name)).unwrap_or("").to_owned(),
            timing: deadline,
            description,
            extra: crate::model::Extra::new(),
        });
    }

    /// Adds the reporting duties the sentences of `text` set.
    fn reporting_in(&mut self, text: &str) {
        for sentence in text.split_inclusive('。') {
            let f = fold_str(sentence);
            if let Some(mut r) = schedule::reporting(&f, sentence.trim(), self.year) {
                let (reporters, recipients) = schedule::parties(&f);
                r.reporters = reporters.iter().map(|n| self.registry.intern(n)).collect();
                r.recipients = recipients.iter().map(|n| self.registry.intern(n)).collect();
                self.programme.reporting.push(r);
            }
        }
    }

    /// Lines after items' clauses: passages of their own.
    fn tails(&mut self, node: &Node) {
        if !node.tail.is_empty() {
            let text: Vec<String> =
                node.tail.iter().map(|(_, r)| self.src.get(r.clone()).unwrap_or("").trim().to_owned()).collect();
            let text = text.join("\n");
            self.reporting_in(&text);
            let (line, r) = node.tail.first().cloned().unwrap_or((node.line, 0..0));
            let end = node.tail.last().map_or(r.end, |(_, t)| t.end);
            let label = number_of(&[node.seg]).map_or_else(|| "the item".to_owned(), |n| format!("item {n}"));
            self.kept.push((
                r.start..end,
                format!("text after the responsibility clause of {label} is not part of a task; kept as a passage"),
            ));
            self.programme.passages.push(Passage {
                heading: None,
                text,
                source: Some(SourceSpan { line, start: Some(r.start as u64), end: None }),
            });
        }
        for c in &node.children {
            self.tails(c);
        }
    }

    fn section(&mut self, node: &Node) {
        let first_line = node.content.first().cloned().unwrap_or(node.marker.end..node.marker.end);
        self.ledger.structure.push(node.marker.start..first_line.end);
        self.ledger.structure.extend(node.content.iter().skip(1).cloned());
        let title_raw = self.src.get(trim_range(self.src, first_line)).unwrap_or("");
        let title = title_raw.trim_end_matches(['。', '.']).to_owned();
        let n = self.programme.sections.len() + 1;
        let mut section = Section::new(SectionId::numbered("s", n), title.clone());
        section.number = number_of(&[node.seg]);
        section.declared_count = declared_count(&title);
        section.lifecycle = lifecycle_of(&fold_str(&title));
        for kind in ["民生工程", "惠民实事", "民生实事"] {
            if title.contains(kind) {
                section.kind = Some(kind.to_owned());
            }
        }
        // Text under the heading: a paragraph listing the section's items
        // (继续实施A、B…等19个项目), or an introduction before its tasks.
        let body: Vec<Range<usize>> = node.content.iter().skip(1).cloned().collect();
        if !body.is_empty() {
            let text = Folded::verbatim(self.src, &body).text;
            section.description = Some(text.trim().to_owned());
            if node.children.is_empty() {
                self.list_items(&mut section, &body);
            }
        }
        self.titled_siblings = self.any_titled(&node.children);
        for child in &node.children {
            let task = self.task(child, &[child.seg]);
            section.tasks.push(task);
        }
        if let Some(count) = section.declared_count
            && section.tasks.is_empty()
        {
            // The count stays out of the draft: with no items listed it would
            // only repeat this diagnostic as a validation error.
            section.declared_count = None;
            let r = node.content.get(1).cloned().unwrap_or(node.marker.clone());
            self.diag(
                r.clone(),
                self.line_of(r.start),
                DiagnosticKind::UnsplitList,
                format!(
                    "section {} declares {count} items, but its text could not be split into them; the count is not recorded",
                    section.label()
                ),
                None,
            );
        }
        self.programme.sections.push(section);
    }

    /// Splits a paragraph listing the section's items (A、B、…等19个项目) into tasks
    /// when the list has exactly the declared count.
    fn list_items(&mut self, section: &mut Section, body: &[Range<usize>]) {
        let Some(count) = section.declared_count else { return };
        let f = Folded::new(self.src, body);
        let t = f.text.trim_end_matches(['。', '.']);
        let mut items: Vec<Range<usize>> = Vec::new();
        let mut start = 0;
        let mut depth = 0i32;
        for (i, c) in t.char_indices() {
            match c {
                '“' | '(' | '《' => depth += 1,
                '”' | ')' | '》' => depth -= 1,
                '、' | ',' | ';' if depth <= 0 => {
                    items.push(start..i);
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        items.push(start..t.len());
        // 继续实施A: the verb belongs to the list, not to A.
        if let Some(first) = items.first_mut()
            && let Some(rest) = t.get(first.clone())
        {
            for verb in ["继续实施", "实施", "包括"] {
                if rest.starts_with(verb) {
                    first.start += verb.len();
                    break;
                }
            }
        }
        // …等19个项目 / 4个项目不再列为民生工程: the count, not an item.
        let counted = format!("{count}个");
        if let Some(last) = items.last_mut()
            && let Some(s) = t.get(last.clone())
        {
            if let Some(i) = s.find(&format!("等{counted}")) {
                last.end = last.start + i;
            } else if s.starts_with(&counted) {
                items.pop();
            }
        }
        items.retain(|r| r.start < r.end);
        if items.len() != count as usize {
            return;
        }
        for r in items {
            let orig = f.orig_range(r);
            let line = self.line_of(orig.start);
            self.tasks += 1;
            let mut task =
                Task::new(TaskId::numbered("t", self.tasks), Folded::verbatim(self.src, &restrict(body, &orig)).text);
            task.source = Some(SourceSpan { line, start: Some(orig.start as u64), end: Some(orig.end as u64) });
            section.tasks.push(task);
        }
    }

    /// An item whose text runs its sub-items together (3.农村危房改造:(1)…(2)…;
    /// 主要内容包括《A》《B》《C》): the items become its children, and its
    /// responsibility clause stays its own.
    fn split_run_in(&self, node: &Node) -> Option<Node> {
        if !node.children.is_empty() {
            return None;
        }
        let v = Folded::verbatim(self.src, &node.content);
        let f = self.folded(node);
        let limit = match self.clause_in(node, &f) {
            Some(r) => v.local(&f.orig_range(r)).start,
            None => v.text.len(),
        };
        let head = v.text.get(..limit)?;
        let inline = outline::inline_items(head);
        let items: Vec<(Option<NumberSegment>, Range<usize>, Range<usize>)> = if inline.len() >= 2 {
            let style = inline.first().and_then(|(_, m, _)| outline::marker(head.get(m.clone()).unwrap_or("")));
            inline
                .into_iter()
                .map(|(value, m, body)| (style.map(|s| NumberSegment { value, style: s.seg.style }), m, body))
                .collect()
        } else if let Some(items) = outline::run_in_items(head, false) {
            items.into_iter().map(|r| (None, r.start..r.start, r)).collect()
        } else {
            // Named projects in the body after a heading line (一教育方面 / 学前教育…工程,…).
            let body = node.content.get(1).map(|r| v.local(&(r.start..r.start)).start)?;
            outline::named_items(head, body)?.into_iter().map(|r| (None, r.start..r.start, r)).collect()
        };
        let first = items.first()?.1.start;
        let mut parent = node.clone();
        parent.content = restrict(&node.content, &v.orig_range(0..first));
        if limit < v.text.len() {
            parent.content.extend(restrict(&node.content, &v.orig_range(limit..v.text.len())));
        }
        parent.children = items
            .into_iter()
            .map(|(seg, m, body)| {
                let body = v.orig_range(body);
                Node {
                    seg,
                    line: self.line_of(body.start),
                    marker: if seg.is_some() { v.orig_range(m) } else { body.start..body.start },
                    content: restrict(&node.content, &body),
                    tail: Vec::new(),
                    children: Vec::new(),
                }
            })
            .collect();
        Some(parent)
    }

    /// An item whose sub-items are its fields ((一)责任领导:高勤 (二)责任单位:…
    /// (四)项目内容及任务分解:…): the fields join the item's own text, and the
    /// fields' sub-items become the item's.
    fn merge_fields(&self, node: &Node) -> Option<Node> {
        let is_field = |c: &Node| {
            let f = self.folded(c);
            clause::labels(&f.text, 0..f.text.len(), false).first().is_some_and(|l| l.words.start == 0)
        };
        if !node.children.iter().any(is_field) {
            return None;
        }
        let mut merged = node.clone();
        merged.children.clear();
        for c in &node.children {
            if is_field(c) {
                merged.content.extend(c.content.iter().cloned());
                merged.children.extend(c.children.iter().cloned());
                merged.tail.extend(c.tail.iter().cloned());
            } else {
                merged.children.push(c.clone());
            }
        }
        Some(merged)
    }

    /// [`merge_fields`](Self::merge_fields) at every level of the tree.
    fn with_fields(&self, node: &Node) -> Node {
        let mut n = self.merge_fields(node).unwrap_or_else(|| node.clone());
        n.children = n.children.iter().map(|c| self.with_fields(c)).collect();
        n
    }

    fn task(&mut self, node: &Node, path: &[Option<NumberSegment>]) -> Task {
        // The task's span is the whole item, its run-in sub-items and the
        // separators between them (》《, ;) included.
        let whole = self.span_of(node);
        let split = self.split_run_in(node);
        let node = split.as_ref().unwrap_or(node);
        let f = self.folded(node);
        self.tasks += 1;
        let id = TaskId::numbered("t", self.tasks);
        let number = number_of(path);
        let label = number.as_ref().map(ToString::to_string);
        let mut task = Task::new(id.clone(), "");
        task.number = number;
        task.source = Some(whole);
        // The responsibility clause, with the fields (进度安排:…) it holds.
        let mut field_ranges: Vec<Range<usize>> = Vec::new();
        let mut body_end = f.text.len();
        let clause_range = self.clause_in(node, &f);
        // A body below a heading that closes with the clause: its figures are the task's.
        let body_after = clause_range
            .as_ref()
            .map(|r| r.end..f.text.len())
            .filter(|b| node.content.len() > 1 && f.text.get(b.clone()).is_some_and(|t| !t.is_empty()));
        if let Some(range) = clause_range {
            body_end = range.start;
            field_ranges = self.apply_clause(&mut task, &f, range, label.as_deref());
        }
        // A row of a table flattened into running text ends with its unit.
        if task.responsibilities.is_empty()
            && node.children.is_empty()
            && let Some(role) = self.unit_column
            && let Some(r) = trailing_unit(&f.text)
        {
            let name = text::name_of(self.src.get(f.orig_range(r)).unwrap_or(""));
            let unit = self.registry.intern(&name);
            task.responsibilities.push(Responsibility { unit, role });
        }
        // Running points 一是…二是… become sub-tasks.
        let points = if node.children.is_empty() { outline::points(&f.text, body_end) } else { Vec::new() };
        let own_end = points.first().map_or(body_end, |p| p.marker.start);
        // A heading line of its own above the body (一、教育 / 新建幼儿园3所…): the title.
        let own_start = match self.heading_line(node, &f) {
            Some(h) if h.end < own_end && body_after.is_none() => {
                task.title = Some(self.src.get(f.orig_range(h.clone())).unwrap_or("").trim().to_owned());
                h.end
            }
            _ => 0,
        };
        self.fill(
            &mut task,
            node,
            &f,
            own_start..own_end,
            !node.children.is_empty() || !points.is_empty(),
            label.as_deref(),
        );
        for r in &field_ranges {
            self.read_figures(&mut task, &restrict(&node.content, r), label.as_deref(), true);
        }
        if let Some(b) = body_after {
            let segments = restrict(&node.content, &f.orig_range(b));
            let heading = std::mem::take(&mut task.description);
            task.title = task.title.take().or(Some(heading));
            task.description = Folded::verbatim(self.src, &segments).text.trim().to_owned();
            self.read_figures(&mut task, &segments, label.as_deref(), false);
        }
        self.titled_siblings = false;
        for p in &points {
            let sub = self.point_task(node, &f, path, p);
            task.subtasks.push(sub);
        }
        self.child_tasks(&mut task, node, path);
        if task.responsibility_text.is_none() && !self.under_clause && node.children.is_empty() && points.is_empty() {
            let r = trim_range(self.src, f.orig_range(0..f.text.len()));
            let message = format!("task {} names no responsible unit", task.label());
            self.unclaused.push(Diagnostic::new(r, node.line, DiagnosticKind::NoClause, message, label));
        }
        task
    }

    /// The numbered sub-items of `node` as sub-tasks of `task`. Sub-items
    /// under a clause (3.农村危房改造:(1)…(2)…(牵头单位:X)) answer to it.
    fn child_tasks(&mut self, task: &mut Task, node: &Node, path: &[Option<NumberSegment>]) {
        let titled = self.any_titled(&node.children);
        let covered = self.under_clause;
        self.under_clause = covered || task.responsibility_text.is_some();
        for child in &node.children {
            let mut sub_path = path.to_vec();
            sub_path.push(child.seg);
            self.titled_siblings = titled;
            let sub = self.task(child, &sub_path);
            task.subtasks.push(sub);
        }
        self.under_clause = covered;
    }

    /// Reads a task's responsibility clause (the folded `range` of `f`): its
    /// units and roles, the people it names, and what it could not read;
    /// returns the ranges of the fields (进度安排:…) it holds.
    fn apply_clause(
        &mut self,
        task: &mut Task,
        f: &Folded,
        range: Range<usize>,
        label: Option<&str>,
    ) -> Vec<Range<usize>> {
        self.clauses += 1;
        let c = clause::parse(&f.text, range.clone());
        let orig = f.orig_range(range);
        task.responsibility_text = Some(self.src.get(orig).unwrap_or("").to_owned());
        // A set, not a scan of the list so far: a clause naming 64 000 units stays linear.
        let mut seen: HashSet<(crate::UnitId, crate::Role)> = HashSet::new();
        for e in &c.entries {
            let name = text::name_of(self.src.get(f.orig_range(e.span.clone())).unwrap_or(""));
            let unit = self.registry.intern(&name);
            if seen.insert((unit.clone(), e.role)) {
                task.responsibilities.push(Responsibility { unit, role: e.role });
            }
        }
        let field_ranges = c.fields.iter().map(|r| f.orig_range(r.clone())).collect();
        for p in &c.people {
            let name = text::name_of(self.src.get(f.orig_range(p.span.clone())).unwrap_or(""));
            let label = text::name_of(self.src.get(f.orig_range(p.label.clone())).unwrap_or(""));
            if !name.is_empty() {
                let mut person = crate::model::Person::new(name);
                person.label = (!label.is_empty()).then_some(label);
                task.people.push(person);
            }
        }
        for (r, why) in c.problems {
            let orig = f.orig_range(r);
            let shown = self.src.get(orig.clone()).unwrap_or("").to_owned();
            self.diag(
                orig.clone(),
                self.line_of(orig.start),
                DiagnosticKind::UnreadClause,
                format!("{shown:?} {why}"),
                label.map(str::to_owned),
            );
        }
        field_ranges
    }

    /// A running point (一是…二是…) of a task's text as a sub-task.
    fn point_task(&mut self, node: &Node, f: &Folded, path: &[Option<NumberSegment>], p: &outline::Point) -> Task {
        self.tasks += 1;
        let mut sub = Task::new(TaskId::numbered("t", self.tasks), "");
        let mut sub_path = path.to_vec();
        sub_path.push(Some(NumberSegment { value: p.value, style: NumberStyle::ChineseShi }));
        sub.number = number_of(&sub_path);
        let orig = f.orig_range(p.marker.start..p.body.end);
        sub.source = Some(SourceSpan {
            line: self.line_of(orig.start),
            start: Some(orig.start as u64),
            end: Some(orig.end as u64),
        });
        let sub_label = sub.number.as_ref().map(ToString::to_string);
        self.fill(&mut sub, node, f, p.body.clone(), false, sub_label.as_deref());
        sub
    }

    /// Reads the deadlines of the source `segments` into `task` (those a
    /// target already carries stay the target's), and covers their digits,
    /// which are no figures.
    fn read_deadlines(
        &mut self,
        task: &mut Task,
        segments: &[Range<usize>],
        v: &Folded,
        covered: &mut Vec<Range<usize>>,
    ) {
        let folded = Folded::new(self.src, segments);
        let target_deadlines: HashSet<&str> =
            task.targets.iter().filter_map(|x| x.deadline.as_ref().map(|d| d.text.as_str())).collect();
        let mut seen: HashSet<String> = task.deadlines.iter().map(|d| format!("{}|{:?}", d.text, d.date)).collect();
        let mut task_deadlines: Vec<Deadline> = Vec::new();
        for d in schedule::deadlines(&folded.text, self.year) {
            let o = folded.orig_range(d.range.clone());
            let mut deadline = d.deadline;
            deadline.text =
                self.src.get(o.clone()).unwrap_or("").chars().filter(|c| *c != '\n' && *c != '\r').collect();
            // Digits of a deadline are not figures.
            covered.push(v.local(&o));
            // A deadline a target already carries (年内建成…) is the target's, not the task's.
            let targets_have = target_deadlines.contains(deadline.text.as_str());
            let key = format!("{}|{:?}", deadline.text, deadline.date);
            if !targets_have && seen.insert(key) {
                task_deadlines.push(deadline);
            }
        }
        task.deadlines.extend(task_deadlines);
    }

    /// `true` when one of `nodes` starts with a short heading sentence
    /// (2 to 20 characters, no figures, more text after it).
    fn any_titled(&self, nodes: &[Node]) -> bool {
        nodes.iter().any(|n| {
            let f = self.folded(n);
            let end = self.clause_in(n, &f).map_or(f.text.len(), |r| r.start);
            let t = f.text.get(..end).unwrap_or("");
            t.find('。').is_some_and(|stop| {
                let head = t.get(..stop).unwrap_or("");
                (2..=20).contains(&head.chars().count())
                    && !head.chars().any(|c| c.is_ascii_digit())
                    && stop + '。'.len_utf8() < t.len()
            })
        })
    }

    /// Sets a task's title, description, targets and deadlines from the
    /// folded range `r` of its node's text.
    fn fill(
        &mut self,
        task: &mut Task,
        node: &Node,
        f: &Folded,
        r: Range<usize>,
        heads_others: bool,
        label: Option<&str>,
    ) {
        let t = f.text.get(r.clone()).unwrap_or("");
        let mut desc = r.clone();
        // A short first sentence without figures is the task's heading.
        if let Some(stop) = t.find('。') {
            let head = t.get(..stop).unwrap_or("");
            let n = head.chars().count();
            let rest_len = t.len() - stop - '。'.len_utf8();
            let limit = if self.titled_siblings { 30 } else { 20 };
            let figures = !self.titled_siblings && head.chars().any(|c| c.is_ascii_digit());
            if (2..=limit).contains(&n) && !figures && (rest_len > 0 || heads_others) {
                task.title = Some(self.src.get(f.orig_range(r.start..r.start + stop)).unwrap_or("").trim().to_owned());
                if rest_len > 0 {
                    desc = r.start + stop + '。'.len_utf8()..r.end;
                }
            }
        } else if heads_others && !t.is_empty() && t.chars().count() <= 30 {
            task.title = Some(self.src.get(f.orig_range(r.clone())).unwrap_or("").trim().to_owned());
        }
        let orig = f.orig_range(desc.clone());
        let segments = restrict(&node.content, &orig);
        let v = Folded::verbatim(self.src, &segments);
        let description = v.text.trim().to_owned();
        task.description = if description.is_empty() { task.title.clone().unwrap_or_default() } else { description };
        self.read_figures(task, &segments, label, false);
    }

    /// Reads the targets and deadlines of the source `segments` (a task's
    /// text, a table cell) into `task`, and reports the figures left unread.
    /// With `restates` the segments restate figures the task already has (a
    /// field or cell after its name: 计划安排200所 after 对农村200所中小学…; a
    /// plan cell's 9月底前完成7家 after 新建成…7家): a figure the task already
    /// holds is not added again, and lends it its deadline.
    fn read_figures(&mut self, task: &mut Task, segments: &[Range<usize>], label: Option<&str>, restates: bool) {
        let v = Folded::verbatim_cells(self.src, segments);
        let found = parse_targets_in_year(&v.text, self.year);
        // Only figures read before these segments can be restated by them.
        let before = self.restate_limit.unwrap_or(task.targets.len()).min(task.targets.len());
        let mut covered: Vec<Range<usize>> = Vec::new();
        let cells = if restates { Vec::new() } else { self.money_cells(task, segments) };
        covered.extend(cells.iter().map(|c| v.local(c)));
        for hit in found {
            // A cell read as a figure of the text after it (450000 支持… as 450000支).
            let reads_a_cell = covered.iter().take(cells.len()).any(|c| {
                c.start < hit.span.end
                    && hit.span.start < c.end
                    && v.text.get(c.end..hit.span.end).is_some_and(|t| !t.chars().any(|x| x.is_ascii_digit()))
            });
            if reads_a_cell {
                continue;
            }
            covered.push(hit.span.clone());
            // Breakdown parts (其中:投资1056万元…) are read too: cover their phrases.
            let mut from = hit.span.end;
            for part in hit.target.breakdown.iter().flat_map(|b| b.parts.iter()) {
                if let Some(at) = v.text.get(from..).and_then(|rest| rest.find(&part.phrase)) {
                    covered.push(from + at..from + at + part.phrase.len());
                    from += at + part.phrase.len();
                }
            }
            let mut target = hit.target;
            if restates
                && let Some(same) = task
                    .targets
                    .iter_mut()
                    .take(before)
                    .find(|x| x.amount.is_some() && x.amount == target.amount && x.measure == target.measure)
            {
                if same.deadline.is_none() {
                    same.deadline = target.deadline.take();
                }
                if same.breakdown.is_none() {
                    same.breakdown = target.breakdown.take();
                    if let Some(b) = &mut same.breakdown {
                        let id = same.id.to_string();
                        for (k, p) in b.parts.iter_mut().enumerate() {
                            renumber(p, &format!("{id}-{}", k + 1));
                        }
                    }
                }
                continue;
            }
            if target.subject.trim().is_empty() {
                // The parser found a figure but not what it counts: keep the
                // phrase as the subject so the draft validates, and say so.
                target.subject.clone_from(&target.phrase);
                let span = v.orig_range(hit.span.clone());
                self.diagnostics.push(Diagnostic::new(
                    span.clone(),
                    self.line_of(span.start),
                    DiagnosticKind::NoSubject,
                    format!("the target {:?} names no subject; its phrase stands in for one", target.phrase),
                    label.map(str::to_owned),
                ));
            }
            renumber(&mut target, &format!("{}-{}", task.id, task.targets.len() + 1));
            task.targets.push(target);
        }
        self.read_deadlines(task, segments, &v, &mut covered);
        self.unread_figures(&v.text, &v, 0, covered, label);
    }

    /// The bare numbers opening the lines of a table flattened into running
    /// text, under a header that gives their money unit (单位:万元): each a
    /// money target of the task (the row's total and its sources), in the
    /// order written. Their source ranges.
    fn money_cells(&mut self, task: &mut Task, segments: &[Range<usize>]) -> Vec<Range<usize>> {
        let Some(factor) = self.cell_money else { return Vec::new() };
        let mut out = Vec::new();
        let mut after_cells = false;
        for seg in segments {
            let line = self.src.get(seg.clone()).unwrap_or("");
            let ends_text = self.src.get(seg.end..).is_some_and(|r| r.chars().all(text::is_space));
            let cells = text::leading_cells(line, after_cells, ends_text);
            after_cells = !cells.is_empty();
            for c in cells {
                let r = seg.start + c.start..seg.start + c.end;
                let cell = self.src.get(r.clone()).unwrap_or("");
                let Some(value) = rust_decimal::Decimal::from_str_exact(cell).ok().and_then(|v| v.checked_mul(factor))
                else {
                    continue;
                };
                let Ok(id) = TargetId::new(format!("{}-{}", task.id, task.targets.len() + 1)) else { continue };
                let subject = task.title.clone().unwrap_or_else(|| "资金".to_owned());
                let target = Target::new(id, subject, cell, crate::model::Measure::Money)
                    .with_amount(crate::model::Amount::exactly(value.normalize()));
                task.targets.push(target);
                out.push(r);
            }
        }
        out
    }

    /// Reports the figures of a description that no target or deadline covers.
    fn unread_figures(
        &mut self,
        desc: &str,
        v: &Folded,
        lead: usize,
        mut covered: Vec<Range<usize>>,
        label: Option<&str>,
    ) {
        // Sorted by start with the running maximum of ends, a figure's cover
        // is found by a search (16 000 figures in one task stay linear).
        covered.sort_by_key(|r| r.start);
        let reach: Vec<usize> = covered
            .iter()
            .scan(0, |m, r| {
                *m = r.end.max(*m);
                Some(*m)
            })
            .collect();
        let is_covered = |b: usize, end: usize| {
            let k = covered.partition_point(|r| r.start <= b);
            k.checked_sub(1).and_then(|j| reach.get(j)).is_some_and(|&m| m >= end)
        };
        let mut i = 0;
        let bytes: Vec<(usize, char)> = desc.char_indices().collect();
        while let Some(&(b, c)) = bytes.get(i) {
            let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
            if !digit(c) {
                i += 1;
                continue;
            }
            let mut j = i;
            while bytes.get(j).is_some_and(|p| digit(p.1) || matches!(p.1, '.' | ',' | '．')) {
                j += 1;
            }
            let end = bytes.get(j).map_or(desc.len(), |p| p.0);
            let next = bytes.get(j).map(|p| p.1);
            i = j;
            if is_covered(b, end) {
                continue;
            }
            // Years, dates, model names (5G, 12315 hotline) and ordinals are not targets.
            if matches!(next, Some('年' | '月' | '日' | '号' | 'G' | '+' | '·' | '周' | '届' | '条' | '类' | 'A' | 'M'))
                || b > 0 && desc.get(..b).is_some_and(|s| s.ends_with(['“', '第', 'G', '/', '-', '—']))
            {
                continue;
            }
            let span = v.orig_range(b + lead..end + lead);
            let figure = desc.get(b..end).unwrap_or("");
            let before: String =
                desc.get(..b).unwrap_or("").chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            let after: String = desc.get(end..).unwrap_or("").chars().take(6).collect();
            let reason = format!("the figure {figure:?} in “…{before}{figure}{after}…” was not read as a target");
            self.diagnostics.push(Diagnostic::new(
                span.clone(),
                self.line_of(span.start),
                DiagnosticKind::UnreadFigure,
                reason,
                label.map(str::to_owned),
            ));
        }
    }

    /// The group the notice sets up to lead the programme:
    /// 成立由副州长杨虹为组长,A、B…等单位主要领导为成员的工作领导小组.
    fn leading_group(&mut self) {
        let texts: Vec<String> = self.programme.passages.iter().map(|p| fold_str(&p.text)).collect();
        for t in texts {
            let Some(end) = t.find("为成员的") else { continue };
            let Some(open) = t.get(..end).and_then(|h| h.rfind("成立由")) else { continue };
            let inner = t.get(open + "成立由".len()..end).unwrap_or("");
            let Some((head, members)) = inner.split_once("为组长,") else { continue };
            let members = members.trim_end_matches("主要领导").trim_end_matches("等单位").trim_end_matches('等');
            let rest = t.get(end + "为成员的".len()..).unwrap_or("");
            let name: String = rest.chars().take_while(|c| !matches!(c, ',' | '。' | ';')).collect();
            if name.is_empty() || !name.ends_with("小组") {
                continue;
            }
            let ids: Vec<crate::model::UnitId> =
                members.split('、').filter(|m| !m.is_empty()).map(|m| self.registry.intern(m)).collect();
            let group = self.registry.intern(&name);
            self.registry.set_group(&group, ids, head);
            self.programme.leading_group = Some(group);
            return;
        }
    }

    /// A special action whose preamble opens with a quarter (第四季度是全年工作的收官阶段…)
    /// covers that quarter.
    fn period(&mut self) {
        let preamble: Vec<String> =
            self.programme.passages.iter().take_while(|p| p.heading.is_none()).map(|p| fold_str(&p.text)).collect();
        for (t, q) in preamble.iter().flat_map(|t| ["第一季度", "第二季度", "第三季度", "第四季度"].map(|q| (t, q)))
        {
            if t.starts_with(q)
                && let Ok(d) = Deadline::parse(q, self.year)
                && let Some(start) = d.start
            {
                self.programme.period = Some(crate::model::Period { start, end: d.date, text: Some(q.to_owned()) });
            }
        }
    }

    fn finish(mut self) -> Import {
        if self.clauses > 0 {
            self.diagnostics.append(&mut self.unclaused);
        }
        self.leading_group();
        self.period();
        let accounting = self.account();
        self.programme.units = self.registry.into_units();
        if let Some(title) = self.programme.title.clone().split("关于").nth(1).map(str::to_owned)
            && let Some(count) = declared_count(&title)
            && self.programme.sections.len() > 1
            && self.programme.sections.iter().any(|s| s.lifecycle.is_some())
        {
            let sections = self
                .programme
                .sections
                .iter()
                .filter(|s| s.lifecycle != Some(Lifecycle::Exited))
                .map(|s| s.id.clone())
                .collect();
            let digits = count.to_string();
            let words = title.find(&digits).and_then(|i| title.get(i..)).unwrap_or(&title);
            let words = words.trim_end_matches("的通知").to_owned();
            self.programme.declared_counts.push(DeclaredCount { text: words, count, sections });
        }
        self.diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
        Import { programme: self.programme, diagnostics: self.diagnostics, accounting }
    }

    /// Takes the account of the task-bearing part, reports what lies in it
    /// unread, and reports a notice in which no task was recognised.
    fn account(&mut self) -> Accounting {
        self.ledger.tasks = self
            .programme
            .tasks()
            .filter_map(|t| t.source.as_ref())
            .filter_map(|s| Some(usize::try_from(s.start?).ok()?..usize::try_from(s.end?).ok()?))
            .collect();
        let first = self.ledger.tasks.iter().chain(&self.ledger.structure).map(|r| r.start).min().unwrap_or(0);
        let last = self.ledger.tasks.iter().map(|r| r.end).max().unwrap_or(0);
        for (r, why) in std::mem::take(&mut self.kept) {
            if r.start < last && first < r.end {
                let span = trim_range(self.src, r);
                self.diag(span.clone(), self.line_of(span.start), DiagnosticKind::NotATask, why, None);
            }
        }
        self.ledger.diagnostics = self.diagnostics.iter().map(|d| d.span.clone()).collect();
        let mut a = accounting::account(self.src, &self.ledger);
        for gap in &a.unaccounted {
            let shown: String = self.src.get(gap.clone()).unwrap_or("").chars().take(30).collect();
            let more = if self.src.get(gap.clone()).is_some_and(|g| g.chars().nth(30).is_some()) { "…" } else { "" };
            self.diag(
                gap.clone(),
                self.line_of(gap.start),
                DiagnosticKind::NotRead,
                format!("{shown:?}{more} lies in the task list but was read into no task, heading or diagnostic"),
                None,
            );
        }
        if self.programme.task_count() == 0 {
            let layout = layout::describe(self.src);
            self.diag(0..self.src.len(), 1, DiagnosticKind::NoTasks, format!("no task recognised: {layout}"), None);
        }
        a.diagnostics = self.diagnostics.len();
        a
    }
}

/// Gives a found target (and its breakdown parts) ids under its task.
pub(super) fn renumber(t: &mut Target, id: &str) {
    if let Ok(new) = TargetId::new(id) {
        t.id = new;
    }
    if let Some(b) = &mut t.breakdown {
        for (k, p) in b.parts.iter_mut().enumerate() {
            renumber(p, &format!("{id}-{}", k + 1));
        }
    }
}
