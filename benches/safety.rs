//! What keeping the data safe costs on this machine: the calibrated key derivation (time
//! and memory), and backup, verify, restore and a full re-key at two vault sizes shaped
//! like a clinic's (about 16 MB and 160 MB). Run: `cargo bench --bench safety`.
//! Prints a Markdown table; docs/BENCHMARKS.md keeps the figures with the date and machine.

use std::time::{Duration, Instant};

use amparo::model::ClientInput;
use amparo::vault::backup;
use amparo::vault::kdf::{derive_kek, KdfParams};
use amparo::vault::no_progress;
use amparo::{Store, Vault};
use secrecy::SecretString;

const PASS: &str = "tangerine orbit velvet harbor";
const NEW: &str = "copper lantern meadow quartz";

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run());
}

fn row(what: &str, value: String) {
    println!("| {what} | {value} |");
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse().ok()))
        .unwrap_or(0)
}

async fn run() {
    println!("| measurement | result |\n|---|---|");
    let pass = SecretString::from(PASS.to_string());
    let before = peak_kib();
    let started = Instant::now();
    let p = KdfParams::calibrated();
    row("calibrate Argon2id (once per process)", ms(started.elapsed()));
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        derive_kek(&pass, b"0123456789abcdef", p).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    row(
        &format!(
            "Argon2id as calibrated here ({} MiB, t={}, p={}), median of 5",
            p.memory_kib / 1024,
            p.iterations,
            p.parallelism
        ),
        format!("{} (= one passphrase guess); peak memory grew by {} MiB", ms(times[2]), (peak_kib() - before) / 1024),
    );
    let floor = Instant::now();
    derive_kek(&pass, b"0123456789abcdef", KdfParams::DEFAULT).unwrap();
    row("Argon2id at the previous default (64 MiB, t=3, p=1)", ms(floor.elapsed()));

    for clients in [1_000usize, 10_000] {
        size(clients, &pass).await;
    }
}

async fn size(clients: usize, pass: &SecretString) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.amparo");
    let (vault, _) = Vault::create(&path, pass, KdfParams::FLOOR).await.unwrap();
    let s = Store::new(vault.pool().clone(), "bench");
    let batch: Vec<ClientInput> = (0..clients)
        .map(|i| ClientInput {
            given_name: format!("Given{i}"),
            family_name: format!("Family{}", i % 997),
            a_number: Some(format!("{:09}", 100_000_000 + i)),
            ..Default::default()
        })
        .collect();
    s.add_clients(&batch).await.unwrap();
    // Bulk of a real vault: about 15 KB of history and notes per client, in the audit log.
    let filler = "x".repeat(700);
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO audit_log (at, actor, action, entity, entity_id, changes)
         SELECT '2026-11-25T10:00:00Z', 'bench', 'update', 'client', i % ?2, json_object('note', ?3 || i) FROM n",
    )
    .bind((clients * 20) as i64)
    .bind(clients as i64)
    .bind(&filler)
    .execute(vault.pool())
    .await
    .unwrap();
    vault.lock().await;
    let bytes = std::fs::metadata(&path).unwrap().len();
    let label = format!("{clients} clients ({:.0} MB vault)", bytes as f64 / 1e6);

    let mut vault = Vault::open(&path, pass).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let made = vault.backup_to(folder.path(), 10, &no_progress).await.unwrap();
    row(
        &format!("{label}: back up (export, check, pack, read back)"),
        format!("{}, file {:.0} MB", ms(t.elapsed()), made.bytes as f64 / 1e6),
    );
    let t = Instant::now();
    backup::verify(&made.file, pass).await.unwrap();
    row(&format!("{label}: verify a backup (KDF at the floor)"), ms(t.elapsed()));
    let t = Instant::now();
    vault.change_passphrase(pass, &SecretString::from(NEW.to_string()), KdfParams::FLOOR).await.unwrap();
    row(&format!("{label}: change the passphrase (full re-encryption, KDF at the floor)"), ms(t.elapsed()));
    vault.lock().await;
    let target = dir.path().join("restored.amparo");
    let t = Instant::now();
    backup::restore(&made.file, &target, pass).await.unwrap();
    row(&format!("{label}: restore into a new path"), ms(t.elapsed()));
}
