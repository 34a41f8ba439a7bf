//! Query execution: expand each query word to vocabulary terms, accumulate BM25F scores in
//! dense per-document buffers, combine clauses (AND, falling back to OR), rank, and
//! materialise the top hits.
//!
//! Every dense buffer is paired with a "touched" list of the documents written, so resetting
//! costs what the query touched, not the corpus size, and the buffers are reused across
//! queries.

use super::fuzzy::{max_edits, walk};
use super::highlight::MatchSet;
use super::indexer::position_weight;
use super::query::{Alt, QWord, Query, inflections, parse};
use super::sort::sort_u64;
use super::tokenize::char_count;
use super::{Hit, Index, Mode, Results};

/// Quality of an exact match.
const Q_EXACT: f32 = 1.0;
/// Quality of an inflected form (`scraping` for `scrape`).
const Q_STEM: f32 = 0.8;
/// Prefix quality is `Q_PREFIX + Q_PREFIX_SPAN * typed / term length`, in [0.5, 0.75).
const Q_PREFIX: f32 = 0.5;
/// Below this many documents every term is "common"; the typo rule of `expand` only makes sense for a
/// real collection.
const COMMON_MIN_DOCS: usize = 8;
/// A term is common when it is in at least `COMMON_NUM / COMMON_DEN` of the documents.
const COMMON_NUM: usize = 4;
const COMMON_DEN: usize = 5;

const Q_PREFIX_SPAN: f32 = 0.25;
/// Score factor for a document whose title, an alias or a library name is exactly what was
/// typed: "pydantic" is Pydantic's field before the one that lists "Pydantic AI", and "data
/// analysis" is the field with that alias before one that mentions data science in passing.
/// For a library's name, the factor's gain shrinks with the library's place in the list.
const WHOLE_NAME_FACTOR: f32 = 1.5;
/// Quality of a whole-word typo match, by edit count (index 0 unused).
const Q_FUZZY: [f32; 3] = [1.0, 0.3, 0.15];
/// Extra factor when the typo match is on a prefix of the term.
const Q_FUZZY_PREFIX: f32 = 0.8;

/// Reusable per-query buffers, each sized to the document count.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Best `quality × weight` of the current word per document.
    word: Vec<f32>,
    word_t: Vec<u32>,
    /// Sum over an alternative's words, and how many of its words matched.
    alt: Vec<f32>,
    alt_n: Vec<u8>,
    alt_t: Vec<u32>,
    /// Best alternative score of the current clause.
    clause: Vec<f32>,
    clause_t: Vec<u32>,
    /// Sum over clauses, and how many clauses matched.
    total: Vec<f32>,
    count: Vec<u8>,
    total_t: Vec<u32>,
    /// Excluded documents.
    excluded: Vec<bool>,
    excluded_t: Vec<u32>,
    /// Set while a query runs; if still set at the start of the next one (a panic in a
    /// caller's filter unwound through us), the buffers are wiped instead of trusted.
    dirty: bool,
}

impl Scratch {
    pub(super) fn new(n: usize) -> Self {
        let mut s = Scratch::default();
        s.reset(n);
        s
    }

    /// Makes every buffer all-zero and `n` long.
    fn reset(&mut self, n: usize) {
        for v in [
            &mut self.word,
            &mut self.alt,
            &mut self.clause,
            &mut self.total,
        ] {
            v.clear();
            v.resize(n, 0.0);
        }
        for v in [&mut self.alt_n, &mut self.count] {
            v.clear();
            v.resize(n, 0);
        }
        self.excluded.clear();
        self.excluded.resize(n, false);
        for v in [
            &mut self.word_t,
            &mut self.alt_t,
            &mut self.clause_t,
            &mut self.total_t,
            &mut self.excluded_t,
        ] {
            v.clear();
        }
        self.dirty = false;
    }
}

/// Okapi idf with the `+1` that keeps it positive for very common terms.
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Sort key ranking by score (descending), then document id (ascending). Scores are finite
/// and non-negative, so their bit patterns order like their values.
fn rank_key(score: f32, doc: u32) -> u64 {
    let bits = score.max(0.0).to_bits();
    (u64::from(!bits) << 32) | u64::from(doc)
}

