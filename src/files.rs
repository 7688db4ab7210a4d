//! Reading the files a user names: the size is capped (a device or a runaway file is refused, not
//! read forever), text must be UTF-8 (the first bad byte is located), and read errors are sorted
//! into the user's fault (exit code 2) and the machine's (exit code 1).

use std::io::Read;
use std::path::Path;

/// The largest scenario, variant or record read. Shipped scenarios are tens of kilobytes and a
/// whole game's record a few hundred.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a named file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read the file: {0}")]
    Io(#[source] std::io::Error),
    #[error(
        "the file is larger than {} MiB, far more than any scenario or game record; check that this is the right file",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge,
    #[error("not UTF-8 text (byte 0x{byte:02X}); save the file as UTF-8 or remove the character")]
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
}

impl InputError {
    /// The 1-based line and column of the problem, when it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            InputError::NotUtf8 { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// True when the fault is in what the user named (exit code 2), not the machine.
    pub fn is_bad_input(&self) -> bool {
        match self {
            InputError::Io(error) => is_bad_path(error),
            InputError::TooLarge | InputError::NotUtf8 { .. } => true,
        }
    }
}

/// Reads a text file of at most `MAX_INPUT_BYTES`.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let file = std::fs::File::open(path).map_err(InputError::Io)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |t| t.chars().count()) + 1;
        InputError::NotUtf8 {
            line,
            column,
            byte: bytes.get(valid).copied().unwrap_or(0),
        }
    })
}

/// True when an error opening or reading a named file is the user's to fix: a missing file, a
/// folder, no permission, a symlink loop, a name too long.
pub fn is_bad_path(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    if matches!(
        error.kind(),
        NotFound
            | IsADirectory
            | NotADirectory
            | InvalidData
            | InvalidInput
            | InvalidFilename
            | PermissionDenied
            | ReadOnlyFilesystem
    ) {
        return true;
    }
    // Too many levels of symbolic links (ELOOP) has no stable kind of its own.
    #[cfg(target_os = "linux")]
    const SYMLINK_LOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const SYMLINK_LOOP: i32 = 62;
    error.raw_os_error() == Some(SYMLINK_LOOP)
}
