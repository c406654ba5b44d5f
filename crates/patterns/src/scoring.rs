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

use std::collections::HashMap;

use super::features::{Features, Precision, TermFrequencies};
use super::geo;

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
        let token_idf = super::map_on_cores(&features, |_, f| {
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

/// The least value two sorted lists share (without allocating: this runs for every
/// candidate pair), and how many they share.
fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> (Option<T>, usize) {
    let (mut i, mut j) = (0, 0);
    let (mut first, mut count) = (None, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                first = first.or(Some(a[i]));
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (first, count)
}

fn jaccard<T: Ord + Copy>(a: &[T], b: &[T]) -> f64 {
    let common = shared(a, b).1;
    let union = a.len() + b.len() - common;
    if union == 0 { 0.0 } else { common as f64 / union as f64 }
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

/// Shared tokens' weight over all tokens' weight, each token weighed by its inverse document
/// frequency (so "police" and "door" barely count).
fn weighted_jaccard(a: &[u64], a_idf: &[f32], b: &[u64], b_idf: &[f32]) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut common, mut union) = (0f32, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                union += a_idf[i];
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                union += b_idf[j];
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                common += a_idf[i];
                union += a_idf[i];
                i += 1;
                j += 1;
            }
        }
    }
    union += a_idf[i..].iter().sum::<f32>() + b_idf[j..].iter().sum::<f32>();
    if union <= 0.0 { 0.0 } else { f64::from(common / union) }
}

/// Plate patterns compared with wildcards: 3 when at least four seen characters agree in a
/// row, 2 for three, 1 when both saw at least three characters and nothing fits.
fn plate_level(a: &str, b: &str) -> u8 {
    let run = longest_common_run(a, b);
    let seen = |p: &str| p.chars().filter(|c| *c != '*').count();
    match run {
        r if r >= 4 => 3,
        3 => 2,
        _ if seen(a) >= 3 && seen(b) >= 3 => 1,
        _ => 0,
    }
}

