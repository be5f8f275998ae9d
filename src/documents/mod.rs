//! Documents: the files of a case (notices, the I-589, passports, evidence, recordings)
//! attached to a client, a matter, a hearing or a filing. They are kept inside the vault,
//! in chunks, so SQLCipher encrypts them with the vault's key and a backup, a passphrase
//! change or a restore carries them like everything else (migrations/0010_documents.sql).
//! They leave the vault only as a private temporary copy handed to the system's viewer
//! (`private_copy`) or as an export the user asked for, and the evidence checklist of
//! each kind of case (`checklist`) is ticked by what is attached.

pub mod checklist;
pub mod kind;
pub mod name;
pub mod private_copy;
mod read;
pub(crate) mod remove;
mod write;

use serde::{Deserialize, Serialize};

pub use kind::FileKind;
pub use write::AddDocument;
pub(crate) use write::ChunkSource;

/// Bytes per stored chunk: a chunk is read or written whole, so memory stays at a few of
/// these whatever the file's size.
pub const CHUNK: usize = 1 << 20;
/// Chunks written per transaction: keeps the WAL near 16 MiB while a large file goes in.
pub const CHUNKS_PER_COMMIT: usize = 16;
/// The largest document taken: a long video of a declaration fits; a whole disk image
/// does not, and a clinic bundle could not carry it (`clinic::remote::MAX_OBJECT`).
pub const MAX_DOCUMENT: u64 = 512 << 20;

/// What a document is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentSubject {
    Client(i64),
    Matter(i64),
    Hearing(i64),
    Filing(i64),
}

impl DocumentSubject {
    /// The subject from the four columns of `documents` that name it (exactly one is set).
    pub(crate) fn from_columns(
        client: Option<i64>,
        matter: Option<i64>,
        hearing: Option<i64>,
        filing: Option<i64>,
    ) -> Option<DocumentSubject> {
        match (client, matter, hearing, filing) {
            (Some(id), ..) => Some(DocumentSubject::Client(id)),
            (_, Some(id), ..) => Some(DocumentSubject::Matter(id)),
            (_, _, Some(id), _) => Some(DocumentSubject::Hearing(id)),
            (.., Some(id)) => Some(DocumentSubject::Filing(id)),
            _ => None,
        }
    }

    /// The column of `documents` that holds this subject.
    pub(crate) fn column(&self) -> &'static str {
        match self {
            DocumentSubject::Client(_) => "client_id",
            DocumentSubject::Matter(_) => "matter_id",
            DocumentSubject::Hearing(_) => "hearing_id",
            DocumentSubject::Filing(_) => "filing_id",
        }
    }

    pub(crate) fn id(&self) -> i64 {
        match *self {
            DocumentSubject::Client(id)
            | DocumentSubject::Matter(id)
            | DocumentSubject::Hearing(id)
            | DocumentSubject::Filing(id) => id,
        }
    }

    pub(crate) fn entity(&self) -> &'static str {
        match self {
            DocumentSubject::Client(_) => "client",
            DocumentSubject::Matter(_) => "matter",
            DocumentSubject::Hearing(_) => "hearing",
            DocumentSubject::Filing(_) => "filing",
        }
    }
}

/// One version of a document, as the vault keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Document {
    pub id: i64,
    pub subject: DocumentSubject,
    /// The file's name as it was attached, cleaned of folders and control characters.
    pub name: String,
    /// The type read from the content (never from the name's extension).
    pub media_type: String,
    pub kind: FileKind,
    pub size: i64,
    pub sha256: String,
    /// The checklist item this document stands for, if any.
    pub checklist_item: Option<String>,
    /// A PDF that names JavaScript or a launch action.
    pub scripted: bool,
    /// 1 for the first version, 2 for the one that superseded it, and so on.
    pub version: i64,
    pub supersedes: Option<i64>,
    pub superseded_by: Option<i64>,
    pub added_by: String,
    pub added_at: String,
    /// Whether the app offers to open it in the system's viewer (an archive or an unknown
    /// type can only be exported).
    pub can_open: bool,
}

/// Removes what an attach cut short (a crash, a full disk) left behind: chunks of a blob
/// no document row names. Called at open, when no attach can be under way (one process
/// holds the vault). Nothing is written when there is nothing to remove.
pub(crate) async fn sweep_unfinished(pool: &sqlx::SqlitePool) -> crate::Result<u64> {
    drop_removed_chunks(pool).await?;
    let any: Option<i64> =
        sqlx::query_scalar("SELECT id FROM document_blobs WHERE complete = 0 LIMIT 1").fetch_optional(pool).await?;
    if any.is_none() {
        return Ok(0);
    }
    drop_chunks(pool, "SELECT id FROM document_blobs WHERE complete = 0").await?;
    let gone = sqlx::query("DELETE FROM document_blobs WHERE complete = 0").execute(pool).await?.rows_affected();
    Ok(gone)
}

