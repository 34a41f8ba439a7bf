//! Two tiny heapsorts instead of the standard library's sorts.
//!
//! Each `sort_unstable` instantiation costs about 3–4 KB of wasm (pattern-defeating quicksort
//! plus its small-sort networks), and the engine needs several; these two cost a few hundred
//! bytes together. Everything sortable is packed into `u64` keys, except the one-off
//! vocabulary sort at build time, which goes through [`sort_by`]. Heapsort is O(n log n) in
//! the worst case and needs no allocation; the inputs are at most a few thousand elements
//! per query (and one vocabulary per build).

/// Sorts `v` ascending.
pub(super) fn sort_u64(v: &mut [u64]) {
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_u64(v, start, n);
    }
    for end in (1..n).rev() {
        swap(v, 0, end);
        sift_u64(v, 0, end);
    }
}

/// `v.swap(a, b)` without a panic path (indices are always in range here; checking them
/// lets the compiler drop the panic and its message formatting from the binary).
#[inline]
fn swap<T>(v: &mut [T], a: usize, b: usize) {
    if a < v.len() && b < v.len() {
        v.swap(a, b);
    }
}

/// Restores the max-heap property below `root` within `v[..end]`.
fn sift_u64(v: &mut [u64], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            return;
        }
        swap(v, root, child);
        root = child;
    }
}

/// Sorts `v` so that `less(a, b)` holds for earlier `a` (unstable), with a dynamic
/// comparator so that it is compiled once.
pub(super) fn sort_by(v: &mut [u32], less: &dyn Fn(u32, u32) -> bool) {
    let n = v.len();
    let at = |v: &[u32], i: usize| v.get(i).copied().unwrap_or(0);
    let sift = |v: &mut [u32], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(at(v, child), at(v, child + 1)) {
            child += 1;
        }
        if !less(at(v, root), at(v, child)) {
            return;
        }
        swap(v, root, child);
        root = child;
    };
    for start in (0..n / 2).rev() {
        sift(v, start, n);
    }
    for end in (1..n).rev() {
        swap(v, 0, end);
        sift(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<u64> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    seed >> 40
                })
                .collect();
            let mut a = v.clone();
            sort_u64(&mut a);
            let mut b = v.clone();
            b.sort_unstable();
            assert_eq!(a, b);
            let mut ids: Vec<u32> = (0..n as u32).collect();
            sort_by(&mut ids, &|x, y| v[x as usize] < v[y as usize]);
            let sorted: Vec<u64> = ids.iter().map(|&i| v[i as usize]).collect();
            assert_eq!(sorted, b);
        }
    }
}
