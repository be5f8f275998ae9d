//! Computing a deadline from a rule and its trigger date, writing down each step so a
//! person can check it: the arithmetic, each day skipped and why, the citation, and any
//! doubt the rule carries. Pure: no I/O, no clock.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::closures::{known_closures, KnownClosure};
use super::holidays::{Calendar, Closed, Closure};
use super::table::{describe_period, find, Counting, FiledWith, Roll, Rule, RULES, TABLE_VERSION};
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
    /// The number of days the order set, for a rule that takes it (`vd-departure`).
    pub days: Option<u32>,
    /// Voluntary departure was granted before the conclusion of proceedings
    /// (INA 240B(a): up to 120 days) rather than at the end (240B(b): up to 60).
    pub before_conclusion: bool,
    /// The forum is in the Inauguration Day area of 5 U.S.C. 6103(c) (the Annandale and
    /// Hyattsville courts, a DHS office there; not Sterling, in Loudoun County). BIA rules
    /// always are.
    pub washington_area: bool,
}

/// The later date a rule would give if the known optional closures in its period counted
/// as holidays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OptionalDue {
    pub due: NaiveDate,
    /// The optional closures between the trigger and that date.
    pub closures: Vec<KnownClosure>,
}

/// A computed deadline and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Computed {
    pub rule: String,
    pub name: Text,
    pub from: NaiveDate,
    /// The date to act by. When optional closures could give a later date, this is the
    /// earlier one, which Amparo recommends.
    pub due: NaiveDate,
    /// The date before any move for a weekend, holiday or closure.
    pub unrolled: NaiveDate,
    /// For the asylum EAD clock: the earliest date the EAD may be granted (180 days).
    pub also: Option<NaiveDate>,
    /// An earlier date that is safer to act by, when the rule names one (the business
    /// day before a counted-back date, the day before the asylum anniversary, the business
    /// day before a cutoff on a weekend), or when the due date falls on a known optional
    /// closure (the last open day before it). Never a weekend, holiday or known closure.
    pub safer: Option<NaiveDate>,
    /// The days the order set, for a rule that takes them.
    pub days: Option<u32>,
    /// The later date if the known optional closures counted; only when it differs.
    pub with_optional_closures: Option<OptionalDue>,
    pub citation: String,
    pub source: String,
    /// The citation and source with their surrounding words in Spanish.
    pub citation_es: String,
    pub source_es: String,
    pub doubt: Option<Text>,
    /// Each step in words.
    pub steps: Vec<Text>,
    /// The steps as one paragraph.
    pub explanation: Text,
    pub table_version: String,
    /// For a deadline proposed from an event: offered for the user to consider but not
    /// ticked in advance (the petition for review after an in absentia order). Always false
    /// from `compute`; added after the other fields, so older readers are unaffected.
    pub suggested: bool,
}

/// One pass of the arithmetic with one calendar.
struct Run {
    unrolled: NaiveDate,
    due: NaiveDate,
    also: Option<NaiveDate>,
    safer: Option<NaiveDate>,
    steps: Vec<Text>,
}

