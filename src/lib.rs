//! # minsheng
//!
//! A typed model of Chinese livelihood public-works programmes
//! (民生实事工程): the yearly notices in which a government splits its
//! programme into tasks, gives each task numeric targets and deadlines, and
//! names the departments that lead and cooperate.
//!
//! - [`Programme`] holds a whole notice: its [`DocumentRef`], [`Jurisdiction`],
//!   the registry of [`ResponsibleUnit`]s, [`Section`]s of [`Task`]s with
//!   their [`Target`]s, [`Responsibility`]s and [`Deadline`]s, the work
//!   [`Phase`]s and the [`ReportingRequirement`]s.
//! - [`validate()`] finds every defect at once, each [`Finding`] with a stable
//!   code, a severity and a JSON Pointer (see [`validate`](mod@validate) for
//!   the table of codes).
//! - [`aggregate`] answers what supervisors ask: totals per subject and per
//!   dimension, the workload of each unit, the calendar, reconciliations.
//! - [`progress`] reads and checks progress reports; [`evaluate`] says where
//!   each target stands as of a date, rolls it up per task, section, lead unit
//!   and programme, and lists the reports due and overdue; [`decompose`]
//!   shows how a child programme covers its parent's targets; [`ledger`]
//!   writes the work ledger (工作台账) as CSV or XLSX.
//! - [`export`] flattens programmes, progress reports and evaluations into
//!   related tables (CSV, NDJSON, Parquet with the `parquet` feature) for
//!   DuckDB, pandas and other analysts' tools.
//! - [`schema`] generates the JSON Schemas (draft 2020-12) of the formats.
//! - [`import`] turns a notice's plain text into a draft programme and says
//!   what it could not place.
//! - [`batch`] validates many programmes or files at once, on all cores with
//!   the `parallel` feature, results in input order.
//!
//! Numbers are [`rust_decimal::Decimal`] everywhere and travel in JSON as
//! strings (`"51500"`), so nothing is rounded on the way.
//!
//! ```
//! let json = std::fs::read_to_string("examples/data/qinghai-2021.json")?;
//! let programme = minsheng::from_str(&json)?;
//! let report = minsheng::validate(&programme);
//! assert_eq!(report.errors().count(), 0);
//! let totals = minsheng::aggregate::totals(&programme);
//! assert!(!totals.by_dimension.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![deny(unreachable_pub)]

// The layers, from the ground up: the model; its wire format; the rules
// (findings, validation, progress checks); the reports built on them
// (aggregation, evaluation, decomposition, the ledger); reading notices'
// text (phrases, import); and tools for scale (batch, the generator).
mod csv;
mod hash;
mod json;
mod model;

pub mod findings;
pub mod validate;

pub mod aggregate;
pub mod decompose;
pub mod export;
pub mod ledger;
pub mod progress;

pub mod import;
pub mod parse;

pub mod batch;
#[cfg(feature = "generate")]
pub mod generate;

/// Why the crate is the way it is: the layers, and the reasons behind the
/// format and the rules (the repository's `DESIGN.md`).
#[doc = include_str!("../DESIGN.md")]
pub mod design {}

// README.md's examples compile and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use json::{
    DATE_PATTERN, DECIMAL_PATTERN, DEFAULT_MAX_BYTES, Error, JsonError, JsonProblem, NotUtf8, decode_text, from_path,
    from_slice, from_str, parse_date, parse_decimal, pointer, read_limited, schema, to_string_pretty, utf16_encoding,
};
pub use model::{
    AdminLevel, Amount, Baseline, Breakdown, ChangeDirection, ChangeScale, Collective, Comparator, Contact, Deadline,
    DeclaredCount, Dimension, DivisionCode, DocumentNumber, DocumentNumberError, DocumentRef, Extra, FormatVersion,
    Frequency, ID_PATTERN, IdError, Jurisdiction, Lifecycle, MAX_ID_LEN, Measure, Method, NumberSegment, NumberStyle,
    Passage, PerMember, Period, Person, Phase, Precision, Programme, ProgrammeId, Provenance, ReportingRequirement,
    Responsibility, ResponsibleUnit, Role, Section, SectionId, SourceSpan, Target, TargetId, Task, TaskId, TaskLink,
    TaskNumber, TaskNumberError, Unit, UnitId, UnitKind, unit,
};
pub use progress::evaluate;
pub use validate::{Code, Finding, Report, Severity, validate};
