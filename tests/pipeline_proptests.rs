//! Property tests for the build-time content pipeline: front matter splitting, line
//! numbers, markdown checking and rendering, URL checking, and whole builds of a valid
//! fixture folder after random edits. Whatever the input, nothing panics; rendered HTML
//! holds only the tags and links the pipeline allows; every error points at a real line.

use std::path::{Path, PathBuf};

use pyuses_content::pipeline;

use proptest::prelude::*;
use pyuses_content::pipeline::front_matter::{self, FENCE};
use pyuses_content::pipeline::markdown::{self, Problem};
use pyuses_content::pipeline::{CATEGORIES_DIR, ICONS_FILE, SITE_FILE, Sources};

/// The valid fixture folder that `tests/content_pipeline.rs` also starts from.
const BASE: &str = "tests/content_pipeline/base";

/// The schemes a link may use; everything else is rejected.
const ALLOWED_SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// Tags that rendered bodies may contain. No `h1` (the page title is the only one), no
/// `img`, and nothing that runs script or embeds content.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "pre",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
];

/// Tags that may appear inside a paragraph, and so in inline markdown.
const INLINE_TAGS: &[&str] = &["a", "em", "strong", "del", "code", "br"];
/// What a highlighted code example adds: its frame, the bar with the copy button, and the
/// highlighter's spans.
const EXAMPLE_TAGS: &[&str] = &["figure", "div", "span", "button", "pre"];

/// Attributes the renderer writes: links, ordered list starts, table cell alignment and
/// code block languages.
const ATTRIBUTES: &[&str] = &[
    "href",
    "title",
    "target",
    "rel",
    "start",
    "style",
    "class",
    "type",
    "data-copy-code",
];

// ---------------------------------------------------------------------------------------
// Generators

/// Unicode that tends to break text handling: accents, combining marks, RTL text and
/// overrides, CJK, emoji, BOMs, control characters, Unicode spaces and line separators.
fn unicode_atom() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("e\u{301}".to_string()),
        Just("\u{301}\u{302}\u{303}".to_string()),
        Just("שָׁלוֹם".to_string()),
        Just("مرحبا".to_string()),
        Just("\u{202e}\u{200f}\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("学习".to_string()),
        Just("👩\u{200d}💻\u{fe0f}".to_string()),
        Just("\u{0}\u{7}\t\r\u{b}\u{c}\u{1b}\u{7f}\u{85}\u{2028}\u{2029}".to_string()),
        Just("\u{a0}\u{3000}".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{0,8}",
        "[a-z]{1,10}",
    ]
}

/// A URL scheme that must never reach an `href`, in random case, sometimes with
/// characters a browser ignores inside it, and sometimes spelled with entities that
/// markdown decodes.
fn dangerous_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("javascript"),
        Just("vbscript"),
        Just("data"),
        Just("file")
    ];
    let noise = prop_oneof![
        Just(""),
        Just("\t"),
        Just("\n"),
        Just("\r"),
        Just("\u{0}"),
        Just("\u{1}"),
        Just("&#9;"),
        Just("&Tab;"),
        Just("&#x0A;"),
        Just("%09"),
        Just(" "),
    ];
    let payload = prop_oneof![
        Just("alert(1)"),
        Just("alert(document.cookie)//https://x"),
        Just("text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        Just("//https://python.org"),
    ];
    (
        scheme,
        prop::collection::vec(any::<bool>(), 10),
        noise.clone(),
        0usize..11,
        noise,
        payload,
        any::<bool>(),
    )
        .prop_map(|(scheme, upper, noise, at, lead, payload, entity)| {
            let mut s: String = scheme
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                .collect();
            let at = at.min(s.len());
            s.insert_str(at, noise);
            if entity {
                // `&#106;` is `j`, `&#x76;` is `v`, `&#100;` is `d`, `&#102;` is `f`.
                let first = s.remove(0);
                s.insert_str(0, &format!("&#{};", u32::from(first)));
            }
            format!("{lead}{s}:{payload}")
        })
}

