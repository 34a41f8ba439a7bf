//! Reading and editing HTML, always through `lol_html` (a streaming rewriter with CSS
//! selectors), never by searching the text for tags.
//!
//! Two things about `lol_html` shape the helpers here:
//!
//! - It matches only the tags a page spells out. Trunk's minifier drops the optional
//!   `<head>` start tag (HTML allows it), so [`with_head_tag`] writes it back before any step
//!   that needs the end of the head.
//! - Text comes in chunks, and a text node may be split across several. [`whole_text`]
//!   gathers a node's chunks so an edit sees the node's whole text.

use anyhow::{Context, Result};
use lol_html::html_content::{ContentType, TextChunk};
use lol_html::{HandlerResult, RewriteStrSettings, element, rewrite_str};

/// Runs `settings` over `html`.
pub fn rewrite(html: &str, settings: RewriteStrSettings<'_, '_>) -> Result<String> {
    rewrite_str(html, settings).context("the HTML rewriter failed")
}

/// A text handler that gives `edit` each whole text node and writes back what it returns
/// (as is: the text keeps whatever escaping it had).
pub fn whole_text(
    mut edit: impl FnMut(&str) -> String,
) -> impl FnMut(&mut TextChunk<'_>) -> HandlerResult {
    let mut node = String::new();
    move |chunk| {
        node.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            let edited = edit(&std::mem::take(&mut node));
            chunk.replace(&edited, ContentType::Html);
        } else {
            chunk.remove();
        }
        Ok(())
    }
}

/// A text handler that gives `read` each whole text node, leaving the page as it is.
pub fn read_text(mut read: impl FnMut(String)) -> impl FnMut(&mut TextChunk<'_>) -> HandlerResult {
    let mut node = String::new();
    move |chunk| {
        node.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            read(std::mem::take(&mut node));
        }
        Ok(())
    }
}

/// `html` with its `<head>` start tag written out where a parser would imply it: before
/// the first element inside `<html>`, when that element is not `<head>` itself.
pub fn with_head_tag(html: &str) -> Result<String> {
    let mut first = true;
    rewrite(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
            if !first || el.tag_name() == "html" {
                return Ok(());
            }
            first = false;
            if el.tag_name() != "head" {
                el.before("<head>", ContentType::Html);
            }
            Ok(())
        })),
    )
}

#[cfg(test)]
mod tests {
    use lol_html::text;

    use super::*;

    #[test]
    fn writes_the_omitted_head_tag() {
        assert_eq!(
            with_head_tag("<!doctype html><html lang=en><meta charset=utf-8></head><body>")
                .unwrap(),
            "<!doctype html><html lang=en><head><meta charset=utf-8></head><body>"
        );
        for spelled in [
            "<html><head><meta charset=utf-8></head><body>",
            "<head><title>x</title></head>",
        ] {
            assert_eq!(with_head_tag(spelled).unwrap(), spelled);
        }
    }

    #[test]
    fn edits_whole_text_nodes() {
        let html = "<p>a &amp; b</p><script>if (a < b) x('./y')</script>";
        let out = rewrite(
            html,
            RewriteStrSettings::new()
                .append_element_content_handler(text!(
                    "script",
                    whole_text(|t| t.replace("'./", "'../"))
                ))
                .append_element_content_handler(text!("p", whole_text(|t| t.to_uppercase()))),
        )
        .unwrap();
        assert_eq!(out, "<p>A &AMP; B</p><script>if (a < b) x('../y')</script>");
    }
}
