//! Sorting a comparison table in place: the pressed header's column, its `aria-sort` and
//! arrow, and the rows moved into the new order. Plain DOM calls over web-sys.

use wasm_bindgen::JsCast;

use super::rows::{Column, Key, Sort, sorted};

/// Handles a press inside a table: a press on a sort button sorts by its column.
pub fn sort_on_press(ev: leptos::ev::MouseEvent) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(button) = target.closest("[data-sort]").ok().flatten() else {
        return;
    };
    let Some(column) = button
        .get_attribute("data-sort")
        .and_then(|k| Column::from_key(&k))
    else {
        return;
    };
    let Some(table) = button.closest("table").ok().flatten() else {
        return;
    };
    let now = current_sort(&table);
    apply(&table, now.toggled(column));
}

/// The table's sort, read back from its headers' `aria-sort`.
fn current_sort(table: &web_sys::Element) -> Sort {
    for column in Column::ALL {
        let Some(header) = header(table, column) else {
            continue;
        };
        if let Some(aria @ ("ascending" | "descending")) =
            header.get_attribute("aria-sort").as_deref()
        {
            return Sort::from_aria(column, aria);
        }
    }
    Sort::default()
}

fn header(table: &web_sys::Element, column: Column) -> Option<web_sys::Element> {
    table
        .query_selector(&format!("button[data-sort=\"{}\"]", column.key()))
        .ok()
        .flatten()?
        .closest("th")
        .ok()
        .flatten()
}

/// Shows `sort`: each header's `aria-sort` and arrow, and the rows in its order.
fn apply(table: &web_sys::Element, sort: Sort) {
    for column in Column::ALL {
        if let Some(header) = header(table, column) {
            let _ = header.set_attribute("aria-sort", sort.aria(column));
            if let Ok(Some(mark)) = header.query_selector(".sort-mark") {
                mark.set_text_content(Some(sort.mark(column)));
            }
        }
    }
    let Ok(Some(body)) = table.query_selector("tbody") else {
        return;
    };
    let rows = body.children();
    let mut keyed = Vec::new();
    for i in 0..rows.length() {
        if let Some(row) = rows.item(i) {
            let number = |name: &str| {
                row.get_attribute(name)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
            };
            let key = Key {
                order: number("data-order"),
                name: row.get_attribute("data-name").unwrap_or_default(),
                downloads: number("data-downloads"),
                released: number("data-released"),
            };
            keyed.push((key, row));
        }
    }
    let keys: Vec<&Key> = keyed.iter().map(|(k, _)| k).collect();
    for at in sorted(&keys, sort) {
        // Appending a row that is already in the body moves it to the end.
        let _ = body.append_child(&keyed[at].1);
    }
}
