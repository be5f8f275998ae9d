//! Clients: add, read, list, change, soft-delete and restore.

use serde::Serialize;
use sqlx::{Sqlite, Transaction};

use super::{audit, expect_one, now, search, Page, Store};
use crate::error::{Error, Result};
use crate::model::{ANumber, Client, ClientFields, ClientInput, CountryCode, DetentionStatus};

const CLIENT_COLUMNS: &str = "given_name, family_name, date_of_birth, nationality, languages, interpreter_needed, \
     a_number, no_a_number, phone, email, address, detention_status, detention_facility, detained_since, \
     released_on, last_arrival, manner_of_entry, principal_id, relationship, derivative";

/// A line in the client list.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct ClientSummary {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub a_number: Option<ANumber>,
    pub nationality: Option<CountryCode>,
    pub detention_status: DetentionStatus,
    pub open_matters: i64,
    pub deleted_at: Option<String>,
    /// Set when the client was archived (every case closed; see `retention`).
    pub archived_at: Option<String>,
}

/// The columns of a ClientSummary of client `c`, counting open matters.
const SUMMARY_COLUMNS: &str = "c.id, c.given_name, c.family_name, c.a_number, c.nationality, c.detention_status, \
     c.deleted_at, c.archived_at, (SELECT COUNT(*) FROM matters m WHERE m.client_id = c.id AND m.status <> 'closed' \
     AND m.deleted_at IS NULL) AS open_matters";

/// A principal applicant and the family members linked to them.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Family {
    /// None when the principal was deleted.
    pub principal: Option<ClientSummary>,
    pub members: Vec<FamilyMember>,
}

/// One family member and how they relate to the principal.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, ts_rs::TS)]
#[ts(export)]
pub struct FamilyMember {
    #[sqlx(flatten)]
    #[serde(flatten)]
    #[ts(flatten)]
    pub client: ClientSummary,
    pub relationship: Option<crate::model::Relationship>,
    /// Included on the principal's I-589.
    pub derivative: bool,
}

/// Filters and paging for the client list.
#[derive(Clone, Debug, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(export)]
pub struct ClientQuery {
    pub detained_only: bool,
    pub nationality: Option<String>,
    pub deleted: bool,
    /// The archived clients instead of the current ones (ignored with `deleted`).
    pub archived: bool,
    pub offset: i64,
    /// 0 means the default page of 50.
    pub limit: i64,
}

impl Store {
    /// Adds a client (and their other names), recorded in the audit log.
    pub async fn add_client(&self, input: &ClientInput) -> Result<Client> {
        let fields = input.validate(Store::today())?;
        let mut tx = self.pool().begin().await?;
        let id = insert_client(&mut tx, self.actor(), &fields).await?;
        tx.commit().await?;
        self.client(id).await
    }

