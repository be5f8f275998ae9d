//! The vault seen from outside: create, unlock, lock, rekey, every refusal, and what
//! reaches the disk.

mod common;

use amparo::model::ClientInput;
use amparo::vault::{Integrity, KdfParams};
use amparo::{Error, Vault};
use common::*;

#[tokio::test]
async fn sqlcipher_is_linked_and_answers_cipher_version() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let version = v.cipher_version().await.unwrap();
    assert!(version.contains("4."), "cipher_version = {version}");
    v.lock().await;
}

#[tokio::test]
async fn create_lock_unlock_keeps_the_data() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let c = store(&v)
        .add_client(&ClientInput { given_name: "Amina".into(), family_name: "Haile".into(), ..Default::default() })
        .await
        .unwrap();
    v.lock().await;
    let v = open(&path).await;
    assert_eq!(store(&v).client(c.id).await.unwrap().fields.given_name, "Amina");
    assert!(v.schema_version().await.unwrap() >= 1);
    v.lock().await;
}

#[tokio::test]
async fn lock_folds_the_wal_into_the_vault_file() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    for i in 0..20 {
        store(&v)
            .add_client(&ClientInput {
                given_name: format!("Person{i}"),
                family_name: "Test".into(),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    v.lock().await;
    let wal = std::fs::metadata(path.with_file_name("clinic.amparo-wal")).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the WAL still holds changes after lock");
    std::fs::remove_file(path.with_file_name("clinic.amparo-wal")).ok();
    std::fs::remove_file(path.with_file_name("clinic.amparo-shm")).ok();
    let v = open(&path).await;
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 20);
    v.lock().await;
}

#[tokio::test]
async fn weak_passphrases_are_refused_and_nothing_is_created() {
    let (dir, path) = temp_vault_path();
    for weak in ["short", "password123456", "aaaaaaaaaaaaaaaa"] {
        let err = Vault::create(&path, &pass(weak), KdfParams::FLOOR).await.unwrap_err();
        assert_eq!(err.code(), "weak_passphrase", "{weak}");
    }
    assert!(walk(dir.path()).is_empty());
}

#[tokio::test]
async fn creating_over_an_existing_vault_is_refused() {
    let (dir, path) = temp_vault_path();
    create(&path).await.lock().await;
    let before = snapshot(dir.path());
    let err = Vault::create(&path, &pass(PASS), KdfParams::FLOOR).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyExists(_)));
    assert_eq!(snapshot(dir.path()), before);
}

#[tokio::test]
async fn wrong_passphrase_is_its_own_error_and_changes_nothing() {
    let (dir, path) = temp_vault_path();
    create(&path).await.lock().await;
    let before = snapshot(dir.path());
    let err = Vault::open(&path, &pass("tangerine orbit velvet harbour")).await.unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert_eq!(err.code(), "wrong_passphrase");
    assert_eq!(snapshot(dir.path()), before);
}

#[tokio::test]
async fn a_file_that_is_not_a_vault_is_named_as_such() {
    let (dir, path) = temp_vault_path();
    // A plain SQLite database, a text file, and a directory where the vault should be.
    std::fs::write(&path, b"SQLite format 3\0just some other program's file").unwrap();
    let before = snapshot(dir.path());
    assert!(matches!(Vault::open(&path, &pass(PASS)).await.unwrap_err(), Error::NotAVault(_)));
    assert_eq!(snapshot(dir.path()), before);

    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "hello").unwrap();
    std::fs::write(dir.path().join("notes.txt-header"), "{\"format\": \"something-else\"}").unwrap();
    assert!(matches!(Vault::open(&other, &pass(PASS)).await.unwrap_err(), Error::NotAVault(_)));

    let folder = dir.path().join("folder.amparo");
    std::fs::create_dir(&folder).unwrap();
    assert!(matches!(Vault::open(&folder, &pass(PASS)).await.unwrap_err(), Error::NotAVault(_)));
}

#[tokio::test]
async fn a_missing_vault_says_so() {
    let (_d, path) = temp_vault_path();
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "no_vault");
}

