//! Property tests for the embed's parameters: whatever arrives in the embed's URL,
//! parsing never panics, every value it keeps is a known one within its bounds, and
//! writing the parameters back to a query string and reading that again gives the same
//! parameters. The strategies come from the URL parameters' own property tests.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::params::proptests::{
    check_clean_query, check_query_string, data, getter, known_value_any_case, nasty, number_like,
    query_getter,
};

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
        let params = EmbedParams::parse(data(), getter(HashMap::from([
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
            if let Some(c) = data().category(slug.trim())
                && !expected.contains(&c.slug.as_str())
            {
                expected.push(c.slug.as_str());
            }
        }
        prop_assert_eq!(&params.categories, &expected);
        prop_assert!(params.categories.len() <= data().categories().len());
        for c in data().categories() {
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
            prop_assert!((1..=data().categories().len()).contains(&n), "limit {n} from {limit:?}");
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
        n in prop_oneof![0u128..=(data().categories().len() as u128 + 2), any::<u128>()],
        space in prop_oneof![Just(""), Just(" "), Just("\t")],
    ) {
        let params = EmbedParams::parse(data(), getter(HashMap::from([
            ("limit", format!("{space}{n}{space}")),
        ])));
        let in_range = (1..=data().categories().len() as u128).contains(&n);
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
        let params = EmbedParams::parse(data(), getter(pairs));
        prop_assert_eq!(params.origin.as_deref(), None);
        let query = params.to_query_string();
        check_query_string(
            &query,
            &["categories", "q", "theme", "search", "libraries", "layout", "limit"],
        )?;
        prop_assert_eq!(
            query.is_empty(),
            params == EmbedParams { search: true, ..EmbedParams::default() }
        );
        prop_assert_eq!(&EmbedParams::parse(data(), query_getter(&query)), &params);

        // The embed dialog appends the origin the way the loader does; it survives too.
        let (raw_origin, normalised) = origin;
        let join = if query.is_empty() { "?" } else { "&" };
        let with_origin = format!("{query}{join}origin={}", encode(&raw_origin));
        let read = EmbedParams::parse(data(), query_getter(&with_origin));
        prop_assert_eq!(read.origin.as_deref(), Some(normalised.as_str()));
        prop_assert_eq!(&EmbedParams { origin: None, ..read }, &params);
    }

    #[test]
    fn embed_params_from_raw_query_strings_never_panic(raw in nasty()) {
        let params = EmbedParams::parse(data(), query_getter(&raw));
        check_clean_query(&params.q)?;
        prop_assert!(params.categories.iter().all(|s| data().category(s).is_some()));
        prop_assert!(params.limit.is_none_or(|n| (1..=data().categories().len()).contains(&n)));
        let again = EmbedParams::parse(data(), query_getter(&params.to_query_string()));
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
