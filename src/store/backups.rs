//! Where and how often this vault is backed up, and when it last was. Kept inside the
//! vault: a folder's name can say whose laptop or clinic it is.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::settings::set_setting;
use super::{audit, Store};
use crate::error::Result;
use crate::model::ValidationError;
use crate::text::Text;
use crate::vault::backup::{Made, DEFAULT_KEEP};

/// Days without a good backup after which the dashboard says so.
pub const WARN_AFTER_DAYS: i64 = 7;
/// Hours between automatic backups (made when the vault locks).
pub const AUTO_EVERY_HOURS: i64 = 24;

/// The backup settings and the last good backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupStatus {
    /// The folder backups go to; None until the user chooses one.
    pub folder: Option<String>,
    /// How many backups of this vault to keep there.
    #[ts(type = "number")]
    pub keep: usize,
    /// When the last backup that was written and checked finished (RFC 3339).
    pub last: Option<String>,
    /// No good backup for more than WARN_AFTER_DAYS days (or never).
    pub overdue: bool,
}

impl BackupStatus {
    /// True when a folder is set and the last good backup is more than a day old.
    pub fn automatic_due(&self) -> bool {
        self.folder.is_some() && !is_within(self.last.as_deref(), Duration::hours(AUTO_EVERY_HOURS))
    }
}

impl Store {
    /// The backup settings and the last good backup.
    pub async fn backup_status(&self) -> Result<BackupStatus> {
        let folder = self.setting("backup_folder").await?;
        let keep = self.setting("backup_keep").await?.and_then(|k| k.parse().ok()).unwrap_or(DEFAULT_KEEP);
        let last = self.setting("last_backup_at").await?;
        let overdue = !is_within(last.as_deref(), Duration::days(WARN_AFTER_DAYS));
        Ok(BackupStatus { folder, keep, last, overdue })
    }

    /// Sets the folder (an absolute path) and how many backups to keep (1 to 100).
    pub async fn set_backup_settings(&self, folder: &str, keep: usize) -> Result<()> {
        let folder = folder.trim();
        if !std::path::Path::new(folder).is_absolute() {
            return Err(ValidationError::one(
                "backup_folder",
                Text::fixed(
                    "Give the whole path of the folder, starting with /, for example /media/usb/backups.",
                    "Indique la ruta completa de la carpeta, empezando por /, por ejemplo /media/usb/copias.",
                ),
            )
            .into());
        }
        if !(1..=100).contains(&keep) {
            return Err(ValidationError::one(
                "backup_keep",
                Text::fixed("Keep between 1 and 100 backups.", "Guarde entre 1 y 100 copias."),
            )
            .into());
        }
        let mut tx = self.pool().begin().await?;
        set_setting(&mut tx, "backup_folder", folder).await?;
        set_setting(&mut tx, "backup_keep", &keep.to_string()).await?;
        audit::record(&mut tx, self.actor(), "update", "settings", None, serde_json::json!({ "backup_keep": keep }))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a backup that was written and checked, then keeps the newest `keep` of the
    /// backups this vault wrote into the same folder, removing the older ones and filling
    /// in `made.removed`. Retention goes by the list of backups the vault wrote and the
    /// times it recorded (never by what a file in a shared folder says about itself), and
    /// never removes the backup just made. One transaction then saves the list, the time
    /// of the last good backup, and an audit row (the file's name and size and how many
    /// were removed; never the folder, which can name a person).
    pub async fn record_backup(&self, made: &mut Made, keep: usize, automatic: bool) -> Result<()> {
        let mut written = self.backups_written().await?;
        written.push(Written { file: made.file.display().to_string(), created: made.created.clone() });
        let dir = made.file.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let mut here: Vec<&Written> =
            written.iter().filter(|w| std::path::Path::new(&w.file).parent() == Some(dir.as_path())).collect();
        here.sort_by(|a, b| b.created.cmp(&a.created));
        let mut gone = Vec::new();
        made.removed.clear();
        for w in here.into_iter().skip(keep.max(1)) {
            let path = std::path::PathBuf::from(&w.file);
            if path == made.file {
                continue;
            }
            match std::fs::remove_file(&path) {
                Ok(()) => made.removed.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => continue,
            }
            gone.push(w.file.clone());
        }
        written.retain(|w| !gone.contains(&w.file));
        // Enough for years of daily backups to a few folders; older entries are files
        // retention already removed or that live in folders no longer used.
        let excess = written.len().saturating_sub(1000);
        written.drain(..excess);

        let mut tx = self.pool().begin().await?;
        set_setting(&mut tx, "backups_written", &serde_json::to_string(&written).expect("serialises")).await?;
        set_setting(&mut tx, "last_backup_at", &made.created).await?;
        let name = made.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let changes = serde_json::json!({ "file": name, "bytes": made.bytes, "removed": made.removed.len(), "automatic": automatic });
        audit::record(&mut tx, self.actor(), "backup", "vault", None, changes).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn backups_written(&self) -> Result<Vec<Written>> {
        Ok(self.setting("backups_written").await?.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default())
    }
}

/// A backup this vault wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
struct Written {
    file: String,
    created: String,
}

fn is_within(when: Option<&str>, span: Duration) -> bool {
    when.and_then(|w| DateTime::parse_from_rfc3339(w).ok())
        .map(|t| Utc::now().signed_duration_since(t.with_timezone(&Utc)) < span)
        .unwrap_or(false)
}
