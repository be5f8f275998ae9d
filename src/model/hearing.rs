//! Hearings before an immigration judge or an asylum officer.

use crate::text::Text;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::client::opt;
use super::fields;
use super::validation::{Checker, ValidationError};
use crate::text_enum;

text_enum!(
    /// What kind of hearing.
    HearingKind {
        MasterCalendar = "master_calendar": "Master calendar hearing",
        Individual = "individual": "Individual (merits) hearing",
        Bond = "bond": "Bond hearing",
        CredibleFearReview = "credible_fear_review": "Credible fear review",
        ReasonableFearReview = "reasonable_fear_review": "Reasonable fear review",
        AsylumInterview = "asylum_interview": "Asylum office interview",
        Other = "other": "Other",
    }
);

text_enum!(
    /// How the client attends.
    Attendance {
        InPerson = "in_person": "In person",
        Video = "video": "By video (WebEx)",
        Telephonic = "telephonic": "By telephone",
    }
);

/// A hearing as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct HearingInput {
    pub matter_id: i64,
    pub kind: String,
    /// Local court time, `YYYY-MM-DD HH:MM`.
    pub starts_at: String,
    pub court: Option<String>,
    pub judge: Option<String>,
    pub detained: bool,
    pub attendance: Option<String>,
    pub outcome: Option<String>,
}

/// A hearing's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct HearingFields {
    pub matter_id: i64,
    pub kind: HearingKind,
    pub starts_at: NaiveDateTime,
    pub court: Option<String>,
    pub judge: Option<String>,
    pub detained: bool,
    pub attendance: Attendance,
    pub outcome: Option<String>,
}

/// A stored hearing.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Hearing {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: HearingFields,
    pub created_at: String,
    pub updated_at: String,
}

impl HearingInput {
    pub fn validate(&self) -> Result<HearingFields, ValidationError> {
        let mut c = Checker::default();
        let kind = c.take("kind", self.kind.parse::<HearingKind>());
        let starts_at = c.take("starts_at", fields::date_time(&self.starts_at));
        let court = c.take("court", fields::optional_line(self.court.as_deref(), &Text::fixed("court", "tribunal")));
        let judge = c.take(
            "judge",
            fields::optional_line(self.judge.as_deref(), &Text::fixed("judge's name", "nombre del juez o la jueza")),
        );
        let attendance = c
            .take("attendance", opt(self.attendance.as_deref(), str::parse).map(|a| a.unwrap_or(Attendance::InPerson)));
        let outcome =
            c.take("outcome", fields::optional_text(self.outcome.as_deref(), &Text::fixed("outcome", "resultado")));
        if self.matter_id <= 0 {
            c.fail(
                "matter_id",
                Text::fixed(
                    "Choose the matter this hearing belongs to.",
                    "Elija el caso al que pertenece esta audiencia.",
                ),
            );
        }
        c.finish()?;
        Ok(HearingFields {
            matter_id: self.matter_id,
            kind: kind.unwrap(),
            starts_at: starts_at.unwrap(),
            court: court.unwrap(),
            judge: judge.unwrap(),
            detained: self.detained,
            attendance: attendance.unwrap(),
            outcome: outcome.unwrap(),
        })
    }
}

impl Hearing {
    /// The calendar day of the hearing.
    pub fn day(&self) -> NaiveDate {
        self.fields.starts_at.date()
    }
}
