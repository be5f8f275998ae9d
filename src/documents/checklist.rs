//! The evidence checklist of each kind of case: what an asylum application, a work
//! permit or a BIA appeal usually needs, each item with its source. Amparo's own items
//! live in `data/checklists.toml` (docs/CHECKLISTS.md); a clinic adds its own in the
//! vault. An item is ticked by a current document attached for it to the matter, one of
//! its hearings or filings, or its client (a passport serves every case), or by hand ("we
//! have it" or "not needed here").

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, Transaction};

use super::DocumentSubject;
use crate::error::{Error, Result};
use crate::model::{MatterKind, ValidationError};
use crate::store::{audit, now, Store};
use crate::text::Text;

/// An item as the data file writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShippedItem {
    pub id: String,
    pub kinds: Vec<MatterKind>,
    pub en: String,
    pub es: String,
    #[serde(default)]
    pub hint_en: Option<String>,
    #[serde(default)]
    pub hint_es: Option<String>,
    pub source: String,
    #[serde(default)]
    pub doubt: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedFile {
    edition: String,
    item: Vec<ShippedItem>,
}

const DATA: &str = include_str!("../../data/checklists.toml");

fn shipped() -> &'static ShippedFile {
    static FILE: OnceLock<ShippedFile> = OnceLock::new();
    FILE.get_or_init(|| parse(DATA).expect("data/checklists.toml is checked by the tests"))
}

fn parse(text: &str) -> std::result::Result<ShippedFile, String> {
    let file: ShippedFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut seen = std::collections::BTreeSet::new();
    for item in &file.item {
        if !seen.insert(item.id.as_str()) {
            return Err(format!("item {} is listed twice", item.id));
        }
        let plain_id =
            !item.id.is_empty() && item.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !plain_id || item.id.starts_with("clinic_") {
            return Err(format!("item id {:?} must be snake_case and not start with clinic_", item.id));
        }
        if item.kinds.is_empty()
            || item.en.trim().is_empty()
            || item.es.trim().is_empty()
            || item.source.trim().is_empty()
        {
            return Err(format!("item {} needs kinds, en, es and a source", item.id));
        }
        if item.hint_en.is_some() != item.hint_es.is_some() {
            return Err(format!("item {} has a hint in one language only", item.id));
        }
    }
    Ok(file)
}

/// The edition of Amparo's lists (`data/checklists.toml`).
pub fn edition() -> &'static str {
    &shipped().edition
}

/// Amparo's own items for a kind of case, in the order a volunteer gathers them.
pub fn shipped_items(kind: MatterKind) -> impl Iterator<Item = &'static ShippedItem> {
    shipped().item.iter().filter(move |i| i.kinds.contains(&kind))
}

/// Where an item stands on one matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemState {
    Missing,
    /// A document is attached for it.
    Attached,
    /// Marked by hand: the clinic has it (an original seen, a paper file).
    Have,
    /// Marked by hand: not needed in this case.
    NotNeeded,
}

/// One line of a matter's checklist.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistLine {
    pub item: String,
    pub label: Text,
    pub hint: Option<Text>,
    /// Where the item comes from; None for a clinic's own item.
    pub source: Option<String>,
    /// What was not confirmed in that source when the list was written (English, like
    /// the citation): shown so a volunteer checks it rather than takes it as settled.
    pub doubt: Option<String>,
    pub clinic_item: bool,
    pub state: ItemState,
    /// The current documents attached for it, newest first.
    pub documents: Vec<i64>,
    /// Who marked it by hand, and when.
    pub marked_by: Option<String>,
}

/// A matter's checklist.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Checklist {
    pub matter_id: i64,
    pub kind: MatterKind,
    pub edition: String,
    pub lines: Vec<ChecklistLine>,
    pub missing: usize,
}

/// A clinic's own item.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ClinicItem {
    pub id: String,
    pub kind: MatterKind,
    pub label: String,
}

/// The current documents of a matter (and of its hearings, filings and client) for an item.
fn matter_documents() -> String {
    format!(
        "SELECT d.checklist_item, d.id FROM documents d WHERE d.checklist_item IS NOT NULL AND d.removed_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id) AND {} \
         ORDER BY d.added_at DESC, d.id DESC",
        super::OF_CASE
    )
}

/// A case not closed (open or on hold: the hearing goes ahead either way) with an
/// individual hearing within 30 days whose checklist still has
/// missing items: filings for a non-detained individual hearing are due 30 days before
/// it (rule `eoir-filing-individual`, EOIR Policy Manual Part II 3.1(b)(2)).
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct MissingEvidence {
    pub matter_id: i64,
    pub client_id: i64,
    pub client_name: String,
    /// The day of the first individual hearing in the window.
    pub hearing_on: String,
    pub missing: i64,
}

