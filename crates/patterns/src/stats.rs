//! Counts behind a brief's sentences ("in 41 of 57 reports the persons called themselves
//! police or detectives"), overall, by precinct where it happened and by month.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::facts::ReportFacts;
use super::scoring::Corpus;
use shieldcheck_report::{Ask, civil_from_days};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Statistics {
    /// Reports naming each title (a report naming two counts for both).
    pub claimed_titles: BTreeMap<String, usize>,
    /// Reports in which they named a precinct, a squad or another unit.
    pub named_a_precinct_or_squad: usize,
    /// Reports in which they asked the person to come to a precinct.
    pub arranged_meeting_at_precinct: usize,
    /// Reports naming a unit the NYPD does not have.
    #[serde(default)]
    pub named_unit_not_in_nypd: usize,
    /// Reports with each ask.
    #[serde(default)]
    pub asks: BTreeMap<String, usize>,
    /// The same counts by the precinct where it happened.
    #[serde(default)]
    pub by_precinct: BTreeMap<String, Counts>,
    /// The same counts by month (YYYY-MM) of the incident.
    #[serde(default)]
    pub by_month: BTreeMap<String, Counts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub reports: usize,
    pub claimed_titles: BTreeMap<String, usize>,
    pub named_a_precinct_or_squad: usize,
    pub arranged_meeting_at_precinct: usize,
    pub asks: BTreeMap<String, usize>,
}

fn snake<T: std::fmt::Debug>(value: T) -> String {
    let name = format!("{value:?}");
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The counts over every report, from its facts and its features (both in engine order).
pub fn statistics(facts: &[ReportFacts], corpus: &Corpus) -> Statistics {
    let mut s = Statistics::default();
    for (report, f) in facts.iter().zip(&corpus.features) {
        let named = !f.commands.is_empty();
        let at_precinct = f.asks.contains(&Ask::ComeToPrecinct);
        let titles: Vec<String> = f.titles.iter().map(|t| snake(*t)).collect();
        let asks: Vec<String> = report.asks.iter().map(|a| snake(*a)).collect();
        let count = |c: &mut Counts| {
            c.reports += 1;
            for t in &titles {
                *c.claimed_titles.entry(t.clone()).or_default() += 1;
            }
            for a in &asks {
                *c.asks.entry(a.clone()).or_default() += 1;
            }
            c.named_a_precinct_or_squad += usize::from(named);
            c.arranged_meeting_at_precinct += usize::from(at_precinct);
        };
        for t in &titles {
            *s.claimed_titles.entry(t.clone()).or_default() += 1;
        }
        for a in &asks {
            *s.asks.entry(a.clone()).or_default() += 1;
        }
        s.named_a_precinct_or_squad += usize::from(named);
        s.arranged_meeting_at_precinct += usize::from(at_precinct);
        s.named_unit_not_in_nypd += usize::from(f.commands.iter().any(|c| c.starts_with("not:")));
        let precinct = f.location.and_then(|l| l.precinct).or(report.precinct);
        if let Some(p) = precinct {
            count(s.by_precinct.entry(p.to_string()).or_default());
        }
        if let Some(span) = f.span {
            let (y, m, _) = civil_from_days(span.day());
            count(s.by_month.entry(format!("{y:04}-{m:02}")).or_default());
        }
    }
    s
}
