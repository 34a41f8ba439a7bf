//! The names that the app (in the browser), the `site` tool (at build time) and the
//! hand-written files (`index.html`, `src/embed/embed.js`) must agree on: routes, file
//! names, `<meta>` names, classes, attributes and the storage key.
//!
//! Each one is spelled here once and both programs import it. Tests check the hand-written
//! files against it: `tests/index_html.rs` reads `index.html`, the tests below read
//! `embed.js`.

// Routes and files.

/// The home page's route.
pub const HOME_ROUTE: &str = "/";
/// The folder of the field pages: `/category/<slug>/`.
pub const CATEGORY_ROUTE: &str = "/category/";
/// The folder of the library pages: `/library/<id>/`.
pub const LIBRARY_ROUTE: &str = "/library/";
/// The bare widget that other sites frame: `/embed/?…`.
pub const EMBED_ROUTE: &str = "/embed/";
/// The page a static host serves for any missing address, at the site root.
pub const NOT_FOUND_FILE: &str = "404.html";
/// The 404 page's route, as the prerendering step names it.
pub const NOT_FOUND_ROUTE: &str = "/404.html";
/// The page file of a folder: a static host serves `category/iot/index.html` for
/// `/category/iot/`.
pub const INDEX_FILE: &str = "index.html";

// Data files.

/// The folder of the data files the app fetches, relative to the site root.
pub const DATA_DIR: &str = "data/";
/// The folder of the fields' body files, `data/field/<slug>-<hash>.bin`.
pub const FIELD_DATA_DIR: &str = "data/field/";
/// The stem of the home data file, `data/home-<hash>.bin`.
pub const HOME_DATA_STEM: &str = "data/home";
/// The stem of the search data file, `data/search-<hash>.bin`.
pub const SEARCH_DATA_STEM: &str = "data/search";
/// The open data: the whole map as JSON (with its schema) and CSV, for anyone to reuse.
/// Not part of the app: the service worker leaves it out.
pub const OPEN_DATA_DIR: &str = "open-data/";

// `<meta name>`s of every page.

/// The `<meta>` whose content is the site root, relative to the page (`./`, `../../`).
pub const ROOT_META: &str = "pyuses-root";
/// The `<meta>` naming the route the page was prerendered for, so the app knows whether it
/// may hydrate the page in place.
pub const ROUTE_META: &str = "pyuses-route";
/// The `<meta>` naming the home data file, relative to the site root.
pub const DATA_META: &str = "pyuses-data";
/// The `<meta>` naming a data file that the page's start-up fetches, relative to the page;
/// the loader preloads each one when the app starts.
pub const PRELOAD_META: &str = "pyuses-preload";

// Classes and attributes of `<html>`.

/// The class `index.html` puts on `<html>` while a page waits for the app to render it (an
/// address with a query string asks for more than was prerendered).
pub const PENDING_CLASS: &str = "pyuses-pending";
/// The class on `<html>` from the visitor's first input until the app runs.
pub const STARTING_CLASS: &str = "pyuses-starting";
/// The attribute on `<html>` that says how far the app is…
pub const APP_ATTR: &str = "data-app";
/// …and its value once the app has hydrated or rendered the page.
pub const APP_READY: &str = "ready";
/// The attribute that marks a button of the page's own script (`boot.js`), which works
/// without the app: a press on it is never held for the app.
pub const BOOT_ATTR: &str = "data-boot";
/// The attribute on the footer's "Save for offline use" control, which the page's script
/// shows once a service worker can answer…
pub const OFFLINE_ATTR: &str = "data-offline";
/// …the attribute on its label…
pub const OFFLINE_LABEL_ATTR: &str = "data-offline-label";
/// …and on its status line.
pub const OFFLINE_STATUS_ATTR: &str = "data-offline-status";
/// The service worker, at the site root.
pub const SERVICE_WORKER_FILE: &str = "sw.js";
/// The attribute on `<html>` that holds the theme the visitor chose (`light`, `dark`).
pub const THEME_ATTR: &str = "data-theme";
/// The `localStorage` key that remembers the visitor's theme.
pub const THEME_STORAGE_KEY: &str = "pyuses-theme";

// The embed.

/// The embed loader, at the site root: `<script src="…/embed.js">`.
pub const EMBED_SCRIPT: &str = "embed.js";
/// The attribute that marks where the loader puts a widget: `<div data-pyuses>`.
pub const EMBED_ATTR: &str = "data-pyuses";
/// The attribute the loader puts on each frame it creates.
pub const EMBED_FRAME_ATTR: &str = "data-pyuses-frame";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_modules_that_keep_their_own_names_agree() {
        assert_eq!(crate::theme::Theme::STORAGE_KEY, THEME_STORAGE_KEY);
        assert_eq!(crate::browser::PENDING_CLASS, PENDING_CLASS);
        assert_eq!(crate::browser::ROOT_META, ROOT_META);
        assert_eq!(crate::loader::DATA_META, DATA_META);
    }

    #[test]
    fn the_data_files_live_in_the_data_folder() {
        for name in [FIELD_DATA_DIR, HOME_DATA_STEM, SEARCH_DATA_STEM] {
            assert!(name.starts_with(DATA_DIR), "{name}");
        }
        for route in [CATEGORY_ROUTE, LIBRARY_ROUTE, EMBED_ROUTE] {
            assert!(
                route.starts_with(HOME_ROUTE) && route.ends_with('/'),
                "{route}"
            );
        }
        assert_eq!(
            NOT_FOUND_ROUTE.strip_prefix(HOME_ROUTE),
            Some(NOT_FOUND_FILE)
        );
    }

    #[test]
    fn the_embed_loader_uses_these_names() {
        let loader = include_str!("embed/embed.js");
        assert!(loader.contains(&format!("querySelectorAll(\"[{EMBED_ATTR}]\")")));
        assert!(loader.contains(&format!("setAttribute(\"{EMBED_FRAME_ATTR}\", \"\")")));
        let embed_folder = EMBED_ROUTE.trim_start_matches('/');
        assert!(loader.contains(&format!("new URL(\"{embed_folder}\", site)")));
    }
}
