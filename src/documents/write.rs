//! Attaching a file: read once, in chunks, hashed and scanned as it goes in, so a 200 MB
//! recording never sits whole in memory and the WAL never holds more than
//! `CHUNKS_PER_COMMIT` chunks. The document row is written last, in the transaction that
//! marks the blob complete: until then nothing shows, and a crash leaves only chunks that
//! the next unlock removes.

use std::path::Path;

use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

use super::kind::{detect, Detected, ScriptScan};
use super::{name, Document, DocumentSubject, CHUNK, CHUNKS_PER_COMMIT, MAX_DOCUMENT};
use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::store::{audit, now, Store};
use crate::text::Text;

/// What to say about a file being attached, beyond the file itself.
#[derive(Clone, Debug, Default)]
pub struct AddDocument {
    /// The name to keep; else the file's own name.
    pub name: Option<String>,
    /// The checklist item it stands for (see `checklist`).
    pub checklist_item: Option<String>,
    /// The document this one is a new version of (same record).
    pub supersedes: Option<i64>,
}

fn refused(message: Text) -> Error {
    ValidationError::one("file", message).into()
}

/// Refused at the first check, and again in the final transaction for a race.
fn has_newer_version(old: i64) -> Error {
    refused(crate::tr!(
        "Document {old} already has a newer version: add the new one to the latest version.",
        "El documento {old} ya tiene una versión más nueva: agregue la nueva a la última versión."
    ))
}

impl Store {
    /// Attaches the file at `path` to `subject`. Refuses (changing nothing) a folder, an
    /// empty file, one over `MAX_DOCUMENT`, and a program or script.
    pub async fn add_document(&self, subject: DocumentSubject, path: &Path, add: &AddDocument) -> Result<Document> {
        // Errors name the file, never its folders: they reach the page.
        let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Opened first and then looked at, so what is checked is what is read: a file
        // swapped for a pipe in between would otherwise hang the attach.
        let std_file = open_no_wait(path).map_err(|e| Error::io(&shown, e))?;
        let meta = std_file.metadata().map_err(|e| Error::io(&shown, e))?;
        if !meta.is_file() {
            return Err(refused(crate::tr!(
                "{shown} is not a file. Choose a file to attach.",
                "{shown} no es un archivo. Elija un archivo para adjuntar."
            )));
        }
        check_size(meta.len())?;
        let name = name::clean(add.name.as_deref().unwrap_or(&shown));
        let mut file = tokio::fs::File::from_std(std_file);
        let mut first = vec![0u8; CHUNK];
        let n = file.fill(&mut first).await.map_err(|e| Error::io(&shown, e))?;
        first.truncate(n);
        if first.is_empty() {
            return Err(refused(crate::tr!(
                "{name} is empty (0 bytes). Choose the file again; it may not have finished downloading.",
                "{name} está vacío (0 bytes). Elija el archivo otra vez; puede que no haya terminado de descargarse."
            )));
        }
        let media_type = match detect(&first) {
            Detected::Kept { media_type, .. } => media_type,
            Detected::Program(what) => {
                return Err(refused(crate::tr!(
                    "{name} is {what}, not a document: Amparo keeps documents, never programs. Nothing was attached.",
                    "{name} es un programa o script, no un documento: Amparo guarda documentos, nunca programas. No se adjuntó nada."
                )))
            }
        };
        self.check_subject(subject, add).await?;

        let blob_id = sqlx::query("INSERT INTO document_blobs (started_at) VALUES (?)")
            .bind(now())
            .execute(self.pool())
            .await?
            .last_insert_rowid();
        let stored = self.fill_blob(blob_id, first, &mut file, path).await;
        let (size, sha256, scripted) = match stored {
            Ok(s) => s,
            Err(e) => {
                self.drop_blob(blob_id).await;
                return Err(e);
            }
        };
        let scripted = scripted && media_type == "application/pdf";
        match self.finish_document(subject, blob_id, &name, &media_type, size, &sha256, scripted, add).await {
            Ok(id) => self.document(id).await,
            Err(e) => {
                self.drop_blob(blob_id).await;
                Err(e)
            }
        }
    }

