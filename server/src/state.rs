//! The service's shared state: the store, the write lock, and a cache of
//! parsed programmes and reports.
//!
//! Programme versions and reports are append-only, so a cached programme is
//! valid while its version is the latest, and cached reports are extended
//! with the rows numbered after the last one seen. Each read asks the store
//! for the two head numbers (one small query), so several service processes
//! on one database still see each other's writes.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use minsheng::Programme;
use minsheng::progress::ProgressReport;

use crate::db::{Db, ProgrammeRow, ReportRow};
use crate::error::ApiError;

/// A programme's latest version and its reports, parsed.
#[derive(Debug)]
pub struct Loaded {
    /// The latest version's row (document as sent).
    pub row: ProgrammeRow,
    /// The latest version, parsed.
    pub programme: Arc<Programme>,
    /// Every report, in the order received.
    pub reports: Vec<ProgressReport>,
    /// What the store knows of each report (who sent it, when), in the same order.
    pub report_rows: Vec<ReportRow>,
    /// The number of the last report.
    pub last_seq: i64,
}

struct Inner {
    db: Db,
    write: tokio::sync::Mutex<()>,
    cache: RwLock<HashMap<String, Arc<Loaded>>>,
    body_limit: usize,
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// The state over a store, accepting bodies up to `body_limit` bytes.
    pub fn new(db: Db, body_limit: usize) -> Self {
        AppState(Arc::new(Inner {
            db,
            write: tokio::sync::Mutex::new(()),
            cache: RwLock::new(HashMap::new()),
            body_limit,
        }))
    }

    /// The store.
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// The largest body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.0.body_limit
    }

    /// Taken by every write, so numbers are given one at a time in this process.
    pub async fn write_lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.0.write.lock().await
    }

    /// The latest version of a programme and its reports; `NotFound` when it was never published.
    pub async fn load(&self, id: &str) -> Result<Arc<Loaded>, ApiError> {
        let (version, seq) = self.db().heads(id).await?;
        if version == 0 {
            return Err(ApiError::NotFound(format!("there is no programme {id}")));
        }
        let cached = self.cached(id);
        if let Some(c) = &cached
            && c.row.version == version
            && c.last_seq == seq
        {
            return Ok(Arc::clone(c));
        }
        let (row, programme) = match &cached {
            Some(c) if c.row.version == version => (c.row.clone(), Arc::clone(&c.programme)),
            _ => {
                let row = self
                    .db()
                    .programme(id, Some(version))
                    .await?
                    .ok_or_else(|| ApiError::NotFound(format!("there is no programme {id}")))?;
                let programme = minsheng::from_str(&row.document).map_err(|e| {
                    ApiError::Internal(format!("stored programme {id} version {version} no longer loads: {e}"))
                })?;
                (row, Arc::new(programme))
            }
        };
        let (mut reports, mut report_rows, after) = match &cached {
            Some(c) => (c.reports.clone(), c.report_rows.clone(), c.last_seq),
            None => (Vec::new(), Vec::new(), 0),
        };
        for r in self.db().reports_after(id, after).await? {
            let report = minsheng::progress::from_str(&r.document).map_err(|e| {
                ApiError::Internal(format!("stored report {} of programme {id} no longer loads: {e}", r.seq))
            })?;
            reports.push(report);
            report_rows.push(r);
        }
        let last_seq = report_rows.last().map_or(after, |r| r.seq);
        let loaded = Arc::new(Loaded { row, programme, reports, report_rows, last_seq });
        if let Ok(mut cache) = self.0.cache.write() {
            cache.insert(id.to_owned(), Arc::clone(&loaded));
        }
        Ok(loaded)
    }

    fn cached(&self, id: &str) -> Option<Arc<Loaded>> {
        self.0.cache.read().ok().and_then(|c| c.get(id).cloned())
    }
}
