//! This vault's own standing in its clinic (the `clinic_self` row): ids, keys, the roster
//! it trusts, its place in its own chain of bundles, and its logical clock.

use sqlx::{Sqlite, SqliteConnection};

use super::keys::DeviceKeys;
use super::roster::{Role, Roster};
use super::ClinicError;
use crate::error::Result;

#[derive(sqlx::FromRow)]
pub struct SelfRow {
    pub clinic_id: String,
    pub clinic_name: String,
    pub member_id: String,
    pub member_name: String,
    pub device_id: String,
    pub signing_key: String,
    pub age_identity: String,
    pub pinned_key: String,
    pub inviter: Option<String>,
    pub joined: i64,
    pub roster: Option<String>,
    pub roster_seq: i64,
    pub roster_published: i64,
    pub next_seq: i64,
    pub last_hash: Option<String>,
    pub hlc: i64,
    pub remote: Option<String>,
    pub remote_key_id: Option<String>,
    pub remote_secret: Option<String>,
    pub last_sync: Option<String>,
    pub last_report: Option<String>,
}

/// This vault in its clinic, loaded for one operation.
pub struct Me {
    pub row: SelfRow,
    pub keys: DeviceKeys,
    pub roster: Option<Roster>,
}

impl Me {
    pub async fn load(conn: &mut SqliteConnection) -> Result<Me> {
        let row: SelfRow = sqlx::query_as("SELECT * FROM clinic_self WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(ClinicError::NotInClinic)?;
        let keys = DeviceKeys::from_stored(row.device_id.clone(), &row.signing_key, &row.age_identity)?;
        let roster = match &row.roster {
            Some(json) => Some(serde_json::from_str(json).map_err(|_| ClinicError::Keys)?),
            None => None,
        };
        Ok(Me { row, keys, roster })
    }

    pub async fn exists(conn: &mut SqliteConnection) -> Result<bool> {
        Ok(sqlx::query_scalar::<Sqlite, i64>("SELECT COUNT(*) FROM clinic_self").fetch_one(conn).await? > 0)
    }

    /// This member's role in the trusted roster (none before admission).
    pub fn role(&self) -> Option<Role> {
        self.roster
            .as_ref()
            .and_then(|r| r.member(&self.row.member_id))
            .filter(|m| m.removed_at.is_none())
            .map(|m| m.role)
    }

    pub fn is_coordinator(&self) -> bool {
        self.role() == Some(Role::Coordinator)
    }

    pub fn require_coordinator(&self) -> Result<&Roster> {
        match (&self.roster, self.is_coordinator()) {
            (Some(r), true) => Ok(r),
            _ => Err(ClinicError::NotCoordinator.into()),
        }
    }

    /// The next logical clock value: after every value seen, and at least the wall clock
    /// in milliseconds (so a later edit usually sorts later across laptops). Kept in memory
    /// here; `save_clock` stores it in the same transaction as the writes that used it.
    pub fn tick(&mut self) -> u64 {
        let wall = chrono::Utc::now().timestamp_millis().max(0) as u64;
        let next = wall.max((self.row.hlc as u64).saturating_add(1)).min(i64::MAX as u64);
        self.row.hlc = next as i64;
        next
    }

    /// This vault's own write of `field`, replacing `parents`, stamped with the next clock.
    pub fn op(
        &mut self,
        entity: &str,
        uid: &str,
        field: &str,
        value: serde_json::Value,
        parents: Vec<String>,
    ) -> super::merge::Op {
        super::merge::Op {
            e: entity.to_string(),
            u: uid.to_string(),
            f: field.to_string(),
            v: value,
            h: self.tick(),
            d: self.row.device_id.clone(),
            m: self.row.member_id.clone(),
            p: parents,
        }
    }

    pub async fn save_clock(&self, conn: &mut SqliteConnection) -> Result<()> {
        sqlx::query("UPDATE clinic_self SET hlc = max(hlc, ?) WHERE id = 1").bind(self.row.hlc).execute(conn).await?;
        Ok(())
    }

    /// Moves the clock past a value seen in another vault's bundle.
    pub async fn observe(conn: &mut SqliteConnection, hlc: u64) -> Result<()> {
        sqlx::query("UPDATE clinic_self SET hlc = max(hlc, ?) WHERE id = 1")
            .bind(i64::try_from(hlc).unwrap_or(i64::MAX))
            .execute(conn)
            .await?;
        Ok(())
    }

    /// Stores a roster this vault now trusts. Every member it names on a case keeps the
    /// right to have written to it; cases another coordinator gave this member since the
    /// roster before are marked "new to you".
    pub async fn save_roster(conn: &mut SqliteConnection, roster: &Roster, published: bool) -> Result<()> {
        let before: Option<(Option<String>, String, String)> =
            sqlx::query_as("SELECT roster, member_id, device_id FROM clinic_self WHERE id = 1")
                .fetch_optional(&mut *conn)
                .await?;
        let (old, me, my_device) = match before {
            Some((json, me, device)) => (json.and_then(|j| serde_json::from_str::<Roster>(&j).ok()), me, device),
            None => (None, String::new(), String::new()),
        };
        sqlx::query("UPDATE clinic_self SET roster = ?, roster_seq = ?, roster_published = ? WHERE id = 1")
            .bind(serde_json::to_string(roster).expect("a roster serialises"))
            .bind(roster.seq as i64)
            .bind(published as i64)
            .execute(&mut *conn)
            .await?;
        // A case the previous roster assigned and this one does not (this coordinator's
        // change lost a race) goes back to whoever opened it, if anyone.
        for matter in old.iter().flat_map(|o| o.assignments.keys()).filter(|m| !roster.assignments.contains_key(*m)) {
            sqlx::query("DELETE FROM sync_case_holder WHERE matter_uid = ?").bind(matter).execute(&mut *conn).await?;
            sqlx::query(
                "INSERT OR IGNORE INTO sync_case_holder (matter_uid, member_id, matter_id) \
                 SELECT o.matter_uid, o.member_id, (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = o.matter_uid) \
                 FROM sync_case_owner o WHERE o.matter_uid = ?",
            )
            .bind(matter)
            .execute(&mut *conn)
            .await?;
        }
        for (matter, member) in &roster.assignments {
            if old.as_ref().and_then(|o| o.assignments.get(matter)) != Some(member) {
                sqlx::query(
                    "INSERT OR REPLACE INTO sync_case_holder (matter_uid, member_id, matter_id) VALUES (?1, ?2, \
                     (SELECT local_id FROM sync_ids WHERE entity = 'matter' AND uid = ?1))",
                )
                .bind(matter)
                .bind(member)
                .execute(&mut *conn)
                .await?;
            }
        }
        let cases = roster.assignments.keys().chain(roster.co_assignees.keys());
        for matter in cases.collect::<std::collections::BTreeSet<_>>() {
            let holders = roster.holders(matter);
            let held_before = old.as_ref().map(|o| o.holders(matter)).unwrap_or_default();
            for member in holders.iter().filter(|m| !held_before.contains(m)) {
                let known = super::apply::holds_case(conn, matter, member).await?;
                sqlx::query("INSERT OR IGNORE INTO sync_case_members (matter_uid, member_id) VALUES (?, ?)")
                    .bind(matter)
                    .bind(member)
                    .execute(&mut *conn)
                    .await?;
                if *member == me && roster.signed_by != my_device && !known {
                    sqlx::query(
                        "INSERT INTO sync_new_to_me (matter_uid, assigned_at) VALUES (?, ?) \
                         ON CONFLICT (matter_uid) DO UPDATE SET assigned_at = excluded.assigned_at, seen_at = NULL",
                    )
                    .bind(matter)
                    .bind(&roster.issued_at)
                    .execute(&mut *conn)
                    .await?;
                }
            }
        }
        Ok(())
    }
}

/// A fresh UUIDv7 as text.
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}
