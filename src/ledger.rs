//! The work ledger (工作台账): one row per task and target, as supervision
//! offices keep it in Excel, with the latest progress when reports are given.
//!
//! [`rows`] builds the rows; [`to_csv`] writes CSV (always available) and
//! `to_xlsx` an XLSX workbook (feature `xlsx`). The columns are named once,
//! in [`COLUMNS`]: a Chinese header for people ([`HEADERS`]), and an English
//! key — the name of the same value in [`export`](crate::export)'s tables
//! where it has one (`task_id`, `target_id`, `low`) — for programs.
//!
//! Built for people and machines alike:
//!
//! - 目标值 is a number, its comparator (不低于, 不高于…) in a column of its
//!   own (比较), and a range's upper end in 目标上限;
//! - 时限日期 and 截至日期 are dates (date cells in the workbook);
//! - 任务ID and 指标ID join a row back to the programme and to the export.
//!
//! The CSV starts with a UTF-8 byte-order mark, which Excel needs to read
//! Chinese text in a CSV correctly (LibreOffice and other readers skip it),
//! ends lines with CRLF as RFC 4180 says, and has the English keys as its
//! **second row** (pandas: `read_csv(f, header=1)`; DuckDB:
//! `read_csv(f, skip=1)`). Text cells that a spreadsheet would run as a
//! formula (`=…`, `+…`, `-…`, `@…`) get a `'` in front (OWASP's advice on
//! CSV injection); number and date cells are written as they are, so `-5`
//! stays a number. The workbook has the keys on a second sheet,
//! [`KEY_SHEET_NAME`], with what each column means.
//!
//! ```
//! let programme = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let rows = minsheng::ledger::rows(&programme, None);
//! assert_eq!(rows.len(), 62); // 40 targets, and 22 tasks with none
//! assert_eq!(minsheng::ledger::row_count(&programme), rows.len());
//! let csv = minsheng::ledger::to_csv(&rows);
//! assert!(csv.starts_with("\u{feff}序号,板块,任务ID,编号,任务"));
//! assert!(csv.contains("\r\nrow,section,task_id,number,task,"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::{Evaluation, TargetEvaluation};
use crate::json::decimal::plain;
use crate::model::{Amount, ChangeScale, Comparator, Measure, Programme, Role, Target, TargetId, Task, TaskId, UnitId};

/// What a ledger column holds, and so how a workbook cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CellKind {
    /// Text.
    Text,
    /// A figure: a number cell.
    Number,
    /// A date: a date cell.
    Date,
}

/// One column of the ledger: its Chinese header, its English key, what it
/// holds and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerColumn {
    /// The header people read (目标值).
    pub header: &'static str,
    /// The key programs read: the export's column name where the export has
    /// the same value (`low`), else a name of the ledger's own (`lead_units`).
    pub key: &'static str,
    /// Where the export has the value (`targets.low`), or `None`.
    pub export: Option<&'static str>,
    /// What the column holds.
    pub kind: CellKind,
    /// What it means.
    pub meaning: &'static str,
}

macro_rules! columns {
    ($($field:ident => $header:literal, $key:literal, $export:expr, $kind:ident, $meaning:literal;)*) => {
        /// A ledger column, by name: the one place columns are numbered.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Field {
            $(#[doc = $meaning] $field,)*
        }

        impl Field {
            /// Every column, in the ledger's order.
            pub const ALL: [Field; [$(Field::$field),*].len()] = [$(Field::$field),*];

            /// The column's header, key, kind and meaning.
            pub const fn column(self) -> LedgerColumn {
                match self {
                    $(Field::$field => LedgerColumn {
                        header: $header,
                        key: $key,
                        export: $export,
                        kind: CellKind::$kind,
                        meaning: $meaning,
                    },)*
                }
            }
        }
    };
}

