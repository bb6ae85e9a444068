//! The JSON endpoints. Each handler loads through the [`AppState`] cache,
//! narrows what it shows to the caller's scope ([`crate::scope`]) and hands
//! the work to the crate: `from_str` and `validate` for programmes,
//! `progress` for reports, `evaluate`, `aggregate`, `ledger`, `import`.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use minsheng::Programme;
use minsheng::evaluate::{self, Evaluation, ReportingCalendar};
use minsheng::progress::ProgressReport;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Caller, Role};
use crate::db::{ProgrammeRow, ReportRow};
use crate::error::{ApiError, ErrorBody};
use crate::scope;
use crate::state::{AppState, Loaded};

/// A programme document in the minsheng format (`urn:minsheng:schema:programme:1`,
/// `schema/programme.schema.json` of the crate).
#[derive(ToSchema)]
pub struct ProgrammeDocument(pub Value);

/// A progress report in the minsheng format (`urn:minsheng:schema:progress-report:1`,
/// `schema/progress-report.schema.json` of the crate).
#[derive(ToSchema)]
pub struct ProgressReportDocument(pub Value);

/// One finding: `code`, `severity` (`error` / `warning`), `path` (a JSON
/// Pointer) and `message`, as `minsheng validate --format json` prints it.
#[derive(ToSchema)]
pub struct FindingDocument(pub Value);

/// A programme in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgrammeListItem {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its year.
    pub year: i64,
    /// Its latest version.
    pub version: i64,
    /// When that version was accepted.
    pub created_at: String,
}

/// A version accepted.
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    /// The programme id.
    pub id: String,
    /// The new version's number.
    pub version: i64,
    /// The warnings stored with it.
    #[schema(value_type = Vec<FindingDocument>)]
    pub warnings: Value,
}

/// A version of a programme, without its document.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionInfo {
    /// Its number, counting from 1.
    pub version: i64,
    /// The title it carried.
    pub title: String,
    /// When it was accepted.
    pub created_at: String,
    /// The label of the token that sent it.
    pub created_by: String,
    /// The warnings it was accepted with.
    #[schema(value_type = Vec<FindingDocument>)]
    pub warnings: Value,
}

/// A report accepted.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportAccepted {
    /// The programme.
    pub programme: String,
    /// The report's number within the programme.
    pub seq: i64,
    /// When it was received.
    pub submitted_at: String,
    /// The label of the token that sent it.
    pub submitted_by: String,
    /// The warnings stored with it.
    #[schema(value_type = Vec<FindingDocument>)]
    pub warnings: Value,
}

/// A stored report with who sent it and when.
#[derive(Debug, Serialize, ToSchema)]
pub struct StoredReportView {
    /// Its number within the programme.
    pub seq: i64,
    /// The programme version it was checked against.
    pub programme_version: i64,
    /// Who reports.
    pub reporting_unit: String,
    /// The date its figures stand at.
    pub as_of: String,
    /// When it was received.
    pub submitted_at: String,
    /// The label of the token that sent it.
    pub submitted_by: String,
    /// Its warnings.
    #[schema(value_type = Vec<FindingDocument>)]
    pub warnings: Value,
    /// The report as sent.
    #[schema(value_type = ProgressReportDocument)]
    pub report: Value,
}

/// The calendar: deadlines and report dates by month, and the reports due and overdue as of a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarView {
    /// Deadlines and reporting dates by month (`minsheng::aggregate::calendar`).
    #[schema(value_type = Vec<Object>)]
    pub months: Value,
    /// Reports due, overdue and received as of the date (`minsheng::evaluate::reporting_calendar`).
    #[schema(value_type = Object)]
    pub reporting: Value,
}

/// A notice imported: a draft, not stored until it is sent with `PUT /programmes/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    /// The draft programme.
    #[schema(value_type = ProgrammeDocument)]
    pub programme: Value,
    /// What the import could not place (span, line, kind, reason, task).
    #[schema(value_type = Vec<Object>)]
    pub diagnostics: Value,
    /// The draft's validation findings.
    #[schema(value_type = Vec<FindingDocument>)]
    pub findings: Value,
}

/// `?as_of=YYYY-MM-DD`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOf {
    /// The date to stand at (YYYY-MM-DD); default today (ledger: the latest report's date).
    pub as_of: Option<String>,
}

