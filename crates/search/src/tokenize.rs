//! Tokenisation into *units*: words, and compounds such as `Node.js` or `scikit-learn`.
//!
//! A unit is a run of word characters, optionally:
//! - joined to further runs by one joiner character (`-`, `.`, `_`, `'`, `’`, `‐`, `‑`) that
//!   has word characters on both sides, up to [`MAX_PARTS`] runs (`python-telegram-bot`,
//!   `Node.js`, `discord.py`, `Python's`);
//! - preceded by a `.` that starts a word (`.NET`, `.csv`);
//! - followed by up to three `+`/`#` that end the word (`C++`, `C#`, `F#`).
//!
//! A unit contributes these index keys (see [`Unit::for_each_key`]):
//! - a plain word: its folded text (`3D` → `3d`, `C++` → `c++`);
//! - a compound: the *joined* key, i.e. the parts' folded text concatenated without the
//!   joiners (`Node.js` → `nodejs`, `scikit-learn` → `scikitlearn`), so `nodejs`, `node.js` and
//!   `Node.JS` are one term, plus every part on its own (`node`, `js`, `scikit`, `learn`);
//! - a dotted word: `.net` plus the bare `net`.
//!
//! Every key remembers the byte range of the original text it came from, so highlights map
//! back exactly, whatever folding did to the length. Positions (for phrases) count parts: a
//! compound of n parts occupies n positions and its joined key spans all of them.

use super::fold::{Class, class_of, fold_char};
use core::ops::Range;

/// Longest key kept, in bytes; longer words are truncated (on a char boundary) identically in
/// documents and queries. Bounds the cost of comparisons and of fuzzy matching.
pub(super) const MAX_KEY_BYTES: usize = 64;
/// Most runs joined into one compound; a further joiner acts as a separator.
pub(super) const MAX_PARTS: usize = 8;
/// Most `+`/`#` characters accepted as a word suffix (`C++`).
const MAX_SUFFIX: usize = 3;

/// Callback for [`Unit::for_each_key`]: `(key, original range, position offset, span)`.
pub(super) type KeyFn<'f> = dyn FnMut(&str, Range<usize>, u32, u32) + 'f;

/// One unit of text. Reused between units to avoid allocations.
#[derive(Default, Debug)]
pub(super) struct Unit {
    /// Folded joined key (with the leading `.` of a dotted word and any `+`/`#` suffix).
    pub(super) key: String,
    /// Byte range of the whole unit in the original text.
    pub(super) range: Range<usize>,
    /// For each part: (byte range of its key inside `key`, byte range in the original text).
    pub(super) parts: Vec<(Range<usize>, Range<usize>)>,
    /// Whether the unit starts with a word-initial `.`.
    pub(super) dotted: bool,
    /// Scratch for folding one character.
    fold: String,
}

impl Unit {
    /// Positions this unit occupies (one per part).
    pub(super) fn width(&self) -> u32 {
        // MAX_PARTS is tiny, so the conversion cannot fail; 1 is a safe fallback anyway.
        u32::try_from(self.parts.len()).unwrap_or(1).max(1)
    }

    /// Whether the unit has several parts (so it has both a joined key and part keys).
    pub(super) fn is_compound(&self) -> bool {
        self.parts.len() > 1
    }

    /// The folded key of part `i` (empty if out of range).
    pub(super) fn part_key(&self, i: usize) -> &str {
        self.parts
            .get(i)
            .and_then(|(k, _)| self.key.get(k.clone()))
            .unwrap_or("")
    }

    /// Calls `f(key, original_range, position_offset, span)` for each key the unit
    /// contributes, in non-decreasing offset order. `span` is how many positions the key
    /// covers (the part count for a joined key, else 1).
    pub(super) fn for_each_key(&self, f: &mut KeyFn<'_>) {
        if self.parts.len() <= 1 && !self.dotted {
            if !self.key.is_empty() {
                f(&self.key, self.range.clone(), 0, 1);
            }
            return;
        }
        if !self.key.is_empty() {
            f(&self.key, self.range.clone(), 0, self.width());
        }
        for (i, (k, r)) in self.parts.iter().enumerate() {
            let key = self.key.get(k.clone()).unwrap_or("");
            if !key.is_empty() {
                f(key, r.clone(), u32::try_from(i).unwrap_or(0), 1);
            }
        }
    }
}

