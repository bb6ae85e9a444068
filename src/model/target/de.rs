//! Reading [`Measure`] and [`Amount`] in one pass.
//!
//! Both are tagged by a field of their own object (`"kind"`,
//! `"comparator"`). serde's derived internally tagged enums buffer every
//! other field of such an object before they look at the tag, which cost
//! more than a fifth of loading a programme. Here each field is read
//! straight into its slot in any order — the field names of the variants
//! never clash, so a field's type is known from its name alone — and the
//! tag is checked against the fields present when the object ends.
//!
//! A field's value that is wrong (a number where a unit belongs) is
//! refused where it stands, so the error points at it (`/amount/value`);
//! a field the tag does not have, a repeated field or a missing one is
//! refused when the object ends, at the object.

use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::{Amount, ChangeDirection, ChangeScale, Measure};
use crate::model::Unit;

/// A value read in full whatever its type, for keys whose value is not
/// kept: parsed as thoroughly as a buffered value was, so that an
/// out-of-range number or a broken string inside it is still an error.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Skip)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
}

/// How one field's type reads a JSON value; every method not given
/// refuses the value as serde would, naming what was expected.
trait Field: Sized {
    /// What the field holds, as serde's messages say it (`a string`).
    const EXPECTING: &'static str;
    fn from_str(s: &str) -> Result<Self, String> {
        Err(refused(Unexpected::Str(s), Self::EXPECTING))
    }
    fn from_bool(b: bool) -> Result<Self, String> {
        Err(refused(Unexpected::Bool(b), Self::EXPECTING))
    }
    fn from_u64(n: u64) -> Result<Self, String> {
        Err(refused(Unexpected::Unsigned(n), Self::EXPECTING))
    }
    fn from_i64(n: i64) -> Result<Self, String> {
        Err(refused(Unexpected::Signed(n), Self::EXPECTING))
    }
    fn from_f64(n: f64) -> Result<Self, String> {
        Err(refused(Unexpected::Float(n), Self::EXPECTING))
    }
    fn from_null() -> Result<Self, String> {
        Err(refused(Unexpected::Unit, Self::EXPECTING))
    }
}

/// serde_json's words for a value of the wrong type.
fn refused(unexpected: Unexpected<'_>, expecting: &str) -> String {
    <serde_json::Error as de::Error>::invalid_type(unexpected, &expecting).to_string()
}

impl Field for Unit {
    const EXPECTING: &'static str = "a string";
    fn from_str(s: &str) -> Result<Self, String> {
        Unit::from_json_str(s)
    }
}

impl Field for String {
    const EXPECTING: &'static str = "a string";
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(s.to_owned())
    }
}

impl Field for bool {
    const EXPECTING: &'static str = "a boolean";
    fn from_bool(b: bool) -> Result<Self, String> {
        Ok(b)
    }
}

impl Field for Decimal {
    const EXPECTING: &'static str = crate::json::decimal::EXPECTING;
    fn from_str(s: &str) -> Result<Self, String> {
        crate::json::decimal::parse_decimal(s)
    }
    fn from_u64(n: u64) -> Result<Self, String> {
        Err(crate::json::decimal::number_refused(n))
    }
    fn from_i64(n: i64) -> Result<Self, String> {
        Err(crate::json::decimal::number_refused(n))
    }
    fn from_f64(n: f64) -> Result<Self, String> {
        Err(crate::json::decimal::float_refused(n))
    }
}

/// What a field holding one of a few names expects.
const NAME_OR_MAP: &str = "a string";

impl Field for ChangeDirection {
    const EXPECTING: &'static str = NAME_OR_MAP;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "increase" => Ok(Self::Increase),
            "decrease" => Ok(Self::Decrease),
            "turn_positive" => Ok(Self::TurnPositive),
            other => Err(unknown_variant(other, &["increase", "decrease", "turn_positive"])),
        }
    }
}

impl Field for Option<ChangeScale> {
    const EXPECTING: &'static str = NAME_OR_MAP;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "percent" => Ok(Some(ChangeScale::Percent)),
            "percentage_points" => Ok(Some(ChangeScale::PercentagePoints)),
            other => Err(unknown_variant(other, &["percent", "percentage_points"])),
        }
    }
}

