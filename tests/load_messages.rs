//! The load error of every broken document in `tests/data/load-errors/`,
//! compared with the messages recorded in `messages.txt` beside them: line,
//! column, JSON Pointer and words. A change to the loader that changes what
//! a user reads fails here; a deliberate change rewrites `messages.txt`
//! (`MINSHENG_BLESS=1 cargo test --test load_messages`) in the same commit,
//! where the diff shows every message that moved.
//!
//! Each document is read three ways — `from_str` (when it is UTF-8),
//! `from_slice` and `from_path` — and all three must agree.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("data").join("load-errors")
}

/// The documents of one folder, sorted by name, `base.json` (the valid
/// document the others are mutated from) left out.
fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "base.json"))
        .collect();
    files.sort();
    files
}

/// What a user reads for `e`, without the file name (which `from_path` adds).
fn shown(e: &minsheng::Error) -> String {
    match e.as_json() {
        Some(j) => {
            let mut j = j.clone();
            j.file = None;
            j.to_string()
        }
        None => e.to_string(),
    }
}

/// What a document whose load succeeds records: some documents of the
/// corpus break the schema in ways the loader does not yet see.
const LOADS: &str = "(loads)";

/// Reads `path` the three ways (a programme's or a report's loader) and
/// returns the one message they agree on, or [`LOADS`].
fn message<T>(
    path: &Path,
    from_str: impl Fn(&str) -> Result<T, minsheng::Error>,
    from_slice: impl Fn(&[u8]) -> Result<T, minsheng::Error>,
    from_path: impl Fn(&Path) -> Result<T, minsheng::Error>,
) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display();
    let outcome = |r: Result<T, minsheng::Error>| r.err().map_or_else(|| LOADS.to_owned(), |e| shown(&e));
    let via_slice = outcome(from_slice(&bytes));
    if let Ok(text) = std::str::from_utf8(&bytes) {
        assert_eq!(outcome(from_str(text)), via_slice, "{name}: from_str and from_slice disagree");
    }
    let via_path = from_path(path);
    if let Err(e) = &via_path
        && let Some(j) = e.as_json()
    {
        assert_eq!(j.file.as_deref(), Some(path), "{name}: from_path names the file");
    }
    assert_eq!(outcome(via_path), via_slice, "{name}: from_path and from_slice disagree");
    via_slice
}

/// One line per document: `name<TAB>message`, newlines and tabs escaped.
fn record(out: &mut String, dir: &str, path: &Path, message: &str) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let escaped = message.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t");
    let _ = writeln!(out, "{dir}{name}\t{escaped}");
}

#[test]
fn every_broken_document_gives_the_recorded_message() {
    let root = corpus();
    let max = minsheng::DEFAULT_MAX_BYTES;
    // The documents the corpus is made from load.
    minsheng::from_path(root.join("base.json"), max).expect("tests/data/load-errors/base.json loads");
    minsheng::progress::from_path(root.join("progress").join("base.json"), max)
        .expect("tests/data/load-errors/progress/base.json loads");

    let mut actual = String::new();
    let programmes = documents(&root);
    assert!(programmes.len() >= 150, "the corpus has {} programme documents", programmes.len());
    for path in &programmes {
        let m = message(path, minsheng::from_str, minsheng::from_slice, |p| minsheng::from_path(p, max));
        record(&mut actual, "", path, &m);
    }
    for path in &documents(&root.join("progress")) {
        let m = message(
            path,
            minsheng::progress::from_str,
            |b| minsheng::progress::from_str(std::str::from_utf8(b).map_err(|_| invalid_utf8())?),
            |p| minsheng::progress::from_path(p, max),
        );
        record(&mut actual, "progress/", path, &m);
    }

    let expected_path = root.join("messages.txt");
    if std::env::var_os("MINSHENG_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).expect("messages.txt is writable");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).expect("tests/data/load-errors/messages.txt exists");
    let mut differences = Vec::new();
    let (want, got): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for (w, g) in want.iter().zip(&got) {
        if w != g {
            differences.push(format!("recorded: {w}\n     now: {g}"));
        }
    }
    assert_eq!(want.len(), got.len(), "the corpus and messages.txt list different documents");
    assert!(differences.is_empty(), "{} load messages changed:\n{}", differences.len(), differences.join("\n"));
}

/// Progress reports have no `from_slice`; the test reads their bytes as text first.
fn invalid_utf8() -> minsheng::Error {
    minsheng::Error::Io { path: PathBuf::new(), source: std::io::Error::other("not UTF-8") }
}
