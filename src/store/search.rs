//! Full-text search (SQLite FTS5, inside the encrypted file) over client names, other
//! names, A-numbers and their matters' courts and judges. Accents are ignored
//! ("Jose" finds "José"); every word typed is matched as a prefix. Digits alone find the
//! A-numbers and USCIS receipt numbers that end with them (volunteers often have only the
//! last four digits from a phone call or a notice).

use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::model::{ANumber, CountryCode, DetentionStatus};

/// A client found by search.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub client_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub a_number: Option<ANumber>,
    pub nationality: Option<CountryCode>,
    pub detention_status: DetentionStatus,
    /// Set when the client is archived (found by search, marked as such).
    pub archived_at: Option<String>,
    /// The receipt number that matched, when the client was found by one.
    #[sqlx(default)]
    pub receipt_number: Option<String>,
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

/// The digits typed when nothing else was (spaces, dashes and a leading "A" allowed),
/// if there are 4 to 8: the end of an A-number or of a receipt number.
pub fn trailing_digits(typed: &str) -> Option<String> {
    let t = typed.trim();
    let t = t.strip_prefix(['A', 'a']).unwrap_or(t);
    if !t.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    (4..=8).contains(&digits.len()).then_some(digits)
}

const HIT: &str = "c.id AS client_id, c.given_name, c.family_name, c.a_number, c.nationality, c.detention_status, \
     c.archived_at";

impl Store {
    /// Clients matching what was typed, best matches first; deleted clients are left out.
    pub async fn search_clients(&self, typed: &str, limit: i64) -> Result<Vec<SearchHit>> {
        self.search_clients_where(typed, false, limit).await
    }

    /// [`Store::search_clients`], only detained clients when `detained_only`. A receipt
    /// number, whole or its last digits, finds the client it belongs to; the last digits
    /// of an A-number find the client too.
    pub async fn search_clients_where(&self, typed: &str, detained_only: bool, limit: i64) -> Result<Vec<SearchHit>> {
        let limit = limit.clamp(1, 500);
        // Numbered throughout: sqlx numbers a bare "?" after a "?1" on its own count.
        let detained = "(?2 = 0 OR c.detention_status = 'detained') AND c.deleted_at IS NULL";
        let mut hits: Vec<SearchHit> = Vec::new();
        if let Ok(r) = crate::model::ReceiptNumber::parse(typed) {
            hits = sqlx::query_as(&format!(
                "SELECT DISTINCT {HIT}, f.receipt_number FROM filings f JOIN matters m ON m.id = f.matter_id \
                 JOIN clients c ON c.id = m.client_id WHERE f.receipt_number = ?1 AND {detained} LIMIT ?3"
            ))
            .bind(r.to_string())
            .bind(detained_only)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        } else if let Some(digits) = trailing_digits(typed).filter(|_| ANumber::parse(typed).is_err()) {
            // A suffix cannot use an index: these read every client and filing once, which
            // is what typing four digits asks for.
            let mut by_a: Vec<SearchHit> = sqlx::query_as(&format!(
                "SELECT {HIT} FROM clients c WHERE substr(c.a_number, -length(?1)) = ?1 AND {detained} \
                 ORDER BY c.family_name, c.given_name LIMIT ?3"
            ))
            .bind(&digits)
            .bind(detained_only)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
            let by_receipt: Vec<SearchHit> = sqlx::query_as(&format!(
                "SELECT {HIT}, f.receipt_number FROM filings f JOIN matters m ON m.id = f.matter_id \
                 JOIN clients c ON c.id = m.client_id WHERE substr(f.receipt_number, -length(?1)) = ?1 AND {detained} \
                 ORDER BY c.family_name, c.given_name LIMIT ?3"
            ))
            .bind(&digits)
            .bind(detained_only)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
            for h in by_receipt {
                if !by_a.iter().any(|a| a.client_id == h.client_id) {
                    by_a.push(h);
                }
            }
            hits = by_a;
        }
        if !hits.is_empty() {
            hits.truncate(limit as usize);
            return Ok(hits);
        }
        let Some(q) = to_fts_query(typed) else {
            return Ok(Vec::new());
        };
        Ok(sqlx::query_as(&format!(
            "SELECT {HIT} FROM search_index s JOIN clients c ON c.id = s.rowid \
             WHERE search_index MATCH ?1 AND {detained} ORDER BY rank LIMIT ?3"
        ))
        .bind(q)
        .bind(detained_only)
        .bind(limit)
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

    #[test]
    fn four_to_eight_digits_are_the_end_of_a_number() {
        assert_eq!(trailing_digits("5678").as_deref(), Some("5678"));
        assert_eq!(trailing_digits(" A 45-678 ").as_deref(), Some("45678"));
        assert_eq!(trailing_digits("123"), None);
        assert_eq!(trailing_digits("123456789"), None);
        assert_eq!(trailing_digits("Maria 5678"), None);
    }
}
