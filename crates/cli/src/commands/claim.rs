//! `shieldcheck claim check`: what a person said (name, rank, shield or tax registry number,
//! command) checked against the roster, answered in one of the service's languages as the
//! public pages answer it.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use shieldcheck_claim::Claim;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::claims::{self, ClaimError};
use shieldcheck_service::i18n::{Lang, Tr};
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use crate::store;

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Check what a person said against the roster.
    Check(ClaimArgs),
}

#[derive(Debug, Args)]
pub struct ClaimArgs {
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

/// Runs a `claim` subcommand.
pub async fn run(command: &ClaimCommand, database_url: Option<&str>, settings: &Settings) -> anyhow::Result<ExitCode> {
    match command {
        ClaimCommand::Check(args) => {
            let store = store::open(database_url, settings).await?;
            check(store.as_ref(), args).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `claim check`: the answer, as text or one JSON object.
async fn check(store: &dyn Store, args: &ClaimArgs) -> anyhow::Result<()> {
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
