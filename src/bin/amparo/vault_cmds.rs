//! Commands on the vault itself: create, check, re-key, back up, restore, recover.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde_json::json;

use amparo::vault::backup::{self, Summary};
use amparo::vault::{KdfParams, Settled};
use amparo::{Error, Result, Store, Vault};

use crate::args::{BackupCmd, Command};
use crate::output::print;
use crate::secret;

/// Unlocks for a command: the passphrase from the environment or the prompt, the header
/// brought up to today's settings, and a word on stderr when something needs the user.
pub async fn unlock(path: &Path) -> Result<Vault> {
    let pass = secret::current()?;
    let mut vault = Vault::open(path, &pass).await?;
    if let Some(settled) = vault.interrupted_change() {
        eprintln!("note: {}", interrupted_text(settled));
    }
    vault.maintain_header(&pass, false).await?;
    if !vault.has_recovery_code() {
        eprintln!("note: this vault has no recovery code. Make one with `amparo recovery-code` and keep it safe.");
    }
    Ok(vault)
}

fn interrupted_text(s: Settled) -> &'static str {
    match s {
        Settled::RolledForward => "a change of passphrase had been interrupted after it took effect; the new passphrase is the one in force.",
        Settled::RolledBack => "a change of passphrase had been interrupted before it finished; the previous passphrase is still the one in force.",
    }
}

pub async fn run(command: Command, path: &Path, actor: String, json: bool) -> Result<()> {
    match command {
        Command::Init => {
            let pass = secret::new("AMPARO_PASSPHRASE")?;
            let (vault, code) = Vault::create(path, &pass, KdfParams::calibrated()).await?;
            let shown = vault.path().display().to_string();
            vault.lock().await;
            let code = code.reveal();
            print(json, &json!({ "created": shown, "recovery_code": code.as_str() }), || {
                format!(
                    "Created an encrypted vault at {shown}.\n\nRecovery code (shown only now; write it down or print it and keep it apart from the laptop):\n\n    {}\n\nWith it a new passphrase can be set if this one is forgotten. Without the passphrase or the code nobody can open the vault, including you.",
                    code.as_str()
                )
            });
        }
        Command::UnlockCheck => {
            let started = std::time::Instant::now();
            let vault = unlock(path).await?;
            let unlock_ms = started.elapsed().as_millis() as u64;
            // The whole-file check runs after an unlock; "intact" waits for it.
            if let amparo::vault::Integrity::Damaged(detail) = vault.integrity_checked().await {
                vault.lock().await;
                return Err(amparo::Error::Damaged { path: path.to_path_buf(), detail }.into());
            }
            let checked_ms = started.elapsed().as_millis() as u64;
            let store = Store::new(vault.pool().clone(), actor);
            let clients = store.list_clients(&Default::default()).await?.total;
            let report = json!({
                "path": vault.path().display().to_string(),
                "cipher_version": vault.cipher_version().await?,
                "schema_version": vault.schema_version().await?,
                "kdf": vault.kdf_params(),
                "recovery_code": vault.has_recovery_code(),
                "clients": clients,
                "unlock_ms": unlock_ms,
                "checked_ms": checked_ms,
            });
            vault.lock().await;
            print(json, &report, || {
                format!(
                    "The vault unlocks and is intact ({clients} clients, SQLCipher {}, unlocked in {unlock_ms} ms).",
                    report["cipher_version"].as_str().unwrap_or("?")
                )
            });
        }
        Command::Rekey => {
            let current = secret::current()?;
            let mut vault = Vault::open(path, &current).await?;
            let new = secret::new("AMPARO_NEW_PASSPHRASE")?;
            let bar = ProgressLine::new("Re-encrypting", json);
            let result = vault
                .change_passphrase_with(
                    &current,
                    &new,
                    KdfParams::calibrated(),
                    &|d, t| bar.show(d, t),
                    &mut |_| Ok(()),
                )
                .await;
            bar.done();
            vault.lock().await;
            result?;
            print(json, &json!({ "changed": true, "reencrypted": true }), || {
                "The passphrase was changed and the vault re-encrypted under a new key. Use the new passphrase from now on; backups made before today still open with the old one.".into()
            });
        }
        Command::Backup(args) => match args.cmd {
            Some(BackupCmd::Verify { file }) => {
                let summary = backup::verify(&file, &secret::current()?).await?;
                print(json, &summary, || format!("The backup opens and is intact.\n{}", describe(&summary)));
            }
            None => {
                let vault = unlock(path).await?;
                let store = Store::new(vault.pool().clone(), actor);
                let bar = ProgressLine::new("Backing up", json);
                let made =
                    amparo::backups::back_up_now(&vault, &store, args.to.as_deref(), &|d, t| bar.show(d, t)).await;
                bar.done();
                vault.lock().await;
                let made = made?;
                print(json, &made, || {
                    format!(
                        "Backed up and checked: {} ({} bytes).{}",
                        made.file.display(),
                        made.bytes,
                        if made.removed.is_empty() {
                            String::new()
                        } else {
                            format!(" {} older backup(s) removed.", made.removed.len())
                        }
                    )
                });
            }
        },
        Command::Restore { file, yes } => {
            let pass = secret::current()?;
            let incoming = backup::verify(&file, &pass).await?;
            let current = describe_current(path, &pass).await;
            if !json {
                eprintln!("The backup holds:\n{}", describe(&incoming));
                let newest = amparo::vault::newest_schema();
                if incoming.schema_version < newest {
                    eprintln!("  it will be upgraded to schema version {newest} when it is first unlocked");
                }
                eprintln!("It will replace:\n{current}");
            }
            if !yes && !confirm()? {
                return Err(Error::Conflict("Nothing was restored. Add --yes to restore without being asked.".into()));
            }
            let restored = backup::restore(&file, path, &pass).await?;
            print(json, &restored, || match &restored.replaced {
                Some(p) => format!("Restored. The vault it replaced is kept at {}.", p.display()),
                None => "Restored.".into(),
            });
        }
        Command::Recover => {
            let code = secret::recovery_code()?;
            let new = secret::new("AMPARO_NEW_PASSPHRASE")?;
            let vault = Vault::recover(path, &code, &new, KdfParams::calibrated()).await?;
            vault.lock().await;
            print(json, &json!({ "recovered": true }), || {
                "A new passphrase is set; the vault was re-encrypted under a new key. The recovery code still works."
                    .into()
            });
        }
        Command::RecoveryCode => {
            let pass = secret::current()?;
            let mut vault = Vault::open(path, &pass).await?;
            let code = vault.new_recovery_code(&pass, KdfParams::calibrated()).await;
            vault.lock().await;
            let code = code?.reveal();
            print(json, &json!({ "recovery_code": code.as_str() }), || {
                format!("New recovery code (shown only now; the old one no longer works):\n\n    {}", code.as_str())
            });
        }
        _ => unreachable!("only vault commands come here"),
    }
    Ok(())
}

