//! The endpoints' behaviour: validation through the crate, versions kept,
//! reports checked, located errors for broken bodies, the body limit.
//! Runs against SQLite, and PostgreSQL when `MINSHENG_TEST_POSTGRES` is set.

mod support;

use std::path::PathBuf;
use std::process::Command;

use axum::http::StatusCode;
use serde_json::Value;
use support::{TestApp, backends, example};

/// The `minsheng` command of the root package, built when missing.
fn minsheng_cli() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let bin = target.join("debug").join("minsheng");
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let ok = Command::new(cargo)
            .args(["build", "--quiet", "--features", "cli", "--bin", "minsheng", "-p", "minsheng"])
            .current_dir(&root)
            .status()
            .expect("cargo runs");
        assert!(ok.success());
    }
    bin
}

/// A programme with errors: Qinghai with a unit reference that does not exist and a negative target.
fn broken_qinghai() -> String {
    let mut p: Value = serde_json::from_str(&example("qinghai-2021.json")).unwrap();
    p["sections"][0]["tasks"][0]["responsibilities"][0]["unit"] = "nobody".into();
    p["sections"][0]["tasks"][0]["targets"][0]["amount"]["value"] = "-5".into();
    serde_json::to_string_pretty(&p).unwrap()
}

#[tokio::test]
async fn refused_programmes_carry_the_findings_of_minsheng_validate() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("broken.json", broken_qinghai()), ("chuxiong.json", example("chuxiong-2021.json"))] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let out = Command::new(minsheng_cli()).args(["validate", "--format", "json"]).arg(&path).output().unwrap();
        let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
        let cli_findings = &cli["files"][0]["findings"];
        assert!(!cli_findings.as_array().unwrap().is_empty(), "{name} has findings");
        for backend in backends() {
            let app = TestApp::new(backend).await;
            let id = minsheng::from_str(&text).unwrap().id.to_string();
            let (s, b) = app.call("PUT", &format!("/programmes/{id}"), Some(&app.supervisor), Some(text.clone())).await;
            if name == "broken.json" {
                assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
                assert_eq!(&b["findings"], cli_findings, "{backend}: the same findings, in the same form");
                let (s, _) = app.call("GET", &format!("/programmes/{id}"), Some(&app.supervisor), None).await;
                assert_eq!(s, StatusCode::NOT_FOUND, "nothing stored");
            } else {
                // Chuxiong has warnings only (the notice's own defects): stored with them.
                assert_eq!(s, StatusCode::CREATED, "{b}");
                assert_eq!(&b["warnings"], cli_findings);
                let (_, versions) =
                    app.call("GET", &format!("/programmes/{id}/versions"), Some(&app.supervisor), None).await;
                assert_eq!(&versions[0]["warnings"], cli_findings);
            }
        }
    }
}

#[tokio::test]
async fn every_version_is_kept_and_served_as_sent() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let v1 = example("duji-2021.json");
        app.publish(&v1).await;
        let mut p: Value = serde_json::from_str(&v1).unwrap();
        p["title"] = "关于2021年实施33项民生工程的通知（修订）".into();
        // Compact, so the stored text differs in form as well as content.
        let v2 = serde_json::to_string(&p).unwrap();
        app.publish(&v2).await;
        let sup = Some(app.supervisor.as_str());
        let (_, list) = app.call("GET", "/programmes/duji-2021/versions", sup, None).await;
        let numbers: Vec<i64> = list.as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect();
        assert_eq!(numbers, [1, 2]);
        assert_eq!(list[1]["title"], "关于2021年实施33项民生工程的通知（修订）");
        assert_eq!(list[0]["created_by"], "supervisor");
        let (_, one) = app.raw("GET", "/programmes/duji-2021/versions/1", sup, None).await;
        assert_eq!(String::from_utf8(one).unwrap(), v1, "byte for byte as sent");
        let (_, latest) = app.raw("GET", "/programmes/duji-2021", sup, None).await;
        assert_eq!(String::from_utf8(latest).unwrap(), v2);
        let (s, _) = app.call("GET", "/programmes/duji-2021/versions/3", sup, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (_, all) = app.call("GET", "/programmes", sup, None).await;
        assert_eq!(all[0]["version"], 2);
        // A document sent to another id is refused.
        let (s, b) = app.call("PUT", "/programmes/other-id", sup, Some(v1.clone())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert!(b["error"].as_str().unwrap().contains("duji-2021"));
    }
}

