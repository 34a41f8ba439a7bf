//! In-memory full-text search over a small set of borrowed documents.
//!
//! Pure logic (no web APIs), sized for wasm: serde only (the index is built at build time
//! and shipped as data, see [`IndexData`]), one flat postings list, a
//! sorted vocabulary in a single string, and scratch buffers reused between queries.
//!
//! # Matching
//! - **Folding**: case folding, compatibility decomposition and accent removal, identical for
//!   documents and queries (`Café` = `cafe` = `cafe\u{301}`); see `fold.rs` for the scope.
//! - **Tokens**: `C++`, `C#`, `.NET`, `3D`, `Node.js`, `discord.py`, `scikit-learn` survive as
//!   words; compounds are also indexed by their parts (`scikit`, `learn`) and by their joined
//!   form (`nodejs`); see `tokenize.rs`.
//! - **Words** match exactly, by light English inflection (`scrape` ↔ `scraping`, `scraper`,
//!   `scraped`, `developer` ↔ `development`; see `query::stem`), as a prefix when they are the word being typed (the last
//!   word, unless the query ends with whitespace or the word is in quotes), and with typos:
//!   optimal-string-alignment Damerau-Levenshtein distance 1 from 4 characters, 2 from 8. The
//!   word being typed also matches terms that *start* within that distance (`djnag` →
//!   `django`).
//! - **Query syntax**: words are ANDed; if no document has them all, the results fall back to
//!   documents having any ([`Mode::Any`]). `"quoted phrases"` need consecutive words in one
//!   field, matched exactly. `-word` excludes documents containing `word` exactly (after
//!   folding). A query of only exclusions returns every other document.
//! - **Synonyms**: a word or run of words equal to a member of a synonym group also matches
//!   the group's other members (at a 0.9 factor; multi-word members as phrases).
//!
//! # Ranking
//! BM25F: field weights title 5 > aliases 3.5 ≈ libraries 3 > summary 1.5 > body 1 >
//! libraries' descriptions, with per-field length normalisation, see `indexer.rs`. A
//! document's libraries count by their place in its list (the first, central to it, in
//! full), and its keywords less than its own names. A clause with synonyms is one concept:
//! its idf is that of every document any member matched, so a rare abbreviation does not
//! outweigh the common words it stands for. Each match is multiplied by its quality:
//! exact 1.0 > inflection 0.8 > prefix 0.5–0.75 (more of the word typed scores higher) >
//! typo 0.3 (one edit) / 0.15 (two), × 0.8 when the typo is in a prefix. A query word's idf
//! is computed from all the documents it matched (however it matched them), and a document
//! keeps only its best match per query word, so for the same document statistics an exact
//! match always outranks a prefix match, which outranks a typo.
//!
//! Two factors follow: a document whose title, one of its names or one of its libraries'
//! names is exactly the query scores ×1.5 (for a library, less the further down its list),
//! and a hit whose text has the query's words next to each other, in the order typed,
//! gains up to 30% (found while its highlights are computed, so the hits are ranked again
//! then: for [`Index::search_top`], among the `k` returned).
//!
//! # Bounds
//! Queries are cut to 256 bytes and 32 units, and expand to at most 96 looked-up words; typo
//! matching applies to words of at most 32 characters; keys are cut to 64 bytes. Per word the
//! work is one walk of the sorted vocabulary (pruned, see `fuzzy.rs`) plus its postings.
//! Quoted phrases are verified by re-tokenising the candidate documents (positions are not
//! stored, to keep the index small).

mod exec;
mod fold;
mod fold_table;
mod fuzzy;
mod highlight;
mod indexer;
mod query;
mod sort;
mod tokenize;
mod vocab;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use core::cell::RefCell;
use core::ops::Range;

/// One searchable document. The index borrows the text (the app's content is `&'static str`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Document<'a> {
    /// The document's name; the most heavily weighted field.
    pub title: &'a str,
    /// Alternative names and keywords (weighted just below the title).
    pub aliases: &'a [&'a str],
    /// How many of `aliases`, from the first, are names of the document rather than
    /// keywords: a query that is exactly the title, one of these names or a library name
    /// ranks the document higher.
    pub alias_names: usize,
    /// Library names, e.g. `"NumPy"`, `"Beautiful Soup"`, `"discord.py"`, most important
    /// first: a library's words count less the further down the list it is.
    pub libraries: &'a [&'a str],
    /// What each library is for, one line each, in the order of `libraries` (and counting
    /// less down the list in the same way): words such as "charts" or "HTTP client" that
    /// find a document by what its libraries do. Searched at a low weight and never
    /// highlighted (a card does not show it).
    pub about: &'a [&'a str],
    /// A sentence or two shown on the card.
    pub summary: &'a str,
    /// Plain text, several hundred words.
    pub body: &'a str,
}

