//! The one place a document's plaintext is written outside the vault: a copy for the
//! system's viewer, in a folder only this user can enter, under `$XDG_RUNTIME_DIR` (a
//! RAM-backed folder on systemd systems, gone at logout) where there is one, else under
//! the temporary folder. Each copy is read-only and lives in a fresh folder of its own,
//! inside a folder of the Amparo process that made it (`p-<pid>-<random>`, held by a lock on its
//! `.held` file while that process lives). A lock removes that process's copies, since
//! whether the viewer has closed the file cannot be known; a start removes the copies of
//! processes that are gone (a crash). Two Amparo processes of one user (the app and the
//! command line, or two vaults) never remove each other's open copies.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The lock file of this process's folder, by root, held until the folder is swept.
static HELD: Mutex<Vec<(PathBuf, File)>> = Mutex::new(Vec::new());
const HELD_FILE: &str = ".held";

/// The folder every private copy is made in.
pub fn root() -> PathBuf {
    match runtime_dir() {
        Some(dir) => dir.join("amparo-documents"),
        // Made absolute: the copy's path is handed to the viewer as an argument, and
        // must never start with "-".
        None => std::path::absolute(std::env::temp_dir())
            .unwrap_or_else(|_| PathBuf::from("/tmp"))
            .join(format!("amparo-documents-{}", crate::owner_only::user_id())),
    }
}

/// Whether copies are made under `$XDG_RUNTIME_DIR` (in memory on most systems) rather
/// than the temporary folder on disk.
pub fn in_runtime_dir() -> bool {
    runtime_dir().is_some()
}

/// `$XDG_RUNTIME_DIR`, when it names a folder that exists.
fn runtime_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).filter(|p| p.is_absolute() && p.is_dir())
}

/// The extension the viewer is chosen by, from the type read from the content; None
/// for a type Amparo does not hand to a viewer.
pub fn viewer_extension(media_type: &str) -> Option<&'static str> {
    Some(match media_type {
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/heif" => "heic",
        "image/avif" => "avif",
        "image/tiff" => "tif",
        "image/bmp" => "bmp",
        "audio/mpeg" => "mp3",
        "audio/x-wav" => "wav",
        "audio/ogg" => "ogg",
        "audio/opus" => "opus",
        "audio/m4a" | "audio/mp4" | "audio/x-m4a" => "m4a",
        "audio/amr" => "amr",
        "audio/x-flac" => "flac",
        "audio/aac" => "aac",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "video/webm" => "webm",
        "video/x-matroska" => "mkv",
        "video/3gpp" => "3gp",
        "video/x-msvideo" => "avi",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.oasis.opendocument.text" => "odt",
        "application/rtf" => "rtf",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        _ => return None,
    })
}

/// The private copy's file name: the document's name, with the extension of the type
/// read from its content added when the name says otherwise. The desktop picks the
/// viewer by extension, so a text file named `notes.desktop` or `run.bat` must reach a
/// text viewer as `notes.desktop.txt`, never as a launcher or a script.
pub fn viewer_name(name: &str, media_type: &str) -> String {
    let Some(wanted) = viewer_extension(media_type) else { return format!("{name}.bin") };
    let has = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let same = has == wanted
        || matches!((has.as_str(), wanted), ("jpeg", "jpg") | ("tiff", "tif") | ("heif", "heic") | ("text", "txt"));
    if same {
        name.to_string()
    } else {
        format!("{name}.{wanted}")
    }
}

/// Removes this process's private copies (at a lock), and the shared folder too if no
/// other Amparo process has copies in it. A symbolic link planted where the folder
/// should be is removed itself, never followed.
pub fn sweep() -> io::Result<()> {
    sweep_at(&root())
}

pub(crate) fn sweep_at(root: &Path) -> io::Result<()> {
    // Let go of the lock file first: Windows removes no folder with a file open in it.
    HELD.lock().unwrap_or_else(|p| p.into_inner()).retain(|(r, _)| r != root);
    if !is_real_dir(root)? {
        return remove_entry(root);
    }
    remove_entry(&own_dir(root))?;
    remove_if_empty(root);
    Ok(())
}

/// Removes the copies of Amparo processes that are gone (a crash left them), and copies
/// an older Amparo left loose in the shared folder; never another living process's.
pub fn sweep_orphans() -> io::Result<()> {
    sweep_orphans_at(&root())
}

