//! The merge, as a pure function of the field operations a vault holds: every vault with
//! the same operations shows the same values, whatever order the bundles came in.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One write of one field of one record, as bundles carry it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// Entity (client, matter, …).
    pub e: String,
    /// The record's uid.
    pub u: String,
    /// The field.
    pub f: String,
    /// The new value (references to records as uids).
    pub v: Value,
    /// Hybrid logical clock.
    pub h: u64,
    /// Author device.
    pub d: String,
    /// Author member.
    pub m: String,
    /// The versions this write replaces: `hlc.device` of the same field; a delete also
    /// lists `field=hlc.device` for each other field it had seen.
    #[serde(default)]
    pub p: Vec<String>,
}

impl Op {
    pub fn version(&self) -> String {
        version(self.h, &self.d)
    }

    fn order(&self) -> (u64, &str) {
        (self.h, &self.d)
    }
}

pub fn version(hlc: u64, device: &str) -> String {
    format!("{hlc}.{device}")
}

/// A field's value after merging, and the concurrent writes if a person must settle them.
#[derive(Debug, PartialEq)]
pub struct Merged<'a> {
    pub value: Value,
    pub heads: Vec<&'a Op>,
    pub conflict: bool,
}

/// The writes no other write replaces.
pub fn heads<'a>(ops: &'a [Op]) -> Vec<&'a Op> {
    let replaced: BTreeSet<&str> = ops.iter().flat_map(|o| o.p.iter().map(String::as_str)).collect();
    let mut h: Vec<&Op> = ops.iter().filter(|o| !replaced.contains(o.version().as_str())).collect();
    h.sort_by(|a, b| a.order().cmp(&b.order()));
    h.dedup_by(|a, b| a.order() == b.order());
    h
}

/// Merges one field's operations. Concurrent writes: the latest (clock, device) wins,
/// except that a field a person must settle is a conflict, and for a date the earlier
/// date shows until then (a missed early date is worse than an early reminder).
pub fn merge(ops: &[Op], settled_by_person: bool, is_date: bool) -> Merged<'_> {
    let heads = heads(ops);
    let conflict = settled_by_person && heads.len() > 1;
    let value = if conflict && is_date {
        heads.iter().filter_map(|o| o.v.as_str().map(|s| (s, &o.v))).min_by(|a, b| a.0.cmp(b.0)).map(|(_, v)| v.clone())
    } else {
        None
    };
    let value = value.unwrap_or_else(|| heads.last().map(|o| o.v.clone()).unwrap_or(Value::Null));
    Merged { value, heads, conflict }
}

/// For fields that only make sense together: the device whose write of any of them is the
/// latest head, and for each field the value that device wrote if it is a head there.
/// (A laptop that marks a deadline done writes its status and date in one sync.)
pub fn together<'a>(fields: &[&'a [Op]]) -> Vec<Option<&'a Op>> {
    let all_heads: Vec<Vec<&Op>> = fields.iter().map(|ops| heads(ops)).collect();
    let Some(winner) = all_heads.iter().flatten().max_by(|a, b| a.order().cmp(&b.order())).map(|o| o.d.clone()) else {
        return vec![None; fields.len()];
    };
    all_heads.iter().map(|h| h.iter().rev().find(|o| o.d == winner).copied()).collect()
}

/// Fields that never make a delete concurrent with an edit (they change with every write).
const BOOKKEEPING: &[&str] = &["created_at", "updated_at", "deleted_at"];

