//! Property tests for every parser of outside input: identifiers, dates, text fields and
//! the vault header. None may panic; whatever is accepted must be canonical and stable.

use amparo::model::{fields, ANumber, CountryCode, ReceiptNumber};
use amparo::rules::EventKind;
use amparo::vault::header::Header;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_number_parse_never_panics_and_is_canonical(raw in "\\PC{0,30}") {
        if let Ok(a) = ANumber::parse(&raw) {
            prop_assert_eq!(a.digits().len(), 9);
            prop_assert!(a.digits().bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(ANumber::parse(a.digits()).unwrap(), a.clone());
            prop_assert_eq!(ANumber::parse(&a.display()).unwrap(), a);
        }
    }

    #[test]
    fn every_a_number_in_every_accepted_spelling_parses(n in 1u32..=999_999_999, dash in any::<bool>(), prefix in any::<bool>()) {
        let digits = format!("{n:09}");
        let body = if dash { format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]) } else { digits.clone() };
        let raw = if prefix { format!("A{body}") } else { body };
        let parsed = ANumber::parse(&raw).unwrap();
        prop_assert_eq!(parsed.digits(), digits.as_str());
    }

    #[test]
    fn receipt_parse_never_panics_and_is_canonical(raw in "\\PC{0,30}") {
        if let Ok(r) = ReceiptNumber::parse(&raw) {
            prop_assert_eq!(r.as_str().len(), 13);
            prop_assert!(r.as_str()[..3].bytes().all(|b| b.is_ascii_uppercase()));
            prop_assert_eq!(ReceiptNumber::parse(r.as_str()).unwrap(), r);
        }
    }

    #[test]
    fn receipts_of_the_right_shape_parse(prefix in "[A-Za-z]{3}", n in 0u64..10_000_000_000) {
        let raw = format!("{prefix}{n:010}");
        let parsed = ReceiptNumber::parse(&raw).unwrap();
        prop_assert_eq!(parsed.as_str(), raw.to_ascii_uppercase());
    }

    #[test]
    fn date_parse_never_panics_and_round_trips(raw in "\\PC{0,14}") {
        if let Ok(d) = fields::date(&raw) {
            prop_assert_eq!(d.to_string(), raw.trim());
        }
    }

    #[test]
    fn every_real_date_in_range_parses(y in 1900i32..=2199, ord in 1u32..=366) {
        if let Some(d) = chrono::NaiveDate::from_yo_opt(y, ord) {
            prop_assert_eq!(fields::date(&d.to_string()).unwrap(), d);
        }
    }

    #[test]
    fn text_fields_never_panic(raw in "\\PC{0,300}") {
        let _ = fields::line(&raw, &amparo::text::Text::same("name"));
        let _ = fields::text(&raw, &amparo::text::Text::same("note"));
        let _ = fields::email(Some(&raw));
        let _ = fields::phone(Some(&raw));
        let _ = fields::date_time(&raw);
        let _ = CountryCode::parse(&raw);
    }

    #[test]
    fn event_kind_parse_never_panics_and_round_trips(raw in "\\PC{0,40}") {
        if let Ok(e) = raw.parse::<EventKind>() {
            prop_assert_eq!(e.as_str().parse::<EventKind>().unwrap(), e);
        }
    }

    #[test]
    fn every_event_kind_parses_in_each_accepted_spelling(idx in 0usize..EventKind::ALL.len(), upper in any::<bool>(), dashes in any::<bool>()) {
        let e = EventKind::ALL[idx];
        let mut raw = e.as_str().to_string();
        if dashes { raw = raw.replace('_', "-"); }
        if upper { raw = raw.to_uppercase(); }
        prop_assert_eq!(raw.parse::<EventKind>().unwrap(), e);
    }

    #[test]
    fn header_parse_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = Header::parse(&bytes);
    }

    #[test]
    fn header_parse_never_panics_on_a_damaged_real_header(at in 0usize..400, byte in any::<u8>(), cut in 0usize..450) {
        let mut bytes = sample_header();
        if at < bytes.len() { bytes[at] = byte; }
        bytes.truncate(cut.max(1));
        let _ = Header::parse(&bytes);
    }
}

fn sample_header() -> Vec<u8> {
    br#"{
  "format": "amparo-vault",
  "version": 1,
  "vault_id": "cd19a4bbfe7d3ec3d3e92890a360ee7b",
  "kdf": { "algorithm": "argon2id", "memory_kib": 65536, "iterations": 3, "parallelism": 1, "salt": "U80ldHuVqjv2EBvpUglYnQ==" },
  "key": { "algorithm": "xchacha20poly1305", "nonce": "OLdofnhordA6V9J2ER1s+5NBXw27MkGq",
           "ciphertext": "USMwVeu2+9PQhQ0dZEs+IkNd9h/WTzDbuv+6/YcsAxSLR7n7Mf3oIWjlrZfLU6Wd" }
}"#
    .to_vec()
}

#[test]
fn the_sample_header_is_valid_so_the_damage_test_starts_from_a_real_one() {
    assert!(Header::parse(&sample_header()).is_ok());
}
