//! The case store against a real encrypted vault: writes, refusals, soft delete, audit,
//! notes history, deadlines and full-text search.

mod common;

use amparo::model::*;
use amparo::store::clients::ClientQuery;
use amparo::Store;
use chrono::{Duration, NaiveDate};
use common::*;

fn person(given: &str, family: &str) -> ClientInput {
    ClientInput { given_name: given.into(), family_name: family.into(), ..Default::default() }
}

async fn count(s: &Store, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(s.pool()).await.unwrap()
}

async fn matter_for(s: &Store, client_id: i64) -> Matter {
    s.add_matter(&MatterInput {
        client_id,
        kind: "defensive_asylum".into(),
        forum: "immigration_court".into(),
        court_name: Some("Baltimore Immigration Court".into()),
        judge: Some("Okonkwo".into()),
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn bad_input_is_refused_and_saves_nothing() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let audit_before = count(&s, "audit_log").await;
    let bad = ClientInput {
        a_number: Some("A12-34".into()),
        date_of_birth: Some("1990-02-30".into()),
        ..person("Ana", "Díaz")
    };
    let err = s.add_client(&bad).await.unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let amparo::Error::Invalid(v_err) = err else { panic!() };
    assert!(v_err.message_for("a_number").is_some() && v_err.message_for("date_of_birth").is_some());
    assert_eq!(count(&s, "clients").await, 0);
    assert_eq!(count(&s, "search_index").await, 0);
    assert_eq!(count(&s, "audit_log").await, audit_before);
    // A matter, hearing, deadline or filing for something that does not exist.
    let m = MatterInput { client_id: 99, kind: "bond".into(), forum: "immigration_court".into(), ..Default::default() };
    assert_eq!(s.add_matter(&m).await.unwrap_err().code(), "not_found");
    let h = HearingInput {
        matter_id: 99,
        kind: "master_calendar".into(),
        starts_at: "2026-12-01 09:00".into(),
        ..Default::default()
    };
    assert_eq!(s.add_hearing(&h).await.unwrap_err().code(), "not_found");
    let bad_receipt =
        FilingInput { matter_id: 1, form: "i589".into(), receipt_number: Some("IOE12".into()), ..Default::default() };
    assert_eq!(s.add_filing(&bad_receipt).await.unwrap_err().code(), "invalid_input");
    assert_eq!(count(&s, "matters").await + count(&s, "hearings").await + count(&s, "filings").await, 0);
    v.lock().await;
}

#[tokio::test]
async fn one_living_client_per_a_number() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let first =
        s.add_client(&ClientInput { a_number: Some("A123456789".into()), ..person("Ana", "Díaz") }).await.unwrap();
    let dup = ClientInput { a_number: Some("123-456-789".into()), ..person("Other", "Person") };
    assert_eq!(s.add_client(&dup).await.unwrap_err().code(), "conflict");
    // Deleting the first frees the number; restoring it then conflicts, clearly.
    s.delete_client(first.id).await.unwrap();
    let second = s.add_client(&dup).await.unwrap();
    let err = s.restore_client(first.id).await.unwrap_err();
    assert!(err.to_string().contains(&second.id.to_string()), "{err}");
    v.lock().await;
}

#[tokio::test]
async fn delete_is_soft_and_undoable_and_audited() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Yonas", "Tesfaye")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    s.delete_client(c.id).await.unwrap();
    assert_eq!(s.list_clients(&ClientQuery::default()).await.unwrap().total, 0);
    assert_eq!(s.list_clients(&ClientQuery { deleted: true, ..Default::default() }).await.unwrap().total, 1);
    assert!(s.search_clients("Yonas", 10).await.unwrap().is_empty());
    assert!(s.list_matters(None).await.unwrap().is_empty());
    assert_eq!(s.delete_client(c.id).await.unwrap_err().code(), "not_found");
    s.restore_client(c.id).await.unwrap();
    assert_eq!(s.search_clients("Yonas", 10).await.unwrap().len(), 1);
    assert_eq!(s.list_matters(None).await.unwrap()[0].id, m.id);
    let actions: Vec<String> = s.audit_for("client", c.id).await.unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["create", "delete", "restore"]);
    v.lock().await;
}

