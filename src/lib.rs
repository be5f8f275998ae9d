//! Amparo's core: the encrypted vault, the case data model, the store over it, and the
//! deadline rules. Knows nothing of Tauri or the command line; both are thin shells over it.

pub mod backups;
pub mod clinic;
pub mod documents;
pub mod error;
pub mod exchange;
pub mod model;
pub mod owner_only;
pub mod process_guard;
pub mod rules;
pub mod seed;
pub mod store;
pub mod text;
pub mod vault;

pub use error::{Error, Result};
pub use store::Store;
pub use vault::Vault;
