//! The NYPD command registry and the normaliser that turns what people say ("the three-four",
//! "34 pct", "precinto 34", "Midtown North", "narcotics squad") into commands.
//!
//! The registry is built from the CSV files in the repository's `data/` folder (see
//! `data/SOURCES.md`), embedded at compile time so that the binary needs no data files.
//! A unit the NYPD does not have ("immigration squad") resolves to [`Resolution::NotNypd`]:
//! that answer is itself a finding.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::text::{fold, is_ascii_digits};

const PRECINCTS_CSV: &str = include_str!("../../../data/nypd-precincts.csv");
const COMMANDS_CSV: &str = include_str!("../../../data/nypd-commands.csv");
const NOT_NYPD_CSV: &str = include_str!("../../../data/not-nypd-units.csv");

/// What kind of command a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    Precinct,
    TransitDistrict,
    HousingPsa,
    NarcoticsBorough,
    DetectiveBorough,
    EmergencyService,
    StrategicResponse,
    CitywideUnit,
}

/// One NYPD command: a patrol precinct or another command a person may name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Command {
    /// The code used in the roster: a precinct number ("34") or a code such as "TD4".
    pub code: String,
    pub name: String,
    pub kind: CommandKind,
    pub borough: Option<String>,
    pub patrol_borough: Option<String>,
    pub address: Option<String>,
    /// The desk phone published by the NYPD, when known. Only this number is ever offered
    /// to a resident; never a number the person at the door gave.
    pub desk_phone: Option<String>,
}

/// What a phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// One command, or several when the phrase names a group ("narcotics squad", "Brooklyn
    /// narcotics"); codes are sorted.
    Commands(BTreeSet<String>),
    /// A unit the NYPD does not have, with the reason.
    NotNypd { why: String },
    /// Nothing the registry knows.
    Unknown,
}

impl Resolution {
    /// The single command this resolution names, if it names exactly one.
    pub fn single(&self) -> Option<&str> {
        match self {
            Resolution::Commands(codes) if codes.len() == 1 => codes.iter().next().map(String::as_str),
            _ => None,
        }
    }
}

/// The data files could not be read. Only possible with data other than the embedded files.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{file} line {line}: {reason}")]
    Csv { file: &'static str, line: u64, reason: &'static str },
    #[error("{file} line {line}: {reason}")]
    Invalid { file: &'static str, line: u64, reason: String },
}

/// The NYPD's commands and the ways people name them.
pub struct Registry {
    commands: Vec<Command>,
    by_code: HashMap<String, usize>,
    aliases: HashMap<String, BTreeSet<String>>,
    not_nypd_phrases: Vec<Vec<String>>,
    not_nypd_why: String,
    words: Words,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("commands", &self.commands.len())
            .field("aliases", &self.aliases.len())
            .finish()
    }
}

