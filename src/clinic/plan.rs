//! What a sync must read, worked out from the remote's listing and what this vault has
//! already seen: a pure function, tested without any storage. It also checks each device's
//! chain of numbered bundles for gaps (a bundle withheld or deleted) and forks (two bundles
//! with one number: a vault restored from an old copy, or tampering).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// A bundle object, as its name describes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Listed {
    pub device: String,
    pub seq: u64,
    pub hash: String,
    pub name: String,
}

/// A roster object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ListedRoster {
    pub seq: u64,
    pub name: String,
}

/// A problem in a device's chain, reported on every sync until it is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ChainProblem {
    /// Numbers missing before `before` in `device`'s chain.
    Gap { device: String, missing_from: u64, missing_to: u64 },
    /// Two or more bundles with the same number.
    Fork { device: String, seq: u64 },
    /// Something in the clinic's folder that is not an Amparo object.
    Unknown { name: String },
    /// Another coordinator changed the roster at the same time: this vault's change (an
    /// admission, a removal or an assignment) was not published and must be made again.
    RosterOvertaken { seq: u64 },
}

/// Parses the remote's listing (names under `amparo/<clinic>/`).
pub fn parse_listing(clinic: &str, names: &[String]) -> (Vec<Listed>, Vec<ListedRoster>, Vec<ChainProblem>) {
    let (mut bundles, mut rosters, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    let root = format!("amparo/{clinic}/");
    for name in names {
        let Some(rest) = name.strip_prefix(&root) else { continue };
        let parsed = if let Some(rest) = rest.strip_prefix("d/") {
            rest.split_once('/').and_then(|(device, file)| {
                let (seq, hash) = numbered(file)?;
                uuid::Uuid::parse_str(device).ok()?;
                bundles.push(Listed { device: device.to_string(), seq, hash, name: name.clone() });
                Some(())
            })
        } else if let Some(file) = rest.strip_prefix("roster/") {
            // One name per number: a create-only write lets only one coordinator have it.
            file.strip_suffix(".age")
                .filter(|n| n.len() == 10 && n.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|n| n.parse().ok())
                .map(|seq| rosters.push(ListedRoster { seq, name: name.clone() }))
        } else if rest.starts_with("doc/") {
            // A document's content: read by the name its bundle gives, never listed.
            Some(())
        } else {
            None
        };
        if parsed.is_none() {
            problems.push(ChainProblem::Unknown { name: name.clone() });
        }
    }
    bundles.sort();
    rosters.sort();
    (bundles, rosters, problems)
}

/// `0000000012-<64 hex>.age` → (12, hash).
fn numbered(file: &str) -> Option<(u64, String)> {
    let stem = file.strip_suffix(".age")?;
    let (seq, hash) = stem.split_once('-')?;
    if seq.len() != 10 || !seq.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
        return None;
    }
    Some((seq.parse().ok()?, hash.to_string()))
}

/// The bundles to read, oldest first within each device, and the chains' problems.
pub fn plan(bundles: &[Listed], seen: &BTreeSet<String>) -> (Vec<Listed>, Vec<ChainProblem>) {
    let mut by_device: BTreeMap<&str, Vec<&Listed>> = BTreeMap::new();
    for b in bundles {
        by_device.entry(&b.device).or_default().push(b);
    }
    let mut problems = Vec::new();
    for (device, list) in &by_device {
        let mut expected = 1;
        let mut last = 0;
        for b in list {
            if b.seq == last {
                if problems.last() != Some(&ChainProblem::Fork { device: device.to_string(), seq: b.seq }) {
                    problems.push(ChainProblem::Fork { device: device.to_string(), seq: b.seq });
                }
                continue;
            }
            if b.seq > expected {
                problems.push(ChainProblem::Gap {
                    device: device.to_string(),
                    missing_from: expected,
                    missing_to: b.seq - 1,
                });
            }
            expected = b.seq + 1;
            last = b.seq;
        }
    }
    let todo = bundles.iter().filter(|b| !seen.contains(&b.name)).cloned().collect();
    (todo, problems)
}

/// The hash of the bundle before `seq` in `device`'s chain, if exactly one is listed.
pub fn previous_hash<'a>(bundles: &'a [Listed], device: &str, seq: u64) -> Option<&'a str> {
    let mut found = bundles.iter().filter(|b| b.device == device && b.seq + 1 == seq);
    match (found.next(), found.next()) {
        (Some(b), None) => Some(&b.hash),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "0190a0a0-0000-7000-8000-000000000000";
    const D: &str = "0190a0a0-0000-7000-8000-00000000000d";

    fn name(seq: u64, fill: char) -> String {
        format!("amparo/{C}/d/{D}/{seq:010}-{}.age", fill.to_string().repeat(64))
    }

    #[test]
    fn reads_new_bundles_in_order_and_reports_gaps_and_forks() {
        let names = vec![name(3, 'c'), name(1, 'a'), name(1, 'b'), name(5, 'e'), format!("amparo/{C}/stray.txt")];
        let (bundles, _, mut problems) = parse_listing(C, &names);
        let seen: BTreeSet<String> = [name(1, 'a')].into();
        let (todo, chain) = plan(&bundles, &seen);
        problems.extend(chain);
        assert_eq!(todo.iter().map(|b| b.seq).collect::<Vec<_>>(), vec![1, 3, 5]);
        assert!(problems.contains(&ChainProblem::Fork { device: D.into(), seq: 1 }));
        assert!(problems.contains(&ChainProblem::Gap { device: D.into(), missing_from: 2, missing_to: 2 }));
        assert!(problems.contains(&ChainProblem::Gap { device: D.into(), missing_from: 4, missing_to: 4 }));
        assert!(problems.iter().any(|p| matches!(p, ChainProblem::Unknown { .. })));
        assert_eq!(previous_hash(&bundles, D, 4), Some("c".repeat(64).as_str()));
        assert_eq!(previous_hash(&bundles, D, 2), None, "two candidates: a fork");
    }

    #[test]
    fn a_complete_chain_has_no_problems() {
        let names: Vec<String> = (1..=4).map(|s| name(s, 'f')).collect();
        let (bundles, _, problems) = parse_listing(C, &names);
        let (todo, chain) = plan(&bundles, &BTreeSet::new());
        assert!(problems.is_empty() && chain.is_empty());
        assert_eq!(todo.len(), 4);
    }
}
