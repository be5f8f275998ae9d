//! Field-level validation errors, collected so a form can show every problem at once.

use serde::Serialize;

use crate::text::Text;

/// One field's problem, in words a volunteer understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldError {
    /// The input field's name, as in the input struct (`a_number`, `date_of_birth`…).
    pub field: String,
    pub message: Text,
}

/// Input was refused; nothing was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS, thiserror::Error)]
#[ts(export)]
#[error("{}", self.summary())]
pub struct ValidationError {
    pub fields: Vec<FieldError>,
}

impl ValidationError {
    /// An error about a single field.
    pub fn one(field: &str, message: Text) -> Self {
        ValidationError { fields: vec![FieldError { field: field.into(), message }] }
    }

    fn summary(&self) -> String {
        self.fields.iter().map(|f| f.message.en.as_ref()).collect::<Vec<_>>().join(" ")
    }

    /// The English message for `field`, if it has one.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.message.en.as_ref())
    }
}

/// Collects per-field results; `finish` fails if any field failed.
#[derive(Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// Keeps the value, or records the message against `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, Text>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(message) => {
                self.errors.push(FieldError { field: field.into(), message });
                None
            }
        }
    }

    /// Records a problem that spans fields, against the first one named.
    pub fn fail(&mut self, field: &str, message: Text) {
        self.errors.push(FieldError { field: field.into(), message });
    }

    pub fn finish(self) -> Result<(), ValidationError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { fields: self.errors })
        }
    }
}
