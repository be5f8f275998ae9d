//! The coordinator's desk across three real vaults syncing over a folder: assignment with a
//! co-assignee, reason and history; "new to you"; offboarding; review and sign-off seen on
//! both sides (and a forged approval refused); the clinic calendar, its flags and the
//! court-day list; the board's filters.

mod clinic_common;
mod common;

use amparo::clinic::{AssignInput, CaseloadFilter, Decision, DeskFilter, DeskFlag, Role, Supervisor};
use amparo::model::{FilingInput, ReviewStatus};
use amparo::Store;
use chrono::Duration;
use clinic_common::*;

fn draft(matter_id: i64, form: &str) -> FilingInput {
    FilingInput {
        matter_id,
        form: form.into(),
        description: Some("Declaration and I-589".into()),
        preparer: Some("Vera Volunteer, Clínica Amparo Test".into()),
        ..Default::default()
    }
}

fn filed(f: &amparo::model::Filing, on: &str) -> FilingInput {
    FilingInput {
        matter_id: f.fields.matter_id,
        form: f.fields.form.as_str().into(),
        description: f.fields.description.clone(),
        preparer: f.fields.preparer.clone(),
        filed_on: Some(on.into()),
        status: Some("filed".into()),
        method: Some("ecas".into()),
        ..Default::default()
    }
}

async fn member_id(s: &Store, name: &str) -> String {
    s.clinic_status().await.unwrap().members.into_iter().find(|m| m.name == name).unwrap().id
}

async fn matter_of(s: &Store, family: &str) -> i64 {
    let cid = client_id_by_name(s, family).await.unwrap_or_else(|| panic!("{family} is not on this laptop"));
    s.list_matters(Some(cid)).await.unwrap()[0].id
}

