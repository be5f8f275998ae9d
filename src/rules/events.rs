//! Which deadlines follow from an event in a case. Entering the event proposes them,
//! each computed and explained; the user confirms which to create.

use chrono::NaiveDate;

use super::compute::{compute, ensure_period, Computed, Options};
use super::table::{find, Counting};
use crate::error::Result;
use crate::text::Text;
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
    /// rescind and never the BIA appeal: no appeal lies from it (8 CFR 1240.15). It is final
    /// when entered (8 CFR 1241.1(e)), so the petition for review is offered too, unticked
    /// (`suggested_only`).
    pub fn rules(self) -> &'static [&'static str] {
        match self {
            EventKind::IjDecision => &["bia-appeal", "ij-motion-reconsider", "ij-motion-reopen"],
            EventKind::InAbsentiaOrder => &["motion-rescind-in-absentia", "petition-for-review"],
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

    /// Whether rule `id` is only suggested for this event: proposed, but not ticked in
    /// advance, because it applies in fewer cases than the others.
    pub fn suggested_only(self, id: &str) -> bool {
        matches!((self, id), (EventKind::InAbsentiaOrder, "petition-for-review"))
    }

    /// What the event adds to the explanation of rule `id`, beyond the rule's own text.
    fn note(self, id: &str) -> Option<Text> {
        match (self, id) {
            (EventKind::InAbsentiaOrder, "petition-for-review") => Some(Text::fixed(
                "An order entered in absentia is final when it is entered (8 CFR 1241.1(e)), so the 30 days for a petition for review run from it. Review of such an order is confined to the validity of the notice, the reasons the client did not attend and whether the client is removable (INA 240(b)(5)(D); the statute's text was not re-read here). Filing the motion to rescind does not stop the 30-day clock: the Supreme Court held that a motion to reconsider does not (Stone v. INS, 514 U.S. 386 (1995)); Amparo found no authority treating a motion to rescind differently, but did not verify that point. Not ticked: add it if a petition is being considered.",
                "Una orden dictada en ausencia es definitiva desde que se dicta (8 CFR 1241.1(e)), así que los 30 días para una petición de revisión corren desde ella. La revisión de esa orden se limita a la validez de la notificación, las razones por las que el cliente no asistió y si el cliente es deportable (INA 240(b)(5)(D); no se volvió a leer el texto de la ley aquí). Presentar la moción de rescisión no detiene el plazo de 30 días: la Corte Suprema resolvió que una moción de reconsideración no lo detiene (Stone v. INS, 514 U.S. 386 (1995)); Amparo no encontró ninguna autoridad que trate distinto a la moción de rescisión, pero no verificó ese punto. No está marcada: agréguela si se piensa presentar una petición de revisión.",
            )),
            _ => None,
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
        .map(|id| {
            let mut c = compute(id, date, &options_for(id, options))?;
            c.suggested = event.suggested_only(id);
            if let Some(note) = event.note(id) {
                c.explanation = Text::new(
                    format!("{} {}", c.explanation.en, ensure_period(&note.en)),
                    format!("{} {}", c.explanation.es, ensure_period(&note.es)),
                );
                c.steps.push(note);
            }
            Ok(c)
        })
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
        assert_eq!(ids, ["motion-rescind-in-absentia", "petition-for-review"]);
        assert!(!ids.contains(&"bia-appeal"));
        // The motion is ticked in advance; the petition for review is only suggested.
        assert_eq!((p[0].suggested, p[1].suggested), (false, true));
        // 2026-03-02 + 180 = 2026-08-29, a Saturday -> Monday 2026-08-31.
        assert_eq!(p[0].due.to_string(), "2026-08-31");
        let text = &p[0].explanation;
        assert!(text.en.contains("AT ANY TIME") && text.en.contains("stays removal"), "{}", text.en);
        assert!(text.en.contains("No appeal lies to the BIA"), "{}", text.en);
        assert!(text.es.contains("EN CUALQUIER MOMENTO") && text.es.contains("suspende la deportación"));
    }

    #[test]
    fn the_petition_for_review_after_an_in_absentia_order_is_suggested_with_its_limits() {
        let p = propose(EventKind::InAbsentiaOrder, "2026-03-02".parse().unwrap(), &Options::default()).unwrap();
        let pfr = p.iter().find(|c| c.rule == "petition-for-review").expect("proposed");
        // Final when entered: Monday 2026-03-02 + 30 = Wednesday 2026-04-01.
        assert_eq!(pfr.due.to_string(), "2026-04-01");
        assert!(pfr.suggested);
        let (en, es) = (&pfr.explanation.en, &pfr.explanation.es);
        assert!(
            en.contains("1241.1(e)") && en.contains("240(b)(5)(D)") && en.contains("does not stop the 30-day clock")
        );
        assert!(es.contains("1241.1(e)") && es.contains("no detiene el plazo de 30 días"));
        assert_eq!(pfr.steps.last().map(|s| s.en.contains("Stone v. INS")), Some(true));
        // The same rule after a BIA decision is ticked as before and carries no such note.
        let bia = propose(EventKind::BiaDecision, "2026-03-02".parse().unwrap(), &Options::default()).unwrap();
        assert!(!bia[0].suggested && !bia[0].explanation.en.contains("1241.1(e)"));
        assert!(EventKind::ALL
            .iter()
            .all(|e| e.rules().iter().all(|id| !e.suggested_only(id) || e.note(id).is_some())));
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