/// The character starting at byte `i`, if `i` is a char boundary inside `text`.
#[inline]
pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Number of characters in `s` (a smaller loop than `chars().count()`'s SIMD-ish version,
/// which costs half a kilobyte of wasm; keys are short).
pub(super) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}

/// Whether the character at byte `i` starts a word run.
fn starts_word(text: &str, i: usize) -> bool {
    char_at(text, i).is_some_and(|c| class_of(c) == Class::Word)
}

/// Characters that join two word runs into a compound.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '_' | '\'' | '’' | '‐' | '‑')
}

/// Characters after which a `.` may start a dotted word such as `.NET` (so that `end...and`
/// or `x.y` do not produce dotted words).
fn opens_dotted(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '/' | ',' | '-'
                )
        }
    }
}

/// Calls `f` for every unit of `text`, in order. `unit` is scratch space owned by the caller.
/// (`dyn` callbacks: one compiled copy of the tokeniser instead of one per caller.)
///
/// Work is linear in `text.len()`; it never panics, whatever the input.
pub(super) fn for_each_unit(text: &str, unit: &mut Unit, f: &mut dyn FnMut(&Unit)) {
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(c) = char_at(text, i) {
        let len = c.len_utf8();
        if c == '.' && opens_dotted(prev) && starts_word(text, i + len) {
            i = read_unit(text, i, true, unit);
            f(unit);
            prev = text.get(..i).and_then(|s| s.chars().next_back());
            continue;
        }
        match class_of(c) {
            Class::Word => {
                i = read_unit(text, i, false, unit);
                f(unit);
                prev = text.get(..i).and_then(|s| s.chars().next_back());
                continue;
            }
            Class::Han => {
                unit.key.clear();
                unit.parts.clear();
                unit.dotted = false;
                fold_char(c, &mut unit.key);
                unit.range = i..i + len;
                unit.parts.push((0..unit.key.len(), i..i + len));
                f(unit);
            }
            Class::Mark | Class::Sep => {}
        }
        prev = Some(c);
        i += len;
    }
}

