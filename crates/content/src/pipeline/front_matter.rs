//! Splits a content file into its `+++` TOML front matter and its markdown body.

/// A file cut into front matter and body, with the line numbers where each starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub front_matter: &'a str,
    /// The 1-based file line of the first front matter line.
    pub front_matter_line: usize,
    /// The markdown after the closing fence.
    pub body: &'a str,
    /// The 1-based file line of the first body line.
    pub body_line: usize,
}

/// The fence that opens and closes the front matter.
pub const FENCE: &str = "+++";

/// Splits `text`; on failure returns the 1-based line and the problem.
pub fn split(text: &str) -> Result<Split<'_>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != FENCE {
        return Err((
            1,
            format!(
                "missing front matter: the file must start with a `{FENCE}` line, then TOML, then another `{FENCE}` line"
            ),
        ));
    }
    let start = first.len();
    let mut offset = start;
    for (line, current) in (2..).zip(lines) {
        if current.trim_end() == FENCE {
            return Ok(Split {
                front_matter: &text[start..offset],
                front_matter_line: 2,
                body: &text[offset + current.len()..],
                // A file that ends on the closing fence has its (empty) body on that line,
                // so that an error about the body names a line the file has.
                body_line: if current.ends_with('\n') {
                    line + 1
                } else {
                    line
                },
            });
        }
        offset += current.len();
    }
    Err((
        1,
        format!("the front matter is not closed: add a `{FENCE}` line after the TOML"),
    ))
}

/// Where a TOML error in `text` is, as a 1-based line (1 when it has no span), and what it
/// says, on one line.
pub fn toml_problem(text: &str, error: &toml::de::Error) -> (usize, String) {
    let line = error.span().map_or(1, |span| line_of(text, span.start));
    (line, error.message().trim().replace('\n', " "))
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let split = split("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(split.front_matter, "title = \"x\"\n");
        assert_eq!(split.front_matter_line, 2);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn accepts_crlf_and_bom() {
        let split = split("\u{feff}+++\r\na = 1\r\n+++\r\nBody").unwrap();
        assert_eq!(split.front_matter, "a = 1\r\n");
        assert_eq!(split.body, "Body");
    }

    #[test]
    fn a_file_ending_on_its_closing_fence_has_its_body_on_that_line() {
        let split = split("+++\na = 1\n+++").unwrap();
        assert_eq!(split.body, "");
        assert_eq!(split.body_line, 3);
    }

    #[test]
    fn rejects_missing_fences() {
        assert_eq!(split("title = 1\n").unwrap_err().0, 1);
        assert!(
            split("+++\ntitle = 1\n")
                .unwrap_err()
                .1
                .contains("not closed")
        );
    }

    #[test]
    fn line_of_counts_newlines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
