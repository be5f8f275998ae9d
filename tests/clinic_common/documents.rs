//! Documents through the clinic exchange: attached on one laptop, they reach the case's
//! readers whole (same SHA-256, versions kept), the case's next volunteer after a hand-off,
//! and no one else; the remote holds neither their content nor their names in plaintext;
//! a damaged object is refused and changes nothing.

use std::path::Path;

use amparo::clinic::Role;
use amparo::documents::checklist::ItemState;
use amparo::documents::{AddDocument, DocumentSubject};
use amparo::model::MatterKind;
use amparo::Store;
use sha2::{Digest, Sha256};

use super::{assign_to, client_id_by_name, enroll, open_case, sync, NAME};

/// Inside the test PDF: looked for in every object on the remote.
pub const SECRET: &str = "Wqxzvb-declaration-of-persecution";
/// The file's name, also looked for.
pub const FILE_NAME: &str = "Declaración Qwyzbrook.pdf";

/// A PDF of about 3.5 MiB (four chunks), its tail incompressible.
fn pdf(tag: &str) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.7\n({SECRET} {tag})\n").into_bytes();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ tag.len() as u64;
    while bytes.len() < 3_600_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn attach(s: &Store, dir: &Path, subject: DocumentSubject, bytes: &[u8], add: AddDocument) -> i64 {
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, bytes).unwrap();
    let d = s.add_document(subject, &path, &add).await.unwrap();
    std::fs::remove_file(&path).unwrap();
    d.id
}

async fn exported(s: &Store, id: i64, dir: &Path) -> Vec<u8> {
    let out = dir.join(format!("out-{id}-{}", uuid::Uuid::new_v4()));
    s.export_document(id, &out).await.unwrap();
    let bytes = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).unwrap();
    bytes
}