impl Registry {
    /// The registry built from the embedded `data/` files.
    pub fn nypd() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            Registry::from_csv(PRECINCTS_CSV, COMMANDS_CSV, NOT_NYPD_CSV)
                .expect("the embedded registry data is valid (checked by the registry tests)")
        })
    }

    /// Builds a registry from the three CSV files of `data/`.
    pub fn from_csv(precincts: &str, commands: &str, not_nypd: &str) -> Result<Self, RegistryError> {
        let mut registry = Registry {
            commands: Vec::new(),
            by_code: HashMap::new(),
            aliases: HashMap::new(),
            not_nypd_phrases: Vec::new(),
            not_nypd_why: String::new(),
            words: Words::new(),
        };
        for (line, row) in csv_rows("nypd-precincts.csv", precincts)? {
            let number = field(&row, 0);
            if !is_ascii_digits(number) {
                return Err(invalid("nypd-precincts.csv", line, "precinct number is not a number"));
            }
            let name = field(&row, 1).to_owned();
            registry.push(Command {
                code: number.trim_start_matches('0').to_owned(),
                name: name.clone(),
                kind: CommandKind::Precinct,
                borough: non_empty(field(&row, 2)),
                patrol_borough: non_empty(field(&row, 4)),
                address: non_empty(field(&row, 5)),
                desk_phone: non_empty(field(&row, 6)),
            });
            registry.alias(&name, number);
        }
        for (line, row) in csv_rows("nypd-commands.csv", commands)? {
            let kind = match field(&row, 0) {
                "transit_district" => CommandKind::TransitDistrict,
                "housing_psa" => CommandKind::HousingPsa,
                "narcotics_borough" => CommandKind::NarcoticsBorough,
                "detective_borough" => CommandKind::DetectiveBorough,
                "emergency_service" => CommandKind::EmergencyService,
                "strategic_response" => CommandKind::StrategicResponse,
                "citywide_unit" => CommandKind::CitywideUnit,
                other => {
                    return Err(invalid("nypd-commands.csv", line, &format!("unknown kind {other:?}")));
                }
            };
            let code = field(&row, 1).to_ascii_uppercase();
            let name = field(&row, 2).to_owned();
            let borough = non_empty(field(&row, 3));
            registry.alias(&code, &code);
            registry.alias(&name, &code);
            for alias in field(&row, 4).split(';').filter(|a| !a.trim().is_empty()) {
                registry.alias(alias, &code);
            }
            for group in group_aliases(kind, borough.as_deref()) {
                registry.alias(&group, &code);
            }
            registry.push(Command { code, name, kind, borough, patrol_borough: None, address: None, desk_phone: None });
        }
        for (_, row) in csv_rows("not-nypd-units.csv", not_nypd)? {
            let phrase = registry.words.tokens(field(&row, 0));
            if registry.not_nypd_why.is_empty() {
                registry.not_nypd_why = field(&row, 1).to_owned();
            }
            registry.not_nypd_phrases.push(phrase);
        }
        if registry.not_nypd_why.is_empty() {
            registry.not_nypd_why = "the NYPD has no such unit".to_owned();
        }
        Ok(registry)
    }

    fn push(&mut self, command: Command) {
        self.by_code.insert(command.code.clone(), self.commands.len());
        self.commands.push(command);
    }

    fn alias(&mut self, phrase: &str, code: &str) {
        let code =
            if is_ascii_digits(code) { code.trim_start_matches('0').to_owned() } else { code.to_ascii_uppercase() };
        let key = self.words.tokens(phrase).join(" ");
        if !key.is_empty() && !is_ascii_digits(&key) {
            self.aliases.entry(key).or_default().insert(code);
        }
    }

    /// All commands, precincts first in the order of the data file.
    pub fn commands(&self) -> &[Command] {
        &self.commands
    }

    /// The patrol precincts.
    pub fn precincts(&self) -> impl Iterator<Item = &Command> {
        self.commands.iter().filter(|c| c.kind == CommandKind::Precinct)
    }

    /// The command with this code; case and leading zeros of precinct numbers do not matter.
    pub fn command(&self, code: &str) -> Option<&Command> {
        let code = code.trim();
        let key =
            if is_ascii_digits(code) { code.trim_start_matches('0').to_owned() } else { code.to_ascii_uppercase() };
        self.by_code.get(&key).map(|&i| &self.commands[i])
    }

    /// Resolves what a person said into commands.
    pub fn resolve(&self, phrase: &str) -> Resolution {
        let folded = fold(phrase);
        if self.words.mentions_immigration(&folded) {
            return Resolution::NotNypd { why: self.not_nypd_why.clone() };
        }
        let tokens = self.words.tokens(phrase);
        if self.not_nypd_phrases.iter().any(|p| !p.is_empty() && tokens.windows(p.len()).any(|w| w == p.as_slice())) {
            return Resolution::NotNypd { why: self.not_nypd_why.clone() };
        }
        let precinct = |number: &str| match self.command(number) {
            Some(c) if c.kind == CommandKind::Precinct => Resolution::Commands(BTreeSet::from([c.code.clone()])),
            _ => Resolution::Unknown,
        };
        let by_alias = |tokens: &[String]| match self.aliases.get(&tokens.join(" ")) {
            Some(codes) => Resolution::Commands(codes.clone()),
            None => Resolution::Unknown,
        };
        match tokens.as_slice() {
            [] => Resolution::Unknown,
            [number] if is_ascii_digits(number) => precinct(number),
            [number, squad] | [squad, number] if is_ascii_digits(number) && squad == "detective" => precinct(number),
            _ => match by_alias(&tokens) {
                // Every precinct has a detective squad: "Midtown South detective squad" is
                // the precinct's own command.
                Resolution::Unknown => {
                    let without_squad = match tokens.as_slice() {
                        [rest @ .., last] if last == "detective" => rest,
                        [first, rest @ ..] if first == "detective" => rest,
                        _ => return Resolution::Unknown,
                    };
                    match by_alias(without_squad).single().and_then(|code| self.command(code)) {
                        Some(c) if c.kind == CommandKind::Precinct => precinct(&c.code),
                        _ => Resolution::Unknown,
                    }
                }
                found => found,
            },
        }
    }
}

