//! Finishes Trunk's output in its staging folder (Trunk's `post_build` hook).
//!
//! Trunk writes one `index.html` whose asset URLs are relative to the site root (`./`).
//! This step writes a copy for every route, `category/<slug>/index.html`, with its URLs
//! pointing back up to the root, so a deep link loaded cold works on any static host,
//! under any base path, with no rewrite rules. It also writes `404.html` for addresses the
//! site does not have, then the service worker (`sw.js`, which precaches all of it) and
//! `_headers` (caching rules for hosts that read it).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use pyuses::content::CATEGORIES;

use crate::{headers, service_worker};

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
    write(&staging.join("404.html"), &not_found_page(&index)?)?;

    // Last, because they list every file written above.
    let entries = service_worker::entries(&staging)?;
    write(&staging.join("sw.js"), &service_worker::source(&entries))?;
    write(
        &staging.join("_headers"),
        &headers::render(&headers::rules(&entries)),
    )?;
    Ok(())
}

/// Every route besides the root, as a folder path: `category/web-development`, `embed`.
pub fn routes() -> impl Iterator<Item = String> {
    CATEGORIES
        .iter()
        .map(|c| format!("category/{}", c.slug))
        .chain(["embed".to_owned()])
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

/// The 404 page: the app shell, served at any missing address, at any depth.
///
/// Its relative URLs cannot be resolved until the site root is known, so the shell's
/// `<head>` goes into a `<template>` (which neither the parser nor the preload scanner
/// loads), and a small script works out the root, sets `<base>` and then adds the head.
pub fn not_found_page(index: &str) -> Result<String, String> {
    let start =
        after_charset(index).ok_or("index.html has no <meta charset>: cannot write 404.html")?;
    let end = index[start..]
        .find("</head>")
        .map(|i| start + i)
        .ok_or("index.html has no </head>: cannot write 404.html")?;
    Ok(format!(
        "{}<template id=shell-head>{}</template><script>{NOT_FOUND_SCRIPT}</script>{}",
        &index[..start],
        &index[start..end],
        &index[end..]
    ))
}

/// The byte offset just after the `<meta charset…>` tag, which must stay first in `<head>`.
fn after_charset(html: &str) -> Option<usize> {
    let start = html.find("<meta charset")?;
    Some(start + html[start..].find('>')? + 1)
}

/// Finds the site root for a page served at an unknown address, sets `<base>`, and adds
/// the shell's head. Scripts are created anew, since copied ones would not run.
///
/// Known route shapes mark the root (`…/category/<slug>`); otherwise the root is `/`.
pub const NOT_FOUND_SCRIPT: &str = "(function(){var p=location.pathname,m=p.match(/^(.*?\\/)category(\\/|$)/),\
b=document.createElement('base');b.href=m?m[1]:'/';document.head.appendChild(b);\
document.getElementById('shell-head').content.childNodes.forEach(function(n){var e=n;\
if(n.nodeName==='SCRIPT'){e=document.createElement('script');\
for(var i=0;i<n.attributes.length;i++)e.setAttribute(n.attributes[i].name,n.attributes[i].value);\
e.textContent=n.textContent}else{e=document.importNode(n,true)}document.head.appendChild(e)})})()";

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
    fn the_404_script_follows_the_charset() {
        let page =
            not_found_page("<html><meta charset=utf-8><title>x</title></head><body>b").unwrap();
        assert_eq!(
            page,
            format!(
                "<html><meta charset=utf-8><template id=shell-head><title>x</title></template><script>{NOT_FOUND_SCRIPT}</script></head><body>b"
            )
        );
        assert!(not_found_page("<html><title>x</title>").is_err());
    }

    #[test]
    fn a_page_for_every_category() {
        assert_eq!(routes().count(), CATEGORIES.len() + 1);
    }
}
