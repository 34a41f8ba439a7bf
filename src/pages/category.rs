//! A category's own page: `/category/<slug>`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::icon::SvgIcon;
use crate::components::load_failed::LoadFailed;
use crate::content::{Category, Icon, Page, SiteData, icons};
use crate::pages::not_found::NotFound;
use crate::routes::{self, href};
use crate::scroll::ScrollMemory;

mod groups;

use groups::LibraryGroups;
pub use groups::Sources;

/// The page for the slug in the URL, or the not-found view for an unknown slug.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let data = SiteData::get().data;
    let found = move || params.with(|p| p.get("slug").and_then(|slug| data.category(&slug)));
    move || match found() {
        Some(category) => Either::Left(view! { <CategoryView category /> }),
        None => Either::Right(view! { <NotFound /> }),
    }
}

/// Everything about one category.
#[component]
fn CategoryView(
    /// The category shown.
    category: &'static Category,
) -> impl IntoView {
    let back_href = ScrollMemory::get()
        .and_then(ScrollMemory::home_url)
        .map_or_else(|| href(&routes::home("")), |q| href(&routes::home(&q)));
    let heading = crate::pages::focused_heading();
    let data = SiteData::get().data;

    let position = data
        .categories()
        .iter()
        .position(|c| c.slug == category.slug)
        .unwrap_or(0);
    let previous = position
        .checked_sub(1)
        .and_then(|i| data.categories().get(i));
    let next = data.categories().get(position + 1);

    view! {
        <Title text=format!("{} · {}", category.title, data.site().title) />
        <Meta name="description" content=category.summary.as_str() />
        <article class="wrap category-page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href=back_href class="back-link">
                    <SvgIcon icon=icons::ARROW_LEFT />
                    "All fields"
                </a>
            </nav>
            <header class="category-header" data-tone=category.tags.first().map(String::as_str)>
                <SvgIcon icon=Icon(&category.icon) class="category-icon" />
                <div>
                    <h1 node_ref=heading tabindex="-1">{category.title.as_str()}</h1>
                    <p class="lead">{category.summary.as_str()}</p>
                </div>
            </header>
            <ul class="chip-row category-tags" aria-label="Tags">
                {category
                    .tags
                    .iter()
                    .filter_map(|id| data.tag(id))
                    .map(|tag| {
                        view! {
                            <li>
                                <a href=href(&routes::home(&format!("?tag={}", tag.id))) class="chip chip-tag">
                                    {tag.label.as_str()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!category.aliases.is_empty())
                .then(|| {
                    view! {
                        <p class="aliases">
                            <span class="aliases-label">"Also known as: "</span>
                            {category.aliases.join(" · ")}
                        </p>
                    }
                })}
            <FieldBody category />

            {(!category.related.is_empty())
                .then(|| {
                    view! {
                        <section class="related" aria-labelledby="related-title">
                            <h2 id="related-title">"Related fields"</h2>
                            <ul class="related-list">
                                {data
                                    .related_categories(category)
                                    .map(|related| view! { <li><MiniCard category=related /></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}

            <nav class="pager" aria-label="Other fields">
                {previous.map(|c| view! { <a href=href(&routes::category(&c.slug)) class="pager-link pager-prev"><span class="pager-label">"Previous"</span>{c.title.as_str()}</a> })}
                {next.map(|c| view! { <a href=href(&routes::category(&c.slug)) class="pager-link pager-next"><span class="pager-label">"Next"</span>{c.title.as_str()}</a> })}
            </nav>
        </article>
    }
}

/// The page's body and its libraries, from its data file: shown at once when it is loaded
/// (always, when the page was loaded cold or prerendered), otherwise fetched, with a
/// message and a way to try again if that fails.
#[component]
fn FieldBody(
    /// The category shown.
    category: &'static Category,
) -> impl IntoView {
    let slug = category.slug.as_str();
    let data = SiteData::get().data;
    if let Some(page) = data.body(slug) {
        return Either::Left(view! { <PageBody page /> <Libraries category page /> });
    }
    let state = RwSignal::new(BodyState::Loading);
    let load = move || {
        state.set(BodyState::Loading);
        leptos::task::spawn_local(async move {
            state.set(match crate::loader::field_body(data, slug).await {
                Ok(page) => BodyState::Loaded(page),
                Err(error) => BodyState::Failed(error.to_string()),
            });
            // The body lands above the library list: a link to `#libraries` is kept in
            // view once the page below it has moved.
            request_animation_frame(crate::browser::scroll_to_fragment);
        });
    };
    load();
    Either::Right(move || match state.get() {
        BodyState::Loaded(page) => {
            view! { <PageBody page /> <Libraries category page /> }.into_any()
        }
        BodyState::Loading => view! {
            <p class="category-body body-status" role="status">"Loading this page…"</p>
            <LibraryList category />
        }
        .into_any(),
        BodyState::Failed(why) => view! {
            <LoadFailed
                message=format!("This page’s text did not load: {why}.")
                class="category-body"
                retry=Callback::new(move |()| load())
            />
            <LibraryList category />
        }
        .into_any(),
    })
}

/// A loaded field page: the body with its example, "start here" and the users.
#[component]
fn PageBody(
    /// The page.
    page: &'static Page,
) -> impl IntoView {
    view! {
        <div class="prose category-body" inner_html=page.html.as_str() on:click=copy_code></div>
        {(!page.start.is_empty())
            .then(|| {
                view! {
                    <section class="start-here" aria-labelledby="start-title">
                        <h2 id="start-title">"Start here"</h2>
                        <ol class="steps">
                            {page
                                .start
                                .iter()
                                .map(|step| {
                                    view! {
                                        <li>
                                            <a href=step.url.as_str() target="_blank" rel="noopener noreferrer">
                                                {step.text.as_str()}
                                                <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                                <span class="visually-hidden">" (opens in a new tab)"</span>
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    </section>
                }
            })}
        {(!page.users.is_empty())
            .then(|| {
                view! {
                    <section class="users" aria-labelledby="users-title">
                        <h2 id="users-title">"Who uses Python for this"</h2>
                        <ul class="user-list">
                            {page
                                .users
                                .iter()
                                .map(|user| {
                                    view! {
                                        <li>
                                            <strong>{user.name.as_str()}</strong>
                                            " "
                                            {user.what.as_str()}
                                            " "
                                            <a href=user.url.as_str() target="_blank" rel="noopener noreferrer">
                                                "Source"
                                                <span class="visually-hidden">{format!(" for {} (opens in a new tab)", user.name)}</span>
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

/// The field's libraries once its page is in: by group, with their figures, when the
/// content groups them; otherwise as a list.
#[component]
fn Libraries(
    /// The category whose libraries are shown.
    category: &'static Category,
    /// Its loaded page.
    page: &'static Page,
) -> impl IntoView {
    if page.groups.is_empty() {
        Either::Right(view! { <LibraryList category /> })
    } else {
        Either::Left(view! { <LibraryGroups category page /> })
    }
}

/// The field's libraries: each name links to its page; the one-line description and the
/// official site come with the field page's data file, so a page whose body could not be
/// loaded still lists them by name.
#[component]
fn LibraryList(
    /// The category whose libraries are listed.
    category: &'static Category,
) -> impl IntoView {
    let data = SiteData::get().data;
    view! {
        <section class="libraries" id="libraries" aria-labelledby="libraries-title">
            <h2 id="libraries-title">"Libraries and tools"</h2>
            <ul class="library-list">
                {data
                    .library_entries(category)
                    .map(|library| {
                        let details = data.library_details(&library.id);
                        view! {
                            <li class="library">
                                <a href=href(&routes::library(&library.id)) class="library-name">
                                    {library.name.as_str()}
                                </a>
                                {details.map(|details| view! {
                                    <p>{details.about.as_str()}</p>
                                    <a class="library-site" href=details.url.as_str() target="_blank" rel="noopener noreferrer">
                                        "Official site"
                                        <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                        <span class="visually-hidden">{format!(" of {} (opens in a new tab)", library.name)}</span>
                                    </a>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Copies an example's plain code when its copy button (written by the content pipeline
/// into the body's HTML) is pressed.
fn copy_code(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(button) = target.closest("[data-copy-code]").ok().flatten() else {
        return;
    };
    let code = button
        .closest("figure")
        .ok()
        .flatten()
        .and_then(|figure| figure.query_selector("code").ok().flatten())
        .and_then(|code| code.text_content());
    if let Some(code) = code {
        crate::components::copy::copy_text(&code, &button);
    }
}

/// Where a field body that was not loaded yet stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BodyState {
    Loading,
    Loaded(&'static Page),
    Failed(String),
}

/// A compact link to a category: icon, title and summary.
#[component]
pub fn MiniCard(
    /// The category linked to.
    category: &'static Category,
) -> impl IntoView {
    view! {
        <a href=href(&routes::category(&category.slug)) class="mini-card">
            <SvgIcon icon=Icon(&category.icon) class="mini-icon" />
            <span class="mini-title">{category.title.as_str()}</span>
            <span class="mini-summary">{category.summary.as_str()}</span>
        </a>
    }
}
