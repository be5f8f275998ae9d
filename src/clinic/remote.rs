//! Where bundles are left: a plain folder or an S3-compatible bucket, through one API
//! (`object_store`). Every write is create-only, so no object is ever overwritten.

use std::sync::Arc;

use futures::stream::BoxStream;
use futures::TryStreamExt;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload, WriteMultipart};

use super::ClinicError;

/// The largest object read: 10,000 new clients in one bundle are about 45 MB.
pub const MAX_OBJECT: u64 = 512 << 20;

/// S3 credentials given in the app (stored inside the vault). The CLI uses `AWS_*` instead.
#[derive(Clone, Default)]
pub struct S3Credentials {
    pub key_id: String,
    pub secret: String,
}

/// An opened remote.
pub struct Remote {
    store: Arc<dyn ObjectStore>,
    prefix: String,
    pub display: String,
}

fn failed(what: &str, e: impl std::fmt::Display) -> ClinicError {
    ClinicError::Remote(format!("could not be {what}: {e}. Check that it is reachable, then sync again."))
}

impl Remote {
    /// `s3://bucket/prefix` or a folder path. S3 settings come from the usual `AWS_*`
    /// environment variables (`AWS_ENDPOINT_URL` for a store other than Amazon's).
    pub fn open(location: &str, creds: Option<&S3Credentials>) -> Result<Remote, ClinicError> {
        let location = location.trim();
        if location.is_empty() {
            return Err(ClinicError::NoRemote);
        }
        if let Some(rest) = location.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(ClinicError::Remote(format!(
                    "address {location} names no bucket: write s3://BUCKET/FOLDER"
                )));
            }
            let mut b = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
            if let Some(c) = creds {
                b = b.with_access_key_id(&c.key_id).with_secret_access_key(&c.secret);
            }
            let endpoint =
                std::env::var("AWS_ENDPOINT_URL").or_else(|_| std::env::var("AWS_ENDPOINT")).unwrap_or_default();
            if endpoint.starts_with("http://") {
                // A store on this machine or the clinic's own network, without TLS.
                b = b.with_allow_http(true);
            }
            if !endpoint.is_empty() && std::env::var("AWS_REGION").is_err() {
                b = b.with_region("us-east-1");
            }
            let store = b.build().map_err(|e| ClinicError::Remote(format!("bucket {bucket} cannot be used: {e}")))?;
            return Ok(Remote {
                store: Arc::new(store),
                prefix: prefix.trim_matches('/').to_string(),
                display: location.to_string(),
            });
        }
        let dir = std::path::Path::new(location);
        if !dir.is_dir() {
            std::fs::create_dir(dir).map_err(|e| {
                ClinicError::Remote(format!("folder {} does not exist and could not be made ({e})", dir.display()))
            })?;
        }
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| ClinicError::Remote(format!("folder {} cannot be used: {e}", dir.display())))?;
        Ok(Remote { store: Arc::new(store), prefix: String::new(), display: location.to_string() })
    }

    /// A remote over any object store (the tests' own, which can stall).
    #[doc(hidden)]
    pub fn over(store: Arc<dyn ObjectStore>, display: &str) -> Remote {
        Remote { store, prefix: String::new(), display: display.to_string() }
    }

    fn path(&self, name: &str) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(name)
        } else {
            ObjectPath::from(format!("{}/{name}", self.prefix))
        }
    }

    fn strip<'a>(&self, full: &'a str) -> &'a str {
        if self.prefix.is_empty() {
            full
        } else {
            full.strip_prefix(&self.prefix).map(|s| s.trim_start_matches('/')).unwrap_or(full)
        }
    }

    /// Every object name under `under`.
    pub async fn list(&self, under: &str) -> Result<Vec<String>, ClinicError> {
        let prefix = self.path(under);
        let metas: Vec<_> = self.store.list(Some(&prefix)).try_collect().await.map_err(|e| failed("listed", e))?;
        Ok(metas.into_iter().map(|m| self.strip(m.location.as_ref()).to_string()).collect())
    }

    /// Reads an object, refusing (for good) one larger than any bundle Amparo writes, before
    /// reading it: an object planted to exhaust memory must not stop every later sync.
    pub async fn get(&self, name: &str) -> Result<Vec<u8>, ClinicError> {
        let path = self.path(name);
        let meta = self.store.head(&path).await.map_err(|e| failed("read", e))?;
        if meta.size > MAX_OBJECT {
            return Err(ClinicError::Refused(format!(
                "it is {} MB, larger than anything Amparo writes",
                meta.size >> 20
            )));
        }
        let got = self.store.get(&path).await.map_err(|e| failed("read", e))?;
        Ok(got.bytes().await.map_err(|e| failed("read", e))?.to_vec())
    }

    /// Reads an object as a stream of pieces, with its size, refusing one larger than
    /// `limit` before reading it (a document's content: never held whole in memory).
    pub async fn get_stream(
        &self,
        name: &str,
        limit: u64,
    ) -> Result<(u64, BoxStream<'static, object_store::Result<bytes::Bytes>>), ClinicError> {
        let path = self.path(name);
        let got = self.store.get(&path).await.map_err(|e| match e {
            object_store::Error::NotFound { .. } => ClinicError::Remote(format!("{name} is not there yet")),
            e => failed("read", e),
        })?;
        if got.meta.size > limit {
            return Err(ClinicError::Refused(format!(
                "it is {} MB, larger than anything Amparo writes",
                got.meta.size >> 20
            )));
        }
        Ok((got.meta.size, got.into_stream()))
    }

    /// Starts writing a new object in parts (a document's content, streamed). Its name is
    /// new (it holds a fresh uuid), so no other object is replaced.
    pub async fn put_stream(&self, name: &str) -> Result<WriteMultipart, ClinicError> {
        let upload = self.store.put_multipart(&self.path(name)).await.map_err(|e| failed("written", e))?;
        Ok(WriteMultipart::new(upload))
    }

    /// Writes a new object; never replaces one. Returns false if the name was taken.
    pub async fn put_new(&self, name: &str, bytes: Vec<u8>) -> Result<bool, ClinicError> {
        let opts = PutOptions { mode: PutMode::Create, ..Default::default() };
        match self.store.put_opts(&self.path(name), PutPayload::from(bytes), opts).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::AlreadyExists { .. }) => Ok(false),
            Err(e) => Err(failed("written", e)),
        }
    }
}
