//! Writes `sw.js`: the service worker template with this build's id and file list.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// The template; see the comments in it for what the worker does.
const TEMPLATE: &str = include_str!("sw.js");

/// Files that are not part of the app: the worker itself and the host's header rules.
const NOT_CACHED: &[&str] = &[crate::names::SERVICE_WORKER_FILE, "_headers"];

/// One file the app needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// Whether the name carries a content hash (Trunk's `name-0123456789abcdef.ext`).
    pub hashed: bool,
    /// SHA-256 of the content, hex.
    pub digest: String,
    /// Its size gzipped, as a compressing host sends it (the worker adds these up to say
    /// what saving every page downloads).
    pub wire_bytes: u64,
}

/// Every file below `dir` that the app needs, sorted by path.
pub fn entries(dir: &Path) -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Entry>) -> Result<(), String> {
    let read = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in read {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
            continue;
        }
        let relative = path.strip_prefix(root).map_err(|e| e.to_string())?;
        let relative = relative.to_string_lossy().replace('\\', "/");
        if NOT_CACHED.contains(&relative.as_str())
            || relative.starts_with(crate::names::OPEN_DATA_DIR)
        {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        out.push(Entry {
            hashed: is_hashed(&relative),
            digest: hex(&Sha256::digest(&bytes)),
            wire_bytes: gzipped_len(&bytes),
            path: relative,
        });
    }
    Ok(())
}

/// The size of `bytes` gzipped at the default level, as most hosts compress text; files
/// that do not shrink (images, already-compressed data) count as they are.
fn gzipped_len(bytes: &[u8]) -> u64 {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    let gzipped = encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_or(usize::MAX, |out| out.len());
    gzipped.min(bytes.len()) as u64
}

/// Whether a file name carries Trunk's content hash before its extension: up to 16 hex
/// digits (a 64-bit hash written without leading zeros).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The build id: a digest of every file's path and content, so any change makes a new
/// cache and an unchanged build keeps its cache.
pub fn build_id(entries: &[Entry]) -> String {
    let mut hasher = Sha256::new();
    for entry in entries {
        hasher.update(entry.path.as_bytes());
        hasher.update([0]);
        hasher.update(entry.digest.as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize())[..16].to_owned()
}

/// The worker's source for these files.
pub fn source(entries: &[Entry]) -> String {
    let files: Vec<String> = entries
        .iter()
        .map(|e| format!("[{:?}, {}, {}]", e.path, e.hashed, e.wire_bytes))
        .collect();
    TEMPLATE
        .replace("__BUILD__", &build_id(entries))
        .replace("__FILES__", &format!("[\n  {},\n]", files.join(",\n  ")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, digest: &str) -> Entry {
        Entry {
            path: path.to_owned(),
            hashed: is_hashed(path),
            digest: digest.to_owned(),
            wire_bytes: 10,
        }
    }

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed("pyuses-0123456789abcdef.js"));
        assert!(is_hashed("pyuses-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("main-9a68e7e705f39c8e.css"));
        assert!(is_hashed("pyuses-64dbc8b649138f.js"), "no leading zeros");
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("icons/icon-192.png"));
        assert!(!is_hashed("category/web-development/index.html"));
    }

    #[test]
    fn wire_sizes_are_gzipped_but_never_larger_than_the_file() {
        assert!(gzipped_len(&[b'a'; 10_000]) < 100);
        assert_eq!(gzipped_len(b"x"), 1);
    }

    #[test]
    fn build_id_follows_content() {
        let a = [
            entry("index.html", "aa"),
            entry("x-0123456789abcdef.js", "bb"),
        ];
        let b = [
            entry("index.html", "ab"),
            entry("x-0123456789abcdef.js", "bb"),
        ];
        assert_eq!(build_id(&a), build_id(&a.clone()));
        assert_ne!(build_id(&a), build_id(&b));
    }

    #[test]
    fn source_lists_every_file() {
        let js = source(&[
            entry("index.html", "aa"),
            entry("x-0123456789abcdef.js", "bb"),
        ]);
        assert!(js.contains(r#"["index.html", false, 10],"#));
        assert!(js.contains(r#"["x-0123456789abcdef.js", true, 10],"#));
        assert!(!js.contains("__BUILD__") && !js.contains("__FILES__"));
    }
}
