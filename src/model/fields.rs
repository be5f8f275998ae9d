//! Parsers for the plain fields of a form: dates, names, free text, contact details.
//! Each returns the clean value or a message that says what is wrong and how to fix it.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::text::{month, Text};
use crate::tr;

/// The earliest and latest dates Amparo accepts anywhere: older or later is a typo.
pub const EARLIEST: (i32, u32, u32) = (1900, 1, 1);
pub const LATEST: (i32, u32, u32) = (2199, 12, 31);

/// Longest one-line field (names, places, courts), in characters.
pub const MAX_LINE: usize = 200;
/// Longest free text (notes, addresses), in bytes: room for a 1 MB note.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Parses a calendar date written `YYYY-MM-DD`, saying why an impossible one is wrong.
pub fn date(raw: &str) -> Result<NaiveDate, Text> {
    let s = raw.trim();
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        let shown: String = s.chars().take(24).collect();
        return Err(tr!(
            "\"{shown}\" is not a date. Write it as YYYY-MM-DD, for example 2026-03-15.",
            "«{shown}» no es una fecha. Escríbala como AAAA-MM-DD, por ejemplo 2026-03-15."
        ));
    }
    let (y, m, d) =
        (s[0..4].parse::<i32>().unwrap(), s[5..7].parse::<u32>().unwrap(), s[8..10].parse::<u32>().unwrap());
    if !(1..=12).contains(&m) {
        return Err(tr!(
            "{s} is not a real date: there is no month {m}.",
            "{s} no es una fecha real: no existe el mes {m}."
        ));
    }
    let Some(parsed) = NaiveDate::from_ymd_opt(y, m, d) else {
        let days = days_in_month(y, m);
        let (en, es) = (month(m).en, month(m).es);
        return Err(tr!(
            "{s} is not a real date: {en} {y} has {days} days.",
            "{s} no es una fecha real: {es} de {y} tiene {days} días."
        ));
    };
    let (ey, em, ed) = EARLIEST;
    let (ly, lm, ld) = LATEST;
    if parsed < NaiveDate::from_ymd_opt(ey, em, ed).unwrap() || parsed > NaiveDate::from_ymd_opt(ly, lm, ld).unwrap() {
        return Err(tr!(
            "{s} is out of range: dates must be between {ey} and {ly}.",
            "{s} está fuera de rango: las fechas deben estar entre {ey} y {ly}."
        ));
    }
    Ok(parsed)
}

/// An optional date: empty means none.
pub fn optional_date(raw: Option<&str>) -> Result<Option<NaiveDate>, Text> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => date(s).map(Some),
    }
}

/// A date and time written `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM` (local court time).
pub fn date_time(raw: &str) -> Result<NaiveDateTime, Text> {
    let s = raw.trim();
    let (d, t) = s.split_once(['T', ' ']).ok_or_else(|| {
        let shown: String = s.chars().take(24).collect();
        tr!(
            "\"{shown}\" needs a date and a time, for example 2026-03-15 09:30.",
            "«{shown}» necesita fecha y hora, por ejemplo 2026-03-15 09:30."
        )
    })?;
    let day = date(d)?;
    let time = NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| {
        let shown: String = t.chars().take(12).collect();
        tr!(
            "\"{shown}\" is not a time. Write it as HH:MM on a 24-hour clock, for example 13:30.",
            "«{shown}» no es una hora. Escríbala como HH:MM en formato de 24 horas, por ejemplo 13:30."
        )
    })?;
    Ok(day.and_time(time))
}

/// Refuses a date after `today` (births, arrivals, filings already made).
pub fn not_after(d: NaiveDate, today: NaiveDate, what: &Text) -> Result<NaiveDate, Text> {
    if d > today {
        let (en, es) = (&what.en, &what.es);
        Err(tr!(
            "The {en} {d} is in the future. Check the year.",
            "La fecha {d} ({es}) está en el futuro. Revise el año."
        ))
    } else {
        Ok(d)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    use chrono::Datelike;
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map(|d| d.day()).unwrap_or(31)
}

/// A one-line text field: trimmed, no control characters, at most MAX_LINE characters.
pub fn line(raw: &str, what: &Text) -> Result<String, Text> {
    let s = raw.trim();
    let (en, es) = (&what.en, &what.es);
    if s.chars().count() > MAX_LINE {
        return Err(tr!(
            "The {en} is too long: at most {MAX_LINE} characters.",
            "Texto demasiado largo ({es}): como máximo {MAX_LINE} caracteres."
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(tr!(
            "The {en} contains a line break or an invisible control character. Type it on one line.",
            "Hay un salto de línea o un carácter de control invisible en: {es}. Escríbalo en una sola línea."
        ));
    }
    Ok(s.to_string())
}

/// A one-line field that may be empty.
pub fn optional_line(raw: Option<&str>, what: &Text) -> Result<Option<String>, Text> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => line(s, what).map(Some),
    }
}

/// A one-line field that must have something in it.
pub fn required_line(raw: &str, what: &Text) -> Result<String, Text> {
    let s = line(raw, what)?;
    if s.is_empty() {
        let (en, es) = (&what.en, &what.es);
        Err(tr!("The {en} is required.", "Falta un dato obligatorio: {es}."))
    } else {
        Ok(s)
    }
}

/// Free text (notes, addresses): line breaks and tabs allowed, other control characters not.
pub fn text(raw: &str, what: &Text) -> Result<String, Text> {
    let (en, es) = (&what.en, &what.es);
    if raw.len() > MAX_TEXT_BYTES {
        let mb = MAX_TEXT_BYTES / (1024 * 1024);
        return Err(tr!(
            "The {en} is too long: at most {mb} MB.",
            "Texto demasiado largo ({es}): como máximo {mb} MB."
        ));
    }
    if raw.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(tr!(
            "The {en} contains an invisible control character. Remove it and try again.",
            "Hay un carácter de control invisible en: {es}. Quítelo e inténtelo de nuevo."
        ));
    }
    Ok(raw.trim_end().to_string())
}

