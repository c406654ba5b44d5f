//! The answers as typed: the questionnaire's fields exactly as sent, kept to fill the form
//! again, and their mapping to a contract report with each error tied to its field.

use super::*;

// ---------------------------------------------------------------------------------------------
// The answers as typed.

/// The questionnaire's answers exactly as sent, kept to fill the form again. `Debug` shows
/// nothing of them: they are a reporter's words.
#[derive(Default, Clone)]
pub(super) struct ReportForm {
    pub(super) lang: String,
    pub(super) pow_challenge: String,
    pub(super) pow_nonce: String,
    /// The honeypot: a field people never see, which only form-filling robots fill.
    pub(super) website: String,
    pub(super) date: String,
    pub(super) time_of_day: String,
    pub(super) place_kind: String,
    pub(super) borough: String,
    pub(super) place_description: String,
    pub(super) agency: String,
    pub(super) titles: Vec<String>,
    pub(super) unit: String,
    pub(super) names: String,
    pub(super) shield_numbers: String,
    pub(super) attire: String,
    pub(super) showed: Vec<String>,
    pub(super) verification_offered: String,
    pub(super) asks: Vec<String>,
    pub(super) vehicle_seen: String,
    pub(super) vehicle_kind: String,
    pub(super) vehicle_color: String,
    pub(super) vehicle_make: String,
    pub(super) vehicle_model: String,
    pub(super) vehicle_plate: String,
    pub(super) vehicle_plate_state: String,
    pub(super) people_count: String,
    pub(super) people_description: String,
    pub(super) outcome: String,
    pub(super) check: String,
    pub(super) narrative: String,
    pub(super) role: String,
    pub(super) contact: String,
    pub(super) wants_contact: bool,
}

impl std::fmt::Debug for ReportForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReportForm(…)")
    }
}

/// The most values one multiple-choice question keeps; every list has fewer choices.
pub(super) const MAX_CHOICES: usize = 20;

impl ReportForm {
    /// From the form's name/value pairs, in any order; checkbox groups repeat their name.
    /// Unknown names are ignored: a browser extension may add fields.
    pub(super) fn from_pairs(pairs: Vec<(String, String)>) -> ReportForm {
        let mut f = ReportForm::default();
        for (name, value) in pairs {
            let push = |list: &mut Vec<String>, value: String| {
                if list.len() < MAX_CHOICES && !list.contains(&value) {
                    list.push(value);
                }
            };
            match name.as_str() {
                "lang" => f.lang = value,
                "pow_challenge" => f.pow_challenge = value,
                "pow_nonce" => f.pow_nonce = value,
                "website" => f.website = value,
                "date" => f.date = value,
                "time_of_day" => f.time_of_day = value,
                "place_kind" => f.place_kind = value,
                "borough" => f.borough = value,
                "place_description" => f.place_description = value,
                "agency" => f.agency = value,
                "titles" => push(&mut f.titles, value),
                "unit" => f.unit = value,
                "names" => f.names = value,
                "shield_numbers" => f.shield_numbers = value,
                "attire" => f.attire = value,
                "showed" => push(&mut f.showed, value),
                "verification_offered" => f.verification_offered = value,
                "asks" => push(&mut f.asks, value),
                "vehicle_seen" => f.vehicle_seen = value,
                "vehicle_kind" => f.vehicle_kind = value,
                "vehicle_color" => f.vehicle_color = value,
                "vehicle_make" => f.vehicle_make = value,
                "vehicle_model" => f.vehicle_model = value,
                "vehicle_plate" => f.vehicle_plate = value,
                "vehicle_plate_state" => f.vehicle_plate_state = value,
                "people_count" => f.people_count = value,
                "people_description" => f.people_description = value,
                "outcome" => f.outcome = value,
                "check" => f.check = value,
                "narrative" => f.narrative = value,
                "role" => f.role = value,
                "contact" => f.contact = value,
                "wants_contact" => f.wants_contact = value == "yes",
                _ => {}
            }
        }
        f
    }

