//! The recovery code: 160 random bits shown once at creation, written down by the user,
//! that can set a new passphrase when the old one is forgotten.
//!
//! Written as 8 groups of 5 Crockford Base32 characters (no I, L, O or U to misread; case
//! and those look-alikes are forgiven when typed), the last 8 characters a checksum, so a
//! typo is caught before any key derivation. The code never unwraps the data key directly:
//! Argon2id turns it into an age X25519 identity, and the header's recovery slot holds the
//! data key encrypted to that identity's public key. Because only the public key is needed
//! to wrap, a key rotation re-wraps the new data key for the recovery slot without the code.

use std::fmt;
use std::str::FromStr;

use base32::Alphabet;
use rand::{rngs::OsRng, RngCore};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::kdf::{derive_bytes, KdfParams};
use crate::error::{Error, Result};

const SECRET_LEN: usize = 20;
const CHECK_LEN: usize = 5;
const GROUP: usize = 5;
const ALPHABET: Alphabet = Alphabet::Crockford;

/// A recovery code. Never formatted with `{:?}`; shown only through [`RecoveryCode::reveal`].
/// A clone is wiped on drop like the original.
#[derive(Clone)]
pub struct RecoveryCode {
    secret: Zeroizing<[u8; SECRET_LEN]>,
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    /// A fresh random code.
    pub fn generate() -> RecoveryCode {
        let mut secret = Zeroizing::new([0u8; SECRET_LEN]);
        OsRng.fill_bytes(secret.as_mut());
        RecoveryCode { secret }
    }

    /// The code as the user writes it down: `XXXXX-XXXXX-…` (8 groups).
    pub fn reveal(&self) -> Zeroizing<String> {
        let mut all = Zeroizing::new(Vec::with_capacity(SECRET_LEN + CHECK_LEN));
        all.extend_from_slice(self.secret.as_ref());
        all.extend_from_slice(&checksum(self.secret.as_ref()));
        let plain = Zeroizing::new(base32::encode(ALPHABET, &all));
        let mut out = Zeroizing::new(String::with_capacity(plain.len() + 8));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// The age identity this code stands for, under a slot's salt and settings.
    pub(crate) fn identity(&self, salt: &[u8], params: KdfParams) -> Result<age::x25519::Identity> {
        use bech32::ToBase32;
        let scalar = derive_bytes(self.secret.as_ref(), salt, params)?;
        let encoded = Zeroizing::new(
            bech32::encode("age-secret-key-", scalar.as_ref().to_base32(), bech32::Variant::Bech32)
                .map_err(|_| Error::Database("could not encode the recovery key".into()))?
                .to_uppercase(),
        );
        age::x25519::Identity::from_str(&encoded).map_err(|_| Error::Database("could not make the recovery key".into()))
    }
}

impl FromStr for RecoveryCode {
    type Err = Error;

    /// Reads a typed code: spaces, dashes and case do not matter; I and L read as 1, O as 0.
    fn from_str(typed: &str) -> Result<RecoveryCode> {
        let cleaned: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    'I' | 'L' => '1',
                    'O' => '0',
                    other => other,
                })
                .collect(),
        );
        let expected = (SECRET_LEN + CHECK_LEN) * 8 / 5;
        if cleaned.chars().count() != expected || !cleaned.chars().all(|c| c.is_ascii_alphanumeric() && c != 'U') {
            return Err(Error::RecoveryCodeTypo);
        }
        let bytes = Zeroizing::new(base32::decode(ALPHABET, &cleaned).ok_or(Error::RecoveryCodeTypo)?);
        if bytes.len() != SECRET_LEN + CHECK_LEN {
            return Err(Error::RecoveryCodeTypo);
        }
        let (secret, check) = bytes.split_at(SECRET_LEN);
        if checksum(secret) != check {
            return Err(Error::RecoveryCodeTypo);
        }
        let mut out = Zeroizing::new([0u8; SECRET_LEN]);
        out.copy_from_slice(secret);
        Ok(RecoveryCode { secret: out })
    }
}

fn checksum(secret: &[u8]) -> [u8; CHECK_LEN] {
    let digest = Sha256::new().chain_update(b"amparo-recovery-code-v1").chain_update(secret).finalize();
    let mut out = [0u8; CHECK_LEN];
    out.copy_from_slice(&digest[..CHECK_LEN]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_in_any_case_with_or_without_dashes() {
        let code = RecoveryCode::generate();
        let shown = code.reveal();
        assert_eq!(shown.len(), 40 + 7);
        assert_eq!(shown.split('-').count(), 8);
        let back: RecoveryCode = shown.parse().unwrap();
        assert_eq!(*back.secret, *code.secret);
        let relaxed = shown.replace('-', " ").to_lowercase();
        assert_eq!(*relaxed.parse::<RecoveryCode>().unwrap().secret, *code.secret);
    }

    #[test]
    fn the_checksum_catches_a_typo_in_every_position() {
        let code = RecoveryCode::generate();
        let shown: Vec<char> = code.reveal().chars().collect();
        for i in 0..shown.len() {
            if shown[i] == '-' {
                continue;
            }
            let mut typo = shown.clone();
            typo[i] = if shown[i] == 'X' { 'Y' } else { 'X' };
            let typed: String = typo.iter().collect();
            assert!(matches!(typed.parse::<RecoveryCode>(), Err(Error::RecoveryCodeTypo)), "position {i}");
        }
        let mut swapped = shown.clone();
        let (a, b) = (0, 1);
        if swapped[a] != swapped[b] {
            swapped.swap(a, b);
            let typed: String = swapped.iter().collect();
            assert!(typed.parse::<RecoveryCode>().is_err(), "two characters swapped");
        }
        assert!(matches!("ABCD".parse::<RecoveryCode>(), Err(Error::RecoveryCodeTypo)));
        assert!(shown[..shown.len() - 1].iter().collect::<String>().parse::<RecoveryCode>().is_err());
    }

    #[test]
    fn look_alike_letters_are_forgiven() {
        let code = RecoveryCode::generate();
        let shown = code.reveal();
        let misread = shown.replace('1', "l").replace('0', "O");
        assert_eq!(*misread.parse::<RecoveryCode>().unwrap().secret, *code.secret);
    }

    #[test]
    fn the_debug_form_hides_the_code() {
        let code = RecoveryCode::generate();
        let shown = code.reveal();
        assert!(!format!("{code:?}").contains(&shown[..5]));
    }
}
