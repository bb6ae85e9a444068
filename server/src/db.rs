//! The store: programme versions, progress reports and tokens, in SQLite or
//! PostgreSQL through one backend-neutral pool (`sqlx::Any`) and one set of
//! migrations.
//!
//! Rows are only ever inserted: a new programme version or report gets the
//! next number for its programme, under the service's write lock, with the
//! primary key as the final guard (a second process racing for the same
//! number gets a conflict and the service tries the next number).

use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Row};

/// The migrations, embedded; the same files for both databases.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Which database the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (WAL journal, full sync).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// What went wrong with the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL names a database this service does not speak.
    #[error("cannot use the database {0}: give a SQLite file (--db FILE) or a postgres:// URL")]
    Unsupported(String),
    /// The database refused or failed.
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A number could not be given after several tries (other writers kept taking it).
    #[error("the database was busy with other writers; try again")]
    Contended,
}

/// A stored programme version.
#[derive(Debug, Clone)]
pub struct ProgrammeRow {
    /// The programme id.
    pub programme_id: String,
    /// The version, counting from 1.
    pub version: i64,
    /// The title.
    pub title: String,
    /// The year.
    pub year: i64,
    /// The document as sent.
    pub document: String,
    /// The warnings, a JSON array of findings.
    pub warnings: String,
    /// When it was accepted (RFC 3339, UTC).
    pub created_at: String,
    /// The label of the token that sent it.
    pub created_by: String,
}

/// A stored report.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// Its number within the programme, counting from 1.
    pub seq: i64,
    /// The programme version it was checked against.
    pub programme_version: i64,
    /// Who reports.
    pub reporting_unit: String,
    /// The date its figures stand at.
    pub as_of: String,
    /// The report as sent.
    pub document: String,
    /// Its warnings, a JSON array of findings.
    pub warnings: String,
    /// When it was received (RFC 3339, UTC).
    pub submitted_at: String,
    /// The label of the token that sent it.
    pub submitted_by: String,
}

/// A stored token (its hash only).
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// The label.
    pub label: String,
    /// The role name.
    pub role: String,
    /// The unit of a department token.
    pub unit_id: Option<String>,
    /// The programmes it reaches, a JSON array; `None` for all.
    pub programmes: Option<String>,
}

/// The pool and what it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// The SQLite URL for a file path, created when missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// How many times an insert is retried when another writer took its number.
const INSERT_TRIES: usize = 8;

