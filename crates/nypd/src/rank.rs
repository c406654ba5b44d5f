//! NYPD ranks and designations, the shield series each belongs to, and the ranks a person
//! may claim.

use std::fmt;

use serde::Serialize;

use crate::text::fold;

/// A rank or title on the roster (`docs/contracts/roster-v1.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rank {
    PoliceOfficer,
    ProbationaryPoliceOfficer,
    Sergeant,
    Detective,
    DetectiveThirdGrade,
    DetectiveSecondGrade,
    DetectiveFirstGrade,
    DetectiveSpecialist,
    Lieutenant,
    Captain,
    DeputyInspector,
    Inspector,
    DeputyChief,
    AssistantChief,
    BureauChief,
    ChiefOfDepartment,
    TrafficEnforcementAgent,
    SchoolSafetyAgent,
    AuxiliaryPolice,
}

/// Each rank group numbers its shields separately: a Police Officer's 4471 is not a
/// Detective's 4471. Lieutenants and above carry no numbered shield and are identified by
/// tax registry number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShieldSeries {
    PoliceOfficer,
    Sergeant,
    Detective,
    TrafficEnforcement,
    SchoolSafety,
    Auxiliary,
}

impl ShieldSeries {
    pub const ALL: [ShieldSeries; 6] = [
        ShieldSeries::PoliceOfficer,
        ShieldSeries::Sergeant,
        ShieldSeries::Detective,
        ShieldSeries::TrafficEnforcement,
        ShieldSeries::SchoolSafety,
        ShieldSeries::Auxiliary,
    ];

    /// The stable name used in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ShieldSeries::PoliceOfficer => "police_officer",
            ShieldSeries::Sergeant => "sergeant",
            ShieldSeries::Detective => "detective",
            ShieldSeries::TrafficEnforcement => "traffic_enforcement",
            ShieldSeries::SchoolSafety => "school_safety",
            ShieldSeries::Auxiliary => "auxiliary",
        }
    }
}

impl Rank {
    pub const ALL: [Rank; 19] = [
        Rank::PoliceOfficer,
        Rank::ProbationaryPoliceOfficer,
        Rank::Sergeant,
        Rank::Detective,
        Rank::DetectiveThirdGrade,
        Rank::DetectiveSecondGrade,
        Rank::DetectiveFirstGrade,
        Rank::DetectiveSpecialist,
        Rank::Lieutenant,
        Rank::Captain,
        Rank::DeputyInspector,
        Rank::Inspector,
        Rank::DeputyChief,
        Rank::AssistantChief,
        Rank::BureauChief,
        Rank::ChiefOfDepartment,
        Rank::TrafficEnforcementAgent,
        Rank::SchoolSafetyAgent,
        Rank::AuxiliaryPolice,
    ];

    /// The rank's code in credentials: stable, never reused.
    pub fn code(self) -> u8 {
        match self {
            Rank::PoliceOfficer => 1,
            Rank::ProbationaryPoliceOfficer => 2,
            Rank::Sergeant => 3,
            Rank::Detective => 4,
            Rank::DetectiveThirdGrade => 5,
            Rank::DetectiveSecondGrade => 6,
            Rank::DetectiveFirstGrade => 7,
            Rank::DetectiveSpecialist => 8,
            Rank::Lieutenant => 9,
            Rank::Captain => 10,
            Rank::DeputyInspector => 11,
            Rank::Inspector => 12,
            Rank::DeputyChief => 13,
            Rank::AssistantChief => 14,
            Rank::BureauChief => 15,
            Rank::ChiefOfDepartment => 16,
            Rank::TrafficEnforcementAgent => 17,
            Rank::SchoolSafetyAgent => 18,
            Rank::AuxiliaryPolice => 19,
        }
    }

    pub fn from_code(code: u64) -> Option<Rank> {
        Rank::ALL.into_iter().find(|r| u64::from(r.code()) == code)
    }