columns! {
    Row => "序号", "row", None, Number, "The row's position, from 1.";
    Section => "板块", "section", None, Text, "The section as the notice heads it (number and title).";
    TaskId => "任务ID", "task_id", Some("tasks.task_id"), Text, "The task's id.";
    Number => "编号", "number", Some("tasks.number"), Text, "The task's number as printed.";
    Task => "任务", "task", None, Text, "The task's heading and text.";
    TargetId => "指标ID", "target_id", Some("targets.target_id"), Text, "The target's id; empty for a task without targets.";
    Subject => "指标", "subject", Some("targets.subject"), Text, "What the target measures.";
    Phrase => "目标表述", "phrase", Some("targets.phrase"), Text, "The target's phrase in the notice.";
    Comparator => "比较", "comparator", Some("targets.comparator"), Text,
        "How the figure compares: 等于 (exactly), 不低于 (at_least), 不高于 (at_most), 高于 (more_than), 低于 (less_than), 约 (approximately), 区间 (between).";
    Low => "目标值", "low", Some("targets.low"), Number, "The figure normalised to the unit, or a range's lower end.";
    High => "目标上限", "high", Some("targets.high"), Number, "A range's upper end; empty for a single figure.";
    Unit => "单位", "unit", Some("targets.unit"), Text, "The figure's unit (人次, 元, %, ‰, 个百分点).";
    Leads => "牵头单位", "lead_units", None, Text, "Lead and jointly responsible units, by name, joined by 、.";
    Cooperating => "配合单位", "cooperating_units", None, Text, "Cooperating units, by name, joined by 、.";
    Deadline => "时限", "deadline_text", Some("deadlines.text"), Text, "The deadline in the notice's words.";
    DeadlineDate => "时限日期", "deadline_date", Some("deadlines.date"), Date,
        "The deadline's last day: the target's own, else the latest of its task's.";
    Latest => "最新进展", "actual_phrase", Some("actuals.phrase"), Text, "The latest actual in the report's words.";
    Actual => "实际值", "actual", Some("evaluation.actual"), Number, "The latest actual, in the target's unit.";
    AsOf => "截至日期", "reported_as_of", Some("evaluation.reported_as_of"), Date, "The date the latest actual stands at.";
    Completion => "完成率(%)", "completion", Some("evaluation.completion"), Number, "Completion in percent.";
    Status => "状态", "status_zh", Some("evaluation.status_zh"), Text, "The status (已完成, 序时推进, 滞后…); empty without an evaluation.";
}

/// How many columns the ledger has.
pub const COLUMN_COUNT: usize = Field::ALL.len();

/// Every column, in order.
pub const COLUMNS: [LedgerColumn; COLUMN_COUNT] = {
    let mut out = [Field::Row.column(); COLUMN_COUNT];
    let mut i = 0;
    while i < COLUMN_COUNT {
        out[i] = Field::ALL[i].column();
        i += 1;
    }
    out
};

/// The Chinese column headers, in order.
pub const HEADERS: [&str; COLUMN_COUNT] = {
    let mut out = [""; COLUMN_COUNT];
    let mut i = 0;
    while i < COLUMN_COUNT {
        out[i] = COLUMNS[i].header;
        i += 1;
    }
    out
};

