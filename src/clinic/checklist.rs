//! The evidence checklist in the clinic exchange: marks made by hand on a case ("we have
//! it", "not needed", cleared) travel with the case to its readers, the later mark
//! winning between two laptops; a clinic's own items travel to every member, since they
//! belong to no case. Ticks made by attaching a document travel with the document.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::capture::{ensure_uid, local_id};
use crate::error::Result;
use crate::model::MatterKind;

/// A mark on one case's item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkItem {
    /// The case's uid.
    pub matter: String,
    pub item: String,
    /// have, not_needed, or missing (the mark cleared).
    pub state: String,
    pub by: String,
    pub at: String,
}

/// A clinic's own checklist item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicItemSync {
    pub id: String,
    pub kind: MatterKind,
    pub label: String,
    pub by: String,
    pub at: String,
}

/// Refuses a mark or an item no Amparo writes.
pub fn check(marks: &[MarkItem], items: &[ClinicItemSync]) -> std::result::Result<(), String> {
    let short = |s: &str, n: usize| !s.is_empty() && s.chars().count() <= n;
    for m in marks {
        let ok = uuid::Uuid::parse_str(&m.matter).is_ok()
            && short(&m.item, 200)
            && matches!(m.state.as_str(), "have" | "not_needed" | "missing")
            && short(&m.by, 200)
            && short(&m.at, 64);
        if !ok {
            return Err("it marks a checklist item in a way Amparo never writes".into());
        }
    }
    for i in items {
        let id_ok =
            i.id.strip_prefix("clinic_").is_some_and(|r| r.len() <= 64 && r.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !id_ok || !short(i.label.trim(), 200) || !short(&i.by, 200) || !short(&i.at, 64) {
            return Err("it adds a checklist item in a way Amparo never writes".into());
        }
    }
    Ok(())
}

/// Marks made here and not sent, each with its case's uid; taken (sent once).
pub async fn take_marks(conn: &mut SqliteConnection) -> Result<Vec<MarkItem>> {
    let rows: Vec<(i64, String, String, String, String)> =
        sqlx::query_as("SELECT matter_id, item, state, marked_by, marked_at FROM sync_mark_out ORDER BY marked_at")
            .fetch_all(&mut *conn)
            .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (matter, item, state, by, at) in rows {
        let matter = ensure_uid(conn, "matter", matter).await?;
        out.push(MarkItem { matter, item, state, by, at });
    }
    sqlx::query("DELETE FROM sync_mark_out").execute(&mut *conn).await?;
    Ok(out)
}

/// A clinic's own items added here and not sent; taken (sent once).
pub async fn take_items(conn: &mut SqliteConnection) -> Result<Vec<ClinicItemSync>> {
    let rows: Vec<(String, MatterKind, String, String, String)> = sqlx::query_as(
        "SELECT i.id, i.kind, i.label, i.added_by, i.added_at FROM sync_item_out o JOIN checklist_items i ON i.id = o.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM sync_item_out").execute(&mut *conn).await?;
    Ok(rows.into_iter().map(|(id, kind, label, by, at)| ClinicItemSync { id, kind, label, by, at }).collect())
}

/// Takes marks and items from another laptop. A mark older than the one here loses; one
/// on a case not here (not shared with this laptop) is left.
pub async fn apply(conn: &mut SqliteConnection, marks: &[MarkItem], items: &[ClinicItemSync]) -> Result<()> {
    for i in items {
        sqlx::query(
            "INSERT OR IGNORE INTO checklist_items (id, kind, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&i.id)
        .bind(i.kind)
        .bind(i.label.trim())
        .bind(&i.by)
        .bind(&i.at)
        .execute(&mut *conn)
        .await?;
    }
    for m in marks {
        let Some(matter) = local_id(conn, "matter", &m.matter).await? else { continue };
        let here: Option<(String, String)> =
            sqlx::query_as("SELECT marked_at, marked_by FROM checklist_marks WHERE matter_id = ? AND item = ?")
                .bind(matter)
                .bind(&m.item)
                .fetch_optional(&mut *conn)
                .await?;
        // The later mark wins; of two in the same instant, the one by the name that sorts
        // last, so that every laptop keeps the same one.
        if here.is_some_and(|(at, by)| (at.as_str(), by.as_str()) >= (m.at.as_str(), m.by.as_str())) {
            continue;
        }
        sqlx::query("DELETE FROM checklist_marks WHERE matter_id = ? AND item = ?")
            .bind(matter)
            .bind(&m.item)
            .execute(&mut *conn)
            .await?;
        if m.state != "missing" {
            sqlx::query(
                "INSERT INTO checklist_marks (matter_id, item, state, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(matter)
            .bind(&m.item)
            .bind(&m.state)
            .bind(&m.by)
            .bind(&m.at)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}
