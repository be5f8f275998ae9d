//! A vault found with a non-empty write-ahead log was not closed cleanly (a crash, a
//! killed process) or has a WAL that is not its own. Opening it replays the log, and the
//! last connection's close folds the log into the vault file. When the log is not the
//! vault's, that would write foreign pages into it. So before such an open, the vault
//! file and its log are copied aside. If the open is refused, both are put back exactly
//! as they were; if it succeeds, the copies are removed.

use std::path::PathBuf;

use super::files::{copy_atomic, damaged};
use super::paths::VaultPaths;
use crate::error::Result;

/// Copies of the vault file and its WAL, taken before an open that will replay the WAL.
pub struct RecoveryCopy {
    db: PathBuf,
    wal: PathBuf,
}

impl RecoveryCopy {
    /// Takes the copies when the WAL exists and is not empty; otherwise there is nothing
    /// the open could fold in, and no copy is needed.
    pub fn before_open(paths: &VaultPaths) -> Result<Option<RecoveryCopy>> {
        let wal_len = std::fs::metadata(paths.wal()).map(|m| m.len()).unwrap_or(0);
        if wal_len == 0 {
            return Ok(None);
        }
        let copy = RecoveryCopy { db: sibling(paths, ".recovery"), wal: sibling(paths, ".recovery-wal") };
        copy_atomic(&paths.db, &copy.db)?;
        copy_atomic(&paths.wal(), &copy.wal)?;
        Ok(Some(copy))
    }

    /// The open succeeded: the vault is consistent, the copies are not needed.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.db);
        let _ = std::fs::remove_file(&self.wal);
    }

    /// The open was refused: put the vault file and its WAL back as they were.
    pub fn restore(self, paths: &VaultPaths) -> Result<()> {
        let _ = std::fs::remove_file(paths.shm());
        copy_atomic(&self.db, &paths.db)
            .and_then(|_| copy_atomic(&self.wal, &paths.wal()))
            .map_err(|_| damaged(paths, &format!("the vault could not be put back; a copy is at {}", self.db.display())))?;
        self.discard();
        Ok(())
    }
}

fn sibling(paths: &VaultPaths, suffix: &str) -> PathBuf {
    let mut name = paths.db.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}
