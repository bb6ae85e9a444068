//! Whole numbers as JSON Schema reads them.
//!
//! To JSON Schema, `2021.0` is the integer 2021 (`"type": "integer"` holds
//! for any number with no fraction), and JavaScript or Python writers may
//! put a whole number that way. serde's integers refuse it, so the loader
//! would refuse a document every schema validator accepts. The fields the
//! schema calls integers read through [`whole`] instead: whole numbers in
//! any notation within the field's range; a fraction, a string or an
//! out-of-range value gets serde's own message, so the messages of other
//! mistakes do not change.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Unexpected, Visitor};

/// An integer type the format uses, with the name serde's messages give it
/// (which [the error module](super::error) turns into words).
pub(crate) trait Whole: Sized + TryFrom<i64> + TryFrom<u64> {
    /// serde's name for the type.
    const NAME: &'static str;
}

impl Whole for i32 {
    const NAME: &'static str = "i32";
}

impl Whole for u32 {
    const NAME: &'static str = "u32";
}

impl Whole for u64 {
    const NAME: &'static str = "u64";
}

struct WholeVisitor<T>(PhantomData<T>);

impl<T: Whole> Visitor<'_> for WholeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::NAME)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // Below 2⁵³ every whole f64 is exact, and no field holds more.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < EXACT {
            // The checks above make both casts exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            if v < 0.0 { self.visit_i64(v as i64) } else { self.visit_u64(v as u64) }
        } else {
            Err(E::invalid_type(Unexpected::Float(v), &self))
        }
    }
}

/// Reads an integer field: `#[serde(deserialize_with = "crate::json::integer::whole")]`.
pub(crate) fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: Whole,
{
    d.deserialize_any(WholeVisitor(PhantomData))
}

/// Reads an optional integer field that is present (never `null`, as
/// [`some`](super::some)).
pub(crate) fn some_whole<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: de::Deserializer<'de>,
    T: Whole,
{
    whole(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        #[serde(deserialize_with = "whole")]
        year: i32,
        #[serde(default, deserialize_with = "some_whole")]
        count: Option<u32>,
    }

    fn load(s: &str) -> Result<Doc, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_numbers_in_any_notation() {
        assert_eq!(load(r#"{"year": 2021.0, "count": 3e0}"#).map(|d| (d.year, d.count)), Ok((2021, Some(3))));
        assert_eq!(load(r#"{"year": -5}"#).map(|d| (d.year, d.count)), Ok((-5, None)));
    }

    #[test]
    fn fractions_strings_and_ranges_keep_serdes_messages() {
        for (doc, words) in [
            (r#"{"year": 2021.5}"#, "invalid type: floating point `2021.5`, expected i32"),
            (r#"{"year": "2021"}"#, "invalid type: string \"2021\", expected i32"),
            (r#"{"year": 3000000000}"#, "invalid value: integer `3000000000`, expected i32"),
            (r#"{"year": 1, "count": -1}"#, "invalid value: integer `-1`, expected u32"),
            (r#"{"year": 1, "count": null}"#, "invalid type: null, expected u32"),
        ] {
            let e = load(doc).unwrap_err();
            assert!(e.starts_with(words), "{doc}: {e}");
        }
    }
}