/// Deletes what is left of removed documents' content (a removal's chunks go after it is
/// recorded; a lock or a crash in between leaves some, taken here at the next chance).
pub(crate) async fn drop_removed_chunks(pool: &sqlx::SqlitePool) -> crate::Result<()> {
    // Looked for first: most of the time there is nothing, and then nothing is written.
    let left: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM documents d JOIN document_chunks c ON c.blob_id = d.blob_id WHERE d.removed_at IS NOT NULL LIMIT 1",
    )
    .fetch_optional(pool)
    .await?;
    if left.is_none() {
        return Ok(());
    }
    drop_chunks(pool, "SELECT blob_id FROM documents WHERE removed_at IS NOT NULL").await
}

/// Chunk `seq` of a blob (None past its last): read one at a time, so that a document is
/// never whole in memory.
pub(crate) async fn chunk(pool: &sqlx::SqlitePool, blob_id: i64, seq: i64) -> crate::Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar("SELECT bytes FROM document_chunks WHERE blob_id = ? AND seq = ?")
        .bind(blob_id)
        .bind(seq)
        .fetch_optional(pool)
        .await?)
}

/// Deletes the chunks of the blobs `blobs` selects, `CHUNKS_PER_COMMIT` to a transaction:
/// with `secure_delete` on, 512 MiB in one transaction would make as large a WAL.
pub(crate) async fn drop_chunks(pool: &sqlx::SqlitePool, blobs: &str) -> crate::Result<()> {
    let sql = format!(
        "DELETE FROM document_chunks WHERE rowid IN \
         (SELECT rowid FROM document_chunks WHERE blob_id IN ({blobs}) LIMIT {CHUNKS_PER_COMMIT})"
    );
    while sqlx::query(&sql).execute(pool).await?.rows_affected() > 0 {}
    Ok(())
}

/// A document whose record is not deleted (a deleted client or case keeps its documents
/// for a restore, but they cannot be read by id meanwhile) and that was not removed.
pub(crate) const LIVING: &str = "d.removed_at IS NULL \
     AND (d.client_id IS NULL OR EXISTS (SELECT 1 FROM clients c WHERE c.id = d.client_id AND c.deleted_at IS NULL)) \
     AND (d.matter_id IS NULL OR EXISTS (SELECT 1 FROM matters m JOIN clients c ON c.id = m.client_id \
       WHERE m.id = d.matter_id AND m.deleted_at IS NULL AND c.deleted_at IS NULL)) \
     AND (d.hearing_id IS NULL OR EXISTS (SELECT 1 FROM hearings h JOIN matters m ON m.id = h.matter_id \
       JOIN clients c ON c.id = m.client_id WHERE h.id = d.hearing_id AND m.deleted_at IS NULL AND c.deleted_at IS NULL)) \
     AND (d.filing_id IS NULL OR EXISTS (SELECT 1 FROM filings f JOIN matters m ON m.id = f.matter_id \
       JOIN clients c ON c.id = m.client_id WHERE f.id = d.filing_id AND m.deleted_at IS NULL AND c.deleted_at IS NULL))";

/// The documents of a case (`?1`: the matter's id), every version: its own, its hearings'
/// and filings', and its client's.
pub(crate) const OF_CASE: &str = "(d.matter_id = ?1 \
     OR d.hearing_id IN (SELECT id FROM hearings WHERE matter_id = ?1) \
     OR d.filing_id IN (SELECT id FROM filings WHERE matter_id = ?1) \
     OR d.client_id = (SELECT client_id FROM matters WHERE id = ?1))";

/// The documents of a client (`?1`: the client's id), every version: their own, and those
/// of their cases, hearings and filings.
pub(crate) const OF_CLIENT: &str = "(d.client_id = ?1 \
     OR d.matter_id IN (SELECT id FROM matters WHERE client_id = ?1) \
     OR d.hearing_id IN (SELECT h.id FROM hearings h JOIN matters m ON m.id = h.matter_id WHERE m.client_id = ?1) \
     OR d.filing_id IN (SELECT f.id FROM filings f JOIN matters m ON m.id = f.matter_id WHERE m.client_id = ?1))";

/// The ids of a case's documents not removed, oldest first (see `OF_CASE`).
pub(crate) async fn ids_of_case(conn: &mut sqlx::SqliteConnection, matter: i64) -> crate::error::Result<Vec<i64>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT d.id FROM documents d WHERE {OF_CASE} AND d.removed_at IS NULL ORDER BY d.id"
    ))
    .bind(matter)
    .fetch_all(conn)
    .await?)
}
