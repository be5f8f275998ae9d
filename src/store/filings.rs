//! Filings: add, change and list.

use super::{audit, now, Query, Store};
use crate::error::{Error, Result};
use crate::model::{Filing, FilingFields, FilingInput, ReviewStatus};

/// A filing with whose it is, for the dashboard.
#[derive(Clone, Debug, PartialEq, serde::Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct FilingListItem {
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub filing: Filing,
    pub client_id: i64,
    pub client_name: String,
}

impl Store {
    /// Records a filing on a living matter.
    pub async fn add_filing(&self, input: &FilingInput) -> Result<Filing> {
        let f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        let id = insert_filing(&mut tx, self.actor(), &f).await?;
        tx.commit().await?;
        self.filing(id).await
    }

    /// One filing.
    pub async fn filing(&self, id: i64) -> Result<Filing> {
        let mut conn = self.pool().acquire().await?;
        Store::filing_on(&mut conn, id).await
    }

    /// One filing, read on a connection (inside a caller's transaction).
    pub(crate) async fn filing_on(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<Filing> {
        sqlx::query_as("SELECT * FROM filings WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?
            .ok_or(Error::NotFound { entity: "filing", id })
    }

    /// Replaces a filing's details as it moves on (sent, received, receipt number, RFE,
    /// decision); it stays on its matter. The audit log keeps what changed.
    pub async fn update_filing(&self, id: i64, input: &FilingInput) -> Result<Filing> {
        let before = self.filing(id).await?;
        let f = FilingInput { matter_id: before.fields.matter_id, ..input.clone() }.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, f.matter_id).await?;
        require_own_deadline(&mut tx, &f).await?;
        let was = (crate::clinic::review::is_sent(&before.fields), before.review.review_status);
        crate::clinic::review::check_may_send(&mut tx, Some(was), crate::clinic::review::is_sent(&f)).await?;
        let sets: Vec<String> = FILING_COLUMNS.split(", ").skip(1).map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE filings SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        bind_filing_details(sqlx::query(&sql), &f).bind(now()).bind(id).execute(&mut *tx).await?;
        audit::record(&mut tx, self.actor(), "update", "filing", Some(id), audit::diff(&before.fields, &f)).await?;
        // An approval covers the filing as it was reviewed: changing what it says (not how
        // or when it was sent) asks for review again.
        let what = |x: &FilingFields| (x.form, x.description.clone(), x.preparer.clone(), x.deadline_id);
        if before.review.review_status == ReviewStatus::Approved
            && !before.fields.status.is_sent()
            && what(&before.fields) != what(&f)
        {
            sqlx::query(
                "UPDATE filings SET review_status = 'none', reviewed_by = NULL, reviewed_at = NULL, \
                 review_comment = NULL WHERE id = ?",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
            audit::record(&mut tx, self.actor(), "review_reset", "filing", Some(id), serde_json::json!({})).await?;
        }
        tx.commit().await?;
        self.filing(id).await
    }

    /// Records that the receipt's case status was checked on `on` (today or before).
    pub async fn confirm_filing_status(&self, id: i64, on: chrono::NaiveDate) -> Result<Filing> {
        let on = crate::model::fields::not_after(
            on,
            Store::today(),
            &crate::text::Text::fixed("date checked", "fecha de la consulta"),
        )
        .map_err(|m| crate::model::ValidationError::one("status_checked_on", m))?;
        let before = self.filing(id).await?;
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, before.fields.matter_id).await?;
        sqlx::query("UPDATE filings SET status_checked_on = ?, updated_at = ? WHERE id = ?")
            .bind(on)
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let changes = serde_json::json!({ "status_checked_on": [before.status_checked_on, on] });
        audit::record(&mut tx, self.actor(), "update", "filing", Some(id), changes).await?;
        tx.commit().await?;
        self.filing(id).await
    }

    /// Filings with a receipt number still waiting on USCIS (filed, received, or an RFE
    /// answered) whose status was never checked, or not in the last `days` days; the
    /// longest unchecked first.
    pub async fn filings_to_recheck(
        &self,
        today: chrono::NaiveDate,
        days: i64,
        limit: i64,
    ) -> Result<Vec<FilingListItem>> {
        let since = today - chrono::Duration::days(days);
        Ok(sqlx::query_as(&format!(
            "SELECT f.*, c.id AS client_id, {} AS client_name \
             FROM filings f JOIN matters m ON m.id = f.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND m.status <> 'closed' \
             AND f.receipt_number IS NOT NULL AND f.status IN ('filed', 'received', 'rfe') \
             AND (f.status_checked_on IS NULL OR f.status_checked_on < ?) \
             ORDER BY COALESCE(f.status_checked_on, ''), f.id LIMIT ?",
            super::CLIENT_NAME
        ))
        .bind(since)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
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

/// Inserts one validated filing of a living matter with its audit row, inside the caller's
/// transaction; a filing marked sent must have passed the clinic's review where one is due.
pub(crate) async fn insert_filing(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &str,
    f: &FilingFields,
) -> Result<i64> {
    Store::require_living_matter(tx, f.matter_id).await?;
    require_own_deadline(tx, f).await?;
    crate::clinic::review::check_may_send(tx, None, crate::clinic::review::is_sent(f)).await?;
    let at = now();
    let sql = format!(
        "INSERT INTO filings ({FILING_COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    );
    let id = bind_filing(sqlx::query(&sql), f).bind(&at).bind(&at).execute(&mut **tx).await?.last_insert_rowid();
    audit::record(tx, actor, "create", "filing", Some(id), serde_json::to_value(f).unwrap_or_default()).await?;
    Ok(id)
}

/// A filing can satisfy only a deadline of its own matter.
async fn require_own_deadline(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, f: &FilingFields) -> Result<()> {
    let Some(d) = f.deadline_id else { return Ok(()) };
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT matter_id FROM deadlines WHERE id = ?").bind(d).fetch_optional(&mut **tx).await?;
    if owner != Some(f.matter_id) {
        return Err(Error::Conflict("That deadline belongs to another matter.".into()));
    }
    Ok(())
}

/// The stored columns of a filing, in the order the binders below fill them.
const FILING_COLUMNS: &str =
    "matter_id, form, description, filed_on, method, tracking_number, received_on, receipt_number, status, deadline_id, preparer";

/// Binds every column of FILING_COLUMNS.
fn bind_filing<'q>(q: Query<'q>, f: &'q FilingFields) -> Query<'q> {
    bind_filing_details(q.bind(f.matter_id), f)
}

/// Binds the columns after `matter_id`: a filing never moves to another matter.
fn bind_filing_details<'q>(q: Query<'q>, f: &'q FilingFields) -> Query<'q> {
    q.bind(f.form)
        .bind(&f.description)
        .bind(f.filed_on)
        .bind(f.method)
        .bind(&f.tracking_number)
        .bind(f.received_on)
        .bind(&f.receipt_number)
        .bind(f.status)
        .bind(f.deadline_id)
        .bind(&f.preparer)
}
