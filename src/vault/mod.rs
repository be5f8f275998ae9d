//! The vault: one SQLCipher database file plus its header. Create, unlock, lock, re-key
//! (change the passphrase), recover with the recovery code, back up and restore. Nothing
//! here writes plaintext to disk: the database, its WAL, its rollback files, its backups
//! and every staged copy are encrypted page by page, temporary tables stay in memory, and
//! deleted content is overwritten.

pub mod backup;
mod export;
mod files;
pub use files::write_private;
pub mod header;
mod integrity;
pub use integrity::Integrity;
pub mod kdf;
mod leftovers;
mod migrate;
pub mod passphrase;
pub mod paths;
#[cfg(feature = "bench-plain")]
pub mod plain;
pub mod recovery_code;
mod rotate;
mod slots;
pub mod swap;
mod wal_trial;

use std::fs::File;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::ConnectOptions;

use crate::error::{Error, Result};
pub use export::{no_progress, Progress};
use header::Header;
pub use kdf::KdfParams;
use kdf::Key;
pub use migrate::{newest_schema, MIGRATOR};
use paths::VaultPaths;
pub use recovery_code::RecoveryCode;
pub use swap::{Settled, Step};

/// An unlocked vault. Dropping it (or [`Vault::lock`]) closes the database and releases
/// the file lock. It keeps the database key (wiped on drop) for what needs it while open:
/// backups, checks of copies, a rotation that must fall back. SQLCipher holds the same key
/// for as long as the connection is open, so this adds no exposure.
pub struct Vault {
    pool: SqlitePool,
    paths: VaultPaths,
    header: Header,
    key: Key,
    notice: Option<Settled>,
    integrity: integrity::Checker,
    // Held for the vault's whole life; see files::lock_exclusive.
    _lock: File,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("path", &self.paths.db).finish_non_exhaustive()
    }
}

/// What [`Vault::maintain_header`] did.
#[derive(Debug, Default)]
pub struct Upkeep {
    /// The passphrase slot was sealed again with today's settings (or format 1 upgraded).
    pub strengthened: bool,
    /// A recovery code made for a vault that had none: show it once.
    pub recovery_code: Option<RecoveryCode>,
}

impl Vault {
    /// Creates a new vault at `db_path` protected by `passphrase`, with a recovery code
    /// that is returned once, to be shown to the user and never stored.
    pub async fn create(db_path: &Path, passphrase: &SecretString, params: KdfParams) -> Result<(Vault, RecoveryCode)> {
        passphrase::require_strong(passphrase)?;
        let paths = VaultPaths::new(db_path);
        if paths.db.exists() || paths.header.exists() {
            return Err(Error::AlreadyExists(paths.db.clone()));
        }
        files::ensure_private_dir(&paths.dir())?;
        let data_key = header::random_key();
        let vault_id = header::random_vault_id();
        let (header, code) = {
            let (id, key, pass) = (vault_id.clone(), data_key.clone(), copy_secret(passphrase));
            blocking(move || Header::create(&id, &key, &pass, params, true)).await?
        };
        let code = code.expect("asked for a recovery slot");
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
            Ok(pool) => Ok((
                Vault {
                    pool,
                    paths,
                    header,
                    key: data_key,
                    notice: None,
                    integrity: integrity::Checker::sound(),
                    _lock: lock,
                },
                code,
            )),
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
        let pass = copy_secret(passphrase);
        Self::open_inner(VaultPaths::new(db_path), migrator, move |h: &Header| h.unseal(&pass)).await
    }

