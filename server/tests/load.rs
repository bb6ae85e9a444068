//! Nothing lost under load and faults: 200 concurrent submissions across 50
//! departments, and the server killed with SIGKILL in the middle of
//! submissions, then restarted. Loopback only; every loop is bounded.
//! Runs against SQLite, and PostgreSQL when `MINSHENG_TEST_POSTGRES` is set.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use minsheng_server::AppState;
use minsheng_server::auth::Role;
use minsheng_server::db::Db;
use serde_json::Value;
use support::{backends, department_report, departments_programme, fresh, token, unit};

const DEPARTMENTS: usize = 50;

fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_reports_from_fifty_departments() {
    for backend in backends() {
        let fresh = fresh(backend).await;
        let db = Db::connect(&fresh.url).await.unwrap();
        let supervisor = token(&db, Role::Supervisor, None, &[]).await;
        let mut departments = Vec::new();
        for i in 1..=DEPARTMENTS {
            departments.push(token(&db, Role::Department, Some(&unit(i)), &["load-2021"]).await);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = minsheng_server::app(AppState::new(db.clone(), minsheng_server::DEFAULT_BODY_LIMIT));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let http = client();
        let put = http
            .put(format!("{base}/programmes/load-2021"))
            .bearer_auth(&supervisor)
            .body(departments_programme(DEPARTMENTS))
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 201, "{}", put.text().await.unwrap());

        // Four reports per department, all at once; the same as_of, so none is stale.
        let mut sent = Vec::new();
        let mut jobs = Vec::new();
        for round in 0..4u32 {
            for i in 1..=DEPARTMENTS {
                let body = department_report(i, "2021-06-30", 100 * round + i as u32);
                sent.push(minsheng::progress::from_str(&body).unwrap());
                let (http, url, tok) =
                    (http.clone(), format!("{base}/programmes/load-2021/reports"), departments[i - 1].clone());
                jobs.push(tokio::spawn(async move {
                    let r = http.post(url).bearer_auth(tok).body(body).send().await.unwrap();
                    (r.status().as_u16(), r.text().await.unwrap())
                }));
            }
        }
        assert_eq!(jobs.len(), 200);
        for job in futures::future::join_all(jobs).await {
            let (status, body) = job.unwrap();
            assert_eq!(status, 201, "{backend}: {body}");
        }
        let list: Value = http
            .get(format!("{base}/programmes/load-2021/reports"))
            .bearer_auth(&supervisor)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let seqs: Vec<i64> = list.as_array().unwrap().iter().map(|r| r["seq"].as_i64().unwrap()).collect();
        assert_eq!(seqs, (1..=200).collect::<Vec<_>>(), "{backend}: exactly 200 reports, numbered without gaps");
        let mut per_unit: BTreeMap<String, usize> = BTreeMap::new();
        for r in list.as_array().unwrap() {
            *per_unit.entry(r["reporting_unit"].as_str().unwrap().to_owned()).or_default() += 1;
        }
        assert!(per_unit.len() == DEPARTMENTS && per_unit.values().all(|n| *n == 4), "{per_unit:?}");

        // The evaluation is the crate's over the same 200 reports, whatever order they arrived in.
        let programme = minsheng::from_str(&departments_programme(DEPARTMENTS)).unwrap();
        let on = chrono::NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
        let expected = serde_json::to_value(minsheng::evaluate::evaluate(&programme, &sent, on)).unwrap();
        let got: Value = http
            .get(format!("{base}/programmes/load-2021/evaluation?as_of=2021-06-30"))
            .bearer_auth(&supervisor)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(got, expected, "{backend}");
        assert_eq!(got["reports_used"], 200);
        // Each department's latest figure is its largest (round 3).
        assert_eq!(got["targets"][0]["actual"], "301");
        server.abort();
    }
}

/// The service binary on a database, listening on a free loopback port.
struct Server {
    child: Child,
    base: String,
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_minsheng-server")
}

fn start(url: &str) -> Server {
    let mut child = Command::new(bin())
        .args(["--listen", "127.0.0.1:0", "--database-url", url])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("the server prints its address");
    let base = line.trim().strip_prefix("listening on ").expect("listening on …").to_owned();
    Server { child, base }
}

fn admin_token(url: &str, role: &str, unit: Option<&str>) -> String {
    let mut cmd = Command::new(bin());
    cmd.args(["--database-url", url, "token", "create", "--role", role]);
    if let Some(u) = unit {
        cmd.args(["--unit", u, "--programme", "load-2021"]);
    }
    let out = cmd.env("RUST_LOG", "warn").output().expect("token create runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("msk_") && token.len() == 68, "{token}");
    token
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_in_the_middle_of_submissions_loses_no_acknowledged_report() {
    for backend in backends() {
        let fresh = fresh(backend).await;
        let url = fresh.url.clone();
        let supervisor = admin_token(&url, "supervisor", None);
        let departments: Vec<String> = (1..=8).map(|i| admin_token(&url, "department", Some(&unit(i)))).collect();
        let mut server = start(&url);
        let http = client();
        let put = http
            .put(format!("{}/programmes/load-2021", server.base))
            .bearer_auth(&supervisor)
            .body(departments_programme(DEPARTMENTS))
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 201);

        // Eight departments submit one report after another until the server dies
        // (at most 200 each); every 201 is recorded with its number.
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, String)>();
        let mut workers = Vec::new();
        for (k, tok) in departments.iter().enumerate() {
            let (http, tok, tx) = (http.clone(), tok.clone(), tx.clone());
            let url = format!("{}/programmes/load-2021/reports", server.base);
            workers.push(tokio::spawn(async move {
                for n in 0..200u32 {
                    let body = department_report(k + 1, "2021-06-30", n);
                    let Ok(r) = http.post(&url).bearer_auth(&tok).body(body.clone()).send().await else { return };
                    if r.status() != 201 {
                        return;
                    }
                    let Ok(v) = r.json::<Value>().await else { return };
                    let _ = tx.send((v["seq"].as_i64().unwrap_or(-1), body));
                }
            }));
        }
        drop(tx);
        let mut acknowledged = Vec::new();
        while acknowledged.len() < 60 {
            match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await {
                Ok(Some(ack)) => acknowledged.push(ack),
                other => panic!("{backend}: submissions stopped early: {other:?}"),
            }
        }
        // SIGKILL: no shutdown, no flush, requests in flight.
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        for w in workers {
            let _ = w.await;
        }
        while let Ok(ack) = rx.try_recv() {
            acknowledged.push(ack);
        }

        let mut server = start(&url);
        let list: Value = http
            .get(format!("{}/programmes/load-2021/reports", server.base))
            .bearer_auth(&supervisor)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let stored: BTreeMap<i64, Value> =
            list.as_array().unwrap().iter().map(|r| (r["seq"].as_i64().unwrap(), r["report"].clone())).collect();
        for (seq, body) in &acknowledged {
            let sent: Value = serde_json::from_str(body).unwrap();
            assert_eq!(stored.get(seq), Some(&sent), "{backend}: acknowledged report {seq} was lost or changed");
        }
        assert!(stored.len() >= acknowledged.len());
        // The restarted server takes new reports after the last number.
        let r = http
            .post(format!("{}/programmes/load-2021/reports", server.base))
            .bearer_auth(&departments[0])
            .body(department_report(1, "2021-06-30", 9999))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["seq"].as_i64().unwrap(), *stored.keys().last().unwrap() + 1);
        server.child.kill().unwrap();
        server.child.wait().unwrap();
    }
}