/// `?year=2021`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The programme year, when the text does not say it plainly.
    pub year: Option<i32>,
}

/// The body, or 413 over the limit.
fn body(limit: usize, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(limit)
        } else {
            ApiError::BadRequest { message: format!("the body could not be read: {}", e.body_text()), at: None }
        }
    })
}

/// The body as UTF-8 text.
fn text(bytes: &Bytes, what: &str) -> Result<String, ApiError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ApiError::BadRequest { message: format!("the {what} is not UTF-8: invalid byte at offset {at}"), at: None }
    })
}

/// The date asked for, or `default`.
pub fn as_of(q: &AsOf, default: NaiveDate) -> Result<NaiveDate, ApiError> {
    match q.as_of.as_deref() {
        None | Some("") => Ok(default),
        Some(s) => {
            minsheng::parse_date(s).map_err(|m| ApiError::BadRequest { message: format!("as_of: {m}"), at: None })
        }
    }
}

/// Today, where the service runs.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// 403 unless the caller reaches the programme; a department also needs its unit in the programme.
pub fn reach(caller: &Caller, id: &str) -> Result<(), ApiError> {
    if caller.reaches(id) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!("token {} does not give access to programme {id}", caller.label)))
    }
}

fn supervisor(caller: &Caller, action: &str) -> Result<(), ApiError> {
    if caller.role == Role::Supervisor {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!("only a supervisor may {action}; token {} is a {}", caller.label, caller.role)))
    }
}

/// The programme as the caller may see it, and the reports that bear on it.
pub struct View {
    /// The programme (a department's tasks only, for a department).
    pub programme: Arc<Programme>,
    /// The reports (for a department: those about its tasks).
    pub reports: Vec<ProgressReport>,
    /// The loaded state it came from.
    pub loaded: Arc<Loaded>,
}

/// Loads a programme and narrows it to the caller.
pub async fn view(state: &AppState, caller: &Caller, id: &str) -> Result<View, ApiError> {
    reach(caller, id)?;
    let loaded = state.load(id).await?;
    match caller.department_unit() {
        None => Ok(View { programme: Arc::clone(&loaded.programme), reports: loaded.reports.clone(), loaded }),
        Some(unit) => {
            let programme = scope::department_view(&loaded.programme, unit);
            let owned = scope::owned(&loaded.programme, unit);
            let reports = loaded
                .reports
                .iter()
                .filter(|r| {
                    r.actuals.iter().any(|a| owned.targets.contains(a.target.as_str()))
                        || r.tasks.iter().any(|n| owned.tasks.contains(n.task.as_str()))
                })
                .cloned()
                .collect();
            Ok(View { programme: Arc::new(programme), reports, loaded })
        }
    }
}

/// The evaluation as of a date, for the caller.
pub fn evaluation(v: &View, on: NaiveDate) -> Evaluation {
    evaluate::evaluate(&v.programme, &v.reports, on)
}

/// The reporting calendar as of a date, for the caller: a department sees the duties that name it or no one.
pub fn reporting(v: &View, caller: &Caller, on: NaiveDate) -> ReportingCalendar {
    let mut cal = evaluate::reporting_calendar(&v.loaded.programme, &v.loaded.reports, on);
    if let Some(unit) = caller.department_unit() {
        let mine = |o: &evaluate::Obligation| o.reporter.as_ref().is_none_or(|r| r.as_str() == unit);
        cal.due.retain(mine);
        cal.overdue.retain(mine);
        cal.received.retain(mine);
    }
    cal
}

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn to_json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    serde_json::to_string(value)
        .map(json_text)
        .map_err(|e| ApiError::Internal(format!("cannot serialise the answer: {e}")))
}

fn findings_json<T: Serialize>(findings: &[T]) -> Value {
    serde_json::to_value(findings).unwrap_or(Value::Array(Vec::new()))
}

fn now() -> String {
    crate::now()
}

/// The programmes the token reaches.
#[utoipa::path(get, path = "/programmes", tag = "programmes",
    responses((status = 200, body = Vec<ProgrammeListItem>), (status = 401, body = ErrorBody)),
    security(("token" = [])))]
