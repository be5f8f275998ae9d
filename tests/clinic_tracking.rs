//! What clinics track beyond hearings, against real encrypted vaults: appointments (USCIS
//! ones only on USCIS cases), custody periods with bonds, notes with their author, the
//! receipt re-check list, search by the last digits of a number, the calendar's holidays,
//! and retention: archive, then purge leaving only a tombstone, here and across a clinic.

mod clinic_common;
mod common;

use amparo::model::*;
use amparo::Store;
use chrono::NaiveDate;
use common::*;

fn field_error(e: amparo::Error, field: &str) -> String {
    let amparo::Error::Invalid(v) = e else { panic!("not a validation error: {e}") };
    v.message_for(field).unwrap_or_else(|| panic!("no message for {field}: {v:?}")).to_string()
}

async fn matter(s: &Store, client_id: i64, kind: &str, forum: &str) -> Matter {
    s.add_matter(&MatterInput { client_id, kind: kind.into(), forum: forum.into(), ..Default::default() })
        .await
        .unwrap()
}

/// An I-589 USCIS has acknowledged, with its receipt number.
fn received_i589(matter_id: i64) -> FilingInput {
    FilingInput {
        matter_id,
        form: "i589".into(),
        filed_on: Some("2026-10-01".into()),
        status: Some("received".into()),
        receipt_number: Some("ZLA2690012345".into()),
        ..Default::default()
    }
}

fn client(given: &str, family: &str, a: Option<&str>) -> ClientInput {
    ClientInput {
        given_name: given.into(),
        family_name: family.into(),
        a_number: a.map(Into::into),
        nationality: Some("ER".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn appointments_fit_their_forum_and_reach_the_calendar_beside_holidays() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&client("Yonas", "Tesfaye", None)).await.unwrap();
    let court = matter(&s, c.id, "defensive_asylum", "immigration_court").await;
    let office = matter(&s, c.id, "affirmative_asylum", "uscis_asylum_office").await;

    let biometrics = |matter_id| AppointmentInput {
        matter_id,
        kind: "biometrics".into(),
        starts_at: "2027-07-02 08:00".into(),
        place: Some("Baltimore ASC".into()),
        accompanied_by: Some("Lucía Fernández".into()),
        ..Default::default()
    };
    let interview = AppointmentInput { kind: "asylum_interview".into(), ..biometrics(court.id) };
    let e = s.add_appointment(&interview).await.unwrap_err();
    assert!(field_error(e, "kind").contains("USCIS"), "an asylum office interview refused on a court case");
    // A defensive applicant's biometrics are taken by USCIS too (8 CFR 1003.47(d)).
    let court_biometrics = s.add_appointment(&biometrics(court.id)).await.unwrap();
    s.delete_appointment(court_biometrics.id).await.unwrap();
    let a = s.add_appointment(&biometrics(office.id)).await.unwrap();
    let check_in = AppointmentInput {
        matter_id: court.id,
        kind: "ice_check_in".into(),
        starts_at: "2027-07-06 10:00".into(),
        ..Default::default()
    };
    s.add_appointment(&check_in).await.unwrap();

    // Court events only on court cases, the asylum interview only on a USCIS case.
    let master = HearingInput {
        matter_id: office.id,
        kind: "master_calendar".into(),
        starts_at: "2027-07-09 09:00".into(),
        ..Default::default()
    };
    assert!(field_error(s.add_hearing(&master).await.unwrap_err(), "kind").contains("immigration court"));
    assert!(s.add_hearing(&HearingInput { matter_id: court.id, ..master.clone() }).await.is_ok());

    // The outcome is recorded and audited; a removed appointment leaves the lists.
    let held = AppointmentInput { outcome: Some("attended".into()), ..biometrics(office.id) };
    let a = s.update_appointment(a.id, &held).await.unwrap();
    assert_eq!(a.fields.outcome, Some(AppointmentOutcome::Attended));
    let history = s.audit_for("appointment", a.id).await.unwrap();
    assert_eq!(history.last().unwrap().action, "update");
    assert!(history.last().unwrap().changes.contains("attended"));

    let from = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2027, 7, 10).unwrap();
    let cal = s.calendar(from, to, from).await.unwrap();
    assert_eq!(cal.appointments.len(), 2);
    assert_eq!(cal.appointments[0].client_name, "Tesfaye, Yonas");
    // 4 July 2027 is a Sunday: the holiday is observed on Monday 5 July (5 U.S.C. 6103(b)).
    assert_eq!(cal.holidays.len(), 1, "{:?}", cal.holidays);
    assert_eq!(cal.holidays[0].date, NaiveDate::from_ymd_opt(2027, 7, 5).unwrap());
    assert!(cal.holidays[0].name.en.contains("Independence Day"));
    assert_eq!(cal.hearings[0].hearing.fields.kind, HearingKind::MasterCalendar);

    // Referred to court, the case keeps its interview, to record what happened at it.
    let interview = AppointmentInput { kind: "asylum_interview".into(), ..biometrics(office.id) };
    let interview = s.add_appointment(&interview).await.unwrap();
    let mut referred = s.matter(office.id).await.unwrap().fields.to_input();
    referred.forum = "immigration_court".into();
    s.update_matter(office.id, &referred).await.unwrap();
    let missed =
        AppointmentInput { outcome: Some("missed".into()), kind: "asylum_interview".into(), ..biometrics(office.id) };
    assert!(s.update_appointment(interview.id, &missed).await.is_ok());
    let changed = AppointmentInput { kind: "uscis_interview".into(), ..missed };
    assert!(s.update_appointment(interview.id, &changed).await.is_err(), "a new USCIS kind on a court case");
    s.delete_appointment(interview.id).await.unwrap();

    s.delete_appointment(a.id).await.unwrap();
    assert_eq!(s.appointments_for(office.id).await.unwrap().len(), 0);
    assert_eq!(s.calendar(from, to, from).await.unwrap().appointments.len(), 1);
    assert_eq!(s.appointment_kinds(court.id).await.unwrap(), AppointmentKind::offered(Forum::ImmigrationCourt));
    v.lock().await;
}

