//! Locks the vault without waiting for the page: when the user has been away for the
//! auto-lock time, before the system sleeps, and when the screen locks. The page alone
//! could not be trusted with this: its timers stop while the laptop sleeps and are
//! throttled while the window is hidden, and a stuck page would keep the vault open.
//!
//! The page is asked first, so that it writes its half-typed form into the vault and
//! shows the lock screen (src/App.svelte, the `amparo-lock` event); if the vault is not
//! locked a moment later, it is locked here and the page is asked again.

use std::time::Duration;

use tauri::{Manager, Runtime};
use tokio::sync::{mpsc, oneshot};

use crate::state::AppState;

/// How often the idle time is looked at.
pub const TICK: Duration = Duration::from_secs(5);
/// How long the page has to keep its draft and lock before the vault is locked anyway.
pub const GRACE: Duration = Duration::from_secs(2);

/// Why the vault should lock now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Idle,
    Sleep,
    ScreenLocked,
}

/// A reason to lock, and who to tell when the vault is locked (the sleep listener, which
/// holds the system's suspend until then).
#[derive(Debug)]
pub struct LockRequest {
    pub reason: Reason,
    pub done: Option<oneshot::Sender<()>>,
}

impl LockRequest {
    pub fn new(reason: Reason) -> Self {
        LockRequest { reason, done: None }
    }
}

/// The page, as far as locking goes.
pub trait Page: Send + Sync {
    /// Asks the page to keep its draft and lock. Must not wait for it.
    fn ask_to_lock(&self);
}

/// The script run in the main window. The page may not receive Tauri events (not
/// granted), so a DOM event is dispatched in it instead.
pub const LOCK_EVENT_SCRIPT: &str = "window.dispatchEvent(new Event('amparo-lock'))";

/// The app's main window.
pub struct MainWindow<R: Runtime>(pub tauri::AppHandle<R>);

impl<R: Runtime> Page for MainWindow<R> {
    fn ask_to_lock(&self) {
        if let Some(w) = self.0.get_webview_window("main") {
            let _ = w.eval(LOCK_EVENT_SCRIPT);
        }
    }
}

/// Sends an `Idle` request whenever the user has been away for the auto-lock time.
pub async fn watch_idle(state: &AppState, requests: mpsc::Sender<LockRequest>) {
    loop {
        tokio::time::sleep(TICK).await;
        if state.idle_due().await {
            // One waiting request is enough; the next tick sends another if still due.
            let _ = requests.try_send(LockRequest::new(Reason::Idle));
        }
    }
}

/// Carries out lock requests until every sender is gone.
pub async fn serve(state: &AppState, page: &dyn Page, mut requests: mpsc::Receiver<LockRequest>, grace: Duration) {
    while let Some(request) = requests.recv().await {
        // The user came back between the tick and now.
        if request.reason == Reason::Idle && !state.activity.is_due() {
            continue;
        }
        // Made before asking, so a lock by the page in between is not missed.
        let locked = state.locked.notified();
        if state.vault.lock().await.is_none() {
            if let Some(done) = request.done {
                let _ = done.send(());
            }
            continue;
        }
        let sleep = request.reason == Reason::Sleep;
        state.sleeping.store(sleep, std::sync::atomic::Ordering::SeqCst);
        page.ask_to_lock();
        // Before a sleep the page gets half the time: logind waits 5 s in all.
        let grace = if sleep { grace / 2 } else { grace };
        let page_locked = tokio::time::timeout(grace, locked).await.is_ok();
        // Waits for a lock the page started to finish, or locks now.
        state.lock().await;
        state.sleeping.store(false, std::sync::atomic::Ordering::SeqCst);
        if !page_locked {
            page.ask_to_lock();
        }
        if let Some(done) = request.done {
            let _ = done.send(());
        }
    }
}
