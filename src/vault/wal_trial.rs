//! A vault found with a non-empty write-ahead log was not closed cleanly (a crash, a
//! killed process), or has a WAL that is not its own. Opening it replays the log, and
//! closing the connection folds the log into the vault file: with a foreign log, that
//! would write foreign pages into the vault. SQLite closes a refused connection on its
//! own thread, after the open has already returned, so nothing done after a refusal can
//! be sure to win that race. The log is therefore tried first on copies, in a folder of
//! their own beside the vault; only a log that passes every check is replayed on the
//! vault itself, and a refused one leaves the vault's files untouched.

use std::path::PathBuf;

use super::files::copy_atomic;
use super::header::Header;
use super::kdf::Key;
use super::paths::VaultPaths;
use crate::error::{Error, Result};

/// Replays the vault's WAL on copies and checks the result. `Ok` when there is no WAL to
/// replay or the replayed copy is whole; the vault's own error (damaged, naming the
/// vault's path) when it is not.
pub async fn try_wal_on_copy(paths: &VaultPaths, header: &Header, key: &Key) -> Result<()> {
    let wal_len = std::fs::metadata(paths.wal()).map(|m| m.len()).unwrap_or(0);
    if wal_len == 0 {
        return Ok(());
    }
    let trial = TrialDir::new(paths)?;
    let copy = VaultPaths::new(trial.dir.join("trial.amparo"));
    copy_atomic(&paths.db, &copy.db)?;
    copy_atomic(&paths.wal(), &copy.wal())?;
    super::check_copy(&copy, key, header).await.map_err(|e| match e {
        Error::Damaged { detail, .. } => {
            Error::Damaged { path: paths.db.clone(), detail: format!("{detail} (in its write-ahead log)") }
        }
        Error::Database(msg) if msg.contains("not a database") || msg.contains("malformed") => Error::Damaged {
            path: paths.db.clone(),
            detail: "its write-ahead log does not belong to it or fails authentication".into(),
        },
        other => other,
    })
}

/// A private folder for the copies, removed however the trial ends. Its name is unique,
/// so a connection still closing from one trial can never touch another's files.
struct TrialDir {
    dir: PathBuf,
}

impl TrialDir {
    fn new(paths: &VaultPaths) -> Result<TrialDir> {
        let mut name = paths.db.file_name().unwrap_or_default().to_owned();
        name.push(format!(".trial-{}", super::header::random_vault_id()));
        let dir = paths.dir().join(name);
        crate::owner_only::dir_builder().create(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(TrialDir { dir })
    }
}

impl Drop for TrialDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