/// URLs of every kind: dangerous, allowed, relative, and ones with characters that would
/// break out of an attribute.
fn any_url() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => dangerous_url(),
        1 => Just("https://python.org/a?b=1&c=2#d".to_string()),
        1 => Just("HTTPS://EXAMPLE.ORG".to_string()),
        1 => Just("http://".to_string()),
        1 => Just("mailto:someone@example.org".to_string()),
        1 => Just("MailTo:".to_string()),
        1 => Just("https://x\"onmouseover=alert(1)".to_string()),
        1 => Just("https://x'><script>alert(1)</script>".to_string()),
        1 => Just("https://x/%22%3E%3Cscript%3E".to_string()),
        1 => Just("https://x/&quot;onclick=&quot;alert(1)".to_string()),
        1 => Just("//evil.example".to_string()),
        1 => Just("/relative".to_string()),
        1 => Just("#fragment".to_string()),
        1 => Just(String::new()),
        2 => unicode_atom().prop_map(|u| format!("https://{u}")),
        2 => unicode_atom(),
    ]
}

/// Markdown around a URL: inline links (plain, angle-bracketed, titled), autolinks,
/// images and reference definitions.
fn link_markdown() -> impl Strategy<Value = String> {
    (any_url(), 0usize..7).prop_map(|(url, form)| match form {
        0 => format!("[text]({url})"),
        1 => format!("[text](<{url}>)"),
        2 => format!("[text]({url} \"javascript:alert(1)\")"),
        3 => format!("<{url}>"),
        4 => format!("![image]({url})"),
        5 => format!("[text][ref]\n\n[ref]: {url}\n"),
        _ => format!("[![image](https://x/y.png)]({url})"),
    })
}

/// Markdown syntax, entities, and text that looks dangerous but is only text.
fn markdown_syntax() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => unicode_atom(),
        2 => Just("\n".to_string()),
        2 => Just("\n\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("  \n".to_string()),
        2 => Just(" ".to_string()),
        1 => Just("## ".to_string()),
        1 => Just("\n---\n".to_string()),
        1 => Just("> ".to_string()),
        1 => Just("- ".to_string()),
        1 => Just("3. ".to_string()),
        1 => Just("    ".to_string()),
        1 => Just("\n```js\n".to_string()),
        1 => Just("\n~~~\n".to_string()),
        1 => Just("\n| a | b |\n|:-|-:|\n| c | d |\n".to_string()),
        2 => Just("*".to_string()),
        2 => Just("**".to_string()),
        1 => Just("_".to_string()),
        1 => Just("~~".to_string()),
        2 => Just("`".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("[^1]".to_string()),
        1 => Just("\n[^1]: a footnote\n".to_string()),
        1 => Just("[".to_string()),
        1 => Just("](".to_string()),
        1 => Just(")".to_string()),
        1 => Just("\"'".to_string()),
        1 => Just("<".to_string()),
        1 => Just(">".to_string()),
        1 => Just("&lt;script&gt;".to_string()),
        1 => Just("&#60;script&#62;".to_string()),
        1 => Just("&amp;&#0;&#x110000;&bogus;&".to_string()),
        1 => Just("javascript:alert(1)".to_string()),
    ]
}

/// What the pipeline rejects: raw HTML in many spellings, images, and `#` titles.
fn rejected_markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("<script>alert(1)</script>".to_string()),
        1 => Just("<SCRIPT SRC=//x.example/a.js></SCRIPT>".to_string()),
        1 => Just("<scr<script>ipt>alert(1)</script>".to_string()),
        1 => Just("\n<script>\nalert(1)\n</script>\n".to_string()),
        1 => Just("<img src=x onerror=alert(1)>".to_string()),
        1 => Just("<svg/onload=alert(1)>".to_string()),
        1 => Just("<a href=\"javascript:alert(1)\">x</a>".to_string()),
        1 => Just("<iframe src=\"https://x\"></iframe>".to_string()),
        1 => Just("<!-- comment -->".to_string()),
        1 => Just("<?php echo 1; ?>".to_string()),
        1 => Just("<![CDATA[ x ]]>".to_string()),
        1 => Just("<!DOCTYPE html>".to_string()),
        1 => Just("</p>".to_string()),
        1 => Just("# ".to_string()),
        1 => Just("\n===\n".to_string()),
    ]
}

