//! shieldcheck's use cases, without HTTP: what the public server, the command line and (next)
//! the case desk all do. Each use case returns its own error type; the server maps those to
//! stable codes and statuses, and the command line to messages.
//!
//! Depends on the store and the domain crates; never on axum or any HTTP type.

pub mod batch;
pub mod claims;
pub mod clock;
pub mod credentials;
pub mod followup;
pub mod i18n;
pub mod issuer;
pub mod pow;
pub mod ratelimit;
pub mod reports;
pub mod settings;
pub mod tasks;
