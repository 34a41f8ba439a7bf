//! A search result that leads to a section of the home page.

use leptos::prelude::*;

use crate::catalog::Section;
use crate::components::category_card::SNIPPET_CLASS;
use crate::components::icon::SvgIcon;

/// A card for a home page section that matched the query: its title, summary and the
/// matching passage, linking to the section. Like a category card, its texts are static:
/// the grid marks the words a query matched and writes the passage.
#[component]
pub fn SectionCard(
    /// The section shown.
    section: Section,
    /// Whether the card starts out of the listing: the grid hides and shows it from
    /// then on, in place.
    hidden: bool,
) -> impl IntoView {
    view! {
        <li class="card card-section" data-slug=section.id hidden=hidden>
            <SvgIcon icon=section.icon class="card-icon" />
            <p class="card-kicker">"On this page"</p>
            <h3 class="card-title">
                // A same-page link: the router keeps the query and scrolls to the section.
                <a href=format!("#{}", section.anchor) class="card-link">
                    {section.title}
                </a>
            </h3>
            <p class="card-summary">{section.summary}</p>
            <p class=SNIPPET_CLASS hidden=true></p>
        </li>
    }
}
