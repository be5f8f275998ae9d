//! What a large document costs: attaching a 200 MB recording, exporting it and making the
//! viewer's private copy, then sending it through the clinic exchange (a folder remote)
//! and receiving it in a second coordinator's vault, each timed, with the process's peak
//! memory over each step (the
//! peak is reset between steps through /proc/self/clear_refs) and the largest the WAL
//! grew meanwhile. Run: `cargo bench --bench documents` (AMPARO_BENCH_MB for another
//! size, AMPARO_BENCH_DIR for where the files go). Prints a Markdown table;
//! docs/BENCHMARKS.md keeps the figures with the date and machine.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use amparo::clinic::remote::Remote;
use amparo::clinic::Role;
use amparo::documents::{AddDocument, DocumentSubject};
use amparo::model::ClientInput;
use amparo::vault::KdfParams;
use amparo::{Store, Vault};
use secrecy::SecretString;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(run());
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|k| k.parse().ok()))
        .unwrap_or(0)
}

/// Resets the peak (VmHWM) to the current size, so a step's own peak can be read.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Watches the WAL's size from another thread until `stop`.
fn watch(wal: PathBuf, stop: Arc<AtomicBool>, peak: Arc<AtomicU64>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            let now = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            peak.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    })
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1u64 << 20) as f64)
}

async fn step<T>(name: &str, wal: &Path, f: impl std::future::Future<Output = T>) -> T {
    let before = status_kib("VmRSS:");
    reset_peak();
    let stop = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let watcher = watch(wal.to_path_buf(), stop.clone(), peak.clone());
    let t = Instant::now();
    let out = f.await;
    let took = t.elapsed();
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap();
    let top = status_kib("VmHWM:");
    println!(
        "| {name} | {:.1} s | {} | {} | {} |",
        took.as_secs_f64(),
        mib(before * 1024),
        mib(top.saturating_sub(before) * 1024),
        mib(peak.load(Ordering::SeqCst))
    );
    out
}

async fn run() {
    let size_mb: u64 = std::env::var("AMPARO_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let base = std::env::var_os("AMPARO_BENCH_DIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).unwrap();
    let path = dir.path().join("bench.amparo");
    let pass = SecretString::from("tangerine orbit velvet harbor");
    let (vault, _) = Vault::create(&path, &pass, KdfParams::FLOOR).await.unwrap();
    let store = Store::new(vault.pool().clone(), "bench");
    let client = store.add_client(&ClientInput { given_name: "Haile".into(), ..Default::default() }).await.unwrap();

    // A file that does not compress, written in pieces so the bench itself stays small.
    let file = dir.path().join("declaration.mp4");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        out.write_all(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom").unwrap();
        let mut x: u64 = 0x9e3779b97f4a7c15;
        let mut block = vec![0u8; 1 << 20];
        for _ in 0..size_mb {
            for b in block.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *b = x as u8;
            }
            out.write_all(&block).unwrap();
        }
    }
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    println!("{size_mb} MB file (incompressible), 1 MiB chunks, 16 per transaction\n");
    println!("| step | time | RSS before | peak above before | WAL peak |");
    println!("|---|---|---|---|---|");
    let subject = DocumentSubject::Client(client.id);
    let d = step("attach", &wal, store.add_document(subject, &file, &AddDocument::default())).await.unwrap();
    let out = dir.path().join("copy.mp4");
    step("export (checked against SHA-256)", &wal, store.export_document(d.id, &out)).await.unwrap();
    std::env::set_var("XDG_RUNTIME_DIR", dir.path());
    step("private copy for the viewer", &wal, store.private_copy(d.id)).await.unwrap();
    let vault_size = std::fs::metadata(&path).unwrap().len();

    // The clinic exchange: this vault's coordinator and a second coordinator (a reader of
    // every case) over a folder.
    let remote_dir = dir.path().join("remote");
    let remote = Remote::open(&remote_dir.to_string_lossy(), None).unwrap();
    store.clinic_create("Bench clinic", "bench").await.unwrap();
    let other_path = dir.path().join("other.amparo");
    let (other_vault, _) = Vault::create(&other_path, &pass, KdfParams::FLOOR).await.unwrap();
    let other = Store::new(other_vault.pool().clone(), "second");
    let invite = store.clinic_invite().await.unwrap();
    let joined = other.clinic_join(&invite, "second").await.unwrap();
    store.clinic_admit(&joined.request, &joined.fingerprint, Role::Coordinator).await.unwrap();
    let other_wal = PathBuf::from(format!("{}-wal", other_path.display()));
    // The first sync publishes the roster and sends everything, the document with it.
    let sent = step("send through the clinic exchange", &wal, store.sync(&remote)).await.unwrap();
    let got = step("receive through the clinic exchange", &other_wal, other.sync(&remote)).await.unwrap();
    assert_eq!((sent.sent_documents, got.received_documents), (1, 1), "{sent:?} {got:?}");
    println!("\nVault file after: {} for a {} file.", mib(vault_size), mib(d.size as u64));
    vault.lock().await;
    other_vault.lock().await;
}
