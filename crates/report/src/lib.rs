//! The report interchange format, version 1 (`docs/contracts/report-v1.md`): one report as the API
//! takes it, as bulk import reads it line by line and as export writes it back.
//!
//! Parsing happens in two passes. Serde reads the structure and refuses what the contract does
//! not know (an unknown field, an enum value outside a closed list, a wrong type), naming the
//! field by its path; then [`Report::validate`] checks what types cannot say (timestamps,
//! lengths, ranges, that something was said at all) and returns every problem at once, each with
//! its path and a stable code. Nothing is ever dropped silently: a report either parses whole or
//! is refused with its reasons.
//!
//! Absent and present-but-empty are kept apart (`Option<Vec<_>>`) so that an export writes back
//! exactly the fields a report came with.

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod attachment;
pub mod time;

pub use time::{Hour, UnixTime, civil_from_days, days_from_civil};

/// The longest narrative, in characters (Unicode scalar values).
pub const MAX_NARRATIVE_CHARS: usize = 20_000;
/// The longest value of any other text field, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// The most entries in any list.
pub const MAX_LIST_ITEMS: usize = 50;
/// The longest `ref`, in characters.
pub const MAX_REF_CHARS: usize = 200;
/// The largest report accepted as JSON, in bytes: a full narrative in a four-byte script plus
/// every other field at its limit fits well inside.
pub const MAX_REPORT_BYTES: usize = 256 * 1024;
/// The most people a report may count.
pub const MAX_ACTORS: u32 = 100;

/// One report, exactly as the contract spells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The sender's own id for this report; unique per source.
    #[serde(rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// RFC 3339; set by the server for web and API reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// BCP 47 tag of the narrative and answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident: Option<Incident>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Claims>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Actors>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicles: Option<Vec<Vehicle>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asks: Option<Vec<Ask>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<Check>,
    /// Free text in any language and script, up to 20,000 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// The most protected part of a report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporter: Option<Reporter>,
}

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Web,
    Phone,
    #[serde(rename = "311")]
    ThreeOneOne,
    Sms,
    Partner,
    Import,
}

impl Source {
    pub const ALL: [Source; 6] =
        [Source::Web, Source::Phone, Source::ThreeOneOne, Source::Sms, Source::Partner, Source::Import];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Phone => "phone",
            Source::ThreeOneOne => "311",
            Source::Sms => "sms",
            Source::Partner => "partner",
            Source::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|source| source.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The exact time, when known (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// The date (YYYY-MM-DD) when the exact time is not known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<TimeOfDay>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// A part of the day, in New York local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    /// 4:00–8:00.
    EarlyMorning,
    /// 8:00–12:00.
    Morning,
    /// 12:00–17:00.
    Afternoon,
    /// 17:00–21:00.
    Evening,
    /// 21:00–4:00.
    Night,
}

impl TimeOfDay {
    /// The local hours this part of the day covers, as [start, end) with `end` past 24 for
    /// the night.
    pub fn hours(self) -> (u32, u32) {
        match self {
            TimeOfDay::EarlyMorning => (4, 8),
            TimeOfDay::Morning => (8, 12),
            TimeOfDay::Afternoon => (12, 17),
            TimeOfDay::Evening => (17, 21),
            TimeOfDay::Night => (21, 28),
        }
    }

    /// The part of the day a local hour (0–23) falls in.
    pub fn of_hour(hour: u32) -> TimeOfDay {
        match hour {
            4..=7 => TimeOfDay::EarlyMorning,
            8..=11 => TimeOfDay::Morning,
            12..=16 => TimeOfDay::Afternoon,
            17..=20 => TimeOfDay::Evening,
            _ => TimeOfDay::Night,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Place {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<PlaceKind>,
    /// The precinct where it happened (not a claim).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precinct: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub borough: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Home,
    Street,
    Workplace,
    Court,
    Shelter,
    Transit,
    School,
    PhoneOrOnline,
    Other,
}

/// What they said they were and showed, as said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Claims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agencies: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titles: Option<Vec<Title>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precincts: Option<Vec<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shield_numbers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attire: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub showed: Option<Vec<Shown>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_offered: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Title {
    Police,
    Detective,
    Officer,
    Sergeant,
    Lieutenant,
    Agent,
    Investigator,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Badge,
    IdCard,
    WarrantPaper,
    PhotoOfPerson,
    Nothing,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Actors {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<VehicleKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// A full or partial plate, as seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plate_state: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VehicleKind {
    Sedan,
    Suv,
    Van,
    Pickup,
    MarkedCar,
    Other,
}

/// What they asked for or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Ask {
    OpenDoor,
    StepOutside,
    AskedForPersonByName,
    ShowedPhoto,
    AskedForPhoneNumber,
    AskedForId,
    AskedImmigrationStatus,
    AskedWhereSomeoneWorks,
    ComeToPrecinct,
    ArrangedMeeting,
    EnteredHome,
    Searched,
    ArrestedOrTookSomeone,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    TheyLeft,
    DetainedSomeone,
    ArrestedSomeone,
    StillOngoing,
    Unknown,
}

/// Whether the person checked the claim with shieldcheck, and what it answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Check {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<CheckResult>,
}

/// An answer shieldcheck gives: a claim check's or a credential scan's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    MatchesActiveMember,
    NoMatch,
    MemberNotActive,
    UnitNotInNypd,
    Insufficient,
    Valid,
    Expired,
    NotYetValid,
    Revoked,
    Suspended,
    BadSignature,
    UnknownIssuerKey,
    StalePresentation,
    WrongDevice,
    Malformed,
    StatusUnavailable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Reporter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<ReporterRole>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wants_contact: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReporterRole {
    #[serde(rename = "self")]
    Myself,
    Family,
    Neighbour,
    Witness,
    Advocate,
    Other,
}

/// Why a report was refused: the field, by its JSON path (`claims.titles[1]`; empty for the
/// whole report), a stable code and a message safe to show the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: ReportErrorCode,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} ({})", self.message, self.code.as_str())
        } else {
            write!(f, "{}: {} ({})", self.field, self.message, self.code.as_str())
        }
    }
}

