//! Retention: a client whose every case is closed is archived (out of lists and search),
//! and purged once the clinic's retention period has passed since the later of the
//! archiving and the last closing. Keeping records of people who fled persecution longer
//! than needed is a risk to them; keeping them too briefly loses what a reopened case
//! needs, so the period is the clinic's choice (7 years unless set).
//!
//! The audit log is append-only for every other write. A purge is the one exception: in
//! a single transaction it removes the client, everything hanging off them, their notes'
//! history and the audit entries about those records, and appends a tombstone that says
//! when, by whom and how much was removed, without a name or any other detail. Purged
//! record ids (uids) are remembered so that a clinic laptop that has not purged yet
//! cannot bring the client back through a bundle.

use chrono::NaiveDate;
use serde::Serialize;

use super::{audit, now, Store};
use crate::error::{Error, Result};

/// The retention period when the clinic has not chosen one.
pub const DEFAULT_RETENTION_YEARS: u32 = 7;
const KEY: &str = "retention_years";

/// An archived client and when they may be purged.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct ArchivedClient {
    pub client_id: i64,
    pub client_name: String,
    pub archived_at: String,
    /// The last day one of their matters closed.
    pub last_closed_on: Option<NaiveDate>,
    /// The first day they may be purged.
    #[sqlx(skip)]
    pub purge_from: Option<NaiveDate>,
}

/// What a purge removed, by kind of record (the tombstone says the same).
#[derive(Clone, Debug, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Purged {
    pub matters: i64,
    pub records: i64,
    pub history_entries: i64,
}

impl Store {
    /// The retention period in years.
    pub async fn retention_years(&self) -> Result<u32> {
        Ok(self.setting(KEY).await?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_RETENTION_YEARS))
    }

    /// Sets the retention period (1 to 100 years).
    pub async fn set_retention_years(&self, years: u32) -> Result<()> {
        if !(1..=100).contains(&years) {
            return Err(crate::model::ValidationError::one(
                "retention_years",
                crate::text::Text::fixed(
                    "Choose a retention period from 1 to 100 years.",
                    "Elija un periodo de conservación de 1 a 100 años.",
                ),
            )
            .into());
        }
        let mut tx = self.pool().begin().await?;
        super::settings::set_setting(&mut tx, KEY, &years.to_string()).await?;
        audit::record(&mut tx, self.actor(), "update", "settings", None, serde_json::json!({ KEY: years })).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Archives a client whose matters are all closed.
    pub async fn archive_client(&self, id: i64) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        super::clients::require_living_client(&mut tx, id).await?;
        let open = open_cases(&mut tx, id).await?;
        if open > 0 {
            return Err(Error::Conflict(format!(
                "This client has {open} case(s) not closed. Close every case before archiving the client."
            )));
        }
        let rows =
            sqlx::query("UPDATE clients SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL")
                .bind(now())
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if rows == 0 {
            return Err(Error::Conflict("This client is archived already.".into()));
        }
        audit::record(&mut tx, self.actor(), "archive", "client", Some(id), serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Brings an archived client back to the lists.
    pub async fn unarchive_client(&self, id: i64) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let rows = sqlx::query(
            "UPDATE clients SET archived_at = NULL, updated_at = ? WHERE id = ? AND archived_at IS NOT NULL",
        )
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        super::expect_one(rows, "client", id)?;
        audit::record(&mut tx, self.actor(), "unarchive", "client", Some(id), serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Archived clients, with the first day each may be purged, soonest first.
    pub async fn archived_clients(&self) -> Result<Vec<ArchivedClient>> {
        let years = self.retention_years().await?;
        let mut rows: Vec<ArchivedClient> = sqlx::query_as(&format!(
            "SELECT c.id AS client_id, {} AS client_name, c.archived_at, \
             (SELECT max(closed_on) FROM matters WHERE client_id = c.id AND deleted_at IS NULL) AS last_closed_on \
             FROM clients c WHERE c.archived_at IS NOT NULL AND c.deleted_at IS NULL",
            super::CLIENT_NAME
        ))
        .fetch_all(self.pool())
        .await?;
        for r in &mut rows {
            r.purge_from = purge_from(&r.archived_at, r.last_closed_on, years);
        }
        rows.sort_by_key(|r| (r.purge_from, r.client_id));
        Ok(rows)
    }

    /// Purges an archived client whose retention period has passed on `today`. See the
    /// module comment for what is removed and what is kept.
    pub async fn purge_client(&self, id: i64, today: NaiveDate) -> Result<Purged> {
        let years = self.retention_years().await?;
        let Some(c) = self.archived_clients().await?.into_iter().find(|c| c.client_id == id) else {
            return Err(Error::Conflict("Only an archived client can be purged. Archive the client first.".into()));
        };
        match c.purge_from {
            Some(day) if day <= today => {}
            Some(day) => {
                return Err(Error::Conflict(format!(
                    "The retention period ({years} years) has not passed: this client can be purged from {day}."
                )))
            }
            None => return Err(Error::Conflict("The archiving date of this client cannot be read.".into())),
        }
        let mut tx = self.pool().begin().await?;
        let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE principal_id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if members > 0 {
            return Err(Error::Conflict(format!(
                "{members} family member(s) name this client as principal. Purge or unlink them first."
            )));
        }
        let open = open_cases(&mut tx, id).await?;
        if open > 0 {
            return Err(Error::Conflict(format!(
                "This client has {open} case(s) not closed. A client with an open case is never purged."
            )));
        }
        sqlx::query("INSERT INTO purging (id) VALUES (1)").execute(&mut *tx).await?;
        // A form kept across a lock may hold this client's details.
        sqlx::query("DELETE FROM settings WHERE key = 'draft'").execute(&mut *tx).await?;
        let records = records_of(&mut tx, id).await?;
        let matters = records.iter().filter(|(e, _)| e == "matter").count() as i64;
        let history_entries = forget(&mut tx, &records).await?;
        remove_rows(&mut tx, id).await?;
        sqlx::query("DELETE FROM purging").execute(&mut *tx).await?;
        let purged = Purged { matters, records: records.len() as i64, history_entries };
        let tombstone = serde_json::json!({
            "client": id,
            "matters": purged.matters,
            "records": purged.records,
            "history_entries": purged.history_entries,
            "retention_years": years,
        });
        audit::record(&mut tx, self.actor(), "purge", "vault", None, tombstone).await?;
        tx.commit().await?;
        // The search index keeps deleted terms in its segments until they are merged.
        sqlx::query("INSERT INTO search_index (search_index) VALUES ('optimize')").execute(self.pool()).await?;
        Ok(purged)
    }
}

/// How many of the client's living cases are not closed.
async fn open_cases(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, client: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM matters WHERE client_id = ? AND deleted_at IS NULL AND status <> 'closed'",
    )
    .bind(client)
    .fetch_one(&mut **tx)
    .await?)
}

