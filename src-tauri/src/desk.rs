//! The coordinator's desk: the caseload board, hand-offs and offboarding, review and
//! sign-off, the clinic calendar and the court-day list. Each command is a few lines over
//! the core's clinic module.

use tauri::State;

use amparo::clinic::{
    AssignInput, AssignmentEntry, CaseloadFilter, CaseloadRow, CourtDay, Decision, DeskEntry, DeskFilter, Member,
    MemberCase, NewCase, ReviewItem, Supervisor,
};
use amparo::model::Filing;
use amparo::Store;

use crate::error::CmdResult;
use crate::state::AppState;

fn day(raw: &str, field: &str) -> CmdResult<chrono::NaiveDate> {
    amparo::model::fields::date(raw)
        .map_err(|m| amparo::Error::Invalid(amparo::model::ValidationError::one(field, m)).into())
}

#[tauri::command]
pub async fn caseload(state: State<'_, AppState>, filter: CaseloadFilter) -> CmdResult<Vec<CaseloadRow>> {
    Ok(state.store().await?.caseload(Store::today(), &filter).await?)
}

#[tauri::command]
pub async fn member_cases(state: State<'_, AppState>, member_id: String) -> CmdResult<Vec<MemberCase>> {
    Ok(state.store().await?.member_cases(&member_id).await?)
}

#[tauri::command]
pub async fn matter_assign(state: State<'_, AppState>, matter_id: i64, input: AssignInput) -> CmdResult<Member> {
    Ok(state.store().await?.matter_assign(matter_id, &input).await?)
}

#[tauri::command]
pub async fn assignment_history(state: State<'_, AppState>, matter_id: i64) -> CmdResult<Vec<AssignmentEntry>> {
    Ok(state.store().await?.assignment_history(matter_id).await?)
}

/// Hands a leaving member's open cases to another; with `remove`, removes them after.
#[tauri::command]
pub async fn offboard(
    state: State<'_, AppState>,
    member_id: String,
    input: AssignInput,
    remove: bool,
) -> CmdResult<Vec<i64>> {
    let store = state.store().await?;
    let moved = store.offboard(&member_id, &input).await?;
    if remove {
        store.clinic_remove(&member_id).await?;
    }
    Ok(moved)
}

#[tauri::command]
pub async fn new_to_me(state: State<'_, AppState>) -> CmdResult<Vec<NewCase>> {
    let store = state.store().await?;
    if !store.in_clinic().await? {
        return Ok(Vec::new());
    }
    Ok(store.new_to_me().await?)
}

#[tauri::command]
pub async fn seen_new_case(state: State<'_, AppState>, matter_id: i64) -> CmdResult<()> {
    let store = state.store().await?;
    if store.in_clinic().await? {
        store.seen_new_case(matter_id).await?;
    }
    Ok(())
}

#[tauri::command]
pub async fn review_request(state: State<'_, AppState>, filing_id: i64, comment: Option<String>) -> CmdResult<Filing> {
    Ok(state.store().await?.review_request(filing_id, comment.as_deref()).await?)
}

#[tauri::command]
pub async fn review_decide(
    state: State<'_, AppState>,
    filing_id: i64,
    approve: bool,
    comment: Option<String>,
) -> CmdResult<Filing> {
    let decision = if approve { Decision::Approve } else { Decision::Changes };
    Ok(state.store().await?.review_decide(filing_id, decision, comment.as_deref()).await?)
}

#[tauri::command]
pub async fn reviews(state: State<'_, AppState>) -> CmdResult<Vec<ReviewItem>> {
    let store = state.store().await?;
    if !store.in_clinic().await? {
        return Ok(Vec::new());
    }
    Ok(store.reviews().await?)
}

#[tauri::command]
pub async fn set_require_review(state: State<'_, AppState>, required: bool) -> CmdResult<()> {
    Ok(state.store().await?.set_require_review(required).await?)
}

#[tauri::command]
pub async fn set_supervisor(
    state: State<'_, AppState>,
    member_id: String,
    role: Option<Supervisor>,
) -> CmdResult<Member> {
    Ok(state.store().await?.set_supervisor(&member_id, role).await?)
}

#[tauri::command]
pub async fn desk_calendar(
    state: State<'_, AppState>,
    from: String,
    to: String,
    filter: DeskFilter,
) -> CmdResult<Vec<DeskEntry>> {
    let (from, to) = (day(&from, "from")?, day(&to, "to")?);
    Ok(state.store().await?.desk_calendar(from, to, &filter, Store::today()).await?)
}

#[tauri::command]
pub async fn court_day(
    state: State<'_, AppState>,
    court: String,
    date: String,
    full_names: bool,
) -> CmdResult<CourtDay> {
    Ok(state.store().await?.court_day(&court, day(&date, "date")?, full_names).await?)
}

#[tauri::command]
pub async fn courts(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    Ok(state.store().await?.courts().await?)
}
