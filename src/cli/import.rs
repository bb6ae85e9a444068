//! `minsheng import`: a notice's plain text to a draft programme on
//! standard output, what could not be placed on standard error.

use std::path::PathBuf;

use minsheng::import::{Options, notice_with};

use crate::output::{self, Failure, Outcome, Verdict, report_line};

/// Import a notice's plain text as a draft programme.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The notice's text file (UTF-8).
    file: PathBuf,
    /// The programme year, when the text does not say it plainly.
    #[arg(long)]
    year: Option<i32>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Imports the file and prints the programme as JSON; diagnostics go to
/// standard error, one a line. Exit 0 even with diagnostics; 2 when the file
/// cannot be read or is not UTF-8 text.
pub(crate) fn run(args: &Args) -> Outcome {
    let text = crate::input::text(&args.file, args.max_bytes)?;
    let mut options = Options::default().source(args.file.display().to_string());
    if let Some(y) = args.year {
        options = options.year(y);
    }
    let import = notice_with(&text, &options);
    for d in &import.diagnostics {
        report_line(&format!("{}: {d}", args.file.display()));
    }
    let json = minsheng::to_string_pretty(&import.programme)
        .map_err(|e| Failure::new(format!("cannot write the imported programme: {e}")))?;
    output::print(&(json + "\n"))?;
    Ok(Verdict::Clean)
}
