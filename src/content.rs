//! The content as the app sees it: the data files of `crates/content`, decoded once and
//! kept for the life of the page.
//!
//! In the browser, the loader fetches the home data file before the app starts and installs
//! it here; a field page's body (with its libraries' details) is fetched when the page, or
//! the page of one of its libraries, is first opened, and the search data (the indexes,
//! the texts they search and every library's details) when the visitor first searches
//! ([`install_search`]).
//! When pages are prerendered, the site tool installs everything at once from the
//! pipeline's output. Either way the components read plain `&'static` data.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

#[cfg(feature = "tools")]
use pyuses_content::Content;
pub use pyuses_content::{
    Category, Install, Library, LibraryDetails, Link, Page, Reason, Site, Step, Tag, Use, User,
};
use pyuses_content::{HomeData, SearchData};
use pyuses_search::IndexData;

/// An icon of `content/icons.toml`, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon(pub &'static str);

impl Icon {
    /// The icon's SVG path data, all of its strokes as one path (empty when the content has
    /// no such icon, or is not loaded).
    pub fn path(self) -> &'static str {
        HOME.get()
            .and_then(|home| home.icons.get(self.0))
            .map_or("", String::as_str)
    }
}

/// The icons the app's own controls use.
pub mod icons {
    use super::Icon;

    pub const ARROW_LEFT: Icon = Icon("arrow-left");
    pub const BOOK: Icon = Icon("book");
    pub const CHECK: Icon = Icon("check");
    pub const CLOSE: Icon = Icon("close");
    pub const CODE: Icon = Icon("code");
    pub const COPY: Icon = Icon("copy");
    pub const EXTERNAL: Icon = Icon("external");
    pub const LOGO: Icon = Icon("logo");
    pub const MOON: Icon = Icon("moon");
    pub const SEARCH: Icon = Icon("search");
    pub const SPARKLES: Icon = Icon("sparkles");
    pub const SUN: Icon = Icon("sun");
    /// Every name above, for the test that checks the content has them all.
    pub const ALL: [Icon; 12] = [
        ARROW_LEFT, BOOK, CHECK, CLOSE, CODE, COPY, EXTERNAL, LOGO, MOON, SEARCH, SPARKLES, SUN,
    ];
}

/// The decoded home data.
#[derive(Debug)]
struct Home {
    site: Site,
    categories: Vec<Category>,
    /// Each category's body file, relative to the site root, in the order of `categories`.
    body_files: Vec<String>,
    libraries: Vec<Library>,
    icons: BTreeMap<String, String>,
    /// The search data file, relative to the site root.
    search_file: String,
}

static HOME: OnceLock<Home> = OnceLock::new();
/// The search indexes' data, once fetched.
static SEARCH: OnceLock<SearchData> = OnceLock::new();
/// Field pages known so far: slug → page.
static BODIES: Mutex<BTreeMap<String, &'static Page>> = Mutex::new(BTreeMap::new());
/// Library details that came with field pages, before the search data: id → details.
static DETAILS: Mutex<BTreeMap<String, &'static LibraryDetails>> = Mutex::new(BTreeMap::new());

/// Installs the home data. Only the first call has an effect: the content of a page never
/// changes while it is open.
pub fn install(home: HomeData) {
    let _ = HOME.set(Home {
        site: home.site,
        categories: home.categories,
        body_files: home.bodies,
        libraries: home.libraries,
        icons: home.icons,
        search_file: home.search,
    });
}

/// Installs the search indexes' data. Only the first call has an effect.
pub fn install_search(search: SearchData) {
    let _ = SEARCH.set(search);
}

/// Whether the search indexes' data is installed.
pub fn search_is_installed() -> bool {
    SEARCH.get().is_some()
}

/// The search data file, relative to the site root.
pub fn search_file() -> &'static str {
    &home().search_file
}

