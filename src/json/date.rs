//! How dates travel in JSON: `"2021-06-30"`, exactly.
//!
//! chrono on its own reads more than that — `"2021-6-30"`, `" 2021-06-30"`,
//! `"+2021-06-30"`, `"21-06-30"` (the year 21) — and writes each back in
//! another form, so a document could load here, change on saving, and fail
//! the schema everywhere else. The loader therefore holds to the schema's
//! `YYYY-MM-DD`: four-digit year, two-digit month and day, a real day of the
//! calendar. Writing refuses a year outside 0000–9999 rather than emit a
//! date that could not be read back.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// The pattern of a date string: `YYYY-MM-DD`.
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Parses a date in the wire form `YYYY-MM-DD`.
///
/// ```
/// use minsheng::parse_date;
/// assert_eq!(parse_date("2021-06-30")?.to_string(), "2021-06-30");
/// assert!(parse_date("2021-6-30").is_err());
/// assert!(parse_date("2021-02-30").unwrap_err().contains("2021-02 has no day 30"));
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
///
/// A message saying what is wrong when `s` is not in that form or names a
/// day the calendar does not have.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let shape = || format!("{s:?} is not a date: write it YYYY-MM-DD, e.g. \"2021-06-30\"");
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = s.as_bytes() else {
        return Err(shape());
    };
    if ![y1, y2, y3, y4, m1, m2, d1, d2].iter().all(u8::is_ascii_digit) {
        return Err(shape());
    }
    let number = |digits: &[u8]| digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (year, month, day) = (number(&[y1, y2, y3, y4]), number(&[m1, m2]), number(&[d1, d2]));
    if !(1..=12).contains(&month) {
        return Err(format!("{s:?} is not a date: there is no month {month} (write it YYYY-MM-DD)"));
    }
    i32::try_from(year).ok().and_then(|y| NaiveDate::from_ymd_opt(y, month, day)).ok_or_else(|| {
        format!("{s:?} is not a date: {year:04}-{month:02} has no day {day} (write a real day, YYYY-MM-DD)")
    })
}

/// The day `year-month-day` when it exists and the format can write it
/// (years 0000 to 9999): what the parser and importer build dates with.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    (0..=9999).contains(&year).then(|| NaiveDate::from_ymd_opt(year, month, day)).flatten()
}

/// Writes a date `YYYY-MM-DD`; `None` when its year has no four-digit form.
pub(crate) fn format_date(d: NaiveDate) -> Option<String> {
    (0..=9999).contains(&d.year()).then(|| d.format("%Y-%m-%d").to_string())
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD as a JSON string, e.g. \"2021-06-30\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
        parse_date(v).map_err(E::custom)
    }
}

pub(crate) fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    match format_date(*d) {
        Some(text) => s.serialize_str(&text),
        None => Err(serde::ser::Error::custom(format_args!(
            "the date {d} cannot be written YYYY-MM-DD: its year is outside 0000 to 9999"
        ))),
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// `Option<NaiveDate>` in the same form; used with `skip_serializing_if`.
pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_str(DateVisitor).map(Some)
    }
}

/// The JSON Schema of a date string; used through `#[schemars(with = ...)]`.
pub(crate) struct DateString;

impl schemars::JsonSchema for DateString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "description": "A day of the calendar written YYYY-MM-DD (\"2021-06-30\"): four-digit year, two-digit month and day.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Wrapped(#[serde(with = "super")] NaiveDate);

    #[test]
    fn dates_round_trip_exactly() {
        for s in ["2021-06-30", "2020-02-29", "0001-01-01", "9999-12-31", "0000-03-01"] {
            let w: Wrapped = serde_json::from_str(&format!("\"{s}\"")).unwrap();
            assert_eq!(serde_json::to_string(&w).unwrap(), format!("\"{s}\""));
        }
    }

    #[test]
    fn refuses_what_chrono_alone_would_read() {
        for bad in [
            "2021-6-30",
            "2021-06-3",
            " 2021-06-30",
            "2021-06-30 ",
            "+2021-06-30",
            "-2021-06-30",
            "21-06-30",
            "02021-06-30",
            "2021/06/30",
            "20210630",
            "２０２１-06-30",
            "",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?} was accepted");
            assert!(serde_json::from_str::<Wrapped>(&format!("\"{bad}\"")).is_err(), "{bad:?} was loaded");
        }
        assert!(serde_json::from_str::<Wrapped>("20210630").is_err(), "a JSON number is not a date");
    }

    #[test]
    fn says_which_part_is_impossible() {
        assert!(parse_date("2021-02-29").unwrap_err().contains("2021-02 has no day 29"));
        assert!(parse_date("2021-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_date("2021-00-10").unwrap_err().contains("no month 0"));
        assert!(parse_date("2021-06-00").unwrap_err().contains("2021-06 has no day 0"));
        assert!(parse_date("2020-02-29").is_ok(), "2020 was a leap year");
    }

    #[test]
    fn refuses_to_write_what_it_could_not_read() {
        let far = NaiveDate::from_ymd_opt(12021, 1, 1).unwrap();
        let e = serde_json::to_string(&Wrapped(far)).unwrap_err().to_string();
        assert!(e.contains("outside 0000 to 9999"), "{e}");
        let before = NaiveDate::from_ymd_opt(-1, 1, 1).unwrap();
        assert!(serde_json::to_string(&Wrapped(before)).is_err());
    }
}
