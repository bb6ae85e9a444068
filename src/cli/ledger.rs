//! `minsheng ledger`: the work ledger (工作台账) as CSV or XLSX.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minsheng::evaluate;

use crate::output::{Failure, Outcome, Verdict, say};

/// Write the work ledger: one row per task and target, with the latest progress.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The programme file (JSON).
    programme: PathBuf,
    /// Progress reports (JSON), in the order received.
    reports: Vec<PathBuf>,
    /// The file to write; `.csv` or `.xlsx` chooses the format.
    #[arg(long)]
    out: PathBuf,
    /// The date progress stands at, YYYY-MM-DD (default: the latest report's).
    #[arg(long, value_parser = minsheng::parse_date)]
    as_of: Option<NaiveDate>,
    /// The format, when the file name does not say.
    #[arg(long, value_enum)]
    format: Option<LedgerFormat>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Output format of the ledger.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LedgerFormat {
    /// CSV with a UTF-8 byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// The format `--format` names, else the one the file name's extension says.
fn format_of(out: &Path, format: Option<LedgerFormat>) -> Result<LedgerFormat, Failure> {
    if let Some(f) = format {
        return Ok(f);
    }
    match out.extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => Ok(LedgerFormat::Xlsx),
        Some("csv") => Ok(LedgerFormat::Csv),
        _ => Err(Failure::new(format!(
            "cannot tell the format of {}: name it .csv or .xlsx, or pass --format",
            out.display()
        ))),
    }
}

/// Writes the ledger. Exit 1 when a report has errors (their unusable
/// figures are left out).
pub(crate) fn run(args: &Args) -> Outcome {
    let format = format_of(&args.out, args.format)?;
    let loaded = crate::input::programme_with_reports(&args.programme, &args.reports, args.max_bytes)?;
    let p = &loaded.programme;
    // Without --as-of, progress stands at the latest report's date.
    let on = args.as_of.or_else(|| loaded.reports.iter().filter(|r| r.programme == p.id).map(|r| r.as_of).max());
    let evaluation = on.map(|on| evaluate::evaluate(p, &loaded.reports, on));
    let rows = minsheng::ledger::rows(p, evaluation.as_ref());
    let bytes = match format {
        LedgerFormat::Csv => minsheng::ledger::to_csv(&rows).into_bytes(),
        LedgerFormat::Xlsx => {
            minsheng::ledger::to_xlsx(&rows).map_err(|e| Failure::new(format!("cannot build the workbook: {e}")))?
        }
    };
    std::fs::write(&args.out, bytes).map_err(|e| Failure::new(format!("cannot write {}: {e}", args.out.display())))?;
    say(&format!("wrote {} ({} rows)", args.out.display(), rows.len()));
    if loaded.any_error {
        say("some reports have errors; their unusable figures were left out");
    }
    Ok(Verdict::errors_if(loaded.any_error))
}
