//! Errors as the front-end sees them: `{ code, message, fields }`. The UI switches on
//! `code` (and translates), shows `message` otherwise, and never sees a debug string.

use serde::Serialize;

use amparo::model::FieldError;

/// An error crossing the IPC boundary.
#[derive(Debug, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// Per-field problems, for inline form errors.
    pub fields: Vec<FieldError>,
}

impl From<amparo::Error> for CommandError {
    fn from(e: amparo::Error) -> Self {
        let fields = match &e {
            amparo::Error::Invalid(v) => v.fields.clone(),
            _ => Vec::new(),
        };
        CommandError { code: e.code().to_string(), message: e.to_string(), fields }
    }
}

impl CommandError {
    /// The vault is locked: nothing but unlocking is possible.
    pub fn locked() -> Self {
        CommandError {
            code: "locked".into(),
            message: "The vault is locked. Unlock it to continue.".into(),
            fields: vec![],
        }
    }
}

pub type CmdResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;
    use amparo::model::ValidationError;

    #[test]
    fn serialises_code_message_and_fields() {
        let e: CommandError =
            amparo::Error::Invalid(ValidationError::one("a_number", amparo::text::Text::fixed("bad", "malo"))).into();
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "invalid_input");
        assert_eq!(v["fields"][0]["field"], "a_number");
        assert_eq!(v["fields"][0]["message"]["en"], "bad");
        assert_eq!(v["fields"][0]["message"]["es"], "malo");
    }

    #[test]
    fn wrong_passphrase_has_no_debug_text() {
        let e: CommandError = amparo::Error::WrongPassphrase.into();
        let v = serde_json::to_string(&e).unwrap();
        assert!(v.contains("\"code\":\"wrong_passphrase\""));
        assert!(!v.contains("WrongPassphrase"));
        assert_eq!(serde_json::to_value(CommandError::locked()).unwrap()["code"], "locked");
    }
}
