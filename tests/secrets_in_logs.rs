//! Whatever logger or tracing subscriber someone adds to Amparo later never sees a key or
//! a passphrase: both are installed here at the most verbose level while a vault is
//! created, unlocked, used, backed up, re-keyed and locked, and everything they received is
//! searched for the passphrases and for any run of 64 hex digits (a raw key). Its own test
//! binary, since a logger and a subscriber are global to the process.

mod common;

use std::sync::{Arc, Mutex};

use amparo::model::ClientInput;
use amparo::vault::KdfParams;
use amparo::{Store, Vault};

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Logger;
impl log::Log for Logger {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        SEEN.lock().unwrap().push(format!("{} {}", record.target(), record.args()));
    }
    fn flush(&self) {}
}

/// A tracing subscriber that keeps every field of every event and span.
struct Subscriber(Arc<std::sync::atomic::AtomicU64>);
struct Fields(String);
impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push_str(&format!(" {}={value}", field.name()));
    }
}
impl tracing::Subscriber for Subscriber {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut f = Fields(span.metadata().name().to_string());
        span.record(&mut f);
        SEEN.lock().unwrap().push(f.0);
        tracing::span::Id::from_u64(self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut f = Fields(String::new());
        values.record(&mut f);
        SEEN.lock().unwrap().push(f.0);
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut f = Fields(event.metadata().target().to_string());
        event.record(&mut f);
        SEEN.lock().unwrap().push(f.0);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

fn has_hex_run(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 64 {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn no_logger_or_subscriber_sees_a_key_or_a_passphrase() {
    log::set_logger(&Logger).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    tracing::subscriber::set_global_default(Subscriber(Arc::new(0.into()))).unwrap();
    tracing::info!(probe = "hello", "the subscriber is installed");

    let (dir, path) = common::temp_vault_path();
    let first = "orchid falcon pewter lantern seven";
    let second = "quarry velvet mango harbor ninety";
    let (mut v, _code) = Vault::create(&path, &common::pass(first), KdfParams::FLOOR).await.unwrap();
    let s = Store::new(v.pool().clone(), "logs");
    s.add_client(&ClientInput { given_name: "Amina".into(), family_name: "Haile".into(), ..Default::default() })
        .await
        .unwrap();
    amparo::backups::back_up_now(&v, &s, Some(&dir.path().join("backups")), &|_, _| {}).await.unwrap();
    v.change_passphrase(&common::pass(first), &common::pass(second), KdfParams::FLOOR).await.unwrap();
    v.lock().await;
    assert!(Vault::open(&path, &common::pass(first)).await.is_err());
    let v = Vault::open(&path, &common::pass(second)).await.unwrap();
    Store::new(v.pool().clone(), "logs").search_clients("Haile", 5).await.unwrap();
    v.lock().await;

    let seen = SEEN.lock().unwrap();
    assert!(seen.iter().any(|l| l.contains("hello")), "the capture works");
    for line in seen.iter() {
        assert!(!line.contains(first) && !line.contains(second), "a passphrase was logged: {line}");
        assert!(!has_hex_run(line), "something like a raw key was logged: {line}");
        assert!(!line.to_ascii_lowercase().contains("pragma key"), "the key pragma was logged: {line}");
    }
}

#[tokio::test]
async fn connections_run_in_defensive_mode() {
    let (_dir, path) = common::temp_vault_path();
    let v = common::create(&path).await;
    // Defensive mode refuses writes to the schema table even with writable_schema asked.
    let _ = sqlx::query("PRAGMA writable_schema = ON").execute(v.pool()).await;
    let refused = sqlx::query("UPDATE sqlite_schema SET sql = sql WHERE name = 'clients'").execute(v.pool()).await;
    assert!(refused.is_err(), "defensive mode is off: the schema table was writable");
    v.lock().await;
}
