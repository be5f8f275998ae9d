//! Files Amparo makes for one step and removes when the step ends: temporary files of an
//! atomic write, the copy kept during a schema upgrade, the folders a write-ahead log is
//! tried in, an export on its way into a backup. A crash can leave them behind; each is a
//! further copy of the data (or of a header) under a key that may since have been
//! retired, so they are removed at the next unlock, with the vault's lock held.
//! The vault a restore replaced (`.replaced-…`) is kept on purpose and never removed here.

use std::fs;

use super::paths::VaultPaths;

/// Removes every leftover of this vault in its folder; returns how many were removed.
pub fn remove_stale(paths: &VaultPaths) -> usize {
    let name = paths.file_name();
    let header_name = format!("{name}-header");
    let Ok(entries) = fs::read_dir(paths.dir()) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !is_leftover(&file, &name, &header_name) {
            continue;
        }
        let path = entry.path();
        let gone = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        if gone.is_ok() {
            removed += 1;
        }
    }
    removed
}

fn is_leftover(file: &str, name: &str, header_name: &str) -> bool {
    if let Some(rest) = file.strip_prefix(header_name) {
        return rest.starts_with(".tmp");
    }
    let Some(rest) = file.strip_prefix(name) else { return false };
    // Any temporary file of an atomic write next to this vault (of its header, a staged
    // header, the interrupted note, a kept copy) carries ".tmp" after the vault's name.
    rest.contains(".tmp")
        || rest.starts_with(".before-v")
        || rest.starts_with(".trial-")
        || rest.starts_with(".export-")
        || rest == "-journal"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_vaults_leftovers_are_recognised() {
        let (n, h) = ("clinic.amparo", "clinic.amparo-header");
        for yes in [
            "clinic.amparo-header.tmp",
            "clinic.amparo-header.tmp-x1Y2",
            "clinic.amparo.before-v3",
            "clinic.amparo.before-v3-header",
            "clinic.amparo.trial-0a1b",
            "clinic.amparo.export-77",
            "clinic.amparo.tmp-abc",
            "clinic.amparo.rekey-header.tmp-Zz9",
            "clinic.amparo.incoming-header.tmp-Zz9",
            "clinic.amparo.interrupted.tmp-Zz9",
            "clinic.amparo.replaced-20261125T101500Z.tmp-Zz9",
            "clinic.amparo.export-77-wal",
            "clinic.amparo-journal",
        ] {
            assert!(is_leftover(yes, n, h), "{yes}");
        }
        for no in [
            "clinic.amparo",
            "clinic.amparo-header",
            "clinic.amparo-wal",
            "clinic.amparo.replaced-20261125T101500Z",
            "clinic.amparo.rekey",
            "other.amparo.before-v3",
            "notes.txt",
        ] {
            assert!(!is_leftover(no, n, h), "{no}");
        }
    }
}
