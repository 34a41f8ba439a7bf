//! The site's data as the app holds it: the home data, decoded once, and what arrives
//! later (the search data, field pages and the details of their libraries), kept in the
//! same value for as long as the page is open.
//!
//! The value is made explicitly from the home data ([`Data::new`]) by whoever starts the
//! app (the browser's loader, the site tool's prerendering, a test), and what arrives
//! later is installed into it. Each later part is set once: the content of a page never
//! changes while it is open, so a reader may keep what it borrowed.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use pyuses_content::{
    Category, HomeData, Library, LibraryDetails, LibraryText, Page, SearchData, Site, Tag,
};
use pyuses_search::IndexData;

/// An icon of `content/icons.toml`, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icon(pub &'static str);

/// The icons the app's own controls use.
pub mod icons {
    use super::Icon;

    /// An arrow pointing left.
    pub const ARROW_LEFT: Icon = Icon("arrow-left");
    /// An open book.
    pub const BOOK: Icon = Icon("book");
    /// A check mark.
    pub const CHECK: Icon = Icon("check");
    /// A cross.
    pub const CLOSE: Icon = Icon("close");
    /// Angle brackets.
    pub const CODE: Icon = Icon("code");
    /// Two sheets.
    pub const COPY: Icon = Icon("copy");
    /// An arrow leaving a box.
    pub const EXTERNAL: Icon = Icon("external");
    /// The site's logo.
    pub const LOGO: Icon = Icon("logo");
    /// A crescent moon.
    pub const MOON: Icon = Icon("moon");
    /// A magnifying glass.
    pub const SEARCH: Icon = Icon("search");
    /// Sparkles.
    pub const SPARKLES: Icon = Icon("sparkles");
    /// A sun.
    pub const SUN: Icon = Icon("sun");
    /// Every name above, for the test that checks the content has them all.
    pub const ALL: [Icon; 12] = [
        ARROW_LEFT, BOOK, CHECK, CLOSE, CODE, COPY, EXTERNAL, LOGO, MOON, SEARCH, SPARKLES, SUN,
    ];
}

/// The site's data: the home data, and what has arrived since.
#[derive(Debug)]
pub struct Data {
    site: Site,
    categories: Vec<Category>,
    /// Each category's body file, relative to the site root, in the order of `categories`.
    body_files: Vec<String>,
    libraries: Vec<Library>,
    icons: BTreeMap<String, String>,
    /// The search data file, relative to the site root.
    search_file: String,
    /// The search indexes' data, once fetched.
    search: OnceLock<SearchData>,
    /// Each category's page, once fetched, in the order of `categories`.
    bodies: Vec<OnceLock<Page>>,
    /// Each library's details that came with a field page, in the order of `libraries`.
    details: Vec<OnceLock<LibraryDetails>>,
}

impl Data {
    /// The data of a page whose home data is `home`, and nothing else yet.
    pub fn new(home: HomeData) -> Self {
        Self {
            bodies: home.categories.iter().map(|_| OnceLock::new()).collect(),
            details: home.libraries.iter().map(|_| OnceLock::new()).collect(),
            site: home.site,
            categories: home.categories,
            body_files: home.bodies,
            libraries: home.libraries,
            icons: home.icons,
            search_file: home.search,
            search: OnceLock::new(),
        }
    }

    /// The data of the whole content at once, search data and every field page included,
    /// as the site tool prerenders with it and native tests read it; `body_files` names
    /// each category's body file.
    #[cfg(feature = "pipeline")]
    pub fn from_content(content: &pyuses_content::Content, body_files: Vec<String>) -> Self {
        let data = Self::new(content.home_data(body_files, String::new()));
        data.install_search(content.search_data());
        for body in content.field_bodies() {
            data.set_body(&body.slug, body.page, body.libraries);
        }
        data
    }

    /// The data of the content folder `dir`, built by the pipeline, with every field page
    /// installed and each body file named `data/field/<slug>.bin` (for native tests and
    /// tools that read the repository's content); the content's problems when it does not
    /// build.
    #[cfg(feature = "pipeline")]
    pub fn from_content_dir(dir: &std::path::Path) -> Result<Self, Vec<String>> {
        let content = pyuses_content::pipeline::build_dir(dir)?;
        let files = content
            .categories
            .iter()
            .map(|c| format!("data/field/{}.bin", c.slug))
            .collect();
        Ok(Self::from_content(&content, files))
    }

    /// Installs the search indexes' data. Only the first call has an effect; returns
    /// whether this one did.
    pub fn install_search(&self, search: SearchData) -> bool {
        self.search.set(search).is_ok()
    }

    /// Whether the search indexes' data is installed.
    pub fn has_search(&self) -> bool {
        self.search.get().is_some()
    }

    /// The search data file, relative to the site root.
    pub fn search_file(&self) -> &str {
        &self.search_file
    }

