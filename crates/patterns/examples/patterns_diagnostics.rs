//! Where the pattern engine errs on generated reports, against the generator's truth: for
//! developing the engine, not for users (the truth is known only for generated data).
//!
//!     cargo run --release -p shieldcheck-patterns --example patterns_diagnostics [REPORTS] [SEED]
//!
//! prints, for incidents, the wrongly joined and the missed pairs by what each side gave
//! (an exact time, a part of the day or a date; coordinates, a precinct or no place) and by
//! why they were missed (no candidate, the time and place test, negative same-event odds, or
//! the merge of their groups); for series, where the missed true pairs are (split between
//! series, a side in none) and what the crew reports left out of every series gave; the
//! link model's m against the m that the true same-crew candidate pairs show; and how the
//! same-event odds of candidate pairs compare with how often they are one event.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use shieldcheck_patterns::features::{Features, Precision};
use shieldcheck_patterns::generate::{GenerateSettings, generate};
use shieldcheck_patterns::grouping::{GroupingSettings, same_event};
use shieldcheck_patterns::output::report_names;
use shieldcheck_patterns::scoring::{self, FIELDS, NF};
use shieldcheck_patterns::{Engine, NoProgress, Settings};

/// "none" for a report that is in no group.
const NONE: usize = usize::MAX;

/// What a report gave of when and where, e.g. "exact/point".
fn gave(f: &Features) -> String {
    let when = match f.span {
        Some(s) if s.end - s.start <= 3_600 => "exact",
        Some(s) if s.end - s.start < 86_400 => "part",
        Some(_) => "date",
        None => "no time",
    };
    let place = match f.location {
        Some(l) if l.precision == Precision::Point => "point",
        Some(_) => "precinct",
        None => "no place",
    };
    format!("{when}/{place}")
}

/// The pair's two descriptions, in a stable order.
fn pair_kind(a: &Features, b: &Features) -> String {
    let mut k = [gave(a), gave(b)];
    k.sort();
    k.join(" + ")
}

/// Group id of every report (NONE when in no group).
fn labels(n: usize, groups: impl Iterator<Item = Vec<usize>>) -> Vec<usize> {
    let mut out = vec![NONE; n];
    for (id, members) in groups.enumerate() {
        for r in members {
            out[r] = id;
        }
    }
    out
}

fn print_counts(title: &str, counts: HashMap<String, usize>, top: usize) {
    let mut rows: Vec<(String, usize)> = counts.into_iter().collect();
    rows.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    println!("{title}: {}", rows.iter().map(|r| r.1).sum::<usize>());
    for (k, c) in rows.iter().take(top) {
        println!("  {c:7} {k}");
    }
}

