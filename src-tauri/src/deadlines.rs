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

/// What the event panel may add to an event besides service by mail: the days an order
/// set (voluntary departure), whether it was granted before the conclusion of
/// proceedings, and whether the court is in the Washington area. Rust checks the days.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EventExtra {
    days: Option<u32>,
    before_conclusion: bool,
    washington_area: bool,
}

fn event_options(served_by_mail: bool, extra: Option<EventExtra>) -> Options {
    let extra = extra.unwrap_or_default();
    Options {
        served_by_mail,
        days: extra.days,
        before_conclusion: extra.before_conclusion,
        washington_area: extra.washington_area,
        ..Default::default()
    }
}

/// The deadlines `event` on `date` would start, computed and explained. Needs no vault.
#[tauri::command]
pub fn propose_deadlines(
    event: String,
    date: String,
    served_by_mail: bool,
    extra: Option<EventExtra>,
) -> CmdResult<Vec<Computed>> {
    let options = event_options(served_by_mail, extra);
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
    extra: Option<EventExtra>,
) -> CmdResult<Vec<Deadline>> {
    let (event, date) = (parse_event(&event)?, parse_date("date", &date)?);
    let options = event_options(served_by_mail, extra);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_extras_arrive_in_camel_case_and_may_be_left_out() {
        let extra: EventExtra =
            serde_json::from_str(r#"{"days": 60, "beforeConclusion": true, "washingtonArea": true}"#).unwrap();
        let o = event_options(true, Some(extra));
        assert_eq!((o.served_by_mail, o.days, o.before_conclusion, o.washington_area), (true, Some(60), true, true));
        let partial: EventExtra = serde_json::from_str(r#"{"days": null}"#).unwrap();
        assert_eq!(event_options(false, Some(partial)), Options::default());
        assert_eq!(event_options(false, None), Options::default());
    }
}
