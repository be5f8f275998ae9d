//! Many commands at once, as a busy UI sends them (a double-click, a search typed while
//! the dashboard loads, a lock in the middle): every one either succeeds or fails with a
//! clear code, nothing half-written is ever left, and what succeeded is there afterwards.

use std::collections::BTreeSet;
use std::sync::Arc;

use amparo::model::{ClientInput, DeadlineInput, MatterInput};
use amparo::store::clients::ClientQuery;
use amparo::vault::KdfParams;
use amparo::Vault;
use secrecy::SecretString;

use crate::state::AppState;

const PASS: &str = "tangerine orbit velvet harbor";

fn client(n: usize) -> ClientInput {
    ClientInput { given_name: format!("Busy{n}"), family_name: "Concurrent".into(), ..Default::default() }
}

/// One UI action: add a client with a matter and a deadline, or read something.
async fn action(state: &AppState, n: usize) -> Result<Option<String>, String> {
    let store = state.store().await.map_err(|e| e.code)?;
    let r = match n % 4 {
        0 => {
            let c = store.add_client(&client(n)).await.map_err(|e| e.code().to_string())?;
            let m = store
                .add_matter(&MatterInput {
                    client_id: c.id,
                    kind: "defensive_asylum".into(),
                    forum: "immigration_court".into(),
                    ..Default::default()
                })
                .await
                .map_err(|e| e.code().to_string())?;
            store
                .add_deadline(&DeadlineInput {
                    matter_id: m.id,
                    title: "Appeal".into(),
                    rule_id: Some("bia-appeal".into()),
                    trigger_on: Some("2026-05-20".into()),
                    ..Default::default()
                })
                .await
                .map_err(|e| e.code().to_string())?;
            return Ok(Some(format!("Busy{n}")));
        }
        1 => store.search_clients("Busy", 50).await.map(|_| ()),
        2 => store.list_clients(&ClientQuery::default()).await.map(|_| ()),
        _ => store.dashboard(chrono::Local::now().date_naive()).await.map(|_| ()),
    };
    r.map(|_| None).map_err(|e| e.code().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_commands_at_once_with_locks_in_between_never_lose_or_half_write_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clinic.amparo");
    Vault::create(&path, &SecretString::from(PASS), KdfParams::FLOOR).await.unwrap().0.lock().await;
    let state = Arc::new(AppState::new(path.clone()));
    state.unlock(&SecretString::from(PASS)).await.unwrap();

    let mut saved = BTreeSet::new();
    let mut refused = 0;
    let mut adds_refused = 0;
    for round in 0..4 {
        let mut tasks = Vec::new();
        for n in round * 100..(round + 1) * 100 {
            let s = state.clone();
            tasks.push((n % 4 == 0, tokio::spawn(async move { action(&s, n).await })));
            if n % 100 == 60 {
                // A lock while commands are running, then an unlock, as an idle timeout would.
                let s = state.clone();
                tasks.push((
                    false,
                    tokio::spawn(async move {
                        s.lock().await;
                        s.unlock(&SecretString::from(PASS)).await.map(|_| None).map_err(|e| e.code)
                    }),
                ));
            }
        }
        for (is_add, t) in tasks {
            match t.await.unwrap() {
                Ok(Some(name)) => {
                    saved.insert(name);
                }
                Ok(None) => {}
                Err(code) => {
                    assert_eq!(code, "locked", "a command failed with something other than a clean 'locked'");
                    refused += 1;
                    adds_refused += usize::from(is_add);
                }
            }
        }
    }
    state.lock().await;

    // Reopen from the file alone: whole, every reported save present, nothing half-made.
    let v = Vault::open(&path, &SecretString::from(PASS)).await.unwrap();
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(v.pool()).await.unwrap();
    assert_eq!(check, ["ok"]);
    let names: BTreeSet<String> =
        sqlx::query_scalar("SELECT given_name FROM clients").fetch_all(v.pool()).await.unwrap().into_iter().collect();
    assert!(saved.is_subset(&names), "a client the UI was told was saved is missing");
    assert_eq!(saved.len() + adds_refused, 100, "every add was either reported saved or refused");
    assert!(names.len() <= 100);
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM matters m WHERE NOT EXISTS (SELECT 1 FROM deadlines d WHERE d.matter_id = m.id)",
    )
    .fetch_one(v.pool())
    .await
    .unwrap();
    let clients_without_matter: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM clients c WHERE NOT EXISTS (SELECT 1 FROM matters m WHERE m.client_id = c.id)",
    )
    .fetch_one(v.pool())
    .await
    .unwrap();
    // A lock can land between an action's steps (client, then matter, then deadline); each
    // step is whole, and the steps that ran are there. What must never happen is a row
    // that is itself half-written, which integrity_check and the foreign keys rule out.
    let fk: Vec<(String, i64, String, i64)> =
        sqlx::query_as("PRAGMA foreign_key_check").fetch_all(v.pool()).await.unwrap();
    assert!(fk.is_empty(), "{fk:?}");
    eprintln!(
        "{} actions, {} client saves reported, {} clients found, {} refused as locked, {} matters without their deadline, {} clients without their matter",
        400,
        saved.len(),
        names.len(),
        refused,
        orphans,
        clients_without_matter
    );
    v.lock().await;
}
