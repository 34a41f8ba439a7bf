//! Search quality on the real content: a judged set of queries, each with the card a
//! visitor would expect first. The test reports top-1 accuracy and mean reciprocal rank
//! (MRR), and fails below 98% top-1 or an MRR of 0.98.

use pyuses::content::SiteData;
use pyuses::params::HomeParams;

/// The site's data of the repository's content, as the page has it.
fn site() -> &'static SiteData {
    pyuses::content::for_tests()
}

/// One judged query from `tests/search_ranking/judged.json`.
#[derive(serde::Deserialize)]
struct Judged {
    /// What a visitor types.
    query: String,
    /// The card they expect first.
    expected: String,
}

/// The judged set: typos, multi-word queries, aliases, abbreviations and library names, as
/// people type them. The search benchmark reads the same file.
fn judged() -> Vec<Judged> {
    #[derive(serde::Deserialize)]
    struct File {
        queries: Vec<Judged>,
    }
    let text = include_str!("search_ranking/judged.json");
    serde_json::from_str::<File>(text)
        .expect("judged.json parses")
        .queries
}

/// The slugs the page lists for `query`, best first.
fn ranked(query: &str) -> Vec<&'static str> {
    let params = HomeParams {
        q: query.to_owned(),
        ..HomeParams::default()
    };
    site()
        .catalog
        .list(&params)
        .entries
        .iter()
        .map(|e| e.target.key())
        .collect()
}

#[test]
fn judged_queries_rank_the_expected_card_first() {
    let judged = judged();
    assert!(
        judged.len() >= 150,
        "the judged set has at least 150 queries"
    );
    let mut misses = Vec::new();
    let mut reciprocal_ranks = 0.0;
    for Judged { query, expected } in &judged {
        let (query, expected) = (query.as_str(), expected.as_str());
        let ranked = ranked(query);
        match ranked.iter().position(|slug| *slug == expected) {
            Some(0) => reciprocal_ranks += 1.0,
            Some(rank) => {
                reciprocal_ranks += 1.0 / (rank + 1) as f64;
                misses.push(format!(
                    "{query:?}: expected {expected} first, got {ranked:?}"
                ));
            }
            None => misses.push(format!("{query:?}: {expected} not found in {ranked:?}")),
        }
    }
    let total = judged.len() as f64;
    let top1 = (total - misses.len() as f64) / total;
    let mrr = reciprocal_ranks / total;
    println!(
        "judged set: {} queries, top-1 {:.1}%, MRR {mrr:.3}",
        judged.len(),
        top1 * 100.0
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(
        top1 >= 0.98,
        "top-1 {:.1}% is below 98%:\n{}",
        top1 * 100.0,
        misses.join("\n")
    );
    assert!(
        mrr >= 0.98,
        "MRR {mrr:.3} is below 0.98:\n{}",
        misses.join("\n")
    );
}

#[test]
fn every_card_is_found_by_its_own_title() {
    for category in site().data.categories() {
        assert_eq!(
            ranked(&category.title).first(),
            Some(&category.slug.as_str()),
            "{}",
            category.title
        );
    }
}

#[test]
fn filters_and_fallback_behave() {
    // AND across words; a word nothing has falls back to any word.
    let params = HomeParams {
        q: "django zzzzqqq".to_owned(),
        ..HomeParams::default()
    };
    let listing = site().catalog.list(&params);
    assert_eq!(listing.mode, pyuses::search::Mode::Any);
    assert_eq!(
        listing.entries.first().map(|e| e.target.key()),
        Some("web-development")
    );
    assert!(
        site()
            .catalog
            .status(&listing, &params)
            .contains("for any word")
    );

    // No results at all suggests a correction.
    let params = HomeParams {
        q: "djangoo".to_owned(),
        ..HomeParams::default()
    };
    let params = HomeParams {
        q: format!("{}xx", params.q),
        ..params
    };
    let listing = site().catalog.list(&params);
    assert!(listing.entries.is_empty() || listing.suggestion.is_some());

    // Filters combine with the query.
    let params = HomeParams {
        q: "python".to_owned(),
        tag: Some("bots"),
        ..HomeParams::default()
    };
    let slugs: Vec<_> = site()
        .catalog
        .list(&params)
        .entries
        .iter()
        .map(|e| e.target.key())
        .collect();
    assert_eq!(slugs.len(), 3, "{slugs:?}");
    assert!(slugs.iter().all(|s| s.ends_with("-bots")));
}

/// The libraries the page lists first for `query`, best first.
fn ranked_libraries(query: &str) -> Vec<&'static str> {
    let params = HomeParams {
        q: query.to_owned(),
        ..HomeParams::default()
    };
    site()
        .catalog
        .list(&params)
        .libraries
        .iter()
        .map(|l| l.library.id.as_str())
        .collect()
}

