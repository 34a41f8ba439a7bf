//! A comparison table of libraries that do the same job: name, what it does, monthly
//! downloads, latest release and status, sortable by its column headers.
//!
//! The rows are plain [`Row`]s sorted by [`Rows`]: the component only wires the chosen
//! column to the view. Prerendered, the table reads in the content's order; the app makes
//! the headers sort it.

mod rows;

use leptos::prelude::*;

pub use rows::{Column, Row, Rows, Sort};

use crate::content::SiteData;
use crate::routes::{self, href};

/// One sortable comparison table.
#[component]
pub fn ComparisonTable(
    /// The rows, in the content's order.
    rows: Vec<Row>,
    /// The table's caption: what the libraries have in common.
    caption: String,
    /// The id of the library whose page shows the table, marked as the current row.
    #[prop(optional)]
    current: Option<&'static str>,
) -> impl IntoView {
    let rows = Rows::new(rows);
    let sort = RwSignal::new(Sort::default());
    let sorted = move || rows.sorted(sort.get());
    let as_of = SiteData::get()
        .data
        .site()
        .sources
        .first()
        .map(|s| s.date.clone());
    let header = move |column: Column| {
        let label = column.label();
        view! {
            <th scope="col" aria-sort=move || sort.get().aria(column) class=column.class()>
                <button type="button" class="sort-button" on:click=move |_| sort.update(|s| *s = s.toggled(column))>
                    {label}
                    <span class="sort-mark" aria-hidden="true">{move || sort.get().mark(column)}</span>
                </button>
            </th>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="comparison">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {header(Column::Name)}
                        <th scope="col" class="col-about">"What it does"</th>
                        {header(Column::Downloads)}
                        {header(Column::Released)}
                        <th scope="col" class="col-status">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=sorted key=|row| row.id let:row>
                        <tr aria-current=(current == Some(row.id)).then_some("page")>
                            <th scope="row" class="col-name">
                                <a href=href(&routes::library(row.id))>{row.name}</a>
                            </th>
                            <td class="col-about">{row.about}</td>
                            <td class="col-downloads num" title=row.downloads_title.clone()>{row.downloads_text.clone()}</td>
                            <td class="col-released" title=as_of.clone().map(|d| format!("As of {d}"))>{row.released_text.clone()}</td>
                            <td class="col-status"><span class="status-chip" data-status=row.status_key>{row.status_text.clone()}</span></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
