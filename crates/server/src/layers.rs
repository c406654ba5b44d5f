//! Cross-cutting HTTP behaviour, as layers the router names: security headers on every
//! response, a request log that records the method, the route template, the status and the
//! time taken — never addresses, user agents, query strings or bodies — and the per-client
//! rate limit on the routes that spend it (`api::rate_limited`, the claim form of `/verify`).

use std::time::Instant;

use axum::extract::{FromRequest as _, FromRequestParts as _, MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use axum::{Form, body::Body};
use serde::Deserialize;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::Client;

/// No script, style, image, font or connection from any other origin; no framing. Scripts may
/// compile WebAssembly (`'wasm-unsafe-eval'`, which allows nothing else) for the verifier.
const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                   base-uri 'none'";

pub async fn headers_and_log(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route =
        request.extensions().get::<MatchedPath>().map_or_else(|| "(unmatched)".to_owned(), |p| p.as_str().to_owned());
    let mut response = next.run(request).await;

    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(headers, HeaderName::from_static("cross-origin-resource-policy"), "same-origin");
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(self), microphone=(), geolocation=(), interest-cohort=()",
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Answers to claims must not sit in shared or back-button caches.
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    if state.settings.server.behind_tls {
        set(headers, header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    }
    tracing::info!(
        target: "shieldcheck::http",
        %method,
        route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// Spends one request of the client's budget; over it, `rate_limited` (429) before the
/// handler or its body is looked at.
pub async fn rate_limit_api(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(Client(client)) = Client::from_request_parts(&mut parts, &state).await;
    if !state.limiter.allow(client) {
        return ApiError::RateLimited.into_response();
    }
    next.run(Request::from_parts(parts, body)).await
}

/// The language field of a page's form.
#[derive(Deserialize)]
struct FormLang {
    lang: Option<String>,
}

/// As [`rate_limit_api`] for a page's form: over the budget, the page that says so, in the
/// language the form was sent in (its `lang` field, read from the body, which is then handed
/// on unchanged; the body limit of the route still applies).
pub async fn rate_limit_page(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(Client(client)) = Client::from_request_parts(&mut parts, &state).await;
    if state.limiter.allow(client) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let bytes = axum::body::to_bytes(body, state.settings.server.max_body_bytes).await.unwrap_or_default();
    let headers = parts.headers.clone();
    let form = Form::<FormLang>::from_request(Request::from_parts(parts, Body::from(bytes)), &()).await;
    let lang = form.ok().and_then(|Form(f)| f.lang);
    let tr = crate::pages::tr_for(lang.as_deref(), &headers);
    crate::pages::message(tr, "error-heading", "error-rate_limited", axum::http::StatusCode::TOO_MANY_REQUESTS)
}
