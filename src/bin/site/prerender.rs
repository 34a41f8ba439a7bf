//! Prerendering: every route rendered to finished HTML at build time, with the same Leptos
//! components the browser hydrates (the `ssr` feature).
//!
//! Each page is Trunk's `index.html` with its `<body>` replaced by the rendered app, its
//! `<head>` given the route's title and meta description (through leptos_meta, after the
//! `<!--HEAD-->` marker it hydrates from), a canonical link and Open Graph tags, and a
//! `<meta name="pyuses-route">` naming the route, so the browser knows it may hydrate.
//!
//! Links are rendered under a placeholder base and then made relative to each page, so
//! the same `dist/` works under any base path.
//!
//! Every function here takes the site's data explicitly: the post-build step makes it from
//! the content and hands it down.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Once};

use anyhow::{Result, ensure};
use futures::StreamExt;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, doc_text, element, end_tag, text};
use pyuses::content::{Data, SiteData};
use pyuses::names::{
    CATEGORY_ROUTE, DATA_META, EMBED_ROUTE, HOME_ROUTE, INDEX_FILE, LIBRARY_ROUTE, NOT_FOUND_FILE,
    NOT_FOUND_ROUTE, PRELOAD_META, ROUTE_META,
};
use pyuses::routes::SiteBase;

use crate::html;
use crate::postbuild::DataFiles;

/// The base the app is rendered under; every occurrence becomes a relative path.
const PLACEHOLDER: &str = "/__pyuses_root__";

/// One page to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The route, from the site root: `/`, `/category/iot/`, `/embed/`.
    pub route: String,
    /// The file, relative to the site root.
    pub file: String,
    /// The way from the page's folder to the site root: `./`, `../../`.
    pub up: String,
}

/// Every page of the site with `data`, the 404 page last.
pub fn pages(data: &Data) -> Vec<Page> {
    let page = |route: String, file: String| {
        let depth = file.matches('/').count();
        let up = if depth == 0 {
            "./".to_owned()
        } else {
            "../".repeat(depth)
        };
        Page { route, file, up }
    };
    // A route's file is its folder's `index.html`.
    let in_folder = |route: String| {
        let file = format!("{}{INDEX_FILE}", route.trim_start_matches('/'));
        page(route, file)
    };
    let mut pages = vec![in_folder(HOME_ROUTE.to_owned())];
    pages.extend(
        data.categories()
            .iter()
            .map(|c| in_folder(pyuses::routes::category(&c.slug))),
    );
    pages.extend(
        data.libraries()
            .iter()
            .map(|l| in_folder(pyuses::routes::library(&l.id))),
    );
    pages.push(in_folder(EMBED_ROUTE.to_owned()));
    // Served at any missing address: it finds the root itself (see postbuild).
    pages.push(page(NOT_FOUND_ROUTE.into(), NOT_FOUND_FILE.into()));
    pages
}

/// The head tags for link previews and search engines, which the app never changes.
pub fn static_head(content: &Data, page: &Page, site_url: &str, data: &DataFiles) -> String {
    let site = || content.site();
    let field = page
        .route
        .strip_prefix(CATEGORY_ROUTE)
        .and_then(|s| content.category(s.trim_end_matches('/')));
    let library_page = page.route.strip_prefix(LIBRARY_ROUTE).and_then(|id| {
        let id = id.trim_end_matches('/');
        Some((content.library(id)?, content.library_details(id)?))
    });
    let (title, description) = match (field, library_page) {
        (Some(c), _) => (
            format!("{} · {}", c.title, site().title),
            c.summary.to_owned(),
        ),
        (None, Some((l, details))) => (
            format!("{} · {}", l.name, site().title),
            pyuses::pages::library::description(l, details),
        ),
        (None, None) => (site().title.to_owned(), site().description.to_owned()),
    };
    let url = format!("{site_url}{}", page.route.trim_start_matches('/'));
    let mut out = String::new();
    let unlisted = page.route == NOT_FOUND_ROUTE || page.route == EMBED_ROUTE;
    if !unlisted {
        out.push_str(&format!("<link rel=\"canonical\" href=\"{}\">", attr(&url)));
        out.push_str(&format!(
            "<meta property=\"og:url\" content=\"{}\">",
            attr(&url)
        ));
    }
    out.push_str("<meta property=\"og:type\" content=\"website\">");
    out.push_str(&format!(
        "<meta property=\"og:site_name\" content=\"{}\">",
        attr(&site().title)
    ));
    out.push_str(&format!(
        "<meta property=\"og:title\" content=\"{}\">",
        attr(&title)
    ));
    out.push_str(&format!(
        "<meta property=\"og:description\" content=\"{}\">",
        attr(&description)
    ));
    out.push_str(&format!(
        "<meta property=\"og:image\" content=\"{}icons/icon-512.png\">",
        attr(site_url)
    ));
    out.push_str("<meta name=\"twitter:card\" content=\"summary\">");
    out.push_str(&format!(
        "<meta name=\"{ROUTE_META}\" content=\"{}\">",
        attr(&page.route)
    ));
    if unlisted {
        out.push_str("<meta name=\"robots\" content=\"noindex\">");
    }
    // The data the app fetches before it starts: named, and preloaded once the page has
    // painted (see `startup`).
    out.push_str(&format!(
        "<meta name=\"{DATA_META}\" content=\"{}\">",
        attr(&data.home)
    ));
    let preload = |file: &str| {
        format!(
            "<meta name=\"{PRELOAD_META}\" content=\"{}{}\">",
            attr(&page.up),
            attr(file)
        )
    };
    out.push_str(&preload(&data.home));
    // A field page's body; for a library's page, the body of the first field that lists
    // it, which holds the library's details (see `loader`).
    let body_of =
        field.or_else(|| library_page.and_then(|(l, _)| content.fields_using(&l.id).next()));
    if let Some(position) = body_of.and_then(|c| content.category_position(&c.slug))
        && let Some(body) = data.bodies.get(position)
    {
        out.push_str(&preload(body));
    }
    out
}

