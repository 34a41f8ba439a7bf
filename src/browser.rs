//! The few browser facilities the app uses, each made safe to call where it is missing.
//!
//! Storage can be absent or throw (sandboxed and third-party frames, some private modes,
//! a full quota), so every failure here means "no storage" and never a panic. Call these
//! from effects and event handlers only: during prerendering there is no browser.

use wasm_bindgen::JsCast;
use web_sys::{Storage, Url};

use crate::theme::Theme;

/// The `<meta>` whose content is the site root relative to the page.
pub const ROOT_META: &str = "pyuses-root";

/// `window.localStorage`, if the page may use it.
fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
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
    web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Shows `theme` by setting `<html data-theme>`, or follows the system when `None`.
pub fn show_theme(theme: Option<Theme>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme.as_str()),
        None => root.remove_attribute("data-theme"),
    };
}

/// The path of the site root, e.g. `/` or `/docs/python-uses/`.
///
/// Each page names the root relative to itself in `<meta name="pyuses-root">`, so `dist/`
/// works under any base path without being rebuilt.
pub fn site_root_path() -> String {
    let from_meta = || {
        let document = web_sys::window()?.document()?;
        let meta = document
            .query_selector(&format!("meta[name=\"{ROOT_META}\"]"))
            .ok()??;
        let relative = meta.get_attribute("content")?;
        // Against the base URL, which the 404 page sets to the root it works out.
        let url = Url::new_with_base(&relative, &document.base_uri().ok()??).ok()?;
        Some(url.pathname())
    };
    from_meta().unwrap_or_else(|| "/".to_owned())
}

/// Focuses an element, if it is one that can take focus.
pub fn focus(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// The element that has focus.
pub fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Pins the `<head>` links a browser fetches again after in-app navigation (the icon)
/// to absolute URLs: their relative URLs were written for the page first loaded.
pub fn pin_head_links() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
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