/// The days ahead in which an individual hearing makes missing evidence urgent.
pub const EVIDENCE_WINDOW_DAYS: i64 = 30;

/// A current document for `item` on the case `m`, its client, hearings or filings; each
/// branch read by its own subject's index (a vault may hold thousands of passports).
const ATTACHED_FOR_ITEM: &str = "(EXISTS (SELECT 1 FROM documents d INDEXED BY documents_matter \
       WHERE d.matter_id = m.id AND d.checklist_item = i.item AND d.removed_at IS NULL AND d.id NOT IN (SELECT supersedes FROM documents WHERE supersedes IS NOT NULL)) \
     OR EXISTS (SELECT 1 FROM documents d INDEXED BY documents_client \
       WHERE d.client_id = m.client_id AND d.checklist_item = i.item AND d.removed_at IS NULL AND d.id NOT IN (SELECT supersedes FROM documents WHERE supersedes IS NOT NULL)) \
     OR EXISTS (SELECT 1 FROM hearings hh JOIN documents d INDEXED BY documents_hearing ON d.hearing_id = hh.id \
       WHERE hh.matter_id = m.id AND d.checklist_item = i.item AND d.removed_at IS NULL AND d.id NOT IN (SELECT supersedes FROM documents WHERE supersedes IS NOT NULL)) \
     OR EXISTS (SELECT 1 FROM filings ff JOIN documents d INDEXED BY documents_filing ON d.filing_id = ff.id \
       WHERE ff.matter_id = m.id AND d.checklist_item = i.item AND d.removed_at IS NULL AND d.id NOT IN (SELECT supersedes FROM documents WHERE supersedes IS NOT NULL)))";

impl Store {
    /// Cases not closed with an individual hearing in the next [`EVIDENCE_WINDOW_DAYS`] days and
    /// checklist items still missing, soonest hearing first: how many there are, and the
    /// first `limit`.
    pub async fn missing_evidence(
        &self,
        today: chrono::NaiveDate,
        limit: usize,
    ) -> Result<(i64, Vec<MissingEvidence>)> {
        let pairs: Vec<(MatterKind, &str)> =
            shipped().item.iter().flat_map(|i| i.kinds.iter().map(move |k| (*k, i.id.as_str()))).collect();
        let values = vec!["(?, ?)"; pairs.len()].join(", ");
        let sql = format!(
            "WITH items(kind, item) AS (VALUES {values} \
               UNION ALL SELECT kind, id FROM checklist_items WHERE removed_at IS NULL), \
             soon AS (SELECT h.matter_id, MIN(h.starts_at) AS first_at FROM hearings h INDEXED BY hearings_when_live \
               WHERE h.starts_at >= ? AND h.starts_at < ? AND h.live = 1 AND h.kind = 'individual' GROUP BY h.matter_id), \
             gaps AS (SELECT s.matter_id, s.first_at, m.client_id, \
               (SELECT COUNT(*) FROM items i WHERE i.kind = m.kind \
                  AND NOT EXISTS (SELECT 1 FROM checklist_marks k WHERE k.matter_id = m.id AND k.item = i.item) \
                  AND NOT {ATTACHED_FOR_ITEM}) AS missing \
               FROM soon s JOIN matters m ON m.id = s.matter_id WHERE m.status != 'closed' AND m.deleted_at IS NULL) \
             SELECT g.matter_id, g.client_id, {name} AS client_name, substr(g.first_at, 1, 10) AS hearing_on, g.missing \
             FROM gaps g JOIN clients c ON c.id = g.client_id WHERE g.missing > 0 ORDER BY g.first_at, g.matter_id",
            name = crate::store::CLIENT_NAME
        );
        let mut q = sqlx::query_as::<_, MissingEvidence>(&sql);
        for (kind, item) in &pairs {
            q = q.bind(*kind).bind(*item);
        }
        let until = today + chrono::Duration::days(EVIDENCE_WINDOW_DAYS + 1);
        let all = q.bind(today.to_string()).bind(until.to_string()).fetch_all(self.pool()).await?;
        let total = all.len() as i64;
        Ok((total, all.into_iter().take(limit).collect()))
    }

