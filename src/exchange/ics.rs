//! Calendar export (RFC 5545) for a volunteer's phone: hearings at the instant the court's
//! clock says, open deadlines as all-day events, reminders a day and a week ahead. A phone
//! calendar is synced to servers Amparo does not control, so what goes in is chosen here:
//! by default no client name at all (a matter reference such as "M-12", or initials), and
//! a deadline title the user typed has the client's names in it replaced by initials.
//! UIDs are derived from a random value kept in the vault, so a re-export updates events
//! instead of adding copies, and says nothing about the vault.

use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::court_zones::court_zone;
use crate::error::{Error, Result};
use crate::model::{Attendance, HearingKind};
use crate::store::similar::{fold, words};
use crate::store::{audit, settings::set_setting, Store};
use crate::text::Text;
use crate::tr;

/// How clients are named in exported events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "ExportNames")]
pub enum Names {
    /// "M.R. (M-12)".
    Initials,
    /// "M-12" only: the default, nothing about the person.
    #[default]
    Reference,
    /// "María Ramírez (M-12)": asked for, confirmed and audited.
    Full,
}

impl std::str::FromStr for Names {
    type Err = Text;
    fn from_str(s: &str) -> std::result::Result<Self, Text> {
        match s.trim().to_ascii_lowercase().as_str() {
            "initials" => Ok(Names::Initials),
            "reference" | "ref" => Ok(Names::Reference),
            "full" => Ok(Names::Full),
            _ => Err(Text::fixed(
                "Names must be initials, reference or full.",
                "Los nombres deben ser initials, reference o full.",
            )),
        }
    }
}

impl Names {
    fn key(self) -> &'static str {
        match self {
            Names::Initials => "initials",
            Names::Reference => "reference",
            Names::Full => "full",
        }
    }
}

/// What to put in the calendar.
#[derive(Clone, Debug, Deserialize, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IcsOptions {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub names: Names,
    /// Write the events' words in Spanish.
    pub spanish: bool,
    /// The user confirmed that full names may leave the vault (required for `Full`).
    #[serde(default)]
    pub confirmed_full_names: bool,
}

/// What was written.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IcsSummary {
    pub hearings: u64,
    pub deadlines: u64,
    /// Check-ins, biometrics and interviews.
    pub appointments: u64,
    /// Hearings whose court's time zone Amparo does not know: written in "floating" time,
    /// which a phone shows at that clock time wherever it is.
    pub floating: u64,
    pub path: String,
}

/// The most days one export may span: a calendar of every year is not what a phone needs.
pub const MAX_DAYS: i64 = 3 * 366;

