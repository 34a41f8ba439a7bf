//! One component per route.

pub mod category;
pub mod home;
pub mod library;
pub mod not_found;

use leptos::html::H1;
use leptos::prelude::*;

/// A heading that takes focus when its page was reached by navigating inside the app:
/// that tells keyboard and screen reader users that the page changed. On the first page
/// load the browser's own focus is left alone.
pub fn focused_heading() -> NodeRef<H1> {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if crate::navigated_in_app()
            && let Some(h1) = heading.get()
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h1.focus_with_options(&options);
        }
    });
    heading
}
