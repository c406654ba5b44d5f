//! The link model: m, u and the prior of "related" (the same actors or method) for every
//! field's levels, the weight log2(m/u) of each field of a pair with the term-frequency
//! adjustment for a shared value, and the pair's score as their sum. [`Weigher`] works the
//! plain weights out once for scoring many pairs, to the same bits.
//!
//! It weighs comparisons already made; it does not fit itself (that is [`super::estimate`])
//! and holds, but does not apply, the same-event model ([`super::event`]).

use super::{COMMAND, Comparison, Corpus, EventModel, MAX_LEVELS, NF, Probabilities, TF_VEHICLE_KIND_COLOR, VEHICLE};
use crate::features::Features;

/// The least u a shared value's term frequency gives, so that one value seen twice cannot
/// outweigh everything else.
pub(super) const VALUE_MIN_U: f64 = 1e-4;

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

impl Model {
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

    /// The score at which a pair is as likely related as not: −log2(λ/(1−λ)).
    pub fn even_odds_score(&self) -> f64 {
        -(self.lambda / (1.0 - self.lambda)).log2()
    }
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
