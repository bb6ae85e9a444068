//! Every role on every endpoint, and a department reaching for another
//! department's tasks. Runs against SQLite, and PostgreSQL when
//! `MINSHENG_TEST_POSTGRES` is set.

mod support;

use axum::http::StatusCode;
use minsheng_server::auth::Role;
use serde_json::Value;
use support::{TestApp, backends, example, token};

const Q: &str = "qinghai-2021";

/// hrss (省人力资源社会保障厅) leads t1 and t2 and cooperates on t3.
fn hrss_report(as_of: &str) -> String {
    serde_json::json!({
        "format_version": "1", "programme": Q, "as_of": as_of, "reporting_unit": "hrss",
        "actuals": [{"target": "t2-1", "phrase": "城镇新增就业4万人", "value": "40000", "unit": "人"}],
        "tasks": [{"task": "t3", "status": "推进中"}]
    })
    .to_string()
}

struct Callers {
    none: Option<String>,
    unknown: Option<String>,
    supervisor: Option<String>,
    reader: Option<String>,
    department: Option<String>,
    /// A supervisor and a reader whose tokens reach only another programme.
    supervisor_elsewhere: Option<String>,
    reader_elsewhere: Option<String>,
}

async fn setup(backend: &str) -> (TestApp, Callers) {
    let app = TestApp::new(backend).await;
    app.publish(&example("qinghai-2021.json")).await;
    app.publish(&example("duji-2021.json")).await;
    let (s, b) = app
        .call("POST", "/programmes/qinghai-2021/reports", Some(&app.supervisor), Some(example(support::QINGHAI_REPORT)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let callers = Callers {
        none: None,
        unknown: Some("msk_0000000000000000000000000000000000000000000000000000000000000000".into()),
        supervisor: Some(app.supervisor.clone()),
        reader: Some(app.reader.clone()),
        department: Some(app.department("hrss").await),
        supervisor_elsewhere: Some(token(&app.db, Role::Supervisor, None, &["duji-2021"]).await),
        reader_elsewhere: Some(token(&app.db, Role::Reader, None, &["duji-2021"]).await),
    };
    (app, callers)
}

/// One row of the table: the request and the status each caller gets.
struct Case {
    method: &'static str,
    path: &'static str,
    body: Option<String>,
    /// none, unknown, supervisor, reader, department, supervisor elsewhere, reader elsewhere
    expect: [u16; 7],
}

fn cases() -> Vec<Case> {
    let qinghai = example("qinghai-2021.json");
    let read = [401, 401, 200, 200, 200, 403, 403];
    let mut cases = vec![
        Case { method: "GET", path: "/health", body: None, expect: [200; 7] },
        Case { method: "GET", path: "/openapi.json", body: None, expect: [200; 7] },
        Case { method: "GET", path: "/programmes", body: None, expect: [401, 401, 200, 200, 200, 200, 200] },
        Case {
            method: "PUT",
            path: "/programmes/qinghai-2021",
            body: Some(qinghai),
            expect: [401, 401, 201, 403, 403, 403, 403],
        },
        Case {
            method: "POST",
            path: "/programmes/qinghai-2021/reports",
            body: Some(hrss_report("2021-07-31")),
            expect: [401, 401, 201, 403, 201, 403, 403],
        },
        Case {
            method: "POST",
            path: "/import?year=2021",
            body: Some(
                "关于2021年民生实事的通知\n一、就业\n1. 开展职业技能培训10万人次。（省人力资源社会保障厅牵头）\n"
                    .into(),
            ),
            expect: [401, 401, 200, 403, 403, 200, 403],
        },
    ];
    for path in [
        "/programmes/qinghai-2021",
        "/programmes/qinghai-2021/versions",
        "/programmes/qinghai-2021/versions/1",
        "/programmes/qinghai-2021/summary",
        "/programmes/qinghai-2021/calendar?as_of=2021-06-30",
        "/programmes/qinghai-2021/evaluation?as_of=2021-06-30",
        "/programmes/qinghai-2021/ledger.xlsx",
        "/programmes/qinghai-2021/ledger.csv",
        "/programmes/qinghai-2021/export/targets",
        "/programmes/qinghai-2021/reports",
    ] {
        cases.push(Case { method: "GET", path, body: None, expect: read });
    }
    cases
}

#[tokio::test]
async fn every_role_on_every_endpoint() {
    for backend in backends() {
        let (app, c) = setup(backend).await;
        let callers = [
            ("no token", &c.none),
            ("unknown token", &c.unknown),
            ("supervisor", &c.supervisor),
            ("reader", &c.reader),
            ("department hrss", &c.department),
            ("supervisor of another programme", &c.supervisor_elsewhere),
            ("reader of another programme", &c.reader_elsewhere),
        ];
        for case in cases() {
            for (i, (who, tok)) in callers.iter().enumerate() {
                let (status, body) = app.call(case.method, case.path, tok.as_deref(), case.body.clone()).await;
                assert_eq!(
                    status.as_u16(),
                    case.expect[i],
                    "{backend}: {who} on {} {}: {body}",
                    case.method,
                    case.path
                );
                // Every refusal says why, in words.
                if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
                    let message = body["error"].as_str().unwrap_or_default();
                    assert!(message.len() > 20, "{who} on {}: {body}", case.path);
                }
            }
        }
    }
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|x| x[key].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn a_department_cannot_reach_another_departments_tasks() {
    for backend in backends() {
        let (app, c) = setup(backend).await;
        let dept = c.department.as_deref();
        let post = |body: String| app.call("POST", "/programmes/qinghai-2021/reports", dept, Some(body));

        // t4-1 belongs to edu (省教育厅): refused, and nothing stored.
        let mut other = serde_json::from_str::<Value>(&hrss_report("2021-07-31")).unwrap();
        other["actuals"][0] =
            serde_json::json!({"target": "t4-1", "phrase": "已开工10所", "value": "10", "unit": "所"});
        let (s, b) = post(other.to_string()).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
        assert!(b["error"].as_str().unwrap().contains("t4-1"), "{b}");
        // A note on another unit's task.
        let mut note = serde_json::from_str::<Value>(&hrss_report("2021-07-31")).unwrap();
        note["tasks"][0]["task"] = "t11".into();
        let (s, b) = post(note.to_string()).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
        assert!(b["error"].as_str().unwrap().contains("t11"), "{b}");
        // Speaking as another unit.
        let mut as_edu = serde_json::from_str::<Value>(&hrss_report("2021-07-31")).unwrap();
        as_edu["reporting_unit"] = "edu".into();
        let (s, b) = post(as_edu.to_string()).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
        let (_, all) = app.call("GET", "/programmes/qinghai-2021/reports", Some(&app.supervisor), None).await;
        assert_eq!(all.as_array().unwrap().len(), 1, "refused reports are not stored: {all}");

        // Its own report goes through.
        let (s, b) = post(hrss_report("2021-07-31")).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");

        // What it reads holds only its tasks: t1, t2 (lead), t3 (cooperating).
        let (_, p) = app.call("GET", "/programmes/qinghai-2021", dept, None).await;
        let tasks: Vec<String> =
            p["sections"].as_array().unwrap().iter().flat_map(|s| ids(&s["tasks"], "id")).collect();
        assert_eq!(tasks, ["t1", "t2", "t3"]);
        let (_, e) = app.call("GET", "/programmes/qinghai-2021/evaluation?as_of=2021-07-31", dept, None).await;
        assert_eq!(ids(&e["targets"], "target"), ["t1-1", "t2-1", "t2-2"]);
        assert_eq!(e["targets"][1]["actual"], "40000", "{}", e["targets"][1]);
        let (_, csv) = app.raw("GET", "/programmes/qinghai-2021/ledger.csv", dept, None).await;
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.contains("职业技能培训") && !csv.contains("幼儿园"), "{csv}");
        // The flat export holds its tasks only, too.
        let (s, tasks) = app.raw("GET", "/programmes/qinghai-2021/export/tasks", dept, None).await;
        assert_eq!(s, StatusCode::OK);
        let tasks = String::from_utf8(tasks).unwrap();
        assert_eq!(tasks.lines().count(), 4, "a header and t1–t3: {tasks}");
        assert!(!tasks.contains("幼儿园"), "{tasks}");
        let (_, reports) = app.call("GET", "/programmes/qinghai-2021/reports", dept, None).await;
        assert_eq!(ids(&reports, "reporting_unit"), ["hrss"], "only its own reports");
        let (_, v1) = app.call("GET", "/programmes/qinghai-2021/versions/1", dept, None).await;
        assert_eq!(v1["sections"].as_array().unwrap().len(), 1, "one section holds t1–t3");
        let (_, sum) = app.call("GET", "/programmes/qinghai-2021/summary", dept, None).await;
        assert_eq!(sum["tasks"], 3, "{sum}");

        // The supervisor sees everything.
        let (_, e) =
            app.call("GET", "/programmes/qinghai-2021/evaluation?as_of=2021-07-31", Some(&app.supervisor), None).await;
        assert!(ids(&e["targets"], "target").contains(&"t4-1".to_owned()));
    }
}

#[tokio::test]
async fn a_department_token_needs_a_unit_and_others_take_none() {
    let app = TestApp::new("sqlite").await;
    let none = minsheng_server::auth::create(
        &app.db,
        &minsheng_server::auth::NewToken { label: "x".into(), role: Role::Department, unit: None, programmes: vec![] },
    )
    .await;
    assert!(none.unwrap_err().to_string().contains("--unit"));
    let reader = minsheng_server::auth::create(
        &app.db,
        &minsheng_server::auth::NewToken {
            label: "x".into(),
            role: Role::Reader,
            unit: Some("hrss".into()),
            programmes: vec![],
        },
    )
    .await;
    assert!(reader.unwrap_err().to_string().contains("reader"));
}
