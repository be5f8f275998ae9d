//! The clinic exchange: volunteers' and coordinators' vaults share cases through signed,
//! encrypted, immutable bundles left in a plain folder or an S3-compatible bucket (design:
//! docs/CLINIC.md). Layers point one way: `format`, `keys`, `seal`, `merge` and `plan` are
//! pure; `roster` and `bundle` build on them; `enroll`, `capture`, `apply`, `conflicts` talk
//! to the vault's database; `remote` carries bytes; `documents` carries attachments'
//! content beside the bundles; `sync` runs one round over all of them.

pub mod apply;
pub mod assign;
pub mod bundle;
pub mod calendar;
pub mod capture;
pub mod caseload;
pub mod checklist;
pub mod conflicts;
pub mod documents;
pub mod enroll;
pub mod entities;
pub mod format;
pub mod keys;
pub mod merge;
pub mod plan;
pub mod remote;
pub mod review;
pub mod roster;
pub mod seal;
pub mod settings;
pub mod state;
pub mod sync;

pub use assign::{AssignInput, AssignmentEntry, MemberCase, NewCase};
pub use calendar::{CourtDay, CourtDayRow, DeskEntry, DeskFilter, DeskFlag};
pub use caseload::{CaseloadFilter, CaseloadRow};
pub use conflicts::{Alert, ConflictView};
pub use enroll::{ClinicStatus, JoinOutcome};
pub use review::{Decision, ReviewItem};
pub use roster::{Member, Role, Roster, Supervisor};
pub use sync::SyncReport;

/// What the clinic exchange refuses or fails at, worded for the person at the keyboard.
#[derive(Debug, thiserror::Error)]
pub enum ClinicError {
    #[error("This vault is not part of a clinic yet. Create one (coordinators) or join one with an invitation (volunteers).")]
    NotInClinic,
    #[error("This vault already belongs to the clinic \"{0}\". A vault belongs to one clinic.")]
    AlreadyInClinic(String),
    #[error("Only a coordinator can do that. Ask your clinic's coordinator.")]
    NotCoordinator,
    #[error("This vault's clinic keys are damaged. Restore the vault from a backup.")]
    Keys,
    #[error("{what} cannot be used: {detail}. Ask for a new one.")]
    BadFile { what: &'static str, detail: String },
    #[error("The words do not match: this request was changed or swapped on the way. Do not admit it; ask the volunteer to send a new request in person.")]
    FingerprintMismatch,
    #[error("No member of the clinic is called or numbered \"{0}\". Check the list of members.")]
    UnknownMember(String),
    #[error("The remote {0}")]
    Remote(String),
    /// A bundle that breaks a rule: refused for good, whatever arrives later.
    #[error("{0}")]
    Refused(String),
    #[error("No remote is set. Name a folder or an s3:// bucket (for example `--remote /media/usb/clinic`).")]
    NoRemote,
    #[error("Conflict {0} is no longer open: it may have been settled already, here or on another laptop. Look at the list again.")]
    NoConflict(i64),
    #[error("Only a coordinator, a supervising attorney or an accredited representative of the clinic can approve a filing or ask for changes.")]
    NotReviewer,
    #[error("You asked for this review yourself: another reviewer of the clinic must decide it.")]
    OwnReview,
    #[error("Your clinic asks for review before filing: ask for review, and mark it filed once it is approved.")]
    ReviewRequired,
    #[error("{0}")]
    ReviewStep(String),
}

impl ClinicError {
    pub fn code(&self) -> &'static str {
        match self {
            ClinicError::NotInClinic => "not_in_clinic",
            ClinicError::AlreadyInClinic(_) => "already_in_clinic",
            ClinicError::NotCoordinator => "not_coordinator",
            ClinicError::Keys => "clinic_keys_damaged",
            ClinicError::BadFile { .. } => "bad_clinic_file",
            ClinicError::FingerprintMismatch => "fingerprint_mismatch",
            ClinicError::UnknownMember(_) => "unknown_member",
            ClinicError::Remote(_) => "remote_failed",
            ClinicError::NoRemote => "no_remote",
            ClinicError::NoConflict(_) => "no_conflict",
            ClinicError::Refused(_) => "bundle_refused",
            ClinicError::NotReviewer => "not_reviewer",
            ClinicError::OwnReview => "own_review",
            ClinicError::ReviewRequired => "review_required",
            ClinicError::ReviewStep(_) => "review_step",
        }
    }
}
