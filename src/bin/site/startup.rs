//! When the app starts: after the page's first paint, not before.
//!
//! Every page arrives prerendered, so it can be read before any code runs. Trunk's loader
//! would import the app's JavaScript and WebAssembly as soon as the page is parsed, with
//! both preloaded, and on a slow phone the app's start-up then runs before the browser has
//! painted anything. This step rewrites Trunk's loader so that the page paints first:
//!
//! - Trunk's `modulepreload` and wasm `preload` links go;
//! - its module script waits until the browser reports the page's first contentful paint
//!   (a `paint` performance entry), then adds the preloads of the data files the page
//!   names in `<meta name="pyuses-preload">` (so they download beside the app), imports the
//!   JavaScript and starts the WebAssembly, as Trunk's script did;
//! - it starts at once where there is nothing to paint first: in a page that is not shown
//!   (a background tab), and in a page that `index.html` hides until the app renders it
//!   (an address with a query string, such as a shared search: see [`PENDING_CLASS`]);
//! - a shown page that reports no paint starts after [`FALLBACK_MS`], and a browser that
//!   does not report paints starts it after the first frame.

use pyuses::browser::PENDING_CLASS;

/// How long a shown page waits for its first contentful paint before it starts the app
/// anyway (a page with nothing to paint, or a browser that does not report paints).
const FALLBACK_MS: u32 = 3000;

/// The `<meta>` naming a data file that the page's start-up fetches, relative to the page.
pub const PRELOAD_META: &str = "pyuses-preload";

/// Trunk's `index.html` with its loader rewritten to start the app after the first paint.
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
    let script = format!(
        "<script type=module>const start=async()=>{{\
         for(const m of document.querySelectorAll('meta[name={PRELOAD_META}]')){{\
         const l=document.createElement('link');l.rel='preload';l.as='fetch';\
         l.crossOrigin='anonymous';l.href=m.content;document.head.append(l)}}\
         const bindings=await import('{js}');\
         const wasm=await bindings.default({{module_or_path:'{wasm}'}});\
         window.wasmBindings=bindings;\
         dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}))}};\
         let started=false;const go=()=>{{if(!started){{started=true;setTimeout(start)}}}};\
         const types=(self.PerformanceObserver&&PerformanceObserver.supportedEntryTypes)||[];\
         if(document.hidden||document.documentElement.classList.contains('{PENDING_CLASS}'))go();\
         else if(types.includes('paint')){{setTimeout(go,{FALLBACK_MS});\
         new PerformanceObserver((list,o)=>{{\
         if(list.getEntries().some(e=>e.name==='first-contentful-paint')){{o.disconnect();go()}}}})\
         .observe({{type:'paint',buffered:true}})}}\
         else requestAnimationFrame(()=>setTimeout(go))</script>"
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
    fn the_app_starts_after_the_first_paint_without_preloads() {
        let page = defer_start(TRUNK).unwrap();
        assert!(!page.contains("modulepreload"), "{page}");
        assert!(!page.contains("application/wasm"), "{page}");
        assert!(page.contains("<link href=./a.css rel=stylesheet>"));
        assert!(page.contains("await import('./app-1.js')"));
        assert!(page.contains("module_or_path:'./app-1_bg.wasm'"));
        assert!(page.contains("first-contentful-paint"));
        assert!(page.contains("observe({type:'paint',buffered:true})"));
        // Nothing is painted first where the page is hidden, or hidden until the app runs.
        assert!(page.contains(
            "if(document.hidden||document.documentElement.classList.contains('pyuses-pending'))go()"
        ));
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
