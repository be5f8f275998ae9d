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
    let mut made = vault.backup_to(&dir, progress).await?;
    store.record_backup(&made, false).await?;
    made.removed = store.thin_backups(&dir, status.keep, &made.file).await?;
    Ok(made)
}

/// The automatic backup, made when the vault locks: only when a folder is set and the
/// last good backup is more than a day old. Returns what was made, if anything.
pub async fn automatic(vault: &Vault, store: &Store) -> Result<Option<Made>> {
    if !store.automatic_backup_due().await? {
        return Ok(None);
    }
    let status = store.backup_status().await?;
    let dir = PathBuf::from(status.folder.ok_or(Error::NoBackupFolder)?);
    let mut made = vault.backup_to(&dir, &crate::vault::no_progress).await?;
    store.record_backup(&made, true).await?;
    made.removed = store.thin_backups(&dir, status.keep, &made.file).await?;
    Ok(Some(made))
}
