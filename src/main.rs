//! The `minsheng` command: validate, summarise and describe programme files.

#![forbid(unsafe_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use minsheng::{Error, Programme};

mod import_cmd;
mod parse_cmd;
mod progress_cmd;
mod summary;

/// Validate, summarise and describe livelihood public-works programmes (民生实事工程).
#[derive(Parser)]
#[command(name = "minsheng", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check programme files; exit 0 when no file has an error, 1 when one has, 2 when one cannot be read.
    Validate {
        /// The programme files (JSON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Print a programme's sections, tasks, targets, totals and workload.
    Summary {
        /// The programme file (JSON).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Parse target phrases (不少于300个, 16/10万以下, 年底前…) and print one JSON line per phrase.
    ParseTarget {
        /// The programme year, for deadline phrases.
        #[arg(long)]
        year: Option<i32>,
        /// The phrases.
        #[arg(required = true)]
        phrases: Vec<String>,
    },
    /// Print every target found in a text file, with its byte span and sentence, one JSON line each.
    Extract {
        /// The text file.
        file: PathBuf,
        /// The programme year: fills in target deadlines (年内, 年底前) and baseline years.
        #[arg(long)]
        year: Option<i32>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Import a notice's plain text as a draft programme (JSON on stdout, what could not be placed on stderr); exit 0 even with diagnostics, 2 when the file cannot be read.
    Import {
        /// The notice's text file (UTF-8).
        file: PathBuf,
        /// The programme year, when the text does not say it plainly.
        #[arg(long)]
        year: Option<i32>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Print a realistic generated programme (deterministic for a seed), for tests and benchmarks.
    Gen {
        /// How many tasks, sub-tasks included.
        #[arg(long, default_value_t = 100)]
        tasks: usize,
        /// The seed.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Print the JSON Schema of the programme format, or write it into a directory.
    Schema {
        /// Write `programme.schema.json` and `progress-report.schema.json` into this directory instead of printing.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the schema of progress reports instead of programmes.
        #[arg(long)]
        progress_report: bool,
    },
    /// Print where a programme stands as of a date, from progress reports: statuses, roll-ups, who is behind, reports due.
    Progress {
        /// The programme file (JSON).
        programme: PathBuf,
        /// The progress reports (JSON), in the order received.
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// The date to evaluate at (YYYY-MM-DD).
        #[arg(long, value_parser = minsheng::parse_date)]
        as_of: chrono::NaiveDate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Write the work ledger (工作台账): one row per task and target, with the latest progress, as CSV or XLSX.
    Ledger {
        /// The programme file (JSON).
        programme: PathBuf,
        /// Progress reports (JSON), in the order received.
        reports: Vec<PathBuf>,
        /// The file to write; `.csv` or `.xlsx` chooses the format.
        #[arg(long)]
        out: PathBuf,
        /// The date progress stands at, YYYY-MM-DD (default: the latest report's).
        #[arg(long, value_parser = minsheng::parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// The format, when the file name does not say.
        #[arg(long, value_enum)]
        format: Option<progress_cmd::LedgerFormat>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { files, format, max_bytes } => validate(&files, format, max_bytes),
        Command::Summary { file, format, max_bytes } => match load(&file, max_bytes) {
            Ok(p) => emit(&summary::render(&p, format == Format::Json)),
            Err(code) => code,
        },
        Command::ParseTarget { year, phrases } => parse_cmd::parse_target(year, &phrases),
        Command::Extract { file, year, max_bytes } => parse_cmd::extract(&file, year, max_bytes),
        Command::Import { file, year, max_bytes } => import_cmd::import(&file, year, max_bytes),
        Command::Gen { tasks, seed } => {
            let p = minsheng::generate::programme(&minsheng::generate::Options { tasks, seed });
            match minsheng::to_string_pretty(&p) {
                Ok(text) => emit(&text),
                Err(e) => {
                    eprintln!("minsheng: cannot serialize: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { out, progress_report } => schema(out.as_deref(), progress_report),
        Command::Progress { programme, reports, as_of, format, max_bytes } => {
            progress_cmd::progress(&programme, &reports, as_of, format == Format::Json, max_bytes)
        }
        Command::Ledger { programme, reports, out, as_of, format, max_bytes } => {
            progress_cmd::ledger(&programme, &reports, &out, as_of, format, max_bytes)
        }
    }
}

/// Loads a programme or reports why not on stderr (exit code 2).
fn load(path: &Path, max_bytes: u64) -> Result<Programme, ExitCode> {
    minsheng::from_path(path, max_bytes).map_err(|e| {
        eprintln!("minsheng: {}", describe(&e, path));
        ExitCode::from(2)
    })
}

fn describe(e: &Error, path: &Path) -> String {
    match e {
        Error::Json(j) if j.file.is_none() => format!("{}:{j}", path.display()),
        other => other.to_string(),
    }
}

fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not a failure of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("minsheng: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

fn validate(files: &[PathBuf], format: Format, max_bytes: u64) -> ExitCode {
    let mut unreadable = false;
    let mut any_error = false;
    let mut entries = Vec::new();
    let mut text = String::new();
    // Files are loaded and validated on all cores; the reports come back in input order.
    for checked in minsheng::batch::check_files(files, max_bytes) {
        let path = &checked.path;
        match checked.outcome {
            Err(e) => {
                unreadable = true;
                let message = describe(&e, path);
                eprintln!("minsheng: {message}");
                entries.push(serde_json::json!({ "path": path, "error": message, "findings": [] }));
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
                    "findings": report.findings.iter().map(|f| serde_json::json!({
                        "code": f.code,
                        "severity": f.severity,
                        "path": f.path,
                        "message": f.message,
                    })).collect::<Vec<_>>(),
                }));
            }
        }
    }
    let out = match format {
        Format::Text => text,
        Format::Json => {
            let doc = serde_json::json!({ "files": entries });
            serde_json::to_string_pretty(&doc).map(|s| s + "\n").unwrap_or_default()
        }
    };
    let written = emit(&out);
    if written != ExitCode::SUCCESS || unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn schema(out: Option<&Path>, progress_report: bool) -> ExitCode {
    use minsheng::schema;
    match out {
        None if progress_report => emit(&schema::progress_report_schema_json()),
        None => emit(&schema::programme_schema_json()),
        Some(dir) => {
            let files = [
                (schema::PROGRAMME_SCHEMA_FILE, schema::programme_schema_json()),
                (schema::PROGRESS_REPORT_SCHEMA_FILE, schema::progress_report_schema_json()),
            ];
            for (name, text) in files {
                let path = dir.join(name);
                match std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, text)) {
                    Ok(()) => eprintln!("minsheng: wrote {}", path.display()),
                    Err(e) => {
                        eprintln!("minsheng: cannot write {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}