/// Names that cover every command of a kind ("transit", "housing"), or every command of a
/// kind in one borough ("Brooklyn narcotics" covers Brooklyn North and Brooklyn South).
fn group_aliases(kind: CommandKind, borough: Option<&str>) -> Vec<String> {
    let whole: &[&str] = match kind {
        CommandKind::TransitDistrict => &["transit", "transit district", "transit bureau"],
        CommandKind::HousingPsa => &["housing", "housing bureau", "housing psa"],
        CommandKind::NarcoticsBorough => &["narcotics", "narcotics borough"],
        CommandKind::EmergencyService => &["ess", "emergency service", "emergency services"],
        CommandKind::StrategicResponse => &["srg", "strategic response", "strategic response group"],
        _ => &[],
    };
    let mut names: Vec<String> = whole.iter().map(|s| (*s).to_owned()).collect();
    if let Some(borough) = borough {
        match kind {
            CommandKind::NarcoticsBorough => {
                names.push(format!("{borough} narcotics"));
                names.push(format!("narcotics {borough}"));
                names.push(format!("narcotics borough {borough}"));
            }
            CommandKind::DetectiveBorough => {
                names.push(format!("{borough} detectives"));
                names.push(format!("detective borough {borough}"));
            }
            _ => {}
        }
    }
    names
}

/// The rows after the header of an RFC 4180 file, each with the line it starts on (the
/// header is line 1). A quoted field may hold commas, line breaks and doubled quotes; blank
/// lines are skipped; a row with another number of fields than the header, an unterminated
/// quote or text after a closing quote is an error. The registry's three small files need no
/// more, and the browser's verifier, which reads them too, links no CSV library.
fn csv_rows(file: &'static str, text: &str) -> Result<Vec<(u64, Vec<String>)>, RegistryError> {
    let error = |line, reason| RegistryError::Csv { file, line, reason };
    let mut chars = text.chars().peekable();
    let mut line: u64 = 1;
    let mut width = None;
    let mut rows = Vec::new();
    loop {
        while let Some('\r' | '\n') = chars.peek() {
            if chars.next() == Some('\n') {
                line += 1;
            }
        }
        if chars.peek().is_none() {
            break;
        }
        let start = line;
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        loop {
            match chars.next() {
                Some('"') if field.is_empty() && !quoted => {
                    quoted = true;
                    loop {
                        match chars.next() {
                            Some('"') if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            Some('"') => break,
                            Some(c) => {
                                if c == '\n' {
                                    line += 1;
                                }
                                field.push(c);
                            }
                            None => return Err(error(start, "a quoted field is not closed")),
                        }
                    }
                    if !matches!(chars.peek(), None | Some(',' | '\r' | '\n')) {
                        return Err(error(line, "text after a closing quote"));
                    }
                }
                Some(',') => {
                    row.push(std::mem::take(&mut field));
                    quoted = false;
                }
                Some('\r') if chars.peek() == Some(&'\n') => {}
                None | Some('\n' | '\r') => {
                    line += 1;
                    row.push(std::mem::take(&mut field));
                    break;
                }
                Some(c) => field.push(c),
            }
        }
        match width {
            None => width = Some(row.len()),
            Some(n) if n != row.len() => {
                return Err(error(start, "a row has another number of fields than the header"));
            }
            Some(_) => rows.push((start, row)),
        }
    }
    Ok(rows)
}

