//! `_headers`: response headers per path, in the format Netlify and Cloudflare Pages read.
//!
//! `site postbuild` writes the file (caching rules that know the build's hashed names);
//! `site serve` applies it, so local runs and tests see the same headers a host sends.
//!
//! ```text
//! /sw.js
//!   Cache-Control: no-cache
//! /category/*
//!   Cache-Control: no-cache
//! ```

use crate::csp;
use pyuses::names::{CATEGORY_ROUTE, EMBED_ROUTE, HOME_ROUTE, LIBRARY_ROUTE};
use pyuses::pwa::service_worker::Entry;

/// A path pattern and the headers it adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// An absolute path; `*` matches any run of characters.
    pub pattern: String,
    /// (name, value) pairs, in file order.
    pub headers: Vec<(String, String)>,
}

/// The folder of the app's icons, which `index.html` copies from `style/icons`.
const ICONS: &str = "/icons/";

/// HTML, the worker and the manifest must be checked on every load; only content-hashed
/// names may be kept for good.
pub const REVALIDATE: &str = "no-cache";
/// For content-hashed files, which never change under the same name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The rules for a build whose files are `entries`, with its Content-Security-Policy.
///
/// Hosts give a path the headers of every rule that matches it, and join two values of
/// one header with a comma. So only the site-wide rule `/*` overlaps the others, and the
/// one header both set is the policy, where two values are two policies and both hold:
/// every response gets the full policy, and every page but the embed view also gets
/// `frame-ancestors 'self'`, so only the embed can be framed by other sites. (Hosts that
/// keep only the more specific value still enforce the full policy through the pages'
/// `<meta>`.)
pub fn rules(entries: &[Entry], policy: &str) -> Vec<Rule> {
    let mut rules = vec![Rule::new(
        "/*",
        &[
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Content-Security-Policy", policy),
        ],
    )];
    let not_framed = ("Content-Security-Policy", csp::NOT_FRAMED);
    let revalidate = ("Cache-Control", REVALIDATE);
    // The pages, a folder at a time where a folder holds nothing else.
    let page_folders = [CATEGORY_ROUTE, LIBRARY_ROUTE, EMBED_ROUTE];
    rules.push(Rule::new(HOME_ROUTE, &[revalidate, not_framed]));
    for entry in entries.iter().filter(|e| !e.hashed) {
        let path = entry.path.as_str();
        let in_folder = |folder: &str| path.starts_with(folder.trim_start_matches('/'));
        if page_folders.into_iter().any(in_folder) || in_folder(ICONS) {
            continue;
        }
        if path.ends_with(".html") {
            rules.push(Rule::new(&format!("/{path}"), &[revalidate, not_framed]));
        } else {
            rules.push(Rule::new(&format!("/{path}"), &[revalidate]));
        }
    }
    rules.push(Rule::new(
        &format!("/{}", pyuses::names::SERVICE_WORKER_FILE),
        &[revalidate],
    ));
    let everything_in = |folder: &str| format!("{folder}*");
    rules.push(Rule::new(
        &everything_in(CATEGORY_ROUTE),
        &[revalidate, not_framed],
    ));
    rules.push(Rule::new(
        &everything_in(LIBRARY_ROUTE),
        &[revalidate, not_framed],
    ));
    rules.push(Rule::new(&everything_in(EMBED_ROUTE), &[revalidate]));
    rules.push(Rule::new(&everything_in(ICONS), &[revalidate]));
    // Content-hashed files are also shared across origins: an embed in a sandboxed frame
    // has an opaque origin, and loads the app's module and wasm with CORS.
    rules.extend(entries.iter().filter(|e| e.hashed).map(|e| {
        Rule::new(
            &format!("/{}", e.path),
            &[
                ("Cache-Control", IMMUTABLE),
                ("Access-Control-Allow-Origin", "*"),
            ],
        )
    }));
    rules
}

