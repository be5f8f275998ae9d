//! Key rotation: the whole database re-encrypted under a fresh random key, then swapped in
//! with its new header (see `swap` for why a crash at any point leaves a vault that opens
//! with exactly one key). Afterwards the retired key opens nothing of the current data,
//! so neither an old header (kept in a backup, a snapshot, or carved from freed blocks)
//! nor the old passphrase is of any use against it.

use super::files;
use super::header::{self, Header};
use super::kdf::Key;
use super::swap::{self, Step};
use super::{blocking, connect, export, leftovers, wait_for_side_files, Vault};
use crate::error::Result;

/// Rotates `vault` to a fresh key. `make_header` builds the new header for the new key
/// from the current one (off the async threads: it runs Argon2id) and may return a value
/// with it (a new recovery code).
///
/// The vault's one connection is held from the export until it closes for the swap, so
/// no write can land in the old file after the copy was taken and be lost with it; other
/// callers wait, and those still waiting when it closes are told the vault was locked.
/// Once the new data file has replaced the old one the rotation counts as done, whatever
/// happens after: reporting a failure then would send the user back to a passphrase that
/// no longer works.
pub(super) async fn rotate<T: Send + 'static>(
    vault: &mut Vault,
    make_header: impl FnOnce(&Header, &Key) -> Result<(Header, T)> + Send + 'static,
    progress: export::Progress<'_>,
    step: &mut (dyn FnMut(Step) -> Result<()> + Send),
) -> Result<T> {
    // The background check reads the file being replaced; its connection goes first.
    vault.integrity.stop().await;
    let staged = vault.paths.staged("rekey");
    swap::remove(&staged);
    let new_key = header::random_key();
    let (new_header, extra) = {
        let (current, key) = (vault.header.clone(), new_key.clone());
        blocking(move || make_header(&current, &key)).await?
    };

    let mut conn = vault.pool.acquire().await?;
    let prepared = async {
        export::export(&mut conn, &vault.paths.db, &staged.db, &new_key, progress).await?;
        files::sync_file(&staged.db)?;
        step(Step::Exported)?;
        super::check_copy(&staged, &new_key, &new_header).await?;
        step(Step::Verified)?;
        files::write_atomic(&staged.header, &new_header.to_bytes())?;
        step(Step::HeaderStaged)
    }
    .await;
    if let Err(e) = prepared {
        drop(conn);
        swap::remove(&staged);
        return Err(e);
    }
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn).await;
    // Closed before the connection is given back, so nothing can take it in between.
    let closing = vault.pool.close();
    drop(conn);
    closing.await;
    wait_for_side_files(&vault.paths).await;

    let new_lock = match step(Step::Closed).and_then(|_| files::lock_incoming(&staged.db, &vault.paths)) {
        Ok(lock) => lock,
        Err(e) => return reopen_unchanged(vault, &staged, e).await,
    };
    let (data_swapped, committed) = swap::commit(&staged, &vault.paths, &mut *step);
    if !data_swapped {
        drop(new_lock);
        return reopen_unchanged(vault, &staged, committed.expect_err("not swapped means it failed")).await;
    }
    if let Some(lock) = new_lock {
        vault._lock = lock;
    }
    // The new file is the copy checked whole above.
    vault.integrity = super::integrity::Checker::sound();
    vault.key = new_key;
    vault.header = new_header;
    if committed.is_err() {
        // Finish the header rename exactly as the next open would; if even that fails,
        // the next open does it (the staged header is left for it).
        let _ = swap::settle(&vault.paths);
    }
    match connect(&vault.paths, &vault.key).await {
        Ok(pool) => vault.pool = pool,
        // In force but not reopened here: the app shows "locked"; the note tells the next
        // unlock that the new passphrase is the one.
        Err(_) => {
            swap::write_note(&vault.paths, swap::Settled::RolledForward);
        }
    }
    leftovers::remove_stale(&vault.paths);
    Ok(extra)
}

/// Undoes a rotation that never swapped: staged files removed, the vault reopened under
/// its unchanged key, the error returned.
async fn reopen_unchanged<T>(vault: &mut Vault, staged: &super::paths::VaultPaths, e: crate::Error) -> Result<T> {
    swap::remove(staged);
    vault.pool = connect(&vault.paths, &vault.key).await?;
    if matches!(vault.integrity.now(), super::Integrity::Damaged(_)) {
        let _ = sqlx::query("PRAGMA query_only = ON").execute(&vault.pool).await;
    }
    Err(e)
}
