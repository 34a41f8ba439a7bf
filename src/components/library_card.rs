//! A library named by the query: listed before the fields, with the fields it is used in.

use leptos::prelude::*;

use crate::catalog::LibraryEntry;
use crate::components::highlight::Highlight;
use crate::components::icon::SvgIcon;
use crate::content::{Install, SiteData, icons};
use crate::routes::{self, href};

/// One library result.
#[component]
pub fn LibraryCard(
    /// The library and where the query matched its name.
    entry: LibraryEntry,
    /// Open links in a new tab (in the embed view) rather than inside the app.
    #[prop(optional)]
    new_tab: bool,
) -> impl IntoView {
    let library = entry.library;
    let marks = entry.hit.title.clone();
    let link = href(&routes::library(&library.id));
    let title = view! {
        <a
            href=link
            class="card-link"
            target=new_tab.then_some("_blank")
            rel=new_tab.then_some("noopener noreferrer")
        >
            <Highlight text=library.name.as_str() marks=marks />
        </a>
    };
    let install = match &library.install {
        Install::Pypi(_) => library.install.command().unwrap_or_default(),
        Install::Stdlib => "Included with Python".to_owned(),
        Install::Other(how) => how.clone(),
    };
    let data = SiteData::get().data;
    let fields: Vec<_> = data.fields_using(&library.id).collect();
    view! {
        <li class="card card-library" data-library=library.id.as_str()>
            <SvgIcon icon=icons::CODE class="card-icon" />
            <p class="card-kind">"Library"</p>
            <h3 class="card-title">{title}</h3>
            {data.library_about(&library.id)
                .map(|about| view! { <p class="card-summary">{about}</p> })}
            <p class="card-install"><code>{install}</code></p>
            <p class="card-fields">
                <span class="card-fields-label">"Used in: "</span>
                {fields
                    .into_iter()
                    .enumerate()
                    .map(|(i, field)| {
                        let link = href(&routes::category(&field.slug));
                        view! {
                            {(i > 0).then_some(", ")}
                            <a href=link class="field-link">{field.title.as_str()}</a>
                        }
                    })
                    .collect_view()}
            </p>
        </li>
    }
}
