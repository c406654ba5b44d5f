//! The public questionnaire at `/report`: one server-rendered form whose steps are fieldsets,
//! in the page's language, that works without JavaScript. `POST /report` turns the answers
//! into a contract [`Report`] (source `web`), validates it, and on success stores it and shows
//! the receipt; on mistakes it shows the form again with everything kept and each error next
//! to its field.
//!
//! Abuse is held back without a CAPTCHA and without looking at who is asking: a proof of work
//! (`pow.rs`; a form old enough stands in for it without JavaScript), a honeypot field, a body
//! cap, and a global ceiling on reports stored at once, where a burst waits its turn instead of
//! being refused. Nothing here logs or stores what was typed, the address or the user agent.

use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest as _, Query, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rand::Rng as _;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use shieldcheck_report::attachment::{CheckedAttachment, Upload};
use shieldcheck_report::time::rfc3339_utc;
use shieldcheck_report::{
    Actors, Check, CheckResult, Claims, Incident, Place, Report, ReportErrorCode, Reporter, Source, Vehicle,
};
use tokio::sync::Semaphore;

use crate::AppState;
use crate::pages::{Chrome, render, tr_for};
use shieldcheck_service::i18n::{Lang, Tr};
use shieldcheck_service::pow::{Challenges, PowError};
use shieldcheck_service::settings::ReportSettings;

/// What the questionnaire keeps between requests: the challenges and the submission ceiling.
#[derive(Debug)]
pub struct Intake {
    challenges: Challenges,
    /// Reports being stored at once; the rest wait their turn (up to `queue_timeout`).
    ceiling: Semaphore,
    queue_timeout: Duration,
    /// The limits on photos, for the page's hint and the body's size.
    settings: ReportSettings,
}

impl Intake {
    pub fn new(settings: &ReportSettings) -> Intake {
        Intake {
            challenges: Challenges::new(settings),
            ceiling: Semaphore::new(settings.max_concurrent_submissions.max(1)),
            queue_timeout: Duration::from_secs(settings.queue_timeout_secs),
            settings: settings.clone(),
        }
    }
}

/// `/report` and its script and stylesheet. The questionnaire reads its body itself, under
/// `max_form_bytes` for the answers and, sent as multipart with photos, that plus every photo
/// at its limit; the service-wide cap is lifted on this route only (a long story in a
/// four-byte script, and photos, are larger than any claim check).
pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/report", get(report_form).post(report_submit).layer(DefaultBodyLimit::disable()))
        .route("/static/report.js", get(script))
        .route("/static/report.css", get(stylesheet))
}

const SCRIPT: &str = include_str!("../static/report.js");
const STYLESHEET: &str = include_str!("../static/report.css");

async fn script() -> Response {
    static_asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn stylesheet() -> Response {
    static_asset("text/css; charset=utf-8", STYLESHEET)
}

fn static_asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        body,
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// The answers as typed.

/// The questionnaire's answers exactly as sent, kept to fill the form again. `Debug` shows
/// nothing of them: they are a reporter's words.
#[derive(Default, Clone)]
struct ReportForm {
    lang: String,
    pow_challenge: String,
    pow_nonce: String,
    /// The honeypot: a field people never see, which only form-filling robots fill.
    website: String,
    date: String,
    time_of_day: String,
    place_kind: String,
    borough: String,
    place_description: String,
    agency: String,
    titles: Vec<String>,
    unit: String,
    names: String,
    shield_numbers: String,
    attire: String,
    showed: Vec<String>,
    verification_offered: String,
    asks: Vec<String>,
    vehicle_seen: String,
    vehicle_kind: String,
    vehicle_color: String,
    vehicle_make: String,
    vehicle_model: String,
    vehicle_plate: String,
    vehicle_plate_state: String,
    people_count: String,
    people_description: String,
    outcome: String,
    check: String,
    narrative: String,
    role: String,
    contact: String,
    wants_contact: bool,
}

impl std::fmt::Debug for ReportForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReportForm(…)")
    }
}

/// The most values one multiple-choice question keeps; every list has fewer choices.
const MAX_CHOICES: usize = 20;

