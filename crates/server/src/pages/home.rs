//! `/`: what shieldcheck is for, and the ways in.

use askama::Template;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::{Chrome, LangParam, render, tr_for};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
}

pub(super) async fn home(Query(q): Query<LangParam>, headers: HeaderMap) -> Response {
    render(&HomePage { c: Chrome::new(tr_for(q.lang.as_deref(), &headers), "/") }, StatusCode::OK)
}
