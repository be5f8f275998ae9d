//! Values as people write them in spreadsheets: dates in ISO, US and European order or as
//! Excel serial numbers, times on a 12- or 24-hour clock, yes and no in English and
//! Spanish, kinds of case and hearing in the words clinics use. Each parser returns the
//! model's canonical text (an ISO date, a kind's key) or a message saying what to do; an
//! ambiguous date is a question to the user, never a guess.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::store::similar::fold;
use crate::text::Text;
use crate::tr;

/// How the spreadsheet writes day and month when both are numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DateOrder {
    /// Decide per date; a date that reads both ways (03/04/2026) is refused with a question.
    #[default]
    Auto,
    /// US order: 11/25/2026.
    MonthFirst,
    /// European and Latin-American order: 25/11/2026.
    DayFirst,
}

impl std::str::FromStr for DateOrder {
    type Err = Text;
    fn from_str(s: &str) -> Result<Self, Text> {
        match fold(s).replace([' ', '-', '_', '/'], "").as_str() {
            "auto" => Ok(DateOrder::Auto),
            "mdy" | "monthfirst" | "us" => Ok(DateOrder::MonthFirst),
            "dmy" | "dayfirst" | "eu" | "european" => Ok(DateOrder::DayFirst),
            _ => Err(Text::fixed(
                "Date order must be auto, mdy (11/25/2026) or dmy (25/11/2026).",
                "El orden de fechas debe ser auto, mdy (11/25/2026) o dmy (25/11/2026).",
            )),
        }
    }
}

/// Excel counts days from 1899-12-30 (its day 60 is a 29 February 1900 that never was).
const EXCEL_EPOCH: (i32, u32, u32) = (1899, 12, 30);
/// 9999-12-31, Excel's last day.
const EXCEL_LAST_SERIAL: f64 = 2_958_465.0;
/// The smallest number read as an Excel date (1927-05-18) when the cell is not formatted
/// as one: a smaller number in a date column is far more likely a year typed alone
/// ("1985" is Excel's 1905-06-07) or a typo than a date of the 1900s' first decades.
pub const SMALLEST_SERIAL: f64 = 10_000.0;

/// A number in a date column that is not formatted as a date: an Excel serial, unless it
/// is small enough to be a year typed alone.
pub fn serial_in_date_column(n: f64) -> Result<NaiveDateTime, Text> {
    if (1000.0..=9999.0).contains(&n) && n.fract() == 0.0 {
        return Err(tr!(
            "{n} looks like a year alone, not a date. Write the whole date (for example {n}-06-15), or leave the cell empty if only the year is known.",
            "{n} parece un año solo, no una fecha. Escriba la fecha completa (por ejemplo {n}-06-15), o deje la celda vacía si solo se sabe el año."
        ));
    }
    if n < SMALLEST_SERIAL {
        return Err(tr!(
            "{n} is not a date. Write the date as 2026-11-25, 11/25/2026 or 25 Nov 2026.",
            "{n} no es una fecha. Escriba la fecha como 2026-11-25, 25/11/2026 o 25 nov 2026."
        ));
    }
    excel_serial(n)
}

/// A date from an Excel serial number (whole part; the fraction is the time of day).
pub fn excel_serial(serial: f64) -> Result<NaiveDateTime, Text> {
    if !(1.0..=EXCEL_LAST_SERIAL).contains(&serial) || (60.0..61.0).contains(&serial) {
        return Err(tr!(
            "{serial} is not a date Excel can write. Check the cell's format.",
            "{serial} no es una fecha que Excel pueda escribir. Revise el formato de la celda."
        ));
    }
    // Serial numbers before 60 count from 1899-12-31, as Excel's missing leap day shifts them.
    let (y, m, d) = EXCEL_EPOCH;
    let epoch = NaiveDate::from_ymd_opt(y, m, d).expect("valid").and_hms_opt(0, 0, 0).expect("valid");
    let days = serial.trunc() as i64 + if serial < 60.0 { 1 } else { 0 };
    let seconds = ((serial.fract() * 86_400.0).round()) as i64;
    let at = epoch + Duration::days(days) + Duration::seconds(seconds);
    // The same range as any typed date (a six-digit number in a date column is a typo).
    crate::model::fields::date(&at.date().to_string())?;
    Ok(at)
}

