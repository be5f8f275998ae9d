//! Vault commands: status, create, unlock, lock, passphrase strength and change, the
//! recovery code, the page's sign of activity, and the progress of a long job.
//!
//! Passphrases and recovery codes arrive as `SecretString`, deserialised straight from
//! the request, so the command's own copy is wiped when dropped.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use tauri::State;

use amparo::vault::passphrase::{strength, Strength};
use amparo::vault::{KdfParams, RecoveryCode, Settled, Vault};

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

/// What the user must be told after an unlock (or a creation).
#[derive(Serialize, Default, ts_rs::TS)]
#[ts(export)]
pub struct Unlocked {
    /// A recovery code made just now: shown once, never again.
    pub recovery_code: Option<String>,
    /// "new" or "previous": which passphrase an interrupted change left in force.
    pub interrupted_change: Option<String>,
}

#[tauri::command]
pub async fn vault_status(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    let unlocked = state.vault.lock().await.is_some();
    Ok(VaultStatus { path: state.path.display().to_string(), exists: state.path.exists(), unlocked })
}

#[tauri::command]
pub async fn create_vault(state: State<'_, AppState>, passphrase: SecretString) -> CmdResult<Unlocked> {
    let mut slot = state.vault.lock().await;
    let (vault, code) = Vault::create(&state.path, &passphrase, KdfParams::calibrated()).await?;
    *slot = Some(vault);
    state.activity.restart();
    Ok(Unlocked { recovery_code: Some(code.reveal().to_string()), interrupted_change: None })
}

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: SecretString) -> CmdResult<Unlocked> {
    state.unlock(&passphrase).await
}

/// Waits for the whole-file check that follows an unlock and says what it found; the page
/// warns when it found damage (the vault then takes no changes). The app's hold on the
/// vault is let go before the wait, which may take seconds on a large vault.
#[tauri::command]
pub async fn vault_integrity(state: State<'_, AppState>) -> CmdResult<amparo::vault::Integrity> {
    let waiter = state.vault.lock().await.as_ref().ok_or_else(CommandError::locked)?.integrity_waiter();
    Ok(waiter.await)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> CmdResult<()> {
    state.lock().await;
    Ok(())
}

#[tauri::command]
pub fn passphrase_strength(passphrase: SecretString) -> Strength {
    strength(&passphrase)
}

/// The page saw the user at work (a key, a click, a scroll; not a mouse passing over).
/// False when the vault is locked or the user was away for the auto-lock time: the page
/// then locks, keeping its draft, rather than carrying on.
#[tauri::command]
pub async fn heartbeat(state: State<'_, AppState>) -> CmdResult<bool> {
    Ok(state.heartbeat().await)
}

/// Re-encrypts the vault under a fresh key with the new passphrase. The UI asks for the
/// new one twice; this checks both match so a typo can never become the passphrase.
#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: SecretString,
    new: SecretString,
    repeat: SecretString,
) -> CmdResult<()> {
    if new.expose_secret() != repeat.expose_secret() {
        return Err(mismatch());
    }
    let mut slot = state.vault_for_user().await?;
    let vault = slot.as_mut().ok_or_else(CommandError::locked)?;
    let progress = state.progress.clone();
    progress.start();
    let result = vault
        .change_passphrase_with(&current, &new, KdfParams::calibrated(), &|d, t| progress.set(d, t), &mut |_| Ok(()))
        .await;
    progress.finish();
    result.map_err(Into::into)
}

/// Sets a new passphrase with the recovery code, and unlocks.
#[tauri::command]
pub async fn recover(
    state: State<'_, AppState>,
    code: SecretString,
    new: SecretString,
    repeat: SecretString,
) -> CmdResult<()> {
    if new.expose_secret() != repeat.expose_secret() {
        return Err(mismatch());
    }
    let code: RecoveryCode = code.expose_secret().parse().map_err(CommandError::from)?;
    let mut slot = state.vault.lock().await;
    if slot.is_some() {
        return Err(CommandError::from(amparo::Error::AlreadyOpen));
    }
    let vault = Vault::recover(&state.path, &code, &new, KdfParams::calibrated()).await?;
    *slot = Some(vault);
    state.activity.restart();
    Ok(())
}

/// Makes a new recovery code (the old one stops working) and returns it to show once.
#[tauri::command]
pub async fn new_recovery_code(state: State<'_, AppState>, passphrase: SecretString) -> CmdResult<String> {
    let mut slot = state.vault_for_user().await?;
    let vault = slot.as_mut().ok_or_else(CommandError::locked)?;
    let code = vault.new_recovery_code(&passphrase, KdfParams::calibrated()).await?;
    Ok(code.reveal().to_string())
}

/// How far the running long job (re-encryption, backup, restore) has got, 0-100; None
/// when nothing is running.
#[tauri::command]
pub fn job_progress(state: State<'_, AppState>) -> Option<u32> {
    state.progress.percent()
}

pub fn interrupted_word(s: Settled) -> String {
    match s {
        Settled::RolledForward => "new".into(),
        Settled::RolledBack => "previous".into(),
    }
}

fn mismatch() -> CommandError {
    CommandError {
        code: "passphrase_mismatch".into(),
        message: "The two new passphrases are not the same. Nothing was changed.".into(),
        fields: vec![],
    }
}
