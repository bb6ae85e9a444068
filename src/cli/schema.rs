//! `minsheng schema`: the JSON Schemas of the formats.

use std::path::PathBuf;

use minsheng::schema;

use crate::files;
use crate::output::{self, Failure, Outcome, Verdict, say};

/// Print the JSON Schema of the programme format, or write it into a directory.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Write `programme.schema.json` and `progress-report.schema.json` into this directory instead of printing (`-`: print).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Replace the schema files when they exist.
    #[arg(long)]
    force: bool,
    /// Print the schema of progress reports instead of programmes.
    #[arg(long)]
    progress_report: bool,
}

/// Prints one schema, or writes both into `--out`.
pub(crate) fn run(args: &Args) -> Outcome {
    let dir = args.out.as_deref().filter(|d| files::Destination::of(d) != files::Destination::Stdout);
    match dir {
        None if args.progress_report => output::print(&schema::progress_report_schema_json())?,
        None => output::print(&schema::programme_schema_json())?,
        Some(dir) => {
            let files = [
                (schema::PROGRAMME_SCHEMA_FILE, schema::programme_schema_json()),
                (schema::PROGRESS_REPORT_SCHEMA_FILE, schema::progress_report_schema_json()),
            ];
            // Every file is checked before the first is written.
            for (name, _) in &files {
                files::check(&dir.join(name), &[], args.force)?;
            }
            std::fs::create_dir_all(dir).map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
            for (name, text) in files {
                let path = dir.join(name);
                files::write_atomically(&path, args.force, |w| w.write_all(text.as_bytes()))?;
                say(&format!("wrote {}", path.display()));
            }
        }
    }
    Ok(Verdict::Clean)
}
