//! Deadlines: add, list by due date, mark done or no longer applying.

use crate::text::Text;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::{audit, expect_one, now, Store, CLIENT_NAME};
use crate::error::{Error, Result};
use crate::model::{fields, Deadline, DeadlineFields, DeadlineInput, DeadlineSource, DeadlineStatus, ValidationError};
use crate::rules::EventKind;

#[derive(sqlx::FromRow)]
struct DeadlineRow {
    id: i64,
    matter_id: i64,
    title: String,
    due_on: NaiveDate,
    rule_id: Option<String>,
    trigger_on: Option<NaiveDate>,
    manual_reason: Option<String>,
    status: DeadlineStatus,
    done_on: Option<NaiveDate>,
    waived_reason: Option<String>,
    assigned_to: Option<String>,
    served_by_mail: bool,
    rule_days: Option<i64>,
    before_conclusion: bool,
    washington_area: bool,
    explanation: Option<String>,
    explanation_es: Option<String>,
    computed_due_on: Option<NaiveDate>,
    override_reason: Option<String>,
    created_at: String,
    updated_at: String,
}

impl From<DeadlineRow> for Deadline {
    fn from(r: DeadlineRow) -> Deadline {
        let source = match (r.rule_id, r.trigger_on) {
            (Some(rule_id), Some(trigger_on)) => DeadlineSource::Rule { rule_id, trigger_on },
            _ => DeadlineSource::Manual { reason: r.manual_reason.unwrap_or_default() },
        };
        let fields = DeadlineFields {
            matter_id: r.matter_id,
            title: r.title,
            due_on: r.due_on,
            source,
            assigned_to: r.assigned_to,
            explanation: r.explanation.map(|en| {
                let es = r.explanation_es.unwrap_or_else(|| en.clone());
                Text::new(en, es)
            }),
            served_by_mail: r.served_by_mail,
            rule_days: r.rule_days.and_then(|d| u32::try_from(d).ok()),
            before_conclusion: r.before_conclusion,
            washington_area: r.washington_area,
            computed_due_on: r.computed_due_on,
            override_reason: r.override_reason,
        };
        Deadline {
            id: r.id,
            known_title: Deadline::known_title_for(&fields),
            fields,
            status: r.status,
            done_on: r.done_on,
            waived_reason: r.waived_reason,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A deadline with who and what it is for, for lists and the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DeadlineListItem {
    #[serde(flatten)]
    #[ts(flatten)]
    pub deadline: Deadline,
    pub client_id: i64,
    pub client_name: String,
    /// Days from today: negative when overdue.
    pub days_left: i64,
    /// Who works on it (the deadline's own volunteer, else the matter's).
    pub volunteer: Option<String>,
    /// The matter's court, for the calendar.
    pub court: Option<String>,
}

impl Store {
    /// Adds a deadline to a living matter. A rule's deadline is computed and explained.
    pub async fn add_deadline(&self, input: &DeadlineInput) -> Result<Deadline> {
        let f = input.validate()?;
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, f.matter_id).await?;
        let id = insert_deadline(&mut tx, self.actor(), &f).await?;
        tx.commit().await?;
        self.deadline(id).await
    }

    /// Creates the deadlines `rule_ids` that `event` on `date` starts, in one transaction.
    /// Each rule gets only the options it accepts (`rules::events::options_for`).
    pub async fn add_event_deadlines(
        &self,
        matter_id: i64,
        event: EventKind,
        date: NaiveDate,
        options: &crate::rules::Options,
        rule_ids: &[String],
    ) -> Result<Vec<Deadline>> {
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, matter_id).await?;
        let mut ids = Vec::new();
        for proposal in crate::rules::propose(event, date, options)? {
            if !rule_ids.iter().any(|r| r == &proposal.rule) {
                continue;
            }
            let own = crate::rules::events::options_for(&proposal.rule, options);
            let input = DeadlineInput {
                matter_id,
                title: proposal.name.en.to_string(),
                rule_id: Some(proposal.rule.clone()),
                trigger_on: Some(date.to_string()),
                served_by_mail: own.served_by_mail,
                days: own.days,
                before_conclusion: own.before_conclusion,
                washington_area: own.washington_area,
                ..Default::default()
            };
            ids.push(insert_deadline(&mut tx, self.actor(), &input.validate()?).await?);
        }
        tx.commit().await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.deadline(id).await?);
        }
        Ok(out)
    }

    /// Moves the open rule deadlines of a matter whose trigger was `old` to the trigger
    /// `new`, recomputing each; a date the user overrode keeps its date and reason, and
    /// its computed date is updated. Every move is in the audit log.
    pub async fn move_trigger(
        &self,
        matter_id: i64,
        rule_id: Option<&str>,
        old: NaiveDate,
        new: NaiveDate,
    ) -> Result<Vec<Deadline>> {
        let mut tx = self.pool().begin().await?;
        let rows: Vec<DeadlineRow> = sqlx::query_as(
            "SELECT * FROM deadlines WHERE matter_id = ? AND status = 'open' AND rule_id IS NOT NULL \
             AND trigger_on = ? AND (? IS NULL OR rule_id = ?)",
        )
        .bind(matter_id)
        .bind(old)
        .bind(rule_id)
        .bind(rule_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut moved = Vec::new();
        for row in rows {
            let rule = row.rule_id.clone().unwrap_or_default();
            let options = crate::rules::Options {
                served_by_mail: row.served_by_mail,
                days: row.rule_days.and_then(|d| u32::try_from(d).ok()),
                before_conclusion: row.before_conclusion,
                washington_area: row.washington_area,
                ..Default::default()
            };
            let computed = crate::rules::compute(&rule, new, &options)?;
            let overridden = row.override_reason.is_some();
            let (due, computed_due) = if overridden { (row.due_on, Some(computed.due)) } else { (computed.due, None) };
            sqlx::query(
                "UPDATE deadlines SET trigger_on = ?, due_on = ?, computed_due_on = ?, explanation = ?, explanation_es = ?, \
                 rule_version = ?, updated_at = ? WHERE id = ?",
            )
            .bind(new)
            .bind(due)
            .bind(computed_due)
            .bind(computed.explanation.en.as_ref())
            .bind(computed.explanation.es.as_ref())
            .bind(crate::rules::TABLE_VERSION)
            .bind(now())
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            let changes = serde_json::json!({
                "trigger_on": [old, new],
                "due_on": [row.due_on, due],
                "kept_override": overridden,
            });
            audit::record(&mut tx, self.actor(), "update", "deadline", Some(row.id), changes).await?;
            moved.push(row.id);
        }
        tx.commit().await?;
        let mut out = Vec::with_capacity(moved.len());
        for id in moved {
            out.push(self.deadline(id).await?);
        }
        Ok(out)
    }

    /// One deadline.
    pub async fn deadline(&self, id: i64) -> Result<Deadline> {
        let row: DeadlineRow = sqlx::query_as("SELECT * FROM deadlines WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "deadline", id })?;
        Ok(row.into())
    }

    /// Open deadlines of living matters due on or before `today + within_days`
    /// (overdue ones included), soonest first.
    pub async fn deadlines_due(&self, today: NaiveDate, within_days: i64) -> Result<Vec<DeadlineListItem>> {
        let until = today + Duration::days(within_days);
        self.deadline_items(Filter::DueBy(until), today).await
    }

    /// Deadlines of living matters due between two days (inclusive), whatever their status:
    /// at most `per_day` of each day, soonest first. The day's first ones are picked from
    /// the index on (date, living) alone, before any row is read.
    pub async fn deadlines_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        per_day: i64,
    ) -> Result<Vec<DeadlineListItem>> {
        self.deadline_items(Filter::Between(from, to, per_day), today).await
    }

    /// How many deadlines of living matters fall on each day from `from` to `to` with more
    /// than `over`: what a calendar that shows `over` a day leaves out.
    pub(crate) async fn deadlines_per_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        over: i64,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        Ok(sqlx::query_as(
            "SELECT due_on, COUNT(*) AS n FROM deadlines WHERE due_on >= ?1 AND due_on <= ?2 AND live = 1 \
             GROUP BY due_on HAVING n > ?3 ORDER BY due_on",
        )
        .bind(from)
        .bind(to)
        .bind(over)
        .fetch_all(self.pool())
        .await?)
    }

    /// A matter's deadlines, soonest first.
    pub async fn deadlines_for(&self, matter_id: i64, today: NaiveDate) -> Result<Vec<DeadlineListItem>> {
        self.deadline_items(Filter::Matter(matter_id), today).await
    }

    /// Open deadlines of living cases due from `from` to `to` (either end open), of one rule
    /// or any, soonest first: a page of them and how many there are. Read from the partial
    /// index of open deadlines alone, so a page costs the same in any size of vault.
    pub async fn open_deadlines(
        &self,
        q: &OpenDeadlines<'_>,
        today: NaiveDate,
    ) -> Result<super::Page<DeadlineListItem>> {
        let (from, to) = (q.from.map(|d| d.to_string()).unwrap_or_default(), q.to.map(|d| d.to_string()));
        let to = to.unwrap_or_else(|| "9999-12-31".into());
        let (index, condition) = open_terms(q.rule.is_some());
        let count = format!("SELECT COUNT(*) FROM deadlines d INDEXED BY {index} WHERE {condition}");
        let total: i64 = sqlx::query_scalar(&count).bind(&from).bind(&to).bind(q.rule).fetch_one(self.pool()).await?;
        let items = self
            .deadline_items(
                Filter::Open { from: &from, to: &to, rule: q.rule, offset: q.offset, limit: q.limit },
                today,
            )
            .await?;
        Ok(super::Page { items, total })
    }

    async fn deadline_items(&self, filter: Filter<'_>, today: NaiveDate) -> Result<Vec<DeadlineListItem>> {
        let condition = match filter {
            Filter::DueBy(_) => "d.status = 'open' AND d.live = 1 AND d.due_on <= ?1",
            Filter::Matter(_) => "d.matter_id = ?1 AND m.deleted_at IS NULL AND c.deleted_at IS NULL",
            Filter::Between(..) => {
                "d.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY due_on ORDER BY id) AS n \
                 FROM deadlines WHERE due_on >= ?1 AND due_on <= ?2 AND live = 1) WHERE n <= ?3)"
            }
            Filter::Open { rule, .. } => open_terms(rule.is_some()).1,
        };
        let page = match filter {
            Filter::Open { .. } => " LIMIT ?4 OFFSET ?5",
            _ => "",
        };
        let index = match filter {
            Filter::Open { rule, .. } => format!(" INDEXED BY {}", open_terms(rule.is_some()).0),
            Filter::DueBy(_) => " INDEXED BY deadlines_open".to_string(),
            _ => String::new(),
        };
        let sql = format!(
            "SELECT d.*, c.id AS client_id, {CLIENT_NAME} AS client_name, \
             COALESCE(d.assigned_to, m.assigned_to) AS volunteer, m.court_name AS court \
             FROM deadlines d{index} JOIN matters m ON m.id = d.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE {condition} ORDER BY d.due_on, d.id{page}"
        );
        let query = sqlx::query_as::<_, DeadlineJoin>(&sql);
        let query = match filter {
            Filter::DueBy(until) => query.bind(until),
            Filter::Matter(id) => query.bind(id),
            Filter::Between(from, to, limit) => query.bind(from).bind(to).bind(limit),
            Filter::Open { from, to, rule, offset, limit } => {
                query.bind(from).bind(to).bind(rule).bind(limit.clamp(1, 500)).bind(offset.max(0))
            }
        };
        let rows = query.fetch_all(self.pool()).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let deadline: Deadline = r.row.into();
                let days_left = (deadline.fields.due_on - today).num_days();
                DeadlineListItem {
                    deadline,
                    client_id: r.client_id,
                    client_name: r.client_name,
                    days_left,
                    volunteer: r.volunteer,
                    court: r.court,
                }
            })
            .collect())
    }

    /// Marks a deadline done on `done_on`.
    pub async fn complete_deadline(&self, id: i64, done_on: &str) -> Result<Deadline> {
        let done = fields::date(done_on).map_err(|m| ValidationError::one("done_on", m))?;
        self.close_deadline(id, DeadlineStatus::Done, Some(done), None).await
    }

    /// Sets a deadline's date by hand, with the reason (a judge's order, a notice that
    /// gives its own date). For a computed deadline the rule's date is kept beside it and
    /// shown; choosing the rule's date again removes the override.
    pub async fn set_deadline_date(&self, id: i64, due_on: &str, reason: &str) -> Result<Deadline> {
        let mut c = crate::model::validation::Checker::default();
        let due = c.take("due_on", fields::date(due_on));
        let reason = c.take("override_reason", fields::line(reason, &Text::fixed("reason", "motivo")));
        let before = self.deadline(id).await?;
        let rule_due = match &before.fields.source {
            DeadlineSource::Rule { .. } => Some(before.fields.computed_due_on.unwrap_or(before.fields.due_on)),
            DeadlineSource::Manual { .. } => None,
        };
        if let (Some(due), Some(reason)) = (due, reason.as_ref()) {
            if reason.is_empty() && rule_due != Some(due) {
                c.fail(
                    "override_reason",
                    Text::fixed(
                        "Say why the date is different (for example, the judge's order of 2026-03-02).",
                        "Diga por qué la fecha es distinta (por ejemplo, la orden del juez del 2026-03-02).",
                    ),
                );
            }
        }
        c.finish()?;
        let (due, reason) = (due.expect("checked"), reason.expect("checked"));
        let (computed_due_on, override_reason, manual_reason) = match (&before.fields.source, rule_due) {
            (DeadlineSource::Rule { .. }, Some(r)) if r == due => (None, None, None),
            (DeadlineSource::Rule { .. }, Some(r)) => (Some(r), Some(reason), None),
            _ => (None, None, Some(reason)),
        };
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE deadlines SET due_on = ?, computed_due_on = ?, override_reason = ?, \
             manual_reason = COALESCE(?, manual_reason), updated_at = ? WHERE id = ?",
        )
        .bind(due)
        .bind(computed_due_on)
        .bind(&override_reason)
        .bind(&manual_reason)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let changes = serde_json::json!({
            "due_on": [before.fields.due_on, due],
            "override_reason": [before.fields.override_reason, override_reason],
        });
        audit::record(&mut tx, self.actor(), "update", "deadline", Some(id), changes).await?;
        tx.commit().await?;
        self.deadline(id).await
    }

    /// Opens a deadline marked done or waived again: the undo of "Mark done" and of
    /// "No longer applies". The audit log keeps when and by whom it had been closed.
    pub async fn reopen_deadline(&self, id: i64) -> Result<Deadline> {
        let before = self.deadline(id).await?;
        if before.status == DeadlineStatus::Open {
            return Ok(before);
        }
        self.close_deadline(id, DeadlineStatus::Open, None, None).await
    }

    /// Marks a deadline as no longer applying, with the reason.
    pub async fn waive_deadline(&self, id: i64, reason: &str) -> Result<Deadline> {
        let reason = fields::required_line(reason, &Text::fixed("reason", "motivo"))
            .map_err(|m| ValidationError::one("waived_reason", m))?;
        self.close_deadline(id, DeadlineStatus::Waived, None, Some(reason)).await
    }

    async fn close_deadline(
        &self,
        id: i64,
        status: DeadlineStatus,
        done_on: Option<NaiveDate>,
        reason: Option<String>,
    ) -> Result<Deadline> {
        let mut tx = self.pool().begin().await?;
        let rows =
            sqlx::query("UPDATE deadlines SET status = ?, done_on = ?, waived_reason = ?, updated_at = ? WHERE id = ?")
                .bind(status)
                .bind(done_on)
                .bind(&reason)
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        expect_one(rows, "deadline", id)?;
        let changes = serde_json::json!({ "status": status, "done_on": done_on, "waived_reason": reason });
        audit::record(&mut tx, self.actor(), "update", "deadline", Some(id), changes).await?;
        tx.commit().await?;
        self.deadline(id).await
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DeadlineJoin {
    #[sqlx(flatten)]
    row: DeadlineRow,
    client_id: i64,
    client_name: String,
    volunteer: Option<String>,
    court: Option<String>,
}

/// Inserts one validated deadline with its audit row, inside the caller's transaction.
pub(crate) async fn insert_deadline(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    actor: &str,
    f: &DeadlineFields,
) -> Result<i64> {
    let (rule_id, trigger_on, reason) = match &f.source {
        DeadlineSource::Rule { rule_id, trigger_on } => (Some(rule_id.as_str()), Some(*trigger_on), None),
        DeadlineSource::Manual { reason } => (None, None, Some(reason.as_str())),
    };
    let at = now();
    let version = rule_id.map(|_| crate::rules::TABLE_VERSION);
    let id = sqlx::query(
        "INSERT INTO deadlines (matter_id, title, due_on, rule_id, trigger_on, manual_reason, assigned_to, served_by_mail, \
         rule_days, before_conclusion, washington_area, \
         explanation, explanation_es, rule_version, computed_due_on, override_reason, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(f.matter_id)
    .bind(&f.title)
    .bind(f.due_on)
    .bind(rule_id)
    .bind(trigger_on)
    .bind(reason)
    .bind(&f.assigned_to)
    .bind(f.served_by_mail)
    .bind(f.rule_days.map(i64::from))
    .bind(f.before_conclusion)
    .bind(f.washington_area)
    .bind(f.explanation.as_ref().map(|t| t.en.as_ref()))
    .bind(f.explanation.as_ref().map(|t| t.es.as_ref()))
    .bind(version)
    .bind(f.computed_due_on)
    .bind(&f.override_reason)
    .bind(&at)
    .bind(&at)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    audit::record(tx, actor, "create", "deadline", Some(id), serde_json::to_value(f).unwrap_or_default()).await?;
    Ok(id)
}

/// The index and the condition that pick open deadlines of living cases (`d`) due from ?1
/// to ?2 and, for one rule, of rule ?3: one place for the count and the page. The rule's
/// term is written only when asked for, so the one-year group reads the index keyed by
/// rule and the others the index keyed by date; the index is named because SQLite's
/// planner, without statistics, prefers the older (status, due_on) index, which holds
/// deleted cases and needs a row read for each.
fn open_terms(rule: bool) -> (&'static str, &'static str) {
    if rule {
        (
            "deadlines_open_rule",
            "d.status = 'open' AND d.live = 1 AND d.due_on >= ?1 AND d.due_on <= ?2 AND d.rule_id = ?3",
        )
    } else {
        ("deadlines_open", "d.status = 'open' AND d.live = 1 AND d.due_on >= ?1 AND d.due_on <= ?2")
    }
}

#[derive(Clone, Copy)]
enum Filter<'a> {
    DueBy(NaiveDate),
    Matter(i64),
    /// From, to, at most this many a day.
    Between(NaiveDate, NaiveDate, i64),
    Open {
        from: &'a str,
        to: &'a str,
        rule: Option<&'a str>,
        offset: i64,
        limit: i64,
    },
}

/// Which open deadlines [`Store::open_deadlines`] pages through.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpenDeadlines<'a> {
    /// None: from the oldest overdue one.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub rule: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}