fn unknown_variant(name: &str, expected: &'static [&'static str]) -> String {
    <serde_json::Error as de::Error>::unknown_variant(name, expected).to_string()
}

/// Reads one field's value, refusing a wrong one where it stands.
struct Read<T>(PhantomData<T>);

impl<'de, T: Field> DeserializeSeed<'de> for Read<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Field> Visitor<'de> for Read<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::from_bool(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i64(v).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_u64(v).map_err(E::custom)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_str(v).map_err(E::custom)
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::from_null().map_err(E::custom)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        Skip.visit_seq(seq)?;
        Err(de::Error::custom(refused(Unexpected::Seq, T::EXPECTING)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        Skip.visit_map(map)?;
        Err(de::Error::custom(refused(Unexpected::Map, T::EXPECTING)))
    }
}

/// Where a field stood among the object's entries, and what it held.
struct Slot<T> {
    /// The entry it first appeared at, and its value.
    first: Option<(u32, T)>,
    /// The entry it appeared at again, if it did.
    again: Option<u32>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self { first: None, again: None }
    }
}

impl<T: Field> Slot<T> {
    /// Reads the value of entry `at` into the slot (a repeat is parsed and dropped).
    fn read<'de, A: MapAccess<'de>>(&mut self, map: &mut A, at: u32) -> Result<(), A::Error> {
        if self.first.is_none() {
            self.first = Some((at, map.next_value_seed(Read::<T>(PhantomData))?));
        } else {
            self.again.get_or_insert(at);
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
}

/// The value read into `slot`, or serde's words for a missing field.
fn take<T>(slot: Slot<T>, name: &'static str) -> Result<T, String> {
    match slot.first {
        Some((_, v)) => Ok(v),
        None => Err(<serde_json::Error as de::Error>::missing_field(name).to_string()),
    }
}

/// The first problem by position among a variant's entries: kept in
/// entry order because that is the order serde met them in.
struct First(Option<(u32, String)>);

impl First {
    fn at(&mut self, at: u32, problem: impl FnOnce() -> String) {
        if self.0.as_ref().is_none_or(|(seen, _)| at < *seen) {
            self.0 = Some((at, problem()));
        }
    }

    /// A field of the variant: its repetition.
    fn field<T>(&mut self, name: &'static str, slot: &Slot<T>) {
        if let Some(again) = slot.again {
            self.at(again, || <serde_json::Error as de::Error>::duplicate_field(name).to_string());
        }
    }

    /// A field present that the variant does not have.
    fn stray<T>(&mut self, name: &str, slot: &Slot<T>, fields: &'static [&'static str]) {
        if let Some((at, _)) = &slot.first {
            self.at(*at, || <serde_json::Error as de::Error>::unknown_field(name, fields).to_string());
        }
    }
}

/// The entry index of the next key; an object with more than four
/// billion keys has failed long before it reaches here.
fn next(count: &mut u32) -> u32 {
    let at = *count;
    *count = count.saturating_add(1);
    at
}

/// The key of an entry: one of the type's fields, the tag, or another name.
enum Key<K> {
    Known(K),
    Tag,
    Other(String),
}

/// Reads keys as `Key`s with `name` deciding which are known.
struct Keys<K> {
    tag: &'static str,
    known: fn(&str) -> Option<K>,
}

impl<'de, K> DeserializeSeed<'de> for Keys<K> {
    type Value = Key<K>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<K>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, K> Visitor<'de> for Keys<K> {
    type Value = Key<K>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E>(self, v: &str) -> Result<Key<K>, E> {
        if v == self.tag {
            return Ok(Key::Tag);
        }
        Ok((self.known)(v).map_or_else(|| Key::Other(v.to_owned()), Key::Known))
    }
}

/// Reads a tag's value: one of `names`, in serde's words when it is not.
struct Tag {
    names: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for Tag {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Tag {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.names.iter().position(|n| *n == v).ok_or_else(|| E::unknown_variant(v, self.names))
    }
}

// ---------------------------------------------------------------------------
// Measure
// ---------------------------------------------------------------------------

const KINDS: &[&str] = &["quantity", "percent", "rate", "money", "change", "categorical", "deferred"];

#[derive(Clone, Copy)]
enum MeasureField {
    Unit,
    Share,
    Per,
    Direction,
    Scale,
    Level,
    Source,
}

fn measure_field(name: &str) -> Option<MeasureField> {
    Some(match name {
        "unit" => MeasureField::Unit,
        "share" => MeasureField::Share,
        "per" => MeasureField::Per,
        "direction" => MeasureField::Direction,
        "scale" => MeasureField::Scale,
        "level" => MeasureField::Level,
        "source" => MeasureField::Source,
        _ => return None,
    })
}

/// The fields of a measure object as read, before the kind decides.
#[derive(Default)]
struct MeasureFields {
    kind: Option<usize>,
    unit: Slot<Unit>,
    share: Slot<bool>,
    per: Slot<Decimal>,
    direction: Slot<ChangeDirection>,
    scale: Slot<Option<ChangeScale>>,
    level: Slot<String>,
    source: Slot<String>,
    /// The first key that is no measure's field.
    other: Option<(u32, String)>,
}

impl MeasureFields {
    /// The measure of `kind` from the fields read, or the first problem.
    fn build(self, kind: usize) -> Result<Measure, String> {
        const QUANTITY: &[&str] = &["unit"];
        const PERCENT: &[&str] = &["share"];
        const RATE: &[&str] = &["per"];
        const CHANGE: &[&str] = &["direction", "scale"];
        const CATEGORICAL: &[&str] = &["level"];
        const DEFERRED: &[&str] = &["source"];
        let fields: &'static [&'static str] = match kind {
            0 => QUANTITY,
            1 => PERCENT,
            2 => RATE,
            4 => CHANGE,
            5 => CATEGORICAL,
            6 => DEFERRED,
            _ => &[],
        };
        let mut first = First(None);
        macro_rules! check {
            ($($name:ident),*) => {$(
                if fields.contains(&stringify!($name)) {
                    first.field(stringify!($name), &self.$name);
                } else {
                    first.stray(stringify!($name), &self.$name, fields);
                }
            )*};
        }
        check!(unit, share, per, direction, scale, level, source);
        if let Some((at, name)) = &self.other {
            first.at(*at, || <serde_json::Error as de::Error>::unknown_field(name, fields).to_string());
        }
        if let Some((_, problem)) = first.0 {
            return Err(problem);
        }
        Ok(match kind {
            0 => Measure::Quantity { unit: take(self.unit, "unit")? },
            1 => Measure::Percent { share: take(self.share, "share").unwrap_or(true) },
            2 => Measure::Rate { per: take(self.per, "per")? },
            3 => Measure::Money,
            4 => Measure::Change {
                direction: take(self.direction, "direction")?,
                scale: take(self.scale, "scale").unwrap_or(None),
            },
            5 => Measure::Categorical { level: take(self.level, "level")? },
            _ => Measure::Deferred { source: take(self.source, "source")? },
        })
    }
}

struct MeasureVisitor;

impl<'de> Visitor<'de> for MeasureVisitor {
    type Value = Measure;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object such as {\"kind\": \"quantity\", \"unit\": \"人次\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Measure, A::Error> {
        let mut m = MeasureFields::default();
        let mut count = 0u32;
        while let Some(key) = map.next_key_seed(Keys { tag: "kind", known: measure_field })? {
            match key {
                Key::Tag if m.kind.is_some() => return Err(de::Error::duplicate_field("kind")),
                Key::Tag => m.kind = Some(map.next_value_seed(Tag { names: KINDS })?),
                Key::Known(field) => {
                    let at = next(&mut count);
                    match field {
                        MeasureField::Unit => m.unit.read(&mut map, at)?,
                        MeasureField::Share => m.share.read(&mut map, at)?,
                        MeasureField::Per => m.per.read(&mut map, at)?,
                        MeasureField::Direction => m.direction.read(&mut map, at)?,
                        MeasureField::Scale => m.scale.read(&mut map, at)?,
                        MeasureField::Level => m.level.read(&mut map, at)?,
                        MeasureField::Source => m.source.read(&mut map, at)?,
                    }
                }
                Key::Other(name) => {
                    let at = next(&mut count);
                    m.other.get_or_insert((at, name));
                    map.next_value_seed(Skip)?;
                }
            }
        }
        let Some(kind) = m.kind else { return Err(de::Error::missing_field("kind")) };
        m.build(kind).map_err(de::Error::custom)
    }
}

impl<'de> serde::Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MeasureVisitor)
    }
}

