//! Official documents: numbers in the GB/T 9704 form and references to them.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::date::DateString;
use crate::model::{Extra, UnitId};

/// A document number (发文字号) as GB/T 9704 prescribes:
/// 机关代字〔年份〕序号号, e.g. 青政办〔2021〕24号.
///
/// [`FromStr`] is forgiving, as people type: it takes the common bracket
/// variants `[]`, `()`, `（）`, `【】`, `［］`, `﹝﹞`, full-width digits and stray
/// spaces (青办字〔2024〕35 号). [`Display`](fmt::Display) always prints
/// the standard 〔〕 form, and JSON carries only that form.
///
/// ```
/// use minsheng::DocumentNumber;
/// let n: DocumentNumber = "青政办[2021]24号".parse()?;
/// assert_eq!((n.agency.as_str(), n.year, n.serial), ("青政办", 2021, 24));
/// assert_eq!(n.to_string(), "青政办〔2021〕24号");
/// assert_eq!(n.to_string().parse::<DocumentNumber>()?, n);
/// # Ok::<(), minsheng::DocumentNumberError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentNumber {
    /// The issuing organ's code (机关代字): 青政办, 楚政办通, 淮杜政.
    pub agency: String,
    /// The year in the brackets.
    pub year: i32,
    /// The serial number (序号).
    pub serial: u32,
}

/// Why a string is not a document number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a document number of the form 机关代字〔年份〕序号号 (such as 青政办〔2021〕24号): {reason}")]
pub struct DocumentNumberError {
    /// What was given.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

const OPENERS: &[char] = &['〔', '[', '(', '（', '【', '［', '﹝', '〖'];
const CLOSERS: &[char] = &['〕', ']', ')', '）', '】', '］', '﹞', '〗'];

fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect()
}

impl FromStr for DocumentNumber {
    type Err = DocumentNumberError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |reason| DocumentNumberError { input: input.to_owned(), reason };
        let s: String = ascii_digits(input).chars().filter(|c| !c.is_whitespace()).collect();
        let open = s.find(OPENERS).ok_or_else(|| err("no opening bracket 〔 before the year"))?;
        let agency = &s[..open];
        if agency.is_empty() {
            return Err(err("the agency code before 〔 is missing"));
        }
        if agency.chars().any(|c| c.is_ascii_digit() || OPENERS.contains(&c) || CLOSERS.contains(&c)) {
            return Err(err("the agency code holds digits or brackets"));
        }
        let rest = &s[open..];
        let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let close = rest.find(CLOSERS).ok_or_else(|| err("no closing bracket 〕 after the year"))?;
        let year_text = &rest[..close];
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("the year in brackets must be four digits"));
        }
        let year: i32 = year_text.parse().map_err(|_| err("the year in brackets must be four digits"))?;
        let rest = &rest[close..];
        let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let serial_text = rest.strip_suffix('号').unwrap_or(rest);
        if serial_text.is_empty() || !serial_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("the serial number after 〕 must be digits followed by 号"));
        }
        let serial: u32 = serial_text.parse().map_err(|_| err("the serial number is too large"))?;
        if serial == 0 {
            return Err(err("the serial number starts at 1"));
        }
        Ok(DocumentNumber { agency: agency.to_owned(), year, serial })
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.agency, self.year, self.serial)
    }
}

impl Serialize for DocumentNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let n: DocumentNumber = s.parse().map_err(serde::de::Error::custom)?;
        let canonical = n.to_string();
        if canonical != s {
            return Err(serde::de::Error::custom(format_args!(
                "document number {s:?} is not in the standard form: write it as {canonical:?}"
            )));
        }
        Ok(n)
    }
}

impl schemars::JsonSchema for DocumentNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocumentNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[^\\s0-9〔〕]+〔[0-9]{4}〕[1-9][0-9]*号$",
            "description": "A document number (发文字号) in the GB/T 9704 form 机关代字〔年份〕序号号, e.g. 青政办〔2021〕24号.",
            "examples": ["青政办〔2021〕24号"],
        })
    }
}

/// A reference to an official document: the notice itself, or the parent
/// document it implements.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// The document number (发文字号), when the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub number: Option<DocumentNumber>,
    /// The document's title as written, without book-title marks (《》).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub title: Option<String>,
    /// The issuing bodies, as ids in the programme's unit registry; joint
    /// issuance (中共青海省委办公厅 青海省人民政府办公厅) lists several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuers: Vec<UnitId>,
    /// The date the document was written and signed (成文日期).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::date::option")]
    #[schemars(with = "Option<DateString>")]
    pub written: Option<NaiveDate>,
    /// The date it was published or printed (发布日期 / 印发日期).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::json::date::option")]
    #[schemars(with = "Option<DateString>")]
    pub published: Option<NaiveDate>,
    /// The index number (索引号) of the government's disclosure catalogue,
    /// as written; it may embed an 18-character unified social credit code.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub index_number: Option<String>,
    /// Where the document was found (a URL or a catalogue reference).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::json::some")]
    pub url: Option<String>,
    /// Custom data.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl DocumentRef {
    /// A reference to the document with this number.
    pub fn numbered(number: DocumentNumber) -> Self {
        Self { number: Some(number), ..Self::default() }
    }

    /// The unified social credit code (统一社会信用代码) embedded at the start
    /// of the index number, when there is one (115323000151673132 in
    /// 115323000151673132-/2021-0204011).
    ///
    /// ```
    /// let mut d = minsheng::DocumentRef::default();
    /// d.index_number = Some("115323000151673132-/2021-0204011".into());
    /// assert_eq!(d.credit_code(), Some("115323000151673132"));
    /// d.index_number = Some("015000185/2021-00113".into());
    /// assert_eq!(d.credit_code(), None);
    /// ```
    pub fn credit_code(&self) -> Option<&str> {
        let index = self.index_number.as_deref()?;
        let head = index.get(..18)?;
        let valid = head.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
        let ends = index[18..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
        (valid && ends).then_some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_seed_numbers() {
        for (s, agency, year, serial) in [
            ("青政办〔2021〕24号", "青政办", 2021, 24),
            ("楚政办通〔2021〕5号", "楚政办通", 2021, 5),
            ("青办字〔2024〕35 号", "青办字", 2024, 35),
            ("淮政（2021）15号", "淮政", 2021, 15),
            ("西政办【２０２０】91号", "西政办", 2020, 91),
            ("东政办 [2024] 26", "东政办", 2024, 26),
        ] {
            let n: DocumentNumber = s.parse().unwrap();
            assert_eq!((n.agency.as_str(), n.year, n.serial), (agency, year, serial), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in [
            "",
            "〔2021〕24号",
            "青政办2021-24",
            "青政办〔21〕24号",
            "青政办〔2021〕号",
            "青政办〔2021〕0号",
            "青政办〔2021〕99999999999号",
        ] {
            assert!(s.parse::<DocumentNumber>().is_err(), "{s}");
        }
    }

    #[test]
    fn json_takes_only_the_standard_form() {
        assert!(serde_json::from_str::<DocumentNumber>("\"青政办〔2021〕24号\"").is_ok());
        let e = serde_json::from_str::<DocumentNumber>("\"青政办[2021]24号\"").unwrap_err();
        assert!(e.to_string().contains("青政办〔2021〕24号"), "{e}");
    }
}