/// Optional free text.
pub fn optional_text(raw: Option<&str>, what: &Text) -> Result<Option<String>, Text> {
    match raw {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => text(s, what).map(Some),
    }
}

/// An email address: one `@` with something on both sides and a dot in the domain.
pub fn email(raw: Option<&str>) -> Result<Option<String>, Text> {
    let Some(s) = optional_line(raw, &Text::fixed("email address", "correo electrónico"))? else {
        return Ok(None);
    };
    match s.split_once('@') {
        Some((user, domain))
            if !user.is_empty() && domain.contains('.') && !domain.contains('@') && !s.contains(' ') =>
        {
            Ok(Some(s))
        }
        _ => {
            let shown: String = s.chars().take(40).collect();
            Err(tr!(
                "\"{shown}\" is not an email address, for example name@example.org.",
                "«{shown}» no es un correo electrónico, por ejemplo nombre@ejemplo.org."
            ))
        }
    }
}

/// A phone number: digits with the usual punctuation, 7 to 20 digits.
pub fn phone(raw: Option<&str>) -> Result<Option<String>, Text> {
    let Some(s) = optional_line(raw, &Text::fixed("phone number", "teléfono"))? else {
        return Ok(None);
    };
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c) || c == 'x' || c == 'X');
    if allowed && (7..=20).contains(&digits) {
        Ok(Some(s))
    } else {
        let shown: String = s.chars().take(30).collect();
        Err(tr!(
            "\"{shown}\" is not a phone number. Use digits, with + and the country code for numbers abroad.",
            "«{shown}» no es un número de teléfono. Use dígitos, con + y el código del país para números del extranjero."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(date("2026-02-30").unwrap_err().en, "2026-02-30 is not a real date: February 2026 has 28 days.");
        assert_eq!(
            date("2026-02-30").unwrap_err().es,
            "2026-02-30 no es una fecha real: febrero de 2026 tiene 28 días."
        );
        assert!(date("2024-02-29").is_ok());
        assert!(date("2025-02-29").unwrap_err().en.contains("28 days"));
        assert!(date("2026-13-01").unwrap_err().en.contains("no month 13"));
        assert!(date("2026-00-10").unwrap_err().en.contains("no month 0"));
        assert!(date("2026-04-31").unwrap_err().en.contains("30 days"));
        for bad in ["", "2026/01/01", "01-02-2026", "2026-1-5", "2026-01-01x", "२०२६-०१-०१", "2026-01-0１"]
        {
            assert!(date(bad).unwrap_err().en.contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(date("1899-12-31").unwrap_err().en.contains("out of range"));
        assert!(date("2200-01-01").unwrap_err().en.contains("out of range"));
    }

    #[test]
    fn date_times() {
        assert_eq!(date_time("2026-03-15 09:30").unwrap().to_string(), "2026-03-15 09:30:00");
        assert_eq!(date_time("2026-03-15T13:05").unwrap().to_string(), "2026-03-15 13:05:00");
        assert!(date_time("2026-03-15").is_err());
        assert!(date_time("2026-03-15 25:00").unwrap_err().en.contains("not a time"));
    }

    #[test]
    fn text_fields() {
        assert_eq!(required_line("  Amina ", &Text::same("given name")).unwrap(), "Amina");
        assert!(required_line("   ", &Text::same("given name")).unwrap_err().en.contains("required"));
        assert!(line("a\nb", &Text::same("name")).is_err());
        assert!(line("a\u{0}b", &Text::same("name")).is_err());
        assert!(line(&"x".repeat(201), &Text::same("name")).unwrap_err().en.contains("too long"));
        assert_eq!(line("\u{200F}محمد", &Text::same("name")).unwrap(), "\u{200F}محمد");
        assert!(text(&"n".repeat(1_000_000), &Text::same("note")).is_ok());
        assert!(text(&"n".repeat(MAX_TEXT_BYTES + 1), &Text::same("note")).is_err());
        assert!(text("a\u{7}b", &Text::same("note")).is_err());
    }

    #[test]
    fn contact_fields() {
        assert_eq!(email(Some(" a@b.org ")).unwrap().as_deref(), Some("a@b.org"));
        assert!(email(Some("a@b")).is_err());
        assert!(email(Some("@b.org")).is_err());
        assert_eq!(email(Some("")).unwrap(), None);
        assert!(phone(Some("+1 (555) 010-2000")).is_ok());
        assert!(phone(Some("call me")).is_err());
        assert!(phone(Some("123")).is_err());
    }
}
