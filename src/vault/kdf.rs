//! Passphrase -> key-encryption key, with Argon2id (RFC 9106).
//!
//! Argon2id rather than SQLCipher's PBKDF2: it is memory-hard, so each guess of a stolen
//! vault costs memory as well as time, and its parameters live in the vault header where
//! they can be raised later without touching the encrypted data.

use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Cost parameters of the key derivation, stored in the header beside the salt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// What new vaults get: 64 MiB, 3 passes, 1 lane (RFC 9106 section 4, second
    /// recommended option, with one lane because the argon2 crate computes lanes serially).
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };

    /// The weakest a header may ask for (OWASP's Argon2id floor: 19 MiB, 2 passes).
    /// A header below it is refused, so a tampered header cannot make guessing cheap.
    pub const FLOOR: KdfParams = KdfParams { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };

    /// The most a header may ask for, so a hostile header cannot exhaust memory or time.
    pub const CEILING: KdfParams = KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 64, parallelism: 16 };

    /// True when every parameter lies between FLOOR and CEILING.
    pub fn is_acceptable(&self) -> bool {
        (Self::FLOOR.memory_kib..=Self::CEILING.memory_kib).contains(&self.memory_kib)
            && (Self::FLOOR.iterations..=Self::CEILING.iterations).contains(&self.iterations)
            && (Self::FLOOR.parallelism..=Self::CEILING.parallelism).contains(&self.parallelism)
    }
}

/// Length of every symmetric key here (XChaCha20-Poly1305 and SQLCipher's AES-256).
pub const KEY_LEN: usize = 32;

/// A 256-bit key that is wiped from memory when dropped.
pub type Key = Zeroizing<[u8; KEY_LEN]>;

/// Derives the key-encryption key from the passphrase and the header's salt.
pub fn derive_kek(passphrase: &SecretString, salt: &[u8], params: KdfParams) -> Result<Key> {
    if !params.is_acceptable() {
        return Err(Error::Damaged {
            path: Default::default(),
            detail: "the header asks for key-derivation settings outside the safe range".into(),
        });
    }
    let argon_params =
        Params::new(params.memory_kib, params.iterations, params.parallelism, Some(KEY_LEN)).map_err(|e| {
            Error::Damaged { path: Default::default(), detail: format!("bad key-derivation settings ({e})") }
        })?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut out: Key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.expose_secret().as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Damaged { path: Default::default(), detail: format!("key derivation failed ({e})") })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_key_and_salt_changes_it() {
        let p = SecretString::from("tangerine orbit velvet harbor");
        let a = derive_kek(&p, b"0123456789abcdef", KdfParams::FLOOR).unwrap();
        let b = derive_kek(&p, b"0123456789abcdef", KdfParams::FLOOR).unwrap();
        let c = derive_kek(&p, b"fedcba9876543210", KdfParams::FLOOR).unwrap();
        assert_eq!(*a, *b);
        assert_ne!(*a, *c);
    }

    #[test]
    fn a_key_wipes_itself() {
        use zeroize::Zeroize;
        // The type itself guarantees wiping on drop; this checks the wipe clears every byte.
        let mut key: Key =
            derive_kek(&SecretString::from("tangerine orbit velvet harbor"), b"0123456789abcdef", KdfParams::FLOOR)
                .unwrap();
        assert!(key.iter().any(|b| *b != 0));
        key.zeroize();
        assert!(key.iter().all(|b| *b == 0));
        // And a `Key` is a `Zeroizing` wrapper, so every drop runs that wipe.
        fn is_zeroizing<T: zeroize::Zeroize>(_: &zeroize::Zeroizing<T>) {}
        is_zeroizing(&key);
    }

    #[test]
    fn parameters_outside_the_range_are_refused() {
        let p = SecretString::from("tangerine orbit velvet harbor");
        let weak = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };
        assert!(matches!(derive_kek(&p, b"0123456789abcdef", weak), Err(Error::Damaged { .. })));
        let huge = KdfParams { memory_kib: u32::MAX, iterations: 3, parallelism: 1 };
        assert!(!huge.is_acceptable());
        assert!(KdfParams::DEFAULT.is_acceptable());
    }
}
