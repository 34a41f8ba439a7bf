//! `site`: the native companion of the web app.
//!
//! ```text
//! site postbuild                      finish dist/ (Trunk runs this as its post_build hook)
//! site serve [DIR] [--addr ADDR] [--base PATH]
//!                                     serve a built site as a static host would
//! site sizes [DIR]                    what a first visit downloads, raw and gzip
//! site corpus                         the documents search indexes, as JSON
//! site pulse refresh [--pypi URL | --pypi-list FILE --as-of DATE] [--downloads URL|FILE]
//!                                     rewrite content/pulse.toml: versions, releases, downloads
//! site links [--content DIR]          check every external link in the content
//! site icons                          rasterise the app icon (needs `--features icons`)
//! ```

mod corpus;
mod csp;
mod headers;
mod html;
mod http;
mod links;
mod open_data;
mod postbuild;
mod prerender;
mod pulse;
mod serve;
mod sizes;
mod startup;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `site`: the native companion of the web app.
#[derive(Debug, Parser)]
#[command(name = "site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands; each one's doc is its line in `site --help`.
#[derive(Debug, Subcommand)]
enum Command {
    /// Finish dist/ (run by Trunk's post_build hook)
    Postbuild,
    /// Serve a built site as a static host would
    Serve {
        /// The folder to serve
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// The address to listen on
        #[arg(long, default_value = serve::DEFAULT_ADDR)]
        addr: String,
        /// The path to serve the site under, such as /docs/app/
        #[arg(long, default_value = "/")]
        base: String,
    },
    /// Print what a first visit downloads, raw and gzip
    Sizes {
        /// The built site
        #[arg(default_value = "dist")]
        dir: PathBuf,
    },
    /// Print the documents search indexes, as JSON
    Corpus,
    /// The libraries' figures in content/pulse.toml
    Pulse {
        #[command(subcommand)]
        command: pulse::Command,
    },
    /// Check every external link in the content; fails when one is broken
    Links(links::Args),
    /// Rasterise style/icons/app-icon.svg into the manifest's PNGs
    /// (cargo run --features icons --bin site -- icons)
    #[cfg(feature = "icons")]
    Icons,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Postbuild => postbuild::run(),
        Command::Serve { dir, addr, base } => serve::run(dir, addr, base),
        Command::Sizes { dir } => sizes::run(dir),
        Command::Corpus => corpus::run(),
        Command::Pulse { command } => pulse::run(command),
        Command::Links(args) => links::run(args),
        #[cfg(feature = "icons")]
        Command::Icons => pyuses::pwa::icons::run().map_err(anyhow::Error::msg),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("site: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
