//! A lock while a sync waits on the network: logind suspends 5 s after asking, so the
//! vault must close without waiting for a remote that does not answer (a sync must hold no
//! connection to the vault across a network call).

mod clinic_common;
mod common;

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use futures::stream::BoxStream;
use object_store::path::Path as ObjectPath;
use object_store::{
    CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore, PutMultipartOptions,
    PutOptions, PutPayload, PutResult, RenameOptions, Result,
};
use tokio::sync::Notify;

use amparo::clinic::remote::Remote;
use amparo::clinic::Role;
use clinic_common::*;

/// A folder whose reads, once armed, never answer: a network that went away mid-sync.
#[derive(Debug)]
struct Stalling {
    inner: Arc<dyn ObjectStore>,
    armed: AtomicBool,
    stalled: Notify,
}

impl fmt::Display for Stalling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stalling({})", self.inner)
    }
}

impl Stalling {
    async fn stall_if_armed(&self) {
        if self.armed.load(Ordering::SeqCst) {
            self.stalled.notify_one();
            std::future::pending::<()>().await;
        }
    }
}

#[async_trait]
impl ObjectStore for Stalling {
    async fn put_opts(&self, location: &ObjectPath, payload: PutPayload, opts: PutOptions) -> Result<PutResult> {
        self.stall_if_armed().await;
        self.inner.put_opts(location, payload, opts).await
    }
    async fn put_multipart_opts(
        &self,
        location: &ObjectPath,
        opts: PutMultipartOptions,
    ) -> Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }
    async fn get_opts(&self, location: &ObjectPath, options: GetOptions) -> Result<GetResult> {
        self.stall_if_armed().await;
        self.inner.get_opts(location, options).await
    }
    async fn get_ranges(&self, location: &ObjectPath, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        self.stall_if_armed().await;
        self.inner.get_ranges(location, ranges).await
    }
    fn delete_stream(
        &self,
        locations: BoxStream<'static, Result<ObjectPath>>,
    ) -> BoxStream<'static, Result<ObjectPath>> {
        self.inner.delete_stream(locations)
    }
    fn list(&self, prefix: Option<&ObjectPath>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.inner.list(prefix)
    }
    async fn list_with_delimiter(&self, prefix: Option<&ObjectPath>) -> Result<ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }
    async fn copy_opts(&self, from: &ObjectPath, to: &ObjectPath, options: CopyOptions) -> Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
    async fn rename_opts(&self, from: &ObjectPath, to: &ObjectPath, options: RenameOptions) -> Result<()> {
        self.inner.rename_opts(from, to, options).await
    }
}

#[tokio::test]
async fn a_vault_locks_while_its_sync_waits_on_a_remote_that_does_not_answer() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("remote");
    let clinic = enroll(&folder.to_string_lossy(), Role::Volunteer).await;
    // Something new on the remote for the volunteer's sync to read.
    open_case(&clinic.coord.store, "Okonkwo", None).await;
    sync(&clinic.coord, &clinic.remote).await;

    let local = object_store::local::LocalFileSystem::new_with_prefix(&folder).unwrap();
    let stalling = Arc::new(Stalling { inner: Arc::new(local), armed: AtomicBool::new(true), stalled: Notify::new() });
    let remote = Remote::over(stalling.clone(), "a remote that stalls");
    let store = clinic.v1.store.clone();
    let syncing = tokio::spawn(async move { store.sync(&remote).await.map(|_| ()).map_err(|e| e.code()) });
    stalling.stalled.notified().await;

    // A bound only: a lock that waits for the remote never returns.
    let Clinic { coord, v1, v2, .. } = clinic;
    tokio::time::timeout(Duration::from_secs(60), v1.vault.lock())
        .await
        .expect("the lock waited for a sync stalled on the network");
    assert!(!syncing.is_finished(), "the sync was not waiting on the remote when the vault locked");
    syncing.abort();
    coord.vault.lock().await;
    v2.vault.lock().await;
}
