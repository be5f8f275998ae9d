//! Passphrase -> key-encryption key, with Argon2id (RFC 9106).
//!
//! Argon2id rather than SQLCipher's PBKDF2: it is memory-hard, so each guess of a stolen
//! vault costs memory as well as time, and its parameters live in the vault header where
//! they can be raised later without touching the encrypted data. New slots are calibrated
//! on the machine that makes them (about 0.75 s with 256 MiB); older, cheaper slots are
//! re-wrapped at the next unlock.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Params, Version};
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
    /// What this version used before calibration (64 MiB, 3 passes). Kept as a name for
    /// benchmarks; new passphrase slots use [`KdfParams::calibrated`].
    pub const DEFAULT: KdfParams = KdfParams { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 };

    /// The weakest a header may ask for (OWASP's Argon2id floor: 19 MiB, 2 passes). A
    /// header below it is refused, so a tampered header cannot make guessing cheap. Also
    /// what the recovery slot uses: its 160-bit code needs no stretching.
    pub const FLOOR: KdfParams = KdfParams { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };

    /// The most a header may ask for: 1 GiB and 10 passes (LUKS2's own ceiling is 1 GiB),
    /// so a planted header costs at most a few seconds, never the machine's memory.
    pub const CEILING: KdfParams = KdfParams { memory_kib: 1024 * 1024, iterations: 10, parallelism: 4 };

    /// The least memory a new passphrase slot gets (where the machine has 1 GiB or more).
    pub const MIN_NEW_MEMORY_KIB: u32 = 256 * 1024;

    /// True when every parameter lies between FLOOR and CEILING.
    pub fn is_acceptable(&self) -> bool {
        (Self::FLOOR.memory_kib..=Self::CEILING.memory_kib).contains(&self.memory_kib)
            && (Self::FLOOR.iterations..=Self::CEILING.iterations).contains(&self.iterations)
            && (Self::FLOOR.parallelism..=Self::CEILING.parallelism).contains(&self.parallelism)
    }

    /// True when a passphrase slot with these settings should be re-wrapped: it asks for
    /// less memory than a new slot would get on this machine.
    pub fn below_current_default(&self) -> bool {
        self.memory_kib < new_slot_memory_kib()
    }

    /// Settings for a new passphrase slot on this machine, measured once per process:
    /// 256 MiB (less only where a quarter of the RAM is smaller), and as many passes as fit
    /// in about 0.75 s, between 2 and 10.
    pub fn calibrated() -> KdfParams {
        static CALIBRATED: OnceLock<KdfParams> = OnceLock::new();
        *CALIBRATED.get_or_init(|| calibrate(Duration::from_millis(750)))
    }
}

/// Length of every symmetric key here (XChaCha20-Poly1305 and SQLCipher's AES-256).
pub const KEY_LEN: usize = 32;

/// A 256-bit key that is wiped from memory when dropped.
pub type Key = Zeroizing<[u8; KEY_LEN]>;

/// The key as SQLCipher's raw-key text, `x'<64 hex digits>'`, written straight into one
/// buffer that is wiped when dropped: `format!` and `hex::encode` would each leave an
/// unwiped copy of the key in freed memory.
pub fn raw_key_text(key: &Key) -> Zeroizing<String> {
    let mut hex = Zeroizing::new([0u8; 2 * KEY_LEN]);
    hex::encode_to_slice(key.as_ref(), &mut *hex).expect("two hex digits a byte");
    let mut text = Zeroizing::new(String::with_capacity(2 * KEY_LEN + 3));
    text.push_str("x'");
    text.push_str(std::str::from_utf8(&*hex).expect("hex digits are ASCII"));
    text.push('\'');
    text
}

fn new_slot_memory_kib() -> u32 {
    let quarter_ram = total_ram_kib().map(|k| (k / 4).min(u64::from(u32::MAX)) as u32).unwrap_or(u32::MAX);
    KdfParams::MIN_NEW_MEMORY_KIB.min(quarter_ram).max(KdfParams::FLOOR.memory_kib * 2)
}

