//! Copying text to the clipboard, with the button saying so.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::icon::SvgIcon;
use crate::content::icons;

/// How long a button says "Copied" before it reads as before.
const CONFIRM_FOR: Duration = Duration::from_secs(2);

/// Writes `text` to the clipboard; returns whether the browser has a clipboard to write to.
fn write(text: &str) -> bool {
    let Some(window) = crate::browser::window() else {
        return false;
    };
    // A denied write rejects the promise, which the page has no use for.
    let _ = window.navigator().clipboard().write_text(text);
    true
}

/// Copies `text`, and has `button` (a plain element, as in prerendered HTML) say so for a
/// moment.
pub fn copy_text(text: &str, button: &web_sys::Element) {
    if !write(text) {
        return;
    }
    let label = button.text_content();
    button.set_text_content(Some("Copied"));
    let button = button.clone();
    set_timeout(
        move || button.set_text_content(label.as_deref()),
        CONFIRM_FOR,
    );
}

/// A button that copies `text`.
#[component]
pub fn CopyButton(
    /// What it copies.
    text: &'static str,
    /// What it copies, for screen readers: "Copy the install command".
    label: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if write(text) {
            copied.set(true);
            set_timeout(move || copied.set(false), CONFIRM_FOR);
        }
    };
    view! {
        <button type="button" class="button copy-button" aria-label=label on:click=copy>
            <SvgIcon icon=icons::COPY />
            <span aria-live="polite">{move || if copied.get() { "Copied" } else { "Copy" }}</span>
        </button>
    }
}
