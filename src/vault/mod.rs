//! The vault: one SQLCipher database file plus its header. Create, unlock, lock, and
//! change the passphrase. Nothing here writes plaintext to disk: the database, its WAL
//! and its rollback files are encrypted page by page, temporary tables stay in memory,
//! and deleted content is overwritten.

mod files;
pub mod header;
pub mod kdf;
mod migrate;
pub mod passphrase;
pub mod paths;
mod recovery;

use std::fs::File;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use secrecy::SecretString;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use header::Header;
pub use kdf::KdfParams;
pub use migrate::MIGRATOR;
use paths::VaultPaths;

/// An unlocked vault. Dropping it (or [`Vault::lock`]) closes the database and releases
/// the file lock; no key material is kept in it once the connections are made.
pub struct Vault {
    pool: SqlitePool,
    paths: VaultPaths,
    header: Header,
    // Held for the vault's whole life; see files::lock_exclusive.
    _lock: File,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("path", &self.paths.db).finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a new vault at `db_path` protected by `passphrase`.
    pub async fn create(db_path: &Path, passphrase: &SecretString, params: KdfParams) -> Result<Vault> {
        passphrase::require_strong(passphrase)?;
        let paths = VaultPaths::new(db_path);
        if paths.db.exists() || paths.header.exists() {
            return Err(Error::AlreadyExists(paths.db.clone()));
        }
        files::ensure_private_dir(&paths.dir())?;
        let data_key = header::random_key();
        let vault_id = header::random_vault_id();
        let header = Header::seal(&vault_id, &data_key, passphrase, params)?;
        files::create_private(&paths.db)?;
        let lock = files::lock_exclusive(&paths)?;
        let made = async {
            let pool = connect(&paths, &data_key).await?;
            MIGRATOR.run(&pool).await.map_err(|e| Error::Migration(e.to_string()))?;
            sqlx::query("INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?)")
                .bind(&vault_id)
                .execute(&pool)
                .await?;
            // The header goes last: a crash before this leaves no openable half-vault.
            files::write_atomic(&paths.header, &header.to_bytes())?;
            Ok::<_, Error>(pool)
        }
        .await;
        match made {
            Ok(pool) => Ok(Vault { pool, paths, header, _lock: lock }),
            Err(e) => {
                drop(lock);
                for p in [paths.db.clone(), paths.wal(), paths.shm()] {
                    let _ = std::fs::remove_file(p);
                }
                Err(e)
            }
        }
    }

    /// Unlocks the vault at `db_path`, upgrading its schema if this version is newer.
    pub async fn open(db_path: &Path, passphrase: &SecretString) -> Result<Vault> {
        Self::open_with(db_path, passphrase, &MIGRATOR).await
    }

    /// [`Vault::open`] with a given set of migrations; tests use it to prove a failing
    /// upgrade leaves the vault as it was.
    #[doc(hidden)]
    pub async fn open_with(db_path: &Path, passphrase: &SecretString, migrator: &Migrator) -> Result<Vault> {
        let paths = VaultPaths::new(db_path);
        let header = files::inspect(&paths)?;
        let lock = files::lock_exclusive(&paths)?;
        let data_key = header.unseal(passphrase)?;
        let side_files = SideFiles::before_open(&paths);
        let opened = async {
            recovery::try_wal_on_copy(&paths, &header, &data_key).await?;
            let pool = connect(&paths, &data_key).await.map_err(|e| as_damaged(&paths, e))?;
            if let Err(e) = check_integrity(&pool, &paths, &header).await {
                close_pool(&pool, &paths).await;
                return Err(e);
            }
            migrate::upgrade(pool, &paths, migrator).await
        }
        .await;
        drop(data_key);
        let pool = match opened {
            Ok(pool) => pool,
            Err(e) => {
                side_files.remove_new(&paths);
                return Err(e);
            }
        };
        Ok(Vault { pool, paths, header, _lock: lock })
    }

    /// Folds the write-ahead log into the database file, closes every connection and
    /// releases the file. SQLCipher wipes its own copy of the key as each connection closes.
    /// Checkpointing first means the `.amparo` file alone holds every saved change.
    pub async fn lock(self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
        close_pool(&self.pool, &self.paths).await;
    }

    /// Re-wraps the database key under a new passphrase. Only the header changes, in one
    /// atomic rename, so a crash leaves either the old or the new passphrase working.
    pub async fn change_passphrase(
        &mut self,
        current: &SecretString,
        new: &SecretString,
        params: KdfParams,
    ) -> Result<()> {
        let data_key = self.header.unseal(current)?;
        passphrase::require_strong(new)?;
        let header = Header::seal(&self.header.vault_id, &data_key, new, params)?;
        files::write_atomic(&self.paths.header, &header.to_bytes())?;
        self.header = header;
        crate::store::audit::record_event(&self.pool, "passphrase_changed", "vault", None, serde_json::json!({}))
            .await?;
        Ok(())
    }

