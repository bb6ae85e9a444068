//! Many programmes at once: validation over a slice of programmes or a list
//! of files, on all cores with the `parallel` feature (rayon), results in
//! input order either way.
//!
//! A national platform receives thousands of programmes a year; these
//! functions are what it calls. Without the `parallel` feature they run one
//! after the other and give the same results, so a service can switch
//! rayon off without changing a line.
//!
//! ```
//! let programmes: Vec<minsheng::Programme> = ["qinghai-2021", "haixi-2020"]
//!     .iter()
//!     .map(|name| minsheng::from_path(format!("examples/data/{name}.json"), minsheng::DEFAULT_MAX_BYTES))
//!     .collect::<Result<_, _>>()?;
//! let reports = minsheng::batch::validate_all(&programmes);
//! assert_eq!(reports.len(), 2);
//! assert_eq!(reports[0], minsheng::validate(&programmes[0]));
//! # Ok::<(), minsheng::Error>(())
//! ```

use std::path::{Path, PathBuf};

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::json::Error;
use crate::model::Programme;
use crate::validate::Report;

/// Validates every programme; the reports come in the order of `programmes`.
///
/// With the `parallel` feature the programmes are validated on rayon's
/// global pool; [`validate`](crate::validate()) is pure, so the reports are
/// the same as one by one.
pub fn validate_all(programmes: &[Programme]) -> Vec<Report> {
    #[cfg(feature = "parallel")]
    {
        programmes.par_iter().map(crate::validate).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        programmes.iter().map(crate::validate).collect()
    }
}

/// What checking one file gave.
#[derive(Debug)]
pub struct FileReport {
    /// The file, as given.
    pub path: PathBuf,
    /// The validation report, or why the file could not be read as a programme.
    pub outcome: Result<Report, Error>,
}

/// Loads and validates every file, refusing files larger than `max_bytes`;
/// the results come in the order of `paths`.
///
/// Each programme is dropped as soon as it is validated, so memory holds
/// one programme per worker thread, not one per file. With the `parallel`
/// feature the files are read and validated on rayon's global pool.
///
/// ```
/// let reports = minsheng::batch::check_files(
///     &["examples/data/duji-2021.json", "no/such/file.json"],
///     minsheng::DEFAULT_MAX_BYTES,
/// );
/// assert!(reports[0].outcome.as_ref().is_ok_and(|r| r.is_valid()));
/// assert!(matches!(reports[1].outcome, Err(minsheng::Error::Io { .. })));
/// ```
pub fn check_files<P: AsRef<Path> + Sync>(paths: &[P], max_bytes: u64) -> Vec<FileReport> {
    let check = |path: &P| {
        let path = path.as_ref();
        FileReport {
            path: path.to_owned(),
            outcome: crate::json::from_path(path, max_bytes).map(|programme| crate::validate(&programme)),
        }
    };
    #[cfg(feature = "parallel")]
    {
        paths.par_iter().map(check).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        paths.iter().map(check).collect()
    }
}
