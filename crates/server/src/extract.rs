//! What handlers take from a request beyond axum's own extractors: who is asking, as far as
//! rate limiting needs to know (an opaque key, never an address), a JSON body whose
//! rejections carry stable codes, and the language of the request.

use std::net::{IpAddr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use serde::Deserialize;
use shieldcheck_service::i18n::Lang;

use crate::AppState;
use crate::error::ApiError;
use shieldcheck_service::ratelimit::ClientKey;

/// The rate-limiting key of the client making a request. The address it is derived from is
/// dropped at once; only the keyed hash is kept, and only in memory.
#[derive(Debug, Clone, Copy)]
pub struct Client(pub ClientKey);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let forwarded = state
            .settings
            .server
            .trust_forwarded_for
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(Client(state.limiter.client_key(forwarded.or(peer))))
    }
}

/// A JSON body whose rejections become [`ApiError`]s with stable codes.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = axum::extract::rejection::JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiJson(Json::<T>::from_request(req, state).await?.0))
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LangQuery {
    /// A language tag of the 12 the service speaks (en, es, zh-Hant, zh-Hans, ru, bn, ht, ko,
    /// ar, ur, fr, pl); otherwise `Accept-Language` decides.
    pub lang: Option<String>,
}

/// The language of a request: `?lang=` first, then `Accept-Language`, then English.
pub fn request_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    query.and_then(Lang::from_tag).unwrap_or_else(|| {
        headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map_or(Lang::En, Lang::negotiate)
    })
}
