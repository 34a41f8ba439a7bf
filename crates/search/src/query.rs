//! Query parsing: words, `"quoted phrases"`, `-exclusions`, synonyms and light stemming.
//!
//! A query becomes a list of *clauses* combined with AND (falling back to OR). Each clause is
//! a list of *alternatives*; a document matches the clause if it matches any alternative, and
//! an alternative is a set of words that must all match (consecutively, for a phrase).
//!
//! - A plain word is a clause with one alternative, matched exactly, by light stemming, by
//!   prefix if it is the word being typed, and with typos if long enough. A compound word such
//!   as `scikit-learn` also gets the alternative "its parts as a phrase" (`scikit learn`).
//! - A quoted phrase is a clause whose alternative requires its words consecutively, in one
//!   field, each matched exactly (after folding): no prefix, stemming or typos inside quotes,
//!   even while the closing quote has not been typed yet.
//! - `-word` (outside quotes) excludes documents containing `word` exactly after folding (no
//!   prefix, stemming or typos): exclusions should be predictable.
//! - A word, or a run of words, equal to a synonym group member gains the group's other
//!   members as alternatives; multi-word members are phrases.
//!
//! Bounds: the query is cut to [`MAX_QUERY_BYTES`] (on a char boundary), at most
//! [`MAX_TERMS`] units are read from it, and at most [`MAX_WORDS`] words (including parts
//! and synonym expansions) are looked up, so the work per query is bounded by the query, not
//! by what the user typed.

use super::tokenize::{Unit, char_count, for_each_unit};

/// Longest query considered, in bytes.
pub(super) const MAX_QUERY_BYTES: usize = 256;
/// Most units (words, phrase words, exclusions) read from a query.
pub(super) const MAX_TERMS: usize = 32;
/// Most words looked up for one query, synonyms and compound parts included.
pub(super) const MAX_WORDS: usize = 96;

/// Score factor for a synonym alternative (slightly below the word actually typed).
pub(super) const SYNONYM_FACTOR: f32 = 0.9;
/// Score factor for the "parts as a phrase" alternative of a compound word.
pub(super) const PARTS_FACTOR: f32 = 0.9;

/// A word to look up.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct QWord {
    /// Folded key (the joined key for compounds).
    pub(super) key: String,
    /// Match as a prefix too (the word being typed).
    pub(super) prefix: bool,
    /// Allow typos (by length) and stemming; false inside phrases and for synonyms' typos.
    pub(super) fuzzy: bool,
    /// Allow light stemming.
    pub(super) stem: bool,
}

/// One alternative: words that must all match (consecutively if `phrase`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Alt {
    /// Indices into [`Query::words`].
    pub(super) words: Vec<usize>,
    pub(super) phrase: bool,
    pub(super) factor: f32,
}

/// A disjunction of alternatives.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Clause {
    pub(super) alts: Vec<Alt>,
    /// Some alternatives are synonyms: the clause stands for one concept, whose rarity is
    /// that of every document any of its members matched (see `exec.rs`).
    pub(super) concept: bool,
}

/// What the user typed, item by item (used to rebuild a corrected query).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// A plain word (folded key) and whether it is matched as a prefix.
    Word(String, bool),
    /// A quoted phrase's folded words.
    Phrase(Vec<String>),
    /// An excluded word.
    Exclude(String),
}

/// A parsed query.
#[derive(Debug, Default)]
pub(super) struct Query {
    pub(super) words: Vec<QWord>,
    pub(super) clauses: Vec<Clause>,
    pub(super) excluded: Vec<String>,
    pub(super) items: Vec<Item>,
    /// Units read from the query (at most [`MAX_TERMS`]); read by the bound tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) units: usize,
}

/// Synonym groups, folded: group → member → the member's word keys.
pub(super) type Synonyms = Vec<Vec<Vec<String>>>;

/// The folded keys of a piece of text, one per unit (joined keys for compounds).
pub(super) fn unit_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_unit(text, &mut Unit::default(), &mut |u| {
        if !u.key.is_empty() {
            out.push(u.key.clone());
        }
    });
    out
}

