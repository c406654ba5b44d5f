//! The claim check: does what a person at the door said ("Detective Rivera, shield 4471, the
//! 34th Precinct") match an active member of the roster?
//!
//! The answer is one word and never more: it reveals no roster field the person did not
//! supply (no "did you mean", no name for a number). A check needs a last name and an
//! identifier (a shield number, read within its rank's series, or a tax registry number), so
//! a number alone reveals nothing.
//!
//! The check runs in two steps around one roster lookup, so that this module stays free of
//! I/O: [`prepare`] validates the claim and says which members to look up; [`decide`] judges
//! the members found.

pub mod name;
pub mod roster;
#[cfg(feature = "testing")]
pub mod testing;

use serde::{Deserialize, Serialize};

use crate::name::ClaimedName;
use crate::roster::{MemberStatus, RosterMember};
use shieldcheck_nypd::rank::{ClaimedRank, ShieldSeries};
use shieldcheck_nypd::registry::{CommandKind, Registry, Resolution};
use shieldcheck_nypd::text::{fold, is_forbidden_char};

/// What a resident was told. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Claim {
    pub name: Option<String>,
    pub rank: Option<String>,
    pub shield_number: Option<String>,
    pub tax_registry_number: Option<String>,
    pub command: Option<String>,
}

/// The answer to a claim check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimResult {
    MatchesActiveMember,
    NoMatch,
    MemberNotActive,
    UnitNotInNypd,
    Insufficient,
}

impl ClaimResult {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimResult::MatchesActiveMember => "matches_active_member",
            ClaimResult::NoMatch => "no_match",
            ClaimResult::MemberNotActive => "member_not_active",
            ClaimResult::UnitNotInNypd => "unit_not_in_nypd",
            ClaimResult::Insufficient => "insufficient",
        }
    }
}

/// The longest value accepted per claim field, in characters.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_NUMBER_CHARS: usize = 32;
pub const MAX_TEXT_CHARS: usize = 200;

/// A claim field the check cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimInputError {
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field} contains control or bidirectional-override characters")]
    InvalidCharacters { field: &'static str },
}

impl ClaimInputError {
    pub fn field(&self) -> &'static str {
        match self {
            ClaimInputError::TooLong { field, .. } | ClaimInputError::InvalidCharacters { field } => field,
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ClaimInputError::TooLong { .. } => "field_too_long",
            ClaimInputError::InvalidCharacters { .. } => "invalid_characters",
        }
    }
}

/// Which members a claim names, to be fetched from the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A shield number within one series; several series when the rank was not given.
    Shield {
        series: Vec<ShieldSeries>,
        number: String,
    },
    TaxRegistry(String),
}

/// A validated claim, ready for its lookup.
#[derive(Debug, Clone)]
pub struct PreparedClaim {
    pub lookup: Lookup,
    name: ClaimedName,
    rank: Option<ClaimedRank>,
    command: Option<Resolution>,
}

/// The first step: either the answer already (a unit the NYPD does not have, or too little
/// given), or the lookup to make.
#[derive(Debug, Clone)]
pub enum Step {
    Answer(ClaimResult),
    Lookup(PreparedClaim),
}

