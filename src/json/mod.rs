//! The wire format: how programmes and reports travel as JSON.
//!
//! Two layers in one folder. Underneath the model: the string forms of
//! [dates](date) and [decimals](decimal) that the model's serde attributes
//! use, and [JSON Pointers](pointer) that findings carry. On top of the
//! model: [loading](load) with located [errors](error), and the generated
//! [JSON Schemas](schema).

pub(crate) mod date;
pub(crate) mod decimal;
pub(crate) mod error;
pub(crate) mod load;
pub mod pointer;
pub mod schema;

pub use date::{DATE_PATTERN, parse_date};
pub use decimal::{DECIMAL_PATTERN, parse_decimal};
pub use error::{Error, JsonError, JsonProblem};
pub use load::{DEFAULT_MAX_BYTES, from_path, from_slice, from_str, read_limited, to_string_pretty};