pub async fn list_programmes(State(state): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    let rows = state.db().latest_programmes().await?;
    let list: Vec<ProgrammeListItem> = rows
        .into_iter()
        .filter(|r| caller.reaches(&r.programme_id))
        .map(|r| ProgrammeListItem {
            id: r.programme_id,
            title: r.title,
            year: r.year,
            version: r.version,
            created_at: r.created_at,
        })
        .collect();
    to_json(&list)
}

/// Publishes a new version of a programme (supervisor). Errors refuse it with 422 and every finding; warnings are stored with it. Nothing is overwritten: every version is kept.
#[utoipa::path(put, path = "/programmes/{id}", tag = "programmes",
    params(("id" = String, Path, description = "The programme id; must equal the document's id")),
    request_body(content = ProgrammeDocument, content_type = "application/json"),
    responses(
        (status = 201, body = Accepted, description = "Stored as a new version"),
        (status = 400, body = ErrorBody, description = "Not readable JSON, or not a programme: line, column, pointer"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "Validation errors: findings as `minsheng validate --format json` gives them")),
    security(("token" = [])))]
pub async fn put_programme(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    reach(&caller, &id)?;
    supervisor(&caller, "publish a programme")?;
    let bytes = body(state.body_limit(), raw)?;
    let document = text(&bytes, "programme")?;
    let programme = minsheng::from_str(&document).map_err(|e| ApiError::from_json("programme", &e))?;
    if programme.id.as_str() != id {
        return Err(ApiError::BadRequest {
            message: format!("the document is programme {}, but was sent to /programmes/{id}", programme.id),
            at: None,
        });
    }
    let report = minsheng::validate(&programme);
    if !report.is_valid() {
        let errors = report.errors().count();
        return Err(ApiError::Unprocessable {
            message: format!("programme {id} has {errors} error(s); nothing was stored"),
            findings: findings_json(&report.findings),
        });
    }
    let warnings = findings_json(&report.findings);
    let row = ProgrammeRow {
        programme_id: id.clone(),
        version: 0,
        title: programme.title.clone(),
        year: i64::from(programme.year),
        document,
        warnings: warnings.to_string(),
        created_at: now(),
        created_by: caller.label.clone(),
    };
    let version = {
        let _guard = state.write_lock().await;
        state.db().insert_programme(&row).await?
    };
    tracing::info!(programme = %id, version, by = %caller.label, "programme version stored");
    Ok((StatusCode::CREATED, Json(Accepted { id, version, warnings })).into_response())
}

/// The latest version of a programme: the document as sent (a department gets its own tasks only).
#[utoipa::path(get, path = "/programmes/{id}", tag = "programmes",
    params(("id" = String, Path, description = "The programme id")),
    responses((status = 200, body = ProgrammeDocument), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn get_programme(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let v = view(&state, &caller, &id).await?;
    match caller.department_unit() {
        None => Ok(json_text(v.loaded.row.document.clone())),
        Some(_) => to_json(&*v.programme),
    }
}

/// Every version of a programme, oldest first, without the documents.
#[utoipa::path(get, path = "/programmes/{id}/versions", tag = "programmes",
    params(("id" = String, Path, description = "The programme id")),
    responses((status = 200, body = Vec<VersionInfo>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn list_versions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    reach(&caller, &id)?;
    let rows = state.db().versions(&id).await?;
    if rows.is_empty() {
        return Err(ApiError::NotFound(format!("there is no programme {id}")));
    }
    let list: Vec<VersionInfo> = rows
        .into_iter()
        .map(|r| VersionInfo {
            version: r.version,
            title: r.title,
            created_at: r.created_at,
            created_by: r.created_by,
            warnings: serde_json::from_str(&r.warnings).unwrap_or(Value::Array(Vec::new())),
        })
        .collect();
    to_json(&list)
}

/// One version of a programme, as sent (a department gets its own tasks only).
#[utoipa::path(get, path = "/programmes/{id}/versions/{version}", tag = "programmes",
    params(("id" = String, Path, description = "The programme id"), ("version" = i64, Path, description = "The version")),
    responses((status = 200, body = ProgrammeDocument), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn get_version(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, version)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    reach(&caller, &id)?;
    let row = state
        .db()
        .programme(&id, Some(version))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("programme {id} has no version {version}")))?;
    match caller.department_unit() {
        None => Ok(json_text(row.document)),
        Some(unit) => {
            let p = minsheng::from_str(&row.document).map_err(|e| {
                ApiError::Internal(format!("stored programme {id} version {version} no longer loads: {e}"))
            })?;
            to_json(&scope::department_view(&p, unit))
        }
    }
}

