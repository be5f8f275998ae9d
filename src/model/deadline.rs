//! Deadlines: a date something must be done by, and where that date came from.

use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::client::opt;
use super::fields;
use super::validation::{Checker, ValidationError};
use crate::text_enum;

text_enum!(
    /// Whether the deadline still needs doing.
    DeadlineStatus {
        Open = "open": "Open",
        Done = "done": "Done",
        Waived = "waived": "No longer applies",
    }
);

/// A deadline as typed: either a rule and the date that triggers it, or a manual date
/// with the reason for it (an order, a notice).
#[derive(Clone, Debug, Default, Deserialize, Serialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct DeadlineInput {
    pub matter_id: i64,
    pub title: String,
    /// May be left empty for a rule: the rule computes it.
    pub due_on: String,
    pub rule_id: Option<String>,
    pub trigger_on: Option<String>,
    pub served_by_mail: bool,
    /// The days the order set, for a rule that takes them (voluntary departure).
    pub days: Option<u32>,
    /// Voluntary departure granted before the conclusion of proceedings (up to 120 days).
    pub before_conclusion: bool,
    /// The forum is in the Washington area (Inauguration Day is an optional closure there).
    pub washington_area: bool,
    /// Why the date differs from what the rule computed.
    pub override_reason: Option<String>,
    pub manual_reason: Option<String>,
    pub assigned_to: Option<String>,
}

/// Where a deadline's date comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineSource {
    /// Computed by a rule from a trigger date.
    Rule { rule_id: String, trigger_on: NaiveDate },
    /// Entered by hand, with the reason (e.g. "IJ order of 2026-03-02 sets 14 days").
    Manual { reason: String },
}

/// A deadline's validated details.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DeadlineFields {
    pub matter_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub source: DeadlineSource,
    pub assigned_to: Option<String>,
    /// What the rule said, word for word, when the deadline was computed.
    pub explanation: Option<Text>,
    pub served_by_mail: bool,
    /// The days the order set, for a rule that takes them.
    pub rule_days: Option<u32>,
    pub before_conclusion: bool,
    pub washington_area: bool,
    /// The rule's date, kept when the user chose another one.
    pub computed_due_on: Option<NaiveDate>,
    pub override_reason: Option<String>,
}

/// A stored deadline.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Deadline {
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub fields: DeadlineFields,
    pub status: DeadlineStatus,
    pub done_on: Option<NaiveDate>,
    pub waived_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The title in both languages when Amparo wrote it (a rule's name for a deadline
    /// proposed from an event, the one-year deadline), so the app can show it in the
    /// user's language. A title the user typed is shown as typed.
    pub known_title: Option<Text>,
}

/// The title of the one-year deadline Amparo adds to asylum matters by itself.
pub const ONE_YEAR_TITLE: Text =
    Text::fixed("File the I-589 (one-year deadline)", "Presentar el I-589 (plazo de un año)");

impl Deadline {
    /// The title in both languages, when `title` is one Amparo wrote for its rule.
    pub fn known_title_for(fields: &DeadlineFields) -> Option<Text> {
        let DeadlineSource::Rule { rule_id, .. } = &fields.source else { return None };
        if rule_id == "asylum-one-year" && fields.title == ONE_YEAR_TITLE.en {
            return Some(ONE_YEAR_TITLE);
        }
        crate::rules::find(rule_id).filter(|r| r.name.en == fields.title).map(|r| r.name.clone())
    }
}