/// The month a word names, in English or Spanish, full or abbreviated.
fn month_word(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "enero", "ene"],
        &["february", "feb", "febrero"],
        &["march", "mar", "marzo"],
        &["april", "apr", "abril", "abr"],
        &["may", "mayo"],
        &["june", "jun", "junio"],
        &["july", "jul", "julio"],
        &["august", "aug", "agosto", "ago"],
        &["september", "sep", "sept", "septiembre", "setiembre", "set"],
        &["october", "oct", "octubre"],
        &["november", "nov", "noviembre"],
        &["december", "dec", "diciembre", "dic"],
    ];
    let w = word.trim_end_matches('.');
    MONTHS.iter().position(|names| names.contains(&w)).map(|i| i as u32 + 1)
}

/// A year written with two digits, read as Excel reads it when typed: 00–29 are 2000s,
/// 30–99 are 1900s (Microsoft's documented two-digit-year cutoff of 2029).
fn full_year(y: u32, digits: usize) -> i32 {
    match digits {
        2 if y < 30 => 2000 + y as i32,
        2 => 1900 + y as i32,
        _ => y as i32,
    }
}

fn make_date(y: i32, m: u32, d: u32, shown: &str) -> Result<NaiveDate, Text> {
    let iso = format!("{y:04}-{m:02}-{d:02}");
    crate::model::fields::date(&iso).map_err(|e| {
        if (1..=12).contains(&m) {
            e
        } else {
            tr!(
                "\"{shown}\" is not a real date: there is no month {m}.",
                "«{shown}» no es una fecha real: no existe el mes {m}."
            )
        }
    })
}

/// Parses a date as people type it. `Ok(None)` for an empty cell.
pub fn date(raw: &str, order: DateOrder) -> Result<Option<NaiveDate>, Text> {
    Ok(date_time_parts(raw, order)?.map(|(d, _)| d))
}

/// A date and, when the text has one, a time: "2026-03-04 9:30 AM", "3/4/2026 14:30",
/// "4 de marzo de 2026", "Mar 4, 2026", an Excel serial such as 46085 or 46085.375.
pub fn date_time_parts(raw: &str, order: DateOrder) -> Result<Option<(NaiveDate, Option<NaiveTime>)>, Text> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let shown: String = s.chars().take(40).collect();
    if let Ok(serial) = s.parse::<f64>() {
        if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') && serial >= 1.0 {
            let at = serial_in_date_column(serial)?;
            let time = (serial.fract() != 0.0).then(|| at.time());
            return Ok(Some((at.date(), time)));
        }
    }
    // Split off a time: the part after 'T' in ISO, or anything with ':' / am / pm at the end.
    let (date_part, time_part) = split_time(s);
    let time = match time_part {
        Some(t) => Some(time(t)?),
        None => None,
    };
    let folded = fold(date_part);
    let words: Vec<&str> =
        folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && *w != "de" && *w != "of").collect();
    let is_num = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let not_a_date = || {
        tr!(
            "\"{shown}\" is not a date Amparo can read. Write it as 2026-11-25, 11/25/2026 or 25 Nov 2026.",
            "«{shown}» no es una fecha que Amparo pueda leer. Escríbala como 2026-11-25, 25/11/2026 o 25 nov 2026."
        )
    };
    let day = match words.as_slice() {
        // ISO, or year first with any separator.
        [y, m, d] if is_num(y) && y.len() == 4 && is_num(m) && is_num(d) => {
            make_date(y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0), &shown)?
        }
        [a, b, y]
            if is_num(a) && is_num(b) && is_num(y) && a.len() <= 2 && b.len() <= 2 && matches!(y.len(), 2 | 4) =>
        {
            let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            let year = full_year(y.parse().unwrap_or(0), y.len());
            let (m, d) = match order {
                DateOrder::MonthFirst => (a, b),
                DateOrder::DayFirst => (b, a),
                DateOrder::Auto if a == b || b > 12 => (a, b),
                DateOrder::Auto if a > 12 => (b, a),
                DateOrder::Auto => {
                    let (us, eu) = (ymd_words(year, a, b), ymd_words(year, b, a));
                    let (us_en, eu_en, us_es, eu_es) = (&us.en, &eu.en, &us.es, &eu.es);
                    return Err(tr!(
                        "\"{shown}\" could be {us_en} or {eu_en}. Say how this file writes dates: month first (US) or day first.",
                        "«{shown}» puede ser {us_es} o {eu_es}. Indique cómo escribe las fechas este archivo: mes primero (EE. UU.) o día primero."
                    ));
                }
            };
            make_date(year, m, d, &shown)?
        }
        // "25 Nov 2026", "25 de noviembre de 2026"
        [d, m, y] if is_num(d) && is_num(y) && y.len() == 4 => {
            let m = month_word(m).ok_or_else(not_a_date)?;
            make_date(y.parse().unwrap_or(0), m, d.parse().unwrap_or(0), &shown)?
        }
        // "Nov 25 2026", "November 25, 2026"
        [m, d, y] if is_num(d) && is_num(y) && y.len() == 4 => {
            let m = month_word(m).ok_or_else(not_a_date)?;
            make_date(y.parse().unwrap_or(0), m, d.parse().unwrap_or(0), &shown)?
        }
        _ => return Err(not_a_date()),
    };
    Ok(Some((day, time)))
}