    /// The contract report these answers say, and the mistakes found on the way (each tied
    /// to a form field). `Report::validate` then checks the rest.
    pub(super) fn to_report(&self, lang: Lang, submitted_at: String) -> (Report, Vec<FormError>) {
        let mut errors = Vec::new();
        let time_of_day = closed(&mut errors, "time_of_day", &self.time_of_day);
        let place_kind = closed(&mut errors, "place_kind", &self.place_kind);
        let outcome = closed(&mut errors, "outcome", &self.outcome);
        let role = closed(&mut errors, "role", &self.role);
        let vehicle_kind = closed(&mut errors, "vehicle_kind", &self.vehicle_kind);
        let check = match self.check.trim() {
            "" => None,
            "not_done" => Some(Check { done: Some(false), result: None }),
            "done" => Some(Check { done: Some(true), result: None }),
            code => closed(&mut errors, "check", code).map(|result| Check { done: Some(true), result: Some(result) }),
        };
        let titles = closed_list(&mut errors, "titles", &self.titles);
        let showed = closed_list(&mut errors, "showed", &self.showed);
        let asks = closed_list(&mut errors, "asks", &self.asks);
        let borough = text(&self.borough).filter(|b| BOROUGHS.contains(&b.as_str()));
        if text(&self.borough).is_some() && borough.is_none() {
            errors.push(FormError { field: "borough", code: "invalid" });
        }
        let count = match text(&self.people_count) {
            None => None,
            Some(n) => match fold_digits(&n).parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(FormError { field: "people_count", code: "not_a_number" });
                    None
                }
            },
        };

        let place = Place { kind: place_kind, borough, description: text(&self.place_description), ..Place::default() };
        let has_place = place != Place::default();
        let incident =
            Incident { date: text(&self.date), time_of_day, place: has_place.then_some(place), ..Incident::default() };
        let claims = Claims {
            agencies: text(&self.agency).map(|a| vec![a]),
            titles,
            units: text(&self.unit).map(|u| vec![u]),
            names: lines(&self.names),
            shield_numbers: lines(&self.shield_numbers),
            attire: text(&self.attire).map(|a| vec![a]),
            showed,
            verification_offered: text(&self.verification_offered),
            ..Claims::default()
        };
        let actors = Actors { count, description: text(&self.people_description) };
        // The vehicle questions count only when the person said they came in one: answers
        // left behind after switching to "no" are not theirs to keep.
        let vehicles = (self.vehicle_seen == "yes").then(|| {
            vec![Vehicle {
                kind: vehicle_kind,
                color: text(&self.vehicle_color),
                make: text(&self.vehicle_make),
                model: text(&self.vehicle_model),
                plate: text(&self.vehicle_plate),
                plate_state: text(&self.vehicle_plate_state),
            }]
        });
        let reporter =
            Reporter { role, contact: text(&self.contact), wants_contact: self.wants_contact.then_some(true) };
        let report = Report {
            reference: None,
            source: Some(Source::Web),
            submitted_at: Some(submitted_at),
            language: Some(lang.tag().to_owned()),
            incident: (incident != Incident::default()).then_some(incident),
            claims: (claims != Claims::default()).then_some(claims),
            actors: (actors != Actors::default()).then_some(actors),
            vehicles,
            asks,
            outcome,
            check,
            narrative: text(&self.narrative),
            reporter: (reporter != Reporter::default()).then_some(reporter),
        };
        (report, errors)
    }
}

/// The boroughs, as stored (in English, whatever the page's language).
pub(super) const BOROUGHS: [&str; 5] = ["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"];

/// Trimmed text, or `None` when nothing was typed.
pub(super) fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// One entry per non-empty line.
pub(super) fn lines(value: &str) -> Option<Vec<String>> {
    let entries: Vec<String> = value.lines().filter_map(text).collect();
    (!entries.is_empty()).then_some(entries)
}

