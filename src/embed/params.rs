//! The embed's parameters: `/embed/?categories=…&q=…&theme=…&search=…&layout=…&limit=…&origin=…`,
//! as the loader (`embed.js`) and the Embed dialog write them and the embed view reads
//! them. Pure logic, tested natively; the helpers shared with the home page's parameters
//! (encoding, query cleaning) stay in [`crate::params`].

use crate::content::Data;
use crate::params::{clean_query, encode};

/// The theme an embed shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EmbedTheme {
    /// Follow the visitor's system, like the site.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl EmbedTheme {
    /// Reads `light`, `dark` or `auto`; anything else is `None`.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "auto" => Some(Self::Auto),
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    /// The fixed theme, or `None` to follow the system.
    pub fn fixed(self) -> Option<crate::theme::Theme> {
        match self {
            Self::Auto => None,
            Self::Light => Some(crate::theme::Theme::Light),
            Self::Dark => Some(crate::theme::Theme::Dark),
        }
    }

    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// How an embed lays out its cards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Cards side by side, as on the site.
    #[default]
    Grid,
    /// One compact row per field.
    List,
}

impl Layout {
    /// The parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Grid => "grid",
            Self::List => "list",
        }
    }
}

/// The parameters of the embed view, `/embed/?categories=…&q=…&theme=…&search=…&layout=…&limit=…`.
/// Every one is optional, and a value that does not make sense is replaced by its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedParams {
    /// The categories to show, in the order given; empty means all of them.
    pub categories: Vec<&'static str>,
    /// The initial query.
    pub q: String,
    /// The theme.
    pub theme: EmbedTheme,
    /// Whether to show the search box.
    pub search: bool,
    /// Whether a query that names a library lists that library first (`libraries=on|off`).
    pub libraries: bool,
    /// Grid or list.
    pub layout: Layout,
    /// At most this many cards; `None` shows them all.
    pub limit: Option<usize>,
    /// The origin of the page that embeds the widget, as the loader reports it: the only
    /// origin the widget talks to.
    pub origin: Option<String>,
}

impl Default for EmbedParams {
    /// What an address with no parameters asks for: every field, the search box, library
    /// results, the grid, the visitor's theme.
    fn default() -> Self {
        Self {
            categories: Vec::new(),
            q: String::new(),
            theme: EmbedTheme::default(),
            search: true,
            libraries: true,
            layout: Layout::default(),
            limit: None,
            origin: None,
        }
    }
}

impl EmbedParams {
    /// Reads the parameters through `get`, which returns a decoded query value by name;
    /// categories are those of `data`.
    pub fn parse(data: &'static Data, get: impl Fn(&str) -> Option<String>) -> Self {
        let mut categories: Vec<&'static str> = Vec::new();
        for slug in get("categories").unwrap_or_default().split(',') {
            if let Some(category) = data.category(slug.trim())
                && !categories.contains(&category.slug.as_str())
            {
                categories.push(category.slug.as_str());
            }
        }
        Self {
            categories,
            q: get("q").map(|q| clean_query(&q)).unwrap_or_default(),
            theme: get("theme")
                .as_deref()
                .and_then(EmbedTheme::parse)
                .unwrap_or_default(),
            search: !matches!(get("search").as_deref().map(str::trim), Some("off")),
            libraries: !matches!(get("libraries").as_deref().map(str::trim), Some("off")),
            layout: match get("layout").as_deref().map(str::trim) {
                Some("list") => Layout::List,
                _ => Layout::Grid,
            },
            limit: get("limit")
                .and_then(|n| n.trim().parse::<usize>().ok())
                .filter(|&n| (1..=data.categories().len()).contains(&n)),
            origin: get("origin").and_then(|o| web_origin(&o)),
        }
    }

