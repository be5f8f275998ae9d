//! The dashboard command.

use tauri::State;

use amparo::model::{fields, ValidationError};
use amparo::store::dashboard::{CalendarRange, Dashboard, DeadlineGroup, Reminder};
use amparo::store::deadlines::DeadlineListItem;
use amparo::store::Page;
use amparo::Store;
use tauri_plugin_notification::NotificationExt;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(state.store().await?.dashboard(Store::today()).await?)
}

/// A page of one of the dashboard's groups of deadlines ("Show all").
#[tauri::command]
pub async fn deadline_group(
    state: State<'_, AppState>,
    group: DeadlineGroup,
    offset: i64,
    limit: i64,
) -> CmdResult<Page<DeadlineListItem>> {
    Ok(state.store().await?.deadline_group(group, Store::today(), offset, limit).await?)
}

/// Hearings and deadlines between two days, for the calendar.
#[tauri::command]
pub async fn calendar(state: State<'_, AppState>, from: String, to: String) -> CmdResult<CalendarRange> {
    let day = |field: &str, raw: &str| {
        fields::date(raw).map_err(|m| CommandError::from(amparo::Error::Invalid(ValidationError::one(field, m))))
    };
    let (from, to) = (day("from", &from)?, day("to", &to)?);
    Ok(state.store().await?.calendar(from, to, Store::today()).await?)
}

/// The counts for today's desktop reminder.
#[tauri::command]
pub async fn reminder(state: State<'_, AppState>) -> CmdResult<Reminder> {
    Ok(state.store().await?.reminder(Store::today()).await?)
}

/// Shows today's desktop reminder, in "en" or "es": counts only, worded in Rust. The page
/// cannot pass any text (a compromised page could otherwise push names into a
/// notification daemon's history). A desktop without a notification service is not an
/// error: the dashboard shows the same. Returns whether there was anything to say.
#[tauri::command]
pub async fn notify(app: tauri::AppHandle, state: State<'_, AppState>, lang: String) -> CmdResult<bool> {
    let reminder = state.store().await?.reminder(Store::today()).await?;
    let Some(body) = reminder.text(lang == "es") else { return Ok(false) };
    let _ = app.notification().builder().title("Amparo").body(body).show();
    Ok(true)
}
