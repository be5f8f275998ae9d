//! The coordinator's caseload board: for each member (and for cases no one holds), open
//! matters, hearings in the next 14 days, overdue and due-in-7 deadlines, matters with no
//! activity for 30/60/90 days, conflicts and possible duplicates in their cases, and when
//! this vault last heard from their laptop. Nothing falls between two people: cases with no
//! volunteer are a row of their own.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Holders;
use super::capture::cases_of;
use super::roster::Role;
use super::state::Me;
use crate::error::Result;
use crate::store::Store;

/// Which cases the board counts (every field optional; text matches ignore case).
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct CaseloadFilter {
    pub court: Option<String>,
    pub judge: Option<String>,
    /// A matter kind, e.g. `defensive_asylum`.
    pub kind: Option<String>,
    /// Only clients in detention.
    pub detained: bool,
    /// A language the client speaks (as typed on the client, e.g. "K'iche'").
    pub language: Option<String>,
}

/// One row of the board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CaseloadRow {
    /// None: the row of cases no volunteer holds (its name is empty).
    pub member_id: Option<String>,
    pub name: String,
    pub role: Option<Role>,
    pub removed: bool,
    pub open_matters: i64,
    pub hearings_14d: i64,
    pub overdue: i64,
    pub due_7d: i64,
    pub stale_30d: i64,
    pub stale_60d: i64,
    pub stale_90d: i64,
    pub conflicts: i64,
    pub possible_duplicates: i64,
    /// When this vault last received a bundle from their laptop (this laptop: its last sync).
    pub last_heard: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MatterStats {
    uid: Option<String>,
    hearings: i64,
    overdue: i64,
    due7: i64,
    activity: String,
}

impl Store {
    /// The board as of `today` (coordinators only).
    pub async fn caseload(&self, today: NaiveDate, filter: &CaseloadFilter) -> Result<Vec<CaseloadRow>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let roster = me.require_coordinator()?.clone();
        let holders = Holders::load(&mut conn).await?;
        let holder = |uid: &Option<String>| holders.primary(uid.as_deref()).map(str::to_string);
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let d = |n: i64| (today + Duration::days(n)).to_string();
        // One pass over each table, grouped by matter (a correlated count per matter let
        // the planner walk the deadlines-by-date index once per matter: 1 s at 10,000).
        let stats: Vec<MatterStats> = sqlx::query_as(
            "WITH h AS (SELECT matter_id, COUNT(*) AS n FROM hearings \
                        WHERE substr(starts_at, 1, 10) BETWEEN ?1 AND ?2 GROUP BY matter_id), \
                  d AS (SELECT matter_id, SUM(due_on < ?1) AS overdue, SUM(due_on BETWEEN ?1 AND ?3) AS due7 \
                        FROM deadlines WHERE status = 'open' GROUP BY matter_id), \
                  a AS (SELECT matter_id, max(at) AS at FROM ( \
                          SELECT matter_id, updated_at AS at FROM hearings \
                          UNION ALL SELECT matter_id, updated_at FROM deadlines \
                          UNION ALL SELECT matter_id, updated_at FROM filings \
                          UNION ALL SELECT n.matter_id, v.written_at FROM notes n JOIN note_versions v ON v.note_id = n.id \
                            WHERE n.matter_id IS NOT NULL) GROUP BY matter_id) \
             SELECT m.id, s.uid, COALESCE(h.n, 0) AS hearings, COALESCE(d.overdue, 0) AS overdue, \
                    COALESCE(d.due7, 0) AS due7, max(m.updated_at, COALESCE(a.at, '')) AS activity \
             FROM matters m JOIN clients c ON c.id = m.client_id \
             LEFT JOIN sync_ids s ON s.entity = 'matter' AND s.local_id = m.id \
             LEFT JOIN h ON h.matter_id = m.id LEFT JOIN d ON d.matter_id = m.id LEFT JOIN a ON a.matter_id = m.id \
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND m.status = 'open' \
               AND (?4 IS NULL OR lower(trim(m.court_name)) = lower(?4) \
                    OR EXISTS (SELECT 1 FROM hearings hc WHERE hc.matter_id = m.id AND lower(trim(hc.court)) = lower(?4))) \
               AND (?5 IS NULL OR lower(trim(m.judge)) = lower(?5) \
                    OR EXISTS (SELECT 1 FROM hearings hj WHERE hj.matter_id = m.id AND lower(trim(hj.judge)) = lower(?5))) \
               AND (?6 IS NULL OR m.kind = ?6) \
               AND (?7 = 0 OR c.detention_status = 'detained') \
               AND (?8 IS NULL OR EXISTS (SELECT 1 FROM json_each(c.languages) l WHERE lower(trim(l.value)) = lower(?8))) \
             ORDER BY m.id",
        )
        .bind(today.to_string())
        .bind(d(14))
        .bind(d(7))
        .bind(text(&filter.court))
        .bind(text(&filter.judge))
        .bind(text(&filter.kind))
        .bind(filter.detained)
        .bind(text(&filter.language))
        .fetch_all(&mut *conn)
        .await?;