#[tokio::test]
async fn assignment_history_new_to_you_and_offboarding() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote").to_string_lossy().into_owned();
    let c = enroll(&remote, Role::Volunteer).await;
    open_case(&c.v1.store, NAME, Some("A123456789")).await;
    c.settle().await;
    let m = matter_of(&c.coord.store, NAME).await;

    // Victor becomes the primary volunteer, Vera stays on as co-assignee.
    let input = AssignInput {
        to: "Victor Volunteer".into(),
        also: vec!["Vera Volunteer".into()],
        reason: Some("Vera is at capacity; she keeps the declaration".into()),
        on: Some("2026-11-02".into()),
    };
    c.coord.store.matter_assign(m, &input).await.unwrap();
    let future = AssignInput { on: Some((Store::today() + Duration::days(3)).to_string()), ..input.clone() };
    assert_eq!(c.coord.store.matter_assign(m, &future).await.unwrap_err().code(), "invalid_input");
    assert_eq!(c.v1.store.matter_assign(1, &input).await.unwrap_err().code(), "not_coordinator");
    c.settle().await;

    // Victor's laptop has the case, says it is new to him, and shows why it came.
    let m2 = matter_of(&c.v2.store, NAME).await;
    let new = c.v2.store.new_to_me().await.unwrap();
    assert_eq!(new.iter().map(|n| n.matter_id).collect::<Vec<_>>(), vec![m2], "{new:?}");
    assert!(c.v1.store.new_to_me().await.unwrap().is_empty(), "Vera held the case already");
    let history = c.v2.store.assignment_history(m2).await.unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].to, "Victor Volunteer");
    assert_eq!(history[0].from.as_deref(), Some("Vera Volunteer"));
    assert_eq!(history[0].also, vec!["Vera Volunteer".to_string()]);
    assert_eq!(history[0].on.as_deref(), Some("2026-11-02"));
    assert!(history[0].reason.as_deref().unwrap().contains("capacity"));
    c.v2.store.seen_new_case(m2).await.unwrap();
    assert!(c.v2.store.new_to_me().await.unwrap().is_empty());

    // The co-assignee still writes to the case, and the primary volunteer receives it.
    let m1 = matter_of(&c.v1.store, NAME).await;
    let note = "Co-assignee's note: witness found";
    c.v1.store.add_note(amparo::model::NoteSubject::Matter(m1), note).await.unwrap();
    c.settle().await;
    let r = sync(&c.coord, &remote).await;
    assert!(r.refused.is_empty(), "{r:?}");
    let on_v2 = c.v2.store.notes_for(amparo::model::NoteSubject::Matter(m2)).await.unwrap();
    assert!(on_v2.iter().any(|n| n.body.contains("witness found")), "{on_v2:?}");

    // The board counts the case on Victor's row; Vera's drill-down lists it as co-assigned.
    let board = c.coord.store.caseload(Store::today(), &CaseloadFilter::default()).await.unwrap();
    let row = |name: &str| board.iter().find(|r| r.name == name).unwrap().open_matters;
    assert_eq!((row("Victor Volunteer"), row("Vera Volunteer")), (1, 0), "{board:?}");
    let vera = member_id(&c.coord.store, "Vera Volunteer").await;
    let hers = c.coord.store.member_cases(&vera).await.unwrap();
    assert_eq!(hers.len(), 1);
    assert!(!hers[0].primary);

    // Victor leaves: every open case of his goes to Vera in one step, history kept.
    let victor = member_id(&c.coord.store, "Victor Volunteer").await;
    let bad = AssignInput { to: "Victor Volunteer".into(), ..Default::default() };
    assert_eq!(c.coord.store.offboard("Victor Volunteer", &bad).await.unwrap_err().code(), "invalid_input");
    let to_vera =
        AssignInput { to: "Vera Volunteer".into(), reason: Some("Victor moved away".into()), ..Default::default() };
    let moved = c.coord.store.offboard("Victor Volunteer", &to_vera).await.unwrap();
    assert_eq!(moved, vec![m]);
    assert!(c.coord.store.member_cases(&victor).await.unwrap().is_empty());
    let history = c.coord.store.assignment_history(m).await.unwrap();
    assert_eq!(history.iter().map(|h| h.to.as_str()).collect::<Vec<_>>(), ["Victor Volunteer", "Vera Volunteer"]);
    assert!(history[1].also.is_empty(), "the leaving member is not kept as co-assignee: {history:?}");
    c.settle().await;
    // Offboarding a co-assignee leaves the primary volunteer in place.
    c.coord
        .store
        .matter_assign(
            m,
            &AssignInput { to: "Vera Volunteer".into(), also: vec!["Victor Volunteer".into()], ..Default::default() },
        )
        .await
        .unwrap();
    let to_carla = AssignInput { to: "Carla Coordinator".into(), ..Default::default() };
    assert_eq!(c.coord.store.offboard("Victor Volunteer", &to_carla).await.unwrap(), vec![m]);
    let history = c.coord.store.assignment_history(m).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.to.as_str(), last.also.clone()),
        ("Vera Volunteer", vec!["Carla Coordinator".to_string()]),
        "{history:?}"
    );
    assert_eq!(c.coord.store.member_cases(&vera).await.unwrap().iter().filter(|m| m.primary).count(), 1);
    c.settle().await;
    let hist_v1 = c.v1.store.assignment_history(m1).await.unwrap();
    assert_eq!(hist_v1.len(), 4, "the history travels with the case: {hist_v1:?}");
    c.close().await;
}

