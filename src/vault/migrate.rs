//! Schema upgrades at unlock. A copy of the (encrypted) data file is made before any
//! migration runs; if one fails, the copy is put back, so the old vault stays usable. The
//! copy lives only as long as the upgrade: kept afterwards it would be one more copy under
//! a key that a later passphrase change retires (the header is not copied: the upgrade
//! never changes it).

use sqlx::migrate::Migrator;
use sqlx::sqlite::SqlitePool;

use super::files;
use super::paths::VaultPaths;
use crate::error::{Error, Result};

/// The migrations in `migrations/`, compiled into the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// The newest schema version this build knows (what a vault is brought up to at unlock).
pub fn newest_schema() -> i64 {
    MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration()).map(|m| m.version).max().unwrap_or(0)
}

/// Brings the schema up to `migrator`'s newest version, refusing a vault from a newer Amparo.
pub async fn upgrade(pool: SqlitePool, paths: &VaultPaths, migrator: &Migrator) -> Result<SqlitePool> {
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
        .fetch_all(&pool)
        .await
        .unwrap_or_default();
    let known: Vec<i64> = migrator.iter().filter(|m| m.migration_type.is_up_migration()).map(|m| m.version).collect();
    let newest_known = known.iter().copied().max().unwrap_or(0);
    if let Some(&newest) = applied.iter().max() {
        if newest > newest_known {
            super::close_pool(&pool, paths).await;
            return Err(Error::NewerVersion {
                found: u32::try_from(newest).unwrap_or(u32::MAX),
                supported: u32::try_from(newest_known).unwrap_or(u32::MAX),
            });
        }
    }
    if known.iter().all(|v| applied.contains(v)) {
        return Ok(pool);
    }
    let current = applied.iter().copied().max().unwrap_or(0);
    let copy = paths.pre_migration_copy(current);
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
    files::copy_atomic(&paths.db, &copy.db)?;
    match migrator.run(&pool).await {
        Ok(()) => {
            let _ = std::fs::remove_file(&copy.db);
            Ok(pool)
        }
        Err(e) => {
            super::close_pool(&pool, paths).await;
            for stale in [paths.wal(), paths.shm()] {
                let _ = std::fs::remove_file(stale);
            }
            files::copy_atomic(&copy.db, &paths.db)?;
            let _ = std::fs::remove_file(&copy.db);
            Err(Error::Migration(e.to_string()))
        }
    }
}
