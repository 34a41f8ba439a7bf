//! The download data: top-pypi-packages' monthly list of the most downloaded projects,
//! `{"last_update": "2026-04-01 06:34:06", "rows": [{"download_count": N, "project": "name"}, …]}`.

use std::collections::HashMap;
use std::fs;

use anyhow::{Context, Result, anyhow, ensure};
use pyuses_content::pipeline::library::normalize_pypi;
use pyuses_content::pulse::DownloadsMeta;
use reqwest::{Client, Method};
use serde::Deserialize;

use crate::http;

/// Where the data is read from when no other source is given.
pub const DEFAULT_URL: &str =
    "https://hugovk.github.io/top-pypi-packages/top-pypi-packages-30-days.min.json";
/// What the file calls the source.
const NAME: &str = "top-pypi-packages (30 days)";
/// The source's public page.
const PAGE: &str = "https://hugovk.dev/top-pypi-packages/";

/// The download data, read.
#[derive(Debug, Clone)]
pub struct Downloads {
    /// The source's entry in the pulse file: its date and its smallest count.
    pub meta: DownloadsMeta,
    /// Normalised project name → downloads in the data's 30 days.
    pub counts: HashMap<String, u64>,
}

/// The JSON as published.
#[derive(Debug, Deserialize)]
struct Data {
    last_update: String,
    rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
struct Row {
    download_count: u64,
    project: String,
}

impl Downloads {
    /// Parses the published JSON.
    pub fn parse(bytes: &[u8]) -> Result<Downloads> {
        let data: Data = serde_json::from_slice(bytes)
            .context("it is not top-pypi-packages' JSON (`last_update` and `rows`)")?;
        let date = data.last_update.get(..10).unwrap_or_default();
        ensure!(
            date.len() == 10 && pyuses_content::Month::parse(date).is_some(),
            "its `last_update` (`{}`) does not start with a date",
            data.last_update
        );
        let floor = data
            .rows
            .iter()
            .map(|row| row.download_count)
            .min()
            .ok_or_else(|| anyhow!("it lists no projects"))?;
        let counts = data
            .rows
            .into_iter()
            .map(|row| (normalize_pypi(&row.project), row.download_count))
            .collect();
        Ok(Downloads {
            meta: DownloadsMeta {
                name: NAME.to_owned(),
                url: PAGE.to_owned(),
                date: date.to_owned(),
                floor,
            },
            counts,
        })
    }

    /// A project's downloads, when the data lists it.
    pub fn count(&self, project: &str) -> Option<u64> {
        self.counts.get(&normalize_pypi(project)).copied()
    }
}

#[cfg(test)]
impl Default for Downloads {
    /// No data: every project has fewer than 1,000 downloads.
    fn default() -> Self {
        Downloads {
            meta: DownloadsMeta {
                name: NAME.to_owned(),
                url: PAGE.to_owned(),
                date: "2026-01-01".to_owned(),
                floor: 1000,
            },
            counts: HashMap::new(),
        }
    }
}

/// Reads the data from `source`: a URL (`http://`, `https://`) or a file.
pub async fn read(
    client: &Client,
    source: &str,
    patience: http::Patience<'_>,
) -> Result<Downloads> {
    let bytes = if source.starts_with("https://") || source.starts_with("http://") {
        let answer = http::fetch(client, Method::GET, source, true, patience)
            .await
            .map_err(|why| anyhow!("cannot read the download data from {source}: {why}"))?;
        answer.body.ok_or_else(|| {
            anyhow!(
                "cannot read the download data from {source}: it answered {}",
                answer.status
            )
        })?
    } else {
        fs::read(source).with_context(|| format!("cannot read the download data `{source}`"))?
    };
    Downloads::parse(&bytes).with_context(|| format!("cannot use the download data {source}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_is_the_smallest_count_and_names_are_normalised() {
        let data = br#"{"last_update":"2026-04-01 06:34:06","rows":[
            {"download_count":300,"project":"Zope.Interface"},
            {"download_count":1200,"project":"requests"}]}"#;
        let downloads = Downloads::parse(data).unwrap();
        assert_eq!(downloads.meta.date, "2026-04-01");
        assert_eq!(downloads.meta.floor, 300);
        assert_eq!(downloads.count("zope_interface"), Some(300));
        assert_eq!(downloads.count("Requests"), Some(1200));
        assert_eq!(downloads.count("django"), None);
    }

    #[test]
    fn data_without_rows_or_a_date_is_refused() {
        let empty = br#"{"last_update":"2026-04-01 06:34:06","rows":[]}"#;
        assert!(Downloads::parse(empty).is_err());
        let undated = br#"{"last_update":"yesterday","rows":[{"download_count":1,"project":"a"}]}"#;
        assert!(Downloads::parse(undated).is_err());
        assert!(Downloads::parse(b"[]").is_err());
    }
}
