//! The clinic's calendar: every hearing and open deadline in a range with the volunteer who
//! holds its case, filterable by member and court; the printable "court day" list of one
//! court's hearings on one day; and the flags for what could fall between two people (a
//! hearing whose case no one holds, a deadline whose volunteer's laptop has been silent for
//! 7 days). Works in any vault: outside a clinic the volunteer is the matter's "assigned to".

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::roster::Roster;
use super::state::Me;
use crate::error::Result;
use crate::model::ValidationError;
use crate::store::Store;
use crate::text::Text;

/// Why an entry is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeskFlag {
    /// A hearing whose case no volunteer holds.
    NoVolunteer,
    /// An open deadline whose volunteer's laptop has not synced for 7 days.
    VolunteerSilent,
}

/// One hearing or open deadline on the clinic's calendar.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DeskEntry {
    /// "hearing" or "deadline".
    pub kind: String,
    pub id: i64,
    pub matter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// The hearing's start (date and time) or the deadline's due date.
    pub when: String,
    /// The hearing's kind, or the deadline's title.
    pub title: String,
    pub court: Option<String>,
    pub judge: Option<String>,
    pub member_id: Option<String>,
    pub volunteer: Option<String>,
    pub languages: Vec<String>,
    pub interpreter_needed: bool,
    pub detained: bool,
    pub flag: Option<DeskFlag>,
}

/// Which entries to show.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct DeskFilter {
    /// A member id; "none" for cases no one holds.
    pub member: Option<String>,
    pub court: Option<String>,
}

/// One court's hearings on one day, to print.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CourtDay {
    pub court: String,
    pub date: NaiveDate,
    pub full_names: bool,
    pub rows: Vec<CourtDayRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CourtDayRow {
    pub time: String,
    /// Full name or initials, as asked.
    pub client: String,
    pub hearing_kind: String,
    pub judge: Option<String>,
    pub volunteer: Option<String>,
    pub languages: Vec<String>,
    pub interpreter_needed: bool,
    pub detained: bool,
    pub matter_id: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    kind: String,
    id: i64,
    matter_id: i64,
    client_id: i64,
    given_name: String,
    family_name: String,
    at: String,
    title: String,
    court: Option<String>,
    judge: Option<String>,
    detained: i64,
    languages: String,
    interpreter_needed: i64,
    holder: Option<String>,
    assigned_to: Option<String>,
}

/// The roster and when each member's laptop was last heard from.
pub(crate) struct Holders {
    roster: Option<Roster>,
    pub last_heard: BTreeMap<String, Option<String>>,
}

impl Holders {
    pub(crate) async fn load(conn: &mut SqliteConnection) -> Result<Holders> {
        if !Me::exists(conn).await? {
            return Ok(Holders { roster: None, last_heard: BTreeMap::new() });
        }
        let me = Me::load(conn).await?;
        let mut last_heard = BTreeMap::new();
        for m in me.roster.iter().flat_map(|r| &r.members) {
            let heard = if m.id == me.row.member_id {
                me.row.last_sync.clone()
            } else {
                let mut latest: Option<String> = None;
                for dev in &m.devices {
                    let at: Option<String> =
                        sqlx::query_scalar("SELECT max(at) FROM sync_seen WHERE device = ? AND status <> 'refused'")
                            .bind(&dev.device_id)
                            .fetch_one(&mut *conn)
                            .await?;
                    latest = latest.max(at);
                }
                latest
            };
            last_heard.insert(m.id.clone(), heard);
        }
        Ok(Holders { roster: me.roster, last_heard })
    }

    fn name(&self, member: &str) -> String {
        self.roster
            .as_ref()
            .and_then(|r| r.member(member))
            .map(|m| m.name.clone())
            .unwrap_or_else(|| member.to_string())
    }

    fn is_active(&self, member: &str) -> bool {
        self.roster.as_ref().and_then(|r| r.member(member)).is_some_and(|m| m.removed_at.is_none())
    }

    fn in_clinic(&self) -> bool {
        self.roster.is_some()
    }
}

