//! The site's data as the app holds it: one [`SiteData`] value, made at start-up and
//! handed to the components through Leptos context.
//!
//! In the browser, the loader fetches the home data file and makes the value from it
//! before the app starts; a field page's body (with its libraries' details) is installed
//! into it when the page, or the page of one of its libraries, is first opened, and the
//! search data (the indexes, the texts they search and what a library's result card shows)
//! when the visitor first searches. When pages are prerendered, the site tool makes the value from
//! the pipeline's output, everything in at once. Either way the value lives as long as the
//! page (or the prerendering), so the components read plain `&'static` data from it.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::{ArcTrigger, Notify, Track, expect_context, provide_context};
pub use pyuses_catalog::{CategoryExt, Data, Icon, icons};
pub use pyuses_content::{
    Category, Install, Library, LibraryDetails, Link, Page, Reason, Site, Step, Tag, Use, User,
};

use crate::catalog::{Catalog, Listing, Target};
use crate::params::HomeParams;

/// The site's data and the catalog over it, for the life of the page.
pub struct SiteData {
    /// The data files' content: the home data, and what has arrived since.
    pub data: &'static Data,
    /// What the home page lists, searched and filtered.
    pub catalog: Catalog<'static>,
    /// Notified when the search data arrives, so that a listing made without it is made
    /// again.
    search_arrived: ArcTrigger,
    /// Whether the search data is on its way.
    search_loading: AtomicBool,
}

impl SiteData {
    /// The site's data, made from `data`, for the rest of the page's life.
    ///
    /// Made once at start-up (by the loader, or the site tool's prerendering) and never
    /// dropped: the components then borrow it as `&'static`, with no lifetimes to carry.
    pub fn new(data: Data) -> &'static Self {
        let data: &'static Data = Box::leak(Box::new(data));
        Box::leak(Box::new(Self {
            data,
            catalog: Catalog::new(data),
            search_arrived: ArcTrigger::new(),
            search_loading: AtomicBool::new(false),
        }))
    }

    /// Hands the data to the components below (the app does, with what it was given).
    pub fn provide(&'static self) {
        provide_context(self);
    }

    /// The data the app was given. Only components, and code that runs while they are
    /// made, can ask.
    pub fn get() -> &'static Self {
        expect_context::<&'static Self>()
    }

    /// The site-wide texts.
    pub fn site(&self) -> &'static Site {
        self.data.site()
    }

    /// The listing for `params`. A listing made before the search data arrives is made
    /// again once it is in: the reactive code that asks hears of its arrival.
    pub fn list(&'static self, params: &HomeParams) -> Listing {
        self.list_where(params, |_| true)
    }

    /// Like [`SiteData::list`], among the targets `keep` accepts (see
    /// [`Catalog::list_where`]).
    pub fn list_where(
        &'static self,
        params: &HomeParams,
        keep: impl Fn(Target) -> bool,
    ) -> Listing {
        let listing = self.catalog.list_where(params, keep);
        if listing.pending {
            self.track_search_arrival();
        }
        listing
    }

    /// Makes the reactive code running now run again when the search data arrives.
    pub fn track_search_arrival(&self) {
        self.search_arrived.track();
    }

    /// Says that the search data is installed: listings made while it was missing are
    /// made again.
    pub fn search_arrived(&self) {
        self.search_arrived.notify();
    }

    /// Notes that the search data is being fetched; `false` when it already was.
    pub fn start_loading_search(&self) -> bool {
        !self.search_loading.swap(true, Ordering::Relaxed)
    }

    /// Notes that fetching the search data ended, in or not.
    pub fn stop_loading_search(&self) {
        self.search_loading.store(false, Ordering::Relaxed);
    }
}

/// The site's data made from the repository's `content/`, with every body in, for native
/// tests; panics with the content's problems when it does not build. Made on the first
/// call and shared by the process's tests, which only read it (building the content takes
/// a while).
#[cfg(feature = "tools")]
pub fn for_tests() -> &'static SiteData {
    static REPOSITORY: std::sync::OnceLock<&'static SiteData> = std::sync::OnceLock::new();
    REPOSITORY.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let data = Data::from_content_dir(&dir)
            .unwrap_or_else(|problems| panic!("content/ does not build:\n{}", problems.join("\n")));
        SiteData::new(data)
    })
}
