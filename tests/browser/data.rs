//! The data files: a home data file, a field body or the search data that fails to load,
//! or arrives damaged, gives a clear message and a way to try again, never a blank page or
//! a panic.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::support::{Browser, Options, Result, Server, content, dist_dir, replace_dir, tempdir};

/// The data file whose name starts with `prefix` (`home-`, `field/iot-`), relative to `dir`.
fn data_file(dir: &Path, prefix: &str) -> PathBuf {
    let (folder, stem) = prefix.rsplit_once('/').unwrap_or(("", prefix));
    let folder = dir.join("data").join(folder);
    let name = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with(stem) && name.ends_with(".bin"))
        .unwrap_or_else(|| panic!("no data file {prefix}* in {}", folder.display()));
    folder.join(name)
}

/// The title of the field these tests open.
fn iot_title() -> &'static str {
    &content().category("iot").expect("the iot field").title
}

/// A copy of the release site, served, in which `damage` changed some files.
async fn damaged_site(damage: impl FnOnce(&Path)) -> Result<Browser> {
    let site = tempdir("data");
    replace_dir(&dist_dir(), &site);
    damage(&site);
    let server = Server::start(&site);
    let base = server.origin.clone();
    Browser::on(server, base, Options::default()).await
}

/// Fails the requests whose URL matches `patterns` (none: stop failing), and keeps the
/// service worker out of the way so that every request reaches the network.
async fn block(browser: &Browser, patterns: &[&str]) -> Result {
    browser.cdp("Network.enable", json!({})).await?;
    browser
        .cdp("Network.setBypassServiceWorker", json!({ "bypass": true }))
        .await?;
    browser
        .cdp("Network.setBlockedURLs", json!({ "urls": patterns }))
        .await?;
    Ok(())
}

/// Loads `path` and waits for the data notice, not for the app.
async fn open_failing(browser: &Browser, path: &str) -> Result<String> {
    browser
        .driver
        .goto(format!("{}{path}", browser.base))
        .await?;
    browser.move_pointer().await?;
    let notice = browser.wait("#data-error[role=alert]").await?;
    Ok(notice.text().await?)
}

#[tokio::test]
async fn home_data_that_does_not_load_gives_a_message_and_trying_again_starts_the_app() -> Result {
    let browser = Browser::start().await?;
    block(&browser, &["*/data/home-*"]).await?;
    let notice = open_failing(&browser, "/").await?;
    assert!(
        notice.contains("The explorer’s data did not load"),
        "{notice}"
    );
    assert!(notice.contains("could not be downloaded"), "{notice}");
    // The prerendered page is still there to read, and the app has not started.
    assert!(browser.all(".grid .card").await?.len() > 10);
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.app ?? null")
            .await?,
        json!(null)
    );
    assert_eq!(
        browser
            .js("return document.activeElement.textContent")
            .await?,
        json!("Try again"),
        "the button to try again has focus"
    );

    block(&browser, &[]).await?;
    browser.wait("#data-error button").await?.click().await?;
    browser.ready().await?;
    assert!(
        browser.all("#data-error").await?.is_empty(),
        "the notice is gone"
    );
    // The app runs: search works.
    browser
        .wait("#search-input")
        .await?
        .send_keys("scrapy")
        .await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-scraping'",
        )
        .await?;
    browser.driver.clone().quit().await?;
    Ok(())
}

/// How many requests the page has made for the search data.
const SEARCH_REQUESTS: &str = "return performance.getEntriesByType('resource')\
    .filter(e => e.name.includes('/data/search-')).length";

#[tokio::test]
async fn the_search_data_comes_only_for_a_search_and_its_failure_has_a_message_and_a_retry()
-> Result {
    let browser = Browser::start().await?;
    block(&browser, &["*/data/search-*"]).await?;
    browser.open("/").await?;
    // Browsing and filtering need no search data, so the page has not asked for it.
    browser.wait(".chip-tag").await?;
    assert_eq!(browser.js(SEARCH_REQUESTS).await?, json!(0));

    let input = browser.wait("#search-input").await?;
    input.send_keys("scrapy").await?;
    let notice = browser.wait("#data-error[role=alert]").await?;
    let text = notice.text().await?;
    assert!(text.contains("Search’s data did not load"), "{text}");
    assert!(text.contains("could not be downloaded"), "{text}");
    // Typing goes on in the box: the notice does not take the focus.
    assert_eq!(
        browser.js("return document.activeElement.id").await?,
        json!("search-input")
    );
    // Meanwhile the cards stay listed, and the status says what it waits for.
    assert!(browser.all(".grid .card:not([hidden])").await?.len() > 10);
    let status = browser.wait(".status").await?.text().await?;
    assert_eq!(status, "Searching for “scrapy”…");

    block(&browser, &[]).await?;
    browser.wait("#data-error button").await?.click().await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'web-scraping'",
        )
        .await?;
    assert!(
        browser.all("#data-error").await?.is_empty(),
        "the notice is gone"
    );
    browser.driver.clone().quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_shared_search_starts_with_the_search_data_in() -> Result {
    let browser = Browser::start().await?;
    browser.open("/?q=scrapy").await?;
    // Rendered with its results at once, never with the unsearched cards.
    assert_eq!(
        browser
            .js("return document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug")
            .await?,
        json!("web-scraping")
    );
    assert_eq!(browser.js(SEARCH_REQUESTS).await?, json!(1));
    browser.finish().await
}

