//! `--demo`: the five example programmes of the crate and the Qinghai
//! progress report as of 2021-06-30, embedded in the binary, plus one token
//! per role to try them with.

use crate::auth::{self, NewToken, Role};
use crate::db::{Db, DbError, ProgrammeRow, ReportRow};

/// The example programmes (file name, text).
pub const PROGRAMMES: [(&str, &str); 5] = [
    ("chuxiong-2021.json", include_str!("../../examples/data/chuxiong-2021.json")),
    ("duji-2021.json", include_str!("../../examples/data/duji-2021.json")),
    ("haidong-2024.json", include_str!("../../examples/data/haidong-2024.json")),
    ("haixi-2020.json", include_str!("../../examples/data/haixi-2020.json")),
    ("qinghai-2021.json", include_str!("../../examples/data/qinghai-2021.json")),
];

/// The Qinghai report as of 2021-06-30.
pub const QINGHAI_REPORT: &str = include_str!("../../examples/data/progress/qinghai-2021-2021-06-30.json");

/// The unit the demo department token speaks for (省人力资源社会保障厅 in Qinghai).
pub const DEMO_DEPARTMENT: &str = "hrss";

/// Why the demo data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// An embedded file does not load or validate (a defect of the build).
    #[error("demo file {0} does not load: {1}")]
    Broken(&'static str, String),
    /// The store failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// A token could not be made.
    #[error(transparent)]
    Token(#[from] auth::TokenError),
}

/// Stores what is not there yet; returns how many programmes and reports were added.
///
/// # Errors
///
/// [`DemoError`] when an embedded file is broken or the store fails.
pub async fn seed(db: &Db) -> Result<(usize, usize), DemoError> {
    let mut programmes = 0;
    for (name, text) in PROGRAMMES {
        let p = minsheng::from_str(text).map_err(|e| DemoError::Broken(name, e.to_string()))?;
        let report = minsheng::validate(&p);
        if !report.is_valid() {
            return Err(DemoError::Broken(name, "it has validation errors".into()));
        }
        if db.programme(p.id.as_str(), None).await?.is_some() {
            continue;
        }
        let warnings = serde_json::to_string(&report.findings).unwrap_or_else(|_| "[]".into());
        let row = ProgrammeRow {
            programme_id: p.id.to_string(),
            version: 0,
            title: p.title.clone(),
            year: i64::from(p.year),
            document: text.to_owned(),
            warnings,
            created_at: crate::now(),
            created_by: "demo".into(),
        };
        db.insert_programme(&row).await?;
        programmes += 1;
    }
    let report = minsheng::progress::from_str(QINGHAI_REPORT)
        .map_err(|e| DemoError::Broken("qinghai-2021-2021-06-30.json", e.to_string()))?;
    let id = report.programme.to_string();
    let mut reports = 0;
    if db.reports_after(&id, 0).await?.is_empty() {
        let version = db.heads(&id).await?.0;
        let row = ReportRow {
            seq: 0,
            programme_version: version,
            reporting_unit: report.reporting_unit.to_string(),
            as_of: report.as_of.to_string(),
            document: QINGHAI_REPORT.to_owned(),
            warnings: "[]".into(),
            submitted_at: crate::now(),
            submitted_by: "demo".into(),
        };
        db.insert_report(&id, &row).await?;
        reports += 1;
    }
    Ok((programmes, reports))
}

/// One new token per role: supervisor, reader, and a department (省人力资源社会保障厅).
///
/// # Errors
///
/// When the store fails.
pub async fn tokens(db: &Db) -> Result<Vec<(NewToken, String)>, DemoError> {
    let wanted = [
        NewToken { label: "demo-supervisor".into(), role: Role::Supervisor, unit: None, programmes: vec![] },
        NewToken { label: "demo-reader".into(), role: Role::Reader, unit: None, programmes: vec![] },
        NewToken {
            label: "demo-hrss".into(),
            role: Role::Department,
            unit: Some(DEMO_DEPARTMENT.into()),
            programmes: vec!["qinghai-2021".into()],
        },
    ];
    let mut out = Vec::new();
    for t in wanted {
        let token = auth::create(db, &t).await?;
        out.push((t, token));
    }
    Ok(out)
}
