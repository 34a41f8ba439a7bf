//! `site pulse refresh`: (re)writes `content/pulse.toml`, every PyPI library's figures.
//!
//! The libraries are the content's: each one installed from PyPI gets an entry under its id
//! (standard-library ones get none). Two sources fill them in:
//! - the releases ([`pypi`], PyPI's JSON API, or [`project_list`], a local list of every
//!   project with its version and release month): version, release date, licence and
//!   `Requires-Python`;
//! - the downloads ([`downloads`], the top-pypi-packages data): each project's downloads in
//!   30 days, and the smallest count listed, which the site shows as "fewer than" for the
//!   projects outside it.
//!
//! The file is written with the content crate's own types, keys sorted, so that a refresh
//! is a small diff; then [`summary`] says what changed since the file that was there.
//! A project that could not be read keeps its previous figures: a passing network error
//! never removes data.

mod downloads;
mod project_list;
mod pypi;
mod summary;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail, ensure};
use clap::Subcommand;
use pyuses_content::pipeline::{self, library::normalize_pypi};
use pyuses_content::pulse::{LibraryPulse, PULSE_FILE, PulseFile, SourceMeta};
use pyuses_content::{Install, Month, Standing};

use crate::http;

/// What the releases source is called in the file, for each kind.
const PYPI_NAME: &str = "PyPI";
const PROJECT_LIST_NAME: &str = "PyPI project list";
/// The releases source's public page, whichever way it was read.
const PYPI_PAGE: &str = "https://pypi.org/";

/// The `pulse` commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// (Re)write content/pulse.toml from PyPI and the download data
    Refresh(RefreshArgs),
}

/// `site pulse refresh`'s options.
#[derive(Debug, clap::Args)]
pub struct RefreshArgs {
    /// The content folder whose PyPI libraries get figures
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The file to write [default: <CONTENT>/pulse.toml]; what was there is the "before"
    /// of the summary
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// PyPI's JSON API, asked once per project
    #[arg(long, default_value = pypi::DEFAULT_API, conflicts_with = "pypi_list")]
    pub pypi: String,
    /// Read versions and release months from a local project list instead (TSV with the
    /// header `name  version  month  rank_among_15000_most_downloaded  summary`)
    #[arg(long, value_name = "FILE", requires = "as_of")]
    pub pypi_list: Option<PathBuf>,
    /// The date of the releases data, YYYY-MM-DD [default with --pypi: today, UTC]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// The download data (top-pypi-packages' JSON), as a URL or a file
    #[arg(long, value_name = "URL_OR_FILE", default_value = downloads::DEFAULT_URL)]
    pub downloads: String,
    /// Requests to PyPI at once
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Seconds each request may take
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = http::parse_seconds)]
    pub timeout: Duration,
    /// Tries after a failed one (network error, timeout, 5xx, 429)
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Print the summary without writing the file
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs a `pulse` command.
pub fn run(command: Command) -> Result<()> {
    match command {
        Command::Refresh(args) => {
            print!("{}", refresh(args)?);
            Ok(())
        }
    }
}

/// What a releases source says of one project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The project, with what the source knows of its latest release.
    Found(Release),
    /// The source does not have the project.
    NotFound,
    /// The source could not be read for it, even after retries: why.
    Failed(String),
}

/// A project's latest release; each part is `None` when the source does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Release {
    /// Its version.
    pub version: Option<String>,
    /// Its date, `YYYY-MM-DD` or `YYYY-MM`.
    pub released: Option<String>,
    /// Its licence.
    pub license: Option<String>,
    /// Its `Requires-Python`.
    pub python: Option<String>,
}

/// The content's PyPI libraries, as the refresh needs them.
#[derive(Debug, Default)]
pub struct Libraries {
    /// Library id → its PyPI project, as its file spells it.
    pub projects: BTreeMap<String, String>,
    /// The ids whose files say they are `stable` or kept for `history` → which.
    pub marked: BTreeMap<String, &'static str>,
}

