//! Key slots: each one wraps the same database key under a different secret.
//!
//! A passphrase slot wraps it with XChaCha20-Poly1305 under an Argon2id key from the
//! passphrase. A recovery slot encrypts it with age to an X25519 public key whose secret
//! half comes from the recovery code (see `recovery_code`), so the slot can be re-wrapped
//! for a new database key without the code. More kinds (a clinic's escrow key) can follow.

use std::io::{Read, Write};

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
use super::recovery_code::RecoveryCode;
use crate::error::{Error, Result};

pub(crate) const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
/// An age file holding 32 bytes for one X25519 recipient is about 200 bytes.
const MAX_AGE_WRAP: usize = 1024;

/// Argon2id settings and salt of one slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfSection {
    pub algorithm: String,
    #[serde(flatten)]
    pub params: KdfParams,
    pub salt: String,
}

/// The database key encrypted under a passphrase-derived key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrappedKey {
    pub algorithm: String,
    pub nonce: String,
    pub ciphertext: String,
}

/// One way into the vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Slot {
    Passphrase {
        kdf: KdfSection,
        key: WrappedKey,
    },
    Recovery {
        kdf: KdfSection,
        /// The age recipient (`age1…`) whose identity the recovery code derives.
        recipient: String,
        /// The database key as an age file, base64.
        wrapped: String,
    },
}

impl KdfSection {
    fn fresh(params: KdfParams) -> (KdfSection, [u8; SALT_LEN]) {
        let mut salt = [0u8; SALT_LEN];
        OsRng.fill_bytes(&mut salt);
        (KdfSection { algorithm: "argon2id".into(), params, salt: B64.encode(salt) }, salt)
    }

    fn salt(&self) -> Result<Vec<u8>> {
        B64.decode(&self.salt).map_err(|_| broken("the salt is not base64"))
    }

    fn check(&self) -> std::result::Result<(), String> {
        if self.algorithm != "argon2id" {
            return Err(format!("unknown key derivation {:?}", self.algorithm));
        }
        if !self.params.is_acceptable() {
            return Err("key-derivation settings outside the safe range".into());
        }
        let salt = B64.decode(&self.salt).map_err(|_| "the salt is not base64")?;
        if salt.len() != SALT_LEN {
            return Err("the salt has the wrong length".into());
        }
        Ok(())
    }
}

