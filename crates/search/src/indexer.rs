//! Index construction: tokenise every field once, count term frequencies per field, and
//! precompute each posting's BM25F weight.
//!
//! Scoring is BM25F (field-weighted BM25): per document, a term's field frequencies are
//! length-normalised per field and combined with the field weights *before* saturation:
//!
//! ```text
//! tf' = Σ_f  W_f · tf_f / (1 − b_f + b_f · len_f / avglen_f)
//! w   = tf' · (k1 + 1) / (tf' + k1)
//! ```
//!
//! `w` depends only on the term and the document, so it is stored in the posting and a query
//! only multiplies it by the term's idf and the match-quality factor.
//!
//! Within a list field an occurrence counts by its string's standing: a document's libraries
//! are in order of importance, so the `i`-th library's words count [`position_weight`]`(i)`
//! times (the first in full), and its aliases beyond its own names (keywords and the other
//! names of its libraries) count [`KEYWORD_WEIGHT`] times. Term frequencies are therefore
//! kept in fixed point, [`TF_UNIT`] to an occurrence.

use super::Document;
use super::sort::sort_by;
use super::tokenize::{Unit, for_each_unit};
use super::vocab::Vocab;

/// Number of fields: title, aliases, libraries, summary, body, about.
pub(super) const FIELDS: usize = 6;
/// The field of the libraries' descriptions, which is searched but never highlighted.
pub(super) const ABOUT: usize = 5;
/// Field weights `W_f`: title > aliases ≈ libraries > summary > body > about.
const WEIGHT: [f32; FIELDS] = [5.0, 3.5, 3.0, 1.5, 1.0, 0.8];
/// Length normalisation `b_f`: short list-like fields are barely normalised (one more alias
/// should not dilute the others much); prose fields use the classic 0.75.
const B: [f32; FIELDS] = [0.5, 0.4, 0.3, 0.75, 0.75, 0.5];
/// How much an alias that is not one of the document's own names counts (a keyword, or
/// another name of one of its libraries): "ML demo" among Rapid Prototyping's keywords
/// says less about it than "ML" among Machine Learning's names.
pub(super) const KEYWORD_WEIGHT: f32 = 0.6;
/// How fast a library's weight falls with its place in the list: the `i`-th (from 0)
/// counts `1 / (1 + POSITION_DECAY · i)`.
const POSITION_DECAY: f32 = 0.25;
/// BM25 saturation.
const K1: f32 = 1.2;
/// One occurrence, in the fixed-point term frequencies kept while indexing.
const TF_UNIT: u64 = 16;
/// Bits of each field's fixed-point term frequency, packed into a `u64`.
const TF_BITS: u32 = 10;
/// Highest per-field term frequency recorded, in [`TF_UNIT`]s (about 64 occurrences: BM25
/// saturates long before this).
const TF_CAP: u64 = (1 << TF_BITS) - 1;

/// Field `f`'s term frequency in `packed`, in [`TF_UNIT`]s.
fn field_tf(packed: u64, f: usize) -> u64 {
    (packed >> (TF_BITS * f as u32)) & TF_CAP
}

/// `packed` with field `f`'s term frequency set to `tf` (capped at [`TF_CAP`]).
fn with_field_tf(packed: u64, f: usize, tf: u64) -> u64 {
    let shift = TF_BITS * f as u32;
    (packed & !(TF_CAP << shift)) | (tf.min(TF_CAP) << shift)
}

/// How much the `i`-th library of a document's list counts (1 for the first).
pub(super) fn position_weight(i: usize) -> f32 {
    1.0 / (1.0 + POSITION_DECAY * i as f32)
}

/// How much an occurrence in string `i` of field `f` of `doc` counts.
fn standing(doc: &Document<'_>, f: usize, i: usize) -> f32 {
    match f {
        1 if i >= doc.alias_names => KEYWORD_WEIGHT,
        2 | ABOUT => position_weight(i),
        _ => 1.0,
    }
}

