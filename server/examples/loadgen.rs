//! Load benchmark of `GET /programmes/{id}/evaluation` on loopback, beside
//! the crate's own evaluation time on the same data.
//!
//! ```sh
//! cargo run --release -p minsheng-server --example loadgen -- qinghai
//! cargo run --release -p minsheng-server --example loadgen -- generated 10000
//! ```
//!
//! Starts the service in process on 127.0.0.1 (SQLite in a temporary
//! folder), publishes the programme, submits a year of monthly reports from
//! every lead unit through the API, then sends a bounded number of requests
//! from a few concurrent clients and prints requests/s, p50 and p99.

use std::time::{Duration, Instant};

use minsheng::progress::{Actual, ProgressReport};
use minsheng::{Measure, Programme};
use minsheng_server::AppState;
use minsheng_server::auth::{self, NewToken, Role};
use minsheng_server::db::{self, Db};
use rust_decimal::Decimal;

const CLIENTS: usize = 4;

fn programme(args: &[String]) -> Programme {
    match args.first().map(String::as_str) {
        Some("generated") => {
            let tasks = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
            minsheng::generate::programme(&minsheng::generate::Options { tasks, seed: 1 })
        }
        _ => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/qinghai-2021.json");
            minsheng::from_path(path, minsheng::DEFAULT_MAX_BYTES).expect("the Qinghai example loads")
        }
    }
}

/// Month ends of the programme's period (at most twelve).
fn month_ends(p: &Programme) -> Vec<chrono::NaiveDate> {
    use chrono::Datelike;
    let period = p.effective_period().expect("a programme year");
    let mut out = Vec::new();
    let mut d = period.start;
    while d <= period.end && out.len() < 12 {
        let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
        let end = chrono::NaiveDate::from_ymd_opt(y, m, 1).expect("a month") - chrono::Days::new(1);
        out.push(end.min(period.end));
        d = end + chrono::Days::new(1);
    }
    out
}

/// A year of monthly reports: each lead unit reports its targets' figures rising to the target.
fn monthly_reports(p: &Programme) -> Vec<ProgressReport> {
    let months = month_ends(p);
    let last = months.last().copied().expect("one month");
    let targets: std::collections::HashMap<String, &minsheng::Target> =
        p.tasks().flat_map(|t| t.targets.iter()).map(|t| (t.id.to_string(), t)).collect();
    let mut by_unit: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for t in minsheng::evaluate::evaluate(p, &[], last).targets {
        if let Some(lead) = t.leads.first() {
            by_unit.entry(lead.to_string()).or_default().push(t.target.to_string());
        }
    }
    let mut reports = Vec::new();
    for (i, on) in months.iter().enumerate() {
        let share = Decimal::from(i as u64 + 1) / Decimal::from(months.len() as u64);
        for (unit, ids) in &by_unit {
            let mut r = ProgressReport::new(p.id.clone(), *on, unit.parse().expect("unit id"));
            for id in ids {
                let t = targets[id];
                let figureless = matches!(t.measure, Measure::Categorical { .. } | Measure::Deferred { .. });
                let actual = match &t.amount {
                    Some(a) if !figureless => {
                        Actual::value(t.id.clone(), format!("累计{}", t.subject), (a.low() * share).round_dp(2))
                    }
                    _ => Actual::achieved(t.id.clone(), format!("{}推进中", t.subject), i + 1 == months.len()),
                };
                r = r.with_actual(actual);
            }
            reports.push(r);
        }
    }
    reports
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let p = programme(&args);
    let reports = monthly_reports(&p);
    let on = *month_ends(&p).last().expect("one month");
    let tasks = p.tasks().count();
    let requests: usize = if tasks > 1000 { 200 } else { 2000 };

    // The crate alone: median of repeated evaluations on the same inputs.
    let mut crate_times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(minsheng::evaluate::evaluate(&p, &reports, on));
            t.elapsed()
        })
        .collect();
    crate_times.sort();
    let crate_p50 = crate_times[crate_times.len() / 2];
    let t = Instant::now();
    let body_len = serde_json::to_string(&minsheng::evaluate::evaluate(&p, &reports, on)).expect("json").len();
    let with_json = t.elapsed();

    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::connect(&db::sqlite_url(&dir.path().join("bench.sqlite"))).await.expect("database");
    let token =
        auth::create(&db, &NewToken { label: "bench".into(), role: Role::Supervisor, unit: None, programmes: vec![] })
            .await
            .expect("token");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("loopback");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let app = minsheng_server::app(AppState::new(db, 64 * 1024 * 1024));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let http = reqwest::Client::new();
    let id = p.id.to_string();
    let put = http
        .put(format!("{base}/programmes/{id}"))
        .bearer_auth(&token)
        .body(minsheng::to_string_pretty(&p).expect("json"))
        .send()
        .await
        .expect("put");
    assert_eq!(put.status(), 201, "{}", put.text().await.unwrap_or_default());
    for r in &reports {
        let resp = http
            .post(format!("{base}/programmes/{id}/reports"))
            .bearer_auth(&token)
            .body(serde_json::to_string(r).expect("json"))
            .send()
            .await
            .expect("post");
        assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap_or_default());
    }

    let url = format!("{base}/programmes/{id}/evaluation?as_of={on}");
    // One warm-up request fills the service's cache.
    let warm = http.get(&url).bearer_auth(&token).send().await.expect("get").bytes().await.expect("body");
    assert_eq!(warm.len(), body_len, "the service answers the crate's evaluation");
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..CLIENTS {
        let (http, url, token) = (http.clone(), url.clone(), token.clone());
        workers.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(requests / CLIENTS);
            for _ in 0..requests / CLIENTS {
                let t = Instant::now();
                let r = http.get(&url).bearer_auth(&token).send().await.expect("get");
                assert_eq!(r.status(), 200);
                r.bytes().await.expect("body");
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::new();
    for w in workers {
        times.extend(w.await.expect("worker"));
    }
    let elapsed = started.elapsed();
    times.sort();
    let p50 = percentile(&times, 50);
    let p99 = percentile(&times, 99);
    println!("programme: {id} ({tasks} tasks), {} reports, as of {on}, answer {body_len} bytes", reports.len());
    println!("crate evaluate: p50 {:.2} ms (evaluate + serde_json: {:.2} ms)", ms(crate_p50), ms(with_json));
    println!(
        "GET /evaluation: {} requests, {CLIENTS} clients: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms",
        times.len(),
        times.len() as f64 / elapsed.as_secs_f64(),
        ms(p50),
        ms(p99)
    );
    println!("service p50 / crate evaluate p50: {:.2}", p50.as_secs_f64() / crate_p50.as_secs_f64());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
