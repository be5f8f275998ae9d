//! The process settings that keep keys out of core dumps, read back from the kernel.
#![cfg(target_os = "linux")] // reads /proc

#[test]
fn after_hardening_no_core_file_can_be_written_and_the_process_is_not_dumpable() {
    amparo::process_guard::harden().unwrap();
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    assert_eq!(rustix::process::dumpable_behavior().unwrap(), rustix::process::DumpableBehavior::NotDumpable);
}
