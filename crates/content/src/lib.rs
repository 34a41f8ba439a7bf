//! The content model of "What is Python used for?", and its data files.
//!
//! This crate is the one description of the content. The build-time [`pipeline`] (feature
//! `pipeline`) reads `content/`, checks it and produces a [`Content`]; the site tool writes
//! it into `dist/` as data files ([`HomeData`], [`FieldBody`]) and prerenders every page
//! from it; the app fetches and decodes the same data files ([`decode`]), and the tests run
//! over it. No markdown parser, TOML parser or indexer ships in the wasm.
//!
//! # Data files
//! - `data/home.<hash>.bin`: a [`HomeData`], what the home page needs: the site texts,
//!   every card, every library's name and install command, and the icons.
//! - `data/search.<hash>.bin`: a [`SearchData`], the search indexes built at build time
//!   and the texts they search (the fields' bodies as plain text, for snippets, and each
//!   library's other names and description), fetched when the visitor first searches.
//! - `data/field/<slug>.<hash>.bin`: a [`FieldBody`], one field page's body as HTML and its
//!   libraries' details (links, figures, standing), fetched when the page, or the page of
//!   one of its libraries, is opened.
//!
//! All are [postcard](https://docs.rs/postcard): a compact binary serde format whose
//! decoder adds a few kilobytes to the wasm (JSON would add a number parser and a string
//! unescaper; see the README's Sizes section for the measurement).

pub mod figures;
#[cfg(feature = "pipeline")]
pub mod pipeline;
pub mod pulse;

use std::collections::BTreeMap;

use pyuses_search::{Document, IndexData};
use serde::{Deserialize, Serialize};

/// The data files' extension.
pub const EXTENSION: &str = "bin";

/// The version of the data files' layout; a data file of another version is rejected.
pub const FORMAT: u32 = 4;

/// Everything the content folder holds, checked and rendered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// The site-wide texts and lists.
    pub site: Site,
    /// The categories, sorted by `order`, then title.
    pub categories: Vec<Category>,
    /// Each category's page, in the order of `categories`.
    pub pages: Vec<Page>,
    /// Each category's body as plain text, in the order of `categories`: what search
    /// reads, and where its snippets point.
    pub bodies: Vec<String>,
    /// Every library, sorted by id.
    pub libraries: Vec<Library>,
    /// Every library's details, in the order of `libraries`.
    pub details: Vec<LibraryDetails>,
    /// Icon name → SVG path data (all of its strokes, as one path), sorted by name.
    pub icons: BTreeMap<String, String>,
    /// What the build prints but does not stop for: libraries quiet for two years that
    /// the content neither calls stable nor marks as history.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// What a field's own page adds to its card: fetched when the page is opened.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Page {
    /// The body as HTML, checked and rendered at build time from trusted content, with its
    /// code example highlighted.
    pub html: String,
    /// "Start here": the first steps, in order.
    pub start: Vec<Step>,
    /// Organisations that document their use of Python in this field.
    pub users: Vec<User>,
    /// The field's libraries in small groups that do the same job: each library's
    /// alternatives are the other members of its groups.
    pub groups: Vec<Group>,
    /// The field's downloads chart, as SVG markup drawn at build time from trusted data;
    /// empty when fewer than two of its libraries have counts.
    pub chart: String,
}

/// A few of a field's libraries that do the same job, under a short name ("ASGI servers").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The job they share, as a short plural noun phrase.
    pub name: String,
    /// Library ids, in the field's order of importance.
    pub libraries: Vec<String>,
}

/// One "start here" step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What to do, in one sentence.
    pub text: String,
    /// The official tutorial or guide it links to.
    pub url: String,
}

/// An organisation that publicly documents its use of Python in a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The organisation.
    pub name: String,
    /// The page that documents it.
    pub url: String,
    /// What that page says, in one sentence.
    pub what: String,
}

/// One field where Python is used: a card on the home page and a page of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// URL slug: `category/<slug>/`.
    pub slug: String,
    /// Card and page title.
    pub title: String,
    /// One sentence for the card and the meta description.
    pub summary: String,
    /// Key into the icon set.
    pub icon: String,
    /// Position on the home grid, ascending.
    pub order: i64,
    /// Tag ids, for the filter chips.
    pub tags: Vec<String>,
    /// Other names the field goes by; shown and searchable.
    pub aliases: Vec<String>,
    /// Extra search terms; not shown.
    pub keywords: Vec<String>,
    /// Slugs of related categories.
    pub related: Vec<String>,
    /// The ids of its best-known libraries, most important first.
    pub libraries: Vec<String>,
}

