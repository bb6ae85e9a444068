//! `minsheng import`: a notice's plain text to a draft programme on
//! standard output, what could not be placed and the account of the text
//! on standard error (or, with `--format json`, all three in one object on
//! standard output).

use std::path::PathBuf;

use minsheng::import::{Import, Options, notice_with};

use crate::Format;
use crate::output::{self, Failure, Outcome, Verdict, report_line};

/// Import a notice's plain text as a draft programme.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The notice's text file (UTF-8).
    file: PathBuf,
    /// The programme year, when the text does not say it plainly.
    #[arg(long)]
    year: Option<i32>,
    /// text: the draft programme's JSON on stdout, diagnostics and the
    /// account on stderr; json: one object {"programme", "diagnostics",
    /// "accounting", "summary"} on stdout, for programs that call the command.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = minsheng::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Imports the file and prints the programme (or the whole import) as
/// JSON. The account (`accounted for 100% of 3 412 characters; 3
/// diagnostics`) goes to standard error either way. Exit 0 even with
/// warnings; 1 when no task was recognised (the draft is still printed); 2
/// when the file cannot be read or is not UTF-8 text.
pub(crate) fn run(args: &Args) -> Outcome {
    let text = crate::input::text(&args.file, args.max_bytes)?;
    let mut options = Options::default().source(args.file.display().to_string());
    if let Some(y) = args.year {
        options = options.year(y);
    }
    let import = notice_with(&text, &options);
    let out = match args.format {
        Format::Text => {
            for d in &import.diagnostics {
                report_line(&format!("{}: {d}", args.file.display()));
            }
            minsheng::to_string_pretty(&import.programme)
                .map_err(|e| Failure::new(format!("cannot write the imported programme: {e}")))?
        }
        Format::Json => whole(&import)?,
    };
    let mut stdout = output::Stdout::new();
    stdout.write(&(out + "\n"))?;
    // The account closes the run, unless the reader has gone (| head).
    if stdout.finish_read()? {
        report_line(&format!("{}: {}", args.file.display(), import.accounting));
    }
    Ok(Verdict::errors_if(import.has_errors()))
}

/// The draft, the diagnostics and the account in one JSON object.
fn whole(import: &Import) -> Result<String, Failure> {
    let programme = serde_json::to_value(&import.programme)
        .map_err(|e| Failure::new(format!("cannot write the imported programme: {e}")))?;
    let doc = serde_json::json!({
        "programme": programme,
        "diagnostics": import.diagnostics,
        "accounting": import.accounting,
        "summary": import.accounting.to_string(),
    });
    serde_json::to_string_pretty(&doc).map_err(|e| Failure::new(format!("cannot write the import: {e}")))
}
