//! `minsheng import`: the draft on stdout, diagnostics on stderr, exit 0 even
//! with diagnostics and 2 for unreadable input.
#![cfg(feature = "cli")]

use crate::support::cli as support;
use crate::support::seeds;

use std::path::PathBuf;
use support::minsheng;

fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minsheng-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn imports_with_diagnostics_on_stderr_and_exit_0() {
    let text = "首页\n青海省人民政府办公厅\n关于2021年民生实事工程任务分工的通知\n青政办〔2021〕24号\n一、主要任务及分工\n(一)就业促进工程。\n1.全省城镇新增就业6万人。(省人力资源社会保障厅牵头)\n2.推进工作。\n";
    let path = scratch("small.txt", text.as_bytes());
    let o = minsheng(&["import", &path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0));
    let p = minsheng::from_slice(&o.stdout).expect("stdout is a programme");
    assert_eq!(p.task_count(), 2);
    assert_eq!(p.year, 2021);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("page furniture \"首页\""), "{err}");
    assert!(err.contains("task 2 推进工作。 names no responsible unit"), "{err}");
}

#[test]
fn year_option_overrides() {
    let path = scratch("year.txt", "一、重点工作\n(一)就业。城镇新增就业1.3万人。(牵头单位:州人社局)\n".as_bytes());
    let o = minsheng(&["import", &path.to_string_lossy(), "--year", "2020"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(minsheng::from_slice(&o.stdout).unwrap().year, 2020);
}

#[test]
fn unreadable_input_exits_2() {
    let o = minsheng(&["import", "no/such/notice.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let gbk = scratch("gbk.txt", &[0xc7, 0xe0, 0xba, 0xa3, 0xff]);
    let o = minsheng(&["import", &gbk.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not UTF-8"));
}

#[test]
fn the_seeds_import_and_validate_on_the_command_line() {
    let Some(seed) = seeds::seed_path("003_625752342c267127.txt") else { return };
    let o = minsheng(&["import", &seed.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0));
    let out = scratch("chuxiong.json", &o.stdout);
    let v = minsheng(&["validate", &out.to_string_lossy()]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn the_account_goes_to_stderr() {
    let text =
        "关于2021年民生实事的通知\n一、主要任务\n1.新建幼儿园5所。(县教育局牵头)\n2.建设步道3条。(县体育局牵头)\n";
    let path = scratch("account.txt", text.as_bytes());
    let o = minsheng(&["import", &path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("accounted for 100% of "), "{err}");
    assert!(err.lines().last().is_some_and(|l| l.ends_with("diagnostics") || l.ends_with("diagnostic")), "{err}");
}

/// `--format json`: the draft, the diagnostics and the account in one object
/// an outside program can read.
#[test]
fn json_output_holds_draft_diagnostics_and_account() {
    let text = "首页\n关于2021年民生实事的通知\n一、主要任务\n1.新建幼儿园5所。(县教育局牵头)\n2.推进工作。\n";
    let path = scratch("json.txt", text.as_bytes());
    let o = minsheng(&["import", &path.to_string_lossy(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("stdout is one JSON object");
    let programme = serde_json::to_string(&v["programme"]).unwrap();
    assert_eq!(minsheng::from_str(&programme).unwrap().task_count(), 2);
    let diagnostics = v["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().any(|d| d["kind"] == "furniture" && d["severity"] == "warning"));
    assert!(diagnostics.iter().all(|d| d["span"]["start"].is_u64() && d["line"].is_u64() && d["reason"].is_string()));
    let a = &v["accounting"];
    assert_eq!(a["chars"], a["accounted"]);
    assert!(a["unaccounted"].as_array().unwrap().is_empty());
    assert!(v["summary"].as_str().unwrap().starts_with("accounted for 100% of"));
}

/// A text in which no task is recognised: an error naming the layout seen,
/// exit 1, the (empty) draft still printed.
#[test]
fn no_task_is_an_error_with_exit_1() {
    let path = scratch("none.txt", "今天天气很好。\n明天也很好。\n".as_bytes());
    let o = minsheng(&["import", &path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(minsheng::from_slice(&o.stdout).unwrap().task_count(), 0);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error: ") && err.contains("no task recognised: 2 lines with no numbered item"), "{err}");
    let o = minsheng(&["import", &path.to_string_lossy(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["diagnostics"].as_array().unwrap().iter().any(|d| d["kind"] == "no_tasks" && d["severity"] == "error"));
}