/// A library or tool, described once and used by the fields that list its id: what every
/// card needs (its [`LibraryDetails`] are what its page and search results add).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// Its id: the file name `libraries/<id>.toml`, and its page `library/<id>/`.
    pub id: String,
    /// Display name, as the project writes it.
    pub name: String,
    /// How it is installed.
    pub install: Install,
}

/// What a library's page and its search results show beyond its [`Library`] entry: in the
/// search data and in the pages of the fields that use it, not in the home data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryDetails {
    /// The library's id.
    pub id: String,
    /// Official home page.
    pub url: String,
    /// Official documentation, when it is not the home page.
    pub docs: Option<String>,
    /// Official source repository.
    pub source: Option<String>,
    /// One line: what it is and what it is for.
    pub about: String,
    /// Other names people type: `bs4`, `sklearn`, `PyQt6`.
    pub aliases: Vec<String>,
    /// What the content says of its upkeep.
    pub standing: Standing,
    /// Its figures from PyPI and the download data, for PyPI projects found there.
    pub pulse: Option<Pulse>,
}

impl LibraryDetails {
    /// What search reads of the library.
    pub fn text(&self) -> LibraryText {
        LibraryText {
            aliases: self.aliases.clone(),
            about: self.about.clone(),
        }
    }

    /// The month of its latest release, when that is [`pulse::QUIET_MONTHS`] or more
    /// before `as_of`.
    pub fn quiet_since(&self, as_of: Month) -> Option<Month> {
        let released = self.pulse.as_ref()?.released?;
        (released.months_until(as_of) >= pulse::QUIET_MONTHS).then_some(released)
    }
}

/// What the content says of a library's upkeep, beside what its release dates show.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Standing {
    /// Nothing to add: a current choice.
    #[default]
    Current,
    /// Stable and rarely released, by design: one sentence on why that is fine.
    Stable(String),
    /// Kept for history: one sentence on what to use instead, or why it is still listed.
    History(String),
}

/// A library's figures, each from the source named in [`Site::sources`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulse {
    /// The latest version on PyPI.
    pub version: Option<String>,
    /// The month of the latest release.
    pub released: Option<Month>,
    /// Downloads in the download data's 30 days.
    pub downloads: Downloads,
    /// The licence, as PyPI's metadata states it, when known.
    pub license: Option<String>,
    /// The Python versions it supports (its `Requires-Python`), when known.
    pub python: Option<String>,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    /// The year, for example 2026.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

impl Month {
    /// The month's English name.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        NAMES[usize::from(self.month.clamp(1, 12) - 1)]
    }

    /// Whole months from `self` to `later`.
    pub fn months_until(self, later: Month) -> i32 {
        (i32::from(later.year) * 12 + i32::from(later.month))
            - (i32::from(self.year) * 12 + i32::from(self.month))
    }

    /// Parses `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Month> {
        let mut parts = text.split('-');
        let year: u16 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month: u8 = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
        match parts.next() {
            None => {}
            Some(day)
                if day.len() == 2 && day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)) => {}
            Some(_) => return None,
        }
        (parts.next().is_none() && (1..=12).contains(&month)).then_some(Month { year, month })
    }
}

impl std::fmt::Display for Month {
    /// "March 2022".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.name(), self.year)
    }
}

/// A library's monthly downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Downloads {
    /// Its count in the download data.
    Count(u64),
    /// Not among the data's projects: fewer than the smallest count it lists.
    FewerThan(u64),
}

impl Downloads {
    /// A number to sort by: the count, or the bound for "fewer than".
    pub fn sort_key(self) -> u64 {
        match self {
            Self::Count(n) => n,
            Self::FewerThan(n) => n.saturating_sub(1) / 2,
        }
    }
}

/// Where a kind of figure comes from, and when it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSource {
    /// What it measures, as a caption says it: "Downloads in 30 days".
    pub what: String,
    /// The source's name.
    pub name: String,
    /// Its public page.
    pub url: String,
    /// The date of its data, `YYYY-MM-DD`.
    pub date: String,
}