/// The English keys, in order: the CSV's second row.
pub const KEYS: [&str; COLUMN_COUNT] = {
    let mut out = [""; COLUMN_COUNT];
    let mut i = 0;
    while i < COLUMN_COUNT {
        out[i] = COLUMNS[i].key;
        i += 1;
    }
    out
};

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LedgerRow {
    /// 序号: the row's position, from 1.
    pub index: usize,
    /// 板块: the section as the notice heads it.
    pub section: String,
    /// 任务ID: the task's id.
    pub task_id: TaskId,
    /// 编号: the task's number as printed.
    pub number: String,
    /// 任务: the task's text (its heading first, when it has one).
    pub task: String,
    /// 指标ID: the target's id; `None` for a task without targets.
    pub target_id: Option<TargetId>,
    /// 指标: what the target measures; empty for a task without targets.
    pub subject: String,
    /// 目标表述: the target's phrase in the notice.
    pub phrase: String,
    /// 比较: the figure's comparator.
    pub comparator: Option<Comparator>,
    /// 目标值: the normalised figure, or a range's lower end.
    pub low: Option<Decimal>,
    /// 目标上限: a range's upper end.
    pub high: Option<Decimal>,
    /// 单位: the figure's unit (人次, %, ‰, 个百分点).
    pub unit: String,
    /// 牵头单位: lead (or jointly responsible) units, by name.
    pub leads: String,
    /// 配合单位: cooperating units, by name.
    pub cooperating: String,
    /// 时限: the deadline in the notice's words.
    pub deadline: String,
    /// 时限日期: the deadline's last day.
    pub deadline_date: Option<NaiveDate>,
    /// 最新进展: the latest actual in the report's words.
    pub latest: String,
    /// 实际值: the latest actual, normalised into the target's unit.
    pub actual: Option<Decimal>,
    /// 截至日期: the date the latest actual stands at.
    pub as_of: Option<NaiveDate>,
    /// 完成率(%): completion in percent.
    pub completion: Option<Decimal>,
    /// 状态: the status in Chinese (已完成, 序时推进, 滞后…); empty without an evaluation.
    pub status: String,
}

/// One cell's value, typed as its column is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell<'a> {
    /// No value.
    Empty,
    /// Text.
    Text(Cow<'a, str>),
    /// A figure.
    Number(Decimal),
    /// A date.
    Date(NaiveDate),
}

impl Cell<'_> {
    /// The cell as text: figures without trailing zeros, dates `YYYY-MM-DD`.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(d) => Cow::Owned(plain(*d)),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// The comparator as the ledger writes it (不低于), in words rather than
/// signs: a lone `=` would read as a formula in a spreadsheet.
pub fn comparator_zh(c: Comparator) -> &'static str {
    match c {
        Comparator::Exactly => "等于",
        Comparator::AtLeast => "不低于",
        Comparator::AtMost => "不高于",
        Comparator::MoreThan => "高于",
        Comparator::LessThan => "低于",
        Comparator::Approximately => "约",
        Comparator::Between => "区间",
    }
}

impl LedgerRow {
    /// The value of one column.
    pub fn cell(&self, field: Field) -> Cell<'_> {
        fn text_owned(s: &str) -> Cell<'_> {
            if s.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(s)) }
        }
        let number = |d: Option<Decimal>| d.map_or(Cell::Empty, Cell::Number);
        let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
        match field {
            Field::Row => Cell::Number(Decimal::from(self.index)),
            Field::Section => text_owned(&self.section),
            Field::TaskId => Cell::Text(Cow::Borrowed(self.task_id.as_str())),
            Field::Number => text_owned(&self.number),
            Field::Task => text_owned(&self.task),
            Field::TargetId => self.target_id.as_ref().map_or(Cell::Empty, |t| Cell::Text(Cow::Borrowed(t.as_str()))),
            Field::Subject => text_owned(&self.subject),
            Field::Phrase => text_owned(&self.phrase),
            Field::Comparator => self.comparator.map_or(Cell::Empty, |c| Cell::Text(Cow::Borrowed(comparator_zh(c)))),
            Field::Low => number(self.low),
            Field::High => number(self.high),
            Field::Unit => text_owned(&self.unit),
            Field::Leads => text_owned(&self.leads),
            Field::Cooperating => text_owned(&self.cooperating),
            Field::Deadline => text_owned(&self.deadline),
            Field::DeadlineDate => date(self.deadline_date),
            Field::Latest => text_owned(&self.latest),
            Field::Actual => number(self.actual),
            Field::AsOf => date(self.as_of),
            Field::Completion => number(self.completion),
            Field::Status => text_owned(&self.status),
        }
    }

    /// The row's cells as text, in [`COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        Field::ALL.iter().map(|f| self.cell(*f).text().into_owned()).collect()
    }
}