    /// Opens the vault with its recovery code and sets `new_passphrase` (a full key
    /// rotation: afterwards neither the forgotten passphrase nor any old header opens it).
    pub async fn recover(
        db_path: &Path,
        code: &RecoveryCode,
        new_passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<Vault> {
        passphrase::require_strong(new_passphrase)?;
        let code = code.clone();
        let mut vault =
            Self::open_inner(VaultPaths::new(db_path), &MIGRATOR, move |h: &Header| h.unseal_recovery(&code)).await?;
        let pass = copy_secret(new_passphrase);
        rotate::rotate(&mut vault, move |h, k| Ok((h.rekeyed(k, &pass, params)?, ())), &no_progress, &mut |_| Ok(()))
            .await?;
        vault.audit("vault_recovered").await;
        Ok(vault)
    }

    async fn open_inner(
        paths: VaultPaths,
        migrator: &Migrator,
        unseal: impl FnOnce(&Header) -> Result<Key> + Send + 'static,
    ) -> Result<Vault> {
        files::require_present(&paths)?;
        let lock = files::lock_exclusive(&paths)?;
        let tightened = files::tighten_permissions(&paths);
        if let Some(settled) = swap::settle(&paths)? {
            swap::write_note(&paths, settled);
        }
        // Kept until an unlock succeeds: every refused attempt until then says which
        // passphrase an interrupted change left in force.
        let notice = swap::read_note(&paths);
        let header = files::inspect(&paths)?;
        let data_key = {
            let h = header.clone();
            match (blocking(move || unseal(&h)).await, notice) {
                (Err(Error::WrongPassphrase), Some(settled)) => {
                    return Err(Error::WrongPassphraseAfterInterruptedChange {
                        new_in_force: settled == Settled::RolledForward,
                    })
                }
                (result, _) => result?,
            }
        };
        leftovers::remove_stale(&paths);
        let side_files = SideFiles::before_open(&paths);
        let opened = async {
            wal_trial::try_wal_on_copy(&paths, &header, &data_key).await?;
            let pool = connect(&paths, &data_key).await.map_err(|e| as_damaged(&paths, e))?;
            // What every unlock checks; the whole file is checked in the background (see
            // `integrity`), which at 100,000 clients would otherwise add seconds to it.
            if let Err(e) = check_identity(&pool, &paths, &header).await {
                close_pool(&pool, &paths).await;
                return Err(e);
            }
            migrate::upgrade(pool, &paths, migrator).await
        }
        .await;
        let pool = match opened {
            Ok(pool) => pool,
            Err(e) => {
                side_files.remove_new(&paths);
                return Err(e);
            }
        };
        let _ = std::fs::remove_file(paths.interrupted_note());
        if !tightened.is_empty() {
            let changes = serde_json::json!({ "owner_only": tightened });
            let _ = crate::store::audit::record_event(&pool, "permissions_tightened", "vault", None, changes).await;
        }
        let _ = crate::documents::sweep_unfinished(&pool).await;
        let integrity = integrity::Checker::start(pool.clone(), &paths, &data_key);
        Ok(Vault { pool, paths, header, key: data_key, notice, integrity, _lock: lock })
    }

    /// Folds the write-ahead log into the database file, closes every connection and
    /// releases the file. SQLCipher wipes its own copy of the key as each connection closes.
    /// Checkpointing first means the `.amparo` file alone holds every saved change.
    pub async fn lock(mut self) {
        // Whether the viewer still has them open cannot be known: every copy goes.
        let _ = crate::documents::private_copy::sweep();
        self.integrity.stop().await;
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
        close_pool(&self.pool, &self.paths).await;
        // Again once no command can run: an opening under way at the first sweep may
        // have written its copy since.
        let _ = crate::documents::private_copy::sweep();
    }

    /// Changes the passphrase by re-encrypting the whole database under a fresh random key
    /// (see `rotate`): afterwards the old passphrase, any old header and any old copy of the
    /// file open nothing of the current data. The recovery code keeps working.
    pub async fn change_passphrase(
        &mut self,
        current: &SecretString,
        new: &SecretString,
        params: KdfParams,
    ) -> Result<()> {
        self.change_passphrase_with(current, new, params, &no_progress, &mut |_| Ok(())).await
    }

    /// [`Vault::change_passphrase`] with progress and a hook called at each step (tests
    /// stop it there to prove a failure or a kill at any step leaves a vault that opens).
    #[doc(hidden)]
    pub async fn change_passphrase_with(
        &mut self,
        current: &SecretString,
        new: &SecretString,
        params: KdfParams,
        progress: Progress<'_>,
        step: &mut (dyn FnMut(Step) -> Result<()> + Send),
    ) -> Result<()> {
        self.check_passphrase(current).await?;
        passphrase::require_strong(new)?;
        let pass = copy_secret(new);
        rotate::rotate(self, move |h, k| Ok((h.rekeyed(k, &pass, params)?, ())), progress, step).await?;
        self.audit("passphrase_changed").await;
        Ok(())
    }

    /// Makes a new recovery code and returns it, to be shown once. Where the vault had a
    /// code, the data is re-encrypted under a fresh key so the old code opens nothing.
    pub async fn new_recovery_code(&mut self, passphrase: &SecretString, params: KdfParams) -> Result<RecoveryCode> {
        self.check_passphrase(passphrase).await?;
        if !self.header.has_recovery() {
            let upkeep = self.maintain_header(passphrase, true).await?;
            return upkeep.recovery_code.ok_or(Error::NoRecoveryCode);
        }
        let pass = copy_secret(passphrase);
        let code = rotate::rotate(
            self,
            move |h, k| h.rekeyed(k, &pass, params)?.with_new_recovery(k),
            &no_progress,
            &mut |_| Ok(()),
        )
        .await?;
        self.audit("recovery_code_replaced").await;
        Ok(code)
    }

    /// Brings the header up to today's standard, right after an unlock with `passphrase`:
    /// format 1 becomes format 2, a passphrase slot below today's KDF settings is sealed
    /// again with calibrated ones, and (when asked) a vault without a recovery code gets one.
    pub async fn maintain_header(&mut self, passphrase: &SecretString, add_recovery: bool) -> Result<Upkeep> {
        let reseal =
            self.header.version < header::FORMAT_VERSION || self.header.passphrase_params().below_current_default();
        let add_code = add_recovery && !self.header.has_recovery();
        if !reseal && !add_code {
            return Ok(Upkeep::default());
        }
        let (header, key, pass) = (self.header.clone(), self.key.clone(), copy_secret(passphrase));
        let (new_header, code) = blocking(move || {
            let mut h = header;
            if reseal {
                // Sealing under a passphrase that is not the vault's would lock the user out.
                if *h.unseal(&pass)? != *key {
                    return Err(Error::WrongPassphrase);
                }
                h = h.with_passphrase(&key, &pass, KdfParams::calibrated())?;
            }
            let mut code = None;
            if add_code {
                let (with_code, c) = h.with_new_recovery(&key)?;
                h = with_code;
                code = Some(c);
            }
            Ok((h, code))
        })
        .await?;
        files::write_atomic(&self.paths.header, &new_header.to_bytes())?;
        self.header = new_header;
        if add_code {
            self.audit("recovery_code_made").await;
        }
        Ok(Upkeep { strengthened: reseal, recovery_code: code })
    }

    /// Checks that `passphrase` opens this vault (one key derivation).
    pub async fn check_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        let (header, pass) = (self.header.clone(), copy_secret(passphrase));
        let key = blocking(move || header.unseal(&pass)).await?;
        if *key != *self.key {
            return Err(Error::WrongPassphrase);
        }
        Ok(())
    }

