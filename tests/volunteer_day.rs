//! A volunteer's day against a real encrypted vault: a family with a derivative, a matter
//! changed, closed and reopened, "mark done" undone, a hearing that moves its deadline,
//! the re-check list, one spelling per volunteer, and a draft kept across a lock.

mod common;

use amparo::model::*;
use amparo::rules::{EventKind, Options};
use amparo::store::matters::CloseMatterInput;
use amparo::Store;
use chrono::{Duration, NaiveDate};
use common::*;

fn person(given: &str, family: &str) -> ClientInput {
    ClientInput { given_name: given.into(), family_name: family.into(), ..Default::default() }
}

async fn asylum(s: &Store, client_id: i64, volunteer: &str) -> Matter {
    s.add_matter(&MatterInput {
        client_id,
        kind: "defensive_asylum".into(),
        forum: "immigration_court".into(),
        court_name: Some("Baltimore Immigration Court".into()),
        assigned_to: Some(volunteer.into()),
        ..Default::default()
    })
    .await
    .unwrap()
}

fn field_error(e: amparo::Error, field: &str) -> String {
    let amparo::Error::Invalid(v) = e else { panic!("not a validation error: {e}") };
    v.message_for(field).unwrap_or_else(|| panic!("no message for {field}: {v:?}")).to_string()
}

#[tokio::test]
async fn a_family_links_one_level_deep_and_only_a_spouse_or_child_is_a_derivative() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let mother = s
        .add_client(&ClientInput { nationality: Some("Guatemala".into()), ..person("Marisol", "Pérez") })
        .await
        .unwrap();
    assert_eq!(
        mother.fields.nationality.as_ref().unwrap().as_str(),
        "GT",
        "a country typed by name is stored as its code"
    );
    let son = s
        .add_client(&ClientInput {
            principal_id: Some(mother.id),
            relationship: Some("child".into()),
            derivative: true,
            ..person("Mateo", "Pérez")
        })
        .await
        .unwrap();
    let sister = s
        .add_client(&ClientInput {
            principal_id: Some(mother.id),
            relationship: Some("sibling".into()),
            ..person("Rosa", "Pérez")
        })
        .await
        .unwrap();
    let e = s
        .add_client(&ClientInput {
            principal_id: Some(mother.id),
            relationship: Some("sibling".into()),
            derivative: true,
            ..person("Lupe", "Pérez")
        })
        .await
        .unwrap_err();
    assert!(field_error(e, "derivative").contains("spouse or a child"));
    let e = s
        .add_client(&ClientInput {
            principal_id: Some(son.id),
            relationship: Some("child".into()),
            ..person("Ana", "Pérez")
        })
        .await
        .unwrap_err();
    assert!(field_error(e, "principal_id").contains("principal applicant directly"), "a chain of families");
    let e = s
        .update_client(
            mother.id,
            &ClientInput {
                principal_id: Some(sister.id),
                relationship: Some("sibling".into()),
                ..person("Marisol", "Pérez")
            },
        )
        .await
        .unwrap_err();
    assert!(field_error(e, "principal_id").contains("another family"), "a principal made a member");

    for member in [mother.id, son.id, sister.id] {
        let f = s.family(member).await.unwrap();
        assert_eq!(f.principal.as_ref().unwrap().id, mother.id, "from client {member}");
        let names: Vec<(&str, bool)> = f.members.iter().map(|m| (m.client.given_name.as_str(), m.derivative)).collect();
        assert_eq!(names, [("Rosa", false), ("Mateo", true)], "from client {member}");
    }
    let e = s.add_client(&ClientInput { nationality: Some("Guatamala".into()), ..person("X", "Y") }).await.unwrap_err();
    assert!(field_error(e, "nationality").contains("Did you mean Guatemala"));

    // The mother's asylum case names the son it carries, not the sister; her work permit
    // case and the son's own case carry no one.
    let case = asylum(&s, mother.id, "Ana").await;
    let carried: Vec<i64> = s.derivatives_of(&case).await.unwrap().iter().map(|m| m.client.id).collect();
    assert_eq!(carried, [son.id]);
    let ead = s
        .add_matter(&MatterInput {
            client_id: mother.id,
            kind: "ead_c8".into(),
            forum: "uscis".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(s.derivatives_of(&ead).await.unwrap().is_empty());
    let own = asylum(&s, son.id, "Ana").await;
    assert!(s.derivatives_of(&own).await.unwrap().is_empty());
}

#[tokio::test]
async fn an_arrival_before_birth_is_refused() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let e = s
        .add_client(&ClientInput {
            date_of_birth: Some("2001-05-01".into()),
            last_arrival: Some("1999-12-01".into()),
            ..person("Yonas", "Tesfaye")
        })
        .await
        .unwrap_err();
    assert!(field_error(e, "last_arrival").contains("before the date of birth"));
}

