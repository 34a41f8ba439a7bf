//! The build-time content pipeline.
//!
//! `build.rs` runs it over `content/` and writes Rust source that the app includes, so the
//! wasm carries finished HTML and plain text but no markdown parser and no deserializer.
//! `tests/content_pipeline.rs` runs it over fixtures. It is not part of the app's module
//! tree: both users load this file with `#[path]`, which is why the submodules below name
//! their files explicitly.
//!
//! The stages, in order:
//! 1. [`front_matter`]: split the `+++` TOML front matter from the markdown body;
//! 2. [`meta`]: deserialize the front matter into typed structs (serde + toml, with spans);
//! 3. [`markdown`]: check the body and render it to HTML and plain text;
//! 4. [`validate`]: check everything that spans files (slugs, tags, icons, related links);
//! 5. [`codegen`]: write the Rust data.

#[path = "pipeline/codegen.rs"]
pub mod codegen;
#[path = "pipeline/error.rs"]
pub mod error;
#[path = "pipeline/front_matter.rs"]
pub mod front_matter;
#[path = "pipeline/markdown.rs"]
pub mod markdown;
#[path = "pipeline/meta.rs"]
pub mod meta;
#[path = "pipeline/validate.rs"]
pub mod validate;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use error::{ContentError, Errors};

/// The raw files of a content folder: path relative to the folder → text.
///
/// Loading is separate from building so that tests can overlay fixture files in memory.
pub type Sources = BTreeMap<PathBuf, String>;

/// The site file, relative to the content folder.
pub const SITE_FILE: &str = "site.md";
/// The icon file, relative to the content folder.
pub const ICONS_FILE: &str = "icons.toml";
/// The folder of category files, relative to the content folder.
pub const CATEGORIES_DIR: &str = "categories";

/// Everything the app needs, validated and rendered.
#[derive(Debug)]
pub struct Content {
    /// The site-wide texts and lists.
    pub site: Site,
    /// The categories, sorted by `order`, then title.
    pub categories: Vec<Category>,
    /// Icon name → SVG path data, sorted by name.
    pub icons: BTreeMap<String, Vec<String>>,
}

/// A category card, ready to be written out.
#[derive(Debug)]
pub struct Category {
    /// URL slug: `/category/<slug>`.
    pub slug: String,
    /// Card and page title.
    pub title: String,
    /// One sentence for the card and the meta description.
    pub summary: String,
    /// Key into the icon set.
    pub icon: String,
    /// Position on the home grid.
    pub order: i64,
    /// Tag ids (filter chips).
    pub tags: Vec<String>,
    /// Other names the field goes by; shown and searchable.
    pub aliases: Vec<String>,
    /// Extra search terms; not shown.
    pub keywords: Vec<String>,
    /// Slugs of related categories.
    pub related: Vec<String>,
    /// Best-known libraries.
    pub libraries: Vec<Library>,
    /// The body rendered to HTML.
    pub body_html: String,
    /// The body as plain text, for search and snippets.
    pub body_text: String,
}

/// A library or tool with its official link.
#[derive(Debug, Clone)]
pub struct Library {
    /// Display name.
    pub name: String,
    /// Official home page or documentation.
    pub url: String,
    /// One line about it.
    pub about: String,
}

/// A titled external link.
#[derive(Debug, Clone)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Absolute http(s) URL.
    pub url: String,
}

/// A filter tag.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Id used in URLs and front matter.
    pub id: String,
    /// Chip label.
    pub label: String,
}

/// One item of the "Python is generally used for" list.
#[derive(Debug, Clone)]
pub struct Use {
    /// The item as the list words it.
    pub label: String,
    /// The slug of the card that covers it.
    pub category: String,
}

/// One reason of "why Python".
#[derive(Debug, Clone)]
pub struct Reason {
    /// Short lead.
    pub title: String,
    /// Inline HTML rendered from markdown.
    pub html: String,
    /// The same text without markup, for search.
    pub text: String,
}

