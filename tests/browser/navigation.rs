//! Opening categories, coming back, deep links, unknown addresses and base paths.

use pyuses::names;

use crate::support::{Browser, Options, Result, Server, content, dist_dir};

#[tokio::test]
async fn a_card_opens_its_page_and_back_returns_to_the_same_spot() -> Result {
    let browser = Browser::start_with(Options {
        width: 1000,
        height: 700,
        ..Options::default()
    })
    .await?;
    browser.open("/?tag=automation").await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    let listed = browser.all(".grid .card[data-slug]:not([hidden])").await?;
    assert!(listed.len() >= 4, "the automation tag lists several fields");

    // Scroll so the last card sits mid-screen, then open it.
    let last = listed.last().unwrap();
    let slug = last
        .attr("data-slug")
        .await?
        .expect("cards carry their slug");
    browser
        .js("[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].pop().scrollIntoView({block: 'center'})")
        .await?;
    let scrolled = browser
        .js("return Math.round(window.scrollY)")
        .await?
        .as_f64()
        .unwrap();
    assert!(scrolled > 100.0, "the page scrolled ({scrolled})");
    last.find(thirtyfour::By::Css(".card-link"))
        .await?
        .click()
        .await?;

    let title = content().category(&slug).unwrap().title.as_str();
    browser
        .wait_js(&format!(
            "document.querySelector('main h1')?.textContent === {title:?}"
        ))
        .await?;
    assert_eq!(browser.path().await?, format!("/category/{slug}/"));
    assert_eq!(
        browser.driver.title().await?,
        format!("{title} · What is Python used for?")
    );

    browser.driver.back().await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    assert_eq!(browser.path().await?, "/?tag=automation");
    assert_eq!(browser.listed_count().await?, listed.len());
    assert_eq!(
        browser
            .js("return document.querySelector('.chip-tag[aria-pressed=true]').textContent")
            .await?,
        "Automation"
    );
    let restored = browser
        .wait_js("Math.round(window.scrollY)")
        .await?
        .as_f64()
        .unwrap();
    assert!(
        (restored - scrolled).abs() <= 2.0,
        "scroll restored: {restored} vs {scrolled}"
    );
    browser.finish().await
}

#[tokio::test]
async fn a_search_survives_opening_a_card_and_coming_back() -> Result {
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let input = browser.wait("#search-input").await?;
    input.send_keys("discord").await?;
    browser.wait_js("location.search === '?q=discord'").await?;
    browser
        .wait_marked(".card[data-slug='discord-bots']")
        .await?;
    browser
        .wait(".card[data-slug='discord-bots'] .card-link")
        .await?
        .click()
        .await?;
    browser
        .wait_js("location.pathname.endsWith('/category/discord-bots/')")
        .await?;

    browser.driver.back().await?;
    browser
        .wait_js("document.querySelector('#search-input')?.value === 'discord'")
        .await?;
    assert_eq!(browser.path().await?, "/?q=discord");
    let first = browser.first_listed().await?;
    assert_eq!(first.as_deref(), Some("discord-bots"));
    browser.finish().await
}

#[tokio::test]
async fn every_category_deep_link_loads_cold() -> Result {
    let browser = Browser::start().await?;
    for category in content().categories() {
        browser
            .open(&format!("/category/{}/", category.slug))
            .await?;
        let heading = browser.wait("main h1").await?.text().await?;
        assert_eq!(heading, category.title);
        let description = browser
            .js("return document.querySelector('meta[name=description]')?.content")
            .await?;
        assert_eq!(description, category.summary);
        // Each library's official site once (a library may be in more than one group).
        let libraries = browser
            .js("const seen = new Map(); for (const a of document.querySelectorAll('.library a.library-site')) seen.set(a.href, [a.href, a.rel, a.target]); return [...seen.values()]")
            .await?;
        let libraries = libraries.as_array().unwrap();
        assert_eq!(
            libraries.len(),
            category.libraries.len(),
            "{}",
            category.slug
        );
        for library in content().library_entries(category) {
            let details = content().library_details(&library.id).unwrap();
            let link = libraries
                .iter()
                .find(|link| link[0] == details.url.as_str())
                .unwrap_or_else(|| panic!("{}: no link to {}", category.slug, details.url));
            assert_eq!(link[1], "noopener noreferrer");
            assert_eq!(link[2], "_blank");
        }
        let related = browser.all(".related .mini-card").await?.len();
        assert_eq!(related, category.related.len(), "{}", category.slug);
        assert!(
            browser
                .js("return document.querySelector('.category-body').textContent.length")
                .await?
                .as_u64()
                > Some(200)
        );
    }
    browser.finish().await
}

#[tokio::test]
async fn unknown_addresses_show_a_helpful_page() -> Result {
    let browser = Browser::start().await?;
    browser.open_missing("/category/machne-lerning").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        "Page not found"
    );
    // The not-found view suggests the field the address looks like.
    let guesses = browser.texts(".not-found .mini-title").await?;
    assert_eq!(
        guesses.first().map(String::as_str),
        Some("Machine Learning and Deep Learning")
    );

    browser.open_missing("/no/such/page").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        "Page not found"
    );
    browser.wait(".not-found a.button").await?.click().await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    assert_eq!(browser.path().await?, "/");
    browser.finish().await
}

#[tokio::test]
async fn the_static_host_answers_deep_links_with_files() {
    let server = Server::start(&dist_dir());
    let (status, _, body) = server.get("/category/web-scraping/");
    assert_eq!(status, 200);
    assert!(body.contains(names::ROOT_META), "a real page for the route");
    let (status, _, _) = server.get("/category/web-scraping");
    assert!(
        matches!(status, 301 | 307 | 308),
        "a folder redirects to its slash form"
    );
    let (status, _, body) = server.get("/nope");
    assert_eq!(status, 404);
    assert!(
        body.contains("<base") || body.contains(names::ROOT_META),
        "404.html is the app shell"
    );
}

#[tokio::test]
async fn the_same_build_works_under_a_base_path() -> Result {
    let server = Server::start_with(&dist_dir(), &["--base", "/docs/python-uses/"]);
    let base = format!("{}/docs/python-uses", server.origin);
    let browser = Browser::on(server, base, Options::default()).await?;

    browser.open("/category/iot/").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        content().category("iot").unwrap().title
    );
    browser.wait(".back-link").await?.click().await?;
    browser.wait(".grid .card[data-slug]:not([hidden])").await?;
    assert_eq!(browser.path().await?, "/");
    assert_eq!(browser.listed_count().await?, content().categories().len());

    // Links carry the base path, and in-app navigation keeps it.
    browser
        .wait(".card[data-slug='education'] .card-link")
        .await?
        .click()
        .await?;
    browser
        .wait_js("document.querySelector('main h1')?.textContent === 'Education'")
        .await?;
    let url = browser.driver.current_url().await?;
    assert_eq!(url.path(), "/docs/python-uses/category/education/");

    // A cold deep link to an unknown page under the base still finds the app.
    browser.open_missing("/category/unknown").await?;
    assert_eq!(
        browser.wait("main h1").await?.text().await?,
        "Page not found"
    );
    browser.finish().await
}
