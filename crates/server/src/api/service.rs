//! The service itself: health, and the OpenAPI document.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// "ok" when the database answers.
    pub status: String,
}

/// Whether the service and its database are up.
#[utoipa::path(get, path = "/health", responses((status = 200, body = Health), (status = 500, body = ErrorBody)), tag = "service")]
pub(super) async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(ApiError::internal)?;
    Ok(Json(Health { status: "ok".into() }))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", responses((status = 200, description = "The OpenAPI document")), tag = "service")]
pub(super) async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    // Built once: the document is a function of the code, not of the request.
    static DOCUMENT: std::sync::OnceLock<utoipa::openapi::OpenApi> = std::sync::OnceLock::new();
    Json(DOCUMENT.get_or_init(super::openapi).clone())
}
