//! Restore: a backup put in place of a vault (or at a new path, on a new laptop).
//!
//! The backup is checked first (checksum, passphrase, integrity, a schema this version
//! can read), unpacked beside the vault as a staged replacement, and only then swapped
//! in (see `swap`). The vault it replaces is kept aside as `<vault>.replaced-<time>`
//! (hard links: no copy of the bytes), with its header and any write-ahead log, and a
//! restore never deletes it. A failure before the swap removes what the restore made and
//! leaves the vault exactly as it was.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::Utc;
use secrecy::SecretString;
use serde::Serialize;

use super::{bad, summarise, unpack_and_unseal, Summary};
use crate::error::{Error, Result};
use crate::vault::paths::VaultPaths;
use crate::vault::swap::{self, Step};
use crate::vault::{check_integrity, close_pool, connect, files, newest_schema};

/// What a restore did.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Restored {
    /// What the restored vault holds.
    pub summary: Summary,
    /// Where the replaced vault was kept, if there was one.
    #[ts(type = "string | null")]
    pub replaced: Option<PathBuf>,
}

/// Restores `file` to the vault at `vault_path` with the backup's passphrase.
pub async fn restore(file: &Path, vault_path: &Path, passphrase: &SecretString) -> Result<Restored> {
    restore_with(file, vault_path, passphrase, &mut |_| Ok(())).await
}

/// [`restore`] with a hook at each step, for the tests that inject a failure there.
#[doc(hidden)]
pub async fn restore_with(
    file: &Path,
    vault_path: &Path,
    passphrase: &SecretString,
    step: &mut (dyn FnMut(Step) -> Result<()> + Send),
) -> Result<Restored> {
    let paths = VaultPaths::new(vault_path);
    let existing = paths.db.exists();
    let _lock = if existing {
        files::require_present(&paths)?;
        let lock = files::lock_exclusive(&paths)?;
        swap::settle(&paths)?;
        Some(lock)
    } else {
        files::ensure_private_dir(&paths.dir())?;
        None
    };
    let staged = paths.staged("incoming");
    swap::remove(&staged);
    let mut aside: Option<VaultPaths> = None;
    let prepared = async {
        let (prelude, key) = unpack_and_unseal(file, &staged, passphrase).await?;
        step(Step::Exported)?;
        let pool = connect(&staged, &key).await.map_err(|e| bad(file, &format!("its data does not open ({e})")))?;
        let checked = async {
            check_integrity(&pool, &staged, &prelude.header).await.map_err(|e| bad(file, &e.to_string()))?;
            let mut summary = summarise(&pool).await?;
            let newest_known = newest_schema();
            if summary.schema_version > newest_known {
                return Err(Error::NewerVersion {
                    found: u32::try_from(summary.schema_version).unwrap_or(u32::MAX),
                    supported: u32::try_from(newest_known).unwrap_or(u32::MAX),
                });
            }
            summary.created = prelude.meta.created.clone();
            Ok(summary)
        }
        .await;
        close_pool(&pool, &staged).await;
        let summary = checked?;
        step(Step::Verified)?;
        files::write_atomic(&staged.header, &prelude.header_bytes)?;
        step(Step::HeaderStaged)?;
        if existing {
            let kept = free_aside_name(&paths);
            aside = Some(kept.clone());
            keep_aside(&paths, &kept)?;
        }
        step(Step::AsideKept)?;
        // The restored file is locked before it becomes the vault, so no other process
        // can open it between the two renames.
        let incoming_lock = files::lock_incoming(&staged.db, &paths)?;
        Ok::<_, Error>((summary, incoming_lock))
    }
    .await;
    // Before the data swap, a failure removes what this restore made and nothing else.
    let undo = |aside: &Option<VaultPaths>| {
        swap::remove(&staged);
        if let Some(kept) = aside {
            remove_aside(kept);
        }
    };
    let (summary, _incoming_lock) = match prepared {
        Ok(p) => p,
        Err(e) => {
            undo(&aside);
            return Err(e);
        }
    };
    let (data_swapped, committed) = swap::commit(&staged, &paths, &mut *step);
    if !data_swapped {
        undo(&aside);
        return Err(committed.expect_err("not swapped means it failed"));
    }
    // In force from here: finish the header as the next open would, never undo.
    if committed.is_err() {
        let _ = swap::settle(&paths);
    }
    // A note about an earlier interrupted passphrase change concerns the replaced vault.
    let _ = fs::remove_file(paths.interrupted_note());
    Ok(Restored { summary, replaced: aside.map(|a| a.db) })
}

/// An aside name no file has yet (two restores in one second get `-2`, `-3`…), so an
/// earlier kept vault is never overwritten, nor removed by a later failed restore.
fn free_aside_name(paths: &VaultPaths) -> VaultPaths {
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    std::iter::once(stamp.clone())
        .chain((2..).map(|n| format!("{stamp}-{n}")))
        .map(|s| paths.replaced(&s))
        .find(|p| !p.db.exists() && !p.header.exists() && !p.wal().exists())
        .expect("some name is free")
}

/// Links the vault's files under the aside name (a copy where links are not possible).
fn keep_aside(paths: &VaultPaths, kept: &VaultPaths) -> Result<()> {
    let mut pairs = vec![(paths.db.clone(), kept.db.clone()), (paths.header.clone(), kept.header.clone())];
    if fs::metadata(paths.wal()).map(|m| m.len() > 0).unwrap_or(false) {
        pairs.push((paths.wal(), kept.wal()));
    }
    for (from, to) in pairs {
        if !from.exists() {
            continue;
        }
        if fs::hard_link(&from, &to).is_err() {
            files::copy_atomic(&from, &to)?;
        }
    }
    files::sync_dir(&kept.db).map_err(|e| files::io_error(&kept.db, e))
}

fn remove_aside(kept: &VaultPaths) {
    for p in [kept.db.clone(), kept.header.clone(), kept.wal()] {
        let _ = fs::remove_file(p);
    }
}
