//! The desktop's lock signals on a private D-Bus daemon of the test's own: a stand-in
//! logind and screensaver own their real names there and send what the real ones send.
//! Skipped, saying so, where `dbus-daemon` is not installed.

use std::future::Future;
use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use amparo::vault::KdfParams;
use amparo::Vault;
use secrecy::SecretString;
use tokio::sync::mpsc;
use zbus::zvariant::{OwnedFd, OwnedObjectPath};
use zbus::Connection;

use crate::auto_lock::{serve, Page, Reason};
use crate::lock_signals::{on_buses, session_lock_events, sleep_events};
use crate::state::AppState;

const OUR_SESSION: &str = "/org/freedesktop/login1/session/_31";

/// `dbus-daemon` started for one test, stopped (by its pid) when dropped.
struct PrivateBus {
    daemon: Child,
    _out: BufReader<ChildStdout>,
    address: String,
}

impl PrivateBus {
    fn start() -> Option<PrivateBus> {
        let Ok(mut daemon) = Command::new("dbus-daemon")
            .args(["--session", "--print-address", "--nofork"])
            .stdout(Stdio::piped())
            // It complains, harmlessly, that it may not raise its file limit.
            .stderr(Stdio::null())
            .spawn()
        else {
            eprintln!("skipped: dbus-daemon is not installed");
            return None;
        };
        let mut out = BufReader::new(daemon.stdout.take().unwrap());
        let mut address = String::new();
        out.read_line(&mut address).unwrap();
        Some(PrivateBus { daemon, _out: out, address: address.trim().to_string() })
    }

    async fn connect(&self) -> Connection {
        zbus::connection::Builder::address(self.address.as_str()).unwrap().build().await.unwrap()
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Only a bound against hanging: every step here is answered at once when the code works.
async fn within<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(30), f).await.expect("nothing came within 30 s")
}

/// logind, as far as Amparo uses it. Hands out each sleep inhibitor as one end of a pipe
/// and gives the test the other end: it reads end-of-file once Amparo lets go.
struct FakeLogind {
    inhibitors: mpsc::UnboundedSender<(String, std::io::PipeReader)>,
}

#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl FakeLogind {
    fn inhibit(&self, what: &str, _who: &str, _why: &str, mode: &str) -> zbus::fdo::Result<OwnedFd> {
        let (read, write) = std::io::pipe().map_err(|e| zbus::fdo::Error::Failed(e.to_string()))?;
        let _ = self.inhibitors.send((format!("{what}/{mode}"), read));
        Ok(std::os::fd::OwnedFd::from(write).into())
    }

    fn get_session(&self, id: &str) -> zbus::fdo::Result<OwnedObjectPath> {
        assert_eq!(id, "auto");
        Ok(OwnedObjectPath::try_from(OUR_SESSION).unwrap())
    }
}

async fn fake_logind(bus: &PrivateBus) -> (Connection, mpsc::UnboundedReceiver<(String, std::io::PipeReader)>) {
    let (inhibitors, taken) = mpsc::unbounded_channel();
    let conn = zbus::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .name("org.freedesktop.login1")
        .unwrap()
        .serve_at("/org/freedesktop/login1", FakeLogind { inhibitors })
        .unwrap()
        .build()
        .await
        .unwrap();
    (conn, taken)
}

/// Whether every write end of the inhibitor's pipe is closed, without waiting.
fn released(inhibitor: &std::io::PipeReader) -> bool {
    rustix::io::ioctl_fionbio(inhibitor, true).unwrap();
    let held = matches!(rustix::io::read(inhibitor, &mut [0u8; 1]), Err(rustix::io::Errno::AGAIN));
    rustix::io::ioctl_fionbio(inhibitor, false).unwrap();
    !held
}

#[tokio::test]
async fn prepare_for_sleep_asks_for_a_lock_and_holds_the_sleep_until_it_is_done() {
    let Some(bus) = PrivateBus::start() else { return };
    let (logind, mut taken) = fake_logind(&bus).await;
    let (requests, mut asked) = mpsc::channel(8);
    tokio::spawn(sleep_events(bus.connect().await, requests));

    // Listening, and holding a delay on sleep.
    let (kind, inhibitor) = within(taken.recv()).await.unwrap();
    assert_eq!(kind, "sleep/delay");
    assert!(!released(&inhibitor));

    logind
        .emit_signal(
            None::<&str>,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            &true,
        )
        .await
        .unwrap();
    let request = within(asked.recv()).await.unwrap();
    assert_eq!(request.reason, Reason::Sleep);
    assert!(!released(&inhibitor), "the sleep went ahead before the vault was locked");
    request.done.unwrap().send(()).unwrap();
    let inhibitor = within(tokio::task::spawn_blocking(move || {
        std::io::Read::read(&mut &inhibitor, &mut [0u8; 1]).unwrap();
        inhibitor
    }))
    .await
    .unwrap();
    assert!(released(&inhibitor), "the sleep was held after the lock was done");

    // Awake again: a new delay for the next sleep.
    logind
        .emit_signal(
            None::<&str>,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            &false,
        )
        .await
        .unwrap();
    let (kind, _next) = within(taken.recv()).await.unwrap();
    assert_eq!(kind, "sleep/delay");
}

#[tokio::test]
async fn logind_locking_this_session_asks_for_a_lock() {
    let Some(bus) = PrivateBus::start() else { return };
    let (logind, _taken) = fake_logind(&bus).await;
    let (requests, mut asked) = mpsc::channel(8);
    tokio::spawn(session_lock_events(bus.connect().await, requests));
    // The listener subscribes after asking for the session: send until it hears.
    let request = within(async {
        loop {
            logind.emit_signal(None::<&str>, OUR_SESSION, "org.freedesktop.login1.Session", "Lock", &()).await.unwrap();
            if let Ok(Some(r)) = tokio::time::timeout(Duration::from_millis(200), asked.recv()).await {
                break r;
            }
        }
    })
    .await;
    assert_eq!(request.reason, Reason::ScreenLocked);
}

struct SilentPage;

impl Page for SilentPage {
    fn ask_to_lock(&self) {}
}

#[tokio::test]
async fn the_screensaver_turning_on_locks_the_vault() {
    let Some(bus) = PrivateBus::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.amparo");
    let pass = SecretString::from("tangerine orbit velvet harbor");
    Vault::create(&path, &pass, KdfParams::FLOOR).await.unwrap().0.lock().await;
    let state = Arc::new(AppState::new(path));
    state.unlock(&pass).await.unwrap();

    let screensaver = zbus::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .name("org.gnome.ScreenSaver")
        .unwrap()
        .build()
        .await
        .unwrap();
    let (requests, queue) = mpsc::channel(8);
    tokio::spawn(on_buses(None, Some(bus.connect().await), requests));
    let s = state.clone();
    let locker = tokio::spawn(async move { serve(&s, &SilentPage, queue, Duration::ZERO).await });

    // Until the listener has subscribed, a signal goes unheard: send until the vault locks.
    within(async {
        loop {
            let locked = state.locked.notified();
            screensaver
                .emit_signal(None::<&str>, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", &true)
                .await
                .unwrap();
            if tokio::time::timeout(Duration::from_millis(200), locked).await.is_ok() {
                break;
            }
        }
    })
    .await;
    state.lock().await;
    assert!(state.vault.lock().await.is_none());
    locker.abort();
}
