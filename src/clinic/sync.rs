//! One sync round: take newer rosters, publish this coordinator's, seal local changes into
//! bundles, write them, then read and apply everyone else's. The planning is pure
//! (`plan`); this module carries it out against a vault and a remote.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sqlx::SqliteConnection;

use super::apply::{self, Applied};
use super::bundle::{self, BundleHeader, Changes, Claimed, Read};
use super::capture::{self, cases_of, ops_of};
use super::documents;
use super::merge::Op;
use super::plan::{self, ChainProblem, Listed, ListedRoster};
use super::remote::Remote;
use super::roster::{Role, Roster};
use super::seal::{self, Opened};
use super::state::Me;
use super::ClinicError;
use crate::error::Result;
use crate::store::{now, Store};

/// A bundle this vault refused, and why.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Refused {
    pub name: String,
    pub reason: String,
}

/// What a sync did, for the person who pressed "Sync now" and for scripts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SyncReport {
    pub remote: String,
    pub at: String,
    /// Bundles written by this vault, their total size and the field changes in them.
    pub sent_bundles: u64,
    pub sent_bytes: u64,
    pub sent_changes: u64,
    /// Documents whose content this vault wrote (their bytes are in `sent_bytes`), and
    /// those it received, or still waits for (their record or content not here yet).
    #[serde(default)]
    pub sent_documents: u64,
    #[serde(default)]
    pub received_documents: u64,
    #[serde(default)]
    pub waiting_documents: u64,
    /// Bundles from others applied here, and those not for this device.
    pub received_bundles: u64,
    pub received_bytes: u64,
    pub not_for_me: u64,
    pub applied: Applied,
    /// Refused now (each is reported once; it stays refused).
    pub refused: Vec<Refused>,
    /// Bundles that refer to records not here yet: tried again at the next sync.
    pub waiting: Vec<Refused>,
    pub problems: Vec<ChainProblem>,
    pub roster_seq: i64,
    pub roster_updated: bool,
    /// This vault joined but no roster admitting it has arrived yet.
    pub waiting_for_admission: bool,
    pub open_conflicts: i64,
}

impl Store {
    /// Syncs with `remote`: see the module comment.
    pub async fn sync(&self, remote: &Remote) -> Result<SyncReport> {
        let mut report = SyncReport { remote: remote.display.clone(), at: now(), ..Default::default() };
        let clinic_id = {
            let mut conn = self.pool().acquire().await?;
            // What an older Amparo on this laptop refused as too new is read again now.
            sqlx::query("DELETE FROM sync_seen WHERE status = 'refused' AND detail LIKE ? || '%'")
                .bind(super::format::NEWER)
                .execute(&mut *conn)
                .await?;
            Me::load(&mut conn).await?.row.clinic_id
        };
        let names = remote.list(&format!("amparo/{clinic_id}")).await?;
        let (bundles, rosters, problems) = plan::parse_listing(&clinic_id, &names);
        report.problems = problems;
        report.roster_updated = self.take_rosters(remote, &rosters, &mut report).await?;
        self.publish_roster_if_new(remote).await?;
        let own_head = self.own_chain_head(remote, &bundles, &mut report).await?;
        self.seal_outgoing(own_head, &mut report).await?;
        // Documents' content first: a bundle naming one is never read before it is there.
        self.push_documents(remote, &mut report).await?;
        self.push_outbox(remote, &mut report).await?;
        self.read_bundles(remote, &bundles, &mut report).await?;
        // The content of documents other laptops removed, a few chunks at a time.
        crate::documents::drop_removed_chunks(self.pool()).await?;
        let identity = Me::load(&mut *self.pool().acquire().await?).await?.keys.identity().clone();
        self.fetch_documents(remote, &identity, &clinic_id, &mut report).await?;
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        report.roster_seq = me.row.roster_seq;
        report.waiting_for_admission = me.role().is_none();
        report.open_conflicts = sqlx::query_scalar("SELECT COUNT(*) FROM sync_conflicts").fetch_one(&mut *conn).await?;
        sqlx::query("UPDATE clinic_self SET last_sync = ?, last_report = ?, remote = ? WHERE id = 1")
            .bind(&report.at)
            .bind(serde_json::to_string(&report).expect("a report serialises"))
            .bind(&report.remote)
            .execute(&mut *conn)
            .await?;
        Ok(report)
    }

