//! Changes in: a bundle's operations and union items applied to the vault in one
//! transaction (all of it or none). The value of each touched field is recomputed from all
//! the operations held for it, so the order bundles arrive in does not matter.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;
use sqlx::SqliteConnection;

use super::bundle::Changes;
use super::capture::{insert_ops, local_id, ops_of, set_synced_values};
use super::entities::{Entity, ALIASES, ENTITIES};
use super::merge::{self, Op};
use super::state::Me;
use crate::error::{Error, Result};
use crate::store::{now, search};

/// What one bundle changed here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Applied {
    pub records_created: u64,
    pub records_changed: u64,
    pub notes_added: u64,
    pub conflicts: u64,
    pub possible_duplicates: u64,
}

/// A rule broken: the bundle is refused for good.
fn refuse(why: String) -> Error {
    Error::Clinic(super::ClinicError::Refused(why))
}

/// Something this vault does not hold yet: the bundle waits for the next sync.
fn wait(why: String) -> Error {
    Error::Conflict(why)
}

/// Applies `changes` inside the caller's transaction.
/// `volunteer`: the author's member id when the author is a volunteer, whose bundle may
/// touch only records of cases they hold (checked against what this vault held before).
pub async fn apply(conn: &mut SqliteConnection, changes: &Changes, author: &str, volunteer: bool) -> Result<Applied> {
    let kept;
    let changes = match without_purged(conn, changes).await? {
        Some(k) => {
            kept = k;
            &kept
        }
        None => changes,
    };
    let volunteer = volunteer.then_some(author);
    sqlx::query("INSERT INTO sync_applying (id) VALUES (1)").execute(&mut *conn).await?;
    let mut out = Applied::default();
    let mut touched: BTreeMap<(usize, String), BTreeSet<String>> = BTreeMap::new();
    let mut max_hlc = 0;
    let mut rank_of: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &changes.ops {
        let Some(rank) = ENTITIES.iter().position(|e| e.name == op.e) else {
            return Err(refuse(format!("it changes an unknown kind of record ({})", op.e)));
        };
        if !ENTITIES[rank].has_field(&op.f) {
            return Err(refuse(format!("it changes an unknown field ({}.{})", op.e, op.f)));
        }
        uuid::Uuid::parse_str(&op.u).map_err(|_| refuse("it names a record by a malformed id".into()))?;
        if *rank_of.entry(&op.u).or_insert(rank) != rank {
            return Err(refuse("it names one record as two kinds of record".into()));
        }
        check_value(&ENTITIES[rank], &op.f, &op.v)?;
        // A clock far ahead would make every later write on every laptop lose to it.
        if op.h > clock_limit() {
            return Err(refuse(
                "it is dated more than a day in the future (a wrong clock, or an attempt to win every merge)".into(),
            ));
        }
        max_hlc = max_hlc.max(op.h);
    }
    for a in &changes.audit {
        if super::entities::entity(&a.entity).is_none() {
            return Err(refuse(format!("its history names an unknown kind of record ({})", a.entity)));
        }
    }
    for d in &changes.documents {
        super::documents::check(d).map_err(refuse)?;
    }
    for r in &changes.removed_documents {
        super::documents::check_removed(r).map_err(refuse)?;
    }
    super::checklist::check(&changes.checklist_marks, &changes.clinic_items).map_err(refuse)?;
    if let Some(member) = volunteer {
        check_scope(conn, member, changes).await?;
    }
    for (uid, field) in insert_ops(conn, &changes.ops, true).await? {
        let rank = rank_of[uid.as_str()];
        touched.entry((rank, uid)).or_default().insert(field);
    }
    let mut clients = BTreeSet::new();
    let in_conflict: BTreeSet<String> = sqlx::query_scalar("SELECT DISTINCT uid FROM sync_conflicts")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    for ((rank, uid), fields) in &touched {
        let entity = &ENTITIES[*rank];
        let history = ops_of(conn, uid).await?;
        let existing = local_id(conn, entity.name, uid).await?;
        let mut fields: BTreeSet<String> = match existing {
            Some(_) => fields.clone(),
            None => history.keys().cloned().collect(),
        };
        // Whether a delete stands depends on every other field's writes.
        if history.contains_key("deleted_at") {
            fields.insert("deleted_at".into());
        }
        if entity.together.iter().any(|f| fields.contains(*f)) {
            fields.extend(entity.together.iter().filter(|f| history.contains_key(**f)).map(|f| f.to_string()));
        }
        let mut values = BTreeMap::new();
        for field in &fields {
            let ops = &history[field];
            let merged = merge::merge(
                ops,
                entity.settled_by_person.contains(&field.as_str()),
                entity.dates.contains(&field.as_str()),
            );
            let mut value = merged.value.clone();
            if merged.conflict {
                record_conflict(conn, entity, uid, field, &merged.heads).await?;
                out.conflicts += 1;
            } else if in_conflict.contains(uid) {
                sqlx::query("DELETE FROM sync_conflicts WHERE uid = ? AND field = ?")
                    .bind(uid)
                    .bind(field)
                    .execute(&mut *conn)
                    .await?;
            }
            if field == "deleted_at" && !value.is_null() {
                let winner = merged.heads.last().expect("a value has a head");
                if merge::delete_missed_an_edit(winner, &history) {
                    value = Value::Null;
                    alert(conn, "kept_after_delete", uid, serde_json::json!({ "entity": entity.name, "uid": uid }))
                        .await?;
                }
            }
            values.insert(field.clone(), value);
        }
        // Fields that go together take one laptop's write when laptops wrote them at once.
        if entity.together.iter().any(|f| values.contains_key(*f)) {
            let empty = Vec::new();
            let groups: Vec<&[Op]> =
                entity.together.iter().map(|f| history.get(*f).unwrap_or(&empty).as_slice()).collect();
            for (field, op) in entity.together.iter().zip(merge::together(&groups)) {
                if let Some(op) = op {
                    let shown_date = entity.dates.contains(field) && values.contains_key(*field);
                    if !shown_date {
                        values.insert(field.to_string(), op.v.clone());
                    }
                }
            }
        }
        if entity.name == "client" {
            if let Some(Value::String(a)) = values.get("a_number").cloned() {
                if let Some(other) = living_client_with(conn, &a, existing).await? {
                    values.insert("a_number".into(), Value::Null);
                    let mut pair = [uid.clone(), other];
                    pair.sort();
                    alert(
                        conn,
                        "possible_duplicate",
                        &pair.join(" "),
                        serde_json::json!({ "a_number": a, "clients": pair }),
                    )
                    .await?;
                    out.possible_duplicates += 1;
                }
            }
        }
        let id = write_record(conn, entity, uid, existing, &values).await?;
        if existing.is_none() {
            out.records_created += 1;
            sqlx::query("INSERT OR IGNORE INTO sync_creators (uid, member) VALUES (?, ?)")
                .bind(uid)
                .bind(author)
                .execute(&mut *conn)
                .await?;
            if entity.name == "matter" {
                if let Some(author) = history.get("kind").and_then(|ops| ops.first()).map(|o| o.m.clone()) {
                    own_new_case(conn, uid, &author).await?;
                }
            }
        } else {
            out.records_changed += 1;
        }
        let synced: Vec<(&str, &Value)> = values.iter().map(|(f, v)| (f.as_str(), v)).collect();
        set_synced_values(conn, uid, &synced).await?;
        // The search index holds names, other names, A-numbers, courts and judges.
        let searched = |f: &&str| values.contains_key(*f);
        let reindex = existing.is_none()
            || match entity.name {
                "client" => ["given_name", "family_name", "a_number", ALIASES].iter().any(searched),
                "matter" => ["court_name", "judge", "client_id", "deleted_at"].iter().any(searched),
                _ => false,
            };
        match entity.name {
            "client" if reindex => {
                clients.insert(id);
            }
            "matter" if reindex => {
                let c: i64 = sqlx::query_scalar("SELECT client_id FROM matters WHERE id = ?")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                clients.insert(c);
            }
            _ => {}
        }
    }
    out.notes_added = apply_items(conn, changes).await?;
    super::documents::take_described(conn, &changes.documents, volunteer).await?;
    super::documents::take_removed(conn, &changes.removed_documents).await?;
    super::checklist::apply(conn, &changes.checklist_marks, &changes.clinic_items).await?;
    for c in clients {
        search::reindex_client(conn, c).await?;
    }
    Me::observe(conn, max_hlc).await?;
    sqlx::query("DELETE FROM sync_applying").execute(&mut *conn).await?;
    Ok(out)
}

