//! The desktop's own reasons to lock: the system about to sleep (logind's
//! `PrepareForSleep` on the system bus) and the screen locking (a screensaver's
//! `ActiveChanged(true)` on the session bus, or logind's `Lock` for this session). Each is
//! passed to the auto-lock task as a `LockRequest`. Where there is no bus, or no such
//! service on it, the listener gives up without a word: the idle timer still applies.

use futures::future::{join_all, BoxFuture};
use futures::StreamExt;
use tokio::sync::{mpsc, oneshot};
use zbus::message::Type;
use zbus::zvariant::{OwnedFd, OwnedObjectPath};
use zbus::{Connection, MatchRule, MessageStream};

use crate::auto_lock::{LockRequest, Reason};

const LOGIN1: &str = "org.freedesktop.login1";
const LOGIN1_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// The screensavers that announce `ActiveChanged(b)`, each under its own bus name and
/// interface: KDE and others, GNOME, Cinnamon, MATE, Xfce.
const SCREENSAVERS: [&str; 5] = [
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.cinnamon.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.xfce.ScreenSaver",
];

/// Listens on the system and session buses for as long as the app runs.
pub async fn listen(requests: mpsc::Sender<LockRequest>) {
    let system = Connection::system().await.ok();
    let session = Connection::session().await.ok();
    on_buses(system, session, requests).await
}

/// `listen` on the given buses (a test's private one).
pub async fn on_buses(system: Option<Connection>, session: Option<Connection>, requests: mpsc::Sender<LockRequest>) {
    let mut all: Vec<BoxFuture<'static, zbus::Result<()>>> = Vec::new();
    if let Some(bus) = system {
        all.push(Box::pin(sleep_events(bus.clone(), requests.clone())));
        all.push(Box::pin(session_lock_events(bus, requests.clone())));
    }
    if let Some(bus) = session {
        for name in SCREENSAVERS {
            all.push(Box::pin(screensaver_events(bus.clone(), name, requests.clone())));
        }
    }
    // A listener that fails (no such service, the bus gone) just ends.
    join_all(all).await;
}

/// Signals `member` of `interface` sent by the owner of `sender`.
async fn signals(
    bus: &Connection,
    sender: &'static str,
    interface: &'static str,
    member: &'static str,
    path: Option<OwnedObjectPath>,
) -> zbus::Result<MessageStream> {
    let mut rule = MatchRule::builder().msg_type(Type::Signal).sender(sender)?.interface(interface)?.member(member)?;
    if let Some(path) = path {
        rule = rule.path(path)?;
    }
    MessageStream::for_match_rule(rule.build(), bus, None).await
}

/// Locks before the system sleeps. logind waits for a "delay" inhibitor (up to its
/// `InhibitDelayMaxSec`, 5 s by default) before suspending, so one is held while awake and
/// let go only once the vault is locked: the key is not in memory while the laptop sleeps.
pub async fn sleep_events(bus: Connection, requests: mpsc::Sender<LockRequest>) -> zbus::Result<()> {
    // Subscribe before taking the inhibitor, so no sleep can come between the two.
    let mut sleeps =
        signals(&bus, LOGIN1, MANAGER, "PrepareForSleep", Some(OwnedObjectPath::try_from(LOGIN1_PATH)?)).await?;
    let mut delay = inhibit_sleep(&bus).await;
    while let Some(msg) = sleeps.next().await {
        let Ok(going) = msg.and_then(|m| m.body().deserialize::<bool>()) else { continue };
        if going {
            let (done, finished) = oneshot::channel();
            if requests.send(LockRequest { reason: Reason::Sleep, done: Some(done) }).await.is_err() {
                break;
            }
            // Answered, or dropped unanswered: either way the lock is over.
            let _ = finished.await;
            delay = None;
        } else if delay.is_none() {
            delay = inhibit_sleep(&bus).await;
        }
    }
    drop(delay);
    Ok(())
}

/// A "delay" sleep inhibitor: logind holds a suspend until this descriptor is closed.
async fn inhibit_sleep(bus: &Connection) -> Option<OwnedFd> {
    let why = ("sleep", "Amparo", "Locking the vault before sleep", "delay");
    let reply = bus.call_method(Some(LOGIN1), LOGIN1_PATH, Some(MANAGER), "Inhibit", &why).await.ok()?;
    reply.body().deserialize::<OwnedFd>().ok()
}

/// Locks when a screensaver becomes active (the screen locks or blanks).
pub async fn screensaver_events(
    bus: Connection,
    name: &'static str,
    requests: mpsc::Sender<LockRequest>,
) -> zbus::Result<()> {
    let mut changes = signals(&bus, name, name, "ActiveChanged", None).await?;
    while let Some(msg) = changes.next().await {
        if let Ok(true) = msg.and_then(|m| m.body().deserialize::<bool>()) {
            if requests.send(LockRequest::new(Reason::ScreenLocked)).await.is_err() {
                break;
            }
        }
    }
    Ok(())
}

/// Locks when logind asks this session to lock (`loginctl lock-session`, or a desktop
/// that locks through logind).
pub async fn session_lock_events(bus: Connection, requests: mpsc::Sender<LockRequest>) -> zbus::Result<()> {
    // "auto": the session this process belongs to, else the user's graphical session.
    let reply = bus.call_method(Some(LOGIN1), LOGIN1_PATH, Some(MANAGER), "GetSession", &("auto",)).await?;
    let session: OwnedObjectPath = reply.body().deserialize()?;
    let mut locks = signals(&bus, LOGIN1, SESSION, "Lock", Some(session)).await?;
    while let Some(msg) = locks.next().await {
        if msg.is_ok() && requests.send(LockRequest::new(Reason::ScreenLocked)).await.is_err() {
            break;
        }
    }
    Ok(())
}
