//! What the window may do beyond the app's own commands: navigate only within the app's
//! own pages (a compromised front-end dependency could otherwise send what it can read
//! out in a URL, which the CSP does not govern), and lock the vault when the app quits,
//! so the WAL is folded in and the automatic backup made as at any other lock.

use tauri::plugin::TauriPlugin;
use tauri::{Manager, Runtime, Url};

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

/// Locks the vault as the app exits (quit, window closed, session ending).
pub fn on_exit<R: Runtime>(app: &tauri::AppHandle<R>) {
    let state = app.state::<AppState>();
    tauri::async_runtime::block_on(state.lock());
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