    /// The connection pool, for the store.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The vault's database file.
    pub fn path(&self) -> &Path {
        &self.paths.db
    }

    /// The KDF settings in force.
    pub fn kdf_params(&self) -> KdfParams {
        self.header.kdf.params
    }

    /// SQLCipher's version string; proves the database really is encrypted by SQLCipher.
    pub async fn cipher_version(&self) -> Result<String> {
        let v: Option<String> = sqlx::query_scalar("PRAGMA cipher_version").fetch_optional(&self.pool).await?;
        v.ok_or_else(|| Error::Database("SQLCipher is not linked in".into()))
    }

    /// The newest schema migration applied.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Closes every connection and waits (up to two seconds) until SQLite has removed its
/// `-wal` and `-shm` files, which it does when the last connection closes cleanly. The
/// pool's own close can return while a connection handed back by a finished query is
/// still closing on another task; waiting makes "locked" mean the files are let go.
/// Only sound because this process holds the vault's exclusive lock.
pub(crate) async fn close_pool(pool: &SqlitePool, paths: &VaultPaths) {
    pool.close().await;
    for _ in 0..400 {
        if !paths.wal().exists() && !paths.shm().exists() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Which of SQLite's side files existed before an open, so that a refused open can
/// remove the empty ones it created and leave the folder as it found it.
struct SideFiles {
    wal: bool,
    shm: bool,
}

impl SideFiles {
    fn before_open(paths: &VaultPaths) -> Self {
        SideFiles { wal: paths.wal().exists(), shm: paths.shm().exists() }
    }

    fn remove_new(&self, paths: &VaultPaths) {
        let wal_empty = std::fs::metadata(paths.wal()).map(|m| m.len() == 0).unwrap_or(false);
        if !self.wal && wal_empty {
            let _ = std::fs::remove_file(paths.wal());
        }
        if !self.shm && !paths.wal().exists() {
            let _ = std::fs::remove_file(paths.shm());
        }
    }
}

/// Opens the pool with the raw 256-bit key (SQLCipher skips its own PBKDF2 for `x'..'`).
async fn connect(paths: &VaultPaths, key: &kdf::Key) -> Result<SqlitePool> {
    let key_pragma = Zeroizing::new(format!("\"x'{}'\"", hex::encode(key.as_ref())));
    let options = SqliteConnectOptions::from_str("sqlite://")
        .map_err(|e| Error::Database(e.to_string()))?
        .filename(&paths.db)
        .create_if_missing(false)
        .pragma("key", key_pragma.to_string())
        .pragma("cipher_memory_security", "OFF")
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("temp_store", "MEMORY")
        .pragma("secure_delete", "ON")
        // 32 MiB of decrypted pages, in memory only: without it SQLCipher decrypts and
        // authenticates most of the file again on every list or search.
        .pragma("cache_size", "-32768")
        // A small WAL (checkpoint every 256 pages, 1 MiB, and cut back to that size): after
        // a disk-full failure, locking needs little free space to fold the log in, and a
        // vault left with a log needs little to be tried on copies at the next unlock.
        .pragma("wal_autocheckpoint", "256")
        .pragma("journal_size_limit", "1048576");
    // One connection: in WAL mode each connection holds a shared lock, so two closing at
    // once can each stop the other from checkpointing and removing the WAL. One also means
    // one copy of the key inside SQLCipher. A desktop vault's queries take milliseconds.
    SqlitePoolOptions::new().max_connections(1).connect_with(options).await.map_err(Error::from)
}

/// SQLCipher reports a page it cannot authenticate as "file is not a database".
fn as_damaged(paths: &VaultPaths, e: Error) -> Error {
    match e {
        Error::Database(msg) if msg.contains("not a database") || msg.contains("malformed") => {
            files::damaged(paths, "the data file does not match its header, or its pages fail authentication")
        }
        other => other,
    }
}

async fn check_integrity(pool: &SqlitePool, paths: &VaultPaths, header: &Header) -> Result<()> {
    let cipher_errors: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check")
        .fetch_all(pool)
        .await
        .map_err(|e| as_damaged(paths, e.into()))?;
    if !cipher_errors.is_empty() {
        return Err(files::damaged(paths, &format!("{} page(s) fail authentication", cipher_errors.len())));
    }
    let quick: Vec<String> =
        sqlx::query_scalar("PRAGMA quick_check").fetch_all(pool).await.map_err(|e| as_damaged(paths, e.into()))?;
    if quick != ["ok"] {
        return Err(files::damaged(paths, "the database structure check failed"));
    }
    let id: Option<String> = sqlx::query_scalar("SELECT value FROM vault_meta WHERE key = 'vault_id'")
        .fetch_optional(pool)
        .await
        .map_err(|_| files::damaged(paths, "the vault's identity record is missing"))?;
    match id {
        Some(id) if id == header.vault_id => Ok(()),
        _ => Err(files::damaged(paths, "the data file belongs to a different vault than its header")),
    }
}
