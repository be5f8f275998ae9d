//! Passphrases and recovery codes cross into Rust as `SecretString`, never as a plain
//! `String` that would be freed unwiped when the command returns.

use secrecy::{ExposeSecret, SecretString};

/// The argument names that carry a passphrase or a recovery code in the files of the
/// commands that take them (elsewhere `new` may be a date).
const SECRET_ARGS: [&str; 5] = ["passphrase", "current", "new", "repeat", "code"];
const SECRET_FILES: [&str; 2] = ["vault.rs", "backups.rs"];

fn is_secret(file: &str, name: &str) -> bool {
    // `secret`: the clinic's S3 secret key (clinic.rs), a credential like a passphrase.
    name.contains("passphrase") || name == "secret" || (SECRET_FILES.contains(&file) && SECRET_ARGS.contains(&name))
}

/// Every `name: Type` argument of every command in src/, with the file it is in.
fn command_args() -> Vec<(String, String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut args = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if !file.ends_with(".rs") || file.ends_with("_tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for command in source.split("#[tauri::command]").skip(1) {
            let open = command.find('(').unwrap();
            let close = command.find(") ->").or_else(|| command.find(") {")).unwrap();
            for arg in command[open + 1..close].split(',') {
                if let Some((name, ty)) = arg.split_once(':') {
                    args.push((file.clone(), name.trim().to_string(), ty.trim().to_string()));
                }
            }
        }
    }
    args
}

#[test]
fn no_command_takes_a_passphrase_or_recovery_code_as_a_plain_string() {
    let secret: Vec<_> = command_args().into_iter().filter(|(file, name, _)| is_secret(file, name)).collect();
    // create_vault, unlock, passphrase_strength, change_passphrase (3), recover (3),
    // new_recovery_code, preview_restore, restore_backup.
    assert!(secret.len() >= 12, "the scan found too few: {secret:?}");
    for (file, name, ty) in &secret {
        assert_eq!(ty, "SecretString", "{file}: `{name}: {ty}`");
    }
}

#[test]
fn the_page_sends_them_as_plain_json_strings() {
    let args = serde_json::json!({ "passphrase": "tangerine orbit velvet harbor" });
    let p: SecretString = serde_json::from_value(args["passphrase"].clone()).unwrap();
    assert_eq!(p.expose_secret(), "tangerine orbit velvet harbor");
}
