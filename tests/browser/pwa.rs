//! The installable offline app: a visit keeps what it used, every page works offline once
//! saved (by the footer's control, or as an installed app), a safe update to a new build,
//! and installability as Chromium judges it.

use serde_json::json;
use thirtyfour::Key;

use crate::support::{
    Browser, Options, Result, Server, content, dist_dir, replace_dir, tempdir, test_dist_dir,
};

/// What the site's cache holds: the paths of its entries, relative to the site root.
const CACHED: &str = "(async () => { const out = []; for (const name of await caches.keys()) { \
    if (!name.startsWith('pyuses ')) continue; const cache = await caches.open(name); \
    for (const r of await cache.keys()) out.push(new URL(r.url).pathname.slice(1)); } return out; })()";

#[tokio::test]
async fn a_visit_keeps_the_pages_it_used_and_only_those() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    browser.open("/category/web-development/").await?;
    // The page and the files it used are kept as they pass through the worker.
    browser
        .wait_js(&format!(
            "{CACHED}.then(paths => paths.includes('category/web-development/index.html') && paths.includes('index.html') && paths.some(p => p.endsWith('.wasm')))"
        ))
        .await?;
    let cached = browser.js(&format!("return {CACHED}")).await?;
    let cached = cached.as_array().expect("a list of paths");
    assert!(
        cached.len() < 40,
        "a visit keeps what it used, not the whole site: {cached:?}"
    );
    assert!(
        !cached
            .iter()
            .any(|p| p.as_str().unwrap().starts_with("library/")),
        "no library page was opened: {cached:?}"
    );
    browser.stop_server();

    // The pages it used work offline.
    browser.open("/").await?;
    assert_eq!(browser.listed_count().await?, content().categories().len());
    browser.open("/category/web-development/").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        content().category("web-development").unwrap().title
    );
    // A page it never opened says so, and how to keep every page.
    browser.open_failing("/category/iot/").await?;
    assert_eq!(browser.wait("h1").await?.text().await?, "You are offline");
    assert!(
        browser
            .wait("p")
            .await?
            .text()
            .await?
            .contains("Save for offline use")
    );
    browser.finish().await
}

#[tokio::test]
async fn every_page_works_offline_once_saved_with_the_server_stopped() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    browser.save_for_offline().await?;
    browser.stop_server();

    // Home, reloaded from the worker's cache.
    browser.driver.refresh().await?;
    browser.ready().await?;
    assert_eq!(browser.listed_count().await?, content().categories().len());

    // Search.
    browser
        .wait("#search-input")
        .await?
        .send_keys("djnago")
        .await?;
    browser
        .wait_js("document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-development'")
        .await?;
    browser
        .wait_marked(".grid .card[data-slug]:not([hidden])")
        .await?;

    // A category deep link, loaded cold, and one without its trailing slash.
    browser.open("/category/network-testing/").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        content().category("network-testing").unwrap().title
    );
    browser.open("/category/iot").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        content().category("iot").unwrap().title
    );
    browser.open("/?q=telegram").await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'telegram-bots'",
        )
        .await?;

    // The theme toggle, and its memory across a reload.
    browser.wait(".theme-toggle").await?.click().await?;
    browser.driver.refresh().await?;
    browser.ready().await?;
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme")
            .await?,
        "dark"
    );

    // An unknown address still gets the app's own not-found page.
    browser.open_missing("/no/such/page").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        "Page not found"
    );
    browser.finish().await
}

#[tokio::test]
async fn a_new_build_is_announced_and_loaded_safely() -> Result {
    // Version 1 is served from a folder that version 2 later replaces, at the same address.
    let site = tempdir("site");
    replace_dir(&dist_dir(), &site);
    let server = Server::start(&site);
    let base = server.origin.clone();
    let browser = Browser::on(server, base, Options::default()).await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    let v1_intro = browser.wait(".hero-intro").await?.text().await?;
    assert!(
        !v1_intro.contains("version two"),
        "version 1 is served first"
    );

    replace_dir(&test_dist_dir(), &site);
    // Opening the app again starts version 1 from the cache and finds version 2.
    browser.driver.refresh().await?;
    browser.ready().await?;
    assert!(
        !browser
            .wait(".hero-intro")
            .await?
            .text()
            .await?
            .contains("version two")
    );
    // The new build's worker first keeps the new version of what the old one kept.
    let notice = browser.wait_for(".notice-update", 120).await?;
    assert_eq!(
        notice.text().await?.replace('\n', " "),
        "A new version is available — Reload"
    );

    notice
        .find(thirtyfour::By::Css("button"))
        .await?
        .click()
        .await?;
    browser
        .wait_js("document.querySelector('.hero-intro')?.textContent.includes('version two')")
        .await?;
    browser.ready().await?;
    assert!(browser.all(".notice-update").await?.is_empty());
    // Old and new never mix: the page runs the build its HTML names.
    let scripts = browser
        .js("return performance.getEntriesByType('resource').map(e => e.name.split('/').pop()).filter(n => /\\.(js|wasm)$/.test(n) && n !== 'sw.js')")
        .await?;
    let scripts = scripts.as_array().unwrap();
    assert!(
        scripts.len() >= 2,
        "the app's script and wasm loaded: {scripts:?}"
    );
    let v2_index = std::fs::read_to_string(site.join("index.html"))?;
    for script in scripts {
        assert!(
            v2_index.contains(script.as_str().unwrap()),
            "{script} is not version 2's"
        );
    }
    // And no request failed on the way.
    browser.finish().await
}

