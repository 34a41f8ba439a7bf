//! One category card in the grid.

use leptos::prelude::*;

use crate::components::icon::SvgIcon;
use crate::content::{Category, Data, Icon, SiteData};
use crate::routes::{self, href};

/// How many library chips a card shows: a field's first libraries are its main ones, and
/// its page lists them all. Fewer chips keep the home page light to lay out and to update
/// on every keystroke.
pub const CARD_LIBRARIES: usize = 5;

/// The "+N more" link to the field page's full library list, when the card shows only
/// some of the field's libraries.
fn more_libraries(
    data: &'static Data,
    category: &'static Category,
    new_tab: bool,
) -> Option<impl IntoView> {
    let rest = data
        .library_entries(category)
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
///
/// Its texts are static: the grid marks the words a query matched (see
/// [`crate::components::highlight::Marker`]), writes the passage of the body that matched
/// into the card's empty snippet, presses the chip of the library filter and handles the
/// chips' clicks, so a card hydrates only its visibility.
#[component]
pub fn CategoryCard(
    /// The category shown.
    category: &'static Category,
    /// Whether the card starts out of the listing: the grid hides and shows it from
    /// then on, in place.
    hidden: bool,
    /// The library filter in effect when the card is built, to show its chip as pressed.
    pressed: Option<&'static str>,
    /// Open the category in a new tab (in the embed view) rather than inside the app.
    #[prop(optional)]
    new_tab: bool,
) -> impl IntoView {
    let data = SiteData::get().data;
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
                    {category.title.as_str()}
                </a>
            </h3>
            <p class="card-summary">{category.summary.as_str()}</p>
            // The grid shows the matched passage of the body here, while searching.
            <p class=SNIPPET_CLASS hidden=true></p>
            <ul class="chip-row card-libraries" aria-label=format!("{} libraries", category.title)>
                {card_libraries(data, category)
                    .map(|name| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class=CHIP_CLASS
                                    title=format!("Show the fields that use {name}")
                                    aria-pressed=(pressed == Some(name)).to_string()
                                >
                                    {name}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                {more_libraries(data, category, new_tab)}
            </ul>
        </li>
    }
}

/// The class of a card's snippet: the passage of its body that a query matched.
pub const SNIPPET_CLASS: &str = "card-snippet";

/// The classes of a card's library chips, and the selector that finds them.
pub const CHIP_CLASS: &str = "chip chip-library";
pub const CHIP_SELECTOR: &str = ".chip-library";

/// The names of the libraries a card shows as chips, in their order.
pub fn card_libraries(
    data: &'static Data,
    category: &'static Category,
) -> impl Iterator<Item = &'static str> {
    data.library_entries(category)
        .take(CARD_LIBRARIES)
        .map(|library| library.name.as_str())
}
