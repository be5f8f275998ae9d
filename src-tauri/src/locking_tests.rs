//! Locking as the app does it, on a real vault: an unlock while open, the auto-lock time
//! counted on a hand-moved clock, and the requests the idle timer and the desktop send
//! to the task that locks (src/auto_lock.rs).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use amparo::store::clients::ClientQuery;
use amparo::vault::KdfParams;
use amparo::Vault;
use secrecy::SecretString;
use tokio::sync::{mpsc, oneshot};

use crate::auto_lock::{serve, LockRequest, Page, Reason};
use crate::error::CmdResult;
use crate::idle::tests::FakeClock;
use crate::state::AppState;

const PASS: &str = "tangerine orbit velvet harbor";
const DRAFT: &str = r#"{"screen":{"name":"newClient"},"forms":{"newClient":{"given_name":"Yonas"}}}"#;
const MINUTE: Duration = Duration::from_secs(60);
const SECOND: Duration = Duration::from_secs(1);
/// Long enough that a page that answers always does so first; only a bound, never waited
/// out by a passing test.
const PATIENT: Duration = Duration::from_secs(60);

struct Open {
    state: Arc<AppState>,
    clock: FakeClock,
    _dir: tempfile::TempDir,
}

/// An unlocked vault whose auto-lock time is ten minutes on a hand-moved clock.
async fn open() -> Open {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.amparo");
    Vault::create(&path, &SecretString::from(PASS), KdfParams::FLOOR).await.unwrap().0.lock().await;
    let clock = FakeClock::default();
    let state = Arc::new(AppState::with_clock(path, Box::new(clock.clone())));
    state.activity.set_limit(10);
    state.unlock(&SecretString::from(PASS)).await.unwrap();
    Open { state, clock, _dir: dir }
}

async fn is_open(state: &AppState) -> bool {
    state.vault.lock().await.is_some()
}

/// A page that never answers (stuck, or busy): counts how often it was asked.
#[derive(Default)]
struct DeafPage(AtomicUsize);

