//! The U.S. federal legal holidays of 5 U.S.C. 6103(a), computed for any year, with the
//! observance rule of 5 U.S.C. 6103(b) and Executive Order 11582 (a holiday on a Saturday
//! is observed the Friday before, one on a Sunday the Monday after), plus closure days the
//! user adds (a court's closure, an executive order closing federal offices).
//!
//! Start years: Juneteenth from 2021 (Pub. L. 117-17); Birthday of Martin Luther King, Jr.
//! from 1986 (Pub. L. 98-144). Monday holidays follow the Uniform Monday Holiday Act
//! (Pub. L. 90-363, in force 1971); earlier years are computed by the same rules, which
//! is close enough for the far-past dates Amparo may be asked about.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A day the courts and agencies are closed that is not a weekend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Closure {
    pub date: NaiveDate,
    /// e.g. "Executive Order 14133: federal offices closed" (9 January 2025).
    pub reason: String,
}

/// Holidays and user closures; weekends are always closed.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    closures: Vec<Closure>,
    /// Known optional closures counted as closed (see `closures.rs`), with their words.
    optional: Vec<(NaiveDate, Text)>,
}

impl Calendar {
    /// The federal calendar plus `closures`.
    pub fn with_closures(closures: Vec<Closure>) -> Self {
        Calendar { closures, optional: Vec::new() }
    }

    /// The same calendar, also closed on the known optional closures `known`.
    pub fn with_optional(&self, known: &[super::closures::KnownClosure]) -> Self {
        let mut out = self.clone();
        out.optional.extend(known.iter().map(|k| (k.date, k.reason.clone())));
        out
    }

    /// Why `date` is not a business day, or None when it is one.
    pub fn closed_because(&self, date: NaiveDate) -> Option<Closed> {
        match date.weekday() {
            Weekday::Sat | Weekday::Sun => return Some(Closed::Weekend),
            _ => {}
        }
        if let Some(h) = observed_holiday(date) {
            return Some(Closed::Holiday(h));
        }
        if let Some(c) = self.closures.iter().find(|c| c.date == date) {
            let reason = &c.reason;
            return Some(Closed::Closure(crate::tr!("a closure ({reason})", "un cierre ({reason})")));
        }
        self.optional.iter().find(|(d, _)| *d == date).map(|(_, why)| {
            let (en, es) = (&why.en, &why.es);
            Closed::Closure(crate::tr!("an optional closure ({en})", "un cierre opcional ({es})"))
        })
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        self.closed_because(date).is_none()
    }
}

/// Why a day is not a business day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closed {
    Weekend,
    /// A federal holiday, by name.
    Holiday(Text),
    /// A closure the user added, with its reason.
    Closure(Text),
}

/// The name of the federal holiday observed on `date`, if any ("Independence Day
/// (observed)" when the holiday itself falls on a weekend).
pub fn observed_holiday(date: NaiveDate) -> Option<Text> {
    // New Year's Day of next year can be observed on 31 December.
    for year in [date.year(), date.year() + 1] {
        for (name, actual) in holidays(year) {
            let observed = observe(actual);
            if observed == date {
                return Some(if observed == actual {
                    name
                } else {
                    name.map_pair(|en| format!("{en} (observed)"), |es| format!("{es} (día feriado trasladado)"))
                });
            }
        }
    }
    None
}

/// The legal holidays of `year` on their actual dates (before moving for weekends).
pub fn holidays(year: i32) -> Vec<(Text, NaiveDate)> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid holiday date");
    let mut out = vec![(Text::fixed("New Year's Day", "Año Nuevo"), ymd(1, 1))];
    if year >= 1986 {
        out.push((
            Text::fixed("Birthday of Martin Luther King, Jr.", "Natalicio de Martin Luther King, Jr."),
            nth_weekday(year, 1, Weekday::Mon, 3),
        ));
    }
    out.push((
        Text::fixed("Washington's Birthday", "Natalicio de Washington (Día de los Presidentes)"),
        nth_weekday(year, 2, Weekday::Mon, 3),
    ));
    out.push((Text::fixed("Memorial Day", "Día de los Caídos (Memorial Day)"), last_weekday(year, 5, Weekday::Mon)));
    if year >= 2021 {
        out.push((
            Text::fixed("Juneteenth National Independence Day", "Día Nacional de la Independencia de Juneteenth"),
            ymd(6, 19),
        ));
    }
    out.push((Text::fixed("Independence Day", "Día de la Independencia"), ymd(7, 4)));
    out.push((Text::fixed("Labor Day", "Día del Trabajo"), nth_weekday(year, 9, Weekday::Mon, 1)));
    out.push((Text::fixed("Columbus Day", "Día de Colón"), nth_weekday(year, 10, Weekday::Mon, 2)));
    out.push((Text::fixed("Veterans Day", "Día de los Veteranos"), ymd(11, 11)));
    out.push((Text::fixed("Thanksgiving Day", "Día de Acción de Gracias"), nth_weekday(year, 11, Weekday::Thu, 4)));
    out.push((Text::fixed("Christmas Day", "Navidad"), ymd(12, 25)));
    out
}

