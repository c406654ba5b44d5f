//! Roster findings: each claimed identity and unit checked against the roster and the
//! command registry, through the same claim check residents use. A finding is evidence on a
//! report, never a link between reports.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use shieldcheck_claim::roster::RosterMember;
use shieldcheck_claim::{Claim, ClaimResult, Lookup, Step, decide, prepare};
use shieldcheck_nypd::registry::{Registry, Resolution};
use shieldcheck_report::{Report, Title};

/// One finding, as the contract spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterFinding {
    pub report: String,
    /// What the report says was claimed, in its own words.
    pub claim: String,
    pub finding: Finding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    MatchesActiveMember,
    MemberNotInClaimedCommand,
    MemberNotActive,
    NoSuchMember,
    NoSuchCommand,
    UnitNotInNypd,
}

/// The roster indexed the way the claim check looks members up.
#[derive(Debug, Default)]
pub struct RosterIndex {
    by_shield: HashMap<String, Vec<RosterMember>>,
    by_tax: HashMap<String, RosterMember>,
}

impl RosterIndex {
    pub fn new(members: &[RosterMember]) -> RosterIndex {
        let mut index = RosterIndex::default();
        for m in members {
            if let Some(shield) = &m.shield_number {
                index.by_shield.entry(shield.clone()).or_default().push(m.clone());
            }
            index.by_tax.insert(m.tax_registry_number.clone(), m.clone());
        }
        index
    }

    fn lookup(&self, lookup: &Lookup) -> Vec<RosterMember> {
        match lookup {
            Lookup::Shield { series, number } => self
                .by_shield
                .get(number)
                .into_iter()
                .flatten()
                .filter(|m| m.shield_series().is_some_and(|s| series.contains(&s)))
                .cloned()
                .collect(),
            Lookup::TaxRegistry(number) => self.by_tax.get(number).cloned().into_iter().collect(),
        }
    }

    /// Checks one claim: None when it says too little to check.
    fn check(&self, claim: &Claim, registry: &Registry) -> Option<Finding> {
        let Ok(Step::Lookup(prepared)) = prepare(claim, registry) else { return None };
        let found = self.lookup(&prepared.lookup);
        match decide(&prepared, &found) {
            ClaimResult::MatchesActiveMember => Some(Finding::MatchesActiveMember),
            ClaimResult::MemberNotActive => Some(Finding::MemberNotActive),
            ClaimResult::NoMatch if claim.command.is_some() => {
                let without = Claim { command: None, ..claim.clone() };
                match prepare(&without, registry) {
                    Ok(Step::Lookup(p)) => match decide(&p, &found) {
                        ClaimResult::MatchesActiveMember | ClaimResult::MemberNotActive => {
                            Some(Finding::MemberNotInClaimedCommand)
                        }
                        _ => Some(Finding::NoSuchMember),
                    },
                    _ => Some(Finding::NoSuchMember),
                }
            }
            ClaimResult::NoMatch => Some(Finding::NoSuchMember),
            ClaimResult::UnitNotInNypd | ClaimResult::Insufficient => None,
        }
    }
}

fn rank_word(title: Title) -> Option<&'static str> {
    match title {
        Title::Detective => Some("detective"),
        Title::Sergeant => Some("sergeant"),
        Title::Lieutenant => Some("lieutenant"),
        Title::Officer => Some("police officer"),
        _ => None,
    }
}

/// Every report's findings, in report order. Units are judged by the registry alone;
/// identities (a name with a shield number) need the roster and are skipped without one.
pub fn roster_findings(
    reports: &[Report],
    names: &[String],
    registry: &Registry,
    roster: Option<&RosterIndex>,
) -> Vec<RosterFinding> {
    let mut out = Vec::new();
    for (report, name) in reports.iter().zip(names) {
        let Some(claims) = &report.claims else { continue };
        let units: Vec<&str> = claims.units.iter().flatten().map(|u| u.trim()).filter(|u| !u.is_empty()).collect();
        for unit in &units {
            let finding = match registry.resolve(unit) {
                Resolution::NotNypd { .. } => Finding::UnitNotInNypd,
                Resolution::Unknown => Finding::NoSuchCommand,
                Resolution::Commands(_) => continue,
            };
            out.push(RosterFinding { report: name.clone(), claim: (*unit).to_owned(), finding });
        }
        for p in claims.precincts.iter().flatten() {
            if registry.command(&p.to_string()).is_none() {
                out.push(RosterFinding {
                    report: name.clone(),
                    claim: format!("precinct {p}"),
                    finding: Finding::NoSuchCommand,
                });
            }
        }
        let Some(roster) = roster else { continue };
        let command = units
            .iter()
            .find(|u| matches!(registry.resolve(u), Resolution::Commands(_)))
            .map(|u| (*u).to_owned())
            .or_else(|| claims.precincts.iter().flatten().next().map(|p| p.to_string()));
        let rank = claims.titles.iter().flatten().find_map(|t| rank_word(*t)).map(str::to_owned);
        let shields: Vec<&String> = claims.shield_numbers.iter().flatten().collect();
        for (i, person) in claims.names.iter().flatten().enumerate() {
            // Names and numbers are listed in the order given; a lone number goes with every
            // name.
            let shield = shields.get(i).or(if shields.len() == 1 { shields.first() } else { None });
            let claim = Claim {
                name: Some(person.clone()),
                rank: rank.clone(),
                shield_number: shield.map(|s| (*s).clone()),
                tax_registry_number: None,
                command: command.clone(),
            };
            if let Some(finding) = roster.check(&claim, registry) {
                let mut words = vec![person.clone()];
                if let Some(s) = shield {
                    words.push(format!("shield {s}"));
                }
                if let Some(c) = &command {
                    words.push(c.clone());
                }
                out.push(RosterFinding { report: name.clone(), claim: words.join(", "), finding });
            }
        }
    }
    out
}
