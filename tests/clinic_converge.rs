//! Property: whatever edits three vaults make and in whatever order they sync, once each
//! has synced after the last edit they all show the same values and the same open conflicts.

mod clinic_common;
mod common;

use amparo::clinic::Role;
use clinic_common::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    Edit { vault: usize, what: u8, value: u8 },
    Sync { vault: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize, 0..8u8, 0..20u8).prop_map(|(vault, what, value)| Step::Edit { vault, what, value }),
        2 => (0..3usize).prop_map(|vault| Step::Sync { vault }),
    ]
}

async fn edit(l: &Laptop, what: u8, value: u8) {
    let s = &l.store;
    let sql = match what {
        0 => format!("UPDATE deadlines SET due_on = '2027-03-{:02}'", value % 28 + 1),
        1 => format!("UPDATE hearings SET starts_at = '2027-04-{:02} 09:00:00'", value % 28 + 1),
        2 => format!("UPDATE clients SET phone = '555-01{value:02}'"),
        3 => format!("UPDATE matters SET judge = 'Judge {value}'"),
        6 => format!(
            "UPDATE deadlines SET status = 'done', done_on = '2027-01-{:02}', waived_reason = NULL",
            value % 28 + 1
        ),
        7 => "UPDATE deadlines SET status = 'open', done_on = NULL, waived_reason = NULL".into(),
        4 => "UPDATE matters SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2026-11-25T10:00:00Z' ELSE NULL END"
            .into(),
        5 => {
            let m: i64 = sqlx::query_scalar("SELECT id FROM matters").fetch_one(s.pool()).await.unwrap();
            // Notes refuse a deleted matter: then there is nothing to add.
            let _ = s.add_note(amparo::model::NoteSubject::Matter(m), &format!("note {value}")).await;
            return;
        }
        _ => unreachable!(),
    };
    sqlx::query(&sql).execute(s.pool()).await.unwrap();
}

/// What must agree: the shared record's values, the open conflicts, the notes.
async fn state(l: &Laptop) -> (Vec<Option<String>>, Vec<(String, String)>, i64) {
    let p = l.store.pool();
    let values: (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT due_on || ' ' || status || ' ' || COALESCE(done_on, '-') FROM deadlines), (SELECT starts_at FROM hearings), \
         (SELECT phone FROM clients), (SELECT judge FROM matters), (SELECT deleted_at FROM matters)",
    )
    .fetch_one(p)
    .await
    .unwrap();
    let conflicts =
        sqlx::query_as("SELECT entity, field FROM sync_conflicts ORDER BY entity, field").fetch_all(p).await.unwrap();
    let versions = sqlx::query_scalar("SELECT COUNT(*) FROM note_versions").fetch_one(p).await.unwrap();
    (vec![values.0, values.1, values.2, values.3, values.4], conflicts, versions)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]
    #[test]
    fn three_vaults_converge(steps in prop::collection::vec(step(), 1..14)) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let remote = dir.path().join("remote").to_string_lossy().into_owned();
            let c = enroll(&remote, Role::Coordinator).await;
            open_case(&c.coord.store, NAME, None).await;
            c.round().await;
            let laptops = [&c.coord, &c.v1, &c.v2];
            for s in &steps {
                match s {
                    Step::Edit { vault, what, value } => edit(laptops[*vault], *what, *value).await,
                    Step::Sync { vault } => {
                        let r = sync(laptops[*vault], &remote).await;
                        assert!(r.refused.is_empty() && r.waiting.is_empty(), "{r:?}");
                    }
                }
            }
            c.round().await;
            c.round().await;
            let first = state(&c.coord).await;
            for l in [&c.v1, &c.v2] {
                assert_eq!(state(l).await, first, "steps: {steps:?}");
            }
            c.close().await;
        });
    }
}