/// The unit a target's figure is in, as the ledger and the export write it:
/// the unit's symbol for quantities, 元 for money, `%`, `‰`, `/100000`,
/// 个百分点, a categorical target's level, a deferred target's source.
pub(crate) fn unit_text(t: &Target) -> String {
    match &t.measure {
        Measure::Quantity { unit } => unit.symbol().to_owned(),
        Measure::Money => "元".into(),
        Measure::Percent { .. } => "%".into(),
        Measure::Rate { per } if *per == Decimal::from(1000) => "‰".into(),
        Measure::Rate { per } => format!("/{}", plain(*per)),
        Measure::Change { scale: Some(ChangeScale::PercentagePoints), .. } => "个百分点".into(),
        Measure::Change { scale: Some(ChangeScale::Percent), .. } => "%".into(),
        Measure::Change { .. } => String::new(),
        Measure::Categorical { level } => level.clone(),
        Measure::Deferred { source } => source.clone(),
    }
}

fn names<'a>(p: &Programme, ids: impl Iterator<Item = &'a UnitId>) -> String {
    ids.map(|id| p.unit_name(id)).collect::<Vec<_>>().join("、")
}

fn task_text(t: &Task) -> String {
    match &t.title {
        Some(title) => format!("{title}：{}", t.description),
        None => t.description.clone(),
    }
}

/// How many rows [`rows`] gives for a programme, counted without building
/// them: one per target, and one for each task without targets.
pub fn row_count(programme: &Programme) -> usize {
    programme.tasks().map(|t| t.targets.len().max(1)).sum()
}

/// The ledger's rows: one per target, and one for each task without targets,
/// in the notice's order. With an [`Evaluation`] the progress columns are filled.
pub fn rows(programme: &Programme, evaluation: Option<&Evaluation>) -> Vec<LedgerRow> {
    let by_target: std::collections::HashMap<&str, &TargetEvaluation> =
        evaluation.map(|e| e.targets.iter().map(|t| (t.target.as_str(), t)).collect()).unwrap_or_default();
    let mut out = Vec::with_capacity(row_count(programme));
    for section in &programme.sections {
        for task in section.tasks.iter().flat_map(Task::walk) {
            let mut leads: Vec<&UnitId> = task.units_with(Role::Lead).collect();
            leads.extend(task.units_with(Role::Joint));
            leads.extend(task.units_with(Role::Responsible));
            let base = LedgerRow {
                index: 0,
                section: section.label(),
                task_id: task.id.clone(),
                number: task.number.as_ref().map(ToString::to_string).unwrap_or_default(),
                task: task_text(task),
                target_id: None,
                subject: String::new(),
                phrase: String::new(),
                comparator: None,
                low: None,
                high: None,
                unit: String::new(),
                leads: names(programme, leads.into_iter()),
                cooperating: names(programme, task.units_with(Role::Cooperating)),
                deadline: task.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("；"),
                deadline_date: task.deadlines.iter().map(|d| d.date).max(),
                latest: String::new(),
                actual: None,
                as_of: None,
                completion: None,
                status: String::new(),
            };
            if task.targets.is_empty() {
                out.push(base);
                continue;
            }
            for t in &task.targets {
                let mut row = base.clone();
                row.target_id = Some(t.id.clone());
                row.subject = t.subject.clone();
                row.phrase = t.phrase.clone();
                row.comparator = t.amount.as_ref().map(Amount::comparator);
                row.low = t.amount.as_ref().map(Amount::low);
                row.high = match t.amount {
                    Some(Amount::Between { max, .. }) => Some(max),
                    _ => None,
                };
                row.unit = unit_text(t);
                if let Some(d) = &t.deadline {
                    row.deadline = d.text.clone();
                    row.deadline_date = Some(d.date);
                }
                if let Some(e) = by_target.get(t.id.as_str()) {
                    row.latest = e.actual_phrase.clone().unwrap_or_default();
                    row.actual = e.actual;
                    row.as_of = e.reported_as_of;
                    row.completion = e.completion;
                    row.status = e.status.label_zh().to_owned();
                }
                out.push(row);
            }
        }
    }
    for (i, r) in out.iter_mut().enumerate() {
        r.index = i + 1;
    }
    out
}

