//! Markdown: the one place that configures and runs the parser.
//!
//! Bodies are checked while they are rendered. Raw HTML, images and anything but http(s)
//! and mailto links are rejected, so the HTML this module writes is safe to put into the
//! page as it is. External links get `target="_blank" rel="noopener noreferrer"`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::front_matter::line_of;

/// A rendered body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// HTML, safe to insert as it is.
    pub html: String,
    /// The same content as plain text: blocks separated by newlines, for search and snippets.
    /// Code examples are left out.
    pub text: String,
    /// The 1-based lines where ```` ```python ```` examples start, and how many lines each has.
    pub examples: Vec<(usize, usize)>,
}

/// The fewest and the most lines a code example may have.
pub const EXAMPLE_LINES: std::ops::RangeInclusive<usize> = 5..=25;

/// A problem at a 1-based line of the markdown.
pub type Problem = (usize, String);

/// The parser options used for all content.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// Checks and renders a markdown body.
pub fn render(markdown: &str) -> Result<Rendered, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = String::new();
    let mut events = Vec::new();
    let mut examples = Vec::new();
    // The code block being read: its language, first line and text.
    let mut code: Option<(String, usize, String)> = None;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let line = line_of(markdown, range.start);
        if let Some((_, _, source)) = code.as_mut() {
            match event {
                Event::Text(ref value) => {
                    source.push_str(value);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (language, start, source) = code.take().unwrap_or_default();
                    if language == "python" {
                        let lines = source.trim_end().lines().count();
                        examples.push((start, lines));
                        if let Err((at, message)) = super::code::check_python(&source) {
                            // The fence is the block's first line; the code starts after it.
                            problems.push((start + at, message));
                        }
                        events.push(Event::Html(CowStr::from(example_html(&source))));
                    } else {
                        problems.push((
                            start,
                            format!(
                                "code blocks must be ```python examples, not `{}`",
                                if language.is_empty() {
                                    "plain"
                                } else {
                                    &language
                                }
                            ),
                        ));
                    }
                    continue;
                }
                _ => continue,
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, line, String::new()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                problems.push((line, raw_html_problem(&raw)));
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(Tag::Image { .. }) => {
                problems.push((line, "images are not supported in content".to_owned()));
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                problems.push((
                    line,
                    "use `##` or deeper for headings: the page title is the only `#`".to_owned(),
                ));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                if let Err(problem) = check_url(&dest_url) {
                    problems.push((line, problem));
                }
                events.push(Event::InlineHtml(CowStr::from(link_open(
                    &dest_url, &title,
                ))));
            }
            Event::End(TagEnd::Link) => events.push(Event::InlineHtml(CowStr::from("</a>"))),
            Event::Text(ref value) | Event::Code(ref value) => {
                text.push_str(value);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                events.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => {
                end_block(&mut text);
                events.push(event);
            }
            other => events.push(other),
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    Ok(Rendered {
        html: out,
        text: text.trim().to_owned(),
        examples,
    })
}

/// A highlighted example with a bar that names the language and holds a copy button (which
/// the stylesheet shows only once the app runs, since it needs the app).
fn example_html(source: &str) -> String {
    format!(
        "<figure class=\"code-example\"><div class=\"code-bar\"><span class=\"code-language\">Python</span>\
         <button type=\"button\" class=\"copy-code\" data-copy-code=\"example\">Copy code</button></div>\
         <pre><code class=\"language-python\">{}</code></pre></figure>\n",
        super::code::highlight_python(source.trim_end())
    )
}

/// Checks and renders one paragraph of inline markdown, without the `<p>` around it.
pub fn render_inline(markdown: &str) -> Result<Rendered, Vec<Problem>> {
    let mut rendered = render(markdown)?;
    let html = rendered.html.trim_end();
    if let Some(inner) = html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        && !inner.contains("<p>")
    {
        rendered.html = inner.to_owned();
        return Ok(rendered);
    }
    Err(vec![(
        1,
        "expected a single paragraph of inline markdown".to_owned(),
    )])
}

/// Accepts absolute http(s) and mailto URLs; names the scheme of anything else.
pub fn check_url(url: &str) -> Result<(), String> {
    // Browsers ignore ASCII whitespace and control characters inside a scheme
    // ("java\tscript:"), so compare on what a browser would see.
    let seen: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let lower = seen.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"];
    if allowed
        .iter()
        .any(|prefix| lower.starts_with(prefix) && lower.len() > prefix.len())
    {
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c))
        {
            return Err(format!(
                "the URL `{url}` contains spaces, quotes or control characters"
            ));
        }
        return Ok(());
    }
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.is_empty() && !scheme.contains(['/', '?', '#']) => Err(
            format!("`{scheme}:` URLs are not allowed; use an absolute https:// link"),
        ),
        _ => Err(format!("the link `{url}` must be an absolute https:// URL")),
    }
}

