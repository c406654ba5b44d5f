//! Grouping linked reports: first into incidents (reports of one event, tight in time and
//! place), then incidents into series (the same actors or method).
//!
//! Neither step takes connected components over links, which chain: A–B and B–C would put A
//! and C together however unlike they are. Both merge groups greedily, strongest link first,
//! and only when the merged group holds together. An incident needs every pair close enough
//! in time and place and the mean same-event log odds over every cross pair positive (the
//! same-event model, [`super::scoring::EventModel`]). A series needs the mean score over every
//! pair across the two groups (scored on the spot when blocking never paired them) to reach
//! the link threshold, the group within the maximum size, and the evidence about the actors
//! (everything but when and where) at least half the threshold: proximity alone is no
//! pattern ([`holds_together`]).

use super::features::{Features, Precision};
use super::geo;
use super::scoring::{self, Corpus, Model};

/// Grouping settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupingSettings {
    /// The least score of a link, and the least mean score across two groups to merge them.
    pub threshold: f64,
    /// Reports of one incident are at most this many hours apart…
    pub incident_hours: f64,
    /// …and at most this many kilometres apart (or in the same precinct when one gave only
    /// the precinct).
    pub incident_km: f64,
    pub max_incident_size: usize,
    pub max_series_size: usize,
    /// The least mean score across two groups to merge them into one series: links across
    /// weeks and places need stronger evidence than duplicates of one event.
    pub series_threshold: f64,
}

/// Incidents and series as lists of report indexes, each sorted, the lists in order of their
/// first report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    pub incidents: Vec<Vec<u32>>,
    pub series: Vec<Vec<u32>>,
}

/// The most hours between two clock times of one event (see [`same_event_features`]).
const EXACT_TIMES_HOURS: f64 = 1.0;

/// Passes over the links when merging series (the first, and re-examinations).
const SERIES_PASSES: usize = 3;

/// Whether two reports can describe one event.
pub fn same_event(corpus: &Corpus, a: usize, b: usize, s: &GroupingSettings) -> bool {
    same_event_features(&corpus.features[a], &corpus.features[b], s)
}

/// Whether two reports' features can describe one event: at most `incident_hours` apart
/// and `incident_km` apart (the same precinct when one gave only the precinct); without a
/// place on one side, only overlapping times will do.
pub fn same_event_features(fa: &Features, fb: &Features, s: &GroupingSettings) -> bool {
    let Some((ta, tb)) = fa.span.zip(fb.span) else { return false };
    let gap = ta.gap(tb) as f64;
    // Two clock times (each already ± half an hour) of one visit are rarely further apart
    // than that again; the wider window is for dates and parts of the day.
    let precise = ta.end - ta.start <= 3_600 && tb.end - tb.start <= 3_600;
    let hours = if precise { s.incident_hours.min(EXACT_TIMES_HOURS) } else { s.incident_hours };
    match (fa.location, fb.location) {
        (Some(x), Some(y)) => {
            let near = if x.precision == Precision::Point && y.precision == Precision::Point {
                geo::km(x.lat, x.lon, y.lat, y.lon) <= s.incident_km
            } else {
                x.same_precinct(&y)
            };
            near && gap <= hours * 3_600.0
        }
        _ => gap == 0.0,
    }
}

/// Groups of reports that merge under a test, with union–find roots and member lists.
struct Clusters {
    parent: Vec<u32>,
    members: Vec<Vec<u32>>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters { parent: (0..n as u32).collect(), members: (0..n as u32).map(|i| vec![i]).collect() }
    }

    fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut x = x;
        while self.parent[x as usize] != root {
            let next = self.parent[x as usize];
            self.parent[x as usize] = root;
            x = next;
        }
        root
    }

    fn union(&mut self, a: u32, b: u32) {
        let (keep, gone) =
            if self.members[a as usize].len() >= self.members[b as usize].len() { (a, b) } else { (b, a) };
        let moved = std::mem::take(&mut self.members[gone as usize]);
        self.members[keep as usize].extend(moved);
        self.parent[gone as usize] = keep;
    }

    fn groups(mut self, min_size: usize) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut out = Vec::new();
        for i in 0..n as u32 {
            if self.find(i) == i && self.members[i as usize].len() >= min_size {
                let mut g = std::mem::take(&mut self.members[i as usize]);
                g.sort_unstable();
                out.push(g);
            }
        }
        out.sort_unstable_by_key(|g| g[0]);
        out
    }
}