    /// The query string for these parameters, without the origin (the loader adds it).
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.categories.is_empty() {
            parts.push(format!("categories={}", encode(&self.categories.join(","))));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if self.theme != EmbedTheme::Auto {
            parts.push(format!("theme={}", self.theme.as_str()));
        }
        if !self.search {
            parts.push("search=off".to_owned());
        }
        if !self.libraries {
            parts.push("libraries=off".to_owned());
        }
        if self.layout != Layout::Grid {
            parts.push(format!("layout={}", self.layout.as_str()));
        }
        if let Some(limit) = self.limit {
            parts.push(format!("limit={limit}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Whether a category is shown.
    pub fn shows(&self, slug: &str) -> bool {
        self.categories.is_empty() || self.categories.contains(&slug)
    }
}

/// An `http(s)://host[:port]` origin, normalised; anything else is `None`.
pub fn web_origin(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('/');
    let (scheme, rest) = value.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") || rest.is_empty() {
        return None;
    }
    let chars_ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
    let (host, port) = match rest.rsplit_once(':').filter(|(_, p)| !p.contains(']')) {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    // Brackets only around an IPv6 literal, and a colon outside them only before the port.
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(ipv6) => !ipv6.is_empty() && !ipv6.contains(['[', ']']),
        None => !host.is_empty() && !host.contains([':', '[', ']']),
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    (chars_ok && host_ok && port_ok).then(|| format!("{scheme}://{}", rest.to_ascii_lowercase()))
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> EmbedParams {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        EmbedParams::parse(crate::content::for_tests().data, |name| {
            map.get(name).cloned()
        })
    }

    #[test]
    fn defaults() {
        let params = parse(&[]);
        assert_eq!(
            params,
            EmbedParams {
                search: true,
                ..EmbedParams::default()
            }
        );
        assert_eq!(params.to_query_string(), "");
        assert!(params.shows("iot"));
    }

    #[test]
    fn every_parameter() {
        let params = parse(&[
            ("categories", "web-development, automation,web-development"),
            ("q", "django"),
            ("theme", "dark"),
            ("search", "off"),
            ("libraries", "off"),
            ("layout", "list"),
            ("limit", "3"),
            ("origin", "HTTPS://Blog.Example.org:8443/"),
        ]);
        assert!(!params.libraries);
        assert_eq!(params.categories, ["web-development", "automation"]);
        assert_eq!(params.theme, EmbedTheme::Dark);
        assert!(!params.search);
        assert_eq!(params.layout, Layout::List);
        assert_eq!(params.limit, Some(3));
        assert_eq!(
            params.origin.as_deref(),
            Some("https://blog.example.org:8443")
        );
        assert_eq!(
            params.to_query_string(),
            "?categories=web-development%2Cautomation&q=django&theme=dark&search=off&libraries=off&layout=list&limit=3"
        );
        assert!(params.shows("automation") && !params.shows("iot"));
    }

    #[test]
    fn invalid_values_fall_back_to_defaults() {
        let params = parse(&[
            ("categories", "nope,<script>,,"),
            ("theme", "purple"),
            ("search", "maybe"),
            ("libraries", "perhaps"),
            ("layout", "3d"),
            ("limit", "-5"),
            ("origin", "javascript:alert(1)"),
        ]);
        assert_eq!(
            params,
            EmbedParams {
                search: true,
                ..EmbedParams::default()
            }
        );
        for limit in ["0", "999", "1e3", "", "two"] {
            assert_eq!(parse(&[("limit", limit)]).limit, None, "{limit}");
        }
    }

    #[test]
    fn origins() {
        assert_eq!(
            web_origin("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            web_origin("https://[::1]:3000").as_deref(),
            Some("https://[::1]:3000")
        );
        for bad in [
            "",
            "null",
            "*",
            "file:///etc",
            "https://",
            "https://a b",
            "https://x:99999",
            "https://x/path?q",
            "http://[",
            "http://]",
            "http://[]",
            "http://[a:80",
            "http://a:b:1",
            "http://:80:80",
        ] {
            assert_eq!(web_origin(bad), None, "{bad}");
        }
    }
}
