//! The vault header: a small JSON file beside the encrypted database
//! (`clinic.amparo` + `clinic.amparo-header`).
//!
//! SQLCipher answers a wrong key and a file that is not a database with the same error, so
//! the header is what lets Amparo tell "wrong passphrase" from "not a vault" from "damaged".
//! It holds the Argon2id salt and parameters and the database key wrapped (encrypted) with
//! the passphrase-derived key. Changing the passphrase rewrites only this file.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chacha20poly1305::{
    aead::{Aead, KeyInit, Payload},
    XChaCha20Poly1305, XNonce,
};
use rand::{rngs::OsRng, RngCore};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::kdf::{derive_kek, KdfParams, Key, KEY_LEN};
use crate::error::{Error, Result};

/// The `format` field of every Amparo header.
pub const MAGIC: &str = "amparo-vault";
/// The header format this version writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// A header is a few hundred bytes; anything far larger is not ours.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;

/// The parsed header. Carries no secret: the key inside is encrypted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// Random id shared with the database, so a header cannot be paired with another vault.
    pub vault_id: String,
    pub kdf: KdfSection,
    pub key: WrappedKey,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfSection {
    pub algorithm: String,
    #[serde(flatten)]
    pub params: KdfParams,
    pub salt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrappedKey {
    pub algorithm: String,
    pub nonce: String,
    pub ciphertext: String,
}

/// Why a header could not be read; the vault layer adds the path.
#[derive(Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    /// Not an Amparo header at all.
    Foreign,
    /// An Amparo header whose contents are broken.
    Broken(String),
    /// Written by a newer Amparo.
    Newer(u32),
}

impl Header {
    /// Parses header bytes without trusting them: size, magic, version, every field.
    pub fn parse(bytes: &[u8]) -> std::result::Result<Header, HeaderProblem> {
        if bytes.len() > MAX_HEADER_BYTES {
            return Err(HeaderProblem::Foreign);
        }
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| HeaderProblem::Foreign)?;
        if value.get("format").and_then(|f| f.as_str()) != Some(MAGIC) {
            return Err(HeaderProblem::Foreign);
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v > FORMAT_VERSION as u64 => return Err(HeaderProblem::Newer(v.min(u32::MAX as u64) as u32)),
            Some(v) if v >= 1 => {}
            _ => return Err(HeaderProblem::Broken("the header has no valid version".into())),
        }
        let header: Header = serde_json::from_value(value)
            .map_err(|e| HeaderProblem::Broken(format!("the header is malformed ({e})")))?;
        header.check().map_err(HeaderProblem::Broken)?;
        Ok(header)
    }

    fn check(&self) -> std::result::Result<(), String> {
        if self.kdf.algorithm != "argon2id" {
            return Err(format!("unknown key derivation {:?}", self.kdf.algorithm));
        }
        if !self.kdf.params.is_acceptable() {
            return Err("key-derivation settings outside the safe range".into());
        }
        if self.key.algorithm != "xchacha20poly1305" {
            return Err(format!("unknown key wrapping {:?}", self.key.algorithm));
        }
        let salt = B64.decode(&self.kdf.salt).map_err(|_| "the salt is not base64")?;
        if salt.len() != SALT_LEN {
            return Err("the salt has the wrong length".into());
        }
        let nonce = B64.decode(&self.key.nonce).map_err(|_| "the nonce is not base64")?;
        if nonce.len() != NONCE_LEN {
            return Err("the nonce has the wrong length".into());
        }
        let ct = B64.decode(&self.key.ciphertext).map_err(|_| "the wrapped key is not base64")?;
        if ct.len() != KEY_LEN + 16 {
            return Err("the wrapped key has the wrong length".into());
        }
        if self.vault_id.len() != 32 || !self.vault_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the vault id is malformed".into());
        }
        Ok(())
    }

    /// Serialises for writing to disk.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("header serialises");
        out.push(b'\n');
        out
    }

    /// Makes a header that wraps `data_key` under `passphrase`, with a fresh salt and nonce.
    pub fn seal(vault_id: &str, data_key: &Key, passphrase: &SecretString, params: KdfParams) -> Result<Header> {
        let mut salt = [0u8; SALT_LEN];
        OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let kdf = KdfSection { algorithm: "argon2id".into(), params, salt: B64.encode(salt) };
        let kek = derive_kek(passphrase, &salt, params)?;
        let aad = associated_data(vault_id, &kdf);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let ciphertext = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: data_key.as_ref(), aad: &aad })
            .map_err(|_| Error::Database("could not wrap the vault key".into()))?;
        Ok(Header {
            format: MAGIC.into(),
            version: FORMAT_VERSION,
            vault_id: vault_id.into(),
            kdf,
            key: WrappedKey {
                algorithm: "xchacha20poly1305".into(),
                nonce: B64.encode(nonce),
                ciphertext: B64.encode(ciphertext),
            },
        })
    }

    /// Recovers the database key; a wrong passphrase fails authentication here.
    pub fn unseal(&self, passphrase: &SecretString) -> Result<Key> {
        let salt = B64.decode(&self.kdf.salt).map_err(|_| Error::WrongPassphrase)?;
        let nonce = B64.decode(&self.key.nonce).map_err(|_| Error::WrongPassphrase)?;
        let ct = B64.decode(&self.key.ciphertext).map_err(|_| Error::WrongPassphrase)?;
        let kek = derive_kek(passphrase, &salt, self.kdf.params)?;
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let aad = associated_data(&self.vault_id, &self.kdf);
        let plain = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &ct, aad: &aad })
                .map_err(|_| Error::WrongPassphrase)?,
        );
        let mut key: Key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&plain);
        Ok(key)
    }
}