/// The evidence across two groups, field by field, as two profiles: each field's weight is
/// its mean over the cross pairs where both reports gave that field, so that a witness who
/// left a field out does not dilute what the others said (a missing value weighs nothing in
/// a pair, and is no evidence against a group). Returns the total and the part that speaks
/// of the actors themselves (everything but when and where). For two single reports it is
/// the pair's score.
pub(crate) fn mean_cross(corpus: &Corpus, model: &Model, a: &[u32], b: &[u32]) -> (f64, f64) {
    let mut sums = [0.0f64; scoring::NF];
    let mut counts = [0u32; scoring::NF];
    for &x in a {
        for &y in b {
            let comparison = corpus.compare(x as usize, y as usize);
            let w = model.weights(corpus, &comparison);
            for f in 0..scoring::NF {
                if comparison.levels[f] != 0 {
                    sums[f] += w[f];
                    counts[f] += 1;
                }
            }
        }
    }
    let (mut total, mut actors) = (0.0, 0.0);
    for f in 0..scoring::NF {
        if counts[f] > 0 {
            let mean = sums[f] / f64::from(counts[f]);
            total += mean;
            if !scoring::WHEN_AND_WHERE.contains(&f) {
                actors += mean;
            }
        }
    }
    (total, actors)
}

/// The series test of two groups' profiles ([`mean_cross`]): the cross score reaches the
/// threshold, and at least half of the threshold is evidence about the actors (claims,
/// vehicle, method, words), not about when and where. Crews work where other people are
/// stopped by genuine officers or tricked once: nearness in time and place must not carry a
/// merge that what the witnesses said of the actors barely supports.
pub fn holds_together(total: f64, actors: f64, threshold: f64) -> bool {
    total >= threshold && actors >= threshold / 2.0
}

/// The same-event log odds across two groups, compared as profiles like
/// [`mean_cross`]: the prior odds plus each field's weight averaged over the cross pairs
/// where both reports gave that field. For two single reports it is the pair's odds.
fn mean_event_cross(corpus: &Corpus, model: &Model, a: &[u32], b: &[u32]) -> f64 {
    let mut sums = [0.0f64; scoring::NF];
    let mut counts = [0u32; scoring::NF];
    let mut priors = 0.0;
    for &x in a {
        for &y in b {
            let (fx, fy) = (&corpus.features[x as usize], &corpus.features[y as usize]);
            let comparison = corpus.compare(x as usize, y as usize);
            let (prior, weights) = model.event.terms(corpus, fx, fy, &comparison);
            priors += prior;
            for f in 0..scoring::NF {
                if comparison.levels[f] != 0 {
                    sums[f] += weights[f];
                    counts[f] += 1;
                }
            }
        }
    }
    let prior = priors / (a.len() * b.len()).max(1) as f64;
    prior + (0..scoring::NF).filter(|&f| counts[f] > 0).map(|f| sums[f] / f64::from(counts[f])).sum::<f64>()
}

