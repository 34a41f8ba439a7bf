//! Character classification and folding, shared by documents and queries.
//!
//! Every character is folded the same way on both sides, so matching only ever compares
//! folded keys. Folding = case folding + compatibility decomposition + removal of combining
//! marks, i.e. what `lowercase(NFKD(c))` minus marks gives, so `café`, `CAFÉ` and
//! `cafe\u{301}` all become `cafe`.
//!
//! Why not the `unicode-normalization` crate: measured in a `opt-level="z"` wasm build it adds
//! about 65 KB gzip (its composition/decomposition tables), and `char::to_lowercase` adds about
//! 5 KB more. Search only needs the *result* for letters people actually type, so
//! [`super::fold_table`] holds byte tables generated from NFKD for the Latin, Greek and
//! Cyrillic blocks (about 1.3 KB), Armenian/Georgian/Cyrillic-supplement case pairs are
//! arithmetic, combining marks are recognised by range, and ligatures are spelled out below.
//! Letters outside those blocks are kept as they are (still searchable, just not folded).

use super::fold_table::{CYRILLIC, GREEK, GREEK_EXTENDED, LATIN, LATIN_ADDITIONAL, SPECIAL};

/// What a character is to the tokeniser.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(super) enum Class {
    /// Part of a word (letters, digits, and any script not listed as punctuation).
    Word,
    /// A CJK ideograph: each one is a word by itself, since those scripts use no spaces.
    Han,
    /// A combining mark or joiner control: ignored, but kept inside the word's byte range so
    /// highlights cover `e\u{301}` whole.
    Mark,
    /// Whitespace, punctuation, symbols, emoji, control characters.
    Sep,
}

