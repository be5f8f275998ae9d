//! What a screen shows stays the same size however large the vault (issue 14): the
//! dashboard lists the most urgent few of each group beside the full counts and pages
//! through the rest, the calendar shows a few entries a day and says how many more there
//! are, and the marks that let those screens read small indexes (a deadline's or hearing's
//! case is living, whose deadline it is) follow deletes, restores and reassignments.

mod common;

use amparo::model::*;
use amparo::store::clients::ClientQuery;
use amparo::store::dashboard::{DeadlineGroup, CALENDAR_PER_DAY, DASHBOARD_ROWS};
use amparo::Store;
use chrono::{Duration, NaiveDate};
use common::*;

async fn case(s: &Store, family: &str, volunteer: &str) -> (i64, i64) {
    let c = s
        .add_client(&ClientInput { given_name: "Ana".into(), family_name: family.into(), ..Default::default() })
        .await
        .unwrap();
    let m = s
        .add_matter(&MatterInput {
            client_id: c.id,
            kind: "defensive_asylum".into(),
            forum: "immigration_court".into(),
            assigned_to: Some(volunteer.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    (c.id, m.id)
}

async fn due(s: &Store, matter: i64, on: NaiveDate) -> i64 {
    s.add_deadline(&DeadlineInput {
        matter_id: matter,
        title: "Brief".into(),
        due_on: on.to_string(),
        manual_reason: Some("Judge's order".into()),
        ..Default::default()
    })
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn the_dashboard_shows_the_most_urgent_with_full_counts_and_pages_the_rest() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let today = Store::today();
    let (client, matter) = case(&s, "Quispe", "Lucía").await;
    let (_, other) = case(&s, "Haile", "Marco").await;
    // 40 overdue on one case, 3 within the week on the other.
    for n in 0..40 {
        due(&s, matter, today - Duration::days(1 + n % 20)).await;
    }
    for n in 0..3 {
        due(&s, other, today + Duration::days(n)).await;
    }
    let d = s.dashboard(today).await.unwrap();
    assert_eq!(d.overdue.len() as i64, DASHBOARD_ROWS);
    assert_eq!(d.counts.overdue, 40);
    assert_eq!((d.due_within_7.len(), d.counts.due_within_7), (3, 3));
    // The most urgent first: the oldest overdue.
    assert_eq!(d.overdue[0].days_left, -20);
    let page = s.deadline_group(DeadlineGroup::Overdue, today, 30, 50).await.unwrap();
    assert_eq!((page.items.len(), page.total), (10, 40), "the last page holds the rest");
    let load: Vec<(String, i64, i64)> =
        d.volunteers.iter().map(|v| (v.volunteer.clone(), v.open_deadlines, v.overdue)).collect();
    assert_eq!(load, vec![("Lucía".to_string(), 40, 40), ("Marco".to_string(), 3, 0)]);
    assert_eq!(s.reminder(today).await.unwrap().overdue, 40);

    // A deleted client's deadlines leave every count; restored, they come back.
    s.delete_client(client).await.unwrap();
    let d = s.dashboard(today).await.unwrap();
    assert_eq!((d.counts.overdue, d.overdue.len()), (0, 0));
    assert_eq!(s.reminder(today).await.unwrap().overdue, 0);
    s.restore_client(client).await.unwrap();
    assert_eq!(s.dashboard(today).await.unwrap().counts.overdue, 40);

    // A case given to another volunteer moves its load with it.
    let m = s.matter(matter).await.unwrap();
    let input = MatterInput {
        client_id: m.fields.client_id,
        kind: m.fields.kind.as_str().into(),
        forum: m.fields.forum.as_str().into(),
        assigned_to: Some("Marco".into()),
        ..Default::default()
    };
    s.update_matter(matter, &input).await.unwrap();
    let d = s.dashboard(today).await.unwrap();
    let load: Vec<(String, i64)> = d.volunteers.iter().map(|v| (v.volunteer.clone(), v.open_deadlines)).collect();
    assert_eq!(load, vec![("Marco".to_string(), 43)]);

    // A deleted case leaves the counts too.
    s.delete_matter(other).await.unwrap();
    assert_eq!(s.dashboard(today).await.unwrap().counts.due_within_7, 0);
}

#[tokio::test]
async fn the_calendar_shows_a_few_a_day_and_says_how_many_more() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let today = Store::today();
    let busy = today + Duration::days(3);
    let (_, matter) = case(&s, "Tesfaye", "Lucía").await;
    for _ in 0..(CALENDAR_PER_DAY + 8) {
        due(&s, matter, busy).await;
    }
    due(&s, matter, busy + Duration::days(1)).await;
    let week = s.calendar(today, today + Duration::days(6), today).await.unwrap();
    let on_busy = week.deadlines.iter().filter(|d| d.deadline.fields.due_on == busy).count() as i64;
    assert_eq!(on_busy, CALENDAR_PER_DAY);
    assert_eq!(week.deadlines.len() as i64, CALENDAR_PER_DAY + 1, "the next day is not crowded out");
    assert_eq!(week.more.len(), 1);
    assert_eq!((week.more[0].date, week.more[0].deadlines, week.more[0].hearings), (busy, CALENDAR_PER_DAY + 8, 0));
    let day = s.calendar(busy, busy, today).await.unwrap();
    assert_eq!(day.deadlines.len() as i64, CALENDAR_PER_DAY + 8, "a single day shows all of it");
    assert!(day.more.is_empty());
}

#[tokio::test]
async fn the_opening_client_list_pages_like_the_filtered_one() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let names = ["Zúñiga", "álvarez", "Bah", "bah", "Ng", "O'Brien", "Ålund", "Li"];
    let mut ids = Vec::new();
    for n in names {
        ids.push(case(&s, n, "Lucía").await.0);
    }
    s.delete_client(ids[2]).await.unwrap();
    let page = |offset| ClientQuery { offset, limit: 3, ..Default::default() };
    let mut fast = Vec::new();
    let mut total = 0;
    for offset in [0, 3, 6] {
        let p = s.list_clients(&page(offset)).await.unwrap();
        total = p.total;
        fast.extend(p.items.into_iter().map(|c| (c.family_name, c.open_matters)));
    }
    assert_eq!(total, 7, "the deleted client is not counted");
    assert_eq!(fast.len(), 7);
    assert!(fast.iter().all(|(_, open)| *open == 1), "each has its open case counted");
    let order: Vec<&str> = fast.iter().map(|(n, _)| n.as_str()).collect();
    // SQLite's NOCASE folds ASCII letters only, so accented initials sort after the rest.
    let mut expected: Vec<&str> = names.iter().copied().filter(|n| *n != "Bah").collect();
    expected.sort_by_key(|n| n.to_ascii_lowercase());
    assert_eq!(order, expected);
}

#[tokio::test]
async fn a_seeded_vault_is_made_up_but_consistent() {
    let (_d, path) = temp_vault_path();
    let v = create(&path).await;
    let s = store(&v);
    let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let made = amparo::seed::seed(&s, 30, 7, today).await.unwrap();
    assert_eq!((made.clients, made.matters, made.hearings, made.deadlines), (30, 90, 60, 300));
    // Every computed deadline is what its rule gives from its trigger, explanation and all.
    let rows: Vec<(String, NaiveDate, NaiveDate, String)> =
        sqlx::query_as("SELECT rule_id, trigger_on, due_on, explanation FROM deadlines WHERE rule_id IS NOT NULL")
            .fetch_all(s.pool())
            .await
            .unwrap();
    assert!(rows.len() > 150, "most deadlines are computed ({})", rows.len());
    for (rule, trigger, due, explanation) in rows {
        let c = amparo::rules::compute(&rule, trigger, &Default::default()).unwrap();
        assert_eq!((c.due, c.explanation.en.as_ref()), (due, explanation.as_str()), "{rule} from {trigger}");
    }
    // Courts do not sit at weekends.
    let weekend: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM hearings WHERE strftime('%w', starts_at) IN ('0', '6')")
            .fetch_one(s.pool())
            .await
            .unwrap();
    assert_eq!(weekend, 0);
    // A vault that holds clients is refused.
    let err = amparo::seed::seed(&s, 5, 7, today).await.unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}
