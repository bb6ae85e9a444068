//! The domain types: a programme and everything it holds, as the notices
//! write it. One module per type family, each documented against the
//! notices (see `DESIGN.md` for the model's rationale).
//!
//! The model knows nothing of rules, reports or the command line; the only
//! things it borrows from elsewhere are the wire forms of dates and decimals
//! ([`crate::json`]) and JSON Pointers, which its own helpers build.

pub(crate) mod deadline;
pub(crate) mod document;
pub(crate) mod extra;
pub(crate) mod id;
pub(crate) mod number;
pub(crate) mod programme;
pub(crate) mod reporting;
pub(crate) mod responsibility;
pub(crate) mod section;
pub(crate) mod target;
pub(crate) mod task;
pub mod unit;

pub use deadline::{Deadline, Frequency, Period, Phase, Precision};
pub use document::{DocumentNumber, DocumentNumberError, DocumentRef};
pub use extra::Extra;
pub use id::{ID_PATTERN, IdError, MAX_ID_LEN, ProgrammeId, SectionId, TargetId, TaskId, UnitId};
pub use number::{NumberSegment, NumberStyle, TaskNumber, TaskNumberError};
pub use programme::{DeclaredCount, DivisionCode, FormatVersion, Jurisdiction, Method, Passage, Programme, Provenance};
pub use reporting::{Contact, ReportingRequirement};
pub use responsibility::{AdminLevel, Collective, Person, Responsibility, ResponsibleUnit, Role, UnitKind};
pub use section::Section;
pub use target::{Amount, Baseline, Breakdown, ChangeDirection, ChangeScale, Comparator, Measure, PerMember, Target};
pub use task::{Lifecycle, SourceSpan, Task, TaskLink};
pub use unit::{Dimension, Unit};
