//! Cross-cutting HTTP behaviour: security headers on every response, and a request log that
//! records the method, the route template, the status and the time taken — never addresses,
//! user agents, query strings or bodies.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

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