/// Refreshes the pulse file (unless it is a dry run) and returns the summary.
pub fn refresh(args: RefreshArgs) -> Result<String> {
    let libraries = read_libraries(&args.content)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.content.join(PULSE_FILE));
    let previous = read_previous(&out)?;
    let as_of = match &args.as_of {
        Some(date) => {
            ensure!(is_date(date), "`--as-of {date}` is not a date (YYYY-MM-DD)");
            date.clone()
        }
        None => today(),
    };
    ensure!(args.concurrency > 0, "`--concurrency` must be at least 1");

    let client = http::client(args.timeout, reqwest::redirect::Policy::limited(5))?;
    let runtime = tokio::runtime::Runtime::new().context("failed to start the runtime")?;
    // One pacer per server: a pause PyPI asks for does not hold up the download data.
    let (downloads_pacer, pypi_pacer) = (http::Pacer::default(), http::Pacer::default());
    // The download data first: a source that cannot be read stops the refresh before
    // hundreds of requests to PyPI.
    let downloads = runtime.block_on(downloads::read(
        &client,
        &args.downloads,
        http::Patience {
            retries: args.retries,
            pacer: &downloads_pacer,
        },
    ))?;
    let (releases, lookups) = match &args.pypi_list {
        Some(file) => (
            source(PROJECT_LIST_NAME, &as_of),
            project_list::read(file, &libraries.projects)?,
        ),
        None => {
            let lookups = runtime.block_on(pypi::fetch_all(
                &client,
                &args.pypi,
                &libraries.projects,
                args.concurrency,
                http::Patience {
                    retries: args.retries,
                    pacer: &pypi_pacer,
                },
            ));
            (source(PYPI_NAME, &as_of), lookups)
        }
    };

    // A project list says nothing of licences and Python versions: those of the same
    // version are kept from the file before.
    let carry = args.pypi_list.is_some();
    let (entries, failed) = merge(
        &libraries.projects,
        lookups,
        &downloads,
        previous.as_ref(),
        carry,
    );
    let file = PulseFile {
        releases,
        downloads: downloads.meta.clone(),
        libraries: entries,
    };
    let text = render(&file)?;
    // What is written must be what the build reads.
    let reread: PulseFile =
        toml::from_str(&text).context("the written pulse file does not read back")?;
    ensure!(reread == file, "the written pulse file does not read back");

    if !args.dry_run {
        fs::write(&out, &text).with_context(|| format!("cannot write `{}`", out.display()))?;
    }
    let report = summary::Report {
        out: &out,
        written: !args.dry_run,
        previous: previous.as_ref(),
        new: &file,
        failed: &failed,
        marked: &libraries.marked,
        listed: downloads.counts.len(),
    };
    Ok(report.to_string())
}

/// The content's PyPI libraries. The pulse file is left out of the build: it is what is
/// being refreshed, and a stale one (a library's project changed) must not stop it.
pub fn read_libraries(dir: &Path) -> Result<Libraries> {
    let mut sources = pipeline::read_sources(dir)
        .with_context(|| format!("cannot read the content in `{}`", dir.display()))?;
    sources.remove(Path::new(PULSE_FILE));
    let content = match pipeline::build(&sources) {
        Ok(content) => content,
        Err(errors) => {
            let lines: Vec<String> = errors
                .into_sorted()
                .iter()
                .map(|e| format!("  {}", e.display_in(dir)))
                .collect();
            bail!(
                "the content in `{}` does not build:\n{}",
                dir.display(),
                lines.join("\n")
            );
        }
    };
    let mut libraries = Libraries::default();
    for (library, details) in content.libraries.iter().zip(&content.details) {
        if let Install::Pypi(project) = &library.install {
            libraries
                .projects
                .insert(library.id.clone(), project.clone());
            let marked = match details.standing {
                Standing::Current => None,
                Standing::Stable(_) => Some("stable"),
                Standing::History(_) => Some("history"),
            };
            if let Some(marked) = marked {
                libraries.marked.insert(library.id.clone(), marked);
            }
        }
    }
    Ok(libraries)
}

