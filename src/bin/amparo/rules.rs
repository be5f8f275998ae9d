//! `amparo rules`: the deadline engine from the command line. Needs no vault.

use serde_json::json;

use amparo::model::{fields, ValidationError};
use amparo::rules::{compute, ClockStop, Closure, Options, RULES, TABLE_VERSION};
use amparo::{Error, Result};

use crate::args::RulesCmd;
use crate::output::print;

pub fn run(cmd: RulesCmd, json: bool) -> Result<()> {
    match cmd {
        RulesCmd::List => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id, "name": r.name.en, "name_es": r.name.es, "citation": r.citation,
                        "trigger": r.trigger.en, "trigger_es": r.trigger.es, "source": r.source,
                        "counting": r.counting, "roll": r.roll, "filed_with": r.filed_with,
                    })
                })
                .collect();
            print(json, &json!({ "table_version": TABLE_VERSION, "rules": rules }), || {
                RULES
                    .iter()
                    .map(|r| format!("{:<24} {}\n{:<24} {}", r.id, r.name, "", r.citation))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RulesCmd::Compute {
            rule,
            from,
            served_by_mail,
            closures,
            clock_stops,
            days,
            before_conclusion,
            washington_area,
        } => {
            let from = fields::date(&from).map_err(|m| invalid("from", m))?;
            let options = Options {
                served_by_mail,
                closures: closures.iter().map(|c| parse_closure(c)).collect::<Result<_>>()?,
                clock_stops: clock_stops.iter().map(|c| parse_stop(c)).collect::<Result<_>>()?,
                days,
                before_conclusion,
                washington_area,
            };
            let c = compute(&rule, from, &options)?;
            print(json, &computed_json(&c), || format!("Due {} ({})\n{}", c.due, c.due.format("%A"), c.explanation.en));
        }
    }
    Ok(())
}

/// The computed deadline with English text in the documented fields (`name`,
/// `explanation`, `steps`, `doubt`) and the Spanish beside it (`explanation_es`…), so that
/// scripts keep reading plain strings. Fields are only ever added: `safer`, `days` and
/// `optional_closures` (the later date the known optional closures would give, or null).
fn computed_json(c: &amparo::rules::Computed) -> serde_json::Value {
    let optional = c.with_optional_closures.as_ref().map(|o| {
        json!({
            "due": o.due,
            "closures": o.closures.iter().map(|k| json!({
                "date": k.date, "reason": k.reason.en, "reason_es": k.reason.es, "source": k.source, "scope": k.scope,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "rule": c.rule, "name": c.name.en, "name_es": c.name.es, "from": c.from, "due": c.due,
        "unrolled": c.unrolled, "also": c.also, "safer": c.safer, "days": c.days,
        "optional_closures": optional, "citation": c.citation, "source": c.source,
        "doubt": c.doubt.as_ref().map(|d| &d.en), "doubt_es": c.doubt.as_ref().map(|d| &d.es),
        "steps": c.steps.iter().map(|s| &s.en).collect::<Vec<_>>(),
        "steps_es": c.steps.iter().map(|s| &s.es).collect::<Vec<_>>(),
        "explanation": c.explanation.en, "explanation_es": c.explanation.es,
        "table_version": c.table_version,
    })
}

fn parse_closure(raw: &str) -> Result<Closure> {
    let (date, reason) = raw.split_once('=').unwrap_or((raw, ""));
    let date = fields::date(date).map_err(|m| invalid("closure", m))?;
    let reason =
        if reason.trim().is_empty() { "closure entered by the user".to_string() } else { reason.trim().to_string() };
    Ok(Closure { date, reason })
}

fn parse_stop(raw: &str) -> Result<ClockStop> {
    let (a, b) = raw.split_once("..").ok_or_else(|| {
        invalid(
            "clock_stop",
            amparo::tr!(
                "\"{raw}\" is not a clock stop. Write it as 2026-02-01..2026-02-15.",
                "«{raw}» no es una parada del reloj. Escríbala como 2026-02-01..2026-02-15."
            ),
        )
    })?;
    Ok(ClockStop {
        stopped: fields::date(a).map_err(|m| invalid("clock_stop", m))?,
        restarted: fields::date(b).map_err(|m| invalid("clock_stop", m))?,
    })
}

fn invalid(field: &str, message: amparo::text::Text) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}
