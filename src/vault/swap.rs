//! Replacing a vault's two files (data and header) so that a crash at any moment leaves
//! a vault that opens, with exactly one of the two keys. Used by key rotation (`rekey`)
//! and restore (`incoming`).
//!
//! The replacement is staged beside the vault: first its data file, complete and flushed,
//! then its header, written atomically, so the staged header exists only once the staged
//! data is whole. The swap renames the data over the vault's, then the header over the
//! vault's. At the next open [`settle`] finishes or undoes a swap that was cut short:
//! - staged data and staged header both present: the swap had not begun, so both are
//!   removed and the vault is as it was (rolled back);
//! - staged header alone: the data was already swapped, so the header follows (rolled
//!   forward), and any write-ahead log beside the data, which can only be the replaced
//!   vault's, is removed first;
//! - staged data alone: it was never complete, so it is removed.
//!
//! Only ever called with the vault's exclusive lock held, so no live swap is disturbed.

use std::fs;

use super::files;
use super::paths::VaultPaths;
use crate::error::Result;

/// The kinds of staged replacement.
pub const KINDS: [&str; 2] = ["rekey", "incoming"];

/// How an interrupted swap was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// The vault is as it was before: the previous passphrase (or vault) is in force.
    RolledBack,
    /// The replacement is in force: the new passphrase (or restored vault).
    RolledForward,
}

/// Finishes or undoes any swap a crash cut short. Returns what was done for a key rotation
/// (the one the user must be told about: which passphrase now opens the vault).
pub fn settle(paths: &VaultPaths) -> Result<Option<Settled>> {
    let mut rotation = None;
    for kind in KINDS {
        let staged = paths.staged(kind);
        let data = staged.db.exists();
        let header = staged.header.exists();
        let outcome = match (data, header) {
            (true, true) => {
                remove(&staged);
                Some(Settled::RolledBack)
            }
            (false, true) => {
                remove_side_files(paths);
                files::rename_durable(&staged.header, &paths.header)?;
                Some(Settled::RolledForward)
            }
            (true, false) => {
                remove(&staged);
                None
            }
            (false, false) => None,
        };
        if kind == "rekey" {
            rotation = outcome;
        }
    }
    Ok(rotation)
}

/// Leaves a note saying which key an interrupted swap left in force, for the next
/// unlock to tell the user (it holds one word, nothing secret).
pub fn write_note(paths: &VaultPaths, settled: Settled) {
    let word: &[u8] = if settled == Settled::RolledForward { b"new" } else { b"previous" };
    let _ = files::write_atomic(&paths.interrupted_note(), word);
}

/// The note [`write_note`] left, if any.
pub fn read_note(paths: &VaultPaths) -> Option<Settled> {
    match fs::read_to_string(paths.interrupted_note()).ok()?.as_str() {
        "new" => Some(Settled::RolledForward),
        "previous" => Some(Settled::RolledBack),
        _ => None,
    }
}

/// Removes staged files (and any SQLite side files a check of them left). The header
/// goes first and durably: a staged header left alone means "roll forward", so a crash
/// between the two removals must never leave the header without its data.
pub fn remove(staged: &VaultPaths) {
    let _ = fs::remove_file(&staged.header);
    let _ = files::sync_dir(&staged.header);
    for p in [staged.db.clone(), staged.wal(), staged.shm()] {
        let _ = fs::remove_file(p);
    }
    let _ = files::sync_dir(&staged.db);
}

fn remove_side_files(paths: &VaultPaths) {
    let _ = fs::remove_file(paths.wal());
    let _ = fs::remove_file(paths.shm());
}

/// Swaps staged data and header in, in the order [`settle`] relies on. Returns whether
/// the data file was swapped (then the swap is in force, whatever the result says: the
/// caller must finish it with [`settle`], never undo it) and how the rest went.
pub fn commit(staged: &VaultPaths, paths: &VaultPaths, mut step: impl FnMut(Step) -> Result<()>) -> (bool, Result<()>) {
    if let Err(e) = fs::rename(&staged.db, &paths.db) {
        return (false, Err(files::io_error(&paths.db, e)));
    }
    let rest = (|| {
        files::sync_dir(&paths.db).map_err(|e| files::io_error(&paths.db, e))?;
        // A log beside the new data file can only be the replaced vault's (a rotation
        // folds and closes it first; a restore keeps it aside with the replaced vault).
        remove_side_files(paths);
        step(Step::DataSwapped)?;
        files::rename_durable(&staged.header, &paths.header)?;
        step(Step::HeaderSwapped)
    })();
    (true, rest)
}

/// Points where a long vault operation can be stopped, for the tests that inject a
/// failure or a kill at each one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Exported,
    Verified,
    HeaderStaged,
    Closed,
    AsideKept,
    DataSwapped,
    HeaderSwapped,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::Exported,
        Step::Verified,
        Step::HeaderStaged,
        Step::Closed,
        Step::AsideKept,
        Step::DataSwapped,
        Step::HeaderSwapped,
    ];
}
