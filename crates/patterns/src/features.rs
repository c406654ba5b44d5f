//! Reports normalised into typed features: what the comparisons and the blocking keys read.
//!
//! Everything here is derived from report content only. The `reporter` part of a report is
//! never read (a test in `tests.rs` changes it and checks that nothing changes).

use std::collections::{BTreeSet, HashMap};

use unicode_segmentation::UnicodeSegmentation;

use super::geo;
use super::hash_str;
use shieldcheck_nypd::registry::{Registry, Resolution};
use shieldcheck_nypd::text::fold;
use shieldcheck_report::{Ask, PlaceKind, Report, Shown, TimeOfDay, Title, parse_date, parse_timestamp};

/// How precisely a report says where it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Coordinates were given.
    Point,
    /// Only the precinct was given; the point is the precinct's label point.
    Precinct,
}

/// Where a report happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
    pub precision: Precision,
    pub precinct: Option<u32>,
    /// For coordinates given without a precinct, a second precinct whose label point is
    /// within a kilometre of being the nearest: the precinct of a point is worked out from
    /// label points, which is unsure near a boundary (see [`Location::in_precinct`]).
    pub runner_up: Option<u32>,
}

impl Location {
    /// Whether this place can be in precinct `p`.
    pub fn in_precinct(&self, p: Option<u32>) -> bool {
        p.is_some() && (self.precinct == p || self.runner_up == p)
    }

    /// Whether two places can be in one precinct, one of them given only as a precinct.
    pub fn same_precinct(&self, other: &Location) -> bool {
        match (self.precision, other.precision) {
            (Precision::Precinct, _) => other.in_precinct(self.precinct),
            (_, Precision::Precinct) => self.in_precinct(other.precinct),
            _ => self.precinct.is_some() && self.precinct == other.precinct,
        }
    }
}

/// When a report happened, as an interval of New York local seconds since 1970 (local time,
/// because habits such as "early mornings" are local).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: i64,
    pub end: i64,
}

impl Span {
    /// Seconds between two spans; zero when they overlap.
    pub fn gap(self, other: Span) -> i64 {
        (self.start.max(other.start) - self.end.min(other.end)).max(0)
    }

    pub fn day(self) -> i64 {
        self.start.div_euclid(86_400)
    }
}

/// A short text said in a report (a vehicle's kind, colour, make or model; a language) as a
/// number, so that the comparison of a million reports' candidate pairs compares numbers,
/// not strings. A text of up to seven bytes is its bytes and its length: equal keys are
/// equal texts. A longer text is a hash, marked as such: equal keys still need the texts
/// compared ([`TextKey::same`]), so the comparisons are exactly those of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextKey(u64);

impl TextKey {
    /// No text said.
    pub const NONE: TextKey = TextKey(0);
    /// The top byte of a hashed (long) text; a packed one has its length plus one there.
    const HASHED: u64 = 0xFF;

    pub fn of(text: Option<&str>) -> TextKey {
        let Some(text) = text else { return TextKey::NONE };
        let bytes = text.as_bytes();
        if bytes.len() <= 7 {
            let mut packed = [0u8; 8];
            packed[..bytes.len()].copy_from_slice(bytes);
            packed[7] = bytes.len() as u8 + 1;
            TextKey(u64::from_le_bytes(packed))
        } else {
            TextKey((hash_str(text) >> 8) | (Self::HASHED << 56))
        }
    }

    pub fn is_some(self) -> bool {
        self != TextKey::NONE
    }

    /// The key's number (what [`super::scoring::Corpus::warm`] reads).
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Whether two texts with these keys are equal (`x` and `y` are the texts, read only when
    /// two hashed keys agree). Two missing texts are equal, as two `None`s are.
    pub fn same(self, other: TextKey, x: &Option<String>, y: &Option<String>) -> bool {
        self == other && (self.0 >> 56 != Self::HASHED || x == y)
    }
}

/// One vehicle, folded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VehicleFeature {
    pub kind: Option<String>,
    pub color: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    /// `kind`, `color`, `make` and `model` as keys, for comparing vehicles.
    pub kind_key: TextKey,
    pub color_key: TextKey,
    pub make_key: TextKey,
    pub model_key: TextKey,
    /// The known plate characters in order, upper case, with `*` where characters were not
    /// seen.
    pub plate: Option<String>,
    /// Hash of kind and colour, when both were said (a term-frequency value).
    pub kind_color: Option<u64>,
    /// Hash of colour (or none), make and model, when make and model were said.
    pub make_model: Option<u64>,
}

