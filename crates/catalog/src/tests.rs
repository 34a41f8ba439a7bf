//! The catalog over the repository's content.

use super::*;
use std::sync::OnceLock;

/// The repository's `content/`, built by the pipeline with every field page installed;
/// built once for all the tests, as it is the same for all of them.
fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        Data::from_content_dir(&dir)
            .unwrap_or_else(|problems| panic!("content/ does not build:\n{}", problems.join("\n")))
    })
}

fn params(q: &str) -> HomeParams<'static> {
    HomeParams {
        q: q.to_owned(),
        ..HomeParams::default()
    }
}

#[test]
fn every_related_slug_and_use_resolves() {
    let data = data();
    for c in data.categories() {
        assert_eq!(
            data.related_categories(c).count(),
            c.related.len(),
            "{}",
            c.slug
        );
    }
    for used in &data.site().uses {
        assert!(data.category(&used.category).is_some(), "{}", used.category);
    }
}

#[test]
fn lookups() {
    let data = data();
    let first = &data.categories()[0];
    assert_eq!(data.category(&first.slug), Some(first));
    assert!(data.category("no-such-field").is_none());
    assert!(first.has_tag(&first.tags[0]));
    let name = &data.library(&first.libraries[0]).unwrap().name;
    assert!(data.has_library(first, &name.to_ascii_uppercase()));
    assert!(
        data.body(&first.slug)
            .is_some_and(|page| page.html.contains("<p>"))
    );
    assert_eq!(data.fields_using(&first.libraries[0]).next(), Some(first));
}

#[test]
fn later_parts_arrive_once_and_stay() {
    let home = |data: &Data| {
        let files = data.categories().iter().map(|c| c.slug.clone()).collect();
        pyuses_content::HomeData {
            format: pyuses_content::FORMAT,
            site: data.site().clone(),
            categories: data.categories().to_vec(),
            bodies: files,
            libraries: data.libraries().to_vec(),
            icons: Default::default(),
            search: "search.bin".into(),
        }
    };
    let fresh = Data::new(home(data()));
    let slug = &fresh.categories()[0].slug;
    assert!(fresh.body(slug).is_none());
    assert!(!fresh.has_search());
    assert_eq!(fresh.body_file(slug), Some(slug.as_str()));
    let page = data().body(slug).unwrap().clone();
    let library = fresh.categories()[0].libraries[0].clone();
    let details = data().library_details(&library).unwrap().clone();
    assert!(fresh.library_details(&library).is_none());
    fresh.set_body(slug, page.clone(), vec![details.clone()]);
    assert_eq!(fresh.body(slug), Some(&page));
    assert_eq!(fresh.library_details(&library), Some(&details));
    // A second page for the same field is not kept: readers may hold the first.
    let other = pyuses_content::Page {
        html: String::new(),
        ..page.clone()
    };
    assert_eq!(fresh.set_body(slug, other, Vec::new()), Some(&page));
    assert!(fresh.set_body("no-such-field", page, Vec::new()).is_none());
}

#[test]
fn the_content_has_every_icon_the_app_uses() {
    let data = data();
    for icon in icons::ALL {
        assert!(!data.icon_path(icon.0).is_empty(), "{}", icon.0);
    }
    for c in data.categories() {
        assert!(!data.icon_path(&c.icon).is_empty(), "{}", c.icon);
    }
}

#[test]
fn listings_for_other_parameters_differ_even_when_they_list_the_same() {
    let catalog = Catalog::new(data());
    let (a, b) = (catalog.list(&params("")), catalog.list(&params("   ")));
    assert_eq!(a.entries, b.entries);
    assert_ne!(a, b);
}

fn listed(catalog: &'static Catalog<'static>, q: &str) -> Vec<&'static str> {
    catalog
        .list(&params(q))
        .entries
        .iter()
        .map(|e| e.target.key())
        .collect()
}

/// A catalog over [`data`] that lives as long as the tests.
fn catalog() -> &'static Catalog<'static> {
    static CATALOG: OnceLock<Catalog<'static>> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::new(data()))
}

#[test]
fn blank_query_lists_every_category_in_order() {
    let all: Vec<_> = data()
        .categories()
        .iter()
        .map(|c| c.slug.as_str())
        .collect();
    assert_eq!(listed(catalog(), ""), all);
    assert_eq!(listed(catalog(), "   "), all);
}

#[test]
fn a_query_before_the_search_data_is_pending() {
    let fresh = Data::new(data_home());
    let catalog = Catalog::new(&fresh);
    let listing = catalog.list(&params("django"));
    assert!(listing.pending);
    assert_eq!(listing.entries.len(), fresh.categories().len());
    assert_eq!(
        catalog.status(&listing, &params("django")),
        "Searching for “django”…"
    );
    assert!(catalog.library_hits("django").is_empty());
    fresh.install_search(content().search_data());
    let listing = catalog.list(&params("django"));
    assert!(!listing.pending);
    assert_eq!(listing.libraries[0].library.id, "django");
}

/// The repository's content, as the pipeline builds it.
fn content() -> pyuses_content::Content {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    pyuses_content::pipeline::build_dir(&dir).expect("content/ builds")
}

/// The home data of [`content`].
fn data_home() -> pyuses_content::HomeData {
    let content = content();
    let files = content.categories.iter().map(|c| c.slug.clone()).collect();
    content.home_data(files, String::new())
}

