//! The vault header: a small JSON file beside the encrypted database
//! (`clinic.amparo` + `clinic.amparo-header`).
//!
//! SQLCipher answers a wrong key and a file that is not a database with the same error, so
//! the header is what lets Amparo tell "wrong passphrase" from "not a vault" from "damaged".
//! It holds key slots (see `slots`), each wrapping the same random database key: one for
//! the passphrase, one for the recovery code, room for more. Format 2 adds an HMAC over the
//! whole header keyed from the database key, so no slot can be added, removed or edited
//! without the key; format 1 (one passphrase slot, no MAC) is still read and is rewritten
//! as format 2 at the next unlock.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use hmac::{Hmac, Mac};
use rand::{rngs::OsRng, RngCore};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::kdf::{KdfParams, Key, KEY_LEN};
use super::recovery_code::RecoveryCode;
pub use super::slots::{KdfSection, Slot, WrappedKey};
use crate::error::{Error, Result};

/// The `format` field of every Amparo header.
pub const MAGIC: &str = "amparo-vault";
/// The header format this version writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 2;
/// A header is a few hundred bytes; anything far larger is not ours.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Slots a header may hold: a passphrase, a recovery code, and room for a clinic's keys.
pub const MAX_SLOTS: usize = 8;

/// The parsed header. Carries no secret: every key inside is encrypted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// Random id shared with the database, so a header cannot be paired with another vault.
    pub vault_id: String,
    pub slots: Vec<Slot>,
    /// HMAC-SHA256 (base64) over everything above; empty only in a format-1 header.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mac: String,
}

/// Format 1, as written before key slots.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct HeaderV1 {
    format: String,
    version: u32,
    vault_id: String,
    kdf: KdfSection,
    key: WrappedKey,
}

