//! Helpers shared by the integration tests: vaults in temp dirs, with the cheapest KDF
//! settings the header accepts so that the suite stays quick.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use amparo::vault::KdfParams;
use amparo::{Store, Vault};
use secrecy::SecretString;
use tempfile::TempDir;

pub const PASS: &str = "tangerine orbit velvet harbor";

pub fn pass(p: &str) -> SecretString {
    SecretString::from(p.to_string())
}

/// A temp dir and the vault path inside it.
pub fn temp_vault_path() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("clinic.amparo");
    (dir, path)
}

pub async fn create(path: &Path) -> Vault {
    Vault::create(path, &pass(PASS), KdfParams::FLOOR).await.expect("create vault").0
}

pub async fn open(path: &Path) -> Vault {
    Vault::open(path, &pass(PASS)).await.expect("open vault")
}

pub fn store(v: &Vault) -> Store {
    Store::new(v.pool().clone(), "tester")
}

/// Every file in `dir` with its length and a hash of its bytes, to prove an attempt
/// changed nothing.
pub fn snapshot(dir: &Path) -> Vec<(String, u64, u64)> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<(String, u64, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes.len() as u64, h.finish())
        })
        .collect();
    out.sort();
    out
}

/// How many times `needle` occurs in the bytes of every file below `dir`.
pub fn count_in_files(dir: &Path, needle: &[u8]) -> usize {
    let mut hits = 0;
    for entry in walk(dir) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        hits += bytes.windows(needle.len()).filter(|w| *w == needle).count();
    }
    hits
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// How many times `needle` occurs below `dir` in any form a program might have written
/// it: UTF-8, UTF-16 (both byte orders), each also lower- and upper-cased.
pub fn count_plaintext(dir: &Path, needle: &str) -> usize {
    let mut forms: Vec<Vec<u8>> = Vec::new();
    for text in [needle.to_string(), needle.to_lowercase(), needle.to_uppercase()] {
        forms.push(text.as_bytes().to_vec());
        forms.push(text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
        forms.push(text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
    }
    forms.sort();
    forms.dedup();
    forms.iter().map(|f| count_in_files(dir, f)).sum()
}

/// Every row of every table, as text, to compare two vaults' contents exactly.
pub async fn dump_all(pool: &sqlx::SqlitePool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .fetch_all(pool)
        .await
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let cols: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{t}')")).fetch_all(pool).await.unwrap();
        if cols.is_empty() {
            continue;
        }
        let row = cols.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join("||'|'||");
        let rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM \"{t}\" ORDER BY rowid"))
            .fetch_all(pool)
            .await
            .unwrap_or_default();
        out.push((t, rows.join("\n")));
    }
    out
}

/// Row counts of the case tables, to prove that refusing something changed nothing.
pub async fn snapshot_counts(pool: &sqlx::SqlitePool) -> Vec<i64> {
    let mut out = Vec::new();
    for t in
        ["clients", "matters", "hearings", "deadlines", "filings", "notes", "note_versions", "audit_log", "sync_ops"]
    {
        out.push(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}")).fetch_one(pool).await.unwrap());
    }
    out
}

/// Adds `n` clients with long names, so the vault spans many pages.
pub async fn add_padded_clients(v: &Vault, n: usize) {
    for i in 0..n {
        store(v)
            .add_client(&amparo::model::ClientInput {
                given_name: format!("P{i}"),
                family_name: "X".repeat(150),
                ..Default::default()
            })
            .await
            .unwrap();
    }
}

/// Flips bytes in a page near the end of the data file: one the unlock does not read.
pub fn flip_deep_page(p: &Path) {
    let mut bytes = std::fs::read(p).unwrap();
    let at = bytes.len() - 2000;
    bytes[at] ^= 0xFF;
    bytes[at + 1] ^= 0x55;
    std::fs::write(p, bytes).unwrap();
}
