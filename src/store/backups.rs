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

    /// Records a backup that was written and checked: the time of the last good one, the
    /// file in the list of backups this vault wrote (the only files retention may
    /// remove), and an audit row (the file's name and size; never the folder, which can
    /// name a person).
    pub async fn record_backup(&self, made: &Made, automatic: bool) -> Result<()> {
        let mut written = self.backups_written().await?;
        written.push(Written { file: made.file.display().to_string(), created: made.created.clone() });
        // Enough for years of daily backups to a few folders; older entries are files
        // retention already removed or that live in folders no longer used.
        let excess = written.len().saturating_sub(1000);
        written.drain(..excess);
        let mut tx = self.pool().begin().await?;
        set(&mut tx, "backups_written", &serde_json::to_string(&written).expect("serialises")).await?;
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

/// A backup this vault wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
struct Written {
    file: String,
    created: String,
}

impl Store {
    async fn backups_written(&self) -> Result<Vec<Written>> {
        let raw: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'backups_written'")
            .fetch_optional(self.pool())
            .await?;
        Ok(raw.and_then(|r| serde_json::from_str(&r).ok()).unwrap_or_default())
    }

    /// Removes this vault's backups in `dir` beyond the newest `keep`, by the list of
    /// backups it wrote and the times it recorded (never by what a file says about
    /// itself); never `newest`. Returns what was removed.
    pub async fn thin_backups(
        &self,
        dir: &std::path::Path,
        keep: usize,
        newest: &std::path::Path,
    ) -> Result<Vec<std::path::PathBuf>> {
        let written = self.backups_written().await?;
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut here: Vec<&Written> =
            written.iter().filter(|w| std::path::Path::new(&w.file).parent() == Some(dir.as_path())).collect();
        here.sort_by(|a, b| b.created.cmp(&a.created));
        let mut removed = Vec::new();
        let mut gone = Vec::new();
        for w in here.into_iter().skip(keep.max(1)) {
            let path = std::path::PathBuf::from(&w.file);
            if path == newest {
                continue;
            }
            match std::fs::remove_file(&path) {
                Ok(()) => removed.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => continue,
            }
            gone.push(w.file.clone());
        }
        if !gone.is_empty() {
            let kept: Vec<Written> = written.into_iter().filter(|w| !gone.contains(&w.file)).collect();
            let mut tx = self.pool().begin().await?;
            set(&mut tx, "backups_written", &serde_json::to_string(&kept).expect("serialises")).await?;
            tx.commit().await?;
        }
        Ok(removed)
    }
}

async fn set(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn is_within(when: Option<&str>, span: Duration) -> bool {
    when.and_then(|w| DateTime::parse_from_rfc3339(w).ok())
        .map(|t| Utc::now().signed_duration_since(t.with_timezone(&Utc)) < span)
        .unwrap_or(false)
}