#[tokio::test]
async fn review_round_trip_on_both_desks_and_a_forged_approval_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote").to_string_lossy().into_owned();
    let c = enroll(&remote, Role::Volunteer).await;
    open_case(&c.v1.store, NAME, Some("A123456789")).await;
    let m1 = matter_of(&c.v1.store, NAME).await;
    c.coord.store.set_require_review(true).await.unwrap();
    c.settle().await;

    // A draft I-589 with its preparer; it cannot be filed before approval.
    let f = c.v1.store.add_filing(&draft(m1, "i589")).await.unwrap();
    assert_eq!(f.fields.preparer.as_deref(), Some("Vera Volunteer, Clínica Amparo Test"));
    assert_eq!(f.review.review_status, ReviewStatus::None);
    let refused = c.v1.store.update_filing(f.id, &filed(&f, "2026-11-20")).await.unwrap_err();
    assert_eq!(refused.code(), "review_required", "{refused}");
    let born_filed =
        FilingInput { status: Some("filed".into()), filed_on: Some("2026-11-20".into()), ..draft(m1, "i589") };
    assert_eq!(c.v1.store.add_filing(&born_filed).await.unwrap_err().code(), "review_required");
    assert_eq!(c.v1.store.review_decide(f.id, Decision::Approve, None).await.unwrap_err().code(), "not_reviewer");

    c.v1.store.review_request(f.id, Some("Please check the one-year exception")).await.unwrap();
    assert_eq!(c.v1.store.review_request(f.id, None).await.unwrap_err().code(), "review_step");
    c.settle().await;

    // The coordinator sees it waiting on them, and asks for changes.
    let waiting = c.coord.store.reviews().await.unwrap();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(waiting[0].yours);
    assert_eq!(waiting[0].requested_by_name.as_deref(), Some("Vera Volunteer"));
    let fc = waiting[0].filing.id;
    assert_eq!(c.coord.store.review_decide(fc, Decision::Changes, None).await.unwrap_err().code(), "review_step");
    c.coord.store.review_decide(fc, Decision::Changes, Some("Add the TPS dates to part C")).await.unwrap();
    c.settle().await;

    let mine = c.v1.store.reviews().await.unwrap();
    assert_eq!(mine[0].filing.review.review_status, ReviewStatus::ChangesRequested);
    assert!(mine[0].yours, "the changes are Vera's to make");
    assert_eq!(mine[0].filing.review.review_comment.as_deref(), Some("Add the TPS dates to part C"));
    assert_eq!(mine[0].reviewed_by_name.as_deref(), Some("Carla Coordinator"));

    // Again, then approved; now it may be filed.
    c.v1.store.review_request(f.id, Some("Done")).await.unwrap();
    c.settle().await;
    c.coord.store.review_decide(fc, Decision::Approve, Some("Good to file")).await.unwrap();
    c.settle().await;
    let approved = c.v1.store.filing(f.id).await.unwrap();
    assert_eq!(approved.review.review_status, ReviewStatus::Approved);
    // Changing what an approved filing says asks for review again.
    let edited = FilingInput { description: Some("Declaration, I-589 and exhibit index".into()), ..draft(m1, "i589") };
    let edited = c.v1.store.update_filing(f.id, &edited).await.unwrap();
    assert_eq!(edited.review.review_status, ReviewStatus::None, "an approval covers the filing as reviewed");
    c.v1.store.review_request(f.id, Some("Index added")).await.unwrap();
    c.settle().await;
    c.coord.store.review_decide(fc, Decision::Approve, None).await.unwrap();
    c.settle().await;
    let approved = c.v1.store.filing(f.id).await.unwrap();
    assert_eq!(approved.review.review_status, ReviewStatus::Approved);
    c.v1.store.update_filing(f.id, &filed(&approved, &Store::today().to_string())).await.unwrap();
    let steps: Vec<String> =
        c.v1.store
            .audit_for("filing", f.id)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .filter(|a| a.starts_with("review"))
            .collect();
    assert_eq!(
        steps,
        [
            "review_request",
            "review_changes",
            "review_request",
            "review_approve",
            "review_reset",
            "review_request",
            "review_approve"
        ],
        "audited on both desks"
    );

    // A coordinator may not approve their own request; a supervising attorney may approve.
    let cm = matter_of(&c.coord.store, NAME).await;
    let own = c.coord.store.add_filing(&draft(cm, "eoir26")).await.unwrap();
    c.coord.store.review_request(own.id, None).await.unwrap();
    assert_eq!(c.coord.store.review_decide(own.id, Decision::Approve, None).await.unwrap_err().code(), "own_review");

    // A volunteer's laptop that writes an approval itself is refused by the others.
    let forged =
        c.v1.store
            .add_filing(&FilingInput { description: Some("Motion to continue".into()), ..draft(m1, "motion") })
            .await
            .unwrap();
    sqlx::query(
        "UPDATE filings SET review_status = 'approved', reviewed_by = (SELECT member_id FROM clinic_self) WHERE id = ?",
    )
    .bind(forged.id)
    .execute(c.v1.store.pool())
    .await
    .unwrap();
    sync(&c.v1, &remote).await;
    let r = sync(&c.coord, &remote).await;
    assert!(
        r.refused.iter().any(|x| x.reason.contains("without being a reviewer")),
        "the forged approval is refused: {r:?}"
    );

    // Nor may it sign a request in a reviewer's name, or clear who reviewed an approval.
    let carla = member_id(&c.coord.store, "Carla Coordinator").await;
    for (sql, what) in [
        (
            "UPDATE filings SET review_status = 'requested', review_requested_by = ? WHERE id = ?",
            "in the coordinator's name",
        ),
        (
            "UPDATE filings SET reviewed_by = NULL, review_comment = 'Looks fine' WHERE id = ? AND ? <> ''",
            "a cleared reviewer",
        ),
    ] {
        let f2 =
            c.v1.store.add_filing(&FilingInput { description: Some(what.into()), ..draft(m1, "brief") }).await.unwrap();
        sync(&c.v1, &remote).await;
        sync(&c.coord, &remote).await;
        let q = sqlx::query(sql);
        let q = if what.starts_with("in") { q.bind(&carla).bind(f2.id) } else { q.bind(approved.id).bind("x") };
        q.execute(c.v1.store.pool()).await.unwrap();
        sync(&c.v1, &remote).await;
        let r = sync(&c.coord, &remote).await;
        assert!(r.refused.iter().any(|x| x.reason.contains("without being a reviewer")), "{what}: {r:?}");
    }

    // Once Vera is marked supervising attorney, her approvals count.
    c.coord.store.set_supervisor("Vera Volunteer", Some(Supervisor::Attorney)).await.unwrap();
    c.settle().await;
    assert!(c.v1.store.reviews().await.unwrap().iter().any(|i| i.yours && i.filing.fields.form.as_str() == "eoir26"));
    c.close().await;
}