/// Installs the whole content at once, bodies included, as the site tool and the native
/// tests do; `body_files` names each category's body file.
#[cfg(feature = "tools")]
pub fn install_content(content: &Content, body_files: Vec<String>) {
    install(content.home_data(body_files, String::new()));
    install_search(content.search_data());
    for body in content.field_bodies() {
        set_body(&body.slug, body.page, body.libraries);
    }
}

/// Whether the home data is installed.
pub fn is_installed() -> bool {
    HOME.get().is_some()
}

fn home() -> &'static Home {
    // Native tests read the repository's content without installing it first.
    #[cfg(feature = "tools")]
    if HOME.get().is_none() {
        install_for_tests();
    }
    // The loader installs the data before the app is mounted, and the site tool before
    // it renders; a panic here is a bug, and the crash view says so.
    HOME.get()
        .expect("the content is installed before the app runs")
}

/// The site-wide texts.
pub fn site() -> &'static Site {
    &home().site
}

/// Every category, in home-page order.
pub fn categories() -> &'static [Category] {
    &home().categories
}

/// The category with this slug.
pub fn category(slug: &str) -> Option<&'static Category> {
    categories().iter().find(|c| c.slug == slug)
}

/// The tag with this id.
pub fn tag(id: &str) -> Option<&'static Tag> {
    site().tags.iter().find(|t| t.id == id)
}

/// The search index data, for building the index once, when it is installed.
pub(crate) fn index_data() -> Option<&'static IndexData> {
    search().map(|s| &s.index)
}

/// The library index data, for building the library index once, when it is installed.
pub(crate) fn library_index_data() -> Option<&'static IndexData> {
    search().map(|s| &s.library_index)
}

fn search() -> Option<&'static SearchData> {
    // Native tests read the repository's content without installing it first.
    #[cfg(feature = "tools")]
    if SEARCH.get().is_none() {
        install_for_tests();
    }
    SEARCH.get()
}

/// Every library, sorted by id.
pub fn libraries() -> &'static [Library] {
    &home().libraries
}

/// Each category's body as plain text, in home-page order, and every library's details,
/// in the order of [`libraries`]: what search reads beyond the home data; `None` while the
/// search data is not installed.
pub fn search_texts() -> Option<(&'static [String], &'static [LibraryDetails])> {
    search().map(|s| (s.bodies.as_slice(), s.details.as_slice()))
}

/// The body of the category `slug` as plain text, once the search data is installed.
pub fn body_text(slug: &str) -> Option<&'static str> {
    search_texts()?
        .0
        .get(category_position(slug)?)
        .map(String::as_str)
}

/// Where the category `slug` stands in [`categories`], the order of every per-category
/// list of the data files.
pub fn category_position(slug: &str) -> Option<usize> {
    categories().iter().position(|c| c.slug == slug)
}

/// The details of the library `id`: from the search data, or from a field page that
/// lists it; `None` until one of them is installed.
pub fn library_details(id: &str) -> Option<&'static LibraryDetails> {
    if let Some((_, details)) = search_texts() {
        return pyuses_content::details(details, id);
    }
    DETAILS.lock().ok()?.get(id).copied()
}

/// The library with this id.
pub fn library(id: &str) -> Option<&'static Library> {
    pyuses_content::library(libraries(), id)
}

/// The categories that use the library `id`, in home-page order.
pub fn fields_using(id: &str) -> impl Iterator<Item = &'static Category> + '_ {
    categories()
        .iter()
        .filter(move |c| c.libraries.iter().any(|l| l == id))
}

/// The data file that holds a category's body, relative to the site root.
pub fn body_file(slug: &str) -> Option<&'static str> {
    home()
        .body_files
        .get(category_position(slug)?)
        .map(String::as_str)
}

/// A category's page (body, steps, users), if it is loaded.
pub fn body(slug: &str) -> Option<&'static Page> {
    BODIES.lock().ok()?.get(slug).copied()
}

