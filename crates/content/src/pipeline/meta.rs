//! Front matter: the typed shape of each file's TOML, and its per-file checks.
//!
//! Fields that later checks refer back to carry their span, so an error points at the
//! line of the offending value rather than at the top of the file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::error::{ContentError, Errors};
use super::front_matter::{self, Split};
use super::markdown;
use crate::{Category, Link, Page, Reason, Site, Step, Tag, Use, User};

/// A value and the 1-based file line it came from.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub line: usize,
}

/// A category with the lines that cross-file checks report.
#[derive(Debug)]
pub struct ParsedCategory {
    /// The file, relative to the content folder.
    pub path: std::path::PathBuf,
    /// The rendered category.
    pub category: Category,
    /// Its page: body, "start here" steps and users.
    pub page: Page,
    /// Its body as plain text.
    pub text: String,
    /// Each library id with its line.
    pub libraries: Vec<Located<String>>,
    /// The line of the `slug` key, or 1 when the slug comes from the file name.
    pub slug_line: usize,
    /// The line of the `icon` value.
    pub icon_line: usize,
    /// Each tag with its line.
    pub tags: Vec<Located<String>>,
    /// Each related slug with its line.
    pub related: Vec<Located<String>>,
}

/// The site file with the lines that cross-file checks report.
#[derive(Debug)]
pub struct ParsedSite {
    /// The rendered site.
    pub site: Site,
    /// Each tag id with its line.
    pub tags: Vec<Located<String>>,
    /// Each "generally used for" category slug with its line.
    pub uses: Vec<Located<String>>,
}

/// The front matter of `categories/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryMeta {
    /// URL slug; defaults to the file name without `.md`.
    #[serde(default)]
    slug: Option<Spanned<String>>,
    /// Card and page title.
    title: Spanned<String>,
    /// One sentence for the card and the page's meta description.
    summary: Spanned<String>,
    /// A key of `icons.toml`.
    icon: Spanned<String>,
    /// Position on the home grid, ascending.
    order: i64,
    /// Tag ids declared in `site.md`.
    tags: Spanned<Vec<Spanned<String>>>,
    /// Other names the field goes by; shown and searchable.
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    /// Extra search terms; not shown.
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
    /// Slugs of related categories.
    #[serde(default)]
    related: Vec<Spanned<String>>,
    /// The ids of its best-known libraries (`libraries/<id>.toml`), most important first.
    libraries: Spanned<Vec<Spanned<String>>>,
    /// "Start here": three to five steps, each with an official tutorial or guide.
    #[serde(default)]
    start: Option<Spanned<Vec<StepMeta>>>,
    /// Organisations that publicly document their use of Python here, with the source.
    #[serde(default)]
    users: Option<Spanned<Vec<UserMeta>>>,
}

/// One `[[start]]` step.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepMeta {
    /// What to do, in one sentence.
    text: Spanned<String>,
    /// The official tutorial or guide.
    url: Spanned<String>,
}

/// One `[[users]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserMeta {
    /// The organisation.
    name: Spanned<String>,
    /// The page that documents its use of Python.
    url: Spanned<String>,
    /// What that page says, in one sentence.
    what: Spanned<String>,
}

/// How many "start here" steps a field has.
pub const START_STEPS: std::ops::RangeInclusive<usize> = 3..=5;
/// The most users a field names.
pub const MAX_USERS: usize = 3;

/// The front matter of `site.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteMeta {
    /// Site title.
    title: Spanned<String>,
    /// Home page meta description.
    description: Spanned<String>,
    /// python.org's page on Python's applications.
    python_apps_url: Spanned<String>,
    /// The Python Package Index.
    pypi_url: Spanned<String>,
    /// Heading of the "why Python" section.
    why_title: Spanned<String>,
    /// Closing sentence of the "why Python" section.
    why_summary: Spanned<String>,
    /// Heading of the "further reading" section.
    reading_title: Spanned<String>,
    /// One sentence for the "further reading" section's search card.
    reading_summary: Spanned<String>,
    /// What search finds in the "further reading" section besides its links' titles.
    reading_text: Spanned<String>,
    /// Filter tags, in display order.
    tags: Vec<TagMeta>,
    /// "Python is generally used for".
    uses: Vec<UseMeta>,
    /// "Why Python" reasons.
    reasons: Vec<ReasonMeta>,
    /// Further reading.
    further_reading: Vec<LinkMeta>,
}

/// One `[[tags]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TagMeta {
    /// Id used in URLs and front matter.
    id: Spanned<String>,
    /// Chip label.
    label: Spanned<String>,
}

/// One `[[uses]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UseMeta {
    /// The item as the list words it.
    label: Spanned<String>,
    /// Slug of the card that covers it.
    category: Spanned<String>,
}

