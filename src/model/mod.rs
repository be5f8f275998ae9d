//! The case data: clients, matters, hearings, appointments, custody, deadlines, filings and notes, as types that
//! can only hold valid values. Raw input (`*Input`) is checked once, by `validate`.

pub mod appointment;
pub mod client;
pub mod countries;
pub mod custody;
pub mod deadline;
pub mod fields;
pub mod filing;
pub mod hearing;
pub mod ids;
pub mod matter;
pub mod note;
pub mod spanish;
mod text_enum;
pub mod validation;

pub use appointment::{Appointment, AppointmentFields, AppointmentInput, AppointmentKind, AppointmentOutcome};
pub use client::{Client, ClientFields, ClientInput, DetentionStatus, MannerOfEntry, Relationship};
pub use custody::{Alternative, BondStatus, CustodyFields, CustodyInput, CustodyPeriod};
pub use deadline::{Deadline, DeadlineFields, DeadlineInput, DeadlineSource, DeadlineStatus};
pub use filing::{Filing, FilingFields, FilingForm, FilingInput, FilingMethod, FilingStatus, Review, ReviewStatus};
pub use hearing::{Attendance, Hearing, HearingFields, HearingInput, HearingKind, HearingSource};
pub use ids::{ANumber, CountryCode, ReceiptNumber};
pub use matter::{Forum, Matter, MatterFields, MatterInput, MatterKind, MatterStatus, Outcome, Representation};
pub use note::{Note, NoteSubject, NoteVersion};
pub use validation::{FieldError, ValidationError};
