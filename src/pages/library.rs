//! A library's own page: `/library/<id>`.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::components::copy::CopyButton;
use crate::components::icon::SvgIcon;
use crate::components::load_failed::LoadFailed;
use crate::content::{Install, Library, LibraryDetails, SiteData, icons};
use crate::pages::category::MiniCard;
use crate::pages::not_found::NotFound;
use crate::routes::{self, href};

mod pulse;

use pulse::{Alternatives, PulseFacts};

/// The page for the id in the URL, or the not-found view for an unknown id.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let params = use_params_map();
    let data = SiteData::get().data;
    let found = move || params.with(|p| p.get("id").and_then(|id| data.library(&id)));
    move || match found() {
        Some(library) => Either::Left(view! { <WithDetails library /> }),
        None => Either::Right(view! { <NotFound /> }),
    }
}

/// The one-line description a library's page gives in its meta tags.
pub fn description(library: &Library, details: &LibraryDetails) -> String {
    format!("{}: {}", library.name, details.about)
}

/// The page, once the pages of the fields that list the library are in (they bring its
/// details, and their groups its alternatives): at once when they are (always, when the
/// page was loaded cold or prerendered), otherwise when they arrive, with a message and a
/// way to try again if one does not.
#[component]
fn WithDetails(
    /// The library shown.
    library: &'static Library,
) -> impl IntoView {
    let data = SiteData::get().data;
    let loaded = move || {
        data.fields_using(&library.id)
            .all(|field| data.body(&field.slug).is_some())
            .then(|| data.library_details(&library.id))
            .flatten()
    };
    if let Some(details) = loaded() {
        return Either::Left(view! { <LibraryView library details /> });
    }
    // `None` while loading, then whether every field page came (or why one did not).
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let load = move || {
        outcome.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::loader::library_fields(data, &library.id).await;
            outcome.set(Some(result.map_err(|error| error.to_string())));
        });
    };
    load();
    Either::Right(move || {
        let why = match outcome.get() {
            None => None,
            Some(Ok(())) => Some("no field page lists it".to_owned()),
            Some(Err(why)) => Some(why),
        };
        match (loaded(), why) {
            (Some(details), _) => view! { <LibraryView library details /> }.into_any(),
            (None, None) => view! {
                <article class="wrap library-page">
                    <h1>{library.name.as_str()}</h1>
                    <p class="body-status" role="status">"Loading this library’s page…"</p>
                </article>
            }
            .into_any(),
            (None, Some(why)) => view! {
                <article class="wrap library-page">
                    <h1>{library.name.as_str()}</h1>
                    <LoadFailed
                        message=format!("This library’s page did not load: {why}.")
                        retry=Callback::new(move |()| load())
                    />
                </article>
            }
            .into_any(),
        }
    })
}

/// Everything about one library.
#[component]
fn LibraryView(
    /// The library shown.
    library: &'static Library,
    /// What its page shows beyond its name.
    details: &'static LibraryDetails,
) -> impl IntoView {
    let heading = crate::pages::focused_heading();
    let data = SiteData::get().data;
    let fields: Vec<_> = data.fields_using(&library.id).collect();
    let install = match &library.install {
        Install::Pypi(project) => {
            let command: &'static str = Box::leak(
                library
                    .install
                    .command()
                    .unwrap_or_else(|| project.clone())
                    .into_boxed_str(),
            );
            view! {
                <div class="install-command">
                    <code>{command}</code>
                    <CopyButton text=command label="Copy the install command" />
                </div>
                <p class="install-note">
                    "From the Python Package Index: "
                    <a href=format!("https://pypi.org/project/{project}/") target="_blank" rel="noopener noreferrer">
                        {project.as_str()}
                        <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                        <span class="visually-hidden">" on PyPI (opens in a new tab)"</span>
                    </a>
                </p>
            }
            .into_any()
        }
        Install::Stdlib => view! {
            <p class="install-note install-stdlib">"Included with Python: part of the standard library, nothing to install."</p>
        }
        .into_any(),
        Install::Other(how) => view! { <p class="install-note">{how.as_str()}</p> }.into_any(),
    };
    let links = [
        Some(("Official site", details.url.as_str())),
        details.docs.as_deref().map(|url| ("Documentation", url)),
        details.source.as_deref().map(|url| ("Source code", url)),
    ];

    view! {
        <Title text=format!("{} · {}", library.name, data.site().title) />
        <Meta name="description" content=description(library, details) />
        <article class="wrap library-page">
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href=href(&routes::home("")) class="back-link">
                    <SvgIcon icon=icons::ARROW_LEFT />
                    "All fields"
                </a>
            </nav>
            <header class="library-header">
                <p class="eyebrow">"Python library"</p>
                <h1 node_ref=heading tabindex="-1">{library.name.as_str()}</h1>
                <p class="lead">{details.about.as_str()}</p>
                {(!details.aliases.is_empty())
                    .then(|| {
                        view! {
                            <p class="aliases">
                                <span class="aliases-label">"Also written: "</span>
                                {details.aliases.join(" · ")}
                            </p>
                        }
                    })}
            </header>

            <PulseFacts details />

            <section class="install" aria-labelledby="install-title">
                <h2 id="install-title">"Install"</h2>
                {install}
            </section>

            <Alternatives library />

            <section class="related" aria-labelledby="fields-title">
                <h2 id="fields-title">{format!("Used in {}", if fields.len() == 1 { "1 field".to_owned() } else { format!("{} fields", fields.len()) })}</h2>
                <ul class="related-list">
                    {fields
                        .into_iter()
                        .map(|field| view! { <li><MiniCard category=field /></li> })
                        .collect_view()}
                </ul>
            </section>

            <section class="library-links" aria-labelledby="links-title">
                <h2 id="links-title">"Links"</h2>
                <ul class="link-list">
                    {links
                        .into_iter()
                        .flatten()
                        .map(|(label, url)| {
                            view! {
                                <li>
                                    <a href=url target="_blank" rel="noopener noreferrer">
                                        {label}
                                        <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                        <span class="visually-hidden">" (opens in a new tab)"</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        </article>
    }
}