impl ReportForm {
    /// From the form's name/value pairs, in any order; checkbox groups repeat their name.
    /// Unknown names are ignored: a browser extension may add fields.
    fn from_pairs(pairs: Vec<(String, String)>) -> ReportForm {
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
    fn to_report(&self, lang: Lang, submitted_at: String) -> (Report, Vec<FormError>) {
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
const BOROUGHS: [&str; 5] = ["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"];

/// Trimmed text, or `None` when nothing was typed.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// One entry per non-empty line.
fn lines(value: &str) -> Option<Vec<String>> {
    let entries: Vec<String> = value.lines().filter_map(text).collect();
    (!entries.is_empty()).then_some(entries)
}

/// Digits of other scripts (Arabic-Indic, Bengali, full width…) as ASCII digits, so that a
/// number typed on any keyboard reads as a number.
fn fold_digits(value: &str) -> String {
    shieldcheck_nypd::text::fold(value).trim().to_owned()
}

/// A closed-list answer: `None` when not given; a value outside the list (only a tampered
/// form can send one) is a mistake of `field`.
fn closed<T: DeserializeOwned>(errors: &mut Vec<FormError>, field: &'static str, value: &str) -> Option<T> {
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
fn closed_list<T: DeserializeOwned>(
    errors: &mut Vec<FormError>,
    field: &'static str,
    values: &[String],
) -> Option<Vec<T>> {
    let parsed: Vec<T> = values.iter().filter_map(|v| closed(errors, field, v)).collect();
    (!parsed.is_empty()).then_some(parsed)
}

/// A closed-list value by its contract name (`early_morning`, `photo_of_person`, …).
fn parse_enum<T: DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
}

/// A mistake tied to a form field (its `name` and `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct FormError {
    field: &'static str,
    code: &'static str,
}

/// The form field a contract path (`claims.names[1]`, `vehicles[0].plate`) was typed into.
fn field_of(path: &str) -> &'static str {
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

fn report_error_code(code: ReportErrorCode) -> &'static str {
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
fn validate(form: &ReportForm, lang: Lang, now: i64) -> Result<Report, Vec<FormError>> {
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
fn in_form_order(mut errors: Vec<FormError>) -> Vec<FormError> {
    errors.sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field).unwrap_or(usize::MAX));
    errors.dedup_by_key(|e| e.field);
    errors
}

// ---------------------------------------------------------------------------------------------
// The page.

/// The form's fields in the order shown; errors are listed in this order.
const FIELD_ORDER: [&str; 32] = [
    "date",
    "time_of_day",
    "place_kind",
    "borough",
    "place_description",
    "agency",
    "titles",
    "unit",
    "names",
    "shield_numbers",
    "attire",
    "showed",
    "verification_offered",
    "asks",
    "vehicle_seen",
    "vehicle_kind",
    "vehicle_color",
    "vehicle_make",
    "vehicle_model",
    "vehicle_plate",
    "vehicle_plate_state",
    "people_count",
    "people_description",
    "outcome",
    "check",
    "narrative",
    "attachment",
    "role",
    "contact",
    "wants_contact",
    "pow",
    "form",
];

const TIMES: [&str; 5] = ["early_morning", "morning", "afternoon", "evening", "night"];
const PLACES: [&str; 9] =
    ["home", "street", "workplace", "court", "shelter", "transit", "school", "phone_or_online", "other"];
const TITLES: [&str; 8] =
    ["police", "detective", "officer", "sergeant", "lieutenant", "agent", "investigator", "other"];
const SHOWN: [&str; 6] = ["badge", "id_card", "warrant_paper", "photo_of_person", "nothing", "other"];
const ASKS: [&str; 14] = [
    "open_door",
    "step_outside",
    "asked_for_person_by_name",
    "showed_photo",
    "asked_for_phone_number",
    "asked_for_id",
    "asked_immigration_status",
    "asked_where_someone_works",
    "come_to_precinct",
    "arranged_meeting",
    "entered_home",
    "searched",
    "arrested_or_took_someone",
    "other",
];
const VEHICLES: [&str; 6] = ["sedan", "suv", "van", "pickup", "marked_car", "other"];
const OUTCOMES: [&str; 5] = ["they_left", "detained_someone", "arrested_someone", "still_ongoing", "unknown"];
const ROLES: [&str; 6] = ["self", "family", "neighbour", "witness", "advocate", "other"];
/// Answers shieldcheck gives, as the person may have seen them: claim checks, then scans.
const CLAIM_RESULTS: [&str; 5] =
    ["no_match", "member_not_active", "unit_not_in_nypd", "insufficient", "matches_active_member"];
const SCAN_RESULTS: [&str; 11] = [
    "valid",
    "expired",
    "not_yet_valid",
    "revoked",
    "suspended",
    "bad_signature",
    "unknown_issuer_key",
    "stale_presentation",
    "wrong_device",
    "malformed",
    "status_unavailable",
];

fn strs(values: &[String]) -> Vec<&str> {
    values.iter().map(String::as_str).collect()
}

/// One choice of a radio group, checkbox group or select.
struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// One question, rendered by `report_field.html`.
struct FieldView {
    /// The `name`, and the `id` (of the first input, for groups).
    name: &'static str,
    /// `text`, `textarea`, `number`, `date`, `select`, `radio`, `check` or `single` (one
    /// checkbox).
    kind: &'static str,
    label: String,
    hint: Option<String>,
    value: String,
    choices: Vec<Choice>,
    max: usize,
    inputmode: &'static str,
    autocomplete: &'static str,
    error: Option<String>,
}

impl FieldView {
    /// `aria-describedby`: the hint and the error, when there are.
    fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }

