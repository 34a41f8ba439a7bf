//! The whole site by keyboard: `/`, typing, arrows, Enter, Escape, Tab and Back.

use thirtyfour::Key;

use crate::support::{Browser, Result, content};

#[tokio::test]
async fn the_keyboard_journey() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;

    // `/` focuses the search box from anywhere on the page.
    browser.keys("/").await?;
    assert!(
        browser.focused().await?.starts_with("input#search-input"),
        "{}",
        browser.focused().await?
    );

    // Typing searches; Enter opens the first result.
    browser.keys("telegram").await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'telegram-bots'",
        )
        .await?;
    browser.keys(Key::Enter).await?;
    browser
        .wait_js("location.pathname.endsWith('/category/telegram-bots/')")
        .await?;
    // Focus moves to the new page's heading.
    browser
        .wait_js("document.activeElement?.tagName === 'H1'")
        .await?;

    // Back returns to the search.
    browser.driver.back().await?;
    browser
        .wait_js("document.querySelector('#search-input')?.value === 'telegram'")
        .await?;

    // Down moves into the results, and on through them; Up leaves them again.
    browser.wait("#search-input").await?.focus().await?;
    browser.keys("").await?;
    browser
        .wait("#search-input")
        .await?
        .send_keys(Key::Control + "a")
        .await?;
    browser.keys(Key::Backspace).await?;
    browser.keys("bot").await?;
    browser
        .wait_js(
            "document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length >= 2 && location.search === '?q=bot'",
        )
        .await?;
    let order = browser
        .js("return [...document.querySelectorAll('.grid .card:not([hidden]) .card-link')].map(a => a.textContent)")
        .await?;
    browser.keys(Key::Down).await?;
    assert!(
        browser
            .focused()
            .await?
            .ends_with(order[0].as_str().unwrap()),
        "{}",
        browser.focused().await?
    );
    browser.keys(Key::Down).await?;
    assert!(
        browser
            .focused()
            .await?
            .ends_with(order[1].as_str().unwrap()),
        "{}",
        browser.focused().await?
    );
    browser.keys(Key::Up).await?;
    browser.keys(Key::Up).await?;
    assert!(browser.focused().await?.starts_with("input#search-input"));

    // Escape clears the search.
    browser.keys(Key::Escape).await?;
    browser
        .wait_js(&format!("location.search === '' && document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === {}", content().categories().len()))
        .await?;
    assert_eq!(browser.search_value().await?, "");

    // Enter on a focused card opens it.
    browser.keys(Key::Down).await?;
    browser.keys(Key::Enter).await?;
    browser
        .wait_js("location.pathname.endsWith('/category/web-development/')")
        .await?;
    browser.finish().await
}

#[tokio::test]
async fn tab_reaches_every_control_with_a_visible_focus() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    browser.js("document.activeElement.blur()").await?;

    // The first Tab lands on the skip link, which then moves focus to the main content.
    browser.keys(Key::Tab).await?;
    assert!(browser.focused().await?.contains("Skip to content"));
    browser.keys(Key::Enter).await?;
    assert!(
        browser.focused().await?.starts_with("main#main"),
        "{}",
        browser.focused().await?
    );

    // Tab through the page; every stop is visible and outlined.
    let mut seen = Vec::new();
    for _ in 0..40 {
        browser.keys(Key::Tab).await?;
        let outlined = browser
            .js("const e = document.activeElement; const s = getComputedStyle(e); const a = getComputedStyle(e, '::after'); return s.outlineStyle !== 'none' || a.outlineStyle !== 'none' || s.boxShadow !== 'none'")
            .await?;
        let focused = browser.focused().await?;
        assert_eq!(outlined, true, "no visible focus on {focused}");
        seen.push(focused);
    }
    let seen = seen.join("\n");
    for control in [
        "input#search-input",
        "button#.chip chip-tag",
        "a#.card-link",
        "button#.chip chip-library",
    ] {
        assert!(
            seen.contains(control),
            "Tab never reached {control}:\n{seen}"
        );
    }
    browser.finish().await
}
