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
    parse_programme(without_bom(text), None)
}

/// Reads a programme from JSON bytes; see [`from_str`].
///
/// # Errors
///
/// [`Error::Json`] when the bytes are not a programme (invalid UTF-8 included).
pub fn from_slice(bytes: &[u8]) -> Result<Programme, Error> {
    read_json_with(bytes, None, parse_programme)
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
    read_json_with(&bytes, Some(path), parse_programme)
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

/// Text that is not UTF-8: which encoding it seems to be in, and where the
/// first byte that is not UTF-8 stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// `Some("UTF-16LE")` or `Some("UTF-16BE")` when the bytes are UTF-16:
    /// a byte-order mark, or a NUL in every other byte of the start.
    pub utf16: Option<&'static str>,
    /// The offset of the first byte that is not UTF-8.
    pub offset: usize,
}

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.utf16 {
            Some(encoding) => write!(
                f,
                "the input is {encoding} text, not UTF-8; convert it first, e.g. with iconv -f UTF-16 -t UTF-8"
            ),
            None => write!(
                f,
                "not UTF-8 text (invalid byte at offset {}); convert it first, e.g. with iconv -f GB18030",
                self.offset
            ),
        }
    }
}

impl std::error::Error for NotUtf8 {}

/// Names UTF-16 input: by its byte-order mark, or by NULs in every other
/// byte of its first 64 (the ASCII of a JSON document or of a notice's
/// numbering written in UTF-16).
pub fn utf16_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => return Some("UTF-16BE"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let pairs = head.len() / 2;
    match (even, odd) {
        (0, n) if pairs >= 2 && n * 2 >= pairs => Some("UTF-16LE"),
        (n, 0) if pairs >= 2 && n * 2 >= pairs => Some("UTF-16BE"),
        _ => None,
    }
}

/// Reads bytes as UTF-8 text, saying so when they are UTF-16: what every
/// command that reads a text file does first. A UTF-8 byte-order mark is
/// kept, so that byte offsets into the text are offsets into the file.
///
/// ```
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// let e = minsheng::decode_text(utf16).unwrap_err();
/// assert_eq!(e.utf16, Some("UTF-16LE"));
/// assert!(e.to_string().contains("UTF-16LE text, not UTF-8"));
/// assert_eq!(minsheng::decode_text("民生".as_bytes().to_vec()).unwrap(), "民生");
/// ```
///
/// # Errors
///
/// [`NotUtf8`] saying whether the bytes are UTF-16 and where the first
/// byte that is not UTF-8 stands.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    if let Some(encoding) = utf16_encoding(&bytes) {
        return Err(NotUtf8 { utf16: Some(encoding), offset: 0 });
    }
    String::from_utf8(bytes).map_err(|e| NotUtf8 { utf16: None, offset: e.utf8_error().valid_up_to() })
}

/// Deserializes any of the crate's documents with located errors.
///
/// Valid input is read once, at the speed of the parser: UTF-8 is checked
/// over the whole input in one pass and the text parsed without tracking
/// where the parser is. Only input that fails is read again, tracking the
/// path, so that its error says where — at twice the cost of a failure,
/// never of a success.
pub(crate) fn read_json<T: DeserializeOwned>(bytes: &[u8], file: Option<&Path>) -> Result<T, Error> {
    read_json_with(bytes, file, parse_text)
}

/// [`read_json`], the text parsed by `parse`.
fn read_json_with<T: DeserializeOwned>(
    bytes: &[u8],
    file: Option<&Path>,
    parse: fn(&str, Option<&Path>) -> Result<T, Error>,
) -> Result<T, Error> {
    if let Some(encoding) = utf16_encoding(bytes) {
        let message = NotUtf8 { utf16: Some(encoding), offset: 0 }.to_string();
        let file = file.map(Path::to_path_buf);
        return Err(Error::Json(Box::new(JsonError {
            file,
            line: 1,
            column: 1,
            pointer: String::new(),
            message,
            problem: JsonProblem::Syntax,
        })));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checked with SIMD: the standard library's check cost a fifth of the
    // parse's time on Chinese text. The error offset comes from serde_json below.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => parse(text, file),
        // serde_json finds the first bad byte and says where it is.
        Err(_) => read_located(serde_json::Deserializer::from_slice(bytes), bytes, file),
    }
}

/// [`read_json`] for text, which is UTF-8 already.
pub(crate) fn read_text<T: DeserializeOwned>(text: &str, file: Option<&Path>) -> Result<T, Error> {
    parse_text(without_bom(text), file)
}

/// The text without a byte-order mark at its start.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Parses a programme whose byte-order mark, if any, is gone: a large one
/// with its tasks read side by side when the `parallel` feature is on
/// (`json::side_by_side`), any other, and any that reading refuses, as
/// [`parse_text`] reads every document.
fn parse_programme(text: &str, file: Option<&Path>) -> Result<Programme, Error> {
    #[cfg(feature = "parallel")]
    if let Some(p) = crate::json::side_by_side::programme(text) {
        return Ok(p);
    }
    parse_text(text, file)
}

