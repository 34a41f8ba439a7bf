//! Themes: the system preference, the toggle, and what storage remembers.

use pyuses::names::THEME_STORAGE_KEY;

use crate::support::{Browser, Options, Result};

/// The theme the page shows, from the background colour of the page.
const SHOWN: &str = "return getComputedStyle(document.body).backgroundColor === 'rgb(14, 19, 29)' ? 'dark' : 'light'";

#[tokio::test]
async fn the_page_follows_the_system_theme() -> Result {
    let light = Browser::start().await?;
    light.open("/").await?;
    assert_eq!(light.js(SHOWN).await?, "light");
    light.finish().await?;

    let dark = Browser::start_with(Options {
        dark: true,
        ..Options::default()
    })
    .await?;
    dark.open("/").await?;
    assert_eq!(dark.js(SHOWN).await?, "dark");
    assert_eq!(
        dark.wait(".theme-toggle")
            .await?
            .attr("aria-pressed")
            .await?
            .as_deref(),
        Some("true")
    );
    dark.finish().await
}

#[tokio::test]
async fn the_toggle_overrides_the_system_and_survives_a_reload() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let toggle = browser.wait(".theme-toggle").await?;
    assert_eq!(toggle.attr("aria-pressed").await?.as_deref(), Some("false"));
    toggle.click().await?;
    assert_eq!(browser.js(SHOWN).await?, "dark");
    assert_eq!(
        browser
            .js(&format!(
                "return localStorage.getItem('{THEME_STORAGE_KEY}')"
            ))
            .await?,
        "dark"
    );

    browser.driver.refresh().await?;
    browser.ready().await?;
    assert_eq!(browser.js(SHOWN).await?, "dark");
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme")
            .await?,
        "dark"
    );
    assert_eq!(
        browser
            .wait(".theme-toggle")
            .await?
            .attr("aria-pressed")
            .await?
            .as_deref(),
        Some("true")
    );

    // The choice holds on other pages too.
    browser.open("/category/education/").await?;
    assert_eq!(browser.js(SHOWN).await?, "dark");
    browser.finish().await
}

#[tokio::test]
async fn junk_in_storage_means_the_default_theme() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser
        .js(&format!(
            "localStorage.setItem('{THEME_STORAGE_KEY}', '{{\"broken\": true')"
        ))
        .await?;
    browser.driver.refresh().await?;
    browser.ready().await?;
    assert_eq!(browser.js(SHOWN).await?, "light");
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme ?? null")
            .await?,
        serde_json::Value::Null
    );
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    // The toggle still works, and replaces the junk.
    browser.wait(".theme-toggle").await?.click().await?;
    assert_eq!(
        browser
            .js(&format!(
                "return localStorage.getItem('{THEME_STORAGE_KEY}')"
            ))
            .await?,
        "dark"
    );
    browser.finish().await
}

#[tokio::test]
async fn failing_storage_changes_nothing_but_memory() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    // Make every storage call throw, as in sandboxed frames, then start the app again.
    browser
        .js("Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError') } }); return 1")
        .await?;
    browser.wait(".theme-toggle").await?.click().await?;
    assert_eq!(browser.js(SHOWN).await?, "dark");
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    browser.finish().await
}
