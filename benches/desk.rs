//! The coordinator's desk at a large clinic's scale: 100,000 clients with a matter each,
//! held by 40 members, 10,000 open deadlines and 5,000 hearings; the caseload board and
//! the similar-client check, mean of 10. Run: `cargo bench --bench desk`.
//! Members are admitted through real join requests; the cases are given to them by
//! writing the ownership table directly (assigning 100,000 matters one by one through
//! the roster is a different measurement).

use std::time::Instant;

use amparo::clinic::Role;
use amparo::model::ClientInput;
use amparo::vault::kdf::KdfParams;
use amparo::{Store, Vault};
use secrecy::SecretString;

const CLIENTS: usize = 100_000;
const MEMBERS: usize = 40;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let pass = SecretString::from("tangerine orbit velvet harbor".to_string());
    // AMPARO_BENCH_KEEP=FILE also copies the coordinator's vault there (for looking into a
    // query's plan with examples/time_sql.rs).
    let keep = std::env::var_os("AMPARO_BENCH_KEEP").map(std::path::PathBuf::from);
    let (coord_vault, _) = Vault::create(&dir.path().join("coord.amparo"), &pass, KdfParams::FLOOR).await.unwrap();
    let coord = Store::new(coord_vault.pool().clone(), "Coordinator");
    coord.clinic_create("Bench clinic", "Coordinator").await.unwrap();
    let mut members = Vec::new();
    for i in 1..MEMBERS {
        let (v, _) = Vault::create(&dir.path().join(format!("v{i}.amparo")), &pass, KdfParams::FLOOR).await.unwrap();
        let s = Store::new(v.pool().clone(), format!("Volunteer {i}"));
        let joined = s.clinic_join(&coord.clinic_invite().await.unwrap(), &format!("Volunteer {i}")).await.unwrap();
        members.push(coord.clinic_admit(&joined.request, &joined.fingerprint, Role::Volunteer).await.unwrap().id);
        v.lock().await;
    }
    let inputs: Vec<ClientInput> = (0..CLIENTS)
        .map(|i| ClientInput {
            given_name: ["María", "José", "Ana", "Wei", "Amina", "Luis"][i % 6].into(),
            family_name: format!("{} {i}", ["Ramírez", "Haile", "Zhang", "Quispe", "López"][i % 5]),
            ..Default::default()
        })
        .collect();
    coord.add_clients(&inputs).await.unwrap();
    let pool = coord.pool();
    let mut tx = pool.begin().await.unwrap();
    for sql in [
        "INSERT INTO matters (client_id, kind, forum, court_name, status, opened_on, created_at, updated_at) \
         SELECT id, 'defensive_asylum', 'immigration_court', \
                CASE id % 4 WHEN 0 THEN 'Chicago Immigration Court' WHEN 1 THEN 'Baltimore Immigration Court' \
                            WHEN 2 THEN 'Atlanta Immigration Court' ELSE 'Miami Immigration Court' END, \
                'open', '2026-01-01', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z' FROM clients",
        "INSERT INTO sync_ids (entity, local_id, uid) SELECT 'matter', id, lower(hex(randomblob(16))) FROM matters",
        "INSERT INTO deadlines (matter_id, title, due_on, manual_reason, status, created_at, updated_at) \
         SELECT id, 'Brief', date('2026-11-01', '+' || (id % 60) || ' days'), 'order', 'open', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z' FROM matters WHERE id % 10 = 0",
        "INSERT INTO hearings (matter_id, kind, starts_at, created_at, updated_at) \
         SELECT id, 'master_calendar', date('2026-11-20', '+' || (id % 30) || ' days') || ' 09:00:00', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z' FROM matters WHERE id % 20 = 0",
    ] {
        sqlx::query(sql).execute(&mut *tx).await.unwrap();
    }
    let matters: Vec<(i64, String)> =
        sqlx::query_as("SELECT local_id, uid FROM sync_ids WHERE entity = 'matter'").fetch_all(&mut *tx).await.unwrap();
    for (id, uid) in matters {
        if id % 50 != 0 {
            sqlx::query("INSERT INTO sync_case_owner (matter_uid, member_id) VALUES (?, ?)")
                .bind(uid)
                .bind(&members[id as usize % members.len()])
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();

    println!("| measurement | result |\n|---|---|");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut rows = 0;
    let start = Instant::now();
    for _ in 0..10 {
        rows = coord.caseload(today, &Default::default()).await.unwrap().len();
    }
    println!(
        "| caseload board, {CLIENTS} clients and matters over {MEMBERS} members ({rows} rows), mean of 10 | {:.0} ms |",
        start.elapsed().as_secs_f64() * 1e3 / 10.0
    );
    let filtered =
        amparo::clinic::CaseloadFilter { court: Some("Chicago Immigration Court".into()), ..Default::default() };
    let start = Instant::now();
    for _ in 0..10 {
        coord.caseload(today, &filtered).await.unwrap();
    }
    println!("| caseload board filtered by court, mean of 10 | {:.0} ms |", start.elapsed().as_secs_f64() * 1e3 / 10.0);
    let (from, to) = (today, today + chrono::Duration::days(27));
    let mut entries = 0;
    let start = Instant::now();
    for _ in 0..10 {
        entries = coord.desk_calendar(from, to, &Default::default(), today).await.unwrap().len();
    }
    println!(
        "| clinic calendar, 4 weeks ({entries} hearings and deadlines), mean of 10 | {:.0} ms |",
        start.elapsed().as_secs_f64() * 1e3 / 10.0
    );
    let start = Instant::now();
    for _ in 0..10 {
        entries = coord
            .desk_calendar(from, from + chrono::Duration::days(6), &Default::default(), today)
            .await
            .unwrap()
            .len();
    }
    println!(
        "| clinic calendar, 1 week ({entries} hearings and deadlines), mean of 10 | {:.0} ms |",
        start.elapsed().as_secs_f64() * 1e3 / 10.0
    );
    let start = Instant::now();
    for _ in 0..10 {
        coord.court_day("Chicago Immigration Court", today + chrono::Duration::days(3), false).await.unwrap();
    }
    println!(
        "| court-day list, one court and day, mean of 10 | {:.0} ms |",
        start.elapsed().as_secs_f64() * 1e3 / 10.0
    );
    let q = amparo::store::similar::SimilarQuery { name: "María Ramírez".into(), ..Default::default() };
    let start = Instant::now();
    for _ in 0..10 {
        coord.similar_clients(&q, 10).await.unwrap();
    }
    println!(
        "| similar clients to \"María Ramírez\" at {CLIENTS} clients, mean of 10 | {:.0} ms |",
        start.elapsed().as_secs_f64() * 1e3 / 10.0
    );
    coord_vault.lock().await;
    if let Some(keep) = keep {
        for ext in ["", "-header"] {
            let name = format!("coord.amparo{ext}");
            std::fs::copy(
                dir.path().join(&name),
                keep.with_file_name(format!("{}{ext}", keep.file_name().unwrap().to_string_lossy())),
            )
            .unwrap();
        }
    }
}
