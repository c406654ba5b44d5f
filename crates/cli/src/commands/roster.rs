//! `shieldcheck roster import|export`: the department's roster as CSV
//! (docs/contracts/roster-v1.md). An import is all or nothing: every bad line is reported with
//! its number and nothing changes; an export to a file never leaves half a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use shieldcheck_claim::roster::{parse_roster, write_roster};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use crate::store;

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
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

/// Runs a `roster` subcommand.
pub async fn run(command: &RosterCommand, database_url: Option<&str>, settings: &Settings) -> anyhow::Result<ExitCode> {
    let store = store::open(database_url, settings).await?;
    match command {
        RosterCommand::Import { file, json } => import(store.as_ref(), file, *json).await,
        RosterCommand::Export { out } => {
            export(store.as_ref(), out.as_deref()).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `roster import FILE`: checks every line, then replaces the roster in one go.
async fn import(store: &dyn Store, file: &Path, json: bool) -> anyhow::Result<ExitCode> {
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

/// `roster export [--out FILE]`: the roster as CSV.
async fn export(store: &dyn Store, out: Option<&Path>) -> anyhow::Result<()> {
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
