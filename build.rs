//! Turns `content/` into Rust data for the app (see `src/pipeline.rs`).
//!
//! Bad content stops the build with one line per problem: file, line, and what is wrong.

#[path = "src/pipeline.rs"]
mod pipeline;

use std::path::Path;
use std::{env, fs, process};

/// Names another content folder, for building a test variant of the site.
const CONTENT_ENV: &str = "PYUSES_CONTENT";
/// Set to build the test variant's test-only hooks (`cfg(test_hooks)`), which release
/// builds leave out.
const TEST_HOOKS_ENV: &str = "PYUSES_TEST_HOOKS";

fn main() {
    let root_dir = env::var(CONTENT_ENV).unwrap_or_else(|_| "content".to_owned());
    let root = Path::new(&root_dir);
    println!("cargo::rerun-if-env-changed={CONTENT_ENV}");
    println!("cargo::rerun-if-env-changed={TEST_HOOKS_ENV}");
    println!("cargo::rustc-check-cfg=cfg(test_hooks)");
    if env::var_os(TEST_HOOKS_ENV).is_some() {
        println!("cargo::rustc-cfg=test_hooks");
    }
    println!("cargo::rerun-if-changed={root_dir}");
    println!("cargo::rerun-if-changed=src/pipeline.rs");
    println!("cargo::rerun-if-changed=src/pipeline");

    let sources = pipeline::read_sources(root).unwrap_or_else(|error| fail(&[error.to_string()]));
    let content = pipeline::build(&sources).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors
            .into_sorted()
            .iter()
            .map(|e| e.display_in(root))
            .collect();
        fail(&lines)
    });

    let out = Path::new(&env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.rs");
    fs::write(&out, pipeline::codegen::generate(&content))
        .unwrap_or_else(|error| fail(&[format!("failed to write `{}`: {error}", out.display())]));
}

/// Prints every problem and stops the build.
fn fail(lines: &[String]) -> ! {
    eprintln!("\nThe content in content/ has {} problem(s):", lines.len());
    for line in lines {
        eprintln!("  error: {line}");
        println!("cargo::error={line}");
    }
    eprintln!();
    process::exit(1);
}
