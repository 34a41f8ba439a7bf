//! The catalog: what the home page lists, searched and filtered.
//!
//! This joins the site's data ([`Data`]) to the search engine and the home page's
//! parameters ([`HomeParams`]). Besides the categories, the home page's own sections ("why
//! Python", "further reading") are searchable, so every fact on the site can be found by
//! searching. It is pure logic with no web APIs and no UI framework, so the judged ranking
//! tests run natively against exactly what the page shows, and any front end (the Leptos
//! app, a small search module) can use it as it is.
//!
//! [`Catalog::new`] takes the data; the search indexes are built from the search data the
//! first time a query needs them. Until the search data is installed, a query's listing
//! is [`Listing::pending`]: the cards stay listed unsearched, and whoever shows the listing
//! makes it again once the data is in.

pub mod data;
pub mod params;

use std::sync::{Mutex, OnceLock};

pub use data::{CategoryExt, Data, Icon, icons};
pub use params::{HomeParams, MAX_QUERY_CHARS, clean_query};

use pyuses_content::{Category, DocumentLists, Library, SECTIONS};
use pyuses_search::{Document, Hit, Index, IndexData, Mode};

/// A section of the home page that search can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section<'a> {
    /// Its id, and the key of its card.
    pub id: &'static str,
    /// The id of the heading a result links to.
    pub anchor: &'static str,
    /// Title as searched and shown.
    pub title: &'a str,
    /// One sentence for its card.
    pub summary: &'a str,
    /// Its card's icon.
    pub icon: Icon,
}

/// What a listed card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A category card.
    Category(&'a Category),
    /// A card that leads to a section of the home page.
    Section(Section<'a>),
}

impl<'a> Target<'a> {
    /// A key that is unique across the listing.
    pub fn key(self) -> &'a str {
        match self {
            Self::Category(category) => &category.slug,
            Self::Section(section) => section.id,
        }
    }

    /// The category, for category cards.
    pub fn category(self) -> Option<&'a Category> {
        match self {
            Self::Category(category) => Some(category),
            Self::Section(_) => None,
        }
    }
}

/// A library the query names.
#[derive(Debug, Clone, PartialEq)]
pub struct LibraryEntry<'a> {
    /// The library.
    pub library: &'a Library,
    /// Where the query matched its names.
    pub hit: Hit,
    /// `library:<id>`: a key unique across the listing (libraries and fields share it).
    key: &'a str,
}

impl<'a> LibraryEntry<'a> {
    /// A key unique across the listing (libraries and fields share it).
    pub fn key(&self) -> &'a str {
        self.key
    }
}

/// One card in the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// What the card shows.
    pub target: Target<'a>,
    /// Where the query matched it, when there is a query.
    pub hit: Option<Hit>,
}

/// What the home page shows for a set of parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<'a> {
    /// The libraries the query names, best first; listed before the cards.
    pub libraries: Vec<LibraryEntry<'a>>,
    /// The cards, best first.
    pub entries: Vec<Entry<'a>>,
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
    pub params: HomeParams<'a>,
}

impl<'a> Listing<'a> {
    /// The entry with this key, if it is listed.
    pub fn entry(&self, key: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.target.key() == key)
    }

    /// The keys of the listed cards, best first: the order the grid shows them in.
    pub fn keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.entries.iter().map(|e| e.target.key())
    }

    /// The listed categories, best first.
    pub fn categories(&self) -> impl Iterator<Item = &'a Category> + '_ {
        self.entries.iter().filter_map(|e| e.target.category())
    }
}

/// The most libraries listed for one query.
const MAX_LIBRARIES: usize = 3;
/// A library is listed when the query matches one of its names and spells out at least
/// this share of that name's letters: "python" does not list python-fire, "djang" lists
/// Django, and "kivy" lists Kivy but not KivyMD.
const NAME_COVERAGE: f32 = 0.8;

/// The catalog over one [`Data`]: listings, library hits and the sentences that announce
/// them, with the search indexes built the first time a query needs them.
///
/// The indexes borrow word lists the catalog keeps, so the methods that search take
/// `&'a self`: the catalog is borrowed for as long as the data, as it is when it lives as
/// long as the page.
pub struct Catalog<'a> {
    data: &'a Data,
    /// `library:<id>` for each library, in the order of the data's libraries.
    keys: OnceLock<Vec<String>>,
    /// The text of the "why Python" section's search document.
    reasons: OnceLock<String>,
    /// Each library's other names, as its search document holds them.
    names: OnceLock<Vec<Vec<&'a str>>>,
    /// The word lists the documents borrow.
    lists: OnceLock<DocumentLists<'a>>,
    /// The search index over every category and section. In a mutex because the index
    /// reuses scratch buffers between queries; it is never contended (one query at a
    /// time), and it keeps the catalog shareable.
    index: OnceLock<Mutex<Index<'a>>>,
    /// The search index over the libraries' names.
    library_index: OnceLock<Mutex<Index<'a>>>,
    /// Every category's title, aliases and keywords as the engine compares names (see
    /// [`pyuses_search::name_key`]), with the category's position.
    own_names: OnceLock<Vec<(String, usize)>>,
}

