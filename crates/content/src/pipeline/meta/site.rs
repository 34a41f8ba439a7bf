//! `site.md`: the site-wide texts and lists, checked.

use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

use super::{FileCx, Located, split};
use crate::pipeline::error::Errors;
use crate::pipeline::markdown;
use crate::{Link, Reason, Site, Tag, Use};

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
        // Filled from the pulse file, when there is one.
        sources: Vec::new(),
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