    /// Accepts newer rosters signed by a coordinator this vault trusts, oldest first.
    async fn take_rosters(&self, remote: &Remote, rosters: &[ListedRoster], report: &mut SyncReport) -> Result<bool> {
        let mut updated = false;
        for listed in rosters {
            let mut conn = self.pool().acquire().await?;
            let me = Me::load(&mut conn).await?;
            let unpublished = me.row.roster_published == 0;
            if (listed.seq as i64) < me.row.roster_seq || (listed.seq as i64 == me.row.roster_seq && !unpublished) {
                continue;
            }
            if sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sync_seen WHERE name = ?")
                .bind(&listed.name)
                .fetch_one(&mut *conn)
                .await?
                > 0
            {
                continue;
            }
            // No connection is held while the network is waited on: a lock before sleep
            // must be able to close the vault within logind's 5 s.
            drop(conn);
            let fetched = remote.get(&listed.name).await;
            let mut conn = self.pool().acquire().await?;
            let bytes = match fetched {
                Ok(b) => b,
                Err(ClinicError::Refused(reason)) => {
                    self.refuse_roster(&mut conn, listed, &reason, report).await?;
                    continue;
                }
                Err(e) => {
                    report.waiting.push(Refused { name: listed.name.clone(), reason: e.to_string() });
                    continue;
                }
            };
            let plain = match seal::decrypt(me.keys.identity(), &bytes) {
                Ok(Opened::Plain(p)) => p,
                Ok(Opened::NotForMe) => continue,
                Err(reason) => {
                    self.refuse_roster(&mut conn, listed, &reason, report).await?;
                    continue;
                }
            };
            let trusted = match &me.roster {
                Some(r) => r.coordinator_keys(),
                None => vec![me.row.pinned_key.clone()],
            };
            match Roster::open(&plain, &trusted) {
                Ok(r) if r.clinic_id == me.row.clinic_id && r.seq == listed.seq => {
                    if unpublished && me.is_coordinator() {
                        // This coordinator's own change lost the race: say so, and send no
                        // case history to a volunteer the winning roster did not assign.
                        report.problems.push(ChainProblem::RosterOvertaken { seq: me.row.roster_seq as u64 });
                        let transfers: Vec<(String, String)> =
                            sqlx::query_as("SELECT matter_uid, member_id FROM sync_transfers")
                                .fetch_all(&mut *conn)
                                .await?;
                        for (matter, member) in transfers {
                            if !r.holders(&matter).contains(&member) {
                                sqlx::query("DELETE FROM sync_transfers WHERE matter_uid = ? AND member_id = ?")
                                    .bind(&matter)
                                    .bind(&member)
                                    .execute(&mut *conn)
                                    .await?;
                            }
                        }
                    }
                    Me::save_roster(&mut conn, &r, true).await?;
                    updated = true;
                }
                Ok(_) => {
                    self.refuse_roster(&mut conn, listed, "its number or clinic disagree with its name", report).await?
                }
                Err(reason) if reason.starts_with(super::format::NEWER) => {
                    report.waiting.push(Refused { name: listed.name.clone(), reason });
                }
                Err(reason) => self.refuse_roster(&mut conn, listed, &reason, report).await?,
            }
        }
        Ok(updated)
    }

    /// A roster that fails its checks is reported once and not read again.
    async fn refuse_roster(
        &self,
        conn: &mut SqliteConnection,
        listed: &ListedRoster,
        reason: &str,
        report: &mut SyncReport,
    ) -> Result<()> {
        mark_seen(conn, &listed.name, "roster", listed.seq, "", "refused", Some(reason)).await?;
        report.refused.push(Refused { name: listed.name.clone(), reason: format!("roster: {reason}") });
        Ok(())
    }

    async fn publish_roster_if_new(&self, remote: &Remote) -> Result<()> {
        let me = Me::load(&mut *self.pool().acquire().await?).await?;
        let (Some(roster), true) = (&me.roster, me.row.roster_published == 0) else { return Ok(()) };
        if !me.is_coordinator() {
            return Ok(());
        }
        let readers: Vec<String> = roster.all_readers().into_iter().collect();
        let bytes = seal::encrypt(&readers, &roster.seal(&me.keys)).map_err(ClinicError::Remote)?;
        let name = format!("amparo/{}/roster/{:010}.age", roster.clinic_id, roster.seq);
        if !remote.put_new(&name, bytes).await? {
            // Another coordinator published this number first; the next sync takes theirs
            // and reports that this change must be made again.
            return Ok(());
        }
        sqlx::query("UPDATE clinic_self SET roster_published = 1 WHERE id = 1").execute(self.pool()).await?;
        Ok(())
    }