impl<'a> Catalog<'a> {
    /// The catalog over `data`; nothing is built until it is needed.
    pub fn new(data: &'a Data) -> Self {
        Self {
            data,
            keys: OnceLock::new(),
            reasons: OnceLock::new(),
            names: OnceLock::new(),
            lists: OnceLock::new(),
            index: OnceLock::new(),
            library_index: OnceLock::new(),
            own_names: OnceLock::new(),
        }
    }

    /// The data the catalog reads.
    pub fn data(&self) -> &'a Data {
        self.data
    }

    /// The searchable sections of the home page, in index order (after the categories).
    pub fn sections(&self) -> [Section<'a>; 2] {
        let site = self.data.site();
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

    /// Every card the home page can list, in index order: the categories, then the
    /// sections.
    pub fn targets(&self) -> Vec<Target<'a>> {
        (0..self.data.categories().len() + SECTIONS.len())
            .filter_map(|doc| self.target(doc))
            .collect()
    }

    /// Documents `0..categories().len()` are the categories; the sections follow.
    fn target(&self, doc: usize) -> Option<Target<'a>> {
        let categories = self.data.categories();
        match categories.get(doc) {
            Some(category) => Some(Target::Category(category)),
            None => self
                .sections()
                .get(doc - categories.len())
                .copied()
                .map(Target::Section),
        }
    }

    /// The key of each document of [`Catalog::documents`]: the slug, or the section id.
    pub fn document_keys(&self) -> Vec<&'a str> {
        self.targets().into_iter().map(Target::key).collect()
    }

    /// The documents the index holds, in index order (see
    /// [`pyuses_content::search_documents`]), once the search data, which holds their
    /// texts, is installed. The search benchmark indexes the same documents in every
    /// engine it compares.
    pub fn documents(&'a self) -> Option<Vec<Document<'a>>> {
        let data = self.data;
        let (bodies, details) = data.search_texts()?;
        let lists = self.lists.get_or_init(|| {
            DocumentLists::new(data.site(), data.categories(), data.libraries(), details)
        });
        Some(pyuses_content::search_documents(
            data.site(),
            data.categories(),
            bodies,
            lists,
        ))
    }

    /// Each library's other names, as its search document holds them, once the search
    /// data (which holds them) is installed.
    fn library_names(&self) -> Option<&[Vec<&'a str>]> {
        let data = self.data;
        let (_, details) = data.search_texts()?;
        Some(
            self.names
                .get_or_init(|| pyuses_content::library_names(data.libraries(), details)),
        )
    }

    /// The searchable text of a section (what its snippets point into), as its document
    /// holds it. Read from the home data, so that showing a card needs no search data.
    pub fn section_body(&self, id: &str) -> &str {
        let site = self.data.site();
        match SECTIONS.iter().position(|s| *s == id) {
            Some(0) => self
                .reasons
                .get_or_init(|| pyuses_content::reasons_text(site)),
            Some(_) => &site.reading_text,
            None => "",
        }
    }

    /// The searchable body of a card's field or section; a field's once the search data
    /// has come.
    pub fn body_of(&self, target: Target<'_>) -> Option<&str> {
        match target {
            Target::Category(category) => self.data.body_text(&category.slug),
            Target::Section(section) => Some(self.section_body(section.id)),
        }
    }

    /// `library:<id>`, made once per library and kept.
    pub fn library_key(&self, library: &Library) -> &str {
        let keys = self.keys.get_or_init(|| {
            self.data
                .libraries()
                .iter()
                .map(|l| format!("library:{}", l.id))
                .collect()
        });
        self.data
            .libraries()
            .iter()
            .position(|l| std::ptr::eq(l, library))
            .and_then(|i| keys.get(i))
            .map_or("library:", String::as_str)
    }

    /// Runs `f` on the search index, built from its data the first time; `None` while
    /// the search data is not installed.
    fn with_index<R>(&'a self, f: impl FnOnce(&Index<'a>) -> R) -> Option<R> {
        let index = built(&self.index, self.data.index_data(), || {
            self.documents().unwrap_or_default()
        })?;
        Some(f(&index.lock().unwrap_or_else(|e| e.into_inner())))
    }

    /// Like [`Catalog::with_index`], for the library index.
    fn with_library_index<R>(&'a self, f: impl FnOnce(&Index<'a>) -> R) -> Option<R> {
        let names = self.library_names()?;
        let docs = || pyuses_content::library_documents(self.data.libraries(), names);
        let index = built(&self.library_index, self.data.library_index_data(), docs)?;
        Some(f(&index.lock().unwrap_or_else(|e| e.into_inner())))
    }

    /// The libraries `query` names: matched by name, PyPI name or another name, with the
    /// same typo tolerance as the fields, best first.
    pub fn library_hits(&'a self, query: &str) -> Vec<LibraryEntry<'a>> {
        if pyuses_search::is_blank(query) {
            return Vec::new();
        }
        let Some(mut results) =
            self.with_library_index(|index| index.search_top(query, |_| true, 8))
        else {
            return Vec::new();
        };
        // Names written apart find names written together: "sql alchemy" finds SQLAlchemy.
        let joined: String = query.split_whitespace().collect();
        let query = if results.mode != Mode::All && joined.len() < query.trim().len() {
            results = self
                .with_library_index(|index| index.search_top(&joined, |_| true, 8))
                .unwrap_or(results);
            joined.as_str()
        } else {
            query
        };
        if results.mode != Mode::All {
            return Vec::new();
        }
        let libraries = self.data.libraries();
        let Some(names) = self.library_names() else {
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
                    coverage =
                        coverage.max(covered(alias, hit.aliases.iter().any(|(a, _)| *a == i)));
                }
                let key = self.library_key(library);
                (coverage >= NAME_COVERAGE)
                    .then_some((coverage, LibraryEntry { library, hit, key }))
            })
            .collect::<Vec<_>>();
        // The name the query spells out most fully first ("pydantic": Pydantic, then
        // Pydantic AI); ties keep the engine's order.
        let mut listed: Vec<(usize, (f32, LibraryEntry))> =
            listed.into_iter().enumerate().collect();
        listed.sort_unstable_by(|(i, a), (j, b)| b.0.total_cmp(&a.0).then(i.cmp(j)));
        listed
            .into_iter()
            .map(|(_, (_, entry))| entry)
            .take(MAX_LIBRARIES)
            .collect()
    }

    /// Whether a document passes the filters. Sections are listed only for a query with
    /// no tag or library filter.
    fn passes(&self, target: Target<'_>, params: &HomeParams<'_>) -> bool {
        match target {
            Target::Category(category) => {
                params.tag.is_none_or(|tag| category.has_tag(tag))
                    && params
                        .lib
                        .is_none_or(|lib| self.data.has_library(category, lib))
            }
            Target::Section(_) => {
                params.tag.is_none() && params.lib.is_none() && !params.q.trim().is_empty()
            }
        }
    }

    /// Lists the cards for `params`: every category in content order for a blank query,
    /// otherwise the ranked matches.
    pub fn list(&'a self, params: &HomeParams<'a>) -> Listing<'a> {
        self.list_where(params, |_| true)
    }

    /// Like [`Catalog::list`], among the targets `keep` accepts (the embed view's chosen
    /// categories), so that the fallback to any word and the suggestions consider only
    /// those.
    pub fn list_where(
        &'a self,
        params: &HomeParams<'a>,
        keep: impl Fn(Target<'a>) -> bool,
    ) -> Listing<'a> {
        if pyuses_search::is_blank(&params.q) {
            return self.unsearched(params, keep);
        }
        let results = self.with_index(|index| {
            index.search(&params.q, |doc| {
                self.target(doc)
                    .is_some_and(|t| keep(t) && self.passes(t, params))
            })
        });
        let Some(results) = results else {
            // The search data is on its way: the cards the filters pass stay listed, in
            // order, until it is in, and then whoever shows this listing makes it again.
            let blank = HomeParams {
                q: String::new(),
                ..params.clone()
            };
            return Listing {
                pending: true,
                params: params.clone(),
                ..self.unsearched(&blank, keep)
            };
        };
        let mut entries: Vec<Entry<'a>> = results
            .hits
            .into_iter()
            .filter_map(|hit| {
                let target = self.target(hit.doc)?;
                let hit = (results.mode != Mode::Empty).then_some(hit);
                Some(Entry { target, hit })
            })
            .collect();
        // A library is listed only where the fields are not narrowed to one library.
        let libraries = if params.lib.is_none() {
            self.library_hits(&params.q)
        } else {
            Vec::new()
        };
        if results.mode == Mode::All && !libraries.is_empty() {
            self.order_by_library(&params.q, &libraries, &mut entries);
        }
        Listing {
            libraries,
            entries,
            mode: results.mode,
            suggestion: results.suggestion,
            pending: false,
            params: params.clone(),
        }
    }

    /// Orders the cards of a query that names libraries: first the fields the query names
    /// themselves (by their title, an alias or a keyword, in the singular or the plural:
    /// "type checking", "mqtt", "notebooks"), then
    /// the fields that list a named library, the best-named library first and, for each,
    /// the fields that list it earliest first (a library listed first is central to a
    /// field: "pyqt" is Desktop Applications before Mobile App Development), then the
    /// rest. Within each group the engine's order stays.
    fn order_by_library(
        &self,
        query: &str,
        libraries: &[LibraryEntry<'a>],
        entries: &mut Vec<Entry<'a>>,
    ) {
        let names = self.own_names.get_or_init(|| {
            let mut names: Vec<(String, usize)> = Vec::new();
            for (at, c) in self.data.categories().iter().enumerate() {
                let own = [&c.title].into_iter().chain(&c.aliases).chain(&c.keywords);
                names.extend(own.map(|name| (pyuses_search::name_key(name), at)));
            }
            names
        });
        // The query as typed, and in the singular or the plural ("notebooks" names the
        // field whose keyword is "notebook"). A scan of a thousand short names costs
        // microseconds, and leaves the wasm without another sort.
        let key = pyuses_search::name_key(query);
        let other = match key.strip_suffix('s') {
            Some(singular) => singular.to_owned(),
            None => format!("{key}s"),
        };
        let named: Vec<usize> = names
            .iter()
            .filter(|(name, _)| *name == key || *name == other)
            .map(|&(_, at)| at)
            .collect();
        // (group, named library, place in the field's list), then the engine's order.
        let group = |entry: &Entry<'a>| -> (u64, u64, u64) {
            let Target::Category(category) = entry.target else {
                return (2, 0, 0);
            };
            let at = self.data.category_position(&category.slug);
            if at.is_some_and(|at| named.contains(&at)) {
                return (0, 0, 0);
            }
            libraries
                .iter()
                .enumerate()
                .find_map(|(j, named)| {
                    let place = category
                        .libraries
                        .iter()
                        .position(|id| *id == named.library.id)?;
                    Some((1, j as u64, place as u64))
                })
                .unwrap_or((2, 0, 0))
        };
        let keys: Vec<u64> = entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let (group, library, place) = group(entry);
                (group << 56) | (library.min(0xFF) << 48) | (place.min(0xFFFF) << 32) | i as u64
            })
            .collect();
        // Each card goes after the cards whose keys are smaller: a listing is a few dozen
        // cards, and counting keeps the wasm free of another sort.
        let mut slots: Vec<Option<Entry<'a>>> = entries.drain(..).map(Some).collect();
        let mut order: Vec<Option<usize>> = vec![None; keys.len()];
        for (i, key) in keys.iter().enumerate() {
            let rank = keys.iter().filter(|k| *k < key).count();
            if let Some(slot) = order.get_mut(rank) {
                *slot = Some(i);
            }
        }
        entries.extend(order.into_iter().filter_map(|i| slots.get_mut(i?)?.take()));
    }

    /// Every card that passes the filters of a blank query, in content order, as the
    /// index would list them: the page shows this at start-up, and the index can wait for
    /// the first search.
    fn unsearched(
        &self,
        params: &HomeParams<'a>,
        keep: impl Fn(Target<'a>) -> bool,
    ) -> Listing<'a> {
        let entries = self
            .targets()
            .into_iter()
            .filter(|&t| keep(t) && self.passes(t, params))
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
    pub fn status(&self, listing: &Listing<'_>, params: &HomeParams<'_>) -> String {
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
        if let Some(tag) = params.tag.and_then(|id| self.data.tag(id)) {
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
}

/// The index kept in `cell`, built over `docs` from `data` the first time; `None` while
/// there is no data.
fn built<'c, 'a>(
    cell: &'c OnceLock<Mutex<Index<'a>>>,
    data: Option<&IndexData>,
    docs: impl FnOnce() -> Vec<Document<'a>>,
) -> Option<&'c Mutex<Index<'a>>> {
    if let Some(index) = cell.get() {
        return Some(index);
    }
    // The data file carries an index built for exactly these documents; should it not,
    // search finds nothing rather than wrong documents.
    let data = data?.clone();
    let index = Index::from_data(&docs(), data).unwrap_or_else(|_| Index::empty());
    Some(cell.get_or_init(|| Mutex::new(index)))
}

#[cfg(test)]
mod tests;
