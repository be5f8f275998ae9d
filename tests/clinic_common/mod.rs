//! Three vaults in one clinic, and the scenarios every remote must pass.
#![allow(dead_code)]

use std::path::Path;

use amparo::clinic::bundle::{self, BundleHeader, Changes};
use amparo::clinic::conflicts::Keep;
use amparo::clinic::keys::DeviceKeys;
use amparo::clinic::remote::Remote;
use amparo::clinic::{Role, SyncReport};
use amparo::model::{ClientInput, DeadlineInput, HearingInput, MatterInput, NoteSubject};
use amparo::{Store, Vault};

use crate::common;

pub mod documents;

pub struct Laptop {
    pub _dir: tempfile::TempDir,
    pub vault: Vault,
    pub store: Store,
}

pub async fn laptop(name: &str) -> Laptop {
    let (dir, path) = common::temp_vault_path();
    let vault = common::create(&path).await;
    let store = Store::new(vault.pool().clone(), name);
    Laptop { _dir: dir, vault, store }
}

/// A coordinator and two volunteers, enrolled by comparing words, rosters synced.
pub struct Clinic {
    pub coord: Laptop,
    pub v1: Laptop,
    pub v2: Laptop,
    pub remote: String,
}

pub async fn sync(l: &Laptop, remote: &str) -> SyncReport {
    let r = Remote::open(remote, None).unwrap();
    l.store.sync(&r).await.unwrap_or_else(|e| panic!("sync of {}: {e}", l.store.actor_name()))
}

pub async fn enroll(remote: &str, volunteers_role: Role) -> Clinic {
    let coord = laptop("Carla Coordinator").await;
    let v1 = laptop("Vera Volunteer").await;
    let v2 = laptop("Victor Volunteer").await;
    coord.store.clinic_create("Clínica Amparo Test", "Carla Coordinator").await.unwrap();
    for v in [&v1, &v2] {
        let invite = coord.store.clinic_invite().await.unwrap();
        let joined = v.store.clinic_join(&invite, v.store.actor_name()).await.unwrap();
        // Until admitted, the vault shows the same words again (and none after).
        assert_eq!(v.store.clinic_status().await.unwrap().pairing_words.as_deref(), Some(joined.fingerprint.as_str()));
        let (name, words) = coord.store.clinic_request_words(&joined.request).await.unwrap();
        assert_eq!(name, v.store.actor_name());
        assert_eq!(words, joined.fingerprint, "both screens show the same words");
        // Words that do not match admit no one.
        let wrong =
            coord.store.clinic_admit(&joined.request, "apple banana cherry door eagle fork", volunteers_role).await;
        assert_eq!(wrong.unwrap_err().code(), "fingerprint_mismatch");
        coord.store.clinic_admit(&joined.request, &joined.fingerprint.to_uppercase(), volunteers_role).await.unwrap();
    }
    let c = Clinic { coord, v1, v2, remote: remote.to_string() };
    c.round().await;
    for l in [&c.coord, &c.v1, &c.v2] {
        let s = l.store.clinic_status().await.unwrap();
        assert_eq!(s.members.len(), 3, "{} sees the whole roster", l.store.actor_name());
        assert!(s.role.is_some());
        assert_eq!(s.pairing_words, None);
    }
    c
}

impl Clinic {
    /// Locks the three vaults. A vault only dropped leaves its connection closing on
    /// SQLite's thread, and a test process exiting meanwhile can crash in the crypto
    /// library's exit handlers (seen once in five runs).
    pub async fn close(self) {
        for l in [self.coord, self.v1, self.v2] {
            l.vault.lock().await;
        }
    }

    /// Two rounds: whatever any laptop wrote has reached every other.
    pub async fn settle(&self) {
        self.round().await;
        self.round().await;
    }

    pub async fn round(&self) {
        for l in [&self.coord, &self.v1, &self.v2] {
            let r = sync(l, &self.remote).await;
            assert!(r.refused.is_empty(), "{}: {:?}", l.store.actor_name(), r.refused);
        }
    }
}