/// The ledger as CSV: a UTF-8 byte-order mark, the Chinese header row, the
/// English key row, one line per row, fields quoted where RFC 4180 requires,
/// text that could start a formula made inert, CRLF line ends.
pub fn to_csv(rows: &[LedgerRow]) -> String {
    let mut out = String::from("\u{feff}");
    for names in [&HEADERS, &KEYS] {
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::csv::verbatim(&mut out, name);
        }
        out.push_str("\r\n");
    }
    for r in rows {
        for (i, field) in Field::ALL.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match r.cell(*field) {
                Cell::Text(t) => crate::csv::text(&mut out, &t),
                other => crate::csv::verbatim(&mut out, &other.text()),
            }
        }
        out.push_str("\r\n");
    }
    out
}

/// Display width in a spreadsheet column: CJK and full-width characters count two.
/// (The command line measures terminal width with `unicode-width` instead.)
pub(crate) fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// The widest a column gets; longer text wraps.
pub const MAX_COLUMN_WIDTH: usize = 60;

/// Column widths that fit the header and every cell (CJK counted as two),
/// with a margin of two, capped at [`MAX_COLUMN_WIDTH`].
pub fn column_widths(rows: &[LedgerRow]) -> [usize; COLUMN_COUNT] {
    let mut w = HEADERS.map(display_width);
    for r in rows {
        for (slot, field) in w.iter_mut().zip(Field::ALL) {
            *slot = (*slot).max(display_width(&r.cell(field).text()));
        }
    }
    w.map(|x| (x + 2).min(MAX_COLUMN_WIDTH))
}

/// The name of the ledger's worksheet.
pub const SHEET_NAME: &str = "工作台账";

/// The name of the worksheet that maps headers to keys.
pub const KEY_SHEET_NAME: &str = "字段说明";

/// The most rows an Excel worksheet has, the header row included.
pub const MAX_XLSX_ROWS: usize = 1_048_576;

/// The most characters (UTF-16 code units, as Excel counts) a cell holds.
pub const MAX_XLSX_CELL_CHARS: usize = 32_767;

/// The mark that ends a cell cut to fit a workbook.
pub const CUT_MARK: &str = "…〔超出Excel单元格32767字符上限，以下从略；全文见CSV或JSON〕";

/// Why the ledger cannot be a workbook.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// More rows than a worksheet has.
    #[error(
        "the ledger has {rows} rows, more than an Excel worksheet holds ({} below the header): write CSV instead, or split the programme",
        MAX_XLSX_ROWS - 1
    )]
    TooManyRows {
        /// The ledger's rows.
        rows: usize,
    },
    /// The workbook writer failed.
    #[cfg(feature = "xlsx")]
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Checks, before anything is built, that `rows` ledger rows fit a worksheet.
///
/// # Errors
///
/// [`LedgerError::TooManyRows`] past 1 048 575 rows.
pub fn check_xlsx_rows(rows: usize) -> Result<(), LedgerError> {
    if rows >= MAX_XLSX_ROWS { Err(LedgerError::TooManyRows { rows }) } else { Ok(()) }
}

/// A cell that was cut to fit a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutCell {
    /// The ledger row (序号).
    pub row: usize,
    /// The task as the notice numbers and words it.
    pub task: String,
    /// The column's header.
    pub column: &'static str,
    /// The cell's length in characters, as Excel counts them.
    pub chars: usize,
}

/// A built workbook and the cells cut to fit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workbook {
    /// The XLSX file.
    pub bytes: Vec<u8>,
    /// Cells longer than Excel allows, cut with [`CUT_MARK`]; the CSV keeps them whole.
    pub cut: Vec<CutCell>,
}

