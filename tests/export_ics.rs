//! Calendar export read back by two independent iCalendar parsers (the `icalendar` crate's
//! and, where the project's .venv has it, Python's `icalendar`): hearings at the right
//! instant for their court, deadlines as all-day events, reminders, stable UIDs, and no
//! client name unless full names were chosen.

mod common;

use std::path::Path;

use amparo::exchange::ics::{IcsOptions, Names};
use amparo::model::{ClientInput, DeadlineInput, HearingInput, MatterInput};
use amparo::Store;
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarComponent, Component};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn seed(s: &Store) {
    let client = s
        .add_client(&ClientInput { given_name: "María".into(), family_name: "Ramírez".into(), ..Default::default() })
        .await
        .unwrap();
    let matter = s
        .add_matter(&MatterInput {
            client_id: client.id,
            kind: "defensive_asylum".into(),
            forum: "immigration_court".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    for (when, court) in [
        // Eastern Standard Time (UTC-5) in January.
        ("2027-01-15 09:00", Some("Arlington Immigration Court")),
        // Arizona keeps no daylight saving time: UTC-7 in July.
        ("2027-07-15 08:30", Some("Phoenix Immigration Court")),
        // A court Amparo cannot place: floating time.
        ("2027-02-01 10:00", Some("Somewhere Hearing Room")),
    ] {
        s.add_hearing(&HearingInput {
            matter_id: matter.id,
            kind: "master_calendar".into(),
            starts_at: when.into(),
            court: court.map(Into::into),
            judge: Some("Judge Smith".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    s.add_deadline(&DeadlineInput {
        matter_id: matter.id,
        title: "Call María about the declaration".into(),
        due_on: "2027-01-10".into(),
        manual_reason: Some("Clinic's own date".into()),
        ..Default::default()
    })
    .await
    .unwrap();
}

fn events(text: &str) -> Vec<icalendar::Event> {
    let cal: Calendar = text.parse().expect("the icalendar crate reads what Amparo wrote");
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn prop(e: &icalendar::Event, key: &str) -> String {
    e.properties().get(key).map(|p| p.value().to_string()).unwrap_or_default()
}

fn export(s: &Store, dir: &Path, names: Names, file: &str) -> String {
    let out = dir.join(file);
    let opts =
        IcsOptions { from: d("2027-01-01"), to: d("2027-12-31"), names, spanish: false, confirmed_full_names: true };
    let rt = tokio::runtime::Handle::current();
    let summary = tokio::task::block_in_place(|| rt.block_on(s.export_ics(&opts, &out))).unwrap();
    assert_eq!((summary.hearings, summary.deadlines, summary.floating), (3, 1, 1));
    std::fs::read_to_string(out).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_calendar_two_parsers_read_alike() {
    let (dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    seed(&s).await;
    let text = export(&s, dir.path(), Names::Reference, "cal.ics");
    assert!(text.contains("\r\n"), "RFC 5545 lines end in CRLF");
    for name in ["María", "Maria", "Ramírez", "Ramirez"] {
        assert!(!text.contains(name), "{name} leaked into a reference-only calendar:\n{text}");
    }
    let evs = events(&text);
    assert_eq!(evs.len(), 4);
    let by_start: Vec<(String, String)> = evs.iter().map(|e| (prop(e, "DTSTART"), prop(e, "SUMMARY"))).collect();
    assert!(
        by_start.contains(&("20270115T140000Z".into(), "Hearing: Master calendar hearing · M-1".into())),
        "{by_start:?}"
    );
    assert!(by_start.iter().any(|(s, _)| s == "20270715T153000Z"), "Phoenix is UTC-7 all year: {by_start:?}");
    assert!(by_start.iter().any(|(s, _)| s == "20270201T100000"), "an unknown court's hearing floats: {by_start:?}");
    let deadline = evs.iter().find(|e| prop(e, "SUMMARY").starts_with("Deadline")).unwrap();
    assert_eq!(prop(deadline, "SUMMARY"), "Deadline: Call M. about the declaration · M-1");
    assert_eq!((prop(deadline, "DTSTART"), prop(deadline, "DTEND")), ("20270110".into(), "20270111".into()));
    // Reminders: a week and a day before a deadline, a day before a hearing.
    assert_eq!(text.matches("BEGIN:VALARM").count(), 3 + 2);
    assert_eq!(text.matches("TRIGGER:-PT86400S").count(), 3 + 1, "a day before: {text}");
    assert_eq!(text.matches("TRIGGER:-PT604800S").count(), 1, "a week before: {text}");
    assert!(text.contains("PRODID:-//Amparo//Amparo calendar export//EN"));
    assert!(text.contains("SEQUENCE:"), "a moved hearing must reach calendars that update by sequence");
    let alarms: Vec<&str> = text.split("BEGIN:VALARM").skip(1).map(|a| a.split("END:VALARM").next().unwrap()).collect();
    assert!(alarms.iter().all(|a| !a.contains("DTSTAMP") && !a.contains("UID")), "RFC 5545 3.6.6");

    // A second export updates the same events: same UIDs, none new.
    let again = export(&s, dir.path(), Names::Initials, "again.ics");
    let uids = |t: &str| {
        let mut u: Vec<String> = events(t).iter().map(|e| prop(e, "UID")).collect();
        u.sort();
        u
    };
    assert_eq!(uids(&text), uids(&again));
    assert!(again.contains("M.R. (M-1)") && !again.contains("María"));
    let full = export(&s, dir.path(), Names::Full, "full.ics");
    assert!(full.contains("María Ramírez (M-1)"));

    // Each export is in the audit log, with how names were written.
    let audited: Vec<String> = sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'export' ORDER BY id")
        .fetch_all(s.pool())
        .await
        .unwrap();
    let names: Vec<String> = audited
        .iter()
        .map(|c| serde_json::from_str::<serde_json::Value>(c).unwrap()["names"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, vec!["reference", "initials", "full"]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("cal.ics")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // Python's icalendar and libical (the parser of Evolution and other calendar apps),
    // two independent implementations, read the same events without a complaint. Under
    // `make test` (AMPARO_ALL_PARSERS=1) both must be there.
    let required = std::env::var_os("AMPARO_ALL_PARSERS").is_some();
    let file = dir.path().join("cal.ics");
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   print(e.decoded('dtstart').isoformat(), len(e.walk('VALARM')), str(e.get('uid')))\n";
    match std::process::Command::new(&python).args(["-c", script, file.to_str().unwrap()]).output() {
        Ok(out) if out.status.success() => {
            let lines = String::from_utf8(out.stdout).unwrap();
            assert!(lines.contains("2027-01-15T14:00:00+00:00 1 "), "{lines}");
            assert!(lines.contains("2027-01-10 2 "), "{lines}");
            assert_eq!(lines.lines().count(), 4);
        }
        other => {
            assert!(!required, "Python's icalendar is missing (make py-deps): {other:?}");
            eprintln!("skipped Python's icalendar: run `make py-deps`");
        }
    }
    let libical = "import sys, gi\n\
        gi.require_version('ICalGLib', '3.0')\n\
        from gi.repository import ICalGLib as I\n\
        c = I.Component.new_from_string(open(sys.argv[1]).read())\n\
        text = c.as_ical_string()\n\
        print(c.count_components(I.ComponentKind.VEVENT_COMPONENT), 'X-LIC-ERROR' in text, I.restriction_check(c))\n";
    match std::process::Command::new("/usr/bin/python3").args(["-c", libical, file.to_str().unwrap()]).output() {
        Ok(out) if out.status.success() => {
            assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "4 False 1", "libical found errors");
        }
        other => {
            assert!(!required, "libical's Python binding is missing (gir1.2-ical-3.0): {other:?}");
            eprintln!("skipped libical: install gir1.2-ical-3.0 and python3-gi");
        }
    }
    v.lock().await;
}

#[tokio::test]
async fn a_range_too_long_or_backwards_is_refused() {
    let (dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    for (from, to) in [("2027-01-01", "2026-01-01"), ("2020-01-01", "2027-01-01")] {
        let opts = IcsOptions {
            from: d(from),
            to: d(to),
            names: Names::Reference,
            spanish: false,
            confirmed_full_names: false,
        };
        let e = s.export_ics(&opts, &dir.path().join("x.ics")).await.unwrap_err();
        assert!(e.to_string().contains("three years"), "{e}");
    }
    let unconfirmed = IcsOptions {
        from: d("2027-01-01"),
        to: d("2027-02-01"),
        names: Names::Full,
        spanish: false,
        confirmed_full_names: false,
    };
    assert!(s.export_ics(&unconfirmed, &dir.path().join("x.ics")).await.unwrap_err().to_string().contains("Confirm"));
    assert!(!dir.path().join("x.ics").exists());
    v.lock().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn appointments_go_out_at_their_clock_time_with_a_reminder_and_no_name() {
    let (dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    let client = s
        .add_client(&ClientInput { given_name: "Yonas".into(), family_name: "Tesfaye".into(), ..Default::default() })
        .await
        .unwrap();
    let matter = s
        .add_matter(&MatterInput {
            client_id: client.id,
            kind: "affirmative_asylum".into(),
            forum: "uscis_asylum_office".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    s.add_appointment(&amparo::model::AppointmentInput {
        matter_id: matter.id,
        kind: "biometrics".into(),
        starts_at: "2027-03-02 08:30".into(),
        place: Some("Application Support Center, Baltimore".into()),
        accompanied_by: Some("Lucía Fernández".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let out = dir.path().join("appt.ics");
    let opts = IcsOptions {
        from: d("2027-01-01"),
        to: d("2027-12-31"),
        names: Names::Reference,
        spanish: true,
        confirmed_full_names: false,
    };
    let summary =
        tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(s.export_ics(&opts, &out))).unwrap();
    assert_eq!((summary.hearings, summary.deadlines, summary.appointments), (0, 0, 1));
    let text = std::fs::read_to_string(out).unwrap();
    let evs = events(&text);
    assert_eq!(evs.len(), 1);
    assert_eq!(prop(&evs[0], "DTSTART"), "20270302T083000", "an office's time floats");
    assert_eq!(prop(&evs[0], "SUMMARY"), "Cita: Datos biométricos (huellas y foto) · M-1");
    assert!(prop(&evs[0], "LOCATION").starts_with("Application Support Center"));
    assert!(text.contains("TRIGGER:-PT86400S"), "a reminder the day before");
    assert!(!text.contains("Yonas") && !text.contains("Tesfaye"));
    assert!(!text.contains("Lucía"), "who goes along is left out unless full names were chosen");
    v.lock().await;
}
