//! The home page: intro, search, filters, the grid of fields, and the site-wide sections.

use gloo_events::{EventListener, EventListenerOptions};
use leptos::html::{Input, Ul};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::catalog::{self, Listing, Target};
use crate::components::card_grid::{CardGrid, card_links};
use crate::components::filter_bar::FilterBar;
use crate::components::icon::SvgIcon;
use crate::components::search_box::{SearchBox, adopt_early_query};
use crate::content::{self, Icon, category, icons};
use crate::params::{HomeParams, clean_query};
use crate::routes::{self, href};
use crate::scroll::{ScrollMemory, Spot};

/// How long typing pauses before the URL follows the search box.
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let url_params = Memo::new(move |_| query_map.with(|q| HomeParams::parse(|name| q.get(name))));

    // The box shows what is typed at once; the URL follows it (replacing the history
    // entry, so Back leaves the page rather than undoing keystrokes).
    let typed = RwSignal::new(url_params.with_untracked(|p| p.q.clone()));
    // The query this page last wrote to the URL, until the router reports it back. The
    // router settles a navigation a moment after it starts, so that echo can arrive after
    // more keystrokes, and must not undo them; any other change of the URL (Back, a link)
    // is adopted.
    let echo = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let q = url_params.with(|p| p.q.clone());
        if echo.with_value(|echo| echo.as_deref() == Some(q.as_str())) {
            echo.set_value(None);
        } else if q != typed.get_untracked() {
            typed.set(q);
        }
    });
    let params = Memo::new(move |_| HomeParams {
        q: typed.get(),
        ..url_params.get()
    });
    let listing: Memo<Listing> = Memo::new(move |_| catalog::list(&params.read()));

    let navigate = use_navigate();
    let replace_params = {
        let navigate = navigate.clone();
        Callback::new(move |next: HomeParams| {
            echo.set_value(Some(next.q.clone()));
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&routes::home(&next.to_query_string()), options);
        })
    };
    // The URL follows the typing once it pauses: writing history on every keystroke costs
    // time on the keystroke path, and browsers throttle pages that write it too often.
    let sync_url = Callback::new(move |()| {
        if url_params.with_untracked(|p| p.q != typed.get_untracked()) {
            replace_params.run(params.get_untracked());
        }
    });
    let sync_soon = StoredValue::new_local(debounce(URL_DELAY, move |()| sync_url.run(())));
    let on_query = Callback::new(move |q: String| {
        typed.set(clean_query(&q));
        sync_soon.update_value(|sync| sync(()));
    });
    adopt_early_query(on_query);
    let on_tag = Callback::new(move |tag| {
        replace_params.run(HomeParams {
            tag,
            ..params.get_untracked()
        })
    });
    let on_library = Callback::new(move |name: &'static str| {
        let lib = if params.with_untracked(|p| p.lib == Some(name)) {
            None
        } else {
            Some(name)
        };
        replace_params.run(HomeParams {
            lib,
            ..params.get_untracked()
        });
    });
    let on_clear_lib = Callback::new(move |()| {
        replace_params.run(HomeParams {
            lib: None,
            ..params.get_untracked()
        })
    });
    let clear_all = move |_| {
        typed.set(String::new());
        replace_params.run(HomeParams::default());
    };

    let input_ref = NodeRef::<Input>::new();
    let list_ref = NodeRef::<Ul>::new();
    let focus_input = move || {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    };
    let save_spot = remember_scroll(list_ref, sync_url);
    let on_enter = Callback::new(move |()| {
        let first = listing.with_untracked(|l| l.entries.first().map(|e| e.target));
        match first {
            Some(Target::Category(category)) => {
                save_spot.run(Some(&category.slug));
                navigate(
                    &routes::category(&category.slug),
                    NavigateOptions::default(),
                )
            }
            Some(Target::Section(section)) => {
                let query = params.with_untracked(HomeParams::to_query_string);
                navigate(
                    &routes::home(&format!("{query}#{}", section.anchor)),
                    NavigateOptions::default(),
                );
            }
            None => {}
        }
    });
    let on_down = Callback::new(move |()| {
        if let Some(first) = list_ref
            .get()
            .and_then(|list| card_links(&list).into_iter().next())
        {
            browser::focus(&first);
        }
    });
    let on_leave_top = Callback::new(move |()| focus_input());

    focus_on_slash(input_ref);

    // Memos, so that typing (which changes only the query) wakes no chip.
    let tag = Memo::new(move |_| params.read().tag);
    let lib = Memo::new(move |_| params.read().lib);
    let status = move || catalog::status(&listing.read(), &params.read());
    let suggestion = move || listing.with(|l| l.suggestion.clone());

    view! {
        <Title text=content::site().title.as_str() />
        <Meta name="description" content=content::site().description.as_str() />
        <section class="hero">
            <div class="wrap hero-layout">
                <div class="hero-text">
                    <h1 class="hero-title">{content::site().title.as_str()}</h1>
                    <div class="hero-intro prose" inner_html=content::site().intro_html.as_str()></div>
                </div>
                <HeroArt />
                <div class="hero-search">
                <SearchBox query=typed on_query on_enter on_down input_ref />
                <FilterBar
                    tag=tag
                    lib=lib
                    on_tag
                    on_clear_lib
                />
                </div>
            </div>
        </section>

        <section
            class="wrap fields"
            class:searching=move || !params.read().q.trim().is_empty()
            aria-labelledby="fields-title"
        >
            <div class="fields-head">
                <h2 id="fields-title">"Explore the fields"</h2>
                <p class="status" role="status">{status}</p>
            </div>
            {move || {
                suggestion()
                    .map(|suggested| {
                        let q = suggested.clone();
                        view! {
                            <p class="suggestion">
                                "Did you mean "
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| on_query.run(q.clone())
                                >
                                    {suggested}
                                </button>
                                "?"
                            </p>
                        }
                    })
            }}
            <Show when=move || listing.read().entries.is_empty() && params.read().is_filtered()>
                <p class="empty">
                    "Nothing matches. "
                    <button type="button" class="link-button" on:click=clear_all>
                        "Show all fields"
                    </button>
                </p>
            </Show>
            <CardGrid
                listing
                all=catalog::targets()
                lib=lib
                on_library
                on_leave_top
                list_ref
            />
        </section>

        <UsesSection />
        <WhySection />
        <FurtherReading />
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
fn remember_scroll(
    list_ref: NodeRef<Ul>,
    sync_url: Callback<()>,
) -> Callback<Option<&'static str>> {
    let memory = ScrollMemory::get();
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
                .and_then(|slug| category(&slug))
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

/// Focuses the search box when `/` is pressed outside a text field.
fn focus_on_slash(input_ref: NodeRef<Input>) {
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

/// A decorative mosaic of the fields' icons beside the intro on wide screens.
#[component]
fn HeroArt() -> impl IntoView {
    view! {
        <div class="hero-art" aria-hidden="true">
            {content::categories()
                .iter()
                .take(12)
                .map(|c| {
                    view! {
                        <span class="hero-tile" data-tone=c.tags.first().map(String::as_str)>
                            <SvgIcon icon=Icon(&c.icon) />
                        </span>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// "Python is generally used for": every item, linked to the card that covers it.
#[component]
fn UsesSection() -> impl IntoView {
    view! {
        <section class="wrap band" aria-labelledby="uses-title">
            <h2 id="uses-title">"Python is generally used for"</h2>
            <ul class="uses">
                {content::site()
                    .uses
                    .iter()
                    .map(|used| {
                        let icon = category(&used.category).map(|c| Icon(&c.icon)).unwrap_or(icons::LOGO);
                        view! {
                            <li>
                                <A href=href(&routes::category(&used.category)) attr:class="use-link">
                                    <SvgIcon icon />
                                    <span>{used.label.as_str()}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Why Python has such a wide range of uses.
#[component]
fn WhySection() -> impl IntoView {
    view! {
        <section class="wrap band" aria-labelledby="why-title">
            <h2 id="why-title">{content::site().why_title.as_str()}</h2>
            <ol class="reasons">
                {content::site()
                    .reasons
                    .iter()
                    .map(|reason| {
                        view! {
                            <li class="reason">
                                <h3>{reason.title.as_str()}</h3>
                                <p inner_html=reason.html.as_str()></p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="why-summary">{content::site().why_summary.as_str()}</p>
        </section>
    }
}

/// Further reading and the official resources.
#[component]
fn FurtherReading() -> impl IntoView {
    view! {
        <section class="wrap band" aria-labelledby="reading-title">
            <h2 id="reading-title">"Further reading"</h2>
            <ul class="reading">
                {content::site()
                    .further_reading
                    .iter()
                    .map(|link| {
                        view! {
                            <li>
                                <a href=link.url.as_str() target="_blank" rel="noopener noreferrer">
                                    <SvgIcon icon=icons::BOOK />
                                    <span>{link.title.as_str()}</span>
                                    <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="official">
                "The official package index for Python is the "
                <a href=content::site().pypi_url.as_str() target="_blank" rel="noopener noreferrer">
                    "Python Package Index (PyPI)"
                </a>
                ", and python.org describes "
                <a href=content::site().python_apps_url.as_str() target="_blank" rel="noopener noreferrer">
                    "Python’s applications"
                </a>
                " in its own words."
            </p>
        </section>
    }
}
