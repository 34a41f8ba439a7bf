//! The footer of every page.

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
                <p class="footer-note">
                    "Library names and trademarks belong to their owners. “Python” is a registered trademark of the Python Software Foundation."
                </p>
            </div>
        </footer>
    }
}