        let mut rows: BTreeMap<Option<String>, CaseloadRow> = BTreeMap::new();
        for m in &roster.members {
            rows.insert(
                Some(m.id.clone()),
                CaseloadRow {
                    member_id: Some(m.id.clone()),
                    name: m.name.clone(),
                    role: Some(m.role),
                    removed: m.removed_at.is_some(),
                    ..Default::default()
                },
            );
        }
        rows.insert(None, CaseloadRow::default());
        let mut member_of_matter: BTreeMap<String, Option<String>> = BTreeMap::new();
        for m in &stats {
            let who = holder(&m.uid).filter(|w| rows.contains_key(&Some(w.clone())));
            if let Some(uid) = &m.uid {
                member_of_matter.insert(uid.clone(), who.clone());
            }
            let row = rows.get_mut(&who).expect("a row for every holder");
            row.open_matters += 1;
            row.hearings_14d += m.hearings;
            row.overdue += m.overdue;
            row.due_7d += m.due7;
            let idle = m
                .activity
                .get(..10)
                .and_then(|s| s.parse::<NaiveDate>().ok())
                .map(|a| (today - a).num_days())
                .unwrap_or(0);
            row.stale_30d += (idle >= 30) as i64;
            row.stale_60d += (idle >= 60) as i64;
            row.stale_90d += (idle >= 90) as i64;
        }
        // Conflicts and duplicates count for whoever holds the case they concern.
        let conflicts: Vec<(String, String)> =
            sqlx::query_as("SELECT entity, uid FROM sync_conflicts").fetch_all(&mut *conn).await?;
        for (entity, uid) in conflicts {
            for case in cases_of(&mut conn, &entity, &uid).await? {
                if let Some(row) = member_of_matter.get(&case).and_then(|w| rows.get_mut(w)) {
                    row.conflicts += 1;
                }
            }
        }
        let alerts: Vec<String> = sqlx::query_scalar(
            "SELECT detail FROM sync_alerts WHERE kind = 'possible_duplicate' AND dismissed_at IS NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        for detail in alerts {
            let detail: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
            for uid in detail["clients"].as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
                for case in cases_of(&mut conn, "client", uid).await? {
                    if let Some(row) = member_of_matter.get(&case).and_then(|w| rows.get_mut(w)) {
                        row.possible_duplicates += 1;
                    }
                }
            }
        }
        for (member, heard) in &holders.last_heard {
            if let Some(row) = rows.get_mut(&Some(member.clone())) {
                row.last_heard = heard.clone();
            }
        }
        let mut out: Vec<CaseloadRow> = rows.into_values().filter(|r| !(r.removed && r.open_matters == 0)).collect();
        // Most urgent first: overdue, then hearings soon, then the rest by name.
        out.sort_by(|a, b| (b.overdue, b.hearings_14d, &a.name).cmp(&(a.overdue, a.hearings_14d, &b.name)));
        Ok(out)
    }
}
