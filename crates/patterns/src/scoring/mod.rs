//! Fellegi–Sunter scoring: each field of a pair of reports falls in a comparison level; each
//! level has a probability m among pairs about the same actors and u among unrelated pairs;
//! the pair's score is the sum of log2(m/u) over its fields, so the per-field weights are the
//! link's explanation.
//!
//! u is measured on random pairs (almost all unrelated); m and the share of related pairs are
//! estimated by expectation–maximisation over the candidate pairs, without labels. A shared
//! value weighs by its term frequency: agreeing on a value few reports carry replaces u by
//! that value's share of reports (Splink's "term frequency adjustment"), so a shared rare
//! squad name counts for more than a shared "police" and "black SUV"; a claimed command, by
//! its share among the reports from where the two happened. The same event (two witnesses of
//! one visit) is weighed by a model of its own, [`EventModel`].
//!
//! This module names the compared fields and their levels; the work is in its parts:
//! `corpus` (the corpus-wide statistics), `compare` (a pair's level in each field),
//! `similarity` (the set and string measures the levels are cut from), `estimate` (fitting
//! both models by EM), `model` (the link model's weights) and `event` (the same-event
//! model's weights). The rest of the crate and other crates reach them through the names
//! re-exported here, as when this was one file.

mod compare;
mod corpus;
mod estimate;
mod event;
mod model;
mod similarity;

pub use compare::{Comparison, compare};
pub use corpus::{Corpus, tf_values};
#[cfg(test)]
pub(crate) use estimate::sharpened;
pub use event::EventModel;
pub use model::{Model, Weigher, value_u};
pub use similarity::close_spelling;

/// The compared fields, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The report-v1 path the field reads, as evidence names it.
    pub name: &'static str,
    /// Number of levels, counting "missing" (0) and "disagree" (1).
    pub levels: usize,
}

pub const TIME: usize = 0;
pub const PLACE: usize = 1;
pub const DAY_PART: usize = 2;
pub const PLACE_KIND: usize = 3;
pub const COMMAND: usize = 4;
pub const TITLE: usize = 5;
pub const NAME: usize = 6;
pub const SHIELD: usize = 7;
pub const VEHICLE: usize = 8;
pub const PLATE: usize = 9;
pub const ACTORS: usize = 10;
pub const ASKS: usize = 11;
pub const SHOWED: usize = 12;
pub const ATTIRE: usize = 13;
pub const NARRATIVE: usize = 14;
/// The fields that say when and where, not who or how.
pub const WHEN_AND_WHERE: [usize; 4] = [TIME, PLACE, DAY_PART, PLACE_KIND];
/// Number of compared fields.
pub const NF: usize = 15;
/// Most levels of any field.
pub const MAX_LEVELS: usize = 8;

pub const FIELDS: [FieldSpec; NF] = [
    FieldSpec { name: "incident.time", levels: 8 },
    FieldSpec { name: "incident.place", levels: 6 },
    FieldSpec { name: "incident.time_of_day", levels: 4 },
    FieldSpec { name: "incident.place.kind", levels: 3 },
    FieldSpec { name: "claims.units", levels: 4 },
    FieldSpec { name: "claims.titles", levels: 4 },
    FieldSpec { name: "claims.names", levels: 4 },
    FieldSpec { name: "claims.shield_numbers", levels: 3 },
    FieldSpec { name: "vehicles", levels: 5 },
    FieldSpec { name: "vehicles.plate", levels: 4 },
    FieldSpec { name: "actors.count", levels: 4 },
    FieldSpec { name: "asks", levels: 5 },
    FieldSpec { name: "claims.showed", levels: 4 },
    FieldSpec { name: "claims.attire", levels: 3 },
    FieldSpec { name: "narrative", levels: 6 },
];

/// Field tags of the term-frequency table (distinct from the field indexes where a field has
/// two kinds of value).
pub const TF_VEHICLE_KIND_COLOR: u8 = 100;
pub const TF_NARRATIVE: u8 = 101;

/// m or u of every level of every field.
type Probabilities = [[f64; MAX_LEVELS]; NF];
