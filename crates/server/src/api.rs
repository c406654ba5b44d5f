//! The JSON API under `/api/v1/`. Routes are registered only through utoipa-axum's
//! `routes!`, which takes path and method from each handler's `#[utoipa::path]`, so every
//! served route is in the OpenAPI document by construction (and a test checks it).

use axum::extract::{FromRequest, Query, Request, State};
use axum::http::HeaderMap;
use axum::{Json, http::header};
use serde::{Deserialize, Serialize};
use shieldcheck_claim::Claim;
use shieldcheck_service::claims::{ClaimResponse, answer, check_claim};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::client::Client;
use crate::error::{ApiError, ErrorBody};
use shieldcheck_service::i18n::{Lang, Tr};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "shieldcheck API",
        description = "Check whether a person who says \"NYPD\" really is one. Errors are \
                       {\"error\": {\"code\", \"message\"}} with stable codes.",
        license(name = "Apache-2.0")
    ),
    servers((url = "/api/v1")),
    components(schemas(ErrorBody))
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(post_claims_check))
        .routes(routes!(post_verify))
        .routes(routes!(get_status_list))
        .routes(routes!(post_enrolment))
        .routes(routes!(health))
        .merge(crate::reports::router())
        .merge(crate::followup::router())
        .routes(routes!(openapi_json))
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    router().into_openapi()
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound
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

/// What the resident was told. Every field is optional; unknown fields are refused.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    /// The name given, with or without a title: "Det. Ana Rivera", "Rivera".
    pub name: Option<String>,
    /// The rank given: "Detective", "PO", "sergeant", or a form value such as "police-officer".
    pub rank: Option<String>,
    /// The number on the shield.
    pub shield_number: Option<String>,
    /// The tax registry number (Lieutenants and above have no shield number).
    pub tax_registry_number: Option<String>,
    /// The precinct or unit named: "the 34th Precinct", "the three-four", "narcotics squad".
    pub command: Option<String>,
}

impl From<ClaimRequest> for Claim {
    fn from(r: ClaimRequest) -> Claim {
        Claim {
            name: r.name,
            rank: r.rank,
            shield_number: r.shield_number,
            tax_registry_number: r.tax_registry_number,
            command: r.command,
        }
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

/// Check a claim against the roster.
///
/// Answers only whether what the person was told matches an active member. A check needs a
/// last name and either a rank with a shield number or a tax registry number. Rate limited.
#[utoipa::path(
    post,
    path = "/claims/check",
    params(LangQuery),
    request_body = ClaimRequest,
    responses(
        (status = 200, description = "The answer", body = ClaimResponse),
        (status = 400, description = "malformed_json", body = ErrorBody),
        (status = 413, description = "payload_too_large", body = ErrorBody),
        (status = 415, description = "unsupported_media_type", body = ErrorBody),
        (status = 422, description = "invalid_request, field_too_long or invalid_characters", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ),
    tag = "claims"
)]
async fn post_claims_check(
    State(state): State<AppState>,
    Client(client): Client,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<ApiJson<ClaimRequest>, ApiError>,
) -> Result<Json<ClaimResponse>, ApiError> {
    if !state.limiter.allow(client) {
        return Err(ApiError::RateLimited);
    }
    let ApiJson(request) = body?;
    let claim = Claim::from(request);
    let result = check_claim(state.store.as_ref(), state.registry, &claim).await?;
    let tr = Tr::new(request_lang(query.lang.as_deref(), &headers));
    Ok(Json(answer(&tr, &claim, result, state.registry)))
}

/// A presentation to verify: the text of an officer's QR code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    /// The `SC1:` payload.
    pub payload: String,
    /// The 4-digit challenge the verifier showed, in challenge mode.
    pub challenge: Option<u16>,
}

/// Verify an officer's live QR presentation.
///
/// Checks the issuer signature against shieldcheck's own keys, the officer's device
/// signature and time step, validity, and the current status list. Rate limited.
#[utoipa::path(
    post,
    path = "/verify",
    request_body = VerifyRequest,
    responses(
        (status = 200, description = "The answer", body = shieldcheck_service::credentials::VerifyAnswer),
        (status = 400, description = "malformed_json", body = ErrorBody),
        (status = 413, description = "payload_too_large", body = ErrorBody),
        (status = 415, description = "unsupported_media_type", body = ErrorBody),
        (status = 422, description = "invalid_request", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ),
    tag = "credentials"
)]
async fn post_verify(
    State(state): State<AppState>,
    Client(client): Client,
    body: Result<ApiJson<VerifyRequest>, ApiError>,
) -> Result<Json<shieldcheck_service::credentials::VerifyAnswer>, ApiError> {
    if !state.limiter.allow(client) {
        return Err(ApiError::RateLimited);
    }
    let ApiJson(request) = body?;
    let now = shieldcheck_service::clock::now();
    let options = shieldcheck_credential::VerifyOptions {
        challenge: request.challenge,
        clock_skew_secs: state.settings.credentials.clock_skew_secs,
    };
    let verification = state.verifier.verify(request.payload, options, now).await.map_err(ApiError::internal)?;
    Ok(Json(shieldcheck_service::credentials::VerifyAnswer::new(verification, state.registry)))
}

/// An officer's device enrolling with a one-time code from the credential office.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentRequest {
    /// The code, `XXXX-XXXX-XXXX` (case, spaces and dashes do not matter).
    pub code: String,
    /// The device's P-256 public key as a JWK (WebCrypto's `exportKey("jwk", publicKey)`).
    pub device_public_key: DeviceJwk,
}

