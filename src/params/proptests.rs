//! Property tests for the URL and embed parameters: whatever arrives in a URL, parsing
//! never panics, every value it keeps is a known one within its bounds, and writing the
//! parameters back to a query string and reading that again gives the same parameters.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use proptest::prelude::*;

use super::*;
use crate::content::{self, CategoryExt};

/// Every category slug, tag id and library name the content knows.
fn known_values() -> Vec<&'static str> {
    let slugs = content::categories().iter().map(|c| c.slug.as_str());
    let tags = content::site().tags.iter().map(|t| t.id.as_str());
    let libraries = content::categories()
        .iter()
        .flat_map(|c| &c.libraries)
        .map(|l| l.name.as_str());
    slugs.chain(tags).chain(libraries).collect()
}

/// A known value with its ASCII letters in random case, as someone might type it in a URL.
fn known_value_any_case() -> impl Strategy<Value = String> {
    (
        prop::sample::select(known_values()),
        prop::collection::vec(any::<bool>(), 64),
    )
        .prop_map(|(value, upper)| {
            value
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &up)| {
                    if up {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect()
        })
}

/// Numbers as they might be written for `limit`: in range, out of range, negative,
/// signed, padded, fractional, far beyond `u128`, and in non-ASCII digits.
fn number_like() -> impl Strategy<Value = String> {
    prop_oneof![
        (0usize..=content::categories().len() + 2).prop_map(|n| n.to_string()),
        any::<u128>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "[0-9]{20,400}",
        Just("18446744073709551616".to_string()),
        Just("+3".to_string()),
        Just(" 2\t".to_string()),
        Just("3.0".to_string()),
        Just("1e3".to_string()),
        Just("0x10".to_string()),
        Just("٣".to_string()),
        Just("３".to_string()),
    ]
}

/// Strings mixing URL syntax (percent escapes, `&`, `=`, `,`, `+`), script payloads,
/// known values, numbers, accents, combining marks, RTL text and overrides, CJK, emoji,
/// control characters, Unicode spaces and, now and then, 10,000 characters at once.
fn nasty() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        8 => known_value_any_case(),
        4 => number_like(),
        2 => Just("%".to_string()),
        2 => Just("%2".to_string()),
        2 => Just("%zz".to_string()),
        2 => Just("%C3%A9".to_string()),
        2 => Just("%00%FF%C3".to_string()),
        2 => Just("%2C%26%3D".to_string()),
        2 => Just(",".to_string()),
        2 => Just("=".to_string()),
        2 => Just("&".to_string()),
        2 => Just("+".to_string()),
        1 => Just("?#/".to_string()),
        2 => Just(" ".to_string()),
        1 => Just("\u{a0}\u{3000}\u{2003}".to_string()),
        2 => Just("javascript:alert(1)".to_string()),
        1 => Just("JaVa\tScRiPt:".to_string()),
        2 => Just("<script>alert(1)</script>".to_string()),
        1 => Just("\"'`<>".to_string()),
        1 => Just("https://".to_string()),
        1 => Just("light".to_string()),
        1 => Just("dark".to_string()),
        1 => Just("off".to_string()),
        1 => Just("list".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("\u{301}\u{302}\u{303}".to_string()),
        1 => Just("שָׁלוֹם".to_string()),
        1 => Just("مرحبا".to_string()),
        1 => Just("\u{202e}\u{200f}\u{200b}\u{feff}".to_string()),
        1 => Just("学习".to_string()),
        1 => Just("👩\u{200d}💻\u{fe0f}".to_string()),
        2 => Just("\u{0}\u{7}\t\n\r\u{1b}\u{7f}\u{85}\u{2028}".to_string()),
        3 => "[a-z]{1,12}",
        3 => any::<char>().prop_map(|c| c.to_string()),
        3 => "\\PC{0,8}",
    ];
    let short = prop::collection::vec(atoms, 0..24).prop_map(|v| v.concat());
    // Huge values are rarer: generating them dominates the run time in debug builds.
    let huge = prop_oneof![
        "\\PC{10000}",
        Just("x".repeat(10_000)),
        Just("%C3%A9,".repeat(2_000)),
        Just("9".repeat(10_000)),
    ];
    prop_oneof![
        12 => short.clone(),
        1 => (short.clone(), huge, short).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// A `get` that answers from fixed pairs, as the router's query map does after decoding.
fn getter(pairs: HashMap<&'static str, String>) -> impl Fn(&str) -> Option<String> {
    move |name| pairs.get(name).cloned()
}

/// Decodes one `application/x-www-form-urlencoded` component the way the router does
/// (`URLSearchParams` in the browser, `url::form_urlencoded` natively): `+` is a space,
/// then percent escapes, with invalid UTF-8 replaced.
fn form_decode(component: &str) -> String {
    percent_decode_str(&component.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// A `get` over a raw query string, decoded like the router: pairs split on `&`, then on
/// the first `=`; when a name repeats, the last value wins (as `ParamsMap::get` does).
fn query_getter(query: &str) -> impl Fn(&str) -> Option<String> {
    let mut map = HashMap::new();
    for pair in query.strip_prefix('?').unwrap_or(query).split('&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        map.insert(form_decode(name), form_decode(value));
    }
    move |name: &str| map.get(name).cloned()
}

/// Checks what every `?…` string the app writes must be: empty, or `?` then `name=value`
/// pairs joined by `&`, all plain URL-safe ASCII, each name one of `names` at most once.
fn check_query_string(query: &str, names: &[&str]) -> Result<(), TestCaseError> {
    if query.is_empty() {
        return Ok(());
    }
    let body = query.strip_prefix('?');
    prop_assert!(body.is_some(), "no `?`: {query:?}");
    let mut seen = Vec::new();
    for pair in body.unwrap_or_default().split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        prop_assert!(names.contains(&name), "unexpected name in {query:?}");
        prop_assert!(!seen.contains(&name), "repeated name in {query:?}");
        seen.push(name);
        prop_assert!(!value.is_empty(), "empty value in {query:?}");
        prop_assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "unencoded byte in {query:?}"
        );
    }
    Ok(())
}

/// The query the home page keeps: bounded, without control characters.
fn check_clean_query(q: &str) -> Result<(), TestCaseError> {
    prop_assert!(q.chars().count() <= MAX_QUERY_CHARS);
    prop_assert!(!q.chars().any(char::is_control), "control char in {q:?}");
    Ok(())
}

/// An origin as the embed loader reports it (`location.origin`), with noise around it
/// that `web_origin` is documented to normalise: scheme case, host case, a trailing `/`
/// and surrounding whitespace.
fn origin_like() -> impl Strategy<Value = (String, String)> {
    (
        prop_oneof![Just("http"), Just("https"), Just("HTTPS"), Just("hTtP")],
        prop_oneof![
            "[a-zA-Z0-9]([a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]{1,10}){0,3}",
            "[0-9]{1,3}(\\.[0-9]{1,3}){3}",
            Just("[::1]".to_string()),
        ],
        prop::option::of(1u16..),
        prop_oneof![Just(""), Just("/"), Just("//")],
        prop_oneof![Just(""), Just(" "), Just("\t\n")],
    )
        .prop_map(|(scheme, host, port, slash, space)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let raw = format!("{space}{scheme}://{host}{port}{slash}{space}");
            let normalised = format!(
                "{}://{}{port}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase()
            );
            (raw, normalised)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn home_params_keep_only_known_bounded_values(
        q in nasty(),
        tag in prop_oneof![nasty(), known_value_any_case()],
        lib in prop_oneof![nasty(), known_value_any_case()],
        padding in prop_oneof![Just(""), Just(" "), Just("\t\n ")],
    ) {
        let tag = format!("{padding}{tag}{padding}");
        let lib = format!("{padding}{lib}{padding}");
        let params = HomeParams::parse(getter(HashMap::from([
            ("q", q.clone()),
            ("tag", tag.clone()),
            ("lib", lib.clone()),
        ])));
        check_clean_query(&params.q)?;
        prop_assert_eq!(&params.q, &clean_query(&q));
        // A tag is kept exactly when it names a known tag (surrounding whitespace aside).
        prop_assert_eq!(params.tag, content::tag(tag.trim()).map(|t| t.id.as_str()));
        // A library is kept in the content's spelling whenever it matches one, ignoring
        // ASCII case.
        match params.lib {
            Some(name) => {
                prop_assert!(name.eq_ignore_ascii_case(lib.trim()));
                prop_assert!(content::categories().iter().any(|c| c.has_library(name)));
            }
            None => prop_assert!(content::categories().iter().all(|c| !c.has_library(lib.trim()))),
        }
    }

    #[test]
    fn home_params_round_trip_through_their_query_string(
        q in nasty(),
        tag in prop_oneof![nasty(), known_value_any_case()],
        lib in prop_oneof![nasty(), known_value_any_case()],
        present in any::<[bool; 3]>(),
    ) {
        let mut pairs = HashMap::new();
        let values = [("q", q), ("tag", tag), ("lib", lib)];
        for (on, (name, value)) in present.into_iter().zip(values) {
            if on {
                pairs.insert(name, value);
            }
        }
        let params = HomeParams::parse(getter(pairs));
        let query = params.to_query_string();
        check_query_string(&query, &["q", "tag", "lib"])?;
        prop_assert_eq!(query.is_empty(), params == HomeParams::default());
        if params.is_filtered() {
            prop_assert!(!query.is_empty());
        }
        // Reading back what was written, with the router's decoding, changes nothing.
        prop_assert_eq!(HomeParams::parse(query_getter(&query)), params);
    }

    #[test]
    fn home_params_from_raw_query_strings_never_panic(raw in nasty()) {
        // The whole query string is arbitrary: names and values are cut and decoded like
        // the router does, so escapes, `&`, `=` and `+` land anywhere.
        let params = HomeParams::parse(query_getter(&raw));
        check_clean_query(&params.q)?;
        let again = HomeParams::parse(query_getter(&params.to_query_string()));
        prop_assert_eq!(again, params);
    }

    #[test]
    fn embed_params_keep_only_known_bounded_values(
        categories in prop::collection::vec(prop_oneof![nasty(), known_value_any_case()], 0..8),
        q in nasty(),
        theme in prop_oneof![nasty(), Just(" dark ".to_string()), Just("light".to_string())],
        search in prop_oneof![nasty(), Just("off".to_string()), Just("\toff ".to_string())],
        layout in prop_oneof![nasty(), Just("list ".to_string())],
        limit in prop_oneof![nasty(), number_like()],
        origin in prop_oneof![nasty(), origin_like().prop_map(|(raw, _)| raw)],
    ) {
        let joined = categories.join(",");
        let params = EmbedParams::parse(getter(HashMap::from([
            ("categories", joined.clone()),
            ("q", q.clone()),
            ("theme", theme.clone()),
            ("search", search.clone()),
            ("layout", layout.clone()),
            ("limit", limit.clone()),
            ("origin", origin.clone()),
        ])));

        // Categories: known slugs only, each once, in the order first given.
        let mut expected: Vec<&'static str> = Vec::new();
        for slug in joined.split(',') {
            if let Some(c) = content::category(slug.trim())
                && !expected.contains(&c.slug.as_str())
            {
                expected.push(c.slug.as_str());
            }
        }
        prop_assert_eq!(&params.categories, &expected);
        prop_assert!(params.categories.len() <= content::categories().len());
        for c in content::categories() {
            prop_assert_eq!(
                params.shows(&c.slug),
                params.categories.is_empty() || params.categories.contains(&c.slug.as_str())
            );
        }

        check_clean_query(&params.q)?;
        prop_assert_eq!(&params.q, &clean_query(&q));

        // Anything but the documented values falls back to the default.
        let expected_theme = match theme.trim() {
            "light" => EmbedTheme::Light,
            "dark" => EmbedTheme::Dark,
            _ => EmbedTheme::Auto,
        };
        prop_assert_eq!(params.theme, expected_theme);
        prop_assert_eq!(params.search, search.trim() != "off");
        prop_assert_eq!(params.layout == Layout::List, layout.trim() == "list");

        // `limit` is a card count: at least one and at most the number of categories.
        if let Some(n) = params.limit {
            prop_assert!((1..=content::categories().len()).contains(&n), "limit {n} from {limit:?}");
            prop_assert_eq!(limit.trim().parse::<usize>().ok(), Some(n));
        }

        // The origin, when kept, is one `web_origin` accepts unchanged.
        if let Some(kept) = &params.origin {
            prop_assert_eq!(web_origin(kept), Some(kept.clone()));
            prop_assert_eq!(web_origin(&origin), Some(kept.clone()));
        }
    }

    #[test]
    fn embed_limits_in_range_are_kept_and_others_dropped(
        n in prop_oneof![0u128..=(content::categories().len() as u128 + 2), any::<u128>()],
        space in prop_oneof![Just(""), Just(" "), Just("\t")],
    ) {
        let params = EmbedParams::parse(getter(HashMap::from([
            ("limit", format!("{space}{n}{space}")),
        ])));
        let in_range = (1..=content::categories().len() as u128).contains(&n);
        prop_assert_eq!(params.limit, in_range.then_some(n as usize));
    }

    #[test]
    fn embed_params_round_trip_through_their_query_string(
        categories in prop::collection::vec(prop_oneof![nasty(), known_value_any_case()], 0..8),
        q in nasty(),
        theme in prop_oneof![Just("auto"), Just("light"), Just("dark"), Just("purple")],
        search in any::<bool>(),
        list in any::<bool>(),
        limit in prop_oneof![Just(String::new()), number_like()],
        origin in origin_like(),
    ) {
        let pairs = HashMap::from([
            ("categories", categories.join(",")),
            ("q", q),
            ("theme", theme.to_string()),
            ("search", if search { "on" } else { "off" }.to_string()),
            ("layout", if list { "list" } else { "grid" }.to_string()),
            ("limit", limit),
        ]);
        let params = EmbedParams::parse(getter(pairs));
        prop_assert_eq!(params.origin.as_deref(), None);
        let query = params.to_query_string();
        check_query_string(&query, &["categories", "q", "theme", "search", "layout", "limit"])?;
        prop_assert_eq!(
            query.is_empty(),
            params == EmbedParams { search: true, ..EmbedParams::default() }
        );
        prop_assert_eq!(&EmbedParams::parse(query_getter(&query)), &params);

        // The embed dialog appends the origin the way the loader does; it survives too.
        let (raw_origin, normalised) = origin;
        let join = if query.is_empty() { "?" } else { "&" };
        let with_origin = format!("{query}{join}origin={}", encode(&raw_origin));
        let read = EmbedParams::parse(query_getter(&with_origin));
        prop_assert_eq!(read.origin.as_deref(), Some(normalised.as_str()));
        prop_assert_eq!(&EmbedParams { origin: None, ..read }, &params);
    }

    #[test]
    fn embed_params_from_raw_query_strings_never_panic(raw in nasty()) {
        let params = EmbedParams::parse(query_getter(&raw));
        check_clean_query(&params.q)?;
        prop_assert!(params.categories.iter().all(|s| content::category(s).is_some()));
        prop_assert!(params.limit.is_none_or(|n| (1..=content::categories().len()).contains(&n)));
        let again = EmbedParams::parse(query_getter(&params.to_query_string()));
        prop_assert_eq!(again, EmbedParams { origin: None, ..params });
    }

    #[test]
    fn embed_theme_accepts_exactly_its_three_values(value in nasty()) {
        match EmbedTheme::parse(&value) {
            Some(theme) => {
                prop_assert_eq!(theme.as_str(), value.trim());
                prop_assert_eq!(theme.fixed().is_none(), theme == EmbedTheme::Auto);
            }
            None => prop_assert!(!["auto", "light", "dark"].contains(&value.trim())),
        }
        for theme in [EmbedTheme::Auto, EmbedTheme::Light, EmbedTheme::Dark] {
            prop_assert_eq!(EmbedTheme::parse(theme.as_str()), Some(theme));
        }
    }

    #[test]
    fn encode_writes_url_safe_ascii_that_decodes_back(value in nasty()) {
        let encoded = encode(&value);
        prop_assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "{encoded:?}"
        );
        prop_assert!(encoded.len() <= 3 * value.len());
        // Both decodings a reader might use give the value back: plain percent decoding,
        // and form decoding, where `+` would mean a space (so `+` must be escaped).
        let decoded = percent_decode_str(&encoded).decode_utf8().map(|d| d.into_owned());
        prop_assert_eq!(decoded.ok(), Some(value.clone()));
        prop_assert_eq!(form_decode(&encoded), value);
    }

    #[test]
    fn clean_query_is_bounded_and_idempotent(q in nasty()) {
        let cleaned = clean_query(&q);
        check_clean_query(&cleaned)?;
        prop_assert!(cleaned.len() <= 4 * MAX_QUERY_CHARS);
        prop_assert_eq!(clean_query(&cleaned), cleaned.clone());
        // Only control characters are dropped, and only the tail is cut.
        let kept: String = q.chars().filter(|c| !c.is_control()).collect();
        prop_assert!(kept.starts_with(&cleaned));
        if kept.chars().count() <= MAX_QUERY_CHARS {
            prop_assert_eq!(cleaned, kept);
        }
    }

    #[test]
    fn library_names_match_known_libraries_only(
        name in prop_oneof![nasty(), known_value_any_case()],
    ) {
        match library_name(&name) {
            Some(found) => {
                prop_assert!(found.eq_ignore_ascii_case(&name));
                prop_assert_eq!(library_name(found), Some(found));
            }
            None => prop_assert!(content::categories().iter().all(|c| !c.has_library(&name))),
        }
    }

    #[test]
    fn router_base_is_empty_or_an_absolute_path_without_trailing_slash(
        root in prop_oneof![
            nasty(),
            nasty().prop_map(|s| format!("/{s}")),
            nasty().prop_map(|s| format!("/{s}///")),
        ],
    ) {
        let base = router_base(&root);
        if !base.is_empty() {
            prop_assert!(base.starts_with('/'));
            prop_assert!(!base.ends_with('/'));
            prop_assert!(root.starts_with(&base));
            prop_assert!(root[base.len()..].chars().all(|c| c == '/'));
        }
        if !root.starts_with('/') {
            prop_assert_eq!(&base, "");
        }
        prop_assert_eq!(router_base(&base), base.clone());
        prop_assert_eq!(router_base(&format!("{base}/")), base);
    }

    #[test]
    fn web_origin_returns_only_bare_http_origins(value in prop_oneof![
        nasty(),
        nasty().prop_map(|s| format!("https://{s}")),
        // The characters `web_origin` lets through, in any order.
        "[hH][tT][tT][pP][sS]?://[a-z0-9:\\[\\].-]{0,12}",
        (origin_like(), nasty()).prop_map(|((raw, _), tail)| format!("{raw}{tail}")),
    ]) {
        if let Some(origin) = web_origin(&value) {
            let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
            prop_assert!(rest.is_some(), "{origin:?}");
            let rest = rest.unwrap_or_default();
            // Host and optional port only: no path, query, fragment, credentials or space.
            prop_assert!(!rest.is_empty());
            prop_assert!(
                rest.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.:[]".contains(c)),
                "{origin:?}"
            );
            // The host is a name or IPv4 address, or an IPv6 literal in brackets; a colon
            // outside the brackets only ever introduces the port.
            let (host, port) = match rest.rsplit_once(':').filter(|(_, p)| !p.contains(']')) {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            };
            prop_assert!(!host.is_empty(), "{origin:?}");
            match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
                Some(ipv6) => prop_assert!(
                    !ipv6.is_empty() && !ipv6.contains(['[', ']']),
                    "{origin:?}"
                ),
                None => prop_assert!(!host.contains([':', '[', ']']), "{origin:?}"),
            }
            if let Some(port) = port {
                prop_assert!(port.parse::<u16>().is_ok_and(|p| p > 0), "{origin:?}");
            }
            prop_assert_eq!(web_origin(&origin), Some(origin.clone()));
        }
    }

    #[test]
    fn web_origin_normalises_real_origins((raw, normalised) in origin_like()) {
        prop_assert_eq!(web_origin(&raw), Some(normalised));
    }
}
