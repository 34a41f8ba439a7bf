//! The catalog: what the home page lists, searched and filtered.
//!
//! This joins the content to the search engine and the URL parameters. Besides the
//! categories, the home page's own sections ("why Python", "further reading") are
//! searchable, so every fact on the site can be found by searching. It is pure logic, so
//! the judged ranking tests run natively against exactly what the page shows.

use crate::content::{self, Category, CategoryExt, Icon, Library, icons};
use crate::params::HomeParams;
use pyuses_content::{DocumentLists, SECTIONS};
use std::cell::OnceCell;

use leptos::prelude::{ArcTrigger, Notify, Track};
use pyuses_search::{Document, Hit, Index, IndexData, Mode};

/// A section of the home page that search can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// Its id, and the key of its card.
    pub id: &'static str,
    /// The id of the heading a result links to.
    pub anchor: &'static str,
    /// Title as searched and shown.
    pub title: &'static str,
    /// One sentence for its card.
    pub summary: &'static str,
    /// Its card's icon.
    pub icon: Icon,
}

/// The searchable sections of the home page, in index order (after the categories).
pub fn sections() -> [Section; 2] {
    let site = content::site();
    let [why, reading] = SECTIONS;
    [
        Section {
            id: why,
            anchor: "why-title",
            title: &site.why_title,
            summary: &site.why_summary,
            icon: icons::SPARKLES,
        },
        Section {
            id: reading,
            anchor: "reading-title",
            title: &site.reading_title,
            summary: &site.reading_summary,
            icon: icons::BOOK,
        },
    ]
}

/// What a listed card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A category card.
    Category(&'static Category),
    /// A card that leads to a section of the home page.
    Section(Section),
}

impl Target {
    /// A key that is unique across the listing.
    pub fn key(self) -> &'static str {
        match self {
            Self::Category(category) => &category.slug,
            Self::Section(section) => section.id,
        }
    }

    /// The category, for category cards.
    pub fn category(self) -> Option<&'static Category> {
        match self {
            Self::Category(category) => Some(category),
            Self::Section(_) => None,
        }
    }
}

/// A library the query names.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryEntry {
    /// The library.
    pub library: &'static Library,
    /// Where the query matched its names.
    pub hit: Hit,
}

impl LibraryEntry {
    /// A key unique across the listing (libraries and fields share it).
    pub fn key(&self) -> &'static str {
        library_key(self.library)
    }
}

/// `library:<id>`, made once per library and kept.
pub fn library_key(library: &'static Library) -> &'static str {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        content::libraries()
            .iter()
            .map(|l| format!("library:{}", l.id))
            .collect()
    });
    content::libraries()
        .iter()
        .position(|l| std::ptr::eq(l, library))
        .and_then(|i| keys.get(i))
        .map_or("library:", String::as_str)
}

/// The most libraries listed for one query.
const MAX_LIBRARIES: usize = 3;
/// A library is listed when the query matches one of its names and spells out at least
/// this share of that name's letters: "python" does not list python-fire, "djang" lists
/// Django, and "kivy" lists Kivy but not KivyMD.
const NAME_COVERAGE: f32 = 0.8;

/// The libraries `query` names: matched by name, PyPI name or another name, with the same
/// typo tolerance as the fields, best first.
pub fn library_hits(query: &str) -> Vec<LibraryEntry> {
    if pyuses_search::is_blank(query) {
        return Vec::new();
    }
    let Some(mut results) = with_library_index(|index| index.search_top(query, |_| true, 8)) else {
        return Vec::new();
    };
    // Names written apart find names written together: "sql alchemy" finds SQLAlchemy.
    let joined: String = query.split_whitespace().collect();
    let query = if results.mode != Mode::All && joined.len() < query.trim().len() {
        results =
            with_library_index(|index| index.search_top(&joined, |_| true, 8)).unwrap_or(results);
        joined.as_str()
    } else {
        query
    };
    if results.mode != Mode::All {
        return Vec::new();
    }
    let libraries = content::libraries();
    let Some(names) = library_names() else {
        return Vec::new();
    };
    let best = results.hits.first().map_or(0.0, |h| h.score);
    let listed = results
        .hits
        .into_iter()
        .filter(|hit| hit.score >= best * 0.5)
        .filter_map(|hit| {
            let library = libraries.get(hit.doc)?;
            // How much of a name the query spells out, for a name the query matched.
            let letters = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
            let typed = letters(query) as f32;
            let covered = |name: &str, matched: bool| {
                if matched {
                    (typed / letters(name).max(1) as f32).min(1.0)
                } else {
                    0.0
                }
            };
            let mut coverage = covered(&library.name, !hit.title.is_empty());
            for (i, alias) in names.get(hit.doc)?.iter().enumerate() {
                coverage = coverage.max(covered(alias, hit.aliases.iter().any(|(a, _)| *a == i)));
            }
            (coverage >= NAME_COVERAGE).then_some((coverage, LibraryEntry { library, hit }))
        })
        .collect::<Vec<_>>();
    // The name the query spells out most fully first ("pydantic": Pydantic, then Pydantic
    // AI); ties keep the engine's order.
    let mut listed: Vec<(usize, (f32, LibraryEntry))> = listed.into_iter().enumerate().collect();
    listed.sort_unstable_by(|(i, a), (j, b)| b.0.total_cmp(&a.0).then(i.cmp(j)));
    listed
        .into_iter()
        .map(|(_, (_, entry))| entry)
        .take(MAX_LIBRARIES)
        .collect()
}

