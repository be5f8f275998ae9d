//! A bundle: one device's changes to some cases, signed by the device and then encrypted
//! to exactly the cases' readers. Its object name carries the SHA-256 of its bytes.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::format::{Frame, Kind, VERSION};
use super::keys::{self, DeviceKeys};
use super::merge::Op;
use super::roster::{Role, Roster};
use super::seal::{self, Opened};

/// A version of a note, shared by union (notes are append-only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteVersionItem {
    pub u: String,
    pub note: String,
    pub body: String,
    pub written_at: String,
}

/// An audit entry about a case record, shared by union.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditItem {
    pub u: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_uid: String,
    pub changes: String,
}

/// What a bundle changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default)]
    pub ops: Vec<Op>,
    #[serde(default)]
    pub note_versions: Vec<NoteVersionItem>,
    #[serde(default)]
    pub audit: Vec<AuditItem>,
    /// Documents described; their content is in objects of their own.
    #[serde(default)]
    pub documents: Vec<super::documents::DocumentItem>,
    /// Documents removed as attached by mistake.
    #[serde(default)]
    pub removed_documents: Vec<super::documents::RemovedItem>,
    /// Checklist marks made by hand, and a clinic's own items.
    #[serde(default)]
    pub checklist_marks: Vec<super::checklist::MarkItem>,
    #[serde(default)]
    pub clinic_items: Vec<super::checklist::ClinicItemSync>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
            && self.note_versions.is_empty()
            && self.audit.is_empty()
            && self.documents.is_empty()
            && self.removed_documents.is_empty()
            && self.checklist_marks.is_empty()
            && self.clinic_items.is_empty()
    }
}

/// The signed header: who wrote it, where it sits in their chain, for whom, about what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleHeader {
    pub clinic_id: String,
    pub author_device: String,
    pub author_member: String,
    pub seq: u64,
    /// SHA-256 of the author's previous bundle object (None for the first).
    pub prev: Option<String>,
    pub cases: Vec<String>,
    /// The age recipients it is encrypted to, sorted.
    pub recipients: Vec<String>,
    pub hlc_min: u64,
    pub hlc_max: u64,
    pub changes_len: u64,
    pub changes_sha256: String,
    pub created_at: String,
}

/// A bundle ready to write: its object name and bytes.
pub struct Sealed {
    pub name: String,
    pub bytes: Vec<u8>,
    pub hash: String,
}

pub fn object_name(clinic: &str, device: &str, seq: u64, hash: &str) -> String {
    format!("amparo/{clinic}/d/{device}/{seq:010}-{hash}.age")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Signs, then encrypts. `header.recipients` must already be the readers.
pub fn seal(mut header: BundleHeader, changes: &Changes, keys: &DeviceKeys) -> Result<Sealed, String> {
    let payload = serde_json::to_vec(changes).map_err(|e| e.to_string())?;
    header.changes_len = payload.len() as u64;
    header.changes_sha256 = sha256_hex(&payload);
    header.recipients.sort();
    header.recipients.dedup();
    let (hlc_min, hlc_max) = changes.ops.iter().fold((u64::MAX, 0), |(lo, hi), o| (lo.min(o.h), hi.max(o.h)));
    (header.hlc_min, header.hlc_max) = if changes.ops.is_empty() { (0, 0) } else { (hlc_min, hlc_max) };
    let head = serde_json::to_vec(&header).map_err(|e| e.to_string())?;
    let signature = keys.sign(&Frame::signed_bytes(Kind::Bundle, &head));
    let plain = Frame { kind: Kind::Bundle, version: VERSION, header: head, signature, payload }.encode(true);
    let bytes = seal::encrypt(&header.recipients, &plain)?;
    let hash = sha256_hex(&bytes);
    Ok(Sealed { name: object_name(&header.clinic_id, &header.author_device, header.seq, &hash), bytes, hash })
}

/// What reading a bundle object gave.
pub enum Read {
    NotForMe,
    Bundle(BundleHeader, Changes),
}

/// Where an object sat: the device and sequence number and hash its name claims.
pub struct Claimed<'a> {
    pub device: &'a str,
    pub seq: u64,
    pub hash: &'a str,
}

