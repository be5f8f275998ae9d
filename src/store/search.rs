//! Full-text search (SQLite FTS5, inside the encrypted file) over client names, other
//! names, A-numbers and their matters' courts and judges. Accents are ignored
//! ("Jose" finds "José"); every word typed is matched as a prefix.

use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::model::{ANumber, DetentionStatus};

/// A client found by search.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub client_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub a_number: Option<ANumber>,
    pub detention_status: DetentionStatus,
}

/// Rebuilds one client's search entry from what is stored now.
pub(crate) async fn reindex_client(tx: &mut sqlx::SqliteConnection, client_id: i64) -> Result<()> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT c.given_name || ' ' || c.family_name || ' ' || COALESCE(c.a_number, '') || ' ' || \
         COALESCE((SELECT group_concat(name, ' ') FROM client_aliases WHERE client_id = c.id), '') || ' ' || \
         COALESCE((SELECT group_concat(COALESCE(court_name, '') || ' ' || COALESCE(judge, ''), ' ') \
                   FROM matters WHERE client_id = c.id AND deleted_at IS NULL), '') \
         FROM clients c WHERE c.id = ?",
    )
    .bind(client_id)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM search_index WHERE rowid = ?").bind(client_id).execute(&mut *tx).await?;
    if let Some(body) = body {
        sqlx::query("INSERT INTO search_index (rowid, body) VALUES (?, ?)")
            .bind(client_id)
            .bind(body)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Turns what the user typed into a safe FTS5 query: each word quoted, matched as a
/// prefix, all words required. An A-number in any accepted form becomes its 9 digits.
/// Returns None when nothing searchable was typed.
pub fn to_fts_query(typed: &str) -> Option<String> {
    if let Ok(a) = ANumber::parse(typed) {
        return Some(format!("\"{}\"", a.digits()));
    }
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric() && !is_mark(c))
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{}\"*", w.chars().take(64).collect::<String>()))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

/// Combining marks belong to the word they follow (e.g. Devanagari vowel signs).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x097F | 0x0E30..=0x0E4E | 0x064B..=0x065F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

impl Store {
    /// Clients matching what was typed, best matches first; deleted clients are left out.
    pub async fn search_clients(&self, typed: &str, limit: i64) -> Result<Vec<SearchHit>> {
        let Some(q) = to_fts_query(typed) else {
            return Ok(Vec::new());
        };
        Ok(sqlx::query_as(
            "SELECT c.id AS client_id, c.given_name, c.family_name, c.a_number, c.detention_status \
             FROM search_index s JOIN clients c ON c.id = s.rowid \
             WHERE search_index MATCH ? AND c.deleted_at IS NULL ORDER BY rank LIMIT ?",
        )
        .bind(q)
        .bind(limit.clamp(1, 500))
        .fetch_all(self.pool())
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_quoted_prefix_query() {
        assert_eq!(to_fts_query("Mar Lóp").unwrap(), "\"Mar\"* \"Lóp\"*");
        assert_eq!(to_fts_query("A 012-345-678").unwrap(), "\"012345678\"");
        assert_eq!(to_fts_query("\" OR 1=1 --").unwrap(), "\"OR\"* \"1\"* \"1\"*");
        assert_eq!(to_fts_query("O'Brien").unwrap(), "\"O\"* \"Brien\"*");
        assert!(to_fts_query("  -- \"\" ").is_none());
        assert!(to_fts_query("NEAR(a b)").unwrap().starts_with("\"NEAR\"*"));
    }
}
