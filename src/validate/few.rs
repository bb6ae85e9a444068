//! A map for the few keys one task holds.

use std::hash::Hash;

use crate::hash::Map;

/// Keys of one task (its targets' subjects, its units): a list searched in
/// order while short — hashing a handful of keys cost more than the checks
/// themselves — and a hash map once a task holds many, so a hostile task of
/// thousands of targets or units stays linear.
pub(crate) struct FewKeys<K, V> {
    list: Vec<(K, V)>,
    map: Map<K, V>,
}

/// Keys searched in order before the map takes over.
const LIST: usize = 16;

impl<K: Eq + Hash, V> FewKeys<K, V> {
    pub(crate) fn new() -> Self {
        FewKeys { list: Vec::new(), map: crate::hash::map(0) }
    }

    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        if self.map.is_empty() { self.list.iter().find(|(k, _)| k == key).map(|(_, v)| v) } else { self.map.get(key) }
    }

    /// Adds `key` (not present, as [`get`](Self::get) said).
    pub(crate) fn insert_new(&mut self, key: K, value: V) {
        if !self.map.is_empty() {
            self.map.insert(key, value);
        } else if self.list.len() < LIST {
            self.list.push((key, value));
        } else {
            self.map.reserve(LIST * 2);
            self.map.extend(self.list.drain(..));
            self.map.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_and_the_map_agree() {
        let mut few = FewKeys::new();
        for i in 0..100u32 {
            assert_eq!(few.get(&i), None);
            few.insert_new(i, i * 2);
            for j in 0..=i {
                assert_eq!(few.get(&j), Some(&(j * 2)), "{j} after {i}");
            }
        }
    }
}