/// Every pair (a < b) within each group.
fn pairs_of(groups: &[Vec<usize>]) -> impl Iterator<Item = (usize, usize)> + '_ {
    groups.iter().flat_map(|g| g.iter().enumerate().flat_map(move |(i, &a)| g[i + 1..].iter().map(move |&b| (a, b))))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let (reports, truth) = generate(&GenerateSettings { reports: n, seed, ..GenerateSettings::default() });
    let names = report_names(&reports);
    let at: HashMap<&str, usize> = names.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let indexed = |groups: &[Vec<String>]| -> Vec<Vec<usize>> {
        groups.iter().map(|g| g.iter().map(|m| at[m.as_str()]).collect()).collect()
    };
    let (true_incidents, true_series) = (indexed(&truth.incidents), indexed(&truth.series));
    let settings = Settings::default();
    let engine = Engine::build(&reports, &settings, &mut NoProgress);
    let corpus = &engine.corpus;
    let features = &corpus.features;
    let own = |groups: &[Vec<u32>]| -> Vec<Vec<usize>> {
        groups.iter().map(|g| g.iter().map(|&r| r as usize).collect()).collect()
    };
    let (incidents, series) = (own(&engine.groups.incidents), own(&engine.groups.series));
    let true_event = labels(n, true_incidents.iter().cloned());
    let crew = labels(n, true_series.iter().cloned());
    let event = labels(n, incidents.iter().cloned());
    let in_series = labels(n, series.iter().cloned());
    let gate = GroupingSettings {
        threshold: engine.threshold,
        incident_hours: settings.incident_hours,
        incident_km: settings.incident_km,
        max_incident_size: settings.max_incident_size,
        max_series_size: settings.max_series_size,
        series_threshold: engine.threshold + settings.series_margin,
    };
    let same = |labels: &[usize], a: usize, b: usize| labels[a] != NONE && labels[a] == labels[b];
    println!(
        "{n} reports (seed {seed}); link threshold {:.2}; same event: prior {:.3}, {:.2} other witnesses a report",
        engine.threshold, engine.model.event.lambda, engine.model.event.partners
    );

    // Incidents.
    let mut joined: HashMap<String, usize> = HashMap::new();
    for (a, b) in pairs_of(&incidents).filter(|&(a, b)| !same(&true_event, a, b)) {
        let of = if same(&crew, a, b) { "same crew" } else { "not the same crew" };
        *joined.entry(format!("{} ({of})", pair_kind(&features[a], &features[b]))).or_default() += 1;
    }
    print_counts("incident pairs joined that are two events", joined, 15);
    let mut missed: HashMap<String, usize> = HashMap::new();
    for (a, b) in pairs_of(&true_incidents).filter(|&(a, b)| !same(&event, a, b)) {
        let why = if !engine.index.is_candidate(a, b) {
            "no candidate"
        } else if !same_event(corpus, a, b, &gate) {
            "time and place test"
        } else if engine.model.event.score(corpus, &features[a], &features[b], &corpus.compare(a, b)) < 0.0 {
            "odds < 0"
        } else {
            "groups not merged"
        };
        *missed.entry(format!("{why}: {}", pair_kind(&features[a], &features[b]))).or_default() += 1;
    }
    print_counts("incident pairs missed", missed, 15);

    // Series.
    let (mut found, mut split, mut one_out, mut both_out, mut candidates) = (0, 0, 0, 0, 0);
    for (a, b) in pairs_of(&true_series) {
        candidates += usize::from(engine.index.is_candidate(a, b));
        match (in_series[a], in_series[b]) {
            (x, y) if x != NONE && x == y => found += 1,
            (NONE, NONE) => both_out += 1,
            (NONE, _) | (_, NONE) => one_out += 1,
            _ => split += 1,
        }
    }
    let total = found + split + one_out + both_out;
    println!(
        "true series pairs: {total}; found {found}, split between series {split}, one side in no series {one_out}, both in none {both_out}; candidates {candidates} ({:.3})",
        candidates as f64 / total.max(1) as f64
    );
    let describe = |who: &mut [usize; 5], f: &Features| {
        who[0] += 1;
        who[1] += usize::from(!f.command_keys.is_empty());
        who[2] += usize::from(!f.vehicles.is_empty());
        who[3] += usize::from(f.location.is_some());
        who[4] += usize::from(f.span.is_some_and(|s| s.end - s.start <= 3_600));
    };
    let (mut left_out, mut members) = ([0usize; 5], [0usize; 5]);
    for r in (0..n).filter(|&r| crew[r] != NONE) {
        describe(if in_series[r] == NONE { &mut left_out } else { &mut members }, &features[r]);
    }
    println!(
        "crew reports [count, unit, vehicle, place, exact time]: left out of every series {left_out:?}, in a series {members:?}"
    );
    let mut wrong = (0, 0, 0);
    for g in &series {
        let mut count: HashMap<usize, usize> = HashMap::new();
        for &r in g {
            *count.entry(crew[r]).or_default() += 1;
        }
        let major = count
            .iter()
            .filter(|(k, _)| **k != NONE)
            .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
            .map(|(k, _)| *k);
        for &r in g {
            wrong.2 += 1;
            if Some(crew[r]) != major {
                if crew[r] == NONE { wrong.0 += 1 } else { wrong.1 += 1 }
            }
        }
    }
    println!("series members: {}; not of the series' crew: no crew {}, another crew {}", wrong.2, wrong.0, wrong.1);

    // The link model's m against the truth's, over true same-crew candidate pairs.
    let mut counts = vec![[0.0f64; scoring::MAX_LEVELS]; NF];
    for (a, b) in pairs_of(&true_series).filter(|&(a, b)| engine.index.is_candidate(a, b)) {
        let c = corpus.compare(a, b);
        for f in 0..NF {
            counts[f][usize::from(c.levels[f])] += 1.0;
        }
    }
    println!("m by level, the model's / the true same-crew candidate pairs' (u):");
    for (f, row) in counts.iter().enumerate() {
        let spec = FIELDS[f];
        let observed: f64 = row[1..spec.levels].iter().sum::<f64>().max(1.0);
        let levels: Vec<String> = (1..spec.levels)
            .map(|l| format!("{l}: {:.3}/{:.3} ({:.3})", engine.model.m[f][l], row[l] / observed, engine.model.u[f][l]))
            .collect();
        println!("  {:<22} {}", spec.name, levels.join(" | "));
    }

    // Calibration of the same-event odds: candidate pairs within the time and place test, by
    // their odds (2-bit bins), with how many are one event.
    let mut bins: BTreeMap<(bool, i64), (usize, usize)> = BTreeMap::new();
    for a in 0..n {
        for b in engine.index.candidates_of(a).into_iter().map(|b| b as usize).filter(|&b| b > a) {
            if !same_event(corpus, a, b, &gate) {
                continue;
            }
            let odds = engine.model.event.score(corpus, &features[a], &features[b], &corpus.compare(a, b));
            let placed = features[a].location.is_some() && features[b].location.is_some();
            let bin = bins.entry((placed, (odds / 2.0).floor() as i64 * 2)).or_default();
            bin.0 += 1;
            bin.1 += usize::from(same(&true_event, a, b));
        }
    }
    println!("same-event odds against the truth (pairs within the test; observed log2 odds):");
    for ((placed, bin), (pairs, one)) in bins.iter().filter(|((_, bin), _)| (-8..=8).contains(bin)) {
        let observed = ((*one as f64 + 0.5) / ((*pairs - *one) as f64 + 0.5)).log2();
        let kind = if *placed { "both placed" } else { "a side without place" };
        println!("  {kind:<22} [{bin:+}, {:+}): {pairs:7} pairs, {one:6} one event, observed {observed:+.1}", bin + 2);
    }
}