    /// Adds many clients in one transaction: all of them, or none if any is refused (the
    /// error names the first refused row, counting from 1). For benchmarks and tests; a
    /// spreadsheet goes through `import_sheet`, which reports every row.
    pub async fn add_clients(&self, inputs: &[ClientInput]) -> Result<Vec<i64>> {
        let today = Store::today();
        let mut valid = Vec::with_capacity(inputs.len());
        for (row, input) in inputs.iter().enumerate() {
            let fields = input.validate(today).map_err(|mut e| {
                for f in &mut e.fields {
                    let (n, en, es) = (row + 1, &f.message.en, &f.message.es);
                    f.message = crate::tr!("Row {n}: {en}", "Fila {n}: {es}");
                }
                Error::Invalid(e)
            })?;
            valid.push(fields);
        }
        let mut tx = self.pool().begin().await?;
        let mut ids = Vec::with_capacity(valid.len());
        for fields in &valid {
            ids.push(insert_client_quietly(&mut tx, fields).await?);
        }
        audit::record(&mut tx, self.actor(), "import", "client", None, serde_json::json!({ "count": ids.len() }))
            .await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// One client, deleted or not.
    pub async fn client(&self, id: i64) -> Result<Client> {
        let mut client: Client = sqlx::query_as("SELECT * FROM clients WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(Error::NotFound { entity: "client", id })?;
        client.fields.other_names =
            sqlx::query_scalar("SELECT name FROM client_aliases WHERE client_id = ? ORDER BY id")
                .bind(id)
                .fetch_all(self.pool())
                .await?;
        Ok(client)
    }

    /// Replaces a client's details; the audit log keeps what changed.
    pub async fn update_client(&self, id: i64, input: &ClientInput) -> Result<Client> {
        let fields = input.validate(Store::today())?;
        let before = self.client(id).await?;
        if before.deleted_at.is_some() {
            return Err(Error::Conflict("This client is deleted. Restore them before making changes.".into()));
        }
        if fields.principal_id == Some(id) {
            return Err(Error::Conflict("A client cannot be their own family member.".into()));
        }
        let mut tx = self.pool().begin().await?;
        if let Some(p) = fields.principal_id {
            require_principal(&mut tx, p, Some(id)).await?;
        }
        let sets: Vec<String> = CLIENT_COLUMNS.split(", ").map(|c| format!("{c} = ?")).collect();
        let sql = format!("UPDATE clients SET {}, updated_at = ? WHERE id = ?", sets.join(", "));
        let rows =
            bind_fields(sqlx::query(&sql), &fields).bind(now()).bind(id).execute(&mut *tx).await?.rows_affected();
        expect_one(rows, "client", id)?;
        sqlx::query("DELETE FROM client_aliases WHERE client_id = ?").bind(id).execute(&mut *tx).await?;
        write_aliases(&mut tx, id, &fields.other_names).await?;
        search::reindex_client(&mut tx, id).await?;
        audit::record(&mut tx, self.actor(), "update", "client", Some(id), audit::diff(&before.fields, &fields))
            .await?;
        tx.commit().await?;
        if fields.last_arrival != before.fields.last_arrival {
            self.sync_one_year(id, before.fields.last_arrival).await?;
        }
        self.client(id).await
    }

    /// Moves a client (and so their matters) to the deleted items; `restore_client` undoes it.
    pub async fn delete_client(&self, id: i64) -> Result<()> {
        self.set_deleted("clients", "client", id, true).await
    }

    /// Brings a deleted client back.
    pub async fn restore_client(&self, id: i64) -> Result<()> {
        if let Some(a) = self.client(id).await?.fields.a_number {
            let taken: Option<i64> =
                sqlx::query_scalar("SELECT id FROM clients WHERE a_number = ? AND deleted_at IS NULL AND id <> ?")
                    .bind(&a)
                    .bind(id)
                    .fetch_optional(self.pool())
                    .await?;
            if let Some(other) = taken {
                return Err(Error::Conflict(format!(
                    "Client {other} now has A-number {}. Change one of them before restoring.",
                    a.display()
                )));
            }
        }
        self.set_deleted("clients", "client", id, false).await
    }

    pub(crate) async fn set_deleted(&self, table: &str, entity: &'static str, id: i64, deleted: bool) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let sql = if deleted {
            format!("UPDATE {table} SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL")
        } else {
            format!("UPDATE {table} SET deleted_at = NULL, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NOT NULL")
        };
        let rows = sqlx::query(&sql).bind(now()).bind(id).execute(&mut *tx).await?.rows_affected();
        expect_one(rows, entity, id)?;
        let action = if deleted { "delete" } else { "restore" };
        audit::record(&mut tx, self.actor(), action, entity, Some(id), serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A page of clients, by family name, with their count of open matters.
    pub async fn list_clients(&self, q: &ClientQuery) -> Result<Page<ClientSummary>> {
        let nationality = match q.nationality.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(n) => Some(CountryCode::parse(n).map_err(|m| crate::model::ValidationError::one("nationality", m))?),
            None => None,
        };
        let limit = if q.limit <= 0 { 50 } else { q.limit.min(500) };
        let plain_list = !q.deleted && !q.archived && !q.detained_only && nationality.is_none();
        if plain_list {
            return self.current_clients(limit, q.offset.max(0)).await;
        }
        let filter = "(c.deleted_at IS NOT NULL) = ?1 AND (?1 OR (c.archived_at IS NOT NULL) = ?2) \
                      AND (?3 = 0 OR c.detention_status = 'detained') AND (?4 IS NULL OR c.nationality = ?4)";
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM clients c WHERE {filter}"))
            .bind(q.deleted)
            .bind(q.archived)
            .bind(q.detained_only)
            .bind(&nationality)
            .fetch_one(self.pool())
            .await?;
        let items = sqlx::query_as(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM clients c WHERE {filter} \
             ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, c.id LIMIT ?5 OFFSET ?6"
        ))
        .bind(q.deleted)
        .bind(q.archived)
        .bind(q.detained_only)
        .bind(&nationality)
        .bind(limit)
        .bind(q.offset.max(0))
        .fetch_all(self.pool())
        .await?;
        Ok(Page { items, total })
    }

    /// The list as it opens: current clients (neither deleted nor archived), counted and
    /// paged from the index that holds only them; rows are read for the page alone.
    async fn current_clients(&self, limit: i64, offset: i64) -> Result<Page<ClientSummary>> {
        const CURRENT: &str = "deleted_at IS NULL AND archived_at IS NULL";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM clients INDEXED BY clients_current WHERE {CURRENT}"))
                .fetch_one(self.pool())
                .await?;
        let items = sqlx::query_as(&format!(
            "WITH page AS (SELECT id FROM clients INDEXED BY clients_current WHERE {CURRENT} \
                 ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id LIMIT ?1 OFFSET ?2) \
             SELECT {SUMMARY_COLUMNS} FROM page JOIN clients c ON c.id = page.id \
             ORDER BY c.family_name COLLATE NOCASE, c.given_name COLLATE NOCASE, c.id"
        ))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        Ok(Page { items, total })
    }

    /// The family a client belongs to: the principal applicant and every member linked
    /// to them (the client included), whichever of them `client_id` is.
    pub async fn family(&self, client_id: i64) -> Result<Family> {
        let c = self.client(client_id).await?;
        let principal_id = c.fields.principal_id.unwrap_or(client_id);
        let principal: Option<ClientSummary> =
            sqlx::query_as(&format!("SELECT {SUMMARY_COLUMNS} FROM clients c WHERE c.id = ? AND c.deleted_at IS NULL"))
                .bind(principal_id)
                .fetch_optional(self.pool())
                .await?;
        let members: Vec<FamilyMember> = sqlx::query_as(&format!(
            "SELECT s.*, m.relationship, m.derivative FROM (SELECT {SUMMARY_COLUMNS} FROM clients c WHERE c.principal_id = ? AND c.deleted_at IS NULL) s \
             JOIN clients m ON m.id = s.id ORDER BY m.relationship = 'child', s.id"
        ))
        .bind(principal_id)
        .fetch_all(self.pool())
        .await?;
        Ok(Family { principal, members })
    }

    /// The family members a matter carries on its I-589: for an asylum matter of a
    /// principal applicant, the spouse and children marked derivative (INA 208(b)(3)(A)).
    /// Empty for any other kind of matter, and for a matter of a family member (each
    /// member's own case stands alone).
    pub async fn derivatives_of(&self, matter: &crate::model::Matter) -> Result<Vec<FamilyMember>> {
        use crate::model::MatterKind;
        if !matches!(matter.fields.kind, MatterKind::AffirmativeAsylum | MatterKind::DefensiveAsylum) {
            return Ok(Vec::new());
        }
        if self.client(matter.fields.client_id).await?.fields.principal_id.is_some() {
            return Ok(Vec::new());
        }
        let family = self.family(matter.fields.client_id).await?;
        Ok(family.members.into_iter().filter(|m| m.derivative).collect())
    }

    /// The family members linked to a principal.
    pub async fn family_of(&self, principal_id: i64) -> Result<Vec<ClientSummary>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.given_name, c.family_name, c.a_number, c.nationality, c.detention_status, c.deleted_at, \
             c.archived_at, 0 AS open_matters FROM clients c WHERE c.principal_id = ? AND c.deleted_at IS NULL ORDER BY c.id",
        )
        .bind(principal_id)
        .fetch_all(self.pool())
        .await?)
    }
}

