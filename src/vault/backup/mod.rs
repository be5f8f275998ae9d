//! Backups: a consistent copy of the open vault, encrypted under the vault's own key,
//! packed with its header into one `.amparo-backup` file (see `format`), written
//! atomically into a folder the user chooses, checked after writing, and thinned to a
//! retention count. `verify` opens a backup with the passphrase and says what it holds;
//! `restore` (in `restore.rs`) puts one in place of a vault.
//!
//! The copy is made with `sqlcipher_export` on the vault's one connection (see
//! `export`): consistent without stopping the app, and written in SQLCipher's own format
//! under a key named explicitly. SQLite's backup API copies pages as they are, but sqlx
//! does not expose it; `VACUUM INTO` leaves the target's key to SQLCipher's defaults.

mod format;
mod restore;

use std::fs::{self, File};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use secrecy::SecretString;
use serde::Serialize;
use sqlx::sqlite::SqlitePool;

pub use format::{check_bytes, Meta, Prelude};
pub use restore::{restore, restore_with, Restored};

use super::files;
use super::kdf::Key;
use super::paths::VaultPaths;
use super::{blocking, connect, copy_secret, export, Vault};
use crate::error::{Error, Result};

/// File extension of backups.
pub const EXTENSION: &str = "amparo-backup";
/// Backups kept when the user has not said otherwise.
pub const DEFAULT_KEEP: usize = 10;

/// A backup just written.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Made {
    #[ts(type = "string")]
    pub file: PathBuf,
    pub created: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Older backups of this vault removed by the retention count.
    #[ts(type = "Array<string>")]
    pub removed: Vec<PathBuf>,
}

/// What a backup (or a vault) holds: counts and dates only, never a name.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Summary {
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub clients: i64,
    #[ts(type = "number")]
    pub matters: i64,
    #[ts(type = "number")]
    pub deadlines: i64,
    /// The newest entry of the audit log (RFC 3339), if any.
    pub newest_change: Option<String>,
    /// When the backup was made; empty for a vault.
    pub created: String,
}

impl Vault {
    /// Writes a backup into `dir`. Thinning old ones is the policy's (`crate::backups`),
    /// which removes only files this vault recorded writing.
    pub async fn backup_to(&self, dir: &Path, progress: export::Progress<'_>) -> Result<Made> {
        files::ensure_private_dir(dir)?;
        // Recorded by its canonical path, so retention finds it however the folder was named.
        let dir = &fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
        let now = Utc::now();
        let created = now.to_rfc3339_opts(SecondsFormat::Millis, true);
        let staged =
            self.paths.dir().join(format!("{}.export-{}", self.paths.file_name(), super::header::random_vault_id()));
        let made = async {
            {
                let mut conn = self.pool.acquire().await?;
                export::export(&mut conn, &self.paths.db, &staged, &self.key, progress).await?;
            }
            super::check_copy(&VaultPaths::new(&staged), &self.key, &self.header).await?;
            let meta = Meta {
                created: created.clone(),
                vault_id: self.header.vault_id.clone(),
                app_version: env!("CARGO_PKG_VERSION").into(),
            };
            let target = unused_name(dir, &now.format("amparo-%Y-%m-%dT%H-%M-%SZ").to_string());
            let bytes = pack(&staged, &target, &meta, &self.header.to_bytes())?;
            // Read back from where it landed: a bad stick or a full share shows up now.
            let file = File::open(&target).map_err(|e| Error::io(&target, e))?;
            let mut r = format::Hashing::new(BufReader::new(file));
            format::read_prelude(&mut r)
                .and_then(|p| format::read_rest(r, &p, &mut std::io::sink()))
                .map_err(|detail| Error::BadBackup { path: target.clone(), detail })?;
            Ok::<_, Error>((target, bytes))
        }
        .await;
        for p in [staged.clone(), VaultPaths::new(&staged).wal(), VaultPaths::new(&staged).shm()] {
            let _ = fs::remove_file(p);
        }
        let (file, bytes) = made?;
        Ok(Made { file, created, bytes, removed: Vec::new() })
    }
}

/// Counts and dates of a database, for the user to see what a backup or vault holds.
pub(crate) async fn summarise(pool: &SqlitePool) -> Result<Summary> {
    // One statement, read to its end: a statement left mid-way keeps SQLite from closing
    // the connection (and removing its WAL) until it is finalized.
    let (schema_version, clients, matters, deadlines, newest_change): (i64, i64, i64, i64, Option<String>) =
        sqlx::query_as(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success),
                    (SELECT COUNT(*) FROM clients WHERE deleted_at IS NULL),
                    (SELECT COUNT(*) FROM matters WHERE deleted_at IS NULL),
                    (SELECT COUNT(*) FROM deadlines),
                    (SELECT MAX(at) FROM audit_log)",
        )
        .fetch_all(pool)
        .await?
        .pop()
        .ok_or_else(|| Error::Database("no summary row".into()))?;
    Ok(Summary { schema_version, clients, matters, deadlines, newest_change, created: String::new() })
}