/// The typed features of one report.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Command keys: a resolved command code, a group of codes as one key ("NBBX|NBBKN|…"),
    /// `not:` plus a folded phrase for a unit the NYPD does not have, `raw:` plus a folded
    /// phrase the registry does not know.
    pub commands: Vec<String>,
    /// The units as said, for summaries.
    pub units_said: Vec<String>,
    pub titles: Vec<Title>,
    /// Folded surnames of the names given.
    pub surnames: Vec<String>,
    pub shields: Vec<String>,
    pub attire: Vec<String>,
    pub showed: Vec<Shown>,
    pub asks: Vec<Ask>,
    pub vehicles: Vec<VehicleFeature>,
    pub actors: Option<u32>,
    pub location: Option<Location>,
    pub place_kind: Option<PlaceKind>,
    pub span: Option<Span>,
    pub day_part: Option<TimeOfDay>,
    pub language: Option<String>,
    /// `language` as a key, for comparing languages.
    pub language_key: TextKey,
    /// Hashes of the narrative's tokens (and the other free text), sorted, without repeats.
    pub tokens: Vec<u64>,
    /// Hashes of `commands`, of every single command code the claims cover (for partial
    /// agreement: a group and one of its members), of `surnames`, `shields` and `attire`,
    /// each sorted: comparisons of a million reports' candidates compare numbers, not strings.
    /// (The codes themselves are not kept: a set of strings costs a few hundred bytes a
    /// report, a tree node and the strings, that nothing would read.)
    pub command_keys: Vec<u64>,
    pub code_keys: Vec<u64>,
    pub surname_keys: Vec<u64>,
    pub shield_keys: Vec<u64>,
    pub attire_keys: Vec<u64>,
}

