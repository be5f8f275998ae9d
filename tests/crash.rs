//! Crash safety: a writer process is killed with SIGKILL at random moments, many times.
//! After every kill the vault opens, passes SQLite's and SQLCipher's integrity checks,
//! and holds every client and matter the writer reported as committed.
//! AMPARO_CRASH_KILLS sets the number of kills (default 200).

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use amparo::Vault;
use common::*;
use rand::Rng;

fn writer_binary() -> PathBuf {
    // target/debug/deps/crash-… -> target/debug/examples/crash_writer
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().join("examples").join("crash_writer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_writers_never_lose_a_commit_or_damage_the_vault() {
    let kills: usize = std::env::var("AMPARO_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(200);
    let bin = writer_binary();
    assert!(bin.exists(), "{} is not built (cargo test builds examples)", bin.display());
    let (_dir, path) = temp_vault_path();
    create(&path).await.lock().await;

    let mut committed: Vec<(i64, i64)> = Vec::new();
    let mut rng = rand::thread_rng();
    let mut killed_mid_write = 0;
    for round in 0..kills {
        let mut child = Command::new(&bin)
            .arg(&path)
            .arg((round * 10_000).to_string())
            .env("AMPARO_PASSPHRASE", PASS)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait until the writer has the vault open, then let it write for a random while.
        assert_eq!(rx.recv_timeout(Duration::from_secs(20)).ok().as_deref(), Some("ready"), "round {round}: writer did not start");
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..120)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let before = committed.len();
        for line in rx.try_iter() {
            let mut parts = line.split_whitespace().skip(1).map(|p| p.parse::<i64>().unwrap());
            committed.push((parts.next().unwrap(), parts.next().unwrap()));
        }
        if committed.len() > before {
            killed_mid_write += 1;
        }

        let v = Vault::open(&path, &pass(PASS)).await.unwrap_or_else(|e| panic!("round {round}: vault does not open: {e}"));
        let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(v.pool()).await.unwrap();
        assert_eq!(check, ["ok"], "round {round}");
        let cipher: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check").fetch_all(v.pool()).await.unwrap();
        assert!(cipher.is_empty(), "round {round}: {cipher:?}");
        let clients: Vec<i64> = sqlx::query_scalar("SELECT id FROM clients").fetch_all(v.pool()).await.unwrap();
        let matters: Vec<i64> = sqlx::query_scalar("SELECT id FROM matters").fetch_all(v.pool()).await.unwrap();
        for (c, m) in &committed {
            assert!(clients.binary_search(c).is_ok(), "round {round}: committed client {c} lost");
            assert!(matters.binary_search(m).is_ok(), "round {round}: committed matter {m} lost");
        }
        v.lock().await;
    }
    println!("crash: {kills} kills, {} commits reported and all found, {killed_mid_write} rounds wrote before the kill", committed.len());
    assert!(committed.len() > kills / 2, "the writer hardly wrote: the test proved little");
}
