//! The catalog: what the home page lists, searched and filtered.
//!
//! This joins the content to the search engine and the URL parameters. Besides the
//! categories, the home page's own sections ("why Python", "further reading") are
//! searchable, so every fact on the site can be found by searching. It is pure logic, so
//! the judged ranking tests run natively against exactly what the page shows.

use crate::content::{CATEGORIES, Category, Icon, SITE, icons};
use crate::params::HomeParams;
use crate::search::{Document, Hit, Index, Mode};

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

/// The searchable sections of the home page.
pub fn sections() -> [Section; 2] {
    [
        Section {
            id: "why-python",
            anchor: "why-title",
            title: SITE.why_title,
            summary: SITE.why_summary,
            icon: icons::SPARKLES,
        },
        Section {
            id: "further-reading",
            anchor: "reading-title",
            title: "Further reading and official resources",
            summary: "Articles on what Python is used for, python.org’s page on its applications, and the \
                      Python Package Index (PyPI).",
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
            Self::Category(category) => category.slug,
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

thread_local! {
    /// The search index over every category and section, built on first use.
    ///
    /// Built at start-up rather than at build time: for a few dozen documents it takes
    /// well under a millisecond, and it keeps the wasm free of a serialized index. It is
    /// per thread because the index reuses scratch buffers between queries (the app has
    /// one thread).
    static INDEX: Index<'static> = build_index();
}

/// Every card the home page can list, in index order: the categories, then the sections.
pub fn targets() -> Vec<Target> {
    (0..CATEGORIES.len() + sections().len())
        .filter_map(target)
        .collect()
}

/// Documents `0..CATEGORIES.len()` are the categories; the sections follow.
fn target(doc: usize) -> Option<Target> {
    match CATEGORIES.get(doc) {
        Some(category) => Some(Target::Category(category)),
        None => sections()
            .get(doc - CATEGORIES.len())
            .copied()
            .map(Target::Section),
    }
}

/// Builds the index over every category and section.
fn build_index() -> Index<'static> {
    // A category's aliases name the same field, so each category's aliases form one
    // synonym group: "ML" finds what "machine learning" finds.
    Index::new(&documents(), &synonym_groups())
}

/// The documents the index holds, in index order: the categories, then the sections.
/// The search benchmark indexes the same documents in every engine it compares.
pub fn documents() -> Vec<Document<'static>> {
    let mut docs: Vec<Document<'static>> = CATEGORIES
        .iter()
        .map(|c| Document {
            title: c.title,
            aliases: leak(c.aliases.iter().chain(c.keywords).copied().collect()),
            libraries: leak(c.libraries.iter().map(|l| l.name).collect()),
            summary: c.summary,
            body: c.body_text,
        })
        .collect();
    let [why, reading] = sections();
    docs.push(Document {
        title: why.title,
        aliases: leak(SITE.reasons.iter().map(|r| r.title).collect()),
        libraries: &[],
        summary: why.summary,
        body: leak_str(
            SITE.reasons
                .iter()
                .map(|r| r.text)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    });
    docs.push(Document {
        title: reading.title,
        aliases: leak(SITE.further_reading.iter().map(|l| l.title).collect()),
        libraries: &["PyPI", "Python Package Index", "python.org"],
        summary: reading.summary,
        body: "The official package index for Python is the Python Package Index (PyPI), and \
               python.org describes Python’s applications on its own site.",
    });
    docs
}

/// The key of each document of [`documents`]: the slug, or the section id.
pub fn document_keys() -> Vec<&'static str> {
    (0..CATEGORIES.len() + sections().len())
        .filter_map(target)
        .map(Target::key)
        .collect()
}

/// The synonym groups the app searches with: each category's aliases.
pub fn synonym_groups() -> Vec<&'static [&'static str]> {
    CATEGORIES
        .iter()
        .filter(|c| c.aliases.len() > 1)
        .map(|c| c.aliases)
        .collect()
}

/// The searchable text of a section (what its snippets point into).
pub fn section_body(id: &str) -> &'static str {
    let position = sections().iter().position(|s| s.id == id);
    position
        .and_then(|i| INDEX.with(|index| index.document(CATEGORIES.len() + i).map(|d| d.body)))
        .unwrap_or_default()
}

/// Keeps a list for the life of the program; the index is built once and never dropped.
fn leak(items: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(items.into_boxed_slice())
}

/// Keeps a string for the life of the program, like [`leak`].
fn leak_str(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
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
    /// The cards, best first.
    pub entries: Vec<Entry>,
    /// How the query matched.
    pub mode: Mode,
    /// A corrected query to offer when nothing matched.
    pub suggestion: Option<String>,
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
    let results = INDEX.with(|index| {
        index.search(&params.q, |doc| {
            target(doc).is_some_and(|t| keep(t) && passes(t, params))
        })
    });
    let entries = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            let target = target(hit.doc)?;
            let hit = (results.mode != Mode::Empty).then_some(hit);
            Some(Entry { target, hit })
        })
        .collect();
    Listing {
        entries,
        mode: results.mode,
        suggestion: results.suggestion,
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
    if let Some(tag) = params.tag.and_then(crate::content::tag) {
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
    match listing.mode {
        Mode::Empty => format!("{}{filters}", fields(count)),
        _ if count == 0 => format!("No results for “{query}”{filters}"),
        Mode::Any => format!(
            "No result matches every word of “{query}”; showing {} for any word{filters}",
            results(count)
        ),
        Mode::All => format!("{} for “{query}”{filters}", results(count)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(q: &str) -> Vec<&'static str> {
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
        let all: Vec<_> = CATEGORIES.iter().map(|c| c.slug).collect();
        assert_eq!(listed(""), all);
        assert_eq!(listed("   "), all);
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

    #[test]
    fn status_sentences() {
        let all = HomeParams::default();
        assert_eq!(
            status(&list(&all), &all),
            format!("{} fields", CATEGORIES.len())
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
        let none = HomeParams {
            q: "qqqqzzzz".into(),
            ..HomeParams::default()
        };
        assert_eq!(status(&list(&none), &none), "No results for “qqqqzzzz”");
    }
}
