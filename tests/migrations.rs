//! Schema upgrades: a copy is kept before any migration, and a failed one leaves the
//! old vault usable.

mod common;

use std::path::Path;

use amparo::model::ClientInput;
use amparo::vault::MIGRATOR;
use amparo::Vault;
use common::*;
use sqlx::migrate::Migrator;

/// The real migrations plus `extra` ones, in a temp folder.
async fn migrator_with(dir: &Path, extra: &[(&str, &str)]) -> Migrator {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for entry in std::fs::read_dir(src).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    for (name, sql) in extra {
        std::fs::write(dir.join(name), sql).unwrap();
    }
    Migrator::new(dir).await.unwrap()
}

/// The newest migration this version of Amparo ships.
fn current_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap()
}

async fn vault_with_one_client(path: &Path) {
    let v = create(path).await;
    store(&v).add_client(&ClientInput { given_name: "Before".into(), ..Default::default() }).await.unwrap();
    v.lock().await;
}

#[tokio::test]
async fn an_upgrade_applies_and_leaves_no_copy_behind() {
    let (dir, path) = temp_vault_path();
    vault_with_one_client(&path).await;
    let mdir = tempfile::tempdir().unwrap();
    let m =
        migrator_with(mdir.path(), &[("9001_add_column.sql", "ALTER TABLE clients ADD COLUMN pronouns TEXT;")]).await;
    let v = Vault::open_with(&path, &pass(PASS), &m).await.unwrap();
    assert_eq!(v.schema_version().await.unwrap(), 9001);
    v.lock().await;
    // The copy made for the upgrade lived only as long as the upgrade: kept, it would be
    // one more copy under a key a later passphrase change retires.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 2, "only the vault and its header: {left:?}");
    let v = Vault::open_with(&path, &pass(PASS), &m).await.unwrap();
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 1);
    v.lock().await;
}

#[tokio::test]
async fn a_failed_upgrade_leaves_the_old_vault_usable() {
    let (dir, path) = temp_vault_path();
    vault_with_one_client(&path).await;
    let mdir = tempfile::tempdir().unwrap();
    let m = migrator_with(
        mdir.path(),
        &[
            ("9001_fine.sql", "CREATE TABLE attachments (id INTEGER PRIMARY KEY);"),
            ("9002_broken.sql", "ALTER TABLE no_such_table ADD COLUMN x TEXT;"),
        ],
    )
    .await;
    let err = Vault::open_with(&path, &pass(PASS), &m).await.unwrap_err();
    assert_eq!(err.code(), "migration_failed", "{err:?}");
    assert!(err.to_string().contains("left as it was"));
    // The current version opens it as before: same schema, the client there, no half-upgrade.
    let v = open(&path).await;
    assert_eq!(v.schema_version().await.unwrap(), current_version());
    let has_attachments: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'attachments'")
        .fetch_one(v.pool())
        .await
        .unwrap();
    assert_eq!(has_attachments, 0, "the first of the two migrations was left applied");
    assert_eq!(store(&v).list_clients(&Default::default()).await.unwrap().total, 1);
    v.lock().await;
    assert!(!dir.path().join(format!("clinic.amparo.before-v{}", current_version())).exists());
}
