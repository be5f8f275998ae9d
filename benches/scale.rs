//! Speed at clinic scale (issue 14): the screens' queries on an encrypted vault and on a
//! plain SQLite file built by the same code with the same schema, data and settings, side
//! by side in one process, at 1k and 10k clients (and 100k with
//! `AMPARO_BENCH_SCALES=1000,10000,100000`). Medians of interleaved rounds after warm-up
//! rounds, with min and max; the unlock beside the key derivation alone; the query plan of
//! every statement each query ran. Writes `results.md` and `plans.md` to
//! `AMPARO_BENCH_OUT` (default `target/scale-bench`).
//!
//! `make bench` runs it (`cargo bench --features bench-plain --bench scale`). Run without
//! `--bench` (as `cargo test --features bench-plain --bench scale` does) it is a smoke: a
//! small vault, every query once, encrypted and plain answers compared; nothing timed.

#[path = "scale/trace.rs"]
mod trace;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use amparo::model::NoteSubject;
use amparo::store::clients::ClientQuery;
use amparo::vault::kdf::{derive_kek, KdfParams};
use amparo::{Store, Vault};
use chrono::{Duration as Days, NaiveDate};
use secrecy::SecretString;

const SEED: u64 = 14;
const PASS: &str = "tangerine orbit velvet harbor";

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    if full {
        rt.block_on(bench());
    } else {
        rt.block_on(smoke());
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
}

/// One vault or plain file under test.
struct Subject {
    store: Store,
    /// Set for the encrypted one.
    vault: Option<(Vault, PathBuf)>,
    size: u64,
    seeding: Duration,
}

async fn build(dir: &Path, clients: usize, encrypted: bool) -> Subject {
    let started = Instant::now();
    let (pool, vault, file) = if encrypted {
        let file = dir.join(format!("enc-{clients}.amparo"));
        let pass = SecretString::from(PASS.to_string());
        let (v, _) = Vault::create(&file, &pass, KdfParams::calibrated()).await.unwrap();
        (v.pool().clone(), Some((v, file.clone())), file)
    } else {
        let file = dir.join(format!("plain-{clients}.sqlite"));
        (amparo::vault::plain::open_plain_for_benchmark(&file).await.unwrap(), None, file)
    };
    let store = Store::new(pool, "Coordinator");
    let made = amparo::seed::seed(&store, clients, SEED, today()).await.unwrap();
    assert_eq!(made.clients, clients);
    let seeding = started.elapsed();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(store.pool()).await.unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    Subject { store, vault, size, seeding }
}

/// The queries a screen makes, each as the app's command makes it. Returns a digest of the
/// answer, so the encrypted and plain answers can be compared.
#[derive(Clone, Copy)]
enum Query {
    Dashboard,
    Reminder,
    SearchName,
    SearchANumber,
    ListFirst,
    ListMiddle,
    ClientPage,
    MatterPage,
    Calendar,
}

impl Query {
    const ALL: [Query; 9] = [
        Query::Dashboard,
        Query::Reminder,
        Query::SearchName,
        Query::SearchANumber,
        Query::ListFirst,
        Query::ListMiddle,
        Query::ClientPage,
        Query::MatterPage,
        Query::Calendar,
    ];

