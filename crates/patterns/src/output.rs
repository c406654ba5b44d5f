//! The analysis as `docs/contracts/patterns-v1.md` spells it, assembled from an engine's groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::facts::{ReportFacts, report_name, report_names};
use super::findings::{RosterFinding, RosterIndex, roster_findings};
use super::scoring::{self, FIELDS, NF};
use super::stats::{Statistics, statistics};
use super::{ENGINE_VERSION, Engine, hash_str};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_report::{Report, TimeOfDay, civil_from_days};

pub const FORMAT: &str = "shieldcheck-patterns/1";

/// One analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub format: String,
    pub generated_at: String,
    pub engine: EngineInfo,
    pub reports: usize,
    pub incidents: Vec<IncidentOut>,
    pub series: Vec<SeriesOut>,
    pub roster_findings: Vec<RosterFinding>,
    pub statistics: Statistics,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineInfo {
    pub version: String,
    pub settings: EngineSettings,
}

/// The settings an analysis ran with, as the contract names them: the link threshold as
/// applied (the other settings are the documented defaults unless the command line changed
/// them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngineSettings {
    pub link_threshold: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentOut {
    pub id: String,
    pub reports: Vec<String>,
    /// The mean score of the incident's pairs.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesOut {
    pub id: String,
    pub reports: Vec<String>,
    /// The share of the series' pairs that score at least the link threshold.
    pub cohesion: f64,
    pub summary: String,
    /// One entry per field: its mean weight over the series' pairs, so that the weights add
    /// up to the series' score (the mean score of its pairs).
    pub evidence: Vec<Evidence>,
}

/// One field's part in a series' score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub field: String,
    pub value: String,
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_reports: Option<f64>,
}

fn round(x: f64, places: i32) -> f64 {
    let p = 10f64.powi(places);
    (x * p).round() / p
}

/// Assembles the analysis. `generated_at` is given by the caller, so that the output is a
/// function of the reports and settings alone.
pub fn analysis(engine: &Engine, reports: &[Report], roster: Option<&RosterIndex>, generated_at: &str) -> Analysis {
    let facts: Vec<ReportFacts> = reports.iter().enumerate().map(|(i, r)| ReportFacts::of(r, i)).collect();
    let names: Vec<String> = facts.iter().map(|f| f.name.clone()).collect();
    let findings = roster_findings(reports, &names, Registry::nypd(), roster);
    analysis_of(engine, &facts, findings, generated_at)
}

/// Assembles the analysis from each report's facts (in engine order) and the reports' roster
/// findings (`roster_findings`, in report order), as `analysis` does from the reports.
pub fn analysis_of(
    engine: &Engine,
    facts: &[ReportFacts],
    roster_findings: Vec<RosterFinding>,
    generated_at: &str,
) -> Analysis {
    let name = |r: &u32| facts[*r as usize].name.clone();
    let incidents = engine
        .groups
        .incidents
        .iter()
        .enumerate()
        .map(|(i, g)| IncidentOut {
            id: format!("I-{}", i + 1),
            reports: g.iter().map(name).collect(),
            score: round(mean_pair_score(engine, g), 2),
        })
        .collect();
    let mut series_groups: Vec<&Vec<u32>> = engine.groups.series.iter().collect();
    series_groups.sort_by_key(|g| (std::cmp::Reverse(g.len()), g[0]));
    let series = series_groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| series_out(engine, facts, g, format!("S-{}", i + 1)))
        .collect();
    Analysis {
        format: FORMAT.to_owned(),
        generated_at: generated_at.to_owned(),
        engine: EngineInfo {
            version: ENGINE_VERSION.to_owned(),
            settings: EngineSettings { link_threshold: round(engine.threshold, 3) },
        },
        reports: facts.len(),
        incidents,
        series,
        roster_findings,
        statistics: statistics(facts, &engine.corpus),
    }
}

fn mean_pair_score(engine: &Engine, g: &[u32]) -> f64 {
    let mut sum = 0.0;
    let mut n = 0usize;
    for (x, &a) in g.iter().enumerate() {
        for &b in &g[x + 1..] {
            sum += engine.model.score(&engine.corpus, a as usize, b as usize);
            n += 1;
        }
    }
    if n == 0 { 0.0 } else { sum / n as f64 }
}

