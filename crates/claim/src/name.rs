//! Matching a name as a resident heard it ("Det. Rivera", "A. Rivera", "Ana Rivera-López",
//! "Rivera, Ana") against a roster member's last and first names.

use shieldcheck_nypd::rank::ClaimedRank;
use shieldcheck_nypd::text::fold;

/// Name particles that never identify a family on their own ("de", "van", "al").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "st", "saint", "al",
    "el", "bin", "ben", "mac", "y",
];

/// Courtesy titles that are not ranks.
const COURTESY: &[&str] = &["mr", "mrs", "ms", "miss", "sir", "madam", "senor", "senora", "sr", "sra"];

/// A name split into folded words, with the titles in front of it taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedName {
    /// The rank a title in front of the name implies ("Det.", "Lt.", "PO"), if any.
    pub title_rank: Option<ClaimedRank>,
    /// Words of the name in the order given, folded.
    words: Vec<String>,
    /// Whether the name was written "Last, First".
    last_first: bool,
}

impl ClaimedName {
    pub fn parse(input: &str) -> ClaimedName {
        let last_first = input.contains(',');
        let mut words = name_words(input);
        let mut title_rank = None;
        // Titles come first: "Det. Sgt. Rivera" → the first rank title wins.
        while let Some(first) = words.first() {
            if COURTESY.contains(&first.as_str()) {
                words.remove(0);
                continue;
            }
            // Two-word titles before one-word ones ("police officer", "deputy inspector").
            let two = words.get(1).map(|second| format!("{first} {second}"));
            if let Some(rank) = two.as_deref().filter(|_| words.len() > 2).and_then(title) {
                title_rank.get_or_insert(rank);
                words.drain(..2);
                continue;
            }
            if words.len() > 1
                && let Some(rank) = title(first)
            {
                title_rank.get_or_insert(rank);
                words.remove(0);
                continue;
            }
            break;
        }
        ClaimedName { title_rank, words, last_first }
    }

    /// Whether any name is left once titles are removed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether this name can be the member's. The last name must be given (all its parts, or
    /// one distinctive part of a multi-part name); any other words must agree with the first
    /// name, in full or as an initial.
    pub fn matches(&self, last_name: &str, first_name: &str) -> bool {
        let last = name_words(last_name);
        let first = name_words(first_name);
        if last.is_empty() {
            return false;
        }
        let n = self.words.len();
        // Try the surname at the end ("Ana Rivera") and at the start ("Rivera, Ana", "Chen Wei").
        for len in 1..=n {
            let suffix = &self.words[n - len..];
            let prefix = &self.words[..len];
            if !self.last_first && surname_matches(suffix, &last) && given_matches(&self.words[..n - len], &first) {
                return true;
            }
            if surname_matches(prefix, &last) && given_matches(&self.words[len..], &first) {
                return true;
            }
        }
        false
    }
}

fn title(word: &str) -> Option<ClaimedRank> {
    match word {
        "det" | "detective" => Some(ClaimedRank::Detective),
        "po" | "officer" | "police officer" | "ptl" | "oficial" | "agente" => Some(ClaimedRank::PoliceOfficer),
        "sgt" | "sergeant" | "sargento" => Some(ClaimedRank::Sergeant),
        "lt" | "lieut" | "lieutenant" | "teniente" => Some(ClaimedRank::Lieutenant),
        "capt" | "cpt" | "captain" | "capitan" => Some(ClaimedRank::Captain),
        "di" | "deputy inspector" => Some(ClaimedRank::DeputyInspector),
        "insp" | "inspector" => Some(ClaimedRank::Inspector),
        "chief" | "jefe" => Some(ClaimedRank::Chief),
        _ => None,
    }
}