pub(crate) fn sweep_orphans_at(root: &Path) -> io::Result<()> {
    if !is_real_dir(root)? {
        return remove_entry(root);
    }
    let own = own_dir(root);
    let mut first_error = None;
    for entry in std::fs::read_dir(root)? {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path == own {
            continue;
        }
        // Held while its folder is removed, so that nothing can take it meanwhile; one
        // that cannot be removed (a viewer holds a file on Windows) does not stop the rest.
        let Some(held) = gone_process(&path) else { continue };
        let removed = remove_process_dir(&path, held);
        if let Err(e) = removed {
            first_error.get_or_insert(e);
        }
    }
    remove_if_empty(root);
    first_error.map_or(Ok(()), Err)
}

/// For a folder whose process is gone (its lock file free, or missing), the lock taken
/// on its behalf (None when the folder is not a process's, e.g. a copy an older Amparo
/// left loose: Some(None) then); None while its process runs.
fn gone_process(dir: &Path) -> Option<Option<File>> {
    let is_process_dir = dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("p-"));
    if !is_process_dir || !is_real_dir(dir).unwrap_or(false) {
        return Some(None);
    }
    let Ok(file) = std::fs::OpenOptions::new().read(true).write(true).open(dir.join(HELD_FILE)) else {
        return Some(None);
    };
    match file.try_lock() {
        Err(std::fs::TryLockError::WouldBlock) => None,
        _ => Some(Some(file)),
    }
}

/// Removes a gone process's folder, its lock file last (Windows removes no open file).
fn remove_process_dir(dir: &Path, held: Option<File>) -> io::Result<()> {
    if held.is_none() || !is_real_dir(dir)? {
        return remove_entry(dir);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.file_name() != Some(std::ffi::OsStr::new(HELD_FILE)) {
            remove_entry(&path)?;
        }
    }
    drop(held);
    remove_entry(dir)
}

