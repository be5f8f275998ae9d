//! Creating a clinic, inviting, joining, admitting, removing and assigning: everything that
//! changes who belongs and who reads which case. The roster changes here; it travels at
//! the next sync.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::format::{Frame, Kind, VERSION};
use super::keys::{self, DeviceKeys, DevicePublic};
use super::roster::{Member, Role, Roster};
use super::state::{new_uid, Me};
use super::ClinicError;
use crate::error::Result;
use crate::store::{audit, now, Store};

/// What an invitation carries: the clinic and the inviting coordinator's public keys.
#[derive(Serialize, Deserialize)]
struct Invite {
    clinic_id: String,
    clinic_name: String,
    coordinator_name: String,
    coordinator: DevicePublic,
    issued_at: String,
}

/// What a volunteer sends back.
#[derive(Serialize, Deserialize)]
struct JoinRequest {
    clinic_id: String,
    member_id: String,
    name: String,
    device: DevicePublic,
    /// The inviting coordinator's sign key, so they know which invitation this answers.
    invited_by: String,
    issued_at: String,
}

/// A clinic as this vault sees it.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClinicStatus {
    pub clinic_id: String,
    pub clinic_name: String,
    pub member_id: String,
    pub member_name: String,
    pub device_id: String,
    /// None until a coordinator has admitted this vault and its roster has arrived.
    pub role: Option<Role>,
    pub roster_seq: i64,
    pub members: Vec<Member>,
    /// (matter uid, member id) of each assigned case.
    pub assignments: Vec<(String, String)>,
    pub remote: Option<String>,
    pub last_sync: Option<String>,
    /// Until a coordinator admits this vault: the words to compare with their screen.
    pub pairing_words: Option<String>,
    /// Whether filings must be approved before they are marked filed.
    pub require_review: bool,
    /// Whether this member may approve filings (coordinator or supervisor).
    pub reviewer: bool,
}

/// A volunteer's join request and the words both sides compare.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JoinOutcome {
    pub clinic_name: String,
    pub fingerprint: String,
    #[serde(skip)]
    #[ts(skip)]
    pub request: Vec<u8>,
}

fn signed_frame<T: Serialize>(kind: Kind, body: &T, keys: &DeviceKeys) -> Vec<u8> {
    let header = serde_json::to_vec(body).expect("serialises");
    let signature = keys.sign(&Frame::signed_bytes(kind, &header));
    Frame { kind, version: VERSION, header, signature, payload: Vec::new() }.encode(false)
}

/// Parses a self-signed invitation or request; `key` picks the signing key out of it.
fn open_frame<T: for<'de> Deserialize<'de>>(bytes: &[u8], kind: Kind, key: impl Fn(&T) -> &str) -> Result<T> {
    let what = match kind {
        Kind::Invite => "This invitation",
        _ => "This join request",
    };
    let bad = |detail: String| ClinicError::BadFile { what, detail };
    let frame = Frame::decode(bytes, kind).map_err(bad)?;
    let body: T = serde_json::from_slice(&frame.header).map_err(|e| bad(format!("its content is malformed ({e})")))?;
    if !keys::verify(key(&body), &frame.signed(), &frame.signature) {
        return Err(bad("its signature does not match its content (it was changed after it was made)".into()).into());
    }
    Ok(body)
}

