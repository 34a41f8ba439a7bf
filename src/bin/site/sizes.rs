//! `site sizes`: what a first visit downloads, raw and compressed as servers send it (gzip
//! and brotli, each at its highest level), as a markdown table: the page on load, then the
//! app that its first input starts.

use std::cell::RefCell;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use lol_html::{RewriteStrSettings, element, text};
use pyuses::names::INDEX_FILE;

use crate::html;

/// One file's sizes in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Size {
    /// The file, relative to the site folder.
    pub name: String,
    /// Bytes on disk.
    pub raw: usize,
    /// Bytes after gzip at its highest level.
    pub gzip: usize,
    /// Bytes after brotli at its highest level.
    pub brotli: usize,
}

/// Prints the table for `[DIR]` (default `dist`).
pub fn run(dir: PathBuf) -> Result<()> {
    let sizes = first_load(&dir)?;
    print!("{}", table(&sizes));
    Ok(())
}

/// The home page and every asset it references: what a first visit downloads.
pub fn first_load(dir: &Path) -> Result<Vec<Size>> {
    let path = dir.join(INDEX_FILE);
    let index = fs::read_to_string(&path)
        .with_context(|| format!("cannot read {} (build the site first)", path.display()))?;
    let mut names = vec![INDEX_FILE.to_owned()];
    names.extend(referenced_assets(&index)?);
    names.iter().map(|name| measure(dir, name)).collect()
}

/// The files a page references with root-relative URLs, in order, once each: attribute
/// values that start with `./` (but for links, which a visit only follows), and the `'./name'` strings of its inline scripts (the
/// loader imports the app's JavaScript and WebAssembly with them).
pub fn referenced_assets(page: &str) -> Result<Vec<String>> {
    let names = RefCell::new(Vec::new());
    let add = |url: &str| {
        let name: String = url
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "._-/".contains(*c))
            .collect();
        let mut names = names.borrow_mut();
        if name.contains('.') && !names.contains(&name) {
            names.push(name);
        }
    };
    html::rewrite(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                // A link is followed, not loaded: the open data's files stay out.
                if el.tag_name() == "a" {
                    return Ok(());
                }
                for attribute in el.attributes() {
                    if let Some(url) = attribute.value().strip_prefix("./") {
                        add(url);
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(text!(
                "script:not([src])",
                html::read_text(|script| {
                    // The JavaScript itself is no HTML: its strings are found by their quote.
                    for (at, _) in script.match_indices("'./") {
                        add(&script[at + 3..]);
                    }
                })
            )),
    )?;
    Ok(names.into_inner())
}

/// The sizes of one file.
pub fn measure(dir: &Path, name: &str) -> Result<Size> {
    let bytes = fs::read(dir.join(name)).with_context(|| format!("cannot read {name}"))?;
    Ok(Size {
        name: name.to_owned(),
        raw: bytes.len(),
        gzip: gzip_len(&bytes),
        brotli: brotli_len(&bytes),
    })
}

/// The length of `bytes` gzip-compressed at the best level.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().map_or(0, |out| out.len())
}

/// The length of `bytes` brotli-compressed at the best quality.
pub fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(bytes);
    }
    out.len()
}

/// Whether the page fetches `name` only once the app starts, at the visitor's first input
/// (its JavaScript, its WebAssembly and its data files), rather than on load.
pub fn at_first_input(name: &str) -> bool {
    matches!(
        Path::new(name).extension().and_then(|e| e.to_str()),
        Some("js" | "wasm" | "bin")
    )
}

/// A markdown table: what loads with the page, then what the app's start adds at the first
/// input, each with its total, and the sum of both.
pub fn table(sizes: &[Size]) -> String {
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1000.0);
    let mut out = String::from("| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |\n");
    let total = |label: &str, sizes: &[&Size]| {
        let sum = |f: fn(&Size) -> usize| kb(sizes.iter().map(|s| f(s)).sum());
        let (raw, gzip, brotli) = (sum(|s| s.raw), sum(|s| s.gzip), sum(|s| s.brotli));
        format!("| **{label}** | **{raw}** | **{gzip}** | **{brotli}** |\n")
    };
    let (later, first): (Vec<&Size>, Vec<&Size>) =
        sizes.iter().partition(|s| at_first_input(&s.name));
    for (group, label) in [
        (&first, "first load, before any input"),
        (&later, "the app, fetched at the first input"),
    ] {
        for size in group {
            let (name, raw, gzip, brotli) = (
                kind(&size.name),
                kb(size.raw),
                kb(size.gzip),
                kb(size.brotli),
            );
            out.push_str(&format!("| {name} | {raw} | {gzip} | {brotli} |\n"));
        }
        out.push_str(&total(label, group));
    }
    out.push_str(&total("both, total", &sizes.iter().collect::<Vec<_>>()));
    out
}

/// A stable label for a hashed file name.
fn kind(name: &str) -> String {
    let label = match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("wasm") => "app (wasm)",
        Some("js") => "loader (JS)",
        Some("css") => "styles (CSS)",
        Some("html") => "page (HTML)",
        Some("svg") => "icon (SVG)",
        Some("webmanifest") => "manifest",
        Some("bin") => "data",
        _ => "other",
    };
    format!("{label}: `{name}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_referenced_assets_once() {
        let html = "<link href=./a-1.css><link rel=preload href=\"./data/home-3.bin\" as=fetch>\
                    <script>import x from './b-2.js'; init('./b-2_bg.wasm')</script><link href=./a-1.css>";
        assert_eq!(
            referenced_assets(html).unwrap(),
            ["a-1.css", "data/home-3.bin", "b-2.js", "b-2_bg.wasm"]
        );
    }

    #[test]
    fn the_app_and_its_data_come_at_the_first_input() {
        let size = |name: &str, gzip| Size {
            name: name.to_owned(),
            raw: gzip * 2,
            gzip,
            brotli: gzip,
        };
        let table = table(&[
            size("index.html", 1000),
            size("a-1.css", 500),
            size("b-2.js", 2000),
            size("b-2_bg.wasm", 4000),
        ]);
        assert!(
            table.contains("| **first load, before any input** | **3.0 KB** | **1.5 KB** |"),
            "{table}"
        );
        assert!(
            table
                .contains("| **the app, fetched at the first input** | **12.0 KB** | **6.0 KB** |"),
            "{table}"
        );
        assert!(
            table.contains("| **both, total** | **15.0 KB** | **7.5 KB** |"),
            "{table}"
        );
        assert!(!at_first_input("icons/app-icon.svg"));
        assert!(at_first_input("data/home-3.bin"));
    }

    #[test]
    fn compression_shrinks_repetition() {
        assert!(gzip_len(&[b'a'; 10_000]) < 100);
        assert!(brotli_len(&[b'a'; 10_000]) < 100);
    }
}
