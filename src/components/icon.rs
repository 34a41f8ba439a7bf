//! Inline SVG icons from `content/icons.toml`.

use leptos::prelude::*;

use crate::content::{Icon, SiteData};

/// A decorative line icon; the text next to it carries the meaning.
#[component]
pub fn SvgIcon(
    /// The icon's path data.
    icon: Icon,
    /// Extra classes for sizing and colour.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            viewBox="0 0 24 24"
            aria-hidden="true"
            focusable="false"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            // One path for all of the icon's strokes, joined at build time: fewer nodes to
            // hydrate.
            <path d=SiteData::get().data.icon_path(icon.0)></path>
        </svg>
    }
}