fn series_out(engine: &Engine, facts: &[ReportFacts], g: &[u32], id: String) -> SeriesOut {
    let corpus = &engine.corpus;
    let mut field_sum = [0f64; NF];
    let mut linked = 0usize;
    let mut pairs = 0usize;
    for (x, &a) in g.iter().enumerate() {
        for &b in &g[x + 1..] {
            let c = corpus.compare(a as usize, b as usize);
            let w = engine.model.weights(corpus, &c);
            for f in 0..NF {
                field_sum[f] += w[f];
            }
            if w.iter().sum::<f64>() >= engine.threshold {
                linked += 1;
            }
            pairs += 1;
        }
    }
    let members: Vec<&super::features::Features> = g.iter().map(|&r| &corpus.features[r as usize]).collect();
    let mut evidence = Vec::new();
    for f in 0..NF {
        let weight = round(field_sum[f] / pairs.max(1) as f64, 3);
        if weight == 0.0 {
            continue;
        }
        let (value, share) = describe(f, &members, engine);
        evidence.push(Evidence { field: FIELDS[f].name.to_owned(), value, weight, share_of_reports: share });
    }
    evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.field.cmp(&b.field)));
    SeriesOut {
        id,
        reports: g.iter().map(|&r| facts[r as usize].name.clone()).collect(),
        cohesion: round(linked as f64 / pairs.max(1) as f64, 3),
        summary: summary(&members, facts, g),
        evidence,
    }
}

/// The most common value among the members, with how many members have it.
fn modal<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<(T, usize)> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, c)| *c == best)
}

fn day_part_words(p: TimeOfDay) -> &'static str {
    match p {
        TimeOfDay::EarlyMorning => "early mornings",
        TimeOfDay::Morning => "mornings",
        TimeOfDay::Afternoon => "afternoons",
        TimeOfDay::Evening => "evenings",
        TimeOfDay::Night => "nights",
    }
}

