//! The coordinator's caseload board: for each member (and for cases no one holds), open
//! matters, hearings in the next 14 days, overdue and due-in-7 deadlines, matters with no
//! activity for 30/60/90 days, conflicts and possible duplicates in their cases, and when
//! this vault last heard from their laptop. Nothing falls between two people: cases with no
//! volunteer are a row of their own.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

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

/// The board's sums for one holder ('' for cases no one holds).
#[derive(Default, sqlx::FromRow)]
struct HolderStats {
    who: String,
    open: i64,
    hearings: i64,
    overdue: i64,
    due7: i64,
    stale30: i64,
    stale60: i64,
    stale90: i64,
}

/// The filters on the open, living matters the board counts: ?4 court, ?5 judge, ?6 kind,
/// ?7 detained only, ?8 language.
const BOARD_FILTERS: &str = "m.deleted_at IS NULL AND c.deleted_at IS NULL AND m.status = 'open' \
       AND (?4 IS NULL OR lower(trim(m.court_name)) = lower(?4) \
            OR EXISTS (SELECT 1 FROM hearings hc WHERE hc.matter_id = m.id AND lower(trim(hc.court)) = lower(?4))) \
       AND (?5 IS NULL OR lower(trim(m.judge)) = lower(?5) \
            OR EXISTS (SELECT 1 FROM hearings hj WHERE hj.matter_id = m.id AND lower(trim(hj.judge)) = lower(?5))) \
       AND (?6 IS NULL OR m.kind = ?6) \
       AND (?7 = 0 OR c.detention_status = 'detained') \
       AND (?8 IS NULL OR EXISTS (SELECT 1 FROM json_each(c.languages) l WHERE lower(trim(l.value)) = lower(?8)))";

/// One matter's figures on the board (?1 today, ?2 the day after the 14 days, ?3 today + 7,
/// ?9/?10/?11 the days 30/60/90 days back), from the hearings, deadlines and activity sums.
const FIGURES: &str = "COUNT(*) AS open, COALESCE(SUM(h.n), 0) AS hearings, COALESCE(SUM(d.overdue), 0) AS overdue, \
       COALESCE(SUM(d.due7), 0) AS due7, \
       COALESCE(SUM(substr(max(m.updated_at, COALESCE(a.at, '')), 1, 10) <= ?9), 0) AS stale30, \
       COALESCE(SUM(substr(max(m.updated_at, COALESCE(a.at, '')), 1, 10) <= ?10), 0) AS stale60, \
       COALESCE(SUM(substr(max(m.updated_at, COALESCE(a.at, '')), 1, 10) <= ?11), 0) AS stale90";

const SUMS: &str =
    "LEFT JOIN h ON h.matter_id = m.id LEFT JOIN d ON d.matter_id = m.id LEFT JOIN a ON a.matter_id = m.id";