#[tokio::test]
async fn custody_periods_keep_a_history_and_the_client_follows_the_latest() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&client("Samuel", "Haile", None)).await.unwrap();
    let first = CustodyInput {
        client_id: c.id,
        facility: Some("Otay Mesa Detention Center".into()),
        detained_on: "2025-01-10".into(),
        released_on: Some("2025-03-02".into()),
        bond_amount: Some("$7,500".into()),
        bond_status: Some("posted".into()),
        alternative: Some("ankle_monitor".into()),
        ..Default::default()
    };
    s.add_custody_period(&first).await.unwrap();
    let now = s.client(c.id).await.unwrap().fields;
    assert_eq!(now.detention_status, DetentionStatus::Released);
    assert_eq!(now.released_on, NaiveDate::from_ymd_opt(2025, 3, 2));

    let again = CustodyInput {
        client_id: c.id,
        facility: Some("Adelanto ICE Processing Center".into()),
        detained_on: "2026-06-01".into(),
        bond_status: Some("requested".into()),
        ..Default::default()
    };
    let second = s.add_custody_period(&again).await.unwrap();
    let now = s.client(c.id).await.unwrap().fields;
    assert_eq!(now.detention_status, DetentionStatus::Detained);
    assert_eq!(now.detention_facility.as_deref(), Some("Adelanto ICE Processing Center"));
    let periods = s.custody_for(c.id).await.unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[1].fields.bond_amount, Some(7500));
    assert_eq!(periods[1].fields.alternative, Some(Alternative::AnkleMonitor));
    let followed = s.audit_for("client", c.id).await.unwrap();
    assert!(followed.last().unwrap().changes.contains("Adelanto"), "the client's change is audited");

    // A bond amount with a denied bond, and a release before the detention, are refused.
    let bad = CustodyInput { bond_amount: Some("5000".into()), bond_status: Some("denied".into()), ..again.clone() };
    assert!(field_error(s.update_custody_period(second.id, &bad).await.unwrap_err(), "bond_amount").contains("bond"));
    let before = CustodyInput { released_on: Some("2026-05-01".into()), ..again.clone() };
    assert!(s.update_custody_period(second.id, &before).await.is_err());
    assert_eq!(s.custody_for(c.id).await.unwrap()[0].fields.bond_status, Some(BondStatus::Requested));

    // Removing the period entered by mistake puts the client back as the earlier one left them.
    s.delete_custody_period(second.id).await.unwrap();
    assert_eq!(s.client(c.id).await.unwrap().fields.detention_status, DetentionStatus::Released);
    v.lock().await;
}