/// How the hits relate to the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The query was blank: every (filtered) document, in document order.
    Empty,
    /// Every hit matches every query term (or the query had only exclusions).
    All,
    /// No document matched every term, so hits match at least one (the app says so).
    Any,
}

/// A byte range to highlight, always on char boundaries of the original string.
pub type Span = Range<usize>;

/// An excerpt of a document's body around its best match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// Byte range of the excerpt in the body.
    pub text: Span,
    /// Ranges to highlight, relative to the body (not to `text`), all inside `text`.
    pub marks: Vec<Span>,
    /// The excerpt starts after the start of the body (show an ellipsis before it).
    pub starts_mid: bool,
    /// The excerpt ends before the end of the body (show an ellipsis after it).
    pub ends_mid: bool,
}

/// One matching document.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the document in the slice given to [`Index::new`].
    pub doc: usize,
    /// Relevance (higher is better; 0 for blank or exclusion-only queries).
    pub score: f32,
    /// Ranges of the title to highlight.
    pub title: Vec<Span>,
    /// Ranges of the summary to highlight.
    pub summary: Vec<Span>,
    /// (alias index, range in that alias) to highlight.
    pub aliases: Vec<(usize, Span)>,
    /// (library index, range in that library name) to highlight.
    pub libraries: Vec<(usize, Span)>,
    /// An excerpt of the body, when the body matched.
    pub snippet: Option<Snippet>,
}

impl Hit {
    /// A hit with nothing highlighted yet.
    pub fn plain(doc: usize, score: f32) -> Self {
        Self {
            doc,
            score,
            title: Vec::new(),
            summary: Vec::new(),
            aliases: Vec::new(),
            libraries: Vec::new(),
            snippet: None,
        }
    }
}

/// The outcome of a search.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// Ranked hits, best first (ties in document order).
    pub hits: Vec<Hit>,
    /// Number of matching documents; can exceed `hits.len()` with [`Index::search_top`].
    pub total: usize,
    /// Whether hits match all terms, any term, or the query was blank.
    pub mode: Mode,
    /// "Did you mean": a corrected query (folded words), offered when nothing matched or the
    /// results fell back to [`Mode::Any`], if some word has a close vocabulary term.
    pub suggestion: Option<String>,
}

/// What indexing produces, apart from the documents themselves: the vocabulary, the
/// postings and the parsed synonym groups.
///
/// The build step computes it once ([`IndexData::build`]) and ships it serialized beside the
/// documents, so the app only deserializes it ([`Index::from_data`]) instead of tokenising
/// every document at start-up.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct IndexData {
    vocab: vocab::Vocab,
    post: indexer::Postings,
    synonyms: query::Synonyms,
    /// Number of documents indexed, to reject data built for other documents.
    docs: u32,
}

impl IndexData {
    /// Indexes `docs` (document ids are their positions in the slice).
    ///
    /// `synonyms` are groups of equivalent terms or phrases, e.g.
    /// `[["ml", "machine learning"], ["gui", "desktop"], ["crawling", "scraping"]]`.
    pub fn build(docs: &[Document<'_>], synonyms: &[&[&str]]) -> Self {
        let (vocab, post) = indexer::build(docs);
        let synonyms = synonyms
            .iter()
            .map(|group| {
                let mut members: Vec<Vec<String>> = Vec::new();
                for m in group.iter().map(|m| query::unit_keys(m)) {
                    if !m.is_empty() && !members.contains(&m) {
                        members.push(m);
                    }
                }
                members
            })
            .filter(|g| g.len() > 1)
            .collect();
        IndexData {
            vocab,
            post,
            synonyms,
            docs: u32::try_from(docs.len()).unwrap_or(u32::MAX),
        }
    }

    /// Number of documents the data was built for.
    pub fn documents(&self) -> usize {
        self.docs as usize
    }
}

/// A search index over borrowed documents.
///
/// Queries reuse internal scratch buffers through a `RefCell`, so an `Index` is `Send` but not
/// `Sync` (fine for single-threaded wasm). A query issued from inside a `filter` callback
/// still works; it just allocates its own buffers.
pub struct Index<'a> {
    docs: Vec<Document<'a>>,
    vocab: vocab::Vocab,
    post: indexer::Postings,
    synonyms: query::Synonyms,
    /// Every title, alias and library name as its folded words joined by spaces, with its
    /// document and its standing there (0 for the document's own names, `1 + i` for its
    /// `i`-th library), sorted: a query equal to one of them ranks that document higher.
    names: Vec<(String, u32, u16)>,
    /// The documents' strings as tokens, each made when a hit first needs it.
    tokens: highlight::Tokens,
    scratch: RefCell<exec::Scratch>,
}