/// Computes `rule_id` from `from`.
pub fn compute(rule_id: &str, from: NaiveDate, options: &Options) -> Result<Computed> {
    let rule = find(rule_id).ok_or_else(|| unknown_rule(rule_id))?;
    check_options(rule, options)?;
    let calendar = Calendar::with_closures(options.closures.clone());
    let base = run(rule, from, options, &calendar);
    let mut steps = base.steps;

    // Known optional closures: never relied on; shown when they would give a later date.
    let mut with_optional_closures = None;
    if rule.roll == Roll::NextBusinessDay {
        let start = from.min(base.unrolled);
        let washington = options.washington_area || rule.filed_with == FiledWith::Bia;
        let known = known_closures(start, base.due + Duration::days(45), washington);
        if !known.is_empty() {
            let later = run(rule, from, options, &calendar.with_optional(&known)).due;
            if later != base.due {
                let used: Vec<KnownClosure> = known.into_iter().filter(|k| k.date <= later).collect();
                let list = |es: bool| {
                    used.iter()
                        .map(|k| format!("{}: {}", k.date, if es { &k.reason.es } else { &k.reason.en }))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let (list_en, list_es) = (list(false), list(true));
                let due = base.due;
                steps.push(tr!(
                    "Optional closures in this period: {list_en}. If they counted as holidays, the date would be {later}; whether such a closure moves a deadline is unsettled, so Amparo recommends the earlier date, {due}",
                    "Cierres opcionales en este periodo: {list_es}. Si contaran como feriados, la fecha sería {later}; no está resuelto si un cierre así mueve un plazo, así que Amparo recomienda la fecha más temprana, {due}"
                ));
                with_optional_closures = Some(OptionalDue { due: later, closures: used });
            }
        }
    }

    // A known optional closure on the recommended day (or on the safer day): offices may be
    // shut, so name the last open day before it.
    let safer = safer_around_closures(rule, base.due, base.safer, options, &calendar, &mut steps);

    let (citation, citation_es) = (rule.citation, rule.citation_es);
    steps.push(tr!("Rule: {citation}", "Regla: {citation_es}"));
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
        due: base.due,
        unrolled: base.unrolled,
        also: base.also,
        safer,
        days: if matches!(rule.counting, Counting::DaysSet { .. }) { options.days } else { None },
        with_optional_closures,
        citation: rule.citation.into(),
        source: rule.source.into(),
        citation_es: rule.citation_es.into(),
        source_es: rule.source_es.into(),
        doubt: rule.doubt.clone(),
        steps,
        explanation,
        table_version: TABLE_VERSION.into(),
        suggested: false,
    })
}

/// The safer date once the known optional closures are considered. When the recommended
/// date (a rolled deadline or a cutoff) or the safer date the arithmetic named falls on a
/// known optional closure, offices may be shut that day, so the last day before it that is
/// not a weekend, holiday, entered closure or known optional closure becomes the safer
/// date, and a step says so. Only for what the client files: leaving the country
/// (`vd-departure`) and an agency's own deadline (`foia-response`) are not filings.
fn safer_around_closures(
    rule: &Rule,
    due: NaiveDate,
    safer: Option<NaiveDate>,
    options: &Options,
    calendar: &Calendar,
    steps: &mut Vec<Text>,
) -> Option<NaiveDate> {
    let client_files = !matches!(rule.counting, Counting::DaysSet { .. }) && rule.filed_with != FiledWith::Agency;
    if !client_files || !matches!(rule.roll, Roll::NextBusinessDay | Roll::Cutoff) {
        return safer;
    }
    let washington = options.washington_area || rule.filed_with == FiledWith::Bia;
    let known = known_closures(due - Duration::days(60), due, washington);
    let day = safer.unwrap_or(due);
    let Some(closure) = known.iter().find(|k| k.date == day) else { return safer };
    let open = calendar.with_optional(&known);
    let before = business_day_on_or_before(day - Duration::days(1), &open);
    let (en, es) = (&closure.reason.en, &closure.reason.es);
    steps.push(tr!(
        "{day} ({en}): offices are closed that day; file by {before} (or e-file where allowed)",
        "{day} ({es}): las oficinas están cerradas ese día; presente a más tardar el {before} (o por vía electrónica donde se permita)"
    ));
    Some(before)
}

