//! Reading the command line's inputs: programmes, progress reports and
//! notices' text, with failures that name the file.

use std::path::{Path, PathBuf};

use minsheng::Programme;
use minsheng::progress::{self, ProgressReport};

use crate::output::{Failure, report_line};

/// A load error as the user should read it: with the file's name in front
/// when the error does not already carry it, and for a file over the limit
/// the option that raises it.
pub(crate) fn describe(e: &minsheng::Error, path: &Path) -> String {
    match e {
        minsheng::Error::Json(j) if j.file.is_none() => format!("{}:{j}", path.display()),
        minsheng::Error::TooLarge { .. } => format!("{e} (raise the limit with --max-bytes if the file is genuine)"),
        other => other.to_string(),
    }
}

/// Loads a programme file.
pub(crate) fn programme(path: &Path, max_bytes: u64) -> Result<Programme, Failure> {
    minsheng::from_path(path, max_bytes).map_err(|e| Failure::new(describe(&e, path)))
}

/// A programme with the progress reports given for it, checked in order.
pub(crate) struct WithReports {
    pub(crate) programme: Programme,
    pub(crate) reports: Vec<ProgressReport>,
    /// Whether some report has an error (its findings went to standard error).
    pub(crate) any_error: bool,
}

/// Loads the programme and the reports, and checks the reports in order
/// against the programme; findings go to standard error.
pub(crate) fn programme_with_reports(path: &Path, files: &[PathBuf], max_bytes: u64) -> Result<WithReports, Failure> {
    let programme = programme(path, max_bytes)?;
    let mut reports = Vec::with_capacity(files.len());
    for file in files {
        reports.push(progress::from_path(file, max_bytes).map_err(|e| Failure::new(describe(&e, file)))?);
    }
    let mut any_error = false;
    for (file, v) in files.iter().zip(progress::validate_reports(&programme, &reports)) {
        any_error |= !v.is_valid();
        for f in &v.findings {
            report_line(&format!("{}: {f}", file.display()));
        }
    }
    Ok(WithReports { programme, reports, any_error })
}

/// Reads a text file (a notice) as UTF-8.
pub(crate) fn text(path: &Path, max_bytes: u64) -> Result<String, Failure> {
    let bytes = minsheng::read_limited(path, max_bytes).map_err(|e| Failure::new(describe(&e, path)))?;
    minsheng::decode_text(bytes).map_err(|e| Failure::new(format!("{}: {e}", path.display())))
}
