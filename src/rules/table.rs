//! The rule table: every deadline Amparo computes, as data. Ids are stable: stored
//! deadlines, the CLI and the UI name rules by them. Each row records its primary source,
//! the edition it was read in, and any doubt, which the explanation repeats to the user.

use serde::Serialize;

use crate::text::Text;

/// Version of this table; bump when a period, convention or citation changes.
pub const TABLE_VERSION: &str = "2026-11-26";

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
    /// Business days after the trigger: weekends, federal holidays and closures are not
    /// counted (the trigger day is day 0).
    BusinessDaysAfter { days: u32 },
    /// Calendar days the order itself set (`Options::days`), at most `at_conclusion_max`,
    /// or `before_conclusion_max` when granted before the conclusion of proceedings.
    DaysSet { at_conclusion_max: u32, before_conclusion_max: u32 },
    /// The day before the `years`th birthday: the last day on which the person is younger.
    BeforeBirthday { years: u32 },
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
    /// No move: a cutoff (an age limit) that a weekend cannot extend; the business day
    /// before is named as the safer day when the cutoff is not one.
    Cutoff,
}

/// Where the filing goes: decides which known optional closures may apply (the BIA sits in
/// Falls Church, inside the Inauguration Day area of 5 U.S.C. 6103(c)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FiledWith {
    Bia,
    ImmigrationCourt,
    CourtOfAppeals,
    Uscis,
    Dhs,
    /// Another agency (FOIA).
    Agency,
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
    /// Where the filing goes (or, for an agency's own deadline, who must act).
    pub filed_with: FiledWith,
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
        filed_with: FiledWith::Uscis,
        citation: "INA 208(a)(2)(B), (D), (E), 8 U.S.C. 1158(a)(2); 8 CFR 208.4(a), 1208.4(a); 8 CFR 1.2 (DHS) and 8 CFR 1001.1(h) (EOIR) (\"day\")",
        source: "Minasyan v. Mukasey, 553 F.3d 1224 (9th Cir. Jan. 20, 2009); Lagandaon v. Ashcroft, 383 F.3d 983 (9th Cir. Sept. 9, 2004); Matter of F-P-R-, 24 I&N Dec. 681 (BIA 2008) (\"last arrival\"); 8 CFR 208.4 not re-read in this edition",
        doubt: Some(Text::fixed("The arrival day is day 0, so the anniversary itself is timely (Minasyan v. Mukasey, 9th Cir. 2009, reversing a BIA decision that had made the day before the anniversary the last day). Outside the Ninth Circuit, filing by the day before the anniversary is the safer course, and the explanation names that date. An arrival on 29 February falls due on 28 February in a common year: Lagandaon v. Ashcroft (9th Cir. 2004) held, for cancellation of removal, that a year other than a leap year is 365 days; no decision on the one-year asylum deadline itself was found. Exceptions are not computed: changed or extraordinary circumstances, with filing within a reasonable period after them (INA 208(a)(2)(D); 8 CFR 208.4(a)(4)-(5)), and unaccompanied children, to whom the one-year limit does not apply (INA 208(a)(2)(E)). The mailbox rule of 8 CFR 208.4(a)(2)(ii) (mailing within the year proved by clear and convincing evidence) was not re-read here.", "El día de llegada es el día 0, así que el aniversario mismo es oportuno (Minasyan v. Mukasey, 9.º Circuito, 2009, que revocó una decisión de la BIA que hacía del día anterior al aniversario el último día). Fuera del Noveno Circuito, presentar a más tardar el día anterior al aniversario es lo más seguro, y la explicación indica esa fecha. Una llegada el 29 de febrero vence el 28 de febrero en un año no bisiesto: Lagandaon v. Ashcroft (9.º Circuito, 2004) resolvió, para la cancelación de deportación, que un año no bisiesto tiene 365 días; no se encontró ninguna decisión sobre el plazo de un año del asilo. Las excepciones no se calculan: circunstancias cambiadas o extraordinarias, presentando dentro de un plazo razonable después de ellas (INA 208(a)(2)(D); 8 CFR 208.4(a)(4)-(5)), y menores no acompañados, a quienes no se aplica el límite de un año (INA 208(a)(2)(E)). La regla del envío por correo de 8 CFR 208.4(a)(2)(ii) (envío dentro del año probado de forma clara y convincente) no se volvió a leer aquí.")),
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
        filed_with: FiledWith::Bia,
        citation: "8 CFR 1003.38(b)-(c); 8 CFR 1240.15",
        source: "eCFR 8 CFR 1003.38 (current); EOIR Policy Manual Part III (BIA Practice Manual) ch. 4.5; Matter of Iskandarani, 29 I&N Dec. 26 (BIA 2025)",
        doubt: Some(Text::fixed("The BIA must RECEIVE the appeal by this date: there is no mailbox rule and no days are added for mailing. For an oral decision the period runs from the day it was stated, even if a written memorandum is mailed later. No appeal lies from an order of removal entered in absentia (8 CFR 1240.15): record it as an in absentia order instead, whose remedy is a motion to rescind.", "La BIA debe RECIBIR la apelación a más tardar en esta fecha: no vale la fecha de envío y no se añaden días por correo. Si la decisión fue oral, el plazo corre desde el día en que se dictó, aunque después se envíe un memorando escrito. No cabe apelación contra una orden de deportación dictada en ausencia (8 CFR 1240.15): regístrela como orden en ausencia, cuyo remedio es una moción de rescisión.")),
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "INA 240(c)(6)(B), 8 U.S.C. 1229a(c)(6)(B); 8 CFR 1003.23(b)(1); 8 CFR 1001.1(h) and EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 5.8, Appendix C",
        doubt: Some(Text::fixed("Must be received by the immigration court. One motion to reconsider is allowed. The period runs from the entry of a final administrative order; a decision that is not appealed becomes final only when appeal is waived or the time to appeal runs out (8 CFR 1003.39, not re-read here), so counting from the decision date, as Amparo does, is the safe choice.", "La corte de inmigración debe recibirla a más tardar en esta fecha. Se permite una sola moción de reconsideración. El plazo corre desde que se dicta una orden administrativa final; una decisión que no se apela solo queda firme cuando se renuncia a la apelación o vence el plazo para apelar (8 CFR 1003.39, no se volvió a leer aquí), así que contar desde la fecha de la decisión, como hace Amparo, es lo seguro.")),
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "INA 240(c)(7)(C)(i), 8 U.S.C. 1229a(c)(7)(C)(i); 8 CFR 1003.23(b)(1); 8 CFR 1001.1(h) and EOIR Policy Manual Part II 3.1(c)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.23 (current); EOIR Policy Manual Part II 3.1(b)(4), 5.7, Appendix C",
        doubt: Some(Text::fixed("Must be received by the immigration court. The period runs from the entry of a final administrative order; counting from the decision date, as Amparo does, is the safe choice (8 CFR 1003.39, not re-read here). Exceptions (changed country conditions for asylum, joint motions) have other limits and are not computed. An order entered in absentia is reopened by a motion to rescind instead: record it as an in absentia order.", "La corte de inmigración debe recibirla a más tardar en esta fecha. El plazo corre desde que se dicta una orden administrativa final; contar desde la fecha de la decisión, como hace Amparo, es lo seguro (8 CFR 1003.39, no se volvió a leer aquí). Las excepciones (cambio de condiciones en el país para el asilo, mociones conjuntas) tienen otros límites y no se calculan. Una orden dictada en ausencia se reabre con una moción de rescisión: regístrela como orden en ausencia.")),
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
        filed_with: FiledWith::Bia,
        citation: "INA 240(c)(6)(B); 8 CFR 1003.2(b)(2); 8 CFR 1001.1(h) and EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.7",
        doubt: Some(Text::fixed("Must be received by the BIA. The regulation runs the 30 days from the mailing of the Board's decision (8 CFR 1003.2(b)(2), as the review quotes it; the eCFR text was not re-read here). Amparo counts from the decision's date, which is never later than its mailing, so the date given is safe.", "La BIA debe recibirla a más tardar en esta fecha. El reglamento cuenta los 30 días desde el envío por correo de la decisión de la Junta (8 CFR 1003.2(b)(2), según lo cita la revisión; no se volvió a leer el texto del eCFR). Amparo cuenta desde la fecha de la decisión, que nunca es posterior a su envío, así que la fecha indicada es segura.")),
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
        filed_with: FiledWith::Bia,
        citation: "INA 240(c)(7)(C)(i); 8 CFR 1003.2(c)(2); 8 CFR 1001.1(h) and EOIR Policy Manual Part III 3.1(b)(1) (\"day\")",
        source: "eCFR 8 CFR 1003.2 (current); EOIR Policy Manual Part III ch. 5.6",
        doubt: Some(Text::fixed("Must be received by the BIA. Exceptions in 8 CFR 1003.2(c)(3) are not computed.", "La BIA debe recibirla a más tardar en esta fecha. Las excepciones de 8 CFR 1003.2(c)(3) no se calculan.")),
        also_days: None,
    },
    Rule {
        id: "petition-for-review",
        name: Text::fixed("Petition for review in the federal court of appeals", "Petición de revisión ante el tribunal federal de apelaciones"),
        trigger: Text::fixed("date of the final order of removal: usually the BIA's decision; for reinstated or administratively removed clients in withholding-only proceedings, the DHS order", "fecha de la orden final de deportación: normalmente la decisión de la BIA; para clientes con orden restablecida o deportación administrativa en procesos de solo retención (withholding-only), la orden del DHS"),
        event: Text::fixed("Final order", "Orden final"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::CourtOfAppeals,
        citation: "INA 242(b)(1), 8 U.S.C. 1252(b)(1); FRAP 26(a)(1), 26(a)(6); Riley v. Bondi, 606 U.S. ___ (2025)",
        source: "8 U.S.C. 1252(b) (Pub. L. 104-208, 110 Stat. 3009-608, read); Riley v. Bondi, No. 23-1270 (U.S. June 26, 2025) (syllabus read); FRAP 26(a)(6) and its 2009 Committee Note (2014-15 edition read; the edition of Dec. 1, 2024 not read); Santos-de Jimenez v. Garland (4th Cir. Nov. 15, 2022) (no mail days)",
        doubt: Some(Text::fixed("File within 30 days. Riley v. Bondi (U.S. June 26, 2025) held the limit is a mandatory claims-processing rule, not a jurisdictional one: the court enforces it when the government raises it, so treat it as firm. Riley also held that in withholding-only proceedings the BIA's decision is not the final order of removal: for reinstated or administratively removed clients the 30 days run from the DHS order, so enter that date. Filing does not stay removal unless the court orders it (8 U.S.C. 1252(b)(3)(B)). FRAP 26(a)(6) also counts as legal holidays any day the President or Congress declares a holiday and, for periods counted forward, the state holidays where the district court or the circuit clerk's principal office is: Amparo does not know those, so add them as closures. No days are added for service by mail.", "Presente dentro de los 30 días. Riley v. Bondi (Corte Suprema, 26 de junio de 2025) resolvió que el límite es una norma obligatoria de tramitación, no jurisdiccional: el tribunal la aplica cuando el gobierno la invoca, así que trátela como firme. Riley también resolvió que en los procesos de solo retención (withholding-only) la decisión de la BIA no es la orden final de deportación: para clientes con orden restablecida o deportación administrativa, los 30 días corren desde la orden del DHS; escriba esa fecha. Presentar la petición no suspende la deportación salvo que el tribunal lo ordene (8 U.S.C. 1252(b)(3)(B)). La regla FRAP 26(a)(6) también cuenta como feriados los días que el Presidente o el Congreso declaren feriados y, en los plazos que se cuentan hacia adelante, los feriados del estado donde está el tribunal de distrito o la oficina principal de la secretaría del circuito: Amparo no los conoce; añádalos como días de cierre. No se añaden días por notificación por correo.")),
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
        filed_with: FiledWith::Uscis,
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
        filed_with: FiledWith::Uscis,
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "EOIR Policy Manual Part II 3.1(b)(1), 3.1(c)(1); Appendix C; 8 CFR 1001.1(h) (\"day\")",
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "EOIR Policy Manual Part II 3.1(b)(2), 3.1(c)(1); Appendix C",
        source: "CLINIC, \"Updates to the Immigration Court and BIA Practice Manuals\" (Sept. 26, 2022), on the edition effective Aug. 26, 2022 (sec. 3.1(b)(2): 15 days); immpolicytracking.org on the Policy Manual of Jan. 13, 2021 (15 days became 30); the live Policy Manual page was not read",
        doubt: Some(Text::fixed("The default has changed more than once: the Immigration Court Practice Manual (2008-2020) said 15 days before an individual hearing; the Policy Manual of January 2021 said 30; the edition effective 26 August 2022 went back to 15 days (Part II 3.1(b)(2), as CLINIC reported on 26 September 2022). Amparo could not read the edition in force today, so it keeps 30 days: the earlier date, on time under either rule. The judge's own scheduling order governs when it sets another date. Detained cases: the court sets the deadline. A date on a weekend or holiday rolls forward as for master calendar filings.", "El plazo general ha cambiado más de una vez: el Immigration Court Practice Manual (2008-2020) decía 15 días antes de una audiencia individual; el Policy Manual de enero de 2021 decía 30; la edición vigente desde el 26 de agosto de 2022 volvió a 15 días (Parte II 3.1(b)(2), según informó CLINIC el 26 de septiembre de 2022). Amparo no pudo leer la edición vigente hoy, así que mantiene 30 días: la fecha más temprana, oportuna con cualquiera de las dos reglas. Si la orden de calendario del juez fija otra fecha, manda esa. Casos de personas detenidas: la corte fija el plazo. Los fines de semana y feriados se corren hacia adelante como en los escritos para la audiencia preliminar.")),
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "EOIR Policy Manual Part II 3.1(b)(1), 5.12; Appendix C; 8 CFR 1001.1(h) (\"day\")",
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
        filed_with: FiledWith::ImmigrationCourt,
        citation: "8 CFR 1003.15(d)(2); EOIR Policy Manual Part II 2.2(c)-(d); Appendix C; 8 CFR 1001.1(h) (\"day\")",
        source: "eCFR 8 CFR 1003.15 (current); EOIR Policy Manual Appendix C (\"5 days after\")",
        doubt: Some(Text::fixed("For the BIA, 8 CFR 1003.38(d) says five WORKING days; for the immigration court, five days. Amparo counts calendar days, the earlier date.", "Para la BIA, 8 CFR 1003.38(d) dice cinco días HÁBILES; para la corte de inmigración, cinco días. Amparo cuenta días calendario, la fecha más temprana.")),
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
        filed_with: FiledWith::Uscis,
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
        filed_with: FiledWith::Uscis,
        citation: "INA 208(d)(2); 8 CFR 208.7(a)(1); 8 CFR 208.3(c)(3); 8 CFR 1208.7; 87 FR 57795 (Sept. 22, 2022)",
        source: "87 FR 57795 (Sept. 22, 2022, effective Feb. 7, 2022), the final rule that restored 8 CFR 208.7 after AsylumWorks v. Mayorkas (D.D.C. Feb. 7, 2022) vacated the two June 2020 rules; checked Nov. 2026: DHS proposed a 365-day wait on Feb. 23, 2026 (\"Employment Authorization Reform for Asylum Applicants\", 91 FR 8616 as cited by secondary sources, comments to Apr. 24, 2026); no final rule found",
        doubt: Some(Text::fixed("These are earliest dates, not deadlines: the I-765 (c)(8) may be filed after 150 clock days and granted no sooner than 180. Delay the applicant causes stops the clock; enter those stops. Only time while the clock is running counts: a stop before the I-589 was received counts from that day, and a stop that begins once the clock has reached 150 (or 180) days does not move that date. A rule proposed on 23 February 2026 would make the wait 365 days and let USCIS pause these applications; Amparo found no final rule, but could not confirm that none has been published since: check before relying on these dates.", "Son fechas mínimas, no plazos: el I-765 (c)(8) puede presentarse después de 150 días de reloj y concederse no antes de 180. Las demoras causadas por el solicitante detienen el reloj; anote esas paradas. Solo cuenta el tiempo con el reloj en marcha: una parada anterior a la recepción del I-589 cuenta desde ese día, y una parada que empieza cuando el reloj ya llegó a 150 (o 180) días no mueve esa fecha. Un reglamento propuesto el 23 de febrero de 2026 alargaría la espera a 365 días y permitiría a USCIS pausar estas solicitudes; Amparo no encontró un reglamento final, pero no pudo confirmar que no se haya publicado después: compruébelo antes de confiar en estas fechas.")),
        also_days: Some(180),
    },
    Rule {
        id: "motion-rescind-in-absentia",
        name: Text::fixed("Motion to reopen to rescind an in absentia removal order (exceptional circumstances)", "Moción de reapertura para rescindir una orden de deportación en ausencia (circunstancias excepcionales)"),
        trigger: Text::fixed("date of the in absentia order of removal", "fecha de la orden de deportación dictada en ausencia"),
        event: Text::fixed("In absentia order", "Orden en ausencia"),
        counting: Counting::DaysAfter { days: 180 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::ImmigrationCourt,
        citation: "INA 240(b)(5)(C), 8 U.S.C. 1229a(b)(5)(C); 8 CFR 1003.23(b)(4)(ii); 8 CFR 1240.15; EOIR Policy Manual Part II 5.9(d); 8 CFR 1001.1(h) (\"day\")",
        source: "EOIR Policy Manual Part II 5.9 (justice.gov, read Nov. 2026: \"The Board of Immigration Appeals does not have jurisdiction to consider direct appeals of in absentia orders in removal proceedings\"); 8 U.S.C. 1229a(b)(5)(C) and 8 CFR 1003.23(b)(4) as quoted in practice materials (eCFR not re-read)",
        doubt: Some(Text::fixed("No appeal lies to the BIA from an order entered in absentia (8 CFR 1240.15; Policy Manual Part II 5.9(d)): the remedy is this motion to the immigration judge. The 180 days apply to a failure to appear because of exceptional circumstances. A motion because the client did not receive notice of the hearing, or was in federal or state custody through no fault of their own, may be filed AT ANY TIME. Filing the motion stays removal until the judge decides it (INA 240(b)(5)(C); the statute's text was not re-read here). Must be received by the court; one such motion is allowed.", "No cabe apelación ante la BIA contra una orden dictada en ausencia (8 CFR 1240.15; Policy Manual Parte II 5.9(d)): el remedio es esta moción ante el juez de inmigración. Los 180 días se aplican cuando no se compareció por circunstancias excepcionales. Una moción porque el cliente no recibió la notificación de la audiencia, o estaba bajo custodia federal o estatal sin culpa suya, puede presentarse EN CUALQUIER MOMENTO. Presentar la moción suspende la deportación hasta que el juez decida (INA 240(b)(5)(C); no se volvió a leer el texto de la ley aquí). La corte debe recibirla a más tardar en esta fecha; se permite una sola moción de este tipo.")),
        also_days: None,
    },
    Rule {
        id: "vd-bond",
        name: Text::fixed("Voluntary departure bond (granted at the end of proceedings)", "Fianza de salida voluntaria (concedida al final del proceso)"),
        trigger: Text::fixed("date of the IJ's order granting voluntary departure at the conclusion of proceedings", "fecha de la orden del juez que concede la salida voluntaria al concluir el proceso"),
        event: Text::fixed("Voluntary departure order", "Orden de salida voluntaria"),
        counting: Counting::BusinessDaysAfter { days: 5 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Dhs,
        citation: "INA 240B(b)(3), (d), 8 U.S.C. 1229c(b)(3), (d); 8 CFR 1240.26(c)(3); 73 FR 76927 (Dec. 18, 2008, effective Jan. 20, 2009)",
        source: "8 CFR 1240.26 ((a)-(b) read in a stored copy); the five business days of 1240.26(c)(3)(i) read only in secondary sources; 73 FR 76927 as the EOIR Benchbook alert \"New Voluntary Departure Regulation\" (justice.gov, read Nov. 2026) summarises it: a client who does not post the bond must still depart and is not exempt from the consequences, which overrules Matter of Diaz-Ruacho, 24 I&N Dec. 47 (BIA 2006) (no longer relied on); Matter of Velasco, 25 I&N Dec. 143 (BIA 2009) (headnotes read: the rule is not retroactive); the current text of 1240.26(c)(3) not re-read",
        doubt: Some(Text::fixed("The bond, at least $500, must be posted with DHS within five business days of the order: weekends and federal holidays are not counted. The five business days were confirmed only in secondary sources; the text of 8 CFR 1240.26(c)(3)(i) was not re-read here. A client who does NOT post the bond must STILL LEAVE on time: not posting it does not excuse departure, and a client who stays past the period faces the penalties for failing to depart (a civil penalty and the 10-year bar of INA 240B(d)). That is the rule for grants made since 20 January 2009 (73 FR 76927, as the EOIR Benchbook summarises it), which overruled Matter of Diaz-Ruacho (BIA 2006); Diaz-Ruacho still governs grants made before that date (Matter of Velasco, BIA 2009). If the client appeals, proof that the bond was posted must reach the BIA within 30 days of filing the appeal, or the Board will not reinstate voluntary departure (8 CFR 1240.26(c)(3)(ii); Matter of Velasco, BIA 2009; Matter of Gamero, BIA 2010).", "La fianza, de al menos 500 dólares, debe depositarse ante el DHS dentro de los cinco días hábiles siguientes a la orden: no se cuentan los fines de semana ni los feriados federales. Los cinco días hábiles solo se confirmaron en fuentes secundarias; no se volvió a leer aquí el texto de 8 CFR 1240.26(c)(3)(i). Un cliente que NO deposite la fianza DEBE SALIR IGUALMENTE a tiempo: no depositarla no dispensa de la salida, y quien se quede después del plazo sufre las sanciones por no salir (una multa civil y la prohibición de 10 años de INA 240B(d)). Es la regla para las concesiones desde el 20 de enero de 2009 (73 FR 76927, según lo resume el Benchbook de la EOIR), que dejó sin efecto Matter of Diaz-Ruacho (BIA 2006); Diaz-Ruacho sigue rigiendo las concesiones anteriores a esa fecha (Matter of Velasco, BIA 2009). Si el cliente apela, la prueba del depósito debe llegar a la BIA dentro de los 30 días siguientes a la apelación, o la Junta no restablecerá la salida voluntaria (8 CFR 1240.26(c)(3)(ii); Matter of Velasco, BIA 2009; Matter of Gamero, BIA 2010).")),
        also_days: None,
    },
    Rule {
        id: "vd-departure",
        name: Text::fixed("Voluntary departure: last day to leave the United States", "Salida voluntaria: último día para salir de los Estados Unidos"),
        trigger: Text::fixed("date of the order granting voluntary departure (enter the days the judge set)", "fecha de la orden que concede la salida voluntaria (indique los días que fijó el juez)"),
        event: Text::fixed("Voluntary departure order", "Orden de salida voluntaria"),
        counting: Counting::DaysSet { at_conclusion_max: 60, before_conclusion_max: 120 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Dhs,
        citation: "INA 240B(a)(2)(A), (b)(2), (d), 8 U.S.C. 1229c; 8 CFR 1240.26; Monsalvo Velázquez v. Bondi, 604 U.S. ___ (2025)",
        source: "Monsalvo Velázquez v. Bondi, No. 23-929 (U.S. Apr. 22, 2025) (summaries and syllabus read); 8 CFR 1240.26(a) (10-year bar, read in a stored copy); 73 FR 76927 (Dec. 18, 2008, effective Jan. 20, 2009), \"Voluntary Departure: Effect of a Motion To Reopen or Reconsider or a Petition for Review\" (its summary read, and the EOIR Benchbook alert on it, justice.gov, read Nov. 2026: a post-decision motion to reopen or reconsider filed during the period, or a petition for review, terminates the grant, and the penalties of INA 240B(d) then do not apply, 8 CFR 1240.26(b)(3)(iii), (c)(3)(iii), (e)(1), (i))",
        doubt: Some(Text::fixed("The period is the number of days the judge set: at most 60 when granted at the conclusion of proceedings (INA 240B(b)(2)) and at most 120 when granted before (INA 240B(a)(2)(A)). If the last day falls on a weekend or legal holiday it extends to the next business day (Monsalvo Velázquez v. Bondi, U.S. Apr. 22, 2025); leaving earlier is safer. Monsalvo decided the 60-day period of a grant at the conclusion of proceedings (INA 240B(b)(2)); applying the same roll to a grant of up to 120 days before the conclusion is by analogy, which the Court did not decide. A motion to reopen or reconsider filed during the period, or a petition for review, ends the grant of voluntary departure: the alternate order of removal then applies, and the penalties for failing to depart do not (8 CFR 1240.26(b)(3)(iii), (c)(3)(iii), (e)(1), (i), added by the 2008 rule, 73 FR 76927, as the EOIR Benchbook summarises them). Failing to leave in time brings a civil penalty and a 10-year bar to voluntary departure and to relief under INA 240A, 245, 248 and 249 (INA 240B(d); 8 CFR 1240.26(a)). An appeal to the BIA stops the period; the BIA sets a new one.", "El plazo es el número de días que fijó el juez: como máximo 60 si se concedió al concluir el proceso (INA 240B(b)(2)) y como máximo 120 si se concedió antes (INA 240B(a)(2)(A)). Si el último día cae en fin de semana o feriado legal, se extiende al siguiente día hábil (Monsalvo Velázquez v. Bondi, Corte Suprema, 22 de abril de 2025); salir antes es más seguro. Monsalvo resolvió sobre el plazo de 60 días de una concesión al concluir el proceso (INA 240B(b)(2)); aplicar el mismo corrimiento a una concesión de hasta 120 días antes de concluir el proceso es por analogía, algo que la Corte no resolvió. Una moción de reapertura o reconsideración presentada durante el plazo, o una petición de revisión, pone fin a la salida voluntaria: se aplica entonces la orden alternativa de deportación, y no las sanciones por no salir (8 CFR 1240.26(b)(3)(iii), (c)(3)(iii), (e)(1), (i), añadidos por el reglamento de 2008, 73 FR 76927, según los resume el Benchbook de la EOIR). No salir a tiempo acarrea una multa civil y una prohibición de 10 años para la salida voluntaria y para los beneficios de INA 240A, 245, 248 y 249 (INA 240B(d); 8 CFR 1240.26(a)). Una apelación ante la BIA detiene el plazo; la BIA fija uno nuevo.")),
        also_days: None,
    },
    Rule {
        id: "bia-brief",
        name: Text::fixed("Brief to the BIA on an appeal", "Escrito (brief) ante la BIA en una apelación"),
        trigger: Text::fixed("date of the BIA's briefing schedule notice", "fecha del aviso de calendario de escritos (briefing schedule) de la BIA"),
        event: Text::fixed("Briefing schedule", "Calendario de escritos"),
        counting: Counting::DaysAfter { days: 21 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Bia,
        citation: "EOIR Policy Manual Part III 4.7; 8 CFR 1003.3(c)(1); 8 CFR 1001.1(h) (\"day\")",
        source: "EOIR Policy Manual Part III 4.7 (justice.gov, read Nov. 2026: 21 days \"from the date of the briefing schedule notice\"); CLINIC (Sept. 26, 2022) on the extension policy; 71 FR 40151 (July 14, 2006) for detained cases",
        doubt: Some(Text::fixed("The brief must be RECEIVED by the BIA by this date. Non-detained: 21 days from the date of the briefing schedule notice, not from when it arrives; the other party then has 21 more days. Detained: both parties file within the same 21 days. The Board's policy is to grant one 21-day extension per party if asked in time, added to the original due date; extensions are not favoured and a second only in extraordinary circumstances; the extension is not granted until the Board says so. In detained cases the extension has been 15 days, one per case (2006 notice; current practice not verified).", "La BIA debe RECIBIR el escrito a más tardar en esta fecha. Personas no detenidas: 21 días desde la fecha del aviso de calendario, no desde que llega; la otra parte tiene después 21 días más. Personas detenidas: ambas partes presentan dentro de los mismos 21 días. La política de la Junta es conceder una prórroga de 21 días por parte si se pide a tiempo, sumada a la fecha original; las prórrogas no se favorecen y una segunda solo en circunstancias extraordinarias; la prórroga no existe hasta que la Junta la concede. En casos de personas detenidas la prórroga ha sido de 15 días, una por caso (aviso de 2006; práctica actual no verificada).")),
        also_days: None,
    },
    Rule {
        id: "bia-bond-appeal",
        name: Text::fixed("Appeal of an immigration judge's bond decision to the BIA", "Apelación ante la BIA de la decisión de fianza del juez de inmigración"),
        trigger: Text::fixed("date of the IJ's bond (custody) decision", "fecha de la decisión de fianza (custodia) del juez"),
        event: Text::fixed("Bond decision", "Decisión de fianza"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Bia,
        citation: "8 CFR 1003.38(b); 8 CFR 1236.1(d)(3)(i); 8 CFR 1003.19(f); EOIR Policy Manual Part III 7.2; 8 CFR 1001.1(h) (\"day\")",
        source: "EOIR Policy Manual Part III 7.2 (justice.gov, read Nov. 2026: appellate jurisdiction under 8 CFR 1003.38, 1236.1(d)(3)(i)); 8 CFR 1003.38 (read for bia-appeal); the 30 and 10 days of 1236.1(d)(3) read only in secondary sources",
        doubt: Some(Text::fixed("Must be RECEIVED by the BIA. An appeal does not delay compliance with the custody order or stay the removal case (8 CFR 1236.1(d)(4), not re-read here). A DHS custody decision made after the IJ's ruling has 10 days instead (8 CFR 1236.1(d)(3)(ii)), not computed here; when DHS invokes the automatic stay of a release order its own deadlines run in business days (8 CFR 1003.19(i)(2)), not computed either.", "La BIA debe RECIBIRLA a más tardar en esta fecha. La apelación no retrasa el cumplimiento de la orden de custodia ni suspende el caso de deportación (8 CFR 1236.1(d)(4), no se volvió a leer aquí). Una decisión de custodia del DHS posterior a la del juez tiene 10 días (8 CFR 1236.1(d)(3)(ii)), que no se calculan aquí; cuando el DHS invoca la suspensión automática de una orden de liberación, sus propios plazos corren en días hábiles (8 CFR 1003.19(i)(2)), que tampoco se calculan.")),
        also_days: None,
    },
    Rule {
        id: "noid-response",
        name: Text::fixed("Response to a USCIS notice of intent to deny (NOID)", "Respuesta a una notificación de intención de denegar (NOID) de USCIS"),
        trigger: Text::fixed("date of the notice of intent to deny", "fecha de la notificación de intención de denegar"),
        event: Text::fixed("Notice of intent to deny", "Notificación de intención de denegar"),
        counting: Counting::DaysAfter { days: 30 },
        mail_days: 3,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Uscis,
        citation: "8 CFR 103.2(b)(8)(iv) (at most 30 days); 8 CFR 103.8(b) (3 days added when served by mail); 8 CFR 1.2 (\"day\")",
        source: "72 FR 19100 (Apr. 17, 2007) and USCIS AFM Update AD07-05 (\"The maximum response time for an RFE continues to be 12 weeks and 30 days for a NOID\"); eCFR 8 CFR 103.2 and 103.8 not re-read",
        doubt: Some(Text::fixed("30 days is the longest a NOID may allow, and no extension beyond it is possible. The notice states its own response date, which governs and may be shorter: use it when it differs. Three days are added only when the notice was served by mail.", "30 días es lo máximo que puede dar una NOID, y no cabe prórroga más allá. La notificación indica su propia fecha de respuesta, que manda y puede ser más corta: úsela si es distinta. Solo se añaden tres días si la notificación se envió por correo.")),
        also_days: None,
    },
    Rule {
        id: "pfr-brief",
        name: Text::fixed("Opening brief on a petition for review", "Escrito inicial (opening brief) en una petición de revisión"),
        trigger: Text::fixed("date the administrative record is available (the court's notice)", "fecha en que el expediente administrativo está disponible (aviso del tribunal)"),
        event: Text::fixed("Record available", "Expediente disponible"),
        counting: Counting::DaysAfter { days: 40 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::CourtOfAppeals,
        citation: "INA 242(b)(3)(C), 8 U.S.C. 1252(b)(3)(C); FRAP 26(a)",
        source: "8 U.S.C. 1252(b)(3)(C) (Pub. L. 104-208, 110 Stat. 3009-608, read: \"not later than 40 days after the date on which the administrative record is available\")",
        doubt: Some(Text::fixed("The statute allows 40 days after the record is available; the circuit's briefing order or local rules govern and often set the date themselves: use the court's date when it differs. A reply brief may be filed within 14 days of service of the government's brief. Add the circuit's own closures and state holidays as closures (FRAP 26(a)(6)).", "La ley da 40 días desde que el expediente está disponible; mandan la orden de calendario del circuito o sus reglas locales, que a menudo fijan la fecha: use la del tribunal si es distinta. Puede presentarse un escrito de réplica dentro de los 14 días siguientes a la notificación del escrito del gobierno. Añada como días de cierre los cierres propios del circuito y los feriados estatales (FRAP 26(a)(6)).")),
        also_days: None,
    },
    Rule {
        id: "sijs-age-out",
        name: Text::fixed("Special immigrant juvenile (SIJ) petition (I-360): file before the 21st birthday", "Petición de menor inmigrante especial (SIJ) (I-360): presentar antes de cumplir 21 años"),
        trigger: Text::fixed("the child's date of birth", "fecha de nacimiento del menor"),
        event: Text::fixed("Date of birth", "Fecha de nacimiento"),
        counting: Counting::BeforeBirthday { years: 21 },
        mail_days: 0,
        roll: Roll::Cutoff,
        filed_with: FiledWith::Uscis,
        citation: "INA 101(a)(27)(J), 8 U.S.C. 1101(a)(27)(J); 8 CFR 204.11(b); 87 FR 13066 (Mar. 8, 2022)",
        source: "87 FR 13066 (Mar. 8, 2022, effective Apr. 7, 2022), Special Immigrant Juvenile Petitions, final rule (summary read); its 2011 proposal (76 FR 54978) read: under 21 \"only at the time of filing\"; the revised text of 8 CFR 204.11(b) not re-read",
        doubt: Some(Text::fixed("This is a cutoff, not a deadline: the petition must be filed while the child is under 21, so the last day is the day before the 21st birthday, and a weekend or holiday does NOT move it later; if it falls on one, file by the business day before, which Amparo names. Age is measured on the filing date (2022 rule). The state juvenile court order usually must come first, and many state courts lose jurisdiction at 18 or at another age, so the real deadline is often much earlier. A child born on 29 February is taken to turn 21 on 28 February in a common year, the earlier reading.", "Es un límite, no un plazo: la petición debe presentarse mientras el menor tenga menos de 21 años, así que el último día es la víspera del cumpleaños 21, y un fin de semana o feriado NO lo corre hacia adelante; si cae en uno, presente a más tardar el día hábil anterior, que Amparo indica. La edad se mide en la fecha de presentación (reglamento de 2022). Normalmente primero hace falta la orden del tribunal estatal de menores, y muchos tribunales estatales pierden competencia a los 18 años o a otra edad, así que el plazo real suele ser mucho antes. A quien nació un 29 de febrero se le toma por cumplir 21 años el 28 de febrero en un año no bisiesto, la lectura más temprana.")),
        also_days: None,
    },
    Rule {
        id: "ead-renewal-window",
        name: Text::fixed("Work permit (EAD) renewal: earliest filing date", "Renovación del permiso de trabajo (EAD): primera fecha para presentarla"),
        trigger: Text::fixed("expiry date printed on the current EAD", "fecha de vencimiento impresa en el EAD actual"),
        event: Text::fixed("EAD expiry", "Vencimiento del EAD"),
        counting: Counting::DaysBefore { days: 180 },
        mail_days: 0,
        roll: Roll::None,
        filed_with: FiledWith::Uscis,
        citation: "8 CFR 274a.13(d)-(e); 90 FR 48799 (Oct. 30, 2025)",
        source: "90 FR 48799 (Oct. 30, 2025), interim final rule \"Removal of the Automatic Extension of Employment Authorization Documents\" (read); the 180-day filing window from USCIS guidance as reported by secondary sources (the USCIS page and the I-765 instructions not read)",
        doubt: Some(Text::fixed("An earliest date, not a deadline: USCIS accepts a renewal up to 180 days before the card expires (USCIS guidance as reported; not re-read here). A renewal filed on or after 30 October 2025 no longer extends the old card automatically (90 FR 48799), unless a law or a Federal Register notice (for example for TPS) provides one: file as early as allowed, because the client may be unable to work between expiry and approval.", "Es una fecha mínima, no un plazo: USCIS acepta la renovación hasta 180 días antes del vencimiento de la tarjeta (guía de USCIS según se informa; no se volvió a leer aquí). Una renovación presentada el 30 de octubre de 2025 o después ya no prorroga automáticamente la tarjeta anterior (90 FR 48799), salvo que una ley o un aviso del Federal Register (por ejemplo, para el TPS) lo disponga: presente lo antes posible, porque el cliente podría no poder trabajar entre el vencimiento y la aprobación.")),
        also_days: None,
    },
    Rule {
        id: "foia-response",
        name: Text::fixed("FOIA request: the agency's response is due (for follow-up)", "Solicitud FOIA: vence la respuesta de la agencia (para hacer seguimiento)"),
        trigger: Text::fixed("date the agency received the FOIA request", "fecha en que la agencia recibió la solicitud FOIA"),
        event: Text::fixed("FOIA request received", "Solicitud FOIA recibida"),
        counting: Counting::BusinessDaysAfter { days: 20 },
        mail_days: 0,
        roll: Roll::NextBusinessDay,
        filed_with: FiledWith::Agency,
        citation: "5 U.S.C. 552(a)(6)(A)(i), (a)(6)(B)",
        source: "5 U.S.C. 552(a)(6)(A)(i) as quoted in agency regulations and a court filing (\"within 20 days (excepting Saturdays, Sundays, and legal public holidays)\"); the U.S. Code text itself not re-read",
        doubt: Some(Text::fixed("This is the agency's deadline, not the client's: a date to follow up. The agency may extend it by up to 10 more working days in unusual circumstances, with written notice (5 U.S.C. 552(a)(6)(B)). If it does not answer in time, the requester may be treated as having exhausted administrative remedies (552(a)(6)(C)). Each agency's rules say when a request counts as received.", "Es el plazo de la agencia, no del cliente: una fecha para hacer seguimiento. La agencia puede ampliarlo hasta 10 días hábiles más en circunstancias inusuales, avisando por escrito (5 U.S.C. 552(a)(6)(B)). Si no responde a tiempo, puede considerarse que el solicitante agotó la vía administrativa (552(a)(6)(C)). Las reglas de cada agencia dicen cuándo se considera recibida una solicitud.")),
        also_days: None,
    },
];

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What a rule's period means in words, for explanations.
pub fn describe_period(rule: &Rule) -> Text {
    match rule.counting {
        Counting::DaysAfter { days } => crate::tr!("{days} calendar days", "{days} días calendario"),
        Counting::YearsAfter { years: 1 } => Text::fixed("1 year", "1 año"),
        Counting::YearsAfter { years } => crate::tr!("{years} years", "{years} años"),
        Counting::DaysBefore { days } => crate::tr!("{days} days before", "{days} días antes"),
        Counting::ClockDays { days } => crate::tr!("{days} clock days", "{days} días de reloj"),
        Counting::BusinessDaysAfter { days } => crate::tr!("{days} business days", "{days} días hábiles"),
        Counting::DaysSet { .. } => Text::fixed("the days the order set", "los días que fijó la orden"),
        Counting::BeforeBirthday { years } => {
            crate::tr!("the day before the {years}th birthday", "la víspera del cumpleaños número {years}")
        }
    }
}
