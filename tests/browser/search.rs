//! Search as you type, in the page.

use thirtyfour::Key;

use crate::support::{Browser, Result, content, ranking};

#[tokio::test]
async fn typing_filters_ranks_and_highlights() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let input = browser.wait("#search-input").await?;
    input.send_keys("django").await?;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length < {}",
            content().categories().len()
        ))
        .await?;

    let first = browser.first_listed().await?;
    assert_eq!(first.as_deref(), Some("web-development"));
    let marks = browser
        .wait_marked(".card[data-slug='web-development']")
        .await?;
    assert!(
        marks.iter().any(|m| m.eq_ignore_ascii_case("django")),
        "{marks:?}"
    );
    // The card's own texts are marked in place: no node is built for a mark.
    assert_eq!(
        browser
            .js("return document.querySelectorAll('.card[data-slug] :is(.card-title, .card-summary, .chip-library, .card-snippet) mark').length")
            .await?,
        0
    );
    // The passages of the bodies that matched are shown, marked where they match.
    let snippets = browser.wait_marked(".card-snippet:not([hidden])").await?;
    assert!(
        snippets
            .iter()
            .all(|m| m.to_lowercase().starts_with("django")),
        "{snippets:?}"
    );
    let passage = browser
        .wait(".card[data-slug='web-development'] .card-snippet:not([hidden])")
        .await?
        .text()
        .await?;
    assert!(passage.to_lowercase().contains("django"), "{passage}");
    browser.wait_path("/?q=django").await?;
    let status = browser.wait(".status").await?.text().await?;
    assert!(status.contains("for “django”"), "{status}");
    assert_eq!(
        browser
            .js("return document.querySelector('.status').getAttribute('role')")
            .await?,
        "status"
    );

    // Another query moves the cards; the marks follow it, in the cards that now match.
    browser.wait(".search-clear").await?.click().await?;
    input.send_keys("geopandas").await?;
    browser
        .wait_js("document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'gis'")
        .await?;
    let marks = browser.wait_marked(".card[data-slug='gis']").await?;
    assert!(
        marks.iter().all(|m| m.eq_ignore_ascii_case("geopandas")),
        "{marks:?}"
    );
    assert_eq!(
        browser.marked(".card[data-slug='web-development']").await?,
        Vec::<String>::new()
    );
    // The snippets follow the query too: none still shows the last one's passage.
    let passages = browser.texts(".card-snippet:not([hidden])").await?;
    assert!(
        !passages.is_empty()
            && passages
                .iter()
                .all(|p| !p.to_lowercase().contains("django")),
        "{passages:?}"
    );

    // Clearing shows every card again, with nothing marked.
    browser.wait(".search-clear").await?.click().await?;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === {}",
            content().categories().len()
        ))
        .await?;
    browser.wait_path("/").await?;
    assert_eq!(browser.marked(".grid").await?, Vec::<String>::new());
    assert_eq!(
        browser
            .js("return document.querySelectorAll('.card-snippet:not([hidden])').length")
            .await?,
        0
    );
    browser.finish().await
}

/// The URL follows the typing once it pauses (300 ms); the router reports that change a
/// moment later. Keys typed with pauses around that delay land in that moment now and
/// then, and none may be undone by it.
#[tokio::test]
async fn typing_with_pauses_loses_no_keystroke() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let input = browser.wait("#search-input").await?;
    let query = "machine learning with pytorch";
    for (i, key) in query.chars().enumerate() {
        input.send_keys(key.to_string()).await?;
        let pause = 270 + (i as u64 * 7) % 60;
        tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
    }
    assert_eq!(browser.search_value().await?, query);
    browser
        .wait_path("/?q=machine%20learning%20with%20pytorch")
        .await?;
    let first = browser.first_listed().await?;
    assert_eq!(first.as_deref(), Some("machine-learning"));
    browser.finish().await
}

