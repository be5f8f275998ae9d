//! File-level checks and writes: what is on disk before SQLCipher is asked anything,
//! the one-process lock, and crash-safe replacement of small files.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use super::header::{Header, HeaderProblem, MAX_HEADER_BYTES};
use super::paths::VaultPaths;
use crate::error::{Error, Result};
use crate::owner_only;

/// SQLCipher's page size; an intact database file is a whole number of pages.
pub const PAGE_SIZE: u64 = 4096;

/// Reads and checks the header and the database file's shape, changing nothing.
pub fn inspect(paths: &VaultPaths) -> Result<Header> {
    let db_meta = require_present(paths)?;
    let header = read_header(paths)?;
    let len = db_meta.len();
    if len == 0 {
        return Err(damaged(paths, "the data file is empty"));
    }
    if len % PAGE_SIZE != 0 {
        return Err(damaged(paths, "the data file is cut short (truncated)"));
    }
    Ok(header)
}

/// The database file's metadata, or the error that says what is there instead.
pub fn require_present(paths: &VaultPaths) -> Result<fs::Metadata> {
    let db_meta = match fs::metadata(&paths.db) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if paths.header.exists() {
                damaged(paths, "the data file is missing (only its header is there)")
            } else {
                Error::NoVault(paths.db.clone())
            });
        }
        Err(e) => return Err(Error::io(&paths.db, e)),
    };
    if !db_meta.is_file() {
        return Err(Error::NotAVault(paths.db.clone()));
    }
    Ok(db_meta)
}

fn read_header(paths: &VaultPaths) -> Result<Header> {
    let file = match File::open(&paths.header) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotAVault(paths.db.clone())),
        Err(e) => return Err(Error::io(&paths.header, e)),
    };
    if !file.metadata().map_err(|e| Error::io(&paths.header, e))?.is_file() {
        return Err(Error::NotAVault(paths.db.clone()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_HEADER_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| Error::io(&paths.header, e))?;
    Header::parse(&bytes).map_err(|p| match p {
        HeaderProblem::Foreign => Error::NotAVault(paths.db.clone()),
        HeaderProblem::Broken(why) => damaged(paths, &why),
        HeaderProblem::Newer(found) => Error::NewerVersion { found, supported: super::header::FORMAT_VERSION },
    })
}

pub fn damaged(paths: &VaultPaths, detail: &str) -> Error {
    Error::Damaged { path: paths.db.clone(), detail: detail.to_string() }
}

/// Takes the exclusive advisory lock that keeps a second Amparo process off the vault.
/// The returned handle must outlive every SQLite connection to the file: closing any
/// descriptor of the file drops this process's POSIX locks on it (SQLite's own locks).
pub fn lock_exclusive(paths: &VaultPaths) -> Result<File> {
    lock_file(&paths.db)
}

/// Creates an empty file readable only by its owner, failing if it exists.
pub fn create_private(path: &Path) -> Result<()> {
    owner_only::file(OpenOptions::new().write(true).create_new(true)).open(path).map(|_| ()).map_err(|e| {
        match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::AlreadyExists(path.to_path_buf()),
            _ => Error::io(path, e),
        }
    })
}

/// Takes group and other access away from the vault's files (copied in by a file manager,
/// restored from a careless archive, or made by an older version), and from its folder
/// when the folder is Amparo's own: a folder the user chose, such as their home, is not
/// Amparo's to change. Returns the names it tightened, for the audit log. Files that are
/// not the user's own are left alone (chmod would fail anyway).
pub fn tighten_permissions(paths: &VaultPaths) -> Vec<String> {
    let mut tightened = Vec::new();
    let mut fix = |path: &Path, is_dir: bool| {
        let Ok(meta) = fs::symlink_metadata(path) else { return };
        if meta.file_type().is_symlink() || !owner_only::open_to_others(&meta) {
            return;
        }
        if owner_only::restrict(path, is_dir).is_ok() {
            tightened.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        }
    };
    for file in [paths.db.clone(), paths.header.clone(), paths.wal(), paths.shm()] {
        fix(&file, false);
    }
    let own_folder = super::paths::default_vault_path().parent().map(Path::to_path_buf);
    if own_folder.as_deref() == Some(paths.dir().as_path()) {
        fix(&paths.dir(), true);
    }
    tightened
}

