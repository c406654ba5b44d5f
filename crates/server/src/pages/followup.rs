//! The public follow-up page at `/followup`: the reporter types the receipt, sees the report's
//! status, how often the case team opened it, whether anything left the City and the messages,
//! and can add information or write to the case team. Server-rendered, works without
//! JavaScript, every string from the catalogue, errors tied to their fields. The receipt goes
//! only in POST bodies (a hidden field once it was accepted), never in a URL, and no response
//! is cached or sent on as a referrer.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Query};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use shieldcheck_casefile::followup::EntryKind;
use shieldcheck_report::ReportErrorCode;

use crate::AppState;
use crate::api::followup::{add_entry, open_case, view};
use crate::error::ApiError;
use crate::pages::{Chrome, render, tr_for};
use shieldcheck_service::followup::FollowupResponse;
use shieldcheck_service::i18n::{Lang, Tr};

/// A 20,000-character addendum in a four-byte script, percent-encoded, with room to spare.
const MAX_FORM_BYTES: usize = 400 * 1024;

pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/followup", get(followup_form).post(followup_submit).layer(DefaultBodyLimit::max(MAX_FORM_BYTES)))
}

/// What the page's forms send. `Debug` shows nothing: a receipt and a reporter's words.
#[derive(Default, Deserialize)]
#[serde(default)]
struct FollowupForm {
    lang: String,
    receipt: String,
    /// `view`, `addendum` or `message`.
    action: String,
    addendum: String,
    message: String,
}

impl std::fmt::Debug for FollowupForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FollowupForm(…)")
    }
}

struct ErrorLink {
    target: &'static str,
    message: String,
}

struct MessageView {
    from_team: bool,
    from: String,
    kind: String,
    at: String,
    /// `None`: written before messages could be shown here again.
    text: Option<String>,
}

struct CaseView {
    status: String,
    status_text: String,
    since: String,
    opened: String,
    left: bool,
    left_text: String,
    no_replies: Option<String>,
    messages: Vec<MessageView>,
}

#[derive(Template)]
#[template(path = "followup.html")]
struct FollowupPage {
    c: Chrome,
    /// The receipt as typed (kept in the field after a mistake; a hidden field once accepted).
    receipt: String,
    receipt_error: Option<String>,
    case: Option<CaseView>,
    addendum: String,
    addendum_error: Option<String>,
    message: String,
    message_error: Option<String>,
    /// Said after something was saved.
    notice: Option<String>,
    errors: Vec<ErrorLink>,
    error_code: Option<&'static str>,
}

impl FollowupPage {
    fn new(tr: Tr) -> FollowupPage {
        FollowupPage {
            c: Chrome::new(tr, "/followup"),
            receipt: String::new(),
            receipt_error: None,
            case: None,
            addendum: String::new(),
            addendum_error: None,
            message: String::new(),
            message_error: None,
            notice: None,
            errors: Vec::new(),
            error_code: None,
        }
    }

    fn error(&mut self, target: &'static str, code: &'static str, message: String) {
        match target {
            "receipt" => self.receipt_error = Some(message.clone()),
            "addendum" => self.addendum_error = Some(message.clone()),
            _ => self.message_error = Some(message.clone()),
        }
        self.errors.push(ErrorLink { target, message });
        self.error_code.get_or_insert(code);
    }
}

/// `2026-03-14 13:00 UTC`: the hours follow-up keeps, written the same in every language.
fn hour_text(rfc3339: &str) -> String {
    format!("{} {} UTC", rfc3339.get(0..10).unwrap_or(""), rfc3339.get(11..16).unwrap_or(""))
}

fn case_view(tr: &Tr, answer: FollowupResponse) -> CaseView {
    let messages = answer
        .messages
        .into_iter()
        .map(|m| MessageView {
            from_team: m.from == "team",
            from: tr.t(&format!("followup-from-{}", m.from)),
            kind: tr.t(&format!("followup-kind-{}", m.kind)),
            at: hour_text(&m.at),
            text: m.text,
        })
        .collect();
    CaseView {
        status_text: tr.t(&format!("followup-status-{}", answer.status)),
        status: answer.status,
        since: hour_text(&answer.status_since),
        opened: tr.t1("followup-opened", "count", &answer.opened.to_string()),
        left: answer.left_the_city,
        left_text: if answer.left_the_city {
            tr.t1("followup-left-yes", "count", &answer.disclosures.to_string())
        } else {
            tr.t("followup-left-no")
        },
        no_replies: (!answer.replies_possible).then(|| tr.t("followup-no-replies")),
        messages,
    }
}

