//! Library entries: `libraries/<id>.toml`, one file per library, referred to by id from
//! the fields that use it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::error::{ContentError, Errors};
use super::front_matter::Split;
use super::meta::{FileCx, ParsedCategory, is_slug};
use crate::{Install, Library, LibraryDetails, Standing};

/// The folder of library files, relative to the content folder.
pub const LIBRARIES_DIR: &str = "libraries";

/// A library file with the lines that cross-file checks report.
#[derive(Debug)]
pub struct ParsedLibrary {
    /// The file, relative to the content folder.
    pub path: PathBuf,
    /// The library.
    pub library: Library,
    /// Its details.
    pub details: LibraryDetails,
    /// The line of `pypi`, when it has one.
    pub pypi_line: Option<usize>,
}

/// The TOML of `libraries/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryMeta {
    /// Display name, as the project writes it.
    name: Spanned<String>,
    /// The PyPI project: installed with `python -m pip install <pypi>`.
    #[serde(default)]
    pypi: Option<Spanned<String>>,
    /// Part of Python's standard library.
    #[serde(default)]
    stdlib: Option<Spanned<bool>>,
    /// How it is obtained when not with pip, in one sentence.
    #[serde(default)]
    install: Option<Spanned<String>>,
    /// Official home page.
    url: Spanned<String>,
    /// Official documentation, when it is not the home page.
    #[serde(default)]
    docs: Option<Spanned<String>>,
    /// Official source repository.
    #[serde(default)]
    source: Option<Spanned<String>>,
    /// One line: what it is and what it is for.
    about: Spanned<String>,
    /// Other names people type: `bs4`, `sklearn`, `PyQt6`.
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// Stable and rarely released, by design: one sentence on why that is fine.
    #[serde(default)]
    stable: Option<Spanned<String>>,
    /// Kept for history: one sentence on what to use instead, or why it is still listed.
    #[serde(default)]
    history: Option<Spanned<String>>,
}

/// Whether `name` follows the Python packaging rules for a project name: ASCII letters
/// and digits, with `.`, `_` and `-` inside (PEP 508).
pub fn is_pypi_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let alnum = |b: &u8| b.is_ascii_alphanumeric();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            alnum(first)
                && alnum(last)
                && bytes
                    .iter()
                    .all(|b| alnum(b) || matches!(b, b'.' | b'_' | b'-'))
        }
        _ => false,
    }
}

/// A PyPI name as the index compares names: lowercase, with runs of `.`, `_`, `-` as one
/// `-` (PEP 503).
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.chars() {
        if matches!(c, '.' | '_' | '-') {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('-');
            }
            separator = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// Parses and checks one library file.
pub fn parse_library(path: &Path, text: &str, errors: &mut Errors) -> Option<ParsedLibrary> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_slug(&id) {
        errors.push(ContentError::at(
            path,
            1,
            format!("the library id `{id}` must be lowercase letters, digits and single hyphens (rename the file)"),
        ));
    }
    let split = Split {
        front_matter: text,
        front_matter_line: 1,
        body: "",
        body_line: 1,
    };
    let mut cx = FileCx::new(path, split, errors);
    let meta: LibraryMeta = cx.deserialize()?;

    let name_span = meta.name.span();
    let name = cx.text("name", meta.name);
    let mut pypi_line = None;
    let install = match (meta.pypi, meta.stdlib, meta.install) {
        (Some(pypi), None, None) => {
            let span = pypi.span();
            pypi_line = Some(cx.line(span.clone()));
            let pypi = cx.text("pypi", pypi);
            if !is_pypi_name(&pypi) {
                cx.error(
                    span,
                    format!(
                        "`pypi = \"{pypi}\"` is not a valid PyPI project name: letters, digits, and `.`, `_` or `-` between them"
                    ),
                );
            }
            Install::Pypi(pypi)
        }
        (None, Some(stdlib), None) if *stdlib.get_ref() => Install::Stdlib,
        (None, None, Some(install)) => Install::Other(cx.text("install", install)),
        _ => {
            cx.error(
                name_span,
                "say how it is installed with exactly one of `pypi = \"<project>\"`, `stdlib = true` or `install = \"<how>\"`",
            );
            Install::Stdlib
        }
    };
    let url = cx.https("url", meta.url);
    let docs = meta.docs.map(|d| cx.https("docs", d));
    let source = meta.source.map(|s| cx.https("source", s));
    let about = cx.short_text("about", meta.about);
    let aliases = meta
        .aliases
        .into_iter()
        .map(|a| cx.text("aliases", a))
        .collect();
    let standing = match (meta.stable, meta.history) {
        (None, None) => Standing::Current,
        (Some(stable), None) => Standing::Stable(cx.text("stable", stable)),
        (None, Some(history)) => Standing::History(cx.text("history", history)),
        (Some(_), Some(history)) => {
            cx.error(
                history.span(),
                "say either `stable` (rarely released by design) or `history` (kept for the record), not both",
            );
            Standing::Current
        }
    };
    Some(ParsedLibrary {
        path: path.to_path_buf(),
        details: LibraryDetails {
            id: id.clone(),
            url,
            docs,
            source,
            about,
            aliases,
            standing,
            pulse: None,
        },
        library: Library { id, name, install },
        pypi_line,
    })
}