#[derive(sqlx::FromRow)]
struct HearingRow {
    id: i64,
    kind: HearingKind,
    starts_at: NaiveDateTime,
    court: Option<String>,
    judge: Option<String>,
    attendance: Attendance,
    matter_id: i64,
    given_name: String,
    family_name: String,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct AppointmentRow {
    id: i64,
    kind: crate::model::AppointmentKind,
    starts_at: NaiveDateTime,
    place: Option<String>,
    accompanied_by: Option<String>,
    matter_id: i64,
    given_name: String,
    family_name: String,
    updated_at: String,
}

#[derive(sqlx::FromRow)]
struct DeadlineRow {
    id: i64,
    title: String,
    due_on: NaiveDate,
    rule_id: Option<String>,
    matter_id: i64,
    client_id: i64,
    given_name: String,
    family_name: String,
    updated_at: String,
}

/// The SEQUENCE of an event: minutes from 2020 to its record's last change, so a moved
/// hearing reaches calendars (Google's, Outlook's) that update only a higher sequence.
fn sequence(updated_at: &str) -> u32 {
    let epoch = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").expect("valid");
    chrono::DateTime::parse_from_rfc3339(updated_at)
        .map(|t| ((t - epoch).num_minutes().max(0)).min(u32::MAX as i64) as u32)
        .unwrap_or(0)
}

/// "M.R." from "María", "Ramírez López" (the first letter of each name given, then of the
/// first family name).
pub fn initials(given: &str, family: &str) -> String {
    let first =
        |s: &str| s.split_whitespace().next().and_then(|w| w.chars().next()).map(|c| c.to_uppercase().to_string());
    let mut out = String::new();
    for w in given.split_whitespace() {
        if let Some(c) = w.chars().next() {
            out.push_str(&c.to_uppercase().to_string());
            out.push('.');
        }
    }
    if let Some(c) = first(family) {
        out.push_str(&c);
        out.push('.');
    }
    out
}

fn who(names: Names, matter_id: i64, given: &str, family: &str) -> String {
    let reference = format!("M-{matter_id}");
    match names {
        Names::Reference => reference,
        Names::Initials => format!("{} ({reference})", initials(given, family)),
        Names::Full => format!("{} {} ({reference})", given.trim(), family.trim()).trim().to_string(),
    }
}

/// A typed title with the client's name words replaced by their initial ("Call María about
/// the I-589" → "Call M. about the I-589"), unless full names were chosen.
pub fn scrub(title: &str, names: Names, given: &str, family: &str, aliases: &[String]) -> String {
    if names == Names::Full {
        return title.to_string();
    }
    let name_words = words(&format!("{given} {family} {}", aliases.join(" ")));
    let mut out = String::with_capacity(title.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            // An A-number or receipt typed into a title: its digits say who it is.
            if word.chars().filter(char::is_ascii_digit).count() >= 8 {
                out.push('#');
            } else if name_words.iter().any(|n| n.chars().count() > 1 && *n == fold(word)) {
                let c = word.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
                out.push_str(&c);
                out.push('.');
            } else {
                out.push_str(word);
            }
            word.clear();
        }
    };
    for c in title.chars() {
        if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A reminder `before` the event.
fn reminder(words: &str, before: Duration) -> Alarm {
    Alarm::display(words, -before)
}

/// The crate writes a DTSTAMP and a random UID into every component it renders; RFC 5545
/// (3.6.6) allows neither in a VALARM, and a random UID would change at every export. They
/// are dropped from the rendered alarms (both are short lines, never folded).
fn without_alarm_stamps(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_alarm = false;
    for line in text.split_inclusive("\r\n") {
        match line.trim_end() {
            "BEGIN:VALARM" => in_alarm = true,
            "END:VALARM" => in_alarm = false,
            l if in_alarm && (l.starts_with("DTSTAMP:") || l.starts_with("UID:")) => continue,
            _ => {}
        }
        out.push_str(line);
    }
    out
}

impl Store {
    /// Writes the calendar to `out` (readable by the user alone), and records the export,
    /// with how names were written, in the audit log.
    pub async fn export_ics(&self, opts: &IcsOptions, out: &Path) -> Result<IcsSummary> {
        for d in [opts.from, opts.to] {
            crate::model::fields::date(&d.to_string()).map_err(|m| crate::model::ValidationError::one("from", m))?;
        }
        if opts.names == Names::Full && !opts.confirmed_full_names {
            return Err(Error::Invalid(crate::model::ValidationError::one(
                "names",
                tr!(
                    "Confirm that client names may go into the calendar file and the services it syncs to.",
                    "Confirme que los nombres de los clientes pueden ir al archivo del calendario y a los servicios con que se sincroniza."
                ),
            )));
        }
        if opts.to < opts.from || (opts.to - opts.from).num_days() > MAX_DAYS {
            return Err(Error::Invalid(crate::model::ValidationError::one(
                "to",
                tr!(
                    "Choose a range of up to three years that ends after it starts.",
                    "Elija un periodo de hasta tres años que termine después de empezar."
                ),
            )));
        }
        let mut tx = self.pool().begin().await?;
        let salt: String = match sqlx::query_scalar("SELECT value FROM settings WHERE key = 'ics_uid_salt'")
            .fetch_optional(&mut *tx)
            .await?
        {
            Some(s) => s,
            None => {
                let s = hex::encode(rand::random::<[u8; 16]>());
                set_setting(&mut tx, "ics_uid_salt", &s).await?;
                s
            }
        };
        let uid = |kind: &str, id: i64| {
            let digest = Sha256::digest(format!("{salt}/{kind}/{id}").as_bytes());
            format!("{}@amparo", hex::encode(&digest[..16]))
        };
        let hearings: Vec<HearingRow> = sqlx::query_as(
            "SELECT h.id, h.kind, h.starts_at, h.court, h.judge, h.attendance, m.id AS matter_id, c.given_name, \
             c.family_name, h.updated_at FROM hearings h JOIN matters m ON m.id = h.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE h.starts_at >= ? AND h.starts_at < ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL \
             ORDER BY h.starts_at, h.id",
        )
        .bind(opts.from.to_string())
        .bind((opts.to + Duration::days(1)).to_string())
        .fetch_all(&mut *tx)
        .await?;
        let deadlines: Vec<DeadlineRow> = sqlx::query_as(
            "SELECT d.id, d.title, d.due_on, d.rule_id, m.id AS matter_id, c.id AS client_id, c.given_name, \
             c.family_name, d.updated_at FROM deadlines d JOIN matters m ON m.id = d.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE d.status = 'open' AND d.due_on BETWEEN ? AND ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL \
             ORDER BY d.due_on, d.id",
        )
        .bind(opts.from)
        .bind(opts.to)
        .fetch_all(&mut *tx)
        .await?;

        let appointments: Vec<AppointmentRow> = sqlx::query_as(
            "SELECT a.id, a.kind, a.starts_at, a.place, a.accompanied_by, m.id AS matter_id, c.given_name, \
             c.family_name, a.updated_at FROM appointments a JOIN matters m ON m.id = a.matter_id \
             JOIN clients c ON c.id = m.client_id \
             WHERE a.starts_at >= ? AND a.starts_at < ? AND a.deleted_at IS NULL AND m.deleted_at IS NULL \
             AND c.deleted_at IS NULL ORDER BY a.starts_at, a.id",
        )
        .bind(opts.from.to_string())
        .bind((opts.to + Duration::days(1)).to_string())
        .fetch_all(&mut *tx)
        .await?;

        let sp = opts.spanish;
        let mut cal = Calendar::empty();
        cal.append_property(("VERSION", "2.0"))
            .append_property(("PRODID", "-//Amparo//Amparo calendar export//EN"))
            .append_property(("CALSCALE", "GREGORIAN"));
        cal.name(Text::fixed("Amparo: hearings and deadlines", "Amparo: audiencias y plazos").pick(sp));
        let mut floating = 0;
        for h in &hearings {
            let kind = crate::model::spanish::hearing_kind(h.kind).pick(sp).to_string();
            let mut e = Event::new();
            e.uid(&uid("hearing", h.id))
                .sequence(sequence(&h.updated_at))
                .summary(&format!(
                    "{}: {kind} · {}",
                    Text::fixed("Hearing", "Audiencia").pick(sp),
                    who(opts.names, h.matter_id, &h.given_name, &h.family_name)
                ))
                .alarm(reminder(Text::fixed("Hearing tomorrow", "Audiencia mañana").pick(sp), Duration::days(1)));
            let zone = h.court.as_deref().and_then(court_zone).and_then(|z| z.parse::<chrono_tz::Tz>().ok());
            // A time in the spring-forward gap does not exist on the court's clock: read it
            // an hour later, as the clock on the wall does.
            let local = |tz: chrono_tz::Tz| {
                tz.from_local_datetime(&h.starts_at)
                    .earliest()
                    .or_else(|| tz.from_local_datetime(&(h.starts_at + Duration::hours(1))).earliest())
            };
            let (start, end) = match zone.and_then(local) {
                Some(at) => {
                    let utc = at.with_timezone(&chrono::Utc);
                    (CalendarDateTime::Utc(utc), CalendarDateTime::Utc(utc + Duration::hours(1)))
                }
                None => {
                    floating += 1;
                    (
                        CalendarDateTime::Floating(h.starts_at),
                        CalendarDateTime::Floating(h.starts_at + Duration::hours(1)),
                    )
                }
            };
            e.starts(start).ends(end);
            if let Some(court) = &h.court {
                e.location(court);
            }
            let mut lines = Vec::new();
            if let Some(j) = &h.judge {
                lines.push(format!("{}: {j}", Text::fixed("Judge", "Juez/a").pick(sp)));
            }
            lines.push(crate::model::spanish::attendance(h.attendance).pick(sp).to_string());
            lines.push(
                Text::fixed(
                    "Time as on the hearing notice (the court's local time). Open Amparo for the case.",
                    "Hora según la notificación de audiencia (hora local de la corte). Abra Amparo para ver el caso.",
                )
                .pick(sp)
                .to_string(),
            );
            e.description(&lines.join("\n"));
            cal.push(e.done());
        }
        // An office's time zone is not known: the time is written as the notice gives it
        // ("floating"), which a phone shows at that clock time.
        for a in &appointments {
            let kind = crate::model::spanish::appointment_kind(a.kind).pick(sp).to_string();
            let mut e = Event::new();
            e.uid(&uid("appointment", a.id))
                .sequence(sequence(&a.updated_at))
                .summary(&format!(
                    "{}: {kind} · {}",
                    Text::fixed("Appointment", "Cita").pick(sp),
                    who(opts.names, a.matter_id, &a.given_name, &a.family_name)
                ))
                .starts(CalendarDateTime::Floating(a.starts_at))
                .ends(CalendarDateTime::Floating(a.starts_at + Duration::hours(1)))
                .alarm(reminder(Text::fixed("Appointment tomorrow", "Cita mañana").pick(sp), Duration::days(1)));
            if let Some(place) = &a.place {
                e.location(place);
            }
            let mut lines = Vec::new();
            // Who goes along is often a relative with the client's family name: only in a
            // calendar that names clients anyway.
            if let (Some(w), Names::Full) = (&a.accompanied_by, opts.names) {
                lines.push(format!("{}: {w}", Text::fixed("Going with the client", "Acompaña").pick(sp)));
            }
            lines.push(Text::fixed("Open Amparo for the case.", "Abra Amparo para ver el caso.").pick(sp).to_string());
            e.description(&lines.join("\n"));
            cal.push(e.done());
        }
        for d in &deadlines {
            let title = match d.rule_id.as_deref().and_then(crate::rules::table::find) {
                Some(rule) => rule.name.pick(sp).to_string(),
                None => {
                    let aliases: Vec<String> =
                        sqlx::query_scalar("SELECT name FROM client_aliases WHERE client_id = ?")
                            .bind(d.client_id)
                            .fetch_all(&mut *tx)
                            .await?;
                    scrub(&d.title, opts.names, &d.given_name, &d.family_name, &aliases)
                }
            };
            let mut e = Event::new();
            e.uid(&uid("deadline", d.id))
                .sequence(sequence(&d.updated_at))
                .summary(&format!(
                    "{}: {title} · {}",
                    Text::fixed("Deadline", "Plazo").pick(sp),
                    who(opts.names, d.matter_id, &d.given_name, &d.family_name)
                ))
                .starts(DatePerhapsTime::Date(d.due_on))
                .ends(DatePerhapsTime::Date(d.due_on + Duration::days(1)))
                .description(
                    Text::fixed(
                        "Open Amparo for how this date was counted and the rule it comes from.",
                        "Abra Amparo para ver cómo se contó esta fecha y de qué regla viene.",
                    )
                    .pick(sp),
                )
                .alarm(reminder(Text::fixed("Deadline in 7 days", "Plazo en 7 días").pick(sp), Duration::days(7)))
                .alarm(reminder(Text::fixed("Deadline tomorrow", "Plazo mañana").pick(sp), Duration::days(1)));
            cal.push(e.done());
        }
        let text = without_alarm_stamps(&cal.done().to_string());
        super::write_private(out, text.as_bytes())?;
        let summary = IcsSummary {
            hearings: hearings.len() as u64,
            deadlines: deadlines.len() as u64,
            appointments: appointments.len() as u64,
            floating,
            path: out.display().to_string(),
        };
        let audit_written = audit::record(
            &mut tx,
            self.actor(),
            "export",
            "export",
            None,
            serde_json::json!({
                "what": "calendar", "names": opts.names.key(), "from": opts.from, "to": opts.to,
                "hearings": summary.hearings, "deadlines": summary.deadlines,
                "appointments": summary.appointments, "file": out.display().to_string(),
            }),
        )
        .await
        .and(Ok(()));
        // A calendar whose export could not be recorded does not stay behind unrecorded.
        if let Err(e) = match audit_written {
            Ok(()) => tx.commit().await.map_err(Error::from),
            Err(e) => Err(e),
        } {
            let _ = std::fs::remove_file(out);
            return Err(e);
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_each_mode() {
        assert_eq!(initials("María José", "Ramírez López"), "M.J.R.");
        assert_eq!(who(Names::Reference, 12, "María", "Ramírez"), "M-12");
        assert_eq!(who(Names::Initials, 12, "María", "Ramírez"), "M.R. (M-12)");
        assert_eq!(who(Names::Full, 12, "María", "Ramírez"), "María Ramírez (M-12)");
    }

    #[test]
    fn a_typed_title_loses_the_clients_names() {
        let none: &[String] = &[];
        assert_eq!(
            scrub("Call maria RAMIREZ re: I-589", Names::Initials, "María", "Ramírez", none),
            "Call M. R. re: I-589"
        );
        assert_eq!(scrub("Brief due", Names::Reference, "María", "Ramírez", none), "Brief due");
        assert_eq!(scrub("Call María", Names::Full, "María", "Ramírez", none), "Call María");
        let alias = vec!["Chepita".to_string()];
        assert_eq!(scrub("Chepita's A123456789 notice", Names::Reference, "José", "Díaz", &alias), "C.'s # notice");
    }
}
