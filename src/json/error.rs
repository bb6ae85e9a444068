//! The crate's error type: what went wrong loading a programme, and where.

use std::fmt;
use std::path::PathBuf;

/// What kind of JSON problem stopped a load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonProblem {
    /// Not JSON at all, or broken JSON (a missing comma, invalid UTF-8).
    Syntax,
    /// Valid JSON that is not a programme (a wrong type, an unknown field,
    /// a bad date or decimal).
    Data,
    /// The input ended in the middle of a value (truncated or empty).
    Eof,
}

/// Where and why JSON could not be read as a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The file, when the input came from one.
    pub file: Option<PathBuf>,
    /// The line, counting from 1 (0 when the input is empty).
    pub line: usize,
    /// The column, counting from 1.
    pub column: usize,
    /// The JSON Pointer to the value being read (`/sections/2/tasks/4`);
    /// empty for the document itself.
    pub pointer: String,
    /// What was wrong, in words.
    pub message: String,
    /// The kind of problem.
    pub problem: JsonProblem,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
        }
        write!(f, "{}:{}: ", self.line, self.column)?;
        if !self.pointer.is_empty() {
            write!(f, "at {}: ", self.pointer)?;
        }
        f.write_str(&self.message)
    }
}

/// Everything that can go wrong in this crate's fallible operations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The input is larger than the caller allows.
    #[error("{}: the input is {size} bytes, more than the {max} allowed", path.as_ref().map_or_else(|| "input".into(), |p| p.display().to_string()))]
    TooLarge {
        /// The file, when the input came from one.
        path: Option<PathBuf>,
        /// The input's size in bytes.
        size: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// The input is not a programme in the JSON format.
    #[error("{0}")]
    Json(Box<JsonError>),
}

impl Error {
    /// The JSON error, when that is what this is.
    pub fn as_json(&self) -> Option<&JsonError> {
        match self {
            Error::Json(e) => Some(e),
            _ => None,
        }
    }
}
