//! What is Python used for? An explorer of the fields where Python is used.
//!
//! The app is a Leptos single-page app compiled to wasm. Its content is markdown in
//! `content/`, turned into data files at build time (`crates/content`), fetched by the
//! app (`loader`) into one value, the site's data (`content::SiteData`), which the app
//! hands to its components through context. The pure logic (`crates/search`,
//! `crates/catalog`, `params`, `theme`) has no web APIs and is tested natively;
//! `components` and `pages` wire it to the DOM.

pub mod browser;
pub mod catalog;
pub mod components;
pub mod content;
pub mod crash;
pub mod embed;
pub mod loader;
pub mod names;
pub mod pages;
pub mod params;
pub mod pwa;
pub mod routes;
pub mod scroll;
pub mod theme;

/// The search engine (`crates/search`).
pub use pyuses_search as search;

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{MAIN_ID, SiteHeader};
use crate::embed::view::EmbedPage;
use crate::pages::category::CategoryPage;
use crate::pages::home::HomePage;
use crate::pages::library::LibraryPage;
use crate::pages::not_found::NotFound;
use crate::pwa::notices::AppNotices;

/// Set one frame after the first page is shown.
static SETTLED: AtomicBool = AtomicBool::new(false);

/// True once the first page is shown: a page created after that was reached by
/// navigating inside the app.
pub fn navigated_in_app() -> bool {
    SETTLED.load(Ordering::Relaxed)
}

/// The whole app: the site's pages inside the site's frame, and the bare embed view.
#[component]
pub fn App(
    /// The site's data, which every page reads (through context).
    site: &'static content::SiteData,
) -> impl IntoView {
    site.provide();
    provide_meta_context();
    scroll::ScrollMemory::provide();
    pwa::PwaStatus::provide();
    // Prerendering provides the base; in the browser, each page names its site root.
    let base = use_context::<routes::SiteBase>()
        .map(|base| base.0)
        .unwrap_or_else(|| params::router_base(&browser::site_root_path()));
    routes::SiteBase::provide(base.clone());
    // Effects of the first page run before the next frame; anything later is navigation.
    Effect::new(|_| {
        browser::mark_ready();
        request_animation_frame(|| SETTLED.store(true, Ordering::Relaxed));
    });

    view! {
        <Router base>
            <Routes fallback=|| view! { <SiteFrame><NotFound /></SiteFrame> }>
                <Route path=path!("/embed") view=EmbedPage />
                <ParentRoute path=path!("") view=SiteLayout>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/category/:slug") view=CategoryPage />
                    <Route path=path!("/library/:id") view=LibraryPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The routed pages of the site, inside its frame.
#[component]
fn SiteLayout() -> impl IntoView {
    view! {
        <SiteFrame>
            <Outlet />
        </SiteFrame>
    }
}

/// The site around a page: skip link and header, the main landmark, the footer, and the
/// offline app's notices. The service worker's updates are followed here; the embed view,
/// which has no frame, has no worker (the page's script registers none there).
#[component]
fn SiteFrame(children: Children) -> impl IntoView {
    if let Some(status) = pwa::PwaStatus::get() {
        Effect::new(move |_| pwa::follow_updates(status));
    }
    view! {
        <SiteHeader />
        <main id=MAIN_ID tabindex="-1">
            {children()}
        </main>
        <SiteFooter />
        <AppNotices />
    }
}
