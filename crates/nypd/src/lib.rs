//! The City's vocabulary: how people say what they were told. Text folding (accents, case,
//! other scripts' digits) and forbidden characters, the NYPD command registry with the
//! normaliser for what residents call its commands ("the three-four" → `34`), and ranks with
//! their shield series.
//!
//! A leaf: no other shieldcheck crate below it, and no I/O, so that the browser's verifier
//! (WebAssembly) reads commands exactly as the server does.

pub mod rank;
pub mod registry;
pub mod text;
