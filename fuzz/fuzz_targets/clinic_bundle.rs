//! Bundles, rosters, invitations and join requests come from a shared folder or a bucket
//! that anyone with access can write to: parsing one must never panic, and what parses
//! must encode back to the same frame; the descriptions of documents and checklist marks a
//! bundle carries are checked without panicking.
#![no_main]

use std::sync::OnceLock;

use amparo::clinic::bundle::{read_plain, Changes, Claimed};
use amparo::clinic::format::{Frame, Kind};
use amparo::clinic::keys::DeviceKeys;
use amparo::clinic::roster::{Member, Role, Roster};
use libfuzzer_sys::fuzz_target;

fn roster() -> &'static (Roster, String) {
    static R: OnceLock<(Roster, String)> = OnceLock::new();
    R.get_or_init(|| {
        let keys = DeviceKeys::generate("0190a0a0-0000-7000-8000-00000000000d".into());
        let me = keys.public().age_recipient;
        let roster = Roster {
            clinic_id: "0190a0a0-0000-7000-8000-000000000000".into(),
            clinic_name: "fuzz".into(),
            seq: 1,
            members: vec![Member {
                id: "m".into(),
                name: "m".into(),
                role: Role::Volunteer,
                devices: vec![keys.public()],
                removed_at: None,
                supervises_as: None,
            }],
            assignments: Default::default(),
            co_assignees: Default::default(),
            require_review: false,
            signed_by: keys.device_id.clone(),
            issued_at: String::new(),
        };
        (roster, me)
    })
}

fuzz_target!(|data: &[u8]| {
    for kind in [Kind::Bundle, Kind::Roster, Kind::Invite, Kind::JoinRequest] {
        if let Ok(frame) = Frame::decode(data, kind) {
            assert_eq!(Frame::decode(&frame.encode(false), kind).unwrap(), frame);
        }
    }
    let (roster, me) = roster();
    let claimed = Claimed { device: "0190a0a0-0000-7000-8000-00000000000d", seq: 1, hash: "" };
    let _ = read_plain(data, &claimed, me, roster);
    let _ = Roster::open(data, &[]);
    // What a bundle says of documents and the checklist is checked before anything is
    // applied: the checks must not panic on any text either.
    if let Ok(changes) = serde_json::from_slice::<Changes>(data) {
        for d in &changes.documents {
            let _ = amparo::clinic::documents::check(d);
        }
        for r in &changes.removed_documents {
            let _ = amparo::clinic::documents::check_removed(r);
        }
        let _ = amparo::clinic::checklist::check(&changes.checklist_marks, &changes.clinic_items);
    }
});
