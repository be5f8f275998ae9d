//! Where this vault syncs, with what credentials (kept inside the vault, never in a file
//! or a command line), and how often the app syncs on its own.

use serde::Serialize;

use super::remote::{Remote, S3Credentials};
use super::state::Me;
use super::ClinicError;
use crate::error::Result;
use crate::store::Store;

/// The remote as the settings screen shows it (never the secret).
#[derive(Clone, Debug, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RemoteSettings {
    pub location: Option<String>,
    pub key_id: Option<String>,
    pub has_secret: bool,
    /// 0: only "Sync now" and at unlock.
    pub every_minutes: i64,
}

impl Store {
    pub async fn clinic_remote_settings(&self) -> Result<RemoteSettings> {
        // Before taking the connection: the vault's pool has one, and `setting` takes it too.
        let every = self.setting("sync_minutes").await?.and_then(|m| m.parse().ok()).unwrap_or(0);
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        Ok(RemoteSettings {
            location: me.row.remote,
            key_id: me.row.remote_key_id,
            has_secret: me.row.remote_secret.is_some(),
            every_minutes: every,
        })
    }

    /// Sets the remote. An empty `secret` keeps the stored one; empty key and secret clear them.
    pub async fn set_clinic_remote(
        &self,
        location: &str,
        key_id: &str,
        secret: &str,
        every_minutes: i64,
    ) -> Result<()> {
        let location = location.trim();
        Remote::open(location, None)?;
        if !(0..=24 * 60).contains(&every_minutes) {
            return Err(crate::Error::Invalid(crate::model::ValidationError::one(
                "every_minutes",
                crate::tr!(
                    "Sync every 0 (only on unlock and Sync now) to 1440 minutes.",
                    "Sincronice cada 0 (solo al desbloquear y con Sincronizar ahora) a 1440 minutos."
                ),
            )));
        }
        let mut tx = self.pool().begin().await?;
        Me::load(&mut tx).await?;
        let key_id = key_id.trim();
        sqlx::query(
            "UPDATE clinic_self SET remote = ?1, remote_key_id = NULLIF(?2, ''), \
             remote_secret = CASE WHEN ?2 = '' THEN NULL WHEN ?3 = '' THEN remote_secret ELSE ?3 END WHERE id = 1",
        )
        .bind(location)
        .bind(key_id)
        .bind(secret)
        .execute(&mut *tx)
        .await?;
        crate::store::settings::set_setting(&mut tx, "sync_minutes", &every_minutes.to_string()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The remote to sync with, opened with the stored credentials (else `AWS_*`).
    pub async fn clinic_remote(&self) -> Result<Remote> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let location = me.row.remote.ok_or(ClinicError::NoRemote)?;
        let creds = match (me.row.remote_key_id, me.row.remote_secret) {
            (Some(key_id), Some(secret)) => Some(S3Credentials { key_id, secret }),
            _ => None,
        };
        Ok(Remote::open(&location, creds.as_ref())?)
    }
}
