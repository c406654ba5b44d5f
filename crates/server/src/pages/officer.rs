//! `/officer`: the officer's wallet, where a device enrols with a one-time code and shows its
//! live QR code (the work is done in the browser by `static/officer.js`).

use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{Chrome, LangParam, credential_rank_labels, embeddable, render, tr_for};

#[derive(Template)]
#[template(path = "officer.html")]
struct OfficerPage {
    c: Chrome,
    /// The wallet's texts in the page's language (JSON for officer.js).
    strings_json: String,
}

pub(super) async fn officer(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
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