/// Each library's other names, as its search document holds them, once the search data
/// (which holds them) is installed.
fn library_names() -> Option<&'static [Vec<&'static str>]> {
    static NAMES: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let (_, details) = content::search_texts()?;
    Some(NAMES.get_or_init(|| pyuses_content::library_names(content::libraries(), details)))
}

thread_local! {
    /// The search index over the libraries' names, from the data built at build time.
    static LIBRARY_INDEX: OnceCell<Index<'static>> = const { OnceCell::new() };

    /// The search index over every category and section, from the index data built at
    /// build time. Per thread because the index reuses scratch buffers between queries
    /// (the app has one thread).
    static INDEX: OnceCell<Index<'static>> = const { OnceCell::new() };

    /// Notified when the search data arrives, so that a listing made without it is made
    /// again.
    static SEARCH_ARRIVED: ArcTrigger = ArcTrigger::new();
}

/// Runs `f` on the search index, built from its data the first time; `None` while the
/// search data is not installed.
fn with_index<R>(f: impl FnOnce(&Index<'static>) -> R) -> Option<R> {
    with_built(
        &INDEX,
        content::index_data(),
        || documents().unwrap_or_default(),
        f,
    )
}

/// Like [`with_index`], for the library index.
fn with_library_index<R>(f: impl FnOnce(&Index<'static>) -> R) -> Option<R> {
    let names = library_names()?;
    let docs = || pyuses_content::library_documents(content::libraries(), names);
    with_built(&LIBRARY_INDEX, content::library_index_data(), docs, f)
}

/// Runs `f` on the index kept in `cell`, building it over `docs` from `data` the first
/// time; `None` while there is no data.
fn with_built<R>(
    cell: &'static std::thread::LocalKey<OnceCell<Index<'static>>>,
    data: Option<&'static IndexData>,
    docs: impl FnOnce() -> Vec<Document<'static>>,
    f: impl FnOnce(&Index<'static>) -> R,
) -> Option<R> {
    cell.with(|cell| {
        if cell.get().is_none() {
            // The data file carries an index built for exactly these documents; should it
            // not, search finds nothing rather than wrong documents.
            let data = data?.clone();
            let index = Index::from_data(&docs(), data).unwrap_or_else(|_| Index::empty());
            let _ = cell.set(index);
        }
        cell.get().map(f)
    })
}

/// Says that the search data is installed: listings made while it was missing are made
/// again.
pub fn search_arrived() {
    SEARCH_ARRIVED.with(ArcTrigger::notify);
}

/// Makes the reactive code running now run again when the search data arrives.
pub fn track_search_arrival() {
    SEARCH_ARRIVED.with(ArcTrigger::track);
}

/// Every card the home page can list, in index order: the categories, then the sections.
pub fn targets() -> Vec<Target> {
    (0..content::categories().len() + SECTIONS.len())
        .filter_map(target)
        .collect()
}

/// Documents `0..categories().len()` are the categories; the sections follow.
fn target(doc: usize) -> Option<Target> {
    let categories = content::categories();
    match categories.get(doc) {
        Some(category) => Some(Target::Category(category)),
        None => sections()
            .get(doc - categories.len())
            .copied()
            .map(Target::Section),
    }
}

/// The documents the index holds, in index order (see [`pyuses_content::search_documents`]),
/// once the search data, which holds their texts, is installed. The search benchmark
/// indexes the same documents in every engine it compares.
pub fn documents() -> Option<Vec<Document<'static>>> {
    let site = content::site();
    let categories = content::categories();
    let (bodies, details) = content::search_texts()?;
    // Built once and kept: the documents borrow these lists for the life of the page.
    static LISTS: std::sync::OnceLock<DocumentLists<'static>> = std::sync::OnceLock::new();
    let lists =
        LISTS.get_or_init(|| DocumentLists::new(site, categories, content::libraries(), details));
    Some(pyuses_content::search_documents(
        site, categories, bodies, lists,
    ))
}

/// The key of each document of [`documents`]: the slug, or the section id.
pub fn document_keys() -> Vec<&'static str> {
    targets().into_iter().map(Target::key).collect()
}

/// The searchable text of a section (what its snippets point into), as its document
/// holds it. Read from the home data, so that showing a card needs no search data.
pub fn section_body(id: &str) -> &'static str {
    static REASONS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    match SECTIONS.iter().position(|s| *s == id) {
        Some(0) => REASONS.get_or_init(|| pyuses_content::reasons_text(content::site())),
        Some(_) => &content::site().reading_text,
        None => "",
    }
}

