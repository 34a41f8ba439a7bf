//! Embedding: widgets on a host page served from another origin (another port on
//! 127.0.0.1), their heights, their themes, foreign messages, bad parameters, an opaque
//! origin, and the snippet the Embed dialog hands out.

use std::fs;

use pyuses::names::EMBED_FRAME_ATTR;
use serde_json::Value;
use thirtyfour::By;

use crate::support::{Browser, Options, Result, Server, content, dist_dir, tempdir};

/// The app on one origin, and a browser on a host page served from another.
struct Embedded {
    browser: Browser,
    /// The app's origin, where embed.js and the widgets come from.
    app: String,
    _app_server: Server,
}

/// Serves `body` as the host page `/index.html` on its own origin and opens it.
async fn host(body: &str) -> Result<Embedded> {
    let app_server = Server::start(&dist_dir());
    let app = app_server.origin.clone();
    let dir = tempdir("host");
    let page = format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Host page</title>\
         <link rel=icon href=\"data:,\"></head>\
         <body><h1>A page on another site</h1>{}</body></html>",
        body.replace("APP", &app)
    );
    fs::write(dir.join("index.html"), page)?;
    fs::write(dir.join(pyuses::names::NOT_FOUND_FILE), "not found")?;
    let host_server = Server::start(&dir);
    let origin = host_server.origin.clone();
    assert_ne!(origin, app, "the host page has its own origin");
    let browser = Browser::on(host_server, origin, Options::default()).await?;
    browser.driver.goto(format!("{}/", browser.base)).await?;
    Ok(Embedded {
        browser,
        app,
        _app_server: app_server,
    })
}

impl Embedded {
    /// Runs `script` inside widget `index` (0-based) once its app is running (not just its
    /// prerendered page), then comes back to the host page.
    async fn inside(&self, index: u16, script: &str) -> Result<Value> {
        self.browser.driver.enter_frame(index).await?;
        let value = async {
            self.browser
                .wait_js("document.documentElement.dataset.app === 'ready'")
                .await?;
            self.browser.wait_js(script).await
        }
        .await;
        self.browser.driver.enter_default_frame().await?;
        value
    }

    /// The iframe's height on the host page, in CSS pixels.
    async fn frame_height(&self, index: usize) -> Result<f64> {
        let value = self
            .browser
            .js(&format!(
                "return document.querySelectorAll('iframe')[{index}].getBoundingClientRect().height"
            ))
            .await?;
        Ok(value.as_f64().unwrap_or_default())
    }

    /// Waits until iframe `index` is exactly as tall as the content inside it, so no inner
    /// scrollbar shows; returns that height.
    async fn wait_fitted(&self, index: u16) -> Result<f64> {
        for _ in 0..200 {
            let outer = self.frame_height(index.into()).await?;
            let inner = self
                .inside(index, "Math.ceil(document.querySelector('main.embed').getBoundingClientRect().height) || 0")
                .await?
                .as_f64()
                .unwrap_or_default();
            let scrolls = self
                .inside(
                    index,
                    "String(document.documentElement.scrollHeight > window.innerHeight + 1)",
                )
                .await?;
            if (outer - inner).abs() <= 1.0 && scrolls == "false" {
                return Ok(outer);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Err(format!("iframe {index} never fitted its content").into())
    }
}

const TWO_WIDGETS: &str = r#"
<div id="one" data-pyuses data-categories="web-development,automation" data-theme="dark"></div>
<p>Text between the widgets.</p>
<div id="two" data-pyuses data-categories="telegram-bots" data-theme="light" data-layout="list" data-search="off"></div>
<script src="APP/embed.js" async></script>
"#;

#[tokio::test]
async fn two_widgets_show_their_fields_themes_and_heights() -> Result {
    let page = host(TWO_WIDGETS).await?;
    let browser = &page.browser;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('iframe[{EMBED_FRAME_ATTR}]').length === 2"
        ))
        .await?;