/// How a library is installed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Install {
    /// From PyPI: `python -m pip install <project>`.
    Pypi(String),
    /// Included with Python.
    Stdlib,
    /// Not with pip: one sentence on how it is obtained.
    Other(String),
}

impl Install {
    /// The command that installs it, for PyPI projects.
    pub fn command(&self) -> Option<String> {
        match self {
            Self::Pypi(project) => Some(format!("python -m pip install {project}")),
            Self::Stdlib | Self::Other(_) => None,
        }
    }

    /// The PyPI project, for PyPI projects.
    pub fn pypi(&self) -> Option<&str> {
        match self {
            Self::Pypi(project) => Some(project),
            Self::Stdlib | Self::Other(_) => None,
        }
    }
}

/// A filter tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Id used in URLs and front matter.
    pub id: String,
    /// Chip label.
    pub label: String,
}

/// One item of the "Python is generally used for" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Use {
    /// The item as the list words it.
    pub label: String,
    /// The slug of the card that covers it.
    pub category: String,
}

/// One reason why Python is used so widely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// Short lead.
    pub title: String,
    /// Inline HTML rendered from trusted content.
    pub html: String,
    /// The same text without markup, for search.
    pub text: String,
}

/// A titled external link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Link text.
    pub title: String,
    /// Absolute https URL.
    pub url: String,
}

/// The site-wide content from `site.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Site title.
    pub title: String,
    /// Home page meta description.
    pub description: String,
    /// The intro, rendered to HTML from trusted content.
    pub intro_html: String,
    /// python.org's page on Python's applications.
    pub python_apps_url: String,
    /// The Python Package Index.
    pub pypi_url: String,
    /// Heading of the "why Python" section.
    pub why_title: String,
    /// Closing sentence of the "why Python" section.
    pub why_summary: String,
    /// Heading of the "further reading" section.
    pub reading_title: String,
    /// One sentence for the "further reading" section's search card.
    pub reading_summary: String,
    /// What search finds in the "further reading" section besides its links' titles.
    pub reading_text: String,
    /// Filter tags in display order.
    pub tags: Vec<Tag>,
    /// "Python is generally used for".
    pub uses: Vec<Use>,
    /// Why Python is used so widely.
    pub reasons: Vec<Reason>,
    /// Further reading.
    pub further_reading: Vec<Link>,
    /// Where the libraries' figures come from: the releases' source first, then the
    /// downloads'. Empty when the content has no pulse file.
    pub sources: Vec<DataSource>,
}

/// The home page's data file: what the cards, filters and chips show. The field pages'
/// bodies, the texts search reads and the libraries' details are files of their own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HomeData {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The site-wide texts and lists.
    pub site: Site,
    /// The categories, in home-page order.
    pub categories: Vec<Category>,
    /// Each category's body file, relative to the site root, in the order of `categories`.
    pub bodies: Vec<String>,
    /// Every library, sorted by id.
    pub libraries: Vec<Library>,
    /// Icon name → SVG path data (all of its strokes, as one path).
    pub icons: BTreeMap<String, String>,
    /// The [`SearchData`] file, relative to the site root.
    pub search: String,
}

/// The search data file: the indexes, built at build time, and the texts of the documents
/// they index beyond the home data's. Apart from the home data, because a visit that never
/// searches never needs it. A library's links, figures and standing are not in it: a
/// library's page takes its [`LibraryDetails`] from the [`FieldBody`] of the fields that
/// list it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchData {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The search index over [`search_documents`].
    pub index: IndexData,
    /// The search index over [`library_documents`].
    pub library_index: IndexData,
    /// Each category's body as plain text, in home-page order.
    pub bodies: Vec<String>,
    /// What search reads of every library, in the order of the home data's libraries.
    pub libraries: Vec<LibraryText>,
}

/// What search reads of a library beyond its [`Library`] entry, and what its result card
/// shows: the part of its [`LibraryDetails`] that the search data carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LibraryText {
    /// Other names people type: `bs4`, `sklearn`, `PyQt6`.
    pub aliases: Vec<String>,
    /// One line: what it is and what it is for.
    pub about: String,
}

