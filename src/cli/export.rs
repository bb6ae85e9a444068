//! `minsheng export`: programmes (and progress) as flat related tables.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minsheng::Programme;
use minsheng::export::{Format, Tables};
use minsheng::progress::{self, ProgressReport};

use crate::files;
use crate::input::describe;
use crate::output::{Failure, Outcome, Verdict, report_line, say};

/// Write programmes, their progress reports and evaluation as related tables (one file per table).
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Programme files (JSON); many go into one set of tables.
    #[arg(required = true)]
    programmes: Vec<PathBuf>,
    /// A progress report (JSON), matched to its programme by the programme id it names; repeat for more.
    #[arg(long = "report")]
    reports: Vec<PathBuf>,
    /// Evaluate every programme as of this date, YYYY-MM-DD (default: each programme's latest report's date; none without reports).
    #[arg(long, value_parser = minsheng::parse_date)]
    as_of: Option<NaiveDate>,
    /// The directory to write the tables into (created when missing).
    #[arg(long)]
    out: PathBuf,
    /// The file format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    format: ExportFormat,
    /// Replace table files that exist.
    #[arg(long)]
    force: bool,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// The export's file formats.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// CSV, UTF-8.
    Csv,
    /// Newline-delimited JSON.
    Ndjson,
    /// Apache Parquet (needs a minsheng built with the `parquet` feature).
    Parquet,
}

fn format_of(f: ExportFormat) -> Result<Format, Failure> {
    match f {
        ExportFormat::Csv => Ok(Format::Csv),
        ExportFormat::Ndjson => Ok(Format::Ndjson),
        #[cfg(feature = "parquet")]
        ExportFormat::Parquet => Ok(Format::Parquet),
        #[cfg(not(feature = "parquet"))]
        ExportFormat::Parquet => Err(Failure::new(
            "this minsheng was built without Parquet: build it with `--features cli,parquet`, or export csv or ndjson",
        )),
    }
}

/// A programme with the reports about it, in the order given.
type WithReports = (Programme, Vec<ProgressReport>);

/// The programmes with the reports about each, in the order given, and
/// whether some report has errors (their findings went to standard error).
fn load(args: &Args) -> Result<(Vec<WithReports>, bool), Failure> {
    let mut loaded: Vec<WithReports> = Vec::with_capacity(args.programmes.len());
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for path in &args.programmes {
        let p = crate::input::programme(path, args.max_bytes)?;
        if let Some(&first) = by_id.get(p.id.as_str()) {
            return Err(Failure::new(format!(
                "{} and {} are both programme {:?}: programmes exported together need different ids",
                args.programmes[first].display(),
                path.display(),
                p.id.as_str()
            )));
        }
        by_id.insert(p.id.to_string(), loaded.len());
        loaded.push((p, Vec::new()));
    }
    let mut files_of: Vec<Vec<&Path>> = vec![Vec::new(); loaded.len()];
    for path in &args.reports {
        let report = progress::from_path(path, args.max_bytes).map_err(|e| Failure::new(describe(&e, path)))?;
        let Some(&i) = by_id.get(report.programme.as_str()) else {
            return Err(Failure::new(format!(
                "{} reports on programme {:?}, which is not among the programmes given",
                path.display(),
                report.programme.as_str()
            )));
        };
        loaded[i].1.push(report);
        files_of[i].push(path);
    }
    // Reports are checked against their programme; findings go to standard error.
    let mut any_error = false;
    for ((p, reports), paths) in loaded.iter().zip(&files_of) {
        for (path, v) in paths.iter().zip(progress::validate_reports(p, reports)) {
            any_error |= !v.is_valid();
            for f in &v.findings {
                report_line(&format!("{}: {f}", path.display()));
            }
        }
    }
    Ok((loaded, any_error))
}

/// Writes one file per table into `--out`. Exit 1 when a report has errors.
pub(crate) fn run(args: &Args) -> Outcome {
    let format = format_of(args.format)?;
    if files::Destination::of(&args.out) == files::Destination::Stdout {
        return Err(Failure::new("export writes one file per table: give a directory to --out, not -"));
    }
    let (loaded, any_error) = load(args)?;
    let mut tables = Tables::new();
    for (p, reports) in &loaded {
        // Without --as-of, progress stands at the programme's latest report's date.
        let on = args.as_of.or_else(|| reports.iter().map(|r| r.as_of).max());
        tables.add(p, reports, on).map_err(Failure::new)?;
    }
    let inputs: Vec<&Path> = args.programmes.iter().chain(&args.reports).map(PathBuf::as_path).collect();
    let paths: Vec<PathBuf> =
        tables.tables().iter().map(|t| args.out.join(format!("{}.{}", t.name, format.extension()))).collect();
    // Every file is checked before the first is written.
    for path in &paths {
        files::check(path, &inputs, args.force)?;
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::new(format!("cannot create {}: {e}", args.out.display())))?;
    for (table, path) in tables.tables().iter().zip(&paths) {
        files::write_atomically(path, args.force, |w| table.write(format, w).map_err(std::io::Error::other))?;
    }
    let counts: Vec<String> = tables.tables().iter().map(|t| format!("{} {}", t.name, t.len())).collect();
    say(&format!("wrote {} tables into {}: {}", paths.len(), args.out.display(), counts.join(", ")));
    if any_error {
        say("some reports have errors; their unusable figures were left out of the evaluation");
    }
    Ok(Verdict::errors_if(any_error))
}
