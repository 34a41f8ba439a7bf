//! `site links` against local servers: a site with pages that answer, move within the
//! site or to another one, are gone (404, 410), are slow (longer than `--timeout`), refuse
//! `HEAD`, fail once, or redirect in a loop; a second site, reached by the name `localhost`
//! so that it is another host; and a server that drops every connection. The fixture
//! content in `tests/links/content` names the servers' ports as `{A}`, `{B}` and `{R}`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use clap::Parser;

use crate::{Cli, Command, links};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bin/site/tests/links");

/// The three servers' addresses.
struct Servers {
    site: SocketAddr,
    other: SocketAddr,
    reset: SocketAddr,
}

/// Starts the servers.
fn serve() -> Servers {
    let other =
        super::serve_on_a_thread(Router::new().route("/landing", get(|| async { "Landed." })));
    let away = format!("http://localhost:{}/landing", other.port());
    let flaky = Arc::new(AtomicUsize::new(0));
    let site = Router::new()
        .route("/ok", get(|| async { "Fine." }))
        .route("/same", get(|| async { moved("/ok") }))
        .route("/away", get(move || std::future::ready(moved(&away))))
        .route("/loop", get(|| async { moved("/loop") }))
        .route("/gone", get(|| async { StatusCode::NOT_FOUND }))
        .route("/removed", get(|| async { StatusCode::GONE }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3)).await;
                "Too late."
            }),
        )
        .route(
            "/head-refused",
            get(|| async { "GET is fine." }).head(|| async { StatusCode::METHOD_NOT_ALLOWED }),
        )
        .route(
            "/flaky",
            get(move || async move {
                if flaky.fetch_add(1, Ordering::SeqCst) == 0 {
                    StatusCode::SERVICE_UNAVAILABLE
                } else {
                    StatusCode::OK
                }
            }),
        );
    let site = super::serve_on_a_thread(site);

    // Accepts every connection and closes it unanswered.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let reset = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            drop(stream);
        }
    });
    Servers { site, other, reset }
}

/// A permanent redirect to `to`.
fn moved(to: &str) -> impl IntoResponse + use<> {
    (
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, to.to_owned())],
    )
}

/// The fixture content with the servers' ports, in a fresh folder.
fn content(name: &str, servers: &Servers) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyuses-links-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let from = Path::new(FIXTURES).join("content");
    for file in [
        "site.md",
        "icons.toml",
        "categories/alpha.md",
        "libraries/thing.toml",
    ] {
        let text = std::fs::read_to_string(from.join(file))
            .unwrap()
            .replace("{A}", &servers.site.port().to_string())
            .replace("{B}", &servers.other.port().to_string())
            .replace("{R}", &servers.reset.port().to_string());
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `site links` with `args`.
fn check(args: &[&str]) -> links::Checked {
    let mut line = vec!["site", "links"];
    line.extend(args);
    let Command::Links(args) = Cli::try_parse_from(line).unwrap().command else {
        panic!("not `site links`")
    };
    links::check(args).unwrap()
}

/// The part of `report` under the title that starts with `title`.
fn section<'a>(report: &'a str, title: &str) -> &'a str {
    let start = report
        .find(&format!("\n{title}"))
        .unwrap_or_else(|| panic!("no `{title}` in\n{report}"));
    let rest = &report[start + 1..];
    let end = rest.find("\n\n").map_or(rest.len(), |end| end + 1);
    &rest[..end]
}

#[test]
fn every_kind_of_link_is_found_with_its_places() {
    let servers = serve();
    let dir = content("kinds", &servers);
    let checked = check(&[
        "--content",
        dir.to_str().unwrap(),
        "--local",
        "--timeout",
        "1",
        "--retries",
        "1",
        "--max-redirects",
        "3",
    ]);
    let report = checked
        .report
        .replace(dir.to_str().unwrap(), "content")
        .replace(&servers.site.port().to_string(), "A")
        .replace(&servers.other.port().to_string(), "B")
        .replace(&servers.reset.port().to_string(), "R");

    assert!(
        report.starts_with(
            "Checked 10 links (13 places in 4 files): 3 fine, 5 broken, 0 now plain HTTP, 1 moved to another site, 1 redirected within their site.\n"
        ),
        "{report}"
    );
    assert_eq!(checked.broken, 5);

    let broken = section(&report, "Broken (5):");
    for block in [
        // A URL in two files is asked for once and reported at both places.
        "  http://127.0.0.1:A/gone\n    404 Not Found\n      content/categories/alpha.md:3\n      content/libraries/thing.toml:4\n",
        "  http://127.0.0.1:A/loop\n    → http://127.0.0.1:A/loop (301)\n    → http://127.0.0.1:A/loop (301)\n    → http://127.0.0.1:A/loop (301)\n    → http://127.0.0.1:A/loop (301)\n    more than 3 redirects\n      content/categories/alpha.md:8\n",
        "  http://127.0.0.1:A/removed\n    410 Gone\n      content/categories/alpha.md:6\n",
        "  http://127.0.0.1:A/slow\n    timed out (2 tries)\n      content/categories/alpha.md:6\n",
    ] {
        assert!(broken.contains(block), "no\n{block}in\n{broken}");
    }
    // The connection dropped unanswered: whatever the system calls it, it is broken, at
    // its place in the code example.
    let reset = broken
        .split_once("  http://127.0.0.1:R/reset\n")
        .unwrap_or_else(|| panic!("no reset in\n{broken}"))
        .1;
    assert!(
        reset.contains("(2 tries)\n      content/categories/alpha.md:11\n"),
        "{reset}"
    );

    let other = section(&report, "Moved to another site");
    assert!(
        other.contains("  http://127.0.0.1:A/away\n    → http://localhost:B/landing (301)\n      content/categories/alpha.md:7\n"),
        "{other}"
    );
    let within = section(&report, "Redirected within their site");
    assert!(
        within.contains("  http://127.0.0.1:A/same\n    → http://127.0.0.1:A/ok (301)\n      content/site.md:7\n"),
        "{within}"
    );
    // Refused HEAD, then a GET; a 503 answered on the second try: both fine.
    for fine in ["/head-refused", "/flaky", "/ok"] {
        assert!(
            !report.contains(&format!("127.0.0.1:A{fine}\n")),
            "{fine} is listed in\n{report}"
        );
    }
}

#[test]
fn links_to_this_machine_are_skipped_unless_asked_for() {
    let servers = Servers {
        site: "127.0.0.1:1".parse().unwrap(),
        other: "127.0.0.1:2".parse().unwrap(),
        reset: "127.0.0.1:3".parse().unwrap(),
    };
    let dir = content("skipped", &servers);
    let checked = check(&["--content", dir.to_str().unwrap()]);
    assert_eq!(checked.broken, 0);
    let report = checked.report.replace(dir.to_str().unwrap(), "content");
    assert!(
        report.starts_with("Checked 0 links (13 places in 4 files)"),
        "{report}"
    );
    assert!(
        report.contains("Skipped 10 links to this machine, a private network or an example host (--local checks them):\n"),
        "{report}"
    );
    assert!(
        report.contains("  http://127.0.0.1:3/reset\n      content/categories/alpha.md:11\n"),
        "{report}"
    );
}