/// The first day a client archived at `archived_at` (RFC 3339) whose last matter closed on
/// `last_closed` may be purged.
fn purge_from(archived_at: &str, last_closed: Option<NaiveDate>, years: u32) -> Option<NaiveDate> {
    let archived = archived_at.get(..10)?.parse::<NaiveDate>().ok()?;
    let start = last_closed.map_or(archived, |c| c.max(archived));
    start.checked_add_months(chrono::Months::new(12 * years))
}

/// Every record of the client, as (entity, local id).
async fn records_of(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, client: i64) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT 'client', ?1 \
         UNION ALL SELECT 'matter', id FROM matters WHERE client_id = ?1 \
         UNION ALL SELECT 'hearing', id FROM hearings WHERE matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'deadline', id FROM deadlines WHERE matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'filing', id FROM filings WHERE matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'appointment', id FROM appointments WHERE matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'custody_period', id FROM custody_periods WHERE client_id = ?1 \
         UNION ALL SELECT 'note', id FROM notes WHERE client_id = ?1 \
            OR matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'note_version', v.id FROM note_versions v JOIN notes n ON n.id = v.note_id \
            WHERE n.client_id = ?1 OR n.matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
         UNION ALL SELECT 'document', d.id FROM documents d WHERE {}",
        crate::documents::OF_CLIENT
    ))
    .bind(client)
    .fetch_all(&mut **tx)
    .await?)
}

/// Removes the audit entries about the records and every copy the clinic sync keeps of
/// their values; remembers their uids as purged. Returns the audit entries removed.
async fn forget(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, records: &[(String, i64)]) -> Result<i64> {
    let mut history = 0;
    for (entity, id) in records {
        let entries: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_log WHERE entity = ? AND entity_id = ?")
            .bind(entity)
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        for entry in &entries {
            forget_one(tx, "audit", *entry).await?;
            sqlx::query("DELETE FROM audit_log WHERE id = ?").bind(entry).execute(&mut **tx).await?;
        }
        history += entries.len() as i64;
        forget_one(tx, entity, *id).await?;
    }
    Ok(history)
}