/// The arithmetic of `rule` from `from` on `calendar`, step by step.
fn run(rule: &Rule, from: NaiveDate, options: &Options, calendar: &Calendar) -> Run {
    let mut steps: Vec<Text> = Vec::new();
    let (event_en, event_es) = (&rule.event.en, &rule.event.es);
    let period = describe_period(rule);
    let (period_en, period_es) = (&period.en, &period.es);
    let mut safer = None;

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
        Counting::DaysSet { .. } => {
            let days = options.days.unwrap_or_default();
            let raw = from + Duration::days(i64::from(days));
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            let (kind_en, kind_es) = if options.before_conclusion {
                ("granted before the conclusion of proceedings", "concedida antes de concluir el proceso")
            } else {
                ("granted at the conclusion of proceedings", "concedida al concluir el proceso")
            };
            steps.push(tr!(
                "{event_en} {from} ({kind_en}) + {days} days set by the order = {raw}, a {wd_en}",
                "{event_es} {from} ({kind_es}) + {days} días fijados por la orden = {raw}, {wd_es}"
            ));
            (raw, None)
        }
        Counting::YearsAfter { years } => {
            let raw =
                from.checked_add_months(Months::new(12 * years)).expect("dates are bounded well inside chrono's range");
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} + {period_en} = {raw} (the anniversary; the arrival day is day 0), a {wd_en}",
                "{event_es} {from} + {period_es} = {raw} (el aniversario; el día de llegada es el día 0), {wd_es}"
            ));
            if from.month() == 2 && from.day() == 29 && raw.day() == 28 {
                let y = raw.year();
                steps.push(tr!(
                    "{y} has no 29 February, so the anniversary is taken as 28 February: a year other than a leap year is 365 days (Lagandaon v. Ashcroft), and it is the earlier of the two possible readings, so a filing by then is on time under either",
                    "{y} no tiene 29 de febrero, así que el aniversario se toma como el 28 de febrero: un año no bisiesto tiene 365 días (Lagandaon v. Ashcroft), y es la más temprana de las dos lecturas posibles, así que presentar para entonces llega a tiempo con cualquiera de ellas"
                ));
            }
            (raw, None)
        }
        Counting::DaysBefore { days } => {
            let raw = from - Duration::days(i64::from(days));
            let Text { en: wd_en, es: wd_es } = weekday(raw);
            steps.push(tr!(
                "{event_en} {from} − {period_en} = {raw}, a {wd_en} ({from} is day 0, the day before is day 1)",
                "{event_es} {from} − {period_es} = {raw}, {wd_es} ({from} es el día 0, el día anterior es el día 1)"
            ));
            (raw, None)
        }
        Counting::BeforeBirthday { years } => {
            let birthday =
                from.checked_add_months(Months::new(12 * years)).expect("dates are bounded well inside chrono's range");
            let last = birthday - Duration::days(1);
            let Text { en: wd_en, es: wd_es } = weekday(last);
            steps.push(tr!(
                "{event_en} {from}: the {years}th birthday is {birthday}, so the last day before it is {last}, a {wd_en}",
                "{event_es} {from}: el cumpleaños número {years} es el {birthday}, así que el último día antes de él es el {last}, {wd_es}"
            ));
            if from.month() == 2 && from.day() == 29 && birthday.day() == 28 {
                let y = birthday.year();
                steps.push(tr!(
                    "{y} has no 29 February, so the birthday is taken as 28 February, the earlier of the two possible readings",
                    "{y} no tiene 29 de febrero, así que el cumpleaños se toma como el 28 de febrero, la más temprana de las dos lecturas posibles"
                ));
            }
            (last, None)
        }
        Counting::BusinessDaysAfter { days } => {
            let mut day = from;
            let mut counted = 0;
            let mut skipped_en = Vec::new();
            let mut skipped_es = Vec::new();
            while counted < days {
                day += Duration::days(1);
                match calendar.closed_because(day) {
                    None => counted += 1,
                    Some(why) => {
                        let (en, es) = closed_words(day, &why);
                        skipped_en.push(en);
                        skipped_es.push(es);
                    }
                }
            }
            let Text { en: wd_en, es: wd_es } = weekday(day);
            let (skip_en, skip_es) = if skipped_en.is_empty() {
                (
                    " (no weekend or holiday in between)".to_string(),
                    " (sin fines de semana ni feriados en medio)".to_string(),
                )
            } else {
                (format!(", not counting {}", skipped_en.join("; ")), format!(", sin contar {}", skipped_es.join("; ")))
            };
            steps.push(tr!(
                "{event_en} {from} + {period_en}{skip_en}: business day {days} is {day}, a {wd_en}",
                "{event_es} {from} + {period_es}{skip_es}: el día hábil {days} es el {day}, {wd_es}"
            ));
            (day, None)
        }
        Counting::ClockDays { days } => {
            let (due, counted) = clock_end(from, days, &options.clock_stops);
            let stopped: i64 = counted.iter().map(|c| c.1).sum();
            let stops = if options.clock_stops.is_empty() {
                Text::fixed(" (the clock never stopped)", " (el reloj nunca se detuvo)")
            } else {
                tr!(" + {stopped} days the clock was stopped", " + {stopped} días con el reloj detenido")
            };
            let (stops_en, stops_es) = (&stops.en, &stops.es);
            let Text { en: wd_en, es: wd_es } = weekday(due);
            steps.push(tr!(
                "{event_en} {from} + {period_en}{stops_en} = {due}, a {wd_en}",
                "{event_es} {from} + {period_es}{stops_es} = {due}, {wd_es}"
            ));
            for (stop, n, why) in &counted {
                let (a, b) = (stop.stopped, stop.restarted);
                let (why_en, why_es) = (&why.en, &why.es);
                steps.push(tr!(
                    "Clock stop {a} to {b}: {n} days counted{why_en}",
                    "Parada del reloj del {a} al {b}: {n} días contados{why_es}"
                ));
            }
            let also = rule.also_days.map(|d| clock_end(from, d, &options.clock_stops));
            if let (Some((a, also_counted)), Some(d)) = (&also, rule.also_days) {
                let also_stopped: i64 = also_counted.iter().map(|c| c.1).sum();
                steps.push(tr!(
                    "The EAD cannot be granted before {d} clock days: {a} ({also_stopped} days stopped counted)",
                    "El EAD no puede concederse antes de {d} días de reloj: {a} ({also_stopped} días de parada contados)"
                ));
            }
            (due, also.map(|a| a.0))
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
        Roll::Cutoff => {
            steps.push(Text::fixed(
                "This is a cutoff, not a deadline that rolls: a weekend or holiday does not move it later",
                "Es un límite, no un plazo que se corre: un fin de semana o feriado no lo mueve hacia adelante",
            ));
            if !calendar.is_business_day(unrolled) {
                let before = business_day_on_or_before(unrolled, calendar);
                steps.push(tr!(
                    "{unrolled} is not a business day: file by {before}, the business day before",
                    "{unrolled} no es día hábil: presente a más tardar el {before}, el día hábil anterior"
                ));
                safer = Some(before);
            }
            unrolled
        }
        Roll::NextBusinessDay => roll_forward(unrolled, calendar, &mut steps),
    };
    if matches!(rule.counting, Counting::DaysBefore { .. }) && due != unrolled {
        let before = business_day_on_or_before(unrolled, calendar);
        steps.push(tr!(
            "Filing by {before}, the business day before, is the safer course",
            "Presentar a más tardar el {before}, el día hábil anterior, es lo más seguro"
        ));
        safer = Some(before);
    }
    if matches!(rule.counting, Counting::YearsAfter { .. }) {
        let before = business_day_on_or_before(unrolled - Duration::days(1), calendar);
        steps.push(tr!(
            "The Ninth Circuit treats the anniversary as timely (Minasyan v. Mukasey); elsewhere, filing by {before}, before the anniversary, is the safer course",
            "El Noveno Circuito considera que presentar el día del aniversario es a tiempo (Minasyan v. Mukasey); en otros lugares, presentar a más tardar el {before}, antes del aniversario, es lo más seguro"
        ));
        safer = Some(before);
    }
    Run { unrolled, due, also, safer, steps }
}

