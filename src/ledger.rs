//! The work ledger (工作台账): one row per task and target, as supervision
//! offices keep it in Excel, with the latest progress when reports are given.
//!
//! [`rows`] builds the rows; [`to_csv`] writes CSV (always available) and
//! `to_xlsx` an XLSX workbook (feature `xlsx`). Headers are Chinese
//! ([`HEADERS`]). The CSV starts with a UTF-8 byte-order mark, which Excel
//! needs to read Chinese text in a CSV correctly (LibreOffice and other
//! readers skip it), and ends lines with CRLF as RFC 4180 says.
//!
//! ```
//! let programme = minsheng::from_path("examples/data/qinghai-2021.json", minsheng::DEFAULT_MAX_BYTES)?;
//! let rows = minsheng::ledger::rows(&programme, None);
//! assert_eq!(rows.len(), 62); // 40 targets, and 22 tasks with none
//! let csv = minsheng::ledger::to_csv(&rows);
//! assert!(csv.starts_with("\u{feff}序号,板块,编号,任务"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::{Evaluation, TargetEvaluation};
use crate::json::decimal::plain;
use crate::model::{Amount, ChangeScale, Measure, Programme, Role, Target, Task, UnitId};

/// The column headers, in order.
pub const HEADERS: [&str; 16] = [
    "序号",
    "板块",
    "编号",
    "任务",
    "指标",
    "目标表述",
    "目标值",
    "单位",
    "牵头单位",
    "配合单位",
    "时限",
    "最新进展",
    "实际值",
    "截至日期",
    "完成率(%)",
    "状态",
];

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LedgerRow {
    /// 序号: the row's position, from 1.
    pub index: usize,
    /// 板块: the section as the notice heads it.
    pub section: String,
    /// 编号: the task's number as printed.
    pub number: String,
    /// 任务: the task's text (its heading first, when it has one).
    pub task: String,
    /// 指标: what the target measures; empty for a task without targets.
    pub subject: String,
    /// 目标表述: the target's phrase in the notice.
    pub phrase: String,
    /// 目标值: the normalised figure with its comparator (≥85; 1–2).
    pub value: String,
    /// 单位: the figure's unit (人次, %, ‰, 个百分点).
    pub unit: String,
    /// 牵头单位: lead (or jointly responsible) units, by name.
    pub leads: String,
    /// 配合单位: cooperating units, by name.
    pub cooperating: String,
    /// 时限: the deadline in the notice's words.
    pub deadline: String,
    /// 最新进展: the latest actual in the report's words.
    pub latest: String,
    /// 实际值: the latest actual, normalised into the target's unit.
    pub actual: Option<Decimal>,
    /// 截至日期: the date the latest actual stands at.
    pub as_of: String,
    /// 完成率(%): completion in percent.
    pub completion: Option<Decimal>,
    /// 状态: the status in Chinese (已完成, 序时推进, 滞后…); empty without an evaluation.
    pub status: String,
}

impl LedgerRow {
    /// The row's cells as text, in [`HEADERS`] order.
    pub fn cells(&self) -> [String; 16] {
        let dec = |d: &Option<Decimal>| d.map(plain).unwrap_or_default();
        [
            self.index.to_string(),
            self.section.clone(),
            self.number.clone(),
            self.task.clone(),
            self.subject.clone(),
            self.phrase.clone(),
            self.value.clone(),
            self.unit.clone(),
            self.leads.clone(),
            self.cooperating.clone(),
            self.deadline.clone(),
            self.latest.clone(),
            dec(&self.actual),
            self.as_of.clone(),
            dec(&self.completion),
            self.status.clone(),
        ]
    }
}

fn figure(amount: Option<&Amount>) -> String {
    let Some(a) = amount else { return String::new() };
    let sign = match a {
        Amount::Exactly { .. } => "",
        Amount::AtLeast { .. } => "≥",
        Amount::AtMost { .. } => "≤",
        Amount::MoreThan { .. } => ">",
        Amount::LessThan { .. } => "<",
        Amount::Approximately { .. } => "≈",
        Amount::Between { min, max } => return format!("{}–{}", plain(*min), plain(*max)),
    };
    format!("{sign}{}", plain(a.low()))
}

fn unit_text(t: &Target) -> String {
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
    ids.map(|id| p.unit(id).map_or_else(|| id.to_string(), |u| u.name.clone())).collect::<Vec<_>>().join("、")
}

fn task_text(t: &Task) -> String {
    match &t.title {
        Some(title) => format!("{title}：{}", t.description),
        None => t.description.clone(),
    }
}

