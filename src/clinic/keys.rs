//! A device's keys (Ed25519 to sign, age X25519 to read) and the short fingerprint two
//! people compare before a coordinator admits a volunteer.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ClinicError;

/// A device's public half, as the roster and the bundles carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DevicePublic {
    pub device_id: String,
    /// Ed25519 verifying key, hex.
    pub sign_key: String,
    /// age X25519 recipient (`age1…`).
    pub age_recipient: String,
}

/// This device's secret keys, loaded from the vault for one operation.
pub struct DeviceKeys {
    pub device_id: String,
    signing: SigningKey,
    identity: age::x25519::Identity,
}

impl DeviceKeys {
    pub fn generate(device_id: String) -> Self {
        let signing = SigningKey::generate(&mut rand::rngs::OsRng);
        DeviceKeys { device_id, signing, identity: age::x25519::Identity::generate() }
    }

    /// From the vault's stored form (hex signing key, `AGE-SECRET-KEY-1…`).
    pub fn from_stored(device_id: String, signing_hex: &str, age_identity: &str) -> Result<Self, ClinicError> {
        let bytes = Zeroizing::new(hex::decode(signing_hex).map_err(|_| ClinicError::Keys)?);
        let arr: [u8; 32] = bytes.as_slice().try_into().map_err(|_| ClinicError::Keys)?;
        let identity = age::x25519::Identity::from_str(age_identity).map_err(|_| ClinicError::Keys)?;
        Ok(DeviceKeys { device_id, signing: SigningKey::from_bytes(&arr), identity })
    }

    /// The stored form of the secret keys (kept only inside the encrypted vault).
    pub fn stored(&self) -> (Zeroizing<String>, Zeroizing<String>) {
        (
            Zeroizing::new(hex::encode(self.signing.to_bytes())),
            Zeroizing::new(self.identity.to_string().expose_secret().to_string()),
        )
    }

    pub fn public(&self) -> DevicePublic {
        DevicePublic {
            device_id: self.device_id.clone(),
            sign_key: hex::encode(self.signing.verifying_key().to_bytes()),
            age_recipient: self.identity.to_public().to_string(),
        }
    }

    pub fn sign(&self, bytes: &[u8]) -> [u8; 64] {
        self.signing.sign(bytes).to_bytes()
    }

    pub fn identity(&self) -> &age::x25519::Identity {
        &self.identity
    }
}

/// Whether `sig` is `key_hex`'s signature of `bytes` (strict: no malleable signatures).
pub fn verify(key_hex: &str, bytes: &[u8], sig: &[u8]) -> bool {
    let Ok(key) = hex::decode(key_hex) else { return false };
    let Ok(key) = <[u8; 32]>::try_from(key.as_slice()) else { return false };
    let Ok(key) = VerifyingKey::from_bytes(&key) else { return false };
    let Ok(sig) = Signature::from_slice(sig) else { return false };
    key.verify_strict(bytes, &sig).is_ok() && key.verify(bytes, &sig).is_ok()
}

/// Six words from the BIP-39 English list (66 bits) naming both parties' keys: the
/// coordinator's invitation and the volunteer's request show the same words only if
/// neither file was swapped on the way.
pub fn pairing_words(clinic: &DevicePublic, joiner: &DevicePublic) -> String {
    let mut h = Sha256::new();
    for part in [&clinic.sign_key, &clinic.age_recipient, &joiner.sign_key, &joiner.age_recipient] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    let words = bip39::Language::English.word_list();
    let mut bits = u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"));
    (0..6)
        .map(|_| {
            let w = words[(bits >> 117) as usize];
            bits <<= 11;
            w
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words typed back by a person match: case, spacing and punctuation do not matter.
pub fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect::<Vec<_>>()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_and_refuse_changes() {
        let k = DeviceKeys::generate("d".into());
        let sig = k.sign(b"roster 1");
        assert!(verify(&k.public().sign_key, b"roster 1", &sig));
        assert!(!verify(&k.public().sign_key, b"roster 2", &sig));
        let other = DeviceKeys::generate("e".into());
        assert!(!verify(&other.public().sign_key, b"roster 1", &sig));
    }

    #[test]
    fn stored_keys_round_trip() {
        let k = DeviceKeys::generate("d".into());
        let (s, a) = k.stored();
        let back = DeviceKeys::from_stored("d".into(), &s, &a).unwrap();
        assert_eq!(back.public(), k.public());
    }

    #[test]
    fn pairing_words_depend_on_both_sides() {
        let (c, j, x) =
            (DeviceKeys::generate("c".into()), DeviceKeys::generate("j".into()), DeviceKeys::generate("x".into()));
        let w = pairing_words(&c.public(), &j.public());
        assert_eq!(w.split(' ').count(), 6);
        assert_eq!(w, pairing_words(&c.public(), &j.public()));
        assert_ne!(w, pairing_words(&c.public(), &x.public()));
        assert_ne!(w, pairing_words(&x.public(), &j.public()));
        assert!(same_words(&w.to_uppercase().replace(' ', " - "), &w));
    }
}
