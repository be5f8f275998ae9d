//! Files and folders that only their owner may open, said the way each platform says it.
//! On Unix (Linux, macOS) that is the mode: 0600 for files, 0700 for folders. On Windows
//! the folders Amparo writes in by default (%APPDATA%, %TEMP%) are the user's own by their
//! inherited access list, so nothing more is set there (docs/PLATFORMS.md says what a
//! vault in a shared folder needs). The rest of the core asks here instead of naming modes.

use std::fs::{DirBuilder, Metadata, OpenOptions};
use std::io;
use std::path::Path;

/// Options for a new file that only its owner may open.
pub fn file(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, 0o600);
    options
}

/// A folder builder whose folders only their owner may enter.
pub fn dir_builder() -> DirBuilder {
    #[allow(unused_mut)]
    let mut builder = DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}

/// A temporary-file builder (random name, created exclusively) for an owner-only file.
pub fn temp_builder<'a, 'b>(prefix: &'a std::ffi::OsStr) -> tempfile::Builder<'a, 'b> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    builder
}

/// Whether someone other than the owner may read or enter it. Always false where the
/// platform says privacy by access lists (Windows), which Amparo does not rewrite.
pub fn open_to_others(meta: &Metadata) -> bool {
    #[cfg(unix)]
    return std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o077 != 0;
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Takes everyone but the owner off an existing file or folder.
pub fn restrict(path: &Path, is_dir: bool) -> io::Result<()> {
    #[cfg(unix)]
    return std::fs::set_permissions(
        path,
        std::os::unix::fs::PermissionsExt::from_mode(if is_dir { 0o700 } else { 0o600 }),
    );
    #[cfg(not(unix))]
    {
        let _ = (path, is_dir);
        Ok(())
    }
}

/// This process's user id, to keep one user's folders apart from another's in a shared
/// temporary folder (0 where there is none: Windows' %TEMP% is per user already).
pub fn user_id() -> u32 {
    #[cfg(unix)]
    return rustix::process::geteuid().as_raw();
    #[cfg(not(unix))]
    0
}

/// Whether this process's user owns it (always true where ownership is not a mode bit).
pub fn owned_by_me(meta: &Metadata) -> bool {
    #[cfg(unix)]
    return std::os::unix::fs::MetadataExt::uid(meta) == user_id();
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_files_and_folders_are_owner_only_and_restrict_takes_others_off() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("d");
        dir_builder().create(&dir).unwrap();
        assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        let path = dir.join("f");
        file(OpenOptions::new().write(true).create_new(true)).open(&path).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert!(!open_to_others(&meta) && owned_by_me(&meta));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(open_to_others(&std::fs::metadata(&path).unwrap()));
        restrict(&path, false).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let tmp = temp_builder(std::ffi::OsStr::new("x.tmp-")).tempfile_in(&dir).unwrap();
        assert_eq!(tmp.as_file().metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }
}