/// Escapes a value for a double-quoted attribute.
fn attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Renders the app's `<body>` content for `route` with `site`, and a function that adds
/// the title and meta tags the route's components registered to the page.
pub fn render_app(site: &'static SiteData, route: &str) -> (String, impl FnOnce(String) -> String) {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        let _ = any_spawner::Executor::init_futures_executor();
    });
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let (body, meta) = owner.with(|| {
        provide_context(RequestUrl::new(&format!("{PLACEHOLDER}{route}")));
        provide_context(SiteBase(PLACEHOLDER.to_owned()));
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        (pyuses::App(pyuses::AppProps { site }).to_html(), output)
    });
    let inject = move |page: String| {
        let stream = Box::pin(futures::stream::once(async move { page }));
        let injected = futures::executor::block_on(async {
            meta.inject_meta_context(stream)
                .await
                .collect::<Vec<String>>()
                .await
        });
        drop(owner);
        injected.concat()
    };
    (body, inject)
}

/// Renders one page from Trunk's (already relocated) shell, with `site`.
pub fn render(
    site: &'static SiteData,
    shell: &str,
    page: &Page,
    site_url: &str,
    data: &DataFiles,
) -> Result<String> {
    let (body, inject) = render_app(site, &page.route);
    // A widget follows its own theme parameter, never the site's stored theme.
    let drop_script = if page.route == EMBED_ROUTE {
        inline_script_starting(shell, SITE_THEME_SCRIPT_START)?
    } else {
        None
    };
    let shell = html::with_head_tag(shell)?;
    let head = format!(
        "{}<!--HEAD-->",
        static_head(site.data, page, site_url, data)
    );
    let head_closed = Rc::new(Cell::new(false));
    let body_found = Cell::new(false);
    let mut inline_script = 0;
    let html = html::rewrite(
        &shell,
        RewriteStrSettings::new()
            // The app sets the title; the shell's would be a second one.
            .append_element_content_handler(element!("title", |title| {
                title.remove();
                Ok(())
            }))
            .append_element_content_handler(element!("script:not([src])", |script| {
                if drop_script == Some(inline_script) {
                    script.remove();
                }
                inline_script += 1;
                Ok(())
            }))
            // The route's head tags, and leptos_meta's marker, close the head.
            .append_element_content_handler(element!("head", |el| {
                let (closed, head) = (head_closed.clone(), head.clone());
                el.on_end_tag(end_tag!(move |end| {
                    end.before(&head, ContentType::Html);
                    closed.set(true);
                    Ok(())
                }))
            }))
            .append_element_content_handler(element!("body", |el| {
                if !body_found.replace(true) {
                    el.set_inner_content(&body, ContentType::Html);
                }
                Ok(())
            })),
    )?;
    ensure!(head_closed.get(), "the shell has no </head>");
    ensure!(body_found.get(), "the shell has no <body>");
    let html = inject(html);
    relative_links(&html, &page.up)
}

/// How the site's theme script in Trunk's shell begins; the embed page leaves it out.
///
/// Since 5d960ba, `index.html`'s inline script also marks a page with a query string
/// pending, and begins `(function(){`: this matches no script of today's shell, so the
/// embed page keeps it, and with it the pending mark that starts a filtered widget at
/// once. Kept as it was; whether the embed should drop only the theme part is a separate
/// change.
const SITE_THEME_SCRIPT_START: &str = "try{var t=localStorage";

