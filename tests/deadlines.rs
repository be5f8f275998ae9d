//! Deadlines computed by the engine inside the product: proposed from events, created on
//! confirmation, moved when the trigger moves (audited), overrides kept with their reason,
//! and the asylum one-year deadline following the client's last arrival.

mod common;

use amparo::model::*;
use amparo::rules::{EventKind, Options};
use amparo::Store;
use chrono::{Duration, NaiveDate};
use common::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn client_with_matter(s: &Store, kind: &str, arrival: Option<&str>) -> (Client, Matter) {
    let c = s
        .add_client(&ClientInput {
            given_name: "Amina".into(),
            family_name: "Haile".into(),
            last_arrival: arrival.map(Into::into),
            ..Default::default()
        })
        .await
        .unwrap();
    let m = s
        .add_matter(&MatterInput {
            client_id: c.id,
            kind: kind.into(),
            forum: "immigration_court".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    (c, m)
}

#[tokio::test]
async fn an_ij_decision_creates_the_chosen_deadlines_with_their_explanations() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let (_, m) = client_with_matter(&s, "defensive_asylum", None).await;
    let made = s
        .add_event_deadlines(
            m.id,
            EventKind::IjDecision,
            d("2026-05-20"),
            &Options::default(),
            &["bia-appeal".into(), "ij-motion-reopen".into()],
        )
        .await
        .unwrap();
    assert_eq!(made.len(), 2);
    let appeal = &made[0];
    assert_eq!(appeal.fields.due_on, d("2026-06-22"));
    let explanation = appeal.fields.explanation.as_ref().unwrap();
    assert!(explanation.en.contains("Juneteenth"));
    assert!(
        explanation.es.contains("Juneteenth") && explanation.es.contains("siguiente día hábil"),
        "{}",
        explanation.es
    );
    assert!(
        matches!(&appeal.fields.source, DeadlineSource::Rule { rule_id, trigger_on } if rule_id == "bia-appeal" && *trigger_on == d("2026-05-20"))
    );
    let stored = s.deadlines_for(m.id, d("2026-05-21")).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(s.audit_for("deadline", appeal.id).await.unwrap()[0].action, "create");
}

#[tokio::test]
async fn moving_the_trigger_moves_the_deadlines_keeps_overrides_and_is_audited() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let (_, m) = client_with_matter(&s, "defensive_asylum", None).await;
    let made = s
        .add_event_deadlines(
            m.id,
            EventKind::IjDecision,
            d("2026-05-20"),
            &Options::default(),
            &["bia-appeal".into(), "ij-motion-reconsider".into()],
        )
        .await
        .unwrap();
    // The user overrides the motion's date, with a reason.
    let overridden = s
        .add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "Reopen (file early)".into(),
            due_on: "2026-08-01".into(),
            rule_id: Some("ij-motion-reopen".into()),
            trigger_on: Some("2026-05-20".into()),
            override_reason: Some("Filing early so the court has it before the hearing".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(overridden.fields.computed_due_on, Some(d("2026-08-18")));

    let moved = s.move_trigger(m.id, None, d("2026-05-20"), d("2026-05-27")).await.unwrap();
    assert_eq!(moved.len(), 3);
    let appeal = s.deadline(made[0].id).await.unwrap();
    assert_eq!(appeal.fields.due_on, d("2026-06-26"), "2026-05-27 + 30 = Friday 2026-06-26");
    assert!(appeal.fields.explanation.unwrap().en.contains("2026-05-27"));
    let kept = s.deadline(overridden.id).await.unwrap();
    assert_eq!(kept.fields.due_on, d("2026-08-01"), "an override keeps its date");
    assert_eq!(kept.fields.computed_due_on, Some(d("2026-08-25")), "and learns the new computed date");
    assert!(kept.fields.override_reason.is_some());
    let history = s.audit_for("deadline", appeal.id).await.unwrap();
    let last: serde_json::Value = serde_json::from_str(&history.last().unwrap().changes).unwrap();
    assert_eq!(last["trigger_on"], serde_json::json!(["2026-05-20", "2026-05-27"]));
    assert_eq!(last["due_on"], serde_json::json!(["2026-06-22", "2026-06-26"]));
    // A closed deadline does not move.
    s.complete_deadline(appeal.id, "2026-06-01").await.unwrap();
    assert_eq!(s.move_trigger(m.id, Some("bia-appeal"), d("2026-05-27"), d("2026-05-28")).await.unwrap().len(), 0);
}

#[tokio::test]
async fn a_date_other_than_the_rules_needs_a_reason() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let (_, m) = client_with_matter(&s, "bond", None).await;
    let err = s
        .add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "Appeal".into(),
            due_on: "2026-06-15".into(),
            rule_id: Some("bia-appeal".into()),
            trigger_on: Some("2026-05-20".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    let amparo::Error::Invalid(v_err) = err else { panic!("{err:?}") };
    assert!(v_err.message_for("override_reason").unwrap().contains("2026-06-22"));
    assert!(s.deadlines_for(m.id, d("2026-05-21")).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_one_year_deadline_follows_the_last_arrival_for_asylum_matters() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let today = Store::today();
    let arrival = today - Duration::days(330);
    let (c, m) = client_with_matter(&s, "affirmative_asylum", Some(&arrival.to_string())).await;
    let list = s.deadlines_for(m.id, today).await.unwrap();
    assert_eq!(list.len(), 1, "the one-year deadline appears on its own");
    let one_year = &list[0].deadline;
    assert!(matches!(&one_year.fields.source, DeadlineSource::Rule { rule_id, .. } if rule_id == "asylum-one-year"));
    assert!(list[0].days_left <= 40 && list[0].days_left >= 30, "{}", list[0].days_left);
    // Within 60 days: on the dashboard's one-year list.
    let dash = s.dashboard(today).await.unwrap();
    assert_eq!(dash.one_year.len(), 1);

    // The arrival date was wrong: correcting it moves the deadline, and it is audited.
    let corrected = arrival - Duration::days(100);
    let input = ClientInput {
        given_name: "Amina".into(),
        family_name: "Haile".into(),
        last_arrival: Some(corrected.to_string()),
        ..Default::default()
    };
    s.update_client(c.id, &input).await.unwrap();
    let moved = s.deadline(one_year.id).await.unwrap();
    assert!(matches!(&moved.fields.source, DeadlineSource::Rule { trigger_on, .. } if *trigger_on == corrected));
    assert!(moved.fields.due_on < today, "now overdue");
    assert_eq!(s.dashboard(today).await.unwrap().one_year[0].deadline.id, one_year.id);
    assert_eq!(s.audit_for("deadline", one_year.id).await.unwrap().len(), 2);

    // A bond matter gets none; a second asylum matter gets its own.
    let bond = s
        .add_matter(&MatterInput {
            client_id: c.id,
            kind: "bond".into(),
            forum: "immigration_court".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(s.deadlines_for(bond.id, today).await.unwrap().is_empty());
}

#[tokio::test]
async fn voluntary_departure_keeps_its_days_and_moves_with_its_trigger() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let (_, m) = client_with_matter(&s, "defensive_asylum", None).await;
    let ids = ["vd-bond".to_string(), "vd-departure".to_string()];
    let none = Options::default();
    let missing = s.add_event_deadlines(m.id, EventKind::VoluntaryDepartureGranted, d("2026-11-24"), &none, &ids).await;
    assert!(missing.is_err(), "the days the judge set are required");
    assert!(s.deadlines_for(m.id, d("2026-11-24")).await.unwrap().is_empty(), "nothing half-created");

    let sixty = Options { days: Some(60), ..Default::default() };
    let made =
        s.add_event_deadlines(m.id, EventKind::VoluntaryDepartureGranted, d("2026-11-24"), &sixty, &ids).await.unwrap();
    assert_eq!(made.len(), 2);
    assert_eq!(made[0].fields.due_on, d("2026-12-02"), "5 business days over Thanksgiving");
    assert_eq!(made[0].fields.rule_days, None, "the bond takes no days");
    assert_eq!(made[1].fields.due_on, d("2027-01-25"), "60 days = Saturday 2027-01-23, rolled to Monday");
    assert_eq!(made[1].fields.rule_days, Some(60));

    // The order's date was entered wrong: the departure date is recomputed with its 60 days.
    let moved = s.move_trigger(m.id, Some("vd-departure"), d("2026-11-24"), d("2026-11-25")).await.unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].fields.due_on, d("2027-01-25"), "2026-11-25 + 60 = Sunday 2027-01-24 -> Monday");
    let moved = s.move_trigger(m.id, Some("vd-departure"), d("2026-11-25"), d("2026-11-27")).await.unwrap();
    assert_eq!(moved[0].fields.due_on, d("2027-01-26"), "2026-11-27 + 60 = Tuesday 2027-01-26");
}

#[tokio::test]
async fn an_in_absentia_order_creates_the_motion_to_rescind_and_cannot_create_an_appeal() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let (_, m) = client_with_matter(&s, "defensive_asylum", None).await;
    let asked = ["bia-appeal".to_string(), "motion-rescind-in-absentia".to_string()];
    let made = s
        .add_event_deadlines(m.id, EventKind::InAbsentiaOrder, d("2026-03-02"), &Options::default(), &asked)
        .await
        .unwrap();
    let rules: Vec<String> = made
        .iter()
        .map(|x| match &x.fields.source {
            DeadlineSource::Rule { rule_id, .. } => rule_id.clone(),
            DeadlineSource::Manual { .. } => String::new(),
        })
        .collect();
    assert_eq!(rules, ["motion-rescind-in-absentia"], "the appeal is not among the event's rules");
    assert_eq!(made[0].fields.due_on, d("2026-08-31"));
    // The petition for review is proposed unticked; when the user ticks it, it runs from the
    // order itself, final when entered: Monday 2026-03-02 + 30 = Wednesday 2026-04-01.
    let pfr = ["petition-for-review".to_string()];
    let made = s
        .add_event_deadlines(m.id, EventKind::InAbsentiaOrder, d("2026-03-02"), &Options::default(), &pfr)
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].fields.due_on, d("2026-04-01"));
}