/// One field page's data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldBody {
    /// [`FORMAT`] when written.
    pub format: u32,
    /// The category's slug, so a file can be checked against the page that asked for it.
    pub slug: String,
    /// The page.
    pub page: Page,
    /// The details of the field's libraries, in the field's order.
    pub libraries: Vec<LibraryDetails>,
}

/// Why a data file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not a data file of this layout.
    Corrupt(String),
    /// The file was written for another layout version.
    Format(u32),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Corrupt(why) => write!(f, "the data file is damaged ({why})"),
            Self::Format(found) => write!(
                f,
                "the data file has layout version {found}, this app reads version {FORMAT}"
            ),
        }
    }
}

/// A data file that carries its layout version.
pub trait DataFile: Serialize + for<'de> Deserialize<'de> {
    /// The layout version the file was written with.
    fn format(&self) -> u32;
}

impl DataFile for HomeData {
    fn format(&self) -> u32 {
        self.format
    }
}

impl DataFile for SearchData {
    fn format(&self) -> u32 {
        self.format
    }
}

impl DataFile for FieldBody {
    fn format(&self) -> u32 {
        self.format
    }
}

/// Encodes a data file.
pub fn encode<T: DataFile>(value: &T) -> Vec<u8> {
    // Serializing owned strings, vectors and maps into a vector cannot fail.
    postcard::to_allocvec(value).unwrap_or_default()
}

/// Decodes a data file, checking its layout version.
pub fn decode<T: DataFile>(bytes: &[u8]) -> Result<T, DecodeError> {
    let value: T = postcard::from_bytes(bytes).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    if value.format() != FORMAT {
        return Err(DecodeError::Format(value.format()));
    }
    Ok(value)
}

/// The ids of the searchable sections of the home page, after the categories in the index.
pub const SECTIONS: [&str; 2] = ["why-python", "further-reading"];

/// The words of the "further reading" search card's libraries field.
const READING_TERMS: [&str; 3] = ["PyPI", "Python Package Index", "python.org"];

/// The documents the search index holds, in index order: the categories, then the
/// sections of [`SECTIONS`]. The build step indexes exactly these, and the app rebuilds the
/// same list over the decoded data to search it.
pub fn search_documents<'a>(
    site: &'a Site,
    categories: &'a [Category],
    bodies: &'a [String],
    lists: &'a DocumentLists<'a>,
) -> Vec<Document<'a>> {
    let mut docs: Vec<Document<'a>> = categories
        .iter()
        .zip(bodies)
        .zip(&lists.per_category)
        .map(|((c, body), lists)| Document {
            title: &c.title,
            aliases: &lists.aliases,
            // The aliases come first, then the keywords and the libraries' other names.
            alias_names: c.aliases.len(),
            libraries: &lists.libraries,
            summary: &c.summary,
            body,
            about: &lists.about,
        })
        .collect();
    docs.push(Document {
        title: &site.why_title,
        aliases: &lists.reason_titles,
        alias_names: 0,
        libraries: &[],
        summary: &site.why_summary,
        body: &lists.reasons_text,
        about: &[],
    });
    docs.push(Document {
        title: &site.reading_title,
        aliases: &lists.reading_titles,
        alias_names: 0,
        libraries: &READING_TERMS,
        summary: &site.reading_summary,
        body: &site.reading_text,
        about: &[],
    });
    docs
}

/// The word lists that [`search_documents`] borrows: documents hold slices of `&str`, and
/// the content holds `String`s.
#[derive(Debug, Default)]
pub struct DocumentLists<'a> {
    /// Per category, in order.
    pub per_category: Vec<CategoryLists<'a>>,
    /// The "why Python" reasons' titles.
    pub reason_titles: Vec<&'a str>,
    /// The reasons' texts, one per line.
    pub reasons_text: String,
    /// The further-reading links' titles.
    pub reading_titles: Vec<&'a str>,
}

/// The word lists of one category's search document.
#[derive(Debug, Default)]
pub struct CategoryLists<'a> {
    /// Its aliases, then its keywords, then its libraries' other names.
    pub aliases: Vec<&'a str>,
    /// Its libraries' names, in its order of importance.
    pub libraries: Vec<&'a str>,
    /// What each of its libraries is for, in the same order.
    pub about: Vec<&'a str>,
}

