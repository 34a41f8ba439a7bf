//! The embed view, `/embed/`: the explorer without the site around it, for other sites'
//! pages. Its parameters come from the URL once (see [`EmbedParams`]); it keeps its own
//! state, stores nothing and registers no service worker, so it works in third-party and
//! sandboxed frames. It reports its height to the embedding page, and takes theme changes
//! from that page only.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use leptos::html::{Input, Main, Ul};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::browser;
use crate::catalog::{Entry, Listing, Target};
use crate::components::card_grid::{CardGrid, card_links};
use crate::components::search_box::{SearchBox, adopt_early_query};
use crate::content::SiteData;
use crate::embed::message::{self, Message};
use crate::embed::params::{EmbedParams, EmbedTheme, Layout};
use crate::params::{HomeParams, clean_query};
use crate::routes::{self, href};

/// Whether the widget shows `target`: a category it was asked for (every category when it
/// names none), and never a home page section.
fn is_chosen(chosen: &[&str], target: Target) -> bool {
    target
        .category()
        .is_some_and(|c| chosen.is_empty() || chosen.contains(&c.slug.as_str()))
}

/// The embed view.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let site = SiteData::get();
    let params =
        use_query_map().with_untracked(|q| EmbedParams::parse(site.data, |name| q.get(name)));
    let theme = RwSignal::new(params.theme);
    let typed = RwSignal::new(params.q.clone());
    let lib = RwSignal::new(None::<&'static str>);
    let chosen = params.categories.clone();
    let limit = params.limit;
    let libraries = params.libraries;

    // Every card the widget can show: its chosen categories.
    let shown: Vec<Target> = site
        .catalog
        .targets()
        .into_iter()
        .filter(|t| is_chosen(&chosen, *t))
        .collect();
    let listing: Memo<Listing> = Memo::new(move |_| {
        let home = HomeParams {
            q: typed.get(),
            tag: None,
            lib: lib.get(),
        };
        let mut listing = site.list_where(&home, |t| is_chosen(&chosen, t));
        if !libraries {
            listing.libraries.clear();
        } else if !chosen.is_empty() {
            // Only libraries used in the fields the widget shows.
            listing.libraries.retain(|l| {
                site.data
                    .fields_using(&l.library.id)
                    .any(|c| chosen.contains(&c.slug.as_str()))
            });
        }
        if (home.q.trim().is_empty() || listing.pending) && !chosen.is_empty() {
            // Without a query, the categories come in the order the embed asked for.
            let place = |e: &Entry| {
                e.target
                    .category()
                    .and_then(|c| chosen.iter().position(|s| *s == c.slug))
            };
            // Each chosen field has its own place; what has none keeps its order.
            let mut entries: Vec<(usize, Entry)> = std::mem::take(&mut listing.entries)
                .into_iter()
                .enumerate()
                .collect();
            entries.sort_unstable_by_key(|(i, e)| (place(e), *i));
            listing.entries = entries.into_iter().map(|(_, e)| e).collect();
        }
        if let Some(limit) = limit {
            listing.entries.truncate(limit);
        }
        listing
    });
    let status = move || {
        let home = HomeParams {
            q: typed.get(),
            tag: None,
            lib: lib.get(),
        };
        site.catalog.status(&listing.read(), &home)
    };

    Effect::new(move |_| browser::show_theme(theme.get().fixed()));
    Effect::new(move |_| {
        if listing.read().pending {
            crate::loader::load_search(site);
        }
    });

    let root = NodeRef::<Main>::new();
    let input_ref = NodeRef::<Input>::new();
    let list_ref = NodeRef::<Ul>::new();
    if let Some(origin) = params.origin.clone() {
        report_height(root, origin.clone());
        accept_config(origin, theme);
    }

    let on_query = Callback::new(move |q: String| typed.set(clean_query(&q)));
    adopt_early_query(on_query);
    let on_library = Callback::new(move |name: &'static str| {
        lib.update(|l| *l = if *l == Some(name) { None } else { Some(name) })
    });
    let on_enter = Callback::new(move |()| {
        let first = listing.with_untracked(|l| l.entries.first().and_then(|e| e.target.category()));
        if let (Some(category), Some(window)) = (first, crate::browser::window()) {
            let _ = window.open_with_url_and_target_and_features(
                &href(&routes::category(&category.slug)),
                "_blank",
                "noopener,noreferrer",
            );
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
    let on_leave_top = Callback::new(move |()| {
        if let Some(input) = input_ref.get() {
            let _ = input.focus();
        }
    });

    view! {
        <Title text=format!("{} (embedded)", site.site().title) />
        <Meta name="robots" content="noindex" />
        <main
            class="embed"
            class:embed-list=params.layout == Layout::List
            aria-label=site.site().title.as_str()
            node_ref=root
        >
            <div class="embed-inner">
                {params.search.then(|| view! { <SearchBox query=typed on_query on_enter on_down input_ref /> })}
                <p class="status embed-status" role="status">{status}</p>
                <CardGrid listing all=shown lib=lib on_library on_leave_top list_ref new_tab=true />
                <p class="embed-credit">
                    <a href=href(&routes::home("")) target="_blank" rel="noopener noreferrer">
                        {site.site().title.as_str()}
                    </a>
                    " — explore every field where Python is used."
                </p>
            </div>
        </main>
    }
}

/// A resize observer and the callback it calls, kept alive together.
type Watcher = (web_sys::ResizeObserver, Closure<dyn FnMut()>);

/// Posts [`Message::Resize`] to the embedding page, only to `origin`,
/// whenever the content's height changes.
fn report_height(root: NodeRef<Main>, origin: String) {
    // The observer and its callback live as long as the view.
    let kept: StoredValue<Option<Watcher>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(element) = root.get() else { return };
        let Some(parent) = crate::browser::window().and_then(|w| w.parent().ok().flatten()) else {
            return;
        };
        let origin = origin.clone();
        let observed = element.clone();
        let last = Rc::new(RefCell::new(0_i32));
        let post = Closure::<dyn FnMut()>::new(move || {
            let height = observed.get_bounding_client_rect().height().ceil() as i32;
            if *last.borrow() == height {
                return;
            }
            *last.borrow_mut() = height;
            let message = Message::Resize {
                height: f64::from(height),
            };
            let _ = parent.post_message(&message.to_js(), &origin);
        });
        let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&element);
        kept.set_value(Some((observer, post)));
    });
    on_cleanup(move || {
        kept.try_with_value(|kept| {
            if let Some((observer, _)) = kept {
                observer.disconnect();
            }
        });
    });
}

/// Applies [`Message::Config`] messages sent by the embedding page itself:
/// the parent window, from `origin`. Every other message is ignored.
fn accept_config(origin: String, theme: RwSignal<EmbedTheme>) {
    let kept = StoredValue::new_local(None::<EventListener>);
    Effect::new(move |_| {
        let Some(window) = crate::browser::window() else {
            return;
        };
        let parent = window.parent().ok().flatten();
        let origin = origin.clone();
        let from_parent = move |source: &js_sys::Object| {
            parent
                .as_ref()
                .is_some_and(|parent| js_sys::Object::is(source, parent))
        };
        let listener = message::listen(&window, origin, from_parent, move |message| {
            if let Message::Config { theme: next } = message {
                theme.set(next);
            }
        });
        kept.set_value(Some(listener));
    });
}
