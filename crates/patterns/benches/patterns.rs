//! Pattern engine cost and quality.
//!
//!     cargo bench -p shieldcheck-patterns --bench patterns
//!
//! runs criterion over a 2,000-report analysis, one seed query and one placement. With
//! `SHIELDCHECK_PATTERNS_SCALE=N` (e.g. 100000 or 1000000) it instead generates N reports
//! (seed `SHIELDCHECK_PATTERNS_SEED`, default 1), analyses them once, and prints the
//! wall time of each step (`SHIELDCHECK_PATTERNS_MARGIN` overrides the series margin), seed query and placement latencies, and the quality against the
//! generator's truth. Results are recorded in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use shieldcheck_patterns::eval::{pair_completeness_by, score_groups};
use shieldcheck_patterns::generate::{GenerateSettings, generate};
use shieldcheck_patterns::output::{analysis, report_names};
use shieldcheck_patterns::{Engine, NoProgress, Settings};

fn scale(n: usize) {
    let seed = std::env::var("SHIELDCHECK_PATTERNS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    // Other proportions than the defaults, to see how the engine does on data it was not
    // developed on: SHIELDCHECK_PATTERNS_DIFFICULTY, _CREW_SHARE, _COPYCAT_SHARE, _DUPLICATE_RATE.
    let knob = |name: &str, default: f64| -> f64 {
        std::env::var(format!("SHIELDCHECK_PATTERNS_{name}")).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
    };
    let defaults = GenerateSettings::default();
    let generate_settings = GenerateSettings {
        reports: n,
        seed,
        difficulty: knob("DIFFICULTY", defaults.difficulty),
        crew_share: knob("CREW_SHARE", defaults.crew_share),
        copycat_share: knob("COPYCAT_SHARE", defaults.copycat_share),
        duplicate_rate: knob("DUPLICATE_RATE", defaults.duplicate_rate),
    };
    let (reports, truth) = generate(&generate_settings);
    println!("generated {n} reports in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut settings = Settings::default();
    if let Some(margin) = std::env::var("SHIELDCHECK_PATTERNS_MARGIN").ok().and_then(|s| s.parse().ok()) {
        settings.series_margin = margin;
    }
    let engine = Engine::build(&reports, &settings, &mut NoProgress);
    let build = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let result = analysis(&engine, &reports, None, "2026-01-01T00:00:00Z");
    let output = t.elapsed().as_secs_f64();
    println!(
        "analysis {:.1} s (engine {build:.1} s, output {output:.1} s), {} candidate pairs, threshold {:.2}, lambda {:.4}",
        build + output,
        engine.candidate_pairs,
        engine.threshold,
        engine.model.lambda
    );
    for f in 0..shieldcheck_patterns::scoring::NF {
        let spec = shieldcheck_patterns::scoring::FIELDS[f];
        let levels: Vec<String> = (1..spec.levels)
            .map(|l| {
                format!(
                    "{l}: m {:.3} u {:.3} w {:+.1}",
                    engine.model.m[f][l],
                    engine.model.u[f][l],
                    (engine.model.m[f][l] / engine.model.u[f][l]).log2()
                )
            })
            .collect();
        println!("  {:<22} {}", spec.name, levels.join(" | "));
    }
    let event = &engine.model.event;
    println!("same event: lambda {:.4}", event.lambda);
    for f in 0..shieldcheck_patterns::scoring::NF {
        let spec = shieldcheck_patterns::scoring::FIELDS[f];
        if event.silent[f] {
            continue;
        }
        let levels: Vec<String> = (1..spec.levels)
            .map(|l| {
                format!(
                    "{l}: m {:.3} u {:.3} w {:+.1}",
                    event.m[f][l],
                    event.u[f][l],
                    (event.m[f][l] / event.u[f][l]).log2()
                )
            })
            .collect();
        println!("  event {:<16} {}", spec.name, levels.join(" | "));
    }
    let names = report_names(&reports);
    for (label, true_groups, predicted) in [
        ("incidents", &truth.incidents, result.incidents.iter().map(|i| i.reports.clone()).collect::<Vec<_>>()),
        ("series", &truth.series, result.series.iter().map(|s| s.reports.clone()).collect::<Vec<_>>()),
    ] {
        let s = score_groups(&truth.reports, true_groups, &predicted);
        println!(
            "{label:<10} pairwise P {:.3} R {:.3} F1 {:.3} | B-cubed P {:.3} R {:.3} F1 {:.3} | ARI {:.3} | blocking completeness {:.4} | largest {} true, {} predicted",
            s.pairwise.precision,
            s.pairwise.recall,
            s.pairwise.f1,
            s.bcubed.precision,
            s.bcubed.recall,
            s.bcubed.f1,
            s.adjusted_rand_index,
            pair_completeness_by(&names, true_groups, |a, b| engine.index.is_candidate(a as usize, b as usize)),
            s.largest_true,
            s.largest_predicted
        );
    }
    let mut seed_ms = Vec::new();
    let mut place_ms = Vec::new();
    let (mut placed, mut placed_same) = (0usize, 0usize);
    for i in (0..reports.len()).step_by((reports.len() / 200).max(1)) {
        let t = Instant::now();
        black_box(engine.seed(i, 10));
        seed_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let placement = black_box(engine.place(&reports[i]));
        place_ms.push(t.elapsed().as_secs_f64() * 1e3);
        // A report placed again should land in the series the whole analysis gave it.
        let own = engine.groups.series.iter().position(|g| g.binary_search(&(i as u32)).is_ok());
        placed += 1;
        placed_same += usize::from(placement.series == own);
    }
    seed_ms.sort_by(f64::total_cmp);
    place_ms.sort_by(f64::total_cmp);
    let p = |v: &[f64], q: f64| v[((v.len() - 1) as f64 * q) as usize];
    println!(
        "seed query p50 {:.2} ms p99 {:.2} ms max {:.2} ms; placement p50 {:.2} ms p99 {:.2} ms max {:.2} ms",
        p(&seed_ms, 0.5),
        p(&seed_ms, 0.99),
        p(&seed_ms, 1.0),
        p(&place_ms, 0.5),
        p(&place_ms, 0.99),
        p(&place_ms, 1.0)
    );
    println!("placement agrees with the analysis's series for {placed_same} of {placed} reports placed again");
}

fn main() {
    if let Some(n) = std::env::var("SHIELDCHECK_PATTERNS_SCALE").ok().and_then(|s| s.parse().ok()) {
        scale(n);
        return;
    }
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    let (reports, _) = generate(&GenerateSettings { reports: 2_000, seed: 1, ..GenerateSettings::default() });
    c.bench_function("analyze 2000 reports", |b| {
        b.iter(|| {
            let engine = Engine::build(black_box(&reports), &Settings::default(), &mut NoProgress);
            black_box(analysis(&engine, &reports, None, "2026-01-01T00:00:00Z"))
        })
    });
    let engine = Engine::build(&reports, &Settings::default(), &mut NoProgress);
    c.bench_function("seed query top 10", |b| b.iter(|| black_box(engine.seed(black_box(17), 10))));
    c.bench_function("place one report", |b| b.iter(|| black_box(engine.place(black_box(&reports[17])))));
    c.final_summary();
}