#[tokio::test]
async fn a_search_address_whose_data_does_not_load_is_shown_with_the_message() -> Result {
    let browser = Browser::start().await?;
    block(&browser, &["*/data/home-*"]).await?;
    // This page waits hidden for the app to render it; without data it must not stay
    // hidden.
    let notice = open_failing(&browser, "/?q=flask").await?;
    assert!(notice.contains("did not load"), "{notice}");
    assert_eq!(
        browser
            .js(&format!(
                "return document.documentElement.classList.contains('{}')",
                pyuses::names::PENDING_CLASS
            ))
            .await?,
        json!(false)
    );
    assert!(browser.wait("h1").await?.is_displayed().await?);
    browser.driver.clone().quit().await?;
    Ok(())
}

#[tokio::test]
async fn damaged_home_data_gives_a_message() -> Result {
    let browser = damaged_site(|site| {
        std::fs::write(
            data_file(site, "home-"),
            b"<!doctype html><title>Not found</title>",
        )
        .unwrap();
    })
    .await?;
    let notice = open_failing(&browser, "/category/iot/").await?;
    assert!(notice.contains("arrived damaged"), "{notice}");
    assert_eq!(browser.wait("main h1").await?.text().await?, iot_title());
    // Trying again fails the same way, and says so again rather than panicking.
    browser.wait("#data-error button").await?.click().await?;
    browser
        .wait_js("document.querySelector('#data-error button')?.disabled === false")
        .await?;
    assert!(browser.all("#crash").await?.is_empty(), "no panic");
    browser.driver.clone().quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_field_body_that_does_not_load_gives_a_message_and_trying_again_shows_it() -> Result {
    let browser = Browser::start().await?;
    block(&browser, &[]).await?;
    browser.open("/").await?;
    block(&browser, &["*/data/field/*"]).await?;
    browser
        .wait(".card[data-slug=iot] .card-link")
        .await?
        .click()
        .await?;
    let error = browser.wait(".body-error[role=alert]").await?;
    assert!(error.text().await?.contains("did not load"));
    // The rest of the page is there: title, libraries, related fields.
    assert_eq!(browser.wait("main h1").await?.text().await?, iot_title());
    assert!(!browser.all(".library-list .library").await?.is_empty());

    block(&browser, &[]).await?;
    browser.wait(".body-error button").await?.click().await?;
    let body = browser.wait(".prose.category-body p").await?;
    assert!(!body.text().await?.is_empty());
    assert!(browser.all(".body-error").await?.is_empty());
    browser.driver.clone().quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_damaged_field_body_gives_a_message_in_the_page_and_when_loaded_cold() -> Result {
    let browser = damaged_site(|site| {
        std::fs::write(data_file(site, "field/iot-"), [0xff, 0x00, 0x13, 0x37]).unwrap();
    })
    .await?;
    block(&browser, &[]).await?;
    browser.open("/").await?;
    browser
        .wait(".card[data-slug=iot] .card-link")
        .await?
        .click()
        .await?;
    let error = browser.wait(".body-error[role=alert]").await?;
    assert!(
        error.text().await?.contains("arrived damaged"),
        "{}",
        error.text().await?
    );
    assert!(browser.all("#crash").await?.is_empty(), "no panic");

    // Loaded cold, the prerendered page stays readable, with the notice over it.
    let notice = open_failing(&browser, "/category/iot/").await?;
    assert!(notice.contains("arrived damaged"), "{notice}");
    assert!(!browser.all(".prose.category-body p").await?.is_empty());
    browser.driver.clone().quit().await?;
    Ok(())
}

/// A library's page opened inside the app takes its details from the pages of the fields
/// that list it: when they do not come, it says so, and trying again shows the page.
#[tokio::test]
async fn a_library_page_whose_field_pages_do_not_load_gives_a_message_and_trying_again_shows_it()
-> Result {
    let browser = Browser::start().await?;
    block(&browser, &[]).await?;
    browser.open("/").await?;
    block(&browser, &["*/data/field/*"]).await?;
    browser
        .wait("#search-input")
        .await?
        .send_keys("qiskit")
        .await?;
    browser
        .wait(".card-library[data-library=qiskit] .card-link")
        .await?
        .click()
        .await?;
    let error = browser
        .wait(".library-page .body-error[role=alert]")
        .await?;
    assert!(error.text().await?.contains("did not load"));
    assert_eq!(browser.wait("main h1").await?.text().await?, "Qiskit");
    assert!(browser.all("#crash").await?.is_empty(), "no panic");

    block(&browser, &[]).await?;
    browser.wait(".body-error button").await?.click().await?;
    let install = browser.wait(".library-page .install-command code").await?;
    let command = content().library("qiskit").unwrap().install.command();
    assert_eq!(Some(install.text().await?), command);
    assert!(browser.all(".body-error").await?.is_empty());
    browser.driver.clone().quit().await?;
    Ok(())
}