    /// Captures local changes and seals them into numbered bundles in the outbox, in one
    /// transaction: a crash leaves either the changes unsent or the bundles ready.
    /// The newest bundle of this device's own chain on the remote beyond what this vault
    /// knows it wrote (a vault restored from an older copy), checked to be really its own:
    /// a name planted on the remote must not move this device's numbering.
    async fn own_chain_head(
        &self,
        remote: &Remote,
        listed: &[Listed],
        report: &mut SyncReport,
    ) -> Result<Option<(u64, String)>> {
        let me = Me::load(&mut *self.pool().acquire().await?).await?;
        let Some(roster) = me.roster.clone() else { return Ok(None) };
        let mut head = None;
        for b in listed.iter().filter(|b| b.device == me.row.device_id && b.seq as i64 >= me.row.next_seq) {
            let claimed = Claimed { device: &b.device, seq: b.seq, hash: &b.hash };
            let genuine = match remote.get(&b.name).await {
                Ok(bytes) => matches!(
                    bundle::open(&bytes, &claimed, me.keys.identity(), &me.keys.public().age_recipient, &roster),
                    Ok(Read::Bundle(ref h, _)) if h.author_device == me.row.device_id
                ),
                Err(_) => false,
            };
            if genuine {
                head = Some((b.seq, b.hash.clone()));
            } else {
                report.problems.push(ChainProblem::Unknown { name: b.name.clone() });
            }
        }
        Ok(head)
    }

