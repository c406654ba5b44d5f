//! Measuring an analysis against ground truth: pairwise and B-cubed precision, recall and F1,
//! the adjusted Rand index, and blocking pair completeness, for incidents and for series.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

pub const TRUTH_FORMAT: &str = "shieldcheck-patterns-truth/1";

/// The ground truth `patterns generate --truth` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    pub format: String,
    pub seed: u64,
    /// Every report's `ref`, in file order.
    pub reports: Vec<String>,
    /// Reports of one event (two or more).
    pub incidents: Vec<Vec<String>>,
    /// Reports of one crew across two or more events.
    pub series: Vec<Vec<String>>,
    /// The planted crews, for reading the data; not used by the metrics.
    #[serde(default)]
    pub crews: Vec<serde_json::Value>,
    #[serde(default)]
    pub settings: serde_json::Value,
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

/// One level's scores (incidents or series).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub pairwise: Prf,
    pub bcubed: Prf,
    pub adjusted_rand_index: f64,
    /// The share of true pairs that blocking made candidates; None when not measured.
    pub blocking_pair_completeness: Option<f64>,
    pub true_groups: usize,
    pub predicted_groups: usize,
    pub largest_true: usize,
    pub largest_predicted: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub reports: usize,
    pub incidents: Scores,
    pub series: Scores,
}

fn pairs(n: u64) -> f64 {
    (n * n.saturating_sub(1) / 2) as f64
}

/// Cluster labels for every report of the universe: a group's index, or a label of its own
/// for a report in no group.
fn labels(index: &HashMap<&str, usize>, groups: &[Vec<String>], n: usize) -> Vec<usize> {
    let mut label: Vec<usize> = (0..n).map(|i| groups.len() + i).collect();
    for (g, members) in groups.iter().enumerate() {
        for m in members {
            if let Some(&i) = index.get(m.as_str()) {
                label[i] = g;
            }
        }
    }
    label
}

/// Compares predicted groups with true groups over a universe of report names. Names in
/// groups that are not in the universe are ignored.
pub fn score_groups(universe: &[String], truth: &[Vec<String>], predicted: &[Vec<String>]) -> Scores {
    let index: HashMap<&str, usize> = universe.iter().enumerate().map(|(i, r)| (r.as_str(), i)).collect();
    let n = universe.len();
    let t = labels(&index, truth, n);
    let p = labels(&index, predicted, n);
    let mut cells: HashMap<(usize, usize), u64> = HashMap::new();
    let mut t_size: HashMap<usize, u64> = HashMap::new();
    let mut p_size: HashMap<usize, u64> = HashMap::new();
    for i in 0..n {
        *cells.entry((t[i], p[i])).or_default() += 1;
        *t_size.entry(t[i]).or_default() += 1;
        *p_size.entry(p[i]).or_default() += 1;
    }
    let together: f64 = cells.values().map(|&c| pairs(c)).sum();
    let true_pairs: f64 = t_size.values().map(|&c| pairs(c)).sum();
    let pred_pairs: f64 = p_size.values().map(|&c| pairs(c)).sum();
    let pairwise = Prf::new(
        if pred_pairs > 0.0 { together / pred_pairs } else { 1.0 },
        if true_pairs > 0.0 { together / true_pairs } else { 1.0 },
    );
    // B-cubed over the reports in some true or predicted group.
    let in_group = |i: usize| t_size[&t[i]] > 1 || p_size[&p[i]] > 1;
    let (mut bp, mut br, mut m) = (0.0, 0.0, 0usize);
    for i in (0..n).filter(|&i| in_group(i)) {
        let both = cells[&(t[i], p[i])] as f64;
        bp += both / p_size[&p[i]] as f64;
        br += both / t_size[&t[i]] as f64;
        m += 1;
    }
    let bcubed = if m == 0 { Prf::new(1.0, 1.0) } else { Prf::new(bp / m as f64, br / m as f64) };
    let all = pairs(n as u64);
    let expected = if all > 0.0 { true_pairs * pred_pairs / all } else { 0.0 };
    let max = (true_pairs + pred_pairs) / 2.0;
    let ari = if (max - expected).abs() < 1e-12 { 1.0 } else { (together - expected) / (max - expected) };
    let sizes = |groups: &[Vec<String>]| groups.iter().map(Vec::len).filter(|&l| l >= 2).collect::<Vec<_>>();
    Scores {
        pairwise,
        bcubed,
        adjusted_rand_index: ari,
        blocking_pair_completeness: None,
        true_groups: sizes(truth).len(),
        predicted_groups: sizes(predicted).len(),
        largest_true: sizes(truth).into_iter().max().unwrap_or(0),
        largest_predicted: sizes(predicted).into_iter().max().unwrap_or(0),
    }
}