/// Folded words of a name; hyphens, apostrophes, dots and commas separate words.
fn name_words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn surname_matches(claimed: &[String], last: &[String]) -> bool {
    if claimed.is_empty() {
        return false;
    }
    if claimed.concat() == last.concat() {
        return true;
    }
    // One distinctive part of a multi-part surname: "Rivera" for "Rivera-López",
    // "Lopez" for "García López"; never a particle or an initial.
    if let [only] = claimed {
        return last.len() > 1
            && only.chars().count() > 1
            && !PARTICLES.contains(&only.as_str())
            && last.iter().any(|part| part == only);
    }
    // A particle left out or run together: "Delacruz" / "De La Cruz" is covered above by
    // concatenation; "La Cruz" for "De La Cruz":
    last.ends_with(claimed) && last[..last.len() - claimed.len()].iter().all(|p| PARTICLES.contains(&p.as_str()))
}

fn given_matches(claimed: &[String], first: &[String]) -> bool {
    if claimed.is_empty() {
        return true;
    }
    if first.is_empty() {
        return false;
    }
    if claimed.concat() == first.concat() {
        return true;
    }
    // Each given word must be one of the first names, or the initial of one. A middle initial
    // the roster does not record ("Ana M. Rivera") is allowed once a first name has matched.
    let is_initial = |word: &String| word.chars().count() == 1;
    let agrees = |word: &String| {
        first.iter().any(|name| name == word || (is_initial(word) && name.chars().next() == word.chars().next()))
    };
    let matched = claimed.iter().filter(|w| agrees(w)).count();
    matched > 0 && claimed.iter().all(|w| agrees(w) || is_initial(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(claimed: &str, last: &str, first: &str, expect: bool) {
        assert_eq!(ClaimedName::parse(claimed).matches(last, first), expect, "{claimed:?} vs {last}, {first}");
    }

    #[test]
    fn names_match_as_residents_say_them() {
        check("Rivera", "Rivera", "Ana", true);
        check("Det. Ana Rivera", "Rivera", "Ana", true);
        check("detective RIVERA", "Rivera", "Ana", true);
        check("A. Rivera", "Rivera", "Ana", true);
        check("Rivera, Ana", "Rivera", "Ana", true);
        check("Rivera, A", "Rivera", "Ana", true);
        check("Ana Rivera Lopez", "Rivera-López", "Ana", true);
        check("Rivera-Lopez", "Rivera López", "Ana", true);
        check("Lopez", "Rivera-López", "Ana", true);
        check("María José García-López", "García-López", "María José", true);
        check("M. J. Garcia Lopez", "García-López", "María José", true);
        check("Delacruz", "De La Cruz", "Luis", true);
        check("Luis De la Cruz", "De La Cruz", "Luis", true);
        check("Chen Wei", "Chen", "Wei", true);
        check("O'Brien", "O'Brien", "Michael", true);
        check("Obrien", "O'Brien", "Michael", true);
        check("Sgt. Michael OBrien", "O'Brien", "Michael", true);
        check("Ana M. Rivera", "Rivera", "Ana", true);
    }

    #[test]
    fn names_that_must_not_match() {
        check("Rivers", "Rivera", "Ana", false);
        check("Bob Rivera", "Rivera", "Ana", false);
        check("B. Rivera", "Rivera", "Ana", false);
        check("B. C. Rivera", "Rivera", "Ana", false);
        check("Ana Bob Rivera", "Rivera", "Ana", false);
        check("Ana", "Rivera", "Ana", false);
        check("De", "De La Cruz", "Luis", false);
        check("Cruz Luis", "De La Cruz", "Miguel", false);
        check("Rivera, Bob", "Rivera", "Ana", false);
        check("", "Rivera", "Ana", false);
    }

    #[test]
    fn titles_give_a_rank() {
        assert_eq!(ClaimedName::parse("Det. Rivera").title_rank, Some(ClaimedRank::Detective));
        assert_eq!(ClaimedName::parse("Police Officer Chen").title_rank, Some(ClaimedRank::PoliceOfficer));
        assert_eq!(ClaimedName::parse("Lt Okafor").title_rank, Some(ClaimedRank::Lieutenant));
        assert_eq!(ClaimedName::parse("Rivera").title_rank, None);
        // A lone word is a name, even when it is also a title.
        assert!(!ClaimedName::parse("Chief").is_empty());
    }
}
