//! One behaviour for every command: exit 0 on success, 1 when the input has
//! errors, 2 for unreadable input or a failed write; a reader that stops
//! early (a closed pipe) is no failure, and `--help` says all this.
#![cfg(feature = "cli")]

use std::process::{Command, Output, Stdio};

use crate::support::cli::{Scratch, minsheng, stderr};

const QINGHAI: &str = "examples/data/qinghai-2021.json";
const REPORT: &str = "examples/data/progress/qinghai-2021-2021-06-30.json";
const SEED_TEXT: &str = "青海省人民政府办公厅\n关于2021年民生实事工程任务分工的通知\n青政办〔2021〕24号\n\
    一、主要任务及分工\n(一)就业促进工程。\n1.全省城镇新增就业6万人。(省人力资源社会保障厅牵头，省妇联配合)\n";

/// Every command that writes to standard output, with arguments that succeed.
fn printing_commands(text_file: &str) -> Vec<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    vec![
        s(&["validate", QINGHAI]),
        s(&["validate", "--format", "json", QINGHAI]),
        s(&["summary", QINGHAI]),
        s(&["summary", "--format", "json", QINGHAI]),
        s(&["parse-target", "--year", "2021", "新增就业6万人"]),
        s(&["extract", "--year", "2021", text_file]),
        s(&["import", text_file]),
        s(&["gen", "--tasks", "50"]),
        s(&["schema"]),
        s(&["progress", QINGHAI, REPORT, "--as-of", "2021-06-30"]),
        s(&["progress", "--format", "json", QINGHAI, REPORT, "--as-of", "2021-06-30"]),
    ]
}

/// Runs the command with its standard output going to `stdout`.
fn run_into(args: &[String], stdout: impl Into<Stdio>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("the command runs")
}

#[test]
fn every_printing_command_succeeds_with_exit_zero() {
    let dir = Scratch::new("exit-ok");
    let text = dir.file("notice.txt", SEED_TEXT.as_bytes());
    for args in printing_commands(&text) {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = minsheng(&refs);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{args:?} printed nothing");
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = Scratch::new("exit-pipe");
    let text = dir.file("notice.txt", SEED_TEXT.as_bytes());
    for args in printing_commands(&text) {
        // The reading end is closed before the command starts, so its first
        // write meets a closed pipe, whatever the size of the output.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let o = run_into(&args, writer);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?} complained: {}", stderr(&o));
    }
}

#[test]
fn a_failed_write_is_exit_two_with_a_message_for_every_command() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else { return };
    let dir = Scratch::new("exit-full");
    let text = dir.file("notice.txt", SEED_TEXT.as_bytes());
    for args in printing_commands(&text) {
        let o = run_into(&args, full.try_clone().expect("a second handle"));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("cannot write output"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn unreadable_input_is_exit_two_naming_the_file_for_every_command() {
    let dir = Scratch::new("exit-unreadable");
    let missing = dir.path("no-such-file.json");
    let out = dir.path("ledger.csv");
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", &missing],
        vec!["summary", &missing],
        vec!["extract", &missing],
        vec!["import", &missing],
        vec!["progress", &missing, REPORT, "--as-of", "2021-06-30"],
        vec!["progress", QINGHAI, &missing, "--as-of", "2021-06-30"],
        vec!["ledger", &missing, "--out", &out],
        vec!["ledger", QINGHAI, &missing, "--out", &out],
    ];
    for args in cases {
        let o = minsheng(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("no-such-file.json"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn input_with_errors_is_exit_one() {
    let dir = Scratch::new("exit-errors");
    let mut programme: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(QINGHAI).expect("the example")).expect("JSON");
    programme["sections"][0]["tasks"][0]["description"] = " ".into();
    let broken = dir.file("broken.json", programme.to_string().as_bytes());
    let report = std::fs::read_to_string(REPORT).expect("the report");
    let bad_report =
        dir.file("bad-report.json", report.replacen("\"target\": \"", "\"target\": \"no-such-", 1).as_bytes());
    let out = dir.path("ledger.csv");
    let cases: Vec<Vec<&str>> = vec![
        vec!["validate", &broken],
        vec!["parse-target", "这不是目标"],
        vec!["progress", QINGHAI, &bad_report, "--as-of", "2021-06-30"],
        vec!["ledger", QINGHAI, &bad_report, "--out", &out],
    ];
    for args in cases {
        let o = minsheng(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn help_documents_the_exit_status_of_every_command() {
    for command in ["validate", "summary", "parse-target", "extract", "import", "gen", "schema", "progress", "ledger"] {
        let o = minsheng(&[command, "--help"]);
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(help.contains("Exit status:") && help.contains("2  unreadable input"), "{command}: {help}");
    }
    let o = minsheng(&["--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Exit status:"));
}