fn key_doc(key: u64) -> usize {
    (key & 0xFFFF_FFFF) as usize
}

fn key_score(key: u64) -> f32 {
    f32::from_bits(!((key >> 32) as u32))
}

impl Index<'_> {
    /// Runs a query; `k` limits the hits returned and materialised.
    pub(super) fn run(&self, query: &str, filter: &dyn Fn(usize) -> bool, k: usize) -> Results {
        let q = parse(query, &self.synonyms);
        match self.scratch.try_borrow_mut() {
            Ok(mut s) => self.run_with(&q, filter, k, &mut s),
            // Re-entered from a filter callback: use private buffers.
            Err(_) => self.run_with(&q, filter, k, &mut Scratch::new(self.docs.len())),
        }
    }

    fn run_with(
        &self,
        q: &Query,
        filter: &dyn Fn(usize) -> bool,
        k: usize,
        s: &mut Scratch,
    ) -> Results {
        let n = self.docs.len();
        if s.dirty || s.word.len() != n {
            s.reset(n);
        }
        s.dirty = true;
        let results = self.execute(q, filter, k, s);
        // `execute` leaves every buffer zeroed through the touched lists.
        s.dirty = false;
        results
    }

    fn execute(
        &self,
        q: &Query,
        filter: &dyn Fn(usize) -> bool,
        k: usize,
        s: &mut Scratch,
    ) -> Results {
        let n = self.docs.len();
        if q.clauses.is_empty() && q.excluded.is_empty() {
            // Blank query: every (filtered) document in order.
            let docs: Vec<usize> = (0..n).filter(|&d| filter(d)).collect();
            return Results {
                total: docs.len(),
                hits: docs
                    .into_iter()
                    .take(k)
                    .map(|d| Hit::plain(d, 0.0))
                    .collect(),
                mode: Mode::Empty,
                suggestion: None,
            };
        }
        self.mark_excluded(&q.excluded, s);
        if q.clauses.is_empty() {
            let docs: Vec<usize> = (0..n)
                .filter(|&d| !s.excluded.get(d).copied().unwrap_or(false) && filter(d))
                .collect();
            clear_excluded(s);
            return Results {
                total: docs.len(),
                hits: docs
                    .into_iter()
                    .take(k)
                    .map(|d| Hit::plain(d, 0.0))
                    .collect(),
                mode: Mode::All,
                suggestion: None,
            };
        }

        let expansions: Vec<Vec<(u32, f32)>> = q.words.iter().map(|w| self.expand(w)).collect();
        for clause in &q.clauses {
            for alt in &clause.alts {
                self.score_alt(q, alt, &expansions, clause.concept, s);
            }
            if clause.concept {
                // A concept weighs by its own rarity: that of every document matched by any
                // of its members. A rare abbreviation ("ML", "DL") standing in for common
                // words ("deep learning") would otherwise outweigh them wherever it is
                // mentioned in passing.
                let concept_idf = idf(n, s.clause_t.len());
                let Scratch {
                    clause: cbuf,
                    clause_t,
                    ..
                } = &mut *s;
                for &d in clause_t.iter() {
                    if let Some(c) = cbuf.get_mut(d as usize) {
                        *c *= concept_idf;
                    }
                }
            }
            let Scratch {
                clause: cbuf,
                clause_t,
                total,
                count,
                total_t,
                ..
            } = &mut *s;
            for &d in clause_t.iter() {
                let d = d as usize;
                let (Some(c), Some(t), Some(cnt)) =
                    (cbuf.get_mut(d), total.get_mut(d), count.get_mut(d))
                else {
                    continue;
                };
                *t += *c;
                *c = 0.0;
                if *cnt == 0 {
                    total_t.push(d as u32);
                }
                *cnt = cnt.saturating_add(1);
            }
            clause_t.clear();
        }

        // Collect: AND first, then OR if AND found nothing.
        let clauses = q.clauses.len();
        let mut keys: Vec<u64> = Vec::new();
        let mut mode = Mode::All;
        let mut passes: Vec<u32> = Vec::with_capacity(s.total_t.len());
        for &d in &s.total_t {
            let du = d as usize;
            if !s.excluded.get(du).copied().unwrap_or(true) && filter(du) {
                passes.push(d);
            }
        }
        let named = self.named(&typed_keys(q));
        let factor = |d: usize| {
            let at = u32::try_from(d).map(|d| named.binary_search_by_key(&d, |&(d, _)| d));
            match at.ok().and_then(Result::ok).and_then(|i| named.get(i)) {
                // A library's name counts by the library's place in the document's list.
                Some(&(_, standing)) => {
                    let weight = match standing.checked_sub(1) {
                        None => 1.0,
                        Some(i) => position_weight(usize::from(i)),
                    };
                    1.0 + (WHOLE_NAME_FACTOR - 1.0) * weight
                }
                None => 1.0,
            }
        };
        for &d in &passes {
            let du = d as usize;
            if s.count.get(du).is_some_and(|&c| usize::from(c) == clauses) {
                let score = s.total.get(du).copied().unwrap_or(0.0) * factor(du);
                keys.push(rank_key(score, d));
            }
        }
        if keys.is_empty() && clauses > 1 {
            for &d in &passes {
                let du = d as usize;
                let c = s.count.get(du).copied().unwrap_or(0);
                if c > 0 {
                    // Documents matching more of the query come first.
                    let coverage = f32::from(c) / clauses as f32;
                    keys.push(rank_key(
                        s.total.get(du).copied().unwrap_or(0.0) * coverage * factor(du),
                        d,
                    ));
                }
            }
            if !keys.is_empty() {
                mode = Mode::Any;
            }
        }
        for &d in &s.total_t {
            let d = d as usize;
            if let (Some(t), Some(c)) = (s.total.get_mut(d), s.count.get_mut(d)) {
                *t = 0.0;
                *c = 0;
            }
        }
        s.total_t.clear();
        clear_excluded(s);

        let total = keys.len();
        top_k(&mut keys, k);
        let matches = MatchSet::new(self, q, &expansions);
        let mut hits: Vec<Hit> = keys
            .iter()
            .map(|&key| self.materialise(key_doc(key), key_score(key), &matches))
            .collect();
        if q.clauses.len() > 1 {
            // Materialising found the words that stand next to each other (a bonus to the
            // score): rank the hits again. Ties keep document order, as before.
            let doc = |h: &Hit| u32::try_from(h.doc).unwrap_or(u32::MAX);
            let mut order: Vec<u64> = hits.iter().map(|h| rank_key(h.score, doc(h))).collect();
            sort_u64(&mut order);
            // Where each document's hit is, by document, to take them in the new order.
            let mut at: Vec<u64> = (0u64..)
                .zip(&hits)
                .map(|(i, h)| (u64::from(doc(h)) << 32) | i)
                .collect();
            sort_u64(&mut at);
            let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
            hits = order
                .iter()
                .filter_map(|&key| {
                    let d = key_doc(key) as u64;
                    let i = at.partition_point(|&x| x >> 32 < d);
                    let slot = at.get(i).map(|&x| (x & 0xFFFF_FFFF) as usize)?;
                    slots.get_mut(slot)?.take()
                })
                .collect();
        }
        let suggestion = if hits.is_empty() || mode == Mode::Any {
            self.suggest(q)
        } else {
            None
        };
        Results {
            hits,
            total,
            mode,
            suggestion,
        }
    }

    /// Marks documents containing any excluded key (exact, after folding).
    fn mark_excluded(&self, excluded: &[String], s: &mut Scratch) {
        for key in excluded {
            let Some(t) = self.vocab.find(key) else {
                continue;
            };
            for &d in self
                .post
                .doc
                .get(self.post.range(t as usize))
                .unwrap_or(&[])
            {
                if let Some(e) = s.excluded.get_mut(d as usize)
                    && !*e
                {
                    *e = true;
                    s.excluded_t.push(d);
                }
            }
        }
    }

    /// The vocabulary terms a query word matches, with their match quality, sorted by term.
    pub(super) fn expand(&self, w: &QWord) -> Vec<(u32, f32)> {
        let mut out: Vec<u64> = Vec::new();
        let mut push = |t: usize, quality: f32| {
            if let Ok(t) = u32::try_from(t) {
                out.push((u64::from(t) << 32) | u64::from(quality.to_bits()));
            }
        };
        let key = w.key.as_str();
        let exact = self.vocab.find(key);
        if let Some(t) = exact {
            push(t as usize, Q_EXACT);
        }
        let mut spelled = exact.is_some() || (w.prefix && !self.vocab.prefix_range(key).is_empty());
        if w.stem {
            inflections(key, |form| {
                if form != key
                    && let Some(t) = self.vocab.find(form)
                {
                    push(t as usize, Q_STEM);
                    spelled = true;
                }
            });
        }
        // A word the vocabulary holds as typed (exactly, inflected, or as the start of a
        // term) is not read as a misspelt start of other words: "pyqt" does not stand for
        // "pyt…" and find every field that mentions pytest or PyTorch.
        let prefix_typos = !spelled;
        let edits = if w.fuzzy {
            max_edits(char_count(key))
        } else {
            0
        };
        let prefix_quality = |t: usize| {
            Q_PREFIX + Q_PREFIX_SPAN * key.len() as f32 / self.vocab.word(t).len().max(1) as f32
        };
        if edits == 0 {
            if w.prefix {
                for t in self.vocab.prefix_range(key) {
                    if exact != u32::try_from(t).ok() {
                        push(t, prefix_quality(t));
                    }
                }
            }
        } else {
            walk(&self.vocab, key, edits, w.prefix, &mut |t, full, pre| {
                let mut quality: f32 = 0.0;
                if full == 0 {
                    quality = Q_EXACT;
                } else {
                    if pre == 0 {
                        quality = prefix_quality(t);
                    }
                    if full <= edits {
                        quality =
                            quality.max(Q_FUZZY.get(usize::from(full)).copied().unwrap_or(0.0));
                    }
                    if prefix_typos && pre > 0 && pre <= edits {
                        let f = Q_FUZZY.get(usize::from(pre)).copied().unwrap_or(0.0);
                        quality = quality.max(f * Q_FUZZY_PREFIX);
                    }
                }
                if quality > 0.0 {
                    push(t, quality);
                }
            });
        }
        // Positive floats order like their bits, so after sorting, each term's best quality
        // is the last of its run.
        sort_u64(&mut out);
        let mut res: Vec<(u32, f32)> = Vec::with_capacity(out.len());
        for key in out {
            let t = (key >> 32) as u32;
            let quality = f32::from_bits(key as u32);
            match res.last_mut() {
                Some(last) if last.0 == t => last.1 = quality,
                _ => res.push((t, quality)),
            }
        }
        // A typo match on a word nearly every document holds ("pyqt" → "python") would
        // light up every document for a word nobody typed: keep such a term only when the
        // query word spells it, exactly, by inflection or as a prefix.
        let n = self.docs.len();
        if n >= COMMON_MIN_DOCS {
            res.retain(|&(t, quality)| {
                quality >= Q_PREFIX || self.post.df(t as usize) * COMMON_DEN < n * COMMON_NUM
            });
        }
        res
    }

    /// Accumulates one word's best `quality × weight` per document into `s.word`; returns the
    /// word's idf, computed from every document it matched.
    fn score_word(&self, exp: &[(u32, f32)], s: &mut Scratch) -> f32 {
        let Scratch { word, word_t, .. } = s;
        for &(t, quality) in exp {
            let r = self.post.range(t as usize);
            let (Some(docs), Some(weights)) =
                (self.post.doc.get(r.clone()), self.post.weight.get(r))
            else {
                continue;
            };
            for (&d, &w) in docs.iter().zip(weights) {
                if let Some(slot) = word.get_mut(d as usize) {
                    let v = quality * w;
                    if *slot == 0.0 {
                        word_t.push(d);
                    }
                    if v > *slot {
                        *slot = v;
                    }
                }
            }
        }
        idf(self.docs.len(), word_t.len())
    }

    /// Scores one alternative and folds it into the current clause (max over alternatives).
    /// In a `concept` clause the words' own idfs are left out: the clause's idf is applied
    /// once all its alternatives are in.
    fn score_alt(
        &self,
        q: &Query,
        alt: &Alt,
        expansions: &[Vec<(u32, f32)>],
        concept: bool,
        s: &mut Scratch,
    ) {
        let exp = |w: usize| expansions.get(w).map_or(&[][..], Vec::as_slice);
        if alt.words.iter().any(|&w| exp(w).is_empty()) {
            return; // some word matches nothing: the alternative cannot match
        }
        let word_idf = |idf: f32| if concept { 1.0 } else { idf };
        if let ([w], false) = (alt.words.as_slice(), alt.phrase) {
            let idf = word_idf(self.score_word(exp(*w), s));
            let Scratch {
                word,
                word_t,
                clause,
                clause_t,
                ..
            } = s;
            for &d in word_t.iter() {
                let d = d as usize;
                if let (Some(wv), Some(c)) = (word.get_mut(d), clause.get_mut(d)) {
                    let v = alt.factor * idf * *wv;
                    *wv = 0.0;
                    if *c == 0.0 {
                        clause_t.push(d as u32);
                    }
                    if v > *c {
                        *c = v;
                    }
                }
            }
            word_t.clear();
            return;
        }
        let needed = alt.words.len();
        for &w in &alt.words {
            let idf = word_idf(self.score_word(exp(w), s));
            let Scratch {
                word,
                word_t,
                alt: abuf,
                alt_n,
                alt_t,
                ..
            } = &mut *s;
            for &d in word_t.iter() {
                let d = d as usize;
                if let (Some(wv), Some(a), Some(an)) =
                    (word.get_mut(d), abuf.get_mut(d), alt_n.get_mut(d))
                {
                    *a += idf * *wv;
                    *wv = 0.0;
                    if *an == 0 {
                        alt_t.push(d as u32);
                    }
                    *an = an.saturating_add(1);
                }
            }
            word_t.clear();
        }
        let keys: Vec<&str> = alt
            .words
            .iter()
            .filter_map(|&w| q.words.get(w).map(|w| w.key.as_str()))
            .collect();
        let Scratch {
            alt: abuf,
            alt_n,
            alt_t,
            clause,
            clause_t,
            ..
        } = s;
        for &d in alt_t.iter() {
            let du = d as usize;
            let (Some(a), Some(an)) = (abuf.get_mut(du), alt_n.get_mut(du)) else {
                continue;
            };
            let complete = usize::from(*an) == needed;
            let v = alt.factor * *a;
            *a = 0.0;
            *an = 0;
            // Verifying a phrase re-tokenises the document, so a phrase alternative is only
            // checked for documents no earlier alternative of the clause matched (e.g. the
            // parts of `scikit-learn` are not re-checked where `scikitlearn` matched).
            let matched_before = clause.get(du).is_some_and(|&c| c > 0.0);
            if complete
                && (!alt.phrase || (!matched_before && self.phrase_in_doc(du, &keys)))
                && let Some(c) = clause.get_mut(du)
            {
                if *c == 0.0 {
                    clause_t.push(d);
                }
                if v > *c {
                    *c = v;
                }
            }
        }
        alt_t.clear();
    }

    /// The documents with a title, an alias or a library name that is exactly `typed` (its
    /// folded words, in order), sorted, each with its standing (see `Index::names`).
    fn named(&self, typed: &[&str]) -> Vec<(u32, u16)> {
        if typed.is_empty() {
            return Vec::new();
        }
        let mut key = String::new();
        push_joined(&mut key, typed);
        // `names` is sorted and deduplicated by (name, document): one name's documents are
        // a sorted run without repeats.
        let start = self.names.partition_point(|(name, ..)| *name < key);
        self.names
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|(name, ..)| *name == key)
            .map(|&(_, d, standing)| (d, standing))
            .collect()
    }

    /// "Did you mean": each plain or phrase word that is not in the vocabulary (nor, for the
    /// word being typed, a prefix of a term) is replaced by the closest term within 1 edit (3–4
    /// characters) or 2 (5+), preferring frequent terms. `None` if nothing changed.
    fn suggest(&self, q: &Query) -> Option<String> {
        use super::query::Item;
        let mut changed = false;
        let mut fix = |key: &str, prefix: bool| -> String {
            let known = self.vocab.find(key).is_some()
                || (prefix && !self.vocab.prefix_range(key).is_empty());
            if known {
                return key.to_string();
            }
            match self.correct(key) {
                Some(c) => {
                    changed = true;
                    c
                }
                None => key.to_string(),
            }
        };
        let mut out: Vec<String> = Vec::with_capacity(q.items.len());
        for item in &q.items {
            out.push(match item {
                Item::Word(key, prefix) => fix(key, *prefix),
                Item::Phrase(keys) => {
                    let words: Vec<String> = keys.iter().map(|k| fix(k, false)).collect();
                    let mut s = String::from("\"");
                    push_joined(&mut s, &words);
                    s.push('"');
                    s
                }
                Item::Exclude(key) => {
                    let mut s = String::from("-");
                    s.push_str(key);
                    s
                }
            });
        }
        changed.then(|| {
            let mut s = String::new();
            push_joined(&mut s, &out);
            s
        })
    }

    /// The closest vocabulary term to `key` (see [`Index::suggest`]).
    fn correct(&self, key: &str) -> Option<String> {
        let chars = char_count(key);
        let edits = match chars {
            0..=2 => return None,
            3..=4 => 1,
            _ => 2,
        };
        let mut best: Option<(u8, usize, usize)> = None; // (distance, df, term)
        walk(&self.vocab, key, edits, false, &mut |t, full, _| {
            let df = self.post.df(t);
            let better = match best {
                None => true,
                Some((bd, bdf, _)) => full < bd || (full == bd && df > bdf),
            };
            if better {
                best = Some((full, df, t));
            }
        });
        best.map(|(_, _, t)| self.vocab.word(t).to_string())
    }
}

