//! A clinic's whole spreadsheet at once: 100,000 rows (client, matter, next hearing, a
//! deadline; a fifth with an arrival date, so a one-year deadline too), imported into an
//! empty vault. Measures the dry run and the import, the largest the WAL grew to while
//! importing (sampled every 20 ms), what the WAL was left at, and the process's peak
//! memory. Run: `cargo bench --bench import` (AMPARO_BENCH_ROWS to change the size).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use amparo::exchange::import::{ImportOptions, Run};
use amparo::vault::kdf::KdfParams;
use amparo::{Store, Vault};
use secrecy::SecretString;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run());
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn sheet(rows: usize) -> String {
    let mut out = String::from("Nombre;Apellidos;A#;Fecha de nacimiento;País;Tipo de caso;Tribunal;Próxima audiencia;Hora;Plazo;Para qué;Fecha de entrada\n");
    let given = ["María José", "Yonas", "Wei", "Amina", "Luis", "ዮናስ", "Jean-Baptiste"];
    let family = ["Ramírez López", "Tesfaye", "Zhang", "Haile", "Quispe", "Gebremariam", "Pierre"];
    let countries = ["Guatemala", "Eritrea", "China", "Afganistán", "Honduras", "Haití"];
    for i in 0..rows {
        let arrival = if i % 5 == 0 { format!("2026-{:02}-{:02}", 1 + i % 11, 1 + i % 27) } else { String::new() };
        out.push_str(&format!(
            "{};{} {i};A{:09};{:02}/{:02}/{};{};defensive asylum;Arlington Immigration Court;2027-{:02}-{:02};9:30 AM;2027-{:02}-{:02};Brief;{arrival}\n",
            given[i % given.len()],
            family[i % family.len()],
            100_000_000 + i,
            13 + i % 15,
            1 + i % 12,
            1960 + i % 45,
            countries[i % countries.len()],
            1 + i % 12,
            1 + i % 28,
            1 + (i + 3) % 12,
            1 + (i + 5) % 28,
        ));
    }
    out
}

async fn run() {
    let rows: usize = std::env::var("AMPARO_BENCH_ROWS").ok().and_then(|r| r.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clinic.csv");
    std::fs::write(&file, sheet(rows)).unwrap();
    let size_mb = std::fs::metadata(&file).unwrap().len() as f64 / 1e6;
    let pass = SecretString::from("tangerine orbit velvet harbor".to_string());
    let path = dir.path().join("bench.amparo");
    let (vault, _) = Vault::create(&path, &pass, KdfParams::FLOOR).await.unwrap();
    let store = Store::new(vault.pool().clone(), "bench");
    let base = peak_mib();

    let t = Instant::now();
    let dry = store
        .import_sheet(&file, &ImportOptions::default(), &Run { dry_run: true, ..Default::default() })
        .await
        .unwrap();
    let dry_s = t.elapsed().as_secs_f64();
    assert!(dry.rejected.is_empty(), "{:?}", &dry.rejected[..dry.rejected.len().min(3)]);
    let dry_peak = peak_mib();

    let wal = path.with_file_name("bench.amparo-wal");
    let (stop, max_wal) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
    let watcher = {
        let (stop, max_wal, wal) = (stop.clone(), max_wal.clone(), wal.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                max_wal.fetch_max(len, Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        })
    };
    let t = Instant::now();
    let done = store.import_sheet(&file, &ImportOptions::default(), &Run::default()).await.unwrap();
    let import_s = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    watcher.join().unwrap();
    assert!(done.imported);
    let c = &done.create;
    let vault_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    let wal_after = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    println!(
        "rows: {rows} ({size_mb:.1} MB CSV); creates {} clients, {} matters, {} hearings, {} deadlines",
        c.clients, c.matters, c.hearings, c.deadlines
    );
    println!("dry run: {dry_s:.1} s ({:.0} rows/s)", rows as f64 / dry_s);
    println!("import:  {import_s:.1} s ({:.0} rows/s)", rows as f64 / import_s);
    println!(
        "vault after: {vault_mb:.0} MB; WAL at most {:.0} MB while importing, {} bytes after",
        max_wal.load(Ordering::Relaxed) as f64 / 1e6,
        wal_after
    );
    println!(
        "peak memory: {base:.0} MiB before, {dry_peak:.0} MiB after the dry run, {:.0} MiB after the import",
        peak_mib()
    );
    vault.lock().await;
}