/// Non-ASCII BMP ranges `(first, last, class)`, sorted and disjoint (6 bytes each; other
/// planes are handled by [`astral_class`]); anything not listed is a
/// [`Class::Word`]. Word-by-default keeps every script searchable without a large
/// `is_alphanumeric` table; only punctuation and symbol blocks are listed.
static RANGES: [(u16, u16, Class); 75] = [
    // Latin-1: controls and punctuation/symbols, except ª ² ³ µ ¹ º (letters and digits).
    (0x0080, 0x00A9, Class::Sep),
    (0x00AB, 0x00B1, Class::Sep),
    (0x00B4, 0x00B4, Class::Sep),
    (0x00B6, 0x00B8, Class::Sep),
    (0x00BB, 0x00BF, Class::Sep),
    (0x00D7, 0x00D7, Class::Sep),
    (0x00F7, 0x00F7, Class::Sep),
    (0x02C2, 0x02C5, Class::Sep),
    (0x02D2, 0x02DF, Class::Sep),
    (0x0300, 0x036F, Class::Mark),
    (0x037E, 0x037E, Class::Sep),
    (0x0387, 0x0387, Class::Sep),
    (0x0483, 0x0489, Class::Mark),
    (0x055A, 0x055F, Class::Sep),
    (0x0589, 0x058A, Class::Sep),
    // Hebrew points and accents are optional diacritics: fold them away like accents.
    (0x0591, 0x05BD, Class::Mark),
    (0x05BE, 0x05BE, Class::Sep),
    (0x05BF, 0x05BF, Class::Mark),
    (0x05C0, 0x05C0, Class::Sep),
    (0x05C1, 0x05C2, Class::Mark),
    (0x05C3, 0x05C3, Class::Sep),
    (0x05C4, 0x05C5, Class::Mark),
    (0x05C6, 0x05C6, Class::Sep),
    (0x05C7, 0x05C7, Class::Mark),
    (0x05F3, 0x05F4, Class::Sep),
    (0x0600, 0x060F, Class::Sep),
    // Arabic harakat are optional vowel marks, folded away for the same reason.
    (0x0610, 0x061A, Class::Mark),
    (0x061B, 0x061F, Class::Sep),
    (0x064B, 0x065F, Class::Mark),
    (0x066A, 0x066D, Class::Sep),
    (0x0670, 0x0670, Class::Mark),
    (0x06D4, 0x06D4, Class::Sep),
    (0x06D6, 0x06DC, Class::Mark),
    (0x06DD, 0x06DE, Class::Sep),
    (0x06DF, 0x06E4, Class::Mark),
    (0x06E7, 0x06E8, Class::Mark),
    (0x06E9, 0x06E9, Class::Sep),
    (0x06EA, 0x06ED, Class::Mark),
    (0x0964, 0x0965, Class::Sep),
    (0x0970, 0x0970, Class::Sep),
    (0x0E3F, 0x0E3F, Class::Sep),
    (0x0E4F, 0x0E4F, Class::Sep),
    (0x0E5A, 0x0E5B, Class::Sep),
    (0x10FB, 0x10FB, Class::Sep),
    (0x1360, 0x1368, Class::Sep),
    (0x1680, 0x1680, Class::Sep),
    (0x16EB, 0x16ED, Class::Sep),
    (0x17D4, 0x17DA, Class::Sep),
    (0x1800, 0x180A, Class::Sep),
    (0x1AB0, 0x1AFF, Class::Mark),
    (0x1DC0, 0x1DFF, Class::Mark),
    // General punctuation (spaces, dashes, quotes), except the zero-width (non-)joiners,
    // which are part of words in Persian, Indic scripts and emoji sequences.
    (0x2000, 0x200B, Class::Sep),
    (0x200C, 0x200D, Class::Mark),
    (0x200E, 0x206F, Class::Sep),
    (0x20A0, 0x20CF, Class::Sep),
    (0x20D0, 0x20FF, Class::Mark),
    // Arrows, maths, technical, box drawing, shapes, dingbats, enclosed alphanumerics.
    (0x2190, 0x2BFF, Class::Sep),
    (0x2E00, 0x2E7F, Class::Sep),
    (0x2E80, 0x2FDF, Class::Han),
    (0x3000, 0x3004, Class::Sep),
    (0x3008, 0x3020, Class::Sep),
    (0x3030, 0x303F, Class::Sep),
    (0x30FB, 0x30FB, Class::Sep),
    (0x3400, 0x4DBF, Class::Han),
    (0x4E00, 0x9FFF, Class::Han),
    (0xF900, 0xFAFF, Class::Han),
    // Variation selectors (emoji presentation) and half marks: ignorable.
    (0xFE00, 0xFE0F, Class::Mark),
    (0xFE10, 0xFE1F, Class::Sep),
    (0xFE20, 0xFE2F, Class::Mark),
    (0xFE30, 0xFE6F, Class::Sep),
    (0xFEFF, 0xFF0F, Class::Sep),
    (0xFF1A, 0xFF20, Class::Sep),
    (0xFF3B, 0xFF40, Class::Sep),
    // Fullwidth/halfwidth punctuation up to specials; emoji and pictographs; tag characters.
    (0xFF5B, 0xFF65, Class::Sep),
    (0xFFF0, 0xFFFF, Class::Sep),
];

/// Planes with no table entry: emoji/pictograph blocks, CJK extension planes, tags.
fn astral_class(cp: u32) -> Class {
    match cp {
        0x1F000..=0x1FBFF | 0xE0000..=0xE007F => Class::Sep,
        0xE0100..=0xE01EF => Class::Mark,
        0x20000..=0x3FFFF => Class::Han,
        _ => Class::Word,
    }
}

/// Classifies a character without folding it.
#[inline]
pub(super) fn class_of(c: char) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Sep
        }
    } else {
        class_non_ascii(c as u32)
    }
}

fn class_non_ascii(cp: u32) -> Class {
    if cp > 0xFFFF {
        return astral_class(cp);
    }
    let idx = RANGES.partition_point(|r| u32::from(r.0) <= cp);
    match idx.checked_sub(1).and_then(|i| RANGES.get(i)) {
        Some(&(_, last, class)) if cp <= u32::from(last) => class,
        _ => Class::Word,
    }
}

