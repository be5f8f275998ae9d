//! Matters: add, read, list, soft-delete and restore.

use super::similar;
use super::{audit, clients::require_living_client, expect_one, now, search, Store};
use crate::error::{Error, Result};
use crate::model::{Matter, MatterFields, MatterInput, MatterStatus};

/// How a matter is closed, from the close dialog.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct CloseMatterInput {
    pub closed_on: String,
    pub outcome: String,
    pub closing_reason: Option<String>,
    /// Mark its open deadlines as no longer applying (else they stay open).
    pub waive_open_deadlines: bool,
    /// The language the deadlines' reason is written in.
    pub spanish: bool,
}

/// A matter just closed, and the deadlines closed with it.
#[derive(Clone, Debug, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClosedMatter {
    pub matter: Matter,
    pub waived: Vec<i64>,
}

/// The rule id of the asylum one-year filing deadline.
pub const ONE_YEAR: &str = "asylum-one-year";

impl Store {
    /// Opens a matter for a living client.
    pub async fn add_matter(&self, input: &MatterInput) -> Result<Matter> {
        let mut f = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        f.assigned_to = canonical_volunteer(&mut tx, f.assigned_to.take()).await?;
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
        // Two statements, not "(?1 IS NULL OR ...)": SQLite plans before it sees the value,
        // and that form read every matter to show one client's three.
        let base = "SELECT m.* FROM matters m JOIN clients c ON c.id = m.client_id \
                    WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL";
        let order = "ORDER BY m.opened_on DESC, m.id DESC";
        Ok(match client_id {
            Some(id) => {
                sqlx::query_as(&format!("{base} AND m.client_id = ?1 {order}")).bind(id).fetch_all(self.pool()).await?
            }
            None => sqlx::query_as(&format!("{base} {order}")).fetch_all(self.pool()).await?,
        })
    }

    /// Changes a matter's details (court, judge, stage, volunteer, representation), or
    /// closes or reopens it when its status changes; it stays with its client. The audit
    /// log keeps what changed. Closing through here leaves its deadlines as they are: use
    /// [`Store::close_matter`] to settle them at the same time.
    pub async fn update_matter(&self, id: i64, input: &MatterInput) -> Result<Matter> {
        let before = self.matter(id).await?;
        if before.deleted_at.is_some() {
            return Err(Error::NotFound { entity: "matter", id });
        }
        let mut f = MatterInput { client_id: before.fields.client_id, ..input.clone() }.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        f.assigned_to = canonical_volunteer(&mut tx, f.assigned_to.take()).await?;
        let sets: Vec<String> = MATTER_COLUMNS.split(", ").map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE matters SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        bind_matter(sqlx::query(&sql), &f).bind(now()).bind(id).execute(&mut *tx).await?;
        let action = match (before.fields.status, f.status) {
            (a, MatterStatus::Closed) if a != MatterStatus::Closed => "close",
            (MatterStatus::Closed, b) if b != MatterStatus::Closed => "reopen",
            _ => "update",
        };
        audit::record(&mut tx, self.actor(), action, "matter", Some(id), audit::diff(&before.fields, &f)).await?;
        search::reindex_client(&mut tx, f.client_id).await?;
        tx.commit().await?;
        self.matter(id).await
    }

    /// Closes a matter with its date, outcome and reason, and settles its open deadlines:
    /// kept open, or marked as no longer applying with the closing as their reason. Its
    /// hearings stay on the calendar: a closed case can still have a hearing the client
    /// must attend until the court says otherwise.
    pub async fn close_matter(&self, id: i64, close: &CloseMatterInput) -> Result<ClosedMatter> {
        let before = self.matter(id).await?;
        let mut c = crate::model::validation::Checker::default();
        if close.outcome.trim().is_empty() {
            c.fail("outcome", crate::text::Text::fixed("Choose how the matter ended.", "Elija cómo terminó el caso."));
        }
        if close.closed_on.trim().is_empty() {
            c.fail("closed_on", crate::text::Text::fixed("Give the closing date.", "Indique la fecha de cierre."));
        }
        c.finish()?;
        let mut input = before.fields.to_input();
        input.status = Some("closed".into());
        input.closed_on = Some(close.closed_on.clone());
        input.outcome = Some(close.outcome.clone());
        input.closing_reason = close.closing_reason.clone();
        let matter = self.update_matter(id, &input).await?;
        let mut waived = Vec::new();
        if close.waive_open_deadlines {
            let open: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM deadlines WHERE matter_id = ? AND status = 'open' ORDER BY due_on")
                    .bind(id)
                    .fetch_all(self.pool())
                    .await?;
            let closed_on = matter.fields.closed_on.map(|d| d.to_string()).unwrap_or_default();
            let head = if close.spanish { "Caso cerrado el" } else { "Matter closed on" };
            let reason = match matter.fields.closing_reason.as_deref() {
                Some(r) => format!("{head} {closed_on}: {r}"),
                None => format!("{head} {closed_on}"),
            };
            for d in open {
                self.waive_deadline(d, &reason).await?;
                waived.push(d);
            }
        }
        Ok(ClosedMatter { matter, waived })
    }

