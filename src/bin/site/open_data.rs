//! The open data: the whole map (fields, their groups, libraries and their figures, with
//! sources and dates) as one JSON file with a documented schema, and as CSV.
//!
//! ```text
//! open-data/map.json          everything, described by map.schema.json
//! open-data/map.schema.json   its JSON Schema
//! open-data/fields.csv        one row per field
//! open-data/libraries.csv     one row per library, with its figures
//! open-data/groups.csv        one row per library in a group of a field
//! ```

use std::path::Path;

use anyhow::{Context, Result};
use pyuses_content::figures::{self, Status};
use pyuses_content::{Content, Downloads, Install, LibraryDetails, Standing};
use serde::Serialize;

use pyuses::names::{CATEGORY_ROUTE, LIBRARY_ROUTE, OPEN_DATA_DIR};

/// The schema, written by hand and published beside the data.
pub const SCHEMA: &str = include_str!("open_data/map.schema.json");

/// The version of the JSON layout; a change that breaks readers raises it.
pub const VERSION: u32 = 1;

/// The licence of the map's text.
const LICENSE: &str = "CC-BY-4.0";

/// `map.json`.
#[derive(Debug, Serialize)]
pub struct Map<'a> {
    version: u32,
    title: &'a str,
    license: &'static str,
    sources: Vec<Source<'a>>,
    fields: Vec<Field<'a>>,
    libraries: Vec<LibraryRow<'a>>,
}

#[derive(Debug, Serialize)]
struct Source<'a> {
    what: &'a str,
    name: &'a str,
    url: &'a str,
    date: &'a str,
}

#[derive(Debug, Serialize)]
struct Field<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    page: String,
    tags: &'a [String],
    aliases: &'a [String],
    related: &'a [String],
    libraries: &'a [String],
    groups: Vec<Group<'a>>,
}

#[derive(Debug, Serialize)]
struct Group<'a> {
    name: &'a str,
    libraries: &'a [String],
}

#[derive(Debug, Serialize)]
struct LibraryRow<'a> {
    id: &'a str,
    name: &'a str,
    about: &'a str,
    page: String,
    install: &'static str,
    pypi: Option<&'a str>,
    url: &'a str,
    docs: Option<&'a str>,
    source: Option<&'a str>,
    fields: Vec<&'a str>,
    status: &'static str,
    status_note: Option<&'a str>,
    version: Option<&'a str>,
    released: Option<String>,
    downloads_30_days: Option<u64>,
    downloads_fewer_than: Option<u64>,
    license: Option<&'a str>,
    requires_python: Option<&'a str>,
}

/// The map of `content`.
pub fn map(content: &Content) -> Map<'_> {
    let as_of = figures::as_of(&content.site);
    let fields = content
        .categories
        .iter()
        .zip(&content.pages)
        .map(|(category, page)| Field {
            slug: &category.slug,
            title: &category.title,
            summary: &category.summary,
            page: format!(
                "{}{}/",
                CATEGORY_ROUTE.trim_start_matches('/'),
                category.slug
            ),
            tags: &category.tags,
            aliases: &category.aliases,
            related: &category.related,
            libraries: &category.libraries,
            groups: page
                .groups
                .iter()
                .map(|g| Group {
                    name: &g.name,
                    libraries: &g.libraries,
                })
                .collect(),
        })
        .collect();
    let libraries = content
        .libraries
        .iter()
        .zip(&content.details)
        .map(|(library, details)| library_row(content, library, details, as_of))
        .collect();
    Map {
        version: VERSION,
        title: &content.site.title,
        license: LICENSE,
        sources: content
            .site
            .sources
            .iter()
            .map(|s| Source {
                what: &s.what,
                name: &s.name,
                url: &s.url,
                date: &s.date,
            })
            .collect(),
        fields,
        libraries,
    }
}

fn library_row<'a>(
    content: &'a Content,
    library: &'a pyuses_content::Library,
    details: &'a LibraryDetails,
    as_of: Option<pyuses_content::Month>,
) -> LibraryRow<'a> {
    let pulse = details.pulse.as_ref();
    let (downloads_30_days, downloads_fewer_than) = match pulse.map(|p| p.downloads) {
        Some(Downloads::Count(n)) => (Some(n), None),
        Some(Downloads::FewerThan(n)) => (None, Some(n)),
        None => (None, None),
    };
    LibraryRow {
        id: &library.id,
        name: &library.name,
        about: &details.about,
        page: format!("{}{}/", LIBRARY_ROUTE.trim_start_matches('/'), library.id),
        install: match library.install {
            Install::Pypi(_) => "pypi",
            Install::Stdlib => "stdlib",
            Install::Other(_) => "other",
        },
        pypi: library.install.pypi(),
        url: &details.url,
        docs: details.docs.as_deref(),
        source: details.source.as_deref(),
        fields: content
            .categories
            .iter()
            .filter(|c| c.libraries.contains(&library.id))
            .map(|c| c.slug.as_str())
            .collect(),
        status: Status::of(details, as_of).key(),
        status_note: match &details.standing {
            Standing::Current => None,
            Standing::Stable(note) | Standing::History(note) => Some(note),
        },
        version: pulse.and_then(|p| p.version.as_deref()),
        released: pulse
            .and_then(|p| p.released)
            .map(|m| format!("{:04}-{:02}", m.year, m.month)),
        downloads_30_days,
        downloads_fewer_than,
        license: pulse.and_then(|p| p.license.as_deref()),
        requires_python: pulse.and_then(|p| p.python.as_deref()),
    }
}

