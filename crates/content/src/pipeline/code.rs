//! Code examples: checked with a real Python parser and highlighted, at build time.
//!
//! tree-sitter's Python grammar parses each example; an example with a syntax error fails
//! the build at its line. The same parse drives the highlighter, which writes `<span>`s
//! with `hl-*` classes that the stylesheet colours in both themes. No highlighter ships in
//! the wasm: the page gets finished HTML.

use pulldown_cmark_escape::escape_html;
use tree_sitter::Parser;
use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

/// The capture names the stylesheet colours, each written as `hl-<first part>` (so
/// `function.builtin` is `hl-function`).
const NAMES: [&str; 14] = [
    "comment",
    "constant",
    "constant.builtin",
    "constructor",
    "embedded",
    "escape",
    "function",
    "function.builtin",
    "keyword",
    "number",
    "operator",
    "property",
    "string",
    "type",
];

/// A problem in an example: a 1-based line of the example, and what is wrong.
pub type Problem = (usize, String);

/// Checks that `code` is valid Python 3: the first syntax error, if any.
pub fn check_python(code: &str) -> Result<(), Problem> {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .map_err(|e| (1, format!("the Python grammar did not load: {e}")))?;
    let tree = parser
        .parse(code, None)
        .ok_or((1, "the Python parser gave up on this example".to_owned()))?;
    let root = tree.root_node();
    if !root.has_error() {
        return Ok(());
    }
    // The first node that is an error or stands for missing syntax, as deep as it goes.
    let mut cursor = root.walk();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_missing() {
            let line = node.start_position().row + 1;
            return Err((
                line,
                format!(
                    "the Python example is not valid Python 3: `{}` is missing",
                    node.kind()
                ),
            ));
        }
        let children: Vec<_> = node.children(&mut cursor).collect();
        if let Some(child) = children.iter().find(|c| c.has_error()) {
            stack.push(*child);
            continue;
        }
        if node.is_error() {
            // The statements the parser completed inside the error come first; the mistake
            // is at the first piece that is not one of them.
            let complete = |c: &tree_sitter::Node<'_>| {
                c.is_named()
                    && !c.has_error()
                    && (c.kind().ends_with("statement")
                        || c.kind().ends_with("definition")
                        || c.kind() == "comment")
            };
            let first = children
                .iter()
                .find(|c| !complete(c))
                .copied()
                .unwrap_or(node);
            let line = first.start_position().row + 1;
            let text = code
                .get(first.start_byte()..)
                .and_then(|rest| rest.lines().next())
                .unwrap_or("")
                .trim();
            let text: String = text.chars().take(40).collect();
            return Err((
                line,
                format!("the Python example is not valid Python 3: cannot parse `{text}`"),
            ));
        }
    }
    Err((1, "the Python example is not valid Python 3".to_owned()))
}

/// Highlights Python `code` into HTML (without the surrounding `<pre><code>`).
pub fn highlight_python(code: &str) -> String {
    let config = HighlightConfiguration::new(
        tree_sitter_python::LANGUAGE.into(),
        "python",
        tree_sitter_python::HIGHLIGHTS_QUERY,
        "",
        "",
    );
    let Ok(mut config) = config else {
        return plain(code);
    };
    config.configure(&NAMES);
    let mut highlighter = Highlighter::new();
    let Ok(events) = highlighter.highlight(&config, code.as_bytes(), None, |_| None) else {
        return plain(code);
    };
    let mut out = String::with_capacity(code.len() * 2);
    for event in events {
        match event {
            Ok(HighlightEvent::Source { start, end }) => {
                let _ = escape_html(&mut out, code.get(start..end).unwrap_or(""));
            }
            Ok(HighlightEvent::HighlightStart(highlight)) => {
                let name = NAMES.get(highlight.0).copied().unwrap_or("plain");
                let class = name.split('.').next().unwrap_or(name);
                out.push_str("<span class=\"hl-");
                out.push_str(class);
                out.push_str("\">");
            }
            Ok(HighlightEvent::HighlightEnd) => out.push_str("</span>"),
            Err(_) => return plain(code),
        }
    }
    out
}

fn plain(code: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, code);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_python_passes() {
        assert_eq!(check_python("import sys\n\nprint(sys.argv)\n"), Ok(()));
        assert_eq!(
            check_python("async def main():\n    async with x as y:\n        await y\n"),
            Ok(())
        );
        assert_eq!(
            check_python("match x:\n    case [a, *_]:\n        pass\n"),
            Ok(())
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let (line, message) = check_python("import sys\n\ndef broken(:\n    pass\n").unwrap_err();
        assert_eq!(line, 3, "{message}");
        assert!(message.contains("not valid Python"), "{message}");
        assert!(check_python("print('unclosed)\n").is_err());
        assert!(check_python("for x in range(3)\n    print(x)\n").is_err());
    }

    #[test]
    fn highlighting_marks_keywords_strings_and_comments() {
        let html = highlight_python("def greet(name):\n    # hi\n    return f\"Hi {name} <3\"\n");
        assert!(
            html.contains("<span class=\"hl-keyword\">def</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-comment\"># hi</span>"),
            "{html}"
        );
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("&lt;3"), "escaped: {html}");
        assert!(!html.contains("<3"), "{html}");
    }
}
