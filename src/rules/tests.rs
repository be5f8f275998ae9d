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
        ("motion-rescind-in-absentia", "2026-03-02", "2026-08-31"), // 08-29 is a Saturday
        ("vd-bond", "2026-11-24", "2026-12-02"),         // 5 business days across Thanksgiving
        ("vd-departure", "2026-06-03", "2026-07-06"),    // 30 days = Fri 07-03, Independence Day observed
        ("bia-brief", "2026-06-12", "2026-07-06"),       // 07-03 observed holiday (Fri), weekend
        ("bia-bond-appeal", "2027-06-05", "2027-07-06"), // 07-05 Independence Day observed (Mon)
        ("noid-response", "2026-02-02", "2026-03-04"),   // Wed
        ("pfr-brief", "2026-05-10", "2026-06-22"),       // 06-19 Juneteenth (Fri), weekend
        ("sijs-age-out", "2005-06-14", "2026-06-13"),    // a Saturday: a cutoff does not roll
        ("ead-renewal-window", "2027-06-30", "2027-01-01"), // New Year's Day: an earliest date, no roll
        ("foia-response", "2026-11-20", "2026-12-21"),   // 20 working days, Thanksgiving skipped
    ];
    assert_eq!(cases.len(), RULES.len(), "every rule has a hand-checked case");
    for (rule, from, expected) in cases {
        let options =
            if rule == "vd-departure" { Options { days: Some(30), ..Default::default() } } else { Options::default() };
        assert_eq!(compute(rule, d(from), &options).unwrap().due, d(expected), "{rule} from {from}");
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
    assert!(
        err.to_string().contains("adds no days to “Appeal of an immigration judge's decision to the BIA (EOIR-26)”"),
        "{err}"
    );
}

