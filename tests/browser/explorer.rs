//! Everything in the content is on the page.

use pyuses::components::category_card::CARD_LIBRARIES;
use serde_json::json;

use crate::support::{Browser, Options, Result, content};

#[tokio::test]
async fn every_card_renders_with_its_content() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;

    let titles = browser
        .texts(".grid .card[data-slug]:not([hidden]) .card-title")
        .await?;
    let expected: Vec<&str> = content()
        .categories()
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(titles, expected);

    for category in content().categories() {
        let card = format!(".card[data-slug='{}']", category.slug);
        let summary = browser.texts(&format!("{card} .card-summary")).await?;
        assert_eq!(summary, [category.summary.as_str()]);
        // The field's first libraries as chips, and a link to the rest on its page.
        let chips = browser.texts(&format!("{card} .chip-library")).await?;
        let names: Vec<&str> = content()
            .library_entries(category)
            .map(|l| l.name.as_str())
            .collect();
        let shown = names.len().min(CARD_LIBRARIES);
        assert_eq!(chips, names[..shown], "{}", category.slug);
        let more = browser.texts(&format!("{card} .chip-more")).await?;
        if names.len() > shown {
            assert_eq!(more, [format!("+{} more", names.len() - shown)]);
        } else {
            assert!(more.is_empty(), "{}: {more:?}", category.slug);
        }
        // The icon's strokes, drawn as one path.
        assert_eq!(
            browser
                .js(&format!(
                    "return [...document.querySelectorAll(\"{card} svg.card-icon path\")].map(p => p.getAttribute('d'))"
                ))
                .await?,
            json!([content().icon_path(&category.icon)])
        );
        let href = browser
            .js(&format!(
                "return document.querySelector(\"{card} a.card-link\").href"
            ))
            .await?;
        assert_eq!(
            href,
            format!("{}/category/{}/", browser.base, category.slug)
        );
    }
    assert_eq!(
        browser.texts(".status").await?,
        [format!("{} fields", content().categories().len())]
    );
    browser.finish().await
}

#[tokio::test]
async fn home_has_the_uses_reasons_and_further_reading() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser.wait(".uses").await?;

    let uses = browser.texts(".uses a").await?;
    let labels: Vec<&str> = content()
        .site()
        .uses
        .iter()
        .map(|u| u.label.as_str())
        .collect();
    assert_eq!(uses, labels);
    assert_eq!(uses.len(), 15, "the seed lists 15 uses");

    let reasons = browser.texts(".reason h3").await?;
    assert_eq!(
        reasons,
        content()
            .site()
            .reasons
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>()
    );

    let links = browser
        .js("return [...document.querySelectorAll('.reading a')].map(a => [a.href, a.rel, a.target])")
        .await?;
    let links = links.as_array().expect("a list");
    assert_eq!(links.len(), content().site().further_reading.len());
    for (link, expected) in links.iter().zip(&content().site().further_reading) {
        assert_eq!(link[0], expected.url);
        assert_eq!(link[1], "noopener noreferrer");
        assert_eq!(link[2], "_blank");
    }

    // Every external link on the page is opened without an opener.
    let unsafe_links = browser
        .js("return [...document.querySelectorAll('a[href^=\"http\"]')].filter(a => a.rel !== 'noopener noreferrer').map(a => a.href)")
        .await?;
    assert_eq!(unsafe_links, serde_json::json!([]));

    // The intro links python.org's applications page and PyPI.
    let intro = browser
        .js("return [...document.querySelectorAll('.hero-intro a')].map(a => a.href)")
        .await?;
    let intro = intro.to_string();
    assert!(
        intro.contains(&content().site().python_apps_url)
            && intro.contains(&content().site().pypi_url),
        "{intro}"
    );
    browser.finish().await
}

#[tokio::test]
async fn phones_get_no_sideways_scrolling() -> Result {
    let browser = Browser::start_with(Options {
        width: 320,
        height: 720,
        ..Options::default()
    })
    .await?;
    for path in ["/", "/category/machine-learning/", "/nope"] {
        if path == "/nope" {
            browser.open_missing(path).await?;
        } else {
            browser.open(path).await?;
        }
        browser.wait("main h1").await?;
        let overflow = browser
            .js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await?;
        assert_eq!(overflow, 0, "{path} scrolls sideways at 320 px");
    }
    browser.finish().await
}

#[tokio::test]
async fn a_cards_more_link_opens_the_fields_full_library_list() -> Result {
    let category = content()
        .categories()
        .iter()
        .find(|c| content().library_entries(c).count() > CARD_LIBRARIES)
        .expect("a field with more libraries than a card shows");
    let browser = Browser::start().await?;
    browser.open("/").await?;
    browser
        .wait(&format!(".card[data-slug='{}'] .chip-more", category.slug))
        .await?
        .click()
        .await?;
    browser
        .wait_js(&format!(
            "location.pathname.endsWith('/category/{}/') && location.hash === '#libraries'",
            category.slug
        ))
        .await?;
    // The list is in view, and it names every library of the field.
    browser
        .wait_js("(() => { const r = document.getElementById('libraries')?.getBoundingClientRect(); return !!r && r.top >= 0 && r.top < innerHeight; })()")
        .await?;
    // Each library once, though it may be in more than one of the field's groups; the
    // tables come with the page's data file, which may still be on its way.
    browser
        .wait_js("document.querySelector('#libraries table tbody th a') !== null")
        .await?;
    let listed = browser
        .js("return new Set([...document.querySelectorAll('#libraries tbody th a:not(.library-site)')].map(a => a.pathname)).size")
        .await?;
    assert_eq!(listed, content().library_entries(category).count());
    browser.finish().await
}
