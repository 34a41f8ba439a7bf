//! The light/dark switch. It overrides `prefers-color-scheme` and is remembered when
//! storage allows; without storage it still works for the visit.

use gloo_events::EventListener;
use leptos::prelude::*;

use crate::browser;
use crate::components::icon::SvgIcon;
use crate::content::icons;
use crate::theme::Theme;

/// A button that switches between the light and dark themes.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let chosen = RwSignal::new(None::<Theme>);
    let system_dark = RwSignal::new(false);
    // The listener must live as long as the button; it is removed when dropped.
    let listener = StoredValue::new_local(None::<EventListener>);

    // Browser state is read after mount, so the same component can be prerendered.
    Effect::new(move |_| {
        chosen.set(browser::stored_theme());
        system_dark.set(browser::system_prefers_dark());
        let query = crate::browser::window()
            .and_then(|w| w.match_media(browser::DARK_QUERY).ok().flatten());
        if let Some(query) = query {
            let watched = query.clone();
            let on_change = EventListener::new(&query, "change", move |_| {
                system_dark.set(watched.matches())
            });
            listener.set_value(Some(on_change));
        }
    });

    let effective = move || Theme::effective(chosen.get(), system_dark.get());
    let toggle = move |_| {
        let next = effective().toggled();
        chosen.set(Some(next));
        browser::show_theme(Some(next));
        browser::storage_set(Theme::STORAGE_KEY, next.as_str());
    };

    view! {
        <button
            type="button"
            class="icon-button theme-toggle needs-js"
            aria-pressed=move || (effective() == Theme::Dark).to_string()
            title=move || match effective() {
                Theme::Dark => "Switch to the light theme",
                Theme::Light => "Switch to the dark theme",
            }
            on:click=toggle
        >
            <SvgIcon icon=icons::MOON class="when-light" />
            <SvgIcon icon=icons::SUN class="when-dark" />
            <span class="visually-hidden">"Dark theme"</span>
        </button>
    }
}
