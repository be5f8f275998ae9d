//! Who holds a case: assigning a primary volunteer and co-assignees with a reason and a
//! date, the history of who held it (kept as audit entries that travel with the case),
//! handing every open case of a leaving volunteer to another in one step, and the cases a
//! volunteer was given since they last looked ("new to you").

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::enroll::find_member;
use super::roster::{Member, Roster};
use super::state::Me;
use super::ClinicError;
use crate::error::Result;
use crate::model::ValidationError;
use crate::store::{audit, now, Store};
use crate::text::Text;

/// An assignment as the coordinator gives it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct AssignInput {
    /// The primary volunteer (name or member id).
    pub to: String,
    /// Co-assignees (names or member ids).
    pub also: Vec<String>,
    pub reason: Option<String>,
    /// When the hand-off takes effect as the clinic counts it (default: today).
    pub on: Option<String>,
}

/// One step in the history of who held a case.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AssignmentEntry {
    pub at: String,
    /// Who made the change.
    pub by: String,
    pub to: String,
    pub from: Option<String>,
    pub also: Vec<String>,
    pub reason: Option<String>,
    pub on: Option<String>,
}

/// A case given to this vault's member that they have not opened yet.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct NewCase {
    pub matter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub kind: String,
    pub assigned_at: String,
}

/// One open case of a member, for the board's drill-down and offboarding.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct MemberCase {
    pub matter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub kind: String,
    pub court_name: Option<String>,
    pub next_hearing: Option<String>,
    pub next_deadline: Option<String>,
    /// Whether they are the primary volunteer (else a co-assignee).
    #[sqlx(skip)]
    pub primary: bool,
}

struct Checked {
    to: Member,
    also: Vec<Member>,
    reason: Option<String>,
    on: NaiveDate,
}

impl Store {
    /// Gives a case to a primary volunteer (and co-assignees): from now on its bundles are
    /// readable by them, and its whole history goes to each new holder at the next sync.
    pub async fn matter_assign(&self, matter_id: i64, input: &AssignInput) -> Result<Member> {
        self.assign_many(&[matter_id], input, None).await
    }

    /// Hands every open case a member holds (primary or co-assignee) to another member in
    /// one roster change. Returns the cases moved.
    pub async fn offboard(&self, leaving: &str, input: &AssignInput) -> Result<Vec<i64>> {
        let id = {
            let mut conn = self.pool().acquire().await?;
            let me = Me::load(&mut conn).await?;
            let roster = me.require_coordinator()?;
            let id = find_member(roster, leaving)?.id.clone();
            if check(roster, input)?.to.id == id {
                return Err(invalid(
                    "to",
                    "Choose someone other than the member who is leaving.",
                    "Elija a otra persona, no a quien se va.",
                ));
            }
            id
        };
        let cases: Vec<i64> = self.member_cases(&id).await?.into_iter().map(|c| c.matter_id).collect();
        if !cases.is_empty() {
            self.assign_many(&cases, input, Some(&id)).await?;
        }
        Ok(cases)
    }