/// One card in the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the card shows.
    pub target: Target,
    /// Where the query matched it, when there is a query.
    pub hit: Option<Hit>,
}

/// What the home page shows for a set of parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// The libraries the query names, best first; listed before the cards.
    pub libraries: Vec<LibraryEntry>,
    /// The cards, best first.
    pub entries: Vec<Entry>,
    /// How the query matched.
    pub mode: Mode,
    /// A corrected query to offer when nothing matched.
    pub suggestion: Option<String>,
    /// Whether the query waits for the search data: the cards are listed unsearched.
    pub pending: bool,
    /// The parameters it was made for. A listing for other parameters is another listing
    /// even when it lists the same cards, so that whatever reads a listing and its
    /// parameters hears of every change (a memo that comes out unchanged can otherwise
    /// hide a change of the parameters it read from a reader of both).
    pub params: HomeParams,
}

impl Listing {
    /// The entry with this key, if it is listed.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.target.key() == key)
    }

    /// The listed categories, best first.
    pub fn categories(&self) -> impl Iterator<Item = &'static Category> + '_ {
        self.entries.iter().filter_map(|e| e.target.category())
    }
}

/// Whether a document passes the filters. Sections are listed only for a query with no
/// tag or library filter.
fn passes(target: Target, params: &HomeParams) -> bool {
    match target {
        Target::Category(category) => {
            params.tag.is_none_or(|tag| category.has_tag(tag))
                && params.lib.is_none_or(|lib| category.has_library(lib))
        }
        Target::Section(_) => {
            params.tag.is_none() && params.lib.is_none() && !params.q.trim().is_empty()
        }
    }
}

/// Lists the cards for `params`: every category in content order for a blank query,
/// otherwise the ranked matches.
pub fn list(params: &HomeParams) -> Listing {
    list_where(params, |_| true)
}

/// Like [`list`], among the targets `keep` accepts (the embed view's chosen categories),
/// so that the fallback to any word and the suggestions consider only those.
pub fn list_where(params: &HomeParams, keep: impl Fn(Target) -> bool) -> Listing {
    if pyuses_search::is_blank(&params.q) {
        return unsearched(params, keep);
    }
    let results = with_index(|index| {
        index.search(&params.q, |doc| {
            target(doc).is_some_and(|t| keep(t) && passes(t, params))
        })
    });
    let Some(results) = results else {
        // The search data is on its way: the cards the filters pass stay listed, in order,
        // until it is in, and then this listing is made again.
        track_search_arrival();
        let blank = HomeParams {
            q: String::new(),
            ..params.clone()
        };
        return Listing {
            pending: true,
            params: params.clone(),
            ..unsearched(&blank, keep)
        };
    };
    let entries = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            let target = target(hit.doc)?;
            let hit = (results.mode != Mode::Empty).then_some(hit);
            Some(Entry { target, hit })
        })
        .collect();
    // A library is listed only where the fields are not narrowed to one library.
    let libraries = if params.lib.is_none() {
        library_hits(&params.q)
    } else {
        Vec::new()
    };
    Listing {
        libraries,
        entries,
        mode: results.mode,
        suggestion: results.suggestion,
        pending: false,
        params: params.clone(),
    }
}

/// Every card that passes the filters of a blank query, in content order, as the index
/// would list them: the page shows this at start-up, and the index can wait for the
/// first search.
fn unsearched(params: &HomeParams, keep: impl Fn(Target) -> bool) -> Listing {
    let entries = (0..content::categories().len() + SECTIONS.len())
        .filter_map(target)
        .filter(|&t| keep(t) && passes(t, params))
        .map(|target| Entry { target, hit: None })
        .collect();
    Listing {
        libraries: Vec::new(),
        entries,
        mode: Mode::Empty,
        suggestion: None,
        pending: false,
        params: params.clone(),
    }
}

