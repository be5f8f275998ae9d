//! Review and sign-off of filings before they leave the office (ABA Standard 6.5; the
//! clinics' draft-review workflows in ../shared/reference/clinic-research-2026-11.md).
//! States: none (draft) → requested → changes requested ⇄ requested → approved; then the
//! filing may be marked filed. Each step is audited, travels with the case's bundles, and
//! an approval or a request for changes is accepted from another vault only if a reviewer
//! of the roster made it.

use serde::Serialize;
use sqlx::SqliteConnection;

use super::bundle::Changes;
use super::roster::{Role, Roster, Supervisor};
use super::state::Me;
use super::ClinicError;
use crate::error::Result;
use crate::model::{Filing, ReviewStatus};
use crate::store::{audit, now, Store};

/// A reviewer's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Changes,
}

/// A filing in review, with the names the desk shows.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewItem {
    pub filing: Filing,
    pub client_id: i64,
    pub client_name: String,
    pub requested_by_name: Option<String>,
    pub reviewed_by_name: Option<String>,
    /// Whether the next step is this member's: a request to decide, or changes to make.
    pub yours: bool,
}

impl Store {
    /// A volunteer asks for review of a draft filing (again, after changes were asked for).
    pub async fn review_request(&self, filing_id: i64, comment: Option<&str>) -> Result<Filing> {
        let comment = clean_comment(comment)?;
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        if me.role().is_none() {
            return Err(ClinicError::NotInClinic.into());
        }
        let before = Store::filing_on(&mut tx, filing_id).await?;
        if before.fields.status.is_sent() {
            return Err(step("This filing was already sent: review comes before filing."));
        }
        if !matches!(before.review.review_status, ReviewStatus::None | ReviewStatus::ChangesRequested) {
            return Err(step(match before.review.review_status {
                ReviewStatus::Requested => "Review was already asked for: wait for the reviewer's answer.",
                _ => "This filing is already approved.",
            }));
        }
        let at = now();
        sqlx::query(
            "UPDATE filings SET review_status = 'requested', review_requested_by = ?, review_requested_at = ?, \
             reviewed_by = NULL, reviewed_at = NULL, review_comment = ?, updated_at = ? WHERE id = ?",
        )
        .bind(&me.row.member_id)
        .bind(&at)
        .bind(&comment)
        .bind(&at)
        .bind(filing_id)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "by": me.row.member_name, "comment": comment });
        audit::record(&mut tx, self.actor(), "review_request", "filing", Some(filing_id), detail).await?;
        tx.commit().await?;
        self.filing(filing_id).await
    }

    /// A reviewer approves the filing, or asks for changes (a comment is then required).
    pub async fn review_decide(&self, filing_id: i64, decision: Decision, comment: Option<&str>) -> Result<Filing> {
        let comment = clean_comment(comment)?;
        if decision == Decision::Changes && comment.is_none() {
            return Err(step("Say what should change: the volunteer sees your comment."));
        }
        let mut tx = self.pool().begin().await?;
        let me = Me::load(&mut tx).await?;
        let roster = me.roster.as_ref().ok_or(ClinicError::NotInClinic)?;
        if !roster.is_reviewer(&me.row.member_id) {
            return Err(ClinicError::NotReviewer.into());
        }
        let before = Store::filing_on(&mut tx, filing_id).await?;
        let taking_back = decision == Decision::Changes && before.review.review_status == ReviewStatus::Approved;
        if before.review.review_status != ReviewStatus::Requested && !taking_back {
            return Err(step("No review is waiting on this filing: the volunteer has not asked for one."));
        }
        if before.fields.status.is_sent() {
            return Err(step("This filing was already sent: review comes before filing."));
        }
        if before.review.review_requested_by.as_deref() == Some(me.row.member_id.as_str()) {
            return Err(ClinicError::OwnReview.into());
        }
        let (state, action) = match decision {
            Decision::Approve => ("approved", "review_approve"),
            Decision::Changes => ("changes_requested", "review_changes"),
        };
        let at = now();
        sqlx::query(
            "UPDATE filings SET review_status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ?, \
             updated_at = ? WHERE id = ?",
        )
        .bind(state)
        .bind(&me.row.member_id)
        .bind(&at)
        .bind(&comment)
        .bind(&at)
        .bind(filing_id)
        .execute(&mut *tx)
        .await?;
        let detail = serde_json::json!({ "by": me.row.member_name, "comment": comment });
        audit::record(&mut tx, self.actor(), action, "filing", Some(filing_id), detail).await?;
        tx.commit().await?;
        self.filing(filing_id).await
    }

    /// Filings in review that are not yet sent, waiting ones first.
    pub async fn reviews(&self) -> Result<Vec<ReviewItem>> {
        let mut conn = self.pool().acquire().await?;
        let me = Me::load(&mut conn).await?;
        let filings: Vec<Filing> = sqlx::query_as(
            "SELECT f.* FROM filings f JOIN matters m ON m.id = f.matter_id \
             WHERE f.review_status <> 'none' AND (f.status = 'draft' OR f.review_status <> 'approved') \
               AND m.deleted_at IS NULL \
             ORDER BY f.review_requested_at, f.id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let reviewer = me.roster.as_ref().is_some_and(|r| r.is_reviewer(&me.row.member_id));
        let name = |id: &Option<String>| -> Option<String> {
            let id = id.as_ref()?;
            let known = me.roster.as_ref().and_then(|r| r.member(id)).map(|m| m.name.clone());
            Some(known.unwrap_or_else(|| id.clone()))
        };
        let mut out = Vec::new();
        for filing in filings {
            let (client_id, given, family): (i64, String, String) = sqlx::query_as(
                "SELECT c.id, c.given_name, c.family_name FROM matters m JOIN clients c ON c.id = m.client_id \
                 WHERE m.id = ?",
            )
            .bind(filing.fields.matter_id)
            .fetch_one(&mut *conn)
            .await?;
            let mine = filing.review.review_requested_by.as_deref() == Some(me.row.member_id.as_str());
            let yours = match filing.review.review_status {
                ReviewStatus::Requested => reviewer && !mine,
                ReviewStatus::ChangesRequested => mine,
                _ => false,
            };
            out.push(ReviewItem {
                client_id,
                client_name: format!("{given} {family}"),
                requested_by_name: name(&filing.review.review_requested_by),
                reviewed_by_name: name(&filing.review.reviewed_by),
                yours,
                filing,
            });
        }
        out.sort_by_key(|i| !i.yours);
        Ok(out)
    }

    /// Whether this clinic requires approval before a filing is marked filed (coordinators).
    pub async fn set_require_review(&self, required: bool) -> Result<()> {
        self.change_roster("require_review", |roster| {
            roster.require_review = required;
            Ok(serde_json::json!({ "required": required }))
        })
        .await
    }

    /// Marks a member as supervising attorney or accredited representative, or neither.
    pub async fn set_supervisor(&self, who: &str, role: Option<Supervisor>) -> Result<super::Member> {
        let mut changed = None;
        self.change_roster("supervisor", |roster| {
            let id = super::enroll::find_member(roster, who)?.id.clone();
            let member = roster.members.iter_mut().find(|m| m.id == id).expect("found above");
            if member.removed_at.is_some() {
                return Err(ClinicError::UnknownMember(who.to_string()).into());
            }
            member.supervises_as = role;
            changed = Some(member.clone());
            Ok(serde_json::json!({ "member": member.name, "supervises_as": role }))
        })
        .await?;
        Ok(changed.expect("set by the change"))
    }
}

