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
                .map(|r| json!({ "id": r.id, "name": r.name, "citation": r.citation, "trigger": r.trigger, "source": r.source }))
                .collect();
            print(json, &json!({ "table_version": TABLE_VERSION, "rules": rules }), || {
                RULES.iter().map(|r| format!("{:<24} {}\n{:<24} {}", r.id, r.name, "", r.citation)).collect::<Vec<_>>().join("\n")
            });
        }
        RulesCmd::Compute { rule, from, served_by_mail, closures, clock_stops } => {
            let from = fields::date(&from).map_err(|m| invalid("from", m))?;
            let options = Options {
                served_by_mail,
                closures: closures.iter().map(|c| parse_closure(c)).collect::<Result<_>>()?,
                clock_stops: clock_stops.iter().map(|c| parse_stop(c)).collect::<Result<_>>()?,
            };
            let c = compute(&rule, from, &options)?;
            print(json, &c, || format!("Due {} ({})\n{}", c.due, c.due.format("%A"), c.explanation));
        }
    }
    Ok(())
}

fn parse_closure(raw: &str) -> Result<Closure> {
    let (date, reason) = raw.split_once('=').unwrap_or((raw, ""));
    let date = fields::date(date).map_err(|m| invalid("closure", m))?;
    let reason = if reason.trim().is_empty() { "closure entered by the user".to_string() } else { reason.trim().to_string() };
    Ok(Closure { date, reason })
}

fn parse_stop(raw: &str) -> Result<ClockStop> {
    let (a, b) = raw
        .split_once("..")
        .ok_or_else(|| invalid("clock_stop", format!("\"{raw}\" is not a clock stop. Write it as 2026-02-01..2026-02-15.")))?;
    Ok(ClockStop {
        stopped: fields::date(a).map_err(|m| invalid("clock_stop", m))?,
        restarted: fields::date(b).map_err(|m| invalid("clock_stop", m))?,
    })
}

fn invalid(field: &str, message: String) -> Error {
    Error::Invalid(ValidationError::one(field, message))
}