/// What an open vault holds (counts and dates).
pub async fn summarise_vault(vault: &Vault) -> Result<Summary> {
    summarise(&vault.pool).await
}

/// Packs the data file and header into `target` through a hidden temporary file in the
/// same folder, flushed, then renamed (never over an existing file).
fn pack(data: &Path, target: &Path, meta: &Meta, header_bytes: &[u8]) -> Result<u64> {
    let dir = target.parent().unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    let len = fs::metadata(data).map_err(|e| Error::io(data, e))?.len();
    let mut source = BufReader::new(File::open(data).map_err(|e| Error::io(data, e))?);
    let tmp = tempfile::Builder::new()
        .prefix(".amparo-backup-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| files::io_error(dir, e))?;
    let bytes = {
        let mut out = std::io::BufWriter::new(tmp.as_file());
        let n =
            format::write(&mut out, meta, header_bytes, &mut source, len).map_err(|e| files::io_error(target, e))?;
        out.into_inner().map_err(|e| files::io_error(target, e.into_error()))?;
        n
    };
    tmp.as_file().sync_all().map_err(|e| files::io_error(target, e))?;
    tmp.persist_noclobber(target).map_err(|e| files::io_error(target, e.error))?;
    files::sync_dir(target).map_err(|e| files::io_error(target, e))?;
    Ok(bytes)
}

/// Temporary files of backups a crash cut short, a day old or more (a younger one may be
/// another laptop's backup being written into the same shared folder).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let day = std::time::Duration::from_secs(24 * 3600);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let old =
            e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|m| m.elapsed().ok()).is_some_and(|a| a >= day);
        if name.starts_with(".amparo-backup-") && name.ends_with(".tmp") && old {
            let _ = fs::remove_file(e.path());
        }
    }
}

fn unused_name(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{EXTENSION}"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{stem}-{n}.{EXTENSION}"))).find(|p| !p.exists()).expect("some name is free")
}

/// This vault's backups in `dir` by what their description says, newest first (for
/// showing; thinning never trusts it: anyone who can write the folder can write one).
pub fn list(dir: &Path, vault_id: &str) -> Vec<(PathBuf, Meta)> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<(PathBuf, Meta)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(EXTENSION))
        .filter_map(|p| {
            let file = File::open(&p).ok()?;
            let prelude = format::read_prelude(&mut format::Hashing::new(BufReader::new(file))).ok()?;
            (prelude.meta.vault_id == vault_id).then_some((p, prelude.meta))
        })
        .collect();
    found.sort_by(|a, b| b.1.created.cmp(&a.1.created).then(b.0.cmp(&a.0)));
    found
}

/// Opens a backup with the passphrase, without changing it: checks its checksum, unpacks
/// the data into a private temporary folder, unlocks it, runs the integrity checks, and
/// says what it holds.
pub async fn verify(file: &Path, passphrase: &SecretString) -> Result<Summary> {
    let work =
        tempfile::Builder::new().prefix("amparo-verify-").tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let copy = VaultPaths::new(work.path().join("check.amparo"));
    let (prelude, key) = unpack_and_unseal(file, &copy, passphrase).await?;
    let pool = connect(&copy, &key).await.map_err(|e| bad(file, &format!("its data does not open ({e})")))?;
    let result = async {
        super::check_integrity(&pool, &copy, &prelude.header).await.map_err(|e| bad(file, &e.to_string()))?;
        let mut s = summarise(&pool).await?;
        s.created = prelude.meta.created.clone();
        Ok(s)
    }
    .await;
    // A throw-away copy: no need to wait for SQLite to remove its side files; the
    // temporary folder goes with everything in it.
    pool.close().await;
    result
}

/// Unpacks a backup's data to `copy.db` (checksum checked) and unwraps its key.
async fn unpack_and_unseal(
    file: &Path,
    copy: &VaultPaths,
    passphrase: &SecretString,
) -> Result<(format::Prelude, Key)> {
    let source = File::open(file).map_err(|e| Error::io(file, e))?;
    let mut r = format::Hashing::new(BufReader::new(source));
    let prelude = format::read_prelude(&mut r).map_err(|d| bad(file, &d))?;
    {
        let out = crate::owner_only::file(fs::OpenOptions::new().write(true).create_new(true))
            .open(&copy.db)
            .map_err(|e| files::io_error(&copy.db, e))?;
        let mut out = std::io::BufWriter::new(out);
        format::read_rest(r, &prelude, &mut out).map_err(|d| bad(file, &d))?;
        let out = out.into_inner().map_err(|e| files::io_error(&copy.db, e.into_error()))?;
        out.sync_all().map_err(|e| files::io_error(&copy.db, e))?;
    }
    let (header, pass) = (prelude.header.clone(), copy_secret(passphrase));
    let key = blocking(move || header.unseal(&pass)).await?;
    Ok((prelude, key))
}

fn bad(file: &Path, detail: &str) -> Error {
    Error::BadBackup { path: file.to_path_buf(), detail: detail.to_string() }
}