impl DeadlineInput {
    /// Checks the input and, for a rule, computes the date with the deadline engine.
    pub fn validate(&self) -> Result<DeadlineFields, ValidationError> {
        let mut c = Checker::default();
        let title = c.take("title", fields::required_line(&self.title, &Text::fixed("title", "título")));
        let due_on = c.take("due_on", fields::optional_date(Some(&self.due_on)));
        let rule_id = c.take("rule_id", fields::optional_line(self.rule_id.as_deref(), &Text::fixed("rule", "regla")));
        let trigger_on = c.take("trigger_on", fields::optional_date(self.trigger_on.as_deref()));
        let reason = c.take(
            "manual_reason",
            fields::optional_text(self.manual_reason.as_deref(), &Text::fixed("reason", "motivo")),
        );
        let override_reason = c.take(
            "override_reason",
            fields::optional_text(
                self.override_reason.as_deref(),
                &Text::fixed("reason for the other date", "motivo de la otra fecha"),
            ),
        );
        let assigned_to = c.take(
            "assigned_to",
            fields::optional_line(
                self.assigned_to.as_deref(),
                &Text::fixed("volunteer's name", "nombre del voluntario o la voluntaria"),
            ),
        );
        let mut computed = None;
        let source = match (rule_id.flatten(), trigger_on.flatten(), reason.clone().flatten()) {
            (Some(rule_id), Some(trigger_on), _) => {
                let options = crate::rules::Options {
                    served_by_mail: self.served_by_mail,
                    days: self.days,
                    before_conclusion: self.before_conclusion,
                    washington_area: self.washington_area,
                    ..Default::default()
                };
                match crate::rules::compute(&rule_id, trigger_on, &options) {
                    Ok(done) => computed = Some(done),
                    Err(crate::Error::Invalid(v)) => {
                        for f in v.fields {
                            c.fail(if f.field == "rule" { "rule_id" } else { &f.field }, f.message);
                        }
                    }
                    Err(e) => c.fail("rule_id", Text::same(e.to_string())),
                }
                Some(DeadlineSource::Rule { rule_id, trigger_on })
            }
            (Some(_), None, _) => {
                c.fail("trigger_on", Text::fixed("A deadline from a rule needs the date that starts it (decision, hearing or arrival).", "Un plazo calculado por una regla necesita la fecha que lo inicia (decisión, audiencia o llegada)."));
                None
            }
            (None, _, Some(reason)) => Some(DeadlineSource::Manual { reason }),
            (None, _, None) => {
                c.fail(
                    "manual_reason",
                    Text::fixed(
                        "Say where this date comes from (for example, the judge's order of 2026-03-02).",
                        "Diga de dónde sale esta fecha (por ejemplo, la orden del juez del 2026-03-02).",
                    ),
                );
                None
            }
        };
        // The date: the rule's, unless the user chose another and said why.
        let mut final_due = due_on.flatten();
        let mut computed_due_on = None;
        if let Some(done) = &computed {
            match final_due {
                None => final_due = Some(done.due),
                Some(d) if d == done.due => {}
                Some(d) => {
                    if matches!(override_reason, Some(None)) {
                        c.fail(
                            "override_reason",
                            {
                                let rule_due = done.due;
                                crate::tr!(
                                    "The rule gives {rule_due} but {d} was entered. Say why the date is different, or leave the date empty to use the rule's.",
                                    "La regla da {rule_due}, pero se escribió {d}. Diga por qué la fecha es distinta, o deje la fecha vacía para usar la de la regla."
                                )
                            },
                        );
                    }
                    computed_due_on = Some(done.due);
                }
            }
        } else if final_due.is_none() && matches!(source, Some(DeadlineSource::Manual { .. })) {
            c.fail(
                "due_on",
                Text::fixed(
                    "Enter the due date, written YYYY-MM-DD.",
                    "Escriba la fecha de vencimiento como AAAA-MM-DD.",
                ),
            );
        }
        if self.matter_id <= 0 {
            c.fail(
                "matter_id",
                Text::fixed(
                    "Choose the matter this deadline belongs to.",
                    "Elija el caso al que pertenece este plazo.",
                ),
            );
        }
        c.finish()?;
        let by_rule = computed.is_some();
        Ok(DeadlineFields {
            matter_id: self.matter_id,
            title: title.unwrap(),
            due_on: final_due.expect("checked above"),
            source: source.unwrap(),
            assigned_to: assigned_to.unwrap(),
            explanation: computed.map(|d| d.explanation),
            served_by_mail: self.served_by_mail,
            rule_days: if by_rule { self.days } else { None },
            before_conclusion: by_rule && self.before_conclusion,
            washington_area: by_rule && self.washington_area,
            override_reason: if computed_due_on.is_some() { override_reason.flatten() } else { None },
            computed_due_on,
        })
    }
}