fn hashed<'a>(values: impl Iterator<Item = &'a String>) -> Vec<u64> {
    let mut out: Vec<u64> = values.map(|v| hash_str(v)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Features {
    /// The features of one report.
    pub fn of(report: &Report, registry: &Registry) -> Features {
        let mut f = Features::default();
        let mut command_codes = BTreeSet::new();
        if let Some(claims) = &report.claims {
            let mut commands = BTreeSet::new();
            for unit in claims.units.iter().flatten() {
                let said = unit.trim();
                if said.is_empty() {
                    continue;
                }
                f.units_said.push(said.to_owned());
                match registry.resolve(said) {
                    Resolution::Commands(codes) => {
                        command_codes.extend(codes.iter().cloned());
                        commands.insert(codes.into_iter().collect::<Vec<_>>().join("|"));
                    }
                    Resolution::NotNypd { .. } => {
                        commands.insert(format!("not:{}", words(said).join(" ")));
                    }
                    Resolution::Unknown => {
                        commands.insert(format!("raw:{}", words(said).join(" ")));
                    }
                }
            }
            for precinct in claims.precincts.iter().flatten() {
                if let Some(command) = registry.command(&precinct.to_string()) {
                    command_codes.insert(command.code.clone());
                    commands.insert(command.code.clone());
                }
            }
            f.commands = commands.into_iter().collect();
            f.units_said.shrink_to_fit();
            f.titles = sorted(claims.titles.iter().flatten().copied());
            f.surnames = sorted(claims.names.iter().flatten().filter_map(|n| surname(n)));
            f.shields = sorted(
                claims
                    .shield_numbers
                    .iter()
                    .flatten()
                    .map(|s| fold(s).chars().filter(char::is_ascii_alphanumeric).collect::<String>())
                    .filter(|s| !s.is_empty()),
            );
            f.attire = sorted(claims.attire.iter().flatten().flat_map(|a| words(a)));
            f.showed = sorted(claims.showed.iter().flatten().copied().filter(|s| *s != Shown::Nothing));
        }
        f.asks = sorted(report.asks.iter().flatten().copied().filter(|a| *a != Ask::Other));
        f.vehicles = report.vehicles.iter().flatten().map(vehicle).collect();
        f.actors = report.actors.as_ref().and_then(|a| a.count);
        if let Some(incident) = &report.incident {
            let exact = incident.started_at.as_deref().and_then(parse_timestamp);
            let date = incident.date.as_deref().and_then(parse_date);
            f.day_part = exact.map(|t| TimeOfDay::of_hour(t.local_hour())).or(incident.time_of_day);
            // A date without an exact time, and a clock time in the witness's own words
            // ("they came around 9:40"): the time the narrative names, read on the part of
            // the day when one was given, is as good as an exact time.
            let told = match (exact, date) {
                (None, Some(day)) => report
                    .narrative
                    .as_deref()
                    .and_then(|text| told_time(text, incident.time_of_day))
                    .map(|minute| (day, minute)),
                _ => None,
            };
            if let Some((_, minute)) = told {
                f.day_part = f.day_part.or(Some(TimeOfDay::of_hour(minute / 60)));
            }
            f.span = match (exact, date, incident.time_of_day) {
                (None, Some(_), _) if told.is_some() => told.map(|(day, minute)| {
                    let local = day * 86_400 + i64::from(minute) * 60;
                    Span { start: local - 1_800, end: local + 1_800 }
                }),
                // An exact time as people remember it: within half an hour.
                (Some(t), _, _) => {
                    let local = t.unix + i64::from(t.offset_secs);
                    Some(Span { start: local - 1_800, end: local + 1_800 })
                }
                (None, Some(day), Some(part)) => {
                    // "The 5th, at night" is said of the small hours of the 5th as well as of
                    // its evening running into the 6th: both readings are kept.
                    let (from, to) = match part {
                        TimeOfDay::Night => (0, part.hours().1),
                        _ => part.hours(),
                    };
                    Some(Span {
                        start: day * 86_400 + i64::from(from) * 3_600,
                        end: day * 86_400 + i64::from(to) * 3_600,
                    })
                }
                (None, Some(day), None) => Some(Span { start: day * 86_400, end: (day + 1) * 86_400 }),
                (None, None, _) => None,
            };
            if let Some(place) = &incident.place {
                f.place_kind = place.kind;
                f.location = match (place.lat, place.lon, place.precinct) {
                    (Some(lat), Some(lon), Some(precinct)) => Some(Location {
                        lat,
                        lon,
                        precision: Precision::Point,
                        precinct: Some(precinct),
                        runner_up: None,
                    }),
                    (Some(lat), Some(lon), None) => {
                        let (nearest, runner_up) = geo::nearest_precincts(lat, lon, 1.0);
                        Some(Location { lat, lon, precision: Precision::Point, precinct: nearest, runner_up })
                    }
                    (_, _, Some(precinct)) => geo::centroid(precinct).map(|(lon, lat)| Location {
                        lat,
                        lon,
                        precision: Precision::Precinct,
                        precinct: Some(precinct),
                        runner_up: None,
                    }),
                    _ => None,
                };
            }
        }
        f.language = report.language.as_deref().map(|l| l.split('-').next().unwrap_or(l).to_ascii_lowercase());
        f.language_key = TextKey::of(f.language.as_deref());
        let mut tokens = BTreeSet::new();
        let texts = [
            report.narrative.as_deref(),
            report.claims.as_ref().and_then(|c| c.verification_offered.as_deref()),
            report.actors.as_ref().and_then(|a| a.description.as_deref()),
            report.incident.as_ref().and_then(|i| i.place.as_ref()).and_then(|p| p.description.as_deref()),
        ];
        for text in texts.into_iter().flatten() {
            for token in narrative_tokens(text) {
                tokens.insert(hash_str(&token));
            }
        }
        f.tokens = tokens.into_iter().collect();
        f.command_keys = hashed(f.commands.iter());
        f.code_keys = hashed(command_codes.iter());
        f.surname_keys = hashed(f.surnames.iter());
        f.shield_keys = hashed(f.shields.iter());
        f.attire_keys = hashed(f.attire.iter());
        f
    }
}

/// The first clock time a narrative names, as minutes after midnight: "9:40", "21:05",
/// "9:40 pm", "9.40 a.m.", "21h05" (digits of any script, after folding). A time on a
/// 12-hour clock without "am" or "pm" is read on the part of the day when one was given
/// (within an hour of it), and is too uncertain to use when none was; a time that fits no
/// reading of the part of the day is not the incident's and is ignored.
pub fn told_time(text: &str, part: Option<TimeOfDay>) -> Option<u32> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let value =
        |from: usize, len: usize| chars[from..from + len].iter().fold(0u32, |v, c| v * 10 + (*c as u32 - '0' as u32));
    let mut at = 0;
    while at < chars.len() {
        let len = digits(at);
        if len == 0 {
            at += 1;
            continue;
        }
        // Scripts without spaces write digits against the words around them ("大约9:40有").
        let preceded =
            at > 0 && (chars[at - 1].is_ascii_alphanumeric() || matches!(chars[at - 1], ':' | '.' | '/' | '-'));
        let separator = chars.get(at + len).copied();
        let minutes_at = at + len + 1;
        if len <= 2
            && !preceded
            && matches!(separator, Some(':' | '.' | 'h'))
            && digits(minutes_at.min(chars.len())) == 2
        {
            let (hour, minute) = (value(at, len), value(minutes_at, 2));
            let after = minutes_at + 2;
            let rest: String = chars[after..].iter().take(6).filter(|c| !c.is_whitespace() && **c != '.').collect();
            let meridiem = if rest.starts_with("am") {
                Some(0)
            } else if rest.starts_with("pm") {
                Some(12)
            } else {
                None
            };
            let followed = chars.get(after).is_some_and(char::is_ascii_alphanumeric) && meridiem.is_none();
            // "3.50" is as often a price as a time: a dot needs "am" or "pm".
            let dotted = separator == Some('.') && meridiem.is_none();
            if hour <= 24 && minute < 60 && !followed && !dotted {
                let readings: Vec<u32> = match meridiem {
                    Some(_) if !(1..=12).contains(&hour) => Vec::new(),
                    Some(offset) => vec![hour % 12 + offset],
                    None if (1..=11).contains(&hour) => vec![hour, hour + 12],
                    None => vec![hour % 24],
                };
                let fits = |h: u32| match part {
                    None => true,
                    Some(part) => {
                        let (from, to) = part.hours();
                        let m = h * 60 + minute;
                        // Within an hour of the part, on either side of midnight.
                        [m, m + 1_440].iter().any(|&m| m + 60 >= from * 60 && m < to * 60 + 60)
                    }
                };
                let fitting: Vec<u32> = readings.into_iter().filter(|&h| fits(h)).collect();
                return match (fitting.as_slice(), part) {
                    ([h], _) => Some(h * 60 + minute),
                    ([h, _], Some(_)) => Some(h * 60 + minute),
                    _ => None,
                };
            }
        }
        at += len;
    }
    None
}

fn sorted<T: Ord>(items: impl Iterator<Item = T>) -> Vec<T> {
    let set: BTreeSet<T> = items.collect();
    set.into_iter().collect()
}

/// Folded words of a short text (letters and digits), split at anything else.
pub fn words(text: &str) -> Vec<String> {
    fold(text).unicode_words().map(str::to_owned).collect()
}

/// Words that stand before a name and are not part of it.
const NAME_TITLES: &[&str] = &[
    "det",
    "detective",
    "officer",
    "po",
    "p",
    "o",
    "sgt",
    "sergeant",
    "lt",
    "lieutenant",
    "agent",
    "inspector",
    "capt",
    "captain",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "investigator",
    "police",
    "special",
    "sa",
];

/// The surname in a name as heard: "Det. Rivera" → "rivera", "Rivera, Ana" → "rivera",
/// "Ana Rivera" → "rivera".
pub fn surname(name: &str) -> Option<String> {
    if let Some((last, _)) = name.split_once(',') {
        return words(last).into_iter().rfind(|w| !NAME_TITLES.contains(&w.as_str()));
    }
    words(name).into_iter().rfind(|w| !NAME_TITLES.contains(&w.as_str()) && w.chars().count() > 1)
}

fn vehicle(v: &shieldcheck_report::Vehicle) -> VehicleFeature {
    let text = |s: &Option<String>| s.as_deref().map(|s| words(s).join(" ")).filter(|s| !s.is_empty());
    let mut out = VehicleFeature {
        kind: v.kind.map(|k| format!("{k:?}").to_ascii_lowercase()),
        color: text(&v.color).map(|c| canonical_color(&c)),
        make: text(&v.make),
        model: text(&v.model),
        plate: v.plate.as_deref().and_then(plate_pattern),
        kind_color: None,
        make_model: None,
        ..VehicleFeature::default()
    };
    out.kind_key = TextKey::of(out.kind.as_deref());
    out.color_key = TextKey::of(out.color.as_deref());
    out.make_key = TextKey::of(out.make.as_deref());
    out.model_key = TextKey::of(out.model.as_deref());
    out.kind_color = match (&out.kind, &out.color) {
        (Some(k), Some(c)) => Some(hash_str(&format!("{k}|{c}"))),
        _ => None,
    };
    out.make_model = match (&out.color, &out.make, &out.model) {
        (Some(c), Some(make), Some(model)) => Some(hash_str(&format!("{c}|{make}|{model}"))),
        (None, Some(make), Some(model)) => Some(hash_str(&format!("|{make}|{model}"))),
        _ => None,
    };
    out
}

/// Colour words of the 12 languages mapped to one English word, so that "negro", "noir" and
/// "black" agree. Unlisted colours are kept as said.
fn canonical_color(color: &str) -> String {
    const COLORS: &[(&str, &[&str])] = &[
        (
            "black",
            &[
                "black",
                "negro",
                "negra",
                "noir",
                "noire",
                "nwa",
                "czarny",
                "czarna",
                "черный",
                "черная",
                "黑色",
                "黑",
                "검은색",
                "검정",
                "أسود",
                "سوداء",
                "کالی",
                "کالا",
                "কালো",
            ],
        ),
        (
            "white",
            &[
                "white",
                "blanco",
                "blanca",
                "blanc",
                "blanche",
                "blan",
                "bialy",
                "biala",
                "biały",
                "biała",
                "белый",
                "белая",
                "白色",
                "白",
                "흰색",
                "하얀색",
                "أبيض",
                "بيضاء",
                "سفید",
                "সাদা",
            ],
        ),
        (
            "gray",
            &[
                "gray",
                "grey",
                "silver",
                "gris",
                "plateado",
                "argent",
                "szary",
                "srebrny",
                "серый",
                "серебристый",
                "灰色",
                "银色",
                "銀色",
                "회색",
                "은색",
                "رمادي",
                "فضي",
                "سرمئی",
                "ধূসর",
            ],
        ),
        (
            "blue",
            &["blue", "azul", "bleu", "ble", "niebieski", "синий", "蓝色", "藍色", "파란색", "أزرق", "نیلا", "নীল"],
        ),
        (
            "red",
            &[
                "red",
                "rojo",
                "roja",
                "rouge",
                "wouj",
                "czerwony",
                "красный",
                "红色",
                "紅色",
                "빨간색",
                "أحمر",
                "لال",
                "লাল",
            ],
        ),
    ];
    static FOLDED: std::sync::OnceLock<HashMap<String, &'static str>> = std::sync::OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        COLORS.iter().flat_map(|(canonical, names)| names.iter().map(move |n| (fold(n), *canonical))).collect()
    });
    folded.get(color).map_or_else(|| color.to_owned(), |c| (*c).to_owned())
}

