//! Remembers where the visitor was in the grid, so coming back to the same listing
//! (with Back or the "All fields" link) returns to the same scroll position and card.

use gloo_events::{EventListener, EventListenerOptions};
use leptos::html::Ul;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::content::SiteData;

/// Where the home page was left: its URL, the scroll offset and the card that was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    /// The home page's query string, as `location.search` gives it ("" or `?q=…`).
    pub url: String,
    /// `window.scrollY` when the page was left.
    pub scroll_y: f64,
    /// The card whose link had focus, if any.
    pub slug: Option<String>,
}

/// Shared memory of the last [`Spot`], provided once by the app.
#[derive(Debug, Clone, Copy)]
pub struct ScrollMemory(StoredValue<Option<Spot>>);

impl ScrollMemory {
    /// Provides the memory to every page.
    pub fn provide() {
        provide_context(Self(StoredValue::new(None)));
    }

    /// The memory, if the app provided it.
    pub fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Saves where the home page was left.
    pub fn save(self, spot: Spot) {
        self.0.set_value(Some(spot));
    }

    /// The saved spot for `url`, taken so it is used once.
    pub fn take_for(self, url: &str) -> Option<Spot> {
        let spot = self.0.get_value().filter(|spot| spot.url == url)?;
        self.0.set_value(None);
        Some(spot)
    }

    /// The URL of the listing the visitor came from, for "back to all fields" links.
    pub fn home_url(self) -> Option<String> {
        self.0.get_value().map(|spot| spot.url)
    }
}

/// The class that lays out every card of the grid, even those out of view.
const LAID_OUT: &str = "laid-out";

/// Remembers where the visitor was when they follow a link away from the home page, and
/// restores it when the same listing comes back (with Back or the "All fields" link).
///
/// The spot is saved as the link is clicked, in the capture phase, before the router moves
/// on: by the time the page is torn down, the router already shows the next address.
/// Returns the saver, for navigations that do not start with a click (Enter).
pub fn remember_home_scroll(
    list_ref: NodeRef<Ul>,
    sync_url: Callback<()>,
) -> Callback<Option<&'static str>> {
    let memory = ScrollMemory::get();
    let data = SiteData::get().data;
    let save = Callback::new(move |slug: Option<&'static str>| {
        // The history entry left behind must hold the search as typed.
        sync_url.run(());
        let (Some(memory), Some(window)) = (memory, crate::browser::window()) else {
            return;
        };
        memory.save(Spot {
            url: window.location().search().unwrap_or_default(),
            scroll_y: window.scroll_y().unwrap_or(0.0),
            slug: slug.map(str::to_owned),
        });
    });

    let listener = StoredValue::new_local(None::<EventListener>);
    Effect::new(move |_| {
        let Some(document) = crate::browser::window().and_then(|w| w.document()) else {
            return;
        };
        let options = EventListenerOptions::run_in_capture_phase();
        let on_click = EventListener::new_with_options(&document, "click", options, move |event| {
            let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            if target.closest("a[href]").ok().flatten().is_none() {
                return;
            }
            let slug = target
                .closest(".card")
                .ok()
                .flatten()
                .and_then(|card| card.get_attribute("data-slug"))
                .and_then(|slug| data.category(&slug))
                .map(|c| c.slug.as_str());
            save.run(slug);
        });
        listener.set_value(Some(on_click));

        let Some(spot) =
            memory.and_then(|m| m.take_for(&crate::browser::window()?.location().search().ok()?))
        else {
            return;
        };
        // Wait a frame so the grid is laid out before scrolling. Cards out of view skip
        // layout (`content-visibility: auto`) and would count at an estimated height, so
        // every card is laid out for real until they have all been measured once.
        request_animation_frame(move || {
            let list = list_ref.get_untracked();
            if let Some(list) = &list {
                let _ = list.class_list().add_1(LAID_OUT);
            }
            if let Some(window) = crate::browser::window() {
                window.scroll_to_with_x_and_y(0.0, spot.scroll_y);
            }
            if let Some(list) = list {
                request_animation_frame(move || {
                    request_animation_frame(move || {
                        let _ = list.class_list().remove_1(LAID_OUT);
                    });
                });
            }
            let link = spot.slug.and_then(|slug| {
                let list = list_ref.get_untracked()?;
                list.query_selector(&format!("[data-slug=\"{slug}\"] .card-link"))
                    .ok()?
            });
            if let Some(link) = link.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = link.focus_with_options(&options);
            }
        });
    });
    save
}
