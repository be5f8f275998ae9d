//! Settings kept inside the vault: the user's own name, used for assignments and the
//! audit log. Inside the vault because it identifies a volunteer.

use super::{audit, Store};
use crate::error::Result;
use crate::model::{fields, ValidationError};
use crate::text::Text;

impl Store {
    /// The user's own name, if they gave one.
    pub async fn user_name(&self) -> Result<Option<String>> {
        self.setting("user_name").await
    }

    /// One setting's value, if it is set.
    pub(crate) async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(self.pool()).await?)
    }

    /// Saves the user's own name (empty clears it).
    pub async fn set_user_name(&self, name: &str) -> Result<()> {
        let name =
            fields::line(name, &Text::fixed("name", "nombre")).map_err(|m| ValidationError::one("user_name", m))?;
        let mut tx = self.pool().begin().await?;
        if name.is_empty() {
            sqlx::query("DELETE FROM settings WHERE key = 'user_name'").execute(&mut *tx).await?;
        } else {
            set_setting(&mut tx, "user_name", &name).await?;
        }
        audit::record(&mut tx, self.actor(), "update", "settings", None, serde_json::json!({ "user_name": name }))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Sets one setting inside a transaction (inserted or replaced).
pub(crate) async fn set_setting(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2")
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
