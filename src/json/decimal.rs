//! How decimals travel in JSON: as strings, exactly.
//!
//! `"51500"`, `"85.5"`, `"-5.9"`. A JSON number is refused with a message
//! that says how to write it, because serde_json turns numbers into `f64`
//! before we see them and `0.1`, `1e40` or a 30-digit integer would not come
//! back as written. This is rust_decimal's own serde form, so the schema and
//! the wire agree (see DESIGN.md §6).

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// The most digits a decimal may have, integer and fraction together: all
/// such numbers fit a [`Decimal`] exactly, and no more do in general.
pub(crate) const MAX_DIGITS: usize = 28;

/// The pattern of a decimal string: optional minus, digits, optional
/// fraction, at most 28 digits in all (the look-ahead counts
/// them with the point, 29 characters).
pub const DECIMAL_PATTERN: &str = "^-?(?:[0-9]{1,28}|(?=[0-9.]{3,29}$)[0-9]+\\.[0-9]+)$";

/// Parses a decimal string in the wire form (`-?[0-9]+(\.[0-9]+)?`, at
/// most 28 digits).
///
/// ```
/// use minsheng::parse_decimal;
/// assert_eq!(parse_decimal("85.5")?.to_string(), "85.5");
/// assert!(parse_decimal("1e5").is_err());
/// assert!(parse_decimal("79228162514264337593543950335").unwrap_err().contains("29 digits"));
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
///
/// A message saying what is wrong when `s` is not in that form or has
/// more than 28 digits. Long input is quoted by its start only.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(format!(
            "{} is not a decimal: write digits with an optional minus sign and decimal point, e.g. \"51500\" or \"85.5\"",
            crate::json::excerpt(s)
        ));
    }
    let count = int.len() + frac.map_or(0, str::len);
    if count > MAX_DIGITS {
        return Err(format!(
            "{} has {count} digits; a decimal has at most {MAX_DIGITS} so that it stays exact",
            crate::json::excerpt(s)
        ));
    }
    Decimal::from_str_exact(s).map_err(|_| format!("{} does not fit an exact decimal", crate::json::excerpt(s)))
}

/// What a decimal field expects, in the words of its error messages.
pub(crate) const EXPECTING: &str = "a decimal written as a JSON string, e.g. \"51500\" or \"85.5\"";

/// Why a JSON integer is refused where a decimal belongs.
pub(crate) fn number_refused(v: impl fmt::Display) -> String {
    format!("decimals are written as JSON strings so they stay exact: write \"{v}\" instead of {v}")
}

/// Why a JSON number with a fraction or exponent is refused where a decimal belongs.
pub(crate) fn float_refused(v: f64) -> String {
    format!(
        "decimals are written as JSON strings so they stay exact: found the number {v}; write it as a string such as \"85.5\""
    )
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Err(E::custom(number_refused(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Err(E::custom(number_refused(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        Err(E::custom(float_refused(v)))
    }
}

pub(crate) fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

/// `Option<Decimal>` in the same form; used with `skip_serializing_if`.
pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_any(DecimalVisitor).map(Some)
    }
}

/// The JSON Schema of a decimal string; used through `#[schemars(with = ...)]`.
pub(crate) struct DecimalString;

impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "maxLength": 30,
            "description": "An exact decimal number written as a string: optional minus sign, digits, optional decimal point and digits (\"51500\", \"85.5\"), at most 28 digits in all.",
        })
    }
}

/// Formats a decimal without trailing fractional zeros (`85.50` → `85.5`).
pub(crate) fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Wrapped(#[serde(with = "super")] Decimal);

    #[test]
    fn strings_round_trip_exactly() {
        for s in ["51500", "85.5", "-5.9", "0.0015", "85.50", "7922816251426433759354395033"] {
            let w: Wrapped = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn refuses_numbers_and_junk() {
        for bad in [
            "85.5",
            "100",
            "1e40",
            "\"NaN\"",
            "\"1e5\"",
            "\"\"",
            "\"1.\"",
            "\".5\"",
            "\"79228162514264337593543950336\"",
            "\" 1\"",
        ] {
            let r = serde_json::from_str::<Wrapped>(bad);
            assert!(r.is_err(), "{bad} was accepted");
        }
        let e = serde_json::from_str::<Wrapped>("100").unwrap_err().to_string();
        assert!(e.contains("write \"100\""), "{e}");
    }

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(Decimal::new(8550, 2)), "85.5");
    }
}
