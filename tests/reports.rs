//! Reports for the clinic and for funders: the counts, the de-identified form (no names,
//! small counts hidden), CSV read back, and the printable page's escaping.

mod common;

use amparo::exchange::reports::{render, Cell, ReportKind, ReportOptions};
use amparo::model::{ClientInput, DeadlineInput, HearingInput, MatterInput};
use amparo::Store;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn opts(kind: ReportKind, deidentified: bool) -> ReportOptions {
    ReportOptions { kind, from: d("2026-01-01"), to: d("2026-12-31"), deidentified, threshold: 5, spanish: false }
}

/// Six clients of Lucía's (Guatemala, born 1990), one of <Tom & "Jerry">'s (a child).
async fn seed(s: &Store) {
    for i in 0..7 {
        let volunteer = if i < 6 { "Lucía Fernández" } else { "<Tom & \"Jerry\">" };
        let client = s
            .add_client(&ClientInput {
                given_name: format!("Client{i}"),
                family_name: "Secretname".into(),
                date_of_birth: Some(if i < 6 { "1990-05-05" } else { "2015-05-05" }.into()),
                nationality: Some("GT".into()),
                languages: vec!["Spanish".into()],
                ..Default::default()
            })
            .await
            .unwrap();
        let matter = s
            .add_matter(&MatterInput {
                client_id: client.id,
                kind: "defensive_asylum".into(),
                forum: "immigration_court".into(),
                assigned_to: Some(volunteer.into()),
                opened_on: Some("2026-02-01".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        s.add_hearing(&HearingInput {
            matter_id: matter.id,
            kind: if i == 0 { "individual" } else { "master_calendar" }.into(),
            starts_at: "2026-03-02 09:00".into(),
            court: Some("Arlington Immigration Court".into()),
            ..Default::default()
        })
        .await
        .unwrap();
        let deadline = s
            .add_deadline(&DeadlineInput {
                matter_id: matter.id,
                title: "Secretname's brief".into(),
                due_on: "2026-03-01".into(),
                manual_reason: Some("order".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        if i < 3 {
            s.complete_deadline(deadline.id, if i == 0 { "2026-03-05" } else { "2026-02-20" }).await.unwrap();
        }
    }
}

fn count(c: &Cell) -> i64 {
    match c {
        Cell::Count(n) => *n,
        other => panic!("not a count: {other:?}"),
    }
}

#[tokio::test]
async fn counts_for_the_clinic_and_hidden_for_funders() {
    let (_dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    seed(&s).await;

    let caseload = s.report(&opts(ReportKind::Caseload, false)).await.unwrap();
    let rows: Vec<(String, Vec<i64>)> = caseload
        .rows
        .iter()
        .map(|r| match &r[0] {
            Cell::Text(name) => (name.clone(), r[1..].iter().map(count).collect()),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        rows,
        vec![("<Tom & \"Jerry\">".into(), vec![1, 1, 0, 1, 1]), ("Lucía Fernández".into(), vec![6, 6, 0, 6, 3]),]
    );

    let deadlines = s.report(&opts(ReportKind::Deadlines, false)).await.unwrap();
    assert_eq!(deadlines.rows.len(), 1);
    let d: Vec<i64> = deadlines.rows[0][1..].iter().map(count).collect();
    assert_eq!(d, vec![7, 2, 1, 4, 0, 0], "due, met, late, missed, waived, to come");
    assert_eq!(deadlines.rows[0][0], Cell::Text("Set by hand".into()), "a typed title never shows");

    let hearings = s.report(&opts(ReportKind::Hearings, false)).await.unwrap();
    assert_eq!(hearings.rows[0][0], Cell::Text("Arlington Immigration Court".into()));
    assert_eq!(hearings.rows[0][1..].iter().map(count).collect::<Vec<_>>(), vec![7, 1, 0, 0]);

    // De-identified: volunteers by letter, small counts hidden, no client detail anywhere.
    let funders = s.report(&opts(ReportKind::Caseload, true)).await.unwrap();
    let csv_text = String::from_utf8(render::csv(&funders, false)).unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let back: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(reader.headers().unwrap().iter().next(), Some("Volunteer"));
    // Letters by caseload size, not by name.
    assert_eq!(back[0], vec!["Volunteer A", "6", "6", "0", "6", "fewer than 5"]);
    assert_eq!(back[1], vec!["Volunteer B", "fewer than 5", "fewer than 5", "0", "fewer than 5", "fewer than 5"]);
    let page = render::html(&funders, false);
    for kind in
        [ReportKind::Caseload, ReportKind::Outcomes, ReportKind::Hearings, ReportKind::Deadlines, ReportKind::Clients]
    {
        let r = s.report(&opts(kind, true)).await.unwrap();
        let all = format!("{}{}", String::from_utf8(render::csv(&r, false)).unwrap(), render::html(&r, true));
        for secret in ["Secretname", "Client0", "Lucía", "Tom", "1990-05-05", "brief"] {
            assert!(!all.contains(secret), "{secret} in the de-identified {kind:?} report");
        }
    }
    assert!(page.contains("De-identified") && page.contains("fewer than 5"));

    let clients = s.report(&opts(ReportKind::Clients, true)).await.unwrap();
    let shown: Vec<String> =
        String::from_utf8(render::csv(&clients, false)).unwrap().lines().map(String::from).collect();
    assert!(shown.contains(&"Nationality,Guatemala,7".to_string()), "{shown:?}");
    // The one child is not a group of its own: small groups merge into an unnamed one.
    assert!(!shown.iter().any(|l| l.contains("0–17")), "{shown:?}");
    assert!(
        shown.contains(&"Age (at the end of the period),Other groups (each fewer than 5),fewer than 5".to_string()),
        "{shown:?}"
    );
    assert!(shown.contains(&"Age (at the end of the period),35–49,6".to_string()), "{shown:?}");
    let one = ReportOptions { threshold: 10, ..opts(ReportKind::Clients, true) };
    let small = s.report(&one).await.unwrap();
    assert!(render::html(&small, false).contains("period: fewer than 10."), "a small total is hidden too");

    // The clinic's own page names volunteers, escaped.
    let own = render::html(&caseload, false);
    assert!(own.contains("&lt;Tom &amp; &quot;Jerry&quot;&gt;") && !own.contains("<Tom"));
    assert!(own.contains("Confidential"));

    s.record_report(&funders, "csv", "funders.csv").await.unwrap();
    let audited: String =
        sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = 'export'").fetch_one(s.pool()).await.unwrap();
    assert!(audited.contains("\"deidentified\":true") && audited.contains("caseload"), "{audited}");
    v.lock().await;
}

#[tokio::test]
async fn impossible_requests_are_refused() {
    let (_dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    let backwards = ReportOptions { from: d("2026-12-31"), to: d("2026-01-01"), ..opts(ReportKind::Outcomes, false) };
    assert!(s.report(&backwards).await.unwrap_err().to_string().contains("ends before"));
    let no_hiding = ReportOptions { threshold: 1, ..opts(ReportKind::Clients, true) };
    assert!(s.report(&no_hiding).await.unwrap_err().to_string().contains("at least 2"));
    v.lock().await;
}

#[tokio::test]
async fn the_outcomes_report_says_how_far_the_clinic_represented_each_case() {
    let (_dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    let s = common::store(&v);
    let c = s
        .add_client(&ClientInput { given_name: "Ana".into(), family_name: "Ruiz".into(), ..Default::default() })
        .await
        .unwrap();
    s.add_matter(&amparo::model::MatterInput {
        client_id: c.id,
        kind: "defensive_asylum".into(),
        forum: "immigration_court".into(),
        representation: Some("limited".into()),
        opened_on: Some("2026-03-01".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let r = s.report(&opts(ReportKind::Outcomes, false)).await.unwrap();
    assert_eq!(r.columns[2].en, "Representation");
    assert_eq!(r.rows[0][2], Cell::Text("Limited: document assistance (EOIR-61)".into()));
    let es = s.report(&ReportOptions { spanish: true, ..opts(ReportKind::Outcomes, false) }).await.unwrap();
    assert_eq!(es.rows[0][2], Cell::Text("Limitada: ayuda con documentos (EOIR-61)".into()));
    v.lock().await;
}
