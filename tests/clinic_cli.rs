//! The clinic through the `amparo` command, as the issue spells it out: create, invite,
//! join, admit after comparing words, members, sync over a folder, assign, conflicts.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::PASS;
use serde_json::Value;

fn amparo(vault: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amparo"))
        .args(args)
        .env("AMPARO_VAULT", vault)
        .env("AMPARO_PASSPHRASE", PASS)
        .env("AMPARO_USER", user)
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .output()
        .expect("run amparo")
}

fn ok(vault: &Path, user: &str, args: &[&str]) -> Value {
    let out = amparo(vault, user, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

#[tokio::test]
async fn a_clinic_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (coord, vol) = (dir.path().join("coord.amparo"), dir.path().join("vol.amparo"));
    // Locked, not dropped: a connection still closing when the process exits can crash it.
    common::create(&coord).await.lock().await;
    common::create(&vol).await.lock().await;
    let (invite, request) = (dir.path().join("clinic.amparo-invite"), dir.path().join("ana.amparo-join"));
    let remote = dir.path().join("shared-folder");
    let remote = remote.to_str().unwrap();

    let created = ok(&coord, "Carla", &["clinic", "create", "--name", "Clínica del Sur", "--json"]);
    assert_eq!(created["role"], "coordinator");
    ok(&coord, "Carla", &["clinic", "invite", "--out", invite.to_str().unwrap(), "--json"]);
    // Only a coordinator invites; a vault belongs to one clinic.
    let again = amparo(&coord, "Carla", &["clinic", "create", "--name", "Other", "--json"]);
    assert!(!again.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap()["error"]["code"], "already_in_clinic");

    let joined =
        ok(&vol, "Ana", &["clinic", "join", invite.to_str().unwrap(), "--out", request.to_str().unwrap(), "--json"]);
    let words = joined["fingerprint"].as_str().unwrap().to_string();
    assert_eq!(words.split(' ').count(), 6);
    let uninvited =
        amparo(&vol, "Ana", &["clinic", "invite", "--out", dir.path().join("x").to_str().unwrap(), "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&uninvited.stdout).unwrap()["error"]["code"], "not_coordinator");

    // Wrong words admit no one; without a terminal and without --fingerprint it asks for them.
    let wrong = amparo(
        &coord,
        "Carla",
        &["clinic", "admit", request.to_str().unwrap(), "--fingerprint", "one two three four five six", "--json"],
    );
    assert_eq!(serde_json::from_slice::<Value>(&wrong.stdout).unwrap()["error"]["code"], "fingerprint_mismatch");
    let unasked = amparo(&coord, "Carla", &["clinic", "admit", request.to_str().unwrap()]);
    assert!(!unasked.status.success() && String::from_utf8_lossy(&unasked.stderr).contains("--fingerprint"));
    let admitted =
        ok(&coord, "Carla", &["clinic", "admit", request.to_str().unwrap(), "--fingerprint", &words, "--json"]);
    assert_eq!(admitted["name"], "Ana");

    let waiting = ok(&vol, "Ana", &["sync", "--remote", remote, "--json"]);
    assert_eq!(waiting["waiting_for_admission"], true, "the roster is not on the remote yet");
    ok(&coord, "Carla", &["sync", "--remote", remote, "--json"]);
    let synced = ok(&vol, "Ana", &["sync", "--remote", remote, "--json"]);
    assert_eq!(synced["waiting_for_admission"], false);
    let members = ok(&vol, "Ana", &["clinic", "members", "--json"]);
    assert_eq!(members["members"].as_array().unwrap().len(), 2);
    assert_eq!(members["role"], "volunteer");

    // The volunteer's case reaches the coordinator; the remote is remembered.
    let client = ok(&vol, "Ana", &["client", "add", "--given", "Rosa", "--family", "Quispe", "--json"]);
    let c = client["id"].as_i64().unwrap().to_string();
    let matter = ok(
        &vol,
        "Ana",
        &["matter", "add", "--client", &c, "--kind", "defensive_asylum", "--forum", "immigration_court", "--json"],
    );
    let m = matter["id"].as_i64().unwrap().to_string();
    let d = ok(
        &vol,
        "Ana",
        &[
            "deadline",
            "add",
            "--matter",
            &m,
            "--title",
            "Brief",
            "--due",
            "2027-05-03",
            "--reason",
            "IJ order",
            "--json",
        ],
    );
    let sent = ok(&vol, "Ana", &["sync", "--json"]);
    assert!(sent["sent_changes"].as_u64().unwrap() > 10, "{sent}");
    let got = ok(&coord, "Carla", &["sync", "--json"]);
    assert_eq!(got["applied"]["records_created"], 3, "{got}");
    let board = ok(&coord, "Carla", &["caseload", "--today", "2027-05-01", "--json"]);
    let ana = board.as_array().unwrap().iter().find(|r| r["name"] == "Ana").unwrap().clone();
    assert_eq!((ana["open_matters"].as_i64(), ana["due_7d"].as_i64()), (Some(1), Some(1)), "{board}");
    let list = ok(&coord, "Carla", &["client", "search", "quispe", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");

    // Both move the deadline before syncing: a conflict on both laptops, settled once.
    let dl = ok(&coord, "Carla", &["deadline", "list", "--due-within", "1000d", "--json"]);
    let coord_deadline = dl.as_array().unwrap()[0]["id"].as_i64().unwrap().to_string();
    ok(
        &coord,
        "Carla",
        &["deadline", "set-date", &coord_deadline, "--date", "2027-05-10", "--reason", "clerk", "--json"],
    );
    ok(
        &vol,
        "Ana",
        &[
            "deadline",
            "set-date",
            &d["id"].as_i64().unwrap().to_string(),
            "--date",
            "2027-04-30",
            "--reason",
            "order",
            "--json",
        ],
    );
    ok(&vol, "Ana", &["sync", "--json"]);
    let r = ok(&coord, "Carla", &["sync", "--json"]);
    assert_eq!(r["open_conflicts"], 1, "{r}");
    let conflicts = ok(&coord, "Carla", &["conflicts", "--json"]);
    assert_eq!(conflicts[0]["field"], "due_on");
    assert_eq!(conflicts[0]["shown"], "2027-04-30", "the earlier date shows until settled");
    let id = conflicts[0]["id"].as_i64().unwrap().to_string();
    ok(&coord, "Carla", &["conflicts", "--resolve", &id, "--keep", "mine", "--json"]);
    assert_eq!(ok(&coord, "Carla", &["conflicts", "--json"]), serde_json::json!([]));
    ok(&coord, "Carla", &["sync", "--json"]);
    ok(&vol, "Ana", &["sync", "--json"]);
    assert_eq!(ok(&vol, "Ana", &["conflicts", "--json"]), serde_json::json!([]));
    let vd = ok(&vol, "Ana", &["deadline", "list", "--due-within", "1000d", "--json"]);
    assert_eq!(vd[0]["due_on"], "2027-05-10", "{vd}");

    // Assigning is a coordinator's act.
    let cm = ok(&coord, "Carla", &["matter", "list", "--json"]);
    let cmatter = cm[0]["id"].as_i64().unwrap().to_string();
    let assigned = ok(&coord, "Carla", &["matter", "assign", &cmatter, "--to", "Ana", "--json"]);
    assert_eq!(assigned["member"]["name"], "Ana");
    assert_eq!(assigned["history"][0]["to"], "Ana");
    let refused = amparo(&vol, "Ana", &["matter", "assign", &m, "--to", "Carla", "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&refused.stdout).unwrap()["error"]["code"], "not_coordinator");
    let nobody = amparo(&coord, "Carla", &["matter", "assign", &cmatter, "--to", "Nobody", "--json"]);
    assert_eq!(serde_json::from_slice::<Value>(&nobody.stdout).unwrap()["error"]["code"], "unknown_member");
}

fn err_code(out: &Output) -> Value {
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["error"]["code"].clone()
}

/// Enrolls `name`'s vault into the coordinator's clinic through the command line.
fn join(dir: &Path, coord: &Path, vault: &Path, name: &str, remote: &str) {
    let invite = dir.join(format!("{name}.amparo-invite"));
    let request = dir.join(format!("{name}.amparo-join"));
    ok(coord, "Carla", &["clinic", "invite", "--out", invite.to_str().unwrap(), "--json"]);
    let joined =
        ok(vault, name, &["clinic", "join", invite.to_str().unwrap(), "--out", request.to_str().unwrap(), "--json"]);
    let words = joined["fingerprint"].as_str().unwrap().to_string();
    ok(coord, "Carla", &["clinic", "admit", request.to_str().unwrap(), "--fingerprint", &words, "--json"]);
    ok(coord, "Carla", &["sync", "--remote", remote, "--json"]);
    ok(vault, name, &["sync", "--remote", remote, "--json"]);
}

#[tokio::test]
async fn the_coordinators_desk_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let [coord, ana, beto] = ["coord", "ana", "beto"].map(|n| dir.path().join(format!("{n}.amparo")));
    for v in [&coord, &ana, &beto] {
        common::create(v).await.lock().await;
    }
    let remote = dir.path().join("shared-folder");
    let remote = remote.to_str().unwrap();
    ok(&coord, "Carla", &["clinic", "create", "--name", "Clínica del Norte", "--json"]);
    join(dir.path(), &coord, &ana, "Ana", remote);
    join(dir.path(), &coord, &beto, "Beto", remote);
    let all = [(&coord, "Carla"), (&ana, "Ana"), (&beto, "Beto")];
    let settle = || {
        for _ in 0..2 {
            for (v, who) in all {
                ok(v, who, &["sync", "--json"]);
            }
        }
    };
    ok(&coord, "Carla", &["clinic", "require-review", "on", "--json"]);
    settle();

    // Ana opens a case with a hearing and a draft I-589 naming its preparer.
    let client = ok(&ana, "Ana", &["client", "add", "--given", "Rosa", "--family", "Quispe", "--json"]);
    let c = client["id"].as_i64().unwrap().to_string();
    let args = ["matter", "add", "--client", &c, "--kind", "defensive_asylum", "--forum", "immigration_court"];
    let matter = ok(&ana, "Ana", &[&args[..], &["--court", "Chicago Immigration Court", "--json"]].concat());
    let m = matter["id"].as_i64().unwrap().to_string();
    ok(
        &ana,
        "Ana",
        &["hearing", "add", "--matter", &m, "--kind", "master_calendar", "--at", "2027-06-01 08:30", "--json"],
    );
    let f = ok(&ana, "Ana", &["filing", "add", "--matter", &m, "--form", "i589", "--preparer", "Ana Ruiz", "--json"]);
    assert_eq!(f["preparer"], "Ana Ruiz");
    let fid = f["id"].as_i64().unwrap().to_string();
    assert_eq!(
        err_code(&amparo(&ana, "Ana", &["filing", "filed", &fid, "--on", "2026-11-20", "--json"])),
        "review_required"
    );
    ok(&ana, "Ana", &["review", "request", &fid, "--comment", "First draft", "--json"]);
    settle();

    // The coordinator asks for changes; Ana sees them, asks again; approved; filed.
    let list = ok(&coord, "Carla", &["review", "list", "--json"]);
    assert_eq!(list[0]["yours"], true, "{list}");
    let cf = list[0]["filing"]["id"].as_i64().unwrap().to_string();
    assert_eq!(err_code(&amparo(&beto, "Beto", &["review", "approve", &fid, "--json"])), "not_reviewer");
    ok(&coord, "Carla", &["review", "changes", &cf, "--comment", "Sign page 9", "--json"]);
    settle();
    let mine = ok(&ana, "Ana", &["review", "list", "--json"]);
    assert_eq!(
        (mine[0]["filing"]["review_status"].clone(), mine[0]["yours"].clone()),
        (Value::from("changes_requested"), Value::from(true)),
        "{mine}"
    );
    assert_eq!(mine[0]["filing"]["review_comment"], "Sign page 9");
    ok(&ana, "Ana", &["review", "request", &fid, "--json"]);
    settle();
    ok(&coord, "Carla", &["review", "approve", &cf, "--json"]);
    settle();
    let done = ok(&ana, "Ana", &["filing", "filed", &fid, "--on", "2026-11-24", "--method", "ecas", "--json"]);
    assert_eq!(
        (done["status"].clone(), done["review_status"].clone()),
        (Value::from("filed"), Value::from("approved"))
    );

    // Hand the case to Beto with Ana as co-assignee; the history names the reason.
    let cm = ok(&coord, "Carla", &["matter", "list", "--json"])[0]["id"].as_i64().unwrap().to_string();
    let a = ok(
        &coord,
        "Carla",
        &["matter", "assign", &cm, "--to", "Beto", "--also", "Ana", "--reason", "Spanish-speaking judge", "--json"],
    );
    assert_eq!(a["history"][0]["also"][0], "Ana", "{a}");
    settle();
    let new = ok(&beto, "Beto", &["clinic", "new", "--json"]);
    assert_eq!(new.as_array().unwrap().len(), 1, "{new}");
    let bm = new[0]["matter_id"].as_i64().unwrap().to_string();
    let hist = ok(&beto, "Beto", &["matter", "history", &bm, "--json"]);
    assert_eq!(hist[0]["reason"], "Spanish-speaking judge");
    let seen = ok(&beto, "Beto", &["clinic", "new", "--seen", &bm, "--json"]);
    assert_eq!(seen, serde_json::json!([]));

    // The board with filters, a member's drill-down, the calendar and the court-day list.
    let board = ok(&coord, "Carla", &["caseload", "--court", "chicago immigration court", "--json"]);
    let beto_row = board.as_array().unwrap().iter().find(|r| r["name"] == "Beto").unwrap().clone();
    assert_eq!(beto_row["open_matters"], 1, "{board}");
    let elsewhere = ok(&coord, "Carla", &["caseload", "--court", "Miami", "--json"]);
    assert!(elsewhere.as_array().unwrap().iter().all(|r| r["open_matters"] == 0), "{elsewhere}");
    let cases = ok(&coord, "Carla", &["caseload", "--member", "Ana", "--json"]);
    assert_eq!(cases[0]["primary"], false, "{cases}");
    let cal =
        ok(&coord, "Carla", &["calendar", "--from", "2027-05-01", "--to", "2027-06-30", "--member", "Beto", "--json"]);
    assert_eq!(cal[0]["volunteer"], "Beto", "{cal}");
    let day =
        ok(&coord, "Carla", &["court-day", "--court", "Chicago Immigration Court", "--date", "2027-06-01", "--json"]);
    assert_eq!(day["rows"][0]["client"], "R. Q.", "{day}");
    assert_eq!(day["rows"][0]["time"], "08:30");

    // Beto leaves: his cases go back to Ana and he is removed.
    let off = ok(&coord, "Carla", &["clinic", "offboard", "Beto", "--to", "Ana", "--remove", "--json"]);
    assert_eq!(off["moved"].as_array().unwrap().len(), 1, "{off}");
    let hist = ok(&coord, "Carla", &["matter", "history", &cm, "--json"]);
    assert_eq!(hist.as_array().unwrap().len(), 2);
    assert_eq!(hist[1]["to"], "Ana");
}
