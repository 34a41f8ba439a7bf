//! Fetching the data files, and starting the app once the data is in.
//!
//! Each page names the home data file in `<meta name="pyuses-data">` (relative to the site
//! root). [`start`] fetches it and makes the site's data from it ([`SiteData`]); on a field
//! page it adds that field's body (on a library's page, the body of a field that lists it,
//! for the library's details), then hydrates the prerendered page (or renders afresh) with
//! that data. When a file
//! cannot be fetched or decoded, the prerendered page stays as it is, fully readable, and
//! a notice says what failed, with a button that tries again. The search indexes are a
//! file of their own, fetched when the visitor is about to search ([`load_search`]).

use wasm_bindgen::JsCast;

use crate::browser;
use crate::content::{Data, Page, SiteData};
use std::cell::Cell;
use std::rc::Rc;

use pyuses_content::{DataFile, FieldBody, HomeData, SearchData, decode};

/// The `<meta>` whose content is the home data file, relative to the site root
/// (re-exported from [`crate::names`] for the modules that name it from here).
pub use crate::names::DATA_META;
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

/// Fetches a field's body, unless it is already loaded, and keeps it in `data`.
pub async fn field_body(data: &'static Data, slug: &str) -> Result<&'static Page, LoadError> {
    if let Some(page) = data.body(slug) {
        return Ok(page);
    }
    let file = data
        .body_file(slug)
        .ok_or_else(|| LoadError::Fetch(format!("no data file is listed for `{slug}`")))?;
    let body: FieldBody = fetch(file).await?;
    if body.slug != slug {
        return Err(LoadError::Decode(format!(
            "it holds `{}`, not `{slug}`",
            body.slug
        )));
    }
    data.set_body(slug, body.page, body.libraries)
        .ok_or_else(|| LoadError::Decode(format!("`{slug}` is no field of the home data")))
}

/// Fetches the pages of the fields that list the library `id`, unless they are loaded: a
/// library's page shows its details and its alternatives, which come with them.
pub async fn library_fields(data: &'static Data, id: &str) -> Result<(), LoadError> {
    for field in data.fields_using(id) {
        field_body(data, &field.slug).await?;
    }
    Ok(())
}

/// Loads the data this page needs, then runs `mount` with it; on failure shows the
/// notice, whose button tries again.
pub fn start(mount: fn(&'static SiteData)) {
    begin(mount, Rc::default());
}

/// [`start`], keeping in `made` the site's data once it is made, so that trying again
/// fetches only what is still missing.
fn begin(mount: fn(&'static SiteData), made: Rc<Cell<Option<&'static SiteData>>>) {
    // Leptos's executor is set up by mounting, so this runs on wasm-bindgen's own.
    wasm_bindgen_futures::spawn_local(async move {
        match load(&made).await {
            Ok(site) => {
                remove_notice();
                // In a task of its own: the page can handle input between decoding the data
                // and hydrating, two long steps on a slow phone.
                leptos::prelude::set_timeout(move || mount(site), std::time::Duration::ZERO);
            }
            Err(error) => show_notice(
                "The explorer’s data did not load",
                &format!(
                    "The page can still be read, but search and filters need the site’s data, \
                     and {error}. Check your connection and try again."
                ),
                true,
                move || begin(mount, made.clone()),
            ),
        }
    });
}

/// Fetches the search indexes, unless they are in or on their way, and says when they
/// arrive; on failure shows the notice, whose button tries again. The page calls this
/// when the visitor is about to search: a visit that never searches never fetches them.
pub fn load_search(site: &'static SiteData) {
    if site.data.has_search() || !site.start_loading_search() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = search_data(site.data).await;
        site.stop_loading_search();
        match result {
            Ok(()) => {
                remove_notice();
                site.search_arrived();
            }
            Err(error) => show_notice(
                "Search’s data did not load",
                &format!(
                    "The fields and libraries can still be browsed and filtered, but \
                     search needs more of the site’s data, and {error}. Check your \
                     connection and try again."
                ),
                // The visitor may be typing: the alert is announced, and focus stays.
                false,
                move || load_search(site),
            ),
        }
    });
}

/// The search indexes, fetched and installed into `data` unless they are in.
async fn search_data(data: &'static Data) -> Result<(), LoadError> {
    if !data.has_search() {
        let search: SearchData = fetch(data.search_file()).await?;
        data.install_search(search);
    }
    Ok(())
}

/// The site's data, made from the home data unless `made` holds it already, with the
/// body of the field page being shown, if any.
async fn load(made: &Cell<Option<&'static SiteData>>) -> Result<&'static SiteData, LoadError> {
    let site = match made.get() {
        Some(site) => site,
        None => {
            let file = data_file().ok_or_else(|| {
                LoadError::Fetch(format!(
                    "the page names no data file (<meta name=\"{DATA_META}\">)"
                ))
            })?;
            let home: HomeData = fetch(&file).await?;
            let site = SiteData::new(Data::new(home));
            made.set(Some(site));
            site
        }
    };
    let data = site.data;
    // A page rendered afresh shows what its address asks for, often a search (a shared
    // `?q=` link, or the 404 page's suggestions): it starts with the search data in.
    if !browser::prerendered_matches_address() {
        search_data(data).await?;
    }
    if let Some(id) = page_id("/library/") {
        library_fields(data, &id).await?;
    }
    if let Some(slug) = page_id("/category/") {
        // An unknown slug shows the not-found view, which needs no body.
        if data.category(&slug).is_some() {
            field_body(data, &slug).await?;
        }
    }
    Ok(site)
}

/// The home data file named by the page.
fn data_file() -> Option<String> {
    browser::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{DATA_META}\"]"))
        .ok()??
        .get_attribute("content")
}

/// The slug or id of the page at this address under `prefix` (`/category/`, `/library/`).
fn page_id(prefix: &str) -> Option<String> {
    let path = browser::window()?.location().pathname().ok()?;
    let root = browser::site_root_path();
    let route = path
        .strip_prefix(root.trim_end_matches('/'))
        .unwrap_or(&path);
    let slug = route.strip_prefix(prefix)?.trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then(|| slug.to_owned())
}

/// Shows what failed over the page, with a button that calls `try_again` (and takes the
/// focus if `take_focus`). Plain DOM calls: the app may not be running. The page itself is
/// revealed, in case it was waiting for the app.
fn show_notice(title: &str, message: &str, take_focus: bool, try_again: impl Fn() + 'static) {
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
            title,
            message,
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
        try_again();
    });
    // The notice lives until the data loads; its listener lives as long.
    listener.forget();
    if take_focus && let Some(retry) = retry.dyn_ref::<web_sys::HtmlElement>() {
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