fn describe(s: &Summary) -> String {
    let mut out = format!(
        "  {} clients, {} matters, {} deadlines (schema version {})",
        s.clients, s.matters, s.deadlines, s.schema_version
    );
    if !s.created.is_empty() {
        out.push_str(&format!("\n  backed up {}", s.created));
    }
    if let Some(c) = &s.newest_change {
        out.push_str(&format!("\n  newest change {c}"));
    }
    out
}

/// The vault a restore would replace: its counts if the same passphrase opens it, else
/// only its size and date.
async fn describe_current(path: &Path, pass: &secrecy::SecretString) -> String {
    if !path.exists() {
        return "  nothing (no vault there yet)".into();
    }
    if let Ok(v) = Vault::open(path, pass).await {
        let s = backup::summarise_vault(&v).await.unwrap_or_default();
        v.lock().await;
        return describe(&s);
    }
    let meta = std::fs::metadata(path).ok();
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    format!(
        "  a vault of {} bytes last changed {modified} (it does not open with this passphrase)",
        meta.map(|m| m.len()).unwrap_or(0)
    )
}

fn confirm() -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("Replace it? Type yes to continue: ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| Error::io("the terminal", e))?;
    Ok(answer.trim().eq_ignore_ascii_case("yes"))
}

/// A percentage on stderr, only where a person watches.
struct ProgressLine {
    label: &'static str,
    shown: bool,
}

impl ProgressLine {
    fn new(label: &'static str, json: bool) -> Self {
        ProgressLine { label, shown: !json && std::io::stderr().is_terminal() }
    }

    fn show(&self, done: u64, total: u64) {
        if self.shown && total > 0 {
            eprint!("\r{}… {:>3}%", self.label, done.saturating_mul(100) / total);
        }
    }

    fn done(&self) {
        if self.shown {
            eprintln!();
        }
    }
}
