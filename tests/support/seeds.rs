//! The five seed notices, which live beside the checkout in
//! `../shared/seeds/`: their files, the example each is encoded as, and one
//! way to reach them. Without the folder a test skips what needs them,
//! unless `MINSHENG_REQUIRE_SEEDS` is set (CI sets it): then it fails, so
//! nothing passes unread.
// The import benchmark includes this file too and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// (seed file, its hand encoding in `examples/data/` without `.json`), in the folder's order.
pub const NOTICES: &[(&str, &str)] = &[
    ("000_c6ffd16a5694e4a3.txt", "qinghai-2021"),
    ("001_b4e65384de7791a1.txt", "haidong-2024"),
    ("002_74b7620d7f026c3d.txt", "duji-2021"),
    ("003_625752342c267127.txt", "chuxiong-2021"),
    ("004_d9080f6e0a416e73.txt", "haixi-2020"),
];

/// The path of a seed file; `None` when it is missing (a failure when
/// `MINSHENG_REQUIRE_SEEDS` is set).
pub fn seed_path(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds").join(file);
    let found = path.is_file();
    assert!(found || std::env::var_os("MINSHENG_REQUIRE_SEEDS").is_none(), "the seed {} is missing", path.display());
    found.then_some(path)
}

/// The text of a seed file; `None` when it is missing (a failure when
/// `MINSHENG_REQUIRE_SEEDS` is set).
pub fn seed(file: &str) -> Option<String> {
    let path = seed_path(file)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}
