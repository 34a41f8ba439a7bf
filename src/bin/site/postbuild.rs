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
//! worker (`sw.js`, which lists all of it) and `_headers` (caching rules for hosts
//! that read it).
//!
//! `PYUSES_SITE_URL` names where the site will live (default `http://127.0.0.1:8080/`,
//! where `scripts/serve` serves it), for canonical links and link previews.

use std::cell::Cell;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{Context, Result, anyhow, bail, ensure};
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, end_tag, text};
use sha2::{Digest, Sha256};

use pyuses::content::{Data, SiteData};
use pyuses::names::{
    CATEGORY_ROUTE, EMBED_ROUTE, FIELD_DATA_DIR, HOME_DATA_STEM, INDEX_FILE, LIBRARY_ROUTE,
    NOT_FOUND_FILE, NOT_FOUND_ROUTE, SEARCH_DATA_STEM,
};
use pyuses::pwa::service_worker;

use crate::{csp, headers, html, prerender, startup};

/// The variable that names another content folder, for building a test variant.
pub const CONTENT_ENV: &str = "PYUSES_CONTENT";

/// What Trunk writes for the site root in asset URLs and in `<meta name="pyuses-root">`.
const ROOT: &str = "./";

/// The variable that names the public URL of the site, and its default.
pub const SITE_URL_ENV: &str = "PYUSES_SITE_URL";
pub const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080/";

/// Runs the step over `$TRUNK_STAGING_DIR`.
pub fn run() -> Result<()> {
    let staging = env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .context(
            "TRUNK_STAGING_DIR is not set: `site postbuild` runs as Trunk's post_build hook",
        )?;
    let public_url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| ROOT.to_owned());
    ensure!(
        public_url == ROOT,
        "the public URL is `{public_url}`, but the pages are made relative: keep `public_url = \"./\"` in Trunk.toml"
    );
    let site_url = site_url(env::var(SITE_URL_ENV).ok().as_deref())?;
    let index = read(&staging.join(INDEX_FILE))?;
    // Only release builds have a service worker: a development build is never cached.
    let release = env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");

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
            anyhow!(message)
        })?;
    for warning in &content.warnings {
        eprintln!("warning: {content_dir}/{warning}");
    }
    let data = write_data(&staging, &content)?;
    crate::open_data::write(&staging, &content)?;
    // The site's data, made once from the content and handed to every page's rendering.
    let site_data = SiteData::new(Data::from_content(&content, data.bodies.clone()));

    let site = render_site(site_data, &index, &site_url, &data, release)?;
    for (file, html) in &site.pages {
        write(&staging.join(file), html)?;
    }

    write(
        &staging.join("sitemap.xml"),
        &sitemap(site_data.data, &site_url),
    )?;
    write(&staging.join("robots.txt"), &robots(&site_url))?;

    // Last, because they list every file written above.
    let entries = service_worker::entries(&staging).map_err(anyhow::Error::msg)?;
    write(&staging.join("sw.js"), &service_worker::source(&entries))?;
    write(
        &staging.join("_headers"),
        &headers::render(&headers::rules(&entries, &site.policy)),
    )?;
    Ok(())
}

/// Every page of the site, finished, and the Content-Security-Policy they carry.
#[derive(Debug, Clone)]
pub struct Site {
    /// (file relative to the site root, HTML), in the order of [`prerender::pages`].
    pub pages: Vec<(String, String)>,
    /// The policy, for `_headers`.
    pub policy: String,
}

