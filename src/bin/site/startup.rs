//! The page's own script, in place of Trunk's loader: when the app starts (at the
//! visitor's first input, not on load), and the service worker and the offline control,
//! which need no app. The script itself is the template `boot.js`, filled in here.
//!
//! Every page arrives prerendered: it reads in full and every link navigates before any
//! code runs. Trunk's loader would import the app's JavaScript and WebAssembly as soon as
//! the page is parsed, with both preloaded, so every visit paid for the whole app (about
//! 350 KB gzip) and its hydration before it could do anything else. This step rewrites
//! Trunk's loader so that the app comes when it is about to be used:
//!
//! - Trunk's `modulepreload` and wasm `preload` links go;
//! - its module script waits for the first sign of use: a pointer that moves or presses,
//!   a touch, a key, a focus, a wheel or a scroll ([`INTENTS`]). Then it adds the preloads
//!   of the data files the page names in `<meta name="pyuses-preload">` (so they download
//!   beside the app), imports the JavaScript and starts the WebAssembly, as Trunk's script
//!   did, and marks `<html>` with [`STARTING_CLASS`] until the app runs;
//! - a button of the prerendered page pressed before the app runs does nothing at once; it
//!   is pressed again when the app has hydrated (`data-app="ready"`), so the first click
//!   is not lost. What was typed into the search box is kept by the app itself;
//! - a page that `index.html` hides until the app renders it (an address with a query
//!   string, such as a shared search: see [`PENDING_CLASS`]) starts at once;
//! - should the app fail to load (the network went away), the held click is dropped and
//!   the next input tries again.
//!
//! The same script registers the service worker when the browser is idle (release builds,
//! every page but the embed view) and drives the footer's "Save for offline use" control
//! (see `src/pwa/sw.js`).

use pyuses::names::{
    APP_ATTR, APP_READY, BOOT_ATTR, EMBED_ROUTE, OFFLINE_ATTR, OFFLINE_LABEL_ATTR,
    OFFLINE_STATUS_ATTR, PENDING_CLASS, ROOT_META, ROUTE_META, SERVICE_WORKER_FILE,
};
pub use pyuses::names::{PRELOAD_META, STARTING_CLASS};

/// The events that start the app: any of them means the visitor is about to use the page.
pub const INTENTS: &[&str] = &[
    "pointerdown",
    "pointermove",
    "touchstart",
    "keydown",
    "focusin",
    "wheel",
    "scroll",
];

/// The page's script: starting the app, the service worker and the offline control (see
/// the comments in it). Filled in by [`page_script`].
const BOOT: &str = include_str!("boot.js");

/// The page's script for the app's JavaScript at `js` and its wasm at `wasm` (both
/// relative to the page, as Trunk writes them), with its comments and indentation left
/// out. It registers the service worker only if `register_worker` (release builds).
pub fn page_script(js: &str, wasm: &str, register_worker: bool) -> String {
    let intents = INTENTS
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(",");
    let filled = BOOT
        .replace("__INTENTS__", &format!("[{intents}]"))
        .replace("__PRELOAD_META__", PRELOAD_META)
        .replace("__STARTING_CLASS__", STARTING_CLASS)
        .replace("__PENDING_CLASS__", PENDING_CLASS)
        .replace("__ROUTE_META__", ROUTE_META)
        .replace("__ROOT_META__", ROOT_META)
        .replace("__EMBED_ROUTE__", EMBED_ROUTE)
        .replace("__APP_ATTR__", APP_ATTR)
        .replace("__APP_READY__", APP_READY)
        .replace("__BOOT_ATTR__", BOOT_ATTR)
        .replace("__OFFLINE_ATTR__", OFFLINE_ATTR)
        .replace("__OFFLINE_LABEL_ATTR__", OFFLINE_LABEL_ATTR)
        .replace("__OFFLINE_STATUS_ATTR__", OFFLINE_STATUS_ATTR)
        .replace("__SERVICE_WORKER_FILE__", SERVICE_WORKER_FILE)
        .replace(
            "__REGISTER__",
            if register_worker { "true" } else { "false" },
        )
        // Single quotes: the shape of root-relative URLs that pages in subfolders relocate.
        .replace("__JS__", &format!("'{js}'"))
        .replace("__WASM__", &format!("'{wasm}'"));
    filled
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Trunk's `index.html` with its loader replaced by the page's script ([`page_script`]),
/// which starts the app at the first input (and registers the service worker if
/// `register_worker`).
pub fn defer_start(index: &str, register_worker: bool) -> Result<String, String> {
    let problem = |what: &str| {
        format!(
            "index.html from Trunk has {what}: the post-build step cannot defer the app's start \
             (has Trunk's loader changed?)"
        )
    };
    let open = "<script type=module>";
    let start = index
        .find(open)
        .ok_or_else(|| problem("no `<script type=module>` loader"))?;
    let end = index[start..]
        .find("</script>")
        .map(|i| start + i + "</script>".len())
        .ok_or_else(|| problem("an unclosed loader script"))?;
    let loader = &index[start..end];
    let js = quoted_after(loader, "from ").ok_or_else(|| problem("no JavaScript import"))?;
    let wasm = quoted_after(loader, "module_or_path:").ok_or_else(|| problem("no wasm path"))?;
    let script = format!(
        "<script type=module>{}</script>",
        page_script(js, wasm, register_worker)
    );
    let page = format!("{}{script}{}", &index[..start], &index[end..]);
    let before = page.len();
    let page = without_links(&page, |tag| {
        tag.contains("modulepreload") || tag.contains("application/wasm")
    });
    if page.len() == before {
        return Err(problem("no preload links"));
    }
    Ok(page)
}

/// The single-quoted string after the first `marker` in `text`.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let rest = &rest[rest.find('\'')? + 1..];
    Some(&rest[..rest.find('\'')?])
}

