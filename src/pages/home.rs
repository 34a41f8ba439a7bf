//! The home page: intro, search, filters, the grid of fields, and the site-wide sections.

use leptos::html::{Input, Ul};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::browser;
use crate::catalog::Listing;
use crate::components::card_grid::{CardGrid, card_links};
use crate::components::filter_bar::FilterBar;
use crate::components::icon::SvgIcon;
use crate::components::search_box::{SearchBox, adopt_early_query, focus_on_slash};
use crate::content::{Icon, SiteData, icons};
use crate::params::HomeParams;
use crate::routes::{self, href};
use crate::scroll::remember_home_scroll;

mod state;

pub use state::{Enter, HomeState};

/// How long typing pauses before the URL follows the search box.
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = SiteData::get();
    let query_map = use_query_map();
    let url_params =
        Memo::new(move |_| query_map.with(|q| HomeParams::parse(site.data, |name| q.get(name))));

    // The box shows what is typed at once; the URL follows it (see `HomeState`).
    let state = RwSignal::new(url_params.with_untracked(HomeState::new));
    Effect::new(move |_| {
        let q = url_params.with(|p| p.q.clone());
        change(state, |state| state.url_changed(&q));
    });
    let typed = Memo::new(move |_| state.with(|s| s.typed().to_owned()));
    let params = Memo::new(move |_| state.with(|s| url_params.with(|url| s.params(url))));
    let listing: Memo<Listing> = Memo::new(move |_| site.list(&params.read()));
    // A query before the search data is in fetches it (typing usually starts it first,
    // from the search box's focus).
    Effect::new(move |_| {
        if listing.read().pending {
            crate::loader::load_search(site);
        }
    });

    let navigate = use_navigate();
    // Writes an address the state made: in place of the current one, where it is.
    let replace = {
        let navigate = navigate.clone();
        Callback::new(move |path: String| {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&path, options);
        })
    };
    // Runs `write` on the state with the URL's parameters, then goes to the address it
    // made.
    let write = move |write: fn(&mut HomeState, &HomeParams) -> String| {
        let path = url_params.with_untracked(|url| change(state, |state| write(state, url)));
        replace.run(path);
    };
    // The URL follows the typing once it pauses: writing history on every keystroke costs
    // time on the keystroke path, and browsers throttle pages that write it too often.
    let sync_url = Callback::new(move |()| {
        if let Some(path) = url_params.with_untracked(|url| change(state, |s| s.catch_up(url))) {
            replace.run(path);
        }
    });
    let sync_soon = StoredValue::new_local(debounce(URL_DELAY, move |()| sync_url.run(())));
    let on_query = Callback::new(move |q: String| {
        change(state, |state| state.type_query(&q));
        sync_soon.update_value(|sync| sync(()));
    });
    adopt_early_query(on_query);
    let on_tag = Callback::new(move |tag: Option<&'static str>| {
        let path = url_params.with_untracked(|url| change(state, |s| s.pick_tag(url, tag)));
        replace.run(path);
    });
    let on_library = Callback::new(move |name: &'static str| {
        let path = url_params.with_untracked(|url| change(state, |s| s.pick_library(url, name)));
        replace.run(path);
    });
    let on_clear_lib = Callback::new(move |()| write(HomeState::clear_library));
    let clear_all = move |_| write(|state, _| state.clear_all());

    let input_ref = NodeRef::<Input>::new();
    let list_ref = NodeRef::<Ul>::new();
    let focus_input = move || {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    };
    let save_spot = remember_home_scroll(list_ref, sync_url);
    let on_enter = Callback::new(move |()| {
        let enter = listing.with_untracked(|listing| {
            url_params.with_untracked(|url| state.with_untracked(|s| s.enter(url, listing)))
        });
        match enter {
            Some(Enter::Field(slug)) => {
                save_spot.run(Some(slug));
                navigate(&routes::category(slug), NavigateOptions::default())
            }
            Some(Enter::Section(path)) => navigate(&path, NavigateOptions::default()),
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
    let status = move || site.catalog.status(&listing.read(), &params.read());
    let suggestion = move || listing.with(|l| l.suggestion.clone());

    view! {
        <Title text=site.site().title.as_str() />
        <Meta name="description" content=site.site().description.as_str() />
        <section class="hero">
            <div class="wrap hero-layout">
                <div class="hero-text">
                    <h1 class="hero-title">{site.site().title.as_str()}</h1>
                    <div class="hero-intro prose" inner_html=site.site().intro_html.as_str()></div>
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
                all=site.catalog.targets()
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

/// Runs `f` on the home page's state, waking its readers only when the query as typed
/// changed: the page's notes of what it wrote to the URL concern no reader.
fn change<R>(state: RwSignal<HomeState>, f: impl FnOnce(&mut HomeState) -> R) -> R {
    let mut out = None;
    state.maybe_update(|state| {
        let before = state.typed().to_owned();
        out = Some(f(state));
        state.typed() != before
    });
    out.expect("the state is alive while its page is")
}

/// A decorative mosaic of the fields' icons beside the intro on wide screens.
#[component]
fn HeroArt() -> impl IntoView {
    let data = SiteData::get().data;
    view! {
        <div class="hero-art" aria-hidden="true">
            {data
                .categories()
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
    let data = SiteData::get().data;
    view! {
        <section class="wrap band" aria-labelledby="uses-title">
            <h2 id="uses-title">"Python is generally used for"</h2>
            <ul class="uses">
                {data.site()
                    .uses
                    .iter()
                    .map(|used| {
                        let icon = data.category(&used.category).map(|c| Icon(&c.icon)).unwrap_or(icons::LOGO);
                        view! {
                            <li>
                                <a href=href(&routes::category(&used.category)) class="use-link">
                                    <SvgIcon icon />
                                    <span>{used.label.as_str()}</span>
                                </a>
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
    let site = SiteData::get().site();
    view! {
        <section class="wrap band" aria-labelledby="why-title">
            <h2 id="why-title">{site.why_title.as_str()}</h2>
            <ol class="reasons">
                {site
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
            <p class="why-summary">{site.why_summary.as_str()}</p>
        </section>
    }
}

/// Further reading and the official resources.
#[component]
fn FurtherReading() -> impl IntoView {
    let site = SiteData::get().site();
    view! {
        <section class="wrap band" aria-labelledby="reading-title">
            <h2 id="reading-title">"Further reading"</h2>
            <ul class="reading">
                {site
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
                <a href=site.pypi_url.as_str() target="_blank" rel="noopener noreferrer">
                    "Python Package Index (PyPI)"
                </a>
                ", and python.org describes "
                <a href=site.python_apps_url.as_str() target="_blank" rel="noopener noreferrer">
                    "Python’s applications"
                </a>
                " in its own words."
            </p>
        </section>
    }
}