/// Groups the reports. `links` are the candidate pairs scoring at least the link
/// threshold (weaker ones are left out here); `event_links` the candidate pairs that can be one event and are more likely
/// one event than not, with their same-event log odds.
pub fn group(
    corpus: &Corpus,
    model: &Model,
    links: &[(u32, u32, f64)],
    event_links: &[(u32, u32, f64)],
    s: &GroupingSettings,
) -> Groups {
    let mut strong: Vec<(u32, u32, f64)> = links.iter().copied().filter(|l| l.2 >= s.threshold).collect();
    strong.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    let mut events: Vec<(u32, u32, f64)> = event_links.iter().copied().filter(|l| l.2 >= 0.0).collect();
    events.sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));

    let n = corpus.len();
    let mut incidents = Clusters::new(n);
    for &(a, b, _) in &events {
        if !same_event(corpus, a as usize, b as usize, s) {
            continue;
        }
        let (ra, rb) = (incidents.find(a), incidents.find(b));
        if ra == rb {
            continue;
        }
        let (ma, mb) = (&incidents.members[ra as usize], &incidents.members[rb as usize]);
        if ma.len() + mb.len() > s.max_incident_size {
            continue;
        }
        let all_same_event = ma.iter().all(|&x| mb.iter().all(|&y| same_event(corpus, x as usize, y as usize, s)));
        if all_same_event && mean_event_cross(corpus, model, ma, mb) >= 0.0 {
            incidents.union(ra, rb);
        }
    }
    let incident_groups = incidents.groups(2);

    // Series start from the incidents, so that one event's duplicates move together.
    let mut incident_of = vec![u32::MAX; n];
    let mut series = Clusters::new(n);
    for (id, g) in incident_groups.iter().enumerate() {
        for &r in g {
            incident_of[r as usize] = id as u32;
        }
        for &r in &g[1..] {
            let (ra, rb) = (series.find(g[0]), series.find(r));
            if ra != rb {
                series.union(ra, rb);
            }
        }
    }
    // Greedy merging sees each link once, when the groups at its ends may still be small
    // and unrepresentative; a later pass looks again at the links whose groups have grown
    // since they were refused. A refusal is remembered with the two groups' sizes (groups
    // only grow, so the same root and size is the same group) and is not tried again
    // unchanged.
    let mut refused: std::collections::HashMap<(u32, u32), (usize, usize)> = std::collections::HashMap::new();
    for _pass in 0..SERIES_PASSES {
        let mut merged = false;
        for &(a, b, _) in strong.iter().filter(|l| l.2 >= s.series_threshold) {
            let (ra, rb) = (series.find(a), series.find(b));
            if ra == rb {
                continue;
            }
            let (ra, rb) = (ra.min(rb), ra.max(rb));
            let (ma, mb) = (&series.members[ra as usize], &series.members[rb as usize]);
            if ma.len() + mb.len() > s.max_series_size {
                continue;
            }
            let sizes = (ma.len(), mb.len());
            if refused.get(&(ra, rb)) == Some(&sizes) {
                continue;
            }
            // Being near in time and place is not a pattern of the same actors by itself:
            // the claims, vehicle, methods and words must also speak for it.
            let (total, actors) = mean_cross(corpus, model, ma, mb);
            if holds_together(total, actors, s.series_threshold) {
                series.union(ra, rb);
                merged = true;
            } else {
                refused.insert((ra, rb), sizes);
            }
        }
        if !merged {
            break;
        }
    }
    // A series links at least two incidents; one event's reports alone are an incident.
    let series_groups = series
        .groups(2)
        .into_iter()
        .filter(|g| {
            let mut events: Vec<u32> = g
                .iter()
                .map(|&r| if incident_of[r as usize] == u32::MAX { u32::MAX - 1 - r } else { incident_of[r as usize] })
                .collect();
            events.sort_unstable();
            events.dedup();
            // …and two occasions: reports that could all be one event (close in time and
            // place) are not a series however alike, only duplicates the incident step kept
            // apart.
            events.len() >= 2
                && g.iter()
                    .enumerate()
                    .any(|(i, &x)| g[i + 1..].iter().any(|&y| !same_event(corpus, x as usize, y as usize, s)))
        })
        .collect();
    Groups { incidents: incident_groups, series: series_groups }
}

/// A report left out of every series joins the series it fits best, when the two hold
/// together as a merge would ([`holds_together`] on [`mean_cross`]). Greedy merging follows
/// the links above the threshold between groups as they stood then; a witness who left out
/// the unit and the vehicle may link to no single report of its crew that strongly, though
/// what it said fits what the crew's reports say together. The series tried are those of
/// the report's links down to half the threshold (`links`); all are judged against the
/// series as they stood before this step, so the order of the reports does not matter.
pub fn attach_strays(
    corpus: &Corpus,
    model: &Model,
    groups: &mut Groups,
    links: &[(u32, u32, f64)],
    s: &GroupingSettings,
) {
    let n = corpus.len();
    let mut series_of = vec![u32::MAX; n];
    for (id, g) in groups.series.iter().enumerate() {
        for &r in g {
            series_of[r as usize] = id as u32;
        }
    }
    // (stray report, series of a report it links to), each once.
    let mut tries: Vec<(u32, u32)> = Vec::new();
    for &(a, b, _) in links {
        let (sa, sb) = (series_of[a as usize], series_of[b as usize]);
        if sa == u32::MAX && sb != u32::MAX {
            tries.push((a, sb));
        } else if sb == u32::MAX && sa != u32::MAX {
            tries.push((b, sa));
        }
    }
    tries.sort_unstable();
    tries.dedup();
    let mut joins: Vec<(u32, u32)> = Vec::new();
    for run in tries.chunk_by(|x, y| x.0 == y.0) {
        let r = run[0].0;
        let mut best: Option<(f64, u32)> = None;
        for &(_, g) in run {
            let members = &groups.series[g as usize];
            if members.len() >= s.max_series_size {
                continue;
            }
            let (total, actors) = mean_cross(corpus, model, &[r], members);
            if holds_together(total, actors, s.series_threshold) && best.is_none_or(|(b, _)| total > b) {
                best = Some((total, g));
            }
        }
        if let Some((_, g)) = best {
            joins.push((g, r));
        }
    }
    for (g, r) in joins {
        let series = &mut groups.series[g as usize];
        if series.len() < s.max_series_size {
            series.push(r);
        }
    }
    for g in &mut groups.series {
        g.sort_unstable();
    }
}
