//! `site pulse refresh` against local stand-ins for its sources: an HTTP server in the test
//! serving PyPI's JSON for the fixture projects (one normal, one missing, one that asks to
//! slow down, one that fails once, one that always fails) and the download data, and a
//! local project list. The fixture content, the file before the refresh and the data are in
//! `tests/pulse_refresh/`; the written files and summaries are snapshots.
//!
//! The command runs in the test's process, from its command line, as `main` runs it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clap::Parser;

use crate::{Cli, Command, pulse};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/bin/site/tests/pulse_refresh"
);

/// When each project was asked for.
#[derive(Clone, Default)]
struct Hits(Arc<Mutex<HashMap<String, Vec<Instant>>>>);

impl Hits {
    fn of(&self, project: &str) -> Vec<Instant> {
        self.0
            .lock()
            .unwrap()
            .get(project)
            .cloned()
            .unwrap_or_default()
    }
}

/// PyPI's JSON for a project, with each fixture project's behaviour.
async fn project(State(hits): State<Hits>, UrlPath(project): UrlPath<String>) -> Response {
    let name = project.to_lowercase().replace(['_', '.'], "-");
    let count = {
        let mut hits = hits.0.lock().unwrap();
        let list = hits.entry(name.clone()).or_default();
        list.push(Instant::now());
        list.len()
    };
    match (name.as_str(), count) {
        ("slowpoke", 1) => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "1")],
            "slow down",
        )
            .into_response(),
        ("flaky-thing", 1) | ("stuck", _) => {
            (StatusCode::INTERNAL_SERVER_ERROR, "oops").into_response()
        }
        _ => match std::fs::read_to_string(Path::new(FIXTURES).join(format!("pypi/{name}.json"))) {
            Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
            Err(_) => (StatusCode::NOT_FOUND, "Not Found").into_response(),
        },
    }
}

/// Starts the stand-in for PyPI and the download data on a free port, on a thread of its
/// own (the command starts its own runtime).
fn serve() -> (SocketAddr, Hits) {
    let hits = Hits::default();
    let app = Router::new()
        .route("/pypi/{project}/json", get(project))
        .route(
            "/top-pypi-packages.json",
            get(|| async {
                std::fs::read_to_string(Path::new(FIXTURES).join("top-pypi-packages.json")).unwrap()
            }),
        )
        .with_state(hits.clone());
    (super::serve_on_a_thread(app), hits)
}

/// A fresh folder for one test's output.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "pyuses-pulse-refresh-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `site pulse refresh` with `args`: the summary, or the error with its causes.
fn refresh(args: &[&str]) -> Result<String, String> {
    let mut line = vec!["site", "pulse", "refresh"];
    line.extend(args);
    let cli = Cli::try_parse_from(line).map_err(|e| e.to_string())?;
    let Command::Pulse {
        command: pulse::Command::Refresh(args),
    } = cli.command
    else {
        unreachable!()
    };
    pulse::refresh(args).map_err(|e| format!("{e:#}"))
}