#[cfg(feature = "xlsx")]
/// `text` cut to at most [`MAX_XLSX_CELL_CHARS`] UTF-16 code units, ending
/// with [`CUT_MARK`]; `None` when it fits as it is.
fn cut_to_fit(text: &str) -> Option<String> {
    if text.encode_utf16().count() <= MAX_XLSX_CELL_CHARS {
        return None;
    }
    let room = MAX_XLSX_CELL_CHARS - CUT_MARK.encode_utf16().count();
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    Some(format!("{}{CUT_MARK}", &text[..end]))
}

/// The ledger as an XLSX workbook: the sheet [`SHEET_NAME`] with a bold
/// frozen header row, fitted column widths, text wrapped in capped columns,
/// figures as numbers (as text when a spreadsheet double would round them,
/// so no figure changes on the way), dates as date cells; and the sheet
/// [`KEY_SHEET_NAME`] giving each header's key, where the export has it and
/// what it means. A cell longer than Excel allows is cut with [`CUT_MARK`]
/// and listed in [`Workbook::cut`].
///
/// # Errors
///
/// [`LedgerError::TooManyRows`], checked first, and [`LedgerError::Xlsx`]
/// when rust_xlsxwriter cannot build the workbook.
#[cfg(feature = "xlsx")]
pub fn to_xlsx(rows: &[LedgerRow]) -> Result<Workbook, LedgerError> {
    use rust_xlsxwriter::{Format, FormatAlign};
    check_xlsx_rows(rows.len())?;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let day = Format::new().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Top);
    let mut cut = Vec::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let widths = column_widths(rows);
    for (col, (header, width)) in (0u16..).zip(HEADERS.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, *header, &bold)?;
        sheet.set_column_width(col, u32::try_from(width).unwrap_or(60))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (row, r) in (1u32..).zip(rows) {
        for (col, field) in (0u16..).zip(Field::ALL) {
            match r.cell(field) {
                Cell::Empty => sheet.write_blank(row, col, &wrap)?,
                Cell::Text(t) => match cut_to_fit(&t) {
                    None => sheet.write_string_with_format(row, col, t.as_ref(), &wrap)?,
                    Some(short) => {
                        let chars = t.encode_utf16().count();
                        cut.push(CutCell { row: r.index, task: cut_label(r), column: field.column().header, chars });
                        sheet.write_string_with_format(row, col, short, &wrap)?
                    }
                },
                Cell::Number(d) => match exact_double(d) {
                    Some(f) => sheet.write_number_with_format(row, col, f, &wrap)?,
                    // A spreadsheet number would round it: keep the figure as written.
                    None => sheet.write_string_with_format(row, col, plain(d), &wrap)?,
                },
                Cell::Date(d) => match excel_date(d) {
                    Some(x) => sheet.write_date_with_format(row, col, x, &day)?,
                    // Excel has no dates before 1900 or after 9999.
                    None => sheet.write_string_with_format(row, col, d.format("%Y-%m-%d").to_string(), &wrap)?,
                },
            };
        }
    }
    let last_col = u16::try_from(COLUMN_COUNT - 1).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), last_col)?;

    let key_sheet = workbook.add_worksheet();
    key_sheet.set_name(KEY_SHEET_NAME)?;
    for (col, (title, width)) in (0u16..).zip([("列名", 14), ("key", 20), ("导出表.列 (export)", 28), ("说明", 90)])
    {
        key_sheet.write_string_with_format(0, col, title, &bold)?;
        key_sheet.set_column_width(col, width)?;
    }
    key_sheet.set_freeze_panes(1, 0)?;
    for (row, c) in (1u32..).zip(COLUMNS) {
        key_sheet.write_string_with_format(row, 0, c.header, &wrap)?;
        key_sheet.write_string_with_format(row, 1, c.key, &wrap)?;
        key_sheet.write_string_with_format(row, 2, c.export.unwrap_or("—"), &wrap)?;
        key_sheet.write_string_with_format(row, 3, c.meaning, &wrap)?;
    }
    Ok(Workbook { bytes: workbook.save_to_buffer()?, cut })
}