/// Writes every open-data file into `dist`.
pub fn write(dist: &Path, content: &Content) -> Result<()> {
    let dir = dist.join(OPEN_DATA_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let map = map(content);
    let json = serde_json::to_string_pretty(&map).context("writing the map as JSON")?;
    write_file(&dir.join("map.json"), json.as_bytes())?;
    write_file(&dir.join("map.schema.json"), SCHEMA.as_bytes())?;
    write_file(&dir.join("fields.csv"), &fields_csv(&map)?)?;
    write_file(&dir.join("libraries.csv"), &libraries_csv(&map)?)?;
    write_file(&dir.join("groups.csv"), &groups_csv(&map)?)?;
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// `fields.csv`: slug, title, summary, page, tags, libraries (ids joined by spaces).
pub fn fields_csv(map: &Map<'_>) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "slug",
        "title",
        "summary",
        "page",
        "tags",
        "groups",
        "libraries",
    ])?;
    for field in &map.fields {
        out.write_record([
            field.slug,
            field.title,
            field.summary,
            &field.page,
            &field.tags.join(" "),
            &field.groups.len().to_string(),
            &field.libraries.join(" "),
        ])?;
    }
    Ok(out.into_inner()?)
}

/// `libraries.csv`: one row per library, with its figures; empty cells where unknown.
pub fn libraries_csv(map: &Map<'_>) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id",
        "name",
        "about",
        "page",
        "install",
        "pypi",
        "version",
        "released",
        "downloads_30_days",
        "downloads_fewer_than",
        "status",
        "license",
        "requires_python",
        "url",
        "fields",
    ])?;
    let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for l in &map.libraries {
        out.write_record([
            l.id,
            l.name,
            l.about,
            &l.page,
            l.install,
            l.pypi.unwrap_or_default(),
            l.version.unwrap_or_default(),
            l.released.as_deref().unwrap_or_default(),
            &number(l.downloads_30_days),
            &number(l.downloads_fewer_than),
            l.status,
            l.license.unwrap_or_default(),
            l.requires_python.unwrap_or_default(),
            l.url,
            &l.fields.join(" "),
        ])?;
    }
    Ok(out.into_inner()?)
}

/// `groups.csv`: field, group, library, in the content's order.
pub fn groups_csv(map: &Map<'_>) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["field", "group", "library"])?;
    for field in &map.fields {
        for group in &field.groups {
            for library in group.libraries {
                out.write_record([field.slug, group.name, library])?;
            }
        }
    }
    Ok(out.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The repository's content, through the pipeline.
    fn content() -> Content {
        pyuses_content::pipeline::build_dir(Path::new("content")).unwrap()
    }

    #[test]
    fn the_map_has_every_field_and_library_and_reads_back_as_json() {
        let content = &content();
        let json = serde_json::to_string(&map(content)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["fields"].as_array().unwrap().len(),
            content.categories.len()
        );
        assert_eq!(
            value["libraries"].as_array().unwrap().len(),
            content.libraries.len()
        );
        let django = value["libraries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == "django")
            .unwrap();
        assert_eq!(django["pypi"], "Django");
        assert_eq!(django["page"], "library/django/");
        assert!(
            django["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "web-development")
        );
    }

    #[test]
    fn the_schema_describes_every_key_the_map_writes() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap();
        let value = serde_json::to_value(map(&content())).unwrap();
        let described = |path: &str| -> Vec<String> {
            let mut node = &schema;
            for part in path.split('/').filter(|p| !p.is_empty()) {
                node = &node[part];
            }
            node["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        assert_eq!(keys(&value), sorted(described("")));
        assert_eq!(keys(&value["fields"][0]), sorted(described("$defs/field")));
        assert_eq!(
            keys(&value["libraries"][0]),
            sorted(described("$defs/library"))
        );
        assert_eq!(
            keys(&value["sources"][0]),
            sorted(described("$defs/source"))
        );
    }

    #[test]
    fn the_csv_files_have_a_row_per_item_and_quote_what_needs_it() {
        let content = &content();
        let map = map(content);
        let libraries = String::from_utf8(libraries_csv(&map).unwrap()).unwrap();
        assert_eq!(libraries.lines().count(), content.libraries.len() + 1);
        assert!(libraries.starts_with("id,name,about,page,install,pypi,version,released,"));
        let mut reader = csv::Reader::from_reader(libraries.as_bytes());
        assert_eq!(reader.records().count(), content.libraries.len());
        let fields = String::from_utf8(fields_csv(&map).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(fields.as_bytes());
        assert_eq!(reader.records().count(), content.categories.len());
    }
}
