//! `amparo appointment …` and `amparo custody …`: what clinics track beyond hearings.

use amparo::model::{AppointmentInput, CustodyInput};
use amparo::{Result, Store};
use clap::Subcommand;

use crate::output::print;

#[derive(Subcommand)]
pub enum AppointmentCmd {
    /// Add an appointment (biometrics and interviews only on a USCIS matter).
    Add {
        #[arg(long)]
        matter: i64,
        /// ice_check_in, isap_check_in, biometrics, asylum_interview, uscis_interview, other.
        #[arg(long)]
        kind: String,
        /// Local time, "YYYY-MM-DD HH:MM".
        #[arg(long)]
        at: String,
        #[arg(long)]
        place: Option<String>,
        /// Who goes with the client.
        #[arg(long = "with")]
        accompanied_by: Option<String>,
    },
    /// A matter's appointments.
    List {
        #[arg(long)]
        matter: i64,
    },
    /// Record what happened: attended, rescheduled, missed, cancelled.
    Outcome {
        id: i64,
        outcome: String,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CustodyCmd {
    /// Add a period in custody.
    Add {
        #[arg(long)]
        client: i64,
        #[arg(long)]
        facility: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        detained_on: String,
        #[arg(long)]
        released_on: Option<String>,
        /// In dollars, e.g. 7500 or "$7,500".
        #[arg(long)]
        bond: Option<String>,
        /// not_requested, requested, set, denied, posted, ineligible.
        #[arg(long)]
        bond_status: Option<String>,
        /// none, ankle_monitor, smartlink, telephonic, order_of_supervision, other.
        #[arg(long)]
        alternative: Option<String>,
    },
    /// A client's periods in custody, the latest first.
    List {
        #[arg(long)]
        client: i64,
    },
}

pub async fn appointment(store: Store, cmd: AppointmentCmd, json: bool) -> Result<()> {
    match cmd {
        AppointmentCmd::Add { matter, kind, at, place, accompanied_by } => {
            let input = AppointmentInput {
                matter_id: matter,
                kind,
                starts_at: at,
                place,
                accompanied_by,
                ..Default::default()
            };
            let a = store.add_appointment(&input).await?;
            print(json, &a, || {
                format!(
                    "Added appointment {}: {} on {}",
                    a.id,
                    a.fields.kind.label(),
                    a.fields.starts_at.format("%Y-%m-%d %H:%M")
                )
            });
        }
        AppointmentCmd::List { matter } => {
            let list = store.appointments_for(matter).await?;
            print(json, &list, || {
                list.iter()
                    .map(|a| {
                        let outcome = a.fields.outcome.map(|o| o.label()).unwrap_or("");
                        format!(
                            "{:>6}  {}  {}  {outcome}",
                            a.id,
                            a.fields.starts_at.format("%Y-%m-%d %H:%M"),
                            a.fields.kind.label()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        AppointmentCmd::Outcome { id, outcome, note } => {
            let f = store.appointment(id).await?.fields;
            let input = AppointmentInput {
                matter_id: f.matter_id,
                kind: f.kind.as_str().into(),
                starts_at: f.starts_at.format("%Y-%m-%d %H:%M").to_string(),
                place: f.place,
                accompanied_by: f.accompanied_by,
                outcome: Some(outcome),
                outcome_note: note.or(f.outcome_note),
            };
            let a = store.update_appointment(id, &input).await?;
            print(json, &a, || format!("Appointment {id}: {}", a.fields.outcome.map(|o| o.label()).unwrap_or("")));
        }
    }
    Ok(())
}

pub async fn custody(store: Store, cmd: CustodyCmd, json: bool) -> Result<()> {
    match cmd {
        CustodyCmd::Add { client, facility, detained_on, released_on, bond, bond_status, alternative } => {
            let input = CustodyInput {
                client_id: client,
                facility,
                detained_on,
                released_on,
                bond_amount: bond,
                bond_status,
                alternative,
                notes: None,
            };
            let p = store.add_custody_period(&input).await?;
            print(json, &p, || format!("Added custody period {} from {}", p.id, p.fields.detained_on));
        }
        CustodyCmd::List { client } => {
            let list = store.custody_for(client).await?;
            print(json, &list, || {
                list.iter()
                    .map(|p| {
                        let until = p.fields.released_on.map(|d| d.to_string()).unwrap_or_else(|| "now".into());
                        let bond = p.fields.bond_amount.map(|b| format!("  bond ${b}")).unwrap_or_default();
                        let place = p.fields.facility.as_deref().unwrap_or("-");
                        format!("{:>6}  {} to {until}  {place}{bond}", p.id, p.fields.detained_on)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}