    // The loader's iframes carry a title, lazy loading and the documented sandbox.
    let attrs = browser
        .js("return [...document.querySelectorAll('iframe')].map(f => [f.title.length > 0, f.loading, f.getAttribute('sandbox')])")
        .await?;
    for frame in attrs.as_array().unwrap() {
        assert_eq!(frame[0], true);
        assert_eq!(frame[1], "lazy");
        assert_eq!(
            frame[2],
            "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        );
    }

    let slugs = "[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].map(c => c.dataset.slug).join(',')";
    assert_eq!(page.inside(0, slugs).await?, "web-development,automation");
    assert_eq!(page.inside(1, slugs).await?, "telegram-bots");
    assert_eq!(
        page.inside(0, "document.documentElement.dataset.theme")
            .await?,
        "dark"
    );
    assert_eq!(
        page.inside(1, "document.documentElement.dataset.theme")
            .await?,
        "light"
    );
    assert_eq!(
        page.inside(
            1,
            "String(document.querySelector('#search-input') === null)"
        )
        .await?,
        "true"
    );
    assert_eq!(
        page.inside(
            1,
            "String(document.querySelector('main.embed-list') !== null)"
        )
        .await?,
        "true"
    );

    // Each iframe is as tall as its content.
    let one = page.wait_fitted(0).await?;
    page.wait_fitted(1).await?;

    // Links open the full site in a new tab.
    let link = page
        .inside(0, "[...document.querySelectorAll('.embed a')].map(a => a.target + ' ' + a.rel + ' ' + a.href).join('\\n')")
        .await?;
    for line in link.as_str().unwrap().lines() {
        assert!(
            line.starts_with("_blank noopener noreferrer http"),
            "{line}"
        );
        assert!(line.contains(&page.app), "{line}");
    }

    // A search inside a widget changes its height, and the iframe follows.
    browser.driver.enter_frame(0).await?;
    browser
        .wait("#search-input")
        .await?
        .send_keys("django")
        .await?;
    browser
        .wait_js("document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === 1")
        .await?;
    browser.driver.enter_default_frame().await?;
    let after = page.wait_fitted(0).await?;
    assert!(
        (after - one).abs() > 10.0,
        "the content height changed ({one} → {after}) and the iframe followed"
    );

    // The host can change a widget's theme live.
    browser
        .js("document.getElementById('one').setAttribute('data-theme', 'light')")
        .await?;
    assert_eq!(
        page.inside(
            0,
            "document.documentElement.dataset.theme === 'light' && 'light'"
        )
        .await?,
        "light"
    );
    page.browser.finish().await
}

#[tokio::test]
async fn foreign_messages_change_nothing() -> Result {
    let page = host(TWO_WIDGETS).await?;
    let browser = &page.browser;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('iframe[{EMBED_FRAME_ATTR}]').length === 2"
        ))
        .await?;
    let one = page.wait_fitted(0).await?;
    let two = page.wait_fitted(1).await?;

    // A resize from the host page itself, and from a frame of another origin.
    browser
        .js("window.postMessage({ type: 'pyuses:resize', height: 5 }, '*'); return 1")
        .await?;
    browser
        .js("const f = document.createElement('iframe'); f.id = 'foreign'; \
             f.src = 'data:text/html,<script>parent.postMessage({type:\"pyuses:resize\",height:7},\"*\");\
             parent.frames[0].postMessage({type:\"pyuses:config\",theme:\"light\"},\"*\")</script>'; \
             document.body.append(f); return 1")
        .await?;
    // A widget may only resize itself: widget two claims a height, widget one keeps its own.
    page.inside(
        1,
        "(parent.postMessage({ type: 'pyuses:resize', height: 3000 }, '*'), true)",
    )
    .await?;
    // A config from the app's origin, but not from the embedding page, is ignored too.
    page.inside(
        1,
        "(parent.frames[0].postMessage({ type: 'pyuses:config', theme: 'light' }, '*'), true)",
    )
    .await?;
    // Give the messages time to arrive.
    browser
        .js("return new Promise(r => setTimeout(() => r(1), 300))")
        .await?;

    assert_eq!(page.frame_height(0).await?, one);
    assert!(page.frame_height(1).await? >= two);
    assert_eq!(
        page.inside(0, "document.documentElement.dataset.theme")
            .await?,
        "dark"
    );
    page.browser.finish().await
}

#[tokio::test]
async fn bad_parameters_give_the_defaults() -> Result {
    let browser = Browser::start().await?;
    browser
        .open("/embed/?categories=nope,%3Cscript%3E&theme=purple&search=maybe&layout=3d&limit=-5&origin=javascript:alert(1)&q=")
        .await?;
    browser
        .wait_js(&format!(
            "document.querySelectorAll('.grid .card[data-slug]:not([hidden])').length === {}",
            content().categories().len()
        ))
        .await?;
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme ?? null")
            .await?,
        Value::Null
    );
    assert!(
        !browser.all("#search-input").await?.is_empty(),
        "search defaults to on"
    );
    assert!(
        browser.all("main.embed-list").await?.is_empty(),
        "layout defaults to grid"
    );
    // No site frame inside a widget.
    assert!(browser.all(".site-header, .site-footer").await?.is_empty());
    browser.finish().await
}