    /// `leaving`: a member dropped from every one of these cases (offboarding), whose
    /// co-assignees stay on.
    async fn assign_many(&self, matter_ids: &[i64], input: &AssignInput, leaving: Option<&str>) -> Result<Member> {
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        let mut roster = me.require_coordinator()?.clone();
        let a = check(&roster, input)?;
        for &matter_id in matter_ids {
            Store::require_living_matter(&mut tx, matter_id).await?;
            let uid = super::capture::ensure_uid(&mut tx, "matter", matter_id).await?;
            let before = holders_now(&mut tx, &roster, &uid).await?;
            let from = before.first().cloned();
            // Offboarding a co-assignee leaves the case's primary volunteer in place and puts
            // the new member where the leaving one was.
            let primary = match (leaving, &from) {
                (Some(leaving), Some(p)) if p != leaving => p.clone(),
                _ => a.to.id.clone(),
            };
            roster.assignments.insert(uid.clone(), primary.clone());
            let mut co: BTreeSet<String> = a.also.iter().map(|m| m.id.clone()).collect();
            if let Some(leaving) = leaving {
                co.extend(roster.co_assignees.get(&uid).into_iter().flatten().cloned());
                co.extend(before.iter().skip(1).cloned());
                co.retain(|m| m != leaving);
                co.insert(a.to.id.clone());
            }
            co.remove(&primary);
            if co.is_empty() {
                roster.co_assignees.remove(&uid);
            } else {
                roster.co_assignees.insert(uid.clone(), co);
            }
            for member in roster.holders(&uid).into_iter().filter(|m| !before.contains(m)) {
                sqlx::query("INSERT OR IGNORE INTO sync_transfers (matter_uid, member_id) VALUES (?, ?)")
                    .bind(&uid)
                    .bind(&member)
                    .execute(&mut *tx)
                    .await?;
            }
            let name = |id: &String| roster.member(id).map(|m| m.name.clone()).unwrap_or_else(|| id.clone());
            let detail = serde_json::json!({
                "to": name(&primary),
                "to_id": primary,
                "from": from.as_ref().map(name),
                "also": roster.co_assignees.get(&uid).into_iter().flatten().map(name).collect::<Vec<_>>(),
                "reason": a.reason,
                "on": a.on.to_string(),
            });
            audit::record(&mut tx, self.actor(), "assign", "matter", Some(matter_id), detail).await?;
        }
        self.publish_roster(&mut tx, &me, roster).await?;
        tx.commit().await?;
        Ok(a.to)
    }

