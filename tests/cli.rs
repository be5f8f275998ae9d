//! The `amparo` command as scripts use it: JSON output, exit codes, plain errors, and a
//! passphrase that never appears in what it prints.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::PASS;

fn amparo(vault: &Path, pass: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        .env("AMPARO_VAULT", vault)
        .env("AMPARO_PASSPHRASE", pass)
        .env("AMPARO_USER", "cli-test")
        .env_remove("AMPARO_NEW_PASSPHRASE")
        .output()
        .expect("run amparo")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn no_secret_in(out: &Output, secret: &str) {
    let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
    assert!(!String::from_utf8_lossy(&all).contains(secret), "the passphrase was printed");
}

#[test]
fn a_full_scripted_session() {
    let (_d, vault) = common::temp_vault_path();
    let init = amparo(&vault, PASS, &["init", "--json"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    no_secret_in(&init, PASS);

    let check = json(&amparo(&vault, PASS, &["unlock-check", "--json"]));
    assert!(check["cipher_version"].as_str().unwrap().starts_with("4."));
    // Calibrated on this machine: at least 256 MiB where the machine has 1 GiB of RAM.
    assert!(check["kdf"]["memory_kib"].as_u64().unwrap() >= 256 * 1024, "{check}");
    assert_eq!(check["recovery_code"], true);

    let added = amparo(
        &vault,
        PASS,
        &[
            "client",
            "add",
            "--given",
            "Amina",
            "--family",
            "Haile",
            "--a-number",
            "A12345678",
            "--dob",
            "1990-02-28",
            "--country",
            "ER",
            "--json",
        ],
    );
    assert!(added.status.success());
    let client = json(&added);
    assert_eq!(client["a_number"], "012345678");
    let id = client["id"].as_i64().unwrap().to_string();

    let list = json(&amparo(&vault, PASS, &["client", "list", "--json"]));
    assert_eq!(list["total"], 1);
    let hits = json(&amparo(&vault, PASS, &["client", "search", "hail", "--json"]));
    assert_eq!(hits[0]["client_id"].to_string(), id);
    let shown = json(&amparo(&vault, PASS, &["client", "show", &id, "--json"]));
    assert_eq!(shown["client"]["given_name"], "Amina");

    let matter = json(&amparo(
        &vault,
        PASS,
        &["matter", "add", "--client", &id, "--kind", "defensive_asylum", "--forum", "immigration_court", "--json"],
    ));
    let mid = matter["id"].to_string();
    assert_eq!(json(&amparo(&vault, PASS, &["matter", "list", "--json"])).as_array().unwrap().len(), 1);

    let today = chrono::Local::now().date_naive();
    let due = (today + chrono::Duration::days(10)).to_string();
    let far = (today + chrono::Duration::days(60)).to_string();
    for (title, date) in [("Brief", due.as_str()), ("Later", far.as_str())] {
        let out = amparo(
            &vault,
            PASS,
            &["deadline", "add", "--matter", &mid, "--title", title, "--due", date, "--reason", "IJ order", "--json"],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    }
    let soon = json(&amparo(&vault, PASS, &["deadline", "list", "--due-within", "14d", "--json"]));
    assert_eq!(soon.as_array().unwrap().len(), 1);
    assert_eq!(soon[0]["title"], "Brief");
    assert_eq!(soon[0]["days_left"], 10);
}

#[test]
fn errors_are_plain_with_a_code_and_a_non_zero_exit() {
    let (_d, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init"]).status.success());

    let wrong = amparo(&vault, "not the right passphrase", &["client", "list", "--json"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(json(&wrong)["error"]["code"], "wrong_passphrase");
    no_secret_in(&wrong, "not the right passphrase");

    let bad = amparo(&vault, PASS, &["client", "add", "--given", "X", "--a-number", "A12", "--dob", "2026-02-30"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("not an A-number") && stderr.contains("February 2026 has 28 days"), "{stderr}");
    assert!(!stderr.contains("Error {") && !stderr.contains("Invalid("), "debug output leaked: {stderr}");

    let bad_json = json(&amparo(&vault, PASS, &["client", "add", "--given", "X", "--a-number", "A12", "--json"]));
    assert_eq!(bad_json["error"]["fields"][0]["field"], "a_number");

    let span = json(&amparo(&vault, PASS, &["deadline", "list", "--due-within", "soon", "--json"]));
    assert_eq!(span["error"]["code"], "invalid_input");

    let missing = amparo(&vault.with_file_name("nope.amparo"), PASS, &["unlock-check", "--json"]);
    assert_eq!(json(&missing)["error"]["code"], "no_vault");

    let weak_dir = tempfile::tempdir().unwrap();
    let weak = amparo(&weak_dir.path().join("w.amparo"), "password", &["init", "--json"]);
    assert_eq!(json(&weak)["error"]["code"], "weak_passphrase");
    assert!(std::fs::read_dir(weak_dir.path()).unwrap().next().is_none());

    let usage = amparo(&vault, PASS, &["client", "frobnicate"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn rekey_from_the_command_line() {
    let (_d, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init"]).status.success());
    let new = "copper lantern meadow quartz";
    let out = Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["rekey", "--json"])
        .env("AMPARO_VAULT", &vault)
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_NEW_PASSPHRASE", new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    no_secret_in(&out, new);
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["error"]["code"], "wrong_passphrase");
    assert!(amparo(&vault, new, &["unlock-check"]).status.success());
}

fn amparo_env(vault: &Path, envs: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_amparo"));
    cmd.args(args)
        .env("AMPARO_VAULT", vault)
        .env("AMPARO_USER", "cli-test")
        .env_remove("AMPARO_PASSPHRASE")
        .env_remove("AMPARO_NEW_PASSPHRASE")
        .env_remove("AMPARO_RECOVERY_CODE")
        .stdin(std::process::Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("run amparo")
}

#[test]
fn init_shows_the_recovery_code_once_and_recover_sets_a_new_passphrase() {
    let (_d, vault) = common::temp_vault_path();
    let init = json(&amparo(&vault, PASS, &["init", "--json"]));
    let code = init["recovery_code"].as_str().expect("recovery_code in init --json").to_string();
    assert_eq!(code.split('-').count(), 8, "{code}");
    let check = amparo(&vault, PASS, &["unlock-check", "--json"]);
    assert!(!String::from_utf8_lossy(&check.stdout).contains(&code), "the code is shown only at creation");

    let new = "copper lantern meadow quartz";
    let wrong = amparo_env(
        &vault,
        &[("AMPARO_RECOVERY_CODE", "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA"), ("AMPARO_NEW_PASSPHRASE", new)],
        &["recover", "--json"],
    );
    assert_eq!(json(&wrong)["error"]["code"], "recovery_code_typo");
    let out =
        amparo_env(&vault, &[("AMPARO_RECOVERY_CODE", &code), ("AMPARO_NEW_PASSPHRASE", new)], &["recover", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    no_secret_in(&out, new);
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["error"]["code"], "wrong_passphrase");
    assert!(amparo(&vault, new, &["unlock-check"]).status.success());

    let fresh = json(&amparo(&vault, new, &["recovery-code", "--json"]));
    let code2 = fresh["recovery_code"].as_str().unwrap();
    assert_ne!(code2, code);
    let old =
        amparo_env(&vault, &[("AMPARO_RECOVERY_CODE", &code), ("AMPARO_NEW_PASSPHRASE", PASS)], &["recover", "--json"]);
    assert_eq!(json(&old)["error"]["code"], "wrong_recovery_code");
}

#[test]
fn backup_verify_and_restore_from_the_command_line() {
    let (_d, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init"]).status.success());
    assert!(amparo(&vault, PASS, &["client", "add", "--given", "Backed", "--family", "Up"]).status.success());
    let none = json(&amparo(&vault, PASS, &["backup", "--json"]));
    assert_eq!(none["error"]["code"], "no_backup_folder");

    let folder = tempfile::tempdir().unwrap();
    let made = json(&amparo(&vault, PASS, &["backup", "--to", folder.path().to_str().unwrap(), "--json"]));
    let file = made["file"].as_str().expect("file").to_string();
    assert!(made["bytes"].as_u64().unwrap() > 4096);
    let verified = json(&amparo(&vault, PASS, &["backup", "verify", &file, "--json"]));
    assert_eq!(verified["clients"], 1);
    let wrong = json(&amparo(&vault, "not the passphrase at all", &["backup", "verify", &file, "--json"]));
    assert_eq!(wrong["error"]["code"], "wrong_passphrase");

    assert!(amparo(&vault, PASS, &["client", "add", "--given", "Later", "--family", "One"]).status.success());
    // Without a terminal to ask and without --yes, nothing is restored.
    let asked = amparo(&vault, PASS, &["restore", &file, "--json"]);
    assert!(!asked.status.success());
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["clients"], 2);
    let restored = json(&amparo(&vault, PASS, &["restore", &file, "--yes", "--json"]));
    assert_eq!(restored["summary"]["clients"], 1);
    assert!(restored["replaced"].as_str().unwrap().contains(".replaced-"));
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["clients"], 1);
}

#[test]
fn appointments_custody_search_and_retention_from_the_command_line() {
    let (_d, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init", "--json"]).status.success());
    let run = |args: &[&str]| {
        let out = amparo(&vault, PASS, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        json(&out)
    };
    let c = run(&["client", "add", "--given", "Yonas", "--family", "Tesfaye", "--a-number", "A201345678", "--json"]);
    let cid = c["id"].as_i64().unwrap().to_string();
    let m = run(&[
        "matter",
        "add",
        "--client",
        &cid,
        "--kind",
        "defensive_asylum",
        "--forum",
        "immigration_court",
        "--json",
    ]);
    let mid = m["id"].as_i64().unwrap().to_string();

    // An asylum office interview on a court case: refused with the reason, nothing written.
    let refused = amparo(
        &vault,
        PASS,
        &["appointment", "add", "--matter", &mid, "--kind", "asylum_interview", "--at", "2027-03-02 08:30"],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("USCIS"));
    let a = run(&[
        "appointment",
        "add",
        "--matter",
        &mid,
        "--kind",
        "ice_check_in",
        "--at",
        "2027-03-02 08:30",
        "--with",
        "Lucía",
        "--json",
    ]);
    let aid = a["id"].as_i64().unwrap().to_string();
    assert_eq!(run(&["appointment", "outcome", &aid, "attended", "--json"])["outcome"], "attended");
    assert_eq!(run(&["appointment", "list", "--matter", &mid, "--json"]).as_array().unwrap().len(), 1);

    run(&[
        "custody",
        "add",
        "--client",
        &cid,
        "--facility",
        "Otay Mesa",
        "--detained-on",
        "2026-01-05",
        "--bond",
        "$7,500",
        "--bond-status",
        "set",
        "--json",
    ]);
    let periods = run(&["custody", "list", "--client", &cid, "--json"]);
    assert_eq!(periods[0]["bond_amount"], 7500);
    let hits = run(&["client", "search", "5678", "--detained", "--json"]);
    assert_eq!(hits[0]["client_id"].to_string(), cid, "the last digits, detained only: {hits}");

    // Archive needs every case closed; purge needs --yes and the period to have passed.
    assert!(!amparo(&vault, PASS, &["client", "archive", &cid]).status.success());
    let today = chrono::Local::now().date_naive().to_string();
    run(&["matter", "close", &mid, "--on", &today, "--outcome", "granted", "--json"]);
    run(&["client", "archive", &cid, "--json"]);
    assert_eq!(run(&["client", "archived", "--json"]).as_array().unwrap().len(), 1);
    let no_yes = amparo(&vault, PASS, &["client", "purge", &cid]);
    assert!(String::from_utf8_lossy(&no_yes.stderr).contains("--yes"));
    let early = amparo(&vault, PASS, &["client", "purge", &cid, "--yes"]);
    assert!(String::from_utf8_lossy(&early.stderr).contains("has not passed"));
    assert_eq!(run(&["client", "retention", "3", "--json"])["retention_years"], 3);
}

/// The README's safe example: client details on stdin, the passphrase from
/// a file or a descriptor; none of the client's details is in any command line it ran.
#[cfg(unix)] // bash, descriptors and mode bits
#[test]
fn the_safe_way_keeps_client_details_out_of_command_lines() {
    let started = std::time::SystemTime::now();
    let (dir, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init", "--json"]).status.success());
    let pass_file = dir.path().join("pass");
    std::fs::write(&pass_file, format!("{PASS}\n")).unwrap();
    let mut ran: Vec<String> = Vec::new();
    let mut safe = |args: &[&str], stdin: &str| -> Output {
        ran.push(args.join(" "));
        let mut child = Command::new(env!("CARGO_BIN_EXE_amparo"))
            .args(args)
            .env("AMPARO_VAULT", &vault)
            .env_remove("AMPARO_PASSPHRASE")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let pf = pass_file.to_str().unwrap();

    // A passphrase file others may read is refused, naming the fix.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pass_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let open = safe(&["unlock-check", "--passphrase-file", pf], "");
        assert!(!open.status.success() && String::from_utf8_lossy(&open.stderr).contains("chmod 600"));
        std::fs::set_permissions(&pass_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // A new vault and a re-key take their passphrases from files too.
    let fresh = dir.path().join("fresh.amparo");
    let made = Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["init", "--json", "--passphrase-file", pf])
        .env("AMPARO_VAULT", &fresh)
        .env_remove("AMPARO_PASSPHRASE")
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let new_file = dir.path().join("new-pass");
    std::fs::write(&new_file, "tangerine quarry velvet ninety harbor\n").unwrap();
    #[cfg(unix)]
    std::fs::set_permissions(&new_file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let rekeyed = Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["rekey", "--passphrase-file", pf, "--new-passphrase-file", new_file.to_str().unwrap()])
        .env("AMPARO_VAULT", &fresh)
        .env_remove("AMPARO_PASSPHRASE")
        .env_remove("AMPARO_NEW_PASSPHRASE")
        .output()
        .unwrap();
    assert!(rekeyed.status.success(), "{}", String::from_utf8_lossy(&rekeyed.stderr));
    let opens = Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(["unlock-check", "--passphrase-file", new_file.to_str().unwrap()])
        .env("AMPARO_VAULT", &fresh)
        .output()
        .unwrap();
    assert!(opens.status.success(), "the new passphrase opens the re-keyed vault");

    let client =
        r#"{"given_name": "Zebulon", "family_name": "Quixotl", "a_number": "A201-555-019", "nationality": "ER"}"#;
    let added = safe(&["client", "add", "--input", "-", "--json", "--passphrase-file", pf], client);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let id = json(&added)["id"].as_i64().unwrap().to_string();
    let noted = safe(&["note", "add", "--client", &id, "--passphrase-file", pf], "Fled after the Xylophage raid\n");
    assert!(noted.status.success(), "{}", String::from_utf8_lossy(&noted.stderr));
    let found = safe(&["client", "search", "-", "--json", "--passphrase-file", pf], "quixotl\n");
    assert_eq!(json(&found)[0]["family_name"], "Quixotl");
    let notes = safe(&["note", "list", "--client", &id, "--json", "--passphrase-file", pf], "");
    assert!(json(&notes)[0]["body"].as_str().unwrap().contains("Xylophage"));
    let bad = safe(&["client", "add", "--input", "-", "--passphrase-file", pf], "{not json");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("client JSON"));

    // An open descriptor works too (through a shell, which opens it for the process).
    let via_fd = Command::new("bash")
        .arg("-c")
        .arg(format!("\"$0\" unlock-check --passphrase-fd 3 --json 3<\"$1\""))
        .arg(env!("CARGO_BIN_EXE_amparo"))
        .arg(&pass_file)
        .env("AMPARO_VAULT", &vault)
        .env_remove("AMPARO_PASSPHRASE")
        .output()
        .unwrap();
    assert!(via_fd.status.success(), "{}", String::from_utf8_lossy(&via_fd.stderr));
    // A descriptor on a file others may read, or on something endless, is refused.
    let by_fd = |source: &str| {
        Command::new("bash")
            .arg("-c")
            .arg(format!("\"$0\" unlock-check --passphrase-fd 3 --json 3<{source}"))
            .arg(env!("CARGO_BIN_EXE_amparo"))
            .env("AMPARO_VAULT", &vault)
            .env_remove("AMPARO_PASSPHRASE")
            .output()
            .unwrap()
    };
    let open_file = dir.path().join("pass-open.txt");
    std::fs::write(&open_file, format!("{PASS}\n")).unwrap();
    std::fs::set_permissions(&open_file, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let shared = by_fd(open_file.to_str().unwrap());
    assert!(!shared.status.success() && String::from_utf8_lossy(&shared.stdout).contains("chmod 600"));
    std::fs::remove_file(&open_file).unwrap();
    let endless = by_fd("/dev/zero");
    assert!(!endless.status.success() && String::from_utf8_lossy(&endless.stdout).contains("more than 4096 bytes"));

    for line in &ran {
        for detail in ["Zebulon", "Quixotl", "201", "Xylophage", "quixotl", PASS] {
            assert!(!line.contains(detail), "{detail} is in a command line: {line}");
        }
    }
    // Nor in any file written meanwhile in the shared temporary folder or the user's
    // runtime folder (a temporary copy of stdin, a pager's buffer, a crash report).
    let mut places = vec![std::env::temp_dir()];
    places.extend(std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from));
    for place in places {
        for file in files_written_since(&place, started) {
            if file == pass_file || file == new_file {
                continue; // the test's own passphrase files
            }
            let bytes = std::fs::read(&file).unwrap_or_default();
            for detail in ["Quixotl", "Xylophage", PASS] {
                for form in [detail.as_bytes().to_vec(), detail.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()]
                {
                    assert!(!bytes.windows(form.len()).any(|w| w == form), "{detail} in {}", file.display());
                }
            }
        }
    }
}

/// Files below `dir` changed since `since`, skipping build and package folders (large, and
/// holding this test's own source in a clone under /tmp) and anything over 8 MiB.
fn files_written_since(dir: &Path, since: std::time::SystemTime) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let Ok(meta) = std::fs::symlink_metadata(e.path()) else { continue };
        let name = e.file_name();
        if meta.is_dir() {
            if !["target", ".git", "node_modules", ".venv", "src", "tests"].iter().any(|n| name == *n) {
                out.extend(files_written_since(&e.path(), since));
            }
        } else if meta.is_file() && meta.len() < 8 << 20 && meta.modified().is_ok_and(|m| m >= since) {
            out.push(e.path());
        }
    }
    out
}

/// A running CLI cannot leave a core dump: its core-file limit, read from the kernel while
/// it waits for a passphrase, is 0.
#[cfg(target_os = "linux")]
#[test]
fn a_running_cli_has_no_core_file_limit() {
    let (_d, vault) = common::temp_vault_path();
    let mut child = Command::new("bash")
        .arg("-c")
        // Core files allowed first (the default here is often 0 already), so that only the
        // CLI's own setting can bring the limit to 0. fd 3 stays open with nothing written,
        // so the CLI waits on it.
        .arg("ulimit -c unlimited; exec 3< <(sleep 20); exec \"$0\" unlock-check --passphrase-fd 3")
        .arg(env!("CARGO_BIN_EXE_amparo"))
        .env("AMPARO_VAULT", &vault)
        .spawn()
        .unwrap();
    let limits = format!("/proc/{}/limits", child.id());
    let mut line = String::new();
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let exe = std::fs::read_link(format!("/proc/{}/exe", child.id())).unwrap_or_default();
        if exe.file_name().is_some_and(|n| n == "amparo") {
            let text = std::fs::read_to_string(&limits).unwrap_or_default();
            line = text.lines().find(|l| l.starts_with("Max core file size")).unwrap_or("").to_string();
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields.get(4..6), Some(&["0", "0"][..]), "soft and hard core limits: {line:?}");
}

#[test]
fn unlock_check_waits_for_the_whole_file_check_and_reports_damage() {
    let (_d, vault) = common::temp_vault_path();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let v = common::create(&vault).await;
        common::add_padded_clients(&v, 30).await;
        v.lock().await;
    });
    let sound = json(&amparo(&vault, PASS, &["unlock-check", "--json"]));
    assert_eq!(sound["clients"], 30);
    assert!(sound["checked_ms"].as_u64().unwrap() >= sound["unlock_ms"].as_u64().unwrap());
    // A page the unlock itself does not read: found by the check that follows it.
    common::flip_deep_page(&vault);
    let damaged = amparo(&vault, PASS, &["unlock-check", "--json"]);
    assert!(!damaged.status.success(), "a damaged vault was called intact");
    assert_eq!(json(&damaged)["error"]["code"], "vault_damaged");
}

#[test]
fn seed_fills_an_empty_vault_with_made_up_cases_and_refuses_one_with_clients() {
    let (_d, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init", "--json"]).status.success());
    let made = json(&amparo(&vault, PASS, &["seed", "--clients", "40", "--json"]));
    assert_eq!(
        (made["clients"].as_u64(), made["matters"].as_u64(), made["deadlines"].as_u64()),
        (Some(40), Some(120), Some(400))
    );
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["clients"], 40);
    let again = amparo(&vault, PASS, &["seed", "--clients", "5", "--json"]);
    assert!(!again.status.success(), "made-up cases were mixed into a vault with clients");
    assert_eq!(json(&again)["error"]["code"], "invalid_input");
    assert_eq!(json(&amparo(&vault, PASS, &["unlock-check", "--json"]))["clients"], 40, "the refusal added nothing");
}

#[test]
fn documents_and_the_checklist_from_the_command_line() {
    let (dir, vault) = common::temp_vault_path();
    assert!(amparo(&vault, PASS, &["init", "--json"]).status.success());
    let run = |args: &[&str]| json(&amparo(&vault, PASS, args));
    let client = run(&["client", "add", "--given", "Haile", "--family", "Tesfaye", "--json"]);
    let c = client["id"].to_string();
    let matter = run(&["matter", "add", "--client", &c, "--kind", "bia_appeal", "--forum", "bia", "--json"]);
    let m = matter["id"].to_string();
    let file = dir.path().join("EOIR-26 notice of appeal.pdf");
    std::fs::write(&file, b"%PDF-1.7\n(Notice of appeal)\n%%EOF\n").unwrap();
    let f = file.to_str().unwrap();

    let before = run(&["checklist", "show", &m, "--json"]);
    let items: Vec<String> =
        before["lines"].as_array().unwrap().iter().map(|l| l["item"].as_str().unwrap().to_string()).collect();
    let item = items.iter().find(|i| i.contains("eoir_26") || i.contains("eoir26")).expect("EOIR-26 on the BIA list");
    let added = run(&["document", "add", "--matter", &m, f, "--item", item, "--json"]);
    assert_eq!((added["media_type"].as_str(), added["version"].as_i64()), (Some("application/pdf"), Some(1)));
    let after = run(&["checklist", "show", &m, "--json"]);
    assert_eq!(after["missing"].as_i64().unwrap(), before["missing"].as_i64().unwrap() - 1);

    let listed = run(&["document", "list", "--matter", &m, "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let out = dir.path().join("copy.pdf");
    let id = added["id"].to_string();
    let exported = run(&["document", "export", &id, "--out", out.to_str().unwrap(), "--json"]);
    assert_eq!(exported["document"]["sha256"], added["sha256"]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&file).unwrap());
    // Two records at once, or none, are refused by the parser; a folder by the store.
    assert!(!amparo(&vault, PASS, &["document", "add", "--matter", &m, "--client", &c, f]).status.success());
    let folder = amparo(&vault, PASS, &["document", "add", "--client", &c, dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(json(&folder)["error"]["code"], "invalid_input");
    let marked = run(&["checklist", "mark", &m, &items[0], "not_needed", "--json"]);
    assert!(marked["lines"].as_array().unwrap().iter().any(|l| l["state"] == "not_needed"));
    // Removed as attached by mistake: a reason is required; then the list is empty.
    let no_reason = amparo(&vault, PASS, &["document", "remove", &id, "--reason", " ", "--json"]);
    assert_eq!(json(&no_reason)["error"]["code"], "invalid_input");
    let removed = run(&["document", "remove", &id, "--reason", "attached to the wrong case", "--json"]);
    assert_eq!(removed["removed"].as_i64(), added["id"].as_i64());
    assert!(run(&["document", "list", "--matter", &m, "--json"]).as_array().unwrap().is_empty());
    let gone = amparo(
        &vault,
        PASS,
        &["document", "export", &id, "--out", dir.path().join("again.pdf").to_str().unwrap(), "--json"],
    );
    assert_eq!(json(&gone)["error"]["code"], "not_found");
}

/// The README's safe-way block, between its two markers, as command lines.
fn readme_safe_way() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- the-safe-way").expect("the README marks its safe-way block");
    let end = readme.find("<!-- end of the-safe-way -->").expect("the block's end marker");
    readme[start..end]
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with("```"))
        .map(|l| l.split("  #").next().unwrap().trim_end().to_string())
        .collect()
}

/// Runs `commands` (line, what is typed at the terminal) in an interactive bash on a pty
/// with its own HOME; returns what the terminal showed and the history bash saved.
fn typed_session(commands: &[(String, Option<&str>)]) -> (String, String) {
    let home = tempfile::tempdir().unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_amparo")).parent().unwrap().to_path_buf();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let history = home.path().join(".bash_history");
    let session = serde_json::json!({
        "env": { "HOME": home.path(), "HISTFILE": history, "PATH": path, "AMPARO_USER": "cli-test" },
        "passphrase": PASS,
        "commands": commands.iter().map(|(line, typed)| serde_json::json!({"line": line, "typed": typed})).collect::<Vec<_>>(),
    });
    let file = home.path().join("session.json");
    std::fs::write(&file, session.to_string()).unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shell_session.py"))
        .arg(&file)
        .output()
        .expect("python3 drives the terminal");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}\n{shown}", String::from_utf8_lossy(&out.stderr));
    (shown, std::fs::read_to_string(&history).unwrap_or_default())
}

#[test]
fn the_readme_safe_way_typed_at_a_terminal_leaves_no_client_detail_in_the_shell_history() {
    const CLIENT: &str = r#"{"given_name": "Zenawit", "family_name": "Quobrahim", "a_number": "A201-555-019"}"#;
    const NOTE: &str = "Fled after the Xylophage raid";
    let lines = readme_safe_way();
    assert!(lines.len() >= 5, "the README's safe way: {lines:?}");
    let commands: Vec<(String, Option<&str>)> = lines
        .iter()
        .map(|l| {
            let typed = if l.contains("client add --input -") {
                Some(CLIENT)
            } else if l.contains("note add") {
                Some(NOTE)
            } else if l.contains("--detained") {
                Some("5019")
            } else if l.contains("client search -") {
                Some("quobrahim")
            } else {
                None
            };
            (l.clone(), typed)
        })
        .collect();
    let (shown, history) = typed_session(&commands);
    // It all happened: the client was found by the name typed at the terminal.
    assert!(shown.contains("Quobrahim, Zenawit") || shown.contains("Zenawit Quobrahim"), "{shown}");
    assert!(history.contains("amparo client add --input -"), "bash kept no history: {history:?}");
    for detail in ["Zenawit", "Quobrahim", "quobrahim", "201-555", "5019", "Xylophage", PASS] {
        assert!(!history.contains(detail), "{detail} is in the shell history:\n{history}");
    }

    // The check can fail: a here-document typed at the same shell is kept in its history.
    let heredoc = format!("amparo client search - <<'END'\nquobrahim\nEND");
    let (_, history) = typed_session(&[(lines[0].clone(), None), (lines[1].clone(), None), (heredoc, None)]);
    assert!(history.contains("quobrahim"), "a here-document was not in the history:\n{history}");
}
