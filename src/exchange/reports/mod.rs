//! Reports for the clinic and its funders: caseload per volunteer, matters opened and
//! closed by kind, forum and outcome, hearings by court, deadlines met and missed, and
//! clients by nationality, language, detention and age band, over a period.
//!
//! A de-identified report is for people outside the clinic: it has no names, A-numbers,
//! dates of birth or typed text (volunteers become "Volunteer A", deadlines are named by
//! their rule or "set by hand"), and a count below the threshold is shown as "fewer than
//! N" so that no one can be singled out. Every report written is in the audit log.

mod queries;
pub mod render;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::ValidationError;
use crate::store::{audit, Store};
use crate::text::Text;
use crate::tr;

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    Caseload,
    Outcomes,
    Hearings,
    Deadlines,
    Clients,
}

impl std::str::FromStr for ReportKind {
    type Err = Text;
    fn from_str(s: &str) -> std::result::Result<Self, Text> {
        match s.trim().to_ascii_lowercase().as_str() {
            "caseload" => Ok(ReportKind::Caseload),
            "outcomes" => Ok(ReportKind::Outcomes),
            "hearings" => Ok(ReportKind::Hearings),
            "deadlines" => Ok(ReportKind::Deadlines),
            "clients" => Ok(ReportKind::Clients),
            _ => Err(Text::fixed(
                "The report must be caseload, outcomes, hearings, deadlines or clients.",
                "El informe debe ser caseload, outcomes, hearings, deadlines o clients.",
            )),
        }
    }
}

impl ReportKind {
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Caseload => "caseload",
            ReportKind::Outcomes => "outcomes",
            ReportKind::Hearings => "hearings",
            ReportKind::Deadlines => "deadlines",
            ReportKind::Clients => "clients",
        }
    }

    pub fn title(self) -> Text {
        match self {
            ReportKind::Caseload => Text::fixed("Caseload by volunteer", "Carga de casos por voluntario/a"),
            ReportKind::Outcomes => Text::fixed(
                "Matters opened and closed, by kind and outcome",
                "Casos abiertos y cerrados, por tipo y resultado",
            ),
            ReportKind::Hearings => Text::fixed("Hearings by court", "Audiencias por corte"),
            ReportKind::Deadlines => Text::fixed("Deadlines met and missed", "Plazos cumplidos e incumplidos"),
            ReportKind::Clients => Text::fixed(
                "Clients by nationality, language, detention and age",
                "Clientes por nacionalidad, idioma, detención y edad",
            ),
        }
    }
}

/// What to report on.
#[derive(Clone, Debug, Deserialize, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportOptions {
    pub kind: ReportKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub deidentified: bool,
    /// Counts from 1 to below this are shown as "fewer than N" when de-identified.
    pub threshold: u32,
    pub spanish: bool,
}

/// One cell: words, or a count (which de-identification may hide).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
#[ts(export, rename = "ReportCell")]
pub enum Cell {
    Text(String),
    Count(i64),
}

/// A report as a table, ready to be written as CSV or printed.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Report {
    pub kind: ReportKind,
    pub title: Text,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub generated_on: NaiveDate,
    pub deidentified: bool,
    pub threshold: u32,
    /// The clinic's name, for the letterhead (empty outside a clinic).
    pub clinic: String,
    pub columns: Vec<Text>,
    pub rows: Vec<Vec<Cell>>,
    /// What a reader needs to know to read the figures right.
    pub notes: Vec<Text>,
}

impl Report {
    /// A count as the report shows it: hidden below the threshold when de-identified.
    pub fn shown(&self, n: i64, spanish: bool) -> String {
        shown_count(n, self.deidentified.then_some(self.threshold)).pick(spanish).to_string()
    }
}

/// A count in words: "fewer than N" from 1 to below `hide_below`, where counts are hidden.
pub(crate) fn shown_count(n: i64, hide_below: Option<u32>) -> Text {
    match hide_below {
        Some(t) if n > 0 && n < t as i64 => Text::new(format!("fewer than {t}"), format!("menos de {t}")),
        _ => Text::same(n.to_string()),
    }
}

impl Store {
    /// Builds a report. Reading only: the caller records where it went (`record_report`).
    pub async fn report(&self, opts: &ReportOptions) -> Result<Report> {
        if opts.to < opts.from {
            return Err(Error::Invalid(ValidationError::one(
                "to",
                tr!("The period ends before it starts.", "El periodo termina antes de empezar."),
            )));
        }
        if opts.deidentified && opts.threshold < 2 {
            return Err(Error::Invalid(ValidationError::one(
                "threshold",
                tr!(
                    "A de-identified report hides counts below at least 2.",
                    "Un informe anonimizado oculta los recuentos por debajo de al menos 2."
                ),
            )));
        }
        let today = Store::today();
        let mut conn = self.pool().acquire().await?;
        let (columns, rows, notes) = queries::build(&mut conn, opts, today).await?;
        let clinic: Option<String> =
            sqlx::query_scalar("SELECT clinic_name FROM clinic_self").fetch_optional(&mut *conn).await.unwrap_or(None);
        Ok(Report {
            kind: opts.kind,
            title: opts.kind.title(),
            from: opts.from,
            to: opts.to,
            generated_on: today,
            deidentified: opts.deidentified,
            threshold: opts.threshold,
            clinic: clinic.unwrap_or_default(),
            columns,
            rows,
            notes,
        })
    }

    /// Records in the audit log that a report left the vault, and in what form.
    pub async fn record_report(&self, report: &Report, format: &str, destination: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        audit::record(
            &mut tx,
            self.actor(),
            "export",
            "export",
            None,
            serde_json::json!({
                "what": "report", "report": report.kind.key(), "from": report.from, "to": report.to,
                "deidentified": report.deidentified, "format": format, "rows": report.rows.len(),
                "to_file": destination,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