/// Reads one unit starting at byte `start` (a word character, or the `.` of a dotted word)
/// and returns the byte offset just past it.
fn read_unit(text: &str, start: usize, dotted: bool, unit: &mut Unit) -> usize {
    unit.key.clear();
    unit.parts.clear();
    unit.dotted = dotted;
    let mut i = start;
    if dotted {
        unit.key.push('.');
        i += 1;
    }
    loop {
        let key_start = unit.key.len();
        let part_start = i;
        while let Some(c) = char_at(text, i) {
            if c.is_ascii_alphanumeric() {
                // Fast path; past the cap the key is truncated, not the unit.
                if unit.key.len() < MAX_KEY_BYTES {
                    unit.key.push(c.to_ascii_lowercase());
                }
            } else {
                match class_of(c) {
                    Class::Word => {
                        unit.fold.clear();
                        fold_char(c, &mut unit.fold);
                        if unit.key.len() + unit.fold.len() <= MAX_KEY_BYTES {
                            unit.key.push_str(&unit.fold);
                        }
                    }
                    Class::Mark => {}
                    Class::Han | Class::Sep => break,
                }
            }
            i += c.len_utf8();
        }
        unit.parts.push((key_start..unit.key.len(), part_start..i));
        if unit.parts.len() < MAX_PARTS
            && let Some(j) = char_at(text, i)
            && is_joiner(j)
            && starts_word(text, i + j.len_utf8())
        {
            i += j.len_utf8();
            continue;
        }
        // `+`/`#` suffix, only when it ends the word (`C++` yes, `a+b` no).
        let bytes = text.as_bytes();
        let mut j = i;
        while j - i < MAX_SUFFIX && matches!(bytes.get(j), Some(b'+' | b'#')) {
            j += 1;
        }
        if j > i && char_at(text, j).is_none_or(|c| class_of(c) == Class::Sep) {
            if let Some(suffix) = text.get(i..j)
                && unit.key.len() + suffix.len() <= MAX_KEY_BYTES
            {
                unit.key.push_str(suffix);
            }
            let key_len = unit.key.len();
            if let Some(last) = unit.parts.last_mut() {
                last.0.end = key_len;
                last.1.end = j;
            }
            i = j;
        }
        break;
    }
    unit.range = start..i;
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, original slice, offset, span) for every key of every unit.
    fn keys(text: &str) -> Vec<(String, String, u32, u32)> {
        let mut out = Vec::new();
        let mut unit = Unit::default();
        let mut pos = 0;
        for_each_unit(text, &mut unit, &mut |u| {
            u.for_each_key(&mut |k, r, off, span| {
                out.push((k.to_string(), text[r].to_string(), pos + off, span));
            });
            pos += u.width();
        });
        out
    }

    fn key_list(text: &str) -> Vec<String> {
        keys(text).into_iter().map(|k| k.0).collect()
    }

    #[test]
    fn plain_words_and_case() {
        assert_eq!(key_list("Hello, World!"), ["hello", "world"]);
        assert_eq!(key_list("3D printing"), ["3d", "printing"]);
        assert_eq!(key_list(""), Vec::<String>::new());
        assert_eq!(key_list("  \t\n "), Vec::<String>::new());
    }

    #[test]
    fn cpp_and_csharp_survive() {
        assert_eq!(key_list("C++ and C#, F#."), ["c++", "and", "c#", "f#"]);
        // `+` between words is an operator, not a suffix.
        assert_eq!(key_list("a+b"), ["a", "b"]);
        assert_eq!(key_list("#python"), ["python"]);
        // A suffix still being typed.
        assert_eq!(key_list("c+"), ["c+"]);
    }

    #[test]
    fn dotted_names() {
        assert_eq!(
            keys("Node.js"),
            [
                ("nodejs".into(), "Node.js".into(), 0, 2),
                ("node".into(), "Node".into(), 0, 1),
                ("js".into(), "js".into(), 1, 1),
            ]
        );
        assert_eq!(key_list("discord.py"), ["discordpy", "discord", "py"]);
        assert_eq!(key_list("(.NET)"), [".net", "net"]);
        // A sentence end is not a joiner.
        assert_eq!(key_list("end. Next"), ["end", "next"]);
        assert_eq!(key_list("end...and"), ["end", "and"]);
    }

    #[test]
    fn hyphenated_words_are_indexed_whole_and_in_parts() {
        assert_eq!(
            key_list("python-telegram-bot"),
            ["pythontelegrambot", "python", "telegram", "bot"]
        );
        let k = keys("use scikit-learn now");
        assert_eq!(k[1], ("scikitlearn".into(), "scikit-learn".into(), 1, 2));
        assert_eq!(k[2], ("scikit".into(), "scikit".into(), 1, 1));
        assert_eq!(k[3], ("learn".into(), "learn".into(), 2, 1));
        assert_eq!(k[4], ("now".into(), "now".into(), 3, 1));
        // Dangling hyphens are separators.
        assert_eq!(key_list("-x- y"), ["x", "y"]);
    }

    #[test]
    fn accents_fold_and_ranges_cover_marks() {
        assert_eq!(keys("Café")[0], ("cafe".into(), "Café".into(), 0, 1));
        assert_eq!(
            keys("cafe\u{301} ok")[0],
            ("cafe".into(), "cafe\u{301}".into(), 0, 1)
        );
        assert_eq!(key_list("Straße ÆON Ørsted"), ["strasse", "aeon", "orsted"]);
        assert_eq!(key_list("ﬁle"), ["file"]);
        assert_eq!(key_list("ΑΘΉΝΑ Москва Ёлка"), ["αθηνα", "москва", "елка"]);
    }

    #[test]
    fn rtl_and_emoji() {
        assert_eq!(key_list("שָׁלוֹם עולם"), ["שלום", "עולם"]);
        assert_eq!(key_list("مَرْحَبًا بالعالم"), ["مرحبا", "بالعالم"]);
        assert_eq!(key_list("🐍 Python 👩‍💻 rocks🚀"), ["python", "rocks"]);
        assert_eq!(key_list("🇫🇷"), Vec::<String>::new());
    }

    #[test]
    fn han_characters_are_single_units() {
        let k = keys("学习Python");
        assert_eq!(key_list("学习Python"), ["学", "习", "python"]);
        assert_eq!(k[1].2, 1);
    }

    #[test]
    fn long_words_are_truncated_on_char_boundaries() {
        let long = "é".repeat(100);
        let k = keys(&long);
        assert_eq!(k.len(), 1);
        assert!(k[0].0.len() <= MAX_KEY_BYTES);
        assert_eq!(k[0].1, long);
        let many = "a-".repeat(20) + "a";
        let units = {
            let mut n = 0;
            for_each_unit(&many, &mut Unit::default(), &mut |_| n += 1);
            n
        };
        assert_eq!(units, 3); // 8 + 8 + 5 parts
    }
}
