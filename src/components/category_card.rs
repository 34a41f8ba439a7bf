//! One category card in the grid.

use leptos::prelude::*;

use crate::components::highlight::{Highlight, field_marks};
use crate::components::icon::SvgIcon;
use crate::components::snippet::Snippet;
use crate::content::{self, Category, CategoryExt, Icon};
use crate::routes::{self, href};
use crate::search::Hit;

/// How many library chips a card shows: a field's first libraries are its main ones, and
/// its page lists them all. Fewer chips keep the home page light to lay out and to update
/// on every keystroke.
pub const CARD_LIBRARIES: usize = 5;

/// The "+N more" link to the field page's full library list, when the card shows only
/// some of the field's libraries.
fn more_libraries(category: &'static Category, new_tab: bool) -> Option<impl IntoView> {
    let rest = category
        .library_entries()
        .count()
        .checked_sub(CARD_LIBRARIES)
        .filter(|&n| n > 0)?;
    let link = format!("{}#libraries", href(&routes::category(&category.slug)));
    let label = format!("{rest} more libraries used in {}", category.title);
    let text = format!("+{rest} more");
    Some(view! {
        <li>
            <a
                href=link
                class="chip chip-more"
                aria-label=label
                target=new_tab.then_some("_blank")
                rel=new_tab.then_some("noopener noreferrer")
            >
                {text}
            </a>
        </li>
    })
}

/// A card: icon, title (the link that opens the category), summary, the matching part of
/// the body while searching, and library chips that filter by library.
#[component]
pub fn CategoryCard(
    /// The category shown.
    category: &'static Category,
    /// Where the current query matched this card.
    #[prop(into)]
    hit: Signal<Option<Hit>>,
    /// Whether the card is out of the listing.
    #[prop(into)]
    hidden: Signal<bool>,
    /// The library filter in effect, to show its chip as pressed.
    #[prop(into)]
    lib: Signal<Option<&'static str>>,
    /// Called when a library chip is pressed.
    on_library: Callback<&'static str>,
    /// Open the category in a new tab (in the embed view) rather than inside the app.
    #[prop(optional)]
    new_tab: bool,
) -> impl IntoView {
    let title_marks = field_marks(hit, |h| &h.title);
    let summary_marks = field_marks(hit, |h| &h.summary);
    let library_marks = move |index: usize| {
        hit.with(|h| {
            h.as_ref()
                .map(|h| {
                    h.libraries
                        .iter()
                        .filter(|(i, _)| *i == index)
                        .map(|(_, r)| r.clone())
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    let title_id = format!("card-{}", category.slug);

    view! {
        <li class="card" data-slug=category.slug.as_str() data-tone=category.tags.first().map(String::as_str) hidden=hidden>
            <SvgIcon icon=Icon(&category.icon) class="card-icon" />
            <h3 class="card-title" id=title_id.clone()>
                // A plain link: the router handles it, and it hydrates without the work
                // of a `<A>`. Embedded, the full site opens beside the host page.
                <a
                    href=href(&routes::category(&category.slug))
                    class="card-link"
                    target=new_tab.then_some("_blank")
                    rel=new_tab.then_some("noopener noreferrer")
                >
                    {move || view! { <Highlight text=category.title.as_str() marks=title_marks.get() /> }}
                </a>
            </h3>
            <p class="card-summary">
                {move || view! { <Highlight text=category.summary.as_str() marks=summary_marks.get() /> }}
            </p>
            // The body's text comes with the search data, as do the snippets.
            <Snippet body=Signal::derive(move || content::body_text(&category.slug).unwrap_or_default()) hit />
            <ul class="chip-row card-libraries" aria-label=format!("{} libraries", category.title)>
                {category
                    .library_entries()
                    .take(CARD_LIBRARIES)
                    .enumerate()
                    .map(|(index, library)| {
                        let name = library.name.as_str();
                        let marks = Memo::new(move |_| library_marks(index));
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="chip chip-library"
                                    title=format!("Show the fields that use {name}")
                                    aria-pressed=move || (lib.get() == Some(name)).to_string()
                                    on:click=move |_| on_library.run(name)
                                >
                                    {move || view! { <Highlight text=name marks=marks.get() /> }}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                {more_libraries(category, new_tab)}
            </ul>
        </li>
    }
}
