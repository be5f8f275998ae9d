//! What the app holds: where the vault is, and the unlocked vault when there is one.

use std::path::PathBuf;

use tokio::sync::Mutex;

use amparo::{Store, Vault};

use crate::error::{CmdResult, CommandError};

/// Shared by every command.
pub struct AppState {
    pub path: PathBuf,
    pub vault: Mutex<Option<Vault>>,
    /// The user's own name, for the audit log and assignments.
    pub actor: String,
}

impl AppState {
    pub fn new(path: PathBuf) -> Self {
        let actor =
            std::env::var("AMPARO_USER").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "volunteer".into());
        AppState { path, vault: Mutex::new(None), actor }
    }

    /// Opens the vault if it is not open already.
    pub async fn unlock(&self, passphrase: &secrecy::SecretString) -> CmdResult<()> {
        let mut slot = self.vault.lock().await;
        if slot.is_none() {
            *slot = Some(Vault::open(&self.path, passphrase).await?);
        }
        Ok(())
    }

    /// Locks the vault. Commands already running finish first (the pool waits for its
    /// connection to come back); any that start after see "locked".
    pub async fn lock(&self) {
        let vault = self.vault.lock().await.take();
        if let Some(vault) = vault {
            vault.lock().await;
        }
    }

    /// A store over the unlocked vault, or the "locked" error. The audit log names the
    /// user by the name saved in the vault, else by the system user.
    pub async fn store(&self) -> CmdResult<Store> {
        let guard = self.vault.lock().await;
        let vault = guard.as_ref().ok_or_else(CommandError::locked)?;
        let store = Store::new(vault.pool().clone(), self.actor.clone());
        match store.user_name().await? {
            Some(name) => Ok(Store::new(vault.pool().clone(), name)),
            None => Ok(store),
        }
    }
}
