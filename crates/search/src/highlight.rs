//! Highlights, snippets and phrase verification, computed from the tokens of the original
//! strings of the returned documents only.
//!
//! A string is tokenised the first time a hit needs it, and its tokens are kept with the
//! index ([`Tokens`]): each key as its term id, with its range and position. A later query
//! then only compares term ids. (Storing positions and offsets in the index data instead
//! would make the data file larger for every visitor.) Every range produced is a token's
//! range from the tokeniser, so it lies on char boundaries of the original string. A prefix
//! match highlights the whole word (`pyth` highlights `Python`), consistently: folding can
//! change lengths (`ß` → `ss`), so "the typed part" has no exact original extent anyway.

use core::cell::OnceCell;

use super::indexer::{ABOUT, FIELDS, field};
use super::query::Query;
use super::sort::sort_u64;
use super::tokenize::{Unit, for_each_unit};
use super::vocab::Vocab;
use super::{Document, Hit, Index, Snippet, Span};

/// One key of a string, as the tokeniser gives it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    /// Its term id, or `u32::MAX` for a key in no document (none, for the index's own).
    term: u32,
    /// Its byte range in the string.
    start: u32,
    end: u32,
    /// Its position, and how many positions it spans (see [`Unit::for_each_key`]).
    pos: u32,
    span: u32,
}

impl Token {
    fn range(&self) -> Span {
        self.start as usize..self.end as usize
    }
}

/// The tokens of every string of every document, each made the first time it is read.
#[derive(Default)]
pub(super) struct Tokens {
    /// One cell per string: document by document, field by field, string by string.
    cells: Vec<OnceCell<Box<[Token]>>>,
    /// Where each document's cells start (and, last, the end of the last one's).
    starts: Vec<usize>,
}

impl Tokens {
    /// Empty cells for the strings of `docs`.
    pub(super) fn new(docs: &[Document<'_>]) -> Self {
        let mut starts = Vec::with_capacity(docs.len() + 1);
        let mut total = 0;
        starts.push(0);
        for d in docs {
            total += (0..FIELDS).map(|f| field(d, f).len()).sum::<usize>();
            starts.push(total);
        }
        Tokens {
            cells: (0..total).map(|_| OnceCell::new()).collect(),
            starts,
        }
    }

    /// The tokens of string `i` of field `f` of document `doc`, which is `text`, read with
    /// `vocab` the first time.
    fn of(&self, vocab: &Vocab, d: &Document<'_>, doc: usize, f: usize, i: usize) -> &[Token] {
        let Some(text) = field(d, f).get(i) else {
            return &[];
        };
        let before: usize = (0..f).map(|g| field(d, g).len()).sum();
        let cell = self
            .starts
            .get(doc)
            .and_then(|&start| self.cells.get(start + before + i));
        match cell {
            Some(cell) => cell.get_or_init(|| tokenise(vocab, text)),
            None => &[],
        }
    }
}

/// The tokens of `text`, keyed by `vocab`'s term ids.
fn tokenise(vocab: &Vocab, text: &str) -> Box<[Token]> {
    let mut out = Vec::new();
    let mut unit = Unit::default();
    let mut pos = 0u32;
    let to_u32 = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    for_each_unit(text, &mut unit, &mut |u| {
        u.for_each_key(&mut |key, range, off, span| {
            out.push(Token {
                term: vocab.find(key).unwrap_or(u32::MAX),
                start: to_u32(range.start),
                end: to_u32(range.end),
                pos: pos.saturating_add(off),
                span,
            });
        });
        pos = pos.saturating_add(u.width());
    });
    out.into_boxed_slice()
}

/// Target snippet length in bytes (snapped outward to char boundaries, inward to words).
pub(super) const SNIPPET_BYTES: usize = 160;

/// A range to highlight and the clause it satisfies (for choosing snippet windows).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mark {
    range: Span,
    clause: u8,
}

/// How much a hit gains when its text has the query's words next to each other, in the
/// order typed: `1 + PROXIMITY × (the share of neighbouring pairs of query words found
/// together)`. "HTTP client" in a sentence says more than "HTTP" and "client" apart.
const PROXIMITY: f32 = 0.3;

