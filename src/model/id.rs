//! Identifiers: the keys by which a programme's parts refer to each other.
//!
//! Ids are plain ASCII (`[A-Za-z0-9][A-Za-z0-9_.:-]*`, at most 128 bytes) so
//! that they are safe in a JSON Pointer, a URL, a file name and a spreadsheet
//! cell without escaping, and so that two ids can never look alike after
//! Unicode normalisation. The names people read live in other fields.
//!
//! An id of up to 23 bytes is held inline ([`SmolStr`]): loading takes no
//! allocation for it, and hashing or comparing ids, which validation and
//! aggregation do for every task, follows no pointer.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smol_str::SmolStr;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// The pattern every id matches (ECMA-262 and Python `re` compatible).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$";

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The string is empty.
    #[error("an id may not be empty")]
    Empty,
    /// The string is longer than [`MAX_ID_LEN`] bytes.
    #[error("the id is {0} bytes long; at most {MAX_ID_LEN} are allowed")]
    TooLong(usize),
    /// The string holds a character outside the allowed set.
    #[error(
        "the id {id:?} holds {ch:?} at byte {at}; ids use ASCII letters, digits and _ . : - and start with a letter or digit"
    )]
    BadChar {
        /// The offending id.
        id: String,
        /// The first character that is not allowed.
        ch: char,
        /// Its byte offset.
        at: usize,
    },
}

pub(crate) fn check_id(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong(s.len()));
    }
    for (at, ch) in s.char_indices() {
        let ok = ch.is_ascii_alphanumeric() || (at > 0 && matches!(ch, '_' | '.' | ':' | '-'));
        if !ok {
            return Err(IdError::BadChar { id: s.to_owned(), ch, at });
        }
    }
    Ok(())
}

/// Reads an id from the text as it stands (held inline, without an
/// allocation, when it is short, as every real id is).
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = SmolStr;

    // serde's own words for a string, so that messages stay as they were.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<SmolStr, E> {
        Ok(SmolStr::new(s))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<SmolStr, E> {
        Ok(SmolStr::from(s))
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $schema_name:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(SmolStr);

        impl $name {
            /// Checks `id` and wraps it.
            ///
            /// # Errors
            ///
            /// [`IdError`] when `id` is empty, too long or holds a character
            /// outside `[A-Za-z0-9_.:-]`.
            pub fn new(id: impl Into<String>) -> Result<Self, IdError> {
                let id = id.into();
                check_id(&id)?;
                Ok(Self(SmolStr::from(id)))
            }

            /// `prefix` followed by `n` (`u1`, `t12-3`): ids generated from a
            /// valid ASCII prefix are valid, so this needs no check.
            #[allow(dead_code)]
            pub(crate) fn numbered(prefix: &str, n: usize) -> Self {
                debug_assert!(check_id(&format!("{prefix}{n}")).is_ok());
                Self(SmolStr::from(format!("{prefix}{n}")))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id's text as held (inline when short): a copy makes a
            /// map key that is compared without reading the id's owner.
            #[allow(dead_code)]
            pub(crate) fn held(&self) -> &SmolStr {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = d.deserialize_str(IdVisitor)?;
                check_id(&s).map_err(|e| serde::de::Error::custom(format_args!("invalid {}: {e}", $what)))?;
                Ok(Self(s))
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $schema_name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "description": concat!("Identifier of a ", $what, ": ASCII letters, digits and _ . : -, starting with a letter or digit, at most 128 bytes."),
                })
            }
        }
    };
}

id_type!(
    /// Identifies a programme.
    ProgrammeId, "ProgrammeId", "programme"
);
id_type!(
    /// Identifies a section of a programme.
    SectionId, "SectionId", "section"
);
id_type!(
    /// Identifies a task (or sub-task) of a programme.
    TaskId, "TaskId", "task"
);
id_type!(
    /// Identifies a target of a task.
    TargetId, "TargetId", "target"
);
id_type!(
    /// Identifies a responsible unit in the programme's registry.
    ///
    /// ```
    /// use minsheng::UnitId;
    /// let id: UnitId = "hrss".parse()?;
    /// assert_eq!(id.as_str(), "hrss");
    /// assert!("a/b~c".parse::<UnitId>().is_err());
    /// # Ok::<(), minsheng::IdError>(())
    /// ```
    UnitId, "UnitId", "unit"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_ids() {
        for ok in ["a", "qh-2021", "t1.2:3_4", "9"] {
            assert!(TaskId::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_hostile_ids() {
        assert_eq!(TaskId::new(""), Err(IdError::Empty));
        assert!(matches!(TaskId::new("a/b~c"), Err(IdError::BadChar { ch: '/', at: 1, .. })));
        assert!(matches!(TaskId::new("-a"), Err(IdError::BadChar { ch: '-', at: 0, .. })));
        assert!(matches!(TaskId::new("任务"), Err(IdError::BadChar { .. })));
        assert_eq!(TaskId::new("a".repeat(129)), Err(IdError::TooLong(129)));
        assert!(TaskId::new("a".repeat(128)).is_ok());
    }

    #[test]
    fn ids_short_and_long_read_write_and_order_as_their_text() {
        let texts: Vec<String> = [1, 22, 23, 24, 64, 128].iter().map(|&n| "a".repeat(n - 1) + "b").collect();
        let ids: Vec<TaskId> = texts.iter().map(|t| TaskId::new(t.as_str())).collect::<Result<_, _>>().unwrap();
        for (id, text) in ids.iter().zip(&texts) {
            assert_eq!(id.as_str(), text);
            let json = serde_json::to_string(id).unwrap();
            assert_eq!(json, format!("{text:?}"));
            assert_eq!(&serde_json::from_str::<TaskId>(&json).unwrap(), id);
            // Escaped in the text, the id is read from serde_json's copy.
            let escaped = format!("\"\\u0061{}\"", &text[1..]);
            assert_eq!(serde_json::from_str::<TaskId>(&escaped).unwrap().as_str(), format!("a{}", &text[1..]));
        }
        let mut sorted = ids.clone();
        sorted.sort();
        let mut by_text = texts.clone();
        by_text.sort();
        assert_eq!(sorted.iter().map(TaskId::as_str).collect::<Vec<_>>(), by_text);
        let err = serde_json::from_str::<TaskId>("5").unwrap_err().to_string();
        assert!(err.contains("expected a string"), "{err}");
    }

    #[test]
    fn deserialize_names_the_kind_of_id() {
        let err = serde_json::from_str::<UnitId>("\"a b\"").unwrap_err();
        assert!(err.to_string().contains("invalid unit"), "{err}");
    }
}