#[tokio::test]
async fn updates_are_audited_with_what_changed() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Ana", "Díaz")).await.unwrap();
    let changed = ClientInput {
        email: Some("ana@example.org".into()),
        other_names: vec!["Anita".into()],
        ..person("Ana María", "Díaz")
    };
    let after = s.update_client(c.id, &changed).await.unwrap();
    assert_eq!(after.fields.other_names, ["Anita"]);
    let entry = s.audit_for("client", c.id).await.unwrap().pop().unwrap();
    let changes: serde_json::Value = serde_json::from_str(&entry.changes).unwrap();
    assert_eq!(changes["given_name"], serde_json::json!(["Ana", "Ana María"]));
    assert_eq!(changes["email"], serde_json::json!([null, "ana@example.org"]));
    assert!(changes.get("family_name").is_none());
    assert_eq!(entry.actor, "tester");
    // The audit log refuses edits, even from inside.
    assert!(sqlx::query("DELETE FROM audit_log").execute(s.pool()).await.is_err());
    v.lock().await;
}

#[tokio::test]
async fn notes_keep_every_version() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Li", "Wei")).await.unwrap();
    let n = s.add_note(NoteSubject::Client(c.id), "First interview done.").await.unwrap();
    let edited = s.edit_note(n.id, "First interview done; needs Mandarin interpreter.").await.unwrap();
    assert_eq!(edited.versions, 2);
    assert!(edited.edited_at.is_some());
    let history = s.note_history(n.id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].body, "First interview done.");
    assert!(sqlx::query("UPDATE note_versions SET body = 'x'").execute(s.pool()).await.is_err());
    assert_eq!(s.add_note(NoteSubject::Client(c.id), "   ").await.unwrap_err().code(), "invalid_input");
    let big = "Declaración. ".repeat(80_000);
    assert!(big.len() > 1_000_000);
    let stored = s.add_note(NoteSubject::Client(c.id), &big).await.unwrap();
    assert_eq!(s.note(stored.id).await.unwrap().body, big.trim_end());
    v.lock().await;
}

#[tokio::test]
async fn deadlines_due_within_a_span_include_overdue_and_skip_closed() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let add = |title: &str, days: i64| DeadlineInput {
        matter_id: m.id,
        title: title.into(),
        due_on: (today + Duration::days(days)).to_string(),
        manual_reason: Some("IJ order".into()),
        ..Default::default()
    };
    s.add_deadline(&add("overdue", -2)).await.unwrap();
    s.add_deadline(&add("soon", 5)).await.unwrap();
    s.add_deadline(&add("later", 40)).await.unwrap();
    let done = s.add_deadline(&add("done already", 3)).await.unwrap();
    s.complete_deadline(done.id, "2026-11-20").await.unwrap();
    let due = s.deadlines_due(today, 14).await.unwrap();
    let titles: Vec<&str> = due.iter().map(|d| d.deadline.fields.title.as_str()).collect();
    assert_eq!(titles, ["overdue", "soon"]);
    assert_eq!(due[0].days_left, -2);
    assert_eq!(due[0].client_name, "Haile, Amina");
    assert_eq!(s.complete_deadline(done.id, "2026-02-30").await.unwrap_err().code(), "invalid_input");
    s.add_deadline(&add("tomorrow", 1)).await.unwrap();
    let r = s.reminder(today).await.unwrap();
    assert_eq!((r.overdue, r.due_today, r.due_tomorrow), (1, 0, 1));
    v.lock().await;
}

