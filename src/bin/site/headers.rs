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
use crate::service_worker::Entry;

/// A path pattern and the headers it adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// An absolute path; `*` matches any run of characters.
    pub pattern: String,
    /// (name, value) pairs, in file order.
    pub headers: Vec<(String, String)>,
}

/// HTML, the worker and the manifest must be checked on every load; only content-hashed
/// names may be kept for good.
pub const REVALIDATE: &str = "no-cache";
/// For content-hashed files, which never change under the same name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The rules for a build whose files are `entries`, with its Content-Security-Policy.
pub fn rules(entries: &[Entry], policy: &str) -> Vec<Rule> {
    let rule = |pattern: &str, headers: &[(&str, &str)]| Rule {
        pattern: pattern.to_owned(),
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
    };
    let mut rules = vec![rule(
        "/*",
        &[
            ("Cache-Control", REVALIDATE),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Content-Security-Policy", &csp::header(policy, false)),
        ],
    )];
    // Only the embed view may be framed by other sites.
    rules.push(rule(
        "/embed/*",
        &[("Content-Security-Policy", &csp::header(policy, true))],
    ));
    // Content-hashed files are also shared across origins: an embed in a sandboxed frame
    // has an opaque origin, and loads the app's module and wasm with CORS.
    rules.extend(entries.iter().filter(|e| e.hashed).map(|e| {
        rule(
            &format!("/{}", e.path),
            &[
                ("Cache-Control", IMMUTABLE),
                ("Access-Control-Allow-Origin", "*"),
            ],
        )
    }));
    rules
}

/// Writes rules in the `_headers` format.
pub fn render(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Response headers for hosts that read _headers (Netlify, Cloudflare Pages); written by\n\
         # `site postbuild`. Every page, the worker and the manifest are revalidated on each load;\n\
         # content-hashed files are kept for a year.\n",
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

/// The headers for `path`: every matching rule's, later rules replacing a header an
/// earlier one set.
pub fn headers_for<'a>(rules: &'a [Rule], path: &str) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for rule in rules.iter().filter(|r| matches(&r.pattern, path)) {
        for (name, value) in &rule.headers {
            out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            out.push((name, value));
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

    #[test]
    fn round_trips_and_later_rules_win() {
        let entries = [Entry {
            path: "app-0123456789abcdef.js".into(),
            hashed: true,
            digest: String::new(),
        }];
        let rules = parse(&render(&rules(&entries, "default-src 'self'")));
        assert_eq!(rules, super::rules(&entries, "default-src 'self'"));
        let csp = |path| {
            headers_for(&rules, path)
                .into_iter()
                .find(|(n, _)| *n == "Content-Security-Policy")
                .unwrap()
                .1
        };
        assert!(csp("/").ends_with("frame-ancestors 'self'"));
        assert!(csp("/embed/").ends_with("frame-ancestors *"));
        let js = headers_for(&rules, "/app-0123456789abcdef.js");
        assert!(js.contains(&("Cache-Control", IMMUTABLE)), "{js:?}");
        assert!(!js.contains(&("Cache-Control", REVALIDATE)));
        assert!(headers_for(&rules, "/index.html").contains(&("Cache-Control", REVALIDATE)));
    }
}