/// Classifies `c` and, when it is a [`Class::Word`] or [`Class::Han`] character, appends its
/// folded form (one or more characters) to `out`. Nothing is appended for other classes.
#[inline]
pub(super) fn fold_char(c: char, out: &mut String) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            Class::Word
        } else {
            Class::Sep
        }
    } else {
        let class = class_non_ascii(c as u32);
        match class {
            Class::Word => fold_word(c, out),
            Class::Han => out.push(c),
            Class::Mark | Class::Sep => {}
        }
        class
    }
}

/// Folds one non-ASCII word character.
fn fold_word(c: char, out: &mut String) {
    let cp = c as u32;
    let byte = |table: &[u8], first: u32| table.get((cp - first) as usize).copied().unwrap_or(0);
    let shifted = |delta: u32| char::from_u32(cp + delta);
    let folded = match cp {
        0xAA => Some('a'),
        0xBA => Some('o'),
        0xB2 => Some('2'),
        0xB3 => Some('3'),
        0xB9 => Some('1'),
        0xB5 => Some('μ'),
        0xC0..=0x24F => return latin(byte(&LATIN, 0xC0), c, out),
        0x1E00..=0x1EFF => return latin(byte(&LATIN_ADDITIONAL, 0x1E00), c, out),
        0x370..=0x3FF => offset(byte(&GREEK, 0x370), 0x300),
        0x1F00..=0x1FFF => offset(byte(&GREEK_EXTENDED, 0x1F00), 0x300),
        0x400..=0x4FF => offset(byte(&CYRILLIC, 0x400), 0x400),
        // Cyrillic Supplement: upper/lower pairs.
        0x500..=0x52F if cp.is_multiple_of(2) => shifted(1),
        // Armenian capitals.
        0x531..=0x556 => shifted(0x30),
        // Georgian Asomtavruli capitals to Nuskhuri.
        0x10A0..=0x10C5 | 0x10C7 | 0x10CD => shifted(0x1C60),
        // Fullwidth ASCII letters and digits (common from CJK input methods).
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(cp - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        0xFB00..=0xFB06 => {
            let lig = match cp {
                0xFB00 => "ff",
                0xFB01 => "fi",
                0xFB02 => "fl",
                0xFB03 => "ffi",
                0xFB04 => "ffl",
                _ => "st",
            };
            out.push_str(lig);
            return;
        }
        _ => None,
    };
    out.push(folded.unwrap_or(c));
}

/// Applies a Latin table entry (see [`super::fold_table::LATIN`]).
fn latin(v: u8, c: char, out: &mut String) {
    if v.is_ascii_alphanumeric() {
        out.push(char::from(v));
    } else if v >= 0x80 {
        // The n-th `|`-separated entry, found by hand (str::split costs more code).
        let mut n = usize::from(v - 0x80);
        let mut start = 0;
        for (i, b) in SPECIAL.bytes().enumerate() {
            if b == b'|' {
                if n == 0 {
                    break;
                }
                n -= 1;
                start = i + 1;
            }
        }
        let rest = SPECIAL.get(start..).unwrap_or("");
        let end = rest.find('|').unwrap_or(rest.len());
        match rest.get(..end) {
            Some(s) if n == 0 && !s.is_empty() => out.push_str(s),
            _ => out.push(c),
        }
    } else {
        out.push(c);
    }
}

/// Applies an offset table entry: 0 means unchanged.
fn offset(v: u8, base: u32) -> Option<char> {
    if v == 0 {
        None
    } else {
        char::from_u32(base + u32::from(v))
    }
}

/// Folds a whole string, dropping everything that is not a word character.
///
/// Used for synonym members and in tests; documents and queries go through the tokeniser.
#[cfg(test)]
pub(super) fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}