fn is_real_dir(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(m) => Ok(m.is_dir()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Removes a folder with what is in it, or a file or link (never what a link points to).
fn remove_entry(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn remove_if_empty(root: &Path) {
    // Fails while another process has its folder there: then it stays.
    let _ = std::fs::remove_dir(root);
}

/// This process's folder: its number and a random part, so that a later process given
/// the same number never takes (or removes) it.
fn own_dir(root: &Path) -> PathBuf {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    root.join(NAME.get_or_init(|| format!("p-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())))
}

/// This process's folder under `root`, made (with its held lock file) if need be.
fn ensure_own_dir(root: &Path) -> io::Result<PathBuf> {
    ensure_private_dir(root)?;
    let dir = own_dir(root);
    let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    if held.iter().any(|(r, _)| r == root) && is_real_dir(&dir)? && dir.exists() {
        return Ok(dir);
    }
    held.retain(|(r, _)| r != root);
    // Still there after this process's own lock (a viewer held a copy on Windows): its
    // lock file is made again below; what remains goes at the next lock.
    match crate::owner_only::dir_builder().create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_real_dir(&dir)? => {
            let _ = std::fs::remove_file(dir.join(HELD_FILE));
        }
        Err(e) => return Err(e),
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    let lock = crate::owner_only::file(&mut options).open(dir.join(HELD_FILE))?;
    lock.try_lock().map_err(|e| io::Error::other(format!("{}: {e}", dir.display())))?;
    held.push((root.to_path_buf(), lock));
    Ok(dir)
}

/// A new, empty file named `name` (already cleaned) in a fresh private folder, for the
/// caller to fill and then `finish`.
pub(crate) fn new_file(name: &str) -> io::Result<(PathBuf, File)> {
    new_file_at(&root(), name)
}

pub(crate) fn new_file_at(root: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    // One plain name, never a path: joined to the folder, anything else could replace it.
    let mut parts = Path::new(name).components();
    if !matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None)) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "a document's name is not a plain file name"));
    }
    let own = ensure_own_dir(root)?;
    let dir = tempfile::Builder::new().prefix("open-").tempdir_in(own)?.keep();
    crate::owner_only::restrict(&dir, true)?;
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    let file = crate::owner_only::file(&mut options).open(&path)?;
    Ok((path, file))
}

/// Makes a filled copy read-only: a document in the vault is never changed, and an edit
/// saved over the copy would be lost at the next lock.
pub(crate) fn finish(path: &Path) -> io::Result<()> {
    let mut perms = std::fs::metadata(path)?.permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(path, perms)
}

fn ensure_private_dir(root: &Path) -> io::Result<()> {
    match crate::owner_only::dir_builder().create(root) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let m = std::fs::symlink_metadata(root)?;
    if !m.is_dir() || !crate::owner_only::owned_by_me(&m) {
        return Err(io::Error::other(format!(
            "{} is not a private folder of this user (a link, a file, or another user's); remove it, then try again",
            root.display()
        )));
    }
    if crate::owner_only::open_to_others(&m) {
        crate::owner_only::restrict(root, true)?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn copies_are_private_read_only_and_swept_without_following_links() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("amparo-documents");
        let (path, file) = new_file_at(&root, "Pasaporte.pdf").unwrap();
        drop(file);
        finish(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&path), 0o400);
        assert_eq!(viewer_name("notes.desktop", "text/plain"), "notes.desktop.txt");
        assert_eq!(viewer_name("run.BAT", "text/plain"), "run.BAT.txt");
        assert_eq!(viewer_name("Carta.TXT", "text/plain"), "Carta.TXT");
        assert_eq!(viewer_name("photo.jpeg", "image/jpeg"), "photo.jpeg");
        assert_eq!(viewer_name("scan.pdf", "image/png"), "scan.pdf.png");
        assert_eq!(viewer_name("x.svg", "application/octet-stream"), "x.svg.bin");
        // Never a path, whatever the name says.
        for bad in ["../x.pdf", "/etc/x", "a/b.pdf", "..", ""] {
            assert!(new_file_at(&root, bad).is_err(), "{bad:?}");
        }
        // The same name again gets a folder of its own.
        let (again, _) = new_file_at(&root, "Pasaporte.pdf").unwrap();
        assert_ne!(again, path);
        sweep_at(&root).unwrap();
        assert!(!root.exists());

        // A link planted where the folder goes is refused, then removed (not followed).
        let elsewhere = base.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("keep"), b"x").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &root).unwrap();
        assert!(new_file_at(&root, "a.pdf").is_err());
        sweep_at(&root).unwrap();
        assert!(!root.exists() && elsewhere.join("keep").exists());

        // A folder opened up to others is closed again.
        std::fs::create_dir(&root).unwrap();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o777)).unwrap();
        new_file_at(&root, "a.pdf").unwrap();
        assert_eq!(mode(&root), 0o700);
        sweep_at(&root).unwrap();
    }

    #[test]
    fn a_lock_removes_only_this_process_copies_and_a_start_only_those_of_processes_gone() {
        let base = tempfile::tempdir().unwrap();
        let root = base.path().join("amparo-documents");
        let (mine, _) = new_file_at(&root, "Pasaporte.pdf").unwrap();
        // Another Amparo still running: its folder's lock file is held (a second open file
        // description stands for the other process).
        let other = root.join("p-4000001-a");
        std::fs::create_dir_all(other.join("open-x")).unwrap();
        std::fs::write(other.join("open-x/Declaración.pdf"), b"%PDF").unwrap();
        let held = std::fs::File::create(other.join(HELD_FILE)).unwrap();
        held.try_lock().unwrap();
        // One that crashed, and a copy an older Amparo left loose.
        let crashed = root.join("p-4000002-b");
        std::fs::create_dir_all(crashed.join("open-y")).unwrap();
        std::fs::write(crashed.join(HELD_FILE), b"").unwrap();
        std::fs::write(crashed.join("open-y/Carta.pdf"), b"%PDF").unwrap();
        std::fs::create_dir_all(root.join("open-old")).unwrap();

        sweep_orphans_at(&root).unwrap();
        assert!(mine.exists(), "this process's open copy stays");
        assert!(other.join("open-x/Declaración.pdf").exists(), "a running process's copy stays");
        assert!(!crashed.exists() && !root.join("open-old").exists(), "what the gone left goes");

        // This process locks: its copies go, the other's stay, and so does the folder.
        sweep_at(&root).unwrap();
        assert!(!mine.exists());
        assert!(other.join("open-x/Declaración.pdf").exists());
        // The other one ends: the next start takes its copies and the folder.
        drop(held);
        sweep_orphans_at(&root).unwrap();
        assert!(!root.exists());
        // And this process can open again after its lock.
        let (again, _) = new_file_at(&root, "Pasaporte.pdf").unwrap();
        assert!(again.starts_with(own_dir(&root)));
        sweep_at(&root).unwrap();
        assert!(!root.exists());
    }
}