/// The cross-file checks: every library a field names exists, no two libraries share a
/// PyPI project, and every library is used by some field.
pub fn check(libraries: &[ParsedLibrary], categories: &[ParsedCategory], errors: &mut Errors) {
    let ids: BTreeSet<&str> = libraries.iter().map(|l| l.library.id.as_str()).collect();
    let mut used = BTreeSet::new();
    for category in categories {
        let mut seen = BTreeSet::new();
        for reference in &category.libraries {
            if !ids.contains(reference.value.as_str()) {
                errors.push(ContentError::at(
                    &category.path,
                    reference.line,
                    format!(
                        "unknown library `{}`: there is no {LIBRARIES_DIR}/{}.toml",
                        reference.value, reference.value
                    ),
                ));
            }
            if !seen.insert(reference.value.as_str()) {
                errors.push(ContentError::at(
                    &category.path,
                    reference.line,
                    format!("the library `{}` is listed twice", reference.value),
                ));
            }
            used.insert(reference.value.as_str());
        }
    }
    let mut projects: BTreeMap<String, &Path> = BTreeMap::new();
    // In id order, so the second of two entries for one project is the one reported.
    let mut sorted: Vec<&ParsedLibrary> = libraries.iter().collect();
    sorted.sort_by(|a, b| a.library.id.cmp(&b.library.id));
    for parsed in sorted {
        if let Install::Pypi(name) = &parsed.library.install {
            let key = normalize_pypi(name);
            if let Some(first) = projects.get(&key) {
                errors.push(ContentError::at(
                    &parsed.path,
                    parsed.pypi_line.unwrap_or(1),
                    format!(
                        "the PyPI project `{name}` is already described by `{}`: describe each library once",
                        first.display()
                    ),
                ));
            } else {
                projects.insert(key, &parsed.path);
            }
        }
        if !used.contains(parsed.library.id.as_str()) {
            errors.push(ContentError::at(
                &parsed.path,
                1,
                format!(
                    "no field uses the library `{}`: add it to a field's `libraries`, or remove the file",
                    parsed.library.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pypi_names() {
        for good in [
            "Django",
            "beautifulsoup4",
            "scikit-learn",
            "zope.interface",
            "python_dateutil",
            "a",
            "PyQt6",
        ] {
            assert!(is_pypi_name(good), "{good}");
        }
        for bad in [
            "",
            "-django",
            "django-",
            "beautiful soup",
            "pip install x",
            "naïve",
            ".x",
            "a/b",
        ] {
            assert!(!is_pypi_name(bad), "{bad}");
        }
    }

    #[test]
    fn pypi_names_normalise_like_the_index() {
        assert_eq!(normalize_pypi("Django"), "django");
        assert_eq!(normalize_pypi("python_dateutil"), "python-dateutil");
        assert_eq!(normalize_pypi("zope..Interface"), "zope-interface");
        assert_eq!(normalize_pypi("Ruamel.Yaml-Clib"), "ruamel-yaml-clib");
    }
}