#[tokio::test]
async fn an_opaque_origin_still_renders_and_searches() -> Result {
    let page = host(r#"<iframe sandbox="allow-scripts" title="Widget" style="width:100%;height:600px" src="APP/embed/?q=scrapy"></iframe>"#).await?;
    let browser = &page.browser;
    assert_eq!(
        page.inside(
            0,
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug"
        )
        .await?,
        "web-scraping"
    );
    assert_eq!(page.inside(0, "String(window.origin)").await?, "null");
    browser.driver.enter_frame(0).await?;
    let input = browser.wait("#search-input").await?;
    input.clear().await?;
    input.send_keys("telegram").await?;
    browser
        .wait_js(
            "document.querySelector('.grid .card[data-slug]:not([hidden])')?.dataset.slug === 'telegram-bots'",
        )
        .await?;
    browser.driver.enter_default_frame().await?;
    page.browser.finish().await
}

#[tokio::test]
async fn the_dialogs_snippet_works_on_another_site() -> Result {
    // Open the dialog on the app, choose two fields and the list layout, copy the snippet.
    let browser = Browser::start().await?;
    browser.open("/").await?;
    let opener = browser.wait(".embed-button").await?;
    opener.click().await?;
    let dialog = browser.wait("dialog.embed-dialog[open]").await?;
    // Keyboard: focus is inside the dialog.
    assert!(
        browser.focused().await?.contains("Close")
            || browser.focused().await?.starts_with("button")
    );
    for slug in ["machine-learning", "web-scraping"] {
        dialog
            .find(By::Css(format!("input[value='{slug}']")))
            .await?
            .click()
            .await?;
    }
    browser
        .js("[...document.querySelectorAll('.embed-options .choice')].find(l => l.textContent.trim() === 'List').querySelector('input').click()")
        .await?;
    let snippet = browser
        .wait_js("document.querySelector('#snippet-loader').value.includes('data-layout') && document.querySelector('#snippet-loader').value")
        .await?;
    let snippet = snippet.as_str().unwrap().to_owned();
    assert!(
        snippet.contains(r#"data-categories="machine-learning,web-scraping""#),
        "{snippet}"
    );
    // The preview shows the choice.
    browser.driver.enter_frame(0).await?;
    browser.wait_js("[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].map(c => c.dataset.slug).join() === 'machine-learning,web-scraping'").await?;
    browser.driver.enter_default_frame().await?;
    // Escape closes it, and focus returns to the button.
    browser.keys(thirtyfour::Key::Escape).await?;
    browser
        .wait_js("!document.querySelector('dialog.embed-dialog').open")
        .await?;
    assert!(
        browser
            .focused()
            .await?
            .starts_with("button#.icon-button embed-button"),
        "{}",
        browser.focused().await?
    );
    browser.finish().await?;

    // Paste it into a blank page on another origin (the app now runs on a new port).
    let origin = snippet
        .split("embed.js")
        .next()
        .unwrap()
        .rsplit('"')
        .next()
        .unwrap()
        .to_owned();
    let page = host(&snippet.replace(&origin, "APP/")).await?;
    page.browser
        .wait_js(&format!(
            "document.querySelectorAll('iframe[{EMBED_FRAME_ATTR}]').length === 1"
        ))
        .await?;
    let slugs = "[...document.querySelectorAll('.grid .card[data-slug]:not([hidden])')].map(c => c.dataset.slug).join(',')";
    assert_eq!(
        page.inside(0, slugs).await?,
        "machine-learning,web-scraping"
    );
    page.wait_fitted(0).await?;
    page.browser.finish().await
}

#[test]
fn the_loader_is_small() {
    use std::io::Write;
    let loader = fs::read(dist_dir().join("embed.js")).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&loader).unwrap();
    let gzip = encoder.finish().unwrap().len();
    assert!(gzip <= 3 * 1024, "embed.js is {gzip} bytes gzip, over 3 KB");
}