#[tokio::test]
async fn search_finds_last_digits_and_receipts_and_filters_detained() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let free = s.add_client(&client("Marta", "Gebre", Some("A201345678"))).await.unwrap();
    let held = s
        .add_client(&ClientInput {
            detention_status: Some("detained".into()),
            ..client("Marta", "Kidane", Some("A209995678"))
        })
        .await
        .unwrap();
    let m = matter(&s, free.id, "affirmative_asylum", "uscis_asylum_office").await;
    s.add_filing(&received_i589(m.id)).await.unwrap();

    let ids = |hits: Vec<amparo::store::search::SearchHit>| hits.iter().map(|h| h.client_id).collect::<Vec<_>>();
    let both = ids(s.search_clients("5678", 10).await.unwrap());
    assert!(both.contains(&free.id) && both.contains(&held.id), "{both:?}");
    assert_eq!(ids(s.search_clients_where("5678", true, 10).await.unwrap()), vec![held.id]);
    assert_eq!(ids(s.search_clients_where("Marta", true, 10).await.unwrap()), vec![held.id]);
    let by_receipt = s.search_clients("ZLA2690012345", 10).await.unwrap();
    assert_eq!(ids(by_receipt.clone()), vec![free.id]);
    assert_eq!(by_receipt[0].receipt_number.as_deref(), Some("ZLA2690012345"));
    assert_eq!(ids(s.search_clients("12345", 10).await.unwrap()), vec![free.id], "the receipt's last digits");
    assert_eq!(by_receipt[0].nationality.as_ref().unwrap().as_str(), "ER");
    assert!(s.search_clients("999", 10).await.unwrap().is_empty(), "three digits are too few to mean a number");
    v.lock().await;
}

#[tokio::test]
async fn notes_name_their_author_and_receipts_wait_for_a_status_check() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = Store::new(v.pool().clone(), "Lucía Fernández");
    let c = s.add_client(&client("Senait", "Berhe", None)).await.unwrap();
    let m = matter(&s, c.id, "affirmative_asylum", "uscis_asylum_office").await;
    let n = s.add_note(NoteSubject::Matter(m.id), "Called the client about biometrics").await.unwrap();
    assert_eq!(n.author.as_deref(), Some("Lucía Fernández"));
    let other = Store::new(v.pool().clone(), "Pedro Ruiz");
    other.edit_note(n.id, "Called the client about biometrics; she will come").await.unwrap();
    let n = &s.notes_for(NoteSubject::Matter(m.id)).await.unwrap()[0];
    assert_eq!((n.author.as_deref(), n.edited_by.as_deref()), (Some("Lucía Fernández"), Some("Pedro Ruiz")));

    let f = s.add_filing(&received_i589(m.id)).await.unwrap();
    let today = Store::today();
    assert_eq!(s.filings_to_recheck(today, 14, 10).await.unwrap().len(), 1, "never checked");
    s.confirm_filing_status(f.id, today).await.unwrap();
    assert!(s.filings_to_recheck(today, 14, 10).await.unwrap().is_empty());
    assert_eq!(s.filings_to_recheck(today + chrono::Duration::days(15), 14, 10).await.unwrap().len(), 1);
    assert!(s.confirm_filing_status(f.id, today + chrono::Duration::days(1)).await.is_err(), "not a future check");
    assert_eq!(s.dashboard(today).await.unwrap().recheck_filings.len(), 0);
    v.lock().await;
}

