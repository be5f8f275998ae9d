//! Backing up as the user asked: to the folder in the vault's settings (or one given for
//! this time), keeping the number of backups asked for, and recording the result in the
//! vault. The CLI's `amparo backup`, the app's "Back up now" and the automatic backup at
//! lock all come through here; the mechanism itself is `vault::backup`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::Store;
use crate::vault::backup::Made;
use crate::vault::{Progress, Vault};

/// Makes a backup now: into `to` if given, else the folder in the settings.
pub async fn back_up_now(vault: &Vault, store: &Store, to: Option<&Path>, progress: Progress<'_>) -> Result<Made> {
    let status = store.backup_status().await?;
    let dir: PathBuf = match to {
        Some(dir) => dir.to_path_buf(),
        None => status.folder.map(PathBuf::from).ok_or(Error::NoBackupFolder)?,
    };
    make(vault, store, &dir, status.keep, false, progress).await
}

/// The automatic backup, made when the vault locks: only when a folder is set and the
/// last good backup is more than a day old. Returns what was made, if anything.
pub async fn automatic(vault: &Vault, store: &Store) -> Result<Option<Made>> {
    let status = store.backup_status().await?;
    match (status.automatic_due(), status.folder) {
        (true, Some(folder)) => {
            Ok(Some(make(vault, store, Path::new(&folder), status.keep, true, &crate::vault::no_progress).await?))
        }
        _ => Ok(None),
    }
}

/// Writes the backup, then records it and thins the folder.
async fn make(
    vault: &Vault,
    store: &Store,
    dir: &Path,
    keep: usize,
    automatic: bool,
    progress: Progress<'_>,
) -> Result<Made> {
    let mut made = vault.backup_to(dir, progress).await?;
    store.record_backup(&mut made, keep, automatic).await?;
    Ok(made)
}
