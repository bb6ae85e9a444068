//! # minsheng-server
//!
//! The supervision service on the `minsheng` crate's public API: a
//! supervision office (督查室) publishes the year's programme, each lead
//! department submits its progress reports, and the office sees as of any
//! date who is behind and which reports are overdue, and downloads the work
//! ledger. Programmes and reports live in SQLite (a file, the default) or
//! PostgreSQL; every programme version is kept and reports are append-only.
//!
//! [`app`] builds the router over an [`AppState`]: the JSON API ([`api`])
//! and the dashboard's pages ([`dashboard`]); `main.rs` is the binary
//! (`serve`, `token create`).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod scope;
pub mod state;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

pub use state::AppState;

/// The default body limit: 16 MiB, room for a 10 000-task programme.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Now, in UTC, as RFC 3339 with milliseconds: how the store records times.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The service's routes.
pub fn app(state: AppState) -> Router {
    let limit = state.body_limit();
    Router::new()
        .route("/", get(dashboard::programmes))
        .route("/login", get(dashboard::login))
        .route("/logout", get(dashboard::logout))
        .route("/p/{id}", get(dashboard::programme))
        .route("/p/{id}/departments", get(dashboard::departments))
        .route("/p/{id}/calendar", get(dashboard::calendar))
        .route("/p/{id}/task/{task}", get(dashboard::task))
        .route("/health", get(api::health))
        .route("/openapi.json", get(api::openapi))
        .route("/programmes", get(api::list_programmes))
        .route("/programmes/{id}", put(api::put_programme).get(api::get_programme))
        .route("/programmes/{id}/versions", get(api::list_versions))
        .route("/programmes/{id}/versions/{version}", get(api::get_version))
        .route("/programmes/{id}/summary", get(api::summary))
        .route("/programmes/{id}/calendar", get(api::calendar))
        .route("/programmes/{id}/evaluation", get(api::get_evaluation))
        .route("/programmes/{id}/ledger.xlsx", get(api::ledger_xlsx))
        .route("/programmes/{id}/ledger.csv", get(api::ledger_csv))
        .route("/programmes/{id}/export/{table}", get(api::export_table))
        .route("/programmes/{id}/reports", post(api::post_report).get(api::list_reports))
        .route("/import", post(api::import))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}