fn longest_common_run(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y && *x != '*' {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

type Probabilities = [[f64; MAX_LEVELS]; NF];

/// A family of candidates for EM: the fields it selected on, and the test that selects.
type Family = (&'static [usize], fn(&[u8; NF]) -> bool);

/// The probability that a pair with these levels is related.
fn posterior(levels: &[u8; NF], m: &Probabilities, u: &Probabilities, use_field: [bool; NF], lambda: f64) -> f64 {
    let (mut pm, mut pu) = (lambda, 1.0 - lambda);
    for f in 0..NF {
        let l = usize::from(levels[f]);
        if l > 0 && use_field[f] {
            pm *= m[f][l];
            pu *= u[f][l];
        }
    }
    if pm + pu > 0.0 { pm / (pm + pu) } else { 0.0 }
}

/// EM for m and λ with u fixed, over distinct patterns with their counts; fields not used
/// keep their start values. Returns m, λ and the iterations run.
fn expectation_maximisation(
    patterns: &[([u8; NF], f64)],
    u: &Probabilities,
    use_field: [bool; NF],
    lambda: f64,
    iterations: usize,
) -> (Probabilities, f64, usize) {
    let mut m = [[0f64; MAX_LEVELS]; NF];
    for (row, spec) in m.iter_mut().zip(FIELDS.iter()) {
        // Start with related pairs agreeing more: mass grows with the level.
        let total: f64 = (1..spec.levels).map(|l| (l * l * l) as f64).sum();
        for (l, slot) in row.iter_mut().enumerate().take(spec.levels).skip(1) {
            *slot = (l * l * l) as f64 / total;
        }
    }
    let mut lambda = lambda;
    let mut runs = 0;
    for iteration in 0..iterations {
        let mut m_acc = [[0f64; MAX_LEVELS]; NF];
        let (mut related, mut total) = (0.0, 0.0);
        for (levels, count) in patterns {
            let p = posterior(levels, &m, u, use_field, lambda);
            related += p * count;
            total += count;
            for f in 0..NF {
                m_acc[f][usize::from(levels[f])] += p * count;
            }
        }
        let next = if total > 0.0 { (related / total).clamp(1e-6, 0.999) } else { lambda };
        let mut change = (next - lambda).abs();
        lambda = next;
        for f in (0..NF).filter(|f| use_field[*f]) {
            let levels = FIELDS[f].levels;
            let observed: f64 = m_acc[f][1..levels].iter().sum();
            if observed <= 0.0 {
                continue;
            }
            for l in 1..levels {
                let value = ((m_acc[f][l] + 1e-3) / (observed + 1e-3 * (levels - 1) as f64)).max(1e-6);
                change = change.max((value - m[f][l]).abs());
                m[f][l] = value;
            }
        }
        runs = iteration + 1;
        if change < 1e-5 {
            break;
        }
    }
    (m, lambda, runs)
}

/// The least u a shared value's term frequency gives, so that one value seen twice cannot
/// outweigh everything else.
const VALUE_MIN_U: f64 = 1e-4;

/// u of an agreement on a value, by how many reports carry it (the term-frequency
/// adjustment): the share of reports with that value, at least `min_u`; for a claimed
/// command, how likely each report was to claim it where it happened (the geometric mean of
/// the two local shares; each falls back to the overall share where too few reports come
/// from its precinct). None when the level is no agreement on a value.
pub fn value_u(corpus: &Corpus, field: usize, comparison: &Comparison, min_u: f64) -> Option<f64> {
    let value = comparison.values[field];
    if value == 0 {
        return None;
    }
    let tag = if field == VEHICLE && comparison.levels[field] == 3 { TF_VEHICLE_KIND_COLOR } else { field as u8 };
    let share = corpus.tf.share(tag, value);
    if share <= 0.0 {
        return None;
    }
    if field == COMMAND {
        let [a, b] = comparison.precincts.map(|p| corpus.local_share(value, p).unwrap_or(share));
        return Some((a * b).sqrt().max(min_u));
    }
    Some(share.max(min_u))
}

/// Passes of [`sharpened`] after EM.
const SHARPENING_PASSES: usize = 2;

/// The probability that two reports drawn at random are related, with m and u fixed.
/// Blocking is taken to find (nearly) every related pair, so the expected related pairs among
/// the candidates, over all pairs, is that prior; the two define each other and are found by
/// fixed-point iteration. The share of related pairs among the candidates would overstate it
/// by as much as blocking enriched them, and more so the more reports there are.
fn prior_of(
    patterns: &[([u8; NF], f64)],
    m: &Probabilities,
    u: &Probabilities,
    all_pairs: f64,
    iterations: usize,
) -> f64 {
    let mut lambda = 1.0 / all_pairs.max(1.0);
    for _ in 0..iterations.max(50) {
        let mut related = 0.0;
        for (levels, count) in patterns {
            related += posterior(levels, m, u, [true; NF], lambda) * count;
        }
        let next = (related / all_pairs.max(1.0)).clamp(1e-12, 0.5);
        let done = (next / lambda - 1.0).abs() < 1e-4;
        lambda = next;
        if done {
            break;
        }
    }
    lambda
}

/// Fields that say the same thing in other words, left out together when the others judge a
/// pair (see [`sharpened`]).
fn kin(f: usize) -> &'static [usize] {
    match f {
        TIME | DAY_PART => &[TIME, DAY_PART],
        VEHICLE | PLATE => &[VEHICLE, PLATE],
        NAME | SHIELD => &[NAME, SHIELD],
        PLACE => &[PLACE],
        PLACE_KIND => &[PLACE_KIND],
        COMMAND => &[COMMAND],
        TITLE => &[TITLE],
        ACTORS => &[ACTORS],
        ASKS => &[ASKS],
        SHOWED => &[SHOWED],
        ATTIRE => &[ATTIRE],
        _ => &[NARRATIVE],
    }
}

/// m re-estimated field by field from the candidate pairs that the other fields make sure
/// of: those at least 95 % likely related (with the prior over all pairs, `lambda`) by the
/// other fields' weights alone. EM's related class also takes in unrelated pairs that are
/// more alike than random ones (neighbours who name the same precinct and drive the same
/// common car), which blurs m towards u, so that agreement weighs too little and
/// disagreement too little against (at 100,000 generated reports EM gave a disagreement on
/// the titles m = 0.26 where the crews' own pairs show none). A field's own levels never
/// choose the pairs its m is read from (nor those of the fields that say the same thing in
/// other words), so the estimate is not biased towards agreement. No level is given less
/// than 1 %: witnesses misremember, and data cleaner than life must not make one
/// disagreement decisive.
pub(crate) fn sharpened(
    patterns: &[([u8; NF], f64)],
    m: &Probabilities,
    u: &Probabilities,
    silent: [bool; NF],
    lambda: f64,
) -> Probabilities {
    let used = silent.map(|s| !s);
    let mut out = *m;
    for f in (0..NF).filter(|&f| used[f]) {
        let mut others = used;
        for &k in kin(f) {
            others[k] = false;
        }
        let levels = FIELDS[f].levels;
        let mut acc = [0f64; MAX_LEVELS];
        for (pattern, count) in patterns {
            if pattern[f] > 0 && posterior(pattern, m, u, others, lambda) >= 0.95 {
                acc[usize::from(pattern[f])] += count;
            }
        }
        let observed: f64 = acc[1..levels].iter().sum();
        if observed < 50.0 {
            continue;
        }
        let row = &mut out[f][1..levels];
        for (l, p) in row.iter_mut().enumerate() {
            *p = (acc[l + 1] / observed).max(0.01);
        }
        let sum: f64 = row.iter().sum();
        for p in row.iter_mut() {
            *p /= sum;
        }
    }
    out
}

/// Two spellings of one name: at most one edit apart (two for long names), both at least
/// four letters.
pub fn close_spelling(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 4 || lb < 4 || la.abs_diff(lb) > 2 {
        return false;
    }
    let limit = if la.min(lb) >= 8 { 2 } else { 1 };
    edit_distance(a, b) <= limit
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != *y)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A fitted model's scores for many pairs: every level's plain weight log2(m/u), of the
/// model and of its same-event model, worked out once instead of per pair and field. The
/// same operations on the same numbers as [`Model::score_of`] and [`EventModel::score`],
/// added in the same order, so the same scores to the bit.
#[derive(Debug)]
pub struct Weigher<'a> {
    model: &'a Model,
    plain: Probabilities,
    event_plain: Probabilities,
    event_prior: f64,
}

impl<'a> Weigher<'a> {
    pub fn new(model: &'a Model) -> Weigher<'a> {
        let (mut plain, mut event_plain) = ([[0.0; MAX_LEVELS]; NF], [[0.0; MAX_LEVELS]; NF]);
        for f in 0..NF {
            for l in 1..MAX_LEVELS {
                plain[f][l] = (model.m[f][l] / model.u[f][l]).log2();
                event_plain[f][l] = (model.event.m[f][l] / model.event.u[f][l]).log2();
            }
        }
        let event_prior = (model.event.lambda / (1.0 - model.event.lambda)).log2();
        Weigher { model, plain, event_plain, event_prior }
    }

    /// [`Model::weight`].
    fn weight(&self, corpus: &Corpus, field: usize, comparison: &Comparison) -> f64 {
        let level = usize::from(comparison.levels[field]);
        if level == 0 || self.model.silent[field] {
            return 0.0;
        }
        match value_u(corpus, field, comparison, self.model.min_u) {
            Some(u) => (self.model.m[field][level] / u).log2(),
            None => self.plain[field][level],
        }
    }

    /// [`Model::score_of`].
    pub fn score_of(&self, corpus: &Corpus, comparison: &Comparison) -> f64 {
        (0..NF).map(|f| self.weight(corpus, f, comparison)).sum()
    }

    /// [`EventModel::score`] (the plain weights worked out once serve pairs where both
    /// reports gave a place; a pair with a side that gave none is weighed by the model).
    pub fn event_score(&self, corpus: &Corpus, a: &Features, b: &Features, comparison: &Comparison) -> f64 {
        let event = &self.model.event;
        if a.location.is_none() || b.location.is_none() {
            return event.score(corpus, a, b, comparison);
        }
        let weight = |f: usize| {
            let level = usize::from(comparison.levels[f]);
            if level == 0 || event.silent[f] {
                return 0.0;
            }
            match value_u(corpus, f, comparison, VALUE_MIN_U) {
                Some(u) => (event.m[f][level] / u).log2(),
                None => self.event_plain[f][level],
            }
        };
        let weights: [f64; NF] = std::array::from_fn(weight);
        self.event_prior + weights.iter().sum::<f64>()
    }
}

/// The comparison levels of each pair, worked out on every core, in the pairs' order (so
/// that what is summed from them is summed in the same order, to the same bits).
fn levels_on_cores(corpus: &Corpus, pairs: &[(u32, u32)]) -> Vec<[u8; NF]> {
    super::map_on_cores(pairs, |_, &(a, b)| corpus.compare(a as usize, b as usize).levels)
}

/// The estimated probabilities and the weights they give.
#[derive(Debug, Clone)]
pub struct Model {
    pub m: [[f64; MAX_LEVELS]; NF],
    pub u: [[f64; MAX_LEVELS]; NF],
    /// The probability that two reports drawn at random are related.
    pub lambda: f64,
    /// Fields with too few observed pairs to estimate: they weigh nothing.
    pub silent: [bool; NF],
    /// The least u a term frequency may give, so that one value seen twice cannot outweigh
    /// everything else.
    pub min_u: f64,
    pub iterations: usize,
    /// The same-event relation, fitted apart: among candidate pairs close enough in time and
    /// place to be one event, m and u of the other fields for "one event" against "two
    /// events", and the share of such pairs that are one event. Two witnesses of one
    /// morning are a different relation from a crew's visits weeks apart; one model of
    /// "related" would give each the other's weights.
    pub event: EventModel,
}

/// The weights of "the same event" among pairs that could be one event (see
/// [`Model::event`]). Time and place weigh too, within the window that selected the pairs:
/// two witnesses of one visit name the same doorway and the same hour far more often than
/// two visits that happened within a kilometre and three hours of each other, and EM learns
/// how much more from the data.
#[derive(Debug, Clone)]
pub struct EventModel {
    pub m: [[f64; MAX_LEVELS]; NF],
    pub u: [[f64; MAX_LEVELS]; NF],
    /// The share of pairs within an event's time and place that are one event.
    pub lambda: f64,
    /// Fields left out: those with too few observed pairs.
    pub silent: [bool; NF],
    /// How many other witnesses of its event a report has on average, estimated from the
    /// pairs that gave a place: the prior for a pair of which one report gave no place.
    pub partners: f64,
    /// u among random pairs (the link model's): a report that gave no place is compared
    /// with everyone at that time anywhere in the city, not with its neighbours.
    pub random_u: [[f64; MAX_LEVELS]; NF],
}

/// The least probability of any level in the same-event model.
const EVENT_FLOOR: f64 = 0.01;

impl EventModel {
    fn untrained() -> EventModel {
        EventModel {
            m: [[0.0; MAX_LEVELS]; NF],
            u: [[0.0; MAX_LEVELS]; NF],
            lambda: 0.5,
            silent: [true; NF],
            partners: 0.0,
            random_u: [[1.0; MAX_LEVELS]; NF],
        }
    }

    /// The weight of one field for "the same event".
    pub fn weight(&self, field: usize, comparison: &Comparison) -> f64 {
        let level = usize::from(comparison.levels[field]);
        if level == 0 || self.silent[field] {
            return 0.0;
        }
        (self.m[field][level] / self.u[field][level]).log2()
    }

    /// The log2 odds that a pair within an event's time and place is one event: the prior
    /// odds among such pairs plus every field's weight.
    pub fn score(&self, corpus: &Corpus, a: &Features, b: &Features, comparison: &Comparison) -> f64 {
        let (prior, weights) = self.terms(corpus, a, b, comparison);
        prior + weights.iter().sum::<f64>()
    }

    /// The prior log2 odds of one event and each field's weight, for a pair that passed the
    /// time and place test.
    ///
    /// When both reports gave a place, EM's estimates among such pairs (neighbours in time
    /// and place). When one gave none, the pair was chosen by time alone, anywhere in the
    /// city: its prior is the chance that one of the reports made around that time is
    /// another witness of this one's event (the average number of other witnesses over the
    /// number of reports made then), and what they agree on is weighed against random
    /// pairs, not neighbours; the time, which chose the pair, weighs nothing. This depends
    /// on no fitted share of such pairs, so it holds in a denser city, where each report
    /// has more strangers at its hour.
    pub fn terms(&self, corpus: &Corpus, a: &Features, b: &Features, comparison: &Comparison) -> (f64, [f64; NF]) {
        let mut weights = [0.0; NF];
        // An agreement on a value weighs by how many reports carry it, as in the link model
        // (neighbours who both name their own precinct agree on the commonest claim there).
        if a.location.is_some() && b.location.is_some() {
            for (f, w) in weights.iter_mut().enumerate() {
                let level = usize::from(comparison.levels[f]);
                *w = match value_u(corpus, f, comparison, VALUE_MIN_U) {
                    Some(u) if !self.silent[f] => (self.m[f][level] / u).log2(),
                    _ => self.weight(f, comparison),
                };
            }
            return ((self.lambda / (1.0 - self.lambda)).log2(), weights);
        }
        let (from, to) = match (a.span, b.span) {
            (Some(x), Some(y)) => (x.start.min(y.start) - 1_800, x.end.max(y.end) + 1_800),
            _ => return (f64::NEG_INFINITY, weights),
        };
        let others = corpus.happened_between(from, to).saturating_sub(1).max(1) as f64;
        let prior = (self.partners / others).clamp(1e-9, 0.5);
        for (f, w) in weights.iter_mut().enumerate() {
            let level = usize::from(comparison.levels[f]);
            if level == 0 || self.silent[f] || [TIME, PLACE, DAY_PART].contains(&f) {
                continue;
            }
            let u = value_u(corpus, f, comparison, VALUE_MIN_U).unwrap_or(self.random_u[f][level]);
            *w = (self.m[f][level] / u.max(1e-6)).log2();
        }
        ((prior / (1.0 - prior)).log2(), weights)
    }

    /// Fits m, u and the share of one-event pairs by EM (both m and u free, as in
    /// Winkler's EM: unrelated pairs near in time and place are not like random pairs,
    /// since neighbours name the same precinct) over pairs that passed the time and place
    /// test, each standing for `weight` pairs.
    pub fn fit(patterns: &[([u8; NF], f64)], iterations: usize) -> EventModel {
        let mut model = EventModel::untrained();
        let total: f64 = patterns.iter().map(|p| p.1).sum();
        if total < 50.0 {
            return model;
        }
        let mut use_field = [true; NF];
        for (f, used) in use_field.iter_mut().enumerate() {
            let observed: f64 = patterns.iter().filter(|p| p.0[f] > 0).map(|p| p.1).sum();
            if observed < 20.0 {
                *used = false;
            }
        }
        // Start: one-event pairs agree more (mass growing with the level), others less.
        let (mut m, mut u) = ([[0f64; MAX_LEVELS]; NF], [[0f64; MAX_LEVELS]; NF]);
        for f in 0..NF {
            let levels = FIELDS[f].levels;
            let up: f64 = (1..levels).map(|l| (l * l) as f64).sum();
            let down: f64 = (1..levels).map(|l| (levels - l) as f64).sum();
            for l in 1..levels {
                m[f][l] = (l * l) as f64 / up;
                u[f][l] = (levels - l) as f64 / down;
            }
        }
        let mut lambda = 0.3;
        for _ in 0..iterations.max(1) {
            let (mut m_acc, mut u_acc) = ([[0f64; MAX_LEVELS]; NF], [[0f64; MAX_LEVELS]; NF]);
            let mut related = 0.0;
            for (levels, count) in patterns {
                let p = posterior(levels, &m, &u, use_field, lambda);
                related += p * count;
                for f in 0..NF {
                    m_acc[f][usize::from(levels[f])] += p * count;
                    u_acc[f][usize::from(levels[f])] += (1.0 - p) * count;
                }
            }
            let next = (related / total).clamp(1e-6, 0.999);
            let mut change = (next - lambda).abs();
            lambda = next;
            for f in (0..NF).filter(|f| use_field[*f]) {
                let levels = FIELDS[f].levels;
                for (probs, acc) in [(&mut m, &m_acc), (&mut u, &u_acc)] {
                    let observed: f64 = acc[f][1..levels].iter().sum();
                    if observed <= 0.0 {
                        continue;
                    }
                    for l in 1..levels {
                        let value = ((acc[f][l] + 1e-3) / (observed + 1e-3 * (levels - 1) as f64)).max(1e-6);
                        change = change.max((value - probs[f][l]).abs());
                        probs[f][l] = value;
                    }
                }
            }
            if change < 1e-5 {
                break;
            }
        }
        // No level is impossible for one event: witnesses misremember, misspell and mishear.
        // A floor on every probability keeps one disagreement from outweighing everything
        // else, however clean the data EM learned from.
        for f in 0..NF {
            model.silent[f] = !use_field[f];
            let levels = FIELDS[f].levels;
            for probs in [&mut m, &mut u] {
                let row = &mut probs[f][1..levels];
                for p in row.iter_mut() {
                    *p = p.max(EVENT_FLOOR);
                }
                let total: f64 = row.iter().sum();
                for p in row.iter_mut() {
                    *p /= total;
                }
            }
        }
        model.m = m;
        model.u = u;
        model.lambda = lambda;
        model
    }
}

impl Model {
    /// Fits u on random pairs and m and λ by EM on the candidate pairs.
    pub fn fit(corpus: &Corpus, candidates: &[(u32, u32)], iterations: usize) -> Model {
        Model::fit_sample(corpus, candidates, 1.0, iterations)
    }

    /// Fits u on random pairs and m and λ by EM on a sample of the candidate pairs, each
    /// standing for `weight` candidate pairs (the estimates need a few million pairs, not
    /// every candidate of a million reports).
    pub fn fit_sample(corpus: &Corpus, candidates: &[(u32, u32)], weight: f64, iterations: usize) -> Model {
        let mut model = Model {
            m: [[0.0; MAX_LEVELS]; NF],
            u: [[0.0; MAX_LEVELS]; NF],
            lambda: 0.05,
            silent: [false; NF],
            min_u: VALUE_MIN_U,
            iterations: 0,
            event: EventModel::untrained(),
        };
        // u: random pairs. A deterministic generator, so that results repeat exactly.
        let n = corpus.len();
        let mut counts = [[0f64; MAX_LEVELS]; NF];
        if n >= 2 {
            let samples = (n * 20).clamp(2_000, 200_000);
            let mut state = 0x9E37_79B9_7F4A_7C15u64;
            let mut pairs = Vec::with_capacity(samples);
            for _ in 0..samples {
                let a = (super::splitmix(&mut state) % n as u64) as usize;
                let mut b = (super::splitmix(&mut state) % n as u64) as usize;
                if a == b {
                    b = (b + 1) % n;
                }
                pairs.push((a as u32, b as u32));
            }
            for levels in levels_on_cores(corpus, &pairs) {
                for (f, level) in levels.iter().enumerate() {
                    counts[f][usize::from(*level)] += 1.0;
                }
            }
        }
        for ((u, count), spec) in model.u.iter_mut().zip(counts.iter()).zip(FIELDS.iter()) {
            let levels = spec.levels;
            let observed: f64 = count[1..levels].iter().sum();
            for l in 1..levels {
                u[l] = (count[l] + 0.5) / (observed + 0.5 * (levels - 1) as f64);
            }
        }
        // Distinct comparison patterns with their counts: EM over patterns is exact and fast.
        let mut counted: HashMap<[u8; NF], f64> = HashMap::new();
        for levels in levels_on_cores(corpus, candidates) {
            *counted.entry(levels).or_default() += weight;
        }
        let mut patterns: Vec<([u8; NF], f64)> = counted.into_iter().collect();
        patterns.sort_unstable_by_key(|x| x.0);
        for f in 0..NF {
            let observed: f64 = patterns.iter().filter(|p| p.0[f] > 0).map(|p| p.1).sum();
            model.silent[f] = observed < 20.0;
        }
        // Blocking chose the candidates for agreeing on something, so among them even
        // unrelated pairs agree on those fields far more than random pairs do, and EM would
        // credit that agreement to "related". As Splink does per blocking rule, EM runs on
        // families of candidates that agree on one kind of field, leaving those fields out
        // of the likelihood; a field's m comes from the families that did not select on it.
        let families: [Family; 4] = [
            (&[COMMAND, TIME, DAY_PART], |l| l[COMMAND] == 3),
            (&[PLACE, TIME, DAY_PART, PLACE_KIND], |l| l[PLACE] >= 4 && l[TIME] >= 4),
            (&[NARRATIVE], |l| l[NARRATIVE] >= 3),
            (&[NAME, SHIELD, PLATE, VEHICLE], |l| l[NAME] >= 2 || l[SHIELD] == 2 || l[PLATE] >= 2),
        ];
        let mut m_sum = [[0f64; MAX_LEVELS]; NF];
        let mut m_runs = [0usize; NF];
        for (ignored, selects) in families {
            let family: Vec<([u8; NF], f64)> = patterns.iter().filter(|p| selects(&p.0)).copied().collect();
            if family.iter().map(|p| p.1).sum::<f64>() < 50.0 {
                continue;
            }
            let mut use_field = [true; NF];
            for f in ignored {
                use_field[*f] = false;
            }
            let (m, _, runs) = expectation_maximisation(&family, &model.u, use_field, 0.3, iterations);
            model.iterations = model.iterations.max(runs);
            for f in (0..NF).filter(|f| use_field[*f]) {
                for l in 0..MAX_LEVELS {
                    m_sum[f][l] += m[f][l];
                }
                m_runs[f] += 1;
            }
        }
        // A field no family could estimate falls back to EM over every candidate.
        let (m_all, _, _) = expectation_maximisation(&patterns, &model.u, [true; NF], 0.1, iterations);
        for f in 0..NF {
            for l in 0..MAX_LEVELS {
                model.m[f][l] = if m_runs[f] > 0 { m_sum[f][l] / m_runs[f] as f64 } else { m_all[f][l] };
            }
        }
        // With m and u fixed, the prior (see `prior_of`).
        let all_pairs = (n as f64) * (n as f64 - 1.0) / 2.0;
        model.lambda = prior_of(&patterns, &model.m, &model.u, all_pairs, iterations);
        // EM's m, sharpened: each field read from the pairs the others make sure of (see
        // [`sharpened`]); a second pass changes it little, so two are done.
        for _ in 0..SHARPENING_PASSES {
            model.m = sharpened(&patterns, &model.m, &model.u, model.silent, model.lambda);
            model.lambda = prior_of(&patterns, &model.m, &model.u, all_pairs, iterations);
        }
        model
    }

    /// The weight of one field's comparison, with the term-frequency adjustment when the
    /// pair agreed on a value.
    pub fn weight(&self, corpus: &Corpus, field: usize, comparison: &Comparison) -> f64 {
        let level = usize::from(comparison.levels[field]);
        if level == 0 || self.silent[field] {
            return 0.0;
        }
        let m = self.m[field][level];
        let u = value_u(corpus, field, comparison, self.min_u).unwrap_or(self.u[field][level]);
        (m / u).log2()
    }

    /// The weights of every field; their sum is the pair's score.
    pub fn weights(&self, corpus: &Corpus, comparison: &Comparison) -> [f64; NF] {
        let mut w = [0.0; NF];
        for (f, slot) in w.iter_mut().enumerate() {
            *slot = self.weight(corpus, f, comparison);
        }
        w
    }

    pub fn score(&self, corpus: &Corpus, a: usize, b: usize) -> f64 {
        self.score_of(corpus, &corpus.compare(a, b))
    }

    /// The score of a comparison already made.
    pub fn score_of(&self, corpus: &Corpus, comparison: &Comparison) -> f64 {
        (0..NF).map(|f| self.weight(corpus, f, comparison)).sum()
    }

    /// Fits the same-event relation on pairs that could be one event (see [`Model::event`]),
    /// each standing for `weight` pairs.
    ///
    /// EM runs on the pairs where both reports gave a place; pairs with a report that gave
    /// none are weighed apart ([`EventModel::terms`]), with the number of other witnesses a
    /// report has on average, worked out from the placed pairs EM judged one event.
    pub fn fit_event(&mut self, corpus: &Corpus, pairs: &[(u32, u32)], weight: f64, iterations: usize) {
        let placed = |r: u32| corpus.features[r as usize].location.is_some();
        let mut counted: HashMap<[u8; NF], f64> = HashMap::new();
        let both_placed: Vec<(u32, u32)> = pairs.iter().copied().filter(|&(a, b)| placed(a) && placed(b)).collect();
        for levels in levels_on_cores(corpus, &both_placed) {
            *counted.entry(levels).or_default() += weight;
        }
        let mut patterns: Vec<([u8; NF], f64)> = counted.into_iter().collect();
        patterns.sort_unstable_by_key(|x| x.0);
        let mut event = EventModel::fit(&patterns, iterations);
        // Each event has k witnesses, each of whom gives a place with probability q (the
        // share of reports that did): one-event pairs among placed reports are q² of all
        // one-event pairs, so the average number of other witnesses is 2 E / (q² n).
        let use_field = event.silent.map(|silent| !silent);
        let one_event: f64 = patterns
            .iter()
            .map(|(levels, count)| posterior(levels, &event.m, &event.u, use_field, event.lambda) * count)
            .sum();
        let n = corpus.len() as f64;
        let q = corpus.features.iter().filter(|f| f.location.is_some()).count() as f64 / n.max(1.0);
        event.partners = if q > 0.0 { 2.0 * one_event / (q * q * n) } else { 0.0 };
        event.random_u = self.u;
        self.event = event;
    }

    /// The score at which a pair is as likely related as not: −log2(λ/(1−λ)).
    pub fn even_odds_score(&self) -> f64 {
        -(self.lambda / (1.0 - self.lambda)).log2()
    }
}
