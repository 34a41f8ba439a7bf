//! The Content-Security-Policy: strict, with the hash of every inline script the build
//! wrote, in a `<meta http-equiv>` on every page (for hosts without header control) and
//! in `_headers` (where `frame-ancestors` takes effect).

use std::cell::{Cell, RefCell};

use anyhow::{Result, ensure};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, text};
use sha2::{Digest, Sha256};

use crate::html;

/// The policy's fixed part.
///
/// - `script-src`: the site's own files, WebAssembly compilation (`'wasm-unsafe-eval'`),
///   and the hashes of the inline scripts (Trunk's loader, the theme script that avoids a
///   flash of the wrong theme, and the 404 page's root finder).
/// - `style-src 'self'`: the app needs nothing looser: it writes no `style` attributes and
///   no `<style>` elements (the Embed dialog sizes its preview through the CSSOM, which CSP
///   allows).
/// - `img-src` adds `data:`; everything else is the site's own origin.
const BASE: &[&str] = &[
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
];

/// The SHA-256 source expression of every distinct inline script in `pages`, in order.
pub fn inline_script_hashes<'a>(pages: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
    let mut hashes: Vec<String> = Vec::new();
    for html in pages {
        for script in inline_scripts(html)? {
            let hash = format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            );
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
    }
    Ok(hashes)
}

/// The text of every `<script>` element without a `src`, templates' included.
pub fn inline_scripts(page: &str) -> Result<Vec<String>> {
    let scripts = RefCell::new(Vec::new());
    html::rewrite(
        page,
        RewriteStrSettings::new().append_element_content_handler(text!(
            "script:not([src])",
            html::read_text(|script| scripts.borrow_mut().push(script))
        )),
    )?;
    Ok(scripts.into_inner())
}

/// The policy, for every page's `<meta http-equiv>` and for every response's header.
pub fn policy(script_hashes: &[String]) -> String {
    let scripts = format!(
        "script-src 'self' 'wasm-unsafe-eval' {}",
        script_hashes.join(" ")
    );
    let mut directives: Vec<String> = BASE.iter().map(|d| (*d).to_owned()).collect();
    directives.insert(1, scripts.trim_end().to_owned());
    directives.join("; ")
}

/// The second policy that every page but the embed view carries as a header (it has no
/// effect in a `<meta>`): only the site itself may frame it.
pub const NOT_FRAMED: &str = "frame-ancestors 'self'";

/// Adds the policy to a page, right after `<meta charset>`, before any script runs.
pub fn with_meta(page: &str, meta_policy: &str) -> Result<String> {
    let added = Cell::new(false);
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        meta_policy.replace('&', "&amp;").replace('"', "&quot;")
    );
    let page = html::rewrite(
        page,
        RewriteStrSettings::new().append_element_content_handler(element!(
            "meta[charset]",
            |charset| {
                if !added.replace(true) {
                    charset.after(&meta, ContentType::Html);
                }
                Ok(())
            }
        )),
    )?;
    ensure!(added.get(), "a page has no <meta charset>");
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = "<script>a()</script><script type=module>b()</script><script src=x.js></script><template><script>a()</script></template>";
        assert_eq!(inline_scripts(html).unwrap(), ["a()", "b()", "a()"]);
        let hashes = inline_script_hashes([html]).unwrap();
        assert_eq!(hashes.len(), 2, "duplicates are listed once");
        // The hash CSP expects: base64 of the SHA-256 of the script's text.
        assert_eq!(
            inline_script_hashes(["<script>a()</script>"]).unwrap()[0],
            "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"
        );
    }

    #[test]
    fn the_policy() {
        let policy = policy(&["'sha256-x'".to_owned()]);
        assert_eq!(
            policy,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'; style-src 'self'; \
             img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
        );
        assert!(
            !policy.contains("frame-ancestors"),
            "meta policies cannot carry it"
        );
    }

    #[test]
    fn the_meta_goes_first() {
        let page = with_meta(
            "<html><meta charset=utf-8><script>x</script>",
            "default-src 'self'",
        )
        .unwrap();
        assert_eq!(
            page,
            "<html><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"><script>x</script>"
        );
        assert!(with_meta("<html><script>x</script>", "default-src 'self'").is_err());
    }
}
