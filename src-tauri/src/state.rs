//! What the app holds: where the vault is, the unlocked vault when there is one, and the
//! progress of a long job for the UI to poll.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use secrecy::SecretString;
use tokio::sync::{Mutex, Notify};

use amparo::{Store, Vault};

use crate::error::{CmdResult, CommandError};
use crate::idle::{Activity, BootClock, Clock};
use crate::vault::{interrupted_word, Unlocked};

/// Shared by every command.
pub struct AppState {
    pub path: PathBuf,
    pub vault: Mutex<Option<Vault>>,
    /// The user's own name, for the audit log and assignments.
    pub actor: String,
    pub progress: Arc<JobProgress>,
    /// One clinic sync at a time (the button, the timer and unlock share it).
    pub sync_gate: Mutex<()>,
    /// When the app last synced on its own; None right after an unlock (a sync is due).
    pub auto_synced: std::sync::Mutex<Option<std::time::Instant>>,
    /// When the user was last at work, for the auto-lock (src/auto_lock.rs).
    pub activity: Activity,
    /// Woken whenever the vault is taken out to be locked, by whoever locks it.
    pub locked: Notify,
    /// Held for the whole of a lock, so a second lock returns only once the first is done.
    locking: Mutex<()>,
    /// Set while the system waits to sleep: logind suspends after 5 s whatever we do, so
    /// a lock then skips the automatic backup (seconds on a large vault), which the next
    /// lock makes instead.
    pub sleeping: std::sync::atomic::AtomicBool,
    /// Files the user chose or dropped, for the page to attach by token.
    pub picked: crate::documents::Picked,
    /// A clinic invitation the desktop opened Amparo with, for the join form to offer.
    pub opened_invitation: std::sync::Mutex<Option<PathBuf>>,
}

/// Percent done of the one long job that can run at a time; u32::MAX when idle.
pub struct JobProgress(AtomicU32);

impl JobProgress {
    pub fn start(&self) {
        self.0.store(0, Ordering::Relaxed);
    }
    pub fn set(&self, done: u64, total: u64) {
        let pct = done.saturating_mul(100).checked_div(total).unwrap_or(0).min(100) as u32;
        self.0.store(pct, Ordering::Relaxed);
    }
    pub fn finish(&self) {
        self.0.store(u32::MAX, Ordering::Relaxed);
    }
    pub fn percent(&self) -> Option<u32> {
        Some(self.0.load(Ordering::Relaxed)).filter(|p| *p != u32::MAX)
    }
}

impl AppState {
    pub fn new(path: PathBuf) -> Self {
        Self::with_clock(path, Box::new(BootClock))
    }