/// "March 4, 2026" / "4 de marzo de 2026", for the question an ambiguous date asks.
fn ymd_words(y: i32, m: u32, d: u32) -> Text {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => {
            let month = crate::text::month(date.month());
            let day = date.day();
            Text::new(format!("{} {day}, {y}", month.en), format!("{day} de {} de {y}", month.es.to_lowercase()))
        }
        None => Text::same(format!("{y}-{m:02}-{d:02}")),
    }
}

/// Splits "2026-03-04T09:30", "3/4/2026 9:30 am" or "3/4/2026 9 pm" into date and time.
fn split_time(s: &str) -> (&str, Option<&str>) {
    if let Some((d, t)) = s.split_once('T') {
        if d.len() == 10 && t.contains(':') {
            return (d, Some(t));
        }
    }
    let lower = s.to_ascii_lowercase();
    let has_meridiem = ["am", "pm", "a.m.", "p.m.", "a. m.", "p. m."].iter().any(|m| lower.ends_with(m));
    if !s.contains(':') && !has_meridiem {
        return (s, None);
    }
    // The time starts at the last space-separated word that begins with a digit and
    // contains ':' or is followed by am/pm.
    let words: Vec<(usize, &str)> =
        s.match_indices(|c: char| !c.is_whitespace()).fold(Vec::new(), |mut acc, (i, _)| {
            if i == 0 || s[..i].ends_with(char::is_whitespace) {
                let end = s[i..].find(char::is_whitespace).map(|e| i + e).unwrap_or(s.len());
                acc.push((i, &s[i..end]));
            }
            acc
        });
    for (i, w) in words.iter().rev() {
        if w.contains(':') && w.starts_with(|c: char| c.is_ascii_digit()) {
            return (s[..*i].trim_end_matches([',', ' ']), Some(&s[*i..]));
        }
    }
    if has_meridiem {
        if let Some((i, _)) = words.iter().rev().find(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit())) {
            return (s[..*i].trim_end_matches([',', ' ']), Some(&s[*i..]));
        }
    }
    (s, None)
}

