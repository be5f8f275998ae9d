//! The dashboard command.

use tauri::State;

use amparo::model::{fields, ValidationError};
use amparo::store::dashboard::{CalendarRange, Dashboard, Reminder};
use amparo::Store;
use tauri_plugin_notification::NotificationExt;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(state.store().await?.dashboard(Store::today()).await?)
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

/// Shows a desktop notification. The UI sends only counts ("2 deadlines are overdue"),
/// never a client's name: notification daemons may keep a history on disk. A desktop
/// without a notification service is not an error: the dashboard shows the same.
#[tauri::command]
pub fn notify(app: tauri::AppHandle, body: String) {
    let body: String = body.chars().take(200).collect();
    let _ = app.notification().builder().title("Amparo").body(body).show();
}