/// `s` cut to at most `max` bytes on a char boundary.
pub(super) fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// A unit as read from the query.
struct QUnit {
    key: String,
    parts: Vec<String>,
    /// Phrase number (the count of quotes before it), when inside quotes.
    phrase: Option<usize>,
    excluded: bool,
    prefix: bool,
}

/// Parses `query` against the folded synonym groups.
pub(super) fn parse(query: &str, synonyms: &Synonyms) -> Query {
    let text = truncate(query, MAX_QUERY_BYTES);
    let quotes: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| is_quote(c))
        .map(|(i, _)| i)
        .collect();
    let mut units: Vec<QUnit> = Vec::new();
    let mut unit = Unit::default();
    for_each_unit(text, &mut unit, &mut |u| {
        if units.len() >= MAX_TERMS || u.key.is_empty() {
            return;
        }
        let start = u.range.start;
        let quotes_before = quotes.partition_point(|&q| q < start);
        let phrase = (quotes_before % 2 == 1).then_some(quotes_before);
        let before = text.get(..start).unwrap_or("");
        let mut back = before.chars().rev();
        let excluded = phrase.is_none()
            && back.next() == Some('-')
            && back
                .next()
                .is_none_or(|c| c.is_whitespace() || is_quote(c) || c == '(');
        let rest = text.get(u.range.end..).unwrap_or("");
        // The word being typed: nothing but punctuation after it.
        let prefix = phrase.is_none()
            && !excluded
            && !rest.chars().any(|c| c.is_whitespace() || is_quote(c));
        let parts = if u.is_compound() {
            (0..u.parts.len())
                .map(|i| u.part_key(i).to_string())
                .filter(|p| !p.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        units.push(QUnit {
            key: u.key.clone(),
            parts,
            phrase,
            excluded,
            prefix,
        });
    });
    // Only the last unit of the query may be a prefix.
    let last = units.len().saturating_sub(1);
    for (i, u) in units.iter_mut().enumerate() {
        u.prefix &= i == last;
    }

    let mut q = Query {
        units: units.len(),
        ..Query::default()
    };
    let mut i = 0;
    while let Some(u) = units.get(i) {
        if u.excluded {
            q.excluded.push(u.key.clone());
            q.items.push(Item::Exclude(u.key.clone()));
            i += 1;
        } else if let Some(id) = u.phrase {
            let mut keys = Vec::new();
            while let Some(p) = units.get(i).filter(|p| p.phrase == Some(id)) {
                if p.parts.is_empty() {
                    keys.push(p.key.clone());
                } else {
                    keys.extend(p.parts.iter().cloned());
                }
                i += 1;
            }
            add_phrase(&mut q, &keys, synonyms);
            q.items.push(Item::Phrase(keys));
        } else {
            let mut j = i;
            while units
                .get(j)
                .is_some_and(|p| !p.excluded && p.phrase.is_none())
            {
                j += 1;
            }
            add_plain_run(&mut q, units.get(i..j).unwrap_or(&[]), synonyms);
            i = j.max(i + 1);
        }
    }
    q
}

impl Query {
    /// Adds a word (if the word budget allows) and returns its index.
    fn push_word(&mut self, w: QWord) -> Option<usize> {
        if let Some(i) = self.words.iter().position(|x| *x == w) {
            return Some(i);
        }
        if self.words.len() >= MAX_WORDS {
            return None;
        }
        self.words.push(w);
        Some(self.words.len() - 1)
    }

    /// Adds an alternative made of `keys`, all exact (+ stemming for a lone synonym word).
    fn exact_alt(&mut self, keys: &[String], factor: f32, stem: bool) -> Option<Alt> {
        let single = keys.len() == 1;
        let mut words = Vec::with_capacity(keys.len());
        for k in keys {
            words.push(self.push_word(QWord {
                key: k.clone(),
                prefix: false,
                fuzzy: false,
                stem: stem && single,
            })?);
        }
        (!words.is_empty()).then_some(Alt {
            phrase: words.len() > 1,
            words,
            factor,
        })
    }
}

/// A quoted phrase: one clause, plus synonyms of the phrase as a whole.
fn add_phrase(q: &mut Query, keys: &[String], synonyms: &Synonyms) {
    let mut clause = Clause::default();
    if let Some(alt) = q.exact_alt(keys, 1.0, false) {
        clause.alts.push(alt);
    }
    for member in synonym_alternatives(keys, synonyms) {
        if let Some(alt) = q.exact_alt(&member, synonym_factor(keys.len(), member.len()), true) {
            clause.alts.push(alt);
            clause.concept = true;
        }
    }
    if !clause.alts.is_empty() {
        q.clauses.push(clause);
    }
}

/// Consecutive plain words: one clause per word, except that a run equal to a synonym member
/// becomes one clause whose alternatives are "all these words" and the other members.
fn add_plain_run(q: &mut Query, run: &[QUnit], synonyms: &Synonyms) {
    let keys: Vec<String> = run.iter().map(|u| u.key.clone()).collect();
    q.items
        .extend(run.iter().map(|u| Item::Word(u.key.clone(), u.prefix)));
    let mut i = 0;
    while i < run.len() {
        let (len, members) = longest_synonym_match(keys.get(i..).unwrap_or(&[]), synonyms);
        let take = len.max(1);
        let mut clause = Clause::default();
        let mut own = Vec::new();
        for u in run.get(i..i + take).unwrap_or(&[]) {
            if let Some(w) = q.push_word(QWord {
                key: u.key.clone(),
                prefix: u.prefix,
                fuzzy: true,
                stem: true,
            }) {
                own.push(w);
            }
        }
        if !own.is_empty() {
            clause.alts.push(Alt {
                words: own,
                phrase: false,
                factor: 1.0,
            });
        }
        if take == 1
            && let Some(u) = run.get(i).filter(|u| u.parts.len() > 1)
            && let Some(alt) = q.exact_alt(&u.parts, PARTS_FACTOR, false)
        {
            clause.alts.push(alt);
        }
        for member in members {
            if let Some(alt) = q.exact_alt(&member, synonym_factor(take, member.len()), true) {
                clause.alts.push(alt);
                clause.concept = true;
            }
        }
        if !clause.alts.is_empty() {
            q.clauses.push(clause);
        }
        i += take;
    }
}

/// The score factor of a synonym member of `member_len` words standing in for `typed_len`
/// typed words. An alternative scores the sum of its words, so a longer member is scaled
/// down to the length of what was typed: "crawling" must not lose to a document that
/// merely contains the three words of "scraping data from websites".
fn synonym_factor(typed_len: usize, member_len: usize) -> f32 {
    SYNONYM_FACTOR * (typed_len as f32 / member_len.max(1) as f32).min(1.0)
}

/// The other members of every group having a member equal to `keys` exactly.
fn synonym_alternatives(keys: &[String], synonyms: &Synonyms) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for group in synonyms {
        if group.iter().any(|m| member_matches(m, keys)) {
            for m in group {
                if !member_matches(m, keys) && !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
    }
    out
}

/// Length of the longest synonym member matching the start of `keys`, and the other members
/// of the groups matched at that length.
fn longest_synonym_match(keys: &[String], synonyms: &Synonyms) -> (usize, Vec<Vec<String>>) {
    let best = synonyms
        .iter()
        .flatten()
        .filter(|m| keys.get(..m.len()).is_some_and(|k| member_matches(m, k)))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    if best == 0 {
        return (0, Vec::new());
    }
    (
        best,
        synonym_alternatives(keys.get(..best).unwrap_or(&[]), synonyms),
    )
}

/// Whether a synonym member equals `keys`: exactly, or for single words by equal stems
/// (`scrape` matches the member `scraping`).
fn member_matches(member: &[String], keys: &[String]) -> bool {
    if member.len() != keys.len() || member.is_empty() {
        return false;
    }
    if member == keys {
        return true;
    }
    match (member, keys) {
        ([m], [k]) => {
            let (sm, sk) = (stem(m), stem(k));
            char_count(&sm) >= 3 && sm == sk
        }
        _ => false,
    }
}

/// Strips one common English suffix (`-ing`, `-ings`, `-ed`, `-er`, `-ers`, `-es`, `-s`,
/// `-e`, `-ment`, `-ments`; `-ies`/`-ied` → `-y`) and undoubles a final consonant (`running`
/// → `run`), keeping at least three characters. Deliberately light: it only needs to bring
/// `scrape`, `scraping`, `scraper` and `scraped` together (and `developer` with
/// `development`), and over-stemming is cheap because stems are never matched as prefixes,
/// only re-inflected and looked up exactly.
pub(super) fn stem(w: &str) -> String {
    const RULES: [(&str, &str); 13] = [
        ("ments", ""),
        ("ment", ""),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ers", ""),
        ("er", ""),
        ("es", ""),
        ("ed", ""),
        ("d", ""),
        ("s", ""),
        ("e", ""),
    ];
    for (suffix, repl) in RULES {
        if let Some(base) = w.strip_suffix(suffix) {
            if (suffix == "s" && base.ends_with('s')) || (suffix == "d" && !base.ends_with('e')) {
                continue;
            }
            // `-ment` needs a longer stem: `comment` is not a form of `coming`.
            let shortest = if suffix.starts_with('m') { 4 } else { 3 };
            if char_count(base) + repl.len() < shortest {
                continue;
            }
            let mut s = String::with_capacity(base.len() + repl.len());
            s.push_str(base);
            s.push_str(repl);
            if matches!(suffix, "ing" | "ings" | "ed" | "er" | "ers") {
                undouble(&mut s);
            }
            return s;
        }
    }
    w.to_string()
}

/// `runn` → `run`, `stopp` → `stop` (but not `ll`, `ss`, `zz`, which English keeps).
fn undouble(s: &mut String) {
    let mut it = s.chars().rev();
    if let (Some(a), Some(b)) = (it.next(), it.next())
        && a == b
        && a.is_ascii_alphabetic()
        && !matches!(a, 'a' | 'e' | 'i' | 'o' | 'u' | 'l' | 's' | 'z')
    {
        s.pop();
    }
}

/// Inflected forms to look up for a word: the stem re-inflected with common suffixes (and the
/// stem + `e`, and doubled final consonant forms). Calls `f` for each candidate (which may
/// include the word itself and non-words; callers look them up exactly).
pub(super) fn inflections(word: &str, mut f: impl FnMut(&str)) {
    let base = stem(word);
    if char_count(&base) < 3 {
        return;
    }
    const SUFFIXES: [&str; 11] = [
        "", "s", "es", "ed", "er", "ers", "ing", "ings", "e", "ment", "ments",
    ];
    let mut buf = String::with_capacity(base.len() + 6);
    let mut emit = |stem: &str, suffix: &str, buf: &mut String| {
        buf.clear();
        buf.push_str(stem);
        buf.push_str(suffix);
        f(buf);
    };
    for s in SUFFIXES {
        emit(&base, s, &mut buf);
    }
    if let Some(without_e) = base.strip_suffix('e') {
        for s in ["ing", "ings", "ed", "er", "ers"] {
            emit(without_e, s, &mut buf);
        }
    }
    if let Some(without_y) = base.strip_suffix('y') {
        for s in ["ies", "ied"] {
            emit(without_y, s, &mut buf);
        }
    }
    if let Some(last) = base.chars().last()
        && last.is_ascii_alphabetic()
        && !matches!(last, 'a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'x' | 'y')
    {
        let mut doubled = base.clone();
        doubled.push(last);
        for s in ["ing", "ed", "er", "ers"] {
            emit(&doubled, s, &mut buf);
        }
    }
}
