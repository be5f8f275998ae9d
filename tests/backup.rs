//! Backups and restore as a clinic relies on them: backup -> verify -> restore into a new
//! path gives identical data; retention keeps the newest and never touches other vaults'
//! files; a damaged or hostile backup is refused and changes nothing; a restore that
//! fails at any step leaves the current vault exactly as it was; no plaintext in a backup.

mod common;

use std::path::Path;

use amparo::model::{ClientInput, DeadlineInput, FilingInput, HearingInput, MatterInput, NoteSubject};
use amparo::vault::backup::{self, check_bytes};
use amparo::vault::{no_progress, KdfParams, Step};
use amparo::{Error, Vault};
use common::*;

const NAME: &str = "Zyxwvutsr";
const FAMILY: &str = "Velociraptorine";
const NOTE: &str = "Hornswoggle threatened by the Uncommonword gang";

async fn vault_with_a_case(path: &Path) -> Vault {
    let v = create(path).await;
    let s = store(&v);
    let c = s
        .add_client(&ClientInput {
            given_name: NAME.into(),
            family_name: FAMILY.into(),
            a_number: Some("A987654321".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let m = s
        .add_matter(&MatterInput {
            client_id: c.id,
            kind: "defensive_asylum".into(),
            forum: "immigration_court".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    s.add_hearing(&HearingInput {
        matter_id: m.id,
        kind: "master_calendar".into(),
        starts_at: "2027-01-12 09:00".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    s.add_deadline(&DeadlineInput {
        matter_id: m.id,
        title: "Brief".into(),
        due_on: "2027-01-05".into(),
        manual_reason: Some("IJ order".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    s.add_filing(&FilingInput { matter_id: m.id, form: "i589".into(), ..Default::default() }).await.unwrap();
    s.add_note(NoteSubject::Client(c.id), NOTE).await.unwrap();
    v
}

#[tokio::test]
async fn backup_verify_restore_into_a_new_path_gives_identical_data() {
    let (_d, path) = temp_vault_path();
    let v = vault_with_a_case(&path).await;
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    assert!(made.file.starts_with(folder.path()));
    let name = made.file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("amparo-") && name.ends_with(".amparo-backup"), "{name}");
    let original = dump_all(v.pool()).await;
    v.lock().await;

    let summary = backup::verify(&made.file, &pass(PASS)).await.unwrap();
    assert_eq!((summary.clients, summary.matters, summary.deadlines), (1, 1, 1));
    assert!(summary.newest_change.is_some() && summary.schema_version > 0);
    assert_eq!(summary.created, made.created);
    assert_eq!(
        backup::verify(&made.file, &pass("not the passphrase at all")).await.unwrap_err().code(),
        "wrong_passphrase"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("laptop2").join("restored.amparo");
    let restored = backup::restore(&made.file, &target, &pass(PASS)).await.unwrap();
    assert!(restored.replaced.is_none());
    let v2 = Vault::open(&target, &pass(PASS)).await.unwrap();
    assert_eq!(dump_all(v2.pool()).await, original, "every table, every row");
    v2.lock().await;
}

#[tokio::test]
async fn restore_over_a_vault_keeps_the_replaced_one_aside() {
    let (dir, path) = temp_vault_path();
    let v = vault_with_a_case(&path).await;
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    store(&v).add_client(&ClientInput { given_name: "Later".into(), ..Default::default() }).await.unwrap();
    v.lock().await;

    let restored = backup::restore(&made.file, &path, &pass(PASS)).await.unwrap();
    let aside = restored.replaced.expect("the replaced vault is kept");
    assert!(aside.to_string_lossy().contains(".replaced-"));
    let v = open(&path).await;
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 1);
    v.lock().await;
    let old = Vault::open(&aside, &pass(PASS)).await.unwrap();
    assert_eq!(store(&old).list_clients(&Default::default()).await.unwrap().total, 2, "the replaced vault is whole");
    old.lock().await;
    // An unlock removes stale copies but never the kept vault.
    open(&path).await.lock().await;
    assert!(
        aside.exists() && dir.path().join(format!("{}-header", aside.file_name().unwrap().to_string_lossy())).exists()
    );
}

#[tokio::test]
async fn a_restore_that_fails_at_any_step_leaves_the_vault_exactly_as_it_was() {
    let (dir, path) = temp_vault_path();
    let v = vault_with_a_case(&path).await;
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    store(&v).add_client(&ClientInput { given_name: "Later".into(), ..Default::default() }).await.unwrap();
    v.lock().await;
    let before = snapshot(dir.path());
    for fail_at in [Step::Exported, Step::Verified, Step::HeaderStaged, Step::AsideKept] {
        let err = backup::restore_with(&made.file, &path, &pass(PASS), &mut |s| {
            if s == fail_at {
                Err(Error::DiskFull)
            } else {
                Ok(())
            }
        })
        .await
        .unwrap_err();
        assert_eq!(err.code(), "disk_full", "{fail_at:?}");
        assert_eq!(snapshot(dir.path()), before, "{fail_at:?}");
    }
    let v = open(&path).await;
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 2);
    v.lock().await;
}

#[tokio::test]
async fn damaged_and_hostile_backups_are_refused_and_change_nothing() {
    let (dir, path) = temp_vault_path();
    let v = vault_with_a_case(&path).await;
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    v.lock().await;
    let good = std::fs::read(&made.file).unwrap();
    let before = snapshot(dir.path());
    let bad_dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("not a backup", b"SQLite format 3\0 and more".to_vec()),
        ("cut short", good[..good.len() / 2].to_vec()),
        ("no checksum", good[..good.len() - 32].to_vec()),
        ("extra bytes", [good.clone(), b"x".to_vec()].concat()),
    ];
    let mut flipped = good.clone();
    let at = good.len() - 5000;
    flipped[at] ^= 0x40;
    cases.push(("a changed data byte", flipped));
    let mut huge_len = good.clone();
    huge_len[15..19].copy_from_slice(&u32::MAX.to_be_bytes());
    cases.push(("a hostile length", huge_len));
    let mut version = good.clone();
    version[14] = 9;
    cases.push(("a newer format", version));
    for (what, bytes) in cases {
        let file = bad_dir.path().join(format!("{}.amparo-backup", what.replace(' ', "-")));
        std::fs::write(&file, &bytes).unwrap();
        assert!(check_bytes(&bytes).is_err(), "{what}");
        let err = backup::verify(&file, &pass(PASS)).await.unwrap_err();
        assert_eq!(err.code(), "bad_backup", "{what}: {err}");
        let err = backup::restore(&file, &path, &pass(PASS)).await.unwrap_err();
        assert_eq!(err.code(), "bad_backup", "{what}: {err}");
        assert_eq!(snapshot(dir.path()), before, "{what}");
    }
    let err = backup::restore(&made.file, &path, &pass("not the passphrase at all")).await.unwrap_err();
    assert_eq!(err.code(), "wrong_passphrase");
    assert_eq!(snapshot(dir.path()), before);
}

#[tokio::test]
async fn retention_keeps_the_newest_and_removes_only_what_this_vault_wrote() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let folder = tempfile::tempdir().unwrap();
    s.set_backup_settings(&folder.path().display().to_string(), 3).await.unwrap();
    // Another vault's backup and an unrelated file in the same folder.
    let (_o, other_path) = temp_vault_path();
    let other = create(&other_path).await;
    let foreign = other.backup_to(folder.path(), &no_progress).await.unwrap();
    other.lock().await;
    std::fs::write(folder.path().join("notes.txt"), b"keep me").unwrap();

    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(amparo::backups::back_up_now(&v, &s, None, &no_progress).await.unwrap());
    }
    // A file planted with this vault's id and a date far in the future (anyone who can
    // write the folder can make one): it must not push real backups out, nor be removed.
    let mut forged = std::fs::read(&made[4].file).unwrap();
    let text = String::from_utf8_lossy(&forged[19..120]).into_owned();
    let year = text.find("\"created\":\"").map(|i| 19 + i + 11).unwrap();
    forged[year..year + 4].copy_from_slice(b"2099");
    let planted = folder.path().join("amparo-2099-01-01T00-00-00Z.amparo-backup");
    std::fs::write(&planted, &forged).unwrap();
    assert_eq!(backup::list(folder.path(), v.vault_id()).first().map(|(p, _)| p.clone()), Some(planted.clone()));
    made.push(amparo::backups::back_up_now(&v, &s, None, &no_progress).await.unwrap());
    // The audit log says how many each backup removed.
    let logged: Vec<String> = sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'backup' ORDER BY id")
        .fetch_all(v.pool())
        .await
        .unwrap();
    let removed: Vec<u64> = logged
        .iter()
        .map(|c| serde_json::from_str::<serde_json::Value>(c).unwrap()["removed"].as_u64().unwrap())
        .collect();
    assert_eq!(removed, made.iter().map(|m| m.removed.len() as u64).collect::<Vec<_>>());
    v.lock().await;

    let left: Vec<_> = std::fs::read_dir(folder.path()).unwrap().flatten().map(|e| e.path()).collect();
    // Names can come round again within one second (a removed "-2" is free for the next
    // backup), so count what is left of this vault's rather than matching names.
    let own = left
        .iter()
        .filter(|p| **p != planted && **p != foreign.file && p.extension().is_some_and(|e| e == "amparo-backup"))
        .count();
    assert_eq!(own, 3, "the newest 3 it wrote: {left:?}");
    assert!(left.contains(&made[5].file) && left.contains(&made[4].file), "the newest are kept: {left:?}");
    assert!(left.contains(&planted), "a file it did not write is never removed");
    assert!(left.contains(&foreign.file), "another vault's backup is never removed");
    assert!(folder.path().join("notes.txt").exists());
    assert_eq!(made.iter().map(|m| m.removed.len()).sum::<usize>(), 3);
    assert!(backup::list(folder.path(), "00000000000000000000000000000000").is_empty());
    assert!(
        !left.iter().any(|p| p.file_name().unwrap().to_string_lossy().contains(".tmp")),
        "no temporary file is left"
    );
}

#[tokio::test]
async fn automatic_backups_follow_the_settings_and_run_at_most_daily() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    assert!(s.backup_status().await.unwrap().overdue, "never backed up counts as overdue");
    assert!(s.dashboard(amparo::Store::today()).await.unwrap().backup.overdue);
    assert!(amparo::backups::automatic(&v, &s).await.unwrap().is_none(), "no folder, no backup");
    assert_eq!(amparo::backups::back_up_now(&v, &s, None, &no_progress).await.unwrap_err().code(), "no_backup_folder");
    assert_eq!(s.set_backup_settings("relative/folder", 10).await.unwrap_err().code(), "invalid_input");
    let folder = tempfile::tempdir().unwrap();
    assert_eq!(
        s.set_backup_settings(&folder.path().display().to_string(), 0).await.unwrap_err().code(),
        "invalid_input"
    );
    s.set_backup_settings(&folder.path().display().to_string(), 4).await.unwrap();
    let made = amparo::backups::automatic(&v, &s).await.unwrap().expect("due: never backed up");
    assert!(made.file.exists());
    let status = s.backup_status().await.unwrap();
    assert_eq!(status.last.as_deref(), Some(made.created.as_str()));
    assert!(!status.overdue);
    assert_eq!(status.keep, 4);
    assert!(amparo::backups::automatic(&v, &s).await.unwrap().is_none(), "at most once a day");
    let logged: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'backup'").fetch_one(v.pool()).await.unwrap();
    assert_eq!(logged, 1);
    v.lock().await;
}

#[tokio::test]
async fn no_plaintext_of_a_client_or_the_passphrase_in_a_backup_or_what_it_leaves() {
    let (dir, path) = temp_vault_path();
    let v = vault_with_a_case(&path).await;
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    v.lock().await;
    let restored_dir = tempfile::tempdir().unwrap();
    backup::restore(&made.file, &restored_dir.path().join("r.amparo"), &pass(PASS)).await.unwrap();
    for needle in [NAME, FAMILY, "Hornswoggle", "Uncommonword", "987654321", PASS] {
        for d in [dir.path(), folder.path(), restored_dir.path()] {
            assert_eq!(count_plaintext(d, needle), 0, "{needle} found in {}", d.display());
        }
    }
    // The scan can fail: a file holding the name in UTF-16 is found.
    let probe = tempfile::tempdir().unwrap();
    std::fs::write(
        probe.path().join("x"),
        NAME.to_uppercase().encode_utf16().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>(),
    )
    .unwrap();
    assert_eq!(count_plaintext(probe.path(), NAME), 1);
}

#[tokio::test]
async fn a_backup_after_a_passphrase_change_opens_with_the_new_one_only() {
    let (_d, path) = temp_vault_path();
    let mut v = create(&path).await;
    let new = "copper lantern meadow quartz";
    v.change_passphrase(&pass(PASS), &pass(new), KdfParams::FLOOR).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let made = v.backup_to(folder.path(), &no_progress).await.unwrap();
    v.lock().await;
    assert_eq!(backup::verify(&made.file, &pass(PASS)).await.unwrap_err().code(), "wrong_passphrase");
    backup::verify(&made.file, &pass(new)).await.unwrap();
}