/// Renders every page from Trunk's `index.html` with the site's data `site`: the loader
/// replaced by the page's script (which registers the service worker if `release`), each
/// route prerendered with its URLs made relative to its folder, the 404 page made to find
/// the root itself, and the policy in every page.
pub fn render_site(
    site: &'static SiteData,
    index: &str,
    site_url: &str,
    data: &DataFiles,
    release: bool,
) -> Result<Site> {
    let index = startup::defer_start(index, release).map_err(anyhow::Error::msg)?;
    let mut pages = Vec::new();
    for page in prerender::pages(site.data) {
        let render = || -> Result<String> {
            let shell = relocate(&index, &page.up);
            let html = prerender::render(site, &shell, &page, site_url, data)?;
            if page.file == NOT_FOUND_FILE {
                not_found_page(&html)
            } else {
                Ok(html)
            }
        };
        let html = render().with_context(|| format!("rendering the page {}", page.route))?;
        pages.push((page.file, html));
    }
    // One policy for every page, allowing exactly the inline scripts they hold.
    let hashes = csp::inline_script_hashes(pages.iter().map(|(_, html)| html.as_str()))?;
    let policy = csp::policy(&hashes);
    let pages = pages
        .into_iter()
        .map(|(file, html)| {
            let html = csp::with_meta(&html, &policy)
                .with_context(|| format!("adding the policy to {file}"))?;
            Ok((file, html))
        })
        .collect::<Result<_>>()?;
    Ok(Site { pages, policy })
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
fn write_data(staging: &Path, content: &pyuses_content::Content) -> Result<DataFiles> {
    let mut bodies = Vec::new();
    for body in content.field_bodies() {
        let bytes = pyuses_content::encode(&body);
        let file = hashed_name(&format!("{FIELD_DATA_DIR}{}", body.slug), &bytes);
        write_bytes(&staging.join(&file), &bytes)?;
        bodies.push(file);
    }
    let search = pyuses_content::encode(&content.search_data());
    let search_file = hashed_name(SEARCH_DATA_STEM, &search);
    write_bytes(&staging.join(&search_file), &search)?;
    let home = content.home_data(bodies.clone(), search_file);
    let bytes = pyuses_content::encode(&home);
    let file = hashed_name(HOME_DATA_STEM, &bytes);
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
pub fn sitemap(data: &Data, site_url: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in prerender::pages(data) {
        if page.route == NOT_FOUND_ROUTE || page.route == EMBED_ROUTE {
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
    format!("User-agent: *\nDisallow: {EMBED_ROUTE}\n\nSitemap: {site_url}sitemap.xml\n")
}

fn xml_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The site URL, checked, with a trailing slash.
pub fn site_url(value: Option<&str>) -> Result<String> {
    let value = value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or(DEFAULT_SITE_URL);
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && !value.contains(|c: char| c.is_whitespace() || "\"<>'`".contains(c));
    if !ok {
        bail!("{SITE_URL_ENV} must be an absolute http(s) URL, not `{value}`");
    }
    Ok(if value.ends_with('/') {
        value.to_owned()
    } else {
        format!("{value}/")
    })
}

/// Rewrites the root-relative URLs of a page for a page `prefix` deeper in the tree.
///
/// Trunk writes root-relative URLs in two places: attribute values that start with `./`
/// (`href`, `src`, and the root `<meta>`'s `content`), and single-quoted strings in the
/// inline loader (`'./x'`).
///
/// It returns the page itself rather than a `Result` (the loader's tests in `startup` call
/// it so): the rewrite cannot fail. It is not strict, so no markup is an error; memory is
/// unbounded; and the one handler that can fail renames nothing, writing back only names
/// the parser read.
pub fn relocate(html: &str, prefix: &str) -> String {
    if prefix.is_empty() || prefix == ROOT {
        return html.to_owned();
    }
    let quoted_root = format!("'{ROOT}");
    let quoted_prefix = format!("'{prefix}");
    html::rewrite(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                let relative: Vec<(String, String)> = el
                    .attributes()
                    .iter()
                    .filter_map(|a| {
                        let rest = a.value().strip_prefix(ROOT)?.to_owned();
                        Some((a.name(), format!("{prefix}{rest}")))
                    })
                    .collect();
                for (name, value) in relative {
                    el.set_attribute(&name, &value)?;
                }
                Ok(())
            }))
            .append_element_content_handler(text!(
                "script",
                html::whole_text(|script| script.replace(&quoted_root, &quoted_prefix))
            ))
            .with_strict(false),
    )
    .expect("relocating URLs cannot fail")
}

/// The 404 page: the app shell, served at any missing address, at any depth.
///
/// Its relative URLs cannot be resolved until the site root is known, so the shell's
/// `<head>` (all of it after `<meta charset>`) goes into a `<template>` (which neither the
/// parser nor the preload scanner loads), and a small script works out the root, sets
/// `<base>` and then adds the head.
pub fn not_found_page(index: &str) -> Result<String> {
    let index = html::with_head_tag(index)?;
    let charset = Cell::new(false);
    let head_closed = Rc::new(Cell::new(false));
    let script = not_found_script();
    let page = html::rewrite(
        &index,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("meta[charset]", |meta| {
                if !charset.replace(true) {
                    meta.after(&format!("<template id={SHELL_HEAD_ID}>"), ContentType::Html);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("head", |head| {
                let (closed, script) = (head_closed.clone(), script.clone());
                head.on_end_tag(end_tag!(move |end| {
                    end.before(
                        &format!("</template><script>{script}</script>"),
                        ContentType::Html,
                    );
                    closed.set(true);
                    Ok(())
                }))
            })),
    )?;
    ensure!(
        charset.get(),
        "{INDEX_FILE} has no <meta charset>: cannot write {NOT_FOUND_FILE}"
    );
    ensure!(
        head_closed.get(),
        "{INDEX_FILE} has no </head>: cannot write {NOT_FOUND_FILE}"
    );
    Ok(page)
}

/// The id of the 404 page's `<template>` that holds the shell's head.
const SHELL_HEAD_ID: &str = "shell-head";

/// The 404 page's script (`not_found.js`): it finds the site root for a page served at an
/// unknown address, sets `<base>`, and adds the shell's head.
const NOT_FOUND_TEMPLATE: &str = include_str!("not_found.js");

/// The 404 page's script, its placeholders filled: the id of the template, and the route
/// folders that mark the root (`…/category/<slug>`, `…/library/<id>`).
pub fn not_found_script() -> String {
    let folders = [CATEGORY_ROUTE, LIBRARY_ROUTE].map(|route| route.trim_matches('/'));
    NOT_FOUND_TEMPLATE
        .trim_end()
        .replace("__SHELL_HEAD_ID__", SHELL_HEAD_ID)
        .replace("__ROUTE_FOLDERS__", &folders.join("|"))
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

fn write(path: &Path, text: &str) -> Result<()> {
    write_bytes(path, text.as_bytes())
}

fn write_bytes(path: &Path, text: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("failed to create `{}`", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("failed to write `{}`", path.display()))
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
        let map = sitemap(pyuses::content::for_tests().data, "https://example.org/py/");
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
                    <link href=\"./b.js\"><a href=https://example.org/./x>";
        // An attribute the rewriter changed is written out quoted; the others as they were.
        assert_eq!(
            relocate(html, "../../"),
            "<meta content=\"../../\" name=pyuses-root><link href=\"../../a.css\" rel=stylesheet>\
             <script type=module>import init from '../../a.js';init({ module_or_path: '../../a.wasm' })</script>\
             <link href=\"../../b.js\"><a href=https://example.org/./x>"
        );
        assert_eq!(relocate(html, "./"), html);
    }

    #[test]
    fn the_404_script_follows_the_charset() {
        let script = not_found_script();
        // Trunk's minifier leaves out the `<head>` start tag; the page spells it.
        let page =
            not_found_page("<html><meta charset=utf-8><title>x</title></head><body>b").unwrap();
        assert_eq!(
            page,
            format!(
                "<html><head><meta charset=utf-8><template id=shell-head><title>x</title></template><script>{script}</script></head><body>b"
            )
        );
        assert!(not_found_page("<html><title>x</title>").is_err());
        assert!(not_found_page("<html><meta charset=utf-8><title>x</title>").is_err());
    }

    #[test]
    fn the_404_script_knows_the_route_folders() {
        let script = not_found_script();
        assert!(
            !script.contains("__"),
            "every placeholder is filled: {script}"
        );
        assert!(
            script.contains(r"/^(.*?\/)(?:category|library)(\/|$)/"),
            "{script}"
        );
        assert!(
            script.contains("getElementById(\"shell-head\")"),
            "{script}"
        );
        assert!(!script.contains("</script"));
    }

    #[test]
    fn the_loader_uses_the_shared_names() {
        assert_eq!(startup::PRELOAD_META, pyuses::names::PRELOAD_META);
        assert_eq!(startup::STARTING_CLASS, pyuses::names::STARTING_CLASS);
    }
}
