//! Queries over an unlocked vault. Each domain has its own module; every write that
//! touches two tables (the record, its search entry, its audit row) runs in one
//! transaction, so a crash leaves all of it or none.

pub mod appointments;
pub mod audit;
pub mod backups;
pub mod clients;
pub mod custody;
pub mod dashboard;
pub mod deadlines;
pub mod drafts;
pub mod filings;
pub mod hearings;
pub mod matters;
pub mod notes;
pub mod retention;
pub mod search;
pub mod settings;
pub mod similar;

use chrono::{NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use sqlx::sqlite::SqlitePool;

use crate::error::{Error, Result};

/// The case store over one vault's connection pool.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    actor: String,
}

/// A page of results and how many there are in all.
#[derive(Clone, Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Page<T: ts_rs::TS> {
    pub items: Vec<T>,
    pub total: i64,
}

/// A client's name as lists show it, "Family, Given" as on EOIR notices (a single name
/// alone), for a query where the client is `c`. Matches `Client::display_name`.
pub(crate) const CLIENT_NAME: &str = "CASE WHEN c.family_name = '' THEN c.given_name WHEN c.given_name = '' \
     THEN c.family_name ELSE c.family_name || ', ' || c.given_name END";

/// A query being bound, for the helpers that bind a record's columns in one place.
pub(crate) type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

impl Store {
    /// A store that records `actor` (the user's own name) in the audit log.
    pub fn new(pool: SqlitePool, actor: impl Into<String>) -> Self {
        Store { pool, actor: actor.into() }
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub(crate) fn actor(&self) -> &str {
        &self.actor
    }

    /// The user's name as this store records it (the default member name in a clinic).
    pub fn actor_name(&self) -> &str {
        &self.actor
    }

    /// Today's date on this computer, for validation.
    pub fn today() -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// The current time as stored: RFC 3339, UTC, to the second.
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Fails with NotFound when an update or delete touched no row.
pub(crate) fn expect_one(rows: u64, entity: &'static str, id: i64) -> Result<()> {
    if rows == 0 {
        Err(Error::NotFound { entity, id })
    } else {
        Ok(())
    }
}
