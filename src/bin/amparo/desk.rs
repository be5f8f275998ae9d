//! The coordinator's desk on the command line: the caseload board, hand-offs, review and
//! sign-off, the clinic calendar and the court-day list.

use amparo::clinic::{AssignInput, AssignmentEntry, CaseloadFilter, Decision, DeskFilter, DeskFlag, Supervisor};
use amparo::model::{FilingInput, ValidationError};
use amparo::{Error, Result, Store};
use chrono::{Duration, NaiveDate};

use crate::args::{CaseloadArgs, ClinicCmd, FilingCmd, ReviewCmd};
use crate::output::print;

fn day(field: &str, raw: Option<String>) -> Result<Option<NaiveDate>> {
    raw.map(|t| amparo::model::fields::date(&t).map_err(|m| Error::Invalid(ValidationError::one(field, m)))).transpose()
}

pub async fn caseload(store: Store, a: CaseloadArgs, json: bool) -> Result<()> {
    if let Some(who) = a.member {
        let id = store.clinic_member(&who).await?.id;
        let cases = store.member_cases(&id).await?;
        print(json, &cases, || {
            if cases.is_empty() {
                return "No open cases.".into();
            }
            cases
                .iter()
                .map(|c| {
                    format!(
                        "{:>6}  {:<28} {:<22} {}{}",
                        c.matter_id,
                        c.client_name,
                        c.kind,
                        c.next_hearing.as_deref().map(|h| format!("hearing {h}  ")).unwrap_or_default(),
                        if c.primary { "" } else { "(co-assignee)" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let today = day("today", a.today)?.unwrap_or_else(Store::today);
    let filter =
        CaseloadFilter { court: a.court, judge: a.judge, kind: a.kind, detained: a.detained, language: a.language };
    let rows = store.caseload(today, &filter).await?;
    print(json, &rows, || {
        let mut lines = vec![format!(
            "{:<24} {:>6} {:>9} {:>8} {:>7} {:>9} {:>9}  {}",
            "member", "open", "hearings", "overdue", "due 7d", "stale 30+", "conflicts", "last heard"
        )];
        for r in &rows {
            let name = if r.member_id.is_none() { "(not assigned)".to_string() } else { r.name.clone() };
            lines.push(format!(
                "{:<24} {:>6} {:>9} {:>8} {:>7} {:>9} {:>9}  {}",
                name,
                r.open_matters,
                r.hearings_14d,
                r.overdue,
                r.due_7d,
                r.stale_30d,
                r.conflicts,
                r.last_heard.clone().unwrap_or_else(|| "never".into())
            ));
        }
        lines.join("\n")
    });
    Ok(())
}

pub fn history_lines(history: &[AssignmentEntry]) -> String {
    if history.is_empty() {
        return "This matter was never assigned.".into();
    }
    history
        .iter()
        .map(|h| {
            let mut line = format!(
                "{}  {} → {}",
                h.on.as_deref().unwrap_or(&h.at[..10.min(h.at.len())]),
                h.from.as_deref().unwrap_or("(no one)"),
                h.to
            );
            if !h.also.is_empty() {
                line.push_str(&format!(" (with {})", h.also.join(", ")));
            }
            line.push_str(&format!("  by {}", h.by));
            if let Some(r) = &h.reason {
                line.push_str(&format!(": {r}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub async fn clinic(store: Store, cmd: ClinicCmd, json: bool) -> Result<()> {
    match cmd {
        ClinicCmd::Offboard { member, to, reason, remove } => {
            let input =
                AssignInput { to: to.clone(), reason: reason.or(Some("Offboarding".into())), ..Default::default() };
            let moved = store.offboard(&member, &input).await?;
            let removed = if remove { Some(store.clinic_remove(&member).await?) } else { None };
            print(json, &serde_json::json!({ "moved": moved, "removed": removed.is_some() }), || {
                format!(
                    "{} open case(s) of {member} now belong to {to}.{}",
                    moved.len(),
                    if removed.is_some() { format!(" {member} was removed from the clinic.") } else { String::new() }
                )
            });
        }
        ClinicCmd::Reviewer { member, role } => {
            let role = match role.as_str() {
                "attorney" => Some(Supervisor::Attorney),
                "accredited-representative" | "accredited_representative" => Some(Supervisor::AccreditedRepresentative),
                "none" => None,
                other => {
                    return Err(Error::Conflict(format!(
                        "\"{other}\" is not a reviewer role: use attorney, accredited-representative or none."
                    )))
                }
            };
            let m = store.set_supervisor(&member, role).await?;
            print(json, &m, || match role {
                Some(_) => format!("{} may now approve filings and ask for changes.", m.name),
                None => format!("{} no longer reviews filings (unless a coordinator).", m.name),
            });
        }
        ClinicCmd::RequireReview { setting } => {
            let on = match setting.as_str() {
                "on" | "yes" | "true" => true,
                "off" | "no" | "false" => false,
                other => return Err(Error::Conflict(format!("\"{other}\": say on or off."))),
            };
            store.set_require_review(on).await?;
            print(json, &serde_json::json!({ "require_review": on }), || {
                if on {
                    "Filings must now be approved before they are marked filed.".into()
                } else {
                    "Filings may be marked filed without review.".into()
                }
            });
        }
        ClinicCmd::New { seen } => {
            if let Some(m) = seen {
                store.seen_new_case(m).await?;
            }
            let cases = store.new_to_me().await?;
            print(json, &cases, || {
                if cases.is_empty() {
                    return "Nothing new was given to you.".into();
                }
                cases
                    .iter()
                    .map(|c| {
                        format!("{:>6}  {:<28} {:<22} given {}", c.matter_id, c.client_name, c.kind, c.assigned_at)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        _ => unreachable!("the other clinic commands are handled in clinic.rs"),
    }
    Ok(())
}

pub async fn review(store: Store, cmd: ReviewCmd, json: bool) -> Result<()> {
    let done = |f: amparo::model::Filing, what: &str| {
        print(json, &f, || format!("Filing {}: {what}.", f.id));
    };
    match cmd {
        ReviewCmd::Request { filing, comment } => {
            done(store.review_request(filing, comment.as_deref()).await?, "review requested")
        }
        ReviewCmd::Approve { filing, comment } => {
            done(store.review_decide(filing, Decision::Approve, comment.as_deref()).await?, "approved")
        }
        ReviewCmd::Changes { filing, comment } => {
            done(store.review_decide(filing, Decision::Changes, Some(&comment)).await?, "changes requested")
        }
        ReviewCmd::List => {
            let items = store.reviews().await?;
            print(json, &items, || {
                if items.is_empty() {
                    return "No filing is in review.".into();
                }
                items
                    .iter()
                    .map(|i| {
                        format!(
                            "{:>6}  {}{:<28} {:<8} {:<18} asked by {}{}",
                            i.filing.id,
                            if i.yours { "* " } else { "  " },
                            i.client_name,
                            i.filing.fields.form.as_str(),
                            i.filing.review.review_status.as_str(),
                            i.requested_by_name.as_deref().unwrap_or("?"),
                            i.filing.review.review_comment.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

pub async fn filing(store: Store, cmd: FilingCmd, json: bool) -> Result<()> {
    match cmd {
        FilingCmd::Add { matter, form, description, preparer, filed, receipt } => {
            let status = match (&receipt, &filed) {
                (Some(_), _) => Some("received".to_string()),
                (None, Some(_)) => Some("filed".to_string()),
                _ => None,
            };
            let input = FilingInput {
                matter_id: matter,
                form,
                description,
                preparer,
                filed_on: filed,
                status,
                receipt_number: receipt,
                ..Default::default()
            };
            let f = store.add_filing(&input).await?;
            print(json, &f, || format!("Recorded filing {} ({}).", f.id, f.fields.form.label()));
        }
        FilingCmd::Filed { filing, on, method } => {
            let f = store.filing(filing).await?;
            let input = FilingInput {
                matter_id: f.fields.matter_id,
                form: f.fields.form.as_str().into(),
                description: f.fields.description.clone(),
                filed_on: Some(on),
                method: method.or(f.fields.method.map(|m| m.as_str().into())),
                tracking_number: f.fields.tracking_number.clone(),
                received_on: f.fields.received_on.map(|d| d.to_string()),
                receipt_number: f.fields.receipt_number.as_ref().map(|r| r.to_string()),
                // A filing already received, or answered, keeps where it stands.
                status: Some(if f.fields.status.is_sent() { f.fields.status.as_str() } else { "filed" }.into()),
                deadline_id: f.fields.deadline_id,
                preparer: f.fields.preparer.clone(),
            };
            let f = store.update_filing(filing, &input).await?;
            print(json, &f, || {
                format!(
                    "Filing {} marked filed on {}.",
                    f.id,
                    f.fields.filed_on.map(|d| d.to_string()).unwrap_or_default()
                )
            });
        }
        FilingCmd::List { matter } => {
            let list = store.filings_for(matter).await?;
            print(json, &list, || {
                list.iter()
                    .map(|f| {
                        format!(
                            "{:>6}  {:<8} {:<10} {:<18} {}",
                            f.id,
                            f.fields.form.as_str(),
                            f.fields.status.as_str(),
                            f.review.review_status.as_str(),
                            f.fields.description.as_deref().unwrap_or("")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

pub async fn calendar(
    store: Store,
    from: Option<String>,
    to: Option<String>,
    member: Option<String>,
    court: Option<String>,
    json: bool,
) -> Result<()> {
    let from = day("from", from)?.unwrap_or_else(Store::today);
    let to = day("to", to)?.unwrap_or(from + Duration::days(27));
    let member = match member {
        Some(m) if m == "none" => Some(m),
        Some(who) => Some(store.clinic_member(&who).await?.id),
        None => None,
    };
    let entries = store.desk_calendar(from, to, &DeskFilter { member, court }, Store::today()).await?;
    print(json, &entries, || {
        if entries.is_empty() {
            return "Nothing in that range.".into();
        }
        entries
            .iter()
            .map(|e| {
                let flag = match e.flag {
                    Some(DeskFlag::NoVolunteer) => "  ! no volunteer holds this case",
                    Some(DeskFlag::VolunteerSilent) => "  ! their laptop has not synced for 7 days",
                    None => "",
                };
                format!(
                    "{:<16} {:<8} {:<26} {:<22} {:<20} {}{flag}",
                    e.when.get(..16).unwrap_or(&e.when),
                    e.kind,
                    e.client_name,
                    e.title,
                    e.court.as_deref().unwrap_or(""),
                    e.volunteer.as_deref().unwrap_or("-")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

pub async fn court_day(store: Store, court: String, date: Option<String>, full: bool, json: bool) -> Result<()> {
    let date = day("date", date)?.unwrap_or_else(Store::today);
    let list = store.court_day(&court, date, full).await?;
    print(json, &list, || {
        let mut lines = vec![format!("{} — {}", list.court, list.date)];
        if list.rows.is_empty() {
            lines.push("No hearings.".into());
        }
        for r in &list.rows {
            lines.push(format!(
                "{}  {:<26} {:<18} {:<18} {:<18} {}{}",
                r.time,
                r.client,
                r.hearing_kind,
                r.judge.as_deref().unwrap_or(""),
                r.volunteer.as_deref().unwrap_or("(no volunteer)"),
                r.languages.join(", "),
                if r.interpreter_needed { " (interpreter)" } else { "" }
            ));
        }
        lines.join("\n")
    });
    Ok(())
}