// ---------------------------------------------------------------------------
// Amount
// ---------------------------------------------------------------------------

const COMPARATORS: &[&str] = &["exactly", "at_least", "at_most", "more_than", "less_than", "approximately", "between"];

#[derive(Clone, Copy)]
enum AmountField {
    Value,
    Min,
    Max,
}

fn amount_field(name: &str) -> Option<AmountField> {
    Some(match name {
        "value" => AmountField::Value,
        "min" => AmountField::Min,
        "max" => AmountField::Max,
        _ => return None,
    })
}

#[derive(Default)]
struct AmountFields {
    comparator: Option<usize>,
    value: Slot<Decimal>,
    min: Slot<Decimal>,
    max: Slot<Decimal>,
    other: Option<(u32, String)>,
}

impl AmountFields {
    fn build(self, comparator: usize) -> Result<Amount, String> {
        const SINGLE: &[&str] = &["value"];
        const RANGE: &[&str] = &["min", "max"];
        let between = comparator == 6;
        let fields = if between { RANGE } else { SINGLE };
        let mut first = First(None);
        if between {
            first.stray("value", &self.value, fields);
            first.field("min", &self.min);
            first.field("max", &self.max);
        } else {
            first.field("value", &self.value);
            first.stray("min", &self.min, fields);
            first.stray("max", &self.max, fields);
        }
        if let Some((at, name)) = &self.other {
            first.at(*at, || <serde_json::Error as de::Error>::unknown_field(name, fields).to_string());
        }
        if let Some((_, problem)) = first.0 {
            return Err(problem);
        }
        if between {
            let min = take(self.min, "min")?;
            return Ok(Amount::Between { min, max: take(self.max, "max")? });
        }
        let value = take(self.value, "value")?;
        Ok(match comparator {
            0 => Amount::Exactly { value },
            1 => Amount::AtLeast { value },
            2 => Amount::AtMost { value },
            3 => Amount::MoreThan { value },
            4 => Amount::LessThan { value },
            _ => Amount::Approximately { value },
        })
    }
}

struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object such as {\"comparator\": \"exactly\", \"value\": \"100\"}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
        let mut a = AmountFields::default();
        let mut count = 0u32;
        while let Some(key) = map.next_key_seed(Keys { tag: "comparator", known: amount_field })? {
            match key {
                Key::Tag if a.comparator.is_some() => return Err(de::Error::duplicate_field("comparator")),
                Key::Tag => a.comparator = Some(map.next_value_seed(Tag { names: COMPARATORS })?),
                Key::Known(field) => {
                    let at = next(&mut count);
                    match field {
                        AmountField::Value => a.value.read(&mut map, at)?,
                        AmountField::Min => a.min.read(&mut map, at)?,
                        AmountField::Max => a.max.read(&mut map, at)?,
                    }
                }
                Key::Other(name) => {
                    let at = next(&mut count);
                    a.other.get_or_insert((at, name));
                    map.next_value_seed(Skip)?;
                }
            }
        }
        let Some(comparator) = a.comparator else { return Err(de::Error::missing_field("comparator")) };
        a.build(comparator).map_err(de::Error::custom)
    }
}

impl<'de> serde::Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

#[cfg(test)]
mod tests {
    //! The one-pass readers against serde's derived internally tagged
    //! enums, which they replace: on any object built from the fields'
    //! names and typical values, both accept the same and read it the same
    //! — except where serde let through what the schema never allowed
    //! (fields beside `"kind": "money"`, `"scale": null`). Their words
    //! differ on purpose; `tests/load_messages.rs` records them.

    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use serde::Deserialize;

    use super::super::{Amount, ChangeDirection, ChangeScale, Measure};
    use crate::Unit;

    fn yes() -> bool {
        true
    }

    #[derive(Deserialize, Debug)]
    #[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
    enum Derived {
        Quantity {
            unit: Unit,
        },
        Percent {
            #[serde(default = "yes")]
            share: bool,
        },
        Rate {
            #[serde(with = "crate::json::decimal")]
            per: Decimal,
        },
        Money,
        Change {
            direction: ChangeDirection,
            #[serde(default)]
            scale: Option<ChangeScale>,
        },
        Categorical {
            level: String,
        },
        Deferred {
            source: String,
        },
    }