#[test]
fn refresh_from_the_json_api() {
    let (addr, hits) = serve();
    let dir = scratch("json");
    let out = dir.join("pulse.toml");
    std::fs::copy(Path::new(FIXTURES).join("previous.toml"), &out).unwrap();
    let (pypi, downloads) = (
        format!("http://{addr}/pypi"),
        format!("http://{addr}/top-pypi-packages.json"),
    );
    let printed = refresh(&[
        "--content",
        &format!("{FIXTURES}/content"),
        "--out",
        out.to_str().unwrap(),
        "--pypi",
        &pypi,
        "--downloads",
        &downloads,
        "--as-of",
        "2026-12-01",
        "--retries",
        "2",
        "--timeout",
        "5",
    ])
    .unwrap();

    // The 429 was waited out for its Retry-After, then asked again.
    let slowpoke = hits.of("slowpoke");
    assert_eq!(slowpoke.len(), 2);
    assert!(slowpoke[1] - slowpoke[0] >= Duration::from_millis(950));
    // A 500 is tried again; one that keeps failing, as often as asked.
    assert_eq!(hits.of("flaky-thing").len(), 2);
    assert_eq!(hits.of("stuck").len(), 3);
    // The standard library is not PyPI's.
    assert!(hits.of("json").is_empty());

    let written = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("json_api_pulse_toml", written);
    let summary = printed.replace(out.to_str().unwrap(), "OUT");
    insta::assert_snapshot!("json_api_summary", summary);
    for line in [
        "django    5.2.8 → 6.0.1",
        "slowpoke  2.0.0 → 2.1.0",
        "old-lib   last release 2024-10-15",
        "dusty     last release 2024-11-02 (its file says history)",
        "revived   released 2026-10-01",
        "gone      gone-project is not on PyPI",
        "renamed   old-name → new-name",
        "stuck     answered 500 Internal Server Error (3 tries)",
    ] {
        assert!(summary.contains(line), "no `{line}` in\n{summary}");
    }

    // The file written is one the build reads, with the content it was made for.
    let content = Path::new(FIXTURES).join("content");
    let mut sources = pyuses_content::pipeline::read_sources(&content).unwrap();
    sources.insert("pulse.toml".into(), written);
    let built = pyuses_content::pipeline::build(&sources).expect("the content builds with it");
    assert!(
        built.warnings.iter().any(|w| w.contains("old-lib.toml")),
        "{:?}",
        built.warnings
    );
}

#[test]
fn refresh_from_a_project_list_and_a_downloads_file() {
    let dir = scratch("list");
    let out = dir.join("pulse.toml");
    let printed = refresh(&[
        "--content",
        &format!("{FIXTURES}/content"),
        "--out",
        out.to_str().unwrap(),
        "--pypi-list",
        &format!("{FIXTURES}/pypi.tsv"),
        "--as-of",
        "2026-12-01",
        "--downloads",
        &format!("{FIXTURES}/top-pypi-packages.json"),
    ])
    .unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    insta::assert_snapshot!("project_list_pulse_toml", written);
    let summary = printed.replace(out.to_str().unwrap(), "OUT");
    insta::assert_snapshot!("project_list_summary", summary);
    assert!(written.contains("name = \"PyPI project list\""));
    assert!(summary.contains("There was no pulse file before"));
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = scratch("dry");
    let out = dir.join("pulse.toml");
    let printed = refresh(&[
        "--content",
        &format!("{FIXTURES}/content"),
        "--out",
        out.to_str().unwrap(),
        "--pypi-list",
        &format!("{FIXTURES}/pypi.tsv"),
        "--as-of",
        "2026-12-01",
        "--downloads",
        &format!("{FIXTURES}/top-pypi-packages.json"),
        "--dry-run",
    ])
    .unwrap();
    assert!(printed.starts_with("Dry run:"), "{printed}");
    assert!(!out.exists());
}

#[test]
fn a_source_that_cannot_be_read_stops_it_and_is_named() {
    let (addr, _) = serve();
    let dir = scratch("unreadable");
    let out = dir.join("pulse.toml");
    let missing = format!("http://{addr}/no-such-data.json");
    let error = refresh(&[
        "--content",
        &format!("{FIXTURES}/content"),
        "--out",
        out.to_str().unwrap(),
        "--pypi",
        &format!("http://{addr}/pypi"),
        "--downloads",
        &missing,
    ])
    .unwrap_err();
    assert!(error.contains(&missing), "{error}");
    assert!(!out.exists());

    let list = format!("{FIXTURES}/no-such-list.tsv");
    let error = refresh(&[
        "--content",
        &format!("{FIXTURES}/content"),
        "--out",
        out.to_str().unwrap(),
        "--pypi-list",
        &list,
        "--as-of",
        "2026-12-01",
        "--downloads",
        &format!("{FIXTURES}/top-pypi-packages.json"),
    ])
    .unwrap_err();
    assert!(error.contains(&list), "{error}");

    // A project list has no date of its own, so one must be given.
    let error = refresh(&["--pypi-list", &format!("{FIXTURES}/pypi.tsv")]).unwrap_err();
    assert!(error.contains("--as-of"), "{error}");
}
