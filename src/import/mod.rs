//! Importing a notice's plain text into a draft [`Programme`].
//!
//! A supervision office receives next year's notice as text; [`notice`]
//! turns it into a draft programme — header, sections, tasks at every
//! numbering level, responsibility clauses in every convention the notices
//! use, a unit registry with aliases merged, targets (via the
//! [phrase parser](crate::parse)), deadlines, phases and the reporting
//! calendar — and says plainly what it could not place: every piece of task
//! text that did not become structure comes back as a [`Diagnostic`] with its
//! byte span in the caller's text and a reason.
//!
//! Real text is taken as it comes: full-width and half-width punctuation
//! mixed, stray spaces, a line break inside a unit's name, page furniture
//! (首页, 图解, 扫一扫…), CRLF or lone CR line ends, a byte-order mark and
//! traditional characters. Folding is for matching only: descriptions,
//! clauses and titles are cut verbatim from the source.
//!
//! ```
//! let text = "青海省人民政府办公厅\n关于2021年民生实事工程任务分工的通知\n青政办〔2021〕24号\n\
//!             一、主要任务及分工\n(一)就业促进工程。\n\
//!             1.全省城镇新增就业6万人。(省人力资源社会保障厅牵头，省妇联配合)\n";
//! let import = minsheng::import::notice(text);
//! let p = &import.programme;
//! assert_eq!(p.year, 2021);
//! assert_eq!(p.jurisdiction.name, "青海省");
//! let task = &p.sections[0].tasks[0];
//! assert_eq!(task.description, "全省城镇新增就业6万人。");
//! assert_eq!(task.targets.len(), 1);
//! assert_eq!(task.leads().count(), 1);
//! assert!(minsheng::validate(p).errors().next().is_none());
//! ```

mod accounting;
mod builder;
mod clause;
mod glued;
mod header;
mod layout;
mod outline;
mod schedule;
mod table;
mod text;
mod units;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::findings::Severity;
use crate::model::Programme;

pub use accounting::Accounting;

/// What sort of thing a [`Diagnostic`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A line of page furniture (首页, 图解…), skipped.
    Furniture,
    /// A figure in a task's text that the phrase parser did not read as a target.
    UnreadFigure,
    /// Part of a responsibility clause that names no role.
    UnreadClause,
    /// A task with no responsibility clause, in a notice that gives them.
    NoClause,
    /// A list of items the notice counts but that could not be split.
    UnsplitList,
    /// A target whose subject (what it counts) the phrase parser did not find.
    NoSubject,
    /// Header metadata that could not be found.
    MissingMetadata,
    /// A value the draft must hold but the text does not give, and what was
    /// put in its place (the year when no date names it).
    Assumed,
    /// Text inside the task list that is not a task (a paragraph after a
    /// task's clause, a part headed 工作要求), kept as a passage.
    NotATask,
    /// Text inside the task list that nothing read, found by the
    /// [`Accounting`]: a layout the importer does not know.
    NotRead,
    /// No task was recognised at all: an error, naming the layout the text
    /// seems to have.
    NoTasks,
}

impl DiagnosticKind {
    /// How serious it is: an error when the import recognised no task (the
    /// draft is empty), a warning otherwise.
    pub fn severity(self) -> Severity {
        match self {
            DiagnosticKind::NoTasks => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// Something the import could not place, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error when no task was recognised, warning otherwise.
    pub severity: Severity,
    /// Byte range in the text given to [`notice`].
    pub span: Range<usize>,
    /// The 1-based line the span starts on.
    pub line: u32,
    /// What sort of problem it is.
    pub kind: DiagnosticKind,
    /// Why the text did not become structure, naming what the notice wrote.
    pub reason: String,
    /// The task it belongs to, as the notice numbers it, when it belongs to one.
    pub task: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `kind`, its severity the kind's.
    pub fn new(span: Range<usize>, line: u32, kind: DiagnosticKind, reason: String, task: Option<String>) -> Self {
        Self { severity: kind.severity(), span, line, kind, reason, task }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Error {
            f.write_str("error: ")?;
        }
        write!(f, "line {}, bytes {}..{}", self.line, self.span.start, self.span.end)?;
        if let Some(t) = &self.task {
            write!(f, ", task {t}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A draft programme and what could not be placed in it.
#[derive(Debug, Clone)]
pub struct Import {
    /// The programme as far as the text allows.
    pub programme: Programme,
    /// Everything not placed, in text order.
    pub diagnostics: Vec<Diagnostic>,
    /// The account of the task-bearing part: how much of it the tasks,
    /// headings, metadata and diagnostics cover.
    pub accounting: Accounting,
}

impl Import {
    /// `true` when a diagnostic is an error: no task was recognised.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// The programme year, when the text does not say it plainly.
    pub year: Option<i32>,
    /// The file name or URL the text came from, for the provenance.
    pub source: Option<String>,
}

impl Options {
    /// Options with a programme year.
    #[must_use]
    pub fn year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }

    /// Options naming the source.
    #[must_use]
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }
}

/// Imports a notice's plain text with default [`Options`].
///
/// Never fails: what cannot be read is reported in
/// [`Import::diagnostics`]. See the [module documentation](self).
///
/// ```
/// use minsheng::import::{DiagnosticKind, notice};
/// let text = "首页\n一、主要任务\n(一)就业\n1.城镇新增就业4万人。(牵头单位:州人社局)\n2.推进工作。\n";
/// let import = notice(text);
/// assert_eq!(import.programme.task_count(), 2);
/// let kinds: Vec<DiagnosticKind> = import.diagnostics.iter().map(|d| d.kind).collect();
/// assert!(kinds.contains(&DiagnosticKind::Furniture));
/// let unclaused = import.diagnostics.iter().find(|d| d.kind == DiagnosticKind::NoClause).unwrap();
/// assert_eq!(&text[unclaused.span.clone()], "推进工作。");
/// ```
pub fn notice(text: &str) -> Import {
    notice_with(text, &Options::default())
}

/// Imports a notice's plain text.
///
/// ```
/// use minsheng::import::{Options, notice_with};
/// let text = "一、重点工作\n(一)抓好就业。城镇新增就业1.3万人。(牵头单位:州人社局)\n";
/// let import = notice_with(text, &Options::default().year(2020).source("haixi.txt"));
/// assert_eq!(import.programme.year, 2020);
/// assert_eq!(import.programme.sections[0].tasks[0].targets.len(), 1);
/// ```
pub fn notice_with(text: &str, options: &Options) -> Import {
    builder::build(text, options)
}
