//! The vault header comes from disk, possibly from an attacker: parsing must never panic,
//! and a header that parses must serialise and parse back to itself.
#![no_main]

use amparo::vault::header::Header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(h) = Header::parse(data) {
        assert_eq!(Header::parse(&h.to_bytes()).expect("a parsed header re-parses"), h);
    }
});