/// The share of pairs within the true groups that the candidate pairs contain (report
/// indexes into `universe`; pairs in either order).
pub fn pair_completeness(universe: &[String], truth: &[Vec<String>], candidates: &[(u32, u32)]) -> f64 {
    let set: HashSet<(u32, u32)> = candidates.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    pair_completeness_by(universe, truth, |a, b| set.contains(&(a, b)))
}

/// [`pair_completeness`] with a test for "is a candidate pair" (called with a < b), so that
/// a million reports' pairs need not be listed.
pub fn pair_completeness_by(
    universe: &[String],
    truth: &[Vec<String>],
    is_candidate: impl Fn(u32, u32) -> bool,
) -> f64 {
    let index: HashMap<&str, u32> = universe.iter().enumerate().map(|(i, r)| (r.as_str(), i as u32)).collect();
    let (mut found, mut total) = (0u64, 0u64);
    for group in truth {
        let ids: Vec<u32> = group.iter().filter_map(|r| index.get(r.as_str()).copied()).collect();
        for (x, &a) in ids.iter().enumerate() {
            for &b in &ids[x + 1..] {
                total += 1;
                found += u64::from(is_candidate(a.min(b), a.max(b)));
            }
        }
    }
    if total == 0 { 1.0 } else { found as f64 / total as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("r{i}")).collect()
    }

    fn groups(g: &[&[usize]]) -> Vec<Vec<String>> {
        g.iter().map(|members| members.iter().map(|i| format!("r{i}")).collect()).collect()
    }

    #[track_caller]
    fn close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let truth = groups(&[&[1, 2, 3], &[4, 5]]);
        let s = score_groups(&names(8), &truth, &truth);
        close(s.pairwise.f1, 1.0);
        close(s.bcubed.f1, 1.0);
        close(s.adjusted_rand_index, 1.0);
        assert_eq!((s.largest_true, s.largest_predicted), (3, 3));
    }

    #[test]
    fn hand_computed_small_case() {
        // Truth {1,2,3} {4,5}; predicted {1,2} {3,4,5}; universe 1..=6 (6 alone in both).
        let s = score_groups(&names(6), &groups(&[&[1, 2, 3], &[4, 5]]), &groups(&[&[1, 2], &[3, 4, 5]]));
        // True pairs: 12 13 23 45 = 4; predicted: 12 34 35 45 = 4; both: 12 45 = 2.
        close(s.pairwise.precision, 0.5);
        close(s.pairwise.recall, 0.5);
        close(s.pairwise.f1, 0.5);
        // B-cubed over reports 1..=5:
        // precision: 1: 2/2, 2: 2/2, 3: 1/3, 4: 2/3, 5: 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
        // recall: 1: 2/3, 2: 2/3, 3: 1/3, 4: 2/2, 5: 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
        close(s.bcubed.precision, 11.0 / 15.0);
        close(s.bcubed.recall, 11.0 / 15.0);
        // ARI: index 2, a = 4, b = 4, C(6,2) = 15, expected = 16/15, max = 4.
        close(s.adjusted_rand_index, (2.0 - 16.0 / 15.0) / (4.0 - 16.0 / 15.0));
    }

    #[test]
    fn predicting_nothing_has_full_precision_and_no_recall() {
        let s = score_groups(&names(4), &groups(&[&[1, 2]]), &[]);
        close(s.pairwise.precision, 1.0);
        close(s.pairwise.recall, 0.0);
        // B-cubed over 1 and 2: precision 1 each, recall 1/2 each.
        close(s.bcubed.precision, 1.0);
        close(s.bcubed.recall, 0.5);
        close(s.adjusted_rand_index, 0.0);
    }

    #[test]
    fn one_giant_cluster_is_punished() {
        let s = score_groups(&names(6), &groups(&[&[1, 2], &[3, 4], &[5, 6]]), &groups(&[&[1, 2, 3, 4, 5, 6]]));
        // 3 true pairs of 15 predicted.
        close(s.pairwise.precision, 3.0 / 15.0);
        close(s.pairwise.recall, 1.0);
        close(s.bcubed.precision, 2.0 / 6.0);
        close(s.bcubed.recall, 1.0);
        close(s.adjusted_rand_index, 0.0);
    }

    #[test]
    fn completeness_counts_true_pairs_among_candidates() {
        let truth = groups(&[&[1, 2, 3]]);
        // Indexes: r1 = 0, r2 = 1, r3 = 2. Pairs 0-1 and 2-0 of the three true pairs.
        close(pair_completeness(&names(3), &truth, &[(0, 1), (2, 0)]), 2.0 / 3.0);
        close(pair_completeness(&names(3), &[], &[]), 1.0);
    }
}
