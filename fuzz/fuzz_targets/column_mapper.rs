//! The column mapper and the value parsers it feeds: headers, group headers and the user's
//! "Column=field" choices from anywhere must map or be refused without a panic; a choice
//! that maps marks its column; a date that parses reads back the same from its ISO form.
#![no_main]

use amparo::exchange::columns::{Choice, Mapping};
use amparo::exchange::values::{self, DateOrder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.splitn(3, '\n');
    let header: Vec<String> = parts.next().unwrap_or("").split(',').map(String::from).collect();
    let group: Vec<String> = parts.next().unwrap_or("").split(',').map(String::from).collect();
    let choices: Vec<Choice> = parts.next().unwrap_or("").split(';').filter_map(|c| Choice::parse(c).ok()).collect();
    if let Ok(m) = Mapping::build(&header, Some(&group), &choices) {
        assert_eq!(m.columns.len(), header.len());
        assert!(m.choices().len() <= choices.len());
    }
    for cell in header.iter().chain(&group) {
        for order in [DateOrder::Auto, DateOrder::MonthFirst, DateOrder::DayFirst] {
            if let Ok(Some(d)) = values::date(cell, order) {
                assert_eq!(values::date(&d.to_string(), DateOrder::Auto).unwrap(), Some(d));
            }
        }
        let _ = values::time(cell);
        let _ = values::matter_kind(cell, true);
        let _ = values::hearing_kind(cell);
        let _ = amparo::model::countries::country_by_name(cell);
    }
});
