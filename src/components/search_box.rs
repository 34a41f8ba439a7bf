//! The search box: typing searches, `/` focuses it, Escape clears it, Enter opens the
//! first result and the Down arrow moves into the results.

use leptos::ev::KeyboardEvent;
use leptos::html::Input;
use leptos::prelude::*;

use crate::browser;
use crate::components::icon::SvgIcon;
use crate::content::{SiteData, icons};

/// The id of the search input, for labels and tests.
pub const INPUT_ID: &str = "search-input";

/// A labelled search field that reports what is typed and the keys that move on from it.
#[component]
pub fn SearchBox(
    /// The query to show.
    #[prop(into)]
    query: Signal<String>,
    /// Called with the new text on every edit.
    on_query: Callback<String>,
    /// Enter: open the first result.
    on_enter: Callback<()>,
    /// Down arrow: move focus into the results.
    on_down: Callback<()>,
    /// The input, so the page can focus it.
    input_ref: NodeRef<Input>,
) -> impl IntoView {
    let site = SiteData::get();
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" if !query.read().is_empty() => {
            ev.prevent_default();
            on_query.run(String::new());
        }
        "Enter" => {
            ev.prevent_default();
            on_enter.run(());
        }
        "ArrowDown" => {
            ev.prevent_default();
            on_down.run(());
        }
        _ => {}
    };

    view! {
        // Without JavaScript the form still works: it submits `?q=` to the home page.
        <form class="search" role="search" action="./" method="get" on:submit=|ev| ev.prevent_default()>
            <label class="visually-hidden" for=INPUT_ID>
                "Search the fields, libraries and uses of Python"
            </label>
            <SvgIcon icon=icons::SEARCH class="search-icon" />
            <input
                id=INPUT_ID
                node_ref=input_ref
                type="search"
                name="q"
                placeholder="Try “web”, “Django”, “bots” or “scraping”"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                enterkeyhint="go"
                aria-describedby="search-hint"
                prop:value=move || query.get()
                on:focus=move |_| crate::loader::load_search(site)
                on:input=move |ev| on_query.run(event_target_value(&ev))
                on:keydown=on_keydown
            />
            <kbd class="search-key" aria-hidden="true">"/"</kbd>
            <button
                type="button"
                class="search-clear"
                aria-label="Clear the search"
                hidden=move || query.read().is_empty()
                on:click=move |_| {
                    on_query.run(String::new());
                    if let Some(input) = input_ref.get() {
                        let _ = input.focus();
                    }
                }
            >
                <SvgIcon icon=icons::CLOSE />
            </button>
            <noscript class="noscript-note">
                "Instant search needs JavaScript. Without it, pressing Enter opens the home page with every field listed."
            </noscript>
            <p id="search-hint" class="visually-hidden">
                "Results update as you type. Enter opens the first result, the Down arrow moves through the results and Escape clears the search."
            </p>
        </form>
    }
}

/// Passes what a visitor typed into the prerendered search box before the app started to
/// `on_query`, once the page is hydrated (hydration must see the state the page was
/// prerendered with). A box that got focus before the app started (focusing it is what
/// starts the app) fetches the search data now, as its focus would have.
pub fn adopt_early_query(on_query: Callback<String>) {
    let site = SiteData::get();
    Effect::new(move |_| {
        if let Some(q) = crate::browser::take_early_query() {
            on_query.run(q);
        }
        if crate::browser::active_element().is_some_and(|e| e.id() == INPUT_ID) {
            crate::loader::load_search(site);
        }
    });
}

/// Focuses the search box when `/` is pressed outside a text field. The shortcut is a
/// window listener, removed when the page that installed it is torn down, so it never
/// outlives the box it focuses.
pub fn focus_on_slash(input_ref: NodeRef<Input>) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/"
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
            || ev.default_prevented()
        {
            return;
        }
        let typing = browser::active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el
                    .get_attribute("contenteditable")
                    .is_some_and(|v| v != "false")
        });
        if typing {
            return;
        }
        if let Some(input) = input_ref.get_untracked() {
            ev.prevent_default();
            let _ = input.focus();
            input.select();
        }
    });
    on_cleanup(move || handle.remove());
}