#[tokio::test]
async fn search_finds_names_aliases_a_numbers_and_courts() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let jose = s
        .add_client(&ClientInput {
            a_number: Some("A098765432".into()),
            other_names: vec!["Pepe Hernández".into()],
            ..person("José", "Martínez López")
        })
        .await
        .unwrap();
    matter_for(&s, jose.id).await;
    let scripts = [
        ("محمد", "الأحمد"),
        ("ተስፋይ", "ገብረሚካኤል"),
        ("伟", "李"),
        ("Nguyễn", "Thị Minh"),
        ("\u{200F}فاطمة\u{200F}", "حسن"),
        ("Zoë 🌻", "O'Brien"),
    ];
    for (g, f) in scripts {
        s.add_client(&person(g, f)).await.unwrap();
    }
    let ids = |hits: Vec<amparo::store::search::SearchHit>| hits.into_iter().map(|h| h.client_id).collect::<Vec<_>>();
    for q in [
        "jose",
        "José",
        "MARTINEZ",
        "mart lop",
        "pepe",
        "hernandez",
        "A098-765-432",
        "098765432",
        "0987",
        "okonkwo",
        "baltimore",
    ] {
        assert_eq!(ids(s.search_clients(q, 10).await.unwrap()), [jose.id], "query {q:?}");
    }
    for q in ["محمد", "ገብረሚካኤል", "李", "nguyen", "فاطمة", "o'brien", "zoe"] {
        assert_eq!(s.search_clients(q, 10).await.unwrap().len(), 1, "query {q:?}");
    }
    for q in ["\" OR 1=1 --", "'; DROP TABLE clients; --", "NEAR(", "*", "\"", ""] {
        let hits = s.search_clients(q, 10).await.unwrap();
        assert!(hits.len() <= 1, "{q:?} returned {}", hits.len());
    }
    assert_eq!(count(&s, "clients").await, 7);
    v.lock().await;
}

#[tokio::test]
async fn hostile_text_is_stored_exactly() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let names =
        ["Robert'); DROP TABLE clients;--", "<script>alert(1)</script>", "e\u{301}\u{301}\u{301}", "\u{202E}gnp.exe"];
    for n in names {
        let c = s.add_client(&person(n, "Test")).await.unwrap();
        assert_eq!(s.client(c.id).await.unwrap().fields.given_name, n);
    }
    let control = person("bell\u{7}", "Test");
    assert_eq!(s.add_client(&control).await.unwrap_err().code(), "invalid_input");
    assert_eq!(s.add_client(&person(&"x".repeat(5000), "Test")).await.unwrap_err().code(), "invalid_input");
    assert_eq!(count(&s, "clients").await, names.len() as i64);
    v.lock().await;
}

#[tokio::test]
async fn family_members_link_to_their_principal() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let p = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let child =
        ClientInput { principal_id: Some(p.id), relationship: Some("child".into()), ..person("Selam", "Haile") };
    let c = s.add_client(&child).await.unwrap();
    assert_eq!(s.family_of(p.id).await.unwrap()[0].id, c.id);
    let orphan = ClientInput { principal_id: Some(999), relationship: Some("child".into()), ..person("X", "Y") };
    assert_eq!(s.add_client(&orphan).await.unwrap_err().code(), "not_found");
    let self_link =
        ClientInput { principal_id: Some(p.id), relationship: Some("spouse".into()), ..person("Amina", "Haile") };
    assert_eq!(s.update_client(p.id, &self_link).await.unwrap_err().code(), "conflict");
    v.lock().await;
}

