//! The integration tests, in one test binary (one link instead of one per
//! file): each file of `tests/` is a module here. `every_test_file_is_a_module`
//! fails when a file is added without its `mod` line, so no test is left
//! out unseen.

mod aggregate;
mod api;
mod cli;
mod contract;
mod decompose;
mod descriptions;
mod exit_codes;
mod export;
mod export_cli;
mod files_cli;
mod hostile;
mod hostile_limits;
mod import;
mod import_accuracy;
mod import_cli;
mod import_corpus;
mod import_prose;
mod load;
mod load_messages;
mod notices;
mod numbers;
mod phrases;
mod progress;
mod progress_cli;
mod progress_properties;
mod properties;
mod responsible_role;
mod robustness;
mod schema;
mod support;
mod validate_rules;

#[test]
fn every_test_file_is_a_module() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let declared = include_str!("main.rs");
    for entry in std::fs::read_dir(&here).expect("tests/ is readable") {
        let path = entry.expect("an entry of tests/").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.extension().is_some_and(|x| x == "rs") && stem != "main" {
            assert!(declared.contains(&format!("\nmod {stem};\n")), "tests/{stem}.rs is not declared in tests/main.rs");
        }
    }
}
