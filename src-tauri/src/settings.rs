//! The app's own preferences (language, auto-lock time), kept in a small JSON file in the
//! platform config folder because they are needed before unlock and hold nothing about
//! any client. The user's name, which identifies a volunteer, lives in the vault.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::State;

use amparo::model::ValidationError;
use amparo::text::Text;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// Preferences that apply before and after unlock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct AppSettings {
    /// "en" or "es"; None follows the system language.
    pub language: Option<String>,
    /// Minutes without activity before the vault locks itself (1 to 240).
    pub auto_lock_minutes: u32,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings { language: None, auto_lock_minutes: 10 }
    }
}

impl AppSettings {
    fn validate(&self) -> Result<(), ValidationError> {
        if !matches!(self.language.as_deref(), None | Some("en") | Some("es")) {
            return Err(ValidationError::one(
                "language",
                Text::fixed("Choose English or Spanish.", "Elija inglés o español."),
            ));
        }
        if !(1..=240).contains(&self.auto_lock_minutes) {
            return Err(ValidationError::one(
                "auto_lock_minutes",
                Text::fixed("Choose between 1 and 240 minutes.", "Elija entre 1 y 240 minutos."),
            ));
        }
        Ok(())
    }
}

/// `$XDG_CONFIG_HOME/amparo/settings.json` on Linux.
pub fn settings_path() -> PathBuf {
    dirs::config_dir().unwrap_or_else(|| PathBuf::from(".")).join("amparo").join("settings.json")
}

/// Reads the preferences; a missing or unreadable file gives the defaults.
pub fn load(path: &Path) -> AppSettings {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<AppSettings>(&b).ok())
        .filter(|s| s.validate().is_ok())
        .unwrap_or_default()
}

/// Checks and writes the preferences, so that a crash leaves the old file or the new one.
pub fn save(path: &Path, settings: &AppSettings) -> Result<(), amparo::Error> {
    settings.validate()?;
    let bytes = serde_json::to_vec_pretty(settings).expect("settings serialise");
    // Owner-only through a randomly named temporary file, synced and renamed: a symlink
    // planted beside the file is never followed, and a crash leaves the old or the new one.
    amparo::vault::write_private(path, &bytes)
}

#[tauri::command]
pub fn get_settings() -> AppSettings {
    load(&settings_path())
}

/// Saves the preferences; a new auto-lock time applies at once.
#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: AppSettings) -> CmdResult<()> {
    save(&settings_path(), &settings).map_err(CommandError::from)?;
    state.activity.set_limit(settings.auto_lock_minutes);
    Ok(())
}

#[tauri::command]
pub async fn get_user_name(state: State<'_, AppState>) -> CmdResult<Option<String>> {
    Ok(state.store().await?.user_name().await?)
}

#[tauri::command]
pub async fn set_user_name(state: State<'_, AppState>, name: String) -> CmdResult<()> {
    Ok(state.store().await?.set_user_name(&name).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_settings_load_back_and_bad_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("amparo").join("settings.json");
        assert_eq!(load(&path), AppSettings::default());
        let mine = AppSettings { language: Some("es".into()), auto_lock_minutes: 5 };
        save(&path, &mine).unwrap();
        assert_eq!(load(&path), mine);
        let bad = AppSettings { language: Some("fr".into()), auto_lock_minutes: 5 };
        assert_eq!(save(&path, &bad).unwrap_err().code(), "invalid_input");
        assert_eq!(
            save(&path, &AppSettings { auto_lock_minutes: 0, ..mine.clone() }).unwrap_err().code(),
            "invalid_input"
        );
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(load(&path), AppSettings::default(), "a broken file falls back to the defaults");
    }

    #[test]
    fn the_file_is_owner_only_and_planted_symlinks_are_not_followed() {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("amparo");
        let path = folder.join("settings.json");
        let mine = AppSettings { language: Some("es".into()), auto_lock_minutes: 5 };
        save(&path, &mine).unwrap();
        let mode = |p: &Path| std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);

        // Someone able to write in the folder plants links at the names a writer might use.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"untouched").unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        symlink(&victim, folder.join("settings.json.tmp")).unwrap();
        std::fs::remove_file(&path).unwrap();
        symlink(&victim, &path).unwrap();
        save(&path, &AppSettings { auto_lock_minutes: 7, ..mine }).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"untouched", "a write went through a symlink");
        assert_eq!(mode(&victim), 0o644);
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_file(), "settings.json is still a link");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(load(&path).auto_lock_minutes, 7);
        let left: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "a temporary file was left behind: {left:?}");
    }
}
