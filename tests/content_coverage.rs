//! What the map must cover, on the repository's content: at least 50 fields and 600
//! distinct libraries; every field in groups of alternatives with a cited downloads chart;
//! every PyPI library with its figures.

use std::collections::BTreeSet;
use std::path::Path;

use pyuses_content::{Content, Install};

/// The repository's content, through the pipeline.
fn content() -> Content {
    pyuses_content::pipeline::build_dir(Path::new("content"))
        .unwrap_or_else(|problems| panic!("content/ does not build:\n{}", problems.join("\n")))
}

#[test]
fn at_least_50_fields_and_600_distinct_libraries() {
    let content = content();
    let listed: BTreeSet<&str> = content
        .categories
        .iter()
        .flat_map(|c| c.libraries.iter().map(String::as_str))
        .collect();
    let projects: BTreeSet<String> = content
        .libraries
        .iter()
        .map(|l| match &l.install {
            Install::Pypi(project) => pyuses_content::pipeline::library::normalize_pypi(project),
            _ => l.id.clone(),
        })
        .collect();
    assert!(
        content.categories.len() >= 50,
        "{} fields",
        content.categories.len()
    );
    assert!(
        listed.len() >= 600,
        "{} libraries listed by a field",
        listed.len()
    );
    assert_eq!(
        projects.len(),
        content.libraries.len(),
        "each library is one project"
    );
}

#[test]
fn every_field_groups_its_libraries_and_has_a_downloads_chart() {
    let content = content();
    for (category, page) in content.categories.iter().zip(&content.pages) {
        assert!(!page.groups.is_empty(), "{} has no groups", category.slug);
        assert!(
            page.chart.starts_with("<svg"),
            "{} has no chart: fewer than two of its libraries have download counts",
            category.slug
        );
    }
    assert_eq!(
        content.site.sources.len(),
        2,
        "the figures name their two sources"
    );
}

/// Libraries whose version or release month the PyPI project list leaves empty may go
/// without them (their pages say only what the list gives), but no more than this share.
const MAX_WITHOUT_VERSION: f64 = 0.01;

#[test]
fn every_pypi_library_has_its_figures() {
    let content = content();
    let pypi: Vec<_> = content
        .libraries
        .iter()
        .zip(&content.details)
        .filter(|(library, _)| matches!(library.install, Install::Pypi(_)))
        .collect();
    let without_figures: Vec<&str> = pypi
        .iter()
        .filter(|(_, details)| details.pulse.is_none())
        .map(|(library, _)| library.id.as_str())
        .collect();
    assert!(
        without_figures.is_empty(),
        "these PyPI libraries have no figures in content/pulse.toml (run `site pulse refresh`): {without_figures:?}"
    );
    let without_version: Vec<&str> = pypi
        .iter()
        .filter(|(_, details)| {
            details
                .pulse
                .as_ref()
                .is_some_and(|p| p.version.is_none() || p.released.is_none())
        })
        .map(|(library, _)| library.id.as_str())
        .collect();
    assert!(
        (without_version.len() as f64) <= MAX_WITHOUT_VERSION * pypi.len() as f64,
        "too many libraries without a version or release month: {without_version:?}"
    );
}