    /// The record exists and is not deleted; a superseded document belongs to it.
    async fn check_subject(&self, subject: DocumentSubject, add: &AddDocument) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        match subject {
            DocumentSubject::Client(id) => crate::store::clients::require_living_client(&mut tx, id).await?,
            DocumentSubject::Matter(id) => Store::require_living_matter(&mut tx, id).await?,
            DocumentSubject::Hearing(id) | DocumentSubject::Filing(id) => {
                let table = if matches!(subject, DocumentSubject::Hearing(_)) { "hearings" } else { "filings" };
                let matter: Option<i64> = sqlx::query_scalar(&format!("SELECT matter_id FROM {table} WHERE id = ?"))
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let matter = matter.ok_or(Error::NotFound { entity: subject.entity(), id })?;
                Store::require_living_matter(&mut tx, matter).await?;
            }
        }
        if let Some(old) = add.supersedes {
            let sql = format!(
                "SELECT ({col} IS ?) AS same, EXISTS (SELECT 1 FROM documents n WHERE n.supersedes = d.id) AS replaced \
                 FROM documents d WHERE d.id = ? AND d.removed_at IS NULL",
                col = subject.column()
            );
            let row: Option<(bool, bool)> =
                sqlx::query_as(&sql).bind(subject.id()).bind(old).fetch_optional(&mut *tx).await?;
            match row {
                None => return Err(Error::NotFound { entity: "document", id: old }),
                Some((false, _)) => {
                    return Err(refused(crate::tr!(
                        "Document {old} belongs to another record: a new version goes on the same record as the old one.",
                        "El documento {old} pertenece a otro registro: una versión nueva va en el mismo registro que la anterior."
                    )))
                }
                Some((true, true)) => return Err(has_newer_version(old)),
                Some((true, false)) => {}
            }
        }
        if let Some(item) = &add.checklist_item {
            self.require_checklist_item(&mut tx, subject, item).await?;
        }
        tx.rollback().await?;
        Ok(())
    }

    /// Writes the chunks, `CHUNKS_PER_COMMIT` to a transaction. Returns size, SHA-256
    /// and whether a script marker was seen. `path` names the source in errors.
    pub(crate) async fn fill_blob(
        &self,
        blob_id: i64,
        first: Vec<u8>,
        file: &mut impl ChunkSource,
        path: &Path,
    ) -> Result<(i64, String, bool)> {
        let mut hasher = Sha256::new();
        let mut scan = ScriptScan::default();
        let mut size: u64 = 0;
        let mut seq: i64 = 0;
        let mut batch: Vec<Vec<u8>> = Vec::with_capacity(CHUNKS_PER_COMMIT);
        let mut next = Some(first);
        while let Some(chunk) = next.take() {
            size += chunk.len() as u64;
            check_size(size)?;
            hasher.update(&chunk);
            scan.feed(&chunk);
            batch.push(chunk);
            let mut buf = vec![0u8; CHUNK];
            let n = file.fill(&mut buf).await.map_err(|e| Error::io(path.file_name().unwrap_or_default(), e))?;
            if n > 0 {
                buf.truncate(n);
                next = Some(buf);
            }
            if batch.len() == CHUNKS_PER_COMMIT || next.is_none() {
                let mut tx = self.pool().begin().await?;
                for bytes in batch.drain(..) {
                    sqlx::query("INSERT INTO document_chunks (blob_id, seq, bytes) VALUES (?, ?, ?)")
                        .bind(blob_id)
                        .bind(seq)
                        .bind(bytes)
                        .execute(&mut *tx)
                        .await?;
                    seq += 1;
                }
                tx.commit().await?;
            }
        }
        Ok((size as i64, hex::encode(hasher.finalize()), scan.found))
    }

    #[allow(clippy::too_many_arguments)]
    async fn finish_document(
        &self,
        subject: DocumentSubject,
        blob_id: i64,
        name: &str,
        media_type: &str,
        size: i64,
        sha256: &str,
        scripted: bool,
        add: &AddDocument,
    ) -> Result<i64> {
        let mut tx = self.pool().begin().await?;
        if let Some(old) = add.supersedes {
            // Checked again here: another new version may have landed meanwhile.
            let replaced: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM documents WHERE supersedes = ?)")
                .bind(old)
                .fetch_one(&mut *tx)
                .await?;
            if replaced {
                return Err(has_newer_version(old));
            }
        }
        sqlx::query("UPDATE document_blobs SET complete = 1, size = ?, sha256 = ? WHERE id = ?")
            .bind(size)
            .bind(sha256)
            .bind(blob_id)
            .execute(&mut *tx)
            .await?;
        let at = now();
        let sql = format!(
            "INSERT INTO documents (uid, {col}, name, media_type, size, sha256, checklist_item, scripted, supersedes, \
             version, blob_id, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \
             COALESCE((SELECT version FROM documents WHERE id = ?), 0) + 1, ?, ?, ?)",
            col = subject.column()
        );
        let id = sqlx::query(&sql)
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(subject.id())
            .bind(name)
            .bind(media_type)
            .bind(size)
            .bind(sha256)
            .bind(&add.checklist_item)
            .bind(scripted)
            .bind(add.supersedes)
            .bind(add.supersedes)
            .bind(blob_id)
            .bind(self.actor())
            .bind(&at)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
        let changes = serde_json::json!({
            "subject": subject, "media_type": media_type, "size": size, "sha256": sha256,
            "checklist_item": add.checklist_item, "supersedes": add.supersedes,
        });
        audit::record(&mut tx, self.actor(), "create", "document", Some(id), changes).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a blob an attach could not finish. Best effort: what is left is removed at
    /// the next unlock.
    pub(crate) async fn drop_blob(&self, blob_id: i64) {
        let _ = super::drop_chunks(self.pool(), &format!("SELECT {blob_id}")).await;
        let _ = sqlx::query("DELETE FROM document_blobs WHERE id = ? AND complete = 0")
            .bind(blob_id)
            .execute(self.pool())
            .await;
    }
}

fn check_size(size: u64) -> Result<()> {
    if size > MAX_DOCUMENT {
        let mb = size >> 20;
        let max = MAX_DOCUMENT >> 20;
        return Err(refused(crate::tr!(
            "This file is {mb} MB; Amparo keeps documents of up to {max} MB. Make it smaller (a PDF at a lower resolution, a shorter recording) and attach it again. Nothing was attached.",
            "Este archivo tiene {mb} MB; Amparo guarda documentos de hasta {max} MB. Redúzcalo (un PDF con menos resolución, una grabación más corta) y adjúntelo de nuevo. No se adjuntó nada."
        )));
    }
    Ok(())
}

/// Opens for reading without waiting: a named pipe (or a device) opens at once, to be
/// refused as not a file, instead of blocking until a writer comes.
fn open_no_wait(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, rustix::fs::OFlags::NONBLOCK.bits() as i32);
    options.open(path)
}

/// Where a document's bytes come from: a file being attached, or the decrypted stream of
/// one arriving from the clinic exchange.
pub(crate) trait ChunkSource {
    /// Fills `buf` unless the source ends first; returns how much was read.
    async fn fill(&mut self, buf: &mut [u8]) -> std::io::Result<usize>;
}

impl ChunkSource for tokio::fs::File {
    async fn fill(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            let n = self.read(&mut buf[filled..]).await?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        Ok(filled)
    }
}
