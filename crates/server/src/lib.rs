//! shieldcheck's HTTP service: the JSON API under `/api/v1/`, the public pages, and the
//! translation catalogue. [`Application::build`] binds the listener (port 0 picks a free port,
//! which the tests use) and [`Application::run_until_stopped`] serves until shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_store::Store;
use tokio::net::TcpListener;

mod api;
mod assets;
pub mod error;
mod extract;
mod layers;
mod multipart;
mod pages;

use shieldcheck_service::ratelimit::RateLimiter;
use shieldcheck_service::settings::Settings;
use shieldcheck_service::{batch, issuer, tasks};

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub registry: &'static Registry,
    pub limiter: Arc<RateLimiter>,
    pub settings: Arc<Settings>,
    /// The open signing key, when the service was started with the issuer passphrase: it
    /// enrols officers on `/officer` and re-signs the status list every ttl.
    pub issuer: Option<Arc<issuer::Issuer>>,
    /// Online verification: queued presentations are checked together (issuer signatures in
    /// one batch) on blocking threads, against keys and statuses re-read every second.
    pub verifier: batch::BatchVerifier,
    /// The web questionnaire's challenges and submission ceiling (`pages/report/ceiling.rs`).
    pub report_intake: Arc<pages::report::Intake>,
    /// Sealing and receipts for every report stored (`reports.rs`).
    pub report_desk: shieldcheck_service::reports::ReportDesk,
    /// Stores sealed reports, concurrent ones in one durable transaction (`reports.rs`).
    pub report_writer: shieldcheck_service::reports::GroupCommit,
    /// Follow-up with a receipt and its guessing budget (`followup.rs`).
    pub followup: Arc<shieldcheck_service::followup::Followup>,
}

/// The whole service as one router: API, public pages, static files, security headers.
pub fn router(state: AppState) -> Router {
    let (api, _) = api::router(&state).split_for_parts();
    let max_body = state.settings.server.max_body_bytes;
    Router::new()
        .nest("/api/v1", api.fallback(api::not_found))
        .merge(pages::router(&state))
        .merge(assets::router())
        .route("/.well-known/shieldcheck/keys", axum::routing::get(api::credentials::published_keys))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(state.clone(), layers::headers_and_log))
        .with_state(state)
}

/// A bound, ready-to-run server.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    /// Binds `settings.server.listen` and builds the router over `store`.
    pub async fn build(settings: Settings, store: Arc<dyn Store>) -> std::io::Result<Application> {
        Application::build_with_issuer(settings, store, None).await
    }

    /// As [`Application::build`], holding the open signing key: officers can enrol on
    /// `/officer`, and the status list is signed afresh every ttl while the service runs.
    pub async fn build_with_issuer(
        settings: Settings,
        store: Arc<dyn Store>,
        issuer: Option<issuer::Issuer>,
    ) -> std::io::Result<Application> {
        let listener = TcpListener::bind(settings.server.listen).await?;
        let issuer = issuer.map(Arc::new);
        if let Some(issuer) = &issuer {
            tokio::spawn(tasks::publish_status_lists(store.clone(), issuer.clone()));
        }
        let report_intake = Arc::new(pages::report::Intake::new(&settings.reports));
        shieldcheck_service::reports::check_receipt_key_file(&settings.receipts, store.as_ref()).await?;
        let report_desk = shieldcheck_service::reports::ReportDesk::new(&settings.receipts, store.sidecar_key_path())?;
        if settings.retention.purge_interval_secs > 0 {
            tokio::spawn(tasks::scheduled_purge(store.clone(), settings.retention.clone()));
        }
        let followup = Arc::new(shieldcheck_service::followup::Followup::new(
            &settings.followup,
            store.clone(),
            report_desk.clone(),
        ));
        let state = AppState {
            store: store.clone(),
            registry: Registry::nypd(),
            limiter: Arc::new(RateLimiter::new(settings.rate_limit.clone())),
            settings: Arc::new(settings),
            issuer,
            verifier: batch::BatchVerifier::start(store.clone(), Arc::default()),
            report_intake,
            report_desk,
            report_writer: shieldcheck_service::reports::GroupCommit::start(store.clone()),
            followup,
        };
        Ok(Application { listener, router: router(state) })
    }

    /// The address actually bound (the port is chosen by the system when 0 was asked for).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until Ctrl-C or SIGTERM, finishing requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown_signal()).await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// The OpenAPI document of the JSON API, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}