/// The stable codes of [`FieldError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportErrorCode {
    /// The bytes are not UTF-8.
    InvalidUtf8,
    /// The text is not JSON, is cut off, or nests too deeply.
    InvalidJson,
    /// The report is larger than [`MAX_REPORT_BYTES`].
    TooLarge,
    /// A field the contract does not have (often a typo).
    UnknownField,
    /// A value outside a closed list.
    UnknownValue,
    /// A value of the wrong JSON type.
    WrongType,
    /// A timestamp that is not RFC 3339 with an offset, or a date that is not YYYY-MM-DD.
    InvalidTime,
    /// A number out of its range.
    OutOfRange,
    /// Text longer than its limit, or a list with too many entries.
    TooLong,
    /// Empty text where text is given.
    Empty,
    /// Control characters (other than tab and line breaks) in text.
    InvalidCharacters,
    /// A language tag that is not BCP 47.
    InvalidLanguage,
    /// Neither a narrative nor any claim or ask: nothing to act on.
    NothingReported,
}

impl ReportErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportErrorCode::InvalidUtf8 => "invalid_utf8",
            ReportErrorCode::InvalidJson => "invalid_json",
            ReportErrorCode::TooLarge => "too_large",
            ReportErrorCode::UnknownField => "unknown_field",
            ReportErrorCode::UnknownValue => "unknown_value",
            ReportErrorCode::WrongType => "wrong_type",
            ReportErrorCode::InvalidTime => "invalid_time",
            ReportErrorCode::OutOfRange => "out_of_range",
            ReportErrorCode::TooLong => "too_long",
            ReportErrorCode::Empty => "empty",
            ReportErrorCode::InvalidCharacters => "invalid_characters",
            ReportErrorCode::InvalidLanguage => "invalid_language",
            ReportErrorCode::NothingReported => "nothing_reported",
        }
    }
}

/// A refused report: at least one [`FieldError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportError {
    pub errors: Vec<FieldError>,
}

impl ReportError {
    fn one(field: impl Into<String>, code: ReportErrorCode, message: impl Into<String>) -> ReportError {
        ReportError { errors: vec![FieldError { field: field.into(), code, message: message.into() }] }
    }

