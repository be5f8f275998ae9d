//! Local changes out: rows the triggers marked dirty become field operations (one per
//! changed field, replacing the field's current heads), and note versions and audit
//! entries not yet sent become union items. Each goes with the cases it belongs to.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sqlx::SqliteConnection;

use super::bundle::{AuditItem, NoteVersionItem};
use super::entities::{self, Entity, ENTITIES};
use super::merge::{self, Op};
use super::state::{new_uid, Me};
use crate::error::Result;

/// The uid of a local record, made now if it has none.
pub async fn ensure_uid(conn: &mut SqliteConnection, entity: &str, id: i64) -> Result<String> {
    if let Some(uid) = uid_of(conn, entity, id).await? {
        return Ok(uid);
    }
    let uid = new_uid();
    sqlx::query("INSERT INTO sync_ids (entity, local_id, uid) VALUES (?, ?, ?)")
        .bind(entity)
        .bind(id)
        .bind(&uid)
        .execute(&mut *conn)
        .await?;
    // Made here (a uid is given at a record's first sync): this vault's member made it.
    sqlx::query("INSERT OR IGNORE INTO sync_creators (uid, member) SELECT ?, member_id FROM clinic_self")
        .bind(&uid)
        .execute(conn)
        .await?;
    Ok(uid)
}

pub async fn uid_of(conn: &mut SqliteConnection, entity: &str, id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT uid FROM sync_ids WHERE entity = ? AND local_id = ?")
        .bind(entity)
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

pub async fn local_id(conn: &mut SqliteConnection, entity: &str, uid: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT local_id FROM sync_ids WHERE entity = ? AND uid = ?")
        .bind(entity)
        .bind(uid)
        .fetch_optional(conn)
        .await?)
}

/// All operations held for one record, by field.
pub async fn ops_of(conn: &mut SqliteConnection, uid: &str) -> Result<BTreeMap<String, Vec<Op>>> {
    let rows: Vec<(String, String, i64, String, String, String, String)> =
        sqlx::query_as("SELECT entity, field, hlc, device, member, value, parents FROM sync_ops WHERE uid = ?")
            .bind(uid)
            .fetch_all(conn)
            .await?;
    let mut out: BTreeMap<String, Vec<Op>> = BTreeMap::new();
    for (e, f, h, d, m, v, p) in rows {
        out.entry(f.clone()).or_default().push(Op {
            e,
            u: uid.to_string(),
            f,
            v: serde_json::from_str(&v).unwrap_or(Value::Null),
            h: h as u64,
            d,
            m,
            p: serde_json::from_str(&p).unwrap_or_default(),
        });
    }
    Ok(out)
}

pub async fn insert_op(conn: &mut SqliteConnection, op: &Op, sent: bool) -> Result<bool> {
    Ok(!insert_ops(conn, std::slice::from_ref(op), sent).await?.is_empty())
}

