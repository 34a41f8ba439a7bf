//! `index.html`, written by hand, against the names the app and the `site` tool share
//! (`pyuses::names`): the meta names it carries and what its inline script writes.

use std::cell::RefCell;

use lol_html::{RewriteStrSettings, element, rewrite_str, text};
use pyuses::names;

/// The repository's `index.html`, which Trunk builds from and whose head every page keeps.
const INDEX_HTML: &str = include_str!("../index.html");

/// The names of its `<meta name>`s, and the text of its inline scripts.
fn read() -> (Vec<String>, Vec<String>) {
    let metas = RefCell::new(Vec::new());
    let scripts = RefCell::new(Vec::new());
    let script = RefCell::new(String::new());
    rewrite_str(
        INDEX_HTML,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("meta[name]", |meta| {
                metas.borrow_mut().extend(meta.get_attribute("name"));
                Ok(())
            }))
            .append_element_content_handler(text!("script:not([src])", |chunk| {
                script.borrow_mut().push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    scripts.borrow_mut().push(script.take());
                }
                Ok(())
            })),
    )
    .expect("index.html parses");
    (metas.into_inner(), scripts.into_inner())
}

#[test]
fn its_meta_names_are_the_shared_ones() {
    let (metas, _) = read();
    let ours: Vec<&str> = metas
        .iter()
        .map(String::as_str)
        .filter(|name| name.starts_with("pyuses-"))
        .collect();
    assert_eq!(ours, [names::ROOT_META]);
}

#[test]
fn its_inline_script_uses_the_shared_theme_key_and_pending_class() {
    let (_, scripts) = read();
    let [script] = scripts.as_slice() else {
        panic!("index.html has one inline script: {scripts:?}");
    };
    assert!(
        script.contains(&format!(
            "localStorage.getItem(\"{}\")",
            names::THEME_STORAGE_KEY
        )),
        "{script}"
    );
    assert!(
        script.contains(&format!("classList.add(\"{}\")", names::PENDING_CLASS)),
        "{script}"
    );
    // `dataset.theme` is the `data-theme` attribute.
    assert_eq!(names::THEME_ATTR, "data-theme");
    assert!(script.contains(".dataset.theme=t"), "{script}");
}