    fn name(self) -> &'static str {
        match self {
            Query::Dashboard => "dashboard",
            Query::Reminder => "reminder counts",
            Query::SearchName => "search \"mar\"",
            Query::SearchANumber => "search an A-number",
            Query::ListFirst => "client list, first page",
            Query::ListMiddle => "client list, middle page",
            Query::ClientPage => "client page",
            Query::MatterPage => "matter page",
            Query::Calendar => "calendar, 5 weeks",
        }
    }

    async fn run(self, s: &Store, clients: usize) -> String {
        let today = today();
        let middle = (clients / 2).max(1) as i64;
        match self {
            Query::Dashboard => {
                let d = s.dashboard(today).await.unwrap();
                format!(
                    "{} {} {} {} {} {} {:?}",
                    d.overdue.len(),
                    d.due_within_7.len(),
                    d.due_within_30.len(),
                    d.one_year.len(),
                    d.hearings.len(),
                    d.volunteers.len(),
                    d.counts,
                )
            }
            Query::Reminder => format!("{:?}", s.reminder(today).await.unwrap()),
            Query::SearchName => {
                let hits = s.search_clients("mar", 50).await.unwrap();
                format!("{} {:?}", hits.len(), hits.iter().map(|h| h.client_id).collect::<Vec<_>>())
            }
            Query::SearchANumber => {
                let hits = s.search_clients(&format!("2{:08}", clients / 2), 50).await.unwrap();
                format!("{:?}", hits.iter().map(|h| h.client_id).collect::<Vec<_>>())
            }
            Query::ListFirst | Query::ListMiddle => {
                let offset = if matches!(self, Query::ListFirst) { 0 } else { clients as i64 / 2 };
                let page = s.list_clients(&ClientQuery { offset, limit: 50, ..Default::default() }).await.unwrap();
                format!("{} {:?}", page.total, page.items.iter().map(|c| c.id).collect::<Vec<_>>())
            }
            Query::ClientPage => {
                // What the app's get_client command reads.
                let c = s.client(middle).await.unwrap();
                let matters = s.list_matters(Some(middle)).await.unwrap();
                let family = s.family(middle).await.unwrap();
                let notes = s.notes_for(NoteSubject::Client(middle)).await.unwrap();
                let history = s.audit_for("client", middle).await.unwrap();
                let custody = s.custody_for(middle).await.unwrap();
                format!(
                    "{} {} {} {} {} {}",
                    c.id,
                    matters.len(),
                    family.members.len(),
                    notes.len(),
                    history.len(),
                    custody.len()
                )
            }
            Query::MatterPage => {
                // What the app's get_matter command reads.
                let id = middle * 3;
                let m = s.matter(id).await.unwrap();
                let c = s.client(m.fields.client_id).await.unwrap();
                let h = s.hearings_for(id).await.unwrap();
                let d = s.deadlines_for(id, today).await.unwrap();
                let f = s.filings_for(id).await.unwrap();
                let n = s.notes_for(NoteSubject::Matter(id)).await.unwrap();
                let a = s.appointments_for(id).await.unwrap();
                format!("{} {} {} {} {} {} {}", m.id, c.id, h.len(), d.len(), f.len(), n.len(), a.len())
            }
            Query::Calendar => {
                let from = today - Days::days(7);
                let r = s.calendar(from, from + Days::days(34), today).await.unwrap();
                format!("{} {} {} {:?}", r.hearings.len(), r.deadlines.len(), r.appointments.len(), r.more.len())
            }
        }
    }
}

/// Runs every query once on both and compares the answers: same seed, same data, so the
/// encrypted vault and the plain file must answer alike.
async fn smoke() {
    let dir = tempfile::tempdir().unwrap();
    let clients = 300;
    let enc = build(dir.path(), clients, true).await;
    let plain = build(dir.path(), clients, false).await;
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM matters), (SELECT COUNT(*) FROM deadlines), (SELECT COUNT(*) FROM audit_log)",
    )
    .fetch_one(enc.store.pool())
    .await
    .unwrap();
    assert_eq!(counts.0, 3 * clients as i64, "three matters per client");
    assert_eq!(counts.1, 10 * clients as i64, "ten deadlines per client");
    assert!(counts.2 >= 20 * clients as i64, "twenty audit entries per client");
    for q in Query::ALL {
        let (a, b) = (q.run(&enc.store, clients).await, q.run(&plain.store, clients).await);
        assert_eq!(a, b, "{}: the encrypted and the plain vault answer differently", q.name());
        assert!(!a.starts_with("0 ") && a != "[]", "{}: the seeded vault gives an empty answer ({a})", q.name());
        println!("ok {}: {a}", q.name());
    }
    let plans = plans(&enc.store, clients).await;
    assert_eq!(plans.len(), Query::ALL.len(), "every query ran statements");
    assert!(plans.values().all(|p| !p.is_empty()), "every query has its plan");
    if let Some((v, _)) = enc.vault {
        v.lock().await;
    }
}

