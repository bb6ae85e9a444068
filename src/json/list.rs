//! Lists read to their exact length.
//!
//! serde reads a JSON array into a `Vec` that starts empty and grows: its
//! first allocation holds four elements. A task has one or two targets of
//! 368 bytes each, and most tasks have a lead or two, a deadline or none
//! and a few sub-tasks (336 bytes each), so most of every such list was
//! room never used: reading targets, breakdown parts, responsibilities,
//! deadlines and sub-tasks to their length takes a loaded programme from
//! 2 603 to under 1 900 bytes per task (BENCHMARKS.md), and the bytes not
//! written are time saved. The first four elements are held aside, each
//! in a local of its own, a fifth says whether the list goes on, and the
//! list is allocated once; longer lists grow as usual.

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
        // Each element is held in a local of its own and moved once, into
        // a list allocated at its length (`vec!` writes straight into it):
        // held in an array, a target (368 bytes) was moved three times.
        let Some(a) = seq.next_element()? else { return Ok(Vec::new()) };
        let Some(b) = seq.next_element()? else { return Ok(vec![a]) };
        let Some(c) = seq.next_element()? else { return Ok(vec![a, b]) };
        let Some(d) = seq.next_element()? else { return Ok(vec![a, b, c]) };
        // A fifth element, if any, says whether the list goes on.
        let Some(e) = seq.next_element()? else { return Ok(vec![a, b, c, d]) };
        let mut out = Vec::with_capacity(2 * HELD);
        out.extend([a, b, c, d, e]);
        while let Some(value) = seq.next_element()? {
            out.push(value);
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