/// The site-wide content from `site.md`.
#[derive(Debug)]
pub struct Site {
    /// Site title.
    pub title: String,
    /// Home page meta description.
    pub description: String,
    /// The intro, rendered to HTML.
    pub intro_html: String,
    /// python.org's page on Python's applications.
    pub python_apps_url: String,
    /// The Python Package Index.
    pub pypi_url: String,
    /// Heading of the "why Python" section.
    pub why_title: String,
    /// Closing sentence of the "why Python" section.
    pub why_summary: String,
    /// Filter tags in display order.
    pub tags: Vec<Tag>,
    /// "Python is generally used for".
    pub uses: Vec<Use>,
    /// "Why Python" reasons.
    pub reasons: Vec<Reason>,
    /// Further reading.
    pub further_reading: Vec<Link>,
}

/// Reads every file the pipeline uses from `dir`.
///
/// Only `site.md`, `icons.toml` and `categories/*.md` are read; hidden files are skipped so
/// that editor swap files do not break the build.
pub fn read_sources(dir: &Path) -> io::Result<Sources> {
    let mut sources = Sources::new();
    for name in [SITE_FILE, ICONS_FILE] {
        let path = dir.join(name);
        let text = fs::read_to_string(&path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("failed to read `{}`: {e}", path.display()),
            )
        })?;
        sources.insert(PathBuf::from(name), text);
    }
    let categories = dir.join(CATEGORIES_DIR);
    let entries = fs::read_dir(&categories).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("failed to read `{}`: {e}", categories.display()),
        )
    })?;
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with('.') || !entry.file_type()?.is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path()).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("failed to read `{}`: {e}", entry.path().display()),
            )
        })?;
        sources.insert(Path::new(CATEGORIES_DIR).join(&*file_name), text);
    }
    Ok(sources)
}

/// Validates and renders `sources`, collecting every problem rather than stopping at the
/// first, so that one build shows all of them.
pub fn build(sources: &Sources) -> Result<Content, Errors> {
    let mut errors = Errors::default();

    let icons = match sources.get(Path::new(ICONS_FILE)) {
        Some(text) => meta::parse_icons(Path::new(ICONS_FILE), text, &mut errors),
        None => {
            errors.push(ContentError::file(ICONS_FILE, "the icon file is missing"));
            BTreeMap::new()
        }
    };

    let site = match sources.get(Path::new(SITE_FILE)) {
        Some(text) => meta::parse_site(Path::new(SITE_FILE), text, &mut errors),
        None => {
            errors.push(ContentError::file(SITE_FILE, "the site file is missing"));
            None
        }
    };

    let mut categories = Vec::new();
    // The slug of every category file, even one that fails to parse, so that one broken
    // file is reported once rather than again in every file that links to it.
    let mut file_slugs = std::collections::BTreeSet::new();
    for (path, text) in sources {
        if !path.starts_with(CATEGORIES_DIR) {
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            errors.push(ContentError::file(
                path,
                "unexpected file: category files are named `<slug>.md`",
            ));
            continue;
        }
        if let Some(stem) = path.file_stem() {
            file_slugs.insert(stem.to_string_lossy().into_owned());
        }
        if let Some(category) = meta::parse_category(path, text, &mut errors) {
            categories.push(category);
        }
    }
    if categories.is_empty() && errors.is_empty() {
        errors.push(ContentError::file(
            CATEGORIES_DIR,
            "there are no category files",
        ));
    }

    if let Some(site) = &site {
        validate::check(site, &categories, &file_slugs, &icons, &mut errors);
    }

    match site {
        Some(site) if errors.is_empty() => {
            let mut categories: Vec<Category> =
                categories.into_iter().map(|c| c.category).collect();
            categories.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title)));
            Ok(Content {
                site: site.site,
                categories,
                icons,
            })
        }
        _ => Err(errors),
    }
}