    async fn seal_outgoing(&self, own_head: Option<(u64, String)>, report: &mut SyncReport) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let mut me = Me::load(&mut tx).await?;
        let Some(roster) =
            me.roster.clone().filter(|r| r.member(&me.row.member_id).is_some_and(|m| m.removed_at.is_none()))
        else {
            return Ok(());
        };
        // A vault restored from an older copy continues its chain after what it wrote.
        if let Some((seq, hash)) = own_head {
            if seq as i64 >= me.row.next_seq {
                report
                    .problems
                    .push(ChainProblem::Fork { device: me.row.device_id.clone(), seq: me.row.next_seq as u64 });
                me.row.next_seq = seq as i64 + 1;
                me.row.last_hash = Some(hash);
            }
        }
        report.sent_changes = capture::capture(&mut tx, &mut me).await? as u64;
        let mut groups: BTreeMap<BTreeSet<String>, (BTreeSet<String>, Changes)> = BTreeMap::new();
        let mut cases_memo: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        let unsent: Vec<(String, String, String, i64, String, String, String, String)> = sqlx::query_as(
            "SELECT entity, uid, field, hlc, device, member, value, parents FROM sync_ops WHERE sent = 0 ORDER BY uid, field, hlc",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (e, u, f, h, d, m, v, p) in unsent {
            let cases = memo_cases(&mut tx, &mut cases_memo, &e, &u).await?;
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.ops.push(Op {
                e,
                u,
                f,
                v: serde_json::from_str(&v).unwrap_or(serde_json::Value::Null),
                h: h as u64,
                d,
                m,
                p: serde_json::from_str(&p).unwrap_or_default(),
            });
        }
        let (notes, audits) = capture::take_items(&mut tx).await?;
        for n in notes {
            let cases = memo_cases(&mut tx, &mut cases_memo, "note", &n.note).await?;
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.note_versions.push(n);
        }
        for a in audits {
            let cases = memo_cases(&mut tx, &mut cases_memo, &a.entity, &a.entity_uid).await?;
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.audit.push(a);
        }
        let clinic_id = me.row.clinic_id.clone();
        for d in documents::unsent(&mut tx, &clinic_id).await? {
            let cases = memo_cases(&mut tx, &mut cases_memo, d.entity, &d.record_uid).await?;
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            documents::queue(&mut tx, &d.item, &readers).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.documents.push(d.item);
        }
        for m in super::checklist::take_marks(&mut tx).await? {
            let cases = std::collections::BTreeSet::from([m.matter.clone()]);
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.checklist_marks.push(m);
        }
        // A clinic's own items belong to no case: every member reads them.
        let items = super::checklist::take_items(&mut tx).await?;
        if !items.is_empty() {
            let mut everyone = roster.all_readers();
            everyone.insert(me.keys.public().age_recipient);
            groups.entry(everyone).or_default().1.clinic_items.extend(items);
        }
        for (entity, r) in documents::unsent_removals(&mut tx).await? {
            let cases = memo_cases(&mut tx, &mut cases_memo, entity, &r.of).await?;
            let readers = readers(&mut tx, &roster, &me, &cases, None).await?;
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.removed_documents.push(r);
        }
        let transfers: Vec<(String, String)> =
            sqlx::query_as("SELECT matter_uid, member_id FROM sync_transfers").fetch_all(&mut *tx).await?;
        for (matter, member) in transfers {
            let cases = BTreeSet::from([matter.clone()]);
            let readers = readers(&mut tx, &roster, &me, &cases, Some(&member)).await?;
            let changes = case_history(&mut tx, &matter).await?;
            // The case's documents go again, encrypted to its readers now.
            let docs = documents::of_case(&mut tx, &matter, &clinic_id).await?;
            for d in &docs {
                documents::queue(&mut tx, &d.item, &readers).await?;
            }
            let group = groups.entry(readers).or_default();
            group.0.extend(cases);
            group.1.ops.extend(changes.ops);
            group.1.note_versions.extend(changes.note_versions);
            group.1.audit.extend(changes.audit);
            group.1.documents.extend(docs.into_iter().map(|d| d.item));
        }
        sqlx::query("DELETE FROM sync_transfers").execute(&mut *tx).await?;
        sqlx::query("UPDATE sync_ops SET sent = 1 WHERE sent = 0").execute(&mut *tx).await?;
        for (readers, (cases, changes)) in groups {
            if changes.is_empty() {
                continue;
            }
            let header = BundleHeader {
                clinic_id: me.row.clinic_id.clone(),
                author_device: me.row.device_id.clone(),
                author_member: me.row.member_id.clone(),
                seq: me.row.next_seq as u64,
                prev: me.row.last_hash.clone(),
                cases: cases.into_iter().collect(),
                recipients: readers.into_iter().collect(),
                hlc_min: 0,
                hlc_max: 0,
                changes_len: 0,
                changes_sha256: String::new(),
                created_at: now(),
            };
            let sealed = bundle::seal(header, &changes, &me.keys).map_err(ClinicError::Remote)?;
            sqlx::query("INSERT INTO sync_outbox (name, bytes) VALUES (?, ?)")
                .bind(&sealed.name)
                .bind(&sealed.bytes)
                .execute(&mut *tx)
                .await?;
            me.row.next_seq += 1;
            me.row.last_hash = Some(sealed.hash);
        }
        sqlx::query("UPDATE clinic_self SET next_seq = ?, last_hash = ? WHERE id = 1")
            .bind(me.row.next_seq)
            .bind(&me.row.last_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn push_outbox(&self, remote: &Remote, report: &mut SyncReport) -> Result<()> {
        let waiting: Vec<(String, Vec<u8>)> =
            sqlx::query_as("SELECT name, bytes FROM sync_outbox ORDER BY name").fetch_all(self.pool()).await?;
        for (name, bytes) in waiting {
            let size = bytes.len() as u64;
            // A name that is taken holds these very bytes (the name is their hash).
            remote.put_new(&name, bytes).await?;
            let mut tx = self.pool().begin().await?;
            sqlx::query("DELETE FROM sync_outbox WHERE name = ?").bind(&name).execute(&mut *tx).await?;
            let (device, seq, hash) = name_parts(&name);
            mark_seen(&mut tx, &name, &device, seq, &hash, "own", None).await?;
            tx.commit().await?;
            report.sent_bundles += 1;
            report.sent_bytes += size;
        }
        Ok(())
    }

    /// Reads every bundle not seen yet. One that refers to records not here yet is tried
    /// again after the others (and at the next sync); a bad one is refused for good.
    async fn read_bundles(&self, remote: &Remote, listed: &[Listed], report: &mut SyncReport) -> Result<()> {
        let seen: BTreeSet<String> = sqlx::query_scalar::<_, String>("SELECT name FROM sync_seen")
            .fetch_all(self.pool())
            .await?
            .into_iter()
            .collect();
        let (todo, chain) = plan::plan(listed, &seen);
        report.problems.extend(chain);
        let mut pending: Vec<(Listed, BundleHeader, Changes, u64)> = Vec::new();
        for b in todo {
            let fetched = remote.get(&b.name).await;
            let mut conn = self.pool().acquire().await?;
            let bytes = match fetched {
                Ok(bytes) => bytes,
                Err(ClinicError::Refused(reason)) => {
                    mark_seen(&mut conn, &b.name, &b.device, b.seq, &b.hash, "refused", Some(&reason)).await?;
                    report.refused.push(Refused { name: b.name.clone(), reason });
                    continue;
                }
                Err(e) => {
                    // Unreadable now (a half-synced file, the network): tried again next time.
                    report.waiting.push(Refused { name: b.name.clone(), reason: e.to_string() });
                    continue;
                }
            };
            let me = Me::load(&mut conn).await?;
            let Some(roster) = me.roster.clone() else { break };
            let claimed = Claimed { device: &b.device, seq: b.seq, hash: &b.hash };
            let read =
                match bundle::open(&bytes, &claimed, me.keys.identity(), &me.keys.public().age_recipient, &roster) {
                    Ok(Read::Bundle(h, c)) => may_write(&mut conn, &roster, &h)
                        .await?
                        .and_then(|()| super::review::check_review_ops(&roster, &h.author_member, &c))
                        .map(|()| Read::Bundle(h, c)),
                    Ok(other) => Ok(other),
                    Err(r) if r.again => {
                        report.waiting.push(Refused { name: b.name.clone(), reason: r.reason });
                        continue;
                    }
                    Err(r) => Err(r.reason),
                };
            let read = match read {
                Ok(r) => r,
                Err(reason) => {
                    mark_seen(&mut conn, &b.name, &b.device, b.seq, &b.hash, "refused", Some(&reason)).await?;
                    report.refused.push(Refused { name: b.name.clone(), reason });
                    continue;
                }
            };
            match read {
                Read::NotForMe => {
                    mark_seen(&mut conn, &b.name, &b.device, b.seq, &b.hash, "not_for_me", None).await?;
                    report.not_for_me += 1;
                }
                Read::Bundle(header, changes) => {
                    if header.seq > 1 {
                        if let Some(prev) = plan::previous_hash(listed, &b.device, b.seq) {
                            if header.prev.as_deref() != Some(prev) {
                                report.problems.push(ChainProblem::Fork { device: b.device.clone(), seq: b.seq - 1 });
                            }
                        }
                    }
                    pending.push((b, header, changes, bytes.len() as u64));
                }
            }
        }
        // Apply in passes: a bundle about a case handed over may arrive before its history.
        let (me_member, roster_now) = {
            let mut conn = self.pool().acquire().await?;
            let me = Me::load(&mut conn).await?;
            (me.row.member_id.clone(), me.roster.clone().unwrap_or_else(|| empty_roster()))
        };
        loop {
            let before = pending.len();
            let mut still = Vec::new();
            for (b, header, changes, size) in pending {
                let mut tx = self.pool().begin().await?;
                let volunteer =
                    header.author_member != me_member && author_is_volunteer(&roster_now, &header.author_member);
                match apply::apply(&mut tx, &changes, &header.author_member, volunteer).await {
                    Ok(applied) => {
                        mark_seen(&mut tx, &b.name, &b.device, b.seq, &b.hash, "applied", None).await?;
                        tx.commit().await?;
                        report.received_bundles += 1;
                        report.received_bytes += size;
                        add(&mut report.applied, &applied);
                    }
                    Err(crate::Error::Clinic(ClinicError::Refused(reason))) => {
                        tx.rollback().await?;
                        let mut conn = self.pool().acquire().await?;
                        mark_seen(&mut conn, &b.name, &b.device, b.seq, &b.hash, "refused", Some(&reason)).await?;
                        report.refused.push(Refused { name: b.name.clone(), reason });
                    }
                    Err(e) => {
                        tx.rollback().await?;
                        still.push((b, header, changes, size, e.to_string()));
                    }
                }
            }
            if still.len() == before || still.is_empty() {
                for (b, _, _, _, reason) in still {
                    report.waiting.push(Refused { name: b.name, reason });
                }
                break;
            }
            pending = still.into_iter().map(|(b, h, c, s, _)| (b, h, c, s)).collect();
        }
        Ok(())
    }
}

/// A volunteer writes only cases assigned to them now or before (an edit made before a
/// hand-off still counts), cases they opened, or cases no one has been assigned.
async fn may_write(
    conn: &mut SqliteConnection,
    roster: &Roster,
    header: &BundleHeader,
) -> Result<std::result::Result<(), String>> {
    let Some(member) = roster.member(&header.author_member) else {
        return Ok(Err("its author is not in the roster".into()));
    };
    if member.role == Role::Coordinator {
        return Ok(Ok(()));
    }
    for case in &header.cases {
        let holders = roster.holders(case);
        if holders.is_empty() || holders.contains(&member.id) {
            continue;
        }
        if !apply::holds_case(conn, case, &member.id).await? {
            return Ok(Err(format!("{} changed a case that was never assigned to them", member.name)));
        }
    }
    Ok(Ok(()))
}

fn add(total: &mut Applied, one: &Applied) {
    total.records_created += one.records_created;
    total.records_changed += one.records_changed;
    total.notes_added += one.notes_added;
    total.conflicts += one.conflicts;
    total.possible_duplicates += one.possible_duplicates;
}

fn name_parts(name: &str) -> (String, u64, String) {
    let mut parts = name.rsplit('/');
    let file = parts.next().unwrap_or_default();
    let device = parts.next().unwrap_or_default().to_string();
    let (seq, hash) = file.trim_end_matches(".age").split_once('-').unwrap_or(("0", ""));
    (device, seq.parse().unwrap_or(0), hash.to_string())
}

async fn mark_seen(
    conn: &mut SqliteConnection,
    name: &str,
    device: &str,
    seq: u64,
    hash: &str,
    status: &str,
    detail: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT OR REPLACE INTO sync_seen (name, device, seq, hash, status, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(name)
    .bind(device)
    .bind(seq as i64)
    .bind(hash)
    .bind(status)
    .bind(detail)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

async fn memo_cases(
    conn: &mut SqliteConnection,
    memo: &mut BTreeMap<(String, String), BTreeSet<String>>,
    entity: &str,
    uid: &str,
) -> Result<BTreeSet<String>> {
    let key = (entity.to_string(), uid.to_string());
    if let Some(c) = memo.get(&key) {
        return Ok(c.clone());
    }
    let cases = cases_of(conn, entity, uid).await?;
    memo.insert(key, cases.clone());
    Ok(cases)
}

/// Who reads changes to `cases`: the coordinators, this device, and each case's volunteer
/// (assigned by the roster, or the volunteer who opened it), plus `extra` (a new assignee).
async fn readers(
    conn: &mut SqliteConnection,
    roster: &Roster,
    me: &Me,
    cases: &BTreeSet<String>,
    extra: Option<&str>,
) -> Result<BTreeSet<String>> {
    let mut out = roster.coordinator_readers();
    out.insert(me.keys.public().age_recipient);
    for case in cases {
        for m in super::assign::holders_now(conn, roster, case).await? {
            out.extend(roster.member_readers(&m));
        }
    }
    if let Some(m) = extra {
        out.extend(roster.member_readers(m));
    }
    Ok(out)
}

/// Everything known about one case, for its new volunteer.
async fn case_history(conn: &mut SqliteConnection, matter_uid: &str) -> Result<Changes> {
    let mut changes = Changes::default();
    let records = capture::records_of_case(conn, matter_uid).await?;
    for (entity, uid) in &records {
        for ops in ops_of(conn, uid).await?.into_values() {
            changes.ops.extend(ops);
        }
        let Some(id) = capture::local_id(conn, entity, uid).await? else { continue };
        if entity == "note" {
            let versions: Vec<i64> = sqlx::query_scalar("SELECT id FROM note_versions WHERE note_id = ? ORDER BY id")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
            for v in versions {
                changes.note_versions.extend(capture::note_version_item(conn, v).await?);
            }
        }
        let audits: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id")
                .bind(entity)
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for a in audits {
            changes.audit.extend(capture::audit_item(conn, a).await?);
        }
    }
    Ok(changes)
}

impl Store {
    /// What the last sync did, as it reported it.
    pub async fn clinic_last_report(&self) -> Result<Option<SyncReport>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        Ok(me.row.last_report.and_then(|r| serde_json::from_str(&r).ok()))
    }
}

fn author_is_volunteer(roster: &Roster, member: &str) -> bool {
    roster.member(member).is_none_or(|m| m.role == Role::Volunteer)
}

fn empty_roster() -> Roster {
    Roster {
        clinic_id: String::new(),
        clinic_name: String::new(),
        seq: 0,
        members: Vec::new(),
        assignments: Default::default(),
        co_assignees: Default::default(),
        require_review: false,
        signed_by: String::new(),
        issued_at: String::new(),
    }
}