/// Postings in compressed-sparse-row form: term `t`'s postings are
/// `start[t]..start[t + 1]` in the parallel arrays, sorted by document.
///
/// Each posting keeps its fixed-point term frequency per field, and each document its
/// field lengths: the data file holds these, small whole numbers that compress well, and
/// reading it computes the weights exactly as the build did ([`Postings::weigh`]). See
/// [`Packed`] for the file's form.
#[derive(Default, Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub(super) struct Postings {
    pub(super) start: Vec<u32>,
    pub(super) doc: Vec<u32>,
    /// Each posting's term frequency per field, in [`TF_UNIT`]s, packed [`TF_BITS`] a field.
    tf: Vec<u64>,
    /// Each document's length per field, in words.
    lens: Vec<[u32; crate::indexer::FIELDS]>,
    /// Precomputed BM25F weight `w` (without idf), from `tf` and `lens`.
    pub(super) weight: Vec<f32>,
}

impl Postings {
    /// Index range of term `t`'s postings.
    #[inline]
    pub(super) fn range(&self, t: usize) -> core::ops::Range<usize> {
        let a = self.start.get(t).map_or(0, |&x| x as usize);
        let b = self.start.get(t + 1).map_or(a, |&x| x as usize);
        a..b.max(a)
    }

    /// Number of documents containing term `t`.
    pub(super) fn df(&self, t: usize) -> usize {
        self.range(t).len()
    }

    /// Computes every posting's weight from its term frequencies and its document's
    /// field lengths.
    fn weigh(&mut self) {
        let n = self.lens.len().max(1) as f32;
        let mut avg = [0f32; FIELDS];
        for l in &self.lens {
            for (a, &x) in avg.iter_mut().zip(l) {
                *a += x as f32;
            }
        }
        for a in &mut avg {
            *a = (*a / n).max(1.0);
        }
        let norms: Vec<[f32; FIELDS]> = self
            .lens
            .iter()
            .map(|len| core::array::from_fn(|f| 1.0 - B[f] + B[f] * len[f] as f32 / avg[f]))
            .collect();
        self.weight = self
            .doc
            .iter()
            .zip(&self.tf)
            .map(|(&d, &packed)| {
                let Some(norm) = norms.get(d as usize) else {
                    return 0.0;
                };
                let mut tfw = 0.0;
                for (f, norm) in norm.iter().enumerate() {
                    let tf = field_tf(packed, f);
                    if tf > 0 {
                        tfw += WEIGHT[f] * (tf as f32 / TF_UNIT as f32) / norm;
                    }
                }
                tfw * (K1 + 1.0) / (tfw + K1)
            })
            .collect();
    }
}

/// [`Postings`] as the data file holds them.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Packed {
    /// Each term's number of postings.
    df: Vec<u32>,
    /// Each posting's document, less the previous document of its term (the first: less 0).
    gaps: Vec<u32>,
    /// Each posting's fields with a term frequency, one bit a field.
    fields: Vec<u8>,
    /// The term frequencies of those fields, posting by posting, field by field.
    tfs: Vec<u16>,
    /// Each document's length per field. (A path: serde's derive has a `FIELDS` of its own.)
    lens: Vec<[u32; crate::indexer::FIELDS]>,
}

impl From<Postings> for Packed {
    fn from(p: Postings) -> Self {
        let df = p
            .start
            .windows(2)
            .map(|w| match w {
                [a, b] => b.saturating_sub(*a),
                _ => 0,
            })
            .collect();
        let mut gaps = Vec::with_capacity(p.doc.len());
        for t in 0..p.start.len().saturating_sub(1) {
            let mut last = 0;
            for &d in p.doc.get(p.range(t)).unwrap_or(&[]) {
                gaps.push(d.saturating_sub(last));
                last = d;
            }
        }
        let mut fields = Vec::with_capacity(p.tf.len());
        let mut tfs = Vec::with_capacity(p.tf.len());
        for &packed in &p.tf {
            let mut mask = 0u8;
            for f in 0..FIELDS {
                let tf = field_tf(packed, f);
                if tf > 0 {
                    mask |= 1 << f;
                    tfs.push(tf as u16);
                }
            }
            fields.push(mask);
        }
        Packed {
            df,
            gaps,
            fields,
            tfs,
            lens: p.lens,
        }
    }
}

impl TryFrom<Packed> for Postings {
    type Error = &'static str;