/// The programme at a glance: sections, tasks, targets, totals, workload, calendar, reconciliation (`minsheng summary --format json`).
#[utoipa::path(get, path = "/programmes/{id}/summary", tag = "views",
    params(("id" = String, Path, description = "The programme id")),
    responses((status = 200, body = Object), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let v = view(&state, &caller, &id).await?;
    to_json(&minsheng::aggregate::summary(&v.programme))
}

/// Deadlines and report dates by month, and the reports due and overdue as of a date.
#[utoipa::path(get, path = "/programmes/{id}/calendar", tag = "views",
    params(("id" = String, Path, description = "The programme id"), AsOf),
    responses((status = 200, body = CalendarView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn calendar(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Response, ApiError> {
    let on = as_of(&q, today())?;
    let v = view(&state, &caller, &id).await?;
    let months = serde_json::to_value(minsheng::aggregate::calendar(&v.programme))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let reporting = serde_json::to_value(reporting(&v, &caller, on)).map_err(|e| ApiError::Internal(e.to_string()))?;
    to_json(&CalendarView { months, reporting })
}

/// Where every target stands as of a date, with roll-ups per task, section, lead unit and programme (`minsheng::evaluate::evaluate`).
#[utoipa::path(get, path = "/programmes/{id}/evaluation", tag = "views",
    params(("id" = String, Path, description = "The programme id"), AsOf),
    responses((status = 200, body = Object, description = "The crate's `Evaluation`"), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn get_evaluation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Response, ApiError> {
    let on = as_of(&q, today())?;
    let v = view(&state, &caller, &id).await?;
    to_json(&evaluation(&v, on))
}

fn ledger_rows(v: &View, q: &AsOf) -> Result<Vec<minsheng::ledger::LedgerRow>, ApiError> {
    // Without as_of, progress stands at the latest report's date, as in `minsheng ledger`.
    let latest = v.reports.iter().map(|r| r.as_of).max();
    let on = match q.as_of.as_deref() {
        None | Some("") => latest,
        Some(_) => Some(as_of(q, today())?),
    };
    let e = on.map(|on| evaluate::evaluate(&v.programme, &v.reports, on));
    Ok(minsheng::ledger::rows(&v.programme, e.as_ref()))
}

fn attachment(name: &str) -> String {
    format!("attachment; filename=\"{name}\"")
}

/// The work ledger (工作台账) as an Excel workbook.
#[utoipa::path(get, path = "/programmes/{id}/ledger.xlsx", tag = "views",
    params(("id" = String, Path, description = "The programme id"), AsOf),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn ledger_xlsx(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Response, ApiError> {
    let v = view(&state, &caller, &id).await?;
    let rows = ledger_rows(&v, &q)?;
    // Cells cut to fit Excel are marked in the workbook itself; the CSV keeps them whole.
    let bytes = minsheng::ledger::to_xlsx(&rows)
        .map_err(|e| ApiError::Internal(format!("cannot build the workbook: {e}")))?
        .bytes;
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
            (header::CONTENT_DISPOSITION, attachment(&format!("{id}-ledger.xlsx"))),
        ],
        bytes,
    )
        .into_response())
}

/// The work ledger (工作台账) as CSV (UTF-8 with a byte-order mark).
#[utoipa::path(get, path = "/programmes/{id}/ledger.csv", tag = "views",
    params(("id" = String, Path, description = "The programme id"), AsOf),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn ledger_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<AsOf>,
) -> Result<Response, ApiError> {
    let v = view(&state, &caller, &id).await?;
    let rows = ledger_rows(&v, &q)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, attachment(&format!("{id}-ledger.csv"))),
        ],
        minsheng::ledger::to_csv(&rows),
    )
        .into_response())
}

/// `?format=csv|ndjson&as_of=YYYY-MM-DD`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default; UTF-8, a header row of column names) or `ndjson` (one JSON object per row).
    pub format: Option<String>,
    /// The date the `evaluation` table stands at (YYYY-MM-DD); default the latest report's date, as the ledger.
    pub as_of: Option<String>,
}