#[cfg(feature = "xlsx")]
/// The task a row belongs to, as the notice numbers it and its first words.
fn cut_label(r: &LedgerRow) -> String {
    let head: String = r.task.chars().take(24).collect();
    let more = if r.task.chars().nth(24).is_some() { "…" } else { "" };
    if r.number.is_empty() { format!("{head}{more}") } else { format!("{} {head}{more}", r.number) }
}

/// A date as Excel holds it; `None` outside the years Excel has (1900–9999).
#[cfg(feature = "xlsx")]
fn excel_date(d: NaiveDate) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y))?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, month, day).ok()
}

/// `d` as the double a spreadsheet cell holds, when the double reads back
/// as exactly `d`; `None` for figures a double would round (more than about
/// 15 significant digits, or fractions like 0.1 + 2⁵³).
#[cfg(feature = "xlsx")]
fn exact_double(d: Decimal) -> Option<f64> {
    let f: f64 = plain(d).parse().ok()?;
    // Rust prints the shortest decimal that reads back as `f`.
    let back: Decimal = format!("{f}").parse().ok()?;
    (back == d).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "xlsx")]
    #[test]
    fn figures_go_into_cells_as_numbers_only_when_exact() {
        use rust_decimal_macros::dec;
        assert_eq!(exact_double(dec!(41.67)), Some(41.67));
        assert_eq!(exact_double(dec!(125000)), Some(125000.0));
        assert_eq!(exact_double(dec!(85.50)), Some(85.5));
        assert_eq!(exact_double(dec!(-5.9)), Some(-5.9));
        assert_eq!(exact_double(dec!(12345678901234567.891)), None);
        assert_eq!(exact_double(dec!(9007199254740993)), None, "2^53 + 1 has no double");
    }

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("序号ab"), 6);
    }

    #[test]
    fn columns_are_named_once_and_keys_are_unique() {
        let mut keys: Vec<&str> = KEYS.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), COLUMN_COUNT);
        assert_eq!(HEADERS[Field::ALL.iter().position(|f| *f == Field::Low).unwrap()], "目标值");
        for c in COLUMNS {
            assert!(c.key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", c.key);
        }
    }

    #[test]
    fn the_row_limit_is_checked_before_anything_is_built() {
        assert!(check_xlsx_rows(MAX_XLSX_ROWS - 1).is_ok());
        let e = check_xlsx_rows(MAX_XLSX_ROWS).unwrap_err().to_string();
        assert!(e.contains("1048576 rows") && e.contains("1048575") && e.contains("CSV"), "{e}");
    }

    #[cfg(feature = "xlsx")]
    #[test]
    fn long_cells_are_cut_with_a_mark_within_excels_limit() {
        assert_eq!(cut_to_fit("短"), None);
        let exact = "字".repeat(MAX_XLSX_CELL_CHARS);
        assert_eq!(cut_to_fit(&exact), None);
        let long = "字".repeat(MAX_XLSX_CELL_CHARS + 1);
        let cut = cut_to_fit(&long).unwrap();
        assert!(cut.ends_with(CUT_MARK));
        assert!(cut.encode_utf16().count() <= MAX_XLSX_CELL_CHARS);
        // Characters outside the BMP count twice, as Excel counts them; none is split.
        let wide = "𠀀".repeat(MAX_XLSX_CELL_CHARS);
        let cut = cut_to_fit(&wide).unwrap();
        assert!(cut.encode_utf16().count() <= MAX_XLSX_CELL_CHARS);
        assert!(cut.trim_end_matches(CUT_MARK).chars().all(|c| c == '𠀀'));
    }
}
