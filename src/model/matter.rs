//! Matters: one case of one client before one forum.

use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::client::{opt, past_date};
use super::fields;
use super::validation::{Checker, ValidationError};
use crate::text_enum;

text_enum!(
    /// What kind of case this is.
    MatterKind {
        AffirmativeAsylum = "affirmative_asylum": "Affirmative asylum",
        DefensiveAsylum = "defensive_asylum": "Defensive asylum",
        WithholdingOfRemoval = "withholding_of_removal": "Withholding of removal",
        Cat = "cat": "CAT withholding or deferral",
        CredibleFearReview = "credible_fear_review": "Credible fear review",
        ReasonableFearReview = "reasonable_fear_review": "Reasonable fear review",
        Bond = "bond": "Bond",
        BiaAppeal = "bia_appeal": "BIA appeal",
        PetitionForReview = "petition_for_review": "Petition for review",
        EadC8 = "ead_c8": "Work permit (EAD) (c)(8)",
        Other = "other": "Other",
    }
);

text_enum!(
    /// Where the case is decided.
    Forum {
        UscisAsylumOffice = "uscis_asylum_office": "USCIS asylum office",
        Uscis = "uscis": "USCIS (other office)",
        ImmigrationCourt = "immigration_court": "Immigration court",
        Bia = "bia": "Board of Immigration Appeals",
        CircuitCourt = "circuit_court": "Federal court of appeals",
    }
);

text_enum!(
    /// Where the matter stands.
    MatterStatus {
        Open = "open": "Open",
        OnHold = "on_hold": "On hold",
        Closed = "closed": "Closed",
    }
);

text_enum!(
    /// How a closed matter ended.
    Outcome {
        Granted = "granted": "Granted",
        Denied = "denied": "Denied",
        Withdrawn = "withdrawn": "Withdrawn",
        Dismissed = "dismissed": "Dismissed",
        Terminated = "terminated": "Terminated",
        AdministrativelyClosed = "administratively_closed": "Administratively closed",
        Referred = "referred": "Referred to immigration court",
        Remanded = "remanded": "Remanded",
        Other = "other": "Other",
    }
);

text_enum!(
    /// How far the clinic represents the client in this matter.
    Representation {
        Full = "full": "Full representation (EOIR-28 or G-28)",
        Limited = "limited": "Limited: document assistance (EOIR-61)",
        ProSeHelp = "pro_se_help": "Help for a person without a lawyer (pro se)",
    }
);

/// A matter as typed: raw text.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct MatterInput {
    pub client_id: i64,
    pub kind: String,
    pub forum: String,
    pub court_name: Option<String>,
    pub judge: Option<String>,
    pub status: Option<String>,
    pub stage: Option<String>,
    pub assigned_to: Option<String>,
    pub opened_on: Option<String>,
    pub closed_on: Option<String>,
    pub outcome: Option<String>,
    pub closing_reason: Option<String>,
    pub representation: Option<String>,
}

/// A matter's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct MatterFields {
    pub client_id: i64,
    pub kind: MatterKind,
    pub forum: Forum,
    pub court_name: Option<String>,
    pub judge: Option<String>,
    pub status: MatterStatus,
    pub stage: Option<String>,
    pub assigned_to: Option<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub closing_reason: Option<String>,
    pub representation: Option<Representation>,
}

/// A stored matter.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Matter {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: MatterFields,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

impl MatterFields {
    /// The details back as typed text, to change one of them and validate again.
    pub fn to_input(&self) -> MatterInput {
        MatterInput {
            client_id: self.client_id,
            kind: self.kind.as_str().into(),
            forum: self.forum.as_str().into(),
            court_name: self.court_name.clone(),
            judge: self.judge.clone(),
            status: Some(self.status.as_str().into()),
            stage: self.stage.clone(),
            assigned_to: self.assigned_to.clone(),
            opened_on: Some(self.opened_on.to_string()),
            closed_on: self.closed_on.map(|d| d.to_string()),
            outcome: self.outcome.map(|o| o.as_str().into()),
            closing_reason: self.closing_reason.clone(),
            representation: self.representation.map(|r| r.as_str().into()),
        }
    }
}