/// The index data was built for a different number of documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MismatchedData {
    /// Documents the data was built for.
    pub indexed: usize,
    /// Documents given.
    pub given: usize,
}

impl core::fmt::Display for MismatchedData {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "the search index was built for {} documents, not {}",
            self.indexed, self.given
        )
    }
}

/// `text` as the engine compares names: its folded words, joined by single spaces
/// (`"Beautiful  Soup"` and `"beautiful soup"` give `"beautiful soup"`).
pub fn name_key(text: &str) -> String {
    let mut joined = String::new();
    exec::push_joined(&mut joined, &query::unit_keys(text));
    joined
}

/// Whether `query` is blank to the engine: it has no word to find and none to exclude
/// (only spaces or punctuation), so every index lists every document for it, in order.
/// Callers can answer such a query without building an index.
pub fn is_blank(query: &str) -> bool {
    let q = query::parse(query, &Vec::new());
    q.clauses.is_empty() && q.excluded.is_empty()
}

impl<'a> Index<'a> {
    /// Indexes `docs` (document ids are their positions in the slice); see
    /// [`IndexData::build`].
    pub fn new(docs: &[Document<'a>], synonyms: &[&[&str]]) -> Self {
        let data = IndexData::build(docs, synonyms);
        Index::assemble(docs, data)
    }

    /// An index over `docs` from data built for exactly these documents.
    pub fn from_data(docs: &[Document<'a>], data: IndexData) -> Result<Self, MismatchedData> {
        if data.documents() != docs.len() {
            return Err(MismatchedData {
                indexed: data.documents(),
                given: docs.len(),
            });
        }
        Ok(Index::assemble(docs, data))
    }

    /// An index of no documents, which finds nothing.
    pub fn empty() -> Self {
        Index::assemble(&[], IndexData::default())
    }

    fn assemble(docs: &[Document<'a>], data: IndexData) -> Self {
        let mut names: Vec<(String, u32, u16)> = Vec::new();
        for (d, doc) in (0u32..).zip(docs) {
            let aliases = doc.aliases.get(..doc.alias_names).unwrap_or(doc.aliases);
            let own = [doc.title].into_iter().chain(aliases.iter().copied());
            let libraries = (1u16..).zip(doc.libraries.iter().copied());
            for (standing, name) in own.map(|name| (0, name)).chain(libraries) {
                let joined = name_key(name);
                if !joined.is_empty() {
                    names.push((joined, d, standing));
                }
            }
        }
        // One entry per (name, document), with its best standing.
        names.sort_unstable();
        names.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
        Index {
            names,
            tokens: highlight::Tokens::new(docs),
            scratch: RefCell::new(exec::Scratch::new(docs.len())),
            docs: docs.to_vec(),
            vocab: data.vocab,
            post: data.post,
            synonyms: data.synonyms,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the index has no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct indexed terms (parts and joined compounds included).
    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The document with id `doc`.
    pub fn document(&self, doc: usize) -> Option<&Document<'a>> {
        self.docs.get(doc)
    }

    /// Searches documents for which `filter(doc_id)` is true; every hit is returned, with
    /// highlights and snippet.
    pub fn search(&self, query: &str, filter: impl Fn(usize) -> bool) -> Results {
        self.run(query, &filter, usize::MAX)
    }

    /// Like [`Index::search`], but returns (and computes highlights and snippets for) only the
    /// `k` best hits; [`Results::total`] still counts every match.
    pub fn search_top(&self, query: &str, filter: impl Fn(usize) -> bool, k: usize) -> Results {
        self.run(query, &filter, k)
    }
}