/// Binds the wrapped key to the vault id and KDF settings: editing either breaks unwrapping.
fn associated_data(vault_id: &str, kdf: &KdfSection) -> Vec<u8> {
    format!(
        "{MAGIC}|{FORMAT_VERSION}|{vault_id}|{}|{}|{}|{}|{}",
        kdf.algorithm, kdf.params.memory_kib, kdf.params.iterations, kdf.params.parallelism, kdf.salt
    )
    .into_bytes()
}

/// A fresh random 256-bit key.
pub fn random_key() -> Key {
    let mut key: Key = Zeroizing::new([0u8; KEY_LEN]);
    OsRng.fill_bytes(key.as_mut());
    key
}

/// A fresh random vault id (128 bits, hex).
pub fn random_vault_id() -> String {
    let mut id = [0u8; 16];
    OsRng.fill_bytes(&mut id);
    hex::encode(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn seal_then_unseal_round_trips_and_wrong_passphrase_fails() {
        let key = random_key();
        let h =
            Header::seal(&random_vault_id(), &key, &pass("tangerine orbit velvet harbor"), KdfParams::FLOOR).unwrap();
        let parsed = Header::parse(&h.to_bytes()).unwrap();
        assert_eq!(parsed, h);
        assert_eq!(*parsed.unseal(&pass("tangerine orbit velvet harbor")).unwrap(), *key);
        assert!(matches!(parsed.unseal(&pass("tangerine orbit velvet harbour")), Err(Error::WrongPassphrase)));
    }

    #[test]
    fn editing_the_kdf_settings_breaks_unwrapping() {
        let key = random_key();
        let mut h =
            Header::seal(&random_vault_id(), &key, &pass("tangerine orbit velvet harbor"), KdfParams::FLOOR).unwrap();
        h.kdf.params.iterations += 1;
        assert!(matches!(h.unseal(&pass("tangerine orbit velvet harbor")), Err(Error::WrongPassphrase)));
    }

    #[test]
    fn foreign_broken_and_newer_headers_are_told_apart() {
        assert_eq!(Header::parse(b""), Err(HeaderProblem::Foreign));
        assert_eq!(Header::parse(b"SQLite format 3\0"), Err(HeaderProblem::Foreign));
        assert_eq!(Header::parse(br#"{"format":"other"}"#), Err(HeaderProblem::Foreign));
        assert_eq!(Header::parse(&vec![b' '; MAX_HEADER_BYTES + 1]), Err(HeaderProblem::Foreign));
        assert_eq!(Header::parse(br#"{"format":"amparo-vault","version":7}"#), Err(HeaderProblem::Newer(7)));
        assert!(matches!(Header::parse(br#"{"format":"amparo-vault","version":1}"#), Err(HeaderProblem::Broken(_))));
        let h =
            Header::seal(&random_vault_id(), &random_key(), &pass("tangerine orbit velvet harbor"), KdfParams::FLOOR)
                .unwrap();
        let mut weak = h.clone();
        weak.kdf.params.memory_kib = 1024;
        assert!(matches!(Header::parse(&weak.to_bytes()), Err(HeaderProblem::Broken(_))));
        let mut short_salt = h;
        short_salt.kdf.salt = B64.encode([1u8; 4]);
        assert!(matches!(Header::parse(&short_salt.to_bytes()), Err(HeaderProblem::Broken(_))));
    }
}