    /// The first error's code, for callers that answer with one.
    pub fn code(&self) -> ReportErrorCode {
        self.errors.first().map_or(ReportErrorCode::InvalidJson, |e| e.code)
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for error in &self.errors {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReportError {}

impl Report {
    /// Parses and validates one report from JSON bytes.
    pub fn from_json(bytes: &[u8]) -> Result<Report, ReportError> {
        if bytes.len() > MAX_REPORT_BYTES {
            return Err(ReportError::one(
                "",
                ReportErrorCode::TooLarge,
                format!("a report may be at most {MAX_REPORT_BYTES} bytes"),
            ));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ReportError::one(
                "",
                ReportErrorCode::InvalidUtf8,
                format!("the text is not UTF-8 (at byte {})", e.valid_up_to()),
            )
        })?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let report: Report = serde_path_to_error::deserialize(&mut deserializer).map_err(structure_error)?;
        deserializer.end().map_err(|e| structure_error_at(String::new(), &e))?;
        report.validate()?;
        Ok(report)
    }

    /// The report as one line of JSON (no line breaks inside), as export writes it.
    pub fn to_json_line(&self) -> String {
        // Serialising these plain structs cannot fail: every map key is a string and every
        // float was checked finite by `validate`.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks what the types cannot: every problem, each with its path.
    pub fn validate(&self) -> Result<(), ReportError> {
        let mut v = Validator::default();
        if let Some(reference) = &self.reference {
            v.text("ref", reference, MAX_REF_CHARS);
        }
        if let Some(at) = &self.submitted_at {
            v.timestamp("submitted_at", at);
        }
        if let Some(language) = &self.language
            && !is_language_tag(language)
        {
            v.push("language", ReportErrorCode::InvalidLanguage, "a BCP 47 language tag such as es or zh-Hant");
        }
        if let Some(incident) = &self.incident {
            if let Some(at) = &incident.started_at {
                v.timestamp("incident.started_at", at);
            }
            if let Some(date) = &incident.date
                && parse_date(date).is_none()
            {
                v.push("incident.date", ReportErrorCode::InvalidTime, "a date as YYYY-MM-DD");
            }
            if let Some(place) = &incident.place {
                if let Some(precinct) = place.precinct {
                    v.precinct("incident.place.precinct", precinct);
                }
                v.opt_text("incident.place.borough", &place.borough);
                v.opt_text("incident.place.description", &place.description);
                if let Some(lat) = place.lat
                    && !(lat.is_finite() && (-90.0..=90.0).contains(&lat))
                {
                    v.push("incident.place.lat", ReportErrorCode::OutOfRange, "a latitude between -90 and 90");
                }
                if let Some(lon) = place.lon
                    && !(lon.is_finite() && (-180.0..=180.0).contains(&lon))
                {
                    v.push("incident.place.lon", ReportErrorCode::OutOfRange, "a longitude between -180 and 180");
                }
            }
        }
        if let Some(claims) = &self.claims {
            v.texts("claims.agencies", &claims.agencies);
            v.list_len("claims.titles", &claims.titles);
            v.texts("claims.units", &claims.units);
            if let Some(precincts) = &claims.precincts {
                v.list_len("claims.precincts", &claims.precincts);
                for (i, p) in precincts.iter().enumerate() {
                    v.precinct(&format!("claims.precincts[{i}]"), *p);
                }
            }
            v.texts("claims.names", &claims.names);
            v.texts("claims.shield_numbers", &claims.shield_numbers);
            v.texts("claims.attire", &claims.attire);
            v.list_len("claims.showed", &claims.showed);
            v.opt_text("claims.verification_offered", &claims.verification_offered);
        }
        if let Some(actors) = &self.actors {
            if let Some(count) = actors.count
                && !(1..=MAX_ACTORS).contains(&count)
            {
                v.push("actors.count", ReportErrorCode::OutOfRange, format!("between 1 and {MAX_ACTORS}"));
            }
            v.opt_text("actors.description", &actors.description);
        }
        if let Some(vehicles) = &self.vehicles {
            v.list_len("vehicles", &self.vehicles);
            for (i, vehicle) in vehicles.iter().enumerate() {
                v.opt_text(&format!("vehicles[{i}].color"), &vehicle.color);
                v.opt_text(&format!("vehicles[{i}].make"), &vehicle.make);
                v.opt_text(&format!("vehicles[{i}].model"), &vehicle.model);
                v.opt_text(&format!("vehicles[{i}].plate"), &vehicle.plate);
                v.opt_text(&format!("vehicles[{i}].plate_state"), &vehicle.plate_state);
            }
        }
        v.list_len("asks", &self.asks);
        if let Some(narrative) = &self.narrative {
            v.text("narrative", narrative, MAX_NARRATIVE_CHARS);
        }
        if let Some(reporter) = &self.reporter {
            v.opt_text("reporter.contact", &reporter.contact);
        }
        let said_something = self.narrative.as_deref().is_some_and(|n| !n.trim().is_empty())
            || self.asks.as_ref().is_some_and(|a| !a.is_empty())
            || self.claims.as_ref().is_some_and(Claims::has_any);
        if !said_something {
            v.push("", ReportErrorCode::NothingReported, "a report needs a narrative, a claim or an ask");
        }
        if v.errors.is_empty() { Ok(()) } else { Err(ReportError { errors: v.errors }) }
    }

    /// The report without what the sender said about themselves: what analysis may read.
    pub fn without_reporter(&self) -> Report {
        Report { reporter: None, ..self.clone() }
    }
}

impl Claims {
    /// True when any claim was recorded.
    pub fn has_any(&self) -> bool {
        fn some<T>(list: &Option<Vec<T>>) -> bool {
            list.as_ref().is_some_and(|l| !l.is_empty())
        }
        some(&self.agencies)
            || some(&self.titles)
            || some(&self.units)
            || some(&self.precincts)
            || some(&self.names)
            || some(&self.shield_numbers)
            || some(&self.attire)
            || some(&self.showed)
            || self.verification_offered.as_deref().is_some_and(|t| !t.trim().is_empty())
    }
}

#[derive(Default)]
struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    fn push(&mut self, field: &str, code: ReportErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_owned(), code, message: message.into() });
    }

