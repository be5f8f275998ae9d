//! Appointments (check-ins, biometrics, interviews): add, change, remove and list.

use chrono::NaiveDate;
use serde::Serialize;

use super::{audit, now, Query, Store};
use crate::error::{Error, Result};
use crate::model::{Appointment, AppointmentFields, AppointmentInput, AppointmentKind, Forum};

/// An appointment with whose it is, for the dashboard and the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct AppointmentItem {
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub appointment: Appointment,
    pub client_id: i64,
    pub client_name: String,
    pub assigned_to: Option<String>,
}

const COLUMNS: &str = "matter_id, kind, starts_at, place, accompanied_by, outcome, outcome_note";

impl Store {
    /// Adds an appointment to a living matter whose forum schedules that kind.
    pub async fn add_appointment(&self, input: &AppointmentInput) -> Result<Appointment> {
        if input.matter_id <= 0 {
            input.validate(None)?;
        }
        let mut tx = self.pool().begin().await?;
        let forum = Store::living_matter_forum(&mut tx, input.matter_id).await?;
        let f = input.validate(Some(forum))?;
        let at = now();
        let sql =
            format!("INSERT INTO appointments ({COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        let id = bind(sqlx::query(&sql), &f).bind(&at).bind(&at).execute(&mut *tx).await?.last_insert_rowid();
        audit::record(
            &mut tx,
            self.actor(),
            "create",
            "appointment",
            Some(id),
            serde_json::to_value(&f).unwrap_or_default(),
        )
        .await?;
        tx.commit().await?;
        self.appointment(id).await
    }

    /// One appointment that has not been removed.
    pub async fn appointment(&self, id: i64) -> Result<Appointment> {
        sqlx::query_as("SELECT * FROM appointments WHERE id = ? AND deleted_at IS NULL")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "appointment", id })
    }

    /// Replaces an appointment's details (its outcome once held, a new time); it stays on
    /// its matter. The audit log keeps what changed.
    pub async fn update_appointment(&self, id: i64, input: &AppointmentInput) -> Result<Appointment> {
        let before = self.appointment(id).await?;
        let mut tx = self.pool().begin().await?;
        let forum = Store::living_matter_forum(&mut tx, before.fields.matter_id).await?;
        let unchanged = input.kind.parse::<AppointmentKind>().ok() == Some(before.fields.kind);
        let f = AppointmentInput { matter_id: before.fields.matter_id, ..input.clone() }
            .validate((!unchanged).then_some(forum))?;
        let sets: Vec<String> = COLUMNS.split(", ").map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE appointments SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        bind(sqlx::query(&sql), &f).bind(now()).bind(id).execute(&mut *tx).await?;
        audit::record(&mut tx, self.actor(), "update", "appointment", Some(id), audit::diff(&before.fields, &f))
            .await?;
        tx.commit().await?;
        self.appointment(id).await
    }

    /// Removes an appointment entered by mistake (kept, marked removed, audited).
    pub async fn delete_appointment(&self, id: i64) -> Result<()> {
        self.set_deleted("appointments", "appointment", id, true).await
    }

    /// A matter's appointments in date order.
    pub async fn appointments_for(&self, matter_id: i64) -> Result<Vec<Appointment>> {
        Ok(sqlx::query_as("SELECT * FROM appointments WHERE matter_id = ? AND deleted_at IS NULL ORDER BY starts_at")
            .bind(matter_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// The kinds of appointment a matter offers (USCIS ones only on USCIS matters).
    pub async fn appointment_kinds(&self, matter_id: i64) -> Result<Vec<AppointmentKind>> {
        let forum: Forum = sqlx::query_scalar("SELECT forum FROM matters WHERE id = ?")
            .bind(matter_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "matter", id: matter_id })?;
        Ok(AppointmentKind::offered(forum))
    }

    /// Appointments of living clients' open matters on days from `from` to `to`, inclusive,
    /// with the client and the volunteer; at most `limit`.
    pub async fn appointments_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        limit: i64,
    ) -> Result<Vec<AppointmentItem>> {
        // starts_at is "YYYY-MM-DD HH:MM:SS": a range on the text uses the index.
        let end = to.succ_opt().unwrap_or(to);
        Ok(sqlx::query_as(&format!(
            "SELECT a.*, c.id AS client_id, {} AS client_name, m.assigned_to \
             FROM appointments a JOIN matters m ON m.id = a.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE a.deleted_at IS NULL AND m.deleted_at IS NULL AND c.deleted_at IS NULL \
             AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at LIMIT ?",
            super::CLIENT_NAME
        ))
        .bind(from.to_string())
        .bind(end.to_string())
        .bind(limit.clamp(1, 5000))
        .fetch_all(self.pool())
        .await?)
    }
}

fn bind<'q>(q: Query<'q>, f: &'q AppointmentFields) -> Query<'q> {
    q.bind(f.matter_id)
        .bind(f.kind)
        .bind(f.starts_at)
        .bind(&f.place)
        .bind(&f.accompanied_by)
        .bind(f.outcome)
        .bind(&f.outcome_note)
}
