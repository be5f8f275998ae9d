//! Getting data in and out of a vault: spreadsheets read into clients and their cases,
//! calendars written for phones, and reports for the clinic and its funders. Everything
//! that leaves goes through here, so each path out decides in one place what it reveals;
//! everything that comes in is parsed here once, into the model's inputs, and checked by
//! the model's own validation.
//!
//! Layers point one way: this module uses `model` and `store`; neither knows of it.

pub mod columns;
pub mod court_zones;
pub mod formula;
pub mod ics;
pub mod import;
pub mod reports;
pub mod sheet;
pub mod values;

/// Writes a file the user alone can read (0600 where permissions exist), whole or not at
/// all: a temporary file beside it, renamed over it once written.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> crate::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let io = |e| crate::Error::io(path, e);
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
