//! Snapshots of prerendered pages (`insta`): a field page, a library page and the home
//! page, rendered natively as `site postbuild` renders them, from a fixed stand-in for
//! Trunk's `index.html` (`tests/trunk_index.html`, the shape of Trunk's minified release
//! output), so no built site is needed. A change to a page shows up as a reviewable diff
//! of `snapshots/`; `INSTA_UPDATE=always cargo test --bin site` (or `cargo insta review`)
//! takes a new one.
//!
//! The commands that read the web are tested against local servers, one file per command
//! beside a fixture folder of the same name: [`pulse_refresh`], [`links`].

mod links;
mod pulse_refresh;

use std::path::Path;
use std::sync::OnceLock;

use pyuses::content::{Data, SiteData};

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
        let site = SiteData::new(Data::from_content(&content, bodies.clone()));
        assert_eq!(bodies.len(), site.data.categories().len());
        let data = DataFiles {
            home: "data/home-0123456789abcdef.bin".into(),
            bodies,
        };
        postbuild::render_site(site, TRUNK_INDEX, SITE_URL, &data, true).expect("the site renders")
    })
}

/// Serves `app` on a free port of 127.0.0.1 from a thread of its own, for as long as the
/// tests run: the commands start runtimes of their own.
fn serve_on_a_thread(app: axum::Router) -> std::net::SocketAddr {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime for the test server");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a free port");
            sender
                .send(listener.local_addr().expect("an address"))
                .expect("the test waits");
            axum::serve(listener, app)
                .await
                .expect("the test server runs");
        });
    });
    receiver.recv().expect("the server starts")
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

#[test]
fn every_page_of_the_site_frame_has_the_offline_control_the_script_drives() {
    use pyuses::names::{BOOT_ATTR, OFFLINE_ATTR, OFFLINE_LABEL_ATTR, OFFLINE_STATUS_ATTR};
    for file in [
        "index.html",
        "category/web-development/index.html",
        "library/django/index.html",
    ] {
        let html = page(file);
        for attr in [
            OFFLINE_ATTR,
            OFFLINE_LABEL_ATTR,
            OFFLINE_STATUS_ATTR,
            BOOT_ATTR,
        ] {
            assert!(html.contains(&format!("{attr}=")), "{file} has no {attr}");
        }
        // The script that drives it looks for the same names.
        assert!(html.contains(&format!("[{OFFLINE_ATTR}]")), "{file}");
    }
    // The embed view has no frame, so no control and no worker.
    let embed = page("embed/index.html");
    assert!(!embed.contains(&format!("{OFFLINE_ATTR}=")));
}
