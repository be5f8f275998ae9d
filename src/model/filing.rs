//! Filings: forms, motions, briefs and evidence sent to a court or USCIS.

use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::client::{opt, past_date};
use super::fields;
use super::ids::ReceiptNumber;
use super::validation::{Checker, ValidationError};
use crate::text_enum;

text_enum!(
    /// What was filed.
    FilingForm {
        I589 = "i589": "I-589 Application for Asylum and Withholding",
        I765 = "i765": "I-765 Application for Employment Authorization",
        I290b = "i290b": "I-290B Notice of Appeal or Motion",
        I130 = "i130": "I-130 Petition for Alien Relative",
        G28 = "g28": "G-28 Notice of Entry of Appearance (USCIS)",
        Eoir26 = "eoir26": "EOIR-26 Notice of Appeal (BIA)",
        Eoir27 = "eoir27": "EOIR-27 Notice of Entry of Appearance (BIA)",
        Eoir28 = "eoir28": "EOIR-28 Notice of Entry of Appearance (Immigration Court)",
        Eoir33 = "eoir33": "EOIR-33 Change of Address",
        Eoir42a = "eoir42a": "EOIR-42A Cancellation of Removal (LPR)",
        Eoir42b = "eoir42b": "EOIR-42B Cancellation of Removal (non-LPR)",
        Motion = "motion": "Motion",
        Brief = "brief": "Brief",
        Evidence = "evidence": "Evidence packet",
        Other = "other": "Other",
    }
);

text_enum!(
    /// How it was sent.
    FilingMethod {
        Mail = "mail": "Mail or courier",
        InPerson = "in_person": "In person",
        Ecas = "ecas": "EOIR e-filing (ECAS)",
        UscisOnline = "uscis_online": "USCIS online account",
        Other = "other": "Other",
    }
);

text_enum!(
    /// Where the filing stands.
    FilingStatus {
        Draft = "draft": "Draft",
        Filed = "filed": "Filed",
        Received = "received": "Received",
        Rejected = "rejected": "Rejected",
        Rfe = "rfe": "Request for evidence",
        Approved = "approved": "Approved",
        Denied = "denied": "Denied",
        Withdrawn = "withdrawn": "Withdrawn",
    }
);

text_enum!(
    /// Where a filing stands in the clinic's review before it is filed.
    ReviewStatus {
        None = "none": "Not sent for review",
        Requested = "requested": "Review requested",
        ChangesRequested = "changes_requested": "Changes requested",
        Approved = "approved": "Approved",
    }
);

/// A filing as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct FilingInput {
    pub matter_id: i64,
    pub form: String,
    pub description: Option<String>,
    pub filed_on: Option<String>,
    pub method: Option<String>,
    pub tracking_number: Option<String>,
    pub received_on: Option<String>,
    pub receipt_number: Option<String>,
    pub status: Option<String>,
    pub deadline_id: Option<i64>,
    /// Who helped prepare it (8 CFR 208.3(c)(2) makes an I-589's preparer sign it).
    pub preparer: Option<String>,
}

/// A filing's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct FilingFields {
    pub matter_id: i64,
    pub form: FilingForm,
    pub description: Option<String>,
    pub filed_on: Option<NaiveDate>,
    pub method: Option<FilingMethod>,
    pub tracking_number: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub receipt_number: Option<ReceiptNumber>,
    pub status: FilingStatus,
    pub deadline_id: Option<i64>,
    pub preparer: Option<String>,
}

/// A filing's review: set only through the review steps, never by editing the filing.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Review {
    pub review_status: ReviewStatus,
    /// Clinic member ids.
    pub review_requested_by: Option<String>,
    pub review_requested_at: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub review_comment: Option<String>,
}

/// A stored filing.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct Filing {
    pub id: i64,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: FilingFields,
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub review: Review,
    /// The day the USCIS case status of its receipt number was last checked: receipts
    /// move (transfers, RFEs, decisions) without the client always hearing of it.
    pub status_checked_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