#[tokio::test]
async fn the_query_in_the_url_restores_the_search() -> Result {
    let browser = Browser::start().await?;
    browser.open("/?q=scrapy").await?;
    browser
        .wait_marked(".grid .card[data-slug]:not([hidden])")
        .await?;
    assert_eq!(browser.search_value().await?, "scrapy");
    let first = browser.first_listed().await?;
    assert_eq!(first.as_deref(), Some("web-scraping"));
    browser.finish().await
}

#[tokio::test]
async fn tag_and_library_chips_filter_and_combine() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait(".chip-tag").await?;
    browser
        .js("[...document.querySelectorAll('.chip-tag')].find(b => b.textContent === 'Bots').click()")
        .await?;
    browser.wait_js("location.search === '?tag=bots'").await?;
    let slugs = browser
        .js("return [...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].map(c => c.dataset.slug)")
        .await?;
    let bots: Vec<&str> = content()
        .categories()
        .iter()
        .filter(|c| c.tags.iter().any(|t| t == "bots"))
        .map(|c| c.slug.as_str())
        .collect();
    assert!(bots.len() >= 2);
    assert_eq!(slugs, serde_json::json!(bots));

    // A library chip narrows further and shows as a removable filter.
    browser
        .wait(".card[data-slug='discord-bots'] .chip-library")
        .await?
        .click()
        .await?;
    browser.wait(".active-filter").await?;
    assert!(browser.path().await?.starts_with("/?tag=bots&lib="));
    // The chip of the library shows as pressed, in every card that lists it, and no other.
    let pressed = "[...document.querySelectorAll('.chip-library[aria-pressed=true]')].map(c => c.textContent)";
    let names = browser
        .wait_js(&format!("{pressed}.length > 0 && {pressed}"))
        .await?;
    let lib = browser
        .js("return new URLSearchParams(location.search).get('lib')")
        .await?;
    let names = names.as_array().ok_or("the pressed chips' names")?;
    assert!(
        names.iter().all(|n| *n == lib),
        "{names:?} pressed for {lib}"
    );
    browser.wait(".active-filter button").await?.click().await?;
    browser.wait_js("location.search === '?tag=bots'").await?;
    browser.wait_js(&format!("{pressed}.length === 0")).await?;
    browser.finish().await
}

#[tokio::test]
async fn the_query_is_shown_as_text_never_as_markup() -> Result {
    let browser = Browser::start().await?;
    let payload = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script>";
    browser
        .open(&format!("/?q={}", pyuses::params::encode(payload)))
        .await?;
    browser.wait(".status").await?;
    assert_eq!(browser.search_value().await?, payload);
    assert_eq!(
        browser.js("return window.__xss ?? null").await?,
        serde_json::Value::Null
    );
    assert_eq!(
        browser
            .js("return document.querySelectorAll('main img, main script').length")
            .await?,
        0
    );
    let status = browser.wait(".status").await?.text().await?;
    assert!(
        status.contains("<img src=x"),
        "the status quotes the query as text: {status}"
    );
    browser.finish().await
}

#[tokio::test]
async fn bad_url_parameters_fall_back_to_defaults() -> Result {
    let browser = Browser::start().await?;
    browser.open("/?tag=nope&lib=%00%ff&q=").await?;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === {}",
            content().categories().len()
        ))
        .await?;
    assert_eq!(
        browser
            .js("return document.querySelector('.chip-tag[aria-pressed=true]').textContent")
            .await?,
        "All"
    );
    browser.finish().await
}

/// A listing puts its first cards in order at once and the others after the next paint:
/// in the end every listed card stands where the ranking puts it.
#[tokio::test]
async fn typing_puts_every_listed_card_where_the_ranking_puts_it() -> Result {
    let ranked = ranking("data");
    assert!(ranked.len() > 12, "{ranked:?}");
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser
        .wait("#search-input")
        .await?
        .send_keys("data")
        .await?;
    // The cards were built in the order of the blank query: the keystrokes move most of
    // them, with the fewest moves, and hide none of those the ranking lists.
    let expected = serde_json::to_string(&ranked)?;
    let listed = "[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].map((c) => c.dataset.slug)";
    browser
        .wait_js(&format!(
            "JSON.stringify({listed}) === JSON.stringify({expected})"
        ))
        .await?;
    browser.driver.clone().quit().await?;
    Ok(())
}

