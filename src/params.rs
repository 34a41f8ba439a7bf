//! URL parameters: parsing what arrives in a URL and writing it back. Pure logic, so it is
//! tested natively. A value that does not make sense falls back to its default rather
//! than failing.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

pub use pyuses_catalog::{MAX_QUERY_CHARS, clean_query};

/// Characters written as they are in a query value; everything else is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The state of the home page that lives in its URL: `?q=…&tag=…&lib=…`, over the site's
/// data (see [`pyuses_catalog::HomeParams`], which parses it).
pub type HomeParams = pyuses_catalog::HomeParams<'static>;

/// The query string for `params`, `?`-prefixed, or empty when all are default.
pub fn query_string(params: &HomeParams) -> String {
    let pairs = [
        ("q", Some(params.q.as_str()).filter(|q| !q.is_empty())),
        ("tag", params.tag),
        ("lib", params.lib),
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

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
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
        HomeParams::parse(crate::content::for_tests().data, |name| {
            map.get(name).cloned()
        })
    }

    #[test]
    fn empty_url_gives_defaults() {
        assert_eq!(parse(&[]), HomeParams::default());
        assert_eq!(query_string(&HomeParams::default()), "");
    }

    #[test]
    fn writes_encoded_query_strings() {
        let params = HomeParams {
            q: "c++ & \"ai\" é".into(),
            tag: None,
            lib: None,
        };
        assert_eq!(
            query_string(&params),
            "?q=c%2B%2B%20%26%20%22ai%22%20%C3%A9"
        );
        let tag = crate::content::for_tests().site().tags[0].id.as_str();
        let both = HomeParams {
            q: String::new(),
            tag: Some(tag),
            lib: Some("NumPy"),
        };
        assert_eq!(query_string(&both), format!("?tag={tag}&lib=NumPy"));
    }

    #[test]
    fn router_base_from_root_path() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/docs/app/"), "/docs/app");
        assert_eq!(router_base("relative/"), "");
    }
}
