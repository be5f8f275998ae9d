//! The clinic exchange end to end through the store: three real vaults (a coordinator and
//! two volunteers) sharing cases over a folder, and over a real S3 server (SeaweedFS on
//! 127.0.0.1) in `clinic_s3.rs`. The scenarios live in `clinic_common/` so both remotes run
//! the same ones.

mod clinic_common;
mod common;

use clinic_common::*;

#[tokio::test]
async fn over_a_folder_enrollment_cases_handoff_and_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote").to_string_lossy().into_owned();
    scenario_enroll_share_handoff(&remote, Some(&dir.path().join("remote"))).await;
}

#[tokio::test]
async fn over_a_folder_concurrent_edits_conflict_and_converge() {
    let dir = tempfile::tempdir().unwrap();
    scenario_conflicts(&dir.path().join("remote").to_string_lossy()).await;
}

#[tokio::test]
async fn over_a_folder_duplicate_a_numbers_raise_an_alert() {
    let dir = tempfile::tempdir().unwrap();
    scenario_duplicates(&dir.path().join("remote").to_string_lossy()).await;
}

#[tokio::test]
async fn hostile_bundles_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    scenario_hostile(&dir.path().join("remote").to_string_lossy()).await;
}

#[tokio::test]
async fn over_a_folder_documents_reach_their_readers_whole_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("remote");
    documents::scenario_documents(&remote.to_string_lossy(), Some(&remote)).await;
}