    async fn audit(&self, action: &str) {
        // The change is already in force; a failed audit row must not report it as failed.
        let _ = crate::store::audit::record_event(&self.pool, action, "vault", None, serde_json::json!({})).await;
    }

    /// What the whole-file check started at unlock has found so far.
    pub fn integrity(&self) -> Integrity {
        self.integrity.now()
    }

    /// Waits for the whole-file check started at unlock to end, and says what it found.
    pub async fn integrity_checked(&self) -> Integrity {
        self.integrity.finished().await
    }

    /// The same wait, borrowing nothing: for a caller that must not hold the vault (the
    /// app's lock on it) for the seconds the check may take.
    pub fn integrity_waiter(&self) -> impl std::future::Future<Output = Integrity> + Send + 'static {
        self.integrity.finished()
    }

    /// Whether a recovery code can open this vault.
    pub fn has_recovery_code(&self) -> bool {
        self.header.has_recovery()
    }

    /// Set when this unlock settled a passphrase change that a crash had interrupted.
    pub fn interrupted_change(&self) -> Option<Settled> {
        self.notice
    }

    /// The connection pool, for the store.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The vault's database file.
    pub fn path(&self) -> &Path {
        &self.paths.db
    }

    /// The KDF settings of the passphrase slot.
    pub fn kdf_params(&self) -> KdfParams {
        self.header.passphrase_params()
    }

    /// The random id shared by the data file and the header.
    pub fn vault_id(&self) -> &str {
        &self.header.vault_id
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

/// A copy of a secret for a blocking task (wiped when that copy drops).
fn copy_secret(s: &SecretString) -> SecretString {
    SecretString::from(s.expose_secret().to_owned())
}

/// Runs CPU-heavy work (Argon2id, up to a second or more) off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Error::Database(format!("a background task failed ({e})")))?
}

