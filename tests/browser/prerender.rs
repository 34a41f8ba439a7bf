//! Prerendered pages: readable and navigable without JavaScript, hydrated in place with
//! JavaScript (the same nodes, now interactive), and identical to what the client renders.

use pyuses::names;
use serde_json::{Value, json};

use crate::support::{Browser, Options, Result, Server, content, dist_dir};

#[tokio::test]
async fn without_javascript_everything_reads_and_links_navigate() -> Result {
    let browser = Browser::start_with(Options {
        javascript: false,
        ..Options::default()
    })
    .await?;
    browser.driver.goto(format!("{}/", browser.base)).await?;
    let titles = browser
        .texts(".grid .card[data-slug]:not([hidden]) .card-title")
        .await?;
    assert_eq!(
        titles,
        content()
            .categories()
            .iter()
            .map(|c| c.title.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        browser.texts(".uses a").await?.len(),
        content().site().uses.len()
    );
    // No script of the page ran: what shows is the prerendered HTML alone.
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.app ?? null")
            .await?,
        Value::Null
    );
    // The note about instant search is in the page for browsers without JavaScript.
    let note = browser
        .js("return document.querySelector('noscript.noscript-note').textContent")
        .await?;
    assert!(
        note.as_str()
            .unwrap()
            .contains("Instant search needs JavaScript"),
        "{note}"
    );

    // Every category page reads in full, and its links lead on.
    for category in content().categories() {
        browser
            .driver
            .goto(format!("{}/category/{}/", browser.base, category.slug))
            .await?;
        assert_eq!(browser.wait("main h1").await?.text().await?, category.title);
        let body = browser.wait(".category-body").await?.text().await?;
        assert!(body.len() > 200, "{} has its body", category.slug);
        let sites = browser
            .js("return new Set([...document.querySelectorAll('.library a.library-site')].map(a => a.href)).size")
            .await?;
        assert_eq!(sites, category.libraries.len(), "{}", category.slug);
    }

    // Links navigate: a card from the home page, then back to all fields.
    browser.driver.goto(format!("{}/", browser.base)).await?;
    browser
        .wait(".card[data-slug='network-testing'] .card-link")
        .await?
        .click()
        .await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        "Network Testing"
    );
    assert_eq!(browser.path().await?, "/category/network-testing/");
    browser.wait(".back-link").await?.click().await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    assert_eq!(browser.path().await?, "/");

    // The search box is a plain form that submits `?q=` to the home page.
    browser
        .wait("#search-input")
        .await?
        .send_keys("django\n")
        .await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    assert_eq!(browser.path().await?, "/?q=django");
    browser.driver.clone().quit().await?;
    Ok(())
}

#[test]
fn a_category_url_returns_its_full_text_and_head_tags() {
    let server = Server::start(&dist_dir());
    for category in content().categories() {
        let (status, _, html) = server.get(&format!("/category/{}/", category.slug));
        assert_eq!(status, 200);
        assert!(
            html.contains(&format!(
                "<title>{} · {}</title>",
                category.title,
                content().site().title
            )),
            "{}",
            category.slug
        );
        assert!(html.contains(&format!(
            "<meta name=\"description\" content=\"{}\">",
            category.summary
        )));
        assert!(html.contains(&format!(
            "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/category/{}/\">",
            category.slug
        )));
        assert!(html.contains("<meta property=\"og:title\""));
        assert!(html.contains("<meta property=\"og:description\""));
        assert!(html.contains("<meta property=\"og:image\""));
        // The whole body is in the HTML, not only the shell.
        let first_paragraph = content()
            .body_text(&category.slug)
            .unwrap()
            .lines()
            .next()
            .unwrap();
        let sample: String = first_paragraph.chars().take(40).collect();
        assert!(
            html.contains(&sample.replace('&', "&amp;")),
            "{}: {sample}",
            category.slug
        );
        // Every library is in the page's comparison tables, linked to its own page.
        for library in content().library_entries(category) {
            let page = format!("library/{}/\"", library.id);
            assert!(html.contains(&page), "{}: {page}", category.slug);
        }
    }
    let (_, _, home) = server.get("/");
    assert_eq!(
        home.matches("class=\"card\"").count(),
        content().categories().len()
    );
    assert!(home.contains(&format!("<title>{}</title>", content().site().title)));
}

/// Marks the first nodes of interest as soon as the parser creates them, before any
/// script of the page runs: a property on the node object survives only if hydration
/// keeps that very node.
const MARK_BEFORE_WASM: &str = "new MutationObserver(() => {
    for (const selector of ['main h1', '.grid .card-link', '#search-input', '.theme-toggle', '.category-body']) {
        const node = document.querySelector(selector);
        if (node && !node.__prerendered) node.__prerendered = true;
    }
}).observe(document, { childList: true, subtree: true });";

