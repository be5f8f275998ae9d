//! A whole-database copy under a chosen key, with SQLCipher's `sqlcipher_export`: the
//! documented way to re-encrypt a database, used both by key rotation (a fresh key) and by
//! backups (the same key). It runs on the vault's one connection, so no write can slip in
//! between tables: the copy is consistent. The key is bound as a parameter, so it never
//! appears in statement text that SQLite keeps or a logger could print.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::SqliteConnection;

use super::kdf::Key;
use crate::error::{Error, Result};

/// Called with (bytes written, bytes expected) while a long job runs.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Send + Sync);

/// A progress callback that shows nothing.
pub fn no_progress(_: u64, _: u64) {}

/// Exports the open database into a new file at `target` encrypted under `key`, on the
/// vault's one connection, which the caller holds (so nothing else writes meanwhile).
/// Progress is the size written so far against the source's size, sampled while the one
/// long statement runs.
pub async fn export(
    conn: &mut SqliteConnection,
    source: &Path,
    target: &Path,
    key: &Key,
    progress: Progress<'_>,
) -> Result<()> {
    let target_str = target.to_str().ok_or_else(|| Error::Database("the folder's name is not valid text".into()))?;
    let total = std::fs::metadata(source).map(|m| m.len()).unwrap_or(0);
    // The vault's connection may not create files (it opens with create_if_missing off),
    // so the target is made here, empty and owner-only; SQLCipher fills it.
    super::files::create_private(target)?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn).await?;
    let key_text = super::kdf::raw_key_text(key);
    sqlx::query("ATTACH DATABASE ?1 AS export KEY ?2")
        .bind(target_str)
        // Borrowed, not copied: sqlx keeps a reference for the call.
        .bind(key_text.as_str())
        .execute(&mut *conn)
        .await?;
    let exported = {
        let run = sqlx::query("SELECT sqlcipher_export('export')").execute(&mut *conn);
        tokio::pin!(run);
        loop {
            tokio::select! {
                r = &mut run => break r,
                _ = tokio::time::sleep(Duration::from_millis(250)) => {
                    progress(std::fs::metadata(target).map(|m| m.len()).unwrap_or(0).min(total), total);
                }
            }
        }
    };
    let detached = sqlx::query("DETACH DATABASE export").execute(&mut *conn).await;
    exported?;
    detached?;
    progress(total, total);
    Ok(())
}