/// Closes every connection and waits (up to two seconds) until SQLite has removed its
/// `-wal` and `-shm` files, which it does when the last connection closes cleanly. The
/// pool's own close can return while a connection handed back by a finished query is
/// still closing on another task; waiting makes "locked" mean the files are let go.
/// Only sound because this process holds the vault's exclusive lock.
pub(crate) async fn close_pool(pool: &SqlitePool, paths: &VaultPaths) {
    // The connection is taken and closed here, and awaited: `Pool::close` alone can
    // return while a connection handed back a moment ago is still open on SQLite's
    // thread, which kept the WAL (and the vault) open for seconds after "locked".
    match tokio::time::timeout(Duration::from_secs(5), pool.acquire()).await {
        Ok(Ok(conn)) => {
            let closing = pool.close();
            let _ = conn.close().await;
            closing.await;
        }
        _ => pool.close().await,
    }
    wait_for_side_files(paths).await;
}

/// Waits (up to two seconds) for SQLite to remove the `-wal` and `-shm` files.
pub(crate) async fn wait_for_side_files(paths: &VaultPaths) {
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
    let key_text = std::sync::Arc::new(kdf::raw_key_text(key));
    let options = connect_options(paths)?;
    // A pool retries a connection its setup refused until it times out, which would turn
    // "wrong key" or "damaged" into a timeout: one connection is keyed first, on its own,
    // so that its error is the one reported.
    use sqlx::Connection;
    let mut probe = sqlx::SqliteConnection::connect_with(&options).await?;
    let probed = prepare(&mut probe, &key_text).await;
    let _ = probe.close().await;
    probed?;
    // One connection: in WAL mode each connection holds a shared lock, so two closing at
    // once can each stop the other from checkpointing and removing the WAL. One also means
    // one copy of the key inside SQLCipher. A desktop vault's queries take milliseconds.
    // No idle or lifetime limit: a connection is keyed once, when the vault opens.
    SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(move |conn, _| {
            let key_text = key_text.clone();
            Box::pin(async move { prepare(conn, &key_text).await })
        })
        .connect_with(options)
        .await
        .map_err(Error::from)
}

/// How every connection to a vault's file is opened. Only what reads no page: sqlx runs
/// these before `prepare` gives the key.
fn connect_options(paths: &VaultPaths) -> Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::from_str("sqlite://")
        .map_err(|e| Error::Database(e.to_string()))?
        .filename(&paths.db)
        .create_if_missing(false)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .disable_statement_logging())
}

/// Keys a new connection and sets it up. The key goes to SQLCipher through its C API from
/// the wiped buffer: a `PRAGMA key` text would stay, unwiped, in sqlx's options, be built
/// again at every connect, and reach any statement logger. Then SQLite's defensive mode,
/// and the pragmas that read pages (which need the key).
async fn prepare(conn: &mut sqlx::SqliteConnection, key_text: &str) -> std::result::Result<(), sqlx::Error> {
    use libsqlite3_sys::{sqlite3_db_config, sqlite3_key_v2, SQLITE_DBCONFIG_DEFENSIVE, SQLITE_OK};
    use std::os::raw::c_int;
    {
        let mut handle = conn.lock_handle().await?;
        let db = handle.as_raw_handle().as_ptr();
        // SAFETY: `db` is this connection's open handle, held locked for both calls; the key
        // text outlives the call and SQLCipher keeps its own copy.
        let keyed = unsafe { sqlite3_key_v2(db, c"main".as_ptr(), key_text.as_ptr().cast(), key_text.len() as c_int) };
        if keyed != SQLITE_OK {
            return Err(sqlx::Error::Protocol(format!("SQLCipher refused the key (code {keyed})")));
        }
        // Defensive: no SQL may write the schema or shadow tables directly, so a vault
        // handed over with its passphrase cannot be made to corrupt itself.
        // SAFETY: as above; the option takes an int and an optional out-pointer.
        let set =
            unsafe { sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1 as c_int, std::ptr::null_mut::<c_int>()) };
        if set != SQLITE_OK {
            return Err(sqlx::Error::Protocol(format!("SQLite's defensive mode could not be set (code {set})")));
        }
    }
    for pragma in SESSION_PRAGMAS {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every connection's settings, set once it can read pages.
const SESSION_PRAGMAS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    // cipher_memory_security (wiping all memory SQLite frees) is left at 4.5.7's
    // default, off: measured on, the dashboard took 17x and search 9x as long
    // (docs/BENCHMARKS.md). Core dumps off and encrypted swap are the answer instead.
    "PRAGMA temp_store = MEMORY",
    // A vault handed over with its passphrase cannot run code through its schema
    // (views and triggers calling functions with side effects).
    "PRAGMA trusted_schema = OFF",
    "PRAGMA secure_delete = ON",
    // 32 MiB of decrypted pages, in memory only: without it SQLCipher decrypts and
    // authenticates most of the file again on every list or search.
    "PRAGMA cache_size = -32768",
    // A small WAL (checkpoint every 256 pages, 1 MiB, and cut back to that size): after
    // a disk-full failure, locking needs little free space to fold the log in, and a
    // vault left with a log needs little to be tried on copies at the next unlock.
    "PRAGMA wal_autocheckpoint = 256",
    "PRAGMA journal_size_limit = 1048576",
];