/// Types into the prerendered search box as soon as it is parsed, long before the app
/// (a deferred module) starts.
const TYPE_BEFORE_WASM: &str = "new MutationObserver((_, observer) => {
    const input = document.querySelector('#search-input');
    if (input && !document.documentElement.dataset.app) {
        input.value = 'scrapy';
        window.__typedEarly = true;
        observer.disconnect();
    }
}).observe(document, { childList: true, subtree: true });";

#[tokio::test]
async fn what_was_typed_before_the_app_started_is_kept() -> Result {
    let browser = Browser::start().await?;
    browser.run_before_pages(TYPE_BEFORE_WASM).await?;
    browser.open("/").await?;
    assert_eq!(
        browser.js("return window.__typedEarly === true").await?,
        true
    );
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-scraping'",
        )
        .await?;
    assert_eq!(browser.search_value().await?, "scrapy");
    browser.wait_path("/?q=scrapy").await?;
    browser.finish().await
}

/// Types the start of a query into the prerendered search box before the app starts, and
/// the rest once its wasm runs but before it has its data and mounts: keys a visitor types
/// while the app starts.
const TYPE_WHILE_STARTING: &str = "new MutationObserver((_, observer) => {
    const input = document.querySelector('#search-input');
    if (input && !document.documentElement.dataset.app) {
        input.value = 'scra';
        observer.disconnect();
        addEventListener('TrunkApplicationStarted', () => {
            window.__mountedBeforeRest = document.documentElement.dataset.app === 'ready';
            input.value += 'py';
            input.dispatchEvent(new Event('input', { bubbles: true }));
        });
    }
}).observe(document, { childList: true, subtree: true });";

#[tokio::test]
async fn keys_typed_while_the_app_starts_are_kept() -> Result {
    let browser = Browser::start().await?;
    browser.run_before_pages(TYPE_WHILE_STARTING).await?;
    browser.open("/").await?;
    assert_eq!(
        browser.js("return window.__mountedBeforeRest").await?,
        false,
        "the rest was typed before the app mounted"
    );
    browser.wait_path("/?q=scrapy").await?;
    assert_eq!(browser.search_value().await?, "scrapy");
    // Ranked once the search data is in.
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-scraping'",
        )
        .await?;
    browser.finish().await
}

#[tokio::test]
async fn hydration_keeps_the_prerendered_nodes_and_makes_them_interactive() -> Result {
    let browser = Browser::start().await?;
    browser.run_before_pages(MARK_BEFORE_WASM).await?;
    browser.open("/").await?;
    let marked = browser
        .js("return ['main h1', '.grid .card-link', '#search-input', '.theme-toggle'].map(s => document.querySelector(s).__prerendered === true)")
        .await?;
    assert_eq!(
        marked,
        json!([true, true, true, true]),
        "hydration re-created nodes"
    );

    // The same input, now wired: typing searches.
    browser
        .wait("#search-input")
        .await?
        .send_keys("scrapy")
        .await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])').dataset.slug === 'web-scraping'",
        )
        .await?;
    assert_eq!(
        browser
            .js("return document.querySelector('#search-input').__prerendered")
            .await?,
        true
    );
    // And the same toggle switches the theme.
    browser.wait(".theme-toggle").await?.click().await?;
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme")
            .await?,
        "dark"
    );

    // A category page hydrates too.
    browser.open("/category/automation/").await?;
    let marked = browser
        .js("return ['main h1', '.category-body'].map(s => document.querySelector(s).__prerendered === true)")
        .await?;
    assert_eq!(marked, json!([true, true]));
    browser.wait(".back-link").await?.click().await?;
    browser.wait_js(&format!("location.pathname.endsWith('/') && document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === {}", content().categories().len())).await?;
    // Console clean: no hydration warning or error.
    browser.finish().await
}

/// A signature of the body's structure: element names and text, in document order.
/// Hydration re-creates nodes when these differ; attributes are left out, since the app
/// updates some of them on purpose once it runs (pressed states, the live notices).
const SIGNATURE: &str = "const signature = (root) => {
    const out = [];
    const walk = (node) => {
        for (const child of node.childNodes) {
            if (child.nodeType === Node.TEXT_NODE) {
                const text = child.textContent.trim();
                if (text) out.push(text);
            } else if (child.nodeType === Node.ELEMENT_NODE) {
                const name = child.tagName.toLowerCase();
                out.push('<' + name);
                if (!child.classList.contains('notices')) walk(name === 'template' ? child.content : child);
                out.push('/' + name);
            }
        }
    };
    walk(root);
    return out;
};";