/// The terms a query matched, for finding them again in documents.
pub(super) struct MatchSet<'i> {
    index: &'i Index<'i>,
    /// Number of the query's clauses.
    clauses: usize,
    /// For each term id, 1 + the first clause whose words match the term anywhere (capped
    /// at `u8::MAX`), or 0. A table rather than a sorted list: a short prefix expands to
    /// hundreds of terms, and every token of every hit is looked up.
    singles: Vec<u8>,
    /// Phrases: their words' term ids, and their clause.
    phrases: Vec<(Vec<u32>, u8)>,
    /// Distinct term ids used by phrases, sorted.
    phrase_terms: Vec<u32>,
}

impl<'i> MatchSet<'i> {
    pub(super) fn new(index: &'i Index<'i>, q: &Query, expansions: &[Vec<(u32, f32)>]) -> Self {
        let mut singles: Vec<u8> = vec![0; index.vocab.len()];
        let mut phrases = Vec::new();
        for (ci, clause) in q.clauses.iter().enumerate() {
            let ci = u8::try_from(ci).unwrap_or(u8::MAX);
            for alt in &clause.alts {
                if alt.phrase {
                    let mut ids = Vec::with_capacity(alt.words.len());
                    for &w in &alt.words {
                        match q.words.get(w).and_then(|w| index.vocab.find(&w.key)) {
                            Some(t) => ids.push(t),
                            None => break, // a word absent from every document
                        }
                    }
                    if ids.len() == alt.words.len() {
                        phrases.push((ids, ci));
                    }
                } else {
                    let clause = ci.saturating_add(1);
                    for &w in &alt.words {
                        for &(t, _) in expansions.get(w).map_or(&[][..], Vec::as_slice) {
                            if let Some(slot) = singles.get_mut(t as usize)
                                && (*slot == 0 || *slot > clause)
                            {
                                *slot = clause;
                            }
                        }
                    }
                }
            }
        }
        let mut phrase_terms: Vec<u64> = Vec::new();
        for (words, _) in &phrases {
            phrase_terms.extend(words.iter().map(|&t| u64::from(t)));
        }
        sort_u64(&mut phrase_terms);
        phrase_terms.dedup();
        let phrase_terms: Vec<u32> = phrase_terms.into_iter().map(|t| t as u32).collect();
        MatchSet {
            index,
            clauses: q.clauses.len(),
            singles,
            phrases,
            phrase_terms,
        }
    }

    /// Clause of a single-word match for term `t`, if any.
    fn single(&self, t: u32) -> Option<u8> {
        self.singles.get(t as usize)?.checked_sub(1)
    }

    /// Marks in one string, from its tokens, sorted by position.
    fn marks(&self, tokens: &[Token]) -> Vec<Mark> {
        let mut out = Vec::new();
        let mut occs: Vec<Occ> = Vec::new();
        for token in tokens {
            if let Some(clause) = self.single(token.term) {
                out.push(Mark {
                    range: token.range(),
                    clause,
                });
            }
            if !self.phrases.is_empty() && self.phrase_terms.binary_search(&token.term).is_ok() {
                occs.push(Occ {
                    pos: token.pos,
                    span: token.span,
                    word: token.term,
                    range: token.range(),
                });
            }
        }
        for (words, clause) in &self.phrases {
            chains(&occs, words, &mut |chain| {
                for &i in chain {
                    if let Some(o) = occs.get(i) {
                        out.push(Mark {
                            range: o.range.clone(),
                            clause: *clause,
                        });
                    }
                }
                true
            });
        }
        sort_marks(&mut out);
        out
    }
}

/// An occurrence of a phrase word in a text: position, positions spanned, which word.
struct Occ {
    pos: u32,
    span: u32,
    word: u32,
    range: Span,
}

