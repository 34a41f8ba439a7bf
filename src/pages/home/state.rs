//! The home page's own state as a plain type: the query as typed, kept in step with the
//! parameters the URL holds, and what each control asks the page to do. No signals and no
//! web APIs, so the rules are tested natively; the page only wires them to its controls.
//!
//! The URL's parameters are the router's; every method that needs them is given them.

use crate::catalog::{Listing, Target};
use crate::params::sync::{QuerySync, toggle_library};
use crate::params::{HomeParams, clean_query, query_string};
use crate::routes;

/// The query in the search box and what the page last wrote to its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeState {
    /// The query as typed: the box shows it at once, and the URL follows it.
    typed: String,
    /// What the page wrote to the URL and the router has not reported back yet.
    sync: QuerySync,
}

/// Where Enter in the search box goes: the first listed card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enter {
    /// A field's page, by its slug.
    Field(&'static str),
    /// A section of the home page: the address to go to, with the search kept.
    Section(String),
}

impl HomeState {
    /// The state of a page opened at an address whose parameters are `url`.
    pub fn new(url: &HomeParams) -> Self {
        Self {
            typed: url.q.clone(),
            sync: QuerySync::default(),
        }
    }

    /// The query as typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// What the page lists for: the URL's filters with the query as typed.
    pub fn params(&self, url: &HomeParams) -> HomeParams {
        HomeParams {
            q: self.typed.clone(),
            ..url.clone()
        }
    }

    /// The router reports that the URL's query is now `url_q`: the box adopts it unless it
    /// is the echo of the page's own write. Returns whether the box changed.
    pub fn url_changed(&mut self, url_q: &str) -> bool {
        match self.sync.url_changed(url_q, &self.typed) {
            Some(q) => {
                self.typed = q;
                true
            }
            None => false,
        }
    }

    /// The visitor typed `q` (cleaned as a URL's query is).
    pub fn type_query(&mut self, q: &str) {
        self.typed = clean_query(q);
    }

    /// The address that shows `next`, noted as written by the page: the router's report
    /// of it will not undo what is typed meanwhile.
    pub fn write(&mut self, next: &HomeParams) -> String {
        self.sync.wrote(next.q.clone());
        routes::home(&query_string(next))
    }

    /// The address to write when the URL, holding `url`, lags behind the box; `None` when
    /// it shows what is typed.
    pub fn catch_up(&mut self, url: &HomeParams) -> Option<String> {
        QuerySync::needs_write(&url.q, &self.typed).then(|| self.write(&self.params(url)))
    }

    /// The address after the tag filter is set to `tag`.
    pub fn pick_tag(&mut self, url: &HomeParams, tag: Option<&'static str>) -> String {
        let next = HomeParams {
            tag,
            ..self.params(url)
        };
        self.write(&next)
    }

    /// The address after the library `name` is picked: picking the filter in effect
    /// clears it.
    pub fn pick_library(&mut self, url: &HomeParams, name: &'static str) -> String {
        let next = HomeParams {
            lib: toggle_library(url.lib, name),
            ..self.params(url)
        };
        self.write(&next)
    }

    /// The address after the library filter is cleared.
    pub fn clear_library(&mut self, url: &HomeParams) -> String {
        let next = HomeParams {
            lib: None,
            ..self.params(url)
        };
        self.write(&next)
    }

    /// The address after everything is cleared: no query, no filter.
    pub fn clear_all(&mut self) -> String {
        self.typed.clear();
        self.write(&HomeParams::default())
    }

    /// Where Enter goes: the first card of `listing`, with the search of `url` kept for a
    /// section (its anchor is on this page).
    pub fn enter(&self, url: &HomeParams, listing: &Listing) -> Option<Enter> {
        match listing.entries.first()?.target {
            Target::Category(category) => Some(Enter::Field(&category.slug)),
            Target::Section(section) => {
                let query = query_string(&self.params(url));
                Some(Enter::Section(routes::home(&format!(
                    "{query}#{}",
                    section.anchor
                ))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(q: &str, tag: Option<&'static str>, lib: Option<&'static str>) -> HomeParams {
        HomeParams {
            q: q.to_owned(),
            tag,
            lib,
        }
    }

    #[test]
    fn the_box_starts_with_the_address_query_and_lists_with_its_filters() {
        let address = url("web", Some("bots"), None);
        let mut state = HomeState::new(&address);
        assert_eq!(state.typed(), "web");
        state.type_query("django\u{7}");
        assert_eq!(state.typed(), "django");
        assert_eq!(state.params(&address), url("django", Some("bots"), None));
    }

    #[test]
    fn the_url_follows_the_box_and_its_echo_keeps_later_keystrokes() {
        let mut state = HomeState::new(&HomeParams::default());
        state.type_query("djan");
        assert_eq!(
            state.catch_up(&HomeParams::default()),
            Some("/?q=djan".to_owned())
        );
        state.type_query("django");
        // The router reports the write back after more typing: the box keeps it.
        assert!(!state.url_changed("djan"));
        assert_eq!(state.typed(), "django");
        assert_eq!(
            state.catch_up(&url("djan", None, None)),
            Some("/?q=django".to_owned())
        );
        assert_eq!(state.catch_up(&url("django", None, None)), None);
        // Back, to another address: the box adopts its query.
        assert!(state.url_changed("bots"));
        assert_eq!(state.typed(), "bots");
    }

    #[test]
    fn filters_keep_the_query_as_typed() {
        let address = url("a", None, Some("NumPy"));
        let mut state = HomeState::new(&address);
        state.type_query("ab");
        assert_eq!(
            state.pick_tag(&address, Some("web")),
            "/?q=ab&tag=web&lib=NumPy"
        );
        assert_eq!(state.pick_library(&address, "NumPy"), "/?q=ab");
        assert_eq!(state.pick_library(&address, "pandas"), "/?q=ab&lib=pandas");
        assert_eq!(state.clear_library(&address), "/?q=ab");
        assert_eq!(state.clear_all(), "/");
        assert_eq!(state.typed(), "");
        // The write of the cleared address comes back as its echo.
        assert!(!state.url_changed(""));
    }

    #[test]
    fn enter_opens_the_first_card() {
        let site = crate::content::for_tests();
        let mut state = HomeState::new(&HomeParams::default());
        let address = HomeParams::default();
        state.type_query("djnago");
        let listing = site.catalog.list(&state.params(&address));
        assert_eq!(
            state.enter(&address, &listing),
            Some(Enter::Field("web-development"))
        );
        state.type_query("object-oriented");
        let listing = site.catalog.list(&state.params(&address));
        assert_eq!(
            state.enter(&address, &listing),
            Some(Enter::Section("/?q=object-oriented#why-title".to_owned()))
        );
        state.type_query("qqqqzzzz");
        let listing = site.catalog.list(&state.params(&address));
        assert_eq!(state.enter(&address, &listing), None);
    }
}
