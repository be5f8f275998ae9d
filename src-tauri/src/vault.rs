//! Vault commands: status, create, unlock, lock, passphrase strength and change.

use secrecy::SecretString;
use serde::Serialize;
use tauri::State;

use amparo::vault::passphrase::{strength, Strength};
use amparo::vault::KdfParams;
use amparo::Vault;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// Whether there is a vault and whether it is open.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VaultStatus {
    pub path: String,
    pub exists: bool,
    pub unlocked: bool,
}

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    let unlocked = state.vault.lock().await.is_some();
    Ok(VaultStatus { path: state.path.display().to_string(), exists: state.path.exists(), unlocked })
}

#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, passphrase: String) -> CmdResult<()> {
    let mut slot = state.vault.lock().await;
    let vault = Vault::create(&state.path, &SecretString::from(passphrase), KdfParams::DEFAULT).await?;
    *slot = Some(vault);
    Ok(())
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> CmdResult<()> {
    state.unlock(&SecretString::from(passphrase)).await
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> CmdResult<()> {
    state.lock().await;
    Ok(())
}

#[tauri::command]
pub fn passphrase_strength(passphrase: String) -> Strength {
    strength(&SecretString::from(passphrase))
}

#[tauri::command]
pub async fn change_passphrase(state: State<'_, AppState>, current: String, new: String) -> CmdResult<()> {
    let mut slot = state.vault.lock().await;
    let vault = slot.as_mut().ok_or_else(CommandError::locked)?;
    vault
        .change_passphrase(&SecretString::from(current), &SecretString::from(new), KdfParams::DEFAULT)
        .await
        .map_err(Into::into)
}
