//! The deadline engine: a rule table compiled in, a holiday calendar, the known optional
//! closures, and a pure `compute` that explains itself. See `table.rs` for the rules and
//! their sources.

pub mod closures;
pub mod compute;
pub mod events;
pub mod holidays;
pub mod table;

pub use closures::{known_closures, KnownClosure, Scope};
pub use compute::{compute, ClockStop, Computed, OptionalDue, Options};
pub use events::{propose, EventKind};
pub use holidays::{Calendar, Closure};
pub use table::{find, Counting, FiledWith, Roll, Rule, RULES, TABLE_VERSION};

#[cfg(test)]
mod tests;
