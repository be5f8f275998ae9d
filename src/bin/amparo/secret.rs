//! Getting passphrases: from a file or an open file descriptor (`--passphrase-file`,
//! `--passphrase-fd`), from the environment for older scripts, else from the terminal
//! without echo. Never from the command line, where other users and the shell history
//! would keep it.

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use secrecy::SecretString;
use zeroize::Zeroizing;

use amparo::{Error, Result};

/// Where `--passphrase-file` or `--passphrase-fd` said to read the vault's passphrase.
#[derive(Clone, Debug)]
pub enum Source {
    File(PathBuf),
    Fd(i32),
}

static SOURCE: OnceLock<Source> = OnceLock::new();
static NEW_SOURCE: OnceLock<Source> = OnceLock::new();

/// Set once, from the command line, before any passphrase is read.
pub fn set_source(source: Option<Source>) {
    if let Some(s) = source {
        let _ = SOURCE.set(s);
    }
}

/// Where `--new-passphrase-file` said to read a new passphrase (rekey, recover).
pub fn set_new_source(source: Option<Source>) {
    if let Some(s) = source {
        let _ = NEW_SOURCE.set(s);
    }
}

/// The vault's passphrase: `--passphrase-file` / `--passphrase-fd`, else
/// `$AMPARO_PASSPHRASE`, else asked.
pub fn current() -> Result<SecretString> {
    if let Some(source) = SOURCE.get() {
        return read_source(source);
    }
    from_env_or_prompt("AMPARO_PASSPHRASE", "Passphrase: ")
}

/// The first line of the file or descriptor, without its line ending. A file that others
/// may read is refused: the passphrase would not be the user's alone.
fn read_source(source: &Source) -> Result<SecretString> {
    let mut raw = Zeroizing::new(Vec::new());
    match source {
        Source::File(path) => {
            let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = f.metadata().map_err(|e| Error::io(path, e))?.permissions().mode();
                if mode & 0o077 != 0 {
                    return Err(Error::io(
                        path,
                        std::io::Error::other(format!(
                            "other users may read it (mode {:o}); run chmod 600 on it first",
                            mode & 0o777
                        )),
                    ));
                }
            }
            read_bounded(&mut f, &mut raw).map_err(|e| Error::io(path, e))?;
        }
        Source::Fd(fd) => {
            #[cfg(unix)]
            {
                use std::os::fd::FromRawFd;
                if *fd < 3 {
                    return Err(Error::io("--passphrase-fd", std::io::Error::other("use a descriptor of 3 or more")));
                }
                // SAFETY: the descriptor was handed to this process for reading the
                // passphrase (`3<file`); it is read once and closed here.
                let mut f = unsafe { std::fs::File::from_raw_fd(*fd) };
                // A pipe has no mode worth checking; a file handed over must be private.
                use std::os::unix::fs::PermissionsExt;
                if let Ok(meta) = f.metadata() {
                    let mode = meta.permissions().mode();
                    if meta.is_file() && mode & 0o077 != 0 {
                        return Err(Error::io(
                            "--passphrase-fd",
                            std::io::Error::other(format!(
                                "the file behind it may be read by other users (mode {:o}); run chmod 600 on it first",
                                mode & 0o777
                            )),
                        ));
                    }
                }
                read_bounded(&mut f, &mut raw).map_err(|e| Error::io("--passphrase-fd", e))?;
            }
            #[cfg(not(unix))]
            return Err(Error::io("--passphrase-fd", std::io::Error::other("not available on this system")));
        }
    }
    let text = std::str::from_utf8(&raw)
        .map_err(|_| Error::io("the passphrase", std::io::Error::other("it is not UTF-8 text")))?;
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    if line.is_empty() {
        return Err(Error::io("the passphrase", std::io::Error::other("the first line is empty")));
    }
    Ok(SecretString::from(line.to_string()))
}

/// The most read from a passphrase file or descriptor: a passphrase is a line, and a
/// descriptor pointed at a device or a huge file by mistake must not be read whole.
const MAX_SOURCE: u64 = 4096;

fn read_bounded(f: &mut std::fs::File, raw: &mut Vec<u8>) -> std::io::Result<()> {
    f.take(MAX_SOURCE + 1).read_to_end(raw)?;
    if raw.len() as u64 > MAX_SOURCE {
        return Err(std::io::Error::other(format!(
            "it holds more than {MAX_SOURCE} bytes, more than a passphrase; check that it is the right file"
        )));
    }
    Ok(())
}

/// A new passphrase: from its file (`init` reads the vault's own `--passphrase-file`, which
/// is the new one there), else `$var`, else asked twice.
pub fn new(var: &str) -> Result<SecretString> {
    let file = if var == "AMPARO_PASSPHRASE" { SOURCE.get() } else { NEW_SOURCE.get() };
    if let Some(source) = file {
        return read_source(source);
    }
    if let Some(p) = env(var) {
        return Ok(p);
    }
    let first = prompt("New passphrase: ")?;
    let second = prompt("Type it again: ")?;
    use secrecy::ExposeSecret;
    if first.expose_secret() != second.expose_secret() {
        return Err(Error::WeakPassphrase(
            "The two passphrases are not the same. Nothing was changed; try again.".into(),
        ));
    }
    Ok(first)
}

/// The recovery code: `$AMPARO_RECOVERY_CODE`, else asked (not echoed).
pub fn recovery_code() -> Result<amparo::vault::RecoveryCode> {
    let typed = from_env_or_prompt("AMPARO_RECOVERY_CODE", "Recovery code: ")?;
    use secrecy::ExposeSecret;
    typed.expose_secret().parse()
}

fn from_env_or_prompt(var: &str, question: &str) -> Result<SecretString> {
    match env(var) {
        Some(p) => Ok(p),
        None => prompt(question),
    }
}

fn env(var: &str) -> Option<SecretString> {
    std::env::var(var).ok().filter(|v| !v.is_empty()).map(SecretString::from)
}

fn prompt(question: &str) -> Result<SecretString> {
    rpassword::prompt_password(question).map(SecretString::from).map_err(|e| Error::io("the terminal", e))
}
