//! The commands of `shieldcheck`, one module each: its clap arguments and the `run` that
//! carries it out. A command group (`reports`, `patterns`) has a folder, with a file for each
//! part that would otherwise make one file long.

pub mod claim;
pub mod config;
pub mod credential;
pub mod demo;
pub mod keys;
pub mod patterns;
pub mod reports;
pub mod roster;
pub mod serve;
pub mod team_keys;
pub mod verify;
