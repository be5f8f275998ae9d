//! Notes: append-only. An edit adds a version; earlier versions stay readable.

use super::{audit, expect_one, now, Store};
use crate::error::Result;
use crate::model::{note::validate_body, Note, NoteSubject, NoteVersion};

#[derive(sqlx::FromRow)]
struct NoteRow {
    id: i64,
    client_id: Option<i64>,
    matter_id: Option<i64>,
    created_at: String,
    body: String,
    edited_at: String,
    versions: i64,
    author: Option<String>,
    edited_by: Option<String>,
}

const NOTE_SELECT: &str = "SELECT n.id, n.client_id, n.matter_id, n.created_at, v.body, v.written_at AS edited_at, \
     (SELECT COUNT(*) FROM note_versions WHERE note_id = n.id) AS versions, \
     (SELECT actor FROM audit_log WHERE entity = 'note' AND entity_id = n.id AND action = 'create' ORDER BY id LIMIT 1) AS author, \
     (SELECT actor FROM audit_log WHERE entity = 'note' AND entity_id = n.id AND action = 'update' ORDER BY id DESC LIMIT 1) AS edited_by \
     FROM notes n JOIN note_versions v ON v.id = (SELECT MAX(id) FROM note_versions WHERE note_id = n.id)";

impl From<NoteRow> for Note {
    fn from(r: NoteRow) -> Note {
        let subject = match (r.client_id, r.matter_id) {
            (Some(c), _) => NoteSubject::Client(c),
            (None, m) => NoteSubject::Matter(m.unwrap_or_default()),
        };
        let edited_at = (r.versions > 1).then_some(r.edited_at);
        let edited_by = if r.versions > 1 { r.edited_by } else { None };
        Note {
            id: r.id,
            subject,
            body: r.body,
            created_at: r.created_at,
            edited_at,
            versions: r.versions,
            author: r.author,
            edited_by,
        }
    }
}

impl Store {
    /// Adds a note to a client or a matter.
    pub async fn add_note(&self, subject: NoteSubject, body: &str) -> Result<Note> {
        let body = validate_body(body)?;
        let (client_id, matter_id) = match subject {
            NoteSubject::Client(id) => (Some(id), None),
            NoteSubject::Matter(id) => (None, Some(id)),
        };
        let mut tx = self.pool().begin().await?;
        match subject {
            NoteSubject::Client(id) => super::clients::require_living_client(&mut tx, id).await?,
            NoteSubject::Matter(id) => Store::require_living_matter(&mut tx, id).await?,
        }
        let at = now();
        let id = sqlx::query("INSERT INTO notes (client_id, matter_id, created_at) VALUES (?, ?, ?)")
            .bind(client_id)
            .bind(matter_id)
            .bind(&at)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
        sqlx::query("INSERT INTO note_versions (note_id, body, written_at) VALUES (?, ?, ?)")
            .bind(id)
            .bind(&body)
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        audit::record(&mut tx, self.actor(), "create", "note", Some(id), serde_json::json!({ "subject": subject }))
            .await?;
        tx.commit().await?;
        self.note(id).await
    }

    /// Adds a new version of a note's text; the old one stays in its history.
    pub async fn edit_note(&self, id: i64, body: &str) -> Result<Note> {
        let body = validate_body(body)?;
        let mut tx = self.pool().begin().await?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM notes WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
        expect_one(exists.map(|_| 1).unwrap_or(0), "note", id)?;
        sqlx::query("INSERT INTO note_versions (note_id, body, written_at) VALUES (?, ?, ?)")
            .bind(id)
            .bind(&body)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        audit::record(&mut tx, self.actor(), "update", "note", Some(id), serde_json::json!({ "edited": true })).await?;
        tx.commit().await?;
        self.note(id).await
    }

    /// One note as it stands.
    pub async fn note(&self, id: i64) -> Result<Note> {
        let row: NoteRow = sqlx::query_as(&format!("{NOTE_SELECT} WHERE n.id = ?"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(crate::error::Error::NotFound { entity: "note", id })?;
        Ok(row.into())
    }

    /// The notes on a client or matter, newest first.
    pub async fn notes_for(&self, subject: NoteSubject) -> Result<Vec<Note>> {
        let (column, id) = match subject {
            NoteSubject::Client(id) => ("client_id", id),
            NoteSubject::Matter(id) => ("matter_id", id),
        };
        let rows: Vec<NoteRow> = sqlx::query_as(&format!("{NOTE_SELECT} WHERE n.{column} = ? ORDER BY n.id DESC"))
            .bind(id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.into_iter().map(Note::from).collect())
    }

    /// Every version of a note, oldest first.
    pub async fn note_history(&self, id: i64) -> Result<Vec<NoteVersion>> {
        Ok(sqlx::query_as("SELECT body, written_at FROM note_versions WHERE note_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(self.pool())
            .await?)
    }
}