/// One `[[reasons]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonMeta {
    /// Short lead.
    title: Spanned<String>,
    /// One or two sentences of inline markdown.
    text: Spanned<String>,
}

/// One `[[further_reading]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkMeta {
    /// Link text.
    title: Spanned<String>,
    /// Absolute http(s) URL.
    url: Spanned<String>,
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

/// Parses and checks one category file. Returns `None` when it cannot be read at all.
pub fn parse_category(path: &Path, text: &str, errors: &mut Errors) -> Option<ParsedCategory> {
    let split = split(path, text, errors)?;
    let mut cx = FileCx {
        path,
        split,
        errors,
    };
    let meta: CategoryMeta = cx.deserialize()?;

    let file_slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (slug, slug_line) = match meta.slug {
        Some(slug) => {
            let line = cx.line(slug.span());
            (slug.into_inner(), line)
        }
        None => (file_slug, 1),
    };
    if !is_slug(&slug) {
        cx.errors.push(ContentError::at(
            path,
            slug_line,
            format!("the slug `{slug}` must be lowercase letters, digits and single hyphens (rename the file)"),
        ));
    }

    let title = cx.text("title", meta.title);
    let summary = cx.short_text("summary", meta.summary);
    let icon_line = cx.line(meta.icon.span());
    let icon = meta.icon.into_inner();
    let tags_span = meta.tags.span();
    let tags: Vec<Located<String>> = meta
        .tags
        .into_inner()
        .into_iter()
        .map(|tag| Located {
            line: cx.line(tag.span()),
            value: tag.into_inner(),
        })
        .collect();
    if tags.is_empty() {
        cx.error(tags_span, "`tags` must name at least one tag from site.md");
    }
    let aliases = words(&mut cx, "aliases", meta.aliases);
    let keywords = words(&mut cx, "keywords", meta.keywords);
    let related: Vec<Located<String>> = meta
        .related
        .into_iter()
        .map(|slug| Located {
            line: cx.line(slug.span()),
            value: slug.into_inner(),
        })
        .collect();
    let libraries_span = meta.libraries.span();
    let libraries: Vec<Located<String>> = meta
        .libraries
        .into_inner()
        .into_iter()
        .map(|id| Located {
            line: cx.line(id.span()),
            value: id.into_inner(),
        })
        .collect();
    if libraries.is_empty() {
        cx.error(libraries_span, "`libraries` must name at least one library");
    }
    let start_span = meta.start.as_ref().map_or(0..0, Spanned::span);
    let start: Vec<Step> = meta
        .start
        .map(Spanned::into_inner)
        .unwrap_or_default()
        .into_iter()
        .map(|step| Step {
            text: cx.text("text", step.text),
            url: cx.https("url", step.url),
        })
        .collect();
    if !START_STEPS.contains(&start.len()) {
        cx.error(
            start_span,
            format!(
                "a field needs {} to {} `[[start]]` steps, not {}",
                START_STEPS.start(),
                START_STEPS.end(),
                start.len()
            ),
        );
    }
    let users_span = meta.users.as_ref().map_or(0..0, Spanned::span);
    let users: Vec<User> = meta
        .users
        .map(Spanned::into_inner)
        .unwrap_or_default()
        .into_iter()
        .map(|user| User {
            name: cx.text("name", user.name),
            url: cx.https("url", user.url),
            what: cx.text("what", user.what),
        })
        .collect();
    if users.len() > MAX_USERS {
        cx.error(users_span, format!("name at most {MAX_USERS} `[[users]]`"));
    }
    let body = cx.body();
    let body_line = cx.split.body_line;
    match body.examples.as_slice() {
        [] if !body.html.is_empty() => cx.errors.push(ContentError::at(
            path,
            body_line,
            "a field needs one ```python example: its typical first program, in 5 to 25 lines",
        )),
        [] => {}
        [(line, lines)] => {
            if !markdown::EXAMPLE_LINES.contains(lines) {
                cx.errors.push(ContentError::at(
                    path,
                    body_line + line - 1,
                    format!(
                        "the example has {lines} lines; keep it to {} to {}",
                        markdown::EXAMPLE_LINES.start(),
                        markdown::EXAMPLE_LINES.end()
                    ),
                ));
            }
        }
        [_, (line, _), ..] => cx.errors.push(ContentError::at(
            path,
            body_line + line - 1,
            "a field has one ```python example; this is a second",
        )),
    }

    Some(ParsedCategory {
        path: path.to_path_buf(),
        category: Category {
            slug,
            title,
            summary,
            icon,
            order: meta.order,
            tags: tags.iter().map(|t| t.value.clone()).collect(),
            aliases,
            keywords,
            related: related.iter().map(|r| r.value.clone()).collect(),
            libraries: libraries.iter().map(|l| l.value.clone()).collect(),
        },
        text: body.text,
        page: Page {
            html: body.html,
            start,
            users,
        },
        libraries,
        slug_line,
        icon_line,
        tags,
        related,
    })
}

