//! The grid's cards as the page has them, driven directly: finding the cards once,
//! reordering them with the fewest moves, writing the passages of their snippets and
//! marking what a query matched with the CSS Custom Highlight API.
//!
//! Plain DOM calls over web-sys, with no Leptos types: a keystroke builds no node for a
//! card, and whatever shows a listing (the grid component, or code without a framework)
//! can drive the same cards.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_events::EventListener;

use wasm_bindgen::JsCast;

use crate::catalog::{Catalog, Listing, Target};
use crate::components::category_card::{CHIP_SELECTOR, SNIPPET_CLASS, card_libraries};
use crate::components::highlight::marker::{Marker, text_node};
use crate::content::Data;
use crate::search::Snippet;

use super::moves::{cards_to_move, head_first, move_items};

/// How many of a listing's first cards [`GridDom::show`] puts in place, marks and gives
/// their passages at once, until the grid has measured its first screen (see
/// [`GridDom::mark_rest`]), and again once the page scrolls or resizes: about what a
/// wide screen shows of the grid.
pub const FIRST_SCREEN: usize = 12;

/// The attribute that keys each category and section card.
pub const CARD_KEY: &str = "data-slug";
/// The class of each card's main link; arrow keys move between these.
pub const CARD_LINK: &str = "card-link";

/// The grid's cards as the page has them, found once, the first time a listing needs
/// them: cards are never built afresh, so their nodes stay.
pub struct GridDom {
    /// The list that holds the cards.
    pub list: web_sys::Element,
    cards: Vec<CardDom>,
    /// The cards (indices into `cards`) in the order the list has them. Only the grid
    /// moves them, so it never reads the order back from the page.
    order: RefCell<Vec<usize>>,
    marker: Marker,
    /// Counts the listings shown, so that [`GridDom::mark_rest`] skips a listing that
    /// another has replaced.
    shown: Cell<u64>,
    /// How many of a listing's first cards the screen shows, plus a row: those that
    /// [`GridDom::show`] orders and marks at once. Measured after each listing is painted;
    /// back to [`FIRST_SCREEN`] when the page scrolls or resizes, which makes the
    /// measure stale (the grid below the fold measures one card, but may be scrolled
    /// into view before the next keystroke).
    first_screen: Rc<Cell<usize>>,
    /// The window's scroll and resize listeners that reset `first_screen`.
    _unmeasure: Vec<EventListener>,
}

/// One card's texts that a query can mark: each text node with the text it shows.
struct CardDom {
    key: &'static str,
    /// The card itself, hidden while it is out of the listing.
    element: web_sys::HtmlElement,
    /// Whether it is hidden, as the grid last set it.
    hidden: Cell<bool>,
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
    /// Where the card's body comes from.
    catalog: &'static Catalog<'static>,
    /// The passage shown, its text and its text node; `None` while hidden.
    shown: RefCell<Option<(String, web_sys::Node)>>,
}

impl SnippetDom {
    /// Shows the passage `snippet` (hidden when `None`) and marks its matched words.
    fn show(&self, snippet: Option<&Snippet>, marker: &Marker) {
        // No passage, or one that would show no text (its range misses the body): hidden.
        let passage = snippet
            .and_then(|s| Some(passage_text(self.catalog.body_of(self.target)?, s)))
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
    /// Finds the cards of `all` in `list`; `catalog` gives their bodies, for snippets.
    pub fn find(
        list: web_sys::Element,
        all: &[Target],
        catalog: &'static Catalog<'static>,
    ) -> Option<Self> {
        let text = |card: &web_sys::Element, selector: &str, shown: &'static str| {
            let element = card.query_selector(selector).ok()??;
            Some((text_node(&element)?, shown))
        };
        // The cards in the order the list has them, which is where `order` starts.
        let children = list.children();
        let cards: Vec<CardDom> = (0..children.length())
            .filter_map(|i| children.item(i))
            .filter_map(|card| {
                let key = card.get_attribute(CARD_KEY)?;
                let target = *all.iter().find(|t| t.key() == key)?;
                let (title, summary, chips) = match target {
                    Target::Category(category) => (
                        category.title.as_str(),
                        category.summary.as_str(),
                        card_libraries(catalog.data(), category).collect(),
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
                        catalog,
                        shown: RefCell::new(None),
                    });
                let element: web_sys::HtmlElement = card.clone().dyn_into().ok()?;
                Some(CardDom {
                    key: target.key(),
                    hidden: Cell::new(element.hidden()),
                    element,
                    title: text(&card, &format!(".{CARD_LINK}"), title),
                    summary: text(&card, ".card-summary", summary),
                    chips,
                    snippet,
                })
            })
            .collect();
        let order = (0..cards.len()).collect();
        let first_screen = Rc::new(Cell::new(FIRST_SCREEN));
        let unmeasure = web_sys::window()
            .map(|window| {
                ["scroll", "resize"].map(|event| {
                    let first_screen = Rc::clone(&first_screen);
                    // Passive: it never delays a scroll.
                    EventListener::new(&window, event, move |_| first_screen.set(FIRST_SCREEN))
                })
            })
            .into_iter()
            .flatten()
            .collect();
        Some(Self {
            list,
            cards,
            order: RefCell::new(order),
            marker: Marker::register(),
            shown: Cell::new(0),
            first_screen,
            _unmeasure: unmeasure,
        })
    }

