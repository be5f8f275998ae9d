//! The rule table: every deadline Amparo computes, as data. Ids are stable: stored
//! deadlines, the CLI and the UI name rules by them. Each row records its primary source,
//! the edition it was read in, and any doubt, which the explanation repeats to the user.

use serde::Serialize;

/// Version of this table; bump when a period, convention or citation changes.
pub const TABLE_VERSION: &str = "2026-11-24";

/// How the period is counted from the trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Counting {
    /// Calendar days after the trigger (the trigger day is day 0).
    DaysAfter { days: u32 },
    /// The same calendar date `years` later (the anniversary).
    YearsAfter { years: u32 },
    /// Calendar days before an event (the event day is day 0, the day before is day 1).
    DaysBefore { days: u32 },
    /// Days on a clock that stops for applicant-caused delay; gives the earliest date.
    ClockDays { days: u32 },
}

/// What happens when the computed day is a weekend, holiday or closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Roll {
    /// Move to the next business day.
    NextBusinessDay,
    /// No move: the date is an earliest date, not a deadline.
    None,
}

/// One rule.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    /// What the trigger (`--from`) date is.
    pub trigger: &'static str,
    /// The trigger in a word or two, to start the explanation ("Decision", "Hearing").
    pub event: &'static str,
    pub counting: Counting,
    /// Days added when the triggering notice was served by mail (0: not allowed).
    pub mail_days: u32,
    pub roll: Roll,
    pub citation: &'static str,
    /// The document and edition the row was confirmed against.
    pub source: &'static str,
    /// What is uncertain, in words for the user; repeated in every explanation.
    pub doubt: Option<&'static str>,
    /// A second figure the engine also reports (the 180-day EAD grant date).
    pub also_days: Option<u32>,
}

