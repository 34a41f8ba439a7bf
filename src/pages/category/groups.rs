//! A field page's libraries once its data file is in: one comparison table per group of
//! alternatives, and the downloads chart with its source and the same figures as a table.

use leptos::prelude::*;

use crate::components::comparison::{ComparisonTable, Row};
use crate::content::{Category, Page, SiteData};

/// Every group of the field, each as a comparison table, then the chart.
#[component]
pub fn LibraryGroups(
    /// The field.
    category: &'static Category,
    /// Its loaded page, with the groups and the chart.
    page: &'static Page,
) -> impl IntoView {
    let data = SiteData::get().data;
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
                        <ComparisonTable rows=Row::of_group(data, &group.libraries) caption=group.name.clone() />
                    }
                })
                .collect_view()}
            <Sources />
        </section>
        {(!page.chart.is_empty()).then(|| view! { <DownloadsChart page /> })}
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

/// The field's downloads chart, drawn at build time with its figures as a table, and its
/// caption.
#[component]
fn DownloadsChart(
    /// Its page, with the chart.
    page: &'static Page,
) -> impl IntoView {
    let source = SiteData::get().data.site().sources.get(1);
    let scale = if page.chart.contains("data-scale=\"log\"") {
        ", on a logarithmic scale (each line is ten times the one before)"
    } else {
        ""
    };
    view! {
        <section class="chart-section" aria-labelledby="chart-heading">
            <h2 id="chart-heading">"Downloads compared"</h2>
            <figure class="chart">
                // Drawn at build time from the content's own figures; no visitor input
                // reaches it.
                <div class="chart-frame" inner_html=page.chart.as_str()></div>
                <figcaption>
                    {format!("Downloads from PyPI in 30 days, per library{scale}. ")}
                    {source.map(|s| view! {
                        "Source: "
                        <a href=s.url.as_str() target="_blank" rel="noopener noreferrer">
                            {s.name.as_str()}
                            <span class="visually-hidden">" (opens in a new tab)"</span>
                        </a>
                        {format!(", data of {}. Libraries outside its 15,000 most downloaded projects are left out.", s.date)}
                    })}
                </figcaption>
            </figure>
        </section>
    }
}