/// Links to allowed URLs whose text, title or URL tries to break out of the `<a>` tag:
/// quotes, entities that decode to quotes, escapes, and scheme names later in the URL.
fn allowed_link_markdown() -> impl Strategy<Value = String> {
    let base = prop_oneof![
        Just("https://python.org/"),
        Just("HTTP://x.example"),
        Just("mailto:a@b.c"),
    ];
    let tail = prop_oneof![
        Just("".to_string()),
        Just("?a=1&b=2#c".to_string()),
        Just("&quot;onmouseover=alert(1)".to_string()),
        Just("%22%3E%3Cscript%3Ealert(1)%3C/script%3E".to_string()),
        Just("&#34;&#x27;&#60;".to_string()),
        Just("\\\"x".to_string()),
        Just("'x'".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("(nested)".to_string()),
        unicode_atom(),
    ];
    let text = prop_oneof![
        Just("text".to_string()),
        Just("**bold** `code` _em_".to_string()),
        // Backslash escapes make these literal text, which must come out escaped.
        Just("\\<b\\>".to_string()),
        Just("\"\\>\\<script\\>".to_string()),
        unicode_atom(),
    ];
    (base, tail, text, 0usize..5).prop_map(|(base, tail, text, form)| match form {
        0 => format!("[{text}]({base}{tail})"),
        1 => format!("[{text}](<{base}{tail}>)"),
        2 => format!("[{text}]({base} \"{tail}\")"),
        3 => format!("<{base}{tail}>"),
        _ => format!("[{text}][ref]\n\n[ref]: {base}{tail} '{tail}'\n"),
    })
}

/// Any markdown atom: links to any URL, syntax, and rejected constructs.
fn markdown_atom() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => link_markdown(),
        2 => allowed_link_markdown(),
        12 => markdown_syntax(),
        4 => rejected_markdown(),
    ]
}

/// Markdown the pipeline mostly accepts, so that the properties of accepted output get
/// exercised often: syntax and allowed links, rarely anything else.
fn mostly_valid_markdown() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        12 => markdown_syntax(),
        4 => allowed_link_markdown(),
        1 => link_markdown(),
        1 => rejected_markdown(),
    ];
    prop::collection::vec(atom, 0..12).prop_map(|v| v.concat())
}

/// Pathologically large or deeply nested markdown.
fn huge_markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*a".repeat(3_000)),
        Just("[".repeat(10_000)),
        Just("> ".repeat(500) + "deep"),
        Just("- ".repeat(300) + "deep"),
        Just("`".repeat(5_000) + "x"),
        Just("<".repeat(5_000)),
        Just(format!("{}a{}", "*".repeat(5_000), "_".repeat(5_000))),
        Just(format!("{}|\n{}|\n", "| a ".repeat(500), "|-".repeat(500))),
        Just("[a](https://x.example/) ".repeat(1_000)),
        "\\PC{10000}",
    ]
}

/// Arbitrary markdown: mostly short mixes of syntax, sometimes with something huge.
fn markdown_text() -> impl Strategy<Value = String> {
    let short = prop::collection::vec(markdown_atom(), 0..30)
        .prop_map(|v| v.concat())
        .boxed();
    prop_oneof![
        12 => short.clone(),
        1 => (short.clone(), huge_markdown(), short).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// A line of a fence: the real one, near misses, and the real one with line-end noise.
fn fence_like() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++".to_string()),
        Just("+++ ".to_string()),
        Just("+++\t".to_string()),
        Just("+++\r".to_string()),
        Just("+++\u{3000}".to_string()),
        Just(" +++".to_string()),
        Just("++".to_string()),
        Just("++++".to_string()),
        Just("\u{feff}+++".to_string()),
        Just("---".to_string()),
    ]
}

/// Text shaped like a content file: fence-like lines among TOML and markdown lines, with
/// LF or CRLF line ends, sometimes a BOM, sometimes no final newline.
fn file_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => fence_like(),
        2 => toml_line(),
        2 => markdown_atom(),
        1 => Just(String::new()),
    ];
    (
        any::<bool>(),
        prop::collection::vec(line, 0..12),
        prop_oneof![Just("\n"), Just("\r\n")],
        any::<bool>(),
    )
        .prop_map(|(bom, lines, end, final_newline)| {
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text.push_str(&lines.join(end));
            if final_newline {
                text.push_str(end);
            }
            text
        })
}