    fn text(&mut self, field: &str, value: &str, max_chars: usize) {
        let chars = value.chars().count();
        if chars > max_chars {
            self.push(field, ReportErrorCode::TooLong, format!("at most {max_chars} characters (this has {chars})"));
        } else if value.trim().is_empty() {
            self.push(field, ReportErrorCode::Empty, "empty text; leave the field out instead");
        } else if value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            self.push(field, ReportErrorCode::InvalidCharacters, "control characters are not allowed");
        }
    }

    fn opt_text(&mut self, field: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.text(field, value, MAX_TEXT_CHARS);
        }
    }

    fn texts(&mut self, field: &str, values: &Option<Vec<String>>) {
        if let Some(values) = values {
            self.list_len(field, &Some(values));
            for (i, value) in values.iter().enumerate() {
                self.text(&format!("{field}[{i}]"), value, MAX_TEXT_CHARS);
            }
        }
    }

    fn list_len<T>(&mut self, field: &str, values: &Option<impl AsRef<[T]>>) {
        if let Some(values) = values
            && values.as_ref().len() > MAX_LIST_ITEMS
        {
            self.push(field, ReportErrorCode::TooLong, format!("at most {MAX_LIST_ITEMS} entries"));
        }
    }

    fn timestamp(&mut self, field: &str, value: &str) {
        if parse_timestamp(value).is_none() {
            self.push(
                field,
                ReportErrorCode::InvalidTime,
                "an RFC 3339 time with its offset, such as 2026-03-14T06:40:00-04:00",
            );
        }
    }

    fn precinct(&mut self, field: &str, precinct: u32) {
        if !(1..=999).contains(&precinct) {
            self.push(field, ReportErrorCode::OutOfRange, "a precinct number between 1 and 999");
        }
    }
}

/// A point in time read from RFC 3339: the unix time and the local offset it was given with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    pub unix: i64,
    pub offset_secs: i32,
}

impl Instant {
    /// The local hour (0–23) at the offset it was given with.
    pub fn local_hour(self) -> u32 {
        let local = self.unix + i64::from(self.offset_secs);
        (local.rem_euclid(86_400) / 3_600) as u32
    }

    /// Days since 1970-01-01 in local time.
    pub fn local_day(self) -> i64 {
        (self.unix + i64::from(self.offset_secs)).div_euclid(86_400)
    }
}

/// Reads an RFC 3339 timestamp (`2026-03-14T06:40:00-04:00`, `…Z`, fractional seconds allowed).
pub fn parse_timestamp(s: &str) -> Option<Instant> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let day = parse_date(&s[..10])?;
    let (hour, minute, second) = (digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?);
    if b[13] != b':' || b[16] != b':' || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 || n > 9 {
            return None;
        }
        rest = &rest[1 + n..];
    }
    let offset_secs: i32 = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let secs = (h * 3_600 + m * 60) as i32;
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let local = day * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + i64::from(second.min(59));
    Some(Instant { unix: local - i64::from(offset_secs), offset_secs })
}

/// Reads `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i64::from(digits(&b[0..4])?);
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days_in_month {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// A BCP 47 tag in its common shape: a 2–3 letter (or 4–8 letter) language, then subtags of
/// 1–8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn structure_error(e: serde_path_to_error::Error<serde_json::Error>) -> ReportError {
    let path = e.path().to_string();
    let path = if path == "." { String::new() } else { path };
    structure_error_at(path, e.inner())
}

fn structure_error_at(path: String, e: &serde_json::Error) -> ReportError {
    use serde_json::error::Category;
    let text = e.to_string();
    let (code, message) = match e.classify() {
        Category::Io | Category::Syntax | Category::Eof => {
            (ReportErrorCode::InvalidJson, format!("not valid JSON at line {} column {}", e.line(), e.column()))
        }
        Category::Data => {
            // serde's messages name the problem first ("unknown field `x`, expected one of …");
            // keep that part, without the position, which the path already gives.
            let head = text.split(" at line ").next().unwrap_or(&text).to_owned();
            let code = if head.starts_with("unknown field") {
                ReportErrorCode::UnknownField
            } else if head.starts_with("unknown variant") {
                ReportErrorCode::UnknownValue
            } else if head.starts_with("invalid type") || head.starts_with("invalid value") {
                ReportErrorCode::WrongType
            } else if head.starts_with("recursion limit") {
                ReportErrorCode::InvalidJson
            } else {
                ReportErrorCode::WrongType
            };
            (code, head)
        }
    };
    // A syntax error belongs to the text, not to the field the parser was inside.
    let field = if code == ReportErrorCode::InvalidJson { String::new() } else { path };
    ReportError::one(field, code, message)
}

#[cfg(test)]
mod tests;
