//! Custom data an integrator attaches to a value, kept exactly as written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Free-form custom data: the one place where unknown keys are welcome.
///
/// Every other object in the format rejects unknown fields, so a typo never
/// passes silently. Values are kept as their raw JSON text, so numbers such
/// as `12345678901234567890123` come back byte for byte.
///
/// ```
/// let p: minsheng::Extra = serde_json::from_str(r#"{"ledger_row": 12345678901234567890123}"#)?;
/// assert_eq!(p.get("ledger_row").map(|v| v.get()), Some("12345678901234567890123"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Extra(BTreeMap<String, Box<RawValue>>);

/// The nesting serde_json allows when it parses values itself.
const MAX_DEPTH: usize = 128;

/// How deeply arrays and objects nest in a JSON text, in one pass.
fn depth(json: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in json.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// A JSON value read in full and dropped, refusing what a reader of it
/// would refuse or silently change: a number out of range (`1e400`), a
/// string with a lone surrogate (`"\udc00"`), a key given twice in one
/// object.
struct Strict;

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Strict)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict {
    type Value = Strict;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_str<E>(self, _: &str) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(serde::de::Error::custom(format_args!(
                    "the key {} is given twice in one object",
                    crate::json::excerpt(&key)
                )));
            }
            keys.insert(key);
            map.next_value::<Strict>()?;
        }
        Ok(Strict)
    }
}

/// Like the map's own, but a key given twice is an error rather than the
/// last value silently winning, as everywhere else in the format.
impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = Extra;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of custom data")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: Box<RawValue> = map.next_value()?;
                    // Raw values skip serde_json's recursion limit; whoever reads them later would not.
                    if depth(value.get()) > MAX_DEPTH {
                        return Err(serde::de::Error::custom(format_args!(
                            "custom data under `{key}` is nested more than {MAX_DEPTH} levels deep"
                        )));
                    }
                    // Raw values are not read by serde_json until someone does; read
                    // them now, as every JSON reader downstream would.
                    if let Err(why) = serde_json::from_str::<Strict>(value.get()) {
                        let why = why.to_string();
                        let why = why.find(" at line ").map_or(why.as_str(), |i| &why[..i]);
                        return Err(serde::de::Error::custom(format_args!("custom data under `{key}`: {why}")));
                    }
                    if out.contains_key(&key) {
                        return Err(serde::de::Error::custom(format_args!("duplicate key `{key}` in extra")));
                    }
                    out.insert(key, value);
                }
                Ok(Extra(out))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

impl Extra {
    /// An empty set of custom data.
    pub fn new() -> Self {
        Self::default()
    }

    /// `true` when there is no custom data.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The raw JSON value stored under `key`.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.get(key).map(AsRef::as_ref)
    }

    /// Stores `value` (serialized to JSON) under `key`, replacing any earlier value.
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialized to JSON.
    pub fn insert<T: Serialize>(&mut self, key: impl Into<String>, value: &T) -> Result<(), serde_json::Error> {
        let raw = serde_json::value::to_raw_value(value)?;
        self.0.insert(key.into(), raw);
        Ok(())
    }

    /// The keys and raw values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_ref()))
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(other.0.iter()).all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
    }
}

impl schemars::JsonSchema for Extra {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Extra".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": true,
            "description": "Custom data kept as written. The only object in the format that accepts keys of your choosing.",
        })
    }
}