/// A line of front matter: valid and invalid keys, values and tables for the site,
/// category and icon files.
fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title = \"\"".to_string()),
        Just("title = \"   \"".to_string()),
        Just("title = \"Two\\nlines\"".to_string()),
        Just(format!("summary = \"{}\"", "x".repeat(300))),
        Just("summary = \"Short.\"".to_string()),
        Just("description = \"é\u{301}\"".to_string()),
        Just("order = \"first\"".to_string()),
        Just("order = 99999999999999999999999".to_string()),
        Just("order = -1".to_string()),
        Just("tags = []".to_string()),
        Just("tags = [\"nope\"]".to_string()),
        Just("tags = [\"web\", \"web\"]".to_string()),
        Just("tags = [1]".to_string()),
        Just("related = [\"alpha\"]".to_string()),
        Just("related = [\"beta\", \"beta\"]".to_string()),
        Just("related = [\"missing\"]".to_string()),
        Just("slug = \"alpha\"".to_string()),
        Just("slug = \"Bad Slug\"".to_string()),
        Just("slug = \"\"".to_string()),
        Just("icon = \"rocket\"".to_string()),
        Just("icon = \"globe\"".to_string()),
        Just("aliases = [\"\"]".to_string()),
        Just("keywords = [\"a\\nb\"]".to_string()),
        Just("[[libraries]]".to_string()),
        Just("name = \"Lib\"".to_string()),
        Just("url = \"javascript:alert(1)\"".to_string()),
        Just("url = \"JaVa\\tScRiPt:alert(1)\"".to_string()),
        Just("url = \"mailto:a@b.c\"".to_string()),
        Just("url = \" https://x.example \"".to_string()),
        Just("url = \"https://x.example/\"".to_string()),
        Just("about = \"About.\"".to_string()),
        Just("colour = \"red\"".to_string()),
        Just("[[tags]]".to_string()),
        Just("id = \"Web\"".to_string()),
        Just("id = \"web\"".to_string()),
        Just("label = \"Label\"".to_string()),
        Just("[[uses]]".to_string()),
        Just("category = \"gone\"".to_string()),
        Just("category = \"alpha\"".to_string()),
        Just("[[reasons]]".to_string()),
        Just("text = \"one\\n\\ntwo\"".to_string()),
        Just("text = \"<script>alert(1)</script>\"".to_string()),
        Just("text = \"[x](javascript:alert(1))\"".to_string()),
        Just("text = \"# Heading\"".to_string()),
        Just("text = \"\"\"".to_string()),
        Just("'''".to_string()),
        Just("[[further_reading]]".to_string()),
        Just("python_apps_url = \"data:text/html,x\"".to_string()),
        Just("globe = []".to_string()),
        Just("globe = [\"<script>\"]".to_string()),
        Just("chart = [\"M0 0\", \"\"]".to_string()),
        Just("\"Bad Name\" = [\"M1 1\"]".to_string()),
        Just("x = [".to_string()),
        Just("= 1".to_string()),
        Just("a.b.c = 1".to_string()),
        Just("[table]".to_string()),
        Just("title = \"Dup\"\ntitle = \"Dup\"".to_string()),
        unicode_atom().prop_map(|u| format!("title = \"{}\"", u.escape_default())),
        unicode_atom(),
    ]
}

/// One random edit to a folder of content files.
#[derive(Debug, Clone)]
enum Edit {
    /// Replaces the nth line of the nth file.
    Replace(usize, usize, String),
    /// Inserts text before the nth line of the nth file.
    Insert(usize, usize, String),
    /// Deletes the nth line of the nth file.
    Delete(usize, usize),
    /// Cuts the nth file at a byte offset (moved back to a character boundary).
    Truncate(usize, usize),
    /// Converts the nth file to CRLF line ends and gives it a BOM.
    CrlfBom(usize),
    /// Removes the nth file.
    Remove(usize),
    /// Adds a file under `categories/` with this name and text.
    Add(String, String),
    /// Appends text to the nth file (for a markdown file, to its body).
    Append(usize, String),
    /// Sets every `key = …` line, in every file, to this value as a TOML string.
    Set(&'static str, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        4 => toml_line(),
        3 => markdown_text(),
        1 => fence_like(),
    ]
    .boxed();
    let name = prop_oneof![
        Just("gamma.md".to_string()),
        Just("alpha.md".to_string()),
        Just("Bad_Name.md".to_string()),
        Just("notes.txt".to_string()),
        Just("noextension".to_string()),
        Just("-.md".to_string()),
        Just("é.md".to_string()),
    ];
    let file = 0usize..8;
    let at = 0usize..40;
    prop_oneof![
        4 => (file.clone(), at.clone(), text.clone()).prop_map(|(f, l, t)| Edit::Replace(f, l, t)),
        4 => (file.clone(), at.clone(), text).prop_map(|(f, l, t)| Edit::Insert(f, l, t)),
        2 => (file.clone(), at.clone()).prop_map(|(f, l)| Edit::Delete(f, l)),
        1 => (file.clone(), 0usize..2_000).prop_map(|(f, n)| Edit::Truncate(f, n)),
        1 => file.clone().prop_map(Edit::CrlfBom),
        1 => file.prop_map(Edit::Remove),
        1 => (name, file_like()).prop_map(|(n, t)| Edit::Add(n, t)),
    ]
}

