//! Similarity measures the comparison levels are cut from: shared values and the Jaccard
//! index of two sorted lists, the narratives' token overlap weighed by rarity, plate
//! patterns with wildcards, and close spellings of a name.
//!
//! Each is a plain function of its two inputs; none knows about fields, levels' meaning or
//! weights, and none allocates more than a row of an edit table.

/// The least value two sorted lists share (without allocating: this runs for every
/// candidate pair), and how many they share.
pub(super) fn shared<T: Ord + Copy>(a: &[T], b: &[T]) -> (Option<T>, usize) {
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

pub(super) fn jaccard<T: Ord + Copy>(a: &[T], b: &[T]) -> f64 {
    let common = shared(a, b).1;
    let union = a.len() + b.len() - common;
    if union == 0 { 0.0 } else { common as f64 / union as f64 }
}

/// Shared tokens' weight over all tokens' weight, each token weighed by its inverse document
/// frequency (so "police" and "door" barely count).
pub(super) fn weighted_jaccard(a: &[u64], a_idf: &[f32], b: &[u64], b_idf: &[f32]) -> f64 {
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
pub(super) fn plate_level(a: &str, b: &str) -> u8 {
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
