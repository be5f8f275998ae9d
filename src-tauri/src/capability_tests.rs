//! Every command the app registers is declared for the capability system and granted to
//! the window, and nothing else is: a command missing from one list fails in the app as
//! "not allowed", which only an end-to-end run would otherwise show.

use std::collections::BTreeSet;

fn registered() -> BTreeSet<String> {
    let lib = include_str!("lib.rs");
    let start = lib.find("generate_handler![").expect("the handler list");
    let end = start + lib[start..].find(']').expect("its end");
    lib[start + "generate_handler![".len()..end]
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_string())
        .collect()
}

#[test]
fn registered_declared_and_granted_commands_are_the_same() {
    let declared: BTreeSet<String> =
        include_str!("../commands.txt").lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    let caps: serde_json::Value = serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let registered = registered();
    assert!(registered.len() > 40, "the handler list was not found: {registered:?}");
    assert_eq!(registered, declared, "src/lib.rs and commands.txt differ");
    assert_eq!(registered, granted, "src/lib.rs and capabilities/main.json differ");
}
