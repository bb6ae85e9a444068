//! Writing files safely: the one place every command that writes a file
//! (`ledger --out`, `schema --out`, `export --out`) goes through.
//!
//! - An output that is one of the command's inputs is refused (`ledger --out
//!   prog.json … prog.json` would replace the programme).
//! - An existing file is refused unless `--force` is given.
//! - The data goes into a temporary file in the same directory, which is
//!   renamed over the name only once it is complete, so a failed write never
//!   leaves half a file (and never half-overwrites an old one).
//! - `-` means standard output, for the commands that write one file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::output::Failure;

/// Where a command writes: a file, or standard output for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// Standard output.
    Stdout,
    /// A file.
    File(PathBuf),
}

impl Destination {
    /// `-` is standard output; anything else a file.
    pub(crate) fn of(out: &Path) -> Self {
        if out.as_os_str() == "-" { Destination::Stdout } else { Destination::File(out.to_path_buf()) }
    }
}

/// `true` when `a` and `b` name the same existing file (through links or
/// another spelling of the path too).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Checks, before anything is written, that `path` may be written: it is
/// none of `inputs`, and it does not exist unless `force`.
pub(crate) fn check(path: &Path, inputs: &[&Path], force: bool) -> Result<(), Failure> {
    if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
        return Err(Failure::new(format!(
            "refusing to write {}: it is the input {}; choose another output",
            path.display(),
            input.display()
        )));
    }
    if !force && path.symlink_metadata().is_ok() {
        return Err(Failure::new(format!(
            "refusing to overwrite {}: it exists; pass --force to replace it",
            path.display()
        )));
    }
    Ok(())
}

/// Writes a file through a temporary file in the same directory, renamed
/// over `path` once `write` has succeeded and the data is on disk. Without
/// `force` the rename refuses an existing file (checked again at the last
/// moment, so a file that appeared meanwhile is not replaced either). On any
/// failure the temporary file is removed and `path` is as it was.
pub(crate) fn write_atomically(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: &dyn std::fmt::Display| Failure::new(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".minsheng-").suffix(".tmp");
    // A new file gets the permissions any new file gets (0666 less the
    // umask), not a temporary file's 0600; a replaced file keeps its own.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions =
            std::fs::metadata(path).map(|m| m.permissions()).unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666));
        builder.permissions(permissions);
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| fail(&e))?;
    {
        let mut buffered = io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered).map_err(|e| fail(&e))?;
        buffered.flush().map_err(|e| fail(&e))?;
    }
    temp.as_file().sync_all().map_err(|e| fail(&e))?;
    let kept = if force { temp.persist(path) } else { temp.persist_noclobber(path) };
    kept.map(drop).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            Failure::new(format!("refusing to overwrite {}: it exists; pass --force to replace it", path.display()))
        } else {
            fail(&e.error)
        }
    })
}

/// Writes `bytes` to `destination`: standard output, or a file as
/// [`write_atomically`] does.
pub(crate) fn write_bytes(destination: &Destination, force: bool, bytes: &[u8]) -> Result<(), Failure> {
    match destination {
        Destination::Stdout => {
            let mut out = crate::output::Stdout::new();
            out.write_bytes(bytes)?;
            out.finish()
        }
        Destination::File(path) => write_atomically(path, force, |w| w.write_all(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("minsheng-files-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_no_file_and_no_half_file() {
        let dir = scratch("failed");
        let path = dir.join("out.csv");
        let r = write_atomically(&path, false, |w| {
            w.write_all(b"half of the")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.unwrap_err().0.contains("disk full"));
        assert_eq!(entries(&dir), Vec::<String>::new(), "neither the file nor a temporary file is left");
        // An old file survives a failed overwrite whole.
        std::fs::write(&path, "old").unwrap();
        let r = write_atomically(&path, true, |w| {
            w.write_all(b"new but")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(entries(&dir), ["out.csv"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn existing_files_need_force_and_inputs_are_never_outputs() {
        let dir = scratch("force");
        let path = dir.join("out.csv");
        write_atomically(&path, false, |w| w.write_all(b"one")).unwrap();
        let e = write_atomically(&path, false, |w| w.write_all(b"two")).unwrap_err();
        assert!(e.0.contains("--force"), "{}", e.0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write_atomically(&path, true, |w| w.write_all(b"two")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert!(check(&path, &[], false).unwrap_err().0.contains("--force"));
        assert!(check(&path, &[], true).is_ok());
        // The same file under another spelling is still the input, even with --force.
        let other_spelling = dir.join(".").join("out.csv");
        let e = check(&other_spelling, &[&path], true).unwrap_err();
        assert!(e.0.contains("it is the input"), "{}", e.0);
        assert!(check(&dir.join("new.csv"), &[&path], false).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_dash_is_standard_output() {
        assert_eq!(Destination::of(Path::new("-")), Destination::Stdout);
        assert_eq!(Destination::of(Path::new("-.csv")), Destination::File(PathBuf::from("-.csv")));
    }
}
