//! Writing a generated programme as JSON one task at a time.
//!
//! The frame (every field but the tasks) is small: it is pretty-printed
//! whole, with one placeholder task in each section that has tasks. The
//! text is then written up to each placeholder, where the section's tasks
//! are made and pretty-printed one by one at the placeholder's depth. A
//! pretty-printed JSON string never holds a raw line break (it is written
//! `\n`), so indenting every line of a task's text by the depth is exact.

use std::io::{self, Write};

use super::{MAX_TASKS, Options, start};
use crate::model::{Programme, Task, TaskId};

/// Why [`write_programme`] stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// More tasks were asked for than [`MAX_TASKS`].
    #[error("{requested} tasks were asked for; the generator makes at most {max}")]
    TooManyTasks {
        /// The tasks asked for.
        requested: usize,
        /// [`MAX_TASKS`].
        max: usize,
    },
    /// The writer failed (a full disk, a closed pipe).
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Where a section's tasks stand in the pretty-printed programme: the
/// programme's object, `sections`, a section's object, `tasks`, eight spaces.
const TASK_INDENT: &[u8] = b"        ";

/// The id of the placeholder task; generated ids are `t1`, `t2`…
const SLOT_ID: &str = "gen-stream-slot";

/// Writes the programme [`programme`](super::programme) gives for
/// `options` as pretty-printed JSON with a final line break, the text
/// [`to_string_pretty`](crate::to_string_pretty) would give, without
/// holding the programme: memory stays at a few megabytes for any size.
/// Wrap the writer in a [`std::io::BufWriter`] unless it buffers itself.
///
/// ```
/// use minsheng::generate::{self, Options};
/// let options = Options { tasks: 25, seed: 3 };
/// let mut json = Vec::new();
/// generate::write_programme(&options, &mut json)?;
/// assert_eq!(minsheng::from_slice(&json)?, generate::programme(&options));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`WriteError::TooManyTasks`] above [`MAX_TASKS`] (nothing is written),
/// [`WriteError::Io`] when the writer fails.
pub fn write_programme(options: &Options, out: &mut impl Write) -> Result<(), WriteError> {
    if options.tasks > MAX_TASKS {
        return Err(WriteError::TooManyTasks { requested: options.tasks, max: MAX_TASKS });
    }
    let (draft, city, year) = start(options);
    let Some(mut draft) = draft else {
        return pretty(&super::empty(city, year), out);
    };
    let slot = Task::new(slot_id()?, "");
    let mut frame = draft.shell.clone();
    for (section, &size) in frame.sections.iter_mut().zip(draft.sizes()) {
        if size > 0 {
            section.tasks.push(slot.clone());
        }
    }
    let frame = crate::to_string_pretty(&frame).map_err(io::Error::from)?;
    let mut slot_text = Vec::new();
    serde_json::to_writer_pretty(Indent::new(&mut slot_text), &slot).map_err(io::Error::from)?;
    let slot_text = String::from_utf8(slot_text).map_err(io::Error::other)?;
    let mut pieces = frame.split(slot_text.as_str());
    out.write_all(pieces.next().unwrap_or_default().as_bytes())?;
    let mut g = 0;
    for &size in draft.sizes().to_vec().iter().filter(|&&size| size > 0) {
        for k in 0..size {
            if k > 0 {
                out.write_all(b",\n")?;
                out.write_all(TASK_INDENT)?;
            }
            let task = draft.task(g).ok_or_else(|| io::Error::other("the generator could not make a task"))?;
            serde_json::to_writer_pretty(Indent::new(&mut *out), &task).map_err(io::Error::from)?;
            g += 1;
        }
        out.write_all(pieces.next().unwrap_or_default().as_bytes())?;
    }
    Ok(())
}

fn slot_id() -> Result<TaskId, WriteError> {
    SLOT_ID.parse().map_err(|_| WriteError::Io(io::Error::other("the placeholder id is not an id")))
}

/// Writes a whole programme pretty-printed.
fn pretty(p: &Programme, out: &mut impl Write) -> Result<(), WriteError> {
    let text = crate::to_string_pretty(p).map_err(io::Error::from)?;
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// A writer that indents every line after the first by [`TASK_INDENT`].
struct Indent<W: Write> {
    inner: W,
}

impl<W: Write> Indent<W> {
    fn new(inner: W) -> Self {
        Self { inner }
    }
}

impl<W: Write> Write for Indent<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.inner.write_all(first)?;
        }
        for line in lines {
            self.inner.write_all(b"\n")?;
            self.inner.write_all(TASK_INDENT)?;
            self.inner.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
