//! The grid of category cards, with arrow-key movement between them.

use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use leptos::either::Either;

use std::cell::RefCell;

use crate::catalog::{Listing, Target, section_body};
use crate::components::category_card::{
    CHIP_SELECTOR, CategoryCard, SNIPPET_CLASS, card_libraries,
};
use crate::components::highlight::{Marker, text_node};
use crate::components::library_card::LibraryCard;
use crate::components::section_card::SectionCard;
use crate::content;
use crate::search::Snippet;

/// The id of the results list.
pub const GRID_ID: &str = "results";
/// The attribute that keys each category and section card.
const CARD_KEY: &str = "data-slug";
/// The class of each card's main link; arrow keys move between these.
const CARD_LINK: &str = "card-link";

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

    // Every card is built once, in the first listing's order, and stays in the list. A new
    // listing then only moves cards and sets each card's own state where it changed: the
    // fewest cards move (see `cards_to_move`), and a keystroke wakes only the cards whose
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
                    .then(|| GridDom::find(list_ref.get_untracked()?.into(), &all))?
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
            .and_then(|t| chip_library(&t))
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

/// The grid's cards as the page has them, found once, the first time a listing needs
/// them: cards are never built afresh, so their nodes stay.
struct GridDom {
    list: web_sys::Element,
    cards: Vec<CardDom>,
    marker: Marker,
}

/// One card's texts that a query can mark: each text node with the text it shows.
struct CardDom {
    key: &'static str,
    title: Option<(web_sys::Node, &'static str)>,
    summary: Option<(web_sys::Node, &'static str)>,
    /// The chips, in the order of the card's libraries.
    chips: Vec<(web_sys::Node, &'static str)>,
    snippet: Option<SnippetDom>,
}

/// A card's snippet: an element the card leaves empty and hidden, which shows the passage
/// of the card's body that the query matched.
struct SnippetDom {
    element: web_sys::HtmlElement,
    /// The card, whose body the passage is taken from.
    target: Target,
    /// The passage shown, its text and its text node; `None` while hidden.
    shown: RefCell<Option<(String, web_sys::Node)>>,
}

impl SnippetDom {
    /// Shows the passage `snippet` (hidden when `None`) and marks its matched words.
    fn show(&self, snippet: Option<&Snippet>, marker: &Marker) {
        // No passage, or one that would show no text (its range misses the body): hidden.
        let passage = snippet
            .and_then(|s| Some(passage_text(body_of(self.target)?, s)))
            .filter(|(text, _)| !text.is_empty());
        let mut shown = self.shown.borrow_mut();
        let Some((text, marks)) = passage else {
            if shown.take().is_some() {
                self.element.set_hidden(true);
            }
            return;
        };
        let node = match &*shown {
            Some((old, node)) if *old == text => node.clone(),
            _ => {
                self.element.set_text_content(Some(&text));
                let Some(node) = self.element.first_child() else {
                    return;
                };
                if shown.is_none() {
                    self.element.set_hidden(false);
                }
                *shown = Some((text.clone(), node.clone()));
                node
            }
        };
        marker.mark(&node, &text, &marks);
    }
}

/// The text a snippet shows of `body`, with ellipses where it cuts the body, and its
/// marks as byte ranges of that text.
fn passage_text(body: &str, snippet: &Snippet) -> (String, Vec<std::ops::Range<usize>>) {
    const ELLIPSIS: &str = "…";
    let excerpt = body.get(snippet.text.clone()).unwrap_or_default();
    let lead = if snippet.starts_mid { ELLIPSIS } else { "" };
    let tail = if snippet.ends_mid { ELLIPSIS } else { "" };
    let shift = |i: usize| {
        (i.saturating_sub(snippet.text.start) + lead.len()).min(lead.len() + excerpt.len())
    };
    let marks = snippet
        .marks
        .iter()
        .map(|m| shift(m.start)..shift(m.end))
        .collect();
    (format!("{lead}{excerpt}{tail}"), marks)
}

impl GridDom {
    fn find(list: web_sys::Element, all: &[Target]) -> Option<Self> {
        let text = |card: &web_sys::Element, selector: &str, shown: &'static str| {
            let element = card.query_selector(selector).ok()??;
            Some((text_node(&element)?, shown))
        };
        let cards = all
            .iter()
            .filter_map(|&target| {
                let card = list
                    .query_selector(&format!("[{CARD_KEY}='{}']", target.key()))
                    .ok()??;
                let (title, summary, chips) = match target {
                    Target::Category(category) => (
                        category.title.as_str(),
                        category.summary.as_str(),
                        card_libraries(category).collect(),
                    ),
                    Target::Section(section) => (section.title, section.summary, Vec::new()),
                };
                let chip_nodes = card.query_selector_all(CHIP_SELECTOR).ok()?;
                let chips = chips
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, name)| {
                        let chip: web_sys::Element = chip_nodes.item(i as u32)?.dyn_into().ok()?;
                        Some((text_node(&chip)?, name))
                    })
                    .collect();
                let snippet = card
                    .query_selector(&format!(".{SNIPPET_CLASS}"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into().ok())
                    .map(|element| SnippetDom {
                        element,
                        target,
                        shown: RefCell::new(None),
                    });
                Some(CardDom {
                    key: target.key(),
                    title: text(&card, &format!(".{CARD_LINK}"), title),
                    summary: text(&card, ".card-summary", summary),
                    chips,
                    snippet,
                })
            })
            .collect();
        Some(Self {
            list,
            cards,
            marker: Marker::register(),
        })
    }

    /// Marks what `listing` matched in each listed card, and nothing else, and shows the
    /// passages of the bodies it matched.
    fn mark(&self, listing: &Listing) {
        self.marker.clear();
        for card in &self.cards {
            let hit = listing.entry(card.key).and_then(|e| e.hit.as_ref());
            if let Some(snippet) = &card.snippet {
                snippet.show(hit.and_then(|h| h.snippet.as_ref()), &self.marker);
            }
            let Some(hit) = hit else { continue };
            let fields = [(&card.title, &hit.title), (&card.summary, &hit.summary)];
            for (node, marks) in fields {
                if let Some((node, text)) = node {
                    self.marker.mark(node, text, marks);
                }
            }
            for (index, span) in &hit.libraries {
                if let Some((node, name)) = card.chips.get(*index) {
                    self.marker.mark(node, name, std::slice::from_ref(span));
                }
            }
        }
    }
}

/// The searchable body of a card's field or section, once the search data has come.
fn body_of(target: Target) -> Option<&'static str> {
    match target {
        Target::Category(category) => content::body_text(&category.slug),
        Target::Section(section) => Some(section_body(section.id)),
    }
}

