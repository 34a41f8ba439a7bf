//! A local list of PyPI projects: tab-separated, one project a line after the header
//! `name  version  month  rank_among_15000_most_downloaded  summary`, where `month` is the
//! latest release's `YYYY-MM` and an empty field is unknown. The list can hold every
//! project on PyPI (close to a million lines), so it is streamed, keeping only the lines
//! of the projects asked for.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{Context, Result, ensure};
use pyuses_content::Month;
use pyuses_content::pipeline::library::normalize_pypi;

use super::{Lookup, Release};

/// The first columns of the header, in order.
const COLUMNS: [&str; 3] = ["name", "version", "month"];

/// Looks up every project (library id → project) in the list at `path`; a project the list
/// does not have is not found.
pub fn read(path: &Path, projects: &BTreeMap<String, String>) -> Result<BTreeMap<String, Lookup>> {
    let file = File::open(path)
        .with_context(|| format!("cannot read the project list `{}`", path.display()))?;
    let found = scan(BufReader::new(file), projects)
        .with_context(|| format!("cannot read the project list `{}`", path.display()))?;
    Ok(projects
        .keys()
        .map(|id| {
            let lookup = found
                .get(id)
                .cloned()
                .map_or(Lookup::NotFound, Lookup::Found);
            (id.clone(), lookup)
        })
        .collect())
}

/// The releases of the projects asked for that the list has, by library id.
fn scan(
    reader: impl BufRead,
    projects: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, Release>> {
    let wanted: HashMap<String, &String> = projects
        .iter()
        .map(|(id, project)| (normalize_pypi(project), id))
        .collect();
    let mut lines = reader.split(b'\n');
    let header = lines.next().transpose()?.unwrap_or_default();
    let header = String::from_utf8_lossy(&header);
    let columns: Vec<&str> = header.trim_end().split('\t').collect();
    ensure!(
        columns.get(..COLUMNS.len()) == Some(&COLUMNS[..]),
        "its first line is not the header `{}\t…`",
        COLUMNS.join("\t")
    );
    let mut found = BTreeMap::new();
    for line in lines {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        let mut fields = line.trim_end_matches(['\r', '\n']).split('\t');
        let Some(id) = fields
            .next()
            .and_then(|name| wanted.get(&normalize_pypi(name)))
        else {
            continue;
        };
        let known = |field: Option<&str>| {
            field
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
        };
        let version = known(fields.next());
        // A month that does not read as one is unknown rather than wrong.
        let released =
            known(fields.next()).filter(|month| month.len() == 7 && Month::parse(month).is_some());
        found.insert(
            (*id).clone(),
            Release {
                version,
                released,
                license: None,
                python: None,
            },
        );
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_pypi_compares_them_and_empty_fields_are_unknown() {
        let list = "name\tversion\tmonth\trank_among_15000_most_downloaded\tsummary\n\
                    django\t6.1.3\t2026-11\t528\tA web framework\n\
                    zope.interface\t\t\t\tInterfaces\n\
                    typing_extensions\t4.15.0\tlater\t3\tBackports\n";
        let projects = BTreeMap::from([
            ("django".to_owned(), "Django".to_owned()),
            ("zope".to_owned(), "Zope_Interface".to_owned()),
            ("typing".to_owned(), "typing-extensions".to_owned()),
            ("missing".to_owned(), "missing".to_owned()),
        ]);
        let found = scan(list.as_bytes(), &projects).unwrap();
        assert_eq!(found["django"].version.as_deref(), Some("6.1.3"));
        assert_eq!(found["django"].released.as_deref(), Some("2026-11"));
        assert_eq!(found["zope"], Release::default());
        assert_eq!(found["typing"].released, None);
        assert!(!found.contains_key("missing"));
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        let projects = BTreeMap::new();
        assert!(scan("django\t6.1.3\t2026-11\n".as_bytes(), &projects).is_err());
        assert!(scan("".as_bytes(), &projects).is_err());
    }
}