/// The position, among the inline scripts of `page`, of the first whose text begins with
/// `start`.
fn inline_script_starting(page: &str, start: &str) -> Result<Option<usize>> {
    let found = Cell::new(None);
    let (count, current) = (Cell::new(0), Cell::new(0));
    html::rewrite(
        page,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("script:not([src])", |_| {
                current.set(count.get());
                count.set(count.get() + 1);
                Ok(())
            }))
            .append_element_content_handler(text!(
                "script:not([src])",
                html::read_text(|script| {
                    if found.get().is_none() && script.starts_with(start) {
                        found.set(Some(current.get()));
                    }
                })
            )),
    )?;
    Ok(found.get())
}

/// `html` with every link rendered under [`PLACEHOLDER`] made relative to the page, `up`
/// being the way from the page's folder to the site root: in attribute values and in text
/// (the app's hydration data), wherever it occurs.
fn relative_links(html: &str, up: &str) -> Result<String> {
    let placeholder = format!("{PLACEHOLDER}/");
    html::rewrite(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                let rendered: Vec<(String, String)> = el
                    .attributes()
                    .iter()
                    .filter(|a| a.value().contains(&placeholder))
                    .map(|a| (a.name(), a.value().replace(&placeholder, up)))
                    .collect();
                for (name, value) in rendered {
                    el.set_attribute(&name, &value)?;
                }
                Ok(())
            }))
            .append_document_content_handler(doc_text!(html::whole_text(
                |text| text.replace(&placeholder, up)
            ))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>T</title>\
                         <script>try{var t=localStorage.x}catch(e){}</script></head><body></body></html>";

    /// The site's data of `content/`.
    fn site() -> &'static SiteData {
        pyuses::content::for_tests()
    }

    /// Data file names for the content of `content/`.
    fn data() -> DataFiles {
        DataFiles {
            home: "data/home-0123456789abcdef.bin".into(),
            bodies: site()
                .data
                .categories()
                .iter()
                .map(|c| format!("data/field/{}-0123456789abcdef.bin", c.slug))
                .collect(),
        }
    }

    #[test]
    fn every_route_has_a_page() {
        let content = site().data;
        let pages = pages(content);
        assert_eq!(
            pages.len(),
            content.categories().len() + content.libraries().len() + 3
        );
        assert!(pages.contains(&Page {
            route: "/library/django/".into(),
            file: "library/django/index.html".into(),
            up: "../../".into()
        }));
        assert_eq!(
            pages[0],
            Page {
                route: "/".into(),
                file: "index.html".into(),
                up: "./".into()
            }
        );
        assert!(pages.contains(&Page {
            route: "/category/iot/".into(),
            file: "category/iot/index.html".into(),
            up: "../../".into()
        }));
        assert!(
            pages
                .iter()
                .any(|p| p.file == "embed/index.html" && p.up == "../")
        );
    }

    /// The page of `route`, rendered for a site at `site_url`.
    fn rendered(route: &str, site_url: &str) -> String {
        let data = data();
        let page = pages(site().data)
            .into_iter()
            .find(|p| p.route == route)
            .unwrap();
        render(site(), SHELL, &page, site_url, &data).unwrap()
    }

    #[test]
    fn renders_a_category_page() {
        let html = rendered("/category/web-scraping/", "https://example.org/py/");
        assert!(
            html.contains("<title>Web Scraping and Crawling · What is Python used for?</title>"),
            "{html}"
        );
        assert!(html.contains(
            r#"<link rel="canonical" href="https://example.org/py/category/web-scraping/">"#
        ));
        assert!(html.contains(r#"<meta property="og:title" content="Web Scraping and Crawling · What is Python used for?">"#));
        assert!(html.contains("<!--HEAD-->"));
        assert!(html.contains("<h1"));
        assert!(html.contains("Scrapy"));
        assert!(!html.contains(PLACEHOLDER), "every link is relative");
        assert!(html.contains(r#"href="../../category/"#) || html.contains(r#"href="../../""#));
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(
            html.contains(r#"<meta name="pyuses-data" content="data/home-0123456789abcdef.bin">"#)
        );
        assert!(html.contains(
            r#"<meta name="pyuses-preload" content="../../data/home-0123456789abcdef.bin">"#
        ));
        assert!(html.contains(
            r#"<meta name="pyuses-preload" content="../../data/field/web-scraping-0123456789abcdef.bin">"#
        ));
    }

    #[test]
    fn a_library_page_preloads_the_body_of_a_field_that_lists_it() {
        let html = rendered("/library/scrapy/", "https://example.org/");
        let field = site().data.fields_using("scrapy").next().unwrap();
        assert!(html.contains(&format!(
            r#"<meta name="pyuses-preload" content="../../data/field/{}-0123456789abcdef.bin">"#,
            field.slug
        )));
        let about = &site().data.library_details("scrapy").unwrap().about;
        assert!(html.contains(about.split('.').next().unwrap()), "{about}");
    }

    #[test]
    fn the_embed_page_drops_the_site_theme() {
        let html = rendered("/embed/", "https://example.org/");
        assert!(!html.contains("localStorage"));
        assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
        assert!(!html.contains("rel=\"canonical\""));
    }
}