    /// The name written in the roster file.
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::PoliceOfficer => "Police Officer",
            Rank::ProbationaryPoliceOfficer => "Probationary Police Officer",
            Rank::Sergeant => "Sergeant",
            Rank::Detective => "Detective",
            Rank::DetectiveThirdGrade => "Detective Third Grade",
            Rank::DetectiveSecondGrade => "Detective Second Grade",
            Rank::DetectiveFirstGrade => "Detective First Grade",
            Rank::DetectiveSpecialist => "Detective Specialist",
            Rank::Lieutenant => "Lieutenant",
            Rank::Captain => "Captain",
            Rank::DeputyInspector => "Deputy Inspector",
            Rank::Inspector => "Inspector",
            Rank::DeputyChief => "Deputy Chief",
            Rank::AssistantChief => "Assistant Chief",
            Rank::BureauChief => "Bureau Chief",
            Rank::ChiefOfDepartment => "Chief of Department",
            Rank::TrafficEnforcementAgent => "Traffic Enforcement Agent",
            Rank::SchoolSafetyAgent => "School Safety Agent",
            Rank::AuxiliaryPolice => "Auxiliary Police",
        }
    }

    /// Reads a roster rank. Accepts the contract's names and the department's usual
    /// abbreviations ("Det. 2nd Gr.", "Sgt", "PO"), in any case.
    pub fn parse(s: &str) -> Option<Rank> {
        // Roster files nearly always hold the contract's exact names: skip the folding then.
        if let Some(rank) = Rank::ALL.into_iter().find(|r| r.as_str() == s) {
            return Some(rank);
        }
        let key = rank_key(s);
        let rank = match key.as_str() {
            "police officer" | "po" | "p o" | "officer" => Rank::PoliceOfficer,
            "probationary police officer" | "police officer probationary" | "ppo" | "probationary officer" => {
                Rank::ProbationaryPoliceOfficer
            }
            "sergeant" | "sgt" | "sergeant special assignment" | "sergeant detective squad" => Rank::Sergeant,
            "detective" | "det" => Rank::Detective,
            "detective third grade" | "detective 3rd grade" | "det 3rd gr" | "detective 3" | "det 3" => {
                Rank::DetectiveThirdGrade
            }
            "detective second grade" | "detective 2nd grade" | "det 2nd gr" | "detective 2" | "det 2" => {
                Rank::DetectiveSecondGrade
            }
            "detective first grade" | "detective 1st grade" | "det 1st gr" | "detective 1" | "det 1" => {
                Rank::DetectiveFirstGrade
            }
            "detective specialist" | "det spec" | "detective spec" => Rank::DetectiveSpecialist,
            "lieutenant"
            | "lt"
            | "lieut"
            | "lieutenant special assignment"
            | "lieutenant commander detective squad" => Rank::Lieutenant,
            "captain" | "capt" | "cpt" => Rank::Captain,
            "deputy inspector" | "di" | "dep insp" => Rank::DeputyInspector,
            "inspector" | "insp" => Rank::Inspector,
            "deputy chief" | "dc" => Rank::DeputyChief,
            "assistant chief" | "ac" | "asst chief" => Rank::AssistantChief,
            "bureau chief" => Rank::BureauChief,
            "chief of department" | "cod" => Rank::ChiefOfDepartment,
            "traffic enforcement agent" | "tea" => Rank::TrafficEnforcementAgent,
            "school safety agent" | "ssa" => Rank::SchoolSafetyAgent,
            "auxiliary police" | "auxiliary police officer" | "auxiliary" | "apo" => Rank::AuxiliaryPolice,
            _ => return None,
        };
        Some(rank)
    }

    /// The series of this rank's shield numbers, or `None` for Lieutenant and above.
    pub fn shield_series(self) -> Option<ShieldSeries> {
        match self {
            Rank::PoliceOfficer | Rank::ProbationaryPoliceOfficer => Some(ShieldSeries::PoliceOfficer),
            Rank::Sergeant => Some(ShieldSeries::Sergeant),
            Rank::Detective
            | Rank::DetectiveThirdGrade
            | Rank::DetectiveSecondGrade
            | Rank::DetectiveFirstGrade
            | Rank::DetectiveSpecialist => Some(ShieldSeries::Detective),
            Rank::TrafficEnforcementAgent => Some(ShieldSeries::TrafficEnforcement),
            Rank::SchoolSafetyAgent => Some(ShieldSeries::SchoolSafety),
            Rank::AuxiliaryPolice => Some(ShieldSeries::Auxiliary),
            Rank::Lieutenant
            | Rank::Captain
            | Rank::DeputyInspector
            | Rank::Inspector
            | Rank::DeputyChief
            | Rank::AssistantChief
            | Rank::BureauChief
            | Rank::ChiefOfDepartment => None,
        }
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rank as a resident heard it: coarser than the roster ("Detective" covers every grade,
/// "Chief" every chief).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimedRank {
    PoliceOfficer,
    Detective,
    Sergeant,
    Lieutenant,
    Captain,
    DeputyInspector,
    Inspector,
    Chief,
    TrafficEnforcementAgent,
    SchoolSafetyAgent,
    AuxiliaryPolice,
}

impl ClaimedRank {
    pub const ALL: [ClaimedRank; 11] = [
        ClaimedRank::PoliceOfficer,
        ClaimedRank::Detective,
        ClaimedRank::Sergeant,
        ClaimedRank::Lieutenant,
        ClaimedRank::Captain,
        ClaimedRank::DeputyInspector,
        ClaimedRank::Inspector,
        ClaimedRank::Chief,
        ClaimedRank::TrafficEnforcementAgent,
        ClaimedRank::SchoolSafetyAgent,
        ClaimedRank::AuxiliaryPolice,
    ];

    /// The stable identifier used by the web form and the translation catalogue.
    pub fn slug(self) -> &'static str {
        match self {
            ClaimedRank::PoliceOfficer => "police-officer",
            ClaimedRank::Detective => "detective",
            ClaimedRank::Sergeant => "sergeant",
            ClaimedRank::Lieutenant => "lieutenant",
            ClaimedRank::Captain => "captain",
            ClaimedRank::DeputyInspector => "deputy-inspector",
            ClaimedRank::Inspector => "inspector",
            ClaimedRank::Chief => "chief",
            ClaimedRank::TrafficEnforcementAgent => "traffic-enforcement-agent",
            ClaimedRank::SchoolSafetyAgent => "school-safety-agent",
            ClaimedRank::AuxiliaryPolice => "auxiliary-police",
        }
    }

    /// Reads a rank as people say or abbreviate it, in English or Spanish, or a form slug.
    pub fn parse(s: &str) -> Option<ClaimedRank> {
        if let Some(rank) = ClaimedRank::ALL.into_iter().find(|r| r.slug() == s.trim()) {
            return Some(rank);
        }
        if let Some(rank) = Rank::parse(s) {
            return Some(ClaimedRank::from(rank));
        }
        let key = rank_key(s);
        let rank = match key.as_str() {
            "police" | "cop" | "patrolman" | "patrol officer" | "oficial" | "agente" | "policia" => {
                ClaimedRank::PoliceOfficer
            }
            "detectives" | "detektyw" | "detektiv" | "детектив" => ClaimedRank::Detective,
            "sargento" | "sierzant" | "сержант" => ClaimedRank::Sergeant,
            "teniente" | "lieutenant de police" | "лейтенант" => ClaimedRank::Lieutenant,
            "capitan" | "capitaine" | "kapitan" | "капитан" => ClaimedRank::Captain,
            "chief" | "jefe" => ClaimedRank::Chief,
            "traffic agent" | "traffic officer" => ClaimedRank::TrafficEnforcementAgent,
            "school safety" | "school safety officer" => ClaimedRank::SchoolSafetyAgent,
            "aux" => ClaimedRank::AuxiliaryPolice,
            _ => return None,
        };
        Some(rank)
    }

    /// Whether a member of roster rank `rank` is what this claimed rank describes.
    pub fn accepts(self, rank: Rank) -> bool {
        ClaimedRank::from(rank) == self
    }

    /// The shield series a number given with this rank belongs to.
    pub fn shield_series(self) -> Option<ShieldSeries> {
        match self {
            ClaimedRank::PoliceOfficer => Some(ShieldSeries::PoliceOfficer),
            ClaimedRank::Detective => Some(ShieldSeries::Detective),
            ClaimedRank::Sergeant => Some(ShieldSeries::Sergeant),
            ClaimedRank::TrafficEnforcementAgent => Some(ShieldSeries::TrafficEnforcement),
            ClaimedRank::SchoolSafetyAgent => Some(ShieldSeries::SchoolSafety),
            ClaimedRank::AuxiliaryPolice => Some(ShieldSeries::Auxiliary),
            ClaimedRank::Lieutenant
            | ClaimedRank::Captain
            | ClaimedRank::DeputyInspector
            | ClaimedRank::Inspector
            | ClaimedRank::Chief => None,
        }
    }
}

