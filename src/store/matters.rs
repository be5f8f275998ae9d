//! Matters: add, read, list, soft-delete and restore.

use super::{audit, clients::require_living_client, expect_one, now, search, Store};
use crate::error::{Error, Result};
use crate::model::{Matter, MatterInput};

/// The rule id of the asylum one-year filing deadline.
pub const ONE_YEAR: &str = "asylum-one-year";

impl Store {
    /// Opens a matter for a living client.
    pub async fn add_matter(&self, input: &MatterInput) -> Result<Matter> {
        let f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        let id = insert_matter(&mut tx, self.actor(), &f).await?;
        tx.commit().await?;
        self.sync_one_year(f.client_id, None).await?;
        self.matter(id).await
    }

    /// Keeps each open asylum matter of a client with the one-year deadline that follows
    /// from the client's last arrival: creates it where it is missing, and moves it when
    /// the arrival date changed from `old_arrival`.
    pub(crate) async fn sync_one_year(&self, client_id: i64, old_arrival: Option<chrono::NaiveDate>) -> Result<()> {
        let Some(arrival) = self.client(client_id).await?.fields.last_arrival else {
            return Ok(());
        };
        let asylum: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM matters WHERE client_id = ? AND deleted_at IS NULL AND status <> 'closed' \
             AND kind IN ('affirmative_asylum', 'defensive_asylum')",
        )
        .bind(client_id)
        .fetch_all(self.pool())
        .await?;
        for matter_id in asylum {
            if let Some(old) = old_arrival.filter(|o| *o != arrival) {
                self.move_trigger(matter_id, Some(ONE_YEAR), old, arrival).await?;
            }
            let has: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deadlines WHERE matter_id = ? AND rule_id = ?")
                .bind(matter_id)
                .bind(ONE_YEAR)
                .fetch_one(self.pool())
                .await?;
            if has == 0 {
                let input = crate::model::DeadlineInput {
                    matter_id,
                    title: crate::model::deadline::ONE_YEAR_TITLE.en.to_string(),
                    rule_id: Some(ONE_YEAR.into()),
                    trigger_on: Some(arrival.to_string()),
                    ..Default::default()
                };
                self.add_deadline(&input).await?;
            }
        }
        Ok(())
    }

    /// One matter, deleted or not.
    pub async fn matter(&self, id: i64) -> Result<Matter> {
        sqlx::query_as("SELECT * FROM matters WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "matter", id })
    }

    /// Living matters, of one client or of all living clients, newest first.
    pub async fn list_matters(&self, client_id: Option<i64>) -> Result<Vec<Matter>> {
        Ok(sqlx::query_as(
            "SELECT m.* FROM matters m JOIN clients c ON c.id = m.client_id \
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND (?1 IS NULL OR m.client_id = ?1) \
             ORDER BY m.opened_on DESC, m.id DESC",
        )
        .bind(client_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Moves a matter to the deleted items.
    pub async fn delete_matter(&self, id: i64) -> Result<()> {
        self.set_deleted("matters", "matter", id, true).await?;
        self.reindex_matter_client(id).await
    }

    /// Brings a deleted matter back.
    pub async fn restore_matter(&self, id: i64) -> Result<()> {
        self.set_deleted("matters", "matter", id, false).await?;
        self.reindex_matter_client(id).await
    }

    async fn reindex_matter_client(&self, matter_id: i64) -> Result<()> {
        let m = self.matter(matter_id).await?;
        let mut tx = self.pool().begin().await?;
        search::reindex_client(&mut tx, m.fields.client_id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Fails unless the matter exists and is not deleted.
    pub(crate) async fn require_living_matter(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, id: i64) -> Result<()> {
        let rows: Option<i64> = sqlx::query_scalar(
            "SELECT m.id FROM matters m JOIN clients c ON c.id = m.client_id \
             WHERE m.id = ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        expect_one(rows.map(|_| 1).unwrap_or(0), "matter", id)
    }
}

/// Inserts one validated matter of a living client with its audit row, inside the
/// caller's transaction (the one-year deadline is the caller's to add).
pub(crate) async fn insert_matter(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &str,
    f: &crate::model::MatterFields,
) -> Result<i64> {
    require_living_client(tx, f.client_id).await?;
    let at = now();
    let id = sqlx::query(
        "INSERT INTO matters (client_id, kind, forum, court_name, judge, status, stage, assigned_to, opened_on, \
         closed_on, outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(f.client_id)
    .bind(f.kind)
    .bind(f.forum)
    .bind(&f.court_name)
    .bind(&f.judge)
    .bind(f.status)
    .bind(&f.stage)
    .bind(&f.assigned_to)
    .bind(f.opened_on)
    .bind(f.closed_on)
    .bind(f.outcome)
    .bind(&at)
    .bind(&at)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    search::reindex_client(tx, f.client_id).await?;
    audit::record(tx, actor, "create", "matter", Some(id), serde_json::to_value(f).unwrap_or_default()).await?;
    Ok(id)
}
