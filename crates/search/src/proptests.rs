//! Property tests: arbitrary input never panics, ranges stay valid, work stays bounded.

use super::query::{MAX_QUERY_BYTES, MAX_TERMS, MAX_WORDS, parse};
use super::tests::{check_ranges, fixture};
use super::tokenize::{MAX_KEY_BYTES, Unit, for_each_unit};
use super::{Document, Index, Mode};
use proptest::prelude::*;

/// Strings mixing ASCII words, punctuation used by the tokeniser, accents, combining marks,
/// RTL scripts, CJK, emoji (with ZWJ and variation selectors) and control characters.
fn nasty() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("python".to_string()),
        Just("C++".to_string()),
        Just("node.js".to_string()),
        Just(".NET".to_string()),
        Just("scikit-learn".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        Just(" ".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{301}\u{302}".to_string()),
        Just("שָׁלוֹם".to_string()),
        Just("مرحبا".to_string()),
        Just("学习".to_string()),
        Just("👩\u{200d}💻\u{fe0f}".to_string()),
        Just("\u{0}\u{7}\t\n\u{85}\u{2028}".to_string()),
        Just("ß".to_string()),
        Just("ﬃ".to_string()),
        "[a-z]{1,12}",
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{0,8}",
    ];
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn fixture_index() -> Index<'static> {
    let docs: &'static [Document<'static>] = Box::leak(fixture().into_boxed_slice());
    Index::new(docs, &[&["ml", "machine learning"], &["gui", "desktop"]])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn queries_never_panic_and_ranges_are_valid(q in nasty()) {
        let idx = fixture_index();
        let r = idx.search(&q, |_| true);
        check_ranges(&idx, &r);
        prop_assert!(r.total >= r.hits.len());
        if r.mode == Mode::Empty {
            prop_assert_eq!(r.hits.len(), idx.len());
        }
        let top = idx.search_top(&q, |d| d % 3 != 0, 3);
        prop_assert!(top.hits.len() <= 3);
        prop_assert!(top.hits.iter().all(|h| h.doc % 3 != 0));
        check_ranges(&idx, &top);
    }

    #[test]
    fn arbitrary_unicode_queries_never_panic(q in "\\PC{0,300}", raw in any::<Vec<char>>()) {
        let idx = fixture_index();
        let r = idx.search(&q, |_| true);
        check_ranges(&idx, &r);
        let s: String = raw.into_iter().collect();
        let r = idx.search(&s, |_| true);
        check_ranges(&idx, &r);
    }

    #[test]
    fn arbitrary_documents_never_panic(
        title in nasty(),
        body in prop::collection::vec(nasty(), 0..20).prop_map(|v| v.join(" ")),
        alias in nasty(),
        q in nasty(),
    ) {
        let title: &'static str = Box::leak(title.into_boxed_str());
        let body: &'static str = Box::leak(body.into_boxed_str());
        let aliases: &'static [&'static str] = Box::leak(vec![&*Box::leak(alias.into_boxed_str())].into_boxed_slice());
        let docs = [
            Document { title, body, aliases, alias_names: 1, libraries: aliases, summary: title, about: aliases },
            Document { title: body, body: title, ..Document::default() },
        ];
        let idx = Index::new(&docs, &[&[title, body]]);
        for query in [q.as_str(), title, body] {
            let r = idx.search(query, |_| true);
            check_ranges(&idx, &r);
        }
    }

    #[test]
    fn tokens_are_char_aligned_and_bounded(text in nasty()) {
        let mut unit = Unit::default();
        for_each_unit(&text, &mut unit, &mut |u| {
            assert!(text.is_char_boundary(u.range.start) && text.is_char_boundary(u.range.end));
            assert!(u.key.len() <= MAX_KEY_BYTES);
            u.for_each_key(&mut |k, r, _, _| {
                assert!(!k.is_empty());
                assert!(r.start < r.end && r.end <= text.len());
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            });
        });
    }

    #[test]
    fn work_is_bounded_by_the_query(q in "\\PC{0,10000}", words in 0usize..3000) {
        // Structural bounds rather than timings: whatever the input, the parsed query has a
        // bounded number of units and words, each of bounded length.
        let syn = vec![vec![vec!["a".to_string()], vec!["b".to_string(), "c".to_string()]]];
        let long = format!("{q} {}", "word ".repeat(words));
        for text in [q.as_str(), long.as_str()] {
            let p = parse(text, &syn);
            prop_assert!(p.units <= MAX_TERMS);
            prop_assert!(p.words.len() <= MAX_WORDS);
            prop_assert!(p.clauses.len() <= MAX_TERMS);
            prop_assert!(p.words.iter().all(|w| w.key.len() <= MAX_KEY_BYTES.min(MAX_QUERY_BYTES)));
        }
    }
}
