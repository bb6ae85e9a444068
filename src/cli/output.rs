//! How every command ends: one place that writes output, handles a closed
//! pipe and maps the outcome to an exit code.
//!
//! | exit | meaning |
//! |---|---|
//! | 0 | success (warnings allowed) |
//! | 1 | the input has errors (the output still describes it) |
//! | 2 | unreadable input, a refused argument or a failed write |
//!
//! A reader that stops early (`minsheng summary … | head -1`) is not a
//! failure: output stops quietly and the command exits as it would have.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// What a command found, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Nothing wrong with the input (exit 0).
    Clean,
    /// The input has errors; the output says which (exit 1).
    InputErrors,
}

impl Verdict {
    /// `InputErrors` when `errors` is true.
    pub(crate) fn errors_if(errors: bool) -> Self {
        if errors { Verdict::InputErrors } else { Verdict::Clean }
    }
}

/// Why a command stopped: unreadable input, a refused argument or a failed
/// write (exit 2). The message names the file or value and says what is
/// wrong.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl Failure {
    /// A failure with this message.
    pub(crate) fn new(message: impl fmt::Display) -> Self {
        Failure(message.to_string())
    }
}

/// The result of a command.
pub(crate) type Outcome = Result<Verdict, Failure>;

/// The exit code of an outcome; a failure's message goes to standard error.
pub(crate) fn exit(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(Verdict::Clean) => ExitCode::SUCCESS,
        Ok(Verdict::InputErrors) => ExitCode::from(1),
        Err(Failure(message)) => {
            say(&message);
            ExitCode::from(2)
        }
    }
}

/// Writes one line to standard error, prefixed `minsheng: `. A closed
/// standard error is not worth dying for: the line is dropped.
pub(crate) fn say(message: &str) {
    let _ = writeln!(io::stderr().lock(), "minsheng: {message}");
}

/// Writes one line to standard error as it is (findings, diagnostics).
pub(crate) fn report_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Standard output, buffered. Once the reader has gone (a closed pipe) every
/// further write is dropped and [`Stdout::is_closed`] says so, so long
/// outputs can stop early.
pub(crate) struct Stdout {
    out: io::BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    /// Standard output, locked for this command.
    pub(crate) fn new() -> Self {
        Stdout { out: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()), closed: false }
    }

    /// `true` once the reader has gone.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed
    }

    /// Writes `text` as it is.
    pub(crate) fn write(&mut self, text: &str) -> Result<(), Failure> {
        self.write_bytes(text.as_bytes())
    }

    /// Writes bytes as they are (a workbook piped on).
    pub(crate) fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let written = self.out.write_all(bytes);
        self.settle(written)
    }

    /// Writes `line` and a line end.
    pub(crate) fn line(&mut self, line: impl fmt::Display) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let written = writeln!(self.out, "{line}");
        self.settle(written)
    }

    /// Flushes what is buffered.
    pub(crate) fn finish(mut self) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.settle(flushed)
    }

    /// Flushes what is buffered; `true` when the reader took it all (no
    /// closed pipe), so that a closing note may follow on standard error.
    pub(crate) fn finish_read(mut self) -> Result<bool, Failure> {
        if !self.closed {
            let flushed = self.out.flush();
            self.settle(flushed)?;
        }
        Ok(!self.closed)
    }

    fn settle(&mut self, result: io::Result<()>) -> Result<(), Failure> {
        match result {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is not a failure of ours.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(Failure::new(format!("cannot write output: {e}"))),
        }
    }
}

/// Standard output as a writer, for output written piece by piece
/// (`serde_json::to_writer`, the generator). Once the reader has gone every
/// write fails with [`io::ErrorKind::BrokenPipe`], so a long writer stops;
/// [`Stdout::is_closed`] then says that this is not a failure. Other errors
/// are returned as they are: [`write_failure`] turns them into the usual
/// "cannot write output".
impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        let written = self.out.write_all(buf);
        if let Err(e) = &written
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        self.out.flush()
    }
}

/// What an error of a piece-by-piece write means for the command: nothing
/// when the reader has gone (a closed pipe), else "cannot write output".
pub(crate) fn write_failure(out: &Stdout, e: impl fmt::Display) -> Result<(), Failure> {
    if out.is_closed() { Ok(()) } else { Err(Failure::new(format!("cannot write output: {e}"))) }
}

/// Writes the whole of `text` to standard output.
pub(crate) fn print(text: &str) -> Result<(), Failure> {
    let mut out = Stdout::new();
    out.write(text)?;
    out.finish()
}
