//! A full disk: writes fail with the plain "disk is full" error, nothing half-written is
//! kept, and the vault stays usable. The limit is SQLite's own (max_page_count), which
//! fails the same way (SQLITE_FULL) as a full disk, and a real 8 MiB file system the test
//! mounts where it may.

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

/// A real small file system (an 8 MiB tmpfs), filled by the vault itself. Needs the right
/// to mount, which root has on these machines; elsewhere it says why it was skipped.
struct SmallFs(std::path::PathBuf);

impl SmallFs {
    fn mount() -> Result<SmallFs, String> {
        let dir = std::env::temp_dir().join(format!("amparo-smallfs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs"])
            .arg(&dir)
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            let _ = std::fs::remove_dir(&dir);
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(SmallFs(dir))
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[cfg(target_os = "linux")] // mounts a tmpfs
#[tokio::test]
async fn a_real_full_file_system_fails_writes_cleanly_and_nothing_saved_is_lost() {
    let fs = match SmallFs::mount() {
        Ok(fs) => fs,
        Err(why) => {
            eprintln!("SKIPPED: cannot mount a small tmpfs here ({why}); the SQLite-limit test above still runs");
            return;
        }
    };
    let path = fs.0.join("clinic.amparo");
    // Space the user can free later, as they would by deleting a download.
    let ballast = fs.0.join("ballast");
    std::fs::write(&ballast, vec![0u8; 2 * 1024 * 1024]).unwrap();

    let v = create(&path).await;
    let s = store(&v);
    let keep = s.add_client(&ClientInput { given_name: "Kept".into(), ..Default::default() }).await.unwrap();
    let note = "n".repeat(200_000);
    let mut saved = 0;
    let err = loop {
        match s.add_note(NoteSubject::Client(keep.id), &format!("{saved} {note}")).await {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 100, "an 8 MiB file system never filled");
    };
    assert_eq!(err.code(), "disk_full", "{err:?}");
    // Still readable while full, and what was saved is all there.
    assert_eq!(s.notes_for(NoteSubject::Client(keep.id)).await.unwrap().len(), saved);
    assert_eq!(s.client(keep.id).await.unwrap().fields.given_name, "Kept");

    // The user frees space; the vault locks, reopens whole, and takes writes again.
    std::fs::remove_file(&ballast).unwrap();
    v.lock().await;
    let v = open(&path).await;
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(v.pool()).await.unwrap();
    assert_eq!(check, ["ok"]);
    let s = store(&v);
    assert_eq!(s.notes_for(NoteSubject::Client(keep.id)).await.unwrap().len(), saved);
    s.add_client(&ClientInput { given_name: "After".into(), ..Default::default() }).await.unwrap();
    v.lock().await;
    eprintln!("small file system: {saved} notes of 200 kB saved before the disk was full; all kept");
}