/// What the MAC covers, in a fixed field order.
#[derive(Serialize)]
struct MacBody<'a> {
    format: &'a str,
    version: u32,
    vault_id: &'a str,
    slots: &'a [Slot],
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
        let malformed = |e: serde_json::Error| HeaderProblem::Broken(format!("the header is malformed ({e})"));
        let header = match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v > FORMAT_VERSION as u64 => return Err(HeaderProblem::Newer(v.min(u32::MAX as u64) as u32)),
            Some(1) => {
                let v1: HeaderV1 = serde_json::from_value(value).map_err(malformed)?;
                Header {
                    format: v1.format,
                    version: 1,
                    vault_id: v1.vault_id,
                    slots: vec![Slot::Passphrase { kdf: v1.kdf, key: v1.key }],
                    mac: String::new(),
                }
            }
            Some(2) => serde_json::from_value(value).map_err(malformed)?,
            _ => return Err(HeaderProblem::Broken("the header has no valid version".into())),
        };
        header.check().map_err(HeaderProblem::Broken)?;
        Ok(header)
    }

    fn check(&self) -> std::result::Result<(), String> {
        if self.vault_id.len() != 32 || !self.vault_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("the vault id is malformed".into());
        }
        if self.slots.is_empty() || self.slots.len() > MAX_SLOTS {
            return Err("the header has no usable key slots".into());
        }
        // Amparo writes exactly one: a planted header with several would let one unlock
        // attempt try several candidate keys against the data (a partitioning oracle).
        match self.slots.iter().filter(|s| matches!(s, Slot::Passphrase { .. })).count() {
            0 => return Err("the header has no passphrase slot".into()),
            1 => {}
            _ => return Err("the header has more than one passphrase slot".into()),
        }
        if self.slots.iter().filter(|s| matches!(s, Slot::Recovery { .. })).count() > 1 {
            return Err("the header has more than one recovery slot".into());
        }
        for slot in &self.slots {
            slot.check()?;
        }
        if self.version >= 2 {
            let mac = B64.decode(&self.mac).map_err(|_| "the header's check value is not base64")?;
            if mac.len() != 32 {
                return Err("the header's check value has the wrong length".into());
            }
        }
        Ok(())
    }

    /// Serialises for writing to disk, in the header's own format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = match (self.version, self.slots.first()) {
            (1, Some(Slot::Passphrase { kdf, key })) => serde_json::to_vec_pretty(&HeaderV1 {
                format: self.format.clone(),
                version: 1,
                vault_id: self.vault_id.clone(),
                kdf: kdf.clone(),
                key: key.clone(),
            }),
            _ => serde_json::to_vec_pretty(self),
        }
        .expect("header serialises");
        out.push(b'\n');
        out
    }

    /// A new header for `data_key`: a passphrase slot, and a recovery slot when asked,
    /// whose code is returned to be shown once.
    pub fn create(
        vault_id: &str,
        data_key: &Key,
        passphrase: &SecretString,
        params: KdfParams,
        with_recovery: bool,
    ) -> Result<(Header, Option<RecoveryCode>)> {
        let mut slots =
            vec![Slot::seal_passphrase(&aad_prefix(FORMAT_VERSION, vault_id), data_key, passphrase, params)?];
        let code = if with_recovery {
            let (slot, code) = Slot::new_recovery(data_key)?;
            slots.push(slot);
            Some(code)
        } else {
            None
        };
        Ok((Header::assemble(vault_id, data_key, slots), code))
    }

    fn assemble(vault_id: &str, data_key: &Key, slots: Vec<Slot>) -> Header {
        let mut h = Header {
            format: MAGIC.into(),
            version: FORMAT_VERSION,
            vault_id: vault_id.into(),
            slots,
            mac: String::new(),
        };
        h.mac = B64.encode(h.compute_mac(data_key));
        h
    }

    /// Recovers the database key with the passphrase; a wrong one fails authentication.
    pub fn unseal(&self, passphrase: &SecretString) -> Result<Key> {
        let prefix = aad_prefix(self.version, &self.vault_id);
        for slot in &self.slots {
            if let Some(key) = slot.open_passphrase(&prefix, passphrase)? {
                self.verify_mac(&key)?;
                return Ok(key);
            }
        }
        Err(Error::WrongPassphrase)
    }

    /// Recovers the database key with the recovery code.
    pub fn unseal_recovery(&self, code: &RecoveryCode) -> Result<Key> {
        for slot in &self.slots {
            if let Some(key) = slot.open_recovery(code)? {
                self.verify_mac(&key)?;
                return Ok(key);
            }
        }
        Err(Error::NoRecoveryCode)
    }

    /// The same vault under another database key (a key rotation): a new passphrase slot,
    /// and the recovery slot re-wrapped so the same code keeps working.
    pub fn rekeyed(&self, new_key: &Key, passphrase: &SecretString, params: KdfParams) -> Result<Header> {
        let mut slots =
            vec![Slot::seal_passphrase(&aad_prefix(FORMAT_VERSION, &self.vault_id), new_key, passphrase, params)?];
        for slot in self.slots.iter().filter(|s| matches!(s, Slot::Recovery { .. })) {
            slots.push(slot.rewrap_recovery(new_key)?);
        }
        Ok(Header::assemble(&self.vault_id, new_key, slots))
    }

    /// This header with its passphrase slot sealed again (stronger settings, or format 1
    /// brought to format 2); other slots kept.
    pub fn with_passphrase(&self, data_key: &Key, passphrase: &SecretString, params: KdfParams) -> Result<Header> {
        let mut slots =
            vec![Slot::seal_passphrase(&aad_prefix(FORMAT_VERSION, &self.vault_id), data_key, passphrase, params)?];
        slots.extend(self.slots.iter().filter(|s| !matches!(s, Slot::Passphrase { .. })).cloned());
        Ok(Header::assemble(&self.vault_id, data_key, slots))
    }

    /// This header with a new recovery slot in place of any old one; returns the new code.
    /// Only a format-2 header can take one (bring format 1 up with `with_passphrase`).
    pub fn with_new_recovery(&self, data_key: &Key) -> Result<(Header, RecoveryCode)> {
        if self.version < 2 {
            return Err(Error::Database("the header must be upgraded before a recovery code is added".into()));
        }
        let (slot, code) = Slot::new_recovery(data_key)?;
        let mut slots: Vec<Slot> = self.slots.iter().filter(|s| !matches!(s, Slot::Recovery { .. })).cloned().collect();
        slots.push(slot);
        Ok((Header::assemble(&self.vault_id, data_key, slots), code))
    }

    /// Whether a recovery code can open this vault.
    pub fn has_recovery(&self) -> bool {
        self.slots.iter().any(|s| matches!(s, Slot::Recovery { .. }))
    }

    /// The passphrase slot's KDF settings.
    pub fn passphrase_params(&self) -> KdfParams {
        self.slots.iter().find_map(Slot::passphrase_params).unwrap_or(KdfParams::FLOOR)
    }

    fn compute_mac(&self, data_key: &Key) -> [u8; 32] {
        self.mac_over_body(data_key).finalize().into_bytes().into()
    }

    fn verify_mac(&self, data_key: &Key) -> Result<()> {
        if self.version < 2 {
            return Ok(());
        }
        let expected = B64.decode(&self.mac).map_err(|_| tampered())?;
        self.mac_over_body(data_key).verify_slice(&expected).map_err(|_| tampered())
    }

    /// HMAC-SHA256 under a key derived (HKDF) from the data key, fed the header's body.
    fn mac_over_body(&self, data_key: &Key) -> Hmac<Sha256> {
        let mut mac_key = Zeroizing::new([0u8; 32]);
        hkdf::Hkdf::<Sha256>::new(Some(self.vault_id.as_bytes()), data_key.as_ref())
            .expand(b"amparo-vault header mac", mac_key.as_mut())
            .expect("32 bytes is a valid HKDF length");
        let body =
            MacBody { format: &self.format, version: self.version, vault_id: &self.vault_id, slots: &self.slots };
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.as_ref()).expect("HMAC takes any key length");
        mac.update(&serde_json::to_vec(&body).expect("header serialises"));
        mac
    }
}

fn tampered() -> Error {
    Error::Damaged {
        path: Default::default(),
        detail: "its header was changed outside Amparo (a key slot does not match the header's check value)".into(),
    }
}

/// What every passphrase slot's associated data starts with: the header's own format
/// version (not this build's), so an older header keeps opening after a format bump.
fn aad_prefix(version: u32, vault_id: &str) -> String {
    if version == 1 {
        format!("{MAGIC}|1|{vault_id}")
    } else {
        format!("{MAGIC}|{version}|{vault_id}|passphrase")
    }
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
mod tests;
