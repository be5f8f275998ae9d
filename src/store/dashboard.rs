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

/// Each of the dashboard's lists shows its most urgent entries, this many, beside how many
/// there are in all; "Show all" pages through the rest. What a screen shows stays the same
/// size however large the clinic's vault grows.
pub const DASHBOARD_ROWS: i64 = 15;

/// The calendar shows at most this many hearings and this many deadlines a day over a
/// range of days, and says how many more there are; a single day shows up to
/// [`CALENDAR_DAY_ROWS`].
pub const CALENDAR_PER_DAY: i64 = 12;
pub const CALENDAR_DAY_ROWS: i64 = 500;

crate::text_enum!(
    /// One of the dashboard's groups of open deadlines.
    DeadlineGroup {
        Overdue = "overdue": "Overdue",
        DueWithin7 = "due_within_7": "Due within 7 days",
        DueWithin30 = "due_within_30": "Due in 8 to 30 days",
        OneYear = "one_year": "Asylum one-year deadlines",
    }
);

impl DeadlineGroup {
    /// The days (from, to) of the group, and its rule.
    fn span(self, today: NaiveDate) -> super::deadlines::OpenDeadlines<'static> {
        use super::deadlines::OpenDeadlines;
        let day = |n: i64| Some(today + Duration::days(n));
        match self {
            DeadlineGroup::Overdue => OpenDeadlines { to: day(-1), ..Default::default() },
            DeadlineGroup::DueWithin7 => OpenDeadlines { from: day(0), to: day(7), ..Default::default() },
            DeadlineGroup::DueWithin30 => OpenDeadlines { from: day(8), to: day(30), ..Default::default() },
            DeadlineGroup::OneYear => {
                OpenDeadlines { to: day(60), rule: Some(super::matters::ONE_YEAR), ..Default::default() }
            }
        }
    }
}

/// How many entries each of the dashboard's lists has in all (each shows at most
/// [`DASHBOARD_ROWS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DashboardCounts {
    pub overdue: i64,
    pub due_within_7: i64,
    pub due_within_30: i64,
    pub one_year: i64,
    pub hearings: i64,
    /// Cases not closed with an individual hearing in 30 days and checklist items missing.
    pub missing_evidence: i64,
}

