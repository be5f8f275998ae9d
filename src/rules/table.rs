//! The rule table: every deadline Amparo computes, as data. Ids are stable: stored
//! deadlines, the CLI and the UI name rules by them. Each row records its primary source,
//! the edition it was read in, and any doubt, which the explanation repeats to the user.

use serde::Serialize;

use crate::text::Text;

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
    pub name: Text,
    /// What the trigger (`--from`) date is.
    pub trigger: Text,
    /// The trigger in a word or two, to start the explanation ("Decision", "Hearing").
    pub event: Text,
    pub counting: Counting,
    /// Days added when the triggering notice was served by mail (0: not allowed).
    pub mail_days: u32,
    pub roll: Roll,
    pub citation: &'static str,
    /// The document and edition the row was confirmed against.
    pub source: &'static str,
    /// What is uncertain, in words for the user; repeated in every explanation.
    pub doubt: Option<Text>,
    /// A second figure the engine also reports (the 180-day EAD grant date).
    pub also_days: Option<u32>,
}

/// Every rule, in the order the UI lists them.
pub const RULES: &[Rule] = &[
    Rule {
        id: "asylum-one-year",
        name: Text::fixed("Asylum application (I-589): one-year filing deadline", "Solicitud de asilo (I-589): plazo de un año para presentarla"),
        trigger: Text::fixed("date of last arrival in the United States", "fecha de la última llegada a los Estados Unidos"),
        event: Text::fixed("Last arrival", "Última llegada"),
        counting: Counting::YearsAfter { years: 1 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 208(a)(2)(B), 8 U.S.C. 1158(a)(2)(B); 8 CFR 208.4(a)(2)(ii), 1208.4(a)(2)(ii); 8 CFR 1.2 (\"day\")",
        source: "eCFR 8 CFR 208.4 (current); Matter of F-P-R-, 24 I&N Dec. 681 (BIA 2008) (\"last arrival\" is the most recent arrival from a trip abroad); EOIR Policy Manual Appendix C",
        doubt: Some(Text::fixed("An arrival on 29 February falls due on 28 February in a common year: the earlier of the two possible readings, so a filing by then is timely under either. Exceptions (changed or extraordinary circumstances, 8 CFR 208.4(a)(4)-(5)) are not computed.", "Una llegada el 29 de febrero vence el 28 de febrero en un año no bisiesto: la más temprana de las dos lecturas posibles, así que presentar para entonces es oportuno con cualquiera de ellas. Las excepciones (circunstancias cambiadas o extraordinarias, 8 CFR 208.4(a)(4)-(5)) no se calculan.")),
        also_days: None,
    },
    Rule {
        id: "bia-appeal",
        name: Text::fixed("Appeal of an immigration judge's decision to the BIA (EOIR-26)", "Apelación ante la BIA de la decisión del juez de inmigración (EOIR-26)"),
        trigger: Text::fixed("date of the IJ's oral decision, or of mailing or electronic service of a written one", "fecha de la decisión oral del juez, o del envío por correo o notificación electrónica de la decisión escrita"),
        event: Text::fixed("Decision", "Decisión"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 1003.38(b)-(c); 8 CFR 1240.15",
        source: "eCFR 8 CFR 1003.38 (current); EOIR Policy Manual Part III (BIA Practice Manual) ch. 4.5; Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)",
        doubt: Some(Text::fixed("The BIA must RECEIVE the appeal by this date: there is no mailbox rule and no days are added for mailing. For an oral decision the period runs from the day it was stated, even if a written memorandum is mailed later.", "La BIA debe RECIBIR la apelación a más tardar en esta fecha: no vale la fecha de envío y no se añaden días por correo. Si la decisión fue oral, el plazo corre desde el día en que se dictó, aunque después se envíe un memorando escrito.")),
        also_days: None,
    },
    Rule {
        id: "ij-motion-reconsider",
        name: Text::fixed("Motion to reconsider before the immigration judge", "Moción de reconsideración ante el juez de inmigración"),
        trigger: Text::fixed("date of entry of the IJ's final administrative order", "fecha en que se dictó la orden administrativa final del juez"),
        event: Text::fixed("Final order", "Orden final"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(6)(B), 8 U.S.C. 1229a(c)(6)(B); 8 CFR 1003.23(b)(1); EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 5.8, Appendix C",
        doubt: Some(Text::fixed("Must be received by the immigration court. One motion to reconsider is allowed.", "La corte de inmigración debe recibirla a más tardar en esta fecha. Se permite una sola moción de reconsideración.")),
        also_days: None,
    },
    Rule {
        id: "ij-motion-reopen",
        name: Text::fixed("Motion to reopen before the immigration judge", "Moción de reapertura ante el juez de inmigración"),
        trigger: Text::fixed("date of entry of the IJ's final administrative order", "fecha en que se dictó la orden administrativa final del juez"),
        event: Text::fixed("Final order", "Orden final"),
        counting: Counting::DaysAfter { days: 90 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(7)(C)(i), 8 U.S.C. 1229a(c)(7)(C)(i); 8 CFR 1003.23(b)(1); EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 3.1(b)(4), 5.7, Appendix C",
        doubt: Some(Text::fixed("Exceptions (changed country conditions for asylum, in absentia orders, joint motions) have other limits and are not computed.", "Las excepciones (cambio de condiciones en el país para el asilo, órdenes en ausencia, mociones conjuntas) tienen otros límites y no se calculan.")),
        also_days: None,
    },
    Rule {
        id: "bia-motion-reconsider",
        name: Text::fixed("Motion to reconsider before the BIA", "Moción de reconsideración ante la BIA"),
        trigger: Text::fixed("date of the BIA's decision", "fecha de la decisión de la BIA"),
        event: Text::fixed("BIA decision", "Decisión de la BIA"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(6)(B); 8 CFR 1003.2(b)(2); EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.7",
        doubt: Some(Text::fixed("Must be received by the BIA.", "La BIA debe recibirla a más tardar en esta fecha.")),
        also_days: None,
    },
    Rule {
        id: "bia-motion-reopen",
        name: Text::fixed("Motion to reopen before the BIA", "Moción de reapertura ante la BIA"),
        trigger: Text::fixed("date of the BIA's final administrative decision", "fecha de la decisión administrativa final de la BIA"),
        event: Text::fixed("BIA decision", "Decisión de la BIA"),
        counting: Counting::DaysAfter { days: 90 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 240(c)(7)(C)(i); 8 CFR 1003.2(c)(2); EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.6",
        doubt: Some(Text::fixed("Must be received by the BIA. Exceptions in 8 CFR 1003.2(c)(3) are not computed.", "La BIA debe recibirla a más tardar en esta fecha. Las excepciones de 8 CFR 1003.2(c)(3) no se calculan.")),
        also_days: None,
    },
    Rule {
        id: "petition-for-review",
        name: Text::fixed("Petition for review in the federal court of appeals", "Petición de revisión ante el tribunal federal de apelaciones"),
        trigger: Text::fixed("date of the final order of removal (usually the BIA's decision)", "fecha de la orden final de deportación (normalmente la decisión de la BIA)"),
        event: Text::fixed("Final order", "Orden final"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 242(b)(1), 8 U.S.C. 1252(b)(1); FRAP 26(a)(1)",
        source: "8 U.S.C. 1252(b)(1) (current U.S. Code); Federal Rules of Appellate Procedure 26(a) (Dec. 2023)",
        doubt: Some(Text::fixed("Jurisdictional: it cannot be extended. It is filed with the court of appeals, whose own closures (FRAP 26(a)(3)) should be added as closure days.", "Es jurisdiccional: no se puede prorrogar. Se presenta ante el tribunal de apelaciones; sus propios cierres (FRAP 26(a)(3)) deben añadirse como días de cierre.")),
        also_days: None,
    },
    Rule {
        id: "uscis-appeal",
        name: Text::fixed("Appeal or motion to USCIS (I-290B)", "Apelación o moción ante USCIS (I-290B)"),
        trigger: Text::fixed("date of service of the unfavourable USCIS decision", "fecha de notificación de la decisión desfavorable de USCIS"),
        event: Text::fixed("Decision served", "Notificación de la decisión"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 3,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 103.3(a)(2)(i); 8 CFR 103.5(a)(1)(i); 8 CFR 103.8(b) (3 days added when served by mail); 8 CFR 1.2 (\"day\": a last day on a weekend or holiday runs to the next business day)",
        source: "eCFR 8 CFR 103.3, 103.5, 103.8 (current); Form I-290B instructions",
        doubt: Some(Text::fixed("Some decisions allow 15 days (e.g. certain denials) and the decision notice states its own period; when it differs, enter the notice's date by hand.", "Algunas decisiones dan 15 días (por ejemplo, ciertas denegaciones) y la notificación indica su propio plazo; si es distinto, escriba a mano la fecha de la notificación.")),
        also_days: None,
    },
    Rule {
        id: "rfe-response",
        name: Text::fixed("Response to a USCIS request for evidence", "Respuesta a una solicitud de evidencia (RFE) de USCIS"),
        trigger: Text::fixed("date of the request for evidence", "fecha de la solicitud de evidencia"),
        event: Text::fixed("Request for evidence", "Solicitud de evidencia"),
        counting: Counting::DaysAfter { days: 84 },
        mail_days: 3,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 103.2(b)(8)(iv) (at most 12 weeks); 8 CFR 103.8(b); 8 CFR 1.2 (\"day\")",
        source: "eCFR 8 CFR 103.2, 103.8 (current); USCIS Policy Manual Vol. 1, Part E, Ch. 6",
        doubt: Some(Text::fixed("This is the longest period the regulation allows. The notice's own response date governs and is often shorter: use it when it differs.", "Es el plazo más largo que permite el reglamento. Manda la fecha de respuesta que indica la notificación, que suele ser más corta: úsela si es distinta.")),
        also_days: None,
    },
    Rule {
        id: "eoir-filing-master",
        name: Text::fixed("Filings before a master calendar hearing (non-detained)", "Escritos antes de una audiencia preliminar (master calendar; no detenidos)"),
        trigger: Text::fixed("date of the master calendar hearing", "fecha de la audiencia preliminar (master calendar)"),
        event: Text::fixed("Hearing", "Audiencia"),
        counting: Counting::DaysBefore { days: 15 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1)(A), 3.1(c)(1); Appendix C",
        source: "EOIR Policy Manual, Part II (Immigration Court Practice Manual), current web edition; Appendix C",
        doubt: Some(Text::fixed("Applies when a ruling is requested at or before the hearing. The manual construes a deadline that lands on a weekend or holiday to fall on the next business day, even when counting back, which shortens the time before the hearing: filing by the business day before is the safer course. Detained cases: the court sets the deadline.", "Se aplica cuando se pide una resolución en la audiencia o antes. El manual entiende que un plazo que cae en fin de semana o feriado pasa al siguiente día hábil, aun contando hacia atrás, lo que acorta el tiempo antes de la audiencia: presentar el día hábil anterior es lo más seguro. Casos de personas detenidas: la corte fija el plazo.")),
        also_days: None,
    },
    Rule {
        id: "eoir-filing-individual",
        name: Text::fixed("Filings before an individual (merits) hearing (non-detained)", "Escritos antes de una audiencia individual (de fondo; no detenidos)"),
        trigger: Text::fixed("date of the individual calendar hearing", "fecha de la audiencia individual"),
        event: Text::fixed("Hearing", "Audiencia"),
        counting: Counting::DaysBefore { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1)(B), 3.1(c)(1); Appendix C",
        source: "EOIR Policy Manual, Part II, current web edition; Appendix C lists 30 days",
        doubt: Some(Text::fixed("Sources disagree: the 2008-2020 Immigration Court Practice Manual said 15 days; the Policy Manual of January 2021 says 30 days, and Appendix C still lists 30. Amparo uses 30, the earlier date. The judge's own scheduling order governs when it sets another date. Weekend and holiday days roll forward as for master calendar filings.", "Las fuentes no coinciden: el Immigration Court Practice Manual de 2008-2020 decía 15 días; el Policy Manual de enero de 2021 dice 30 días, y el Apéndice C sigue indicando 30. Amparo usa 30, la fecha más temprana. Si la orden de calendario del juez fija otra fecha, manda esa. Los fines de semana y feriados se corren hacia adelante como en los escritos para la audiencia preliminar.")),
        also_days: None,
    },
    Rule {
        id: "eoir-response",
        name: Text::fixed("Response to a filing in immigration court (non-detained)", "Respuesta a un escrito en la corte de inmigración (no detenidos)"),
        trigger: Text::fixed("date the court received the filing being answered", "fecha en que la corte recibió el escrito que se responde"),
        event: Text::fixed("Filing received", "Escrito recibido"),
        counting: Counting::DaysAfter { days: 10 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "EOIR Policy Manual Part II 3.1(b)(1), 5.12; Appendix C",
        source: "EOIR Policy Manual, Part II, current web edition; Appendix C",
        doubt: Some(Text::fixed("The response must be received by the court. Detained cases: the court sets the deadline.", "La corte debe recibir la respuesta a más tardar en esta fecha. Casos de personas detenidas: la corte fija el plazo.")),
        also_days: None,
    },
    Rule {
        id: "eoir-change-of-address",
        name: Text::fixed("Change of address to the immigration court (EOIR-33/IC)", "Cambio de dirección ante la corte de inmigración (EOIR-33/IC)"),
        trigger: Text::fixed("date of the move", "fecha de la mudanza"),
        event: Text::fixed("Move", "Mudanza"),
        counting: Counting::DaysAfter { days: 5 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "8 CFR 1003.15(d)(2); EOIR Policy Manual Part II 2.2(c)-(d); Appendix C",
        source: "eCFR 8 CFR 1003.15 (current); EOIR Policy Manual Appendix C (\"5 days after\")",
        doubt: Some(Text::fixed("For the BIA, 8 CFR 1003.38(d) says five WORKING days; for the immigration court, five days. Amparo counts calendar days, the earlier date.", "Para la BIA, 8 CFR 1003.38(d) dice cinco días HÁBILES; para la corte de inmigración, cinco días. Amparo cuenta días naturales, la fecha más temprana.")),
        also_days: None,
    },
    Rule {
        id: "ar11-change-of-address",
        name: Text::fixed("Change of address to USCIS (AR-11)", "Cambio de dirección ante USCIS (AR-11)"),
        trigger: Text::fixed("date of the move", "fecha de la mudanza"),
        event: Text::fixed("Move", "Mudanza"),
        counting: Counting::DaysAfter { days: 10 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        citation: "INA 265(a), 8 U.S.C. 1305(a); 8 CFR 265.1; 8 CFR 1.2 (\"day\")",
        source: "8 U.S.C. 1305(a) (current); eCFR 8 CFR 265.1 (current)",
        doubt: Some(Text::fixed("The statute says \"within ten days\"; Amparo applies the weekend and holiday roll of 8 CFR 1.2. Filing online the same week is the safer course.", "La ley dice «dentro de diez días»; Amparo aplica el corrimiento por fin de semana y feriado de 8 CFR 1.2. Presentarlo en línea la misma semana es lo más seguro.")),
        also_days: None,
    },
    Rule {
        id: "ead-asylum-clock",
        name: Text::fixed("Work permit (EAD) for a pending asylum application: earliest filing date", "Permiso de trabajo (EAD) con asilo pendiente: primera fecha para solicitarlo"),
        trigger: Text::fixed("date USCIS or the court received the complete I-589", "fecha en que USCIS o la corte recibió el I-589 completo"),
        event: Text::fixed("I-589 received", "I-589 recibido"),
        counting: Counting::ClockDays { days: 150 },
        mail_days: 0,
        roll: Roll::None,
        citation: "8 CFR 208.7(a)(1); 8 CFR 208.3(c)(3); 8 CFR 1208.7",
        source: "eCFR 8 CFR 208.7 as restored after AsylumWorks v. Mayorkas, 590 F. Supp. 3d 11 (D.D.C. 2022), which vacated the 2020 rule (85 FR 38532) that had set 365 days",
        doubt: Some(Text::fixed("These are earliest dates, not deadlines: the I-765 (c)(8) may be filed after 150 clock days and granted no sooner than 180. Delay the applicant causes stops the clock; enter those stops. Check the current regulation: the clock rules have changed by rule and by court order before.", "Son fechas mínimas, no plazos: el I-765 (c)(8) puede presentarse después de 150 días de reloj y concederse no antes de 180. Las demoras causadas por el solicitante detienen el reloj; anote esas paradas. Revise el reglamento vigente: las reglas del reloj ya han cambiado por reglamento y por orden judicial.")),
        also_days: Some(180),
    },
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What a rule's period means in words, for explanations.
pub fn describe_period(rule: &Rule) -> Text {
    match rule.counting {
        Counting::DaysAfter { days } => crate::tr!("{days} calendar days", "{days} días naturales"),
        Counting::YearsAfter { years: 1 } => Text::fixed("1 year", "1 año"),
        Counting::YearsAfter { years } => crate::tr!("{years} years", "{years} años"),
        Counting::DaysBefore { days } => crate::tr!("{days} days before", "{days} días antes"),
        Counting::ClockDays { days } => crate::tr!("{days} clock days", "{days} días de reloj"),
    }
}
