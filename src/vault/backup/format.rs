//! The backup file format (`.amparo-backup`): one file that carries a vault's header and
//! its encrypted data file, so a single thing is copied to a USB stick or a shared folder.
//!
//! ```text
//! "AMPARO-BACKUP\n"   magic, 14 bytes
//! 0x01                format version
//! u32 BE + JSON       meta: created (UTC), vault id, Amparo version (no client data)
//! u32 BE + bytes      the vault header, as on disk (every key in it wrapped)
//! u64 BE + bytes      the SQLCipher data file, a whole number of 4 KiB pages
//! 32 bytes            SHA-256 of everything above
//! ```
//! Nothing in it is plaintext client data: the data file is SQLCipher's, under the vault's
//! own key. The parser refuses anything unexpected and never trusts a length before
//! checking it against its limit.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::vault::header::{Header, MAX_HEADER_BYTES};

pub const MAGIC: &[u8; 14] = b"AMPARO-BACKUP\n";
pub const VERSION: u8 = 1;
const MAX_META: u32 = 4096;
const PAGE: u64 = 4096;
/// A vault of a whole clinic over years is a few GiB; 64 GiB is far beyond any real one.
const MAX_DATA: u64 = 64 << 30;

/// What a backup says about itself, readable without the passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// RFC 3339, UTC.
    pub created: String,
    pub vault_id: String,
    pub app_version: String,
}

/// Everything before the data bytes.
#[derive(Debug)]
pub struct Prelude {
    pub meta: Meta,
    pub header_bytes: Vec<u8>,
    pub header: Header,
    pub data_len: u64,
}

/// A reader that hashes what passes through it.
pub struct Hashing<R> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> Hashing<R> {
    pub fn new(inner: R) -> Self {
        Hashing { inner, hash: Sha256::new() }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

/// Reads and checks the prelude; the reader is left at the first data byte.
pub fn read_prelude<R: Read>(r: &mut Hashing<R>) -> Result<Prelude, String> {
    let mut magic = [0u8; 14];
    r.read_exact(&mut magic).map_err(|_| "it is too short to be a backup")?;
    if &magic != MAGIC {
        return Err("it is not an Amparo backup file".into());
    }
    let mut version = [0u8; 1];
    r.read_exact(&mut version).map_err(|_| "it is cut short")?;
    if version[0] != VERSION {
        return Err(format!("it was written in backup format {}, which this version cannot read", version[0]));
    }
    let meta_len = read_u32(r)?;
    if meta_len == 0 || meta_len > MAX_META {
        return Err("its description block has an impossible length".into());
    }
    let meta_bytes = read_exact_vec(r, meta_len as usize)?;
    let meta: Meta = serde_json::from_slice(&meta_bytes).map_err(|_| "its description block is malformed")?;
    let header_len = read_u32(r)?;
    if header_len == 0 || header_len as usize > MAX_HEADER_BYTES {
        return Err("its header block has an impossible length".into());
    }
    let header_bytes = read_exact_vec(r, header_len as usize)?;
    let header = Header::parse(&header_bytes).map_err(|p| format!("its vault header is unusable ({p:?})"))?;
    if header.vault_id != meta.vault_id {
        return Err("its header belongs to another vault than its description says".into());
    }
    let mut len = [0u8; 8];
    r.read_exact(&mut len).map_err(|_| "it is cut short")?;
    let data_len = u64::from_be_bytes(len);
    if data_len == 0 || data_len % PAGE != 0 || data_len > MAX_DATA {
        return Err("its data block has an impossible length".into());
    }
    Ok(Prelude { meta, header_bytes, header, data_len })
}

/// Copies the data block to `out` (or nowhere), then checks the checksum and the end.
pub fn read_rest<R: Read>(mut r: Hashing<R>, prelude: &Prelude, out: &mut impl Write) -> Result<(), String> {
    let copied =
        io::copy(&mut (&mut r).take(prelude.data_len), out).map_err(|e| format!("it could not be read ({e})"))?;
    if copied != prelude.data_len {
        return Err("it is cut short (the data block is incomplete)".into());
    }
    let computed: [u8; 32] = r.hash.clone().finalize().into();
    let mut stored = [0u8; 32];
    r.inner.read_exact(&mut stored).map_err(|_| "it is cut short (the checksum is missing)")?;
    if computed != stored {
        return Err("its checksum does not match: some of its bytes have changed".into());
    }
    let mut extra = [0u8; 1];
    match r.inner.read(&mut extra) {
        Ok(0) => Ok(()),
        _ => Err("it has unexpected bytes after its end".into()),
    }
}

/// Writes a whole backup; returns the number of bytes written.
pub fn write<W: Write>(
    out: W,
    meta: &Meta,
    header_bytes: &[u8],
    data: &mut impl Read,
    data_len: u64,
) -> io::Result<u64> {
    let mut w = HashingWriter { inner: out, hash: Sha256::new(), written: 0 };
    let meta_bytes = serde_json::to_vec(meta).expect("meta serialises");
    w.write_all(MAGIC)?;
    w.write_all(&[VERSION])?;
    w.write_all(&(meta_bytes.len() as u32).to_be_bytes())?;
    w.write_all(&meta_bytes)?;
    w.write_all(&(header_bytes.len() as u32).to_be_bytes())?;
    w.write_all(header_bytes)?;
    w.write_all(&data_len.to_be_bytes())?;
    let copied = io::copy(&mut data.take(data_len), &mut w)?;
    if copied != data_len {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the data file changed size while it was copied"));
    }
    let digest: [u8; 32] = w.hash.clone().finalize().into();
    w.inner.write_all(&digest)?;
    w.inner.flush()?;
    Ok(w.written + 32)
}

struct HashingWriter<W> {
    inner: W,
    hash: Sha256,
    written: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn read_u32<R: Read>(r: &mut R) -> Result<u32, String> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b).map_err(|_| "it is cut short")?;
    Ok(u32::from_be_bytes(b))
}

fn read_exact_vec<R: Read>(r: &mut R, len: usize) -> Result<Vec<u8>, String> {
    let mut v = vec![0u8; len];
    r.read_exact(&mut v).map_err(|_| "it is cut short")?;
    Ok(v)
}

/// Parses a whole backup held in memory (for the fuzz target and tests).
pub fn check_bytes(bytes: &[u8]) -> Result<Prelude, String> {
    let mut r = Hashing::new(bytes);
    let prelude = read_prelude(&mut r)?;
    read_rest(r, &prelude, &mut io::sink())?;
    Ok(prelude)
}