fn date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// What the members share in one field, in words, and that value's share of all reports.
fn describe(field: usize, members: &[&super::features::Features], engine: &Engine) -> (String, Option<f64>) {
    let tf = &engine.corpus.tf;
    let none = || ("(various)".to_owned(), None);
    match field {
        scoring::TIME => {
            let days: Vec<i64> = members.iter().filter_map(|f| f.span.map(|s| s.day())).collect();
            match (days.iter().min(), days.iter().max()) {
                (Some(a), Some(b)) if a == b => (date(*a), None),
                (Some(a), Some(b)) => (format!("{} to {}", date(*a), date(*b)), None),
                _ => none(),
            }
        }
        scoring::PLACE => match modal(members.iter().filter_map(|f| f.location.and_then(|l| l.precinct))) {
            Some((p, _)) => (format!("precinct {p}"), None),
            None => none(),
        },
        scoring::DAY_PART => match modal(members.iter().filter_map(|f| f.day_part)) {
            Some((p, _)) => (day_part_words(p).to_owned(), None),
            None => none(),
        },
        scoring::PLACE_KIND => match modal(members.iter().filter_map(|f| f.place_kind)) {
            Some((k, _)) => (format!("{k:?}").to_lowercase(), None),
            None => none(),
        },
        scoring::COMMAND => match modal(members.iter().flat_map(|f| f.commands.iter().cloned())) {
            Some((c, _)) => {
                let said = modal(
                    members
                        .iter()
                        .filter(|f| f.commands.contains(&c))
                        .flat_map(|f| f.units_said.iter().map(|u| u.to_lowercase())),
                )
                .map(|(s, _)| s);
                let code = c.trim_start_matches("raw:").trim_start_matches("not:").to_owned();
                let text = match said {
                    Some(s) if s != code.to_lowercase() => format!("{s} / {code}"),
                    _ => code,
                };
                (text, Some(round(tf.share(scoring::COMMAND as u8, hash_str(&c)), 4)))
            }
            None => none(),
        },
        scoring::TITLE => match modal(members.iter().flat_map(|f| f.titles.iter().copied())) {
            Some((t, _)) => {
                (format!("{t:?}").to_lowercase(), Some(round(tf.share(scoring::TITLE as u8, t as u64 + 1), 4)))
            }
            None => none(),
        },
        scoring::NAME => match modal(members.iter().flat_map(|f| f.surnames.iter().cloned())) {
            Some((s, _)) => {
                let share = round(tf.share(scoring::NAME as u8, hash_str(&s)), 4);
                (s, Some(share))
            }
            None => none(),
        },
        scoring::SHIELD => match modal(members.iter().flat_map(|f| f.shields.iter().cloned())) {
            Some((s, _)) => {
                let share = round(tf.share(scoring::SHIELD as u8, hash_str(&s)), 4);
                (s, Some(share))
            }
            None => none(),
        },
        scoring::VEHICLE => {
            let text = |v: &super::features::VehicleFeature| {
                [v.color.as_deref(), v.kind.as_deref(), v.make.as_deref(), v.model.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            match modal(members.iter().flat_map(|f| f.vehicles.iter().map(text)).filter(|t| !t.is_empty())) {
                Some((t, _)) => (t, None),
                None => none(),
            }
        }
        scoring::PLATE => match modal(members.iter().flat_map(|f| f.vehicles.iter().filter_map(|v| v.plate.clone()))) {
            Some((p, _)) => (format!("plate {p}"), None),
            None => none(),
        },
        scoring::ACTORS => match modal(members.iter().filter_map(|f| f.actors)) {
            Some((n, _)) => (format!("{n} people"), None),
            None => none(),
        },
        scoring::ASKS => {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for f in members {
                for a in &f.asks {
                    *counts.entry(format!("{a:?}")).or_default() += 1;
                }
            }
            let common: Vec<String> =
                counts.into_iter().filter(|(_, c)| *c * 2 >= members.len()).map(|(a, _)| snake(&a)).collect();
            if common.is_empty() { none() } else { (common.join(", "), None) }
        }
        scoring::SHOWED => match modal(members.iter().flat_map(|f| f.showed.iter().copied())) {
            Some((s, _)) => (snake(&format!("{s:?}")), None),
            None => none(),
        },
        scoring::ATTIRE => match modal(members.iter().flat_map(|f| f.attire.iter().cloned())) {
            Some((a, _)) => {
                let share = round(tf.share(scoring::ATTIRE as u8, hash_str(&a)), 4);
                (a, Some(share))
            }
            None => none(),
        },
        _ => ("similar wording".to_owned(), None),
    }
}

/// `ComeToPrecinct` → `come_to_precinct`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A one-line summary: who they said they were, the unit, the vehicle, when and where.
fn summary(members: &[&super::features::Features], facts: &[ReportFacts], g: &[u32]) -> String {
    let mut parts = Vec::new();
    let title = modal(members.iter().flat_map(|f| f.titles.iter().copied()))
        .map(|(t, _)| format!("{}s", format!("{t:?}").to_lowercase()))
        .unwrap_or_else(|| "persons".to_owned());
    let unit = modal(members.iter().flat_map(|f| f.units_said.iter().map(|u| u.to_lowercase())));
    parts.push(match unit {
        Some((u, _)) => format!("{title} claiming {u}"),
        None => title,
    });
    if let Some((v, _)) = modal(members.iter().flat_map(|f| {
        f.vehicles.iter().filter_map(|v| match (&v.color, &v.kind) {
            (Some(c), Some(k)) => Some(format!("{c} {k}")),
            (None, Some(k)) => Some(k.clone()),
            _ => None,
        })
    })) {
        parts.push(v);
    }
    if let Some((p, _)) = modal(members.iter().filter_map(|f| f.day_part)) {
        parts.push(day_part_words(p).to_owned());
    }
    let precinct = modal(members.iter().filter_map(|f| f.location.and_then(|l| l.precinct)))
        .or_else(|| modal(g.iter().filter_map(|&r| facts[r as usize].precinct)));
    if let Some((p, _)) = precinct {
        let name = Registry::nypd().command(&p.to_string()).map_or_else(|| format!("precinct {p}"), |c| c.name.clone());
        parts.push(format!("around the {name}"));
    }
    parts.join(", ")
}
