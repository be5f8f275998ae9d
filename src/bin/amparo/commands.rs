//! One function per command; each unlocks, calls the store, prints.

use serde_json::json;

use amparo::model::deadline::parse_span;
use amparo::model::{ClientInput, DeadlineInput, HearingInput, MatterInput, NoteSubject, ValidationError};
use amparo::store::clients::ClientQuery;
use amparo::vault::paths::default_vault_path;
use amparo::{Error, Result, Store};

use crate::args::{Cli, ClientAdd, ClientCmd, Command, DeadlineCmd, HearingCmd, MatterCmd, NoteCmd};
use crate::output::print;

pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Rules(cmd) = cli.command {
        return crate::rules::run(cmd, cli.json);
    }
    let path = cli.vault.clone().unwrap_or_else(default_vault_path);
    let json = cli.json;
    let actor = cli.actor.clone().or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "volunteer".into());
    match cli.command {
        Command::Init
        | Command::UnlockCheck
        | Command::Rekey
        | Command::Backup(_)
        | Command::Restore { .. }
        | Command::Recover
        | Command::RecoveryCode => crate::vault_cmds::run(cli.command, &path, actor, json).await?,
        Command::Client(cmd) => with_store(&path, actor, |s| client(s, cmd, json)).await?,
        Command::Matter(cmd) => with_store(&path, actor, |s| matter(s, cmd, json)).await?,
        Command::Hearing(cmd) => with_store(&path, actor, |s| hearing(s, cmd, json)).await?,
        Command::Deadline(cmd) => with_store(&path, actor, |s| deadline(s, cmd, json)).await?,
        Command::Appointment(cmd) => with_store(&path, actor, |s| crate::tracking::appointment(s, cmd, json)).await?,
        Command::Custody(cmd) => with_store(&path, actor, |s| crate::tracking::custody(s, cmd, json)).await?,
        Command::Note(cmd) => with_store(&path, actor, |s| note(s, cmd, json)).await?,
        Command::Clinic(cmd) => with_store(&path, actor, |s| crate::clinic::clinic(s, cmd, json)).await?,
        Command::Sync { remote } => with_store(&path, actor, |s| crate::clinic::sync(s, remote, json)).await?,
        Command::Caseload(args) => with_store(&path, actor, |s| crate::desk::caseload(s, args, json)).await?,
        Command::Seed { clients, seed } => with_store(&path, actor, |s| made_up(s, clients, seed, json)).await?,
        Command::Review(cmd) => with_store(&path, actor, |s| crate::desk::review(s, cmd, json)).await?,
        Command::Filing(cmd) => with_store(&path, actor, |s| crate::desk::filing(s, cmd, json)).await?,
        Command::Calendar { from, to, member, court } => {
            with_store(&path, actor, |s| crate::desk::calendar(s, from, to, member, court, json)).await?
        }
        Command::CourtDay { court, date, full_names } => {
            with_store(&path, actor, |s| crate::desk::court_day(s, court, date, full_names, json)).await?
        }
        Command::Conflicts { resolve, keep } => {
            with_store(&path, actor, |s| crate::clinic::conflicts(s, resolve, keep, json)).await?
        }
        Command::Import(cmd) => with_store(&path, actor, |s| crate::exchange::import(s, cmd, json)).await?,
        Command::Export(cmd) => with_store(&path, actor, |s| crate::exchange::export(s, cmd, json)).await?,
        Command::Report(args) => with_store(&path, actor, |s| crate::exchange::report(s, args, json)).await?,
        Command::Document(cmd) => with_store(&path, actor, |s| crate::documents::document(s, cmd, json)).await?,
        Command::Checklist(cmd) => with_store(&path, actor, |s| crate::documents::checklist(s, cmd, json)).await?,
        Command::Rules(_) => unreachable!("handled above: needs no vault"),
    }
    Ok(())
}

async fn made_up(store: Store, clients: usize, seed: u64, json: bool) -> Result<()> {
    let made = amparo::seed::seed(&store, clients, seed, Store::today()).await?;
    print(json, &made, || {
        format!(
            "Made up {} clients with {} cases, {} hearings and {} deadlines (seed {seed}).",
            made.clients, made.matters, made.hearings, made.deadlines
        )
    });
    Ok(())
}

