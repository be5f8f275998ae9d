//! What a process running Amparo does first, before any key exists: no core dumps
//! (core-file limit 0, inherited by every program it starts, WebKit's web process among
//! them) and not dumpable (which also refuses ptrace attaches from the user's other
//! processes). A crash then leaves no copy of the keys or of decrypted pages in
//! `/var/lib/systemd/coredump` or `/var/crash`.

/// Applies both settings; called first thing in every `main`.
pub fn harden() -> std::io::Result<()> {
    use rustix::process::{set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit};
    setrlimit(Resource::Core, Rlimit { current: Some(0), maximum: Some(0) })?;
    set_dumpable_behavior(DumpableBehavior::NotDumpable)?;
    Ok(())
}
