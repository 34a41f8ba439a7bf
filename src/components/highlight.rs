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
use wasm_bindgen::prelude::*;

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

/// The name of the highlight the style sheet paints (`::highlight(search)`).
pub const HIGHLIGHT_NAME: &str = "search";

#[wasm_bindgen]
extern "C" {
    /// A CSS Custom Highlight: a set of ranges painted with one style.
    #[wasm_bindgen(js_name = Highlight)]
    type CssHighlight;
    #[wasm_bindgen(constructor, js_class = "Highlight", catch)]
    fn new() -> Result<CssHighlight, JsValue>;
    #[wasm_bindgen(method, js_class = "Highlight")]
    fn add(this: &CssHighlight, range: &web_sys::Range);
    #[wasm_bindgen(method, js_class = "Highlight")]
    fn clear(this: &CssHighlight);

    /// `CSS.highlights`: the highlights the page's style sheets can paint, by name.
    type HighlightRegistry;
    #[wasm_bindgen(method, catch)]
    fn set(this: &HighlightRegistry, name: &str, highlight: &CssHighlight) -> Result<(), JsValue>;
}

/// Marks words in text nodes the page already has, with one CSS Custom Highlight.
///
/// Where the browser lacks the API (it is in every current engine), nothing is marked:
/// the results are the same, only without their words marked.
pub struct Marker {
    /// The registered highlight; `None` where the API is missing.
    highlight: Option<CssHighlight>,
    document: Option<web_sys::Document>,
}

impl Marker {
    /// Registers the highlight. Call it in the browser (an effect), not while rendering.
    pub fn register() -> Self {
        let highlight = registry().and_then(|registry| {
            let highlight = CssHighlight::new().ok()?;
            registry.set(HIGHLIGHT_NAME, &highlight).ok()?;
            Some(highlight)
        });
        Self {
            highlight,
            document: crate::browser::window().and_then(|w| w.document()),
        }
    }

    /// Removes every mark.
    pub fn clear(&self) {
        if let Some(highlight) = &self.highlight {
            highlight.clear();
        }
    }

    /// Marks `marks`, byte ranges of `text`, in `node`, the text node that shows `text`.
    /// Ranges a node cannot hold (it shows other text) are left out.
    pub fn mark(&self, node: &web_sys::Node, text: &str, marks: &[Range<usize>]) {
        let (Some(highlight), Some(document)) = (&self.highlight, &self.document) else {
            return;
        };
        if marks.is_empty() {
            return;
        }
        for range in utf16_marks(text, marks) {
            let Ok(dom) = document.create_range() else {
                return;
            };
            if dom.set_start(node, range.start).is_ok() && dom.set_end(node, range.end).is_ok() {
                highlight.add(&dom);
            }
        }
    }
}

/// `CSS.highlights`, where the browser has it.
fn registry() -> Option<HighlightRegistry> {
    let css = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok()?;
    let registry = js_sys::Reflect::get(&css, &JsValue::from_str("highlights")).ok()?;
    registry.is_object().then(|| registry.unchecked_into())
}

/// The first text node in `element`: the text of a card's title, summary or chip.
pub fn text_node(element: &web_sys::Element) -> Option<web_sys::Node> {
    let children = element.child_nodes();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .find(|node| node.node_type() == web_sys::Node::TEXT_NODE)
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
