//! Hearings: add and list.

use chrono::NaiveDate;

use super::{audit, now, Store};
use crate::error::Result;
use crate::model::{Hearing, HearingInput};

impl Store {
    /// Adds a hearing to a living matter.
    pub async fn add_hearing(&self, input: &HearingInput) -> Result<Hearing> {
        let f = input.validate()?;
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, f.matter_id).await?;
        let at = now();
        let id = sqlx::query(
            "INSERT INTO hearings (matter_id, kind, starts_at, court, judge, detained, attendance, outcome, created_at, \
             updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(f.matter_id)
        .bind(f.kind)
        .bind(f.starts_at)
        .bind(&f.court)
        .bind(&f.judge)
        .bind(f.detained)
        .bind(f.attendance)
        .bind(&f.outcome)
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        audit::record(
            &mut tx,
            self.actor(),
            "create",
            "hearing",
            Some(id),
            serde_json::to_value(&f).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(sqlx::query_as("SELECT * FROM hearings WHERE id = ?").bind(id).fetch_one(self.pool()).await?)
    }

    /// A matter's hearings in date order.
    pub async fn hearings_for(&self, matter_id: i64) -> Result<Vec<Hearing>> {
        Ok(sqlx::query_as("SELECT * FROM hearings WHERE matter_id = ? ORDER BY starts_at")
            .bind(matter_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Hearings of living matters on days from `from` to `to`, inclusive.
    pub async fn hearings_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Hearing>> {
        Ok(sqlx::query_as(
            "SELECT h.* FROM hearings h JOIN matters m ON m.id = h.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND substr(h.starts_at, 1, 10) BETWEEN ? AND ? \
             ORDER BY h.starts_at",
        )
        .bind(from)
        .bind(to)
        .fetch_all(self.pool())
        .await?)
    }
}
