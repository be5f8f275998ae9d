//! The whole-file check, run after an unlock on a connection of its own: every page's
//! authentication tag (`cipher_integrity_check`) and SQLite's structure check. At 100,000
//! clients it reads 1.6 GB and takes seconds, so it no longer holds the unlock: the unlock
//! itself checks what it reads (the header's sealed key, the first pages, the schema, the
//! vault's id, any write-ahead log on a copy), and SQLCipher authenticates every page any
//! query reads, so damage is never read as data. When this check finds damage the vault
//! turns read-only (`query_only`) for the rest of the session, so nothing is written on top
//! of it, and the app says to restore from a backup. Locking stops a check still running.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::sqlite::SqlitePool;
use sqlx::Connection;
use tokio::sync::watch;

use super::kdf::{self, Key};
use super::paths::VaultPaths;

/// What the background check has found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "state", content = "detail", rename_all = "snake_case")]
#[ts(export)]
pub enum Integrity {
    Checking,
    Sound,
    /// What failed; the vault is read-only until it is locked.
    Damaged(String),
    /// Stopped by a lock before it finished (nothing found so far).
    Stopped,
}

/// The running check and how to stop it.
pub(crate) struct Checker {
    state: watch::Receiver<Integrity>,
    /// The check connection's handle while a statement may run on it, for sqlite3_interrupt.
    handle: Arc<Mutex<Option<usize>>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Checker {
    /// A vault just made or just checked whole (a rotation checks its copy).
    pub(crate) fn sound() -> Checker {
        let (_tx, state) = watch::channel(Integrity::Sound);
        Checker { state, handle: Arc::new(Mutex::new(None)), task: None }
    }

    pub(crate) fn start(pool: SqlitePool, paths: &VaultPaths, key: &Key) -> Checker {
        let (tx, state) = watch::channel(Integrity::Checking);
        let handle = Arc::new(Mutex::new(None));
        let key_text = kdf::raw_key_text(key);
        let (paths, shared) = (paths.clone(), handle.clone());
        let task = tokio::spawn(async move {
            let found = run(&paths, &key_text, &shared).await;
            drop(key_text);
            if let Integrity::Damaged(_) = &found {
                // Nothing more is written on top of damage; reads go on, to get data out.
                let _ = sqlx::query("PRAGMA query_only = ON").execute(&pool).await;
            }
            let _ = tx.send(found);
        });
        Checker { state, handle, task: Some(task) }
    }

    pub(crate) fn now(&self) -> Integrity {
        self.state.borrow().clone()
    }

    /// Waits for the check to end. Holds no borrow of the vault, so a caller can let go
    /// of whatever guards the vault while it waits.
    pub(crate) fn finished(&self) -> impl std::future::Future<Output = Integrity> + Send + 'static {
        let mut rx = self.state.clone();
        async move {
            let _ = rx.wait_for(|s| *s != Integrity::Checking).await;
            let now = rx.borrow().clone();
            now
        }
    }

    /// Stops a running check and waits until its connection is closed. SQLite honours an
    /// interrupt only while a statement runs, so it is sent until the task has ended.
    pub(crate) async fn stop(&mut self) {
        let Some(task) = self.task.take() else { return };
        while !task.is_finished() {
            interrupt(&self.handle);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let _ = task.await;
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        if self.task.is_some() {
            interrupt(&self.handle);
        }
    }
}

fn interrupt(handle: &Mutex<Option<usize>>) {
    let held = handle.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(db) = *held {
        // SAFETY: the handle is set only while the check's connection is open, and cleared
        // under this same lock before it closes; sqlite3_interrupt may be called from any
        // thread.
        unsafe { libsqlite3_sys::sqlite3_interrupt(db as *mut libsqlite3_sys::sqlite3) };
    }
}

async fn run(paths: &VaultPaths, key_text: &str, handle: &Mutex<Option<usize>>) -> Integrity {
    let options = match super::connect_options(paths) {
        Ok(o) => o,
        Err(e) => return Integrity::Damaged(e.to_string()),
    };
    let mut conn = match sqlx::SqliteConnection::connect_with(&options).await {
        Ok(c) => c,
        Err(_) => return Integrity::Stopped,
    };
    let found: Result<Integrity, String> = async {
        super::prepare(&mut conn, key_text).await.map_err(|e| e.to_string())?;
        // A small cache: the check reads each page once.
        for pragma in ["PRAGMA query_only = ON", "PRAGMA cache_size = -2048"] {
            sqlx::query(pragma).execute(&mut conn).await.map_err(|e| e.to_string())?;
        }
        {
            let mut h = conn.lock_handle().await.map_err(|e| e.to_string())?;
            *handle.lock().unwrap_or_else(|e| e.into_inner()) = Some(h.as_raw_handle().as_ptr() as usize);
        }
        Ok(match super::page_damage(&mut conn).await.map_err(|e| e.to_string())? {
            Some(damage) => Integrity::Damaged(damage),
            None => Integrity::Sound,
        })
    }
    .await;
    *handle.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let _ = conn.close().await;
    match found {
        Ok(state) => state,
        Err(e) if e.contains("interrupt") => Integrity::Stopped,
        Err(e) if e.contains("not a database") || e.contains("malformed") => Integrity::Damaged(e),
        Err(_) => Integrity::Stopped,
    }
}
