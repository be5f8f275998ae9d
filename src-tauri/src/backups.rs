//! Backup commands: settings, "Back up now", and restore from the unlock screen.

use std::path::PathBuf;

use secrecy::SecretString;
use serde::Serialize;
use tauri::State;

use amparo::store::backups::BackupStatus;
use amparo::vault::backup::{self, Made, Restored, Summary};

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> CmdResult<BackupStatus> {
    Ok(state.store().await?.backup_status().await?)
}

#[tauri::command]
pub async fn set_backup_settings(state: State<'_, AppState>, folder: String, keep: usize) -> CmdResult<()> {
    Ok(state.store().await?.set_backup_settings(&folder, keep).await?)
}

#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> CmdResult<Made> {
    let guard = state.vault_for_user().await?;
    let vault = guard.as_ref().ok_or_else(CommandError::locked)?;
    let store = state.store_for(vault).await?;
    let progress = state.progress.clone();
    progress.start();
    let made = amparo::backups::back_up_now(vault, &store, None, &|d, t| progress.set(d, t)).await;
    progress.finish();
    Ok(made?)
}

/// What a restore would put in place and what it would replace.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RestorePreview {
    pub incoming: Summary,
    /// The current vault's size in bytes, if there is one (it is locked: only its size
    /// and date can be known without its passphrase).
    #[ts(type = "number | null")]
    pub current_bytes: Option<u64>,
    pub current_modified: Option<String>,
    /// The schema version the backup will be upgraded to at its first unlock, if older.
    #[ts(type = "number | null")]
    pub upgrades_to: Option<i64>,
}

/// Checks a backup with its passphrase and says what it holds, changing nothing.
#[tauri::command]
pub async fn preview_restore(
    state: State<'_, AppState>,
    file: String,
    passphrase: SecretString,
) -> CmdResult<RestorePreview> {
    let incoming = backup::verify(&PathBuf::from(file.trim()), &passphrase).await?;
    let meta = std::fs::metadata(&state.path).ok();
    let newest = amparo::vault::newest_schema();
    Ok(RestorePreview {
        upgrades_to: (incoming.schema_version < newest).then_some(newest),
        incoming,
        current_bytes: meta.as_ref().map(|m| m.len()),
        current_modified: meta
            .and_then(|m| m.modified().ok())
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    })
}

/// Restores a backup in place of the (locked) vault; the replaced one is kept aside.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String, passphrase: SecretString) -> CmdResult<Restored> {
    let slot = state.vault.lock().await;
    if slot.is_some() {
        return Err(CommandError::from(amparo::Error::AlreadyOpen));
    }
    let progress = state.progress.clone();
    progress.start();
    let restored = backup::restore(&PathBuf::from(file.trim()), &state.path, &passphrase).await;
    progress.finish();
    Ok(restored?)
}
