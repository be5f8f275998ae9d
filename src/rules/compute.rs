//! Computing a deadline from a rule and its trigger date, writing down each step so a
//! person can check it: the arithmetic, each day skipped and why, the citation, and any
//! doubt the rule carries. Pure: no I/O, no clock.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::holidays::{Calendar, Closed, Closure};
use super::table::{describe_period, find, Counting, Roll, Rule, RULES, TABLE_VERSION};
use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::text::{weekday, Text};
use crate::tr;

/// A period during which the asylum EAD clock was stopped (e.g. a continuance the
/// applicant asked for): from the day it stopped to the day it restarted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClockStop {
    pub stopped: NaiveDate,
    pub restarted: NaiveDate,
}

/// What the law lets vary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct Options {
    /// The triggering notice was served by mail (adds the rule's mail days, where allowed).
    pub served_by_mail: bool,
    /// Stops of the asylum EAD clock.
    pub clock_stops: Vec<ClockStop>,
    /// Days the court or agency was closed beyond weekends and federal holidays.
    pub closures: Vec<Closure>,
}

/// A computed deadline and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Computed {
    pub rule: String,
    pub name: Text,
    pub from: NaiveDate,
    pub due: NaiveDate,
    /// The date before any move for a weekend, holiday or closure.
    pub unrolled: NaiveDate,
    /// For the asylum EAD clock: the earliest date the EAD may be granted (180 days).
    pub also: Option<NaiveDate>,
    pub citation: String,
    pub source: String,
    pub doubt: Option<Text>,
    /// Each step in words.
    pub steps: Vec<Text>,
    /// The steps as one paragraph.
    pub explanation: Text,
    pub table_version: String,
}

/// Computes `rule_id` from `from`.
pub fn compute(rule_id: &str, from: NaiveDate, options: &Options) -> Result<Computed> {
    let rule = find(rule_id).ok_or_else(|| unknown_rule(rule_id))?;
    check_options(rule, options)?;
    let calendar = Calendar::with_closures(options.closures.clone());
    let mut steps: Vec<Text> = Vec::new();
    let (event_en, event_es) = (&rule.event.en, &rule.event.es);
    let period = describe_period(rule);
    let (period_en, period_es) = (&period.en, &period.es);

    let (unrolled, also) = match rule.counting {
        Counting::DaysAfter { days } => {
            let extra = if options.served_by_mail { rule.mail_days } else { 0 };
            let raw = from + Duration::days(i64::from(days + extra));
            let mail = if extra > 0 {
                tr!(" + {extra} days for service by mail", " + {extra} días por notificación por correo")
            } else {
                Text::same("")
            };
            let (mail_en, mail_es) = (&mail.en, &mail.es);
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} + {period_en}{mail_en} = {raw}, a {wd_en}",
                "{event_es} {from} + {period_es}{mail_es} = {raw}, {wd_es}"
            ));
            (raw, None)
        }
        Counting::YearsAfter { years } => {
            let raw =
                from.checked_add_months(Months::new(12 * years)).expect("dates are bounded well inside chrono's range");
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} + {period_en} = {raw} (the anniversary), a {wd_en}",
                "{event_es} {from} + {period_es} = {raw} (el aniversario), {wd_es}"
            ));
            if from.month() == 2 && from.day() == 29 && raw.day() == 28 {
                let y = raw.year();
                steps.push(tr!(
                    "{y} has no 29 February, so the anniversary is taken as 28 February, the earlier of the two possible readings, so that a filing by then is on time under either",
                    "{y} no tiene 29 de febrero, así que el aniversario se toma como el 28 de febrero, la más temprana de las dos lecturas posibles, para que presentar para entonces sea oportuno con cualquiera de ellas"
                ));
            }
            (raw, None)
        }
        Counting::DaysBefore { days } => {
            let raw = from - Duration::days(i64::from(days));
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} − {period_en} = {raw}, a {wd_en} (the hearing day is day 0, the day before is day 1)",
                "{event_es} {from} − {period_es} = {raw}, {wd_es} (el día de la audiencia es el día 0, el día anterior es el día 1)"
            ));
            (raw, None)
        }
        Counting::ClockDays { days } => {
            let stopped: i64 = options.clock_stops.iter().map(|s| (s.restarted - s.stopped).num_days()).sum();
            let raw = from + Duration::days(i64::from(days) + stopped);
            let stops = if stopped > 0 {
                tr!(" + {stopped} days the clock was stopped", " + {stopped} días con el reloj detenido")
            } else {
                Text::fixed(" (the clock never stopped)", " (el reloj nunca se detuvo)")
            };
            let (stops_en, stops_es) = (&stops.en, &stops.es);
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} + {period_en}{stops_en} = {raw}, a {wd_en}",
                "{event_es} {from} + {period_es}{stops_es} = {raw}, {wd_es}"
            ));
            let also = rule.also_days.map(|d| from + Duration::days(i64::from(d) + stopped));
            if let (Some(a), Some(d)) = (also, rule.also_days) {
                steps.push(tr!(
                    "The EAD cannot be granted before {d} clock days: {a}",
                    "El EAD no puede concederse antes de {d} días de reloj: {a}"
                ));
            }
            (raw, also)
        }
    };

    let due = match rule.roll {
        Roll::None => {
            steps.push(Text::fixed(
                "This is an earliest date, not a deadline, so weekends and holidays do not move it",
                "Es una fecha mínima, no un plazo, así que los fines de semana y feriados no la mueven",
            ));
            unrolled
        }
        Roll::NextBusinessDay => roll_forward(unrolled, &calendar, &mut steps),
    };
    if matches!(rule.counting, Counting::DaysBefore { .. }) && due != unrolled {
        let mut safer = unrolled;
        while !calendar.is_business_day(safer) {
            safer -= Duration::days(1);
        }
        steps.push(tr!(
            "Filing by {safer}, the business day before, is the safer course",
            "Presentar a más tardar el {safer}, el día hábil anterior, es lo más seguro"
        ));
    }
    let citation = rule.citation;
    steps.push(tr!("Rule: {citation}", "Regla: {citation}"));
    if let Some(doubt) = &rule.doubt {
        let (en, es) = (&doubt.en, &doubt.es);
        steps.push(tr!("Note: {en}", "Nota: {es}"));
    }
    let explanation = Text::new(
        steps.iter().map(|s| ensure_period(&s.en)).collect::<Vec<_>>().join(" "),
        steps.iter().map(|s| ensure_period(&s.es)).collect::<Vec<_>>().join(" "),
    );
    Ok(Computed {
        rule: rule.id.into(),
        name: rule.name.clone(),
        from,
        due,
        unrolled,
        also,
        citation: rule.citation.into(),
        source: rule.source.into(),
        doubt: rule.doubt.clone(),
        steps,
        explanation,
        table_version: TABLE_VERSION.into(),
    })
}

