//! Speed and memory of the vault and store on this machine. Run: `cargo bench --bench vault`.
//! Prints a Markdown table; docs/BENCHMARKS.md keeps the figures with the date and machine.

use std::time::{Duration, Instant};

use amparo::model::{ClientInput, DeadlineInput, MatterInput};
use amparo::store::clients::ClientQuery;
use amparo::vault::kdf::{derive_kek, KdfParams};
use amparo::{Store, Vault};
use secrecy::SecretString;

const PASS: &str = "tangerine orbit velvet harbor";
const CLIENTS: usize = 50_000;

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(run());
}

fn row(what: &str, value: String) {
    println!("| {what} | {value} |");
}

fn mean<F: FnMut()>(n: u32, mut f: F) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed() / n
}

async fn timed<T, F: std::future::Future<Output = T>>(f: F) -> (T, Duration) {
    let start = Instant::now();
    let out = f.await;
    (out, start.elapsed())
}

fn names(i: usize) -> (String, String) {
    const GIVEN: [&str; 12] =
        ["Amina", "José", "Li", "Fatima", "Yonas", "María", "Ahmad", "Selam", "Nguyễn", "Oksana", "Mohammed", "Rosa"];
    const FAMILY: [&str; 12] = [
        "Haile",
        "Martínez",
        "Wei",
        "Hassan",
        "Tesfaye",
        "López",
        "Karimi",
        "Gebre",
        "Thi",
        "Kovalenko",
        "Al-Sayed",
        "Díaz",
    ];
    (format!("{}{}", GIVEN[i % 12], i / 144), FAMILY[(i / 12) % 12].to_string())
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.amparo");
    let pass = SecretString::from(PASS.to_string());
    println!("| measurement | result |\n|---|---|");

    let p = KdfParams::DEFAULT;
    let kdf = mean(5, || {
        derive_kek(&pass, b"0123456789abcdef", p).unwrap();
    });
    row(
        &format!(
            "Argon2id key derivation ({} MiB, t={}, p={}), mean of 5",
            p.memory_kib / 1024,
            p.iterations,
            p.parallelism
        ),
        format!("{:.0} ms (= cost of one passphrase guess)", kdf.as_secs_f64() * 1e3),
    );

    let (created, t) = timed(Vault::create(&path, &pass, p)).await;
    row("create a vault", format!("{:.0} ms", t.as_secs_f64() * 1e3));
    let vault = created.unwrap().0;
    let s = Store::new(vault.pool().clone(), "bench");

    let n = 500;
    let start = Instant::now();
    for i in 0..n {
        let (g, f) = names(i);
        s.add_client(&ClientInput { given_name: g, family_name: f, ..Default::default() }).await.unwrap();
    }
    row(
        "add one client (own transaction, fsync), mean of 500",
        format!("{:.2} ms", start.elapsed().as_secs_f64() * 1e3 / n as f64),
    );

    let batch: Vec<ClientInput> = (n..CLIENTS)
        .map(|i| {
            let (g, f) = names(i);
            ClientInput {
                given_name: g,
                family_name: f,
                a_number: Some(format!("{:09}", 100_000_000 + i)),
                other_names: if i % 10 == 0 { vec![format!("Alias {i}")] } else { vec![] },
                ..Default::default()
            }
        })
        .collect();
    let (_, t) = timed(s.add_clients(&batch)).await;
    row(&format!("add {} clients in one transaction", CLIENTS - n), format!("{:.1} s", t.as_secs_f64()));

    for i in 0..2_000i64 {
        let m = s
            .add_matter(&MatterInput {
                client_id: i * 20 + 1,
                kind: "defensive_asylum".into(),
                forum: "immigration_court".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        s.add_deadline(&DeadlineInput {
            matter_id: m.id,
            title: "BIA appeal".into(),
            rule_id: Some("bia-appeal".into()),
            trigger_on: Some((Store::today() - chrono::Duration::days(i % 60)).to_string()),
            ..Default::default()
        })
        .await
        .unwrap();
    }

    vault.lock().await;
    let size = std::fs::metadata(&path).unwrap().len();
    row(
        &format!("vault file with {CLIENTS} clients, 2,000 matters and deadlines"),
        format!("{:.1} MB", size as f64 / 1e6),
    );

    let (v, unlock_time) = timed(Vault::open(&path, &pass)).await;
    v.unwrap().lock().await;
    row(
        &format!("unlock with {CLIENTS} clients (KDF + integrity checks)"),
        format!("{:.0} ms", unlock_time.as_secs_f64() * 1e3),
    );
    let vault = Vault::open(&path, &pass).await.unwrap();
    let s = Store::new(vault.pool().clone(), "bench");

    for q in ["mar", "José Martínez", "A100-025-000", "alias 4990", "zzzz"] {
        let mut hits = 0;
        let start = Instant::now();
        for _ in 0..20 {
            hits = s.search_clients(q, 50).await.unwrap().len();
        }
        row(
            &format!("search \"{q}\" at {CLIENTS} clients ({hits} hits), mean of 20"),
            format!("{:.2} ms", start.elapsed().as_secs_f64() * 1e3 / 20.0),
        );
    }
    for name in ["Maria Jose Martines", "Yesenia Gonsales", "Zhang Wei"] {
        let q = amparo::store::similar::SimilarQuery { name: name.into(), ..Default::default() };
        let mut hits = 0;
        let start = Instant::now();
        for _ in 0..20 {
            hits = s.similar_clients(&q, 10).await.unwrap().len();
        }
        row(
            &format!("similar clients to \"{name}\" at {CLIENTS} clients ({hits} shown), mean of 20"),
            format!("{:.2} ms", start.elapsed().as_secs_f64() * 1e3 / 20.0),
        );
    }
    for offset in [0, 25_000, 49_950] {
        let start = Instant::now();
        for _ in 0..20 {
            s.list_clients(&ClientQuery { offset, ..Default::default() }).await.unwrap();
        }
        row(
            &format!("client list page of 50 at offset {offset}, mean of 20"),
            format!("{:.2} ms", start.elapsed().as_secs_f64() * 1e3 / 20.0),
        );
    }
    let start = Instant::now();
    for _ in 0..20 {
        s.dashboard(Store::today()).await.unwrap();
    }
    row(
        "dashboard (2,000 open deadlines), mean of 20",
        format!("{:.2} ms", start.elapsed().as_secs_f64() * 1e3 / 20.0),
    );
    let start = Instant::now();
    for i in 0..1000 {
        amparo::rules::compute(
            "bia-appeal",
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i),
            &Default::default(),
        )
        .unwrap();
    }
    row(
        "compute one deadline with explanation, mean of 1000",
        format!("{:.1} µs", start.elapsed().as_secs_f64() * 1e6 / 1000.0),
    );
    vault.lock().await;

    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .unwrap_or("VmHWM: ?")
        .split_whitespace()
        .nth(1)
        .unwrap_or("?")
        .to_string();
    row(
        "peak memory of the whole run (VmHWM)",
        format!("{} MB", hwm.parse::<f64>().map(|k| format!("{:.0}", k / 1024.0)).unwrap_or(hwm)),
    );
}