impl Db {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and brings the schema up to date.
    ///
    /// # Errors
    ///
    /// [`DbError`] when the database cannot be reached or migrated.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(DbError::Unsupported(url.to_owned()));
        };
        let options: AnyConnectOptions = url.parse()?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; FULL sync makes a
                        // commit durable before the service acknowledges it.
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = FULL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Db { pool, backend })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The latest version of every programme, by id.
    pub async fn latest_programmes(&self) -> Result<Vec<ProgrammeRow>, DbError> {
        let rows = sqlx::query(
            "SELECT p.programme_id, p.version, p.title, p.year, '' AS document, p.warnings, p.created_at, p.created_by \
             FROM programme_versions p \
             WHERE p.version = (SELECT MAX(q.version) FROM programme_versions q WHERE q.programme_id = p.programme_id) \
             ORDER BY p.programme_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(programme_row).collect()
    }

    /// One version of a programme, or its latest when `version` is `None`.
    pub async fn programme(&self, id: &str, version: Option<i64>) -> Result<Option<ProgrammeRow>, DbError> {
        let row = match version {
            Some(v) => {
                sqlx::query(
                    "SELECT programme_id, version, title, year, document, warnings, created_at, created_by \
                     FROM programme_versions WHERE programme_id = $1 AND version = $2",
                )
                .bind(id)
                .bind(v)
                .fetch_optional(&self.pool)
                .await?
            }
            None => {
                sqlx::query(
                    "SELECT programme_id, version, title, year, document, warnings, created_at, created_by \
                     FROM programme_versions WHERE programme_id = $1 ORDER BY version DESC LIMIT 1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
            }
        };
        row.as_ref().map(programme_row).transpose()
    }

    /// Every version of a programme, oldest first, without the documents.
    pub async fn versions(&self, id: &str) -> Result<Vec<ProgrammeRow>, DbError> {
        let rows = sqlx::query(
            "SELECT programme_id, version, title, year, '' AS document, warnings, created_at, created_by \
             FROM programme_versions WHERE programme_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(programme_row).collect()
    }

    /// The latest programme version and report number of a programme (0 when none).
    pub async fn heads(&self, id: &str) -> Result<(i64, i64), DbError> {
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM programme_versions WHERE programme_id = $1) AS v, \
                    (SELECT COALESCE(MAX(seq), 0) FROM reports WHERE programme_id = $2) AS s",
        )
        .bind(id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get::<i64, _>("v")?, row.try_get::<i64, _>("s")?))
    }

    /// Stores a new version of a programme; returns its number.
    pub async fn insert_programme(&self, row: &ProgrammeRow) -> Result<i64, DbError> {
        for _ in 0..INSERT_TRIES {
            let (latest, _) = self.heads(&row.programme_id).await?;
            let version = latest + 1;
            let done = sqlx::query(
                "INSERT INTO programme_versions \
                 (programme_id, version, title, year, document, warnings, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&row.programme_id)
            .bind(version)
            .bind(&row.title)
            .bind(row.year)
            .bind(&row.document)
            .bind(&row.warnings)
            .bind(&row.created_at)
            .bind(&row.created_by)
            .execute(&self.pool)
            .await;
            match done {
                Ok(_) => return Ok(version),
                Err(e) if is_conflict(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(DbError::Contended)
    }

    /// Stores a report; returns its number.
    pub async fn insert_report(&self, programme_id: &str, row: &ReportRow) -> Result<i64, DbError> {
        for _ in 0..INSERT_TRIES {
            let (_, latest) = self.heads(programme_id).await?;
            let seq = latest + 1;
            let done = sqlx::query(
                "INSERT INTO reports \
                 (programme_id, seq, programme_version, reporting_unit, as_of, document, warnings, submitted_at, submitted_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(programme_id)
            .bind(seq)
            .bind(row.programme_version)
            .bind(&row.reporting_unit)
            .bind(&row.as_of)
            .bind(&row.document)
            .bind(&row.warnings)
            .bind(&row.submitted_at)
            .bind(&row.submitted_by)
            .execute(&self.pool)
            .await;
            match done {
                Ok(_) => return Ok(seq),
                Err(e) if is_conflict(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(DbError::Contended)
    }

    /// The reports of a programme numbered above `after`, in order.
    pub async fn reports_after(&self, programme_id: &str, after: i64) -> Result<Vec<ReportRow>, DbError> {
        let rows = sqlx::query(
            "SELECT seq, programme_version, reporting_unit, as_of, document, warnings, submitted_at, submitted_by \
             FROM reports WHERE programme_id = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(programme_id)
        .bind(after)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(report_row).collect()
    }

    /// The latest report (greatest `as_of`) a unit gave on a programme.
    pub async fn latest_report_of(&self, programme_id: &str, unit: &str) -> Result<Option<ReportRow>, DbError> {
        let row = sqlx::query(
            "SELECT seq, programme_version, reporting_unit, as_of, document, warnings, submitted_at, submitted_by \
             FROM reports WHERE programme_id = $1 AND reporting_unit = $2 ORDER BY as_of DESC, seq DESC LIMIT 1",
        )
        .bind(programme_id)
        .bind(unit)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(report_row).transpose()
    }

    /// Stores a token's hash.
    pub async fn insert_token(&self, hash: &str, token: &TokenRow, created_at: &str) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO tokens (token_hash, label, role, unit_id, programmes, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(hash)
        .bind(&token.label)
        .bind(&token.role)
        .bind(token.unit_id.clone())
        .bind(token.programmes.clone())
        .bind(created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The token with this hash.
    pub async fn token(&self, hash: &str) -> Result<Option<TokenRow>, DbError> {
        let row = sqlx::query("SELECT label, role, unit_id, programmes FROM tokens WHERE token_hash = $1")
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            None => Ok(None),
            Some(r) => Ok(Some(TokenRow {
                label: r.try_get("label")?,
                role: r.try_get("role")?,
                unit_id: r.try_get("unit_id")?,
                programmes: r.try_get("programmes")?,
            })),
        }
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn is_conflict(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}

fn programme_row(r: &sqlx::any::AnyRow) -> Result<ProgrammeRow, DbError> {
    Ok(ProgrammeRow {
        programme_id: r.try_get("programme_id")?,
        version: r.try_get("version")?,
        title: r.try_get("title")?,
        year: r.try_get("year")?,
        document: r.try_get("document")?,
        warnings: r.try_get("warnings")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
    })
}

fn report_row(r: &sqlx::any::AnyRow) -> Result<ReportRow, DbError> {
    Ok(ReportRow {
        seq: r.try_get("seq")?,
        programme_version: r.try_get("programme_version")?,
        reporting_unit: r.try_get("reporting_unit")?,
        as_of: r.try_get("as_of")?,
        document: r.try_get("document")?,
        warnings: r.try_get("warnings")?,
        submitted_at: r.try_get("submitted_at")?,
        submitted_by: r.try_get("submitted_by")?,
    })
}
