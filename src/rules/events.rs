//! Which deadlines follow from an event in a case. Entering the event proposes them,
//! each computed and explained; the user confirms which to create.

use chrono::NaiveDate;

use super::compute::{compute, Computed, Options};
use super::table::{find, Counting};
use crate::error::Result;
use crate::text_enum;

text_enum!(
    /// Something that happened in a case and starts deadlines running.
    EventKind {
        IjDecision = "ij_decision": "Immigration judge's decision",
        InAbsentiaOrder = "in_absentia_order": "Removal order entered in absentia",
        BiaDecision = "bia_decision": "BIA decision",
        DhsRemovalOrder = "dhs_removal_order": "DHS removal order (reinstatement or administrative)",
        MasterHearing = "master_hearing": "Master calendar hearing scheduled",
        IndividualHearing = "individual_hearing": "Individual hearing scheduled",
        LastArrival = "last_arrival": "Last arrival in the United States",
        UscisDecision = "uscis_decision": "Unfavourable USCIS decision served",
        RequestForEvidence = "request_for_evidence": "Request for evidence received",
        NoticeOfIntentToDeny = "notice_of_intent_to_deny": "Notice of intent to deny received",
        Move = "move": "Client moved",
        AsylumApplicationReceived = "asylum_application_received": "I-589 received (complete)",
        VoluntaryDepartureGranted = "voluntary_departure_granted": "Voluntary departure granted",
        BiaBriefingSchedule = "bia_briefing_schedule": "BIA briefing schedule received",
        BondDecision = "bond_decision": "Immigration judge's bond decision",
        RecordAvailable = "record_available": "Administrative record available (petition for review)",
        SijsDateOfBirth = "sijs_date_of_birth": "Date of birth of a SIJ petitioner",
        EadExpiry = "ead_expiry": "Work permit (EAD) expiry date",
        FoiaRequestReceived = "foia_request_received": "FOIA request received by the agency",
    }
);

impl EventKind {
    /// The rules this event starts. An order entered in absentia starts the motion to
    /// rescind and never the BIA appeal: no appeal lies from it (8 CFR 1240.15).
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            EventKind::IjDecision => &["bia-appeal", "ij-motion-reconsider", "ij-motion-reopen"],
            EventKind::InAbsentiaOrder => &["motion-rescind-in-absentia"],
            EventKind::BiaDecision => &["petition-for-review", "bia-motion-reconsider", "bia-motion-reopen"],
            EventKind::DhsRemovalOrder => &["petition-for-review"],
            EventKind::MasterHearing => &["eoir-filing-master"],
            EventKind::IndividualHearing => &["eoir-filing-individual"],
            EventKind::LastArrival => &["asylum-one-year"],
            EventKind::UscisDecision => &["uscis-appeal"],
            EventKind::RequestForEvidence => &["rfe-response"],
            EventKind::NoticeOfIntentToDeny => &["noid-response"],
            EventKind::Move => &["eoir-change-of-address", "ar11-change-of-address"],
            EventKind::AsylumApplicationReceived => &["ead-asylum-clock"],
            EventKind::VoluntaryDepartureGranted => &["vd-bond", "vd-departure"],
            EventKind::BiaBriefingSchedule => &["bia-brief"],
            EventKind::BondDecision => &["bia-bond-appeal"],
            EventKind::RecordAvailable => &["pfr-brief"],
            EventKind::SijsDateOfBirth => &["sijs-age-out"],
            EventKind::EadExpiry => &["ead-renewal-window"],
            EventKind::FoiaRequestReceived => &["foia-response"],
        }
    }

    /// Whether the event needs the number of days an order set (voluntary departure).
    pub fn needs_days(self) -> bool {
        self.rules().iter().any(|id| find(id).is_some_and(|r| matches!(r.counting, Counting::DaysSet { .. })))
    }
}

