//! The release wasm in `dist/`: code only, within its size budget.
//!
//! - Gzipped, it stays within the limit written in `Cargo.toml` under
//!   `[package.metadata.size-budget]`. A bigger app is a deliberate change to that number,
//!   never a silent one.
//! - It holds no content: the content travels in the data files, so no sentence of it may
//!   be found in the wasm, and the wasm does not grow with the content.
//! - The first load of `/`, before any input (the app starts at the first one), stays within
//!   its own budget in the same table.
//!
//! `scripts/test` builds `dist/` before the tests run.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The wasm's budget in bytes, read from the manifest.
fn budget() -> u64 {
    budget_of("wasm-gzip-bytes")
}

/// A budget in bytes, read from the manifest's `[package.metadata.size-budget]`.
fn budget_of(key: &str) -> u64 {
    let manifest: toml::Table = fs::read_to_string(Path::new(ROOT).join("Cargo.toml"))
        .expect("Cargo.toml is readable")
        .parse()
        .expect("Cargo.toml parses");
    let value = manifest["package"]["metadata"]["size-budget"][key].clone();
    value
        .as_integer()
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or_else(|| panic!("[package.metadata.size-budget] {key} is a positive integer"))
}

/// The one application wasm Trunk wrote into `dist/`.
fn release_wasm() -> PathBuf {
    let dist = Path::new(ROOT).join("dist");
    let wasm: Vec<PathBuf> = fs::read_dir(&dist)
        .unwrap_or_else(|e| {
            panic!(
                "{} is missing ({e}): build it with scripts/test",
                dist.display()
            )
        })
        .map(|entry| entry.expect("dist/ is listable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wasm"))
        .collect();
    assert_eq!(wasm.len(), 1, "dist/ holds exactly one wasm file: {wasm:?}");
    wasm.into_iter().next().unwrap()
}

fn gzip_size(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len() as u64
}

#[test]
fn the_release_wasm_stays_within_its_gzip_budget() {
    let path = release_wasm();
    let raw = fs::read(&path).unwrap();
    let gzip = gzip_size(&raw);
    let budget = budget();
    println!(
        "{}: {} bytes raw, {gzip} bytes gzip, budget {budget}",
        path.display(),
        raw.len()
    );
    assert!(
        gzip <= budget,
        "the release wasm is {gzip} bytes gzipped, {} over the budget of {budget} bytes \
         (Cargo.toml, [package.metadata.size-budget] wasm-gzip-bytes): make it smaller, or \
         raise the budget deliberately",
        gzip - budget
    );
    // The budget is a limit, not a wish: one far above the real size guards nothing.
    assert!(
        gzip * 100 >= budget * 90,
        "the budget of {budget} bytes is more than 10% above the real size ({gzip} bytes): \
         lower it, so that it still catches growth"
    );
}

#[test]
fn the_first_load_of_home_stays_within_its_gzip_budget() {
    let dist = Path::new(ROOT).join("dist");
    let index = fs::read_to_string(dist.join("index.html"))
        .unwrap_or_else(|e| panic!("dist/index.html is missing ({e}): build it with scripts/test"));
    // Nothing but the start script, which waits for the first input, fetches the app or
    // its data: no script file, no preload.
    assert!(
        !index.contains("<script src"),
        "a script file loads with the page"
    );
    let preloads: Vec<&str> = index
        .split("<link")
        .skip(1)
        .filter_map(|tag| tag.split('>').next())
        .filter(|tag| tag.contains("preload"))
        .collect();
    assert!(
        preloads.is_empty(),
        "preload links load with the page: {preloads:?}"
    );
    // `site sizes` sorts the page's files into the first load and the app's.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["sizes", &dist.to_string_lossy()])
        .output()
        .expect("the site tool runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "site sizes failed: {table}");
    assert!(
        table.contains("app (wasm)") && table.contains("the app, fetched at the first input"),
        "the app comes at the first input: {table}"
    );
    let gzip_kb = |label: &str| -> f64 {
        let row = table
            .lines()
            .find(|line| line.starts_with(&format!("| **{label}**")))
            .unwrap_or_else(|| panic!("no `{label}` row in: {table}"));
        let cell = row.split('|').nth(3).expect("a gzip column");
        cell.trim()
            .trim_matches('*')
            .trim_end_matches(" KB")
            .parse()
            .expect("a size in KB")
    };
    let total = (gzip_kb("first load, before any input") * 1000.0).round() as u64;
    let budget = budget_of("first-load-gzip-bytes");
    println!("{table}first load of /: {total} bytes gzip, budget {budget}");
    assert!(
        total <= budget,
        "the first load of / is {total} bytes gzipped, over the budget of {budget} bytes \
         (Cargo.toml, [package.metadata.size-budget] first-load-gzip-bytes)"
    );
}

/// The sentences of the content: every summary, every sentence of every body, and the site's
/// own texts, each long enough that finding it in the wasm cannot be chance.
fn content_sentences() -> Vec<String> {
    let data = pyuses::content::for_tests().data;
    let site = data.site();
    let mut texts: Vec<&str> = vec![
        &site.description,
        &site.why_summary,
        &site.reading_summary,
        &site.reading_text,
    ];
    texts.extend(site.reasons.iter().map(|r| r.text.as_str()));
    for category in data.categories() {
        texts.push(&category.summary);
        texts.extend(data.body_text(&category.slug));
    }
    for library in data.libraries() {
        texts.extend(data.library_details(&library.id).map(|d| d.about.as_str()));
    }
    texts
        .iter()
        .flat_map(|text| text.split(['.', '\n', ':', ';']))
        .map(str::trim)
        .filter(|sentence| sentence.len() >= 24)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_release_wasm_holds_no_content() {
    let wasm = fs::read(release_wasm()).unwrap();
    let sentences = content_sentences();
    assert!(
        sentences.len() > 200,
        "only {} sentences were checked",
        sentences.len()
    );
    let found: Vec<&String> = sentences
        .iter()
        .filter(|s| memchr::memmem::find(&wasm, s.as_bytes()).is_some())
        .collect();
    assert!(
        found.is_empty(),
        "{} sentence(s) of the content are compiled into the wasm, which must hold code only: {:?}",
        found.len(),
        &found[..found.len().min(5)]
    );
}
