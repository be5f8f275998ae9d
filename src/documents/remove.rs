//! Removing a document attached by mistake: the wrong client's passport, the wrong file.
//! Unlike a new version, a removal deletes the content (overwritten on disk, since the vault
//! runs with `secure_delete`) and blanks the name, because a mistaken attachment is often
//! another person's data. The row stays with who removed it, when and why, so the record's
//! history still says a document was there. Only the latest version can be removed; the
//! version before it, if any, becomes current again.

use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::store::{audit, now, Store};

/// Who removed a document, when and why (from this laptop, or from another through the
/// clinic exchange).
pub(crate) struct Removal<'a> {
    pub at: &'a str,
    pub by: &'a str,
    pub reason: &'a str,
}

impl Store {
    /// Removes document `id` (its latest version) for `reason`. Refused for an earlier
    /// version, a blank reason, and a document already removed or whose record is deleted.
    pub async fn remove_document(&self, id: i64, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ValidationError::one(
                "reason",
                crate::tr!(
                    "Say why the document is removed (for example: attached to the wrong case).",
                    "Diga por qué se quita el documento (por ejemplo: se adjuntó al caso equivocado)."
                ),
            )
            .into());
        }
        if reason.chars().count() > 500 {
            return Err(ValidationError::one(
                "reason",
                crate::tr!("Keep the reason under 500 characters.", "Escriba el motivo en menos de 500 caracteres."),
            )
            .into());
        }
        let doc = self.document(id).await?;
        if let Some(newer) = doc.superseded_by {
            return Err(ValidationError::one(
                "document",
                crate::tr!(
                    "Document {id} has a newer version ({newer}). Remove the newest version first, or add a new version instead.",
                    "El documento {id} tiene una versión más nueva ({newer}). Quite primero la versión más nueva, o agregue una versión nueva."
                ),
            )
            .into());
        }
        let mut tx = self.pool().begin().await?;
        let at = now();
        let removal = Removal { at: &at, by: self.actor(), reason };
        if !remove(&mut tx, id, &removal).await? {
            return Err(Error::NotFound { entity: "document", id });
        }
        sqlx::query("INSERT OR IGNORE INTO sync_document_removed (uid) SELECT uid FROM documents WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            self.actor(),
            "remove",
            "document",
            Some(id),
            serde_json::json!({ "reason": reason, "sha256": doc.sha256, "supersedes": doc.supersedes }),
        )
        .await?;
        tx.commit().await?;
        super::drop_removed_chunks(self.pool()).await
    }
}

/// Marks document `id` removed; its content is deleted after the transaction, a few chunks
/// at a time (`drop_removed_chunks`), so that the WAL stays small. Returns false if it
/// was already removed (or is not there).
pub(crate) async fn remove(conn: &mut SqliteConnection, id: i64, r: &Removal<'_>) -> Result<bool> {
    // A version in the middle (removed on another laptop after this one added a newer):
    // the newer one then follows the older, so the chain stays one line.
    let older: Option<i64> = sqlx::query_scalar("SELECT supersedes FROM documents WHERE id = ? AND removed_at IS NULL")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten();
    let newer: Option<i64> =
        sqlx::query_scalar("SELECT id FROM documents WHERE supersedes = ?").bind(id).fetch_optional(&mut *conn).await?;
    let done = sqlx::query(
        "UPDATE documents SET removed_at = ?, removed_by = ?, removed_reason = ?, name = '', checklist_item = NULL, \
         removed_from = supersedes, supersedes = NULL WHERE id = ? AND removed_at IS NULL",
    )
    .bind(r.at)
    .bind(r.by)
    .bind(r.reason)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Ok(false);
    }
    if let Some(newer) = newer {
        sqlx::query("UPDATE documents SET supersedes = ? WHERE id = ?")
            .bind(older)
            .bind(newer)
            .execute(&mut *conn)
            .await?;
    }
    Ok(true)
}