/// Linux only (`/proc`); elsewhere `None`, and a new slot takes the default memory.
fn total_ram_kib() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The fewest passes a header accepts are timed; the passes are chosen to reach `target`.
fn calibrate(target: Duration) -> KdfParams {
    let probe = probe_params();
    let pass = SecretString::from("calibration only");
    let started = Instant::now();
    if derive_kek(&pass, b"amparo-calibrate", probe).is_err() {
        return KdfParams { iterations: 3, ..probe };
    }
    let per_pass = started.elapsed().max(Duration::from_millis(1)) / probe.iterations;
    let passes = (target.as_secs_f64() / per_pass.as_secs_f64()).round() as u32;
    KdfParams { iterations: passes.clamp(2, KdfParams::CEILING.iterations), ..probe }
}

/// What calibration times: the new-slot memory at the fewest passes a header accepts.
fn probe_params() -> KdfParams {
    KdfParams { memory_kib: new_slot_memory_kib(), iterations: KdfParams::FLOOR.iterations, parallelism: 1 }
}

/// Derives the key-encryption key from the passphrase and the header's salt. CPU-bound for
/// up to a second or more: async callers run it with `spawn_blocking`.
pub fn derive_kek(passphrase: &SecretString, salt: &[u8], params: KdfParams) -> Result<Key> {
    derive_bytes(passphrase.expose_secret().as_bytes(), salt, params)
}

/// [`derive_kek`] over raw bytes (the recovery code's).
pub fn derive_bytes(secret: &[u8], salt: &[u8], params: KdfParams) -> Result<Key> {
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
    let block_count = argon_params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    // Our own memory, wiped on drop: the last blocks would give the key without the
    // passphrase if they reached swap (the crate's own allocation is not wiped).
    let mut blocks = Zeroizing::new(vec![Block::default(); block_count]);
    let mut out: Key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into_with_memory(secret, salt, out.as_mut(), &mut blocks[..])
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
    fn our_wiped_memory_gives_the_same_key_as_the_crates_own() {
        let p = b"tangerine orbit velvet harbor";
        let ours = derive_bytes(p, b"0123456789abcdef", KdfParams::FLOOR).unwrap();
        let params = Params::new(KdfParams::FLOOR.memory_kib, 2, 1, Some(KEY_LEN)).unwrap();
        let mut theirs = [0u8; KEY_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(p, b"0123456789abcdef", &mut theirs)
            .unwrap();
        assert_eq!(*ours, theirs);
    }

    #[test]
    fn a_key_wipes_itself() {
        use zeroize::Zeroize;
        let mut key: Key =
            derive_kek(&SecretString::from("tangerine orbit velvet harbor"), b"0123456789abcdef", KdfParams::FLOOR)
                .unwrap();
        assert!(key.iter().any(|b| *b != 0));
        key.zeroize();
        assert!(key.iter().all(|b| *b == 0));
        fn is_zeroizing<T: zeroize::Zeroize>(_: &zeroize::Zeroizing<T>) {}
        is_zeroizing(&key);
    }

    #[test]
    fn parameters_outside_the_range_are_refused() {
        let p = SecretString::from("tangerine orbit velvet harbor");
        let weak = KdfParams { memory_kib: 8, iterations: 1, parallelism: 1 };
        assert!(matches!(derive_kek(&p, b"0123456789abcdef", weak), Err(Error::Damaged { .. })));
        let huge = KdfParams { memory_kib: 4 * 1024 * 1024, iterations: 3, parallelism: 1 };
        assert!(!huge.is_acceptable(), "4 GiB is above the ceiling");
        let many_passes = KdfParams { memory_kib: 64 * 1024, iterations: 64, parallelism: 1 };
        assert!(!many_passes.is_acceptable(), "64 passes are above the ceiling");
        assert!(KdfParams::DEFAULT.is_acceptable());
        assert!(KdfParams::CEILING.is_acceptable());
    }

    #[test]
    fn the_calibration_probe_is_a_derivation_that_runs() {
        // A probe the header check refuses would time nothing and always pick the ceiling.
        assert!(probe_params().is_acceptable(), "{:?}", probe_params());
    }

    #[test]
    fn calibration_gives_sane_settings_and_old_defaults_count_as_weak() {
        let c = KdfParams::calibrated();
        assert!(c.is_acceptable(), "{c:?}");
        assert!(c.memory_kib >= KdfParams::FLOOR.memory_kib * 2);
        assert!((2..=10).contains(&c.iterations));
        assert!(!c.below_current_default());
        assert!(KdfParams::DEFAULT.below_current_default() || c.memory_kib <= KdfParams::DEFAULT.memory_kib);
        assert!(KdfParams::FLOOR.below_current_default());
    }
}
