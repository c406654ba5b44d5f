//! `shieldcheck patterns bench`: generate, analyse and evaluate in memory, timing each step,
//! seed queries and placements, with the peak memory: the numbers of docs/benchmarks.md.

use std::time::Instant;

use clap::Args;
use shieldcheck_patterns::eval::{Evaluation, pair_completeness_by, score_groups};
use shieldcheck_patterns::generate::generate;
use shieldcheck_patterns::output::{analysis, report_names};
use shieldcheck_patterns::{Engine, Settings};

use super::Bar;
use super::eval::print_scores;
use super::generate::Knobs;

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    reports: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    knobs: Knobs,
    /// Seed queries and placements to time.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Peak resident memory of this process in bytes, where the system says (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `patterns bench`.
pub(super) fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let t = Instant::now();
    let (reports, truth) = generate(&args.knobs.settings(args.reports, args.seed));
    let generate_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let engine = {
        let mut bar = Bar::new();
        Engine::build(&reports, &Settings::default(), &mut bar)
    };
    let build_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let result = analysis(&engine, &reports, None, "2026-01-01T00:00:00Z");
    let output_s = t.elapsed().as_secs_f64();
    let names = report_names(&reports);
    let is_candidate = |a: u32, b: u32| engine.index.is_candidate(a as usize, b as usize);
    let evaluation = {
        let incidents: Vec<Vec<String>> = result.incidents.iter().map(|i| i.reports.clone()).collect();
        let series: Vec<Vec<String>> = result.series.iter().map(|s| s.reports.clone()).collect();
        let mut inc = score_groups(&truth.reports, &truth.incidents, &incidents);
        let mut ser = score_groups(&truth.reports, &truth.series, &series);
        inc.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.incidents, is_candidate));
        ser.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.series, is_candidate));
        Evaluation { reports: reports.len(), incidents: inc, series: ser }
    };
    // Seed queries and placements of reports already present, spread over the collection.
    let step = (reports.len() / args.queries.max(1)).max(1);
    let picks: Vec<usize> = (0..reports.len()).step_by(step).take(args.queries).collect();
    let mut seed_ms = Vec::new();
    let mut place_ms = Vec::new();
    for &i in &picks {
        let t = Instant::now();
        let _ = engine.seed(i, 10);
        seed_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = engine.place(&reports[i]);
        place_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
    };
    let summary = serde_json::json!({
        "reports": reports.len(),
        "seed": args.seed,
        "difficulty": args.knobs.difficulty,
        "candidate_pairs": engine.candidate_pairs,
        "link_threshold": engine.threshold,
        "em_lambda": engine.model.lambda,
        "seconds": { "generate": generate_s, "analyze": build_s + output_s, "build": build_s, "output": output_s },
        "peak_memory_bytes": peak_memory(),
        "seed_query_ms": { "p50": pct(&mut seed_ms, 0.5), "p99": pct(&mut seed_ms, 0.99), "max": pct(&mut seed_ms, 1.0) },
        "place_ms": { "p50": pct(&mut place_ms, 0.5), "p99": pct(&mut place_ms, 0.99), "max": pct(&mut place_ms, 1.0) },
        "evaluation": evaluation,
    });
    if args.json {
        println!("{summary}");
    } else {
        println!(
            "{} reports: analysis {:.1} s (engine {:.1} s, output {:.1} s), {} candidate pairs, peak memory {}",
            reports.len(),
            build_s + output_s,
            build_s,
            output_s,
            engine.candidate_pairs,
            peak_memory().map_or_else(|| "unknown".to_owned(), |b| format!("{:.2} GB", b as f64 / 1e9))
        );
        println!(
            "seed query p50 {:.2} ms, max {:.2} ms; placing a report p50 {:.2} ms, max {:.2} ms",
            summary["seed_query_ms"]["p50"],
            summary["seed_query_ms"]["max"],
            summary["place_ms"]["p50"],
            summary["place_ms"]["max"]
        );
        print_scores("incidents", &evaluation.incidents);
        print_scores("series", &evaluation.series);
    }
    Ok(())
}