/// Checks field lengths and characters.
pub fn validate(claim: &Claim) -> Result<(), ClaimInputError> {
    let fields: [(&'static str, &Option<String>, usize); 5] = [
        ("name", &claim.name, MAX_NAME_CHARS),
        ("rank", &claim.rank, MAX_TEXT_CHARS),
        ("shield_number", &claim.shield_number, MAX_NUMBER_CHARS),
        ("tax_registry_number", &claim.tax_registry_number, MAX_NUMBER_CHARS),
        ("command", &claim.command, MAX_TEXT_CHARS),
    ];
    for (field, value, max) in fields {
        let Some(value) = value else { continue };
        if value.chars().count() > max {
            return Err(ClaimInputError::TooLong { field, max });
        }
        if value.chars().any(is_forbidden_char) {
            return Err(ClaimInputError::InvalidCharacters { field });
        }
    }
    Ok(())
}

/// Validates a claim and decides what to look up.
pub fn prepare(claim: &Claim, registry: &Registry) -> Result<Step, ClaimInputError> {
    validate(claim)?;
    let command = present(&claim.command).map(|c| registry.resolve(c));
    if let Some(Resolution::NotNypd { .. }) = command {
        return Ok(Step::Answer(ClaimResult::UnitNotInNypd));
    }
    let name = ClaimedName::parse(present(&claim.name).unwrap_or(""));
    if name.is_empty() {
        return Ok(Step::Answer(ClaimResult::Insufficient));
    }
    // A rank the person chose wins over a title in the name; an unreadable rank is no rank.
    let rank = present(&claim.rank).and_then(ClaimedRank::parse).or(name.title_rank);
    let lookup = if let Some(tax) = present(&claim.tax_registry_number) {
        Lookup::TaxRegistry(number(tax))
    } else if let Some(shield) = present(&claim.shield_number) {
        let series = match rank {
            Some(rank) => match rank.shield_series() {
                Some(series) => vec![series],
                // Lieutenants and above carry no numbered shield: only a tax registry number
                // can identify them.
                None => return Ok(Step::Answer(ClaimResult::Insufficient)),
            },
            None => ShieldSeries::ALL.to_vec(),
        };
        Lookup::Shield { series, number: number(shield) }
    } else {
        return Ok(Step::Answer(ClaimResult::Insufficient));
    };
    Ok(Step::Lookup(PreparedClaim { lookup, name, rank, command }))
}

/// The second step: judges the members the lookup found (at most one per series).
pub fn decide(claim: &PreparedClaim, found: &[RosterMember]) -> ClaimResult {
    let matching = found.iter().find(|m| {
        claim.name.matches(&m.last_name, &m.first_name)
            && claim.rank.is_none_or(|r| r.accepts(m.rank))
            && match &claim.command {
                None => true,
                Some(Resolution::Commands(codes)) => codes.contains(&m.command_code),
                // A claimed command the NYPD does not have can match no member.
                Some(_) => false,
            }
    });
    match matching {
        Some(m) if m.status == MemberStatus::Active => ClaimResult::MatchesActiveMember,
        Some(_) => ClaimResult::MemberNotActive,
        None => ClaimResult::NoMatch,
    }
}

/// A number as typed, with spaces, "#" and "No." removed and other scripts' digits made ASCII.
/// Anything else is kept, so that it simply matches nothing.
fn number(s: &str) -> String {
    let folded = fold(s);
    let trimmed = folded.trim_start_matches("no.").trim_start_matches("no ");
    let digits: String = trimmed.chars().filter(|c| !c.is_whitespace() && *c != '#').collect();
    digits
}

fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// What to do next, whatever the answer. Never a number the claimant gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NextStep {
    /// In danger: call 911.
    Call911,
    /// Call the desk of the precinct the person named, from the registry.
    CallDesk { command_code: String, command_name: String, phone: String },
    /// The published list of every precinct's desk phone.
    PrecinctList,
    /// Everything else: 311.
    Call311,
}

/// The next steps for a claim: 911, the named precinct's real desk phone (or the precinct
/// list when no single precinct with a phone was named), then 311.
pub fn next_steps(claim: &Claim, registry: &Registry) -> Vec<NextStep> {
    let desk = present(&claim.command)
        .map(|c| registry.resolve(c))
        .and_then(|r| r.single().and_then(|code| registry.command(code)).cloned())
        .filter(|c| c.kind == CommandKind::Precinct)
        .and_then(|c| {
            c.desk_phone.clone().map(|phone| NextStep::CallDesk {
                command_code: c.code.clone(),
                command_name: c.name.clone(),
                phone,
            })
        });
    vec![NextStep::Call911, desk.unwrap_or(NextStep::PrecinctList), NextStep::Call311]
}

#[cfg(test)]
mod tests {
    use super::*;
    use shieldcheck_nypd::rank::Rank;

    fn member(
        last: &str,
        first: &str,
        rank: Rank,
        shield: Option<&str>,
        tax: &str,
        cmd: &str,
        status: MemberStatus,
    ) -> RosterMember {
        RosterMember {
            member_id: format!("M{tax}"),
            last_name: last.into(),
            first_name: first.into(),
            rank,
            shield_number: shield.map(Into::into),
            tax_registry_number: tax.into(),
            command_code: cmd.into(),
            squad: None,
            status,
            photo_sha256: None,
        }
    }

    fn roster() -> Vec<RosterMember> {
        vec![
            member("Rivera", "Ana", Rank::DetectiveSecondGrade, Some("4471"), "948213", "34", MemberStatus::Active),
            member("Chen", "Wei", Rank::PoliceOfficer, Some("4471"), "951002", "NBMN", MemberStatus::Active),
            member("Okafor", "James", Rank::Lieutenant, None, "912345", "TD4", MemberStatus::Active),
            member("O'Brien", "Michael", Rank::Sergeant, Some("1234"), "900001", "75", MemberStatus::Suspended),
        ]
    }

    /// Runs the check against an in-memory roster the way the store does.
    fn check(claim: Claim) -> ClaimResult {
        let roster = roster();
        match prepare(&claim, Registry::nypd()).expect("valid claim") {
            Step::Answer(result) => result,
            Step::Lookup(prepared) => {
                let found: Vec<RosterMember> = roster
                    .into_iter()
                    .filter(|m| match &prepared.lookup {
                        Lookup::TaxRegistry(t) => &m.tax_registry_number == t,
                        Lookup::Shield { series, number } => {
                            m.shield_number.as_deref() == Some(number.as_str())
                                && m.shield_series().is_some_and(|s| series.contains(&s))
                        }
                    })
                    .collect();
                decide(&prepared, &found)
            }
        }
    }

