//! Errors as the front-end sees them: `{ code, message, fields }`. The UI switches on
//! `code` (and translates), shows `message` otherwise, and never sees a debug string.

use serde::Serialize;

use amparo::model::FieldError;
use amparo::text::Text;

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
            // Which passphrase opens the vault now matters more than the refusal itself:
            // said on the passphrase field, in the user's language.
            amparo::Error::WrongPassphraseAfterInterruptedChange { new_in_force } => vec![FieldError {
                field: "passphrase".into(),
                message: if *new_in_force {
                    Text::fixed(
                        "A change of passphrase was interrupted after the new passphrase took effect: this vault now opens with the NEW passphrase.",
                        "Un cambio de frase de contraseña se interrumpió después de que la nueva entrara en vigor: esta bóveda ahora se abre con la frase NUEVA.",
                    )
                } else {
                    Text::fixed(
                        "A change of passphrase was interrupted before it finished: this vault still opens with the PREVIOUS passphrase.",
                        "Un cambio de frase de contraseña se interrumpió antes de terminar: esta bóveda todavía se abre con la frase ANTERIOR.",
                    )
                },
            }],
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
    fn an_interrupted_change_says_which_passphrase_in_both_languages() {
        let e: CommandError = amparo::Error::WrongPassphraseAfterInterruptedChange { new_in_force: false }.into();
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "wrong_passphrase");
        assert_eq!(v["fields"][0]["field"], "passphrase");
        assert!(v["fields"][0]["message"]["en"].as_str().unwrap().contains("PREVIOUS"));
        assert!(v["fields"][0]["message"]["es"].as_str().unwrap().contains("ANTERIOR"));
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