    fn try_from(p: Packed) -> Result<Self, Self::Error> {
        let total = p.gaps.len();
        if p.fields.len() != total {
            return Err("the postings' fields do not match their documents");
        }
        let mut start = Vec::with_capacity(p.df.len() + 1);
        let mut at = 0usize;
        start.push(0);
        let mut doc = Vec::with_capacity(total);
        for &df in &p.df {
            let end = at.saturating_add(df as usize);
            let gaps = p
                .gaps
                .get(at..end)
                .ok_or("the postings are shorter than their counts")?;
            let mut d = 0u32;
            for &gap in gaps {
                d = d.saturating_add(gap);
                doc.push(d);
            }
            at = end;
            start.push(u32::try_from(at).map_err(|_| "too many postings")?);
        }
        if at != total {
            return Err("the postings are longer than their counts");
        }
        let mut tfs = p.tfs.iter();
        let mut tf = Vec::with_capacity(total);
        for &mask in &p.fields {
            let mut packed = 0u64;
            for f in (0..FIELDS).filter(|f| mask & (1 << f) != 0) {
                let value = tfs.next().ok_or("the postings lack term frequencies")?;
                packed = with_field_tf(packed, f, u64::from(*value));
            }
            tf.push(packed);
        }
        if tfs.next().is_some() {
            return Err("the postings have more term frequencies than fields");
        }
        let mut post = Postings {
            start,
            doc,
            tf,
            lens: p.lens,
            weight: Vec::new(),
        };
        post.weigh();
        Ok(post)
    }
}

/// Marks an empty hash-table slot.
const EMPTY: u32 = u32::MAX;

/// Build-time map from key to term id: open addressing with linear probing over `u32` ids,
/// keys stored back to back in one string. Smaller in wasm than `HashMap<Box<str>, u32>`
/// (no hashbrown, no SipHash, no allocation per key) and faster to build.
#[derive(Default)]
struct Interner {
    slots: Vec<u32>,
    arena: String,
    ends: Vec<u32>,
}

/// FNV-1a with a final mix (keys are short folded words we produced ourselves, so a simple
/// hash is enough; no untrusted-collision concern worth SipHash's cost).
fn hash(key: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 29)) as usize
}

impl Interner {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn key(&self, id: u32) -> &str {
        let id = id as usize;
        let start = match id.checked_sub(1) {
            None => 0,
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(id).map_or(start, |&e| e as usize);
        self.arena.get(start..end).unwrap_or("")
    }

    /// The id of `key`, adding it if new. Ids are dense, in order of first appearance.
    fn intern(&mut self, key: &str) -> u32 {
        if self.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = hash(key) & mask;
        loop {
            match self.slots.get(i).copied() {
                Some(EMPTY) | None => break,
                Some(id) if self.key(id) == key => return id,
                Some(_) => i = (i + 1) & mask,
            }
        }
        let id = u32::try_from(self.len()).unwrap_or(EMPTY - 1);
        self.arena.push_str(key);
        self.ends
            .push(u32::try_from(self.arena.len()).unwrap_or(u32::MAX));
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = id;
        }
        id
    }

    /// Doubles the table (power-of-two size, at most half full) and re-inserts every id.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots.clear();
        self.slots.resize(size, EMPTY);
        let mask = size - 1;
        for id in 0..u32::try_from(self.len()).unwrap_or(0) {
            let mut i = hash(self.key(id)) & mask;
            while self.slots.get(i).is_some_and(|&s| s != EMPTY) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = id;
            }
        }
    }
}

/// The strings of field `f` of a document.
pub(super) fn field<'d, 'a>(doc: &'d Document<'a>, f: usize) -> &'d [&'a str] {
    match f {
        0 => core::slice::from_ref(&doc.title),
        1 => doc.aliases,
        2 => doc.libraries,
        3 => core::slice::from_ref(&doc.summary),
        4 => core::slice::from_ref(&doc.body),
        _ => doc.about,
    }
}

