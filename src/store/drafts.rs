//! A form's unsaved input, kept across an auto-lock. The page hands it over just before it
//! locks; it waits inside the vault (encrypted like everything else, never in the webview's
//! storage) and is handed back once, after the next unlock.

use super::{settings::set_setting, Store};
use crate::error::Result;
use crate::model::ValidationError;
use crate::text::Text;

const KEY: &str = "draft";
/// Far more than any form holds; a bound so a runaway page cannot fill the vault.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

impl Store {
    /// Keeps `draft` (the page's JSON) until [`Store::take_draft`], replacing any older one.
    pub async fn save_draft(&self, draft: &str) -> Result<()> {
        if draft.len() > MAX_DRAFT_BYTES || serde_json::from_str::<serde_json::Value>(draft).is_err() {
            return Err(ValidationError::one(
                "draft",
                Text::fixed(
                    "The unsaved form could not be kept: it is not a form Amparo wrote.",
                    "No se pudo guardar el formulario sin terminar: no es un formulario de Amparo.",
                ),
            )
            .into());
        }
        let mut tx = self.pool().begin().await?;
        set_setting(&mut tx, KEY, draft).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The kept draft, if any, removed as it is handed back: it is offered once.
    pub async fn take_draft(&self) -> Result<Option<String>> {
        let mut tx = self.pool().begin().await?;
        let draft: Option<String> = sqlx::query_scalar("DELETE FROM settings WHERE key = ? RETURNING value")
            .bind(KEY)
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(draft)
    }
}
