//! The private copy a document is opened from: under $XDG_RUNTIME_DIR, read-only, only
//! this user's, the same bytes; gone after a lock and after a start that follows a crash.
//! One test in its own process, since it sets XDG_RUNTIME_DIR for the whole process.
#![cfg(target_os = "linux")] // $XDG_RUNTIME_DIR and mode bits

mod common;

use std::os::unix::fs::PermissionsExt;

use amparo::documents::{private_copy, AddDocument, DocumentSubject};
use amparo::model::ClientInput;
use amparo::Store;
use common::*;

#[tokio::test]
async fn a_private_copy_is_the_document_read_only_and_gone_after_lock() {
    let runtime = tempfile::tempdir().unwrap();
    std::fs::set_permissions(runtime.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    std::env::set_var("XDG_RUNTIME_DIR", runtime.path());
    assert!(private_copy::in_runtime_dir());
    assert!(private_copy::root().starts_with(runtime.path()));

    let (_dir, path) = temp_vault_path();
    let vault = create(&path).await;
    let store = Store::new(vault.pool().clone(), "Ana");
    let client = store.add_client(&ClientInput { given_name: "Haile".into(), ..Default::default() }).await.unwrap();
    let files = tempfile::tempdir().unwrap();
    let bytes = b"%PDF-1.7\n(Country conditions index)\n%%EOF\n".to_vec();
    let file = files.path().join("Country conditions.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let d = store.add_document(DocumentSubject::Client(client.id), &file, &AddDocument::default()).await.unwrap();

    let copy = store.private_copy(d.id).await.unwrap();
    assert!(copy.starts_with(private_copy::root()), "{} is not in the private folder", copy.display());
    assert_eq!(copy.file_name().unwrap(), "Country conditions.pdf");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&copy), 0o400);
    assert_eq!(mode(copy.parent().unwrap()), 0o700);
    assert_eq!(mode(&private_copy::root()), 0o700);
    vault.lock().await;
    assert!(!private_copy::root().exists(), "the private copies outlived the lock");

    // A copy left by a crash (no lock) goes at the next start: an Amparo that crashed
    // left its folder, its lock let go with it. The start never takes this process's own.
    let vault = open(&path).await;
    let copy = store_of(&vault).private_copy(d.id).await.unwrap();
    let crashed = private_copy::root().join("p-4000003-c");
    std::fs::create_dir_all(crashed.join("open-z")).unwrap();
    std::fs::write(crashed.join("open-z/Country conditions.pdf"), &bytes).unwrap();
    private_copy::sweep_orphans().unwrap();
    assert!(!crashed.exists(), "a crashed process's copy outlived the next start");
    assert!(copy.exists(), "the start removed a copy this process has open");
    vault.lock().await;
    assert!(!copy.exists());
}

fn store_of(v: &amparo::Vault) -> Store {
    Store::new(v.pool().clone(), "Ana")
}
