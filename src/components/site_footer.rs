//! The footer of every page, with the control that saves the whole site for offline use.
//!
//! The control works without the app: the page's own script shows it once a service worker
//! can answer, and drives it (see `src/bin/site/boot.js`). It is marked `data-boot` so that
//! a press is never held for the app.

use leptos::prelude::*;

use crate::content::SiteData;

/// Official links and where the content comes from.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap footer-inner">
                <p>
                    "Official resources: "
                    <a href=SiteData::get().site().python_apps_url.as_str() target="_blank" rel="noopener noreferrer">
                        "Applications for Python"
                    </a>
                    " on python.org, and the "
                    <a href=SiteData::get().site().pypi_url.as_str() target="_blank" rel="noopener noreferrer">
                        "Python Package Index (PyPI)"
                    </a>
                    "."
                </p>
                <p>
                    "The whole map as open data: "
                    <a href=crate::routes::href(&crate::routes::open_data("map.json")) rel="external" download="">"JSON"</a>
                    " ("
                    <a href=crate::routes::href(&crate::routes::open_data("map.schema.json")) rel="external">"schema"</a>
                    "), "
                    <a href=crate::routes::href(&crate::routes::open_data("libraries.csv")) rel="external" download="">"libraries"</a>
                    ", "
                    <a href=crate::routes::href(&crate::routes::open_data("fields.csv")) rel="external" download="">"fields"</a>
                    " and "
                    <a href=crate::routes::href(&crate::routes::open_data("groups.csv")) rel="external" download="">"groups"</a>
                    " as CSV. Text under CC BY 4.0."
                </p>
                <div class="offline" data-offline="" hidden=true>
                    <button type="button" class="button offline-toggle" data-boot="" aria-pressed="false">
                        <span data-offline-label="">"Save for offline use"</span>
                    </button>
                    <span class="offline-status" data-offline-status="" role="status"></span>
                </div>
                <p class="footer-note">
                    "Library names and trademarks belong to their owners. “Python” is a registered trademark of the Python Software Foundation."
                </p>
            </div>
        </footer>
    }
}
