//! Test helper for tests/crash.rs: writes clients and matters to a vault in a loop and
//! prints "committed CLIENT MATTER" after each commit, until it is killed.
//! Usage: AMPARO_PASSPHRASE=... crash_writer VAULT_PATH START

use std::io::Write;

use amparo::model::{ClientInput, MatterInput};
use amparo::{Store, Vault};
use secrecy::SecretString;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(args.next().expect("vault path"));
    let start: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let pass = SecretString::from(std::env::var("AMPARO_PASSPHRASE").expect("AMPARO_PASSPHRASE"));
    let vault = Vault::open(&path, &pass).await.expect("open");
    let store = Store::new(vault.pool().clone(), "crash-writer");
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
            .add_matter(&MatterInput { client_id: c.id, kind: "bond".into(), forum: "immigration_court".into(), ..Default::default() })
            .await
            .expect("add matter");
        writeln!(out, "committed {} {}", c.id, m.id).unwrap();
        out.flush().unwrap();
    }
}