/// Checks a list of short search terms.
fn words(cx: &mut FileCx<'_>, field: &str, values: Vec<Spanned<String>>) -> Vec<String> {
    values
        .into_iter()
        .map(|value| cx.text(field, value))
        .collect()
}

/// Parses and checks `site.md`.
pub fn parse_site(path: &Path, text: &str, errors: &mut Errors) -> Option<ParsedSite> {
    let split = split(path, text, errors)?;
    let mut cx = FileCx {
        path,
        split,
        errors,
    };
    let meta: SiteMeta = cx.deserialize()?;

    let tags: Vec<Located<String>> = meta
        .tags
        .iter()
        .map(|t| Located {
            line: cx.line(t.id.span()),
            value: t.id.get_ref().clone(),
        })
        .collect();
    let uses: Vec<Located<String>> = meta
        .uses
        .iter()
        .map(|u| Located {
            line: cx.line(u.category.span()),
            value: u.category.get_ref().clone(),
        })
        .collect();

    let site = Site {
        title: cx.text("title", meta.title),
        description: cx.short_text("description", meta.description),
        intro_html: String::new(),
        python_apps_url: cx.url("python_apps_url", meta.python_apps_url),
        pypi_url: cx.url("pypi_url", meta.pypi_url),
        why_title: cx.text("why_title", meta.why_title),
        why_summary: cx.text("why_summary", meta.why_summary),
        reading_title: cx.text("reading_title", meta.reading_title),
        reading_summary: cx.text("reading_summary", meta.reading_summary),
        reading_text: cx.text("reading_text", meta.reading_text),
        tags: meta
            .tags
            .into_iter()
            .map(|t| Tag {
                id: t.id.into_inner(),
                label: cx.text("label", t.label),
            })
            .collect(),
        uses: meta
            .uses
            .into_iter()
            .map(|u| Use {
                label: cx.text("label", u.label),
                category: u.category.into_inner(),
            })
            .collect(),
        reasons: meta
            .reasons
            .into_iter()
            .map(|r| {
                let title = cx.text("title", r.title);
                let span = r.text.span();
                let (html, text) = match markdown::render_inline(r.text.get_ref()) {
                    Ok(rendered) => (rendered.html, rendered.text),
                    Err(problems) => {
                        for (_, message) in problems {
                            cx.error(span.clone(), message);
                        }
                        Default::default()
                    }
                };
                Reason { title, html, text }
            })
            .collect(),
        further_reading: meta
            .further_reading
            .into_iter()
            .map(|l| Link {
                title: cx.text("title", l.title),
                url: cx.url("url", l.url),
            })
            .collect(),
    };
    let intro = cx.body();
    Some(ParsedSite {
        site: Site {
            intro_html: intro.html,
            ..site
        },
        tags,
        uses,
    })
}

/// Parses `icons.toml`: icon name → SVG path data, the icon's paths joined into one (each
/// starts with an absolute move, so joined they draw the same).
pub fn parse_icons(path: &Path, text: &str, errors: &mut Errors) -> BTreeMap<String, String> {
    let parsed: BTreeMap<String, Spanned<Vec<String>>> = match toml::from_str(text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let line = error
                .span()
                .map_or(1, |span| front_matter::line_of(text, span.start));
            let message = error.message().trim().replace('\n', " ");
            errors.push(ContentError::at(
                path,
                line,
                format!("invalid icon file: {message}"),
            ));
            return BTreeMap::new();
        }
    };
    let mut icons = BTreeMap::new();
    for (name, paths) in parsed {
        let line = front_matter::line_of(text, paths.span().start);
        let paths = paths.into_inner();
        if !is_slug(&name) {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon name `{name}` must be lowercase-kebab-case"),
            ));
        }
        if paths.is_empty() {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon `{name}` has no paths"),
            ));
        }
        if let Some(bad) = paths.iter().find(|d| !is_path_data(d)) {
            errors.push(ContentError::at(
                path,
                line,
                format!("icon `{name}` has a path that is not SVG path data: `{bad}`"),
            ));
        } else if let Some(bad) = paths.iter().find(|d| !d.trim_start().starts_with('M')) {
            // An icon's paths are joined into one: a path that began with a relative move
            // would then start from where the previous one ended.
            errors.push(ContentError::at(
                path,
                line,
                format!(
                    "icon `{name}` has a path that does not start with an absolute move (`M`): `{bad}`"
                ),
            ));
        }
        icons.insert(name, paths.join(" "));
    }
    icons
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

/// True for strings made only of SVG path commands and numbers.
fn is_path_data(d: &str) -> bool {
    !d.trim().is_empty()
        && d.chars()
            .all(|c| c.is_ascii_digit() || " ,.-+eEMmLlHhVvCcSsQqTtAaZz".contains(c))
}
