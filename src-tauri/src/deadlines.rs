//! Deadline-engine commands: propose the deadlines an event starts, create the chosen
//! ones, and move them when a trigger date is corrected.

use tauri::State;

use amparo::model::{fields, Deadline, ValidationError};
use amparo::rules::{propose, Computed, EventKind, Options};

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

fn parse_event(event: &str) -> CmdResult<EventKind> {
    event.parse().map_err(|m: amparo::text::Text| amparo::Error::Invalid(ValidationError::one("event", m)).into())
}

fn parse_date(field: &str, raw: &str) -> CmdResult<chrono::NaiveDate> {
    fields::date(raw).map_err(|m| CommandError::from(amparo::Error::Invalid(ValidationError::one(field, m))))
}

/// What the event panel may add to an event: service by mail, the days an order set
/// (voluntary departure), the stage of proceedings, a forum in the Washington area.
fn event_options(
    served_by_mail: bool,
    days: Option<u32>,
    before_conclusion: Option<bool>,
    washington_area: Option<bool>,
) -> Options {
    Options {
        served_by_mail,
        days,
        before_conclusion: before_conclusion.unwrap_or(false),
        washington_area: washington_area.unwrap_or(false),
        ..Default::default()
    }
}

/// The deadlines `event` on `date` would start, computed and explained. Needs no vault.
#[tauri::command]
pub fn propose_deadlines(
    event: String,
    date: String,
    served_by_mail: bool,
    days: Option<u32>,
    before_conclusion: Option<bool>,
    washington_area: Option<bool>,
) -> CmdResult<Vec<Computed>> {
    let options = event_options(served_by_mail, days, before_conclusion, washington_area);
    Ok(propose(parse_event(&event)?, parse_date("date", &date)?, &options)?)
}

#[tauri::command]
pub async fn add_event_deadlines(
    state: State<'_, AppState>,
    matter_id: i64,
    event: String,
    date: String,
    served_by_mail: bool,
    rule_ids: Vec<String>,
    days: Option<u32>,
    before_conclusion: Option<bool>,
    washington_area: Option<bool>,
) -> CmdResult<Vec<Deadline>> {
    let (event, date) = (parse_event(&event)?, parse_date("date", &date)?);
    let options = event_options(served_by_mail, days, before_conclusion, washington_area);
    Ok(state.store().await?.add_event_deadlines(matter_id, event, date, &options, &rule_ids).await?)
}

#[tauri::command]
pub async fn move_trigger(
    state: State<'_, AppState>,
    matter_id: i64,
    rule_id: Option<String>,
    old: String,
    new: String,
) -> CmdResult<Vec<Deadline>> {
    let (old, new) = (parse_date("old", &old)?, parse_date("new", &new)?);
    Ok(state.store().await?.move_trigger(matter_id, rule_id.as_deref(), old, new).await?)
}