pub const NAME: &str = "Quokkafish";
pub const NOTE: &str = "Persecuted for organising the Zyxwvut cooperative";

pub async fn open_case(s: &Store, family: &str, a_number: Option<&str>) -> (i64, i64, i64, i64, i64) {
    let c = s
        .add_client(&ClientInput {
            given_name: "Marisol".into(),
            family_name: family.into(),
            a_number: a_number.map(str::to_string),
            ..Default::default()
        })
        .await
        .unwrap();
    let m = s
        .add_matter(&MatterInput {
            client_id: c.id,
            kind: "defensive_asylum".into(),
            forum: "immigration_court".into(),
            court_name: Some("Baltimore Immigration Court".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let h = s
        .add_hearing(&HearingInput {
            matter_id: m.id,
            kind: "master_calendar".into(),
            starts_at: "2027-03-10 09:00".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let d = s
        .add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "File I-589".into(),
            due_on: "2027-02-01".into(),
            manual_reason: Some("IJ order".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    // A deadline computed by a rule: its explanation and rule-table version travel with it.
    s.add_deadline(&DeadlineInput {
        matter_id: m.id,
        title: "BIA appeal".into(),
        rule_id: Some("bia-appeal".into()),
        trigger_on: Some("2026-05-20".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let n = s.add_note(NoteSubject::Matter(m.id), NOTE).await.unwrap();
    s.edit_note(n.id, &format!("{NOTE}; second interview planned")).await.unwrap();
    (c.id, m.id, h.id, d.id, n.id)
}

pub async fn client_id_by_name(s: &Store, family: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT id FROM clients WHERE family_name = ?")
        .bind(family)
        .fetch_optional(s.pool())
        .await
        .unwrap()
}

pub async fn scalar(s: &Store, sql: &str, id: i64) -> String {
    sqlx::query_scalar(sql).bind(id).fetch_one(s.pool()).await.unwrap()
}

pub async fn scenario_enroll_share_handoff(remote: &str, scan_dir: Option<&Path>) {
    let c = enroll(remote, Role::Volunteer).await;
    let (_, m1, _, _, _) = open_case(&c.v1.store, NAME, Some("A123456789")).await;
    let r = sync(&c.v1, remote).await;
    assert!(r.sent_bundles >= 1 && r.sent_changes > 20, "{r:?}");

    let r = sync(&c.coord, remote).await;
    assert_eq!(r.applied.records_created, 6, "client, matter, two deadlines, hearing, note: {r:?}");
    assert_eq!(r.applied.notes_added, 2, "both versions of the note: {r:?}");
    let cid = client_id_by_name(&c.coord.store, NAME).await.expect("the client reached the coordinator");
    let matters = c.coord.store.list_matters(Some(cid)).await.unwrap();
    assert_eq!(matters.len(), 1);
    let m = matters[0].id;
    let h = c.coord.store.hearings_for(m).await.unwrap();
    assert_eq!(h[0].fields.starts_at.to_string(), "2027-03-10 09:00:00");
    let ds = c.coord.store.deadlines_for(m, Store::today()).await.unwrap();
    assert_eq!(ds.len(), 2);
    let explained = "SELECT due_on || '|' || explanation || '|' || explanation_es || '|' || rule_version FROM deadlines WHERE rule_id = 'bia-appeal' AND ? > 0";
    let theirs = scalar(&c.v1.store, explained, 1).await;
    assert_eq!(
        scalar(&c.coord.store, explained, 1).await,
        theirs,
        "the rule's date, explanations and version arrive as computed"
    );
    assert!(theirs.starts_with("2026-06-22|"), "{theirs}");
    let notes = c.coord.store.notes_for(NoteSubject::Matter(m)).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(c.coord.store.note_history(notes[0].id).await.unwrap().len(), 2, "both note versions arrived");
    assert!(!c.coord.store.audit_for("client", cid).await.unwrap().is_empty(), "the audit history arrived");
    assert_eq!(
        c.coord.store.search_clients("quokka", 10).await.unwrap().len(),
        1,
        "the search index knows the new client"
    );

    // The coordinator's board puts the case on volunteer 1's row, counted as of 2027-03-01.
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let board = c.coord.store.caseload(day, &Default::default()).await.unwrap();
    let row = |board: &[amparo::clinic::caseload::CaseloadRow], name: &str| {
        board.iter().find(|r| r.name == name).cloned().unwrap()
    };
    let vera = row(&board, "Vera Volunteer");
    // The case was last touched today: stale for 90 days on `day` only while today is at
    // least 90 days before it (this test first ran in November 2026).
    let stale_90 = (Store::today() + chrono::Duration::days(90) <= day) as i64;
    assert_eq!((vera.open_matters, vera.hearings_14d, vera.overdue, vera.stale_90d), (1, 1, 2, stale_90), "{vera:?}");
    let later = Store::today() + chrono::Duration::days(91);
    let untouched = row(&c.coord.store.caseload(later, &Default::default()).await.unwrap(), "Vera Volunteer");
    assert_eq!((untouched.stale_60d, untouched.stale_90d), (1, 1), "91 days untouched: {untouched:?}");
    assert!(vera.last_heard.is_some());
    assert_eq!(row(&board, "Victor Volunteer").open_matters, 0);
    assert_eq!(c.v1.store.caseload(day, &Default::default()).await.unwrap_err().code(), "not_coordinator");

    // Volunteer 2 holds nothing of volunteer 1's case.
    let r = sync(&c.v2, remote).await;
    assert!(r.not_for_me >= 1, "{r:?}");
    assert_eq!(client_id_by_name(&c.v2.store, NAME).await, None);

    // Hand the case to volunteer 2: it arrives with its history.
    c.coord.store.matter_assign(m, &assign_to("Victor Volunteer")).await.unwrap();
    sync(&c.coord, remote).await;
    sync(&c.v2, remote).await;
    let cid2 = client_id_by_name(&c.v2.store, NAME).await.expect("the case reached its new volunteer");
    let board = c.coord.store.caseload(day, &Default::default()).await.unwrap();
    assert_eq!((row(&board, "Vera Volunteer").open_matters, row(&board, "Victor Volunteer").open_matters), (0, 1));
    let m2 = c.v2.store.list_matters(Some(cid2)).await.unwrap()[0].id;
    let notes2 = c.v2.store.notes_for(NoteSubject::Matter(m2)).await.unwrap();
    assert_eq!(c.v2.store.note_history(notes2[0].id).await.unwrap().len(), 2);
    assert_eq!(c.v2.store.hearings_for(m2).await.unwrap().len(), 1);

    // And stops reaching volunteer 1: the coordinator's next change is not for them.
    sync(&c.v1, remote).await;
    let hid = c.coord.store.hearings_for(m).await.unwrap()[0].id;
    let moved = HearingInput {
        matter_id: m,
        kind: "master_calendar".into(),
        starts_at: "2027-04-20 13:30".into(),
        ..Default::default()
    };
    c.coord.store.update_hearing(hid, &moved).await.unwrap();
    sync(&c.coord, remote).await;
    let r1 = sync(&c.v1, remote).await;
    assert_eq!(r1.received_bundles, 0, "{r1:?}");
    let h1 = c.v1.store.hearings_for(m1).await.unwrap();
    assert_eq!(h1[0].fields.starts_at.to_string(), "2027-03-10 09:00:00", "volunteer 1 no longer receives the case");
    sync(&c.v2, remote).await;
    assert_eq!(c.v2.store.hearings_for(m2).await.unwrap()[0].fields.starts_at.to_string(), "2027-04-20 13:30:00");

    // The remote holds only ciphertext, under names that say nothing of the client.
    if let Some(dir) = scan_dir {
        assert_no_plaintext(dir);
    }
    c.close().await;
}

pub fn assert_no_plaintext(dir: &Path) {
    let files = common::walk(dir);
    assert!(files.len() >= 5, "the remote holds the bundles ({} files)", files.len());
    for needle in [NAME, "Marisol", "Zyxwvut", "123456789", "Baltimore", "Vera Volunteer", "Clínica"] {
        assert_eq!(common::count_in_files(dir, needle.as_bytes()), 0, "{needle} in plaintext in the remote");
        let utf16: Vec<u8> = needle.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(common::count_in_files(dir, &utf16), 0, "{needle} (UTF-16) in the remote");
        for f in &files {
            assert!(!f.to_string_lossy().contains(needle), "{needle} in an object name: {}", f.display());
        }
    }
}

pub async fn scenario_conflicts(remote: &str) {
    let c = enroll(remote, Role::Volunteer).await;
    let (_, _, h1, d1, _) = open_case(&c.v1.store, NAME, None).await;
    sync(&c.v1, remote).await;
    sync(&c.coord, remote).await;
    let cid = client_id_by_name(&c.coord.store, NAME).await.unwrap();
    let m = c.coord.store.list_matters(Some(cid)).await.unwrap()[0].id;
    let hc = c.coord.store.hearings_for(m).await.unwrap()[0].id;
    let dc: i64 = sqlx::query_scalar("SELECT id FROM deadlines WHERE matter_id = ? AND rule_id IS NULL")
        .bind(m)
        .fetch_one(c.coord.store.pool())
        .await
        .unwrap();

    // Both change the hearing date, and the deadline date, before either syncs.
    let hearing = |mid: i64, at: &str| HearingInput {
        matter_id: mid,
        kind: "master_calendar".into(),
        starts_at: at.into(),
        ..Default::default()
    };
    let m1: i64 = sqlx::query_scalar("SELECT matter_id FROM hearings WHERE id = ?")
        .bind(h1)
        .fetch_one(c.v1.store.pool())
        .await
        .unwrap();
    c.v1.store.update_hearing(h1, &hearing(m1, "2027-05-02 09:00")).await.unwrap();
    c.coord.store.update_hearing(hc, &hearing(m, "2027-04-28 10:00")).await.unwrap();
    c.v1.store.set_deadline_date(d1, "2027-02-10", "order amended").await.unwrap();
    c.coord.store.set_deadline_date(dc, "2027-02-20", "clerk's letter").await.unwrap();
    // A field nobody settles (the judge) just takes the later write.
    sync(&c.v1, remote).await;
    sync(&c.coord, remote).await;
    sync(&c.v1, remote).await;

    for (l, h, d) in [(&c.v1, h1, d1), (&c.coord, hc, dc)] {
        let conflicts = l.store.conflicts().await.unwrap();
        let fields: Vec<&str> = conflicts.iter().map(|x| x.field.as_str()).collect();
        assert!(fields.contains(&"starts_at") && fields.contains(&"due_on"), "{}: {fields:?}", l.store.actor_name());
        // Until settled, the earlier date shows, on every laptop.
        assert_eq!(scalar(&l.store, "SELECT starts_at FROM hearings WHERE id = ?", h).await, "2027-04-28 10:00:00");
        assert_eq!(scalar(&l.store, "SELECT due_on FROM deadlines WHERE id = ?", d).await, "2027-02-10");
        let sc = conflicts.iter().find(|x| x.field == "starts_at").unwrap();
        assert_eq!(sc.sides.len(), 2);
        assert!(sc.sides.iter().any(|s| s.mine) && sc.sides.iter().any(|s| !s.mine));
        assert!(sc.sides.iter().any(|s| s.member == "Vera Volunteer"));
    }

    // The coordinator settles both; the volunteer's laptop follows.
    let list = c.coord.store.conflicts().await.unwrap();
    let hearing_conflict = list.iter().find(|x| x.field == "starts_at").unwrap().id;
    let due_conflict = list.iter().find(|x| x.field == "due_on").unwrap().id;
    assert_eq!(
        c.coord.store.resolve_conflict(due_conflict, &Keep::Value("31/02/2027".into())).await.unwrap_err().code(),
        "invalid_input"
    );
    // A conflict another laptop does not have cannot be settled there.
    let elsewhere = c.v2.store.resolve_conflict(due_conflict, &Keep::Mine).await.unwrap_err();
    assert_eq!(elsewhere.code(), "no_conflict", "{elsewhere}");
    c.coord.store.resolve_conflict(hearing_conflict, &Keep::Theirs).await.unwrap();
    c.coord.store.resolve_conflict(due_conflict, &Keep::Value("2027-02-15".into())).await.unwrap();
    assert!(c.coord.store.conflicts().await.unwrap().is_empty());
    sync(&c.coord, remote).await;
    sync(&c.v1, remote).await;
    assert!(c.v1.store.conflicts().await.unwrap().is_empty(), "settled everywhere");
    for (l, h, d) in [(&c.v1, h1, d1), (&c.coord, hc, dc)] {
        assert_eq!(scalar(&l.store, "SELECT starts_at FROM hearings WHERE id = ?", h).await, "2027-05-02 09:00:00");
        assert_eq!(scalar(&l.store, "SELECT due_on FROM deadlines WHERE id = ?", d).await, "2027-02-15");
    }
    c.close().await;
}

pub async fn scenario_duplicates(remote: &str) {
    let c = enroll(remote, Role::Volunteer).await;
    open_case(&c.v1.store, "Duplicado", Some("987654321")).await;
    open_case(&c.v2.store, "Duplicada", Some("987654321")).await;
    sync(&c.v1, remote).await;
    sync(&c.v2, remote).await;
    let r = sync(&c.coord, remote).await;
    assert!(r.refused.is_empty() && r.waiting.is_empty(), "{r:?}");
    assert_eq!(r.applied.possible_duplicates, 1, "{r:?}");
    let alerts = c.coord.store.clinic_alerts().await.unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind, "possible_duplicate");
    assert_eq!(alerts[0].clients.len(), 2, "{alerts:?}");
    assert_eq!(alerts[0].a_number.as_deref(), Some("987654321"));
    assert!(client_id_by_name(&c.coord.store, "Duplicado").await.is_some());
    assert!(client_id_by_name(&c.coord.store, "Duplicada").await.is_some());
    let board = c.coord.store.caseload(Store::today(), &Default::default()).await.unwrap();
    for name in ["Vera Volunteer", "Victor Volunteer"] {
        let r = board.iter().find(|r| r.name == name).unwrap();
        assert_eq!(r.possible_duplicates, 1, "{name}: {r:?}");
    }
    // Across the clinic, the coordinator's check finds both volunteers' clients.
    let q = amparo::store::similar::SimilarQuery { name: "Marisol Duplicada".into(), ..Default::default() };
    let similar = c.coord.store.similar_clients(&q, 10).await.unwrap();
    assert_eq!(similar.len(), 2, "{similar:?}");
    assert_eq!(c.v1.store.similar_clients(&q, 10).await.unwrap().len(), 1, "a volunteer sees only their own");
    c.close().await;
}

/// Every way a bundle can be bad: each is refused with its reason and changes nothing.
/// Writes an object straight into the remote, as an attacker with access to it would.
async fn plant(remote: &str, name: &str, bytes: &[u8]) {
    assert!(Remote::open(remote, None).unwrap().put_new(name, bytes.to_vec()).await.unwrap(), "{name} was taken");
}

pub async fn scenario_hostile(remote: &str) {
    let remote = remote.to_string();
    let c = enroll(&remote, Role::Volunteer).await;
    open_case(&c.v1.store, NAME, None).await;
    sync(&c.v1, &remote).await;
    let v1_device: String =
        sqlx::query_scalar("SELECT device_id FROM clinic_self").fetch_one(c.v1.store.pool()).await.unwrap();
    let clinic_id: String =
        sqlx::query_scalar("SELECT clinic_id FROM clinic_self").fetch_one(c.v1.store.pool()).await.unwrap();
    let v1_dir = format!("amparo/{clinic_id}/d/{v1_device}");
    let store = Remote::open(&remote, None).unwrap();
    let mut files = store.list(&v1_dir).await.unwrap();
    files.sort();
    let good = store.get(files.last().unwrap()).await.unwrap();
    let put = |seq: u64, bytes: Vec<u8>, hash: Option<String>| {
        let hash = hash.unwrap_or_else(|| bundle::sha256_hex(&bytes));
        let (remote, name) = (remote.clone(), format!("{v1_dir}/{seq:010}-{hash}.age"));
        async move { plant(&remote, &name, &bytes).await }
    };
    // Truncated, under the original's hash; bit-flipped, under its own hash; replayed under
    // another number.
    put(101, good[..good.len() / 2].to_vec(), Some(bundle::sha256_hex(&good))).await;
    let mut flipped = good.clone();
    let at = flipped.len() - 40;
    flipped[at] ^= 0x10;
    put(102, flipped, None).await;
    put(103, good.clone(), None).await;
    // Signed by a stranger, with the clinic's id, encrypted to the coordinator.
    let coord_recipient = c.coord.store.clinic_status().await.unwrap().members[0].devices[0].age_recipient.clone();
    let stranger = DeviceKeys::generate(uuid::Uuid::now_v7().to_string());
    let header = |device: &str, member: &str, seq: u64, recipients: Vec<String>| BundleHeader {
        clinic_id: clinic_id.clone(),
        author_device: device.into(),
        author_member: member.into(),
        seq,
        prev: None,
        cases: vec![],
        recipients,
        hlc_min: 0,
        hlc_max: 0,
        changes_len: 0,
        changes_sha256: String::new(),
        created_at: "2026-11-25T00:00:00Z".into(),
    };
    let stranger_bundle = bundle::seal(
        header(&stranger.device_id, "x", 1, vec![coord_recipient.clone()]),
        &Changes::default(),
        &stranger,
    )
    .unwrap();
    plant(
        &remote,
        &format!("amparo/{clinic_id}/d/{}/{:010}-{}.age", stranger.device_id, 1, stranger_bundle.hash),
        &stranger_bundle.bytes,
    )
    .await;

    // Addressed to volunteer 1 only, then re-encrypted to the coordinator by someone holding it.
    let (sign, age): (String, String) =
        sqlx::query_as("SELECT signing_key, age_identity FROM clinic_self").fetch_one(c.v1.store.pool()).await.unwrap();
    let v1_keys = DeviceKeys::from_stored(v1_device.clone(), &sign, &age).unwrap();
    let member: String =
        sqlx::query_scalar("SELECT member_id FROM clinic_self").fetch_one(c.v1.store.pool()).await.unwrap();
    let only_v1 = bundle::seal(
        header(&v1_device, &member, 104, vec![v1_keys.public().age_recipient]),
        &Changes::default(),
        &v1_keys,
    )
    .unwrap();
    let plain = match amparo::clinic::seal::decrypt(v1_keys.identity(), &only_v1.bytes).unwrap() {
        amparo::clinic::seal::Opened::Plain(p) => p,
        _ => panic!("v1 reads its own bundle"),
    };
    let forwarded = amparo::clinic::seal::encrypt(&[coord_recipient.clone()], &plain).unwrap();
    put(104, forwarded, None).await;
    // Volunteer 1's own client, with a clock far in the future (it would win every merge).
    let own_client: String = sqlx::query_scalar("SELECT uid FROM sync_ids WHERE entity = 'client'")
        .fetch_one(c.v1.store.pool())
        .await
        .unwrap();
    let future = Changes {
        ops: vec![amparo::clinic::merge::Op {
            e: "client".into(),
            u: own_client,
            f: "phone".into(),
            v: serde_json::json!("555-0100"),
            h: u64::MAX / 2,
            d: v1_device.clone(),
            m: member.clone(),
            p: vec![],
        }],
        ..Default::default()
    };
    let ahead = bundle::seal(header(&v1_device, &member, 105, vec![coord_recipient]), &future, &v1_keys).unwrap();
    put(105, ahead.bytes, Some(ahead.hash)).await;

    let before = common::snapshot_counts(c.coord.store.pool()).await;
    let r = sync(&c.coord, &remote).await;
    let reasons: Vec<String> = r.refused.iter().map(|x| x.reason.clone()).collect();
    let has = |s: &str| reasons.iter().any(|r| r.contains(s));
    assert!(has("could not be decrypted") || has("damaged"), "bit flip: {reasons:?}");
    assert!(has("a replay"), "replay: {reasons:?}");
    assert!(has("addressed to someone else"), "forwarded: {reasons:?}");
    assert!(has("more than a day in the future"), "clock: {reasons:?}");
    assert_eq!(r.refused.len(), 4, "{reasons:?}");
    // A file cut short may still be arriving, and a stranger may be a member admitted after
    // this laptop's roster: both wait, reported at every sync, and change nothing.
    let waiting: Vec<String> = r.waiting.iter().map(|x| x.reason.clone()).collect();
    assert!(waiting.iter().any(|w| w.contains("does not match its name")), "truncated: {waiting:?}");
    assert!(waiting.iter().any(|w| w.contains("not in the clinic's roster")), "stranger: {waiting:?}");
    assert_eq!(waiting.len(), 2, "{waiting:?}");
    assert_eq!(r.received_bundles, 1, "only the genuine bundle applied: {r:?}");
    // The chain now shows gaps (5..100) for volunteer 1's device.
    assert!(r.problems.iter().any(|p| matches!(p, amparo::clinic::plan::ChainProblem::Gap { .. })), "{:?}", r.problems);
    let after_first = common::snapshot_counts(c.coord.store.pool()).await;
    assert_ne!(before, after_first, "the genuine bundle was applied");

    // Applying again changes nothing; refused ones are not retried.
    let r = sync(&c.coord, &remote).await;
    assert_eq!((r.received_bundles, r.refused.len(), r.waiting.len()), (0, 0, 2));
    assert_eq!(common::snapshot_counts(c.coord.store.pool()).await, after_first);

    // Volunteer 2 writes into volunteer 1's case (a uid they should never hold): refused
    // for good, and the client keeps their name.
    let (v2_device, v2_member, v2_sign, v2_age): (String, String, String, String) =
        sqlx::query_as("SELECT device_id, member_id, signing_key, age_identity FROM clinic_self")
            .fetch_one(c.v2.store.pool())
            .await
            .unwrap();
    let v2_keys = DeviceKeys::from_stored(v2_device.clone(), &v2_sign, &v2_age).unwrap();
    let client_uid: String = sqlx::query_scalar("SELECT uid FROM sync_ids WHERE entity = 'client'")
        .fetch_one(c.v1.store.pool())
        .await
        .unwrap();
    let coord_recipient2 = c.coord.store.clinic_status().await.unwrap().members[0].devices[0].age_recipient.clone();
    let hijack = Changes {
        ops: vec![amparo::clinic::merge::Op {
            e: "client".into(),
            u: client_uid,
            f: "given_name".into(),
            v: serde_json::json!("Hijacked"),
            h: chrono::Utc::now().timestamp_millis() as u64,
            d: v2_device.clone(),
            m: v2_member.clone(),
            p: vec![],
        }],
        ..Default::default()
    };
    let sealed =
        bundle::seal(header(&v2_device, &v2_member, 1, vec![coord_recipient2.clone()]), &hijack, &v2_keys).unwrap();
    let v2_dir = format!("amparo/{clinic_id}/d/{v2_device}");
    plant(&remote, &format!("{v2_dir}/{:010}-{}.age", 1, sealed.hash), &sealed.bytes).await;
    // A new matter of volunteer 2 pointing at volunteer 1's client, by uid and by a bare
    // local row number: both refused (the second would attach the client to V2's case).
    let v1_client: String = sqlx::query_scalar("SELECT uid FROM sync_ids WHERE entity = 'client'")
        .fetch_one(c.v1.store.pool())
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp_millis() as u64;
    let new_matter = |client: serde_json::Value| Changes {
        ops: ["kind", "forum", "opened_on", "status", "created_at", "updated_at", "client_id"]
            .iter()
            .map(|f| amparo::clinic::merge::Op {
                e: "matter".into(),
                u: "0190a0a0-0000-7000-8000-0000000000aa".into(),
                f: f.to_string(),
                v: match *f {
                    "client_id" => client.clone(),
                    "kind" => serde_json::json!("defensive_asylum"),
                    "forum" => serde_json::json!("immigration_court"),
                    "status" => serde_json::json!("open"),
                    _ => serde_json::json!("2026-11-25"),
                },
                h: now,
                d: v2_device.clone(),
                m: v2_member.clone(),
                p: vec![],
            })
            .collect(),
        ..Default::default()
    };
    for (seq, client) in [(2u64, serde_json::json!(v1_client)), (3, serde_json::json!(1))] {
        let sealed = bundle::seal(
            header(&v2_device, &v2_member, seq, vec![coord_recipient2.clone()]),
            &new_matter(client),
            &v2_keys,
        )
        .unwrap();
        plant(&remote, &format!("{v2_dir}/{seq:010}-{}.age", sealed.hash), &sealed.bytes).await;
    }
    // A name planted in the coordinator's own chain must not move its numbering.
    let (coord_device, next_before): (String, i64) =
        sqlx::query_as("SELECT device_id, next_seq FROM clinic_self").fetch_one(c.coord.store.pool()).await.unwrap();
    plant(&remote, &format!("amparo/{clinic_id}/d/{coord_device}/9999999999-{}.age", "0".repeat(64)), b"planted").await;

    let before = common::snapshot_counts(c.coord.store.pool()).await;
    let r = sync(&c.coord, &remote).await;
    assert!(r.refused.iter().any(|x| x.reason.contains("never assigned to its author")), "{:?}", r.refused);
    assert!(
        r.refused.iter().any(|x| x.reason.contains("matter.client_id holds a value of the wrong kind")),
        "{:?}",
        r.refused
    );
    assert_eq!(r.refused.iter().filter(|x| x.reason.contains("never assigned")).count(), 2, "{:?}", r.refused);
    let next_after: i64 =
        sqlx::query_scalar("SELECT next_seq FROM clinic_self").fetch_one(c.coord.store.pool()).await.unwrap();
    assert_eq!(next_after, next_before, "a planted name moved the coordinator's numbering");
    assert!(
        r.problems.iter().any(|p| matches!(p, amparo::clinic::plan::ChainProblem::Unknown { .. })),
        "{:?}",
        r.problems
    );
    assert_eq!(common::snapshot_counts(c.coord.store.pool()).await, before);
    assert!(client_id_by_name(&c.coord.store, NAME).await.is_some());
    let name: String =
        sqlx::query_scalar("SELECT given_name FROM clients").fetch_one(c.coord.store.pool()).await.unwrap();
    assert_eq!(name, "Marisol");

    // A removed member's new bundles are refused.
    c.coord.store.clinic_remove("Victor Volunteer").await.unwrap();
    sync(&c.coord, &remote).await;
    open_case(&c.v2.store, "Removida", None).await;
    let r2 = sync(&c.v2, &remote).await;
    assert!(r2.sent_bundles >= 1, "volunteer 2 has not heard of the removal yet: {r2:?}");
    let r = sync(&c.coord, &remote).await;
    assert!(r.refused.iter().any(|x| x.reason.contains("was removed from the clinic")), "{:?}", r.refused);
    assert_eq!(client_id_by_name(&c.coord.store, "Removida").await, None);
    c.close().await;
}

pub fn assign_to(who: &str) -> amparo::clinic::AssignInput {
    amparo::clinic::AssignInput { to: who.into(), ..Default::default() }
}
