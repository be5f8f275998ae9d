//! Documents in the clinic exchange. A document's description (`DocumentItem`: name, size,
//! SHA-256, the record it belongs to, the version it supersedes) travels inside a signed,
//! encrypted bundle like every other change. Its content travels beside that bundle as its
//! own object, `amparo/<clinic>/doc/<uuid>.age`, encrypted with age to the same readers and
//! streamed both ways a chunk at a time, so a 200 MB recording never sits whole in memory
//! and nothing of it touches the disk outside the vault. The object needs no signature of
//! its own: the receiver keeps its content only if the size and SHA-256 are those the
//! signed description gives, and works out the file's type itself.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use futures::{AsyncRead, AsyncReadExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use super::capture::{ensure_uid, local_id};
use super::remote::Remote;
use super::sync::{Refused, SyncReport};
use super::ClinicError;
use crate::documents::{kind, name, ChunkSource, DocumentSubject, CHUNK, MAX_DOCUMENT};
use crate::error::{Error, Result};
use crate::store::{audit, now, Store};

/// A document described in a bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentItem {
    pub u: String,
    /// The kind of record it is attached to (client, matter, hearing, filing) and its uid.
    pub e: String,
    pub of: String,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub checklist_item: Option<String>,
    pub version: i64,
    pub supersedes: Option<String>,
    pub added_by: String,
    pub added_at: String,
    /// Where its content is, under the clinic's folder.
    pub object: String,
}

/// A document removed (attached by mistake): each reader removes it too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemovedItem {
    pub u: String,
    pub e: String,
    pub of: String,
    pub at: String,
    pub by: String,
    pub reason: String,
}

/// Refuses a removal no Amparo writes.
pub fn check_removed(r: &RemovedItem) -> std::result::Result<(), String> {
    let uuid = |s: &str| uuid::Uuid::parse_str(s).is_ok();
    if uuid(&r.u)
        && SUBJECTS.contains(&r.e.as_str())
        && uuid(&r.of)
        && r.at.len() <= 64
        && r.by.len() <= 200
        && r.reason.len() <= 2000
    {
        Ok(())
    } else {
        Err("it removes a document in a way Amparo never writes".into())
    }
}

/// Why a description is refused when its document was removed before it arrived.
const REMOVED: &str = "removed by the laptop that attached it";

const SUBJECTS: [&str; 4] = ["client", "matter", "hearing", "filing"];
/// age adds 16 bytes to each 64 KiB and a header of a few hundred bytes per reader.
const MAX_OBJECT: u64 = MAX_DOCUMENT + (MAX_DOCUMENT >> 12) + (1 << 20);

/// Refuses a description no Amparo writes: a hostile bundle could otherwise point the
/// download at another object or plant a name, a size or a hash that is not one.
pub fn check(d: &DocumentItem) -> std::result::Result<(), String> {
    let uuid = |s: &str| uuid::Uuid::parse_str(s).is_ok();
    let object_ok = d
        .object
        .strip_prefix("amparo/")
        .and_then(|r| r.split_once("/doc/"))
        .and_then(|(clinic, file)| Some((clinic, file.strip_suffix(".age")?)))
        .is_some_and(|(clinic, id)| uuid(clinic) && uuid(id));
    let hex64 = d.sha256.len() == 64 && d.sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let ok = uuid(&d.u)
        && SUBJECTS.contains(&d.e.as_str())
        && uuid(&d.of)
        && object_ok
        && hex64
        && (1..=MAX_DOCUMENT as i64).contains(&d.size)
        && (1..=10_000).contains(&d.version)
        && d.supersedes.as_deref().is_none_or(uuid)
        && !d.name.is_empty()
        && d.name.len() <= 1024
        && d.added_by.len() <= 200
        && d.checklist_item.as_ref().is_none_or(|i| i.len() <= 200);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "it describes a document in a way Amparo never writes ({})",
            d.u.chars().take(40).collect::<String>()
        ))
    }
}

/// The name of a new object for a document's content.
pub fn object_name(clinic_id: &str) -> String {
    format!("amparo/{clinic_id}/doc/{}.age", uuid::Uuid::new_v4())
}