/// Parses text whose byte-order mark, if any, is gone.
fn parse_text<T: DeserializeOwned>(text: &str, file: Option<&Path>) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(value) = T::deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
        return Ok(value);
    }
    read_located(serde_json::Deserializer::from_str(text), text.as_bytes(), file)
}

/// Deserializes tracking the path, for the error's JSON Pointer.
fn read_located<'de, R: serde_json::de::Read<'de>, T: DeserializeOwned>(
    mut de: serde_json::Deserializer<R>,
    src: &[u8],
    file: Option<&Path>,
) -> Result<T, Error> {
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| located(e, src, file))?;
    de.end().map_err(|e| Error::Json(Box::new(json_error(&e, String::new(), src, file.map(Path::to_path_buf)))))?;
    Ok(value)
}

fn located(e: serde_path_to_error::Error<serde_json::Error>, src: &[u8], file: Option<&Path>) -> Error {
    let pointer = pointer_of(e.path());
    Error::Json(Box::new(json_error(e.inner(), pointer, src, file.map(Path::to_path_buf))))
}

/// What JSON value starts at `line`:`column` (serde_json's 1-based line and
/// byte column) of `src`, in the format's words, for a value of the wrong
/// type where serde_json only says "expected value".
fn value_at(src: &[u8], line: usize, column: usize) -> Option<&'static str> {
    let start = if line <= 1 {
        0
    } else {
        src.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    let byte = *src.get(start + column.checked_sub(1)?)?;
    Some(match byte {
        b'0'..=b'9' | b'-' => "a number",
        b't' | b'f' => "true or false",
        b'n' => "null",
        b'[' => "an array",
        _ => return None,
    })
}

fn json_error(e: &serde_json::Error, pointer: String, src: &[u8], file: Option<PathBuf>) -> JsonError {
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
        // serde_json's words for a number, true, false, null or an array
        // where one of the format's words (a string) belongs: say which.
        "expected value" if !pointer.is_empty() && value_at(src, e.line(), e.column()).is_some() => {
            let what = value_at(src, e.line(), e.column()).unwrap_or("a value");
            format!("invalid type: {what}, expected a string naming one of the values allowed here")
        }
        _ => message,
    };
    let message = in_json_words(&crate::json::bound_quotes(&message));
    let problem = match e.classify() {
        _ if message.starts_with("invalid type: ") => JsonProblem::Data,
        serde_json::error::Category::Eof => JsonProblem::Eof,
        serde_json::error::Category::Data => JsonProblem::Data,
        _ => JsonProblem::Syntax,
    };
    JsonError { file, line: e.line(), column: e.column(), pointer, message, problem }
}

/// serde's words for Rust types, in the format's: a reader of a JSON
/// document knows arrays, objects and numbers, not `u32` or `struct
/// DocumentRef`.
fn in_json_words(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("expected i32", "expected a whole number from -2147483648 to 2147483647"),
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number from 0 to 18446744073709551615"),
        ("invalid type: integer `", "invalid type: number `"),
        ("invalid type: floating point `", "invalid type: number `"),
        ("invalid value: integer `", "invalid value: number `"),
        ("invalid type: sequence", "invalid type: array"),
        ("invalid type: map", "invalid type: object"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        ("invalid length", "wrong number of items"),
    ];
    let mut out = message.to_owned();
    for (rust, json) in WORDS {
        if out.contains(rust) {
            out = out.replace(rust, json);
        }
    }
    // `expected struct DocumentRef`, `expected tuple struct …`: an object.
    if let Some(at) = out.find("expected struct ").or_else(|| out.find("expected tuple struct ")) {
        out.truncate(at);
        out.push_str("expected an object");
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mark: &[u8] = match (bom, le) {
            (false, _) => &[],
            (true, true) => &[0xFF, 0xFE],
            (true, false) => &[0xFE, 0xFF],
        };
        let units = text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() });
        mark.iter().copied().chain(units).collect()
    }

    #[test]
    fn utf16_is_named_as_such() {
        let doc = r#"{"format_version": "1", "id": "p"}"#;
        for (le, bom, name) in
            [(true, true, "UTF-16LE"), (false, true, "UTF-16BE"), (true, false, "UTF-16LE"), (false, false, "UTF-16BE")]
        {
            let bytes = utf16(doc, le, bom);
            assert_eq!(utf16_encoding(&bytes), Some(name), "{le} {bom}");
            let e = from_slice(&bytes).unwrap_err().to_string();
            assert!(e.contains(&format!("{name} text, not UTF-8")), "{e}");
            assert_eq!(decode_text(bytes).unwrap_err().utf16, Some(name));
        }
        let notice = utf16("\u{FEFF}青海省人民政府办公厅文件", true, false);
        assert!(decode_text(notice).unwrap_err().to_string().contains("UTF-16LE"));
        for text in ["", "{}", "民生实事", "a\u{0}b"] {
            assert_eq!(utf16_encoding(text.as_bytes()), None, "{text:?}");
        }
        let gb18030 = vec![0xC7, 0xE0, 0xBA, 0xA3];
        let e = decode_text(gb18030).unwrap_err();
        assert_eq!((e.utf16, e.offset), (None, 0));
        assert!(e.to_string().contains("GB18030"));
    }
}
