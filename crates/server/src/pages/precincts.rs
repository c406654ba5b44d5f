//! `/precincts`: every precinct's real desk phone, from the registry (never a number a
//! claimant gave).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use super::{Chrome, LangParam, render, tel, tr_for};
use crate::AppState;

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

pub(super) async fn precincts(
    State(state): State<AppState>,
    Query(q): Query<LangParam>,
    headers: HeaderMap,
) -> Response {
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