/// `html` without the `<link>` tags for which `drop` is true.
fn without_links(html: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        let Some(len) = rest[at..].find('>').map(|i| i + 1) else {
            break;
        };
        let tag = &rest[at..at + len];
        out.push_str(&rest[..at]);
        if !drop(tag) {
            out.push_str(tag);
        }
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of Trunk's minified output.
    const TRUNK: &str = "<head><link href=./a.css rel=stylesheet>\
        <script type=module>import init, * as bindings from './app-1.js';\n\
        const wasm = await init({ module_or_path: './app-1_bg.wasm' });\n\
        window.wasmBindings = bindings;\n\
        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));</script>\
        <link crossorigin href=./app-1.js integrity=sha384-x rel=modulepreload>\
        <link as=fetch crossorigin href=./app-1_bg.wasm integrity=sha384-y rel=preload type=application/wasm>\
        </head>";

    #[test]
    fn the_app_starts_at_the_first_input_without_preloads() {
        let page = defer_start(TRUNK, true).unwrap();
        assert!(!page.contains("modulepreload"), "{page}");
        assert!(!page.contains("application/wasm"), "{page}");
        assert!(page.contains("<link href=./a.css rel=stylesheet>"));
        assert!(page.contains("await import('./app-1.js')"));
        assert!(page.contains("module_or_path: './app-1_bg.wasm'"));
        assert!(page.contains(
            r#"intents = ["pointerdown","pointermove","touchstart","keydown","focusin","wheel","scroll"]"#
        ));
        // A page hidden until the app renders it starts at once; any other waits for input.
        assert!(page.contains(r#"if (h.classList.contains("pyuses-pending")) go(); else arm();"#));
        // A button pressed early is held, and pressed again once the app is ready; the
        // page's own controls (`data-boot`) are not the app's.
        assert!(page.contains(r#"addEventListener("click", hold, true)"#));
        assert!(page.contains(r#"document.querySelectorAll("button:not([data-boot])")"#));
        assert!(page.contains("if (b && b.isConnected) b.click();"));
        assert!(page.contains("TrunkApplicationStarted"));
        assert_eq!(page.matches("<script").count(), 1);
        // The service worker is registered on idle, except in the embed view.
        assert!(page.contains(r#"route.content === "/embed/""#));
        assert!(page.contains(r#"meta[name=pyuses-root]"#));
        assert!(page.contains("requestIdleCallback"));
        assert!(page.contains("const sw = true && navigator.serviceWorker;"));
        let debug = defer_start(TRUNK, false).unwrap();
        assert!(debug.contains("const sw = false && navigator.serviceWorker;"));
        // Every placeholder is filled, and the comments are left out.
        assert!(!page.contains("__"), "{page}");
        assert!(
            !page.lines().any(|l| l.trim_start().starts_with("//")),
            "{page}"
        );
        // The paths keep the shape that pages in subfolders relocate, and nothing else is
        // relocated.
        let relocated = crate::postbuild::relocate(&page, "../../");
        assert!(relocated.contains("import('../../app-1.js')"));
        assert!(relocated.contains("module_or_path: '../../app-1_bg.wasm'"));
        assert_eq!(relocated.matches("../../").count(), 3, "{relocated}");
    }

    #[test]
    fn another_loader_is_an_error_that_says_so() {
        for html in [
            "<head></head>",
            "<script type=module>import x from './a.js'",
            "<script type=module>import x from './a.js';</script>",
            "<script type=module>import x from './a.js';init({ module_or_path: './a.wasm' })</script>",
        ] {
            let error = defer_start(html, true).unwrap_err();
            assert!(error.contains("cannot defer the app's start"), "{error}");
        }
    }
}