/// `scan_dir`: the remote's folder, to look into (a folder remote only).
pub async fn scenario_documents(remote: &str, scan_dir: Option<&Path>) {
    let work = tempfile::tempdir().unwrap();
    let c = enroll(remote, Role::Volunteer).await;
    let (_, m1, h1, _, _) = open_case(&c.v1.store, NAME, None).await;
    let (first, second, notice) = (pdf("v1"), pdf("v2"), pdf("notice"));
    let old = attach(&c.v1.store, work.path(), DocumentSubject::Matter(m1), &first, AddDocument::default()).await;
    let add =
        AddDocument { supersedes: Some(old), checklist_item: Some("identity_documents".into()), ..Default::default() };
    attach(&c.v1.store, work.path(), DocumentSubject::Matter(m1), &second, add).await;
    attach(&c.v1.store, work.path(), DocumentSubject::Hearing(h1), &notice, AddDocument::default()).await;

    let r = sync(&c.v1, remote).await;
    assert_eq!(r.sent_documents, 3, "{r:?}");
    assert!(r.sent_bytes > 3 * 3_600_000, "the content went with them: {r:?}");
    let r = sync(&c.coord, remote).await;
    assert_eq!((r.received_documents, r.waiting_documents), (3, 0), "{r:?}");
    assert!(r.refused.is_empty(), "{r:?}");

    // The coordinator holds the current version, its history, and the hearing's notice,
    // byte for byte, and the checklist item it ticks.
    let cid = client_id_by_name(&c.coord.store, NAME).await.unwrap();
    let m = c.coord.store.list_matters(Some(cid)).await.unwrap()[0].id;
    let current = c.coord.store.documents(DocumentSubject::Matter(m)).await.unwrap();
    assert_eq!(current.len(), 1, "only the current version is listed: {current:?}");
    assert_eq!((current[0].version, current[0].name.as_str()), (2, FILE_NAME));
    assert_eq!(current[0].media_type, "application/pdf");
    assert_eq!(current[0].checklist_item.as_deref(), Some("identity_documents"));
    assert_eq!(sha(&exported(&c.coord.store, current[0].id, work.path()).await), sha(&second));
    let history = c.coord.store.document_history(current[0].id).await.unwrap();
    assert_eq!(history.len(), 2, "the superseded version arrived too");
    let older = history.iter().find(|d| d.version == 1).unwrap();
    assert_eq!(sha(&exported(&c.coord.store, older.id, work.path()).await), sha(&first));
    let h = c.coord.store.hearings_for(m).await.unwrap()[0].id;
    let on_hearing = c.coord.store.documents(DocumentSubject::Hearing(h)).await.unwrap();
    assert_eq!(sha(&exported(&c.coord.store, on_hearing[0].id, work.path()).await), sha(&notice));
    let line = c.coord.store.checklist(m).await.unwrap();
    assert!(line.lines.iter().any(|l| l.item == "identity_documents" && !l.documents.is_empty()), "{line:?}");

    // Marks by hand and the clinic's own items travel too; the later mark wins.
    c.v1.store.mark_checklist_item(m1, "country_conditions_index", ItemState::Have).await.unwrap();
    let own = c.v1.store.add_clinic_item(MatterKind::DefensiveAsylum, "Letter from the client's church").await.unwrap();
    sync(&c.v1, remote).await;
    sync(&c.coord, remote).await;
    let state = |list: &amparo::documents::checklist::Checklist, item: &str| {
        list.lines.iter().find(|l| l.item == item).map(|l| (l.state, l.marked_by.clone()))
    };
    let theirs = c.coord.store.checklist(m).await.unwrap();
    assert_eq!(state(&theirs, "country_conditions_index"), Some((ItemState::Have, Some("Vera Volunteer".into()))));
    assert_eq!(
        state(&theirs, &own.id),
        Some((ItemState::Missing, None)),
        "the clinic's own item reached the coordinator"
    );
    let v2_items = c.v2.store.clinic_items(None).await.unwrap();
    assert!(v2_items.is_empty(), "not yet synced");
    sync(&c.v2, remote).await;
    assert_eq!(c.v2.store.clinic_items(None).await.unwrap().len(), 1, "a clinic's item reaches every member");
    c.coord.store.mark_checklist_item(m, "country_conditions_index", ItemState::Missing).await.unwrap();
    sync(&c.coord, remote).await;
    sync(&c.v1, remote).await;
    let mine = c.v1.store.checklist(m1).await.unwrap();
    assert_eq!(
        state(&mine, "country_conditions_index"),
        Some((ItemState::Missing, None)),
        "the coordinator's later clear won"
    );

    // Once stored, the exchange keeps no copy of a description (it names the file).
    let named: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_document_in WHERE instr(item, 'Qwyzbrook') > 0")
        .fetch_one(c.coord.store.pool())
        .await
        .unwrap();
    assert_eq!(named, 0);

    // Sent once: a second round sends and receives nothing again.
    assert_eq!(sync(&c.v1, remote).await.sent_documents, 0);
    assert_eq!(sync(&c.coord, remote).await.received_documents, 0);

    // The notice was the wrong file: removed on volunteer 1's laptop, it goes from the
    // coordinator's too.
    let theirs = c.v1.store.documents(DocumentSubject::Hearing(h1)).await.unwrap()[0].id;
    c.v1.store.remove_document(theirs, "Wrong client's notice").await.unwrap();
    sync(&c.v1, remote).await;
    sync(&c.coord, remote).await;
    assert!(c.coord.store.documents(DocumentSubject::Hearing(h)).await.unwrap().is_empty());
    assert_eq!(c.coord.store.document(on_hearing[0].id).await.unwrap_err().code(), "not_found");

    // The coordinator adds a third version while volunteer 1, not knowing, removes the
    // second as a mistake: on both laptops one version is current (the third), after the
    // first.
    let third = pdf("v3");
    let add = AddDocument { supersedes: Some(current[0].id), ..Default::default() };
    attach(&c.coord.store, work.path(), DocumentSubject::Matter(m), &third, add).await;
    let v2_here = c.v1.store.documents(DocumentSubject::Matter(m1)).await.unwrap()[0].id;
    c.v1.store.remove_document(v2_here, "Signed by the wrong person").await.unwrap();
    sync(&c.v1, remote).await;
    sync(&c.coord, remote).await;
    sync(&c.v1, remote).await;
    for (s, mm) in [(&c.coord.store, m), (&c.v1.store, m1)] {
        let now = s.documents(DocumentSubject::Matter(mm)).await.unwrap();
        assert_eq!(now.len(), 1, "{}: one current version: {now:?}", s.actor_name());
        assert_eq!(sha(&exported(s, now[0].id, work.path()).await), sha(&third));
        let versions: Vec<i64> = s.document_history(now[0].id).await.unwrap().iter().map(|d| d.version).collect();
        assert_eq!(versions, vec![1, 3], "{}", s.actor_name());
    }

    // Volunteer 2 is not a reader of the case: nothing of it arrives.
    let r = sync(&c.v2, remote).await;
    assert_eq!(r.received_documents, 0, "{r:?}");
    let none: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents").fetch_one(c.v2.store.pool()).await.unwrap();
    assert_eq!(none, 0);

    // The remote: no content, no name.
    if let Some(dir) = scan_dir {
        for needle in [SECRET, FILE_NAME, "Qwyzbrook"] {
            assert_eq!(crate::common::count_in_files(dir, needle.as_bytes()), 0, "{needle} in plaintext in the remote");
            for f in crate::common::walk(dir) {
                assert!(!f.to_string_lossy().contains(needle), "{needle} in an object name: {}", f.display());
            }
        }
    }

    // Handed to volunteer 2, the case's documents follow, encrypted to them now. On a
    // folder, one of those objects is damaged on the way: it is refused, the rest arrive.
    c.coord.store.matter_assign(m, &assign_to("Victor Volunteer")).await.unwrap();
    let r = sync(&c.coord, remote).await;
    assert_eq!(r.sent_documents, 2, "the case's documents (not the removed one) go again for its new reader: {r:?}");
    let damaged = scan_dir.map(damage_newest_document);
    let r = sync(&c.v2, remote).await;
    let cid2 = client_id_by_name(&c.v2.store, NAME).await.expect("the case reached its new volunteer");
    let m2 = c.v2.store.list_matters(Some(cid2)).await.unwrap()[0].id;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM documents").fetch_one(c.v2.store.pool()).await.unwrap();
    if damaged.is_some() {
        assert_eq!((r.received_documents, stored), (1, 1), "{r:?}");
        assert_eq!(r.refused.len(), 1, "{r:?}");
        assert!(r.refused[0].reason.contains("damaged"), "{r:?}");
        let blobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_blobs WHERE complete = 0")
            .fetch_one(c.v2.store.pool())
            .await
            .unwrap();
        assert_eq!(blobs, 0, "nothing of the damaged one is left behind");
        // Refused once, not again at every sync.
        assert!(sync(&c.v2, remote).await.refused.is_empty());
    } else {
        assert_eq!((r.received_documents, stored), (2, 2), "{r:?}");
        let current = c.v2.store.documents(DocumentSubject::Matter(m2)).await.unwrap();
        assert_eq!(current.len(), 1, "one current version after the hand-off: {current:?}");
        assert_eq!(sha(&exported(&c.v2.store, current[0].id, work.path()).await), sha(&third));
    }
    c.close().await;
}

/// Flips a byte in the middle of the newest document object (one of those just written for
/// the new volunteer: which one does not matter, each is refused alone); returns its path.
fn damage_newest_document(dir: &Path) -> std::path::PathBuf {
    let newest = crate::common::walk(dir)
        .into_iter()
        .filter(|f| f.to_string_lossy().contains("/doc/"))
        .max_by_key(|f| std::fs::metadata(f).unwrap().modified().unwrap())
        .expect("document objects on the remote");
    let mut bytes = std::fs::read(&newest).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    std::fs::write(&newest, bytes).unwrap();
    newest
}
