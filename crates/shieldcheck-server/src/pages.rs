//! The public pages: home, the claim check form, and the precinct phone list. Server-rendered
//! from compiled, auto-escaping templates; every form works without JavaScript; every string
//! comes from the translation catalogue.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use shieldcheck_core::claim::{Claim, ClaimResult};
use shieldcheck_core::rank::ClaimedRank;

use crate::AppState;
use crate::api::{ClaimResponse, answer, check_claim, request_lang};
use crate::client::Client;
use crate::error::ApiError;
use crate::i18n::{Lang, Tr};

pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/", get(home))
        .route("/verify", get(verify_form).post(verify_submit))
        .route("/precincts", get(precincts))
        .route("/static/style.css", get(stylesheet))
        .fallback(not_found)
}

/// One entry of the language picker.
struct LangOption {
    tag: &'static str,
    name: &'static str,
    selected: bool,
}

/// What every page shares: the language, and the path the language picker returns to.
struct Chrome {
    tr: Tr,
    path: &'static str,
    languages: Vec<LangOption>,
}

impl Chrome {
    fn new(tr: Tr, path: &'static str) -> Chrome {
        let languages = Lang::ALL
            .into_iter()
            .map(|l| LangOption { tag: l.tag(), name: l.endonym(), selected: l == tr.lang })
            .collect();
        Chrome { tr, path, languages }
    }

    /// The picker's label, also in English so that a visitor stranded in a language they
    /// cannot read still finds the way back.
    fn language_label(&self) -> String {
        let own = self.tr.t("language-picker-label");
        if self.tr.lang == Lang::En { own } else { format!("{own} / Language") }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    c: Chrome,
    form: VerifyForm,
    ranks: Vec<RankOption>,
    result: Option<ResultView>,
    error: Option<FieldErrorView>,
}

struct RankOption {
    value: &'static str,
    label: String,
    selected: bool,
}

struct ResultView {
    code: &'static str,
    positive: bool,
    headline: String,
    detail: String,
    steps: Vec<StepView>,
}

struct StepView {
    text: String,
    phone: Option<String>,
    tel: Option<String>,
    url: Option<String>,
}

struct FieldErrorView {
    field: &'static str,
    message: String,
}

#[derive(Template)]
#[template(path = "precincts.html")]
struct PrecinctsPage {
    c: Chrome,
    precincts: Vec<PrecinctRow>,
}

struct PrecinctRow {
    name: String,
    borough: String,
    address: String,
    phone: Option<String>,
    tel: Option<String>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    c: Chrome,
    title: String,
    body: String,
}

#[derive(Debug, Deserialize)]
struct LangParam {
    lang: Option<String>,
}

/// The claim form's fields, kept to fill the form again under the answer.
#[derive(Debug, Default, Deserialize)]
struct VerifyForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    rank: String,
    #[serde(default)]
    shield_number: String,
    #[serde(default)]
    tax_registry_number: String,
    #[serde(default)]
    command: String,
    lang: Option<String>,
}

impl VerifyForm {
    fn claim(&self) -> Claim {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        Claim {
            name: opt(&self.name),
            rank: opt(&self.rank),
            shield_number: opt(&self.shield_number),
            tax_registry_number: opt(&self.tax_registry_number),
            command: opt(&self.command),
        }
    }
}

fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

fn tr_for(lang: Option<&str>, headers: &HeaderMap) -> Tr {
    Tr::new(request_lang(lang, headers))
}

async fn home(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    render(&HomePage { c: Chrome::new(tr_for(q.lang.as_deref(), &headers), "/") }, StatusCode::OK)
}

fn rank_options(tr: &Tr, chosen: &str) -> Vec<RankOption> {
    ClaimedRank::ALL
        .into_iter()
        .map(|r| RankOption {
            value: r.slug(),
            label: tr.t(&format!("rank-{}", r.slug())),
            selected: r.slug() == chosen,
        })
        .collect()
}

async fn verify_form(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    let tr = tr_for(q.lang.as_deref(), &headers);
    let page = VerifyPage {
        ranks: rank_options(&tr, ""),
        c: Chrome::new(tr, "/verify"),
        form: VerifyForm::default(),
        result: None,
        error: None,
    };
    render(&page, StatusCode::OK)
}

async fn verify_submit(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    form: Result<Form<VerifyForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        let tr = tr_for(None, &headers);
        return message(tr, "error-heading", "error-internal", StatusCode::BAD_REQUEST);
    };
    let tr = tr_for(form.lang.as_deref(), &headers);
    if !state.limiter.allow(client) {
        return message(tr, "error-heading", "error-rate_limited", StatusCode::TOO_MANY_REQUESTS);
    }
    let claim = form.claim();
    let mut page = VerifyPage {
        ranks: rank_options(&tr, &form.rank),
        c: Chrome::new(tr, "/verify"),
        form,
        result: None,
        error: None,
    };
    let status = match check_claim(state.store.as_ref(), state.registry, &claim).await {
        Ok(result) => {
            page.result = Some(result_view(answer(&tr, &claim, result, state.registry)));
            StatusCode::OK
        }
        Err(ApiError::Field(e)) => {
            page.error = Some(FieldErrorView { field: e.field(), message: tr.t(&format!("error-{}", e.code())) });
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(_) => {
            return message(tr, "error-heading", "error-internal", StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    render(&page, status)
}

fn result_view(answer: ClaimResponse) -> ResultView {
    ResultView {
        code: answer.result.as_str(),
        positive: answer.result == ClaimResult::MatchesActiveMember,
        headline: answer.answer,
        detail: answer.detail,
        steps: answer
            .next_steps
            .into_iter()
            .map(|s| StepView { tel: s.phone.as_deref().map(tel), text: s.text, phone: s.phone, url: s.url })
            .collect(),
    }
}

/// A `tel:` URI for a phone number as published ("212-927-9711" → "tel:+12129279711").
fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 { format!("tel:+1{digits}") } else { format!("tel:{digits}") }
}

async fn precincts(State(state): State<AppState>, Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    let tr = tr_for(q.lang.as_deref(), &headers);
    let precincts = state
        .registry
        .precincts()
        .map(|p| PrecinctRow {
            name: p.name.clone(),
            borough: p.borough.clone().unwrap_or_default(),
            address: p.address.clone().unwrap_or_default(),
            tel: p.desk_phone.as_deref().map(tel),
            phone: p.desk_phone.clone(),
        })
        .collect();
    let page = PrecinctsPage { c: Chrome::new(tr, "/precincts"), precincts };
    let mut response = render(&page, StatusCode::OK);
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    response
}

fn message(tr: Tr, title: &str, body: &str, status: StatusCode) -> Response {
    let page = MessagePage { title: tr.t(title), body: tr.t(body), c: Chrome::new(tr, "/") };
    render(&page, status)
}

async fn not_found(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    message(tr_for(q.lang.as_deref(), &headers), "not-found-title", "not-found-body", StatusCode::NOT_FOUND)
}

const STYLESHEET: &str = include_str!("../static/style.css");

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        STYLESHEET,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn tel_uris_hold_only_digits() {
        assert_eq!(super::tel("212-927-9711"), "tel:+12129279711");
        assert_eq!(super::tel("911"), "tel:911");
    }
}