/// Where a holiday is observed: Saturday -> Friday before, Sunday -> Monday after.
pub fn observe(actual: NaiveDate) -> NaiveDate {
    match actual.weekday() {
        Weekday::Sat => actual - Duration::days(1),
        Weekday::Sun => actual + Duration::days(1),
        _ => actual,
    }
}

fn nth_weekday(year: i32, month: u32, wd: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, wd, n).expect("every month has a 4th weekday")
}

fn last_weekday(year: i32, month: u32, wd: Weekday) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, wd, 5).unwrap_or_else(|| nth_weekday(year, month, wd, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The observed federal holidays as published by OPM (opm.gov, "Federal Holidays"),
    /// typed in independently of the rules above.
    const OPM: &[(i32, [&str; 11])] = &[
        (
            2024,
            [
                "2024-01-01",
                "2024-01-15",
                "2024-02-19",
                "2024-05-27",
                "2024-06-19",
                "2024-07-04",
                "2024-09-02",
                "2024-10-14",
                "2024-11-11",
                "2024-11-28",
                "2024-12-25",
            ],
        ),
        (
            2025,
            [
                "2025-01-01",
                "2025-01-20",
                "2025-02-17",
                "2025-05-26",
                "2025-06-19",
                "2025-07-04",
                "2025-09-01",
                "2025-10-13",
                "2025-11-11",
                "2025-11-27",
                "2025-12-25",
            ],
        ),
        (
            2026,
            [
                "2026-01-01",
                "2026-01-19",
                "2026-02-16",
                "2026-05-25",
                "2026-06-19",
                "2026-07-03",
                "2026-09-07",
                "2026-10-12",
                "2026-11-11",
                "2026-11-26",
                "2026-12-25",
            ],
        ),
        (
            2027,
            [
                "2027-01-01",
                "2027-01-18",
                "2027-02-15",
                "2027-05-31",
                "2027-06-18",
                "2027-07-05",
                "2027-09-06",
                "2027-10-11",
                "2027-11-11",
                "2027-11-25",
                "2027-12-24",
            ],
        ),
        (
            2028,
            [
                "2027-12-31",
                "2028-01-17",
                "2028-02-21",
                "2028-05-29",
                "2028-06-19",
                "2028-07-04",
                "2028-09-04",
                "2028-10-09",
                "2028-11-10",
                "2028-11-23",
                "2028-12-25",
            ],
        ),
    ];

    #[test]
    fn every_observed_holiday_2024_to_2028_matches_opm() {
        for (year, dates) in OPM {
            let computed: Vec<NaiveDate> = holidays(*year).into_iter().map(|(_, a)| observe(a)).collect();
            let published: Vec<NaiveDate> = dates.iter().map(|s| d(s)).collect();
            assert_eq!(computed, published, "{year}");
            for day in &published {
                assert!(observed_holiday(*day).is_some(), "{day} not seen as a holiday");
            }
        }
    }

    #[test]
    fn no_other_weekday_of_those_years_is_a_holiday() {
        let all: Vec<NaiveDate> = OPM.iter().flat_map(|(_, ds)| ds.iter().map(|s| d(s))).collect();
        let mut day = d("2024-01-01");
        while day <= d("2028-12-30") {
            if observed_holiday(day).is_some() {
                assert!(all.contains(&day), "{day} computed as a holiday but OPM does not list it");
            }
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn names_and_observance() {
        assert_eq!(observed_holiday(d("2026-07-03")).unwrap().en, "Independence Day (observed)");
        assert_eq!(observed_holiday(d("2026-07-03")).unwrap().es, "Día de la Independencia (día feriado trasladado)");
        assert_eq!(observed_holiday(d("2027-12-31")).unwrap().en, "New Year's Day (observed)");
        assert_eq!(observed_holiday(d("2026-06-19")).unwrap().en, "Juneteenth National Independence Day");
        assert!(observed_holiday(d("2020-06-19")).is_none(), "Juneteenth is a holiday only from 2021");
        assert!(observed_holiday(d("1985-01-21")).is_none(), "MLK Day only from 1986");
    }

    #[test]
    fn closures_are_added_to_the_calendar() {
        let cal = Calendar::with_closures(vec![Closure {
            date: d("2025-01-09"),
            reason: "EO 14133, National Day of Mourning".into(),
        }]);
        assert!(!cal.is_business_day(d("2025-01-09")));
        assert!(matches!(cal.closed_because(d("2025-01-09")), Some(Closed::Closure(t)) if t.en.contains("Mourning")));
        assert!(Calendar::default().is_business_day(d("2025-01-09")));
        assert_eq!(cal.closed_because(d("2025-01-11")), Some(Closed::Weekend));
    }
}