    /// Keeps a category's page, and the details of its libraries; returns the page kept
    /// (the first one installed), or `None` for an unknown slug.
    pub fn set_body(
        &self,
        slug: &str,
        page: Page,
        libraries: Vec<LibraryDetails>,
    ) -> Option<&Page> {
        for library in libraries {
            if let Some(slot) = self
                .library_position(&library.id)
                .and_then(|at| self.details.get(at))
            {
                let _ = slot.set(library);
            }
        }
        let slot = self.bodies.get(self.category_position(slug)?)?;
        Some(slot.get_or_init(|| page))
    }

    /// A category's page (body, steps, users), if it is loaded.
    pub fn body(&self, slug: &str) -> Option<&Page> {
        self.bodies.get(self.category_position(slug)?)?.get()
    }

    /// The data file that holds a category's body, relative to the site root.
    pub fn body_file(&self, slug: &str) -> Option<&str> {
        self.body_files
            .get(self.category_position(slug)?)
            .map(String::as_str)
    }

    /// The site-wide texts.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Every category, in home-page order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The category with this slug.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// Where the category `slug` stands in [`Data::categories`], the order of every
    /// per-category list of the data files.
    pub fn category_position(&self, slug: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.slug == slug)
    }

    /// The tag with this id.
    pub fn tag(&self, id: &str) -> Option<&Tag> {
        self.site.tags.iter().find(|t| t.id == id)
    }

    /// Every library, sorted by id.
    pub fn libraries(&self) -> &[Library] {
        &self.libraries
    }

    /// The library with this id.
    pub fn library(&self, id: &str) -> Option<&Library> {
        pyuses_content::library(&self.libraries, id)
    }

    fn library_position(&self, id: &str) -> Option<usize> {
        pyuses_content::position(&self.libraries, id)
    }

    /// The details of the library `id`, from a field page that lists it; `None` until one
    /// is installed.
    pub fn library_details(&self, id: &str) -> Option<&LibraryDetails> {
        self.details.get(self.library_position(id)?)?.get()
    }

    /// What the library `id` is for, in one line: from its details or from the search
    /// data, whichever came; `None` until one of them is installed.
    pub fn library_about(&self, id: &str) -> Option<&str> {
        if let Some(details) = self.library_details(id) {
            return Some(&details.about);
        }
        let at = self.library_position(id)?;
        Some(&self.search_texts()?.1.get(at)?.about)
    }

    /// The categories that use the library `id`, in home-page order.
    pub fn fields_using<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a Category> {
        self.categories
            .iter()
            .filter(move |c| c.libraries.iter().any(|l| l == id))
    }

    /// A category's libraries, most important first.
    pub fn library_entries<'a>(&'a self, category: &Category) -> impl Iterator<Item = &'a Library> {
        category.libraries.iter().filter_map(|id| self.library(id))
    }

    /// True when `category` lists a library named `name` (ASCII case-insensitive).
    pub fn has_library(&self, category: &Category, name: &str) -> bool {
        self.library_entries(category)
            .any(|l| l.name.eq_ignore_ascii_case(name))
    }

    /// The categories related to `category`, in the order the content lists them.
    pub fn related_categories<'a>(
        &'a self,
        category: &Category,
    ) -> impl Iterator<Item = &'a Category> {
        category
            .related
            .iter()
            .filter_map(|slug| self.category(slug))
    }

    /// The content's spelling of a library name that some category lists, matched
    /// without regard to ASCII case.
    pub fn library_name(&self, name: &str) -> Option<&str> {
        self.categories
            .iter()
            .flat_map(|c| self.library_entries(c))
            .find(|l| l.name.eq_ignore_ascii_case(name))
            .map(|l| l.name.as_str())
    }

    /// The icon's SVG path data, all of its strokes as one path (empty when the content
    /// has no such icon).
    pub fn icon_path(&self, icon: &str) -> &str {
        self.icons.get(icon).map_or("", String::as_str)
    }

    /// Each category's body as plain text, in home-page order, and every library's
    /// texts, in the order of [`Data::libraries`]: what search reads beyond the home
    /// data; `None` while the search data is not installed.
    pub fn search_texts(&self) -> Option<(&[String], &[LibraryText])> {
        self.search
            .get()
            .map(|s| (s.bodies.as_slice(), s.libraries.as_slice()))
    }

    /// The body of the category `slug` as plain text, once the search data is installed.
    pub fn body_text(&self, slug: &str) -> Option<&str> {
        self.search_texts()?
            .0
            .get(self.category_position(slug)?)
            .map(String::as_str)
    }

    /// The search index data, once the search data is installed.
    pub fn index_data(&self) -> Option<&IndexData> {
        self.search.get().map(|s| &s.index)
    }

    /// The library index data, once the search data is installed.
    pub fn library_index_data(&self) -> Option<&IndexData> {
        self.search.get().map(|s| &s.library_index)
    }
}

/// Helpers over a category that need nothing else.
pub trait CategoryExt {
    /// True when the category carries the tag `id`.
    fn has_tag(&self, id: &str) -> bool;
}

impl CategoryExt for Category {
    fn has_tag(&self, id: &str) -> bool {
        self.tags.iter().any(|t| t == id)
    }
}
