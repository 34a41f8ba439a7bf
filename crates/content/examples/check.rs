//! Checks a content folder quickly, without building the site: every error with its file
//! and line, the warnings, and the counts.
//!
//! `cargo run -p pyuses-content --features pipeline --example check -- content`

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "content".to_owned());
    match pyuses_content::pipeline::build_dir(Path::new(&dir)) {
        Ok(content) => {
            for warning in &content.warnings {
                println!("warning: {dir}/{warning}");
            }
            let listed: BTreeSet<&str> = content
                .categories
                .iter()
                .flat_map(|c| c.libraries.iter().map(String::as_str))
                .collect();
            let grouped = content
                .pages
                .iter()
                .filter(|p| !p.groups.is_empty())
                .count();
            let figures = content.details.iter().filter(|d| d.pulse.is_some()).count();
            println!(
                "ok: {} fields ({grouped} with groups), {} libraries ({} listed by a field, {figures} with figures), {} warnings",
                content.categories.len(),
                content.libraries.len(),
                listed.len(),
                content.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(lines) => {
            for line in &lines {
                println!("error: {line}");
            }
            println!("{} problem(s)", lines.len());
            ExitCode::FAILURE
        }
    }
}