/// Where the asylum EAD clock reaches `days`, and each stop with the days it counted and
/// why. Only time while the clock runs counts: a stop before `from` counts from `from`,
/// and a stop that begins once the clock has reached `days` counts nothing.
fn clock_end(from: NaiveDate, days: u32, stops: &[ClockStop]) -> (NaiveDate, Vec<(ClockStop, i64, Text)>) {
    let mut sorted = stops.to_vec();
    sorted.sort_by_key(|s| s.stopped);
    let mut end = from + Duration::days(i64::from(days));
    let mut out = Vec::new();
    for stop in sorted {
        let start = stop.stopped.max(from);
        let (n, why) = if stop.restarted <= from {
            (0, Text::fixed(" (it ended before the clock started)", " (terminó antes de que empezara el reloj)"))
        } else if start >= end {
            let e = end;
            (
                0,
                tr!(
                    " (the clock had already reached {days} days on {e})",
                    " (el reloj ya había llegado a {days} días el {e})"
                ),
            )
        } else {
            let n = (stop.restarted - start).num_days();
            end += Duration::days(n);
            if start > stop.stopped {
                (
                    n,
                    tr!(
                        " (only from {from}, when the clock started)",
                        " (solo desde el {from}, cuando empezó el reloj)"
                    ),
                )
            } else {
                (n, Text::same(""))
            }
        };
        out.push((stop, n, why));
    }
    (end, out)
}