/// A time of day: "9:30", "09:30", "9:30 AM", "9 pm", "14:30", "9.30", "14h30", "2:30 p. m.".
pub fn time(raw: &str) -> Result<NaiveTime, Text> {
    let s = raw.trim().to_ascii_lowercase().replace(". ", ".");
    let shown: String = raw.trim().chars().take(20).collect();
    let bad = || {
        tr!(
            "\"{shown}\" is not a time. Write it as 9:30 AM or 14:30.",
            "«{shown}» no es una hora. Escríbala como 9:30 a. m. o 14:30."
        )
    };
    let (body, meridiem) = if let Some(b) = s.strip_suffix("am").or_else(|| s.strip_suffix("a.m.")) {
        (b.trim(), Some(false))
    } else if let Some(b) = s.strip_suffix("pm").or_else(|| s.strip_suffix("p.m.")) {
        (b.trim(), Some(true))
    } else {
        (s.as_str(), None)
    };
    let mut parts = body.split([':', '.', 'h']);
    let h: u32 = parts.next().and_then(|p| p.trim().parse().ok()).ok_or_else(bad)?;
    let m: u32 = match parts.next().map(str::trim) {
        None | Some("") => 0,
        Some(p) if p.len() == 2 => p.parse().map_err(|_| bad())?,
        Some(_) => return Err(bad()),
    };
    // Seconds, as Excel and ISO write them, are allowed and dropped.
    if let Some(sec) = parts.next() {
        if sec.trim().parse::<u32>().map_or(true, |s| s > 59) {
            return Err(bad());
        }
    }
    if parts.next().is_some() {
        return Err(bad());
    }
    let h = match meridiem {
        Some(_) if !(1..=12).contains(&h) => return Err(bad()),
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Yes or no in English or Spanish; `None` for an empty cell.
pub fn yes_no(raw: &str) -> Result<Option<bool>, Text> {
    let f = fold(raw.trim());
    match f.as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "x" | "1" | "si" | "s" | "verdadero" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "falso" | "-" => Ok(Some(false)),
        _ => {
            let shown: String = raw.trim().chars().take(24).collect();
            Err(tr!("\"{shown}\" is not yes or no.", "«{shown}» no es sí ni no."))
        }
    }
}

/// Detention as written: yes/no, or the status itself.
pub fn detention(raw: &str) -> Result<Option<&'static str>, Text> {
    let f = fold(raw.trim());
    let status = match f.as_str() {
        "" => return Ok(None),
        "detained" | "detenido" | "detenida" | "detenido a" | "in detention" | "en detencion" | "custody" => "detained",
        "released" | "liberado" | "liberada" | "liberado a" | "released from detention" | "puesto en libertad" => {
            "released"
        }
        "not detained" | "no detenido" | "no detenida" | "free" | "libre" | "not_detained" => "not_detained",
        _ => match yes_no(raw) {
            Ok(Some(true)) => "detained",
            Ok(Some(false)) => "not_detained",
            _ => {
                let shown: String = raw.trim().chars().take(24).collect();
                return Err(tr!(
                    "\"{shown}\" does not say whether the client is detained. Write yes, no, or released.",
                    "«{shown}» no dice si el cliente está detenido. Escriba sí, no o liberado."
                ));
            }
        },
    };
    Ok(Some(status))
}

/// A kind of case as clinics write it. "Asylum" alone is defensive when the row names an
/// immigration court, and a question otherwise.
pub fn matter_kind(raw: &str, has_court: bool) -> Result<Option<&'static str>, Text> {
    let f = fold(raw.trim()).replace(['-', '_', '(', ')', '.'], " ");
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    let kind = match f.as_str() {
        "" => return Ok(None),
        "asylum" | "asilo" | "i 589" | "i589" if has_court => "defensive_asylum",
        "asylum" | "asilo" | "i 589" | "i589" => {
            return Err(Text::fixed(
                "\"Asylum\" alone does not say which kind: write affirmative asylum (asylum office) or defensive asylum (immigration court), or fill in the court.",
                "«Asilo» solo no dice de qué tipo: escriba asilo afirmativo (oficina de asilo) o asilo defensivo (corte de inmigración), o indique la corte.",
            ))
        }
        "affirmative asylum" | "asylum affirmative" | "asilo afirmativo" | "affirmative" => "affirmative_asylum",
        "defensive asylum" | "asylum defensive" | "asilo defensivo" | "defensive" => "defensive_asylum",
        "withholding" | "withholding of removal" | "suspension de deportacion" | "restriccion de la deportacion" => {
            "withholding_of_removal"
        }
        "cat" | "convention against torture" | "convencion contra la tortura" => "cat",
        "credible fear" | "credible fear review" | "cfr" | "miedo creible" => "credible_fear_review",
        "reasonable fear" | "reasonable fear review" | "rfr" | "miedo razonable" => "reasonable_fear_review",
        "bond" | "fianza" | "bond hearing" => "bond",
        "bia" | "bia appeal" | "appeal" | "apelacion" | "apelacion bia" => "bia_appeal",
        "pfr" | "petition for review" | "circuit" | "peticion de revision" => "petition_for_review",
        "ead" | "ead c8" | "ead c 8" | "work permit" | "permiso de trabajo" | "i 765" | "i765" => "ead_c8",
        "other" | "otro" => "other",
        _ => {
            return raw
                .trim()
                .parse::<crate::model::MatterKind>()
                .map(|k| Some(k.as_str()))
                .map_err(|_| {
                    let shown: String = raw.trim().chars().take(40).collect();
                    tr!(
                        "\"{shown}\" is not a kind of case Amparo knows. Use asylum (affirmative or defensive), withholding, CAT, bond, BIA appeal, credible fear, EAD, or other.",
                        "«{shown}» no es un tipo de caso que Amparo conozca. Use asilo (afirmativo o defensivo), withholding, CAT, fianza, apelación BIA, miedo creíble, EAD u otro."
                    )
                })
        }
    };
    Ok(Some(kind))
}