    impl From<Derived> for Measure {
        fn from(d: Derived) -> Measure {
            match d {
                Derived::Quantity { unit } => Measure::Quantity { unit },
                Derived::Percent { share } => Measure::Percent { share },
                Derived::Rate { per } => Measure::Rate { per },
                Derived::Money => Measure::Money,
                Derived::Change { direction, scale } => Measure::Change { direction, scale },
                Derived::Categorical { level } => Measure::Categorical { level },
                Derived::Deferred { source } => Measure::Deferred { source },
            }
        }
    }

    #[derive(Deserialize, Debug)]
    #[serde(tag = "comparator", rename_all = "snake_case", deny_unknown_fields)]
    enum DerivedAmount {
        Exactly {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        AtLeast {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        AtMost {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        MoreThan {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        LessThan {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        Approximately {
            #[serde(with = "crate::json::decimal")]
            value: Decimal,
        },
        Between {
            #[serde(with = "crate::json::decimal")]
            min: Decimal,
            #[serde(with = "crate::json::decimal")]
            max: Decimal,
        },
    }

    impl From<DerivedAmount> for Amount {
        fn from(d: DerivedAmount) -> Amount {
            match d {
                DerivedAmount::Exactly { value } => Amount::Exactly { value },
                DerivedAmount::AtLeast { value } => Amount::AtLeast { value },
                DerivedAmount::AtMost { value } => Amount::AtMost { value },
                DerivedAmount::MoreThan { value } => Amount::MoreThan { value },
                DerivedAmount::LessThan { value } => Amount::LessThan { value },
                DerivedAmount::Approximately { value } => Amount::Approximately { value },
                DerivedAmount::Between { min, max } => Amount::Between { min, max },
            }
        }
    }

    /// The words of an error, without serde_json's position (which the
    /// corpus of `tests/load_messages.rs` checks in whole documents).
    fn words(e: &serde_json::Error) -> String {
        let s = e.to_string();
        s.find(" at line ").map_or(s.clone(), |i| s[..i].to_owned())
    }

    /// An object of up to five entries (repeats allowed) in the given order.
    fn object(keys: &'static [&'static str], values: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(keys), prop::sample::select(values)), 0..5).prop_map(|entries| {
            let body: Vec<String> = entries.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", body.join(","))
        })
    }

    const VALUES: &[&str] = &[
        "\"quantity\"",
        "\"percent\"",
        "\"rate\"",
        "\"money\"",
        "\"change\"",
        "\"categorical\"",
        "\"deferred\"",
        "\"count\"",
        "\"人次\"",
        "\"\"",
        "\" \"",
        "\"100000\"",
        "\"1e5\"",
        "\"increase\"",
        "\"turn_positive\"",
        "\"percent_points\"",
        "\"percentage_points\"",
        "\"exactly\"",
        "\"between\"",
        "\"at_least\"",
        "5",
        "-5",
        "85.5",
        "true",
        "null",
        "[1,\"a\"]",
        "{\"a\":1}",
    ];

    proptest! {
        #[test]
        fn measures_read_as_serdes_enum_read_them(
            text in object(&["kind", "unit", "share", "per", "direction", "scale", "level", "source", "colour"], VALUES)
        ) {
            let new = serde_json::from_str::<Measure>(&text);
            let old = serde_json::from_str::<Derived>(&text).map(Measure::from);
            match (&new, &old) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                // serde ignored every field beside "kind": "money".
                (Err(_), Ok(Measure::Money)) => prop_assert!(text.contains(','), "{}", text),
                // serde read a null scale as none.
                (Err(e), Ok(Measure::Change { scale: None, .. })) => {
                    prop_assert!(text.contains("\"scale\":null") && words(e).contains("null"), "{}", text);
                }
                _ => prop_assert!(false, "{text}: now {new:?}, before {old:?}"),
            }
        }

        #[test]
        fn amounts_read_as_serdes_enum_read_them(
            text in object(&["comparator", "value", "min", "max", "unit"], VALUES)
        ) {
            let new = serde_json::from_str::<Amount>(&text);
            let old = serde_json::from_str::<DerivedAmount>(&text).map(Amount::from);
            match (&new, &old) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "{text}: now {new:?}, before {old:?}"),
            }
        }
    }
}