/// Drops what the clinic sync keeps of one record and remembers its uid as purged.
async fn forget_one(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, entity: &str, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM sync_dirty WHERE entity = ? AND local_id = ?")
        .bind(entity)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let uid: Option<String> = sqlx::query_scalar("SELECT uid FROM sync_ids WHERE entity = ? AND local_id = ?")
        .bind(entity)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(uid) = uid else { return Ok(()) };
    for sql in [
        "DELETE FROM sync_fields WHERE uid = ?1",
        "DELETE FROM sync_ops WHERE uid = ?1",
        "DELETE FROM sync_conflicts WHERE uid = ?1",
        "DELETE FROM sync_creators WHERE uid = ?1",
        "DELETE FROM sync_alerts WHERE key = ?1 OR instr(detail, ?1) > 0",
        "DELETE FROM sync_case_members WHERE matter_uid = ?1",
        "DELETE FROM sync_case_owner WHERE matter_uid = ?1",
        "DELETE FROM sync_case_holder WHERE matter_uid = ?1",
        "DELETE FROM sync_transfers WHERE matter_uid = ?1",
        "DELETE FROM sync_new_to_me WHERE matter_uid = ?1",
        // A document described for this record and not arrived: its description names it.
        "DELETE FROM sync_document_in WHERE instr(item, ?1) > 0",
        "DELETE FROM sync_ids WHERE uid = ?1",
        "INSERT OR IGNORE INTO sync_purged (uid) VALUES (?1)",
    ] {
        sqlx::query(sql).bind(&uid).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Deletes the client's rows, children first.
async fn remove_rows(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, client: i64) -> Result<()> {
    const MATTERS: &str = "(SELECT id FROM matters WHERE client_id = ?1)";
    // Every document of the client, their cases, hearings and filings, every version.
    let documents = crate::documents::OF_CLIENT;
    let statements = [
        // What the clinic exchange keeps about them: a description names the file.
        format!("DELETE FROM sync_document_in WHERE uid IN (SELECT uid FROM documents d WHERE {documents})"),
        format!("DELETE FROM sync_document_out WHERE uid IN (SELECT uid FROM documents d WHERE {documents})"),
        format!("DELETE FROM document_chunks WHERE blob_id IN (SELECT blob_id FROM documents d WHERE {documents})"),
        format!("DELETE FROM documents AS d WHERE {documents}"),
        // A complete blob always has its document (both are written in one transaction),
        // so those left without one are the client's; an attach under way is not complete.
        "DELETE FROM document_blobs WHERE complete = 1 AND id NOT IN (SELECT blob_id FROM documents)".to_string(),
        format!("DELETE FROM checklist_marks WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM sync_mark_out WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM note_versions WHERE note_id IN (SELECT id FROM notes WHERE client_id = ?1 OR matter_id IN {MATTERS})"),
        format!("DELETE FROM notes WHERE client_id = ?1 OR matter_id IN {MATTERS}"),
        format!("DELETE FROM filings WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM deadlines WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM hearings WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM appointments WHERE matter_id IN {MATTERS}"),
        format!("DELETE FROM desk_matters WHERE matter_id IN {MATTERS}"),
        "DELETE FROM matters WHERE client_id = ?1".to_string(),
        "DELETE FROM custody_periods WHERE client_id = ?1".to_string(),
        "DELETE FROM client_aliases WHERE client_id = ?1".to_string(),
        "DELETE FROM search_index WHERE rowid = ?1".to_string(),
        "DELETE FROM clients WHERE id = ?1".to_string(),
        // Deleting the other names marks the client for the next sync; nothing is left to send.
        "DELETE FROM sync_dirty WHERE entity = 'client' AND local_id = ?1".to_string(),
    ];
    for sql in statements {
        sqlx::query(&sql).bind(client).execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_runs_from_the_later_of_archiving_and_closing() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(purge_from("2020-03-01T10:00:00Z", Some(d("2019-05-01")), 7), Some(d("2027-03-01")));
        assert_eq!(purge_from("2020-03-01T10:00:00Z", Some(d("2021-05-01")), 7), Some(d("2028-05-01")));
        assert_eq!(purge_from("2020-02-29T10:00:00Z", None, 1), Some(d("2021-02-28")));
        assert_eq!(purge_from("garbage", None, 1), None);
    }
}