/// An edit that keeps the fixture valid more often than not: new body text, or a new
/// value for a front matter field.
fn gentle_edit() -> impl Strategy<Value = Edit> {
    let key = prop_oneof![
        Just("title"),
        Just("summary"),
        Just("about"),
        Just("name"),
        Just("label"),
        Just("why_summary"),
        Just("text"),
        Just("url"),
    ];
    let value = prop_oneof![
        3 => mostly_valid_markdown(),
        1 => any_url(),
        1 => allowed_link_markdown(),
        1 => "[a-zA-Z0-9 ]{1,20}",
    ];
    prop_oneof![
        (0usize..8, mostly_valid_markdown()).prop_map(|(f, t)| Edit::Append(f, t)),
        (key, value).prop_map(|(k, v)| Edit::Set(k, v)),
    ]
}

/// `value` as a TOML basic string.
fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------
// Helpers

/// The base fixture, as the pipeline reads it.
fn base_sources() -> Sources {
    pipeline::read_sources(Path::new(BASE)).expect("the base fixture is readable")
}

/// Applies `edit` to `sources`; file indices wrap around the files there are.
fn apply(sources: &mut Sources, edit: &Edit) {
    let paths: Vec<PathBuf> = sources.keys().cloned().collect();
    let pick = |n: usize| paths.get(n % paths.len().max(1)).cloned();
    // Edits one file as a list of lines with their line ends.
    let with_lines = |sources: &mut Sources, n: usize, f: &dyn Fn(&mut Vec<String>, usize)| {
        if let Some(path) = pick(n)
            && let Some(text) = sources.get_mut(&path)
        {
            let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
            let len = lines.len();
            f(&mut lines, len);
            *text = lines.concat();
        }
    };
    match edit {
        Edit::Replace(f, l, new) => with_lines(sources, *f, &|lines, len| {
            if len > 0 {
                lines[l % len] = format!("{new}\n");
            }
        }),
        Edit::Insert(f, l, new) => with_lines(sources, *f, &|lines, len| {
            lines.insert(l % (len + 1), format!("{new}\n"));
        }),
        Edit::Delete(f, l) => with_lines(sources, *f, &|lines, len| {
            if len > 0 {
                lines.remove(l % len);
            }
        }),
        Edit::Truncate(f, at) => {
            if let Some(text) = pick(*f).and_then(|p| sources.get_mut(&p)) {
                let mut at = (*at).min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
        }
        Edit::CrlfBom(f) => {
            if let Some(text) = pick(*f).and_then(|p| sources.get_mut(&p)) {
                *text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
            }
        }
        Edit::Remove(f) => {
            if let Some(path) = pick(*f) {
                sources.remove(&path);
            }
        }
        Edit::Add(name, text) => {
            sources.insert(Path::new(CATEGORIES_DIR).join(name), text.clone());
        }
        Edit::Append(f, more) => {
            if let Some(text) = pick(*f).and_then(|p| sources.get_mut(&p)) {
                text.push_str(more);
            }
        }
        Edit::Set(key, value) => {
            let prefix = format!("{key} = ");
            for text in sources.values_mut() {
                *text = text
                    .split_inclusive('\n')
                    .map(|line| {
                        if line.starts_with(&prefix) {
                            format!("{prefix}{}\n", toml_string(value))
                        } else {
                            line.to_owned()
                        }
                    })
                    .collect();
            }
        }
    }
}

/// The number of lines an editor shows for `text`.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// One tag of rendered HTML.
#[derive(Debug)]
struct HtmlTag<'a> {
    name: &'a str,
    closing: bool,
    attributes: Vec<(&'a str, &'a str)>,
}

/// Reads the tags of HTML written by pulldown-cmark: `<name attr="value" …>`, `</name>`,
/// `<name />`. Fails on anything else, so a stray `<` or `>` (which would mean text or an
/// attribute escaped its context) fails the property.
fn tags(html: &str) -> Result<Vec<HtmlTag<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(['<', '>']) {
        if rest[open..].starts_with('>') {
            return Err(format!("stray `>` in text at `{}`", &rest[open..]));
        }
        rest = &rest[open + 1..];
        let close = rest.find('>').ok_or("unclosed tag")?;
        let inside = &rest[..close];
        rest = &rest[close + 1..];
        let closing = inside.starts_with('/');
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let inside = inside.strip_suffix('/').unwrap_or(inside).trim_end();
        let name_end = inside
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inside.len());
        let (name, mut attrs) = inside.split_at(name_end);
        if name.is_empty() {
            return Err(format!("not a tag: `<{inside}>`"));
        }
        let mut attributes = Vec::new();
        while !attrs.is_empty() {
            let after_space = attrs
                .strip_prefix(' ')
                .ok_or_else(|| format!("bad attributes in `<{inside}>`"))?;
            let (attr, value_and_rest) = after_space
                .split_once("=\"")
                .ok_or_else(|| format!("bad attribute in `<{inside}>`"))?;
            let (value, after) = value_and_rest
                .split_once('"')
                .ok_or_else(|| format!("unterminated attribute in `<{inside}>`"))?;
            attributes.push((attr, value));
            attrs = after;
        }
        out.push(HtmlTag {
            name,
            closing,
            attributes,
        });
    }
    Ok(out)
}

