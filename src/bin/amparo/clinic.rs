//! `amparo clinic …`, `amparo sync` and `amparo conflicts`.

use std::io::{BufRead, IsTerminal};

use amparo::clinic::conflicts::Keep;
use amparo::clinic::enroll::{read_clinic_file, write_clinic_file};
use amparo::clinic::remote::Remote;
use amparo::clinic::{Role, SyncReport};
use amparo::{Error, Result, Store};

use crate::args::ClinicCmd;
use crate::output::print;

fn ask_line(prompt: &str) -> Result<String> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Conflict(format!("{prompt} Give it with --fingerprint \"…\".")));
    }
    eprint!("{prompt} ");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| Error::io("stdin", e))?;
    Ok(line)
}

pub async fn clinic(store: Store, cmd: ClinicCmd, json: bool) -> Result<()> {
    match cmd {
        ClinicCmd::Create { name } => {
            let status = store.clinic_create(&name, store_actor(&store)).await?;
            print(json, &status, || {
                format!("Created the clinic \"{}\". You are its coordinator. Invite volunteers with `amparo clinic invite`.", status.clinic_name)
            });
        }
        ClinicCmd::Invite { out } => {
            let bytes = store.clinic_invite().await?;
            write_clinic_file(&out, &bytes)?;
            print(json, &serde_json::json!({ "invitation": out }), || {
                format!(
                    "Wrote the invitation to {}. Give it to the volunteer; when they send their request back, \
                     admit it with `amparo clinic admit FILE` and compare the words on both screens.",
                    out.display()
                )
            });
        }
        ClinicCmd::Join { file, out } => {
            let outcome = store.clinic_join(&read_clinic_file(&file)?, store_actor(&store)).await?;
            write_clinic_file(&out, &outcome.request)?;
            print(
                json,
                &serde_json::json!({ "clinic_name": outcome.clinic_name, "fingerprint": outcome.fingerprint, "request": out }),
                || {
                    format!(
                    "Joined \"{}\" (waiting for the coordinator to admit you).\nGive {} to your coordinator and check that their screen shows these words:\n\n    {}\n",
                    outcome.clinic_name,
                    out.display(),
                    outcome.fingerprint
                )
                },
            );
        }
        ClinicCmd::Admit { file, fingerprint, role } => {
            let request = read_clinic_file(&file)?;
            let role = match role.as_str() {
                "volunteer" => Role::Volunteer,
                "coordinator" => Role::Coordinator,
                other => {
                    return Err(Error::Conflict(format!("\"{other}\" is not a role: use volunteer or coordinator.")))
                }
            };
            let (name, words) = store.clinic_request_words(&request).await?;
            let typed = match fingerprint {
                Some(f) => f,
                None => {
                    eprintln!("{name} asks to join. Their screen must show exactly these words:\n\n    {words}\n");
                    ask_line("Type the words their screen shows:")?
                }
            };
            let member = store.clinic_admit(&request, &typed, role).await?;
            print(json, &member, || {
                format!(
                    "Admitted {} as a {}. They receive the clinic's roster at the next sync (yours, then theirs).",
                    member.name,
                    role_word(member.role)
                )
            });
        }
        ClinicCmd::Members => {
            let status = store.clinic_status().await?;
            print(json, &status, || {
                let mut lines = vec![format!("{} (you are {})", status.clinic_name, status.member_name)];
                if status.role.is_none() {
                    lines.push("Waiting for a coordinator to admit this vault; sync to receive the roster.".into());
                }
                for m in &status.members {
                    let cases = status.assignments.iter().filter(|(_, who)| who == &m.id).count();
                    let removed = m.removed_at.as_ref().map(|w| format!(", removed {w}")).unwrap_or_default();
                    lines.push(format!(
                        "  {}  {:<24} {:<12} {cases} case(s){removed}",
                        m.id,
                        m.name,
                        role_word(m.role)
                    ));
                }
                lines.join("\n")
            });
        }
        ClinicCmd::Remove { member } => {
            let m = store.clinic_remove(&member).await?;
            print(json, &m, || {
                format!("Removed {}. Nothing new is encrypted to them; what they received before stays readable on their laptop.", m.name)
            });
        }
        ClinicCmd::Alerts => {
            let alerts = store.clinic_alerts().await?;
            print(json, &alerts, || {
                if alerts.is_empty() {
                    return "No alerts.".into();
                }
                alerts
                    .iter()
                    .map(|a| {
                        let who = a
                            .clients
                            .iter()
                            .map(|(id, n)| format!("{n} (client {id})"))
                            .collect::<Vec<_>>()
                            .join(" and ");
                        match a.kind.as_str() {
                            "possible_duplicate" => format!(
                                "{:>4}  Possible duplicate: {who} share A-number {}",
                                a.id,
                                a.a_number.clone().unwrap_or_default()
                            ),
                            _ => format!("{:>4}  Kept: deleted on one laptop while edited on another: {who}", a.id),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        cmd @ (ClinicCmd::Offboard { .. }
        | ClinicCmd::Reviewer { .. }
        | ClinicCmd::RequireReview { .. }
        | ClinicCmd::New { .. }) => crate::desk::clinic(store, cmd, json).await?,
    }
    Ok(())
}

fn role_word(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "coordinator",
        Role::Volunteer => "volunteer",
    }
}

fn store_actor(store: &Store) -> &str {
    store.actor_name()
}

pub async fn sync(store: Store, remote: Option<String>, json: bool) -> Result<()> {
    let location = match remote {
        Some(r) => r,
        None => store.clinic_status().await?.remote.ok_or(amparo::clinic::ClinicError::NoRemote)?,
    };
    let remote = Remote::open(&location, None)?;
    let report = store.sync(&remote).await?;
    print(json, &report, || describe(&report));
    Ok(())
}

fn describe(r: &SyncReport) -> String {
    let mut lines = vec![format!(
        "Synced with {}: sent {} bundle(s) ({} change(s), {} bytes); applied {} bundle(s) ({} record(s) new, {} changed, {} note version(s)).",
        r.remote, r.sent_bundles, r.sent_changes, r.sent_bytes, r.received_bundles, r.applied.records_created, r.applied.records_changed, r.applied.notes_added
    )];
    if r.sent_documents + r.received_documents + r.waiting_documents > 0 {
        lines.push(format!(
            "Documents: {} sent, {} received, {} still coming (their content or their record is not here yet).",
            r.sent_documents, r.received_documents, r.waiting_documents
        ));
    }
    if r.waiting_for_admission {
        lines.push("This vault is not admitted yet: ask your coordinator to admit your request and sync.".into());
    }
    if r.open_conflicts > 0 {
        lines.push(format!("{} conflict(s) to settle: see `amparo conflicts`.", r.open_conflicts));
    }
    if r.applied.possible_duplicates > 0 {
        lines.push(format!(
            "{} possible duplicate client(s): see `amparo clinic alerts`.",
            r.applied.possible_duplicates
        ));
    }
    for x in &r.refused {
        lines.push(format!("Refused {}: {}", x.name, x.reason));
    }
    for x in &r.waiting {
        lines.push(format!("Waiting (tried again next sync) {}: {}", x.name, x.reason));
    }
    for p in &r.problems {
        lines.push(match p {
            amparo::clinic::plan::ChainProblem::Gap { device, missing_from, missing_to } => {
                format!("Missing bundles {missing_from}–{missing_to} from device {device}: withheld or deleted from the remote.")
            }
            amparo::clinic::plan::ChainProblem::Fork { device, seq } => {
                format!("Device {device} has two different bundles numbered {seq}: a vault restored from an old copy, or tampering.")
            }
            amparo::clinic::plan::ChainProblem::Unknown { name } => format!("Not an Amparo object (ignored): {name}"),
            amparo::clinic::plan::ChainProblem::RosterOvertaken { .. } => {
                "Another coordinator changed the members or assignments at the same time: your last admission, removal or hand-over was not kept. Do it again.".to_string()
            }
        });
    }
    lines.join("\n")
}

pub async fn conflicts(store: Store, resolve: Option<i64>, keep: Option<String>, json: bool) -> Result<()> {
    if let (Some(id), Some(keep)) = (resolve, keep) {
        let keep = match keep.trim() {
            "mine" => Keep::Mine,
            "theirs" => Keep::Theirs,
            other => Keep::Value(other.to_string()),
        };
        let done = store.resolve_conflict(id, &keep).await?;
        print(json, &done, || {
            format!(
                "Settled: {} {} is now {}. It reaches the other laptops at the next sync.",
                done.entity, done.field, done.shown
            )
        });
        return Ok(());
    }
    let list = store.conflicts().await?;
    print(json, &list, || {
        if list.is_empty() {
            return "No conflicts.".into();
        }
        list.iter()
            .map(|c| {
                let sides = c
                    .sides
                    .iter()
                    .map(|s| {
                        format!(
                            "{} by {}{} at {}",
                            s.value,
                            s.member,
                            if s.mine { " (this laptop)" } else { "" },
                            s.written_at
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("  |  ");
                format!(
                    "{:>4}  {} {} of {}: showing {}\n      {}",
                    c.id,
                    c.entity,
                    c.field,
                    c.client_name.clone().unwrap_or_else(|| "a record not on this laptop".into()),
                    c.shown,
                    sides
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}
