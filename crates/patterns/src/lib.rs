//! The pattern engine: duplicates, series and roster findings across reports, each link
//! explained (`docs/contracts/patterns-v1.md`, `docs/patterns.md`).
//!
//! The pipeline is pure and deterministic: reports → typed [`features`] → candidate pairs by
//! [`blocking`] → Fellegi–Sunter [`scoring`] with EM-estimated weights → [`grouping`] into
//! incidents and series → [`output`] (with roster [`findings`], and [`stats`] counted from
//! each report's [`facts`]). No part reads a report's `reporter`.
//!
//! Behind the `lab` feature, off by default, the `generate` module writes synthetic reports
//! with their ground truth and `eval` measures an analysis against it: they are for
//! measuring the engine, and only the command line's `patterns generate` and `patterns eval`,
//! the bench, the diagnostics example and the tests use them.

pub mod blocking;
#[cfg(feature = "lab")]
pub mod eval;
pub mod facts;
pub mod features;
pub mod findings;
#[cfg(feature = "lab")]
pub mod generate;
pub mod geo;
pub mod grouping;
pub mod html;
pub mod output;
pub mod scoring;
pub mod stats;

#[cfg(test)]
mod tests;

use blocking::{BlockIndex, BlockingSettings};
use features::Features;
use grouping::{GroupingSettings, Groups};
use scoring::{Corpus, Model, NF};

use shieldcheck_nypd::registry::Registry;
use shieldcheck_report::Report;

/// The engine's version, written into every analysis.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Analysis settings. Every field has a default; `link_threshold` defaults to the score at
/// which EM's estimate makes a candidate pair as likely related as not.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub link_threshold: Option<f64>,
    pub incident_hours: f64,
    pub incident_km: f64,
    pub max_incident_size: usize,
    pub max_series_size: usize,
    /// How much more a series merge needs than a link, in bits of posterior odds (0: as
    /// likely related as not, like a link; 3.3: ten times likelier).
    pub series_margin: f64,
    pub blocking: BlockingSettings,
    pub em_iterations: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            link_threshold: None,
            incident_hours: 3.0,
            incident_km: 1.0,
            max_incident_size: 12,
            max_series_size: 60,
            series_margin: 0.0,
            blocking: BlockingSettings::default(),
            em_iterations: 40,
        }
    }
}

/// Where a long analysis is; the command line draws it as a progress bar.
pub trait Progress {
    /// A new stage begins with `total` steps.
    fn stage(&mut self, name: &'static str, total: u64);
    /// `done` steps of the stage are finished.
    fn advance(&mut self, done: u64);
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn stage(&mut self, _: &'static str, _: u64) {}
    fn advance(&mut self, _: u64) {}
}

/// A built engine: the reports' features, the blocking index, the fitted model and the
/// groups. Seed queries and placing new reports reuse it.
#[derive(Debug)]
pub struct Engine {
    pub corpus: Corpus,
    pub index: BlockIndex,
    pub model: Model,
    pub threshold: f64,
    pub settings: Settings,
    pub candidate_pairs: usize,
    pub groups: Groups,
}

/// One candidate of a seed query or a placement, with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub report: usize,
    pub score: f64,
    /// (field, weight) for every field that weighed anything, strongest first.
    pub weights: Vec<(&'static str, f64)>,
}

/// Where a new report falls among existing results.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The incident (by its index in `groups.incidents`, or a lone report) it duplicates.
    pub incident_with: Option<usize>,
    /// The series (by its index in `groups.series`) it joins.
    pub series: Option<usize>,
    pub candidates: Vec<Candidate>,
}

impl Engine {
    /// Builds the engine over the reports.
    pub fn build(reports: &[Report], settings: &Settings, progress: &mut dyn Progress) -> Engine {
        let registry = Registry::nypd();
        progress.stage("features", reports.len() as u64);
        // In batches on every core, so that the bar moves.
        let mut features = Vec::with_capacity(reports.len());
        for batch in reports.chunks(16_384) {
            features.extend(map_on_cores(batch, |_, report| Features::of(report, registry)));
            progress.advance(features.len() as u64);
        }
        Engine::from_features(features, settings, progress)
    }

