//! Reading and writing programme documents, with errors that say where.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::json::error::{Error, JsonError, JsonProblem};
use crate::model::Programme;

/// The default limit on the size of an input read from a file: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a programme from JSON text.
///
/// A UTF-8 byte-order mark at the start is skipped. Unknown fields, wrong
/// types, JSON numbers where decimals belong and invalid dates are errors
/// that give the line, column and JSON Pointer of the offending value.
///
/// ```
/// let err = minsheng::from_str(r#"{"format_version": "1", "id": "x", "titel": "t"}"#).unwrap_err();
/// assert!(err.to_string().contains("unknown field `titel`"));
/// ```
///
/// # Errors
///
/// [`Error::Json`] when the text is not a programme.
pub fn from_str(text: &str) -> Result<Programme, Error> {
    from_slice(text.as_bytes())
}

/// Reads a programme from JSON bytes; see [`from_str`].
///
/// # Errors
///
/// [`Error::Json`] when the bytes are not a programme (invalid UTF-8 included).
pub fn from_slice(bytes: &[u8]) -> Result<Programme, Error> {
    read_json(bytes, None)
}

/// Reads a programme from a file, refusing files larger than `max_bytes`.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::TooLarge`] when it
/// exceeds `max_bytes`, [`Error::Json`] (naming the file) when it is not a
/// programme.
pub fn from_path(path: impl AsRef<Path>, max_bytes: u64) -> Result<Programme, Error> {
    let path = path.as_ref();
    let bytes = read_limited(path, max_bytes)?;
    read_json(&bytes, Some(path))
}

/// Reads a whole file, refusing more than `max_bytes`.
///
/// # Errors
///
/// [`Error::Io`] or [`Error::TooLarge`].
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max_bytes {
        return Err(Error::TooLarge { path: Some(path.to_owned()), size, max: max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit so a file that grows while we read is caught too.
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge { path: Some(path.to_owned()), size: bytes.len() as u64, max: max_bytes });
    }
    Ok(bytes)
}

/// Deserializes any of the crate's documents with located errors.
pub(crate) fn read_json<T: DeserializeOwned>(bytes: &[u8], file: Option<&Path>) -> Result<T, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| located(e, file))?;
    de.end().map_err(|e| Error::Json(Box::new(json_error(&e, String::new(), file.map(Path::to_path_buf)))))?;
    Ok(value)
}

fn located(e: serde_path_to_error::Error<serde_json::Error>, file: Option<&Path>) -> Error {
    let pointer = pointer_of(e.path());
    Error::Json(Box::new(json_error(e.inner(), pointer, file.map(Path::to_path_buf))))
}

fn json_error(e: &serde_json::Error, pointer: String, file: Option<PathBuf>) -> JsonError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    // Say in the format's terms what the parsers below us mean.
    let message = match message.as_str() {
        "invalid unicode code point" => format!("{message}: the input is not valid UTF-8"),
        "input is out of range"
        | "input contains invalid characters"
        | "premature end of input"
        | "trailing input"
        | "input is not enough for unique date and time" => {
            format!("{message}: expected a real calendar date written YYYY-MM-DD")
        }
        _ => message,
    };
    let problem = match e.classify() {
        serde_json::error::Category::Eof => JsonProblem::Eof,
        serde_json::error::Category::Data => JsonProblem::Data,
        _ => JsonProblem::Syntax,
    };
    JsonError { file, line: e.line(), column: e.column(), pointer, message, problem }
}

/// Turns serde_path_to_error's path into a JSON Pointer (RFC 6901).
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&crate::json::pointer::escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Writes a programme as pretty-printed JSON with a final newline.
///
/// # Errors
///
/// Only when serialization itself fails, which the model's types do not do.
pub fn to_string_pretty(programme: &Programme) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(programme)?;
    s.push('\n');
    Ok(s)
}