/// Keeps a category's page, and the details of its libraries, for the life of the page.
pub fn set_body(slug: &str, page: Page, libraries: Vec<LibraryDetails>) -> &'static Page {
    if let Ok(mut details) = DETAILS.lock() {
        for library in libraries {
            if !details.contains_key(&library.id) {
                let library: &'static LibraryDetails = Box::leak(Box::new(library));
                details.insert(library.id.clone(), library);
            }
        }
    }
    let page: &'static Page = Box::leak(Box::new(page));
    if let Ok(mut bodies) = BODIES.lock() {
        return bodies.entry(slug.to_owned()).or_insert(page);
    }
    page
}

/// Helpers over a category.
pub trait CategoryExt {
    /// True when the category carries the tag `id`.
    fn has_tag(&self, id: &str) -> bool;
    /// True when the category lists a library named `name` (ASCII case-insensitive).
    fn has_library(&self, name: &str) -> bool;
    /// Its libraries, most important first.
    fn library_entries(&self) -> impl Iterator<Item = &'static Library> + '_;
    /// The related categories, in the order the content lists them.
    fn related_categories(&self) -> impl Iterator<Item = &'static Category> + '_;
}

impl CategoryExt for Category {
    fn has_tag(&self, id: &str) -> bool {
        self.tags.iter().any(|t| t == id)
    }

    fn has_library(&self, name: &str) -> bool {
        self.library_entries()
            .any(|l| l.name.eq_ignore_ascii_case(name))
    }

    fn library_entries(&self) -> impl Iterator<Item = &'static Library> + '_ {
        self.libraries.iter().filter_map(|id| library(id))
    }

    fn related_categories(&self) -> impl Iterator<Item = &'static Category> + '_ {
        self.related.iter().filter_map(|slug| category(slug))
    }
}

/// Installs the content of `content/` for native tests and tools, once per process.
#[cfg(feature = "tools")]
pub fn install_from_dir(dir: &std::path::Path) -> Result<&'static Content, Vec<String>> {
    static CONTENT: OnceLock<Result<Content, Vec<String>>> = OnceLock::new();
    let content = CONTENT
        .get_or_init(|| pyuses_content::pipeline::build_dir(dir))
        .as_ref()
        .map_err(Clone::clone)?;
    let files = content
        .categories
        .iter()
        .map(|c| format!("data/field/{}.bin", c.slug))
        .collect();
    install_content(content, files);
    Ok(content)
}

/// Installs the repository's `content/` (for native tests, which also get it when they
/// read the content without installing any); panics with the content's problems when it
/// does not build.
#[cfg(feature = "tools")]
pub fn install_for_tests() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    if let Err(problems) = install_from_dir(&dir) {
        panic!("content/ does not build:\n{}", problems.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_related_slug_and_use_resolves() {
        install_for_tests();
        for c in categories() {
            assert_eq!(
                c.related_categories().count(),
                c.related.len(),
                "{}",
                c.slug
            );
        }
        for used in &site().uses {
            assert!(category(&used.category).is_some(), "{}", used.category);
        }
    }

    #[test]
    fn lookups() {
        install_for_tests();
        let first = &categories()[0];
        assert_eq!(category(&first.slug), Some(first));
        assert!(category("no-such-field").is_none());
        assert!(first.has_tag(&first.tags[0]));
        let name = &library(&first.libraries[0]).unwrap().name;
        assert!(first.has_library(&name.to_ascii_uppercase()));
        assert!(body(&first.slug).is_some_and(|page| page.html.contains("<p>")));
        assert_eq!(fields_using(&first.libraries[0]).next(), Some(first));
    }

    #[test]
    fn the_content_has_every_icon_the_app_uses() {
        install_for_tests();
        for icon in icons::ALL {
            assert!(!icon.path().is_empty(), "{}", icon.0);
        }
        for c in categories() {
            assert!(!Icon(&c.icon).path().is_empty(), "{}", c.icon);
        }
    }
}