/// Parses "14d", "2w" or "14" into a number of days, for `--due-within`.
pub fn parse_span(raw: &str) -> Result<i64, Text> {
    let s = raw.trim().to_ascii_lowercase();
    let (num, mult) = if let Some(n) = s.strip_suffix('d') {
        (n, 1)
    } else if let Some(n) = s.strip_suffix('w') {
        (n, 7)
    } else {
        (s.as_str(), 1)
    };
    match num.parse::<i64>() {
        Ok(n) if (0..=3660).contains(&n) => Ok(n * mult),
        _ => Err(crate::tr!(
            "\"{raw}\" is not a span of days. Write it like 14d or 2w.",
            "«{raw}» no es un número de días. Escríbalo como 14d o 2w."
        )),
    }
}

/// Parses an optional status filter.
pub fn parse_status(raw: Option<&str>) -> Result<Option<DeadlineStatus>, Text> {
    opt(raw, str::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_is_a_rule_with_its_trigger_or_a_reason() {
        let base =
            DeadlineInput { matter_id: 1, title: "Appeal".into(), due_on: "2026-06-22".into(), ..Default::default() };
        let rule =
            DeadlineInput { rule_id: Some("bia-appeal".into()), trigger_on: Some("2026-05-20".into()), ..base.clone() };
        let f = rule.validate().unwrap();
        assert!(matches!(f.source, DeadlineSource::Rule { .. }));
        assert!(f.explanation.unwrap().en.contains("Juneteenth"));
        assert_eq!(f.computed_due_on, None, "the entered date agrees with the rule");
        let no_trigger = DeadlineInput { rule_id: Some("bia-appeal".into()), ..base.clone() };
        assert!(no_trigger.validate().unwrap_err().message_for("trigger_on").is_some());
        assert!(base.validate().unwrap_err().message_for("manual_reason").is_some());
    }

    #[test]
    fn a_rule_computes_the_date_and_a_different_date_needs_a_reason() {
        let rule = DeadlineInput {
            matter_id: 1,
            title: "BIA appeal".into(),
            rule_id: Some("bia-appeal".into()),
            trigger_on: Some("2026-05-20".into()),
            ..Default::default()
        };
        assert_eq!(rule.validate().unwrap().due_on.to_string(), "2026-06-22");
        let other = DeadlineInput { due_on: "2026-06-15".into(), ..rule.clone() };
        assert!(other.validate().unwrap_err().message_for("override_reason").unwrap().contains("2026-06-22"));
        let explained = DeadlineInput { override_reason: Some("File a week early: mail delays".into()), ..other };
        let f = explained.validate().unwrap();
        assert_eq!(
            (f.due_on.to_string(), f.computed_due_on.unwrap().to_string()),
            ("2026-06-15".into(), "2026-06-22".into())
        );
        let unknown = DeadlineInput { rule_id: Some("no-such-rule".into()), ..rule };
        assert!(unknown.validate().unwrap_err().message_for("rule_id").is_some());
    }

    #[test]
    fn spans() {
        assert_eq!(parse_span("14d").unwrap(), 14);
        assert_eq!(parse_span("2w").unwrap(), 14);
        assert_eq!(parse_span("7").unwrap(), 7);
        assert!(parse_span("-1d").is_err());
        assert!(parse_span("soon").is_err());
    }

    #[test]
    fn titles_amparo_wrote_are_known_in_both_languages_and_typed_ones_are_not() {
        let rule = |id: &str, title: &str| DeadlineFields {
            matter_id: 1,
            title: title.into(),
            due_on: NaiveDate::from_ymd_opt(2026, 6, 22).unwrap(),
            source: DeadlineSource::Rule {
                rule_id: id.into(),
                trigger_on: NaiveDate::from_ymd_opt(2026, 5, 20).unwrap(),
            },
            assigned_to: None,
            explanation: None,
            served_by_mail: false,
            rule_days: None,
            before_conclusion: false,
            washington_area: false,
            computed_due_on: None,
            override_reason: None,
        };
        let named = Deadline::known_title_for(&rule(
            "bia-appeal",
            "Appeal of an immigration judge's decision to the BIA (EOIR-26)",
        ));
        assert!(named.unwrap().es.starts_with("Apelación ante la BIA"));
        assert_eq!(Deadline::known_title_for(&rule("asylum-one-year", &ONE_YEAR_TITLE.en)), Some(ONE_YEAR_TITLE));
        assert_eq!(Deadline::known_title_for(&rule("bia-appeal", "Appeal: send to Ana first")), None);
    }
}
