//! `/verify`: the claim check form (name, rank, number, command) answered on the page, and the
//! camera scanner of officers' QR codes (`static/scan.js` with the WebAssembly verifier).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use shieldcheck_claim::{Claim, ClaimResult};
use shieldcheck_nypd::rank::ClaimedRank;
use shieldcheck_service::claims::{ClaimError, ClaimResponse, answer, check_claim};
use shieldcheck_service::i18n::Tr;

use super::{Chrome, LangParam, credential_rank_labels, embeddable, message, render, tel, tr_for};
use crate::AppState;

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

/// The claim form's fields, kept to fill the form again under the answer.
#[derive(Debug, Default, Deserialize)]
pub(super) struct VerifyForm {
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

pub(super) async fn verify_form(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
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

pub(super) async fn verify_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<VerifyForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        let tr = tr_for(None, &headers);
        return message(tr, "error-heading", "error-internal", StatusCode::BAD_REQUEST);
    };
    let tr = tr_for(form.lang.as_deref(), &headers);
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
