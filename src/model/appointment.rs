//! Appointments that are not hearings: ICE and ISAP check-ins, biometrics, asylum office
//! and other USCIS interviews. A missed check-in can mean arrest, a missed interview a
//! referral to court or a dismissal, so each records who goes with the client and what
//! happened.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::client::opt;
use super::fields;
use super::matter::Forum;
use super::validation::{Checker, ValidationError};
use crate::text::Text;
use crate::text_enum;

text_enum!(
    /// What kind of appointment.
    AppointmentKind {
        IceCheckIn = "ice_check_in": "ICE check-in",
        IsapCheckIn = "isap_check_in": "ISAP check-in (alternatives to detention)",
        Biometrics = "biometrics": "Biometrics (fingerprints and photo)",
        AsylumInterview = "asylum_interview": "Asylum office interview",
        UscisInterview = "uscis_interview": "USCIS interview",
        Other = "other": "Other appointment",
    }
);

text_enum!(
    /// What happened at the appointment.
    AppointmentOutcome {
        Attended = "attended": "Attended",
        Rescheduled = "rescheduled": "Rescheduled",
        Missed = "missed": "Missed",
        Cancelled = "cancelled": "Cancelled by the agency",
    }
);

impl AppointmentKind {
    /// USCIS interviews happen only in its own cases. Biometrics too in a defensive case:
    /// USCIS takes them for an application filed with the immigration court or the BIA
    /// (8 CFR 1003.47(d)), and a missed appointment can count as abandoning it. ICE and
    /// ISAP check-ins come with release from custody, whatever forum the case is in.
    pub fn fits(self, forum: Forum) -> bool {
        match self {
            AppointmentKind::AsylumInterview | AppointmentKind::UscisInterview => {
                matches!(forum, Forum::UscisAsylumOffice | Forum::Uscis)
            }
            AppointmentKind::Biometrics => forum != Forum::CircuitCourt,
            AppointmentKind::IceCheckIn | AppointmentKind::IsapCheckIn | AppointmentKind::Other => true,
        }
    }

    /// The kinds a matter before `forum` offers, in display order.
    pub fn offered(forum: Forum) -> Vec<AppointmentKind> {
        AppointmentKind::ALL.iter().copied().filter(|k| k.fits(forum)).collect()
    }
}

/// An appointment as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct AppointmentInput {
    pub matter_id: i64,
    pub kind: String,
    /// Local time, `YYYY-MM-DD HH:MM`.
    pub starts_at: String,
    pub place: Option<String>,
    /// Who goes with the client (a volunteer, a relative, an interpreter).
    pub accompanied_by: Option<String>,
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
}

/// An appointment's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct AppointmentFields {
    pub matter_id: i64,
    pub kind: AppointmentKind,
    pub starts_at: NaiveDateTime,
    pub place: Option<String>,
    pub accompanied_by: Option<String>,
    pub outcome: Option<AppointmentOutcome>,
    pub outcome_note: Option<String>,
}

/// A stored appointment.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Appointment {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: AppointmentFields,
    pub created_at: String,
    pub updated_at: String,
}

impl AppointmentInput {
    /// Checks the appointment for a matter before `forum` (None: the kind is not checked
    /// against the forum, for an appointment already on its matter whose kind is unchanged:
    /// a case referred to court keeps its interview, to record what happened).
    pub fn validate(&self, forum: Option<Forum>) -> Result<AppointmentFields, ValidationError> {
        let mut c = Checker::default();
        let kind = c.take("kind", self.kind.parse::<AppointmentKind>());
        let starts_at = c.take("starts_at", fields::date_time(&self.starts_at));
        let place = c.take("place", fields::optional_line(self.place.as_deref(), &Text::fixed("place", "lugar")));
        let accompanied_by = c.take(
            "accompanied_by",
            fields::optional_line(self.accompanied_by.as_deref(), &Text::fixed("who goes along", "quién acompaña")),
        );
        let outcome = c.take("outcome", opt(self.outcome.as_deref(), str::parse));
        let outcome_note = c.take(
            "outcome_note",
            fields::optional_text(self.outcome_note.as_deref(), &Text::fixed("what happened", "qué pasó")),
        );
        if let (Some(k), Some(forum)) = (kind, forum) {
            if !k.fits(forum) {
                c.fail(
                    "kind",
                    Text::fixed(
                        "USCIS interviews happen only in cases before USCIS (biometrics not before a federal court): add it to the client's asylum office or USCIS case.",
                        "Las entrevistas de USCIS solo ocurren en casos ante USCIS (los datos biométricos, no ante una corte federal): agréguela al caso de la oficina de asilo o de USCIS.",
                    ),
                );
            }
        }
        if self.matter_id <= 0 {
            c.fail(
                "matter_id",
                Text::fixed(
                    "Choose the case this appointment belongs to.",
                    "Elija el caso al que pertenece esta cita.",
                ),
            );
        }
        c.finish()?;
        Ok(AppointmentFields {
            matter_id: self.matter_id,
            kind: kind.unwrap(),
            starts_at: starts_at.unwrap(),
            place: place.unwrap(),
            accompanied_by: accompanied_by.unwrap(),
            outcome: outcome.unwrap(),
            outcome_note: outcome_note.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str) -> AppointmentInput {
        AppointmentInput { matter_id: 1, kind: kind.into(), starts_at: "2027-02-03 09:30".into(), ..Default::default() }
    }

    #[test]
    fn uscis_interviews_only_on_uscis_cases_and_biometrics_on_defensive_ones_too() {
        assert!(input("asylum_interview").validate(Some(Forum::UscisAsylumOffice)).is_ok());
        let e = input("uscis_interview").validate(Some(Forum::ImmigrationCourt)).unwrap_err();
        assert!(e.message_for("kind").unwrap().contains("USCIS"));
        assert!(input("biometrics").validate(Some(Forum::ImmigrationCourt)).is_ok(), "8 CFR 1003.47(d)");
        assert!(input("biometrics").validate(Some(Forum::CircuitCourt)).is_err());
        assert!(input("ice_check_in").validate(Some(Forum::ImmigrationCourt)).is_ok());
        assert_eq!(
            AppointmentKind::offered(Forum::CircuitCourt),
            vec![AppointmentKind::IceCheckIn, AppointmentKind::IsapCheckIn, AppointmentKind::Other]
        );
    }

    #[test]
    fn bad_times_and_outcomes_are_refused() {
        let mut a = input("ice_check_in");
        a.starts_at = "2027-02-30 09:30".into();
        a.outcome = Some("went fine".into());
        let e = a.validate(Some(Forum::Uscis)).unwrap_err();
        assert!(e.message_for("starts_at").is_some());
        assert!(e.message_for("outcome").is_some());
    }
}