/// The first cards of a listing are marked at once and the others after the next paint:
/// the cards past the first screen are marked too, and the first ones stay marked.
#[tokio::test]
async fn cards_past_the_first_screen_are_marked_after_the_first_ones() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser
        .wait("#search-input")
        .await?
        .send_keys("data")
        .await?;
    let listed = "[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')]";
    browser.wait_js(&format!("{listed}.length > 12")).await?;
    // The cards past the twelfth that show a passage of their body have it marked.
    let marked_past = format!(
        "(() => {{
            const highlight = CSS.highlights.get('search');
            const cards = {listed}.slice(12).filter((c) => {{
                const s = c.querySelector('.card-snippet');
                return s && !s.hidden;
            }});
            return cards.length > 0 && cards.every((card) =>
                [...highlight].some((r) => card.contains(r.startContainer)));
        }})()"
    );
    browser.wait_js(&marked_past).await?;
    let first = browser.first_listed().await?.expect("a first card");
    let marks = browser
        .marked(&format!(".card[data-slug='{first}']"))
        .await?;
    assert!(
        marks.iter().any(|m| m.to_lowercase().starts_with("data")),
        "{marks:?}"
    );
    browser.driver.clone().quit().await?;
    Ok(())
}

/// A keystroke puts in order, before its first paint, as many cards as the grid measured
/// on screen after the last one. Here that measure is taken with the grid below the fold
/// (one card), then the page scrolls the grid into view: the next keystroke's first frame
/// still shows every card in view where the ranking puts it, not the last query's order.
#[tokio::test]
async fn the_cards_in_view_stand_in_order_in_a_keystrokes_first_frame() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let input = browser.wait("#search-input").await?;
    input.send_keys("data").await?;
    let listed = "[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')]";
    browser
        .wait_js(&format!(
            "JSON.stringify({listed}.map((c) => c.dataset.slug)) === JSON.stringify({})",
            serde_json::to_string(&ranking("data"))?
        ))
        .await?;
    // The listing was measured with the grid below the fold: the case this test is for.
    assert_eq!(
        browser
            .js(&format!(
                "return {listed}[0].getBoundingClientRect().top >= innerHeight"
            ))
            .await?,
        true,
        "the grid must start below the fold at this window size"
    );
    browser
        .js(
            "addEventListener('scroll', () => { window.scrolled = true; }, { once: true });
             document.querySelector('#search-input').scrollIntoView({ block: 'start' });",
        )
        .await?;
    browser.wait_js("window.scrolled === true").await?;
    // Records the cards in view, in the order they show, in the keystroke's first frame.
    browser
        .js(&format!(
            "document.querySelector('#search-input').addEventListener('input', () =>
                requestAnimationFrame(() => {{
                    window.firstFrame = {listed}
                        .map((c) => [c, c.getBoundingClientRect()])
                        .filter(([, r]) => r.top < innerHeight && r.bottom > 0)
                        .sort(([, a], [, b]) => a.top - b.top || a.left - b.left)
                        .map(([c]) => c.dataset.slug);
                }}), {{ once: true }});"
        ))
        .await?;
    input.send_keys(Key::Control + "a").await?;
    browser.keys("w").await?;
    let shown: Vec<String> = serde_json::from_value(browser.wait_js("window.firstFrame").await?)?;
    let ranked = ranking("w");
    assert!(shown.len() > 1, "cards in view: {shown:?}");
    assert_eq!(
        shown,
        ranked[..shown.len()],
        "the cards in view in the first frame"
    );
    browser.finish().await
}
