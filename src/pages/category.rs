//! A category's own page: `/category/<slug>`.

use leptos::either::Either;
use leptos::html::H1;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::icon::SvgIcon;
use crate::content::{self, CATEGORIES, Category, SITE, icons};
use crate::pages::not_found::NotFound;
use crate::routes::{self, href};
use crate::scroll::ScrollMemory;

/// The page for the slug in the URL, or the not-found view for an unknown slug.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let found = move || params.with(|p| p.get("slug").and_then(|slug| content::category(&slug)));
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
    let heading = NodeRef::<H1>::new();
    // Moving focus to the new page's heading tells keyboard and screen reader users that
    // the page changed; on the first page load the browser's own focus is left alone.
    Effect::new(move |_| {
        if crate::navigated_in_app()
            && let Some(h1) = heading.get()
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h1.focus_with_options(&options);
        }
    });

    let position = CATEGORIES
        .iter()
        .position(|c| c.slug == category.slug)
        .unwrap_or(0);
    let previous = position.checked_sub(1).and_then(|i| CATEGORIES.get(i));
    let next = CATEGORIES.get(position + 1);

    view! {
        <Title text=format!("{} · {}", category.title, SITE.title) />
        <Meta name="description" content=category.summary />
        <article class="wrap category-page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <A href=back_href attr:class="back-link">
                    <SvgIcon icon=icons::ARROW_LEFT />
                    "All fields"
                </A>
            </nav>
            <header class="category-header" data-tone=category.tags.first().copied()>
                <SvgIcon icon=category.icon class="category-icon" />
                <div>
                    <h1 node_ref=heading tabindex="-1">{category.title}</h1>
                    <p class="lead">{category.summary}</p>
                </div>
            </header>
            <ul class="chip-row category-tags" aria-label="Tags">
                {category
                    .tags
                    .iter()
                    .filter_map(|id| content::tag(id))
                    .map(|tag| {
                        view! {
                            <li>
                                <A href=href(&routes::home(&format!("?tag={}", tag.id))) attr:class="chip chip-tag">
                                    {tag.label}
                                </A>
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
            <div class="prose category-body" inner_html=category.body_html></div>

            <section class="libraries" aria-labelledby="libraries-title">
                <h2 id="libraries-title">"Libraries and tools"</h2>
                <ul class="library-list">
                    {category
                        .libraries
                        .iter()
                        .map(|library| {
                            view! {
                                <li class="library">
                                    <a href=library.url target="_blank" rel="noopener noreferrer">
                                        {library.name}
                                        <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                        <span class="visually-hidden">" (official site, opens in a new tab)"</span>
                                    </a>
                                    <p>{library.about}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>

            {(!category.related.is_empty())
                .then(|| {
                    view! {
                        <section class="related" aria-labelledby="related-title">
                            <h2 id="related-title">"Related fields"</h2>
                            <ul class="related-list">
                                {category
                                    .related_categories()
                                    .map(|related| view! { <li><MiniCard category=related /></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}

            <nav class="pager" aria-label="Other fields">
                {previous.map(|c| view! { <A href=href(&routes::category(c.slug)) attr:class="pager-link pager-prev"><span class="pager-label">"Previous"</span>{c.title}</A> })}
                {next.map(|c| view! { <A href=href(&routes::category(c.slug)) attr:class="pager-link pager-next"><span class="pager-label">"Next"</span>{c.title}</A> })}
            </nav>
        </article>
    }
}

/// A compact link to a category: icon, title and summary.
#[component]
pub fn MiniCard(
    /// The category linked to.
    category: &'static Category,
) -> impl IntoView {
    view! {
        <A href=href(&routes::category(category.slug)) attr:class="mini-card">
            <SvgIcon icon=category.icon class="mini-icon" />
            <span class="mini-title">{category.title}</span>
            <span class="mini-summary">{category.summary}</span>
        </A>
    }
}
