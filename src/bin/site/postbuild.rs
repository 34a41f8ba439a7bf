//! Finishes Trunk's output in its staging folder (Trunk's `post_build` hook).
//!
//! Trunk writes one `index.html` whose asset URLs are relative to the site root (`./`).
//! This step prerenders every route into its own file (`index.html`,
//! `category/<slug>/index.html`, `embed/index.html`, `404.html`) from that shell, with its
//! URLs pointing back up to the root, so every page arrives as finished HTML and a deep
//! link loaded cold works on any static host, under any base path, with no rewrite rules.
//! First it runs the content pipeline over `content/` (or the folder `PYUSES_CONTENT`
//! names) and writes the data files the app fetches, with content-hashed names
//! (`data/home-<hash>.bin`, `data/field/<slug>-<hash>.bin`). Last it writes the service
//! worker (`sw.js`, which precaches all of it) and `_headers` (caching rules for hosts
//! that read it).
//!
//! `PYUSES_SITE_URL` names where the site will live (default `http://127.0.0.1:8080/`,
//! where `scripts/serve` serves it), for canonical links and link previews.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use pyuses::pwa::service_worker;

use crate::{csp, headers, prerender, startup};

/// The variable that names another content folder, for building a test variant.
pub const CONTENT_ENV: &str = "PYUSES_CONTENT";

/// What Trunk writes for the site root in asset URLs and in `<meta name="pyuses-root">`.
const ROOT: &str = "./";

/// The variable that names the public URL of the site, and its default.
pub const SITE_URL_ENV: &str = "PYUSES_SITE_URL";
pub const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080/";

/// Runs the step over `$TRUNK_STAGING_DIR`.
pub fn run() -> Result<(), String> {
    let staging = env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("TRUNK_STAGING_DIR is not set: `site postbuild` runs as Trunk's post_build hook")?;
    let public_url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| ROOT.to_owned());
    if public_url != ROOT {
        return Err(format!(
            "the public URL is `{public_url}`, but the pages are made relative: keep `public_url = \"./\"` in Trunk.toml"
        ));
    }
    let site_url = site_url(env::var(SITE_URL_ENV).ok().as_deref())?;
    // Only release builds have a service worker: a development build is never cached.
    let release = env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");
    let index = startup::defer_start(&read(&staging.join("index.html"))?, release)?;

    let content_dir = env::var(CONTENT_ENV).unwrap_or_else(|_| "content".to_owned());
    let content =
        pyuses_content::pipeline::build_dir(Path::new(&content_dir)).map_err(|lines| {
            let mut message = format!(
                "the content in {content_dir}/ has {} problem(s):",
                lines.len()
            );
            for line in lines {
                message.push_str(&format!("\n  error: {line}"));
            }
            message
        })?;
    let data = write_data(&staging, &content)?;
    pyuses::content::install_content(&content, data.bodies.clone());

    let mut pages = Vec::new();
    for page in prerender::pages() {
        let shell = relocate(&index, &page.up);
        let html = prerender::render(&shell, &page, &site_url, &data)?;
        let html = if page.file == "404.html" {
            not_found_page(&html)?
        } else {
            html
        };
        pages.push((page.file, html));
    }
    // One policy for every page, allowing exactly the inline scripts they hold.
    let hashes = csp::inline_script_hashes(pages.iter().map(|(_, html)| html.as_str()));
    let policy = csp::policy(&hashes);
    for (file, html) in &pages {
        write(&staging.join(file), &csp::with_meta(html, &policy)?)?;
    }

    write(&staging.join("sitemap.xml"), &sitemap(&site_url))?;
    write(&staging.join("robots.txt"), &robots(&site_url))?;

    // Last, because they list every file written above.
    let entries = service_worker::entries(&staging)?;
    write(&staging.join("sw.js"), &service_worker::source(&entries))?;
    write(
        &staging.join("_headers"),
        &headers::render(&headers::rules(&entries, &policy)),
    )?;
    Ok(())
}

/// The data files written, relative to the site root.
#[derive(Debug, Clone)]
pub struct DataFiles {
    /// The home data file.
    pub home: String,
    /// Each category's body file, in content order.
    pub bodies: Vec<String>,
}