/// SQLCipher reports a page it cannot authenticate as "file is not a database".
fn as_damaged(paths: &VaultPaths, e: Error) -> Error {
    match e {
        Error::Database(msg) if msg.contains("not a database") || msg.contains("malformed") => {
            files::damaged(paths, "the data file does not match its header, or its pages fail authentication")
        }
        other => other,
    }
}

/// Opens a copy of a vault (a staged rotation, an export for a backup, a WAL on trial)
/// under `key`, runs the integrity checks against `header`, and closes it, its WAL folded
/// and removed.
async fn check_copy(copy: &VaultPaths, key: &kdf::Key, header: &Header) -> Result<()> {
    let pool = connect(copy, key).await?;
    let checked = check_integrity(&pool, copy, header).await;
    close_pool(&pool, copy).await;
    checked
}

/// The vault's id in the data file matches its header's: reading it also authenticates the
/// schema pages and the pages on its way.
async fn check_identity(pool: &SqlitePool, paths: &VaultPaths, header: &Header) -> Result<()> {
    let id: Option<String> = sqlx::query_scalar("SELECT value FROM vault_meta WHERE key = 'vault_id'")
        .fetch_optional(pool)
        .await
        .map_err(|e| match as_damaged(paths, e.into()) {
            damaged @ Error::Damaged { .. } => damaged,
            _ => files::damaged(paths, "the vault's identity record is missing"),
        })?;
    match id {
        Some(id) if id == header.vault_id => Ok(()),
        _ => Err(files::damaged(paths, "the data file belongs to a different vault than its header")),
    }
}

/// The whole-file check: every page's tag, the structure, the identity. For copies (a
/// backup, a staged rotation, a WAL on trial), where nothing else will check them.
async fn check_integrity(pool: &SqlitePool, paths: &VaultPaths, header: &Header) -> Result<()> {
    let mut conn = pool.acquire().await?;
    if let Some(damage) = page_damage(&mut conn).await.map_err(|e| as_damaged(paths, e.into()))? {
        return Err(files::damaged(paths, &damage));
    }
    // The pool has one connection: given back before the identity is read through it.
    drop(conn);
    check_identity(pool, paths, header).await
}

/// Every page's authentication tag, then SQLite's structure check: what failed, or None.
/// Shared by the check of copies and the background check after an unlock.
async fn page_damage(conn: &mut sqlx::SqliteConnection) -> std::result::Result<Option<String>, sqlx::Error> {
    let cipher: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check").fetch_all(&mut *conn).await?;
    if !cipher.is_empty() {
        return Ok(Some(format!("{} page(s) fail authentication", cipher.len())));
    }
    let quick: Vec<String> = sqlx::query_scalar("PRAGMA quick_check").fetch_all(&mut *conn).await?;
    if quick != ["ok"] {
        return Ok(Some("the database structure check failed".into()));
    }
    Ok(None)
}