/// The pulse file that is there now, if any.
fn read_previous(path: &Path) -> Result<Option<PulseFile>> {
    if !path.exists() {
        return Ok(None);
    }
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let file = toml::from_str(&text).with_context(|| {
        format!(
            "`{}` is not a pulse file; fix it or delete it before refreshing",
            path.display()
        )
    })?;
    Ok(Some(file))
}

/// The releases source's entry.
fn source(name: &str, date: &str) -> SourceMeta {
    SourceMeta {
        name: name.to_owned(),
        url: PYPI_PAGE.to_owned(),
        date: date.to_owned(),
    }
}

/// Each library's new entry, and the libraries whose project could not be read (id → why),
/// which keep their previous figures (with the new download count).
pub fn merge(
    projects: &BTreeMap<String, String>,
    mut lookups: BTreeMap<String, Lookup>,
    downloads: &downloads::Downloads,
    previous: Option<&PulseFile>,
    carry: bool,
) -> (BTreeMap<String, LibraryPulse>, BTreeMap<String, String>) {
    let mut entries = BTreeMap::new();
    let mut failed = BTreeMap::new();
    for (id, project) in projects {
        let count = downloads.count(project);
        // The previous entry, when it was for the same project.
        let before = previous
            .and_then(|file| file.libraries.get(id))
            .filter(|entry| normalize_pypi(&entry.pypi) == normalize_pypi(project));
        let lookup = lookups
            .remove(id)
            .unwrap_or_else(|| Lookup::Failed("not looked up".to_owned()));
        let entry = match lookup {
            Lookup::Found(release) => {
                let same_version = before.filter(|b| {
                    carry && b.version.is_some() && b.version == release.version && b.found
                });
                LibraryPulse {
                    pypi: project.clone(),
                    version: release.version,
                    released: release.released,
                    downloads: count,
                    license: release
                        .license
                        .or_else(|| same_version.and_then(|b| b.license.clone())),
                    python: release
                        .python
                        .or_else(|| same_version.and_then(|b| b.python.clone())),
                    found: true,
                }
            }
            Lookup::NotFound => LibraryPulse {
                pypi: project.clone(),
                version: None,
                released: None,
                downloads: None,
                license: None,
                python: None,
                found: false,
            },
            Lookup::Failed(why) => {
                failed.insert(id.clone(), why);
                match before {
                    Some(before) => LibraryPulse {
                        downloads: if before.found { count } else { None },
                        ..before.clone()
                    },
                    None => LibraryPulse {
                        pypi: project.clone(),
                        version: None,
                        released: None,
                        downloads: count,
                        license: None,
                        python: None,
                        found: true,
                    },
                }
            }
        };
        entries.insert(id.clone(), entry);
    }
    (entries, failed)
}

/// The file's text: a header that says where it comes from, then the TOML.
pub fn render(file: &PulseFile) -> Result<String> {
    let toml = toml::to_string(file).context("cannot write the pulse file as TOML")?;
    Ok(format!(
        "# Every PyPI library's figures: latest version and release, licence, Python versions\n\
         # and downloads in 30 days, with their sources and dates. The build reads this file\n\
         # and gives each library its figures.\n\
         #\n\
         # Written by `site pulse refresh`; do not edit by hand. To refresh it from PyPI:\n\
         #   cargo run --bin site -- pulse refresh\n\
         # or from local copies of the data:\n\
         #   cargo run --bin site -- pulse refresh --pypi-list FILE --as-of YYYY-MM-DD --downloads FILE\n\
         \n\
         {toml}"
    ))
}

/// Whether `text` is a date, `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    text.len() == 10 && Month::parse(text).is_some()
}

