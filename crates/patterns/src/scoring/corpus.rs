//! The corpus: every report's features with the statistics across all of them that a
//! comparison or a weight needs (term frequencies, each narrative token's inverse document
//! frequency, reports by precinct and by claimed command there, the reports' times).
//!
//! It counts, once, when built; it does not compare reports (`Corpus::compare` hands the
//! pair to `compare`) nor weigh what they share (that is the models').

use std::collections::HashMap;

use super::compare::compare;
use super::{ATTIRE, COMMAND, Comparison, NAME, SHIELD, TF_NARRATIVE, TF_VEHICLE_KIND_COLOR, TITLE, VEHICLE};
use crate::features::{Features, TermFrequencies};

/// The reports' features with the corpus-wide statistics that comparisons need.
#[derive(Debug)]
pub struct Corpus {
    pub features: Vec<Features>,
    pub tf: TermFrequencies,
    /// For each report, the inverse document frequency of each of its tokens, aligned with
    /// `features[i].tokens`.
    pub token_idf: Vec<Vec<f32>>,
    /// Reports by the precinct where they happened, and by that precinct and a command they
    /// claimed. Claims and places are not independent (people name the precinct they are
    /// in, a squad that works there), so agreeing on a command weighs by how common that
    /// claim is where the two reports happened, where that is more common than overall.
    pub from_precinct: HashMap<u32, u32>,
    pub claims_from_precinct: HashMap<(u64, u32), u32>,
    /// The middle of every report's time, sorted: how many reports happened around a time.
    pub centres: Vec<i64>,
}

/// The fewest reports from a precinct for its own shares to be used.
const LOCAL_MIN_REPORTS: u32 = 30;

impl Corpus {
    pub fn new(features: Vec<Features>) -> Corpus {
        let mut tf = TermFrequencies::default();
        tf.reports = features.len();
        for f in &features {
            for value in tf_values(f) {
                tf.add(value.0, value.1);
            }
            for token in &f.tokens {
                tf.add(TF_NARRATIVE, *token);
            }
        }
        let n = features.len().max(1) as f64;
        let token_idf = crate::map_on_cores(&features, |_, f| {
            f.tokens.iter().map(|t| (n / f64::from(tf.count(TF_NARRATIVE, *t).max(1))).ln().max(0.0) as f32).collect()
        });
        let mut from_precinct: HashMap<u32, u32> = HashMap::new();
        let mut claims_from_precinct: HashMap<(u64, u32), u32> = HashMap::new();
        for f in &features {
            if let Some(p) = f.location.and_then(|l| l.precinct) {
                *from_precinct.entry(p).or_default() += 1;
                for c in &f.command_keys {
                    *claims_from_precinct.entry((*c, p)).or_default() += 1;
                }
            }
        }
        let mut centres: Vec<i64> = features.iter().filter_map(|f| f.span).map(|s| (s.start + s.end) / 2).collect();
        centres.sort_unstable();
        Corpus { features, tf, token_idf, from_precinct, claims_from_precinct, centres }
    }

    /// How many reports' times have their middle between `from` and `to` (inclusive).
    pub fn happened_between(&self, from: i64, to: i64) -> usize {
        self.centres.partition_point(|&c| c <= to) - self.centres.partition_point(|&c| c < from)
    }

    /// The share of the reports from precinct `p` that claim command `c`, when enough
    /// reports come from there.
    pub fn local_share(&self, c: u64, p: u32) -> Option<f64> {
        let from = *self.from_precinct.get(&p)?;
        (from >= LOCAL_MIN_REPORTS)
            .then(|| f64::from(self.claims_from_precinct.get(&(c, p)).copied().unwrap_or(0)) / f64::from(from))
    }

    pub fn len(&self) -> usize {
        self.features.len()
    }

    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// Reads what [`compare`] will read of each of these reports, in tight loops whose reads
    /// do not wait on one another, and returns a meaningless sum of what was read (for
    /// `std::hint::black_box`, so that the reads are kept).
    ///
    /// Comparing a million reports' candidates is bound by memory, not arithmetic: each
    /// comparison reads a report's features and a dozen small lists from wherever they lie,
    /// and read one after the other each waits for the last. Read here for a report's
    /// candidates at once, they are fetched side by side, and the comparisons that follow
    /// find them in the cache. Nothing else changes: the comparisons read the same values.
    pub fn warm(&self, reports: &[u32]) -> u64 {
        let mut sum = 0u64;
        // First each report's features (where its lists are), then the lists.
        for &r in reports {
            let f = &self.features[r as usize];
            sum = sum.wrapping_add(f.span.map_or(0, |s| s.start as u64));
            sum ^= f.location.map_or(0, |l| l.lat.to_bits());
            sum = sum.wrapping_add((f.command_keys.len() + f.titles.len() + f.surname_keys.len()) as u64);
            sum = sum.wrapping_add((f.shield_keys.len() + f.vehicles.len() + f.asks.len()) as u64);
            sum = sum.wrapping_add((f.showed.len() + f.attire_keys.len() + f.tokens.len()) as u64);
            sum = sum.wrapping_add(u64::from(f.actors.unwrap_or(0)) + f.language_key.bits());
            sum = sum.wrapping_add(self.token_idf[r as usize].len() as u64);
        }
        for &r in reports {
            let f = &self.features[r as usize];
            let first = |v: &[u64]| v.first().copied().unwrap_or(0);
            sum ^= first(&f.command_keys) ^ first(&f.surname_keys) ^ first(&f.shield_keys) ^ first(&f.attire_keys);
            sum = sum.wrapping_add(f.titles.first().map_or(0, |t| *t as u64));
            sum = sum.wrapping_add(f.asks.first().map_or(0, |a| *a as u64) + f.showed.first().map_or(0, |s| *s as u64));
            sum ^= f.vehicles.first().map_or(0, |v| v.kind_key.bits());
            // The tokens span several cache lines: one read in each.
            for t in f.tokens.iter().step_by(8) {
                sum ^= *t;
            }
            for w in self.token_idf[r as usize].iter().step_by(16) {
                sum ^= u64::from(w.to_bits());
            }
        }
        sum
    }

    /// Compares reports `a` and `b`.
    pub fn compare(&self, a: usize, b: usize) -> Comparison {
        compare(&self.features[a], &self.features[b], &self.token_idf[a], &self.token_idf[b])
    }
}

/// The (field tag, value) pairs a report counts towards term frequencies.
pub fn tf_values(f: &Features) -> Vec<(u8, u64)> {
    let mut out = Vec::new();
    out.extend(f.command_keys.iter().map(|c| (COMMAND as u8, *c)));
    out.extend(f.titles.iter().map(|t| (TITLE as u8, *t as u64 + 1)));
    out.extend(f.surname_keys.iter().map(|s| (NAME as u8, *s)));
    out.extend(f.shield_keys.iter().map(|s| (SHIELD as u8, *s)));
    out.extend(f.attire_keys.iter().map(|s| (ATTIRE as u8, *s)));
    let mut vehicles: Vec<(u8, u64)> = Vec::new();
    for v in &f.vehicles {
        if let Some(key) = v.make_model {
            vehicles.push((VEHICLE as u8, key));
        }
        if let Some(key) = v.kind_color {
            vehicles.push((TF_VEHICLE_KIND_COLOR, key));
        }
    }
    vehicles.sort_unstable();
    vehicles.dedup();
    out.extend(vehicles);
    out
}