impl Store {
    /// Every hearing and open deadline from `from` to `to` (inclusive), with flags.
    pub async fn desk_calendar(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: &DeskFilter,
        today: NaiveDate,
    ) -> Result<Vec<DeskEntry>> {
        if to < from || (to - from).num_days() > 400 {
            return Err(ValidationError::one(
                "to",
                Text::fixed(
                    "Choose a range of at most a year, ending after it starts.",
                    "Elija un periodo de un año como máximo, que termine después de empezar.",
                ),
            )
            .into());
        }
        let mut conn = self.pool().acquire().await?;
        let holders = Holders::load(&mut conn).await?;
        let court = filter.court.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let raws: Vec<Raw> = sqlx::query_as(&format!(
            "SELECT * FROM ({HEARINGS} UNION ALL {DEADLINES}) \
             WHERE ?3 IS NULL OR lower(trim(court)) = lower(trim(?3)) ORDER BY at, kind, id"
        ))
        .bind(from.to_string())
        .bind((to + Duration::days(1)).to_string())
        .bind(court)
        .fetch_all(&mut *conn)
        .await?;
        let silent_since = (today - Duration::days(7)).to_string();
        let mut out = Vec::new();
        for r in raws {
            // A case held by someone no longer active in the clinic is held by no one.
            let member = r.holder.clone().filter(|h| holders.is_active(h));
            match filter.member.as_deref() {
                Some("none") if member.is_some() => continue,
                Some(m) if m != "none" && member.as_deref() != Some(m) => continue,
                _ => {}
            }
            let volunteer = match &member {
                Some(m) => Some(holders.name(m)),
                None if !holders.in_clinic() => r.assigned_to.clone().filter(|a| !a.trim().is_empty()),
                None => None,
            };
            let flag = if r.kind == "hearing" && holders.in_clinic() && member.is_none() {
                Some(DeskFlag::NoVolunteer)
            } else if r.kind == "deadline"
                && member.as_ref().is_some_and(|m| {
                    holders
                        .last_heard
                        .get(m)
                        .is_some_and(|at| at.as_deref().is_none_or(|at| at < silent_since.as_str()))
                })
            {
                Some(DeskFlag::VolunteerSilent)
            } else {
                None
            };
            out.push(DeskEntry {
                kind: r.kind,
                id: r.id,
                matter_id: r.matter_id,
                client_id: r.client_id,
                client_name: format!("{} {}", r.given_name, r.family_name),
                when: r.at,
                title: r.title,
                court: r.court,
                judge: r.judge,
                member_id: member,
                volunteer,
                languages: serde_json::from_str(&r.languages).unwrap_or_default(),
                interpreter_needed: r.interpreter_needed != 0,
                detained: r.detained != 0,
                flag,
            });
        }
        Ok(out)
    }

    /// One court's hearings on one day, in time order. `full_names` false prints initials
    /// only, for a list that may be left on a courtroom bench.
    pub async fn court_day(&self, court: &str, date: NaiveDate, full_names: bool) -> Result<CourtDay> {
        if court.trim().is_empty() {
            return Err(ValidationError::one("court", Text::fixed("Name the court.", "Indique la corte.")).into());
        }
        let filter = DeskFilter { member: None, court: Some(court.to_string()) };
        let entries = self.desk_calendar(date, date, &filter, Store::today()).await?;
        let rows = entries
            .into_iter()
            .filter(|e| e.kind == "hearing")
            .map(|e| CourtDayRow {
                time: e.when.get(11..16).unwrap_or_default().to_string(),
                client: if full_names { e.client_name.clone() } else { initials(&e.client_name) },
                hearing_kind: e.title,
                judge: e.judge,
                volunteer: e.volunteer,
                languages: e.languages,
                interpreter_needed: e.interpreter_needed,
                detained: e.detained,
                matter_id: e.matter_id,
            })
            .collect();
        Ok(CourtDay { court: court.trim().to_string(), date, full_names, rows })
    }

    /// The courts named on hearings and matters, for the filters.
    pub async fn courts(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT trim(court) FROM (SELECT court FROM hearings UNION SELECT court_name FROM matters) \
             WHERE court IS NOT NULL AND trim(court) <> '' ORDER BY 1 COLLATE NOCASE",
        )
        .fetch_all(self.pool())
        .await?)
    }
}

/// "María José Ramírez Pérez" → "M. J. R. P."
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hearings in [?1, ?2): the hearing's own court, else its matter's.
const HEARINGS: &str = "SELECT 'hearing' AS kind, h.id, h.matter_id, c.id AS client_id, c.given_name, c.family_name, \
        h.starts_at AS at, h.kind AS title, COALESCE(h.court, m.court_name) AS court, COALESCE(h.judge, m.judge) AS judge, \
        h.detained, c.languages, c.interpreter_needed, ho.member_id AS holder, m.assigned_to \
     FROM hearings h JOIN matters m ON m.id = h.matter_id JOIN clients c ON c.id = m.client_id \
     LEFT JOIN sync_case_holder ho ON ho.matter_id = m.id \
     WHERE h.starts_at >= ?1 AND h.starts_at < ?2 AND m.deleted_at IS NULL AND c.deleted_at IS NULL";

/// Open deadlines due in [?1, ?2).
const DEADLINES: &str = "SELECT 'deadline', d.id, d.matter_id, c.id, c.given_name, c.family_name, \
        d.due_on, d.title, m.court_name, m.judge, c.detention_status = 'detained', c.languages, c.interpreter_needed, \
        ho.member_id, COALESCE(d.assigned_to, m.assigned_to) \
     FROM deadlines d JOIN matters m ON m.id = d.matter_id JOIN clients c ON c.id = m.client_id \
     LEFT JOIN sync_case_holder ho ON ho.matter_id = m.id \
     WHERE d.status = 'open' AND d.due_on >= ?1 AND d.due_on < ?2 AND m.deleted_at IS NULL AND c.deleted_at IS NULL";

#[cfg(test)]
mod tests {
    #[test]
    fn initials_keep_every_name_and_capitalise() {
        assert_eq!(super::initials("maría josé Ramírez  Pérez"), "M. J. R. P.");
        assert_eq!(super::initials(""), "");
    }
}