#[tokio::test]
async fn hearings_and_filings_round_trip() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    let h = s
        .add_hearing(&HearingInput {
            matter_id: m.id,
            kind: "individual".into(),
            starts_at: "2027-01-12 08:30".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let from = NaiveDate::from_ymd_opt(2027, 1, 11).unwrap();
    assert_eq!(s.hearings_between(from, from + Duration::days(6)).await.unwrap()[0].id, h.id);
    let f = s
        .add_filing(&FilingInput {
            matter_id: m.id,
            form: "i589".into(),
            filed_on: Some("2026-10-01".into()),
            status: Some("received".into()),
            receipt_number: Some("ioe-091-234-5678".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(f.fields.receipt_number.unwrap().as_str(), "IOE0912345678");
    assert_eq!(s.filings_for(m.id).await.unwrap().len(), 1);
    v.lock().await;
}

#[tokio::test]
async fn paging_and_filters() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    for i in 0..75 {
        let detained = if i % 5 == 0 { Some("detained".to_string()) } else { None };
        s.add_client(&ClientInput {
            detention_status: detained,
            nationality: Some("SV".into()),
            ..person(&format!("P{i:02}"), "Family")
        })
        .await
        .unwrap();
    }
    let page = s.list_clients(&ClientQuery { offset: 50, ..Default::default() }).await.unwrap();
    assert_eq!((page.items.len(), page.total), (25, 75));
    let detained = s.list_clients(&ClientQuery { detained_only: true, ..Default::default() }).await.unwrap();
    assert_eq!(detained.total, 15);
    let bad = s.list_clients(&ClientQuery { nationality: Some("ZZ".into()), ..Default::default() }).await.unwrap_err();
    assert_eq!(bad.code(), "invalid_input");
    v.lock().await;
}

#[tokio::test]
async fn adding_many_clients_is_all_or_nothing() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let mut rows: Vec<ClientInput> = (0..5).map(|i| person(&format!("P{i}"), "Bulk")).collect();
    rows[3].a_number = Some("A12".into());
    let err = s.add_clients(&rows).await.unwrap_err();
    assert!(err.to_string().contains("Row 4"), "{err}");
    assert_eq!(count(&s, "clients").await, 0);
    rows[3].a_number = None;
    assert_eq!(s.add_clients(&rows).await.unwrap().len(), 5);
    assert_eq!(s.search_clients("bulk", 10).await.unwrap().len(), 5);
    v.lock().await;
}

#[tokio::test]
async fn the_calendar_shows_hearings_and_deadlines_in_a_range() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    s.add_hearing(&HearingInput {
        matter_id: m.id,
        kind: "master_calendar".into(),
        starts_at: "2027-03-10 09:00".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    for (title, due) in [("in range", "2027-03-31"), ("after", "2027-04-01")] {
        s.add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: title.into(),
            due_on: due.into(),
            manual_reason: Some("order".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let march = s.calendar(today, NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(), today).await.unwrap();
    assert_eq!(march.hearings.len(), 1);
    assert_eq!(march.hearings[0].client_name, "Haile, Amina");
    let titles: Vec<&str> = march.deadlines.iter().map(|d| d.deadline.fields.title.as_str()).collect();
    assert_eq!(titles, ["in range"]);
    let backwards = s.calendar(today, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(), today).await.unwrap_err();
    assert_eq!(backwards.code(), "invalid_input");
    v.lock().await;
}

#[tokio::test]
async fn the_users_own_name_is_kept_in_the_vault() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    assert_eq!(s.user_name().await.unwrap(), None);
    s.set_user_name("Ana Volunteer").await.unwrap();
    s.set_user_name(" Ana María ").await.unwrap();
    assert_eq!(s.user_name().await.unwrap().as_deref(), Some("Ana María"));
    assert_eq!(s.set_user_name("a\nb").await.unwrap_err().code(), "invalid_input");
    s.set_user_name("").await.unwrap();
    assert_eq!(s.user_name().await.unwrap(), None);
    v.lock().await;
}

#[tokio::test]
async fn hearings_and_filings_change_with_the_case_and_bad_changes_save_nothing() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    let hearing = HearingInput {
        matter_id: m.id,
        kind: "master_calendar".into(),
        starts_at: "2027-01-12 08:30".into(),
        ..Default::default()
    };
    let h = s.add_hearing(&hearing).await.unwrap();
    let held = HearingInput {
        outcome: Some("Pleadings taken; individual hearing set".into()),
        attendance: Some("video".into()),
        matter_id: 9_999, // ignored: a hearing stays on its matter
        ..hearing.clone()
    };
    let h2 = s.update_hearing(h.id, &held).await.unwrap();
    assert_eq!(h2.fields.outcome.as_deref(), Some("Pleadings taken; individual hearing set"));
    assert_eq!(h2.fields.matter_id, m.id);
    let bad = HearingInput { starts_at: "2027-02-30 08:30".into(), ..held.clone() };
    let err = s.update_hearing(h.id, &bad).await.unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(s.hearing(h.id).await.unwrap(), h2, "a refused change saves nothing");
    let trail = s.audit_for("hearing", h.id).await.unwrap();
    assert_eq!(trail.len(), 2, "create and one update");
    assert!(trail[0].changes.to_string().contains("outcome") || trail[1].changes.to_string().contains("outcome"));

    let filing =
        FilingInput { matter_id: m.id, form: "i589".into(), status: Some("draft".into()), ..Default::default() };
    let f = s.add_filing(&filing).await.unwrap();
    let received = FilingInput {
        filed_on: Some("2026-10-01".into()),
        received_on: Some("2026-10-06".into()),
        receipt_number: Some("IOE0912345678".into()),
        status: Some("received".into()),
        ..filing.clone()
    };
    let f2 = s.update_filing(f.id, &received).await.unwrap();
    assert_eq!(f2.fields.status, FilingStatus::Received);
    let bad = FilingInput { receipt_number: Some("IOE12".into()), ..received.clone() };
    let err = s.update_filing(f.id, &bad).await.unwrap_err();
    assert!(matches!(&err, amparo::Error::Invalid(v) if v.message_for("receipt_number").is_some()), "{err:?}");
    assert_eq!(s.filing(f.id).await.unwrap(), f2);
    assert_eq!(s.update_filing(424_242, &received).await.unwrap_err().code(), "not_found");
    v.lock().await;
}

#[tokio::test]
async fn a_computed_deadline_can_be_moved_by_hand_with_a_reason_and_moved_back() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&person("Amina", "Haile")).await.unwrap();
    let m = matter_for(&s, c.id).await;
    let d = s
        .add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "Appeal".into(),
            rule_id: Some("bia-appeal".into()),
            trigger_on: Some("2026-05-20".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(d.fields.due_on.to_string(), "2026-06-22");

    let err = s.set_deadline_date(d.id, "2026-06-15", "  ").await.unwrap_err();
    assert!(matches!(&err, amparo::Error::Invalid(v) if v.message_for("override_reason").is_some()), "{err:?}");
    let err = s.set_deadline_date(d.id, "2026-06-31", "IJ order").await.unwrap_err();
    assert!(matches!(&err, amparo::Error::Invalid(v) if v.message_for("due_on").is_some()), "{err:?}");
    assert_eq!(s.deadline(d.id).await.unwrap(), d, "refused changes save nothing");

    let moved = s.set_deadline_date(d.id, "2026-06-15", "IJ order of 2026-05-20 sets an earlier date").await.unwrap();
    assert_eq!(moved.fields.due_on.to_string(), "2026-06-15");
    assert_eq!(moved.fields.computed_due_on.map(|d| d.to_string()).as_deref(), Some("2026-06-22"));
    assert!(moved.fields.override_reason.as_deref().unwrap().contains("IJ order"));

    let back = s.set_deadline_date(d.id, "2026-06-22", "").await.unwrap();
    assert_eq!(back.fields.due_on.to_string(), "2026-06-22");
    assert_eq!((back.fields.computed_due_on, back.fields.override_reason), (None, None));

    let waived = s.waive_deadline(d.id, "Client chose not to appeal").await.unwrap();
    assert_eq!(waived.status, DeadlineStatus::Waived);
    assert_eq!(s.audit_for("deadline", d.id).await.unwrap().len(), 4);
    v.lock().await;
}