    /// The checklist of matter `matter_id`: Amparo's items for its kind, then the clinic's.
    pub async fn checklist(&self, matter_id: i64) -> Result<Checklist> {
        let kind: Option<MatterKind> =
            sqlx::query_scalar("SELECT kind FROM matters WHERE id = ? AND deleted_at IS NULL")
                .bind(matter_id)
                .fetch_optional(self.pool())
                .await?;
        let kind = kind.ok_or(Error::NotFound { entity: "matter", id: matter_id })?;
        let mut docs: BTreeMap<String, Vec<i64>> = BTreeMap::new();
        let rows: Vec<(String, i64)> =
            sqlx::query_as(&matter_documents()).bind(matter_id).fetch_all(self.pool()).await?;
        for (item, id) in rows {
            docs.entry(item).or_default().push(id);
        }
        let marks: BTreeMap<String, (String, String)> = sqlx::query_as::<_, (String, String, String)>(
            "SELECT item, state, marked_by FROM checklist_marks WHERE matter_id = ?",
        )
        .bind(matter_id)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .map(|(item, state, by)| (item, (state, by)))
        .collect();
        let mut lines: Vec<ChecklistLine> = shipped_items(kind)
            .map(|i| ChecklistLine {
                item: i.id.clone(),
                label: Text::new(i.en.clone(), i.es.clone()),
                hint: i.hint_en.clone().zip(i.hint_es.clone()).map(|(en, es)| Text::new(en, es)),
                source: Some(i.source.clone()),
                doubt: i.doubt.clone(),
                clinic_item: false,
                state: ItemState::Missing,
                documents: Vec::new(),
                marked_by: None,
            })
            .collect();
        for own in self.clinic_items(Some(kind)).await? {
            lines.push(ChecklistLine {
                item: own.id,
                label: Text::same(own.label),
                hint: None,
                source: None,
                doubt: None,
                clinic_item: true,
                state: ItemState::Missing,
                documents: Vec::new(),
                marked_by: None,
            });
        }
        for line in &mut lines {
            line.documents = docs.remove(&line.item).unwrap_or_default();
            if !line.documents.is_empty() {
                line.state = ItemState::Attached;
            } else if let Some((state, by)) = marks.get(&line.item) {
                line.state = if state == "have" { ItemState::Have } else { ItemState::NotNeeded };
                line.marked_by = Some(by.clone());
            }
        }
        let missing = lines.iter().filter(|l| l.state == ItemState::Missing).count();
        Ok(Checklist { matter_id, kind, edition: edition().to_string(), lines, missing })
    }