#[test]
fn a_29_february_trigger_falls_due_on_28_february_and_says_so() {
    let c = compute("asylum-one-year", d("2024-02-29"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2025-02-28"));
    assert!(c.explanation.en.contains("taken as 28 February") && c.explanation.en.contains("Lagandaon"));
    assert_eq!(c.safer, Some(d("2025-02-27")), "the day before the anniversary");
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
    assert!(individual.explanation.en.contains("has changed more than once"), "the 15/30/15-day history is stated");
    assert!(individual.explanation.en.contains("26 August 2022") && individual.citation.contains("3.1(b)(2)"));
    assert_eq!(c.safer, Some(d("2026-07-02")));
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
            "Decisión 2026-05-20 + 30 días calendario = 2026-06-19, viernes, que es Día Nacional de la Independencia de Juneteenth. \
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

#[test]
fn the_ead_clock_counts_only_stops_while_it_runs() {
    let from = d("2026-01-01"); // 150 days: 2026-05-31; 180 days: 2026-06-30
    let with = |stops: Vec<(&str, &str)>| {
        let clock_stops =
            stops.into_iter().map(|(a, b)| ClockStop { stopped: d(a), restarted: d(b) }).collect::<Vec<_>>();
        compute("ead-asylum-clock", from, &Options { clock_stops, ..Default::default() }).unwrap()
    };
    // A stop that ended before the I-589 was received counts nothing.
    let before = with(vec![("2025-12-01", "2025-12-15")]);
    assert_eq!((before.due, before.also), (d("2026-05-31"), Some(d("2026-06-30"))));
    assert!(
        before.explanation.en.contains("0 days counted (it ended before the clock started)"),
        "{}",
        before.explanation
    );
    // A stop across the trigger counts only from the trigger: 2026-01-01..01-11 = 10 days.
    let across = with(vec![("2025-12-20", "2026-01-11")]);
    assert_eq!((across.due, across.also), (d("2026-06-10"), Some(d("2026-07-10"))));
    // A stop that begins after day 150 leaves the filing date alone but moves the grant date.
    let between = with(vec![("2026-06-05", "2026-06-15")]);
    assert_eq!((between.due, between.also), (d("2026-05-31"), Some(d("2026-07-10"))));
    assert!(between.explanation.en.contains("the clock had already reached 150 days on 2026-05-31"));
    // A stop after day 180 moves neither.
    let after = with(vec![("2026-07-01", "2026-07-20")]);
    assert_eq!((after.due, after.also), (d("2026-05-31"), Some(d("2026-06-30"))));
    // A stop pushed past the end by an earlier stop is judged against the moved end:
    // 14 days stopped in February move day 150 to 06-14, so a stop from 06-10 still counts.
    let chained = with(vec![("2026-02-01", "2026-02-15"), ("2026-06-10", "2026-06-20")]);
    assert_eq!(chained.due, d("2026-06-24"));
}

#[test]
fn business_days_skip_weekends_and_holidays_and_say_which() {
    // Tuesday of Thanksgiving week: 25 (1), 26 Thanksgiving, 27 (2), weekend, 30 (3), 1 (4), 2 (5).
    let c = compute("vd-bond", d("2026-11-24"), &Options::default()).unwrap();
    assert_eq!((c.unrolled, c.due), (d("2026-12-02"), d("2026-12-02")));
    assert!(
        c.explanation.en.starts_with(
            "Voluntary departure order 2026-11-24 + 5 business days, not counting 2026-11-26 (Thanksgiving Day); \
             2026-11-28 (a Saturday); 2026-11-29 (a Sunday): business day 5 is 2026-12-02, a Wednesday, a business day."
        ),
        "{}",
        c.explanation.en
    );
    assert!(c.explanation.es.contains("sin contar 2026-11-26 (Día de Acción de Gracias)"), "{}", c.explanation.es);
    // Across a Friday-observed holiday: Wed 2026-07-01 + 5 = Thu 07-09 (07-03 observed, weekend).
    assert_eq!(due("vd-bond", "2026-07-01"), d("2026-07-09"));
    // Across a Friday-observed Juneteenth: Tue 2027-06-15 + 5 = Wed 06-23.
    assert_eq!(due("vd-bond", "2027-06-15"), d("2027-06-23"));
    // 20 working days from Monday 2026-11-02 (Veterans Day and Thanksgiving skipped).
    assert_eq!(due("foia-response", "2026-11-02"), d("2026-12-02"));
    // A closure the user enters is skipped too.
    let snow = vec![Closure { date: d("2026-12-01"), reason: "snow".into() }];
    let c = compute("vd-bond", d("2026-11-24"), &Options { closures: snow, ..Default::default() }).unwrap();
    assert_eq!(c.due, d("2026-12-03"));
}

#[test]
fn voluntary_departure_takes_the_judges_days_within_the_law_and_rolls_per_monsalvo() {
    let vd = |days: Option<u32>, before_conclusion: bool| {
        compute("vd-departure", d("2026-11-24"), &Options { days, before_conclusion, ..Default::default() })
    };
    let c = vd(Some(60), false).unwrap();
    assert_eq!((c.unrolled, c.due, c.days), (d("2027-01-23"), d("2027-01-25"), Some(60)));
    assert!(c.explanation.en.contains("Monsalvo Velázquez"), "{}", c.explanation);
    assert!(c.explanation.en.contains("10-year bar"));
    // Up to 120 days before the conclusion: 2027-03-07 + 120 = Mon 07-05, Independence Day observed.
    let long = compute(
        "vd-departure",
        d("2027-03-07"),
        &Options { days: Some(120), before_conclusion: true, ..Default::default() },
    )
    .unwrap();
    assert_eq!(long.due, d("2027-07-06"));
    for (days, before, field_has) in [
        (Some(61), false, "may not exceed 60 days"),
        (Some(121), true, "may not exceed 120 days"),
        (Some(0), false, "at least 1"),
        (None, false, "--days"),
    ] {
        let err = vd(days, before).unwrap_err();
        let crate::Error::Invalid(v) = &err else { panic!("{err:?}") };
        let msg = v.message_for("days").unwrap_or_else(|| panic!("{err}"));
        assert!(msg.contains(field_has), "{msg}");
    }
    let crate::Error::Invalid(v) = vd(Some(61), false).unwrap_err() else { unreachable!() };
    assert!(v.fields[0].message.es.contains("no puede pasar de 60 días"), "{:?}", v.fields[0].message);
    // Days and the stage of proceedings belong to voluntary departure only.
    assert!(compute("bia-appeal", d("2026-01-05"), &Options { days: Some(30), ..Default::default() }).is_err());
    assert!(compute("vd-bond", d("2026-01-05"), &Options { before_conclusion: true, ..Default::default() }).is_err());
}

#[test]
fn the_sijs_age_out_is_a_cutoff_that_never_rolls_forward() {
    // Born 2005-06-14: 21 on 2026-06-14; the last day is Saturday 2026-06-13, kept, and
    // Friday 2026-06-12 is named.
    let c = compute("sijs-age-out", d("2005-06-14"), &Options::default()).unwrap();
    assert_eq!((c.due, c.unrolled, c.safer), (d("2026-06-13"), d("2026-06-13"), Some(d("2026-06-12"))));
    assert!(c.explanation.en.contains("does not move it later"), "{}", c.explanation);
    // Born 29 February 2004: 21 on 28 February 2025 (the earlier reading), last day 27 February.
    let leap = compute("sijs-age-out", d("2004-02-29"), &Options::default()).unwrap();
    assert_eq!((leap.due, leap.safer), (d("2025-02-27"), None));
    assert!(leap.explanation.en.contains("taken as 28 February"));
}

#[test]
fn the_ead_renewal_window_is_an_earliest_date_even_on_a_holiday() {
    let c = compute("ead-renewal-window", d("2027-06-30"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2027-01-01"), "New Year's Day, not moved: an earliest date");
    assert!(c.explanation.en.contains("90 FR 48799"));
    assert_eq!(due("ead-renewal-window", "2026-08-29"), d("2026-03-02"));
}

#[test]
fn the_asylum_anniversary_names_the_day_before_as_safer() {
    // Arrival Saturday 2025-07-04: anniversary Saturday 2026-07-04 rolls to Monday 07-06
    // (07-03 is Independence Day observed); the day before the anniversary, 07-03, is a
    // holiday, so the safer day is Thursday 07-02.
    let c = compute("asylum-one-year", d("2025-07-04"), &Options::default()).unwrap();
    assert_eq!((c.due, c.safer), (d("2026-07-06"), Some(d("2026-07-02"))));
    assert!(c.explanation.en.contains("Minasyan") && c.explanation.en.contains("INA 208(a)(2)(E)"));
}

#[test]
fn optional_closures_show_the_later_date_and_recommend_the_earlier() {
    // bia-appeal from 2025-11-24: due Wednesday 2025-12-24, a day EO 14371 closed federal
    // offices. If the closures counted: 24 closed, 25 Christmas, 26 closed, weekend -> 29.
    let c = compute("bia-appeal", d("2025-11-24"), &Options::default()).unwrap();
    assert_eq!(c.due, d("2025-12-24"), "the earlier date stays the due date");
    let alt = c.with_optional_closures.as_ref().expect("the later date is shown");
    assert_eq!(alt.due, d("2025-12-29"));
    let dates: Vec<NaiveDate> = alt.closures.iter().map(|k| k.date).collect();
    assert_eq!(dates, [d("2025-12-24"), d("2025-12-26")]);
    assert!(c.explanation.en.contains("Amparo recommends the earlier date, 2025-12-24"), "{}", c.explanation);
    assert!(c.explanation.es.contains("Amparo recomienda la fecha más temprana, 2025-12-24"), "{}", c.explanation.es);
    // EO 14133 (9 Jan 2025) inside a business-day count: Mon 2025-01-06 + 5 = Mon 01-13,
    // or Tue 01-14 if the day of mourning counted.
    let bond = compute("vd-bond", d("2025-01-06"), &Options::default()).unwrap();
    assert_eq!((bond.due, bond.with_optional_closures.map(|o| o.due)), (d("2025-01-13"), Some(d("2025-01-14"))));
    // No closure in the period: nothing extra is said.
    let plain = compute("bia-appeal", d("2026-05-20"), &Options::default()).unwrap();
    assert!(plain.with_optional_closures.is_none() && !plain.explanation.en.contains("Optional closures"));
}

#[test]
fn inauguration_day_is_optional_only_in_the_washington_area() {
    // Due Thursday 2033-01-20, Inauguration Day.
    let bia = compute("bia-appeal", d("2032-12-21"), &Options::default()).unwrap();
    assert_eq!((bia.due, bia.with_optional_closures.map(|o| o.due)), (d("2033-01-20"), Some(d("2033-01-21"))));
    let court = compute("ij-motion-reconsider", d("2032-12-21"), &Options::default()).unwrap();
    assert!(court.with_optional_closures.is_none(), "a court outside the area: no Inauguration Day");
    let arlington =
        compute("ij-motion-reconsider", d("2032-12-21"), &Options { washington_area: true, ..Default::default() })
            .unwrap();
    assert_eq!(arlington.with_optional_closures.map(|o| o.due), Some(d("2033-01-21")));
    assert!(arlington.explanation.en.contains("Inauguration Day"));
}

#[test]
fn the_corrected_texts_say_what_the_review_found() {
    let pfr = compute("petition-for-review", d("2026-06-04"), &Options::default()).unwrap();
    assert!(!pfr.explanation.en.contains("Jurisdictional"), "Riley: not jurisdictional");
    assert!(pfr.explanation.en.contains("claims-processing") && pfr.explanation.en.contains("DHS order"));
    assert!(pfr.explanation.en.contains("26(a)(6)") && pfr.explanation.en.contains("state holidays"));
    let recon = compute("bia-motion-reconsider", d("2026-03-02"), &Options::default()).unwrap();
    assert!(recon.explanation.en.contains("mailing of the Board's decision") && recon.explanation.en.contains("safe"));
    for id in
        ["ij-motion-reconsider", "ij-motion-reopen", "bia-motion-reconsider", "bia-motion-reopen", "eoir-filing-master"]
    {
        assert!(find(id).unwrap().citation.contains("1001.1(h)"), "{id} cites EOIR's own definition of day");
    }
    assert!(find("ead-asylum-clock").unwrap().citation.contains("87 FR 57795"));
    assert_ne!(TABLE_VERSION, "2026-11-24", "the table's version moved with the corrections");
}

#[test]
fn a_due_date_on_a_known_closure_names_the_open_day_before_as_safer() {
    // vd-bond from Thursday 2025-01-02: Fri 3 (1), Mon 6 (2), Tue 7 (3), Wed 8 (4), Thu 9
    // (5), the EO 14133 closure; the safer day is Wednesday 2025-01-08.
    let bond = compute("vd-bond", d("2025-01-02"), &Options::default()).unwrap();
    assert_eq!((bond.due, bond.safer), (d("2025-01-09"), Some(d("2025-01-08"))));
    assert!(
        bond.explanation.en.contains("offices are closed that day; file by 2025-01-08 (or e-file where allowed)"),
        "{}",
        bond.explanation.en
    );
    assert!(bond.explanation.es.contains("las oficinas están cerradas ese día; presente a más tardar el 2025-01-08"));
    // bia-appeal from 2025-11-24: due Wednesday 2025-12-24 (EO 14371); safer Tuesday 12-23.
    let appeal = compute("bia-appeal", d("2025-11-24"), &Options::default()).unwrap();
    assert_eq!((appeal.due, appeal.safer), (d("2025-12-24"), Some(d("2025-12-23"))));
    // Inauguration Day 2033 is a closure for the BIA, not for a court outside the area.
    let bia = compute("bia-appeal", d("2032-12-21"), &Options::default()).unwrap();
    assert_eq!((bia.due, bia.safer), (d("2033-01-20"), Some(d("2033-01-19"))));
    let court = compute("ij-motion-reconsider", d("2032-12-21"), &Options::default()).unwrap();
    assert_eq!((court.due, court.safer), (d("2033-01-20"), None));
    // Leaving the country is not a filing: no safer day for voluntary departure.
    let leave = compute("vd-departure", d("2025-11-24"), &Options { days: Some(30), ..Default::default() }).unwrap();
    assert_eq!((leave.due, leave.safer), (d("2025-12-24"), None));
}

#[test]
fn a_cutoff_on_or_before_a_closure_names_an_open_day() {
    // Born 2004-01-10: last day 2025-01-09, a Thursday and the EO 14133 closure.
    let c = compute("sijs-age-out", d("2004-01-10"), &Options::default()).unwrap();
    assert_eq!((c.due, c.safer), (d("2025-01-09"), Some(d("2025-01-08"))));
    assert!(c.explanation.en.contains("offices are closed that day"), "{}", c.explanation.en);
    // Born 2004-12-28: last day Saturday 2025-12-27; the business day before, Friday 12-26,
    // is a closure, 12-25 Christmas, 12-24 a closure: Tuesday 2025-12-23.
    let c = compute("sijs-age-out", d("2004-12-28"), &Options::default()).unwrap();
    assert_eq!((c.due, c.safer), (d("2025-12-27"), Some(d("2025-12-23"))));
    assert!(
        c.explanation.en.contains("2025-12-26 (federal offices closed by Executive Order 14371"),
        "{}",
        c.explanation.en
    );
}

#[test]
fn the_voluntary_departure_and_appeal_texts_follow_the_2008_rule() {
    let bond = compute("vd-bond", d("2026-11-24"), &Options::default()).unwrap();
    let (en, es) = (&bond.explanation.en, &bond.explanation.es);
    assert!(en.contains("must STILL LEAVE on time") && en.contains("penalties for failing to depart"), "{en}");
    assert!(en.contains("overruled Matter of Diaz-Ruacho") && en.contains("73 FR 76927"), "{en}");
    assert!(es.contains("DEBE SALIR IGUALMENTE") && es.contains("dejó sin efecto Matter of Diaz-Ruacho"), "{es}");
    assert!(!bond.source.contains("Diaz-Ruacho, 24 I&N Dec. 47 (BIA 2006)\"") && bond.source.contains("overrules"));
    let leave = compute("vd-departure", d("2026-11-24"), &Options { days: Some(60), ..Default::default() }).unwrap();
    let (en, es) = (&leave.explanation.en, &leave.explanation.es);
    assert!(en.contains("filed during the period") && en.contains("penalties for failing to depart do not"), "{en}");
    assert!(en.contains("by analogy") && es.contains("por analogía"), "{en}");
    let appeal = compute("bia-appeal", d("2026-05-20"), &Options::default()).unwrap();
    assert!(appeal
        .explanation
        .en
        .contains("No appeal lies from an order of removal entered in absentia (8 CFR 1240.15)"));
    assert!(appeal
        .explanation
        .es
        .contains("No cabe apelación contra una orden de deportación dictada en ausencia (8 CFR 1240.15)"));
}

/// Options a rule accepts, for the properties: the days for voluntary departure.
fn options_for_rule(rule: &Rule, days: u32) -> Options {
    match rule.counting {
        Counting::DaysSet { .. } => Options { days: Some(days), ..Default::default() },
        _ => Options::default(),
    }
}

/// A trigger that puts the rule's date within about a week of `target`.
fn trigger_near(rule: &Rule, target: NaiveDate, shift: i64) -> NaiveDate {
    let years = |y: u32| target.checked_sub_months(chrono::Months::new(12 * y)).unwrap();
    let base = match rule.counting {
        Counting::DaysAfter { days } => target - chrono::Duration::days(i64::from(days)),
        Counting::YearsAfter { years: y } => years(y),
        Counting::DaysBefore { days } => target + chrono::Duration::days(i64::from(days)),
        Counting::ClockDays { days } => target - chrono::Duration::days(i64::from(days)),
        Counting::BusinessDaysAfter { days } => target - chrono::Duration::days(i64::from(days) * 7 / 5),
        Counting::DaysSet { .. } => target - chrono::Duration::days(30),
        Counting::BeforeBirthday { years: y } => years(y) + chrono::Duration::days(1),
    };
    base + chrono::Duration::days(shift)
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1950i32..2150, 1u32..=366)
        .prop_map(|(y, ord)| NaiveDate::from_yo_opt(y, ord).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_rolled_due_date_is_never_a_weekend_or_holiday(from in any_date(), idx in 0usize..RULES.len(), days in 1u32..=60) {
        let rule = &RULES[idx];
        let c = compute(rule.id, from, &options_for_rule(rule, days)).unwrap();
        if rule.roll == Roll::NextBusinessDay {
            prop_assert!(Calendar::default().is_business_day(c.due), "{} from {} -> {}", rule.id, from, c.due);
            prop_assert!(c.due >= c.unrolled && (c.due - c.unrolled).num_days() <= 5);
        } else {
            prop_assert_eq!(c.due, c.unrolled);
        }
    }

    #[test]
    fn forward_rules_never_fall_due_before_the_trigger(from in any_date(), idx in 0usize..RULES.len(), days in 1u32..=60) {
        let rule = &RULES[idx];
        let c = compute(rule.id, from, &options_for_rule(rule, days)).unwrap();
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

    #[test]
    fn business_day_counts_land_on_business_days_and_count_exactly(from in any_date(), idx in 0usize..RULES.len()) {
        let rule = &RULES[idx];
        if let Counting::BusinessDaysAfter { days } = rule.counting {
            let cal = Calendar::default();
            let c = compute(rule.id, from, &Options::default()).unwrap();
            prop_assert!(cal.is_business_day(c.due), "{} from {} -> {}", rule.id, from, c.due);
            prop_assert_eq!(c.due, c.unrolled);
            let counted = from.iter_days().skip(1).take_while(|x| *x <= c.due).filter(|x| cal.is_business_day(*x)).count();
            prop_assert_eq!(counted, days as usize);
        }
    }

    #[test]
    fn a_cutoff_never_rolls_forward(from in any_date()) {
        let c = compute("sijs-age-out", from, &Options::default()).unwrap();
        let birthday = from.checked_add_months(chrono::Months::new(12 * 21)).unwrap();
        prop_assert_eq!(c.due, c.unrolled);
        prop_assert!(c.due < birthday);
        prop_assert_eq!((birthday - c.due).num_days(), 1);
        if let Some(safer) = c.safer {
            prop_assert!(safer < c.due && Calendar::default().is_business_day(safer));
        }
    }

    #[test]
    fn optional_closures_only_ever_offer_a_later_date(from in any_date(), idx in 0usize..RULES.len(), washington in any::<bool>()) {
        let rule = &RULES[idx];
        let options = Options { washington_area: washington, ..options_for_rule(rule, 30) };
        let c = compute(rule.id, from, &options).unwrap();
        if let Some(alt) = &c.with_optional_closures {
            prop_assert!(alt.due > c.due && !alt.closures.is_empty());
        }
    }

    #[test]
    fn the_safer_date_is_never_a_closure_weekend_or_holiday_nor_after_the_due_date(
        pick in 0usize..64, shift in -8i64..=8, idx in 0usize..RULES.len(), washington in any::<bool>(),
    ) {
        let rule = &RULES[idx];
        let all = known_closures(d("2024-01-01"), d("2034-12-31"), true);
        let target = all[pick % all.len()].date;
        let from = trigger_near(rule, target, shift);
        let options = Options { washington_area: washington, ..options_for_rule(rule, 30) };
        let c = compute(rule.id, from, &options).unwrap();
        let area = washington || rule.filed_with == FiledWith::Bia;
        let closure = |day: NaiveDate| !known_closures(day, day, area).is_empty();
        if let Some(safer) = c.safer {
            prop_assert!(safer < c.due, "{} from {}: safer {} after due {}", rule.id, from, safer, c.due);
            prop_assert!(Calendar::default().is_business_day(safer), "{} from {}: safer {}", rule.id, from, safer);
            prop_assert!(!closure(safer), "{} from {}: safer {} is a closure", rule.id, from, safer);
        }
        let files = !matches!(rule.counting, Counting::DaysSet { .. }) && rule.filed_with != FiledWith::Agency;
        if files && rule.roll != Roll::None && closure(c.due) {
            prop_assert!(c.safer.is_some(), "{} from {}: due {} is a closure and no safer day", rule.id, from, c.due);
        }
    }

    #[test]
    fn clock_stops_never_bring_the_ead_dates_earlier(from in any_date(), a in -400i64..400, len in 0i64..60) {
        let stop = ClockStop { stopped: from + chrono::Duration::days(a), restarted: from + chrono::Duration::days(a + len) };
        let plain = compute("ead-asylum-clock", from, &Options::default()).unwrap();
        let c = compute("ead-asylum-clock", from, &Options { clock_stops: vec![stop], ..Default::default() }).unwrap();
        prop_assert!(c.due >= plain.due && c.also >= plain.also);
        prop_assert!((c.due - plain.due).num_days() <= len && (c.also.unwrap() - plain.also.unwrap()).num_days() <= len);
    }
}

#[test]
fn spanish_explanations_carry_no_english_fragments() {
    let english = [" and ", "days added", "(\"day\")", "Part I", "(current)", " read", "served by mail", "at most"];
    for r in RULES {
        for t in [r.citation_es, r.source_es] {
            // Titles of English documents stay as published, inside «».
            let t: String = t
                .split('«')
                .enumerate()
                .map(|(i, p)| if i == 0 { p } else { p.split_once('»').map_or("", |x| x.1) })
                .collect();
            for e in english {
                assert!(!t.contains(e), "{}: {e:?} in {t}", r.id);
            }
        }
        // The Spanish citation names the same sections as the English one.
        let sections = |s: &str| -> Vec<String> {
            s.split(';')
                .flat_map(|p| p.split_whitespace())
                .filter(|w| w.contains('.') && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .map(|w| w.trim_end_matches(',').to_string())
                .collect()
        };
        assert_eq!(sections(r.citation), sections(r.citation_es), "{}", r.id);
    }
    let c = compute("ij-motion-reconsider", NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(), &Options::default()).unwrap();
    assert!(c.explanation.es.contains("Regla: ") && !c.explanation.es.contains(" and "), "{}", c.explanation.es);
}
