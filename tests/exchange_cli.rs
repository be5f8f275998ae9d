//! `amparo import`, `export ics` and `report` as scripts use them: the dry run's JSON
//! contract, exit codes, and files written only where asked.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::PASS;

fn amparo(vault: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        .env("AMPARO_VAULT", vault)
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_USER", "cli-test")
        .output()
        .expect("run amparo")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn import_dry_run_import_export_and_report() {
    let (dir, vault) = common::temp_vault_path();
    assert!(amparo(&vault, &["init"]).status.success());
    let added = amparo(&vault, &["client", "add", "--given", "Old", "--family", "Client", "--a-number", "A999888777"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let csv = dir.path().join("sheet.csv");
    std::fs::write(
        &csv,
        "First name,Last name,A-Number,DOB,Case type,Court,Next hearing\n\
         Ana,Sol,,1990-01-02,defensive asylum,Miami Immigration Court,2027-03-04 8:30 AM\n\
         Old,Client,A999-888-777,,,,\n\
         Bad,Number,A12,,,,\n",
    )
    .unwrap();
    let csv_s = csv.to_str().unwrap();

    let dry = amparo(&vault, &["--json", "import", "csv", csv_s, "--dry-run"]);
    assert!(dry.status.success());
    let r = json(&dry);
    assert_eq!(r["rows"], 3);
    assert_eq!(r["create"]["clients"], 1);
    assert_eq!(r["create"]["matters"], 1);
    assert_eq!(r["create"]["hearings"], 1);
    assert_eq!(r["create"]["deadlines"], 0);
    assert_eq!(
        r["duplicates"],
        serde_json::json!([{"row": 3, "matches_client": 1, "why": "same A-number", "why_es": "mismo número A", "carries_case": false}])
    );
    assert_eq!(r["rejected"][0]["row"], 4);
    assert_eq!(r["rejected"][0]["field"], "a_number");
    assert!(r["rejected"][0]["message"].as_str().unwrap().contains("not an A-number"));

    // A refused row: nothing imported, a non-zero exit saying what to do.
    let refused = amparo(&vault, &["import", "csv", csv_s]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--only-good-rows"));
    let listed = json(&amparo(&vault, &["--json", "client", "list"]));
    assert_eq!(listed["total"], 1);

    let rejected = dir.path().join("fix-me.csv");
    let good = amparo(
        &vault,
        &["--json", "import", "csv", csv_s, "--only-good-rows", "--rejected-file", rejected.to_str().unwrap()],
    );
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    assert_eq!(json(&good)["imported"], true);
    assert!(std::fs::read_to_string(&rejected).unwrap().contains("Bad,Number,A12"));
    assert_eq!(json(&amparo(&vault, &["--json", "client", "list"]))["total"], 2);

    // The calendar: full names need a confirmation a script gives with --yes.
    let ics = dir.path().join("cal.ics");
    let ics_s = ics.to_str().unwrap();
    let unconfirmed = amparo(&vault, &["export", "ics", "--out", ics_s, "--from", "2027-01-01", "--names", "full"]);
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(!ics.exists(), "nothing written without the confirmation");
    let out = amparo(&vault, &["--json", "export", "ics", "--out", ics_s, "--from", "2027-01-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["hearings"], 1);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART:20270304T133000Z"), "Miami in March is UTC-5: {text}");
    assert!(!text.contains("Sol"));

    // Reports: to a file, or printed; a bad kind is refused.
    let report = dir.path().join("r.html");
    let made = amparo(
        &vault,
        &[
            "report",
            "hearings",
            "--from",
            "2027-01-01",
            "--to",
            "2027-12-31",
            "--format",
            "html",
            "--deidentified",
            "--out",
            report.to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let page = std::fs::read_to_string(&report).unwrap();
    assert!(page.contains("Miami Immigration Court") && page.contains("fewer than 5"));
    let printed = amparo(&vault, &["report", "outcomes", "--from", "2020-01-01", "--to", "2030-12-31"]);
    assert!(String::from_utf8_lossy(&printed.stdout).starts_with("Kind of case,Forum,"));
    let bad = amparo(&vault, &["report", "everything", "--from", "2027-01-01", "--to", "2027-12-31"]);
    assert_eq!(bad.status.code(), Some(1));
}
