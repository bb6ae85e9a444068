//! The library alone stays lean: nothing of the service's stack reaches a
//! user who depends on `minsheng` without features.

use std::process::Command;

#[test]
fn the_library_pulls_in_no_server_stack() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-p", "minsheng", "-e", "normal", "--prefix", "none", "--offline"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert!(names.contains(&"serde_json"), "the tree was read: {tree}");
    for heavy in ["tokio", "axum", "sqlx", "hyper", "utoipa", "maud", "reqwest", "clap", "rust_xlsxwriter"] {
        assert!(!names.contains(&heavy), "{heavy} reaches users of minsheng alone:\n{tree}");
    }
}