impl From<Rank> for ClaimedRank {
    fn from(rank: Rank) -> Self {
        match rank {
            Rank::PoliceOfficer | Rank::ProbationaryPoliceOfficer => ClaimedRank::PoliceOfficer,
            Rank::Sergeant => ClaimedRank::Sergeant,
            Rank::Detective
            | Rank::DetectiveThirdGrade
            | Rank::DetectiveSecondGrade
            | Rank::DetectiveFirstGrade
            | Rank::DetectiveSpecialist => ClaimedRank::Detective,
            Rank::Lieutenant => ClaimedRank::Lieutenant,
            Rank::Captain => ClaimedRank::Captain,
            Rank::DeputyInspector => ClaimedRank::DeputyInspector,
            Rank::Inspector => ClaimedRank::Inspector,
            Rank::DeputyChief | Rank::AssistantChief | Rank::BureauChief | Rank::ChiefOfDepartment => {
                ClaimedRank::Chief
            }
            Rank::TrafficEnforcementAgent => ClaimedRank::TrafficEnforcementAgent,
            Rank::SchoolSafetyAgent => ClaimedRank::SchoolSafetyAgent,
            Rank::AuxiliaryPolice => ClaimedRank::AuxiliaryPolice,
        }
    }
}

/// Folds a rank for comparison: case, accents, punctuation and repeated spaces removed.
fn rank_key(s: &str) -> String {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rank_reads_back_its_own_name() {
        for rank in Rank::ALL {
            assert_eq!(Rank::parse(rank.as_str()), Some(rank), "{rank}");
            assert_eq!(Rank::parse(&rank.as_str().to_uppercase()), Some(rank), "{rank}");
        }
    }

    #[test]
    fn rank_codes_are_distinct_and_read_back() {
        for rank in Rank::ALL {
            assert_eq!(Rank::from_code(rank.code().into()), Some(rank));
        }
        assert_eq!(Rank::from_code(0), None);
    }

    #[test]
    fn detective_grades_share_one_series_apart_from_officers() {
        assert_eq!(Rank::DetectiveFirstGrade.shield_series(), Some(ShieldSeries::Detective));
        assert_eq!(Rank::ProbationaryPoliceOfficer.shield_series(), Some(ShieldSeries::PoliceOfficer));
        assert_eq!(Rank::Lieutenant.shield_series(), None);
        assert!(ClaimedRank::Detective.accepts(Rank::DetectiveSecondGrade));
        assert!(!ClaimedRank::Detective.accepts(Rank::PoliceOfficer));
        assert!(ClaimedRank::Chief.accepts(Rank::AssistantChief));
    }

    #[test]
    fn claimed_ranks_read_abbreviations_and_slugs() {
        assert_eq!(ClaimedRank::parse("Det."), Some(ClaimedRank::Detective));
        assert_eq!(ClaimedRank::parse("P.O."), Some(ClaimedRank::PoliceOfficer));
        assert_eq!(ClaimedRank::parse("sargento"), Some(ClaimedRank::Sergeant));
        assert_eq!(ClaimedRank::parse("deputy-inspector"), Some(ClaimedRank::DeputyInspector));
        assert_eq!(ClaimedRank::parse("admiral"), None);
    }
}
