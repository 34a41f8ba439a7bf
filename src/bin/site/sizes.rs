//! `site sizes`: what a first visit downloads, raw and compressed as servers send it (gzip
//! and brotli, each at its highest level), as a markdown table.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

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
pub fn run(dir: PathBuf) -> Result<(), String> {
    let sizes = first_load(&dir)?;
    print!("{}", table(&sizes));
    Ok(())
}

/// The home page and every asset it references: what a first visit downloads.
pub fn first_load(dir: &Path) -> Result<Vec<Size>, String> {
    let index = fs::read_to_string(dir.join("index.html")).map_err(|e| {
        format!(
            "cannot read {}/index.html: {e} (build the site first)",
            dir.display()
        )
    })?;
    let mut names = vec!["index.html".to_owned()];
    names.extend(referenced_assets(&index));
    names.iter().map(|name| measure(dir, name)).collect()
}

/// The files a page references with root-relative URLs (`./name`), in order, once each.
pub fn referenced_assets(html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (at, _) in html.match_indices("./") {
        let name: String = html[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "._-/".contains(*c))
            .collect();
        if name.contains('.') && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The sizes of one file.
pub fn measure(dir: &Path, name: &str) -> Result<Size, String> {
    let bytes = fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
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

/// A markdown table with a total row.
pub fn table(sizes: &[Size]) -> String {
    let kb = |n: usize| format!("{:.1} KB", n as f64 / 1000.0);
    let mut out = String::from("| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |\n");
    for size in sizes {
        let (name, raw, gzip, brotli) = (
            kind(&size.name),
            kb(size.raw),
            kb(size.gzip),
            kb(size.brotli),
        );
        out.push_str(&format!("| {name} | {raw} | {gzip} | {brotli} |\n"));
    }
    let total = |f: fn(&Size) -> usize| kb(sizes.iter().map(f).sum());
    let (raw, gzip, brotli) = (total(|s| s.raw), total(|s| s.gzip), total(|s| s.brotli));
    out.push_str(&format!(
        "| **first load, total** | **{raw}** | **{gzip}** | **{brotli}** |\n"
    ));
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
            referenced_assets(html),
            ["a-1.css", "data/home-3.bin", "b-2.js", "b-2_bg.wasm"]
        );
    }

    #[test]
    fn compression_shrinks_repetition() {
        assert!(gzip_len(&[b'a'; 10_000]) < 100);
        assert!(brotli_len(&[b'a'; 10_000]) < 100);
    }
}