    /// Reopens a closed matter: open again, its closing date, outcome and reason cleared
    /// (kept in the audit log). Deadlines closed with it stay as they are.
    pub async fn reopen_matter(&self, id: i64) -> Result<Matter> {
        let before = self.matter(id).await?;
        let mut input = before.fields.to_input();
        input.status = Some("open".into());
        input.closed_on = None;
        input.outcome = None;
        input.closing_reason = None;
        self.update_matter(id, &input).await
    }

    /// The names volunteers go by, for the "assigned to" list.
    pub async fn volunteer_names(&self) -> Result<Vec<String>> {
        let mut conn = self.pool().acquire().await?;
        volunteer_names_on(&mut conn).await
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
    /// The forum of a living matter (what may be scheduled on it depends on it).
    pub(crate) async fn living_matter_forum(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        id: i64,
    ) -> Result<crate::model::Forum> {
        let forum: Option<crate::model::Forum> = sqlx::query_scalar(
            "SELECT m.forum FROM matters m JOIN clients c ON c.id = m.client_id \
             WHERE m.id = ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        forum.ok_or(crate::error::Error::NotFound { entity: "matter", id })
    }

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

/// The stored columns of a matter, in the order [`bind_matter`] fills them.
const MATTER_COLUMNS: &str = "client_id, kind, forum, court_name, judge, status, stage, assigned_to, opened_on, \
     closed_on, outcome, closing_reason, representation";

fn bind_matter<'q>(q: super::Query<'q>, f: &'q MatterFields) -> super::Query<'q> {
    q.bind(f.client_id)
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
        .bind(&f.closing_reason)
        .bind(f.representation)
}

/// Inserts one validated matter of a living client with its audit row, inside the
/// caller's transaction (the one-year deadline is the caller's to add).
pub(crate) async fn insert_matter(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &str,
    f: &MatterFields,
) -> Result<i64> {
    require_living_client(tx, f.client_id).await?;
    let at = now();
    let sql =
        format!("INSERT INTO matters ({MATTER_COLUMNS}, created_at, updated_at) VALUES ({}?, ?)", "?, ".repeat(13));
    let id = bind_matter(sqlx::query(&sql), f).bind(&at).bind(&at).execute(&mut **tx).await?.last_insert_rowid();
    search::reindex_client(tx, f.client_id).await?;
    audit::record(tx, actor, "create", "matter", Some(id), serde_json::to_value(f).unwrap_or_default()).await?;
    Ok(id)
}

/// A volunteer's name as the clinic already writes it: "lucia fernandez" typed for a case
/// becomes the "Lucía Fernández" already on other cases or on the clinic's roster, so one
/// person is one name in the lists and reports. It reads every name, so it serves the
/// one-matter paths (the app, the CLI), not the row-by-row import.
async fn canonical_volunteer(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    typed: Option<String>,
) -> Result<Option<String>> {
    let Some(typed) = typed else { return Ok(None) };
    let key = similar::words(&typed);
    let known = volunteer_names_on(&mut **tx).await?;
    Ok(Some(known.into_iter().find(|k| similar::words(k) == key).unwrap_or(typed)))
}

/// The volunteer names known when an import starts, to give each imported row the
/// spelling already in use (or the one an earlier row of the same file used) without
/// reading every name once per row.
pub(crate) struct VolunteerNames(std::collections::HashMap<Vec<String>, String>);

impl VolunteerNames {
    pub(crate) async fn load(conn: &mut sqlx::SqliteConnection) -> Result<Self> {
        let names = volunteer_names_on(conn).await?;
        Ok(VolunteerNames(names.into_iter().map(|n| (similar::words(&n), n)).collect()))
    }

    /// The known spelling of `typed`; a new name is remembered as typed.
    pub(crate) fn canonical(&mut self, typed: String) -> String {
        self.0.entry(similar::words(&typed)).or_insert(typed).clone()
    }
}

/// The names volunteers go by: the clinic's active members and every name already on a
/// living matter, one spelling each (the roster's first), in alphabetical order.
pub(crate) async fn volunteer_names_on(conn: &mut sqlx::SqliteConnection) -> Result<Vec<String>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM (\
           SELECT 0 AS k, json_extract(j.value, '$.name') AS name FROM clinic_self, \
             json_each(clinic_self.roster, '$.members') AS j \
           WHERE clinic_self.roster IS NOT NULL AND json_extract(j.value, '$.removed_at') IS NULL \
           UNION ALL \
           SELECT 1, assigned_to FROM matters WHERE deleted_at IS NULL AND assigned_to IS NOT NULL) \
         WHERE name IS NOT NULL AND trim(name) <> '' ORDER BY k, name",
    )
    .fetch_all(conn)
    .await?;
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = names.into_iter().filter(|n| seen.insert(similar::words(n))).collect();
    out.sort_by_key(|n| similar::words(n));
    Ok(out)
}