#[test]
fn queries_that_name_a_library_list_it_first() {
    #[derive(serde::Deserialize)]
    struct File {
        queries: Vec<Judged>,
    }
    let text = include_str!("search_ranking/libraries.json");
    let judged = serde_json::from_str::<File>(text)
        .expect("libraries.json parses")
        .queries;
    assert!(
        judged.len() >= 40,
        "the library set has at least 40 queries"
    );
    let mut misses = Vec::new();
    for Judged { query, expected } in &judged {
        let ranked = ranked_libraries(query);
        if ranked.first() != Some(&expected.as_str()) {
            misses.push(format!(
                "{query:?}: expected {expected} first, got {ranked:?}"
            ));
        }
    }
    let top1 = (judged.len() - misses.len()) as f64 / judged.len() as f64;
    println!(
        "library set: {} queries, top-1 {:.1}%",
        judged.len(),
        top1 * 100.0
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(
        top1 >= 0.98,
        "top-1 {:.1}% is below 98%:\n{}",
        top1 * 100.0,
        misses.join("\n")
    );
}

#[test]
fn the_issue_queries_find_the_right_library_and_field() {
    for (query, library, field) in [
        ("sqlalchemy", "sqlalchemy", "databases"),
        ("airflow", "airflow", "data-engineering"),
        ("pyspark", "pyspark", "big-data"),
        ("langchain", "langchain", "llm-apps"),
        ("typer", "typer", "cli-tools"),
        ("pytest", "pytest", "testing"),
        ("geopandas", "geopandas", "gis"),
        ("librosa", "librosa", "audio-video"),
        ("blender", "bpy", "graphics-3d"),
        ("boto3", "boto3", "devops-cloud"),
        ("biopython", "biopython", "bioinformatics"),
        ("astropy", "astropy", "astronomy-physics"),
        ("pydicom", "pydicom", "health-medical"),
        ("xarray", "xarray", "climate-weather"),
        ("slack bolt", "slack-bolt", "chat-bots"),
        ("mkdocs", "mkdocs", "documentation"),
    ] {
        assert_eq!(
            ranked_libraries(query).first(),
            Some(&library),
            "{query}: libraries {:?}",
            ranked_libraries(query)
        );
        assert_eq!(
            ranked(query).first(),
            Some(&field),
            "{query}: fields {:?}",
            ranked(query)
        );
    }
}

#[test]
fn pyqt_lists_the_library_and_then_its_two_fields() {
    assert_eq!(ranked_libraries("pyqt").first(), Some(&"pyqt"));
    let fields = ranked("pyqt");
    let mut top: Vec<&str> = fields.iter().take(2).copied().collect();
    top.sort_unstable();
    assert_eq!(top, ["desktop-apps", "mobile-apps"], "{fields:?}");
    // And no field that neither lists PyQt nor says its name: "pyqt" is not read as a
    // misspelt "pyt…" (pytest, PyTorch).
    for slug in &fields {
        let category = site()
            .data
            .categories()
            .iter()
            .find(|c| c.slug == *slug)
            .expect("a listed field exists");
        assert!(
            category.libraries.iter().any(|l| l == "pyqt")
                || site()
                    .data
                    .body_text(slug)
                    .is_some_and(|text| text.to_lowercase().contains("pyqt")),
            "{slug} is listed for \"pyqt\": {fields:?}"
        );
    }
}

#[test]
fn bots_lists_the_bot_fields_first() {
    // A keyword ("bots" on Automation) is not a name: the fields named for bots lead.
    let mut top: Vec<&str> = ranked("bots").into_iter().take(3).collect();
    top.sort_unstable();
    assert_eq!(
        top,
        ["chat-bots", "discord-bots", "telegram-bots"],
        "{:?}",
        ranked("bots")
    );
}