/// Names the problem with a piece of raw HTML.
fn raw_html_problem(raw: &str) -> String {
    let first = raw.trim().lines().next().unwrap_or_default();
    let shown: String = first.chars().take(40).collect();
    if raw.to_ascii_lowercase().contains("<script") {
        format!("raw `<script>` is not allowed in content (found `{shown}`)")
    } else {
        format!("raw HTML is not allowed in content; write markdown instead (found `{shown}`)")
    }
}

/// The opening tag of a link; external links open in a new tab without an opener.
fn link_open(url: &str, title: &str) -> String {
    let mut tag = String::from("<a href=\"");
    // Writing into a String cannot fail.
    let _ = escape_href(&mut tag, url);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = escape_html(&mut tag, title);
        tag.push('"');
    }
    if !url.starts_with("mailto:") {
        tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
    }
    tag.push('>');
    tag
}

/// Ends a block of plain text with one newline.
fn end_block(text: &mut String) {
    while text.ends_with(' ') {
        text.pop();
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_html_and_text() {
        let out = render("## Uses\n\nFast *and* [simple](https://example.org).\n\n- one\n- two\n")
            .unwrap();
        assert_eq!(
            out.html,
            "<h2>Uses</h2>\n<p>Fast <em>and</em> <a href=\"https://example.org\" target=\"_blank\" \
             rel=\"noopener noreferrer\">simple</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
        assert_eq!(out.text, "Uses\nFast and simple.\none\ntwo");
    }

    #[test]
    fn escapes_text() {
        let out = render("a < b & \"c\"").unwrap();
        assert_eq!(out.html, "<p>a &lt; b &amp; “c”</p>\n");
    }

    #[test]
    fn rejects_raw_html_and_scripts_with_lines() {
        let problems = render("ok\n\n<script>alert(1)</script>\n\nand <b>bold</b>\n").unwrap_err();
        assert_eq!(problems[0].0, 3);
        assert!(problems[0].1.contains("raw `<script>`"));
        assert_eq!(problems[1].0, 5);
        assert!(problems[1].1.contains("raw HTML"));
    }

    #[test]
    fn rejects_dangerous_urls() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(check_url(url).is_err(), "{url}");
        }
        assert!(check_url("relative/path").is_err());
        assert!(check_url("https://python.org").is_ok());
        assert!(check_url("mailto:a@b.c").is_ok());
        let problems = render("[x](javascript:alert(1))").unwrap_err();
        assert!(
            problems[0].1.contains("`javascript:` URLs are not allowed"),
            "{problems:?}"
        );
    }

    #[test]
    fn rejects_images_and_h1() {
        assert!(render("![x](https://a.b/c.png)").is_err());
        assert!(render("# Title").is_err());
    }

    #[test]
    fn inline_strips_paragraph() {
        assert_eq!(
            render_inline("Open *source*.").unwrap().html,
            "Open <em>source</em>."
        );
        assert!(render_inline("one\n\ntwo").is_err());
    }
}
