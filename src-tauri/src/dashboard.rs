//! The dashboard command.

use tauri::State;

use amparo::model::{fields, ValidationError};
use amparo::store::dashboard::{CalendarRange, Dashboard};
use amparo::Store;

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
