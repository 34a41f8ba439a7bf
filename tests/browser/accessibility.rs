//! axe-core, from the npm registry, finds no violations in either theme.

use serde_json::Value;

use crate::support::{Browser, Options, Result};

/// axe-core's browser build, installed by `scripts/test` from tests/package-lock.json.
fn axe_source() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/node_modules/axe-core/axe.min.js"
    );
    std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("{path} is missing: run `npm ci --prefix tests` (scripts/test does)")
    })
}

/// Runs axe on the current page and returns its violations, summarised.
async fn violations(browser: &Browser) -> Result<Vec<String>> {
    browser.js(&format!("{}; return 1", axe_source())).await?;
    let script = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] })
            .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' → ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
            .catch(e => done(['axe failed: ' + e]));";
    let value = browser
        .driver
        .execute_async(script, vec![])
        .await?
        .json()
        .clone();
    Ok(match value {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("unexpected axe result: {other}")],
    })
}

async fn audit(options: Options) -> Result {
    let browser = Browser::start_with(options).await?;
    for path in ["/", "/?q=scrap", "/category/data-science/", "/nope"] {
        if path == "/nope" {
            browser.open_missing(path).await?;
        } else {
            browser.open(path).await?;
        }
        browser.wait("main h1").await?;
        if path.contains("q=") {
            browser
                .wait_marked(".grid .card[data-slug]:not([hidden])")
                .await?;
        }
        let found = violations(&browser).await?;
        assert!(
            found.is_empty(),
            "axe violations on {path} (dark: {}):\n{}",
            options.dark,
            found.join("\n")
        );
    }
    browser.finish().await
}

#[tokio::test]
async fn no_violations_in_the_light_theme() -> Result {
    audit(Options::default()).await
}

#[tokio::test]
async fn no_violations_in_the_dark_theme() -> Result {
    audit(Options {
        dark: true,
        ..Options::default()
    })
    .await
}
