//! Estimation: fitting the link model and the same-event model by expectation–maximisation
//! over the candidate pairs' comparison patterns, without labels. u of the link model comes
//! from random pairs; m by EM over families of candidates, each leaving out the fields that
//! selected it, then sharpened field by field; the prior by fixed-point iteration over all
//! pairs. The same-event model is fitted with m and u both free on pairs that could be one
//! event.
//!
//! It only fits: it neither compares reports (it asks the corpus) nor scores pairs with what
//! it fitted (that is [`super::model`] and [`super::event`]). Every sum runs in the pairs'
//! order, so the fit is the same to the bit on any number of cores.

use std::collections::HashMap;

use super::model::VALUE_MIN_U;
use super::{
    ACTORS, ASKS, ATTIRE, COMMAND, Corpus, DAY_PART, EventModel, FIELDS, MAX_LEVELS, Model, NAME, NARRATIVE, NF, PLACE,
    PLACE_KIND, PLATE, Probabilities, SHIELD, SHOWED, TIME, TITLE, VEHICLE,
};

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

/// The comparison levels of each pair, worked out on every core, in the pairs' order (so
/// that what is summed from them is summed in the same order, to the same bits).
fn levels_on_cores(corpus: &Corpus, pairs: &[(u32, u32)]) -> Vec<[u8; NF]> {
    crate::map_on_cores(pairs, |_, &(a, b)| corpus.compare(a as usize, b as usize).levels)
}

/// The least probability of any level in the same-event model.
const EVENT_FLOOR: f64 = 0.01;

impl EventModel {
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
                let a = (crate::splitmix(&mut state) % n as u64) as usize;
                let mut b = (crate::splitmix(&mut state) % n as u64) as usize;
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
}
