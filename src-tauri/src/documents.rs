//! Document commands. The page never sends or sees a path: files come in through Amparo's
//! own file dialog or a drop on the window (both in Rust), and the page names them by a
//! token; copies go out through a save dialog, or to the system's viewer as a private
//! copy (`amparo::documents::private_copy`). A page that went wrong could otherwise use
//! attach and export to read or copy any file the user can.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use amparo::documents::checklist::{Checklist, ClinicItem, ItemState};
use amparo::documents::{AddDocument, Document, DocumentSubject};
use amparo::model::MatterKind;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// A file the user chose or dropped, waiting to be attached.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PickedFile {
    pub token: u64,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// Files chosen in the dialog or dropped, by token; each is used once.
#[derive(Default)]
pub struct Picked {
    files: std::sync::Mutex<Vec<(u64, PathBuf)>>,
    dropped: std::sync::Mutex<Vec<PickedFile>>,
}

impl Picked {
    /// Grants the page the use of `paths` (regular files only), returning their tokens.
    pub fn grant(&self, paths: Vec<PathBuf>) -> Vec<PickedFile> {
        let mut out = Vec::new();
        let mut files = self.files.lock().expect("not poisoned");
        for path in paths {
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            if !meta.is_file() {
                continue;
            }
            // Random, so a page cannot name a grant it was not given by guessing.
            let token = loop {
                let t = rand_token();
                if !files.iter().any(|(k, _)| *k == t) {
                    break t;
                }
            };
            let name = amparo::documents::name::clean(&path.file_name().unwrap_or_default().to_string_lossy());
            files.push((token, path));
            out.push(PickedFile { token, name, size: meta.len() });
        }
        out
    }

    fn take(&self, token: u64) -> Option<PathBuf> {
        let mut files = self.files.lock().expect("not poisoned");
        let i = files.iter().position(|(t, _)| *t == token)?;
        Some(files.remove(i).1)
    }

    /// Forgets every grant (at lock: nothing chosen before carries over).
    pub fn clear(&self) {
        self.files.lock().expect("not poisoned").clear();
        self.dropped.lock().expect("not poisoned").clear();
    }

    /// Files dropped on the window, kept until the page asks for them.
    pub fn dropped(&self, paths: Vec<PathBuf>) {
        let granted = self.grant(paths);
        *self.dropped.lock().expect("not poisoned") = granted;
    }
}

/// A token below 2^53, so it survives the page's numbers exactly.
fn rand_token() -> u64 {
    rand::random::<u64>() & ((1 << 53) - 1)
}

/// The script that tells the page files were dropped (it may not receive Tauri events).
pub const DROP_EVENT_SCRIPT: &str = "window.dispatchEvent(new Event('amparo-drop'))";

