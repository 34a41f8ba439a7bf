//! What a refresh changed, in words: the sources, then each kind of change with the
//! libraries it touched (id first, aligned), then the counts.

use std::collections::BTreeMap;
use std::fmt::{self, Display, Formatter};
use std::path::Path;

use pyuses_content::figures::grouped as thousands;
use pyuses_content::pipeline::library::normalize_pypi;
use pyuses_content::pulse::{LibraryPulse, PulseFile, QUIET_MONTHS};

use super::is_quiet;

/// A refresh, to be told.
#[derive(Debug)]
pub struct Report<'a> {
    /// The pulse file.
    pub out: &'a Path,
    /// Whether it was written (not a dry run).
    pub written: bool,
    /// What it held before, if it was there.
    pub previous: Option<&'a PulseFile>,
    /// What it holds now.
    pub new: &'a PulseFile,
    /// The libraries that could not be read (id → why), which kept their figures.
    pub failed: &'a BTreeMap<String, String>,
    /// The libraries whose files say `stable` or `history` → which.
    pub marked: &'a BTreeMap<String, &'static str>,
    /// How many projects the download data lists.
    pub listed: usize,
}

/// One kind of change: a title, its name in the closing count (one, many), a line per
/// library (id, what), and what to do about them.
struct Group {
    title: String,
    short: (&'static str, &'static str),
    rows: Vec<(String, String)>,
    advice: Option<&'static str>,
}

