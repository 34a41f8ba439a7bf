//! When the app starts: at the visitor's first input, not on load.
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

use pyuses::browser::PENDING_CLASS;

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

/// The class on `<html>` from the first input until the app runs.
pub const STARTING_CLASS: &str = "pyuses-starting";

/// The `<meta>` naming a data file that the page's start-up fetches, relative to the page.
pub const PRELOAD_META: &str = "pyuses-preload";

/// Trunk's `index.html` with its loader rewritten to start the app at the first input.
pub fn defer_start(index: &str) -> Result<String, String> {
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
    let intents = INTENTS
        .iter()
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(",");
    let script = format!(
        "<script type=module>const h=document.documentElement,intents=[{intents}];\
         const prerendered=new WeakSet(document.querySelectorAll('button'));\
         let started=false,held=null;\
         const ready=()=>h.dataset.app==='ready';\
         const hold=e=>{{const b=!ready()&&e.target.closest&&e.target.closest('button');\
         if(b&&prerendered.has(b)){{e.preventDefault();e.stopImmediatePropagation();held=b;go()}}}};\
         const arm=()=>{{for(const t of intents)addEventListener(t,go,{{capture:true,passive:true}})}};\
         const start=async()=>{{\
         for(const m of document.querySelectorAll('meta[name={PRELOAD_META}]')){{\
         const l=document.createElement('link');l.rel='preload';l.as='fetch';\
         l.crossOrigin='anonymous';l.href=m.content;document.head.append(l)}}\
         const bindings=await import('{js}');\
         const wasm=await bindings.default({{module_or_path:'{wasm}'}});\
         window.wasmBindings=bindings;\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}))}};\
         const go=()=>{{if(started)return;started=true;\
         for(const t of intents)removeEventListener(t,go,true);\
         h.classList.add('{STARTING_CLASS}');\
         start().catch(()=>{{started=false;held=null;h.classList.remove('{STARTING_CLASS}');arm()}})}};\
         new MutationObserver((_,o)=>{{if(!ready())return;o.disconnect();\
         removeEventListener('click',hold,true);h.classList.remove('{STARTING_CLASS}');\
         const b=held;held=null;if(b&&b.isConnected)b.click()}})\
         .observe(h,{{attributes:true,attributeFilter:['data-app']}});\
         addEventListener('click',hold,true);\
         if(h.classList.contains('{PENDING_CLASS}'))go();else arm()</script>"
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
        let page = defer_start(TRUNK).unwrap();
        assert!(!page.contains("modulepreload"), "{page}");
        assert!(!page.contains("application/wasm"), "{page}");
        assert!(page.contains("<link href=./a.css rel=stylesheet>"));
        assert!(page.contains("await import('./app-1.js')"));
        assert!(page.contains("module_or_path:'./app-1_bg.wasm'"));
        assert!(page.contains(
            "intents=['pointerdown','pointermove','touchstart','keydown','focusin','wheel','scroll']"
        ));
        // A page hidden until the app renders it starts at once; any other waits for input.
        assert!(page.contains("if(h.classList.contains('pyuses-pending'))go();else arm()"));
        // A button pressed early is held, and pressed again once the app is ready.
        assert!(page.contains("addEventListener('click',hold,true)"));
        assert!(page.contains("new WeakSet(document.querySelectorAll('button'))"));
        assert!(page.contains("if(b&&b.isConnected)b.click()"));
        assert!(page.contains("TrunkApplicationStarted"));
        assert_eq!(page.matches("<script").count(), 1);
        // The paths keep the shape that pages in subfolders relocate.
        let relocated = crate::postbuild::relocate(&page, "../../");
        assert!(relocated.contains("import('../../app-1.js')"));
        assert!(relocated.contains("module_or_path:'../../app-1_bg.wasm'"));
    }

    #[test]
    fn another_loader_is_an_error_that_says_so() {
        for html in [
            "<head></head>",
            "<script type=module>import x from './a.js'",
            "<script type=module>import x from './a.js';</script>",
            "<script type=module>import x from './a.js';init({ module_or_path: './a.wasm' })</script>",
        ] {
            let error = defer_start(html).unwrap_err();
            assert!(error.contains("cannot defer the app's start"), "{error}");
        }
    }
}
