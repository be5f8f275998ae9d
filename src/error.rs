//! The core's one error type. Every variant maps to a stable `code` that the CLI and the
//! app switch on, and a message written for a volunteer, never a debug string.

use std::path::PathBuf;

/// Everything the core can refuse or fail at.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("The passphrase is not correct. Check the keyboard layout and Caps Lock, then try again.")]
    WrongPassphrase,

    #[error("The passphrase is not correct. {}", if *.new_in_force { "A change of passphrase was interrupted after the new passphrase took effect: this vault now opens with the NEW passphrase." } else { "A change of passphrase was interrupted before it finished: this vault still opens with the PREVIOUS passphrase." })]
    WrongPassphraseAfterInterruptedChange { new_in_force: bool },

    #[error("That recovery code is not this vault's. Check that it is the code made for this vault (the newest one, if a new code was made), then try again.")]
    WrongRecoveryCode,

    #[error("The recovery code has a typo: it does not add up. Check each group of five characters against what you wrote down.")]
    RecoveryCodeTypo,

    #[error("This vault has no recovery code yet. Unlock it with the passphrase and make one in Settings.")]
    NoRecoveryCode,

    #[error("{} is not an Amparo backup, or it is damaged: {detail}. Nothing was changed. Choose another backup file.", .path.display())]
    BadBackup { path: PathBuf, detail: String },

    #[error("No backup folder is set. Choose one in Settings, or name one with --to.")]
    NoBackupFolder,

    #[error("{} is not an Amparo vault. Choose the vault file Amparo created (it ends in .amparo and has a matching .amparo-header file beside it).", .0.display())]
    NotAVault(PathBuf),

    #[error("The vault at {} is damaged: {detail}. Nothing was changed. Restore it from your latest backup, or ask your coordinator for help.", .path.display())]
    Damaged { path: PathBuf, detail: String },

    #[error("This vault was written by a newer version of Amparo (format {found}, this version reads up to {supported}). Install the latest Amparo to open it.")]
    NewerVersion { found: u32, supported: u32 },

    #[error("The vault is already open in another Amparo window or program. Close it there first.")]
    AlreadyOpen,

    #[error("A vault already exists at {}. Open it instead, or choose another location.", .0.display())]
    AlreadyExists(PathBuf),

    #[error("No vault was found at {}. Create one with `amparo init`, or choose the right file.", .0.display())]
    NoVault(PathBuf),

    #[error("{0}")]
    WeakPassphrase(String),

    #[error("{0}")]
    Invalid(#[from] crate::model::ValidationError),

    #[error("No {entity} with number {id} was found. It may have been deleted; check the deleted items.")]
    NotFound { entity: &'static str, id: i64 },

    #[error("{0}")]
    Conflict(String),

    #[error("The vault was locked while this was being done. Unlock it and check whether the change is there before trying again.")]
    Locked,
    #[error("The disk is full. Free some space, then try again; nothing was saved.")]
    DiskFull,

    #[error("Could not read or write {}: {source}. Check that the folder exists and you may write to it.", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("The vault takes no changes now: the check after unlocking found damage in it (or its file cannot be written). Nothing was saved. Copy out or export what you need, then restore the vault from your latest backup, or ask your coordinator for help.")]
    ReadOnly,

    #[error("The document \"{name}\" (number {id}) is damaged in the vault: its bytes no longer match what was attached. No copy was made. Restore the vault from a backup, or attach the file again.")]
    DocumentDamaged { id: i64, name: String },

    #[error("The database refused the operation: {0}. Nothing was saved.")]
    Database(String),

    #[error("{0}")]
    Clinic(#[from] crate::clinic::ClinicError),

    #[error("The vault could not be upgraded to this version of Amparo: {0}. Your vault was left as it was.")]
    Migration(String),
}

impl Error {
    /// Stable machine-readable code, for the UI to switch on and for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::WrongPassphrase => "wrong_passphrase",
            Error::WrongPassphraseAfterInterruptedChange { .. } => "wrong_passphrase",
            Error::WrongRecoveryCode => "wrong_recovery_code",
            Error::RecoveryCodeTypo => "recovery_code_typo",
            Error::NoRecoveryCode => "no_recovery_code",
            Error::BadBackup { .. } => "bad_backup",
            Error::NoBackupFolder => "no_backup_folder",
            Error::NotAVault(_) => "not_a_vault",
            Error::Damaged { .. } => "vault_damaged",
            Error::NewerVersion { .. } => "vault_too_new",
            Error::AlreadyOpen => "vault_in_use",
            Error::AlreadyExists(_) => "vault_exists",
            Error::NoVault(_) => "no_vault",
            Error::WeakPassphrase(_) => "weak_passphrase",
            Error::Invalid(_) => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Locked => "locked",
            Error::DiskFull => "disk_full",
            Error::Io { .. } => "io",
            Error::ReadOnly => "vault_read_only",
            Error::DocumentDamaged { .. } => "document_damaged",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration_failed",
            Error::Clinic(e) => e.code(),
        }
    }

    /// An I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        if matches!(e, sqlx::Error::PoolClosed) {
            return Error::Locked;
        }
        if let sqlx::Error::Database(db) = &e {
            // SQLITE_FULL = 13: surfaced separately so the user is told what to do.
            if db.code().as_deref() == Some("13") {
                return Error::DiskFull;
            }
            // SQLITE_READONLY = 8: the damaged vault's query_only (see vault::integrity).
            if db.code().as_deref() == Some("8") {
                return Error::ReadOnly;
            }
            if db.is_unique_violation() {
                return Error::Conflict(
                    "That record already exists (the same A-number or receipt number is already in the vault).".into(),
                );
            }
            if db.is_foreign_key_violation() {
                return Error::Conflict("That refers to a record that does not exist.".into());
            }
            return Error::Database(db.message().to_string());
        }
        Error::Database(e.to_string())
    }
}

/// Result alias for the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
