//! What a process running Amparo does first, before any key exists: no core dumps
//! (core-file limit 0, inherited by every program it starts, WebKit's web process among
//! them) and not dumpable (which also refuses ptrace attaches from the user's other
//! processes). A crash then leaves no copy of the keys or of decrypted pages in
//! `/var/lib/systemd/coredump` or `/var/crash`. On macOS the core-file limit is all there
//! is (no dumpable flag); on Windows crash dumps are Windows Error Reporting's, set by
//! policy, not by the process (docs/PLATFORMS.md).

/// Applies the settings the platform has; called first thing in every `main`.
pub fn harden() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) })?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{set_dumpable_behavior, DumpableBehavior};
        set_dumpable_behavior(DumpableBehavior::NotDumpable)?;
    }
    Ok(())
}
