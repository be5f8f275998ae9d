//! Deadlines: a date something must be done by, and where that date came from.

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
    pub due_on: String,
    pub rule_id: Option<String>,
    pub trigger_on: Option<String>,
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
}

impl DeadlineInput {
    pub fn validate(&self) -> Result<DeadlineFields, ValidationError> {
        let mut c = Checker::default();
        let title = c.take("title", fields::required_line(&self.title, "title"));
        let due_on = c.take("due_on", fields::date(&self.due_on));
        let rule_id = c.take("rule_id", fields::optional_line(self.rule_id.as_deref(), "rule"));
        let trigger_on = c.take("trigger_on", fields::optional_date(self.trigger_on.as_deref()));
        let reason = c.take("manual_reason", fields::optional_text(self.manual_reason.as_deref(), "reason"));
        let assigned_to = c.take("assigned_to", fields::optional_line(self.assigned_to.as_deref(), "volunteer's name"));
        let source = match (rule_id.flatten(), trigger_on.flatten(), reason.flatten()) {
            (Some(rule_id), Some(trigger_on), _) => Some(DeadlineSource::Rule { rule_id, trigger_on }),
            (Some(_), None, _) => {
                c.fail("trigger_on", "A deadline from a rule needs the date that starts it (decision, hearing or arrival).");
                None
            }
            (None, _, Some(reason)) => Some(DeadlineSource::Manual { reason }),
            (None, _, None) => {
                c.fail("manual_reason", "Say where this date comes from (for example, the judge's order of 2026-03-02).");
                None
            }
        };
        if self.matter_id <= 0 {
            c.fail("matter_id", "Choose the matter this deadline belongs to.");
        }
        c.finish()?;
        Ok(DeadlineFields {
            matter_id: self.matter_id,
            title: title.unwrap(),
            due_on: due_on.unwrap(),
            source: source.unwrap(),
            assigned_to: assigned_to.unwrap(),
        })
    }
}

/// Parses "14d", "2w" or "14" into a number of days, for `--due-within`.
pub fn parse_span(raw: &str) -> Result<i64, String> {
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
        _ => Err(format!("\"{raw}\" is not a span of days. Write it like 14d or 2w.")),
    }
}

/// Parses an optional status filter.
pub fn parse_status(raw: Option<&str>) -> Result<Option<DeadlineStatus>, String> {
    opt(raw, str::parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_is_a_rule_with_its_trigger_or_a_reason() {
        let base = DeadlineInput { matter_id: 1, title: "Appeal".into(), due_on: "2026-06-22".into(), ..Default::default() };
        let rule = DeadlineInput { rule_id: Some("bia-appeal".into()), trigger_on: Some("2026-05-20".into()), ..base.clone() };
        assert!(matches!(rule.validate().unwrap().source, DeadlineSource::Rule { .. }));
        let no_trigger = DeadlineInput { rule_id: Some("bia-appeal".into()), ..base.clone() };
        assert!(no_trigger.validate().unwrap_err().message_for("trigger_on").is_some());
        assert!(base.validate().unwrap_err().message_for("manual_reason").is_some());
    }

    #[test]
    fn spans() {
        assert_eq!(parse_span("14d").unwrap(), 14);
        assert_eq!(parse_span("2w").unwrap(), 14);
        assert_eq!(parse_span("7").unwrap(), 7);
        assert!(parse_span("-1d").is_err());
        assert!(parse_span("soon").is_err());
    }
}