#[tokio::test]
async fn the_offline_copy_can_be_removed() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    browser.save_for_offline().await?;
    let saved = browser.js(&format!("return {CACHED}")).await?;
    assert!(
        saved.as_array().is_some_and(|paths| paths.len() > 400),
        "{saved}"
    );
    browser.wait(".offline-toggle").await?.click().await?;
    browser
        .wait_for(".offline-toggle[aria-pressed=false]:not(:disabled)", 60)
        .await?;
    let status = browser.wait(".offline-status").await?.text().await?;
    assert!(status.starts_with("Every page, "), "{status:?}");
    // The copy is gone; what the visit uses from now on is kept again as it is used.
    browser
        .wait_js(&format!("{CACHED}.then(paths => paths.length < 40)"))
        .await?;
    browser.finish().await
}

#[tokio::test]
async fn installing_the_app_saves_every_page_on_its_own() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    let control = browser.wait_for_offline_control().await?;
    assert_eq!(
        control.attr("aria-pressed").await?.as_deref(),
        Some("false")
    );
    // What the browser tells the page once the visitor has installed the site as an app
    // (headless Chromium cannot install one, nor emulate an installed app's display mode).
    browser
        .js("dispatchEvent(new Event('appinstalled'))")
        .await?;
    browser
        .wait_for(".offline-toggle[aria-pressed=true]:not(:disabled)", 120)
        .await?;
    browser.stop_server();
    for slug in ["iot", "web-development", "data-science"] {
        browser.open(&format!("/category/{slug}/")).await?;
        assert_eq!(
            browser.wait("main h1").await?.text().await?,
            content().category(slug).unwrap().title
        );
    }
    browser.open("/library/django/").await?;
    assert_eq!(browser.wait("main h1").await?.text().await?, "Django");
    browser.finish().await
}

#[tokio::test]
async fn chromium_finds_the_app_installable() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait_for_worker().await?;
    let manifest = browser.cdp("Page.getAppManifest", json!({})).await?;
    assert!(
        manifest["url"]
            .as_str()
            .unwrap()
            .ends_with("/manifest.webmanifest"),
        "{manifest}"
    );
    assert_eq!(manifest["errors"], json!([]), "{manifest}");
    // Chromium reports the parsed manifest with its own enum names ("kStandalone").
    let display = manifest["manifest"]["display"]
        .as_str()
        .unwrap_or_default()
        .to_ascii_lowercase();
    assert!(display.ends_with("standalone"), "{manifest}");
    let installability = browser
        .cdp("Page.getInstallabilityErrors", json!({}))
        .await?;
    assert_eq!(
        installability["installabilityErrors"],
        json!([]),
        "{installability}"
    );
    browser.finish().await
}

#[tokio::test]
async fn without_service_workers_the_app_stays_online_and_quiet() -> Result {
    let browser = Browser::start().await?;
    // As in some private modes: no service worker API at all.
    browser.run_before_pages("Object.defineProperty(Navigator.prototype, 'serviceWorker', { get() { return undefined } });").await?;
    browser.open("/").await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    browser.keys("/").await?;
    browser.keys("scrapy").await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-scraping'",
        )
        .await?;
    browser.keys(Key::Escape).await?;
    assert!(
        browser.all(".notice").await?.is_empty(),
        "no notices without a worker"
    );
    assert!(
        browser.all(".offline:not([hidden])").await?.is_empty(),
        "no offline control without a worker"
    );
    browser.finish().await
}

#[tokio::test]
async fn hosts_get_caching_rules() {
    let server = Server::start(&dist_dir());
    let (_, head, _) = server.get("/sw.js");
    assert!(
        head.to_ascii_lowercase()
            .contains("cache-control: no-cache"),
        "{head}"
    );
    let (_, head, _) = server.get("/category/iot/");
    assert!(
        head.to_ascii_lowercase()
            .contains("cache-control: no-cache"),
        "{head}"
    );
    let index = std::fs::read_to_string(dist_dir().join("index.html")).unwrap();
    let wasm = index
        .split("'./")
        .find_map(|s| s.split('\'').next().filter(|n| n.ends_with(".wasm")))
        .unwrap();
    let (status, head, _) = server.get(&format!("/{wasm}"));
    assert_eq!(status, 200);
    assert!(head.contains("immutable"), "{head}");
}
