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

pub mod aggregate;
pub mod batch;
mod date;
mod deadline;
mod decimal;
pub mod decompose;
mod document;
mod error;
pub mod evaluate;
mod extra;
#[cfg(feature = "generate")]
pub mod generate;
mod id;
pub mod import;
pub mod ledger;
mod load;
mod number;
pub mod parse;
pub mod pointer;
mod programme;
pub mod progress;
mod reporting;
mod responsibility;
pub mod schema;
mod section;
mod target;
mod task;
pub mod unit;
pub mod validate;

pub use date::{DATE_PATTERN, parse_date};
pub use deadline::{Deadline, Frequency, Period, Phase, Precision};
pub use decimal::{DECIMAL_PATTERN, parse_decimal};
pub use document::{DocumentNumber, DocumentNumberError, DocumentRef};
pub use error::{Error, JsonError, JsonProblem};
pub use extra::Extra;
pub use id::{ID_PATTERN, IdError, MAX_ID_LEN, ProgrammeId, SectionId, TargetId, TaskId, UnitId};
pub use load::{DEFAULT_MAX_BYTES, from_path, from_slice, from_str, read_limited, to_string_pretty};
pub use number::{NumberSegment, NumberStyle, TaskNumber, TaskNumberError};
pub use programme::{DeclaredCount, DivisionCode, FormatVersion, Jurisdiction, Method, Passage, Programme, Provenance};
pub use reporting::{Contact, ReportingRequirement};
pub use responsibility::{AdminLevel, Collective, Responsibility, ResponsibleUnit, Role, UnitKind};
pub use section::Section;
pub use target::{Amount, Baseline, Breakdown, ChangeDirection, ChangeScale, Comparator, Measure, PerMember, Target};
pub use task::{Lifecycle, SourceSpan, Task, TaskLink};
pub use unit::{Dimension, Unit};
pub use validate::{Code, Finding, Report, Severity, validate};
