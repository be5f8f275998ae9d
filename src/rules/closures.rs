//! Known closures that are not statutory holidays: days the President closed the executive
//! departments by executive order, and Inauguration Day in the Washington area
//! (5 U.S.C. 6103(c)). Whether such a day is a "legal holiday" that moves a deadline is
//! unsettled, so the engine never relies on them: it computes the date without them (the
//! earlier date, which it recommends) and, when they would change it, shows the later date
//! they would give. Each entry records the order it comes from and where it was read.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::text::Text;

/// Where a known closure applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    /// Every executive department and agency (the order allows offices to stay open).
    National,
    /// Only the Inauguration Day area of 5 U.S.C. 6103(c): the District of Columbia,
    /// Montgomery and Prince George's Counties (MD), Arlington and Fairfax Counties, and the
    /// cities of Alexandria and Falls Church (VA). It covers the BIA (Falls Church), the
    /// Annandale court (Fairfax County; it replaced the Arlington court in Oct. 2022, per a
    /// secondary source) and the Hyattsville court (Prince George's County, opened Feb. 28,
    /// 2022). Not the Sterling court: Sterling is in Loudoun County, outside the area.
    WashingtonArea,
}

/// One optional closure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct KnownClosure {
    pub date: NaiveDate,
    /// What it is, in words for the user.
    pub reason: Text,
    /// The order or statute, and where it was read.
    pub source: &'static str,
    pub scope: Scope,
}

/// An executive-order closure, as data.
struct Order {
    date: (i32, u32, u32),
    en: &'static str,
    es: &'static str,
    source: &'static str,
}

/// Executive-order closures of all executive departments and agencies. Only EO 14133 was
/// read in its Federal Register text; EO 14129 rests on an index of the Federal Register
/// document (citation, document number, pages) and EO 14371 on summaries of the order.
/// Each `source` says which; docs/RULES.md has the detail.
const ORDERS: &[Order] = &[
    Order {
        date: (2024, 12, 24),
        en: "federal offices closed by Executive Order 14129 (Christmas Eve)",
        es: "oficinas federales cerradas por la Orden Ejecutiva 14129 (Nochebuena)",
        source: "Executive Order 14129, 89 FR 104857-104858 (FR Doc. 2024-31143) (an index of the Federal Register document read: citation, pages, document number, summary; the order's text not read; signing date not confirmed: Dec. 19, 2024 per the legal review)",
    },
    Order {
        date: (2025, 1, 9),
        en: "federal offices closed by Executive Order 14133 (National Day of Mourning for President Carter)",
        es: "oficinas federales cerradas por la Orden Ejecutiva 14133 (día de duelo nacional por el presidente Carter)",
        source: "Executive Order 14133 of Dec. 30, 2024, 90 FR 187 (Jan. 3, 2025); sec. 3 treats the day as a holiday for pay and leave",
    },
    Order {
        date: (2025, 12, 24),
        en: "federal offices closed by Executive Order 14371 (Christmas Eve)",
        es: "oficinas federales cerradas por la Orden Ejecutiva 14371 (Nochebuena)",
        source: "Executive Order 14371 of Dec. 18, 2025 (published Dec. 23, 2025; summaries read, Federal Register page not read)",
    },
    Order {
        date: (2025, 12, 26),
        en: "federal offices closed by Executive Order 14371 (day after Christmas)",
        es: "oficinas federales cerradas por la Orden Ejecutiva 14371 (día después de Navidad)",
        source: "Executive Order 14371 of Dec. 18, 2025 (published Dec. 23, 2025; summaries read, Federal Register page not read)",
    },
];

/// Inauguration Day of `year`, as 5 U.S.C. 6103(c) observes it: 20 January of the year
/// after a presidential election; on a Sunday it moves to Monday 21 January; on a Saturday
/// there is no day in lieu (OPM, relying on 51 Comp. Gen. 586), so there is none.
pub fn inauguration_day(year: i32) -> Option<NaiveDate> {
    if year < 1937 || year % 4 != 1 {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(year, 1, 20).expect("20 January exists");
    match day.weekday() {
        Weekday::Sat => None,
        Weekday::Sun => day.succ_opt(),
        _ => Some(day),
    }
}

/// Every known optional closure from `from` to `until`, both included, that applies to a
/// forum in the Washington area when `washington_area` is set.
pub fn known_closures(from: NaiveDate, until: NaiveDate, washington_area: bool) -> Vec<KnownClosure> {
    let mut out: Vec<KnownClosure> = ORDERS
        .iter()
        .filter_map(|o| {
            let date = NaiveDate::from_ymd_opt(o.date.0, o.date.1, o.date.2)?;
            Some(KnownClosure { date, reason: Text::fixed(o.en, o.es), source: o.source, scope: Scope::National })
        })
        .collect();
    if washington_area {
        for year in from.year()..=until.year() {
            if let Some(date) = inauguration_day(year) {
                out.push(KnownClosure {
                    date,
                    reason: Text::fixed(
                        "Inauguration Day, a holiday in the Washington area (5 U.S.C. 6103(c))",
                        "Día de la Investidura, feriado en el área de Washington (5 U.S.C. 6103(c))",
                    ),
                    source: "5 U.S.C. 6103(c); OPM Inauguration Day guidance (Sunday moves to Monday; no day in lieu of a Saturday)",
                    scope: Scope::WashingtonArea,
                });
            }
        }
    }
    out.retain(|c| c.date >= from && c.date <= until);
    out.sort_by_key(|c| c.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn inauguration_day_follows_the_sunday_rule_and_has_no_saturday_substitute() {
        assert_eq!(inauguration_day(2025), Some(d("2025-01-20"))); // a Monday (also MLK Day)
        assert_eq!(inauguration_day(2013), Some(d("2013-01-21")), "20 Jan 2013 was a Sunday");
        assert_eq!(inauguration_day(2029), None, "20 Jan 2029 is a Saturday: no day in lieu");
        assert_eq!(inauguration_day(2033), Some(d("2033-01-20")), "a Thursday");
        assert_eq!(inauguration_day(2026), None, "not an inauguration year");
    }

    #[test]
    fn the_washington_area_gets_inauguration_day_and_everyone_gets_the_orders() {
        let dc = known_closures(d("2032-12-01"), d("2033-02-01"), true);
        assert_eq!(dc.len(), 1);
        assert_eq!((dc[0].date, dc[0].scope), (d("2033-01-20"), Scope::WashingtonArea));
        assert!(known_closures(d("2032-12-01"), d("2033-02-01"), false).is_empty());
        let dec = known_closures(d("2025-12-01"), d("2025-12-31"), false);
        let dates: Vec<NaiveDate> = dec.iter().map(|c| c.date).collect();
        assert_eq!(dates, [d("2025-12-24"), d("2025-12-26")]);
        assert!(dec.iter().all(|c| c.scope == Scope::National && c.reason.es != c.reason.en));
        let carter = known_closures(d("2025-01-09"), d("2025-01-09"), false);
        assert!(carter[0].source.contains("14133"), "the 9 January 2025 order is EO 14133, not 14137");
    }
}