impl MatterInput {
    pub fn validate(&self, today: NaiveDate) -> Result<MatterFields, ValidationError> {
        let mut c = Checker::default();
        let kind = c.take("kind", self.kind.parse::<MatterKind>());
        let forum = c.take("forum", self.forum.parse::<Forum>());
        let court_name = c.take(
            "court_name",
            fields::optional_line(self.court_name.as_deref(), &Text::fixed("court name", "nombre de la corte")),
        );
        let judge = c.take(
            "judge",
            fields::optional_line(self.judge.as_deref(), &Text::fixed("judge's name", "nombre del juez o la jueza")),
        );
        let status = c.take("status", opt(self.status.as_deref(), str::parse).map(|s| s.unwrap_or(MatterStatus::Open)));
        let stage = c.take("stage", fields::optional_line(self.stage.as_deref(), &Text::fixed("stage", "etapa")));
        let assigned_to = c.take(
            "assigned_to",
            fields::optional_line(
                self.assigned_to.as_deref(),
                &Text::fixed("volunteer's name", "nombre del voluntario o la voluntaria"),
            ),
        );
        let opened_on = c.take(
            "opened_on",
            past_date(self.opened_on.as_deref(), today, &Text::fixed("opening date", "fecha de apertura"))
                .map(|d| d.unwrap_or(today)),
        );
        let closed_on = c.take(
            "closed_on",
            past_date(self.closed_on.as_deref(), today, &Text::fixed("closing date", "fecha de cierre")),
        );
        let outcome = c.take("outcome", opt(self.outcome.as_deref(), str::parse));
        let closing_reason = c.take(
            "closing_reason",
            fields::optional_text(self.closing_reason.as_deref(), &Text::fixed("closing reason", "motivo del cierre")),
        );
        let representation = c.take("representation", opt(self.representation.as_deref(), str::parse));
        if let (Some(o), Some(Some(cl))) = (opened_on, closed_on) {
            if cl < o {
                c.fail(
                    "closed_on",
                    crate::tr!(
                        "The closing date {cl} is before the opening date {o}.",
                        "La fecha de cierre {cl} es anterior a la fecha de apertura {o}."
                    ),
                );
            }
        }
        if self.client_id <= 0 {
            c.fail(
                "client_id",
                Text::fixed(
                    "Choose the client this matter belongs to.",
                    "Elija el cliente al que pertenece este caso.",
                ),
            );
        }
        if matches!(status, Some(MatterStatus::Closed)) && matches!(closed_on, Some(None)) {
            c.fail(
                "closed_on",
                Text::fixed("A closed matter needs its closing date.", "Un caso cerrado necesita su fecha de cierre."),
            );
        }
        // Only a closed matter has a closing date, outcome and reason: reopening clears them.
        if !matches!(status, Some(MatterStatus::Closed)) {
            for (field, given) in [
                ("closed_on", matches!(closed_on, Some(Some(_)))),
                ("outcome", matches!(outcome, Some(Some(_)))),
                ("closing_reason", matches!(closing_reason, Some(Some(_)))),
            ] {
                if given {
                    c.fail(
                        field,
                        Text::fixed(
                            "Only a closed matter has a closing date, outcome or closing reason.",
                            "Solo un caso cerrado tiene fecha de cierre, resultado o motivo del cierre.",
                        ),
                    );
                }
            }
        }
        c.finish()?;
        Ok(MatterFields {
            client_id: self.client_id,
            kind: kind.unwrap(),
            forum: forum.unwrap(),
            court_name: court_name.unwrap(),
            judge: judge.unwrap(),
            status: status.unwrap(),
            stage: stage.unwrap(),
            assigned_to: assigned_to.unwrap(),
            opened_on: opened_on.unwrap(),
            closed_on: closed_on.unwrap(),
            outcome: outcome.unwrap(),
            closing_reason: closing_reason.unwrap(),
            representation: representation.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_in_the_forms_people_type() {
        assert_eq!("defensive-asylum".parse::<MatterKind>().unwrap(), MatterKind::DefensiveAsylum);
        assert_eq!("Immigration Court".parse::<Forum>().unwrap(), Forum::ImmigrationCourt);
        assert!("asylum".parse::<MatterKind>().unwrap_err().en.contains("defensive_asylum"));
    }

    #[test]
    fn closing_needs_a_date_after_opening() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let input = MatterInput {
            client_id: 1,
            kind: "bond".into(),
            forum: "immigration_court".into(),
            opened_on: Some("2026-05-01".into()),
            closed_on: Some("2026-04-01".into()),
            ..Default::default()
        };
        assert!(input.validate(today).unwrap_err().message_for("closed_on").is_some());
        let closed_without_date = MatterInput { status: Some("closed".into()), closed_on: None, ..input };
        assert!(closed_without_date.validate(today).is_err());
    }
}