    /// Where the error summary links to: the field, or its first choice.
    fn target(&self) -> String {
        match (self.kind, self.choices.first()) {
            ("radio" | "check", Some(first)) => format!("{}-{}", self.name, first.value),
            _ => self.name.to_owned(),
        }
    }
}

/// One step of the questionnaire: a fieldset.
struct StepView {
    id: &'static str,
    number: usize,
    legend: String,
    intro: Option<String>,
    fields: Vec<FieldView>,
    /// Questions shown only after a "yes" in `fields` (the vehicle's details).
    details: Vec<FieldView>,
}

struct ErrorLink {
    target: String,
    message: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    c: Chrome,
    steps: Vec<StepView>,
    errors: Vec<ErrorLink>,
    /// The stable code of a refusal that is not about one answer (`pow_too_fresh`, …).
    error_code: Option<&'static str>,
    challenge: String,
    bits: u8,
    /// The script's texts in the page's language.
    strings_json: String,
}

#[derive(Template)]
#[template(path = "report_receipt.html")]
struct ReceiptPage {
    c: Chrome,
    receipt: String,
}

#[derive(Template)]
#[template(path = "report_message.html")]
struct ReportMessagePage {
    c: Chrome,
    code: &'static str,
    title: String,
    body: String,
}

/// Builds the questions in the page's language, filled with `form` and its errors.
struct Builder<'a> {
    tr: &'a Tr,
    form: &'a ReportForm,
    errors: &'a [FormError],
    settings: &'a ReportSettings,
}