/// Under the end-to-end driver only, the files a test "chooses" (AMPARO_E2E_PICK, paths
/// separated by newlines) and the folder it "saves" to (AMPARO_E2E_SAVE_DIR): WebDriver
/// cannot reach a native dialog.
fn driven(var: &str) -> Option<String> {
    // Never in a release build: what a user runs shows the real dialogs, always.
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var_os("TAURI_WEBVIEW_AUTOMATION")?;
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// Opens Amparo's file dialog; returns what the user chose (nothing if cancelled).
#[tauri::command]
pub async fn pick_documents<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CmdResult<Vec<PickedFile>> {
    state.store().await?;
    let paths: Vec<PathBuf> = match driven("AMPARO_E2E_PICK") {
        Some(list) => list.lines().map(PathBuf::from).collect(),
        None => app
            .dialog()
            .file()
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect(),
    };
    // The vault may have locked while the dialog was open: nothing chosen carries over.
    state.store().await?;
    Ok(state.picked.grant(paths))
}

/// The files last dropped on the window (once).
#[tauri::command]
pub async fn dropped_documents(state: State<'_, AppState>) -> CmdResult<Vec<PickedFile>> {
    state.store().await?;
    Ok(std::mem::take(&mut *state.picked.dropped.lock().expect("not poisoned")))
}

#[tauri::command]
pub async fn attach_document(
    state: State<'_, AppState>,
    subject: DocumentSubject,
    token: u64,
    checklist_item: Option<String>,
    supersedes: Option<i64>,
) -> CmdResult<Document> {
    let store = state.store().await?;
    let path = state.picked.take(token).ok_or_else(|| CommandError {
        code: "not_picked".into(),
        message: "That file is no longer chosen. Choose it again.".into(),
        fields: vec![],
    })?;
    let add = AddDocument { name: None, checklist_item, supersedes };
    let progress = state.progress.clone();
    progress.start();
    let done = store.add_document(subject, &path, &add).await;
    progress.finish();
    Ok(done?)
}

#[tauri::command]
pub async fn documents(state: State<'_, AppState>, subject: DocumentSubject) -> CmdResult<Vec<Document>> {
    Ok(state.store().await?.documents(subject).await?)
}

#[tauri::command]
pub async fn document_history(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<Document>> {
    Ok(state.store().await?.document_history(id).await?)
}

#[tauri::command]
pub async fn remove_document(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    Ok(state.store().await?.remove_document(id, &reason).await?)
}

/// Decrypts a private copy and hands it to the system's viewer ($AMPARO_VIEWER, else the
/// desktop's default). Returns whether the copy sits in memory ($XDG_RUNTIME_DIR).
#[tauri::command]
pub async fn open_document(state: State<'_, AppState>, id: i64, scripts_confirmed: bool) -> CmdResult<bool> {
    let store = state.store().await?;
    if store.document(id).await?.scripted && !scripts_confirmed {
        return Err(CommandError {
            code: "scripts_not_confirmed".into(),
            message: "This PDF contains scripts. Confirm before opening it.".into(),
            fields: vec![],
        });
    }
    let path = store.private_copy(id).await?;
    view(&path).map_err(|e| CommandError {
        code: "no_viewer".into(),
        message: format!("No program to open this file was found ({e}). Export a copy instead."),
        fields: vec![],
    })?;
    Ok(amparo::documents::private_copy::in_runtime_dir())
}

fn view(path: &std::path::Path) -> std::io::Result<()> {
    // The tests' stand-in viewer; a release build always uses the desktop's own.
    let program = std::env::var("AMPARO_VIEWER").ok().filter(|v| cfg!(debug_assertions) && !v.is_empty());
    #[cfg(target_os = "linux")]
    let default = "xdg-open";
    #[cfg(target_os = "macos")]
    let default = "open";
    #[cfg(target_os = "windows")]
    let default = "explorer.exe";
    let mut child = std::process::Command::new(program.as_deref().unwrap_or(default))
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reaped in the background, so no zombie is left; the viewer keeps running.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Asks where to save a copy and writes it there (never over an existing file).
/// Returns the file name written, or None when the user cancelled.
#[tauri::command]
pub async fn export_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<String>> {
    let store = state.store().await?;
    let doc = store.document(id).await?;
    let target = match driven("AMPARO_E2E_SAVE_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join(&doc.name)),
        None => app.dialog().file().set_file_name(&doc.name).blocking_save_file().and_then(|p| p.into_path().ok()),
    };
    let Some(target) = target else { return Ok(None) };
    store.export_document(id, &target).await?;
    Ok(Some(target.file_name().unwrap_or_default().to_string_lossy().into_owned()))
}

#[tauri::command]
pub async fn checklist(state: State<'_, AppState>, matter_id: i64) -> CmdResult<Checklist> {
    Ok(state.store().await?.checklist(matter_id).await?)
}

#[tauri::command]
pub async fn mark_checklist_item(
    state: State<'_, AppState>,
    matter_id: i64,
    item: String,
    mark: ItemState,
) -> CmdResult<Checklist> {
    Ok(state.store().await?.mark_checklist_item(matter_id, &item, mark).await?)
}

#[tauri::command]
pub async fn add_clinic_item(state: State<'_, AppState>, kind: MatterKind, label: String) -> CmdResult<ClinicItem> {
    Ok(state.store().await?.add_clinic_item(kind, &label).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_names_one_chosen_file_once_and_a_folder_is_never_granted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Pasaporte.pdf");
        std::fs::write(&file, b"%PDF-1.7").unwrap();
        let picked = Picked::default();
        let granted = picked.grant(vec![file.clone(), dir.path().to_path_buf(), dir.path().join("gone.pdf")]);
        assert_eq!(granted.len(), 1, "only the regular file: {granted:?}");
        assert_eq!((granted[0].name.as_str(), granted[0].size), ("Pasaporte.pdf", 8));
        assert_eq!(picked.take(granted[0].token), Some(file));
        assert_eq!(picked.take(granted[0].token), None, "a token is used once");
        assert_eq!(picked.take(12345), None);
        picked.dropped(vec![dir.path().join("Pasaporte.pdf")]);
        picked.clear();
        assert!(picked.dropped.lock().unwrap().is_empty() && picked.files.lock().unwrap().is_empty());
    }
}
