//! Times one SQL query against a vault, with its plan: for finding where a slow screen
//! spends its time. `AMPARO_PASSPHRASE=… cargo run --release --example time_sql VAULT
//! FILE.sql [BIND…]` (binds are text, in order). Reads only.

use std::time::Instant;

use secrecy::SecretString;
use sqlx::Row;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, vault, file, binds @ ..] = args.as_slice() else {
        eprintln!("usage: time_sql VAULT FILE.sql [BIND…]");
        std::process::exit(2);
    };
    let pass = SecretString::from(std::env::var("AMPARO_PASSPHRASE").expect("AMPARO_PASSPHRASE"));
    let v = amparo::Vault::open(std::path::Path::new(vault), &pass).await.unwrap();
    let sql = std::fs::read_to_string(file).unwrap();
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let mut plan = sqlx::query(&explain);
    for b in binds {
        plan = plan.bind(b);
    }
    for row in plan.fetch_all(v.pool()).await.unwrap() {
        println!("plan: {}", row.get::<String, _>(3));
    }
    let mut rows = 0;
    let runs = 5;
    for i in 0..=runs {
        let start = Instant::now();
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(b);
        }
        rows = q.fetch_all(v.pool()).await.unwrap().len();
        if i > 0 {
            println!("run {i}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
        }
    }
    println!("{rows} rows");
    v.lock().await;
}
