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

#[test]
fn rules_list_names_every_reference_rule_with_its_citation() {
    let out = amparo(&["rules", "list", "--json"]);
    assert!(out.status.success());
    let v = json(&out);
    let ids: Vec<&str> = v["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, REFERENCE_IDS);
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