    /// Shows `listing`, unless the cards already stand as it lists them (`settled`): the
    /// cards the screen shows first stand in its order before the others, and the cards
    /// out of it are hidden. Then marks what it matched in those first cards. Returns the
    /// listing's number, for [`GridDom::mark_rest`], which puts the other cards in order.
    ///
    /// A keystroke reorders most of the cards; moving the few on screen first, with at
    /// most one move each, lets the browser lay out and paint them without the rest.
    pub fn show(&self, listing: &Listing, settled: bool) -> u64 {
        let number = self.shown.get().wrapping_add(1);
        self.shown.set(number);
        let first_screen = self.first_screen.get();
        if !settled {
            self.reorder(&listing.keys().collect::<Vec<_>>(), first_screen);
            for card in &self.cards {
                let hidden = listing.entry(card.key).is_none();
                // Only the cards whose visibility changed are touched.
                if card.hidden.replace(hidden) != hidden {
                    card.element.set_hidden(hidden);
                }
            }
        }
        self.marker.clear();
        for card in self
            .cards
            .iter()
            .filter(|c| first(listing, c.key, first_screen))
        {
            self.mark(card, listing);
        }
        number
    }

    /// Once `listing`, shown as `number`, is painted: measures the first screen for the
    /// next listing, puts the cards past it in order, marks what the listing matched in
    /// them and hides the passages of the cards out of it. Nothing when another listing
    /// was shown since.
    pub fn mark_rest(&self, listing: &Listing, number: u64) {
        if self.shown.get() != number {
            return;
        }
        let first_screen = self.first_screen.get();
        // Measured before anything moves, while the layout is the one just painted.
        if let Some(measured) = self.measure_first_screen() {
            self.first_screen.set(measured);
        }
        let ranked: Vec<&str> = listing.keys().collect();
        self.reorder(&ranked, ranked.len());
        for card in self
            .cards
            .iter()
            .filter(|c| !first(listing, c.key, first_screen))
        {
            self.mark(card, listing);
        }
    }

    /// Moves the cards so that the first `head` of those keyed `ranked` stand in that
    /// order before the others, which keep their order among themselves, moving as few
    /// as it can: at most `head`. With `head` at least `ranked.len()`, every card keyed
    /// `ranked` stands in order. The cards left out are hidden and stay where they are:
    /// where a hidden card stands does not matter.
    fn reorder(&self, ranked: &[&str], head: usize) {
        let mut order = self.order.borrow_mut();
        let places = ranked
            .iter()
            .filter_map(|key| self.cards.iter().position(|card| card.key == *key))
            .filter_map(|card| order.iter().position(|&c| c == card))
            .collect();
        let places = head_first(places, head);
        let moving = cards_to_move(&places);
        // The cards at those places, in the order they are to stand.
        let placed: Vec<usize> = places.iter().map(|&at| order[at]).collect();
        // Whatever follows the cards stays after them.
        let end = order
            .last()
            .and_then(|&c| self.cards[c].element.next_sibling());
        move_items(&mut order, &placed, &moving, |card, before| {
            let before = before.map_or(end.clone(), |c| Some(self.cards[c].element.clone().into()));
            let _ = self
                .list
                .insert_before(&self.cards[card].element, before.as_ref());
        });
    }

    /// How many listed cards stand above the bottom of the window, counted from the top
    /// of the list, plus one row of them: the grid's first screen. `None` without a
    /// window.
    fn measure_first_screen(&self) -> Option<usize> {
        let bottom = web_sys::window()?.inner_height().ok()?.as_f64()?;
        let (mut above, mut row, mut first_top) = (0, 0, None);
        let order = self.order.borrow();
        let shown = order
            .iter()
            .map(|&i| &self.cards[i])
            .filter(|c| !c.hidden.get());
        for card in shown {
            let top = card.element.get_bounding_client_rect().top();
            if top >= bottom {
                break;
            }
            above += 1;
            if *first_top.get_or_insert(top) == top {
                row += 1;
            }
        }
        Some(above + row.max(1))
    }

    /// Marks what `listing` matched in `card` (nothing, when it is out of the listing),
    /// and shows the passage of its body that it matched.
    fn mark(&self, card: &CardDom, listing: &Listing) {
        let hit = listing.entry(card.key).and_then(|e| e.hit.as_ref());
        if let Some(snippet) = &card.snippet {
            snippet.show(hit.and_then(|h| h.snippet.as_ref()), &self.marker);
        }
        let Some(hit) = hit else { return };
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

/// Whether the card keyed `key` is among the first `count` of `listing`.
fn first(listing: &Listing, key: &str, count: usize) -> bool {
    listing.keys().take(count).any(|k| k == key)
}

/// The library a click on a card's chip names: the chip's text, among its card's
/// libraries.
pub fn chip_library(data: &'static Data, target: &web_sys::Element) -> Option<&'static str> {
    let chip = target.closest(CHIP_SELECTOR).ok()??;
    let card = chip.closest(&format!("[{CARD_KEY}]")).ok()??;
    let category = data.category(&card.get_attribute(CARD_KEY)?)?;
    let name = chip.text_content()?;
    card_libraries(data, category).find(|n| *n == name)
}

/// Shows the chips of `lib` as pressed, and the others as not.
pub fn press_chips(list: &web_sys::Element, lib: Option<&str>) {
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
    use super::passage_text;
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
}