/// Writes the data files into `staging`, each named for its content.
fn write_data(staging: &Path, content: &pyuses_content::Content) -> Result<DataFiles, String> {
    let mut bodies = Vec::new();
    for body in content.field_bodies() {
        let bytes = pyuses_content::encode(&body);
        let file = hashed_name(&format!("data/field/{}", body.slug), &bytes);
        write_bytes(&staging.join(&file), &bytes)?;
        bodies.push(file);
    }
    let search = pyuses_content::encode(&content.search_data());
    let search_file = hashed_name("data/search", &search);
    write_bytes(&staging.join(&search_file), &search)?;
    let home = content.home_data(bodies.clone(), search_file);
    let bytes = pyuses_content::encode(&home);
    let file = hashed_name("data/home", &bytes);
    write_bytes(&staging.join(&file), &bytes)?;
    Ok(DataFiles { home: file, bodies })
}

/// `stem-<hash>.bin`, with the first 16 hex digits of the bytes' SHA-256, the shape Trunk
/// gives its own hashed files (so the caching rules and the service worker treat them
/// alike).
pub fn hashed_name(stem: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hash}.{}", pyuses_content::EXTENSION)
}

/// `sitemap.xml`: every page a search engine should know, at its canonical URL.
pub fn sitemap(site_url: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in prerender::pages() {
        if page.route == "/404.html" || page.route == "/embed/" {
            continue;
        }
        let url = format!("{site_url}{}", page.route.trim_start_matches('/'));
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_text(&url)));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled but the bare widget, and the sitemap is named.
pub fn robots(site_url: &str) -> String {
    format!("User-agent: *\nDisallow: /embed/\n\nSitemap: {site_url}sitemap.xml\n")
}

fn xml_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The site URL, checked, with a trailing slash.
pub fn site_url(value: Option<&str>) -> Result<String, String> {
    let value = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(DEFAULT_SITE_URL);
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && !value.contains(|c: char| c.is_whitespace() || "\"<>'`".contains(c));
    if !ok {
        return Err(format!(
            "{SITE_URL_ENV} must be an absolute http(s) URL, not `{value}`"
        ));
    }
    Ok(if value.ends_with('/') {
        value.to_owned()
    } else {
        format!("{value}/")
    })
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
/// Known route shapes mark the root (`…/category/<slug>`, `…/library/<id>`); otherwise the
/// root is `/`.
pub const NOT_FOUND_SCRIPT: &str = "(function(){var p=location.pathname,m=p.match(/^(.*?\\/)(?:category|library)(\\/|$)/),\
b=document.createElement('base');b.href=m?m[1]:'/';document.head.appendChild(b);\
document.getElementById('shell-head').content.childNodes.forEach(function(n){var e=n;\
if(n.nodeName==='SCRIPT'){e=document.createElement('script');\
for(var i=0;i<n.attributes.length;i++)e.setAttribute(n.attributes[i].name,n.attributes[i].value);\
e.textContent=n.textContent}else{e=document.importNode(n,true)}document.head.appendChild(e)})})()";

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("failed to read `{}`: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    write_bytes(path, text.as_bytes())
}

fn write_bytes(path: &Path, text: &[u8]) -> Result<(), String> {
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
    fn data_files_are_named_for_their_content() {
        let name = hashed_name("data/field/web-development", b"x");
        assert!(name.starts_with("data/field/web-development-"), "{name}");
        assert!(service_worker::is_hashed(&name), "{name}");
        assert_ne!(name, hashed_name("data/field/web-development", b"y"));
    }

    #[test]
    fn the_sitemap_lists_every_page_but_the_widget_and_the_404() {
        pyuses::content::install_for_tests();
        let map = sitemap("https://example.org/py/");
        assert!(map.contains("<loc>https://example.org/py/</loc>"));
        assert!(map.contains("<loc>https://example.org/py/category/iot/</loc>"));
        assert!(map.contains("<loc>https://example.org/py/library/django/</loc>"));
        assert!(!map.contains("embed"));
        assert!(!map.contains("404"));
        assert!(
            robots("https://example.org/py/")
                .contains("Sitemap: https://example.org/py/sitemap.xml")
        );
    }

    #[test]
    fn site_urls() {
        assert_eq!(site_url(None).unwrap(), DEFAULT_SITE_URL);
        assert_eq!(
            site_url(Some("https://example.org/py")).unwrap(),
            "https://example.org/py/"
        );
        assert!(site_url(Some("example.org")).is_err());
        assert!(site_url(Some("https://a.org/\"x")).is_err());
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
}
