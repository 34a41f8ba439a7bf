//! Reading `pulse.toml` and attaching each library's figures to its details.

use std::path::Path;

use super::error::{ContentError, Errors};
use super::front_matter;
use super::library::{ParsedLibrary, normalize_pypi};
use crate::pulse::PulseFile;
use crate::{DataSource, Downloads, Install, Month, Pulse};

/// Parses the pulse file, reporting a malformed one with its line.
pub fn parse(path: &Path, text: &str, errors: &mut Errors) -> Option<PulseFile> {
    match toml::from_str::<PulseFile>(text) {
        Ok(file) => {
            for (label, date) in [
                ("releases", &file.releases.date),
                ("downloads", &file.downloads.date),
            ] {
                if Month::parse(date).is_none() || date.len() != 10 {
                    errors.push(ContentError::file(
                        path,
                        format!("`[{label}] date = \"{date}\"` is not a date (YYYY-MM-DD)"),
                    ));
                }
            }
            Some(file)
        }
        Err(error) => {
            let (line, message) = front_matter::toml_problem(text, &error);
            errors.push(ContentError::at(
                path,
                line,
                format!("invalid pulse file: {message} (it is written by `site pulse refresh`)"),
            ));
            None
        }
    }
}

/// The sources the site names under its figures: releases, then downloads.
pub fn sources(file: &PulseFile) -> Vec<DataSource> {
    vec![
        DataSource {
            what: "Latest version and release".to_owned(),
            name: file.releases.name.clone(),
            url: file.releases.url.clone(),
            date: file.releases.date.clone(),
        },
        DataSource {
            what: "Downloads in 30 days".to_owned(),
            name: file.downloads.name.clone(),
            url: file.downloads.url.clone(),
            date: file.downloads.date.clone(),
        },
    ]
}

/// Gives each PyPI library its figures. An entry made for another PyPI project than the
/// library's (its `pypi` changed since the last refresh) is an error; a library with no
/// entry gets no figures, and the content tests ask for a refresh.
pub fn attach(path: &Path, file: &PulseFile, libraries: &mut [ParsedLibrary], errors: &mut Errors) {
    for parsed in libraries {
        let Install::Pypi(project) = &parsed.library.install else {
            continue;
        };
        let Some(entry) = file.libraries.get(&parsed.library.id) else {
            continue;
        };
        if normalize_pypi(&entry.pypi) != normalize_pypi(project) {
            errors.push(ContentError::file(
                path,
                format!(
                    "the figures of `{}` are for the PyPI project `{}`, but its file says `{project}`: run `site pulse refresh`",
                    parsed.library.id, entry.pypi
                ),
            ));
            continue;
        }
        if !entry.found {
            continue;
        }
        let released = match &entry.released {
            Some(date) => match Month::parse(date) {
                Some(month) => Some(month),
                None => {
                    errors.push(ContentError::file(
                        path,
                        format!(
                            "`released = \"{date}\"` of `{}` is not a date (YYYY-MM or YYYY-MM-DD)",
                            parsed.library.id
                        ),
                    ));
                    None
                }
            },
            None => None,
        };
        parsed.details.pulse = Some(Pulse {
            version: entry.version.clone(),
            released,
            downloads: entry
                .downloads
                .map_or(Downloads::FewerThan(file.downloads.floor), Downloads::Count),
            license: entry.license.clone(),
            python: entry.python.clone(),
        });
    }
}

/// The month the releases' source was read: what "no release for 24 months" counts from.
pub fn as_of(file: &PulseFile) -> Option<Month> {
    Month::parse(&file.releases.date)
}

/// The warning for a library quiet for [`crate::pulse::QUIET_MONTHS`] that the content neither calls
/// stable nor marks as history.
pub fn quiet_warning(parsed: &ParsedLibrary, as_of: Month) -> Option<String> {
    let released = parsed.details.quiet_since(as_of)?;
    matches!(parsed.details.standing, crate::Standing::Current).then(|| {
        format!(
            "{}: no release since {released}; say `stable = \"…\"` (rarely released by design) or `history = \"…\"`, or replace it",
            parsed.path.display()
        )
    })
}
