//! Matter commands: the matter page and what is added to it.

use serde::Serialize;
use tauri::State;

use amparo::model::{
    Appointment, AppointmentInput, AppointmentKind, Deadline, DeadlineInput, Filing, FilingInput, Hearing,
    HearingInput, HearingKind, Matter, MatterInput, Note, NoteSubject,
};
use amparo::store::deadlines::DeadlineListItem;
use amparo::store::hearings::HearingChange;
use amparo::store::matters::{CloseMatterInput, ClosedMatter};
use amparo::Store;

use crate::error::CmdResult;
use crate::state::AppState;

/// A matter page.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MatterDetail {
    pub matter: Matter,
    pub client_name: String,
    pub client_a_number: Option<amparo::model::ANumber>,
    /// The spouse and children on this matter's I-589 (asylum matters of a principal).
    pub derivatives: Vec<amparo::store::clients::FamilyMember>,
    pub hearings: Vec<Hearing>,
    pub deadlines: Vec<DeadlineListItem>,
    pub filings: Vec<Filing>,
    pub notes: Vec<Note>,
    pub appointments: Vec<Appointment>,
    /// What may be scheduled on this matter: court hearings only before a court, USCIS
    /// appointments only before USCIS.
    pub hearing_kinds: Vec<HearingKind>,
    pub appointment_kinds: Vec<AppointmentKind>,
}

#[tauri::command]
pub async fn list_matters(state: State<'_, AppState>, client_id: Option<i64>) -> CmdResult<Vec<Matter>> {
    Ok(state.store().await?.list_matters(client_id).await?)
}

#[tauri::command]
pub async fn add_matter(state: State<'_, AppState>, input: MatterInput) -> CmdResult<Matter> {
    Ok(state.store().await?.add_matter(&input).await?)
}

#[tauri::command]
pub async fn get_matter(state: State<'_, AppState>, id: i64) -> CmdResult<MatterDetail> {
    let s = state.store().await?;
    let matter = s.matter(id).await?;
    let client = s.client(matter.fields.client_id).await?;
    Ok(MatterDetail {
        client_name: client.display_name(),
        client_a_number: client.fields.a_number,
        derivatives: s.derivatives_of(&matter).await?,
        hearings: s.hearings_for(id).await?,
        deadlines: s.deadlines_for(id, Store::today()).await?,
        filings: s.filings_for(id).await?,
        notes: s.notes_for(NoteSubject::Matter(id)).await?,
        appointments: s.appointments_for(id).await?,
        hearing_kinds: HearingKind::offered(matter.fields.forum),
        appointment_kinds: AppointmentKind::offered(matter.fields.forum),
        matter,
    })
}

#[tauri::command]
pub async fn add_hearing(state: State<'_, AppState>, input: HearingInput) -> CmdResult<Hearing> {
    Ok(state.store().await?.add_hearing(&input).await?)
}

/// Saves a hearing; when it moved to another day, the deadlines counted from it move too.
#[tauri::command]
pub async fn update_hearing(state: State<'_, AppState>, id: i64, input: HearingInput) -> CmdResult<HearingChange> {
    Ok(state.store().await?.change_hearing(id, &input).await?)
}

#[tauri::command]
pub async fn add_appointment(state: State<'_, AppState>, input: AppointmentInput) -> CmdResult<Appointment> {
    Ok(state.store().await?.add_appointment(&input).await?)
}

#[tauri::command]
pub async fn update_appointment(
    state: State<'_, AppState>,
    id: i64,
    input: AppointmentInput,
) -> CmdResult<Appointment> {
    Ok(state.store().await?.update_appointment(id, &input).await?)
}

#[tauri::command]
pub async fn delete_appointment(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.delete_appointment(id).await?)
}

/// Records that a receipt's USCIS case status was checked on `on` (YYYY-MM-DD).
#[tauri::command]
pub async fn confirm_filing_status(state: State<'_, AppState>, id: i64, on: chrono::NaiveDate) -> CmdResult<Filing> {
    Ok(state.store().await?.confirm_filing_status(id, on).await?)
}

#[tauri::command]
pub async fn update_matter(state: State<'_, AppState>, id: i64, input: MatterInput) -> CmdResult<Matter> {
    Ok(state.store().await?.update_matter(id, &input).await?)
}

#[tauri::command]
pub async fn close_matter(state: State<'_, AppState>, id: i64, close: CloseMatterInput) -> CmdResult<ClosedMatter> {
    Ok(state.store().await?.close_matter(id, &close).await?)
}

#[tauri::command]
pub async fn reopen_matter(state: State<'_, AppState>, id: i64) -> CmdResult<Matter> {
    Ok(state.store().await?.reopen_matter(id).await?)
}

/// The undo of "Mark done" and "No longer applies".
#[tauri::command]
pub async fn reopen_deadline(state: State<'_, AppState>, id: i64) -> CmdResult<Deadline> {
    Ok(state.store().await?.reopen_deadline(id).await?)
}

#[tauri::command]
pub async fn add_deadline(state: State<'_, AppState>, input: DeadlineInput) -> CmdResult<Deadline> {
    Ok(state.store().await?.add_deadline(&input).await?)
}

#[tauri::command]
pub async fn complete_deadline(state: State<'_, AppState>, id: i64, done_on: String) -> CmdResult<Deadline> {
    Ok(state.store().await?.complete_deadline(id, &done_on).await?)
}

#[tauri::command]
pub async fn set_deadline_date(
    state: State<'_, AppState>,
    id: i64,
    due_on: String,
    reason: String,
) -> CmdResult<Deadline> {
    Ok(state.store().await?.set_deadline_date(id, &due_on, &reason).await?)
}

#[tauri::command]
pub async fn waive_deadline(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<Deadline> {
    Ok(state.store().await?.waive_deadline(id, &reason).await?)
}

#[tauri::command]
pub async fn update_filing(state: State<'_, AppState>, id: i64, input: FilingInput) -> CmdResult<Filing> {
    Ok(state.store().await?.update_filing(id, &input).await?)
}

#[tauri::command]
pub async fn add_filing(state: State<'_, AppState>, input: FilingInput) -> CmdResult<Filing> {
    Ok(state.store().await?.add_filing(&input).await?)
}

#[tauri::command]
pub async fn add_note(state: State<'_, AppState>, subject: NoteSubject, body: String) -> CmdResult<Note> {
    Ok(state.store().await?.add_note(subject, &body).await?)
}