impl Slot {
    /// Wraps `data_key` under `passphrase`; `aad_prefix` binds it to the vault and format.
    pub fn seal_passphrase(
        aad_prefix: &str,
        data_key: &Key,
        passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<Slot> {
        let (kdf, salt) = KdfSection::fresh(params);
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let kek = derive_kek(passphrase, &salt, params)?;
        let aad = passphrase_aad(aad_prefix, &kdf);
        let ciphertext = XChaCha20Poly1305::new(kek.as_ref().into())
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: data_key.as_ref(), aad: &aad })
            .map_err(|_| Error::Database("could not wrap the vault key".into()))?;
        let key = WrappedKey {
            algorithm: "xchacha20poly1305".into(),
            nonce: B64.encode(nonce),
            ciphertext: B64.encode(ciphertext),
        };
        Ok(Slot::Passphrase { kdf, key })
    }

    /// A recovery slot for a fresh code; returns the slot and the code to show once.
    pub fn new_recovery(data_key: &Key) -> Result<(Slot, RecoveryCode)> {
        let code = RecoveryCode::generate();
        let (kdf, salt) = KdfSection::fresh(KdfParams::FLOOR);
        let recipient = code.identity(&salt, kdf.params)?.to_public().to_string();
        let wrapped = age_wrap(&recipient, data_key)?;
        Ok((Slot::Recovery { kdf, recipient, wrapped }, code))
    }

    /// This recovery slot for another database key (same code, same recipient).
    pub fn rewrap_recovery(&self, data_key: &Key) -> Result<Slot> {
        match self {
            Slot::Recovery { kdf, recipient, .. } => Ok(Slot::Recovery {
                kdf: kdf.clone(),
                recipient: recipient.clone(),
                wrapped: age_wrap(recipient, data_key)?,
            }),
            Slot::Passphrase { .. } => Err(Error::Database("not a recovery slot".into())),
        }
    }

    /// Unwraps with a passphrase: `Ok(None)` when this is not a passphrase slot, the
    /// wrong-passphrase error when the tag does not verify.
    pub fn open_passphrase(&self, aad_prefix: &str, passphrase: &SecretString) -> Result<Option<Key>> {
        let Slot::Passphrase { kdf, key } = self else { return Ok(None) };
        let salt = kdf.salt()?;
        let nonce = B64.decode(&key.nonce).map_err(|_| broken("the nonce is not base64"))?;
        let ct = B64.decode(&key.ciphertext).map_err(|_| broken("the wrapped key is not base64"))?;
        let kek = derive_kek(passphrase, &salt, kdf.params)?;
        let aad = passphrase_aad(aad_prefix, kdf);
        let plain = Zeroizing::new(
            XChaCha20Poly1305::new(kek.as_ref().into())
                .decrypt(XNonce::from_slice(&nonce), Payload { msg: &ct, aad: &aad })
                .map_err(|_| Error::WrongPassphrase)?,
        );
        to_key(&plain).map(Some)
    }

    /// Unwraps with a recovery code: `Ok(None)` when this is not a recovery slot, the
    /// wrong-code error when the code's public key is not this slot's.
    pub fn open_recovery(&self, code: &RecoveryCode) -> Result<Option<Key>> {
        let Slot::Recovery { kdf, recipient, wrapped } = self else { return Ok(None) };
        let identity = code.identity(&kdf.salt()?, kdf.params)?;
        if identity.to_public().to_string() != *recipient {
            return Err(Error::WrongRecoveryCode);
        }
        let bytes = B64.decode(wrapped).map_err(|_| broken("the recovery slot is not base64"))?;
        let decryptor = age::Decryptor::new(&bytes[..]).map_err(|_| broken("the recovery slot is not an age file"))?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|_| broken("the recovery slot does not open with its own key"))?;
        let mut plain = Zeroizing::new(Vec::with_capacity(KEY_LEN));
        reader.read_to_end(&mut plain).map_err(|_| broken("the recovery slot is cut short"))?;
        to_key(&plain).map(Some)
    }

    /// The KDF settings of a passphrase slot.
    pub fn passphrase_params(&self) -> Option<KdfParams> {
        match self {
            Slot::Passphrase { kdf, .. } => Some(kdf.params),
            Slot::Recovery { .. } => None,
        }
    }

    /// Checks every field's shape without any secret.
    pub fn check(&self) -> std::result::Result<(), String> {
        match self {
            Slot::Passphrase { kdf, key } => {
                kdf.check()?;
                if key.algorithm != "xchacha20poly1305" {
                    return Err(format!("unknown key wrapping {:?}", key.algorithm));
                }
                let nonce = B64.decode(&key.nonce).map_err(|_| "the nonce is not base64")?;
                if nonce.len() != NONCE_LEN {
                    return Err("the nonce has the wrong length".into());
                }
                let ct = B64.decode(&key.ciphertext).map_err(|_| "the wrapped key is not base64")?;
                if ct.len() != KEY_LEN + 16 {
                    return Err("the wrapped key has the wrong length".into());
                }
                Ok(())
            }
            Slot::Recovery { kdf, recipient, wrapped } => {
                kdf.check()?;
                recipient.parse::<age::x25519::Recipient>().map_err(|_| "the recovery recipient is malformed")?;
                let bytes = B64.decode(wrapped).map_err(|_| "the recovery slot is not base64")?;
                if bytes.is_empty() || bytes.len() > MAX_AGE_WRAP {
                    return Err("the recovery slot has the wrong length".into());
                }
                Ok(())
            }
        }
    }
}

fn passphrase_aad(prefix: &str, kdf: &KdfSection) -> Vec<u8> {
    let p = kdf.params;
    format!("{prefix}|{}|{}|{}|{}|{}", kdf.algorithm, p.memory_kib, p.iterations, p.parallelism, kdf.salt).into_bytes()
}

fn age_wrap(recipient: &str, data_key: &Key) -> Result<String> {
    let recipient: age::x25519::Recipient =
        recipient.parse().map_err(|_| broken("the recovery recipient is malformed"))?;
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .map_err(|_| Error::Database("could not wrap the key for recovery".into()))?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| Error::Database(e.to_string()))?;
    writer.write_all(data_key.as_ref()).map_err(|e| Error::Database(e.to_string()))?;
    writer.finish().map_err(|e| Error::Database(e.to_string()))?;
    Ok(B64.encode(out))
}

fn to_key(plain: &[u8]) -> Result<Key> {
    if plain.len() != KEY_LEN {
        return Err(broken("the unwrapped key has the wrong length"));
    }
    let mut key: Key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(plain);
    Ok(key)
}

fn broken(detail: &str) -> Error {
    Error::Damaged { path: Default::default(), detail: detail.into() }
}
