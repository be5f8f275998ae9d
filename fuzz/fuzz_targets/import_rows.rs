//! Spreadsheets from outside (CSV in any encoding, Excel, LibreOffice), read into rows and
//! each row into records: reading must never panic or run past its limits, rows must come
//! numbered in order, and converting a row must never panic whatever its cells hold.
#![no_main]

use amparo::exchange::columns::Mapping;
use amparo::exchange::import::{row::convert, ImportOptions};
use amparo::exchange::sheet::{read_all, Format, MAX_COLUMNS};
use amparo::exchange::values::DateOrder;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = match selector % 3 {
        0 => Format::Csv,
        1 => Format::Xlsx,
        _ => Format::Other,
    };
    let Ok((_, rows)) = read_all(bytes, format) else { return };
    let mut last = 0;
    for r in &rows {
        assert!(r.number > last, "rows out of order");
        assert!(r.cells.len() <= MAX_COLUMNS);
        last = r.number;
    }
    let Some(header) = rows.iter().find(|r| !r.is_blank()) else { return };
    let Ok(mapping) = Mapping::build(&header.texts(), None, &[]) else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    for dates in [DateOrder::Auto, DateOrder::DayFirst] {
        let opts = ImportOptions { dates, default_kind: Some("bond".into()), file_name: "f.csv".into(), ..Default::default() };
        for r in rows.iter().filter(|r| r.number > header.number) {
            let _ = convert(r, &mapping, &opts, today);
        }
    }
});
