//! `shieldcheck`: the one binary (this library holds its commands so that tests and
//! benchmarks can reach them; `main.rs` only calls [`main`]). Commands that answer a question print a short human answer,
//! or exactly one JSON object with `--json`, and exit 0 whenever they ran; progress and logs
//! go to standard error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use shieldcheck_claim::Claim;
use shieldcheck_claim::roster::{parse_roster, write_roster};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::claims::{self, ClaimError};
use shieldcheck_service::i18n::{Lang, Tr};
use shieldcheck_service::settings::{DEFAULT_TOML, Settings};
use shieldcheck_store::{CredentialStatus, Store};

mod audit;
pub mod casework;
pub mod credentials;
pub mod demo;
mod logging;
mod passphrase;
pub mod patterns;
mod private_files;
pub mod qr;
pub mod reports;
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
    Demo {
        /// Seed the demo database and exit without serving.
        #[arg(long)]
        seed_only: bool,
        /// The address to serve on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
    },
    /// Serve the public pages and the API.
    Serve {
        /// The address to serve on (overrides server.listen).
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
    /// Settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// The department's roster.
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Claim checks.
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Issuer signing keys (sealed with SHIELDCHECK_KEY_PASSPHRASE).
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Officer credentials.
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Patterns across reports: incidents, series, roster findings (docs/contracts/patterns-v1.md).
    #[command(subcommand)]
    Patterns(patterns::PatternsCommand),
    /// The case team's public keys: every report is sealed to all of them.
    #[command(subcommand)]
    TeamKeys(TeamKeysCommand),
    /// Confidential reports: bulk import and export, the case team's follow-up, retention.
    #[command(subcommand)]
    Reports(ReportsCommand),
    /// Verify a presentation: the `SC1:` payload of an officer's QR code, or the QR image.
    Verify {
        #[arg(required_unless_present = "image", conflicts_with = "image")]
        payload: Option<String>,
        /// Read the payload from a PNG image of the QR code.
        #[arg(long)]
        image: Option<PathBuf>,
        /// Verify as of this unix time instead of now.
        #[arg(long)]
        at: Option<i64>,
        /// The 4-digit challenge shown to the officer, in challenge mode.
        #[arg(long)]
        challenge: Option<u16>,
        /// Verify without the database, from the key set and signed status list cached in
        /// --trust-dir (written by every online `verify`; or copy them from the service's /.well-known/shieldcheck/keys and
        /// /api/v1/status-lists/1). The answer says how old the status list is.
        #[arg(long)]
        offline: bool,
        /// Where the offline cache lives.
        #[arg(long, env = "SHIELDCHECK_TRUST_DIR", default_value = "shieldcheck-data/verifier")]
        trust_dir: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum TeamKeysCommand {
    /// Make a case-team identity: write it to --out in the format of `age-keygen` (mode 0600,
    /// never overwriting; keep it off the server), register its public key and print it.
    Init {
        #[arg(long)]
        out: PathBuf,
        /// Who holds it, for `team-keys list`.
        #[arg(long)]
        label: Option<String>,
    },
    /// Register a case-team member's age public key (age1…).
    Add {
        public_key: String,
        /// Who holds it, for `team-keys list`.
        #[arg(long)]
        label: Option<String>,
    },
    /// List the registered keys.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ReportsCommand {
    /// Import reports from a JSON Lines file (docs/contracts/report-v1.md), sealed as they go in.
    /// Valid lines import even when others are refused (each refusal is reported with its line
    /// number); a (source, ref) already stored is skipped, so importing again is harmless.
    /// Exits non-zero when any line was refused.
    Import {
        file: PathBuf,
        /// The source of lines that name none [default: import].
        #[arg(long)]
        source: Option<String>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export every report: decrypted with a team identity as JSON Lines, or, with --sealed,
    /// still sealed as a tar of age files with a manifest. Recorded in the audit trail.
    Export {
        /// A case-team identity file (from `team-keys init` or `age-keygen`).
        #[arg(long, required_unless_present = "sealed", conflicts_with = "sealed")]
        identity: Option<PathBuf>,
        /// Copy the sealed reports out unopened (no identity needed): a tar archive.
        #[arg(long, requires = "out")]
        sealed: bool,
        /// Write here instead of standard output (mode 0600).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write the reports' photos, decrypted, into this new folder (mode 0700): the
        /// copies without metadata, `<report id>/<n>.jpg|png`, and `index.jsonl` linking each
        /// report's line of the export to its photos.
        #[arg(long, requires = "identity", conflicts_with = "sealed")]
        attachments: Option<PathBuf>,
        /// With --attachments, also the originals as received (`<n>-original.jpg`), which may
        /// hold the place and the phone a photo was taken with. Recorded in the audit trail.
        #[arg(long, requires = "attachments")]
        originals: bool,
    },
    /// List reports by id with what is in the clear (status, counts, entries); decrypts nothing.
    List {
        /// Only reports with this status (new, open, closed).
        #[arg(long)]
        status: Option<String>,
        /// One JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Decrypt one report with its addenda and messages. Counted as an opening (the reporter
    /// sees how many) and recorded in the audit trail before anything is decrypted.
    Show {
        /// A case-team identity file (from `team-keys init` or `age-keygen`).
        #[arg(long)]
        identity: PathBuf,
        #[command(flatten)]
        report: ReportArg,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Set a report's status (new, open, closed); recorded in the audit trail. Retention
    /// counts from the change.
    Status {
        #[command(flatten)]
        report: ReportArg,
        /// new, open or closed.
        #[arg(long)]
        set: String,
    },
    /// Write to the reporter: sealed to the reporter's key (derived from the receipt) and the
    /// team keys; the reporter reads it on /followup. Recorded in the audit trail.
    Reply {
        #[command(flatten)]
        report: ReportArg,
        #[arg(long)]
        message: String,
    },
    /// Record that content of a report left the City: to whom and why go to the audit trail;
    /// the reporter sees that it happened.
    Disclose {
        #[command(flatten)]
        report: ReportArg,
        /// Who received it.
        #[arg(long)]
        to: String,
        /// Why (the request, the law that allowed it).
        #[arg(long)]
        reason: String,
    },
    /// Delete the reports past the retention periods of the settings ([retention]), with their
    /// addenda and messages, unrecoverably; recorded in the audit trail with the counts.
    Purge {
        /// Only count what would be purged.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Which report: by id (`reports list`) or by the sender's ref.
#[derive(Debug, Args)]
struct ReportArg {
    /// The report's id.
    #[arg(long, required_unless_present = "reference", conflicts_with = "reference")]
    id: Option<i64>,
    /// The ref the sender gave it.
    #[arg(long = "ref", id = "reference")]
    reference: Option<String>,
}

impl ReportArg {
    fn selector(&self) -> casework::ReportSelector {
        match (&self.id, &self.reference) {
            (Some(id), _) => casework::ReportSelector::Id(*id),
            (None, Some(reference)) => casework::ReportSelector::Ref(reference.clone()),
            // clap requires one of them.
            (None, None) => casework::ReportSelector::Id(0),
        }
    }
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Create the first issuer key.
    Init,
    /// Create a new issuer key and retire the others (they keep verifying until their
    /// credentials expire).
    Rotate,
    /// List issuer keys.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CredentialCommand {
    /// Write a new P-256 device key to FILE and its public key to FILE.pub (kiosks, tests).
    DeviceKey {
        #[arg(long)]
        out: PathBuf,
    },
    /// Issue a credential to an active member, bound to a device public key.
    Issue {
        #[arg(long)]
        member: String,
        #[arg(long)]
        device_public_key: PathBuf,
        /// Validity in days (at most 30).
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// Write the credential here (binary); without it, print it as hex.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print a live presentation (`SC1:` payload) of a credential.
    Present {
        #[arg(long)]
        credential: PathBuf,
        #[arg(long)]
        device_key: PathBuf,
        /// Present as of this unix time instead of now.
        #[arg(long)]
        at: Option<i64>,
        /// Sign the verifier's 4-digit challenge.
        #[arg(long)]
        challenge: Option<u16>,
        /// Also write the QR code as a PNG image.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Make a one-time enrolment code for the officer page (/officer): the officer types it
    /// once on their own phone, which then holds the credential and a key that never leaves it.
    Enrol {
        #[arg(long)]
        member: String,
        /// Hours the code stays usable.
        #[arg(long, default_value_t = 24)]
        hours: u32,
    },
    /// Revoke a member's credentials.
    Revoke {
        #[arg(long)]
        member: String,
    },
    /// Suspend a member's credentials.
    Suspend {
        #[arg(long)]
        member: String,
    },
    /// Reinstate a member's suspended credentials.
    Reinstate {
        #[arg(long)]
        member: String,
    },
    /// Sign and store the current status list (run at least once per ttl, e.g. from cron).
    PublishStatus,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the default settings file, with every value documented.
    PrintDefault,
}

#[derive(Debug, Subcommand)]
enum RosterCommand {
    /// Replace the roster with a CSV file (docs/contracts/roster-v1.md). All or nothing: any bad
    /// line is reported with its number and nothing changes.
    Import {
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the roster as CSV (to standard output, or to --out).
    Export {
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ClaimCommand {
    /// Check what a person said against the roster.
    Check(ClaimArgs),
}

#[derive(Debug, Args)]
struct ClaimArgs {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    rank: Option<String>,
    #[arg(long)]
    shield: Option<String>,
    #[arg(long)]
    tax_registry: Option<String>,
    #[arg(long)]
    command: Option<String>,
    /// The language of the answer (en, es, zh-Hant, zh-Hans, ru, bn, ht, ko, ar, ur, fr, pl).
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
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

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let settings = settings::load(cli.config.as_deref())?;
    match &cli.command {
        Command::Config(ConfigCommand::PrintDefault) => {
            print!("{DEFAULT_TOML}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Patterns(patterns::PatternsCommand::Analyze(args)) if args.identity.is_some() => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            let identity = args.identity.as_deref().context("--identity")?;
            let mut analysis = patterns::StoredAnalysis::new(args, store.roster().await?)?;
            let to = patterns::analysis_destination(args);
            reports::decrypt_for_analysis(store.as_ref(), identity, &to, |report| analysis.add(report)).await?;
            tokio::task::block_in_place(|| analysis.finish())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Patterns(command) => patterns::run(command),
        Command::Demo { seed_only, listen } => {
            demo::run(cli.database_url.as_deref(), settings, *seed_only, *listen).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { listen } => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            let mut settings = settings;
            if let Some(listen) = listen {
                settings.server.listen = *listen;
            }
            // With the issuer passphrase in the environment the service enrols officers and
            // keeps the status list fresh; without it, it only verifies.
            let issuer = match std::env::var_os(passphrase::PASSPHRASE_VAR) {
                Some(_) => Some(
                    shieldcheck_service::issuer::Issuer::open(store.as_ref(), &passphrase::passphrase()?)
                        .await
                        .context("could not open the issuer key for enrolment")?,
                ),
                None => None,
            };
            serve(settings, store, issuer).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Roster(RosterCommand::Import { file, json }) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            roster_import(store.as_ref(), file, *json).await
        }
        Command::Roster(RosterCommand::Export { out }) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            roster_export(store.as_ref(), out.as_deref()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys(command) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            match command {
                KeysCommand::Init => credentials::keys_init(store.as_ref()).await?,
                KeysCommand::Rotate => credentials::keys_rotate(store.as_ref()).await?,
                KeysCommand::List { json } => credentials::keys_list(store.as_ref(), *json).await?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::TeamKeys(command) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            let store = store.as_ref();
            match command {
                TeamKeysCommand::Init { out, label } => reports::team_keys_init(store, out, label.as_deref()).await?,
                TeamKeysCommand::Add { public_key, label } => {
                    reports::team_keys_add(store, public_key, label.as_deref()).await?;
                }
                TeamKeysCommand::List { json } => reports::team_keys_list(store, *json).await?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Reports(command) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            let store = store.as_ref();
            match command {
                ReportsCommand::Import { file, source, json } => {
                    reports::import(store, file, source.as_deref(), *json).await
                }
                ReportsCommand::Export { identity: _, sealed: true, out, .. } => {
                    let out = out.as_deref().context("--sealed needs --out FILE.tar")?;
                    reports::export_sealed(store, out).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Export { identity, sealed: false, out, attachments, originals } => {
                    let identity = identity.as_deref().context("give --identity FILE, or --sealed")?;
                    let photos = attachments.as_deref().map(|dir| reports::PhotoExport { dir, originals: *originals });
                    reports::export(store, identity, out.as_deref(), photos).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::List { status, json } => {
                    let status = match status {
                        Some(s) => Some(
                            shieldcheck_casefile::sealed_report::ReportStatus::parse(s)
                                .with_context(|| format!("unknown status {s:?}; one of new, open, closed"))?,
                        ),
                        None => None,
                    };
                    casework::list(store, status, *json).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Show { identity, report, json } => {
                    casework::show(store, identity, &report.selector(), *json).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Status { report, set } => {
                    casework::set_status(store, &report.selector(), set).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Reply { report, message } => {
                    let max = settings.followup.max_entries_per_report;
                    casework::reply(store, &report.selector(), message, max).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Disclose { report, to, reason } => {
                    casework::disclose(store, &report.selector(), to, reason).await?;
                    Ok(ExitCode::SUCCESS)
                }
                ReportsCommand::Purge { dry_run, json } => {
                    casework::purge(store, &settings.retention.policy(), *dry_run, *json).await?;
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Credential(CredentialCommand::DeviceKey { out }) => {
            credentials::device_key(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Credential(CredentialCommand::Present { credential, device_key, at, challenge, qr }) => {
            credentials::present_credential(credential, device_key, *at, *challenge, qr.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Credential(command) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            let store = store.as_ref();
            match command {
                CredentialCommand::Issue { member, device_public_key, days, out } => {
                    credentials::issue_credential(store, member, device_public_key, *days, out.as_deref()).await?;
                }
                CredentialCommand::Revoke { member } => {
                    credentials::set_status(store, member, CredentialStatus::Revoked).await?;
                }
                CredentialCommand::Suspend { member } => {
                    credentials::set_status(store, member, CredentialStatus::Suspended).await?;
                }
                CredentialCommand::Reinstate { member } => {
                    credentials::set_status(store, member, CredentialStatus::Valid).await?;
                }
                CredentialCommand::PublishStatus => credentials::publish_status_list(store).await?,
                CredentialCommand::Enrol { member, hours } => {
                    credentials::enrolment_code(store, member, *hours).await?
                }
                CredentialCommand::DeviceKey { .. } | CredentialCommand::Present { .. } => {}
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { payload, image, at, challenge, offline, trust_dir, json } => {
            let payload = match (payload, image) {
                (Some(p), _) => p.clone(),
                (None, Some(image)) => qr::read_png(image)?,
                (None, None) => anyhow::bail!("give a payload or --image"),
            };
            let request = credentials::VerifyRequest {
                payload: &payload,
                at: *at,
                challenge: *challenge,
                clock_skew_secs: settings.credentials.clock_skew_secs,
                json: *json,
            };
            if *offline {
                credentials::verify_offline(trust_dir, &request)?;
            } else {
                let store = store::open(cli.database_url.as_deref(), &settings).await?;
                credentials::verify(store.as_ref(), trust_dir, &request).await?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Claim(ClaimCommand::Check(args)) => {
            let store = store::open(cli.database_url.as_deref(), &settings).await?;
            claim_check(store.as_ref(), args).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) async fn serve(
    settings: Settings,
    store: Arc<dyn Store>,
    issuer: Option<shieldcheck_service::issuer::Issuer>,
) -> anyhow::Result<()> {
    let enrolment = match &issuer {
        Some(issuer) => format!("open (issuer key {})", issuer.kid()),
        None => format!("closed (start with {} set to open it)", passphrase::PASSPHRASE_VAR),
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

async fn roster_import(store: &dyn Store, file: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let bytes = std::fs::read(file).with_context(|| format!("could not read {}", file.display()))?;
    eprintln!("checking {} ({} bytes)…", file.display(), bytes.len());
    let digest = blake3::hash(&bytes).to_hex().to_string();
    let members = match parse_roster(&bytes, Registry::nypd()) {
        Ok(members) => members,
        Err(rejected) => {
            if json {
                println!("{}", serde_json::json!({ "imported": false, "problems": rejected.problems }));
            } else {
                for problem in rejected.problems.iter().take(1000) {
                    eprintln!("{}: {problem}", file.display());
                }
                if rejected.problems.len() > 1000 {
                    eprintln!("… and {} more", rejected.problems.len() - 1000);
                }
                eprintln!("{rejected}");
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    eprintln!("{} members are valid; replacing the roster…", members.len());
    let summary = store.replace_roster(&members, &digest).await?;
    let seconds = started.elapsed().as_secs_f64();
    if json {
        println!(
            "{}",
            serde_json::json!({ "imported": true, "members": summary.members, "source_digest": digest, "seconds": seconds })
        );
    } else {
        println!("imported {} members in {seconds:.2} s (file digest {digest})", summary.members);
    }
    Ok(ExitCode::SUCCESS)
}

async fn roster_export(store: &dyn Store, out: Option<&Path>) -> anyhow::Result<()> {
    let members = store.roster().await?;
    match out {
        Some(path) => {
            // Write beside the target and rename, so a failed export never leaves half a file.
            let tmp = path.with_extension("csv.partial");
            let file = std::fs::File::create(&tmp).with_context(|| format!("could not create {}", tmp.display()))?;
            write_roster(&members, std::io::BufWriter::new(file))?;
            std::fs::rename(&tmp, path)?;
            eprintln!("wrote {} members to {}", members.len(), path.display());
        }
        None => write_roster(&members, std::io::stdout().lock())?,
    }
    Ok(())
}

async fn claim_check(store: &dyn Store, args: &ClaimArgs) -> anyhow::Result<()> {
    let claim = Claim {
        name: args.name.clone(),
        rank: args.rank.clone(),
        shield_number: args.shield.clone(),
        tax_registry_number: args.tax_registry.clone(),
        command: args.command.clone(),
    };
    let lang = Lang::from_tag(&args.lang).with_context(|| format!("unknown language {:?}", args.lang))?;
    let tr = Tr::new(lang);
    let result = match claims::check_claim(store, Registry::nypd(), &claim).await {
        Ok(result) => result,
        Err(ClaimError::Input(e)) => anyhow::bail!("{e} ({})", e.code()),
        Err(e) => return Err(e.into()),
    };
    let answer = claims::answer(&tr, &claim, result, Registry::nypd());
    if args.json {
        println!("{}", serde_json::to_string(&answer)?);
    } else {
        println!("{}", answer.answer);
        println!("{}", answer.detail);
        for step in &answer.next_steps {
            match &step.phone {
                Some(phone) if step.kind == "call_desk" => println!("  - {} {phone}", step.text),
                _ => println!("  - {}", step.text),
            }
        }
    }
    Ok(())
}