fn business_day_on_or_before(mut day: NaiveDate, calendar: &Calendar) -> NaiveDate {
    while !calendar.is_business_day(day) {
        day -= Duration::days(1);
    }
    day
}

/// "2026-11-26 (Thanksgiving Day)" / "2026-11-28 (a Saturday)", for lists of skipped days.
fn closed_words(day: NaiveDate, why: &Closed) -> (String, String) {
    match why {
        Closed::Weekend => {
            let Text { en: wd_en, es: wd_es } = weekday(day);
            (format!("{day} (a {wd_en})"), format!("{day} ({wd_es})"))
        }
        Closed::Holiday(t) | Closed::Closure(t) => (format!("{day} ({})", t.en), format!("{day} ({})", t.es)),
    }
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
    // Errors name the rule as the user reads it, in each language, not by its id.
    let (name_en, name_es) = (&rule.name.en, &rule.name.es);
    if options.served_by_mail && rule.mail_days == 0 {
        return Err(invalid(
            "served_by_mail",
            tr!(
                "Service by mail adds no days to “{name_en}”: the period runs from the date itself.",
                "La notificación por correo no agrega días a «{name_es}»: el plazo corre desde la fecha misma."
            ),
        ));
    }
    check_days(rule, options)?;
    let is_clock = matches!(rule.counting, Counting::ClockDays { .. });
    if !options.clock_stops.is_empty() && !is_clock {
        return Err(invalid(
            "clock_stops",
            tr!(
                "Clock stops apply only to the asylum EAD clock, not to “{name_en}”.",
                "Las paradas del reloj solo se aplican al reloj del EAD de asilo, no a «{name_es}»."
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

/// The days an order set: required by a rule that takes them, within its limit, and
/// refused elsewhere.
fn check_days(rule: &Rule, options: &Options) -> Result<()> {
    let (name_en, name_es) = (&rule.name.en, &rule.name.es);
    let Counting::DaysSet { at_conclusion_max, before_conclusion_max } = rule.counting else {
        if options.days.is_some() {
            return Err(invalid(
                "days",
                tr!(
                    "“{name_en}” does not take a number of days: its period is fixed by law.",
                    "«{name_es}» no admite un número de días: su plazo lo fija la ley."
                ),
            ));
        }
        if options.before_conclusion {
            return Err(invalid(
                "before_conclusion",
                tr!(
                    "\"Before the conclusion of proceedings\" applies only to voluntary departure, not to “{name_en}”.",
                    "«Antes de concluir el proceso» solo se aplica a la salida voluntaria, no a «{name_es}»."
                ),
            ));
        }
        return Ok(());
    };
    let Some(days) = options.days else {
        return Err(invalid(
            "days",
            tr!(
                "“{name_en}” needs the number of days the judge set (for example --days 60).",
                "«{name_es}» necesita el número de días que fijó el juez o la jueza (por ejemplo, --days 60)."
            ),
        ));
    };
    if days == 0 {
        return Err(invalid(
            "days",
            Text::fixed("The number of days must be at least 1.", "El número de días debe ser al menos 1."),
        ));
    }
    if options.before_conclusion && days > before_conclusion_max {
        return Err(invalid(
            "days",
            tr!(
                "Voluntary departure granted before the conclusion of proceedings may not exceed {before_conclusion_max} days (INA 240B(a)(2)(A)); {days} were entered.",
                "La salida voluntaria concedida antes de concluir el proceso no puede pasar de {before_conclusion_max} días (INA 240B(a)(2)(A)); se escribieron {days}."
            ),
        ));
    }
    if !options.before_conclusion && days > at_conclusion_max {
        return Err(invalid(
            "days",
            tr!(
                "Voluntary departure granted at the conclusion of proceedings may not exceed {at_conclusion_max} days (INA 240B(b)(2)); {days} were entered. If it was granted before the conclusion, say so (up to {before_conclusion_max} days).",
                "La salida voluntaria concedida al concluir el proceso no puede pasar de {at_conclusion_max} días (INA 240B(b)(2)); se escribieron {days}. Si se concedió antes de concluir el proceso, indíquelo (hasta {before_conclusion_max} días)."
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

pub(super) fn ensure_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}
