//! The few browser facilities the app uses, each made safe to call where it is missing.
//!
//! Storage can be absent or throw (sandboxed and third-party frames, some private modes,
//! a full quota), so every failure here means "no storage" and never a panic. Call these
//! from effects and event handlers only: during prerendering there is no browser.

use wasm_bindgen::JsCast;
use web_sys::{Storage, Url};

use crate::names::{APP_ATTR, APP_READY, THEME_ATTR};
use crate::theme::Theme;

/// The browser window; `None` outside a browser, as when pages are prerendered natively,
/// where calling into web APIs would panic.
pub fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// The page's origin, such as `https://example.org`.
pub fn origin() -> Option<String> {
    window()?.location().origin().ok()
}

/// The `<meta>` whose content is the site root relative to the page (re-exported from
/// [`crate::names`] for the modules that name it from here).
pub use crate::names::ROOT_META;

/// `window.localStorage`, if the page may use it.
fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

/// Reads a stored string; `None` when absent or when storage is unavailable.
pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a string; returns whether it was stored.
pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The theme the visitor chose earlier, if it is stored and valid.
pub fn stored_theme() -> Option<Theme> {
    storage_get(Theme::STORAGE_KEY)
        .as_deref()
        .and_then(Theme::parse)
}

/// The media query for the system's dark preference.
pub const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// Whether the system asks for a dark theme.
pub fn system_prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Shows `theme` by setting `<html data-theme>`, or follows the system when `None`.
pub fn show_theme(theme: Option<Theme>) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute(THEME_ATTR, theme.as_str()),
        None => root.remove_attribute(THEME_ATTR),
    };
}

/// The path of the site root, e.g. `/` or `/docs/python-uses/`.
///
/// Each page names the root relative to itself in `<meta name="pyuses-root">`, so `dist/`
/// works under any base path without being rebuilt.
pub fn site_root_path() -> String {
    thread_local! {
        /// Worked out once, on the first page: the `<meta>` is relative to the page it was
        /// written for, and after in-app navigation the document's URL is another page's.
        static ROOT: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    let from_meta = || {
        let document = window()?.document()?;
        let meta = document
            .query_selector(&format!("meta[name=\"{ROOT_META}\"]"))
            .ok()??;
        let relative = meta.get_attribute("content")?;
        // Against the base URL, which the 404 page sets to the root it works out.
        let url = Url::new_with_base(&relative, &document.base_uri().ok()??).ok()?;
        Some(url.pathname())
    };
    ROOT.with(|root| {
        if let Some(known) = root.get() {
            return known.clone();
        }
        match from_meta() {
            Some(path) => root.get_or_init(|| path).clone(),
            None => "/".to_owned(),
        }
    })
}

/// Focuses an element, if it is one that can take focus.
pub fn focus(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Scrolls the element the address's `#fragment` names into view, if there is one: for a
/// fragment whose target moved once content above it arrived.
pub fn scroll_to_fragment() {
    let Some(window) = window() else { return };
    let id = window.location().hash().unwrap_or_default();
    let Some(id) = id.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    if let Some(element) = window.document().and_then(|d| d.get_element_by_id(id)) {
        element.scroll_into_view();
    }
}

/// The element that has focus.
pub fn active_element() -> Option<web_sys::Element> {
    window()?.document()?.active_element()
}

thread_local! {
    /// What was typed into the prerendered page's search box before the app started.
    static EARLY_QUERY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps what a visitor typed into the prerendered search box before the app started
/// (on a slow connection that can be a whole query); the app renders the box afresh
/// with its own state and picks this up with [`take_early_query`]. Call right before
/// mounting: a key typed between this call and the mount would be lost.
pub fn keep_early_query() {
    let typed = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(crate::components::search_box::INPUT_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .filter(|value| !value.is_empty());
    EARLY_QUERY.with(|early| *early.borrow_mut() = typed);
}

/// What was typed before the app started, once.
pub fn take_early_query() -> Option<String> {
    EARLY_QUERY.with(|early| early.borrow_mut().take())
}

/// Pins the `<head>` links a browser fetches again after in-app navigation (the icon)
/// to absolute URLs: their relative URLs were written for the page first loaded.
pub fn pin_head_links() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(links) = document
        .query_selector_all("link[rel~=icon], link[rel=manifest], link[rel=apple-touch-icon]")
    else {
        return;
    };
    for i in 0..links.length() {
        if let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlLinkElement>().ok())
        {
            let _ = link.set_attribute("href", &link.href());
        }
    }
}

/// The `<meta>` naming the route a page was prerendered for (re-exported from
/// [`crate::names`] for the modules that name it from here).
pub use crate::names::ROUTE_META;

/// The route the page was prerendered for, from `<meta name="pyuses-route">`.
fn prerendered_route() -> Option<String> {
    let document = window()?.document()?;
    document
        .query_selector(&format!("meta[name=\"{ROUTE_META}\"]"))
        .ok()??
        .get_attribute("content")
}

/// Whether the prerendered page shows exactly what the address asks for, so the app may
/// hydrate it in place: the same route, and no query string (a search or a filter in the
/// URL changes what the page shows).
pub fn prerendered_matches_address() -> bool {
    let Some(location) = window().map(|w| w.location()) else {
        return false;
    };
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return false;
    };
    let root = site_root_path();
    let route = path
        .strip_prefix(root.trim_end_matches('/'))
        .unwrap_or(&path);
    search.is_empty() && prerendered_route().as_deref() == Some(route)
}

/// Removes the prerendered app and the head tags it registered, so the app can render
/// afresh for an address the page was not prerendered for.
pub fn clear_prerendered() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(body) = document.body() {
        while let Some(child) = body.first_child() {
            let _ = body.remove_child(&child);
        }
    }
    // leptos_meta's tags follow its `<!--HEAD-->` marker; the app registers them again.
    let Some(head) = document.head() else { return };
    let mut node = head.first_child();
    let mut after_marker = false;
    while let Some(current) = node {
        node = current.next_sibling();
        if after_marker {
            let _ = head.remove_child(&current);
        } else if current.node_type() == web_sys::Node::COMMENT_NODE
            && current.text_content().as_deref() == Some("HEAD")
        {
            after_marker = true;
        }
    }
}

/// The class `index.html` puts on `<html>` while a page waits for the app to render it
/// (re-exported from [`crate::names`] for the modules that name it from here).
pub use crate::names::PENDING_CLASS;

/// Marks `<html data-app="ready">` once the app has hydrated or rendered, so scripts and
/// tests can tell the prerendered page from the running app, and reveals a page that
/// `index.html` hid because its address asks for more than was prerendered.
pub fn mark_ready() {
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(APP_ATTR, APP_READY);
        let _ = root.class_list().remove_1(PENDING_CLASS);
    }
}
