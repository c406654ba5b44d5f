//! `shieldcheck patterns …` as an analyst uses it: generate, analyze (JSON and HTML), eval,
//! seed, and roster findings from a roster file.

use std::path::Path;
use std::process::Output;

use crate::common::command_via;
use shieldcheck_claim::testing::{CHEN, RIVERA, roster};

fn shieldcheck(dir: &Path, args: &[&str]) -> Output {
    run(dir, &[], args)
}

/// Runs the binary with `args` in `dir`, behind `wrapper` (a command and its arguments that
/// run the binary, such as `taskset -c 0`; none when empty), and checks that it succeeded.
fn run(dir: &Path, wrapper: &[&str], args: &[&str]) -> Output {
    let out = command_via(dir, wrapper).args(args).output().unwrap_or_else(|e| panic!("{wrapper:?} {args:?}: {e}"));
    assert!(out.status.success(), "{wrapper:?} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Generates `reports` reports (seed `seed`) into `r.jsonl`, with the truth in `t.json`.
fn generate(dir: &Path, reports: usize, seed: u64) {
    let (reports, seed) = (reports.to_string(), seed.to_string());
    shieldcheck(
        dir,
        &["patterns", "generate", "--reports", &reports, "--seed", &seed, "--out", "r.jsonl", "--truth", "t.json"],
    );
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn generate_analyze_eval_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate(d, 800, 3);
    let lines = std::fs::read_to_string(d.join("r.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), 800);
    let analyze = ["patterns", "analyze", "--input", "r.jsonl", "--format", "json", "--now", "2026-11-28T12:00:00Z"];
    let first = shieldcheck(d, &analyze).stdout;
    // Deterministic for the same reports and settings.
    assert_eq!(first, shieldcheck(d, &analyze).stdout);
    let a = json(&first);
    assert_eq!(a["format"], "shieldcheck-patterns/1");
    assert_eq!(a["generated_at"], "2026-11-28T12:00:00Z");
    assert_eq!(a["reports"], 800);
    for key in ["engine", "incidents", "series", "roster_findings", "statistics"] {
        assert!(a.get(key).is_some(), "{key} missing");
    }
    assert!(a["engine"]["settings"]["link_threshold"].as_f64().is_some());
    // Exactly the contract's fields (docs/contracts/patterns-v1.md), nothing more.
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&a),
        ["engine", "format", "generated_at", "incidents", "reports", "roster_findings", "series", "statistics"]
    );
    assert_eq!(keys(&a["engine"]), ["settings", "version"]);
    assert_eq!(keys(&a["engine"]["settings"]), ["link_threshold"]);
    for i in a["incidents"].as_array().unwrap() {
        assert_eq!(keys(i), ["id", "reports", "score"]);
    }
    let series = a["series"].as_array().unwrap();
    assert!(!series.is_empty());
    for s in series {
        assert_eq!(keys(s), ["cohesion", "evidence", "id", "reports", "summary"]);
        for e in s["evidence"].as_array().unwrap() {
            let k = keys(e);
            assert!(
                k == ["field", "value", "weight"] || k == ["field", "share_of_reports", "value", "weight"],
                "{k:?}"
            );
        }
    }
    std::fs::write(d.join("a.json"), &first).unwrap();
    let eval = json(
        &shieldcheck(
            d,
            &["patterns", "eval", "--truth", "t.json", "--analysis", "a.json", "--input", "r.jsonl", "--json"],
        )
        .stdout,
    );
    for level in ["incidents", "series"] {
        let f1 = eval[level]["pairwise"]["f1"].as_f64().unwrap();
        assert!(f1 > 0.5, "{level} {eval}");
        assert!(eval[level]["bcubed"]["f1"].as_f64().is_some());
        assert!(eval[level]["adjusted_rand_index"].as_f64().is_some());
        assert!(eval[level]["blocking_pair_completeness"].as_f64().unwrap() > 0.5);
    }
    let text =
        String::from_utf8(shieldcheck(d, &["patterns", "eval", "--truth", "t.json", "--analysis", "a.json"]).stdout)
            .unwrap();
    assert!(text.contains("pairwise") && text.contains("B-cubed") && text.contains("ARI"), "{text}");

    let seed_ref = series[0]["reports"][0].as_str().unwrap();
    let seed = json(
        &shieldcheck(d, &["patterns", "seed", "--input", "r.jsonl", "--report", seed_ref, "--top", "3", "--json"])
            .stdout,
    );
    let candidates = seed["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty() && candidates.len() <= 3);
    assert!(candidates[0]["evidence"].as_array().is_some_and(|e| !e.is_empty()));

    let html = String::from_utf8(
        shieldcheck(
            d,
            &["patterns", "analyze", "--input", "r.jsonl", "--format", "html", "--now", "2026-11-28T12:00:00Z"],
        )
        .stdout,
    )
    .unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg") && html.contains("<path d=\"M"), "the precinct map is drawn");
    // Self-contained: nothing is fetched from anywhere.
    for needle in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(!html.contains(needle), "{needle}");
    }
}

