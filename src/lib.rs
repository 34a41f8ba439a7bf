//! What is Python used for? An explorer of the fields where Python is used.
//!
//! The app is a Leptos single-page app compiled to wasm. Its content is markdown in
//! `content/`, turned into Rust data at build time (`build.rs`, `pipeline`); the pure logic
//! (`content`, `search`, `catalog`, `params`, `theme`) has no web APIs and is tested
//! natively; `components` and `pages` wire it to the DOM.

pub mod browser;
pub mod catalog;
pub mod components;
pub mod content;
pub mod pages;
pub mod params;
pub mod scroll;
pub mod search;
pub mod theme;

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::{MAIN_ID, SiteHeader};
use crate::pages::category::CategoryPage;
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFound;

/// How many routes have been shown since the app started.
static ROUTES_SHOWN: AtomicUsize = AtomicUsize::new(0);

/// True once the visitor has moved from the first page to another inside the app.
pub fn navigated_in_app() -> bool {
    ROUTES_SHOWN.load(Ordering::Relaxed) > 1
}

/// The whole app: header, routed pages and footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    scroll::ScrollMemory::provide();
    let base = params::router_base(&browser::site_root_path());

    view! {
        <Router base>
            <CountRoutes />
            <SiteHeader />
            <main id=MAIN_ID tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/category/:slug") view=CategoryPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// Counts route changes, so pages can tell a first load from an in-app navigation.
#[component]
fn CountRoutes() -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        ROUTES_SHOWN.fetch_add(1, Ordering::Relaxed);
    });
}
