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
