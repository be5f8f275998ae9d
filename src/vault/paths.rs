//! Where a vault's files live. A vault is the database file the user names plus its
//! header beside it; SQLite adds `-wal` and `-shm` while it is open.

use std::path::{Path, PathBuf};

/// File name of the vault in the default location.
pub const DEFAULT_FILE: &str = "vault.amparo";

/// The files that make up one vault.
#[derive(Clone, Debug)]
pub struct VaultPaths {
    pub db: PathBuf,
    pub header: PathBuf,
}

impl VaultPaths {
    /// Paths for the vault whose database is at `db`.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        let db = db.into();
        let header = sibling(&db, "-header");
        VaultPaths { db, header }
    }

    /// The database's write-ahead log.
    pub fn wal(&self) -> PathBuf {
        sibling(&self.db, "-wal")
    }

    /// The database's shared-memory index (WAL mode).
    pub fn shm(&self) -> PathBuf {
        sibling(&self.db, "-shm")
    }

    /// A copy kept before the schema is upgraded from `version`.
    pub fn pre_migration_copy(&self, version: i64) -> VaultPaths {
        VaultPaths::new(sibling(&self.db, &format!(".before-v{version}")))
    }

    /// Where a replacement of the vault is staged before it is swapped in: `rekey` for a
    /// key rotation, `incoming` for a restore. See `swap`.
    pub fn staged(&self, what: &str) -> VaultPaths {
        VaultPaths::new(sibling(&self.db, &format!(".{what}")))
    }

    /// Where a restore keeps the vault it replaced, named by the time of the restore.
    pub fn replaced(&self, stamp: &str) -> VaultPaths {
        VaultPaths::new(sibling(&self.db, &format!(".replaced-{stamp}")))
    }

    /// A small note left when an interrupted passphrase change was settled at open.
    pub fn interrupted_note(&self) -> PathBuf {
        sibling(&self.db, ".interrupted")
    }

    /// The vault's file name (e.g. `clinic.amparo`).
    pub fn file_name(&self) -> String {
        self.db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// The folder holding the vault.
    pub fn dir(&self) -> PathBuf {
        match self.db.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The default vault: `$AMPARO_VAULT`, else the platform data directory
/// (`$XDG_DATA_HOME/amparo/vault.amparo` on Linux).
pub fn default_vault_path() -> PathBuf {
    if let Some(p) = std::env::var_os("AMPARO_VAULT").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("amparo").join(DEFAULT_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_wal_sit_beside_the_database() {
        let p = VaultPaths::new("/tmp/x/clinic.amparo");
        assert_eq!(p.header, PathBuf::from("/tmp/x/clinic.amparo-header"));
        assert_eq!(p.wal(), PathBuf::from("/tmp/x/clinic.amparo-wal"));
        assert_eq!(p.pre_migration_copy(3).db, PathBuf::from("/tmp/x/clinic.amparo.before-v3"));
        assert_eq!(VaultPaths::new("clinic.amparo").dir(), PathBuf::from("."));
        assert_eq!(p.staged("rekey").header, PathBuf::from("/tmp/x/clinic.amparo.rekey-header"));
        assert_eq!(p.replaced("20261125T101500Z").db, PathBuf::from("/tmp/x/clinic.amparo.replaced-20261125T101500Z"));
    }
}
