//! Atomic file writes: the new content goes to a temporary file beside the target, is flushed and
//! synced, and only then renamed over the target. A failure at any point leaves the old file whole.
//! A symbolic link is written through to its target, an existing file keeps its permissions, and
//! a read-only file is refused rather than replaced.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// Writes atomically with a given way of writing the bytes (tests pass one that fails midway).
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = follow_links(path)?;
    let existing = std::fs::metadata(&target).ok();
    if let Some(metadata) = &existing {
        if !metadata.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "{} is not a regular file; choose a file name",
                    target.display()
                ),
            ));
        }
        if metadata.permissions().readonly() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!(
                    "{} is read-only; make it writable (chmod u+w) or choose another file",
                    target.display()
                ),
            ));
        }
    }
    let temporary = temporary_path(&target);
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if let Some(metadata) = &existing {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(metadata.permissions().mode());
        }
        let mut file = options.open(&temporary)?;
        if let Some(metadata) = &existing {
            // The umask may have narrowed the mode given at creation; restore it exactly.
            file.set_permissions(metadata.permissions())?;
        }
        write(&mut file, bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, &target)?;
        if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(folder) = File::open(folder)
        {
            // Best effort: make the rename itself durable.
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// The file a path finally names, following symbolic links (a dangling link names its target).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if link.is_relative() => folder.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "{}: too many levels of symbolic links; name the file itself",
            path.display()
        ),
    ))
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "record".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
