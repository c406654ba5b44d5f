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
use shieldcheck_claim::{Claim, ClaimResult};
use shieldcheck_nypd::rank::{ClaimedRank, Rank};

use crate::AppState;
use crate::api::request_lang;
use crate::client::Client;
use shieldcheck_service::claims::{ClaimError, ClaimResponse, answer, check_claim};
use shieldcheck_service::i18n::{Lang, Tr};

pub fn router() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/", get(home))
        .route("/verify", get(verify_form).post(verify_submit))
        .route("/precincts", get(precincts))
        .route("/officer", get(officer))
        .route("/static/style.css", get(stylesheet))
        .route("/static/{file}", get(asset))
        .route("/static/wasm/{file}", get(wasm_asset))
        .route("/sw.js", get(service_worker))
        .fallback(not_found)
}

/// One entry of the language picker.
pub(crate) struct LangOption {
    pub(crate) tag: &'static str,
    pub(crate) name: &'static str,
    pub(crate) selected: bool,
}

/// What every page shares: the language, and the path the language picker returns to.
pub(crate) struct Chrome {
    pub(crate) tr: Tr,
    pub(crate) path: &'static str,
    pub(crate) languages: Vec<LangOption>,
}

impl Chrome {
    pub(crate) fn new(tr: Tr, path: &'static str) -> Chrome {
        let languages = Lang::ALL
            .into_iter()
            .map(|l| LangOption { tag: l.tag(), name: l.endonym(), selected: l == tr.lang })
            .collect();
        Chrome { tr, path, languages }
    }

    /// The picker's label, also in English so that a visitor stranded in a language they
    /// cannot read still finds the way back.
    pub(crate) fn language_label(&self) -> String {
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
    /// The scanner's texts in the page's language (JSON for scan.js).
    scan_json: String,
}

#[derive(Template)]
#[template(path = "officer.html")]
struct OfficerPage {
    c: Chrome,
    /// The wallet's texts in the page's language (JSON for officer.js).
    strings_json: String,
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

pub(crate) fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

pub(crate) fn tr_for(lang: Option<&str>, headers: &HeaderMap) -> Tr {
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

/// Rank labels by credential rank code: each rank is shown as the title people hear
/// ("Detective" for every detective grade).
fn credential_rank_labels(tr: &Tr) -> serde_json::Map<String, serde_json::Value> {
    Rank::ALL
        .into_iter()
        .filter_map(|rank| {
            let claimed = ClaimedRank::ALL.into_iter().find(|c| c.accepts(rank))?;
            Some((rank.as_str().to_owned(), tr.t(&format!("rank-{}", claimed.slug())).into()))
        })
        .collect()
}

/// JSON to embed in a `<script type="application/json">`: `<` escaped so that no text can
/// close the element.
fn embeddable(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

const VERIFY_RESULTS: [&str; 10] = [
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

fn scan_strings(tr: &Tr) -> String {
    let reasons: serde_json::Map<String, serde_json::Value> =
        VERIFY_RESULTS.iter().map(|code| ((*code).to_owned(), tr.t(&format!("scan-reason-{code}")).into())).collect();
    embeddable(&serde_json::json!({
        "valid": tr.t("scan-valid"),
        "invalid": tr.t("scan-invalid"),
        "compare": tr.t("scan-compare"),
        "call_desk": tr.t("scan-call-desk"),
        "looking": tr.t("scan-looking"),
        "checking": tr.t("scan-checking"),
        "no_camera": tr.t("scan-no-camera"),
        "as_of": tr.t1("scan-status-as-of", "time", "{time}"),
        "challenge": tr.t1("scan-challenge-show", "code", "{code}"),
        "name": tr.t("scan-field-name"),
        "rank": tr.t("scan-field-rank"),
        "number": tr.t("scan-field-number"),
        "command": tr.t("scan-field-command"),
        "reasons": reasons,
        "ranks": credential_rank_labels(tr),
    }))
}

async fn officer(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    let tr = tr_for(q.lang.as_deref(), &headers);
    let strings = embeddable(&serde_json::json!({
        "enrolling": tr.t("officer-enrolling"),
        "expires": tr.t1("officer-expires", "date", "{date}"),
        "errors": {
            "invalid_enrolment_code": tr.t("officer-error-invalid_enrolment_code"),
            "other": tr.t("officer-error-other"),
        },
        "ranks": credential_rank_labels(&tr),
    }));
    render(&OfficerPage { c: Chrome::new(tr, "/officer"), strings_json: strings }, StatusCode::OK)
}

async fn verify_form(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    let tr = tr_for(q.lang.as_deref(), &headers);
    let page = VerifyPage {
        ranks: rank_options(&tr, ""),
        c: Chrome::new(tr, "/verify"),
        form: VerifyForm::default(),
        result: None,
        error: None,
        scan_json: scan_strings(&tr),
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
        scan_json: scan_strings(&tr),
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
        Err(ClaimError::Input(e)) => {
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

/// The scripts and the WebAssembly verifier, compiled into the binary so that a fresh clone
/// serves them without a WebAssembly toolchain (`scripts/build-wasm` rebuilds the wasm pair).
const ASSETS: [(&str, &str, &[u8]); 2] = [
    ("scan.js", "text/javascript; charset=utf-8", include_bytes!("../static/scan.js")),
    ("officer.js", "text/javascript; charset=utf-8", include_bytes!("../static/officer.js")),
];
const WASM_ASSETS: [(&str, &str, &[u8]); 2] = [
    ("shieldcheck_wasm.js", "text/javascript; charset=utf-8", include_bytes!("../static/wasm/shieldcheck_wasm.js")),
    ("shieldcheck_wasm_bg.wasm", "application/wasm", include_bytes!("../static/wasm/shieldcheck_wasm_bg.wasm")),
];

fn serve_asset(table: &[(&str, &'static str, &'static [u8])], file: &str) -> Response {
    match table.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                // Revalidated, not versioned by name: a deploy reaches phones within an hour.
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn asset(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    serve_asset(&ASSETS, &file)
}

async fn wasm_asset(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    serve_asset(&WASM_ASSETS, &file)
}

async fn service_worker() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            // Browsers check the worker for updates; never let a cache pin an old one.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        include_str!("../static/sw.js"),
    )
        .into_response()
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