#[tokio::test]
async fn damaged_vaults_are_detected_and_left_untouched() {
    // Each case damages a fresh vault one way and expects "vault_damaged".
    type Damage = fn(&std::path::Path);
    let cases: Vec<(&str, Damage)> = vec![
        ("empty data file", |p| std::fs::write(p, b"").unwrap()),
        ("truncated data file", |p| {
            let len = std::fs::metadata(p).unwrap().len();
            let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
            f.set_len(len - 100).unwrap();
        }),
        ("truncated to whole pages", |p| {
            let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
            f.set_len(4096).unwrap();
        }),
        ("flipped bytes in a page", flip_deep_page),
        ("flipped bytes in the first page", |p| {
            let mut bytes = std::fs::read(p).unwrap();
            bytes[100] ^= 0x01;
            std::fs::write(p, bytes).unwrap();
        }),
        ("broken header", |p| {
            let h = p.with_file_name("clinic.amparo-header");
            let text = std::fs::read_to_string(&h).unwrap().replace("\"salt\"", "\"sult\"");
            std::fs::write(h, text).unwrap();
        }),
        ("data file missing", |p| std::fs::remove_file(p).unwrap()),
    ];
    for (name, damage) in cases {
        let (dir, path) = temp_vault_path();
        let v = create(&path).await;
        add_padded_clients(&v, 30).await;
        v.lock().await;
        damage(&path);
        let before = snapshot(dir.path());
        match Vault::open(&path, &pass(PASS)).await {
            Err(err) => assert_eq!(err.code(), "vault_damaged", "{name}: {err:?}"),
            // A page the unlock does not read is found by the whole-file check that runs
            // after it; the vault then takes no more writes.
            Ok(v) => {
                assert!(name == "flipped bytes in a page", "{name}: opened");
                let found = v.integrity_checked().await;
                assert!(matches!(found, Integrity::Damaged(_)), "{name}: {found:?}");
                let write = store(&v).add_client(&ClientInput { given_name: "New".into(), ..Default::default() }).await;
                let refused = write.expect_err("a damaged vault took a write");
                assert_eq!(refused.code(), "vault_read_only", "{name}: {refused}");
                v.lock().await;
            }
        }
        assert_eq!(snapshot(dir.path()), before, "{name}: the attempt changed files");
    }
}

#[tokio::test]
async fn the_whole_file_check_after_unlock_passes_a_sound_vault_and_stops_at_lock() {
    let (_dir, path) = temp_vault_path();
    let v = create(&path).await;
    assert_eq!(v.integrity(), Integrity::Sound, "a new vault needs no check");
    add_padded_clients(&v, 200).await;
    v.lock().await;
    let v = open(&path).await;
    assert_eq!(v.integrity_checked().await, Integrity::Sound);
    store(&v).add_client(&ClientInput { given_name: "After".into(), ..Default::default() }).await.unwrap();
    v.lock().await;
    // Locked at once, while the check may still run: it stops, and the vault opens again.
    let v = open(&path).await;
    v.lock().await;
    let v = open(&path).await;
    assert_ne!(v.integrity_checked().await, Integrity::Checking);
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 201);
    v.lock().await;
    assert!(!path.with_file_name("clinic.amparo-wal").exists(), "the check's connection let the WAL go");
}

#[tokio::test]
async fn a_header_paired_with_another_vaults_data_is_damaged() {
    let (_d1, a) = temp_vault_path();
    let (_d2, b) = temp_vault_path();
    create(&a).await.lock().await;
    create(&b).await.lock().await;
    std::fs::copy(b.with_file_name("clinic.amparo-header"), a.with_file_name("clinic.amparo-header")).unwrap();
    let err = Vault::open(&a, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "vault_damaged", "{err:?}");
}

#[tokio::test]
async fn a_vault_from_a_newer_version_is_refused() {
    let (dir, path) = temp_vault_path();
    create(&path).await.lock().await;
    let h = path.with_file_name("clinic.amparo-header");
    let text = std::fs::read_to_string(&h).unwrap().replace("\"version\": 2", "\"version\": 9");
    std::fs::write(&h, text).unwrap();
    let before = snapshot(dir.path());
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert!(matches!(err, Error::NewerVersion { found: 9, supported: 2 }), "{err:?}");
    assert_eq!(snapshot(dir.path()), before);
}

