//! The bar at the top of every page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icon::SvgIcon;
use crate::components::theme_toggle::ThemeToggle;
use crate::content::{SiteData, icons};
use crate::embed::dialog::EmbedButton;
use crate::routes::{self, href};

/// The id of the main landmark, the target of the skip link.
pub const MAIN_ID: &str = "main";

/// Skip link, brand link home, and the theme switch.
#[component]
pub fn SiteHeader() -> impl IntoView {
    // Moving focus, not just scrolling, is what makes a skip link useful.
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let main = crate::browser::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MAIN_ID));
        if let Some(main) = main {
            crate::browser::focus(&main);
        }
    };
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            "Skip to content"
        </a>
        <header class="site-header">
            <div class="wrap header-bar">
                <A href=href(&routes::home("")) exact=true attr:class="brand">
                    <SvgIcon icon=icons::LOGO class="brand-logo" />
                    <span class="brand-name">{SiteData::get().site().title.as_str()}</span>
                </A>
                <div class="header-actions">
                    <EmbedButton />
                    <ThemeToggle />
                </div>
            </div>
        </header>
    }
}