fn field(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", |f| f.trim())
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn invalid(file: &'static str, line: u64, reason: &str) -> RegistryError {
    RegistryError::Invalid { file, line, reason: reason.to_owned() }
}

/// The word lists of the normaliser, folded once.
struct Words {
    /// Precinct words in scripts written without spaces, replaced wherever they occur.
    precinct_substrings: Vec<String>,
    /// Words for "police" in scripts written without spaces.
    police_substrings: Vec<String>,
    /// Immigration words in scripts written without spaces (or inflected beyond a prefix).
    immigration_substrings: Vec<String>,
    /// Precinct and filler words that stand as words of their own.
    precinct_words: Vec<String>,
    filler_words: Vec<String>,
}

/// Precinct words of the 12 languages that stand as words of their own.
const PRECINCT_WORDS: &[&str] = &[
    "precinct",
    "precincts",
    "pct",
    "pcts",
    "station",
    "stationhouse",
    "precinto",
    "recinto",
    "estacion",
    "commissariat",
    "komisariat",
    "komisariatu",
    "komisarya",
    "участок",
    "участка",
    "участке",
    "отделение",
    "отдел",
    "отдела",
    "مخفر",
    "المخفر",
    "تھانہ",
    "تھانے",
    "تھانا",
    "থানা",
];

/// Precinct words in scripts without spaces between words (longest first).
const PRECINCT_SUBSTRINGS: &[&str] = &["警察分局", "警察局", "分局", "警局", "派出所", "경찰서", "관할서"];

const POLICE_SUBSTRINGS: &[&str] = &["警察", "경찰"];

/// Words that carry no meaning for the command a person named.
const FILLER_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "nypd",
    "new",
    "york",
    "nyc",
    "city",
    "from",
    "of",
    "at",
    "in",
    "number",
    "num",
    "no",
    "nr",
    "nro",
    "numero",
    "police",
    "policia",
    "polis",
    "lapolis",
    "policja",
    "policji",
    "полиция",
    "полиции",
    "الشرطة",
    "شرطة",
    "قسم",
    "مركز",
    "پولیس",
    "পুলিশ",
    "department",
    "dept",
    "pd",
    "squad",
    "unit",
    "division",
    "section",
    "team",
    "house",
    "el",
    "la",
    "los",
    "las",
    "de",
    "del",
    "du",
    "le",
    "les",
    "des",
    "l",
    "d",
    "y",
    "w",
    "na",
    "pos",
];

/// Suffixes of ordinal numbers that follow the digits ("34th", "34e", "34º", "34-й"), folded
/// (so the Russian "й" appears as "и").
const ORDINAL_SUFFIXES: &[&str] = &[
    "th", "st", "nd", "rd", "e", "eme", "ieme", "er", "re", "o", "vo", "to", "a", "и", "ии", "ыи", "yem", "em", "ty",
    "go",
];

/// Words with the same meaning in a command name.
const SYNONYMS: &[(&str, &str)] = &[
    ("detectives", "detective"),
    ("det", "detective"),
    ("dets", "detective"),
    ("pdu", "detective"),
    ("detectivs", "detective"),
    ("narco", "narcotics"),
    ("narcotic", "narcotics"),
    ("narcoticos", "narcotics"),
    ("narcotiques", "narcotics"),
    ("stupefiants", "narcotics"),
    ("narkotyki", "narcotics"),
    ("наркотики", "narcotics"),
    ("warrants", "warrant"),
    ("esu", "ess"),
    ("bklyn", "brooklyn"),
    ("bx", "bronx"),
];

const IMMIGRATION_PREFIXES: &[&str] = &["immigr", "inmigr", "imigr", "deport", "migra", "иммигр", "миграц", "депорт"];
const IMMIGRATION_TOKENS: &[&str] = &["ice", "ero", "hsi", "cbp", "uscis", "homeland"];
const IMMIGRATION_SUBSTRINGS: &[&str] = &[
    "移民",
    "入境",
    "遣返",
    "이민",
    "출입국",
    "추방",
    "ইমিগ্রেশন",
    "অভিবাসন",
    "الهجرة",
    "هجرة",
    "ترحيل",
    "امیگریشن",
    "ملک بدری",
];

