//! Officer credentials over HTTP: verifying a live presentation, enrolling a device with a
//! one-time code, the signed status list, and the published key set.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use serde::{Deserialize, Serialize};
use shieldcheck_service::credentials;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;

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
pub(super) async fn post_verify(
    State(state): State<AppState>,
    body: Result<ApiJson<VerifyRequest>, ApiError>,
) -> Result<Json<shieldcheck_service::credentials::VerifyAnswer>, ApiError> {
    let ApiJson(request) = body?;
    let now = shieldcheck_service::clock::now().as_secs();
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
pub(super) async fn post_enrolment(
    State(state): State<AppState>,
    body: Result<ApiJson<EnrolmentRequest>, ApiError>,
) -> Result<(axum::http::StatusCode, Json<EnrolmentResponse>), ApiError> {
    use shieldcheck_service::issuer::{IssuerError, enrolment_code_hash};
    let ApiJson(request) = body?;
    let issuer = state.issuer.as_ref().ok_or(ApiError::EnrolmentUnavailable)?;
    let device_key = request.device_public_key.to_sec1().ok_or(ApiError::InvalidDeviceKey)?;
    let hash = enrolment_code_hash(&request.code).ok_or(ApiError::InvalidEnrolmentCode)?;
    let now = shieldcheck_service::clock::now().as_secs();
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
pub(super) async fn get_status_list(State(state): State<AppState>) -> Result<axum::response::Response, ApiError> {
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

/// `GET /.well-known/shieldcheck/keys`: the issuer keys verifiers trust.
pub(crate) async fn published_keys(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse as _;
    let set = credentials::key_set(state.store.as_ref(), shieldcheck_service::clock::now().as_secs())
        .await
        .map_err(ApiError::internal)?;
    let mut response = axum::Json(set).into_response();
    response
        .headers_mut()
        .insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("public, max-age=300"));
    Ok(response)
}
