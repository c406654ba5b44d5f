//! Text folding shared by the command normaliser and name matching.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison: compatibility decomposition, combining marks removed (accents,
/// Arabic vowel marks), lower case, digits of other scripts turned into ASCII digits, and the
/// result recomposed (so Hangul syllables stay whole).
pub fn fold(input: &str) -> String {
    // ASCII text has nothing to decompose, strip or recompose, and no other digits: folding
    // it is lowering its case. Most reports are mostly ASCII, and this is most of the time
    // spent making a million reports' features.
    if input.is_ascii() {
        return input.to_ascii_lowercase();
    }
    let stripped: String = input.nfkd().filter(|c| !is_combining_mark(*c)).map(ascii_digit).collect();
    stripped.nfc().flat_map(char::to_lowercase).collect()
}

/// Maps a decimal digit of the Arabic-Indic, Extended Arabic-Indic (Urdu, Persian), Bengali
/// or Devanagari scripts to its ASCII digit; other characters pass through.
fn ascii_digit(c: char) -> char {
    let zero = match c {
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        '\u{09E6}'..='\u{09EF}' => 0x09E6,
        '\u{0966}'..='\u{096F}' => 0x0966,
        _ => return c,
    };
    char::from_u32('0' as u32 + (c as u32 - zero)).unwrap_or(c)
}

/// Characters that make text lie about itself: C0/C1 controls and the bidirectional
/// embedding, override and isolate controls. Marks that written languages need (the
/// left-to-right and right-to-left marks, zero-width joiners) are allowed.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True when every character of `s` is an ASCII digit and there is at least one.
pub fn is_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_ascii_as_the_full_fold_does() {
        let full = |input: &str| -> String {
            let stripped: String = input.nfkd().filter(|c| !is_combining_mark(*c)).map(ascii_digit).collect();
            stripped.nfc().flat_map(char::to_lowercase).collect()
        };
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [every_ascii.as_str(), "Det. RIVERA, 5th Pct", "", "HXR-4?"] {
            assert_eq!(fold(text), full(text));
        }
    }

    #[test]
    fn folds_accents_case_and_digits() {
        assert_eq!(fold("Narcóticos"), "narcoticos");
        assert_eq!(fold("GARCÍA-LÓPEZ"), "garcia-lopez");
        assert_eq!(fold("٣٤"), "34");
        assert_eq!(fold("۳۴"), "34");
        assert_eq!(fold("৩৪"), "34");
        assert_eq!(fold("경찰서"), "경찰서");
        assert_eq!(fold("ＰＣＴ３４"), "pct34");
    }

    #[test]
    fn forbids_controls_and_bidi_overrides() {
        assert!(is_forbidden_char('\u{202E}'));
        assert!(is_forbidden_char('\u{2066}'));
        assert!(is_forbidden_char('\n'));
        assert!(is_forbidden_char('\u{0}'));
        assert!(!is_forbidden_char('\u{200F}'));
        assert!(!is_forbidden_char('\u{200D}'));
        assert!(!is_forbidden_char('é'));
    }
}
