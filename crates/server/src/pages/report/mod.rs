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
use axum::response::Response;
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

mod ceiling;
mod form;
mod steps;
mod view;

pub use ceiling::Intake;
use form::*;
use steps::*;
use view::*;

/// `/report` and its script and stylesheet. The questionnaire reads its body itself, under
/// `max_form_bytes` for the answers and, sent as multipart with photos, that plus every photo
/// at its limit; the service-wide cap is lifted on this route only (a long story in a
/// four-byte script, and photos, are larger than any claim check).
pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route("/report", get(report_form).post(report_submit).layer(DefaultBodyLimit::disable()))
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
    let challenge = state.report_intake.challenges.issue(shieldcheck_service::clock::now().as_secs());
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
    let lang = Lang::from_tag(&form.lang).unwrap_or_else(|| crate::extract::request_lang(None, &headers));
    let tr = Tr::new(lang);
    let intake = &state.report_intake;
    let now = shieldcheck_service::clock::now().as_secs();
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
        let bytes = crate::api::reports::read_body(body, &headers, settings.max_form_bytes).await.map_err(refusal)?;
        let mut request = Request::new(Body::from(bytes));
        *request.method_mut() = axum::http::Method::POST;
        *request.headers_mut() = headers;
        let Form(pairs) =
            Form::<Vec<(String, String)>>::from_request(request, &()).await.map_err(|_| FormRefusal::Unreadable)?;
        return Ok((pairs, Vec::new()));
    }
    let boundary = crate::multipart::boundary(&content_type).ok_or(FormRefusal::Unreadable)?;
    let limit = settings.max_multipart_bytes(settings.max_form_bytes);
    let bytes = crate::api::reports::read_body(body, &headers, limit).await.map_err(refusal)?;
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
    match crate::api::reports::submit_checked(state, report, photos).await {
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