impl FilingStatus {
    /// Whether the filing has left the office (what review must come before).
    pub fn is_sent(self) -> bool {
        !matches!(self, FilingStatus::Draft | FilingStatus::Withdrawn)
    }
}

impl FilingInput {
    pub fn validate(&self, today: NaiveDate) -> Result<FilingFields, ValidationError> {
        let mut c = Checker::default();
        let form = c.take("form", self.form.parse::<FilingForm>());
        let description = c.take(
            "description",
            fields::optional_line(self.description.as_deref(), &Text::fixed("description", "descripción")),
        );
        let filed_on = c.take(
            "filed_on",
            past_date(self.filed_on.as_deref(), today, &Text::fixed("filing date", "fecha de presentación")),
        );
        let method = c.take("method", opt(self.method.as_deref(), str::parse));
        let tracking_number = c.take(
            "tracking_number",
            fields::optional_line(
                self.tracking_number.as_deref(),
                &Text::fixed("tracking number", "número de seguimiento"),
            ),
        );
        let received_on = c.take(
            "received_on",
            past_date(self.received_on.as_deref(), today, &Text::fixed("date received", "fecha de recepción")),
        );
        let receipt_number = c.take("receipt_number", opt(self.receipt_number.as_deref(), ReceiptNumber::parse));
        let preparer =
            c.take("preparer", fields::optional_line(self.preparer.as_deref(), &Text::fixed("preparer", "preparador")));
        let status =
            c.take("status", opt(self.status.as_deref(), str::parse).map(|s| s.unwrap_or(FilingStatus::Draft)));
        if let (Some(Some(f)), Some(Some(r))) = (filed_on, received_on) {
            if r < f {
                c.fail(
                    "received_on",
                    crate::tr!(
                        "The date received {r} is before the filing date {f}.",
                        "La fecha de recepción {r} es anterior a la fecha de presentación {f}."
                    ),
                );
            }
        }
        if matches!(form, Some(FilingForm::Motion | FilingForm::Brief | FilingForm::Other))
            && matches!(description, Some(None))
        {
            c.fail(
                "description",
                Text::fixed(
                    "Say what this motion, brief or document is.",
                    "Diga qué es esta moción, escrito o documento.",
                ),
            );
        }
        if !matches!(status, Some(FilingStatus::Draft)) && matches!(filed_on, Some(None)) {
            c.fail(
                "filed_on",
                Text::fixed(
                    "A filing that was sent needs the date it was filed.",
                    "Una presentación enviada necesita la fecha en que se presentó.",
                ),
            );
        }
        if self.matter_id <= 0 {
            c.fail(
                "matter_id",
                Text::fixed(
                    "Choose the matter this filing belongs to.",
                    "Elija el caso al que pertenece esta presentación.",
                ),
            );
        }
        c.finish()?;
        Ok(FilingFields {
            matter_id: self.matter_id,
            form: form.unwrap(),
            description: description.unwrap(),
            filed_on: filed_on.unwrap(),
            method: method.unwrap(),
            tracking_number: tracking_number.unwrap(),
            received_on: received_on.unwrap(),
            receipt_number: receipt_number.unwrap(),
            status: status.unwrap(),
            deadline_id: self.deadline_id,
            preparer: preparer.unwrap(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_receipt_number_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let input = FilingInput {
            matter_id: 1,
            form: "i589".into(),
            receipt_number: Some("ZLA123".into()),
            status: Some("filed".into()),
            filed_on: Some("2026-10-01".into()),
            ..Default::default()
        };
        assert!(input.validate(today).unwrap_err().message_for("receipt_number").unwrap().contains("3 letters"));
        let good = FilingInput { receipt_number: Some("ZLA2612345678".into()), ..input };
        assert_eq!(good.validate(today).unwrap().receipt_number.unwrap().as_str(), "ZLA2612345678");
    }
}
