//! `amparo`: scriptable access to a vault, for coordinators and tests. A thin shell over
//! the core: it parses arguments, asks for the passphrase, calls the store and prints.
//! The passphrase never comes from argv and is never printed.

mod args;
mod clinic;
mod commands;
mod desk;
mod documents;
mod exchange;
mod output;
mod rules;
mod secret;
mod stdin;
mod tracking;
mod vault_cmds;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if let Err(e) = amparo::process_guard::harden() {
        eprintln!("warning: core dumps could not be turned off ({e})");
    }
    let cli = args::Cli::parse();
    let json = cli.json;
    secret::set_source(match (&cli.passphrase_file, cli.passphrase_fd) {
        (Some(f), _) => Some(secret::Source::File(f.clone())),
        (None, Some(fd)) => Some(secret::Source::Fd(fd)),
        _ => None,
    });
    secret::set_new_source(cli.new_passphrase_file.clone().map(secret::Source::File));
    match commands::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&e, json);
            ExitCode::from(1)
        }
    }
}