#[tokio::test]
async fn reports_are_checked_by_the_crate_and_append_only() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        app.publish(&example("qinghai-2021.json")).await;
        let sup = Some(app.supervisor.as_str());
        let post = |body: String| app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(body));
        let report = |as_of: &str, actual: Value| {
            serde_json::json!({"format_version": "1", "programme": "qinghai-2021", "as_of": as_of,
                "reporting_unit": "hrss", "actuals": [actual]})
            .to_string()
        };
        let good = serde_json::json!({"target": "t2-1", "phrase": "新增就业4万人", "value": "40000", "unit": "人"});
        // Unknown target, a date before the programme, a figure in the wrong unit.
        for (as_of, actual, code) in [
            ("2021-06-30", serde_json::json!({"target": "t99-9", "phrase": "x", "value": "1"}), "unknown_target"),
            ("2020-12-31", good.clone(), "as_of_outside_programme"),
            (
                "2021-06-30",
                serde_json::json!({"target": "t2-1", "phrase": "x", "value": "4", "unit": "公里"}),
                "unit_dimension_mismatch",
            ),
        ] {
            let (s, b) = post(report(as_of, actual)).await;
            assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
            let codes: Vec<&str> =
                b["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
            assert!(codes.contains(&code), "{code} in {b}");
            let f = &b["findings"][0];
            assert!(
                f["path"].as_str().unwrap().starts_with('/') && f["severity"] == "error" && f["message"].is_string()
            );
        }
        let (s, b) = post(report("2021-07-31", good.clone())).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        assert_eq!(b["seq"], 1);
        assert_eq!(b["submitted_by"], "supervisor");
        // Older than the unit's last report: stale, refused.
        let (s, b) = post(report("2021-06-30", good.clone())).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert_eq!(b["findings"][0]["code"], "stale_report");
        let (s, b) = post(report("2021-08-31", good)).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let (_, list) = app.call("GET", "/programmes/qinghai-2021/reports", sup, None).await;
        let seqs: Vec<i64> = list.as_array().unwrap().iter().map(|r| r["seq"].as_i64().unwrap()).collect();
        assert_eq!(seqs, [1, 2]);
        assert_eq!(list[1]["as_of"], "2021-08-31");
        assert!(list[0]["submitted_at"].as_str().unwrap().ends_with('Z'));
        // A report on a programme that does not exist.
        let (s, _) =
            app.call("POST", "/programmes/nowhere/reports", sup, Some(report("2021-07-31", Value::Null))).await;
        assert!(s == StatusCode::NOT_FOUND || s == StatusCode::BAD_REQUEST, "{s}");
    }
}

#[tokio::test]
async fn broken_json_gets_400_with_line_and_column() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        app.publish(&example("qinghai-2021.json")).await;
        let sup = Some(app.supervisor.as_str());
        let body = "{\n  \"format_version\": \"1\",\n  \"programme\": \"qinghai-2021\"\n  \"as_of\": \"2021-06-30\"\n}";
        let (s, b) = app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(body.into())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert_eq!((b["line"].as_u64(), b["column"].as_u64()), (Some(4), Some(3)), "{b}");
        assert!(b["error"].as_str().unwrap().contains("line 4, column 3"), "{b}");
        // Valid JSON of the wrong shape: the pointer says where.
        let wrong = "{\"format_version\":\"1\",\"programme\":\"qinghai-2021\",\"as_of\":\"2021-06-30\",\"reporting_unit\":\"hrss\",\"actuals\":[{\"target\":\"t2-1\",\"phrase\":\"x\",\"value\":40000}]}";
        let (s, b) = app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(wrong.into())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert_eq!(b["pointer"], "/actuals/0/value", "{b}");
        let (s, b) = app.call("PUT", "/programmes/qinghai-2021", sup, Some("{\"id\": ".into())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert_eq!(b["line"], 1, "{b}");
        let (s, b) = app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(String::new())).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        let (s, b) = app.call("GET", "/programmes/qinghai-2021/evaluation?as_of=2021-6-30", sup, None).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
        assert!(b["error"].as_str().unwrap().contains("YYYY-MM-DD"), "{b}");
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    for backend in backends() {
        let app = TestApp::with_limit(backend, 4096).await;
        let sup = Some(app.supervisor.as_str());
        let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(10_000));
        for (method, path) in [("PUT", "/programmes/p"), ("POST", "/programmes/p/reports"), ("POST", "/import")] {
            let (s, b) = app.call(method, path, sup, Some(big.clone())).await;
            assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{method} {path}: {b}");
            assert!(b["error"].as_str().unwrap().contains("4096"), "{b}");
        }
        // The service goes on answering.
        let (s, _) = app.call("GET", "/programmes", sup, None).await;
        assert_eq!(s, StatusCode::OK);
    }
}

