//! Shared by the service's integration tests: a fresh database of each
//! backend (SQLite always; PostgreSQL when `MINSHENG_TEST_POSTGRES` names a
//! server), the router in process, tokens per role, and test programmes.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use minsheng_server::AppState;
use minsheng_server::auth::{self, NewToken, Role};
use minsheng_server::db::{self, Db};
use serde_json::Value;
use tower::ServiceExt;

/// The backends to run against: SQLite, and PostgreSQL when configured.
pub fn backends() -> Vec<&'static str> {
    let mut b = vec!["sqlite"];
    match std::env::var("MINSHENG_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => b.push("postgres"),
        _ => {
            if std::env::var("MINSHENG_REQUIRE_POSTGRES").is_ok() {
                panic!("MINSHENG_REQUIRE_POSTGRES is set but MINSHENG_TEST_POSTGRES is not");
            }
            eprintln!("PostgreSQL: MINSHENG_TEST_POSTGRES is not set; these tests run against SQLite only");
        }
    }
    b
}

/// A fresh, empty database; dropped (SQLite: the folder removed) with the guard.
pub struct Fresh {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// A new database of the backend.
pub async fn fresh(backend: &str) -> Fresh {
    match backend {
        "sqlite" => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = db::sqlite_url(&dir.path().join("test.sqlite"));
            Fresh { url, _dir: Some(dir) }
        }
        _ => {
            use sqlx::Connection;
            let admin = std::env::var("MINSHENG_TEST_POSTGRES").expect("MINSHENG_TEST_POSTGRES");
            let mut conn = sqlx::PgConnection::connect(&admin).await.expect("connect to the test PostgreSQL");
            let name = format!("minsheng_test_{}", auth::new_token().expect("random")[4..20].to_owned());
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
            let _ = conn.close().await;
            // Replace the database name at the end of the URL.
            let base = match admin.rfind('/') {
                Some(i) if i > "postgres://".len() => admin[..i].to_owned(),
                _ => admin.clone(),
            };
            Fresh { url: format!("{base}/{name}"), _dir: None }
        }
    }
}

/// The service in process, with one token per role.
pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub db: Db,
    pub supervisor: String,
    pub reader: String,
    pub _fresh: Fresh,
}

impl TestApp {
    pub async fn new(backend: &str) -> TestApp {
        TestApp::with_limit(backend, minsheng_server::DEFAULT_BODY_LIMIT).await
    }

    pub async fn with_limit(backend: &str, limit: usize) -> TestApp {
        let fresh = fresh(backend).await;
        let db = Db::connect(&fresh.url).await.expect("connect and migrate");
        let state = AppState::new(db.clone(), limit);
        let router = minsheng_server::app(state.clone());
        let supervisor = token(&db, Role::Supervisor, None, &[]).await;
        let reader = token(&db, Role::Reader, None, &[]).await;
        TestApp { router, state, db, supervisor, reader, _fresh: fresh }
    }

    /// A department token for a unit.
    pub async fn department(&self, unit: &str) -> String {
        token(&self.db, Role::Department, Some(unit), &[]).await
    }

    /// Sends a request; returns the status and the body (JSON when it parses, else a string).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, path, token, body).await;
        let value =
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
        (status, value)
    }

    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (StatusCode, Vec<u8>) {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req.body(body.map(Body::from).unwrap_or_else(Body::empty)).expect("request");
        let resp = self.router.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes().to_vec();
        (status, bytes)
    }

    /// Publishes a programme as the supervisor; panics unless it is stored.
    pub async fn publish(&self, text: &str) {
        let id = minsheng::from_str(text).expect("test programme loads").id.to_string();
        let (s, b) = self.call("PUT", &format!("/programmes/{id}"), Some(&self.supervisor), Some(text.into())).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
}

pub async fn token(db: &Db, role: Role, unit: Option<&str>, programmes: &[&str]) -> String {
    let label = format!("{role}{}", unit.map(|u| format!(":{u}")).unwrap_or_default());
    auth::create(
        db,
        &NewToken {
            label,
            role,
            unit: unit.map(str::to_owned),
            programmes: programmes.iter().map(|p| p.to_string()).collect(),
        },
    )
    .await
    .expect("token")
}

pub fn example(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../examples/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("example file")
}

pub const QINGHAI_REPORT: &str = "progress/qinghai-2021-2021-06-30.json";

/// A programme of `n` departments `d01`…: task `tN` led by `dN` (and `d(N+1)` cooperating) with one target `tN-1` of 1000 人.
pub fn departments_programme(n: usize) -> String {
    use minsheng::{
        AdminLevel, Amount, Jurisdiction, Measure, Programme, ResponsibleUnit, Section, Target, Task, Unit, UnitKind,
    };
    let mut p = Programme::new(
        "load-2021".parse().unwrap(),
        "负载测试民生实事",
        2021,
        Jurisdiction::new("测试市", AdminLevel::Prefecture),
    );
    let mut section = Section::new("s1".parse().unwrap(), "测试工程");
    for i in 1..=n {
        p = p.with_unit(ResponsibleUnit::new(unit(i).parse().unwrap(), format!("测试局{i}"), UnitKind::Department));
        let mut task = Task::new(format!("t{i}").parse().unwrap(), format!("完成第{i}项工作1000人。"))
            .numbered(i.to_string().parse().unwrap())
            .led_by(unit(i).parse().unwrap())
            .with_target(
                Target::new(
                    format!("t{i}-1").parse().unwrap(),
                    format!("工作{i}"),
                    "完成1000人",
                    Measure::quantity(Unit::Person),
                )
                .with_amount(Amount::exactly(rust_decimal::Decimal::from(1000))),
            );
        if n > 1 {
            task = task.cooperating(unit(i % n + 1).parse().unwrap());
        }
        section = section.with_task(task);
    }
    minsheng::to_string_pretty(&p.with_section(section)).unwrap()
}

pub fn unit(i: usize) -> String {
    format!("d{i:02}")
}

/// A report by unit `dN` on its own target as of `as_of`.
pub fn department_report(i: usize, as_of: &str, value: u32) -> String {
    serde_json::json!({
        "format_version": "1",
        "programme": "load-2021",
        "as_of": as_of,
        "reporting_unit": unit(i),
        "actuals": [{"target": format!("t{i}-1"), "phrase": format!("已完成{value}人"), "value": value.to_string(), "unit": "人"}],
        "tasks": [{"task": format!("t{i}"), "status": format!("进展{value}")}]
    })
    .to_string()
}