/// Whether a library's latest release is [`pyuses_content::pulse::QUIET_MONTHS`] or more
/// before `as_of`, as the build counts it.
pub fn is_quiet(entry: &LibraryPulse, as_of: &str) -> bool {
    let (Some(released), Some(as_of)) = (
        entry.released.as_deref().and_then(Month::parse),
        Month::parse(as_of),
    ) else {
        return false;
    };
    entry.found && released.months_until(as_of) >= pyuses_content::pulse::QUIET_MONTHS
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The calendar date `days` after 1970-01-01. Written by hand (Howard Hinnant's
/// `civil_from_days`): the tool needs this one conversion, not a date crate.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_819), (2027, 1, 1));
        assert_eq!(civil_from_days(20_818), (2026, 12, 31));
        assert!(is_date(&today()));
    }

    fn entry(project: &str, version: &str, released: &str) -> LibraryPulse {
        LibraryPulse {
            pypi: project.to_owned(),
            version: Some(version.to_owned()),
            released: Some(released.to_owned()),
            downloads: None,
            license: Some("MIT".to_owned()),
            python: Some(">=3.9".to_owned()),
            found: true,
        }
    }

    fn previous(libraries: &[(&str, LibraryPulse)]) -> PulseFile {
        PulseFile {
            releases: source(PYPI_NAME, "2026-01-01"),
            downloads: downloads::Downloads::default().meta,
            libraries: libraries
                .iter()
                .map(|(id, e)| ((*id).to_owned(), e.clone()))
                .collect(),
        }
    }

    #[test]
    fn a_project_list_keeps_the_licence_of_the_same_version_only() {
        let projects = BTreeMap::from([
            ("same".to_owned(), "Same".to_owned()),
            ("newer".to_owned(), "newer".to_owned()),
        ]);
        let release = |version: &str| {
            Lookup::Found(Release {
                version: Some(version.to_owned()),
                released: Some("2026-11".to_owned()),
                ..Release::default()
            })
        };
        let lookups = BTreeMap::from([
            ("same".to_owned(), release("1.0")),
            ("newer".to_owned(), release("2.0")),
        ]);
        let before = previous(&[
            ("same", entry("same", "1.0", "2026-01-02")),
            ("newer", entry("newer", "1.0", "2026-01-02")),
        ]);
        let downloads = downloads::Downloads::default();
        let (entries, failed) = merge(&projects, lookups.clone(), &downloads, Some(&before), true);
        assert!(failed.is_empty());
        assert_eq!(entries["same"].license.as_deref(), Some("MIT"));
        assert_eq!(entries["same"].python.as_deref(), Some(">=3.9"));
        assert_eq!(entries["same"].released.as_deref(), Some("2026-11"));
        assert_eq!(entries["newer"].license, None);
        // PyPI's own answer is the whole truth: nothing is carried.
        let (entries, _) = merge(&projects, lookups, &downloads, Some(&before), false);
        assert_eq!(entries["same"].license, None);
    }

    #[test]
    fn a_failed_lookup_keeps_the_previous_figures_of_the_same_project() {
        let projects = BTreeMap::from([
            ("kept".to_owned(), "kept".to_owned()),
            ("moved".to_owned(), "new-name".to_owned()),
        ]);
        let lookups = BTreeMap::from([
            ("kept".to_owned(), Lookup::Failed("timed out".to_owned())),
            ("moved".to_owned(), Lookup::Failed("timed out".to_owned())),
        ]);
        let before = previous(&[
            ("kept", entry("kept", "1.0", "2026-01-02")),
            ("moved", entry("old-name", "1.0", "2026-01-02")),
        ]);
        let (entries, failed) = merge(
            &projects,
            lookups,
            &downloads::Downloads::default(),
            Some(&before),
            false,
        );
        assert_eq!(entries["kept"], before.libraries["kept"]);
        assert_eq!(entries["moved"].pypi, "new-name");
        assert_eq!(entries["moved"].version, None);
        assert_eq!(failed.len(), 2);
    }

    #[test]
    fn quiet_counts_whole_months_from_the_releases_date() {
        let old = entry("old", "1.0", "2024-12-31");
        assert!(is_quiet(&old, "2026-12-01"));
        assert!(!is_quiet(&old, "2026-11-30"));
        let gone = LibraryPulse {
            found: false,
            ..old.clone()
        };
        assert!(!is_quiet(&gone, "2030-01-01"));
    }
}
