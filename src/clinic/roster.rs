//! The roster: who belongs to the clinic, in what role, with which device keys, and which
//! volunteer each case is assigned to. Signed by a coordinator's device; a vault accepts a
//! newer roster only if a coordinator of the roster it already trusts signed it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::format::{Frame, Kind, VERSION};
use super::keys::{self, DeviceKeys, DevicePublic};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Coordinator,
    Volunteer,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub devices: Vec<DevicePublic>,
    /// When a coordinator removed them; bundles they sign are refused from then on.
    pub removed_at: Option<String>,
    /// A supervising attorney or accredited representative may sign off filings like a
    /// coordinator (absent in rosters written before review existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub supervises_as: Option<Supervisor>,
}

/// Who, besides coordinators, may approve a volunteer's filing (ABA Standard 6.5 review).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Supervisor {
    Attorney,
    AccreditedRepresentative,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub clinic_id: String,
    pub clinic_name: String,
    pub seq: u64,
    pub members: Vec<Member>,
    /// Matter uid → member id of the primary volunteer.
    pub assignments: BTreeMap<String, String>,
    /// Matter uid → members who work the case beside the primary volunteer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub co_assignees: BTreeMap<String, BTreeSet<String>>,
    /// Whether a filing must be approved before it may be marked filed (a clinic setting).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_review: bool,
    /// The coordinator device that signed this version.
    pub signed_by: String,
    pub issued_at: String,
}

impl Roster {
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Everyone assigned to a case: the primary volunteer first, then co-assignees.
    pub fn holders(&self, matter_uid: &str) -> Vec<String> {
        let mut out: Vec<String> = self.assignments.get(matter_uid).into_iter().cloned().collect();
        for m in self.co_assignees.get(matter_uid).into_iter().flatten() {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
        out
    }

    /// Whether an active member may approve filings or ask for changes.
    pub fn is_reviewer(&self, member_id: &str) -> bool {
        self.member(member_id)
            .is_some_and(|m| m.removed_at.is_none() && (m.role == Role::Coordinator || m.supervises_as.is_some()))
    }

    pub fn active(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.removed_at.is_none())
    }

    /// The member and device behind a device id, removed or not.
    pub fn device(&self, device_id: &str) -> Option<(&Member, &DevicePublic)> {
        self.members.iter().find_map(|m| m.devices.iter().find(|d| d.device_id == device_id).map(|d| (m, d)))
    }

    /// A device of an active coordinator.
    pub fn coordinator_device(&self, device_id: &str) -> Option<&DevicePublic> {
        match self.device(device_id) {
            Some((m, d)) if m.role == Role::Coordinator && m.removed_at.is_none() => Some(d),
            _ => None,
        }
    }

    /// The age recipients of every active member's devices (who reads the roster).
    pub fn all_readers(&self) -> BTreeSet<String> {
        self.active().flat_map(|m| m.devices.iter().map(|d| d.age_recipient.clone())).collect()
    }

    pub fn coordinator_readers(&self) -> BTreeSet<String> {
        self.active()
            .filter(|m| m.role == Role::Coordinator)
            .flat_map(|m| m.devices.iter().map(|d| d.age_recipient.clone()))
            .collect()
    }

    pub fn member_readers(&self, member_id: &str) -> BTreeSet<String> {
        self.active()
            .filter(|m| m.id == member_id)
            .flat_map(|m| m.devices.iter().map(|d| d.age_recipient.clone()))
            .collect()
    }

    /// Signs this roster with a coordinator's device: the frame (to be encrypted to all readers).
    pub fn seal(&self, keys: &DeviceKeys) -> Vec<u8> {
        let header = serde_json::to_vec(self).expect("a roster serialises");
        let signature = keys.sign(&Frame::signed_bytes(Kind::Roster, &header));
        Frame { kind: Kind::Roster, version: VERSION, header, signature, payload: Vec::new() }.encode(true)
    }

    /// Parses a roster frame and checks it was signed by one of `trusted` (sign keys, hex).
    pub fn open(frame_bytes: &[u8], trusted: &[String]) -> Result<Roster, String> {
        let frame = Frame::decode(frame_bytes, Kind::Roster)?;
        let roster: Roster =
            serde_json::from_slice(&frame.header).map_err(|e| format!("its content is malformed ({e})"))?;
        let signed = frame.signed();
        let signer = roster.device(&roster.signed_by).map(|(_, d)| d.sign_key.clone());
        let ok = signer.as_ref().is_some_and(|k| trusted.contains(k) && keys::verify(k, &signed, &frame.signature));
        if !ok {
            return Err("it is not signed by a coordinator this vault trusts".into());
        }
        Ok(roster)
    }

    /// The sign keys of active coordinators: who may sign the next roster.
    pub fn coordinator_keys(&self) -> Vec<String> {
        self.active()
            .filter(|m| m.role == Role::Coordinator)
            .flat_map(|m| m.devices.iter().map(|d| d.sign_key.clone()))
            .collect()
    }
}
