//! The `minsheng` command: exit codes, output formats, errors on stderr.
#![cfg(feature = "cli")]

use crate::support::cli as support;
use crate::support::seeds;

use std::path::Path;
use support::{Scratch, minsheng, stderr, stdout};

const QINGHAI: &str = "examples/data/qinghai-2021.json";

#[test]
fn validate_real_notices_exits_zero() {
    let files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = std::iter::once("validate").chain(files.iter().map(String::as_str)).collect();
    let o = minsheng(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn validate_exits_one_on_errors_and_prints_findings_as_json() {
    let s = Scratch::new("cli-errors");
    let bad = s.file(
        "bad.json",
        br#"{"format_version":"1","id":"p","title":"t","jurisdiction":{"name":"x","level":"province"},"year":2021,
            "sections":[{"id":"s","title":"s","tasks":[{"id":"t","number":"1","description":"d","responsibilities":[{"unit":"ghost","role":"lead"}]}]}]}"#,
    );
    let o = minsheng(&["validate", "--format", "json", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let finding = &doc["files"][0]["findings"][0];
    assert_eq!(doc["files"][0]["path"], bad.as_str());
    assert_eq!(finding["code"], "unknown_unit");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["path"], "/sections/0/tasks/0/responsibilities/0/unit");
    assert!(finding["message"].as_str().unwrap().contains("ghost"));
}

#[test]
fn validate_exits_two_on_unreadable_input_naming_file_line_and_column() {
    let s = Scratch::new("cli-broken");
    let broken = s.file("broken.json", b"{\n  \"format_version\": \"1\",\n  \"id\": 5\n}");
    let o = minsheng(&["validate", QINGHAI, &broken]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{broken}:3:")), "{err}");
    assert!(err.contains("/id"), "{err}");
    let missing = minsheng(&["validate", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no/such/file.json"));
    for (name, content) in
        [("empty.json", &b""[..]), ("trunc.json", &b"{\"format_version\": \"1\", \"id"[..]), ("nan.json", &b"NaN"[..])]
    {
        let f = s.file(name, content);
        let o = minsheng(&["validate", &f]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(stderr(&o).contains(&f), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"));
    }
    let big = minsheng(&["validate", "--max-bytes", "100", QINGHAI]);
    assert_eq!(big.status.code(), Some(2));
    assert!(stderr(&big).contains("more than the 100 allowed"));
}

#[test]
fn summary_prints_tables_and_json() {
    let o = minsheng(&["summary", QINGHAI]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for heading in ["Sections", "Totals by dimension", "Totals by subject", "Workload"] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(text.contains("省卫生健康委"));
    let o = minsheng(&["summary", "--format", "json", QINGHAI]);
    assert_eq!(o.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["sections"], 10);
    assert_eq!(doc["tasks"], 45);
    assert_eq!(doc["targets"]["total"], 40);
    let totals = doc["totals"].as_array().unwrap();
    assert!(totals.iter().any(|t| t["dimension"] == "person_times" && t.get("subject").is_none()));
    assert!(totals.iter().all(|t| t["unit"].is_string() && t["value"].is_string()));
    let workload = doc["workload"].as_array().unwrap();
    assert!(workload.iter().all(|w| w["unit"].is_string() && w["lead"].is_u64() && w["cooperating"].is_u64()));
}

#[test]
fn schema_prints_and_writes_the_committed_schema() {
    let o = minsheng(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/programme.schema.json")).unwrap();
    assert_eq!(stdout(&o), committed);
    let s = Scratch::new("cli-schema");
    let dir = s.0.join("out");
    let o = minsheng(&["schema", "--out", &dir.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.join("programme.schema.json")).unwrap(), committed);
}

#[test]
fn gen_writes_a_valid_deterministic_programme() {
    let a = minsheng(&["gen", "--tasks", "50", "--seed", "7"]);
    let b = minsheng(&["gen", "--tasks", "50", "--seed", "7"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
    let p = minsheng::from_str(&stdout(&a)).unwrap();
    assert_eq!(p.task_count(), 50);
    assert!(minsheng::validate(&p).is_valid());
}

#[test]
fn parse_target_prints_one_json_line_per_phrase() {
    let o = minsheng(&["parse-target", "--year", "2021", "控制在5.5%以内", "年底前", "十四五"]);
    assert_eq!(o.status.code(), Some(1), "one phrase is not a target");
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["amount"]["comparator"], "at_most");
    assert_eq!(lines[0]["amount"]["value"], "5.5");
    assert_eq!(lines[1]["date"], "2021-12-31");
    assert_eq!(lines[2]["input"], "十四五");
    assert!(lines[2]["error"].is_string());
}

#[test]
fn parse_target_prints_every_target_of_a_phrase() {
    let o = minsheng(&[
        "parse-target",
        "--year",
        "2020",
        "德令哈、格尔木两市空气质量优良率分别达到91.5%、91.6%以上",
        "年内建成投运7个活畜交易市场",
        "县域内基层就诊率较上年提高",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    let targets = lines[0]["targets"].as_array().unwrap();
    assert_eq!(lines[0]["input"], "德令哈、格尔木两市空气质量优良率分别达到91.5%、91.6%以上");
    let values: Vec<_> = targets.iter().map(|t| t["amount"]["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["91.5", "91.6"]);
    assert_eq!(lines[1]["deadline"]["date"], "2020-12-31");
    assert_eq!(lines[1]["amount"]["value"], "7");
    assert_eq!(lines[2]["measure"]["kind"], "change");
    assert_eq!(lines[2]["baseline"]["year"], 2019);
}

#[test]
fn extract_finds_the_targets_of_a_notice() {
    let Some(seed) = seeds::seed_path("000_c6ffd16a5694e4a3.txt") else { return };
    let o = minsheng(&["extract", &seed.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(found.len() >= 30, "{}", found.len());
    assert!(found.iter().any(|f| f["target"]["amount"]["value"] == "51500"));
    let missing = minsheng(&["extract", "no/such.txt"]);
    assert_eq!(missing.status.code(), Some(2));
}