impl Builder<'_> {
    fn field(&self, name: &'static str, kind: &'static str, value: &str) -> FieldView {
        let hint_id = format!("report-field-{name}-hint");
        let hint = self.tr.t(&hint_id);
        FieldView {
            name,
            kind,
            label: self.tr.t(&format!("report-field-{name}")),
            // A message that is missing falls back to its id: such a field simply has no hint.
            hint: (hint != hint_id).then_some(hint),
            value: value.to_owned(),
            choices: Vec::new(),
            max: shieldcheck_report::MAX_TEXT_CHARS,
            inputmode: "text",
            autocomplete: "off",
            error: self.errors.iter().find(|e| e.field == name).map(|e| self.tr.t(&format!("report-error-{}", e.code))),
        }
    }

    fn text(&self, name: &'static str, value: &str) -> FieldView {
        self.field(name, "text", value)
    }

    fn textarea(&self, name: &'static str, value: &str, max: usize) -> FieldView {
        FieldView { max, ..self.field(name, "textarea", value) }
    }

    fn choices(
        &self,
        name: &'static str,
        kind: &'static str,
        prefix: &str,
        values: &[&'static str],
        chosen: &[&str],
    ) -> FieldView {
        let choices = values
            .iter()
            .map(|&v| Choice { value: v, label: self.tr.t(&format!("{prefix}-{v}")), checked: chosen.contains(&v) })
            .collect();
        FieldView { choices, ..self.field(name, kind, "") }
    }

    fn select(&self, name: &'static str, prefix: &str, values: &[&'static str], chosen: &str) -> FieldView {
        let mut field = self.choices(name, "select", prefix, values, &[chosen]);
        field.choices.insert(0, Choice { value: "", label: self.tr.t("report-dont-know"), checked: chosen.is_empty() });
        field
    }

    fn steps(&self) -> Vec<StepView> {
        let f = self.form;
        let tr = self.tr;
        let mut check = self.select("check", "result", &CLAIM_RESULTS, &f.check);
        for code in SCAN_RESULTS {
            let label = if code == "valid" { tr.t("scan-valid") } else { tr.t(&format!("scan-reason-{code}")) };
            check.choices.push(Choice { value: code, label, checked: f.check == code });
        }
        check.choices.insert(
            1,
            Choice { value: "not_done", label: tr.t("report-check-not_done"), checked: f.check == "not_done" },
        );
        check.choices.insert(2, Choice { value: "done", label: tr.t("report-check-done"), checked: f.check == "done" });
        let mut borough = self.select("borough", "report-borough", &[], &f.borough);
        borough.choices.extend(BOROUGHS.iter().map(|&b| Choice {
            value: b,
            label: tr.t(&format!("report-borough-{}", b.to_ascii_lowercase().replace(' ', "_"))),
            checked: f.borough == b,
        }));
        let count = FieldView { inputmode: "numeric", max: 3, ..self.text("people_count", &f.people_count) };
        let contact = FieldView { autocomplete: "off", ..self.text("contact", &f.contact) };
        // One checkbox, labelled by the field's own label.
        let yes = Choice { value: "yes", label: String::new(), checked: f.wants_contact };
        let wants = FieldView { choices: vec![yes], ..self.field("wants_contact", "single", "") };
        let yes_no = ["yes", "no", "unknown"];
        // Photos: a file input, which a browser never fills again (hence "choose again" after
        // a refusal), with the limits in the hint.
        let limits = [
            ("count", self.settings.max_attachments.to_string()),
            ("megabytes", megabytes(self.settings.max_attachment_bytes)),
        ];
        let attachment = FieldView {
            hint: Some(tr.t_with("report-field-attachment-hint", &limits)),
            ..self.field("attachment", "file", "")
        };
        let steps = vec![
            (
                "when",
                vec![
                    FieldView { max: 10, ..self.field("date", "date", &f.date) },
                    self.select("time_of_day", "report-time", &TIMES, &f.time_of_day),
                ],
                vec![],
            ),
            (
                "where",
                vec![
                    self.select("place_kind", "report-place", &PLACES, &f.place_kind),
                    borough,
                    self.text("place_description", &f.place_description),
                ],
                vec![],
            ),
            (
                "who",
                vec![
                    self.text("agency", &f.agency),
                    self.choices("titles", "check", "report-title", &TITLES, &strs(&f.titles)),
                    self.text("unit", &f.unit),
                    self.textarea("names", &f.names, 2_000),
                    self.textarea("shield_numbers", &f.shield_numbers, 500),
                    self.text("attire", &f.attire),
                    self.choices("showed", "check", "report-shown", &SHOWN, &strs(&f.showed)),
                    self.text("verification_offered", &f.verification_offered),
                ],
                vec![],
            ),
            ("asked", vec![self.choices("asks", "check", "report-ask", &ASKS, &strs(&f.asks))], vec![]),
            (
                "vehicle",
                vec![self.choices("vehicle_seen", "radio", "report-answer", &yes_no, &[f.vehicle_seen.as_str()])],
                vec![
                    self.select("vehicle_kind", "report-vehicle", &VEHICLES, &f.vehicle_kind),
                    self.text("vehicle_color", &f.vehicle_color),
                    self.text("vehicle_make", &f.vehicle_make),
                    self.text("vehicle_model", &f.vehicle_model),
                    self.text("vehicle_plate", &f.vehicle_plate),
                    self.text("vehicle_plate_state", &f.vehicle_plate_state),
                ],
            ),
            ("people", vec![count, self.textarea("people_description", &f.people_description, 1_000)], vec![]),
            (
                "outcome",
                vec![self.choices("outcome", "radio", "report-outcome", &OUTCOMES, &[f.outcome.as_str()]), check],
                vec![],
            ),
            (
                "story",
                vec![self.textarea("narrative", &f.narrative, shieldcheck_report::MAX_NARRATIVE_CHARS), attachment],
                vec![],
            ),
            (
                "contact",
                vec![self.choices("role", "radio", "report-role", &ROLES, &[f.role.as_str()]), contact, wants],
                vec![],
            ),
        ];
        steps
            .into_iter()
            .enumerate()
            .map(|(i, (id, fields, details))| {
                let intro_id = format!("report-step-{id}-intro");
                let intro = tr.t(&intro_id);
                StepView {
                    id,
                    number: i + 1,
                    legend: tr.t(&format!("report-step-{id}")),
                    intro: (intro != intro_id).then_some(intro),
                    fields,
                    details,
                }
            })
            .collect()
    }
}

