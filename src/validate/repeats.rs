//! Repeated task ids, target ids and task numbers, found without a set of
//! every id.
//!
//! The walk writes each id's 64-bit hash to a vector, in order. At the end
//! the hashes are scattered into buckets by their top bits, so that each
//! bucket is a few thousand hashes, and each bucket is sorted in the
//! first-level cache to look for equal neighbours. Every step reads and
//! writes memory in sequence; a hash set of a hundred thousand ids would be
//! probed at random across megabytes instead. The time is linear in the
//! number of ids (the buckets' size is bounded on average, and the hashes
//! are keyed per process (foldhash, seeded at random), so input cannot
//! crowd one bucket).
//!
//! Equal hashes only say that a repeat *may* exist; the caller then finds
//! it exactly (see [`super::validate`]).

use std::hash::BuildHasher;

use foldhash::quality::RandomState;

use crate::model::TaskNumber;

/// About this many hashes go into one bucket: small enough to sort in the
/// first-level cache.
const BUCKET: usize = 1024;

/// The hashes of the task ids, target ids and task numbers seen so far.
pub(super) struct Hashes {
    state: RandomState,
    tasks: Vec<u64>,
    targets: Vec<u64>,
    /// Hashes of (section index, number).
    numbers: Vec<u64>,
}

impl Hashes {
    pub(super) fn new() -> Self {
        Self { state: RandomState::default(), tasks: Vec::new(), targets: Vec::new(), numbers: Vec::new() }
    }

    pub(super) fn task(&mut self, id: &str) {
        self.tasks.push(self.state.hash_one(id));
    }

    pub(super) fn target(&mut self, id: &str) {
        self.targets.push(self.state.hash_one(id));
    }

    pub(super) fn number(&mut self, section: usize, number: &TaskNumber) {
        self.numbers.push(self.state.hash_one((section, number)));
    }

    /// `true` when two task ids, two target ids or two numbers of one
    /// section may be equal.
    pub(super) fn maybe_repeated(&self) -> bool {
        any_equal(&self.tasks) || any_equal(&self.targets) || any_equal(&self.numbers)
    }
}

/// `true` when two of `hashes` are equal; linear in their number.
fn any_equal(hashes: &[u64]) -> bool {
    // 2^bits buckets of about BUCKET hashes each.
    let bits = usize::BITS - (hashes.len() / BUCKET).leading_zeros();
    if bits == 0 {
        let mut all = hashes.to_vec();
        return sorted_has_equal(&mut all);
    }
    let shift = u64::BITS - bits;
    let bucket = |h: u64| (h >> shift) as usize;
    // starts[b] is where bucket b begins in `scattered`.
    let mut starts = vec![0usize; (1 << bits) + 1];
    for &h in hashes {
        starts[bucket(h) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    let mut scattered = vec![0u64; hashes.len()];
    for &h in hashes {
        let b = bucket(h);
        scattered[next[b]] = h;
        next[b] += 1;
    }
    starts.windows(2).any(|w| sorted_has_equal(&mut scattered[w[0]..w[1]]))
}

fn sorted_has_equal(hashes: &mut [u64]) -> bool {
    hashes.sort_unstable();
    hashes.windows(2).any(|w| w[0] == w[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_repeat_at_every_size() {
        for n in [0usize, 1, 2, 1023, 1024, 5000, 70_000] {
            let distinct: Vec<u64> = (0..n as u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
            assert!(!any_equal(&distinct), "{n} distinct hashes");
            if n >= 2 {
                let mut repeated = distinct.clone();
                repeated[n - 1] = repeated[(n - 1) / 2];
                assert!(any_equal(&repeated), "{n} hashes with one repeat");
            }
        }
    }

    #[test]
    fn crowded_buckets_are_still_searched() {
        // Equal top bits put every hash in one bucket; correctness must not depend on spread.
        let crowded: Vec<u64> = (0..5000u64).collect();
        assert!(!any_equal(&crowded));
        let mut repeated = crowded;
        repeated.push(4321);
        assert!(any_equal(&repeated));
    }

    #[test]
    fn hashes_ids_of_each_kind_apart() {
        let mut h = Hashes::new();
        h.task("a");
        h.target("a");
        assert!(!h.maybe_repeated(), "a task and a target may share an id");
        h.target("a");
        assert!(h.maybe_repeated());
    }

    #[test]
    fn numbers_repeat_only_within_a_section() -> Result<(), crate::model::TaskNumberError> {
        let one: TaskNumber = "1".parse()?;
        let mut h = Hashes::new();
        h.number(0, &one);
        h.number(1, &one);
        assert!(!h.maybe_repeated());
        h.number(1, &"（一）".parse()?);
        assert!(!h.maybe_repeated(), "1 and (一) are different numbers");
        h.number(1, &one);
        assert!(h.maybe_repeated());
        Ok(())
    }
}