/// A P-256 public key as a JWK (RFC 7518 §6.2); private members are refused.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DeviceJwk {
    /// "EC"
    pub kty: String,
    /// "P-256"
    pub crv: String,
    /// base64url, 32 bytes
    pub x: String,
    /// base64url, 32 bytes
    pub y: String,
    /// Must be absent: a private key never leaves the device.
    pub d: Option<String>,
}

impl DeviceJwk {
    /// SEC1 uncompressed, once the point is known to be on the curve.
    fn to_sec1(&self) -> Option<Vec<u8>> {
        use shieldcheck_credential::keyset::base64url_decode;
        if self.kty != "EC" || self.crv != "P-256" || self.d.is_some() {
            return None;
        }
        let (x, y) = (base64url_decode(&self.x)?, base64url_decode(&self.y)?);
        if x.len() != 32 || y.len() != 32 {
            return None;
        }
        let mut sec1 = vec![4u8];
        sec1.extend_from_slice(&x);
        sec1.extend_from_slice(&y);
        let point = p256::EncodedPoint::from_bytes(&sec1).ok()?;
        p256::PublicKey::from_sec1_bytes(point.as_bytes()).ok()?;
        Some(sec1)
    }
}

/// The credential, for the device that enrolled.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EnrolmentResponse {
    /// The credential (COSE_Sign1), base64url.
    pub credential: String,
    /// Whom it names, as verifiers will show them.
    pub member: shieldcheck_service::credentials::MemberView,
    /// Unix time it expires.
    pub expires: i64,
}

/// Enrol an officer's device.
///
/// Exchanges a one-time enrolment code for a credential bound to the device's public key.
/// Unknown, used and expired codes get the same answer. Rate limited.
#[utoipa::path(
    post,
    path = "/enrolments",
    request_body = EnrolmentRequest,
    responses(
        (status = 201, description = "Enrolled", body = EnrolmentResponse),
        (status = 400, description = "malformed_json", body = ErrorBody),
        (status = 403, description = "invalid_enrolment_code", body = ErrorBody),
        (status = 409, description = "member_not_active", body = ErrorBody),
        (status = 422, description = "invalid_device_key or invalid_request", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
        (status = 503, description = "enrolment_unavailable: the service holds no issuer key", body = ErrorBody),
    ),
    tag = "credentials"
)]
async fn post_enrolment(
    State(state): State<AppState>,
    Client(client): Client,
    body: Result<ApiJson<EnrolmentRequest>, ApiError>,
) -> Result<(axum::http::StatusCode, Json<EnrolmentResponse>), ApiError> {
    use shieldcheck_service::issuer::{IssuerError, enrolment_code_hash};
    if !state.limiter.allow(client) {
        return Err(ApiError::RateLimited);
    }
    let ApiJson(request) = body?;
    let issuer = state.issuer.as_ref().ok_or(ApiError::EnrolmentUnavailable)?;
    let device_key = request.device_public_key.to_sec1().ok_or(ApiError::InvalidDeviceKey)?;
    let hash = enrolment_code_hash(&request.code).ok_or(ApiError::InvalidEnrolmentCode)?;
    let now = shieldcheck_service::clock::now();
    let store = state.store.as_ref();
    let member_id = store.take_enrolment_code(&hash, now).await.map_err(ApiError::internal)?;
    let member_id = member_id.ok_or(ApiError::InvalidEnrolmentCode)?;
    let days = state.settings.credentials.validity_days;
    let issued = issuer.issue(store, &member_id, device_key, days, now).await.map_err(|e| match e {
        IssuerError::NoSuchMember | IssuerError::NotActive(_) => ApiError::MemberNotActive,
        e => ApiError::internal(e),
    })?;
    tracing::info!(target: "shieldcheck::audit", member = %member_id, kid = %issuer.kid(), "credential issued by enrolment");
    let response = EnrolmentResponse {
        credential: shieldcheck_credential::keyset::base64url_encode(&issued.credential),
        member: issued.member_view(state.registry),
        expires: issued.claims.expires,
    };
    Ok((axum::http::StatusCode::CREATED, Json(response)))
}

/// The signed status list (draft-ietf-oauth-status-list, CWT form).
///
/// The latest token the credential office published; verifiers cache it for its ttl.
#[utoipa::path(
    get,
    path = "/status-lists/1",
    responses(
        (status = 200, description = "A COSE_Sign1 status list token", content_type = "application/statuslist+cwt", body = Vec<u8>),
        (status = 404, description = "not_found: no status list published yet", body = ErrorBody),
    ),
    tag = "credentials"
)]
async fn get_status_list(State(state): State<AppState>) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse as _;
    let token = state
        .store
        .latest_status_list_token(shieldcheck_service::credentials::STATUS_LIST_URI)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, axum::http::HeaderValue::from_static("application/statuslist+cwt")),
            (header::CACHE_CONTROL, axum::http::HeaderValue::from_static("public, max-age=60")),
        ],
        token.1,
    )
        .into_response())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// "ok" when the database answers.
    pub status: String,
}

/// Whether the service and its database are up.
#[utoipa::path(get, path = "/health", responses((status = 200, body = Health), (status = 500, body = ErrorBody)), tag = "service")]
async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(ApiError::internal)?;
    Ok(Json(Health { status: "ok".into() }))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", responses((status = 200, description = "The OpenAPI document")), tag = "service")]
async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    // Built once: the document is a function of the code, not of the request.
    static DOCUMENT: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    Json(DOCUMENT.get_or_init(openapi).clone())
}