/// Finds every chain of occurrences spelling `words` at consecutive positions and reports
/// each (as occurrence indices, last first) to `report`, which returns whether to continue.
///
/// A partial match of the first `m` words ending at position `p` waits for word `m` at `p`;
/// occurrences are in non-decreasing position order, so stale partial matches are dropped as
/// the scan passes them. Work is O(occurrences × phrase length).
fn chains(occs: &[Occ], words: &[u32], report: &mut dyn FnMut(&[usize]) -> bool) {
    // Entries: (occurrence, words matched including it, previous entry or usize::MAX).
    let mut entries: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut fresh: Vec<(usize, usize, usize)> = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let expected = |entries: &[(usize, usize, usize)], e: usize| -> u32 {
        entries
            .get(e)
            .and_then(|&(o, _, _)| occs.get(o))
            .map_or(0, |o| o.pos.saturating_add(o.span))
    };
    for (oi, o) in occs.iter().enumerate() {
        open.retain(|&e| expected(&entries, e) >= o.pos);
        fresh.clear();
        for &e in &open {
            if let Some(&(_, m, _)) = entries.get(e)
                && expected(&entries, e) == o.pos
                && words.get(m) == Some(&o.word)
            {
                fresh.push((oi, m + 1, e));
            }
        }
        if words.first() == Some(&o.word) {
            fresh.push((oi, 1, usize::MAX));
        }
        for &entry in &fresh {
            let idx = entries.len();
            entries.push(entry);
            if entry.1 >= words.len() {
                chain.clear();
                let mut e = idx;
                while let Some(&(occ, _, prev)) = entries.get(e) {
                    chain.push(occ);
                    e = prev;
                }
                // (Last occurrence first; callers do not care about the order.)
                if !report(&chain) {
                    return;
                }
            } else {
                open.push(idx);
            }
        }
    }
}

/// Whether `tokens` hold the terms `words` at consecutive positions.
fn phrase_in_tokens(tokens: &[Token], words: &[u32]) -> bool {
    let mut occs: Vec<Occ> = Vec::new();
    for token in tokens {
        // A term may be several of the phrase's words ("a b a"): one occurrence per word.
        for (wi, _) in words.iter().enumerate().filter(|(_, w)| **w == token.term) {
            occs.push(Occ {
                pos: token.pos,
                span: token.span,
                word: u32::try_from(wi).unwrap_or(u32::MAX),
                range: token.range(),
            });
        }
    }
    let order: Vec<u32> = (0..u32::try_from(words.len()).unwrap_or(0)).collect();
    let mut found = false;
    chains(&occs, &order, &mut |_| {
        found = true;
        false
    });
    found
}

impl Index<'_> {
    /// Whether document `doc` has `keys` as consecutive words within one field string.
    pub(super) fn phrase_in_doc(&self, doc: usize, keys: &[&str]) -> bool {
        let Some(d) = self.docs.get(doc) else {
            return false;
        };
        // A word in no document is in none of this one's strings.
        let Some(words) = keys
            .iter()
            .map(|k| self.vocab.find(k))
            .collect::<Option<Vec<u32>>>()
        else {
            return false;
        };
        (0..FIELDS).any(|f| {
            (0..field(d, f).len())
                .any(|i| phrase_in_tokens(self.tokens.of(&self.vocab, d, doc, f, i), &words))
        })
    }
}

