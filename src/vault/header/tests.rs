use super::*;

fn pass(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

const PASS: &str = "tangerine orbit velvet harbor";

fn new_header(with_recovery: bool) -> (Header, Key, Option<RecoveryCode>) {
    let key = random_key();
    let (h, code) = Header::create(&random_vault_id(), &key, &pass(PASS), KdfParams::FLOOR, with_recovery).unwrap();
    (h, key, code)
}

#[test]
fn seal_then_unseal_round_trips_and_wrong_passphrase_fails() {
    let (h, key, _) = new_header(false);
    let parsed = Header::parse(&h.to_bytes()).unwrap();
    assert_eq!(parsed, h);
    assert_eq!(parsed.version, FORMAT_VERSION);
    assert_eq!(*parsed.unseal(&pass(PASS)).unwrap(), *key);
    assert!(matches!(parsed.unseal(&pass("tangerine orbit velvet harbour")), Err(Error::WrongPassphrase)));
}

#[test]
fn the_recovery_code_opens_and_another_code_is_refused_with_its_own_error() {
    let (h, key, code) = new_header(true);
    let h = Header::parse(&h.to_bytes()).unwrap();
    assert!(h.has_recovery());
    assert_eq!(*h.unseal_recovery(&code.unwrap()).unwrap(), *key);
    assert!(matches!(h.unseal_recovery(&RecoveryCode::generate()), Err(Error::WrongRecoveryCode)));
    let (plain, _, _) = new_header(false);
    assert!(matches!(plain.unseal_recovery(&RecoveryCode::generate()), Err(Error::NoRecoveryCode)));
}

#[test]
fn a_rekeyed_header_keeps_the_code_and_drops_the_old_key() {
    let (h, old_key, code) = new_header(true);
    let code = code.unwrap();
    let new_key = random_key();
    let r = h.rekeyed(&new_key, &pass("quiet lantern meadow copper"), KdfParams::FLOOR).unwrap();
    assert_eq!(*r.unseal(&pass("quiet lantern meadow copper")).unwrap(), *new_key);
    assert!(matches!(r.unseal(&pass(PASS)), Err(Error::WrongPassphrase)));
    assert_eq!(*r.unseal_recovery(&code).unwrap(), *new_key);
    assert_ne!(*new_key, *old_key);
}

#[test]
fn removing_or_swapping_a_slot_is_caught_by_the_mac() {
    let (h, _, _) = new_header(true);
    let mut no_recovery = h.clone();
    no_recovery.slots.retain(|s| matches!(s, Slot::Passphrase { .. }));
    let reparsed = Header::parse(&no_recovery.to_bytes()).unwrap();
    assert!(matches!(reparsed.unseal(&pass(PASS)), Err(Error::Damaged { .. })));

    // A recovery slot from another vault, planted beside a good passphrase slot.
    let (other, _, _) = new_header(true);
    let mut planted = h.clone();
    planted.slots[1] = other.slots[1].clone();
    assert!(matches!(planted.unseal(&pass(PASS)), Err(Error::Damaged { .. })));
}

#[test]
fn editing_the_kdf_settings_breaks_unwrapping() {
    let (mut h, _, _) = new_header(false);
    if let Slot::Passphrase { kdf, .. } = &mut h.slots[0] {
        kdf.params.iterations += 1;
    }
    assert!(matches!(h.unseal(&pass(PASS)), Err(Error::WrongPassphrase)));
}

/// A format-1 header built here the way format 1 was written (associated data
/// `amparo-vault|1|id|argon2id|m|t|p|salt`), independently of the slot code.
#[test]
fn a_format_1_header_still_opens_and_is_written_back_as_format_1() {
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    let key = random_key();
    let id = random_vault_id();
    let salt = [7u8; 16];
    let nonce = [9u8; 24];
    let p = KdfParams::FLOOR;
    let salt_b64 = B64.encode(salt);
    let kek = super::super::kdf::derive_kek(&pass(PASS), &salt, p).unwrap();
    let aad = format!("amparo-vault|1|{id}|argon2id|{}|{}|{}|{salt_b64}", p.memory_kib, p.iterations, p.parallelism);
    let ct = chacha20poly1305::XChaCha20Poly1305::new(kek.as_ref().into())
        .encrypt(chacha20poly1305::XNonce::from_slice(&nonce), Payload { msg: key.as_ref(), aad: aad.as_bytes() })
        .unwrap();
    let json = format!(
        r#"{{"format":"amparo-vault","version":1,"vault_id":"{id}",
        "kdf":{{"algorithm":"argon2id","memory_kib":{},"iterations":{},"parallelism":1,"salt":"{salt_b64}"}},
        "key":{{"algorithm":"xchacha20poly1305","nonce":"{}","ciphertext":"{}"}}}}"#,
        p.memory_kib,
        p.iterations,
        B64.encode(nonce),
        B64.encode(ct)
    );
    let h = Header::parse(json.as_bytes()).unwrap();
    assert_eq!(h.version, 1);
    assert_eq!(*h.unseal(&pass(PASS)).unwrap(), *key);
    assert_eq!(Header::parse(&h.to_bytes()).unwrap(), h);
    let upgraded = h.with_passphrase(&key, &pass(PASS), KdfParams::FLOOR).unwrap();
    assert_eq!(upgraded.version, 2);
    assert_eq!(*upgraded.unseal(&pass(PASS)).unwrap(), *key);
    let (with_code, code) = upgraded.with_new_recovery(&key).unwrap();
    assert_eq!(*with_code.unseal_recovery(&code).unwrap(), *key);
    assert!(h.with_new_recovery(&key).is_err(), "format 1 must be brought up first");
}

