//! The grid of category cards: the component wires the listing to the cards, which it
//! builds once; [`dom`] then drives them directly on every listing, and [`keys`] moves the
//! focus between them with the arrow keys.

pub mod dom;
pub mod keys;
pub mod moves;

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
use dom::{GridDom, chip_library, press_chips, reorder};

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

    // Every card is built once, in the first listing's order, and stays in the list. A new
    // listing then only moves cards and sets each card's own state where it changed: the
    // fewest cards move (see [`moves`]), and a keystroke wakes only the cards whose
    // visibility changed. The words it matched are marked in place (`Marker`), and the
    // passages of the bodies it matched are written into the cards' snippets.
    let (first, cards) = listing.with_untracked(|listing| {
        let mut order: Vec<Target> = listing.entries.iter().map(|e| e.target).collect();
        order.extend(all.iter().filter(|t| listing.entry(t.key()).is_none()));
        let cards: Vec<(Target, CardState)> = order
            .iter()
            .map(|&t| (t, CardState::new(listing, t.key())))
            .collect();
        (listing.clone(), cards)
    });
    let states: Vec<(&'static str, CardState)> = cards
        .iter()
        .map(|(t, state)| (t.key(), state.clone()))
        .collect();
    Effect::new(move |dom: Option<Option<GridDom>>| {
        listing.with(|listing| {
            for (key, state) in &states {
                state.update(listing, key);
            }
            let first_run = dom.is_none();
            // Hydration found the cards in the first listing's order, and nothing marked.
            let settled = first_run && *listing == first;
            let dom = dom.flatten().or_else(|| {
                let marked = listing.entries.iter().any(|e| e.hit.is_some());
                (!settled || marked)
                    .then(|| GridDom::find(list_ref.get_untracked()?.into(), &all, catalog))?
            })?;
            if !settled {
                let ranked: Vec<&str> = listing.entries.iter().map(|e| e.target.key()).collect();
                reorder(&dom.list, &ranked);
            }
            dom.mark(listing);
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
        .map(|(target, CardState { hidden })| {
            let hidden: Signal<bool> = hidden.into();
            match target {
                Target::Category(category) => {
                    Either::Left(view! { <CategoryCard category hidden pressed new_tab /> })
                }
                Target::Section(section) => Either::Right(view! { <SectionCard section hidden /> }),
            }
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

/// One card's part of the listing that the card renders itself.
#[derive(Clone)]
struct CardState {
    /// Whether the card is out of the listing.
    hidden: ArcRwSignal<bool>,
}

impl CardState {
    fn new(listing: &Listing, key: &str) -> Self {
        Self {
            hidden: ArcRwSignal::new(listing.entry(key).is_none()),
        }
    }

    /// Takes the card's part of `listing`, waking its readers only if it changed.
    fn update(&self, listing: &Listing, key: &str) {
        let hidden = listing.entry(key).is_none();
        if self.hidden.get_untracked() != hidden {
            self.hidden.set(hidden);
        }
    }
}