/// Inserts one validated client with its other names, search entry and audit row, inside
/// the caller's transaction.
pub(crate) async fn insert_client(tx: &mut Transaction<'_, Sqlite>, actor: &str, fields: &ClientFields) -> Result<i64> {
    let id = insert_client_quietly(tx, fields).await?;
    audit::record(tx, actor, "create", "client", Some(id), serde_json::to_value(fields).unwrap_or_default()).await?;
    Ok(id)
}

/// Inserts one validated client without an audit row of its own (the caller writes one).
async fn insert_client_quietly(tx: &mut Transaction<'_, Sqlite>, fields: &ClientFields) -> Result<i64> {
    if let Some(p) = fields.principal_id {
        require_principal(tx, p, None).await?;
    }
    let at = now();
    let sql = format!(
        "INSERT INTO clients ({CLIENT_COLUMNS}, created_at, updated_at) VALUES \
         (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    );
    let id = bind_fields(sqlx::query(&sql), fields).bind(&at).bind(&at).execute(&mut **tx).await?.last_insert_rowid();
    write_aliases(tx, id, &fields.other_names).await?;
    search::reindex_client(tx, id).await?;
    Ok(id)
}

fn bind_fields<'q>(q: super::Query<'q>, f: &'q ClientFields) -> super::Query<'q> {
    q.bind(&f.given_name)
        .bind(&f.family_name)
        .bind(f.date_of_birth)
        .bind(&f.nationality)
        .bind(serde_json::to_string(&f.languages).unwrap_or_else(|_| "[]".into()))
        .bind(f.interpreter_needed)
        .bind(&f.a_number)
        .bind(f.no_a_number)
        .bind(&f.phone)
        .bind(&f.email)
        .bind(&f.address)
        .bind(f.detention_status)
        .bind(&f.detention_facility)
        .bind(f.detained_since)
        .bind(f.released_on)
        .bind(f.last_arrival)
        .bind(f.manner_of_entry)
        .bind(f.principal_id)
        .bind(f.relationship)
        .bind(f.derivative)
}

async fn write_aliases(tx: &mut Transaction<'_, Sqlite>, id: i64, names: &[String]) -> Result<()> {
    for name in names {
        sqlx::query("INSERT INTO client_aliases (client_id, name) VALUES (?, ?)")
            .bind(id)
            .bind(name)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A family is one level deep: the principal is a living client who is not a member of
/// another family, and a client who heads a family cannot become a member of another.
async fn require_principal(tx: &mut Transaction<'_, Sqlite>, principal: i64, member: Option<i64>) -> Result<()> {
    require_living_client(tx, principal).await?;
    let own: Option<i64> = sqlx::query_scalar("SELECT principal_id FROM clients WHERE id = ?")
        .bind(principal)
        .fetch_one(&mut **tx)
        .await?;
    let heads: i64 = match member {
        Some(m) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM clients WHERE principal_id = ? AND deleted_at IS NULL")
                .bind(m)
                .fetch_one(&mut **tx)
                .await?
        }
        None => 0,
    };
    if own.is_some() || heads > 0 {
        return Err(crate::model::ValidationError::one(
            "principal_id",
            crate::text::Text::fixed(
                "Link family members to the principal applicant directly: this client is already part of another family.",
                "Vincule a los familiares directamente con el solicitante principal: este cliente ya forma parte de otra familia.",
            ),
        )
        .into());
    }
    Ok(())
}

pub(crate) async fn require_living_client(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM clients WHERE id = ? AND deleted_at IS NULL")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    found.map(|_| ()).ok_or(Error::NotFound { entity: "client", id })
}
