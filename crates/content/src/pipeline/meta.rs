//! Front matter: the typed shape of each file's TOML, and its per-file checks, one module
//! per kind of file ([`category`], [`site`], [`icons`]; libraries are `super::library`),
//! over the per-file context they share ([`FileCx`]).
//!
//! Fields that later checks refer back to carry their span, so an error points at the
//! line of the offending value rather than at the top of the file.

mod category;
mod icons;
mod site;

pub use category::{MAX_USERS, ParsedCategory, START_STEPS, parse_category};
pub use icons::parse_icons;
pub use site::{ParsedSite, parse_site};

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::error::{ContentError, Errors};
use super::front_matter::{self, Split};
use super::markdown;

/// A value and the 1-based file line it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub line: usize,
}

/// The longest summary or description, so it fits a search result and a link preview.
pub const MAX_SUMMARY: usize = 200;

/// Per-file context: the path, the front matter and where it starts, and the errors.
pub(super) struct FileCx<'a> {
    path: &'a Path,
    split: Split<'a>,
    pub(super) errors: &'a mut Errors,
}

impl<'a> FileCx<'a> {
    /// The context for one file.
    pub(super) fn new(path: &'a Path, split: Split<'a>, errors: &'a mut Errors) -> Self {
        Self {
            path,
            split,
            errors,
        }
    }

    /// Takes a URL that must be https.
    pub(super) fn https(&mut self, field: &str, value: Spanned<String>) -> String {
        let span = value.span();
        let before = self.errors.len();
        let url = self.url(field, value);
        if self.errors.len() == before && !url.starts_with("https://") {
            self.error(
                span,
                format!("`{field}` must be an https:// link, not `{url}`"),
            );
        }
        url
    }

    /// The file line of a span inside the front matter.
    pub(super) fn line(&self, span: Range<usize>) -> usize {
        self.split.front_matter_line + front_matter::line_of(self.split.front_matter, span.start)
            - 1
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(span);
        self.errors.push(ContentError::at(self.path, line, message));
    }

    /// Takes a required one-line text, reporting it when blank.
    pub(super) fn text(&mut self, field: &str, value: Spanned<String>) -> String {
        let span = value.span();
        let value = value.into_inner().trim().to_owned();
        if value.is_empty() {
            self.error(span, format!("`{field}` must not be empty"));
        } else if value.contains('\n') {
            self.error(span, format!("`{field}` must be a single line"));
        }
        value
    }

    /// Takes a required one-line text of at most [`MAX_SUMMARY`] characters.
    pub(super) fn short_text(&mut self, field: &str, value: Spanned<String>) -> String {
        let span = value.span();
        let value = self.text(field, value);
        let chars = value.chars().count();
        if chars > MAX_SUMMARY {
            self.error(
                span,
                format!("`{field}` has {chars} characters; keep it to {MAX_SUMMARY}"),
            );
        }
        value
    }

    /// Takes a URL, reporting anything but an absolute http(s) URL.
    pub(super) fn url(&mut self, field: &str, value: Spanned<String>) -> String {
        let span = value.span();
        let value = value.into_inner();
        let problem = match markdown::check_url(&value) {
            Err(problem) => Some(problem),
            Ok(()) if value.starts_with("mailto:") => Some("must be an http(s) URL".to_owned()),
            Ok(()) => None,
        };
        if let Some(problem) = problem {
            self.error(span, format!("`{field}`: {problem}"));
        }
        value
    }

    /// Renders a markdown body, reporting problems at their file lines.
    pub(super) fn body(&mut self) -> markdown::Rendered {
        let body_line = self.split.body_line;
        match markdown::render(self.split.body) {
            Ok(rendered) => {
                if rendered.text.trim().is_empty() {
                    self.errors.push(ContentError::at(
                        self.path,
                        body_line,
                        "the markdown body is empty",
                    ));
                }
                rendered
            }
            Err(problems) => {
                for (line, message) in problems {
                    self.errors
                        .push(ContentError::at(self.path, body_line + line - 1, message));
                }
                markdown::Rendered::default()
            }
        }
    }

    /// Deserializes the front matter, reporting TOML and shape errors at their lines.
    pub(super) fn deserialize<T: for<'de> Deserialize<'de>>(&mut self) -> Option<T> {
        match toml::from_str::<T>(self.split.front_matter) {
            Ok(meta) => Some(meta),
            Err(error) => {
                let line = error
                    .span()
                    .map_or(self.split.front_matter_line, |span| self.line(span));
                let message = error.message().trim().replace('\n', " ");
                self.errors.push(ContentError::at(
                    self.path,
                    line,
                    format!("invalid front matter: {message}"),
                ));
                None
            }
        }
    }
}

/// Splits a file, reporting a missing or unclosed fence.
fn split<'a>(path: &Path, text: &'a str, errors: &mut Errors) -> Option<Split<'a>> {
    match front_matter::split(text) {
        Ok(split) => Some(split),
        Err((line, message)) => {
            errors.push(ContentError::at(path, line, message));
            None
        }
    }
}

/// True for `lowercase-kebab-case` made of ASCII letters and digits.
pub fn is_slug(value: &str) -> bool {
    !value.is_empty()
        && value.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
