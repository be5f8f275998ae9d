//! Crash safety: a writer process is killed with SIGKILL at random moments, many times.
//! After every kill the vault opens, passes SQLite's and SQLCipher's integrity checks,
//! and holds every client and matter the writer reported as committed.
//! AMPARO_CRASH_KILLS sets the number of kills (default 200).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use amparo::Vault;
use common::*;
use rand::Rng;

/// The writer: this same test binary, asked to run `writer_process` only.
fn writer(path: &std::path::Path, start: usize) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "writer_process", "--nocapture", "--test-threads=1", "-q"])
        .env("AMPARO_CRASH_WRITER_VAULT", path)
        .env("AMPARO_CRASH_WRITER_START", start.to_string())
        .env("AMPARO_PASSPHRASE", PASS);
    cmd
}

/// Not a test on its own: when the crash test starts this binary with
/// AMPARO_CRASH_WRITER_VAULT set, it writes clients and matters in a loop and prints
/// "committed CLIENT MATTER" after each commit, until it is killed.
#[tokio::test]
async fn writer_process() {
    let Ok(path) = std::env::var("AMPARO_CRASH_WRITER_VAULT") else {
        return;
    };
    use amparo::model::{ClientInput, MatterInput};
    use std::io::Write;
    let start: usize = std::env::var("AMPARO_CRASH_WRITER_START").unwrap().parse().unwrap();
    let vault = Vault::open(std::path::Path::new(&path), &pass(PASS)).await.expect("open");
    let store = amparo::Store::new(vault.pool().clone(), "crash-writer");
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in start.. {
        let c = store
            .add_client(&ClientInput {
                given_name: format!("Crash{n}"),
                family_name: "Writer".into(),
                other_names: vec![format!("Alias{n}")],
                ..Default::default()
            })
            .await
            .expect("add client");
        let m = store
            .add_matter(&MatterInput {
                client_id: c.id,
                kind: "bond".into(),
                forum: "immigration_court".into(),
                ..Default::default()
            })
            .await
            .expect("add matter");
        writeln!(out, "committed {} {}", c.id, m.id).unwrap();
        out.flush().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_writers_never_lose_a_commit_or_damage_the_vault() {
    let kills: usize = std::env::var("AMPARO_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(200);
    if std::env::var("AMPARO_CRASH_WRITER_VAULT").is_ok() {
        return; // this process is a writer
    }
    let (_dir, path) = temp_vault_path();
    create(&path).await.lock().await;

    let mut committed: Vec<(i64, i64)> = Vec::new();
    let mut rng = rand::thread_rng();
    let mut killed_mid_write = 0;
    for round in 0..kills {
        let mut child = writer(&path, round * 10_000).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
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
        let ready = std::iter::from_fn(|| rx.recv_timeout(Duration::from_secs(20)).ok()).find(|l| l == "ready");
        assert!(ready.is_some(), "round {round}: the writer did not start");
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..120)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let before = committed.len();
        for line in rx.try_iter().filter(|l| l.starts_with("committed ")) {
            let mut parts = line.split_whitespace().skip(1).map(|p| p.parse::<i64>().unwrap());
            committed.push((parts.next().unwrap(), parts.next().unwrap()));
        }
        if committed.len() > before {
            killed_mid_write += 1;
        }

        let v =
            Vault::open(&path, &pass(PASS)).await.unwrap_or_else(|e| panic!("round {round}: vault does not open: {e}"));
        let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(v.pool()).await.unwrap();
        assert_eq!(check, ["ok"], "round {round}");
        let cipher: Vec<String> =
            sqlx::query_scalar("PRAGMA cipher_integrity_check").fetch_all(v.pool()).await.unwrap();
        assert!(cipher.is_empty(), "round {round}: {cipher:?}");
        let clients: Vec<i64> = sqlx::query_scalar("SELECT id FROM clients").fetch_all(v.pool()).await.unwrap();
        let matters: Vec<i64> = sqlx::query_scalar("SELECT id FROM matters").fetch_all(v.pool()).await.unwrap();
        for (c, m) in &committed {
            assert!(clients.binary_search(c).is_ok(), "round {round}: committed client {c} lost");
            assert!(matters.binary_search(m).is_ok(), "round {round}: committed matter {m} lost");
        }
        v.lock().await;
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".trial-"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: a trial copy was left behind: {leftovers:?}");
    }
    println!(
        "crash: {kills} kills, {} commits reported and all found, {killed_mid_write} rounds wrote before the kill",
        committed.len()
    );
    assert!(committed.len() > kills / 2, "the writer hardly wrote: the test proved little");
}

#[tokio::test]
async fn a_second_process_is_refused_while_another_holds_the_vault() {
    if std::env::var("AMPARO_CRASH_WRITER_VAULT").is_ok() {
        return;
    }
    let (_dir, path) = temp_vault_path();
    create(&path).await.lock().await;
    let mut child = writer(&path, 0).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    assert!(lines.any(|l| l == "ready"));
    let err = Vault::open(&path, &pass(PASS)).await.unwrap_err();
    assert_eq!(err.code(), "vault_in_use", "{err:?}");
    child.kill().unwrap();
    child.wait().unwrap();
    let v = Vault::open(&path, &pass(PASS)).await.expect("opens once the other process is gone");
    v.lock().await;
}
