//! What the window may do beyond the app's own commands: navigate only within the app's
//! own pages and open no other window (a compromised front-end dependency could otherwise
//! send what it can read out in a URL, which the CSP does not govern), and lock the vault
//! when the app quits, so the WAL is folded in and the automatic backup made as at any
//! other lock.

use tauri::plugin::TauriPlugin;
use tauri::webview::NewWindowResponse;
use tauri::{Manager, Runtime, Url, WebviewWindow, WebviewWindowBuilder};

use crate::state::AppState;

/// The app's own pages: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// A plugin that refuses every navigation away from the app's pages.
pub fn navigation<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard").on_navigation(|_, url| is_app_url(url)).build()
}

/// Makes the main window from its entry in tauri.conf.json (which has `"create": false`
/// so that no window is made without this), refusing every `window.open`. WebKitGTK
/// happens to open nothing when no handler is set, but that is not said anywhere and is
/// not so on other platforms.
pub fn main_window<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    let config =
        app.config().app.windows.iter().find(|w| w.label == "main").expect("the main window in tauri.conf.json");
    WebviewWindowBuilder::from_config(app, config)?
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .incognito(incognito(std::env::var_os("TAURI_WEBVIEW_AUTOMATION").is_some()))
        .build()
}

/// Whether the webview keeps nothing on disk (no cache, no storage): always, except under
/// the end-to-end driver. WebKit turns automation off in an ephemeral context, so the
/// driver could not attach; it sets TAURI_WEBVIEW_AUTOMATION, which nothing else does.
pub fn incognito(driven: bool) -> bool {
    !driven
}

/// Quits the way the window's close button does when the session ends or the system
/// shuts down (SIGTERM, SIGHUP) or Ctrl-C reaches a terminal-started app (SIGINT): left
/// to their default, these end the process at once, with the WAL and the key as they are.
#[cfg(unix)]
pub async fn quit_on_signal<R: Runtime>(app: tauri::AppHandle<R>) {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut hup), Ok(mut int)) =
        (signal(SignalKind::terminate()), signal(SignalKind::hangup()), signal(SignalKind::interrupt()))
    else {
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = hup.recv() => {}
        _ = int.recv() => {}
    }
    // A session ending gives a few seconds, as a sleep does: the backup waits for the
    // next lock.
    app.state::<AppState>().sleeping.store(true, std::sync::atomic::Ordering::SeqCst);
    app.exit(0);
}

/// Keeps GTK's file dialog from adding what it opens to the desktop's recently used files
/// (`~/.local/share/recently-used.xbel`, unencrypted): a document's name is client detail.
pub fn forget_recent_files() {
    #[cfg(target_os = "linux")]
    if let Some(settings) = gtk::Settings::default() {
        use gtk::glib::prelude::ObjectExt;
        settings.set_property("gtk-recent-files-enabled", false);
        settings.set_property("gtk-recent-files-max-age", 0i32);
    }
}

/// Locks the vault as the app exits (quit, window closed, session ending).
pub fn on_exit<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    tauri::async_runtime::block_on(state.lock());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_webview_keeps_nothing_on_disk_unless_a_test_drives_it() {
        assert!(incognito(false));
        assert!(!incognito(true));
    }

    #[test]
    fn only_the_apps_own_pages_are_allowed() {
        for ok in [
            "tauri://localhost/",
            "tauri://localhost/index.html#x",
            "http://tauri.localhost/",
            "https://tauri.localhost/a",
        ] {
            assert!(is_app_url(&Url::parse(ok).unwrap()), "{ok}");
        }
        for no in [
            "https://example.org/?d=Haile",
            "http://localhost:1420/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "data:text/html,hi",
            "https://tauri.localhost.example.org/",
        ] {
            assert!(!is_app_url(&Url::parse(no).unwrap()), "{no}");
        }
    }

    #[test]
    fn every_window_is_made_by_main_window() {
        let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let windows = conf["app"]["windows"].as_array().unwrap();
        assert_eq!(windows.len(), 1);
        assert_eq!(windows[0]["label"], "main");
        // Tauri would otherwise make it at start, without the handler that refuses new windows.
        assert_eq!(windows[0]["create"], false, "tauri.conf.json makes the window itself");
    }
}