#[test]
fn foreign_broken_and_newer_headers_are_told_apart() {
    assert_eq!(Header::parse(b""), Err(HeaderProblem::Foreign));
    assert_eq!(Header::parse(b"SQLite format 3\0"), Err(HeaderProblem::Foreign));
    assert_eq!(Header::parse(br#"{"format":"other"}"#), Err(HeaderProblem::Foreign));
    assert_eq!(Header::parse(&vec![b' '; MAX_HEADER_BYTES + 1]), Err(HeaderProblem::Foreign));
    assert_eq!(Header::parse(br#"{"format":"amparo-vault","version":7}"#), Err(HeaderProblem::Newer(7)));
    assert!(matches!(Header::parse(br#"{"format":"amparo-vault","version":1}"#), Err(HeaderProblem::Broken(_))));
    assert!(matches!(Header::parse(br#"{"format":"amparo-vault","version":2}"#), Err(HeaderProblem::Broken(_))));
    let (h, _, _) = new_header(true);
    let mut weak = h.clone();
    if let Slot::Passphrase { kdf, .. } = &mut weak.slots[0] {
        kdf.params.memory_kib = 1024;
    }
    assert!(matches!(Header::parse(&weak.to_bytes()), Err(HeaderProblem::Broken(_))));
    let mut hostile = h.clone();
    if let Slot::Passphrase { kdf, .. } = &mut hostile.slots[0] {
        kdf.params.memory_kib = 4 * 1024 * 1024;
    }
    assert!(matches!(Header::parse(&hostile.to_bytes()), Err(HeaderProblem::Broken(_))), "above the ceiling");
    let mut two_passphrases = h.clone();
    two_passphrases.slots.push(h.slots[0].clone());
    assert!(matches!(Header::parse(&two_passphrases.to_bytes()), Err(HeaderProblem::Broken(_))), "one slot each");
    let mut only_recovery = h.clone();
    only_recovery.slots.remove(0);
    assert!(matches!(Header::parse(&only_recovery.to_bytes()), Err(HeaderProblem::Broken(_))));
    let mut unknown_field = serde_json::to_value(&h).unwrap();
    unknown_field["slots"][0]["extra"] = serde_json::json!(1);
    assert!(matches!(Header::parse(unknown_field.to_string().as_bytes()), Err(HeaderProblem::Broken(_))));
    let mut no_mac = h.clone();
    no_mac.mac.clear();
    assert!(matches!(Header::parse(&no_mac.to_bytes()), Err(HeaderProblem::Broken(_))));
}
