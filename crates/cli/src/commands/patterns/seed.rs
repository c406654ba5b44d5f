//! `shieldcheck patterns seed`: one report in, its most likely linked reports out, ranked and
//! explained field by field.

use std::time::Instant;

use anyhow::Context as _;
use clap::Args;
use shieldcheck_patterns::Engine;
use shieldcheck_patterns::output::report_names;

use super::input::read_reports;
use super::{Bar, EngineArgs};

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// The seed report's `ref` (or `#N` for line N).
    #[arg(long)]
    report: String,
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `patterns seed`.
pub(super) fn run(args: &SeedArgs) -> anyhow::Result<()> {
    let input = args.engine.input()?;
    let reports = read_reports(input)?;
    let names = report_names(&reports);
    let seed = names
        .iter()
        .position(|n| *n == args.report)
        .with_context(|| format!("no report {} in {}", args.report, input.display()))?;
    let engine = {
        let mut bar = Bar::new();
        Engine::build(&reports, &args.engine.settings(), &mut bar)
    };
    let started = Instant::now();
    let top = engine.seed(seed, args.top);
    let micros = started.elapsed().as_micros();
    if args.json {
        let candidates: Vec<serde_json::Value> = top
            .iter()
            .map(|c| {
                serde_json::json!({
                    "report": names[c.report],
                    "score": (c.score * 1000.0).round() / 1000.0,
                    "linked": c.score >= engine.threshold,
                    "evidence": c.weights.iter().map(|(f, w)| serde_json::json!({"field": f, "weight": (w * 1000.0).round() / 1000.0})).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({ "seed": names[seed], "link_threshold": engine.threshold, "candidates": candidates, "query_microseconds": micros })
        );
    } else {
        println!(
            "{} candidates for {} (link threshold {:.2}; query {micros} µs):",
            top.len(),
            names[seed],
            engine.threshold
        );
        for c in &top {
            let why: Vec<String> = c.weights.iter().take(6).map(|(f, w)| format!("{f} {w:+.1}")).collect();
            println!("  {:<14} {:>6.1}  {}", names[c.report], c.score, why.join(", "));
        }
    }
    Ok(())
}
