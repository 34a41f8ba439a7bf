//! The build-time content pipeline: `content/` in, a checked and rendered [`Content`] out.
//!
//! The site tool runs it in Trunk's post-build step, then writes the data files and the
//! prerendered pages from its output; `tests/content_pipeline.rs` runs it over fixtures.
//! Bad content stops the build with one line per problem: file, line, and what is wrong.
//!
//! The stages, in order:
//! 1. [`front_matter`]: split the `+++` TOML front matter from the markdown body;
//! 2. [`meta`]: deserialize the front matter into typed structs (serde + toml, with spans);
//! 3. [`markdown`]: check the body and render it to HTML and plain text;
//!    Code examples are checked with a real Python parser and highlighted ([`code`]);
//! 4. [`library`]: read the library files, one per library;
//! 5. [`validate`] and [`library::check`]: check everything that spans files (slugs, tags,
//!    icons, related links, library references).

pub mod chart;
pub mod code;
pub mod error;
pub mod front_matter;
pub mod library;
pub mod markdown;
pub mod meta;
pub mod pulse;
pub mod validate;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use error::{ContentError, Errors};

use crate::{
    Category, Content, FORMAT, FieldBody, HomeData, Library, LibraryDetails, Page, SearchData,
};

pub use library::LIBRARIES_DIR;

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

/// Reads every file the pipeline uses from `dir`.
///
/// Only `site.md`, `icons.toml`, `pulse.toml` (when there is one), `categories/*.md` and
/// `libraries/*.toml` are read; hidden
/// files are skipped so that editor swap files do not break the build.
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
    for folder in [CATEGORIES_DIR, LIBRARIES_DIR] {
        let folder_path = dir.join(folder);
        let entries = fs::read_dir(&folder_path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("failed to read `{}`: {e}", folder_path.display()),
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
            sources.insert(Path::new(folder).join(&*file_name), text);
        }
    }
    let pulse = dir.join(crate::pulse::PULSE_FILE);
    if pulse.is_file() {
        let text = fs::read_to_string(&pulse).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("failed to read `{}`: {e}", pulse.display()),
            )
        })?;
        sources.insert(PathBuf::from(crate::pulse::PULSE_FILE), text);
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

    let mut libraries = Vec::new();
    for (path, text) in sources {
        if !path.starts_with(LIBRARIES_DIR) {
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            errors.push(ContentError::file(
                path,
                "unexpected file: library files are named `<id>.toml`",
            ));
            continue;
        }
        if let Some(parsed) = library::parse_library(path, text, &mut errors) {
            libraries.push(parsed);
        }
    }

    if let Some(site) = &site {
        validate::check(site, &categories, &file_slugs, &icons, &mut errors);
    }
    library::check(&libraries, &categories, &mut errors);

    let pulse_path = Path::new(crate::pulse::PULSE_FILE);
    let pulse_file = sources
        .get(pulse_path)
        .and_then(|text| pulse::parse(pulse_path, text, &mut errors));
    let mut warnings = Vec::new();
    if let Some(file) = &pulse_file {
        pulse::attach(pulse_path, file, &mut libraries, &mut errors);
        if let Some(as_of) = pulse::as_of(file) {
            warnings.extend(
                libraries
                    .iter()
                    .filter_map(|l| pulse::quiet_warning(l, as_of)),
            );
        }
    }

    match site {
        Some(site) if errors.is_empty() => {
            let mut categories: Vec<(Category, (Page, String))> = categories
                .into_iter()
                .map(|c| (c.category, (c.page, c.text)))
                .collect();
            categories.sort_by(|(a, _), (b, _)| {
                a.order.cmp(&b.order).then_with(|| a.title.cmp(&b.title))
            });
            let (categories, pages): (Vec<_>, Vec<_>) = categories.into_iter().unzip();
            let (pages, bodies) = pages.into_iter().unzip();
            let mut libraries: Vec<(Library, LibraryDetails)> = libraries
                .into_iter()
                .map(|l| (l.library, l.details))
                .collect();
            libraries.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
            let (libraries, details): (Vec<Library>, Vec<LibraryDetails>) =
                libraries.into_iter().unzip();
            let mut pages: Vec<Page> = pages;
            for (category, page) in categories.iter().zip(&mut pages) {
                page.chart = field_chart(category, &libraries, &details);
            }
            let mut site = site.site;
            site.sources = pulse_file.as_ref().map(pulse::sources).unwrap_or_default();
            Ok(Content {
                site,
                categories,
                pages,
                bodies,
                libraries,
                details,
                icons,
                warnings,
            })
        }
        _ => Err(errors),
    }
}

