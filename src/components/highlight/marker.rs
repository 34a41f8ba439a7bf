//! Marking words in text nodes the page already has, with the CSS Custom Highlight API:
//! plain DOM calls over web-sys and wasm-bindgen, with no Leptos types, so the grid's DOM
//! code (and code without a framework) can use it.

use std::ops::Range;

use wasm_bindgen::prelude::*;

use super::utf16_marks;

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
    fn add(this: &CssHighlight, range: &web_sys::AbstractRange);
    #[wasm_bindgen(method, js_class = "Highlight")]
    fn clear(this: &CssHighlight);

    /// `CSS.highlights`: the highlights the page's style sheets can paint, by name.
    type HighlightRegistry;
    #[wasm_bindgen(method, catch)]
    fn set(this: &HighlightRegistry, name: &str, highlight: &CssHighlight) -> Result<(), JsValue>;
}

/// Marks words in text nodes the page already has, with one CSS Custom Highlight.
///
/// Each mark is a `StaticRange`: a live `Range` is updated by the document on every change
/// of the tree until it is collected, and the grid moves cards on every keystroke (in
/// Chromium 156, moving 20 cards with 150 live ranges took 1.2–1.6 ms, against
/// 0.3 ms with static ones). The marked text nodes never change: a snippet's new passage
/// is a new text node, marked afresh, and every mark is cleared before the next listing.
///
/// Where the browser lacks the API (it is in every current engine), nothing is marked:
/// the results are the same, only without their words marked.
pub struct Marker {
    /// The registered highlight; `None` where the API is missing.
    highlight: Option<CssHighlight>,
}

impl Marker {
    /// Registers the highlight. Call it in the browser (an effect), not while rendering.
    pub fn register() -> Self {
        let highlight = registry().and_then(|registry| {
            let highlight = CssHighlight::new().ok()?;
            registry.set(HIGHLIGHT_NAME, &highlight).ok()?;
            Some(highlight)
        });
        Self { highlight }
    }

    /// Removes every mark.
    pub fn clear(&self) {
        if let Some(highlight) = &self.highlight {
            highlight.clear();
        }
    }

    /// Marks `marks`, byte ranges of `text`, in `node`, the text node that shows `text`
    /// (the marks are clipped to `text`).
    pub fn mark(&self, node: &web_sys::Node, text: &str, marks: &[Range<usize>]) {
        let Some(highlight) = &self.highlight else {
            return;
        };
        if marks.is_empty() {
            return;
        }
        for range in utf16_marks(text, marks) {
            let init = web_sys::StaticRangeInit::new(node, range.end, node, range.start);
            if let Ok(range) = web_sys::StaticRange::new(&init) {
                highlight.add(&range);
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
