//! PyPI's JSON API: `GET {base}/{project}/json`, one request per project, a few at a time.

use std::collections::BTreeMap;

use futures::StreamExt;
use reqwest::{Client, Method, StatusCode};
use serde::Deserialize;

use super::{Lookup, Release};
use crate::http;

/// The API asked when no other is given.
pub const DEFAULT_API: &str = "https://pypi.org/pypi";

/// A licence longer than this, or on more than one line, is the licence's whole text
/// rather than its name, and is left out.
const LICENSE_MAX_CHARS: usize = 60;

/// The parts of a project's JSON that the pulse file records.
#[derive(Debug, Deserialize)]
struct Project {
    info: Info,
    /// The files of the latest version.
    #[serde(default)]
    urls: Vec<File>,
}

#[derive(Debug, Deserialize)]
struct Info {
    version: Option<String>,
    license: Option<String>,
    license_expression: Option<String>,
    requires_python: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    upload_time_iso_8601: Option<String>,
}

/// Looks up every project (library id → project) at `base`, `concurrency` at a time, with a
/// progress bar on a terminal.
pub async fn fetch_all(
    client: &Client,
    base: &str,
    projects: &BTreeMap<String, String>,
    concurrency: usize,
    patience: http::Patience<'_>,
) -> BTreeMap<String, Lookup> {
    let progress = http::progress(projects.len(), "PyPI");
    let base = base.trim_end_matches('/');
    let lookups = futures::stream::iter(projects)
        .map(|(id, project)| {
            let progress = &progress;
            async move {
                let lookup = fetch(client, base, project, patience).await;
                progress.set_message(project.clone());
                progress.inc(1);
                (id.clone(), lookup)
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    progress.finish_and_clear();
    lookups
}

/// Looks up one project.
async fn fetch(client: &Client, base: &str, project: &str, patience: http::Patience<'_>) -> Lookup {
    let url = format!("{base}/{project}/json");
    match http::fetch(client, Method::GET, &url, true, patience).await {
        Err(why) => Lookup::Failed(why),
        Ok(answer) if answer.status == StatusCode::NOT_FOUND => Lookup::NotFound,
        Ok(answer) => match answer.body {
            Some(body) => match parse(&body) {
                Ok(release) => Lookup::Found(release),
                Err(why) => Lookup::Failed(format!("unreadable answer: {why}")),
            },
            None if answer.tries > 1 => Lookup::Failed(format!(
                "answered {} ({} tries)",
                answer.status, answer.tries
            )),
            None => Lookup::Failed(format!("answered {}", answer.status)),
        },
    }
}

/// What a project's JSON says of its latest release.
fn parse(body: &[u8]) -> Result<Release, serde_json::Error> {
    let project: Project = serde_json::from_slice(body)?;
    let info = project.info;
    let license = non_empty(info.license_expression).or_else(|| {
        non_empty(info.license).filter(|text| {
            text.chars().count() < LICENSE_MAX_CHARS
                && !text.contains('\n')
                && !text.eq_ignore_ascii_case("unknown")
        })
    });
    // The release date is when its last file was uploaded.
    let released = project
        .urls
        .iter()
        .filter_map(|file| file.upload_time_iso_8601.as_deref())
        .filter_map(|time| time.get(..10))
        .max()
        .map(str::to_owned);
    Ok(Release {
        version: non_empty(info.version),
        released,
        license,
        python: non_empty(info.requires_python),
    })
}

/// The trimmed text, when there is any.
fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_release_is_the_latest_upload_and_the_licence_a_short_name() {
        let body = br#"{"info":{"version":"5.2.8","license":"BSD-3-Clause",
            "license_expression":null,"requires_python":">=3.10"},
            "urls":[{"upload_time_iso_8601":"2026-11-05T14:02:11.123456Z"},
                    {"upload_time_iso_8601":"2026-11-06T09:00:00.000000Z"}]}"#;
        let release = parse(body).unwrap();
        assert_eq!(release.version.as_deref(), Some("5.2.8"));
        assert_eq!(release.released.as_deref(), Some("2026-11-06"));
        assert_eq!(release.license.as_deref(), Some("BSD-3-Clause"));
        assert_eq!(release.python.as_deref(), Some(">=3.10"));
    }

    #[test]
    fn a_licence_expression_wins_and_a_licence_text_is_left_out() {
        let body =
            br#"{"info":{"version":"1","license":"MIT","license_expression":"Apache-2.0 OR MIT",
            "requires_python":""},"urls":[]}"#;
        let release = parse(body).unwrap();
        assert_eq!(release.license.as_deref(), Some("Apache-2.0 OR MIT"));
        assert_eq!(release.python, None);
        assert_eq!(release.released, None);
        let body = br#"{"info":{"version":"1","license":"Copyright (c) 2020\nPermission is hereby granted",
            "requires_python":null},"urls":[]}"#;
        assert_eq!(parse(body).unwrap().license, None);
        let body = br#"{"info":{"version":"1","license":"UNKNOWN"},"urls":[]}"#;
        assert_eq!(parse(body).unwrap().license, None);
    }
}