    fn claim(name: &str, rank: &str, shield: &str, tax: &str, command: &str) -> Claim {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        Claim {
            name: opt(name),
            rank: opt(rank),
            shield_number: opt(shield),
            tax_registry_number: opt(tax),
            command: opt(command),
        }
    }

    #[test]
    fn the_example_at_the_door() {
        assert_eq!(
            check(claim("Detective Rivera", "", "4471", "", "the 34th Precinct")),
            ClaimResult::MatchesActiveMember
        );
        assert_eq!(
            check(claim("Ana Rivera", "detective", "#4471", "", "three-four")),
            ClaimResult::MatchesActiveMember
        );
        assert_eq!(check(claim("Rivera", "", "4471", "", "")), ClaimResult::MatchesActiveMember);
    }

    #[test]
    fn shield_numbers_belong_to_their_rank_series() {
        assert_eq!(check(claim("Rivera", "police-officer", "4471", "", "")), ClaimResult::NoMatch);
        assert_eq!(check(claim("PO Chen", "", "4471", "", "")), ClaimResult::MatchesActiveMember);
        assert_eq!(check(claim("Det. Chen", "", "4471", "", "")), ClaimResult::NoMatch);
    }

    #[test]
    fn wrong_command_name_or_number_is_no_match() {
        assert_eq!(check(claim("Det. Rivera", "", "4471", "", "75")), ClaimResult::NoMatch);
        assert_eq!(check(claim("Det. Rivera", "", "4471", "", "precinct 35")), ClaimResult::NoMatch);
        assert_eq!(check(claim("Det. Rivers", "", "4471", "", "34")), ClaimResult::NoMatch);
        assert_eq!(check(claim("Det. Rivera", "", "4472", "", "34")), ClaimResult::NoMatch);
        assert_eq!(check(claim("Chen", "", "4471", "", "narcotics squad")), ClaimResult::MatchesActiveMember);
    }

    #[test]
    fn lieutenants_and_above_need_a_tax_registry_number() {
        assert_eq!(check(claim("Lt. Okafor", "", "912345", "", "")), ClaimResult::Insufficient);
        assert_eq!(check(claim("Lt. Okafor", "", "", "912345", "TD 4")), ClaimResult::MatchesActiveMember);
        assert_eq!(check(claim("Okafor", "captain", "", "912345", "")), ClaimResult::NoMatch);
    }

    #[test]
    fn inactive_members_and_units_the_nypd_lacks() {
        assert_eq!(check(claim("Sgt O'Brien", "", "1234", "", "")), ClaimResult::MemberNotActive);
        assert_eq!(check(claim("Smith", "", "", "", "immigration squad")), ClaimResult::UnitNotInNypd);
        assert_eq!(check(claim("", "", "", "", "ICE")), ClaimResult::UnitNotInNypd);
    }

    #[test]
    fn too_little_to_check() {
        assert_eq!(check(claim("", "", "4471", "", "34")), ClaimResult::Insufficient);
        assert_eq!(check(claim("Det.", "", "", "", "34")), ClaimResult::Insufficient);
        assert_eq!(check(claim("Rivera", "detective", "", "", "34")), ClaimResult::Insufficient);
        assert_eq!(check(Claim::default()), ClaimResult::Insufficient);
    }

    #[test]
    fn hostile_fields_are_refused() {
        let long = claim(&"x".repeat(10_000), "", "1", "", "");
        assert_eq!(prepare(&long, Registry::nypd()).err().map(|e| e.code()), Some("field_too_long"));
        let bidi = claim("Rivera\u{202E}", "", "1", "", "");
        assert_eq!(prepare(&bidi, Registry::nypd()).err().map(|e| e.code()), Some("invalid_characters"));
        assert_eq!(check(claim("Rivera' OR '1'='1", "", "4471' OR 1=1 --", "", "34")), ClaimResult::NoMatch);
    }

    #[test]
    fn next_steps_use_only_registry_phones() {
        let steps = next_steps(&claim("", "", "", "", "the three-four"), Registry::nypd());
        assert!(
            matches!(&steps[1], NextStep::CallDesk { command_code, phone, .. } if command_code == "34" && !phone.is_empty())
        );
        let steps = next_steps(&claim("", "", "", "", "call me at 917-555-0100"), Registry::nypd());
        assert_eq!(steps, vec![NextStep::Call911, NextStep::PrecinctList, NextStep::Call311]);
    }
}