/// The library a click on a card's chip names: the chip's text, among its card's
/// libraries.
fn chip_library(target: &web_sys::Element) -> Option<&'static str> {
    let chip = target.closest(CHIP_SELECTOR).ok()??;
    let card = chip.closest(&format!("[{CARD_KEY}]")).ok()??;
    let category = content::category(&card.get_attribute(CARD_KEY)?)?;
    let name = chip.text_content()?;
    card_libraries(category).find(|n| *n == name)
}

/// Shows the chips of `lib` as pressed, and the others as not.
fn press_chips(list: &web_sys::Element, lib: Option<&str>) {
    let Ok(chips) = list.query_selector_all(CHIP_SELECTOR) else {
        return;
    };
    for chip in
        (0..chips.length()).filter_map(|i| chips.item(i)?.dyn_into::<web_sys::Element>().ok())
    {
        let pressed = lib.is_some() && chip.text_content().as_deref() == lib;
        let _ = chip.set_attribute("aria-pressed", if pressed { "true" } else { "false" });
    }
}

/// Moves the cards of `list` (its `[data-slug]` children) so that those keyed `ranked`
/// stand in that order, moving as few as it can. The cards left out are hidden and stay
/// where they are: where a hidden card stands does not matter.
fn reorder(list: &web_sys::Element, ranked: &[&str]) {
    let children = list.children();
    let cards: Vec<(String, web_sys::Element)> = (0..children.length())
        .filter_map(|i| children.item(i))
        .filter_map(|el| Some((el.get_attribute(CARD_KEY)?, el)))
        .collect();
    let places: Vec<usize> = ranked
        .iter()
        .filter_map(|key| cards.iter().position(|(k, _)| k == key))
        .collect();
    let Some((_, last)) = cards.last() else {
        return;
    };
    // Whatever follows the cards stays after them.
    let mut anchor: Option<web_sys::Node> = last.next_sibling();
    let moving = cards_to_move(&places);
    for (&place, moves) in places.iter().zip(moving).rev() {
        let card = &cards[place].1;
        if moves {
            let _ = list.insert_before(card, anchor.as_ref());
        }
        anchor = Some(card.clone().into());
    }
}

