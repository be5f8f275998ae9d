//! Real key rotation: changing the passphrase re-encrypts the vault under a fresh key, so
//! an old header and the old passphrase open nothing of the current data; a failure or a
//! kill at any step leaves a vault that opens with exactly one of the two passphrases.
//! Also the recovery code: it sets a new passphrase, survives a rotation, and a new code
//! retires the old one.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use amparo::model::ClientInput;
use amparo::vault::header::Header;
use amparo::vault::{KdfParams, RecoveryCode, Step};
use amparo::{Error, Vault};
use common::*;

const NEW: &str = "copper lantern meadow quartz";

async fn add_client(v: &Vault, name: &str) {
    store(v)
        .add_client(&ClientInput { given_name: name.into(), family_name: "Rotation".into(), ..Default::default() })
        .await
        .unwrap();
}

async fn clients(v: &Vault) -> i64 {
    store(v).list_clients(&Default::default()).await.unwrap().total
}

fn staged_or_leftover(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".rekey") || n.contains(".tmp") || n.contains(".before-v") || n.contains(".trial-"))
        .collect()
}

#[tokio::test]
async fn an_old_header_does_not_open_the_current_data_after_a_change() {
    let (dir, path) = temp_vault_path();
    let mut v = create(&path).await;
    add_client(&v, "Before").await;
    let old_header = std::fs::read(dir.path().join("clinic.amparo-header")).unwrap();
    v.change_passphrase(&pass(PASS), &pass(NEW), KdfParams::FLOOR).await.unwrap();
    add_client(&v, "After").await;
    v.lock().await;
    let new_header = std::fs::read(dir.path().join("clinic.amparo-header")).unwrap();

    // The attack: put the old header back and use the old passphrase.
    std::fs::write(dir.path().join("clinic.amparo-header"), &old_header).unwrap();
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "vault_damaged", "the old key must not open the re-encrypted data: {err}");
    assert_eq!(Vault::open(&path, &pass(NEW)).await.unwrap_err().code(), "wrong_passphrase");

    std::fs::write(dir.path().join("clinic.amparo-header"), &new_header).unwrap();
    assert_eq!(Vault::open(&path, &pass(PASS)).await.unwrap_err().code(), "wrong_passphrase");
    let v = Vault::open(&path, &pass(NEW)).await.unwrap();
    assert_eq!(clients(&v).await, 2);
    v.lock().await;
    assert!(staged_or_leftover(dir.path()).is_empty(), "{:?}", staged_or_leftover(dir.path()));
}

#[tokio::test]
async fn after_a_change_no_header_file_in_the_folder_opens_with_the_old_passphrase() {
    let (dir, path) = temp_vault_path();
    let mut v = create(&path).await;
    v.change_passphrase(&pass(PASS), &pass(NEW), KdfParams::FLOOR).await.unwrap();
    v.lock().await;
    let mut headers = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(h) = Header::parse(&bytes) {
            headers += 1;
            assert!(h.unseal(&pass(PASS)).is_err(), "{:?} opens with the old passphrase", entry.path());
        }
    }
    assert_eq!(headers, 1, "exactly the vault's own header is left");
}

#[tokio::test]
async fn a_wrong_current_or_weak_new_passphrase_changes_nothing() {
    let (dir, path) = temp_vault_path();
    let v = create(&path).await;
    v.lock().await;
    let before = snapshot(dir.path());
    let mut v = open(&path).await;
    let wrong = v.change_passphrase(&pass("not the passphrase at all"), &pass(NEW), KdfParams::FLOOR).await;
    assert_eq!(wrong.unwrap_err().code(), "wrong_passphrase");
    let weak = v.change_passphrase(&pass(PASS), &pass("password"), KdfParams::FLOOR).await;
    assert_eq!(weak.unwrap_err().code(), "weak_passphrase");
    v.lock().await;
    assert_eq!(snapshot(dir.path()), before);
}

#[tokio::test]
async fn a_failure_at_each_step_leaves_a_vault_that_opens_with_exactly_one_passphrase() {
    for fail_at in Step::ALL {
        let (dir, path) = temp_vault_path();
        let mut v = create(&path).await;
        add_client(&v, "Kept").await;
        let result = v
            .change_passphrase_with(&pass(PASS), &pass(NEW), KdfParams::FLOOR, &amparo::vault::no_progress, &mut |s| {
                if s == fail_at {
                    Err(Error::DiskFull)
                } else {
                    Ok(())
                }
            })
            .await;
        let swapped = matches!(fail_at, Step::DataSwapped | Step::HeaderSwapped);
        let (works, fails) = if swapped { (NEW, PASS) } else { (PASS, NEW) };
        let aside_never_happens = fail_at == Step::AsideKept;
        assert_eq!(result.is_ok(), swapped || aside_never_happens, "{fail_at:?}: {result:?}");
        // The vault goes on working in this process, then reopens with one passphrase.
        add_client(&v, "AfterFailure").await;
        v.lock().await;
        let expected_works = if aside_never_happens { NEW } else { works };
        let expected_fails = if aside_never_happens { PASS } else { fails };
        assert_eq!(
            Vault::open(&path, &pass(expected_fails)).await.unwrap_err().code(),
            "wrong_passphrase",
            "{fail_at:?}"
        );
        let v = Vault::open(&path, &pass(expected_works)).await.unwrap_or_else(|e| panic!("{fail_at:?}: {e}"));
        assert_eq!(clients(&v).await, 2, "{fail_at:?}");
        v.lock().await;
        assert!(staged_or_leftover(dir.path()).is_empty(), "{fail_at:?}: {:?}", staged_or_leftover(dir.path()));
    }
}

