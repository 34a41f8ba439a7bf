//! Typo tolerance: Damerau-Levenshtein distance in its *optimal string alignment* form
//! (insertions, deletions, substitutions and adjacent transpositions, each costing 1, no
//! substring edited twice), computed in characters, not bytes.
//!
//! Instead of comparing the query word with every vocabulary term, [`walk`] runs the dynamic
//! programme along the sorted vocabulary as if it were a trie: consecutive terms share their
//! common prefix, so only the rows for the differing tail are recomputed, and as soon as every
//! cell of a row exceeds the edit budget the whole block of terms sharing that prefix is
//! skipped with one binary search. Rows are banded (only cells within `k` of the diagonal can
//! be `<= k`), so a step costs `2k + 1` cells. Measured on the 10,000-document benchmark
//! corpus this walk costs a few microseconds per query word.

use super::vocab::Vocab;

/// Longest query word (in characters) that gets typo tolerance; longer words match exactly.
/// Keeps the DP rows small and the work per word bounded.
pub(super) const MAX_FUZZY_CHARS: usize = 32;

/// Highest edit budget the walker accepts (did-you-mean uses 2; matching uses up to 2).
const MAX_K: u8 = 3;

/// Edits tolerated for a query word of `chars` characters: none below 4, one from 4, two from
/// 8 (and none past [`MAX_FUZZY_CHARS`]).
pub(super) fn max_edits(chars: usize) -> u8 {
    match chars {
        4..=7 => 1,
        8..=MAX_FUZZY_CHARS => 2,
        _ => 0,
    }
}

/// Visits every term of `vocab` within `k` edits of `query`, calling
/// `visit(term, full, prefix)` where `full` is the distance between `query` and the whole term
/// and `prefix` (only when `prefix_mode`) the smallest distance between `query` and any prefix
/// of the term; a value of `k + 1` means "more than `k`". A term is visited when either is
/// `<= k`, in vocabulary order.
///
/// Work is bounded by the number of vocabulary terms times the term length, and in practice
/// by the few blocks of terms whose prefixes stay within `k` edits.
pub(super) fn walk(
    vocab: &Vocab,
    query: &str,
    k: u8,
    prefix_mode: bool,
    visit: &mut dyn FnMut(usize, u8, u8),
) {
    let q: Vec<char> = query.chars().collect();
    let m = q.len();
    if m == 0 || m > MAX_FUZZY_CHARS {
        return;
    }
    let k = k.min(MAX_K);
    let kk = k + 1;
    let stride = m + 1;
    let max_depth = m + usize::from(k);
    // rows[j * stride + i] = distance(query[..i], term[..j]), saturated at k + 1.
    let mut rows = vec![kk; stride * (max_depth + 1)];
    for (i, cell) in rows.iter_mut().take(stride).enumerate() {
        *cell = sat(i, kk);
    }
    let mut path: Vec<char> = Vec::with_capacity(64);
    let mut path_end: Vec<usize> = Vec::with_capacity(64);
    // pmin[j] = min over j' <= j of distance(query, term[..j']).
    let mut pmin: Vec<u8> = Vec::with_capacity(65);
    pmin.push(sat(m, kk));

    let n = vocab.len();
    let mut w = 0;
    'terms: while w < n {
        let word = vocab.word(w);
        let mut depth = 0;
        let mut diverged = false;
        for (bi, c) in word.char_indices() {
            if !diverged {
                if path.get(depth) == Some(&c) {
                    depth += 1;
                    continue;
                }
                path.truncate(depth);
                path_end.truncate(depth);
                pmin.truncate(depth + 1);
                diverged = true;
            }
            let j = depth + 1;
            path.push(c);
            path_end.push(bi + c.len_utf8());
            let (row_min, last) = if j <= max_depth {
                row(&mut rows, stride, j, &q, &path, k)
            } else {
                (kk, kk)
            };
            let pm = pmin.last().copied().unwrap_or(kk).min(last);
            pmin.push(pm);
            depth = j;
            if row_min > k && !(prefix_mode && pm <= k) {
                // No extension of this prefix can come back within k: skip them all.
                let end = path_end.last().copied().unwrap_or(word.len());
                let dead = word.get(..end).unwrap_or(word);
                w = vocab.prefix_end(w + 1, dead);
                continue 'terms;
            }
        }
        if !diverged {
            // The term is a prefix of the previous one (cannot happen in a sorted, distinct
            // vocabulary, but keep the state consistent anyway).
            path.truncate(depth);
            path_end.truncate(depth);
            pmin.truncate(depth + 1);
        }
        let full = if depth <= max_depth {
            rows.get(depth * stride + m).copied().unwrap_or(kk)
        } else {
            kk
        };
        let pre = if prefix_mode {
            pmin.get(depth).copied().unwrap_or(kk)
        } else {
            kk
        };
        if full <= k || pre <= k {
            visit(w, full, pre);
        }
        w += 1;
    }
}

/// `min(x, cap)` as a `u8`.
fn sat(x: usize, cap: u8) -> u8 {
    u8::try_from(x).map_or(cap, |v| v.min(cap))
}

