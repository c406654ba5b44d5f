//! `shieldcheck serve`: the public pages and the API on the configured address. With the issuer
//! passphrase in the environment the service also enrols officers and keeps the status list
//! fresh; without it, it only verifies. `demo` serves through here too.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;
use shieldcheck_service::issuer::Issuer;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use crate::passphrase::{PASSPHRASE_VAR, passphrase};
use crate::store;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to serve on (overrides server.listen).
    #[arg(long)]
    listen: Option<std::net::SocketAddr>,
}

/// Runs `serve`: opens the store (and the issuer, when the passphrase is set) and serves.
pub async fn run(args: &ServeArgs, database_url: Option<&str>, mut settings: Settings) -> anyhow::Result<ExitCode> {
    let store = store::open(database_url, &settings).await?;
    if let Some(listen) = args.listen {
        settings.server.listen = listen;
    }
    // With the issuer passphrase in the environment the service enrols officers and
    // keeps the status list fresh; without it, it only verifies.
    let issuer = match std::env::var_os(PASSPHRASE_VAR) {
        Some(_) => Some(
            Issuer::open(store.as_ref(), &passphrase()?)
                .await
                .context("could not open the issuer key for enrolment")?,
        ),
        None => None,
    };
    serve(settings, store, issuer).await?;
    Ok(ExitCode::SUCCESS)
}

/// Serves the pages and the API until stopped, with the issuer when one is given (enrolment
/// open) or without (verification only).
pub(crate) async fn serve(settings: Settings, store: Arc<dyn Store>, issuer: Option<Issuer>) -> anyhow::Result<()> {
    let enrolment = match &issuer {
        Some(issuer) => format!("open (issuer key {})", issuer.kid()),
        None => format!("closed (start with {} set to open it)", PASSPHRASE_VAR),
    };
    let app = shieldcheck_server::Application::build_with_issuer(settings, store, issuer)
        .await
        .context("could not listen on the configured address")?;
    let addr = app.local_addr()?;
    tracing::info!(%addr, "serving");
    eprintln!("officer enrolment is {enrolment}");
    eprintln!("shieldcheck is serving on http://{addr}/ (Ctrl-C to stop)");
    app.run_until_stopped().await?;
    Ok(())
}
