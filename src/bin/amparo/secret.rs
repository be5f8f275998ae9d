//! Getting passphrases: from the environment for scripts, else from the terminal
//! without echo. Never from the command line, where other users could read it.

use secrecy::SecretString;

use amparo::{Error, Result};

/// The vault's passphrase: `$AMPARO_PASSPHRASE`, else asked.
pub fn current() -> Result<SecretString> {
    from_env_or_prompt("AMPARO_PASSPHRASE", "Passphrase: ")
}

/// A new passphrase: `$var`, else asked twice.
pub fn new(var: &str) -> Result<SecretString> {
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
