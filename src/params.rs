//! URL parameters: parsing what arrives in a URL and writing it back. Pure logic, so it is
//! tested natively. A value that does not make sense falls back to its default rather
//! than failing.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::content::{self, CategoryExt};

/// The longest query kept from a URL or the search box, in characters.
pub const MAX_QUERY_CHARS: usize = 256;

/// Characters written as they are in a query value; everything else is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The state of the home page that lives in its URL: `?q=…&tag=…&lib=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeParams {
    /// The search query as typed (possibly empty).
    pub q: String,
    /// A known tag id to filter by.
    pub tag: Option<&'static str>,
    /// A known library name to filter by, spelled as the content spells it.
    pub lib: Option<&'static str>,
}

impl HomeParams {
    /// Reads the parameters through `get`, which returns a decoded query value by name.
    /// Unknown tags and libraries are dropped; an over-long query is cut.
    pub fn parse(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            q: get("q").map(|q| clean_query(&q)).unwrap_or_default(),
            tag: get("tag")
                .and_then(|id| content::tag(id.trim()))
                .map(|tag| tag.id.as_str()),
            lib: get("lib").and_then(|name| library_name(name.trim())),
        }
    }

    /// The query string for these parameters, `?`-prefixed, or empty when all are default.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("q", Some(self.q.as_str()).filter(|q| !q.is_empty())),
            ("tag", self.tag),
            ("lib", self.lib),
        ];
        let parts: Vec<String> = pairs
            .iter()
            .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encode(v))))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// True when any filter or query is set.
    pub fn is_filtered(&self) -> bool {
        !self.q.trim().is_empty() || self.tag.is_some() || self.lib.is_some()
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Cuts a query to [`MAX_QUERY_CHARS`] and drops control characters, which no one types.
pub fn clean_query(q: &str) -> String {
    q.chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY_CHARS)
        .collect()
}

/// The content's spelling of a library name, matched without regard to ASCII case.
pub fn library_name(name: &str) -> Option<&'static str> {
    content::categories()
        .iter()
        .flat_map(|c| c.library_entries())
        .find(|l| l.name.eq_ignore_ascii_case(name))
        .map(|l| l.name.as_str())
}

/// The router base for a site root path: `/` → ``, `/docs/app/` → `/docs/app`.
pub fn router_base(root_path: &str) -> String {
    let trimmed = root_path.trim_end_matches('/');
    if trimmed.is_empty() || !trimmed.starts_with('/') {
        String::new()
    } else {
        trimmed.to_owned()
    }
}

pub mod sync;

#[cfg(test)]
pub(crate) mod proptests;
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> HomeParams {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        HomeParams::parse(|name| map.get(name).cloned())
    }

    #[test]
    fn empty_url_gives_defaults() {
        assert_eq!(parse(&[]), HomeParams::default());
        assert_eq!(HomeParams::default().to_query_string(), "");
    }

    #[test]
    fn known_values_are_kept() {
        let tag = content::site().tags[0].id.as_str();
        let lib = content::library(&content::categories()[0].libraries[0])
            .unwrap()
            .name
            .as_str();
        let params = parse(&[
            ("q", "web apps"),
            ("tag", tag),
            ("lib", &lib.to_ascii_lowercase()),
        ]);
        assert_eq!(
            params,
            HomeParams {
                q: "web apps".into(),
                tag: Some(tag),
                lib: Some(lib)
            }
        );
    }

    #[test]
    fn bad_values_fall_back() {
        let params = parse(&[
            ("tag", "<script>"),
            ("lib", "no-such-library"),
            ("q", "a\u{0}b\u{7}"),
        ]);
        assert_eq!(
            params,
            HomeParams {
                q: "ab".into(),
                tag: None,
                lib: None
            }
        );
        assert_eq!(
            parse(&[("q", &"x".repeat(10_000))]).q.chars().count(),
            MAX_QUERY_CHARS
        );
    }

    #[test]
    fn writes_encoded_query_strings() {
        let params = HomeParams {
            q: "c++ & \"ai\" é".into(),
            tag: None,
            lib: None,
        };
        assert_eq!(
            params.to_query_string(),
            "?q=c%2B%2B%20%26%20%22ai%22%20%C3%A9"
        );
        let tag = content::site().tags[0].id.as_str();
        let both = HomeParams {
            q: String::new(),
            tag: Some(tag),
            lib: Some("NumPy"),
        };
        assert_eq!(both.to_query_string(), format!("?tag={tag}&lib=NumPy"));
    }

    #[test]
    fn router_base_from_root_path() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/docs/app/"), "/docs/app");
        assert_eq!(router_base("relative/"), "");
    }
}
