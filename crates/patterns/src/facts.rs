//! What the analysis reads of a report besides its features: its name (its `ref`, else its
//! line number), the asks as given and the precinct it named. The output and the statistics
//! both read these, and a caller that streams reports keeps only these once each report's
//! features are made.
//!
//! It reads a parsed report and nothing else: it neither assembles the output nor counts
//! statistics (those read it, not the other way round), and it never reads the reporter.

use shieldcheck_report::{Ask, Report};

/// The name of every report: its `ref`, else its line number in the input ("#12").
pub fn report_names(reports: &[Report]) -> Vec<String> {
    reports.iter().enumerate().map(|(i, r)| report_name(r, i)).collect()
}

/// The name of the report at `index`: its `ref`, else "#" and its place counting from one.
pub fn report_name(report: &Report, index: usize) -> String {
    report.reference.clone().unwrap_or_else(|| format!("#{}", index + 1))
}

/// What the analysis reads of a report besides its features: its name, the asks as given
/// (each once; the statistics count `other` too) and the precinct it named. With these and
/// the roster findings, a caller can drop each parsed report once its features are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFacts {
    pub name: String,
    pub asks: Vec<Ask>,
    pub precinct: Option<u32>,
}

impl ReportFacts {
    /// The facts of the report at `index`.
    pub fn of(report: &Report, index: usize) -> ReportFacts {
        let mut asks: Vec<Ask> = report.asks.iter().flatten().copied().collect();
        asks.sort_unstable();
        asks.dedup();
        ReportFacts {
            name: report_name(report, index),
            asks,
            precinct: report.incident.as_ref().and_then(|i| i.place.as_ref()?.precinct),
        }
    }
}