/// Reads and checks a bundle object against its name, the roster and this device. The error
/// says, for a person, why it was refused.
pub fn open(
    bytes: &[u8],
    claimed: &Claimed<'_>,
    identity: &age::x25519::Identity,
    my_recipient: &str,
    roster: &Roster,
) -> Result<Read, Refusal> {
    if sha256_hex(bytes) != claimed.hash {
        // A file still being copied by a sync tool looks like this: try it again later.
        return Err(Refusal {
            reason: "it is damaged or was changed: its content does not match its name (cut short, or altered)".into(),
            again: true,
        });
    }
    match seal::decrypt(identity, bytes).map_err(Refusal::final_)? {
        Opened::NotForMe => Ok(Read::NotForMe),
        Opened::Plain(plain) => read_plain(&plain, claimed, my_recipient, roster).map_err(|reason| Refusal {
            // A member admitted after this vault's roster: wait for the roster to arrive;
            // a newer Amparo's bundle: wait for this one to be updated.
            again: reason == STRANGER || reason.starts_with(super::format::NEWER),
            reason,
        }),
    }
}

/// Why a bundle was not used: for good, or `again` (tried at each sync until it can be).
#[derive(Debug)]
pub struct Refusal {
    pub reason: String,
    pub again: bool,
}

impl Refusal {
    fn final_(reason: String) -> Refusal {
        Refusal { reason, again: false }
    }
}

const STRANGER: &str = "it is signed by a device that is not in the clinic's roster (a stranger, or a member admitted after this laptop's copy of the roster)";

/// Checks a decrypted bundle: its frame, signature, author, place in the chain, readers
/// and changes. Separate from decryption so that it can be fuzzed.
pub fn read_plain(plain: &[u8], claimed: &Claimed<'_>, my_recipient: &str, roster: &Roster) -> Result<Read, String> {
    let frame = Frame::decode(plain, Kind::Bundle)?;
    let header: BundleHeader =
        serde_json::from_slice(&frame.header).map_err(|e| format!("its header is malformed ({e})"))?;
    if header.clinic_id != roster.clinic_id {
        return Err("it belongs to another clinic".into());
    }
    let Some((member, device)) = roster.device(&header.author_device) else {
        return Err(STRANGER.into());
    };
    if !keys::verify(&device.sign_key, &frame.signed(), &frame.signature) {
        return Err(format!("its signature is not {}'s: it was forged or altered", member.name));
    }
    if let Some(when) = &member.removed_at {
        return Err(format!("it is signed by {}, who was removed from the clinic on {when}", member.name));
    }
    if member.id != header.author_member {
        return Err("its author and device disagree".into());
    }
    if header.author_device != claimed.device || header.seq != claimed.seq {
        return Err("it was moved: its name and its signed content disagree on author or number (a replay)".into());
    }
    if !header.recipients.iter().any(|r| r == my_recipient) {
        return Err("it is addressed to someone else (it was re-encrypted to this device by another reader)".into());
    }
    if header.changes_len != frame.payload.len() as u64 || sha256_hex(&frame.payload) != header.changes_sha256 {
        return Err("its changes do not match its signed summary".into());
    }
    let changes: Changes =
        serde_json::from_slice(&frame.payload).map_err(|e| format!("its changes are malformed ({e})"))?;
    // Only a coordinator relays other devices' writes (when handing a case over).
    if member.role == Role::Volunteer && changes.ops.iter().any(|o| o.d != header.author_device || o.m != member.id) {
        return Err(format!("it carries writes {} did not make", member.name));
    }
    Ok(Read::Bundle(header, changes))
}