impl Report<'_> {
    /// The previous entry of `id`, when it was for the same project.
    fn before(&self, id: &str, now: &LibraryPulse) -> Option<&LibraryPulse> {
        self.previous
            .and_then(|file| file.libraries.get(id))
            .filter(|before| normalize_pypi(&before.pypi) == normalize_pypi(&now.pypi))
    }

    /// The kinds of change, in the order they are told; empty ones are left out.
    fn groups(&self) -> Vec<Group> {
        let as_of = &self.new.releases.date;
        let mut versions = Vec::new();
        let mut first = Vec::new();
        let mut quiet = Vec::new();
        let mut again = Vec::new();
        let mut gone = Vec::new();
        let mut moved = Vec::new();
        for (id, now) in &self.new.libraries {
            if self.failed.contains_key(id) {
                continue;
            }
            let before = self.before(id, now);
            let was_quiet = match (before, self.previous) {
                (Some(before), Some(previous)) => is_quiet(before, &previous.releases.date),
                _ => false,
            };
            match (self.previous.and_then(|f| f.libraries.get(id)), before) {
                (Some(other), None) => {
                    moved.push((id.clone(), format!("{} → {}", other.pypi, now.pypi)))
                }
                (None, _) if self.previous.is_some() && now.found => {
                    first.push((id.clone(), describe(now)));
                }
                _ => {}
            }
            if let Some(before) = before {
                if before.found && !now.found {
                    gone.push((id.clone(), format!("{} is not on PyPI", now.pypi)));
                }
                if let (Some(old), Some(new)) = (&before.version, &now.version)
                    && old != new
                    && before.found
                    && now.found
                {
                    versions.push((id.clone(), format!("{old} → {new}")));
                }
            }
            let quiet_now = is_quiet(now, as_of);
            if quiet_now && !was_quiet {
                let released = now.released.as_deref().unwrap_or_default();
                let line = match self.marked.get(id) {
                    Some(marked) => format!("last release {released} (its file says {marked})"),
                    None => format!("last release {released}"),
                };
                quiet.push((id.clone(), line));
            } else if was_quiet && !quiet_now && now.found {
                let released = now.released.as_deref().unwrap_or("date unknown");
                again.push((id.clone(), format!("released {released}")));
            }
        }
        let dropped: Vec<(String, String)> = self
            .previous
            .map(|file| {
                file.libraries
                    .iter()
                    .filter(|(id, _)| !self.new.libraries.contains_key(*id))
                    .map(|(id, before)| (id.clone(), before.pypi.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let failed = self
            .failed
            .iter()
            .map(|(id, why)| (id.clone(), why.clone()))
            .collect();

        let quiet_title = if self.previous.is_some() {
            format!("Now without a release in {QUIET_MONTHS} months")
        } else {
            format!("Without a release in {QUIET_MONTHS} months")
        };
        // The build warns about each quiet library that its file neither calls stable nor
        // keeps for history.
        let quiet_advice = quiet
            .iter()
            .any(|(id, _)| !self.marked.contains_key(id))
            .then_some(
                "Say `stable = \"…\"` or `history = \"…\"` in the file of each one not marked yet, or replace it.",
            );
        let groups = [
            (
                "New versions".to_owned(),
                ("new version", "new versions"),
                versions,
                None,
            ),
            (
                "New libraries".to_owned(),
                ("new library", "new libraries"),
                first,
                None,
            ),
            (
                quiet_title,
                ("newly quiet", "newly quiet"),
                quiet,
                quiet_advice,
            ),
            (
                format!("Released again after {QUIET_MONTHS} quiet months"),
                ("released again", "released again"),
                again,
                None,
            ),
            (
                "No longer found on PyPI".to_owned(),
                ("no longer found", "no longer found"),
                gone,
                None,
            ),
            (
                "PyPI project changed".to_owned(),
                ("project changed", "projects changed"),
                moved,
                None,
            ),
            (
                "Could not be read; their previous figures are kept".to_owned(),
                ("could not be read", "could not be read"),
                failed,
                Some("Run the refresh again later to update them."),
            ),
            (
                "No longer PyPI libraries of the content; their figures are dropped".to_owned(),
                ("dropped", "dropped"),
                dropped,
                None,
            ),
        ];
        groups
            .into_iter()
            .filter(|(_, _, rows, _)| !rows.is_empty())
            .map(|(title, short, rows, advice)| Group {
                title,
                short,
                rows,
                advice,
            })
            .collect()
    }
}

impl Display for Report<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let new = self.new;
        let count = new.libraries.len();
        let libraries = plural(count, "PyPI library", "PyPI libraries");
        if self.written {
            writeln!(f, "Wrote {}: figures for {libraries}.", self.out.display())?;
        } else {
            writeln!(
                f,
                "Dry run: {} is unchanged; it would have figures for {libraries}.",
                self.out.display()
            )?;
        }
        writeln!(
            f,
            "  Releases   {}, as of {}",
            new.releases.name, new.releases.date
        )?;
        writeln!(
            f,
            "  Downloads  {}, {}: {} listed, the smallest with {} downloads",
            new.downloads.name,
            new.downloads.date,
            plural(self.listed, "project", "projects"),
            thousands(new.downloads.floor)
        )?;
        if self.previous.is_none() {
            writeln!(
                f,
                "There was no pulse file before: every library's figures are new."
            )?;
        }

        let groups = self.groups();
        let width = groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|(id, _)| id.chars().count()))
            .max()
            .unwrap_or(0);
        for group in &groups {
            writeln!(f)?;
            writeln!(f, "{} ({}):", group.title, group.rows.len())?;
            for (id, what) in &group.rows {
                writeln!(f, "  {id:<width$}  {what}")?;
            }
            if let Some(advice) = group.advice {
                writeln!(f, "  {advice}")?;
            }
        }

        let found = new.libraries.values().filter(|e| e.found).count();
        let versions = new
            .libraries
            .values()
            .filter(|e| e.found && e.version.is_some())
            .count();
        let counted = new
            .libraries
            .values()
            .filter(|e| e.downloads.is_some())
            .count();
        writeln!(f)?;
        write!(
            f,
            "In all: {libraries}; {found} found on PyPI ({versions} with a version), {} not found",
            count - found
        )?;
        if !self.failed.is_empty() {
            write!(f, ", {} kept from before", self.failed.len())?;
        }
        writeln!(
            f,
            "; {counted} with a download count, {} with fewer than {}.",
            found - counted.min(found),
            thousands(new.downloads.floor)
        )?;
        if self.previous.is_some() {
            let told: Vec<String> = groups
                .iter()
                .map(|g| match g.rows.len() {
                    1 => format!("1 {}", g.short.0),
                    n => format!("{n} {}", g.short.1),
                })
                .collect();
            if told.is_empty() {
                writeln!(f, "Since the last refresh: no change to report.")?;
            } else {
                writeln!(f, "Since the last refresh: {}.", told.join(", "))?;
            }
        }
        Ok(())
    }
}

/// A new entry in a few words: "1.0.0, released 2026-10-02".
fn describe(entry: &LibraryPulse) -> String {
    match (&entry.version, &entry.released) {
        (Some(version), Some(released)) => format!("{version}, released {released}"),
        (Some(version), None) => version.clone(),
        (None, Some(released)) => format!("released {released}"),
        (None, None) => "no version known".to_owned(),
    }
}

/// "1 project", "15,000 projects".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