/// Whether a delete (the winning write of `deleted_at`) missed an edit made elsewhere:
/// some write to another field is neither among nor before the versions the delete had
/// seen, nor written after seeing the delete.
/// Then the record is kept and flagged instead of deleted.
pub fn delete_missed_an_edit(delete: &Op, fields: &BTreeMap<String, Vec<Op>>) -> bool {
    for (field, ops) in fields {
        if BOOKKEEPING.contains(&field.as_str()) {
            continue;
        }
        let prefix = format!("{field}=");
        let mut known: BTreeSet<String> =
            delete.p.iter().filter_map(|p| p.strip_prefix(&prefix)).map(str::to_string).collect();
        // Everything the seen versions replaced, transitively.
        let by_version: BTreeMap<String, &Op> = ops.iter().map(|o| (o.version(), o)).collect();
        let mut stack: Vec<String> = known.iter().cloned().collect();
        while let Some(v) = stack.pop() {
            if let Some(op) = by_version.get(&v) {
                for p in &op.p {
                    if known.insert(p.clone()) {
                        stack.push(p.clone());
                    }
                }
            }
        }
        // An edit that saw the delete (it names it) came after it, not beside it.
        let saw_delete = format!("deleted_at={}", delete.version());
        if ops.iter().any(|o| !known.contains(&o.version()) && !o.p.contains(&saw_delete)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(f: &str, v: Value, h: u64, d: &str, p: &[&str]) -> Op {
        Op {
            e: "hearing".into(),
            u: "u".into(),
            f: f.into(),
            v,
            h,
            d: d.into(),
            m: d.into(),
            p: p.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_later_write_that_saw_the_earlier_replaces_it() {
        let ops = vec![op("f", json!("a"), 1, "x", &[]), op("f", json!("b"), 2, "y", &["1.x"])];
        let m = merge(&ops, true, false);
        assert_eq!(m.value, json!("b"));
        assert!(!m.conflict);
    }

    #[test]
    fn concurrent_dates_conflict_and_show_the_earlier_in_any_order() {
        let base = op("starts_at", json!("2027-01-10T09:00"), 1, "x", &[]);
        let a = op("starts_at", json!("2027-03-01T09:00"), 5, "x", &["1.x"]);
        let b = op("starts_at", json!("2027-02-01T09:00"), 3, "y", &["1.x"]);
        for ops in [vec![base.clone(), a.clone(), b.clone()], vec![b.clone(), a.clone(), base.clone()]] {
            let m = merge(&ops, true, true);
            assert!(m.conflict);
            assert_eq!(m.value, json!("2027-02-01T09:00"));
            assert_eq!(m.heads.len(), 2);
        }
        // A field nobody settles: the latest write wins, no conflict.
        let all = [base, a, b];
        let m = merge(&all, false, false);
        assert_eq!((m.value, m.conflict), (json!("2027-03-01T09:00"), false));
    }

    #[test]
    fn a_write_replacing_both_heads_settles_the_conflict() {
        let ops = vec![
            op("f", json!("a"), 1, "x", &[]),
            op("f", json!("b"), 2, "y", &[]),
            op("f", json!("c"), 3, "x", &["1.x", "2.y"]),
        ];
        let m = merge(&ops, true, false);
        assert_eq!((m.value, m.conflict), (json!("c"), false));
    }

    #[test]
    fn fields_that_go_together_come_from_one_laptop() {
        // Laptop x marks the deadline done (date first, status a tick later); laptop y
        // reopens it in between. Field by field, status would be x's "done" and the date
        // y's empty one: a state the database refuses.
        let status =
            vec![op("status", json!("done"), 1002, "x", &["1.o"]), op("status", json!("open"), 1001, "y", &["1.o"])];
        let done_on = vec![
            op("done_on", json!("2027-01-05"), 1000, "x", &["2.o"]),
            op("done_on", Value::Null, 1001, "y", &["2.o"]),
        ];
        let picked = together(&[&status, &done_on]);
        assert_eq!(picked[0].unwrap().v, json!("done"));
        assert_eq!(picked[1].unwrap().v, json!("2027-01-05"));
        assert_eq!(merge(&done_on, false, false).value, Value::Null, "field by field it would be empty");
    }

    #[test]
    fn a_delete_that_missed_an_edit_keeps_the_record() {
        let name1 = op("name", json!("Ana"), 1, "x", &[]);
        let name2 = op("name", json!("Ana María"), 4, "y", &["1.x"]);
        let delete = op("deleted_at", json!("2026-11-25T00:00:00Z"), 3, "x", &["name=1.x"]);
        let mut fields = BTreeMap::new();
        fields.insert("name".to_string(), vec![name1.clone()]);
        assert!(!delete_missed_an_edit(&delete, &fields));
        fields.insert("name".to_string(), vec![name1.clone(), name2]);
        assert!(delete_missed_an_edit(&delete, &fields));
        // An edit made after seeing the delete does not undo it.
        let after = op("name", json!("Ana M."), 5, "y", &["1.x", "deleted_at=3.x"]);
        fields.insert("name".to_string(), vec![name1, after]);
        assert!(!delete_missed_an_edit(&delete, &fields));
    }
}
