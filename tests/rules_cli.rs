//! The `amparo rules` contract that tests and scripts rely on.

use std::process::{Command, Output};

fn amparo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        // No vault anywhere: these commands must not need one.
        .env("AMPARO_VAULT", "/nonexistent/amparo/vault.amparo")
        .env_remove("AMPARO_PASSPHRASE")
        .output()
        .expect("run amparo")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// The ids of ../shared/reference/deadline-rules.md, which must be kept exactly.
const REFERENCE_IDS: [&str; 15] = [
    "asylum-one-year",
    "bia-appeal",
    "ij-motion-reconsider",
    "ij-motion-reopen",
    "bia-motion-reconsider",
    "bia-motion-reopen",
    "petition-for-review",
    "uscis-appeal",
    "rfe-response",
    "eoir-filing-master",
    "eoir-filing-individual",
    "eoir-response",
    "eoir-change-of-address",
    "ar11-change-of-address",
    "ead-asylum-clock",
];

/// The ids issue 9 added, fixed by the issue.
const NEW_IDS: [&str; 10] = [
    "motion-rescind-in-absentia",
    "vd-bond",
    "vd-departure",
    "bia-brief",
    "bia-bond-appeal",
    "noid-response",
    "pfr-brief",
    "sijs-age-out",
    "ead-renewal-window",
    "foia-response",
];