#[tokio::test]
async fn clinic_calendar_flags_court_day_and_board_filters() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote").to_string_lossy().into_owned();
    let c = enroll(&remote, Role::Volunteer).await;
    open_case(&c.v1.store, NAME, Some("A123456789")).await;
    // A case the coordinator opened and gave to no one.
    open_case(&c.coord.store, "Zanzibarova", None).await;
    c.settle().await;

    let from = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
    let today = Store::today();
    let all = c.coord.store.desk_calendar(from, to, &DeskFilter::default(), today).await.unwrap();
    let hearings: Vec<_> = all.iter().filter(|e| e.kind == "hearing").collect();
    assert_eq!(hearings.len(), 2, "{all:?}");
    let vera = hearings.iter().find(|e| e.client_name.contains(NAME)).unwrap();
    assert_eq!(vera.volunteer.as_deref(), Some("Vera Volunteer"));
    assert_eq!(vera.flag, None);
    let nobody = hearings.iter().find(|e| e.client_name.contains("Zanzibarova")).unwrap();
    assert_eq!(nobody.flag, Some(DeskFlag::NoVolunteer), "a hearing no one holds is flagged");

    // Ten days on without a sync from Vera's laptop, her deadlines are flagged.
    let later =
        c.coord.store.desk_calendar(from, to, &DeskFilter::default(), today + Duration::days(10)).await.unwrap();
    assert!(later
        .iter()
        .any(|e| e.kind == "deadline" && e.client_name.contains(NAME) && e.flag == Some(DeskFlag::VolunteerSilent)));

    // Filters by member and court.
    let vid = member_id(&c.coord.store, "Vera Volunteer").await;
    let only_vera = DeskFilter { member: Some(vid), court: None };
    let hers = c.coord.store.desk_calendar(from, to, &only_vera, today).await.unwrap();
    assert!(!hers.is_empty() && hers.iter().all(|e| e.client_name.contains(NAME)), "{hers:?}");
    let none = DeskFilter { member: Some("none".into()), court: None };
    assert!(c
        .coord
        .store
        .desk_calendar(from, to, &none, today)
        .await
        .unwrap()
        .iter()
        .all(|e| e.client_name.contains("Zanzibarova")));
    let elsewhere = DeskFilter { member: None, court: Some("Atlanta Immigration Court".into()) };
    assert!(c.coord.store.desk_calendar(from, to, &elsewhere, today).await.unwrap().is_empty());

    // The court-day list: initials unless asked for names.
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let list = c.coord.store.court_day("baltimore immigration court ", day, false).await.unwrap();
    assert_eq!(list.rows.len(), 2, "{list:?}");
    assert_eq!(list.rows[0].time, "09:00");
    assert!(list.rows.iter().any(|r| r.client == "M. Q."), "{list:?}");
    assert!(!serde_json::to_string(&list).unwrap().contains(NAME), "no full name on an initials list");
    let named = c.coord.store.court_day("Baltimore Immigration Court", day, true).await.unwrap();
    assert!(named.rows.iter().any(|r| r.client.contains(NAME)));
    assert_eq!(c.coord.store.court_day("  ", day, true).await.unwrap_err().code(), "invalid_input");
    let unheld = c.coord.store.member_cases("").await.unwrap();
    assert_eq!(unheld.iter().map(|m| m.client_name.as_str()).collect::<Vec<_>>(), ["Marisol Zanzibarova"]);
    assert_eq!(c.coord.store.courts().await.unwrap(), vec!["Baltimore Immigration Court".to_string()]);

    // The board's filters (the coordinator's client is detained and speaks Tigrinya).
    sqlx::query("UPDATE clients SET detention_status = 'detained', languages = '[\"Tigrinya\"]' WHERE family_name = 'Zanzibarova'")
        .execute(c.coord.store.pool())
        .await
        .unwrap();
    let count = |f: CaseloadFilter| {
        let s = &c.coord.store;
        async move { s.caseload(today, &f).await.unwrap().iter().map(|r| r.open_matters).sum::<i64>() }
    };
    assert_eq!(count(CaseloadFilter::default()).await, 2);
    // The unfiltered board (kept by triggers) and a filter every case passes agree.
    let every = CaseloadFilter { court: Some("Baltimore Immigration Court".into()), ..Default::default() };
    for day in [today, today + Duration::days(70), today + Duration::days(100)] {
        let plain = c.coord.store.caseload(day, &CaseloadFilter::default()).await.unwrap();
        let filtered = c.coord.store.caseload(day, &every).await.unwrap();
        assert_eq!(plain, filtered, "as of {day}");
        assert!(plain.iter().any(|r| r.hearings_14d + r.overdue + r.due_7d + r.stale_30d > 0), "{plain:?}");
    }
    // A deleted client's case leaves the board, and comes back with the client.
    let zid = client_id_by_name(&c.coord.store, "Zanzibarova").await.unwrap();
    c.coord.store.delete_client(zid).await.unwrap();
    assert_eq!(count(CaseloadFilter::default()).await, 1);
    assert_eq!(count(every.clone()).await, 1);
    c.coord.store.restore_client(zid).await.unwrap();
    assert_eq!(count(CaseloadFilter::default()).await, 2);
    assert_eq!(
        count(CaseloadFilter { court: Some("BALTIMORE immigration court".into()), ..Default::default() }).await,
        2
    );
    assert_eq!(count(CaseloadFilter { court: Some("Atlanta".into()), ..Default::default() }).await, 0);
    assert_eq!(count(CaseloadFilter { kind: Some("bond".into()), ..Default::default() }).await, 0);
    assert_eq!(count(CaseloadFilter { detained: true, ..Default::default() }).await, 1);
    assert_eq!(count(CaseloadFilter { language: Some("tigrinya".into()), ..Default::default() }).await, 1);
    assert_eq!(count(CaseloadFilter { language: Some("Amharic".into()), ..Default::default() }).await, 0);
    c.close().await;
}
