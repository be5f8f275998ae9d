//! The clinic scenarios against a real S3-compatible server: SeaweedFS (`weed mini`, from the
//! project's .venv, installed by `make s3-deps`) started on 127.0.0.1 for this test and
//! stopped by its pid. One test runs them all in turn, each under its own prefix, because
//! the S3 settings are process-wide environment variables.

mod clinic_common;
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use amparo::clinic::remote::Remote;
use clinic_common::*;

struct Server {
    dir: PathBuf,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(
            root.join(".venv/bin/weed").exists(),
            "SeaweedFS is not installed: run `make s3-deps` (make test does) before this test"
        );
        let out =
            Command::new(root.join("scripts/s3-server.sh")).arg("start").arg(dir).output().expect("run s3-server.sh");
        assert!(out.status.success(), "the S3 server did not start: {}", String::from_utf8_lossy(&out.stderr));
        let env = std::fs::read_to_string(dir.join("env")).unwrap();
        let get = |k: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .unwrap_or_else(|| panic!("{k} in env"))
                .trim()
                .to_string()
        };
        std::env::set_var("AWS_ENDPOINT_URL", get("AMPARO_TEST_S3_ENDPOINT"));
        std::env::set_var("AWS_ACCESS_KEY_ID", get("AMPARO_TEST_S3_ACCESS_KEY"));
        std::env::set_var("AWS_SECRET_ACCESS_KEY", get("AMPARO_TEST_S3_SECRET_KEY"));
        std::env::set_var("AWS_REGION", get("AMPARO_TEST_S3_REGION"));
        Server { dir: dir.to_path_buf() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let _ = Command::new(root.join("scripts/s3-server.sh")).arg("stop").arg(&self.dir).status();
    }
}

#[tokio::test]
async fn over_seaweedfs_every_scenario_and_no_plaintext_in_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());

    // Create-only writes are honoured: a second write to a name changes nothing.
    let remote = Remote::open("s3://amparo-test/probe", None).unwrap();
    assert!(remote.put_new("once", b"first".to_vec()).await.unwrap());
    assert!(!remote.put_new("once", b"second".to_vec()).await.unwrap(), "If-None-Match: * was ignored");
    assert_eq!(remote.get("once").await.unwrap(), b"first");
    assert_eq!(remote.list("").await.unwrap(), vec!["once".to_string()]);

    scenario_enroll_share_handoff("s3://amparo-test/clinic-a", None).await;
    scenario_conflicts("s3://amparo-test/clinic-b").await;
    scenario_duplicates("s3://amparo-test/clinic-c").await;
    scenario_hostile("s3://amparo-test/clinic-d").await;
    // Documents go up in parts (multipart upload) and come down as a stream.
    documents::scenario_documents("s3://amparo-test/clinic-e", None).await;

    // A wrong secret is refused with a message that says where to look.
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    let err = Remote::open("s3://amparo-test/clinic-a", None).unwrap().list("amparo").await.unwrap_err();
    assert!(err.to_string().contains("could not be listed"), "{err}");

    drop(server);
    assert_no_plaintext(&dir.path().join("data"));
    for needle in [documents::SECRET, "Qwyzbrook"] {
        assert_eq!(common::count_in_files(&dir.path().join("data"), needle.as_bytes()), 0, "{needle} in the S3 data");
    }
}
