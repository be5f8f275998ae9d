//! What a clinic sync costs on this machine: a volunteer's laptop sends 1, 100 and 10,000
//! new clients, then the same number of edited ones, through a folder; the coordinator's
//! laptop receives them. Times are wall clock for the whole `sync` (capture, sign, encrypt,
//! write; list, read, check, decrypt, apply), sizes are the bundles' bytes on the remote.
//! Run: `cargo bench --bench clinic`. docs/BENCHMARKS.md keeps the figures.

use std::time::{Duration, Instant};

use amparo::clinic::remote::Remote;
use amparo::clinic::Role;
use amparo::model::ClientInput;
use amparo::vault::kdf::KdfParams;
use amparo::{Store, Vault};
use secrecy::SecretString;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run());
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn kib(b: u64) -> String {
    if b > 10 << 20 {
        format!("{:.1} MiB", b as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KiB", b as f64 / 1024.0)
    }
}

async fn vault(dir: &std::path::Path, name: &str) -> (Vault, Store) {
    let pass = SecretString::from("tangerine orbit velvet harbor".to_string());
    let (v, _) = Vault::create(&dir.join(format!("{name}.amparo")), &pass, KdfParams::FLOOR).await.unwrap();
    let s = Store::new(v.pool().clone(), name);
    (v, s)
}

async fn run() {
    println!("| changed records | volunteer's sync (send) | bundle bytes | coordinator's sync (receive) |\n|---|---|---|---|");
    for n in [1usize, 100, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let (_cv, coord) = vault(dir.path(), "coord").await;
        let (_vv, vol) = vault(dir.path(), "vol").await;
        coord.clinic_create("Bench clinic", "Coordinator").await.unwrap();
        let joined = vol.clinic_join(&coord.clinic_invite().await.unwrap(), "Volunteer").await.unwrap();
        coord.clinic_admit(&joined.request, &joined.fingerprint, Role::Volunteer).await.unwrap();
        let remote = Remote::open(dir.path().join("remote").to_str().unwrap(), None).unwrap();
        coord.sync(&remote).await.unwrap();
        vol.sync(&remote).await.unwrap();

        let inputs: Vec<ClientInput> = (0..n)
            .map(|i| ClientInput {
                given_name: format!("Given{i}"),
                family_name: format!("Family{i}"),
                phone: Some(format!("555-{i:06}")),
                address: Some(format!("{i} Calle Mayor, Springfield")),
                ..Default::default()
            })
            .collect();
        let ids = vol.add_clients(&inputs).await.unwrap();
        measure(&format!("{n} new"), &vol, &coord, &remote).await;

        for id in &ids {
            sqlx::query("UPDATE clients SET phone = '555-999999' WHERE id = ?")
                .bind(id)
                .execute(vol.pool())
                .await
                .unwrap();
        }
        measure(&format!("{n} edited (one field)"), &vol, &coord, &remote).await;
    }
}

async fn measure(what: &str, vol: &Store, coord: &Store, remote: &Remote) {
    let t = Instant::now();
    let sent = vol.sync(remote).await.unwrap();
    let send = t.elapsed();
    let t = Instant::now();
    let got = coord.sync(remote).await.unwrap();
    let receive = t.elapsed();
    assert!(got.refused.is_empty() && got.received_bundles >= 1, "{got:?}");
    println!(
        "| {what} | {} | {} in {} bundle(s) | {} |",
        ms(send),
        kib(sent.sent_bytes),
        sent.sent_bundles,
        ms(receive)
    );
}