impl<'a> DocumentLists<'a> {
    /// The lists for `site`, `categories` and their `libraries` (sorted by id) with their
    /// `texts` (in the same order).
    pub fn new(
        site: &'a Site,
        categories: &'a [Category],
        libraries: &'a [Library],
        texts: &'a [LibraryText],
    ) -> Self {
        Self {
            per_category: categories
                .iter()
                .map(|c| {
                    let used: Vec<(&Library, Option<&LibraryText>)> = c
                        .libraries
                        .iter()
                        .filter_map(|id| {
                            let at = position(libraries, id)?;
                            Some((libraries.get(at)?, texts.get(at)))
                        })
                        .collect();
                    // The names people type for its libraries (`bs4`, `sklearn`) find the
                    // field too; they go after the aliases and keywords, which are the ones
                    // a card shows, so highlights keep their places.
                    let aliases = c
                        .aliases
                        .iter()
                        .chain(&c.keywords)
                        .chain(
                            used.iter()
                                .flat_map(|(_, d)| d.iter().flat_map(|d| &d.aliases)),
                        )
                        .map(String::as_str)
                        .collect();
                    CategoryLists {
                        aliases,
                        libraries: used.iter().map(|(l, _)| l.name.as_str()).collect(),
                        about: used
                            .iter()
                            .map(|(_, d)| d.map_or("", |d| d.about.as_str()))
                            .collect(),
                    }
                })
                .collect(),
            reason_titles: site.reasons.iter().map(|r| r.title.as_str()).collect(),
            reasons_text: reasons_text(site),
            reading_titles: site
                .further_reading
                .iter()
                .map(|l| l.title.as_str())
                .collect(),
        }
    }
}

/// The text of the "why Python" section's search document: the reasons' texts, one per
/// line.
pub fn reasons_text(site: &Site) -> String {
    site.reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The synonym groups the index is built with: each category's aliases name the same field,
/// so "ML" finds what "machine learning" finds.
pub fn synonym_groups(categories: &[Category]) -> Vec<Vec<&str>> {
    categories
        .iter()
        .filter(|c| c.aliases.len() > 1)
        .map(|c| c.aliases.iter().map(String::as_str).collect())
        .collect()
}

/// The library with this id in `libraries`, which is sorted by id.
pub fn library<'a>(libraries: &'a [Library], id: &str) -> Option<&'a Library> {
    libraries.get(position(libraries, id)?)
}

/// Where the library `id` stands in `libraries`, which is sorted by id.
pub fn position(libraries: &[Library], id: &str) -> Option<usize> {
    libraries.binary_search_by(|l| l.id.as_str().cmp(id)).ok()
}

/// The details of the library `id` in `details`, which is sorted by id.
pub fn details<'a>(details: &'a [LibraryDetails], id: &str) -> Option<&'a LibraryDetails> {
    let at = details.binary_search_by(|d| d.id.as_str().cmp(id)).ok()?;
    details.get(at)
}

/// The names each library's search document holds: its PyPI project (when it is not just
/// the name), its id and its other names. `texts` are in the order of `libraries`.
pub fn library_names<'a>(libraries: &'a [Library], texts: &'a [LibraryText]) -> Vec<Vec<&'a str>> {
    libraries
        .iter()
        .enumerate()
        .map(|(at, l)| {
            let mut names: Vec<&str> = Vec::new();
            for name in l.install.pypi().into_iter().chain([l.id.as_str()]) {
                if !name.eq_ignore_ascii_case(&l.name) && !names.contains(&name) {
                    names.push(name);
                }
            }
            names.extend(
                texts
                    .get(at)
                    .into_iter()
                    .flat_map(|d| &d.aliases)
                    .map(String::as_str),
            );
            names
        })
        .collect()
}

/// The documents of the library index, in the order of `libraries`: a library is found
/// by its names only (its name as the title, its other names as aliases), so a query
/// finds a library when it names one.
pub fn library_documents<'a>(
    libraries: &'a [Library],
    names: &'a [Vec<&'a str>],
) -> Vec<Document<'a>> {
    libraries
        .iter()
        .zip(names)
        .map(|(l, names)| Document {
            title: &l.name,
            aliases: names,
            alias_names: names.len(),
            libraries: &[],
            summary: "",
            body: "",
            about: &[],
        })
        .collect()
}
