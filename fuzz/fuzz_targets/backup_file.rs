//! A backup file comes from a USB stick or a shared folder, possibly from an attacker:
//! parsing must never panic or allocate what a length field claims before checking it,
//! and a file that parses must carry a header that parses.
#![no_main]

use amparo::vault::backup::check_bytes;
use amparo::vault::header::Header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(prelude) = check_bytes(data) {
        assert!(Header::parse(&prelude.header_bytes).is_ok());
        assert!(prelude.data_len > 0 && prelude.data_len % 4096 == 0);
    }
});
