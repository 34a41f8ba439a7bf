//! The app's addresses in one place: the paths the router matches and navigates to, and
//! the hrefs links carry.
//!
//! Router paths are relative to the site root ("/category/iot"). Links need the site's
//! base path in front ("/docs/app/category/iot"), because leptos_router passes absolute
//! hrefs through unchanged; [`href`] adds it.

use leptos::prelude::*;

use crate::names::{CATEGORY_ROUTE, HOME_ROUTE, LIBRARY_ROUTE};

/// The path the site is served under, without a trailing slash: "" at the root of a host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteBase(pub String);

impl SiteBase {
    /// Makes `base` the base of every link below.
    pub fn provide(base: String) {
        provide_context(Self(base));
    }

    /// The base in effect ("" when none was provided).
    pub fn current() -> Self {
        use_context::<Self>().unwrap_or_default()
    }
}

/// The home page, with a query string such as `?q=bots` (or "").
pub fn home(query: &str) -> String {
    format!("{HOME_ROUTE}{query}")
}

/// A category's page. The trailing slash is the canonical form: it is the folder a static
/// host serves `category/<slug>/index.html` from, so a reload needs no redirect.
pub fn category(slug: &str) -> String {
    format!("{CATEGORY_ROUTE}{slug}/")
}

/// A library's page, in the same canonical form.
pub fn library(id: &str) -> String {
    format!("{LIBRARY_ROUTE}{id}/")
}

/// A file of the open data, such as `map.json`: not a page of the app, so its links
/// carry `rel="external"` and the router leaves them to the browser.
pub fn open_data(file: &str) -> String {
    format!("/{}{file}", crate::names::OPEN_DATA_DIR)
}

/// The href for a router path: the site base, then the path.
pub fn href(path: &str) -> String {
    format!("{}{path}", SiteBase::current().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(home(""), "/");
        assert_eq!(home("?q=ai"), "/?q=ai");
        assert_eq!(category("iot"), "/category/iot/");
        assert_eq!(library("django"), "/library/django/");
    }

    #[test]
    fn hrefs_carry_the_base() {
        let owner = Owner::new();
        owner.with(|| {
            assert_eq!(href("/"), "/");
            SiteBase::provide("/docs/app".to_owned());
            assert_eq!(href(&category("iot")), "/docs/app/category/iot/");
        });
    }
}