async fn living_client_with(
    conn: &mut SqliteConnection,
    a_number: &str,
    except: Option<i64>,
) -> Result<Option<String>> {
    let other: Option<i64> =
        sqlx::query_scalar("SELECT id FROM clients WHERE a_number = ? AND deleted_at IS NULL AND id IS NOT ?")
            .bind(a_number)
            .bind(except)
            .fetch_optional(&mut *conn)
            .await?;
    match other {
        Some(id) => Ok(Some(super::capture::ensure_uid(conn, "client", id).await?)),
        None => Ok(None),
    }
}

async fn own_new_case(conn: &mut SqliteConnection, matter_uid: &str, member: &str) -> Result<()> {
    let me = Me::load(conn).await?;
    let assigned = me.roster.as_ref().is_some_and(|r| !r.holders(matter_uid).is_empty());
    let author_is_volunteer =
        me.roster.as_ref().and_then(|r| r.member(member)).is_some_and(|m| m.role == super::Role::Volunteer);
    if !assigned && author_is_volunteer {
        sqlx::query("INSERT OR IGNORE INTO sync_case_owner (matter_uid, member_id) VALUES (?, ?)")
            .bind(matter_uid)
            .bind(member)
            .execute(&mut *conn)
            .await?;
        sqlx::query("INSERT OR IGNORE INTO sync_case_members (matter_uid, member_id) VALUES (?, ?)")
            .bind(matter_uid)
            .bind(member)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn record_conflict(
    conn: &mut SqliteConnection,
    entity: &Entity,
    uid: &str,
    field: &str,
    heads: &[&Op],
) -> Result<()> {
    let versions: Vec<Value> =
        heads.iter().map(|o| serde_json::json!({ "value": o.v, "device": o.d, "member": o.m, "hlc": o.h })).collect();
    sqlx::query(
        "INSERT INTO sync_conflicts (uid, field, entity, versions) VALUES (?, ?, ?, ?) \
         ON CONFLICT (uid, field) DO UPDATE SET versions = excluded.versions",
    )
    .bind(uid)
    .bind(field)
    .bind(entity.name)
    .bind(Value::Array(versions).to_string())
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn alert(conn: &mut SqliteConnection, kind: &str, key: &str, detail: Value) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO sync_alerts (kind, key, detail, created_at) VALUES (?, ?, ?, ?)")
        .bind(kind)
        .bind(key)
        .bind(detail.to_string())
        .bind(now())
        .execute(conn)
        .await?;
    Ok(())
}

/// The local value of a field: references become local ids (None if not held here).
async fn to_local(conn: &mut SqliteConnection, entity: &Entity, field: &str, value: &Value) -> Result<Value> {
    match (entity.ref_target(field), value) {
        (Some(target), Value::String(uid)) => {
            Ok(local_id(conn, target, uid).await?.map(Value::from).unwrap_or(Value::Null))
        }
        _ => Ok(value.clone()),
    }
}

async fn write_record(
    conn: &mut SqliteConnection,
    entity: &Entity,
    uid: &str,
    existing: Option<i64>,
    values: &BTreeMap<String, Value>,
) -> Result<i64> {
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for (field, value) in values {
        if field == ALIASES {
            continue;
        }
        let local = to_local(conn, entity, field, value).await?;
        if let (Some(target), Value::String(_), Value::Null) = (entity.ref_target(field), value, &local) {
            // The record it points to is not here (yet). A record cannot be without its
            // matter or client: it waits. An optional link (a relative, the deadline a
            // filing meets) is left empty and filled in when that record arrives.
            if required_ref(entity.name, field) {
                return Err(wait(format!("its {} belongs to a {target} this vault does not have yet", entity.name)));
            }
        }
        cols.push(field.as_str());
        vals.push(local);
    }
    let sql = match existing {
        Some(_) if cols.is_empty() => None,
        Some(_) => Some(format!(
            "UPDATE {} SET {} WHERE id = ?",
            entity.table,
            cols.iter().map(|c| format!("{c} = ?")).collect::<Vec<_>>().join(", ")
        )),
        None => Some(format!(
            "INSERT INTO {} ({}) VALUES ({})",
            entity.table,
            cols.join(", "),
            vec!["?"; cols.len()].join(", ")
        )),
    };
    let mut id = existing.unwrap_or(0);
    if let Some(sql) = sql {
        let mut q = sqlx::query(&sql);
        for v in &vals {
            q = match v {
                Value::Null => q.bind(None::<String>),
                Value::Bool(b) => q.bind(*b as i64),
                Value::Number(n) => q.bind(
                    n.as_i64().ok_or_else(|| refuse(format!("{} holds a number Amparo does not use", entity.name)))?,
                ),
                Value::String(s) => q.bind(s.clone()),
                _ => return Err(refuse(format!("{} holds a value of the wrong kind", entity.name))),
            };
        }
        if let Some(existing) = existing {
            q = q.bind(existing);
        }
        let done = q.execute(&mut *conn).await.map_err(|e| {
            // Something missing (a field or a record not received yet) waits; anything
            // else the database refuses (a CHECK, a duplicate uid) is refused for good.
            let missing =
                matches!(&e, sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("1299") | Some("787")));
            let why = format!("its {} could not be stored here ({})", entity.name, Error::from(e));
            if missing {
                wait(why)
            } else {
                refuse(why)
            }
        })?;
        if existing.is_none() {
            id = done.last_insert_rowid();
            sqlx::query("INSERT INTO sync_ids (entity, local_id, uid) VALUES (?, ?, ?)")
                .bind(entity.name)
                .bind(id)
                .bind(uid)
                .execute(&mut *conn)
                .await
                .map_err(|_| refuse("it reuses the id of another record".into()))?;
            link_waiting_refs(conn, entity.name, uid, id).await?;
        }
    }
    if let Some(Value::Array(names)) = values.get(ALIASES) {
        sqlx::query("DELETE FROM client_aliases WHERE client_id = ?").bind(id).execute(&mut *conn).await?;
        for name in names.iter().filter_map(Value::as_str) {
            sqlx::query("INSERT INTO client_aliases (client_id, name) VALUES (?, ?)")
                .bind(id)
                .bind(name)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(id)
}

async fn apply_items(conn: &mut SqliteConnection, changes: &Changes) -> Result<u64> {
    let mut added = 0;
    for v in &changes.note_versions {
        if local_id(conn, "note_version", &v.u).await?.is_some() {
            continue;
        }
        let Some(note) = local_id(conn, "note", &v.note).await? else {
            return Err(wait("it adds to a note this vault does not have yet".into()));
        };
        let id = sqlx::query("INSERT INTO note_versions (note_id, body, written_at) VALUES (?, ?, ?)")
            .bind(note)
            .bind(&v.body)
            .bind(&v.written_at)
            .execute(&mut *conn)
            .await?
            .last_insert_rowid();
        sqlx::query("INSERT INTO sync_ids (entity, local_id, uid) VALUES ('note_version', ?, ?)")
            .bind(id)
            .bind(&v.u)
            .execute(&mut *conn)
            .await?;
        added += 1;
    }
    for a in &changes.audit {
        if local_id(conn, "audit", &a.u).await?.is_some() {
            continue;
        }
        let entity_id = local_id(conn, &a.entity, &a.entity_uid).await?;
        let id = sqlx::query(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&a.at)
        .bind(&a.actor)
        .bind(&a.action)
        .bind(&a.entity)
        .bind(entity_id)
        .bind(&a.changes)
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        sqlx::query("INSERT INTO sync_ids (entity, local_id, uid) VALUES ('audit', ?, ?)")
            .bind(id)
            .bind(&a.u)
            .execute(&mut *conn)
            .await?;
    }
    Ok(added)
}

/// The latest clock value accepted from another laptop: a day ahead of this one's clock.
pub fn clock_limit() -> u64 {
    (chrono::Utc::now().timestamp_millis().max(0) as u64).saturating_add(24 * 3600 * 1000)
}

/// A value of the right shape for its field: references are uids, the other names a list
/// of names, everything else text, a whole number, or nothing.
fn check_value(entity: &Entity, field: &str, value: &Value) -> Result<()> {
    let ok = match (entity.ref_target(field), value) {
        (_, Value::Null) => true,
        (Some(_), Value::String(uid)) => uuid::Uuid::parse_str(uid).is_ok(),
        (Some(_), _) => false,
        (None, Value::Array(items)) => field == ALIASES && items.iter().all(Value::is_string),
        (None, Value::String(_)) => field != ALIASES,
        (None, Value::Number(n)) => n.is_i64(),
        (None, _) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(refuse(format!("its {}.{field} holds a value of the wrong kind", entity.name)))
    }
}

/// A volunteer's bundle may change a record this vault holds, or point a new record at
/// one, only if the record belongs to a case the volunteer holds (assigned now or before,
/// or opened by them), or to no case and was created by them. New records are theirs.
async fn check_scope(conn: &mut SqliteConnection, member: &str, changes: &Changes) -> Result<()> {
    let mut records: BTreeSet<(String, String)> = BTreeSet::new();
    for op in &changes.ops {
        records.insert((op.e.clone(), op.u.clone()));
        if let (Some(target), Value::String(uid)) =
            (ENTITIES.iter().find(|e| e.name == op.e).and_then(|e| e.ref_target(&op.f)), &op.v)
        {
            records.insert((target.to_string(), uid.clone()));
        }
    }
    records.extend(changes.note_versions.iter().map(|v| ("note".to_string(), v.note.clone())));
    records.extend(changes.audit.iter().map(|a| (a.entity.clone(), a.entity_uid.clone())));
    records.extend(changes.documents.iter().map(|d| (d.e.clone(), d.of.clone())));
    records.extend(changes.removed_documents.iter().map(|r| (r.e.clone(), r.of.clone())));
    records.extend(changes.checklist_marks.iter().map(|m| ("matter".to_string(), m.matter.clone())));
    for (entity, uid) in &records {
        if local_id(conn, entity, uid).await?.is_some() && !may_touch(conn, member, entity, uid).await? {
            return Err(refuse(format!("it changes a {entity} of a case that was never assigned to its author")));
        }
    }
    Ok(())
}

pub(super) async fn may_touch(conn: &mut SqliteConnection, member: &str, entity: &str, uid: &str) -> Result<bool> {
    let cases = super::capture::cases_of(conn, entity, uid).await?;
    if cases.is_empty() {
        let creator: Option<String> = sqlx::query_scalar("SELECT member FROM sync_creators WHERE uid = ?")
            .bind(uid)
            .fetch_optional(&mut *conn)
            .await?;
        return Ok(creator.as_deref() == Some(member));
    }
    for case in cases {
        if holds_case(conn, &case, member).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a member holds a case: assigned to them now or before, or opened by them.
pub(crate) async fn holds_case(conn: &mut SqliteConnection, case: &str, member: &str) -> Result<bool> {
    let held: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM sync_case_members WHERE matter_uid = ?1 AND member_id = ?2) + \
                (SELECT COUNT(*) FROM sync_case_owner WHERE matter_uid = ?1 AND member_id = ?2)",
    )
    .bind(case)
    .bind(member)
    .fetch_one(&mut *conn)
    .await?;
    Ok(held > 0)
}

/// The changes less what concerns records purged here (a client past the retention
/// period): another laptop that has not purged them yet must not bring them back. None
/// when nothing was dropped.
async fn without_purged(conn: &mut SqliteConnection, changes: &Changes) -> Result<Option<Changes>> {
    let mut purged: BTreeSet<String> =
        sqlx::query_scalar("SELECT uid FROM sync_purged").fetch_all(&mut *conn).await?.into_iter().collect();
    if purged.is_empty() {
        return Ok(None);
    }
    // A record made there for a purged client (a note, a hearing on its matter) goes too,
    // and what hangs off that: else it would wait for its client for ever, and hold up the
    // rest of the bundle with it. It is remembered as purged, so a later bundle editing it
    // is not held up either. Only records that cannot exist without the purged one go: a
    // relative naming the purged client as principal stays, the link left empty.
    let known = purged.len();
    loop {
        let before = purged.len();
        for op in &changes.ops {
            if let Value::String(target) = &op.v {
                if required_ref(&op.e, &op.f) && purged.contains(target) {
                    purged.insert(op.u.clone());
                }
            }
        }
        if purged.len() == before {
            break;
        }
    }
    if purged.len() > known {
        let stored: BTreeSet<String> =
            sqlx::query_scalar("SELECT uid FROM sync_purged").fetch_all(&mut *conn).await?.into_iter().collect();
        for uid in purged.difference(&stored) {
            sqlx::query("INSERT OR IGNORE INTO sync_purged (uid) VALUES (?)").bind(uid).execute(&mut *conn).await?;
        }
    }
    let kept = Changes {
        ops: changes.ops.iter().filter(|o| !purged.contains(&o.u)).cloned().collect(),
        note_versions: changes.note_versions.iter().filter(|v| !purged.contains(&v.note)).cloned().collect(),
        audit: changes.audit.iter().filter(|a| !purged.contains(&a.entity_uid)).cloned().collect(),
        documents: changes.documents.iter().filter(|d| !purged.contains(&d.of)).cloned().collect(),
        removed_documents: changes.removed_documents.iter().filter(|r| !purged.contains(&r.of)).cloned().collect(),
        checklist_marks: changes.checklist_marks.iter().filter(|m| !purged.contains(&m.matter)).cloned().collect(),
        clinic_items: changes.clinic_items.clone(),
    };
    Ok((kept != *changes).then_some(kept))
}

/// A record cannot exist without these.
fn required_ref(entity: &str, field: &str) -> bool {
    matches!(
        (entity, field),
        ("matter", "client_id") | ("hearing" | "deadline" | "filing" | "appointment", "matter_id")
    ) || (entity, field) == ("custody_period", "client_id")
        || entity == "note"
}

/// Fills in the optional links to a record that has just arrived (a relative's principal,
/// the deadline a filing meets), which were left empty while it was missing.
async fn link_waiting_refs(conn: &mut SqliteConnection, target: &str, uid: &str, id: i64) -> Result<()> {
    let wanted = Value::String(uid.to_string()).to_string();
    for entity in ENTITIES {
        for (column, _) in entity.refs.iter().filter(|(_, to)| *to == target) {
            let waiting: Vec<String> = sqlx::query_scalar("SELECT uid FROM sync_fields WHERE field = ? AND value = ?")
                .bind(column)
                .bind(&wanted)
                .fetch_all(&mut *conn)
                .await?;
            for w in waiting {
                if let Some(local) = local_id(conn, entity.name, &w).await? {
                    let sql = format!("UPDATE {} SET {column} = ? WHERE id = ? AND {column} IS NULL", entity.table);
                    sqlx::query(&sql).bind(id).bind(local).execute(&mut *conn).await?;
                }
            }
        }
    }
    Ok(())
}