/// Makes the folder (owner-only) if it is missing.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    owner_only::dir_builder().recursive(true).create(dir).map_err(|e| Error::io(dir, e))
}

/// Replaces `path` with `bytes` owner-only, making its folder (owner-only) if missing: for
/// small files beside a vault, such as the app's preferences.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        ensure_private_dir(dir)?;
    }
    write_atomic(path, bytes)
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new content.
/// The temporary file has a random name (created exclusively, never following a planted
/// symlink) that starts with the target's name, so a leftover is recognised and removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut prefix = path.file_name().unwrap_or_default().to_owned();
    prefix.push(".tmp-");
    let result = (|| {
        let mut tmp = owner_only::temp_builder(&prefix).tempfile_in(&dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        sync_dir(path)
    })();
    result.map_err(|e| io_error(path, e))
}

/// The I/O error, or disk-full when that is what it was.
pub fn io_error(path: &Path, e: std::io::Error) -> Error {
    // StorageFull is ENOSPC on Unix and ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
    if e.kind() == std::io::ErrorKind::StorageFull {
        Error::DiskFull
    } else {
        Error::io(path, e)
    }
}

/// Renames durably: the rename, then the folder's entry flushed.
pub fn rename_durable(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).and_then(|_| sync_dir(to)).map_err(|e| io_error(to, e))
}

/// Flushes a file's bytes to the disk.
pub fn sync_file(path: &Path) -> Result<()> {
    File::open(path).and_then(|f| f.sync_all()).map_err(|e| io_error(path, e))
}

/// Takes the exclusive advisory lock on `path` itself (a file about to become the vault).
/// Tries for a quarter of a second before saying the vault is in use: a lock just let go
/// can linger for a moment in a process that is starting another program (the copy of
/// the descriptor a fork makes lives until the new program starts).
pub fn lock_file(path: &Path) -> Result<File> {
    let file = lock_target(path).map_err(|e| Error::io(path, e))?;
    for attempt in 0..25 {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if attempt < 24 => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(fs::TryLockError::WouldBlock) => return Err(Error::AlreadyOpen),
            Err(fs::TryLockError::Error(e)) => return Err(Error::io(path, e)),
        }
    }
    Err(Error::AlreadyOpen)
}

/// The lock that keeps other processes off a file about to take the vault's name (a
/// re-keyed or restored copy), held until the caller has made it the vault. On Unix the
/// lock is on the file itself and moves with the rename. Where it sits on a file beside
/// the vault (Windows), the vault's own lock, already held when there is a vault, covers
/// the new file too, so there is nothing more to take; with no vault yet (a restore at
/// first run) the vault's lock is taken here.
pub fn lock_incoming(incoming: &Path, vault: &VaultPaths) -> Result<Option<File>> {
    #[cfg(unix)]
    {
        let _ = vault;
        lock_file(incoming).map(Some)
    }
    #[cfg(not(unix))]
    {
        let _ = incoming;
        if vault.db.exists() {
            Ok(None)
        } else {
            lock_exclusive(vault).map(Some)
        }
    }
}

#[cfg(unix)]
fn lock_target(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Windows locks are mandatory: a lock on the database itself would keep SQLite, in this
/// very process, from reading it. The lock sits on an empty file beside it instead.
#[cfg(not(unix))]
fn lock_target(path: &Path) -> std::io::Result<File> {
    let mut name = path.as_os_str().to_owned();
    name.push("-lock");
    OpenOptions::new().create(true).truncate(false).write(true).open(std::path::PathBuf::from(name))
}

/// Copies `from` to `to` through a temporary file, durably.
pub fn copy_atomic(from: &Path, to: &Path) -> Result<()> {
    let bytes = fs::read(from).map_err(|e| Error::io(from, e))?;
    write_atomic(to, &bytes)
}

/// Flushes the folder's entry for `path` (a rename is durable only then, on Unix). Windows
/// cannot open a folder as a file; NTFS journals the rename itself.
#[cfg(unix)]
pub fn sync_dir(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

#[cfg(not(unix))]
pub fn sync_dir(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
