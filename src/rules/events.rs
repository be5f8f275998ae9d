//! Which deadlines follow from an event in a case. Entering the event proposes them,
//! each computed and explained; the user confirms which to create.

use chrono::NaiveDate;

use super::compute::{compute, Computed, Options};
use super::table::find;
use crate::error::Result;
use crate::text_enum;

text_enum!(
    /// Something that happened in a case and starts deadlines running.
    EventKind {
        IjDecision = "ij_decision": "Immigration judge's decision",
        BiaDecision = "bia_decision": "BIA decision",
        MasterHearing = "master_hearing": "Master calendar hearing scheduled",
        IndividualHearing = "individual_hearing": "Individual hearing scheduled",
        LastArrival = "last_arrival": "Last arrival in the United States",
        UscisDecision = "uscis_decision": "Unfavourable USCIS decision served",
        RequestForEvidence = "request_for_evidence": "Request for evidence received",
        Move = "move": "Client moved",
        AsylumApplicationReceived = "asylum_application_received": "I-589 received (complete)",
    }
);

impl EventKind {
    /// The rules this event starts.
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            EventKind::IjDecision => &["bia-appeal", "ij-motion-reconsider", "ij-motion-reopen"],
            EventKind::BiaDecision => &["petition-for-review", "bia-motion-reconsider", "bia-motion-reopen"],
            EventKind::MasterHearing => &["eoir-filing-master"],
            EventKind::IndividualHearing => &["eoir-filing-individual"],
            EventKind::LastArrival => &["asylum-one-year"],
            EventKind::UscisDecision => &["uscis-appeal"],
            EventKind::RequestForEvidence => &["rfe-response"],
            EventKind::Move => &["eoir-change-of-address", "ar11-change-of-address"],
            EventKind::AsylumApplicationReceived => &["ead-asylum-clock"],
        }
    }
}

/// Every deadline `event` on `date` starts, computed and explained. Service by mail
/// applies only to the rules that allow it.
pub fn propose(event: EventKind, date: NaiveDate, served_by_mail: bool) -> Result<Vec<Computed>> {
    event
        .rules()
        .iter()
        .map(|id| {
            let allows_mail = find(id).map(|r| r.mail_days > 0).unwrap_or(false);
            compute(id, date, &Options { served_by_mail: served_by_mail && allows_mail, ..Default::default() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_names_known_rules_and_an_ij_decision_proposes_the_appeal() {
        for e in EventKind::ALL {
            for id in e.rules() {
                assert!(find(id).is_some(), "{e}: {id}");
            }
        }
        let p = propose(EventKind::IjDecision, "2026-05-20".parse().unwrap(), true).unwrap();
        let ids: Vec<&str> = p.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(ids, ["bia-appeal", "ij-motion-reconsider", "ij-motion-reopen"]);
        assert_eq!(p[0].due.to_string(), "2026-06-22");
    }
}