/// Every deadline `event` on `date` starts, computed and explained. Each option reaches
/// only the rules it applies to: service by mail where the rule adds mail days, the days
/// and the stage of proceedings to voluntary departure. A voluntary departure granted
/// before the conclusion of proceedings proposes no bond: the five-business-day bond is
/// for grants at the conclusion (8 CFR 1240.26(c)(3)).
pub fn propose(event: EventKind, date: NaiveDate, options: &Options) -> Result<Vec<Computed>> {
    event
        .rules()
        .iter()
        .filter(|id| !(options.before_conclusion && **id == "vd-bond"))
        .map(|id| compute(id, date, &options_for(id, options)))
        .collect()
}

/// `options` cut down to what rule `id` accepts.
pub fn options_for(id: &str, options: &Options) -> Options {
    let Some(rule) = find(id) else { return options.clone() };
    let takes_days = matches!(rule.counting, Counting::DaysSet { .. });
    Options {
        served_by_mail: options.served_by_mail && rule.mail_days > 0,
        clock_stops: if matches!(rule.counting, Counting::ClockDays { .. }) {
            options.clock_stops.clone()
        } else {
            Vec::new()
        },
        closures: options.closures.clone(),
        days: if takes_days { options.days } else { None },
        before_conclusion: takes_days && options.before_conclusion,
        washington_area: options.washington_area,
    }
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
        let mail = Options { served_by_mail: true, ..Default::default() };
        let p = propose(EventKind::IjDecision, "2026-05-20".parse().unwrap(), &mail).unwrap();
        let ids: Vec<&str> = p.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(ids, ["bia-appeal", "ij-motion-reconsider", "ij-motion-reopen"]);
        assert_eq!(p[0].due.to_string(), "2026-06-22");
    }

    #[test]
    fn an_in_absentia_order_proposes_the_motion_to_rescind_and_never_the_appeal() {
        let p = propose(EventKind::InAbsentiaOrder, "2026-03-02".parse().unwrap(), &Options::default()).unwrap();
        let ids: Vec<&str> = p.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(ids, ["motion-rescind-in-absentia"]);
        assert!(!ids.contains(&"bia-appeal"));
        // 2026-03-02 + 180 = 2026-08-29, a Saturday -> Monday 2026-08-31.
        assert_eq!(p[0].due.to_string(), "2026-08-31");
        let text = &p[0].explanation;
        assert!(text.en.contains("AT ANY TIME") && text.en.contains("stays removal"), "{}", text.en);
        assert!(text.en.contains("No appeal lies to the BIA"), "{}", text.en);
        assert!(text.es.contains("EN CUALQUIER MOMENTO") && text.es.contains("suspende la deportación"));
    }

    #[test]
    fn voluntary_departure_proposes_the_bond_and_the_departure_only_with_the_days() {
        let date = "2026-11-24".parse().unwrap();
        let missing = propose(EventKind::VoluntaryDepartureGranted, date, &Options::default()).unwrap_err();
        assert!(missing.to_string().contains("--days"), "{missing}");
        let sixty = Options { days: Some(60), ..Default::default() };
        let p = propose(EventKind::VoluntaryDepartureGranted, date, &sixty).unwrap();
        let ids: Vec<&str> = p.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(ids, ["vd-bond", "vd-departure"]);
        // Tue 24 Nov 2026: Wed 25 (1), Thanksgiving Thu 26 skipped, Fri 27 (2), weekend,
        // Mon 30 (3), Tue 1 Dec (4), Wed 2 Dec (5).
        assert_eq!(p[0].due.to_string(), "2026-12-02");
        // 2026-11-24 + 60 = 2027-01-23, a Saturday -> Monday 2027-01-25.
        assert_eq!(p[1].due.to_string(), "2027-01-25");
        let before = Options { days: Some(90), before_conclusion: true, ..Default::default() };
        let p = propose(EventKind::VoluntaryDepartureGranted, date, &before).unwrap();
        let ids: Vec<&str> = p.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(ids, ["vd-departure"], "no bond is proposed for a grant before the conclusion");
        // Other events ignore the days instead of failing.
        assert!(propose(EventKind::BondDecision, date, &sixty).is_ok());
        assert!(EventKind::VoluntaryDepartureGranted.needs_days() && !EventKind::BondDecision.needs_days());
    }
}
