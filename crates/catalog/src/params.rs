//! What the home page lists for: its query and filters, as its URL holds them
//! (`?q=…&tag=…&lib=…`). Parsing keeps only values the data knows; writing the parameters
//! back to a URL is the app's (it percent-encodes them).

use crate::data::Data;

/// The longest query kept from a URL or the search box, in characters.
pub const MAX_QUERY_CHARS: usize = 256;

/// The state of the home page that lives in its URL: `?q=…&tag=…&lib=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeParams<'a> {
    /// The search query as typed (possibly empty).
    pub q: String,
    /// A known tag id to filter by.
    pub tag: Option<&'a str>,
    /// A known library name to filter by, spelled as the content spells it.
    pub lib: Option<&'a str>,
}

impl<'a> HomeParams<'a> {
    /// Reads the parameters through `get`, which returns a decoded query value by name.
    /// Tags and libraries that `data` does not know are dropped; an over-long query is cut.
    pub fn parse(data: &'a Data, get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            q: get("q").map(|q| clean_query(&q)).unwrap_or_default(),
            tag: get("tag")
                .and_then(|id| data.tag(id.trim()))
                .map(|tag| tag.id.as_str()),
            lib: get("lib").and_then(|name| data.library_name(name.trim())),
        }
    }

    /// True when any filter or query is set.
    pub fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty() || self.tag.is_some() || self.lib.is_some()
    }
}

/// Cuts a query to [`MAX_QUERY_CHARS`] and drops control characters, which no one types.
pub fn clean_query(q: &str) -> String {
    q.chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect()
}