    /// Builds the engine over the reports' features (`Features::of` each report, in order):
    /// a caller reading many reports can drop each parsed report once its features are
    /// made, since the engine reads nothing else of them.
    pub fn from_features(features: Vec<Features>, settings: &Settings, progress: &mut dyn Progress) -> Engine {
        let corpus = Corpus::new(features);
        progress.stage("blocking", 1);
        let index = BlockIndex::build(&corpus, settings.blocking);
        progress.advance(1);
        // The weights are estimated on the candidates of a sample of reports (every report
        // up to 15,000, then an evenly hashed share, about a million pairs): each candidate pair of a sampled report
        // stands for n / (2 × sampled) pairs, since every pair has two ends.
        progress.stage("estimating weights", 1);
        let n = corpus.len();
        let stride = n.div_ceil(15_000).max(1) as u64;
        let sampled: Vec<usize> = (0..n).filter(|&i| mix(i as u64 ^ 0x5A3D).is_multiple_of(stride)).collect();
        let mut sample = Vec::new();
        for (&a, candidates) in sampled.iter().zip(map_on_cores(&sampled, |_, &a| index.candidates_of(a))) {
            sample.extend(candidates.into_iter().map(|b| (a as u32, b)));
        }
        let weight = n as f64 / (2.0 * sampled.len().max(1) as f64);
        let mut model = Model::fit_sample(&corpus, &sample, weight, settings.em_iterations);
        let grouping = GroupingSettings {
            threshold: 0.0,
            incident_hours: settings.incident_hours,
            incident_km: settings.incident_km,
            max_incident_size: settings.max_incident_size,
            max_series_size: settings.max_series_size,
            series_threshold: 0.0,
        };
        sample.retain(|&(a, b)| grouping::same_event(&corpus, a as usize, b as usize, &grouping));
        model.fit_event(&corpus, &sample, weight, settings.em_iterations);
        drop(sample);
        progress.advance(1);
        let threshold = settings.link_threshold.unwrap_or_else(|| model.even_odds_score().clamp(2.0, 40.0));
        // Every candidate pair is scored once, from its lower report, in chunks of reports on
        // every core. The reports are taken in time order, as the blocks mostly group them:
        // a report's candidates were then mostly just read as its neighbours' and are still
        // in the cache (in report order, each comparison reads a random report's features
        // from memory, and that was most of the time of a million reports). The links are
        // put back in report order after, so the result depends neither on this order nor
        // on the number of threads.
        progress.stage("scoring", n as u64);
        let mut by_time: Vec<u32> = (0..n as u32).collect();
        by_time.sort_unstable_by_key(|&r| (corpus.features[r as usize].span.map_or(i64::MAX, |s| s.start), r));
        let weigher = scoring::Weigher::new(&model);
        let threads = threads();
        let chunk = 4_096usize;
        let mut links: Vec<(u32, u32, f64)> = Vec::new();
        let mut event_links: Vec<(u32, u32, f64)> = Vec::new();
        let mut candidate_pairs = 0usize;
        let mut start = 0usize;
        while start < n {
            let ranges: Vec<(usize, usize)> = (0..threads)
                .map(|t| ((start + t * chunk).min(n), (start + (t + 1) * chunk).min(n)))
                .filter(|(a, b)| a < b)
                .collect();
            type Scored = (Vec<(u32, u32, f64)>, Vec<(u32, u32, f64)>, usize);
            let results: Vec<Scored> = std::thread::scope(|scope| {
                let handles: Vec<_> = ranges
                    .iter()
                    .map(|&(from, to)| {
                        let (corpus, index, weigher, grouping, by_time) =
                            (&corpus, &index, &weigher, &grouping, &by_time);
                        scope.spawn(move || {
                            let (mut out, mut events) = (Vec::new(), Vec::new());
                            let mut count = 0usize;
                            for &a in &by_time[from..to] {
                                let a = a as usize;
                                let mut above = index.candidates_of(a);
                                above.retain(|&b| b as usize > a);
                                std::hint::black_box(corpus.warm(&above));
                                for b in above {
                                    count += 1;
                                    let comparison = corpus.compare(a, b as usize);
                                    let score = weigher.score_of(corpus, &comparison);
                                    // Links down to half the threshold: grouping merges on
                                    // those above it, and tries the series of the weaker
                                    // ones for reports left out (`attach_strays`).
                                    if score >= threshold / 2.0 {
                                        out.push((a as u32, b, score));
                                    }
                                    if grouping::same_event(corpus, a, b as usize, grouping) {
                                        let (fa, fb) = (&corpus.features[a], &corpus.features[b as usize]);
                                        let odds = weigher.event_score(corpus, fa, fb, &comparison);
                                        if odds >= 0.0 {
                                            events.push((a as u32, b, odds));
                                        }
                                    }
                                }
                            }
                            (out, events, count)
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
            });
            for (out, events, count) in results {
                links.extend(out);
                event_links.extend(events);
                candidate_pairs += count;
            }
            start = ranges.last().map_or(n, |r| r.1);
            progress.advance(start as u64);
        }
        // Each pair is there once, so sorting by the pair gives report order exactly.
        links.sort_unstable_by_key(|&(a, b, _)| (a, b));
        event_links.sort_unstable_by_key(|&(a, b, _)| (a, b));
        drop(by_time);
        progress.stage("grouping", 1);
        let grouping = GroupingSettings { threshold, series_threshold: threshold + settings.series_margin, ..grouping };
        let mut groups = grouping::group(&corpus, &model, &links, &event_links, &grouping);
        grouping::attach_strays(&corpus, &model, &mut groups, &links, &grouping);
        progress.advance(1);
        Engine { corpus, index, model, threshold, settings: settings.clone(), candidate_pairs, groups }
    }

    /// Explains a pair: its score and per-field weights (strongest first, zeros left out).
    pub fn explain(&self, a: usize, b: usize) -> Candidate {
        let comparison = self.corpus.compare(a, b);
        let w = self.model.weights(&self.corpus, &comparison);
        let mut weights: Vec<(&'static str, f64)> =
            (0..NF).filter(|f| w[*f] != 0.0).map(|f| (scoring::FIELDS[f].name, w[f])).collect();
        weights.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then(x.0.cmp(y.0)));
        Candidate { report: b, score: w.iter().sum(), weights }
    }

    /// Seed mode: the `k` reports most likely linked to report `seed`, best first, each
    /// explained. Candidates come from the blocking index, so the cost is that of one
    /// report's blocks, not of the whole collection.
    pub fn seed(&self, seed: usize, k: usize) -> Vec<Candidate> {
        let mut out: Vec<Candidate> =
            self.index.candidates_of(seed).into_iter().map(|c| self.explain(seed, c as usize)).collect();
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.report.cmp(&y.report)));
        out.truncate(k);
        out
    }

    /// Places one more report among existing results without rebuilding: its candidates are
    /// scored with the fitted model; it duplicates the incident of its best same-event link,
    /// and joins the series whose profile it links to above the threshold (each field averaged
    /// over the members that gave it, as grouping compares two groups), trying the series of
    /// its links down to half the threshold.
    pub fn place(&self, report: &Report) -> Placement {
        let features = Features::of(report, Registry::nypd());
        let n = self.corpus.len() as f64;
        let idf: Vec<f32> = features
            .tokens
            .iter()
            .map(|t| (n / f64::from(self.corpus.tf.count(scoring::TF_NARRATIVE, *t).max(1))).ln().max(0.0) as f32)
            .collect();
        let keys = blocking::keys(&features, &self.corpus);
        let time = features.span.map_or(i64::MAX, |s| s.start);
        let score_with = |other: usize| {
            let c = scoring::compare(&features, &self.corpus.features[other], &idf, &self.corpus.token_idf[other]);
            let w = self.model.weights(&self.corpus, &c);
            let mut weights: Vec<(&'static str, f64)> =
                (0..NF).filter(|f| w[*f] != 0.0).map(|f| (scoring::FIELDS[f].name, w[f])).collect();
            weights.sort_by(|x, y| y.1.abs().total_cmp(&x.1.abs()).then(x.0.cmp(y.0)));
            Candidate { report: other, score: w.iter().sum(), weights }
        };
        let mut candidates: Vec<Candidate> = self
            .index
            .candidates_for(&keys, time, features.location.is_none(), None)
            .into_iter()
            .map(|c| score_with(c as usize))
            .collect();
        candidates.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.report.cmp(&y.report)));
        // The incident: the candidate that can be the same event and most likely is.
        let gate = GroupingSettings {
            threshold: self.threshold,
            incident_hours: self.settings.incident_hours,
            incident_km: self.settings.incident_km,
            max_incident_size: self.settings.max_incident_size,
            max_series_size: self.settings.max_series_size,
            series_threshold: self.threshold + self.settings.series_margin,
        };
        let incident_with = candidates
            .iter()
            .filter(|c| grouping::same_event_features(&features, &self.corpus.features[c.report], &gate))
            .map(|c| {
                let comparison = scoring::compare(
                    &features,
                    &self.corpus.features[c.report],
                    &idf,
                    &self.corpus.token_idf[c.report],
                );
                (
                    c.report,
                    self.model.event.score(&self.corpus, &features, &self.corpus.features[c.report], &comparison),
                )
            })
            .filter(|(_, odds)| *odds >= 0.0)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .map(|(r, _)| r);
        let mut series = None;
        let mut best = self.threshold;
        // The series of its links down to half the threshold, as grouping tries for a report
        // it left out of every series (`grouping::attach_strays`).
        for c in candidates.iter().filter(|c| c.score >= self.threshold / 2.0) {
            let Some(s) = self.groups.series.iter().position(|g| g.binary_search(&(c.report as u32)).is_ok()) else {
                continue;
            };
            if series == Some(s) {
                continue;
            }
            // The series' profile against the report, as grouping compares two groups: each
            // field's weight averaged over the members that gave it, and the evidence about
            // the actors at least half the threshold.
            let (mut sums, mut counts) = ([0.0f64; NF], [0u32; NF]);
            for &m in &self.groups.series[s] {
                let c = scoring::compare(
                    &features,
                    &self.corpus.features[m as usize],
                    &idf,
                    &self.corpus.token_idf[m as usize],
                );
                let w = self.model.weights(&self.corpus, &c);
                for f in (0..NF).filter(|&f| c.levels[f] != 0) {
                    sums[f] += w[f];
                    counts[f] += 1;
                }
            }
            let field = |f: usize| if counts[f] > 0 { sums[f] / f64::from(counts[f]) } else { 0.0 };
            let mean: f64 = (0..NF).map(field).sum();
            let actors: f64 = (0..NF).filter(|f| !scoring::WHEN_AND_WHERE.contains(f)).map(field).sum();
            if mean >= best && grouping::holds_together(mean, actors, self.threshold) {
                best = mean;
                series = Some(s);
            }
        }
        candidates.truncate(10);
        Placement { incident_with, series, candidates }
    }
}

/// The number of threads the engine's parallel stages use: every core, at most 16.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |t| t.get()).clamp(1, 16)
}

/// `f` of each item (with its index), in the items' order, worked out on every core: the
/// items are cut into one contiguous run per thread, so the result is the same whatever the
/// number of cores.
pub fn map_on_cores<I: Sync, T: Send>(items: &[I], f: impl Fn(usize, &I) -> T + Sync) -> Vec<T> {
    let threads = threads().min(items.len().div_ceil(64)).max(1);
    if threads == 1 {
        return items.iter().enumerate().map(|(i, item)| f(i, item)).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let f = &f;
    let runs: Vec<Vec<T>> = std::thread::scope(|scope| {
        let mut chunks = items.chunks(per_thread).enumerate();
        let first = chunks.next();
        let handles: Vec<_> = chunks
            .map(|(c, chunk)| {
                scope.spawn(move || {
                    chunk.iter().enumerate().map(|(i, item)| f(c * per_thread + i, item)).collect::<Vec<T>>()
                })
            })
            .collect();
        // The calling thread works the first run rather than wait.
        let mut runs: Vec<Vec<T>> = Vec::with_capacity(threads);
        if let Some((_, chunk)) = first {
            runs.push(chunk.iter().enumerate().map(|(i, item)| f(i, item)).collect());
        }
        runs.extend(handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))));
        runs
    });
    runs.into_iter().flatten().collect()
}

/// Sets each `out[i]` to `f(i)` on every core, in one contiguous run per thread.
pub fn fill_on_cores<T: Send>(out: &mut [T], f: impl Fn(usize) -> T + Sync) {
    let threads = threads().min(out.len().div_ceil(4_096)).max(1);
    if threads == 1 {
        // No thread is started where one would do (or where none can be, as in a browser).
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = f(i);
        }
        return;
    }
    let per_thread = out.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        for (c, run) in out.chunks_mut(per_thread).enumerate() {
            scope.spawn(move || {
                for (i, slot) in run.iter_mut().enumerate() {
                    *slot = f(c * per_thread + i);
                }
            });
        }
    });
}

/// FNV-1a over the bytes, finished by a SplitMix64 mix: a stable 64-bit hash of a string
/// (std's hasher is randomly keyed per process, which would make output order vary).
pub fn hash_str(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h)
}

/// SplitMix64's finaliser.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The next number of a SplitMix64 stream.
pub fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mix(*state)
}
