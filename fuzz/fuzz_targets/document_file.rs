//! What Amparo reads of a file being attached: its kind from the first bytes, a PDF's
//! script markers across chunk boundaries, and its name. None may panic; a cleaned name
//! never holds a folder or a control character and is cleaned already.
#![no_main]

use amparo::documents::kind::{detect, ScriptScan};
use amparo::documents::name;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = detect(data);
    let mut scan = ScriptScan::default();
    for chunk in data.chunks(7) {
        scan.feed(chunk);
    }
    let whole = [b"/JavaScript".as_slice(), b"/JS", b"/Launch"].iter().any(|m| data.windows(m.len()).any(|w| w == *m));
    assert_eq!(scan.found, whole, "a marker split between chunks was missed, or one was invented");
    let raw = String::from_utf8_lossy(data);
    let clean = name::clean(&raw);
    assert!(!clean.is_empty() && !clean.contains(['/', '\\']) && !clean.chars().any(char::is_control));
    assert!(clean.chars().count() <= name::MAX_NAME && clean.len() <= name::MAX_NAME_BYTES);
    assert_eq!(name::clean(&clean), clean);
});
