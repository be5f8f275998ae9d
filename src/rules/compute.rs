//! Computing a deadline from a rule and its trigger date, writing down each step so a
//! person can check it: the arithmetic, each day skipped and why, the citation, and any
//! doubt the rule carries. Pure: no I/O, no clock.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::holidays::{Calendar, Closure};
use super::table::{describe_period, find, Counting, Roll, Rule, RULES, TABLE_VERSION};
use crate::error::{Error, Result};
use crate::model::ValidationError;

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
    pub name: String,
    pub from: NaiveDate,
    pub due: NaiveDate,
    /// The date before any move for a weekend, holiday or closure.
    pub unrolled: NaiveDate,
    /// For the asylum EAD clock: the earliest date the EAD may be granted (180 days).
    pub also: Option<NaiveDate>,
    pub citation: String,
    pub source: String,
    pub doubt: Option<String>,
    /// Each step in words.
    pub steps: Vec<String>,
    /// The steps as one paragraph.
    pub explanation: String,
    pub table_version: String,
}

/// Computes `rule_id` from `from`.
pub fn compute(rule_id: &str, from: NaiveDate, options: &Options) -> Result<Computed> {
    let rule = find(rule_id).ok_or_else(|| unknown_rule(rule_id))?;
    check_options(rule, options)?;
    let calendar = Calendar::with_closures(options.closures.clone());
    let mut steps = Vec::new();

    let (unrolled, also) = match rule.counting {
        Counting::DaysAfter { days } => {
            let extra = if options.served_by_mail { rule.mail_days } else { 0 };
            let raw = from + Duration::days(i64::from(days + extra));
            let mail = if extra > 0 { format!(" + {extra} days for service by mail") } else { String::new() };
            steps.push(format!("{} {from} + {}{mail} = {raw}, a {}", rule.event, describe_period(rule), weekday(raw)));
            (raw, None)
        }
        Counting::YearsAfter { years } => {
            let raw = from.checked_add_months(Months::new(12 * years)).expect("dates are bounded well inside chrono's range");
            steps.push(format!("{} {from} + {} = {raw} (the anniversary), a {}", rule.event, describe_period(rule), weekday(raw)));
            if from.month() == 2 && from.day() == 29 && raw.day() == 28 {
                steps.push(format!(
                    "{} has no 29 February, so the anniversary is taken as 28 February, the earlier of the two possible readings, so that a filing by then is on time under either",
                    raw.year()
                ));
            }
            (raw, None)
        }
        Counting::DaysBefore { days } => {
            let raw = from - Duration::days(i64::from(days));
            steps.push(format!(
                "{} {from} − {} = {raw}, a {} (the hearing day is day 0, the day before is day 1)",
                rule.event,
                describe_period(rule),
                weekday(raw)
            ));
            (raw, None)
        }
        Counting::ClockDays { days } => {
            let stopped: i64 = options.clock_stops.iter().map(|s| (s.restarted - s.stopped).num_days()).sum();
            let raw = from + Duration::days(i64::from(days) + stopped);
            let stops = if stopped > 0 {
                format!(" + {stopped} days the clock was stopped")
            } else {
                " (the clock never stopped)".to_string()
            };
            steps.push(format!("{} {from} + {}{stops} = {raw}, a {}", rule.event, describe_period(rule), weekday(raw)));
            let also = rule.also_days.map(|d| from + Duration::days(i64::from(d) + stopped));
            if let (Some(a), Some(d)) = (also, rule.also_days) {
                steps.push(format!("The EAD cannot be granted before {d} clock days: {a}"));
            }
            (raw, also)
        }
    };

    let due = match rule.roll {
        Roll::None => {
            steps.push("This is an earliest date, not a deadline, so weekends and holidays do not move it".into());
            unrolled
        }
        Roll::NextBusinessDay => roll_forward(unrolled, &calendar, &mut steps),
    };
    if matches!(rule.counting, Counting::DaysBefore { .. }) && due != unrolled {
        let mut safer = unrolled;
        while !calendar.is_business_day(safer) {
            safer -= Duration::days(1);
        }
        steps.push(format!("Filing by {safer}, the business day before, is the safer course"));
    }
    steps.push(format!("Rule: {}", rule.citation));
    if let Some(doubt) = rule.doubt {
        steps.push(format!("Note: {doubt}"));
    }
    let explanation = steps.iter().map(|s| ensure_period(s)).collect::<Vec<_>>().join(" ");
    Ok(Computed {
        rule: rule.id.into(),
        name: rule.name.into(),
        from,
        due,
        unrolled,
        also,
        citation: rule.citation.into(),
        source: rule.source.into(),
        doubt: rule.doubt.map(Into::into),
        steps,
        explanation,
        table_version: TABLE_VERSION.into(),
    })
}

/// Moves to the next business day, saying why each day was skipped. Extends the last step
/// ("… = 2026-06-19, a Friday") with what the day is.
fn roll_forward(start: NaiveDate, calendar: &Calendar, steps: &mut Vec<String>) -> NaiveDate {
    let Some(first) = calendar.closed_because(start) else {
        if let Some(last) = steps.last_mut() {
            last.push_str(", a business day");
        }
        return start;
    };
    if let Some(last) = steps.last_mut() {
        if !first.starts_with("a Saturday") && !first.starts_with("a Sunday") {
            last.push_str(&format!(" that is {first}"));
        }
    }
    let mut day = start + Duration::days(1);
    let mut skipped = Vec::new();
    while let Some(why) = calendar.closed_because(day) {
        skipped.push(format!("{day} is {why}"));
        day += Duration::days(1);
    }
    let mut text = String::new();
    if !skipped.is_empty() {
        text.push_str(&skipped.join("; "));
        text.push_str("; ");
    }
    text.push_str(&format!("the next business day is {day}, a {}", weekday(day)));
    steps.push(capitalise(&text));
    day
}

fn check_options(rule: &Rule, options: &Options) -> Result<()> {
    if options.served_by_mail && rule.mail_days == 0 {
        return Err(invalid(
            "served_by_mail",
            format!("Service by mail adds no days to {}: the period runs from the date itself.", rule.id),
        ));
    }
    let is_clock = matches!(rule.counting, Counting::ClockDays { .. });
    if !options.clock_stops.is_empty() && !is_clock {
        return Err(invalid("clock_stops", format!("Clock stops apply only to the asylum EAD clock, not to {}.", rule.id)));
    }
    let mut stops = options.clock_stops.clone();
    stops.sort_by_key(|s| s.stopped);
    for pair in stops.windows(2) {
        if pair[1].stopped < pair[0].restarted {
            return Err(invalid("clock_stops", format!("The clock stops starting {} and {} overlap.", pair[0].stopped, pair[1].stopped)));
        }
    }
    if let Some(bad) = stops.iter().find(|s| s.restarted < s.stopped) {
        return Err(invalid("clock_stops", format!("A clock stop restarts ({}) before it stopped ({}).", bad.restarted, bad.stopped)));
    }
    Ok(())
}

fn unknown_rule(id: &str) -> Error {
    let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let shown: String = id.chars().take(40).collect();
    invalid("rule", format!("There is no rule \"{shown}\". Known rules: {}.", known.join(", ")))
}

fn invalid(field: &str, message: String) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}

fn weekday(d: NaiveDate) -> String {
    d.format("%A").to_string()
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
