//! Property tests for the home page's URL parameters and the shared helpers: whatever
//! arrives in a URL, parsing never panics, every value it keeps is a known one within its
//! bounds, and writing the parameters back to a query string and reading that again gives
//! the same parameters. The strategies and checks here are shared with the embed's
//! property tests (`embed::params::proptests`), which is why they are `pub(crate)`.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use proptest::prelude::*;

use super::*;
use crate::content::Data;

/// The repository's content, which the parameters are parsed against.
pub(crate) fn data() -> &'static Data {
    crate::content::for_tests().data
}

/// Every category slug, tag id and library name the content knows.
fn known_values() -> Vec<&'static str> {
    let data = data();
    let slugs = data.categories().iter().map(|c| c.slug.as_str());
    let tags = data.site().tags.iter().map(|t| t.id.as_str());
    let libraries = data
        .categories()
        .iter()
        .flat_map(|c| data.library_entries(c))
        .map(|l| l.name.as_str());
    slugs.chain(tags).chain(libraries).collect()
}

/// A known value with its ASCII letters in random case, as someone might type it in a URL.
pub(crate) fn known_value_any_case() -> impl Strategy<Value = String> {
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
pub(crate) fn number_like() -> impl Strategy<Value = String> {
    prop_oneof![
        (0usize..=data().categories().len() + 2).prop_map(|n| n.to_string()),
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
pub(crate) fn nasty() -> impl Strategy<Value = String> {
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
pub(crate) fn getter(pairs: HashMap<&'static str, String>) -> impl Fn(&str) -> Option<String> {
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
pub(crate) fn query_getter(query: &str) -> impl Fn(&str) -> Option<String> {
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
pub(crate) fn check_query_string(query: &str, names: &[&str]) -> Result<(), TestCaseError> {
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
pub(crate) fn check_clean_query(q: &str) -> Result<(), TestCaseError> {
    prop_assert!(q.chars().count() <= MAX_QUERY_CHARS);
    prop_assert!(!q.chars().any(char::is_control), "control char in {q:?}");
    Ok(())
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
        let params = HomeParams::parse(data(), getter(HashMap::from([
            ("q", q.clone()),
            ("tag", tag.clone()),
            ("lib", lib.clone()),
        ])));
        check_clean_query(&params.q)?;
        prop_assert_eq!(&params.q, &clean_query(&q));
        // A tag is kept exactly when it names a known tag (surrounding whitespace aside).
        prop_assert_eq!(params.tag, data().tag(tag.trim()).map(|t| t.id.as_str()));
        // A library is kept in the content's spelling whenever it matches one, ignoring
        // ASCII case.
        match params.lib {
            Some(name) => {
                prop_assert!(name.eq_ignore_ascii_case(lib.trim()));
                prop_assert!(data().categories().iter().any(|c| data().has_library(c, name)));
            }
            None => prop_assert!(data().categories().iter().all(|c| !data().has_library(c, lib.trim()))),
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
        let params = HomeParams::parse(data(), getter(pairs));
        let query = query_string(&params);
        check_query_string(&query, &["q", "tag", "lib"])?;
        prop_assert_eq!(query.is_empty(), params == HomeParams::default());
        if params.is_filtered() {
            prop_assert!(!query.is_empty());
        }
        // Reading back what was written, with the router's decoding, changes nothing.
        prop_assert_eq!(HomeParams::parse(data(), query_getter(&query)), params);
    }

    #[test]
    fn home_params_from_raw_query_strings_never_panic(raw in nasty()) {
        // The whole query string is arbitrary: names and values are cut and decoded like
        // the router does, so escapes, `&`, `=` and `+` land anywhere.
        let params = HomeParams::parse(data(), query_getter(&raw));
        check_clean_query(&params.q)?;
        let again = HomeParams::parse(data(), query_getter(&query_string(&params)));
        prop_assert_eq!(again, params);
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
        match data().library_name(&name) {
            Some(found) => {
                prop_assert!(found.eq_ignore_ascii_case(&name));
                prop_assert_eq!(data().library_name(found), Some(found));
            }
            None => prop_assert!(data().categories().iter().all(|c| !data().has_library(c, &name))),
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
}
