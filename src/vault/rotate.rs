//! Key rotation: the whole database re-encrypted under a fresh random key, then swapped in
//! with its new header (see `swap` for why a crash at any point leaves a vault that opens
//! with exactly one key). Afterwards the retired key opens nothing of the current data,
//! so neither an old header (kept in a backup, a snapshot, or carved from freed blocks)
//! nor the old passphrase is of any use against it.

use super::files;
use super::header::{self, Header};
use super::kdf::Key;
use super::swap::{self, Step};
use super::{blocking, close_pool, connect, export, leftovers, Vault};
use crate::error::Result;

/// Rotates `vault` to a fresh key. `make_header` builds the new header for the new key
/// from the current one (off the async threads: it runs Argon2id) and may return a value
/// with it (a new recovery code). Once the new data file has replaced the old one the
/// rotation counts as done, whatever happens after: reporting a failure then would send
/// the user back to a passphrase that no longer works.
pub(super) async fn rotate<T: Send + 'static>(
    vault: &mut Vault,
    make_header: impl FnOnce(&Header, &Key) -> Result<(Header, T)> + Send + 'static,
    progress: export::Progress<'_>,
    step: &mut (dyn FnMut(Step) -> Result<()> + Send),
) -> Result<T> {
    let staged = vault.paths.staged("rekey");
    swap::remove(&staged);
    let new_key = header::random_key();
    let (new_header, extra) = {
        let (current, key) = (vault.header.clone(), new_key.clone());
        blocking(move || make_header(&current, &key)).await?
    };

    let prepared = async {
        export::export(&vault.pool, &vault.paths.db, &staged.db, &new_key, progress).await?;
        files::sync_file(&staged.db)?;
        step(Step::Exported)?;
        let pool = connect(&staged, &new_key).await?;
        let checked = super::check_integrity(&pool, &staged, &new_header).await;
        close_pool(&pool, &staged).await;
        checked?;
        step(Step::Verified)?;
        files::write_atomic(&staged.header, &new_header.to_bytes())?;
        step(Step::HeaderStaged)
    }
    .await;
    if let Err(e) = prepared {
        swap::remove(&staged);
        return Err(e);
    }

    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&vault.pool).await;
    close_pool(&vault.pool, &vault.paths).await;
    let mut data_swapped = false;
    let committed = match files::lock_file(&staged.db) {
        Ok(new_lock) => {
            let result = step(Step::Closed).and_then(|_| {
                swap::commit(&staged, &vault.paths, |s| {
                    if s == Step::DataSwapped {
                        data_swapped = true;
                    }
                    step(s)
                })
            });
            if data_swapped {
                vault._lock = new_lock;
            }
            result
        }
        Err(e) => Err(e),
    };
    if data_swapped {
        if committed.is_err() {
            // Finish the header rename exactly as the next open would.
            swap::settle(&vault.paths)?;
        }
        vault.key = new_key;
        vault.header = new_header;
    } else {
        swap::remove(&staged);
    }
    vault.pool = connect(&vault.paths, &vault.key).await?;
    if !data_swapped {
        return Err(committed.expect_err("not swapped means it failed"));
    }
    leftovers::remove_stale(&vault.paths);
    Ok(extra)
}