#[tokio::test]
async fn a_schema_from_a_newer_version_is_refused() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', 1, x'00', 0)",
    )
    .execute(v.pool())
    .await
    .unwrap();
    v.lock().await;
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "vault_too_new", "{err:?}");
}

#[tokio::test]
async fn a_second_opener_is_refused_while_the_vault_is_open() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyOpen), "{err:?}");
    v.lock().await;
    open(&path).await.lock().await;
}

#[tokio::test]
async fn rekey_changes_the_passphrase_and_keeps_the_data() {
    let (dir, path) = temp_vault_path();
    let mut v = create(&path).await;
    store(&v).add_client(&ClientInput { given_name: "Keep".into(), ..Default::default() }).await.unwrap();
    let new = "copper lantern meadow quartz";
    // A wrong current passphrase or a weak new one changes nothing.
    let wrong =
        v.change_passphrase(&pass("not the passphrase at all"), &pass(new), KdfParams::FLOOR).await.unwrap_err();
    assert!(matches!(wrong, Error::WrongPassphrase));
    let weak = v.change_passphrase(&pass(PASS), &pass("password"), KdfParams::FLOOR).await.unwrap_err();
    assert_eq!(weak.code(), "weak_passphrase");
    v.change_passphrase(&pass(PASS), &pass(new), KdfParams::FLOOR).await.unwrap();
    v.lock().await;
    assert!(matches!(Vault::open(&path, &pass(PASS)).await.unwrap_err(), Error::WrongPassphrase));
    let v = Vault::open(&path, &pass(new)).await.unwrap();
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 1);
    v.lock().await;
    assert!(!dir.path().join("clinic.amparo-header.tmp").exists());
}

