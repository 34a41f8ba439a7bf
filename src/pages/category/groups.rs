//! A field page's libraries once its data file is in: one comparison table per group of
//! alternatives, and the downloads chart with its source and the same figures as a table.

use leptos::prelude::*;

use crate::components::comparison::{ComparisonTable, Row};
use crate::components::icon::SvgIcon;
use crate::content::{Category, Page, SiteData, icons};
use pyuses_content::figures;

/// Every group of the field, each as a comparison table, then the chart.
#[component]
pub fn LibraryGroups(
    /// The field.
    category: &'static Category,
    /// Its loaded page, with the groups and the chart.
    page: &'static Page,
) -> impl IntoView {
    let data = SiteData::get().data;
    let as_of = figures::as_of(data.site());
    let rows = move |ids: &'static [String]| -> Vec<Row> {
        ids.iter()
            .filter_map(|id| {
                Some(Row::new(
                    data.library(id)?,
                    data.library_details(id)?,
                    as_of,
                ))
            })
            .collect()
    };
    view! {
        <section class="libraries" id="libraries" aria-labelledby="libraries-title">
            <h2 id="libraries-title">"Libraries and tools"</h2>
            <p class="section-note">
                {format!("{} libraries in {} groups of alternatives. Press a column’s heading to sort its table.", category.libraries.len(), page.groups.len())}
            </p>
            {page
                .groups
                .iter()
                .map(|group| {
                    view! {
                        <ComparisonTable rows=rows(&group.libraries) caption=group.name.clone() />
                    }
                })
                .collect_view()}
            <Sources />
        </section>
        {(!page.chart.is_empty()).then(|| view! { <DownloadsChart category page /> })}
    }
}

/// Where the tables' figures come from, with their dates.
#[component]
pub fn Sources() -> impl IntoView {
    let site = SiteData::get().data.site();
    (!site.sources.is_empty()).then(|| {
        view! {
            <p class="figure-sources">
                "Sources: "
                {site
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(i, source)| {
                        view! {
                            {(i > 0).then_some("; ")}
                            {format!("{}: ", source.what)}
                            <a href=source.url.as_str() target="_blank" rel="noopener noreferrer">
                                {source.name.as_str()}
                                <span class="visually-hidden">" (opens in a new tab)"</span>
                            </a>
                            {format!(", data of {}", source.date)}
                        }
                    })
                    .collect_view()}
                "."
            </p>
        }
    })
}

/// The field's downloads chart, drawn at build time, with its caption and its figures as
/// a table.
#[component]
fn DownloadsChart(
    /// The field.
    category: &'static Category,
    /// Its page, with the chart's SVG.
    page: &'static Page,
) -> impl IntoView {
    let data = SiteData::get().data;
    let source = data.site().sources.get(1);
    let mut bars: Vec<(&str, u64)> = data
        .library_entries(category)
        .filter_map(
            |library| match data.library_details(&library.id)?.pulse.as_ref()?.downloads {
                pyuses_content::Downloads::Count(n) => Some((library.name.as_str(), n)),
                pyuses_content::Downloads::FewerThan(_) => None,
            },
        )
        .collect();
    bars.sort_by_key(|b| std::cmp::Reverse(b.1));
    let log = page.chart.contains("data-scale=\"log\"");
    view! {
        <section class="chart-section" aria-labelledby="chart-heading">
            <h2 id="chart-heading">"Downloads compared"</h2>
            <figure class="chart">
                // The SVG is drawn at build time from the content's own figures; no visitor
                // input reaches it.
                <div class="chart-frame" inner_html=page.chart.as_str()></div>
                <figcaption>
                    {format!("Downloads from PyPI in 30 days, per library{}. ", if log { ", on a logarithmic scale (each line is ten times the one before)" } else { "" })}
                    {source.map(|s| view! {
                        "Source: "
                        <a href=s.url.as_str() target="_blank" rel="noopener noreferrer">
                            {s.name.as_str()}
                            <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                            <span class="visually-hidden">" (opens in a new tab)"</span>
                        </a>
                        {format!(", data of {}. Libraries outside its 15,000 most downloaded projects are left out.", s.date)}
                    })}
                </figcaption>
                <details class="chart-data">
                    <summary>"The chart’s figures as a table"</summary>
                    <table class="comparison">
                        <thead><tr><th scope="col">"Library"</th><th scope="col" class="num">"Downloads / 30 days"</th></tr></thead>
                        <tbody>
                            {bars
                                .into_iter()
                                .map(|(name, n)| view! { <tr><th scope="row">{name}</th><td class="num">{figures::grouped(n)}</td></tr> })
                                .collect_view()}
                        </tbody>
                    </table>
                </details>
            </figure>
        </section>
    }
}
