//! The dashboard command.

use tauri::State;

use amparo::store::dashboard::Dashboard;
use amparo::Store;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    Ok(state.store().await?.dashboard(Store::today()).await?)
}
