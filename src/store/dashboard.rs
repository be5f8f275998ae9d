//! The dashboard: what needs attention, computed in one place for the app and the CLI.

use crate::text::Text;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::deadlines::DeadlineListItem;
use super::Store;
use crate::error::Result;
use crate::model::Hearing;

/// A hearing date not confirmed for this many days is on the re-check list: clinics call
/// the EOIR line about every week, and two weeks without a check is one missed.
pub const RECHECK_DAYS: i64 = 14;

/// A hearing with whose it is.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HearingListItem {
    #[serde(flatten)]
    #[ts(flatten)]
    pub hearing: Hearing,
    pub client_id: i64,
    pub client_name: String,
    /// The matter's volunteer.
    pub volunteer: Option<String>,
}

/// A federal holiday, for the calendar (courts and USCIS are closed; deadlines move).
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HolidayItem {
    pub date: NaiveDate,
    pub name: Text,
}

/// Open deadlines per assigned volunteer, for coordinators.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct VolunteerLoad {
    /// Empty when nobody is assigned.
    pub volunteer: String,
    pub open_deadlines: i64,
    pub overdue: i64,
}

/// Everything the dashboard shows.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Dashboard {
    pub today: NaiveDate,
    pub overdue: Vec<DeadlineListItem>,
    pub due_within_7: Vec<DeadlineListItem>,
    pub due_within_30: Vec<DeadlineListItem>,
    /// Open asylum one-year deadlines that have passed or fall within 60 days.
    pub one_year: Vec<DeadlineListItem>,
    /// Hearings from the Monday of this week to the Sunday of next week.
    pub hearings: Vec<HearingListItem>,
    pub volunteers: Vec<VolunteerLoad>,
    /// Coming hearings whose date was not confirmed in the last 14 days (at most 10).
    pub recheck: Vec<HearingListItem>,
    /// Filings waiting on USCIS whose case status was not checked in 14 days (at most 10).
    pub recheck_filings: Vec<super::filings::FilingListItem>,
    /// Appointments (check-ins, biometrics, interviews) this week and next.
    pub appointments: Vec<super::appointments::AppointmentItem>,
    /// The backup folder and the last good backup (the dashboard warns after 7 days).
    pub backup: super::backups::BackupStatus,
}

/// How many open deadlines need attention now, for a desktop notification. Only
/// counts: a notification must not carry names, since notification daemons may keep a
/// history on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Reminder {
    pub overdue: i64,
    pub due_today: i64,
    pub due_tomorrow: i64,
}

impl Reminder {
    /// The notification's words, or None when nothing is due. Built here, not in the page:
    /// the page may only ask for the reminder, never choose what a notification says, so
    /// no name can reach a notification daemon's history.
    pub fn text(&self, spanish: bool) -> Option<String> {
        let n = |count: i64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.overdue > 0 {
            parts.push(if spanish {
                n(self.overdue, "plazo vencido", "plazos vencidos")
            } else {
                format!("{} overdue", n(self.overdue, "deadline", "deadlines"))
            });
        }
        if self.due_today > 0 {
            parts.push(if spanish {
                n(self.due_today, "vence hoy", "vencen hoy")
            } else {
                format!("{} due today", self.due_today)
            });
        }
        if self.due_tomorrow > 0 {
            parts.push(if spanish {
                n(self.due_tomorrow, "vence mañana", "vencen mañana")
            } else {
                format!("{} due tomorrow", self.due_tomorrow)
            });
        }
        if parts.is_empty() {
            return None;
        }
        Some(if spanish {
            format!("Plazos: {}. Abra Amparo para verlos.", parts.join("; "))
        } else {
            format!("Deadlines: {}. Open Amparo to see them.", parts.join("; "))
        })
    }
}

#[cfg(test)]
mod reminder_tests {
    use super::Reminder;

    #[test]
    fn says_nothing_when_nothing_is_due_and_counts_in_both_languages() {
        assert_eq!(Reminder { overdue: 0, due_today: 0, due_tomorrow: 0 }.text(false), None);
        assert_eq!(
            Reminder { overdue: 2, due_today: 0, due_tomorrow: 1 }.text(false).unwrap(),
            "Deadlines: 2 deadlines overdue; 1 due tomorrow. Open Amparo to see them."
        );
        assert_eq!(
            Reminder { overdue: 1, due_today: 3, due_tomorrow: 0 }.text(true).unwrap(),
            "Plazos: 1 plazo vencido; 3 vencen hoy. Abra Amparo para verlos."
        );
    }
}

/// What the calendar shows for a range of days.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CalendarRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hearings: Vec<HearingListItem>,
    pub deadlines: Vec<DeadlineListItem>,
    pub appointments: Vec<super::appointments::AppointmentItem>,
    /// Federal holidays as observed (a Saturday's on the Friday before, a Sunday's on the
    /// Monday after), 5 U.S.C. 6103.
    pub holidays: Vec<HolidayItem>,
}

