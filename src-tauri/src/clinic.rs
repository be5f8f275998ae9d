//! Clinic commands: create or join, compare words, admit, members, the remote, "Sync now",
//! conflicts and alerts. Each is a few lines over the core's clinic module.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use tauri::State;

use amparo::clinic::conflicts::Keep;
use amparo::clinic::settings::RemoteSettings;
use amparo::clinic::{Alert, ClinicStatus, ConflictView, Member, Role, SyncReport};

use crate::error::CmdResult;
use crate::state::AppState;

/// The clinic screen's state: None when this vault belongs to no clinic.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClinicView {
    pub status: ClinicStatus,
    pub remote: RemoteSettings,
    pub last_report: Option<SyncReport>,
    /// The pairing words as a QR code, while this vault waits to be admitted.
    pub pairing_qr: Option<String>,
}

#[tauri::command]
pub async fn clinic_view(state: State<'_, AppState>) -> CmdResult<Option<ClinicView>> {
    let store = state.store().await?;
    if !store.in_clinic().await? {
        return Ok(None);
    }
    let status = store.clinic_status().await?;
    let remote = store.clinic_remote_settings().await?;
    let last_report = store.clinic_last_report().await?;
    let pairing_qr = status.pairing_words.as_deref().map(qr);
    Ok(Some(ClinicView { status, remote, last_report, pairing_qr }))
}

#[tauri::command]
pub async fn clinic_create(
    state: State<'_, AppState>,
    clinic_name: String,
    member_name: String,
) -> CmdResult<ClinicStatus> {
    Ok(state.store().await?.clinic_create(&clinic_name, &member_name).await?)
}

/// Writes an invitation file; returns its path.
#[tauri::command]
pub async fn clinic_invite(state: State<'_, AppState>, path: String) -> CmdResult<String> {
    let bytes = state.store().await?.clinic_invite().await?;
    write_new(&path, &bytes)?;
    Ok(path)
}

/// The invitation file Amparo was opened with (a double-click), once, for the join form.
#[tauri::command]
pub fn opened_invitation(state: State<'_, AppState>) -> Option<String> {
    state.opened_invitation.lock().unwrap().take().map(|p| p.to_string_lossy().into_owned())
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Joined {
    pub clinic_name: String,
    pub fingerprint: String,
    pub request_path: String,
    /// The words as a QR code (SVG), for a phone held up to the screen.
    pub qr_svg: String,
}

#[tauri::command]
pub async fn clinic_join(
    state: State<'_, AppState>,
    invitation: String,
    member_name: String,
    request_path: String,
) -> CmdResult<Joined> {
    let bytes = read_small(&invitation)?;
    let outcome = state.store().await?.clinic_join(&bytes, &member_name).await?;
    write_new(&request_path, &outcome.request)?;
    Ok(Joined {
        qr_svg: qr(&outcome.fingerprint),
        clinic_name: outcome.clinic_name,
        fingerprint: outcome.fingerprint,
        request_path,
    })
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RequestWords {
    pub name: String,
    pub fingerprint: String,
    pub qr_svg: String,
}

#[tauri::command]
pub async fn clinic_request_words(state: State<'_, AppState>, request: String) -> CmdResult<RequestWords> {
    let (name, fingerprint) = state.store().await?.clinic_request_words(&read_small(&request)?).await?;
    Ok(RequestWords { qr_svg: qr(&fingerprint), name, fingerprint })
}

#[tauri::command]
pub async fn clinic_admit(
    state: State<'_, AppState>,
    request: String,
    words: String,
    coordinator: bool,
) -> CmdResult<Member> {
    let role = if coordinator { Role::Coordinator } else { Role::Volunteer };
    Ok(state.store().await?.clinic_admit(&read_small(&request)?, &words, role).await?)
}

#[tauri::command]
pub async fn clinic_remove(state: State<'_, AppState>, member: String) -> CmdResult<Member> {
    Ok(state.store().await?.clinic_remove(&member).await?)
}

#[tauri::command]
pub async fn set_clinic_remote(
    state: State<'_, AppState>,
    location: String,
    key_id: String,
    secret: SecretString,
    every_minutes: i64,
) -> CmdResult<()> {
    let store = state.store().await?;
    Ok(store.set_clinic_remote(&location, &key_id, secret.expose_secret(), every_minutes).await?)
}

#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> CmdResult<SyncReport> {
    state.sync_now().await
}

#[tauri::command]
pub async fn list_conflicts(state: State<'_, AppState>) -> CmdResult<Vec<ConflictView>> {
    let store = state.store().await?;
    if !store.in_clinic().await? {
        return Ok(Vec::new());
    }
    Ok(store.conflicts().await?)
}

#[tauri::command]
pub async fn resolve_conflict(state: State<'_, AppState>, id: i64, keep: Keep) -> CmdResult<ConflictView> {
    Ok(state.store().await?.resolve_conflict(id, &keep).await?)
}

#[tauri::command]
pub async fn clinic_alerts(state: State<'_, AppState>) -> CmdResult<Vec<Alert>> {
    let store = state.store().await?;
    if !store.in_clinic().await? {
        return Ok(Vec::new());
    }
    Ok(store.clinic_alerts().await?)
}

#[tauri::command]
pub async fn dismiss_alert(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.dismiss_alert(id).await?)
}

fn qr(words: &str) -> String {
    qrcode::QrCode::new(words.as_bytes())
        .map(|c| c.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).build())
        .unwrap_or_default()
}

fn read_small(path: &str) -> CmdResult<Vec<u8>> {
    Ok(amparo::clinic::enroll::read_clinic_file(std::path::Path::new(path.trim()))?)
}

fn write_new(path: &str, bytes: &[u8]) -> CmdResult<()> {
    Ok(amparo::clinic::enroll::write_clinic_file(std::path::Path::new(path.trim()), bytes)?)
}