/// The ledger's rows: one per target, and one for each task without targets,
/// in the notice's order. With an [`Evaluation`] the progress columns are filled.
pub fn rows(programme: &Programme, evaluation: Option<&Evaluation>) -> Vec<LedgerRow> {
    let by_target: std::collections::HashMap<&str, &TargetEvaluation> =
        evaluation.map(|e| e.targets.iter().map(|t| (t.target.as_str(), t)).collect()).unwrap_or_default();
    let mut out = Vec::new();
    for section in &programme.sections {
        for task in section.tasks.iter().flat_map(Task::walk) {
            let mut leads: Vec<&UnitId> = task.units_with(Role::Lead).collect();
            leads.extend(task.units_with(Role::Joint));
            leads.extend(task.units_with(Role::Responsible));
            let base = LedgerRow {
                index: 0,
                section: section.label(),
                number: task.number.as_ref().map(ToString::to_string).unwrap_or_default(),
                task: task_text(task),
                subject: String::new(),
                phrase: String::new(),
                value: String::new(),
                unit: String::new(),
                leads: names(programme, leads.into_iter()),
                cooperating: names(programme, task.units_with(Role::Cooperating)),
                deadline: task.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("；"),
                latest: String::new(),
                actual: None,
                as_of: String::new(),
                completion: None,
                status: String::new(),
            };
            if task.targets.is_empty() {
                out.push(base);
                continue;
            }
            for t in &task.targets {
                let e = by_target.get(t.id.as_str());
                let mut row = base.clone();
                row.subject = t.subject.clone();
                row.phrase = t.phrase.clone();
                row.value = figure(t.amount.as_ref());
                row.unit = unit_text(t);
                if let Some(d) = &t.deadline {
                    row.deadline = d.text.clone();
                }
                if let Some(e) = e {
                    row.latest = e.actual_phrase.clone().unwrap_or_default();
                    row.actual = e.actual;
                    row.as_of = e.reported_as_of.map(|d| d.to_string()).unwrap_or_default();
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

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The ledger as CSV: a UTF-8 byte-order mark, the Chinese header row, one
/// line per row, fields quoted where RFC 4180 requires, CRLF line ends.
pub fn to_csv(rows: &[LedgerRow]) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &[String]| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, c);
        }
        out.push_str("\r\n");
    };
    line(&HEADERS.map(String::from));
    for r in rows {
        line(&r.cells());
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
pub fn column_widths(rows: &[LedgerRow]) -> [usize; 16] {
    let mut w = HEADERS.map(display_width);
    for r in rows {
        for (i, c) in r.cells().iter().enumerate() {
            if let Some(slot) = w.get_mut(i) {
                *slot = (*slot).max(display_width(c));
            }
        }
    }
    w.map(|x| (x + 2).min(MAX_COLUMN_WIDTH))
}

/// The name of the ledger's worksheet.
pub const SHEET_NAME: &str = "工作台账";

/// The ledger as an XLSX workbook: one sheet named [`SHEET_NAME`], a bold
/// frozen header row, fitted column widths, text wrapped in capped columns,
/// figures and completion as numbers (as text when a spreadsheet double
/// would round them, so no figure changes on the way).
///
/// # Errors
///
/// When rust_xlsxwriter cannot build the workbook.
#[cfg(feature = "xlsx")]
pub fn to_xlsx(rows: &[LedgerRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let widths = column_widths(rows);
    for (col, (header, width)) in (0u16..).zip(HEADERS.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, *header, &bold)?;
        sheet.set_column_width(col, u32::try_from(width).unwrap_or(60))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (row, r) in (1u32..).zip(rows) {
        for (col, cell) in (0u16..).zip(r.cells()) {
            match col {
                0 => sheet.write_number_with_format(row, col, u32::try_from(r.index).unwrap_or(u32::MAX), &wrap)?,
                12 | 14 => {
                    let value = if col == 12 { r.actual } else { r.completion };
                    match value {
                        Some(d) => match exact_double(d) {
                            Some(f) => sheet.write_number_with_format(row, col, f, &wrap)?,
                            // A spreadsheet number would round it: keep the figure as written.
                            None => sheet.write_string_with_format(row, col, plain(d), &wrap)?,
                        },
                        None => sheet.write_blank(row, col, &wrap)?,
                    }
                }
                _ => sheet.write_string_with_format(row, col, &cell, &wrap)?,
            };
        }
    }
    sheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), 15)?;
    workbook.save_to_buffer()
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
    fn csv_quotes_what_rfc_4180_requires() {
        let mut s = String::new();
        csv_field(&mut s, "a,b \"c\"");
        assert_eq!(s, "\"a,b \"\"c\"\"\"");
        let mut s = String::new();
        csv_field(&mut s, "省教育厅");
        assert_eq!(s, "省教育厅");
    }

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("序号ab"), 6);
    }
}