#[derive(sqlx::FromRow)]
struct Row {
    uid: String,
    client_id: Option<i64>,
    matter_id: Option<i64>,
    hearing_id: Option<i64>,
    filing_id: Option<i64>,
    name: String,
    size: i64,
    sha256: String,
    checklist_item: Option<String>,
    version: i64,
    supersedes: Option<String>,
    added_by: String,
    added_at: String,
}

const SELECT: &str = "SELECT d.uid, d.client_id, d.matter_id, d.hearing_id, d.filing_id, d.name, d.size, d.sha256, \
     d.checklist_item, d.version, s.uid AS supersedes, d.added_by, d.added_at \
     FROM documents d LEFT JOIN documents s ON s.id = d.supersedes";

/// A document to send: its record's kind and uid, and its description.
pub struct Outgoing {
    pub entity: &'static str,
    pub record_uid: String,
    pub item: DocumentItem,
}

async fn outgoing(conn: &mut SqliteConnection, rows: Vec<Row>, clinic_id: &str) -> Result<Vec<Outgoing>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(subject) = DocumentSubject::from_columns(r.client_id, r.matter_id, r.hearing_id, r.filing_id) else {
            continue;
        };
        let (entity, id) = (subject.entity(), subject.id());
        let record_uid = ensure_uid(conn, entity, id).await?;
        let item = DocumentItem {
            u: r.uid,
            e: entity.to_string(),
            of: record_uid.clone(),
            name: r.name,
            size: r.size,
            sha256: r.sha256,
            checklist_item: r.checklist_item,
            version: r.version,
            supersedes: r.supersedes,
            added_by: r.added_by,
            added_at: r.added_at,
            object: object_name(clinic_id),
        };
        out.push(Outgoing { entity, record_uid, item });
    }
    Ok(out)
}

/// Documents attached in this vault and not sent yet (those from before it joined too).
pub async fn unsent(conn: &mut SqliteConnection, clinic_id: &str) -> Result<Vec<Outgoing>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE d.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM sync_document_out o WHERE o.uid = d.uid) \
         AND NOT EXISTS (SELECT 1 FROM sync_document_in i WHERE i.uid = d.uid) ORDER BY d.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    outgoing(conn, rows, clinic_id).await
}

/// Every document of a case, for the volunteer it passes to: each goes again as a new
/// object encrypted to the case's readers now.
pub async fn of_case(conn: &mut SqliteConnection, matter_uid: &str, clinic_id: &str) -> Result<Vec<Outgoing>> {
    let Some(matter) = local_id(conn, "matter", matter_uid).await? else { return Ok(Vec::new()) };
    let ids = crate::documents::ids_of_case(&mut *conn, matter).await?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let row: Row = sqlx::query_as(&format!("{SELECT} WHERE d.id = ?")).bind(id).fetch_one(&mut *conn).await?;
        rows.push(row);
    }
    outgoing(conn, rows, clinic_id).await
}

