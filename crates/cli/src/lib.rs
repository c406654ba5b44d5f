//! `shieldcheck`: the one binary (this library holds its commands so that tests and
//! benchmarks can reach them; `main.rs` only calls [`main`]). Commands that answer a question print a short human answer,
//! or exactly one JSON object with `--json`, and exit 0 whenever they ran; progress and logs
//! go to standard error.
//!
//! This file holds the command line (`Cli`) and hands each command to its module under
//! [`commands`]; the other modules beside it hold what several commands share.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::{claim, config, credential, keys, patterns, roster, serve, team_keys, verify};
/// `demo` (its synthetic roster) and `reports` (`reports import`) at the paths that the
/// benchmarks name.
pub use crate::commands::{demo, reports};

mod audit;
pub mod commands;
mod logging;
mod passphrase;
mod private_files;
pub mod qr;
mod settings;
mod store;
mod time;

#[derive(Debug, Parser)]
#[command(name = "shieldcheck", version, about = "Check whether a person who says \"NYPD\" really is one.")]
struct Cli {
    /// The database: sqlite://PATH or postgres://USER@HOST/DB
    /// [default: sqlite://shieldcheck-data/shieldcheck.db]
    #[arg(long, global = true, env = "SHIELDCHECK_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// A settings file (TOML); see `shieldcheck config print-default`.
    #[arg(long, global = true, env = "SHIELDCHECK_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Fresh demo data (a synthetic roster), then serve it.
    Demo(demo::DemoArgs),
    /// Serve the public pages and the API.
    Serve(serve::ServeArgs),
    /// Settings.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// The department's roster.
    #[command(subcommand)]
    Roster(roster::RosterCommand),
    /// Claim checks.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// Issuer signing keys (sealed with SHIELDCHECK_KEY_PASSPHRASE).
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Officer credentials.
    #[command(subcommand)]
    Credential(credential::CredentialCommand),
    /// Patterns across reports: incidents, series, roster findings (docs/contracts/patterns-v1.md).
    #[command(subcommand)]
    Patterns(patterns::PatternsCommand),
    /// The case team's public keys: every report is sealed to all of them.
    #[command(subcommand)]
    TeamKeys(team_keys::TeamKeysCommand),
    /// Confidential reports: bulk import and export, the case team's follow-up, retention.
    #[command(subcommand)]
    Reports(reports::ReportsCommand),
    /// Verify a presentation: the `SC1:` payload of an officer's QR code, or the QR image.
    Verify(verify::VerifyArgs),
}

/// Parses the command line, runs the command, and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Loads the settings and runs the command the command line names.
async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = settings::load(cli.config.as_deref())?;
    let database_url = cli.database_url.as_deref();
    match &cli.command {
        Command::Config(command) => config::run(command),
        Command::Patterns(command) => patterns::run(command, database_url, &settings).await,
        Command::Demo(args) => demo::run(args, database_url, settings).await,
        Command::Serve(args) => serve::run(args, database_url, settings).await,
        Command::Roster(command) => roster::run(command, database_url, &settings).await,
        Command::Keys(command) => keys::run(command, database_url, &settings).await,
        Command::TeamKeys(command) => team_keys::run(command, database_url, &settings).await,
        Command::Reports(command) => reports::run(command, database_url, &settings).await,
        Command::Credential(command) => credential::run(command, database_url, &settings).await,
        Command::Verify(args) => verify::run(args, database_url, &settings).await,
        Command::Claim(command) => claim::run(command, database_url, &settings).await,
    }
}
