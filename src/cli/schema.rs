//! `minsheng schema`: the JSON Schemas of the formats.

use std::path::PathBuf;

use minsheng::schema;

use crate::output::{self, Failure, Outcome, Verdict, say};

/// Print the JSON Schema of the programme format, or write it into a directory.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Write `programme.schema.json` and `progress-report.schema.json` into this directory instead of printing.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print the schema of progress reports instead of programmes.
    #[arg(long)]
    progress_report: bool,
}

/// Prints one schema, or writes both into `--out`.
pub(crate) fn run(args: &Args) -> Outcome {
    match &args.out {
        None if args.progress_report => output::print(&schema::progress_report_schema_json())?,
        None => output::print(&schema::programme_schema_json())?,
        Some(dir) => {
            let files = [
                (schema::PROGRAMME_SCHEMA_FILE, schema::programme_schema_json()),
                (schema::PROGRESS_REPORT_SCHEMA_FILE, schema::progress_report_schema_json()),
            ];
            for (name, text) in files {
                let path = dir.join(name);
                std::fs::create_dir_all(dir)
                    .and_then(|()| std::fs::write(&path, text))
                    .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
                say(&format!("wrote {}", path.display()));
            }
        }
    }
    Ok(Verdict::Clean)
}
