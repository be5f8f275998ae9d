//! Printing results: JSON for scripts, short plain lines for people.

use serde::Serialize;

use amparo::Error;

/// Prints `value` as JSON, or `text` for people. A closed pipe (`amparo … | head`) is not
/// an error worth a panic: the reader has what it wanted.
pub fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    use std::io::Write;
    let out = if json { serde_json::to_string_pretty(value).expect("serialisable") } else { text() };
    if !out.is_empty() {
        let _ = writeln!(std::io::stdout(), "{out}");
    }
}

/// Reports an error: `{ "error": { code, message } }` on stdout with --json, a plain line
/// on stderr otherwise. Field problems are listed one per line.
pub fn error(e: &Error, json: bool) {
    if json {
        let fields = match e {
            Error::Invalid(v) => serde_json::to_value(&v.fields).unwrap_or_default(),
            _ => serde_json::Value::Array(vec![]),
        };
        let body = serde_json::json!({ "error": { "code": e.code(), "message": e.to_string(), "fields": fields } });
        println!("{}", serde_json::to_string_pretty(&body).expect("serialisable"));
    } else if let Error::Invalid(v) = e {
        for f in &v.fields {
            eprintln!("error: {}: {}", f.field, f.message);
        }
    } else {
        eprintln!("error: {e}");
    }
}
