//! Fetching the data files, and starting the app once the data is in.
//!
//! Each page names the home data file in `<meta name="pyuses-data">` (relative to the site
//! root). [`start`] fetches it, and on a field page that field's body too, installs them
//! into [`content`], then hydrates the prerendered page (or renders afresh). When a file
//! cannot be fetched or decoded, the prerendered page stays as it is, fully readable, and
//! a notice says what failed, with a button that tries again.

use wasm_bindgen::JsCast;

use crate::browser;
use crate::content;
use pyuses_content::{DataFile, FieldBody, HomeData, decode};

/// The `<meta>` whose content is the home data file, relative to the site root.
pub const DATA_META: &str = "pyuses-data";
/// The id of the notice shown when the data cannot be loaded.
pub const NOTICE_ID: &str = "data-error";

/// Why a data file is not available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The request failed or the server answered with an error.
    Fetch(String),
    /// The file arrived but is not a valid data file.
    Decode(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Fetch(why) => write!(f, "it could not be downloaded ({why})"),
            Self::Decode(why) => write!(f, "it arrived damaged ({why})"),
        }
    }
}

/// Fetches and decodes the data file `file`, relative to the site root.
pub async fn fetch<T: DataFile>(file: &str) -> Result<T, LoadError> {
    let url = format!("{}{file}", browser::site_root_path());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| LoadError::Fetch(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Fetch(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let bytes = response
        .binary()
        .await
        .map_err(|e| LoadError::Fetch(e.to_string()))?;
    decode(&bytes).map_err(|e| LoadError::Decode(e.to_string()))
}

/// Fetches a field's body, unless it is already loaded, and keeps it.
pub async fn field_body(slug: &str) -> Result<&'static content::Page, LoadError> {
    if let Some(page) = content::body(slug) {
        return Ok(page);
    }
    let file = content::body_file(slug)
        .ok_or_else(|| LoadError::Fetch(format!("no data file is listed for `{slug}`")))?;
    let body: FieldBody = fetch(file).await?;
    if body.slug != slug {
        return Err(LoadError::Decode(format!(
            "it holds `{}`, not `{slug}`",
            body.slug
        )));
    }
    Ok(content::set_body(slug, body.page))
}

/// Loads the data this page needs, then runs `mount`; on failure shows the notice, whose
/// button tries again.
pub fn start(mount: fn()) {
    // Leptos's executor is set up by mounting, so this runs on wasm-bindgen's own.
    wasm_bindgen_futures::spawn_local(async move {
        match load().await {
            Ok(()) => {
                remove_notice();
                // In a task of its own: the page can handle input between decoding the data
                // and hydrating, two long steps on a slow phone.
                leptos::prelude::set_timeout(mount, std::time::Duration::ZERO);
            }
            Err(error) => show_notice(&error, mount),
        }
    });
}

/// The home data, and the body of the field page being shown, if any.
async fn load() -> Result<(), LoadError> {
    if !content::is_installed() {
        let file = data_file().ok_or_else(|| {
            LoadError::Fetch(format!(
                "the page names no data file (<meta name=\"{DATA_META}\">)"
            ))
        })?;
        let home: HomeData = fetch(&file).await?;
        content::install(home);
    }
    if let Some(slug) = field_slug() {
        // An unknown slug shows the not-found view, which needs no body.
        if content::category(&slug).is_some() {
            field_body(&slug).await?;
        }
    }
    Ok(())
}

/// The home data file named by the page.
fn data_file() -> Option<String> {
    browser::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{DATA_META}\"]"))
        .ok()??
        .get_attribute("content")
}

/// The slug of the field page at this address.
fn field_slug() -> Option<String> {
    let path = browser::window()?.location().pathname().ok()?;
    let root = browser::site_root_path();
    let route = path
        .strip_prefix(root.trim_end_matches('/'))
        .unwrap_or(&path);
    let slug = route.strip_prefix("/category/")?.trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then(|| slug.to_owned())
}

/// Shows what failed over the page, with a button that tries again. Plain DOM calls: the
/// app is not running. The page itself is revealed, in case it was waiting for the app.
fn show_notice(error: &LoadError, mount: fn()) {
    let Some(document) = browser::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.class_list().remove_1(browser::PENDING_CLASS);
    }
    remove_notice();
    let build = || -> Option<web_sys::Element> {
        let retry = document.create_element("button").ok()?;
        retry.set_attribute("type", "button").ok()?;
        retry.set_text_content(Some("Try again"));
        crate::crash::alert_panel(
            &document,
            NOTICE_ID,
            "crash data-error",
            "The explorer’s data did not load",
            &format!(
                "The page can still be read, but search and filters need the site’s data, and {error}. \
                 Check your connection and try again."
            ),
            retry,
        )
    };
    let Some(retry) = build() else { return };
    let listener = gloo_events::EventListener::new(&retry, "click", move |_| {
        if let Some(button) = browser::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(NOTICE_ID))
            .and_then(|n| n.query_selector("button").ok().flatten())
        {
            let _ = button.set_attribute("disabled", "");
            button.set_text_content(Some("Trying again…"));
        }
        start(mount);
    });
    // The notice lives until the data loads; its listener lives as long.
    listener.forget();
    if let Some(retry) = retry.dyn_ref::<web_sys::HtmlElement>() {
        let _ = retry.focus();
    }
}

fn remove_notice() {
    if let Some(notice) = browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(NOTICE_ID))
    {
        notice.remove();
    }
}
