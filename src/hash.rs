//! The hash maps and sets of validation and aggregation.
//!
//! Their keys are short strings (ids, subjects, unit names) looked up once
//! or more per task; SipHash, the standard library's default, cost more
//! than the rest of the lookup. foldhash is several times faster on such
//! keys and is still seeded at random per process, so input cannot be
//! written to collide.

/// A hash map with foldhash.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with foldhash.
pub(crate) type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// An empty map with room for `n` entries.
pub(crate) fn map<K, V>(n: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(n, foldhash::fast::RandomState::default())
}

/// An empty set with room for `n` entries.
pub(crate) fn set<T>(n: usize) -> Set<T> {
    Set::with_capacity_and_hasher(n, foldhash::fast::RandomState::default())
}