#[tokio::test]
async fn no_plaintext_reaches_the_disk() {
    let (dir, path) = temp_vault_path();
    let v = create(&path).await;
    let marker = "Zyxwvutsr Qponmlkj";
    let s = store(&v);
    let c = s
        .add_client(&ClientInput {
            given_name: "Zyxwvutsr".into(),
            family_name: "Qponmlkj".into(),
            a_number: Some("A987654321".into()),
            other_names: vec!["Velociraptorine".into()],
            address: Some("77 Uncommonword Street".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    s.add_note(amparo::model::NoteSubject::Client(c.id), "fled after threats from Hornswoggle cartel").await.unwrap();
    // Scan while open (WAL and shared memory present) and after locking.
    for stage in ["open", "locked"] {
        for needle in [marker, "Zyxwvutsr", "Velociraptorine", "Uncommonword", "Hornswoggle", "987654321", PASS] {
            assert_eq!(count_plaintext(dir.path(), needle), 0, "{needle} found on disk ({stage})");
        }
        if stage == "open" {
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(v.pool()).await;
        }
    }
    v.lock().await;
    for needle in ["Zyxwvutsr", "Velociraptorine", "Uncommonword", "Hornswoggle", "987654321", PASS] {
        assert_eq!(count_plaintext(dir.path(), needle), 0, "{needle} found on disk after lock");
    }
}

#[tokio::test]
async fn kdf_parameters_are_kept_in_the_header() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    assert_eq!(v.kdf_params(), KdfParams::FLOOR);
    v.lock().await;
    let v = open(&path).await;
    assert_eq!(v.kdf_params(), KdfParams::FLOOR);
    v.lock().await;
}

#[tokio::test]
async fn a_wal_from_another_vault_is_refused_and_the_vault_is_left_as_it_was() {
    let (dir, path) = temp_vault_path();
    let v = create(&path).await;
    store(&v).add_client(&ClientInput { given_name: "Mine".into(), ..Default::default() }).await.unwrap();
    v.lock().await;

    // Another vault's WAL, with frames in it, copied beside ours as if it were ours.
    let (other_dir, other) = temp_vault_path();
    let o = create(&other).await;
    for i in 0..30 {
        store(&o)
            .add_client(&ClientInput {
                given_name: format!("Theirs{i}"),
                family_name: "X".repeat(150),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    let foreign = std::fs::read(other.with_file_name("clinic.amparo-wal")).unwrap();
    assert!(!foreign.is_empty(), "the other vault's WAL should hold frames");
    o.lock().await;
    drop(other_dir);
    std::fs::write(path.with_file_name("clinic.amparo-wal"), &foreign).unwrap();

    let before = snapshot(dir.path());
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "vault_damaged", "{err:?}");
    assert_eq!(snapshot(dir.path()), before, "the refused open changed the vault or its WAL");

    // Without the foreign WAL, the vault is intact, with its data.
    std::fs::remove_file(path.with_file_name("clinic.amparo-wal")).unwrap();
    let v = open(&path).await;
    let names: Vec<String> = sqlx::query_scalar("SELECT given_name FROM clients").fetch_all(v.pool()).await.unwrap();
    assert_eq!(names, ["Mine"]);
    v.lock().await;
}

#[tokio::test]
async fn leftovers_of_an_interrupted_step_are_removed_at_the_next_unlock_only() {
    let (dir, path) = temp_vault_path();
    create(&path).await.lock().await;
    let d = dir.path();
    std::fs::create_dir(d.join("clinic.amparo.trial-0123abcd")).unwrap();
    std::fs::write(d.join("clinic.amparo.trial-0123abcd/trial.amparo"), b"copy").unwrap();
    std::fs::write(d.join("clinic.amparo.before-v2"), b"old copy").unwrap();
    std::fs::write(d.join("clinic.amparo.before-v2-header"), b"old header").unwrap();
    std::fs::write(d.join("clinic.amparo-header.tmp-Ab12"), b"half a header").unwrap();
    std::fs::write(d.join("clinic.amparo.export-99"), b"half an export").unwrap();
    std::fs::write(d.join("clinic.amparo.replaced-20261125T101500Z"), b"kept on purpose").unwrap();
    std::fs::write(d.join("notes.txt"), b"not ours").unwrap();
    let before = snapshot(d);
    assert_eq!(Vault::open(&path, &pass("not the passphrase at all")).await.unwrap_err().code(), "wrong_passphrase");
    assert_eq!(snapshot(d), before, "a refused unlock removes nothing");
    open(&path).await.lock().await;
    let mut left: Vec<String> =
        std::fs::read_dir(d).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["clinic.amparo", "clinic.amparo-header", "clinic.amparo.replaced-20261125T101500Z", "notes.txt"]);
}

#[cfg(unix)]
#[tokio::test]
async fn a_planted_symlink_beside_the_header_is_not_followed() {
    let (dir, path) = temp_vault_path();
    let mut v = create(&path).await;
    let victim = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(victim.path(), b"precious").unwrap();
    // The name the header's temporary file had before it was random.
    std::os::unix::fs::symlink(victim.path(), dir.path().join("clinic.amparo-header.tmp")).unwrap();
    let before = std::fs::read(dir.path().join("clinic.amparo-header")).unwrap();
    // A vault at the floor settings has its header sealed again (through write_atomic).
    assert!(v.maintain_header(&pass(PASS), false).await.unwrap().strengthened);
    assert_ne!(std::fs::read(dir.path().join("clinic.amparo-header")).unwrap(), before, "the header was rewritten");
    v.lock().await;
    assert_eq!(std::fs::read(victim.path()).unwrap(), b"precious");
}

#[tokio::test]
async fn the_schema_of_a_vault_is_not_trusted_to_run_functions() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let trusted: i64 = sqlx::query_scalar("PRAGMA trusted_schema").fetch_one(v.pool()).await.unwrap();
    assert_eq!(trusted, 0);
    v.lock().await;
}

#[cfg(unix)]
#[tokio::test]
async fn files_others_could_read_are_made_owner_only_at_unlock_and_the_change_is_recorded() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = temp_vault_path();
    let v = create(&path).await;
    v.lock().await;
    let header = dir.path().join("clinic.amparo-header");
    for f in [&path, &header] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    // A folder the user chose (here a temporary one) is theirs, not Amparo's: left as it is.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let v = open(&path).await;
    for f in [&path, &header] {
        assert_eq!(std::fs::metadata(f).unwrap().permissions().mode() & 0o777, 0o600, "{}", f.display());
    }
    assert_eq!(std::fs::metadata(dir.path()).unwrap().permissions().mode() & 0o777, 0o755);
    let recorded: String = sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'permissions_tightened'")
        .fetch_one(v.pool())
        .await
        .unwrap();
    assert!(recorded.contains("clinic.amparo-header"), "{recorded}");
    v.lock().await;
}
