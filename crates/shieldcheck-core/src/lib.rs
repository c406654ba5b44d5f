//! shieldcheck's domain: the NYPD command registry and the normaliser for what people say,
//! the roster model and its CSV contract, ranks and shield series, name matching, and the
//! claim check decision.
//!
//! This crate does no I/O: no files, no network, no database, no async runtime. Everything
//! here is a pure function of its inputs, so that the same code can later run in a browser
//! (WebAssembly) and be tested from data tables.

pub mod claim;
pub mod credential;
pub mod name;
pub mod patterns;
pub mod qr;
pub mod rank;
pub mod registry;
pub mod report;
pub mod roster;
pub mod sealed;
pub mod text;