/// `bytes` in (binary) megabytes as people write them: `8`, `0.5`.
fn megabytes(bytes: usize) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

fn page_strings(tr: &Tr) -> String {
    serde_json::json!({
        "preparing": tr.t("report-preparing"),
        "sending": tr.t("report-sending"),
    })
    .to_string()
    .replace('<', "\\u003c")
}

/// The questionnaire, filled with `form`, with `errors` beside their fields and in a summary.
fn form_page(
    intake: &Intake,
    tr: Tr,
    form: &ReportForm,
    errors: &[FormError],
    refusal: Option<PowError>,
    challenge: String,
) -> ReportPage {
    let steps = Builder { tr: &tr, form, errors, settings: &intake.settings }.steps();
    let mut links: Vec<ErrorLink> = steps
        .iter()
        .flat_map(|s| s.fields.iter().chain(&s.details))
        .filter_map(|f| f.error.as_ref().map(|m| ErrorLink { target: f.target(), message: m.clone() }))
        .collect();
    if let Some(refusal) = refusal {
        links.push(ErrorLink {
            target: "report-submit".to_owned(),
            message: tr.t(&format!("report-error-{}", refusal.code())),
        });
    }
    ReportPage {
        strings_json: page_strings(&tr),
        c: Chrome::new(tr, "/report"),
        steps,
        errors: links,
        error_code: refusal.map(PowError::code),
        challenge,
        bits: intake.challenges.bits(),
    }
}

/// Responses on `/report` are a reporter's own words or receipt: never cached, never sent on
/// as a referrer (the service-wide headers say the same; these do not depend on them).
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn message_page(tr: Tr, code: &'static str, key: &str, status: StatusCode) -> Response {
    let page = ReportMessagePage {
        code,
        title: tr.t(&format!("report-{key}-title")),
        body: tr.t(&format!("report-{key}-body")),
        c: Chrome::new(tr, "/report"),
    };
    private(render(&page, status))
}

#[derive(Debug, Deserialize)]
struct FormQuery {
    lang: Option<String>,
    /// The answer of a check the person just made on `/verify` (`no_match`, `revoked`, …).
    check: Option<String>,
}

async fn report_form(State(state): State<AppState>, Query(q): Query<FormQuery>, headers: HeaderMap) -> Response {
    let tr = tr_for(q.lang.as_deref(), &headers);
    let check = q.check.filter(|c| parse_enum::<CheckResult>(c).is_some()).unwrap_or_default();
    let form = ReportForm { check, ..ReportForm::default() };
    let challenge = state.report_intake.challenges.issue(shieldcheck_service::clock::now());
    private(render(&form_page(&state.report_intake, tr, &form, &[], None, challenge), StatusCode::OK))
}