impl Words {
    fn new() -> Self {
        let folded = |list: &[&str]| list.iter().map(|w| fold(w)).collect::<Vec<_>>();
        Words {
            precinct_substrings: folded(PRECINCT_SUBSTRINGS),
            police_substrings: folded(POLICE_SUBSTRINGS),
            immigration_substrings: folded(IMMIGRATION_SUBSTRINGS),
            precinct_words: folded(PRECINCT_WORDS),
            filler_words: folded(FILLER_WORDS),
        }
    }

    fn mentions_immigration(&self, folded: &str) -> bool {
        if self.immigration_substrings.iter().any(|w| folded.contains(w.as_str())) {
            return true;
        }
        folded.split(|c: char| !c.is_alphanumeric()).any(|token| {
            IMMIGRATION_TOKENS.contains(&token) || IMMIGRATION_PREFIXES.iter().any(|p| token.starts_with(p))
        })
    }

    /// The meaningful tokens of a phrase: folded, split, numbers in digits, ordinal suffixes,
    /// precinct words and filler removed, synonyms replaced.
    fn tokens(&self, phrase: &str) -> Vec<String> {
        let mut text = fold(phrase);
        for word in &self.precinct_substrings {
            text = text.replace(word.as_str(), " pct ");
        }
        for word in &self.police_substrings {
            text = text.replace(word.as_str(), " ");
        }
        // Chinese and Korean ordinal markers around a number: 第34, 34号, 제34.
        text = text.replace(['第', '号', '號', '호'], " ");
        let text = strip_korean_ordinal(&text);

        let mut raw: Vec<String> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            split_digits(word, &mut raw);
        }

        let mut tokens: Vec<String> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let token = raw[i].as_str();
            if let Some((value, used)) = number_words(&raw[i..]) {
                tokens.push(value.to_string());
                i += used;
                continue;
            }
            let after_number = tokens.last().is_some_and(|t| is_ascii_digits(t));
            i += 1;
            if is_ascii_digits(token) {
                tokens.push(token.trim_start_matches('0').to_owned());
                if tokens.last().is_some_and(String::is_empty) {
                    tokens.pop();
                    tokens.push("0".to_owned());
                }
                continue;
            }
            if after_number && ORDINAL_SUFFIXES.contains(&token) {
                continue;
            }
            if self.precinct_words.iter().chain(&self.filler_words).any(|w| w == token) {
                continue;
            }
            let token = SYNONYMS.iter().find(|(from, _)| *from == token).map_or(token, |(_, to)| to);
            tokens.push(token.to_owned());
        }
        tokens
    }
}

/// Removes the Korean ordinal prefix 제 when it stands before a number (제34경찰서).
fn strip_korean_ordinal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '제' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a word where ASCII digits meet other characters: "34th" → "34", "th";
/// "td4" → "td", "4"; "34경찰서" → "34", "경찰서".
fn split_digits(word: &str, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut digits = false;
    for c in word.chars() {
        let d = c.is_ascii_digit();
        if !current.is_empty() && d != digits {
            out.push(std::mem::take(&mut current));
        }
        digits = d;
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
}

fn digit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" | "oh" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        _ => return None,
    })
}