/// One table of the flat export for analysts (`minsheng export`): `programmes`, `sections`, `tasks`,
/// `targets`, `breakdown_parts`, `responsibilities`, `units`, `deadlines`, `actuals`, `evaluation`;
/// columns and keys as in the crate's `TABLES.md`. A department gets the rows of its own tasks.
#[utoipa::path(get, path = "/programmes/{id}/export/{table}", tag = "views",
    params(("id" = String, Path, description = "The programme id"),
        ("table" = String, Path, description = "The table's name, e.g. `targets`"), ExportParams),
    responses((status = 200, content_type = "text/csv", body = String),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "No such programme, or no such table")),
    security(("token" = [])))]
pub async fn export_table(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, table)): Path<(String, String)>,
    Query(q): Query<ExportParams>,
) -> Result<Response, ApiError> {
    let (format, content_type) = match q.format.as_deref() {
        None | Some("" | "csv") => (minsheng::export::Format::Csv, "text/csv; charset=utf-8"),
        Some("ndjson") => (minsheng::export::Format::Ndjson, "application/x-ndjson"),
        Some(other) => {
            return Err(ApiError::BadRequest {
                message: format!("format {other:?} is not one of csv, ndjson"),
                at: None,
            });
        }
    };
    let v = view(&state, &caller, &id).await?;
    let as_of = AsOf { as_of: q.as_of };
    let latest = v.reports.iter().map(|r| r.as_of).max();
    let on = match as_of.as_of.as_deref() {
        None | Some("") => latest,
        Some(_) => Some(self::as_of(&as_of, today())?),
    };
    let mut tables = minsheng::export::Tables::new();
    tables.add(&v.programme, &v.reports, on).map_err(|e| ApiError::Internal(e.to_string()))?;
    let Some(t) = tables.table(&table) else {
        let names: Vec<&str> = tables.tables().iter().map(|t| t.name).collect();
        return Err(ApiError::NotFound(format!("no table {table:?}; the tables are {}", names.join(", "))));
    };
    let mut bytes = Vec::new();
    t.write(format, &mut bytes).map_err(|e| ApiError::Internal(format!("cannot write the table: {e}")))?;
    let name = format!("{id}-{}.{}", t.name, format.extension());
    Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, attachment(&name))], bytes)
        .into_response())
}

/// Submits a progress report. It is checked against the latest programme version by the crate (unknown targets, dates outside the programme, figures in the wrong unit, older than the unit's last report → 422). A department reports only as its own unit and only on tasks its unit leads or cooperates on. Reports are append-only.
#[utoipa::path(post, path = "/programmes/{id}/reports", tag = "reports",
    params(("id" = String, Path, description = "The programme id")),
    request_body(content = ProgressReportDocument, content_type = "application/json"),
    responses(
        (status = 201, body = ReportAccepted),
        (status = 400, body = ErrorBody, description = "Not readable JSON, or not a progress report: line, column, pointer"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "The crate's progress-report findings")),
    security(("token" = [])))]