/// Digits of other scripts (Arabic-Indic, Bengali, full width…) as ASCII digits, so that a
/// number typed on any keyboard reads as a number.
pub(super) fn fold_digits(value: &str) -> String {
    shieldcheck_nypd::text::fold(value).trim().to_owned()
}

/// A closed-list answer: `None` when not given; a value outside the list (only a tampered
/// form can send one) is a mistake of `field`.
pub(super) fn closed<T: DeserializeOwned>(errors: &mut Vec<FormError>, field: &'static str, value: &str) -> Option<T> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let parsed = parse_enum(value);
    if parsed.is_none() {
        errors.push(FormError { field, code: "invalid" });
    }
    parsed
}

/// Checked boxes of a closed list; `None` when none.
pub(super) fn closed_list<T: DeserializeOwned>(
    errors: &mut Vec<FormError>,
    field: &'static str,
    values: &[String],
) -> Option<Vec<T>> {
    let parsed: Vec<T> = values.iter().filter_map(|v| closed(errors, field, v)).collect();
    (!parsed.is_empty()).then_some(parsed)
}

/// A closed-list value by its contract name (`early_morning`, `photo_of_person`, …).
pub(super) fn parse_enum<T: DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
}

/// A mistake tied to a form field (its `name` and `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FormError {
    pub(super) field: &'static str,
    pub(super) code: &'static str,
}

/// The form field a contract path (`claims.names[1]`, `vehicles[0].plate`) was typed into.
pub(super) fn field_of(path: &str) -> &'static str {
    let base = path.split('[').next().unwrap_or(path);
    let vehicle_field = path.rsplit('.').next().unwrap_or("");
    match base {
        "incident.date" | "incident.started_at" => "date",
        "incident.place.borough" => "borough",
        "incident.place.description" => "place_description",
        "claims.agencies" => "agency",
        "claims.titles" => "titles",
        "claims.units" => "unit",
        "claims.names" => "names",
        "claims.shield_numbers" => "shield_numbers",
        "claims.attire" => "attire",
        "claims.showed" => "showed",
        "claims.verification_offered" => "verification_offered",
        "asks" => "asks",
        "actors.count" => "people_count",
        "actors.description" => "people_description",
        "vehicles" => match vehicle_field {
            "color" => "vehicle_color",
            "make" => "vehicle_make",
            "model" => "vehicle_model",
            "plate" => "vehicle_plate",
            "plate_state" => "vehicle_plate_state",
            _ => "vehicle_kind",
        },
        "reporter.contact" => "contact",
        // Nothing reported, and anything else about the whole report: the story is where
        // the person can always add what is missing.
        _ => "narrative",
    }
}

pub(super) fn report_error_code(code: ReportErrorCode) -> &'static str {
    match code {
        ReportErrorCode::TooLong => "too_long",
        ReportErrorCode::InvalidCharacters => "invalid_characters",
        ReportErrorCode::InvalidTime => "invalid_time",
        ReportErrorCode::OutOfRange => "out_of_range",
        ReportErrorCode::NothingReported => "nothing_reported",
        _ => "invalid",
    }
}

/// Every mistake in the answers, at most one per field, in the order of the form.
pub(super) fn validate(form: &ReportForm, lang: Lang, now: i64) -> Result<Report, Vec<FormError>> {
    let (report, mut errors) = form.to_report(lang, rfc3339_utc(now));
    if let Err(e) = report.validate() {
        errors
            .extend(e.errors.iter().map(|e| FormError { field: field_of(&e.field), code: report_error_code(e.code) }));
    }
    if errors.is_empty() {
        return Ok(report);
    }
    Err(in_form_order(errors))
}

/// The mistakes in the order of the form, at most one per field.
pub(super) fn in_form_order(mut errors: Vec<FormError>) -> Vec<FormError> {
    errors.sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field).unwrap_or(usize::MAX));
    errors.dedup_by_key(|e| e.field);
    errors
}
