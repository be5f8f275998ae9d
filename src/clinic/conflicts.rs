//! Conflicts (two vaults changed a date, a status, a receipt number or an A-number at once)
//! and alerts (possible duplicate clients, records kept against a delete): listed with both
//! values, who wrote each and when, and settled by a person.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::capture::{insert_op, local_id, ops_of, set_synced_value};
use super::entities;
use super::merge::{self, Op};
use super::state::Me;
use super::ClinicError;
use crate::error::{Error, Result};
use crate::store::{audit, Store};

/// One side of a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ConflictSide {
    #[ts(type = "string | number | boolean | null")]
    pub value: Value,
    pub member: String,
    pub device: String,
    /// When it was written (from the logical clock), RFC 3339.
    pub written_at: String,
    /// Written on this laptop.
    pub mine: bool,
}

/// An open conflict, for the dashboard and the record.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ConflictView {
    pub id: i64,
    pub entity: String,
    /// The local record (None if it is not held here).
    pub record_id: Option<i64>,
    /// The client the record belongs to, for the person reading.
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub field: String,
    /// What Amparo shows until it is settled (the earlier date, for dates).
    #[ts(type = "string | number | boolean | null")]
    pub shown: Value,
    pub sides: Vec<ConflictSide>,
}

/// A possible duplicate or a record kept against a delete.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Alert {
    pub id: i64,
    pub kind: String,
    /// The clients involved (local ids and names).
    pub clients: Vec<(i64, String)>,
    pub a_number: Option<String>,
    pub created_at: String,
}

/// Which value a person keeps.
#[derive(Clone, Debug, PartialEq, Deserialize, ts_rs::TS)]
#[serde(tag = "keep", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Keep {
    Mine,
    Theirs,
    /// A value typed by the person (a date, for dates).
    Value(String),
}