    /// Who held a case, oldest first.
    pub async fn assignment_history(&self, matter_id: i64) -> Result<Vec<AssignmentEntry>> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT at, actor, changes FROM audit_log WHERE entity = 'matter' AND entity_id = ? AND action = 'assign' \
             ORDER BY at, id",
        )
        .bind(matter_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(at, by, changes)| {
                let c: serde_json::Value = serde_json::from_str(&changes).unwrap_or_default();
                let text = |k: &str| c[k].as_str().map(str::to_string);
                AssignmentEntry {
                    at,
                    by,
                    to: text("to").unwrap_or_default(),
                    from: text("from"),
                    also: c["also"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str())
                        .map(Into::into)
                        .collect(),
                    reason: text("reason"),
                    on: text("on"),
                }
            })
            .collect())
    }

    /// A member's open cases, primary ones first, then by client. An empty member id
    /// lists the open cases no one holds.
    pub async fn member_cases(&self, member_id: &str) -> Result<Vec<MemberCase>> {
        if member_id.is_empty() {
            return self.unheld_cases().await;
        }
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let roster = me.roster.clone().ok_or(ClinicError::NotInClinic)?;
        // Primary cases from the holder table (the roster's assignments, else who opened
        // the case), co-assigned ones from the roster.
        let today = Store::today().to_string();
        let mut out: Vec<MemberCase> = sqlx::query_as(&format!("{CASE_ROWS} AND ho.member_id = ?1"))
            .bind(member_id)
            .bind(&today)
            .fetch_all(&mut *conn)
            .await?;
        out.iter_mut().for_each(|c| c.primary = true);
        for (uid, co) in &roster.co_assignees {
            if !co.contains(member_id) {
                continue;
            }
            let case: Option<MemberCase> = sqlx::query_as(&format!(
                "{CASE_ROWS} AND m.id = (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = ?1)"
            ))
            .bind(uid)
            .bind(&today)
            .fetch_optional(&mut *conn)
            .await?;
            out.extend(case);
        }
        out.sort_by(|a, b| (!a.primary, &a.client_name).cmp(&(!b.primary, &b.client_name)));
        Ok(out)
    }

    /// Open cases no one holds, or held by someone the roster does not know (the board
    /// counts both on its "no volunteer" row).
    async fn unheld_cases(&self) -> Result<Vec<MemberCase>> {
        let known: Vec<String> = {
            let mut conn = self.pool().acquire().await?;
            let me = Me::load(&mut conn).await?;
            me.roster.map(|r| r.members.into_iter().map(|m| m.id).collect()).unwrap_or_default()
        };
        let mut out: Vec<MemberCase> = sqlx::query_as(&format!(
            "{CASE_ROWS} AND (ho.member_id IS NULL OR ho.member_id NOT IN (SELECT value FROM json_each(?1))) \
             ORDER BY client_name, m.id"
        ))
        .bind(serde_json::to_string(&known).expect("ids serialise"))
        .bind(Store::today().to_string())
        .fetch_all(self.pool())
        .await?;
        out.iter_mut().for_each(|c| c.primary = true);
        Ok(out)
    }

    /// Cases given to this vault's member that they have not opened yet, newest first.
    pub async fn new_to_me(&self) -> Result<Vec<NewCase>> {
        Ok(sqlx::query_as(
            "SELECT m.id AS matter_id, c.id AS client_id, c.given_name || ' ' || c.family_name AS client_name, \
                    m.kind, n.assigned_at \
             FROM sync_new_to_me n JOIN sync_ids s ON s.entity = 'matter' AND s.uid = n.matter_uid \
             JOIN matters m ON m.id = s.local_id JOIN clients c ON c.id = m.client_id \
             WHERE n.seen_at IS NULL AND m.deleted_at IS NULL AND c.deleted_at IS NULL \
             ORDER BY n.assigned_at DESC, m.id",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// The volunteer opened (or dismissed) a case new to them.
    pub async fn seen_new_case(&self, matter_id: i64) -> Result<()> {
        sqlx::query(
            "UPDATE sync_new_to_me SET seen_at = ? WHERE seen_at IS NULL AND matter_uid = \
             (SELECT uid FROM sync_ids WHERE entity = 'matter' AND local_id = ?)",
        )
        .bind(now())
        .bind(matter_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

/// One open case as the board's drill-down shows it (?2: today).
const CASE_ROWS: &str = "SELECT m.id AS matter_id, c.id AS client_id, \
        c.given_name || ' ' || c.family_name AS client_name, m.kind, m.court_name, \
        (SELECT min(starts_at) FROM hearings h WHERE h.matter_id = m.id AND h.starts_at >= ?2) AS next_hearing, \
        (SELECT min(due_on) FROM deadlines d WHERE d.matter_id = m.id AND d.status = 'open') AS next_deadline \
     FROM matters m JOIN clients c ON c.id = m.client_id \
     LEFT JOIN sync_case_holder ho ON ho.matter_id = m.id \
     WHERE m.status = 'open' AND m.deleted_at IS NULL AND c.deleted_at IS NULL";

/// Who holds a case now: the roster's holders, else the volunteer who opened it.
pub(crate) async fn holders_now(conn: &mut SqliteConnection, roster: &Roster, uid: &str) -> Result<Vec<String>> {
    let holders = roster.holders(uid);
    if !holders.is_empty() {
        return Ok(holders);
    }
    Ok(sqlx::query_scalar("SELECT member_id FROM sync_case_owner WHERE matter_uid = ?")
        .bind(uid)
        .fetch_optional(conn)
        .await?
        .into_iter()
        .collect())
}

fn check(roster: &Roster, input: &AssignInput) -> Result<Checked> {
    let active = |who: &str| -> Result<Member> {
        let m = find_member(roster, who)?;
        if m.removed_at.is_some() {
            return Err(ClinicError::UnknownMember(who.to_string()).into());
        }
        Ok(m.clone())
    };
    let to = active(&input.to)?;
    let mut also = Vec::new();
    for who in input.also.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        let m = active(who)?;
        if m.id != to.id && !also.iter().any(|a: &Member| a.id == m.id) {
            also.push(m);
        }
    }
    let reason = input.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(invalid(
            "reason",
            "Keep the reason under 500 characters.",
            "Escriba el motivo en menos de 500 caracteres.",
        ));
    }
    let today = Store::today();
    let on = match input.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => today,
        Some(s) => {
            let d = crate::model::fields::date(s).map_err(|m| ValidationError::one("on", m))?;
            if d > today {
                return Err(invalid(
                    "on",
                    "A hand-off cannot be dated in the future.",
                    "Un traspaso no puede tener fecha futura.",
                ));
            }
            d
        }
    };
    Ok(Checked { to, also, reason, on })
}

fn invalid(field: &'static str, en: &'static str, es: &'static str) -> crate::Error {
    ValidationError::one(field, Text::fixed(en, es)).into()
}