#[test]
fn a_blank_query_lists_what_the_index_lists_without_asking_it() {
    let catalog = catalog();
    let first = &data().categories()[0];
    let tag = first.tags.first().map(String::as_str);
    let lib = first
        .libraries
        .first()
        .and_then(|id| data().library(id))
        .map(|l| l.name.as_str());
    for (tag, lib) in [(None, None), (tag, None), (None, lib), (tag, lib)] {
        for q in ["", "  ", "?!"] {
            let params = HomeParams {
                q: q.to_owned(),
                tag,
                lib,
            };
            let by_index: Vec<&str> = catalog
                .with_index(|index| {
                    index.search(q, |doc| {
                        catalog
                            .target(doc)
                            .is_some_and(|t| catalog.passes(t, &params))
                    })
                })
                .expect("the tests install the search data")
                .hits
                .iter()
                .filter_map(|hit| catalog.target(hit.doc).map(Target::key))
                .collect();
            let listing = catalog.list(&params);
            let listed: Vec<&str> = listing.entries.iter().map(|e| e.target.key()).collect();
            assert_eq!(listed, by_index, "{q:?} {tag:?} {lib:?}");
            assert!(!listed.is_empty());
            assert_eq!(listing.mode, Mode::Empty);
            assert!(listing.entries.iter().all(|e| e.hit.is_none()));
            assert!(listing.libraries.is_empty());
        }
    }
}

#[test]
fn sections_are_found_by_search_only() {
    let catalog = catalog();
    assert_eq!(
        listed(catalog, "object-oriented").first(),
        Some(&"why-python")
    );
    assert!(listed(catalog, "aerospace").contains(&"why-python"));
    assert!(listed(catalog, "pypi").contains(&"further-reading"));
    let filtered = catalog.list(&HomeParams {
        q: "aerospace".into(),
        tag: Some("web"),
        lib: None,
    });
    assert!(
        filtered
            .entries
            .iter()
            .all(|e| e.target.category().is_some())
    );
}

fn libraries(q: &str) -> Vec<&'static str> {
    catalog()
        .library_hits(q)
        .iter()
        .map(|l| l.library.id.as_str())
        .collect()
}

#[test]
fn a_query_that_names_a_library_lists_it() {
    assert_eq!(libraries("pyqt").first(), Some(&"pyqt"));
    assert_eq!(libraries("PyQt6").first(), Some(&"pyqt"));
    assert_eq!(libraries("bs4").first(), Some(&"beautiful-soup"));
    assert_eq!(libraries("beautifulsoup").first(), Some(&"beautiful-soup"));
    assert_eq!(libraries("beautiful soup").first(), Some(&"beautiful-soup"));
    assert_eq!(libraries("sklearn").first(), Some(&"scikit-learn"));
    assert_eq!(libraries("scikit learn").first(), Some(&"scikit-learn"));
    assert_eq!(libraries("kivy"), ["kivy"]);
    assert_eq!(libraries("djnago").first(), Some(&"django"));
    // A word every library-ish name contains names none of them.
    assert!(libraries("python").is_empty(), "{:?}", libraries("python"));
    assert!(libraries("web development").is_empty());
    assert!(libraries("").is_empty());
    let django = catalog().library_hits("django");
    assert_eq!(django[0].key(), "library:django");
}

#[test]
fn status_sentences() {
    let catalog = catalog();
    let all = HomeParams::default();
    assert_eq!(
        catalog.status(&catalog.list(&all), &all),
        format!("{} fields", data().categories().len())
    );
    let tagged = HomeParams {
        tag: Some("bots"),
        ..HomeParams::default()
    };
    let bots = data()
        .categories()
        .iter()
        .filter(|c| c.tags.iter().any(|t| t == "bots"))
        .count();
    assert!(bots >= 2);
    assert_eq!(
        catalog.status(&catalog.list(&tagged), &tagged),
        format!("{bots} fields tagged Bots")
    );
    let one = params("kivy");
    assert!(
        catalog
            .status(&catalog.list(&one), &one)
            .ends_with("for “kivy”")
    );
    assert!(
        catalog
            .status(&catalog.list(&one), &one)
            .starts_with("Library Kivy; ")
    );
    let none = params("qqqqzzzz");
    assert_eq!(
        catalog.status(&catalog.list(&none), &none),
        "No results for “qqqqzzzz”"
    );
}

#[test]
fn parameters_keep_only_known_values() {
    let data = data();
    let tag = data.site().tags[0].id.as_str();
    let lib = data
        .library(&data.categories()[0].libraries[0])
        .unwrap()
        .name
        .as_str();
    let lower = lib.to_ascii_lowercase();
    let known = [("q", "web apps"), ("tag", tag), ("lib", lower.as_str())];
    let get = |pairs: &[(&str, &str)], name: &str| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(
        HomeParams::parse(data, |name| get(&known, name)),
        HomeParams {
            q: "web apps".into(),
            tag: Some(tag),
            lib: Some(lib)
        }
    );
    let bad = [
        ("tag", "<script>"),
        ("lib", "no-such-library"),
        ("q", "a\u{0}b\u{7}"),
    ];
    assert_eq!(
        HomeParams::parse(data, |name| get(&bad, name)),
        params("ab")
    );
    assert_eq!(
        clean_query(&"x".repeat(10_000)).chars().count(),
        MAX_QUERY_CHARS
    );
}
