//! Notes: dated entries on a client or a matter. Editing adds a version; none is lost.

use crate::text::Text;
use serde::{Deserialize, Serialize};

use super::fields;
use super::validation::{Checker, ValidationError};

/// What a note is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum NoteSubject {
    Client(i64),
    Matter(i64),
}

/// A note as it stands, with how many times it was edited.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Note {
    pub id: i64,
    pub subject: NoteSubject,
    pub body: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub versions: i64,
    /// Who wrote it, as the audit log recorded them (None for a note whose history came
    /// from a vault that did not send it).
    pub author: Option<String>,
    /// Who made the last edit, when it was edited.
    pub edited_by: Option<String>,
}

/// One version of a note's text.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct NoteVersion {
    pub body: String,
    pub written_at: String,
}

/// Checks a note's text.
pub fn validate_body(raw: &str) -> Result<String, ValidationError> {
    let mut c = Checker::default();
    let body = c.take("body", fields::text(raw, &Text::fixed("note", "nota")));
    if matches!(&body, Some(b) if b.trim().is_empty()) {
        c.fail("body", Text::fixed("The note is empty.", "La nota está vacía."));
    }
    c.finish()?;
    Ok(body.unwrap())
}
