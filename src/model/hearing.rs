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

impl HearingKind {
    /// Court events belong on court cases and the asylum office's interview on a USCIS
    /// case: a master calendar hearing on an affirmative case is a slip that would put a
    /// false date on the calendar.
    pub fn fits(self, forum: super::Forum) -> bool {
        use super::Forum;
        match self {
            HearingKind::AsylumInterview => matches!(forum, Forum::UscisAsylumOffice | Forum::Uscis),
            HearingKind::Other => true,
            _ => forum == Forum::ImmigrationCourt,
        }
    }

    /// The kinds a matter before `forum` offers, in display order.
    pub fn offered(forum: super::Forum) -> Vec<HearingKind> {
        HearingKind::ALL.iter().copied().filter(|k| k.fits(forum)).collect()
    }
}

text_enum!(
    /// How the client attends.
    Attendance {
        InPerson = "in_person": "In person",
        Video = "video": "By video (WebEx)",
        Telephonic = "telephonic": "By telephone",
    }
);

text_enum!(
    /// Where a hearing's date and time were last read: hearing dates change without the
    /// client being told, so clinics check them again every week.
    HearingSource {
        Notice = "notice": "Hearing notice",
        EoirLine = "eoir_line": "EOIR automated line (1-800-898-7180)",
        EoirPortal = "eoir_portal": "EOIR online case status",
        Ecas = "ecas": "ECAS (EOIR Courts & Appeals System)",
        Client = "client": "The client",
        Other = "other": "Other",
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
    pub date_source: Option<String>,
    /// The day the date was last checked against `date_source`.
    pub confirmed_on: Option<String>,
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
    pub date_source: Option<HearingSource>,
    pub confirmed_on: Option<NaiveDate>,
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
    pub fn validate(&self, today: NaiveDate) -> Result<HearingFields, ValidationError> {
        let mut c = Checker::default();
        let kind = c.take("kind", self.kind.parse::<HearingKind>());
        let starts_at = c.take("starts_at", fields::date_time(&self.starts_at));
        let court = c.take("court", fields::optional_line(self.court.as_deref(), &Text::fixed("court", "corte")));
        let judge = c.take(
            "judge",
            fields::optional_line(self.judge.as_deref(), &Text::fixed("judge's name", "nombre del juez o la jueza")),
        );
        let attendance = c
            .take("attendance", opt(self.attendance.as_deref(), str::parse).map(|a| a.unwrap_or(Attendance::InPerson)));
        let outcome =
            c.take("outcome", fields::optional_text(self.outcome.as_deref(), &Text::fixed("outcome", "resultado")));
        let date_source = c.take("date_source", opt(self.date_source.as_deref(), str::parse));
        let confirmed_on = c.take(
            "confirmed_on",
            super::client::past_date(
                self.confirmed_on.as_deref(),
                today,
                &Text::fixed("date it was confirmed", "fecha de la confirmación"),
            ),
        );
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
            date_source: date_source.unwrap(),
            confirmed_on: confirmed_on.unwrap(),
        })
    }
}

impl Hearing {
    /// The calendar day of the hearing.
    pub fn day(&self) -> NaiveDate {
        self.fields.starts_at.date()
    }
}