async fn insert_self(
    conn: &mut SqliteConnection,
    clinic_id: &str,
    clinic_name: &str,
    member_id: &str,
    member_name: &str,
    keys: &DeviceKeys,
    pinned: &str,
    inviter: Option<&DevicePublic>,
) -> Result<()> {
    let (sign, age) = keys.stored();
    sqlx::query(
        "INSERT INTO clinic_self (id, clinic_id, clinic_name, member_id, member_name, device_id, signing_key, \
         age_identity, pinned_key, inviter) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(clinic_id)
    .bind(clinic_name)
    .bind(member_id)
    .bind(member_name)
    .bind(&keys.device_id)
    .bind(sign.as_str())
    .bind(age.as_str())
    .bind(pinned)
    .bind(inviter.map(|d| serde_json::to_string(d).expect("serialises")))
    .execute(&mut *conn)
    .await?;
    // Everything already in the vault goes out at the first sync.
    for (entity, table) in [
        ("client", "clients"),
        ("matter", "matters"),
        ("deadline", "deadlines"),
        ("hearing", "hearings"),
        ("filing", "filings"),
        ("appointment", "appointments"),
        ("custody_period", "custody_periods"),
        ("note", "notes"),
        ("note_version", "note_versions"),
        ("audit", "audit_log"),
    ] {
        sqlx::query(&format!("INSERT OR IGNORE INTO sync_dirty (entity, local_id) SELECT '{entity}', id FROM {table}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn refuse_second_clinic(conn: &mut SqliteConnection) -> Result<()> {
    if Me::exists(conn).await? {
        let me = Me::load(conn).await?;
        return Err(ClinicError::AlreadyInClinic(me.row.clinic_name).into());
    }
    Ok(())
}

impl Store {
    /// Creates a clinic with this vault's user as its first coordinator.
    pub async fn clinic_create(&self, clinic_name: &str, member_name: &str) -> Result<ClinicStatus> {
        let clinic_name = clean_name(clinic_name, "clinic_name")?;
        let member_name = clean_name(member_name, "member_name")?;
        let mut tx = self.pool().begin().await?;
        refuse_second_clinic(&mut tx).await?;
        let keys = DeviceKeys::generate(new_uid());
        let (clinic_id, member_id) = (new_uid(), new_uid());
        insert_self(&mut tx, &clinic_id, &clinic_name, &member_id, &member_name, &keys, &keys.public().sign_key, None)
            .await?;
        let roster = Roster {
            clinic_id: clinic_id.clone(),
            clinic_name: clinic_name.clone(),
            seq: 1,
            members: vec![Member {
                id: member_id,
                name: member_name,
                role: Role::Coordinator,
                devices: vec![keys.public()],
                removed_at: None,
                supervises_as: None,
            }],
            assignments: Default::default(),
            co_assignees: Default::default(),
            require_review: false,
            signed_by: keys.device_id.clone(),
            issued_at: now(),
        };
        Me::save_roster(&mut tx, &roster, false).await?;
        sqlx::query("UPDATE clinic_self SET joined = 1 WHERE id = 1").execute(&mut *tx).await?;
        audit::record(&mut tx, self.actor(), "create", "clinic", None, serde_json::json!({ "name": clinic_name }))
            .await?;
        tx.commit().await?;
        self.clinic_status().await
    }

    /// An invitation file for a new volunteer (public keys only: not secret, but hand it
    /// over in person or over a channel you trust, and compare the words).
    pub async fn clinic_invite(&self) -> Result<Vec<u8>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        me.require_coordinator()?;
        let invite = Invite {
            clinic_id: me.row.clinic_id.clone(),
            clinic_name: me.row.clinic_name.clone(),
            coordinator_name: me.row.member_name.clone(),
            coordinator: me.keys.public(),
            issued_at: now(),
        };
        Ok(signed_frame(Kind::Invite, &invite, &me.keys))
    }

    /// Joins the clinic an invitation names: pins its coordinator's key and returns the
    /// request to hand back, with the words to compare.
    pub async fn clinic_join(&self, invitation: &[u8], member_name: &str) -> Result<JoinOutcome> {
        let member_name = clean_name(member_name, "member_name")?;
        let invite: Invite = open_frame(invitation, Kind::Invite, |i: &Invite| i.coordinator.sign_key.as_str())?;
        let mut tx = self.pool().begin().await?;
        refuse_second_clinic(&mut tx).await?;
        let keys = DeviceKeys::generate(new_uid());
        let member_id = new_uid();
        insert_self(
            &mut tx,
            &invite.clinic_id,
            &invite.clinic_name,
            &member_id,
            &member_name,
            &keys,
            &invite.coordinator.sign_key,
            Some(&invite.coordinator),
        )
        .await?;
        let request = JoinRequest {
            clinic_id: invite.clinic_id.clone(),
            member_id,
            name: member_name,
            device: keys.public(),
            invited_by: invite.coordinator.sign_key.clone(),
            issued_at: now(),
        };
        audit::record(&mut tx, self.actor(), "join", "clinic", None, serde_json::json!({ "name": invite.clinic_name }))
            .await?;
        tx.commit().await?;
        Ok(JoinOutcome {
            clinic_name: invite.clinic_name,
            fingerprint: keys::pairing_words(&invite.coordinator, &keys.public()),
            request: signed_frame(Kind::JoinRequest, &request, &keys),
        })
    }

    /// The words a coordinator compares with the volunteer's screen before admitting.
    pub async fn clinic_request_words(&self, request: &[u8]) -> Result<(String, String)> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let req = self.check_request(&me, request)?;
        Ok((req.name.clone(), keys::pairing_words(&me.keys.public(), &req.device)))
    }

    fn check_request(&self, me: &Me, request: &[u8]) -> Result<JoinRequest> {
        me.require_coordinator()?;
        let req: JoinRequest = open_frame(request, Kind::JoinRequest, |r: &JoinRequest| r.device.sign_key.as_str())?;
        let bad = |detail: &str| ClinicError::BadFile { what: "This join request", detail: detail.to_string() };
        if req.clinic_id != me.row.clinic_id {
            return Err(bad("it answers another clinic's invitation").into());
        }
        if req.invited_by != me.keys.public().sign_key {
            return Err(bad("it answers an invitation made on another coordinator's laptop; admit it there").into());
        }
        Ok(req)
    }

    /// Admits the volunteer (or coordinator) behind a join request, once the words matched.
    pub async fn clinic_admit(&self, request: &[u8], words: &str, role: Role) -> Result<Member> {
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        let req = self.check_request(&me, request)?;
        if !keys::same_words(words, &keys::pairing_words(&me.keys.public(), &req.device)) {
            return Err(ClinicError::FingerprintMismatch.into());
        }
        let mut roster = me.require_coordinator()?.clone();
        if roster
            .members
            .iter()
            .any(|m| m.id == req.member_id || m.devices.iter().any(|d| d.device_id == req.device.device_id))
        {
            return Err(
                ClinicError::BadFile { what: "This join request", detail: "it was already admitted".into() }.into()
            );
        }
        let member = Member {
            id: req.member_id,
            name: clean_name(&req.name, "member_name")?,
            role,
            devices: vec![req.device],
            removed_at: None,
            supervises_as: None,
        };
        roster.members.push(member.clone());
        self.publish_roster(&mut tx, &me, roster).await?;
        audit::record(
            &mut tx,
            self.actor(),
            "admit",
            "clinic",
            None,
            serde_json::json!({ "member": member.name, "role": role }),
        )
        .await?;
        tx.commit().await?;
        Ok(member)
    }

    /// Removes a member: no new bundle is encrypted to them, and their new bundles are refused.
    pub async fn clinic_remove(&self, who: &str) -> Result<Member> {
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        let mut roster = me.require_coordinator()?.clone();
        let id = find_member(&roster, who)?.id.clone();
        if id == me.row.member_id {
            return Err(invalid(
                "member",
                crate::tr!(
                    "You cannot remove yourself. Another coordinator can.",
                    "No puede darse de baja a sí mismo/a. Otra persona coordinadora puede hacerlo."
                ),
            ));
        }
        let member = roster.members.iter_mut().find(|m| m.id == id).expect("found above");
        member.removed_at = Some(now());
        let removed = member.clone();
        self.publish_roster(&mut tx, &me, roster).await?;
        audit::record(&mut tx, self.actor(), "remove", "clinic", None, serde_json::json!({ "member": removed.name }))
            .await?;
        tx.commit().await?;
        Ok(removed)
    }

    /// Changes the roster as a coordinator, publishes it, and audits the change.
    pub(crate) async fn change_roster<F>(&self, action: &str, change: F) -> Result<()>
    where
        F: FnOnce(&mut Roster) -> Result<serde_json::Value>,
    {
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        let mut roster = me.require_coordinator()?.clone();
        let detail = change(&mut roster)?;
        self.publish_roster(&mut tx, &me, roster).await?;
        audit::record(&mut tx, self.actor(), action, "clinic", None, detail).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn publish_roster(&self, conn: &mut SqliteConnection, me: &Me, mut roster: Roster) -> Result<()> {
        roster.seq += 1;
        roster.signed_by = me.row.device_id.clone();
        roster.issued_at = now();
        Me::save_roster(conn, &roster, false).await
    }

    /// A member of this vault's roster by id or name (as `find_member` resolves it).
    pub async fn clinic_member(&self, who: &str) -> Result<Member> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let roster = me.roster.as_ref().ok_or(ClinicError::NotInClinic)?;
        Ok(find_member(roster, who)?.clone())
    }

    /// This vault's clinic, or None if it has none.
    pub async fn clinic_status(&self) -> Result<ClinicStatus> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let role = me.role();
        let inviter: Option<DevicePublic> = me.row.inviter.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let pairing_words = match (role, inviter) {
            (None, Some(inviter)) => Some(keys::pairing_words(&inviter, &me.keys.public())),
            _ => None,
        };
        let reviewer = me.roster.as_ref().is_some_and(|r| r.is_reviewer(&me.row.member_id));
        let require_review = me.roster.as_ref().is_some_and(|r| r.require_review);
        let (members, assignments) = match me.roster {
            Some(r) => (r.members, r.assignments.into_iter().collect()),
            None => (Vec::new(), Vec::new()),
        };
        Ok(ClinicStatus {
            clinic_id: me.row.clinic_id,
            clinic_name: me.row.clinic_name,
            member_id: me.row.member_id,
            member_name: me.row.member_name,
            device_id: me.row.device_id,
            role,
            roster_seq: me.row.roster_seq,
            members,
            assignments,
            remote: me.row.remote,
            last_sync: me.row.last_sync,
            pairing_words,
            require_review,
            reviewer,
        })
    }

    /// Whether this vault belongs to a clinic.
    pub async fn in_clinic(&self) -> Result<bool> {
        let mut conn = self.pool().acquire().await?;
        Me::exists(&mut conn).await
    }
}

/// Reads an invitation or join request file (small by nature: a larger one is refused).
pub fn read_clinic_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| crate::Error::io(path, e))?;
    if meta.len() > 1 << 20 {
        return Err(crate::Error::Conflict(format!(
            "{} is too large to be a clinic invitation or request.",
            path.display()
        )));
    }
    std::fs::read(path).map_err(|e| crate::Error::io(path, e))
}

