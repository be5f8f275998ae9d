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

/// Checks and writes the preferences (write to a temporary file, then rename).
pub fn save(path: &Path, settings: &AppSettings) -> Result<(), amparo::Error> {
    settings.validate()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| amparo::Error::io(dir, e))?;
    }
    let tmp = path.with_extension("json.tmp");
    let bytes = serde_json::to_vec_pretty(settings).expect("settings serialise");
    std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path)).map_err(|e| amparo::Error::io(path, e))
}

#[tauri::command]
pub fn get_settings() -> AppSettings {
    load(&settings_path())
}

#[tauri::command]
pub fn save_settings(settings: AppSettings) -> CmdResult<()> {
    save(&settings_path(), &settings).map_err(CommandError::from)
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
}