/// Removals made here and not sent yet, each with its record's kind and uid; marked sent.
/// A document no other laptop has (never sent, never received) goes unmentioned.
pub async fn unsent_removals(conn: &mut SqliteConnection) -> Result<Vec<(&'static str, RemovedItem)>> {
    type RemovedRow = (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>, String, String, String);
    let rows: Vec<RemovedRow> = sqlx::query_as(
        "SELECT d.uid, d.client_id, d.matter_id, d.hearing_id, d.filing_id, d.removed_at, d.removed_by, d.removed_reason \
         FROM sync_document_removed r JOIN documents d ON d.uid = r.uid WHERE r.sent = 0 AND d.removed_at IS NOT NULL \
         AND (EXISTS (SELECT 1 FROM sync_document_out o WHERE o.uid = r.uid) \
           OR EXISTS (SELECT 1 FROM sync_document_in i WHERE i.uid = r.uid))",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (u, client, matter, hearing, filing, at, by, reason) in rows {
        let Some(subject) = DocumentSubject::from_columns(client, matter, hearing, filing) else { continue };
        let (entity, id) = (subject.entity(), subject.id());
        let of = ensure_uid(conn, entity, id).await?;
        out.push((entity, RemovedItem { u, e: entity.to_string(), of, at, by, reason }));
    }
    sqlx::query("UPDATE sync_document_removed SET sent = 1 WHERE sent = 0").execute(&mut *conn).await?;
    Ok(out)
}

/// Removes here what another laptop removed. A document not here yet never will be: its
/// description, if it comes, is refused.
pub async fn take_removed(conn: &mut SqliteConnection, items: &[RemovedItem]) -> Result<()> {
    for r in items {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM documents WHERE uid = ?").bind(&r.u).fetch_optional(&mut *conn).await?;
        let removal = crate::documents::remove::Removal { at: &r.at, by: &r.by, reason: &r.reason };
        match id {
            Some(id) => {
                // The document must belong to the record the removal names: that record is
                // what the author's right to write was checked against.
                let (c, m, h, f): (Option<i64>, Option<i64>, Option<i64>, Option<i64>) =
                    sqlx::query_as("SELECT client_id, matter_id, hearing_id, filing_id FROM documents WHERE id = ?")
                        .bind(id)
                        .fetch_one(&mut *conn)
                        .await?;
                let on = match DocumentSubject::from_columns(c, m, h, f) {
                    Some(s) => {
                        super::capture::uid_of(&mut *conn, s.entity(), s.id()).await?.map(|uid| (s.entity(), uid))
                    }
                    None => None,
                };
                if on.as_ref().map(|(e, uid)| (*e, uid.as_str())) != Some((r.e.as_str(), r.of.as_str())) {
                    return Err(refused("it removes a document of another record than the one it names"));
                }
                if crate::documents::remove::remove(&mut *conn, id, &removal).await? {
                    sqlx::query("INSERT OR IGNORE INTO sync_document_removed (uid, sent) VALUES (?, 1)")
                        .bind(&r.u)
                        .execute(&mut *conn)
                        .await?;
                    let changes = serde_json::json!({ "reason": r.reason, "from_clinic": true });
                    audit::record_in(&mut *conn, &r.by, "remove", "document", Some(id), changes).await?;
                }
            }
            None => {
                sqlx::query(
                    "INSERT INTO sync_document_in (uid, item, status, detail, at) VALUES (?, ?, 'refused', ?, ?) \
                     ON CONFLICT (uid) DO UPDATE SET status = 'refused', detail = excluded.detail, item = '{}' WHERE status = 'waiting'",
                )
                .bind(&r.u)
                .bind("{}")
                .bind(REMOVED)
                .bind(now())
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(())
}

/// Notes that a document's content is to be written for `recipients`.
pub async fn queue(conn: &mut SqliteConnection, item: &DocumentItem, recipients: &BTreeSet<String>) -> Result<()> {
    sqlx::query("INSERT INTO sync_document_out (object, uid, recipients) VALUES (?, ?, ?)")
        .bind(&item.object)
        .bind(&item.u)
        .bind(serde_json::to_string(recipients).expect("strings serialise"))
        .execute(conn)
        .await?;
    Ok(())
}

/// Keeps the descriptions a bundle brings, to fetch their content after the bundles are
/// applied. One already here is left alone; one refused before (a damaged object) is
/// tried again when it comes with a new object (a hand-off sends it again), unless it was
/// refused as removed.
/// `volunteer`: the author, when a volunteer (their scope is checked at fetch time).
pub async fn take_described(
    conn: &mut SqliteConnection,
    items: &[DocumentItem],
    volunteer: Option<&str>,
) -> Result<()> {
    for d in items {
        sqlx::query(
            "INSERT INTO sync_document_in (uid, item, volunteer, status, at) \
             SELECT ?, ?, ?, 'waiting', ? WHERE NOT EXISTS (SELECT 1 FROM documents WHERE uid = ?) \
             ON CONFLICT (uid) DO UPDATE SET item = excluded.item, volunteer = excluded.volunteer, \
             status = 'waiting', detail = NULL, at = excluded.at \
             WHERE status = 'refused' AND detail IS NOT ?",
        )
        .bind(&d.u)
        .bind(serde_json::to_string(d).expect("an item serialises"))
        .bind(volunteer)
        .bind(now())
        .bind(&d.u)
        .bind(REMOVED)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An age writer's output, emptied into the upload after each chunk.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().expect("not poisoned"))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The decrypted stream of a document arriving, as the attach path reads a file. Damage
/// found by age (a flipped bit, a cut) is told apart from a network that failed.
struct Arriving<R> {
    inner: R,
    damaged: bool,
}

impl<R: AsyncRead + Unpin> ChunkSource for Arriving<R> {
    async fn fill(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            let n = match self.inner.read(&mut buf[filled..]).await {
                Ok(n) => n,
                Err(e) => {
                    self.damaged = e.kind() == std::io::ErrorKind::InvalidData;
                    return Err(e);
                }
            };
            if n == 0 {
                break;
            }
            filled += n;
        }
        Ok(filled)
    }
}

/// `id`, or, if it was removed, the nearest version before it that was not.
async fn living_version(conn: &mut SqliteConnection, mut id: i64) -> Result<Option<i64>> {
    for _ in 0..10_000 {
        let (removed, from): (bool, Option<i64>) =
            sqlx::query_as("SELECT removed_at IS NOT NULL, removed_from FROM documents WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
        if !removed {
            return Ok(Some(id));
        }
        let Some(next) = from else { return Ok(None) };
        id = next;
    }
    Ok(None)
}

fn refused(reason: impl Into<String>) -> Error {
    Error::Clinic(ClinicError::Refused(reason.into()))
}

impl Store {
    /// Writes the content of each document waiting to go, before the bundles naming them.
    pub(crate) async fn push_documents(&self, remote: &Remote, report: &mut SyncReport) -> Result<()> {
        let waiting: Vec<(String, String, String)> =
            sqlx::query_as("SELECT object, uid, recipients FROM sync_document_out WHERE sent = 0 ORDER BY rowid")
                .fetch_all(self.pool())
                .await?;
        for (object, uid, recipients) in waiting {
            let blob: Option<i64> = sqlx::query_scalar("SELECT blob_id FROM documents WHERE uid = ?")
                .bind(&uid)
                .fetch_optional(self.pool())
                .await?;
            // Purged since (the client's retention ran out): there is nothing left to send.
            let Some(blob) = blob else {
                sqlx::query("DELETE FROM sync_document_out WHERE object = ?")
                    .bind(&object)
                    .execute(self.pool())
                    .await?;
                continue;
            };
            let recipients: Vec<String> = serde_json::from_str(&recipients).unwrap_or_default();
            let size = self.upload(remote, &object, blob, &recipients).await?;
            sqlx::query("UPDATE sync_document_out SET sent = 1 WHERE object = ?")
                .bind(&object)
                .execute(self.pool())
                .await?;
            report.sent_documents += 1;
            report.sent_bytes += size;
        }
        Ok(())
    }

    /// Encrypts a stored document's chunks into a new object as they are read. Returns
    /// the bytes written.
    async fn upload(&self, remote: &Remote, object: &str, blob: i64, recipients: &[String]) -> Result<u64> {
        let parsed: Vec<age::x25519::Recipient> = recipients
            .iter()
            .map(|r| r.parse())
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| ClinicError::Remote("a reader's key is malformed".into()))?;
        let encryptor = age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|_| ClinicError::Remote("there is no one to encrypt a document to".into()))?;
        let sink = Sink::default();
        let mut writer = encryptor.wrap_output(sink.clone()).map_err(|e| Error::io("a document", e))?;
        let mut upload = remote.put_stream(object).await?;
        let mut written = 0u64;
        let mut seq = 0i64;
        let outcome: Result<()> = async {
            loop {
                let Some(chunk) = crate::documents::chunk(self.pool(), blob, seq).await? else { break };
                writer.write_all(&chunk).map_err(|e| Error::io("a document", e))?;
                let out = sink.take();
                written += out.len() as u64;
                upload.write(&out);
                // At most two parts in flight: memory stays at a few parts whatever the size.
                upload
                    .wait_for_capacity(2)
                    .await
                    .map_err(|e| ClinicError::Remote(format!("could not be written: {e}")))?;
                seq += 1;
            }
            Ok(())
        }
        .await;
        if let Err(e) = outcome {
            let _ = upload.abort().await;
            return Err(e);
        }
        writer.finish().map_err(|e| Error::io("a document", e))?;
        let out = sink.take();
        written += out.len() as u64;
        upload.write(&out);
        upload.finish().await.map_err(|e| ClinicError::Remote(format!("could not be written: {e}")))?;
        Ok(written)
    }

    /// Fetches the content of each document described by a bundle applied here, once the
    /// record it belongs to (and the version it supersedes) is here too.
    pub(crate) async fn fetch_documents(
        &self,
        remote: &Remote,
        identity: &age::x25519::Identity,
        clinic_id: &str,
        report: &mut SyncReport,
    ) -> Result<()> {
        // Described for a record purged here since: it will never come, and it names a file.
        sqlx::query(
            "DELETE FROM sync_document_in WHERE status = 'waiting' \
             AND EXISTS (SELECT 1 FROM sync_purged p WHERE instr(item, p.uid) > 0)",
        )
        .execute(self.pool())
        .await?;
        let waiting: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT uid, item, volunteer FROM sync_document_in WHERE status = 'waiting' ORDER BY rowid")
                .fetch_all(self.pool())
                .await?;
        for (uid, item, volunteer) in waiting {
            let Ok(item) = serde_json::from_str::<DocumentItem>(&item) else {
                self.mark_in(&uid, "refused", Some("its description could not be read")).await?;
                continue;
            };
            let mut conn = self.pool().acquire().await?;
            let here: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM documents WHERE uid = ?)")
                .bind(&item.u)
                .fetch_one(&mut *conn)
                .await?;
            drop(conn);
            if here {
                self.mark_in(&uid, "stored", None).await?;
                continue;
            }
            if !item.object.starts_with(&format!("amparo/{clinic_id}/doc/")) {
                self.mark_in(&uid, "refused", Some("its content is not in this clinic's folder")).await?;
                report.refused.push(Refused {
                    name: item.object.clone(),
                    reason: "its content is not in this clinic's folder".into(),
                });
                continue;
            }
            let mut conn = self.pool().acquire().await?;
            let record = local_id(&mut conn, &item.e, &item.of).await?;
            // The version it supersedes must be here first, unless that one was refused:
            // then this one stands on its own rather than wait for ever.
            let older = match &item.supersedes {
                Some(s) => {
                    let (id, refused): (Option<i64>, bool) = sqlx::query_as(
                        "SELECT (SELECT id FROM documents WHERE uid = ?1), \
                         EXISTS (SELECT 1 FROM sync_document_in WHERE uid = ?1 AND status = 'refused')",
                    )
                    .bind(s)
                    .fetch_one(&mut *conn)
                    .await?;
                    match id {
                        // Removed here: it follows the version the removed one superseded.
                        Some(id) => Some(living_version(&mut conn, id).await?),
                        None if refused => Some(None),
                        None => None,
                    }
                }
                None => Some(None),
            };
            drop(conn);
            let (Some(record), Some(older)) = (record, older) else {
                report.waiting_documents += 1;
                continue;
            };
            // A volunteer attaches only to records of cases they may write; the record was
            // perhaps not here when the bundle was applied.
            if let Some(member) = &volunteer {
                let mut conn = self.pool().acquire().await?;
                if !super::apply::may_touch(&mut conn, member, &item.e, &item.of).await? {
                    drop(conn);
                    let reason = "it attaches a document to a case never assigned to its author";
                    self.mark_in(&uid, "refused", Some(reason)).await?;
                    report.refused.push(Refused { name: item.object.clone(), reason: reason.into() });
                    continue;
                }
            }
            // The version it supersedes must be on the same record; else it stands alone.
            let older = match older {
                Some(o) => {
                    let column = format!("{}_id", item.e);
                    let same: bool = sqlx::query_scalar(&format!("SELECT {column} IS ? FROM documents WHERE id = ?"))
                        .bind(record)
                        .bind(o)
                        .fetch_one(self.pool())
                        .await?;
                    same.then_some(o)
                }
                None => None,
            };
            match self.receive(remote, identity, &item, record, older).await {
                Ok(()) => report.received_documents += 1,
                Err(Error::Clinic(ClinicError::Refused(reason))) => {
                    self.mark_in(&uid, "refused", Some(&reason)).await?;
                    report.refused.push(Refused { name: item.object.clone(), reason });
                }
                Err(e) => {
                    report.waiting_documents += 1;
                    report.waiting.push(Refused { name: item.object.clone(), reason: e.to_string() });
                }
            }
        }
        Ok(())
    }

    /// Records where a described document stands. Once it is stored or refused its
    /// description is no longer needed, and it names the file: it is dropped.
    async fn mark_in(&self, uid: &str, status: &str, detail: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE sync_document_in SET status = ?, detail = ?, at = ?, item = '{}' WHERE uid = ?")
            .bind(status)
            .bind(detail)
            .bind(now())
            .bind(uid)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Decrypts one document's object into a new blob and, if it is what its description
    /// says, adds the document.
    async fn receive(
        &self,
        remote: &Remote,
        identity: &age::x25519::Identity,
        item: &DocumentItem,
        record: i64,
        older: Option<i64>,
    ) -> Result<()> {
        let (_, stream) = remote.get_stream(&item.object, MAX_OBJECT).await?;
        let mut reader = stream.map_err(std::io::Error::other).into_async_read();
        // The header is read first, within a bound (see `seal::MAX_HEADER`), then handed
        // to age in front of the rest.
        let mut start = vec![0u8; super::seal::MAX_HEADER];
        let mut got = 0;
        while got < start.len() {
            let n = reader.read(&mut start[got..]).await.map_err(|e| Error::io("a document", e))?;
            if n == 0 {
                break;
            }
            got += n;
        }
        start.truncate(got);
        if !super::seal::header_fits(&start) {
            return Err(refused("it is not an encrypted Amparo object (no age header of a sensible size)"));
        }
        let reader = futures::io::Cursor::new(start).chain(reader);
        let decryptor = age::Decryptor::new_async_buffered(reader)
            .await
            .map_err(|e| refused(format!("it is not an encrypted Amparo object ({e})")))?;
        let plain = match decryptor.decrypt_async(std::iter::once(identity as &dyn age::Identity)) {
            Ok(r) => r,
            Err(age::DecryptError::NoMatchingKeys) => return Err(refused("it is not encrypted to this laptop")),
            Err(e) => return Err(refused(format!("it could not be decrypted ({e})"))),
        };
        let mut source = Arriving { inner: plain, damaged: false };
        let mut first = vec![0u8; CHUNK];
        let n = source.fill(&mut first).await.map_err(|e| damage_or(e, source.damaged))?;
        first.truncate(n);
        let media_type = match kind::detect(&first) {
            kind::Detected::Kept { media_type, .. } => media_type,
            kind::Detected::Program(_) => return Err(refused("its content is a program, not a document")),
        };
        let blob_id = sqlx::query("INSERT INTO document_blobs (started_at) VALUES (?)")
            .bind(now())
            .execute(self.pool())
            .await?
            .last_insert_rowid();
        let shown = name::clean(&item.name);
        let filled = self.fill_blob(blob_id, first, &mut source, Path::new(&shown)).await;
        let (size, sha256, scripted) = match filled {
            Ok(f) => f,
            Err(e) => {
                self.drop_blob(blob_id).await;
                return Err(match e {
                    Error::Io { .. } if source.damaged => {
                        refused("it is damaged: its encrypted content does not check out")
                    }
                    Error::Invalid(_) => refused("it is larger than any document Amparo keeps"),
                    e => e,
                });
            }
        };
        if size != item.size || sha256 != item.sha256 {
            self.drop_blob(blob_id).await;
            return Err(refused("its content is not the one its bundle describes (size or SHA-256 differ)"));
        }
        let scripted = scripted && media_type == "application/pdf";
        if let Err(e) = self.add_received(item, record, older, blob_id, &shown, &media_type, scripted).await {
            self.drop_blob(blob_id).await;
            return Err(e);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn add_received(
        &self,
        item: &DocumentItem,
        record: i64,
        older: Option<i64>,
        blob_id: i64,
        name: &str,
        media_type: &str,
        scripted: bool,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        // Two laptops that each added a new version of the same document keep both: the
        // second stands on its own instead of replacing the first's.
        let older = match older {
            Some(o) => {
                let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM documents WHERE supersedes = ?)")
                    .bind(o)
                    .fetch_one(&mut *tx)
                    .await?;
                (!taken).then_some(o)
            }
            None => None,
        };
        sqlx::query("UPDATE document_blobs SET complete = 1, size = ?, sha256 = ? WHERE id = ?")
            .bind(item.size)
            .bind(&item.sha256)
            .bind(blob_id)
            .execute(&mut *tx)
            .await?;
        let column = format!("{}_id", item.e);
        let id = sqlx::query(&format!(
            "INSERT INTO documents (uid, {column}, name, media_type, size, sha256, checklist_item, scripted, supersedes, \
             version, blob_id, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ))
        .bind(&item.u)
        .bind(record)
        .bind(name)
        .bind(media_type)
        .bind(item.size)
        .bind(&item.sha256)
        .bind(&item.checklist_item)
        .bind(scripted)
        .bind(older)
        .bind(item.version)
        .bind(blob_id)
        .bind(&item.added_by)
        .bind(&item.added_at)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        let changes = serde_json::json!({
            "from_clinic": true, "media_type": media_type, "size": item.size, "sha256": item.sha256,
            "checklist_item": item.checklist_item, "supersedes": older,
        });
        audit::record(&mut tx, &item.added_by, "create", "document", Some(id), changes).await?;
        // In the same transaction: a lock or a crash right after must not leave it
        // "waiting", to be fetched again and refused as a duplicate at every sync.
        sqlx::query("UPDATE sync_document_in SET status = 'stored', detail = NULL, at = ?, item = '{}' WHERE uid = ?")
            .bind(now())
            .bind(&item.u)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn damage_or(e: std::io::Error, damaged: bool) -> Error {
    if damaged {
        refused("it is damaged: its encrypted content does not check out")
    } else {
        Error::io("a document", e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> DocumentItem {
        DocumentItem {
            u: uuid::Uuid::now_v7().to_string(),
            e: "matter".into(),
            of: uuid::Uuid::now_v7().to_string(),
            name: "notice.pdf".into(),
            size: 1000,
            sha256: "a".repeat(64),
            checklist_item: None,
            version: 1,
            supersedes: None,
            added_by: "Vera".into(),
            added_at: "2026-12-06T22:00:00Z".into(),
            object: object_name(&uuid::Uuid::new_v4().to_string()),
        }
    }

    #[test]
    fn a_description_amparo_writes_passes() {
        assert_eq!(check(&item()), Ok(()));
    }

    #[test]
    fn hostile_descriptions_are_refused() {
        let clinic = uuid::Uuid::new_v4();
        let bad: Vec<(&str, Box<dyn Fn(&mut DocumentItem)>)> = vec![
            ("another clinic object", Box::new(move |d| d.object = format!("amparo/{clinic}/d/x/0000000001-aa.age"))),
            ("a path out", Box::new(move |d| d.object = format!("amparo/{clinic}/doc/../../etc/passwd"))),
            ("a kind of record", Box::new(|d| d.e = "note".into())),
            ("a hash", Box::new(|d| d.sha256 = "A".repeat(64))),
            ("a size", Box::new(|d| d.size = MAX_DOCUMENT as i64 + 1)),
            ("an empty file", Box::new(|d| d.size = 0)),
            ("a huge name", Box::new(|d| d.name = "x".repeat(5000))),
            ("a record id", Box::new(|d| d.of = "../1".into())),
            ("a superseded id", Box::new(|d| d.supersedes = Some("1 OR 1=1".into()))),
        ];
        for (what, spoil) in bad {
            let mut d = item();
            spoil(&mut d);
            assert!(check(&d).is_err(), "{what} was taken");
        }
    }
}
