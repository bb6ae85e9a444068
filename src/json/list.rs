//! Lists read to their exact length.
//!
//! serde reads a JSON array into a `Vec` that starts empty and grows: its
//! first allocation holds four elements. A task has one or two targets of
//! 368 bytes each, so most of every targets list was room never used:
//! reading the targets and the breakdowns' parts to their length takes a
//! loaded programme from 2 603 to 2 060 bytes per task (BENCHMARKS.md).
//! The first four elements are held aside, a fifth says whether the list
//! goes on, and the list is allocated once; longer lists grow as usual.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

/// Held aside before the list is allocated.
const HELD: usize = 4;

/// Reads a list, allocated at its length when it has at most four elements.
/// Used as `#[serde(default, deserialize_with = "crate::json::list::exact")]`.
pub(crate) fn exact<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(Exact(PhantomData))
}

struct Exact<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
    type Value = Vec<T>;

    // serde's own words for a list, so that messages stay as they were.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut held: [Option<T>; HELD] = [const { None }; HELD];
        let mut n = 0;
        while let Some(slot) = held.get_mut(n) {
            match seq.next_element()? {
                Some(value) => *slot = Some(value),
                None => break,
            }
            n += 1;
        }
        // A fifth element, if any, says whether the list goes on.
        let next = if n == HELD { seq.next_element()? } else { None };
        let mut out = Vec::with_capacity(if next.is_some() { 2 * HELD } else { n });
        out.extend(held.into_iter().flatten());
        if let Some(value) = next {
            out.push(value);
            while let Some(value) = seq.next_element()? {
                out.push(value);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default, deserialize_with = "super::exact")]
        items: Vec<String>,
    }

    #[test]
    fn every_length_reads_in_order_and_short_lists_take_only_their_room() {
        for n in 0..12 {
            let items: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
            let json = serde_json::json!({ "items": items }).to_string();
            let doc: Doc =
                serde_json::from_str(&json).map_err(|e| e.to_string()).unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(doc.items, items);
            if n <= super::HELD {
                assert_eq!(doc.items.capacity(), n);
            }
        }
        let absent: Doc = serde_json::from_str("{}").map_err(|e| e.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert!(absent.items.is_empty());
    }

    #[derive(serde::Deserialize)]
    struct Numbers {
        #[serde(deserialize_with = "super::exact")]
        exact: Vec<u64>,
        plain: Vec<u64>,
    }

    proptest::proptest! {
        /// Read to its length or by serde's own `Vec`, a list is the same list.
        #[test]
        fn reads_what_serde_reads(items in proptest::collection::vec(proptest::num::u64::ANY, 0..40)) {
            let json = serde_json::json!({ "exact": items, "plain": items }).to_string();
            let doc: Numbers = serde_json::from_str(&json).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            proptest::prop_assert_eq!(&doc.exact, &doc.plain);
            proptest::prop_assert!(doc.exact.capacity() <= doc.plain.capacity().max(2 * super::HELD));
        }
    }

    #[test]
    fn a_bad_element_anywhere_is_an_error() {
        for json in [r#"{"items": [1]}"#, r#"{"items": ["a", "b", "c", "d", 5]}"#, r#"{"items": "a"}"#] {
            assert!(serde_json::from_str::<Doc>(json).is_err(), "{json}");
        }
    }
}
