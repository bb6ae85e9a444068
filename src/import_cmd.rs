//! `minsheng import`: a notice's plain text to a draft programme on stdout,
//! what could not be placed on stderr.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use minsheng::import::{Options, notice_with};

/// Imports `file` and prints the programme as JSON.
///
/// Exit 0 even with diagnostics (they go to stderr, one a line); 2 when the
/// file cannot be read or is not UTF-8 text.
pub fn import(file: &Path, year: Option<i32>, max_bytes: u64) -> ExitCode {
    let bytes = match minsheng::read_limited(file, max_bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("minsheng: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            eprintln!(
                "minsheng: {}: not UTF-8 text (invalid byte at offset {at}); convert it first, e.g. with iconv -f GB18030",
                file.display()
            );
            return ExitCode::from(2);
        }
    };
    let mut options = Options::default().source(file.display().to_string());
    if let Some(y) = year {
        options = options.year(y);
    }
    let import = notice_with(&text, &options);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &import.diagnostics {
        let _ = writeln!(err, "{}: {d}", file.display());
    }
    match minsheng::to_string_pretty(&import.programme) {
        Ok(json) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            if writeln!(out, "{json}").is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("minsheng: cannot serialize the imported programme: {e}");
            ExitCode::from(1)
        }
    }
}
