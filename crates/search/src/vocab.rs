//! The sorted vocabulary: every distinct key, stored in one string.
//!
//! One `String` plus end offsets costs 4 bytes of overhead per term (a `Vec<Box<str>>` would
//! cost 16 plus an allocation each), and sorted order gives exact lookup and prefix ranges by
//! binary search, and lets the fuzzy walker treat the list as an implicit trie.

use core::ops::Range;

/// Sorted, deduplicated keys. Term ids are indices into this order, so sorting ids sorts keys.
///
/// Serialized as the text and each term's length ([`Packed`]): small numbers, which the
/// data file's varints keep to a byte each, where the end offsets grow to three.
#[derive(Default, Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(into = "Packed", try_from = "Packed")]
pub(super) struct Vocab {
    text: String,
    /// `ends[i]` is the byte offset just past term `i`; term `i` starts at `ends[i - 1]`.
    ends: Vec<u32>,
}

/// [`Vocab`] as the data file holds it: the keys back to back, and each one's length.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct Packed {
    text: String,
    lens: Vec<u32>,
}

impl From<Vocab> for Packed {
    fn from(v: Vocab) -> Self {
        let mut last = 0;
        let lens = v
            .ends
            .iter()
            .map(|&end| {
                let len = end.saturating_sub(last);
                last = end;
                len
            })
            .collect();
        Packed { text: v.text, lens }
    }
}

impl TryFrom<Packed> for Vocab {
    type Error = &'static str;

    fn try_from(p: Packed) -> Result<Self, Self::Error> {
        let mut end = 0usize;
        let mut ends = Vec::with_capacity(p.lens.len());
        for len in p.lens {
            end = end.saturating_add(len as usize);
            if !p.text.is_char_boundary(end) {
                return Err("the vocabulary's term lengths do not fit its text");
            }
            ends.push(u32::try_from(end).map_err(|_| "the vocabulary is too long")?);
        }
        Ok(Vocab { text: p.text, ends })
    }
}

impl Vocab {
    /// Builds from keys that are already sorted and distinct.
    pub(super) fn from_sorted<'k>(keys: impl Iterator<Item = &'k str>) -> Self {
        let mut v = Vocab::default();
        for k in keys {
            v.text.push_str(k);
            // Key bytes are bounded and the index is in memory: u32 offsets suffice (4 GiB).
            v.ends.push(u32::try_from(v.text.len()).unwrap_or(u32::MAX));
        }
        v
    }

    /// Number of terms.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Term `i`'s key ("" when out of range).
    #[inline]
    pub(super) fn word(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            None => 0,
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// First index in `range` whose term does not satisfy `pred` (terms satisfying it must
    /// come first within the range).
    fn partition(&self, range: Range<usize>, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (range.start, range.end.min(self.len()));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.word(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Index of the first term `>= key`.
    pub(super) fn lower_bound(&self, key: &str) -> usize {
        self.partition(0..self.len(), |w| w < key)
    }

    /// Term id of `key`, if present.
    pub(super) fn find(&self, key: &str) -> Option<u32> {
        let i = self.lower_bound(key);
        if i < self.len() && self.word(i) == key {
            u32::try_from(i).ok()
        } else {
            None
        }
    }

    /// Ids of all terms starting with `prefix` (contiguous in sorted order).
    pub(super) fn prefix_range(&self, prefix: &str) -> Range<usize> {
        let start = self.lower_bound(prefix);
        start..self.prefix_end(start, prefix)
    }

    /// First index `>= from` whose term does not start with `prefix`, assuming the terms
    /// from `from` on that start with it are contiguous (they are, in sorted order).
    ///
    /// Gallops from `from` before bisecting: the fuzzy walker skips many small blocks of
    /// terms, where this costs a couple of comparisons instead of a full binary search.
    pub(super) fn prefix_end(&self, from: usize, prefix: &str) -> usize {
        let n = self.len();
        let mut lo = from;
        let mut step = 1usize;
        let hi = loop {
            let probe = lo.saturating_add(step - 1);
            if probe >= n {
                break n;
            }
            if self.word(probe).starts_with(prefix) {
                lo = probe + 1;
                step = step.saturating_mul(2);
            } else {
                break probe;
            }
        };
        self.partition(lo..hi, |w| w.starts_with(prefix))
    }
}