struct Figures {
    median: f64,
    min: f64,
    max: f64,
}

fn figures(mut ms: Vec<f64>) -> Figures {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Figures { median: ms[ms.len() / 2], min: ms[0], max: ms[ms.len() - 1] }
}

async fn measure(s: &Store, clients: usize, warm: usize, rounds: usize) -> Vec<Figures> {
    for _ in 0..warm {
        for q in Query::ALL {
            q.run(s, clients).await;
        }
    }
    let mut times = vec![Vec::new(); Query::ALL.len()];
    for _ in 0..rounds {
        for (i, q) in Query::ALL.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(q.run(s, clients).await);
            times[i].push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.into_iter().map(figures).collect()
}

/// Each query's statements, traced as they ran, with SQLite's plan for each.
async fn plans(s: &Store, clients: usize) -> BTreeMap<&'static str, String> {
    let mut out = BTreeMap::new();
    for q in Query::ALL {
        let statements = trace::statements(s.pool(), q.run(s, clients)).await;
        let mut text = String::new();
        for sql in statements {
            if !sql.trim_start().to_ascii_uppercase().starts_with("SELECT") && !sql.trim_start().starts_with("WITH") {
                continue;
            }
            let rows: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}")).fetch_all(s.pool()).await.unwrap_or_default();
            let _ = writeln!(text, "```sql\n{}\n```", shorten(&sql));
            for (_, _, _, detail) in rows {
                let _ = writeln!(text, "    {detail}");
            }
        }
        out.insert(q.name(), text);
    }
    out
}

/// Long IN lists and text values cut short, so the plans stay readable.
fn shorten(sql: &str) -> String {
    let flat: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() > 600 {
        format!("{}…", flat.chars().take(600).collect::<String>())
    } else {
        flat
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::NAN
    }
}