/// Responses here carry a receipt or a reporter's words: never cached, never a referrer.
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

async fn followup_form(Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    private(render(&FollowupPage::new(tr_for(q.lang.as_deref(), &headers)), StatusCode::OK))
}

fn message_page(tr: Tr, key: &str, status: StatusCode) -> Response {
    let mut page = FollowupPage::new(tr);
    page.notice = Some(tr.t(&format!("followup-{key}")));
    let mut response = private(render(&page, status));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    response
}

async fn followup_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Form<FollowupForm>, FormRejection>,
) -> Response {
    let form = match body {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let tr = tr_for(None, &headers);
            let key = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE { "too-large" } else { "unreadable" };
            return message_page(tr, key, rejection.status());
        }
    };
    let lang = Lang::from_tag(&form.lang).unwrap_or_else(|| crate::extract::request_lang(None, &headers));
    let tr = Tr::new(lang);
    let mut page = FollowupPage::new(tr);
    page.receipt = form.receipt.trim().to_owned();

    let mut case = match open_case(&state, &form.receipt).await {
        Ok(case) => case,
        Err(ApiError::InvalidReceipt) => {
            page.error("receipt", "invalid_receipt", tr.t("followup-error-invalid_receipt"));
            return private(render(&page, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(ApiError::ReceiptNotFound) => {
            page.error("receipt", "receipt_not_found", tr.t("followup-error-not_found"));
            return private(render(&page, StatusCode::NOT_FOUND));
        }
        Err(ApiError::FollowupBusy) => return message_page(tr, "busy", StatusCode::SERVICE_UNAVAILABLE),
        Err(e) => {
            tracing::error!(code = e.code(), "a follow-up lookup failed");
            return message_page(tr, "failed", StatusCode::INTERNAL_SERVER_ERROR);
        }
    };

    let written = match form.action.as_str() {
        "addendum" => Some((EntryKind::Addendum, "addendum", form.addendum.as_str())),
        "message" => Some((EntryKind::Message, "message", form.message.as_str())),
        _ => None,
    };
    let mut status = StatusCode::OK;
    if let Some((kind, field, text)) = written {
        match add_entry(&state, &case, kind, field, text).await {
            Ok(()) => {
                case.note_entry_added();
                page.notice = Some(tr.t("followup-sent"));
            }
            Err(e) => {
                // The words stay in their field to be corrected.
                if field == "addendum" {
                    page.addendum = text.to_owned();
                } else {
                    page.message = text.to_owned();
                }
                let (code, message) = match &e {
                    ApiError::Report(refused) => match refused.code() {
                        ReportErrorCode::TooLong => ("too_long", tr.t("report-error-too_long")),
                        ReportErrorCode::InvalidCharacters => {
                            ("invalid_characters", tr.t("report-error-invalid_characters"))
                        }
                        _ => ("empty", tr.t("followup-error-empty")),
                    },
                    ApiError::TooManyEntries => ("too_many_entries", tr.t("followup-error-too_many")),
                    other => {
                        tracing::error!(code = other.code(), "a follow-up entry could not be stored");
                        return message_page(tr, "failed", StatusCode::INTERNAL_SERVER_ERROR);
                    }
                };
                let target = if field == "addendum" { "addendum" } else { "message" };
                page.error(target, code, message);
                status = StatusCode::UNPROCESSABLE_ENTITY;
            }
        }
    }
    match view(&state, case).await {
        Ok(answer) => {
            page.case = Some(case_view(&tr, answer));
            private(render(&page, status))
        }
        Err(e) => {
            tracing::error!(code = e.code(), "a follow-up could not be shown");
            message_page(tr, "failed", StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hours_are_written_plainly() {
        assert_eq!(super::hour_text("2026-03-14T13:00:00Z"), "2026-03-14 13:00 UTC");
    }
}