#[tokio::test]
async fn every_prerendered_page_matches_the_client_render() -> Result {
    let browser = Browser::start().await?;
    let mut routes = vec!["/".to_owned(), "/embed/".to_owned()];
    routes.extend(
        content()
            .categories()
            .iter()
            .map(|c| format!("/category/{}/", c.slug)),
    );
    for route in routes {
        // An unknown query string makes the app render afresh instead of hydrating.
        browser.open(&format!("{route}?client-render")).await?;
        let script = format!(
            "{SIGNATURE}
            const done = arguments[arguments.length - 1];
            const client = signature(document.body);
            fetch(location.pathname).then(r => r.text()).then(html => {{
                const server = signature(new DOMParser().parseFromString(html, 'text/html').body);
                done({{ client, server }});
            }});"
        );
        let result = browser
            .driver
            .execute_async(&script, vec![])
            .await?
            .json()
            .clone();
        let (client, server) = (&result["client"], &result["server"]);
        assert!(
            client.as_array().is_some_and(|c| c.len() > 50),
            "{route}: {client}"
        );
        if client != server {
            let (c, s) = (client.as_array().unwrap(), server.as_array().unwrap());
            let at = c
                .iter()
                .zip(s)
                .position(|(a, b)| a != b)
                .unwrap_or(c.len().min(s.len()));
            let around = |list: &[Value]| {
                list.iter()
                    .skip(at.saturating_sub(3))
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            panic!(
                "{route}: the client renders {:?}\nwhere the prerendered page has {:?}",
                around(c),
                around(s)
            );
        }
    }
    // The client render above registers the same title the page was prerendered with.
    browser.open("/category/iot/?client-render").await?;
    assert_eq!(
        browser.driver.title().await?,
        format!(
            "{} · What is Python used for?",
            content().category("iot").unwrap().title
        )
    );
    // (The downloads chart's SVG has a title of its own, in the body.)
    assert_eq!(browser.all("head title").await?.len(), 1);
    assert_eq!(browser.all("meta[name=description]").await?.len(), 1);
    browser.finish().await
}

/// The names of the files the page has fetched so far.
const FETCHED: &str = "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname.split('/').pop())";

/// Whether one of `names` is the app's code or data (its JavaScript, wasm or a data file).
fn app_files(names: &Value) -> Vec<String> {
    names
        .as_array()
        .expect("a list of names")
        .iter()
        .filter_map(Value::as_str)
        .filter(|n| [".js", ".wasm", ".bin"].iter().any(|ext| n.ends_with(ext)))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn nothing_of_the_app_loads_before_the_first_input() -> Result {
    let browser = Browser::start().await?;
    browser.driver.goto(format!("{}/", browser.base)).await?;
    // The page has painted, and the browser has been idle since: the old loader would
    // have started the app by now.
    browser
        .wait_js(
            "performance.getEntriesByName('first-contentful-paint').length > 0 && \
             new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => r(true)))))",
        )
        .await?;
    assert_eq!(app_files(&browser.js(FETCHED).await?), Vec::<String>::new());
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.app ?? null")
            .await?,
        Value::Null
    );
    // The page reads in full and links as it is.
    assert_eq!(browser.listed_count().await?, content().categories().len());

    // The first input starts it: the code and the home data arrive, and the app hydrates.
    browser.ready().await?;
    let fetched = app_files(&browser.js(FETCHED).await?);
    assert!(
        fetched.iter().any(|n| n.ends_with("_bg.wasm")),
        "{fetched:?}"
    );
    assert!(
        fetched.iter().any(|n| n.starts_with("home-")),
        "{fetched:?}"
    );
    browser.finish().await
}

/// Notes, before the page's own scripts run, whether a click arrived before the app ran.
const NOTE_EARLY_CLICK: &str = "addEventListener('click', () => {
    window.__clickedEarly ??= document.documentElement.dataset.app !== 'ready';
}, true);";

#[tokio::test]
async fn a_button_pressed_before_the_app_runs_is_pressed_once_it_does() -> Result {
    let browser = Browser::start().await?;
    browser.run_before_pages(NOTE_EARLY_CLICK).await?;
    browser.driver.goto(format!("{}/", browser.base)).await?;
    // The visitor's first act is a click on a filter chip: it starts the app, and is held
    // until the app can act on it.
    let chip = browser.wait(".chip-tag[aria-pressed=false]").await?;
    let tag = chip.text().await?;
    chip.click().await?;
    browser
        .wait(&format!("html[{}={}]", names::APP_ATTR, names::APP_READY))
        .await?;
    assert_eq!(browser.js("return window.__clickedEarly").await?, true);
    browser
        .wait_js("document.querySelector('.chip-tag[aria-pressed=true]') !== null")
        .await?;
    assert_eq!(
        browser
            .js("return document.querySelector('.chip-tag[aria-pressed=true]').textContent")
            .await?,
        tag
    );
    browser
        .wait_js("new URLSearchParams(location.search).has('tag')")
        .await?;
    // Pressed once, not twice: the filter is on, and every listed card has the tag.
    let listed = browser
        .js("return document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length")
        .await?
        .as_u64()
        .unwrap();
    assert!(
        listed > 0 && (listed as usize) < content().categories().len(),
        "{listed} listed"
    );
    browser.finish().await
}
