//! Finishes Trunk's output in its staging folder (Trunk's `post_build` hook).
//!
//! Trunk writes one `index.html` whose asset URLs are relative to the site root (`./`).
//! This step writes a copy for every route, `category/<slug>/index.html`, with its URLs
//! pointing back up to the root, so a deep link loaded cold works on any static host,
//! under any base path, with no rewrite rules. It also writes `404.html` for addresses the
//! site does not have.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use pyuses::content::CATEGORIES;

/// What Trunk writes for the site root in asset URLs and in `<meta name="pyuses-root">`.
const ROOT: &str = "./";

/// Runs the step over `$TRUNK_STAGING_DIR`.
pub fn run() -> Result<(), String> {
    let staging = env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("TRUNK_STAGING_DIR is not set: `site postbuild` runs as Trunk's post_build hook")?;
    let public_url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| ROOT.to_owned());
    let index = read(&staging.join("index.html"))?;

    if public_url != ROOT {
        // Absolute public URLs already work at any depth; only the copies are needed.
        eprintln!("site: public URL `{public_url}` is absolute; pages keep its URLs");
    }
    let pages = routes().map(|route| (route.clone(), relocate(&index, &up_to_root(&route))));
    for (route, html) in pages {
        write(&staging.join(&route).join("index.html"), &html)?;
    }
    write(&staging.join("404.html"), &not_found_page(&index))?;
    Ok(())
}

/// Every route besides the root, as a folder path: `category/web-development`.
pub fn routes() -> impl Iterator<Item = String> {
    CATEGORIES.iter().map(|c| format!("category/{}", c.slug))
}

/// The relative path from a route's folder up to the site root: `category/x` → `../../`.
pub fn up_to_root(route: &str) -> String {
    "../".repeat(route.split('/').filter(|s| !s.is_empty()).count())
}

/// Rewrites the root-relative URLs of a page for a page `prefix` deeper in the tree.
///
/// Trunk writes root-relative URLs in exactly three shapes: attribute values
/// (`href=./x`, `href="./x"`) and quoted strings in the inline loader (`'./x'`).
pub fn relocate(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_owned();
    }
    html.replace("=./", &format!("={prefix}"))
        .replace("=\"./", &format!("=\"{prefix}"))
        .replace("'./", &format!("'{prefix}"))
}

/// The 404 page: the app shell, with a small script first in `<head>` that works out the
/// site root from the address (the page is served at any missing URL, at any depth) and
/// sets `<base>`, so the shell's root-relative URLs resolve.
pub fn not_found_page(index: &str) -> String {
    index.replacen(
        "<head>",
        &format!("<head><script>{NOT_FOUND_BASE_SCRIPT}</script>"),
        1,
    )
}

/// Finds the site root for a page served at an unknown address.
///
/// Known route shapes mark the root (`…/category/<slug>`); otherwise the root is `/`.
/// Kept short and dependency-free: it runs before anything else on the page.
pub const NOT_FOUND_BASE_SCRIPT: &str = "(function(){var p=location.pathname,m=p.match(/^(.*?\\/)category(\\/|$)/),r=m?m[1]:'/',b=document.createElement('base');b.href=r;document.head.appendChild(b);var t=document.querySelector('meta[name=pyuses-root]');if(t)t.content=r})()";

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("failed to read `{}`: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("failed to create `{}`: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("failed to write `{}`: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_root_per_depth() {
        assert_eq!(up_to_root("category/web-development"), "../../");
        assert_eq!(up_to_root(""), "");
    }

    #[test]
    fn relocates_trunk_urls() {
        let html = "<meta content=./ name=pyuses-root><link href=./a.css rel=stylesheet>\
                    <script type=module>import init from './a.js';init({ module_or_path: './a.wasm' })</script>\
                    <link href=\"./b.js\">";
        assert_eq!(
            relocate(html, "../../"),
            "<meta content=../../ name=pyuses-root><link href=../../a.css rel=stylesheet>\
             <script type=module>import init from '../../a.js';init({ module_or_path: '../../a.wasm' })</script>\
             <link href=\"../../b.js\">"
        );
    }

    #[test]
    fn a_page_for_every_category() {
        assert_eq!(routes().count(), CATEGORIES.len());
    }
}