/// The unfiltered board from the per-matter board rows the triggers keep (`desk_matters`):
/// open cases and stale ones are index range counts per member; hearings and deadlines
/// start from the few in their date ranges.
async fn board_rows(conn: &mut SqliteConnection, today: NaiveDate) -> Result<Vec<HolderStats>> {
    let d = |n: i64| (today + Duration::days(n)).to_string();
    let mut stats: BTreeMap<String, HolderStats> = BTreeMap::new();
    let held: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT member_id, COUNT(*), SUM(active <= ?1), SUM(active <= ?2), SUM(active <= ?3) \
         FROM desk_matters INDEXED BY desk_matters_board WHERE open = 1 GROUP BY member_id",
    )
    .bind(d(-30))
    .bind(d(-60))
    .bind(d(-90))
    .fetch_all(&mut *conn)
    .await?;
    for (who, open, stale30, stale60, stale90) in held {
        stats.insert(who.clone(), HolderStats { who, open, stale30, stale60, stale90, ..Default::default() });
    }
    let hearings: Vec<(String, i64)> = sqlx::query_as(
        "SELECT dm.member_id, COUNT(*) FROM hearings h JOIN desk_matters dm ON dm.matter_id = h.matter_id \
         WHERE h.starts_at >= ?1 AND h.starts_at < ?2 AND dm.open = 1 GROUP BY 1",
    )
    .bind(today.to_string())
    .bind(d(15))
    .fetch_all(&mut *conn)
    .await?;
    for (who, n) in hearings {
        stats.entry(who.clone()).or_insert_with(|| HolderStats { who, ..Default::default() }).hearings = n;
    }
    let deadlines: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT dm.member_id, SUM(d.due_on < ?1), SUM(d.due_on >= ?1) FROM deadlines d \
         JOIN desk_matters dm ON dm.matter_id = d.matter_id \
         WHERE d.status = 'open' AND d.due_on <= ?2 AND dm.open = 1 GROUP BY 1",
    )
    .bind(today.to_string())
    .bind(d(7))
    .fetch_all(&mut *conn)
    .await?;
    for (who, overdue, due7) in deadlines {
        let row = stats.entry(who.clone()).or_insert_with(|| HolderStats { who, ..Default::default() });
        row.overdue = overdue;
        row.due7 = due7;
    }
    Ok(stats.into_values().collect())
}

type Filters<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, bool, Option<&'a str>);

/// Whose row a case counts on, if the board counts it at all: Some(None) for no one.
async fn board_holder(conn: &mut SqliteConnection, case: &str, f: Filters<'_>) -> Result<Option<Option<String>>> {
    let who: Option<String> = sqlx::query_scalar(&format!(
        "SELECT COALESCE(ho.member_id, '') FROM matters m JOIN clients c ON c.id = m.client_id \
             LEFT JOIN sync_case_holder ho ON ho.matter_id = m.id \
             WHERE {BOARD_FILTERS} AND m.id = (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = ?9)"
    ))
    .bind(0)
    .bind(0)
    .bind(0)
    .bind(f.0)
    .bind(f.1)
    .bind(f.2)
    .bind(f.3)
    .bind(f.4)
    .bind(case)
    .fetch_optional(conn)
    .await?;
    Ok(who.map(|w| Some(w).filter(|w| !w.is_empty())))
}

impl Store {
    /// The board as of `today` (coordinators only).
    pub async fn caseload(&self, today: NaiveDate, filter: &CaseloadFilter) -> Result<Vec<CaseloadRow>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let roster = me.require_coordinator()?.clone();
        let holders = Holders::load(&mut conn).await?;
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let d = |n: i64| (today + Duration::days(n)).to_string();
        let (court, judge, kind, language) =
            (text(&filter.court), text(&filter.judge), text(&filter.kind), text(&filter.language));
        // One pass over each table, summed per holder in SQL: a coordinator's vault holds
        // the whole clinic, and sending every matter's row to Rust cost more than the
        // counting (ranges compare whole strings, so the date indexes serve them).
        // Summed per member in SQL, walking the holder table in member order (no sort of
        // every matter), then once more for the matters no one holds: a coordinator's
        // vault holds the whole clinic, and sending every matter's row to Rust, or
        // grouping them by a text key, cost more than the counting.
        let sql = format!(
            "WITH h AS (SELECT matter_id, COUNT(*) AS n FROM hearings WHERE starts_at >= ?1 AND starts_at < ?2 \
                        GROUP BY matter_id), \
                  d AS (SELECT matter_id, SUM(due_on < ?1) AS overdue, SUM(due_on >= ?1) AS due7 \
                        FROM deadlines WHERE status = 'open' AND due_on <= ?3 GROUP BY matter_id), \
                  a AS (SELECT matter_id, max(at) AS at FROM ( \
                          SELECT matter_id, updated_at AS at FROM hearings \
                          UNION ALL SELECT matter_id, updated_at FROM deadlines \
                          UNION ALL SELECT matter_id, updated_at FROM filings \
                          UNION ALL SELECT n.matter_id, v.written_at FROM notes n JOIN note_versions v ON v.note_id = n.id \
                            WHERE n.matter_id IS NOT NULL) GROUP BY matter_id) \
             SELECT ho.member_id AS who, {FIGURES} \
             FROM sync_case_holder ho INDEXED BY sync_case_holder_member \
             JOIN matters m ON m.id = ho.matter_id JOIN clients c ON c.id = m.client_id {SUMS} \
             WHERE {BOARD_FILTERS} GROUP BY ho.member_id \
             UNION ALL \
             SELECT '' AS who, {FIGURES} FROM matters m JOIN clients c ON c.id = m.client_id {SUMS} \
             WHERE {BOARD_FILTERS} AND NOT EXISTS (SELECT 1 FROM sync_case_holder x WHERE x.matter_id = m.id)"
        );
        let unfiltered = court.is_none() && judge.is_none() && kind.is_none() && !filter.detained && language.is_none();
        let stats: Vec<HolderStats> = if unfiltered {
            board_rows(&mut conn, today).await?
        } else {
            sqlx::query_as(&sql)
                .bind(today.to_string())
                .bind(d(15))
                .bind(d(7))
                .bind(&court)
                .bind(&judge)
                .bind(&kind)
                .bind(filter.detained)
                .bind(&language)
                .bind(d(-30))
                .bind(d(-60))
                .bind(d(-90))
                .fetch_all(&mut *conn)
                .await?
        };