/// Inserts operations, skipping those already held; returns (uid, field) of the new ones.
/// Many rows per statement: a bundle of 10,000 records holds some 200,000 operations.
pub async fn insert_ops(conn: &mut SqliteConnection, ops: &[Op], sent: bool) -> Result<Vec<(String, String)>> {
    let mut new = Vec::new();
    for chunk in ops.chunks(200) {
        let sql = format!(
            "INSERT OR IGNORE INTO sync_ops (uid, field, hlc, device, entity, value, parents, member, sent) VALUES {} \
             RETURNING uid, field",
            vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query_as::<_, (String, String)>(&sql);
        for op in chunk {
            q = q
                .bind(&op.u)
                .bind(&op.f)
                .bind(i64::try_from(op.h).unwrap_or(i64::MAX))
                .bind(&op.d)
                .bind(&op.e)
                .bind(op.v.to_string())
                .bind(serde_json::to_string(&op.p).expect("strings serialise"))
                .bind(&op.m)
                .bind(sent as i64);
        }
        new.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(new)
}

pub async fn set_synced_value(conn: &mut SqliteConnection, uid: &str, field: &str, value: &Value) -> Result<()> {
    set_synced_values(conn, uid, &[(field, value)]).await
}

/// Records the values last written or received for a record's fields, in one statement.
pub async fn set_synced_values(conn: &mut SqliteConnection, uid: &str, values: &[(&str, &Value)]) -> Result<()> {
    for chunk in values.chunks(300) {
        let sql = format!(
            "INSERT INTO sync_fields (uid, field, value) VALUES {} ON CONFLICT (uid, field) DO UPDATE SET value = excluded.value",
            vec!["(?, ?, ?)"; chunk.len()].join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (field, value) in chunk {
            q = q.bind(uid).bind(*field).bind(value.to_string());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A record's travelling fields as they are now (None if the row is gone).
pub async fn read_row(
    conn: &mut SqliteConnection,
    entity: &Entity,
    id: i64,
) -> Result<Option<BTreeMap<String, Value>>> {
    // References need uids before they can be written as uids.
    for (column, target) in entity.refs {
        let sql = format!("SELECT {column} FROM {} WHERE id = ?", entity.table);
        if let Some(Some(target_id)) =
            sqlx::query_scalar::<_, Option<i64>>(&sql).bind(id).fetch_optional(&mut *conn).await?
        {
            ensure_uid(conn, target, target_id).await?;
        }
    }
    let json: Option<String> = sqlx::query_scalar(&entity.select_json()).bind(id).fetch_optional(&mut *conn).await?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Turns every dirty record into field operations (stored, not yet sent). Returns how many.
pub async fn capture(conn: &mut SqliteConnection, me: &mut Me) -> Result<usize> {
    let dirty: Vec<(String, i64)> =
        sqlx::query_as("SELECT entity, local_id FROM sync_dirty WHERE entity NOT IN ('note_version', 'audit')")
            .fetch_all(&mut *conn)
            .await?;
    let mut count = 0;
    let in_conflict: BTreeSet<String> = sqlx::query_scalar("SELECT DISTINCT uid FROM sync_conflicts")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    // Parents before children, so a matter's client has its uid first.
    for entity in ENTITIES {
        for (_, id) in dirty.iter().filter(|(e, _)| e == entity.name) {
            let uid = ensure_uid(conn, entity.name, *id).await?;
            let Some(row) = read_row(conn, entity, *id).await? else { continue };
            let synced: BTreeMap<String, String> =
                sqlx::query_as::<_, (String, String)>("SELECT field, value FROM sync_fields WHERE uid = ?")
                    .bind(&uid)
                    .fetch_all(&mut *conn)
                    .await?
                    .into_iter()
                    .collect();
            let mut history = ops_of(conn, &uid).await?;
            let (mut pending, mut synced_now): (Vec<Op>, Vec<(&str, &Value)>) = (Vec::new(), Vec::new());
            // A delete goes last, so that it lists as seen what this same sync writes.
            let mut fields: Vec<(&String, &Value)> = row.iter().collect();
            fields.sort_by_key(|(f, _)| f.as_str() == "deleted_at");
            for (field, value) in fields {
                if synced.get(field).map(String::as_str) == Some(value.to_string().as_str()) {
                    continue;
                }
                // A link left empty here because its record never reached this laptop is
                // not a change: sending it would cut the link on every other laptop.
                if let (Some(target), true, Some(Ok(Value::String(held)))) = (
                    entity.ref_target(field),
                    value.is_null(),
                    synced.get(field).map(|v| serde_json::from_str::<Value>(v)),
                ) {
                    if local_id(conn, target, &held).await?.is_none() {
                        continue;
                    }
                }
                let mut parents: Vec<String> = history
                    .get(field)
                    .map(|ops| merge::heads(ops).iter().map(|o| o.version()).collect())
                    .unwrap_or_default();
                // Say which delete this write saw, so it is not taken for an edit made
                // elsewhere at the same time (which would keep the record).
                if field != "deleted_at" {
                    if let Some(dels) = history.get("deleted_at") {
                        parents.extend(
                            merge::heads(dels)
                                .iter()
                                .filter(|o| !o.v.is_null())
                                .map(|o| format!("deleted_at={}", o.version())),
                        );
                    }
                }
                if field == "deleted_at" && !value.is_null() {
                    // It lists what this sync wrote: write the others first.
                    insert_ops(conn, &pending, false).await?;
                    pending.clear();
                    history = ops_of(conn, &uid).await?;
                    for (other, ops) in &history {
                        if other != field {
                            parents.extend(merge::heads(ops).iter().map(|o| format!("{other}={}", o.version())));
                        }
                    }
                }
                pending.push(me.op(entity.name, &uid, field, value.clone(), parents));
                synced_now.push((field.as_str(), value));
                // Writing a field replaces all its heads: any conflict on it is settled.
                if in_conflict.contains(&uid) {
                    sqlx::query("DELETE FROM sync_conflicts WHERE uid = ? AND field = ?")
                        .bind(&uid)
                        .bind(field)
                        .execute(&mut *conn)
                        .await?;
                }
                count += 1;
            }
            insert_ops(conn, &pending, false).await?;
            set_synced_values(conn, &uid, &synced_now).await?;
            if entity.name == "matter" && !me.is_coordinator() {
                // A volunteer's new case is theirs until a coordinator assigns it.
                sqlx::query("INSERT OR IGNORE INTO sync_case_owner (matter_uid, member_id) VALUES (?, ?)")
                    .bind(&uid)
                    .bind(&me.row.member_id)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    sqlx::query("DELETE FROM sync_dirty WHERE entity NOT IN ('note_version', 'audit')").execute(&mut *conn).await?;
    me.save_clock(conn).await?;
    Ok(count)
}

/// Note versions and audit entries not yet sent, as union items (removed from the dirty list).
pub async fn take_items(conn: &mut SqliteConnection) -> Result<(Vec<NoteVersionItem>, Vec<AuditItem>)> {
    let ids: Vec<(String, i64)> = sqlx::query_as(
        "SELECT entity, local_id FROM sync_dirty WHERE entity IN ('note_version', 'audit') ORDER BY local_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let (mut notes, mut audits) = (Vec::new(), Vec::new());
    for (entity, id) in ids {
        if entity == "note_version" {
            if let Some(item) = note_version_item(conn, id).await? {
                notes.push(item);
            }
        } else if let Some(item) = audit_item(conn, id).await? {
            audits.push(item);
        }
    }
    sqlx::query("DELETE FROM sync_dirty WHERE entity IN ('note_version', 'audit')").execute(&mut *conn).await?;
    Ok((notes, audits))
}

pub async fn note_version_item(conn: &mut SqliteConnection, id: i64) -> Result<Option<NoteVersionItem>> {
    let row: Option<(i64, String, String)> =
        sqlx::query_as("SELECT note_id, body, written_at FROM note_versions WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((note_id, body, written_at)) = row else { return Ok(None) };
    let note = ensure_uid(conn, "note", note_id).await?;
    Ok(Some(NoteVersionItem { u: ensure_uid(conn, "note_version", id).await?, note, body, written_at }))
}

pub async fn audit_item(conn: &mut SqliteConnection, id: i64) -> Result<Option<AuditItem>> {
    let row: Option<(String, String, String, String, Option<i64>, String)> =
        sqlx::query_as("SELECT at, actor, action, entity, entity_id, changes FROM audit_log WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((at, actor, action, entity, entity_id, changes)) = row else { return Ok(None) };
    // Only the history of case records travels; vault events (backups, passphrase) stay here.
    let (Some(_), Some(entity_id)) = (entities::entity(&entity), entity_id) else { return Ok(None) };
    let entity_uid = ensure_uid(conn, &entity, entity_id).await?;
    Ok(Some(AuditItem { u: ensure_uid(conn, "audit", id).await?, at, actor, action, entity, entity_uid, changes }))
}

/// The cases (matter uids) a record belongs to. A client belongs to each of its matters'.
pub async fn cases_of(conn: &mut SqliteConnection, entity: &str, uid: &str) -> Result<BTreeSet<String>> {
    let Some(id) = local_id(conn, entity, uid).await? else { return Ok(BTreeSet::new()) };
    let matters: Vec<i64> = match entity {
        "matter" => vec![id],
        "client" => {
            sqlx::query_scalar("SELECT id FROM matters WHERE client_id = ?").bind(id).fetch_all(&mut *conn).await?
        }
        "hearing" | "deadline" | "filing" | "appointment" => {
            let sql = format!("SELECT matter_id FROM {} WHERE id = ?", entities::table_of(entity).expect("known"));
            sqlx::query_scalar(&sql).bind(id).fetch_all(&mut *conn).await?
        }
        "custody_period" => {
            sqlx::query_scalar(
                "SELECT m.id FROM custody_periods p JOIN matters m ON m.client_id = p.client_id WHERE p.id = ?",
            )
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
        }
        "note" => sqlx::query_scalar(
            "SELECT m.id FROM notes n JOIN matters m ON m.id = n.matter_id OR m.client_id = n.client_id WHERE n.id = ?",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?,
        _ => Vec::new(),
    };
    let mut out = BTreeSet::new();
    for m in matters {
        out.insert(ensure_uid(conn, "matter", m).await?);
    }
    Ok(out)
}

/// Every record uid of a case: the matter, its client, what hangs off the matter, and the
/// client's notes. For handing the case's history to a newly assigned volunteer.
pub async fn records_of_case(conn: &mut SqliteConnection, matter_uid: &str) -> Result<Vec<(String, String)>> {
    let Some(matter) = local_id(conn, "matter", matter_uid).await? else { return Ok(Vec::new()) };
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT 'matter', id FROM matters WHERE id = ?1 \
         UNION ALL SELECT 'client', client_id FROM matters WHERE id = ?1 \
         UNION ALL SELECT 'deadline', id FROM deadlines WHERE matter_id = ?1 \
         UNION ALL SELECT 'hearing', id FROM hearings WHERE matter_id = ?1 \
         UNION ALL SELECT 'filing', id FROM filings WHERE matter_id = ?1 \
         UNION ALL SELECT 'appointment', id FROM appointments WHERE matter_id = ?1 \
         UNION ALL SELECT 'custody_period', id FROM custody_periods \
            WHERE client_id = (SELECT client_id FROM matters WHERE id = ?1) \
         UNION ALL SELECT 'note', id FROM notes WHERE matter_id = ?1 \
            OR client_id = (SELECT client_id FROM matters WHERE id = ?1)",
    )
    .bind(matter)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (entity, id) in rows {
        out.push((entity.clone(), ensure_uid(conn, &entity, id).await?));
    }
    Ok(out)
}
