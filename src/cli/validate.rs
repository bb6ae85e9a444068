//! `minsheng validate`: check programme files, on all cores, reports in
//! input order.
//!
//! Each file keeps at most `--max-per-code` findings of each code and
//! counts the rest, so a file with millions of defects costs a bounded
//! report; the output is written finding by finding, never gathered into
//! one text or one JSON value.

use std::path::PathBuf;

use minsheng::validate::{CappedReport, Finding, Omitted, validate_capped};
use serde::Serialize;

use crate::Format;
use crate::input::describe;
use crate::output::{Failure, Outcome, Stdout, Verdict, say, write_failure};

/// Check programme files.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme files (JSON).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Show at most this many findings of each code per file; the others are counted.
    #[arg(long, default_value_t = 1000)]
    max_per_code: usize,
}

/// One file in the JSON report.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Checked {
        path: String,
        valid: bool,
        errors: usize,
        warnings: usize,
        findings: &'a [Finding],
        /// Per code, the findings not shown.
        omitted: &'a [Omitted],
    },
    Unreadable {
        path: String,
        error: String,
        findings: [Finding; 0],
    },
}

/// The JSON report: `{"files": […]}`.
#[derive(Serialize)]
struct Document<'a> {
    files: Vec<Entry<'a>>,
}

/// Exit 1 when a file has an error, 2 when one cannot be read (the others
/// are still checked and reported).
pub(crate) fn run(args: &Args) -> Outcome {
    let cap = args.max_per_code;
    // Files are loaded and validated on all cores; the reports come back in input order.
    let checked = minsheng::batch::check_files_with(&args.files, args.max_bytes, |p| validate_capped(p, cap));
    let mut unreadable = Vec::new();
    let mut any_error = false;
    let mut entries = Vec::with_capacity(checked.len());
    let mut out = Stdout::new();
    for file in &checked {
        let path = file.path.display().to_string();
        match &file.outcome {
            Err(e) => {
                let error = describe(e, &file.path);
                say(&error);
                unreadable.push(path.clone());
                entries.push(Entry::Unreadable { path, error, findings: [] });
            }
            Ok(report) => {
                any_error |= !report.is_valid();
                if args.format == Format::Text {
                    text(&mut out, &path, report)?;
                }
                entries.push(Entry::Checked {
                    path,
                    valid: report.is_valid(),
                    errors: report.errors(),
                    warnings: report.warnings(),
                    findings: &report.findings,
                    omitted: &report.omitted,
                });
            }
        }
    }
    if args.format == Format::Json {
        if let Err(e) = serde_json::to_writer_pretty(&mut out, &Document { files: entries }) {
            write_failure(&out, e)?;
        }
        out.line("")?;
    }
    out.finish()?;
    match unreadable.len() {
        0 => Ok(Verdict::errors_if(any_error)),
        1 => Err(Failure::new(format!("{} could not be read", unreadable[0]))),
        n => Err(Failure::new(format!("{n} files could not be read: {}", unreadable.join(", ")))),
    }
}

/// A file's findings, what was left out, and its verdict, line by line.
fn text(out: &mut Stdout, path: &str, report: &CappedReport) -> Result<(), Failure> {
    for f in &report.findings {
        out.line(format_args!("{path}: {f}"))?;
    }
    for o in &report.omitted {
        out.line(format_args!(
            "{path}: … and {} more {} finding{} ({}) not shown (--max-per-code)",
            o.count,
            o.code,
            plural(o.count),
            o.severity
        ))?;
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    let verdict = if errors > 0 { "invalid" } else { "valid" };
    out.line(format_args!(
        "{path}: {verdict}: {errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