/// Moves to the next business day, saying why each day was skipped. Extends the last step
/// ("… = 2026-06-19, a Friday") with what the day is.
fn roll_forward(start: NaiveDate, calendar: &Calendar, steps: &mut Vec<Text>) -> NaiveDate {
    let Some(first) = calendar.closed_because(start) else {
        if let Some(last) = steps.last_mut() {
            *last = last.map_pair(|en| format!("{en}, a business day"), |es| format!("{es}, día hábil"));
        }
        return start;
    };
    if let (Some(last), Closed::Holiday(why) | Closed::Closure(why)) = (steps.last_mut(), &first) {
        *last = last.map_pair(|en| format!("{en} that is {}", why.en), |es| format!("{es}, que es {}", why.es));
    }
    let mut day = start + Duration::days(1);
    let mut skipped_en = Vec::new();
    let mut skipped_es = Vec::new();
    while let Some(why) = calendar.closed_because(day) {
        let Text { en: wd_en, es: wd_es } = weekday(day);
        let (en, es) = match &why {
            Closed::Weekend => (format!("{day} is a {wd_en}"), format!("{day} es {wd_es}")),
            Closed::Holiday(t) | Closed::Closure(t) => (format!("{day} is {}", t.en), format!("{day} es {}", t.es)),
        };
        skipped_en.push(en);
        skipped_es.push(es);
        day += Duration::days(1);
    }
    let Text { en: wd_en, es: wd_es } = weekday(day);
    let lead = |skipped: &[String]| {
        if skipped.is_empty() {
            String::new()
        } else {
            format!("{}; ", skipped.join("; "))
        }
    };
    let (lead_en, lead_es) = (lead(&skipped_en), lead(&skipped_es));
    let text =
        tr!("{lead_en}the next business day is {day}, a {wd_en}", "{lead_es}el siguiente día hábil es {day}, {wd_es}");
    steps.push(text.map(capitalise));
    day
}

fn check_options(rule: &Rule, options: &Options) -> Result<()> {
    if options.served_by_mail && rule.mail_days == 0 {
        let id = rule.id;
        return Err(invalid(
            "served_by_mail",
            tr!(
                "Service by mail adds no days to {id}: the period runs from the date itself.",
                "La notificación por correo no añade días a {id}: el plazo corre desde la fecha misma."
            ),
        ));
    }
    let is_clock = matches!(rule.counting, Counting::ClockDays { .. });
    if !options.clock_stops.is_empty() && !is_clock {
        let id = rule.id;
        return Err(invalid(
            "clock_stops",
            tr!(
                "Clock stops apply only to the asylum EAD clock, not to {id}.",
                "Las paradas del reloj solo se aplican al reloj del EAD de asilo, no a {id}."
            ),
        ));
    }
    let mut stops = options.clock_stops.clone();
    stops.sort_by_key(|s| s.stopped);
    for pair in stops.windows(2) {
        if pair[1].stopped < pair[0].restarted {
            let (a, b) = (pair[0].stopped, pair[1].stopped);
            return Err(invalid(
                "clock_stops",
                tr!(
                    "The clock stops starting {a} and {b} overlap.",
                    "Las paradas del reloj que empiezan el {a} y el {b} se solapan."
                ),
            ));
        }
    }
    if let Some(bad) = stops.iter().find(|s| s.restarted < s.stopped) {
        let (r, st) = (bad.restarted, bad.stopped);
        return Err(invalid(
            "clock_stops",
            tr!(
                "A clock stop restarts ({r}) before it stopped ({st}).",
                "Una parada del reloj se reanuda ({r}) antes de detenerse ({st})."
            ),
        ));
    }
    Ok(())
}

fn unknown_rule(id: &str) -> Error {
    let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let shown: String = id.chars().take(40).collect();
    let known = known.join(", ");
    invalid(
        "rule",
        tr!(
            "There is no rule \"{shown}\". Known rules: {known}.",
            "No existe la regla «{shown}». Reglas conocidas: {known}."
        ),
    )
}

fn invalid(field: &str, message: Text) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn ensure_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}
