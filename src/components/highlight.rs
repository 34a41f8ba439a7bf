//! The words a query matched, marked two ways:
//! - [`Highlight`]: text built for a query (a library result), with the matched words
//!   wrapped in `<mark>`, built as nodes and never as HTML;
//! - [`Marker`]: the cards' texts, marked in place with the CSS Custom Highlight API: the
//!   static title, summary and chips, and the passage the grid writes into a card's
//!   snippet as one text node. A keystroke then builds no node for a mark: it only hands
//!   the browser ranges to paint (`::highlight(search)` in the style sheet).

use std::ops::Range;

use leptos::either::Either;
use leptos::prelude::*;

pub mod marker;

pub use marker::Marker;

/// Splits `text` into runs, marking the byte ranges in `marks`.
///
/// Ranges may come unsorted, overlapping or out of bounds; they are sorted, merged,
/// clipped to the text and snapped to character boundaries, so any input is safe.
pub fn segments<'a>(text: &'a str, marks: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut marks: Vec<Range<usize>> = marks
        .iter()
        .map(|r| floor_boundary(text, r.start)..ceil_boundary(text, r.end))
        .filter(|r| r.start < r.end)
        .collect();
    // Marks that start together merge whatever their order: no need for a stable sort.
    marks.sort_unstable_by_key(|r| r.start);

    let mut out = Vec::new();
    let mut at = 0;
    for mark in marks {
        let start = mark.start.max(at);
        if start >= mark.end {
            continue;
        }
        if start > at {
            out.push((&text[at..start], false));
        }
        // A mark that overlaps the previous one extends it.
        match out.last_mut() {
            Some((last, true)) if start == at => *last = &text[at - last.len()..mark.end],
            _ => out.push((&text[start..mark.end], true)),
        }
        at = mark.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// The nearest character boundary at or before `i`, within the text.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary at or after `i`, within the text.
fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The marks of `text` in UTF-16 code units, the offsets of a DOM range: `segments`'
/// marked runs, so the same mending applies.
pub fn utf16_marks(text: &str, marks: &[Range<usize>]) -> Vec<Range<u32>> {
    let mut at = 0;
    let mut out = Vec::new();
    for (run, marked) in segments(text, marks) {
        let end = at + run.encode_utf16().count() as u32;
        if marked {
            out.push(at..end);
        }
        at = end;
    }
    out
}

/// Renders `text` with `marks` highlighted.
#[component]
pub fn Highlight(
    /// The text to show.
    text: &'static str,
    /// Byte ranges to mark.
    #[prop(optional)]
    marks: Vec<Range<usize>>,
) -> impl IntoView {
    let runs = segments(text, &marks);
    // Unmarked (every card before a search), it is the plain text: fewer nodes to hydrate.
    if runs.iter().all(|(_, marked)| !marked) {
        return Either::Left(text);
    }
    Either::Right(
        runs.into_iter()
            .map(|(run, marked)| {
                if marked {
                    Either::Left(view! { <mark>{run}</mark> })
                } else {
                    Either::Right(run)
                }
            })
            .collect_view(),
    )
}

#[cfg(test)]
// Lists of one range are what the tests mean: one mark.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn marks_ranges() {
        assert_eq!(
            segments("Django and Flask", &[0..6, 11..16]),
            [("Django", true), (" and ", false), ("Flask", true)]
        );
        assert_eq!(segments("abc", &[]), [("abc", false)]);
        assert_eq!(segments("", &[0..3]), Vec::<(&str, bool)>::new());
    }

    #[test]
    fn mends_bad_ranges() {
        // Unsorted, overlapping, adjacent and out of bounds.
        assert_eq!(
            segments("abcdef", &[4..99, 0..2, 1..3, 3..4]),
            [("abcdef", true)]
        );
        // Not on character boundaries: "é" is two bytes.
        assert_eq!(
            segments("café au lait", &[4..5]),
            [("caf", false), ("é", true), (" au lait", false)]
        );
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = [5..2];
        assert_eq!(segments("x", &reversed), [("x", false)]);
    }

    #[test]
    fn counts_utf16_offsets() {
        assert_eq!(
            utf16_marks("Django and Flask", &[11..16, 0..6]),
            [0..6, 11..16]
        );
        // "é" is two bytes and one code unit; "𝛑" is four bytes and two code units.
        assert_eq!(utf16_marks("café au lait", &[6..8]), [5..7]);
        assert_eq!(utf16_marks("𝛑 py", &[5..7]), [3..5]);
        assert_eq!(utf16_marks("abc", &[]), Vec::<Range<u32>>::new());
        // Mended like `segments`: overlapping and out of bounds.
        assert_eq!(utf16_marks("abcdef", &[4..99, 0..2, 1..3]), [0..3, 4..6]);
    }
}