#[tokio::test]
async fn views_are_the_crates_answers() {
    for backend in backends() {
        let app = TestApp::new(backend).await;
        let text = example("qinghai-2021.json");
        app.publish(&text).await;
        let report_text = example(support::QINGHAI_REPORT);
        let sup = Some(app.supervisor.as_str());
        let (s, _) = app.call("POST", "/programmes/qinghai-2021/reports", sup, Some(report_text.clone())).await;
        assert_eq!(s, StatusCode::CREATED);
        let p = minsheng::from_str(&text).unwrap();
        let r = minsheng::progress::from_str(&report_text).unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        let (_, e) = app.call("GET", "/programmes/qinghai-2021/evaluation?as_of=2021-06-30", sup, None).await;
        assert_eq!(e, serde_json::to_value(minsheng::evaluate::evaluate(&p, std::slice::from_ref(&r), on)).unwrap());
        let (_, sum) = app.call("GET", "/programmes/qinghai-2021/summary", sup, None).await;
        assert_eq!(sum, serde_json::to_value(minsheng::aggregate::summary(&p)).unwrap());
        let (_, cal) = app.call("GET", "/programmes/qinghai-2021/calendar?as_of=2021-06-30", sup, None).await;
        assert_eq!(cal["months"], serde_json::to_value(minsheng::aggregate::calendar(&p)).unwrap());
        let expected = minsheng::evaluate::reporting_calendar(&p, std::slice::from_ref(&r), on);
        assert_eq!(cal["reporting"], serde_json::to_value(expected).unwrap());
        let rows = minsheng::ledger::rows(&p, Some(&minsheng::evaluate::evaluate(&p, std::slice::from_ref(&r), on)));
        let (s, csv) = app.raw("GET", "/programmes/qinghai-2021/ledger.csv", sup, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(String::from_utf8(csv).unwrap(), minsheng::ledger::to_csv(&rows));
        let (_, xlsx) = app.raw("GET", "/programmes/qinghai-2021/ledger.xlsx", sup, None).await;
        assert_eq!(&xlsx[..2], b"PK", "a zip container");
        // The flat export: each table as `minsheng export` writes it, evaluated as of the latest report.
        let mut tables = minsheng::export::Tables::new();
        tables.add(&p, std::slice::from_ref(&r), Some(r.as_of)).unwrap();
        for (name, format, query) in [
            ("targets", minsheng::export::Format::Csv, ""),
            ("evaluation", minsheng::export::Format::Csv, "?format=csv"),
            ("responsibilities", minsheng::export::Format::Ndjson, "?format=ndjson"),
        ] {
            let mut expected = Vec::new();
            tables.table(name).unwrap().write(format, &mut expected).unwrap();
            let (s, got) = app.raw("GET", &format!("/programmes/qinghai-2021/export/{name}{query}"), sup, None).await;
            assert_eq!(s, StatusCode::OK, "{name}");
            assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(expected).unwrap(), "{name}");
        }
        let (s, b) = app.call("GET", "/programmes/qinghai-2021/export/nosuch", sup, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert!(b["error"].as_str().unwrap().contains("targets"), "names the tables: {b}");
        let (s, _) = app.call("GET", "/programmes/qinghai-2021/export/targets?format=xml", sup, None).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        // The notice importer: a draft, not stored.
        let notice = "关于2021年民生实事的通知\n一、就业\n1. 开展职业技能培训10万人次。（省人力资源社会保障厅牵头）\n";
        let (s, b) = app.call("POST", "/import?year=2021", sup, Some(notice.into())).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        let import = minsheng::import::notice_with(notice, &minsheng::import::Options::default().year(2021));
        assert_eq!(b["programme"], serde_json::to_value(&import.programme).unwrap());
        assert_eq!(b["diagnostics"], serde_json::to_value(&import.diagnostics).unwrap());
        let (_, list) = app.call("GET", "/programmes", sup, None).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "the import stored nothing");
    }
}