/// Computes DP row `j` (1-based depth; `path[j - 1]` is the term's `j`-th character) from rows
/// `j - 1` and `j - 2`. Returns (minimum of the row, last cell).
///
/// Only the band `j - k ..= j + k` is computed; cells outside it stay at `k + 1` from the
/// initial fill, which is exactly what they would saturate to. Accesses go through `get`
/// (out-of-range reads count as `k + 1`), so no panic path is compiled in.
#[inline]
fn row(rows: &mut [u8], stride: usize, j: usize, q: &[char], path: &[char], k: u8) -> (u8, u8) {
    let kk = k + 1;
    let m = q.len();
    let (Some(&c), Some(base)) = (path.get(j.wrapping_sub(1)), j.checked_mul(stride)) else {
        return (kk, kk);
    };
    let c_prev = j.checked_sub(2).and_then(|i| path.get(i)).copied();
    let Some((before, rest)) = rows.split_at_mut_checked(base) else {
        return (kk, kk);
    };
    let Some(cur) = rest.get_mut(..stride) else {
        return (kk, kk);
    };
    let prev = before.get(base - stride..).unwrap_or(&[]);
    let prev2 = match base.checked_sub(2 * stride) {
        Some(p2) => before.get(p2..base - stride).unwrap_or(&[]),
        None => &[],
    };
    let at = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(kk);
    let first = sat(j, kk);
    if let Some(x) = cur.first_mut() {
        *x = first;
    }
    let mut row_min = first;
    let mut left = first; // cur[i - 1]
    let lo = j.saturating_sub(usize::from(k)).max(1);
    let hi = (j + usize::from(k)).min(m);
    if lo > 1 {
        left = kk; // outside the band
    }
    for i in lo..=hi {
        let qi = q.get(i - 1).copied();
        let mut v = (at(prev, i - 1) + u8::from(qi != Some(c)))
            .min(at(prev, i) + 1)
            .min(left + 1);
        if i >= 2 && c_prev.is_some() && qi == c_prev && q.get(i - 2) == Some(&c) {
            v = v.min(at(prev2, i - 2) + 1);
        }
        let v = v.min(kk);
        if let Some(x) = cur.get_mut(i) {
            *x = v;
        }
        left = v;
        row_min = row_min.min(v);
    }
    (row_min, at(cur, m))
}

/// Plain O(n·m) optimal-string-alignment distance, the reference the walker is tested against.
#[cfg(test)]
pub(super) fn osa(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let mut v = (d[(i - 1) * w + j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocab {
        let mut w: Vec<&str> = words.to_vec();
        w.sort_unstable();
        w.dedup();
        Vocab::from_sorted(w.into_iter())
    }

    fn matches(v: &Vocab, q: &str, k: u8, prefix: bool) -> Vec<(String, u8, u8)> {
        let mut out = Vec::new();
        walk(v, q, k, prefix, &mut |t, f, p| {
            out.push((v.word(t).to_string(), f, p))
        });
        out
    }

    #[test]
    fn osa_counts_transpositions_as_one() {
        assert_eq!(osa("djnago", "django"), 1);
        assert_eq!(osa("ca", "abc"), 3); // OSA, not unrestricted DL (which gives 2)
        assert_eq!(osa("machne", "machine"), 1);
        assert_eq!(osa("lerning", "learning"), 1);
        assert_eq!(osa("", "abc"), 3);
        assert_eq!(osa("café", "cafe"), 1); // characters, not bytes
    }

    #[test]
    fn edit_budget_thresholds() {
        assert_eq!(max_edits(0), 0);
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(7), 1);
        assert_eq!(max_edits(8), 2);
        assert_eq!(max_edits(MAX_FUZZY_CHARS), 2);
        assert_eq!(max_edits(MAX_FUZZY_CHARS + 1), 0);
    }

    #[test]
    fn walk_finds_full_and_prefix_matches() {
        let v = vocab(&["django", "djangonaut", "dance", "flask", "dj", "jango"]);
        let m = matches(&v, "djnago", 1, false);
        assert_eq!(m, [("django".to_string(), 1, 2)]);
        let m = matches(&v, "djnag", 1, true);
        let names: Vec<&str> = m.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["django", "djangonaut"]);
        assert!(m.iter().all(|x| x.2 == 1));
        // k = 0 prefix mode is an exact prefix search.
        let m = matches(&v, "djan", 0, true);
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn walk_agrees_with_brute_force() {
        let words = [
            "a", "ab", "abc", "abd", "abcd", "bacd", "acbd", "xyz", "abcde", "abdce", "ba", "zzzz",
            "ábcd", "abcdefgh", "abdcefgh",
        ];
        let v = vocab(&words);
        for q in ["abcd", "bacd", "abce", "ab", "xyzw", "abcdefgh", "ábc"] {
            for k in 0..=2u8 {
                for prefix in [false, true] {
                    let got = matches(&v, q, k, prefix);
                    let mut want = Vec::new();
                    for i in 0..v.len() {
                        let w = v.word(i);
                        let full = osa(q, w);
                        let pre = (0..=w.chars().count())
                            .map(|n| osa(q, &w.chars().take(n).collect::<String>()))
                            .min()
                            .unwrap_or(usize::MAX);
                        let f = full.min(usize::from(k) + 1) as u8;
                        let p = if prefix {
                            pre.min(usize::from(k) + 1) as u8
                        } else {
                            k + 1
                        };
                        if f <= k || p <= k {
                            want.push((w.to_string(), f, p));
                        }
                    }
                    assert_eq!(got, want, "q={q} k={k} prefix={prefix}");
                }
            }
        }
    }
}
