//! The same-event model: among pairs close enough in time and place to be one event, the
//! weights of "two witnesses of one visit" against "two visits", and the log odds that a pair
//! is one event, with a prior of its own for a pair of which one report gave no place.
//!
//! It weighs a pair that already passed the time and place test; it does not apply that
//! test (that is grouping's), fit itself (that is [`super::estimate`]) or say whether two
//! reports are about the same actors (that is the link model, [`super::Model`]).

use super::model::{VALUE_MIN_U, value_u};
use super::{Comparison, Corpus, DAY_PART, MAX_LEVELS, NF, PLACE, TIME};
use crate::features::Features;

/// The weights of "the same event" among pairs that could be one event (see
/// [`Model::event`](super::Model::event)). Time and place weigh too, within the window that
/// selected the pairs: two witnesses of one visit name the same doorway and the same hour far
/// more often than two visits that happened within a kilometre and three hours of each
/// other, and EM learns how much more from the data.
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

impl EventModel {
    pub(super) fn untrained() -> EventModel {
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
}
