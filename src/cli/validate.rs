//! `minsheng validate`: check programme files, on all cores, reports in
//! input order.

use std::path::PathBuf;

use crate::Format;
use crate::input::describe;
use crate::output::{self, Failure, Outcome, Verdict, say};

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
}

/// Exit 1 when a file has an error, 2 when one cannot be read (the others
/// are still checked and reported).
pub(crate) fn run(args: &Args) -> Outcome {
    let mut unreadable = Vec::new();
    let mut any_error = false;
    let mut entries = Vec::new();
    let mut text = String::new();
    // Files are loaded and validated on all cores; the reports come back in input order.
    for checked in minsheng::batch::check_files(&args.files, args.max_bytes) {
        let path = &checked.path;
        match checked.outcome {
            Err(e) => {
                let message = describe(&e, path);
                say(&message);
                entries.push(serde_json::json!({ "path": path, "error": message, "findings": [] }));
                unreadable.push(path.display().to_string());
            }
            Ok(report) => {
                any_error |= !report.is_valid();
                let errors = report.errors().count();
                let warnings = report.findings.len() - errors;
                for f in &report.findings {
                    text.push_str(&format!("{}: {f}\n", path.display()));
                }
                let verdict = if errors > 0 { "invalid" } else { "valid" };
                text.push_str(&format!(
                    "{}: {verdict}: {errors} error{}, {warnings} warning{}\n",
                    path.display(),
                    plural(errors),
                    plural(warnings)
                ));
                entries.push(serde_json::json!({
                    "path": path,
                    "valid": report.is_valid(),
                    "errors": errors,
                    "warnings": warnings,
                    "findings": report.findings,
                }));
            }
        }
    }
    let out = match args.format {
        Format::Text => text,
        Format::Json => {
            let doc = serde_json::json!({ "files": entries });
            serde_json::to_string_pretty(&doc).map_err(|e| Failure::new(format!("cannot write the report: {e}")))?
                + "\n"
        }
    };
    output::print(&out)?;
    match unreadable.len() {
        0 => Ok(Verdict::errors_if(any_error)),
        1 => Err(Failure::new(format!("{} could not be read", unreadable[0]))),
        n => Err(Failure::new(format!("{n} files could not be read: {}", unreadable.join(", ")))),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
