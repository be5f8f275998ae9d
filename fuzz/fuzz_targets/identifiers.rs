//! A-numbers, receipt numbers, recovery codes, dates and text fields typed by people or imported: parsing
//! must never panic, and what is accepted must be canonical.
#![no_main]

use amparo::model::{fields, ANumber, ReceiptNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(a) = ANumber::parse(s) {
        assert_eq!(ANumber::parse(a.digits()).unwrap(), a);
    }
    if let Ok(r) = ReceiptNumber::parse(s) {
        assert_eq!(ReceiptNumber::parse(r.as_str()).unwrap(), r);
    }
    if let Ok(d) = fields::date(s) {
        assert_eq!(fields::date(&d.to_string()).unwrap(), d);
    }
    if let Ok(code) = s.parse::<amparo::vault::RecoveryCode>() {
        let shown = code.reveal();
        assert_eq!(*shown.parse::<amparo::vault::RecoveryCode>().unwrap().reveal(), *shown);
    }
    let _ = fields::date_time(s);
    let _ = fields::line(s, &amparo::text::Text::same("name"));
    let _ = fields::text(s, &amparo::text::Text::same("note"));
});
