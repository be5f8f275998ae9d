//! The audit log: who did what, when, and what changed. Append-only (the schema refuses
//! updates and deletes). It lives inside the encrypted vault, so it may name clients.

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::{sqlite::SqlitePool, Sqlite, Transaction};

use super::{now, Store};
use crate::error::Result;

/// One audit entry.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// JSON: the new record on create, `{field: [before, after]}` on update.
    pub changes: String,
}

/// Writes an entry inside the caller's transaction.
pub(crate) async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    changes: Value,
) -> Result<()> {
    record_in(tx, actor, action, entity, entity_id, changes).await
}

/// `record` inside a transaction the caller holds as a connection (the clinic exchange's).
pub(crate) async fn record_in(
    conn: &mut sqlx::SqliteConnection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    changes: Value,
) -> Result<()> {
    sqlx::query("INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(now())
        .bind(actor)
        .bind(action)
        .bind(entity)
        .bind(entity_id)
        .bind(changes.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Writes a stand-alone entry (vault events such as a passphrase change).
pub(crate) async fn record_event(
    pool: &SqlitePool,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    changes: Value,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    record(&mut tx, "amparo", action, entity, entity_id, changes).await?;
    tx.commit().await?;
    Ok(())
}

/// The fields that differ between two serialised records, as `{field: [before, after]}`.
pub(crate) fn diff(before: &impl Serialize, after: &impl Serialize) -> Value {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) = (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Value::Null;
    };
    let mut out = Map::new();
    for (k, new) in &b {
        let old = a.get(k).cloned().unwrap_or(Value::Null);
        if &old != new {
            out.insert(k.clone(), Value::Array(vec![old, new.clone()]));
        }
    }
    Value::Object(out)
}

impl Store {
    /// The history of one record, oldest first.
    pub async fn audit_for(&self, entity: &str, entity_id: i64) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as("SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id")
            .bind(entity)
            .bind(entity_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The most recent entries, newest first.
    pub async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?")
            .bind(limit)
            .fetch_all(self.pool())
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let a = serde_json::json!({"name": "Ana", "dob": null, "x": 1});
        let b = serde_json::json!({"name": "Ana María", "dob": null, "x": 1});
        assert_eq!(diff(&a, &b), serde_json::json!({"name": ["Ana", "Ana María"]}));
    }
}
