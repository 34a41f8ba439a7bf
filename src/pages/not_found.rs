//! The view for an address the app does not know.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

use crate::content::SiteData;
use crate::pages::category::MiniCard;
use crate::params::HomeParams;
use crate::routes::{self, href};

/// "Page not found", with the fields whose names look like the address.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    // The test build's route for making the app panic (see tests/browser/security.rs).
    #[cfg(test_hooks)]
    if location
        .pathname
        .get_untracked()
        .trim_end_matches('/')
        .ends_with("/__panic")
    {
        panic!("the test-only /__panic route");
    }
    let site = SiteData::get();
    // "/category/machne-lerning" → search "machne lerning".
    let guesses = move || {
        let words = location.pathname.with(|path| {
            let last = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            last.replace(['-', '_', '+', '.'], " ")
        });
        let listing = site.list(&HomeParams {
            q: words,
            ..Default::default()
        });
        // Without the search data (reached by following a link in the app), no guesses.
        if listing.pending {
            return Vec::new();
        }
        listing.categories().take(3).collect::<Vec<_>>()
    };

    view! {
        <Title text=format!("Page not found · {}", site.site().title) />
        <Meta name="robots" content="noindex" />
        <section class="wrap not-found">
            <h1>"Page not found"</h1>
            <p class="lead">"There is no page at this address. It may have moved, or the link may have a typo."</p>
            {move || {
                let guesses = guesses();
                (!guesses.is_empty())
                    .then(|| {
                        view! {
                            <h2>"Were you looking for one of these?"</h2>
                            <ul class="related-list">
                                {guesses
                                    .into_iter()
                                    .map(|c| view! { <li><MiniCard category=c /></li> })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            <p>
                <a href=href(&routes::home("")) class="button">
                    "See all the fields"
                </a>
            </p>
        </section>
    }
}
