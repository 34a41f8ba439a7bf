//! A comparison table of libraries that do the same job: name, what it does, monthly
//! downloads, latest release and status, sortable by its column headers.
//!
//! The table is static markup: each row carries its sort keys as data attributes, and a
//! press on a header reorders the rows in place ([`dom`]), in the order [`rows`] decides.
//! Prerendered, the table reads in the content's order; the app makes the headers sort it.
//! (Keyed reactive rows cost the wasm about 35 KB gzip for the same behaviour.)

mod dom;
mod rows;

use leptos::prelude::*;

pub use rows::{Column, Row, Sort, sorted};

use crate::components::icon::SvgIcon;
use crate::content::icons;
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
    let header = |column: Column| {
        view! {
            <th scope="col" aria-sort="none" class=column.class()>
                <button type="button" class="sort-button" data-sort=column.key()>
                    {column.label()}
                    <span class="sort-mark" aria-hidden="true"></span>
                </button>
            </th>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="comparison" on:click=dom::sort_on_press>
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
                    {rows
                        .into_iter()
                        .enumerate()
                        .map(|(order, row)| {
                            let (downloads, released) = (row.downloads_key(), row.released_key());
                            view! {
                                <tr
                                    class="library"
                                    aria-current=(current == Some(row.id)).then_some("page")
                                    data-order=order
                                    data-name=row.name.to_ascii_lowercase()
                                    data-downloads=downloads
                                    data-released=released
                                >
                                    <th scope="row" class="col-name">
                                        <a href=href(&routes::library(row.id))>{row.name}</a>
                                        " "
                                        <a class="library-site" href=row.url target="_blank" rel="noopener noreferrer">
                                            <SvgIcon icon=icons::EXTERNAL class="external-mark" />
                                            <span class="visually-hidden">{format!("Official site of {} (opens in a new tab)", row.name)}</span>
                                        </a>
                                    </th>
                                    <td class="col-about">{row.about}</td>
                                    <td class="col-downloads num" title=row.downloads_title>{row.downloads_text}</td>
                                    <td class="col-released">{row.released_text}</td>
                                    <td class="col-status"><span class="status-chip" data-status=row.status_key>{row.status_text}</span></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
