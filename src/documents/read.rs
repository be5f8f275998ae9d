//! Reading documents back: the lists a record shows, a document's history, and its bytes,
//! streamed chunk by chunk into an export or a private copy and checked against the
//! SHA-256 taken when it was attached.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{private_copy, Document, DocumentSubject, FileKind};
use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::store::{audit, Store};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    client_id: Option<i64>,
    matter_id: Option<i64>,
    hearing_id: Option<i64>,
    filing_id: Option<i64>,
    name: String,
    media_type: String,
    size: i64,
    sha256: String,
    checklist_item: Option<String>,
    scripted: bool,
    version: i64,
    supersedes: Option<i64>,
    superseded_by: Option<i64>,
    added_by: String,
    added_at: String,
}

const SELECT: &str = "SELECT d.id, d.client_id, d.matter_id, d.hearing_id, d.filing_id, d.name, d.media_type, \
     d.size, d.sha256, d.checklist_item, d.scripted, d.version, d.supersedes, \
     (SELECT n.id FROM documents n WHERE n.supersedes = d.id AND n.removed_at IS NULL) AS superseded_by, d.added_by, d.added_at \
     FROM documents d";

impl From<Row> for Document {
    fn from(r: Row) -> Document {
        // The table's CHECK sets exactly one of the four.
        let subject = DocumentSubject::from_columns(r.client_id, r.matter_id, r.hearing_id, r.filing_id)
            .unwrap_or(DocumentSubject::Filing(0));
        let kind = FileKind::from_media_type(&r.media_type);
        let can_open = kind.can_open() && private_copy::viewer_extension(&r.media_type).is_some();
        Document {
            id: r.id,
            subject,
            name: r.name,
            media_type: r.media_type,
            kind,
            size: r.size,
            sha256: r.sha256,
            checklist_item: r.checklist_item,
            scripted: r.scripted,
            version: r.version,
            supersedes: r.supersedes,
            superseded_by: r.superseded_by,
            added_by: r.added_by,
            added_at: r.added_at,
            can_open,
        }
    }
}

impl Store {
    /// One document version, unless it was removed or its record is deleted.
    pub async fn document(&self, id: i64) -> Result<Document> {
        let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE d.id = ? AND {}", super::LIVING))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(Document::from).ok_or(Error::NotFound { entity: "document", id })
    }

    /// The current version of each document attached to `subject`, newest first.
    pub async fn documents(&self, subject: DocumentSubject) -> Result<Vec<Document>> {
        let sql = format!(
            "{SELECT} WHERE d.{col} = ? AND {living} \
             AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id AND n.removed_at IS NULL) \
             ORDER BY d.added_at DESC, d.id DESC",
            col = subject.column(),
            living = super::LIVING
        );
        let rows: Vec<Row> = sqlx::query_as(&sql).bind(subject.id()).fetch_all(self.pool()).await?;
        Ok(rows.into_iter().map(Document::from).collect())
    }

    /// Every version of the document `id` belongs to, the first one first.
    pub async fn document_history(&self, id: i64) -> Result<Vec<Document>> {
        let mut first = self.document(id).await?;
        // An older version removed by another laptop ends the history there.
        while let Some(prev) = first.supersedes {
            match self.document(prev).await {
                Ok(d) => first = d,
                Err(Error::NotFound { .. }) => break,
                Err(e) => return Err(e),
            }
        }
        let mut history = vec![first];
        while let Some(next) = history.last().and_then(|d| d.superseded_by) {
            history.push(self.document(next).await?);
        }
        Ok(history)
    }

    /// Writes a copy of the document to `out`, which must not exist yet (nothing is ever
    /// overwritten). The copy is made beside it under a temporary name, readable only by
    /// this user, and renamed into place once whole and checked. Recorded in the audit log.
    pub async fn export_document(&self, id: i64, out: &Path) -> Result<Document> {
        let doc = self.document(id).await?;
        if out.exists() {
            let shown = out.display();
            return Err(ValidationError::one(
                "out",
                crate::tr!(
                    "{shown} already exists. Choose another name; nothing was overwritten.",
                    "{shown} ya existe. Elija otro nombre; no se sobrescribió nada."
                ),
            )
            .into());
        }
        let dir = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut tmp =
            tempfile::Builder::new().prefix(".amparo-export-").tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        self.copy_bytes(&doc, tmp.as_file_mut()).await?;
        tmp.as_file().sync_all().map_err(|e| Error::io(out, e))?;
        tmp.persist_noclobber(out).map_err(|e| Error::io(out, e.error))?;
        let changes = serde_json::json!({ "to": out.file_name().map(|n| n.to_string_lossy().into_owned()) });
        self.audit_read(id, "export", changes).await;
        Ok(doc)
    }

    /// Records a read of a document; a vault that takes no writes (damaged, read-only)
    /// still lets it be read, since copying out is what the user is told to do then.
    async fn audit_read(&self, id: i64, action: &str, changes: serde_json::Value) {
        let recorded = async {
            let mut tx = self.pool().begin().await?;
            audit::record(&mut tx, self.actor(), action, "document", Some(id), changes).await?;
            tx.commit().await?;
            Ok::<(), Error>(())
        };
        let _ = recorded.await;
    }

    /// Decrypts the document into a private, read-only copy for the system's viewer
    /// (`private_copy`) and returns its path. Refused for a kind that is never opened (an
    /// archive, an unknown type): those can only be exported. Recorded in the audit log.
    pub async fn private_copy(&self, id: i64) -> Result<PathBuf> {
        let doc = self.document(id).await?;
        if !doc.can_open {
            let kind = &doc.media_type;
            return Err(ValidationError::one(
                "document",
                crate::tr!(
                    "Amparo does not open this kind of file ({kind}) itself. Export a copy and open it with care.",
                    "Amparo no abre este tipo de archivo ({kind}). Guarde una copia y ábrala con cuidado."
                ),
            )
            .into());
        }
        let name = private_copy::viewer_name(&doc.name, &doc.media_type);
        let (path, mut file) =
            private_copy::new_file(&name).map_err(|e| Error::io("the private folder for opened documents", e))?;
        let made = async {
            self.copy_bytes(&doc, &mut file).await?;
            drop(file);
            private_copy::finish(&path).map_err(|e| Error::io(&name, e))
        }
        .await;
        if let Err(e) = made {
            let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
            return Err(e);
        }
        // Best effort: a vault turned read-only by damage must still let its documents be
        // read, which is what the user is told to do then.
        self.audit_read(id, "view", serde_json::json!({})).await;
        Ok(path)
    }

    /// Streams the stored chunks into `out`, one at a time, and checks the size and the
    /// SHA-256 recorded at attach time.
    async fn copy_bytes(&self, doc: &Document, out: &mut (dyn Write + Send)) -> Result<()> {
        let blob_id: i64 = sqlx::query_scalar("SELECT blob_id FROM documents WHERE id = ?")
            .bind(doc.id)
            .fetch_one(self.pool())
            .await?;
        let mut hasher = Sha256::new();
        let mut size: i64 = 0;
        for seq in 0.. {
            let Some(chunk) = super::chunk(self.pool(), blob_id, seq).await? else { break };
            hasher.update(&chunk);
            size += chunk.len() as i64;
            out.write_all(&chunk).map_err(|e| Error::io("the copy", e))?;
        }
        out.flush().map_err(|e| Error::io("the copy", e))?;
        if size != doc.size || hex::encode(hasher.finalize()) != doc.sha256 {
            return Err(Error::DocumentDamaged { id: doc.id, name: doc.name.clone() });
        }
        Ok(())
    }
}
