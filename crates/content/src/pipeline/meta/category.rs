//! `categories/<slug>.md`: a field's front matter, checked, and its page.

use toml::Spanned;

use super::{FileCx, Located, is_slug, split};
use crate::pipeline::error::{ContentError, Errors};
use crate::pipeline::markdown;
use crate::{Category, Group, Page, Step, User};
use serde::Deserialize;
use std::path::Path;

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
    /// The libraries in small groups that do the same job; every library of `libraries`
    /// is in at least one. Required.
    #[serde(default)]
    groups: Option<Spanned<Vec<GroupMeta>>>,
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

/// One `[[groups]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupMeta {
    /// The job its libraries share, as a short plural noun phrase: "ASGI servers".
    name: Spanned<String>,
    /// Library ids from the field's `libraries`.
    libraries: Spanned<Vec<Spanned<String>>>,
}

/// The longest group name, in characters.
pub const GROUP_NAME_MAX: usize = 40;

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
    let groups = parse_groups(&mut cx, meta.groups, &libraries);
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
            groups,
            // Drawn once the libraries' figures are attached.
            chart: String::new(),
        },
        libraries,
        slug_line,
        icon_line,
        tags,
        related,
    })
}

/// Checks the `[[groups]]`: named, not empty, naming only the field's libraries, and
/// leaving none of them out.
fn parse_groups(
    cx: &mut FileCx<'_>,
    groups: Option<Spanned<Vec<GroupMeta>>>,
    libraries: &[Located<String>],
) -> Vec<Group> {
    let Some(groups) = groups else {
        cx.errors.push(ContentError::at(
            cx.path,
            libraries.first().map_or(1, |l| l.line),
            "a field puts its libraries in `[[groups]]` of alternatives (name = \"…\", libraries = [\"…\"])",
        ));
        return Vec::new();
    };
    let groups_span = groups.span();
    let mut placed = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for group in groups.into_inner() {
        let name_span = group.name.span();
        let name = cx.text("name", group.name);
        if name.chars().count() > GROUP_NAME_MAX {
            cx.error(
                name_span.clone(),
                format!("a group's name is a short label: at most {GROUP_NAME_MAX} characters"),
            );
        }
        if !names.insert(name.to_lowercase()) {
            cx.error(
                name_span.clone(),
                format!("there are two groups named `{name}`"),
            );
        }
        let members_span = group.libraries.span();
        let mut members = Vec::new();
        for id in group.libraries.into_inner() {
            let span = id.span();
            let id = id.into_inner();
            if !libraries.iter().any(|l| l.value == id) {
                cx.error(
                    span,
                    format!(
                        "the group `{name}` names `{id}`, which is not in this field's `libraries`"
                    ),
                );
            } else if members.contains(&id) {
                cx.error(span, format!("`{id}` is twice in the group `{name}`"));
            } else {
                placed.insert(id.clone());
                members.push(id);
            }
        }
        if members.is_empty() {
            cx.error(members_span, format!("the group `{name}` has no libraries"));
        }
        // The field's order of importance, whatever order the group was written in.
        members.sort_by_key(|id| libraries.iter().position(|l| &l.value == id));
        out.push(Group {
            name,
            libraries: members,
        });
    }
    if out.is_empty() {
        cx.error(
            groups_span,
            "`[[groups]]`, when present, needs at least one group",
        );
    }
    for library in libraries {
        if !placed.contains(&library.value) {
            cx.errors.push(ContentError::at(
                cx.path,
                library.line,
                format!(
                    "the library `{}` is in none of this field's `[[groups]]`: put it in the group of the libraries it is an alternative to",
                    library.value
                ),
            ));
        }
    }
    out
}

/// Checks a list of short search terms.
fn words(cx: &mut FileCx<'_>, field: &str, values: Vec<Spanned<String>>) -> Vec<String> {
    values
        .into_iter()
        .map(|value| cx.text(field, value))
        .collect()
}
