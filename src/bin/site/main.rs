//! `site`: the native companion of the web app.
//!
//! ```text
//! site postbuild                      finish dist/ (Trunk runs this as its post_build hook)
//! site serve [DIR] [--addr ADDR]      serve a built site as a static host would
//! site sizes [DIR]                    what a first visit downloads, raw and gzip
//! site corpus                         the documents search indexes, as JSON
//! site icons                          rasterise the app icon (needs `--features icons`)
//! ```

mod corpus;
mod csp;
mod headers;
mod postbuild;
mod prerender;
mod serve;
mod sizes;

use std::env;
use std::process::ExitCode;

const USAGE: &str = "usage:
  site postbuild                    finish dist/ (run by Trunk's post_build hook)
  site serve [DIR] [--addr ADDR] [--base PATH]
                                    serve DIR (default dist) at ADDR (default 127.0.0.1:8080)
  site sizes [DIR]                  print what a first visit downloads, raw and gzip
  site corpus                       print the documents search indexes, as JSON
  site icons                        rasterise style/icons/app-icon.svg into the manifest's PNGs
                                    (cargo run --features icons --bin site -- icons)";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("postbuild") => postbuild::run(),
        Some("serve") => serve::run(&args[1..]),
        Some("sizes") => sizes::run(&args[1..]),
        Some("corpus") => corpus::run(),
        #[cfg(feature = "icons")]
        Some("icons") => pyuses::pwa::icons::run(),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(format!("unknown command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("site: {message}");
            ExitCode::FAILURE
        }
    }
}
