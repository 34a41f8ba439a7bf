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
//! The pages are rendered with the site's data that the post-build step made from the
//! content ([`pyuses::content::install_content`]); each function that reads it has a
//! variant that takes it explicitly, which the tests use.

use std::sync::{Arc, Once};

use futures::StreamExt;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use pyuses::content::{Data, SiteData};
use pyuses::loader::DATA_META;

use crate::postbuild::DataFiles;
use crate::startup::PRELOAD_META;
use pyuses::routes::SiteBase;

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

/// The site's data the post-build step installed.
fn installed() -> &'static SiteData {
    pyuses::content::installed()
        .expect("the post-build step installs the site's data before it renders pages")
}

/// Every page of the site, the 404 page last.
pub fn pages() -> Vec<Page> {
    pages_of(installed().data)
}

/// Every page of the site with `data`, the 404 page last.
pub fn pages_of(data: &Data) -> Vec<Page> {
    let page = |route: String, file: String| {
        let depth = file.matches('/').count();
        let up = if depth == 0 {
            "./".to_owned()
        } else {
            "../".repeat(depth)
        };
        Page { route, file, up }
    };
    let mut pages = vec![page("/".into(), "index.html".into())];
    pages.extend(data.categories().iter().map(|c| {
        page(
            format!("/category/{}/", c.slug),
            format!("category/{}/index.html", c.slug),
        )
    }));
    pages.extend(data.libraries().iter().map(|l| {
        page(
            format!("/library/{}/", l.id),
            format!("library/{}/index.html", l.id),
        )
    }));
    pages.push(page("/embed/".into(), "embed/index.html".into()));
    // Served at any missing address: it finds the root itself (see postbuild).
    pages.push(page("/404.html".into(), "404.html".into()));
    pages
}

/// The head tags for link previews and search engines, which the app never changes.
pub fn static_head(content: &Data, page: &Page, site_url: &str, data: &DataFiles) -> String {
    let site = || content.site();
    let field = page
        .route
        .strip_prefix("/category/")
        .and_then(|s| content.category(s.trim_end_matches('/')));
    let library_page = page.route.strip_prefix("/library/").and_then(|id| {
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
    if page.route != "/404.html" && page.route != "/embed/" {
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
        "<meta name=\"pyuses-route\" content=\"{}\">",
        attr(&page.route)
    ));
    if page.route == "/404.html" || page.route == "/embed/" {
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

/// Renders one page from Trunk's (already relocated) shell.
pub fn render(
    shell: &str,
    page: &Page,
    site_url: &str,
    data: &DataFiles,
) -> Result<String, String> {
    render_with(installed(), shell, page, site_url, data)
}

/// Like [`render`], with `site`.
pub fn render_with(
    site: &'static SiteData,
    shell: &str,
    page: &Page,
    site_url: &str,
    data: &DataFiles,
) -> Result<String, String> {
    let (body, inject) = render_app(site, &page.route);
    // The app sets the title; the shell's would be a second one.
    let shell = strip_element(shell, "<title>", "</title>");
    let shell = if page.route == "/embed/" {
        // A widget follows its own theme parameter, never the site's stored theme.
        strip_element(&shell, "<script>try{var t=localStorage", "</script>")
    } else {
        shell
    };
    let head_end = shell.find("</head>").ok_or("the shell has no </head>")?;
    let body_start = shell.find("<body>").ok_or("the shell has no <body>")? + "<body>".len();
    let body_end = shell.rfind("</body>").ok_or("the shell has no </body>")?;
    let html = format!(
        "{}{}<!--HEAD-->{}{body}{}",
        &shell[..head_end],
        static_head(site.data, page, site_url, data),
        &shell[head_end..body_start],
        &shell[body_end..]
    );
    let html = inject(html);
    Ok(html.replace(&format!("{PLACEHOLDER}/"), &page.up))
}

/// Removes the first element that starts with `open` and ends with `close`.
fn strip_element(html: &str, open: &str, close: &str) -> String {
    match html.find(open).and_then(|start| {
        html[start..]
            .find(close)
            .map(|end| (start, start + end + close.len()))
    }) {
        Some((start, end)) => format!("{}{}", &html[..start], &html[end..]),
        None => html.to_owned(),
    }
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
        let pages = pages_of(content);
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
        let page = pages_of(site().data)
            .into_iter()
            .find(|p| p.route == route)
            .unwrap();
        render_with(site(), SHELL, &page, site_url, &data).unwrap()
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