#[tokio::test]
async fn a_client_is_archived_then_purged_leaving_only_a_tombstone() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let c = s.add_client(&client("Quokkafish", "Zyxwvut", Some("A208887776"))).await.unwrap();
    let keep = s.add_client(&client("Abeba", "Tekle", None)).await.unwrap();
    s.add_note(NoteSubject::Client(keep.id), "Another client's note").await.unwrap();
    let m = matter(&s, c.id, "defensive_asylum", "immigration_court").await;
    s.add_note(NoteSubject::Client(c.id), "Persecuted for the Plumbago cooperative").await.unwrap();
    s.add_custody_period(&CustodyInput {
        client_id: c.id,
        facility: Some("Wombatville Processing Center".into()),
        detained_on: "2024-02-01".into(),
        released_on: Some("2024-03-01".into()),
        ..Default::default()
    })
    .await
    .unwrap();

    let open = s.archive_client(c.id).await.unwrap_err();
    assert!(open.to_string().contains("Close every case"), "{open}");
    s.close_matter(
        m.id,
        &amparo::store::matters::CloseMatterInput {
            closed_on: Store::today().to_string(),
            outcome: "granted".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    s.archive_client(c.id).await.unwrap();
    let listed = s.list_clients(&Default::default()).await.unwrap();
    assert_eq!(listed.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![keep.id], "archived clients leave the list");
    let archived =
        s.list_clients(&amparo::store::clients::ClientQuery { archived: true, ..Default::default() }).await.unwrap();
    assert_eq!(archived.items[0].id, c.id);

    let years = s.retention_years().await.unwrap();
    assert_eq!(years, 7);
    let early = s.purge_client(c.id, Store::today()).await.unwrap_err();
    assert!(early.to_string().contains("has not passed"), "{early}");
    assert!(s.purge_client(keep.id, NaiveDate::MAX).await.is_err(), "a client not archived is not purged");
    let due = s.archived_clients().await.unwrap()[0].purge_from.unwrap();
    assert!(due > Store::today() + chrono::Duration::days(365 * 6));

    // A case opened again brings the client back from the archive: never purged with it.
    let reopened = s.reopen_matter(m.id).await.unwrap();
    assert!(s.client(c.id).await.unwrap().archived_at.is_none(), "reopening unarchives");
    assert!(s.purge_client(c.id, due).await.is_err());
    s.close_matter(
        reopened.id,
        &amparo::store::matters::CloseMatterInput {
            closed_on: Store::today().to_string(),
            outcome: "granted".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    s.archive_client(c.id).await.unwrap();
    let purged = s.purge_client(c.id, due).await.unwrap();
    assert_eq!(purged.matters, 1);
    assert!(purged.history_entries >= 5, "{purged:?}");
    let everything = format!("{:?}", dump_all(v.pool()).await);
    for trace in ["Quokkafish", "Zyxwvut", "208887776", "Plumbago", "Wombatville"] {
        assert!(!everything.contains(trace), "{trace} survived the purge");
    }
    let tomb: String =
        sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'purge'").fetch_one(v.pool()).await.unwrap();
    assert!(tomb.contains(&format!("\"client\":{}", c.id)) && tomb.contains("\"matters\":1"), "{tomb}");
    assert!(s.client(keep.id).await.is_ok(), "the other client is untouched");
    // Outside a purge the history stays append-only.
    let refused = sqlx::query("DELETE FROM audit_log").execute(v.pool()).await;
    assert!(refused.unwrap_err().to_string().contains("cannot be deleted"));
    let refused = sqlx::query("DELETE FROM note_versions").execute(v.pool()).await;
    assert!(refused.is_err());
    v.lock().await;
}

#[tokio::test]
async fn appointments_and_custody_travel_and_a_purged_client_does_not_come_back() {
    use clinic_common::*;
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote").to_string_lossy().into_owned();
    let c = enroll(&remote, amparo::clinic::Role::Volunteer).await;
    let (cid, mid, _, _, _) = open_case(&c.v1.store, NAME, Some("A123456789")).await;
    c.v1.store
        .add_appointment(&AppointmentInput {
            matter_id: mid,
            kind: "ice_check_in".into(),
            starts_at: "2027-05-04 09:00".into(),
            accompanied_by: Some("Vera Volunteer".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    c.v1.store
        .add_custody_period(&CustodyInput {
            client_id: cid,
            facility: Some("Glades County Detention Center".into()),
            detained_on: "2025-05-01".into(),
            released_on: Some("2025-06-01".into()),
            bond_amount: Some("4000".into()),
            bond_status: Some("posted".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    c.settle().await;
    let at_coord = client_id_by_name(&c.coord.store, NAME).await.expect("the case reached the coordinator");
    let m = c.coord.store.list_matters(Some(at_coord)).await.unwrap()[0].id;
    let appts = c.coord.store.appointments_for(m).await.unwrap();
    assert_eq!(appts.len(), 1);
    assert_eq!(appts[0].fields.accompanied_by.as_deref(), Some("Vera Volunteer"));
    let custody = c.coord.store.custody_for(at_coord).await.unwrap();
    assert_eq!(custody[0].fields.bond_amount, Some(4000));

    // The coordinator closes, archives and purges the case; the volunteer still has it and
    // keeps editing, but what arrives about the purged records is dropped.
    c.coord
        .store
        .close_matter(
            m,
            &amparo::store::matters::CloseMatterInput {
                closed_on: Store::today().to_string(),
                outcome: "granted".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    c.coord.store.archive_client(at_coord).await.unwrap();
    c.coord.store.purge_client(at_coord, NaiveDate::MAX).await.unwrap();
    assert_eq!(client_id_by_name(&c.coord.store, NAME).await, None);
    let late_note = c.v1.store.add_note(NoteSubject::Client(cid), "Still working on this").await.unwrap();
    let changed = ClientInput {
        given_name: "Marisol".into(),
        family_name: NAME.into(),
        a_number: Some("A123456789".into()),
        phone: Some("(410) 555-0142".into()),
        ..Default::default()
    };
    c.v1.store.update_client(cid, &changed).await.unwrap();
    // In the same bundle, a new case: it must not be held up by what was dropped.
    open_case(&c.v1.store, "Nuevacliente", None).await;
    c.settle().await;
    assert!(client_id_by_name(&c.coord.store, "Nuevacliente").await.is_some(), "the rest of the bundle arrived");
    // A later edit of the note made for the purged client does not hold up a later bundle.
    c.v1.store.edit_note(late_note.id, "Still working on this, again").await.unwrap();
    open_case(&c.v1.store, "Segundacliente", None).await;
    c.settle().await;
    assert!(client_id_by_name(&c.coord.store, "Segundacliente").await.is_some(), "a later bundle arrived too");
    assert_eq!(client_id_by_name(&c.coord.store, NAME).await, None, "the purged client did not come back");
    let everything = format!("{:?}", dump_all(c.coord.vault.pool()).await);
    for trace in [NAME, "Glades County", "555-0142", "Still working", "again"] {
        assert!(!everything.contains(trace), "{trace}: nothing of the client is kept, even what arrived later");
    }
    c.close().await;
}