/// Checks rendered HTML: only `allowed` tags and known attributes, no script, no event
/// handlers, and every link to an allowed scheme.
fn check_html(html: &str, allowed: &[&[&str]]) -> Result<(), TestCaseError> {
    let lower = html.to_ascii_lowercase();
    prop_assert!(!lower.contains("<script"), "script in {html:?}");
    let tags = tags(html).map_err(|e| TestCaseError::fail(format!("{e} in {html:?}")))?;
    for tag in tags {
        prop_assert!(
            allowed.iter().any(|set| set.contains(&tag.name)),
            "tag `{}` in {html:?}",
            tag.name
        );
        for (name, value) in &tag.attributes {
            prop_assert!(ATTRIBUTES.contains(name), "attribute `{name}` in {html:?}");
            if *name == "href" {
                let lower = value.to_ascii_lowercase();
                prop_assert!(
                    ALLOWED_SCHEMES.iter().any(|s| lower.starts_with(s)),
                    "href `{value}` in {html:?}"
                );
                prop_assert!(!value.contains(|c: char| c.is_whitespace() || c.is_control()));
            }
        }
        if tag.closing {
            prop_assert!(tag.attributes.is_empty(), "{html:?}");
        } else if tag.name == "a" {
            prop_assert!(tag.attributes.iter().any(|(n, _)| *n == "href"), "{html:?}");
        }
    }
    Ok(())
}