impl Page for DeafPage {
    fn ask_to_lock(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A page that does what App.svelte does when asked: keeps its draft, then locks.
struct KeepingPage(Arc<AppState>, AtomicUsize);

impl Page for KeepingPage {
    fn ask_to_lock(&self) {
        self.1.fetch_add(1, Ordering::SeqCst);
        let state = self.0.clone();
        tokio::spawn(async move {
            state.store_unstamped().await.unwrap().save_draft(DRAFT).await.unwrap();
            state.lock().await;
        });
    }
}

/// The code of a refusal (neither an unlock nor a store may be printed).
fn refused<T>(r: CmdResult<T>) -> String {
    match r {
        Err(e) => e.code,
        Ok(_) => panic!("accepted"),
    }
}

/// Feeds `requests` to the locking task and waits until it has carried them all out.
async fn run(state: &AppState, page: &dyn Page, requests: Vec<LockRequest>, grace: Duration) {
    let (tx, rx) = mpsc::channel(8);
    for r in requests {
        tx.send(r).await.unwrap();
    }
    drop(tx);
    serve(state, page, rx, grace).await;
}

#[tokio::test]
async fn a_wrong_passphrase_while_open_is_refused_and_the_vault_stays_open() {
    let Open { state, .. } = open().await;
    let wrong = state.unlock(&SecretString::from("wrong orbit velvet harbor")).await;
    assert_eq!(refused(wrong), "wrong_passphrase");
    assert!(is_open(&state).await, "a wrong passphrase locked the vault");
    state.store().await.unwrap().list_clients(&ClientQuery::default()).await.unwrap();
    state.unlock(&SecretString::from(PASS)).await.unwrap();
    state.lock().await;
}

#[tokio::test]
async fn the_vault_locks_once_the_user_has_been_away_for_the_auto_lock_time_and_not_before() {
    let Open { state, clock, _dir } = open().await;
    let page = DeafPage::default();
    clock.advance(10 * MINUTE - SECOND);
    // An idle request from a tick that came just before the limit is dropped.
    run(&state, &page, vec![LockRequest::new(Reason::Idle)], Duration::ZERO).await;
    assert!(is_open(&state).await, "locked a second early");
    assert_eq!(page.0.load(Ordering::SeqCst), 0, "the page was asked to lock a second early");
    // A command counts as activity.
    state.store().await.unwrap();
    clock.advance(10 * MINUTE - SECOND);
    assert!(!state.idle_due().await, "the command did not count as activity");
    clock.advance(SECOND);
    assert!(state.idle_due().await);
    // From here on commands are refused, though the page may still keep its draft:
    // those that take the vault itself (a backup, a passphrase change) as well.
    assert_eq!(refused(state.store().await), "locked");
    assert_eq!(refused(state.vault_for_user().await.map(|_| ())), "locked");
    assert!(!state.heartbeat().await);
    state.store_unstamped().await.unwrap().save_draft(DRAFT).await.unwrap();
    run(&state, &page, vec![LockRequest::new(Reason::Idle)], Duration::ZERO).await;
    assert!(!is_open(&state).await, "the idle request did not lock");
    assert_eq!(page.0.load(Ordering::SeqCst), 2, "a page that did not answer was not asked again");
}

#[tokio::test]
async fn after_a_resume_a_heartbeat_does_not_keep_the_vault_open() {
    let Open { state, clock, _dir } = open().await;
    clock.advance(5 * MINUTE);
    assert!(state.heartbeat().await);
    // The lid was closed and no sleep signal came (no logind): the boot clock jumped.
    clock.advance(2 * 60 * MINUTE);
    assert!(!state.heartbeat().await, "the first touch after waking kept the vault open");
    assert!(state.idle_due().await);
    run(&state, &DeafPage::default(), vec![LockRequest::new(Reason::Idle)], Duration::ZERO).await;
    assert!(!is_open(&state).await);
    // An unlock starts the count again.
    state.unlock(&SecretString::from(PASS)).await.unwrap();
    assert!(!state.idle_due().await);
    assert!(state.heartbeat().await);
    state.lock().await;
}

#[tokio::test]
async fn before_sleep_the_page_keeps_its_draft_and_the_sleep_waits_for_the_whole_lock() {
    let Open { state, _dir, .. } = open().await;
    let page = KeepingPage(state.clone(), AtomicUsize::new(0));
    let (done, finished) = oneshot::channel();
    // The user was at work a moment ago: sleep locks regardless.
    run(&state, &page, vec![LockRequest { reason: Reason::Sleep, done: Some(done) }], PATIENT).await;
    finished.await.expect("the sleep listener was not told the lock is done");
    assert!(!is_open(&state).await);
    assert_eq!(page.1.load(Ordering::SeqCst), 1, "a page that locked was asked again");
    // Done means done: the vault's files are free, not still being closed by the page's lock.
    Vault::open(&state.path, &SecretString::from(PASS)).await.expect("the vault is still in use").lock().await;
    state.unlock(&SecretString::from(PASS)).await.unwrap();
    assert_eq!(state.store().await.unwrap().take_draft().await.unwrap().as_deref(), Some(DRAFT));
    state.lock().await;
}

#[tokio::test]
async fn a_locked_screen_locks_the_vault_even_when_the_page_does_not_answer() {
    let Open { state, _dir, .. } = open().await;
    let page = DeafPage::default();
    run(&state, &page, vec![LockRequest::new(Reason::ScreenLocked)], Duration::ZERO).await;
    assert!(!is_open(&state).await);
    assert_eq!(page.0.load(Ordering::SeqCst), 2, "asked to lock, then told again once locked");
    // Nothing to do once locked: the page is not bothered.
    run(&state, &page, vec![LockRequest::new(Reason::ScreenLocked)], Duration::ZERO).await;
    assert_eq!(page.0.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_lock_before_sleep_leaves_the_due_backup_to_the_next_lock() {
    let Open { state, _dir, .. } = open().await;
    let folder = _dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    state.store().await.unwrap().set_backup_settings(folder.to_str().unwrap(), 3).await.unwrap();
    let backups = || std::fs::read_dir(&folder).unwrap().count();
    let page = KeepingPage(state.clone(), AtomicUsize::new(0));
    let (done, finished) = oneshot::channel();
    run(&state, &page, vec![LockRequest { reason: Reason::Sleep, done: Some(done) }], PATIENT).await;
    finished.await.unwrap();
    assert!(!is_open(&state).await);
    assert_eq!(backups(), 0, "a backup was made while the system waited to sleep");
    // The next lock, by the page or the screen, makes the backup that was due.
    state.unlock(&SecretString::from(PASS)).await.unwrap();
    run(&state, &page, vec![LockRequest::new(Reason::ScreenLocked)], PATIENT).await;
    assert!(!is_open(&state).await);
    assert!(backups() > 0, "the backup due at the sleep was not made at the next lock");
}
