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

/// What decrypting an object gave.
pub enum Opened {
    Plain(Vec<u8>),
    /// Encrypted, intact as far as age can tell, but not to this device.
    NotForMe,
}

/// Decrypts with this device's identity. Damage (truncation, flipped bits) is an error.
pub fn decrypt(identity: &age::x25519::Identity, bytes: &[u8]) -> Result<Opened, String> {
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
