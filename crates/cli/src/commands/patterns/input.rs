//! Reading reports for the pattern commands: JSON Lines parsed on every core a batch at a time,
//! refused lines reported with their numbers and left out, and for an analysis only what it
//! keeps of each report (features, facts, roster findings).

use std::io::BufRead as _;
use std::path::Path;

use anyhow::Context as _;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_patterns::features::Features;
use shieldcheck_patterns::findings::{RosterFinding, RosterIndex, roster_findings};
use shieldcheck_patterns::map_on_cores;
use shieldcheck_patterns::output::ReportFacts;
use shieldcheck_report::Report;

/// Reads reports from JSON Lines. A line that fails validation is reported with its number
/// and left out; the other lines are read.
pub fn read_reports(path: &Path) -> anyhow::Result<Vec<Report>> {
    let mut reports = Vec::new();
    for_each_batch(path, |batch| reports.extend(batch))?;
    Ok(reports)
}

/// Lines read and parsed at a time. Parsing (and, for an analysis, making features) runs on
/// every core over one batch, and no more than a batch of parsed reports is held.
pub(super) const BATCH: usize = 8_192;

/// Parses the reports of a JSON Lines file on every core, a batch of lines at a time, and
/// hands each batch of reports to `take`, in the file's order (a line that fails validation
/// is reported with its number and left out).
fn for_each_batch(path: &Path, mut take: impl FnMut(Vec<Report>)) -> anyhow::Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let mut refused = 0usize;
    let mut lines = std::io::BufReader::new(file).lines().enumerate();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for (i, line) in lines.by_ref() {
            let line = line.with_context(|| format!("could not read {} line {}", path.display(), i + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            batch.push((i, line));
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let parsed = map_on_cores(&batch, |_, (_, line)| Report::from_json(line.as_bytes()));
        let mut reports = Vec::with_capacity(parsed.len());
        for ((i, _), result) in batch.iter().zip(parsed) {
            match result {
                Ok(r) => reports.push(r),
                Err(e) => {
                    refused += 1;
                    if refused <= 20 {
                        eprintln!("{} line {}: {e}", path.display(), i + 1);
                    }
                }
            }
        }
        drop(batch);
        take(reports);
    }
    if refused > 0 {
        eprintln!("{refused} lines of {} were refused and left out", path.display());
    }
    Ok(())
}

/// What an analysis keeps of each report read: its features, its facts and its roster
/// findings. The parsed reports are dropped batch by batch: a million of them would hold more
/// memory than the engine does.
#[derive(Default)]
pub(super) struct Loaded {
    pub(super) features: Vec<Features>,
    pub(super) facts: Vec<ReportFacts>,
    pub(super) findings: Vec<RosterFinding>,
}

impl Loaded {
    /// Keeps what the analysis needs of the next reports, worked out on every core.
    pub(super) fn add(&mut self, reports: &[Report], roster: Option<&RosterIndex>) {
        let registry = Registry::nypd();
        let first = self.facts.len();
        let kept = map_on_cores(reports, |k, report| {
            let features = Features::of(report, registry);
            let facts = ReportFacts::of(report, first + k);
            let findings =
                roster_findings(std::slice::from_ref(report), std::slice::from_ref(&facts.name), registry, roster);
            (features, facts, findings)
        });
        for (features, facts, findings) in kept {
            self.features.push(features);
            self.facts.push(facts);
            self.findings.extend(findings);
        }
    }
}

/// What an analysis keeps of the reports of a JSON Lines file.
pub(super) fn read_for_analysis(path: &Path, roster: Option<&RosterIndex>) -> anyhow::Result<Loaded> {
    let mut read = Loaded::default();
    for_each_batch(path, |batch| read.add(&batch, roster))?;
    Ok(read)
}