#[tokio::test]
async fn a_matter_is_changed_closed_with_its_deadlines_and_reopened() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Yonas", "Tesfaye")).await.unwrap();
    let m = asylum(&s, c.id, "Lucía Fernández").await;
    let today = Store::today();
    for title in ["Evidence packet", "Witness statement"] {
        s.add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: title.into(),
            due_on: (today + Duration::days(20)).to_string(),
            manual_reason: Some("Judge's order".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let mut input = m.fields.to_input();
    input.judge = Some("Okonkwo".into());
    input.representation = Some("limited".into());
    input.assigned_to = Some("lucia fernandez".into());
    let changed = s.update_matter(m.id, &input).await.unwrap();
    assert_eq!(changed.fields.judge.as_deref(), Some("Okonkwo"));
    assert_eq!(changed.fields.representation, Some(Representation::Limited));
    assert_eq!(changed.fields.assigned_to.as_deref(), Some("Lucía Fernández"), "one spelling per volunteer");
    assert_eq!(s.volunteer_names().await.unwrap(), ["Lucía Fernández"]);

    let bad = CloseMatterInput { closed_on: today.to_string(), outcome: String::new(), ..Default::default() };
    assert!(field_error(s.close_matter(m.id, &bad).await.unwrap_err(), "outcome").contains("how the matter ended"));
    assert_eq!(s.matter(m.id).await.unwrap().fields.status, MatterStatus::Open, "a refused close changed the matter");
    let close = CloseMatterInput {
        closed_on: today.to_string(),
        outcome: "withdrawn".into(),
        closing_reason: Some("Client moved to Texas".into()),
        waive_open_deadlines: true,
        spanish: false,
    };
    let closed = s.close_matter(m.id, &close).await.unwrap();
    assert_eq!(closed.matter.fields.status, MatterStatus::Closed);
    assert_eq!(closed.matter.fields.outcome, Some(Outcome::Withdrawn));
    // The one-year deadline (no arrival, so none) and the two typed ones.
    assert_eq!(closed.waived.len(), 2);
    for d in s.deadlines_for(m.id, today).await.unwrap() {
        assert_eq!(d.deadline.status, DeadlineStatus::Waived);
        assert!(d.deadline.waived_reason.as_deref().unwrap().contains("Client moved to Texas"));
    }
    let history: Vec<String> = s.audit_for("matter", m.id).await.unwrap().into_iter().map(|a| a.action).collect();
    assert!(history.contains(&"close".to_string()), "{history:?}");

    let reopened = s.reopen_matter(m.id).await.unwrap();
    assert_eq!(reopened.fields.status, MatterStatus::Open);
    assert_eq!(
        (reopened.fields.closed_on, reopened.fields.outcome, reopened.fields.closing_reason.clone()),
        (None, None, None)
    );
    let history: Vec<String> = s.audit_for("matter", m.id).await.unwrap().into_iter().map(|a| a.action).collect();
    assert!(history.contains(&"reopen".to_string()), "{history:?}");

    let mut stray = reopened.fields.to_input();
    stray.outcome = Some("granted".into());
    assert!(field_error(s.update_matter(m.id, &stray).await.unwrap_err(), "outcome").contains("Only a closed matter"));
}

#[tokio::test]
async fn mark_done_takes_the_date_given_and_can_be_undone() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Jean", "Baptiste")).await.unwrap();
    let m = asylum(&s, c.id, "Ana").await;
    let d = s
        .add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "I-589".into(),
            due_on: "2026-06-01".into(),
            manual_reason: Some("Judge's order".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let done = s.complete_deadline(d.id, "2026-05-14").await.unwrap();
    assert_eq!((done.status, done.done_on), (DeadlineStatus::Done, NaiveDate::from_ymd_opt(2026, 5, 14)));
    let undone = s.reopen_deadline(d.id).await.unwrap();
    assert_eq!((undone.status, undone.done_on), (DeadlineStatus::Open, None));
}

#[tokio::test]
async fn moving_a_hearing_moves_the_deadline_counted_back_from_it_and_nothing_else() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = asylum(&s, c.id, "Ana").await;
    let first = Store::today() + Duration::days(60);
    let h = s
        .add_hearing(&HearingInput {
            matter_id: m.id,
            kind: "master_calendar".into(),
            starts_at: format!("{first} 09:00"),
            date_source: Some("notice".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let made = s
        .add_event_deadlines(m.id, EventKind::MasterHearing, first, &Options::default(), &["eoir-filing-master".into()])
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    let before = made[0].fields.due_on;
    // Same day, another time: nothing moves.
    let same = HearingInput {
        matter_id: m.id,
        kind: "master_calendar".into(),
        starts_at: format!("{first} 13:30"),
        ..Default::default()
    };
    assert!(s.change_hearing(h.id, &same).await.unwrap().moved.is_empty());
    let later = first + Duration::days(21);
    let moved = s.change_hearing(h.id, &HearingInput { starts_at: format!("{later} 13:30"), ..same }).await.unwrap();
    assert_eq!(moved.moved.len(), 1);
    let expected = amparo::rules::compute("eoir-filing-master", later, &Options::default()).unwrap().due;
    assert_ne!(expected, before);
    assert_eq!(moved.moved[0].fields.due_on, expected);
    assert_eq!(
        moved.moved[0].fields.source,
        DeadlineSource::Rule { rule_id: "eoir-filing-master".into(), trigger_on: later }
    );
    assert_eq!(s.deadline(made[0].id).await.unwrap().fields.due_on, moved.moved[0].fields.due_on);
}

#[tokio::test]
async fn hearings_not_confirmed_for_two_weeks_are_on_the_recheck_list() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = asylum(&s, c.id, "Ana").await;
    let today = Store::today();
    let at = |days: i64| format!("{} 09:00", today + Duration::days(days));
    let mut ids = Vec::new();
    for (days, confirmed) in [(10, None), (20, Some(today - Duration::days(3))), (30, Some(today - Duration::days(15)))]
    {
        let h = s
            .add_hearing(&HearingInput {
                matter_id: m.id,
                kind: "individual".into(),
                starts_at: at(days),
                date_source: confirmed.map(|_| "eoir_line".into()),
                confirmed_on: confirmed.map(|d| d.to_string()),
                ..Default::default()
            })
            .await
            .unwrap();
        ids.push(h.id);
    }
    let list: Vec<i64> =
        s.hearings_to_recheck(today, 14, 10).await.unwrap().into_iter().map(|h| h.hearing.id).collect();
    assert_eq!(list, [ids[0], ids[2]]);
    let e = s
        .add_hearing(&HearingInput {
            matter_id: m.id,
            kind: "individual".into(),
            starts_at: at(40),
            confirmed_on: Some((today + Duration::days(1)).to_string()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(field_error(e, "confirmed_on").contains("future"), "a confirmation dated tomorrow");
}

#[tokio::test]
async fn a_draft_waits_in_the_vault_across_a_lock_and_is_handed_back_once() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let draft = r#"{"form":"newClient","values":{"given_name":"Marisol Quetzal"}}"#;
    s.save_draft(draft).await.unwrap();
    v.lock().await;
    let v = open(&path).await;
    let s = store(&v);
    assert_eq!(s.take_draft().await.unwrap().as_deref(), Some(draft));
    assert_eq!(s.take_draft().await.unwrap(), None, "offered twice");
    assert!(s.save_draft("not json").await.is_err());
    assert!(s.save_draft(&format!("\"{}\"", "x".repeat(300_000))).await.is_err(), "an unbounded draft");
}