/// The forum a kind of case is decided in, when the sheet does not say.
pub fn forum_for(kind: &str) -> &'static str {
    match kind {
        "affirmative_asylum" => "uscis_asylum_office",
        "ead_c8" => "uscis",
        "bia_appeal" => "bia",
        "petition_for_review" => "circuit_court",
        _ => "immigration_court",
    }
}

/// A kind of hearing as clinics write it; anything unrecognised is refused, empty is "other".
pub fn hearing_kind(raw: &str) -> Result<&'static str, Text> {
    let f = fold(raw.trim()).replace(['-', '_', '(', ')', '.'], " ");
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(match f.as_str() {
        "" | "other" | "otra" | "otro" => "other",
        "master" | "mch" | "master calendar" | "master calendar hearing" | "preliminary" | "audiencia preliminar"
        | "preliminar" | "audiencia maestra" | "calendario maestro" => "master_calendar",
        "individual" | "merits" | "individual hearing" | "merits hearing" | "audiencia individual" | "de fondo"
        | "audiencia de fondo" | "final" | "audiencia final" => "individual",
        "bond" | "bond hearing" | "fianza" | "audiencia de fianza" => "bond",
        "credible fear review" | "cfr" | "revision de miedo creible" => "credible_fear_review",
        "reasonable fear review" | "rfr" | "revision de miedo razonable" => "reasonable_fear_review",
        "interview" | "asylum interview" | "entrevista" | "entrevista de asilo" => "asylum_interview",
        _ => {
            return raw.trim().parse::<crate::model::HearingKind>().map(|k| k.as_str()).map_err(|_| {
                let shown: String = raw.trim().chars().take(40).collect();
                tr!(
                    "\"{shown}\" is not a kind of hearing Amparo knows. Use master, individual, bond, interview, or leave it empty.",
                    "«{shown}» no es un tipo de audiencia que Amparo conozca. Use preliminar, individual, fianza, entrevista, o déjelo vacío."
                )
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_in_the_forms_people_type() {
        let auto = DateOrder::Auto;
        assert_eq!(date("2026-11-25", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("2026/11/25", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("11/25/2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("25/11/2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("25.11.2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("05/05/2026", auto).unwrap(), Some(d("2026-05-05")));
        assert_eq!(date("25 Nov 2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("November 25, 2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("25 de noviembre de 2026", auto).unwrap(), Some(d("2026-11-25")));
        assert_eq!(date("1 ene 2026", auto).unwrap(), Some(d("2026-01-01")));
        assert_eq!(date("3/4/85", DateOrder::MonthFirst).unwrap(), Some(d("1985-03-04")));
        assert_eq!(date("3/4/25", DateOrder::DayFirst).unwrap(), Some(d("2025-04-03")));
        assert_eq!(date("  ", auto).unwrap(), None);
    }

    #[test]
    fn an_ambiguous_date_is_a_question_not_a_guess() {
        let e = date("03/04/2026", DateOrder::Auto).unwrap_err();
        assert!(e.en.contains("March 4, 2026") && e.en.contains("April 3, 2026"), "{e:?}");
        assert!(e.es.contains("4 de marzo de 2026") && e.es.contains("día primero"), "{e:?}");
        assert_eq!(date("03/04/2026", DateOrder::MonthFirst).unwrap(), Some(d("2026-03-04")));
        assert_eq!(date("03/04/2026", DateOrder::DayFirst).unwrap(), Some(d("2026-04-03")));
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(date("2026-02-30", DateOrder::Auto).unwrap_err().en.contains("28 days"));
        assert!(date("13/13/2026", DateOrder::Auto).unwrap_err().en.contains("month 13"));
        assert!(date("tomorrow", DateOrder::Auto).is_err());
        assert!(date("1/2/3/4", DateOrder::Auto).is_err());
        assert!(date("31 Foo 2026", DateOrder::Auto).is_err());
        // Declared day-first, but the first number cannot be a day of that month.
        assert!(date("11/25/2026", DateOrder::DayFirst).is_err());
    }

    #[test]
    fn excel_serial_numbers() {
        assert_eq!(date("45658", DateOrder::Auto).unwrap(), Some(d("2025-01-01")));
        assert_eq!(excel_serial(1.0).unwrap().date(), d("1900-01-01"));
        assert_eq!(excel_serial(59.0).unwrap().date(), d("1900-02-28"));
        assert_eq!(excel_serial(61.0).unwrap().date(), d("1900-03-01"));
        assert!(excel_serial(60.0).is_err(), "29 Feb 1900 never was");
        // A year typed alone is not Excel's 1905 (found in review).
        assert!(date("1985", DateOrder::Auto).unwrap_err().en.contains("year alone"));
        assert!(date("61", DateOrder::Auto).is_err());
        let (day, t) = date_time_parts("46085.375", DateOrder::Auto).unwrap().unwrap();
        assert_eq!((day, t), (d("2026-03-04"), NaiveTime::from_hms_opt(9, 0, 0)));
        assert!(date("99999999", DateOrder::Auto).is_err());
        // Found by fuzzing: Excel reaches 9999, Amparo's dates stop at 2199.
        assert!(date("252026", DateOrder::Auto).unwrap_err().en.contains("out of range"));
    }

    #[test]
    fn dates_with_times() {
        let at = |s| date_time_parts(s, DateOrder::MonthFirst).unwrap().unwrap();
        let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0);
        assert_eq!(at("2026-03-04T09:30"), (d("2026-03-04"), nine_thirty));
        assert_eq!(at("2026-03-04 09:30:00"), (d("2026-03-04"), nine_thirty));
        assert_eq!(at("3/4/2026 9:30 AM"), (d("2026-03-04"), nine_thirty));
        assert_eq!(at("Mar 4, 2026 2 pm"), (d("2026-03-04"), NaiveTime::from_hms_opt(14, 0, 0)));
        assert_eq!(at("3/4/2026"), (d("2026-03-04"), None));
    }

    #[test]
    fn times_on_both_clocks() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(time("9:30").unwrap(), t(9, 30));
        assert_eq!(time("9:30 AM").unwrap(), t(9, 30));
        assert_eq!(time("12:15 am").unwrap(), t(0, 15));
        assert_eq!(time("12:15 pm").unwrap(), t(12, 15));
        assert_eq!(time("2:30 p. m.").unwrap(), t(14, 30));
        assert_eq!(time("14h30").unwrap(), t(14, 30));
        assert_eq!(time("9 pm").unwrap(), t(21, 0));
        for bad in ["25:00", "9:7", "13 pm", "noon", "9:30:99", ""] {
            assert!(time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn words_for_yes_no_detention_and_kinds() {
        assert_eq!(yes_no("Sí").unwrap(), Some(true));
        assert_eq!(yes_no("no").unwrap(), Some(false));
        assert!(yes_no("maybe").is_err());
        assert_eq!(detention("Detenida").unwrap(), Some("detained"));
        assert_eq!(detention("yes").unwrap(), Some("detained"));
        assert_eq!(detention("Liberado").unwrap(), Some("released"));
        assert_eq!(matter_kind("Asilo defensivo", false).unwrap(), Some("defensive_asylum"));
        assert_eq!(matter_kind("Asylum", true).unwrap(), Some("defensive_asylum"));
        assert!(matter_kind("Asylum", false).unwrap_err().en.contains("affirmative"));
        assert_eq!(matter_kind("bia_appeal", false).unwrap(), Some("bia_appeal"));
        assert_eq!(matter_kind("Permiso de trabajo", false).unwrap(), Some("ead_c8"));
        assert!(matter_kind("Divorce", false).is_err());
        assert_eq!(hearing_kind("MCH").unwrap(), "master_calendar");
        assert_eq!(hearing_kind("Audiencia individual").unwrap(), "individual");
        assert_eq!(hearing_kind("").unwrap(), "other");
        assert!(hearing_kind("party").is_err());
    }
}
