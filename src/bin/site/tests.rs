//! Snapshots of prerendered pages (`insta`): a field page, a library page and the home
//! page, rendered natively as `site postbuild` renders them, from a fixed stand-in for
//! Trunk's `index.html` (`tests/trunk_index.html`, the shape of Trunk's minified release
//! output), so no built site is needed. A change to a page shows up as a reviewable diff
//! of `snapshots/`; `INSTA_UPDATE=always cargo test --bin site` (or `cargo insta review`)
//! takes a new one.

use std::path::Path;
use std::sync::OnceLock;

use pyuses::content::categories;

use crate::postbuild::{self, DataFiles, Site};

/// The stand-in for the `index.html` Trunk writes into its staging folder.
const TRUNK_INDEX: &str = include_str!("tests/trunk_index.html");

/// Where the snapshots say the site lives.
const SITE_URL: &str = "https://example.org/py/";

/// The whole site, rendered once for every test: the policy in each page covers the
/// inline scripts of all of them.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let content = pyuses_content::pipeline::build_dir(&dir)
            .unwrap_or_else(|problems| panic!("content/ does not build:\n{}", problems.join("\n")));
        let bodies: Vec<String> = content
            .categories
            .iter()
            .map(|c| format!("data/field/{}-0123456789abcdef.bin", c.slug))
            .collect();
        pyuses::content::install_content(&content, bodies.clone());
        assert_eq!(bodies.len(), categories().len());
        let data = DataFiles {
            home: "data/home-0123456789abcdef.bin".into(),
            bodies,
        };
        postbuild::render_site(TRUNK_INDEX, SITE_URL, &data).expect("the site renders")
    })
}

/// The finished page written to `file`.
fn page(file: &str) -> &'static str {
    site()
        .pages
        .iter()
        .find(|(f, _)| f == file)
        .map(|(_, html)| html.as_str())
        .unwrap_or_else(|| panic!("no page {file}"))
}

#[test]
fn home_page() {
    insta::assert_snapshot!(page("index.html"));
}

#[test]
fn field_page() {
    insta::assert_snapshot!(page("category/web-development/index.html"));
}

#[test]
fn library_page() {
    insta::assert_snapshot!(page("library/django/index.html"));
}
