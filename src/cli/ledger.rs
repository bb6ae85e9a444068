//! `minsheng ledger`: the work ledger (工作台账) as CSV or XLSX.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minsheng::{evaluate, ledger};

use crate::files::{self, Destination};
use crate::output::{Failure, Outcome, Verdict, say};

/// Write the work ledger: one row per task and target, with the latest progress.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme file (JSON).
    programme: PathBuf,
    /// Progress reports (JSON), in the order received.
    reports: Vec<PathBuf>,
    /// The file to write; `.csv` or `.xlsx` chooses the format; `-` is standard output (CSV unless --format says otherwise).
    #[arg(long)]
    out: PathBuf,
    /// Replace the output file when it exists.
    #[arg(long)]
    force: bool,
    /// The date progress stands at, YYYY-MM-DD (default: the latest report's).
    #[arg(long, value_parser = minsheng::parse_date)]
    as_of: Option<NaiveDate>,
    /// The format, when the file name does not say; it must not contradict the name.
    #[arg(long, value_enum)]
    format: Option<LedgerFormat>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Output format of the ledger.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub(crate) enum LedgerFormat {
    /// CSV with a UTF-8 byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl LedgerFormat {
    fn name(self) -> &'static str {
        match self {
            LedgerFormat::Csv => "csv",
            LedgerFormat::Xlsx => "xlsx",
        }
    }
}

/// The format the name's extension says and `--format` names, which must
/// agree; standard output is CSV unless `--format` says otherwise.
fn format_of(destination: &Destination, format: Option<LedgerFormat>) -> Result<LedgerFormat, Failure> {
    let Destination::File(out) = destination else { return Ok(format.unwrap_or(LedgerFormat::Csv)) };
    let named = match out.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Some(LedgerFormat::Xlsx),
        Some("csv") => Some(LedgerFormat::Csv),
        _ => None,
    };
    match (named, format) {
        (Some(n), Some(f)) if n != f => Err(Failure::new(format!(
            "{} is named as {} but --format says {}: rename the file or drop --format",
            out.display(),
            n.name(),
            f.name()
        ))),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Err(Failure::new(format!(
            "cannot tell the format of {}: name it .csv or .xlsx, or pass --format",
            out.display()
        ))),
    }
}

/// Writes the ledger. Exit 1 when a report has errors (their unusable
/// figures are left out).
pub(crate) fn run(args: &Args) -> Outcome {
    let destination = Destination::of(&args.out);
    let format = format_of(&destination, args.format)?;
    if let Destination::File(out) = &destination {
        let inputs: Vec<&Path> =
            std::iter::once(args.programme.as_path()).chain(args.reports.iter().map(PathBuf::as_path)).collect();
        files::check(out, &inputs, args.force)?;
    }
    let loaded = crate::input::programme_with_reports(&args.programme, &args.reports, args.max_bytes)?;
    let p = &loaded.programme;
    if format == LedgerFormat::Xlsx {
        // Counted before anything is built: a ledger too long for Excel fails at once.
        ledger::check_xlsx_rows(ledger::row_count(p)).map_err(Failure::new)?;
    }
    // Without --as-of, progress stands at the latest report's date.
    let on = args.as_of.or_else(|| loaded.reports.iter().filter(|r| r.programme == p.id).map(|r| r.as_of).max());
    let evaluation = on.map(|on| evaluate::evaluate(p, &loaded.reports, on));
    let rows = ledger::rows(p, evaluation.as_ref());
    let bytes = match format {
        LedgerFormat::Csv => ledger::to_csv(&rows).into_bytes(),
        LedgerFormat::Xlsx => {
            let workbook = ledger::to_xlsx(&rows).map_err(Failure::new)?;
            for c in &workbook.cut {
                say(&format!(
                    "row {}, task {}: the {} cell has {} characters, more than an Excel cell holds ({}); the workbook shows it cut with a mark (the CSV keeps it whole)",
                    c.row,
                    c.task,
                    c.column,
                    c.chars,
                    ledger::MAX_XLSX_CELL_CHARS
                ));
            }
            workbook.bytes
        }
    };
    files::write_bytes(&destination, args.force, &bytes)?;
    if let Destination::File(out) = &destination {
        say(&format!("wrote {} ({} rows)", out.display(), rows.len()));
    }
    if loaded.any_error {
        say("some reports have errors; their unusable figures were left out");
    }
    Ok(Verdict::errors_if(loaded.any_error))
}
