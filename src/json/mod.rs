//! The wire format: how programmes and reports travel as JSON.
//!
//! Two layers in one folder. Underneath the model: the string forms of
//! [dates](date) and [decimals](decimal) that the model's serde attributes
//! use, and [JSON Pointers](pointer) that findings carry. On top of the
//! model: [loading](load) with located [errors](error) (a large programme's
//! tasks read side by side with the `parallel` feature, `side_by_side`),
//! and the generated [JSON Schemas](schema).

pub(crate) mod date;
pub(crate) mod decimal;
pub(crate) mod error;
pub(crate) mod integer;
pub(crate) mod list;
pub(crate) mod load;
pub mod pointer;
pub mod schema;
#[cfg(feature = "parallel")]
pub(crate) mod side_by_side;

pub use date::{DATE_PATTERN, parse_date};
pub use decimal::{DECIMAL_PATTERN, parse_decimal};
pub use error::{Error, JsonError, JsonProblem};
pub use load::{
    DEFAULT_MAX_BYTES, NotUtf8, decode_text, from_path, from_slice, from_str, read_limited, to_string_pretty,
    utf16_encoding,
};

/// Reads an optional field that is present: its value, never `null`.
///
/// The format leaves an absent value out (README, schema); serde's own
/// `Option` would read `null` as absent, so a document that every schema
/// validator refuses would load here. Used as
/// `#[serde(default, deserialize_with = "crate::json::some")]`.
pub(crate) fn some<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// The most characters of a quoted input value an error message repeats.
pub(crate) const EXCERPT_CHARS: usize = 48;

/// `s` quoted for a message: whole when short, else its start and its size,
/// so that a 50 MB value does not become 50 MB of error text.
pub(crate) fn excerpt(s: &str) -> String {
    match s.char_indices().nth(EXCERPT_CHARS) {
        None => format!("{s:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes)", &s[..cut], s.len()),
    }
}

/// Cuts every quoted stretch (`…` or "…") of a message longer than
/// [`EXCERPT_CHARS`] to its start and its size: messages from serde and
/// serde_json quote keys and values whole.
pub(crate) fn bound_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = &rest[open..=open];
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = find_closing(rest, quote) else { break };
        let inner = &rest[..close];
        match inner.char_indices().nth(EXCERPT_CHARS) {
            None => out.push_str(inner),
            Some((cut, _)) => {
                out.push_str(&inner[..cut]);
                out.push_str(&format!("…{quote} ({} bytes)", inner.len()));
                rest = &rest[close + 1..];
                continue;
            }
        }
        out.push_str(quote);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Where `quote` closes in `s`: a double quote escaped by `\` does not.
fn find_closing(s: &str, quote: &str) -> Option<usize> {
    if quote == "`" {
        return s.find('`');
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quotes_are_cut_short_ones_kept() {
        assert_eq!(excerpt("民生"), "\"民生\"");
        let long = "9".repeat(5000);
        let e = excerpt(&long);
        assert!(e.starts_with("\"999") && e.ends_with("… (5000 bytes)"), "{e}");
        assert!(e.len() < 80, "{e}");
        let m = format!("unknown field `{long}`, expected `id`; {:?} is not", "a\"b");
        let b = bound_quotes(&m);
        assert_eq!(b, format!("unknown field `{}…` (5000 bytes), expected `id`; \"a\\\"b\" is not", "9".repeat(48)));
        assert_eq!(bound_quotes("no quotes"), "no quotes");
        assert_eq!(bound_quotes("an `unclosed quote"), "an `unclosed quote");
    }
}
