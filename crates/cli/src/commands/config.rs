//! `shieldcheck config …`: the settings file. `config print-default` prints the defaults, with
//! every value documented, as a starting point for `--config`.

use std::process::ExitCode;

use clap::Subcommand;
use shieldcheck_service::settings::DEFAULT_TOML;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the default settings file, with every value documented.
    PrintDefault,
}

/// Runs a `config` subcommand.
pub fn run(command: &ConfigCommand) -> anyhow::Result<ExitCode> {
    match command {
        ConfigCommand::PrintDefault => {
            print!("{DEFAULT_TOML}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