/// Writes an invitation or join request to a new file; an existing file is never replaced.
pub fn write_clinic_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| crate::Error::io(path, e))?;
    f.write_all(bytes).map_err(|e| crate::Error::io(path, e))
}

pub(crate) fn find_member<'a>(roster: &'a Roster, who: &str) -> Result<&'a Member> {
    let who_l = who.trim().to_lowercase();
    let by_id = roster.members.iter().find(|m| m.id == who.trim());
    let mut by_name = roster.members.iter().filter(|m| m.name.to_lowercase() == who_l);
    match (by_id, by_name.next(), by_name.next()) {
        (Some(m), _, _) => Ok(m),
        (None, Some(m), None) => Ok(m),
        (None, Some(_), Some(_)) => Err(invalid(
            "member",
            crate::tr!(
                "Two members are called \"{who}\". Use the member's id (shown in the list of members).",
                "Dos miembros se llaman «{who}». Use el identificador del miembro (en la lista de miembros)."
            ),
        )),
        _ => Err(ClinicError::UnknownMember(who.to_string()).into()),
    }
}

/// A name for the clinic or a member: 1 to 120 characters on one line.
fn clean_name(name: &str, field: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(invalid(
            field,
            crate::tr!(
                "Give a name of 1 to 120 characters, on one line.",
                "Escriba un nombre de 1 a 120 caracteres, en una sola línea."
            ),
        ));
    }
    Ok(name.to_string())
}

fn invalid(field: &str, message: crate::text::Text) -> crate::Error {
    crate::Error::Invalid(crate::model::ValidationError::one(field, message))
}
