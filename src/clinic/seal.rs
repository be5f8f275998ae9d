//! age encryption of frames to exactly their readers, and decryption with this device's key.

use std::io::{Read, Write};

/// Encrypts `plain` to each `age1…` recipient.
pub fn encrypt(recipients: &[String], plain: &[u8]) -> Result<Vec<u8>, String> {
    let parsed: Vec<age::x25519::Recipient> = recipients
        .iter()
        .map(|r| r.parse())
        .collect::<Result<_, _>>()
        .map_err(|_| "a reader's key is malformed".to_string())?;
    let encryptor = age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|_| "there is no one to encrypt to".to_string())?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor.wrap_output(&mut out).map_err(|e| e.to_string())?;
    w.write_all(plain).map_err(|e| e.to_string())?;
    w.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The most an age header may take: a few hundred bytes per reader. A longer one (or none)
/// is refused before age reads it, since age's parser would take memory and time without
/// bound over a planted object.
pub const MAX_HEADER: usize = 64 << 10;

/// Whether `start` (the first bytes of an object, up to `MAX_HEADER`) holds a whole age
/// header: its first line, and the line that ends it.
pub fn header_fits(start: &[u8]) -> bool {
    let start = &start[..start.len().min(MAX_HEADER)];
    start.starts_with(b"age-encryption.org/v1\n")
        && start.windows(5).position(|w| w == b"\n--- ").is_some_and(|at| start[at + 5..].contains(&b'\n'))
}

/// What decrypting an object gave.
pub enum Opened {
    Plain(Vec<u8>),
    /// Encrypted, intact as far as age can tell, but not to this device.
    NotForMe,
}

/// Decrypts with this device's identity. Damage (truncation, flipped bits) is an error.
pub fn decrypt(identity: &age::x25519::Identity, bytes: &[u8]) -> Result<Opened, String> {
    if !header_fits(bytes) {
        return Err("it is not an encrypted Amparo object (no age header of a sensible size)".into());
    }
    let decryptor = age::Decryptor::new(bytes).map_err(|e| format!("it is not an encrypted Amparo object ({e})"))?;
    let mut reader = match decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)) {
        Ok(r) => r,
        Err(age::DecryptError::NoMatchingKeys) => return Ok(Opened::NotForMe),
        Err(e) => return Err(format!("it could not be decrypted ({e})")),
    };
    let mut plain = Vec::new();
    reader
        .read_to_end(&mut plain)
        .map_err(|_| "it is damaged: its encrypted content does not check out".to_string())?;
    Ok(Opened::Plain(plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_too_long_or_missing_is_refused_before_age_reads_it() {
        let id = age::x25519::Identity::generate();
        let sealed = encrypt(&[id.to_public().to_string()], b"a bundle").unwrap();
        assert!(header_fits(&sealed));
        assert!(matches!(decrypt(&id, &sealed), Ok(Opened::Plain(p)) if p == b"a bundle"));
        let mut endless = b"age-encryption.org/v1\n".to_vec();
        endless.extend(std::iter::repeat_n(b'A', 1 << 20));
        assert!(!header_fits(&endless));
        let mut many_lines = b"age-encryption.org/v1\n".to_vec();
        for _ in 0..20_000 {
            many_lines.extend_from_slice(b"-> X25519 AAAA\n");
        }
        many_lines.extend_from_slice(b"--- AAAA\n");
        assert!(!header_fits(&many_lines));
        assert!(matches!(decrypt(&id, &many_lines), Err(e) if e.contains("no age header")));
        assert!(!header_fits(b"not age at all"));
    }
}