        let mut rows: BTreeMap<Option<String>, CaseloadRow> = BTreeMap::new();
        for m in &roster.members {
            rows.insert(
                Some(m.id.clone()),
                CaseloadRow {
                    member_id: Some(m.id.clone()),
                    name: m.name.clone(),
                    role: Some(m.role),
                    removed: m.removed_at.is_some(),
                    last_heard: holders.last_heard.get(&m.id).cloned().flatten(),
                    ..Default::default()
                },
            );
        }
        rows.insert(None, CaseloadRow::default());
        let row_of = |who: &str| Some(who.to_string()).filter(|w| !w.is_empty());
        for st in &stats {
            // A holder the roster does not know (yet) counts as no one.
            let key = row_of(&st.who).filter(|w| rows.contains_key(&Some(w.clone())));
            let row = rows.get_mut(&key).expect("a row for every holder");
            row.open_matters += st.open;
            row.hearings_14d += st.hearings;
            row.overdue += st.overdue;
            row.due_7d += st.due7;
            row.stale_30d += st.stale30;
            row.stale_60d += st.stale60;
            row.stale_90d += st.stale90;
        }
        // Conflicts and duplicates count for whoever holds the case they concern, if the
        // board counts that case (open, and within the filters).
        let f = (court.as_deref(), judge.as_deref(), kind.as_deref(), filter.detained, language.as_deref());
        let conflicts: Vec<(String, String)> =
            sqlx::query_as("SELECT entity, uid FROM sync_conflicts").fetch_all(&mut *conn).await?;
        for (entity, uid) in conflicts {
            for case in cases_of(&mut conn, &entity, &uid).await? {
                if let Some(row) = board_holder(&mut conn, &case, f).await?.and_then(|w| rows.get_mut(&w)) {
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
                    if let Some(row) = board_holder(&mut conn, &case, f).await?.and_then(|w| rows.get_mut(&w)) {
                        row.possible_duplicates += 1;
                    }
                }
            }
        }
        let mut out: Vec<CaseloadRow> = rows.into_values().filter(|r| !(r.removed && r.open_matters == 0)).collect();
        // Most urgent first: overdue, then hearings soon, then the rest by name.
        out.sort_by(|a, b| (b.overdue, b.hearings_14d, &a.name).cmp(&(a.overdue, a.hearings_14d, &b.name)));
        Ok(out)
    }
}
