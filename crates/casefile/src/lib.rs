//! What the case team holds, and nothing about where it is kept: the team's keys and
//! identities, reports sealed as age files and opened with a team identity, receipts and the
//! reporter keys derived from them, follow-up entries and statuses, the audit hash chain, and
//! the retention rules.
//!
//! No SQL and no async: the store persists what this crate seals as opaque bytes, and the same
//! code can open a report wherever a team identity is (the command line today, a member's
//! browser through WebAssembly tomorrow).

pub mod followup;
pub mod receipt;
pub mod sealed_report;
mod team_recipient;