/// Refuses to mark a filing sent without approval when the clinic requires review. A
/// filing counts as sent once it has a status past draft, a filing date or a receipt.
pub(crate) async fn check_may_send(
    conn: &mut SqliteConnection,
    before: Option<(bool, ReviewStatus)>,
    sent: bool,
) -> Result<()> {
    if !sent || before.is_some_and(|(was_sent, _)| was_sent) || !Me::exists(conn).await? {
        return Ok(());
    }
    let me = Me::load(conn).await?;
    let required = me.roster.as_ref().is_some_and(|r| r.require_review);
    if required && before.map(|(_, r)| r) != Some(ReviewStatus::Approved) {
        return Err(ClinicError::ReviewRequired.into());
    }
    Ok(())
}

/// Whether a filing's details say it has left the office.
pub fn is_sent(f: &crate::model::FilingFields) -> bool {
    f.status.is_sent() || f.filed_on.is_some() || f.receipt_number.is_some()
}

/// In another vault's bundle, the review of a filing may move only as the review steps
/// move it. A reviewer's decision (approved, changes requested, who reviewed) must be the
/// author's own and the author a reviewer; anyone else may only ask for review in their own
/// name (or set it back to none), clearing the decision and writing their own comment.
/// Coordinators relay others' history as it was; every value must still be a known state.
pub(crate) fn check_review_ops(roster: &Roster, author: &str, changes: &Changes) -> std::result::Result<(), String> {
    const STATES: [&str; 4] = ["none", "requested", "changes_requested", "approved"];
    let ops: Vec<&super::merge::Op> =
        changes.ops.iter().filter(|o| o.e == "filing" && o.f.starts_with("review")).collect();
    for op in &ops {
        if op.f == "review_status" && !op.v.as_str().is_some_and(|v| STATES.contains(&v)) {
            return Err("it gives a filing a review state that does not exist".into());
        }
    }
    if roster.member(author).is_some_and(|m| m.role == Role::Coordinator) {
        return Ok(());
    }
    let reviewer = roster.is_reviewer(author);
    let forged =
        || Err("it approves a filing, or asks for changes, without being a reviewer of the clinic".to_string());
    for op in &ops {
        if op.m != author {
            return forged();
        }
        // What this bundle sets the filing's review state to, if anything.
        let state = changes
            .ops
            .iter()
            .find(|o| o.e == "filing" && o.u == op.u && o.f == "review_status")
            .and_then(|o| o.v.as_str());
        let asking = matches!(state, Some("none" | "requested"));
        let ok = match op.f.as_str() {
            "review_status" => asking || reviewer,
            "review_requested_by" => op.v.is_null() || op.v.as_str() == Some(author),
            "review_requested_at" => true,
            "reviewed_by" => match op.v.as_str() {
                Some(who) => reviewer && who == author,
                None => asking || reviewer,
            },
            "reviewed_at" => (asking && op.v.is_null()) || reviewer,
            "review_comment" => asking || reviewer,
            _ => true,
        };
        if !ok {
            return if op.f == "reviewed_by" && op.v.as_str().is_some_and(|w| w != author) && reviewer {
                Err("it signs a review in another member's name".into())
            } else {
                forged()
            };
        }
    }
    Ok(())
}

fn clean_comment(comment: Option<&str>) -> Result<Option<String>> {
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > 4000) {
        return Err(step("The comment is too long: keep it under 4,000 characters."));
    }
    Ok(comment.map(str::to_string))
}

fn step(message: &str) -> crate::Error {
    ClinicError::ReviewStep(message.to_string()).into()
}
