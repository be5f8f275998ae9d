//! Custody history: periods of detention, each with its facility, bond and release terms.
//! The client's own detention fields (status, facility, since, released) follow the latest
//! period, so the lists, the search filter and the reports keep reading one place.

use super::{audit, expect_one, now, Query, Store};
use crate::error::{Error, Result};
use crate::model::{CustodyFields, CustodyInput, CustodyPeriod, DetentionStatus};

const COLUMNS: &str = "client_id, facility, detained_on, released_on, bond_amount, bond_status, alternative, notes";

impl Store {
    /// Adds a period in custody to a living client.
    pub async fn add_custody_period(&self, input: &CustodyInput) -> Result<CustodyPeriod> {
        let f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        super::clients::require_living_client(&mut tx, f.client_id).await?;
        let at = now();
        let sql = format!(
            "INSERT INTO custody_periods ({COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        );
        let id = bind(sqlx::query(&sql), &f).bind(&at).bind(&at).execute(&mut *tx).await?.last_insert_rowid();
        audit::record(
            &mut tx,
            self.actor(),
            "create",
            "custody_period",
            Some(id),
            serde_json::to_value(&f).unwrap_or_default(),
        )
        .await?;
        follow_latest(&mut tx, self.actor(), f.client_id).await?;
        tx.commit().await?;
        self.custody_period(id).await
    }

    /// One period that has not been removed.
    pub async fn custody_period(&self, id: i64) -> Result<CustodyPeriod> {
        sqlx::query_as("SELECT * FROM custody_periods WHERE id = ? AND deleted_at IS NULL")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "custody_period", id })
    }

    /// Replaces a period's details (a release, a bond set or posted); it stays with its client.
    pub async fn update_custody_period(&self, id: i64, input: &CustodyInput) -> Result<CustodyPeriod> {
        let before = self.custody_period(id).await?;
        let f = CustodyInput { client_id: before.fields.client_id, ..input.clone() }.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        super::clients::require_living_client(&mut tx, f.client_id).await?;
        let sets: Vec<String> = COLUMNS.split(", ").map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE custody_periods SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        bind(sqlx::query(&sql), &f).bind(now()).bind(id).execute(&mut *tx).await?;
        audit::record(&mut tx, self.actor(), "update", "custody_period", Some(id), audit::diff(&before.fields, &f))
            .await?;
        follow_latest(&mut tx, self.actor(), f.client_id).await?;
        tx.commit().await?;
        self.custody_period(id).await
    }

    /// Removes a period entered by mistake (kept, marked removed, audited).
    pub async fn delete_custody_period(&self, id: i64) -> Result<()> {
        let before = self.custody_period(id).await?;
        let mut tx = self.pool().begin().await?;
        let at = now();
        let rows = sqlx::query(
            "UPDATE custody_periods SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
        )
        .bind(&at)
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        expect_one(rows, "custody_period", id)?;
        audit::record(&mut tx, self.actor(), "delete", "custody_period", Some(id), serde_json::json!({})).await?;
        follow_latest(&mut tx, self.actor(), before.fields.client_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A client's periods in custody, the latest first.
    pub async fn custody_for(&self, client_id: i64) -> Result<Vec<CustodyPeriod>> {
        Ok(sqlx::query_as(
            "SELECT * FROM custody_periods WHERE client_id = ? AND deleted_at IS NULL ORDER BY detained_on DESC, id DESC",
        )
        .bind(client_id)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Sets the client's detention fields from the latest period (none left: unchanged, as
/// the fields may predate the history), auditing any change.
async fn follow_latest(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, actor: &str, client_id: i64) -> Result<()> {
    let latest: Option<CustodyPeriod> = sqlx::query_as(
        "SELECT * FROM custody_periods WHERE client_id = ? AND deleted_at IS NULL ORDER BY detained_on DESC, id DESC LIMIT 1",
    )
    .bind(client_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(p) = latest else { return Ok(()) };
    let status = if p.fields.released_on.is_some() { DetentionStatus::Released } else { DetentionStatus::Detained };
    let before: Detention = sqlx::query_as(
        "SELECT detention_status, detention_facility, detained_since, released_on FROM clients WHERE id = ?",
    )
    .bind(client_id)
    .fetch_one(&mut **tx)
    .await?;
    let after = Detention {
        detention_status: status,
        detention_facility: p.fields.facility.clone(),
        detained_since: Some(p.fields.detained_on.to_string()),
        released_on: p.fields.released_on.map(|d| d.to_string()),
    };
    if before == after {
        return Ok(());
    }
    sqlx::query(
        "UPDATE clients SET detention_status = ?, detention_facility = ?, detained_since = ?, released_on = ?, updated_at = ? \
         WHERE id = ?",
    )
    .bind(after.detention_status)
    .bind(&after.detention_facility)
    .bind(&after.detained_since)
    .bind(&after.released_on)
    .bind(now())
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    audit::record(tx, actor, "update", "client", Some(client_id), audit::diff(&before, &after)).await
}

/// The client's own detention fields, as stored.
#[derive(PartialEq, serde::Serialize, sqlx::FromRow)]
struct Detention {
    detention_status: DetentionStatus,
    detention_facility: Option<String>,
    detained_since: Option<String>,
    released_on: Option<String>,
}

fn bind<'q>(q: Query<'q>, f: &'q CustodyFields) -> Query<'q> {
    q.bind(f.client_id)
        .bind(&f.facility)
        .bind(f.detained_on)
        .bind(f.released_on)
        .bind(f.bond_amount)
        .bind(f.bond_status)
        .bind(f.alternative)
        .bind(&f.notes)
}
