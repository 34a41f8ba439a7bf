//! `content/pulse.toml`: every PyPI library's figures, with their sources and dates.
//!
//! The file is written by `site pulse refresh` and read by the pipeline, which attaches each
//! library's figures to its [`crate::LibraryDetails`]. It is one file beside the hand-written
//! entries so that a refresh is one reviewable diff. Keyed by library id:
//!
//! ```toml
//! [releases]
//! name = "PyPI"
//! url = "https://pypi.org/"
//! date = "2026-12-01"
//!
//! [downloads]
//! name = "top-pypi-packages"
//! url = "https://hugovk.dev/top-pypi-packages/"
//! date = "2026-04-01"
//! floor = 57487
//!
//! [libraries.django]
//! pypi = "Django"
//! version = "5.2.8"
//! released = "2026-10"
//! downloads = 31415926
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The pulse file's name, relative to the content folder.
pub const PULSE_FILE: &str = "pulse.toml";

/// Months without a release after which a library's page says so, and the build asks the
/// content to call it stable or history.
pub const QUIET_MONTHS: i32 = 24;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PulseFile {
    /// Where versions, release dates, licences and Python versions come from.
    pub releases: SourceMeta,
    /// Where the monthly downloads come from.
    pub downloads: DownloadsMeta,
    /// Library id → its figures; only libraries installed from PyPI.
    #[serde(default)]
    pub libraries: BTreeMap<String, LibraryPulse>,
}

/// A source of figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// Its name.
    pub name: String,
    /// Its public page.
    pub url: String,
    /// The date of its data, `YYYY-MM-DD`: when it was read, or the date it states.
    pub date: String,
}

/// The download data's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadsMeta {
    /// Its name.
    pub name: String,
    /// Its public page.
    pub url: String,
    /// The data's own date (its `last_update`), `YYYY-MM-DD`.
    pub date: String,
    /// The smallest count it lists: a project outside it has fewer downloads than this.
    pub floor: u64,
}

/// One library's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryPulse {
    /// The PyPI project the figures are for (the library file's `pypi`).
    pub pypi: String,
    /// The latest version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The latest release: `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<String>,
    /// Downloads in the data's 30 days; absent when the project is not in the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downloads: Option<u64>,
    /// The licence, as the project's metadata states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The project's `Requires-Python`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    /// `false` when the source no longer has the project.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub found: bool,
}

fn yes() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}
