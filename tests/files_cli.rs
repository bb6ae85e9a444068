//! Commands that write files (`ledger`, `schema`, `export`) never overwrite
//! an input, never replace a file without `--force`, never leave half a
//! file, take `-` for standard output, and refuse contradictory names; the
//! CSV ledger makes formula-like text inert; the workbook names the task of
//! a cell too long for Excel.
#![cfg(feature = "cli")]

use crate::support::cli as support;

use support::{Scratch, minsheng, stderr, stdout};

const QINGHAI: &str = "examples/data/qinghai-2021.json";
const MID_YEAR: &str = "examples/data/progress/qinghai-2021-2021-06-30.json";

#[test]
fn ledger_never_writes_over_its_input() {
    let s = Scratch::new("files-input");
    let programme = s.file("prog.json", &std::fs::read(QINGHAI).unwrap());
    let report = s.file("report.json", &std::fs::read(MID_YEAR).unwrap());
    for (out, format) in [(&programme, "csv"), (&report, "csv"), (&programme, "xlsx")] {
        let o = minsheng(&["ledger", "--out", out, "--format", format, "--force", &programme, &report]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("it is the input"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&programme).unwrap(), std::fs::read(QINGHAI).unwrap(), "the programme is untouched");
    assert_eq!(std::fs::read(&report).unwrap(), std::fs::read(MID_YEAR).unwrap(), "the report is untouched");
    // Another spelling of the same path is still the input.
    let dotted = format!("{}/./prog.json", s.0.display());
    let o = minsheng(&["ledger", "--out", &dotted, "--format", "csv", "--force", &programme]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn ledger_replaces_an_existing_file_only_with_force() {
    let s = Scratch::new("files-force");
    let out = s.file("台账.csv", b"keep me");
    let o = minsheng(&["ledger", QINGHAI, "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to overwrite") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    let o = minsheng(&["ledger", QINGHAI, "--out", &out, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("\u{feff}序号"));
    // No temporary file is left beside it.
    let names: Vec<String> =
        std::fs::read_dir(&s.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["台账.csv"]);
}

#[test]
fn a_failed_write_leaves_nothing() {
    let s = Scratch::new("files-failed");
    // A directory that does not exist: nothing can be written, and nothing is.
    let out = s.path("missing/台账.csv");
    let o = minsheng(&["ledger", QINGHAI, "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(!std::path::Path::new(&out).exists());
}

#[test]
fn ledger_out_dash_is_standard_output() {
    let s = Scratch::new("files-dash");
    let o = minsheng(&["ledger", QINGHAI, MID_YEAR, "--out", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("\u{feff}序号,板块,任务ID"));
    assert!(stdout(&o).contains("序时推进"));
    assert!(!std::path::Path::new("-").exists(), "no file named -");
    let o = minsheng(&["ledger", QINGHAI, "--out", "-", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.starts_with(b"PK\x03\x04"));
    drop(s);
}

#[test]
fn ledger_refuses_a_name_that_contradicts_the_format() {
    let s = Scratch::new("files-contradiction");
    for (name, format) in [("ledger.csv", "xlsx"), ("ledger.xlsx", "csv")] {
        let out = s.path(name);
        let o = minsheng(&["ledger", QINGHAI, "--out", &out, "--format", format]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("--format says"), "{}", stderr(&o));
        assert!(!std::path::Path::new(&out).exists());
    }
    // A name that says nothing takes --format.
    let o = minsheng(&["ledger", QINGHAI, "--out", &s.path("ledger.txt"), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn schema_out_keeps_existing_files_unless_forced() {
    let s = Scratch::new("files-schema");
    let o = minsheng(&["schema", "--out", &s.path("")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(s.0.join("programme.schema.json"), "edited").unwrap();
    let o = minsheng(&["schema", "--out", &s.path("")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(s.0.join("programme.schema.json")).unwrap(), "edited");
    let o = minsheng(&["schema", "--out", &s.path(""), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(s.0.join("programme.schema.json")).unwrap(),
        minsheng::schema::programme_schema_json()
    );
    let o = minsheng(&["schema", "--out", "-"]);
    assert_eq!(stdout(&o), minsheng::schema::programme_schema_json());
}

/// Qinghai with one task whose text and target could run as formulas, and
/// a figure below zero.
fn hostile(s: &Scratch) -> String {
    let mut p: serde_json::Value = serde_json::from_slice(&std::fs::read(QINGHAI).unwrap()).unwrap();
    let task = serde_json::json!({
        "id": "evil",
        "number": "46",
        "description": "=cmd|' /C calc'!A0",
        "targets": [{
            "id": "evil-1",
            "subject": "@SUM(A1:A9)",
            "phrase": "+HYPERLINK(\"http://evil\")",
            "measure": {"kind": "change", "direction": "decrease", "scale": "percent"},
            "amount": {"comparator": "exactly", "value": "-5"}
        }]
    });
    p["sections"][0]["tasks"].as_array_mut().unwrap().push(task);
    s.file("hostile.json", serde_json::to_string(&p).unwrap().as_bytes())
}

#[test]
fn csv_ledger_neutralises_formulas_but_keeps_figures_numbers() {
    let s = Scratch::new("files-injection");
    let input = hostile(&s);
    let o = minsheng(&["ledger", &input, "--out", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    let line = csv.lines().find(|l| l.contains("evil-1")).unwrap();
    assert!(
        line.contains(",'=cmd|' /C calc'!A0,evil-1,'@SUM(A1:A9),\"'+HYPERLINK(\"\"http://evil\"\")\",等于,-5,,%,"),
        "{line}"
    );
    assert!(!csv.contains(",=cmd") && !csv.contains(",@SUM") && !csv.contains(",\"+HYPERLINK"));
}

#[test]
fn a_cell_too_long_for_excel_is_cut_and_its_task_named() {
    let s = Scratch::new("files-long-cell");
    let mut p: serde_json::Value = serde_json::from_slice(&std::fs::read(QINGHAI).unwrap()).unwrap();
    let long = "加强".repeat(20_000);
    p["sections"][0]["tasks"][0]["description"] = serde_json::Value::String(long.clone());
    let input = s.file("long.json", serde_json::to_string(&p).unwrap().as_bytes());
    let out = s.path("ledger.xlsx");
    let o = minsheng(&["ledger", &input, "--out", &out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("task 1 ") && err.contains("任务") && err.contains("40000 characters"), "{err}");
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
    // The CSV keeps the text whole.
    let o = minsheng(&["ledger", &input, "--out", "-"]);
    assert!(stdout(&o).contains(&long));
}
