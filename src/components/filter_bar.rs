//! Tag chips and the active library filter above the grid.

use leptos::prelude::*;

use crate::components::icon::SvgIcon;
use crate::content::{SiteData, icons};

/// Toggle chips for the tags, plus a removable chip for an active library filter.
#[component]
pub fn FilterBar(
    /// The selected tag id.
    #[prop(into)]
    tag: Signal<Option<&'static str>>,
    /// The selected library name.
    #[prop(into)]
    lib: Signal<Option<&'static str>>,
    /// Called with the tag to select, or `None` for all.
    on_tag: Callback<Option<&'static str>>,
    /// Called to drop the library filter.
    on_clear_lib: Callback<()>,
) -> impl IntoView {
    let chip = move |id: Option<&'static str>, label: &'static str| {
        let pressed = move || tag.get() == id;
        view! {
            <li>
                <button
                    type="button"
                    class="chip chip-tag"
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| on_tag.run(if pressed() { None } else { id })
                >
                    {label}
                </button>
            </li>
        }
    };
    view! {
        <div class="filters needs-js">
            <ul class="chip-row" aria-label="Filter by tag">
                {chip(None, "All")}
                {SiteData::get().site().tags.iter().map(|t| chip(Some(t.id.as_str()), t.label.as_str())).collect_view()}
            </ul>
            {move || {
                lib.get()
                    .map(|name| {
                        view! {
                            <p class="active-filter">
                                "Using "
                                <strong>{name}</strong>
                                <button
                                    type="button"
                                    class="chip chip-remove"
                                    aria-label=format!("Remove the {name} filter")
                                    on:click=move |_| on_clear_lib.run(())
                                >
                                    <SvgIcon icon=icons::CLOSE />
                                </button>
                            </p>
                        }
                    })
            }}
        </div>
    }
}
