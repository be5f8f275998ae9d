//! Settings kept inside the vault: the user's own name, used for assignments and the
//! audit log. Inside the vault because it identifies a volunteer.

use super::{audit, Store};
use crate::error::Result;
use crate::model::{fields, ValidationError};
use crate::text::Text;

impl Store {
    /// The user's own name, if they gave one.
    pub async fn user_name(&self) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = 'user_name'").fetch_optional(self.pool()).await?)
    }

    /// Saves the user's own name (empty clears it).
    pub async fn set_user_name(&self, name: &str) -> Result<()> {
        let name =
            fields::line(name, &Text::fixed("name", "nombre")).map_err(|m| ValidationError::one("user_name", m))?;
        let mut tx = self.pool().begin().await?;
        if name.is_empty() {
            sqlx::query("DELETE FROM settings WHERE key = 'user_name'").execute(&mut *tx).await?;
        } else {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES ('user_name', ?1) ON CONFLICT(key) DO UPDATE SET value = ?1",
            )
            .bind(&name)
            .execute(&mut *tx)
            .await?;
        }
        audit::record(&mut tx, self.actor(), "update", "settings", None, serde_json::json!({ "user_name": name }))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