/// A day on which the calendar left entries out, and how many there are in all.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DayTotals {
    pub date: NaiveDate,
    pub hearings: i64,
    pub deadlines: i64,
}

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
    /// How many of each list there are (each list holds the most urgent [`DASHBOARD_ROWS`]).
    pub counts: DashboardCounts,
    pub overdue: Vec<DeadlineListItem>,
    pub due_within_7: Vec<DeadlineListItem>,
    pub due_within_30: Vec<DeadlineListItem>,
    /// Open asylum one-year deadlines that have passed or fall within 60 days.
    pub one_year: Vec<DeadlineListItem>,
    /// Hearings from the Monday of this week to the Sunday of next week (the first
    /// [`DASHBOARD_ROWS`]; the calendar shows them all).
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
    /// Cases with an individual hearing in 30 days still missing evidence (the first
    /// [`DASHBOARD_ROWS`]; `counts.missing_evidence` says how many in all).
    pub missing_evidence: Vec<crate::documents::checklist::MissingEvidence>,
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
    /// Days with more hearings or deadlines than the calendar shows for each day, with
    /// their totals (empty when nothing was left out).
    pub more: Vec<DayTotals>,
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
    /// Hearings and deadlines from `from` to `to` inclusive (at most about a year): up to
    /// [`CALENDAR_PER_DAY`] of each a day over a range, [`CALENDAR_DAY_ROWS`] for a single
    /// day, with the totals of any day that has more.
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
        let per_day = if from == to { CALENDAR_DAY_ROWS } else { CALENDAR_PER_DAY };
        let hearings = self.hearings_in(from, to, per_day, i64::MAX).await?;
        let deadlines = self.deadlines_between(from, to, today, per_day).await?;
        let mut more = std::collections::BTreeMap::<NaiveDate, (Option<i64>, Option<i64>)>::new();
        for (date, n) in self.hearings_per_day(from, to, per_day).await? {
            more.entry(date).or_default().0 = Some(n);
        }
        for (date, n) in self.deadlines_per_day(from, to, per_day).await? {
            more.entry(date).or_default().1 = Some(n);
        }
        // Where only one kind overflowed, the other is shown whole: its total is what was read.
        let more = more
            .into_iter()
            .map(|(date, (h, d))| DayTotals {
                date,
                hearings: h
                    .unwrap_or_else(|| hearings.iter().filter(|x| x.fields.starts_at.date() == date).count() as i64),
                deadlines: d
                    .unwrap_or_else(|| deadlines.iter().filter(|x| x.deadline.fields.due_on == date).count() as i64),
            })
            .collect();
        Ok(CalendarRange {
            from,
            to,
            hearings: self.with_clients(hearings).await?,
            deadlines,
            appointments: self.appointments_between(from, to, 2000).await?,
            more,
            holidays: holidays_between(from, to),
        })
    }

    /// The counts for today's reminder, from the index of open deadlines alone.
    pub async fn reminder(&self, today: NaiveDate) -> Result<Reminder> {
        let (overdue, due_today, due_tomorrow): (i64, i64, i64) = sqlx::query_as(
            "SELECT COALESCE(SUM(due_on < ?1), 0), COALESCE(SUM(due_on = ?1), 0), COALESCE(SUM(due_on = ?2), 0) \
             FROM deadlines INDEXED BY deadlines_open WHERE status = 'open' AND live = 1 AND due_on <= ?2",
        )
        .bind(today)
        .bind(today + Duration::days(1))
        .fetch_one(self.pool())
        .await?;
        Ok(Reminder { overdue, due_today, due_tomorrow })
    }

    /// A page of one of the dashboard's groups of open deadlines, most urgent first.
    pub async fn deadline_group(
        &self,
        group: DeadlineGroup,
        today: NaiveDate,
        offset: i64,
        limit: i64,
    ) -> Result<super::Page<DeadlineListItem>> {
        let q = super::deadlines::OpenDeadlines { offset, limit, ..group.span(today) };
        self.open_deadlines(&q, today).await
    }

    /// The dashboard as of `today`: the most urgent [`DASHBOARD_ROWS`] of each list, and
    /// how many there are.
    pub async fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let mut counts = DashboardCounts::default();
        let group = |g: DeadlineGroup| self.deadline_group(g, today, 0, DASHBOARD_ROWS);
        let overdue = group(DeadlineGroup::Overdue).await?;
        let due_within_7 = group(DeadlineGroup::DueWithin7).await?;
        let due_within_30 = group(DeadlineGroup::DueWithin30).await?;
        let one_year = group(DeadlineGroup::OneYear).await?;
        (counts.overdue, counts.due_within_7, counts.due_within_30, counts.one_year) =
            (overdue.total, due_within_7.total, due_within_30.total, one_year.total);
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let sunday = monday + Duration::days(13);
        let hearings = self.hearings_in(monday, sunday, i64::MAX, DASHBOARD_ROWS).await?;
        counts.hearings =
            sqlx::query_scalar("SELECT COUNT(*) FROM hearings WHERE starts_at >= ?1 AND starts_at < ?2 AND live = 1")
                .bind(monday.to_string())
                .bind((sunday + Duration::days(1)).to_string())
                .fetch_one(self.pool())
                .await?;
        let hearings = self.with_clients(hearings).await?;
        // Read from the index of open deadlines by volunteer alone.
        let volunteers = sqlx::query_as(
            "SELECT volunteer, COUNT(*) AS open_deadlines, COALESCE(SUM(due_on < ?1), 0) AS overdue \
             FROM deadlines INDEXED BY deadlines_open_volunteer WHERE status = 'open' AND live = 1 \
             GROUP BY volunteer ORDER BY 3 DESC, 2 DESC, 1",
        )
        .bind(today)
        .fetch_all(self.pool())
        .await?;
        let backup = self.backup_status().await?;
        let recheck = self.hearings_to_recheck(today, RECHECK_DAYS, 10).await?;
        let recheck_filings = self.filings_to_recheck(today, RECHECK_DAYS, 10).await?;
        let appointments = self.appointments_between(today, sunday, 50).await?;
        let (missing_total, missing_evidence) = self.missing_evidence(today, DASHBOARD_ROWS as usize).await?;
        counts.missing_evidence = missing_total;
        Ok(Dashboard {
            today,
            counts,
            overdue: overdue.items,
            due_within_7: due_within_7.items,
            due_within_30: due_within_30.items,
            one_year: one_year.items,
            hearings,
            volunteers,
            recheck,
            recheck_filings,
            appointments,
            backup,
            missing_evidence,
        })
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