/// Every rule, in the order the UI lists them.
pub const RULES: &[Rule] = &[
    Rule {
        id: "asylum-one-year",
        name: "Asylum application (I-589): one-year filing deadline",
        trigger: "date of last arrival in the United States",
        event: "Last arrival",
        counting: Counting::YearsAfter { years: 1 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 208(a)(2)(B), 8 U.S.C. 1158(a)(2)(B); 8 CFR 208.4(a)(2)(ii), 1208.4(a)(2)(ii); 8 CFR 1.2 (\"day\")",
        source: "eCFR 8 CFR 208.4 (current); Matter of F-P-R-, 24 I&N Dec. 681 (BIA 2008) (\"last arrival\" is the most recent arrival from a trip abroad); EOIR Policy Manual Appendix C",
        doubt: Some("An arrival on 29 February falls due on 28 February in a common year: the earlier of the two possible readings, so a filing by then is timely under either. Exceptions (changed or extraordinary circumstances, 8 CFR 208.4(a)(4)-(5)) are not computed."),
        also_days: None,
    },
    Rule {
        id: "bia-appeal",
        name: "Appeal of an immigration judge's decision to the BIA (EOIR-26)",
        trigger: "date of the IJ's oral decision, or of mailing or electronic service of a written one",
        event: "Decision",
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 1003.38(b)-(c); 8 CFR 1240.15",
        source: "eCFR 8 CFR 1003.38 (current); EOIR Policy Manual Part III (BIA Practice Manual) ch. 4.5; Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)",
        doubt: Some("The BIA must RECEIVE the appeal by this date: there is no mailbox rule and no days are added for mailing. For an oral decision the period runs from the day it was stated, even if a written memorandum is mailed later."),
        also_days: None,
    },
    Rule {
        id: "ij-motion-reconsider",
        name: "Motion to reconsider before the immigration judge",
        trigger: "date of entry of the IJ's final administrative order",
        event: "Final order",
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(6)(B), 8 U.S.C. 1229a(c)(6)(B); 8 CFR 1003.23(b)(1); EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 5.8, Appendix C",
        doubt: Some("Must be received by the immigration court. One motion to reconsider is allowed."),
        also_days: None,
    },
    Rule {
        id: "ij-motion-reopen",
        name: "Motion to reopen before the immigration judge",
        trigger: "date of entry of the IJ's final administrative order",
        event: "Final order",
        counting: Counting::DaysAfter { days: 90 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(7)(C)(i), 8 U.S.C. 1229a(c)(7)(C)(i); 8 CFR 1003.23(b)(1); EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 3.1(b)(4), 5.7, Appendix C",
        doubt: Some("Exceptions (changed country conditions for asylum, in absentia orders, joint motions) have other limits and are not computed."),
        also_days: None,
    },
    Rule {
        id: "bia-motion-reconsider",
        name: "Motion to reconsider before the BIA",
        trigger: "date of the BIA's decision",
        event: "BIA decision",
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(6)(B); 8 CFR 1003.2(b)(2); EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.7",
        doubt: Some("Must be received by the BIA."),
        also_days: None,
    },
    Rule {
        id: "bia-motion-reopen",
        name: "Motion to reopen before the BIA",
        trigger: "date of the BIA's final administrative decision",
        event: "BIA decision",
        counting: Counting::DaysAfter { days: 90 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(7)(C)(i); 8 CFR 1003.2(c)(2); EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.6",
        doubt: Some("Must be received by the BIA. Exceptions in 8 CFR 1003.2(c)(3) are not computed."),
        also_days: None,
    },
    Rule {
        id: "petition-for-review",
        name: "Petition for review in the federal court of appeals",
        trigger: "date of the final order of removal (usually the BIA's decision)",
        event: "Final order",
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 242(b)(1), 8 U.S.C. 1252(b)(1); FRAP 26(a)(1)",
        source: "8 U.S.C. 1252(b)(1) (current U.S. Code); Federal Rules of Appellate Procedure 26(a) (Dec. 2023)",
        doubt: Some("Jurisdictional: it cannot be extended. It is filed with the court of appeals, whose own closures (FRAP 26(a)(3)) should be added as closure days."),
        also_days: None,
    },
    Rule {
        id: "uscis-appeal",
        name: "Appeal or motion to USCIS (I-290B)",
        trigger: "date of service of the unfavourable USCIS decision",
        event: "Decision served",
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 3,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 103.3(a)(2)(i); 8 CFR 103.5(a)(1)(i); 8 CFR 103.8(b) (3 days added when served by mail); 8 CFR 1.2 (\"day\": a last day on a weekend or holiday runs to the next business day)",
        source: "eCFR 8 CFR 103.3, 103.5, 103.8 (current); Form I-290B instructions",
        doubt: Some("Some decisions allow 15 days (e.g. certain denials) and the decision notice states its own period; when it differs, enter the notice's date by hand."),
        also_days: None,
    },
    Rule {
        id: "rfe-response",
        name: "Response to a USCIS request for evidence",
        trigger: "date of the request for evidence",
        event: "Request for evidence",
        counting: Counting::DaysAfter { days: 84 },
        mail_days: 3,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 103.2(b)(8)(iv) (at most 12 weeks); 8 CFR 103.8(b); 8 CFR 1.2 (\"day\")",
        source: "eCFR 8 CFR 103.2, 103.8 (current); USCIS Policy Manual Vol. 1, Part E, Ch. 6",
        doubt: Some("This is the longest period the regulation allows. The notice's own response date governs and is often shorter: use it when it differs."),
        also_days: None,
    },
    Rule {
        id: "eoir-filing-master",
        name: "Filings before a master calendar hearing (non-detained)",
        trigger: "date of the master calendar hearing",
        event: "Hearing",
        counting: Counting::DaysBefore { days: 15 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1)(A), 3.1(c)(1); Appendix C",
        source: "EOIR Policy Manual, Part II (Immigration Court Practice Manual), current web edition; Appendix C",
        doubt: Some("Applies when a ruling is requested at or before the hearing. The manual construes a deadline that lands on a weekend or holiday to fall on the next business day, even when counting back, which shortens the time before the hearing: filing by the business day before is the safer course. Detained cases: the court sets the deadline."),
        also_days: None,
    },
    Rule {
        id: "eoir-filing-individual",
        name: "Filings before an individual (merits) hearing (non-detained)",
        trigger: "date of the individual calendar hearing",
        event: "Hearing",
        counting: Counting::DaysBefore { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1)(B), 3.1(c)(1); Appendix C",
        source: "EOIR Policy Manual, Part II, current web edition; Appendix C lists 30 days",
        doubt: Some("Sources disagree: the 2008-2020 Immigration Court Practice Manual said 15 days; the Policy Manual of January 2021 says 30 days, and Appendix C still lists 30. Amparo uses 30, the earlier date. The judge's own scheduling order governs when it sets another date. Weekend and holiday days roll forward as for master calendar filings."),
        also_days: None,
    },
    Rule {
        id: "eoir-response",
        name: "Response to a filing in immigration court (non-detained)",
        trigger: "date the court received the filing being answered",
        event: "Filing received",
        counting: Counting::DaysAfter { days: 10 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1), 5.12; Appendix C",
        source: "EOIR Policy Manual, Part II, current web edition; Appendix C",
        doubt: Some("The response must be received by the court. Detained cases: the court sets the deadline."),
        also_days: None,
    },
    Rule {
        id: "eoir-change-of-address",
        name: "Change of address to the immigration court (EOIR-33/IC)",
        trigger: "date of the move",
        event: "Move",
        counting: Counting::DaysAfter { days: 5 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 1003.15(d)(2); EOIR Policy Manual Part II 2.2(c)-(d); Appendix C",
        source: "eCFR 8 CFR 1003.15 (current); EOIR Policy Manual Appendix C (\"5 days after\")",
        doubt: Some("For the BIA, 8 CFR 1003.38(d) says five WORKING days; for the immigration court, five days. Amparo counts calendar days, the earlier date."),
        also_days: None,
    },
    Rule {
        id: "ar11-change-of-address",
        name: "Change of address to USCIS (AR-11)",
        trigger: "date of the move",
        event: "Move",
        counting: Counting::DaysAfter { days: 10 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 265(a), 8 U.S.C. 1305(a); 8 CFR 265.1; 8 CFR 1.2 (\"day\")",
        source: "8 U.S.C. 1305(a) (current); eCFR 8 CFR 265.1 (current)",
        doubt: Some("The statute says \"within ten days\"; Amparo applies the weekend and holiday roll of 8 CFR 1.2. Filing online the same week is the safer course."),
        also_days: None,
    },
    Rule {
        id: "ead-asylum-clock",
        name: "Work permit (EAD) for a pending asylum application: earliest filing date",
        trigger: "date USCIS or the court received the complete I-589",
        event: "I-589 received",
        counting: Counting::ClockDays { days: 150 },
        mail_days: 0,
        roll: Roll::None,
        citation: "8 CFR 208.7(a)(1); 8 CFR 208.3(c)(3); 8 CFR 1208.7",
        source: "eCFR 8 CFR 208.7 as restored after AsylumWorks v. Mayorkas, 590 F. Supp. 3d 11 (D.D.C. 2022), which vacated the 2020 rule (85 FR 38532) that had set 365 days",
        doubt: Some("These are earliest dates, not deadlines: the I-765 (c)(8) may be filed after 150 clock days and granted no sooner than 180. Delay the applicant causes stops the clock; enter those stops. Check the current regulation: the clock rules have changed by rule and by court order before."),
        also_days: Some(180),
    },
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What a rule's period means in words, for explanations.
pub fn describe_period(rule: &Rule) -> String {
    match rule.counting {
        Counting::DaysAfter { days } => format!("{days} calendar days"),
        Counting::YearsAfter { years: 1 } => "1 year".into(),
        Counting::YearsAfter { years } => format!("{years} years"),
        Counting::DaysBefore { days } => format!("{days} days before"),
        Counting::ClockDays { days } => format!("{days} clock days"),
    }
}
