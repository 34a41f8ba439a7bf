//! The app's search engine behind a small wasm-bindgen API, for the search benchmark.
//!
//! The engine is the workspace's `crates/search`, a path dependency, so the benchmark
//! measures exactly the engine the app ships, built with the app's release profile.
//!
//! The page adds documents one call at a time (list fields joined with U+001F, the ASCII
//! unit separator), adds synonym groups the same way, then calls [`Engine::build`]. The
//! engine's [`Index`] borrows its text (the app indexes `&'static str` content), so
//! [`Engine`] owns a copy of every string and hands the index references into it.
//!
//! Without the default `engine` feature the same API is compiled with stub bodies and no
//! engine: the size probe builds both and reports the difference.

#[cfg(feature = "engine")]
use pyuses_search::{Document, Index};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

/// The system allocator (dlmalloc on wasm), counting the bytes currently allocated.
///
/// Linear memory only grows, so its size says how much the build needed at its peak; this
/// count says what the index actually keeps. It is in both size-probe builds, so it does not
/// change the engine's measured size.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only a counter is updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Separates the members of a list given as one string (aliases, libraries, synonyms).
const SEP: char = '\u{1f}';

/// Splits a joined list; an empty string is an empty list.
fn split(list: &str) -> impl Iterator<Item = Box<str>> + '_ {
    list.split(SEP).filter(|s| !s.is_empty()).map(Box::from)
}

/// A document's aliases or libraries, borrowed from its [`Stored`] strings.
#[cfg(feature = "engine")]
type Refs = Box<[&'static str]>;

/// One document's text, owned.
struct Stored {
    title: Box<str>,
    aliases: Box<[Box<str>]>,
    /// How many of `aliases` are names (see the engine's `Document::alias_names`).
    alias_names: usize,
    libraries: Box<[Box<str>]>,
    summary: Box<str>,
    body: Box<str>,
    /// What each library is for, in the order of `libraries`.
    about: Box<[Box<str>]>,
}

impl Stored {
    fn text_bytes(&self) -> usize {
        let list = |l: &[Box<str>]| l.iter().map(|s| s.len()).sum::<usize>();
        self.title.len()
            + list(&self.aliases)
            + list(&self.libraries)
            + self.summary.len()
            + self.body.len()
            + list(&self.about)
    }
}

/// A search index over documents given from JavaScript.
#[wasm_bindgen]
#[derive(Default)]
pub struct Engine {
    // Declared first so that it is dropped first: it borrows from `lists` and `docs`.
    #[cfg(feature = "engine")]
    index: Option<Index<'static>>,
    /// For each document, its aliases, its libraries and their descriptions as `&str`
    /// slices into `docs` (a `Document` holds `&[&str]`, so these arrays must outlive the
    /// index too).
    #[cfg(feature = "engine")]
    lists: Vec<(Refs, Refs, Refs)>,
    docs: Vec<Stored>,
    synonyms: Vec<Vec<Box<str>>>,
}

/// Extends a borrow of a string owned by an [`Engine`] to `'static`.
///
/// # Safety
/// The string's heap buffer must stay alive and unchanged for as long as the result is used.
/// `Engine` guarantees it: the buffers are boxed (moving the box or its `Vec` does not move
/// them), never mutated, and dropped only after the index that borrows them.
#[cfg(feature = "engine")]
unsafe fn extend(s: &str) -> &'static str {
    // SAFETY: see the function's contract.
    unsafe { &*(s as *const str) }
}

#[wasm_bindgen]
impl Engine {
    /// An engine with no documents.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Adds a document; `aliases`, `libraries` and `about` (what each library is for, in
    /// the order of `libraries`) are lists joined with U+001F, and the first `alias_names`
    /// aliases are names rather than keywords.
    #[allow(clippy::too_many_arguments)] // one per field of the engine's `Document`
    pub fn add(
        &mut self,
        title: &str,
        aliases: &str,
        alias_names: usize,
        libraries: &str,
        summary: &str,
        body: &str,
        about: &str,
    ) {
        self.docs.push(Stored {
            title: title.into(),
            aliases: split(aliases).collect(),
            alias_names,
            libraries: split(libraries).collect(),
            summary: summary.into(),
            body: body.into(),
            about: split(about).collect(),
        });
    }

    /// Adds a synonym group, its members joined with U+001F.
    pub fn add_synonyms(&mut self, members: &str) {
        self.synonyms.push(split(members).collect());
    }

    /// Indexes the documents and synonyms added so far (replacing any earlier index).
    pub fn build(&mut self) {
        #[cfg(feature = "engine")]
        {
            self.index = None;
            // SAFETY (each `extend`): the strings live in `self.docs`, which outlives
            // `self.index` (dropped first, and reset above before `lists` is rebuilt).
            let refs =
                |list: &[Box<str>]| -> Refs { list.iter().map(|s| unsafe { extend(s) }).collect() };
            self.lists = self
                .docs
                .iter()
                .map(|d| (refs(&d.aliases), refs(&d.libraries), refs(&d.about)))
                .collect();
            let docs: Vec<Document<'static>> = self
                .docs
                .iter()
                .zip(&self.lists)
                .map(|(d, (aliases, libraries, about))| Document {
                    title: unsafe { extend(&d.title) },
                    // SAFETY: the boxed slices in `self.lists` live as long as the strings.
                    aliases: unsafe { &*(&**aliases as *const [&'static str]) },
                    alias_names: d.alias_names,
                    libraries: unsafe { &*(&**libraries as *const [&'static str]) },
                    summary: unsafe { extend(&d.summary) },
                    body: unsafe { extend(&d.body) },
                    about: unsafe { &*(&**about as *const [&'static str]) },
                })
                .collect();
            // The engine copies the synonyms into its own form, so plain borrows do here.
            let groups: Vec<Vec<&str>> = self
                .synonyms
                .iter()
                .map(|g| g.iter().map(|m| &**m).collect())
                .collect();
            let groups: Vec<&[&str]> = groups.iter().map(Vec::as_slice).collect();
            self.index = Some(Index::new(&docs, &groups));
        }
    }

    /// Searches as the app does, computing highlights and snippets for the `k` best hits;
    /// returns the number of matching documents.
    pub fn search(&self, query: &str, k: usize) -> u32 {
        #[cfg(feature = "engine")]
        {
            self.index
                .as_ref()
                .map_or(0, |i| i.search_top(query, |_| true, k).total as u32)
        }
        #[cfg(not(feature = "engine"))]
        {
            let _ = k;
            query.len() as u32
        }
    }

    /// The `k` best documents for `query`, as indices in the order they were added.
    pub fn ranked(&self, query: &str, k: usize) -> Vec<u32> {
        #[cfg(feature = "engine")]
        {
            self.index.as_ref().map_or_else(Vec::new, |i| {
                let results = i.search_top(query, |_| true, k);
                results.hits.iter().map(|h| h.doc as u32).collect()
            })
        }
        #[cfg(not(feature = "engine"))]
        {
            vec![query.len() as u32; k.min(1)]
        }
    }

    /// Number of documents added.
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// Bytes of document text this engine copied from JavaScript (the app makes no such
    /// copy: its index borrows the content's static strings).
    pub fn text_bytes(&self) -> usize {
        self.docs.iter().map(Stored::text_bytes).sum()
    }
}

/// Bytes currently allocated on this module's heap.
#[wasm_bindgen]
pub fn live_bytes() -> f64 {
    LIVE_BYTES.load(Ordering::Relaxed) as f64
}

/// Current size of this module's linear memory, in bytes (it never shrinks).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