#[test]
fn rules_list_names_every_reference_rule_with_its_citation() {
    let out = amparo(&["rules", "list", "--json"]);
    assert!(out.status.success());
    let v = json(&out);
    let ids: Vec<&str> = v["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids[..15], REFERENCE_IDS, "the reference ids keep their order");
    assert_eq!(ids[15..], NEW_IDS);
    assert_eq!(v["table_version"], amparo::rules::TABLE_VERSION);
    assert_ne!(v["table_version"], "2026-11-25", "the version moved with the Nov. 2026 corrections");
    for r in v["rules"].as_array().unwrap() {
        assert!(!r["name"].as_str().unwrap().is_empty() && !r["citation"].as_str().unwrap().is_empty());
    }
}

#[test]
fn rules_compute_prints_one_object_with_the_contract_fields() {
    let out = amparo(&["rules", "compute", "bia-appeal", "--from", "2026-05-20", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = json(&out);
    assert_eq!(v["rule"], "bia-appeal");
    assert_eq!(v["from"], "2026-05-20");
    assert_eq!(v["due"], "2026-06-22");
    assert!(v["citation"].as_str().unwrap().contains("8 CFR 1003.38(b)"));
    assert!(v["explanation"].as_str().unwrap().contains("Juneteenth"));
}

#[test]
fn served_by_mail_closures_and_clock_stops_from_the_command_line() {
    let mail =
        json(&amparo(&["rules", "compute", "uscis-appeal", "--from", "2026-02-02", "--served-by-mail", "--json"]));
    assert_eq!(mail["due"], "2026-03-09");
    let closed = json(&amparo(&[
        "rules",
        "compute",
        "bia-appeal",
        "--from",
        "2026-01-05",
        "--closure",
        "2026-02-04=snow",
        "--json",
    ]));
    assert_eq!(closed["due"], "2026-02-05");
    let clock = json(&amparo(&[
        "rules",
        "compute",
        "ead-asylum-clock",
        "--from",
        "2026-01-01",
        "--clock-stop",
        "2026-02-01..2026-02-15",
        "--json",
    ]));
    assert_eq!(clock["due"], "2026-06-14");
    assert_eq!(clock["also"], "2026-07-14");
}

#[test]
fn an_unknown_rule_or_a_bad_date_is_a_clear_error_and_a_non_zero_exit() {
    let unknown = amparo(&["rules", "compute", "bia-apeal", "--from", "2026-05-20"]);
    assert_eq!(unknown.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&unknown.stderr);
    assert!(msg.contains("no rule \"bia-apeal\"") && msg.contains("bia-appeal"), "{msg}");

    for bad in ["2026-02-30", "20-05-2026", "tomorrow", ""] {
        let out = amparo(&["rules", "compute", "bia-appeal", "--from", bad, "--json"]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert_eq!(json(&out)["error"]["code"], "invalid_input", "{bad}");
    }
    let mail = amparo(&["rules", "compute", "bia-appeal", "--from", "2026-05-20", "--served-by-mail", "--json"]);
    assert_eq!(mail.status.code(), Some(1));
    let stop = amparo(&[
        "rules",
        "compute",
        "ead-asylum-clock",
        "--from",
        "2026-01-01",
        "--clock-stop",
        "2026-02-01",
        "--json",
    ]);
    assert_eq!(json(&stop)["error"]["code"], "invalid_input");
}

/// The fields `rules compute --json` has always had; new fields are only added.
const CONTRACT_FIELDS: [&str; 17] = [
    "rule",
    "name",
    "name_es",
    "from",
    "due",
    "unrolled",
    "also",
    "citation",
    "source",
    "doubt",
    "doubt_es",
    "steps",
    "steps_es",
    "explanation",
    "explanation_es",
    "table_version",
    "optional_closures",
];

#[test]
fn every_new_rule_computes_from_the_command_line_with_the_contract_fields() {
    // (rule, from, extra arguments, due), each worked out by hand in src/rules/tests.rs.
    let cases: [(&str, &str, &[&str], &str); 11] = [
        ("motion-rescind-in-absentia", "2026-03-02", &[], "2026-08-31"),
        ("vd-bond", "2026-11-24", &[], "2026-12-02"),
        ("vd-departure", "2026-11-24", &["--days", "60"], "2027-01-25"),
        ("vd-departure", "2027-03-07", &["--days", "120", "--before-conclusion"], "2027-07-06"),
        ("bia-brief", "2026-06-12", &[], "2026-07-06"),
        ("bia-bond-appeal", "2027-06-05", &[], "2027-07-06"),
        ("noid-response", "2026-02-02", &["--served-by-mail"], "2026-03-09"),
        ("pfr-brief", "2026-05-10", &[], "2026-06-22"),
        ("sijs-age-out", "2005-06-14", &[], "2026-06-13"),
        ("ead-renewal-window", "2027-06-30", &[], "2027-01-01"),
        ("foia-response", "2026-11-20", &[], "2026-12-21"),
    ];
    for (rule, from, extra, due) in cases {
        let mut args = vec!["rules", "compute", rule, "--from", from, "--json"];
        args.extend_from_slice(extra);
        let out = amparo(&args);
        assert!(out.status.success(), "{rule}: {}", String::from_utf8_lossy(&out.stdout));
        let v = json(&out);
        for field in CONTRACT_FIELDS {
            assert!(v.get(field).is_some(), "{rule}: no {field}");
        }
        assert_eq!(v["due"], due, "{rule} from {from}");
        assert_eq!(v["rule"], rule);
        assert!(!v["explanation_es"].as_str().unwrap().is_empty());
    }
    let sijs = json(&amparo(&["rules", "compute", "sijs-age-out", "--from", "2005-06-14", "--json"]));
    assert_eq!(sijs["safer"], "2026-06-12", "a cutoff on a Saturday names the Friday");
    let vd = json(&amparo(&["rules", "compute", "vd-departure", "--from", "2026-11-24", "--days", "60", "--json"]));
    assert_eq!(vd["days"], 60);
}

#[test]
fn voluntary_departure_days_out_of_range_are_refused_in_both_languages() {
    for (args, limit) in
        [(vec!["--days", "61"], "60"), (vec!["--days", "121", "--before-conclusion"], "120"), (vec![], "--days")]
    {
        let mut all = vec!["rules", "compute", "vd-departure", "--from", "2026-11-24", "--json"];
        all.extend(args);
        let out = amparo(&all);
        assert_eq!(out.status.code(), Some(1));
        let v = json(&out);
        assert_eq!(v["error"]["code"], "invalid_input");
        let field = &v["error"]["fields"][0];
        assert_eq!(field["field"], "days");
        assert!(field["message"]["en"].as_str().unwrap().contains(limit), "{field}");
        assert!(
            !field["message"]["es"].as_str().unwrap().is_empty() && field["message"]["es"] != field["message"]["en"]
        );
    }
    let plain = amparo(&["rules", "compute", "vd-departure", "--from", "2026-11-24", "--days", "61"]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("may not exceed 60 days"));
}

#[test]
fn optional_closures_appear_in_the_json_with_the_earlier_date_kept() {
    let v = json(&amparo(&["rules", "compute", "bia-appeal", "--from", "2025-11-24", "--json"]));
    assert_eq!(v["due"], "2025-12-24");
    assert_eq!(v["optional_closures"]["due"], "2025-12-29");
    let dates: Vec<&str> =
        v["optional_closures"]["closures"].as_array().unwrap().iter().map(|c| c["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2025-12-24", "2025-12-26"]);
    // 24 December 2025 itself is a closure: the safer date is the open day before it.
    assert_eq!(v["safer"], "2025-12-23");
    assert!(v["explanation"].as_str().unwrap().contains("offices are closed that day; file by 2025-12-23"));
    assert!(v["explanation_es"].as_str().unwrap().contains("las oficinas están cerradas ese día"));
    let bond = json(&amparo(&["rules", "compute", "vd-bond", "--from", "2025-01-02", "--json"]));
    assert_eq!((bond["due"].as_str(), bond["safer"].as_str()), (Some("2025-01-09"), Some("2025-01-08")));
    let none = json(&amparo(&["rules", "compute", "bia-appeal", "--from", "2026-05-20", "--json"]));
    assert!(none["optional_closures"].is_null());
    let dc = json(&amparo(&[
        "rules",
        "compute",
        "ij-motion-reconsider",
        "--from",
        "2032-12-21",
        "--washington-area",
        "--json",
    ]));
    assert_eq!(dc["optional_closures"]["due"], "2033-01-21");
    assert_eq!(dc["optional_closures"]["closures"][0]["scope"], "washington_area");
}