impl Rule {
    fn new(pattern: &str, headers: &[(&str, &str)]) -> Self {
        Self {
            pattern: pattern.to_owned(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }
}

/// Writes rules in the `_headers` format.
pub fn render(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Response headers for hosts that read _headers (Netlify, Cloudflare Pages); written by\n\
         # `site postbuild`. Every page, the worker and the manifest are revalidated on each load;\n\
         # content-hashed files are kept for a year. Every response carries the Content-Security-\n\
         # Policy; every page but the embed view adds a second one: only this site may frame it.\n",
    );
    for rule in rules {
        out.push_str(&rule.pattern);
        out.push('\n');
        for (name, value) in &rule.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// Reads the `_headers` format; lines it cannot read are skipped, as hosts do.
pub fn parse(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            rules.push(Rule {
                pattern: trimmed.to_owned(),
                headers: Vec::new(),
            });
        } else if let (Some(rule), Some((name, value))) =
            (rules.last_mut(), trimmed.split_once(':'))
        {
            rule.headers
                .push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    rules
}

/// The headers for `path` as hosts send them: every matching rule's, two values of one
/// header joined with a comma.
pub fn headers_for(rules: &[Rule], path: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for rule in rules.iter().filter(|r| matches(&r.pattern, path)) {
        for (name, value) in &rule.headers {
            match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                Some((_, joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                None => out.push((name.clone(), value.clone())),
            }
        }
    }
    out
}

/// Whether `path` matches `pattern`, where `*` matches any run of characters.
pub fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return false;
    };
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("/*", "/anything/at/all"));
        assert!(matches("/sw.js", "/sw.js"));
        assert!(!matches("/sw.js", "/sw.json"));
        assert!(matches("/category/*", "/category/iot/"));
        assert!(matches("/a/*/c", "/a/b/c"));
        assert!(!matches("/a/*/c", "/a/b/d"));
    }

    /// The files of a typical build.
    fn build() -> Vec<Entry> {
        let entry = |path: &str| Entry {
            path: path.into(),
            hashed: pyuses::pwa::service_worker::is_hashed(path),
            digest: String::new(),
            wire_bytes: 0,
        };
        [
            "404.html",
            "app-0123456789abcdef.js",
            "app-0123456789abcdef_bg.wasm",
            "category/iot/index.html",
            "embed.js",
            "embed/index.html",
            "icons/app-icon.svg",
            "index.html",
            "main-0123456789abcdef.css",
            "manifest.webmanifest",
        ]
        .map(entry)
        .to_vec()
    }

    #[test]
    fn round_trips() {
        let rules = rules(&build(), "default-src 'self'");
        assert_eq!(parse(&render(&rules)), rules);
    }

    #[test]
    fn every_address_gets_each_header_once_except_the_policies() {
        let rules = rules(&build(), "default-src 'self'");
        let header = |path: &str, name: &str| -> Option<String> {
            headers_for(&rules, path)
                .into_iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v)
        };
        for path in [
            "/",
            "/index.html",
            "/404.html",
            "/category/iot/",
            "/category/iot/index.html",
            "/embed/",
            "/embed/index.html",
            "/embed.js",
            "/sw.js",
            "/manifest.webmanifest",
            "/icons/app-icon.svg",
            "/app-0123456789abcdef.js",
            "/app-0123456789abcdef_bg.wasm",
            "/main-0123456789abcdef.css",
        ] {
            let cache = header(path, "Cache-Control").unwrap();
            assert!(cache == REVALIDATE || cache == IMMUTABLE, "{path}: {cache}");
            assert_eq!(header(path, "X-Content-Type-Options").unwrap(), "nosniff");
            let policy = header(path, "Content-Security-Policy").unwrap();
            assert!(policy.starts_with("default-src 'self'"), "{path}: {policy}");
        }
        let framed = |path| header(path, "Content-Security-Policy").unwrap();
        for page in ["/", "/index.html", "/404.html", "/category/iot/"] {
            assert_eq!(
                framed(page),
                format!("default-src 'self', {}", csp::NOT_FRAMED),
                "{page}"
            );
        }
        assert_eq!(framed("/embed/"), "default-src 'self'");
        assert_eq!(framed("/embed/index.html"), "default-src 'self'");
        assert_eq!(
            header("/app-0123456789abcdef_bg.wasm", "Cache-Control").unwrap(),
            IMMUTABLE
        );
        assert_eq!(header("/index.html", "Cache-Control").unwrap(), REVALIDATE);
        assert_eq!(header("/sw.js", "Cache-Control").unwrap(), REVALIDATE);
    }
}
