//! Filings: add and list.

use super::{audit, now, Store};
use crate::error::{Error, Result};
use crate::model::{Filing, FilingInput};

impl Store {
    /// Records a filing on a living matter.
    pub async fn add_filing(&self, input: &FilingInput) -> Result<Filing> {
        let f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, f.matter_id).await?;
        if let Some(d) = f.deadline_id {
            let owner: Option<i64> = sqlx::query_scalar("SELECT matter_id FROM deadlines WHERE id = ?")
                .bind(d)
                .fetch_optional(&mut *tx)
                .await?;
            if owner != Some(f.matter_id) {
                return Err(Error::Conflict("That deadline belongs to another matter.".into()));
            }
        }
        let at = now();
        let id = sqlx::query(
            "INSERT INTO filings (matter_id, form, description, filed_on, method, tracking_number, received_on, \
             receipt_number, status, deadline_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(f.matter_id)
        .bind(f.form)
        .bind(&f.description)
        .bind(f.filed_on)
        .bind(f.method)
        .bind(&f.tracking_number)
        .bind(f.received_on)
        .bind(&f.receipt_number)
        .bind(f.status)
        .bind(f.deadline_id)
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        audit::record(
            &mut tx,
            self.actor(),
            "create",
            "filing",
            Some(id),
            serde_json::to_value(&f).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        Ok(sqlx::query_as("SELECT * FROM filings WHERE id = ?").bind(id).fetch_one(self.pool()).await?)
    }

    /// A matter's filings, newest first.
    pub async fn filings_for(&self, matter_id: i64) -> Result<Vec<Filing>> {
        Ok(sqlx::query_as(
            "SELECT * FROM filings WHERE matter_id = ? ORDER BY COALESCE(filed_on, created_at) DESC, id DESC",
        )
        .bind(matter_id)
        .fetch_all(self.pool())
        .await?)
    }
}
