//! What a library's page says of its upkeep and use: its figures with their sources, its
//! status line, and its alternatives, the other members of its groups, with theirs.

use leptos::prelude::*;
use pyuses_content::figures::{self, Status};

use crate::components::comparison::{ComparisonTable, Row};
use crate::content::{Library, LibraryDetails, SiteData};
use crate::pages::category::Sources;
use crate::routes::{self, href};

/// The library's figures, each named with its source, and its status line.
#[component]
pub fn PulseFacts(
    /// Its details, with its figures.
    details: &'static LibraryDetails,
) -> impl IntoView {
    let site = SiteData::get().data.site();
    let status = Status::of(details, figures::as_of(site));
    // (label, value, source): one row type for every fact keeps the view small.
    let facts: Vec<(&'static str, String, Option<String>)> = details
        .pulse
        .as_ref()
        .map(|p| {
            // A project the releases' source lists without a version says so, with the
            // source, rather than guess one.
            let version = p
                .version
                .clone()
                .unwrap_or_else(|| "Not given by this source".to_owned());
            let release = match p.released {
                Some(month) => format!("{version}, released {month}"),
                None => version,
            };
            let source = |i: usize| figures::source_line(site, i).map(|s| format!("({s})"));
            let mut facts = vec![
                ("Latest version", release, source(0)),
                (
                    "Downloads in 30 days",
                    figures::downloads(p.downloads),
                    source(1),
                ),
            ];
            facts.extend(p.license.clone().map(|l| ("Licence", l, None)));
            facts.extend(p.python.clone().map(|v| ("Python", v, None)));
            facts
        })
        .unwrap_or_default();
    view! {
        {status.sentence().map(|sentence| view! {
            <p class="status-line" data-status=status.key() role="note">{sentence}</p>
        })}
        {(!facts.is_empty()).then(|| view! {
            <section class="pulse" aria-labelledby="pulse-title">
                <h2 id="pulse-title">"At a glance"</h2>
                <dl class="facts">
                    {facts
                        .into_iter()
                        .map(|(label, value, source)| view! {
                            <div>
                                <dt>{label}</dt>
                                <dd>{value}<span class="fact-source">{source}</span></dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
            </section>
        })}
    }
}

/// The library's alternatives: for each group it is in, the group's table with it marked.
#[component]
pub fn Alternatives(
    /// The library.
    library: &'static Library,
) -> impl IntoView {
    let data = SiteData::get().data;
    let tables: Vec<_> = data
        .fields_using(&library.id)
        .filter_map(|field| Some((field, data.body(&field.slug)?)))
        .flat_map(|(field, page)| {
            page.groups
                .iter()
                .filter(|g| g.libraries.len() > 1 && g.libraries.contains(&library.id))
                .map(move |g| (field, g))
        })
        .map(|(field, group)| {
            let rows = Row::of_group(data, &group.libraries);
            (field, group, rows)
        })
        .collect();
    (!tables.is_empty()).then(|| {
        view! {
            <section class="alternatives" aria-labelledby="alternatives-title">
                <h2 id="alternatives-title">"Alternatives"</h2>
                <p class="section-note">"Libraries that do the same job, as each field that lists it groups them."</p>
                {tables
                    .into_iter()
                    .map(|(field, group, rows)| {
                        let caption = format!("{} in {}", group.name, field.title);
                        view! {
                            <ComparisonTable rows caption current=library.id.as_str() />
                            <p class="table-link"><a href=href(&routes::category(&field.slug))>{format!("All of {}’s libraries", field.title)}</a></p>
                        }
                    })
                    .collect_view()}
                <Sources />
            </section>
        }
    })
}
