//! Finding the content's external links: every `http://` and `https://` URL in the source
//! text of each file, with its line, wherever it stands (front matter, library files,
//! markdown links, bare URLs, code examples).
//!
//! Scanned by hand rather than parsed: the same few rules end a URL in TOML strings and in
//! markdown, and reading the text itself gives each URL's line as the writer sees it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyuses_content::pipeline::Sources;

/// Where a link appears.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// The file, relative to the content folder.
    pub file: PathBuf,
    /// Its line, from 1.
    pub line: usize,
}

/// Every URL of every file: URL → its places, in file and line order.
pub fn links(sources: &Sources) -> BTreeMap<String, Vec<Place>> {
    let mut links: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    for (file, text) in sources {
        for (line, url) in urls(text) {
            links.entry(url.to_owned()).or_default().push(Place {
                file: file.clone(),
                line,
            });
        }
    }
    links
}

/// Every URL in `text`, with its line (from 1), in order.
///
/// A URL starts at `http://` or `https://` (not inside a word) and ends at white space, a
/// quote, `<`, `>`, `` ` ``, `[`, `]`, `{`, `}`, `|` or `\`, or at a `)` that closes a `(`
/// opened before it (a markdown link's end); a `.`, `,`, `;`, `:`, `!`, `?`, `*` or `'` at
/// its end is the sentence's, not the URL's.
pub fn urls(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find("http").map(|i| from + i) {
            let rest = &line[at..];
            let inside_word = line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            let scheme = ["https://", "http://"]
                .into_iter()
                .find(|scheme| rest.starts_with(scheme));
            match scheme {
                Some(scheme) if !inside_word => {
                    let url = take_url(rest);
                    if url.len() > scheme.len() {
                        found.push((index + 1, url));
                    }
                    from = at + url.len().max(scheme.len());
                }
                _ => from = at + "http".len(),
            }
        }
    }
    found
}

/// The URL at the start of `text`.
fn take_url(text: &str) -> &str {
    let mut depth = 0usize;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let stop = match c {
            c if c.is_whitespace() => true,
            '"' | '<' | '>' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' => true,
            '(' => {
                depth += 1;
                false
            }
            ')' if depth == 0 => true,
            ')' => {
                depth -= 1;
                false
            }
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_end_where_toml_and_markdown_end_them() {
        let text = "url = \"https://www.djangoproject.com/\"\n\
                    A [link](https://docs.python.org/3/tutorial/) and <https://pypi.org/>.\n\
                    See https://example.org/page, or https://en.wikipedia.org/wiki/Python_(programming_language).\n\
                    start = [{ text = \"T\", url = \"https://a.example/x?y=1&z=2#part\" }]\n\
                    no xhttp://inside.word, nor http:// alone\n\
                    *https://emphasis.example/*\n\
                    (a URL in brackets: https://in.brackets/)\n";
        assert_eq!(
            urls(text),
            [
                (1, "https://www.djangoproject.com/"),
                (2, "https://docs.python.org/3/tutorial/"),
                (2, "https://pypi.org/"),
                (3, "https://example.org/page"),
                (
                    3,
                    "https://en.wikipedia.org/wiki/Python_(programming_language)"
                ),
                (4, "https://a.example/x?y=1&z=2#part"),
                (6, "https://emphasis.example/"),
                (7, "https://in.brackets/"),
            ]
        );
    }

    #[test]
    fn every_place_of_a_url_is_kept() {
        let sources = Sources::from([
            (
                PathBuf::from("site.md"),
                "x\nhttps://a.example/\n".to_owned(),
            ),
            (
                PathBuf::from("libraries/b.toml"),
                "url = \"https://a.example/\"\ndocs = \"http://b.example/\"\n".to_owned(),
            ),
        ]);
        let links = links(&sources);
        assert_eq!(links.len(), 2);
        let places: Vec<(String, usize)> = links["https://a.example/"]
            .iter()
            .map(|p| (p.file.display().to_string(), p.line))
            .collect();
        assert_eq!(
            places,
            [
                ("libraries/b.toml".to_owned(), 1),
                ("site.md".to_owned(), 2)
            ]
        );
    }
}