async fn bench() {
    let scales: Vec<usize> = std::env::var("AMPARO_BENCH_SCALES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("AMPARO_BENCH_SCALES: numbers separated by commas"))
        .collect();
    let rounds: usize = std::env::var("AMPARO_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    let out_dir =
        std::env::var_os("AMPARO_BENCH_OUT").map(PathBuf::from).unwrap_or_else(|| "target/scale-bench".into());
    std::fs::create_dir_all(&out_dir).unwrap();
    let base = std::env::var_os("AMPARO_BENCH_DIR").map(PathBuf::from);
    let mut report = String::new();
    let mut plans_md = String::new();
    let machine = machine();
    let _ = writeln!(report, "Machine: {machine}. Seed {SEED}, today {}, {rounds} measured rounds after 3 warm-up rounds, interleaved; milliseconds: median (min–max).\n", today());
    let mut by_scale: Vec<(usize, Vec<Figures>, Vec<Figures>)> = Vec::new();
    for &clients in &scales {
        let dir = match &base {
            Some(b) => tempfile::tempdir_in(b).unwrap(),
            None => tempfile::tempdir().unwrap(),
        };
        eprintln!("building {clients} clients…");
        let mut enc = build(dir.path(), clients, true).await;
        let plain = build(dir.path(), clients, false).await;
        let _ = writeln!(
            report,
            "### {clients} clients\n\nFiles: encrypted {:.1} MB, plain {:.1} MB. Seeding (bulk writes): encrypted {:.1} s, plain {:.1} s, ratio {:.2}.\n",
            enc.size as f64 / 1e6,
            plain.size as f64 / 1e6,
            enc.seeding.as_secs_f64(),
            plain.seeding.as_secs_f64(),
            ratio(enc.seeding.as_secs_f64(), plain.seeding.as_secs_f64())
        );
        // Unlock: the key derivation alone, then the whole unlock, three times each.
        let (vault, file) = enc.vault.take().unwrap();
        let params = vault.kdf_params();
        vault.lock().await;
        let pass = SecretString::from(PASS.to_string());
        let mut kdf = Vec::new();
        let mut unlock = Vec::new();
        let mut opened = None;
        for _ in 0..3 {
            let t = Instant::now();
            derive_kek(&pass, b"benchmark-salt-16", params).unwrap();
            kdf.push(t.elapsed().as_secs_f64() * 1000.0);
            if let Some(v) = opened.take() {
                Vault::lock(v).await;
            }
            let t = Instant::now();
            let v = Vault::open(&file, &pass).await.unwrap();
            unlock.push(t.elapsed().as_secs_f64() * 1000.0);
            opened = Some(v);
        }
        let vault = opened.unwrap();
        let (kdf, unlock) = (figures(kdf), figures(unlock));
        let _ =
            writeln!(
            report,
            "Unlock: {:.0} ms (min {:.0}, max {:.0}); the key derivation alone {:.0} ms; unlock beyond it {:.0} ms.\n",
            unlock.median, unlock.min, unlock.max, kdf.median, unlock.median - kdf.median
        );
        // Both measured on a fresh connection, as after an unlock: the plain file is
        // reopened too (the connection that wrote it holds another cache), and the
        // whole-file check that follows an unlock is let finish first.
        let found = vault.integrity_checked().await;
        assert_eq!(found, amparo::vault::Integrity::Sound);
        plain.store.pool().close().await;
        let plain_file = dir.path().join(format!("plain-{clients}.sqlite"));
        let plain =
            Store::new(amparo::vault::plain::open_plain_for_benchmark(&plain_file).await.unwrap(), "Coordinator");
        let enc_store = Store::new(vault.pool().clone(), "Coordinator");
        let e = measure(&enc_store, clients, 3, rounds).await;
        let p = measure(&plain, clients, 3, rounds).await;
        let _ = writeln!(report, "| query | encrypted | plain | enc ÷ plain |\n|---|---|---|---|");
        for (i, q) in Query::ALL.iter().enumerate() {
            let _ = writeln!(
                report,
                "| {} | {:.2} ({:.2}–{:.2}) | {:.2} ({:.2}–{:.2}) | {:.2} |",
                q.name(),
                e[i].median,
                e[i].min,
                e[i].max,
                p[i].median,
                p[i].min,
                p[i].max,
                ratio(e[i].median, p[i].median)
            );
        }
        report.push('\n');
        let _ = writeln!(plans_md, "## {clients} clients (encrypted)\n");
        for (name, plan) in plans(&enc_store, clients).await {
            let _ = writeln!(plans_md, "### {name}\n\n{plan}");
        }
        vault.lock().await;
        print!("{report}");
        by_scale.push((clients, e, p));
    }
    if by_scale.len() > 1 {
        let (small, last) = (&by_scale[0], &by_scale[by_scale.len() - 1]);
        let _ = writeln!(
            report,
            "### Growth: {} clients ÷ {} clients (encrypted)\n\n| query | growth |\n|---|---|",
            last.0, small.0
        );
        for (i, q) in Query::ALL.iter().enumerate() {
            let _ = writeln!(report, "| {} | {:.1} |", q.name(), ratio(last.1[i].median, small.1[i].median));
        }
    }
    std::fs::write(out_dir.join("results.md"), &report).unwrap();
    std::fs::write(out_dir.join("plans.md"), &plans_md).unwrap();
    println!("{report}\nwritten to {}", out_dir.display());
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0)))
        .unwrap_or(0);
    format!("{cpu}, {cores} cores, {} GiB", mem / 1024 / 1024)
}
