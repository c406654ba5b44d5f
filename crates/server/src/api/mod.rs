//! The JSON API under `/api/v1/`, one module a feature. Routes are registered only through
//! utoipa-axum's `routes!`, which takes path and method from each handler's
//! `#[utoipa::path]`, so every served route is in the OpenAPI document by construction (and a
//! test checks it). The routes that spend a client's rate-limit budget are grouped here, under
//! the layer that guards them.

use axum::middleware::from_fn_with_state;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::layers;

mod claims;
pub(crate) mod credentials;
pub(crate) mod followup;
pub(crate) mod reports;
mod service;

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

/// The API as served: the rate-limited routes under their layer, then the others.
pub fn router(state: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(rate_limited().route_layer(from_fn_with_state(state.clone(), layers::rate_limit_api)))
        .merge(open())
}

/// The OpenAPI document of the API, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi()).merge(rate_limited()).merge(open()).into_openapi()
}

/// Routes of which every request spends the client's rate-limit budget (`rate_limit`): the
/// claim check (so the roster cannot be scraped), verification and enrolment.
fn rate_limited() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(claims::post_claims_check))
        .routes(routes!(credentials::post_verify))
        .routes(routes!(credentials::post_enrolment))
}

/// Routes with budgets of their own (reports queue; follow-up has the global budget of failed
/// receipt lookups) or nothing to protect.
fn open() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(credentials::get_status_list))
        .routes(routes!(service::health))
        .merge(reports::router())
        .merge(followup::router())
        .routes(routes!(service::openapi_json))
}

pub async fn not_found() -> ApiError {
    ApiError::NotFound
}