async fn report_submit(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let (pairs, uploads) = match read_form(&state.report_intake.settings, headers.clone(), body).await {
        Ok(read) => read,
        Err(refusal) => {
            let tr = tr_for(None, &headers);
            return match refusal {
                FormRefusal::TooLarge => {
                    message_page(tr, "payload_too_large", "too-large", StatusCode::PAYLOAD_TOO_LARGE)
                }
                FormRefusal::Unreadable => message_page(tr, "unreadable_form", "unreadable", StatusCode::BAD_REQUEST),
            };
        }
    };
    let form = ReportForm::from_pairs(pairs);
    let lang = Lang::from_tag(&form.lang).unwrap_or_else(|| crate::api::request_lang(None, &headers));
    let tr = Tr::new(lang);
    let intake = &state.report_intake;
    let now = shieldcheck_service::clock::now();
    // A browser never sends chosen files again with a form shown a second time: whenever the
    // form comes back, a person who had chosen photos is asked to choose them again.
    let choose_again: Vec<FormError> =
        if uploads.is_empty() { Vec::new() } else { vec![FormError { field: "attachment", code: "choose_again" }] };

    let ticket = match intake.challenges.check(&form.pow_challenge, &form.pow_nonce, now) {
        Ok(ticket) => ticket,
        Err(PowError::Reused) => return message_page(tr, "pow_reused", "reused", StatusCode::CONFLICT),
        Err(refusal) => {
            // Too fresh: the same challenge will do in a few seconds. Forged or expired: a
            // new one. Either way the answers stay.
            let challenge =
                if refusal == PowError::TooFresh { form.pow_challenge.clone() } else { intake.challenges.issue(now) };
            let status =
                if refusal == PowError::TooFresh { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::BAD_REQUEST };
            return private(render(&form_page(intake, tr, &form, &choose_again, Some(refusal), challenge), status));
        }
    };

    if !form.website.is_empty() {
        // A robot filled the field no person sees: it gets what success looks like, and
        // nothing is stored.
        let _ = intake.challenges.spend(ticket, now);
        return receipt_page(tr, decoy_receipt());
    }

    let report = match validate(&form, lang, now) {
        Ok(report) => report,
        Err(mut errors) => {
            errors.extend(choose_again);
            let page = form_page(intake, tr, &form, &in_form_order(errors), None, form.pow_challenge.clone());
            return private(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    // The photos are checked (and their stripped copies made) before the report waits for
    // its turn: a refused photo shows the form again and stores nothing.
    let photos: Vec<CheckedAttachment> =
        match shieldcheck_service::reports::check_attachments(&intake.settings, uploads)
            .await
            .map_err(crate::error::ApiError::from)
        {
            Ok(photos) => photos,
            Err(crate::error::ApiError::Attachment(e)) => {
                let errors = [FormError { field: "attachment", code: e.code().as_str() }];
                let page = form_page(intake, tr, &form, &errors, None, form.pow_challenge.clone());
                return private(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
            }
            Err(e) => {
                tracing::error!(code = e.code(), "the photos of a web report could not be checked");
                return message_page(tr, "internal", "failed", StatusCode::INTERNAL_SERVER_ERROR);
            }
        };

    // A burst waits here for its turn rather than being turned away; only a wait longer
    // than the queue timeout is answered with "try again", and then nothing was saved.
    let Ok(Ok(_permit)) = tokio::time::timeout(intake.queue_timeout, intake.ceiling.acquire()).await else {
        let mut response = message_page(tr, "busy", "busy", StatusCode::SERVICE_UNAVAILABLE);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    };
    if intake.challenges.spend(ticket, now).is_err() {
        return message_page(tr, "pow_reused", "reused", StatusCode::CONFLICT);
    }
    match store(&state, report, photos).await {
        Ok(receipt) => receipt_page(tr, receipt),
        Err(e) => {
            intake.challenges.refund(ticket);
            // Not set up to take reports (no case-team key yet): the service is unavailable
            // rather than broken, and nothing was saved either way.
            if matches!(e, crate::error::ApiError::ReportsUnavailable) {
                let mut response = message_page(tr, "reports_unavailable", "failed", StatusCode::SERVICE_UNAVAILABLE);
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("3600"));
                return response;
            }
            message_page(tr, "internal", "failed", StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// Why a questionnaire body could not be read.
enum FormRefusal {
    TooLarge,
    Unreadable,
}

/// The most fields of one questionnaire (every checkbox of every list is one).
const MAX_FORM_FIELDS: usize = 256;

/// The answers and the chosen photos of a questionnaire body: URL-encoded (no photos, or no
/// JavaScript and an old browser) or multipart. The answers together may take at most
/// `max_form_bytes` either way; photos are counted and sized later, with the other answers.
async fn read_form(
    settings: &ReportSettings,
    headers: HeaderMap,
    body: Body,
) -> Result<(Vec<(String, String)>, Vec<Upload>), FormRefusal> {
    let refusal = |e: crate::error::ApiError| match e {
        crate::error::ApiError::PayloadTooLarge => FormRefusal::TooLarge,
        _ => FormRefusal::Unreadable,
    };
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    if !crate::multipart::is_multipart(&content_type) {
        let bytes = crate::reports::read_body(body, &headers, settings.max_form_bytes).await.map_err(refusal)?;
        let mut request = Request::new(Body::from(bytes));
        *request.method_mut() = axum::http::Method::POST;
        *request.headers_mut() = headers;
        let Form(pairs) =
            Form::<Vec<(String, String)>>::from_request(request, &()).await.map_err(|_| FormRefusal::Unreadable)?;
        return Ok((pairs, Vec::new()));
    }
    let boundary = crate::multipart::boundary(&content_type).ok_or(FormRefusal::Unreadable)?;
    let limit = settings.max_multipart_bytes(settings.max_form_bytes);
    let bytes = crate::reports::read_body(body, &headers, limit).await.map_err(refusal)?;
    let parts = crate::multipart::parse(&bytes, &boundary, MAX_FORM_FIELDS.saturating_add(settings.max_attachments))
        .map_err(|_| FormRefusal::Unreadable)?;
    let (mut pairs, mut uploads, mut text_bytes) = (Vec::new(), Vec::new(), 0usize);
    for part in parts {
        if part.name == "attachment" {
            // A file input left empty still sends a part: no file name, no bytes.
            if part.body.is_empty() && part.filename.as_deref().is_none_or(str::is_empty) {
                continue;
            }
            uploads.push(Upload { declared_type: part.content_type, bytes: part.body.to_vec() });
            continue;
        }
        text_bytes = text_bytes.saturating_add(part.name.len() + part.body.len());
        if text_bytes > settings.max_form_bytes {
            return Err(FormRefusal::TooLarge);
        }
        let value = String::from_utf8(part.body.to_vec()).map_err(|_| FormRefusal::Unreadable)?;
        pairs.push((part.name, value));
    }
    Ok((pairs, uploads))
}

/// Stores the report durably (sealed, committed) and gives its receipt as shown
/// (`NNN-NNN-NNNN-NNNNNN`).
async fn store(
    state: &AppState,
    report: Report,
    photos: Vec<CheckedAttachment>,
) -> Result<String, crate::error::ApiError> {
    match crate::reports::submit_checked(state, report, photos).await {
        Ok(receipt) => Ok(receipt.formatted()),
        Err(e) => {
            // Only the stable code: never the report, and the cause is logged where it arose.
            tracing::error!(code = e.code(), "a web report could not be stored");
            Err(e)
        }
    }
}

fn receipt_page(tr: Tr, receipt: String) -> Response {
    private(render(&ReceiptPage { c: Chrome::new(tr, "/report"), receipt }, StatusCode::OK))
}

/// A receipt in the real format that belongs to no report, for the honeypot's answer.
fn decoy_receipt() -> String {
    let mut rng = rand::rng();
    let d: String = (0..16).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
    format!("{}-{}-{}-{}", &d[0..3], &d[3..6], &d[6..10], &d[10..16])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use shieldcheck_report::{Ask, Outcome, Shown, TimeOfDay, Title, VehicleKind};

    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ReportForm {
        ReportForm::from_pairs(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    #[test]
    fn answers_become_a_contract_report() {
        let f = form(&[
            ("lang", "es"),
            ("date", "2026-03-14"),
            ("time_of_day", "early_morning"),
            ("place_kind", "home"),
            ("borough", "Manhattan"),
            ("place_description", " Post Ave near 207 St "),
            ("agency", "NYPD"),
            ("titles", "detective"),
            ("titles", "police"),
            ("unit", "the three-four"),
            ("names", "Det. Rivera\r\n\r\nSmith"),
            ("shield_numbers", "4471"),
            ("showed", "badge"),
            ("asks", "open_door"),
            ("asks", "come_to_precinct"),
            ("vehicle_seen", "yes"),
            ("vehicle_kind", "suv"),
            ("vehicle_plate", "HXR 45"),
            ("people_count", "٣"),
            ("outcome", "detained_someone"),
            ("check", "no_match"),
            ("narrative", "Tocaron a las 6:40"),
            ("role", "family"),
            ("contact", "+1 917 555 0100"),
            ("wants_contact", "yes"),
            ("unexpected", "ignored"),
        ]);
        let report = validate(&f, Lang::Es, 1_773_493_331).unwrap();
        assert_eq!(report.source, Some(Source::Web));
        assert_eq!(report.language.as_deref(), Some("es"));
        assert_eq!(report.submitted_at.as_deref(), Some("2026-03-14T13:02:11Z"));
        let incident = report.incident.as_ref().unwrap();
        assert_eq!(incident.time_of_day, Some(TimeOfDay::EarlyMorning));
        let place = incident.place.as_ref().unwrap();
        assert_eq!(place.description.as_deref(), Some("Post Ave near 207 St"));
        let claims = report.claims.as_ref().unwrap();
        assert_eq!(claims.titles, Some(vec![Title::Detective, Title::Police]));
        assert_eq!(claims.names, Some(vec!["Det. Rivera".to_owned(), "Smith".to_owned()]));
        assert_eq!(claims.showed, Some(vec![Shown::Badge]));
        assert_eq!(report.asks, Some(vec![Ask::OpenDoor, Ask::ComeToPrecinct]));
        let vehicle = &report.vehicles.as_ref().unwrap()[0];
        assert_eq!(vehicle.kind, Some(VehicleKind::Suv));
        assert_eq!(vehicle.plate.as_deref(), Some("HXR 45"));
        assert_eq!(report.actors.as_ref().unwrap().count, Some(3));
        assert_eq!(report.outcome, Some(Outcome::DetainedSomeone));
        assert_eq!(report.check, Some(Check { done: Some(true), result: Some(CheckResult::NoMatch) }));
        let reporter = report.reporter.as_ref().unwrap();
        assert_eq!(reporter.contact.as_deref(), Some("+1 917 555 0100"));
        assert_eq!(reporter.wants_contact, Some(true));
        // The JSON a report of the API would be.
        assert!(Report::from_json(report.to_json_line().as_bytes()).is_ok());
    }

    #[test]
    fn vehicle_answers_count_only_after_yes() {
        let f = form(&[("narrative", "x"), ("vehicle_seen", "no"), ("vehicle_plate", "ABC")]);
        assert_eq!(validate(&f, Lang::En, 0).unwrap().vehicles, None);
        let f = form(&[("narrative", "x"), ("vehicle_plate", "ABC")]);
        assert_eq!(validate(&f, Lang::En, 0).unwrap().vehicles, None);
    }

    #[test]
    fn an_empty_form_says_nothing_was_reported() {
        let errors = validate(&form(&[("role", "self")]), Lang::En, 0).unwrap_err();
        assert_eq!(errors, vec![FormError { field: "narrative", code: "nothing_reported" }]);
    }

    #[test]
    fn mistakes_are_tied_to_their_fields_in_form_order() {
        let long = "x".repeat(1_001);
        let f = form(&[
            ("narrative", "something happened"),
            ("titles", "spaceman"),
            ("date", "14/03/2026"),
            ("people_count", "many"),
            ("vehicle_seen", "yes"),
            ("vehicle_plate", &long),
            ("outcome", "exploded"),
            ("names", "ok\nbad\u{7}"),
        ]);
        let fields: Vec<_> = validate(&f, Lang::En, 0).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("date", "invalid_time"),
                ("titles", "invalid"),
                ("names", "invalid_characters"),
                ("vehicle_plate", "too_long"),
                ("people_count", "not_a_number"),
                ("outcome", "invalid"),
            ]
        );
        let f = form(&[("narrative", "x"), ("people_count", "0")]);
        assert_eq!(
            validate(&f, Lang::En, 0).unwrap_err(),
            vec![FormError { field: "people_count", code: "out_of_range" }]
        );
    }

    #[test]
    fn contract_paths_map_to_form_fields() {
        assert_eq!(field_of("claims.names[3]"), "names");
        assert_eq!(field_of("vehicles[0].plate_state"), "vehicle_plate_state");
        assert_eq!(field_of("incident.place.description"), "place_description");
        assert_eq!(field_of(""), "narrative");
    }

    #[test]
    fn decoy_receipts_look_real() {
        let r = decoy_receipt();
        assert_eq!(r.len(), 19);
        assert_eq!(r.matches('-').count(), 3);
    }
}