/// Which items must move so that they stand in order, given `places[i]`, the place of
/// the item ranked `i`: all but one longest run of items already in order (a longest
/// increasing subsequence of `places`).
fn cards_to_move(places: &[usize]) -> Vec<bool> {
    // `tails[l]`: the index of the item ending the best run of length `l + 1` so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; places.len()];
    for (i, &place) in places.iter().enumerate() {
        let l = tails.partition_point(|&t| places[t] < place);
        before[i] = l.checked_sub(1).map(|l| tails[l]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut moving = vec![true; places.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        moving[i] = false;
        at = before[i];
    }
    moving
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

/// The main links of the listed cards in `list`, in page order.
pub fn card_links(list: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(nodes) = list.query_selector_all(&format!(".card:not([hidden]) .{CARD_LINK}")) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{cards_to_move, passage_text};
    use crate::search::Snippet;

    #[test]
    // Lists of one range are what the test means: one mark.
    #[allow(clippy::single_range_in_vec_init)]
    fn a_passage_shows_ellipses_where_it_cuts_the_body_and_keeps_its_marks() {
        let body = "Django is a web framework; Flask is a small one.";
        let snippet = |text, marks, starts_mid, ends_mid| Snippet {
            text,
            marks,
            starts_mid,
            ends_mid,
        };
        let (text, marks) = passage_text(body, &snippet(27..47, vec![27..32], true, true));
        assert_eq!(text, "…Flask is a small one…");
        assert_eq!(&text[marks[0].clone()], "Flask");
        let (text, marks) = passage_text(body, &snippet(0..25, vec![0..6, 12..15], false, true));
        assert_eq!(text, "Django is a web framework…");
        let marked: Vec<&str> = marks.iter().map(|m| &text[m.clone()]).collect();
        assert_eq!(marked, ["Django", "web"]);
        // Ranges outside the body or the passage are clipped, never out of bounds.
        let (text, marks) = passage_text(body, &snippet(40..99, vec![0..3, 45..200], true, false));
        assert_eq!(text, "…");
        assert!(marks.iter().all(|m| m.end <= text.len()), "{marks:?}");
    }

    /// Applies the moves the way `reorder` does, and returns the order and the count.
    fn apply(places: &[usize]) -> (Vec<usize>, usize) {
        let moving = cards_to_move(places);
        let mut order: Vec<usize> = (0..=places.iter().copied().max().unwrap_or(0)).collect();
        let mut anchor: Option<usize> = None;
        for (&place, moves) in places.iter().zip(&moving).rev() {
            if *moves {
                order.retain(|&p| p != place);
                let at =
                    anchor.map_or(order.len(), |a| order.iter().position(|&p| p == a).unwrap());
                order.insert(at, place);
            }
            anchor = Some(place);
        }
        let ranked: Vec<usize> = order.into_iter().filter(|p| places.contains(p)).collect();
        (ranked, moving.iter().filter(|m| **m).count())
    }

    #[test]
    fn cards_in_order_stay() {
        assert_eq!(cards_to_move(&[0, 1, 2, 5, 9]), [false; 5]);
        assert_eq!(cards_to_move(&[]), Vec::<bool>::new());
    }

    #[test]
    fn only_the_cards_out_of_order_move() {
        // One card moved to the front: only it moves.
        assert_eq!(apply(&[4, 0, 1, 2, 3]), (vec![4, 0, 1, 2, 3], 1));
        // Reversed: all but one move.
        assert_eq!(apply(&[3, 2, 1, 0]), (vec![3, 2, 1, 0], 3));
        // Hidden cards (the missing places) never move.
        assert_eq!(apply(&[7, 2, 5]), (vec![7, 2, 5], 1));
    }

    #[test]
    fn every_ranking_comes_out_in_order() {
        // Every ranking of five cards drawn from eight places.
        let mut checked = 0;
        for code in 0..8u32.pow(5) {
            let places: Vec<usize> = (0..5).map(|i| (code / 8u32.pow(i) % 8) as usize).collect();
            if (1..places.len()).any(|i| places[..i].contains(&places[i])) {
                continue;
            }
            let (ranked, moved) = apply(&places);
            assert_eq!(ranked, places);
            assert!(moved < places.len());
            checked += 1;
        }
        assert_eq!(checked, 8 * 7 * 6 * 5 * 4);
    }
}