    /// As `new`, with the clock the auto-lock reads (a test's hand-moved one).
    pub fn with_clock(path: PathBuf, clock: Box<dyn Clock>) -> Self {
        let actor =
            std::env::var("AMPARO_USER").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "volunteer".into());
        AppState {
            path,
            vault: Mutex::new(None),
            actor,
            progress: Arc::new(JobProgress(AtomicU32::new(u32::MAX))),
            sync_gate: Mutex::new(()),
            auto_synced: std::sync::Mutex::new(None),
            activity: Activity::new(clock, crate::settings::AppSettings::default().auto_lock_minutes),
            locked: Notify::new(),
            locking: Mutex::new(()),
            sleeping: std::sync::atomic::AtomicBool::new(false),
            picked: crate::documents::Picked::default(),
            opened_invitation: std::sync::Mutex::new(None),
        }
    }

    /// Opens the vault, brings its header up to today's settings, and gives a vault
    /// without a recovery code one (returned to be shown once). When the vault is open
    /// already the passphrase is still checked: a lock screen shown by mistake must not
    /// open for any input.
    pub async fn unlock(&self, passphrase: &SecretString) -> CmdResult<Unlocked> {
        let mut slot = self.vault.lock().await;
        if let Some(vault) = slot.as_mut() {
            vault.check_passphrase(passphrase).await?;
            self.activity.restart();
            return Ok(Unlocked::default());
        }
        let mut vault = Vault::open(&self.path, passphrase).await?;
        let interrupted_change = vault.interrupted_change().map(interrupted_word);
        // The vault is open whatever the upkeep does; a failed upkeep (a full disk) is
        // tried again at the next unlock rather than reported as a failed unlock.
        let upkeep = vault.maintain_header(passphrase, true).await.unwrap_or_default();
        *slot = Some(vault);
        self.activity.restart();
        *self.auto_synced.lock().expect("not poisoned") = None;
        let recovery_code = upkeep.recovery_code.map(|c| c.reveal().to_string());
        Ok(Unlocked { recovery_code, interrupted_change })
    }

    /// Locks the vault, making the automatic backup first when one is due and the system
    /// is not about to sleep (a failed backup does not keep the vault open: the dashboard
    /// shows its age). Commands
    /// already running finish first; any that start after see "locked". Returns once
    /// the vault is locked, also when another caller's lock was under way.
    pub async fn lock(&self) {
        let _one = self.locking.lock().await;
        let vault = self.vault.lock().await.take();
        self.locked.notify_waiters();
        self.picked.clear();
        if let Some(vault) = vault {
            if !self.sleeping.load(Ordering::SeqCst) {
                if let Ok(store) = self.store_for(&vault).await {
                    let _ = amparo::backups::automatic(&vault, &store).await;
                }
            }
            vault.lock().await;
        }
    }

    /// A store over the unlocked vault, for a command the user asked for: it counts as
    /// activity. Refused as "locked" once the user has been away for the auto-lock time,
    /// even in the moments before the lock itself lands (after a sleep, say).
    pub async fn store(&self) -> CmdResult<Store> {
        let guard = self.vault.lock().await;
        let vault = guard.as_ref().ok_or_else(CommandError::locked)?;
        if !self.activity.touch() {
            return Err(CommandError::locked());
        }
        self.store_for(vault).await
    }

    /// The unlocked vault itself, for a command the user asked for that needs more than a
    /// store (a backup, a passphrase change, a new recovery code): refused as "locked"
    /// once the user has been away for the auto-lock time, as `store` is.
    pub async fn vault_for_user(&self) -> CmdResult<tokio::sync::MutexGuard<'_, Option<Vault>>> {
        let guard = self.vault.lock().await;
        if guard.is_none() || !self.activity.touch() {
            return Err(CommandError::locked());
        }
        Ok(guard)
    }

    /// A store over the unlocked vault for work that is not the user's and must not
    /// keep the vault open: the timer's sync, and the draft the page writes into the
    /// vault as it locks (which must still work once the auto-lock time has passed).
    pub async fn store_unstamped(&self) -> CmdResult<Store> {
        let guard = self.vault.lock().await;
        let vault = guard.as_ref().ok_or_else(CommandError::locked)?;
        self.store_for(vault).await
    }

    /// The page saw the user at work. False when the vault is locked or the user has
    /// been away too long: the page then locks (keeping its draft) instead.
    pub async fn heartbeat(&self) -> bool {
        self.vault.lock().await.is_some() && self.activity.touch()
    }

    /// Whether the vault is open and the user has been away for the auto-lock time.
    pub async fn idle_due(&self) -> bool {
        self.vault.lock().await.is_some() && self.activity.is_due()
    }

    /// A store over `vault`. The audit log names the user by the name saved in the
    /// vault, else by the system user.
    pub async fn store_for(&self, vault: &Vault) -> CmdResult<Store> {
        let store = Store::new(vault.pool().clone(), self.actor.clone());
        match store.user_name().await? {
            Some(name) => Ok(Store::new(vault.pool().clone(), name)),
            None => Ok(store),
        }
    }

    /// Syncs with the clinic's remote now.
    pub async fn sync_now(&self) -> CmdResult<amparo::clinic::SyncReport> {
        self.sync_with(self.store().await?).await
    }

    async fn sync_with(&self, store: Store) -> CmdResult<amparo::clinic::SyncReport> {
        let _one = self.sync_gate.lock().await;
        let remote = store.clinic_remote().await?;
        Ok(store.sync(&remote).await?)
    }

    /// Called every few seconds: syncs after an unlock and every N minutes when a remote is
    /// set. Failures wait for the next turn (the clinic screen shows the last sync).
    pub async fn auto_sync(&self) {
        let Ok(store) = self.store_unstamped().await else { return };
        if !store.in_clinic().await.unwrap_or(false) {
            return;
        }
        let Ok(settings) = store.clinic_remote_settings().await else { return };
        if settings.location.is_none() {
            return;
        }
        let due = match *self.auto_synced.lock().expect("not poisoned") {
            None => true,
            Some(at) => settings.every_minutes > 0 && at.elapsed().as_secs() >= settings.every_minutes as u64 * 60,
        };
        if due {
            *self.auto_synced.lock().expect("not poisoned") = Some(std::time::Instant::now());
            let _ = self.sync_with(store).await;
        }
    }
}
