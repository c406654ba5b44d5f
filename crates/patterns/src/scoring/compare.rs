//! Comparison levels: how two reports compare, field by field (time apart, distance, the
//! claims, vehicles and plates, asks, narratives), as a level per field and, for an
//! agreement on a value, the value.
//!
//! A level is a fact about the pair alone: nothing here weighs it (that is the models') or
//! reads what the rest of the corpus holds, beyond the narrative tokens' inverse document
//! frequencies the caller passes in.

use super::similarity::{close_spelling, jaccard, plate_level, shared, weighted_jaccard};
use super::{
    ACTORS, ASKS, ATTIRE, COMMAND, DAY_PART, NAME, NARRATIVE, NF, PLACE, PLACE_KIND, PLATE, SHIELD, SHOWED, TIME,
    TITLE, VEHICLE,
};
use crate::features::{Features, Precision};
use crate::geo;

/// How two reports compare, field by field: a level, and for an agreement on a value, the
/// value (as its hash in the term-frequency table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Comparison {
    pub levels: [u8; NF],
    pub values: [u64; NF],
    /// The precincts where the two reports happened (0: not known), for the claimed
    /// command's share among the reports from there.
    pub precincts: [u32; 2],
}

/// Compares two reports' features.
pub fn compare(a: &Features, b: &Features, a_idf: &[f32], b_idf: &[f32]) -> Comparison {
    let mut c = Comparison::default();
    if let (Some(x), Some(y)) = (a.span, b.span) {
        let gap = x.gap(y);
        // Two clock times (each ± half an hour) that overlap, and two that do not though
        // within an hour, are levels of their own: witnesses of one visit name about the same
        // time, and a date or a part of the day within the hour says less either way.
        let precise = x.end - x.start <= 3_600 && y.end - y.start <= 3_600;
        c.levels[TIME] = match gap {
            0 if precise => 7,
            0..=3_600 if precise => 5,
            0..=3_600 => 6,
            3_601..=86_400 => 4,
            86_401..=604_800 => 3,
            604_801..=2_592_000 => 2,
            _ => 1,
        };
    }
    if let (Some(x), Some(y)) = (a.location, b.location) {
        let d = geo::km(x.lat, x.lon, y.lat, y.lon);
        let mut level = match d {
            d if d <= 0.25 => 5,
            d if d <= 1.0 => 4,
            d if d <= 3.0 => 3,
            d if d <= 10.0 => 2,
            _ => 1,
        };
        // A precinct's label point says "somewhere in the precinct": no closer than that.
        if x.precision == Precision::Precinct || y.precision == Precision::Precinct {
            level = if x.same_precinct(&y) { 3 } else { level.min(2) };
        }
        c.levels[PLACE] = level;
    }
    if let (Some(x), Some(y)) = (a.day_part, b.day_part) {
        let (x, y) = (x as i32, y as i32);
        c.levels[DAY_PART] = match (x - y).abs() {
            0 => 3,
            1 | 4 => 2,
            _ => 1,
        };
    }
    if let (Some(x), Some(y)) = (a.place_kind, b.place_kind) {
        c.levels[PLACE_KIND] = if x == y { 2 } else { 1 };
    }
    if !a.command_keys.is_empty() && !b.command_keys.is_empty() {
        if let (Some(v), _) = shared(&a.command_keys, &b.command_keys) {
            c.levels[COMMAND] = 3;
            c.values[COMMAND] = v;
            let precinct = |f: &Features| f.location.and_then(|l| l.precinct).unwrap_or(0);
            c.precincts = [precinct(a), precinct(b)];
        } else if shared(&a.code_keys, &b.code_keys).1 > 0 {
            c.levels[COMMAND] = 2;
        } else {
            c.levels[COMMAND] = 1;
        }
    }
    if !a.titles.is_empty() && !b.titles.is_empty() {
        let common = a.titles.iter().filter(|t| b.titles.contains(t)).max();
        c.levels[TITLE] = if a.titles == b.titles {
            3
        } else if common.is_none() {
            1
        } else {
            2
        };
        if let Some(t) = common {
            c.values[TITLE] = *t as u64 + 1;
        }
    }
    if !a.surname_keys.is_empty() && !b.surname_keys.is_empty() {
        if let (Some(s), _) = shared(&a.surname_keys, &b.surname_keys) {
            c.levels[NAME] = 3;
            c.values[NAME] = s;
        } else if a.surnames.iter().any(|x| b.surnames.iter().any(|y| close_spelling(x, y))) {
            c.levels[NAME] = 2;
        } else {
            c.levels[NAME] = 1;
        }
    }
    if !a.shield_keys.is_empty() && !b.shield_keys.is_empty() {
        let (common, _) = shared(&a.shield_keys, &b.shield_keys);
        c.levels[SHIELD] = if common.is_none() { 1 } else { 2 };
        if let Some(s) = common {
            c.values[SHIELD] = s;
        }
    }
    if !a.vehicles.is_empty() && !b.vehicles.is_empty() {
        let mut best = (1u8, 0u64);
        let mut plate = 0u8;
        for x in &a.vehicles {
            for y in &b.vehicles {
                // Each text compared by its key (`TextKey::same`: exactly as the texts compare).
                let (kind, color, make, model) = (
                    x.kind_key.same(y.kind_key, &x.kind, &y.kind),
                    x.color_key.same(y.color_key, &x.color, &y.color),
                    x.make_key.same(y.make_key, &x.make, &y.make),
                    x.model_key.same(y.model_key, &x.model, &y.model),
                );
                let conflict = (x.kind_key.is_some() && y.kind_key.is_some() && !kind)
                    || (x.color_key.is_some() && y.color_key.is_some() && !color);
                let level = if conflict {
                    (1, 0)
                } else if x.make_key.is_some() && x.model_key.is_some() && make && model {
                    (4, x.make_model.unwrap_or(0))
                } else if x.kind_key.is_some() && x.color_key.is_some() && kind && color {
                    (3, x.kind_color.unwrap_or(0))
                } else if (x.kind_key.is_some() && kind) || (x.make_key.is_some() && make) {
                    (2, 0)
                } else {
                    (1, 0)
                };
                if level.0 > best.0 {
                    best = level;
                }
                if let (Some(p), Some(q)) = (&x.plate, &y.plate) {
                    plate = plate.max(plate_level(p, q));
                }
            }
        }
        c.levels[VEHICLE] = best.0;
        c.values[VEHICLE] = best.1;
        c.levels[PLATE] = plate;
    }
    if let (Some(x), Some(y)) = (a.actors, b.actors) {
        c.levels[ACTORS] = match x.abs_diff(y) {
            0 => 3,
            1 => 2,
            _ => 1,
        };
    }
    if !a.asks.is_empty() && !b.asks.is_empty() {
        c.levels[ASKS] = match jaccard(&a.asks, &b.asks) {
            j if j >= 0.75 => 4,
            j if j >= 0.5 => 3,
            j if j > 0.0 => 2,
            _ => 1,
        };
    }
    if !a.showed.is_empty() && !b.showed.is_empty() {
        c.levels[SHOWED] = match jaccard(&a.showed, &b.showed) {
            j if j >= 0.99 => 3,
            j if j > 0.0 => 2,
            _ => 1,
        };
    }
    if !a.attire_keys.is_empty() && !b.attire_keys.is_empty() {
        let (common, _) = shared(&a.attire_keys, &b.attire_keys);
        c.levels[ATTIRE] = if common.is_none() { 1 } else { 2 };
        c.values[ATTIRE] = common.unwrap_or(0);
    }
    // Narratives in two languages say nothing about each other by their words.
    let same_language = !a.language_key.is_some()
        || !b.language_key.is_some()
        || a.language_key.same(b.language_key, &a.language, &b.language);
    if same_language && a.tokens.len() >= 3 && b.tokens.len() >= 3 {
        let sim = weighted_jaccard(&a.tokens, a_idf, &b.tokens, b_idf);
        c.levels[NARRATIVE] = match sim {
            s if s >= 0.5 => 5,
            s if s >= 0.3 => 4,
            s if s >= 0.15 => 3,
            s if s >= 0.05 => 2,
            _ => 1,
        };
    }
    c
}