fn teen_word(w: &str) -> Option<u32> {
    Some(match w {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

fn tens_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Reads English number words at the start of `words`, as people say precincts: digit by
/// digit as the NYPD does ("three four" = 34, "one oh three" = 103, "one twenty" = 120), or
/// as ordinary numbers ("thirty fourth" = 34, "one hundred third" = 103). Returns the value
/// and how many words it used.
fn number_words(words: &[String]) -> Option<(u32, usize)> {
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    // "hundred" numbers: "one hundred (and) third".
    if let (Some(h), "hundred") = (digit_word(w(0)), w(1)) {
        let mut used = 2;
        if w(used) == "and" {
            used += 1;
        }
        return match small_number(&words[used.min(words.len())..]) {
            Some((rest, n)) => Some((h * 100 + rest, used + n)),
            None if used == 2 => Some((h * 100, 2)),
            None => None,
        };
    }
    // Digit by digit, the NYPD way: "three four", "one oh three", "one one five".
    let mut digits = Vec::new();
    while let Some(d) = digit_word(w(digits.len())) {
        digits.push(d);
    }
    if digits.len() >= 2 {
        return Some((digits.iter().fold(0, |acc, d| acc * 10 + d), digits.len()));
    }
    if let [first] = digits.as_slice() {
        // "one twenty", "one thirteen", "one twenty one": a hundreds digit and a small number.
        if *first != 0
            && let Some((rest, n)) = small_number(&words[1..]).filter(|(v, _)| *v >= 10)
        {
            return Some((first * 100 + rest, 1 + n));
        }
        return Some((*first, 1));
    }
    small_number(words)
}

/// 1–99 in words, cardinal or ordinal: "thirty four", "thirty-fourth", "fifth", "twelve".
fn small_number(words: &[String]) -> Option<(u32, usize)> {
    let w = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    if let Some(t) = tens_word(w(0)) {
        if let Some(u) = digit_word(w(1)).filter(|u| *u > 0).or_else(|| ordinal_word(w(1)).filter(|u| *u < 10)) {
            return Some((t + u, 2));
        }
        return Some((t, 1));
    }
    teen_word(w(0)).or_else(|| ordinal_word(w(0))).map(|v| (v, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_read_rfc_4180() {
        let text = "a,b,c\r\n1,\"two, with a comma\",3\n\n\"say \"\"hi\"\"\",\"line\nbreak\",\n";
        let rows = csv_rows("t.csv", text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], (2, vec!["1".to_owned(), "two, with a comma".to_owned(), "3".to_owned()]));
        assert_eq!(rows[1], (4, vec!["say \"hi\"".to_owned(), "line\nbreak".to_owned(), String::new()]));
        // No final line break, and a header alone.
        assert_eq!(csv_rows("t.csv", "a,b\nx,y").unwrap(), vec![(2, vec!["x".to_owned(), "y".to_owned()])]);
        assert!(csv_rows("t.csv", "a,b\n").unwrap().is_empty());
    }

    #[test]
    fn csv_rows_refuse_broken_files() {
        let message = |text: &str| csv_rows("t.csv", text).unwrap_err().to_string();
        assert_eq!(message("a,b\n1,2\n3\n"), "t.csv line 3: a row has another number of fields than the header");
        assert_eq!(message("a,b\n1,\"open\n"), "t.csv line 2: a quoted field is not closed");
        assert_eq!(message("a,b\n\"x\"y,2\n"), "t.csv line 2: text after a closing quote");
    }

    fn words(s: &str) -> Vec<String> {
        Words::new().tokens(s)
    }

    #[test]
    fn tokens_read_numbers_in_words() {
        assert_eq!(words("the three-four"), ["34"]);
        assert_eq!(words("one-oh-three"), ["103"]);
        assert_eq!(words("one twenty"), ["120"]);
        assert_eq!(words("one hundred and third precinct"), ["103"]);
        assert_eq!(words("thirty-fourth"), ["34"]);
        assert_eq!(words("Seventy Fifth Pct."), ["75"]);
        assert_eq!(words("four oh"), ["40"]);
    }

    #[test]
    fn tokens_drop_ordinals_and_precinct_words() {
        assert_eq!(words("34th Precinct"), ["34"]);
        assert_eq!(words("第34分局"), ["34"]);
        assert_eq!(words("제34경찰서"), ["34"]);
        assert_eq!(words("34-й участок"), ["34"]);
        assert_eq!(words("TD4"), ["td", "4"]);
    }

    #[test]
    fn embedded_data_has_every_precinct() {
        let registry = Registry::nypd();
        assert_eq!(registry.precincts().count(), 78);
        assert!(registry.command("034").is_some());
        assert_eq!(registry.command("td4").map(|c| c.code.as_str()), Some("TD4"));
        assert!(registry.command("35").is_none());
    }
}
