//! The public pages, one module a page: home, the claim check and scanner (`/verify`), the
//! officer's wallet, the precinct phone list, the report questionnaire and follow-up.
//! Server-rendered from compiled, auto-escaping templates; every form works without
//! JavaScript; every string comes from the translation catalogue. This module holds what they
//! share: the chrome around every page (language picker), rendering, and the message page.

use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use shieldcheck_nypd::rank::{ClaimedRank, Rank};
use shieldcheck_service::i18n::{Lang, Tr};

use crate::AppState;
use crate::extract::request_lang;
use crate::layers;

mod claim_check;
pub(crate) mod followup;
mod home;
mod officer;
mod precincts;
pub(crate) mod report;

/// The pages; the claim form of `/verify` spends the client's rate-limit budget.
pub fn router(state: &AppState) -> axum::Router<AppState> {
    let claim_form =
        post(claim_check::verify_submit).route_layer(from_fn_with_state(state.clone(), layers::rate_limit_page));
    axum::Router::new()
        .route("/", get(home::home))
        .route("/verify", get(claim_check::verify_form).merge(claim_form))
        .route("/precincts", get(precincts::precincts))
        .route("/officer", get(officer::officer))
        .merge(report::router())
        .merge(followup::router())
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
#[template(path = "message.html")]
struct MessagePage {
    c: Chrome,
    title: String,
    body: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct LangParam {
    pub(crate) lang: Option<String>,
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

/// Rank labels by credential rank code: each rank is shown as the title people hear
/// ("Detective" for every detective grade).
pub(crate) fn credential_rank_labels(tr: &Tr) -> serde_json::Map<String, serde_json::Value> {
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
pub(crate) fn embeddable(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// A `tel:` URI for a phone number as published ("212-927-9711" → "tel:+12129279711").
pub(crate) fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 { format!("tel:+1{digits}") } else { format!("tel:{digits}") }
}

pub(crate) fn message(tr: Tr, title: &str, body: &str, status: StatusCode) -> Response {
    let page = MessagePage { title: tr.t(title), body: tr.t(body), c: Chrome::new(tr, "/") };
    render(&page, status)
}

async fn not_found(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    message(tr_for(q.lang.as_deref(), &headers), "not-found-title", "not-found-body", StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tel_uris_hold_only_digits() {
        assert_eq!(super::tel("212-927-9711"), "tel:+12129279711");
        assert_eq!(super::tel("911"), "tel:911");
    }
}
