//! Remembers where the visitor was in the grid, so coming back to the same listing
//! (with Back or the "All fields" link) returns to the same scroll position and card.

use leptos::prelude::*;

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
