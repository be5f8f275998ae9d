//! Where and how often this vault is backed up, and when it last was. Kept inside the
//! vault: a folder's name can say whose laptop or clinic it is.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

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

impl Store {
    /// The backup settings and the last good backup.
    pub async fn backup_status(&self) -> Result<BackupStatus> {
        let get = |key: &'static str| async move {
            sqlx::query_scalar::<_, String>("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(self.pool())
                .await
        };
        let folder = get("backup_folder").await?;
        let keep = get("backup_keep").await?.and_then(|k| k.parse().ok()).unwrap_or(DEFAULT_KEEP);
        let last = get("last_backup_at").await?;
        let overdue = !is_within(last.as_deref(), Duration::days(WARN_AFTER_DAYS));
        Ok(BackupStatus { folder, keep, last, overdue })
    }

    /// True when a folder is set and the last good backup is older than a day.
    pub async fn automatic_backup_due(&self) -> Result<bool> {
        let s = self.backup_status().await?;
        Ok(s.folder.is_some() && !is_within(s.last.as_deref(), Duration::hours(AUTO_EVERY_HOURS)))
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
        for (key, value) in [("backup_folder", folder.to_string()), ("backup_keep", keep.to_string())] {
            sqlx::query("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2")
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
        audit::record(&mut tx, self.actor(), "update", "settings", None, serde_json::json!({ "backup_keep": keep }))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a backup that was written and checked (the file's name, its size, how
    /// many old ones were removed; never the folder, which can name a person).
    pub async fn record_backup(&self, made: &Made, automatic: bool) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ('last_backup_at', ?1) ON CONFLICT(key) DO UPDATE SET value = ?1",
        )
        .bind(&made.created)
        .execute(&mut *tx)
        .await?;
        let name = made.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let changes = serde_json::json!({ "file": name, "bytes": made.bytes, "removed": made.removed.len(), "automatic": automatic });
        audit::record(&mut tx, self.actor(), "backup", "vault", None, changes).await?;
        tx.commit().await?;
        Ok(())
    }
}

fn is_within(when: Option<&str>, span: Duration) -> bool {
    when.and_then(|w| DateTime::parse_from_rfc3339(w).ok())
        .map(|t| Utc::now().signed_duration_since(t.with_timezone(&Utc)) < span)
        .unwrap_or(false)
}