/// Unlocks, runs `f` over the store, and locks again whatever `f` returned.
async fn with_store<F, Fut>(path: &std::path::Path, actor: String, f: F) -> Result<()>
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let vault = crate::vault_cmds::unlock(path).await?;
    let result = f(Store::new(vault.pool().clone(), actor)).await;
    vault.lock().await;
    result
}

async fn client(store: Store, cmd: ClientCmd, json: bool) -> Result<()> {
    match cmd {
        ClientCmd::Similar { name, dob, a_number, limit } => {
            let q = amparo::store::similar::SimilarQuery { name, date_of_birth: dob, a_number };
            let found = store.similar_clients(&q, limit).await?;
            print(json, &found, || {
                if found.is_empty() {
                    return "No similar client.".into();
                }
                found
                    .iter()
                    .map(|c| {
                        let why = c.reasons.iter().map(|r| r.en.to_string()).collect::<Vec<_>>().join(", ");
                        format!("{:>6}  {:>3}%  {} {}  ({why})", c.client_id, c.score, c.given_name, c.family_name)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ClientCmd::Add(a) => {
            let input = match &a.input {
                Some(path) => {
                    let text = crate::stdin::read_text(path)?;
                    serde_json::from_str::<ClientInput>(&text).map_err(|e| {
                        Error::Invalid(ValidationError::one(
                            "input",
                            amparo::text::Text::same(format!("The client JSON could not be read: {e}")),
                        ))
                    })?
                }
                None => client_input(*a),
            };
            let c = store.add_client(&input).await?;
            print(json, &c, || format!("Added client {}: {}", c.id, c.display_name()));
        }
        ClientCmd::List { detained, deleted, archived, country, limit, offset } => {
            let q = ClientQuery { detained_only: detained, nationality: country, deleted, archived, limit, offset };
            let page = store.list_clients(&q).await?;
            print(json, &page, || {
                let mut out: Vec<String> = page
                    .items
                    .iter()
                    .map(|c| {
                        let a = c.a_number.as_ref().map(|a| a.display()).unwrap_or_else(|| "-".into());
                        format!("{:>6}  {:<14} {}, {}", c.id, a, c.family_name, c.given_name)
                    })
                    .collect();
                out.push(format!("{} of {} clients", page.items.len(), page.total));
                out.join("\n")
            });
        }
        ClientCmd::Show { id } => {
            let c = store.client(id).await?;
            let matters = store.list_matters(Some(id)).await?;
            let notes = store.notes_for(NoteSubject::Client(id)).await?;
            let family = store.family_of(id).await?;
            let body = json!({ "client": c, "matters": matters, "notes": notes, "family": family });
            print(json, &body, || serde_json::to_string_pretty(&body).unwrap_or_default());
        }
        ClientCmd::Search { query, detained, limit } => {
            let query = if query == "-" {
                crate::stdin::read_text(std::path::Path::new("-"))?.trim().to_string()
            } else {
                query
            };
            let hits = store.search_clients_where(&query, detained, limit).await?;
            print(json, &hits, || {
                if hits.is_empty() {
                    return format!("No client matches \"{query}\".");
                }
                hits.iter()
                    .map(|h| {
                        let a = h.a_number.as_ref().map(|a| a.display()).unwrap_or_else(|| "-".into());
                        format!("{:>6}  {:<14} {}, {}", h.client_id, a, h.family_name, h.given_name)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ClientCmd::Delete { id } => {
            store.delete_client(id).await?;
            print(json, &json!({ "deleted": id }), || {
                format!("Client {id} moved to the deleted items. Undo with: amparo client restore {id}")
            });
        }
        ClientCmd::Restore { id } => {
            store.restore_client(id).await?;
            print(json, &json!({ "restored": id }), || format!("Client {id} restored."));
        }
        ClientCmd::Archive { id } => {
            store.archive_client(id).await?;
            print(json, &json!({ "archived": id }), || {
                format!("Client {id} archived. Undo with: amparo client unarchive {id}")
            });
        }
        ClientCmd::Unarchive { id } => {
            store.unarchive_client(id).await?;
            print(json, &json!({ "unarchived": id }), || format!("Client {id} is back in the lists."));
        }
        ClientCmd::Archived => {
            let rows = store.archived_clients().await?;
            print(json, &rows, || {
                let mut out: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        let from = r.purge_from.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
                        format!("{:>6}  purge from {from}  {}", r.client_id, r.client_name)
                    })
                    .collect();
                out.push(format!("{} archived clients", rows.len()));
                out.join("\n")
            });
        }
        ClientCmd::Purge { id, yes } => {
            if !yes {
                return Err(amparo::Error::Conflict(format!(
                    "Purging removes client {id} and their history for good. Run again with --yes to purge."
                )));
            }
            let purged = store.purge_client(id, Store::today()).await?;
            print(json, &purged, || {
                format!(
                    "Client {id} purged: {} case(s), {} records, {} history entries.",
                    purged.matters, purged.records, purged.history_entries
                )
            });
        }
        ClientCmd::Retention { years } => {
            if let Some(y) = years {
                store.set_retention_years(y).await?;
            }
            let y = store.retention_years().await?;
            print(json, &json!({ "retention_years": y }), || {
                format!("Archived clients are kept {y} years after their last case closed.")
            });
        }
    }
    Ok(())
}

fn client_input(a: ClientAdd) -> ClientInput {
    ClientInput {
        given_name: a.given,
        family_name: a.family,
        other_names: a.other_names,
        date_of_birth: a.dob,
        nationality: a.country,
        languages: a.languages,
        interpreter_needed: a.interpreter,
        a_number: a.a_number,
        no_a_number: a.no_a_number,
        phone: a.phone,
        email: a.email,
        last_arrival: a.arrived,
        detention_status: a.detention,
        detention_facility: a.facility,
        principal_id: a.principal,
        relationship: a.relationship,
        derivative: a.derivative,
        ..Default::default()
    }
}

async fn matter(store: Store, cmd: MatterCmd, json: bool) -> Result<()> {
    match cmd {
        MatterCmd::Assign { matter, to, also, reason, on } => {
            let input = amparo::clinic::AssignInput { to, also, reason, on };
            let m = store.matter_assign(matter, &input).await?;
            let history = store.assignment_history(matter).await?;
            print(json, &serde_json::json!({ "member": m, "history": history }), || {
                format!(
                    "Matter {matter} is now {}'s. Their laptop receives it, with its history, at their next sync.",
                    m.name
                )
            });
        }
        MatterCmd::History { matter } => {
            let history = store.assignment_history(matter).await?;
            print(json, &history, || crate::desk::history_lines(&history));
        }
        MatterCmd::Add { client, kind, forum, court, judge, assigned_to, opened } => {
            let input = MatterInput {
                client_id: client,
                kind,
                forum,
                court_name: court,
                judge,
                assigned_to,
                opened_on: opened,
                ..Default::default()
            };
            let m = store.add_matter(&input).await?;
            print(json, &m, || {
                format!("Opened matter {} ({}) for client {}", m.id, m.fields.kind.label(), m.fields.client_id)
            });
        }
        MatterCmd::Close { matter, on, outcome, reason, waive_open_deadlines } => {
            let close = amparo::store::matters::CloseMatterInput {
                closed_on: on,
                outcome,
                closing_reason: reason,
                waive_open_deadlines,
                spanish: false,
            };
            let closed = store.close_matter(matter, &close).await?;
            print(json, &closed, || {
                format!("Matter {matter} closed; {} open deadline(s) waived.", closed.waived.len())
            });
        }
        MatterCmd::Reopen { matter } => {
            let m = store.reopen_matter(matter).await?;
            print(json, &m, || format!("Matter {} reopened.", m.id));
        }
        MatterCmd::List { client } => {
            let list = store.list_matters(client).await?;
            print(json, &list, || {
                list.iter()
                    .map(|m| {
                        format!(
                            "{:>6}  client {:<6} {:<28} {} since {}",
                            m.id,
                            m.fields.client_id,
                            m.fields.kind.label(),
                            m.fields.status.label(),
                            m.fields.opened_on
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

async fn hearing(store: Store, cmd: HearingCmd, json: bool) -> Result<()> {
    match cmd {
        HearingCmd::Add { matter, kind, at, court, judge, detained } => {
            let input =
                HearingInput { matter_id: matter, kind, starts_at: at, court, judge, detained, ..Default::default() };
            let h = store.add_hearing(&input).await?;
            print(json, &h, || format!("Added hearing {} on {}", h.id, h.fields.starts_at.format("%Y-%m-%d %H:%M")));
        }
        HearingCmd::List { matter } => {
            let list = store.hearings_for(matter).await?;
            print(json, &list, || {
                list.iter()
                    .map(|h| {
                        format!(
                            "{:>6}  {}  {}",
                            h.id,
                            h.fields.starts_at.format("%Y-%m-%d %H:%M"),
                            h.fields.kind.label()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

async fn deadline(store: Store, cmd: DeadlineCmd, json: bool) -> Result<()> {
    match cmd {
        DeadlineCmd::Add {
            matter,
            title,
            due,
            rule,
            trigger,
            served_by_mail,
            days,
            before_conclusion,
            washington_area,
            override_reason,
            reason,
            assigned_to,
        } => {
            let input = DeadlineInput {
                matter_id: matter,
                title,
                due_on: due,
                rule_id: rule,
                trigger_on: trigger,
                served_by_mail,
                days,
                before_conclusion,
                washington_area,
                override_reason,
                manual_reason: reason,
                assigned_to,
            };
            let d = store.add_deadline(&input).await?;
            print(json, &d, || format!("Added deadline {} due {}", d.id, d.fields.due_on));
        }
        DeadlineCmd::SetDate { id, date, reason } => {
            let d = store.set_deadline_date(id, &date, &reason).await?;
            print(json, &d, || format!("Deadline {id} is now due on {}.", d.fields.due_on));
        }
        DeadlineCmd::List { due_within } => {
            let days = parse_span(&due_within).map_err(|m| Error::Invalid(ValidationError::one("due_within", m)))?;
            let list = store.deadlines_due(Store::today(), days).await?;
            print(json, &list, || {
                if list.is_empty() {
                    return format!("No open deadlines in the next {days} days.");
                }
                list.iter()
                    .map(|d| {
                        let when = match d.days_left {
                            n if n < 0 => format!("OVERDUE by {} days", -n),
                            0 => "due TODAY".into(),
                            n => format!("in {n} days"),
                        };
                        format!(
                            "{}  {:<20} {} ({})",
                            d.deadline.fields.due_on, when, d.deadline.fields.title, d.client_name
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        DeadlineCmd::Done { id, on } => {
            let on = on.unwrap_or_else(|| Store::today().to_string());
            let d = store.complete_deadline(id, &on).await?;
            print(json, &d, || format!("Deadline {id} marked done on {on}."));
        }
    }
    Ok(())
}

async fn note(store: Store, cmd: NoteCmd, json: bool) -> Result<()> {
    let subject = |client: Option<i64>, matter: Option<i64>| match (client, matter) {
        (Some(c), _) => NoteSubject::Client(c),
        (None, Some(m)) => NoteSubject::Matter(m),
        (None, None) => unreachable!("clap requires one"),
    };
    match cmd {
        NoteCmd::Add { client, matter, text } => {
            let text = match text.as_deref() {
                None | Some("-") => crate::stdin::read_text(std::path::Path::new("-"))?,
                Some(t) => t.to_string(),
            };
            let n = store.add_note(subject(client, matter), &text).await?;
            print(json, &n, || format!("Added note {}.", n.id));
        }
        NoteCmd::List { client, matter } => {
            let list = store.notes_for(subject(client, matter)).await?;
            print(json, &list, || {
                list.iter().map(|n| format!("[{}] {}", n.created_at, n.body)).collect::<Vec<_>>().join("\n\n")
            });
        }
    }
    Ok(())
}