/// A plate as seen, reduced to upper-case letters and digits with `*` for runs not seen.
/// "HXR 45" → "HXR45"; "HXR-4?" → "HXR4*"; "...45" → "*45". None when fewer than two
/// characters were seen.
pub fn plate_pattern(plate: &str) -> Option<String> {
    let mut out = String::new();
    for c in fold(plate).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if matches!(c, '*' | '?' | '_' | '.' | '…') && !out.ends_with('*') {
            out.push('*');
        }
    }
    (out.chars().filter(|c| *c != '*').count() >= 2).then_some(out)
}

/// Whether a character belongs to a script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF
        | 0x1100..=0x11FF | 0xAC00..=0xD7AF)
}

/// The tokens of a free text in any script: UAX #29 words of the folded text; runs of Han,
/// Kana or Hangul become overlapping character bigrams (a single character stands alone),
/// because those scripts do not separate words with spaces and a dictionary segmenter is
/// far heavier than bigrams for the same recall.
pub fn narrative_tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    // A run of unspaced characters spans several UAX #29 "words" (each ideograph is one).
    let mut run: Vec<char> = Vec::new();
    let mut run_end = 0usize;
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => out.push(run.iter().collect()),
            _ => out.extend(run.windows(2).map(|w| w.iter().collect::<String>())),
        }
        run.clear();
    };
    for (at, word) in folded.unicode_word_indices() {
        if at != run_end {
            flush(&mut run, &mut out);
        }
        let mut other = String::new();
        for c in word.chars() {
            if unspaced(c) {
                if !other.is_empty() {
                    out.push(std::mem::take(&mut other));
                }
                run.push(c);
            } else {
                flush(&mut run, &mut out);
                other.push(c);
            }
        }
        if !other.is_empty() {
            out.push(other);
        }
        run_end = at + word.len();
    }
    flush(&mut run, &mut out);
    out
}

/// How many reports carry each value of a field: term frequencies for the scoring's
/// adjustment and the evidence's `share_of_reports`.
#[derive(Debug, Default, Clone)]
pub struct TermFrequencies {
    pub reports: usize,
    counts: HashMap<(u8, u64), u32>,
}

impl TermFrequencies {
    pub fn add(&mut self, field: u8, value: u64) {
        *self.counts.entry((field, value)).or_default() += 1;
    }

    pub fn count(&self, field: u8, value: u64) -> u32 {
        self.counts.get(&(field, value)).copied().unwrap_or(0)
    }

    /// The share of reports with this value.
    pub fn share(&self, field: u8, value: u64) -> f64 {
        if self.reports == 0 { 0.0 } else { f64::from(self.count(field, value)) / self.reports as f64 }
    }
}