#[test]
fn roster_findings_from_a_roster_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Chen has retired.
    std::fs::write(d.join("roster.csv"), roster(&[RIVERA, &CHEN.replace(",active,", ",retired,")])).unwrap();
    let reports = [
        r#"{"ref":"a","claims":{"titles":["detective"],"names":["Det. Rivera"],"shield_numbers":["4471"],"units":["34th precinct"]}}"#,
        r#"{"ref":"b","claims":{"titles":["detective"],"names":["Det. Rivera"],"shield_numbers":["4471"],"units":["Bronx narcotics"]}}"#,
        r#"{"ref":"c","claims":{"names":["Officer Chen"],"shield_numbers":["20711"]}}"#,
        r#"{"ref":"d","claims":{"titles":["detective"],"names":["Det. Smith"],"shield_numbers":["9999"]}}"#,
        r#"{"ref":"e","claims":{"units":["immigration squad"]}}"#,
        r#"{"ref":"f","claims":{"units":["the purple squad"]}}"#,
    ];
    std::fs::write(d.join("r.jsonl"), reports.join("\n")).unwrap();
    let a = json(
        &shieldcheck(
            d,
            &["patterns", "analyze", "--input", "r.jsonl", "--roster", "roster.csv", "--now", "2026-01-01T00:00:00Z"],
        )
        .stdout,
    );
    let findings: Vec<(String, String)> = a["roster_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["report"].as_str().unwrap().to_owned(), f["finding"].as_str().unwrap().to_owned()))
        .collect();
    for expected in [
        ("a", "matches_active_member"),
        ("b", "member_not_in_claimed_command"),
        ("c", "member_not_active"),
        ("d", "no_such_member"),
        ("e", "unit_not_in_nypd"),
        ("f", "no_such_command"),
    ] {
        assert!(findings.contains(&(expected.0.to_owned(), expected.1.to_owned())), "{expected:?} in {findings:?}");
    }
    assert_eq!(a["statistics"]["named_a_precinct_or_squad"], 4);
}

/// Parsing, features, blocking and scoring run on every core; the analysis must not depend
/// on how many there are. `taskset` (util-linux) pins a run to one core, where the standard
/// library's count of available cores is one.
#[test]
fn the_analysis_is_the_same_on_one_core_as_on_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate(d, 3_000, 9);
    let analyze = ["patterns", "analyze", "--input", "r.jsonl", "--format", "json", "--now", "2026-11-28T12:00:00Z"];
    let all_cores = shieldcheck(d, &analyze).stdout;
    let one_core = run(d, &["taskset", "-c", "0"], &analyze).stdout;
    assert!(!all_cores.is_empty());
    assert!(all_cores == one_core, "the analysis differs between one core and all");
}
