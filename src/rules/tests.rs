//! The engine against dates worked out by hand, its edge cases, and properties that must
//! hold for every rule and every trigger.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn due(rule: &str, from: &str) -> NaiveDate {
    compute(rule, d(from), &Options::default()).unwrap().due
}

#[test]
fn the_bia_appeal_example_reads_as_a_person_would_check_it() {
    let c = compute("bia-appeal", d("2026-05-20"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2026-06-22"));
    assert_eq!(c.unrolled, d("2026-06-19"));
    assert!(
        c.explanation.en.starts_with(
            "Decision 2026-05-20 + 30 calendar days = 2026-06-19, a Friday that is Juneteenth National Independence Day. \
             2026-06-20 is a Saturday; 2026-06-21 is a Sunday; the next business day is 2026-06-22, a Monday. \
             Rule: 8 CFR 1003.38(b)"
        ),
        "{}",
        c.explanation
    );
    assert!(c.explanation.en.contains("must RECEIVE"));
}

#[test]
fn every_rule_on_a_date_worked_out_by_hand() {
    // (rule, trigger, due): each checked against a printed 2025-2027 calendar.
    let cases = [
        ("asylum-one-year", "2025-03-10", "2026-03-10"), // Tue anniversary, business day
        ("bia-appeal", "2026-01-05", "2026-02-04"),      // Wed
        ("ij-motion-reconsider", "2026-01-05", "2026-02-04"), // Wed
        ("ij-motion-reopen", "2026-01-05", "2026-04-06"), // 04-05 is a Sunday
        ("bia-motion-reconsider", "2026-03-02", "2026-04-01"), // Wed
        ("bia-motion-reopen", "2026-03-02", "2026-06-01"), // 05-31 is a Sunday
        ("petition-for-review", "2026-06-04", "2026-07-06"), // 07-04 Sat (holiday), 07-05 Sun
        ("uscis-appeal", "2026-02-02", "2026-03-04"),    // Wed
        ("rfe-response", "2026-01-12", "2026-04-06"),    // 84 days, Mon
        ("eoir-filing-master", "2026-07-20", "2026-07-06"), // 07-05 Sunday, rolls forward
        ("eoir-filing-individual", "2026-12-15", "2026-11-16"), // 11-15 Sunday, rolls forward
        ("eoir-response", "2026-11-20", "2026-11-30"),   // Mon
        ("eoir-change-of-address", "2026-11-21", "2026-11-27"), // 11-26 Thanksgiving
        ("ar11-change-of-address", "2026-12-15", "2026-12-28"), // Christmas Fri, Sat, Sun
        ("ead-asylum-clock", "2026-01-01", "2026-05-31"), // an earliest date: no roll
    ];
    assert_eq!(cases.len(), RULES.len(), "every rule has a hand-checked case");
    for (rule, from, expected) in cases {
        assert_eq!(due(rule, from), d(expected), "{rule} from {from}");
    }
}

#[test]
fn served_by_mail_adds_three_days_where_the_rule_allows_it() {
    let mail = Options { served_by_mail: true, ..Default::default() };
    // 2026-02-02 + 33 = 2026-03-07, a Saturday -> Monday 03-09.
    let c = compute("uscis-appeal", d("2026-02-02"), &mail).unwrap();
    assert_eq!(c.due, d("2026-03-09"));
    assert!(c.explanation.en.contains("+ 3 days for service by mail"));
    assert_eq!(compute("rfe-response", d("2026-01-12"), &mail).unwrap().due, d("2026-04-09"));
    let err = compute("bia-appeal", d("2026-01-05"), &mail).unwrap_err();
    assert!(err.to_string().contains("adds no days to bia-appeal"), "{err}");
}

#[test]
fn a_29_february_trigger_falls_due_on_28_february_and_says_so() {
    let c = compute("asylum-one-year", d("2024-02-29"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2025-02-28"));
    assert!(c.explanation.en.contains("taken as 28 February"), "{}", c.explanation);
    // From 28 February the anniversary is plainly 28 February.
    assert_eq!(due("asylum-one-year", "2023-02-28"), d("2024-02-28"));
}

#[test]
fn year_end_and_a_holiday_observed_on_friday_31_december() {
    // 2027-12-31 is New Year's Day 2028 observed; 2028-01-01/02 are a weekend.
    let c = compute("bia-appeal", d("2027-12-01"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2028-01-03"));
    assert!(c.explanation.en.contains("New Year's Day (observed)"), "{}", c.explanation);
}

#[test]
fn counting_back_onto_a_weekend_rolls_forward_and_names_the_safer_day() {
    // Hearing Monday 2026-07-20; minus 15 = Sunday 07-05 -> Monday 07-06. The safer day
    // before is Thursday 07-02: 07-03 is Independence Day observed, 07-04 a Saturday.
    let c = compute("eoir-filing-master", d("2026-07-20"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2026-07-06"));
    assert!(
        c.explanation.en.contains("Filing by 2026-07-02, the business day before, is the safer course"),
        "{}",
        c.explanation
    );
    assert!(
        c.explanation.en.contains("Sources") || c.explanation.en.contains("next business day, even when counting back")
    );
    let individual = compute("eoir-filing-individual", d("2026-12-15"), &Options::default()).unwrap();
    assert!(individual.explanation.en.contains("Sources disagree"), "the 15/30-day conflict is stated");
}

#[test]
fn a_roll_across_consecutive_closures_including_user_closures() {
    let closures = vec![
        Closure { date: d("2026-12-28"), reason: "court closed for snow".into() },
        Closure { date: d("2026-12-29"), reason: "court closed for snow".into() },
    ];
    let c = compute("ar11-change-of-address", d("2026-12-15"), &Options { closures, ..Default::default() }).unwrap();
    assert_eq!(c.due, d("2026-12-30"));
    assert!(c.explanation.en.contains("2026-12-28 is a closure (court closed for snow)"), "{}", c.explanation);
    assert!(c.explanation.en.contains("Christmas Day"));
}

#[test]
fn the_ead_clock_stops_and_gives_both_dates() {
    let plain = compute("ead-asylum-clock", d("2026-01-01"), &Options::default()).unwrap();
    assert_eq!((plain.due, plain.also), (d("2026-05-31"), Some(d("2026-06-30"))));
    let stops = vec![ClockStop { stopped: d("2026-02-01"), restarted: d("2026-02-15") }];
    let c =
        compute("ead-asylum-clock", d("2026-01-01"), &Options { clock_stops: stops, ..Default::default() }).unwrap();
    assert_eq!((c.due, c.also), (d("2026-06-14"), Some(d("2026-07-14"))));
    assert!(c.explanation.en.contains("+ 14 days the clock was stopped"));
    let overlapping = vec![
        ClockStop { stopped: d("2026-02-01"), restarted: d("2026-02-15") },
        ClockStop { stopped: d("2026-02-10"), restarted: d("2026-02-20") },
    ];
    assert!(compute("ead-asylum-clock", d("2026-01-01"), &Options { clock_stops: overlapping, ..Default::default() })
        .is_err());
    let backwards = vec![ClockStop { stopped: d("2026-02-15"), restarted: d("2026-02-01") }];
    assert!(compute("ead-asylum-clock", d("2026-01-01"), &Options { clock_stops: backwards, ..Default::default() })
        .is_err());
    let misplaced = vec![ClockStop { stopped: d("2026-02-01"), restarted: d("2026-02-15") }];
    assert!(compute("bia-appeal", d("2026-01-01"), &Options { clock_stops: misplaced, ..Default::default() }).is_err());
}

#[test]
fn far_past_and_future_dates() {
    assert_eq!(due("bia-appeal", "1950-01-10"), d("1950-02-09"));
    // 2199-06-01 is a Saturday.
    assert_eq!(due("asylum-one-year", "2198-06-01"), d("2199-06-03"));
}

#[test]
fn an_unknown_rule_is_a_clear_error_listing_the_rules() {
    let err = compute("bia-apeal", d("2026-01-01"), &Options::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("no rule \"bia-apeal\"") && msg.contains("bia-appeal"), "{msg}");
}

#[test]
fn every_rule_has_a_citation_source_and_a_unique_id() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    for r in RULES {
        assert!(!r.citation.is_empty() && !r.source.is_empty(), "{}", r.id);
        let words = [Some(&r.name), Some(&r.trigger), Some(&r.event), r.doubt.as_ref()];
        for t in words.into_iter().flatten() {
            assert!(!t.en.is_empty() && !t.es.is_empty(), "{}: {t:?}", r.id);
            assert_ne!(t.en, t.es, "{}: the Spanish is a copy of the English", r.id);
        }
    }
}

#[test]
fn explanations_are_written_in_spanish_too() {
    let c = compute("bia-appeal", d("2026-05-20"), &Options::default()).unwrap();
    assert!(
        c.explanation.es.starts_with(
            "Decisión 2026-05-20 + 30 días naturales = 2026-06-19, viernes, que es Día Nacional de la Independencia de Juneteenth. \
             2026-06-20 es sábado; 2026-06-21 es domingo; el siguiente día hábil es 2026-06-22, lunes."
        ),
        "{}",
        c.explanation.es
    );
    assert!(c.explanation.es.contains("Regla: 8 CFR 1003.38(b)-(c)"));
    assert!(c.explanation.es.contains("Nota: La BIA debe RECIBIR"));
    assert_eq!(c.steps.len(), 4);
    let mailed =
        compute("uscis-appeal", d("2026-03-02"), &Options { served_by_mail: true, ..Default::default() }).unwrap();
    assert!(mailed.explanation.es.contains("+ 3 días por notificación por correo"), "{}", mailed.explanation.es);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1950i32..2150, 1u32..=366)
        .prop_map(|(y, ord)| NaiveDate::from_yo_opt(y, ord).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_rolled_due_date_is_never_a_weekend_or_holiday(from in any_date(), idx in 0usize..RULES.len()) {
        let rule = &RULES[idx];
        let c = compute(rule.id, from, &Options::default()).unwrap();
        if rule.roll == Roll::NextBusinessDay {
            prop_assert!(Calendar::default().is_business_day(c.due), "{} from {} -> {}", rule.id, from, c.due);
            prop_assert!(c.due >= c.unrolled && (c.due - c.unrolled).num_days() <= 5);
        } else {
            prop_assert_eq!(c.due, c.unrolled);
        }
    }

    #[test]
    fn forward_rules_never_fall_due_before_the_trigger(from in any_date(), idx in 0usize..RULES.len()) {
        let rule = &RULES[idx];
        let c = compute(rule.id, from, &Options::default()).unwrap();
        match rule.counting {
            Counting::DaysBefore { days } => prop_assert!(c.unrolled < from && (from - c.unrolled).num_days() == i64::from(days)),
            _ => prop_assert!(c.due > from),
        }
        prop_assert!(c.explanation.en.contains(&from.to_string()));
        prop_assert!(c.explanation.en.contains(&c.due.to_string()));
    }

    #[test]
    fn the_anniversary_keeps_month_and_day(from in any_date()) {
        let c = compute("asylum-one-year", from, &Options::default()).unwrap();
        prop_assert_eq!(c.unrolled.year(), from.year() + 1);
        prop_assert_eq!(c.unrolled.month(), from.month());
        if !(from.month() == 2 && from.day() == 29) {
            prop_assert_eq!(c.unrolled.day(), from.day());
        }
    }
}