/// The folded words the user typed, in order (phrases included, exclusions not).
fn typed_keys(q: &Query) -> Vec<&str> {
    use super::query::Item;
    let mut out = Vec::new();
    for item in &q.items {
        match item {
            Item::Word(key, _) => out.push(key.as_str()),
            Item::Phrase(keys) => out.extend(keys.iter().map(String::as_str)),
            Item::Exclude(_) => {}
        }
    }
    out
}

/// Appends `words` separated by spaces (`join` would bring in a panicking length check).
pub(super) fn push_joined(out: &mut String, words: &[impl AsRef<str>]) {
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w.as_ref());
    }
}

fn clear_excluded(s: &mut Scratch) {
    for &d in &s.excluded_t {
        if let Some(e) = s.excluded.get_mut(d as usize) {
            *e = false;
        }
    }
    s.excluded_t.clear();
}

/// Keeps the `k` smallest keys, sorted. For small `k` a bounded insertion pass avoids sorting
/// every match (the benchmark asks for 10 of up to 10,000).
fn top_k(keys: &mut Vec<u64>, k: usize) {
    if k >= keys.len() || k > 64 {
        sort_u64(keys);
        keys.truncate(k);
        return;
    }
    let mut top: Vec<u64> = Vec::with_capacity(k + 1);
    for &key in keys.iter() {
        if top.len() == k && top.last().is_some_and(|&worst| key >= worst) {
            continue;
        }
        let at = top.partition_point(|&x| x < key);
        top.insert(at, key);
        top.truncate(k);
    }
    *keys = top;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_keys_order_by_score_then_doc() {
        let mut keys = [
            rank_key(1.0, 3),
            rank_key(2.0, 5),
            rank_key(1.0, 1),
            rank_key(0.0, 0),
        ];
        keys.sort_unstable();
        let docs: Vec<usize> = keys.iter().map(|&k| key_doc(k)).collect();
        assert_eq!(docs, [5, 1, 3, 0]);
        assert_eq!(key_score(rank_key(2.5, 7)), 2.5);
    }

    #[test]
    fn top_k_matches_full_sort() {
        let keys: Vec<u64> = (0..200u64).map(|i| (i * 7919) % 211).collect();
        for k in [0, 1, 5, 10, 64, 65, 500] {
            let mut a = keys.clone();
            top_k(&mut a, k);
            let mut b = keys.clone();
            b.sort_unstable();
            b.truncate(k);
            assert_eq!(a, b, "k={k}");
        }
    }

    #[test]
    fn idf_is_positive_and_decreasing() {
        assert!(idf(10, 10) > 0.0);
        assert!(idf(10, 1) > idf(10, 5));
    }
}
