//! Client commands: each a few lines over the core store.

use serde::Serialize;
use tauri::State;

use amparo::model::{Client, ClientInput, CustodyInput, CustodyPeriod, Matter, Note, NoteSubject};
use amparo::store::audit::AuditEntry;
use amparo::store::clients::{ClientQuery, ClientSummary, Family};
use amparo::store::search::SearchHit;
use amparo::store::similar::{SimilarClient, SimilarQuery};
use amparo::store::Page;

use crate::error::CmdResult;
use crate::state::AppState;

/// A client page: the client and everything hanging off them.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClientDetail {
    pub client: Client,
    pub matters: Vec<Matter>,
    pub family: Family,
    pub notes: Vec<Note>,
    pub history: Vec<AuditEntry>,
    /// Periods in custody, the latest first.
    pub custody: Vec<CustodyPeriod>,
}

#[tauri::command]
pub async fn list_clients(state: State<'_, AppState>, query: ClientQuery) -> CmdResult<Page<ClientSummary>> {
    Ok(state.store().await?.list_clients(&query).await?)
}

#[tauri::command]
pub async fn search_clients(
    state: State<'_, AppState>,
    text: String,
    detained_only: Option<bool>,
) -> CmdResult<Vec<SearchHit>> {
    Ok(state.store().await?.search_clients_where(&text, detained_only.unwrap_or(false), 50).await?)
}

/// Before adding someone: existing clients who may be the same person, with the reasons.
#[tauri::command]
pub async fn similar_clients(state: State<'_, AppState>, query: SimilarQuery) -> CmdResult<Vec<SimilarClient>> {
    Ok(state.store().await?.similar_clients(&query, 5).await?)
}

#[tauri::command]
pub async fn get_client(state: State<'_, AppState>, id: i64) -> CmdResult<ClientDetail> {
    let s = state.store().await?;
    Ok(ClientDetail {
        client: s.client(id).await?,
        matters: s.list_matters(Some(id)).await?,
        family: s.family(id).await?,
        notes: s.notes_for(NoteSubject::Client(id)).await?,
        history: s.audit_for("client", id).await?,
        custody: s.custody_for(id).await?,
    })
}

#[tauri::command]
pub async fn add_custody_period(state: State<'_, AppState>, input: CustodyInput) -> CmdResult<CustodyPeriod> {
    Ok(state.store().await?.add_custody_period(&input).await?)
}

#[tauri::command]
pub async fn update_custody_period(
    state: State<'_, AppState>,
    id: i64,
    input: CustodyInput,
) -> CmdResult<CustodyPeriod> {
    Ok(state.store().await?.update_custody_period(id, &input).await?)
}

#[tauri::command]
pub async fn delete_custody_period(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.delete_custody_period(id).await?)
}

#[tauri::command]
pub async fn archive_client(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.archive_client(id).await?)
}

#[tauri::command]
pub async fn unarchive_client(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.unarchive_client(id).await?)
}

/// The retention period and the archived clients, with when each may be purged.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Retention {
    pub years: u32,
    pub archived: Vec<amparo::store::retention::ArchivedClient>,
    pub today: chrono::NaiveDate,
}

#[tauri::command]
pub async fn retention(state: State<'_, AppState>) -> CmdResult<Retention> {
    let s = state.store().await?;
    Ok(Retention {
        years: s.retention_years().await?,
        archived: s.archived_clients().await?,
        today: amparo::store::Store::today(),
    })
}

#[tauri::command]
pub async fn set_retention_years(state: State<'_, AppState>, years: u32) -> CmdResult<()> {
    Ok(state.store().await?.set_retention_years(years).await?)
}

/// Purges an archived client past the retention period; nothing but a tombstone is left.
#[tauri::command]
pub async fn purge_client(state: State<'_, AppState>, id: i64) -> CmdResult<amparo::store::retention::Purged> {
    Ok(state.store().await?.purge_client(id, amparo::store::Store::today()).await?)
}

#[tauri::command]
pub async fn add_client(state: State<'_, AppState>, input: ClientInput) -> CmdResult<Client> {
    Ok(state.store().await?.add_client(&input).await?)
}

#[tauri::command]
pub async fn update_client(state: State<'_, AppState>, id: i64, input: ClientInput) -> CmdResult<Client> {
    Ok(state.store().await?.update_client(id, &input).await?)
}

#[tauri::command]
pub async fn delete_client(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.delete_client(id).await?)
}

#[tauri::command]
pub async fn restore_client(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store().await?.restore_client(id).await?)
}

/// Every country Amparo knows, for the nationality field's suggestions in either language.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CountryName {
    pub code: String,
    pub en: String,
    pub es: String,
}

#[tauri::command]
pub fn countries() -> Vec<CountryName> {
    amparo::model::countries::COUNTRIES
        .iter()
        .map(|c| CountryName { code: c.code.into(), en: c.name(false).into(), es: c.name(true).into() })
        .collect()
}

/// The names volunteers go by, for the "assigned to" suggestions.
#[tauri::command]
pub async fn volunteer_names(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(state.store().await?.volunteer_names().await?)
}

/// Keeps a half-typed form inside the vault just before it locks. Allowed after the
/// auto-lock time too (it only writes into the vault), since that is when the page
/// keeps a draft on its way to the lock screen.
#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, draft: String) -> CmdResult<()> {
    Ok(state.store_unstamped().await?.save_draft(&draft).await?)
}

/// The form kept at the last lock, handed back once.
#[tauri::command]
pub async fn take_draft(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    Ok(state.store().await?.take_draft().await?)
}
