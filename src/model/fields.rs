//! Parsers for the plain fields of a form: dates, names, free text, contact details.
//! Each returns the clean value or a message that says what is wrong and how to fix it.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// The earliest and latest dates Amparo accepts anywhere: older or later is a typo.
pub const EARLIEST: (i32, u32, u32) = (1900, 1, 1);
pub const LATEST: (i32, u32, u32) = (2199, 12, 31);

/// Longest one-line field (names, places, courts), in characters.
pub const MAX_LINE: usize = 200;
/// Longest free text (notes, addresses), in bytes: room for a 1 MB note.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Parses a calendar date written `YYYY-MM-DD`, saying why an impossible one is wrong.
pub fn date(raw: &str) -> Result<NaiveDate, String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        let shown: String = s.chars().take(24).collect();
        return Err(format!("\"{shown}\" is not a date. Write it as YYYY-MM-DD, for example 2026-03-15."));
    }
    let (y, m, d) = (s[0..4].parse::<i32>().unwrap(), s[5..7].parse::<u32>().unwrap(), s[8..10].parse::<u32>().unwrap());
    if !(1..=12).contains(&m) {
        return Err(format!("{s} is not a real date: there is no month {m}."));
    }
    let Some(parsed) = NaiveDate::from_ymd_opt(y, m, d) else {
        let days = days_in_month(y, m);
        return Err(format!("{s} is not a real date: {} {y} has {days} days.", month_name(m)));
    };
    let (ey, em, ed) = EARLIEST;
    let (ly, lm, ld) = LATEST;
    if parsed < NaiveDate::from_ymd_opt(ey, em, ed).unwrap() || parsed > NaiveDate::from_ymd_opt(ly, lm, ld).unwrap() {
        return Err(format!("{s} is out of range: dates must be between {ey} and {ly}."));
    }
    Ok(parsed)
}

/// An optional date: empty means none.
pub fn optional_date(raw: Option<&str>) -> Result<Option<NaiveDate>, String> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => date(s).map(Some),
    }
}

/// A date and time written `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM` (local court time).
pub fn date_time(raw: &str) -> Result<NaiveDateTime, String> {
    let s = raw.trim();
    let (d, t) = s.split_once(['T', ' ']).ok_or_else(|| {
        format!("\"{}\" needs a date and a time, for example 2026-03-15 09:30.", s.chars().take(24).collect::<String>())
    })?;
    let day = date(d)?;
    let time = NaiveTime::parse_from_str(t.trim(), "%H:%M")
        .map_err(|_| format!("\"{}\" is not a time. Write it as HH:MM on a 24-hour clock, for example 13:30.", t.chars().take(12).collect::<String>()))?;
    Ok(day.and_time(time))
}

/// Refuses a date after `today` (births, arrivals, filings already made).
pub fn not_after(d: NaiveDate, today: NaiveDate, what: &str) -> Result<NaiveDate, String> {
    if d > today {
        Err(format!("The {what} {d} is in the future. Check the year."))
    } else {
        Ok(d)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.and_then(|n| n.pred_opt()).map(|d| d.day()).unwrap_or(31)
}

fn month_name(m: u32) -> &'static str {
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        [(m - 1) as usize]
}

/// A one-line text field: trimmed, no control characters, at most MAX_LINE characters.
pub fn line(raw: &str, what: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.chars().count() > MAX_LINE {
        return Err(format!("The {what} is too long: at most {MAX_LINE} characters."));
    }
    if s.chars().any(char::is_control) {
        return Err(format!("The {what} contains a line break or an invisible control character. Type it on one line."));
    }
    Ok(s.to_string())
}

/// A one-line field that may be empty.
pub fn optional_line(raw: Option<&str>, what: &str) -> Result<Option<String>, String> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => line(s, what).map(Some),
    }
}

/// A one-line field that must have something in it.
pub fn required_line(raw: &str, what: &str) -> Result<String, String> {
    let s = line(raw, what)?;
    if s.is_empty() {
        Err(format!("The {what} is required."))
    } else {
        Ok(s)
    }
}

/// Free text (notes, addresses): line breaks and tabs allowed, other control characters not.
pub fn text(raw: &str, what: &str) -> Result<String, String> {
    if raw.len() > MAX_TEXT_BYTES {
        return Err(format!("The {what} is too long: at most {} MB.", MAX_TEXT_BYTES / (1024 * 1024)));
    }
    if raw.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(format!("The {what} contains an invisible control character. Remove it and try again."));
    }
    Ok(raw.trim_end().to_string())
}

/// Optional free text.
pub fn optional_text(raw: Option<&str>, what: &str) -> Result<Option<String>, String> {
    match raw {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => text(s, what).map(Some),
    }
}

/// An email address: one `@` with something on both sides and a dot in the domain.
pub fn email(raw: Option<&str>) -> Result<Option<String>, String> {
    let Some(s) = optional_line(raw, "email address")? else { return Ok(None) };
    match s.split_once('@') {
        Some((user, domain)) if !user.is_empty() && domain.contains('.') && !domain.contains('@') && !s.contains(' ') => {
            Ok(Some(s))
        }
        _ => Err(format!("\"{}\" is not an email address, for example name@example.org.", s.chars().take(40).collect::<String>())),
    }
}

/// A phone number: digits with the usual punctuation, 7 to 20 digits.
pub fn phone(raw: Option<&str>) -> Result<Option<String>, String> {
    let Some(s) = optional_line(raw, "phone number")? else { return Ok(None) };
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c) || c == 'x' || c == 'X');
    if allowed && (7..=20).contains(&digits) {
        Ok(Some(s))
    } else {
        Err(format!("\"{}\" is not a phone number. Use digits, with + and the country code for numbers abroad.", s.chars().take(30).collect::<String>()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(date("2026-02-30").unwrap_err(), "2026-02-30 is not a real date: February 2026 has 28 days.");
        assert!(date("2024-02-29").is_ok());
        assert!(date("2025-02-29").unwrap_err().contains("28 days"));
        assert!(date("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(date("2026-00-10").unwrap_err().contains("no month 0"));
        assert!(date("2026-04-31").unwrap_err().contains("30 days"));
        for bad in ["", "2026/01/01", "01-02-2026", "2026-1-5", "2026-01-01x", "२०२६-०१-०१", "2026-01-0１"] {
            assert!(date(bad).unwrap_err().contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(date("1899-12-31").unwrap_err().contains("out of range"));
        assert!(date("2200-01-01").unwrap_err().contains("out of range"));
    }

    #[test]
    fn date_times() {
        assert_eq!(date_time("2026-03-15 09:30").unwrap().to_string(), "2026-03-15 09:30:00");
        assert_eq!(date_time("2026-03-15T13:05").unwrap().to_string(), "2026-03-15 13:05:00");
        assert!(date_time("2026-03-15").is_err());
        assert!(date_time("2026-03-15 25:00").unwrap_err().contains("not a time"));
    }

    #[test]
    fn text_fields() {
        assert_eq!(required_line("  Amina ", "given name").unwrap(), "Amina");
        assert!(required_line("   ", "given name").unwrap_err().contains("required"));
        assert!(line("a\nb", "name").is_err());
        assert!(line("a\u{0}b", "name").is_err());
        assert!(line(&"x".repeat(201), "name").unwrap_err().contains("too long"));
        assert_eq!(line("\u{200F}محمد", "name").unwrap(), "\u{200F}محمد");
        assert!(text(&"n".repeat(1_000_000), "note").is_ok());
        assert!(text(&"n".repeat(MAX_TEXT_BYTES + 1), "note").is_err());
        assert!(text("a\u{7}b", "note").is_err());
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