/// Not a test on its own: started by the kill test with AMPARO_ROTATE_VAULT set, it
/// rotates and kills itself (SIGKILL) at the step named in AMPARO_ROTATE_KILL_AT.
#[tokio::test]
async fn rotating_process() {
    let Ok(path) = std::env::var("AMPARO_ROTATE_VAULT") else { return };
    let kill_at = std::env::var("AMPARO_ROTATE_KILL_AT").unwrap();
    let mut v = Vault::open(Path::new(&path), &pass(PASS)).await.unwrap();
    let _ = v
        .change_passphrase_with(&pass(PASS), &pass(NEW), KdfParams::FLOOR, &amparo::vault::no_progress, &mut |s| {
            if format!("{s:?}") == kill_at {
                let _ = Command::new("kill").args(["-9", &std::process::id().to_string()]).status();
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
            Ok(())
        })
        .await;
    if kill_at == "Never" {
        std::process::exit(0);
    }
    let _ = Command::new("kill").args(["-9", &std::process::id().to_string()]).status();
}

#[tokio::test]
async fn a_kill_at_each_step_leaves_a_vault_that_opens_with_exactly_one_passphrase_and_says_which() {
    if std::env::var("AMPARO_ROTATE_VAULT").is_ok() {
        return;
    }
    for kill_at in ["Exported", "Verified", "HeaderStaged", "Closed", "DataSwapped", "HeaderSwapped", "Never"] {
        let (dir, path) = temp_vault_path();
        let v = create(&path).await;
        add_client(&v, "Kept").await;
        v.lock().await;
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "rotating_process", "--nocapture", "--test-threads=1", "-q"])
            .env("AMPARO_ROTATE_VAULT", &path)
            .env("AMPARO_ROTATE_KILL_AT", kill_at)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.success(), kill_at == "Never", "{kill_at}: {status:?}");
        // What the kill left, before anything settles it: proof the child got that far.
        let staged_data = dir.path().join("clinic.amparo.rekey").exists();
        let staged_header = dir.path().join("clinic.amparo.rekey-header").exists();
        let expected = match kill_at {
            "Exported" | "Verified" => (true, false),
            "HeaderStaged" | "Closed" => (true, true),
            "DataSwapped" => (false, true),
            _ => (false, false),
        };
        assert_eq!((staged_data, staged_header), expected, "{kill_at}: staged data and header present");
        let forward = matches!(kill_at, "DataSwapped" | "HeaderSwapped" | "Never");
        let (works, fails) = if forward { (NEW, PASS) } else { (PASS, NEW) };
        let refused = Vault::open(&path, &pass(fails)).await.unwrap_err();
        assert_eq!(refused.code(), "wrong_passphrase", "{kill_at}");
        if matches!(kill_at, "HeaderStaged" | "Closed" | "DataSwapped") {
            // A swap was cut short and settled at this open: the message says which passphrase.
            let says = if forward { "NEW" } else { "PREVIOUS" };
            assert!(refused.to_string().contains(says), "{kill_at}: {refused}");
        }
        let v = Vault::open(&path, &pass(works)).await.unwrap_or_else(|e| panic!("{kill_at}: {e}"));
        assert_eq!(clients(&v).await, 1, "{kill_at}");
        v.lock().await;
        assert!(staged_or_leftover(dir.path()).is_empty(), "{kill_at}: {:?}", staged_or_leftover(dir.path()));
        assert!(!dir.path().join("clinic.amparo.interrupted").exists(), "{kill_at}: the note outlived the unlock");
    }
}