pub async fn post_report(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    reach(&caller, &id)?;
    if caller.role == Role::Reader {
        return Err(ApiError::Forbidden(format!("token {} is a reader and may not submit reports", caller.label)));
    }
    let bytes = body(state.body_limit(), raw)?;
    let document = text(&bytes, "progress report")?;
    let report = minsheng::progress::from_str(&document).map_err(|e| ApiError::from_json("progress report", &e))?;
    let _guard = state.write_lock().await;
    let loaded = state.load(&id).await?;
    if let Some(unit) = caller.department_unit() {
        if report.reporting_unit.as_str() != unit {
            return Err(ApiError::Forbidden(format!(
                "token {} speaks for unit {unit}; it may not submit a report as {}",
                caller.label, report.reporting_unit
            )));
        }
        let outside = scope::outside(&report, &scope::owned(&loaded.programme, unit));
        if !outside.is_empty() {
            return Err(ApiError::Forbidden(format!(
                "unit {unit} neither leads nor cooperates on: {}; nothing was stored",
                outside.join("; ")
            )));
        }
    }
    // The unit's latest earlier report makes `stale_report` visible to the crate.
    let previous = state.db().latest_report_of(&id, report.reporting_unit.as_str()).await?;
    let mut series = Vec::with_capacity(2);
    if let Some(p) = &previous
        && let Ok(r) = minsheng::progress::from_str(&p.document)
    {
        series.push(r);
    }
    series.push(report.clone());
    let checked = minsheng::progress::validate_reports(&loaded.programme, &series);
    let findings = checked.last().map(|v| v.findings.clone()).unwrap_or_default();
    if findings.iter().any(|f| f.severity == minsheng::Severity::Error) {
        return Err(ApiError::Unprocessable {
            message: format!(
                "the report has {} error(s) against programme {id}; nothing was stored",
                findings.iter().filter(|f| f.severity == minsheng::Severity::Error).count()
            ),
            findings: findings_json(&findings),
        });
    }
    let warnings = findings_json(&findings);
    let row = ReportRow {
        seq: 0,
        programme_version: loaded.row.version,
        reporting_unit: report.reporting_unit.to_string(),
        as_of: report.as_of.to_string(),
        document,
        warnings: warnings.to_string(),
        submitted_at: now(),
        submitted_by: caller.label.clone(),
    };
    let seq = state.db().insert_report(&id, &row).await?;
    tracing::info!(programme = %id, seq, unit = %row.reporting_unit, by = %caller.label, "report stored");
    Ok((
        StatusCode::CREATED,
        Json(ReportAccepted {
            programme: id,
            seq,
            submitted_at: row.submitted_at,
            submitted_by: row.submitted_by,
            warnings,
        }),
    )
        .into_response())
}

/// The reports received, in order (a department sees the reports it gave as its unit).
#[utoipa::path(get, path = "/programmes/{id}/reports", tag = "reports",
    params(("id" = String, Path, description = "The programme id")),
    responses((status = 200, body = Vec<StoredReportView>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
pub async fn list_reports(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    reach(&caller, &id)?;
    let loaded = state.load(&id).await?;
    let unit = caller.department_unit();
    let list: Vec<StoredReportView> = loaded
        .report_rows
        .iter()
        .filter(|r| unit.is_none_or(|u| r.reporting_unit == u))
        .map(|r| StoredReportView {
            seq: r.seq,
            programme_version: r.programme_version,
            reporting_unit: r.reporting_unit.clone(),
            as_of: r.as_of.clone(),
            submitted_at: r.submitted_at.clone(),
            submitted_by: r.submitted_by.clone(),
            warnings: serde_json::from_str(&r.warnings).unwrap_or(Value::Array(Vec::new())),
            report: serde_json::from_str(&r.document).unwrap_or(Value::Null),
        })
        .collect();
    to_json(&list)
}

/// Imports a notice's plain text (UTF-8) as a draft programme with the diagnostics of what could not be placed (supervisor). Nothing is stored: send the draft with `PUT /programmes/{id}`.
#[utoipa::path(post, path = "/import", tag = "programmes",
    params(ImportParams),
    request_body(content = String, content_type = "text/plain"),
    responses((status = 200, body = ImportResult), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)),
    security(("token" = [])))]
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<ImportParams>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    supervisor(&caller, "import a notice")?;
    let bytes = body(state.body_limit(), raw)?;
    let notice = text(&bytes, "notice")?;
    let mut options = minsheng::import::Options::default();
    if let Some(y) = q.year {
        options = options.year(y);
    }
    // Importing a large notice is CPU work; keep it off the async workers.
    let done = tokio::task::spawn_blocking(move || {
        let import = minsheng::import::notice_with(&notice, &options);
        let findings = minsheng::validate(&import.programme).findings;
        (import, findings)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the import stopped: {e}")))?;
    let (import, findings) = done;
    let result = ImportResult {
        programme: serde_json::to_value(&import.programme).map_err(|e| ApiError::Internal(e.to_string()))?,
        diagnostics: serde_json::to_value(&import.diagnostics).map_err(|e| ApiError::Internal(e.to_string()))?,
        findings: findings_json(&findings),
    };
    to_json(&result)
}

/// The OpenAPI document of this service.
#[utoipa::path(get, path = "/openapi.json", tag = "service", responses((status = 200, body = Object)))]
pub async fn openapi() -> Response {
    json_text(crate::openapi::json())
}

/// Whether the service is up (no token needed).
#[utoipa::path(get, path = "/health", tag = "service", responses((status = 200, body = String)))]
pub async fn health() -> &'static str {
    "ok"
}