/// The federal holidays observed on days from `from` to `to`.
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<HolidayItem> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter_map(|date| crate::rules::holidays::observed_holiday(date).map(|name| HolidayItem { date, name }))
        .collect()
}

impl Store {
    /// Hearings and deadlines from `from` to `to` inclusive (at most about a year).
    pub async fn calendar(&self, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<CalendarRange> {
        if to < from || (to - from).num_days() > 400 {
            return Err(crate::model::ValidationError::one(
                "to",
                Text::fixed(
                    "Choose a range of at most a year, ending after it starts.",
                    "Elija un periodo de un año como máximo, que termine después de empezar.",
                ),
            )
            .into());
        }
        Ok(CalendarRange {
            from,
            to,
            hearings: self.hearings_with_clients(from, to).await?,
            deadlines: self.deadlines_between(from, to, today).await?,
            appointments: self.appointments_between(from, to, 2000).await?,
            holidays: holidays_between(from, to),
        })
    }

    /// The counts for today's reminder.
    pub async fn reminder(&self, today: NaiveDate) -> Result<Reminder> {
        let due = self.deadlines_due(today, 1).await?;
        let count = |pred: &dyn Fn(i64) -> bool| due.iter().filter(|d| pred(d.days_left)).count() as i64;
        Ok(Reminder { overdue: count(&|n| n < 0), due_today: count(&|n| n == 0), due_tomorrow: count(&|n| n == 1) })
    }

    /// The dashboard as of `today`.
    pub async fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let one_year = self
            .deadlines_due(today, 60)
            .await?
            .into_iter()
            .filter(|d| matches!(&d.deadline.fields.source, crate::model::DeadlineSource::Rule { rule_id, .. } if rule_id == super::matters::ONE_YEAR))
            .collect();
        let all = self.deadlines_due(today, 30).await?;
        let (overdue, upcoming): (Vec<_>, Vec<_>) = all.into_iter().partition(|d| d.days_left < 0);
        let (due_within_7, due_within_30): (Vec<_>, Vec<_>) = upcoming.into_iter().partition(|d| d.days_left <= 7);
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let hearings = self.hearings_with_clients(monday, monday + Duration::days(13)).await?;
        let volunteers = sqlx::query_as(
            "SELECT COALESCE(d.assigned_to, m.assigned_to, '') AS volunteer, COUNT(*) AS open_deadlines, \
             SUM(d.due_on < ?) AS overdue \
             FROM deadlines d JOIN matters m ON m.id = d.matter_id JOIN clients c ON c.id = m.client_id \
             WHERE d.status = 'open' AND m.deleted_at IS NULL AND c.deleted_at IS NULL \
             GROUP BY 1 ORDER BY 3 DESC, 2 DESC, 1",
        )
        .bind(today)
        .fetch_all(self.pool())
        .await?;
        let backup = self.backup_status().await?;
        let recheck = self.hearings_to_recheck(today, RECHECK_DAYS, 10).await?;
        let recheck_filings = self.filings_to_recheck(today, RECHECK_DAYS, 10).await?;
        let appointments = self.appointments_between(today, monday + Duration::days(13), 50).await?;
        Ok(Dashboard {
            today,
            overdue,
            due_within_7,
            due_within_30,
            one_year,
            hearings,
            volunteers,
            recheck,
            recheck_filings,
            appointments,
            backup,
        })
    }

    /// Hearings between two days (inclusive) with their client's name.
    pub async fn hearings_with_clients(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<HearingListItem>> {
        let hearings = self.hearings_between(from, to).await?;
        self.with_clients(hearings).await
    }

    /// Each hearing with its client's id and name and its matter's volunteer, read in one
    /// query for all the hearings' matters rather than two per hearing.
    pub(crate) async fn with_clients(&self, hearings: Vec<Hearing>) -> Result<Vec<HearingListItem>> {
        let mut ids: Vec<i64> = hearings.iter().map(|h| h.fields.matter_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut whose = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT m.id, c.id, {}, m.assigned_to FROM matters m JOIN clients c ON c.id = m.client_id \
                 WHERE m.id IN ({marks})",
                super::CLIENT_NAME
            );
            let mut q = sqlx::query_as::<_, (i64, i64, String, Option<String>)>(&sql);
            for id in chunk {
                q = q.bind(id);
            }
            for (m, c, name, volunteer) in q.fetch_all(self.pool()).await? {
                whose.insert(m, (c, name, volunteer));
            }
        }
        let mut out = Vec::with_capacity(hearings.len());
        for hearing in hearings {
            let Some((client_id, client_name, volunteer)) = whose.get(&hearing.fields.matter_id).cloned() else {
                continue;
            };
            out.push(HearingListItem { client_id, client_name, volunteer, hearing });
        }
        Ok(out)
    }
}