fn hlc_time(hlc: u64) -> String {
    chrono::DateTime::from_timestamp_millis(hlc as i64)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

impl Store {
    /// Every open conflict, oldest record first.
    pub async fn conflicts(&self) -> Result<Vec<ConflictView>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let rows: Vec<(i64, String, String, String, String)> =
            sqlx::query_as("SELECT rowid, uid, field, entity, versions FROM sync_conflicts ORDER BY rowid")
                .fetch_all(&mut *conn)
                .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, uid, field, entity, _) in rows {
            let record_id = local_id(&mut conn, &entity, &uid).await?;
            let ops = ops_of(&mut conn, &uid).await?.remove(&field).unwrap_or_default();
            let spec = entities::entity(&entity).ok_or_else(|| Error::Database("unknown conflict".into()))?;
            let merged = merge::merge(&ops, true, spec.dates.contains(&field.as_str()));
            let name_of = |m: &str| {
                me.roster.as_ref().and_then(|r| r.member(m)).map(|m| m.name.clone()).unwrap_or_else(|| m.to_string())
            };
            let sides = merged
                .heads
                .iter()
                .map(|o| ConflictSide {
                    value: o.v.clone(),
                    member: name_of(&o.m),
                    device: o.d.clone(),
                    written_at: hlc_time(o.h),
                    mine: o.d == me.row.device_id,
                })
                .collect();
            let (client_id, client_name) = match record_id {
                Some(rid) => client_of(&mut conn, &entity, rid).await?,
                None => (None, None),
            };
            out.push(ConflictView { id, entity, record_id, client_id, client_name, field, shown: merged.value, sides });
        }
        Ok(out)
    }

    /// Settles a conflict: the kept value replaces every concurrent write, here and, after
    /// the next sync, everywhere.
    pub async fn resolve_conflict(&self, id: i64, keep: &Keep) -> Result<ConflictView> {
        let before = self.conflicts().await?.into_iter().find(|c| c.id == id).ok_or(ClinicError::NoConflict(id))?;
        let mut tx = self.pool().begin().await?;
        let mut me = Me::load(&mut tx).await?;
        let (uid, field, entity): (String, String, String) =
            sqlx::query_as("SELECT uid, field, entity FROM sync_conflicts WHERE rowid = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let ops: Vec<Op> = ops_of(&mut tx, &uid).await?.remove(&field).unwrap_or_default();
        let heads = merge::heads(&ops);
        let value = match keep {
            Keep::Mine => {
                heads.iter().rev().find(|o| o.d == me.row.device_id).map(|o| o.v.clone()).ok_or_else(|| {
                    invalid(crate::tr!(
                        "None of the values was written on this laptop. Keep theirs, or type the right value.",
                        "Ninguno de los valores se escribió en esta computadora. Conserve el otro, o escriba el valor correcto."
                    ))
                })?
            }
            Keep::Theirs => {
                heads.iter().rev().find(|o| o.d != me.row.device_id).map(|o| o.v.clone()).ok_or_else(|| {
                    invalid(crate::tr!(
                        "Both values were written on this laptop. Keep yours, or type the right value.",
                        "Los dos valores se escribieron en esta computadora. Conserve el suyo, o escriba el valor correcto."
                    ))
                })?
            }
            Keep::Value(typed) => typed_value(&entity, &field, typed)?,
        };
        let op = me.op(&entity, &uid, &field, value.clone(), heads.iter().map(|o| o.version()).collect());
        insert_op(&mut tx, &op, false).await?;
        me.save_clock(&mut tx).await?;
        let spec = entities::entity(&entity).expect("a known entity");
        if let Some(rid) = before.record_id {
            sqlx::query("INSERT INTO sync_applying (id) VALUES (1)").execute(&mut *tx).await?;
            let sql = format!("UPDATE {} SET {field} = ? WHERE id = ?", spec.table);
            let q = match &value {
                Value::String(s) => sqlx::query(&sql).bind(s.clone()),
                Value::Null => sqlx::query(&sql).bind(None::<String>),
                other => sqlx::query(&sql).bind(other.to_string()),
            };
            q.bind(rid).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM sync_applying").execute(&mut *tx).await?;
            audit::record(
                &mut tx,
                self.actor(),
                "resolve",
                &entity,
                Some(rid),
                serde_json::json!({ field.clone(): value.clone() }),
            )
            .await?;
        }
        set_synced_value(&mut tx, &uid, &field, &value).await?;
        sqlx::query("DELETE FROM sync_conflicts WHERE rowid = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(ConflictView { shown: value, ..before })
    }

    /// Open alerts, newest first.
    pub async fn clinic_alerts(&self) -> Result<Vec<Alert>> {
        let mut conn = self.pool().acquire().await?;
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, kind, detail, created_at FROM sync_alerts WHERE dismissed_at IS NULL ORDER BY id DESC",
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Vec::new();
        for (id, kind, detail, created_at) in rows {
            let detail: Value = serde_json::from_str(&detail).unwrap_or_default();
            let uids: Vec<String> = match (&detail["clients"], &detail["uid"]) {
                (Value::Array(a), _) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                (_, Value::String(u)) if detail["entity"] == "client" => vec![u.clone()],
                _ => Vec::new(),
            };
            let mut clients = Vec::new();
            for uid in uids {
                if let Some(cid) = local_id(&mut conn, "client", &uid).await? {
                    let name: String =
                        sqlx::query_scalar("SELECT given_name || ' ' || family_name FROM clients WHERE id = ?")
                            .bind(cid)
                            .fetch_one(&mut *conn)
                            .await?;
                    clients.push((cid, name));
                }
            }
            out.push(Alert {
                id,
                kind,
                clients,
                a_number: detail["a_number"].as_str().map(str::to_string),
                created_at,
            });
        }
        Ok(out)
    }

    pub async fn dismiss_alert(&self, id: i64) -> Result<()> {
        let done = sqlx::query("UPDATE sync_alerts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL")
            .bind(crate::store::now())
            .bind(id)
            .execute(self.pool())
            .await?;
        crate::store::expect_one(done.rows_affected(), "alert", id)
    }
}

fn invalid(message: crate::text::Text) -> Error {
    Error::Invalid(crate::model::ValidationError::one("value", message))
}

/// A value typed to settle a conflict, checked like the field's own input.
fn typed_value(entity: &str, field: &str, typed: &str) -> Result<Value> {
    let typed = typed.trim();
    match (entity, field) {
        ("deadline", "due_on") => {
            let d = crate::model::fields::date(typed).map_err(invalid)?;
            Ok(Value::String(d.to_string()))
        }
        ("hearing" | "appointment", "starts_at") => {
            let t = crate::model::fields::date_time(typed).map_err(invalid)?;
            // As the store writes it (sqlx's text form of a date and time).
            Ok(Value::String(t.format("%F %T").to_string()))
        }
        ("deadline", "status") if ["open", "done", "waived"].contains(&typed) => Ok(Value::String(typed.into())),
        ("deadline", "status") => Err(invalid(crate::tr!(
            "\"{typed}\" is not a status: use open, done or waived.",
            "«{typed}» no es un estado: use open, done o waived."
        ))),
        ("client", "a_number") => Ok(Value::String(crate::model::ANumber::parse(typed).map_err(invalid)?.to_string())),
        ("filing", "receipt_number") => {
            Ok(Value::String(crate::model::ReceiptNumber::parse(typed).map_err(invalid)?.to_string()))
        }
        _ => Ok(Value::String(typed.into())),
    }
}

async fn client_of(conn: &mut sqlx::SqliteConnection, entity: &str, id: i64) -> Result<(Option<i64>, Option<String>)> {
    let sql = match entity {
        "client" => "SELECT id, given_name || ' ' || family_name FROM clients WHERE id = ?",
        "matter" => "SELECT c.id, c.given_name || ' ' || c.family_name FROM matters m JOIN clients c ON c.id = m.client_id WHERE m.id = ?",
        "custody_period" => "SELECT c.id, c.given_name || ' ' || c.family_name FROM custody_periods x JOIN clients c ON c.id = x.client_id WHERE x.id = ?",
        "hearing" | "deadline" | "filing" | "appointment" => match entity {
            "hearing" => "SELECT c.id, c.given_name || ' ' || c.family_name FROM hearings x JOIN matters m ON m.id = x.matter_id JOIN clients c ON c.id = m.client_id WHERE x.id = ?",
            "appointment" => "SELECT c.id, c.given_name || ' ' || c.family_name FROM appointments x JOIN matters m ON m.id = x.matter_id JOIN clients c ON c.id = m.client_id WHERE x.id = ?",
            "deadline" => "SELECT c.id, c.given_name || ' ' || c.family_name FROM deadlines x JOIN matters m ON m.id = x.matter_id JOIN clients c ON c.id = m.client_id WHERE x.id = ?",
            _ => "SELECT c.id, c.given_name || ' ' || c.family_name FROM filings x JOIN matters m ON m.id = x.matter_id JOIN clients c ON c.id = m.client_id WHERE x.id = ?",
        },
        _ => return Ok((None, None)),
    };
    let row: Option<(i64, String)> = sqlx::query_as(sql).bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(a, b)| (Some(a), Some(b))).unwrap_or((None, None)))
}
