//! A full disk: writes fail with the plain "disk is full" error, nothing half-written is
//! kept, and the vault stays usable. The limit is SQLite's own (max_page_count), which
//! fails the same way (SQLITE_FULL) as a full disk and needs no special file system.

mod common;

use amparo::model::{ClientInput, NoteSubject};
use common::*;

#[tokio::test]
async fn a_full_disk_fails_the_write_cleanly_and_the_vault_stays_usable() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let keep = s.add_client(&ClientInput { given_name: "Kept".into(), ..Default::default() }).await.unwrap();
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(v.pool()).await.unwrap();
    sqlx::query(&format!("PRAGMA max_page_count = {}", pages + 8)).execute(v.pool()).await.unwrap();

    // A 1 MB note cannot fit in 8 more pages.
    let big = "x".repeat(1_000_000);
    let err = s.add_note(NoteSubject::Client(keep.id), &big).await.unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err:?}");
    assert!(err.to_string().contains("Free some space"), "{err}");
    assert!(s.notes_for(NoteSubject::Client(keep.id)).await.unwrap().is_empty(), "half a note was kept");

    // Small writes keep working until the limit, then fail the same way.
    let mut added = 0;
    let last = loop {
        match s
            .add_client(&ClientInput {
                given_name: format!("Fill{added}"),
                family_name: "y".repeat(150),
                ..Default::default()
            })
            .await
        {
            Ok(_) => added += 1,
            Err(e) => break e,
        }
        assert!(added < 10_000, "the limit never bit");
    };
    assert_eq!(last.code(), "disk_full");
    v.lock().await;

    // Space is back (a new session has no limit): everything committed is there, intact.
    let v = open(&path).await;
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(v.pool()).await.unwrap();
    assert_eq!(check, ["ok"]);
    let total = store(&v).list_clients(&Default::default()).await.unwrap().total;
    assert_eq!(total, 1 + added);
    store(&v).add_note(NoteSubject::Client(keep.id), &big).await.unwrap();
    v.lock().await;
}