#[tokio::test]
async fn the_recovery_code_sets_a_new_passphrase_and_keeps_working_after() {
    let (dir, path) = temp_vault_path();
    let (v, code) = Vault::create(&path, &pass(PASS), KdfParams::FLOOR).await.unwrap();
    add_client(&v, "Recovered").await;
    v.lock().await;
    let before = snapshot(dir.path());

    let wrong = Vault::recover(&path, &RecoveryCode::generate(), &pass(NEW), KdfParams::FLOOR).await.unwrap_err();
    assert_eq!(wrong.code(), "wrong_recovery_code");
    let mut typo: Vec<char> = code.reveal().chars().collect();
    typo[3] = if typo[3] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    assert_eq!(typo.parse::<RecoveryCode>().unwrap_err().code(), "recovery_code_typo");
    let weak = Vault::recover(&path, &code, &pass("password"), KdfParams::FLOOR).await.unwrap_err();
    assert_eq!(weak.code(), "weak_passphrase");
    assert_eq!(snapshot(dir.path()), before, "refused recoveries change nothing");

    let v = Vault::recover(&path, &code, &pass(NEW), KdfParams::FLOOR).await.unwrap();
    assert_eq!(clients(&v).await, 1);
    v.lock().await;
    assert_eq!(Vault::open(&path, &pass(PASS)).await.unwrap_err().code(), "wrong_passphrase");
    open_with(&path, NEW).await.lock().await;
    // The same code works again (the rotation re-wrapped it for the new key).
    Vault::recover(&path, &code, &pass("velvet harbor tangerine orbit"), KdfParams::FLOOR).await.unwrap().lock().await;
}

#[tokio::test]
async fn a_new_recovery_code_retires_the_old_one() {
    let (_dir, path) = temp_vault_path();
    let (mut v, old) = Vault::create(&path, &pass(PASS), KdfParams::FLOOR).await.unwrap();
    let new = v.new_recovery_code(&pass(PASS), KdfParams::FLOOR).await.unwrap();
    v.lock().await;
    assert_eq!(
        Vault::recover(&path, &old, &pass(NEW), KdfParams::FLOOR).await.unwrap_err().code(),
        "wrong_recovery_code"
    );
    Vault::recover(&path, &new, &pass(NEW), KdfParams::FLOOR).await.unwrap().lock().await;
}

async fn open_with(path: &Path, p: &str) -> Vault {
    Vault::open(path, &pass(p)).await.unwrap()
}

/// A vault written by the previous version (format-1 header, 64 MiB KDF, no recovery
/// code), kept as a fixture: it opens, and its first unlock in the app brings the header
/// to format 2 with calibrated settings and gives it a recovery code, once.
#[tokio::test]
async fn a_vault_from_the_previous_version_opens_and_is_brought_up_once() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-vault");
    for f in ["clinic.amparo", "clinic.amparo-header"] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).unwrap();
    }
    let path = dir.path().join("clinic.amparo");
    let header = Header::parse(&std::fs::read(dir.path().join("clinic.amparo-header")).unwrap()).unwrap();
    assert_eq!(header.version, 1);

    let mut v = Vault::open(&path, &pass(PASS)).await.unwrap();
    assert_eq!(clients(&v).await, 1);
    assert!(!v.has_recovery_code());
    let wrong = v.maintain_header(&pass("not the passphrase at all"), true).await.unwrap_err();
    assert_eq!(wrong.code(), "wrong_passphrase", "a re-seal under a wrong passphrase would lock the user out");
    let upkeep = v.maintain_header(&pass(PASS), true).await.unwrap();
    assert!(upkeep.strengthened);
    let code = upkeep.recovery_code.expect("a code for a vault that had none");
    assert!(v.kdf_params().memory_kib >= KdfParams::DEFAULT.memory_kib);
    let again = v.maintain_header(&pass(PASS), true).await.unwrap();
    assert!(!again.strengthened && again.recovery_code.is_none(), "only once");
    v.lock().await;

    let header = Header::parse(&std::fs::read(dir.path().join("clinic.amparo-header")).unwrap()).unwrap();
    assert_eq!(header.version, 2);
    assert!(header.has_recovery());
    let v = Vault::recover(&path, &code, &pass(NEW), KdfParams::FLOOR).await.unwrap();
    assert_eq!(clients(&v).await, 1);
    v.lock().await;
}

/// The history row is written after the new passphrase is in force: when it cannot be
/// written, the change is still reported as made, because it was.
#[tokio::test]
async fn a_failed_audit_write_does_not_report_a_made_change_as_failed() {
    let (_dir, path) = temp_vault_path();
    let mut v = create(&path).await;
    add_client(&v, "Kept").await;
    sqlx::query(
        "CREATE TRIGGER refuse_vault_events BEFORE INSERT ON audit_log WHEN NEW.entity = 'vault' \
         BEGIN SELECT RAISE(ABORT, 'audit write refused for the test'); END",
    )
    .execute(v.pool())
    .await
    .unwrap();
    v.change_passphrase(&pass(PASS), &pass(NEW), KdfParams::FLOOR).await.expect("reported as made");
    v.lock().await;
    assert_eq!(Vault::open(&path, &pass(PASS)).await.unwrap_err().code(), "wrong_passphrase");
    let v = Vault::open(&path, &pass(NEW)).await.expect("the new passphrase is the one in force");
    assert_eq!(clients(&v).await, 1);
    v.lock().await;
}