/// The sentence that announces the listing to everyone, screen readers included.
pub fn status(listing: &Listing, params: &HomeParams) -> String {
    let count = listing.entries.len();
    let fields = |n: usize| {
        if n == 1 {
            "1 field".to_owned()
        } else {
            format!("{n} fields")
        }
    };
    let results = |n: usize| {
        if n == 1 {
            "1 result".to_owned()
        } else {
            format!("{n} results")
        }
    };
    let mut filters = Vec::new();
    if let Some(tag) = params.tag.and_then(content::tag) {
        filters.push(format!("tagged {}", tag.label));
    }
    if let Some(lib) = params.lib {
        filters.push(format!("using {lib}"));
    }
    let filters = if filters.is_empty() {
        String::new()
    } else {
        format!(" {}", filters.join(" and "))
    };
    let query = params.q.trim();
    if listing.pending {
        return format!("Searching for “{query}”…");
    }
    let sentence = match listing.mode {
        Mode::Empty => format!("{}{filters}", fields(count)),
        _ if count == 0 => format!("No results for “{query}”{filters}"),
        Mode::Any => format!(
            "No result matches every word of “{query}”; showing {} for any word{filters}",
            results(count)
        ),
        Mode::All => format!("{} for “{query}”{filters}", results(count)),
    };
    if listing.libraries.is_empty() {
        return sentence;
    }
    let names: Vec<&str> = listing
        .libraries
        .iter()
        .map(|l| l.library.name.as_str())
        .collect();
    let lead = if names.len() == 1 {
        format!("Library {}", names[0])
    } else {
        format!("Libraries {}", names.join(", "))
    };
    format!("{lead}; {sentence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_for_other_parameters_differ_even_when_they_list_the_same() {
        content::install_for_tests();
        let params = |q: &str| HomeParams {
            q: q.to_owned(),
            ..HomeParams::default()
        };
        let (a, b) = (list(&params("")), list(&params("   ")));
        assert_eq!(a.entries, b.entries);
        assert_ne!(a, b);
    }

    fn listed(q: &str) -> Vec<&'static str> {
        content::install_for_tests();
        list(&HomeParams {
            q: q.to_owned(),
            ..HomeParams::default()
        })
        .entries
        .iter()
        .map(|e| e.target.key())
        .collect()
    }

    #[test]
    fn blank_query_lists_every_category_in_order() {
        content::install_for_tests();
        let all: Vec<_> = content::categories()
            .iter()
            .map(|c| c.slug.as_str())
            .collect();
        assert_eq!(listed(""), all);
        assert_eq!(listed("   "), all);
    }

    #[test]
    fn a_blank_query_lists_what_the_index_lists_without_asking_it() {
        content::install_for_tests();
        let tag = content::categories()[0].tags.first().map(String::as_str);
        let lib = content::categories()[0]
            .libraries
            .first()
            .map(String::as_str);
        for (tag, lib) in [(None, None), (tag, None), (None, lib), (tag, lib)] {
            for q in ["", "  ", "?!"] {
                let params = HomeParams {
                    q: q.to_owned(),
                    tag,
                    lib,
                };
                let by_index: Vec<&str> = with_index(|index| {
                    index.search(q, |doc| target(doc).is_some_and(|t| passes(t, &params)))
                })
                .expect("the tests install the search data")
                .hits
                .iter()
                .filter_map(|hit| target(hit.doc).map(Target::key))
                .collect();
                let listing = list(&params);
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
        assert_eq!(listed("object-oriented").first(), Some(&"why-python"));
        assert!(listed("aerospace").contains(&"why-python"));
        assert!(listed("pypi").contains(&"further-reading"));
        let filtered = list(&HomeParams {
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
        content::install_for_tests();
        library_hits(q)
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
    }

    #[test]
    fn status_sentences() {
        content::install_for_tests();
        let all = HomeParams::default();
        assert_eq!(
            status(&list(&all), &all),
            format!("{} fields", content::categories().len())
        );
        let tagged = HomeParams {
            tag: Some("bots"),
            ..HomeParams::default()
        };
        assert_eq!(status(&list(&tagged), &tagged), "2 fields tagged Bots");
        let one = HomeParams {
            q: "kivy".into(),
            ..HomeParams::default()
        };
        assert!(status(&list(&one), &one).ends_with("for “kivy”"));
        assert!(status(&list(&one), &one).starts_with("Library Kivy; "));
        let none = HomeParams {
            q: "qqqqzzzz".into(),
            ..HomeParams::default()
        };
        assert_eq!(status(&list(&none), &none), "No results for “qqqqzzzz”");
    }
}
