//! A search result that leads to a section of the home page.

use leptos::prelude::*;

use crate::catalog::Section;
use crate::components::highlight::{Highlight, field_marks};
use crate::components::icon::SvgIcon;
use crate::components::snippet::Snippet;
use crate::search::Hit;

/// A card for a home page section that matched the query: its title, summary and the
/// matching passage, linking to the section.
#[component]
pub fn SectionCard(
    /// The section shown.
    section: Section,
    /// The section's searchable text, for the snippet.
    body: &'static str,
    /// Where the query matched it.
    #[prop(into)]
    hit: Signal<Option<Hit>>,
    /// Whether the card is out of the listing.
    #[prop(into)]
    hidden: Signal<bool>,
) -> impl IntoView {
    let title_marks = field_marks(hit, |h| &h.title);
    let summary_marks = field_marks(hit, |h| &h.summary);
    view! {
        <li class="card card-section" data-slug=section.id hidden=hidden>
            <SvgIcon icon=section.icon class="card-icon" />
            <p class="card-kicker">"On this page"</p>
            <h3 class="card-title">
                // A same-page link: the router keeps the query and scrolls to the section.
                <a href=format!("#{}", section.anchor) class="card-link">
                    {move || view! { <Highlight text=section.title marks=title_marks.get() /> }}
                </a>
            </h3>
            <p class="card-summary">
                {move || view! { <Highlight text=section.summary marks=summary_marks.get() /> }}
            </p>
            <Snippet body hit />
        </li>
    }
}