/// Insertion sort by (start, end): marks arrive almost sorted (in text order, with phrase
/// marks appended), where this is linear, and it avoids another generic sort in the binary.
fn sort_marks(marks: &mut [Mark]) {
    for i in 1..marks.len() {
        let mut j = i;
        while let (Some(a), Some(b)) = (marks.get(j.wrapping_sub(1)), marks.get(j)) {
            if (a.range.start, a.range.end) <= (b.range.start, b.range.end) {
                break;
            }
            marks.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Merges overlapping or touching ranges of sorted marks.
fn merged(marks: &[Mark]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(marks.len());
    for m in marks {
        match out.last_mut() {
            Some(last) if m.range.start <= last.end => last.end = last.end.max(m.range.end),
            _ => out.push(m.range.clone()),
        }
    }
    out
}

/// Bit `c` is set when a word of clause `c` is followed by one of clause `c + 1` in `text`
/// with nothing but spaces and punctuation between them (`marks` are sorted).
fn neighbours(text: &str, marks: &[Mark]) -> u64 {
    let mut pairs = 0u64;
    for pair in marks.windows(2) {
        if let [a, b] = pair
            && b.clause == a.clause.wrapping_add(1)
            && a.range.end <= b.range.start
            && a.clause < 64
            && text
                .get(a.range.end..b.range.start)
                .is_some_and(|gap| !gap.chars().any(char::is_alphanumeric))
        {
            pairs |= 1 << a.clause;
        }
    }
    pairs
}

impl MatchSet<'_> {
    /// Highlights and snippet for document `doc`, and its score with the bonus for the
    /// query's words found next to each other (see [`PROXIMITY`]).
    pub(super) fn hit(&self, doc: usize, score: f32) -> Hit {
        let mut hit = Hit::plain(doc, score);
        let Some(d) = self.index.docs.get(doc) else {
            return hit;
        };
        let mut pairs = 0u64;
        // The libraries' descriptions are not shown, so not highlighted either (nor read
        // again for words next to each other: that would double the work per hit).
        for f in (0..FIELDS).filter(|&f| f != ABOUT) {
            for (i, text) in field(d, f).iter().enumerate() {
                let marks = self.marks(self.index.tokens.of(&self.index.vocab, d, doc, f, i));
                if marks.is_empty() {
                    continue;
                }
                if self.clauses > 1 {
                    pairs |= neighbours(text, &marks);
                }
                match f {
                    0 => hit.title = merged(&marks),
                    1 => hit
                        .aliases
                        .extend(merged(&marks).into_iter().map(|r| (i, r))),
                    2 => hit
                        .libraries
                        .extend(merged(&marks).into_iter().map(|r| (i, r))),
                    3 => hit.summary = merged(&marks),
                    4 => hit.snippet = snippet(text, &marks),
                    _ => {}
                }
            }
        }
        if pairs != 0 {
            let share = pairs.count_ones() as f32 / (self.clauses - 1) as f32;
            hit.score *= 1.0 + PROXIMITY * share;
        }
        hit
    }
}

impl Index<'_> {
    /// A hit with highlights (see [`MatchSet::hit`]).
    pub(super) fn materialise(&self, doc: usize, score: f32, matches: &MatchSet<'_>) -> Hit {
        matches.hit(doc, score)
    }
}

/// Largest char boundary `<= i` (and `<= text.len()`).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary `>= i` (capped at `text.len()`).
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Chooses the excerpt of `body` showing the most distinct query clauses (then the most
/// marks, then the earliest) within [`SNIPPET_BYTES`], centres it on those marks, and snaps
/// its ends to word boundaries. `marks` must be sorted.
fn snippet(body: &str, marks: &[Mark]) -> Option<Snippet> {
    let mut best: Option<(u32, usize, usize, usize)> = None; // (clauses, marks, first, last end)
    for (i, first) in marks.iter().enumerate() {
        let mut seen = 0u64;
        let mut count = 0;
        let mut end = first.range.end;
        for m in marks.get(i..).unwrap_or(&[]) {
            if m.range.end.saturating_sub(first.range.start) > SNIPPET_BYTES && count > 0 {
                break;
            }
            seen |= 1u64 << (m.clause & 63);
            count += 1;
            end = end.max(m.range.end);
        }
        let score = (seen.count_ones(), count);
        if best.is_none_or(|b| score > (b.0, b.1)) {
            best = Some((score.0, score.1, i, end));
        }
    }
    let (_, _, first, cluster_end) = best?;
    let cluster_start = marks.get(first)?.range.start;
    let span = cluster_end.saturating_sub(cluster_start);
    let slack = SNIPPET_BYTES.saturating_sub(span);
    let mut start = cluster_start.saturating_sub(slack / 2);
    let mut end = (start + span + slack).min(body.len()).max(cluster_end);
    if end - start < SNIPPET_BYTES {
        start = end.saturating_sub(SNIPPET_BYTES).min(cluster_start);
    }
    start = floor_boundary(body, start);
    end = ceil_boundary(body, end);
    // Start and end on word boundaries: drop a partial word at either edge (unless that would
    // cut into the marks), then trim whitespace. Byte scans, since whitespace is ASCII here
    // in practice and any non-ASCII byte is simply treated as part of a word.
    let space = |i: usize| body.as_bytes().get(i).is_some_and(u8::is_ascii_whitespace);
    if start > 0
        && !space(start - 1)
        && let Some(ws) = (start..cluster_start).find(|&i| space(i))
    {
        start = ws;
    }
    if end < body.len()
        && !space(end)
        && let Some(ws) = (cluster_end..end).rev().find(|&i| space(i))
    {
        end = ws;
    }
    while start < end && space(start) {
        start += 1;
    }
    while end > start && space(end - 1) {
        end -= 1;
    }
    let inside: Vec<Mark> = marks
        .iter()
        .filter(|m| m.range.start >= start && m.range.end <= end)
        .cloned()
        .collect();
    Some(Snippet {
        text: start..end,
        marks: merged(&inside),
        starts_mid: start > 0,
        ends_mid: end < body.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(r: Span, clause: u8) -> Mark {
        Mark { range: r, clause }
    }

    /// Whether an index whose one document has `text` as its title finds the phrase `keys`
    /// in it.
    fn phrase_in_text(text: &'static str, keys: &[&str]) -> bool {
        let docs = [Document {
            title: text,
            aliases: &[],
            alias_names: 0,
            libraries: &[],
            summary: "",
            body: "",
            about: &[],
        }];
        Index::new(&docs, &[]).phrase_in_doc(0, keys)
    }

    #[test]
    fn phrase_matching_uses_positions_and_spans() {
        assert!(phrase_in_text(
            "I like machine learning a lot",
            &["machine", "learning"]
        ));
        assert!(!phrase_in_text(
            "machine for learning",
            &["machine", "learning"]
        ));
        assert!(phrase_in_text(
            "use scikit-learn here",
            &["scikit", "learn"]
        ));
        assert!(phrase_in_text(
            "use scikit-learn here",
            &["scikitlearn", "here"]
        ));
        assert!(phrase_in_text("a a b", &["a", "b"]));
        assert!(phrase_in_text("a b a b c", &["a", "b", "c"]));
        assert!(!phrase_in_text("", &["a"]));
    }

    #[test]
    fn snippet_centres_on_the_best_cluster() {
        let filler = "lorem ipsum dolor sit amet ".repeat(20);
        let body = format!("{filler}alpha beta here {filler}gamma");
        let a = body.find("alpha").unwrap();
        let b = body.find("beta").unwrap();
        let g = body.find("gamma").unwrap();
        let marks = vec![mark(a..a + 5, 0), mark(b..b + 4, 1), mark(g..g + 5, 0)];
        let s = snippet(&body, &marks).unwrap();
        assert!(s.text.start < a && s.text.end > b + 4);
        assert_eq!(s.marks, vec![a..a + 5, b..b + 4]);
        assert!(s.starts_mid && s.ends_mid);
        // Roughly centred: similar context on both sides.
        let before = a - s.text.start;
        let after = s.text.end - (b + 4);
        assert!(before.abs_diff(after) < 40, "{before} vs {after}");
        let text = &body[s.text.clone()];
        assert!(!text.starts_with(' ') && !text.ends_with(' '));
    }

    #[test]
    fn snippet_of_short_body_is_whole() {
        let body = "tiny body";
        let s = snippet(body, &[mark(5..9, 0)]).unwrap();
        assert_eq!(s.text, 0..body.len());
        assert!(!s.starts_mid && !s.ends_mid);
    }

    #[test]
    fn marks_merge() {
        let mut m = vec![mark(5..8, 0), mark(0..3, 0), mark(2..4, 1)];
        sort_marks(&mut m);
        assert_eq!(merged(&m), vec![0..4, 5..8]);
    }
}