    /// Marks an item by hand (`Have`, `NotNeeded`), or clears the mark (`Missing`).
    /// `Attached` comes only from a document.
    pub async fn mark_checklist_item(&self, matter_id: i64, item: &str, state: ItemState) -> Result<Checklist> {
        let mut tx = self.pool().begin().await?;
        Store::require_living_matter(&mut tx, matter_id).await?;
        self.require_checklist_item(&mut tx, DocumentSubject::Matter(matter_id), item).await?;
        let stored = match state {
            ItemState::Have => Some("have"),
            ItemState::NotNeeded => Some("not_needed"),
            ItemState::Missing => None,
            ItemState::Attached => {
                return Err(ValidationError::one(
                    "state",
                    Text::fixed(
                        "An item is ticked as attached by attaching a document for it.",
                        "Un elemento se marca como adjuntado al adjuntar un documento para él.",
                    ),
                )
                .into())
            }
        };
        sqlx::query("DELETE FROM checklist_marks WHERE matter_id = ? AND item = ?")
            .bind(matter_id)
            .bind(item)
            .execute(&mut *tx)
            .await?;
        // To the microsecond: between two laptops the later mark wins, and marks a second
        // apart are common (a volunteer and the coordinator working the same list).
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        if let Some(s) = stored {
            sqlx::query(
                "INSERT INTO checklist_marks (matter_id, item, state, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(matter_id)
            .bind(item)
            .bind(s)
            .bind(self.actor())
            .bind(&at)
            .execute(&mut *tx)
            .await?;
        }
        // For the clinic's other laptops (a cleared mark too, with its time: the later wins).
        sqlx::query(
            "INSERT OR REPLACE INTO sync_mark_out (matter_id, item, state, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(matter_id)
        .bind(item)
        .bind(stored.unwrap_or("missing"))
        .bind(self.actor())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let changes = serde_json::json!({ "checklist_item": item, "state": state });
        audit::record(&mut tx, self.actor(), "update", "matter", Some(matter_id), changes).await?;
        tx.commit().await?;
        self.checklist(matter_id).await
    }

    /// Adds a clinic's own item to the checklist of every case of `kind`.
    pub async fn add_clinic_item(&self, kind: MatterKind, label: &str) -> Result<ClinicItem> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 200 {
            return Err(ValidationError::one(
                "label",
                Text::fixed(
                    "Write what the item is, in at most 200 characters.",
                    "Escriba qué es el elemento, en 200 caracteres como máximo.",
                ),
            )
            .into());
        }
        let mut tx = self.pool().begin().await?;
        // Unique on every laptop of the clinic, so an id means one item wherever it goes.
        let id = format!("clinic_{}", uuid::Uuid::now_v7().simple());
        sqlx::query("INSERT INTO checklist_items (id, kind, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)")
            .bind(&id)
            .bind(kind)
            .bind(label)
            .bind(self.actor())
            .bind(now())
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sync_item_out (id) VALUES (?)").bind(&id).execute(&mut *tx).await?;
        let changes = serde_json::json!({ "checklist_item": id, "kind": kind, "label": label });
        audit::record(&mut tx, self.actor(), "create", "checklist_item", None, changes).await?;
        tx.commit().await?;
        Ok(ClinicItem { id, kind, label: label.to_string() })
    }

    /// The clinic's own items, of one kind of case or all.
    pub async fn clinic_items(&self, kind: Option<MatterKind>) -> Result<Vec<ClinicItem>> {
        let rows: Vec<(String, MatterKind, String)> = sqlx::query_as(
            "SELECT id, kind, label FROM checklist_items WHERE removed_at IS NULL AND (?1 IS NULL OR kind = ?1) \
             ORDER BY added_at, id",
        )
        .bind(kind)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(id, kind, label)| ClinicItem { id, kind, label }).collect())
    }

    /// Refuses an item that is not on the checklist of the subject's case (for a client:
    /// of any of their cases).
    pub(crate) async fn require_checklist_item(
        &self,
        tx: &mut Transaction<'_, Sqlite>,
        subject: DocumentSubject,
        item: &str,
    ) -> Result<()> {
        let sql = match subject {
            DocumentSubject::Client(_) => "SELECT kind FROM matters WHERE client_id = ? AND deleted_at IS NULL",
            DocumentSubject::Matter(_) => "SELECT kind FROM matters WHERE id = ?",
            DocumentSubject::Hearing(_) => {
                "SELECT m.kind FROM matters m JOIN hearings h ON h.matter_id = m.id WHERE h.id = ?"
            }
            DocumentSubject::Filing(_) => {
                "SELECT m.kind FROM matters m JOIN filings f ON f.matter_id = m.id WHERE f.id = ?"
            }
        };
        let kinds: Vec<MatterKind> = sqlx::query_scalar(sql).bind(subject.id()).fetch_all(&mut **tx).await?;
        let shipped_here = kinds.iter().any(|k| shipped_items(*k).any(|i| i.id == item));
        let own: Option<MatterKind> =
            sqlx::query_scalar("SELECT kind FROM checklist_items WHERE id = ? AND removed_at IS NULL")
                .bind(item)
                .fetch_optional(&mut **tx)
                .await?;
        if shipped_here || own.is_some_and(|k| kinds.contains(&k)) {
            return Ok(());
        }
        let shown: String = item.chars().take(60).collect();
        Err(ValidationError::one(
            "checklist_item",
            crate::tr!(
                "\"{shown}\" is not on the checklist of this case. See the case's checklist for the items it has.",
                "«{shown}» no está en la lista de este caso. Vea la lista del caso para los elementos que tiene."
            ),
        )
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_lists_parse_and_every_kind_but_other_has_items() {
        let file = parse(DATA).unwrap();
        assert!(!file.edition.is_empty());
        for kind in MatterKind::ALL.iter().filter(|k| **k != MatterKind::Other) {
            assert!(shipped_items(*kind).count() >= 3, "{kind} has fewer than 3 items");
        }
        for item in &file.item {
            assert!(item.en.chars().count() <= 90, "{}: label too long", item.id);
        }
    }

    #[test]
    fn a_bad_list_is_refused_with_the_item_named() {
        let twice =
            "edition = \"x\"\n[[item]]\nid = \"a\"\nkinds = [\"cat\"]\nen = \"A\"\nes = \"A\"\nsource = \"s\"\n\
                     [[item]]\nid = \"a\"\nkinds = [\"cat\"]\nen = \"B\"\nes = \"B\"\nsource = \"s\"\n";
        assert!(parse(twice).unwrap_err().contains("listed twice"));
        let no_source =
            "edition = \"x\"\n[[item]]\nid = \"a\"\nkinds = [\"cat\"]\nen = \"A\"\nes = \"A\"\nsource = \" \"\n";
        assert!(parse(no_source).unwrap_err().contains("source"));
        let bad_kind =
            "edition = \"x\"\n[[item]]\nid = \"a\"\nkinds = [\"asylum\"]\nen = \"A\"\nes = \"A\"\nsource = \"s\"\n";
        assert!(parse(bad_kind).is_err());
        let one_hint = "edition = \"x\"\n[[item]]\nid = \"a\"\nkinds = [\"cat\"]\nen = \"A\"\nes = \"A\"\nsource = \"s\"\nhint_en = \"h\"\n";
        assert!(parse(one_hint).unwrap_err().contains("hint"));
    }
}