/// Checks that problems point at lines of the input and say something.
fn check_problems(problems: &[Problem], markdown: &str) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty());
    for (line, message) in problems {
        prop_assert!(
            (1..=line_count(markdown)).contains(line),
            "line {line}: {message}"
        );
        prop_assert!(!message.trim().is_empty());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn split_cuts_text_into_its_own_parts(
        text in prop_oneof![file_like(), "\\PC{0,200}", any::<String>()],
    ) {
        let unmarked = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match front_matter::split(&text) {
            Ok(split) => {
                prop_assert_eq!(split.front_matter_line, 2);
                // The parts are the text itself, in order: opening fence, front matter,
                // closing fence, body.
                let first_len = unmarked.split_inclusive('\n').next().unwrap_or_default().len();
                prop_assert_eq!(unmarked[..first_len].trim_end(), FENCE);
                let after_first = &unmarked[first_len..];
                prop_assert!(after_first.starts_with(split.front_matter));
                prop_assert!(unmarked.ends_with(split.body));
                let fence_end = after_first.len() - split.body.len();
                let fence = &after_first[split.front_matter.len()..fence_end];
                prop_assert_eq!(fence.trim_end(), FENCE);
                // The first closing fence is the one used.
                let mut front_lines = split.front_matter.split_inclusive('\n');
                prop_assert!(front_lines.all(|l| l.trim_end() != FENCE));
                // `body_line` is the line the body starts on (when there is a body line).
                if !split.body.is_empty() {
                    let body_start = unmarked.len() - split.body.len();
                    prop_assert_eq!(split.body_line, front_matter::line_of(unmarked, body_start));
                }
                prop_assert!(split.body_line >= 2);
                prop_assert!(split.body_line <= line_count(unmarked));
            }
            Err((line, message)) => {
                prop_assert_eq!(line, 1);
                prop_assert!(message.contains(FENCE));
                // It fails only when a fence is really missing.
                let mut lines = unmarked.split_inclusive('\n');
                let opened = lines.next().is_some_and(|l| l.trim_end() == FENCE);
                prop_assert!(!opened || lines.all(|l| l.trim_end() != FENCE));
            }
        }
    }

    #[test]
    fn split_ignores_bom_and_line_ends(
        front in prop::collection::vec(toml_line(), 0..6),
        body in prop::collection::vec(markdown_atom(), 0..6),
    ) {
        let front: Vec<String> = front.iter().map(|l| l.replace(['\n', '\r'], "")).collect();
        let body = body.concat().replace('\r', "");
        let front = front.iter().map(|l| format!("{l}\n")).collect::<String>();
        prop_assume!(front.lines().all(|l| l.trim_end() != FENCE));
        let lf = format!("{FENCE}\n{front}{FENCE}\n{body}");
        let crlf = lf.replace('\n', "\r\n");
        let bom = format!("\u{feff}{crlf}");
        let (lf_split, crlf_split, bom_split) = (
            front_matter::split(&lf),
            front_matter::split(&crlf),
            front_matter::split(&bom),
        );
        let lf_split = lf_split.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let crlf_split = crlf_split.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(lf_split.front_matter, front.as_str());
        prop_assert_eq!(lf_split.body, body.as_str());
        prop_assert_eq!(crlf_split.front_matter.replace("\r\n", "\n"), front);
        prop_assert_eq!(crlf_split.body.replace("\r\n", "\n"), body);
        prop_assert_eq!(crlf_split.body_line, lf_split.body_line);
        prop_assert_eq!(bom_split, Ok(crlf_split));
    }

    #[test]
    fn line_of_counts_lines_for_any_offset(
        text in prop_oneof![file_like(), "\\PC{0,200}"],
        offsets in prop::collection::vec(prop_oneof![0usize..300, any::<usize>()], 1..8),
    ) {
        let lines = line_count(&text);
        prop_assert_eq!(front_matter::line_of(&text, 0), 1);
        prop_assert_eq!(front_matter::line_of(&text, text.len()), lines);
        prop_assert_eq!(front_matter::line_of(&text, usize::MAX), lines);
        let mut sorted = offsets;
        sorted.sort_unstable();
        let mut previous = 1;
        for offset in sorted {
            // Offsets need not be character boundaries: lines are counted in bytes.
            let line = front_matter::line_of(&text, offset);
            prop_assert!((previous..=lines).contains(&line), "offset {offset}: line {line}");
            let end = offset.min(text.len());
            let newlines = text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count();
            prop_assert_eq!(line, newlines + 1);
            previous = line;
        }
    }

    #[test]
    fn check_url_accepts_only_http_and_mailto(url in prop_oneof![any_url(), any::<String>()]) {
        match markdown::check_url(&url) {
            Ok(()) => {
                // What a browser would parse as the scheme is an allowed one: the URL has
                // no whitespace or control characters to hide another scheme behind.
                prop_assert!(!url.contains(|c: char| c.is_whitespace() || c.is_control()));
                prop_assert!(!url.contains(['<', '>', '"', '\'', '`']));
                let lower = url.to_ascii_lowercase();
                let allowed = |s: &&str| lower.starts_with(s) && lower.len() > s.len();
                prop_assert!(ALLOWED_SCHEMES.iter().any(allowed));
                for bad in ["javascript:", "vbscript:", "data:", "file:"] {
                    prop_assert!(!lower.trim().starts_with(bad));
                }
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    #[test]
    fn check_url_rejects_dangerous_schemes(url in dangerous_url()) {
        // Entities are decoded by markdown before `check_url` sees a URL; here they stay
        // literal, which makes the URL relative and so rejected as well.
        prop_assert!(markdown::check_url(&url).is_err(), "{url:?}");
    }

    #[test]
    fn check_url_accepts_plain_absolute_links(
        scheme in prop_oneof![Just("https://"), Just("HTTP://"), Just("hTtPs://"), Just("mailto:")],
        rest in "[a-zA-Z0-9._~/?#&=%:@+-]{1,40}",
    ) {
        prop_assert_eq!(markdown::check_url(&format!("{scheme}{rest}")), Ok(()));
    }

    #[test]
    fn render_writes_only_safe_html(
        markdown in prop_oneof![markdown_text(), mostly_valid_markdown()],
    ) {
        match markdown::render(&markdown) {
            Ok(rendered) => {
                check_html(&rendered.html, &[BLOCK_TAGS, INLINE_TAGS])?;
                prop_assert_eq!(rendered.text.trim(), rendered.text.as_str());
            }
            Err(problems) => check_problems(&problems, &markdown)?,
        }
    }

    #[test]
    fn render_inline_writes_only_inline_html(
        markdown in prop_oneof![
            markdown_text(),
            mostly_valid_markdown(),
            // One line, as a reason's text usually is.
            mostly_valid_markdown().prop_map(|m| m.replace(['\n', '\r'], " ")),
        ],
    ) {
        match markdown::render_inline(&markdown) {
            Ok(rendered) => check_html(&rendered.html, &[INLINE_TAGS])?,
            Err(problems) => check_problems(&problems, &markdown)?,
        }
    }

    #[test]
    fn render_rejects_every_link_to_a_dangerous_scheme(url in dangerous_url(), form in 0usize..4) {
        let markdown = match form {
            0 => format!("Some [text]({url})."),
            1 => format!("Some [text](<{url}>)."),
            2 => format!("Some <{url}>."),
            _ => format!("Some [text][r].\n\n[r]: <{url}>\n"),
        };
        // Either the link is rejected, or the text is not a link at all; never an href.
        match markdown::render(&markdown) {
            Ok(rendered) => {
                check_html(&rendered.html, &[BLOCK_TAGS, INLINE_TAGS])?;
                prop_assert!(!rendered.html.contains("href"), "{:?}", rendered.html);
            }
            Err(problems) => check_problems(&problems, &markdown)?,
        }
    }
}

proptest! {
    // A whole build parses TOML and markdown for every file: fewer, costlier cases.
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn build_of_an_edited_fixture_never_panics(edits in prop_oneof![
        prop::collection::vec(edit(), 1..5),
        prop::collection::vec(gentle_edit(), 1..4),
    ]) {
        let mut sources = base_sources();
        for edit in &edits {
            apply(&mut sources, edit);
        }
        match pipeline::build(&sources) {
            Ok(content) => {
                // Everything that reaches the app is safe and well-formed.
                check_html(&content.site.intro_html, &[BLOCK_TAGS, INLINE_TAGS])?;
                for reason in &content.site.reasons {
                    check_html(&reason.html, &[INLINE_TAGS])?;
                }
                let site_urls = [&content.site.python_apps_url, &content.site.pypi_url];
                let link_urls = content.site.further_reading.iter().map(|l| &l.url);
                let library_urls = content.details.iter().map(|l| &l.url);
                for url in site_urls.into_iter().chain(link_urls).chain(library_urls) {
                    prop_assert_eq!(markdown::check_url(url), Ok(()));
                    prop_assert!(url.to_ascii_lowercase().starts_with("http"), "{url}");
                }
                let mut slugs = Vec::new();
                prop_assert_eq!(content.bodies.len(), content.categories.len());
                prop_assert_eq!(content.details.len(), content.libraries.len());
                for ((category, page), text) in content.categories.iter().zip(&content.pages).zip(&content.bodies) {
                    check_html(&page.html, &[BLOCK_TAGS, INLINE_TAGS, EXAMPLE_TAGS])?;
                    prop_assert!(pipeline::meta::is_slug(&category.slug));
                    prop_assert!(!text.is_empty());
                    prop_assert!(!slugs.contains(&&category.slug), "duplicate {}", category.slug);
                    slugs.push(&category.slug);
                }
                prop_assert!(content.categories.is_sorted_by_key(|c| (c.order, c.title.clone())));
                // Whatever the content, its data files decode to what was written.
                let bodies: Vec<String> = slugs.iter().map(|s| format!("data/field/{s}.bin")).collect();
                let home = content.home_data(bodies, "data/search.bin".into());
                let decoded: pyuses_content::HomeData =
                    pyuses_content::decode(&pyuses_content::encode(&home)).expect("decodes");
                prop_assert_eq!(&decoded.categories, &content.categories);
                prop_assert_eq!(&decoded.site, &content.site);
            }
            Err(errors) => {
                let errors = errors.into_sorted();
                prop_assert!(!errors.is_empty());
                for error in &errors {
                    // Each error names a file that exists (or a required one that is
                    // missing), and a line of that file.
                    let known = [SITE_FILE, ICONS_FILE, CATEGORIES_DIR].map(PathBuf::from);
                    prop_assert!(
                        sources.contains_key(&error.file) || known.contains(&error.file),
                        "{error}"
                    );
                    prop_assert!(!error.message.trim().is_empty(), "{error:?}");
                    if let Some(line) = error.line {
                        let text = sources.get(&error.file).map_or("", String::as_str);
                        prop_assert!(
                            (1..=line_count(text)).contains(&line),
                            "{error} ({} lines)",
                            line_count(text)
                        );
                        let shown = error.display_in(Path::new("content"));
                        let position = format!(":{line}: ");
                        prop_assert!(shown.contains(&position), "{shown}");
                    }
                }
                // The same input gives the same errors.
                let again = pipeline::build(&sources).map(|_| ()).map_err(|e| e.into_sorted());
                prop_assert_eq!(again, Err(errors));
            }
        }
    }
}
