//! Words shown to people, in each language Amparo speaks. A message is written where the
//! rule it explains lives, in English and Spanish side by side, so that neither can be
//! forgotten when the other changes. The command line prints the English; the app shows
//! the user's language.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One message in English and Spanish.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Text {
    pub en: Cow<'static, str>,
    pub es: Cow<'static, str>,
}

impl Text {
    /// Fixed words, for tables compiled into the program.
    pub const fn fixed(en: &'static str, es: &'static str) -> Text {
        Text { en: Cow::Borrowed(en), es: Cow::Borrowed(es) }
    }

    /// Words built at run time.
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Text {
        Text { en: Cow::Owned(en.into()), es: Cow::Owned(es.into()) }
    }

    /// The same words in both languages: a date, a citation, a name the user typed.
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text::new(s.clone(), s)
    }

    /// Changes each language with its own function.
    pub fn map_pair(&self, en: impl Fn(&str) -> String, es: impl Fn(&str) -> String) -> Text {
        Text::new(en(&self.en), es(&self.es))
    }

    /// The words in the language asked for.
    pub fn pick(&self, spanish: bool) -> &str {
        if spanish {
            &self.es
        } else {
            &self.en
        }
    }

    /// Applies one change to both languages.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text::new(f(&self.en), f(&self.es))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Text {}

/// A message in both languages, each written as a `format!` string with its own words.
#[macro_export]
macro_rules! tr {
    ($en:literal, $es:literal $(,)?) => {
        $crate::text::Text::new(format!($en), format!($es))
    };
}

const WEEKDAYS_ES: [&str; 7] = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The weekday of `d` in both languages ("Friday", "viernes").
pub fn weekday(d: chrono::NaiveDate) -> Text {
    use chrono::Datelike;
    Text::new(d.format("%A").to_string(), WEEKDAYS_ES[d.weekday().num_days_from_monday() as usize])
}

/// The month `m` (1–12) in both languages.
pub fn month(m: u32) -> Text {
    let i = (m.clamp(1, 12) - 1) as usize;
    Text::fixed(MONTHS_EN[i], MONTHS_ES[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tr_builds_both_languages_from_local_words() {
        let n = 3;
        let t = tr!("{n} days", "{n} días");
        assert_eq!((t.en.as_ref(), t.es.as_ref()), ("3 days", "3 días"));
        assert_eq!(t.to_string(), "3 days");
    }

    #[test]
    fn weekdays_and_months_in_spanish() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 6, 19).unwrap();
        assert_eq!(weekday(d), Text::fixed("Friday", "viernes"));
        assert_eq!(month(2), Text::fixed("February", "febrero"));
    }
}
