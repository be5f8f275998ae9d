//! Hearings: add, change and list.

use chrono::NaiveDate;

use super::dashboard::HearingListItem;
use super::{audit, now, Query, Store};
use crate::error::{Error, Result};
use crate::model::{Hearing, HearingFields, HearingInput, HearingKind};

impl Store {
    /// Adds a hearing to a living matter.
    pub async fn add_hearing(&self, input: &HearingInput) -> Result<Hearing> {
        let f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        let id = insert_hearing(&mut tx, self.actor(), &f).await?;
        tx.commit().await?;
        self.hearing(id).await
    }

    /// One hearing.
    pub async fn hearing(&self, id: i64) -> Result<Hearing> {
        sqlx::query_as("SELECT * FROM hearings WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "hearing", id })
    }

    /// Replaces a hearing's details (the outcome once it is held, a new time when it is
    /// reset); it stays on its matter. The audit log keeps what changed.
    pub async fn update_hearing(&self, id: i64, input: &HearingInput) -> Result<Hearing> {
        Ok(self.change_hearing(id, input).await?.hearing)
    }

    /// [`Store::update_hearing`], and when the hearing moved to another day, the open
    /// deadlines counted back from it (the filing deadline before a master calendar or
    /// individual hearing) move with it, each recomputed and audited.
    pub async fn change_hearing(&self, id: i64, input: &HearingInput) -> Result<HearingChange> {
        let before = self.hearing(id).await?;
        let hearing = self.write_hearing(&before, input).await?;
        let moved = match (hearing_rule(before.fields.kind), before.day() != hearing.day()) {
            (Some(rule), true) => {
                self.move_trigger(before.fields.matter_id, Some(rule), before.day(), hearing.day()).await?
            }
            _ => Vec::new(),
        };
        Ok(HearingChange { hearing, moved })
    }

    /// Hearings from today on whose date was never confirmed, or not in the last `days`
    /// days: the weekly "call the EOIR line" list, soonest first.
    pub async fn hearings_to_recheck(&self, today: NaiveDate, days: i64, limit: i64) -> Result<Vec<HearingListItem>> {
        let since = today - chrono::Duration::days(days);
        let hearings: Vec<Hearing> = sqlx::query_as(
            "SELECT h.* FROM hearings h JOIN matters m ON m.id = h.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND m.status <> 'closed' AND h.starts_at >= ? \
             AND (h.confirmed_on IS NULL OR h.confirmed_on < ?) ORDER BY h.starts_at LIMIT ?",
        )
        .bind(today.to_string())
        .bind(since)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        self.with_clients(hearings).await
    }

    async fn write_hearing(&self, before: &Hearing, input: &HearingInput) -> Result<Hearing> {
        let id = before.id;
        let f = HearingInput { matter_id: before.fields.matter_id, ..input.clone() }.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        // A hearing already on its matter keeps its kind when the matter's forum changed.
        if f.kind == before.fields.kind {
            Store::require_living_matter(&mut tx, f.matter_id).await?;
        } else {
            require_fit(&mut tx, &f).await?;
        }
        let sets: Vec<String> = HEARING_COLUMNS.split(", ").skip(1).map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE hearings SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        bind_hearing_details(sqlx::query(&sql), &f).bind(now()).bind(id).execute(&mut *tx).await?;
        audit::record(&mut tx, self.actor(), "update", "hearing", Some(id), audit::diff(&before.fields, &f)).await?;
        tx.commit().await?;
        self.hearing(id).await
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
        self.hearings_in(from, to, i64::MAX, i64::MAX).await
    }

    /// Hearings of living matters on days from `from` to `to`, inclusive: at most `per_day`
    /// of each day and `limit` in all, in time order. Picked from the index on (time,
    /// living) alone before any row is read, so a busy court's day costs what it shows.
    pub(crate) async fn hearings_in(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        per_day: i64,
        limit: i64,
    ) -> Result<Vec<Hearing>> {
        Ok(sqlx::query_as(
            "WITH picked AS (SELECT id FROM (SELECT id, row_number() OVER \
                (PARTITION BY substr(starts_at, 1, 10) ORDER BY starts_at, id) AS n FROM hearings \
                WHERE starts_at >= ?1 AND starts_at < ?2 AND live = 1) WHERE n <= ?3) \
             SELECT h.* FROM picked JOIN hearings h ON h.id = picked.id ORDER BY h.starts_at, h.id LIMIT ?4",
        )
        // A range on the stored text ("YYYY-MM-DD HH:MM:SS") uses the index on starts_at.
        .bind(from.to_string())
        .bind(to.succ_opt().unwrap_or(to).to_string())
        .bind(per_day)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// How many hearings of living matters fall on each day from `from` to `to` with more
    /// than `over`: what a calendar that shows `over` a day leaves out.
    pub(crate) async fn hearings_per_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        over: i64,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        Ok(sqlx::query_as(
            "SELECT substr(starts_at, 1, 10) AS day, COUNT(*) AS n FROM hearings \
             WHERE starts_at >= ?1 AND starts_at < ?2 AND live = 1 GROUP BY day HAVING n > ?3 ORDER BY day",
        )
        .bind(from.to_string())
        .bind(to.succ_opt().unwrap_or(to).to_string())
        .bind(over)
        .fetch_all(self.pool())
        .await?)
    }
}

/// The stored columns of a hearing, in the order the binders below fill them.
const HEARING_COLUMNS: &str =
    "matter_id, kind, starts_at, court, judge, detained, attendance, outcome, date_source, confirmed_on";

/// Binds every column of HEARING_COLUMNS.
/// Inserts one validated hearing of a living matter with its audit row, inside the
/// caller's transaction.
pub(crate) async fn insert_hearing(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &str,
    f: &HearingFields,
) -> Result<i64> {
    require_fit(tx, f).await?;
    let at = now();
    let sql = format!(
        "INSERT INTO hearings ({HEARING_COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    );
    let id = bind_hearing(sqlx::query(&sql), f).bind(&at).bind(&at).execute(&mut **tx).await?.last_insert_rowid();
    audit::record(tx, actor, "create", "hearing", Some(id), serde_json::to_value(f).unwrap_or_default()).await?;
    Ok(id)
}

/// The matter is living and before a forum that holds this kind of hearing.
async fn require_fit(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, f: &HearingFields) -> Result<()> {
    let forum = Store::living_matter_forum(tx, f.matter_id).await?;
    if f.kind.fits(forum) {
        return Ok(());
    }
    let message = if f.kind == HearingKind::AsylumInterview {
        crate::text::Text::fixed(
            "An asylum office interview belongs on the client's affirmative (USCIS) case, not on this one.",
            "Una entrevista en la oficina de asilo corresponde al caso afirmativo (USCIS) del cliente, no a este.",
        )
    } else {
        crate::text::Text::fixed(
            "Court hearings belong on a case before the immigration court. For USCIS, add an appointment instead.",
            "Las audiencias corresponden a un caso ante la corte de inmigración. Para USCIS, agregue una cita.",
        )
    };
    Err(Error::Invalid(crate::model::ValidationError::one("kind", message)))
}

fn bind_hearing<'q>(q: Query<'q>, f: &'q HearingFields) -> Query<'q> {
    bind_hearing_details(q.bind(f.matter_id), f)
}

/// Binds the columns after `matter_id`: a hearing never moves to another matter.
fn bind_hearing_details<'q>(q: Query<'q>, f: &'q HearingFields) -> Query<'q> {
    q.bind(f.kind)
        .bind(f.starts_at)
        .bind(&f.court)
        .bind(&f.judge)
        .bind(f.detained)
        .bind(f.attendance)
        .bind(&f.outcome)
        .bind(f.date_source)
        .bind(f.confirmed_on)
}

/// The rule whose deadline counts back from a hearing of this kind.
fn hearing_rule(kind: HearingKind) -> Option<&'static str> {
    match kind {
        HearingKind::MasterCalendar => Some("eoir-filing-master"),
        HearingKind::Individual => Some("eoir-filing-individual"),
        _ => None,
    }
}

/// A hearing as saved, and the deadlines that moved with it.
#[derive(Clone, Debug, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HearingChange {
    pub hearing: Hearing,
    pub moved: Vec<crate::model::Deadline>,
}
