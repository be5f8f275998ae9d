//! An unencrypted database with the vault's schema and settings, for the benchmarks only:
//! they measure what encryption costs by running the same queries on both. Compiled only
//! with the `bench-plain` feature, which no shipped build turns on.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::ConnectOptions;

use crate::error::{Error, Result};

/// Creates (or opens) a plain database at `path`, brings its schema up to date, and gives
/// it a vault id like a vault's.
pub async fn open_plain_for_benchmark(path: &Path) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str("sqlite://")
        .map_err(|e| Error::Database(e.to_string()))?
        .filename(path)
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .disable_statement_logging();
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|conn, _| {
            Box::pin(async move {
                for pragma in super::SESSION_PRAGMAS {
                    sqlx::query(pragma).execute(&mut *conn).await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    super::MIGRATOR.run(&pool).await.map_err(|e| Error::Migration(e.to_string()))?;
    sqlx::query("INSERT OR IGNORE INTO vault_meta (key, value) VALUES ('vault_id', 'plain-benchmark')")
        .execute(&pool)
        .await?;
    Ok(pool)
}
