//! The catalog: the categories as the home page lists them, searched and filtered.
//!
//! This joins the content to the search engine and the URL parameters. It is pure logic,
//! so the judged ranking tests run natively against exactly what the page shows.

use crate::content::{CATEGORIES, Category, SITE};
use crate::params::HomeParams;
use crate::search::{Document, Hit, Index, Mode};

thread_local! {
    /// The search index over every category, built on first use.
    ///
    /// Built at start-up rather than at build time: for a few dozen documents it takes
    /// well under a millisecond, and it keeps the wasm free of a serialized index. It is
    /// per thread because the index reuses scratch buffers between queries (the app has
    /// one thread).
    static INDEX: Index<'static> = build_index();
}

/// Builds the index over every category.
fn build_index() -> Index<'static> {
    let docs: Vec<Document<'static>> = CATEGORIES
        .iter()
        .map(|c| Document {
            title: c.title,
            aliases: leak(c.aliases.iter().chain(c.keywords).copied().collect()),
            libraries: leak(c.libraries.iter().map(|l| l.name).collect()),
            summary: c.summary,
            body: c.body_text,
        })
        .collect();
    // A category's aliases name the same field, so each category's aliases form one
    // synonym group: "ML" finds what "machine learning" finds.
    let groups: Vec<&'static [&'static str]> = CATEGORIES
        .iter()
        .filter(|c| c.aliases.len() > 1)
        .map(|c| c.aliases)
        .collect();
    Index::new(&docs, &groups)
}

/// Keeps a list for the life of the program; the index is built once and never dropped.
fn leak(items: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(items.into_boxed_slice())
}

/// One card in the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The category shown.
    pub category: &'static Category,
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
    /// The entry for `slug`, if it is listed.
    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.category.slug == slug)
    }
}

/// Whether a category passes the tag and library filters.
fn passes(category: &Category, params: &HomeParams) -> bool {
    params.tag.is_none_or(|tag| category.has_tag(tag))
        && params.lib.is_none_or(|lib| category.has_library(lib))
}

/// Lists the categories for `params`: all of them in content order for a blank query,
/// otherwise the ranked matches.
pub fn list(params: &HomeParams) -> Listing {
    let results = INDEX.with(|index| {
        index.search(&params.q, |doc| {
            CATEGORIES.get(doc).is_some_and(|c| passes(c, params))
        })
    });
    let entries = results
        .hits
        .into_iter()
        .filter_map(|hit| {
            let category = CATEGORIES.get(hit.doc)?;
            let hit = (results.mode != Mode::Empty).then_some(hit);
            Some(Entry { category, hit })
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
            "No field matches every word of “{query}”; showing {} for any word{filters}",
            results(count)
        ),
        Mode::All => format!("{} for “{query}”{filters}", results(count)),
    }
}

/// The number of categories, for headings that count them.
pub fn total() -> usize {
    CATEGORIES.len()
}

/// The label of a tag id, for chips.
pub fn tag_label(id: &str) -> &'static str {
    SITE.tags
        .iter()
        .find(|t| t.id == id)
        .map_or("", |t| t.label)
}
