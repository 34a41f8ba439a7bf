//! The grid of category cards: the component wires the listing to the cards, which it
//! builds once; [`dom`] then drives them directly on every listing, and [`keys`] moves the
//! focus between them with the arrow keys.

pub mod dom;
pub mod keys;
pub mod moves;

use std::rc::Rc;

use leptos::either::Either;
use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog::{Listing, Target};
use crate::components::category_card::CategoryCard;
use crate::components::library_card::LibraryCard;
use crate::components::section_card::SectionCard;
use crate::content::SiteData;

pub use dom::card_links;
use dom::{GridDom, chip_library, press_chips};

/// The id of the results list.
pub const GRID_ID: &str = "results";

/// The listed cards, in ranking order.
///
/// Every card that can be listed stays in the list, and those not listed are `hidden`: a
/// new ranking only moves and hides cards, and a keystroke never builds a card afresh.
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
    let catalog = &SiteData::get().catalog;
    let on_keydown = move |ev: KeyboardEvent| {
        let Some(list) = list_ref.get() else { return };
        if let Some(moved) = keys::move_focus(&list, &ev.key()) {
            ev.prevent_default();
            if moved == keys::Move::LeaveTop {
                on_leave_top.run(());
            }
        }
    };

    // Every card is built once, in the first listing's order (those out of it hidden), and
    // stays in the list. A new listing then only moves, hides and marks cards, in place
    // (see [`dom`]): the fewest cards move, and a keystroke builds no node for a card.
    let (first, cards) = listing.with_untracked(|listing| {
        let mut order: Vec<Target> = listing.entries.iter().map(|e| e.target).collect();
        order.extend(all.iter().filter(|t| listing.entry(t.key()).is_none()));
        let cards: Vec<(Target, bool)> = order
            .into_iter()
            .map(|t| (t, listing.entry(t.key()).is_none()))
            .collect();
        (listing.clone(), cards)
    });
    Effect::new(move |dom: Option<Option<Rc<GridDom>>>| {
        listing.with(|listing| {
            // Hydration found the cards as the first listing has them, and nothing marked.
            let settled = dom.is_none() && *listing == first;
            let dom = dom.flatten().or_else(|| {
                let marked = listing.entries.iter().any(|e| e.hit.is_some());
                (!settled || marked)
                    .then(|| GridDom::find(list_ref.get_untracked()?.into(), &all, catalog))?
                    .map(Rc::new)
            })?;
            let number = dom.show(listing, settled);
            // The other cards are marked once the first ones are painted: after the next
            // frame, in a task of its own.
            let (rest, listing) = (Rc::clone(&dom), listing.clone());
            request_animation_frame(move || {
                set_timeout(
                    move || rest.mark_rest(&listing, number),
                    std::time::Duration::ZERO,
                );
            });
            Some(dom)
        })
    });

    // The library filter's chip is pressed. The cards were built pressing the first one's.
    Effect::new(move |previous: Option<Option<&'static str>>| {
        let lib = lib.get();
        if previous.is_some_and(|p| p != lib)
            && let Some(list) = list_ref.get_untracked()
        {
            press_chips(&list, lib);
        }
        lib
    });
    // One listener for every chip: a chip names its library, and its card the field.
    let on_click = move |ev: MouseEvent| {
        if let Some(name) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| chip_library(catalog.data(), &t))
        {
            on_library.run(name);
        }
    };

    // The libraries the query names come first; they are few, and made afresh per query.
    let libraries = move || listing.with(|listing| listing.libraries.clone());
    let pressed = lib.get_untracked();
    let cards = cards
        .into_iter()
        .map(|(target, hidden)| match target {
            Target::Category(category) => {
                Either::Left(view! { <CategoryCard category hidden pressed new_tab /> })
            }
            Target::Section(section) => Either::Right(view! { <SectionCard section hidden /> }),
        })
        .collect_view();
    view! {
        <ul class="grid" id=GRID_ID node_ref=list_ref on:keydown=on_keydown on:click=on_click>
            <For
                each=libraries
                key=|entry| (entry.key(), entry.hit.title.clone())
                children=move |entry| view! { <LibraryCard entry new_tab /> }
            />
            {cards}
        </ul>
    }
}