/// A field's downloads chart, over its libraries with a count.
fn field_chart(category: &Category, libraries: &[Library], details: &[LibraryDetails]) -> String {
    let bars: Vec<(&str, u64)> = category
        .libraries
        .iter()
        .filter_map(|id| {
            let library = crate::library(libraries, id)?;
            match crate::details(details, id)?.pulse.as_ref()?.downloads {
                crate::Downloads::Count(n) => Some((library.name.as_str(), n)),
                crate::Downloads::FewerThan(_) => None,
            }
        })
        .collect();
    chart::downloads(
        &format!("chart-{}", category.slug),
        &format!(
            "Downloads in 30 days of the {} libraries of {}",
            bars.len(),
            category.title
        ),
        &bars,
    )
}

/// Runs the pipeline over the folder `dir`, with every problem formatted as the build prints
/// it (the folder in front of each file).
pub fn build_dir(dir: &Path) -> Result<Content, Vec<String>> {
    let sources = read_sources(dir).map_err(|error| vec![error.to_string()])?;
    build(&sources).map_err(|errors| {
        errors
            .into_sorted()
            .iter()
            .map(|e| e.display_in(dir))
            .collect()
    })
}

impl Content {
    /// The home page's data file; `body_files` names each category's body file, in the
    /// order of `categories`, and `search_file` the [`SearchData`] file.
    pub fn home_data(&self, body_files: Vec<String>, search_file: String) -> HomeData {
        HomeData {
            format: FORMAT,
            site: self.site.clone(),
            categories: self.categories.clone(),
            bodies: body_files,
            libraries: self.libraries.clone(),
            icons: self.icons.clone(),
            search: search_file,
        }
    }

    /// The search indexes, built over the documents of the home data.
    pub fn search_data(&self) -> SearchData {
        let texts: Vec<crate::LibraryText> =
            self.details.iter().map(LibraryDetails::text).collect();
        let lists =
            crate::DocumentLists::new(&self.site, &self.categories, &self.libraries, &texts);
        let docs = crate::search_documents(&self.site, &self.categories, &self.bodies, &lists);
        let groups = crate::synonym_groups(&self.categories);
        let groups: Vec<&[&str]> = groups.iter().map(Vec::as_slice).collect();
        let names = crate::library_names(&self.libraries, &texts);
        let library_docs = crate::library_documents(&self.libraries, &names);
        SearchData {
            format: FORMAT,
            index: pyuses_search::IndexData::build(&docs, &groups),
            library_index: pyuses_search::IndexData::build(&library_docs, &[]),
            bodies: self.bodies.clone(),
            libraries: texts,
        }
    }

    /// Each category's page body as a data file, in the order of `categories`.
    pub fn field_bodies(&self) -> impl Iterator<Item = FieldBody> + '_ {
        self.categories
            .iter()
            .zip(&self.pages)
            .map(|(category, page)| FieldBody {
                format: FORMAT,
                slug: category.slug.clone(),
                page: page.clone(),
                libraries: category
                    .libraries
                    .iter()
                    .filter_map(|id| crate::details(&self.details, id).cloned())
                    .collect(),
            })
    }
}