/// Builds the vocabulary and postings for `docs`.
pub(super) fn build(docs: &[Document<'_>]) -> (Vocab, Postings) {
    let mut ids = Interner::default();
    // Term ids and their per-field fixed-point tf (packed `TF_BITS` per field), document by
    // document, in two parallel vectors (a vector of pairs would pad each to 16 bytes).
    let mut raw_terms: Vec<u32> = Vec::new();
    let mut raw_tf: Vec<u64> = Vec::new();
    let mut raw_end: Vec<usize> = Vec::with_capacity(docs.len());
    let mut lens: Vec<[u32; FIELDS]> = Vec::with_capacity(docs.len());
    // Per term: 1 + the last document that used it, and its slot in `raw_terms` for that document.
    // Counting through these avoids sorting each document's tokens.
    let mut last_doc: Vec<u32> = Vec::new();
    let mut slot_of: Vec<u32> = Vec::new();
    let mut unit = Unit::default();

    for (d, doc) in docs.iter().enumerate() {
        let mark = u32::try_from(d + 1).unwrap_or(u32::MAX);
        let mut len = [0u32; FIELDS];
        for (f, flen) in len.iter_mut().enumerate() {
            for (i, s) in field(doc, f).iter().enumerate() {
                let units = ((standing(doc, f, i) * TF_UNIT as f32).round() as u64).max(1);
                for_each_unit(s, &mut unit, &mut |u| {
                    *flen = flen.saturating_add(u.width());
                    u.for_each_key(&mut |key, _, _, _| {
                        let t = ids.intern(key);
                        let ti = t as usize;
                        if ti >= last_doc.len() {
                            last_doc.resize(ti + 1, 0);
                            slot_of.resize(ti + 1, 0);
                        }
                        let (Some(last), Some(slot)) = (last_doc.get_mut(ti), slot_of.get_mut(ti))
                        else {
                            return;
                        };
                        if *last != mark {
                            *last = mark;
                            *slot = u32::try_from(raw_terms.len()).unwrap_or(u32::MAX);
                            raw_terms.push(t);
                            raw_tf.push(0);
                        }
                        if let Some(entry) = raw_tf.get_mut(*slot as usize) {
                            *entry = with_field_tf(*entry, f, field_tf(*entry, f) + units);
                        }
                    });
                });
            }
        }
        lens.push(len);
        raw_end.push(raw_terms.len());
    }
    drop((last_doc, slot_of));

    // Sort the vocabulary; remap first-appearance ids to sorted ids.
    let mut order: Vec<u32> = (0..u32::try_from(ids.len()).unwrap_or(0)).collect();
    sort_by(&mut order, &|a, b| ids.key(a) < ids.key(b));
    let mut remap = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = remap.get_mut(old as usize) {
            *slot = u32::try_from(new).unwrap_or(u32::MAX);
        }
    }
    let vocab = Vocab::from_sorted(order.iter().map(|&id| ids.key(id)));
    drop((order, ids));

    // Counting sort by term; documents stay in increasing order within each term.
    let terms = vocab.len();
    let mut start = vec![0u32; terms + 1];
    for &old in &raw_terms {
        if let Some(s) = remap
            .get(old as usize)
            .and_then(|&t| start.get_mut(t as usize + 1))
        {
            *s += 1;
        }
    }
    let mut acc = 0u32;
    for s in &mut start {
        acc = acc.saturating_add(*s);
        *s = acc;
    }
    let total = raw_terms.len();
    let mut post = Postings {
        doc: vec![0; total],
        tf: vec![0; total],
        lens,
        weight: Vec::new(),
        start: start.clone(),
    };
    let mut cursor = start;
    let mut begin = 0;
    for (d, &end) in raw_end.iter().enumerate() {
        let terms = raw_terms.get(begin..end).unwrap_or(&[]);
        let tfs = raw_tf.get(begin..end).unwrap_or(&[]);
        for (&old, &packed) in terms.iter().zip(tfs) {
            let Some(&t) = remap.get(old as usize) else {
                continue;
            };
            let Some(c) = cursor.get_mut(t as usize) else {
                continue;
            };
            let at = *c as usize;
            *c += 1;
            if let (Some(pd), Some(pt)) = (post.doc.get_mut(at), post.tf.get_mut(at)) {
                *pd = u32::try_from(d).unwrap_or(u32::MAX);
                *pt = packed;
            }
        }
        begin = end;
    }
    post.weigh();
    (vocab, post)
}
