//! The grid of category cards, with arrow-key movement between them.

use leptos::ev::KeyboardEvent;
use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use leptos::either::Either;

use crate::catalog::{Listing, Target, section_body};
use crate::components::category_card::CategoryCard;
use crate::components::library_card::LibraryCard;
use crate::components::section_card::SectionCard;

/// The id of the results list.
pub const GRID_ID: &str = "results";
/// The class of each card's main link; arrow keys move between these.
const CARD_LINK: &str = "card-link";

/// The listed cards, in ranking order.
///
/// Every card that can be listed stays in the list, and those not listed are `hidden`
/// after the listed ones: keyed by slug, a new ranking only moves and hides cards, and a
/// keystroke never builds a card afresh.
#[component]
pub fn CardGrid(
    /// The cards to show and where the query matched them.
    listing: Memo<Listing>,
    /// Every card `listing` can hold.
    all: Vec<Target>,
    /// The library filter in effect.
    #[prop(into)]
    lib: Signal<Option<&'static str>>,
    /// Called when a library chip is pressed.
    on_library: Callback<&'static str>,
    /// Called when the Up arrow leaves the first card.
    on_leave_top: Callback<()>,
    /// The list, so the page can move focus into it.
    list_ref: NodeRef<Ul>,
    /// Open categories in a new tab (in the embed view).
    #[prop(optional)]
    new_tab: bool,
) -> impl IntoView {
    let on_keydown = move |ev: KeyboardEvent| {
        let step: isize = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => 1,
            "ArrowUp" | "ArrowLeft" => -1,
            "Home" => isize::MIN,
            "End" => isize::MAX,
            _ => return,
        };
        let Some(list) = list_ref.get() else { return };
        let links = card_links(&list);
        let Some(current) =
            browser::active_element().and_then(|a| links.iter().position(|l| *l == a))
        else {
            return;
        };
        ev.prevent_default();
        let target = match step {
            isize::MIN => Some(0),
            isize::MAX => links.len().checked_sub(1),
            _ => current
                .checked_add_signed(step)
                .filter(|&i| i < links.len()),
        };
        match target {
            Some(i) => browser::focus(&links[i]),
            None if step < 0 => on_leave_top.run(()),
            None => {}
        }
    };

    let all = StoredValue::new(all);
    let cards = move || {
        listing.with(|listing| {
            let mut cards: Vec<Target> = listing.entries.iter().map(|e| e.target).collect();
            all.with_value(|all| {
                cards.extend(all.iter().filter(|t| listing.entry(t.key()).is_none()));
            });
            cards
        })
    };
    // The libraries the query names come first; they are few, and made afresh per query.
    let libraries = move || listing.with(|listing| listing.libraries.clone());
    view! {
        <ul class="grid" id=GRID_ID node_ref=list_ref on:keydown=on_keydown>
            <For
                each=libraries
                key=|entry| (entry.key(), entry.hit.title.clone())
                children=move |entry| view! { <LibraryCard entry new_tab /> }
            />
            <For
                each=cards
                key=|target| target.key()
                children=move |target| {
                    let key = target.key();
                    // Memos, so a card re-renders only when its own matches change.
                    let hit = Memo::new(move |_| {
                        listing.read().entry(key).and_then(|e| e.hit.clone())
                    });
                    let hidden = Memo::new(move |_| listing.read().entry(key).is_none());
                    match target {
                        Target::Category(category) => {
                            Either::Left(view! { <CategoryCard category hit hidden lib on_library new_tab /> })
                        }
                        Target::Section(section) => {
                            let body = section_body(section.id);
                            Either::Right(view! { <SectionCard section body hit hidden /> })
                        }
                    }
                }
            />
        </ul>
    }
}

/// The main links of the listed cards in `list`, in page order.
pub fn card_links(list: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(nodes) = list.query_selector_all(&format!(".card:not([hidden]) .{CARD_LINK}")) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect()
}
