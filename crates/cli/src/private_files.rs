//! Files and folders only their owner can open (mode 0600 and 0700 on Unix), never
//! overwriting what exists: case-team identities, decrypted exports and their photos.

use std::io::Write as _;
use std::path::Path;

/// Creates a new file only its owner can read; an existing file is an error.
#[cfg(unix)]
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

/// Creates a new file; an existing file is an error.
#[cfg(not(unix))]
pub fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates a folder only its owner can open; an existing empty folder will do.
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    if path.is_dir() && std::fs::read_dir(path)?.next().is_none() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Writes `bytes` to a new private file, synced to disk.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}
